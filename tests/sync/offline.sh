#!/bin/sh
# Offline and killed: with FreshRSS stopped, marks made on A are kept, `tidings sync` fails
# with a clear message and a non-zero exit, and once the server is back one sync sends them
# all and B sees them. Then a sync killed with SIGKILL at random points (30 times, seed from
# SYNC_KILL_SEED or the clock, printed) loses nothing from the outbox, and the next sync
# completes with A and B agreeing on every article.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/sync/freshrss.sh"

on A add "$FEEDS/feed/gamma?items=40" news
on A sync
is "$RC" 0 "A subscribes and syncs"
on B sync
contains "$OUT" "40 new articles" "B has the 40 articles"

# Offline.
freshrss_stop
for i in 0 1 2 3 4 5 6 7 8 9; do id_of A "Item $i of gamma"; done >"$T_DIR/ids"
on A mark read - <"$T_DIR/ids"
on A mark saved "$(id_of A "Item 10 of gamma")" "$(id_of A "Item 11 of gamma")"
on A sync
is "$RC" 1 "with the server stopped, sync fails"
contains "$ERR" "cannot reach" "and says it cannot reach the server"
contains "$ERR" "12 marks are kept in the outbox" "and that the marks are kept"
on A sync --status
contains "$OUT" "outbox: 12 waiting" "the twelve marks wait in the outbox"
contains "$OUT" "last error: " "and the error is recorded"
lacks "$OUT" "last error: none" "(not none)"

check "FreshRSS starts again" freshrss_start
on A sync
is "$RC" 0 "with the server back, one sync succeeds"
contains "$OUT" "12 marks sent" "and sends all twelve marks"
on B sync
is "$(flags_of B "Item 0 of gamma")" "1 0" "B sees a read mark made offline"
is "$(flags_of B "Item 9 of gamma")" "1 0" "and the last of them"
is "$(flags_of B "Item 11 of gamma")" "0 1" "and a saved one"

# Killed at random points within the time one sync takes here (a fast machine and server end
# a sync in a few milliseconds, a loaded one in hundreds): a sync with one mark, timed.
on A mark read "$(id_of A "Item 20 of gamma")"
start_ns=$(date +%s%N)
on A sync
sync_ms=$((($(date +%s%N) - start_ns) / 1000000 + 1))
echo "# one sync took $sync_ms ms"
SEED=${SYNC_KILL_SEED:-$(date +%s)}
echo "# SYNC_KILL_SEED=$SEED"
awk -v seed="$SEED" -v ms="$sync_ms" 'BEGIN { srand(seed); split("read unread saved unsaved", ops, " ")
	for (i = 0; i < 30; i++)
		printf "%d %s %d\n", int(rand() * 40), ops[int(rand() * 4) + 1], int(rand() * ms) }' \
	>"$T_DIR/plan"
on A list
printf '%s\n' "$OUT" | awk '{ for (i = 1; i <= NF; i++) if ($i == "Item") print $(i + 1), $1 }' \
	>"$T_DIR/ids"
killed=0 opened=0
while read -r item op delay; do
	on A mark "$op" "$(awk -v n="$item" '$1 == n { print $2 }' "$T_DIR/ids")"
	"$TIDINGS" --config "$T_DIR/A/config" --data "$T_DIR/A/data" sync >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	on A sync --status
	[ "$RC" -eq 0 ] && opened=$((opened + 1))
done <"$T_DIR/plan"
echo "# $killed of 30 syncs were killed before they ended"
is "$opened" 30 "after each kill the cache opens and its outbox can be read"
check "most syncs were killed in flight ($killed of 30)" test "$killed" -ge 15
on A sync
is "$RC" 0 "the next sync completes"
on A sync --status
contains "$OUT" "outbox: 0 waiting" "and empties the outbox"
on B sync
is "$RC" 0 "B syncs"
on A list
cut -c8- <<LIST | sort >"$T_DIR/a.list"
$OUT
LIST
on B list
cut -c8- <<LIST | sort >"$T_DIR/b.list"
$OUT
LIST
DIFF=$(diff "$T_DIR/a.list" "$T_DIR/b.list")
is "$DIFF" "" "A and B agree on every article's read and saved state (nothing was lost)"

done_testing
