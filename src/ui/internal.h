/* What the reader's files share: the state of the screen and the functions of each pane. */
#ifndef TIDINGS_UI_INTERNAL_H
#define TIDINGS_UI_INTERNAL_H

#include "core/util.h"
#include "filter/rules.h"
#include "store/filter_sql.h"
#include "store/view.h"
#include "ui/ui.h"

#include <curses.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- actions and keys (keys.c, actions.def) ---- */
enum action {
	ACT_NONE = -1,
#define ACTION(id, name, keys, help) ACT_##id,
#include "ui/actions.def"
#undef ACTION
	ACT_COUNT
};

struct action_info {
	const char *name;
	const char *keys; /* defaults */
	const char *help;
};
extern const struct action_info action_table[ACT_COUNT];

/* A key as wget_wch gives it: a character, or a function key offset past Unicode. */
#define KEY_FN(k) (0x110000 + (k))
enum action key_action(int key);
/* Every key bound to action, as "j, Down" (malloc'd). */
char *keys_of_action(enum action a);
void keys_reset(void);
enum action action_find(const char *name);
/* Registers [keys]; ui_register_config (colors.c) calls it. */
void keys_register_config(void);

/* ---- colours (colors.c, colors.def) ---- */
enum color_role {
#define COLOR(id, name, def, mono) COLOR_##id,
#include "ui/colors.def"
#undef COLOR
	COLOR_ROLE_COUNT
};
/* Starts colours when the terminal has them and NO_COLOR is unset. */
void colors_start(void);
attr_t color_attr(enum color_role role);
/* A colour value "FG BG [ATTR...]" checked without a terminal (highlight-article's). */
int colors_check(const char *spec, char **err);
/* The attributes of the n-th extra colour (highlight-article), after colors_start. */
attr_t colors_extra(int n, const char *spec);

/* ---- drawing (draw.c) ---- */
struct rect {
	int y, x, h, w;
};
/* Draws s (sanitised here, whatever its origin) at y,x in at most width columns; returns the
 * columns used. */
int draw_text(int y, int x, int width, const char *s, attr_t attr);
/* Fills width columns with spaces. */
void draw_fill(int y, int x, int width, attr_t attr);
/* Draws s padded or cut to exactly width columns. */
void draw_cell(int y, int x, int width, const char *s, attr_t attr);

/* ---- one generic list (listview.c) ---- */
struct listview {
	int selected;
	int top;
	int (*count)(void *ctx);
	/* Draws row index at y, x in width columns. */
	void (*draw_row)(void *ctx, int index, int y, int x, int width, int selected, int focused);
	void *ctx;
};
void listview_draw(struct listview *lv, struct rect r, int focused);
/* Moves the selection by delta rows (clamped); returns 1 when it moved. */
int listview_move(struct listview *lv, int delta, int height);
int listview_select(struct listview *lv, int index, int height);
/* Keeps the selection on screen with the same distance from the top. */
void listview_keep_visible(struct listview *lv, int height);
/* The row under screen line y of rect r, or -1. */
int listview_row_at(struct listview *lv, struct rect r, int y);

/* ---- the panes ---- */
enum pane { PANE_FEEDS, PANE_ITEMS, PANE_READER };

struct feed_node;
struct feeds_pane {
	struct feed_node *nodes;
	int count;
	int search_row; /* the row of the search view, or -1 */
	struct listview lv;
};

struct items_pane {
	struct view_query q;
	int64_t *ids; /* storage for q.feed_ids */
	char *search;
	char *view_name;
	/* Rows of the view; for a search, counted only up to what has been looked at (see
	 * count_view): total_more says that more than total match. */
	int total;
	int total_more;
	/* The rows read from the cache: positions win_start .. win_start + win_len - 1. */
	struct view_row *win;
	int win_start;
	int win_len;
	/* highlight-article: for each row of the window, 1 + the rule it matches, or 0 */
	unsigned char *win_highlight;
	/* A query view's expression (owned), the condition of it, of the F filter and of the
	 * rules that hide articles (ignore-mode display) on the view; q.where points at it. */
	struct filter *view_filter;
	struct filter *combined;
	struct filter_sql *where;
	struct listview lv;
};

struct doc;
struct term_layout;
struct pane_picture;
struct reader_pane {
	int64_t item_id; /* the article shown, 0 for none */
	struct item_row item;
	int loaded;
	int showing_fulltext;
	int64_t feed_text_for; /* the article f switched back to the feed's own text */
	struct doc *doc;
	struct term_layout *body;
	/* The header (title, feed, author, date, link), wrapped for header_width. */
	char **header;
	enum color_role *header_roles;
	int header_count;
	int header_width;
	int scroll; /* first line shown: header lines, then body rows */
	/* The article's pictures (pictures.c), in the order of their blocks. */
	struct pane_picture *pics;
	int pic_count;
	/* The body as rows on screen: each the body line it shows, and for a picture drawn in
	 * place of its "[image: alt]" line the picture and which of its rows (row_sub >= 0). A
	 * picture's label line that is shown as text has its picture in row_pic and -1 in
	 * row_sub; other rows have -1 in both. Built for rows_width (pictures_rows_build). */
	int *row_line, *row_pic, *row_sub;
	int row_count, row_cap;
};

/* How pictures are drawn, as decided from the images setting and the terminal's answers. */
enum pictures_mode {
	PICTURES_OFF,     /* the "[image: alt]" lines */
	PICTURES_PROBING, /* waiting for the terminal to answer (labels meanwhile) */
	PICTURES_SYMBOLS,
	PICTURES_KITTY,
	PICTURES_SIXEL,
};

/* Where a picture drawn with pixels stands on screen this frame. */
struct picture_place {
	int pic, y, x, first, count;
};
#define PICTURES_MAX_PLACES 64

struct picture_loader;
struct pictures {
	enum pictures_mode mode;
	char *setting; /* the images setting mode was decided for */
	struct picture_loader *loader;
	/* The terminal probe: queries sent at start, answers read from the keys. */
	int started; /* pictures_start ran: the reader is interactive */
	int probe_sent;
	int64_t probe_deadline; /* monotonic ms; 0 when no answer is awaited */
	int kitty_answered;
	int probe_state;
	int probe_keys[64]; /* what a partial answer held so far, to give back as keys */
	int probe_len;
	int probe_replaying;
	int cell_w, cell_h; /* pixels of a cell */
	/* Pictures drawn with pixels: this frame's places and those on screen now. */
	struct picture_place places[PICTURES_MAX_PLACES], shown[PICTURES_MAX_PLACES];
	int place_count, shown_count;
	int64_t shown_item;
	int dirty; /* the screen was cleared: draw them again */
};

struct layout {
	struct rect title, feeds, items, reader, status;
	int show_feeds, show_items, show_reader;
};

/* A task the reader runs on a thread (jobs.c). */
enum job_kind { JOB_ADD, JOB_SAVE, JOB_SYNC };
struct job_work;
struct ui_job {
	enum job_kind kind;
	int64_t item_id; /* the article saved */
	int fd;          /* readable once the task has ended */
	struct job_work *work;
};
#define UI_MAX_JOBS 8
#define UI_MAX_PAGES 16

/* ---- states of the event loop (modes.c) ----
 * The help screen, menus, pickers, prompts and questions are states stacked over the panes.
 * The one event loop draws the panes, then every open state from the bottom up, and gives
 * each key to the top state; no state ever waits for input itself. A state leaves with
 * ui_mode_close (its own key), on SIGINT, or when the reader ends; its free callback runs
 * each time. */
struct ui;
struct ui_mode {
	const char *name;
	/* Draws the state over the panes (the screen's size is LINES x COLS). */
	void (*draw)(struct ui *ui, void *data);
	/* One key, as get_wch gave it (kind is OK or KEY_CODE_YES). */
	void (*key)(struct ui *ui, void *data, int kind, wint_t ch);
	/* Frees data. submitted is 0 when the state was cancelled or the reader is ending. */
	void (*free)(struct ui *ui, void *data, int submitted);
};
#define UI_MAX_MODES 4
struct ui_mode_entry {
	const struct ui_mode *mode;
	void *data;
};

struct ui {
	struct cache *cache;
	const struct paths *paths;
	struct feeds_file *feeds_file;
	struct feeds_pane feeds;
	struct items_pane items;
	struct reader_pane reader;
	struct layout layout;
	enum pane focus;
	int zoom;
	int feed_width;      /* adjustable with grow/shrink */
	int list_height_pct; /* the list's share of the height when stacked */
	int items_width_pct; /* the list's share of the width in three columns */
	int unread_only;
	char *status;
	int status_is_error;
	/* Every message of the session, oldest first, for `M` (bounded: the oldest go). */
	char **messages;
	int message_count;
	/* The article the last key left selected: mark-read-on = select marks it on a move. */
	int64_t last_selected_id;
	int quit;
	/* The signal that ends the reader (SIGTERM, SIGHUP: also a terminal gone), or 0. */
	int exit_signal;
	/* The articles the last mark-all-read changed, for undo-mark. */
	int64_t *undo_ids;
	int undo_count;
	/* The states open over the panes, bottom first (modes.c). */
	struct ui_mode_entry modes[UI_MAX_MODES];
	int mode_count;
	/* The refresh running in the background (tasks/refresh.h), or NULL. */
	struct refresh *refresh;
	int refresh_done, refresh_total, refresh_failed;
	int64_t refresh_reload_at; /* monotonic ms: next merge of new articles into the list */
	int64_t next_auto_refresh; /* monotonic ms, 0 when none is planned */
	/* Full-text pages being fetched (jobs.c), on a queue made at the first `f`. */
	struct fulltext_queue *page_queue;
	int64_t page_items[UI_MAX_PAGES];
	int page_count;
	/* The browser being tried for a link (browser.c), or NULL. */
	struct browser_run *browser;
	/* Tasks running on threads (jobs.c). */
	struct ui_job jobs[UI_MAX_JOBS];
	int job_count;
	/* The rules file (filter/rules.h), or NULL; its hiding rules when ignore-mode is
	 * display, else NULL. */
	const struct rules *rules;
	const struct rules *hide;
	/* The F filter on every view (an expression), or NULL. */
	struct filter *adhoc_filter;
	/* highlight-article: each rule's condition and colours (rules->highlight_count). */
	struct filter_sql **highlight_sql;
	attr_t *highlight_attrs;
	/* Pictures in the reading pane (pictures.c). */
	struct pictures pictures;
	/* Downloads (downloads.c): their own fetcher, made at the first one. */
	struct ui_downloads *downloads;
};

extern struct ui *g_ui;

/* feeds_pane.c */
int feeds_pane_init(struct ui *ui);
void feeds_pane_free(struct feeds_pane *fp);
/* Forgets the unread counts so that they are read again when drawn. */
void feeds_pane_invalidate(struct feeds_pane *fp);
/* One article was marked read (or unread): the counts are read again when drawn, but a query
 * view's (a count of the whole cache by its condition) is kept by asking whether the article
 * is the view's, when its condition does not depend on what is read. */
void feeds_pane_article_marked(struct ui *ui, int64_t id, int read);
/* Opens the selected row's view in the article list; -1 when it cannot (a query view with a
 * mistake: the status line says which), 1 when the row opened something else (Downloads). */
int feeds_pane_open_selected(struct ui *ui);
void feeds_pane_set_search(struct ui *ui, const char *words);
/* The search row without opening it (after the column is read again). */
void feeds_pane_add_search_row(struct ui *ui, const char *words);
const char *feeds_pane_search_words(struct ui *ui);
/* The feed URLs of the selected row (a feed, or a tag's feeds), or of the feed of the
 * article with feed_id when feed_id > 0. Returns a malloc'd array of borrowed strings. */
int feeds_pane_urls(struct ui *ui, int64_t feed_id, const char ***urls);
const char *feeds_pane_selected_error(struct ui *ui);
/* The feed's name as its row in the column shows it (feed_display_name), or NULL. */
const char *feeds_pane_feed_name(struct ui *ui, int64_t feed_id);
/* Why the selected feed's last answer was read only in part, or NULL. */
const char *feeds_pane_selected_partial(struct ui *ui);

/* items_pane.c */
void items_pane_init(struct ui *ui);
void items_pane_free(struct items_pane *ip);
/* Shows a view; takes copies of ids and search. */
void items_pane_set_view(struct ui *ui, const char *name, enum view_kind kind, const int64_t *ids,
                         int id_count, const char *search);
/* Reads the view again (new articles, changed filter) keeping the selected article. */
void items_pane_reload(struct ui *ui);
/* Counts a search's matches to the end, when they have been counted only up to a bound (the
 * last line was asked for). */
void items_pane_count_all(struct ui *ui);
const struct view_row *items_pane_row(struct ui *ui, int index);
const struct view_row *items_pane_selected(struct ui *ui);
void items_pane_update_row(struct ui *ui, int64_t id, int read, int saved);
/* Shows a query view: the articles expr selects (copied). */
void items_pane_set_query(struct ui *ui, const char *name, const struct filter *expr);
/* The F filter: an expression on top of every view, or NULL to take it away. Returns 0, or
 * -1 with *err (malloc'd, with the column of the mistake). */
int items_pane_set_filter(struct ui *ui, const char *expression, char **err);
/* The filter's scope: the feeds file's titles, tags and order, now. */
void ui_filter_scope(struct ui *ui, struct filter_scope *scope);

/* reader_pane.c */
void reader_pane_show(struct ui *ui, int64_t item_id);
void reader_pane_draw(struct ui *ui, struct rect r, int focused);
/* Reads the selected article (for its link and links) even when the pane is hidden. */
void reader_pane_load_selected(struct ui *ui);
void reader_pane_scroll(struct ui *ui, int delta, int height);
/* Lines of the article at the pane's width. */
int reader_pane_line_count(struct ui *ui);
/* Forgets the article so that it is read again (after a change of its full text). */
void reader_pane_reset(struct reader_pane *rp);
void reader_pane_free(struct reader_pane *rp);

struct pollfd;
/* pictures.c: an article's pictures drawn in place of their "[image: alt]" lines, fetched
 * and decoded in the background (tasks/pictures.h) once the text is up. */
/* Sends the terminal its queries when images = auto (answers come in as keys). */
void pictures_start(struct ui *ui);
/* Gives a key to the probe: 1 when it belongs to a terminal's answer (it is taken). */
int pictures_probe_key(struct ui *ui, int kind, wint_t ch);
/* After a batch of keys: a lone Esc held by the probe is given back. */
void pictures_probe_flush(struct ui *ui);
/* Finds the article's pictures (after it is laid out) and forgets the last article's. */
void pictures_article_loaded(struct ui *ui);
/* The body's rows for the pane's width (after a load, a re-wrap or a picture's arrival). */
void pictures_rows_build(struct ui *ui);
/* Asks for the pictures near the rows shown (height rows from the scroll position). */
void pictures_request_near(struct ui *ui, int height);
/* Columns before a picture's label on its line (quote bars, indentation). */
struct term_line;
int pictures_label_indent(const struct term_line *line);
/* Draws row sub of picture pic at y, x (symbols) or notes its place (pixels). */
void pictures_draw_row(struct ui *ui, int pic, int sub, int y, int x, int width, int bottom);
/* Frees the article's pictures (reader_pane_reset). */
void pictures_clear(struct reader_pane *rp);
/* Before the panes are drawn, and after ncurses has refreshed the screen: pictures drawn with
 * pixels are written then, straight to the terminal. */
void pictures_frame_begin(struct ui *ui);
void pictures_frame_end(struct ui *ui);
/* The screen was cleared or resized: pictures drawn with pixels are drawn again. */
void pictures_invalidate(struct ui *ui);
int pictures_fds(struct ui *ui, struct pollfd *fds, int max, int *timeout_ms);
void pictures_step(struct ui *ui);
void pictures_stop(struct ui *ui);

/* layout.c */
void layout_compute(struct ui *ui);
int pane_height(struct ui *ui, enum pane p);
void layout_grow(struct ui *ui, int delta);

/* Opens a state on top of the others; data is the state's own (freed by its free). */
void ui_mode_open(struct ui *ui, const struct ui_mode *mode, void *data);
/* Closes the top state. */
void ui_mode_close(struct ui *ui, int submitted);
/* The top state, or NULL on the main screen. */
const struct ui_mode *ui_mode_top(const struct ui *ui);
void ui_modes_draw(struct ui *ui);
/* Gives the key to the top state; returns 0 when there is none. */
int ui_modes_key(struct ui *ui, int kind, wint_t ch);
void ui_modes_close_all(struct ui *ui);

/* prompt.c: a line of text read at the bottom, as a state of the loop. */
struct prompt_spec {
	const char *label;
	const char *initial; /* or NULL */
	/* Enter: the line, sanitised. The prompt is closed already, so another state may open. */
	void (*on_submit)(struct ui *ui, const char *text, void *user);
	/* Optional: after every change of the text (for as-you-type uses). */
	void (*on_change)(struct ui *ui, const char *text, void *user);
	/* Optional: Esc, C-g, SIGINT, or the reader ending. */
	void (*on_cancel)(struct ui *ui, void *user);
	void *user;
	/* Optional: frees user when the prompt closes, whichever way. */
	void (*free_user)(void *user);
};
void prompt_open(struct ui *ui, const struct prompt_spec *spec);
/* A yes/no question on the status line: y runs on_yes, anything else cancels; free_user (or
 * NULL) frees user either way. */
void confirm_open(struct ui *ui, const char *question, void (*on_yes)(struct ui *ui, void *user),
                  void *user, void (*free_user)(void *user));
void prompt_command(struct ui *ui, const char *line);

/* help.c: full-screen lists as states of the loop. */
void help_open(struct ui *ui);
/* The session's messages, whole and wrapped (`M`, `:messages`). */
void messages_open(struct ui *ui);
/* A list to choose from: on Enter, on_choose gets the index (entries are copied). With
 * numbered, digits pick a row by its number. */
void menu_open(struct ui *ui, const char *title, char *const *entries, int count, int numbered,
               void (*on_choose)(struct ui *ui, int index, void *user), void *user,
               void (*free_user)(void *user));

/* background.c: refreshes inside the event loop */
struct pollfd;
int background_refresh(struct ui *ui, const char *const *urls, int url_count);
/* The fds to poll for the background work and the longest wait (-1: none). */
int background_fds(struct ui *ui, struct pollfd *fds, int max, int *timeout_ms);
void background_step(struct ui *ui);
void background_stop(struct ui *ui);
/* Reads the feed column again (new feeds), keeping the selected row. */
void background_reload_feeds(struct ui *ui);

/* jobs.c: work that waits on the network, without blocking the keyboard */
void jobs_full_text(struct ui *ui, int64_t item_id);
void jobs_add_feed(struct ui *ui, const char *url);
void jobs_save(struct ui *ui, int64_t item_id);
/* One sync with the [sync] server (tasks/sync.h) on a thread: R when [sync] is set. */
void jobs_sync(struct ui *ui);
/* "fetching 1 full article..." while any is pending, else NULL (malloc'd). */
char *jobs_pending_text(const struct ui *ui);
/* The fds to poll for them and the longest wait (-1: none). */
int jobs_fds(struct ui *ui, struct pollfd *fds, int max, int *timeout_ms);
void jobs_step(struct ui *ui);
/* Stops fetching; commands still running finish on their own. */
void jobs_stop(struct ui *ui);

/* downloads.c: d queues the article's enclosures, downloaded on the reader's own fetcher
 * polled by the event loop; p plays; the Downloads view (a row at the end of the feed
 * column once something was queued) lists the queue. */
void downloads_queue_selected(struct ui *ui);
void downloads_play_selected(struct ui *ui);
/* Rows in the queue (the feed column shows its Downloads row when there are any). */
int downloads_count(struct ui *ui);
void downloads_view_open(struct ui *ui);
/* "downloading 2: 45% Title" while any runs, else NULL (malloc'd). */
char *downloads_status_text(struct ui *ui);
/* Queues the newest episodes of the feeds tagged +download (after a refresh). */
void downloads_auto(struct ui *ui);
/* Starts what the queue holds (at start-up: the queue survives restarts). */
void downloads_resume_queue(struct ui *ui);
int downloads_fds(struct ui *ui, struct pollfd *fds, int max, int *timeout_ms);
void downloads_step(struct ui *ui);
void downloads_stop(struct ui *ui);

/* browser.c: o and the link menu open links in the browser, watched from the event loop:
 * each program of the browser setting or of a colon-separated $BROWSER is tried in turn
 * until one succeeds (exits 0, or is still running after a moment, as a graphical browser
 * in the foreground is); the status line says which, or what failed. */
void browser_open(struct ui *ui, const char *url);
/* The longest wait before browser_step has something to do (-1: none). */
int browser_timeout(struct ui *ui);
void browser_step(struct ui *ui);
/* Forgets the browsers (they run on, on their own). */
void browser_stop(struct ui *ui);

/* ui.c */
/* Splits a command setting at white space into an argv (no shell), the URL put where "%u"
 * or "%s" is, or appended when url is not NULL. */
char **command_argv(const char *command, const char *url);
void argv_free(char **argv);
void ui_status(struct ui *ui, int is_error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A passing message (progress), shown but not kept in the message log. */
void ui_status_transient(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_draw(struct ui *ui);
/* One key, as get_wch gave it, through the probe, the open state or the key bindings. */
void ui_handle_key(struct ui *ui, int kind, wint_t ch);
void ui_do_action(struct ui *ui, enum action a);
/* Runs a program with an argv; when it needs the terminal, the screen is given to it and
 * restored after. Returns its exit status, or -1. */
int ui_spawn(struct ui *ui, char *const argv[], int needs_terminal, const char *stdin_text);
/* Writes straight to the terminal, past ncurses (pictures drawn with pixels, queries). */
void ui_write_terminal(const char *s, size_t len);
/* Pixels of a character cell as the terminal reports them, or 0 when it does not. */
void ui_cell_pixels(int *w, int *h);

#endif
