/* Deleting articles and vacuuming: see housekeep.h. */
#include "store/housekeep.h"
#include "store/internal.h"
#include "core/util.h"

#include <stdlib.h>
#include <time.h>

/* One article: its tombstone, its index entry, its queue entry, its row. */
static int delete_one(struct cache *c, int64_t id)
{
	static const char *const sql[] = {
	    "INSERT OR IGNORE INTO deleted(feed_id, guid, at)"
	    " SELECT feed_id, guid, unixepoch() FROM items WHERE id = ?1",
	    "DELETE FROM items_fts WHERE rowid = ?1",
	    "DELETE FROM fts_pending WHERE id = ?1",
	    "DELETE FROM items WHERE id = ?1",
	};
	int changed = 0;

	for (size_t i = 0; i < ARRAY_LEN(sql); i++) {
		sqlite3_stmt *st = cache_kept(c, sql[i]);
		int rc;
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return -1;
		if (i == ARRAY_LEN(sql) - 1)
			changed = sqlite3_changes(c->db);
	}
	return changed;
}

int store_items_delete(struct cache *c, const int64_t *ids, int count)
{
	int deleted = 0;

	if (cache_begin(c) != 0)
		return -1;
	for (int i = 0; i < count; i++) {
		int n = delete_one(c, ids[i]);
		if (n < 0) {
			cache_rollback(c);
			return -1;
		}
		deleted += n;
	}
	return cache_commit(c) == 0 ? deleted : -1;
}

int store_items_expire(struct cache *c, int64_t before, int expire_unread)
{
	sqlite3_stmt *st =
	    cache_prepare(c, expire_unread ? "SELECT id FROM items WHERE sort_time < ?1"
	                                     " AND saved = 0"
	                                   : "SELECT id FROM items WHERE sort_time < ?1"
	                                     " AND saved = 0 AND read <> 0");
	int64_t *ids = NULL;
	int n = 0, cap = 0, rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, before);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = xrealloc(ids, sizeof(*ids) * (size_t)cap);
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return -1;
	}
	rc = n ? store_items_delete(c, ids, n) : 0;
	free(ids);
	return rc;
}

int store_vacuum(struct cache *c)
{
	return cache_exec(c, "VACUUM");
}

int store_file_usage(struct cache *c, int64_t *bytes, int64_t *free_bytes)
{
	sqlite3_stmt *st =
	    cache_prepare(c, "SELECT (SELECT page_count FROM pragma_page_count()) *"
	                     " (SELECT page_size FROM pragma_page_size()),"
	                     " (SELECT freelist_count FROM pragma_freelist_count()) *"
	                     " (SELECT page_size FROM pragma_page_size())");
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*bytes = sqlite3_column_int64(st, 0);
		*free_bytes = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}
