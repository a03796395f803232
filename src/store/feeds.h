/* Feed rows of the cache. */
#ifndef TIDINGS_STORE_FEEDS_H
#define TIDINGS_STORE_FEEDS_H

#include "store/cache.h"

#include <stdint.h>

struct feed_row {
	int64_t id;
	char *url;
	char *title;
	char *site_link;
	char *etag;
	char *last_modified;
	char *last_error;
	char *parse_warning;
	char *body_hash;      /* store_feed_fetch_state only: the last stored body's digest */
	int64_t last_fetch;   /* 0 when never fetched */
	int64_t last_success; /* 0 when never fetched */
	int64_t error_time;
	int64_t retry_after; /* no fetch before this time; 0 for none */
	int last_status;     /* HTTP status of the last fetch, 0 when none */
	int gone;            /* the server answered 410 */
	int unread;
	int total;
};

/* The id of the feed with this URL, inserting a row when there is none. -1 on error. */
int64_t store_feed_ensure(struct cache *c, const char *url);
/* Fills row for url; returns 1 when found, 0 when not, -1 on error. */
int store_feed_get(struct cache *c, const char *url, struct feed_row *row);
/* All feeds with their unread and total counts, by URL. */
int store_feed_list(struct cache *c, struct feed_row **rows, int *count);
/* Deletes the feed, its items and their search index entries in one transaction, except its
 * saved articles: they move to a feed of their own ("tidings:removed:URL", with the feed's
 * title), so that removing a feed never loses what was saved from it. */
int store_feed_delete(struct cache *c, const char *url);
void feed_row_free(struct feed_row *row);

/* What a refresh needs before fetching url: the row's id, validators, gone and retry_after
 * (not the counts, which cost a scan of the items). Inserts the row when there is none.
 * Returns 0, or -1 on error. */
int store_feed_fetch_state(struct cache *c, const char *url, struct feed_row *row);

/* What a fetch leaves on the feed's row. Each is one statement (its own transaction). */
/* A full answer was stored: the validators are replaced by the answer's (NULL clears them),
 * so is the body's digest (NULL when unknown), and the error, the gone mark and any
 * Retry-After are cleared. */
int store_feed_set_fetched(struct cache *c, int64_t id, int64_t when, int status, const char *etag,
                           const char *last_modified, const char *body_hash);
/* A full answer whose body is the one stored last time (same digest): as set_fetched, but
 * the items and the digest stay as they are. */
int store_feed_set_same_body(struct cache *c, int64_t id, int64_t when, int status,
                             const char *etag, const char *last_modified);
/* 304: only the fetch times change (and a validator the answer repeated or renewed). */
int store_feed_set_not_modified(struct cache *c, int64_t id, int64_t when, const char *etag,
                                const char *last_modified);
/* A failed fetch: the error, its time and status; retry_after (0 for none) delays the next
 * fetch. The feed's items are not touched. */
int store_feed_set_error(struct cache *c, int64_t id, int64_t when, int status, const char *error,
                         int64_t retry_after);
/* 410: the feed is gone and is no longer fetched. */
int store_feed_set_gone(struct cache *c, int64_t id, int64_t when, const char *error);
/* A permanent redirect: the feed is known by new_url from now on, with its items. Returns 0,
 * 1 when a feed with new_url already exists (nothing changed), -1 on error. */
int store_feed_set_url(struct cache *c, const char *old_url, const char *new_url);
void feed_rows_free(struct feed_row *rows, int count);

#endif
