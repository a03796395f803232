#!/bin/sh
# scripts/deps: the demo's set is only what building and running needs; a busy apt is waited
# for and then explained. apt-get and dpkg-query are stand-ins that record what they are asked.
. "$TESTS_SRCDIR/lib.sh"
DEPS="$TESTS_SRCDIR/../scripts/deps"

FAKE="$T_DIR/bin"
mkdir -p "$FAKE"
# nothing is installed
printf '#!/bin/sh\nexit 1\n' >"$FAKE/dpkg-query"
# apt-get: "locked" while $T_DIR/locks holds a count above 0, else records its arguments
cat >"$FAKE/apt-get" <<FAKEAPT
#!/bin/sh
n=\$(cat "$T_DIR/locks" 2>/dev/null || echo 0)
if [ "\$n" -gt 0 ]; then
	echo \$((n - 1)) >"$T_DIR/locks"
	echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 42 (apt)" >&2
	exit 100
fi
echo "\$*" >>"$T_DIR/apt.log"
FAKEAPT
printf '#!/bin/sh\necho 0\n' >"$FAKE/id"
printf '#!/bin/sh\nexec "$@"\n' >"$FAKE/sudo"
chmod +x "$FAKE"/*
deps() { OUT=$(PATH="$FAKE:$PATH" sh "$DEPS" "$@" 2>&1); RC=$?; }

deps build
is "$RC" 0 "scripts/deps build succeeds"
INSTALL=$(grep ' install ' "$T_DIR/apt.log")
contains "$INSTALL" "gcc" "it installs the compiler"
contains "$INSTALL" "libncurses-dev" "and the libraries"
for p in clang newsboat nginx libcmocka-dev tmux; do
	lacks "$INSTALL" " $p" "but not the test tool $p"
done

: >"$T_DIR/apt.log"
deps
contains "$(grep ' install ' "$T_DIR/apt.log")" "clang" "scripts/deps alone installs the test tools too"
contains "$(grep ' install ' "$T_DIR/apt.log")" "mandoc" "mandoc among them"

# apt busy for one try, then free: waited for
: >"$T_DIR/apt.log"
echo 1 >"$T_DIR/locks"
TIDINGS_APT_WAIT=2
export TIDINGS_APT_WAIT
deps build
is "$RC" 0 "a busy apt is waited for"
contains "$OUT" "apt is busy" "and the wait is said"
contains "$(cat "$T_DIR/apt.log")" "install" "the packages are installed once it is free"

# apt busy for longer than the wait: a clear message
echo 1000 >"$T_DIR/locks"
TIDINGS_APT_WAIT=0
deps build
is "$RC" 1 "apt busy for too long fails"
contains "$OUT" "apt is still busy" "saying apt is busy"
contains "$OUT" "apt-get install" "and what to run instead"

deps nonsense
is "$RC" 2 "an unknown set is a usage error"

done_testing
