/* Marking articles read, unread, saved or unsaved, from the command line. (The reader marks
 * through view_set_read/view_set_saved.) Every path ends in an UPDATE of items, where the
 * triggers of schema.c record the change in the sync outbox in the same transaction. */
#ifndef TIDINGS_STORE_MARKS_H
#define TIDINGS_STORE_MARKS_H

#include "store/cache.h"

#include <stdint.h>

enum mark_flag { MARK_READ, MARK_SAVED };

/* Sets flag to value on every item of ids, in one transaction: all of them or, when one id
 * is not in the cache, none (*missing gets its index). Returns the number of items changed,
 * -1 on error, -2 for a missing id. */
int store_mark_items(struct cache *c, const int64_t *ids, int count, enum mark_flag flag, int value,
                     int *missing);
/* Sets flag to value on every item of a feed. Returns the number changed, or -1. */
int store_mark_feed(struct cache *c, int64_t feed_id, enum mark_flag flag, int value);

#endif
