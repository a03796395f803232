#!/bin/sh
# The man pages: they render without a warning, their generated sections match the program's
# tables, and every command, option, setting, environment variable and exit status is in them.
. "$TESTS_SRCDIR/lib.sh"
SRC="$TESTS_SRCDIR/.."
PAGE1="$SRC/man/tidings.1"
PAGE5="$SRC/man/tidings.conf.5"

OUT=$(python3 "$SRC/man/gen-man.py" --check "$SRC" 2>&1)
ok $? "the generated sections match the tables (settings.def, actions.def, colors.def)"
[ -n "$OUT" ] && echo "# $OUT"

for page in "$PAGE1" "$PAGE5"; do
	name=$(basename "$page")
	WARN=$(groff -ww -man -Tutf8 "$page" 2>&1 >/dev/null)
	is "$WARN" "" "groff -ww renders $name without a warning"
	if command -v man >/dev/null 2>&1; then
		WARN=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
		is "$WARN" "" "man -l renders $name without a warning"
	fi
done

# Plain text, no hyphenation, long lines: so that each name stands whole on its line.
render() { groff -man -Tutf8 -rHY=0 -rLL=250n -P-cbou "$1" 2>/dev/null; }
# The lines of one section (from its heading to the next one).
section() { render "$1" | awk -v s="$2" '/^[A-Z]/ { on = ($0 == s) } on'; }
TEXT1=$(render "$PAGE1")
TEXT5=$(render "$PAGE5")

COMMANDS=$(section "$PAGE1" COMMANDS)
for cmd in $(sed -n 's/^COMMAND("\([a-z-]*\)".*/\1/p' "$SRC/src/cli/commands.def"); do
	if printf '%s\n' "$COMMANDS" | grep -Eq "^       $cmd( |\$)"; then
		ok 0 "tidings.1 documents the command $cmd"
	else
		ok 1 "tidings.1 documents the command $cmd"
		echo "# add a .TP entry for '$cmd' to the COMMANDS section of man/tidings.1"
	fi
done

# Long options: the global ones in main.c, and those in every command's usage.
OPTS=$( (sed -n 's/^[[:space:]]*{"\([a-z-]*\)", [a-z_]*_argument.*/\1/p' "$SRC/src/cli/main.c"
	grep -o -- '--[a-z][a-z-]*' "$SRC/src/cli/commands.def" | sed 's/^--//') | sort -u)
for opt in $OPTS; do
	contains "$TEXT1" "--$opt" "tidings.1 documents the option --$opt"
done

SETTINGS=$(section "$PAGE5" SETTINGS)
for s in $(sed -n 's/^SETTING([a-z_]*, "\([a-z.-]*\)".*/\1/p' "$SRC/src/config/settings.def"); do
	contains "$SETTINGS" "       $s" "tidings.conf.5 documents the setting $s"
done

# Environment variables the program reads, and those it honours through libcurl.
ENVIRONMENT=$(section "$PAGE1" ENVIRONMENT)
VARS=$( (grep -rhoE 'getenv\("[A-Za-z_]+"\)' "$SRC/src" | sed 's/getenv("\(.*\)")/\1/'
	grep -rhoE '"XDG_[A-Z_]+"' "$SRC/src" | tr -d '"'
	echo NO_COLOR BROWSER http_proxy https_proxy no_proxy HOME) | tr ' ' '\n' | sort -u)
for v in $VARS; do
	contains "$ENVIRONMENT" "$v" "tidings.1 documents the environment variable $v"
done

EXITS=$(section "$PAGE1" "EXIT STATUS")
for n in $(sed -n 's/^[[:space:]]*EXIT_[A-Z]* = \([0-9]*\),.*/\1/p' "$SRC/src/cli/cli.h"); do
	contains "$EXITS" "       $n" "tidings.1 documents the exit status $n"
done

for s in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS FILES ENVIRONMENT "EXIT STATUS" \
	EXAMPLES "SEE ALSO"; do
	contains "$TEXT1" "
$s
" "tidings.1 has the section $s"
done
for s in NAME SYNOPSIS DESCRIPTION SETTINGS EXAMPLE FILES "SEE ALSO"; do
	contains "$TEXT5" "
$s
" "tidings.conf.5 has the section $s"
done

# The example configuration in tidings.conf.5 is one that tidings accepts.
sed -n '/^\.SH EXAMPLE/,/^\.fi/p' "$PAGE5" | sed '1,2d;$d' | sed 's/\\-/-/g; s/\\e/\\/g' \
	>"$CONF/config"
td config
is "$RC" 0 "the example in tidings.conf.5 is a valid configuration"
contains "$OUT" "refresh-interval = 30" "and it sets what it says"

# GNU style --help and --version.
td --version
is "$(printf '%s\n' "$OUT" | head -1)" "tidings $(sed -n 's/^AC_INIT(\[tidings\], \[\([^]]*\)\].*/\1/p' \
	"$SRC/configure.ac")" "--version starts with the name and version"
contains "$OUT" "License" "--version names the licence"
td --help
for cmd in $(sed -n 's/^COMMAND("\([a-z-]*\)".*/\1/p' "$SRC/src/cli/commands.def"); do
	contains "$OUT" "  $cmd " "--help lists $cmd"
done

# Each command is described once, and mandoc finds nothing to warn about.
for cmd in $(sed -n 's/^COMMAND("\([a-z-]*\)".*/\1/p' "$SRC/src/cli/commands.def"); do
	# the tag line of each .TP entry
	n=$(awk 'prev == ".TP" { print } { prev = $0 }' "$SRC/man/tidings.1" |
		grep -c "^\.BI\{0,1\} \"\{0,1\}$cmd\($\|[ \"]\)")
	[ "$cmd" = import ] && n=$((n - 1)) # import FILE and import --from-newsboat
	is "$n" 1 "tidings.1 describes $cmd once"
done
if command -v mandoc >/dev/null 2>&1; then
	is "$(mandoc -T lint -W warning "$SRC/man/tidings.1" "$SRC/man/tidings.conf.5" 2>&1)" "" \
		"mandoc -T lint finds no warning in the man pages"
fi

done_testing
