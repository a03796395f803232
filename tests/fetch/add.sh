#!/bin/sh
# tidings add: a feed URL, a web page announcing one or several feeds, a page announcing none
# whose feed is at a common place, and duplicates.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/fetch/server.sh"

td add "$BASE/feed/direct" news tech
is "$RC" 0 "adding a feed URL succeeds"
contains "$OUT" "subscribed to $BASE/feed/direct (Feed direct): 3 articles" "and says so"
is "$(cat "$CONF/feeds")" "$BASE/feed/direct news tech" "the feeds file gets a line with the tags"
is "$(feed_total "$BASE/feed/direct")" 3 "the articles are stored at once"

td add "$BASE/feed/direct"
is "$RC" 1 "adding it again is refused"
contains "$ERR" "already subscribed" "and says why"

td add "$BASE/html/page?one"
is "$RC" 0 "a page announcing one feed subscribes to it"
contains "$OUT" "subscribed to $BASE/feed/page" "the announced feed"

td add "$BASE/html/two"
is "$RC" 1 "a page announcing several feeds does not choose"
contains "$OUT" "$BASE/feed/two" "it lists the first"
contains "$OUT" "$BASE/feed/two-atom" "and the second"

td add "$BASE/site/blog"
is "$RC" 0 "a page announcing nothing is searched at common places"
contains "$OUT" "subscribed to $BASE/site/blog/feed" "such as /feed under it"

td add "$BASE/html/page?one"
is "$RC" 1 "a page whose feed is already subscribed is refused"

td add "$BASE/500"
is "$RC" 1 "a failing URL is not added"
contains "$ERR" "HTTP 500" "and the reason is given"

td add "$BASE/tofile"
is "$RC" 1 "a redirect to a file is not followed"
lacks "$(cat "$CONF/feeds")" "tofile" "nothing is added for it"

# An address without a scheme is tried as https://; a plain-http server there gets a plain
# word, not OpenSSL's error code.
td add "127.0.0.1:$PORT/feed/direct"
is "$RC" 1 "a plain-http server named without a scheme is not added"
contains "$ERR" "does not answer in TLS (https): if it serves plain HTTP, use the http:// address" \
	"and the error says so plainly"
lacks "$ERR" "OpenSSL" "without OpenSSL's message"
lacks "$ERR" "SSL routines" "or its error code"

done_testing
