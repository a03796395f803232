#!/bin/sh
# Error messages say each thing once and name the real cause: a page that is not a feed, a
# refresh while another holds the cache.
. "$TESTS_SRCDIR/lib.sh"

WWW="$T_DIR/www"
mkdir -p "$WWW"
start_server python3 "$TESTS_SRCDIR/ui/feedserver.py" "$WWW"
printf '<!doctype html><html><head><title>A page</title></head><body><p>Hi</p></body></html>\n' \
	>"$WWW/page.html"
printf '<?xml version="1.0"?><notes><note>x</note></notes>\n' >"$WWW/notes.xml"
printf '%s/page.html\n%s/notes.xml\n' "$BASE" "$BASE" >"$CONF/feeds"

td refresh
is "$RC" 1 "a refresh of pages that are not feeds fails"
contains "$OUT$ERR" "page.html: not a feed: a web page (HTML); 'tidings add URL' finds" \
	"an HTML page is not a feed, and the way to its feeds is said"
contains "$OUT$ERR" "notes.xml: not a feed: the root element is <notes>" "nor is other XML"
lacks "$OUT$ERR" "not a feed: not a feed" "and the reason is said once"
td feeds
lacks "$OUT" "not a feed: not a feed" "feeds shows the stored error once too"

# Another refresh holds the cache: the message says so once and what to do.
if command -v flock >/dev/null; then
	flock "$DATA/refresh.lock" sleep 30 &
	LOCK_PID=$!
	at_exit "kill $LOCK_PID 2>/dev/null"
	for _ in $(seq 50); do
		flock -n "$DATA/refresh.lock" true || break
		sleep 0.1
	done
	td refresh
	is "$RC" 1 "a refresh while another runs fails"
	contains "$ERR" "another refresh of this cache is running; try again when it has finished" \
		"and says why once"
	lacks "$ERR" "(another refresh is running)" "without repeating itself"
	kill $LOCK_PID
fi

done_testing
