## The filter language (src/filter), its SQL (src/store/filter_sql.c), and newsboat's verdicts.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_filter
TESTS += tests/unit/test_filter
tests_unit_test_filter_LDADD = $(UNIT_LDADD)
tests_unit_test_filter_CFLAGS = $(UNIT_CFLAGS)
endif

TESTS += tests/filter/newsboat.sh tests/filter/commands.sh tests/filter/rules.sh tests/filter/reader.sh tests/filter/migrate.sh tests/filter/housekeep.sh \
	tests/filter/query_counts.sh
EXTRA_DIST += bench/filter/run
EXTRA_DIST += tests/filter/newsboat.sh tests/filter/commands.sh tests/filter/rules.sh tests/filter/reader.sh tests/filter/migrate.sh tests/filter/housekeep.sh tests/filter/query_counts.sh tests/data/filter/news.xml tests/data/filter/tech.xml \
	tests/data/filter/newsboat-expressions.txt
