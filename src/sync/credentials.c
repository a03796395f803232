#include "sync/credentials.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PASSWORD_MAX 4096

static char *first_line(const char *text, size_t len)
{
	size_t n = 0;
	while (n < len && text[n] != '\n' && text[n] != '\r' && text[n] != '\0')
		n++;
	return xstrndup(text, n);
}

/* The command split at white space (no quoting, no expansion: no shell). */
static char **split_words(const char *command)
{
	char *copy = xstrdup(command), *save = NULL;
	char **argv = xcalloc(strlen(command) / 2 + 2, sizeof(char *));
	int n = 0;

	for (char *tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save))
		argv[n++] = xstrdup(tok);
	free(copy);
	return argv;
}

static void words_free(char **argv)
{
	for (int i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* Reads the child's output until it closes it, PASSWORD_MAX bytes, or the time is up. */
static int read_output(int fd, struct buf *out, int *timed_out)
{
	time_t deadline = time(NULL) + PASSWORD_COMMAND_TIMEOUT;
	char chunk[512];

	for (;;) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int left = (int)(deadline - time(NULL));
		ssize_t n;

		if (left <= 0) {
			*timed_out = 1;
			return -1;
		}
		if (poll(&p, 1, left * 1000) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0 ? 0 : -1;
		if (out->len + (size_t)n > PASSWORD_MAX)
			return 0;
		buf_append(out, chunk, (size_t)n);
	}
}

static int from_command(const char *command, char **password, char **err)
{
	char **argv = split_words(command);
	int fds[2], status = 0, timed_out = 0;
	struct buf out;
	pid_t pid;

	if (!argv[0] || pipe2(fds, O_CLOEXEC) != 0) {
		*err = xasprintf("password-command \"%s\" cannot be run", command);
		words_free(argv);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	buf_init(&out);
	if (pid > 0) {
		read_output(fds[0], &out, &timed_out);
		if (timed_out)
			kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	close(fds[0]);
	if (pid < 0 || timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (timed_out)
			*err = xasprintf("password-command %s gave no password in %d seconds",
			                 argv[0], PASSWORD_COMMAND_TIMEOUT);
		else if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 127)
			*err = xasprintf("password-command: %s cannot be run", argv[0]);
		else
			*err = xasprintf("password-command %s failed (exit status %d)", argv[0],
			                 pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		buf_free(&out);
		words_free(argv);
		return -1;
	}
	*password = first_line(out.data ? out.data : "", out.len);
	buf_free(&out);
	if (!**password) {
		*err = xasprintf("password-command %s printed no password", argv[0]);
		free(*password);
		*password = NULL;
		words_free(argv);
		return -1;
	}
	words_free(argv);
	return 0;
}

static int from_file(const char *path, char **password, char **err)
{
	struct stat st;
	char *text;
	size_t len;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), rc;

	if (fd < 0) {
		*err = xasprintf("password-file %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*err = xasprintf("password-file %s is not a regular file", path);
		close(fd);
		return -1;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		*err = xasprintf("password-file %s is open to other users (mode %04o): make it "
		                 "private with chmod 600 %s",
		                 path, (unsigned)(st.st_mode & 07777), path);
		close(fd);
		return -1;
	}
	rc = read_fd(fd, PASSWORD_MAX, &text, &len);
	close(fd);
	if (rc != 0) {
		*err = xasprintf("password-file %s: %s", path, strerror(rc < 0 ? -rc : EIO));
		return -1;
	}
	*password = first_line(text, len);
	free(text);
	if (!**password) {
		*err = xasprintf("password-file %s holds no password", path);
		free(*password);
		*password = NULL;
		return -1;
	}
	return 0;
}

int sync_password(const char *command, const char *file, char **password, char **err)
{
	*password = NULL;
	if (command && *command && file && *file) {
		*err = xstrdup("[sync] has both password-command and password-file: keep one");
		return -1;
	}
	if (command && *command)
		return from_command(command, password, err);
	if (file && *file)
		return from_file(file, password, err);
	*err = xstrdup("[sync] needs password-command or password-file (a password is never "
	               "written in the config file)");
	return -1;
}
