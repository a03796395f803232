#!/bin/sh
# tidings search and the scripting conventions: every command's --help, --json records,
# options after arguments, results on stdout and errors on stderr.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/cache.sh"
db() { sqlite3 "$DATA/cache.db"; }

cat >"$CONF/feeds" <<FEEDS
http://asia.example/rss asia "~Asia desk"
http://tech.example/feed tech
FEEDS
cache_create
add_feed 1 http://asia.example/rss "Asia News"
add_feed 2 http://tech.example/feed "Tech Daily"
add_item 1 1 1700000100 "東京の朝" "<p>朝のニュース</p>"
add_item 2 1 1700000200 "서울에서 온 편지" "<p>편지</p>"
add_item 3 2 1700000300 "Tokyo tower reopens" "<p>A café on top</p>"
add_item 4 2 1700000400 "Quiet day" "<p>nothing</p>"
echo "UPDATE items SET fulltext = '<p>The platypus in the full text</p>', saved = 1
	WHERE id = 4;" >>"$CACHE_SQL"
add_item 5 1 1700000500 "Kyoto trains" "<p>from tokyo to kyoto</p>"
cache_flush

ids() { printf '%s\n' "$OUT" | awk '{ printf "%s%s", sep, $1; sep = "," }'; }

td search 東京
is "$(ids)" 1 "東京 finds 東京の朝"
td search 서울
is "$(ids)" 2 "서울 finds 서울에서 온 편지"
td search 'tok*'
is "$(ids)" "3,5" "tok* finds Tokyo, the title first"
td search 朝
is "$(ids)" 1 "one CJK character is found"
td search platypus
is "$(ids)" 4 "a word only in the fetched full text of a saved article is found"
td search 'feed:asia' tokyo
is "$(ids)" 5 "feed: narrows to feeds whose name holds it"
td search tag:tech 'tok*'
is "$(ids)" 3 "tag: narrows to the feeds of a tag"
td search saved
is "$(ids)" 4 "saved keeps to saved articles"
td search '"tower reopens"'
is "$(ids)" 3 "a phrase is found"
td search --limit 1 'tok*'
is "$(ids)" 3 "--limit bounds the results"
td search 'tok*' --limit 1 --json
is "$RC" 0 "options may follow the words"
is "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(",".join(str(r["id"]) for r in json.load(sys.stdin)))')" 3 \
	"search --json prints the records"
td search nosuchwordanywhere
is "$RC" 1 "nothing found exits 1"
is "$OUT" "" "and prints nothing"
td search
is "$RC" 2 "search without words is a usage error"

# list --json: the fields scripts need
td list --limit 2 --json
is "$RC" 0 "list --json"
FIELDS=$(printf '%s' "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(len(r), ",".join(sorted(r[0].keys())), r[0]["feed"], r[1]["feed"], r[0]["feed_url"])')
is "$FIELDS" "2 author,categories,enclosures,feed,feed_id,feed_url,guid,id,link,published,read,saved,title,updated Asia desk Tech Daily http://asia.example/rss" \
	"list --json records carry feed id, URL and display name, guid, dates, flags, enclosures"
td list --json --limit 1 --unread
is "$RC" 0 "list options in any order"

# show --json
td show 4 --json
SHOWN=$(printf '%s' "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(r["id"], r["saved"], "platypus" in r["fulltext"])')
is "$SHOWN" "4 True True" "show --json prints the record with its bodies"
td show --format json 4
is "$RC" 0 "show --format json is the same"

# every command of the table answers --help with its usage, exit 0, on stdout
for cmd in $(sed -n 's/^COMMAND("\([a-z-]*\)".*/\1/p' "$TESTS_SRCDIR/../src/cli/commands.def"); do
	td "$cmd" --help
	is "$RC" 0 "$cmd --help exits 0"
	contains "$OUT" "usage: tidings" "$cmd --help prints its usage"
	is "$ERR" "" "$cmd --help prints nothing on stderr"
done
td remove --help
lacks "$(cat "$CONF/feeds")" "--help" "remove --help touches no feed"
is "$(wc -l <"$CONF/feeds" | tr -d ' ')" 2 "remove --help removes nothing"

# extract --json is --format json
printf '<html><head><title>T</title></head><body><article><h1>Head</h1><p>%s</p></article></body></html>' \
	"$(printf 'word %.0s' $(seq 60))" >"$T_DIR/page.html"
td extract "$T_DIR/page.html" --json
is "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print("text" in json.load(sys.stdin))')" True \
	"extract --json prints JSON"

# feeds --names, for completion
td feeds --names
is "$OUT" "Asia desk
Tech Daily" "feeds --names prints the display names"

# check reads the cache through
td check
is "$RC" 0 "check passes on a sound cache"
contains "$OUT" "ok" "and says so"

done_testing
