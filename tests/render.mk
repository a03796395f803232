## tests of the render stage
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_render
TESTS += tests/unit/test_render
tests_unit_test_render_LDADD = $(UNIT_LDADD)
tests_unit_test_render_CFLAGS = $(UNIT_CFLAGS)
endif

TESTS += tests/render/show.sh
EXTRA_DIST += tests/render/show.sh
