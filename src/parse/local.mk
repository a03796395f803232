libtidings_a_SOURCES += src/parse/feed.h
