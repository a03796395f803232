## the store: the SQLite cache; the only place with SQL
libtidings_a_SOURCES += \
	src/store/cache.c src/store/cache.h src/store/internal.h src/store/schema.c \
	src/store/feeds.c src/store/feeds.h src/store/items.h \
	src/store/merge.c src/store/index_merge.c src/store/indexer.c src/store/indexer.h \
	src/store/tokenizer.c src/store/tokenizer.h src/store/search.c src/store/search.h
libtidings_a_SOURCES += src/store/items.c src/store/view.c src/store/view.h \
	src/store/newsboat.c src/store/newsboat.h
libtidings_a_SOURCES += src/store/sync.c src/store/sync.h src/store/marks.c src/store/marks.h
libtidings_a_SOURCES += src/store/filter_sql.c src/store/filter_sql.h
libtidings_a_SOURCES += src/store/ignored.c src/store/ignored.h
libtidings_a_SOURCES += src/store/housekeep.c src/store/housekeep.h
libtidings_a_SOURCES += src/store/downloads.c src/store/downloads.h
