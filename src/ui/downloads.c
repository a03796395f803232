/* Downloads in the reader: `d` queues the selected article's enclosures, which download on
 * the reader's own fetcher (its sockets polled by the event loop beside the keyboard, as a
 * refresh's are) while the user reads; the status line shows their progress. The Downloads
 * view lists the queue, where a download is paused or resumed, cancelled, deleted and
 * played. `p` plays the downloaded file, or streams the enclosure when none is downloaded,
 * with the player setting (else the first of mpv, vlc and xdg-open found), run with an argv,
 * never through a shell. */
#include "config/config.h"
#include "core/text.h"
#include "core/util.h"
#include "store/downloads.h"
#include "core/media.h"
#include "store/view.h"
#include "tasks/download.h"
#include "ui/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct ui_downloads {
	struct downloader *downloader;
	char *base_dir;
	int changed; /* a row changed: the view and the feed column read the queue again */
};

static void on_changed(void *user, int64_t id)
{
	struct ui *ui = user;
	struct download_row row;

	ui->downloads->changed = 1;
	if (store_download_get(ui->cache, id, &row) != 1)
		return;
	if (row.state == DL_DONE)
		ui_status(ui, 0, "downloaded: %s", row.title ? row.title : row.url);
	else if (row.state == DL_FAILED)
		ui_status(ui, 1, "download failed: %s: %s", row.title ? row.title : row.url,
		          row.reason ? row.reason : "");
	download_row_free(&row);
}

/* The downloads' own state, made at first use. NULL when the fetcher cannot start. */
static struct ui_downloads *get(struct ui *ui)
{
	struct ui_downloads *d;

	if (ui->downloads)
		return ui->downloads;
	d = xcalloc(1, sizeof(*d));
	if (!(d->downloader = downloader_open(ui->cache, on_changed, ui))) {
		free(d);
		return NULL;
	}
	d->base_dir = download_directory(ui->paths ? ui->paths->data_dir : ".");
	ui->downloads = d;
	return d;
}

int downloads_count(struct ui *ui)
{
	struct download_row *rows;
	int n;

	if (store_downloads_list(ui->cache, &rows, &n) != 0)
		return 0;
	download_rows_free(rows, n);
	return n;
}

void downloads_queue_selected(struct ui *ui)
{
	const struct view_row *r = items_pane_selected(ui);
	struct ui_downloads *d;
	int64_t *ids = NULL;
	int count = 0, had = downloads_count(ui), added;
	char *err = NULL;

	if (!r)
		return;
	if (!(d = get(ui))) {
		ui_status(ui, 1, "no download: cannot start the fetcher");
		return;
	}
	added = download_queue_item(ui->cache, ui->feeds_file, r->id, d->base_dir, NULL, &ids,
	                            &count, &err);
	free(ids);
	if (added < 0) {
		ui_status(ui, 1, "%s", err);
		free(err);
		return;
	}
	downloader_start(d->downloader);
	if (had == 0)
		background_reload_feeds(ui); /* the Downloads row appears */
	ui_status(ui, 0, "%d download%s queued%s", count, count == 1 ? "" : "s",
	          added < count ? " (some were already)" : "");
}

void downloads_resume_queue(struct ui *ui)
{
	struct download_row *rows;
	int n, queued = 0;

	if (store_downloads_list(ui->cache, &rows, &n) != 0)
		return;
	for (int i = 0; i < n; i++)
		queued += rows[i].state == DL_QUEUED || rows[i].state == DL_DOWNLOADING;
	download_rows_free(rows, n);
	if (queued > 0 && get(ui))
		downloader_start(ui->downloads->downloader);
}

void downloads_auto(struct ui *ui)
{
	struct ui_downloads *d;
	int64_t *ids = NULL;
	int count = 0, added;

	if (settings.auto_download <= 0 || !ui->feeds_file || !(d = get(ui)))
		return;
	added = download_queue_tagged(ui->cache, ui->feeds_file, d->base_dir,
	                              settings.auto_download, &ids, &count);
	free(ids);
	if (added > 0) {
		downloader_start(d->downloader);
		background_reload_feeds(ui);
		ui_status(ui, 0, "%d new episode%s queued for download", added,
		          added == 1 ? "" : "s");
	}
}

char *downloads_status_text(struct ui *ui)
{
	struct download_progress p[4];
	int n;
	char have[32], *title, *line;

	if (!ui->downloads || (n = downloader_running(ui->downloads->downloader, p, 4)) == 0)
		return NULL;
	title = text_sanitize_str(p[0].title ? p[0].title : "", TEXT_COLLAPSE_SPACE);
	if (p[0].total > 0) {
		line = xasprintf("downloading %d: %d%% %s", n, (int)(p[0].have * 100 / p[0].total),
		                 title);
	} else {
		format_bytes(p[0].have, have, sizeof(have));
		line = xasprintf("downloading %d: %s %s", n, have, title);
	}
	free(title);
	return line;
}

int downloads_fds(struct ui *ui, struct pollfd *fds, int max, int *timeout_ms)
{
	*timeout_ms = -1;
	if (!ui->downloads)
		return 0;
	return downloader_wait_fds(ui->downloads->downloader, fds, max, timeout_ms);
}

void downloads_step(struct ui *ui)
{
	if (ui->downloads)
		downloader_step(ui->downloads->downloader);
}

void downloads_stop(struct ui *ui)
{
	struct ui_downloads *d = ui->downloads;

	if (!d)
		return;
	/* running downloads stay queued, and resume from their partial files next time */
	downloader_free(d->downloader);
	free(d->base_dir);
	free(d);
	ui->downloads = NULL;
}

/* ---- the player ---- */

static int on_path(const char *prog)
{
	const char *path = getenv("PATH");

	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	while (path && *path) {
		size_t n = strcspn(path, ":");
		char *full = xasprintf("%.*s/%s", (int)n, path, prog);
		int ok = access(full, X_OK) == 0;
		free(full);
		if (ok)
			return 1;
		path += n + (path[n] == ':');
	}
	return 0;
}

/* The player setting, else the first of mpv, vlc and xdg-open found; NULL for none. */
static const char *player_command(void)
{
	static const char *const known[] = {"mpv", "vlc", "xdg-open"};

	if (settings.player && settings.player[0])
		return settings.player;
	for (size_t i = 0; i < ARRAY_LEN(known); i++)
		if (on_path(known[i]))
			return known[i];
	return NULL;
}

/* Plays a file or a URL. Returns 0 when the player started. */
static int play(struct ui *ui, const char *target, const char *title)
{
	const char *cmd = player_command();
	char **argv;
	int rc;

	if (!cmd) {
		ui_status(ui, 1, "no player: set player, or install mpv, vlc or xdg-open");
		return -1;
	}
	argv = command_argv(cmd, target);
	if (!argv || !argv[0] || !on_path(argv[0])) {
		ui_status(ui, 1, "the player %s is not found or not runnable", cmd);
		argv_free(argv);
		return -1;
	}
	rc = ui_spawn(ui, argv, 0, NULL);
	argv_free(argv);
	if (rc != 0) {
		ui_status(ui, 1, "the player %s did not start", cmd);
		return -1;
	}
	ui_status(ui, 0, "playing %s", title ? title : target);
	return 0;
}

static int file_exists(const char *path)
{
	struct stat st;

	return path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Plays a row: its file when done, else its URL. */
static void play_row(struct ui *ui, const struct download_row *r)
{
	int done = r->state == DL_DONE && file_exists(r->path);

	if (play(ui, done ? r->path : r->url, r->title) == 0 && done) {
		store_download_set_played(ui->cache, r->id, 1);
		if (ui->downloads)
			ui->downloads->changed = 1;
	}
}

void downloads_play_selected(struct ui *ui)
{
	const struct view_row *r = items_pane_selected(ui);
	struct download_row *rows;
	struct media *media;
	int n, played = 0, m;

	if (!r)
		return;
	if (store_downloads_list(ui->cache, &rows, &n) == 0) {
		for (int i = 0; i < n && !played; i++)
			if (rows[i].item_id == r->id && rows[i].state == DL_DONE &&
			    file_exists(rows[i].path)) {
				play_row(ui, &rows[i]);
				played = 1;
			}
		download_rows_free(rows, n);
	}
	if (played)
		return;
	reader_pane_load_selected(ui);
	m = ui->reader.loaded ? media_list(ui->reader.item.enclosures, &media) : 0;
	if (m == 0) {
		ui_status(ui, 1, "this article has no enclosure to play");
		return;
	}
	play(ui, media[0].url, ui->reader.item.title); /* streamed */
	media_list_free(media, m);
}

/* ---- the Downloads view ---- */

struct dl_view {
	struct download_row *rows;
	int count;
	struct listview lv;
};

static int dl_view_count(void *ctx)
{
	return ((struct dl_view *)ctx)->count;
}

static void dl_view_reload(struct ui *ui, struct dl_view *v)
{
	download_rows_free(v->rows, v->count);
	if (store_downloads_list(ui->cache, &v->rows, &v->count) != 0) {
		v->rows = NULL;
		v->count = 0;
	}
	if (v->lv.selected >= v->count)
		v->lv.selected = v->count > 0 ? v->count - 1 : 0;
}

/* The row's bytes as the queue or, while it runs, the downloader knows them. */
static void row_progress(struct ui *ui, const struct download_row *r, int64_t *have, int64_t *total)
{
	struct download_progress p[16];
	int n = ui->downloads ? downloader_running(ui->downloads->downloader, p, 16) : 0;

	*have = r->bytes;
	*total = r->total;
	for (int i = 0; i < n && i < 16; i++)
		if (p[i].id == r->id) {
			*have = p[i].have;
			*total = p[i].total;
		}
}

static void dl_view_draw_row(void *ctx, int index, int y, int x, int width, int selected,
                             int focused)
{
	struct dl_view *v = ctx;
	const struct download_row *r = &v->rows[index];
	attr_t attr = selected ? color_attr(COLOR_SELECTED) : color_attr(COLOR_NORMAL);
	char amount[64], have_s[32], total_s[32];
	int64_t have, total;
	char *line;

	(void)focused;
	row_progress(g_ui, r, &have, &total);
	format_bytes(have, have_s, sizeof(have_s));
	if (total > 0)
		format_bytes(total, total_s, sizeof(total_s));
	if (r->state == DL_DONE)
		snprintf(amount, sizeof(amount), "%s", have_s);
	else if (total > 0)
		snprintf(amount, sizeof(amount), "%d%% of %s", (int)(have * 100 / total), total_s);
	else
		snprintf(amount, sizeof(amount), "%s", have_s);
	line = xasprintf("%-11s %c %-16s %s (%s)%s%s", download_state_name(r->state),
	                 r->played ? 'P' : ' ', amount, r->title ? r->title : r->url,
	                 r->feed ? r->feed : "", r->state == DL_FAILED && r->reason ? ": " : "",
	                 r->state == DL_FAILED && r->reason ? r->reason : "");
	draw_fill(y, x, width, attr);
	draw_text(y, x, width, line, attr);
	free(line);
}

static struct rect dl_view_rect(void)
{
	return (struct rect){1, 0, LINES - 2 > 0 ? LINES - 2 : 1, COLS};
}

static void dl_view_draw(struct ui *ui, void *data)
{
	struct dl_view *v = data;
	struct rect r = dl_view_rect();
	char *status = downloads_status_text(ui);

	if (ui->downloads && ui->downloads->changed) {
		ui->downloads->changed = 0;
		dl_view_reload(ui, v);
	}
	erase();
	listview_keep_visible(&v->lv, r.h);
	draw_cell(0, 0, COLS, "Downloads", color_attr(COLOR_TITLE_BAR));
	if (v->count == 0)
		draw_text(1, 0, COLS, "nothing queued: d queues an article's enclosures",
		          color_attr(COLOR_NORMAL));
	listview_draw(&v->lv, r, 1);
	/* the last message (playing, failed), else the progress, else the keys */
	draw_cell(
	    LINES - 1, 0, COLS,
	    ui->status ? ui->status
	    : status   ? status
	               : "p play, P pause/resume, c cancel, D delete with its file, q back",
	    color_attr(ui->status && ui->status_is_error ? COLOR_STATUS_ERROR : COLOR_STATUS));
	free(status);
}

static void dl_view_act(struct ui *ui, struct dl_view *v, enum action a)
{
	const struct download_row *r;
	struct ui_downloads *d;
	char *err = NULL;
	int rc = 0;

	if (v->lv.selected < 0 || v->lv.selected >= v->count)
		return;
	r = &v->rows[v->lv.selected];
	if (a == ACT_PLAY) {
		play_row(ui, r);
	} else if (!(d = get(ui))) {
		ui_status(ui, 1, "cannot start the fetcher");
		return;
	} else if (a == ACT_PAUSE_DOWNLOAD) {
		rc = r->state == DL_PAUSED || r->state == DL_FAILED
		         ? downloader_resume(d->downloader, r->id, &err)
		         : downloader_pause(d->downloader, r->id, &err);
	} else if (a == ACT_CANCEL_DOWNLOAD) {
		rc = downloader_remove(d->downloader, r->id, 0, &err);
	} else if (a == ACT_DELETE_DOWNLOAD) {
		rc = downloader_remove(d->downloader, r->id, 1, &err);
	}
	if (rc != 0) {
		ui_status(ui, 1, "%s", err);
		free(err);
	}
	dl_view_reload(ui, v);
}

static void dl_view_key(struct ui *ui, void *data, int kind, wint_t ch)
{
	struct dl_view *v = data;
	int h = dl_view_rect().h;
	enum action a;

	if (kind != KEY_CODE_YES && ch == 27) {
		ui_mode_close(ui, 0);
		return;
	}
	a = key_action(kind == KEY_CODE_YES ? KEY_FN((int)ch) : (int)ch);
	switch (a) {
	case ACT_DOWN:
		listview_move(&v->lv, 1, h);
		break;
	case ACT_UP:
		listview_move(&v->lv, -1, h);
		break;
	case ACT_PAGE_DOWN:
		listview_move(&v->lv, h - 1, h);
		break;
	case ACT_PAGE_UP:
		listview_move(&v->lv, -(h - 1), h);
		break;
	case ACT_TOP:
		listview_select(&v->lv, 0, h);
		break;
	case ACT_BOTTOM:
		listview_select(&v->lv, v->count - 1, h);
		break;
	case ACT_OPEN:
	case ACT_PLAY:
		dl_view_act(ui, v, ACT_PLAY);
		break;
	case ACT_PAUSE_DOWNLOAD:
	case ACT_CANCEL_DOWNLOAD:
	case ACT_DELETE_DOWNLOAD:
		dl_view_act(ui, v, a);
		break;
	case ACT_BACK:
	case ACT_QUIT:
		ui_mode_close(ui, 0);
		break;
	case ACT_HELP:
		help_open(ui);
		break;
	default:
		break;
	}
}

static void dl_view_free(struct ui *ui, void *data, int submitted)
{
	struct dl_view *v = data;

	(void)submitted;
	download_rows_free(v->rows, v->count);
	free(v);
	if (!ui->quit)
		background_reload_feeds(ui); /* the Downloads row goes when the queue is empty */
}

static const struct ui_mode dl_view_mode = {"downloads", dl_view_draw, dl_view_key, dl_view_free};

void downloads_view_open(struct ui *ui)
{
	struct dl_view *v = xcalloc(1, sizeof(*v));

	v->lv = (struct listview){0, 0, dl_view_count, dl_view_draw_row, v};
	dl_view_reload(ui, v);
	ui_mode_open(ui, &dl_view_mode, v);
}
