/* One list view for every list of the reader (feeds, articles, links): it keeps the selection
 * and the scroll position, and asks its owner for the row count and to draw single rows, so
 * that a list of 100,000 articles costs what its visible rows cost. */
#include "ui/internal.h"

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void listview_keep_visible(struct listview *lv, int height)
{
	int n = lv->count(lv->ctx);

	if (height < 1)
		height = 1;
	lv->selected = n > 0 ? clamp(lv->selected, 0, n - 1) : 0;
	if (lv->selected < lv->top)
		lv->top = lv->selected;
	if (lv->selected >= lv->top + height)
		lv->top = lv->selected - height + 1;
	/* No empty space below the last row while rows above are hidden. */
	if (lv->top > n - height)
		lv->top = n - height;
	if (lv->top < 0)
		lv->top = 0;
}

int listview_select(struct listview *lv, int index, int height)
{
	int before = lv->selected;

	lv->selected = index;
	listview_keep_visible(lv, height);
	return lv->selected != before;
}

int listview_move(struct listview *lv, int delta, int height)
{
	return listview_select(lv, lv->selected + delta, height);
}

void listview_draw(struct listview *lv, struct rect r, int focused)
{
	int n;

	if (r.h <= 0 || r.w <= 0)
		return;
	listview_keep_visible(lv, r.h);
	n = lv->count(lv->ctx);
	for (int i = 0; i < r.h; i++) {
		int index = lv->top + i;
		if (index < n)
			lv->draw_row(lv->ctx, index, r.y + i, r.x, r.w, index == lv->selected,
			             focused);
		else
			draw_fill(r.y + i, r.x, r.w, color_attr(COLOR_NORMAL));
	}
}

int listview_row_at(struct listview *lv, struct rect r, int y)
{
	int index = lv->top + (y - r.y);

	if (y < r.y || y >= r.y + r.h || index >= lv->count(lv->ctx))
		return -1;
	return index;
}
