#!/bin/sh
# Shell completion as a user meets it: TAB pressed in real interactive bash, zsh and fish (in
# tmux, with nothing of the user's configuration), each loading the completion file that
# completion/gen-completion.py writes from the command table. Commands, global options only
# before the command, a command's own options (also after its arguments), feed names (with
# spaces and colons) for --feed, article ids where the usage has ITEM, an option's values.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
SRC=$(cd "$TESTS_SRCDIR/.." && pwd)

mkdir -p "$T_DIR/bin" "$T_DIR/home"
ln -s "$TIDINGS" "$T_DIR/bin/tidings"
# a feed's name is untrusted text: offering it must never run it
printf 'https://a.example/feed news "~Alpha news"\nhttps://b.example/rss\n' >"$CONF/feeds"
printf 'https://c.example/x "~$(touch %s/ran) `touch %s/ran`"\n' "$T_DIR" "$T_DIR" >>"$CONF/feeds"
: >"$T_DIR/subs.opml"
"$TIDINGS" --config "$CONF" --data "$DATA" feeds >/dev/null
db "INSERT INTO feeds(id, url) VALUES (1, 'https://b.example/rss');
	INSERT INTO items(id, feed_id, guid, title, sort_time, first_seen) VALUES (42, 1, 'g', 'T', 1, 1);"
G="--config $CONF --data $DATA"
PROMPT="READY> "

# The shell's command line: the last prompt line, without the prompt.
command_line() { printf '%s\n' "$SCREEN" | grep "^$PROMPT" | tail -n 1 | sed "s/^$PROMPT//"; }
# (the screen has no trailing spaces: nor has what is compared with it)
line_is() { screen && [ "$(command_line)" = "$(printf '%s' "$1" | sed 's/ *$//')" ]; }
# A clean screen holding only an empty prompt.
shell_ready() { screen && [ "$(printf '%s' "$SCREEN" | sed '/^$/d')" = "${PROMPT% }" ]; }

# fresh: drops whatever the line and the screen hold (^C, then clear-screen; clear-screen
# again when the screen stays unclean for 2 s: zsh may drop the keys typed ahead of its
# prompt after a ^C. Not sooner, so that no late clear-screen wipes the next case's list).
fresh() {
	local i=0
	keys C-c
	while [ $i -lt $((WAIT_LIMIT * 20)) ]; do
		[ $((i % 40)) -eq 0 ] && keys C-l
		shell_ready && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "# $SHELL_NAME: the prompt did not come back"
	echo "$SCREEN" | sed 's/^/# | /'
}

# completes TYPED WANT DESCRIPTION: types TYPED, presses TAB once, and checks that the line
# becomes WANT. WANT ending in a space means a finished word: a key typed next starts a new
# one (the screen drops trailing spaces, so that is how it is seen).
completes() {
	fresh
	keys -l "$1"
	keys Tab
	if wait_until line_is "${2% }"; then
		case $2 in *" ")
			keys -l "@"
			wait_until line_is "$2@"
			;;
		esac
	fi
	if [ "$(command_line)" = "$2@" ] || [ "$(command_line)" = "$2" ]; then
		ok 0 "$SHELL_NAME: $3"
	else
		ok 1 "$SHELL_NAME: $3"
		echo "# typed '$1', wanted '$2', the screen shows:"
		echo "$SCREEN" | sed 's/^/# | /'
	fi
}

# lists TYPED DESCRIPTION WANTED... [-- UNWANTED...]: types TYPED, presses TAB as this shell
# needs to list the candidates ($LIST_TABS times), waits for every WANTED word on the screen
# below the command line, then checks that no UNWANTED word is among them.
lists() {
	local typed=$1 what=$2 word missing="" found=""
	shift 2
	fresh
	keys -l "$typed"
	wait_until line_is "$typed"
	for _ in $(seq "$LIST_TABS"); do keys Tab; done
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		wait_until listed "$1" || missing="$missing $1"
		shift
	done
	[ $# -gt 0 ] && shift
	for word in "$@"; do
		listed "$word" && found="$found $word"
	done
	if [ -z "$missing$found" ]; then
		ok 0 "$SHELL_NAME: $what"
	else
		ok 1 "$SHELL_NAME: $what"
		[ -n "$missing" ] && echo "# not offered:$missing"
		[ -n "$found" ] && echo "# offered but should not be:$found"
		echo "$SCREEN" | sed 's/^/# | /'
	fi
}
# Whether WORD is offered: a whole word on a line below the command line.
listed() {
	screen
	printf '%s\n' "$SCREEN" | sed "0,/^$PROMPT/d" | tr -s ' \t' '\n\n' | grep -qxF -- "$1"
}

# The same checks in every shell.
run_checks() {
	completes "tidings exp" "tidings export " "a command name is completed"
	lists "tidings " "TAB after tidings lists the commands" search downloads vacuum mark
	lists "tidings --" "before the command, the global options" --config --data --version
	completes "tidings list --fe" "tidings list --feed " "a command's option is completed"
	lists "tidings list --" "after the command, its own options and no global ones" \
		--feed --limit --unread --json -- --config --data --version
	completes "tidings show 42 --fo" "tidings show 42 --format " \
		"options are completed after the arguments too"
	completes "tidings show --format m" "tidings show --format markdown " "an option's values"
	completes "tidings help fe" "tidings help feeds " "help completes command names"
	lists "tidings $G list --feed " "--feed offers the feeds by name" "Alpha" "https://b.example/rss" \
		'$(touch'
	check "$SHELL_NAME: a feed name is offered, never run" test ! -e "$T_DIR/ran"
	completes "tidings $G list --feed Al" "tidings $G list --feed Alpha\\ news " \
		"a feed name with a space is completed as one word"
	completes "tidings $G list --feed Alpha\\ n" "tidings $G list --feed Alpha\\ news " \
		"and from a part typed with its space escaped"
	completes "tidings $G list --feed https://b" "tidings $G list --feed https://b.example/rss " \
		"a feed URL (with its colon) is completed"
	completes "tidings $G mark --feed https://b" "tidings $G mark --feed https://b.example/rss " \
		"mark --feed too"
	completes "tidings $G refresh Al" "tidings $G refresh Alpha\\ news " "refresh offers feed names"
	completes "tidings $G show " "tidings $G show 42 " "show offers article ids"
	completes "tidings $G save " "tidings $G save 42 " "save offers article ids"
	completes "tidings $G delete " "tidings $G delete 42 " "delete offers article ids"
	lists "tidings $G mark " "mark offers what to mark" read unread saved unsaved
	completes "tidings $G mark read " "tidings $G mark read 42 " "then article ids"
	completes "tidings $G exp" "tidings $G export " "commands after the global options"
	completes "tidings import $T_DIR/su" "tidings import $T_DIR/subs.opml " "import completes files"
}

# start_shell NAME COMMAND [SETUP]: the shell in the tmux session the helpers use; SETUP is
# typed at its first prompt. Returns 1 when no prompt of ours comes.
start_shell() {
	SHELL_NAME=$1
	tm kill-session -t ui 2>/dev/null
	tm new-session -d -s ui -x 230 -y 50 "$2"
	tm set-option -t ui window-size manual 2>/dev/null
	if [ -n "${3:-}" ]; then
		wait_until screen_shows_something
		keys -l "$3"
		keys Enter
	fi
	wait_for "${PROMPT% }" && return 0
	ok 1 "$SHELL_NAME: starts with the completion loaded"
	echo "$SCREEN" | sed 's/^/# | /'
	return 1
}
screen_shows_something() { screen && [ -n "$(printf '%s' "$SCREEN" | tr -d ' \n')" ]; }
# A clean environment: the test's tidings first on PATH, a home of its own.
ENV="env -i HOME=$T_DIR/home PATH=$T_DIR/bin:$PATH TERM=screen LC_ALL=C.UTF-8"

# COMPLETION_SHELLS names fewer shells, for working on one
SHELLS=${COMPLETION_SHELLS:-bash zsh fish}
wanted() { case " $SHELLS " in *" $1 "*) command -v "$1" >/dev/null 2>&1 ;; *) return 1 ;; esac; }

if wanted bash; then
	printf 'PS1=%s\n. %s/completion/tidings\n' "'$PROMPT'" "$SRC" >"$T_DIR/bashrc"
	LIST_TABS=2 # the first TAB on an ambiguous word only rings the bell
	start_shell bash "$ENV bash --noprofile --rcfile $T_DIR/bashrc -i" && run_checks
else
	echo "# bash is not installed (or not asked for): its checks are skipped"
fi

if wanted zsh; then
	LIST_TABS=1
	start_shell zsh "$ENV zsh -f" \
		"fpath=($SRC/completion \$fpath); autoload -Uz compinit; compinit -u -D; PS1='${PROMPT%> }''> '" &&
		run_checks
else
	echo "# zsh is not installed (or not asked for): its checks are skipped"
fi

if wanted fish; then
	LIST_TABS=1
	start_shell fish "$ENV XDG_CONFIG_HOME=$T_DIR/home/fc XDG_DATA_HOME=$T_DIR/home/fd fish --no-config" \
		"set -g fish_autosuggestion_enabled 0; function fish_prompt; printf '${PROMPT%> }''> '; end; source $SRC/completion/tidings.fish" &&
		run_checks
else
	echo "# fish is not installed (or not asked for): its checks are skipped"
fi

done_testing
