#!/bin/sh
# The filter language against newsboat 2.21 itself. newsboat fetches, in one run, a copy of
# the two test feeds per expression, each copy with `ignore-article COPY-URL EXPRESSION` in
# download mode, so that the articles it leaves out of a copy are the ones the expression
# selects; tidings lists the same two feeds with `list --filter EXPRESSION`. Both must select
# the same articles. Expressions newsboat refuses are tried one by one, and tidings must
# refuse them too, naming the column.
. "$TESTS_SRCDIR/lib.sh"
D="$TESTS_SRCDIR/data/filter"

if ! command -v newsboat >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP newsboat or sqlite3 is not installed (apt-get install newsboat sqlite3)"
	exit 0
fi
TZ=UTC
export TZ

mkdir -p "$T_DIR/www" "$T_DIR/nb"
cp "$D/news.xml" "$D/tech.xml" "$T_DIR/www/"
serve_dir "$T_DIR/www"

printf '%s\n' "$BASE/news.xml" "$BASE/tech.xml" >"$CONF/feeds"
td refresh
is "$RC" 0 "tidings fetches the two feeds"

NB="$T_DIR/nb"
# The expression in newsboat's config syntax: a double-quoted string.
nb_quote() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
newsboat_run() {
	rm -f "$NB/cache.db"
	newsboat_reload "$NB/urls" "$NB/cache.db" "$NB/config"
}
# The titles of `list --json` (the test's titles hold no quote, backslash or slash).
titles_of_json() {
	grep -o '"title": *"[^"]*"' | sed 's/^"title": *"//; s/"$//' | LC_ALL=C sort
}

# newsboat knows an article by its guid alone, so each copy gets guids of its own: copy N of
# news.xml is news-N.xml, with ".N" after each guid. Expressions about guids are judged one
# newsboat run each, on the feeds as they are.
copy_feed() { # copy_feed NAME N
	sed -e "s|</guid>|.$2</guid>|" \
		-e "s|<id>\(urn:tech:[0-9]*\)</id>|<id>\1.$2</id>|" \
		"$T_DIR/www/$1.xml" >"$T_DIR/www/$1-$2.xml"
	echo "file://$T_DIR/www/$1-$2.xml" >>"$NB/urls"
}
grep -v -e '^#' -e '^! ' -e '^$' "$D/newsboat-expressions.txt" >"$T_DIR/accepted"
: >"$NB/urls"
printf 'ignore-mode download\n' >"$NB/config"
copy_feed news 0
copy_feed tech 0
n=1
while IFS= read -r expr; do
	case "$expr" in *guid*) n=$((n + 1)) && continue ;; esac
	for f in news tech; do
		copy_feed $f $n
		printf 'ignore-article "file://%s" %s\n' "$T_DIR/www/$f-$n.xml" "$(nb_quote "$expr")" \
			>>"$NB/config"
	done
	n=$((n + 1))
done <"$T_DIR/accepted"
newsboat_run
rc=$?
is "$rc" 0 "newsboat fetches a copy of the feeds per expression"
[ "$rc" -eq 0 ] || sed 's/^/# /' "$T_DIR/nb.log" | head -20
cp "$NB/cache.db" "$T_DIR/copies.db"
kept() { # kept N EXPRESSION: the titles newsboat stored for expression N
	case "${2:-}" in
	*guid*)
		printf 'file://%s\n' "$T_DIR/www/news.xml" "$T_DIR/www/tech.xml" >"$NB/urls"
		printf 'ignore-mode download\nignore-article "*" %s\n' "$(nb_quote "$2")" \
			>"$NB/config"
		newsboat_run
		sqlite3 "$NB/cache.db" "SELECT title FROM rss_item" | LC_ALL=C sort
		;;
	*)
		sqlite3 "$T_DIR/copies.db" "SELECT title FROM rss_item WHERE feedurl IN
			('file://$T_DIR/www/news-$1.xml', 'file://$T_DIR/www/tech-$1.xml')" |
			LC_ALL=C sort
		;;
	esac
}
kept 0 >"$T_DIR/all"
is "$(wc -l <"$T_DIR/all")" 10 "newsboat stores the ten articles of the two feeds"
td list --json
is "$(printf '%s' "$OUT" | titles_of_json)" "$(cat "$T_DIR/all")" \
	"tidings stores the same ten articles"

compared=0
n=1
while IFS= read -r expr; do
	want=$(kept $n "$expr" | LC_ALL=C comm -23 "$T_DIR/all" -)
	n=$((n + 1))
	td list --filter "$expr" --json
	if [ "$RC" -ne 0 ]; then
		ok 1 "tidings accepts what newsboat accepts: $expr"
		echo "# $ERR"
		continue
	fi
	is "$(printf '%s' "$OUT" | titles_of_json)" "$want" "same selection: $expr"
	compared=$((compared + 1))
done <"$T_DIR/accepted"

# Refused ones, one run each: newsboat says so on reading the config or on first use.
printf "file://%s\n" "$T_DIR/www/news.xml" >"$NB/urls"
refused=0
sed -n 's/^! //p' "$D/newsboat-expressions.txt" >"$T_DIR/refused"
while IFS= read -r expr; do
	printf 'ignore-mode download\nignore-article "*" %s\n' "$(nb_quote "$expr")" >"$NB/config"
	newsboat_run
	grep -q -e "couldn't parse filter" -e Exception "$T_DIR/nb.log"
	ok $? "newsboat refuses: $expr"
	td list --filter "$expr"
	is "$RC" 2 "tidings refuses: $expr"
	contains "$ERR" "column" "the error names a column: $expr"
	refused=$((refused + 1))
done <"$T_DIR/refused"
echo "# $compared expressions selected the same articles in both, $refused refused by both"
[ "$compared" -ge 60 ]
ok $? "at least 60 expressions compared"
done_testing
