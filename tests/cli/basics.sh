#!/bin/sh
# The command line itself: help, version, usage errors and their exit statuses.
. "$TESTS_SRCDIR/lib.sh"

td --help
is "$RC" 0 "--help exits 0"
contains "$OUT" "Commands:" "--help lists commands"
contains "$OUT" "config" "--help names the config command"

td --version
is "$RC" 0 "--version exits 0"
contains "$OUT" "tidings " "--version prints the name and version"

td help feeds
is "$RC" 0 "help COMMAND exits 0"
contains "$OUT" "usage: tidings" "help COMMAND prints usage"

td frobnicate
is "$RC" 2 "an unknown command exits 2"
contains "$ERR" "usage:" "an unknown command prints usage to stderr"
is "$OUT" "" "an unknown command prints nothing to stdout"

td --no-such-option
is "$RC" 2 "an unknown global option exits 2"

td config --bogus
is "$RC" 2 "an unknown command option exits 2"
contains "$ERR" "usage: tidings" "an unknown command option prints the command's usage"

td help no-such-command
is "$RC" 2 "help for an unknown command exits 2"

ESC=$(printf '\033')
td "bad${ESC}[31mcommand"
lacks "$ERR" "$ESC" "an error message never echoes an escape character"

done_testing
