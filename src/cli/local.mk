tidings_SOURCES += \
	src/cli/cli.h src/cli/commands.def \
	src/cli/main.c \
	src/cli/json_out.c src/cli/json_out.h \
	src/cli/cmd_config.c \
	src/cli/cmd_feeds.c \
	src/cli/records.c src/cli/records.h \
	src/cli/cmd_search.c src/cli/cmd_check.c
