## the fetch stage: the network (libcurl) and nothing else
libtidings_a_SOURCES += src/fetch/fetch.c src/fetch/fetch.h src/fetch/command.c src/fetch/command.h \
	src/fetch/curl_load.c src/fetch/decoders_load.c
