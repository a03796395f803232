/* The ignored table (schema version 9): see ignored.h. */
#include "store/ignored.h"
#include "store/internal.h"
#include "core/util.h"

#include <stdlib.h>

int store_ignored_set(struct cache *c, int64_t feed_id, const struct ignored_item *items, int count,
                      int64_t at)
{
	sqlite3_stmt *del, *ins;
	int rc = 0;

	if (cache_begin(c) != 0)
		return -1;
	del = cache_kept(c, "DELETE FROM ignored WHERE feed_id = ?1");
	ins = cache_kept(c, "INSERT INTO ignored(feed_id, guid, title, link, published, rule, at)"
	                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!del || !ins) {
		cache_rollback(c);
		return -1;
	}
	sqlite3_bind_int64(del, 1, feed_id);
	if (sqlite3_step(del) != SQLITE_DONE)
		rc = -1;
	sqlite3_reset(del);
	for (int i = 0; rc == 0 && i < count; i++) {
		sqlite3_bind_int64(ins, 1, feed_id);
		cache_bind_text(ins, 2, items[i].guid);
		cache_bind_text(ins, 3, items[i].title);
		cache_bind_text(ins, 4, items[i].link);
		sqlite3_bind_int64(ins, 5, items[i].published);
		sqlite3_bind_int(ins, 6, items[i].rule);
		sqlite3_bind_int64(ins, 7, at);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = -1;
		sqlite3_reset(ins);
	}
	if (rc != 0) {
		cache_rollback(c);
		return -1;
	}
	return cache_commit(c);
}

static void ignored_row_read(sqlite3_stmt *st, void *row, void *user)
{
	struct ignored_row *r = row;

	(void)user;
	r->feed_url = cache_column_text(st, 0);
	r->feed_title = cache_column_text(st, 1);
	r->guid = cache_column_text(st, 2);
	r->title = cache_column_text(st, 3);
	r->link = cache_column_text(st, 4);
	r->published = sqlite3_column_int64(st, 5);
	r->at = sqlite3_column_int64(st, 6);
	r->rule = sqlite3_column_int(st, 7);
}

int store_ignored_list(struct cache *c, struct ignored_row **rows, int *count)
{
	sqlite3_stmt *st = cache_prepare(
	    c, "SELECT f.url, f.title, g.guid, g.title, g.link, g.published, g.at, g.rule"
	       " FROM ignored g JOIN feeds f ON f.id = g.feed_id"
	       " ORDER BY f.url, g.published DESC, g.rowid");
	void *v;

	if (cache_read_rows(st, sizeof(**rows), ignored_row_read, NULL, &v, count) != 0) {
		ignored_rows_free(v, *count);
		*rows = NULL;
		*count = 0;
		return -1;
	}
	*rows = v;
	return 0;
}

void ignored_rows_free(struct ignored_row *rows, int count)
{
	for (int i = 0; i < count; i++) {
		free(rows[i].feed_url);
		free(rows[i].feed_title);
		free(rows[i].guid);
		free(rows[i].title);
		free(rows[i].link);
	}
	free(rows);
}
