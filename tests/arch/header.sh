#!/bin/sh
# One article header wherever an article is shown: tidings show (text, markdown, html) and
# saved files (markdown, text, html) give the same fields, and the one date-format setting
# dates the article in each of them and in the article lists (list, saved).
. "$TESTS_SRCDIR/lib.sh"

cat >"$T_DIR/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Header Feed</title><link>http://127.0.0.1:9/</link>
<item><title>Header article</title><link>http://127.0.0.1:9/h</link><guid>h1</guid>
<author>ann@example.com (Ann Writer)</author>
<pubDate>Mon, 16 Nov 2026 10:00:00 +0000</pubDate>
<description>&lt;p&gt;The body of the article.&lt;/p&gt;</description></item></channel></rss>
XML
printf 'file://%s/feed.xml\n' "$T_DIR" >"$CONF/feeds"
printf 'date-format = %%d.%%m.%%Y (%%a)\n' >"$CONF/config"
export TZ=UTC
td refresh
is "$RC" 0 "the feed is read"
DATE="16.11.2026 (Mon)"

td list
contains "$OUT" "$DATE" "list dates the article with date-format"
td list --json
ID=$(printf '%s' "$OUT" | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')

for format in text html; do
	td show "$ID" --format "$format"
	is "$(printf '%s\n' "$OUT" | sed -n 1,5p)" "Header article
Feed: Header Feed
Author: Ann Writer
Date: $DATE
Link: http://127.0.0.1:9/h" "show --format $format starts with the one header"
	is "$(printf '%s\n' "$OUT" | sed -n 6p)" "" "and a blank line"
done
td show "$ID" --format markdown
MD=$OUT
for want in "Header article" "Feed: Header Feed" "By Ann Writer" "$DATE" "<http://127.0.0.1:9/h>"; do
	contains "$MD" "$want" "show --format markdown has '$want'"
done

# The page cannot be fetched (port 9): the feed's text is saved, with a warning.
td save "$ID" --output -
is "$OUT" "$MD" "a saved Markdown file is what show --format markdown prints"
td save "$ID" --format text --output -
for want in "Header article" "Feed: Header Feed" "By Ann Writer" "$DATE" "Original url: http://127.0.0.1:9/h"; do
	contains "$OUT" "$want" "a saved text file has '$want'"
done
td save "$ID" --format html --output -
for want in "<h1>Header article</h1>" "<p>Feed: Header Feed</p>" "<p>By Ann Writer</p>" "<time>$DATE</time>"; do
	contains "$OUT" "$want" "a saved HTML file has '$want'"
done
td saved
contains "$OUT" "$DATE" "saved dates it with date-format"

done_testing
