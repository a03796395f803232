## The ecosystem stage: OPML import and export, moving over from newsboat, man pages, shell
## completion, installation and the benchmark runner. (There is no src/ecosystem, so its
## sources are listed here.)
libtidings_a_SOURCES += src/config/opml.c src/config/opml.h
tidings_SOURCES += src/cli/cmd_import.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_opml
TESTS += tests/unit/test_opml
tests_unit_test_opml_LDADD = $(UNIT_LDADD)
tests_unit_test_opml_CFLAGS = $(UNIT_CFLAGS)
endif

TESTS += \
	tests/ecosystem/opml.sh \
	tests/ecosystem/newsboat.sh
EXTRA_DIST += $(wildcard $(srcdir)/tests/ecosystem/*.sh) \
	$(wildcard $(srcdir)/tests/data/ecosystem/*)
