#!/bin/sh
# The faults of the second hardening round (issue 19). A compressed answer cut in half with a
# matching Content-Length (gzip, deflate, raw deflate, brotli, zstd) fails its feed and stores
# nothing, while the whole answer in each encoding is read; an encoding nobody asked for
# fails; a file:// feed that is a FIFO, a socket or /dev/zero is refused at once (the refresh
# does not hang); a host under .invalid, or a redirect to one, is refused before DNS.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/fetch/server.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 is not installed"; exit 0; }

ENCODINGS="gzip deflate rawdeflate br zstd"
mkfifo "$T_DIR/fifo"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T_DIR/sock"
{
	for e in $ENCODINGS; do
		echo "$BASE/enc/$e"
		echo "$BASE/cut/$e"
	done
	echo "$BASE/enc/compress"
	echo "$BASE/toinvalid"
	echo "http://feeds.example.invalid/feed.xml"
	echo "http://INVALID./feed.xml"
	echo "file://$T_DIR/fifo"
	echo "file://$T_DIR/sock"
	echo "file:///dev/zero"
	echo "file://$T_DIR"
} >"$CONF/feeds"

timed_refresh
is "$RC" 1 "the refresh reports failure"
# fetch-timeout is 4 s (tests/fetch/server.sh); a FIFO read by libcurl hung past it
check "it ends at once, no read waits (${ELAPSED}s)" [ "$ELAPSED" -le 3 ]
check "its output is screen-safe" python3 "$TESTS_SRCDIR/hardening/screen_safe.py" "$T_DIR/out"
reason() { failure_reason "$1"; }
count() { feed_count "$1"; }
for e in $ENCODINGS; do
	is "$(count "$BASE/enc/$e")" 40 "a whole $e answer is read (40 items)"
	contains "$(reason "$BASE/cut/$e")" "cut short" "a $e answer cut in half fails its feed"
	is "$(count "$BASE/cut/$e")" 0 "nothing of the cut $e answer is stored"
done
contains "$(reason "$BASE/enc/compress")" "Content-Encoding" "an encoding not asked for fails"
for u in "$BASE/toinvalid" http://feeds.example.invalid/feed.xml http://INVALID./feed.xml; do
	contains "$(reason "$u")" "RFC 6761" "$u is refused as a name that never resolves"
done
lacks "$OUT" "resolve host" "no .invalid name reached the resolver"
contains "$(reason "file://$T_DIR/fifo")" "not a regular file (a FIFO)" "a FIFO is refused"
contains "$(reason "file://$T_DIR/sock")" "not a regular file (a socket)" "a socket is refused"
contains "$(reason "file:///dev/zero")" "not a regular file (a device)" "/dev/zero is refused"
contains "$(reason "file://$T_DIR")" "not a regular file (a directory)" "a directory is refused"

# A local file past max-feed-size (1 MiB here) is refused for its size, like a download.
python3 -c 'import sys; open(sys.argv[1], "w").write("<rss>" + " " * (2 << 20) + "</rss>")' \
	"$T_DIR/big.xml"
echo "file://$T_DIR/big.xml" >"$CONF/feeds"
td refresh
contains "$ERR$OUT" "limit" "a local file larger than max-feed-size is refused"

# The whole feed after a cut one: every item once, none stored under a cut link.
echo "$BASE/cut/gzip" >"$CONF/feeds"
td refresh
echo "$BASE/enc/gzip" >"$CONF/feeds"
td refresh
is "$(sqlite3 "$DATA/cache.db" "SELECT count(*) FROM items WHERE link NOT LIKE 'http://example.org/encoded/%'")" 0 \
	"no article is stored under a cut link"
done_testing
