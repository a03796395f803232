/* Where the panes go. Three columns on wide terminals (feeds | articles | reading pane), the
 * article list above the reading pane beside the feed column on middling ones, and on narrow
 * ones either the feed column or the list above the reading pane, by focus. The zoom shows
 * the reading pane alone. One title line on top, one status line at the bottom. */
#include "config/config.h"
#include "ui/internal.h"

#include <string.h>

/* Widths where the automatic layout changes. */
#define COLUMNS_MIN_WIDTH 150
#define SIDE_BY_SIDE_MIN_WIDTH 80

static struct rect rect_make(int y, int x, int h, int w)
{
	struct rect r = {y, x, h < 0 ? 0 : h, w < 0 ? 0 : w};
	return r;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The list over the reading pane in r, with one line between them. */
static void stack(struct ui *ui, struct rect r)
{
	struct layout *l = &ui->layout;
	int list_h = clamp(r.h * ui->list_height_pct / 100, 2, r.h > 5 ? r.h - 3 : 2);

	l->items = rect_make(r.y, r.x, list_h, r.w);
	l->reader = rect_make(r.y + list_h + 1, r.x, r.h - list_h - 1, r.w);
	l->show_items = l->show_reader = 1;
}

void layout_compute(struct ui *ui)
{
	struct layout *l = &ui->layout;
	int content_h = LINES - 2, feed_w;
	const char *mode = settings.layout ? settings.layout : "auto";
	struct rect content = rect_make(1, 0, content_h, COLS), right;

	memset(l, 0, sizeof(*l));
	l->title = rect_make(0, 0, 1, COLS);
	l->status = rect_make(LINES - 1, 0, 1, COLS);
	if (ui->zoom) {
		l->reader = content;
		l->show_reader = 1;
		return;
	}
	if (strcmp(mode, "auto") == 0)
		mode = COLS >= COLUMNS_MIN_WIDTH        ? "columns"
		       : COLS >= SIDE_BY_SIDE_MIN_WIDTH ? "stacked"
		                                        : "narrow";
	if (strcmp(mode, "narrow") == 0) {
		if (ui->focus == PANE_FEEDS) {
			l->feeds = content;
			l->show_feeds = 1;
		} else {
			stack(ui, content);
		}
		return;
	}
	feed_w = clamp(ui->feed_width, 10, COLS / 3);
	l->feeds = rect_make(content.y, 0, content_h, feed_w);
	l->show_feeds = 1;
	right = rect_make(content.y, feed_w + 1, content_h, COLS - feed_w - 1);
	if (strcmp(mode, "columns") == 0) {
		int items_w = clamp(right.w * ui->items_width_pct / 100, 20, right.w - 21);
		l->items = rect_make(right.y, right.x, right.h, items_w);
		l->reader =
		    rect_make(right.y, right.x + items_w + 1, right.h, right.w - items_w - 1);
		l->show_items = l->show_reader = 1;
	} else {
		stack(ui, right);
	}
}

int pane_height(struct ui *ui, enum pane p)
{
	struct layout *l = &ui->layout;
	int h = p == PANE_FEEDS ? l->feeds.h : p == PANE_ITEMS ? l->items.h : l->reader.h;

	/* A hidden pane moves by screens of the whole content area. */
	return h > 0 ? h : LINES - 2 > 1 ? LINES - 2 : 1;
}

void layout_grow(struct ui *ui, int delta)
{
	int stacked = ui->layout.items.x == ui->layout.reader.x;

	switch (ui->focus) {
	case PANE_FEEDS:
		ui->feed_width = clamp(ui->feed_width + 2 * delta, 10, 200);
		break;
	case PANE_ITEMS:
	case PANE_READER: {
		int d = ui->focus == PANE_ITEMS ? 5 * delta : -5 * delta;
		if (stacked)
			ui->list_height_pct = clamp(ui->list_height_pct + d, 10, 90);
		else
			ui->items_width_pct = clamp(ui->items_width_pct + d, 15, 85);
		break;
	}
	}
}
