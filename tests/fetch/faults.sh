#!/bin/sh
# Every fault of a server, met on the second refresh of a feed that worked on the first: each
# ends in bounded time with its own error, the good feeds of the same refresh succeed, and no
# cached article is lost.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/fetch/server.sh"

FAULTS="never drip reset loop/a tofile huge hugechunked bomb html200 500 badchunk badlength
earlyclose"
{
	echo "$BASE/feed/good1 news"
	for f in $FAULTS; do echo "$BASE/then/$f/x"; done
	echo "$BASE/then/wrongtype/x"
	echo "$BASE/feed/good2"
} >"$CONF/feeds"

td refresh
is "$RC" 0 "the first refresh succeeds"
contains "$OUT" "16 feeds: 48 new items" "and stores every feed's articles"

# The good feeds change between the two refreshes: they must still be fetched in full.
sed -i "s|$BASE/feed/good2|$BASE/feed/good2?items=5|" "$CONF/feeds"
start=$(date +%s)
td refresh
elapsed=$(($(date +%s) - start))
is "$RC" 1 "the second refresh fails"
check "it ends in bounded time (${elapsed}s)" test "$elapsed" -le 12
# good2 under a new URL is a new feed (5), wrongtype now serves other guids (3).
contains "$OUT" "16 feeds: 8 new items, 1 unchanged" "the good feeds of the same refresh succeed"
contains "$OUT" "13 failed" "every fault is a failed feed"
reason() { printf '%s\n' "$ERR" | grep -F "failed: $BASE/then/$1/x:" | sed 's/^[^ ]* [^ ]*: //'; }
contains "$(reason never)" "timed out" "a server that never answers times out"
contains "$(reason drip)" "timed out: Operation too slow" "a server dripping bytes is too slow"
contains "$(reason reset)" "Connection reset" "a reset mid-body is reported"
contains "$(reason loop/a)" "too many redirects" "a redirect loop ends"
contains "$(reason tofile)" "redirect refused" "a redirect to file:// is refused"
contains "$(reason huge)" "larger than the limit of 1 MiB" "a 2 GB body is refused"
contains "$(reason hugechunked)" "larger than the limit of 1 MiB" "so is a chunked one"
contains "$(reason bomb)" "larger than the limit of 1 MiB" "a gzip bomb stops at the limit"
contains "$(reason html200)" "not a feed" "an HTML page with status 200 is not a feed"
contains "$(reason 500)" "HTTP 500 Internal Server Error" "a 500 is reported"
contains "$(reason badchunk)" "chunked" "invalid chunked encoding is reported"
contains "$(reason badlength)" "remaining to read" "a short body is reported"
contains "$(reason earlyclose)" "Empty reply" "an early close is reported"
lacks "$OUT$ERR" "wrongtype" "a wrong Content-Type does not matter"
lacks "$OUT$ERR" "root:" "nothing of /etc/passwd shows"

totals=$(all_totals)
lost=""
for f in $FAULTS; do
	n=$(printf '%s\n' "$totals" | grep -F "$BASE/then/$f/x " | cut -d' ' -f2)
	[ "$n" = 3 ] || lost="$lost $f:$n"
done
is "$lost" "" "no cached article is lost"
is "$(feed_field "$BASE/then/500/x" last_error)" "HTTP 500 Internal Server Error" \
	"the error is recorded on the feed"
td feeds
contains "$OUT" "error: timed out" "tidings feeds shows the errors"
is "$(feed_total "$BASE/feed/good2?items=5")" 5 "the changed feed was merged"

done_testing
