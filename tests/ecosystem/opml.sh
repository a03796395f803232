#!/bin/sh
# tidings import FILE.opml and tidings export: a lossless round trip, and hostile documents.
. "$TESTS_SRCDIR/lib.sh"
D="$TESTS_SRCDIR/data/ecosystem"

cat >"$CONF/feeds" <<'FEEDS'
# my subscriptions
https://a.example/feed.xml news tech "~Alpha & <Omega>"
https://b.example/rss?x=1&y=2 news
https://c.example/atom
https://d.example/j.json "tag with space" "~Dee \"quoted\""
FEEDS

td export
is "$RC" 0 "export succeeds"
printf '%s\n' "$OUT" >"$T_DIR/out.opml"
check "export is well-formed XML" xmllint --noout "$T_DIR/out.opml"
valid_opml2() { xmllint --noout --relaxng "$D/opml2.rng" "$1" 2>/dev/null; }
check "export is valid against the OPML 2.0 structure" valid_opml2 "$T_DIR/out.opml"

# Import into a fresh configuration: the same subscriptions come back.
CONF2="$T_DIR/config2"
mkdir -p "$CONF2"
OUT=$("$TIDINGS" --config "$CONF2" --data "$T_DIR/data2" import "$T_DIR/out.opml" 2>&1)
is "$?" 0 "import of the export succeeds"
contains "$OUT" "4 feeds added" "every feed is added"
subscriptions() { grep -v '^#' "$1" | grep .; }
is "$(subscriptions "$CONF2/feeds")" "$(subscriptions "$CONF/feeds")" \
	"round trip keeps URLs, titles, tags and their order"

OUT=$("$TIDINGS" --config "$CONF2" --data "$T_DIR/data2" import - <"$T_DIR/out.opml" 2>&1)
contains "$OUT" "0 feeds added, 4 already subscribed" "importing again skips duplicates"
OUT=$("$TIDINGS" --config "$CONF2" --data "$T_DIR/data2" export)
printf '%s\n' "$OUT" >"$T_DIR/out2.opml"
is "$(grep -v dateCreated "$T_DIR/out2.opml")" "$(grep -v dateCreated "$T_DIR/out.opml")" \
	"export after the round trip is the same document"

# Another reader's export: nested folders, titles, a feed listed twice.
: >"$CONF/feeds"
td import "$D/folders.opml"
is "$RC" 0 "import of a foreign OPML succeeds"
contains "$(cat "$CONF/feeds")" 'https://deep.example/rss News World "~Deep feed"' \
	"nested folders become tags, the title is kept"
is "$(grep -c 'https://twice.example/' "$CONF/feeds")" 1 "a feed listed twice is added once"

# Hostile documents: nothing is added, nothing outside is read, the reason is given.
: >"$CONF/feeds"
td import "$D/schemes.opml"
is "$RC" 1 "refused URLs make the import fail"
for u in 'file:///etc/passwd' 'exec:' 'filter:' 'javascript:' 'ftp://'; do
	contains "$ERR" "refused $u" "a $u URL is refused with a message"
done
is "$(cat "$CONF/feeds")" "https://fine.example/feed ~fine" "only the http(s) feed is added"

: >"$CONF/feeds"
for f in laughs xxe xxe-param deep; do
	td import "$D/$f.opml"
	is "$RC" 1 "$f.opml is refused"
	is "$(cat "$CONF/feeds")" "" "$f.opml adds nothing"
	lacks "$OUT$ERR" "root:" "$f.opml: /etc/passwd is not read"
done
td import "$D/laughs.opml"
contains "$ERR" "entities" "billion laughs: the reason is given"
td import "$D/deep.opml"
contains "$ERR" "not well-formed" "huge nesting: the reason is given"

# Bounded: a document over 16 MiB is refused before it is parsed.
python3 -c 'import sys
sys.stdout.write("<opml><body>" + "<outline text=\"%s\"/>" % ("x" * 1000) * 17000 + "</body></opml>")' \
	>"$T_DIR/huge.opml"
td import "$T_DIR/huge.opml"
is "$RC" 1 "a document over 16 MiB is refused"
contains "$ERR" "larger than 16 MiB" "and the reason is given"

# Comments, processing instructions, CDATA and a byte order mark are fine.
printf '\357\273\277<?xml version="1.0"?>\n<!-- exported --><?app x?><opml version="2.0"><head><title><![CDATA[Mine & yours]]></title></head><body><outline text="t" xmlUrl="https://bom.example/feed"/></body></opml>\n' \
	>"$T_DIR/bom.opml"
: >"$CONF/feeds"
td import "$T_DIR/bom.opml"
is "$RC" 0 "a document with a BOM, comments and CDATA is read"
contains "$(cat "$CONF/feeds")" "https://bom.example/feed" "and its feed added"

# Export writes only web feeds (newsboat would run an exported exec: line), keeps +full-text,
# and puts every feed of a tag into one folder.
cat >"$CONF/feeds" <<'FEEDS'
https://a.example/feed.xml tech "~Alpha"
https://b.example/feed.xml news
"exec:~/bin/make-feed" tech
"query:Unread:unread = \"yes\""
file:///tmp/feed.xml tech
https://c.example/feed.xml tech +full-text
FEEDS
td export
is "$RC" 0 "export of a list with local lines succeeds"
printf '%s\n' "$OUT" >"$T_DIR/local.opml"
check "and is valid OPML 2.0" valid_opml2 "$T_DIR/local.opml"
lacks "$OUT" "exec:" "exec: lines are not exported"
lacks "$OUT" "query:" "nor query: lines"
lacks "$OUT" "file:" "nor file: lines"
contains "$ERR" "left out exec:~/bin/make-feed: not an http or https feed" "and it says so"
is "$(printf '%s\n' "$OUT" | grep -c '<outline text="tech">')" 1 "a tag is one folder"
rm -f "$T_DIR/data3/cache.db"
OUT=$("$TIDINGS" --config "$T_DIR/config3" --data "$T_DIR/data3" import "$T_DIR/local.opml" 2>&1)
is "$(cat "$T_DIR/config3/feeds")" 'https://a.example/feed.xml tech ~Alpha
https://c.example/feed.xml tech +full-text
https://b.example/feed.xml news' "the import gets the tag's feeds together and +full-text back"

# newsboat's spellings, and HTML entities that the document never declared.
cat >"$T_DIR/nb.opml" <<'OPML'
<?xml version="1.0"?>
<opml version="1.0"><head><title>Caf&eacute;</title></head><body>
<outline text="Caf&eacute;&nbsp;news">
<outline type="rss" text="R&eacute;sum&eacute;" url="https://url.example/feed"/>
<outline type="rss" text="Upper" xmlURL="https://upper.example/feed"/>
<outline type="rss" text="Old" url="gopher://old.example/feed"/>
</outline></body></opml>
OPML
: >"$CONF/feeds"
td import "$T_DIR/nb.opml"
lacks "$ERR" "not well-formed" "a document with &eacute; and &nbsp; is read"
contains "$OUT" "2 feeds added, 0 already subscribed, 1 refused" "url= and xmlURL are read, and a refused url= is counted"
contains "$(cat "$CONF/feeds")" 'https://url.example/feed Caf' "url= is the feed's URL"
contains "$(cat "$CONF/feeds")" '~Résumé' "entities in attributes read whole"

td import "$T_DIR/missing.opml"
is "$RC" 1 "a missing file fails"
td import
is "$RC" 2 "import without a file is a usage error"

done_testing
