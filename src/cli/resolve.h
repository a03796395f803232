/* From a command-line argument to what it names: one feed or one article. Every command that
 * takes a feed or an article resolves it here, so that they all accept the same names. */
#ifndef TIDINGS_CLI_RESOLVE_H
#define TIDINGS_CLI_RESOLVE_H

#include "config/feeds_file.h"
#include "store/cache.h"

#include <stdint.h>

/* A feed, named by its id in the cache, its URL, or its display name (feed_display_name:
 * the feeds file's "~Custom title", else the feed's own title) when only one feed has it.
 * Subscriptions (ff's lines) are looked at, and, unless subscribed_only, the cache's other
 * feeds too (saved pages, articles kept from removed feeds). Sets *feed_id (0 when the
 * cache has no row for it yet) and *url (ff's string; NULL for a feed that is not
 * subscribed). Prints why not and returns -1 when name names none or several. */
int resolve_feed(struct cache *c, const struct feeds_file *ff, const char *name,
                 int subscribed_only, int64_t *feed_id, const char **url);
/* The same for a caller that wants the feed's articles: fails, saying so, when the cache has
 * none of it yet. */
int resolve_feed_id(struct cache *c, const struct feeds_file *ff, const char *name,
                    int64_t *feed_id);
/* An article id (a positive number). Returns -1, printing nothing, when name is not one. */
int resolve_item_id(const char *name, int64_t *item_id);

#endif
