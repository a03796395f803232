/* Reading items out of the cache: one by id, and lists in order with their filters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/util.h"
#include "store/cache.h"
#include "store/items.h"
#include "store/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

/* Two feeds; items 1-4 in feed 1 and 5 in feed 2. sort_time orders them 5, 3, 2, 4, 1 (2 and
 * 4 share a time: the higher id comes first). */
static int setup(void **state)
{
	struct cache *c;
	char *path, *err = NULL;

	strcpy(dir, "/tmp/tidings-items-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	path = xasprintf("%s/cache.db", dir);
	if (cache_open(path, &c, &err) != 0)
		return -1;
	free(path);
	if (cache_exec(c,
	               "INSERT INTO feeds(id, url, title) VALUES"
	               " (1, 'https://one.example/feed', 'One'),"
	               " (2, 'https://two.example/feed', NULL);"
	               "INSERT INTO items(id, feed_id, guid, link, title, author, published,"
	               " summary, content, fulltext, read, saved, first_seen, sort_time) VALUES"
	               " (1, 1, 'a', 'https://one.example/a', 'A', 'Ann', 100, 's', 'c', NULL,"
	               "  1, 0, 1, 100),"
	               " (2, 1, 'b', NULL, 'B', NULL, NULL, NULL, '<p>b</p>', 'full', 0, 1, 1,"
	               "  300),"
	               " (3, 1, 'c', NULL, 'C', NULL, 400, NULL, NULL, NULL, 0, 0, 1, 400),"
	               " (4, 1, 'd', NULL, 'D', NULL, 300, NULL, NULL, NULL, 1, 1, 1, 300),"
	               " (5, 2, 'e', NULL, 'E', NULL, 500, NULL, NULL, NULL, 0, 0, 1, 500);") != 0)
		return -1;
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc;

	cache_close(*state);
	rc = system(cmd);
	free(cmd);
	return rc;
}

static void assert_ids(struct cache *c, const struct item_filter *f, const char *want)
{
	struct item_row *rows;
	struct buf got;
	int n;

	assert_int_equal(store_items_list(c, f, &rows, &n), 0);
	buf_init(&got);
	for (int i = 0; i < n; i++)
		buf_printf(&got, "%s%lld", i ? " " : "", (long long)rows[i].id);
	assert_string_equal(got.data ? got.data : "", want);
	buf_free(&got);
	item_rows_free(rows, n);
}

static void test_get_reads_every_column(void **state)
{
	struct item_row r;

	assert_int_equal(store_item_get(*state, 2, &r), 1);
	assert_int_equal(r.feed_id, 1);
	assert_string_equal(r.feed_title, "One");
	assert_string_equal(r.title, "B");
	assert_string_equal(r.content, "<p>b</p>");
	assert_string_equal(r.fulltext, "full");
	assert_null(r.link);
	assert_true(r.published == TIME_UNKNOWN);
	assert_int_equal(r.read, 0);
	assert_int_equal(r.saved, 1);
	item_row_free(&r);

	assert_int_equal(store_item_get(*state, 5, &r), 1);
	assert_string_equal(r.feed_title, "https://two.example/feed"); /* no title: its URL */
	item_row_free(&r);

	assert_int_equal(store_item_get(*state, 99, &r), 0);
}

static void test_list_newest_first(void **state)
{
	struct item_filter f = {0};
	assert_ids(*state, &f, "5 3 4 2 1");
}

static void test_list_filters(void **state)
{
	struct item_filter f = {.unread_only = 1};
	assert_ids(*state, &f, "5 3 2");
	f = (struct item_filter){.saved_only = 1};
	assert_ids(*state, &f, "4 2");
	f = (struct item_filter){.feed_id = 2};
	assert_ids(*state, &f, "5");
	f = (struct item_filter){.feed_url = "https://one.example/feed", .unread_only = 1};
	assert_ids(*state, &f, "3 2");
	f = (struct item_filter){.limit = 2, .offset = 1};
	assert_ids(*state, &f, "3 4");
	f = (struct item_filter){.feed_url = "https://none.example/"};
	assert_ids(*state, &f, "");
}

static void test_list_leaves_bodies_out_unless_asked(void **state)
{
	struct item_filter f = {.feed_id = 1, .limit = 5};
	struct item_row *rows;
	int n;

	assert_int_equal(store_items_list(*state, &f, &rows, &n), 0);
	assert_int_equal(n, 4);
	assert_null(rows[3].content);
	assert_string_equal(rows[3].title, "A");
	item_rows_free(rows, n);
	f.with_body = 1;
	assert_int_equal(store_items_list(*state, &f, &rows, &n), 0);
	assert_string_equal(rows[3].content, "c");
	assert_string_equal(rows[3].summary, "s");
	item_rows_free(rows, n);
}

/* The full text is stored with what its page said of itself, read back beside it (only with
 * the bodies), and cleared with it. */
static void test_fulltext_keeps_its_page(void **state)
{
	struct item_page page = {.html = "<p>Whole article</p>",
	                         .canonical = "https://one.example/a?x=1&y=2",
	                         .byline = "Zoë \"Z\" Writer"};
	struct item_filter f = {.feed_id = 1, .limit = 5};
	struct item_row r, *rows;
	int n;

	assert_int_equal(store_item_set_fulltext(*state, 1, &page), 0);
	assert_int_equal(store_item_get(*state, 1, &r), 1);
	assert_string_equal(r.fulltext, "<p>Whole article</p>");
	assert_string_equal(r.page_url, "https://one.example/a?x=1&y=2");
	assert_string_equal(r.page_byline, "Zoë \"Z\" Writer");
	assert_string_equal(r.link, "https://one.example/a"); /* the feed's link stays */
	assert_string_equal(r.author, "Ann");
	item_row_free(&r);

	assert_int_equal(store_items_list(*state, &f, &rows, &n), 0);
	assert_null(rows[3].page_url);
	assert_null(rows[3].page_byline);
	item_rows_free(rows, n);
	f.with_body = 1;
	assert_int_equal(store_items_list(*state, &f, &rows, &n), 0);
	assert_int_equal(rows[3].id, 1);
	assert_string_equal(rows[3].page_url, "https://one.example/a?x=1&y=2");
	item_rows_free(rows, n);

	/* a page that names neither */
	page = (struct item_page){.html = "<p>Another</p>"};
	assert_int_equal(store_item_set_fulltext(*state, 1, &page), 0);
	assert_int_equal(store_item_get(*state, 1, &r), 1);
	assert_string_equal(r.fulltext, "<p>Another</p>");
	assert_null(r.page_url);
	assert_null(r.page_byline);
	item_row_free(&r);

	assert_int_equal(store_item_set_fulltext(*state, 1, NULL), 0);
	assert_int_equal(store_item_get(*state, 1, &r), 1);
	assert_null(r.fulltext);
	assert_null(r.page_url);
	item_row_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_get_reads_every_column),
	    cmocka_unit_test(test_list_newest_first),
	    cmocka_unit_test(test_list_filters),
	    cmocka_unit_test(test_list_leaves_bodies_out_unless_asked),
	    cmocka_unit_test(test_fulltext_keeps_its_page),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
