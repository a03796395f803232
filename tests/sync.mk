## tests of sync: two machines through a real FreshRSS (skipped without PHP), faults through
## a small Google Reader API server of our own
EXTRA_DIST += tests/servers/greaderfault.py tests/sync/freshrss.sh
TESTS += \
	tests/sync/faults.sh \
	tests/sync/two-machines.sh \
	tests/sync/offline.sh
EXTRA_DIST += tests/sync/faults.sh tests/sync/two-machines.sh tests/sync/offline.sh
