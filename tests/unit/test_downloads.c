/* Enclosures read back from the cache (store/media) and the download queue
 * (store/downloads): parsing hostile JSON, the one description of an enclosure, and the
 * queue's states. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/util.h"
#include "store/cache.h"
#include "store/downloads.h"
#include "store/internal.h"
#include "core/media.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[64];

static void test_media_list(void **state)
{
	struct media *m;
	int n;

	(void)state;
	n = media_list("[{\"url\": \"https://e.org/a.mp3\", \"type\": \"audio/mpeg\", \"length\": "
	               "1048576, \"duration\": 3723}, {\"url\": \"https://e.org/b.ogg\", \"type\": "
	               "null, \"length\": null}, {\"type\": \"x\"}, 7, {\"url\": \"\"}]",
	               &m);
	assert_int_equal(n, 2);
	assert_string_equal(m[0].url, "https://e.org/a.mp3");
	assert_string_equal(m[0].type, "audio/mpeg");
	assert_int_equal(m[0].length, 1048576);
	assert_int_equal(m[0].duration, 3723);
	assert_null(m[1].type);
	assert_int_equal(m[1].length, -1);
	assert_int_equal(m[1].duration, 0);
	media_list_free(m, n);
	assert_int_equal(media_list(NULL, &m), 0);
	assert_null(m);
	assert_int_equal(media_list("{\"url\": 1}", &m), 0);
	assert_int_equal(media_list("[{\"url\": ", &m), 0);
	assert_int_equal(
	    media_list("[{\"url\": \"u\", \"length\": -5, \"duration\": \"1:00\"}]", &m), 1);
	assert_int_equal(m[0].length, -1);
	assert_int_equal(m[0].duration, 0);
	media_list_free(m, 1);
}

static void test_media_line(void **state)
{
	struct media m = {"https://e.org/a.mp3", "audio/mpeg", 1572864, 2530};
	struct media bare = {"https://e.org/b", NULL, -1, 0};
	char *line, buf[32];

	(void)state;
	line = media_line(&m);
	assert_string_equal(line, "https://e.org/a.mp3 (audio/mpeg, 1.5 MiB, 42:10)");
	free(line);
	line = media_line(&bare);
	assert_string_equal(line, "https://e.org/b");
	free(line);
	format_bytes(512, buf, sizeof(buf));
	assert_string_equal(buf, "512 B");
	format_bytes(3LL << 30, buf, sizeof(buf));
	assert_string_equal(buf, "3.0 GiB");
	format_duration(3723, buf, sizeof(buf));
	assert_string_equal(buf, "1:02:03");
	format_duration(59, buf, sizeof(buf));
	assert_string_equal(buf, "0:59");
}

static int setup(void **state)
{
	struct cache *c;
	char *path, *err = NULL;

	strcpy(dir, "/tmp/tidings-dl-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	path = xasprintf("%s/cache.db", dir);
	if (cache_open(path, &c, &err) != 0)
		return -1;
	free(path);
	if (cache_exec(
	        c, "INSERT INTO feeds(id, url, title) VALUES (1, 'https://p.example/', 'P');"
	           "INSERT INTO items(id, feed_id, guid, title, enclosures, first_seen,"
	           " sort_time) VALUES"
	           " (1, 1, 'a', 'A', '[{\"url\": \"https://p.example/a.mp3\"}]', 1, 100),"
	           " (2, 1, 'b', 'B', '[{\"url\": \"https://p.example/b.mp3\"}]', 1, 200),"
	           " (3, 1, 'c', 'C', NULL, 1, 300),"
	           " (4, 1, 'd', 'D', '[{\"url\": \"https://p.example/d.mp3\"}]', 1, 400);") != 0)
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

static int64_t add(struct cache *c, int64_t item, const char *url, int expect)
{
	struct download_row spec = {
	    .item_id = item, .feed_id = 1, .url = (char *)url, .title = "T", .announced = 1000};
	int64_t id = 0;

	assert_int_equal(store_download_add(c, &spec, &id), expect);
	return id;
}

static void test_queue(void **state)
{
	struct cache *c = *state;
	struct download_row r, *rows;
	int64_t a, b, next, skip[1];
	int n;

	a = add(c, 1, "https://p.example/a.mp3", 1);
	b = add(c, 2, "https://p.example/b.mp3", 1);
	assert_int_equal(add(c, 1, "https://p.example/a.mp3", 0), a); /* once per enclosure */
	assert_int_equal(store_download_get(c, a, &r), 1);
	assert_int_equal(r.state, DL_QUEUED);
	assert_int_equal(r.announced, 1000);
	assert_int_equal(r.total, 1000);
	assert_null(r.path);
	download_row_free(&r);

	assert_int_equal(store_download_next(c, NULL, 0, &next), 1);
	assert_int_equal(next, a);
	skip[0] = a;
	assert_int_equal(store_download_next(c, skip, 1, &next), 1);
	assert_int_equal(next, b);

	assert_int_equal(
	    store_download_update(c, a, DL_DOWNLOADING, 10, 2000, "/d/a.mp3.part", NULL), 0);
	assert_int_equal(store_download_update(c, b, DL_FAILED, 0, -1, NULL, "HTTP 410 Gone"), 0);
	assert_int_equal(store_download_get(c, b, &r), 1);
	assert_int_equal(r.state, DL_FAILED);
	assert_string_equal(r.reason, "HTTP 410 Gone");
	assert_int_equal(r.total, -1);
	download_row_free(&r);
	/* queued again when asked for again, its reason gone */
	assert_int_equal(add(c, 2, "https://p.example/b.mp3", 0), b);
	assert_int_equal(store_download_get(c, b, &r), 1);
	assert_int_equal(r.state, DL_QUEUED);
	assert_null(r.reason);
	download_row_free(&r);

	/* a program that ended while downloading leaves it queued, its partial file kept */
	assert_int_equal(store_downloads_requeue_running(c), 1);
	assert_int_equal(store_download_get(c, a, &r), 1);
	assert_int_equal(r.state, DL_QUEUED);
	assert_string_equal(r.path, "/d/a.mp3.part");
	assert_int_equal(r.bytes, 10);
	download_row_free(&r);
	assert_int_equal(store_download_update(c, a, DL_FAILED, 0, 2000, "", "x"), 0);
	assert_int_equal(store_download_get(c, a, &r), 1);
	assert_null(r.path);
	download_row_free(&r);

	assert_int_equal(store_download_set_played(c, a, 1), 0);
	assert_int_equal(store_download_delete(c, b), 0);
	assert_int_equal(store_downloads_list(c, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, a);
	assert_true(rows[0].played);
	download_rows_free(rows, n);
	assert_int_equal(store_download_get(c, b, &r), 0);
}

static void test_newest_unqueued(void **state)
{
	struct cache *c = *state;
	int64_t *ids;
	int n;

	/* the newest two with enclosures are 4 and 2 (3 has none) */
	n = store_downloads_unqueued_newest(c, 1, 2, &ids);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], 4);
	assert_int_equal(ids[1], 2);
	free(ids);
	add(c, 4, "https://p.example/d.mp3", 1);
	n = store_downloads_unqueued_newest(c, 1, 2, &ids);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], 2);
	free(ids);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_media_list),
	    cmocka_unit_test(test_media_line),
	    cmocka_unit_test_setup_teardown(test_queue, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_newest_unqueued, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
