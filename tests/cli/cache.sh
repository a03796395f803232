#!/bin/sh
# The cache file: created on first use, and never overwritten when it is not ours.
. "$TESTS_SRCDIR/lib.sh"

td feeds
is "$RC" 0 "feeds works on a new cache"
check "the cache is created in the data directory" test -f "$DATA/cache.db"
VERSION=$(sqlite3 "$DATA/cache.db" 'PRAGMA user_version' 2>/dev/null || echo none)
if command -v sqlite3 >/dev/null; then
	is "$VERSION" 12 "the new cache has the current schema version"
	is "$(sqlite3 "$DATA/cache.db" 'PRAGMA journal_mode')" wal "the cache is in WAL mode"
fi

rm -f "$DATA"/cache.db*
printf 'not a database at all\n' >"$DATA/cache.db"
BEFORE=$(cksum <"$DATA/cache.db")
td feeds
is "$RC" 1 "a non-SQLite cache.db is an error"
contains "$ERR" "not a tidings cache" "the error says what is wrong"
is "$(cksum <"$DATA/cache.db")" "$BEFORE" "the file is left untouched"

# A cache SQLite can open but whose pages are damaged: `tidings check` (which reads the whole
# file; a plain command checks only after an unclean shutdown) names SQLite's finding.
rm -f "$DATA"/cache.db*
td feeds
python3 - "$DATA/cache.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA journal_mode = DELETE")
db.close()
with open(sys.argv[1], "r+b") as f:
    f.seek(4096)  # page 2, the feeds table: an invalid b-tree page type
    f.write(b"\x07")
PY
td check
is "$RC" 1 "a cache with a damaged page is an error"
contains "$ERR" "is corrupt (*** in database main *** Page 2" "it names the damaged page"
lacks "$ERR" "not an error" "and never says \"not an error\""

done_testing
