libtidings_a_SOURCES += \
	src/fetch/fetch.c src/fetch/fetch.h \
	src/fetch/refresh.c src/fetch/refresh.h \
	src/fetch/discover.c src/fetch/discover.h
tidings_SOURCES += src/cli/cmd_refresh.c src/cli/cmd_add.c
