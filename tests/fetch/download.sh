#!/bin/sh
# tidings download and downloads against a podcast feed on 127.0.0.1: the enclosure in `show`
# and `list --json`, a file fetched byte for byte into the feed's folder, a download the
# server cuts after half resumed with a Range request, a 410, a short answer and a size
# other than the feed's marked failed with the reason, hostile titles kept inside the
# folder, and an existing file never overwritten.
. "$TESTS_SRCDIR/lib.sh"
FAULT_ROOT="$T_DIR/root"
mkdir -p "$FAULT_ROOT"
. "$TESTS_SRCDIR/fetch/server.sh"

# the "audio": random bytes, 300 KB and 200 KB
python3 -c '
import os, random, sys
r = random.Random(16)
for name, size in (("ep1.mp3", 300000), ("ep2.mp3", 200000)):
    open(os.path.join(sys.argv[1], name), "wb").write(r.randbytes(size))
' "$FAULT_ROOT"
LONG=$(python3 -c 'print("Long " * 1000)')
cat >"$FAULT_ROOT/pod.xml" <<FEED
<?xml version="1.0"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>
<title>The Pod</title><link>http://example.org/</link><description>test</description>
<item><title>Episode one</title><guid>e1</guid><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>
<enclosure url="$BASE/media/ep1.mp3" type="audio/mpeg" length="300000"/>
<itunes:duration>42:10</itunes:duration><description>The first.</description></item>
<item><title>Cut in half</title><guid>e2</guid><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate>
<enclosure url="$BASE/mediacut/ep1.mp3" type="audio/mpeg" length="300000"/></item>
<item><title>Gone</title><guid>e3</guid><pubDate>Wed, 03 Jan 2024 10:00:00 GMT</pubDate>
<enclosure url="$BASE/gone" type="audio/mpeg" length="5"/></item>
<item><title>Short answer</title><guid>e4</guid><pubDate>Thu, 04 Jan 2024 10:00:00 GMT</pubDate>
<enclosure url="$BASE/mediashort/ep2.mp3" type="audio/mpeg" length="200000"/></item>
<item><title>Wrong length</title><guid>e5</guid><pubDate>Fri, 05 Jan 2024 10:00:00 GMT</pubDate>
<enclosure url="$BASE/mediachunked/ep2.mp3" type="audio/mpeg" length="1234"/></item>
<item><title>../../x</title><guid>e6</guid><pubDate>Sat, 06 Jan 2024 10:00:00 GMT</pubDate>
<enclosure url="$BASE/media/ep2.mp3" type="audio/mpeg"/></item>
<item><title>$LONG</title><guid>e7</guid><pubDate>Sun, 07 Jan 2024 10:00:00 GMT</pubDate>
<enclosure url="$BASE/media/ep2.mp3" type="audio/mpeg"/></item>
</channel></rss>
FEED
printf '%s/static/pod.xml\n' "$BASE" >"$CONF/feeds"
td refresh
check "the podcast feed is read" test "$RC" -eq 0

# id_of TITLE-START: the article's id
id_of() {
	td list --json
	printf '%s' "$OUT" | python3 -c '
import json, sys
print([i["id"] for i in json.load(sys.stdin) if i["title"].startswith(sys.argv[1])][0])' "$1"
}
# field ID KEY: one field of the article's download in `downloads --json`
field() {
	td downloads --json
	printf '%s' "$OUT" | python3 -c '
import json, sys
print([d for d in json.load(sys.stdin) if d["item_id"] == int(sys.argv[1])][0][sys.argv[2]])' "$1" "$2"
}

E1=$(id_of "Episode one")
td show "$E1"
contains "$OUT" "Media: $BASE/media/ep1.mp3 (audio/mpeg, 293.0 KiB, 42:10)" \
	"show names the enclosure with its type, size and duration"
td show "$E1" --format markdown
contains "$OUT" "Media: $BASE/media/ep1.mp3" "and so does the Markdown form"
td list --json
contains "$OUT" '"duration": 2530' "list --json carries the duration"

td download "$E1"
check "download exits 0" test "$RC" -eq 0
FILE=$OUT
is "$FILE" "$DATA/downloads/the-pod/2024-01-01-episode-one.mp3" \
	"the file goes to the feed's folder under the data directory, named from date and title"
check "the file is the server's byte for byte" cmp "$FILE" "$FAULT_ROOT/ep1.mp3"
is "$(field "$E1" state)" "done" "downloads --json says done"
is "$(field "$E1" bytes)" "300000" "with the bytes"
is "$ERR" "" "no progress bar in a pipe"

# the server cuts the first answer after half: resumed with a Range request
E2=$(id_of "Cut in half")
td download "$E2"
check "a cut download completes" test "$RC" -eq 0
check "byte-identical after resuming" cmp "$OUT" "$FAULT_ROOT/ep1.mp3"
contains "$(grep '^/mediacut/' "$FAULT_LOG")" "RANGE=bytes=150000-" "the rest is asked for with a Range"
is "$(grep -c '^/mediacut/' "$FAULT_LOG")" "2" "two requests in all"

E3=$(id_of "Gone")
td download "$E3"
is "$RC" "1" "a 410 fails the command"
contains "$ERR" "HTTP 410" "the error names the status"
is "$(field "$E3" state)" "failed" "the download is marked failed"
is "$(field "$E3" reason)" "HTTP 410 Gone" "with the reason"

E4=$(id_of "Short answer")
td download "$E4"
is "$RC" "1" "an answer shorter than its Content-Length fails"
is "$(field "$E4" state)" "failed" "marked failed"
contains "$(field "$E4" reason)" "got 100000 of the 200000 bytes" "with the sizes in the reason"

E5=$(id_of "Wrong length")
td download "$E5"
is "$(field "$E5" state)" "failed" "a size other than the feed's (no Content-Length) fails"
is "$(field "$E5" reason)" "got 200000 bytes, the feed announced 1234" "and says so"
td downloads
contains "$OUT" "got 200000 bytes, the feed announced 1234" "downloads prints the reason"

# hostile titles stay inside the feed's folder
E6=$(id_of "../../x")
td download "$E6"
check "a ../../x title downloads" test "$RC" -eq 0
is "$(dirname "$OUT")" "$DATA/downloads/the-pod" "inside the feed's folder"
is "$(basename "$OUT")" "2024-01-06-x.mp3" "with the dots and slashes gone"
E7=$(id_of "Long")
td download "$E7"
check "a 5,000-character title downloads" test "$RC" -eq 0
is "$(dirname "$OUT")" "$DATA/downloads/the-pod" "inside the folder too"
check "its name is bounded" test "$(basename "$OUT" | wc -c)" -le 121
check "nothing was written outside the data directory" test ! -e "$DATA/x.mp3"
is "$(find "$T_DIR" -name '*.mp3' -newer "$FAULT_ROOT/pod.xml" | grep -v "^$DATA/downloads/the-pod/\|^$FAULT_ROOT/" | wc -l)" \
	"0" "no file anywhere else"

# an existing file is never overwritten; --output puts files in a directory of one's own
OWN="$T_DIR/own"
mkdir -p "$OWN"
echo mine >"$OWN/2024-01-01-episode-one.mp3"
td download "$E1" --output "$OWN"
is "$RC" "0" "download --output of a done episode succeeds"
is "$OUT" "$FILE" "an episode already downloaded is not fetched again"
td downloads --json
N=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
is "$N" "7" "one queue row per enclosure"

# a failed one is queued again by download, and goes on from its partial file
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Own</title><item><title>Episode one</title><guid>o1</guid><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate><enclosure url="%s/media/ep1.mp3" type="audio/mpeg"/></item></channel></rss>\n' "$BASE" >"$FAULT_ROOT/own.xml"
printf '%s/static/pod.xml\n%s/static/own.xml\n' "$BASE" "$BASE" >"$CONF/feeds"
td refresh
O1=$(printf '%s' "$(td list --json; printf '%s' "$OUT")" | python3 -c '
import json, sys
print([i["id"] for i in json.load(sys.stdin) if i["feed"] == "Own"][0])')
td download "$O1" --output "$OWN"
is "$OUT" "$OWN/2024-01-01-episode-one-2.mp3" "a name taken gets -2"
is "$(cat "$OWN/2024-01-01-episode-one.mp3")" "mine" "and the file already there is untouched"
check "the new one is the server's" cmp "$OUT" "$FAULT_ROOT/ep1.mp3"

# auto-download: a feed tagged +download has its newest episodes (auto-download of them)
# queued and downloaded by refresh
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Auto</title>
<item><title>Old one</title><guid>x1</guid><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate><enclosure url="%s/media/ep2.mp3" type="audio/mpeg"/></item>
<item><title>New one</title><guid>x2</guid><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate><enclosure url="%s/media/ep1.mp3" type="audio/mpeg"/></item>
<item><title>No audio</title><guid>x3</guid><pubDate>Wed, 03 Jan 2024 10:00:00 GMT</pubDate></item>
</channel></rss>\n' "$BASE" "$BASE" >"$FAULT_ROOT/auto.xml"
printf '%s/static/pod.xml\n%s/static/auto.xml +download\n' "$BASE" "$BASE" >"$CONF/feeds"
echo "auto-download = 1" >>"$CONF/config"
td refresh
check "refresh with a +download feed exits 0" test "$RC" -eq 0
contains "$OUT" "1 episode to download" "it queues the newest episode"
contains "$OUT" "$DATA/downloads/auto/2024-01-02-new-one.mp3" "and downloads it"
check "byte for byte" cmp "$DATA/downloads/auto/2024-01-02-new-one.mp3" "$FAULT_ROOT/ep1.mp3"
check "the older one is left alone" test ! -e "$DATA/downloads/auto/2024-01-01-old-one.mp3"
td refresh
lacks "$OUT" "to download" "the next refresh queues nothing again"

done_testing
