#!/bin/sh
# Hostile documents through every path that reaches the screen: `tidings parse` on each file,
# then the same documents served on 127.0.0.1, refreshed into the cache, and printed by
# `list`, `feeds` and `show` in every format; hostile web pages through `extract`; an OPML file
# of hostile URLs through `import`. Nothing may crash or hang, no output may hold a byte that
# drives a terminal, no local file may be read, no DTD fetched and no non-web feed imported.
. "$TESTS_SRCDIR/lib.sh"
H=$TESTS_SRCDIR/data/hardening
ROOT=$T_DIR/www
mkdir -p "$ROOT"
FAULT_ROOT=$ROOT
. "$TESTS_SRCDIR/fetch/server.sh"
# A 1 MB title needs more than server.sh's 1 MiB limit.
cat >"$CONF/config" <<CONFIG
connect-timeout = 2
fetch-timeout = 10
max-feed-size = 4
CONFIG

safe() { python3 "$TESTS_SRCDIR/hardening/screen_safe.py" "$@"; }
HOSTILE_INPUTS=0

# Generated inputs, too big to keep as files: 100,000 nested elements (in the XML and in the
# HTML of an item), a 1 MB title, and the network DTD pointed at our recording server.
python3 - "$ROOT" <<'PY'
import sys
root = sys.argv[1]
def w(name, text):
    open(root + "/" + name, "w").write(text)
n = 100000
w("deep_xml.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>Deep XML</title>'
  '<item><title>deep</title><guid>d</guid><description>' + "<x>" * n + "</x>" * n +
  '</description></item><item><title>after</title><guid>a</guid></item></channel></rss>')
w("deep_html.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>Deep HTML</title>'
  '<item><title>deep html</title><guid>dh</guid><description><![CDATA[' +
  "<div><blockquote><ul><li>" * (n // 4) + "bottom" + "</li></ul></blockquote></div>" * (n // 4) +
  ']]></description></item></channel></rss>')
w("big_title.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>' + "T" * 1000000 +
  '</title><item><title>' + "\u00e9\u202e\x1b" * 0 + "W" * 1000000 + '</title><guid>big</guid>'
  '<link>http://127.0.0.1/' + "L" * 100000 + '</link></item></channel></rss>')
PY
sed "s|@URL@|$BASE|g" "$H/xxe_network.xml.in" >"$ROOT/xxe_network.xml"
for f in "$H"/*.xml "$H"/*.json; do cp "$f" "$ROOT/"; done
# (the .html pages go through the extractor below)
FILES=$(cd "$ROOT" && ls)

# 1. tidings parse, as a listing and as JSON.
for f in $FILES; do
	for mode in text json; do
		set -- parse
		[ "$mode" = json ] && set -- parse --json
		start=$(date +%s)
		timeout 60 "$TIDINGS" --config "$CONF" --data "$DATA" "$@" "$ROOT/$f" \
			>"$T_DIR/out" 2>&1
		rc=$?
		elapsed=$(($(date +%s) - start))
		HOSTILE_INPUTS=$((HOSTILE_INPUTS + 1))
		check "parse $mode $f: ends normally (status $rc, ${elapsed}s)" [ "$rc" -le 1 ]
		mkdir -p "$T_DIR/parsed"
		cp "$T_DIR/out" "$T_DIR/parsed/$f.$mode"
		cat "$T_DIR/out" >>"$T_DIR/all-parse"
	done
done
# One screen_safe.py for every output (it names each bad file): a Python start per file
# would be most of this test's time.
safe "$T_DIR"/parsed/* >"$T_DIR/unsafe"
for f in $FILES; do
	for mode in text json; do
		lacks "$(cat "$T_DIR/unsafe")" "$T_DIR/parsed/$f.$mode:" "parse $mode $f: output is screen-safe"
	done
done
check "no parse took the contents of /etc/passwd" sh -c "! grep -q 'root:.*:0:0:' '$T_DIR/all-parse'"
check "no entity was expanded into a laugh" sh -c "! grep -q 'lollollollollol' '$T_DIR/all-parse'"
# Two 1 MB titles, twice each in two modes, and a little more: not an expanded entity.
check "no parse output grew past 9 MB" [ "$(wc -c <"$T_DIR/all-parse")" -lt 9000000 ]
check "parsing never fetched the DTD or an external entity" \
	sh -c "! grep -E 'dtd|entity' '$FAULT_LOG'"

td parse --json "$ROOT/extreme_dates.xml"
printf '%s' "$OUT" >"$T_DIR/dates.json"
check "the year 1 is an unknown date, not 2001; 9999 is kept" python3 -c '
import json, sys
items = {i["id"]: i["published"] for i in json.load(open(sys.argv[1]))["items"]}
assert items["y1"] is None and items["i1"] is None, items
assert items["y9999"] == "9999-12-31T23:59:59Z", items
assert all(v is None for k, v in items.items() if k in ("huge", "neg", "ovf", "garb")), items
' "$T_DIR/dates.json"

td parse "$T_DIR/$(printf 'x\033]0;pwned\007\033[2J\342\200\256.xml')"
HOSTILE_INPUTS=$((HOSTILE_INPUTS + 1))
printf '%s%s' "$OUT" "$ERR" >"$T_DIR/out"
check "a hostile file name in an error message is screen-safe" safe "$T_DIR/out"

# 1b. Web pages through the article extractor, in every format.
python3 - "$T_DIR/deep.html" <<'PY'
import sys
n = 25000
open(sys.argv[1], "w").write("<html><body><article>" + "<div><section><p><span>" * n +
                             "bottom words, many, commas, here" + "</span></p></section></div>" * n +
                             "</article></body></html>")
PY
for f in "$H/controls.html" "$H/local_files.html" "$T_DIR/deep.html"; do
	for fmt in text markdown json; do
		timeout 60 "$TIDINGS" --config "$CONF" --data "$DATA" extract --format "$fmt" \
			--base-url https://example.org/a/ "$f" >"$T_DIR/out" 2>&1
		rc=$?
		HOSTILE_INPUTS=$((HOSTILE_INPUTS + 1))
		check "extract $fmt $(basename "$f"): ends normally (status $rc)" [ "$rc" -le 1 ]
		check "extract $fmt $(basename "$f"): output is screen-safe" safe "$T_DIR/out"
		cat "$T_DIR/out" >>"$T_DIR/all-extract"
	done
done
check "no extract read /etc/passwd" sh -c "! grep -q 'root:.*:0:0:' '$T_DIR/all-extract'"

# 2. The same documents over HTTP into the cache.
: >"$CONF/feeds"
for f in $FILES; do echo "$BASE/static/$f" >>"$CONF/feeds"; done
start=$(date +%s)
timeout 120 "$TIDINGS" --config "$CONF" --data "$DATA" refresh >"$T_DIR/out" 2>&1
rc=$?
elapsed=$(($(date +%s) - start))
check "refresh of every hostile feed ends normally (status $rc, ${elapsed}s)" [ "$rc" -le 1 ]
check "refresh output is screen-safe" safe "$T_DIR/out"
check "refreshing fetched nothing but the feeds" \
	sh -c "! grep -v '^/static/' '$FAULT_LOG' | grep -q ."
check "the cache is intact" [ "$(sqlite3 "$DATA/cache.db" 'PRAGMA integrity_check')" = ok ]
before=$(sqlite3 "$DATA/cache.db" 'SELECT count(*) FROM items')
"$TIDINGS" --config "$CONF" --data "$DATA" refresh >"$T_DIR/out" 2>&1
after=$(sqlite3 "$DATA/cache.db" 'SELECT count(*) FROM items')
is "$after" "$before" "a second refresh adds no duplicate of items with missing or repeated guids"
check "every item has a non-empty guid" \
	[ "$(sqlite3 "$DATA/cache.db" "SELECT count(*) FROM items WHERE guid IS NULL OR guid = ''")" = 0 ]

# 3. Every way the cache reaches the screen.
for cmd in "list" "list --json" "feeds" "feeds --json"; do
	# shellcheck disable=SC2086
	timeout 60 "$TIDINGS" --config "$CONF" --data "$DATA" $cmd >"$T_DIR/out" 2>&1
	rc=$?
	check "$cmd: status $rc, output is screen-safe" sh -c "[ $rc -eq 0 ] && python3 '$TESTS_SRCDIR/hardening/screen_safe.py' '$T_DIR/out'"
done
# Every item as text; the items of the feeds full of controls and bad bytes in every format.
ids=$(sqlite3 "$DATA/cache.db" 'SELECT id FROM items ORDER BY id')
all_formats=$(sqlite3 "$DATA/cache.db" "SELECT items.id FROM items JOIN feeds ON feeds.id = feed_id
	WHERE feeds.url GLOB '*/controls*' OR feeds.url GLOB '*/invalid*' OR feeds.url GLOB '*/nul*'
	OR feeds.url GLOB '*/deep_html*' OR feeds.url GLOB '*/browser*'" | tr '\n' ' ')
bad=""
shown=0
for id in $ids; do
	formats=text
	case " $all_formats " in *" $id "*) formats="text markdown html" ;; esac
	for fmt in $formats; do
		timeout 60 "$TIDINGS" --config "$CONF" --data "$DATA" show "$id" --format "$fmt" \
			--width 60 >"$T_DIR/out" 2>&1
		rc=$?
		shown=$((shown + 1))
		[ "$rc" -eq 0 ] || bad="$bad $id/$fmt:$rc"
		mkdir -p "$T_DIR/shown"
		cp "$T_DIR/out" "$T_DIR/shown/$id.$fmt"
		cat "$T_DIR/out" >>"$T_DIR/all-show"
	done
done
safe "$T_DIR"/shown/* >"$T_DIR/why" || bad="$bad $(head -c 400 "$T_DIR/why")"
HOSTILE_INPUTS=$((HOSTILE_INPUTS + shown))
is "$bad" "" "show is screen-safe for all $shown item renderings"
check "no article shows the contents of /etc/passwd" sh -c "! grep -q 'root:.*:0:0:' '$T_DIR/all-show'"
check "the 100,000-deep HTML still shows its text" grep -q bottom "$T_DIR/all-show"

# 4. OPML import with exec:, file:, javascript:, data: and pipe URLs, and line breaks in a URL
# and a title: only the two http feeds are subscribed, each on one line of the feeds file.
mkdir -p "$T_DIR/opml-conf"
"$TIDINGS" --config "$T_DIR/opml-conf" --data "$T_DIR/opml-data" import "$H/opml_hostile.opml" \
	>"$T_DIR/out" 2>&1
rc=$?
HOSTILE_INPUTS=$((HOSTILE_INPUTS + 8))
is "$rc" 1 "importing an OPML file with hostile URLs reports the refusals"
check "its output is screen-safe" safe "$T_DIR/out"
is "$(grep -c '^tidings: refused' "$T_DIR/out")" 6 "exec:, file:, javascript:, data:, a pipe and a URL with a line break are refused"
is "$(grep -c . "$T_DIR/opml-conf/feeds")" 2 "only the two http feeds are subscribed, one line each"
check "no line of the feeds file names a refused URL" \
	sh -c "! grep -qE '^(exec|file|javascript|data|[|])|injected\$|^http://127.0.0.1/injected' '$T_DIR/opml-conf/feeds'"

echo "# hostile inputs tried: $HOSTILE_INPUTS"
done_testing
