## tests of the fetch stage
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_fetch tests/unit/test_refresh
TESTS += tests/unit/test_fetch tests/unit/test_refresh
tests_unit_test_fetch_LDADD = $(UNIT_LDADD)
tests_unit_test_fetch_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_refresh_LDADD = $(UNIT_LDADD)
tests_unit_test_refresh_CFLAGS = $(UNIT_CFLAGS)
check_PROGRAMS += tests/unit/test_downloads
TESTS += tests/unit/test_downloads
tests_unit_test_downloads_LDADD = $(UNIT_LDADD)
tests_unit_test_downloads_CFLAGS = $(UNIT_CFLAGS)
endif
EXTRA_DIST += tests/servers/faultserver.py tests/servers/nginx_tls.sh
TESTS += \
	tests/fetch/faults.sh \
	tests/fetch/status.sh \
	tests/fetch/add.sh \
	tests/fetch/reuse.sh \
	tests/fetch/headers.sh \
	tests/fetch/download.sh
TESTS += tests/fetch/http2.sh
EXTRA_DIST += tests/fetch/http2.sh
EXTRA_DIST += tests/fetch/server.sh tests/fetch/faults.sh tests/fetch/status.sh tests/fetch/add.sh \
	tests/fetch/reuse.sh tests/fetch/headers.sh tests/fetch/download.sh
EXTRA_DIST += bench/refresh/README bench/refresh/run.sh bench/refresh/gen.py bench/refresh/nginx.conf \
	bench/refresh/gen_web.py bench/refresh/slowhosts.py
# the picture loader (#16): disk cache, refusals, forgetting
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_pictures
TESTS += tests/unit/test_pictures
tests_unit_test_pictures_LDADD = $(UNIT_LDADD)
tests_unit_test_pictures_CFLAGS = $(UNIT_CFLAGS)
endif
