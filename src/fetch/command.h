/* Feeds made by the user's own programs, as newsboat runs them: an `exec:COMMAND` line of the
 * feeds file takes the feed from the command's output, `filter:COMMAND:URL` passes the body
 * fetched from URL through it. The command runs with /bin/sh -c (these are lines the user
 * wrote in their own feeds file; nothing fetched, imported or synced ever makes one), in a
 * process group of its own that is killed when it outlives the fetch timeout or its output
 * passes the feed size limit. */
#ifndef TIDINGS_FETCH_COMMAND_H
#define TIDINGS_FETCH_COMMAND_H

#include <stddef.h>

enum feed_kind { FEED_URL, FEED_EXEC, FEED_FILTER };

/* What a feeds file line names: for exec: the command; for filter: the command and the URL
 * (split at the last ':' before the URL's scheme). Returns FEED_URL for anything else, and
 * for a filter: line without a URL. *command and *url are malloc'd (NULL when not set). */
enum feed_kind feed_kind_of(const char *line_url, char **command, char **url);

/* Whether the line names an exec: or filter: feed. */
int feed_is_command(const char *line_url);

struct command_result {
	char *output; /* standard output, NUL-terminated, or NULL on failure */
	size_t output_len;
	char *error; /* why it failed (with the command's standard error), or NULL */
};

/* Runs command with /bin/sh -c, input (may be NULL) on its standard input. Fails when it
 * runs longer than timeout_s seconds, writes more than max_size bytes, exits with another
 * status than 0 or is killed. Returns 0 or -1; fill out either way (free with
 * command_result_free). */
int command_run(const char *command, const char *input, size_t input_len, long timeout_s,
                size_t max_size, struct command_result *out);
void command_result_free(struct command_result *r);

/* The same without blocking, for an event loop (a refresh): command_start runs it (NULL with
 * *err when it cannot), command_fds gives the fds to poll and lowers *timeout_ms (-1: none)
 * to its deadline, command_step moves it along (1 while it runs, 0 once it has ended, killed
 * or not), and command_finish fills out as command_run does (killing it first when it still
 * runs) and frees the job. */
struct command_job;
struct pollfd;
struct command_job *command_start(const char *command, const char *input, size_t input_len,
                                  long timeout_s, size_t max_size, char **err);
int command_fds(const struct command_job *j, struct pollfd *fds, int max, int *timeout_ms);
int command_step(struct command_job *j);
void command_finish(struct command_job *j, struct command_result *out);

#endif
