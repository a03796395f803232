/* Full-screen states over the panes: the `?` help (a pager generated from actions.def and the
 * keys in force, its descriptions wrapped to the screen) and menus to choose from (an
 * article's links, the feeds a page announces), which are the one list view. Each is a state
 * of the event loop (modes.c): keys come from the loop, never from a loop of their own. */
#include "config/config.h"
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

/* ---- pagers: the help and the message log ---- */

/* Below this width the description goes on lines of its own under the keys. */
#define HELP_ONE_LINE_MIN 56
#define HELP_KEYS_W 16
#define HELP_NAME_W 14

struct pager {
	const char *title;
	/* Lays the text out for width columns into out ('\n'-separated); returns the lines. */
	int (*layout)(struct ui *ui, struct buf *out, int width);
	struct buf lines;
	int width;
	int line_count;
	int top;
	int messages_seen; /* the message log: laid out again when it grows */
	int follow_end;    /* opens at the end (the newest messages) */
};

/* Appends text wrapped at spaces to width columns, each line indented by indent columns
 * (except the first when first_done: the caller has written its start). */
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
		if (fit == 0) { /* a character wider than the room: take it anyway */
			fit = 1;
			while (text[fit] && ((unsigned char)text[fit] & 0xC0) == 0x80)
				fit++;
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
	if (lines == 0) {
		buf_putc(out, '\n');
		lines++;
	}
	return lines;
}

/* How articles become read, as mark-read-on says: the rule people otherwise have to guess. */
static const char *read_rule(void)
{
	const char *when = settings.mark_read_on ? settings.mark_read_on : "open";

	if (strcmp(when, "select") == 0)
		return "Articles are marked read as soon as you move to them (mark-read-on = "
		       "select; open or never are the other choices).";
	if (strcmp(when, "never") == 0)
		return "Articles are marked read only with r and A (mark-read-on = never; open or "
		       "select are the other choices).";
	return "Articles are marked read when you open them in the reading pane (Enter, Tab, "
	       "z); moving over them leaves them unread (mark-read-on = open; select or never "
	       "are the other choices).";
}

static int help_layout(struct ui *ui, struct buf *out, int width)
{
	int lines = 0;

	(void)ui;
	lines += wrap_into(out, read_rule(), 0, width, 0);
	buf_putc(out, '\n');
	lines++;
	for (int a = 0; a < ACT_COUNT; a++) {
		char *keys = keys_of_action((enum action)a);
		const char *k = keys[0] ? keys : "(none)";
		if (width >= HELP_ONE_LINE_MIN) {
			buf_printf(out, "%-*s %-*s ", HELP_KEYS_W, k, HELP_NAME_W,
			           action_table[a].name);
			lines += wrap_into(out, action_table[a].help, HELP_KEYS_W + HELP_NAME_W + 2,
			                   width, 1);
		} else {
			buf_printf(out, "%s  (%s)\n", k, action_table[a].name);
			lines++;
			lines += wrap_into(out, action_table[a].help, 4, width, 0);
		}
		free(keys);
	}
	return lines;
}

static int messages_layout(struct ui *ui, struct buf *out, int width)
{
	int lines = 0;

	if (ui->message_count == 0)
		return wrap_into(out, "No messages yet.", 0, width, 0);
	for (int i = 0; i < ui->message_count; i++)
		lines += wrap_into(out, ui->messages[i], 10, width, 0);
	return lines;
}

static int pager_height(void)
{
	return LINES - 2 > 1 ? LINES - 2 : 1;
}

static void pager_scroll(struct pager *p, int delta)
{
	int max = p->line_count - pager_height();

	p->top += delta;
	if (p->top > max)
		p->top = max;
	if (p->top < 0)
		p->top = 0;
}

static void pager_layout(struct ui *ui, struct pager *p)
{
	buf_free(&p->lines);
	buf_init(&p->lines);
	p->width = COLS;
	p->messages_seen = ui->message_count;
	p->line_count = p->layout(ui, &p->lines, COLS);
	if (p->follow_end)
		pager_scroll(p, p->line_count);
}

static void pager_draw(struct ui *ui, void *data)
{
	struct pager *p = data;
	const char *line;
	int y = 1, n = 0;
	char *footer;

	if (p->width != COLS ||
	    (p->layout == messages_layout && p->messages_seen != ui->message_count))
		pager_layout(ui, p);
	pager_scroll(p, 0);
	erase();
	draw_cell(0, 0, COLS, p->title, color_attr(COLOR_TITLE_BAR));
	line = p->lines.data ? p->lines.data : "";
	while (*line && y <= pager_height()) {
		size_t len = strcspn(line, "\n");
		if (n++ >= p->top) {
			char *one = xstrndup(line, len);
			draw_cell(y++, 0, COLS, one, color_attr(COLOR_NORMAL));
			free(one);
		}
		line += len + (line[len] == '\n');
	}
	footer = xasprintf("j/k, Space/b scroll (%d-%d of %d), q goes back", p->top + 1,
	                   p->top + y - 1, p->line_count);
	draw_cell(LINES - 1, 0, COLS, footer, color_attr(COLOR_STATUS));
	free(footer);
}

static void pager_key(struct ui *ui, void *data, int kind, wint_t ch)
{
	struct pager *p = data;
	int page = pager_height() - 1 > 0 ? pager_height() - 1 : 1;

	if (kind != KEY_CODE_YES && (ch == 27 || ch == 'q' || ch == '\n' || ch == '\r')) {
		ui_mode_close(ui, 0);
		return;
	}
	p->follow_end = 0;
	switch (key_action(kind == KEY_CODE_YES ? KEY_FN((int)ch) : (int)ch)) {
	case ACT_DOWN:
		pager_scroll(p, 1);
		break;
	case ACT_UP:
		pager_scroll(p, -1);
		break;
	case ACT_PAGE_DOWN:
		pager_scroll(p, page);
		break;
	case ACT_PAGE_UP:
		pager_scroll(p, -page);
		break;
	case ACT_TOP:
		pager_scroll(p, -p->line_count);
		break;
	case ACT_BOTTOM:
		pager_scroll(p, p->line_count);
		break;
	case ACT_BACK:
	case ACT_HELP:
	case ACT_MESSAGES:
	case ACT_QUIT:
		ui_mode_close(ui, 0);
		break;
	default:
		break;
	}
}

static void pager_free(struct ui *ui, void *data, int submitted)
{
	struct pager *p = data;

	(void)ui;
	(void)submitted;
	buf_free(&p->lines);
	free(p);
}

static const struct ui_mode pager_mode = {"pager", pager_draw, pager_key, pager_free};

static void pager_open(struct ui *ui, const char *title,
                       int (*layout)(struct ui *ui, struct buf *out, int width), int at_end)
{
	struct pager *p = xcalloc(1, sizeof(*p));

	p->title = title;
	p->layout = layout;
	p->width = -1;
	p->follow_end = at_end;
	buf_init(&p->lines);
	ui_mode_open(ui, &pager_mode, p);
}

void help_open(struct ui *ui)
{
	pager_open(ui, "tidings: keys (rebind them in the [keys] section of the config)",
	           help_layout, 0);
}

void messages_open(struct ui *ui)
{
	pager_open(ui, "tidings: messages of this session, newest last", messages_layout, 1);
}
