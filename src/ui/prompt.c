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

struct prompt {
	struct prompt_spec spec;
	char *label;
	struct buf text;
	char *submitted; /* the line on Enter, sanitised */
};

static const char *prompt_text(const struct prompt *p)
{
	return p->text.data ? p->text.data : "";
}

static void prompt_draw(struct ui *ui, void *data)
{
	struct prompt *p = data;
	struct rect r = ui->layout.status;
	int label_w, text_w, shown_from = 0, cursor_x;
	const char *text = prompt_text(p);

	draw_fill(r.y, 0, COLS, color_attr(COLOR_NORMAL));
	label_w = draw_text(r.y, 0, COLS - 1, p->label, color_attr(COLOR_PROMPT));
	/* When the text is longer than the line, its end is what matters. */
	text_w = text_width(text);
	while (text_w - shown_from > COLS - label_w - 1 && text[0]) {
		uint32_t cp;
		size_t n = utf8_decode(text, strlen(text), &cp);
		shown_from += text_cp_width(cp) > 0 ? text_cp_width(cp) : 0;
		text += n;
	}
	cursor_x =
	    label_w + draw_text(r.y, label_w, COLS - label_w - 1, text, color_attr(COLOR_NORMAL));
	move(r.y, cursor_x < COLS ? cursor_x : COLS - 1);
	curs_set(1);
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

static void prompt_changed(struct ui *ui, struct prompt *p)
{
	if (p->spec.on_change)
		p->spec.on_change(ui, prompt_text(p), p->spec.user);
}

static void prompt_key(struct ui *ui, void *data, int kind, wint_t ch)
{
	struct prompt *p = data;
	int changed = 0;

	if (kind == KEY_CODE_YES) {
		if (ch == KEY_BACKSPACE) {
			delete_last_char(&p->text);
			prompt_changed(ui, p);
			return;
		} else if (ch == KEY_ENTER)
			ch = '\n';
		else
			return;
	}
	switch (ch) {
	case '\n':
	case '\r':
		p->submitted = text_sanitize_str(prompt_text(p), TEXT_COLLAPSE_SPACE);
		ui_mode_close(ui, 1);
		return;
	case 27:       /* Esc */
	case 'G' - 64: /* C-g */
	case 'C' - 64: /* C-c, when the terminal sends it as a key */
		ui_mode_close(ui, 0);
		return;
	case 127:
	case '\b':
		delete_last_char(&p->text);
		changed = 1;
		break;
	case 'U' - 64: /* C-u */
		p->text.len = 0;
		if (p->text.data)
			p->text.data[0] = '\0';
		changed = 1;
		break;
	default:
		if (ch >= ' ' && p->text.len < PROMPT_MAX) {
			char enc[4];
			size_t n = utf8_encode((uint32_t)ch, enc);
			buf_append(&p->text, enc, n);
			changed = 1;
		}
		break;
	}
	if (changed)
		prompt_changed(ui, p);
}

/* Runs the prompt's ending: the prompt is off the stack already. */
static void prompt_free(struct ui *ui, void *data, int submitted)
{
	struct prompt *p = data;

	if (submitted && p->submitted && p->spec.on_submit)
		p->spec.on_submit(ui, p->submitted, p->spec.user);
	else if (!submitted && p->spec.on_cancel)
		p->spec.on_cancel(ui, p->spec.user);
	if (p->spec.free_user)
		p->spec.free_user(p->spec.user);
	buf_free(&p->text);
	free(p->submitted);
	free(p->label);
	free(p);
}

static const struct ui_mode prompt_mode = {"prompt", prompt_draw, prompt_key, prompt_free};

void prompt_open(struct ui *ui, const struct prompt_spec *spec)
{
	struct prompt *p = xcalloc(1, sizeof(*p));

	p->spec = *spec;
	p->label = xstrdup(spec->label ? spec->label : "");
	p->spec.label = p->label;
	p->spec.initial = NULL;
	buf_init(&p->text);
	if (spec->initial)
		buf_puts(&p->text, spec->initial);
	ui_mode_open(ui, &prompt_mode, p);
}

/* ---- a yes/no question ---- */

struct confirm {
	char *question;
	void (*on_yes)(struct ui *ui, void *user);
	void *user;
	void (*free_user)(void *user);
};

static void confirm_draw(struct ui *ui, void *data)
{
	struct confirm *c = data;
	struct rect r = ui->layout.status;
	int w;

	draw_fill(r.y, 0, COLS, color_attr(COLOR_NORMAL));
	w = draw_text(r.y, 0, COLS - 1, c->question, color_attr(COLOR_PROMPT));
	w += draw_text(r.y, w, COLS - 1 - w, " (y/n) ", color_attr(COLOR_PROMPT));
	move(r.y, w < COLS ? w : COLS - 1);
	curs_set(1);
}

static void confirm_key(struct ui *ui, void *data, int kind, wint_t ch)
{
	(void)data;
	ui_mode_close(ui, kind != KEY_CODE_YES && (ch == 'y' || ch == 'Y'));
}

static void confirm_free(struct ui *ui, void *data, int yes)
{
	struct confirm *c = data;

	if (yes)
		c->on_yes(ui, c->user);
	else
		ui_status(ui, 0, "cancelled");
	if (c->free_user)
		c->free_user(c->user);
	free(c->question);
	free(c);
}

static const struct ui_mode confirm_mode = {"confirm", confirm_draw, confirm_key, confirm_free};

void confirm_open(struct ui *ui, const char *question, void (*on_yes)(struct ui *ui, void *user),
                  void *user, void (*free_user)(void *user))
{
	struct confirm *c = xcalloc(1, sizeof(*c));

	c->question = xstrdup(question);
	c->on_yes = on_yes;
	c->user = user;
	c->free_user = free_user;
	ui_mode_open(ui, &confirm_mode, c);
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
		ui_do_action(ui, ACT_QUIT);
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
