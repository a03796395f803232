#!/bin/sh
# tidings import --from-newsboat: a cache made by the real newsboat (Debian's 2.21) from a local
# server, with articles marked read, flagged and deleted as newsboat records them.
. "$TESTS_SRCDIR/lib.sh"
D="$TESTS_SRCDIR/data/ecosystem"

need_newsboat

mkdir -p "$T_DIR/www" "$T_DIR/nb"
cp "$D/one.xml" "$D/two.xml" "$T_DIR/www/"
serve_dir "$T_DIR/www"

NB="$T_DIR/nb"
cat >"$NB/urls" <<URLS
# my newsboat feeds
$BASE/one.xml news "~The One"
$BASE/two.xml tech news
URLS
newsboat_reload "$NB/urls" "$NB/cache.db"
ok $? "newsboat reloads from the local server"

# What a newsboat user does: read one article, flag one, delete one.
nb_sql() { python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2]): print("|".join(str(c) for c in row))
db.commit()' "$@"; }
nb_sql "$NB/cache.db" "UPDATE rss_item SET unread = 0 WHERE guid = 'one-1'"
nb_sql "$NB/cache.db" "UPDATE rss_item SET flags = 'A' WHERE guid = 'one-2'"
nb_sql "$NB/cache.db" "UPDATE rss_item SET deleted = 1 WHERE guid = 'urn:two:2'"
is "$(nb_sql "$NB/cache.db" 'SELECT count(*) FROM rss_item')" 5 "newsboat cached five articles"
# Lines only the user can have written: newsboat's own programs and queries, carried over
# (the programs with a warning naming them).
cat >>"$NB/urls" <<'URLS'
"exec:cat /etc/passwd"
filter:/bin/sh:http://127.0.0.1:9/x
"query:Unread:unread = \"yes\""
URLS

td import --from-newsboat "$NB"
is "$RC" 0 "import from newsboat carries every line over"
contains "$ERR" "exec: feed carried over: tidings runs \`cat /etc/passwd\`" \
	"an exec: feed comes with a warning naming its command"
contains "$ERR" "filter: feed carried over: tidings runs \`/bin/sh\`" \
	"a filter: feed comes with a warning naming its command"
lacks "$ERR" "query:" "a query view comes without a word"
contains "$OUT" "5 feeds added" "the feeds, programs and view are added"
contains "$OUT" "5 articles, 5 new to the cache; 2 read, 1 saved" "articles and their state are copied"
is "$(grep -v '^#' "$CONF/feeds" | head -2)" "$BASE/one.xml news \"~The One\"
$BASE/two.xml tech news" "tags and titles come over"
contains "$(cat "$CONF/feeds")" '"query:Unread:unread = \"yes\""' "the query view's line is kept"

DB="$DATA/cache.db"
q() { nb_sql "$DB" "$1"; }
is "$(q "SELECT guid, read, saved FROM items ORDER BY guid")" "one-1|1|0
one-2|0|1
one-3|0|0
urn:two:1|0|0
urn:two:2|1|0" "read, flagged and deleted articles map to read, saved and read"
is "$(q "SELECT title, author, link FROM items WHERE guid = 'one-1'")" \
	"First & best|Ann|http://one.example/1" "title, author and link are kept"
is "$(q "SELECT published FROM items WHERE guid = 'one-1'")" 1672653600 "publication time is kept"
contains "$(q "SELECT content FROM items WHERE guid = 'one-1'")" "<p>Hello from the zebrafish" \
	"content is kept"
td search zebrafish
contains "$OUT" "First & best" "articles are in the search index"
is "$(q "SELECT title, site_link FROM feeds WHERE url = '$BASE/one.xml'")" \
	"Feed One|http://one.example/" "feed titles and links come over"
td feeds
contains "$OUT" "2/3" "tidings feeds counts unread articles"

# The next refresh from the same server knows the articles again: nothing new, state kept.
td refresh "$BASE/one.xml" "$BASE/two.xml"
is "$RC" 0 "refresh after the move succeeds"
is "$(q "SELECT guid, read, saved FROM items ORDER BY guid")" "one-1|1|0
one-2|0|1
one-3|0|0
urn:two:1|0|0
urn:two:2|1|0" "refresh after the move adds nothing and keeps read and saved"

td import --from-newsboat "$NB"
contains "$OUT" "0 feeds added, 5 already subscribed" "a second import adds no feed"
contains "$OUT" "5 articles, 0 new to the cache" "and no article twice"
is "$(q "SELECT count(*) FROM items")" 5 "the cache holds each article once"

# Without a directory: ~/.newsboat, as newsboat itself looks.
mkdir -p "$T_DIR/home/.newsboat"
head -3 "$NB/urls" >"$T_DIR/home/.newsboat/urls"
cp "$NB/cache.db" "$T_DIR/home/.newsboat/"
OUT=$(HOME="$T_DIR/home" "$TIDINGS" --config "$T_DIR/c3" --data "$T_DIR/d3" \
	import --from-newsboat 2>&1)
is "$?" 0 "import finds ~/.newsboat by itself"
contains "$OUT" "5 new to the cache" "and copies its articles"

td import --from-newsboat "$T_DIR/nowhere"
is "$RC" 1 "a directory without newsboat's files fails"
contains "$ERR" "urls" "and names the missing file"

done_testing
