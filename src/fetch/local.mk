libtidings_a_SOURCES += \
	src/fetch/fetch.c src/fetch/fetch.h
