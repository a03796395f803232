#!/bin/sh
# The filter language in the reader: query views in the feed column with live unread counts,
# F (a filter typed or chosen from the rules file's define-filter lines, as a prompt and a
# menu of the one event loop), highlight-article colours in the list, and ignore-mode
# display hiding articles from every view.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
D="$TESTS_SRCDIR/data/filter"

cp "$D/news.xml" "$D/tech.xml" "$T_DIR/"
cat >"$CONF/feeds" <<EOF2
file://$T_DIR/news.xml news
file://$T_DIR/tech.xml tech
"query:Fresh food:tags # \"news\" and title =~ \"pie|banana|cherry\""
"query:Broken:title ~ \"x\""
EOF2
cat >"$CONF/rules" <<'EOF2'
ignore-mode display
ignore-article "*" "title =~ \"^Sponsored\""
define-filter "Tech only" "tags # \"tech\""
define-filter "Numbers" "title =~ \"[0-9]\""
highlight-article "title =~ \"Release\"" yellow red bold
EOF2
td refresh
is "$RC" 0 "the feeds are fetched"

ui_start 120 30
check_screen "Fresh food" "a query view shows in the feed column"
screen
contains "$(printf '%s\n' "$SCREEN" | grep 'Fresh food')" "3" \
	"with its live unread count (3 articles)"
lacks "$SCREEN" "Sponsored" "ignore-mode display hides the ignored article"
check_screen "Rust 1.80 released" "the other articles show"

# The Release line is drawn in the highlight's colours (yellow on red).
line=$(tm capture-pane -e -p -t ui | grep 'Release 2.21')
case "$line" in *'[33m'*'[41m'Release*) ok 0 "highlight-article colours the title" ;;
*) ok 1 "highlight-article colours the title"; echo "# $line" | cat -v ;;
esac

# The query view: its articles only.
keys h
keys j j j Enter
check_screen "Fresh food | 1/3" "opening the query view lists its 3 articles"
screen
contains "$SCREEN" "Apple pie recipe" "its articles"
lacks "$SCREEN" "Rust 1.80" "and no other"
# Reading one lowers the view's unread count at once.
keys Enter
wait_for "Fresh food           2" || wait_for "Fresh food 2"
contains "$(printf '%s\n' "$SCREEN" | grep 'Fresh food' | head -2 | tail -1)" "2" \
	"the count follows the marks"

# A query view with a mistake says what is wrong.
keys h h j Enter
check_screen "column 7" "a wrong query view shows its error with the column"

# F offers the define-filter lines of the rules file.
keys k k k k Enter
check_screen "| All |" "back to All"
keys F
check_screen "Type an expression..." "F opens the filter menu"
check_screen "Tech only" "with the define-filter names"
keys 2 Enter
check_screen "filter: tags # \"tech\"" "a defined filter applies to the view"
screen
is "$(position)" "1/3" "the 3 tech articles"
keys F
check_screen "No filter (show every article)" "and the menu can take it away"
keys 1 Enter
check_screen "Filter: tags" "typing an expression starts from the one in force"
keys C-u
keys 'title =~ "banana" or title = "C23 in practice"' Enter
check_screen "2 articles match the filter" "a typed filter applies"
keys F 1 Enter C-u 'title = ' Enter
check_screen "filter, column 8" "a wrong expression is refused with its column"
keys F 4 Enter
check_screen "no filter: every article shows" "and the filter is taken away"
screen
is "$(position | cut -d/ -f2)" 9 "every article but the hidden one"

keys Q
wait_exit
ok $? "the reader quits"

# An exec: command that takes its time holds up nothing: the reader answers keys while it
# runs, and its articles arrive when it ends.
rm -f "$CONF/rules"
printf '"exec:while [ ! -f %s/go ]; do sleep 0.05; done; sed s/Rust/Waited/ %s/tech.xml"\n' \
	"$T_DIR" "$T_DIR" >>"$CONF/feeds"
ui_start 120 30
check_screen "Fresh food" "the reader starts again"
keys R
check_screen "refreshing" "R starts a refresh with the slow command"
keys '?'
check_screen "tidings: keys" "the help opens while the command runs"
keys q
wait_gone "Show the keys"
keys G
check_screen "| All | 10/10" "the list moves while the command runs"
lacks "$SCREEN" "Waited 1.80" "whose articles are not there yet"
touch "$T_DIR/go"
check_screen "| All | 13/13" "its articles arrive when it ends"
keys g
check_screen "Waited 1.80 released" "with the command's output"
keys Q
wait_exit

# A wrong colour is refused before the screen is taken.
printf 'highlight-article "unread = \\"yes\\"" yelow default\n' >"$CONF/rules"
td read
is "$RC" 2 "a wrong colour in the rules file: exit 2"
contains "$ERR" "rules:1:38: unknown colour 'yelow'" "naming the line and column"
done_testing
