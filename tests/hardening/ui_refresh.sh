#!/bin/sh
# The reader and `tidings refresh` (as cron would run it) on one cache at the same time: every
# refresh completes, the reader keeps working and marking articles read while they run, its
# marks stay, and the cache is intact.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
. "$TESTS_SRCDIR/fetch/server.sh"

for i in $(seq 1 10); do echo "$BASE/rotating/ui$i"; done >"$CONF/feeds"
td refresh
is "$RC" 0 "a first refresh fills the cache"

read_count_is_not() { [ "$(db 'SELECT count(*) FROM items WHERE read = 1')" != "$1" ]; }

ui_start 120 40
check_screen "Item" "the reader shows the articles"
failed=0
for round in 1 2 3 4 5; do
	"$TIDINGS" --config "$CONF" --data "$DATA" refresh >"$T_DIR/refresh.$round" 2>&1 &
	pid=$!
	# Reading and marking while the refresh writes: each mark is waited for in the cache
	# (the reader writes it at once), so the marks spread over the refresh.
	for _ in 1 2 3; do
		before=$(db 'SELECT count(*) FROM items WHERE read = 1')
		keys j
		keys r
		wait_until 10 read_count_is_not "$before"
	done
	wait "$pid" || { failed=$((failed + 1)); sed 's/^/# /' "$T_DIR/refresh.$round"; }
done
is "$failed" 0 "five refreshes run beside the reader all complete"
screen
lacks "$SCREEN" "TIDINGS-EXITED" "the reader is still running"
read_in_ui=$(db 'SELECT count(*) FROM items WHERE read = 1')
keys R
wait_for "refresh"
keys Q
wait_exit
contains "$SCREEN" "TIDINGS-EXITED-0" "the reader exits normally"
check "marks made in the reader during the refreshes are in the cache ($read_in_ui)" \
	[ "$read_in_ui" -ge 5 ]
is "$(db 'PRAGMA integrity_check')" ok "the cache is intact"
td refresh
is "$RC" 0 "a refresh after the reader quit completes"
check "and no mark was lost" [ "$(db 'SELECT count(*) FROM items WHERE read = 1')" -ge "$read_in_ui" ]

done_testing
