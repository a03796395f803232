#!/bin/sh
# Crash safety: `tidings refresh` killed with SIGKILL at random points, CRASH_TRIALS times
# (50 in make check; tests/hardening/crash-trials runs more), over a refresh of 30 feeds that
# change on every fetch, served on 127.0.0.1. After each kill the cache passes
# PRAGMA integrity_check, no read or saved flag is lost, and the next refresh completes. The
# kill times come from CRASH_SEED when set, else from a seed the test prints.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/fetch/server.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 is not installed"; exit 0; }

TRIALS=${CRASH_TRIALS:-50}
for i in $(seq 1 30); do echo "$BASE/rotating/feed$i"; done >"$CONF/feeds"

python3 "$TESTS_SRCDIR/hardening/crash_trials.py" "$TRIALS" "$TIDINGS" "$CONF" "$DATA" \
	>"$T_DIR/summary" 2>&1
RC=$?
echo "# $(cat "$T_DIR/summary")"
summary() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]))' \
	"$T_DIR/summary" "$1" 2>/dev/null; }
echo "# seed $(summary seed): CRASH_SEED=$(summary seed) replays these kill times"
is "$(summary trials)" "$TRIALS" "$TRIALS refreshes were killed with SIGKILL"
kills=$(summary killed_mid_refresh)
# The rest came just after a refresh ended: the refresh that follows each kill checks those.
check "many kills landed while a refresh was running ($kills of $TRIALS)" \
	[ "${kills:-0}" -ge $((TRIALS / 4)) ]
is "$(summary integrity_failures)" 0 "PRAGMA integrity_check is ok after every kill"
is "$(summary lost_flags)" 0 "no read or saved flag was lost"
is "$(summary failed_next_refresh)" 0 "the refresh after every kill completes"
is "$RC" 0 "the crash trials pass"
is "$(sqlite3 "$DATA/cache.db" 'PRAGMA integrity_check')" ok "the cache is intact at the end"

done_testing
