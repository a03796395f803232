/* Item rows of the cache: merging a parsed feed in, and reading items out. */
#ifndef TIDINGS_STORE_ITEMS_H
#define TIDINGS_STORE_ITEMS_H

#include "config/feeds_file.h"
#include "parse/feed.h"
#include "store/cache.h"
#include "store/filter_sql.h"

#include <stdint.h>

struct merge_stats {
	int added;
	int updated;
	int dropped; /* removed by the max-items-per-feed cap (never saved ones) */
};

/* Stores a parsed feed in one BEGIN IMMEDIATE transaction: new items added, changed items
 * updated in place keeping their read and saved flags, items gone from the feed kept (up to
 * max_items per feed, 0 for no cap, never dropping saved items), the feed's title, link and
 * parse warning updated, and the search index kept in step. Returns 0 or -1. */
int store_merge_feed(struct cache *c, int64_t feed_id, const struct parsed_feed *feed,
                     int max_items, struct merge_stats *stats);

/* Deferred indexing, for merging many feeds in a row (a refresh): while on, store_merge_feed
 * stores items without indexing them for search and queues them instead (in the same
 * transaction, so the queue survives a crash); store_index_pending then indexes the whole
 * queue in a few large transactions, which costs a fraction of indexing feed by feed. Items
 * are not found by a search until then. */
void store_defer_index(struct cache *c, int on);
/* Indexes every queued item; returns how many, or -1 (what was indexed stays indexed, the
 * rest stays queued). */
int store_index_pending(struct cache *c);
/* Indexes up to limit queued items (the oldest) in one transaction; returns how many, or -1. */
int store_index_some(struct cache *c, int limit);
/* Merges the search index's segments, so that a search reads fewer of them: with pages > 0,
 * one step bounded to about that many pages of the index written (a refresh's end; an
 * unfinished merge goes on at the next step), with 0 all of them into one (tidings check,
 * which costs about a rewrite of the index). Returns 0 or -1. */
int store_index_merge(struct cache *c, int pages);
/* A refresh's step: at most about 250 pages of the index rewritten (12-18 ms of CPU on a
 * 100,000-article cache under load; 1,000 pages took 80-100 ms), small enough for the
 * reader's refresh, which ends on its main loop; an index written faster than that is
 * merged over the next refreshes (and FTS5 merges a level of 16 segments by itself).
 * Nothing to do when no level holds 4 segments, as after a first refresh. */
#define STORE_INDEX_MERGE_STEP 250

/* What a web page gave for an item: its article's HTML, its canonical URL (on its own site)
 * and its by-line; each NULL when the page gave none. */
struct item_page {
	const char *html;
	const char *canonical;
	const char *byline;
};
/* Stores an item's extracted full text with what its page said of itself (page NULL clears
 * them all) and indexes it for search at once. Returns 0 or -1. */
int store_item_set_fulltext(struct cache *c, int64_t id, const struct item_page *page);

/* Inside a write transaction (cache_begin): makes the item's search index entry again from
 * what the cache holds now. Returns 0 or -1. */
int store_index_item(struct cache *c, int64_t id);

struct item_row {
	int64_t id;
	int64_t feed_id;
	char *feed_title; /* the feed's title, or its URL when it has none */
	char *feed_url;
	char *guid;
	char *link;
	char *title;
	char *author;
	char *summary;
	char *content;
	char *fulltext;    /* extracted article HTML, or NULL */
	char *page_url;    /* its page's canonical URL (on its own site), or NULL */
	char *page_byline; /* its page's by-line, or NULL */
	char *categories;
	char *enclosures;
	int64_t published; /* TIME_UNKNOWN when unknown */
	int64_t updated;
	int64_t first_seen;
	int read;
	int saved;
};

void item_row_free(struct item_row *row);
/* Sets row->feed_title to the feed's display name (feed_display_name: the feeds file's
 * "~Custom title" in ff, else the feed's own title, else its URL), for whatever shows it. */
void item_row_name_feed(struct item_row *row, const struct feeds_file *ff);
/* The date an article is shown with: its publication date, else its update date (Atom
 * entries may have only <updated>); TIME_UNKNOWN when it has neither. */
int64_t item_row_date(const struct item_row *row);
void item_rows_free(struct item_row *rows, int count);

/* Marks from another reader onto the feed's stored items (matched by guid, feed->items[i].id),
 * in one transaction: read[i] and saved[i] set the flags, never clear them, so an item keeps
 * what was done to it here too. Returns 0 or -1 (nothing changed). */
int store_items_add_marks(struct cache *c, int64_t feed_id, const struct parsed_feed *feed,
                          const unsigned char *read, const unsigned char *saved);

/* The id of the oldest item whose link is url: > 0, 0 when there is none, -1 on error. */
int64_t store_item_find_link(struct cache *c, const char *url);
/* Calls fn for the feed's items (newest first, at most limit) that have a link, no full text
 * yet, and were first seen at or after since. Returns how many, or -1. */
typedef int (*store_item_link_fn)(int64_t id, const char *link, void *user);
int store_items_without_fulltext(struct cache *c, int64_t feed_id, int64_t since, int limit,
                                 store_item_link_fn fn, void *user);

/* Reads one item by id into row; returns 1 when found, 0 when not, -1 on error. */
int store_item_get(struct cache *c, int64_t id, struct item_row *row);

struct item_filter {
	int unread_only;
	int saved_only;
	int64_t feed_id;      /* 0 for every feed */
	const char *feed_url; /* NULL for every feed */
	int limit;            /* 0 for no limit */
	int offset;
	/* Also read summary, content and fulltext (left NULL otherwise: lists rarely need
	 * them, and they are most of the cache's bytes). */
	int with_body;
	/* A filter's condition (store/filter_sql.h), or NULL. */
	const struct filter_sql *where;
};

/* Items newest first (by publication date, else update date, else first sight), as *rows
 * (free with item_rows_free). Returns 0 or -1. */
int store_items_list(struct cache *c, const struct item_filter *filter, struct item_row **rows,
                     int *count);

/* How the categories and enclosures columns hold their lists: JSON, ["a", "b"] and
 * [{"url": "...", "type": "..." or null, "length": N or null}] (the first enclosure also has
 * "duration": seconds when the item's is known); NULL for an empty list. */
char *item_categories_json(const struct parsed_item *it);
char *item_enclosures_json(const struct parsed_item *it);

#endif
