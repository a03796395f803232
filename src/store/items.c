/* Reading item rows out of the cache. */
#include "store/items.h"
#include "store/internal.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* The feed's title, or its URL when it has none; body columns (with what the fetched page
 * said of itself, stored after them in the row) only when asked for. */
#define ITEM_COLUMNS(body)                                                                         \
	"i.id, i.feed_id, coalesce(nullif(f.title, ''), f.url), i.guid, i.link, i.title,"          \
	" i.author, " body ", i.categories, i.enclosures, i.published, i.updated,"                 \
	" i.first_seen, i.read, i.saved, f.url"
#define WITH_BODY "i.summary, i.content, i.fulltext, i.page_url, i.page_byline"
#define WITHOUT_BODY "NULL, NULL, NULL, NULL, NULL"

static int64_t column_time(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? TIME_UNKNOWN
	                                                   : sqlite3_column_int64(st, col);
}

static void item_row_read(sqlite3_stmt *st, void *row, void *user)
{
	struct item_row *r = row;

	(void)user;
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->feed_id = sqlite3_column_int64(st, 1);
	r->feed_title = cache_column_text(st, 2);
	r->guid = cache_column_text(st, 3);
	r->link = cache_column_text(st, 4);
	r->title = cache_column_text(st, 5);
	r->author = cache_column_text(st, 6);
	r->summary = cache_column_text(st, 7);
	r->content = cache_column_text(st, 8);
	r->fulltext = cache_column_text(st, 9);
	r->page_url = cache_column_text(st, 10);
	r->page_byline = cache_column_text(st, 11);
	r->categories = cache_column_text(st, 12);
	r->enclosures = cache_column_text(st, 13);
	r->published = column_time(st, 14);
	r->updated = column_time(st, 15);
	r->first_seen = sqlite3_column_int64(st, 16);
	r->read = sqlite3_column_int(st, 17);
	r->saved = sqlite3_column_int(st, 18);
	r->feed_url = cache_column_text(st, 19);
}

int64_t item_row_date(const struct item_row *r)
{
	return r->published != TIME_UNKNOWN ? r->published : r->updated;
}

void item_row_free(struct item_row *r)
{
	if (!r)
		return;
	free(r->feed_title);
	free(r->feed_url);
	free(r->guid);
	free(r->link);
	free(r->title);
	free(r->author);
	free(r->summary);
	free(r->content);
	free(r->fulltext);
	free(r->page_url);
	free(r->page_byline);
	free(r->categories);
	free(r->enclosures);
	memset(r, 0, sizeof(*r));
}

void item_rows_free(struct item_row *rows, int count)
{
	for (int i = 0; i < count; i++)
		item_row_free(&rows[i]);
	free(rows);
}

/* Kept prepared (cache_kept): a search prints twenty articles, each read here. */
static const char item_get_sql[] = "SELECT " ITEM_COLUMNS(
    WITH_BODY) " FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?1";

int store_item_get(struct cache *c, int64_t id, struct item_row *row)
{
	sqlite3_stmt *st = cache_kept(c, item_get_sql);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		item_row_read(st, row, NULL);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The WHERE clause names read = 0 and saved = 1 literally, so that SQLite can use the
 * partial indexes items_unread and items_saved. */
static char *list_sql(const struct item_filter *f)
{
	struct buf sql;

	buf_init(&sql);
	buf_puts(&sql, "SELECT ");
	buf_puts(&sql, f->with_body ? ITEM_COLUMNS(WITH_BODY) : ITEM_COLUMNS(WITHOUT_BODY));
	buf_puts(&sql, " FROM items i JOIN feeds f ON f.id = i.feed_id WHERE 1");
	if (f->unread_only)
		buf_puts(&sql, " AND i.read = 0");
	if (f->saved_only)
		buf_puts(&sql, " AND i.saved = 1");
	if (f->feed_id)
		buf_puts(&sql, " AND i.feed_id = ?1");
	if (f->feed_url)
		buf_puts(&sql, " AND f.url = ?2");
	if (f->where)
		buf_printf(&sql, " AND (%s)", filter_sql_text(f->where));

	buf_puts(&sql, " ORDER BY i.sort_time DESC, i.id DESC LIMIT ?3 OFFSET ?4");
	return buf_steal(&sql);
}

int store_items_list(struct cache *c, const struct item_filter *f, struct item_row **rows,
                     int *count)
{
	char *sql = list_sql(f);
	sqlite3_stmt *st = cache_prepare(c, sql);
	void *v;

	free(sql);
	*rows = NULL;
	*count = 0;
	if (!st)
		return -1;
	if (f->feed_id)
		sqlite3_bind_int64(st, 1, f->feed_id);
	if (f->feed_url)
		cache_bind_text(st, 2, f->feed_url);
	sqlite3_bind_int64(st, 3, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int64(st, 4, f->offset > 0 ? f->offset : 0);
	if (f->where)
		filter_sql_bind(f->where, st);

	if (cache_read_rows(st, sizeof(**rows), item_row_read, NULL, &v, count) != 0) {
		item_rows_free(v, *count);
		*count = 0;
		return -1;
	}
	*rows = v;
	return 0;
}

int store_items_add_marks(struct cache *c, int64_t feed_id, const struct parsed_feed *feed,
                          const unsigned char *read, const unsigned char *saved)
{
	sqlite3_stmt *up;
	int rc = 0;

	if (cache_begin(c) != 0)
		return -1;
	up = cache_prepare(c, "UPDATE items SET read = max(read, ?3), saved = max(saved, ?4)"
	                      " WHERE feed_id = ?1 AND guid = ?2");
	for (int i = 0; up && rc == 0 && i < feed->item_count; i++) {
		sqlite3_reset(up);
		sqlite3_bind_int64(up, 1, feed_id);
		cache_bind_text(up, 2, feed->items[i].id);
		sqlite3_bind_int(up, 3, read[i]);
		sqlite3_bind_int(up, 4, saved[i]);
		rc = sqlite3_step(up) == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(up);
	if (!up || rc != 0 || cache_commit(c) != 0) {
		cache_rollback(c);
		return -1;
	}
	return 0;
}

int64_t store_item_find_link(struct cache *c, const char *url)
{
	sqlite3_stmt *st =
	    cache_prepare(c, "SELECT id FROM items WHERE link = ?1 ORDER BY id LIMIT 1");
	int64_t id = 0;
	int rc;

	if (!st)
		return -1;
	cache_bind_text(st, 1, url);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		id = -1;
	sqlite3_finalize(st);
	return id;
}

int store_items_without_fulltext(struct cache *c, int64_t feed_id, int64_t since, int limit,
                                 store_item_link_fn fn, void *user)
{
	sqlite3_stmt *st =
	    cache_prepare(c, "SELECT id, link FROM items WHERE feed_id = ?1 AND fulltext IS NULL"
	                     " AND link IS NOT NULL AND link != '' AND first_seen >= ?2"
	                     " ORDER BY id DESC LIMIT ?3");
	int n = 0, rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_int64(st, 2, since);
	sqlite3_bind_int(st, 3, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fn(sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1), user);
		n++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? n : -1;
}

void item_row_name_feed(struct item_row *row, const struct feeds_file *ff)
{
	char *name = xstrdup(feed_display_name(ff, row->feed_url, row->feed_title));

	free(row->feed_title);
	row->feed_title = name;
}
