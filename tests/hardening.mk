## tests of the hardening stage: hostile documents, fault injection, crash safety, resource
## bounds, and the fuzz targets replayed over their seed corpora and every crash ever found.

# Each fuzz target built with fuzz/replay.c instead of libFuzzer (any compiler).
FUZZ_REPLAYERS = \
	tests/hardening/replay_feeds_file \
	tests/hardening/replay_config \
	tests/hardening/replay_render \
	tests/hardening/replay_opml \
	tests/hardening/replay_feed \
	tests/hardening/replay_date \
	tests/hardening/replay_extract \
	tests/hardening/replay_image
check_PROGRAMS += $(FUZZ_REPLAYERS)
REPLAY_COMMON = fuzz/fuzz.h fuzz/fuzz_util.c fuzz/replay.c
tests_hardening_replay_feeds_file_SOURCES = fuzz/feeds_file.c $(REPLAY_COMMON)
tests_hardening_replay_feeds_file_CFLAGS = $(AM_CFLAGS)
tests_hardening_replay_feeds_file_LDADD = $(TIDINGS_LIBS)
tests_hardening_replay_config_SOURCES = fuzz/config.c $(REPLAY_COMMON)
tests_hardening_replay_config_CFLAGS = $(AM_CFLAGS)
tests_hardening_replay_config_LDADD = $(TIDINGS_LIBS)
tests_hardening_replay_render_SOURCES = fuzz/render.c $(REPLAY_COMMON)
tests_hardening_replay_render_CFLAGS = $(AM_CFLAGS)
tests_hardening_replay_render_LDADD = $(TIDINGS_LIBS)
tests_hardening_replay_opml_SOURCES = fuzz/opml.c $(REPLAY_COMMON)
tests_hardening_replay_opml_CFLAGS = $(AM_CFLAGS)
tests_hardening_replay_opml_LDADD = $(TIDINGS_LIBS)
tests_hardening_replay_feed_SOURCES = fuzz/feed.c $(REPLAY_COMMON)
tests_hardening_replay_feed_CFLAGS = $(AM_CFLAGS)
tests_hardening_replay_feed_LDADD = $(TIDINGS_LIBS)
tests_hardening_replay_date_SOURCES = fuzz/date.c $(REPLAY_COMMON)
tests_hardening_replay_date_CFLAGS = $(AM_CFLAGS)
tests_hardening_replay_date_LDADD = $(TIDINGS_LIBS)
tests_hardening_replay_extract_SOURCES = fuzz/extract.c $(REPLAY_COMMON)
tests_hardening_replay_extract_CFLAGS = $(AM_CFLAGS)
tests_hardening_replay_extract_LDADD = $(TIDINGS_LIBS)
tests_hardening_replay_image_SOURCES = fuzz/image.c $(REPLAY_COMMON)
tests_hardening_replay_image_CFLAGS = $(AM_CFLAGS)
tests_hardening_replay_image_LDADD = $(TIDINGS_LIBS)

HARDENING_TESTS = \
	tests/hardening/fuzz_replay.sh \
	tests/hardening/hostile.sh \
	tests/hardening/faults.sh \
	tests/hardening/browser.sh \
	tests/hardening/resources.sh \
	tests/hardening/crash_safety.sh \
	tests/hardening/ui_refresh.sh \
	tests/hardening/round2_faults.sh \
	tests/hardening/round2_bounds.sh \
	tests/hardening/round2_cache.sh \
	tests/hardening/round2_downgrade.sh \
	tests/hardening/crash_import.sh
TESTS += $(HARDENING_TESTS)
SLOW_TESTS += tests/hardening/hostile.sh tests/hardening/faults.sh \
	tests/hardening/resources.sh tests/hardening/crash_safety.sh
EXTRA_DIST += $(HARDENING_TESTS) tests/hardening/screen_safe.py tests/hardening/measure.py \
	tests/hardening/crash_trials.py tests/hardening/crash-trials tests/hardening/crash_import.py \
	fuzz/run fuzz/xml.dict fuzz/local.mk fuzz/corpus tests/data/hardening
