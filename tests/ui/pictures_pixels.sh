#!/bin/sh
# Pictures drawn with pixels, on a pty playing a terminal (tests/ui/fake_terminal.py): with
# images = auto the reader asks the terminal (the kitty graphics query, DA1) through its loop
# and draws with the kitty protocol where kitty answers OK, with sixels where DA1 lists 4;
# the sequences go where the picture stands, C-l draws them again, kitty's are deleted at the
# end; nothing but the protocols' own framing comes out of a picture.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/cache.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 is not installed"; exit 0; }
db() { sqlite3 "$DATA/cache.db" "$@"; }

start_server python3 "$TESTS_SRCDIR/ui/imageserver.py"
printf 'images = auto\n' >"$CONF/config"
cache_create
add_feed 1 http://127.0.0.1:9/a.xml "Alpha"
add_item 1 1 1700000000 "Pictured" "<p>Before the picture.</p>
<p><img src=\"$BASE/split.png\" alt=\"a split flag\"></p><p>After the picture.</p>"
cache_flush

for kind in kitty sixel; do
	found=$(python3 "$TESTS_SRCDIR/ui/fake_terminal.py" "$kind" "$T_DIR/$kind.out" -- \
		"$TIDINGS" --config "$CONF" --data "$DATA" read)
	case $kind in
	kitty) contains "$found" "queries=1,1" "kitty: both queries are sent" ;;
	sixel) contains "$found" "queries=1,1" "sixel: both queries are sent" ;;
	esac
	contains "$found" "redrawn=1" "$kind: the picture is drawn with pixels, and again after C-l"
	lacks "$found" "pictures=0" "$kind: at least one picture sequence"
	# Where it goes: saved cursor, then the picture's cell (the pane's row after the text).
	place=$(python3 -c '
import re, sys
data = open(sys.argv[1], "rb").read()
m = re.search(rb"\x1b7\x1b\[(\d+);(\d+)H(\x1b_Ga=T|\x1bP)", data)
print("%s;%s" % (m.group(1).decode(), m.group(2).decode()) if m else "none")' "$T_DIR/$kind.out")
	lacks "$place" "none" "$kind: the picture is placed with a cursor move ($place)"
	# Nothing between the picture's framing escapes but its pixels.
	stray=$(python3 -c '
import re, sys
data = open(sys.argv[1], "rb").read()
bad = 0
for m in re.finditer(rb"\x1b_G[^\x1b]*\x1b\\\\|\x1bP[^\x1b]*\x1b\\\\", data):
    body = m.group(0)[3:-2]
    bad += any(c < 0x20 or c == 0x7f for c in body)
print(bad)' "$T_DIR/$kind.out")
	is "$stray" "0" "$kind: no control byte inside a picture's sequence"
done
contains "$(python3 -c 'import sys; print(1 if b"\x1b_Ga=d,d=A" in open(sys.argv[1], "rb").read() else 0)' "$T_DIR/kitty.out")" \
	"1" "kitty: the pictures are deleted when they go"
done_testing
