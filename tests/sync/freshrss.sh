# Sourced after lib.sh by the sync tests that run against a real FreshRSS: starts it once for
# the script (../shared/servers/start-freshrss; the test reports itself skipped when it or PHP
# cannot be had), a feed server (tests/servers/faultserver.py) that FreshRSS fetches from, and
# sets up two machines, A and B: each its own config and data directory, one account.
#   on A|B ARGS...   runs tidings as that machine (OUT, ERR, RC as td)
#   subscribe_on_server URL   subscribes the server itself (as a third client would)
FRESHRSS_START="${SHARED_DIR:-$TESTS_SRCDIR/../../shared}/servers/start-freshrss"
[ -x "$FRESHRSS_START" ] || { echo "1..0 # SKIP no $FRESHRSS_START"; exit 0; }
FR_RUN="$T_DIR/freshrss"
FR_OUT=$("$FRESHRSS_START" "$FR_RUN" 2>"$T_DIR/freshrss.err")
case $? in
0) ;;
77) echo "1..0 # SKIP FreshRSS needs PHP, which cannot be had here"; exit 0 ;;
*) echo "Bail out! start-freshrss failed: $(cat "$T_DIR/freshrss.err")"; exit 1 ;;
esac
set -- $(printf '%s\n' "$FR_OUT" | tail -1)
FR_PORT=$1 FR_PID=$2
at_exit "kill $FR_PID 2>/dev/null"
FR_API="http://127.0.0.1:$FR_PORT/api/greader.php"

start_server python3 "$TESTS_SRCDIR/servers/faultserver.py" --log "$T_DIR/requests"
# Under a heavy load Python can take longer to start than start_server waits: up to 30 s more.
for _ in $(seq 300); do
	[ -n "${PORT:-}" ] && break
	sleep 0.1
	read -r PORT _ <"$T_DIR/server.out" || PORT=
done
BASE="http://127.0.0.1:$PORT"
FEEDS="$BASE"

# Stops FreshRSS (keeping its data) and starts it again on the same port.
freshrss_stop() {
	kill "$FR_PID" 2>/dev/null
	while kill -0 "$FR_PID" 2>/dev/null; do sleep 0.05; done
}
freshrss_start() {
	(cd "$FR_RUN/freshrss/p" && exec php -S "127.0.0.1:$FR_PORT" -t . >>"$FR_RUN/server.log" 2>&1) &
	FR_PID=$!
	at_exit "kill $FR_PID 2>/dev/null"
	for _ in $(seq 100); do
		python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' \
			"$FR_PORT" 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}

printf 'api-pass-123\n' >"$T_DIR/password"
chmod 600 "$T_DIR/password"
for m in A B; do
	mkdir -p "$T_DIR/$m/config" "$T_DIR/$m/data"
	cat >"$T_DIR/$m/config/config" <<CONFIG
connect-timeout = 2
fetch-timeout = 10
[sync]
service = greader
url = $FR_API
user = admin
password-file = $T_DIR/password
CONFIG
done
on() {
	local m=$1
	shift
	OUT=$("$TIDINGS" --config "$T_DIR/$m/config" --data "$T_DIR/$m/data" "$@" 2>"$T_DIR/stderr")
	RC=$?
	ERR=$(cat "$T_DIR/stderr")
}
# The id of the article titled TITLE on machine M (from `tidings list`: "    ID NS date title").
id_of() {
	on "$1" list
	printf '%s\n' "$OUT" | awk -v t="$2" 'index($0, " " t "  (") { print $1 }'
}
# "read saved" (0/1) of the article titled TITLE on machine M.
flags_of() {
	on "$1" list
	printf '%s\n' "$OUT" | awk -v t="$2" 'index($0, " " t "  (") {
		print (substr($0, 8, 1) == "N" ? 0 : 1), (substr($0, 9, 1) == "S" ? 1 : 0) }'
}
