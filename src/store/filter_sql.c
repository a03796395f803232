/* Filter trees as SQL conditions: see filter_sql.h. */
#include "store/filter_sql.h"
#include "store/internal.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NODE_POINTER_TYPE "tidings_filter_node"

enum param_kind { PARAM_TEXT, PARAM_INT, PARAM_NODE };

struct param {
	enum param_kind kind;
	const char *text;
	long long number;
	const struct filter_node *node;
};

struct filter_sql {
	struct buf text;
	struct param *params;
	int param_count;
};

/* What a feed is, for the feed attributes. */
struct feed_values {
	int64_t id;
	char *url, *title, *link, *description;
	const char *tags;
	int index;
	long long unread, total;
	char number[32]; /* the text of the last number asked for */
};

/* tidings_filter(node, value): filter_compare of the comparison bound as a pointer. */
static void sql_filter_compare(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct filter_node *n = sqlite3_value_pointer(argv[0], NODE_POINTER_TYPE);
	(void)argc;
	if (!n) {
		sqlite3_result_error(ctx, "tidings_filter: no comparison bound", -1);
		return;
	}
	sqlite3_result_int(ctx, filter_compare(n, (const char *)sqlite3_value_text(argv[1])));
}

/* tidings_filter_date(time): newsboat's form of a date. */
static void sql_filter_date(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char when[64];
	(void)argc;
	filter_format_date(sqlite3_value_int64(argv[0]), when, sizeof(when));
	sqlite3_result_text(ctx, when, -1, SQLITE_TRANSIENT);
}

/* Once per connection; a second registration while statements using the functions run is
 * refused by SQLite (SQLITE_BUSY), which only means they are there already. */
static void register_functions(sqlite3 *db)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;

	sqlite3_create_function(db, "tidings_filter", 2, flags, NULL, sql_filter_compare, NULL,
	                        NULL);
	sqlite3_create_function(db, "tidings_filter_date", 1, flags, NULL, sql_filter_date, NULL,
	                        NULL);
}

static int add_param(struct filter_sql *fs, struct param p)
{
	fs->params = xrealloc(fs->params, (size_t)(fs->param_count + 1) * sizeof(*fs->params));
	fs->params[fs->param_count] = p;
	return FILTER_SQL_FIRST_PARAM + fs->param_count++;
}

/* The SQL text of an article attribute, as newsboat shows it (text, so that = compares text
 * with the literal's text, as newsboat does). */
static const char *item_expression(enum filter_attr a)
{
	switch (a) {
	case FILTER_TITLE:
		return "coalesce(i.title, '')";
	case FILTER_LINK:
		return "coalesce(i.link, '')";
	case FILTER_AUTHOR:
		return "coalesce(i.author, '')";
	case FILTER_CONTENT:
		return "coalesce(nullif(i.content, ''), i.summary, '')";
	case FILTER_DATE:
		return "tidings_filter_date(i.sort_time)";
	case FILTER_GUID:
		return "i.guid";
	case FILTER_UNREAD:
		return "CASE WHEN i.read = 0 THEN 'yes' ELSE 'no' END";
	case FILTER_SAVED:
		return "CASE WHEN i.saved = 1 THEN 'yes' ELSE 'no' END";
	case FILTER_FLAGS:
		/* tidings keeps one flag, saved, which newsboat's import makes of flagged articles
		 */
		return "CASE WHEN i.saved = 1 THEN 's' ELSE '' END";
	case FILTER_ENCLOSURE_URL:
		return "coalesce(json_extract(i.enclosures, '$[0].url'), '')";
	case FILTER_ENCLOSURE_TYPE:
		return "coalesce(json_extract(i.enclosures, '$[0].type'), '')";
	case FILTER_FULLTEXT:
		return "coalesce(i.fulltext, '')";
	case FILTER_ARTICLEINDEX:
		/* the article's place in its feed, newest first, from 1 */
		return "CAST(1 + (SELECT count(*) FROM items j WHERE j.feed_id = i.feed_id AND"
		       " (j.sort_time > i.sort_time OR (j.sort_time = i.sort_time AND j.id > "
		       "i.id)))"
		       " AS TEXT)";
	default:
		return NULL;
	}
}

static const char *feed_value(enum filter_attr a, void *ctx)
{
	struct feed_values *f = ctx;

	switch (a) {
	case FILTER_FEEDTITLE:
		return f->title;
	case FILTER_FEEDLINK:
		return f->link;
	case FILTER_RSSURL:
		return f->url;
	case FILTER_DESCRIPTION:
		return f->description;
	case FILTER_TAGS:
		return f->tags;
	case FILTER_UNREAD_COUNT:
		snprintf(f->number, sizeof(f->number), "%lld", f->unread);
		return f->number;
	case FILTER_TOTAL_COUNT:
		snprintf(f->number, sizeof(f->number), "%lld", f->total);
		return f->number;
	case FILTER_FEEDINDEX:
		snprintf(f->number, sizeof(f->number), "%d", f->index);
		return f->number;
	default:
		return NULL;
	}
}

struct feeds {
	struct feed_values *v;
	int count;
};

static void feeds_free(struct feeds *fs)
{
	for (int i = 0; i < fs->count; i++) {
		free(fs->v[i].url);
		free(fs->v[i].title);
		free(fs->v[i].link);
		free(fs->v[i].description);
	}
	free(fs->v);
}

/* A feed's row, with what the feeds file says of it (scope): its place, tags and custom
 * title. */
static void feed_values_read(sqlite3_stmt *st, void *row, void *user)
{
	const struct filter_scope *scope = user;
	struct feed_values *v = row;

	v->id = sqlite3_column_int64(st, 0);
	v->url = cache_column_text(st, 1);
	v->title = cache_column_text(st, 2);
	v->link = cache_column_text(st, 3);
	v->description = cache_column_text(st, 4);
	v->unread = sqlite3_column_int64(st, 5);
	v->total = sqlite3_column_int64(st, 6);
	for (int k = 0; scope && k < scope->feed_count; k++) {
		const struct filter_feed_info *info = &scope->feeds[k];
		if (!v->url || !info->url || strcmp(info->url, v->url) != 0)
			continue;
		v->index = k + 1;
		v->tags = info->tags;
		if (info->title && *info->title) {
			free(v->title);
			v->title = xstrdup(info->title);
		}
		break;
	}
}

static int feeds_load(struct cache *c, const struct filter_scope *scope, struct feeds *out)
{
	sqlite3_stmt *st = cache_prepare(
	    c, "SELECT f.id, f.url, f.title, f.site_link, f.description, coalesce(n.unread, 0),"
	       " coalesce(n.total, 0) FROM feeds f LEFT JOIN feed_counts n ON n.feed_id = f.id");
	void *v;

	if (cache_read_rows(st, sizeof(*out->v), feed_values_read, (void *)scope, &v,
	                    &out->count) != 0) {
		out->v = v;
		feeds_free(out);
		memset(out, 0, sizeof(*out));
		return -1;
	}
	out->v = v;
	return 0;
}

/* A comparison of a feed attribute: the feeds it holds for. */
static void feed_condition(struct filter_sql *fs, const struct filter_node *n, struct feeds *feeds)
{
	int any = 0;

	buf_puts(&fs->text, "i.feed_id IN (");
	for (int k = 0; k < feeds->count; k++) {
		if (!filter_compare(n, feed_value(n->attr, &feeds->v[k])))
			continue;
		buf_printf(&fs->text, "%s%lld", any ? "," : "", (long long)feeds->v[k].id);
		any = 1;
	}
	buf_puts(&fs->text, ")");
}

/* unread or saved = or != "yes" or "no": the flag itself, so that its index serves. */
static int flag_condition(struct filter_sql *fs, const struct filter_node *n)
{
	int yes;

	if ((n->attr != FILTER_UNREAD && n->attr != FILTER_SAVED) ||
	    (n->op != FILTER_EQ && n->op != FILTER_NE))
		return 0;
	if (strcmp(n->value, "yes") == 0)
		yes = 1;
	else if (strcmp(n->value, "no") == 0)
		yes = 0;
	else
		return 0;
	if (n->op == FILTER_NE)
		yes = !yes;
	if (n->attr == FILTER_UNREAD)
		buf_puts(&fs->text, yes ? "i.read = 0" : "i.read <> 0");
	else
		buf_puts(&fs->text, yes ? "i.saved = 1" : "i.saved <> 1");
	return 1;
}

static void item_condition(struct filter_sql *fs, const struct filter_node *n, int64_t now)
{
	char age[64];
	const char *e = item_expression(n->attr);
	int k;

	if (flag_condition(fs, n))
		return;
	if (n->attr == FILTER_AGE) {
		k = add_param(fs, (struct param){.kind = PARAM_INT, .number = now});
		snprintf(age, sizeof(age), "CAST((?%d - i.sort_time) / 86400 AS TEXT)", k);
		e = age;
	}
	if (n->op == FILTER_EQ || n->op == FILTER_NE) {
		k = add_param(fs, (struct param){.kind = PARAM_TEXT, .text = n->value});
		buf_printf(&fs->text, "%s %s ?%d", e, n->op == FILTER_EQ ? "=" : "<>", k);
		return;
	}
	k = add_param(fs, (struct param){.kind = PARAM_NODE, .node = n});
	buf_printf(&fs->text, "tidings_filter(?%d, %s)", k, e);
}

static void node_condition(struct filter_sql *fs, const struct filter_node *n, struct feeds *feeds,
                           int64_t now)
{
	if (n->kind == FILTER_CMP) {
		if (filter_attr_is_feed(n->attr))
			feed_condition(fs, n, feeds);
		else
			item_condition(fs, n, now);
		return;
	}
	buf_puts(&fs->text, "(");
	node_condition(fs, n->left, feeds, now);
	buf_puts(&fs->text, n->kind == FILTER_AND ? " AND " : " OR ");
	node_condition(fs, n->right, feeds, now);
	buf_puts(&fs->text, ")");
}

static int uses_feed_attr(const struct filter_node *n)
{
	if (n->kind == FILTER_CMP)
		return filter_attr_is_feed(n->attr);
	return uses_feed_attr(n->left) || uses_feed_attr(n->right);
}

struct filter_sql *store_filter_sql(struct cache *c, const struct filter *f,
                                    const struct filter_scope *scope)
{
	return store_filter_sql_rules(c, f, NULL, scope);
}

static int rules_use_feed_attr(const struct rules *r)
{
	for (int i = 0; r && i < r->ignore_count; i++)
		if (uses_feed_attr(r->ignores[i].expr->root))
			return 1;
	return 0;
}

/* NOT (any ignore rule holds): each rule for one feed holds only for that feed's articles. */
static void hidden_condition(struct filter_sql *fs, const struct rules *r, struct feeds *feeds,
                             int64_t now)
{
	buf_puts(&fs->text, "NOT (0");
	for (int i = 0; i < r->ignore_count; i++) {
		const struct rule_ignore *rule = &r->ignores[i];
		buf_puts(&fs->text, " OR (");
		if (rule->feed) {
			int k =
			    add_param(fs, (struct param){.kind = PARAM_TEXT, .text = rule->feed});
			buf_printf(&fs->text,
			           "i.feed_id IN (SELECT id FROM feeds WHERE url = ?%d) AND ", k);
		}
		node_condition(fs, rule->expr->root, feeds, now);
		buf_puts(&fs->text, ")");
	}
	buf_puts(&fs->text, ")");
}

struct filter_sql *store_filter_sql_rules(struct cache *c, const struct filter *f,
                                          const struct rules *hide,
                                          const struct filter_scope *scope)
{
	struct filter_sql *fs = xcalloc(1, sizeof(*fs));
	struct feeds feeds = {0};
	int64_t now = scope ? scope->now : 0;

	register_functions(c->db);
	if (((f && uses_feed_attr(f->root)) || rules_use_feed_attr(hide)) &&
	    feeds_load(c, scope, &feeds) != 0) {
		free(fs);
		return NULL;
	}
	buf_init(&fs->text);
	if (f)
		node_condition(fs, f->root, &feeds, now);
	if (hide && hide->ignore_count > 0) {
		if (f)
			buf_puts(&fs->text, " AND ");
		hidden_condition(fs, hide, &feeds, now);
	}
	if (fs->text.len == 0)
		buf_puts(&fs->text, "1");
	feeds_free(&feeds);
	return fs;
}

const char *filter_sql_text(const struct filter_sql *fs)
{
	return fs->text.data;
}

void filter_sql_bind(const struct filter_sql *fs, sqlite3_stmt *st)
{
	for (int k = 0; k < fs->param_count; k++) {
		const struct param *p = &fs->params[k];
		int idx = FILTER_SQL_FIRST_PARAM + k;
		switch (p->kind) {
		case PARAM_TEXT:
			sqlite3_bind_text(st, idx, p->text, -1, SQLITE_STATIC);
			break;
		case PARAM_INT:
			sqlite3_bind_int64(st, idx, p->number);
			break;
		case PARAM_NODE:
			sqlite3_bind_pointer(st, idx, (void *)p->node, NODE_POINTER_TYPE, NULL);
			break;
		}
	}
}

void filter_sql_free(struct filter_sql *fs)
{
	if (!fs)
		return;
	buf_free(&fs->text);
	free(fs->params);
	free(fs);
}

int store_filter_counts(struct cache *c, const struct filter_sql *fs, int *unread, int *total)
{
	char *sql = xasprintf("SELECT count(*), coalesce(sum(i.read = 0), 0) FROM items i"
	                      " WHERE %s",
	                      fs->text.data);
	sqlite3_stmt *st = cache_prepare(c, sql);
	int rc;

	free(sql);
	*unread = *total = 0;
	if (!st)
		return -1;
	filter_sql_bind(fs, st);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*total = sqlite3_column_int(st, 0);
		*unread = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int store_filter_match_ids(struct cache *c, const struct filter_sql *fs, const int64_t *ids,
                           int count, unsigned char *match)
{
	struct buf sql;
	sqlite3_stmt *st;
	int rc;

	memset(match, 0, (size_t)count);
	if (count <= 0)
		return 0;
	buf_init(&sql);
	buf_puts(&sql, "SELECT i.id FROM items i WHERE i.id IN (");
	for (int k = 0; k < count; k++)
		buf_printf(&sql, "%s%lld", k ? "," : "", (long long)ids[k]);
	buf_printf(&sql, ") AND (%s)", fs->text.data);
	st = cache_prepare(c, sql.data);
	buf_free(&sql);
	if (!st)
		return -1;
	filter_sql_bind(fs, st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		for (int k = 0; k < count; k++)
			if (ids[k] == id)
				match[k] = 1;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}
