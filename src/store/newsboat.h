/* newsboat's cache.db, read-only, for moving over from newsboat: one feed's articles as the
 * parser would have made them, with what its reader did to each (read, flagged). */
#ifndef TIDINGS_STORE_NEWSBOAT_H
#define TIDINGS_STORE_NEWSBOAT_H

#include "parse/feed.h"

struct newsboat_cache;

struct newsboat_feed {
	struct parsed_feed *feed;
	unsigned char *read, *flagged; /* per item */
};

/* Opens path read-only. NULL when it does not exist (*err NULL), or is not newsboat's
 * (*err malloc'd, saying why). */
struct newsboat_cache *newsboat_cache_open(const char *path, char **err);
void newsboat_cache_close(struct newsboat_cache *nb);
/* Reads the feed with this URL (its title, link and items; items with neither guid nor link
 * are left out, as a refresh could not match them). Flagged articles are to be saved;
 * deleted ones read. Returns 0, or -1 with *err. */
int newsboat_feed_read(struct newsboat_cache *nb, const char *url, struct newsboat_feed *out,
                       char **err);
void newsboat_feed_free(struct newsboat_feed *nf);

#endif
