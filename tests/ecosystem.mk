## tests of the ecosystem: OPML import and export, moving over from newsboat, man pages,
## shell completion, installation and the benchmark runner.

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_opml
TESTS += tests/unit/test_opml
tests_unit_test_opml_LDADD = $(UNIT_LDADD)
tests_unit_test_opml_CFLAGS = $(UNIT_CFLAGS)
endif

TESTS += \
	tests/ecosystem/opml.sh \
	tests/ecosystem/newsboat.sh \
	tests/ecosystem/newsboat_noguid.sh \
	tests/ecosystem/deps.sh \
	tests/ecosystem/man.sh \
	tests/ecosystem/completion.sh \
	tests/ecosystem/completion_tty.sh \
	tests/ecosystem/install.sh \
	tests/ecosystem/bench.sh \
	tests/ecosystem/env.sh
# TAB pressed in three real shells, in tmux: a few seconds
SLOW_TESTS += tests/ecosystem/completion_tty.sh
EXTRA_DIST += $(wildcard $(srcdir)/tests/ecosystem/*.sh) \
	$(wildcard $(srcdir)/tests/data/ecosystem/*)

# The man pages' generated sections (settings, keys, colours) come from the program's tables;
# tests/ecosystem/man.sh fails when they drift apart. This rewrites them.
EXTRA_DIST += man/gen-man.py
man-update:
	python3 $(srcdir)/man/gen-man.py $(srcdir)
.PHONY: man-update

# Bash completion, under the prefix (configure --with-bash-completion-dir names another place).
bashcompletiondir = $(BASH_COMPLETION_DIR)
dist_bashcompletion_DATA = completion/tidings
# zsh and fish completions and their generator (from src/cli/commands.def, as the man pages)
EXTRA_DIST += completion/_tidings completion/tidings.fish completion/gen-completion.py
completion-update:
	python3 $(srcdir)/completion/gen-completion.py $(srcdir)
.PHONY: completion-update

# bench/run and the OPML benchmark (the other benchmarks are listed by their stages).
EXTRA_DIST += bench/run bench/rows.py bench/README.md bench/opml/run bench/cli/run
