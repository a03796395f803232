#include "store/view.h"
#include "store/internal.h"
#include "core/text.h"
#include "core/util.h"
#include "store/search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROW_COLUMNS                                                                                \
	"i.id, i.feed_id, i.sort_time, i.title, coalesce(f.title, f.url), i.read, i.saved"

/* Searches matching more articles than this read the list in time order and test each row
 * against the matches, instead of fetching every match and sorting. */
#define SEARCH_WALK_HITS 1000

/* Rows strictly after (sort_time, id) in list order, which is descending. */
#define AFTER_KEY "(i.sort_time < ?2 OR (i.sort_time = ?2 AND i.id < ?3))"
#define BEFORE_KEY "(i.sort_time > ?2 OR (i.sort_time = ?2 AND i.id > ?3))"

char *view_fts_query(const char *words)
{
	struct search_terms t;
	char *match;

	search_parse(words, &t);
	match = t.match;
	t.match = NULL;
	search_terms_free(&t);
	return match;
}

static void append_id_list(struct buf *b, const int64_t *ids, int count)
{
	buf_puts(b, "(");
	for (int i = 0; i < count; i++)
		buf_printf(b, "%s%lld", i ? "," : "", (long long)ids[i]);
	buf_puts(b, ")");
}

/* A search read for SQL: its words as an FTS5 expression, and its feed:, tag:, unread and
 * saved narrowing. */
struct search_plan {
	struct search_terms terms;
	int narrowed; /* feed: or tag: given: ids holds the feeds they name */
	int64_t *ids;
	int id_count;
	/* the words with each prefix as the OR of its words (search_parse_expanded), for
	 * counting and for walking the list: the same articles as terms.match, read a row at a
	 * time. terms.match stays what relevance is ranked by (bm25 weighs a prefix as one
	 * term), over at most SEARCH_RANK_MAX matches. */
	char *fast_match;
};

static void plan_add_id(struct search_plan *p, int64_t id)
{
	for (int i = 0; i < p->id_count; i++)
		if (p->ids[i] == id)
			return;
	p->ids = xrealloc(p->ids, sizeof(*p->ids) * (size_t)(p->id_count + 1));
	p->ids[p->id_count++] = id;
}

/* feed:NAME: every feed whose title or URL holds NAME, ignoring ASCII case. */
static void plan_feeds_named(struct cache *c, struct search_plan *p, const char *name)
{
	sqlite3_stmt *st = cache_prepare(
	    c, "SELECT id FROM feeds WHERE instr(lower(coalesce(title, '')), lower(?1)) > 0"
	       " OR instr(lower(url), lower(?1)) > 0");
	if (!st)
		return;
	cache_bind_text(st, 1, name);
	while (sqlite3_step(st) == SQLITE_ROW)
		plan_add_id(p, sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
}

static void plan_feeds_tagged(struct cache *c, struct search_plan *p, const struct view_query *q,
                              const char *tag)
{
	const char **urls = q->tag_urls ? q->tag_urls(q->tag_ctx, tag) : NULL;
	sqlite3_stmt *st;

	if (!urls)
		return;
	st = cache_prepare(c, "SELECT id FROM feeds WHERE url = ?1");
	for (int i = 0; st && urls[i]; i++) {
		cache_bind_text(st, 1, urls[i]);
		if (sqlite3_step(st) == SQLITE_ROW)
			plan_add_id(p, sqlite3_column_int64(st, 0));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	free(urls);
}

/* A prefix expands to its words while they are at most this many; past that, FTS5's own
 * prefix query (a prefix of many words is a short one, which a user types on the way to a
 * longer one). */
#define PREFIX_WORDS_MAX 64

/* The words of the index that start with prefix (lower case ASCII letters and digits), in
 * order, at most PREFIX_WORDS_MAX + 1 of them; see search_expand_fn. They are read from the
 * index's term list through an fts5vocab table of this connection, one seek a word: its
 * "instance" kind reads an entry at a time, where "row" would count each word's whole list
 * before giving it. */
static int expand_prefix_uncached(struct cache *c, const char *prefix, struct buf *out);

/* The last prefix listed on this thread: as you type, each key counts the matches and reads a
 * screen of them, and each asks for the same prefixes again; listing one costs a seek into
 * every segment of the index per word. It is listed again on another connection (the serial
 * of its open), or when the cache has changed since: another connection committed
 * (data_version) or this one wrote (total_changes). */
static _Thread_local struct {
	uint64_t serial;
	char *prefix;
	int64_t data_version, changes;
	struct buf words;
	int count;
} last_prefix;

static int64_t data_version(struct cache *c)
{
	sqlite3_stmt *st = cache_kept(c, "PRAGMA data_version");
	int64_t v = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return v;
}

static int expand_prefix(void *ctx, const char *prefix, struct buf *out)
{
	struct cache *c = ctx;
	int64_t version = data_version(c), changes = sqlite3_total_changes64(c->db);
	int n;

	if (last_prefix.serial != c->serial || !last_prefix.prefix ||
	    strcmp(last_prefix.prefix, prefix) != 0 || last_prefix.data_version != version ||
	    last_prefix.changes != changes) {
		free(last_prefix.prefix);
		buf_free(&last_prefix.words);
		buf_init(&last_prefix.words);
		last_prefix.serial = c->serial;
		last_prefix.prefix = xstrdup(prefix);
		last_prefix.data_version = version;
		last_prefix.changes = changes;
		last_prefix.count = expand_prefix_uncached(c, prefix, &last_prefix.words);
	}
	if (last_prefix.words.len)
		buf_append(out, last_prefix.words.data, last_prefix.words.len);
	n = last_prefix.count;
	if (version < 0) { /* the cache's state is unknown: not kept */
		free(last_prefix.prefix);
		last_prefix.prefix = NULL;
	}
	return n;
}

static int expand_prefix_uncached(struct cache *c, const char *prefix, struct buf *out)
{
	size_t len = strlen(prefix);
	char *end = xstrdup(prefix), *from = xstrdup(prefix);
	sqlite3_stmt *st;
	int n = 0;

	/* past every word with the prefix: its last character, one up ('z' + 1 and '9' + 1 are
	 * still single bytes) */
	end[len - 1]++;
	if (cache_exec(c, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.items_terms"
	                  " USING fts5vocab(main, items_fts, instance)") != 0 ||
	    !(st = cache_prepare(c, "SELECT term FROM temp.items_terms"
	                            " WHERE term >= ?1 AND term < ?2 LIMIT 1"))) {
		free(end);
		free(from);
		return -1;
	}
	while (n <= PREFIX_WORDS_MAX) {
		const char *w;
		cache_bind_text(st, 1, from);
		cache_bind_text(st, 2, end);
		if (sqlite3_step(st) != SQLITE_ROW ||
		    !(w = (const char *)sqlite3_column_text(st, 0)))
			break;
		buf_append(out, w, strlen(w) + 1);
		n++;
		/* the next word: the least string after w is w followed by byte 1 */
		free(from);
		from = xasprintf("%s\x01", w);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	free(end);
	free(from);
	return n > PREFIX_WORDS_MAX ? -1 : n;
}

static void plan_make(struct cache *c, const struct view_query *q, struct search_plan *p)
{
	memset(p, 0, sizeof(*p));
	struct search_terms fast;

	search_parse(q->search, &p->terms);
	if (p->terms.match && strchr(p->terms.match, '*')) {
		search_parse_expanded(q->search, &fast, expand_prefix, c);
		p->fast_match = fast.match;
		fast.match = NULL;
		search_terms_free(&fast);
	}
	p->narrowed = p->terms.feed_count > 0 || p->terms.tag_count > 0;
	for (int i = 0; i < p->terms.feed_count; i++)
		plan_feeds_named(c, p, p->terms.feeds[i]);
	for (int i = 0; i < p->terms.tag_count; i++)
		plan_feeds_tagged(c, p, q, p->terms.tags[i]);
}

static const char *plan_fast_match(const struct search_plan *p)
{
	return p->fast_match ? p->fast_match : p->terms.match;
}

static void plan_free(struct search_plan *p)
{
	search_terms_free(&p->terms);
	free(p->fast_match);
	free(p->ids);
}

/* feed:, tag:, unread and saved of a search. */
static void append_narrowing(struct buf *b, const struct search_plan *p)
{
	if (p->narrowed) {
		buf_puts(b, " AND i.feed_id IN ");
		append_id_list(b, p->ids, p->id_count);
	}
	if (p->terms.unread)
		buf_puts(b, " AND i.read = 0");
	if (p->terms.saved)
		buf_puts(b, " AND i.saved = 1");
}

/* The WHERE clause of a view; parameter ?1 is the search query when there is one (and match
 * is set: a walk in chunks, walk_search, asks the index itself). The ids are integers
 * formatted here, never text from outside. */
static void append_filter_match(struct buf *b, const struct view_query *q,
                                const struct search_plan *p, int match)
{
	buf_puts(b, " WHERE 1");
	switch (q->kind) {
	case VIEW_ALL:
		break;
	case VIEW_UNREAD:
		buf_puts(b, " AND i.read = 0");
		break;
	case VIEW_SAVED:
		buf_puts(b, " AND i.saved = 1");
		break;
	case VIEW_FEED:
	case VIEW_TAG:
		buf_puts(b, " AND i.feed_id IN ");
		append_id_list(b, q->feed_ids, q->feed_count);
		break;
	case VIEW_SEARCH:
		if (search_terms_empty(&p->terms)) {
			buf_puts(b, " AND 0");
			break;
		}
		append_narrowing(b, p);
		if (!p->terms.match || !match)
			break;
		/* Few matches are looked up by id and sorted. Many are met walking the time index
		 * until a window is full, each row asked of the index on its own (FTS5 seeks its
		 * lists to one rowid), which never reads all the matches. */
		if (q->search_hits > SEARCH_WALK_HITS)
			buf_puts(b, " AND EXISTS (SELECT 1 FROM items_fts WHERE items_fts MATCH ?1"
			            " AND items_fts.rowid = i.id)");
		else
			buf_puts(
			    b,
			    " AND i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?1)");
		break;
	}
	if (q->unread_only && q->kind != VIEW_UNREAD)
		buf_puts(b, " AND i.read = 0");
	if (q->where)
		buf_printf(b, " AND (%s)", filter_sql_text(q->where));
}

static void append_filter(struct buf *b, const struct view_query *q, const struct search_plan *p)
{
	append_filter_match(b, q, p, 1);
}

/* Prepares SQL for the view with the search's plan (made here when given is NULL) and binds
 * the search query as ?1 (NULL when there is no search; unused then); without match, the
 * search's words are left out of the conditions. */
static sqlite3_stmt *prepare_view_match(struct cache *c, const struct view_query *q,
                                        const char *head, const char *extra, const char *tail,
                                        int match, const struct search_plan *given)
{
	struct search_plan plan;
	const struct search_plan *p = given ? given : &plan;
	struct buf b;
	sqlite3_stmt *st;

	if (!given && q->kind == VIEW_SEARCH)
		plan_make(c, q, &plan);
	else if (!given)
		memset(&plan, 0, sizeof(plan));
	buf_init(&b);
	buf_puts(&b, head);
	append_filter_match(&b, q, p, match);
	if (extra)
		buf_puts(&b, extra);
	if (tail)
		buf_puts(&b, tail);
	st = cache_prepare(c, b.data);
	buf_free(&b);
	if (st && p->terms.match)
		cache_bind_text(st, 1, plan_fast_match(p));
	else if (st)
		sqlite3_bind_null(st, 1);
	if (st && q->where)
		filter_sql_bind(q->where, st);
	if (!given)
		plan_free(&plan);
	return st;
}

static sqlite3_stmt *prepare_view(struct cache *c, const struct view_query *q, const char *head,
                                  const char *extra, const char *tail)
{
	return prepare_view_match(c, q, head, extra, tail, 1, NULL);
}

static void read_row(sqlite3_stmt *st, struct view_row *r);

/* ---- a search of many matches, walked in chunks ---- */

/* Rows of the first chunk; each next one is twice as large, up to WALK_CHUNK_MAX. */
#define WALK_CHUNK_FIRST 64
#define WALK_CHUNK_MAX 4096

/* Whether a search is read by walking the list in order (many matches). */
static int walks(const struct view_query *q)
{
	return q->kind == VIEW_SEARCH && q->search_hits > SEARCH_WALK_HITS;
}

/* cache_read_rows' reader of an id in the first column. */
static void id_read(sqlite3_stmt *st, void *row, void *user)
{
	(void)user;
	*(int64_t *)row = sqlite3_column_int64(st, 0);
}

/* The rowids in [lo, hi] the FTS5 expression matches, ascending, into *ids (malloc'd);
 * returns how many, or -1 with *ids NULL. */
static int matches_in_range(struct cache *c, const char *match, int64_t lo, int64_t hi,
                            int64_t **ids)
{
	sqlite3_stmt *st = cache_prepare(c, "SELECT rowid FROM items_fts WHERE items_fts MATCH ?1"
	                                    " AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid");
	void *rows;
	int n;

	if (st) {
		cache_bind_text(st, 1, match);
		sqlite3_bind_int64(st, 2, lo);
		sqlite3_bind_int64(st, 3, hi);
	}
	if (cache_read_rows(st, sizeof(**ids), id_read, NULL, &rows, &n) != 0) {
		free(rows);
		*ids = NULL;
		return -1;
	}
	*ids = rows;
	return n;
}

static int has_id(const int64_t *ids, int n, int64_t id)
{
	int lo = 0, hi = n - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return 1;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

/* The rows of a search of many matches from the skip-th match on, in list order, handed to
 * take until it returns 0 or the list ends. The list is read a chunk of rows at a time (its
 * other conditions applied by SQLite), and each chunk's matches are asked of the index once,
 * over the chunk's range of ids: FTS5 then reads its lists only within that range. Asking it
 * of each row on its own (EXISTS ... rowid = i.id) cost a seek into every segment of the index
 * per row: 0.7 ms a row on 100,000 articles in 15 segments. columns must end with
 * i.sort_time, i.id. Returns 0, or -1. */
static int walk_search(struct cache *c, const struct view_query *q, const char *columns, int skip,
                       int (*take)(sqlite3_stmt *st, void *ctx), void *ctx)
{
	struct search_plan plan;
	int64_t key_time = INT64_MAX, key_id = INT64_MAX;
	int chunk = WALK_CHUNK_FIRST, more = 1, rc = 0;
	int n_columns = 0;
	char tail[96];
	struct buf head;

	plan_make(c, q, &plan);
	buf_init(&head);
	buf_printf(&head, "SELECT %s FROM items i JOIN feeds f ON f.id = i.feed_id", columns);
	while (more && rc == 0) {
		sqlite3_stmt *st;
		int64_t lo = INT64_MAX, hi = INT64_MIN, *ids = NULL;
		int rows = 0, n;

		snprintf(tail, sizeof(tail), " ORDER BY i.sort_time DESC, i.id DESC LIMIT %d",
		         chunk);
		st = prepare_view_match(c, q, head.data, " AND " AFTER_KEY, tail, 0, &plan);
		if (!st) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(st, 2, key_time);
		sqlite3_bind_int64(st, 3, key_id);
		n_columns = sqlite3_column_count(st);
		/* first pass: the chunk's range of ids */
		while (sqlite3_step(st) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, n_columns - 1);
			lo = id < lo ? id : lo;
			hi = id > hi ? id : hi;
			key_time = sqlite3_column_int64(st, n_columns - 2);
			key_id = id;
			rows++;
		}
		if (rows == 0 ||
		    (n = matches_in_range(c, plan_fast_match(&plan), lo, hi, &ids)) < 0) {
			rc = rows == 0 ? 0 : -1;
			sqlite3_finalize(st);
			break;
		}
		/* second pass: the rows that match, in order */
		sqlite3_reset(st);
		while (more && sqlite3_step(st) == SQLITE_ROW) {
			if (!has_id(ids, n, sqlite3_column_int64(st, n_columns - 1)))
				continue;
			if (skip > 0)
				skip--;
			else
				more = take(st, ctx);
		}
		sqlite3_finalize(st);
		free(ids);
		if (rows < chunk)
			break;
		chunk = chunk * 2 > WALK_CHUNK_MAX ? WALK_CHUNK_MAX : chunk * 2;
	}
	buf_free(&head);
	plan_free(&plan);
	return rc;
}

struct rows_taken {
	struct view_row *rows;
	int n, limit;
};

static int take_row(sqlite3_stmt *st, void *ctx)
{
	struct rows_taken *t = ctx;

	read_row(st, &t->rows[t->n++]);
	return t->n < t->limit;
}

struct ids_taken {
	int64_t *ids;
	int n, limit;
};

static int take_id(sqlite3_stmt *st, void *ctx)
{
	struct ids_taken *t = ctx;

	t->ids[t->n++] = sqlite3_column_int64(st, 0);
	return t->n < t->limit;
}

void view_rows_free(struct view_row *rows, int count)
{
	for (int i = 0; i < count; i++) {
		free(rows[i].title);
		free(rows[i].feed_title);
	}
	free(rows);
}

static void read_row(sqlite3_stmt *st, struct view_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->feed_id = sqlite3_column_int64(st, 1);
	r->sort_time = sqlite3_column_int64(st, 2);
	r->title = cache_column_text(st, 3);
	r->feed_title = cache_column_text(st, 4);
	r->read = sqlite3_column_int(st, 5);
	r->saved = sqlite3_column_int(st, 6);
}

int view_fetch(struct cache *c, const struct view_query *q, int offset, int limit, int total,
               struct view_row **rows)
{
	/* Reading from the end keeps the OFFSET walk under half the view. */
	int from_end = total > 0 && offset > total / 2;
	int skip = offset, n = 0;
	struct view_row *out;
	sqlite3_stmt *st;
	char tail[96];

	*rows = NULL;
	if (limit <= 0 || offset < 0)
		return 0;
	if (from_end) {
		skip = total - offset - limit;
		if (skip < 0) {
			limit += skip;
			skip = 0;
		}
		if (limit <= 0)
			return 0;
	}
	if (walks(q) && !from_end) {
		struct rows_taken t = {xcalloc((size_t)limit, sizeof(*t.rows)), 0, limit};
		if (walk_search(c, q, ROW_COLUMNS ", i.sort_time, i.id", skip, take_row, &t) != 0) {
			view_rows_free(t.rows, t.n);
			return -1;
		}
		*rows = t.rows;
		return t.n;
	}
	snprintf(tail, sizeof(tail), " ORDER BY i.sort_time %s, i.id %s LIMIT %d OFFSET %d",
	         from_end ? "ASC" : "DESC", from_end ? "ASC" : "DESC", limit, skip);
	st = prepare_view(c, q,
	                  "SELECT " ROW_COLUMNS " FROM items i JOIN feeds f ON f.id = i.feed_id",
	                  NULL, tail);
	if (!st)
		return -1;
	out = xcalloc((size_t)limit, sizeof(*out));
	while (n < limit && sqlite3_step(st) == SQLITE_ROW)
		read_row(st, &out[n++]);
	sqlite3_finalize(st);
	if (from_end)
		for (int i = 0; i < n / 2; i++) {
			struct view_row t = out[i];
			out[i] = out[n - 1 - i];
			out[n - 1 - i] = t;
		}
	*rows = out;
	return n;
}

static int single_int(sqlite3_stmt *st)
{
	int v = -1;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Sums a column of feed_counts (kept by the schema's triggers) over some feeds, or all. */
static int sum_counts(struct cache *c, const char *column, const int64_t *ids, int count)
{
	struct buf b;
	sqlite3_stmt *st;

	buf_init(&b);
	buf_printf(&b, "SELECT coalesce(sum(%s), 0) FROM feed_counts", column);
	if (ids) {
		buf_puts(&b, " WHERE feed_id IN ");
		append_id_list(&b, ids, count);
	}
	st = cache_prepare(c, b.data);
	buf_free(&b);
	return single_int(st);
}

static int fts_count_upto(struct cache *c, const char *match, int cap);

/* Articles an FTS5 expression matches, counted by the index alone. */
static int fts_count(struct cache *c, const char *match)
{
	sqlite3_stmt *st =
	    cache_prepare(c, "SELECT count(*) FROM items_fts WHERE items_fts MATCH ?1");
	if (st)
		cache_bind_text(st, 1, match);
	return single_int(st);
}

int view_count(struct cache *c, const struct view_query *q)
{
	const char *column = q->unread_only ? "unread" : "total";

	if (q->where) /* the counts kept per feed do not know the condition */
		return single_int(prepare_view(c, q, "SELECT count(*) FROM items i", NULL, NULL));
	switch (q->kind) {
	case VIEW_ALL:
		return sum_counts(c, column, NULL, 0);
	case VIEW_UNREAD:
		return sum_counts(c, "unread", NULL, 0);
	case VIEW_FEED:
	case VIEW_TAG:
		return q->feed_count > 0 ? sum_counts(c, column, q->feed_ids, q->feed_count) : 0;
	case VIEW_SEARCH: {
		/* Words alone over everything are counted by the index, without the items. */
		struct search_plan p;
		int words_only, n = -1;
		plan_make(c, q, &p);
		words_only = p.terms.match && !p.narrowed && !p.terms.unread && !p.terms.saved &&
		             !q->unread_only;
		if (words_only)
			n = fts_count(c, plan_fast_match(&p));
		plan_free(&p);
		if (words_only)
			return n;
		break;
	}
	case VIEW_SAVED:
		break;
	}
	return single_int(prepare_view(c, q, "SELECT count(*) FROM items i", NULL, NULL));
}

int view_count_upto(struct cache *c, const struct view_query *q, int cap)
{
	char tail[48];

	if (q->kind == VIEW_SEARCH && !q->where) {
		struct search_plan p;
		int words_only, n = -1;
		plan_make(c, q, &p);
		words_only = p.terms.match && !p.narrowed && !p.terms.unread && !p.terms.saved &&
		             !q->unread_only;
		if (words_only)
			n = fts_count_upto(c, plan_fast_match(&p), cap);
		plan_free(&p);
		if (words_only)
			return n;
	} else if (q->kind != VIEW_SEARCH && q->kind != VIEW_SAVED && !q->where) {
		return view_count(c, q); /* kept per feed: costs nothing */
	}
	snprintf(tail, sizeof(tail), " LIMIT %d)", cap + 1);
	return single_int(
	    prepare_view(c, q, "SELECT count(*) FROM (SELECT 1 FROM items i", NULL, tail));
}

int view_position(struct cache *c, const struct view_query *q, int64_t sort_time, int64_t id)
{
	sqlite3_stmt *st =
	    prepare_view(c, q, "SELECT count(*) FROM items i", " AND " BEFORE_KEY, NULL);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 2, sort_time);
	sqlite3_bind_int64(st, 3, id);
	return single_int(st);
}

int view_find_unread(struct cache *c, const struct view_query *q, int64_t sort_time, int64_t id,
                     int dir)
{
	sqlite3_stmt *st;
	int64_t t, found;
	int rc;

	if (dir > 0)
		st = prepare_view(c, q, "SELECT i.sort_time, i.id FROM items i",
		                  " AND i.read = 0 AND " AFTER_KEY,
		                  " ORDER BY i.sort_time DESC, i.id DESC LIMIT 1");
	else
		st = prepare_view(c, q, "SELECT i.sort_time, i.id FROM items i",
		                  " AND i.read = 0 AND " BEFORE_KEY,
		                  " ORDER BY i.sort_time ASC, i.id ASC LIMIT 1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 2, sort_time);
	sqlite3_bind_int64(st, 3, id);
	rc = sqlite3_step(st);
	t = sqlite3_column_int64(st, 0);
	found = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return -1;
	return view_position(c, q, t, found);
}

int view_unread_count(struct cache *c, const int64_t *feed_ids, int feed_count)
{
	return sum_counts(c, "unread", feed_count > 0 ? feed_ids : NULL, feed_count);
}

static int set_flag(struct cache *c, const char *sql, int64_t id, int value)
{
	sqlite3_stmt *st = cache_prepare(c, sql);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, value ? 1 : 0);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int view_set_read(struct cache *c, int64_t id, int read)
{
	return set_flag(c, "UPDATE items SET read = ?1 WHERE id = ?2", id, read);
}

int view_set_saved(struct cache *c, int64_t id, int saved)
{
	return set_flag(c, "UPDATE items SET saved = ?1 WHERE id = ?2", id, saved);
}

int view_unread_ids(struct cache *c, const struct view_query *q, int64_t **ids)
{
	sqlite3_stmt *st = prepare_view(c, q, "SELECT i.id FROM items i", " AND i.read = 0", NULL);
	void *v;
	int n;

	if (cache_read_rows(st, sizeof(**ids), id_read, NULL, &v, &n) != 0) {
		free(v);
		*ids = NULL;
		return -1;
	}
	*ids = v;
	return n;
}

int view_set_read_many(struct cache *c, const int64_t *ids, int count, int read)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	if (cache_begin(c) != 0)
		return -1;
	st = cache_prepare(c, "UPDATE items SET read = ?1 WHERE id = ?2");
	if (!st) {
		cache_rollback(c);
		return -1;
	}
	sqlite3_bind_int(st, 1, read ? 1 : 0);
	for (int i = 0; i < count && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(st, 2, ids[i]);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || cache_commit(c) != 0) {
		cache_rollback(c);
		return -1;
	}
	return 0;
}

int view_mark_all_read(struct cache *c, const struct view_query *q)
{
	sqlite3_stmt *st;
	int rc, changed;

	if (cache_begin(c) != 0)
		return -1;
	st = prepare_view(c, q, "UPDATE items SET read = 1 WHERE id IN (SELECT i.id FROM items i",
	                  " AND i.read = 0)", NULL);
	if (!st) {
		cache_rollback(c);
		return -1;
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	changed = sqlite3_changes(c->db);
	if (rc != SQLITE_DONE || cache_commit(c) != 0) {
		cache_rollback(c);
		return -1;
	}
	return changed;
}

static void view_feed_read(sqlite3_stmt *st, void *row, void *user)
{
	struct view_feed *f = row;

	(void)user;
	f->id = sqlite3_column_int64(st, 0);
	f->url = cache_column_text(st, 1);
	f->title = cache_column_text(st, 2);
	f->last_error = cache_column_text(st, 3);
	f->error_time = sqlite3_column_int64(st, 4);
	f->parse_warning = cache_column_text(st, 5);
}

int view_feeds(struct cache *c, struct view_feed **feeds, int *count)
{
	sqlite3_stmt *st =
	    cache_prepare(c, "SELECT id, url, title, last_error, error_time, parse_warning"
	                     " FROM feeds"
	                     " ORDER BY id");
	void *v;

	if (cache_read_rows(st, sizeof(**feeds), view_feed_read, NULL, &v, count) != 0) {
		view_feeds_free(v, *count);
		*feeds = NULL;
		*count = 0;
		return -1;
	}
	*feeds = v;
	return 0;
}

void view_feeds_free(struct view_feed *feeds, int count)
{
	for (int i = 0; i < count; i++) {
		free(feeds[i].url);
		free(feeds[i].title);
		free(feeds[i].last_error);
		free(feeds[i].parse_warning);
	}
	free(feeds);
}

/* Ranking reads the best CANDIDATES matches by relevance alone from the index (bm25, negative,
 * lower is better; weights of title, author, body, feed), then weighs those by age: their
 * score is divided by 1 + their age in months, so that an old article needs a better match.
 * Only the candidates' rows are read. */
#define CANDIDATES 200
#define RELEVANCE "bm25(items_fts, 10.0, 4.0, 1.0, 4.0)"
#define RANK_EXPR "m.score / (1.0 + max(0, ?2 - i.sort_time) / 2592000.0)"

/* Matches of an FTS5 expression, counted up to cap + 1 (the index's lists are read no
 * further). */
static int fts_count_upto(struct cache *c, const char *match, int cap)
{
	sqlite3_stmt *st = cache_prepare(c, "SELECT count(*) FROM (SELECT rowid FROM items_fts"
	                                    " WHERE items_fts MATCH ?1 LIMIT ?2)");
	if (!st)
		return -1;
	cache_bind_text(st, 1, match);
	sqlite3_bind_int(st, 2, cap + 1);
	return single_int(st);
}

int view_search_ranked(struct cache *c, const struct view_query *q, int limit, int64_t **ids)
{
	struct view_query walk = *q;
	struct search_plan plan;
	struct buf b;
	sqlite3_stmt *st;
	int64_t *out;
	int n = 0, hits = -1, ranked;

	*ids = NULL;
	if (limit <= 0)
		return 0;
	walk.kind = VIEW_SEARCH;
	plan_make(c, &walk, &plan);
	if (plan.terms.match)
		hits = fts_count_upto(c, plan_fast_match(&plan), SEARCH_RANK_MAX);
	buf_init(&b);
	ranked = plan.terms.match && hits >= 0 && hits <= SEARCH_RANK_MAX;
	if (ranked) {
		int narrowed =
		    plan.narrowed || plan.terms.unread || plan.terms.saved || q->unread_only;
		/* narrowed, every match is a candidate: the best ones may be narrowed away */
		buf_printf(&b,
		           "SELECT i.id FROM (SELECT rowid AS id, " RELEVANCE " AS score"
		           " FROM items_fts WHERE items_fts MATCH ?1 ORDER BY score LIMIT %d) m"
		           " JOIN items i ON i.id = m.id WHERE 1",
		           narrowed ? SEARCH_RANK_MAX + 1
		                    : (limit > CANDIDATES ? limit : CANDIDATES));
		append_narrowing(&b, &plan);
		if (q->unread_only)
			buf_puts(&b, " AND i.read = 0");
		buf_puts(&b, " ORDER BY " RANK_EXPR ", i.id DESC");
	} else if (plan.terms.match && hits > SEARCH_WALK_HITS) {
		struct ids_taken t = {xmalloc(sizeof(*t.ids) * (size_t)limit), 0, limit};
		walk.search_hits = hits;
		buf_free(&b);
		plan_free(&plan);
		if (walk_search(c, &walk, "i.id, i.sort_time, i.id", 0, take_id, &t) != 0) {
			free(t.ids);
			return -1;
		}
		*ids = t.ids;
		return t.n;
	} else {
		buf_puts(&b, "SELECT i.id FROM items i");
		walk.search_hits = hits;
		append_filter(&b, &walk, &plan);
		buf_puts(&b, " ORDER BY i.sort_time DESC, i.id DESC");
	}
	buf_printf(&b, " LIMIT %d", limit);
	st = cache_prepare(c, b.data);
	buf_free(&b);
	if (!st) {
		plan_free(&plan);
		return -1;
	}
	/* ranked: by the words as typed (over at most SEARCH_RANK_MAX matches); walked: by the
	 * expanded words, tested a row at a time */
	if (plan.terms.match)
		cache_bind_text(st, 1, ranked ? plan.terms.match : plan_fast_match(&plan));
	sqlite3_bind_int64(st, 2, (int64_t)time(NULL));
	out = xmalloc(sizeof(*out) * (size_t)limit);
	while (n < limit && sqlite3_step(st) == SQLITE_ROW)
		out[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	plan_free(&plan);
	*ids = out;
	return n;
}
