# Starts tests/servers/faultserver.py for a shell test: sets PORT and BASE, logs requests to
# $T_DIR/requests, and stops the server when the test ends. Sourced after lib.sh.
FAULT_LOG="$T_DIR/requests"
: >"$FAULT_LOG"
# FAULT_ROOT, when set, is the directory the server's /static/FILE serves.
python3 "$TESTS_SRCDIR/servers/faultserver.py" --log "$FAULT_LOG" ${FAULT_ROOT:+--root "$FAULT_ROOT"} \
	>"$T_DIR/server.out" &
SERVER_PID=$!
at_exit "kill $SERVER_PID 2>/dev/null"
for _ in $(seq 50); do
	[ -s "$T_DIR/server.out" ] && break
	sleep 0.1
done
read -r PORT _ <"$T_DIR/server.out"
BASE="http://127.0.0.1:$PORT"
# Whatever proxy the environment names, the test server is local.
no_proxy='*'
export no_proxy
# Small limits, so that every fault ends within seconds.
cat >"$CONF/config" <<CONFIG
connect-timeout = 2
fetch-timeout = 4
low-speed-limit = 100
low-speed-time = 1
max-feed-size = 1
CONFIG

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
