#!/bin/sh
# What a new user trips over in the reader (issue 18): the empty start says how to
# subscribe; o says what failed and tries each program of $BROWSER; a page announcing
# several feeds gives a picker; messages win over the hint and M shows them whole;
# mark-read-on; A asks and U undoes; the help at 60x20 wraps and scrolls; "terminal too
# small"; emoji joined with ZWJ leave no stale cells.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
. "$TESTS_SRCDIR/ui/cache.sh"

WWW="$T_DIR/www"
mkdir -p "$WWW"
start_server python3 "$TESTS_SRCDIR/ui/feedserver.py" "$WWW"

# --- the empty start says how to subscribe
: >"$CONF/feeds"
cache_create
ui_start 100 30
check_screen "No feeds yet" "an empty start says there are no feeds yet"
check_screen "a   and type a feed's or a site's URL" "and that a subscribes"
check_screen "$CONF/feeds" "and names the feeds file"
check_screen "tidings import FILE.opml" "and tidings import"

# --- a on a page announcing several feeds: a picker with title and type
feed() { # feed FORMAT TITLE
	if [ "$1" = atom ]; then
		echo "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>$2</title>
<id>urn:$2</id><updated>2024-01-01T00:00:00Z</updated><entry><title>$2 entry</title>
<id>urn:$2:1</id><updated>2024-01-01T00:00:00Z</updated><link href=\"$BASE/e.html\"/>
<summary>Summary of $2.</summary></entry></feed>"
	else
		echo "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>$2</title>
<link>$BASE/</link><description>d</description><item><title>$2 item</title>
<guid>$2-1</guid><link>$BASE/i.html</link><description>Text of $2.</description></item>
</channel></rss>"
	fi
}
feed rss "Site posts" >"$WWW/posts.xml"
feed atom "Site comments" >"$WWW/comments.xml"
cat >"$WWW/site.html" <<EOF
<!DOCTYPE html><html><head><title>A site</title>
<link rel="alternate" type="application/rss+xml" title="Posts" href="$BASE/posts.xml">
<link rel="alternate" type="application/atom+xml" title="Comments" href="$BASE/comments.xml">
</head><body><p>Hello</p></body></html>
EOF
keys a
check_screen "Add feed or site URL:" "a asks for a URL"
keys -l "$BASE/site.html"
keys Enter
check_screen "Site posts  [rss]" "a page with two feeds opens a picker: the first with its type"
check_screen "Site comments  [atom]" "and the second"
keys 2 Enter
check_screen "subscribed to $BASE/comments.xml" "the chosen one is subscribed to"
grep -q "comments.xml" "$CONF/feeds"
ok $? "it is in the feeds file"
if grep -q "posts.xml" "$CONF/feeds"; then ok 1 "and the other is not"; else ok 0 "and the other is not"; fi
check_screen "Site comments entry" "its articles show"
keys Q
wait_exit

# --- o: the browser's real outcome, each program of $BROWSER in turn
cat >"$T_DIR/browser" <<EOF2
#!/bin/sh
printf '%s\n' "\$@" >>"$T_DIR/opened"
EOF2
chmod +x "$T_DIR/browser"
echo "BROWSER='$T_DIR/missing:/bin/false:$T_DIR/browser'; export BROWSER" >"$T_DIR/reader.env"
ui_start 200 30
check_screen "Site comments entry" "the reader starts with the new feed"
keys o
check_screen "opened $BASE/e.html with $T_DIR/browser" "o tries each program of \$BROWSER until one works"
is "$(cat "$T_DIR/opened" 2>/dev/null)" "$BASE/e.html" "the working one gets the link"
keys : && keys -l "set browser /bin/false" && keys Enter
wait_for "browser = /bin/false"
keys o
check_screen "could not open $BASE/e.html: /bin/false: exit status 1" \
	"a browser that fails is reported as failing, with its status"
keys : && keys -l "set browser $T_DIR/nothing-here" && keys Enter
wait_for "browser = "
keys o
check_screen "$T_DIR/nothing-here: not found" "a missing browser is reported as missing"
keys Q
wait_exit
mkdir -p "$T_DIR/nobin"
echo "unset BROWSER; PATH='$T_DIR/nobin'; export PATH" >"$T_DIR/reader.env"
ui_start 200 30
wait_for "Site comments entry"
keys o
check_screen "xdg-open: not found" "without \$BROWSER or xdg-open, o says so"
keys Q
wait_exit
rm -f "$T_DIR/reader.env"

# --- a long message wins over the hint; M shows every message whole
ui_start 100 30
wait_for "Site comments entry"
keys : && keys -l "zz" && keys Enter
check_screen "an action name from the ? help)" "a long message is shown to its end"
lacks "$(printf '%s\n' "$SCREEN" | tail -1)" "Q quit" "the hint gives way to it"
tm resize-window -t ui -x 60 -y 20
check_screen "M: all" "a message that does not fit says M shows it all"
keys M
check_screen "messages of this session" "M opens the message log"
check_screen "action name from the ? help)" "which holds the message whole"
keys q
wait_gone "messages of this session"
ok $? "q leaves the message log"

# --- the help at 60x20: descriptions wrapped, j and Space scroll
keys '?'
check_screen "tidings: keys" "the help opens at 60x20"
check_screen "marked read when you open them" "the help states when articles become read"
check_screen "(1-18 of" "the help says which lines are shown"
keys Space
wait_gone "(1-18 of"
ok $? "Space scrolls the help"
check_screen "full-text" "the full-text action comes into view"
# Its description is wrapped under the description column, not cut: j brings its continuation
# lines into view when the action sits at the bottom of the page (its place moves as actions
# are added).
for _ in $(seq 20); do
	screen
	row=$(printf '%s\n' "$SCREEN" | grep -n "full-text" | head -1 | cut -d: -f1)
	[ -n "$row" ] && [ "$row" -le 15 ] && break
	keys j
done
full=$(printf '%s\n' "$SCREEN" | grep -A2 "full-text" | sed 's/^ *//; s/.*full-text *//' | tr -s ' ' | tr '\n' ' ')
contains "$full" "Fetch the full article from its web page, or go back to the feed's text" \
	"a long description is wrapped whole"
keys G
check_screen "Quit" "G reaches the end of the help"
keys q
wait_gone "tidings: keys"

# --- terminal too small
tm resize-window -t ui -x 39 -y 11
check_screen "terminal too small" "below 40x12 the reader says the terminal is too small"
tm resize-window -t ui -x 60 -y 20
check_screen "Site comments entry" "and comes back when it grows"
keys Q
wait_exit

# --- A asks when many articles are affected, and U takes the mark back
cache_sql_items() {
	for i in $(seq 101 112); do
		add_item "$i" 1 $((1700000000 + i)) "Bulk $i" "<p>Bulk body $i</p>"
	done
	cache_flush
}
db "DELETE FROM items"
cache_sql_items
unread() { db "SELECT count(*) FROM items WHERE read = 0"; }
ui_start 100 30
wait_for "Bulk 112"
keys A
check_screen "Mark 12 articles of All read? (y/n)" "A asks before marking 12 articles"
keys n
check_screen "cancelled" "n cancels"
is "$(unread)" 12 "nothing was marked"
keys A
wait_for "(y/n)"
keys y
check_screen "12 articles marked read (U takes it back)" "y marks them and says U undoes"
is "$(unread)" 0 "all are read in the cache"
keys U
check_screen "12 articles unread again" "U takes the mark back"
is "$(unread)" 12 "all are unread again in the cache"

# --- mark-read-on
keys : && keys -l "set mark-read-on select" && keys Enter
wait_for "mark-read-on = select"
keys j
check_screen "Bulk body 111" "j moves to the next article"
has_read() { [ "$(db "SELECT read FROM items WHERE id = 111")" = 1 ]; }
wait_until has_read
ok $? "with mark-read-on = select, the article moved to is marked read"
keys r
check_screen "marked unread" "r still makes it unread"
is "$(db 'SELECT read FROM items WHERE id = 111')" 0 "and it stays unread"
keys : && keys -l "set mark-read-on never" && keys Enter
wait_for "mark-read-on = never"
keys j Enter
check_screen "Bulk body 110" "Enter opens the next article"
keys q
wait_for "| 3/12"
is "$(db 'SELECT read FROM items WHERE id = 110')" 0 "with mark-read-on = never, opening does not mark"
keys Q
wait_exit

# --- emoji joined with ZWJ: no stale cells at 40 columns
db "DELETE FROM items"
FAMILY=$(printf '\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247')
HEART=$(printf '\342\235\244\357\270\217')
add_item 201 1 1700000300 "Family $FAMILY day $HEART end" "<p>Family body</p>"
add_item 202 1 1700000200 "Plain title after" "<p>Plain body</p>"
add_item 203 1 1700000100 "Third $FAMILY$FAMILY row" "<p>Third body</p>"
cache_flush
ui_start 40 14
wait_for "Plain title after"
keys j
wait_for "| 2/3"
keys j
wait_for "| 3/3"
keys k k
wait_for "| 1/3"
screen
before=$SCREEN
keys C-l
wait_for "| 1/3"
screen
is "$SCREEN" "$before" "the screen after moving over ZWJ emoji is what a full redraw shows"
keys Q
wait_exit

done_testing
