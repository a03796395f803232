## tasks: work that combines the stages (fetch, parse, store, extract, render), called by the
## reader and the command line: refresh, full text, save, subscribe (with discovery), import.
libtidings_a_SOURCES += \
	src/tasks/article.c src/tasks/article.h \
	src/tasks/refresh.c src/tasks/refresh.h \
	src/tasks/fulltext.c src/tasks/fulltext.h \
	src/tasks/save.c src/tasks/save.h \
	src/tasks/discover.c src/tasks/discover.h \
	src/tasks/subscribe.c src/tasks/subscribe.h \
	src/tasks/import.c src/tasks/import.h \
	src/tasks/sync.c src/tasks/sync.h \
	src/tasks/ignore.c src/tasks/ignore.h \
	src/tasks/pictures.c src/tasks/pictures.h \
	src/tasks/download.c src/tasks/download.h
