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

# Removing a feed keeps the articles saved from it (under the feed's name); the others go.
cat >"$T_DIR/keep.xml" <<'XML'
<?xml version="1.0"?><rss version="2.0"><channel><title>Keep Feed</title>
<link>http://127.0.0.1:9/</link>
<item><title>Saved one</title><link>http://127.0.0.1:9/s</link><guid>s</guid>
<description>&lt;p&gt;Words worth keeping.&lt;/p&gt;</description></item>
<item><title>Unsaved one</title><link>http://127.0.0.1:9/u</link><guid>u</guid>
<description>&lt;p&gt;Passing words.&lt;/p&gt;</description></item></channel></rss>
XML
printf 'file://%s/keep.xml
' "$T_DIR" >"$CONF/feeds"
td refresh
td list --json
SAVED_ID=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print([i["id"] for i in json.load(sys.stdin) if i["title"] == "Saved one"][0])')
td save "$SAVED_ID" --output "$T_DIR/saved-copy.md"
is "$RC" 0 "an article of the feed is saved"
td remove "file://$T_DIR/keep.xml"
is "$RC" 0 "the feed is removed"
is "$(cat "$CONF/feeds")" "" "from the feeds file"
td saved
contains "$OUT" "Saved one" "its saved article survives"
contains "$OUT" "(Keep Feed)" "under the feed's name"
td show "$SAVED_ID" --format text
contains "$OUT" "Words worth keeping." "and reads back in full"
td list
lacks "$OUT" "Unsaved one" "its other articles are gone"
td search "Passing"
lacks "$OUT" "Unsaved one" "from the search index too"
printf 'file://%s/keep.xml
' "$T_DIR" >"$CONF/feeds"
td refresh
is "$RC" 0 "subscribing again works"
td remove "file://$T_DIR/keep.xml"
td saved
contains "$OUT" "Saved one" "and a second removal still keeps the saved article"

# A damaged feeds file is named with its line and what is wrong; nothing is rewritten.
for damage in 'https://x.example/f "~Open quote' "$(printf 'https://x.example/\001f')" "$(printf 'https://x.example/f \377\376')"; do
	printf 'https://ok.example/feed\n%s\n' "$damage" >"$CONF/feeds"
	cp "$CONF/feeds" "$T_DIR/feeds.before"
	td feeds
	is "$RC" 1 "feeds fails on a damaged file ($(printf '%s' "$damage" | tr -cd '[:print:]'))"
	contains "$ERR" "$CONF/feeds: line 2 " "and names the file and the line"
	td add "http://127.0.0.1:9/new.xml"
	check "no command rewrites it" cmp -s "$CONF/feeds" "$T_DIR/feeds.before"
done
printf 'https://ok.example/feed\n' >"$CONF/feeds"
head -c 2048 /dev/urandom >>"$CONF/feeds"
printf '\0' >>"$CONF/feeds"
td feeds
is "$RC" 1 "feeds fails on a binary file"
contains "$ERR" "$CONF/feeds: line " "and says where"
is "$OUT" "" "listing nothing"

done_testing
