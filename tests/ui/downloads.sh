#!/bin/sh
# Downloads in the reader: d queues two episodes of a podcast served on 127.0.0.1, another
# article is read while they download, the status line shows their progress, the Downloads
# view (the last row of the feed column) shows both done, and p there runs the player setting
# (a script that records its argv) with the downloaded file; the played mark is kept.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
command -v python3 >/dev/null || { echo "1..0 # SKIP needs python3"; exit 0; }
FAULT_ROOT="$T_DIR/root"
mkdir -p "$FAULT_ROOT"
. "$TESTS_SRCDIR/fetch/server.sh"

# 640 KB each, sent in 16 KB pieces 50 ms apart: two seconds of progress to see
python3 -c '
import os, random, sys
r = random.Random(7)
for name in ("a.mp3", "b.mp3"):
    open(os.path.join(sys.argv[1], name), "wb").write(r.randbytes(640 * 1024))
' "$FAULT_ROOT"
cat >"$FAULT_ROOT/pod.xml" <<FEED
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Slow Pod</title><link>http://example.org/</link>
<description>test</description>
<item><title>Plain news</title><guid>n</guid><pubDate>Fri, 05 Jan 2024 10:00:00 GMT</pubDate>
<description>Nothing to download here.</description></item>
<item><title>Episode B</title><guid>b</guid><pubDate>Thu, 04 Jan 2024 10:00:00 GMT</pubDate>
<enclosure url="$BASE/mediaslow/b.mp3" type="audio/mpeg" length="655360"/></item>
<item><title>Episode A</title><guid>a</guid><pubDate>Wed, 03 Jan 2024 10:00:00 GMT</pubDate>
<enclosure url="$BASE/mediaslow/a.mp3" type="audio/mpeg" length="655360"/></item>
</channel></rss>
FEED
printf '%s/static/pod.xml\n' "$BASE" >"$CONF/feeds"
cat >"$T_DIR/player" <<EOF2
#!/bin/sh
printf '%s\n' "\$@" >"$T_DIR/played.tmp" && mv "$T_DIR/played.tmp" "$T_DIR/played"
EOF2
chmod +x "$T_DIR/player"
cat >>"$CONF/config" <<CONFIG
player = $T_DIR/player --no-video
download-parallel = 2
CONFIG
td refresh
check "the podcast is in the cache" test "$RC" -eq 0

cd "$T_DIR" || exit 1
ui_start 100 30
check_screen "Plain news" "the reader starts"
keys j
check_screen "Media: $BASE/mediaslow/b.mp3" "the pane shows the episode's enclosure"
keys d
check_screen "1 download queued" "d queues the episode's enclosure"
keys j d
keys k k Enter
check_screen "Nothing to download here." "another article is read meanwhile"
check_screen "downloading 2:" "the status line shows both downloads' progress"
check_screen "%" "with how far the first has come"

# the Downloads view: back to the feed column, its last row
keys q q G Enter
check_screen "Downloads" "the Downloads view opens from the feed column"
both_done() { screen; [ "$(printf '%s\n' "$SCREEN" | grep -c '^done ')" -eq 2 ]; }
if wait_until both_done; then ok 0 "both downloads end done in the view"; else
	ok 1 "both downloads end done in the view"
	printf '%s\n' "$SCREEN" | sed 's/^/# | /'
fi
A="$DATA/downloads/slow-pod/2024-01-03-episode-a.mp3"
B="$DATA/downloads/slow-pod/2024-01-04-episode-b.mp3"
check "episode A is the server's file" cmp "$A" "$FAULT_ROOT/a.mp3"
check "episode B too" cmp "$B" "$FAULT_ROOT/b.mp3"

keys p
check_screen "playing Episode B" "p plays the selected download"
wait_until test -s "$T_DIR/played"
is "$(cat "$T_DIR/played" 2>/dev/null)" "--no-video
$B" "the player gets its options and the file as arguments, no shell"
check_screen "done        P" "the view marks it played"
keys q Q
wait_exit
td downloads --json
contains "$OUT" '"played": true' "the played mark is kept in the cache"
done_testing
