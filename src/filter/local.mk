libtidings_a_SOURCES += src/filter/filter.c src/filter/filter.h src/filter/rules.c src/filter/rules.h
