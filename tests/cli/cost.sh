#!/bin/sh
# A command costs what it touches: the same commands on a small and a large cache read about
# the same number of pages (pread calls, counted with strace), and no command reads the whole
# file through as an integrity check unless the cache was left open by a process that died.
. "$TESTS_SRCDIR/lib.sh"

if ! command -v strace >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP needs strace and sqlite3"
	exit 0
fi
if ! strace -f -qq -e trace=pread64 -o /dev/null true 2>/dev/null; then
	echo "1..0 # SKIP strace cannot trace here"
	exit 0
fi

# make_cache DIR ARTICLES: 50 feeds; every article has "body", every 97th "wordN"; three have
# "quokka"; article 7 exists in both.
make_cache() {
	mkdir -p "$1/config" "$1/data"
	"$TIDINGS" --config "$1/config" --data "$1/data" feeds >/dev/null
	sqlite3 "$1/data/cache.db" "
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
	INSERT INTO feeds(id, url, title) SELECT i, 'http://feed' || i || '.example/rss',
		'Feed ' || i FROM n;
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
	INSERT INTO items(id, feed_id, guid, link, title, content, published, sort_time,
		first_seen, read)
	SELECT i, 1 + i % 50, 'g' || i, 'http://x/' || i, 'Title ' || i || ' word' || (i % 97),
		'<p>body of article ' || i || CASE WHEN i IN (5, 6, 7) THEN ' quokka' ELSE '' END
		|| ' lorem ipsum dolor sit amet</p>', 1700000000 + i * 60, 1700000000 + i * 60,
		1700000000 + i * 60, i % 3 = 0 FROM n;
	INSERT INTO fts_pending SELECT id FROM items;"
	"$TIDINGS" --config "$1/config" --data "$1/data" check >/dev/null
}

# preads DIR ARGS...: the pread calls of one command
preads() {
	dir=$1
	shift
	strace -f -qq -e trace=pread64 -o "$T_DIR/trace" \
		"$TIDINGS" --config "$dir/config" --data "$dir/data" "$@" >/dev/null 2>&1
	wc -l <"$T_DIR/trace" | tr -d ' '
}

make_cache "$T_DIR/small" 300
make_cache "$T_DIR/large" 12000
check "the large cache is much larger" \
	test "$(stat -c %s "$T_DIR/large/data/cache.db")" -gt \
	$((20 * $(stat -c %s "$T_DIR/small/data/cache.db")))

# flat: a few more pages for a deeper tree, never in proportion to the articles
for cmd in "list --limit 5" "list --limit 5 --unread" "show 7" "show 7 --json" "feeds" \
	"search quokka" "search body" "search --limit 5 tit*" "search feed:feed7 quokka"; do
	# shellcheck disable=SC2086
	small=$(preads "$T_DIR/small" $cmd)
	# shellcheck disable=SC2086
	large=$(preads "$T_DIR/large" $cmd)
	check "$cmd: $large page reads on 12,000 articles, $small on 300" \
		test "$large" -le $((small + small / 2 + 10))
done

# the integrity check runs after a crash, not after a clean close
clean=$(preads "$T_DIR/large" list --limit 5)
: >"$T_DIR/large/data/cache.db-open"
after_crash=$(preads "$T_DIR/large" list --limit 5)
check "after an unclean shutdown the whole file is read ($after_crash page reads, $clean otherwise)" \
	test "$after_crash" -gt $((clean * 10))
check "and the marker is gone after a clean close" test ! -e "$T_DIR/large/data/cache.db-open"
again=$(preads "$T_DIR/large" list --limit 5)
check "so the next command reads only its pages again ($again)" test "$again" -le $((clean + 2))

done_testing
