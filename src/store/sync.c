#include "store/sync.h"
#include "store/internal.h"
#include "core/util.h"
#include "parse/feed.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static int step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

void outbox_entries_free(struct outbox_entry *e, int count)
{
	for (int i = 0; i < count; i++) {
		free(e[i].kind);
		free(e[i].sync_id);
	}
	free(e);
}

static void outbox_entry_read(sqlite3_stmt *st, void *row, void *user)
{
	struct outbox_entry *e = row;

	(void)user;
	e->seq = sqlite3_column_int64(st, 0);
	e->kind = cache_column_text(st, 1);
	e->sync_id = cache_column_text(st, 2);
	e->value = sqlite3_column_int(st, 3);
}

int store_outbox_list(struct cache *c, struct outbox_entry **out, int *count)
{
	sqlite3_stmt *st =
	    cache_prepare(c, "SELECT seq, kind, sync_id, value FROM sync_outbox ORDER BY seq");
	void *v;

	if (cache_read_rows(st, sizeof(**out), outbox_entry_read, NULL, &v, count) != 0) {
		outbox_entries_free(v, *count);
		*out = NULL;
		*count = 0;
		return -1;
	}
	*out = v;
	return 0;
}

int store_outbox_remove(struct cache *c, const int64_t *seqs, const int *values, int count)
{
	sqlite3_stmt *st;
	int rc = 0;

	if (count == 0)
		return 0;
	if (cache_begin(c) != 0)
		return -1;
	st = cache_prepare(c, "DELETE FROM sync_outbox WHERE seq = ?1 AND value = ?2");
	if (!st) {
		cache_rollback(c);
		return -1;
	}
	for (int i = 0; i < count && rc == 0; i++) {
		sqlite3_bind_int64(st, 1, seqs[i]);
		sqlite3_bind_int(st, 2, values[i]);
		rc = step_done(st);
	}
	sqlite3_finalize(st);
	if (rc != 0) {
		cache_rollback(c);
		return -1;
	}
	return cache_commit(c);
}

int store_outbox_count(struct cache *c)
{
	sqlite3_stmt *st = cache_prepare(c, "SELECT count(*) FROM sync_outbox");
	int n = -1;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

char *store_sync_state_get(struct cache *c, const char *key)
{
	sqlite3_stmt *st = cache_prepare(c, "SELECT value FROM sync_state WHERE key = ?1");
	char *v = NULL;

	if (!st)
		return NULL;
	cache_bind_text(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = cache_column_text(st, 0);
	sqlite3_finalize(st);
	return v;
}

int store_sync_state_set(struct cache *c, const char *key, const char *value)
{
	sqlite3_stmt *st =
	    cache_prepare(c, value ? "INSERT OR REPLACE INTO sync_state(key, value) VALUES (?1, ?2)"
	                           : "DELETE FROM sync_state WHERE key = ?1");
	int rc;

	if (!st)
		return -1;
	cache_bind_text(st, 1, key);
	if (value)
		cache_bind_text(st, 2, value);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

int store_sync_begin(struct cache *c)
{
	if (cache_begin(c) != 0)
		return -1;
	if (cache_exec(c, "INSERT OR REPLACE INTO sync_state(key, value) VALUES ('applying', 1)") !=
	    0) {
		cache_rollback(c);
		return -1;
	}
	return 0;
}

int store_sync_commit(struct cache *c)
{
	if (cache_exec(c, "DELETE FROM sync_state WHERE key = 'applying'") != 0) {
		cache_rollback(c);
		return -1;
	}
	return cache_commit(c);
}

void store_sync_rollback(struct cache *c)
{
	cache_rollback(c);
}

void feed_sync_rows_free(struct feed_sync_row *rows, int count)
{
	for (int i = 0; i < count; i++) {
		free(rows[i].url);
		free(rows[i].sync_id);
	}
	free(rows);
}

static void feed_sync_row_read(sqlite3_stmt *st, void *row, void *user)
{
	struct feed_sync_row *r = row;

	(void)user;
	r->id = sqlite3_column_int64(st, 0);
	r->url = cache_column_text(st, 1);
	r->sync_id = cache_column_text(st, 2);
}

int store_feed_sync_list(struct cache *c, struct feed_sync_row **out, int *count)
{
	sqlite3_stmt *st = cache_prepare(c, "SELECT id, url, sync_id FROM feeds ORDER BY url");
	void *v;

	if (cache_read_rows(st, sizeof(**out), feed_sync_row_read, NULL, &v, count) != 0) {
		feed_sync_rows_free(v, *count);
		*out = NULL;
		*count = 0;
		return -1;
	}
	*out = v;
	return 0;
}

static int run_text_id(struct cache *c, const char *sql, const char *text, int64_t id)
{
	sqlite3_stmt *st = cache_prepare(c, sql);
	int rc;

	if (!st)
		return -1;
	cache_bind_text(st, 1, text);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

int store_feed_set_sync_id(struct cache *c, int64_t feed_id, const char *sync_id)
{
	return run_text_id(c, "UPDATE feeds SET sync_id = ?1 WHERE id = ?2", sync_id, feed_id);
}

int store_feed_set_title_if_none(struct cache *c, int64_t feed_id, const char *title)
{
	return run_text_id(c, "UPDATE feeds SET title = ?1 WHERE id = ?2 AND title IS NULL", title,
	                   feed_id);
}

static void bind_time(sqlite3_stmt *st, int idx, int64_t t)
{
	if (t == TIME_UNKNOWN)
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_int64(st, idx, t);
}

/* The server's flags on an item known by its server id, except a flag with a local mark
 * still in the outbox. *found: 0 unknown, 1 known, 2 known and changed. */
static int update_known(struct cache *c, const struct sync_item *it, int *found)
{
	sqlite3_stmt *st = cache_kept(
	    c, "UPDATE items SET"
	       " read = CASE WHEN EXISTS (SELECT 1 FROM sync_outbox o WHERE o.kind = 'read'"
	       "   AND o.sync_id = ?1) THEN read ELSE ?2 END,"
	       " saved = CASE WHEN EXISTS (SELECT 1 FROM sync_outbox o WHERE o.kind = 'saved'"
	       "   AND o.sync_id = ?1) THEN saved ELSE ?3 END"
	       " WHERE sync_id = ?1 AND (read IS NOT ?2 OR saved IS NOT ?3) RETURNING id");
	sqlite3_stmt *known = cache_kept(c, "SELECT 1 FROM items WHERE sync_id = ?1");
	int rc;

	*found = 0;
	if (!st || !known)
		return -1;
	cache_bind_text(known, 1, it->sync_id);
	rc = sqlite3_step(known);
	sqlite3_reset(known);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return -1;
	*found = 1;
	cache_bind_text(st, 1, it->sync_id);
	sqlite3_bind_int(st, 2, it->read);
	sqlite3_bind_int(st, 3, it->saved);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = 2;
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Queues a local mark the server lacks, as the triggers would have. */
static int queue_mark(struct cache *c, const char *kind, const char *sync_id, int value)
{
	sqlite3_stmt *st = cache_kept(c, "INSERT OR REPLACE INTO sync_outbox(kind, sync_id, value,"
	                                 " made) VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return -1;
	cache_bind_text(st, 1, kind);
	cache_bind_text(st, 2, sync_id);
	sqlite3_bind_int(st, 3, value);
	sqlite3_bind_int64(st, 4, (int64_t)time(NULL));
	return step_done(st);
}

/* A local article of the feed with the same link, not yet known to the server: it takes the
 * server's id. Titles are never compared (servers rewrite them). */
static int match_local(struct cache *c, int64_t feed_id, const struct sync_item *it, int *found)
{
	sqlite3_stmt *st = cache_kept(c, "UPDATE items SET sync_id = ?1, read = max(read, ?3),"
	                                 " saved = max(saved, ?4)"
	                                 " WHERE id = (SELECT id FROM items WHERE feed_id = ?2"
	                                 "   AND link = ?5 AND sync_id IS NULL LIMIT 1)"
	                                 " RETURNING read, saved");
	int rc, read = 0, saved = 0;

	*found = 0;
	if (!it->link || !*it->link)
		return 0;
	if (!st)
		return -1;
	cache_bind_text(st, 1, it->sync_id);
	sqlite3_bind_int64(st, 2, feed_id);
	sqlite3_bind_int(st, 3, it->read);
	sqlite3_bind_int(st, 4, it->saved);
	cache_bind_text(st, 5, it->link);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = 1;
		read = sqlite3_column_int(st, 0);
		saved = sqlite3_column_int(st, 1);
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return -1;
	if (*found && read != it->read && queue_mark(c, "read", it->sync_id, read) != 0)
		return -1;
	if (*found && saved != it->saved && queue_mark(c, "saved", it->sync_id, saved) != 0)
		return -1;
	return 0;
}

static int insert_new(struct cache *c, int64_t feed_id, const struct sync_item *it)
{
	sqlite3_stmt *ins = cache_kept(
	    c, "INSERT INTO items(feed_id, guid, sync_id, link, title, author, content, published,"
	       " updated, read, saved, first_seen, sort_time)"
	       " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, coalesce(?7, ?8, ?11))"
	       " ON CONFLICT(feed_id, guid) DO NOTHING RETURNING id");
	sqlite3_stmt *queue = cache_kept(c, "INSERT OR IGNORE INTO fts_pending(id) VALUES (?1)");
	int64_t id = 0;
	int rc;

	if (!ins || !queue)
		return -1;
	sqlite3_bind_int64(ins, 1, feed_id);
	cache_bind_text(ins, 2, it->sync_id);
	cache_bind_text(ins, 3, it->link);
	cache_bind_text(ins, 4, it->title);
	cache_bind_text(ins, 5, it->author);
	cache_bind_text(ins, 6, it->content);
	bind_time(ins, 7, it->published);
	bind_time(ins, 8, it->updated);
	sqlite3_bind_int(ins, 9, it->read);
	sqlite3_bind_int(ins, 10, it->saved);
	sqlite3_bind_int64(ins, 11, (int64_t)time(NULL));
	rc = sqlite3_step(ins);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(ins, 0);
		rc = sqlite3_step(ins);
	}
	sqlite3_reset(ins);
	if (rc != SQLITE_DONE)
		return -1;
	if (id == 0)
		return 0;
	sqlite3_bind_int64(queue, 1, id);
	return step_done(queue);
}

int store_sync_item(struct cache *c, int64_t feed_id, const struct sync_item *it)
{
	int found;

	if (update_known(c, it, &found) != 0)
		return -1;
	if (found)
		return found == 2 ? SYNC_ITEM_CHANGED : SYNC_ITEM_KNOWN;
	if (match_local(c, feed_id, it, &found) != 0)
		return -1;
	if (found)
		return SYNC_ITEM_MATCHED;
	return insert_new(c, feed_id, it) == 0 ? SYNC_ITEM_ADDED : -1;
}

int store_sync_set_begin(struct cache *c)
{
	if (cache_exec(c, "CREATE TEMP TABLE IF NOT EXISTS sync_set(id TEXT PRIMARY KEY)") != 0)
		return -1;
	return cache_exec(c, "DELETE FROM temp.sync_set");
}

int store_sync_set_add(struct cache *c, const char *sync_id)
{
	sqlite3_stmt *st = cache_kept(c, "INSERT OR IGNORE INTO temp.sync_set(id) VALUES (?1)");
	if (!st)
		return -1;
	cache_bind_text(st, 1, sync_id);
	return step_done(st);
}

int store_sync_set_apply(struct cache *c, const char *flag)
{
	/* For "read" the set holds the unread items; for "saved" the starred ones. */
	const char *sql =
	    strcmp(flag, "read") == 0
	        ? "UPDATE items SET read = (sync_id NOT IN (SELECT id FROM temp.sync_set))"
	          " WHERE sync_id IS NOT NULL"
	          " AND read IS NOT (sync_id NOT IN (SELECT id FROM temp.sync_set))"
	          " AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.kind = 'read'"
	          "   AND o.sync_id = items.sync_id)"
	        : "UPDATE items SET saved = (sync_id IN (SELECT id FROM temp.sync_set))"
	          " WHERE sync_id IS NOT NULL"
	          " AND saved IS NOT (sync_id IN (SELECT id FROM temp.sync_set))"
	          " AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.kind = 'saved'"
	          "   AND o.sync_id = items.sync_id)";
	if (cache_exec(c, sql) != 0)
		return -1;
	return sqlite3_changes(c->db);
}
