/* Inside the store: struct cache and the SQL-level helpers its files share. Only src/store/
 * and the store's unit tests include this; everything else goes through the functions of
 * store/cache.h, store/feeds.h, store/items.h and store/view.h. */
#ifndef TIDINGS_STORE_INTERNAL_H
#define TIDINGS_STORE_INTERNAL_H

#include "store/cache.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>

#define CACHE_KEPT_MAX 64

/* See cache_set_gate. */
struct cache_gate {
	pthread_mutex_t lock;
	int waiting; /* connections blocked on lock (atomic) */
};

struct cache {
	sqlite3 *db;
	char *path;
	uint64_t serial; /* which open this is, in the process: what a memo of it is kept by */
	int defer_index; /* store_defer_index(): new items queue for the search index */
	int batch;       /* inside cache_batch_begin() .. cache_batch_end() */
	struct cache_gate *gate; /* cache_set_gate() */
	int gate_held;
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} kept[CACHE_KEPT_MAX]; /* cache_kept() */
	int kept_count;
	char *failure; /* cache_last_failure() */
	int marker;    /* the open marker's descriptor (cache.c), or -1 */
};

/* Migrates an open database up to `version` (tests build old caches with this). */
int cache_migrate_to(sqlite3 *db, int version, char **err);
int cache_schema_version(sqlite3 *db);

/* Connections of one process to the same cache (one per thread) take turns writing through
 * a gate: a mutex each one holds for the whole of its write transactions (cache_begin ..
 * cache_commit or cache_rollback, and batches), so that they wait for one another on it
 * instead of in SQLite's busy handler, which polls with sleeps. NULL removes it. */
void cache_set_gate(struct cache *c, struct cache_gate *gate);
/* Runs SQL with no results; returns 0 or -1 (the message is in sqlite3_errmsg). */
int cache_exec(struct cache *c, const char *sql);
/* Prepares a statement; on failure logs the SQLite message and returns NULL. */
sqlite3_stmt *cache_prepare(struct cache *c, const char *sql);

/* A statement prepared once per connection and kept until cache_close, for the statements
 * run for every feed or item of a refresh (preparing costs more than running them). sql must
 * be a string literal: its address names the statement. The caller resets it after use
 * (sqlite3_reset), so that it holds no read transaction open. NULL on error, or when more
 * than CACHE_KEPT_MAX statements are kept. */
sqlite3_stmt *cache_kept(struct cache *c, const char *sql);

/* The one row reader: steps st to its end and finalizes it, reading each row with
 * read_row(st, row, user) into a growing array of size-byte elements, each zeroed first.
 * Sets *rows (NULL when there are none) and *count, and returns 0; on an error it returns
 * -1 with what was read in *rows and *count, for the caller's free function. A NULL st (a
 * failed prepare) is an error with nothing read. */
int cache_read_rows(sqlite3_stmt *st, size_t size,
                    void (*read_row)(sqlite3_stmt *st, void *row, void *user), void *user,
                    void **rows, int *count);

/* Text column helper: a malloc'd copy, or NULL for SQL NULL. */
char *cache_column_text(sqlite3_stmt *st, int col);
/* Binds a string, or NULL when s is NULL. */
int cache_bind_text(sqlite3_stmt *st, int idx, const char *s);

/* Why the last SQLite call on db failed, in words that name the cause (the disk is full, no
 * permission, an I/O error) with SQLite's and the system's messages. malloc'd. */
char *cache_error_cause(sqlite3 *db);

#endif
