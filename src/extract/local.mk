## the extract stage: article extraction ("reader mode"), full text and saving
libtidings_a_SOURCES += \
	src/extract/extract.c src/extract/extract.h \
	src/extract/dom.c src/extract/dom.h \
	src/extract/meta.c
tidings_SOURCES += src/cli/cmd_extract.c

## the in-process timing program of the extraction benchmark (bench/extract/run.py)
noinst_PROGRAMS += bench/extract/extract-bench
bench_extract_extract_bench_SOURCES = bench/extract/extract_bench.c
bench_extract_extract_bench_LDADD = $(TIDINGS_LIBS)
