#include "store/indexer.h"
#include "core/log.h"
#include "core/util.h"
#include "store/items.h"
#include "store/internal.h"

#include <stdlib.h>

#ifndef SQLITE_DEFAULT_WAL_AUTOCHECKPOINT
#define SQLITE_DEFAULT_WAL_AUTOCHECKPOINT 1000
#endif

/* Items per transaction of the thread: enough for the index to grow in large segments, few
 * enough that the refresh never waits long at the gate. The thread waits until that many
 * are queued. */
#define INDEXER_CHUNK 4000

struct indexer {
	struct cache *owner; /* the connection it was started for */
	struct cache *own;   /* the thread's connection */
	pthread_t thread;
	struct cache_gate gate;
	pthread_mutex_t lock; /* guards queued, poked and stopping */
	pthread_cond_t wake;
	int queued; /* items queued since the thread last woke */
	int poked, stopping;
};

/* Checkpoints (copying the WAL into the database, with its fsyncs) are the thread's too:
 * both connections leave them out of their commits while it runs, and it checkpoints
 * between its transactions, outside the gate (a passive checkpoint lets writers go on). */
static void no_auto_checkpoint(struct cache *c)
{
	sqlite3_wal_autocheckpoint(c->db, 0);
}

static void checkpoint(struct cache *c)
{
	sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

/* FTS5 keeps the words of the rows inserted in a buffer and writes them out as a segment of
 * the index when the buffer passes its 'hashsize' (1 MiB by default) or at a commit. The
 * thread indexes thousands of items per transaction: with 1 MiB, each chunk became many small
 * segments, its common words allocated, written and later merged again for each one. With
 * 8 MiB, fewer and larger (the web corpus: 8-9% fewer instructions and less CPU time for the
 * whole refresh, 7 MB more at its peak). FTS5 keeps the option in the index's own table, so a cache
 * made before gets it at its first refresh; other writers add a few items at a time and never fill
 * it. */
#define INDEX_BUFFER_BYTES (8 << 20)

static void size_index_buffer(struct cache *c)
{
	sqlite3_stmt *st = cache_prepare(c, "SELECT v FROM items_fts_config WHERE k = 'hashsize'");
	int have = 0;

	if (!st)
		return;
	if (sqlite3_step(st) == SQLITE_ROW)
		have = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (have == INDEX_BUFFER_BYTES || cache_begin(c) != 0)
		return;
	st = cache_prepare(c, "INSERT INTO items_fts(items_fts, rank) VALUES ('hashsize', ?1)");
	if (st) {
		sqlite3_bind_int(st, 1, INDEX_BUFFER_BYTES);
		if (sqlite3_step(st) == SQLITE_DONE) {
			sqlite3_finalize(st);
			if (cache_commit(c) == 0)
				return;
			st = NULL;
		}
	}
	sqlite3_finalize(st);
	cache_rollback(c); /* the default stays: slower, nothing else */
}

static void *index_in_background(void *arg)
{
	struct indexer *ix = arg;

	for (;;) {
		int stopping;

		pthread_mutex_lock(&ix->lock);
		while (!ix->poked && !ix->stopping)
			pthread_cond_wait(&ix->wake, &ix->lock);
		stopping = ix->stopping;
		ix->poked = 0;
		ix->queued = 0;
		pthread_mutex_unlock(&ix->lock);
		/* whole chunks while the refresh goes on, everything once it ends */
		for (;;) {
			int n = store_index_some(ix->own, INDEXER_CHUNK);
			if (n > 0)
				checkpoint(ix->own);
			if (n <= 0 || (n < INDEXER_CHUNK && !stopping))
				break;
		}
		if (stopping)
			return NULL;
	}
}

struct indexer *indexer_start(struct cache *c)
{
	struct indexer *ix = xcalloc(1, sizeof(*ix));
	char *err = NULL;

	if (cache_open_flags(c->path, CACHE_OPEN_NO_SCAN, &ix->own, &err) != 0) {
		log_error("search indexer: %s", err);
		free(err);
		free(ix);
		return NULL;
	}
	ix->owner = c;
	pthread_mutex_init(&ix->gate.lock, NULL);
	pthread_mutex_init(&ix->lock, NULL);
	pthread_cond_init(&ix->wake, NULL);
	ix->poked = 1; /* what an earlier refresh left, first */
	cache_set_gate(c, &ix->gate);
	cache_set_gate(ix->own, &ix->gate);
	no_auto_checkpoint(c);
	no_auto_checkpoint(ix->own);
	size_index_buffer(ix->own);
	if (pthread_create(&ix->thread, NULL, index_in_background, ix) != 0) {
		cache_set_gate(c, NULL);
		sqlite3_wal_autocheckpoint(c->db, SQLITE_DEFAULT_WAL_AUTOCHECKPOINT);
		cache_close(ix->own);
		pthread_mutex_destroy(&ix->gate.lock);
		pthread_mutex_destroy(&ix->lock);
		pthread_cond_destroy(&ix->wake);
		free(ix);
		return NULL;
	}
	return ix;
}

void indexer_poke(struct indexer *ix, int queued)
{
	if (!ix)
		return;
	pthread_mutex_lock(&ix->lock);
	ix->queued += queued;
	if (ix->queued >= INDEXER_CHUNK) {
		ix->poked = 1;
		pthread_cond_signal(&ix->wake);
	}
	pthread_mutex_unlock(&ix->lock);
}

void indexer_stop(struct indexer *ix)
{
	if (!ix)
		return;
	pthread_mutex_lock(&ix->lock);
	ix->stopping = 1;
	pthread_cond_signal(&ix->wake);
	pthread_mutex_unlock(&ix->lock);
	pthread_join(ix->thread, NULL);
	cache_close(ix->own);
	cache_set_gate(ix->owner, NULL);
	sqlite3_wal_autocheckpoint(ix->owner->db, SQLITE_DEFAULT_WAL_AUTOCHECKPOINT);
	pthread_mutex_destroy(&ix->gate.lock);
	pthread_mutex_destroy(&ix->lock);
	pthread_cond_destroy(&ix->wake);
	free(ix);
}
