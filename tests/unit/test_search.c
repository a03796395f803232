/* Search: the tokenizer (CJK pairs, unicode61 folding), the query language (prefixes,
 * phrases, feed:, tag:, unread, saved), what the index holds (full text, feed name) and the
 * ranked search of `tidings search`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/util.h"
#include "store/cache.h"
#include "store/items.h"
#include "store/internal.h"
#include "store/search.h"
#include "store/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[64];
static struct cache *cache;

/* Feeds 1 (Asia News, tags asia) and 2 (Tech Daily); items queued and indexed as a refresh
 * leaves them. Item 4 is read and saved. */
static int setup(void **state)
{
	char *err = NULL, *path;
	int rc;

	(void)state;
	strcpy(tmpdir, "/tmp/tidings-search-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	path = xasprintf("%s/cache.db", tmpdir);
	rc = cache_open(path, &cache, &err);
	free(path);
	if (rc != 0)
		return -1;
	rc = cache_exec(
	    cache,
	    "INSERT INTO feeds(id, url, title) VALUES (1, 'http://asia.example/rss', 'Asia News'),"
	    " (2, 'http://tech.example/feed', 'Tech Daily');"
	    "INSERT INTO items(id, feed_id, guid, title, author, content, sort_time, first_seen,"
	    " read, saved) VALUES"
	    " (1, 1, 'a', '東京の朝', NULL, '<p>朝のニュース</p>', 100, 100, 0, 0),"
	    " (2, 1, 'b', '서울에서 온 편지', NULL, '<p>편지</p>', 200, 200, 0, 0),"
	    " (3, 2, 'c', 'Tokyo tower reopens', 'Ann Lee', '<p>A café on top</p>', 300, 300,"
	    "  0, 0),"
	    " (4, 2, 'd', 'Signal boost', NULL, '<p>radio <b>tokens</b></p>', 400, 400, 1, 1),"
	    " (5, 1, 'e', 'Kyoto trains', NULL, '<p>tokyo to kyoto</p>', 500, 500, 0, 0);"
	    "INSERT INTO fts_pending(id) SELECT id FROM items;");
	if (rc != 0 || store_index_pending(cache) != 5)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc;

	(void)state;
	cache_close(cache);
	rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static const char *tags_of(const void *ctx, const char *tag)
{
	(void)ctx;
	return strcmp(tag, "asia") == 0 ? "http://asia.example/rss" : NULL;
}

static const char **tag_urls(const void *ctx, const char *tag)
{
	const char *url = tags_of(ctx, tag);
	const char **out;

	if (!url)
		return NULL;
	out = xcalloc(2, sizeof(*out));
	out[0] = url;
	return out;
}

/* The ids a search finds, ranked, as "1,3" ("" for none). */
static char *found(const char *words)
{
	struct view_query q = {.kind = VIEW_SEARCH, .search = words, .tag_urls = tag_urls};
	int64_t *ids;
	int n = view_search_ranked(cache, &q, 50, &ids);
	struct buf b;

	assert_true(n >= 0);
	buf_init(&b);
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", (long long)ids[i]);
	free(ids);
	return b.data ? buf_steal(&b) : xstrdup("");
}

static void assert_found(const char *words, const char *ids)
{
	char *got = found(words);
	if (strcmp(got, ids) != 0)
		fail_msg("search %s: found [%s], expected [%s]", words, got, ids);
	free(got);
}

/* The same search in the reader's view agrees on how many, in time order. */
static void assert_view_count(const char *words, int count)
{
	struct view_query q = {.kind = VIEW_SEARCH, .search = words, .tag_urls = tag_urls};
	struct view_row *rows;
	int total = view_count(cache, &q), n;

	assert_int_equal(total, count);
	q.search_hits = total;
	n = view_fetch(cache, &q, 0, 50, total, &rows);
	assert_int_equal(n, count);
	view_rows_free(rows, n);
}

static void test_cjk_words(void **state)
{
	(void)state;
	assert_found("東京", "1");
	assert_found("서울", "2");
	assert_found("편지", "2");
	assert_found("ニュース", "1");
	/* one character alone: the start of a pair, or the last of a run */
	assert_found("東", "1");
	assert_found("朝", "1");
	assert_found("울", "2");
	/* a phrase of pairs must be next to one another */
	assert_found("東京の朝", "1");
	assert_found("京東", "");
	assert_view_count("東京", 1);
}

/* Long runs of ASCII and of other scripts beside CJK (the tokenizer steps over them without
 * decoding): words and pairs alike are found, at the right place in the text. */
static void test_cjk_beside_other_text(void **state)
{
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(cache_exec(cache, "INSERT INTO items(id, feed_id, guid, title, content,"
	                                   " sort_time, first_seen) VALUES (6, 2, 'f',"
	                                   " 'quarterlyreport東京駅 résumé北京 x', '<p>ok</p>',"
	                                   " 600, 600);"
	                                   "INSERT INTO fts_pending(id) VALUES (6);"),
	                 0);
	assert_int_equal(store_index_pending(cache), 1);
	assert_found("quarterlyreport", "6");
	assert_found("東京", "6,1"); /* ranked */
	assert_found("京駅", "6");
	assert_found("resume", "6");
	assert_found("北京", "6");
	st = cache_prepare(cache, "SELECT highlight(items_fts, 0, '[', ']') FROM items_fts"
	                          " WHERE items_fts MATCH '\"京駅\" OR resume' AND rowid = 6");
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0),
	                    "quarterlyreport東[京駅] [résumé]北京 x");
	sqlite3_finalize(st);
}

static void test_prefix_and_folding(void **state)
{
	(void)state;
	assert_found("tok*", "3,4,5"); /* the title first */
	assert_found("TOKYO", "3,5");
	assert_found("cafe", "3");
	assert_found("sig*", "4");
	assert_found("sig", "");
	assert_found("\"tower reopens\"", "3");
	assert_found("\"reopens tower\"", "");
	/* FTS5 syntax is words here */
	assert_found("tokyo OR kyoto", "");
	assert_found("NEAR(", "");
	assert_found("\"", "");
}

/* Matches of the words as typed, counted by FTS5 itself (a prefix as its own prefix query). */
static int native_count(const char *words)
{
	char *match = view_fts_query(words);
	sqlite3_stmt *st = cache_prepare(cache, "SELECT count(*) FROM items_fts WHERE items_fts"
	                                        " MATCH ?1");
	int n;

	assert_non_null(st);
	sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	free(match);
	return n;
}

/* 1,200 articles "Wordy N" with one of 80 words word0 .. word79 each: a prefix of few words
 * is searched as the OR of them, one of more than 64 as FTS5's prefix; both find what FTS5's
 * prefix finds, the newest first, and the reader's count stops at its bound. */
static void test_prefix_of_many_words(void **state)
{
	static const struct {
		const char *words;
		int count;
	} cases[] = {{"word1*", 165}, {"word7*", 165}, {"wordy*", 1200}, {"wor*", 1200}};

	(void)state;
	assert_int_equal(
	    cache_exec(cache, "WITH RECURSIVE n(i) AS (SELECT 10 UNION ALL SELECT i + 1 FROM n"
	                      " WHERE i < 1209) INSERT INTO items(id, feed_id, guid, title,"
	                      " content, sort_time, first_seen, read, saved) SELECT i, 2, 'g' || i,"
	                      " 'Wordy ' || i, '<p>word' || (i % 80) || '</p>', 1000 + i, 1000 + i,"
	                      " 0, 0 FROM n;"
	                      "INSERT INTO fts_pending(id) SELECT id FROM items WHERE id >= 10;"),
	    0);
	assert_int_equal(store_index_pending(cache), 1200);
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct view_query q = {.kind = VIEW_SEARCH, .search = cases[k].words};
		int upto = view_count_upto(cache, &q, 1000), n;
		struct view_row *rows;
		int64_t *ids;

		assert_int_equal(native_count(cases[k].words), cases[k].count);
		assert_int_equal(view_count(cache, &q), cases[k].count);
		assert_int_equal(upto, cases[k].count > 1000 ? 1001 : cases[k].count);
		assert_int_equal(view_count_upto(cache, &q, 10), 11);
		/* the first screen, newest first, each row a match */
		q.search_hits = upto;
		n = view_fetch(cache, &q, 0, 20, 0, &rows);
		assert_int_equal(n, 20);
		for (int i = 0; i < n; i++) {
			int64_t id = rows[i].id;
			char word[16];
			assert_true(i == 0 || id < rows[i - 1].id);
			snprintf(word, sizeof(word), "word%d", (int)(id % 80));
			assert_true(strncmp(word, cases[k].words, strlen(cases[k].words) - 1) ==
			                0 ||
			            strcmp(cases[k].words, "wordy*") == 0);
		}
		view_rows_free(rows, n);
		/* ranked: as many as asked, every one a match */
		n = view_search_ranked(cache, &q, 50, &ids);
		assert_int_equal(n, 50);
		for (int i = 0; i < n; i++) {
			char word[16];
			snprintf(word, sizeof(word), "word%d", (int)(ids[i] % 80));
			assert_true(ids[i] >= 10);
			assert_true(strncmp(word, cases[k].words, strlen(cases[k].words) - 1) ==
			                0 ||
			            strcmp(cases[k].words, "wordy*") == 0);
		}
		free(ids);
	}
}

static void test_narrowing(void **state)
{
	(void)state;
	assert_found("feed:asia tokyo", "5");
	assert_found("feed:TECH tokyo", "3");
	assert_found("feed:\"asia news\" 東京", "1");
	assert_found("tag:asia tok*", "5");
	assert_found("tag:nosuch tokyo", "");
	assert_found("saved", "4");
	assert_found("unread tok*", "3,5");
	assert_found("\"saved\"", "");
	assert_found("feed:tech", "4,3");
	assert_view_count("tag:asia", 3);
	assert_view_count("unread tok*", 2);
}

static void test_index_holds_author_feed_and_fulltext(void **state)
{
	(void)state;
	assert_found("lee", "3");
	assert_found("daily", "4,3");
	assert_found("wombat", "");
	assert_int_equal(
	    store_item_set_fulltext(
	        cache, 4, &(struct item_page){.html = "<article><p>A wombat digs</p></article>"}),
	    0);
	assert_found("wombat", "4");
	assert_found("saved wombat", "4");
	/* the feed's text is still found */
	assert_found("radio", "4");
	assert_int_equal(store_item_set_fulltext(cache, 4, NULL), 0);
	assert_found("wombat", "");
}

/* A search of many matches is walked in chunks of the list, each chunk's matches asked of the
 * index over its range of ids: the same rows as the matches sorted, from any offset, with the
 * list's order far from the order of ids and chunks of growing size. */
static void test_walk_in_chunks_agrees(void **state)
{
	static const int offsets[] = {0, 37, 64, 500, 1500};
	struct view_query q = {.kind = VIEW_SEARCH, .search = "quartz"};

	(void)state;
	assert_int_equal(
	    cache_exec(cache, "WITH RECURSIVE n(i) AS (SELECT 10 UNION ALL SELECT i + 1 FROM n"
	                      " WHERE i < 6009) INSERT INTO items(id, feed_id, guid, title,"
	                      " content, sort_time, first_seen, read, saved) SELECT i, 1 + i % 2,"
	                      " 'g' || i, 'Item ' || i, CASE WHEN i % 3 = 0 THEN '<p>quartz</p>'"
	                      " ELSE '<p>slate</p>' END, 1000 + (i * 7919) % 6007, 1000 + i,"
	                      " i % 5 = 0, 0 FROM n;"
	                      "INSERT INTO fts_pending(id) SELECT id FROM items WHERE id >= 10;"),
	    0);
	assert_int_equal(store_index_pending(cache), 6000);
	for (int unread = 0; unread <= 1; unread++) {
		q.unread_only = unread;
		for (size_t k = 0; k < sizeof(offsets) / sizeof(offsets[0]); k++) {
			struct view_row *sorted, *walked;
			int n1, n2;

			q.search_hits = 0;
			n1 = view_fetch(cache, &q, offsets[k], 40, 0, &sorted);
			q.search_hits = 1000000;
			n2 = view_fetch(cache, &q, offsets[k], 40, 0, &walked);
			assert_int_equal(n1, 40);
			assert_int_equal(n2, n1);
			for (int i = 0; i < n1; i++) {
				assert_int_equal(walked[i].id, sorted[i].id);
				assert_int_equal(walked[i].id % 3, 0);
			}
			view_rows_free(sorted, n1);
			view_rows_free(walked, n2);
		}
	}
}

static int index_pages(void)
{
	sqlite3_stmt *st = cache_prepare(cache, "SELECT count(*) FROM items_fts_data");
	int n;

	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* An index written in twelve transactions (twelve segments) is merged by a refresh's bounded
 * step and by a check's full merge into fewer pages, and finds the same articles. */
static void test_merge_keeps_results(void **state)
{
	int before, stepped;

	(void)state;
	assert_int_equal(
	    cache_exec(cache, "WITH RECURSIVE n(i) AS (SELECT 10 UNION ALL SELECT i + 1 FROM n"
	                      " WHERE i < 1209) INSERT INTO items(id, feed_id, guid, title,"
	                      " content, sort_time, first_seen, read, saved) SELECT i, 1, 'g' || i,"
	                      " 'Item ' || i, CASE WHEN i % 7 = 0 THEN '<p>garnet</p>'"
	                      " ELSE '<p>basalt</p>' END, 1000 + i, 1000 + i, 0, 0 FROM n;"
	                      "INSERT INTO fts_pending(id) SELECT id FROM items WHERE id >= 10;"),
	    0);
	for (int i = 0; i < 12; i++)
		assert_int_equal(store_index_some(cache, 100), 100);
	before = index_pages();
	assert_int_equal(native_count("garnet"), 171);
	assert_int_equal(store_index_merge(cache, STORE_INDEX_MERGE_STEP), 0);
	stepped = index_pages();
	assert_true(stepped < before);
	assert_int_equal(native_count("garnet"), 171);
	assert_int_equal(native_count("basalt"), 1029);
	assert_int_equal(store_index_merge(cache, 0), 0);
	assert_true(index_pages() <= stepped);
	assert_int_equal(native_count("garnet"), 171);
	assert_found("item 1204", "1204");
}

/* A title match counts more than one in the text; at equal match the newer comes first. */
static void test_ranking(void **state)
{
	(void)state;
	assert_found("kyoto", "5");
	assert_found("tokyo", "3,5");
}

static void test_parse(void **state)
{
	struct search_terms t;

	(void)state;
	search_parse("  feed:ars tag:\"a b\" is:unread x* \"p q\" saved 東 ", &t);
	assert_string_equal(t.match, "\"x\"* \"p q\" \"東\"*");
	assert_int_equal(t.feed_count, 1);
	assert_string_equal(t.feeds[0], "ars");
	assert_int_equal(t.tag_count, 1);
	assert_string_equal(t.tags[0], "a b");
	assert_true(t.unread && t.saved);
	search_terms_free(&t);
	search_parse("", &t);
	assert_true(search_terms_empty(&t));
	search_terms_free(&t);
	search_parse("a\"b", &t);
	assert_string_equal(t.match, "\"a\"\"b\"");
	search_terms_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse),
	    cmocka_unit_test_setup_teardown(test_cjk_words, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_cjk_beside_other_text, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_prefix_and_folding, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_prefix_of_many_words, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_narrowing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_holds_author_feed_and_fulltext, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_ranking, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_walk_in_chunks_agrees, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_merge_keeps_results, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
