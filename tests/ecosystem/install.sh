#!/bin/sh
# make install DESTDIR=... puts the program, both man pages and the bash completion in place,
# the installed program runs, and make uninstall leaves no file behind.
. "$TESTS_SRCDIR/lib.sh"
BUILD=$(dirname "$TIDINGS")
STAGE="$T_DIR/stage"
MAKE=${MAKE:-make}

# The test runs inside make check: a make of its own must not inherit the jobserver or flags.
unset MAKEFLAGS MFLAGS MAKELEVEL
vars() { "$MAKE" -s -C "$BUILD" -f - print <<'MK'
include Makefile
print:
	@echo "$(prefix) $(bindir) $(man1dir) $(man5dir) $(BASH_COMPLETION_DIR)"
MK
}
set -- $(vars)
PREFIX=$1 BINDIR=$2 MAN1=$3 MAN5=$4 BASHCOMP=$5

"$MAKE" -s -C "$BUILD" install DESTDIR="$STAGE" >"$T_DIR/install.log" 2>&1
RC=$?
ok $RC "make install DESTDIR=... succeeds"
[ $RC -eq 0 ] || sed 's/^/# /' "$T_DIR/install.log" | tail -20
check "the program is installed" test -x "$STAGE$BINDIR/tidings"
check "tidings.1 is installed" test -f "$STAGE$MAN1/tidings.1"
check "tidings.conf.5 is installed" test -f "$STAGE$MAN5/tidings.conf.5"
check "the bash completion is installed" test -f "$STAGE$BASHCOMP/tidings"
OUT=$("$STAGE$BINDIR/tidings" --version 2>&1)
contains "$OUT" "tidings " "the installed program runs"
is "$(find "$STAGE" -type f | sed "s|^$STAGE||" | grep -v "^$PREFIX/")" "" \
	"every file is installed under the prefix"

"$MAKE" -s -C "$BUILD" uninstall DESTDIR="$STAGE" >"$T_DIR/uninstall.log" 2>&1
ok $? "make uninstall DESTDIR=... succeeds"
is "$(find "$STAGE" -type f -o -type l | head -5)" "" "make uninstall leaves no file behind"

# The release tarball holds every local file the README links to (BENCHMARKS.md was missing).
DISTFILES=$("$MAKE" -s -C "$BUILD" -f - print-dist <<'MK'
include Makefile
print-dist:
	@echo $(DISTFILES)
MK
)
SRC="$TESTS_SRCDIR/.."
for f in $(sed -n 's/.*](\([A-Za-z0-9_./-]*\)).*/\1/p' "$SRC/README.md" | grep -v '^http' | sort -u); do
	[ -f "$SRC/$f" ] || continue
	contains " $DISTFILES " " $f " "the tarball has $f, which the README links to"
done

done_testing
