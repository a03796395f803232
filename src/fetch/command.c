/* exec: and filter: feeds: see command.h. */
#include "fetch/command.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STDERR_KEPT 2000 /* bytes of the command's standard error kept for its message */

enum feed_kind feed_kind_of(const char *line_url, char **command, char **url)
{
	*command = NULL;
	*url = NULL;
	if (str_starts_with(line_url, "exec:")) {
		*command = xstrdup(line_url + 5);
		return FEED_EXEC;
	}
	if (str_starts_with(line_url, "filter:")) {
		/* filter:COMMAND:URL — the URL starts at the last "http://", "https://" or
		 * "file://" (commands may hold colons too) */
		const char *s = line_url + 7, *at = NULL, *p;
		for (p = s; (p = strchr(p, ':')); p++)
			if (str_starts_with(p + 1, "http://") ||
			    str_starts_with(p + 1, "https://") || str_starts_with(p + 1, "file://"))
				at = p;
		if (!at || at == s)
			return FEED_URL;
		*command = xstrndup(s, (size_t)(at - s));
		*url = xstrdup(at + 1);
		return FEED_FILTER;
	}
	return FEED_URL;
}

int feed_is_command(const char *line_url)
{
	char *command, *url;
	enum feed_kind kind = feed_kind_of(line_url, &command, &url);

	free(command);
	free(url);
	return kind != FEED_URL;
}

void command_result_free(struct command_result *r)
{
	free(r->output);
	free(r->error);
	memset(r, 0, sizeof(*r));
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void set_nonblocking(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
}

static void child(const char *command, int in[2], int out[2], int err[2])
{
	setpgid(0, 0);
	dup2(in[0], STDIN_FILENO);
	dup2(out[1], STDOUT_FILENO);
	dup2(err[1], STDERR_FILENO);
	for (int i = 0; i < 2; i++) {
		close(in[i]);
		close(out[i]);
		close(err[i]);
	}
	signal(SIGPIPE, SIG_DFL);
	execl("/bin/sh", "sh", "-c", command, (char *)NULL);
	_exit(127);
}

/* The command's standard error as one line, for a message. */
static char *error_line(const struct buf *err)
{
	char *s = xstrndup(err->data ? err->data : "", err->len), *start;

	for (char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	start = str_trim(s);
	memmove(s, start, strlen(start) + 1);
	return s;
}

struct streams {
	int in, out, err;
	const char *input;
	size_t input_len, written;
	struct buf output, errors;
	size_t max_size;
	int too_large;
};

/* Reads what fd has into b (keeping at most keep bytes). Returns 0 at the end of the stream,
 * 1 while it is open. */
static int drain(int fd, struct buf *b, size_t keep)
{
	char chunk[65536];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
		size_t room = b->len < keep ? keep - b->len : 0;
		buf_append(b, chunk, (size_t)n < room ? (size_t)n : room);
		if ((size_t)n > room)
			return 2; /* past what is kept */
	}
	if (n == 0)
		return 0;
	return errno == EAGAIN || errno == EINTR ? 1 : 0;
}

/* Moves the streams along as far as they go without waiting. */
static void pump(struct streams *s)
{
	struct pollfd fds[3];
	int n = 0;

	if (s->out >= 0)
		fds[n++] = (struct pollfd){.fd = s->out, .events = POLLIN};
	if (s->err >= 0)
		fds[n++] = (struct pollfd){.fd = s->err, .events = POLLIN};
	if (s->in >= 0)
		fds[n++] = (struct pollfd){.fd = s->in, .events = POLLOUT};
	if (n == 0 || poll(fds, (nfds_t)n, 0) <= 0)
		return;
	for (int i = 0; i < n; i++) {
		if (!fds[i].revents)
			continue;
		if (fds[i].fd == s->out) {
			int rc = drain(s->out, &s->output, s->max_size + 1);
			if (rc == 0 || s->output.len > s->max_size) {
				s->too_large = s->output.len > s->max_size;
				close(s->out);
				s->out = -1;
			}
		} else if (fds[i].fd == s->err) {
			if (drain(s->err, &s->errors, STDERR_KEPT) == 0) {
				close(s->err);
				s->err = -1;
			}
		} else if (fds[i].fd == s->in) {
			ssize_t w = write(s->in, s->input + s->written, s->input_len - s->written);
			if (w > 0)
				s->written += (size_t)w;
			if ((w < 0 && errno != EAGAIN && errno != EINTR) ||
			    s->written == s->input_len) {
				close(s->in);
				s->in = -1;
			}
		}
	}
}

struct command_job {
	pid_t pid;
	struct streams s;
	char *input; /* a copy: the caller's buffer may go before the command has read it */
	int64_t deadline;
	long timeout_s;
	int timed_out;
	int exited, status;
};

/* SIGPIPE is ignored while any command runs: one that stops reading its input must not end
 * us. */
static int running_commands;
static struct sigaction sigpipe_before;

static void sigpipe_hold(void)
{
	struct sigaction ignore = {.sa_handler = SIG_IGN};
	if (running_commands++ == 0)
		sigaction(SIGPIPE, &ignore, &sigpipe_before);
}

static void sigpipe_release(void)
{
	if (--running_commands == 0)
		sigaction(SIGPIPE, &sigpipe_before, NULL);
}

static void close_pipes(int a[2], int b[2], int c[2])
{
	int *all[3] = {a, b, c};
	for (int i = 0; i < 3; i++)
		if (all[i]) {
			close(all[i][0]);
			close(all[i][1]);
		}
}

struct command_job *command_start(const char *command, const char *input, size_t input_len,
                                  long timeout_s, size_t max_size, char **err)
{
	int in[2], outp[2], errp[2];
	struct command_job *j;
	pid_t pid;

	if (pipe(in) != 0)
		goto no_pipe;
	if (pipe(outp) != 0) {
		close_pipes(in, NULL, NULL);
		goto no_pipe;
	}
	if (pipe(errp) != 0) {
		close_pipes(in, outp, NULL);
		goto no_pipe;
	}
	sigpipe_hold();
	if ((pid = fork()) == 0)
		child(command, in, outp, errp);
	if (pid < 0) {
		close_pipes(in, outp, errp);
		sigpipe_release();
		goto no_pipe;
	}
	close(in[0]);
	close(outp[1]);
	close(errp[1]);
	setpgid(pid, pid);
	j = xcalloc(1, sizeof(*j));
	j->pid = pid;
	j->timeout_s = timeout_s > 0 ? timeout_s : 60;
	j->deadline = now_ms() + j->timeout_s * 1000;
	j->s.in = in[1];
	j->s.out = outp[0];
	j->s.err = errp[0];
	j->s.max_size = max_size;
	if (input && input_len) {
		j->input = xmalloc(input_len);
		memcpy(j->input, input, input_len);
		j->s.input = j->input;
		j->s.input_len = input_len;
	}
	set_nonblocking(j->s.in);
	set_nonblocking(j->s.out);
	set_nonblocking(j->s.err);
	if (!j->s.input_len) {
		close(j->s.in);
		j->s.in = -1;
	}
	buf_init(&j->s.output);
	buf_init(&j->s.errors);
	return j;

no_pipe:
	*err = xasprintf("cannot run the command: %s", strerror(errno));
	return NULL;
}

int command_fds(const struct command_job *j, struct pollfd *fds, int max, int *timeout_ms)
{
	int n = 0, wait = (int)(j->deadline - now_ms());

	if (j->s.out >= 0 && n < max)
		fds[n++] = (struct pollfd){.fd = j->s.out, .events = POLLIN};
	if (j->s.err >= 0 && n < max)
		fds[n++] = (struct pollfd){.fd = j->s.err, .events = POLLIN};
	if (j->s.in >= 0 && n < max)
		fds[n++] = (struct pollfd){.fd = j->s.in, .events = POLLOUT};
	if (n == 0 && !j->exited && wait > 20)
		wait = 20; /* its outputs are closed: look for its end again soon */
	if (wait < 0)
		wait = 0;
	if (*timeout_ms < 0 || wait < *timeout_ms)
		*timeout_ms = wait;
	return n;
}

/* Stops the command's group and closes what is open. */
static void command_stop(struct command_job *j)
{
	kill(-j->pid, SIGKILL);
	for (int i = 0; i < 3; i++) {
		int *fd = i == 0 ? &j->s.in : i == 1 ? &j->s.out : &j->s.err;
		if (*fd >= 0)
			close(*fd);
		*fd = -1;
	}
}

int command_step(struct command_job *j)
{
	if (j->exited)
		return 0;
	pump(&j->s);
	if (j->s.too_large)
		command_stop(j);
	else if (now_ms() >= j->deadline) {
		j->timed_out = 1;
		command_stop(j);
	}
	if (j->s.out < 0 && j->s.err < 0) {
		if (j->s.in >= 0) {
			close(j->s.in);
			j->s.in = -1;
		}
		/* stopped: its end comes at once, so wait for it */
		if (waitpid(j->pid, &j->status, j->timed_out || j->s.too_large ? 0 : WNOHANG) ==
		    j->pid) {
			j->exited = 1;
			return 0;
		}
	}
	return 1;
}

void command_finish(struct command_job *j, struct command_result *out)
{
	memset(out, 0, sizeof(*out));
	if (!j->exited) {
		command_stop(j);
		while (waitpid(j->pid, &j->status, 0) < 0 && errno == EINTR)
			;
		if (!j->timed_out && !j->s.too_large)
			j->timed_out = 1; /* abandoned before its end */
	}
	sigpipe_release();
	if (j->timed_out) {
		out->error = xasprintf(
		    "the command did not finish within %ld seconds (fetch-timeout)", j->timeout_s);
	} else if (j->s.too_large) {
		out->error = xasprintf("the command wrote more than %zu bytes (max-feed-size)",
		                       j->s.max_size);
	} else if (!WIFEXITED(j->status) || WEXITSTATUS(j->status) != 0) {
		char *why = error_line(&j->s.errors);
		if (WIFEXITED(j->status))
			out->error = xasprintf("the command exited with status %d%s%s",
			                       WEXITSTATUS(j->status), *why ? ": " : "", why);
		else
			out->error = xasprintf("the command was killed by signal %d%s%s",
			                       WTERMSIG(j->status), *why ? ": " : "", why);
		free(why);
	}
	buf_free(&j->s.errors);
	if (out->error) {
		buf_free(&j->s.output);
	} else {
		out->output_len = j->s.output.len;
		out->output = j->s.output.data ? buf_steal(&j->s.output) : xstrdup("");
	}
	free(j->input);
	free(j);
}

int command_run(const char *command, const char *input, size_t input_len, long timeout_s,
                size_t max_size, struct command_result *out)
{
	char *err = NULL;
	struct command_job *j = command_start(command, input, input_len, timeout_s, max_size, &err);

	if (!j) {
		memset(out, 0, sizeof(*out));
		out->error = err;
		return -1;
	}
	while (command_step(j)) {
		struct pollfd fds[3];
		int timeout = -1, n = command_fds(j, fds, 3, &timeout);
		if (poll(fds, (nfds_t)n, timeout) < 0 && errno != EINTR)
			break;
	}
	command_finish(j, out);
	return out->error ? -1 : 0;
}
