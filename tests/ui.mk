## tests of the ui stage

TESTS += tests/ui/reader.sh tests/ui/refresh.sh tests/ui/config.sh tests/ui/links.sh \
	tests/ui/docs.sh tests/ui/states.sh tests/ui/newuser.sh tests/ui/search.sh tests/ui/downloads.sh
EXTRA_DIST += tests/ui/tmux.sh tests/ui/cache.sh tests/ui/feedserver.py \
	tests/ui/reader.sh tests/ui/refresh.sh tests/ui/config.sh tests/ui/links.sh tests/ui/docs.sh \
	tests/ui/states.sh tests/ui/newuser.sh tests/ui/search.sh tests/ui/downloads.sh \
	bench/ui/run bench/ui/make_caches.py bench/ui/tmux_first_screen.py bench/ui/pty_bench.py bench/ui/query_marks.py

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_view tests/unit/test_keys
TESTS += tests/unit/test_view tests/unit/test_keys
tests_unit_test_view_LDADD = $(UNIT_LDADD)
tests_unit_test_view_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_keys_LDADD = $(UNIT_LDADD)
tests_unit_test_keys_CFLAGS = $(UNIT_CFLAGS)
endif
# the polish work's reader checks
TESTS += tests/ui/refresh_busy.sh
EXTRA_DIST += tests/ui/refresh_busy.sh
# pictures in the reading pane (#16)
TESTS += tests/ui/pictures.sh tests/ui/pictures_pixels.sh
EXTRA_DIST += tests/ui/pictures.sh tests/ui/pictures_pixels.sh tests/ui/fake_terminal.py tests/ui/imageserver.py bench/ui/pictures bench/ui/pictures_pty.py
