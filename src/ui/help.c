/* Full-screen states over the panes: the `?` help (a pager generated from actions.def and the
 * keys in force, its descriptions wrapped to the screen) and menus to choose from (an
 * article's links, the feeds a page announces), which are the one list view. Each is a state
 * of the event loop (modes.c): keys come from the loop, never from a loop of their own. */
#include "core/text.h"
#include "core/util.h"
#include "ui/internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- menus ---- */

struct menu {
	char *title;
	char **entries;
	int count;
	int numbered;
	int number; /* digits typed so far */
	int chosen; /* the row chosen with Enter, or -1 */
	struct listview lv;
	void (*on_choose)(struct ui *ui, int index, void *user);
	void *user;
	void (*free_user)(void *user);
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

static struct rect menu_rect(void)
{
	return (struct rect){1, 0, LINES - 2 > 0 ? LINES - 2 : 1, COLS};
}

static void menu_draw(struct ui *ui, void *data)
{
	struct menu *m = data;
	struct rect r = menu_rect();

	(void)ui;
	erase();
	listview_keep_visible(&m->lv, r.h);
	draw_cell(0, 0, COLS, m->title, color_attr(COLOR_TITLE_BAR));
	listview_draw(&m->lv, r, 1);
	draw_cell(LINES - 1, 0, COLS,
	          m->numbered ? "Enter opens, a number then Enter picks, q goes back"
	                      : "Enter chooses, j/k move, q goes back",
	          color_attr(COLOR_STATUS));
}

/* Keys of a list: moving, choosing, leaving. Returns 1 when the key was one of them. */
static void menu_key(struct ui *ui, void *data, int kind, wint_t ch)
{
	struct menu *m = data;
	int h = menu_rect().h;

	if (kind != KEY_CODE_YES && m->numbered && ch >= '0' && ch <= '9') {
		m->number = m->number * 10 + (int)(ch - '0');
		if (m->number > 0 && m->number <= m->count)
			listview_select(&m->lv, m->number - 1, h);
		if (m->number > m->count)
			m->number = 0;
		return;
	}
	m->number = 0;
	if (kind != KEY_CODE_YES && (ch == 27 || ch == 'q')) {
		ui_mode_close(ui, 0);
		return;
	}
	if ((kind != KEY_CODE_YES && (ch == '\n' || ch == '\r')) ||
	    (kind == KEY_CODE_YES && ch == KEY_ENTER)) {
		m->chosen = m->lv.selected;
		ui_mode_close(ui, 1);
		return;
	}
	switch (key_action(kind == KEY_CODE_YES ? KEY_FN((int)ch) : (int)ch)) {
	case ACT_DOWN:
		listview_move(&m->lv, 1, h);
		break;
	case ACT_UP:
		listview_move(&m->lv, -1, h);
		break;
	case ACT_PAGE_DOWN:
		listview_move(&m->lv, h - 1, h);
		break;
	case ACT_PAGE_UP:
		listview_move(&m->lv, -(h - 1), h);
		break;
	case ACT_TOP:
		listview_select(&m->lv, 0, h);
		break;
	case ACT_BOTTOM:
		listview_select(&m->lv, m->count - 1, h);
		break;
	case ACT_OPEN:
		m->chosen = m->lv.selected;
		ui_mode_close(ui, 1);
		break;
	case ACT_BACK:
	case ACT_HELP:
	case ACT_QUIT:
		ui_mode_close(ui, 0);
		break;
	default:
		break;
	}
}

static void menu_free(struct ui *ui, void *data, int submitted)
{
	struct menu *m = data;

	if (submitted && m->chosen >= 0 && m->chosen < m->count && m->on_choose)
		m->on_choose(ui, m->chosen, m->user);
	if (m->free_user)
		m->free_user(m->user);
	for (int i = 0; i < m->count; i++)
		free(m->entries[i]);
	free(m->entries);
	free(m->title);
	free(m);
}

static const struct ui_mode menu_mode = {"menu", menu_draw, menu_key, menu_free};

void menu_open(struct ui *ui, const char *title, char *const *entries, int count, int numbered,
               void (*on_choose)(struct ui *ui, int index, void *user), void *user,
               void (*free_user)(void *user))
{
	struct menu *m = xcalloc(1, sizeof(*m));

	m->title = xstrdup(title);
	m->entries = xcalloc(count > 0 ? (size_t)count : 1, sizeof(char *));
	for (int i = 0; i < count; i++)
		m->entries[i] = xstrdup(entries[i]);
	m->count = count;
	m->numbered = numbered;
	m->chosen = -1;
	m->lv = (struct listview){0, 0, menu_count, menu_draw_row, m};
	m->on_choose = on_choose;
	m->user = user;
	m->free_user = free_user;
	ui_mode_open(ui, &menu_mode, m);
}

/* ---- the help pager ---- */

/* Below this width the description goes on lines of its own under the keys. */
#define HELP_ONE_LINE_MIN 56
#define HELP_KEYS_W 16
#define HELP_NAME_W 14

struct help {
	struct buf lines; /* the laid-out lines, '\n'-separated, for the width below */
	int width;
	int line_count;
	int top;
};

/* Appends text wrapped at spaces to width columns, each line indented by indent columns
 * (the first line's indent is already written by the caller when first_done). */
static int wrap_into(struct buf *out, const char *text, int indent, int width, int first_done)
{
	int lines = 0, avail = width - indent;

	if (avail < 8)
		avail = 8;
	while (*text) {
		int cols;
		size_t fit = text_fit(text, avail, &cols);
		size_t len = strlen(text);
		if (fit < len) {
			size_t cut = fit;
			while (cut > 0 && text[cut] != ' ')
				cut--;
			if (cut > 0)
				fit = cut;
		}
		if (lines > 0 || !first_done)
			buf_printf(out, "%*s", indent, "");
		buf_append(out, text, fit);
		buf_putc(out, '\n');
		lines++;
		text += fit;
		while (*text == ' ')
			text++;
	}
	return lines;
}

static void help_layout(struct help *h, int width)
{
	buf_free(&h->lines);
	buf_init(&h->lines);
	h->line_count = 0;
	h->width = width;
	for (int a = 0; a < ACT_COUNT; a++) {
		char *keys = keys_of_action((enum action)a);
		const char *k = keys[0] ? keys : "(none)";
		if (width >= HELP_ONE_LINE_MIN) {
			buf_printf(&h->lines, "%-*s %-*s ", HELP_KEYS_W, k, HELP_NAME_W,
			           action_table[a].name);
			h->line_count += wrap_into(&h->lines, action_table[a].help,
			                           HELP_KEYS_W + HELP_NAME_W + 2, width, 1);
		} else {
			buf_printf(&h->lines, "%s  (%s)\n", k, action_table[a].name);
			h->line_count++;
			h->line_count += wrap_into(&h->lines, action_table[a].help, 4, width, 0);
		}
		free(keys);
	}
}

static int help_height(void)
{
	return LINES - 2 > 1 ? LINES - 2 : 1;
}

static void help_scroll(struct help *h, int delta)
{
	int max = h->line_count - help_height();

	h->top += delta;
	if (h->top > max)
		h->top = max;
	if (h->top < 0)
		h->top = 0;
}

static void help_draw(struct ui *ui, void *data)
{
	struct help *h = data;
	const char *line;
	int y = 1, n = 0;
	char *footer;

	(void)ui;
	if (h->width != COLS)
		help_layout(h, COLS);
	help_scroll(h, 0);
	erase();
	draw_cell(0, 0, COLS, "tidings: keys (rebind them in the [keys] section of the config)",
	          color_attr(COLOR_TITLE_BAR));
	line = h->lines.data ? h->lines.data : "";
	while (*line && y <= help_height()) {
		size_t len = strcspn(line, "\n");
		if (n++ >= h->top) {
			char *one = xstrndup(line, len);
			draw_cell(y++, 0, COLS, one, color_attr(COLOR_NORMAL));
			free(one);
		}
		line += len + (line[len] == '\n');
	}
	footer = xasprintf("j/k, Space/b scroll (%d-%d of %d), q goes back", h->top + 1,
	                   h->top + y - 1, h->line_count);
	draw_cell(LINES - 1, 0, COLS, footer, color_attr(COLOR_STATUS));
	free(footer);
}

static void help_key(struct ui *ui, void *data, int kind, wint_t ch)
{
	struct help *h = data;
	int page = help_height() - 1 > 0 ? help_height() - 1 : 1;

	if (kind != KEY_CODE_YES && (ch == 27 || ch == 'q' || ch == '\n' || ch == '\r')) {
		ui_mode_close(ui, 0);
		return;
	}
	switch (key_action(kind == KEY_CODE_YES ? KEY_FN((int)ch) : (int)ch)) {
	case ACT_DOWN:
		help_scroll(h, 1);
		break;
	case ACT_UP:
		help_scroll(h, -1);
		break;
	case ACT_PAGE_DOWN:
		help_scroll(h, page);
		break;
	case ACT_PAGE_UP:
		help_scroll(h, -page);
		break;
	case ACT_TOP:
		help_scroll(h, -h->line_count);
		break;
	case ACT_BOTTOM:
		help_scroll(h, h->line_count);
		break;
	case ACT_BACK:
	case ACT_HELP:
	case ACT_QUIT:
		ui_mode_close(ui, 0);
		break;
	default:
		break;
	}
}

static void help_free(struct ui *ui, void *data, int submitted)
{
	struct help *h = data;

	(void)ui;
	(void)submitted;
	buf_free(&h->lines);
	free(h);
}

static const struct ui_mode help_mode = {"help", help_draw, help_key, help_free};

void help_open(struct ui *ui)
{
	struct help *h = xcalloc(1, sizeof(*h));

	buf_init(&h->lines);
	h->width = -1;
	ui_mode_open(ui, &help_mode, h);
}
