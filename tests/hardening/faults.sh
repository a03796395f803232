#!/bin/sh
# Faults beyond those of tests/fetch/faults.sh: headers that drip or never end, a status line
# that is not HTTP, interim 1xx answers forever, a truncated gzip body, a deflate bomb,
# nonsense Content-Length headers, and redirects to ftp, gopher, dict, scp, data and
# javascript URLs. Each feed fails (or, for the last two, is read safely) in bounded time,
# the good feed of the same refresh is stored, and the output is screen-safe.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/fetch/server.sh"

FAILING="slowheaders bigheader badstatus endless1xx deflatebomb scheme/ftp
scheme/gopher scheme/dict scheme/scp scheme/data scheme/javascript"
{
	echo "$BASE/feed/good"
	for f in $FAILING; do echo "$BASE/$f"; done
	echo "$BASE/badlengthvalue"
	echo "$BASE/truncgzip"
} >"$CONF/feeds"

timed_refresh
is "$RC" 1 "the refresh reports failure"
# fetch-timeout is 4 s (tests/fetch/server.sh): everything ends within a few seconds of it.
check "it ends in bounded time (${ELAPSED}s)" [ "$ELAPSED" -le 15 ]
check "its output is screen-safe" python3 "$TESTS_SRCDIR/hardening/screen_safe.py" "$T_DIR/out"
is "$(feed_count "$BASE/feed/good")" 3 "the good feed of the same refresh is stored"
for f in $FAILING; do
	contains "$OUT" "failed: $BASE/$f:" "/$f fails"
done
reason() { failure_reason "$BASE/$1"; }
contains "$(reason slowheaders)" "timed out" "headers dripping forever time out"
contains "$(reason endless1xx)" "timed out" "endless 100 Continue answers time out"
contains "$(reason deflatebomb)" "limit" "a deflate bomb stops at the size limit"
for f in ftp gopher dict scp data javascript; do
	lacks "$(reason scheme/$f)" "not a feed" "a redirect to $f: is not followed"
done
lacks "$OUT" "root:" "nothing of /etc/passwd shows"
# A gzip stream cut short fails its feed (the fetcher decodes it and sees it end early).
contains "$(reason truncgzip)" "cut short" "a gzip answer cut short fails"
for f in badlengthvalue truncgzip; do
	n=$(sqlite3 "$DATA/cache.db" "SELECT count(*) FROM items JOIN feeds ON feeds.id = feed_id
		WHERE feeds.url = '$BASE/$f'")
	check "/$f is refused or read safely, no item half-stored ($n items)" \
		sh -c "[ '$n' = 0 ] || [ '$n' = 3 ]"
done
check "the server saw no request other than the feeds' own" \
	sh -c "! grep -vE '^/(feed/good|slowheaders|bigheader|badstatus|endless1xx|truncgzip|deflatebomb|scheme/[a-z]+|badlengthvalue) ' '$FAULT_LOG'"

done_testing
