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
/* Deletes the feed, its items and their search index entries in one transaction. */
int store_feed_delete(struct cache *c, const char *url);
void feed_row_free(struct feed_row *row);
void feed_rows_free(struct feed_row *rows, int count);

#endif
