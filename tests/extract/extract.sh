#!/bin/sh
# tidings extract on pages written for the purpose: what stays, what goes, the JSON keys, the
# text and Markdown formats, standard input, and pages that hold no article.
. "$TESTS_SRCDIR/lib.sh"

D="$TESTS_SRCDIR/data/extract"

td extract --format json --base-url https://gazette.example/2024/bridge.html "$D/article.html"
check "extract exits 0 on an article" test "$RC" -eq 0
JSON="$OUT"
field() { printf '%s' "$JSON" | python3 -c "import json,sys; v=json.load(sys.stdin)['$1']; print('null' if v is None else v)"; }
keys=$(printf '%s' "$JSON" | python3 -c "import json,sys; print(' '.join(json.load(sys.stdin)))")
is "$keys" "title byline site_name published lang dir excerpt text markdown" "JSON has the documented keys in order"
is "$(field title)" "Harbour bridge reopens after two years of repairs" "title from JSON-LD headline"
is "$(field byline)" "Mara Lindqvist, Tom Okafor" "byline from JSON-LD authors"
is "$(field site_name)" "The Coastal Gazette" "site name"
is "$(field published)" "2024-03-05T07:30:00Z" "published as RFC 3339 in UTC"
is "$(field lang)" "en-GB" "language"
is "$(field dir)" "null" "no direction given"
is "$(field excerpt)" "The old harbour bridge carries traffic again." "excerpt from the description"
TEXT=$(field text)
contains "$TEXT" "carried its first cars again on Tuesday morning" "first paragraph kept"
contains "$TEXT" "though pedestrians would still be able to cross." "last paragraph kept"
contains "$TEXT" "The bridge at dawn on its first day back in service." "figure caption kept"
contains "$TEXT" "since the closure, according to the council's own traffic counts" "paragraph split by an ad rejoined"
for junk in "ADVERTISEMENT" "cookies" "Share on Twitter" "Sign up for our free daily" \
	"Related stories" "Council approves bridge repair budget" "First! This bridge" \
	"All rights reserved" "NAVIGATION SCRIPT TEXT" "Weather" "By Mara Lindqvist and"; do
	lacks "$TEXT" "$junk" "dropped: $junk"
done
lacks "$TEXT" "Harbour bridge reopens after two years of repairs" "the title is not repeated in the body"
case "$TEXT" in *"

"*) ok 0 "paragraphs separated by blank lines" ;; *) ok 1 "paragraphs separated by blank lines" ;; esac

td extract "$D/article.html"
check "--format text is the default" test "$RC" -eq 0
is "$(printf '%s\n' "$OUT" | head -n 1)" "Harbour bridge reopens after two years of repairs" "text starts with the title"

OUT=$("$TIDINGS" --config "$CONF" --data "$DATA" extract --format json - <"$D/article.html")
contains "$OUT" "first cars again" "reads the page from standard input"

td extract --format json "$D/home.html"
is "$RC" 1 "a home page has no article: exit 1"
contains "$ERR" "no article" "and says so"
is "$OUT" "" "and prints nothing on stdout"
td extract "$D/login.html"
is "$RC" 1 "a login wall has no article: exit 1"
contains "$ERR" "no article" "and says so"

td extract --format yaml "$D/article.html"
is "$RC" 2 "an unknown format is a usage error"
td extract
is "$RC" 2 "a missing argument is a usage error"
td extract "$T_DIR/missing.html"
is "$RC" 1 "a missing file fails"
contains "$ERR" "missing.html" "naming the file"

# hostile bytes: control characters and escapes never reach the output raw
printf '<html><head><title>T\033]52;c;eA==\007itle</title></head><body><article><p>%s \033[2J escape, and more words, to make a paragraph long enough to count, with commas, many of them, yes.</p><p>%s</p></article></body></html>' \
	"$(printf 'Lorem ipsum dolor sit amet, %.0s' 1 2 3 4 5 6)" "$(printf 'Sed do eiusmod tempor, %.0s' 1 2 3 4 5 6)" >"$T_DIR/hostile.html"
td extract "$T_DIR/hostile.html"
check "a page with escape sequences extracts" test "$RC" -eq 0
case "$OUT" in *"$(printf '\033')"*) ok 1 "no ESC in the output" ;; *) ok 0 "no ESC in the output" ;; esac
done_testing
