/* The filter language: parsing (every attribute and operator, grouping, errors with their
 * columns), the judgement of one value, and the SQL the store makes of a tree, attribute by
 * attribute, on a small cache. tests/filter/newsboat.sh compares it with newsboat itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config/feeds_file.h"
#include "core/util.h"
#include "filter/filter.h"
#include "store/cache.h"
#include "store/filter_sql.h"
#include "store/items.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct filter *parse_ok(const char *text)
{
	struct filter_error err;
	struct filter *f = filter_parse(text, &err);

	if (!f)
		fail_msg("\"%s\" refused at column %d: %s", text, err.column, err.message);
	return f;
}

static void test_every_attribute_parses(void **state)
{
	static const char *names[] = {"title",  "link",          "author",         "content",
	                              "date",   "guid",          "unread",         "flags",
	                              "age",    "enclosure_url", "enclosure_type", "articleindex",
	                              "saved",  "fulltext",      "feedtitle",      "feedlink",
	                              "rssurl", "description",   "unread_count",   "total_count",
	                              "tags",   "feedindex"};
	(void)state;
	assert_int_equal(ARRAY_LEN(names), FILTER_ATTR_COUNT);
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *text = xasprintf("%s = \"x\"", names[i]);
		struct filter *f = parse_ok(text);
		assert_int_equal(f->root->kind, FILTER_CMP);
		assert_string_equal(filter_attr_name(f->root->attr), names[i]);
		assert_int_equal(filter_attr_is_feed(f->root->attr), i >= 14);
		filter_free(f);
		free(text);
	}
}

/* Each operator with a value it holds for and one it does not. */
static void test_every_operator_judges(void **state)
{
	static const struct {
		const char *expr, *yes, *no;
	} cases[] = {
	    {"title = \"Cherry pie\"", "Cherry pie", "cherry pie"},
	    {"title == \"a\"", "a", "ab"},
	    {"title != \"a\"", "b", "a"},
	    {"title =~ \"^ch.*e$\"", "CHERRY PIE", "a cherry"}, /* ignoring case */
	    {"title !~ \"[0-9]\"", "no digits", "room 101"},
	    {"age < 7", "6", "7"},
	    {"age > 7", "8", "7"},
	    {"age <= 7", "7", "8"},
	    {"age >= 7", "7", "6"},
	    {"age > -2", "-1", "-3"},
	    {"title < 1", "text counts as 0", "3 words"},
	    {"tags # \"news\"", "tech news world", "newsy tech"},
	    {"tags !# \"news\"", "newsy", "a news"},
	    {"age between 3:5", "5", "6"},
	    {"age between 5:3", "3", "2"}, /* either order */
	    {"age between \"1:2\"", "1", "0"},
	    {"author = \"\"", "", "x"},
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct filter *f = parse_ok(cases[i].expr);
		if (!filter_compare(f->root, cases[i].yes))
			fail_msg("%s should hold for \"%s\"", cases[i].expr, cases[i].yes);
		if (filter_compare(f->root, cases[i].no))
			fail_msg("%s should not hold for \"%s\"", cases[i].expr, cases[i].no);
		filter_free(f);
	}
	assert_int_equal(filter_number("  42abc"), 42);
	assert_int_equal(filter_number("-5"), -5);
	assert_int_equal(filter_number("x5"), 0);
	assert_int_equal(filter_number(NULL), 0);
}

/* and and or have one precedence and group from the left, as in newsboat 2.21. */
static void test_and_or_group_from_the_left(void **state)
{
	struct filter *f = parse_ok("title = \"a\" or title = \"b\" and title = \"c\"");

	(void)state;
	assert_int_equal(f->root->kind, FILTER_AND);
	assert_int_equal(f->root->left->kind, FILTER_OR);
	assert_string_equal(f->root->right->value, "c");
	filter_free(f);
	f = parse_ok("title = \"a\" or (title = \"b\" and title = \"c\")");
	assert_int_equal(f->root->kind, FILTER_OR);
	assert_int_equal(f->root->right->kind, FILTER_AND);
	filter_free(f);
	f = parse_ok("((unread = \"yes\"))and(age<3)or tags#\"x\"");
	assert_int_equal(f->root->kind, FILTER_OR);
	assert_int_equal(f->root->left->kind, FILTER_AND);
	assert_int_equal(f->root->left->right->op, FILTER_LT);
	assert_int_equal(f->root->left->right->number, 3);
	assert_int_equal(filter_uses_attr(f, FILTER_TAGS), 1);
	assert_int_equal(filter_uses_attr(f, FILTER_TITLE), 0);
	filter_free(f);
}

static void test_errors_name_the_column(void **state)
{
	static const struct {
		const char *expr;
		int column;
		const char *words;
	} cases[] = {
	    {"", 1, "expected a comparison"},
	    {"   ", 4, "expected a comparison"},
	    {"titel = \"x\"", 1, "unknown attribute \"titel\""},
	    {"unread = \"yes\" and foo = 1", 20, "unknown attribute \"foo\""},
	    {"title", 6, "expected an operator"},
	    {"title ~= \"x\"", 7, "expected an operator"},
	    {"title <> \"x\"", 8, "expected a value"},
	    {"title = Cherry", 9, "expected a value"},
	    {"title = \"open", 9, "no closing"},
	    {"age > 5abc", 7, "whole digits"},
	    {"age > 1.5", 7, "whole digits"},
	    {"age between 5", 13, "range"},
	    {"age between 1:", 13, "whole digits"},
	    {"title =~ \"(\"", 10, "invalid regular expression"},
	    {"title = \"a\" or", 15, "expected a comparison"},
	    {"title = \"a\" AND age > 1", 13, "expected and, or"},
	    {"title = \"a\" && age > 1", 13, "expected and, or"},
	    {"(title = \"a\"", 13, "to close the ( at column 1"},
	    {"title = \"a\")", 12, "closes nothing"},
	    {"()", 2, "expected an attribute"},
	    {"title = \"a\" and and", 17, "unknown attribute \"and\""},
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct filter_error err;
		struct filter *f = filter_parse(cases[i].expr, &err);
		if (f)
			fail_msg("\"%s\" was accepted", cases[i].expr);
		if (err.column != cases[i].column || !strstr(err.message, cases[i].words))
			fail_msg("\"%s\": column %d \"%s\", expected column %d \"%s\"",
			         cases[i].expr, err.column, err.message, cases[i].column,
			         cases[i].words);
	}
}

static void test_bounds(void **state)
{
	struct filter_error err;
	struct buf deep;

	(void)state;
	buf_init(&deep);
	for (int i = 0; i < 100; i++)
		buf_putc(&deep, '(');
	buf_puts(&deep, "age > 1");
	for (int i = 0; i < 100; i++)
		buf_putc(&deep, ')');
	assert_null(filter_parse(deep.data, &err));
	assert_int_equal(err.column, 65);
	assert_non_null(strstr(err.message, "parentheses"));
	buf_free(&deep);
}

/* The SQL side, on a cache: feed 1 "News" (tags "news tech", first in the file), feed 2
 * without a title (only in the cache). */
static char tmpdir[64];
static struct cache *cache;
#define NOW 1700000000LL
#define DAY 86400LL

static int setup(void **state)
{
	char *err = NULL, *db;
	int rc;

	(void)state;
	strcpy(tmpdir, "/tmp/tidings-filter-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	db = xasprintf("%s/cache.db", tmpdir);
	rc = cache_open(db, &cache, &err);
	free(db);
	if (rc != 0)
		return -1;
	char *sql = xasprintf(
	    "INSERT INTO feeds(id, url, title, site_link, description) VALUES"
	    " (1, 'http://n/rss', 'News', 'http://n/', 'All the news'),"
	    " (2, 'http://b/atom', NULL, NULL, NULL);"
	    "INSERT INTO items(id, feed_id, guid, link, title, author, summary, content, read,"
	    " saved, fulltext, enclosures, published, sort_time, first_seen) VALUES"
	    " (1, 1, 'g1', 'http://n/1', 'Apple pie', 'Ann', 'sweet', NULL, 0, 0, NULL, NULL,"
	    "  %lld, %lld, 0),"
	    " (2, 1, 'g2', 'http://n/2', 'Banana split', 'Bob', 'x', '<p>cold</p>', 1, 1,"
	    "  '<p>the whole text</p>',"
	    "  '[{\"url\": \"http://n/a.mp3\", \"type\": \"audio/mpeg\", \"length\": 3}]',"
	    "  %lld, %lld, 0),"
	    " (3, 2, '42', 'http://b/3', 'Cherry', NULL, NULL, 'red', 0, 0, NULL, NULL,"
	    "  %lld, %lld, 0);",
	    NOW - 10 * DAY, NOW - 10 * DAY, NOW - 2 * DAY - 5, NOW - 2 * DAY - 5, NOW - 3600,
	    NOW - 3600);
	rc = cache_exec(cache, sql);
	free(sql);
	return rc;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc;

	(void)state;
	cache_close(cache);
	rc = system(cmd);
	free(cmd);
	return rc;
}

/* The ids the expression selects, newest first, as "3 2 1". */
static char *select_ids(const char *expr)
{
	struct feeds_file ff = {0};
	struct filter_scope scope;
	struct filter *f = parse_ok(expr);
	struct filter_sql *where;
	struct item_filter q = {0};
	struct item_row *rows;
	struct buf out;
	char *err = NULL;
	int n;

	assert_int_equal(feeds_file_parse("http://n/rss news tech \"~My News\"\n", 35, &ff, &err),
	                 0);
	filter_scope_from_feeds(&scope, &ff, NOW);
	where = store_filter_sql(cache, f, &scope);
	assert_non_null(where);
	q.where = where;
	assert_int_equal(store_items_list(cache, &q, &rows, &n), 0);
	buf_init(&out);
	for (int i = 0; i < n; i++)
		buf_printf(&out, "%s%lld", i ? " " : "", (long long)rows[i].id);
	item_rows_free(rows, n);
	filter_sql_free(where);
	filter_scope_free(&scope);
	feeds_file_free(&ff);
	filter_free(f);
	return buf_steal(&out);
}

static void test_every_attribute_in_sql(void **state)
{
	static const struct {
		const char *expr, *ids;
	} cases[] = {
	    {"title = \"Cherry\"", "3"},
	    {"title =~ \"^(apple|banana)\"", "2 1"},
	    {"link =~ \"^http://n/\"", "2 1"},
	    {"author = \"\"", "3"},
	    {"author # \"Bob\"", "2"},
	    {"content =~ \"cold\"", "2"}, /* content first */
	    {"content = \"sweet\"", "1"}, /* else the summary */
	    {"content = \"\"", ""},
	    {"guid = 42", "3"},
	    {"guid > 40", "3"},
	    {"unread = \"yes\"", "3 1"},
	    {"unread != \"yes\"", "2"},
	    {"unread = \"no\"", "2"},
	    {"unread =~ \"y\"", "3 1"},
	    {"saved = \"yes\"", "2"},
	    {"saved != \"no\"", "2"},
	    {"flags # \"s\"", "2"},
	    {"flags = \"\"", "3 1"},
	    {"age = 0", "3"},
	    {"age = 2", "2"},
	    {"age >= 10", "1"},
	    {"age between 1:9", "2"},
	    {"enclosure_url = \"http://n/a.mp3\"", "2"},
	    {"enclosure_type =~ \"^audio/\"", "2"},
	    {"enclosure_url = \"\"", "3 1"},
	    {"fulltext =~ \"whole\"", "2"},
	    {"fulltext = \"\"", "3 1"},
	    {"articleindex = 1", "3 2"},
	    {"articleindex = 2", "1"},
	    {"feedtitle = \"My News\"", "2 1"}, /* the feeds file's title first */
	    {"feedtitle = \"\"", "3"},
	    {"feedlink = \"http://n/\"", "2 1"},
	    {"rssurl =~ \"atom$\"", "3"},
	    {"description =~ \"news\"", "2 1"},
	    {"unread_count = 1", "3 2 1"},
	    {"total_count = 2", "2 1"},
	    {"tags # \"tech\"", "2 1"},
	    {"tags = \"news tech\"", "2 1"},
	    {"tags !# \"news\"", "3"},
	    {"feedindex = 1", "2 1"},
	    {"feedindex = 0", "3"},
	    {"title =~ \"a\" or title = \"Cherry\" and unread = \"yes\"", "3 1"},
	    {"title =~ \"a\" or (title = \"Cherry\" and unread = \"yes\")", "3 2 1"},
	    {"(tags # \"news\" or age < 1) and saved = \"no\"", "3 1"},
	    {"date = \"x\"", ""},
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *ids = select_ids(cases[i].expr);
		if (strcmp(ids, cases[i].ids) != 0)
			fail_msg("%s: got \"%s\", expected \"%s\"", cases[i].expr, ids,
			         cases[i].ids);
		free(ids);
	}
}

static void test_date_is_newsboats_form(void **state)
{
	char when[64], *expr, *ids;

	(void)state;
	setenv("TZ", "UTC", 1);
	filter_format_date(0, when, sizeof(when));
	assert_string_equal(when, "Thu, 01 Jan 1970 00:00:00 +0000");
	filter_format_date(NOW - 3600, when, sizeof(when));
	expr = xasprintf("date = \"%s\"", when);
	ids = select_ids(expr);
	assert_string_equal(ids, "3");
	free(ids);
	free(expr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_attribute_parses),
	    cmocka_unit_test(test_every_operator_judges),
	    cmocka_unit_test(test_and_or_group_from_the_left),
	    cmocka_unit_test(test_errors_name_the_column),
	    cmocka_unit_test(test_bounds),
	    cmocka_unit_test_setup_teardown(test_every_attribute_in_sql, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_date_is_newsboats_form, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
