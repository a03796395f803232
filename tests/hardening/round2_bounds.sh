#!/bin/sh
# Bounds and plain words of the second hardening round (issue 19): a feed of 300,000 tiny
# items keeps max-items-per-fetch of them, in memory proportional to what is kept, and
# `feeds` (text and JSON) says it was only partly read and why; ';' and '#' inside an
# unquoted setting are kept, or the line is reported, never cut silently.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/fetch/server.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 is not installed"; exit 0; }
measure() { python3 "$TESTS_SRCDIR/hardening/measure.py" "$@"; }

# --- settings: the text is kept whole
cat >"$CONF/config" <<'CONFIG'
# a comment line
; another
user-agent = Mozilla/5.0 (X11; Linux x86_64) tidings#1
date-format = %d.%m #%Y
fetch-timeout = 4
max-feed-size = 32
CONFIG
echo "$BASE/feed/ua" >"$CONF/feeds"
td refresh
is "$RC" 0 "a config with ; and # in values loads"
is "$(grep '^/feed/ua' "$FAULT_LOG" | sed 's/.*UA=//; s/ CONN=.*//')" \
	"Mozilla/5.0_(X11;_Linux_x86_64)_tidings#1" "the whole User-Agent is sent"
td config
contains "$OUT" 'date-format = "%d.%m #%Y"' "the whole date format is kept"
printf 'fetch-timeout = 30 ; seconds\n' >"$CONF/config"
td feeds
check "a comment after a number is an error (exit $RC)" [ "$RC" -ne 0 ]
contains "$ERR" "config:1: fetch-timeout" "it names the file and line"
printf "fetch-timeout = 60\nmax-feed-size = 32\n" >"$CONF/config"

# --- 300,000 items of 30 bytes: max-items-per-fetch (10,000 by default) are kept
echo "$BASE/million?items=300000" >"$CONF/feeds"
python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import faultserver
open(sys.argv[2], "wb").write(faultserver.million_items(300000))' \
	"$TESTS_SRCDIR/servers" "$T_DIR/many.xml"
# shellcheck disable=SC2046
# under_memory DESCRIPTION LIMIT_KIB COMMAND...: runs the command, checks its peak RSS (plain
# builds only: AddressSanitizer's shadow and quarantine dwarf what tidings itself uses).
under_memory() {
	local desc=$1 limit=$2 rss
	shift 2
	rss=$(measure rss "$TIDINGS" --config "$CONF" --data "$DATA" "$@")
	echo "# $*: peak RSS $rss KiB"
	if sanitized; then
		skip "$desc" "peak RSS means nothing under AddressSanitizer"
	else
		check "$desc ($rss KiB)" [ "$rss" -le "$limit" ]
	fi
}
under_memory "parse --json stays under 200 MiB" 204800 parse --json "$T_DIR/many.xml"
td parse --json "$T_DIR/many.xml"
is "$(printf '%s' "$OUT" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["items"]))')" \
	10000 "parse --json lists the 10,000 kept"
contains "$OUT" "290000 more skipped" "and says how many were skipped"
under_memory "refresh stays under 200 MiB" 204800 refresh
is "$(sqlite3 "$DATA/cache.db" "SELECT count(*) FROM items JOIN feeds ON feeds.id = feed_id
	WHERE feeds.url LIKE '%/million%'")" 10000 "10,000 items are stored"
under_memory "list --json stays under 100 MiB" 102400 list --json
td feeds
contains "$OUT" "partly read: only the first 10000 items were read" "feeds says the feed was partly read"
td feeds --json
contains "$OUT" '"partly_read": "only the first 10000 items' "feeds --json says so too"
echo "max-items-per-fetch = 50" >>"$CONF/config"
td parse --json "$T_DIR/many.xml"
contains "$OUT" "the first 50 items" "the bound is a setting"

# --- a malformed feed: the warning that was stored is shown
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title>\n<item><title>One</title><guid>1</guid></item>\n<item><title>Two' >"$T_DIR/cut.xml"
echo "file://$T_DIR/cut.xml" >"$CONF/feeds"
td refresh
td feeds
contains "$OUT" "partly read: malformed XML" "a malformed feed shows it was partly read"
done_testing
