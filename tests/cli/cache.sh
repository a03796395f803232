#!/bin/sh
# The cache file: created on first use, and never overwritten when it is not ours.
. "$TESTS_SRCDIR/lib.sh"

td feeds
is "$RC" 0 "feeds works on a new cache"
check "the cache is created in the data directory" test -f "$DATA/cache.db"
VERSION=$(sqlite3 "$DATA/cache.db" 'PRAGMA user_version' 2>/dev/null || echo none)
if command -v sqlite3 >/dev/null; then
	is "$VERSION" 7 "the new cache has the current schema version"
	is "$(sqlite3 "$DATA/cache.db" 'PRAGMA journal_mode')" wal "the cache is in WAL mode"
fi

rm -f "$DATA"/cache.db*
printf 'not a database at all\n' >"$DATA/cache.db"
BEFORE=$(cksum <"$DATA/cache.db")
td feeds
is "$RC" 1 "a non-SQLite cache.db is an error"
contains "$ERR" "not a tidings cache" "the error says what is wrong"
is "$(cksum <"$DATA/cache.db")" "$BEFORE" "the file is left untouched"

done_testing
