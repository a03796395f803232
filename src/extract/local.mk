## the extract stage: article extraction ("reader mode"), a web page in, its article out
libtidings_a_SOURCES += \
	src/extract/extract.c src/extract/extract.h \
	src/extract/dom.c src/extract/dom.h \
	src/extract/meta.c

## the in-process timing program of the extraction benchmark (bench/extract/run.py)
noinst_PROGRAMS += bench/extract/extract-bench
bench_extract_extract_bench_SOURCES = bench/extract/extract_bench.c
bench_extract_extract_bench_LDADD = $(TIDINGS_LIBS)
