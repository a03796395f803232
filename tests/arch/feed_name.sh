#!/bin/sh
# A feed's "~Custom title" in the feeds file is its name wherever the command line shows one:
# tidings feeds, list, list --json, show (text, markdown, json), saved and saved files.
. "$TESTS_SRCDIR/lib.sh"

cat >"$T_DIR/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>The Feed's Own Title</title><link>http://127.0.0.1:9/</link>
<item><title>An article</title><link>http://127.0.0.1:9/a</link><guid>a1</guid>
<pubDate>Mon, 16 Nov 2026 10:00:00 +0000</pubDate>
<description>&lt;p&gt;Some words of the article.&lt;/p&gt;</description></item></channel></rss>
XML
printf 'file://%s/feed.xml news "~My Name For It"\n' "$T_DIR" >"$CONF/feeds"
td refresh
is "$RC" 0 "the feed is read"

td feeds
contains "$OUT" "My Name For It" "tidings feeds shows the custom title"
td list
contains "$OUT" "My Name For It" "list shows it"
lacks "$OUT" "The Feed's Own Title" "and not the feed's own title"
td list --json
contains "$OUT" '"feed": "My Name For It"' "list --json names the feed by it"
ID=$(printf '%s' "$OUT" | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')
td show "$ID" --format text
contains "$OUT" "Feed: My Name For It" "show's header names it"
td show "$ID" --format markdown
contains "$OUT" "My Name For It" "so does show --format markdown"
lacks "$OUT" "The Feed's Own Title" "without the feed's own title"
td show "$ID" --json
contains "$OUT" '"feed": "My Name For It"' "and show --json"

# The article's page cannot be fetched (port 9): the feed's text is saved, with a warning.
td save "$ID"
is "$RC" 0 "the article is saved"
FILE=$OUT
check "the saved file exists" test -f "$FILE"
contains "$(cat "$FILE" 2>/dev/null)" "My Name For It" "the saved file names the feed by its custom title"
lacks "$(cat "$FILE" 2>/dev/null)" "The Feed's Own Title" "and not by the feed's own title"
td saved --json
contains "$OUT" '"feed": "My Name For It"' "saved --json names it too"
for format in text html; do
	td save "$ID" --format "$format"
	contains "$(cat "$OUT" 2>/dev/null)" "My Name For It" "a saved $format file names it too"
done

# Every command that takes a feed takes the same names for it (cli/resolve.c): its URL and
# its display name, here the custom title.
td list --feed "My Name For It"
contains "$OUT" "An article" "list --feed takes the custom title"
td list --feed "file://$T_DIR/feed.xml"
contains "$OUT" "An article" "and the URL"
td mark read --feed "My Name For It"
is "$RC" 0 "mark --feed takes the custom title"
td list --unread
is "$OUT" "" "and marks the feed's articles"
td refresh "My Name For It"
is "$RC" 0 "refresh takes the custom title"
td list --feed "Nobody's Name"
is "$RC" 1 "a name no feed has fails"
contains "$ERR" "no feed matches \"Nobody's Name\"" "and says so"

# Without the custom title, the feed's own title is its name.
printf 'file://%s/feed.xml news\n' "$T_DIR" >"$CONF/feeds"
td list --json
contains "$OUT" "\"feed\": \"The Feed's Own Title\"" "without one, the feed's own title is used"
td remove "The Feed's Own Title"
is "$RC" 0 "remove takes that name"
is "$(cat "$CONF/feeds")" "" "and removes the line"

done_testing
