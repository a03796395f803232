#!/bin/sh
# Politeness: with max-per-host 1 the requests to one host go one at a time over one reused
# connection, and the feeds of other hosts are not held up by it.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/fetch/server.sh"

echo "max-per-host = 1" >>"$CONF/config"
for i in 1 2 3 4 5 6; do echo "$BASE/feed/r$i"; done >"$CONF/feeds"
# localhost is another host name for the same server: its own slot.
echo "http://localhost:$PORT/feed/other" >>"$CONF/feeds"

td refresh
is "$RC" 0 "the refresh succeeds"
contains "$OUT" "7 feeds: 21 new items" "every feed is fetched"
conns=$(grep '^/feed/r' "$FAULT_LOG" | sed 's/.*CONN=//' | sort -u | wc -l)
is "$conns" 1 "one connection carries every request to the host"
is "$(grep -c '^/feed/other' "$FAULT_LOG")" 1 "the other host is fetched too"

done_testing
