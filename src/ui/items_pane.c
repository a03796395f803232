/* The article list: one line per article (unread and saved marks, date, feed, title), read
 * from the cache a window at a time around what is on screen. */
#include "config/config.h"
#include "core/timefmt.h"
#include "core/util.h"
#include "render/render.h"
#include "ui/internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Rows read at once: three screens of the list, so that scrolling reads the cache rarely
 * while the first screen reads little more than itself. */
static int window_rows(struct ui *ui)
{
	int n = 3 * pane_height(ui, PANE_ITEMS);
	return n < 32 ? 32 : n > 300 ? 300 : n;
}

static void window_clear(struct items_pane *ip)
{
	view_rows_free(ip->win, ip->win_len);
	free(ip->win_highlight);
	ip->win_highlight = NULL;
	ip->win = NULL;
	ip->win_len = 0;
	ip->win_start = 0;
}

static void condition_free(struct items_pane *ip)
{
	filter_sql_free(ip->where);
	filter_free(ip->combined);
	ip->where = NULL;
	ip->combined = NULL;
	ip->q.where = NULL;
}

void items_pane_free(struct items_pane *ip)
{
	window_clear(ip);
	condition_free(ip);
	filter_free(ip->view_filter);
	ip->view_filter = NULL;
	free(ip->ids);
	free(ip->search);
	free(ip->view_name);
	ip->ids = NULL;
	ip->search = NULL;
	ip->view_name = NULL;
}

/* highlight-article: which rule each row of the window matches first (one query a rule). */
static void window_highlight(struct ui *ui)
{
	struct items_pane *ip = &ui->items;
	int rules = ui->rules ? ui->rules->highlight_count : 0;
	unsigned char *match;
	int64_t *ids;

	if (rules == 0 || ip->win_len == 0 || !ui->highlight_sql)
		return;
	ip->win_highlight = xcalloc((size_t)ip->win_len, 1);
	ids = xmalloc(sizeof(*ids) * (size_t)ip->win_len);
	match = xmalloc((size_t)ip->win_len);
	for (int k = 0; k < ip->win_len; k++)
		ids[k] = ip->win[k].id;
	for (int r = rules - 1; r >= 0; r--) /* the first rule that matches wins */
		if (ui->highlight_sql[r] && store_filter_match_ids(ui->cache, ui->highlight_sql[r],
		                                                   ids, ip->win_len, match) == 0)
			for (int k = 0; k < ip->win_len; k++)
				if (match[k])
					ip->win_highlight[k] = (unsigned char)(r + 1);
	free(ids);
	free(match);
}

/* Reads a window that holds index, reaching further in the direction of travel. */
static void window_load(struct ui *ui, int index)
{
	struct items_pane *ip = &ui->items;
	int rows = window_rows(ui);
	int start = index >= ip->win_start ? index - rows / 4 : index - rows * 3 / 4;
	struct view_row *win;
	int n;

	if (start < 0)
		start = 0;
	/* reading from the end needs the whole count */
	n = view_fetch(ui->cache, &ip->q, start, rows, ip->total_more ? 0 : ip->total, &win);
	window_clear(ip);
	if (n < 0)
		return;
	ip->win = win;
	ip->win_len = n;
	ip->win_start = start;
	window_highlight(ui);
}

static void count_further(struct ui *ui, int index);

const struct view_row *items_pane_row(struct ui *ui, int index)
{
	struct items_pane *ip = &ui->items;

	count_further(ui, index);
	if (index < 0 || index >= ip->total)
		return NULL;
	if (index < ip->win_start || index >= ip->win_start + ip->win_len)
		window_load(ui, index);
	if (index < ip->win_start || index >= ip->win_start + ip->win_len)
		return NULL;
	return &ip->win[index - ip->win_start];
}

const struct view_row *items_pane_selected(struct ui *ui)
{
	return items_pane_row(ui, ui->items.lv.selected);
}

void items_pane_update_row(struct ui *ui, int64_t id, int read, int saved)
{
	struct items_pane *ip = &ui->items;

	for (int i = 0; i < ip->win_len; i++)
		if (ip->win[i].id == id) {
			ip->win[i].read = read;
			ip->win[i].saved = saved;
		}
}

static int row_count(void *ctx)
{
	return ((struct ui *)ctx)->items.total;
}

static attr_t title_attr(struct ui *ui, int index, const struct view_row *r, attr_t base,
                         int selected)
{
	struct items_pane *ip = &ui->items;
	int h = ip->win_highlight ? ip->win_highlight[index - ip->win_start] : 0;

	if (h > 0 && !selected)
		return ui->highlight_attrs[h - 1] | (r->read ? 0 : A_BOLD);
	return r->read ? base : (selected ? base : color_attr(COLOR_UNREAD)) | A_BOLD;
}

static void draw_row(void *ctx, int index, int y, int x, int width, int selected, int focused)
{
	struct ui *ui = ctx;
	const struct view_row *r = items_pane_row(ui, index);
	attr_t base = selected ? color_attr(focused ? COLOR_SELECTED : COLOR_SELECTED_UNFOCUSED)
	                       : color_attr(COLOR_NORMAL);
	int feed_w = ui->items.q.kind == VIEW_FEED ? 0 : width / 5;
	int used = 0;
	char date[64], marks[8];

	draw_fill(y, x, width, base);
	if (!r)
		return;
	if (feed_w > 20)
		feed_w = 20;
	snprintf(marks, sizeof(marks), "%c%c ", r->read ? ' ' : 'N', r->saved ? '*' : ' ');
	used += draw_text(y, x, width, marks, base | (r->read ? 0 : A_BOLD));
	article_date_text(r->sort_time, date, sizeof(date));
	if (width - used > 30) {
		int w = draw_text(y, x + used, width - used, date,
		                  selected ? base : color_attr(COLOR_DATE));
		used += w + 1;
	}
	if (feed_w >= 6 && width - used > feed_w + 10) {
		const char *feed = feeds_pane_feed_name(ui, r->feed_id);
		if (!feed)
			feed = r->feed_title ? r->feed_title : "";
		draw_cell(y, x + used, feed_w, feed, selected ? base : color_attr(COLOR_FEED_NAME));
		used += feed_w + 1;
	}
	draw_text(y, x + used, width - used, r->title && r->title[0] ? r->title : "(no title)",
	          title_attr(ui, index, r, base, selected));
}

void items_pane_init(struct ui *ui)
{
	struct items_pane *ip = &ui->items;

	memset(ip, 0, sizeof(*ip));
	ip->lv.count = row_count;
	ip->lv.draw_row = draw_row;
	ip->lv.ctx = ui;
}

void ui_filter_scope(struct ui *ui, struct filter_scope *scope)
{
	filter_scope_from_feeds(scope, ui->feeds_file, (int64_t)time(NULL));
}

/* The view's condition: its query view's expression, the F filter and the hiding rules. */
static void make_condition(struct ui *ui)
{
	struct items_pane *ip = &ui->items;
	const struct filter *f = ip->view_filter ? ip->view_filter : ui->adhoc_filter;
	struct filter_scope scope;

	condition_free(ip);
	if (ip->view_filter && ui->adhoc_filter) {
		/* one tree, so that one condition carries the parameters */
		char *text =
		    xasprintf("(%s) and (%s)", ip->view_filter->text, ui->adhoc_filter->text);
		struct filter_error err;
		f = ip->combined = filter_parse(text, &err);
		free(text);
	}
	if (!f && !ui->hide)
		return;
	ui_filter_scope(ui, &scope);
	ip->where = store_filter_sql_rules(ui->cache, f, ui->hide, &scope);
	filter_scope_free(&scope);
	ip->q.where = ip->where;
}

/* Counts the view's rows up to cap. A search is counted only as far as it has been looked
 * at (VIEW_COUNT_CAP at first, further as the list is scrolled towards its end): a common
 * word's full count reads its whole list in the index, and one screen needs none of it. */
static void count_upto(struct ui *ui, int cap)
{
	struct items_pane *ip = &ui->items;
	int n;

	ip->total_more = 0;
	if (ip->q.kind != VIEW_SEARCH) {
		n = view_count(ui->cache, &ip->q);
		ip->total = n < 0 ? 0 : n;
		ip->q.search_hits = ip->total;
		return;
	}
	n = view_count_upto(ui->cache, &ip->q, cap);
	ip->q.search_hits = n < 0 ? 0 : n;
	ip->total = n < 0 ? 0 : n > cap ? cap : n;
	ip->total_more = n > cap;
}

static void count_view(struct ui *ui)
{
	count_upto(ui, VIEW_COUNT_CAP);
}

void items_pane_count_all(struct ui *ui)
{
	struct items_pane *ip = &ui->items;
	int n;

	if (!ip->total_more)
		return;
	n = view_count(ui->cache, &ip->q);
	if (n < 0)
		return;
	ip->total = n;
	ip->total_more = 0;
	ip->q.search_hits = n;
}

/* Near the end of what has been counted, counts further (four times as far, or past the
 * position asked for). */
static void count_further(struct ui *ui, int index)
{
	struct items_pane *ip = &ui->items;
	int need = index + 2 * window_rows(ui);

	if (!ip->total_more || index < ip->total - window_rows(ui))
		return;
	count_upto(ui, need > ip->total * 4 ? need : ip->total * 4);
}

void items_pane_set_query(struct ui *ui, const char *name, const struct filter *expr)
{
	struct items_pane *ip = &ui->items;
	struct filter_error err;

	items_pane_set_view(ui, name, VIEW_ALL, NULL, 0, NULL);
	ip->view_filter = filter_parse(expr->text, &err);
	make_condition(ui);
	count_view(ui);
}

int items_pane_set_filter(struct ui *ui, const char *expression, char **err)
{
	struct filter *f = NULL;

	if (expression && *expression) {
		struct filter_error fe;
		if (!(f = filter_parse(expression, &fe))) {
			*err = xasprintf("column %d: %s", fe.column, fe.message);
			return -1;
		}
	}
	filter_free(ui->adhoc_filter);
	ui->adhoc_filter = f;
	make_condition(ui);
	items_pane_reload(ui);
	return 0;
}

void items_pane_set_view(struct ui *ui, const char *name, enum view_kind kind, const int64_t *ids,
                         int id_count, const char *search)
{
	struct items_pane *ip = &ui->items;
	int64_t *ids_copy = NULL;
	char *search_copy = search ? xstrdup(search) : NULL;

	if (id_count > 0) {
		ids_copy = xmalloc(sizeof(int64_t) * (size_t)id_count);
		memcpy(ids_copy, ids, sizeof(int64_t) * (size_t)id_count);
	}
	items_pane_free(ip);
	ip->ids = ids_copy;
	ip->search = search_copy;
	ip->view_name = xstrdup(name);
	memset(&ip->q, 0, sizeof(ip->q));
	ip->q.kind = kind;
	ip->q.feed_ids = ids_copy;
	ip->q.feed_count = id_count;
	ip->q.search = search_copy;
	/* tag:NAME in a search: the feeds of the tag in the feeds file */
	ip->q.tag_urls = feeds_file_tag_urls;
	ip->q.tag_ctx = ui->feeds_file;
	ip->q.unread_only = ui->unread_only;
	make_condition(ui);
	count_view(ui);
	/* The newest article is selected, so that the reading pane has something to show. */
	ip->lv.selected = 0;
	ip->lv.top = 0;
}

void items_pane_reload(struct ui *ui)
{
	struct items_pane *ip = &ui->items;
	const struct view_row *sel = items_pane_selected(ui);
	int64_t key_time = sel ? sel->sort_time : 0, key_id = sel ? sel->id : 0;
	int had_selection = sel != NULL, offset = ip->lv.selected - ip->lv.top;

	ip->q.unread_only = ui->unread_only;
	window_clear(ip);
	/* as far as it was counted before */
	count_upto(ui, ip->total > VIEW_COUNT_CAP ? ip->total : VIEW_COUNT_CAP);
	if (had_selection) {
		/* The same article stays selected at the same line of the screen, however many
		 * articles arrived above it. */
		int pos = view_position(ui->cache, &ip->q, key_time, key_id);
		if (pos >= 0) {
			ip->lv.selected = pos;
			ip->lv.top = pos - offset;
		}
	}
	listview_keep_visible(&ip->lv, pane_height(ui, PANE_ITEMS));
}
