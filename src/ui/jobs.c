/* Work that waits on the network, done without blocking the reader: an article's page for
 * `f` on the reader's own fetcher, driven by the poll loop, and the subscribe and save tasks
 * (tasks/subscribe.h, tasks/save.h), each run on a thread of its own with its own cache
 * connection; a thread ends by writing a byte to a pipe the poll loop watches, and its
 * outcome is shown there. The keyboard stays live meanwhile; the status line says what is
 * pending, then how it ended. */
#include "config/config.h"
#include "config/feeds_file.h"
#include "core/util.h"
#include "tasks/fulltext.h"
#include "tasks/save.h"
#include "tasks/subscribe.h"
#include "tasks/sync.h"
#include "ui/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* How long quitting waits for tasks still running before it leaves them behind. */
#define JOBS_STOP_WAIT_MS 500
/* ---- full text for `f` ---- */

static int page_pending(const struct ui *ui, int64_t item_id)
{
	for (int i = 0; i < ui->page_count; i++)
		if (ui->page_items[i] == item_id)
			return 1;
	return 0;
}

static void forget_page(struct ui *ui, int64_t item_id)
{
	for (int i = 0; i < ui->page_count; i++)
		if (ui->page_items[i] == item_id) {
			ui->page_items[i] = ui->page_items[--ui->page_count];
			return;
		}
}

static void on_page_done(int64_t item_id, const char *err, void *user)
{
	struct ui *ui = user;

	forget_page(ui, item_id);
	if (err) {
		ui_status(ui, 1, "no full text: %s", err);
		return;
	}
	/* Shown at once when the reader is still on the article, else when it comes back. */
	if (ui->reader.item_id == item_id) {
		ui->reader.feed_text_for = 0;
		reader_pane_reset(&ui->reader);
	}
	ui_status(ui, 0, "full text fetched");
}

static int open_page_queue(struct ui *ui)
{
	if (ui->page_queue)
		return 0;
	ui->page_queue = fulltext_queue_open(ui->cache);
	if (!ui->page_queue)
		return -1;
	fulltext_queue_notify(ui->page_queue, on_page_done, ui);
	return 0;
}

void jobs_full_text(struct ui *ui, int64_t item_id)
{
	char *err = NULL;

	if (page_pending(ui, item_id)) {
		ui_status(ui, 0, "still fetching the full article...");
		return;
	}
	if (ui->page_count == UI_MAX_PAGES) {
		ui_status(ui, 1, "%d full articles are being fetched already", UI_MAX_PAGES);
		return;
	}
	if (open_page_queue(ui) != 0) {
		ui_status(ui, 1, "no full text: cannot start the fetcher");
		return;
	}
	if (fulltext_queue_item(ui->page_queue, item_id, &err) != 0) {
		ui_status(ui, 1, "no full text: %s", err);
		free(err);
		return;
	}
	ui->page_items[ui->page_count++] = item_id;
	ui_status(ui, 0, "fetching the full article...");
}

/* ---- tasks on threads ---- */

/* What a task's thread needs and what it found; shared by the thread and the reader until
 * both are done with it (refs). */
struct job_work {
	atomic_int refs;
	enum job_kind kind;
	int done_fd; /* the pipe's write end: one byte when the task has ended */
	char *cache_path;
	char *feeds_path;
	char *url;       /* JOB_ADD */
	char *data_dir;  /* JOB_SYNC */
	char *lock_path; /* JOB_SYNC */
	struct sync_summary synced;
	int64_t item_id; /* JOB_SAVE */
	enum save_format format;
	/* the outcome */
	int rc;
	char *written, *warning, *err;
	struct subscribe_result sub;
};

static void work_unref(struct job_work *w)
{
	if (atomic_fetch_sub(&w->refs, 1) != 1)
		return;
	free(w->cache_path);
	free(w->feeds_path);
	free(w->url);
	free(w->data_dir);
	free(w->lock_path);
	free(w->written);
	free(w->warning);
	free(w->err);
	subscribe_result_free(&w->sub);
	free(w);
}

static void run_add(struct job_work *w, struct cache *c)
{
	struct feeds_file ff;

	memset(&ff, 0, sizeof(ff));
	/* The file as it is now (another program may have changed it), saved with the line. */
	if (feeds_file_load(w->feeds_path, &ff, &w->err) != 0) {
		w->rc = -1;
		return;
	}
	w->rc = subscribe_url(c, &ff, w->url, NULL, 0, &w->sub);
	feeds_file_free(&ff);
}

static void run_save(struct job_work *w, struct cache *c)
{
	struct feeds_file ff;
	char *err = NULL;
	int have_feeds;

	/* For the feed's display name in the file; a feeds file that cannot be read names none. */
	memset(&ff, 0, sizeof(ff));
	have_feeds = w->feeds_path && feeds_file_load(w->feeds_path, &ff, &err) == 0;
	free(err);
	w->rc = save_article(c, have_feeds ? &ff : NULL, w->item_id, w->format, NULL, &w->written,
	                     &w->warning, &w->err);
	if (have_feeds)
		feeds_file_free(&ff);
}

static void run_sync(struct job_work *w, struct cache *c)
{
	struct sync_options opts = {.data_dir = w->data_dir, .lock_path = w->lock_path};
	struct feeds_file ff;

	memset(&ff, 0, sizeof(ff));
	if (feeds_file_load(w->feeds_path, &ff, &w->err) != 0) {
		w->rc = -1;
		return;
	}
	w->rc = sync_run(c, &ff, &opts, &w->synced, &w->err);
	feeds_file_free(&ff);
}

static void *run_task(void *arg)
{
	struct job_work *w = arg;
	struct cache *c = NULL;

	if (cache_open_flags(w->cache_path, CACHE_OPEN_NO_SCAN, &c, &w->err) != 0) {
		w->rc = -1;
	} else if (w->kind == JOB_ADD) {
		run_add(w, c);
	} else if (w->kind == JOB_SYNC) {
		run_sync(w, c);
	} else {
		run_save(w, c);
	}
	cache_close(c);
	/* The reader may have quit and closed its end: the write fails (SIGPIPE is ignored). */
	while (write(w->done_fd, "", 1) < 0 && errno == EINTR) {
	}
	close(w->done_fd);
	work_unref(w);
	return NULL;
}

static struct ui_job *find_job(struct ui *ui, enum job_kind kind, int64_t item_id)
{
	for (int i = 0; i < ui->job_count; i++)
		if (ui->jobs[i].kind == kind && ui->jobs[i].item_id == item_id)
			return &ui->jobs[i];
	return NULL;
}

/* Starts the task on a detached thread; the job keeps the pipe's read end. */
static int start_thread(struct job_work *w, int *fd_out)
{
	int fds[2];
	pthread_t thread;
	pthread_attr_t attr;
	int rc;

	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
		return -1;
	w->done_fd = fds[1];
	atomic_store(&w->refs, 2);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&thread, &attr, run_task, w);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	*fd_out = fds[0];
	return 0;
}

static int start_job(struct ui *ui, struct job_work *w)
{
	struct ui_job *job;

	if (ui->job_count == UI_MAX_JOBS) {
		ui_status(ui, 1, "%d tasks are running already; wait for one", UI_MAX_JOBS);
		work_unref(w);
		return -1;
	}
	w->cache_path = xstrdup(cache_path(ui->cache));
	job = &ui->jobs[ui->job_count];
	memset(job, 0, sizeof(*job));
	if (start_thread(w, &job->fd) != 0) {
		ui_status(ui, 1, "cannot start a thread: %s", strerror(errno));
		atomic_store(&w->refs, 1);
		work_unref(w);
		return -1;
	}
	job->kind = w->kind;
	job->item_id = w->item_id;
	job->work = w;
	ui->job_count++;
	return 0;
}

static struct job_work *new_work(enum job_kind kind)
{
	struct job_work *w = xcalloc(1, sizeof(*w));

	w->kind = kind;
	w->done_fd = -1;
	atomic_store(&w->refs, 1);
	return w;
}

void jobs_add_feed(struct ui *ui, const char *url)
{
	struct job_work *w;

	if (!ui->feeds_file) {
		ui_status(ui, 1, "no feeds file to add the feed to");
		return;
	}
	w = new_work(JOB_ADD);
	w->url = subscribe_normalise_url(url);
	w->feeds_path = xstrdup(ui->feeds_file->path);
	if (start_job(ui, w) == 0)
		ui_status(ui, 0, "looking for the feed at %s ...", url);
}

void jobs_save(struct ui *ui, int64_t item_id)
{
	struct job_work *w;

	if (find_job(ui, JOB_SAVE, item_id)) {
		ui_status(ui, 0, "still saving the article...");
		return;
	}
	w = new_work(JOB_SAVE);
	w->item_id = item_id;
	w->feeds_path = ui->feeds_file ? xstrdup(ui->feeds_file->path) : NULL;
	w->format = SAVE_MARKDOWN;
	if (settings.save_format)
		save_format_parse(settings.save_format, &w->format);
	if (start_job(ui, w) == 0)
		ui_status(ui, 0, "saving (fetching the full article)...");
}

void jobs_sync(struct ui *ui)
{
	struct job_work *w;

	if (find_job(ui, JOB_SYNC, 0)) {
		ui_status(ui, 0, "still syncing...");
		return;
	}
	if (!ui->feeds_file || !ui->paths) {
		ui_status(ui, 1, "no feeds file to sync");
		return;
	}
	w = new_work(JOB_SYNC);
	w->feeds_path = xstrdup(ui->feeds_file->path);
	w->data_dir = xstrdup(ui->paths->data_dir);
	w->lock_path = xstrdup(ui->paths->lock_file);
	if (start_job(ui, w) == 0)
		ui_status(ui, 0, "syncing with %s ...", settings.sync_url);
}

static void reload_subscriptions(struct ui *ui);

static void finish_sync(struct ui *ui, struct job_work *w)
{
	const struct sync_summary *s = &w->synced;

	if (w->rc != 0) {
		ui_status(ui, 1, "sync failed: %s%s", w->err ? w->err : "unknown error",
		          s->outbox_left > 0 ? " (marks kept for the next sync)" : "");
		return;
	}
	ui_status(ui, 0, "synced: %d new article%s, %d mark%s sent, %d received", s->articles_added,
	          s->articles_added == 1 ? "" : "s", s->marks_sent, s->marks_sent == 1 ? "" : "s",
	          s->marks_received);
	reload_subscriptions(ui);
}

/* The feeds file and the feed column again, with the new subscription. */
static void reload_subscriptions(struct ui *ui)
{
	char *path, *err = NULL;

	if (!ui->feeds_file)
		return;
	path = xstrdup(ui->feeds_file->path);
	feeds_file_free(ui->feeds_file);
	if (feeds_file_load(path, ui->feeds_file, &err) != 0) {
		ui_status(ui, 1, "%s", err);
		free(err);
	}
	free(path);
	background_reload_feeds(ui);
	items_pane_reload(ui);
}

/* The page announces several feeds: a picker with each one's title and type; the one
 * chosen is subscribed to as if its URL had been typed. */
static void add_chosen_feed(struct ui *ui, int index, void *user)
{
	char **urls = user;

	jobs_add_feed(ui, urls[index]);
}

static void free_strings(void *user)
{
	char **list = user;

	for (int i = 0; list && list[i]; i++)
		free(list[i]);
	free(list);
}

static void offer_candidates(struct ui *ui, const struct subscribe_result *r)
{
	int n = r->candidate_count;
	char **urls = xcalloc((size_t)n + 1, sizeof(char *));
	char **entries = xcalloc((size_t)n + 1, sizeof(char *));

	for (int i = 0; i < n; i++) {
		const struct subscribe_candidate *c = &r->candidates[i];
		urls[i] = xstrdup(c->url);
		entries[i] = xasprintf("%s  [%s]  %s", c->title ? c->title : "(no title)",
		                       c->format ? c->format : "feed", c->url);
	}
	ui_status(ui, 0, "the page announces %d feeds: choose one", n);
	menu_open(ui, "The page announces several feeds: Enter subscribes to the one selected",
	          entries, n, 1, add_chosen_feed, urls, free_strings);
	free_strings(entries);
}

static void finish_add(struct ui *ui, struct job_work *w)
{
	const struct subscribe_result *r = &w->sub;

	if (r->outcome == SUBSCRIBE_DONE) {
		if (r->warning)
			ui_status(ui, 1, "%s", r->warning);
		else
			ui_status(ui, 0, "subscribed to %s (%s): %d article%s", r->url,
			          r->title ? r->title : r->url, r->item_count,
			          r->item_count == 1 ? "" : "s");
		reload_subscriptions(ui);
	} else if (r->outcome == SUBSCRIBE_SEVERAL) {
		offer_candidates(ui, r);
	} else {
		ui_status(ui, 1, "%s",
		          r->err   ? r->err
		          : w->err ? w->err
		                   : "the feed was not added");
	}
}

static void finish_save(struct ui *ui, struct job_work *w)
{
	if (w->rc != 0) {
		ui_status(ui, 1, "not saved: %s", w->err ? w->err : "the save failed");
		return;
	}
	/* A warning from the save (the feed's text only) stays on the status line. */
	if (w->warning)
		ui_status(ui, 1, "saved to %s (%s)", w->written, w->warning);
	else
		ui_status(ui, 0, "saved to %s", w->written);
	items_pane_update_row(ui, w->item_id, 1, 1);
	if (ui->reader.item_id == w->item_id)
		reader_pane_reset(&ui->reader);
}

/* 1 once the task's thread has said it ended. */
static int job_ended(struct ui_job *job)
{
	char byte;
	ssize_t n;

	while ((n = read(job->fd, &byte, 1)) < 0 && errno == EINTR) {
	}
	return n == 1 || n == 0;
}

static void finish_job(struct ui *ui, struct ui_job *job)
{
	close(job->fd);
	if (job->kind == JOB_ADD)
		finish_add(ui, job->work);
	else if (job->kind == JOB_SYNC)
		finish_sync(ui, job->work);
	else
		finish_save(ui, job->work);
	work_unref(job->work);
}

/* ---- the event loop's side ---- */

static int count_jobs(const struct ui *ui, enum job_kind kind)
{
	int n = 0;

	for (int i = 0; i < ui->job_count; i++)
		n += ui->jobs[i].kind == kind;
	return n;
}

char *jobs_pending_text(const struct ui *ui)
{
	int adding = count_jobs(ui, JOB_ADD), saving = count_jobs(ui, JOB_SAVE);
	int syncing = count_jobs(ui, JOB_SYNC);
	struct buf b;

	if (!ui->page_count && !adding && !saving && !syncing)
		return NULL;
	buf_init(&b);
	if (syncing)
		buf_puts(&b, "syncing");
	if (ui->page_count)
		buf_printf(&b, "%sfetching %d full article%s", b.len ? ", " : "", ui->page_count,
		           ui->page_count == 1 ? "" : "s");
	if (saving)
		buf_printf(&b, "%ssaving %d article%s", b.len ? ", " : "", saving,
		           saving == 1 ? "" : "s");
	if (adding)
		buf_printf(&b, "%slooking for %d feed%s", b.len ? ", " : "", adding,
		           adding == 1 ? "" : "s");
	buf_puts(&b, "...");
	return buf_steal(&b);
}

int jobs_fds(struct ui *ui, struct pollfd *fds, int max, int *timeout_ms)
{
	int n = 0;

	*timeout_ms = -1;
	for (int i = 0; i < ui->job_count && n < max; i++)
		fds[n++] = (struct pollfd){.fd = ui->jobs[i].fd, .events = POLLIN};
	if (ui->page_queue && ui->page_count > 0)
		n += fulltext_queue_wait_fds(ui->page_queue, fds + n, max - n, timeout_ms);
	return n;
}

void jobs_step(struct ui *ui)
{
	if (ui->page_queue && ui->page_count > 0)
		fulltext_queue_step(ui->page_queue);
	for (int i = 0; i < ui->job_count;) {
		struct ui_job job;

		if (!job_ended(&ui->jobs[i])) {
			i++;
			continue;
		}
		/* Off the list before it is finished, so that what finishing does sees it ended. */
		job = ui->jobs[i];
		ui->jobs[i] = ui->jobs[--ui->job_count];
		finish_job(ui, &job);
	}
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void jobs_stop(struct ui *ui)
{
	int64_t deadline = now_ms() + JOBS_STOP_WAIT_MS;

	/* Tasks about to end are let end (a save's file written, a subscription stored); past
	 * the wait they are left to end with the process, their cache writes being
	 * transactions and their files written whole or not at all. */
	for (int i = 0; i < ui->job_count; i++) {
		struct pollfd pfd = {.fd = ui->jobs[i].fd, .events = POLLIN};
		int64_t left = deadline - now_ms();

		if (left > 0)
			poll(&pfd, 1, (int)left);
		close(ui->jobs[i].fd);
		work_unref(ui->jobs[i].work);
	}
	ui->job_count = 0;
	fulltext_queue_free(ui->page_queue);
	ui->page_queue = NULL;
	ui->page_count = 0;
}
