/* The background indexer: while a refresh stores feed after feed, a thread of its own indexes
 * the items they queue for search (store_index_pending), on a second connection to the same
 * cache, so that the machine's second core builds the search index while the first one
 * fetches, parses and stores. The two connections take turns writing through the cache's gate
 * (cache_set_gate). */
#ifndef TIDINGS_STORE_INDEXER_H
#define TIDINGS_STORE_INDEXER_H

#include "store/cache.h"

struct indexer;

/* Starts the thread for cache c, and gives c the gate. Returns NULL when no thread could be
 * started: the queue then waits for store_index_pending(). */
struct indexer *indexer_start(struct cache *c);
/* Tells the thread that `queued` more items are queued (after a commit); it wakes when
 * enough are. NULL is ignored. */
void indexer_poke(struct indexer *ix, int queued);
/* Lets the thread index the whole queue, waits for it to end, and takes the gate away from
 * c. NULL is ignored. */
void indexer_stop(struct indexer *ix);

#endif
