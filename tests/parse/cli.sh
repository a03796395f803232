#!/bin/sh
# tidings parse: the JSON shape, the listing, standard input, --base-url, and errors.
. "$TESTS_SRCDIR/lib.sh"

cat >"$T_DIR/feed.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test &amp;amp; feed</title><link>/</link>
<item><title>First</title><link>first.html</link><guid>id-1</guid>
<pubDate>Mon, 06 Sep 2021 16:45:00 +0200</pubDate><category>c</category>
<enclosure url="a.mp3" type="audio/mpeg" length="12"/></item>
<item><title>Second &#x1b;[31m</title><pubDate>whenever</pubDate></item>
</channel></rss>
XML

td parse --json --base-url https://example.org/feeds/x.xml "$T_DIR/feed.xml"
is "$RC" 0 "parse --json succeeds"
if command -v python3 >/dev/null; then
	SHAPE=$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
keys = ["format", "title", "link", "description", "language", "author", "updated", "items"]
assert all(k in d for k in keys), d.keys()
it = d["items"][0]
ikeys = ["id", "title", "link", "author", "published", "updated", "summary", "content",
         "categories", "enclosures"]
assert all(k in it for k in ikeys), it.keys()
print(d["format"], d["title"], d["link"], it["id"], it["link"], it["published"],
      it["categories"][0], it["enclosures"][0]["url"], it["enclosures"][0]["length"],
      d["items"][1]["published"], repr(d["items"][1]["title"]))
')
	is "$SHAPE" "rss Test & feed https://example.org/ id-1 https://example.org/feeds/first.html 2021-09-06T14:45:00Z c https://example.org/feeds/a.mp3 12 None 'Second [31m'" \
		"the JSON has the documented shape and values"
fi

td parse - <"$T_DIR/feed.xml"
is "$RC" 0 "parse reads standard input"
contains "$OUT" "title:     Test & feed" "the listing shows the feed title"
contains "$OUT" "2 items" "the listing counts the items"
lacks "$OUT" "$(printf '\033')" "no escape character reaches the terminal"

printf '<rss><channel><title>T</tit><item><title>x &amp; y</title></item>' >"$T_DIR/broken.xml"
td parse --json "$T_DIR/broken.xml"
is "$RC" 0 "a malformed feed is parsed as far as it goes"
contains "$OUT" '"warning": "malformed XML' "and carries a warning with the reason"
is "$ERR" "" "libxml2's messages go to our handler, not to stderr"

printf '<html><body>no</body></html>' >"$T_DIR/page.html"
td parse "$T_DIR/page.html"
is "$RC" 1 "a web page is not a feed"
contains "$ERR" "not a feed" "and the error says so"

td parse "$T_DIR/missing.xml"
is "$RC" 1 "a missing file is an error"

td parse
is "$RC" 2 "no file is a usage error"

printf '[general]\nmax-feed-size = 1\n' >"$CONF/config"
head -c 1100000 /dev/zero | tr '\0' ' ' >"$T_DIR/big.xml"
td parse "$T_DIR/big.xml"
is "$RC" 1 "a file over max-feed-size is refused"
contains "$ERR" "limit" "with a message naming the limit"

done_testing
