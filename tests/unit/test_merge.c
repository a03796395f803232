/* store_merge_feed: adding, updating in place, keeping flags, the cap, the search index. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/text.h"
#include "core/util.h"
#include "store/cache.h"
#include "store/feeds.h"
#include "store/items.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_adds_then_keeps),
	    cmocka_unit_test(test_updates_in_place_keeping_flags),
	    cmocka_unit_test(test_items_gone_from_feed_stay),
	    cmocka_unit_test(test_cap_never_drops_saved_or_current),
	    cmocka_unit_test(test_unknown_dates_sort_by_first_seen),
	    cmocka_unit_test(test_failure_rolls_back),
	};
	text_init_locale();
	return cmocka_run_group_tests(tests, setup, teardown);
}
