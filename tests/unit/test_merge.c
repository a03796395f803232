/* store_merge_feed: adding, updating in place, keeping flags, the cap, the search index;
 * deferred indexing, batches, the gate and the background indexer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/text.h"
#include "core/util.h"
#include "store/cache.h"
#include "store/feeds.h"
#include "store/indexer.h"
#include "store/items.h"
#include "store/internal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmpdir[64];
static struct cache *cache;
static int64_t feed_id;

static int setup(void **state)
{
	char *path, *err = NULL;
	strcpy(tmpdir, "/tmp/tidings-merge-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	path = xasprintf("%s/cache.db", tmpdir);
	if (cache_open(path, &cache, &err) != 0)
		return -1;
	free(path);
	feed_id = store_feed_ensure(cache, "http://example.com/feed");
	return feed_id > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	char *path = xasprintf("%s/cache.db", tmpdir);
	cache_close(cache);
	unlink(path);
	free(path);
	path = xasprintf("%s/cache.db-wal", tmpdir);
	unlink(path);
	free(path);
	path = xasprintf("%s/cache.db-shm", tmpdir);
	unlink(path);
	free(path);
	rmdir(tmpdir);
	return 0;
}

static int64_t query_int(const char *sql)
{
	sqlite3_stmt *st = cache_prepare(cache, sql);
	int64_t v = -1;
	assert_non_null(st);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static char *query_text(const char *sql)
{
	sqlite3_stmt *st = cache_prepare(cache, sql);
	char *v = NULL;
	assert_non_null(st);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = cache_column_text(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A feed of n items "g<start>".."g<start+n-1>", published at their number. */
static struct parsed_feed *make_feed(int start, int n, const char *title_prefix)
{
	struct parsed_feed *f = xcalloc(1, sizeof(*f));
	f->format = "rss";
	f->title = xstrdup("Feed");
	f->link = xstrdup("http://example.com/");
	f->updated = TIME_UNKNOWN;
	f->items = xcalloc((size_t)n, sizeof(*f->items));
	f->item_count = n;
	for (int i = 0; i < n; i++) {
		struct parsed_item *it = &f->items[i];
		it->id = xasprintf("g%d", start + i);
		it->title = xasprintf("%s %d", title_prefix, start + i);
		it->content =
		    xasprintf("<p>body of item %d with word zebra%d</p>", start + i, start + i);
		it->published = 1000000 + start + i;
		it->updated = TIME_UNKNOWN;
		it->categories = xcalloc(1, sizeof(char *));
		it->categories[0] = xstrdup("cat");
		it->category_count = 1;
	}
	return f;
}

static void test_adds_then_keeps(void **state)
{
	struct parsed_feed *f = make_feed(1, 3, "Title");
	struct merge_stats st;

	assert_int_equal(store_merge_feed(cache, feed_id, f, 0, &st), 0);
	assert_int_equal(st.added, 3);
	assert_int_equal(st.updated, 0);
	assert_int_equal(query_int("SELECT count(*) FROM items"), 3);
	assert_int_equal(query_int("SELECT sort_time FROM items WHERE guid='g2'"), 1000002);
	char *cats = query_text("SELECT categories FROM items WHERE guid='g1'");
	assert_string_equal(cats, "[\"cat\"]");
	free(cats);
	char *title = query_text("SELECT title FROM feeds WHERE id = 1");
	assert_string_equal(title, "Feed");
	free(title);

	/* the same feed again: nothing changes */
	assert_int_equal(store_merge_feed(cache, feed_id, f, 0, &st), 0);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.updated, 0);
	parsed_feed_free(f);
}

static void test_updates_in_place_keeping_flags(void **state)
{
	struct parsed_feed *f = make_feed(1, 3, "Changed");
	struct merge_stats st;
	int64_t id_before = query_int("SELECT id FROM items WHERE guid='g1'");

	assert_int_equal(cache_exec(cache, "UPDATE items SET read = 1, saved = 1 WHERE guid='g1'"),
	                 0);
	assert_int_equal(store_merge_feed(cache, feed_id, f, 0, &st), 0);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.updated, 3);
	assert_int_equal(query_int("SELECT id FROM items WHERE guid='g1'"), id_before);
	assert_int_equal(query_int("SELECT read + saved FROM items WHERE guid='g1'"), 2);
	char *t = query_text("SELECT title FROM items WHERE guid='g1'");
	assert_string_equal(t, "Changed 1");
	free(t);
	/* the index follows: the new title is found, the old one is gone */
	assert_int_equal(
	    query_int("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'changed'"), 3);
	assert_int_equal(query_int("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'title'"),
	                 0);
	assert_int_equal(query_int("SELECT rowid FROM items_fts WHERE items_fts MATCH 'zebra1'"),
	                 id_before);
	/* the body is indexed as plain text, not markup */
	assert_int_equal(query_int("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'p'"), 0);
	parsed_feed_free(f);
}

static void test_items_gone_from_feed_stay(void **state)
{
	struct parsed_feed *f = make_feed(4, 2, "Changed");
	struct merge_stats st;

	assert_int_equal(store_merge_feed(cache, feed_id, f, 0, &st), 0);
	assert_int_equal(st.added, 2);
	assert_int_equal(query_int("SELECT count(*) FROM items"), 5);
	parsed_feed_free(f);
}

static void test_cap_never_drops_saved_or_current(void **state)
{
	struct parsed_feed *f = make_feed(6, 1, "Changed");
	struct merge_stats st;

	/* 6 items now; cap 2 keeps the newest two (g6, g5), saved g1 and nothing else */
	assert_int_equal(store_merge_feed(cache, feed_id, f, 2, &st), 0);
	assert_int_equal(st.added, 1);
	assert_int_equal(st.dropped, 3);
	assert_int_equal(query_int("SELECT count(*) FROM items"), 3);
	assert_int_equal(query_int("SELECT count(*) FROM items WHERE guid IN ('g1','g5','g6')"), 3);
	assert_int_equal(query_int("SELECT count(*) FROM items_fts"), 3);
	parsed_feed_free(f);

	/* a feed with more items than the cap keeps them all */
	f = make_feed(10, 4, "Many");
	assert_int_equal(store_merge_feed(cache, feed_id, f, 2, &st), 0);
	assert_int_equal(query_int("SELECT count(*) FROM items WHERE guid IN "
	                           "('g10','g11','g12','g13')"),
	                 4);
	parsed_feed_free(f);
}

static void test_unknown_dates_sort_by_first_seen(void **state)
{
	struct parsed_feed *f = make_feed(20, 1, "Undated");
	f->items[0].published = TIME_UNKNOWN;
	f->items[0].updated = 5000;
	f->warning = xstrdup("partial");
	assert_int_equal(store_merge_feed(cache, feed_id, f, 0, NULL), 0);
	assert_int_equal(query_int("SELECT sort_time FROM items WHERE guid='g20'"), 5000);
	assert_int_equal(query_int("SELECT published IS NULL FROM items WHERE guid='g20'"), 1);
	char *w = query_text("SELECT parse_warning FROM feeds WHERE id = 1");
	assert_string_equal(w, "partial");
	free(w);
	parsed_feed_free(f);

	f = make_feed(21, 1, "Undated");
	f->items[0].published = TIME_UNKNOWN;
	assert_int_equal(store_merge_feed(cache, feed_id, f, 0, NULL), 0);
	assert_int_equal(query_int("SELECT sort_time = first_seen FROM items WHERE guid='g21'"), 1);
	assert_int_equal(query_int("SELECT parse_warning IS NULL FROM feeds WHERE id = 1"), 1);
	parsed_feed_free(f);
}

static void test_failure_rolls_back(void **state)
{
	struct parsed_feed *f = make_feed(30, 2, "Rollback");
	sqlite3 *other;
	char *path = xasprintf("%s/cache.db", tmpdir);
	int64_t before = query_int("SELECT count(*) FROM items");

	/* another connection holds the write lock: the merge fails as a whole */
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	sqlite3_busy_timeout(cache->db, 50);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_merge_feed(cache, feed_id, f, 0, NULL), -1);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	assert_int_equal(query_int("SELECT count(*) FROM items"), before);
	sqlite3_busy_timeout(cache->db, 10000);
	free(path);
	parsed_feed_free(f);
}

static int64_t matches(const char *word)
{
	char *sql = xasprintf("SELECT count(*) FROM items_fts WHERE items_fts MATCH '%s'", word);
	int64_t n = query_int(sql);
	free(sql);
	return n;
}

/* Deferred: items are stored and queued, found by a search only once the queue is indexed. */
static void test_deferred_index_catches_up(void **state)
{
	struct parsed_feed *f = make_feed(40, 3, "Deferred");
	struct merge_stats st;

	store_defer_index(cache, 1);
	assert_int_equal(store_merge_feed(cache, feed_id, f, 0, &st), 0);
	assert_int_equal(st.added, 3);
	assert_int_equal(query_int("SELECT count(*) FROM fts_pending"), 3);
	assert_int_equal(matches("zebra41"), 0);
	assert_int_equal(matches("deferred"), 0);

	/* a change while queued: still queued once, and indexed with its new text */
	free(f->items[1].content);
	f->items[1].content = xstrdup("<p>now about a giraffe41</p>");
	assert_int_equal(store_merge_feed(cache, feed_id, f, 0, &st), 0);
	assert_int_equal(st.updated, 1);
	assert_int_equal(query_int("SELECT count(*) FROM fts_pending"), 3);

	store_defer_index(cache, 0);
	assert_int_equal(store_index_pending(cache), 3);
	assert_int_equal(query_int("SELECT count(*) FROM fts_pending"), 0);
	assert_int_equal(matches("deferred"), 3);
	assert_int_equal(matches("giraffe41"), 1);
	assert_int_equal(matches("zebra41"), 0);
	assert_int_equal(matches("zebra42"), 1);
	assert_int_equal(query_int("SELECT rowid FROM items_fts WHERE items_fts MATCH 'zebra40'"),
	                 query_int("SELECT id FROM items WHERE guid = 'g40'"));
	/* nothing left: indexing again does nothing */
	assert_int_equal(store_index_pending(cache), 0);

	/* an indexed item changed in deferred mode loses its old entry at once */
	free(f->items[0].content);
	f->items[0].content = xstrdup("<p>an okapi40 now</p>");
	store_defer_index(cache, 1);
	assert_int_equal(store_merge_feed(cache, feed_id, f, 0, &st), 0);
	assert_int_equal(matches("zebra40"), 0);
	assert_int_equal(matches("okapi40"), 0);
	assert_int_equal(query_int("SELECT count(*) FROM fts_pending"), 1);
	store_defer_index(cache, 0);

	/* a queued item changed by a merge that indexes at once leaves the queue: one entry */
	free(f->items[0].content);
	f->items[0].content = xstrdup("<p>a tapir40 now</p>");
	assert_int_equal(store_merge_feed(cache, feed_id, f, 0, &st), 0);
	assert_int_equal(query_int("SELECT count(*) FROM fts_pending"), 0);
	assert_int_equal(matches("tapir40"), 1);
	assert_int_equal(store_index_pending(cache), 0);
	assert_int_equal(query_int("SELECT count(*) FROM items_fts WHERE rowid ="
	                           " (SELECT id FROM items WHERE guid = 'g40')"),
	                 1);
	parsed_feed_free(f);
}

/* A queued item that is deleted (by the cap, or with its feed) leaves the queue with it. */
static void test_deleted_items_leave_the_queue(void **state)
{
	int64_t other = store_feed_ensure(cache, "http://example.com/other");
	struct parsed_feed *f = make_feed(50, 4, "Queued");

	store_defer_index(cache, 1);
	assert_int_equal(store_merge_feed(cache, other, f, 0, NULL), 0);
	assert_int_equal(query_int("SELECT count(*) FROM fts_pending"), 4);
	parsed_feed_free(f);
	f = make_feed(60, 1, "Queued");
	assert_int_equal(store_merge_feed(cache, other, f, 2, NULL), 0); /* drops three */
	assert_int_equal(query_int("SELECT count(*) FROM items WHERE feed_id = 2"), 2);
	assert_int_equal(query_int("SELECT count(*) FROM fts_pending"), 2);
	assert_int_equal(store_feed_delete(cache, "http://example.com/other"), 0);
	assert_int_equal(query_int("SELECT count(*) FROM fts_pending"), 0);
	store_defer_index(cache, 0);
	assert_int_equal(store_index_pending(cache), 0);
	assert_int_equal(matches("queued"), 0);
	parsed_feed_free(f);
}

/* In a batch, each merge is its own unit: one that fails is undone alone, the others are
 * committed together at the end. */
static void test_batch_rolls_back_one_feed_alone(void **state)
{
	struct parsed_feed *good = make_feed(70, 2, "Batched");
	struct parsed_feed *bad = make_feed(80, 2, "Refused");
	struct parsed_feed *more = make_feed(90, 2, "Batched");
	sqlite3 *other;
	char *path = xasprintf("%s/cache.db", tmpdir);

	/* the middle merge names a feed that does not exist: the foreign key refuses it */
	assert_int_equal(cache_batch_begin(cache), 0);
	assert_int_equal(store_merge_feed(cache, feed_id, good, 0, NULL), 0);
	assert_int_equal(store_merge_feed(cache, 9999, bad, 0, NULL), -1);
	assert_int_equal(store_merge_feed(cache, feed_id, more, 0, NULL), 0);
	/* nothing is visible to another connection before the batch ends */
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(other,
	                                    "SELECT count(*) FROM items WHERE title LIKE "
	                                    "'Batched%'",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_reset(st);
	assert_int_equal(cache_batch_end(cache), 0);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 4);
	sqlite3_finalize(st);
	sqlite3_close(other);
	assert_int_equal(query_int("SELECT count(*) FROM items WHERE title LIKE 'Refused%'"), 0);
	assert_int_equal(matches("batched"), 4);
	/* ending no batch is harmless, and plain transactions work again */
	assert_int_equal(cache_batch_end(cache), 0);
	assert_int_equal(cache_begin(cache), 0);
	assert_int_equal(cache_commit(cache), 0);
	free(path);
	parsed_feed_free(good);
	parsed_feed_free(bad);
	parsed_feed_free(more);
}

/* The child process stores a feed the way a refresh does and is killed (SIGKILL) at a given
 * point: "uncommitted" inside its batch, "unindexed" after the batch's commit but before the
 * indexing. */
static void crash_child(const char *path, const char *when)
{
	struct cache *c;
	char *err = NULL;
	struct parsed_feed *f = make_feed(100, 5, "Crash");

	if (cache_open(path, &c, &err) != 0)
		_exit(2);
	store_defer_index(c, 1);
	if (cache_batch_begin(c) != 0 || store_merge_feed(c, 1, f, 0, NULL) != 0)
		_exit(3);
	if (strcmp(when, "uncommitted") != 0 && cache_batch_end(c) != 0)
		_exit(4);
	raise(SIGKILL);
	_exit(5);
}

static int64_t db_int(struct cache *c, const char *sql)
{
	sqlite3_stmt *st = cache_prepare(c, sql);
	int64_t v = -1;
	assert_non_null(st);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void test_killed_refresh_leaves_a_consistent_cache(void **state)
{
	char *path = xasprintf("%s/crash.db", tmpdir), *err = NULL;
	const char *points[] = {"uncommitted", "unindexed"};
	struct cache *c;
	int status;

	assert_int_equal(cache_open(path, &c, &err), 0);
	assert_int_equal(store_feed_ensure(c, "http://example.com/crash"), 1);
	cache_close(c);
	for (int i = 0; i < 2; i++) {
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0)
			crash_child(path, points[i]);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
		assert_int_equal(cache_open(path, &c, &err), 0);
		if (i == 0) { /* nothing of the batch is left, queue included */
			assert_int_equal(db_int(c, "SELECT count(*) FROM items"), 0);
			assert_int_equal(db_int(c, "SELECT count(*) FROM fts_pending"), 0);
		} else { /* the items are there, queued; the next refresh indexes them */
			assert_int_equal(db_int(c, "SELECT count(*) FROM items"), 5);
			assert_int_equal(db_int(c, "SELECT count(*) FROM fts_pending"), 5);
			assert_int_equal(db_int(c, "SELECT count(*) FROM items_fts"), 0);
			assert_int_equal(store_index_pending(c), 5);
			assert_int_equal(db_int(c, "SELECT count(*) FROM items_fts WHERE items_fts"
			                           " MATCH 'crash'"),
			                 5);
		}
		assert_int_equal(db_int(c, "SELECT count(*) FROM feed_counts WHERE total !="
		                           " (SELECT count(*) FROM items WHERE feed_id = 1)"),
		                 0);
		cache_close(c);
	}
	for (int i = 0; i < 3; i++) {
		char *p = xasprintf("%s%s", path, (const char *[]){"", "-wal", "-shm"}[i]);
		unlink(p);
		free(p);
	}
	free(path);
}

/* The gate is held exactly from the start of a write transaction (or batch) to its end. */
static void test_gate_spans_write_transactions(void **state)
{
	struct cache_gate g = {PTHREAD_MUTEX_INITIALIZER, 0};
	pthread_mutex_t *gate = &g.lock;

	cache_set_gate(cache, &g);
	assert_int_equal(cache_begin(cache), 0);
	assert_int_equal(pthread_mutex_trylock(gate), EBUSY);
	assert_int_equal(cache_commit(cache), 0);
	assert_int_equal(pthread_mutex_trylock(gate), 0);
	pthread_mutex_unlock(gate);

	assert_int_equal(cache_begin(cache), 0);
	cache_rollback(cache);
	assert_int_equal(pthread_mutex_trylock(gate), 0);
	pthread_mutex_unlock(gate);

	/* a batch holds it throughout, its units do not take it again */
	assert_int_equal(cache_batch_begin(cache), 0);
	assert_int_equal(cache_begin(cache), 0);
	assert_int_equal(cache_commit(cache), 0);
	assert_int_equal(cache_begin(cache), 0);
	cache_rollback(cache);
	assert_int_equal(pthread_mutex_trylock(gate), EBUSY);
	assert_int_equal(cache_batch_end(cache), 0);
	assert_int_equal(pthread_mutex_trylock(gate), 0);
	pthread_mutex_unlock(gate);

	/* trying a batch while another connection holds the gate gives up at once */
	pthread_mutex_lock(gate);
	assert_int_equal(cache_batch_try(cache), 1);
	assert_int_equal(cache->batch, 0);
	pthread_mutex_unlock(gate);
	assert_int_equal(cache_batch_try(cache), 0);
	assert_int_equal(cache->batch, 1);
	assert_int_equal(pthread_mutex_trylock(gate), EBUSY);
	assert_int_equal(cache_batch_try(cache), 0); /* already in one */
	assert_int_equal(cache_batch_end(cache), 0);
	assert_int_equal(pthread_mutex_trylock(gate), 0);
	pthread_mutex_unlock(gate);

	/* nor does it take the gate while another connection waits for it */
	__atomic_store_n(&g.waiting, 1, __ATOMIC_SEQ_CST);
	assert_int_equal(cache_batch_try(cache), 1);
	assert_int_equal(pthread_mutex_trylock(gate), 0);
	pthread_mutex_unlock(gate);
	__atomic_store_n(&g.waiting, 0, __ATOMIC_SEQ_CST);

	/* removing the gate while holding it lets it go */
	assert_int_equal(cache_begin(cache), 0);
	cache_set_gate(cache, NULL);
	assert_int_equal(pthread_mutex_trylock(gate), 0);
	pthread_mutex_unlock(gate);
	assert_int_equal(cache_commit(cache), 0);
	pthread_mutex_destroy(gate);
}

/* The background indexer indexes what batches queue while they go on, and everything by the
 * time it stops; the cache is left without a gate. */
static void test_indexer_indexes_while_merging(void **state)
{
	struct indexer *ix;
	int64_t before = query_int("SELECT count(*) FROM items_fts");

	store_defer_index(cache, 1);
	ix = indexer_start(cache);
	assert_non_null(ix);
	assert_non_null(cache->gate);
	for (int b = 0; b < 10; b++) {
		assert_int_equal(cache_batch_begin(cache), 0);
		for (int i = 0; i < 5; i++) {
			struct parsed_feed *f =
			    make_feed(1000 + 100 * (b * 5 + i), 100, "Threaded");
			assert_int_equal(store_merge_feed(cache, feed_id, f, 0, NULL), 0);
			parsed_feed_free(f);
		}
		assert_int_equal(cache_batch_end(cache), 0);
		indexer_poke(ix, 500); /* it wakes at the 8th */
	}
	indexer_stop(ix);
	store_defer_index(cache, 0);
	assert_null(cache->gate);
	assert_int_equal(query_int("SELECT count(*) FROM fts_pending"), 0);
	assert_int_equal(query_int("SELECT count(*) FROM items_fts") - before, 5000);
	assert_int_equal(matches("threaded"), 5000);
	assert_int_equal(matches("zebra5549"), 1);
	/* stopping no indexer is harmless */
	indexer_stop(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_adds_then_keeps),
	    cmocka_unit_test(test_updates_in_place_keeping_flags),
	    cmocka_unit_test(test_items_gone_from_feed_stay),
	    cmocka_unit_test(test_cap_never_drops_saved_or_current),
	    cmocka_unit_test(test_unknown_dates_sort_by_first_seen),
	    cmocka_unit_test(test_failure_rolls_back),
	    cmocka_unit_test(test_deferred_index_catches_up),
	    cmocka_unit_test(test_deleted_items_leave_the_queue),
	    cmocka_unit_test(test_batch_rolls_back_one_feed_alone),
	    cmocka_unit_test(test_killed_refresh_leaves_a_consistent_cache),
	    cmocka_unit_test(test_gate_spans_write_transactions),
	    cmocka_unit_test(test_indexer_indexes_while_merging),
	};
	text_init_locale();
	return cmocka_run_group_tests(tests, setup, teardown);
}
