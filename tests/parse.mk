## tests of the parse stage: unit tests of the date parser, URL resolution, the feed parser
## and the cache merge; shell tests of `tidings parse`, the gofeed conformance corpus and the
## robustness run over every XML file of ../shared/corpora.
if HAVE_CMOCKA
PARSE_UNIT_TESTS = \
	tests/unit/test_date \
	tests/unit/test_url \
	tests/unit/test_parse_feed \
	tests/unit/test_merge
check_PROGRAMS += $(PARSE_UNIT_TESTS)
TESTS += $(PARSE_UNIT_TESTS)
tests_unit_test_date_LDADD = $(UNIT_LDADD)
tests_unit_test_date_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_url_LDADD = $(UNIT_LDADD)
tests_unit_test_url_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_parse_feed_LDADD = $(UNIT_LDADD)
tests_unit_test_parse_feed_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_merge_LDADD = $(UNIT_LDADD)
tests_unit_test_merge_CFLAGS = $(UNIT_CFLAGS)
endif

check_PROGRAMS += tests/parse/parse_corpus
tests_parse_parse_corpus_SOURCES = tests/parse/parse_corpus.c
tests_parse_parse_corpus_LDADD = $(TIDINGS_LIBS)

TESTS += \
	tests/parse/cli.sh \
	tests/parse/dates.sh \
	tests/parse/gofeed.sh \
	tests/parse/robustness.sh
EXTRA_DIST += $(wildcard $(srcdir)/tests/parse/*.sh) $(wildcard $(srcdir)/tests/parse/*.py) \
	$(wildcard $(srcdir)/tests/parse/*.txt) $(wildcard $(srcdir)/tests/data/parse/*)

# The parse benchmark (bench/parse/run.sh runs it; not part of make check).
noinst_PROGRAMS += bench/parse/bench_parse
bench_parse_bench_parse_SOURCES = bench/parse/bench_parse.c
bench_parse_bench_parse_LDADD = $(TIDINGS_LIBS)
EXTRA_DIST += bench/parse/run.sh bench/parse/gen.py
