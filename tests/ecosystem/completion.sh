#!/bin/sh
# Shell completion, generated from the command table (completion/gen-completion.py): bash and
# fish driven as a user's TAB would, zsh read and its value helpers run.
. "$TESTS_SRCDIR/lib.sh"
SRC="$TESTS_SRCDIR/.."
COMPLETION="$SRC/completion/tidings"

check "the completions are generated from src/cli/commands.def" \
	python3 "$SRC/completion/gen-completion.py" --check "$SRC"
mkdir -p "$T_DIR/bin"
ln -s "$TIDINGS" "$T_DIR/bin/tidings"
printf 'https://a.example/feed news "~Alpha news"\n# comment\nhttps://b.example/rss\n' >"$CONF/feeds"
: >"$T_DIR/subs.opml"
# one article, for the ids offered after show
sqlite3 "$DATA/cache.db" 'SELECT 1' >/dev/null 2>&1
"$TIDINGS" --config "$CONF" --data "$DATA" feeds >/dev/null
sqlite3 "$DATA/cache.db" "INSERT INTO feeds(id, url) VALUES (1, 'https://b.example/rss');
	INSERT INTO items(id, feed_id, guid, title, sort_time, first_seen) VALUES (42, 1, 'g', 'T', 1, 1);"
G="--config $CONF --data $DATA"

if command -v bash >/dev/null 2>&1; then
	# complete WORDS...: the completions bash offers for the last word, one per line.
	complete_words() {
		PATH="$T_DIR/bin:$PATH" bash -c '
			. "$1"; shift
			COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
			COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
			_tidings
			printf "%s\n" "${COMPREPLY[@]}" | sort' sh "$COMPLETION" "$@"
	}
	is "$(bash -n "$COMPLETION" && echo ok)" ok "bash: the script is valid"
	OUT=$(complete_words tidings "")
	contains "$OUT" "search" "bash: commands are completed"
	is "$(complete_words tidings exp)" "export" "bash: a command prefix is completed"
	is "$(complete_words tidings --ve)" "--version" "bash: global options before the command"
	OUT=$(complete_words tidings list --)
	contains "$OUT" "--feed" "bash: after the command its own options"
	lacks "$OUT" "--config" "bash: no --config after the command"
	lacks "$OUT" "--data" "bash: no --data after the command"
	is "$(complete_words tidings import --fr)" "--from-newsboat" "bash: options come from the usage"
	is "$(complete_words tidings help fe)" "feeds" "bash: help completes command names"
	# shellcheck disable=SC2086
	is "$(complete_words tidings $G list --feed "")" "Alpha news
https://b.example/rss" "bash: --feed offers feed names"
	# shellcheck disable=SC2086
	is "$(complete_words tidings $G show "")" "42" "bash: show offers article ids"
	is "$(complete_words tidings show --format m)" "markdown" "bash: --format offers its values"
	is "$(complete_words tidings list --limit "")" "" "bash: nothing after --limit"
	is "$(complete_words tidings import "$T_DIR/s")" "$T_DIR/subs.opml" "bash: import completes files"
else
	echo "# bash is not installed: its checks are skipped"
fi

if command -v zsh >/dev/null 2>&1; then
	check "zsh: the script is valid" zsh -n "$SRC/completion/_tidings"
	# its helpers, with _describe showing what it is given
	OUT=$(PATH="$T_DIR/bin:$PATH" zsh -f -c '
		_describe() { print -l -- "${(@P)4}" }
		eval "$(sed "\$d" "$1")"
		_tidings_globals=(--config "$2" --data "$3")
		_tidings_feed; _tidings_item; _tidings_command' sh "$SRC/completion/_tidings" "$CONF" "$DATA")
	contains "$OUT" "Alpha news" "zsh: feed names are offered"
	contains "$OUT" "42" "zsh: article ids are offered"
	contains "$OUT" "search:find cached articles" "zsh: commands with their summaries"
	contains "$(cat "$SRC/completion/_tidings")" "'--feed:value:_tidings_feed'" \
		"zsh: --feed is completed with feed names"
else
	echo "# zsh is not installed: its checks are skipped"
fi

if command -v fish >/dev/null 2>&1; then
	fish_complete() {
		PATH="$T_DIR/bin:$PATH" fish -c 'source $argv[1]; complete -C $argv[2]' \
			"$SRC/completion/tidings.fish" "$1" | cut -f1 | sort
	}
	check "fish: the script is valid" fish -n "$SRC/completion/tidings.fish"
	contains "$(fish_complete "tidings sea")" "search" "fish: commands are completed"
	is "$(fish_complete "tidings $G list --feed ")" "Alpha news
https://b.example/rss" "fish: --feed offers feed names"
	is "$(fish_complete "tidings $G show ")" "42" "fish: show offers article ids"
	is "$(fish_complete "tidings show --format ")" "html
json
markdown
text" "fish: --format offers its values"
	lacks "$(fish_complete "tidings list --")" "--config" "fish: no --config after the command"
else
	echo "# fish is not installed: its checks are skipped"
fi

done_testing
