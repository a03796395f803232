#!/bin/sh
# Crash safety of `tidings import`: killed with SIGKILL at random points, CRASH_TRIALS times
# (12 in make check), alternating an OPML file of 800 feeds and a newsboat cache of 1,500
# articles (made by the real newsboat from 127.0.0.1). After each kill the cache passes
# PRAGMA integrity_check, the feeds file loads, no read or saved flag is lost, and the import
# run again completes; at the end everything is as after one import without kills.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/fetch/server.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 is not installed"; exit 0; }
need_newsboat
TRIALS=${CRASH_TRIALS:-12}
printf 'fetch-timeout = 30\nmax-feed-size = 4\n' >"$CONF/config"
for i in 1 2 3; do echo "$BASE/feed/mine$i?items=20"; done >"$CONF/feeds"

NB="$T_DIR/newsboat"
mkdir -p "$NB"
for i in $(seq 1 10); do echo "$BASE/feed/nb$i?items=150"; done >"$NB/urls"
newsboat_reload "$NB/urls" "$NB/cache.db"
is "$(sqlite3 "$NB/cache.db" 'SELECT count(*) FROM rss_item')" 1500 "newsboat cached 1,500 articles"
python3 - "$T_DIR/subs.opml" "$BASE" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body>\n')
    for i in range(800):
        f.write('<outline type="rss" text="Feed %d" xmlUrl="%s/feed/o%d" category="t%d"/>\n'
                % (i, sys.argv[2], i, i % 7))
    f.write("</body></opml>\n")
PY

python3 "$TESTS_SRCDIR/hardening/crash_import.py" "$TRIALS" "$TIDINGS" "$CONF" "$DATA" \
	"$T_DIR/subs.opml" "$NB" >"$T_DIR/summary" 2>&1
RC=$?
echo "# $(cat "$T_DIR/summary")"
summary() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]))' \
	"$T_DIR/summary" "$1" 2>/dev/null; }
is "$(summary trials)" "$TRIALS" "$TRIALS imports were killed with SIGKILL"
kills=$(summary killed_mid_import)
check "many kills landed while an import was running ($kills of $TRIALS)" \
	[ "${kills:-0}" -ge $((TRIALS / 4)) ]
is "$(summary integrity_failures)" 0 "PRAGMA integrity_check is ok after every kill"
is "$(summary feeds_file_failures)" 0 "the feeds file loads after every kill"
is "$(summary lost_flags)" 0 "no read or saved flag was lost"
is "$(summary failed_next_import)" 0 "the import after every kill completes"
is "$(summary same_end_state)" True "the end state is that of one import without kills"
is "$RC" 0 "the import crash trials pass"
done_testing
