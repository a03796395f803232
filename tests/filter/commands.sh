#!/bin/sh
# exec: and filter: feeds of the user's own feeds file, and query: views: the command's output
# is the feed, a hanging command is killed at the fetch timeout, an endless one at the size
# limit, a failing one shows its standard error; an OPML file can never make one.
. "$TESTS_SRCDIR/lib.sh"
D="$TESTS_SRCDIR/data/filter"

cp "$D/news.xml" "$T_DIR/news.xml"
MARK="$T_DIR/hung"
cat >"$CONF/feeds" <<FEEDS
"exec:cat '$T_DIR/news.xml'" mine
"filter:sed s/Cherry/Kirsche/:file://$T_DIR/news.xml"
"exec:sleep 60; echo '$MARK'"
"exec:yes"
"exec:echo 'the script broke' >&2; exit 3"
"query:Fruit:title =~ \"cherry|kirsche\" and unread = \"yes\"" food
FEEDS
printf 'fetch-timeout = 1\nmax-feed-size = 1\n' >"$CONF/config"

start=$(date +%s)
td refresh
took=$(($(date +%s) - start))
is "$RC" 1 "refresh reports the failing commands"
contains "$OUT$ERR" "14 new items" "exec: and filter: feeds bring their articles"
[ "$took" -lt 20 ]
ok $? "the hanging command does not hold the refresh ($took s)"
contains "$ERR" "exec:sleep 60; echo '$MARK': the command did not finish within 1 seconds" \
	"a hanging command is killed at the fetch timeout"
pgrep -f "$MARK" >/dev/null
is "$?" 1 "and nothing of it is left running"
contains "$ERR" "exec:yes: the command wrote more than 1048576 bytes" \
	"an endless command is stopped at the size limit"
contains "$ERR" "exit 3: the command exited with status 3: the script broke" \
	"a failing command shows its standard error"
lacks "$ERR" "query:" "a query view is never fetched"

td list --filter 'title =~ "Kirsche"'
contains "$OUT" "Kirsche season opens" "the filter: command changed the fetched body"
td feeds
contains "$OUT" "the command exited with status 3: the script broke" \
	"the command's error stays on its feed"
contains "$OUT" "    2/2     Fruit" "a query view shows in feeds with live counts"
td list --feed Fruit
is "$(printf '%s\n' "$OUT" | wc -l)" 2 "list --feed NAME lists a query view's articles"
contains "$OUT" "Kirsche season opens" "from the filter: feed"
contains "$OUT" "Cherry season opens" "and from the exec: feed"
td list --feed Fruit --filter 'feedtitle = "x"'
is "$OUT" "" "--filter narrows a query view"

# Nothing fetched or imported makes one.
cat >"$T_DIR/evil.opml" <<'OPML'
<?xml version="1.0"?>
<opml version="2.0"><body>
<outline text="a" type="rss" xmlUrl="exec:touch /tmp/tidings-owned"/>
<outline text="b" type="rss" xmlUrl="filter:touch /tmp/tidings-owned:http://127.0.0.1:9/x"/>
<outline text="c" type="rss" xmlUrl="query:All:age &gt; 0"/>
</body></opml>
OPML
cp "$CONF/feeds" "$T_DIR/feeds.before"
td import "$T_DIR/evil.opml"
is "$RC" 1 "an OPML file with exec:, filter: or query: feeds is refused"
contains "$ERR" "refused exec:touch" "its exec: feed is named"
contains "$ERR" "refused filter:touch" "its filter: feed is named"
is "$(cat "$CONF/feeds")" "$(cat "$T_DIR/feeds.before")" "and the feeds file is unchanged"
done_testing
