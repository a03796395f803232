## libFuzzer targets (./configure CC=clang --enable-fuzzing), one per input format, run by
## fuzz/run. Each target file also builds, with fuzz/replay.c instead of libFuzzer, into the
## replay programs of tests/hardening.mk, so every build checks the saved inputs.
FUZZ_TARGETS = \
	fuzz/feeds_file \
	fuzz/config \
	fuzz/render \
	fuzz/opml \
	fuzz/feed \
	fuzz/date \
	fuzz/extract \
	fuzz/image
noinst_PROGRAMS += $(FUZZ_TARGETS)
FUZZ_COMMON = fuzz/fuzz.h fuzz/fuzz_util.c
FUZZ_LINK_FLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)

fuzz_feeds_file_SOURCES = fuzz/feeds_file.c $(FUZZ_COMMON)
fuzz_feeds_file_LDADD = $(TIDINGS_LIBS)
fuzz_feeds_file_LDFLAGS = $(FUZZ_LINK_FLAGS)
fuzz_config_SOURCES = fuzz/config.c $(FUZZ_COMMON)
fuzz_config_LDADD = $(TIDINGS_LIBS)
fuzz_config_LDFLAGS = $(FUZZ_LINK_FLAGS)
fuzz_render_SOURCES = fuzz/render.c $(FUZZ_COMMON)
fuzz_render_LDADD = $(TIDINGS_LIBS)
fuzz_render_LDFLAGS = $(FUZZ_LINK_FLAGS)
fuzz_opml_SOURCES = fuzz/opml.c $(FUZZ_COMMON)
fuzz_opml_LDADD = $(TIDINGS_LIBS)
fuzz_opml_LDFLAGS = $(FUZZ_LINK_FLAGS)
fuzz_feed_SOURCES = fuzz/feed.c $(FUZZ_COMMON)
fuzz_feed_LDADD = $(TIDINGS_LIBS)
fuzz_feed_LDFLAGS = $(FUZZ_LINK_FLAGS)
fuzz_date_SOURCES = fuzz/date.c $(FUZZ_COMMON)
fuzz_date_LDADD = $(TIDINGS_LIBS)
fuzz_date_LDFLAGS = $(FUZZ_LINK_FLAGS)
fuzz_extract_SOURCES = fuzz/extract.c $(FUZZ_COMMON)
fuzz_extract_LDADD = $(TIDINGS_LIBS)
fuzz_extract_LDFLAGS = $(FUZZ_LINK_FLAGS)
fuzz_image_SOURCES = fuzz/image.c $(FUZZ_COMMON)
fuzz_image_LDADD = $(TIDINGS_LIBS)
fuzz_image_LDFLAGS = $(FUZZ_LINK_FLAGS)
