#!/bin/sh
# Robustness: every XML (and JSON) file of $SHARED_DIR/corpora (thousands of real, invalid
# and hostile feeds) parses without a crash, a hang, a signal or a sanitizer report, and
# everything that comes out is clean UTF-8. One process parses them all (parse_corpus), with
# a time limit per file; the whole run also has a time limit.
. "$TESTS_SRCDIR/lib.sh"

CORPORA="$SHARED_DIR/corpora"
RUNNER="$(dirname "$TIDINGS")/tests/parse/parse_corpus"
if [ ! -d "$CORPORA" ]; then
	echo "1..0 # SKIP no corpora at $CORPORA"
	exit 0
fi
find "$CORPORA" -type f \( -name '*.xml' -o -name '*.json' \) | sort >"$T_DIR/files"
COUNT=$(wc -l <"$T_DIR/files")
timeout 600 "$RUNNER" 10 - <"$T_DIR/files" >"$T_DIR/out" 2>"$T_DIR/err"
RC=$?
OUT=$(cat "$T_DIR/out")
ERR=$(tail -20 "$T_DIR/err")
is "$RC" 0 "all $COUNT files parse without crash, hang or unclean output ($OUT)"
check "the run covered thousands of files" test "$COUNT" -gt 2000
is "$(grep -v '^==' "$T_DIR/err" | head -5)" "" "libxml2 printed nothing of its own on stderr"
# one file through the command itself, with its exit status
td parse --json "$(head -1 "$T_DIR/files")"
check "tidings parse exits normally on a corpus file" test "$RC" -le 1
done_testing
