# Sync with aggregator servers: one file per API, the HTTP client, the password (the task
# itself is tasks/sync.c).
libtidings_a_SOURCES += \
	src/sync/backend.h \
	src/sync/greader.c src/sync/http.c src/sync/http.h \
	src/sync/credentials.c src/sync/credentials.h
tidings_SOURCES += src/cli/cmd_sync.c src/cli/cmd_mark.c src/cli/resolve.c src/cli/resolve.h
