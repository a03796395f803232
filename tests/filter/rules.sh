#!/bin/sh
# The rules file ($XDG_CONFIG_HOME/tidings/rules, newsboat's syntax): ignore-article drops
# articles at refresh (ignore-mode download) and `list --ignored` shows them, or hides them
# from lists (ignore-mode display); mistakes are reported as rules:LINE:COLUMN.
. "$TESTS_SRCDIR/lib.sh"
D="$TESTS_SRCDIR/data/filter"

cp "$D/news.xml" "$D/tech.xml" "$T_DIR/"
NEWS="file://$T_DIR/news.xml"
TECH="file://$T_DIR/tech.xml"
printf '%s news\n%s tech\n' "$NEWS" "$TECH" >"$CONF/feeds"

# Download mode (the default): dropped before they are stored.
cat >"$CONF/rules" <<EOF2
# pasted from newsboat's config
ignore-article "*" "title =~ \\"^sponsored\\""
ignore-article $TECH "title =~ \\"apple\\""
ignore-article $TECH "tags # \\"news\\""
define-filter "Fresh news" "tags # \\"news\\" and unread = \\"yes\\""
highlight-article "title =~ \\"release\\"" yellow default bold
EOF2
td refresh
is "$RC" 0 "refresh with a rules file"
contains "$OUT$ERR" "8 new items" "the dropped articles are not stored (10 - 2)"
td list
lacks "$OUT" "Sponsored: buy a blender" "a \"*\" rule drops from every feed"
lacks "$OUT" "apple silicon" "a feed's rule drops from that feed"
contains "$OUT" "Apple pie recipe" "and only from that feed"
td list --ignored
is "$RC" 0 "list --ignored"
is "$(printf '%s\n' "$OUT" | wc -l)" 2 "lists the two dropped articles"
contains "$OUT" "rules:2    " "with the line of the rule that dropped each"
contains "$OUT" "Sponsored: buy a blender  (Daily News)" "its title and feed"
contains "$OUT" "rules:3" "and the other rule's line"
td list --ignored --json
contains "$OUT" '"title": "apple silicon and Linux"' "--json too"
contains "$OUT" '"rule": 3' "with the rule's line"
td list --ignored --unread
is "$RC" 2 "--ignored with another option is a usage error"

# A second refresh replaces what was dropped, and nothing dropped comes back.
sed -i '/tech.xml "title/d' "$CONF/rules"
td refresh
td list
contains "$OUT" "apple silicon" "a rule removed: the article is stored at the next refresh"
td list --ignored
is "$(printf '%s\n' "$OUT" | wc -l)" 1 "what was dropped last is what list --ignored shows"

# Display mode: stored, hidden from lists and views.
printf 'ignore-mode display\nignore-article "*" "title =~ \\"pie|banana\\""\n' >"$CONF/rules"
td refresh
td list
lacks "$OUT" "Apple pie recipe" "display mode hides the articles from list"
lacks "$OUT" "banana split" "every one of them"
contains "$OUT" "Cherry season opens" "and only them"
printf '"query:All news:tags # \\"news\\""\n' >>"$CONF/feeds"
td feeds
contains "$OUT" "5/5     All news" "a query view's counts leave hidden articles out"
contains "$OUT" "a view: counted from the cache, never fetched" "a query view is not said to be unfetched"
printf 'ignore-mode download\n' >"$CONF/rules"
td list
contains "$OUT" "Apple pie recipe" "without the rule they show again (they were stored)"

# Mistakes: rules:LINE:COLUMN: message, and nothing runs.
check_error() { # check_error RULES EXPECTED DESCRIPTION
	printf '%s\n' "$1" >"$CONF/rules"
	td list
	is "$RC" 2 "$3: exit 2"
	contains "$ERR" "$2" "$3"
}
check_error '# comment
ignore-article "*" "title =~ \"a\" and foo = \"b\""' \
	'rules:2:40: unknown attribute "foo"' "an unknown attribute, column in the line"
check_error 'ignore-article "*" "title \"a\""' 'rules:1:27:' "a missing operator"
check_error 'ignore-mode never' \
	'rules:1:13: ignore-mode is download or display, not "never"' "a wrong mode"
check_error 'ignore-article "*"' \
	'rules:1:1: usage: ignore-article FEED-URL-or-* EXPRESSION' "a missing expression"
check_error 'highlight-article "unread = \"yes\"" red' 'rules:1:1: usage: highlight-article' \
	"a highlight without a background"
check_error 'define-filter a "unread = \"yes\""
define-filter a "unread = \"no\""' 'rules:2:15: filter "a" is defined on line 1 already' \
	"a filter defined twice"
check_error 'ignore-article "*" "title = \"a\"' 'rules:1:20: the quoted word does not end' \
	"an unterminated quote"
check_error 'bind-key j down' 'rules:1:1: unknown rule "bind-key"' "a line of another kind"
td refresh
is "$RC" 2 "refresh refuses a wrong rules file too"
contains "$ERR" "rules:1:1:" "saying where"

# A newsboat config line that does not map is quoted back, and so are the words of it that
# the reason names: neither carries a control sequence to the terminal.
rm -f "$CONF/rules"
mkdir -p "$T_DIR/nb"
echo "http://127.0.0.1:9/x.xml" >"$T_DIR/nb/urls"
printf 'bind-key \033]0;pwned\007 down\nfoo\033[31m bar\n' >"$T_DIR/nb/config"
td import --from-newsboat "$T_DIR/nb"
contains "$ERR" "config:2: not moved: foo[31m bar (tidings has no setting foo[31m)" \
	"an unmapped newsboat line and its reason are quoted"
lacks "$ERR" "$(printf '\033')" "without an escape byte"
lacks "$ERR" "$(printf '\007')" "or a bell"

done_testing
