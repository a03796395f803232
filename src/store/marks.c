#include "store/marks.h"
#include "store/internal.h"

static const char *update_sql(enum mark_flag flag)
{
	return flag == MARK_READ ? "UPDATE items SET read = ?1 WHERE id = ?2 AND read IS NOT ?1"
	                         : "UPDATE items SET saved = ?1 WHERE id = ?2 AND saved IS NOT ?1";
}

static int exists(sqlite3_stmt *st, int64_t id)
{
	int rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_mark_items(struct cache *c, const int64_t *ids, int count, enum mark_flag flag, int value,
                     int *missing)
{
	sqlite3_stmt *up, *find;
	int changed = 0, rc = 0;

	if (cache_begin(c) != 0)
		return -1;
	up = cache_prepare(c, update_sql(flag));
	find = cache_prepare(c, "SELECT 1 FROM items WHERE id = ?1");
	if (!up || !find)
		rc = -1;
	for (int i = 0; i < count && rc == 0; i++) {
		int e = exists(find, ids[i]);
		if (e <= 0) {
			rc = e < 0 ? -1 : -2;
			if (e == 0 && missing)
				*missing = i;
			break;
		}
		sqlite3_bind_int(up, 1, value != 0);
		sqlite3_bind_int64(up, 2, ids[i]);
		if (sqlite3_step(up) != SQLITE_DONE)
			rc = -1;
		else
			changed += sqlite3_changes(c->db);
		sqlite3_reset(up);
	}
	sqlite3_finalize(up);
	sqlite3_finalize(find);
	if (rc != 0) {
		cache_rollback(c);
		return rc;
	}
	return cache_commit(c) == 0 ? changed : -1;
}

int store_mark_feed(struct cache *c, int64_t feed_id, enum mark_flag flag, int value)
{
	sqlite3_stmt *st;
	int changed = -1;

	if (cache_begin(c) != 0)
		return -1;
	st = cache_prepare(c,
	                   flag == MARK_READ
	                       ? "UPDATE items SET read = ?1 WHERE feed_id = ?2 AND read IS NOT ?1"
	                       : "UPDATE items SET saved = ?1 WHERE feed_id = ?2"
	                         " AND saved IS NOT ?1");
	if (st) {
		sqlite3_bind_int(st, 1, value != 0);
		sqlite3_bind_int64(st, 2, feed_id);
		if (sqlite3_step(st) == SQLITE_DONE)
			changed = sqlite3_changes(c->db);
		sqlite3_finalize(st);
	}
	if (changed < 0) {
		cache_rollback(c);
		return -1;
	}
	return cache_commit(c) == 0 ? changed : -1;
}
