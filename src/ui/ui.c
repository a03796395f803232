/* The reader's start, end and event loop: the keyboard, the mouse and window size changes
 * (through a self-pipe, so that poll wakes for them) in one poll(2) loop, each key turned into
 * an action of actions.def and carried out here. */
#include "config/config.h"
#include "core/log.h"
#include "core/text.h"
#include "core/util.h"
#include "render/render.h"
#include "store/housekeep.h"
#include "core/media.h"
#include "ui/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct ui *g_ui;

/* Signals reach the poll loop through this pipe, one byte per signal (its number). */
static int signal_pipe[2] = {-1, -1};
static int term_in_fd = STDIN_FILENO, term_out_fd = STDOUT_FILENO;

static void on_signal(int sig)
{
	int saved = errno;
	char c = (char)sig;

	if (write(signal_pipe[1], &c, 1) < 0) {
		/* The pipe is full: the loop has plenty to read already. */
	}
	errno = saved;
}

/* Messages kept for `M`: the session's last ones. */
#define UI_MESSAGES_MAX 200

static void log_message(struct ui *ui, const char *msg)
{
	char stamp[16];
	time_t now = time(NULL);
	struct tm tm;

	if (ui->message_count == UI_MESSAGES_MAX) {
		free(ui->messages[0]);
		memmove(ui->messages, ui->messages + 1,
		        sizeof(char *) * (size_t)(UI_MESSAGES_MAX - 1));
		ui->message_count--;
	}
	if (!ui->messages)
		ui->messages = xcalloc(UI_MESSAGES_MAX, sizeof(char *));
	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%H:%M:%S", &tm);
	ui->messages[ui->message_count++] = xasprintf("%s  %s", stamp, msg);
}

static void set_status(struct ui *ui, int is_error, int keep, const char *fmt, va_list ap)
{
	struct buf b;

	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	free(ui->status);
	ui->status = buf_steal(&b);
	ui->status_is_error = is_error;
	if (keep)
		log_message(ui, ui->status);
}

void ui_status(struct ui *ui, int is_error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_status(ui, is_error, 1, fmt, ap);
	va_end(ap);
}

void ui_status_transient(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_status(ui, 0, 0, fmt, ap);
	va_end(ap);
}

static void log_to_status(int is_error, const char *msg)
{
	if (g_ui)
		ui_status(g_ui, is_error, "%s", msg);
}

/* ---- drawing ---- */

static void draw_title(struct ui *ui)
{
	struct rect r = ui->layout.title;
	struct items_pane *ip = &ui->items;
	char *line = xasprintf("tidings | %s | %d/%d%s%s%s%s", ip->view_name ? ip->view_name : "",
	                       ip->total ? ip->lv.selected + 1 : 0, ip->total,
	                       ip->total_more ? "+" : "", ui->unread_only ? " | unread only" : "",
	                       ui->adhoc_filter ? " | filter: " : "",
	                       ui->adhoc_filter ? ui->adhoc_filter->text : "");

	draw_cell(r.y, r.x, r.w, line, color_attr(COLOR_TITLE_BAR));
	free(line);
}

static void draw_status(struct ui *ui)
{
	struct rect r = ui->layout.status;
	const char *hint = "? help  Q quit";
	int hint_w = (int)strlen(hint), text_w = r.w - hint_w - 1;
	const char *msg = ui->status;
	enum color_role role = ui->status_is_error ? COLOR_STATUS_ERROR : COLOR_STATUS;
	char *feed_msg = NULL;

	/* Without a message of its own the line tells what is still going on in the background. */
	if (!msg && (feed_msg = jobs_pending_text(ui)))
		msg = feed_msg;
	if (!msg && (feed_msg = downloads_status_text(ui)))
		msg = feed_msg;
	if (!msg && ui->focus == PANE_FEEDS && feeds_pane_selected_error(ui)) {
		feed_msg = xasprintf("last error: %s", feeds_pane_selected_error(ui));
		msg = feed_msg;
		role = COLOR_STATUS_ERROR;
	} else if (!msg && ui->focus == PANE_FEEDS && feeds_pane_selected_partial(ui)) {
		feed_msg = xasprintf("partly read: %s", feeds_pane_selected_partial(ui));
		msg = feed_msg;
	}
	draw_fill(r.y, r.x, r.w, color_attr(COLOR_STATUS));
	/* A message wins over the hint; one that still does not fit says where to read it all. */
	if (text_w < 10 || (msg && text_width(msg) > text_w)) {
		text_w = r.w;
		hint = NULL;
	}
	if (msg && text_width(msg) > text_w && text_w > 12) {
		static const char more[] = " \u2026 M: all";
		int used = draw_text(r.y, r.x, text_w - text_width(more), msg, color_attr(role));
		draw_text(r.y, r.x + used, text_w - used, more, color_attr(COLOR_STATUS));
	} else if (msg) {
		draw_text(r.y, r.x, text_w, msg, color_attr(role));
	}
	if (hint)
		draw_text(r.y, r.x + r.w - hint_w, hint_w, hint, color_attr(COLOR_STATUS));
	free(feed_msg);
}

static void draw_borders(struct ui *ui)
{
	struct layout *l = &ui->layout;
	attr_t attr = color_attr(COLOR_BORDER);

	attrset(attr);
	if (l->show_feeds && (l->show_items || l->show_reader))
		mvvline(l->feeds.y, l->feeds.x + l->feeds.w, ACS_VLINE, l->feeds.h);
	if (l->show_items && l->show_reader) {
		if (l->items.x == l->reader.x)
			mvhline(l->items.y + l->items.h, l->items.x, ACS_HLINE, l->items.w);
		else
			mvvline(l->items.y, l->items.x + l->items.w, ACS_VLINE, l->items.h);
	}
	attrset(A_NORMAL);
}

/* Below this size the panes cannot be laid out readably. */
#define UI_MIN_COLS 40
#define UI_MIN_LINES 12

static void draw_too_small(void)
{
	char size[64];

	snprintf(size, sizeof(size), "%dx%d: %dx%d at least", COLS, LINES, UI_MIN_COLS,
	         UI_MIN_LINES);
	draw_text(0, 0, COLS, "terminal too small", color_attr(COLOR_STATUS_ERROR));
	if (LINES > 1)
		draw_text(1, 0, COLS, size, color_attr(COLOR_NORMAL));
	if (LINES > 2)
		draw_text(2, 0, COLS, "Q quits", color_attr(COLOR_NORMAL));
}

void ui_draw(struct ui *ui)
{
	struct layout *l = &ui->layout;

	pictures_frame_begin(ui);
	erase();
	curs_set(0);
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
		draw_too_small();
		refresh();
		pictures_frame_end(ui);
		return;
	}
	if (l->show_feeds)
		listview_draw(&ui->feeds.lv, l->feeds, ui->focus == PANE_FEEDS);
	if (l->show_items)
		listview_draw(&ui->items.lv, l->items, ui->focus == PANE_ITEMS);
	if (l->show_reader)
		reader_pane_draw(ui, l->reader, ui->focus == PANE_READER || ui->zoom);
	draw_borders(ui);
	draw_title(ui);
	draw_status(ui);
	ui_modes_draw(ui);
	refresh();
	pictures_frame_end(ui);
}

void ui_write_terminal(const char *s, size_t len)
{
	write_all(term_out_fd, s, len);
}

void ui_cell_pixels(int *w, int *h)
{
	struct winsize ws;

	*w = *h = 0;
	if (ioctl(term_out_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0 &&
	    ws.ws_xpixel > 0 && ws.ws_ypixel > 0) {
		*w = ws.ws_xpixel / ws.ws_col;
		*h = ws.ws_ypixel / ws.ws_row;
	}
}

/* ---- programs: the browser and the copy command ---- */

static void handle_resize(struct ui *ui);

/* Waits for a program the reader runs in the foreground (a terminal browser has the
 * terminal meanwhile), listening to the signal pipe rather than blocking in waitpid: a
 * SIGTERM or SIGHUP is passed on to the program and ends the reader when it returns. */
static void wait_for_program(struct ui *ui, pid_t pid, int *status)
{
	for (;;) {
		struct pollfd p = {.fd = signal_pipe[0], .events = POLLIN};
		char sigs[64];
		ssize_t n;
		pid_t done = waitpid(pid, status, WNOHANG);

		if (done == pid || (done < 0 && errno != EINTR))
			return;
		/* SIGCHLD comes through the pipe too, so the program's end wakes this poll. */
		if (poll(&p, 1, -1) < 0 && errno != EINTR)
			return;
		while ((n = read(signal_pipe[0], sigs, sizeof(sigs))) > 0)
			for (ssize_t i = 0; i < n; i++)
				if (sigs[i] == SIGTERM || sigs[i] == SIGHUP) {
					if (!ui->exit_signal)
						ui->exit_signal = sigs[i];
					ui->quit = 1;
					kill(pid, sigs[i]);
				}
		/* A resize meanwhile is taken in after the program (ui_spawn). */
	}
}

int ui_spawn(struct ui *ui, char *const argv[], int needs_terminal, const char *stdin_text)
{
	int in_pipe[2] = {-1, -1}, status = 0;
	pid_t pid;

	if (stdin_text && pipe(in_pipe) != 0)
		return -1;
	if (needs_terminal) {
		def_prog_mode();
		endwin();
	}
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (stdin_text) {
			dup2(in_pipe[0], 0);
			close(in_pipe[0]);
			close(in_pipe[1]);
		} else if (!needs_terminal && null >= 0) {
			dup2(null, 0);
		}
		if (!needs_terminal && null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
			/* A graphical browser outlives the reader, in its own session. A program
			 * fed on its standard input (the copy command) is waited for instead, so
			 * that its status is its own and it has read everything when we report. */
			if (!stdin_text) {
				setsid();
				if (fork() > 0)
					_exit(0);
			}
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (stdin_text) {
		close(in_pipe[0]);
		if (pid > 0)
			write_all(in_pipe[1], stdin_text, strlen(stdin_text));
		close(in_pipe[1]);
	}
	if (pid > 0)
		wait_for_program(ui, pid, &status);
	if (needs_terminal) {
		reset_prog_mode();
		handle_resize(ui);
		clearok(curscr, TRUE);
		pictures_invalidate(ui);
		refresh();
	}
	if (pid < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Splits a command setting at white space into an argv (no shell: no quoting, no
 * expansion), with the URL put where "%u" or "%s" is, or appended. */
char **command_argv(const char *command, const char *url)
{
	char *copy = xstrdup(command), *save = NULL;
	char **argv = xcalloc(strlen(command) / 2 + 3, sizeof(char *));
	int n = 0, placed = 0;

	for (char *tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (url && (strcmp(tok, "%u") == 0 || strcmp(tok, "%s") == 0)) {
			argv[n++] = xstrdup(url);
			placed = 1;
		} else {
			argv[n++] = xstrdup(tok);
		}
	}
	if (url && !placed)
		argv[n++] = xstrdup(url);
	argv[n] = NULL;
	free(copy);
	return argv;
}

void argv_free(char **argv)
{
	for (int i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

static char *base64(const char *s)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t len = strlen(s);
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned char)s[i] << 16;
		if (i + 1 < len)
			v |= (unsigned char)s[i + 1] << 8;
		if (i + 2 < len)
			v |= (unsigned char)s[i + 2];
		buf_putc(&b, tab[(v >> 18) & 63]);
		buf_putc(&b, tab[(v >> 12) & 63]);
		buf_putc(&b, i + 1 < len ? tab[(v >> 6) & 63] : '=');
		buf_putc(&b, i + 2 < len ? tab[v & 63] : '=');
	}
	if (!b.data)
		buf_puts(&b, "");
	return buf_steal(&b);
}

static void copy_text(struct ui *ui, const char *text)
{
	char *clean = text_sanitize_str(text, TEXT_COLLAPSE_SPACE);

	if (settings.copy_command && settings.copy_command[0]) {
		char **argv = command_argv(settings.copy_command, NULL);
		int rc = argv[0] ? ui_spawn(ui, argv, 0, clean) : -1;
		if (rc == 0)
			ui_status(ui, 0, "copied %s", clean);
		else
			ui_status(ui, 1, "copy-command failed (status %d)", rc);
		argv_free(argv);
	} else {
		/* OSC 52: the terminal puts the text on the clipboard. */
		char *enc = base64(clean);
		char *seq = xasprintf("\033]52;c;%s\a", enc);
		refresh();
		write_all(term_out_fd, seq, strlen(seq));
		ui_status(ui, 0, "copied %s", clean);
		free(seq);
		free(enc);
	}
	free(clean);
}

/* ---- actions ---- */

static int focused_height(struct ui *ui)
{
	return pane_height(ui, ui->focus);
}

static struct listview *focused_list(struct ui *ui)
{
	return ui->focus == PANE_FEEDS ? &ui->feeds.lv : &ui->items.lv;
}

static void mark_read(struct ui *ui, const struct view_row *r)
{
	if (!r || r->read)
		return;
	if (view_set_read(ui->cache, r->id, 1) == 0) {
		int64_t id = r->id;
		items_pane_update_row(ui, id, 1, r->saved);
		feeds_pane_article_marked(ui, id, 1);
	}
}

static int mark_read_on(const char *when)
{
	return strcmp(settings.mark_read_on ? settings.mark_read_on : "open", when) == 0;
}

/* With mark-read-on = open (the default), an article shown in the focused or zoomed reading
 * pane counts as read. */
static void mark_shown_read(struct ui *ui)
{
	if (mark_read_on("open") && (ui->focus == PANE_READER || ui->zoom))
		mark_read(ui, items_pane_selected(ui));
}

/* With mark-read-on = select, the article a key or a click moved to counts as read (not the
 * one merely left selected: r on it must be able to make it unread). */
static void mark_selected_read(struct ui *ui)
{
	const struct view_row *r = items_pane_selected(ui);
	int64_t id = r ? r->id : 0;

	if (id != ui->last_selected_id && mark_read_on("select") && ui->focus != PANE_FEEDS)
		mark_read(ui, r);
	ui->last_selected_id = id;
}

static void move_by(struct ui *ui, int delta)
{
	if (ui->focus == PANE_READER || ui->zoom)
		reader_pane_scroll(ui, delta, pane_height(ui, PANE_READER));
	else
		listview_move(focused_list(ui), delta, focused_height(ui));
}

/* Space at the end of an article goes on to the next one, as in a pager. */
static void page_down(struct ui *ui)
{
	if (ui->focus == PANE_READER || ui->zoom) {
		struct reader_pane *rp = &ui->reader;
		int h = pane_height(ui, PANE_READER), before = rp->scroll;
		reader_pane_scroll(ui, h - 1, h);
		if (rp->scroll == before &&
		    listview_move(&ui->items.lv, 1, pane_height(ui, PANE_ITEMS)))
			mark_shown_read(ui);
		return;
	}
	move_by(ui, focused_height(ui) - 1);
}

static void go_unread(struct ui *ui, int dir)
{
	const struct view_row *r = items_pane_selected(ui);
	int pos;

	if (!r) {
		ui_status(ui, 0, "no articles here");
		return;
	}
	pos = view_find_unread(ui->cache, &ui->items.q, r->sort_time, r->id, dir);
	if (pos < 0) {
		ui_status(ui, 0, "no %s unread article in this view",
		          dir > 0 ? "later" : "earlier");
		return;
	}
	listview_select(&ui->items.lv, pos, pane_height(ui, PANE_ITEMS));
	if (ui->focus == PANE_FEEDS)
		ui->focus = PANE_ITEMS;
	mark_shown_read(ui);
}

static void toggle_read(struct ui *ui)
{
	const struct view_row *r = items_pane_selected(ui);

	if (!r || ui->focus == PANE_FEEDS)
		return;
	if (view_set_read(ui->cache, r->id, !r->read) == 0) {
		int64_t id = r->id;
		int read = !r->read;
		ui_status(ui, 0, "marked %s", r->read ? "unread" : "read");
		items_pane_update_row(ui, id, read, r->saved);
		feeds_pane_article_marked(ui, id, read);
	}
}

static void toggle_saved(struct ui *ui)
{
	const struct view_row *r = items_pane_selected(ui);

	if (!r)
		return;
	if (view_set_saved(ui->cache, r->id, !r->saved) == 0) {
		ui_status(ui, 0, "%s the Saved view", r->saved ? "taken out of" : "added to");
		items_pane_update_row(ui, r->id, r->read, !r->saved);
	}
}

/* s: the article as a file under saved/ (or save-dir), full text included when its page can
 * be had, and marked saved: `tidings save` in the background. */
static void delete_selected(struct ui *ui)
{
	const struct view_row *r = items_pane_selected(ui);
	int64_t id;
	char *title;

	if (!r)
		return;
	id = r->id;
	title = xstrdup(r->title && *r->title ? r->title : "(no title)");
	if (store_items_delete(ui->cache, &id, 1) != 1) {
		ui_status(ui, 1, "cannot delete the article: %s", cache_errmsg(ui->cache));
		free(title);
		return;
	}
	reader_pane_reset(&ui->reader);
	feeds_pane_invalidate(&ui->feeds);
	items_pane_reload(ui);
	if (ui->focus == PANE_READER)
		ui->focus = PANE_ITEMS;
	ui_status(ui, 0, "deleted: %s", title);
	free(title);
}

static void save_selected(struct ui *ui)
{
	const struct view_row *r = items_pane_selected(ui);

	if (r)
		jobs_save(ui, r->id);
}

/* f: the full article from its web page, stored in the cache; again, back to the feed's own
 * text and forth. */
static void full_text(struct ui *ui)
{
	const struct view_row *r = items_pane_selected(ui);

	if (!r)
		return;
	reader_pane_load_selected(ui);
	if (ui->reader.loaded && ui->reader.item.fulltext && ui->reader.item.fulltext[0]) {
		int64_t id = ui->reader.item_id;
		ui->reader.feed_text_for = ui->reader.feed_text_for == id ? 0 : id;
		ui->reader.item_id = 0; /* lay it out again */
		ui_status(ui, 0, ui->reader.feed_text_for ? "the feed's text" : "the full text");
		return;
	}
	jobs_full_text(ui, r->id);
}

/* A asks first when it would mark more articles than this. */
#define BULK_MARK_ASK_ABOVE 5

struct bulk_mark {
	int64_t *ids;
	int count;
};

static void bulk_mark_free(void *user)
{
	struct bulk_mark *m = user;

	free(m->ids);
	free(m);
}

static void bulk_mark_apply(struct ui *ui, void *user)
{
	struct bulk_mark *m = user;

	if (view_set_read_many(ui->cache, m->ids, m->count, 1) != 0) {
		ui_status(ui, 1, "could not mark the articles read");
		return;
	}
	/* The ids move to the undo slot; the bulk_mark is freed empty. */
	free(ui->undo_ids);
	ui->undo_ids = m->ids;
	ui->undo_count = m->count;
	m->ids = NULL;
	items_pane_reload(ui);
	feeds_pane_invalidate(&ui->feeds);
	ui_status(ui, 0, "%d article%s marked read (U takes it back)", ui->undo_count,
	          ui->undo_count == 1 ? "" : "s");
}

static void mark_all_read(struct ui *ui)
{
	struct bulk_mark *m;
	int n;
	int64_t *ids;

	/* a row that is no view of articles (Downloads, a broken query) has nothing to mark */
	if (ui->focus == PANE_FEEDS && feeds_pane_open_selected(ui) != 0)
		return;
	n = view_unread_ids(ui->cache, &ui->items.q, &ids);
	if (n < 0) {
		ui_status(ui, 1, "could not read the articles of this view");
		return;
	}
	if (n == 0) {
		free(ids);
		ui_status(ui, 0, "no unread articles here");
		return;
	}
	m = xcalloc(1, sizeof(*m));
	m->ids = ids;
	m->count = n;
	if (n <= BULK_MARK_ASK_ABOVE) {
		bulk_mark_apply(ui, m);
		bulk_mark_free(m);
		return;
	}
	{
		char *q = xasprintf("Mark %d articles of %s read?", n,
		                    ui->items.view_name ? ui->items.view_name : "this view");
		confirm_open(ui, q, bulk_mark_apply, m, bulk_mark_free);
		free(q);
	}
}

static void undo_mark(struct ui *ui)
{
	if (!ui->undo_ids) {
		ui_status(ui, 0, "nothing to take back: U undoes the last mark-all-read");
		return;
	}
	if (view_set_read_many(ui->cache, ui->undo_ids, ui->undo_count, 0) != 0) {
		ui_status(ui, 1, "could not mark the articles unread again");
		return;
	}
	ui_status(ui, 0, "%d article%s unread again", ui->undo_count,
	          ui->undo_count == 1 ? "" : "s");
	free(ui->undo_ids);
	ui->undo_ids = NULL;
	ui->undo_count = 0;
	items_pane_reload(ui);
	feeds_pane_invalidate(&ui->feeds);
}

static const char *selected_link(struct ui *ui)
{
	const struct view_row *r = items_pane_selected(ui);

	if (!r)
		return NULL;
	if (ui->reader.item_id != r->id || !ui->reader.loaded)
		reader_pane_load_selected(ui);
	if (!ui->reader.loaded || !ui->reader.item.link || !ui->reader.item.link[0]) {
		ui_status(ui, 1, "this article has no link");
		return NULL;
	}
	return ui->reader.item.link;
}

/* The links menu keeps its own copy of the links: the article may change under it. */
static void open_chosen_link(struct ui *ui, int index, void *user)
{
	char **links = user;

	browser_open(ui, links[index]);
}

static void free_links(void *user)
{
	char **links = user;

	for (int i = 0; links && links[i]; i++)
		free(links[i]);
	free(links);
}

static void show_links(struct ui *ui)
{
	const struct view_row *r = items_pane_selected(ui);
	struct media *media = NULL;
	struct doc *d;
	char **links, **entries;
	int n, media_count, doc_count;

	if (!r)
		return;
	if (ui->reader.item_id != r->id || !ui->reader.loaded)
		reader_pane_load_selected(ui);
	d = ui->reader.doc;
	doc_count = d ? d->link_count : 0;
	media_count = ui->reader.loaded ? media_list(ui->reader.item.enclosures, &media) : 0;
	n = doc_count + media_count;
	if (n == 0) {
		ui_status(ui, 0, "this article has no links");
		return;
	}
	/* the text's links keep their numbers; the enclosures (podcast audio...) follow */
	links = xcalloc((size_t)n + 1, sizeof(char *));
	entries = xcalloc((size_t)n + 1, sizeof(char *));
	for (int i = 0; i < doc_count; i++) {
		links[i] = xstrdup(d->links[i]);
		entries[i] = xstrdup(d->links[i]);
	}
	for (int i = 0; i < media_count; i++) {
		char *line = media_line(&media[i]), *shown = xasprintf("Media: %s", line);
		links[doc_count + i] = xstrdup(media[i].url);
		entries[doc_count + i] = text_sanitize_str(shown, TEXT_COLLAPSE_SPACE);
		free(shown);
		free(line);
	}
	media_list_free(media, media_count);
	menu_open(ui, "Links of the article (the numbers are those in the text)", entries, n, 1,
	          open_chosen_link, links, free_links);
	free_links(entries);
}

static void search_submit(struct ui *ui, const char *words, void *user)
{
	const struct view_query *shown = &ui->items.q;

	(void)user;
	if (!words[0])
		return;
	/* as-you-type has shown these words' results already */
	if (!(shown->kind == VIEW_SEARCH && shown->search && strcmp(shown->search, words) == 0))
		feeds_pane_set_search(ui, words);
	ui->focus = PANE_ITEMS;
	ui_status(ui, 0, "%d%s article%s", ui->items.total, ui->items.total_more ? "+" : "",
	          ui->items.total == 1 && !ui->items.total_more ? " matches" : "s match");
}

/* As you type: the list shows what matches the words so far; Esc goes back to the view of
 * before (and to the search row's words of before, when there was one). */
struct live_search {
	int feed_row;    /* selected in the feed column before */
	char *old_words; /* the search row's words before, or NULL */
};

static void search_changed(struct ui *ui, const char *text, void *user)
{
	char *words = text_sanitize_str(text, TEXT_COLLAPSE_SPACE);
	const struct view_query *shown = &ui->items.q;

	(void)user;
	/* a space typed after a word changes no words: the list stands, not searched again */
	if (words[0] &&
	    !(shown->kind == VIEW_SEARCH && shown->search && strcmp(shown->search, words) == 0))
		feeds_pane_set_search(ui, words);
	free(words);
}

static void search_cancelled(struct ui *ui, void *user)
{
	struct live_search *ls = user;

	if (ui->feeds.search_row >= 0 && ls->old_words)
		feeds_pane_add_search_row(ui, ls->old_words);
	if (ls->feed_row >= 0 && ls->feed_row < ui->feeds.count) {
		ui->feeds.lv.selected = ls->feed_row;
		feeds_pane_open_selected(ui);
	}
}

static void live_search_free(void *user)
{
	struct live_search *ls = user;

	free(ls->old_words);
	free(ls);
}

static void search(struct ui *ui)
{
	struct live_search *ls = xcalloc(1, sizeof(*ls));
	const char *old = feeds_pane_search_words(ui);

	ls->feed_row = ui->feeds.lv.selected;
	ls->old_words = old ? xstrdup(old) : NULL;
	prompt_open(ui, &(struct prompt_spec){.label = "/",
	                                      .on_submit = search_submit,
	                                      .on_change = search_changed,
	                                      .on_cancel = search_cancelled,
	                                      .user = ls,
	                                      .free_user = live_search_free});
}

/* ---- F: the filter on every view ---- */

static void filter_submit(struct ui *ui, const char *text, void *user)
{
	char *err = NULL;

	(void)user;
	if (items_pane_set_filter(ui, text, &err) != 0) {
		ui_status(ui, 1, "filter, %s", err);
		free(err);
		return;
	}
	if (ui->adhoc_filter)
		ui_status(ui, 0, "%d article%s", ui->items.total,
		          ui->items.total == 1 ? " matches the filter" : "s match the filter");
	else
		ui_status(ui, 0, "no filter: every article shows");
}

static void filter_prompt(struct ui *ui)
{
	prompt_open(
	    ui, &(struct prompt_spec){.label = "Filter: ",
	                              .initial = ui->adhoc_filter ? ui->adhoc_filter->text : NULL,
	                              .on_submit = filter_submit});
}

/* The menu of F: an expression to type, the rules file's define-filter lines, and taking the
 * filter away when there is one. */
static void filter_chosen(struct ui *ui, int index, void *user)
{
	int defines = ui->rules ? ui->rules->define_count : 0;

	(void)user;
	if (index == 0)
		filter_prompt(ui);
	else if (index <= defines)
		filter_submit(ui, ui->rules->defines[index - 1].expr->text, NULL);
	else
		filter_submit(ui, "", NULL);
}

static void set_filter(struct ui *ui)
{
	int defines = ui->rules ? ui->rules->define_count : 0, n = 0;
	char **entries;

	if (defines == 0 && !ui->adhoc_filter) {
		filter_prompt(ui);
		return;
	}
	entries = xcalloc((size_t)defines + 2, sizeof(*entries));
	entries[n++] = xstrdup("Type an expression...");
	for (int i = 0; i < defines; i++)
		entries[n++] = xasprintf("%s    %s", ui->rules->defines[i].name,
		                         ui->rules->defines[i].expr->text);
	if (ui->adhoc_filter)
		entries[n++] = xstrdup("No filter (show every article)");
	menu_open(ui, "Filter the articles", entries, n, 1, filter_chosen, NULL, NULL);
	for (int i = 0; i < n; i++)
		free(entries[i]);
	free(entries);
}

static void refresh_selected_feed(struct ui *ui)
{
	const struct view_row *r = items_pane_selected(ui);
	const char **urls;
	int n = feeds_pane_urls(ui, ui->focus == PANE_FEEDS ? 0 : r ? r->feed_id : -1, &urls);

	if (n == 0)
		ui_status(ui, 0, "no feed selected: R refreshes them all");
	else
		background_refresh(ui, urls, n);
	free(urls);
}

static void add_feed_submit(struct ui *ui, const char *url, void *user)
{
	(void)user;
	if (url[0])
		jobs_add_feed(ui, url);
}

/* `a`: subscribes in the background exactly as `tidings add` does (feed discovery
 * included); the feed column follows when it is done. */
static void add_feed(struct ui *ui)
{
	prompt_open(ui, &(struct prompt_spec){.label = "Add feed or site URL: ",
	                                      .on_submit = add_feed_submit});
}

static void command_submit(struct ui *ui, const char *line, void *user)
{
	(void)user;
	prompt_command(ui, line);
}

static void command_line(struct ui *ui)
{
	prompt_open(ui, &(struct prompt_spec){.label = ":", .on_submit = command_submit});
}

static void open_selected(struct ui *ui)
{
	switch (ui->focus) {
	case PANE_FEEDS:
		if (feeds_pane_open_selected(ui) == 0)
			ui->focus = PANE_ITEMS;
		break;
	case PANE_ITEMS:
		ui->focus = PANE_READER;
		ui->reader.scroll = 0;
		mark_shown_read(ui);
		break;
	case PANE_READER:
		break;
	}
}

static void quit_now(struct ui *ui, void *user)
{
	(void)user;
	ui->quit = 1;
}

/* Quits, after asking when confirm-quit is on. */
static void quit(struct ui *ui)
{
	if (settings.confirm_quit)
		confirm_open(ui, "Quit tidings?", quit_now, NULL, NULL);
	else
		ui->quit = 1;
}

static void back(struct ui *ui)
{
	if (ui->zoom)
		ui->zoom = 0;
	else if (ui->focus == PANE_READER)
		ui->focus = PANE_ITEMS;
	else if (ui->focus == PANE_ITEMS)
		ui->focus = PANE_FEEDS;
	else
		quit(ui);
}

static void next_pane(struct ui *ui)
{
	ui->zoom = 0;
	ui->focus = ui->focus == PANE_FEEDS   ? PANE_ITEMS
	            : ui->focus == PANE_ITEMS ? PANE_READER
	                                      : PANE_FEEDS;
	mark_shown_read(ui);
}

void ui_do_action(struct ui *ui, enum action a)
{
	const char *link;

	switch (a) {
	case ACT_NONE:
	case ACT_COUNT:
		break;
	case ACT_DOWN:
		move_by(ui, 1);
		break;
	case ACT_UP:
		move_by(ui, -1);
		break;
	case ACT_PAGE_DOWN:
		page_down(ui);
		break;
	case ACT_PAGE_UP:
		move_by(ui, -(focused_height(ui) - 1));
		break;
	case ACT_TOP:
		move_by(ui, -0x3fffffff);
		break;
	case ACT_BOTTOM:
		if (ui->focus == PANE_ITEMS)
			items_pane_count_all(ui);
		move_by(ui, 0x3fffffff);
		break;
	case ACT_NEXT_PANE:
		next_pane(ui);
		break;
	case ACT_OPEN:
		open_selected(ui);
		break;
	case ACT_BACK:
		back(ui);
		break;
	case ACT_NEXT_UNREAD:
		go_unread(ui, 1);
		break;
	case ACT_PREV_UNREAD:
		go_unread(ui, -1);
		break;
	case ACT_TOGGLE_READ:
		toggle_read(ui);
		break;
	case ACT_MARK_ALL_READ:
		mark_all_read(ui);
		break;
	case ACT_UNDO_MARK:
		undo_mark(ui);
		break;
	case ACT_DELETE:
		delete_selected(ui);
		break;
	case ACT_SAVE:
		save_selected(ui);
		break;
	case ACT_FULL_TEXT:
		full_text(ui);
		break;
	case ACT_TOGGLE_SAVED:
		toggle_saved(ui);
		break;
	case ACT_OPEN_BROWSER:
		if ((link = selected_link(ui)))
			browser_open(ui, link);
		break;
	case ACT_LINKS:
		show_links(ui);
		break;
	case ACT_DOWNLOAD:
		downloads_queue_selected(ui);
		break;
	case ACT_PLAY:
		downloads_play_selected(ui);
		break;
	case ACT_PAUSE_DOWNLOAD:
	case ACT_CANCEL_DOWNLOAD:
	case ACT_DELETE_DOWNLOAD:
		ui_status(ui, 0, "open Downloads in the feed column to manage downloads");
		break;
	case ACT_COPY_LINK:
		if ((link = selected_link(ui)))
			copy_text(ui, link);
		break;
	case ACT_SEARCH:
		search(ui);
		break;
	case ACT_FILTER_UNREAD:
		ui->unread_only = !ui->unread_only;
		items_pane_reload(ui);
		ui_status(ui, 0,
		          ui->unread_only ? "showing unread articles only"
		                          : "showing all articles");
		break;
	case ACT_SET_FILTER:
		set_filter(ui);
		break;
	case ACT_REFRESH_ALL:
		background_refresh(ui, NULL, 0);
		break;
	case ACT_REFRESH_FEED:
		refresh_selected_feed(ui);
		break;
	case ACT_ADD_FEED:
		add_feed(ui);
		break;
	case ACT_ZOOM:
		ui->zoom = !ui->zoom;
		mark_shown_read(ui);
		break;
	case ACT_GROW:
		layout_grow(ui, 1);
		break;
	case ACT_SHRINK:
		layout_grow(ui, -1);
		break;
	case ACT_COMMAND:
		command_line(ui);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		pictures_invalidate(ui);
		break;
	case ACT_HELP:
		help_open(ui);
		break;
	case ACT_MESSAGES:
		messages_open(ui);
		break;
	case ACT_QUIT:
		quit(ui);
		break;
	}
	layout_compute(ui);
}

/* ---- input ---- */

static struct rect *pane_rect(struct ui *ui, enum pane p)
{
	return p == PANE_FEEDS   ? &ui->layout.feeds
	       : p == PANE_ITEMS ? &ui->layout.items
	                         : &ui->layout.reader;
}

static int in_rect(const struct rect *r, int y, int x)
{
	return y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w;
}

static void handle_mouse(struct ui *ui)
{
	MEVENT ev;
	enum pane p;
	int found = 0;

	if (getmouse(&ev) != OK)
		return;
	for (p = PANE_FEEDS; p <= PANE_READER && !found; p++) {
		int shown = p == PANE_FEEDS   ? ui->layout.show_feeds
		            : p == PANE_ITEMS ? ui->layout.show_items
		                              : ui->layout.show_reader;
		if (shown && in_rect(pane_rect(ui, p), ev.y, ev.x)) {
			found = 1;
			break;
		}
	}
	if (!found)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		int delta = ev.bstate & BUTTON4_PRESSED ? -3 : 3;
		if (p == PANE_READER)
			reader_pane_scroll(ui, delta, pane_height(ui, PANE_READER));
		else
			listview_move(p == PANE_FEEDS ? &ui->feeds.lv : &ui->items.lv, delta,
			              pane_height(ui, p));
		return;
	}
	if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)) {
		struct listview *lv = p == PANE_FEEDS ? &ui->feeds.lv : &ui->items.lv;
		ui->focus = p;
		if (p != PANE_READER) {
			int row = listview_row_at(lv, *pane_rect(ui, p), ev.y);
			if (row >= 0)
				listview_select(lv, row, pane_height(ui, p));
			if (p == PANE_FEEDS && row >= 0)
				feeds_pane_open_selected(ui);
			mark_selected_read(ui);
		} else {
			mark_shown_read(ui);
		}
	}
}

void ui_handle_key(struct ui *ui, int kind, wint_t ch)
{
	int key;

	/* The terminal's answers to the picture queries come in as keys. */
	if (pictures_probe_key(ui, kind, ch))
		return;
	if (kind == KEY_CODE_YES && ch == KEY_RESIZE) {
		layout_compute(ui);
		return;
	}
	/* An open state (help, menu, prompt, question) takes every key. */
	if (ui_modes_key(ui, kind, ch)) {
		layout_compute(ui);
		return;
	}
	free(ui->status);
	ui->status = NULL;
	if (kind == KEY_CODE_YES) {
		if (ch == KEY_MOUSE) {
			handle_mouse(ui);
			return;
		}
		key = ch == KEY_ENTER ? '\n' : KEY_FN((int)ch);
	} else {
		key = ch == '\r' ? '\n' : (int)ch;
	}
	ui_do_action(ui, key_action(key));
	mark_selected_read(ui);
}

static void handle_resize(struct ui *ui)
{
	struct winsize ws;

	if (ioctl(term_out_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	pictures_invalidate(ui);
	layout_compute(ui);
	/* The selections stay; only what is on screen around them moves. */
	listview_keep_visible(&ui->items.lv, pane_height(ui, PANE_ITEMS));
	listview_keep_visible(&ui->feeds.lv, pane_height(ui, PANE_FEEDS));
}

/* Ends the reader for a signal (or a terminal gone, as SIGHUP): the loop stops at once,
 * whatever state is open, and the reader exits with 128 + the signal. */
static void end_for_signal(struct ui *ui, int sig)
{
	if (!ui->exit_signal)
		ui->exit_signal = sig;
	ui->quit = 1;
}

/* A resize re-lays the screen out. An interrupt leaves the open state (prompt, menu, help),
 * or quits from the main screen. A hang-up or termination ends the reader the ordinary way
 * from any state, so the terminal is given back in order (marks are already saved). */
static void handle_signals(struct ui *ui)
{
	char sigs[64];
	ssize_t n;
	int resized = 0;

	while ((n = read(signal_pipe[0], sigs, sizeof(sigs))) > 0)
		for (ssize_t i = 0; i < n; i++) {
			if (sigs[i] == SIGWINCH)
				resized = 1;
			else if (sigs[i] == SIGCHLD)
				continue; /* a browser ended: browser_step looks at it */
			else if (sigs[i] == SIGINT && ui->mode_count > 0)
				ui_mode_close(ui, 0);
			else if (sigs[i] == SIGINT)
				ui->quit = 1;
			else
				end_for_signal(ui, sigs[i]);
		}
	if (resized && !ui->quit)
		handle_resize(ui);
}

/* Poll says the terminal is readable but nothing is waiting: the other end is gone (end of
 * input). ncurses reads a byte at a time, so after the keys are drained nothing is left. */
static int terminal_at_end(void)
{
	int pending = 0;

	return ioctl(term_in_fd, FIONREAD, &pending) == 0 && pending == 0;
}

static const int handled_signals[] = {SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGCHLD};

static void restore_signals(void)
{
	for (size_t i = 0; i < ARRAY_LEN(handled_signals); i++)
		signal(handled_signals[i], SIG_DFL);
	for (int i = 0; i < 2; i++)
		if (signal_pipe[i] >= 0)
			close(signal_pipe[i]);
	signal_pipe[0] = signal_pipe[1] = -1;
}

static int setup_signals(void)
{
	struct sigaction sa;

	if (pipe(signal_pipe) != 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		fcntl(signal_pipe[i], F_SETFL, fcntl(signal_pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(signal_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	for (size_t i = 0; i < ARRAY_LEN(handled_signals); i++)
		if (sigaction(handled_signals[i], &sa, NULL) != 0)
			return -1;
	return 0;
}

/* Room for the refresh's and the jobs' fds beside the keyboard and the resize pipe. */
#define MAX_POLL_FDS 260

static void event_loop(struct ui *ui, int quit_after_first_draw)
{
	struct pollfd fds[MAX_POLL_FDS];
	int first = 1;

	while (!ui->quit) {
		wint_t ch;
		int kind, n, timeout, jobs_timeout;

		ui_draw(ui);
		if (quit_after_first_draw)
			break;
		/* The refresh at start-up begins once the first screen is up. */
		if (first && settings.refresh_on_start) {
			background_refresh(ui, NULL, 0);
			ui_draw(ui);
		}
		first = 0;
		fds[0] = (struct pollfd){.fd = term_in_fd, .events = POLLIN};
		fds[1] = (struct pollfd){.fd = signal_pipe[0], .events = POLLIN};
		n = 2 + background_fds(ui, fds + 2, MAX_POLL_FDS - 2, &timeout);
		n += jobs_fds(ui, fds + n, MAX_POLL_FDS - n, &jobs_timeout);
		if (jobs_timeout >= 0 && (timeout < 0 || jobs_timeout < timeout))
			timeout = jobs_timeout;
		n += downloads_fds(ui, fds + n, MAX_POLL_FDS - n, &jobs_timeout);
		if (jobs_timeout >= 0 && (timeout < 0 || jobs_timeout < timeout))
			timeout = jobs_timeout;
		jobs_timeout = browser_timeout(ui);
		if (jobs_timeout >= 0 && (timeout < 0 || jobs_timeout < timeout))
			timeout = jobs_timeout;
		n += pictures_fds(ui, fds + n, MAX_POLL_FDS - n, &jobs_timeout);
		if (jobs_timeout >= 0 && (timeout < 0 || jobs_timeout < timeout))
			timeout = jobs_timeout;
		if (poll(fds, (nfds_t)n, timeout) < 0 && errno != EINTR) {
			end_for_signal(ui, SIGHUP);
			break;
		}
		if (fds[1].revents & POLLIN)
			handle_signals(ui);
		if (ui->quit)
			break;
		if ((fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) ||
		    ((fds[0].revents & POLLIN) && terminal_at_end())) {
			end_for_signal(ui, SIGHUP);
			break;
		}
		while (!ui->quit && (kind = get_wch(&ch)) != ERR)
			ui_handle_key(ui, kind, ch);
		pictures_probe_flush(ui);
		background_step(ui);
		jobs_step(ui);
		downloads_step(ui);
		browser_step(ui);
		pictures_step(ui);
	}
}

/* ---- start and end ---- */

/* The terminal: stdin and stdout when they are one, else /dev/tty (as less does), so that
 * the reader also runs with its output redirected, under a benchmark harness for one. */
static FILE *term_in, *term_out;
static SCREEN *term_screen;

static FILE *open_terminal(FILE *std, const char *mode)
{
	if (isatty(fileno(std)))
		return std;
	return fopen("/dev/tty", mode);
}

static void close_terminal(void)
{
	if (term_in && term_in != stdin)
		fclose(term_in);
	if (term_out && term_out != stdout)
		fclose(term_out);
	term_in = term_out = NULL;
}

static int screen_start(void)
{
	term_in = open_terminal(stdin, "r");
	term_out = open_terminal(stdout, "w");
	if (!term_in || !term_out) {
		close_terminal();
		log_error(
		    "the reader needs a terminal (use `tidings help` for the other commands)");
		return -1;
	}
	term_in_fd = fileno(term_in);
	term_out_fd = fileno(term_out);
	term_screen = newterm(NULL, term_out, term_in);
	if (!term_screen) {
		close_terminal();
		log_error("cannot use the terminal '%s'", getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	set_term(term_screen);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	colors_start();
	if (settings.mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED,
		          NULL);
	mouseinterval(0);
	return 0;
}

static void ui_init_state(struct ui *ui, const struct ui_options *opts)
{
	memset(ui, 0, sizeof(*ui));
	ui->cache = opts->cache;
	ui->paths = opts->paths;
	ui->feeds_file = opts->feeds;
	ui->focus = PANE_ITEMS;
	ui->feed_width = settings.feed_column_width;
	ui->list_height_pct = 35;
	ui->items_width_pct = 45;
	ui->unread_only = !settings.show_read;
	ui->rules = opts->rules;
	ui->hide = opts->rules && opts->rules->display_mode && opts->rules->ignore_count > 0
	               ? opts->rules
	               : NULL;
	items_pane_init(ui);
}

int ui_check_rules(const struct rules *r, char **err)
{
	for (int i = 0; r && i < r->highlight_count; i++) {
		char *why = NULL;
		if (colors_check(r->highlights[i].colors, &why) != 0) {
			*err = xasprintf("rules:%d:%d: %s", r->highlights[i].line,
			                 r->highlights[i].colors_column, why);
			free(why);
			return -1;
		}
	}
	return 0;
}

/* highlight-article: each rule's condition, and its colours once the terminal has them. */
static void highlights_start(struct ui *ui)
{
	int n = ui->rules ? ui->rules->highlight_count : 0;
	struct filter_scope scope;

	if (n == 0)
		return;
	ui->highlight_sql = xcalloc((size_t)n, sizeof(*ui->highlight_sql));
	ui->highlight_attrs = xcalloc((size_t)n, sizeof(*ui->highlight_attrs));
	ui_filter_scope(ui, &scope);
	for (int i = 0; i < n; i++) {
		ui->highlight_sql[i] =
		    store_filter_sql(ui->cache, ui->rules->highlights[i].expr, &scope);
		ui->highlight_attrs[i] = colors_extra(i, ui->rules->highlights[i].colors);
	}
	filter_scope_free(&scope);
}

static void highlights_free(struct ui *ui)
{
	for (int i = 0; ui->highlight_sql && i < ui->rules->highlight_count; i++)
		filter_sql_free(ui->highlight_sql[i]);
	free(ui->highlight_sql);
	free(ui->highlight_attrs);
	ui->highlight_sql = NULL;
	ui->highlight_attrs = NULL;
}

int ui_run(const struct ui_options *opts)
{
	static struct ui state;
	struct ui *ui = &state;

	ui_init_state(ui, opts);
	if (feeds_pane_init(ui) != 0)
		return -1;
	/* Before initscr, so that ncurses leaves SIGWINCH to us. */
	if (setup_signals() != 0 || screen_start() != 0) {
		restore_signals();
		feeds_pane_free(&ui->feeds);
		return -1;
	}
	g_ui = ui;
	log_set_sink(log_to_status);
	highlights_start(ui);
	items_pane_set_view(ui, "All", VIEW_ALL, NULL, 0, NULL);
	ui->last_selected_id = items_pane_selected(ui) ? items_pane_selected(ui)->id : 0;
	layout_compute(ui);
	signal(SIGPIPE, SIG_IGN);
	if (!opts->quit_after_first_draw) {
		pictures_start(ui);
		downloads_resume_queue(ui);
	}
	event_loop(ui, opts->quit_after_first_draw);
	ui_modes_close_all(ui);
	pictures_stop(ui);
	background_stop(ui);
	jobs_stop(ui);
	downloads_stop(ui);
	browser_stop(ui);
	endwin();
	delscreen(term_screen);
	close_terminal();
	log_set_sink(NULL);
	g_ui = NULL;
	reader_pane_free(&ui->reader);
	items_pane_free(&ui->items);
	feeds_pane_free(&ui->feeds);
	highlights_free(ui);
	filter_free(ui->adhoc_filter);
	free(ui->status);
	free(ui->undo_ids);
	for (int i = 0; i < ui->message_count; i++)
		free(ui->messages[i]);
	free(ui->messages);
	restore_signals();
	return ui->exit_signal ? 128 + ui->exit_signal : 0;
}
