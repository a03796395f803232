dist_man_MANS += man/tidings.1 man/tidings.conf.5
