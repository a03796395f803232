#!/bin/sh
# Refreshing inside the reader from a local test server: at start-up, with R while reading,
# new articles arriving without moving the selection, and a feed's error in the feed column.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"

WWW="$T_DIR/www"
mkdir -p "$WWW"
start_server python3 "$TESTS_SRCDIR/ui/feedserver.py" "$WWW"

# write_feed ITEM...: the feed with these items, each "day|title|body".
write_feed() {
	{
		echo '<?xml version="1.0"?><rss version="2.0"><channel><title>Local news</title>'
		echo '<link>http://127.0.0.1/</link><description>test</description>'
		for it in "$@"; do
			day=${it%%|*}
			rest=${it#*|}
			echo "<item><title>${rest%%|*}</title><guid>${rest%%|*}</guid>"
			echo "<link>$BASE/story-${day}.html</link>"
			echo "<pubDate>${day} Nov 2023 10:00:00 +0000</pubDate>"
			echo "<description>&lt;p&gt;${rest#*|}&lt;/p&gt;</description></item>"
		done
		echo '</channel></rss>'
	} >"$WWW/feed.xml.tmp"
	mv "$WWW/feed.xml.tmp" "$WWW/feed.xml"
}

write_feed "02|Second story|Text of the second." "01|First story|Text of the first."
printf '%s/feed.xml\n%s/missing.xml\n' "$BASE" "$BASE" >"$CONF/feeds"
cat >"$CONF/config" <<'CONFIG'
refresh-on-start = true
connect-timeout = 2
fetch-timeout = 20
CONFIG

ui_start 120 40
check_screen "Second story" "refresh-on-start fills an empty cache while the reader is open"
check_screen "new article" "the status line reports the refresh"
keys j
check_screen "Text of the first." "the older article is selected"
is "$(position)" "2/2" "it is the second row"

write_feed "03|Fresh arrival|Text of the new one." "02|Second story|Text of the second." \
	"01|First story|Text of the first."
keys R
check_screen "Fresh arrival" "R brings a new article into the open list"
check_screen "| 3/3" "the selection moves down with its article"
contains "$SCREEN" "Text of the first." "the reading pane still shows the same article"

# --- a subscribes through `tidings add`, and the new feed's articles show at once
sed 's/Local news/Other news/; s/Fresh arrival/Added feed story/' "$WWW/feed.xml" >"$WWW/other.xml"
keys a
check_screen "Add feed or site URL:" "a asks for a URL"
keys -l "$BASE/other.xml"
keys Enter
check_screen "subscribed to" "the feed is added"
check_screen "Added feed story" "its articles show in the list"
grep -q "other.xml" "$CONF/feeds"
ok $? "the feeds file has the new feed"

# --- f fetches the full article from its page; s saves it as a file
{
	echo '<!DOCTYPE html><html><head><title>First story</title></head><body>'
	echo '<nav><a href="/">Home</a> <a href="/about">About</a></nav><article><h1>First story</h1>'
	for i in 1 2 3 4 5 6; do
		echo "<p>Paragraph $i of the whole first story, which the feed only summarised. It goes"
		echo "on for a while, with commas, clauses and sentences, so that it reads like prose;"
		echo "the extractor should keep every one of these paragraphs and drop the rest.</p>"
	done
	echo '<p>The last line says fulltextmarker.</p></article><footer>Footer links</footer></body></html>'
} >"$WWW/story-01.html"
keys G
check_screen "Text of the first." "the oldest article is selected"
keys f
check_screen "full text fetched" "f fetches the article's page"
check_screen "Paragraph 1 of the whole first story" "the reading pane shows the full text"
check_screen "(full text)" "and says that it is the full text"
is "$(db "SELECT fulltext IS NOT NULL FROM items WHERE title = 'First story' AND link LIKE '%/story-01.html' LIMIT 1")" 1 \
	"the full text is stored in the cache"
keys f
check_screen "the feed's text" "f again goes back to the feed's own text"
keys s
check_screen "saved to" "s saves the article"
saved=$(ls "$DATA/saved" 2>/dev/null | head -1)
check "the saved file is in the data directory's saved/" test -n "$saved"
grep -q "fulltextmarker" "$DATA/saved/$saved" 2>/dev/null
ok $? "the saved file holds the full article"
is "$(db "SELECT saved FROM items WHERE link LIKE '%/story-01.html' LIMIT 1")" 1 \
	"the article is marked saved"

# --- f and s do not hold up the keyboard while a slow page is on its way
slow_page() { # slow_page FILE MARKER
	{
		echo '<!DOCTYPE html><html><head><title>Slow</title></head><body><article><h1>Slow</h1>'
		for i in 1 2 3 4 5; do
			echo "<p>Paragraph $i of $2, a page that takes its time to arrive. It goes on for"
			echo "a while, with commas, clauses and sentences, so that it reads like prose.</p>"
		done
		echo '</article></body></html>'
	} >"$WWW/$1"
	# Six seconds: long enough that the checks below run before it arrives on a loaded machine.
	echo 6 >"$WWW/$1.delay"
}
# The list: the added feed's three articles beside Local news' three, newest first.
slow_page story-02.html "the slow second story"
keys g j j j
wait_for "| 4/6"
check_screen "Text of the second." "Local news' second article is selected"
keys f
check_screen "fetching the full article" "f starts fetching the slow page"
keys j
wait_for "| 5/6"
is "$(position)" "5/6" "the next article is selected while the page is on its way"
# Only shown while the page is on its way: a reader that waited for it would show its result.
# (Waited for: a capture can catch a frame whose top is drawn and its bottom not yet.)
check_screen "fetching 1 full article..." "the status line says the page is on its way"
check_screen "full text fetched" "the page arrives later"
keys k
check_screen "Paragraph 1 of the slow second story" "and its article is shown when read"

slow_page story-03.html "the slow third story"
keys k k
wait_for "| 2/6"
check_screen "Text of the new one." "the newest Local news article is selected"
keys s
check_screen "saving" "s starts saving"
keys j
wait_for "| 3/6"
is "$(position)" "3/6" "the next article is selected while the article is being saved"
check_screen "saving 1 article..." "the status line says the save is going on"
check_screen "saved to" "the save ends later"
is "$(db "SELECT saved FROM items WHERE title = 'Fresh arrival'")" 1 \
	"the slowly saved article is marked saved"
grep -l "slow third story" "$DATA/saved/"* >/dev/null 2>&1
ok $? "and its file holds the full article"

keys Tab Tab
keys G k
check_screen "! " "a failing feed is marked in the feed column"
check_screen "last error" "and its error is shown when it is selected"
keys Q
wait_exit

done_testing
