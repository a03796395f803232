/* Full-screen lists over the panes: the `?` help, generated from actions.def and the keys in
 * force, and the numbered menu of an article's links. Both are the one list view. */
#include "core/util.h"
#include "ui/internal.h"

#include <stdlib.h>
#include <string.h>

struct menu {
	const char *title;
	char **entries;
	int count;
	int numbered;
};

static int menu_count(void *ctx)
{
	return ((struct menu *)ctx)->count;
}

static void menu_draw_row(void *ctx, int index, int y, int x, int width, int selected, int focused)
{
	struct menu *m = ctx;
	attr_t attr = selected ? color_attr(COLOR_SELECTED) : color_attr(COLOR_NORMAL);
	char num[16];
	int used = 0;

	(void)focused;
	draw_fill(y, x, width, attr);
	if (m->numbered) {
		snprintf(num, sizeof(num), "%4d  ", index + 1);
		used = draw_text(y, x, width, num, selected ? attr : color_attr(COLOR_COUNT));
	}
	draw_text(y, x + used, width - used, m->entries[index], attr);
}

/* Runs the menu until Enter (returns the row), or q/Esc (returns -1). Digits pick a row by
 * its number when the menu is numbered. */
static int menu_run(struct ui *ui, struct menu *m)
{
	struct listview lv = {0, 0, menu_count, menu_draw_row, m};
	int number = 0;

	for (;;) {
		struct rect r = {1, 0, LINES - 2, COLS};
		wint_t ch;
		int kind;
		enum action a;

		draw_cell(0, 0, COLS, m->title, color_attr(COLOR_TITLE_BAR));
		listview_draw(&lv, r, 1);
		draw_cell(LINES - 1, 0, COLS,
		          m->numbered ? "Enter opens, a number then Enter picks, q goes back"
		                      : "j/k and Space move, q goes back",
		          color_attr(COLOR_STATUS));
		refresh();
		kind = get_wch(&ch);
		if (kind == ERR)
			continue;
		if (kind == KEY_CODE_YES && ch == KEY_RESIZE) {
			layout_compute(ui);
			continue;
		}
		if (kind != KEY_CODE_YES && m->numbered && ch >= '0' && ch <= '9') {
			number = number * 10 + (int)(ch - '0');
			if (number > 0 && number <= m->count)
				listview_select(&lv, number - 1, r.h);
			if (number > m->count)
				number = 0;
			continue;
		}
		number = 0;
		if (kind != KEY_CODE_YES && (ch == 27 || ch == 'q'))
			return -1;
		if (kind != KEY_CODE_YES && (ch == '\n' || ch == '\r'))
			return m->numbered ? lv.selected : -1;
		a = key_action(kind == KEY_CODE_YES ? KEY_FN((int)ch) : (int)ch);
		switch (a) {
		case ACT_DOWN:
			listview_move(&lv, 1, r.h);
			break;
		case ACT_UP:
			listview_move(&lv, -1, r.h);
			break;
		case ACT_PAGE_DOWN:
			listview_move(&lv, r.h - 1, r.h);
			break;
		case ACT_PAGE_UP:
			listview_move(&lv, -(r.h - 1), r.h);
			break;
		case ACT_TOP:
			listview_select(&lv, 0, r.h);
			break;
		case ACT_BOTTOM:
			listview_select(&lv, m->count - 1, r.h);
			break;
		case ACT_OPEN:
			return m->numbered ? lv.selected : -1;
		case ACT_BACK:
		case ACT_HELP:
		case ACT_QUIT:
			return -1;
		default:
			break;
		}
	}
}

int menu_choose(struct ui *ui, const char *title, char **entries, int count)
{
	struct menu m = {title, entries, count, 1};
	int choice = menu_run(ui, &m);

	ui_draw(ui);
	return choice;
}

void help_show(struct ui *ui)
{
	char *entries[ACT_COUNT];
	struct menu m = {"tidings: keys (rebind them in the [keys] section of the config)", entries,
	                 ACT_COUNT, 0};

	for (int a = 0; a < ACT_COUNT; a++) {
		char *keys = keys_of_action((enum action)a);
		entries[a] = xasprintf("%-16s %-14s %s", keys[0] ? keys : "(none)",
		                       action_table[a].name, action_table[a].help);
		free(keys);
	}
	menu_run(ui, &m);
	for (int a = 0; a < ACT_COUNT; a++)
		free(entries[a]);
	ui_draw(ui);
}
