/* Housekeeping of the cache: deleting articles (the user's `delete`, and keep-articles-days),
 * and giving the file's free pages back (vacuum). A deleted article leaves a tombstone (its
 * feed and guid in the deleted table), so that a feed that still lists it does not bring it
 * back at the next refresh (store_merge_feed skips it). */
#ifndef TIDINGS_STORE_HOUSEKEEP_H
#define TIDINGS_STORE_HOUSEKEEP_H

#include "store/cache.h"

#include <stdint.h>

/* Deletes these articles (and their search index entries) in one transaction. Returns how
 * many were deleted, or -1. */
int store_items_delete(struct cache *c, const int64_t *ids, int count);
/* Deletes the articles older than `before` (their list date), never saved ones, and unread
 * ones only with expire_unread. Returns how many, or -1. */
int store_items_expire(struct cache *c, int64_t before, int expire_unread);
/* Rebuilds the file without its free pages (VACUUM). 0 or -1. */
int store_vacuum(struct cache *c);
/* The file's size in bytes and its free pages' bytes, for what vacuum reports. 0 or -1. */
int store_file_usage(struct cache *c, int64_t *bytes, int64_t *free_bytes);

#endif
