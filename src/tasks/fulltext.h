/* Full text: an item's web page fetched, its article extracted (extract/) and stored as the
 * item's full text in the cache.
 *
 * fulltext_fetch_item() fetches one page and waits for it (at most the fetch-timeout setting),
 * for the commands. Without waiting: fulltext_queue_new() puts pages on a fetcher that an
 * event loop drives, the pages of a feed's new items during a refresh or one item's page for
 * the reader's `f` key. */
#ifndef TIDINGS_TASKS_FULLTEXT_H
#define TIDINGS_TASKS_FULLTEXT_H

#include "fetch/fetch.h"
#include "store/cache.h"

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

/* Fetches one page with the project's fetcher (settings' timeouts and size limit) and waits
 * for it. Returns 0 with *body (NUL-terminated) and *final_url (after redirects), or -1
 * with *err. Every string is malloc'd. */
int fulltext_fetch_page(const char *url, char **body, size_t *len, char **final_url, char **err);

/* Fetches the item's link, extracts the article and stores its HTML in items.fulltext.
 * Returns 0, or -1 with *err (no link, the fetch failed, no article on the page). */
int fulltext_fetch_item(struct cache *c, int64_t item_id, char **err);
/* Stores an extracted article as the item's full text, with what its page said of itself:
 * its canonical URL (on its own site) and its by-line (items.h's item_row page_url and
 * page_byline), which a save reads however long after the fetch. Returns 0 or -1. */
struct article;
int fulltext_store(struct cache *c, int64_t item_id, const struct article *a);

/* Full text during refresh: queues the pages of the feed's items that have a link, no full
 * text yet and were first seen at or after `since`, at most FULLTEXT_MAX_PER_FEED of them,
 * on fetcher f; each completion extracts the page and stores the article. The queue owns
 * what the requests need; free it (after the fetcher) with fulltext_queue_free. */
#define FULLTEXT_MAX_PER_FEED 50
struct fulltext_queue;
struct fulltext_queue *fulltext_queue_new(struct cache *c, struct fetcher *f);
/* A queue on a fetcher of its own (from the settings), for an event loop that polls
 * fulltext_queue_wait_fds() and calls fulltext_queue_step(); NULL when libcurl cannot start.
 * fulltext_queue_free frees the fetcher too. */
struct fulltext_queue *fulltext_queue_open(struct cache *c);
int fulltext_queue_wait_fds(struct fulltext_queue *q, struct pollfd *fds, int max, int *timeout_ms);
void fulltext_queue_step(struct fulltext_queue *q);
int fulltext_queue_feed(struct fulltext_queue *q, int64_t feed_id, int64_t since);
/* The reader's `f`: queues the page of one item (0, or -1 with *err when it has no link). */
int fulltext_queue_item(struct fulltext_queue *q, int64_t item_id, char **err);
/* Has done called as each queued page ends: err is NULL when the article was stored, else
 * the reason (valid during the call only). */
typedef void (*fulltext_done_fn)(int64_t item_id, const char *err, void *user);
void fulltext_queue_notify(struct fulltext_queue *q, fulltext_done_fn done, void *user);
/* Pages stored and pages that failed so far. */
void fulltext_queue_counts(const struct fulltext_queue *q, int *stored, int *failed);
void fulltext_queue_free(struct fulltext_queue *q);

#endif
