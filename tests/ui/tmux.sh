# Helpers for the reader's terminal tests: the real binary in a tmux server of its own (a
# private socket, so that no test touches the user's tmux), keys sent with send-keys, the
# screen read with capture-pane. Waits poll the screen with a timeout instead of sleeping.
# Sourced after lib.sh.

command -v tmux >/dev/null 2>&1 || { echo "1..0 # SKIP tmux is not installed"; exit 0; }
command -v sqlite3 >/dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 is not installed"; exit 0; }

# The socket lives in the test's own directory, so that nothing is left behind in /tmp.
TMUX_SOCKET="$T_DIR/tmux.sock"
at_exit "tmux -S '$TMUX_SOCKET' kill-server 2>/dev/null"
SCREEN=""
# Seconds a wait may take before the check fails: generous, for sanitizer builds on a busy
# machine; a passing wait returns as soon as the text shows.
WAIT_LIMIT=${WAIT_LIMIT:-15}

tm() { tmux -S "$TMUX_SOCKET" -f /dev/null "$@"; }

# The reader as the pane runs it: its process id in reader.pid (exec keeps it), for the
# tests that signal it or read its CPU time.
cat >"$T_DIR/run-reader" <<EOF_RUN
#!/bin/sh
echo \$\$ >"$T_DIR/reader.pid.tmp" && mv "$T_DIR/reader.pid.tmp" "$T_DIR/reader.pid"
# A test may set the reader's environment (BROWSER, PATH) in reader.env.
[ -f "$T_DIR/reader.env" ] && . "$T_DIR/reader.env"
# A sanitizer's report would be lost with the pane: it goes to a file the test prints.
ASAN_OPTIONS="\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}log_path=$T_DIR/reader-asan"
export ASAN_OPTIONS
exec /usr/bin/env TERM=screen-256color LC_ALL=C.UTF-8 "$TIDINGS" --config "$CONF" --data "$DATA" "\$@"
EOF_RUN
chmod +x "$T_DIR/run-reader"
print_reader_reports() {
	for f in "$T_DIR"/reader-asan.*; do
		[ -f "$f" ] && sed 's/^/# /' "$f" | head -60
	done
	return 0
}
at_exit print_reader_reports

# The reader's process id once it has started (empty after WAIT_LIMIT seconds).
reader_pid() {
	local i=0
	while [ ! -s "$T_DIR/reader.pid" ] && [ $i -lt $((WAIT_LIMIT * 20)) ]; do
		sleep 0.05
		i=$((i + 1))
	done
	cat "$T_DIR/reader.pid" 2>/dev/null
}

# Whether process PID has ended (a zombie waiting for its parent counts as ended).
process_gone() {
	[ -r "/proc/$1/stat" ] || return 0
	case "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null)" in Z* | X* | "") return 0 ;; esac
	return 1
}

# Waits up to SECONDS (fractions allowed) for process PID to end.
wait_process_gone() { # wait_process_gone PID SECONDS
	local deadline
	deadline=$(awk -v s="$2" 'BEGIN { printf "%d", s * 100 }')
	local start now
	start=$(date +%s%N)
	while ! process_gone "$1"; do
		now=$(date +%s%N)
		[ $(((now - start) / 10000000)) -ge "$deadline" ] && return 1
		sleep 0.02
	done
	return 0
}

# The CPU time process PID has used, in clock ticks (user + system).
cpu_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null; }

# Waits until a condition (a command) holds; returns 1 after WAIT_LIMIT seconds.
wait_until() {
	local i=0
	while [ $i -lt $((WAIT_LIMIT * 20)) ]; do
		"$@" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# Starts the reader in a detached session of COLSxROWS with extra arguments.
ui_start() { # ui_start COLS ROWS [ARGS...]
	local cols=$1 rows=$2
	shift 2
	# A session that outlives the reader's keeps the server up between restarts.
	tm has-session -t keep 2>/dev/null || tm new-session -d -s keep -x 20 -y 5 "sleep 600"
	tm kill-session -t ui 2>/dev/null
	rm -f "$T_DIR/reader.pid"
	tm new-session -d -s ui -x "$cols" -y "$rows" \
		"'$T_DIR/run-reader' $*; echo TIDINGS-EXITED-\$?; sleep 60"
	tm set-option -t ui window-size manual 2>/dev/null
	tm set-option -t ui remain-on-exit on 2>/dev/null
}

screen() { SCREEN=$(tm capture-pane -p -t ui 2>/dev/null); }

# Waits until the screen contains TEXT; returns 1 after WAIT_LIMIT seconds.
wait_for() {
	local limit=$((WAIT_LIMIT * 20)) i=0
	while [ $i -lt $limit ]; do
		screen
		case "$SCREEN" in *"$1"*) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# Waits until the screen no longer contains TEXT.
wait_gone() {
	local limit=$((WAIT_LIMIT * 20)) i=0
	while [ $i -lt $limit ]; do
		screen
		case "$SCREEN" in *"$1"*) ;; *) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# check_screen TEXT DESCRIPTION: waits for TEXT and reports.
check_screen() {
	if wait_for "$1"; then ok 0 "$2"; else
		ok 1 "$2"
		echo "# screen does not show: $1"
		echo "$SCREEN" | sed 's/^/# | /'
	fi
}

keys() { tm send-keys -t ui "$@"; }

# Waits for the reader to exit: the pane prints its exit status after it.
wait_exit() { wait_for "TIDINGS-EXITED-"; }

# The selected line of the article list: the title bar says "POSITION/TOTAL".
position() { printf '%s\n' "$SCREEN" | head -1 | sed -n 's/.*| \([0-9]*\/[0-9]*\).*/\1/p'; }

db() { sqlite3 "$DATA/cache.db" "$@"; }
