## tests of the extract stage
TESTS += \
	tests/extract/extract.sh \
	tests/extract/quality.sh \
	tests/extract/robustness.sh \
	tests/extract/save.sh \
	tests/extract/fulltext.sh
EXTRA_DIST += $(wildcard $(srcdir)/tests/extract/*.sh) \
	$(wildcard $(srcdir)/tests/data/extract/*) \
	bench/extract/score.py bench/extract/run.py bench/extract/readability_bench.js \
	bench/extract/package.json
