#!/bin/sh
# Search in the reader: results as you type in the / prompt, Esc back to the view of before,
# words in any language, tag: and feed: narrowing.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
. "$TESTS_SRCDIR/ui/cache.sh"

cat >"$CONF/feeds" <<'FEEDS'
http://127.0.0.1:9/asia.xml asia "~Asia desk"
http://127.0.0.1:9/tech.xml tech
FEEDS
cache_create
add_feed 1 http://127.0.0.1:9/asia.xml "Asia News"
add_feed 2 http://127.0.0.1:9/tech.xml "Tech Daily"
T0=1700000000
add_item 1 1 $((T0 + 100)) "東京の朝" "<p>朝のニュース</p>"
add_item 2 1 $((T0 + 200)) "서울에서 온 편지" "<p>편지</p>"
add_item 3 2 $((T0 + 300)) "Tokyo tower reopens" "<p>A café on top</p>"
add_item 4 2 $((T0 + 400)) "Kyoto trains" "<p>from tokyo to kyoto</p>"
for i in $(seq 5 20); do
	add_item "$i" 2 $((T0 + 1000 + i)) "Filler story $i" "<p>nothing to see</p>"
done
cache_flush

ui_start 120 30
wait_for "| 1/20"
keys /
keys -l 東京
check_screen "Search: 東京" "results show while typing, before Enter"
check_screen "| 1/1" "東京 finds one article as it is typed"
check_screen "東京の朝" "the found article is listed"
check_screen "/東京" "the prompt is still open"
keys BSpace BSpace
keys -l tokyo
check_screen "Search: tokyo" "the results follow the changed words"
check_screen "| 1/2" "tokyo finds two"
keys Escape
check_screen "| 1/20" "Esc goes back to the view of before"
wait_gone "/tokyo"

keys /
keys -l 서울
keys Enter
check_screen "| 1/1" "서울 finds 서울에서 온 편지"
check_screen "서울에서 온 편지" "and shows it"
wait_gone "/서울"

keys /
keys -l "tag:tech tokyo"
check_screen "| 1/2" "tag: narrows to the feeds of a tag, as typed"
keys -l " kyoto"
check_screen "| 1/1" "every word must be found"
keys Enter
keys /
keys -l "feed:asia 朝"
keys Enter
check_screen "| 1/1" "feed: narrows to a feed by name"
keys /
keys -l "tok*"
keys Enter
check_screen "| 1/2" "a prefix finds Tokyo"

keys q
wait_exit

# 1,100 articles with a common word: the count stops at 1000 ("1000+") until the list is
# scrolled to its end; a prefix of 80 words (cw0 .. cw79) and one of 11 (cw1*).
echo "WITH RECURSIVE n(i) AS (SELECT 21 UNION ALL SELECT i + 1 FROM n WHERE i < 1120)
	INSERT INTO items(id, feed_id, guid, link, title, content, published, sort_time,
	first_seen) SELECT i, 2, 'g' || i, 'http://127.0.0.1:9/item/' || i, 'Crowd ' || i,
	'<p>crowd cw' || (i % 80) || '</p>', $T0 + 2000 + i, $T0 + 2000 + i, $T0 + 2000 + i FROM n;
	INSERT INTO fts_pending(id) SELECT id FROM items WHERE id > 20;" >>"$CACHE_SQL"
cache_flush
ui_start 120 30
wait_for "| 1/1120"
keys /
keys -l crowd
keys Enter
check_screen "| 1/1000+" "a word in more than 1000 articles is counted up to 1000"
check_screen "1000+ articles match" "and the status line says so"
keys End
check_screen "| 1100/1100" "the end of the list counts them all"
keys /
keys -l "cw1*"
keys Enter
check_screen "| 1/143" "a prefix of 11 words finds every article of any of them"
check_screen "Crowd 1059" "the newest first"
keys /
keys -l "c*"
keys Enter
check_screen "| 1/1000+" "a prefix of more than 64 words finds them too"

keys q
wait_exit
done_testing
