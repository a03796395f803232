# Helpers for shell tests: TAP output, a private config and data directory per test, and
# assertions that print what went wrong.
set -u

: "${TIDINGS:?run through make check, which sets TIDINGS}"
T_COUNT=0
T_FAILED=0
T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tidings-test.XXXXXX")
CONF="$T_DIR/config"
DATA="$T_DIR/data"
mkdir -p "$CONF" "$DATA"
T_CLEANUPS=""
t_cleanup() {
	eval "$T_CLEANUPS"
	rm -rf "$T_DIR"
}
trap t_cleanup EXIT
# Runs a command when the test script ends, even on failure.
at_exit() { T_CLEANUPS="$1; $T_CLEANUPS"; }

# Runs tidings with the test's own directories; output in $OUT and $ERR, status in $RC.
td() {
	OUT=$("$TIDINGS" --config "$CONF" --data "$DATA" "$@" 2>"$T_DIR/stderr")
	RC=$?
	ERR=$(cat "$T_DIR/stderr")
}

# start_server COMMAND...: starts a test server that prints its port first on standard
# output; sets SERVER_PID, PORT and BASE, stops it when the test ends, and keeps any proxy
# named by the environment away from it.
start_server() {
	"$@" >"$T_DIR/server.out" &
	SERVER_PID=$!
	at_exit "kill $SERVER_PID 2>/dev/null"
	# Up to 30 s: a loaded machine (a parallel make check) starts Python slowly.
	for _ in $(seq 300); do
		[ -s "$T_DIR/server.out" ] && break
		sleep 0.1
	done
	read -r PORT _ <"$T_DIR/server.out"
	[ -n "$PORT" ] || { echo "Bail out! the test server did not start: $*"; exit 1; }
	BASE="http://127.0.0.1:$PORT"
	no_proxy='*'
	export no_proxy
}

# serve_dir DIR: serves DIR's files over HTTP on 127.0.0.1 (tests/data/ecosystem/serve.py);
# sets SERVER_PID, PORT and BASE like start_server, and stops it when the test ends.
serve_dir() {
	rm -f "$T_DIR/port"
	python3 "$TESTS_SRCDIR/data/ecosystem/serve.py" "$1" "$T_DIR/port" &
	SERVER_PID=$!
	at_exit "kill $SERVER_PID 2>/dev/null"
	for _ in $(seq 300); do
		[ -s "$T_DIR/port" ] && break
		sleep 0.1
	done
	PORT=$(cat "$T_DIR/port" 2>/dev/null)
	[ -n "$PORT" ] || { echo "Bail out! the file server did not start: $1"; exit 1; }
	BASE="http://127.0.0.1:$PORT"
	no_proxy='*'
	export no_proxy
}

# need_newsboat: skips the test (a TAP plan of none, with the reason) when Debian's newsboat
# is not installed.
need_newsboat() {
	command -v newsboat >/dev/null 2>&1 && return
	echo "1..0 # SKIP newsboat is not installed (apt-get install newsboat)"
	exit 0
}

# newsboat_reload URLS CACHE [CONFIG]: the real newsboat fetches the feeds of its urls file
# URLS into the cache CACHE, with a home of its own, bounded by 120 s; its output goes to
# $T_DIR/nb.log. Returns newsboat's status.
newsboat_reload() {
	mkdir -p "$T_DIR/home"
	HOME="$T_DIR/home" timeout 120 newsboat -u "$1" -c "$2" -C "${3:-/dev/null}" -x reload \
		>"$T_DIR/nb.log" 2>&1
}

# True in a build with AddressSanitizer: its shadow memory and quarantine make peak RSS and
# CPU time meaningless, so checks of them run in the plain build only.
sanitized() { [ "${TIDINGS_SANITIZERS:-no}" = yes ]; }

ok() {
	T_COUNT=$((T_COUNT + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $T_COUNT - $2"
	else
		T_FAILED=$((T_FAILED + 1))
		echo "not ok $T_COUNT - $2"
	fi
}
# skip "description" "reason": a check that cannot be made here, counted as passed by TAP.
skip() {
	T_COUNT=$((T_COUNT + 1))
	echo "ok $T_COUNT - $1 # SKIP $2"
}
# check "description" command...: passes when the command succeeds.
check() {
	local desc=$1
	shift
	if "$@"; then ok 0 "$desc"; else
		ok 1 "$desc"
		echo "# command failed: $*"
		echo "# stdout: ${OUT:-}" | head -20
		echo "# stderr: ${ERR:-}" | head -20
	fi
}
is() { # is ACTUAL EXPECTED DESCRIPTION
	if [ "$1" = "$2" ]; then ok 0 "$3"; else
		ok 1 "$3"
		printf '# got:      %s\n# expected: %s\n' "$1" "$2" | head -40
	fi
}
contains() { # contains HAYSTACK NEEDLE DESCRIPTION
	case "$1" in
	*"$2"*) ok 0 "$3" ;;
	*) ok 1 "$3"; printf '# %s\n# does not contain: %s\n' "$1" "$2" | head -40 ;;
	esac
}
lacks() { # lacks HAYSTACK NEEDLE DESCRIPTION
	case "$1" in
	*"$2"*) ok 1 "$3"; printf '# %s\n# should not contain: %s\n' "$1" "$2" | head -40 ;;
	*) ok 0 "$3" ;;
	esac
}
done_testing() {
	echo "1..$T_COUNT"
	[ "$T_FAILED" -eq 0 ]
}
