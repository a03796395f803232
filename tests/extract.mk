## tests of the extract stage
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_extract
TESTS += tests/unit/test_extract
tests_unit_test_extract_LDADD = $(UNIT_LDADD)
tests_unit_test_extract_CFLAGS = $(UNIT_CFLAGS)
endif
TESTS += \
	tests/extract/extract.sh \
	tests/extract/quality.sh \
	tests/extract/robustness.sh \
	tests/extract/save.sh \
	tests/extract/fulltext.sh \
	tests/extract/rules.sh
EXTRA_DIST += $(wildcard $(srcdir)/tests/extract/*.sh) tests/extract/pageserver.py \
	tests/data/extract/article.html tests/data/extract/home.html \
	tests/data/extract/moscow.html \
	tests/data/extract/login.html \
	$(wildcard $(srcdir)/tests/data/extract/rules/*.html) \
	$(wildcard $(srcdir)/tests/data/extract/rules/*.txt) \
	bench/extract/score.py bench/extract/run.py bench/extract/misses.py bench/extract/readability_bench.js \
	bench/extract/package.json bench/extract/README.md
