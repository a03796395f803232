/* From a command-line argument to what it names: one feed (its id, URL or title) or one
 * article (its id). Every command that takes a feed or an article resolves it here. */
#ifndef TIDINGS_CLI_RESOLVE_H
#define TIDINGS_CLI_RESOLVE_H

#include "store/cache.h"

#include <stdint.h>

/* A feed id, a feed URL, or a title from the cache that names one feed. Prints why not and
 * returns -1 when it names none or several. */
int resolve_feed_id(struct cache *c, const char *name, int64_t *feed_id);
/* An article id (a positive number). Returns -1, printing nothing, when name is not one. */
int resolve_item_id(const char *name, int64_t *item_id);

#endif
