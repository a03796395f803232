#!/bin/sh
# Links: o opens the article's link with the browser setting (an argv, never a shell), y
# copies it through copy-command, u lists the article's links by number and opens one.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
. "$TESTS_SRCDIR/ui/cache.sh"

# A stand-in browser and clipboard: they write what they get where the test can read it.
cat >"$T_DIR/browser" <<EOF2
#!/bin/sh
printf '%s\n' "\$@" >>"$T_DIR/opened"
EOF2
cat >"$T_DIR/clipboard" <<EOF2
#!/bin/sh
cat >"$T_DIR/copied"
EOF2
chmod +x "$T_DIR/browser" "$T_DIR/clipboard"
cat >"$CONF/config" <<CONFIG
browser = $T_DIR/browser --new-tab %u
copy-command = $T_DIR/clipboard
CONFIG

cache_create
add_feed 1 http://127.0.0.1:9/a.xml "Alpha"
# A link that a shell would take for several commands.
LINK='http://127.0.0.1:9/a;touch${IFS}pwned&x=$(id)|y'
echo "INSERT INTO items(id, feed_id, guid, link, title, content, sort_time, first_seen)
	VALUES (1, 1, 'g1', '$LINK', 'Linked article',
	'<p>See <a href=\"http://127.0.0.1:9/one\">the first</a> and
	<a href=\"http://127.0.0.1:9/two\">the second</a>.</p>', 1700000000, 1700000000);" >>"$CACHE_SQL"
cache_flush

cd "$T_DIR" || exit 1
ui_start 120 40
check_screen "Linked article" "the article is shown"
keys o
check_screen "opened" "o reports the link opened"
for _ in $(seq 100); do
	[ -s "$T_DIR/opened" ] && break
	sleep 0.05
done
is "$(cat "$T_DIR/opened" 2>/dev/null)" "--new-tab
$LINK" "the browser gets the link as one argument, %u replaced"
check "no shell ran the link's text" test ! -e "$T_DIR/pwned"
keys y
check_screen "copied" "y reports the copy"
is "$(cat "$T_DIR/copied" 2>/dev/null)" "$LINK" "copy-command gets the link on its standard input"
: >"$T_DIR/opened"
keys u
check_screen "http://127.0.0.1:9/two" "u lists the article's links by number"
keys 2 Enter
check_screen "opened http://127.0.0.1:9/two" "choosing one by its number opens it"
# The browser runs on its own (as a graphical one would): wait for it.
for _ in $(seq 100); do
	[ -s "$T_DIR/opened" ] && break
	sleep 0.05
done
is "$(tail -1 "$T_DIR/opened" 2>/dev/null)" "http://127.0.0.1:9/two" "the browser gets the chosen link"
keys Q
wait_exit

done_testing
