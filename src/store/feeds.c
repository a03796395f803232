#include "store/feeds.h"
#include "store/internal.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The counts come from feed_counts (kept by triggers, schema.c): listing the feeds reads no
 * article. */
#define FEED_COLUMNS                                                                               \
	"f.id, f.url, f.title, f.site_link, f.etag, f.last_modified, f.last_error,"                \
	" f.parse_warning, f.last_fetch, f.last_success, f.error_time, f.retry_after,"             \
	" f.last_status, f.gone,"                                                                  \
	" coalesce((SELECT unread FROM feed_counts k WHERE k.feed_id = f.id), 0),"                 \
	" coalesce((SELECT total FROM feed_counts k WHERE k.feed_id = f.id), 0)"

static void feed_row_read(sqlite3_stmt *st, void *row, void *user)
{
	struct feed_row *r = row;

	(void)user;
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->url = cache_column_text(st, 1);
	r->title = cache_column_text(st, 2);
	r->site_link = cache_column_text(st, 3);
	r->etag = cache_column_text(st, 4);
	r->last_modified = cache_column_text(st, 5);
	r->last_error = cache_column_text(st, 6);
	r->parse_warning = cache_column_text(st, 7);
	r->last_fetch = sqlite3_column_int64(st, 8);
	r->last_success = sqlite3_column_int64(st, 9);
	r->error_time = sqlite3_column_int64(st, 10);
	r->retry_after = sqlite3_column_int64(st, 11);
	r->last_status = sqlite3_column_int(st, 12);
	r->gone = sqlite3_column_int(st, 13);
	r->unread = sqlite3_column_int(st, 14);
	r->total = sqlite3_column_int(st, 15);
}

void feed_row_free(struct feed_row *r)
{
	free(r->url);
	free(r->title);
	free(r->site_link);
	free(r->etag);
	free(r->last_modified);
	free(r->last_error);
	free(r->parse_warning);
	free(r->body_hash);
	memset(r, 0, sizeof(*r));
}

void feed_rows_free(struct feed_row *rows, int count)
{
	for (int i = 0; i < count; i++)
		feed_row_free(&rows[i]);
	free(rows);
}

int64_t store_feed_ensure(struct cache *c, const char *url)
{
	sqlite3_stmt *st = cache_prepare(c, "INSERT INTO feeds(url) VALUES (?1)"
	                                    " ON CONFLICT(url) DO UPDATE SET url = excluded.url"
	                                    " RETURNING id");
	int64_t id = -1;

	if (!st)
		return -1;
	cache_bind_text(st, 1, url);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

int store_feed_get(struct cache *c, const char *url, struct feed_row *row)
{
	sqlite3_stmt *st =
	    cache_prepare(c, "SELECT " FEED_COLUMNS " FROM feeds f WHERE f.url = ?1");
	int rc;

	if (!st)
		return -1;
	cache_bind_text(st, 1, url);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		feed_row_read(st, row, NULL);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_feed_list(struct cache *c, struct feed_row **rows, int *count)
{
	sqlite3_stmt *st = cache_prepare(c, "SELECT " FEED_COLUMNS " FROM feeds f ORDER BY f.url");
	void *v;

	if (cache_read_rows(st, sizeof(**rows), feed_row_read, NULL, &v, count) != 0) {
		feed_rows_free(v, *count);
		*rows = NULL;
		*count = 0;
		return -1;
	}
	*rows = v;
	return 0;
}

/* The statements of store_feed_delete, in order, each with the feed's URL as ?1. The saved
 * articles move to a feed row of their own, "tidings:removed:URL" with the feed's title, so
 * that they survive the feed (and keep its name); the feed's row is then deleted, which
 * deletes its other items (ON DELETE CASCADE) and queues the server's unsubscription (the
 * sync_unsubscribe trigger). An article already kept from an earlier removal stays there. */
static const char *const feed_delete_sql[] = {
    "INSERT INTO feeds(url, title) SELECT 'tidings:removed:' || f.url, f.title FROM feeds f"
    " WHERE f.url = ?1 AND EXISTS (SELECT 1 FROM items i WHERE i.feed_id = f.id AND i.saved)"
    " ON CONFLICT(url) DO NOTHING",
    "UPDATE OR IGNORE items SET feed_id = (SELECT id FROM feeds WHERE url = 'tidings:removed:'"
    " || ?1) WHERE saved AND feed_id = (SELECT id FROM feeds WHERE url = ?1)",
    "DELETE FROM items_fts WHERE rowid IN (SELECT i.id FROM items i"
    " JOIN feeds f ON f.id = i.feed_id WHERE f.url = ?1)",
    "DELETE FROM feeds WHERE url = ?1",
};

int store_feed_delete(struct cache *c, const char *url)
{
	int ok = 1;

	if (cache_begin(c) != 0)
		return -1;
	for (size_t i = 0; ok && i < ARRAY_LEN(feed_delete_sql); i++) {
		sqlite3_stmt *st = cache_prepare(c, feed_delete_sql[i]);
		ok = st != NULL;
		if (ok) {
			cache_bind_text(st, 1, url);
			ok = sqlite3_step(st) == SQLITE_DONE;
		}
		sqlite3_finalize(st);
	}
	if (!ok || cache_commit(c) != 0) {
		cache_rollback(c);
		return -1;
	}
	return 0;
}

/* Runs one write statement with bound int64 and text parameters given as a format: 'i' for
 * int64_t, 's' for a string (or NULL). */
static int feed_update(struct cache *c, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = cache_kept(c, sql); /* one per feed and refresh */
	va_list ap;
	int rc;

	if (!st)
		return -1;
	va_start(ap, types);
	for (int i = 0; types[i]; i++) {
		if (types[i] == 'i')
			sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
		else
			cache_bind_text(st, i + 1, va_arg(ap, const char *));
	}
	va_end(ap);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_feed_set_fetched(struct cache *c, int64_t id, int64_t when, int status, const char *etag,
                           const char *last_modified, const char *body_hash)
{
	return feed_update(c,
	                   "UPDATE feeds SET last_fetch = ?2, last_success = ?2, last_status = ?3,"
	                   " etag = ?4, last_modified = ?5, last_error = NULL, error_time = NULL,"
	                   " retry_after = NULL, gone = 0, body_hash = ?6 WHERE id = ?1",
	                   "iiisss", id, when, (int64_t)status, etag, last_modified, body_hash);
}

int store_feed_set_same_body(struct cache *c, int64_t id, int64_t when, int status,
                             const char *etag, const char *last_modified)
{
	return feed_update(c,
	                   "UPDATE feeds SET last_fetch = ?2, last_success = ?2, last_status = ?3,"
	                   " etag = ?4, last_modified = ?5, last_error = NULL, error_time = NULL,"
	                   " retry_after = NULL, gone = 0 WHERE id = ?1",
	                   "iiiss", id, when, (int64_t)status, etag, last_modified);
}

int store_feed_set_not_modified(struct cache *c, int64_t id, int64_t when, const char *etag,
                                const char *last_modified)
{
	return feed_update(
	    c,
	    "UPDATE feeds SET last_fetch = ?2, last_success = ?2, last_status = 304,"
	    " etag = coalesce(?3, etag), last_modified = coalesce(?4, last_modified),"
	    " last_error = NULL, error_time = NULL, retry_after = NULL WHERE id = ?1",
	    "iiss", id, when, etag, last_modified);
}

int store_feed_set_error(struct cache *c, int64_t id, int64_t when, int status, const char *error,
                         int64_t retry_after)
{
	return feed_update(c,
	                   "UPDATE feeds SET last_fetch = ?2, last_status = ?3, last_error = ?4,"
	                   " error_time = ?2, retry_after = nullif(?5, 0) WHERE id = ?1",
	                   "iiisi", id, when, (int64_t)status, error, retry_after);
}

int store_feed_set_gone(struct cache *c, int64_t id, int64_t when, const char *error)
{
	return feed_update(c,
	                   "UPDATE feeds SET last_fetch = ?2, last_status = 410, last_error = ?3,"
	                   " error_time = ?2, gone = 1 WHERE id = ?1",
	                   "iis", id, when, error);
}

int store_feed_set_url(struct cache *c, const char *old_url, const char *new_url)
{
	struct feed_row row;
	int found = store_feed_get(c, new_url, &row);

	if (found < 0)
		return -1;
	if (found) {
		feed_row_free(&row);
		return 1;
	}
	return feed_update(c, "UPDATE feeds SET url = ?2 WHERE url = ?1", "ss", old_url, new_url);
}

int store_feed_fetch_state(struct cache *c, const char *url, struct feed_row *row)
{
	sqlite3_stmt *st = cache_prepare(c, "SELECT id, etag, last_modified, retry_after, gone,"
	                                    " body_hash FROM feeds WHERE url = ?1");
	int rc;

	memset(row, 0, sizeof(*row));
	if (!st)
		return -1;
	cache_bind_text(st, 1, url);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		row->id = sqlite3_column_int64(st, 0);
		row->etag = cache_column_text(st, 1);
		row->last_modified = cache_column_text(st, 2);
		row->retry_after = sqlite3_column_int64(st, 3);
		row->gone = sqlite3_column_int(st, 4);
		row->body_hash = cache_column_text(st, 5);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) /* a new feed: nothing known yet */
		row->id = store_feed_ensure(c, url);
	else if (rc != SQLITE_ROW)
		return -1;
	if (row->id < 0)
		return -1;
	row->url = xstrdup(url);
	return 0;
}
