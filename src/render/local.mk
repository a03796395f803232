## the render stage: a document (HTML, Markdown, text) in, terminal lines out
libtidings_a_SOURCES += \
	src/render/doc.c src/render/doc.h \
	src/render/header.c \
	src/render/html.c \
	src/render/markdown.c \
	src/render/render.h \
	src/render/term.c \
	src/render/text.c
## the render benchmark: bench/render/render-bench [FILE.html] [RUNS]
noinst_PROGRAMS += bench/render/render-bench
EXTRA_DIST += bench/render/run
bench_render_render_bench_SOURCES = bench/render/render_bench.c
bench_render_render_bench_LDADD = $(TIDINGS_LIBS)
