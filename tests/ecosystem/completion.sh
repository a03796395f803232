#!/bin/sh
# Bash completion: commands and options come from the program's own help.
. "$TESTS_SRCDIR/lib.sh"
COMPLETION="$TESTS_SRCDIR/../completion/tidings"

if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP bash is not installed"
	exit 0
fi
mkdir -p "$T_DIR/bin"
ln -s "$TIDINGS" "$T_DIR/bin/tidings"
printf 'https://a.example/feed news\n# comment\nhttps://b.example/rss\n' >"$CONF/feeds"
: >"$T_DIR/subs.opml"
: >"$T_DIR/notes.txt"

# complete WORDS...: the completions offered for the last word, one per line.
complete_words() {
	PATH="$T_DIR/bin:$PATH" bash -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_tidings
		printf "%s\n" "${COMPREPLY[@]}" | sort' sh "$COMPLETION" "$@"
}

is "$(bash -n "$COMPLETION" && echo ok)" ok "the completion script is valid bash"
OUT=$(complete_words tidings "")
contains "$OUT" "import" "commands are completed"
contains "$OUT" "export" "every command, from tidings --help"
is "$(complete_words tidings exp)" "export" "a command prefix is completed"
is "$(complete_words tidings --ve)" "--version" "global options are completed"
is "$(complete_words tidings import --fr)" "--from-newsboat" "command options come from its usage"
is "$(complete_words tidings help fe)" "feeds" "help completes command names"
is "$(complete_words tidings import "$T_DIR/s")" "$T_DIR/subs.opml" "import completes OPML files"
is "$(complete_words tidings --config "$CONF" remove https)" "https://a.example/feed
https://b.example/rss" "remove completes subscribed URLs from the feeds file"

done_testing
