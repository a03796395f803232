## Every test speaks TAP, so that the harness counts single checks, not programs.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
TEST_EXTENSIONS = .sh
AM_TESTS_ENVIRONMENT = \
	CMOCKA_MESSAGE_OUTPUT=TAP; export CMOCKA_MESSAGE_OUTPUT; \
	TIDINGS=$(abs_top_builddir)/tidings; export TIDINGS; \
	TESTS_SRCDIR=$(abs_top_srcdir)/tests; export TESTS_SRCDIR; \
	TIDINGS_SANITIZERS=$(enable_sanitizers); export TIDINGS_SANITIZERS; \
	SHARED_DIR=$${SHARED_DIR:-$(abs_top_srcdir)/../shared}; export SHARED_DIR; \
	LC_ALL=C.UTF-8; export LC_ALL;

EXTRA_DIST += tests/lib.sh build-aux/tap-driver.sh

if HAVE_CMOCKA
UNIT_TESTS = \
	tests/unit/test_util \
	tests/unit/test_paths \
	tests/unit/test_log \
	tests/unit/test_text \
	tests/unit/test_config \
	tests/unit/test_feeds_file \
	tests/unit/test_cache \
	tests/unit/test_search
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
UNIT_LDADD = $(TIDINGS_LIBS) $(IMAGE_LIBS) $(CMOCKA_LIBS)
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_paths_LDADD = $(UNIT_LDADD)
tests_unit_test_paths_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_log_LDADD = $(UNIT_LDADD)
tests_unit_test_log_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_util_LDADD = $(UNIT_LDADD)
tests_unit_test_util_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_text_LDADD = $(UNIT_LDADD)
tests_unit_test_text_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_config_LDADD = $(UNIT_LDADD)
tests_unit_test_config_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_feeds_file_LDADD = $(UNIT_LDADD)
tests_unit_test_feeds_file_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_cache_LDADD = $(UNIT_LDADD)
tests_unit_test_cache_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_search_LDADD = $(UNIT_LDADD)
tests_unit_test_search_CFLAGS = $(UNIT_CFLAGS)
endif

TESTS += \
	tests/cli/basics.sh \
	tests/cli/config.sh \
	tests/cli/cache.sh \
	tests/cli/feeds.sh \
	tests/cli/search.sh \
	tests/cli/cost.sh \
	tests/cli/libraries.sh \
	tests/cli/errors.sh \
	tests/cli/content.sh
EXTRA_DIST += $(wildcard $(srcdir)/tests/cli/*.sh)
