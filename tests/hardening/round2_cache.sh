#!/bin/sh
# A cache that cannot be written is reported by its real cause, never as "not a tidings
# cache ... Move it away" (which would throw away every read and saved mark): a data
# directory the user may not write (run as nobody, so that it holds as root), and a full
# disk (a small tmpfs in a mount namespace of the test's own), both for a new cache and for
# one that exists, at open and during a refresh. No stray -shm file is left behind.
. "$TESTS_SRCDIR/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 is not installed"; exit 0; }

# --- a data directory that is not writable
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	chmod 755 "$T_DIR" "$CONF" "$DATA"
	as_nobody() {
		OUT=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$TIDINGS" \
			--config "$CONF" --data "$DATA" "$@" 2>"$T_DIR/stderr")
		RC=$?
		ERR=$(cat "$T_DIR/stderr")
	}
	as_nobody feeds
	is "$RC" 1 "a new cache in a directory not writable: an error"
	contains "$ERR" "not writable" "it says the directory is not writable"
	lacks "$ERR" "Move it away" "it does not advise moving anything"
	td feeds # root makes the cache
	as_nobody feeds
	is "$RC" 1 "an existing cache that cannot be written: an error"
	contains "$ERR" "permission" "it names the permission"
	lacks "$ERR" "not a tidings cache" "it does not call the cache foreign"
	lacks "$ERR" "Move it away" "it does not advise moving the cache away"
	is "$(ls "$DATA")" "cache.db" "no stray -shm or -wal file"
else
	for i in 1 2 3 4 5 6 7 8; do ok 0 "# SKIP needs root and setpriv"; done
fi

# --- a full disk: the test mounts a 1 MiB tmpfs in a mount namespace of its own
FULL="$T_DIR/full"
mkdir -p "$FULL"
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Many</title>\n")
    for i in range(3000):
        f.write("<item><title>Item %d with some words</title><guid>g%d</guid>"
                "<description>%s</description></item>\n" % (i, i, "text " * 20))
    f.write("</channel></rss>\n")' "$T_DIR/many.xml"
echo "file://$T_DIR/many.xml" >"$CONF/feeds"
cat >"$T_DIR/full.sh" <<EOF
mount -t tmpfs -o size=1m none "$FULL" || exit 77
T="$TIDINGS --config $CONF --data $FULL"
dd if=/dev/zero of="$FULL/filler" bs=4k 2>/dev/null
echo "== new"; \$T feeds 2>&1; echo "rc=\$?"; ls "$FULL" | tr '\n' ' '; echo
rm "$FULL/filler"
\$T feeds >/dev/null 2>&1
avail=\$(df --output=avail -B1 "$FULL" | tail -n 1)
dd if=/dev/zero of="$FULL/filler" bs=1k count=\$(( (avail - 150000) / 1024 )) 2>/dev/null
echo "== refresh"; \$T refresh 2>&1; echo "rc=\$?"
dd if=/dev/zero of="$FULL/filler2" bs=4k 2>/dev/null
echo "== existing"; \$T feeds 2>&1; echo "rc=\$?"; ls "$FULL" | tr '\n' ' '; echo
EOF
unshare -m sh "$T_DIR/full.sh" >"$T_DIR/full.out" 2>&1
if [ $? = 77 ]; then
	for i in 1 2 3 4 5 6 7 8 9; do ok 0 "# SKIP cannot mount a tmpfs here"; done
	done_testing
	exit
fi
section() { sed -n "/^== $1/,/^rc=/p" "$T_DIR/full.out"; }
NEW=$(section new)
contains "$NEW" "rc=1" "a new cache on a full disk: an error"
contains "$NEW" "disk is full" "it says the disk is full"
lacks "$NEW" "Move it away" "it does not advise moving anything"
lacks "$(cat "$T_DIR/full.out")" "cache.db-shm" "no stray -shm file is left"
REF=$(section refresh)
contains "$REF" "rc=1" "a refresh that fills the disk fails"
check "and the failure names the full disk" \
	sh -c "printf '%s' \"\$1\" | grep -Eq '(saved|stored): the disk is full'" - "$REF"
lacks "$REF" "refused the feed" "not that the cache refused the feed"
EXIST=$(section existing)
contains "$EXIST" "disk is full" "an existing cache on a full disk: the disk is full"
lacks "$EXIST" "Move it away" "it does not advise moving the cache away"
done_testing
