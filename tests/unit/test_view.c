/* Windowed views of the cache for the reader: order, windows read from either end, positions,
 * unread navigation, write-through marks, search, and counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/util.h"
#include "store/cache.h"
#include "store/view.h"
#include "store/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[64];
static char *db_path;
static struct cache *cache;

/* Items 1..20: odd ids in feed 1, even in feed 2; item N has sort_time 1000 + N, except 7
 * and 8, which share one time (the id breaks the tie). Item 5's body has a unique word. */
static int setup(void **state)
{
	char *err = NULL;
	struct buf sql;

	strcpy(tmpdir, "/tmp/tidings-view-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	db_path = xasprintf("%s/cache.db", tmpdir);
	if (cache_open(db_path, &cache, &err) != 0)
		return -1;
	buf_init(&sql);
	buf_puts(&sql, "INSERT INTO feeds(id, url, title) VALUES (1, 'http://a', 'A'),"
	               " (2, 'http://b', NULL);");
	for (int i = 1; i <= 20; i++) {
		int t = i == 8 ? 1007 : 1000 + i;
		buf_printf(
		    &sql,
		    "INSERT INTO items(id, feed_id, guid, title, content, sort_time, first_seen)"
		    " VALUES (%d, %d, 'g%d', 'Title %d', '%s', %d, %d);"
		    "INSERT INTO items_fts(rowid, title, author, body) VALUES (%d, 'Title %d',"
		    " '', '%s');",
		    i, i % 2 ? 1 : 2, i, i, i == 5 ? "<p>a quokka smiles</p>" : "<p>text</p>", t, t,
		    i, i, i == 5 ? "<p>a quokka smiles</p>" : "<p>text</p>");
	}
	int rc = cache_exec(cache, sql.data);
	buf_free(&sql);
	return rc;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc;

	cache_close(cache);
	rc = system(cmd);
	free(cmd);
	free(db_path);
	return rc;
}

static const struct view_query all = {.kind = VIEW_ALL};

static void test_order_and_windows(void **state)
{
	struct view_row *rows;
	int total = view_count(cache, &all), n;

	assert_int_equal(total, 20);
	n = view_fetch(cache, &all, 0, 3, total, &rows);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].id, 20);
	assert_int_equal(rows[1].id, 19);
	assert_string_equal(rows[0].feed_title, "http://b"); /* no title: the URL */
	assert_string_equal(rows[1].feed_title, "A");
	view_rows_free(rows, n);
	/* Past the middle the rows are read from the other end, in the same order. */
	n = view_fetch(cache, &all, 11, 4, total, &rows);
	assert_int_equal(n, 4);
	assert_int_equal(rows[0].id, 9);
	assert_int_equal(rows[1].id, 8); /* 8 and 7 share a time: the higher id first */
	assert_int_equal(rows[2].id, 7);
	assert_int_equal(rows[3].id, 6);
	view_rows_free(rows, n);
	n = view_fetch(cache, &all, 18, 10, total, &rows);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, 2);
	assert_int_equal(rows[1].id, 1);
	view_rows_free(rows, n);
}

static void test_position_and_unread_navigation(void **state)
{
	assert_int_equal(view_position(cache, &all, 1020, 20), 0);
	assert_int_equal(view_position(cache, &all, 1007, 8), 12);
	assert_int_equal(view_position(cache, &all, 1007, 7), 13);
	assert_int_equal(view_set_read(cache, 19, 1), 0);
	assert_int_equal(view_set_read(cache, 18, 1), 0);
	/* From 20, the next unread skips the read 19 and 18. */
	assert_int_equal(view_find_unread(cache, &all, 1020, 20, 1), 3);
	assert_int_equal(view_find_unread(cache, &all, 1017, 17, -1), 0);
	assert_int_equal(view_find_unread(cache, &all, 1001, 1, 1), -1);
	assert_int_equal(view_set_read(cache, 19, 0), 0);
	assert_int_equal(view_set_read(cache, 18, 0), 0);
}

static void test_filters_and_counts(void **state)
{
	int64_t feed1 = 1, both[] = {1, 2};
	struct view_query one = {.kind = VIEW_FEED, .feed_ids = &feed1, .feed_count = 1};
	struct view_query unread = {.kind = VIEW_UNREAD};
	struct view_query saved = {.kind = VIEW_SAVED};

	assert_int_equal(view_count(cache, &one), 10);
	assert_int_equal(view_set_read(cache, 3, 1), 0);
	assert_int_equal(view_count(cache, &unread), 19);
	one.unread_only = 1;
	assert_int_equal(view_count(cache, &one), 9);
	assert_int_equal(view_unread_count(cache, &feed1, 1), 9);
	assert_int_equal(view_unread_count(cache, both, 2), 19);
	assert_int_equal(view_unread_count(cache, NULL, 0), 19);
	assert_int_equal(view_set_saved(cache, 4, 1), 0);
	assert_int_equal(view_count(cache, &saved), 1);
	assert_int_equal(view_set_saved(cache, 4, 0), 0);
	assert_int_equal(view_set_read(cache, 3, 0), 0);
}

static void test_marks_write_through(void **state)
{
	char *err = NULL;
	int64_t feed2 = 2;
	struct view_query two = {.kind = VIEW_FEED, .feed_ids = &feed2, .feed_count = 1};
	struct view_query unread = {.kind = VIEW_UNREAD};

	assert_int_equal(view_mark_all_read(cache, &two), 10);
	assert_int_equal(view_mark_all_read(cache, &two), 0);
	/* Another connection sees it at once: nothing waits for the reader to quit. */
	{
		struct cache *other;
		assert_int_equal(cache_open(db_path, &other, &err), 0);
		assert_int_equal(view_count(other, &unread), 10);
		cache_close(other);
	}
	assert_int_equal(cache_exec(cache, "UPDATE items SET read = 0"), 0);
}

/* The ids A marks (and U takes back) are exactly the view's unread ones. */
static void test_unread_ids_and_undo(void **state)
{
	int64_t feed2 = 2, *ids = NULL, *none = NULL;
	struct view_query two = {.kind = VIEW_FEED, .feed_ids = &feed2, .feed_count = 1};
	struct view_query unread = {.kind = VIEW_UNREAD};
	int before = view_count(cache, &unread), n;

	(void)state;
	n = view_unread_ids(cache, &two, &ids);
	assert_int_equal(n, 10);
	assert_int_equal(view_set_read_many(cache, ids, n, 1), 0);
	assert_int_equal(view_count(cache, &unread), before - 10);
	assert_int_equal(view_unread_ids(cache, &two, &none), 0);
	free(none);
	/* Undo: exactly those ids unread again. */
	assert_int_equal(view_set_read_many(cache, ids, n, 0), 0);
	assert_int_equal(view_count(cache, &unread), before);
	free(ids);
}

static void test_search(void **state)
{
	struct view_query q = {.kind = VIEW_SEARCH, .search = "quokka"};
	struct view_row *rows;
	int n;

	assert_int_equal(view_count(cache, &q), 1);
	n = view_fetch(cache, &q, 0, 10, 1, &rows);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, 5);
	view_rows_free(rows, n);
	q.search = "QUOKKA smiles";
	assert_int_equal(view_count(cache, &q), 1);
	q.unread_only = 1;
	assert_int_equal(view_count(cache, &q), 1);
	/* FTS5 syntax in the words is only text: no error, no match. */
	q.search = "quokka\" OR \"text";
	q.unread_only = 0;
	assert_int_equal(view_count(cache, &q), 0);
	q.search = "NEAR( * ^title:";
	assert_int_equal(view_count(cache, &q), 0);
	q.search = "   ";
	assert_int_equal(view_count(cache, &q), 0);
}

/* A search with many matches walks the list instead of sorting the matches: same rows. */
static void test_search_plans_agree(void **state)
{
	struct view_query q = {.kind = VIEW_SEARCH, .search = "text"};
	struct view_row *few, *many;
	int total = view_count(cache, &q), n1, n2;

	assert_int_equal(total, 19);
	q.search_hits = 0;
	n1 = view_fetch(cache, &q, 2, 15, total, &few);
	q.search_hits = 1000000;
	n2 = view_fetch(cache, &q, 2, 15, total, &many);
	assert_int_equal(n1, 15);
	assert_int_equal(n2, 15);
	for (int i = 0; i < n1; i++)
		assert_int_equal(few[i].id, many[i].id);
	assert_int_equal(few[0].id, 18);
	view_rows_free(few, n1);
	view_rows_free(many, n2);
}

static void test_fts_query_quoting(void **state)
{
	char *s = view_fts_query("a\"b  c");

	assert_string_equal(s, "\"a\"\"b\" \"c\"");
	free(s);
	assert_null(view_fts_query(" \t "));
	assert_null(view_fts_query(NULL));
}

/* The counts the reader shows come from feed_counts, which triggers keep in step with every
 * insert, mark and delete, whoever makes them. */
static int sql_int(const char *sql)
{
	sqlite3_stmt *st = cache_prepare(cache, sql);
	int v = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void assert_counts_match(void)
{
	assert_int_equal(sql_int("SELECT count(*) FROM (SELECT feed_id, count(*) t,"
	                         " sum(read = 0) u FROM items GROUP BY feed_id) x"
	                         " LEFT JOIN feed_counts c USING (feed_id)"
	                         " WHERE c.total IS NOT x.t OR c.unread IS NOT x.u"),
	                 0);
	assert_int_equal(sql_int("SELECT count(*) FROM feed_counts c WHERE c.total <>"
	                         " (SELECT count(*) FROM items i WHERE i.feed_id = c.feed_id)"),
	                 0);
}

static void test_counts_follow_changes(void **state)
{
	int64_t feed1 = 1;
	struct view_query one = {.kind = VIEW_FEED, .feed_ids = &feed1, .feed_count = 1};

	assert_counts_match();
	assert_int_equal(cache_exec(cache,
	                            "INSERT INTO feeds(id, url) VALUES (3, 'http://c');"
	                            "INSERT INTO items(id, feed_id, guid, sort_time, first_seen,"
	                            " read) VALUES (21, 3, 'x', 1, 1, 1), (22, 3, 'y', 2, 2, 0);"
	                            "UPDATE items SET read = 1 WHERE id IN (1, 3, 5);"
	                            "UPDATE items SET read = 1 WHERE id = 1;"
	                            "UPDATE items SET feed_id = 3 WHERE id = 7;"
	                            "DELETE FROM items WHERE id IN (9, 22);"),
	                 0);
	assert_counts_match();
	assert_int_equal(view_count(cache, &one), 8);
	one.unread_only = 1;
	assert_int_equal(view_count(cache, &one), 5); /* 11, 13, 15, 17, 19 */
	assert_int_equal(
	    cache_exec(cache, "PRAGMA foreign_keys = ON; DELETE FROM feeds WHERE id = 3;"), 0);
	assert_counts_match();
	assert_int_equal(sql_int("SELECT count(*) FROM feed_counts WHERE feed_id = 3"), 0);
	/* Back to the fixture's state for the tests that follow. */
	assert_int_equal(cache_exec(cache, "UPDATE items SET read = 0"), 0);
}

static void test_feeds(void **state)
{
	struct view_feed *feeds;
	int n;

	assert_int_equal(view_feeds(cache, &feeds, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(feeds[0].url, "http://a");
	assert_null(feeds[1].title);
	view_feeds_free(feeds, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_order_and_windows),
	    cmocka_unit_test(test_position_and_unread_navigation),
	    cmocka_unit_test(test_filters_and_counts),
	    cmocka_unit_test(test_marks_write_through),
	    cmocka_unit_test(test_unread_ids_and_undo),
	    cmocka_unit_test(test_search),
	    cmocka_unit_test(test_search_plans_agree),
	    cmocka_unit_test(test_fts_query_quoting),
	    cmocka_unit_test(test_feeds),
	    cmocka_unit_test(test_counts_follow_changes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
