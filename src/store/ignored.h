/* What the rules file's ignore-article dropped: for each feed, the articles left out at its
 * last refresh (a refresh of the feed replaces them), for `tidings list --ignored`. */
#ifndef TIDINGS_STORE_IGNORED_H
#define TIDINGS_STORE_IGNORED_H

#include "store/cache.h"

#include <stdint.h>

struct ignored_item {
	const char *guid, *title, *link;
	int64_t published; /* TIME_UNKNOWN when unknown */
	int rule;          /* the line of the rules file that dropped it */
};

/* Replaces the feed's dropped articles with these (count may be 0), in one transaction (or
 * the open batch). Returns 0 or -1. */
int store_ignored_set(struct cache *c, int64_t feed_id, const struct ignored_item *items, int count,
                      int64_t at);

struct ignored_row {
	char *feed_url, *feed_title;
	char *guid, *title, *link;
	int64_t published, at;
	int rule;
};

/* Every feed's dropped articles, by feed, then newest first. Returns 0 or -1. */
int store_ignored_list(struct cache *c, struct ignored_row **rows, int *count);
void ignored_rows_free(struct ignored_row *rows, int count);

#endif
