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

/* Moves the streams along until both outputs end or the deadline passes; returns 0, or -1
 * at the deadline. */
static int pump(struct streams *s, int64_t deadline)
{
	while (s->out >= 0 || s->err >= 0) {
		struct pollfd fds[3];
		int n = 0, wait = (int)(deadline - now_ms()), rc;
		if (wait <= 0)
			return -1;
		if (s->out >= 0)
			fds[n++] = (struct pollfd){.fd = s->out, .events = POLLIN};
		if (s->err >= 0)
			fds[n++] = (struct pollfd){.fd = s->err, .events = POLLIN};
		if (s->in >= 0)
			fds[n++] = (struct pollfd){.fd = s->in, .events = POLLOUT};
		if (poll(fds, (nfds_t)n, wait) < 0 && errno != EINTR)
			return -1;
		for (int i = 0; i < n; i++) {
			if (!fds[i].revents)
				continue;
			if (fds[i].fd == s->out) {
				rc = drain(s->out, &s->output, s->max_size + 1);
				if (rc == 0 || s->output.len > s->max_size) {
					s->too_large = s->output.len > s->max_size;
					close(s->out);
					s->out = -1;
					if (s->too_large)
						return 0;
				}
			} else if (fds[i].fd == s->err) {
				if (drain(s->err, &s->errors, STDERR_KEPT) == 0) {
					close(s->err);
					s->err = -1;
				}
			} else if (fds[i].fd == s->in) {
				ssize_t w =
				    write(s->in, s->input + s->written, s->input_len - s->written);
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
	return 0;
}

int command_run(const char *command, const char *input, size_t input_len, long timeout_s,
                size_t max_size, struct command_result *out)
{
	int in[2], outp[2], errp[2], status = 0, timed_out;
	struct sigaction ignore = {.sa_handler = SIG_IGN}, old;
	struct streams s = {
	    .input = input, .input_len = input ? input_len : 0, .max_size = max_size};
	pid_t pid;

	memset(out, 0, sizeof(*out));
	if (pipe(in) != 0)
		goto no_pipe;
	if (pipe(outp) != 0) {
		close(in[0]);
		close(in[1]);
		goto no_pipe;
	}
	if (pipe(errp) != 0) {
		close(in[0]);
		close(in[1]);
		close(outp[0]);
		close(outp[1]);
		goto no_pipe;
	}
	/* A command that stops reading its input must not end us with SIGPIPE. */
	sigaction(SIGPIPE, &ignore, &old);
	if ((pid = fork()) == 0)
		child(command, in, outp, errp);
	close(in[0]);
	close(outp[1]);
	close(errp[1]);
	s.in = in[1];
	s.out = outp[0];
	s.err = errp[0];
	if (pid < 0) {
		close(s.in);
		close(s.out);
		close(s.err);
		sigaction(SIGPIPE, &old, NULL);
		goto no_pipe;
	}
	setpgid(pid, pid);
	set_nonblocking(s.in);
	set_nonblocking(s.out);
	set_nonblocking(s.err);
	if (!s.input_len) {
		close(s.in);
		s.in = -1;
	}
	buf_init(&s.output);
	buf_init(&s.errors);
	timed_out = pump(&s, now_ms() + (timeout_s > 0 ? timeout_s : 60) * 1000) != 0;
	if (timed_out || s.too_large)
		kill(-pid, SIGKILL);
	for (int fd, i = 0; i < 3; i++)
		if ((fd = i == 0 ? s.in : i == 1 ? s.out : s.err) >= 0)
			close(fd);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGPIPE, &old, NULL);
	if (timed_out) {
		out->error = xasprintf(
		    "the command did not finish within %ld seconds (fetch-timeout)", timeout_s);
	} else if (s.too_large) {
		out->error =
		    xasprintf("the command wrote more than %zu bytes (max-feed-size)", max_size);
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char *why = error_line(&s.errors);
		if (WIFEXITED(status))
			out->error = xasprintf("the command exited with status %d%s%s",
			                       WEXITSTATUS(status), *why ? ": " : "", why);
		else
			out->error = xasprintf("the command was killed by signal %d%s%s",
			                       WTERMSIG(status), *why ? ": " : "", why);
		free(why);
	}
	buf_free(&s.errors);
	if (out->error) {
		buf_free(&s.output);
		return -1;
	}
	out->output_len = s.output.len;
	out->output = s.output.data ? buf_steal(&s.output) : xstrdup("");
	return 0;

no_pipe:
	out->error = xasprintf("cannot run the command: %s", strerror(errno));
	return -1;
}
