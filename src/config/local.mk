## config: the settings file, the feeds file and OPML
libtidings_a_SOURCES += \
	src/config/config.c src/config/config.h src/config/settings.def \
	src/config/feeds_file.c src/config/feeds_file.h \
	src/config/opml.c src/config/opml.h
