#!/bin/sh
# The reader in tmux: the first screen, navigation, reading, marks that persist, search,
# resizing, wide characters and hostile titles.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
. "$TESTS_SRCDIR/ui/cache.sh"

cat >"$CONF/feeds" <<'FEEDS'
http://127.0.0.1:9/alpha.xml news "~Alpha news"
http://127.0.0.1:9/beta.xml
http://127.0.0.1:9/wide.xml
FEEDS
cache_create
add_feed 1 http://127.0.0.1:9/alpha.xml "Alpha"
add_feed 2 http://127.0.0.1:9/beta.xml "Beta blog"
add_feed 3 http://127.0.0.1:9/wide.xml "広い 🎉 feed"
T0=1700000000
for i in $(seq 1 30); do
	n=$(printf '%02d' "$i")
	add_item "$i" $((i % 2 + 1)) $((T0 + i * 3600)) "Story number $n" \
		"<p>Body of story $n, plain words.</p><p>Second paragraph of $n.</p>"
done
add_item 31 1 $((T0 - 100)) "Old one" "<p>The word xylophone is only here.</p>"
add_item 32 3 $((T0 - 200)) "日本語のタイトル 🎉 絵文字" "<p>wide body</p>"
add_item 33 3 $((T0 - 300)) "한국어 제목 😀😀 more" "<p>wide body two</p>"
ESC=$(printf '\033')
BEL=$(printf '\007')
add_item 34 2 $((T0 - 400)) "Evil ${ESC}[31mRED${ESC}[0m ${ESC}]2;pwned${BEL}title ${ESC}[2J end" \
	"<p>evil body</p>"
cache_flush

# --- the first screen shows the newest article in the list and in the reading pane
ui_start 120 40
check_screen "Story number 30" "the list shows the newest article"
check_screen "Body of story 30" "the reading pane shows the newest article at once"
check_screen "Alpha news" "the feed column shows the feeds file's titles"
check_screen "Unread" "the feed column shows the views"
is "$(position)" "1/34" "the newest article is selected"

# --- navigation
keys j
check_screen "Body of story 29" "j moves to the next article and the pane follows"
is "$(position)" "2/34" "the position moves with it"
keys k
check_screen "Body of story 30" "k moves back"
keys G
check_screen "evil body" "G goes to the last article"
is "$(position)" "34/34" "G selects the last row"
keys g
check_screen "| 1/34" "g goes back to the first row"
keys Tab
wait_for "| 1/34"
keys Tab
keys k
check_screen "Alpha news" "Tab reaches the feed column"
keys Tab
keys Enter
check_screen "Second paragraph of 30" "Enter opens the article in the reading pane"

# --- marking read persists
keys Q
wait_exit
is "$(db 'SELECT read FROM items WHERE id = 30')" 1 "opening an article marks it read in the cache"
is "$(db 'SELECT read FROM items WHERE id = 29')" 0 "the next one stays unread"
ui_start 120 40
check_screen "Story number 30" "the reader starts again"
keys j r
check_screen "marked read" "r marks the article read"
keys Q
wait_exit
is "$(db 'SELECT read FROM items WHERE id = 29')" 1 "r writes through to the cache"
ui_start 120 40
wait_for "Story number 29"
line=$(printf '%s\n' "$SCREEN" | grep "Story number 29" | head -1)
case "$line" in *"N  "*"Story number 29"*) ok 1 "a read article shows without the unread mark after a restart" ;;
*) ok 0 "a read article shows without the unread mark after a restart" ;; esac
line=$(printf '%s\n' "$SCREEN" | grep "Story number 28" | head -1)
contains "$line" "N " "an unread one keeps its mark"

# --- search over bodies
keys /
keys -l xylophone
keys Enter
check_screen "Search: xylophone" "/ opens a search view"
check_screen "| 1/1" "the search finds exactly the one article"
check_screen "The word xylophone is only here." "the found article is shown"

# --- resizing keeps the selection
keys Tab Tab
keys k k k k k
check_screen "All" "back in the feed column"
keys Enter
wait_for "| 1/34"
keys j j j j
check_screen "| 5/34" "moved to the fifth article"
tm resize-window -t ui -x 60 -y 20
check_screen "Story number 26" "the selected article is on screen at 60x20"
is "$(position)" "5/34" "the selection is kept at 60x20"
tm resize-window -t ui -x 120 -y 40
check_screen "Body of story 26" "and back at 120x40 the same article is shown"
is "$(position)" "5/34" "the selection is kept after resizing back"
keys Q
wait_exit

# --- zoom and pane sizes
ui_start 120 40
wait_for "Story number 30"
keys z
wait_gone "Story number 29"
ok $? "z shows the reading pane alone, without the list"
contains "$SCREEN" "Body of story 30" "the article fills the screen"
lacks "$SCREEN" "Unread" "without the feed column"
keys z
check_screen "Story number 29" "z again brings the list back"
border_col() { printf '%s\n' "$SCREEN" | sed -n 3p | python3 -c '
import sys; line = sys.stdin.read(); print(line.index("\u2502") if "\u2502" in line else -1)'; }
keys Tab Tab
wait_for "Unread"
before=$(border_col)
keys '>'
border_moved() { screen && [ "$(border_col)" != "$before" ]; }
wait_until border_moved
after=$(border_col)
check "> widens the focused feed column ($before to $after)" [ "$after" -gt "$before" ]
keys Q
wait_exit

# --- wide characters and hostile titles
ui_start 120 40
wait_for "Story number 30"
keys G
check_screen "evil body" "at the end of the list"
screen
# Every line is 120 columns wide at most, and the column border sits at the same column on
# every line that has one, whatever wide characters come before it.
widths=$(printf '%s\n' "$SCREEN" | python3 -c '
import sys, unicodedata
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)
cols = set()
for line in sys.stdin.read().split("\n")[1:-1]:
    if "\u2502" in line:
        cols.add(w(line[:line.index("\u2502")]))
    if w(line) > 120:
        cols.add("overflow")
print(" ".join(str(c) for c in sorted(cols, key=str)))')
is "$widths" "28" "CJK and emoji keep the columns aligned"
contains "$SCREEN" "日本語のタイトル" "a CJK title is shown"
contains "$SCREEN" "RED" "the hostile title is shown as text"
is "$(tm display-message -p -t ui '#{pane_title}')" "$(tm display-message -p -t ui '#{host}')" \
	"an escape sequence in a title does not change the window title"
esc=$(tm capture-pane -p -e -t ui | grep "RED" | grep -c "${ESC}\[31m")
is "$esc" 0 "an escape sequence in a title does not change colours"
keys Q
wait_exit

done_testing
