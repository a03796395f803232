/* The line at the bottom that asks for text: the `:` command line, the `/` search and the
 * feed URL of `a`. */
#include "config/config.h"
#include "core/text.h"
#include "core/util.h"
#include "ui/internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Longest line accepted: enough for any URL people type. */
#define PROMPT_MAX 2048

static void draw_prompt(struct ui *ui, const char *label, const struct buf *b)
{
	struct rect r = ui->layout.status;
	int label_w, text_w, shown_from = 0;
	const char *text = b->data ? b->data : "";

	draw_fill(r.y, 0, COLS, color_attr(COLOR_NORMAL));
	label_w = draw_text(r.y, 0, COLS - 1, label, color_attr(COLOR_PROMPT));
	/* When the text is longer than the line, its end is what matters. */
	text_w = text_width(text);
	while (text_w - shown_from > COLS - label_w - 1 && text[0]) {
		uint32_t cp;
		size_t n = utf8_decode(text, strlen(text), &cp);
		shown_from += text_cp_width(cp) > 0 ? text_cp_width(cp) : 0;
		text += n;
	}
	draw_text(r.y, label_w, COLS - label_w - 1, text, color_attr(COLOR_NORMAL));
	curs_set(1);
	refresh();
}

static void delete_last_char(struct buf *b)
{
	while (b->len > 0) {
		unsigned char c = (unsigned char)b->data[--b->len];
		if ((c & 0xC0) != 0x80)
			break;
	}
	if (b->data)
		b->data[b->len] = '\0';
}

char *prompt_read(struct ui *ui, const char *label, const char *initial)
{
	struct buf b;
	char *result = NULL;
	int done = 0;

	buf_init(&b);
	if (initial)
		buf_puts(&b, initial);
	while (!done) {
		wint_t ch;
		int kind;

		draw_prompt(ui, label, &b);
		kind = get_wch(&ch);
		if (kind == ERR)
			continue;
		if (kind == KEY_CODE_YES) {
			if (ch == KEY_BACKSPACE)
				delete_last_char(&b);
			else if (ch == KEY_ENTER)
				done = 1;
			else if (ch == KEY_RESIZE) {
				layout_compute(ui);
				ui_draw(ui);
			}
			continue;
		}
		switch (ch) {
		case '\n':
		case '\r':
			done = 1;
			break;
		case 27:       /* Esc */
		case 'G' - 64: /* C-g */
		case 'C' - 64: /* C-c */
			done = -1;
			break;
		case 127:
		case '\b':
			delete_last_char(&b);
			break;
		case 'U' - 64: /* C-u */
			b.len = 0;
			if (b.data)
				b.data[0] = '\0';
			break;
		default:
			if (ch >= ' ' && b.len < PROMPT_MAX) {
				char enc[4];
				size_t n = utf8_encode((uint32_t)ch, enc);
				buf_append(&b, enc, n);
			}
			break;
		}
	}
	curs_set(0);
	if (done == 1)
		result = text_sanitize_str(b.data ? b.data : "", TEXT_COLLAPSE_SPACE);
	buf_free(&b);
	return result;
}

/* ":set NAME VALUE" changes a setting for this session. */
static void command_set(struct ui *ui, char *args)
{
	char *name = args, *value, *err = NULL;

	value = name + strcspn(name, " \t");
	if (*value)
		*value++ = '\0';
	value = str_trim(value);
	if (!name[0] || !setting_find(name)) {
		ui_status(ui, 1, "set: unknown setting '%s'", name);
		return;
	}
	if (setting_set(name, value, &err) != 0) {
		ui_status(ui, 1, "set: %s", err);
		free(err);
		return;
	}
	if (strcmp(name, "show-read") == 0) {
		ui->unread_only = !settings.show_read;
		items_pane_reload(ui);
	}
	if (strcmp(name, "feed-column-width") == 0)
		ui->feed_width = settings.feed_column_width;
	layout_compute(ui);
	ui_status(ui, 0, "%s = %s", name, value);
}

void prompt_command(struct ui *ui, const char *line)
{
	char *copy = xstrdup(line), *cmd = str_trim(copy), *args;
	enum action a;

	args = cmd + strcspn(cmd, " \t");
	if (*args)
		*args++ = '\0';
	args = str_trim(args);
	if (!cmd[0]) {
		free(copy);
		return;
	}
	if (strcmp(cmd, "set") == 0) {
		command_set(ui, args);
	} else if (strcmp(cmd, "q") == 0) {
		ui->quit = 1;
	} else if (strcmp(cmd, "search") == 0 && args[0]) {
		feeds_pane_set_search(ui, args);
	} else if ((a = action_find(cmd)) != ACT_NONE && a != ACT_COMMAND) {
		ui_do_action(ui, a);
	} else {
		ui_status(ui, 1,
		          "unknown command '%s' (:set NAME VALUE, :search WORDS, or an action "
		          "name from the ? help)",
		          cmd);
	}
	free(copy);
}
