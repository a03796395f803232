/* Work that waits on the network, done without blocking the reader: an article's page for
 * `f` on the reader's own fetcher, and `tidings add` and `tidings save` run as child
 * processes whose output the poll loop collects. The keyboard stays live meanwhile; the
 * status line says what is pending, then how it ended. */
#include "config/config.h"
#include "config/feeds_file.h"
#include "core/util.h"
#include "tasks/fulltext.h"
#include "tasks/save.h"
#include "fetch/fetch.h"
#include "ui/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Output kept of a command: enough for its last lines, bounded whatever it prints. */
#define JOB_OUTPUT_MAX 8192

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
	struct fetch_options opts;

	if (ui->pages)
		return 0;
	fetch_options_from_settings(&opts);
	ui->pages = fetcher_new(&opts);
	if (!ui->pages)
		return -1;
	ui->page_queue = fulltext_queue_new(ui->cache, ui->pages);
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

/* ---- commands in child processes ---- */

static struct ui_job *find_job(struct ui *ui, enum job_kind kind, int64_t item_id)
{
	for (int i = 0; i < ui->job_count; i++)
		if (ui->jobs[i].kind == kind && ui->jobs[i].item_id == item_id)
			return &ui->jobs[i];
	return NULL;
}

/* Forks `tidings --config DIR --data DIR ARGS...` (this very program, so that the command
 * works exactly as on the command line) with stdout and stderr on a pipe. */
static int start_child(struct ui *ui, const char *const args[], pid_t *pid_out, int *fd_out)
{
	const char *argv[16] = {NULL};
	char self[4096];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int fds[2], n = 0;
	pid_t pid;

	if (len <= 0 || !ui->paths)
		return -1;
	self[len] = '\0';
	argv[n++] = self;
	argv[n++] = "--config";
	argv[n++] = ui->paths->config_dir;
	argv[n++] = "--data";
	argv[n++] = ui->paths->data_dir;
	for (int i = 0; args[i] && n < (int)ARRAY_LEN(argv) - 1; i++)
		argv[n++] = args[i];
	if (pipe2(fds, O_CLOEXEC) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		if (null >= 0)
			dup2(null, 0);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		/* SIGPIPE stays ignored (the reader ignores it), so a command outliving the reader
		 * finishes its work instead of dying on its first line of output. */
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return -1;
	}
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
	*pid_out = pid;
	*fd_out = fds[0];
	return 0;
}

static int start_job(struct ui *ui, enum job_kind kind, int64_t item_id, const char *const args[])
{
	struct ui_job *job;

	if (ui->job_count == UI_MAX_JOBS) {
		ui_status(ui, 1, "%d commands are running already; wait for one", UI_MAX_JOBS);
		return -1;
	}
	job = &ui->jobs[ui->job_count];
	memset(job, 0, sizeof(*job));
	if (start_child(ui, args, &job->pid, &job->fd) != 0) {
		ui_status(ui, 1, "cannot run the tidings program");
		return -1;
	}
	job->kind = kind;
	job->item_id = item_id;
	buf_init(&job->output);
	ui->job_count++;
	return 0;
}

void jobs_add_feed(struct ui *ui, const char *url)
{
	const char *args[] = {"add", url, NULL};

	if (start_job(ui, JOB_ADD, 0, args) == 0)
		ui_status(ui, 0, "looking for the feed at %s ...", url);
}

void jobs_save(struct ui *ui, int64_t item_id)
{
	char id[32];
	const char *format = settings.save_format ? settings.save_format : "markdown";
	const char *args[] = {"save", "--format", format, id, NULL};

	if (find_job(ui, JOB_SAVE, item_id)) {
		ui_status(ui, 0, "still saving the article...");
		return;
	}
	snprintf(id, sizeof(id), "%lld", (long long)item_id);
	if (start_job(ui, JOB_SAVE, item_id, args) == 0)
		ui_status(ui, 0, "saving (fetching the full article)...");
}

/* Splits a command's output into its last line (returned) and what came before it, both in
 * place, trailing blank lines dropped. */
static char *split_last_line(char *text, char **before)
{
	char *end = text + strlen(text), *last;

	while (end > text && (end[-1] == '\n' || end[-1] == ' '))
		*--end = '\0';
	last = end;
	while (last > text && last[-1] != '\n')
		last--;
	*before = NULL;
	if (last > text) {
		last[-1] = '\0';
		*before = text;
	}
	return last;
}

/* A command's message without the "tidings: " it starts with on stderr. */
static const char *message_of(const char *line)
{
	return strncmp(line, "tidings: ", 9) == 0 ? line + 9 : line;
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

static void finish_add(struct ui *ui, int status, char *output)
{
	char *before;
	const char *last = split_last_line(output, &before);

	ui_status(ui, status != 0, "%s", *last ? message_of(last) : "tidings add failed");
	if (status == 0)
		reload_subscriptions(ui);
}

static void finish_save(struct ui *ui, int64_t item_id, int status, char *output)
{
	char *warning;
	const char *last = split_last_line(output, &warning);

	if (status != 0) {
		ui_status(ui, 1, "not saved: %s", *last ? message_of(last) : "tidings save failed");
		return;
	}
	/* A warning from the save (the feed's text only) stays on the status line. */
	if (warning && *warning)
		ui_status(ui, 1, "saved to %s (%s)", last,
		          message_of(split_last_line(warning, &warning)));
	else
		ui_status(ui, 0, "saved to %s", last);
	items_pane_update_row(ui, item_id, 1, 1);
	if (ui->reader.item_id == item_id)
		reader_pane_reset(&ui->reader);
}

/* Reads what the command wrote; returns 1 once it has closed its output (it is ending). */
static int read_job_output(struct ui_job *job)
{
	char chunk[1024];

	for (;;) {
		ssize_t n = read(job->fd, chunk, sizeof(chunk));
		if (n > 0) {
			if (job->output.len < JOB_OUTPUT_MAX)
				buf_append(&job->output, chunk, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
	}
}

static void finish_job(struct ui *ui, struct ui_job *job)
{
	int status = 0;
	char *output;

	close(job->fd);
	while (waitpid(job->pid, &status, 0) < 0 && errno == EINTR) {
	}
	status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	output = job->output.data ? buf_steal(&job->output) : xstrdup("");
	buf_free(&job->output);
	if (job->kind == JOB_ADD)
		finish_add(ui, status, output);
	else
		finish_save(ui, job->item_id, status, output);
	free(output);
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
	struct buf b;

	if (!ui->page_count && !adding && !saving)
		return NULL;
	buf_init(&b);
	if (ui->page_count)
		buf_printf(&b, "fetching %d full article%s", ui->page_count,
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
	if (ui->pages && ui->page_count > 0)
		n += fetcher_wait_fds(ui->pages, fds + n, max - n, timeout_ms);
	return n;
}

void jobs_step(struct ui *ui)
{
	if (ui->pages && ui->page_count > 0)
		fetcher_step(ui->pages);
	for (int i = 0; i < ui->job_count;) {
		struct ui_job job;

		if (!read_job_output(&ui->jobs[i])) {
			i++;
			continue;
		}
		/* Off the list before it is finished, so that what finishing does sees it ended. */
		job = ui->jobs[i];
		ui->jobs[i] = ui->jobs[--ui->job_count];
		finish_job(ui, &job);
	}
}

void jobs_stop(struct ui *ui)
{
	/* Commands still running finish on their own; their output is not wanted any more. */
	for (int i = 0; i < ui->job_count; i++) {
		close(ui->jobs[i].fd);
		buf_free(&ui->jobs[i].output);
	}
	ui->job_count = 0;
	fetcher_free(ui->pages);
	fulltext_queue_free(ui->page_queue);
	ui->pages = NULL;
	ui->page_queue = NULL;
	ui->page_count = 0;
}
