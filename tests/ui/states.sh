#!/bin/sh
# Every state of the reader (the panes, zoom, help, the link menu, each prompt, a question, a
# refresh, a full-text fetch or a save under way, a terminal browser open) is a state of one
# event loop: in each, a terminal gone (the tmux server killed), SIGTERM and SIGHUP end the
# reader within a second with 128+signal, the cache intact and the mark just made kept; idle,
# it uses no CPU; and a background refresh goes on completing while help, a menu or a prompt
# is open. UI_STATES=NAME... runs the endings for those states only.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
. "$TESTS_SRCDIR/ui/cache.sh"

WWW="$T_DIR/www"
mkdir -p "$WWW"
start_server python3 "$TESTS_SRCDIR/ui/feedserver.py" "$WWW"

# write_feed TITLE...: the served feed, one item per title.
write_feed() {
	{
		echo '<?xml version="1.0"?><rss version="2.0"><channel><title>Served</title>'
		echo '<link>http://127.0.0.1/</link><description>test</description>'
		for t in "$@"; do
			echo "<item><title>$t</title><guid>$t</guid><link>$BASE/$t.html</link>"
			echo "<description>Text of $t, &lt;a href=\"$BASE/more\"&gt;more&lt;/a&gt;.</description></item>"
		done
		echo '</channel></rss>'
	} >"$WWW/feed.xml.tmp"
	mv "$WWW/feed.xml.tmp" "$WWW/feed.xml"
}
write_feed "Served one"

printf '%s/feed.xml\n' "$BASE" >"$CONF/feeds"
cat >"$CONF/config" <<'CONFIG'
connect-timeout = 2
fetch-timeout = 60
CONFIG
cache_create
add_feed 1 "$BASE/feed.xml" "Served"
for i in $(seq 1 12); do
	n=$(printf '%02d' "$i")
	add_item "$i" 1 $((1700000000 + i * 60)) "Story number $n" \
		"<p>Body of $n with <a href=\"http://127.0.0.1:9/l$n\">a link</a>.</p>"
done
cache_flush
# The newest article's page is slow to come: f and s are still fetching it when the reader ends.
db "UPDATE items SET link = '$BASE/slow.html' WHERE id = 12"
echo '<html><body><article><p>The slow page.</p></article></body></html>' >"$WWW/slow.html"
echo 60 >"$WWW/slow.html.delay"

# A terminal browser that stays open until it is ended: the reader gives it the terminal.
mkdir -p "$T_DIR/bin"
printf '#!/bin/sh\necho LYNX-RUNNING\nexec sleep 30\n' >"$T_DIR/bin/lynx"
chmod +x "$T_DIR/bin/lynx"

# open_state NAME: opens one state of the reader and waits until it shows; returns 1 when
# it does not.
open_state() {
	case $1 in
	list) wait_for "Story number 11" ;;
	pane) keys Enter && wait_for "Body of 12 with" ;;
	zoom) keys z && wait_gone "Story number 11" ;;
	help) keys '?' && wait_for "tidings: keys" ;;
	links) keys u && wait_for "Links of the article" ;;
	search) keys / && keys -l xyl && wait_for "/xyl" ;;
	command) keys : && keys -l se && wait_for ":se" ;;
	add) keys a && wait_for "Add feed or site URL:" ;;
	confirm) keys A && wait_for "(y/n)" ;;
	refresh) echo 60 >"$WWW/feed.xml.delay" && keys R && wait_for "refreshing" ;;
	fulltext) keys f && wait_for "fetching" ;;
	save) keys s && wait_for "saving" ;;
	browser) keys : && keys -l "set browser $T_DIR/bin/lynx" && keys Enter &&
		wait_for "browser = " && keys o && wait_for "LYNX-RUNNING" ;;
	esac
}

# start_marked: the reader at the first article with that article just marked read.
start_marked() {
	rm -f "$WWW/feed.xml.delay"
	db "UPDATE items SET read = 0"
	ui_start 100 30
	PID=$(reader_pid)
	wait_for "Story number 12" && keys r && wait_for "marked read"
}

# run_state NAME HOW: opens state NAME, ends the reader HOW (kill-server, TERM or HUP), and
# checks that it is gone within a second, the cache is sound and the mark was kept.
run_state() {
	local state=$1 how=$2
	start_marked
	if ! open_state "$state"; then
		ok 1 "$state: the state opens"
		echo "$SCREEN" | sed 's/^/# | /'
		return
	fi
	case $how in
	kill-server) tm kill-server ;;
	TERM) kill -TERM "$PID" ;;
	HUP) kill -HUP "$PID" ;;
	esac
	wait_process_gone "$PID" 1
	ok $? "$state: $how ends the reader within a second"
	wait_process_gone "$PID" 10 || kill -KILL "$PID" 2>/dev/null
	is "$(db 'PRAGMA integrity_check')" ok "$state: $how leaves the cache sound"
	is "$(db 'SELECT read FROM items WHERE id = 12')" 1 "$state: $how keeps the mark made just before"
	case $how in
	TERM) status=143 ;;
	HUP) status=129 ;;
	*) return ;;
	esac
	wait_exit
	is "$(printf '%s\n' "$SCREEN" | grep -o 'TIDINGS-EXITED-[0-9]*')" "TIDINGS-EXITED-$status" \
		"$state: the exit status says $how"
	is "$(tm display-message -p -t ui '#{alternate_on}')" 0 "$state: the terminal is given back"
}

STATES=${UI_STATES:-list pane zoom help links search command add confirm refresh fulltext save browser}
for state in $STATES; do
	for how in kill-server TERM HUP; do
		run_state "$state" "$how"
	done
done

# --- idle is zero CPU in every state
ui_start 100 30
PID=$(reader_pid)
for state in list pane zoom help links search command add confirm; do
	open_state "$state" || { ok 1 "$state: the state opens" && continue; }
	before=$(cpu_ticks "$PID")
	sleep 3 # the measurement's window, not a wait for something to happen
	after=$(cpu_ticks "$PID")
	is "$((after - before))" 0 "$state: no CPU used over 3 s while idle"
	# Back to the main screen: out of the state, then out of the reading pane.
	case $state in
	pane) keys q ;;
	zoom) keys z ;;
	help | links) keys q ;;
	search | command | add | confirm) keys Escape ;;
	esac
	wait_for "Story number 11" || ok 1 "$state: the state closes"
done

# --- SIGINT leaves a prompt or menu, and quits from the main screen
for state in help links search confirm; do
	open_state "$state"
	kill -INT "$PID"
	wait_for "Story number 11" && wait_gone "(y/n)" && wait_gone "tidings: keys"
	ok $? "$state: SIGINT leaves it"
	if process_gone "$PID"; then ok 1 "$state: the reader still runs"; else
		ok 0 "$state: the reader still runs"
	fi
done
kill -INT "$PID"
wait_exit
is "$(printf '%s\n' "$SCREEN" | grep -o 'TIDINGS-EXITED-[0-9]*')" "TIDINGS-EXITED-0" \
	"SIGINT on the main screen quits"

# --- a background refresh completes while help, a menu or a prompt is open
n=1
for state in help links search; do
	n=$((n + 1))
	write_feed "Served one" "Arrival $n"
	echo 0.5 >"$WWW/feed.xml.delay"
	ui_start 100 30
	wait_for "Story number 12"
	keys R
	open_state "$state"
	has_arrival() { [ "$(db "SELECT count(*) FROM items WHERE title = 'Arrival $n'")" = 1 ]; }
	wait_until has_arrival
	ok $? "$state: a refresh stores its articles while the state is open"
	screen
	case $state in
	help) contains "$SCREEN" "tidings: keys" "$state: and the state stays open meanwhile" ;;
	links) contains "$SCREEN" "Links of the article" "$state: and the state stays open meanwhile" ;;
	search) contains "$SCREEN" "/xyl" "$state: and the state stays open meanwhile" ;;
	esac
	keys Escape
	check_screen "new article" "$state: the refresh's end is reported when the state closes"
	keys Q
	wait_exit
done

done_testing
