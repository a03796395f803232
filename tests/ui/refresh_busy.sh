#!/bin/sh
# R while another refresh holds the cache: the status line says so once.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
command -v flock >/dev/null 2>&1 || { echo "1..0 # SKIP flock is not installed"; exit 0; }

printf 'http://127.0.0.1:9/feed.xml\n' >"$CONF/feeds"
flock "$DATA/refresh.lock" sleep 60 &
LOCK_PID=$!
at_exit "kill $LOCK_PID 2>/dev/null"
for _ in $(seq 50); do
	flock -n "$DATA/refresh.lock" true || break
	sleep 0.1
done

ui_start 120 30
check_screen "No articles" "the reader starts on an empty cache"
keys R
check_screen "another refresh of this cache is running" "R says another refresh holds the cache"
lacks "$SCREEN" "(another refresh is running)" "and says it once"
keys Q
wait_exit
done_testing
