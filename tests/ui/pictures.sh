#!/bin/sh
# Pictures in the reading pane (images = symbols): an article's picture, served on 127.0.0.1,
# is fetched after the text is up and drawn with coloured block cells where its
# "[image: alt]" line stood, the text after it moved down to make room; scrolling keeps the
# two aligned; a picture too large (bytes or pixels) keeps its label; the keyboard answers
# while a slow picture is on its way.
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
<p><img src=\"$BASE/wide.png\" alt=\"ten gigapixels\"></p><p>The end.</p>"
cache_flush

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
lacks "$(tm capture-pane -e -p -t ui)" "$(printf '\033]')" "no OSC sequence reaches the screen"
[ -n "${SHOW_SCREEN:-}" ] && tm capture-pane -p -t ui
keys Q
wait_exit
done_testing
