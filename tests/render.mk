## tests of the render stage
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_render tests/unit/test_render_golden tests/unit/test_items
TESTS += tests/unit/test_render tests/unit/test_render_golden tests/unit/test_items
tests_unit_test_items_LDADD = $(UNIT_LDADD)
tests_unit_test_items_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_render_LDADD = $(UNIT_LDADD)
tests_unit_test_render_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_render_golden_LDADD = $(UNIT_LDADD)
tests_unit_test_render_golden_CFLAGS = $(UNIT_CFLAGS)
endif

TESTS += tests/render/show.sh
EXTRA_DIST += tests/render/show.sh
EXTRA_DIST += $(wildcard $(srcdir)/tests/data/render/*.html) \
	$(wildcard $(srcdir)/tests/data/render/*.txt) $(wildcard $(srcdir)/tests/data/render/*.md)
# the image stage (#16): decoding within limits, symbols, kitty and sixel output
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_image
TESTS += tests/unit/test_image
tests_unit_test_image_LDADD = $(UNIT_LDADD)
tests_unit_test_image_CFLAGS = $(UNIT_CFLAGS)
endif
