/* The fetch stage: HTTP(S) requests on libcurl's multi interface, all in one event loop with
 * no threads. Requests go into a queue; at most max_parallel run at once, at most max_per_host
 * against one host; each ends in exactly one call of its completion callback, from inside
 * fetcher_step() or fetcher_poll(). Nothing here prints.
 *
 * Driving it from another event loop (the reader):
 *
 *     struct pollfd fds[64];
 *     int timeout, n = fetcher_wait_fds(f, fds, 63, &timeout);
 *     fds[n] = (struct pollfd){.fd = 0, .events = POLLIN};  // the loop's own fds
 *     poll(fds, n + 1, timeout);
 *     fetcher_step(f);                                      // runs completions
 *
 * or, when the loop has nothing else to watch, fetcher_poll(f, timeout_ms). */
#ifndef TIDINGS_FETCH_FETCH_H
#define TIDINGS_FETCH_FETCH_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

/* Redirects followed for one request. */
#define FETCH_MAX_REDIRECTS 8

struct fetch_options {
	int max_parallel;       /* requests running at once */
	int max_per_host;       /* requests running at once against one host */
	long connect_timeout;   /* seconds */
	long total_timeout;     /* seconds for the whole request, redirects included */
	long low_speed_limit;   /* bytes per second ... */
	long low_speed_time;    /* ... below which for this many seconds the request is abandoned */
	size_t max_size;        /* largest body accepted, counted after decompression */
	const char *user_agent; /* NULL or "" sends tidings/VERSION */
	const char *ca_file;    /* PEM certificates trusted instead of the system's; NULL or "" */
};

/* The options from the settings in force (max-parallel, connect-timeout, ...). */
void fetch_options_from_settings(struct fetch_options *o);

/* Where a download's body goes instead of memory (fetch_request.sink): written to fd as it
 * arrives, undecoded, with no total timeout (the low-speed limit still applies). */
struct fetch_sink {
	int fd;           /* written from where it stands; truncated when a Range is not honoured */
	int64_t offset;   /* bytes the file already holds: asked for with "Range: bytes=offset-" */
	int64_t max_size; /* bytes the file may reach in all; 0 for no limit */
	/* Called as bytes arrive and about once a second: have = bytes in the file, total = the
	 * size the answer announces for the whole file (-1 when unknown). Returning nonzero
	 * ends the request with FETCH_ERR_ABORTED. NULL for none. */
	int (*progress)(void *user, int64_t have, int64_t total);
};

struct fetch_request {
	const char *url;
	const char *etag;              /* sent as If-None-Match, or NULL */
	const char *last_modified;     /* sent as If-Modified-Since, or NULL */
	int allow_file;                /* allow file:// (only for URLs the user wrote so) */
	const struct fetch_sink *sink; /* NULL: the body is kept in memory (copied when queued) */
};

/* Why a request failed, for callers that act on it. */
enum fetch_error {
	FETCH_OK = 0,
	FETCH_ERR_TRANSPORT, /* connection, TLS, protocol, timeout: see error */
	FETCH_ERR_TIMEOUT,   /* the total timeout or the low-speed limit ended it */
	FETCH_ERR_TOO_LARGE, /* the body passed max_size */
	FETCH_ERR_REDIRECTS, /* too many redirects, or one to a refused protocol */
	FETCH_ERR_HTTP,      /* the server answered with a status other than 2xx or 304 */
	FETCH_ERR_ABORTED,   /* a sink's progress callback asked to stop */
};

/* Everything the completion callback gets. Strings are owned by the fetcher and valid only
 * during the callback, except body, which the callback may take (then it sets body to NULL
 * and frees it later with free()). */
struct fetch_result {
	const char *url;       /* as requested */
	const char *final_url; /* after redirects */
	/* Set when every redirect on the way was permanent (301/308) and the final answer is a
	 * success or a 304: the URL the feed should be known by from now on. NULL otherwise. */
	const char *permanent_url;
	enum fetch_error error;
	const char *error_text; /* NULL on success; one line, may contain server text */
	int status;             /* HTTP status of the final answer; 0 when there was none */
	int not_modified;       /* 304 to a conditional request */
	int redirects;
	char *body; /* NUL-terminated (the NUL is not counted in body_len) */
	size_t body_len;
	const char *content_type; /* NULL when none */
	const char *charset;      /* from the Content-Type, or NULL */
	const char *etag;         /* validators of the answer, or NULL */
	const char *last_modified;
	int64_t retry_after; /* absolute time the server asked us to wait until, 0 for none */
	/* With a sink: bytes the file holds now, and the whole size the answer announced
	 * (-1 when it said none). body is NULL. */
	int64_t sink_have, sink_total;
};

typedef void (*fetch_done_fn)(struct fetch_result *res, void *user);

struct fetcher;

struct fetcher *fetcher_new(const struct fetch_options *opts);
/* Abandons every queued and running request without calling their callbacks. */
void fetcher_free(struct fetcher *f);
/* Queues a request; the request's strings are copied. Returns 0, or -1 when the URL cannot
 * be parsed (then done is never called). */
int fetcher_add(struct fetcher *f, const struct fetch_request *req, fetch_done_fn done, void *user);
/* Abandons the queued and running requests whose user pointer is user, without calling
 * their callbacks. Not from inside a callback. */
void fetcher_cancel(struct fetcher *f, const void *user);
/* Requests queued or running. */
int fetcher_pending(const struct fetcher *f);

/* Fills fds (at most max) with the sockets to wait for and *timeout_ms with the longest wait
 * before fetcher_step() must run anyway (-1: no request pending). Returns the number of fds. */
int fetcher_wait_fds(struct fetcher *f, struct pollfd *fds, int max, int *timeout_ms);
/* Moves every request along without blocking and runs the callbacks of those that ended.
 * Returns the number of requests still pending. */
int fetcher_step(struct fetcher *f);
/* Waits up to timeout_ms for network activity, then steps. Returns fetcher_pending(). */
int fetcher_poll(struct fetcher *f, int timeout_ms);
/* Runs until every request has ended. */
void fetcher_run(struct fetcher *f);

/* The charset parameter of a Content-Type value, malloc'd, or NULL. */
char *fetch_content_type_charset(const char *content_type);

#endif
