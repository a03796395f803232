/* The small blocking HTTP client of the sync back ends: one request at a time with libcurl's
 * easy interface, every one bounded in time (connect-timeout, fetch-timeout, low-speed-*) and
 * size (max-feed-size), with the settings' user agent and CA file. A sync runs in the
 * command line or in a background job of the reader, never in the reader's loop. */
#ifndef TIDINGS_SYNC_HTTP_H
#define TIDINGS_SYNC_HTTP_H

#include <stddef.h>

struct http_client;

struct http_response {
	long status; /* 0 when no answer came */
	char *body;  /* NUL-terminated, never NULL after a request */
	size_t len;
	char *error; /* transport failure (no answer, timeout, too large), or NULL */
};

struct http_client *http_client_new(void);
void http_client_free(struct http_client *h);
/* Requests made since http_client_new (for `tidings sync`'s summary and the benchmark). */
int http_client_requests(const struct http_client *h);

/* GET (form NULL) or POST of an application/x-www-form-urlencoded form. headers: NULL or a
 * NULL-terminated list of "Name: value". Returns 0 when an answer came (any status), -1 with
 * res->error set when none did. Free res with http_response_free. */
int http_request(struct http_client *h, const char *url, const char *const *headers,
                 const char *form, struct http_response *res);
void http_response_free(struct http_response *res);

/* Appends name=value to a form (value percent-encoded), with '&' between pairs. */
struct buf;
void http_form_add(struct http_client *h, struct buf *form, const char *name, const char *value);
/* value percent-encoded, malloc'd */
char *http_escape(struct http_client *h, const char *value);

#endif
