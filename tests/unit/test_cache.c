/* The cache: creation, migration from older schemas, and refusing files that are not ours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/util.h"
#include "store/cache.h"
#include "store/feeds.h"
#include "store/internal.h"
#include "store/tokenizer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[64];

static int setup(void **state)
{
	strcpy(tmpdir, "/tmp/tidings-cache-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);
	free(cmd);
	return rc;
}

static char *temp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void test_creates_current_schema(void **state)
{
	char *path = temp_path("new.db"), *err = NULL;
	struct cache *c;

	assert_int_equal(cache_open(path, &c, &err), 0);
	assert_int_equal(cache_schema_version(c->db), CACHE_SCHEMA_VERSION);
	cache_close(c);
	/* and opens again */
	assert_int_equal(cache_open(path, &c, &err), 0);
	cache_close(c);
	free(path);
}

static void test_migrates_version_1(void **state)
{
	char *path = temp_path("v1.db"), *err = NULL;
	struct cache *c;
	sqlite3 *db;
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(cache_migrate_to(db, 1, &err), 0);
	assert_int_equal(
	    sqlite3_exec(db,
	                 "INSERT INTO feeds(id, url) VALUES (1, 'http://x/');"
	                 "INSERT INTO items(feed_id, guid, title, content, read, saved,"
	                 " published, first_seen) VALUES (1, 'g', 'Old title',"
	                 " '<p>findme</p>', 1, 1, 1000, 2000)",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);

	assert_int_equal(cache_open(path, &c, &err), 0);
	assert_int_equal(cache_schema_version(c->db), CACHE_SCHEMA_VERSION);
	assert_int_equal(
	    sqlite3_prepare_v2(c->db, "SELECT read, saved, sort_time FROM items WHERE guid='g'", -1,
	                       &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	assert_int_equal(sqlite3_column_int(st, 1), 1);
	assert_int_equal(sqlite3_column_int(st, 2), 1000);
	sqlite3_finalize(st);
	/* old items are searchable after the migration */
	assert_int_equal(sqlite3_prepare_v2(c->db,
	                                    "SELECT count(*) FROM items_fts WHERE items_fts MATCH "
	                                    "'findme'",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	cache_close(c);
	free(path);
}

/* A cache made at an older schema version with rows added by sql, then opened (and so
 * upgraded) as tidings opens it; checks that it reached the current version. */
static struct cache *open_upgraded(const char *path, int version, const char *sql)
{
	char *err = NULL;
	struct cache *c;
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(search_tokenizer_register(db), 0); /* the index of step 7 needs it */
	assert_int_equal(cache_migrate_to(db, version, &err), 0);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(cache_open(path, &c, &err), 0);
	assert_int_equal(cache_schema_version(c->db), CACHE_SCHEMA_VERSION);
	return c;
}

/* Version 5 adds the queue of items waiting for the search index: a version 4 cache (fully
 * indexed) upgrades with an empty queue, and its items stay searchable. */
static void test_migrates_version_4(void **state)
{
	char *path = temp_path("v4.db");
	struct cache *c = open_upgraded(path, 4,
	                                "INSERT INTO feeds(id, url) VALUES (1, 'http://x/');"
	                                "INSERT INTO items(id, feed_id, guid, title, summary,"
	                                " first_seen) VALUES (7, 1, 'g', 'Kept', '<p>wombat</p>',"
	                                " 2000);"
	                                "INSERT INTO items_fts(rowid, title, author, body)"
	                                " VALUES (7, 'Kept', '', 'wombat')");
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(c->db,
	                                    "SELECT (SELECT count(*) FROM fts_pending),"
	                                    " (SELECT rowid FROM items_fts WHERE items_fts"
	                                    "  MATCH 'wombat'),"
	                                    " (SELECT total FROM feed_counts WHERE feed_id = 1)",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	assert_int_equal(sqlite3_column_int(st, 1), 7);
	assert_int_equal(sqlite3_column_int(st, 2), 1);
	sqlite3_finalize(st);
	/* deleting an item also takes it off the queue */
	assert_int_equal(sqlite3_exec(c->db,
	                              "INSERT INTO fts_pending(id) VALUES (7);"
	                              "DELETE FROM items WHERE id = 7",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(c->db, "SELECT count(*) FROM fts_pending", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	cache_close(c);
	free(path);
}

/* Version 6 turns the search index's automatic merging off, and version 7 makes the index
 * again with our tokenizer and more columns: a version 5 cache upgrades with automerge 0 and
 * its words still found (made again from the items). */
static void test_migrates_version_5(void **state)
{
	char *path = temp_path("v5.db");
	struct cache *c = open_upgraded(path, 5,
	                                "INSERT INTO feeds(id, url) VALUES (1, 'http://x/');"
	                                "INSERT INTO items(id, feed_id, guid, title, summary,"
	                                " first_seen) VALUES (3, 1, 'g', 'Kept', '<p>numbat</p>',"
	                                " 2000);"
	                                "INSERT INTO items_fts(rowid, title, author, body)"
	                                " VALUES (3, 'Kept', '', 'numbat')");
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(c->db,
	                                    "SELECT (SELECT v FROM items_fts_config"
	                                    "  WHERE k = 'automerge'),"
	                                    " (SELECT rowid FROM items_fts WHERE items_fts"
	                                    "  MATCH 'numbat')",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_type(st, 0), SQLITE_INTEGER);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	assert_int_equal(sqlite3_column_int(st, 1), 3);
	sqlite3_finalize(st);
	cache_close(c);
	free(path);
}

/* One item's full text and page columns after the migration. */
static void assert_page(struct cache *c, int id, const char *fulltext, const char *url,
                        const char *byline)
{
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(c->db,
	                                    "SELECT fulltext, page_url, page_byline FROM items"
	                                    " WHERE id = ?1",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_int(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const char *want[] = {fulltext, url, byline};
	for (int col = 0; col < 3; col++) {
		if (!want[col])
			assert_int_equal(sqlite3_column_type(st, col), SQLITE_NULL);
		else
			assert_string_equal((const char *)sqlite3_column_text(st, col), want[col]);
	}
	sqlite3_finalize(st);
}

/* Version 12 moves the page's canonical URL and by-line out of the head of the full text
 * (where versions up to 11 wrote them, escaped as attribute values) into their columns: all
 * of them, each value unescaped once, the article after them untouched, and a full text that
 * does not start with the whole tag left as it was. */
static void test_migrates_version_11(void **state)
{
	char *path = temp_path("v11.db");
	struct cache *c = open_upgraded(
	    path, 11,
	    "INSERT INTO feeds(id, url) VALUES (1, 'http://x/');"
	    "INSERT INTO items(id, feed_id, guid, first_seen, fulltext) VALUES"
	    " (1, 1, 'both', 1, '<link rel=\"canonical\" href=\"https://x/a?b=1&amp;c=2\">"
	    "<meta name=\"author\" content=\"Zoë &quot;Z&quot; &lt;Ed&gt; &amp;amp; Co\">"
	    "<p>Body \"quoted\"></p>'),"
	    " (2, 1, 'url', 1, '<link rel=\"canonical\" href=\"https://x/b\"><p>B</p>'),"
	    " (3, 1, 'author', 1, '<meta name=\"author\" content=\"Ann\"><p>C</p>'),"
	    " (4, 1, 'plain', 1, '<p>Plain <link rel=\"canonical\" href=\"https://x/\"></p>'),"
	    " (5, 1, 'none', 1, NULL),"
	    " (6, 1, 'cut', 1, '<link rel=\"canonical\" href=\"https://x/cut'),"
	    " (7, 1, 'empty', 1, '<meta name=\"author\" content=\"\">');");

	assert_page(c, 1, "<p>Body \"quoted\"></p>", "https://x/a?b=1&c=2",
	            "Zoë \"Z\" <Ed> &amp; Co");
	assert_page(c, 2, "<p>B</p>", "https://x/b", NULL);
	assert_page(c, 3, "<p>C</p>", NULL, "Ann");
	assert_page(c, 4, "<p>Plain <link rel=\"canonical\" href=\"https://x/\"></p>", NULL, NULL);
	assert_page(c, 5, NULL, NULL, NULL);
	assert_page(c, 6, "<link rel=\"canonical\" href=\"https://x/cut", NULL, NULL);
	assert_page(c, 7, "", NULL, "");
	cache_close(c);
	free(path);
}

static void write_bytes(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static char *slurp(const char *path, size_t *len)
{
	char *data;
	assert_int_equal(read_file(path, 1 << 20, &data, len), 0);
	return data;
}

static void test_refuses_non_sqlite_and_keeps_it(void **state)
{
	char *path = temp_path("junk.db"), *err = NULL, *after;
	const char junk[] = "this is not a database, it is a shopping list\n";
	struct cache *c;
	size_t len;

	write_bytes(path, junk, sizeof(junk) - 1);
	assert_int_equal(cache_open(path, &c, &err), -1);
	assert_non_null(strstr(err, "not a tidings cache"));
	free(err);
	after = slurp(path, &len);
	assert_int_equal(len, sizeof(junk) - 1);
	assert_memory_equal(after, junk, len);
	free(after);
	free(path);
}

static void test_refuses_other_programs_database(void **state)
{
	char *path = temp_path("other.db"), *err = NULL;
	struct cache *c;
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE rss_item(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(cache_open(path, &c, &err), -1);
	assert_non_null(strstr(err, "another program"));
	free(err);
	free(path);
}

static void test_refuses_corrupt_cache(void **state)
{
	char *path = temp_path("corrupt.db"), *err = NULL, *data;
	struct cache *c;
	size_t len;

	assert_int_equal(cache_open(path, &c, &err), 0);
	cache_begin(c);
	for (int i = 0; i < 2000; i++) {
		char *url = xasprintf("http://feed/%d", i);
		store_feed_ensure(c, url);
		free(url);
	}
	cache_commit(c);
	cache_exec(c, "PRAGMA wal_checkpoint(TRUNCATE)");
	cache_close(c);
	data = slurp(path, &len);
	assert_true(len > 8192);
	/* Wreck the pages of the feeds just written (most of the file: its second half), leaving
	 * the schema's pages (the first, and those the migrations added) whole. */
	memset(data + len / 2 / 4096 * 4096, 0xA5, len - len / 2 / 4096 * 4096);
	write_bytes(path, data, len);
	/* closed cleanly: opening does not read it all through, but a check finds the damage */
	assert_int_equal(cache_open(path, &c, &err), 0);
	assert_int_equal(cache_check(c, &err), -1);
	assert_non_null(err);
	free(err);
	cache_close(c);
	/* left open by a process that died (its open marker stays): refused at once */
	{
		char *marker = xasprintf("%s-open", path);
		write_bytes(marker, "", 0);
		assert_int_equal(cache_open(path, &c, &err), -1);
		assert_non_null(err);
		free(err);
		/* and again, until it is dealt with */
		assert_int_equal(access(marker, F_OK), 0);
		unlink(marker);
		free(marker);
	}
	free(data);
	free(path);
}

/* The open marker is there while a connection is open, and gone after the last one closes. */
static void test_open_marker(void **state)
{
	char *path = temp_path("marker.db"), *err = NULL;
	char *marker = xasprintf("%s-open", path);
	struct cache *a, *b;

	assert_int_equal(cache_open(path, &a, &err), 0);
	assert_int_equal(access(marker, F_OK), 0);
	assert_int_equal(cache_open(path, &b, &err), 0);
	cache_close(a);
	assert_int_equal(access(marker, F_OK), 0);
	cache_close(b);
	assert_int_equal(access(marker, F_OK), -1);
	free(marker);
	free(path);
}

static void test_feed_rows(void **state)
{
	char *path = temp_path("feeds.db"), *err = NULL;
	struct cache *c;
	struct feed_row *rows, row;
	int n;
	int64_t a, b;

	assert_int_equal(cache_open(path, &c, &err), 0);
	a = store_feed_ensure(c, "http://a/");
	b = store_feed_ensure(c, "http://b/");
	assert_true(a > 0 && b > 0 && a != b);
	assert_int_equal(store_feed_ensure(c, "http://a/"), a);
	assert_int_equal(store_feed_list(c, &rows, &n), 0);
	assert_int_equal(n, 2);
	feed_rows_free(rows, n);
	assert_int_equal(store_feed_get(c, "http://b/", &row), 1);
	assert_int_equal(row.id, b);
	feed_row_free(&row);
	assert_int_equal(store_feed_delete(c, "http://b/"), 0);
	assert_int_equal(store_feed_get(c, "http://b/", &row), 0);
	cache_close(c);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_creates_current_schema),
	    cmocka_unit_test(test_migrates_version_1),
	    cmocka_unit_test(test_migrates_version_4),
	    cmocka_unit_test(test_migrates_version_5),
	    cmocka_unit_test(test_migrates_version_11),
	    cmocka_unit_test(test_refuses_non_sqlite_and_keeps_it),
	    cmocka_unit_test(test_refuses_other_programs_database),
	    cmocka_unit_test(test_refuses_corrupt_cache),
	    cmocka_unit_test(test_open_marker),
	    cmocka_unit_test(test_feed_rows),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
