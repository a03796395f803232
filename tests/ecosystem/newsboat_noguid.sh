#!/bin/sh
# tidings import --from-newsboat with articles that have no <guid> (or Atom <id>): newsboat
# keys them by link and date, tidings by link. The first refresh after the move must know
# them again, and the read and saved state must stay on the articles the reader shows.
. "$TESTS_SRCDIR/lib.sh"
D="$TESTS_SRCDIR/data/ecosystem"

need_newsboat

mkdir -p "$T_DIR/www" "$T_DIR/nb"
cat >"$T_DIR/www/noguid.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>No guids</title><link>http://ng.example/</link>
<description>items without guid</description>
<item><title>Dated one</title><link>http://ng.example/1</link>
<pubDate>Mon, 02 Jan 2023 10:00:00 GMT</pubDate><description>one</description></item>
<item><title>Dated two</title><link>http://ng.example/2</link>
<pubDate>Tue, 03 Jan 2023 10:00:00 +0000</pubDate><description>two</description></item>
<item><title>Undated</title><link>http://ng.example/3</link><description>three</description></item>
</channel></rss>
XML
cat >"$T_DIR/www/noid.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom without ids</title><id>urn:a</id>
<updated>2023-01-05T00:00:00Z</updated>
<entry><title>Atom entry</title><link href="http://at.example/1"/>
<updated>2023-01-05T00:00:00Z</updated><content>x</content></entry></feed>
XML
serve_dir "$T_DIR/www"

NB="$T_DIR/nb"
printf '%s/noguid.xml\n%s/noid.xml\n' "$BASE" "$BASE" >"$NB/urls"
newsboat_reload "$NB/urls" "$NB/cache.db"
ok $? "newsboat reloads from the local server"
nb_sql() { python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2]): print("|".join(str(c) for c in row))
db.commit()' "$@"; }
contains "$(nb_sql "$NB/cache.db" 'SELECT guid FROM rss_item')" \
	"http://ng.example/1Mon, 02 Jan 2023 10:00:00 GMT" "newsboat keys a guid-less item by link and date"
nb_sql "$NB/cache.db" "UPDATE rss_item SET unread = 0 WHERE url = 'http://ng.example/1'"
nb_sql "$NB/cache.db" "UPDATE rss_item SET flags = 's' WHERE url = 'http://at.example/1'"

td import --from-newsboat "$NB"
is "$RC" 0 "the import succeeds"
contains "$OUT" "4 articles, 4 new to the cache; 1 read, 1 saved" "every article comes over"

td refresh
is "$RC" 0 "the first refresh after the move succeeds"
contains "$OUT" "0 new items" "and adds no article a second time"
q() { nb_sql "$DATA/cache.db" "$1"; }
is "$(q 'SELECT count(*) FROM items')" 4 "the cache holds each article once"
is "$(q 'SELECT link, read, saved FROM items ORDER BY link')" "http://at.example/1|0|1
http://ng.example/1|1|0
http://ng.example/2|0|0
http://ng.example/3|0|0" "read and saved state is on the articles the refresh keeps"

done_testing
