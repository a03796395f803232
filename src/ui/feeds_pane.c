/* The feed column: the views All, Unread and Saved (and the last search) on top, then the
 * tags of the feeds file as folders with their feeds, then the feeds without a tag. Unread
 * counts are read only for the rows on screen, and kept until something changes them. */
#include "config/feeds_file.h"
#include "core/util.h"
#include "filter/filter.h"
#include "ui/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum node_kind { NODE_VIEW, NODE_TAG, NODE_FEED, NODE_QUERY, NODE_DOWNLOADS };

struct feed_node {
	enum node_kind kind;
	enum view_kind view;
	char *label;
	int64_t *ids; /* the feeds of a tag, or the one feed */
	int id_count;
	int depth;
	char *error;          /* a feed's last error */
	char *partial;        /* why a feed's last answer was read only in part */
	char *url;            /* a feed's URL */
	int unread;           /* -1 until read from the cache */
	struct filter *query; /* a query view's expression */
};

static int node_count(void *ctx);
static void draw_node(void *ctx, int index, int y, int x, int width, int selected, int focused);

static void node_free(struct feed_node *n)
{
	free(n->label);
	free(n->ids);
	free(n->error);
	free(n->partial);
	free(n->url);
	filter_free(n->query);
}

void feeds_pane_free(struct feeds_pane *fp)
{
	for (int i = 0; i < fp->count; i++)
		node_free(&fp->nodes[i]);
	free(fp->nodes);
	fp->nodes = NULL;
	fp->count = 0;
}

static struct feed_node *add_node(struct feeds_pane *fp, enum node_kind kind, const char *label)
{
	struct feed_node *n;

	fp->nodes = xrealloc(fp->nodes, sizeof(*fp->nodes) * (size_t)(fp->count + 1));
	n = &fp->nodes[fp->count++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->label = xstrdup(label);
	n->unread = -1;
	return n;
}

static void add_feed_node(struct feeds_pane *fp, const struct view_feed *f,
                          const struct feed_entry *e, int depth)
{
	const char *label = feed_entry_display_name(e, f->url, f->title);
	struct feed_node *n = add_node(fp, NODE_FEED, label);

	n->view = VIEW_FEED;
	n->ids = xmalloc(sizeof(int64_t));
	n->ids[0] = f->id;
	n->id_count = 1;
	n->depth = depth;
	n->error = f->last_error ? xstrdup(f->last_error) : NULL;
	n->partial = f->parse_warning && *f->parse_warning ? xstrdup(f->parse_warning) : NULL;
	n->url = xstrdup(f->url);
}

static int has_tag(const struct feed_entry *e, const char *tag)
{
	for (int i = 0; e && i < e->tag_count; i++)
		if (strcmp(e->tags[i], tag) == 0)
			return 1;
	return 0;
}

/* The tags of the feeds file in order of first appearance (borrowed strings). */
static int collect_tags(const struct feeds_file *ff, const char ***out)
{
	const char **tags = NULL;
	int n = 0;

	for (int i = 0; ff && i < ff->entry_count; i++)
		for (int t = 0; t < ff->entries[i].tag_count; t++) {
			const char *tag = ff->entries[i].tags[t];
			int seen = 0;
			for (int k = 0; k < n && !seen; k++)
				seen = strcmp(tags[k], tag) == 0;
			if (!seen) {
				tags = xrealloc(tags, sizeof(*tags) * (size_t)(n + 1));
				tags[n++] = tag;
			}
		}
	*out = tags;
	return n;
}

static void add_view(struct feeds_pane *fp, const char *label, enum view_kind kind)
{
	add_node(fp, NODE_VIEW, label)->view = kind;
}

/* The query views of the feeds file ("query:NAME:EXPRESSION" lines), in its order, under the
 * views, as newsboat lists them among the feeds. */
static void add_query_views(struct feeds_pane *fp, const struct feeds_file *ff)
{
	for (int i = 0; ff && i < ff->entry_count; i++) {
		const struct feed_entry *e = &ff->entries[i];
		struct filter_error err;
		struct feed_node *n;
		char *name, *expr;

		if (!filter_query_line(e->url, &name, &expr))
			continue;
		n = add_node(fp, NODE_QUERY, e->title && *e->title ? e->title : name);
		n->view = VIEW_ALL;
		if (!(n->query = filter_parse(expr, &err)))
			n->error = xasprintf("%s:%d: the query's expression, column %d: %s",
			                     ff->path, e->line, err.column, err.message);
		free(name);
		free(expr);
	}
}

int feeds_pane_init(struct ui *ui)
{
	struct feeds_pane *fp = &ui->feeds;
	struct view_feed *feeds;
	const struct feed_entry **entries;
	const char **tags;
	int feed_count, tag_count;

	feeds_pane_free(fp);
	fp->search_row = -1;
	fp->lv.count = node_count;
	fp->lv.draw_row = draw_node;
	fp->lv.ctx = ui;
	add_view(fp, "All", VIEW_ALL);
	add_view(fp, "Unread", VIEW_UNREAD);
	add_view(fp, "Saved", VIEW_SAVED);
	add_query_views(fp, ui->feeds_file);
	if (view_feeds(ui->cache, &feeds, &feed_count) != 0)
		return -1;
	entries = xcalloc((size_t)feed_count + 1, sizeof(*entries));
	for (int i = 0; i < feed_count; i++)
		entries[i] = ui->feeds_file ? feeds_file_find(ui->feeds_file, feeds[i].url) : NULL;
	tag_count = collect_tags(ui->feeds_file, &tags);
	for (int t = 0; t < tag_count; t++) {
		struct feed_node *tag = add_node(fp, NODE_TAG, tags[t]);
		int tag_index = fp->count - 1;
		tag->view = VIEW_TAG;
		for (int i = 0; i < feed_count; i++) {
			if (!has_tag(entries[i], tags[t]))
				continue;
			add_feed_node(fp, &feeds[i], entries[i], 1);
			tag = &fp->nodes[tag_index];
			tag->ids =
			    xrealloc(tag->ids, sizeof(int64_t) * (size_t)(tag->id_count + 1));
			tag->ids[tag->id_count++] = feeds[i].id;
		}
	}
	for (int i = 0; i < feed_count; i++)
		if (!entries[i] || entries[i]->tag_count == 0)
			add_feed_node(fp, &feeds[i], entries[i], 0);
	/* last, so that the rows above keep their places; only once something was queued */
	if (downloads_count(ui) > 0)
		add_node(fp, NODE_DOWNLOADS, "Downloads");
	free(tags);
	free(entries);
	view_feeds_free(feeds, feed_count);
	return 0;
}

void feeds_pane_invalidate(struct feeds_pane *fp)
{
	for (int i = 0; i < fp->count; i++)
		fp->nodes[i].unread = -1;
}

/* After one article's mark: adds or takes one from the query view's count when the article
 * is the view's. -1 when the count must be read again: the condition (or ignore-mode
 * display's) may depend on what is read, or the cache did not answer. */
static int query_count_marked(struct ui *ui, struct feed_node *n, int64_t id, int read)
{
	struct filter_scope scope;
	struct filter_sql *where;
	unsigned char match = 0;
	int rc;

	if (!n->query || n->unread < 0 || ui->hide || filter_uses_attr(n->query, FILTER_UNREAD) ||
	    filter_uses_attr(n->query, FILTER_UNREAD_COUNT))
		return -1;
	ui_filter_scope(ui, &scope);
	where = store_filter_sql_rules(ui->cache, n->query, NULL, &scope);
	filter_scope_free(&scope);
	rc = where ? store_filter_match_ids(ui->cache, where, &id, 1, &match) : -1;
	filter_sql_free(where);
	if (rc != 0 || (match && read && n->unread == 0))
		return -1;
	if (match)
		n->unread += read ? -1 : 1;
	return 0;
}

void feeds_pane_article_marked(struct ui *ui, int64_t id, int read)
{
	struct feeds_pane *fp = &ui->feeds;

	for (int i = 0; i < fp->count; i++) {
		struct feed_node *n = &fp->nodes[i];
		if (n->kind != NODE_QUERY || query_count_marked(ui, n, id, read) != 0)
			n->unread = -1;
	}
}

/* A query view's unread articles, counted by its condition (ignore-mode display's too). */
static int query_unread(struct ui *ui, struct feed_node *n)
{
	struct filter_scope scope;
	struct filter_sql *where;
	int unread = 0, total = 0;

	if (!n->query)
		return 0;
	ui_filter_scope(ui, &scope);
	where = store_filter_sql_rules(ui->cache, n->query, ui->hide, &scope);
	filter_scope_free(&scope);
	if (where && store_filter_counts(ui->cache, where, &unread, &total) != 0)
		unread = 0;
	filter_sql_free(where);
	return unread;
}

static int node_unread(struct ui *ui, struct feed_node *n)
{
	if (n->unread >= 0)
		return n->unread;
	if (n->kind == NODE_DOWNLOADS)
		return -1;
	if (n->kind == NODE_QUERY)
		return n->unread = query_unread(ui, n);
	switch (n->view) {
	case VIEW_SAVED:
	case VIEW_SEARCH:
		return -1; /* not counted: they are not about reading */
	case VIEW_ALL:
	case VIEW_UNREAD:
		/* All and Unread have the same count: read it once. */
		n->unread = ui->feeds.nodes[0].unread >= 0 ? ui->feeds.nodes[0].unread
		                                           : view_unread_count(ui->cache, NULL, 0);
		ui->feeds.nodes[0].unread = n->unread;
		break;
	default:
		n->unread = n->id_count > 0 ? view_unread_count(ui->cache, n->ids, n->id_count) : 0;
		break;
	}
	return n->unread;
}

static void draw_node(void *ctx, int index, int y, int x, int width, int selected, int focused)
{
	struct ui *ui = ctx;
	struct feed_node *n = &ui->feeds.nodes[index];
	attr_t base = selected ? color_attr(focused ? COLOR_SELECTED : COLOR_SELECTED_UNFOCUSED)
	                       : color_attr(COLOR_NORMAL);
	int unread = node_unread(ui, n), used = 0, count_w = 0;
	char count[24] = "";
	attr_t label_attr = base;

	if (unread > 0)
		count_w = snprintf(count, sizeof(count), " %d", unread);
	draw_fill(y, x, width, base);
	if (n->depth > 0)
		used += draw_text(y, x, 2, "  ", base);
	if (n->kind == NODE_TAG) {
		used += draw_text(y, x + used, width - used, "+ ", base);
		if (!selected)
			label_attr = color_attr(COLOR_TAG);
	} else if (n->kind == NODE_QUERY) {
		used += draw_text(y, x + used, width - used, n->error ? "! " : "? ",
		                  selected ? base
		                           : color_attr(n->error ? COLOR_FEED_ERROR : COLOR_TAG));
	} else if (n->kind == NODE_FEED && n->error) {
		/* The mark says there is an error; the status line says which when selected. */
		used += draw_text(y, x + used, width - used, "! ",
		                  selected ? base : color_attr(COLOR_FEED_ERROR));
	} else if (n->kind == NODE_FEED && n->partial) {
		/* read only in part: the status line says why when selected */
		used += draw_text(y, x + used, width - used, "~ ",
		                  selected ? base : color_attr(COLOR_FEED_ERROR));
	}
	if (unread > 0)
		label_attr |= A_BOLD;
	draw_text(y, x + used, width - used - count_w, n->label, label_attr);
	if (count_w > 0 && count_w < width)
		draw_text(y, x + width - count_w, count_w, count,
		          selected ? base : color_attr(COLOR_COUNT));
}

static int node_count(void *ctx)
{
	return ((struct ui *)ctx)->feeds.count;
}

void feeds_pane_add_search_row(struct ui *ui, const char *words)
{
	struct feeds_pane *fp = &ui->feeds;
	char *label = xasprintf("Search: %s", words);

	if (fp->search_row < 0) {
		/* Right under the views, so it stays at the top: the new last node moves there. */
		struct feed_node row = *add_node(fp, NODE_VIEW, "");

		memmove(&fp->nodes[4], &fp->nodes[3], sizeof(*fp->nodes) * (size_t)(fp->count - 4));
		fp->nodes[3] = row;
		fp->search_row = 3;
		if (fp->lv.selected >= 3)
			fp->lv.selected++;
	}
	free(fp->nodes[3].label);
	fp->nodes[3].label = label;
	fp->nodes[3].view = VIEW_SEARCH;
}

const char *feeds_pane_search_words(struct ui *ui)
{
	struct feeds_pane *fp = &ui->feeds;

	if (fp->search_row < 0)
		return NULL;
	return fp->nodes[fp->search_row].label + strlen("Search: ");
}

void feeds_pane_set_search(struct ui *ui, const char *words)
{
	struct feeds_pane *fp = &ui->feeds;

	feeds_pane_add_search_row(ui, words);
	fp->lv.selected = fp->search_row;
	listview_keep_visible(&fp->lv, pane_height(ui, PANE_FEEDS));
	items_pane_set_view(ui, fp->nodes[fp->search_row].label, VIEW_SEARCH, NULL, 0, words);
}

int feeds_pane_urls(struct ui *ui, int64_t feed_id, const char ***urls)
{
	struct feeds_pane *fp = &ui->feeds;
	const char **out = NULL;
	int n = 0;

	*urls = NULL;
	for (int i = 0; i < fp->count; i++) {
		struct feed_node *node = &fp->nodes[i];
		int wanted = 0;
		if (node->kind != NODE_FEED)
			continue;
		if (feed_id > 0) {
			wanted = node->ids[0] == feed_id;
		} else if (fp->lv.selected >= 0 && fp->lv.selected < fp->count) {
			struct feed_node *sel = &fp->nodes[fp->lv.selected];
			for (int k = 0; k < sel->id_count && !wanted; k++)
				wanted = sel->ids[k] == node->ids[0];
		}
		/* A feed listed under several tags is asked for once. */
		for (int k = 0; k < n && wanted; k++)
			wanted = strcmp(out[k], node->url) != 0;
		if (wanted) {
			out = xrealloc(out, sizeof(*out) * (size_t)(n + 1));
			out[n++] = node->url;
		}
	}
	*urls = out;
	return n;
}

int feeds_pane_open_selected(struct ui *ui)
{
	struct feeds_pane *fp = &ui->feeds;
	struct feed_node *n;

	if (fp->lv.selected < 0 || fp->lv.selected >= fp->count)
		return -1;
	n = &fp->nodes[fp->lv.selected];
	if (n->kind == NODE_DOWNLOADS) {
		downloads_view_open(ui);
		return 1;
	}
	if (n->kind == NODE_QUERY) {
		if (!n->query) {
			ui_status(ui, 1, "%s", n->error);
			return -1;
		}
		items_pane_set_query(ui, n->label, n->query);
		return 0;
	}
	if (n->view == VIEW_SEARCH) {
		const char *words = n->label + strlen("Search: ");
		char *copy = xstrdup(words);
		items_pane_set_view(ui, n->label, VIEW_SEARCH, NULL, 0, copy);
		free(copy);
		return 0;
	}
	items_pane_set_view(ui, n->label, n->view, n->ids, n->id_count, NULL);
	return 0;
}

const char *feeds_pane_selected_error(struct ui *ui)
{
	struct feeds_pane *fp = &ui->feeds;

	if (fp->lv.selected < 0 || fp->lv.selected >= fp->count)
		return NULL;
	return fp->nodes[fp->lv.selected].error;
}

const char *feeds_pane_feed_name(struct ui *ui, int64_t feed_id)
{
	struct feeds_pane *fp = &ui->feeds;

	for (int i = 0; i < fp->count; i++)
		if (fp->nodes[i].kind == NODE_FEED && fp->nodes[i].id_count == 1 &&
		    fp->nodes[i].ids[0] == feed_id)
			return fp->nodes[i].label;
	return NULL;
}

const char *feeds_pane_selected_partial(struct ui *ui)
{
	struct feeds_pane *fp = &ui->feeds;

	if (fp->lv.selected < 0 || fp->lv.selected >= fp->count)
		return NULL;
	return fp->nodes[fp->lv.selected].partial;
}
