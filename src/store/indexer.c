#include "store/indexer.h"
#include "core/log.h"
#include "core/util.h"
#include "store/items.h"

#include <stdlib.h>

/* Items per transaction of the thread: enough for the index to grow in large segments, few
 * enough that the refresh never waits long at the gate. */
#define INDEXER_CHUNK 1000

struct indexer {
	struct cache *owner; /* the connection it was started for */
	struct cache *own;   /* the thread's connection */
	pthread_t thread;
	pthread_mutex_t gate;
	pthread_mutex_t lock; /* guards poked and stopping */
	pthread_cond_t wake;
	int poked, stopping;
};

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
		pthread_mutex_unlock(&ix->lock);
		while (store_index_some(ix->own, INDEXER_CHUNK) > 0)
			;
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
	pthread_mutex_init(&ix->gate, NULL);
	pthread_mutex_init(&ix->lock, NULL);
	pthread_cond_init(&ix->wake, NULL);
	ix->poked = 1; /* what an earlier refresh left, first */
	cache_set_gate(c, &ix->gate);
	cache_set_gate(ix->own, &ix->gate);
	if (pthread_create(&ix->thread, NULL, index_in_background, ix) != 0) {
		cache_set_gate(c, NULL);
		cache_close(ix->own);
		pthread_mutex_destroy(&ix->gate);
		pthread_mutex_destroy(&ix->lock);
		pthread_cond_destroy(&ix->wake);
		free(ix);
		return NULL;
	}
	return ix;
}

static void signal_thread(struct indexer *ix, int stop)
{
	pthread_mutex_lock(&ix->lock);
	ix->poked = 1;
	if (stop)
		ix->stopping = 1;
	pthread_cond_signal(&ix->wake);
	pthread_mutex_unlock(&ix->lock);
}

void indexer_poke(struct indexer *ix)
{
	if (ix)
		signal_thread(ix, 0);
}

void indexer_stop(struct indexer *ix)
{
	if (!ix)
		return;
	signal_thread(ix, 1);
	pthread_join(ix->thread, NULL);
	cache_close(ix->own);
	cache_set_gate(ix->owner, NULL);
	pthread_mutex_destroy(&ix->gate);
	pthread_mutex_destroy(&ix->lock);
	pthread_cond_destroy(&ix->wake);
	free(ix);
}
