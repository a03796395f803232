#!/bin/sh
# Sync faults against a small Google Reader API server of our own (tests/servers/greaderfault.py):
# a 500, a server that stops answering, a wrong password and an expired token each end in
# bounded time with a clear message, a non-zero exit and the outbox kept; the password is
# never taken from a file others may read.
. "$TESTS_SRCDIR/lib.sh"
start_server python3 "$TESTS_SRCDIR/servers/greaderfault.py"
# Under a heavy load Python can take longer to start than start_server waits: up to 30 s more.
for _ in $(seq 300); do
	[ -n "${PORT:-}" ] && break
	sleep 0.1
	read -r PORT _ <"$T_DIR/server.out" || PORT=
done
BASE="http://127.0.0.1:$PORT"

ctl() { python3 -c 'import sys, urllib.request
print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "$BASE/control/$1"; }
# elapsed COMMAND...: runs it, sets SECS to the whole seconds it took.
elapsed() {
	local t0
	t0=$(date +%s)
	"$@"
	SECS=$(($(date +%s) - t0))
}
PW="$T_DIR/password"
printf 'secret\n' >"$PW"
chmod 600 "$PW"
write_config() {
	cat >"$CONF/config" <<CONFIG
connect-timeout = 2
fetch-timeout = 3
low-speed-time = 2
[sync]
service = greader
url = $BASE/api/greader.php
user = admin
$1
CONFIG
}
write_config "password-file = $PW"

td sync
is "$RC" 0 "a first sync succeeds"
contains "$OUT" "3 new articles" "and brings the server's three articles"
contains "$(cat "$CONF/feeds")" "http://127.0.0.1:9/fault.xml news" \
	"the server's subscription is in the feeds file with its folder as a tag"
is "$(stat -c %a "$DATA/sync-token")" 600 "the session token is kept with mode 0600"

td list
ids=$(printf '%s\n' "$OUT" | awk '{print $1}' | sort -n | tr '\n' ' ')
set -- $ids
td mark read "$1" "$2"
td mark saved "$3"
td sync --status
contains "$OUT" "outbox: 3 waiting" "three marks wait in the outbox"

ctl mode/500 >/dev/null
elapsed td sync
is "$RC" 1 "a server answering 500 fails the sync"
contains "$ERR" "500" "and the message names the status"
contains "$ERR" "3 marks are kept in the outbox" "and says the marks are kept"
td sync --status
contains "$OUT" "outbox: 3 waiting" "the outbox is kept after a 500"
contains "$OUT" "last error: " "sync --status shows the last error"
contains "$OUT" "500" "naming the 500"

ctl mode/hang >/dev/null
elapsed td sync
is "$RC" 1 "a server that stops answering fails the sync"
check "it gives up within the fetch timeout ($SECS s)" test "$SECS" -le 8
contains "$ERR" "no answer in time" "and says so"
td sync --status
contains "$OUT" "outbox: 3 waiting" "the outbox is kept after a timeout"
ctl mode/ok >/dev/null

rm -f "$DATA/sync-token"
printf 'not-the-password\n' >"$PW"
elapsed td sync
is "$RC" 1 "a wrong password fails the sync"
contains "$ERR" "refused the user \"admin\"" "with a message about the user and password"
check "in bounded time ($SECS s)" test "$SECS" -le 5
td sync --status
contains "$OUT" "outbox: 3 waiting" "the outbox is kept after a 401"

printf 'secret\n' >"$PW"
td sync
is "$RC" 0 "with the right password the sync succeeds"
STATE=$(ctl state)
contains "$STATE" '"read": [1, 2]' "the read marks reached the server"
contains "$STATE" '"starred": [3]' "the saved mark reached the server as starred"
td sync --status
contains "$OUT" "outbox: 0 waiting" "the outbox is empty once the server accepted it"
contains "$OUT" "last error: none" "and the last error is cleared"

# An expired token: the server forgets it; the next call gets 401 and one new login follows.
td mark unread "$1"
ctl expire >/dev/null
LOGINS=$(ctl state | python3 -c 'import json, sys; print(json.load(sys.stdin)["logins"])')
elapsed td sync
is "$RC" 0 "a sync with an expired token logs in again and succeeds"
AFTER=$(ctl state | python3 -c 'import json, sys; print(json.load(sys.stdin)["logins"])')
is "$AFTER" "$((LOGINS + 1))" "with exactly one new login"
contains "$(ctl state)" '"read": [2]' "and the mark made before is sent"

# The server's state comes back: marked read there, read here.
td sync
td list
contains "$OUT" "$1 N" "an item unread on the server is unread here"

# A feed added here that the server lists under another URL takes the server's URL.
echo "http://127.0.0.1:9/other.xml tech" >>"$CONF/feeds"
td sync
is "$RC" 0 "a feed added to the feeds file is subscribed at the next sync"
contains "$OUT" "1 subscribed" "(one subscription sent)"
contains "$(cat "$CONF/feeds")" "http://127.0.0.1:9/other.xml?moved tech" \
	"it takes the URL the server knows it by, keeping its tags"
lacks "$(cat "$CONF/feeds")" "other.xml tech" "and is not listed twice"
td sync
lacks "$OUT" "subscribed" "the next sync does not subscribe it again"

# Passwords: never from a file others may read; from a command's first line.
chmod 644 "$PW"
td sync
is "$RC" 1 "a password file readable by others is refused"
contains "$ERR" "open to other users" "with a message that says why"
contains "$ERR" "chmod 600" "and how to fix it"
chmod 600 "$PW"
write_config "password-command = printf secret\\nsecond-line"
rm -f "$DATA/sync-token"
td sync
is "$RC" 0 "password-command's first line is the password (argv, no shell)"
write_config "password-command = false"
rm -f "$DATA/sync-token"
td sync
is "$RC" 1 "a failing password-command fails the sync"
contains "$ERR" "password-command false failed" "and says which command failed"
write_config ""
td sync
is "$RC" 1 "no password at all fails the sync"
contains "$ERR" "password-command or password-file" "and names the two ways to give one"
write_config "password = secret"
td sync
is "$RC" 2 "a password in the config file is refused"

done_testing
