# Sync with aggregator servers: the task, its HTTP client, the password, one file per API.
libtidings_a_SOURCES += \
	src/sync/sync.c src/sync/sync.h src/sync/backend.h \
	src/sync/greader.c src/sync/http.c src/sync/http.h \
	src/sync/credentials.c src/sync/credentials.h
tidings_SOURCES += src/cli/cmd_sync.c src/cli/cmd_mark.c src/cli/resolve.c src/cli/resolve.h
