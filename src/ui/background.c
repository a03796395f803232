/* Refreshes while the user reads: the fetch stage's refresh job, driven from the reader's
 * poll loop (its sockets polled beside the keyboard). Progress and errors go to the status
 * line; new articles are shown as they are stored, the selected article staying put. */
#include "config/config.h"
#include "core/util.h"
#include "tasks/refresh.h"
#include "tasks/sync.h"
#include "ui/internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* New articles are merged into the list at most this often while a refresh runs. */
#define RELOAD_INTERVAL_MS 500

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_progress(const struct refresh_progress *p, void *user)
{
	struct ui *ui = user;

	ui->refresh_done = p->done;
	ui->refresh_total = p->total;
	ui->refresh_failed = p->failed;
	ui_status_transient(ui, "refreshing %d/%d%s", p->done, p->total,
	                    p->failed ? " (some failed)" : "");
}

int background_refresh(struct ui *ui, const char *const *urls, int url_count)
{
	struct refresh_options opts;
	char *err = NULL;
	int busy = 0;

	/* With [sync], the server fetches the feeds: every refresh (R, r, on start, on a timer)
	 * is a sync of them all, on a thread of its own. */
	if (sync_configured()) {
		jobs_sync(ui);
		return 0;
	}
	if (ui->refresh) {
		ui_status(ui, 0, "a refresh is already running (%d/%d)", ui->refresh_done,
		          ui->refresh_total);
		return -1;
	}
	if (!ui->feeds_file) {
		ui_status(ui, 1, "no feeds file: nothing to refresh");
		return -1;
	}
	memset(&opts, 0, sizeof(opts));
	opts.lock_path = ui->paths ? ui->paths->lock_file : NULL;
	opts.urls = urls;
	opts.url_count = url_count;
	opts.progress = on_progress;
	opts.user = ui;
	ui->refresh = refresh_start(ui->cache, ui->feeds_file, &opts, &busy, &err);
	if (!ui->refresh) {
		/* err says so already when another refresh holds the cache */
		ui_status(ui, 1, "%s", err ? err : "cannot refresh");
		free(err);
		return -1;
	}
	ui->refresh_done = ui->refresh_failed = 0;
	ui->refresh_total = 0;
	ui->refresh_reload_at = now_ms() + RELOAD_INTERVAL_MS;
	ui_status(ui, 0, "refreshing...");
	return 0;
}

/* The feed column gains the feeds stored for the first time; the same row stays selected. */
void background_reload_feeds(struct ui *ui)
{
	int selected = ui->feeds.lv.selected, top = ui->feeds.lv.top;
	char *search = NULL;

	if (ui->feeds.search_row >= 0)
		search = xstrdup(feeds_pane_search_words(ui));
	feeds_pane_init(ui);
	if (search) {
		feeds_pane_add_search_row(ui, search);
		free(search);
	}
	ui->feeds.lv.selected = selected;
	ui->feeds.lv.top = top;
	listview_keep_visible(&ui->feeds.lv, pane_height(ui, PANE_FEEDS));
}

static void show_new_articles(struct ui *ui)
{
	feeds_pane_invalidate(&ui->feeds);
	items_pane_reload(ui);
}

static void finish(struct ui *ui)
{
	struct refresh_summary s;

	refresh_finish(ui->refresh, &s);
	ui->refresh = NULL;
	background_reload_feeds(ui);
	show_new_articles(ui);
	downloads_auto(ui);
	if (s.failure_count > 0)
		ui_status(ui, 1, "%d new article%s; %d feed%s failed, first: %s: %s", s.new_items,
		          s.new_items == 1 ? "" : "s", s.failed, s.failed == 1 ? "" : "s",
		          s.failures[0].url, s.failures[0].reason);
	else
		ui_status(ui, 0, "%d new article%s from %d feed%s", s.new_items,
		          s.new_items == 1 ? "" : "s", s.total, s.total == 1 ? "" : "s");
	refresh_summary_free(&s);
}

/* Plans the next automatic refresh when refresh-interval asks for them and none is planned. */
static void plan_auto_refresh(struct ui *ui)
{
	if (settings.refresh_interval > 0 && ui->next_auto_refresh == 0)
		ui->next_auto_refresh = now_ms() + (int64_t)settings.refresh_interval * 60000;
}

int background_fds(struct ui *ui, struct pollfd *fds, int max, int *timeout_ms)
{
	int n = 0, t = -1;

	plan_auto_refresh(ui);
	*timeout_ms = -1;
	if (ui->refresh) {
		n = refresh_wait_fds(ui->refresh, fds, max, &t);
		*timeout_ms = t;
		/* Wake up for the next merge of new articles into the list, too. */
		if (*timeout_ms < 0 || *timeout_ms > RELOAD_INTERVAL_MS)
			*timeout_ms = RELOAD_INTERVAL_MS;
	}
	if (ui->next_auto_refresh > 0) {
		int64_t left = ui->next_auto_refresh - now_ms();
		int wait = left < 0 ? 0 : left > 60000 ? 60000 : (int)left;
		if (*timeout_ms < 0 || wait < *timeout_ms)
			*timeout_ms = wait;
	}
	return n;
}

void background_step(struct ui *ui)
{
	if (ui->refresh) {
		if (refresh_step(ui->refresh) == 0) {
			finish(ui);
		} else if (now_ms() >= ui->refresh_reload_at) {
			show_new_articles(ui);
			ui->refresh_reload_at = now_ms() + RELOAD_INTERVAL_MS;
		}
	}
	plan_auto_refresh(ui);
	if (ui->next_auto_refresh > 0 && now_ms() >= ui->next_auto_refresh) {
		ui->next_auto_refresh = 0;
		if (!ui->refresh)
			background_refresh(ui, NULL, 0);
	}
}

void background_stop(struct ui *ui)
{
	struct refresh_summary s;

	if (!ui->refresh)
		return;
	/* What was stored stays; the feeds still pending are left for the next refresh. */
	refresh_finish(ui->refresh, &s);
	refresh_summary_free(&s);
	ui->refresh = NULL;
}
