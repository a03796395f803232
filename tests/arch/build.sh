#!/bin/sh
# The build keeps to what the user asked: `make install` with a prefix writes only under it
# (the bash completion included), and `./configure CFLAGS=... LDFLAGS=... --enable-sanitizers`
# adds its flags to the user's instead of replacing them.
. "$TESTS_SRCDIR/lib.sh"
BUILD=$(cd "$(dirname "$TIDINGS")" && pwd)
SRCDIR=$(cd "$TESTS_SRCDIR/.." && pwd)
MAKE=${MAKE:-make}
# The test runs inside make check: a make of its own must not inherit the jobserver or flags.
unset MAKEFLAGS MFLAGS MAKELEVEL

# make install with another prefix: every file lands under it.
PREFIX="$T_DIR/x"
"$MAKE" -s -C "$BUILD" install prefix="$PREFIX" >"$T_DIR/install.log" 2>&1
RC=$?
ok $RC "make install prefix=DIR succeeds"
[ $RC -eq 0 ] || sed 's/^/# /' "$T_DIR/install.log" | tail -20
check "the program is under the prefix" test -x "$PREFIX/bin/tidings"
check "the bash completion is under the prefix" \
	test -f "$PREFIX/share/bash-completion/completions/tidings"
DIRS=$("$MAKE" -s -C "$BUILD" -f - print prefix="$PREFIX" <<'MK'
include Makefile
print:
	@for d in "$(bindir)" "$(man1dir)" "$(man5dir)" "$(bashcompletiondir)"; do echo "$$d"; done
MK
)
is "$(printf '%s\n' "$DIRS" | grep -v "^$PREFIX/")" "" \
	"every installation directory follows the prefix"
"$MAKE" -s -C "$BUILD" uninstall prefix="$PREFIX" >/dev/null 2>&1
is "$(find "$PREFIX" -type f | head -5)" "" "make uninstall prefix=DIR removes them again"

# configure keeps the user's flags; the sanitizer flags come beside them, before them on the
# command line, so that the user's -O1 is the one in force.
mkdir "$T_DIR/conf"
(cd "$T_DIR/conf" && "$SRCDIR/configure" -q CFLAGS=-O1 LDFLAGS=-Wl,-z,now \
	--enable-sanitizers) >"$T_DIR/configure.log" 2>&1
RC=$?
ok $RC "configure CFLAGS=-O1 --enable-sanitizers succeeds"
[ $RC -eq 0 ] || sed 's/^/# /' "$T_DIR/configure.log" | tail -20
var() { sed -n "s/^$1 = //p" "$T_DIR/conf/Makefile"; }
is "$(var CFLAGS)" "-O1" "CFLAGS stays -O1"
is "$(var LDFLAGS)" "-Wl,-z,now" "LDFLAGS stays as given"
contains "$(var SAN_CFLAGS)" "-fsanitize=address,undefined" "the sanitizers are on for compiling"
contains "$(var SAN_LDFLAGS)" "-fsanitize=address,undefined" "and for linking"
LINE=$("$MAKE" -n -C "$T_DIR/conf" src/core/util.o 2>/dev/null | grep -- '-c -o src/core/util.o')
case "$LINE" in
*-fsanitize=address*-O1*) ok 0 "a compile line has the sanitizers, then the user's -O1" ;;
*) ok 1 "a compile line has the sanitizers, then the user's -O1"; echo "# $LINE" ;;
esac

done_testing
