#!/bin/sh
# Full text during refresh: feeds with +full-text (or every feed with the full-text setting)
# get their new items' pages fetched and extracted into the cache; others keep the feed's
# summary. tidings extract on a URL uses the same fetcher.
. "$TESTS_SRCDIR/lib.sh"

if ! command -v python3 >/dev/null; then
	echo "1..0 # SKIP needs python3"
	exit 0
fi
. "$TESTS_SRCDIR/extract/server.sh"
printf 'connect-timeout = 2\nfetch-timeout = 5\n' >"$CONF/config"

item_id() { # item_id TITLE-PREFIX: the id of the cached item whose title starts so
	td list --json
	printf '%s' "$OUT" | python3 -c '
import json, sys
print([i["id"] for i in json.load(sys.stdin) if i["title"].startswith(sys.argv[1])][0])' "$1"
}

printf '%s/feed.xml\n' "$BASE" >"$CONF/feeds"
td refresh
check "refresh without +full-text" test "$RC" -eq 0
td show "$(item_id Harbour)" --format text --width 1000
lacks "$OUT" "Ines Alvarez" "without +full-text the cache keeps the teaser"

rm -rf "$DATA"
mkdir -p "$DATA"
printf '%s/feed.xml news +full-text\n' "$BASE" >"$CONF/feeds"
td refresh
check "refresh with +full-text" test "$RC" -eq 0
contains "$OUT" "2 full texts, 1 page without an article" "the summary counts the extracted articles and the pages without one"
td show "$(item_id Harbour)" --format text --width 1000
contains "$OUT" "Ines Alvarez" "the article's full text is in the cache"
lacks "$OUT" "Share on Twitter" "without the page's furniture"
td show "$(item_id Second)" --format text --width 1000
contains "$OUT" "Paragraph 6 of the page" "for every new item"
td refresh
lacks "$OUT" "full text" "a second refresh fetches no page again"

rm -rf "$DATA"
mkdir -p "$DATA"
printf '%s/feed.xml\n' "$BASE" >"$CONF/feeds"
printf 'connect-timeout = 2\nfetch-timeout = 5\nfull-text = true\n' >"$CONF/config"
td refresh
contains "$OUT" "2 full texts" "the full-text setting does the same for every feed"
td show "$(item_id Harbour)" --format text --width 1000
contains "$OUT" "Ines Alvarez" "and the article is in the cache"

td extract --format json "$BASE/article.html"
check "tidings extract fetches a URL" test "$RC" -eq 0
field() { printf '%s' "$OUT" | python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
is "$(field title)" "Harbour bridge reopens after two years of repairs" "and extracts its article"
contains "$(field markdown)" "The old harbour bridge, closed since" "with the body in Markdown"
contains "$OUT" "$BASE/images/bridge.jpg" "relative links resolved against the page's URL"
td extract "$BASE/missing.html"
is "$RC" 1 "a URL that answers 404 fails"
contains "$ERR" "404" "saying why"
done_testing
