#!/bin/sh
# The reader's [keys] and [colors] sections: rebinding, errors with file and line, the ?
# help generated from the action table, NO_COLOR, and the smallest terminal.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
. "$TESTS_SRCDIR/ui/cache.sh"

# --- errors name the file and the line, for every command (the sections are always known)
printf 'date-format = %%Y\n[keys]\nfly = x\n' >"$CONF/config"
td feeds
is "$RC" 2 "an unknown action in [keys] is a configuration error"
contains "$ERR" "config:3: unknown action 'fly'" "and names the file and line"
printf '[keys]\ndown = j Sup3r\n' >"$CONF/config"
td feeds
contains "$ERR" "config:2: unknown key name 'Sup3r'" "an unknown key name names its line"
printf '[colors]\nunread = mauve default\n' >"$CONF/config"
td feeds
contains "$ERR" "config:2: unknown colour 'mauve'" "an unknown colour names its line"
printf '[colors]\nlink = blue default blinking\n' >"$CONF/config"
td feeds
contains "$ERR" "unknown attribute 'blinking'" "an unknown attribute is refused"
printf '[colors]\nsparkle = red default\n' >"$CONF/config"
td feeds
contains "$ERR" "unknown colour role 'sparkle'" "an unknown colour role is refused"

# --- a working configuration
cat >"$CONF/config" <<'CONFIG'
[keys]
down = x Down
up = K
quit = Q C-g
[colors]
selected = white blue bold
unread = color208 default bold
date = bright-cyan default
CONFIG
td config
is "$RC" 0 "a valid [keys] and [colors] configuration loads"
cache_create
add_feed 1 http://127.0.0.1:9/a.xml "Alpha"
for i in 1 2 3 4 5; do
	add_item "$i" 1 $((1700000000 + i * 60)) "Item $i" "<p>Body $i</p>"
done
cache_flush
ui_start 120 40
check_screen "Body 5" "the reader starts with the configuration"
keys x
check_screen "Body 4" "a rebound key moves down"
# Keys are handled in order: had j moved down, K would land on the second row, not the first.
keys j
keys K
check_screen "Body 5" "another rebound key moves up"
is "$(position)" "1/5" "the old key no longer does"
keys ?
check_screen "toggle-read" "? lists the actions"
check_screen "x, Down" "with the keys in force"
keys q
check_screen "Body 5" "q leaves the help"
keys C-g
wait_exit
ok $? "a Control key bound in [keys] works"
is "$(tm capture-pane -p -t ui | grep -o 'TIDINGS-EXITED-[0-9]*')" "TIDINGS-EXITED-0" \
	"and the reader ends normally"

# --- an interrupt ends the reader cleanly, the terminal given back
ui_start 120 40
check_screen "Body 5" "the reader starts again"
keys C-c
wait_exit
is "$(tm capture-pane -p -t ui | grep -o 'TIDINGS-EXITED-[0-9]*')" "TIDINGS-EXITED-0" \
	"C-c ends the reader with status 0"
is "$(tm display-message -p -t ui '#{alternate_on}')" 0 "the terminal has left the reader's screen"

# --- NO_COLOR: no colour at all, unread still stands out
rm "$CONF/config"
tm kill-session -t ui 2>/dev/null
tm new-session -d -s ui -x 120 -y 40 \
	"env NO_COLOR=1 TERM=screen-256color LC_ALL=C.UTF-8 $TIDINGS --config '$CONF' --data '$DATA'; echo TIDINGS-EXITED-\$?; sleep 60"
check_screen "Body 5" "the reader starts with NO_COLOR"
ESC=$(printf '\033')
colours=$(tm capture-pane -p -e -t ui | grep -c "${ESC}\[[0-9;]*3[0-7]m\|${ESC}\[[0-9;]*38;5;")
is "$colours" 0 "NO_COLOR: no colour on screen"
bold=$(tm capture-pane -p -e -t ui | grep "Item 4" | grep -c "${ESC}\[1m\|${ESC}\[[0-9;]*;1m\|${ESC}\[1;")
is "$bold" 1 "NO_COLOR: an unread article is bold"
keys Q
wait_exit

# --- the smallest terminal
ui_start 40 12
check_screen "Item 5" "the list shows at 40x12"
check_screen "Body 5" "and the reading pane too"
keys Tab Tab
check_screen "All" "the feed column takes its turn at 40x12"
keys Q
wait_exit

done_testing
