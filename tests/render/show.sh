#!/bin/sh
# tidings list and tidings show over a cache filled with plain SQL, hostile text included.
. "$TESTS_SRCDIR/lib.sh"

td list
is "$RC" 0 "list works on an empty cache"
is "$OUT" "" "and prints nothing"

# Three items of one feed; titles and bodies carry ESC sequences, an OSC 52 clipboard write,
# C1 controls, invalid UTF-8 and U+202E.
python3 - "$DATA/cache.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.text_factory = bytes
db.execute("INSERT INTO feeds(id, url, title) VALUES (7, 'https://feed.example/rss', ?)",
           (b"Feed \x1b]52;c;ZXZpbA==\x07name\xc2\x9b",))
items = [
    (1, b"Old \x1b[2Jtitle", b"Ann", 1000000000, b"<p>old body</p>", 1, 0),
    (2, b"New \xe2\x80\xaetitle\xc2\x85 \xff\xfe", b"Bob\r\x08", 1700000000,
     b"<p>Hello <a href='/x'>x</a>\x1b[31m red \x9b0m \xed\xa0\x80</p><script>bad()</script>"
     b"<pre>\x1b]52;c;ZXZpbA==\x07code\ttab</pre>", 0, 1),
    (3, b"No date", None, None, b"<p>undated</p>", 0, 0),
]
for id, title, author, published, content, read, saved in items:
    db.execute("INSERT INTO items(id, feed_id, guid, link, title, author, published, content,"
               " read, saved, first_seen, sort_time)"
               " VALUES (?, 7, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
               (id, b"g%d" % id, b"https://feed.example/%d" % id, title, author, published,
                content, read, saved, published or 1500000000))
db.commit()
PY

# Fails when the file holds a control byte (but newline and tab), DEL, a C1 control, invalid
# UTF-8 or a bidirectional control.
clean() {
	python3 - "$1" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
bad = [b for b in data if (b < 0x20 and b not in (0x0a, 0x09)) or b == 0x7f]
try:
    text = data.decode("utf-8")
except UnicodeDecodeError:
    sys.exit("invalid UTF-8")
bad += [c for c in text if 0x80 <= ord(c) <= 0x9f or ord(c) in
        (0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069)]
sys.exit("bad characters: %r" % bad[:5] if bad else 0)
PY
}
output_is_clean() { # output_is_clean DESCRIPTION COMMAND...
	local desc=$1
	shift
	"$TIDINGS" --config "$CONF" --data "$DATA" "$@" >"$T_DIR/out" 2>&1
	check "$desc" clean "$T_DIR/out"
}

td list
is "$RC" 0 "list succeeds"
is "$(printf '%s\n' "$OUT" | awk '{print $1}' | tr '\n' ' ')" "2 3 1 " "newest first"
contains "$OUT" "New title" "titles are shown, with their controls removed"
contains "$OUT" "Old [2Jtitle" "the ESC of a title is gone, its harmless rest stays"
contains "$OUT" " NS " "unread and saved are marked"
output_is_clean "list prints no control character" list

td list --unread
is "$(printf '%s\n' "$OUT" | awk '{print $1}' | tr '\n' ' ')" "2 3 " "--unread"
td list --limit 1
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 1 "--limit"
td list --feed https://feed.example/rss
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 3 "--feed by URL"
td list --feed 7
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 3 "--feed by id"
td list --feed https://other.example/
is "$RC" 1 "--feed with an unknown feed fails"
td list --limit x
is "$RC" 2 "--limit wants a number"

td list --json
is "$RC" 0 "list --json succeeds"
printf '%s' "$OUT" >"$T_DIR/list.json"
check "the JSON has the documented fields" python3 -c '
import json, sys
items = json.load(open(sys.argv[1]))
assert [i["id"] for i in items] == [2, 3, 1], items
for i in items:
    assert set(["id", "feed", "title", "link", "published", "read", "saved"]) <= set(i), i
assert items[0]["published"] == "2023-11-14T22:13:20Z"
assert items[1]["published"] is None
assert items[0]["read"] is False and items[0]["saved"] is True
assert items[2]["read"] is True
assert "\x1b" not in json.dumps(items, ensure_ascii=False)
assert items[0]["feed"] == "Feed ]52;c;ZXZpbA==name", items[0]["feed"]
' "$T_DIR/list.json"
output_is_clean "list --json prints no control character" list --json

td show 2 --width 40
is "$RC" 0 "show succeeds"
contains "$OUT" "Feed: Feed ]52;c;ZXZpbA==name" "the header names the feed"
contains "$OUT" "Link: https://feed.example/2" "and the link"
contains "$OUT" "Hello x[1]" "the body is rendered, links numbered"
contains "$OUT" "[1] https://feed.example/x" "relative links resolved against the item's link"
lacks "$OUT" "bad()" "scripts are dropped"
contains "$OUT" "ZXZpbA==code      tab" "tabs in preformatted text are expanded to stops of 8"
for fmt in text markdown html; do
	output_is_clean "show --format $fmt prints no control character" show 2 --format "$fmt"
done
td show 2 --format markdown
contains "$OUT" "Original url:" "markdown ends with the original URL"
contains "$OUT" "<https://feed.example/2>" "in angle brackets"
contains "$OUT" "By Bob" "and has the by-line"
td show 3
contains "$OUT" "undated" "an undated item shows"
lacks "$OUT" "Date:" "without a date line"

td show 99
is "$RC" 1 "an unknown item fails"
contains "$ERR" "no item 99" "and says so"
td show abc
is "$RC" 2 "ITEM must be a number"
td show 2 --format pdf
is "$RC" 2 "an unknown format is a usage error"
td show 2 --width 3
is "$RC" 2 "a silly width is a usage error"

done_testing
