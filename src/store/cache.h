/* The cache: one SQLite database (WAL, busy timeout, foreign keys) shared safely by the
 * reader and a `tidings refresh` run from cron. Writes that belong together go through
 * cache_begin()/cache_commit() (BEGIN IMMEDIATE), so a kill at any point leaves it whole. */
#ifndef TIDINGS_STORE_CACHE_H
#define TIDINGS_STORE_CACHE_H

#include <stdint.h>

#define CACHE_SCHEMA_VERSION 12
/* The first version of the search index as it is now: a cache migrated past it is reindexed. */
#define CACHE_INDEX_VERSION 7
/* "TIDG": tells our database from any other SQLite file. */
#define CACHE_APPLICATION_ID 0x54494447

/* Opaque: only src/store/ sees inside (store/internal.h). */
struct cache;

/* Opens (creating when missing) the cache at path and migrates it to the current schema.
 * A file that is not SQLite, is corrupt, belongs to another program, or comes from a newer
 * tidings is refused with *err set, and left untouched. Returns 0 or -1. */
int cache_open(const char *path, struct cache **out, char **err);
/* cache_open with flags. The integrity check that reads the whole file (PRAGMA quick_check)
 * runs only when the cache was left open by a process that died (an open marker, PATH-open,
 * is held while it is open, see cache.c), and on cache_check. CACHE_OPEN_NO_SCAN skips it
 * even then: the reader starts in the time of one screen, and a corrupt page shows as an
 * error when it is read. */
enum { CACHE_OPEN_NO_SCAN = 1 };
int cache_open_flags(const char *path, int flags, struct cache **out, char **err);
void cache_close(struct cache *c);
/* The cause of the last failed write through c (store_merge_feed ...), or NULL. malloc'd. */
char *cache_last_failure(struct cache *c);
/* Remembers the cause of the SQLite error just met, for cache_last_failure(). */
void cache_note_failure(struct cache *c);
/* The file the cache was opened from (a task on another thread opens its own connection). */
const char *cache_path(const struct cache *c);
/* Reads the whole file through (PRAGMA quick_check); 0, or -1 with *err. */
int cache_check(struct cache *c, char **err);
/* SQLite's message for the connection's last failure, for an error a caller reports. */
const char *cache_errmsg(struct cache *c);

int cache_begin(struct cache *c);
int cache_commit(struct cache *c);
void cache_rollback(struct cache *c);

/* A batch: one transaction holding many cache_begin() .. cache_commit() units, each one a
 * savepoint that a failure rolls back alone; cache_batch_end() commits them together.
 * Writing feed after feed, one commit each would write the same index pages to the WAL again
 * and again; a batch writes them once. Keep batches short: the reader cannot write (mark
 * an article read) until the batch ends. Returns 0 or -1; when the final commit fails, the
 * whole batch is rolled back. */
int cache_batch_begin(struct cache *c);
/* cache_batch_begin, unless another connection holds the gate (cache_set_gate) or waits
 * for it: then it returns 1 at once. */
int cache_batch_try(struct cache *c);
int cache_batch_end(struct cache *c);

#endif
