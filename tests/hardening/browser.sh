#!/bin/sh
# The browser action with hostile links, in the reader under tmux: a fake browser records its
# argv. Shell syntax in a URL reaches the browser as one argument and runs nothing; a link
# that would be read as a command-line option, or that is not a web URL, is refused.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
. "$TESTS_SRCDIR/ui/cache.sh"

ARGV_LOG=$T_DIR/browser-argv
VICTIM=$T_DIR/victim
mkdir -p "$VICTIM"
cat >"$T_DIR/fake-browser" <<SCRIPT
#!/bin/sh
{ printf 'argc=%s\n' "\$#"; for a in "\$@"; do printf 'arg=%s\n' "\$a"; done; } >>"$ARGV_LOG"
SCRIPT
chmod +x "$T_DIR/fake-browser"
printf 'browser = %s\n' "$T_DIR/fake-browser" >"$CONF/config"

echo "http://127.0.0.1:9/evil.xml" >"$CONF/feeds"
cache_create
add_feed 1 http://127.0.0.1:9/evil.xml "Evil links"
cache_flush
# add_link_item ID TITLE LINK: an item whose link is LINK, newer for a higher ID.
add_link_item() {
	db "INSERT INTO items(id, feed_id, guid, link, title, content, published, sort_time,
		first_seen) VALUES ($1, 1, 'g$1', $(sql_quote "$3"), $(sql_quote "$2"),
		'<p>body $1</p>', $((1700000000 + $1)), $((1700000000 + $1)), 1700000000)"
}
SUBSHELL='https://x/$(touch '"$T_DIR"'/pwned)'
QUOTE="https://x/'; rm -rf $VICTIM #"
BACKTICK='https://x/`touch '"$T_DIR"'/pwned2`;|&>x'
BARE_QUOTE="'; rm -rf $VICTIM #"
OPTION='--renderer-cmd-prefix=touch '"$T_DIR"'/pwned3'
add_link_item 1 "Option link" "$OPTION"
add_link_item 2 "Bare quote link" "$BARE_QUOTE"
add_link_item 3 "Backtick link" "$BACKTICK"
add_link_item 4 "Quote link" "$QUOTE"
add_link_item 5 "Subshell link" "$SUBSHELL"

# open_item N: selects the Nth article of the list (newest first) and presses o.
open_item() {
	keys g
	i=1
	while [ "$i" -lt "$1" ]; do keys j; i=$((i + 1)); done
	wait_for "| $1/5"
	keys o
}
# wait_argv N: waits until the fake browser has been run N times.
wait_argv() {
	i=0
	while [ "$i" -lt 100 ] && [ "$(grep -c '^argc=' "$ARGV_LOG" 2>/dev/null)" != "$1" ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

ui_start 120 30
check_screen "Subshell link" "the reader shows the hostile links"
open_item 1
wait_argv 1
open_item 2
wait_argv 2
open_item 3
wait_argv 3
open_item 4
check_screen "refused" "a link that is not a web URL is refused, with a message"
open_item 5
check_screen "refused" "a link that looks like an option is refused"
# The refused links started nothing: a browser run for the first link again, after them,
# is the fourth run, with none between (instead of sleeping for a while).
open_item 1
wait_argv 4
keys Q
wait_exit

expected=$(printf 'argc=1\narg=%s\nargc=1\narg=%s\nargc=1\narg=%s\nargc=1\narg=%s' \
	"$SUBSHELL" "$QUOTE" "$BACKTICK" "$SUBSHELL")
is "$(cat "$ARGV_LOG" 2>/dev/null)" "$expected" \
	"the browser got each web URL as its one argument, byte for byte"
check "no command in a URL ran" [ ! -e "$T_DIR/pwned" ]
check "no command in backticks ran" [ ! -e "$T_DIR/pwned2" ]
check "the option-like link never reached the browser" [ ! -e "$T_DIR/pwned3" ]
check "nothing was deleted" [ -d "$VICTIM" ]

done_testing
