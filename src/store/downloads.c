/* The download queue's SQL (table downloads, schema step 11). */
#include "store/downloads.h"
#include "core/util.h"
#include "store/internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const state_names[] = {"queued", "downloading", "paused", "done", "failed"};

const char *download_state_name(enum download_state s)
{
	return (unsigned)s < ARRAY_LEN(state_names) ? state_names[s] : "queued";
}

static enum download_state state_from_name(const char *s)
{
	for (size_t i = 0; s && i < ARRAY_LEN(state_names); i++)
		if (strcmp(s, state_names[i]) == 0)
			return (enum download_state)i;
	return DL_QUEUED;
}

void download_row_free(struct download_row *r)
{
	free(r->url);
	free(r->title);
	free(r->feed);
	free(r->type);
	free(r->dir);
	free(r->path);
	free(r->reason);
	memset(r, 0, sizeof(*r));
}

void download_rows_free(struct download_row *rows, int count)
{
	for (int i = 0; i < count; i++)
		download_row_free(&rows[i]);
	free(rows);
}

#define ROW_COLUMNS                                                                                \
	"id, item_id, feed_id, url, title, feed, type, dir, path, reason, announced, bytes,"       \
	" total, added, state, played"

static int64_t column_int_or(sqlite3_stmt *st, int col, int64_t fallback)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? fallback
	                                                   : sqlite3_column_int64(st, col);
}

static void read_row(sqlite3_stmt *st, struct download_row *r)
{
	char *state;

	r->id = sqlite3_column_int64(st, 0);
	r->item_id = sqlite3_column_int64(st, 1);
	r->feed_id = sqlite3_column_int64(st, 2);
	r->url = cache_column_text(st, 3);
	r->title = cache_column_text(st, 4);
	r->feed = cache_column_text(st, 5);
	r->type = cache_column_text(st, 6);
	r->dir = cache_column_text(st, 7);
	r->path = cache_column_text(st, 8);
	r->reason = cache_column_text(st, 9);
	r->announced = column_int_or(st, 10, -1);
	r->bytes = column_int_or(st, 11, 0);
	r->total = column_int_or(st, 12, -1);
	r->added = column_int_or(st, 13, 0);
	state = cache_column_text(st, 14);
	r->state = state_from_name(state);
	free(state);
	r->played = sqlite3_column_int(st, 15) != 0;
	if (!r->url)
		r->url = xstrdup("");
}

static int find_existing(struct cache *c, int64_t item_id, const char *url, int64_t *id,
                         enum download_state *state)
{
	sqlite3_stmt *st =
	    cache_prepare(c, "SELECT id, state FROM downloads WHERE item_id = ?1 AND url = ?2");
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	cache_bind_text(st, 2, url);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		char *s = cache_column_text(st, 1);
		*id = sqlite3_column_int64(st, 0);
		*state = state_from_name(s);
		free(s);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int run_one(sqlite3_stmt *st)
{
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_download_add(struct cache *c, const struct download_row *spec, int64_t *id)
{
	enum download_state state;
	sqlite3_stmt *st;
	int found, rc = -1;

	if (cache_begin(c) != 0)
		return -1;
	found = find_existing(c, spec->item_id, spec->url, id, &state);
	if (found == 1) {
		rc = 0;
		if (state == DL_FAILED || state == DL_PAUSED) {
			st = cache_prepare(c, "UPDATE downloads SET state = 'queued', reason = NULL"
			                      " WHERE id = ?1");
			if (st)
				sqlite3_bind_int64(st, 1, *id);
			if (run_one(st) != 0)
				rc = -1;
		}
	} else if (found == 0) {
		st = cache_prepare(
		    c, "INSERT INTO downloads (item_id, feed_id, url, title, feed, type,"
		       " dir, announced, total, added, state, bytes)"
		       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, 'queued', 0)");
		if (st) {
			sqlite3_bind_int64(st, 1, spec->item_id);
			sqlite3_bind_int64(st, 2, spec->feed_id);
			cache_bind_text(st, 3, spec->url);
			cache_bind_text(st, 4, spec->title);
			cache_bind_text(st, 5, spec->feed);
			cache_bind_text(st, 6, spec->type);
			cache_bind_text(st, 7, spec->dir);
			if (spec->announced > 0)
				sqlite3_bind_int64(st, 8, spec->announced);
			sqlite3_bind_int64(st, 9, (int64_t)time(NULL));
		}
		if (run_one(st) == 0) {
			*id = sqlite3_last_insert_rowid(c->db);
			rc = 1;
		}
	}
	if (rc < 0) {
		cache_rollback(c);
		return -1;
	}
	return cache_commit(c) == 0 ? rc : -1;
}

int store_downloads_list(struct cache *c, struct download_row **rows, int *count)
{
	sqlite3_stmt *st = cache_prepare(c, "SELECT " ROW_COLUMNS " FROM downloads ORDER BY id");
	int n = 0, cap = 0, rc;

	*rows = NULL;
	*count = 0;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			*rows = xrealloc(*rows, sizeof(**rows) * (size_t)cap);
		}
		memset(&(*rows)[n], 0, sizeof(**rows));
		read_row(st, &(*rows)[n++]);
	}
	sqlite3_finalize(st);
	*count = n;
	if (rc != SQLITE_DONE) {
		download_rows_free(*rows, n);
		*rows = NULL;
		*count = 0;
		return -1;
	}
	return 0;
}

int store_download_get(struct cache *c, int64_t id, struct download_row *row)
{
	sqlite3_stmt *st = cache_prepare(c, "SELECT " ROW_COLUMNS " FROM downloads WHERE id = ?1");
	int rc;

	memset(row, 0, sizeof(*row));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, row);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_download_next(struct cache *c, const int64_t *skip, int skip_count, int64_t *id)
{
	sqlite3_stmt *st =
	    cache_prepare(c, "SELECT id FROM downloads WHERE state = 'queued' ORDER BY id");
	int rc, found = 0;

	if (!st)
		return -1;
	while (!found && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t candidate = sqlite3_column_int64(st, 0);
		int skipped = 0;
		for (int i = 0; i < skip_count; i++)
			skipped |= skip[i] == candidate;
		if (!skipped) {
			*id = candidate;
			found = 1;
		}
	}
	if (!found && rc != SQLITE_DONE)
		found = -1;
	sqlite3_finalize(st);
	return found;
}

int store_download_update(struct cache *c, int64_t id, enum download_state state, int64_t bytes,
                          int64_t total, const char *path, const char *reason)
{
	sqlite3_stmt *st =
	    cache_prepare(c, "UPDATE downloads SET state = ?2, bytes = ?3, total = ?4,"
	                     " path = CASE WHEN ?5 = '' THEN NULL ELSE coalesce(?5, path) END,"
	                     " reason = ?6 WHERE id = ?1");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, download_state_name(state), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, bytes);
	if (total >= 0)
		sqlite3_bind_int64(st, 4, total);
	cache_bind_text(st, 5, path);
	cache_bind_text(st, 6, reason);
	return run_one(st);
}

int store_download_set_played(struct cache *c, int64_t id, int played)
{
	sqlite3_stmt *st = cache_prepare(c, "UPDATE downloads SET played = ?2 WHERE id = ?1");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, played != 0);
	return run_one(st);
}

int store_download_delete(struct cache *c, int64_t id)
{
	sqlite3_stmt *st = cache_prepare(c, "DELETE FROM downloads WHERE id = ?1");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return run_one(st);
}

int store_downloads_requeue_running(struct cache *c)
{
	if (cache_exec(c, "UPDATE downloads SET state = 'queued' WHERE state = 'downloading'") != 0)
		return -1;
	return sqlite3_changes(c->db);
}

int store_downloads_unqueued_newest(struct cache *c, int64_t feed_id, int newest, int64_t **ids)
{
	sqlite3_stmt *st = cache_prepare(
	    c, "SELECT id FROM (SELECT id, sort_time FROM items WHERE feed_id = ?1"
	       " AND enclosures NOTNULL ORDER BY sort_time DESC, id DESC LIMIT ?2)"
	       " WHERE id NOT IN (SELECT item_id FROM downloads WHERE item_id NOTNULL)"
	       " ORDER BY sort_time DESC, id DESC");
	int n = 0, rc;

	*ids = NULL;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_int(st, 2, newest);
	*ids = xcalloc((size_t)(newest > 0 ? newest : 1), sizeof(**ids));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < newest)
		(*ids)[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		free(*ids);
		*ids = NULL;
		return -1;
	}
	return n;
}
