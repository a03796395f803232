libtidings_a_SOURCES += src/filter/filter.c src/filter/filter.h
