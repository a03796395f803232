/* The refresh job as the reader drives it: poll() over its fds, refresh_step(), the progress
 * callback, the summary, conditional requests on the second run, and the lock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config/config.h"
#include "core/util.h"
#include "tasks/refresh.h"
#include "store/feeds.h"
#include "store/internal.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

static char tmpdir[64];
static int port;
static pid_t server_pid;
static struct cache *cache;
static struct feeds_file feeds;
static char *lock_path;

static const struct fetch_options small_limits = {
    .max_parallel = 4,
    .max_per_host = 2,
    .connect_timeout = 2,
    .total_timeout = 4,
    .low_speed_limit = 100,
    .low_speed_time = 1,
    .max_size = 1 << 20,
};

struct progress_log {
	int calls, last_done, last_total, last_failed;
};

static void on_progress(const struct refresh_progress *p, void *user)
{
	struct progress_log *log = user;

	log->calls++;
	log->last_done = p->done;
	log->last_total = p->total;
	log->last_failed = p->failed;
}

static int setup(void **state)
{
	char *cmd, *text, *err = NULL;
	FILE *p;
	int pid;

	(void)state;
	strcpy(tmpdir, "/tmp/tidings-refresh-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	cmd = xasprintf("exec python3 '%s/servers/faultserver.py'", getenv("TESTS_SRCDIR"));
	p = popen(cmd, "r");
	free(cmd);
	if (!p || fscanf(p, "%d %d", &port, &pid) != 2)
		return -1;
	server_pid = pid;
	text = xasprintf("http://127.0.0.1:%d/feed/a\n"
	                 "http://127.0.0.1:%d/feed/b?items=4 tag\n"
	                 "http://127.0.0.1:%d/500\n",
	                 port, port, port);
	if (feeds_file_parse(text, strlen(text), &feeds, &err) != 0)
		return -1;
	free(text);
	feeds.path = xasprintf("%s/feeds", tmpdir);
	cmd = xasprintf("%s/cache.db", tmpdir);
	if (cache_open(cmd, &cache, &err) != 0)
		return -1;
	free(cmd);
	lock_path = xasprintf("%s/refresh.lock", tmpdir);
	settings_reset();
	return 0;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc;

	(void)state;
	kill(server_pid, SIGTERM);
	cache_close(cache);
	feeds_file_free(&feeds);
	free(lock_path);
	settings_free();
	rc = system(cmd);
	free(cmd);
	return rc;
}

/* Runs a refresh the way an event loop with fds of its own would. */
static void drive(struct refresh *r)
{
	struct pollfd fds[64];
	int timeout, n;

	while (refresh_step(r)) {
		n = refresh_wait_fds(r, fds, 63, &timeout);
		fds[n] = (struct pollfd){.fd = -1}; /* the loop's own fd would go here */
		poll(fds, (nfds_t)n + 1, timeout);
	}
}

static void test_first_refresh(void **state)
{
	struct progress_log log = {0};
	struct refresh_options o = {
	    .lock_path = lock_path, .progress = on_progress, .user = &log, .fetch = &small_limits};
	struct refresh_summary s;
	struct refresh *r;
	char *err = NULL;
	int busy;

	(void)state;
	r = refresh_start(cache, &feeds, &o, &busy, &err);
	assert_non_null(r);
	drive(r);
	refresh_finish(r, &s);
	assert_int_equal(s.total, 3);
	assert_int_equal(s.updated, 2);
	assert_int_equal(s.new_items, 7);
	assert_int_equal(s.failed, 1);
	assert_int_equal(s.failure_count, 1);
	assert_true(str_ends_with(s.failures[0].url, "/500"));
	assert_string_equal(s.failures[0].reason, "HTTP 500 Internal Server Error");
	assert_int_equal(log.calls, 3);
	assert_int_equal(log.last_done, 3);
	assert_int_equal(log.last_total, 3);
	assert_int_equal(log.last_failed, 1);
	refresh_summary_free(&s);
}

static int64_t cache_count(const char *sql)
{
	sqlite3_stmt *st = cache_prepare(cache, sql);
	int64_t n = -1;

	assert_non_null(st);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The refresh indexed what it stored: every item has its search entry, none is queued. */
static void test_refresh_leaves_everything_searchable(void **state)
{
	(void)state;
	assert_int_equal(cache_count("SELECT count(*) FROM items"), 7);
	assert_int_equal(cache_count("SELECT count(*) FROM items_fts"), 7);
	assert_int_equal(cache_count("SELECT count(*) FROM items i WHERE i.id IN"
	                             " (SELECT rowid FROM items_fts)"),
	                 7);
	assert_int_equal(cache_count("SELECT count(*) FROM fts_pending"), 0);
	assert_int_equal(cache->defer_index, 0);
	assert_int_equal(cache->batch, 0);
}

static void test_second_refresh_is_conditional(void **state)
{
	struct refresh_options o = {.lock_path = lock_path, .fetch = &small_limits};
	struct refresh_summary s;
	struct feed_row row;
	struct refresh *r;
	char *err = NULL, *url = xasprintf("http://127.0.0.1:%d/feed/a", port);
	int busy;

	(void)state;
	r = refresh_start(cache, &feeds, &o, &busy, &err);
	assert_non_null(r);
	refresh_run(r);
	refresh_finish(r, &s);
	assert_int_equal(s.not_modified, 2);
	assert_int_equal(s.new_items, 0);
	assert_int_equal(s.failed, 1);
	refresh_summary_free(&s);
	assert_int_equal(store_feed_get(cache, url, &row), 1);
	assert_non_null(row.etag);
	assert_int_equal(row.last_status, 304);
	assert_int_equal(row.total, 3);
	assert_null(row.last_error);
	feed_row_free(&row);
	free(url);
}

static void test_named_feeds_only(void **state)
{
	char *url = xasprintf("http://127.0.0.1:%d/500", port);
	const char *urls[] = {url};
	struct refresh_options o = {.urls = urls, .url_count = 1, .fetch = &small_limits};
	struct refresh_summary s;
	struct feed_row row;
	struct refresh *r;
	char *err = NULL;
	int busy;

	(void)state;
	r = refresh_start(cache, &feeds, &o, &busy, &err);
	refresh_run(r);
	refresh_finish(r, &s);
	assert_int_equal(s.total, 1);
	assert_int_equal(s.failed, 1);
	refresh_summary_free(&s);
	assert_int_equal(store_feed_get(cache, url, &row), 1);
	assert_int_equal(row.last_status, 500);
	assert_string_equal(row.last_error, "HTTP 500 Internal Server Error");
	assert_true(row.error_time > 0);
	feed_row_free(&row);
	free(url);
}

/* Items a refresh stored but did not live to index (killed between the two) are indexed by
 * the next refresh, whichever feeds it fetches. */
static void test_next_refresh_indexes_what_a_cut_refresh_left(void **state)
{
	char *url = xasprintf("http://127.0.0.1:%d/500", port);
	const char *urls[] = {url};
	struct refresh_options o = {.urls = urls, .url_count = 1, .fetch = &small_limits};
	struct refresh *r;
	char *err = NULL;
	int busy;

	(void)state;
	assert_int_equal(cache_exec(cache,
	                            "BEGIN;"
	                            "DELETE FROM items_fts WHERE rowid IN"
	                            "  (SELECT id FROM items LIMIT 3);"
	                            "INSERT INTO fts_pending(id) SELECT id FROM items LIMIT 3;"
	                            "COMMIT"),
	                 0);
	assert_int_equal(cache_count("SELECT count(*) FROM items_fts"), 4);
	r = refresh_start(cache, &feeds, &o, &busy, &err);
	assert_non_null(r);
	refresh_run(r);
	refresh_finish(r, NULL);
	assert_int_equal(cache_count("SELECT count(*) FROM fts_pending"), 0);
	assert_int_equal(cache_count("SELECT count(*) FROM items_fts"), 7);
	free(url);
}

static void test_one_refresh_at_a_time(void **state)
{
	struct refresh_options o = {
	    .lock_path = lock_path, .lock_wait_ms = 100, .fetch = &small_limits};
	int fd = open(lock_path, O_RDWR | O_CREAT, 0600), busy = 0;
	char *err = NULL;

	(void)state;
	/* Another process's lock: flock locks belong to the open file description. */
	assert_int_equal(flock(fd, LOCK_EX), 0);
	assert_null(refresh_start(cache, &feeds, &o, &busy, &err));
	assert_int_equal(busy, 1);
	assert_string_equal(err, "another refresh of this cache is running");
	free(err);
	close(fd);
}

static void test_abandoned_refresh(void **state)
{
	struct refresh_options o = {.lock_path = lock_path, .fetch = &small_limits};
	struct refresh_summary s;
	struct refresh *r;
	char *err = NULL;
	int busy;

	(void)state;
	/* The reader quits in the middle: finishing at once releases everything. */
	r = refresh_start(cache, &feeds, &o, &busy, &err);
	assert_non_null(r);
	refresh_step(r);
	refresh_finish(r, &s);
	refresh_summary_free(&s);
	r = refresh_start(cache, &feeds, &o, &busy, &err);
	assert_non_null(r);
	refresh_finish(r, NULL);
}

/* Refreshes one feed of the given feeds file, named, and returns its summary. */
static struct refresh_summary refresh_one(struct feeds_file *ff, const char *url)
{
	const char *urls[] = {url};
	struct refresh_options o = {.urls = urls, .url_count = 1, .fetch = &small_limits};
	struct refresh_summary s;
	struct refresh *r;
	char *err = NULL;
	int busy;

	r = refresh_start(cache, ff, &o, &busy, &err);
	assert_non_null(r);
	refresh_run(r);
	refresh_finish(r, &s);
	return s;
}

/* A server without validators answers in full every time: a body equal to the last one is
 * not parsed or merged again. The proof: an item deleted from the cache in between does not
 * come back, until the stored fingerprint is forgotten and the same body is merged anew. */
static void test_same_body_is_not_merged_again(void **state)
{
	char *url = xasprintf("http://127.0.0.1:%d/plain/p", port);
	char *rot = xasprintf("http://127.0.0.1:%d/rotating/q", port);
	char *text = xasprintf("%s\n%s\n", url, rot), *err = NULL;
	char *count_sql = xasprintf("SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id"
	                            " WHERE f.url = '%s'",
	                            url);
	char *forget = xasprintf("UPDATE feeds SET body_hash = NULL WHERE url = '%s'", url);
	struct feeds_file ff;
	struct refresh_summary s;
	struct feed_row row;

	(void)state;
	assert_int_equal(feeds_file_parse(text, strlen(text), &ff, &err), 0);
	s = refresh_one(&ff, url);
	assert_int_equal(s.updated, 1);
	assert_int_equal(s.new_items, 3);
	refresh_summary_free(&s);
	assert_int_equal(cache_count(count_sql), 3);
	assert_int_equal(cache_exec(cache, "DELETE FROM items WHERE guid = 'p-a-0'"), 0);
	assert_int_equal(cache_count(count_sql), 2);

	s = refresh_one(&ff, url); /* the same bytes again */
	assert_int_equal(s.updated, 0);
	assert_int_equal(s.not_modified, 1);
	assert_int_equal(s.new_items, 0);
	assert_int_equal(s.failed, 0);
	refresh_summary_free(&s);
	assert_int_equal(cache_count(count_sql), 2); /* not merged: the deleted item stays away */
	assert_int_equal(store_feed_get(cache, url, &row), 1);
	assert_int_equal(row.last_status, 200);
	assert_null(row.last_error);
	feed_row_free(&row);

	assert_int_equal(cache_exec(cache, forget), 0);
	s = refresh_one(&ff, url); /* no fingerprint: parsed and merged */
	assert_int_equal(s.updated, 1);
	assert_int_equal(s.new_items, 1);
	refresh_summary_free(&s);
	assert_int_equal(cache_count(count_sql), 3);

	/* A body that changes at every fetch is merged every time. */
	for (int i = 0; i < 2; i++) {
		s = refresh_one(&ff, rot);
		assert_int_equal(s.updated, 1);
		assert_int_equal(s.new_items, i == 0 ? 12 : 3);
		refresh_summary_free(&s);
	}
	feeds_file_free(&ff);
	free(text);
	free(url);
	free(rot);
	free(count_sql);
	free(forget);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_first_refresh),
	    cmocka_unit_test(test_refresh_leaves_everything_searchable),
	    cmocka_unit_test(test_second_refresh_is_conditional),
	    cmocka_unit_test(test_named_feeds_only),
	    cmocka_unit_test(test_next_refresh_indexes_what_a_cut_refresh_left),
	    cmocka_unit_test(test_one_refresh_at_a_time),
	    cmocka_unit_test(test_abandoned_refresh),
	    cmocka_unit_test(test_same_body_is_not_merged_again),
	};

	signal(SIGPIPE, SIG_IGN);
	setenv("no_proxy", "*", 1);
	return cmocka_run_group_tests(tests, setup, teardown);
}
