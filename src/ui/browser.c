/* Opening a link in the browser without trusting a child that merely started: the browser
 * runs as our own child (in its own session, so that it outlives the reader and the
 * terminal's hang-up), and the event loop watches how it ends. A program that exits 0 has
 * handed the link on (xdg-open, a browser's remote mode); one still running after
 * BROWSER_WAIT_MS is a browser in the foreground; anything else failed, and the next program
 * of a colon-separated $BROWSER is tried. The status line names what failed and why. */
#include "config/config.h"
#include "core/text.h"
#include "core/util.h"
#include "ui/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How long a browser may run before it counts as having opened the link. */
#define BROWSER_WAIT_MS 3000
/* Browsers still running once reported, reaped when they end. */
#define BROWSER_STRAYS 8

struct browser_run {
	char *url;
	char **programs; /* the commands to try, in order */
	int count;
	int next;
	pid_t pid;  /* the one running now, or 0 */
	char *prog; /* its program name */
	int64_t deadline;
	struct buf failures; /* "prog: why; prog: why" */
	pid_t strays[BROWSER_STRAYS];
	int stray_count;
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int is_terminal_browser(const char *prog)
{
	static const char *const names[] = {"lynx",   "w3m",    "links",   "links2",
	                                    "elinks", "browsh", "carbonyl"};
	const char *base = strrchr(prog, '/');

	base = base ? base + 1 : prog;
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(base, names[i]) == 0)
			return 1;
	return 0;
}

/* Only web links go to the browser: one that starts with '-' would be read as an option (some
 * browsers take options that run a command), and file:, data:, javascript: and the like have
 * no business being opened from a feed. */
static int browser_may_open(const char *url)
{
	static const char *const schemes[] = {"http://",   "https://",  "ftp://",
	                                      "gemini://", "gopher://", "mailto:"};
	for (size_t i = 0; i < ARRAY_LEN(schemes); i++)
		if (str_ncasecmp_ascii(url, schemes[i], strlen(schemes[i])) == 0)
			return 1;
	return 0;
}

/* The browser setting, else each entry of $BROWSER, else xdg-open. */
static void collect_programs(struct browser_run *b)
{
	const char *env = getenv("BROWSER");

	b->programs = xcalloc(64, sizeof(char *));
	if (settings.browser && settings.browser[0]) {
		b->programs[b->count++] = xstrdup(settings.browser);
		return;
	}
	while (env && *env && b->count < 63) {
		size_t n = strcspn(env, ":");
		if (n > 0)
			b->programs[b->count++] = xstrndup(env, n);
		env += n + (env[n] == ':');
	}
	if (b->count == 0)
		b->programs[b->count++] = xstrdup("xdg-open");
}

static void run_free(struct browser_run *b)
{
	for (int i = 0; i < b->count; i++)
		free(b->programs[i]);
	free(b->programs);
	free(b->url);
	free(b->prog);
	buf_free(&b->failures);
	free(b);
}

static void note_failure(struct browser_run *b, int status)
{
	if (b->failures.len)
		buf_puts(&b->failures, "; ");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		buf_printf(&b->failures, "%s: not found or not runnable", b->prog);
	else if (WIFEXITED(status))
		buf_printf(&b->failures, "%s: exit status %d", b->prog, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		buf_printf(&b->failures, "%s: killed by signal %d", b->prog, WTERMSIG(status));
}

/* A graphical browser: our child in a session of its own, its output to /dev/null. */
static pid_t start_detached(char *const argv[])
{
	pid_t pid = fork();

	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		setsid();
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static void report_success(struct ui *ui, struct browser_run *b)
{
	ui_status(ui, 0, "opened %s with %s", b->url, b->prog);
}

/* Starts the next program; reports and returns 0 when there is none left or one has
 * succeeded at once (a terminal browser, waited for). */
static int try_next(struct ui *ui, struct browser_run *b)
{
	while (b->next < b->count) {
		char **argv = command_argv(b->programs[b->next++], b->url);

		if (!argv[0]) {
			argv_free(argv);
			continue;
		}
		free(b->prog);
		b->prog = xstrdup(argv[0]);
		if (is_terminal_browser(argv[0])) {
			int rc = ui_spawn(ui, argv, 1, NULL);
			argv_free(argv);
			if (rc == 0) {
				report_success(ui, b);
				return 0;
			}
			note_failure(b, rc < 0 ? 0x7f00 : (rc & 0xff) << 8);
			continue;
		}
		b->pid = start_detached(argv);
		argv_free(argv);
		if (b->pid < 0) {
			b->pid = 0;
			buf_printf(&b->failures, "%s%s: could not be started (%s)",
			           b->failures.len ? "; " : "", b->prog, strerror(errno));
			continue;
		}
		b->deadline = now_ms() + BROWSER_WAIT_MS;
		ui_status_transient(ui, "opening %s with %s...", b->url, b->prog);
		return 1;
	}
	ui_status(ui, 1, "could not open %s: %s", b->url,
	          b->failures.len ? b->failures.data : "no browser to try");
	return 0;
}

static void keep_stray(struct browser_run *b, pid_t pid)
{
	if (b->stray_count < BROWSER_STRAYS)
		b->strays[b->stray_count++] = pid;
}

static void reap_strays(struct browser_run *b)
{
	for (int i = 0; i < b->stray_count;) {
		int status;
		if (waitpid(b->strays[i], &status, WNOHANG) != 0)
			b->strays[i] = b->strays[--b->stray_count];
		else
			i++;
	}
}

void browser_open(struct ui *ui, const char *url)
{
	struct browser_run *b = ui->browser;
	char *clean = text_sanitize_str(url, TEXT_COLLAPSE_SPACE);

	if (!browser_may_open(clean)) {
		ui_status(ui, 1, "refused to open %s: not a web link", clean);
		free(clean);
		return;
	}
	if (!b) {
		b = ui->browser = xcalloc(1, sizeof(*b));
		buf_init(&b->failures);
	}
	/* A browser still being watched counts as having opened its link. */
	if (b->pid > 0)
		keep_stray(b, b->pid);
	for (int i = 0; i < b->count; i++)
		free(b->programs[i]);
	free(b->programs);
	free(b->url);
	buf_free(&b->failures);
	buf_init(&b->failures);
	b->programs = NULL;
	b->count = b->next = 0;
	b->pid = 0;
	b->url = clean;
	collect_programs(b);
	try_next(ui, b);
}

int browser_timeout(struct ui *ui)
{
	int64_t left;

	if (!ui->browser || ui->browser->pid <= 0)
		return -1;
	left = ui->browser->deadline - now_ms();
	return left < 0 ? 0 : (int)left;
}

void browser_step(struct ui *ui)
{
	struct browser_run *b = ui->browser;
	int status = 0;
	pid_t done;

	if (!b)
		return;
	reap_strays(b);
	if (b->pid <= 0)
		return;
	done = waitpid(b->pid, &status, WNOHANG);
	if (done == 0 && now_ms() < b->deadline)
		return;
	if (done == 0) {
		/* Still running: a browser in the foreground, with the link open. */
		keep_stray(b, b->pid);
		b->pid = 0;
		report_success(ui, b);
		return;
	}
	b->pid = 0;
	if (done > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		report_success(ui, b);
		return;
	}
	note_failure(b, status);
	try_next(ui, b);
}

void browser_stop(struct ui *ui)
{
	if (!ui->browser)
		return;
	/* Browsers run on; their last ends are reaped by init. */
	run_free(ui->browser);
	ui->browser = NULL;
}
