/* store_merge_feed: a parsed feed into the cache, in one transaction.
 *
 * Items are matched by (feed, id): new ones are added, changed ones updated in place (read
 * and saved flags kept), and items that left the feed stay, up to the per-feed cap. The
 * search index (items_fts, rowid = items.id) follows every insert, update and delete.
 * Categories and enclosures are stored as JSON arrays: ["a", "b"] and
 * [{"url": .., "type": .. or null, "length": .. or null}], the first enclosure with
 * "duration" (seconds) when the item has one. */
#include "core/util.h"
#include "parse/clean.h"
#include "store/items.h"
#include "store/internal.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char *item_categories_json(const struct parsed_item *it)
{
	json_object *a;
	char *out;

	if (it->category_count == 0)
		return NULL;
	a = json_object_new_array();
	for (int i = 0; i < it->category_count; i++)
		json_object_array_add(a, json_object_new_string(it->categories[i]));
	out = xstrdup(json_object_to_json_string_ext(a, JSON_C_TO_STRING_PLAIN |
	                                                    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(a);
	return out;
}

char *item_enclosures_json(const struct parsed_item *it)
{
	json_object *a;
	char *out;

	if (it->enclosure_count == 0)
		return NULL;
	a = json_object_new_array();
	for (int i = 0; i < it->enclosure_count; i++) {
		const struct enclosure *e = &it->enclosures[i];
		json_object *o = json_object_new_object();
		json_object_object_add(o, "url", json_object_new_string(e->url ? e->url : ""));
		json_object_object_add(o, "type", e->type ? json_object_new_string(e->type) : NULL);
		json_object_object_add(o, "length",
		                       e->length >= 0 ? json_object_new_int64(e->length) : NULL);
		/* the item's play time belongs to its media: the first enclosure carries it */
		if (i == 0 && it->duration > 0)
			json_object_object_add(o, "duration", json_object_new_int64(it->duration));
		json_object_array_add(a, o);
	}
	out = xstrdup(json_object_to_json_string_ext(a, JSON_C_TO_STRING_PLAIN |
	                                                    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(a);
	return out;
}

/* The statements of one merge, prepared once. */
struct merge {
	struct cache *c;
	int64_t feed_id;
	int64_t now;
	int capped; /* max_items applies: the ids the feed carries are noted (temp.merge_keep) */
	sqlite3_stmt *find, *insert, *update, *fts_delete, *keep, *queue;
};

/* The columns compared to tell a changed item from an unchanged one. */
enum {
	COL_TITLE = 1,
	COL_LINK,
	COL_AUTHOR,
	COL_SUMMARY,
	COL_CONTENT,
	COL_PUBLISHED,
	COL_UPDATED,
	COL_CATEGORIES,
	COL_ENCLOSURES,
	COL_COUNT
};

struct item_values {
	const char *text[COL_COUNT];
	int64_t published, updated;
	char *categories, *enclosures;
};

static void values_from_item(struct item_values *v, const struct parsed_item *it)
{
	memset(v, 0, sizeof(*v));
	v->text[COL_TITLE] = it->title;
	v->text[COL_LINK] = it->link;
	v->text[COL_AUTHOR] = it->author;
	v->text[COL_SUMMARY] = it->summary;
	v->text[COL_CONTENT] = it->content;
	v->published = it->published;
	v->updated = it->updated;
	v->categories = item_categories_json(it);
	v->enclosures = item_enclosures_json(it);
	v->text[COL_CATEGORIES] = v->categories;
	v->text[COL_ENCLOSURES] = v->enclosures;
}

static int same_text(sqlite3_stmt *st, int col, const char *s)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	if (!t || !s)
		return !t && !s;
	return strcmp((const char *)t, s) == 0;
}

static int same_time(sqlite3_stmt *st, int col, int64_t t)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return t == TIME_UNKNOWN;
	return t != TIME_UNKNOWN && sqlite3_column_int64(st, col) == t;
}

static int row_unchanged(sqlite3_stmt *find, const struct item_values *v)
{
	for (int col = COL_TITLE; col < COL_COUNT; col++) {
		if (col == COL_PUBLISHED || col == COL_UPDATED)
			continue;
		if (!same_text(find, col, v->text[col]))
			return 0;
	}
	return same_time(find, COL_PUBLISHED, v->published) &&
	       same_time(find, COL_UPDATED, v->updated);
}

static void bind_time(sqlite3_stmt *st, int idx, int64_t t)
{
	if (t == TIME_UNKNOWN)
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_int64(st, idx, t);
}

/* Binds ?1..?9 (the compared columns) in the order of the enum. */
static void bind_values(sqlite3_stmt *st, const struct item_values *v)
{
	for (int col = COL_TITLE; col < COL_COUNT; col++) {
		if (col == COL_PUBLISHED)
			bind_time(st, col, v->published);
		else if (col == COL_UPDATED)
			bind_time(st, col, v->updated);
		else
			cache_bind_text(st, col, v->text[col]);
	}
}

static int step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Brings the index entry of a new or changed item up to date: drops any old entry and queues
 * the item; the queue is indexed at the end of the merge (index_feed_queue), or later by
 * store_index_pending when indexing is deferred. What an entry holds is decided in one place,
 * index_text. */
static int fts_put(struct merge *m, int64_t id, int replace)
{
	int rc = 0;

	if (replace) {
		sqlite3_bind_int64(m->fts_delete, 1, id);
		rc = step_done(m->fts_delete);
	}
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(m->queue, 1, id);
	return step_done(m->queue);
}

static int keep_id(struct merge *m, int64_t id)
{
	if (!m->capped)
		return 0;
	sqlite3_bind_int64(m->keep, 1, id);
	return step_done(m->keep);
}

/* Whether the user deleted the feed's article with this guid (store/housekeep.h). */
static int deleted_before(struct merge *m, const char *guid)
{
	sqlite3_stmt *st =
	    cache_kept(m->c, "SELECT 1 FROM deleted WHERE feed_id = ?1 AND guid = ?2");
	int found;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, m->feed_id);
	cache_bind_text(st, 2, guid);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

static int merge_item(struct merge *m, const struct parsed_item *it, struct merge_stats *stats)
{
	struct item_values v;
	int64_t id;
	int rc;

	values_from_item(&v, it);
	sqlite3_bind_int64(m->find, 1, m->feed_id);
	cache_bind_text(m->find, 2, it->id);
	rc = sqlite3_step(m->find);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(m->find, 0);
		int unchanged = row_unchanged(m->find, &v);
		sqlite3_reset(m->find);
		rc = 0;
		if (!unchanged) {
			bind_values(m->update, &v);
			sqlite3_bind_int64(m->update, 10, id);
			rc = step_done(m->update);
			if (rc == 0)
				rc = fts_put(m, id, 1);
			stats->updated++;
		}
	} else if (rc == SQLITE_DONE && deleted_before(m, it->id)) {
		sqlite3_reset(m->find); /* the user deleted it: it stays deleted */
		rc = 0;
		free(v.categories);
		free(v.enclosures);
		return 0;
	} else if (rc == SQLITE_DONE) {
		sqlite3_reset(m->find);
		bind_values(m->insert, &v);
		sqlite3_bind_int64(m->insert, 10, m->feed_id);
		cache_bind_text(m->insert, 11, it->id);
		sqlite3_bind_int64(m->insert, 12, m->now);
		rc = step_done(m->insert);
		id = sqlite3_last_insert_rowid(m->c->db);
		if (rc == 0)
			rc = fts_put(m, id, 0);
		stats->added++;
	} else {
		sqlite3_reset(m->find);
		rc = -1;
	}
	if (rc == 0)
		rc = keep_id(m, id);
	free(v.categories);
	free(v.enclosures);
	return rc;
}

/* Drops the oldest unsaved items beyond max_items, but never one the feed still carries
 * (it would come back as new at the next refresh). */
static int apply_cap(struct merge *m, int max_items, struct merge_stats *stats)
{
	sqlite3_stmt *st, *del;
	int rc = 0;

	if (max_items <= 0)
		return 0;
	st = cache_kept(m->c, "SELECT id FROM items WHERE feed_id = ?1 AND saved = 0"
	                      " AND id NOT IN (SELECT id FROM temp.merge_keep)"
	                      " AND id NOT IN (SELECT id FROM items WHERE feed_id = ?1"
	                      "   ORDER BY sort_time DESC, id DESC LIMIT ?2)");
	del = cache_kept(m->c, "DELETE FROM items WHERE id = ?1");
	if (!st || !del)
		return -1;
	sqlite3_bind_int64(st, 1, m->feed_id);
	sqlite3_bind_int(st, 2, max_items);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		sqlite3_bind_int64(m->fts_delete, 1, id);
		sqlite3_bind_int64(del, 1, id);
		rc = step_done(m->fts_delete) || step_done(del) ? -1 : 0;
		stats->dropped++;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

/* A feed's name is in its items' index entries: when it changes, they are made again. */
static int requeue_feed(struct merge *m)
{
	sqlite3_stmt *del = cache_kept(m->c, "DELETE FROM items_fts WHERE rowid IN"
	                                     " (SELECT id FROM items WHERE feed_id = ?1)");
	sqlite3_stmt *queue = cache_kept(m->c, "INSERT OR IGNORE INTO fts_pending(id)"
	                                       " SELECT id FROM items WHERE feed_id = ?1");
	if (!del || !queue)
		return -1;
	sqlite3_bind_int64(del, 1, m->feed_id);
	sqlite3_bind_int64(queue, 1, m->feed_id);
	return step_done(del) || step_done(queue) ? -1 : 0;
}

static int feed_renamed(struct merge *m, const char *title)
{
	sqlite3_stmt *st = cache_kept(m->c, "SELECT title FROM feeds WHERE id = ?1");
	int renamed = 0;

	if (!st || !title)
		return 0;
	sqlite3_bind_int64(st, 1, m->feed_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		renamed = !same_text(st, 0, title);
	sqlite3_reset(st);
	return renamed;
}

static int update_feed_row(struct merge *m, const struct parsed_feed *feed)
{
	if (feed_renamed(m, feed->title) && requeue_feed(m) != 0)
		return -1;
	sqlite3_stmt *st = cache_kept(
	    m->c,
	    "UPDATE feeds SET title = coalesce(?2, title), site_link = coalesce(?3, site_link),"
	    " description = coalesce(?4, description), parse_warning = ?5 WHERE id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, m->feed_id);
	cache_bind_text(st, 2, feed->title);
	cache_bind_text(st, 3, feed->link);
	cache_bind_text(st, 4, feed->description);
	cache_bind_text(st, 5, feed->warning);
	return step_done(st);
}

/* The statements of a merge, kept by the connection from one feed to the next. */
static int prepare_keep(struct merge *m)
{
	sqlite3_stmt *create = cache_kept(m->c, "CREATE TEMP TABLE IF NOT EXISTS"
	                                        " merge_keep(id INTEGER PRIMARY KEY)");
	if (!create || step_done(create) != 0)
		return -1;
	sqlite3_stmt *clear = cache_kept(m->c, "DELETE FROM temp.merge_keep");
	if (!clear || step_done(clear) != 0)
		return -1;
	m->keep = cache_kept(m->c, "INSERT OR IGNORE INTO temp.merge_keep(id) VALUES (?1)");
	return m->keep ? 0 : -1;
}

static int prepare_all(struct merge *m)
{
	if (m->capped && prepare_keep(m) != 0)
		return -1;
	m->find = cache_kept(m->c, "SELECT id, title, link, author, summary, content, published,"
	                           " updated, categories, enclosures FROM items"
	                           " WHERE feed_id = ?1 AND guid = ?2");
	m->insert = cache_kept(
	    m->c, "INSERT INTO items(title, link, author, summary, content, published, updated,"
	          " categories, enclosures, feed_id, guid, first_seen, sort_time)"
	          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
	          " coalesce(?6, ?7, ?12))");
	m->update = cache_kept(
	    m->c, "UPDATE items SET title = ?1, link = ?2, author = ?3, summary = ?4, content = ?5,"
	          " published = ?6, updated = ?7, categories = ?8, enclosures = ?9,"
	          " sort_time = coalesce(?6, ?7, first_seen) WHERE id = ?10");
	m->fts_delete = cache_kept(m->c, "DELETE FROM items_fts WHERE rowid = ?1");
	m->queue = cache_kept(m->c, "INSERT OR IGNORE INTO fts_pending(id) VALUES (?1)");
	return m->find && m->insert && m->update && m->fts_delete && m->queue ? 0 : -1;
}

/* Leaves the kept statements reset, whatever step a failure stopped at. */
static void reset_all(struct merge *m)
{
	sqlite3_stmt *all[] = {m->find, m->insert, m->update, m->fts_delete, m->keep, m->queue};
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		if (all[i]) {
			sqlite3_reset(all[i]);
			sqlite3_clear_bindings(all[i]);
		}
}

/* Items indexed per transaction: large enough for the index to be built in big segments,
 * small enough that the reader never waits long for the cache. */
#define INDEX_BATCH 5000

/* What the search index holds for an item, in one place: its title, its author, the words of
 * its content (else summary) and of its fetched full text (saved articles have theirs), and
 * its feed's name. The columns of the index are these, in this order (schema.c). */
#define INDEX_SOURCE                                                                               \
	"i.title, i.author, coalesce(i.content, i.summary), i.fulltext,"                           \
	" coalesce(nullif(f.title, ''), f.url)"
#define INDEX_FROM                                                                                 \
	" FROM fts_pending p JOIN items i ON i.id = p.id JOIN feeds f ON f.id = i.feed_id"
enum { SRC_TITLE, SRC_AUTHOR, SRC_HTML, SRC_FULLTEXT, SRC_FEED, SRC_COUNT };

/* A queued item as read, with its index text. */
struct index_row {
	int64_t id;
	char *src[SRC_COUNT];
	char *body; /* the words of the content and of the full text */
};

static void index_text(struct index_row *r)
{
	char *content = clean_html_to_words(r->src[SRC_HTML]);
	char *full = r->src[SRC_FULLTEXT] ? clean_html_to_words(r->src[SRC_FULLTEXT]) : NULL;

	if (full && *full) {
		r->body = xasprintf("%s\n%s", content ? content : "", full);
		free(content);
	} else {
		r->body = content;
	}
	free(full);
}

/* Reads the source columns from st (from column `first`) and makes the index text. */
static void index_row_read(sqlite3_stmt *st, int first, struct index_row *r)
{
	for (int k = 0; k < SRC_COUNT; k++)
		r->src[k] = cache_column_text(st, first + k);
	index_text(r);
}

static void index_row_clear(struct index_row *r)
{
	for (int k = 0; k < SRC_COUNT; k++)
		free(r->src[k]);
	free(r->body);
	memset(r->src, 0, sizeof(r->src));
	r->body = NULL;
}

static int index_row_changed(const struct index_row *r, sqlite3_stmt *st, int first)
{
	for (int k = 0; k < SRC_COUNT; k++)
		if (!same_text(st, first + k, r->src[k]))
			return 1;
	return 0;
}

static int index_row_insert(sqlite3_stmt *ins, const struct index_row *r)
{
	sqlite3_bind_int64(ins, 1, r->id);
	cache_bind_text(ins, 2, r->src[SRC_TITLE] ? r->src[SRC_TITLE] : "");
	cache_bind_text(ins, 3, r->src[SRC_AUTHOR] ? r->src[SRC_AUTHOR] : "");
	cache_bind_text(ins, 4, r->body ? r->body : "");
	cache_bind_text(ins, 5, r->src[SRC_FEED] ? r->src[SRC_FEED] : "");
	return step_done(ins);
}

#define INDEX_INSERT                                                                               \
	"INSERT INTO items_fts(rowid, title, author, body, feed) VALUES (?1, ?2, ?3, ?4, ?5)"

/* Inside a write transaction: indexes the queued items of one feed now. */
static int index_feed_queue(struct cache *c, int64_t feed_id)
{
	sqlite3_stmt *st =
	    cache_kept(c, "SELECT p.id, " INDEX_SOURCE INDEX_FROM " WHERE i.feed_id = ?1");
	sqlite3_stmt *ins = cache_kept(c, INDEX_INSERT);
	sqlite3_stmt *dequeue = cache_kept(c, "DELETE FROM fts_pending WHERE id = ?1");
	int64_t *ids = NULL;
	int n = 0, rc = 0;

	if (!st || !ins || !dequeue)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		struct index_row r = {.id = sqlite3_column_int64(st, 0)};
		index_row_read(st, 1, &r);
		rc = index_row_insert(ins, &r);
		index_row_clear(&r);
		if (n % 64 == 0)
			ids = xrealloc(ids, sizeof(*ids) * (size_t)(n + 64));
		ids[n++] = r.id;
	}
	sqlite3_reset(st);
	for (int i = 0; rc == 0 && i < n; i++) {
		sqlite3_bind_int64(dequeue, 1, ids[i]);
		rc = step_done(dequeue);
	}
	free(ids);
	return rc;
}

int store_index_item(struct cache *c, int64_t id)
{
	sqlite3_stmt *del = cache_kept(c, "DELETE FROM items_fts WHERE rowid = ?1");
	sqlite3_stmt *queue = cache_kept(c, "INSERT OR IGNORE INTO fts_pending(id) VALUES (?1)");
	sqlite3_stmt *feed = cache_kept(c, "SELECT feed_id FROM items WHERE id = ?1");
	int64_t feed_id = 0;

	if (!del || !queue || !feed)
		return -1;
	sqlite3_bind_int64(feed, 1, id);
	if (sqlite3_step(feed) == SQLITE_ROW)
		feed_id = sqlite3_column_int64(feed, 0);
	sqlite3_reset(feed);
	if (!feed_id)
		return 0;
	sqlite3_bind_int64(del, 1, id);
	sqlite3_bind_int64(queue, 1, id);
	if (step_done(del) != 0 || step_done(queue) != 0)
		return -1;
	return index_feed_queue(c, feed_id);
}

int store_item_set_fulltext(struct cache *c, int64_t id, const struct item_page *page)
{
	sqlite3_stmt *up;
	int rc;

	if (cache_begin(c) != 0)
		return -1;
	up = cache_kept(c, "UPDATE items SET fulltext = ?1, page_url = ?3, page_byline = ?4"
	                   " WHERE id = ?2");
	rc = up ? 0 : -1;
	if (rc == 0) {
		cache_bind_text(up, 1, page ? page->html : NULL);
		cache_bind_text(up, 3, page ? page->canonical : NULL);
		cache_bind_text(up, 4, page ? page->byline : NULL);
		sqlite3_bind_int64(up, 2, id);
		rc = step_done(up);
	}
	if (rc == 0)
		rc = store_index_item(c, id);
	if (rc != 0 || cache_commit(c) != 0) {
		cache_rollback(c);
		return -1;
	}
	return 0;
}

/* Reads up to `limit` queued items (the oldest) and makes their index text, in no
 * transaction: that is most of the work, and the cache stays free for the refresh meanwhile.
 * Returns how many, or -1. */
static int read_queued(struct cache *c, int limit, struct index_row **out)
{
	sqlite3_stmt *st =
	    cache_prepare(c, "SELECT p.id, " INDEX_SOURCE INDEX_FROM " ORDER BY p.id LIMIT ?1");
	struct index_row *rows = NULL;
	int n = 0, rc;

	*out = NULL;
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct index_row *r;
		if (n % 256 == 0)
			rows = xrealloc(rows, sizeof(*rows) * (size_t)(n + 256));
		r = &rows[n++];
		memset(r, 0, sizeof(*r));
		r->id = sqlite3_column_int64(st, 0);
		index_row_read(st, 1, r);
	}
	sqlite3_finalize(st);
	*out = rows;
	return rc == SQLITE_DONE ? n : -1;
}

static void index_rows_free(struct index_row *rows, int n)
{
	for (int i = 0; i < n; i++)
		index_row_clear(&rows[i]);
	free(rows);
}

/* In the write transaction: indexes one row read before, unless it has left the queue since
 * (deleted, or indexed at once); a row changed since is indexed with its new text. */
static int index_row(sqlite3_stmt *check, sqlite3_stmt *ins, sqlite3_stmt *dequeue,
                     struct index_row *r)
{
	int rc;

	sqlite3_bind_int64(check, 1, r->id);
	rc = sqlite3_step(check);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(check);
		return 0;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(check);
		return -1;
	}
	if (index_row_changed(r, check, 0)) {
		index_row_clear(r);
		index_row_read(check, 0, r);
	}
	sqlite3_reset(check);
	if (index_row_insert(ins, r) != 0)
		return -1;
	sqlite3_bind_int64(dequeue, 1, r->id);
	return step_done(dequeue);
}

/* Indexes up to `limit` queued items; returns how many were read from the queue, or -1. A
 * queued item has no index entry: whatever queues an item drops its old entry. */
int store_index_some(struct cache *c, int limit)
{
	struct index_row *rows;
	sqlite3_stmt *check = NULL, *ins = NULL, *dequeue = NULL;
	int n = read_queued(c, limit, &rows), rc = 0;

	if (n <= 0) {
		index_rows_free(rows, n < 0 ? 0 : n);
		return n;
	}
	if (cache_begin(c) != 0) {
		index_rows_free(rows, n);
		return -1;
	}
	check = cache_prepare(c, "SELECT " INDEX_SOURCE INDEX_FROM " WHERE p.id = ?1");
	ins = cache_prepare(c, INDEX_INSERT);
	dequeue = cache_prepare(c, "DELETE FROM fts_pending WHERE id = ?1");
	if (!check || !ins || !dequeue)
		rc = -1;
	for (int i = 0; rc == 0 && i < n; i++)
		rc = index_row(check, ins, dequeue, &rows[i]);
	sqlite3_finalize(check);
	sqlite3_finalize(ins);
	sqlite3_finalize(dequeue);
	index_rows_free(rows, n);
	if (rc != 0 || cache_commit(c) != 0) {
		cache_rollback(c);
		return -1;
	}
	return n;
}

int store_index_pending(struct cache *c)
{
	int total = 0, n;

	while ((n = store_index_some(c, INDEX_BATCH)) > 0)
		total += n;
	return n < 0 ? -1 : total;
}

int store_merge_feed(struct cache *c, int64_t feed_id, const struct parsed_feed *feed,
                     int max_items, struct merge_stats *stats)
{
	struct merge m = {
	    .c = c, .feed_id = feed_id, .now = (int64_t)time(NULL), .capped = max_items > 0};
	struct merge_stats local = {0, 0, 0};
	int rc;

	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	if (cache_begin(c) != 0) {
		cache_note_failure(c);
		return -1;
	}
	rc = prepare_all(&m);
	/* the feed's name first: the items' index entries hold it */
	if (rc == 0)
		rc = update_feed_row(&m, feed);
	for (int i = 0; rc == 0 && i < feed->item_count; i++)
		if (feed->items[i].id)
			rc = merge_item(&m, &feed->items[i], stats);
	if (rc == 0)
		rc = apply_cap(&m, max_items, stats);
	reset_all(&m);
	if (rc == 0 && !c->defer_index)
		rc = index_feed_queue(c, feed_id);
	if (rc != 0)
		cache_note_failure(c);
	if (rc != 0 || cache_commit(c) != 0) {
		if (rc == 0)
			cache_note_failure(c);
		cache_rollback(c);
		memset(stats, 0, sizeof(*stats));
		return -1;
	}
	return 0;
}

void store_defer_index(struct cache *c, int on)
{
	c->defer_index = on;
}
