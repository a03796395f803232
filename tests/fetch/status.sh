#!/bin/sh
# How statuses and validators change a feed: conditional requests and 304, permanent and
# temporary redirects, 410, 429 and 503 with Retry-After, a 304 nobody asked for, a feed that
# changes its guids, the HTTP charset, and one refresh at a time.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/fetch/server.sh"
python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import faultserver
sys.stdout.write(faultserver.rss("local"))' "$TESTS_SRCDIR/servers" >"$T_DIR/local.xml"

requests() { grep -c "^$1 " "$FAULT_LOG"; }

cat >"$CONF/feeds" <<FEEDS
# my feeds
$BASE/feed/etag
$BASE/lastmod/lm
$BASE/perm/p news "~Moved feed"
$BASE/temp/t
$BASE/gone
$BASE/429
$BASE/503
$BASE/304
$BASE/guidswitch/g
$BASE/latin1/l
$BASE/gzip/z
$BASE/movelater/m
file://$T_DIR/local.xml local
# end
FEEDS

td refresh
is "$RC" 1 "a refresh with failing feeds exits 1"
contains "$ERR" "$BASE/gone: HTTP 410 Gone: gone, no longer fetched" "410 marks the feed gone"
contains "$ERR" "$BASE/429: HTTP 429 Too Many Requests: not fetched again before" \
	"429 honours Retry-After"
contains "$ERR" "$BASE/503: HTTP 503 Service Unavailable: not fetched again before" \
	"503 honours Retry-After"
contains "$ERR" "$BASE/304: HTTP 304 Not Modified, but no validator was sent" \
	"a 304 to an unconditional request is an error"
contains "$OUT" "1 moved to a new URL" "a permanent redirect chain moves the feed"
contains "$(cat "$CONF/feeds")" "$BASE/feed/p-moved news \"~Moved feed\"" \
	"the feeds file line keeps its tags and title"
contains "$(cat "$CONF/feeds")" "# my feeds" "and the rest of the file"
is "$(feed_total "$BASE/feed/p-moved")" 3 "the moved feed keeps its articles"
contains "$(cat "$CONF/feeds")" "$BASE/temp/t" "a temporary redirect changes nothing"
is "$(feed_field "$BASE/gone" gone)" True "the feed is marked gone"
is "$(feed_total "file://$T_DIR/local.xml")" 3 "a feed listed as file:// is read"
td feeds
contains "$OUT" "Café l" "the HTTP charset is used to read the feed"
is "$(feed_total "$BASE/gzip/z")" 3 "a gzip-encoded feed is decoded"
contains "$(grep '^/feed/etag ' "$FAULT_LOG")" "UA=tidings/" "the User-Agent names tidings"

: >"$FAULT_LOG"
td refresh
contains "$OUT" "3 new items, 8 unchanged" "the second refresh finds nothing new in unchanged feeds"
contains "$OUT" "3 skipped" "gone and waiting feeds are skipped"
is "$(requests /gone)" 0 "a gone feed is not fetched again"
is "$(requests /429)" 0 "nor one asked to wait"
contains "$(grep '^/feed/etag ' "$FAULT_LOG")" '"' "If-None-Match is sent"
contains "$(grep '^/lastmod/lm ' "$FAULT_LOG")" "GMT" "If-Modified-Since is sent"
contains "$(cat "$CONF/feeds")" "$BASE/feed/m" "a permanent redirect answered with 304 moves the feed too"
is "$(feed_total "$BASE/feed/m")" 3 "keeping its articles"
is "$(feed_total "$BASE/guidswitch/g")" 6 "a feed changing its guids loses no article"
is "$(feed_field "$BASE/feed/etag" last_error)" None "a 304 is a success"

lacks "$ERR" "refreshing" "without a terminal there is no progress line"
tty_out=$(script -qec "'$TIDINGS' --config '$CONF' --data '$DATA' refresh" /dev/null)
contains "$tty_out" "refreshing: 10/10 feeds, 1 failed" "on a terminal a progress line counts feeds and failures"

td refresh "$BASE/gone"
is "$(requests /gone)" 1 "a gone feed named on the command line is fetched"


echo "user-agent = Test agent/1.0" >>"$CONF/config"
td refresh "$BASE/gone"
contains "$(grep '^/gone ' "$FAULT_LOG" | tail -1)" "UA=Test_agent/1.0" "the user-agent setting replaces it"

td refresh "$BASE/nope"
is "$RC" 1 "refreshing an unknown feed fails"
contains "$ERR" "no subscription matches" "and says so"

printf 'not-a-url\nftp://127.0.0.1:%s/feed.xml\n' "$PORT" >>"$CONF/feeds"
td refresh not-a-url "ftp://127.0.0.1:$PORT/feed.xml"
contains "$ERR" "failed: not-a-url: not a valid URL" "a line that is no URL is reported"
contains "$ERR" "ftp://127.0.0.1:$PORT/feed.xml: Protocol \"ftp\" not supported" \
	"only http and https are fetched"

# The reader has the cache open in the middle of a read: a refresh (from cron) still writes.
python3 -c '
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN")
db.execute("SELECT count(*) FROM items").fetchone()
print("reading", flush=True)
time.sleep(6)' "$DATA/cache.db" >"$T_DIR/reader" &
reader=$!
at_exit "kill $reader 2>/dev/null"
for _ in $(seq 50); do [ -s "$T_DIR/reader" ] && break; sleep 0.1; done
# (rotating/w is new and changes at every fetch: it has to be written.)
printf '%s\n' "$BASE/rotating/w" >>"$CONF/feeds"
td refresh "$BASE/feed/etag" "$BASE/rotating/w"
is "$RC" 0 "a refresh runs while the reader holds a read transaction"
contains "$OUT" "2 feeds: 12 new items, 1 unchanged" "and stores what it fetched"
kill $reader

# Another refresh holds the lock: this one waits briefly, then says so.
python3 -c '
import fcntl, sys, time
f = open(sys.argv[1], "w")
fcntl.flock(f, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(6)' "$DATA/refresh.lock" >"$T_DIR/locker" &
locker=$!
at_exit "kill $locker 2>/dev/null"
for _ in $(seq 50); do [ -s "$T_DIR/locker" ] && break; sleep 0.1; done
td refresh
is "$RC" 1 "a second refresh does not run beside the first"
contains "$ERR" "another refresh of this cache is running" "and says that one is running"
kill $locker

done_testing
