#!/bin/sh
# Resource bounds. A refresh meeting a 2 GB feed, a gzip bomb or a deflate bomb keeps its
# peak memory near that of a refresh of a small feed: the size limit is enforced while the
# body streams in, not after. A 5 MB article renders (tidings show) and a 5 MB feed parses in
# about five times the CPU time of a 1 MB one, not twenty-five.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/fetch/server.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 is not installed"; exit 0; }
measure() { python3 "$TESTS_SRCDIR/hardening/measure.py" "$@"; }
# linear T1 T5: 5 MB took under ten times the CPU of 1 MB (both measured: numbers).
linear() { python3 -c 'import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); sys.exit(not b <= 10 * max(a, 0.02))' "$1" "$2"; }
tdcmd() { echo "$TIDINGS" --config "$CONF" --data "$DATA"; }

# --- memory: the limit is 8 MiB here; a refresh that buffered the body would need 2 GB.
cat >"$CONF/config" <<CONFIG
fetch-timeout = 30
max-feed-size = 8
CONFIG
echo "$BASE/feed/small" >"$CONF/feeds"
# shellcheck disable=SC2046
base_rss=$(measure rss $(tdcmd) refresh)
echo "# a refresh of one small feed: peak RSS $base_rss KiB"
for fault in huge hugechunked bomb deflatebomb; do
	echo "$BASE/$fault" >"$CONF/feeds"
	start=$(date +%s)
	# shellcheck disable=SC2046
	rss=$(measure rss $(tdcmd) refresh)
	elapsed=$(($(date +%s) - start))
	td feeds --json
	# Within 3 x 8 MiB of the small refresh: the body may be held once, with some slack.
	check "/$fault: peak RSS $rss KiB, small feed $base_rss KiB (${elapsed}s)" \
		[ "$rss" -le $((base_rss + 3 * 8 * 1024)) ]
	contains "$OUT" "limit" "/$fault is refused for its size"
done

# --- time: articles and feeds of 1 MB and 5 MB with the same make-up.
td feeds >/dev/null
python3 - "$DATA/cache.db" "$T_DIR" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
out = sys.argv[2]
def article(size):
    parts, n = [], 0
    while sum(map(len, parts)) < size:
        parts.append('<h2>Part %d</h2><p>Words <b>bold %d</b> and <i>italic</i>, a '
                     '<a href="https://example.org/page/%d">link %d</a>, <code>x = %d;</code> '
                     'and plain text that goes on for a while to make a paragraph.</p>'
                     '<ul><li>one %d</li><li>two <a href="/rel/%d">rel</a></li></ul>'
                     '<blockquote><p>quoted %d</p></blockquote><pre>line 1\n\tline %d</pre>'
                     % ((n,) * 9))
        n += 1
    return "".join(parts)
db.execute("INSERT INTO feeds(id, url, title) VALUES (1000, 'http://127.0.0.1:9/big', 'Big')")
for mb in (1, 5):
    html = article(mb * 1000000)
    db.execute("INSERT INTO items(id, feed_id, guid, link, title, content, published, sort_time,"
               " first_seen) VALUES (?, 1000, ?, 'https://example.org/a', ?, ?, 0, 0, 0)",
               (1000 + mb, "g%d" % mb, "%d MB article" % mb, html))
    with open("%s/feed%d.xml" % (out, mb), "w") as f:
        f.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>')
        for i in range(mb * 2000):
            f.write('<item><title>Item %d</title><guid>g%d</guid><link>https://example.org/%d'
                    '</link><description><![CDATA[%s]]></description></item>'
                    % (i, i, i, html[i * 450 % 900000:][:400]))
        f.write('</channel></rss>')
db.commit()
PY
# shellcheck disable=SC2046
t1=$(measure cpu 3 $(tdcmd) show 1001 --width 80)
# shellcheck disable=SC2046
t5=$(measure cpu 3 $(tdcmd) show 1005 --width 80)
check "show: 5 MB article in ${t5}s of CPU, 1 MB in ${t1}s: under 10 times" \
	linear "$t1" "$t5"
# shellcheck disable=SC2046
t1=$(measure cpu 3 $(tdcmd) show 1001 --format markdown)
# shellcheck disable=SC2046
t5=$(measure cpu 3 $(tdcmd) show 1005 --format markdown)
check "show --format markdown: 5 MB in ${t5}s, 1 MB in ${t1}s: under 10 times" \
	linear "$t1" "$t5"
# shellcheck disable=SC2046
t1=$(measure cpu 3 $(tdcmd) parse "$T_DIR/feed1.xml")
# shellcheck disable=SC2046
t5=$(measure cpu 3 $(tdcmd) parse "$T_DIR/feed5.xml")
check "parse: 5 MB feed in ${t5}s, 1 MB in ${t1}s: under 10 times" \
	linear "$t1" "$t5"

done_testing
