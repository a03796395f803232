#!/bin/sh
# What the CLI prints of an article: characters newer than the C library's tables kept (in
# text and in --json), a date for Atom entries with only <updated>, and the line breaks of a
# JSON Feed's content_text.
. "$TESTS_SRCDIR/lib.sh"

# U+31350 and U+1B132 are Unicode 15: glibc 2.36's wcwidth knows neither.
cat >"$T_DIR/newer.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kana 𛄲 news</title><link>http://127.0.0.1:9/</link>
<item><title>Han 𱍐 and kana 𛄲</title><link>http://127.0.0.1:9/1</link><guid>n1</guid>
<pubDate>Mon, 16 Nov 2026 10:00:00 +0000</pubDate>
<description>&lt;p&gt;Body 𱍐 here, 𛄲 there.&lt;/p&gt;</description></item></channel></rss>
XML
cat >"$T_DIR/updated.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Only updated</title><id>urn:u</id>
<updated>2026-11-20T10:00:00Z</updated>
<entry><title>Entry with only updated</title><id>urn:u:1</id>
<link href="http://127.0.0.1:9/u1"/><updated>2026-11-19T08:30:00Z</updated>
<content type="html">&lt;p&gt;Hello&lt;/p&gt;</content></entry></feed>
XML
cat >"$T_DIR/plain.json" <<'JSON'
{"version": "https://jsonfeed.org/version/1.1", "title": "Plain JSON",
 "items": [{"id": "j1", "title": "Plain text item", "url": "http://127.0.0.1:9/j1",
  "date_published": "2026-11-18T00:00:00Z",
  "content_text": "First line.\nSecond line.\n\nA new paragraph."}]}
JSON
cat >"$T_DIR/code.xml" <<'XML'
<?xml version="1.0"?><rss version="2.0"><channel><title>Code</title>
<link>http://127.0.0.1:9/</link><item><title>Code post</title><guid>c1</guid>
<link>http://127.0.0.1:9/c</link><description>&lt;p&gt;Intro.&lt;/p&gt;&lt;pre&gt;&lt;code&gt;short
int very_long_function_name(struct something *argument_one, int argument_two, char *last);
&lt;/code&gt;&lt;/pre&gt;</description></item></channel></rss>
XML
printf 'file://%s/newer.xml\nfile://%s/updated.xml\nfile://%s/plain.json\nfile://%s/code.xml\n' \
	"$T_DIR" "$T_DIR" "$T_DIR" "$T_DIR" >"$CONF/feeds"
td refresh
is "$RC" 0 "the three feeds are read"

id_of() { td list --json; printf '%s' "$OUT" | python3 -c '
import json, sys
print([i["id"] for i in json.load(sys.stdin) if i["title"].startswith(sys.argv[1])][0])' "$1"; }

# --- characters newer than the tables
td list
contains "$OUT" "Han 𱍐 and kana 𛄲  (Kana 𛄲 news)" "list keeps Unicode 15 characters"
td list --json
contains "$OUT" '"title": "Han 𱍐 and kana 𛄲"' "so does list --json"
N=$(id_of Han)
td show "$N" --format text --width 40
contains "$OUT" "Body 𱍐 here, 𛄲 there." "show keeps them in the body"
td show "$N" --format markdown
contains "$OUT" "Body 𱍐 here, 𛄲 there." "and in markdown"
td parse --json "$T_DIR/newer.xml"
contains "$OUT" "Body 𱍐 here, 𛄲 there." "parse --json keeps them"

# --- a date from <updated>
U=$(id_of "Entry with only")
td list
contains "$OUT" "2026-11-19 Entry with only updated" "list dates an entry with only <updated>"
td show "$U" --format text
contains "$OUT" "Date: 2026-11-19" "show gives its date"
td save "$U" --format text
is "$RC" 0 "the entry is saved"
contains "$OUT" "2026-11-19-entry-with-only-updated.txt" "the saved file is named by that date"
contains "$(cat "$OUT" 2>/dev/null)" "2026-11-19" "and the saved text gives it"
td saved
contains "$OUT" "2026-11-19" "saved lists its date"

# --- content_text line breaks
J=$(id_of "Plain text")
td show "$J" --format text
contains "$OUT" "First line.
Second line.

A new paragraph." "content_text keeps its line breaks and paragraphs"

# --- long code lines are continued, never cut
C=$(id_of "Code post")
CODE="int very_long_function_name(struct some↩
thing *argument_one, int argument_two, ↩
char *last);"
td show "$C" --format text --width 40
contains "$OUT" "$CODE" "show --width 40 continues a long code line with ↩"
lacks "$OUT" "…" "and cuts nothing"
td save "$C" --format text
contains "$(cat "$OUT")" "argument_two, c↩
har *last);" "saved text continues the code line"
lacks "$(cat "$OUT")" "…" "and cuts nothing either"

done_testing
