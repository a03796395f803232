#!/bin/sh
# A whole newsboat setup moves over with one `tidings import --from-newsboat`: newsboat 2.21
# itself fetches from a 127.0.0.1 server with a urls file of tags, query:, exec: and filter:
# lines and a config of bind-key, unbind-key, color, browser, ignore-article and
# define-filter (and lines tidings cannot map); read and flagged articles as newsboat records
# them. The import exits 0 naming each line it could not map, leaves newsboat's files as they
# were, and the reader shows the same feeds, the view, the read and saved states, hides what
# newsboat ignored, and answers to the rebound keys.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
if ! command -v newsboat >/dev/null 2>&1; then
	echo "1..0 # SKIP newsboat is not installed (apt-get install newsboat)"
	exit 0
fi
E="$TESTS_SRCDIR/data/ecosystem"
F="$TESTS_SRCDIR/data/filter"

mkdir -p "$T_DIR/www" "$T_DIR/nb" "$T_DIR/home"
cp "$E/one.xml" "$E/two.xml" "$F/tech.xml" "$F/news.xml" "$T_DIR/www/"
python3 "$E/serve.py" "$T_DIR/www" "$T_DIR/port" &
SERVER=$!
at_exit "kill $SERVER 2>/dev/null"
i=0
while [ ! -s "$T_DIR/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
BASE="http://127.0.0.1:$(cat "$T_DIR/port")"
no_proxy='*'
export no_proxy

NB="$T_DIR/nb"
cat >"$NB/urls" <<URLS
$BASE/one.xml news "~The One"
$BASE/two.xml tech
"exec:cat $T_DIR/www/news.xml" food
"filter:sed s/Rust/Rusty/:$BASE/tech.xml" tech
"query:Unread news:unread = \\"yes\\" and tags # \\"news\\""
URLS
cat >"$NB/config" <<'CONFIG'
# my newsboat config
bind-key J down
unbind-key j
bind-key ^T toggle-article-read
color listfocus black yellow bold
browser "lynx %u"
ignore-article "*" "title =~ \"^Sponsored\""
define-filter "Tech only" "tags # \"tech\""
macro p open ; next-unread
articlelist-format "%4i %f %D %6L  %?T?|%-17T| &?%t"
reload-threads 4
show-read-articles yes
CONFIG
HOME="$T_DIR/home" timeout 120 newsboat -u "$NB/urls" -c "$NB/cache.db" -C "$NB/config" \
	-x reload >"$T_DIR/nb.log" 2>&1
ok $? "newsboat reloads its feeds (server, exec: and filter:)"
nb_sql() { python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2]): print("|".join(str(c) for c in row))
db.commit()' "$@"; }
is "$(nb_sql "$NB/cache.db" 'SELECT count(*) FROM rss_item')" 14 \
	"newsboat cached 14 articles (the sponsored one ignored)"
is "$(nb_sql "$NB/cache.db" "SELECT title FROM rss_item WHERE title LIKE 'Rust%'")" \
	"Rusty 1.80 released" "newsboat ran the filter: command"
# What a newsboat user does: read one article, flag another.
nb_sql "$NB/cache.db" "UPDATE rss_item SET unread = 0 WHERE guid = 'one-1'"
nb_sql "$NB/cache.db" "UPDATE rss_item SET flags = 'A' WHERE guid = 'one-2'"
before=$(cd "$NB" && sha256sum urls config cache.db)

td import --from-newsboat "$NB"
is "$RC" 0 "one import moves the setup over"
contains "$ERR" "$NB/config:9: not moved: macro p open ; next-unread (tidings has no macros" \
	"a line that does not map is named with its line number"
contains "$ERR" "$NB/config:10: not moved: articlelist-format" "each of them"
contains "$OUT" "$NB/config: 9 lines moved to tidings' config and rules, 2 not" \
	"the config's lines are counted"
contains "$OUT" "14 articles, 14 new to the cache; 1 read, 1 saved" "the articles and marks"
is "$(cd "$NB" && sha256sum urls config cache.db)" "$before" "newsboat's files are unchanged"
contains "$ERR" "exec: feed carried over: tidings runs \`cat $T_DIR/www/news.xml\`" \
	"the exec: line comes with a warning naming its command"
contains "$ERR" "filter: feed carried over: tidings runs \`sed s/Rust/Rusty/\`" \
	"and the filter: line"
conf=$(cat "$CONF/config")
contains "$conf" "browser = lynx %u" "browser becomes the browser setting"
contains "$conf" "max-parallel = 4" "reload-threads becomes max-parallel"
contains "$conf" 'down = "Down J"' "bind-key and unbind-key become [keys]"
contains "$conf" 'toggle-read = "r C-t"' "a control key too"
contains "$conf" "selected = black yellow bold" "color becomes [colors]"
rules=$(cat "$CONF/rules")
contains "$rules" 'ignore-article "*" "title =~ \"^Sponsored\""' "ignore-article goes to rules"
contains "$rules" 'define-filter "Tech only"' "define-filter too"
td config
is "$RC" 0 "tidings reads the config it was given"

# The next refresh keeps ignoring what newsboat ignored.
td refresh
is "$RC" 0 "a refresh after the move"
td list --ignored
contains "$OUT" "Sponsored: buy a blender" "the ignored article is dropped and listed"
td list
lacks "$OUT" "Sponsored" "and not stored"

ui_start 120 32
check_screen "Unread news" "the query view is in the feed column"
screen
contains "$(printf '%s\n' "$SCREEN" | grep 'Unread news')" " 2" "with its unread count"
contains "$SCREEN" "The One" "the feeds keep their titles"
contains "$SCREEN" "+ food" "and their tags"
lacks "$SCREEN" "Sponsored" "the ignored article is not shown"
keys h Down Down Down Enter
check_screen "Unread news | 1/2" "the view lists the unread articles of news"
keys h Up Up Up Enter
check_screen "| All | 1/" "All"
keys J
check_screen "| All | 2/" "J moves down (bind-key)"
keys j
sleep 0.3
screen
contains "$SCREEN" "| All | 2/" "j no longer does (unbind-key)"
keys G
wait_for "| All | 14/14"
screen
contains "$(printf '%s\n' "$SCREEN" | grep 'First & best')" "   " \
	"the article read in newsboat shows read"
contains "$(printf '%s\n' "$SCREEN" | grep ' Second')" "*" \
	"the flagged one shows saved"
keys F
check_screen "Tech only" "F offers the define-filter"
keys q
wait_gone "Tech only"
keys Q
wait_exit
ok $? "the reader quits"
[ "$T_FAILED" = 0 ] || echo "$SCREEN" | sed 's/^/# | /'
done_testing
