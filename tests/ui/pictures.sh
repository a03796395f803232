#!/bin/sh
# Pictures in the reading pane (images = symbols): an article's picture, served on 127.0.0.1,
# is fetched after the text is up and drawn with coloured block cells where its
# "[image: alt]" line stood, the text after it moved down to make room; scrolling, C-l and a
# resize keep the two aligned; a picture too large (bytes or pixels) keeps its label; of an article of
# 200 pictures only those near the lines shown are fetched; with images = auto the
# terminal's answer (tmux's DA1) is read through the loop and none of it is taken for keys.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
. "$TESTS_SRCDIR/ui/cache.sh"

start_server python3 "$TESTS_SRCDIR/ui/imageserver.py"
cat >"$CONF/config" <<CONFIG
images = symbols
image-max-size = 4
CONFIG

cache_create
add_feed 1 http://127.0.0.1:9/a.xml "Alpha"
add_item 1 1 1700000000 "Pictured" "<p>Before the picture.</p>
<p><img src=\"$BASE/split.png\" alt=\"a split flag\"></p><p>After the picture.</p>
<p><img src=\"$BASE/huge.png\" alt=\"fifty megabytes\"></p>
<p><img src=\"$BASE/wide.png\" alt=\"ten gigapixels\"></p>
$(for k in $(seq 30); do printf '<p>Filler paragraph %s.</p>' "$k"; done)<p>The end.</p>"
many=""
for k in $(seq 0 199); do
	many="$many<p>Picture $k.</p><p><img src=\"$BASE/n/$k.png\" alt=\"n$k\"></p>"
done
add_item 2 1 1600000000 "Two hundred" "$many"
cache_flush

# picture_rows: the lines of the screen between TEXT1 and TEXT2, with their colours.
picture_rows() {
	local from to
	screen
	from=$(printf '%s\n' "$SCREEN" | grep -n "$1" | cut -d: -f1)
	to=$(printf '%s\n' "$SCREEN" | grep -n "$2" | cut -d: -f1)
	tm capture-pane -e -p -t ui -S "$from" -E "$((to - 3))"
}
server_count() { curl -s --noproxy '*' "$BASE/count${1:+?$1}"; }

ui_start 100 40
check_screen "After the picture" "the article's text is shown"
wait_gone "[image: a split flag]"
ok $? "the picture's label gives way to the picture"
screen
# Where the picture stands: the rows between the text before it and after it.
before=$(printf '%s\n' "$SCREEN" | grep -n "Before the picture" | cut -d: -f1)
after=$(printf '%s\n' "$SCREEN" | grep -n "After the picture" | cut -d: -f1)
# 160x80 pixels at 8x16 a cell: 20 columns, 5 rows, and a blank line on each side.
is "$((after - before))" "8" "the text after the picture moves down by its rows"
colours=$(tm capture-pane -e -p -t ui -S $((before + 1)) -E $((after - 3)))
contains "$colours" "196m" "its left half is drawn in red cells"
contains "$colours" "21m" "its right half in blue cells"
check_screen "[image: fifty megabytes]" "a picture over image-max-size keeps its label"
check_screen "[image: ten gigapixels]" "a picture over image-max-pixels keeps its label"
# Back and forth: the picture that failed is not fetched again in this session.
huge=$(server_count /huge.png)
keys j
check_screen "Picture 0." "the next article is shown"
keys k
check_screen "After the picture" "and the first one again"
wait_gone "[image: a split flag]"
is "$(server_count /huge.png)" "$huge" "the 50 MiB picture is not fetched a second time"
lacks "$(tm capture-pane -e -p -t ui)" "$(printf '\033]')" "no OSC sequence reaches the screen"

# Scrolling the pane moves the picture with the text.
keys Enter
keys j j
wait_until sh -c "tmux -S '$TMUX_SOCKET' capture-pane -p -t ui | grep -q '^ *│ Date:'"
screen
before2=$(printf '%s\n' "$SCREEN" | grep -n "Before the picture" | cut -d: -f1)
after2=$(printf '%s\n' "$SCREEN" | grep -n "After the picture" | cut -d: -f1)
is "$((before - before2)) $((after - after2))" "2 2" "two lines down: the text before and after moved up by two"
colours=$(picture_rows "Before the picture" "After the picture")
contains "$colours" "196m" "the picture moved with them"
# C-l changes nothing visible: the k after it, which does, says when both were handled.
keys C-l k
wait_until sh -c "tmux -S '$TMUX_SOCKET' capture-pane -p -t ui | sed -n '$((before2 + 1))p' | grep -q 'Before the picture'"
colours=$(picture_rows "Before the picture" "After the picture")
contains "$colours" "21m" "C-l draws the picture again in place"
# A resize lays the article out again: the picture is drawn where its line now stands.
tm resize-window -t ui -x 130 -y 45
wait_until sh -c "tmux -S '$TMUX_SOCKET' capture-pane -p -t ui | awk 'END { exit NR == 45 ? 0 : 1 }'"
wait_for "After the picture"
colours=$(picture_rows "Before the picture" "After the picture")
contains "$colours" "196m" "after a resize the picture stands between the same lines"
[ -n "${SHOW_SCREEN:-}" ] && tm capture-pane -p -t ui
keys Q
wait_exit

# Two hundred pictures: those near the lines shown are fetched, the rest when scrolled to.
asked=$(server_count)
ui_start 100 40
keys j Enter
check_screen "Picture 0." "the article of 200 pictures is shown"
wait_gone "[image: n0]"
ok $? "its first picture is drawn"
is "$(($(server_count) - asked < 60))" "1" "fewer than 60 of the 200 pictures were asked for"
keys G
wait_gone "[image: n199]"
ok $? "at the end of the article the last picture is drawn"
keys Q
wait_exit

# images = auto inside tmux: only DA1 is sent (tmux takes the kitty query for a title); its
# answer, read among the keys, gives symbols, and none of its characters acts as a key.
printf 'images = auto\n' >"$CONF/config"
asked=$(server_count /split.png)
ui_start 100 40
check_screen "After the picture" "images = auto: the article is shown"
wait_gone "[image: a split flag]"
ok $? "images = auto: the terminal's answer decides, and the picture is drawn"
is "$(server_count /split.png)" "$asked" "the picture comes from the disk cache: it is not fetched again"
check "the disk cache holds them under the data directory given with --data" \
	test -n "$(ls "$DATA/image-cache")"
screen
lacks "$SCREEN" "Keys" "the answer's characters are not taken for keys (no help screen)"
is "$(tm display-message -p -t ui '#{pane_title}')" "$(tm display-message -p -t ui '#{host}')" \
	"the window's title is left alone"
keys Q
wait_exit
done_testing
