libtidings_a_SOURCES += \
	src/store/cache.c src/store/cache.h src/store/schema.c \
	src/store/feeds.c src/store/feeds.h src/store/items.h \
	src/store/merge.c src/store/indexer.c src/store/indexer.h
libtidings_a_SOURCES += src/store/items.c
libtidings_a_SOURCES += src/store/filter_sql.c src/store/filter_sql.h
