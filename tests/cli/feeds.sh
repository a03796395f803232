#!/bin/sh
# tidings feeds and tidings remove on the feeds file.
. "$TESTS_SRCDIR/lib.sh"

# A new user's first command: no subscriptions is said, with the ways to add some.
td feeds
is "$RC" 0 "feeds without subscriptions succeeds"
is "$OUT" "" "and lists nothing on standard output"
contains "$ERR" "No subscriptions yet. Add one with 'tidings add URL'" "it says how to add a feed"
contains "$ERR" "$CONF/feeds" "and names the feeds file"

cat >"$CONF/feeds" <<'FEEDS'
# news
http://127.0.0.1:9/a.xml news "~Alpha news"

http://127.0.0.1:9/b.xml tech
# end
FEEDS
td feeds
is "$RC" 0 "feeds lists subscriptions"
contains "$OUT" "Alpha news" "custom titles are shown"
contains "$OUT" "[tech]" "tags are shown"
contains "$OUT" "last fetch: never" "unfetched feeds say so"

td feeds --json
contains "$OUT" '"url": "http://127.0.0.1:9/b.xml"' "feeds --json gives URLs"

td remove "Alpha news"
is "$RC" 0 "remove by title"
is "$(cat "$CONF/feeds")" "# news

http://127.0.0.1:9/b.xml tech
# end" "remove keeps every other line and comment"

td remove http://127.0.0.1:9/nope.xml
is "$RC" 1 "removing an unknown feed fails"
contains "$ERR" "no subscription" "and says why"

done_testing
