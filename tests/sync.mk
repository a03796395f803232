## tests of sync: two machines through a real FreshRSS (skipped without PHP), faults through
## a small Google Reader API server of our own
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_sync_store
TESTS += tests/unit/test_sync_store
tests_unit_test_sync_store_LDADD = $(UNIT_LDADD)
tests_unit_test_sync_store_CFLAGS = $(UNIT_CFLAGS)
endif
EXTRA_DIST += tests/servers/greaderfault.py tests/sync/freshrss.sh
TESTS += \
	tests/sync/faults.sh \
	tests/sync/two-machines.sh \
	tests/sync/offline.sh
EXTRA_DIST += tests/sync/faults.sh tests/sync/two-machines.sh tests/sync/offline.sh
EXTRA_DIST += bench/sync/run.sh bench/sync/README
