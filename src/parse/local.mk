## the parse stage: feed documents (RSS, Atom, JSON Feed) in, items out
libtidings_a_SOURCES += src/parse/feed.h \
	src/parse/feed.c src/parse/internal.h src/parse/model.c src/parse/xmlnode.c \
	src/parse/rss.c src/parse/atom.c src/parse/jsonfeed.c src/parse/ext.c \
	src/parse/date.c src/parse/date.h \
	src/parse/encoding.c src/parse/encoding.h src/parse/clean.c src/parse/clean.h
