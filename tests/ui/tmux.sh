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

# Starts the reader in a detached session of COLSxROWS with extra arguments.
ui_start() { # ui_start COLS ROWS [ARGS...]
	local cols=$1 rows=$2
	shift 2
	# A session that outlives the reader's keeps the server up between restarts.
	tm has-session -t keep 2>/dev/null || tm new-session -d -s keep -x 20 -y 5 "sleep 600"
	tm kill-session -t ui 2>/dev/null
	tm new-session -d -s ui -x "$cols" -y "$rows" \
		"env TERM=screen-256color LC_ALL=C.UTF-8 $TIDINGS --config '$CONF' --data '$DATA' $*; echo TIDINGS-EXITED-\$?; sleep 60"
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
