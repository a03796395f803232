/* Windowed reads of the cache for the reader: a view is a filter over items in list order
 * (newest first: sort_time DESC, id DESC, served by the indexes of schema.c). The reader asks
 * only for the rows it shows, so the cost of a screen does not grow with the cache. Every
 * change (read, saved) is written through at once. */
#ifndef TIDINGS_STORE_VIEW_H
#define TIDINGS_STORE_VIEW_H

#include "store/cache.h"
#include "store/filter_sql.h"
#include "store/items.h"

#include <stdint.h>

enum view_kind {
	VIEW_ALL,
	VIEW_UNREAD,
	VIEW_SAVED,
	VIEW_FEED,   /* one feed: feed_ids[0] */
	VIEW_TAG,    /* the feeds of a tag: feed_ids */
	VIEW_SEARCH, /* full-text search over the whole cache */
};

struct view_query {
	enum view_kind kind;
	const int64_t *feed_ids;
	int feed_count;
	const char *search; /* the user's words, for VIEW_SEARCH (store/search.h) */
	/* For tag:NAME in a search: the URLs of the feeds of a tag, as a malloc'd array ending
	 * with NULL (the strings stay the caller's), or NULL for none. NULL: tag: finds
	 * nothing. */
	const char **(*tag_urls)(const void *ctx, const char *tag);
	const void *tag_ctx;
	int unread_only; /* the reader's filter, on top of the view */
	/* A filter's condition on top of the view (a query view, the F filter, ignore-mode
	 * display), or NULL; see store/filter_sql.h. */
	const struct filter_sql *where;
	/* VIEW_SEARCH: how many articles match (from view_count), so that reads can pick their
	 * plan: few matches are looked up one by one, many are met walking the list in order. */
	int search_hits;
};

/* One line of the article list: only what the list shows. */
struct view_row {
	int64_t id;
	int64_t feed_id;
	int64_t sort_time;
	char *title;
	char *feed_title;
	int read;
	int saved;
};

void view_rows_free(struct view_row *rows, int count);

/* Rows of the view in list order from position `offset`, at most `limit`. Positions past the
 * middle are read from the other end, so that no read walks more than half the view.
 * `total` is the view's row count (from view_count), used for that choice. Returns the number
 * of rows stored in *rows, or -1. */
int view_fetch(struct cache *c, const struct view_query *q, int offset, int limit, int total,
               struct view_row **rows);
/* Number of rows in the view, or -1. */
int view_count(struct cache *c, const struct view_query *q);
/* Number of rows in the view counted no further than cap: cap + 1 means "more than cap".
 * Costs what cap rows cost, however many match (a common word's count reads its whole list
 * in the index). -1 on error. */
int view_count_upto(struct cache *c, const struct view_query *q, int cap);
/* What the reader counts a search's matches up to at first ("1/1000+"); more than
 * SEARCH_WALK_HITS (view.c), so that a search past it walks the list in time order. */
#define VIEW_COUNT_CAP 1000
/* Position of the row with this (sort_time, id) key in the view: the number of rows before
 * it. Used to keep the selection on the same article when new ones arrive. */
int view_position(struct cache *c, const struct view_query *q, int64_t sort_time, int64_t id);
/* Unread items of one feed, of a set of feeds (feed_count > 0), or of all (feed_count 0),
 * or -1. */
int view_unread_count(struct cache *c, const int64_t *feed_ids, int feed_count);

/* The next (dir 1) or previous (dir -1) unread row after position `from` in the view;
 * returns its position, or -1 when there is none. */
int view_find_unread(struct cache *c, const struct view_query *q, int64_t sort_time, int64_t id,
                     int dir);

int view_set_read(struct cache *c, int64_t id, int read);
int view_set_saved(struct cache *c, int64_t id, int saved);
/* The ids of the view's unread items (malloc'd into *ids); returns their count or -1. */
int view_unread_ids(struct cache *c, const struct view_query *q, int64_t **ids);
/* Sets the read flag of these items, in one transaction. Returns 0 or -1. */
int view_set_read_many(struct cache *c, const int64_t *ids, int count, int read);
/* Marks every item of the view read, in one transaction. Returns the rows changed or -1. */
int view_mark_all_read(struct cache *c, const struct view_query *q);

/* Feeds as the feed column lists them, without counting anything. */
struct view_feed {
	int64_t id;
	char *url;
	char *title; /* NULL when the feed has none */
	char *last_error;
	int64_t error_time;
	char *parse_warning; /* the last answer was read only in part, and why; or NULL */
};
int view_feeds(struct cache *c, struct view_feed **feeds, int *count);
void view_feeds_free(struct view_feed *feeds, int count);

/* Turns the user's words into an FTS5 query that matches rows containing every word (each
 * as a quoted string, so no FTS5 syntax can be injected; see store/search.h for prefixes and
 * phrases). NULL when there are no words. */
char *view_fts_query(const char *words);

/* A VIEW_SEARCH ranked as `tidings search` prints it: by relevance (bm25; a word in the title
 * counts most, then the author and the feed's name, then the text) weighed by age (a month
 * old halves it), or newest first when the words match too many articles to rank (more than
 * SEARCH_RANK_MAX) or there are only filters. Up to limit ids into *ids (malloc'd); returns
 * how many, or -1. */
#define SEARCH_RANK_MAX 5000
int view_search_ranked(struct cache *c, const struct view_query *q, int limit, int64_t **ids);

#endif
