## the command line: the tidings program, one cmd_*.c per command
tidings_SOURCES += \
	src/cli/cli.h src/cli/commands.def \
	src/cli/main.c \
	src/cli/json_out.c src/cli/json_out.h \
	src/cli/cmd_config.c \
	src/cli/cmd_feeds.c \
	src/cli/cmd_add.c src/cli/cmd_import.c src/cli/cmd_refresh.c src/cli/cmd_save.c \
	src/cli/cmd_extract.c src/cli/cmd_parse.c src/cli/cmd_show.c src/cli/cmd_read.c \
	src/cli/records.c src/cli/records.h \
	src/cli/cmd_search.c src/cli/cmd_check.c \
	src/cli/cmd_download.c
tidings_SOURCES += src/cli/newsboat_config.c src/cli/newsboat_config.h
tidings_SOURCES += src/cli/cmd_housekeep.c
