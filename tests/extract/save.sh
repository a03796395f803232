#!/bin/sh
# tidings save and tidings saved against a local web server: the full text fetched and kept,
# the saved file's shape, hostile titles that must not escape the save directory or make a
# dangerous name, never overwriting, a read-only save directory, and reading a saved article
# back in full after the server is gone.
. "$TESTS_SRCDIR/lib.sh"

if ! command -v python3 >/dev/null; then
	echo "1..0 # SKIP needs python3"
	exit 0
fi
. "$TESTS_SRCDIR/extract/server.sh"
# dates in the long form of the saved-article seed ("March 5, 2024"); the date-format
# setting is the one date format of every view (tests/arch/header.sh)
printf 'connect-timeout = 2\nfetch-timeout = 5\ndate-format = %%B %%-d, %%Y\n' >"$CONF/config"
printf '%s/feed.xml\n' "$BASE" >"$CONF/feeds"
SAVED="$DATA/saved"

td refresh
check "refresh reads the test feed" test "$RC" -eq 0
td list --json
ID=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print([i["id"] for i in json.load(sys.stdin) if i["title"].startswith("Harbour")][0])')
check "the article is in the cache" test -n "$ID"
td show "$ID" --format text --width 1000
lacks "$OUT" "Ines Alvarez" "before saving, the cache holds only the teaser"

# saving fetches the page, keeps the article in the cache and writes the file
td save "$ID"
check "save exits 0" test "$RC" -eq 0
FILE=$OUT
is "$(dirname "$FILE")" "$SAVED" "the file is under saved/ in the data directory"
is "$(basename "$FILE")" "2024-03-05-harbour-bridge-reopens.md" "named from the date and the title"
check "the file exists" test -f "$FILE"
is "$(sed -n 1p "$FILE")" "Harbour bridge reopens" "Markdown starts with the title"
contains "$(cat "$FILE")" "By " "it has a By line"
contains "$(cat "$FILE")" "March 5, 2024" "and the date"
contains "$(cat "$FILE")" "Ines Alvarez" "and the full article, not the teaser"
lacks "$(cat "$FILE")" "Share on Twitter" "without the page's furniture"
contains "$(cat "$FILE")" "Original url:" "it ends with the original URL"
contains "$(tail -n 2 "$FILE")" "<$BASE/article.html>" "as a Markdown autolink"

td saved
contains "$OUT" "Harbour bridge reopens" "tidings saved lists it"
td saved --json
is "$(printf '%s' "$OUT" | python3 -c 'import json,sys; a=json.load(sys.stdin); print(len(a), a[0]["full_text"])')" "1 True" "one saved article, with its full text"

td save "$ID"
is "$(basename "$OUT")" "2024-03-05-harbour-bridge-reopens-2.md" "saving again never overwrites: -2"
td save "$ID" --format text
is "$(basename "$OUT")" "2024-03-05-harbour-bridge-reopens.txt" "--format text writes .txt"
contains "$(cat "$OUT")" "Original url: $BASE/article.html" "text format names the original URL"
td save "$ID" --format html
contains "$(cat "$OUT")" "<h1>Harbour bridge reopens</h1>" "--format html writes a document"
lacks "$(cat "$OUT")" "<script" "without scripts"

echo "precious" >"$T_DIR/keep.md"
td save "$ID" --output "$T_DIR/keep.md"
is "$RC" 1 "--output onto an existing file fails"
is "$(cat "$T_DIR/keep.md")" "precious" "and leaves the file alone"
td save "$ID" --output "$T_DIR/new.md"
check "--output to a new file" test "$RC" -eq 0 -a -s "$T_DIR/new.md"
ln -s "$T_DIR/keep.md" "$T_DIR/link.md"
td save "$ID" --output "$T_DIR/link.md"
is "$RC" 1 "--output onto a symbolic link fails"
is "$(cat "$T_DIR/keep.md")" "precious" "and does not write through it"

# hostile titles: the name stays inside saved/, short, with no leading dot, no separator and
# no control character
sum_before=$(cksum </etc/passwd)
n_before=$(ls -A "$SAVED" | wc -l)
for title in "../../.bashrc" "/etc/passwd" "$(printf 'Long title %.0s' $(seq 460))" "....." \
	"$(printf 'line one\nline two\033[31m red\033]0;x\007')" "..\\..\\evil" "-rf *"; do
	q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$title")
	td save "$BASE/titled?t=$q"
	short=$(printf '%s' "$title" | head -c 20 | tr -d '\n\033\007')
	check "saves a page titled \"$short...\"" test "$RC" -eq 0
	is "$(dirname "$OUT")" "$SAVED" "its file is directly in saved/ ($short)"
	name=$(basename "$OUT")
	check "its file exists ($short)" test -f "$SAVED/$name"
	verdict=$(printf '%s' "$name" | python3 -c '
import sys
n = sys.stdin.buffer.read()
bad = []
if n.startswith(b".") or n.startswith(b"-"): bad.append("leading dot or dash")
if b"/" in n or b"\\" in n: bad.append("separator")
if any(c < 0x20 or c == 0x7f for c in n): bad.append("control character")
if len(n) > 120: bad.append("%d bytes" % len(n))
if any(c in n for c in b"*?\"<>|$`;&"): bad.append("special character")
print(", ".join(bad) or "safe")')
	is "$verdict" "safe" "its name is safe: $name"
done
is "$(cksum </etc/passwd)" "$sum_before" "/etc/passwd untouched"
check "no .bashrc written anywhere near" test ! -e "$DATA/.bashrc" -a ! -e "$T_DIR/.bashrc"
is "$(ls -A "$SAVED" | wc -l)" "$((n_before + 7))" "one new file per save, all in saved/"

# a read-only save directory: a clear error and nothing half-written
RO="$T_DIR/readonly"
mkdir -p "$RO"
chmod 555 "$RO"
printf 'connect-timeout = 2\nfetch-timeout = 5\nsave-dir = %s\n' "$RO" >"$CONF/config"
run_unprivileged() {
	# root ignores permission bits: drop the capabilities that let it
	if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
		OUT=$(setpriv --bounding-set=-dac_override,-dac_read_search -- \
			"$TIDINGS" --config "$CONF" --data "$DATA" "$@" 2>"$T_DIR/stderr")
		RC=$?
		ERR=$(cat "$T_DIR/stderr")
	else
		td "$@"
	fi
}
run_unprivileged save "$ID"
is "$RC" 1 "saving into a read-only directory fails"
contains "$ERR" "$RO" "the error names the directory"
contains "$ERR" "ermission denied" "and says why"
is "$(ls -A "$RO" | wc -l)" "0" "nothing was written there"
chmod 755 "$RO"
# dates in the long form of the saved-article seed ("March 5, 2024"); the date-format
# setting is the one date format of every view (tests/arch/header.sh)
printf 'connect-timeout = 2\nfetch-timeout = 5\ndate-format = %%B %%-d, %%Y\n' >"$CONF/config"

# a URL that is not in the cache joins "Saved pages"
td save "$BASE/second.html"
check "saving a URL works" test "$RC" -eq 0 -a -f "$OUT"
contains "$(cat "$OUT")" "Paragraph 6 of the page" "with the page's article"
td save "$BASE/nothing.html?not-in-the-cache"
is "$RC" 1 "a URL with no article fails"
contains "$ERR" "no article" "saying so"

# a page with no article: the feed's own text is saved, with a warning, and not taken for
# the full text
td list --json
FRONT=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print([i["id"] for i in json.load(sys.stdin) if i["title"] == "Front page"][0])')
td save "$FRONT"
check "saving an item whose page has no article works" test "$RC" -eq 0 -a -f "$OUT"
contains "$ERR" "saved the feed's text only" "with a warning"
contains "$(cat "$OUT")" "The feed's own words about the front page." "the feed's text is saved"
td saved --json
is "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print([i["full_text"] for i in json.load(sys.stdin) if i["title"] == "Front page"][0])')" "False" "and not stored as the full text"

# a news site's article: saved in the seed's shape (title, By line, date, body, Original
# url), the donation box after the text left out, and the Original url the page's canonical
# address (on the same site) rather than the feed's link with its tracking parameter
printf '%s/news.xml\n' "$BASE" >>"$CONF/feeds"
td refresh
td list --json
NEWS=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print([i["id"] for i in json.load(sys.stdin) if i["title"].startswith("Syrian")][0])')
td save "$NEWS"
check "saving the news article works" test "$RC" -eq 0 -a -f "$OUT"
SAVED_NEWS=$(cat "$OUT")
is "$(sed -n 1p "$OUT")" "Syrian and Russian Leaders Discuss Peace Talks" "it starts with the title"
contains "$SAVED_NEWS" "By The Moscow Times" "the By line is the writer (from the page), no date"
lacks "$SAVED_NEWS" "By The Moscow Times Nov" "and nothing after the name"
contains "$SAVED_NEWS" "November 14, 2013" "the date is there"
contains "$SAVED_NEWS" "The presidents of Syria and Russia have discussed" "the body starts"
contains "$SAVED_NEWS" "has not updated that figure since." "and goes to its end"
lacks "$SAVED_NEWS" "A Message from The Moscow Times" "without the donation box"
lacks "$SAVED_NEWS" "Contribute today" "or its call to contribute"
lacks "$SAVED_NEWS" "Kremlin Says Talks Must Include Iran" "or the related links"
contains "$(tail -n 2 "$OUT")" "<$BASE/2013/11/14/syrian-and-russian-leaders-discuss-peace-talks-a29601>" \
	"Original url is the page's canonical URL"

# the same article with its full text fetched during a refresh (full-text = true), long
# before it is saved: the save still names the page's canonical URL and its writer
DATA_BEFORE=$DATA
DATA="$T_DIR/data-fulltext"
mkdir -p "$DATA"
printf 'connect-timeout = 2\nfetch-timeout = 5\nfull-text = true\n' >"$CONF/config"
printf '%s/news.xml\n' "$BASE" >"$CONF/feeds"
td refresh
check "a refresh with full text works" test "$RC" -eq 0
td list --json
NEWS=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print([i["id"] for i in json.load(sys.stdin) if i["title"].startswith("Syrian")][0])')
td show "$NEWS" --format text --width 1000
contains "$OUT" "has not updated that figure since." "the refresh stored the full text"
lacks "$OUT" "syrian-and-russian-leaders" "the stored page address is not shown as text"
# what the page says of itself is kept beside its article, not inside its HTML
td show "$NEWS" --json
page_field() { printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
is "$(page_field page_url)" "$BASE/2013/11/14/syrian-and-russian-leaders-discuss-peace-talks-a29601" \
	"show --json gives the page's canonical URL as page_url"
is "$(page_field page_byline)" "The Moscow Times" "and its by-line as page_byline"
lacks "$(page_field fulltext)" "rel=\"canonical\"" "the raw full text has no canonical link in it"
lacks "$(page_field fulltext)" "name=\"author\"" "nor an author meta"
contains "$(page_field fulltext)" "The presidents of Syria and Russia have discussed" "only the article"
td save "$NEWS"
check "saving it works" test "$RC" -eq 0 -a -f "$OUT"
contains "$(cat "$OUT")" "By The Moscow Times" "its By line is the page's writer"
contains "$(tail -n 2 "$OUT")" "<$BASE/2013/11/14/syrian-and-russian-leaders-discuss-peace-talks-a29601>" \
	"its Original url is the page's canonical URL, stored at the refresh"
DATA=$DATA_BEFORE
printf 'connect-timeout = 2\nfetch-timeout = 5\n' >"$CONF/config"
printf '%s/feed.xml\n%s/news.xml\n' "$BASE" "$BASE" >"$CONF/feeds"

# the network goes away; the saved article reads back in full
kill "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null
td show "$ID" --format text --width 1000
contains "$OUT" "Ines Alvarez" "with the server gone, tidings show has the full article"
contains "$OUT" "though pedestrians would still be able to cross." "to its last paragraph"
td save "$ID" --output -
check "saving again offline works from the cache" test "$RC" -eq 0
contains "$OUT" "Ines Alvarez" "and gives the same full text"
td saved
contains "$OUT" "Second story" "tidings saved lists the saved URL too"
done_testing
