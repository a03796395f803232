# Starts tests/servers/faultserver.py for a shell test (start_server in lib.sh: PORT, BASE),
# logging requests to $T_DIR/requests. Sourced after lib.sh.
FAULT_LOG="$T_DIR/requests"
: >"$FAULT_LOG"
# FAULT_ROOT, when set, is the directory the server's /static/FILE serves.
start_server python3 "$TESTS_SRCDIR/servers/faultserver.py" --log "$FAULT_LOG" \
	${FAULT_ROOT:+--root "$FAULT_ROOT"}
# Small limits, so that every fault ends within seconds.
cat >"$CONF/config" <<CONFIG
connect-timeout = 2
fetch-timeout = 4
low-speed-limit = 100
low-speed-time = 1
max-feed-size = 1
CONFIG

# timed_refresh: a refresh of every feed, bounded by 60 s; sets RC, OUT (also in $T_DIR/out)
# and ELAPSED (seconds).
timed_refresh() {
	_start=$(date +%s)
	timeout 60 "$TIDINGS" --config "$CONF" --data "$DATA" refresh >"$T_DIR/out" 2>&1
	RC=$?
	ELAPSED=$(($(date +%s) - _start))
	OUT=$(cat "$T_DIR/out")
}
# failure_reason URL: why URL failed in the last timed_refresh ("failed: URL: REASON").
failure_reason() { printf '%s\n' "$OUT" | grep -F "failed: $1:" | sed 's/^[^ ]* [^ ]*: //'; }
# feed_count URL: the articles the cache holds for URL (straight from the cache file).
feed_count() {
	sqlite3 "$DATA/cache.db" "SELECT count(*) FROM items JOIN feeds ON feeds.id = feed_id
		WHERE feeds.url = '$1'"
}

# feed_total URL: the number of articles the cache holds for URL.
feed_total() {
	td feeds --json
	printf '%s' "$OUT" | python3 -c '
import json, sys
for f in json.load(sys.stdin):
    if f["url"] == sys.argv[1]:
        print(f["total"])' "$1"
}
# all_totals: "URL TOTAL" for every feed, from one `tidings feeds --json`.
all_totals() {
	td feeds --json
	printf '%s' "$OUT" | python3 -c '
import json, sys
for f in json.load(sys.stdin):
    print(f["url"], f["total"])'
}
# feed_field URL FIELD: one field of `tidings feeds --json` for URL.
feed_field() {
	td feeds --json
	printf '%s' "$OUT" | python3 -c '
import json, sys
for f in json.load(sys.stdin):
    if f["url"] == sys.argv[1]:
        print(f[sys.argv[2]])' "$1" "$2"
}
