#!/bin/sh
# An answer whose headers never end within libcurl's limit (one header line of 8 MB) is a
# failed feed whose error says so, not "Out of memory"; the good feed of the same refresh is
# stored.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/fetch/server.sh"

printf '%s\n' "$BASE/feed/good" "$BASE/bigheader" >"$CONF/feeds"
td refresh
is "$RC" 1 "the refresh reports the failure"
contains "$OUT" "2 feeds: 3 new items" "the good feed is stored"
reason=$(printf '%s\n' "$ERR" | grep -F "failed: $BASE/bigheader:")
contains "$reason" "headers are too large" "the error says the headers are too large"
lacks "$reason" "Out of memory" "not just that memory ran out"
contains "$(feed_field "$BASE/bigheader" last_error)" "headers are too large" \
	"the error is recorded on the feed"

done_testing
