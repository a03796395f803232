# Builds a reader test cache: the schema from tidings itself, the rows with SQL.
# Sourced after lib.sh.

# Creates the cache through tidings (so that the schema is the real one).
cache_create() {
	td feeds >/dev/null
	[ -f "$DATA/cache.db" ] || { echo "Bail out! tidings did not create the cache"; exit 1; }
}

sql_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }

CACHE_SQL="$T_DIR/cache.sql"
: >"$CACHE_SQL"

# Runs the rows added so far in one transaction, then has tidings index them for search (the
# index uses tidings' own tokenizer, which the sqlite3 shell does not have).
cache_flush() {
	{ echo "BEGIN;"; cat "$CACHE_SQL"; echo "COMMIT;"; } | db
	: >"$CACHE_SQL"
	"$TIDINGS" --config "$CONF" --data "$DATA" check >/dev/null
}

add_feed() { # add_feed ID URL TITLE
	echo "INSERT INTO feeds(id, url, title) VALUES ($1, $(sql_quote "$2"), $(sql_quote "$3"));" >>"$CACHE_SQL"
}

# add_item ID FEED TIME TITLE BODY: an unread item, queued for the search index.
add_item() {
	echo "INSERT INTO items(id, feed_id, guid, link, title, content, published, sort_time,
		first_seen) VALUES ($1, $2, 'g$1', 'http://127.0.0.1:9/item/$1', $(sql_quote "$4"),
		$(sql_quote "$5"), $3, $3, $3);
	    INSERT INTO fts_pending(id) VALUES ($1);" >>"$CACHE_SQL"
}
