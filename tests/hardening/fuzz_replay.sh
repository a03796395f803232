#!/bin/sh
# Every fuzz target, built without libFuzzer, over its seed corpus and every crash input the
# fuzzers ever found (tests/data/hardening/crashes/TARGET/): none may crash or fail a check.
. "$TESTS_SRCDIR/lib.sh"

build=$(dirname "$TIDINGS")
src=$(dirname "$TESTS_SRCDIR")
for corpus in "$src"/fuzz/corpus/*/; do
	t=$(basename "$corpus")
	replay=$build/tests/hardening/replay_$t
	if [ ! -x "$replay" ]; then
		ok 1 "$t: replay program built"
		continue
	fi
	set -- "$corpus"
	[ -d "$TESTS_SRCDIR/data/hardening/crashes/$t" ] &&
		set -- "$@" "$TESTS_SRCDIR/data/hardening/crashes/$t"
	OUT=$("$replay" "$@" 2>"$T_DIR/stderr")
	RC=$?
	ERR=$(cat "$T_DIR/stderr")
	check "$t: seed corpus and saved crashes replay cleanly ($OUT)" [ "$RC" -eq 0 ]
done

done_testing
