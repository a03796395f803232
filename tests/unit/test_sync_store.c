/* The sync's part of the store: the outbox that triggers fill with every mark of an item the
 * server knows (and nothing while a sync writes the server's state), its removal only of what
 * the server accepted, articles matched by feed and link, and server state that never
 * overwrites a mark still waiting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/util.h"
#include "parse/feed.h"
#include "store/cache.h"
#include "store/internal.h"
#include "store/feeds.h"
#include "store/marks.h"
#include "store/sync.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[64];
static struct cache *c;
static int64_t feed;

static int setup(void **state)
{
	char *path, *err = NULL;

	(void)state;
	strcpy(tmpdir, "/tmp/tidings-sync-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	path = xasprintf("%s/cache.db", tmpdir);
	if (cache_open(path, &c, &err) != 0)
		return -1;
	free(path);
	feed = store_feed_ensure(c, "http://example.org/feed");
	return feed > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc;

	(void)state;
	cache_close(c);
	rc = system(cmd);
	free(cmd);
	return rc;
}

static int64_t item_id(const char *sync_id)
{
	sqlite3_stmt *st = cache_prepare(c, "SELECT id FROM items WHERE sync_id = ?1");
	int64_t id = 0;

	cache_bind_text(st, 1, sync_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static int flag_of(int64_t id, const char *col)
{
	char *sql = xasprintf("SELECT %s FROM items WHERE id = ?1", col);
	sqlite3_stmt *st = cache_prepare(c, sql);
	int v = -1;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	free(sql);
	return v;
}

static int store(const char *sync_id, const char *link, const char *title, int read, int saved)
{
	struct sync_item it = {.sync_id = sync_id,
	                       .link = link,
	                       .title = title,
	                       .published = TIME_UNKNOWN,
	                       .updated = TIME_UNKNOWN,
	                       .read = read,
	                       .saved = saved};
	int rc;

	assert_int_equal(store_sync_begin(c), 0);
	rc = store_sync_item(c, feed, &it);
	assert_int_equal(store_sync_commit(c), 0);
	return rc;
}

static void test_marks_fill_the_outbox(void **state)
{
	struct outbox_entry *e;
	int64_t id, seq;
	int n;

	(void)state;
	assert_int_equal(store("srv/1", "http://example.org/1", "One", 0, 0), SYNC_ITEM_ADDED);
	id = item_id("srv/1");
	assert_true(id > 0);
	assert_int_equal(store_outbox_count(c), 0); /* the server's state is not a local mark */

	assert_int_equal(store_mark_items(c, &id, 1, MARK_READ, 1, NULL), 1);
	assert_int_equal(store_mark_items(c, &id, 1, MARK_SAVED, 1, NULL), 1);
	assert_int_equal(store_outbox_list(c, &e, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(e[0].kind, "read");
	assert_string_equal(e[0].sync_id, "srv/1");
	assert_int_equal(e[0].value, 1);
	assert_string_equal(e[1].kind, "saved");
	seq = e[0].seq;

	/* a newer mark of the same flag replaces the waiting one */
	assert_int_equal(store_mark_items(c, &id, 1, MARK_READ, 0, NULL), 1);
	assert_int_equal(store_outbox_count(c), 2);
	/* the server accepted "read = 1", but the row now says 0: it stays */
	int one = 1;
	int64_t seqs[1];
	outbox_entries_free(e, n);
	assert_int_equal(store_outbox_list(c, &e, &n), 0);
	for (int i = 0; i < n; i++)
		if (strcmp(e[i].kind, "read") == 0)
			seqs[0] = e[i].seq;
	(void)seq;
	assert_int_equal(store_outbox_remove(c, seqs, &one, 1), 0);
	assert_int_equal(store_outbox_count(c), 2);
	/* accepted with the value it holds: gone */
	int zero = 0;
	assert_int_equal(store_outbox_remove(c, seqs, &zero, 1), 0);
	assert_int_equal(store_outbox_count(c), 1);
	outbox_entries_free(e, n);
	cache_exec(c, "DELETE FROM sync_outbox");
}

static void test_server_state_spares_waiting_marks(void **state)
{
	int64_t id;

	(void)state;
	store("srv/2", "http://example.org/2", "Two", 0, 0);
	id = item_id("srv/2");
	store_mark_items(c, &id, 1, MARK_READ, 1, NULL);
	/* the server still says unread and starred: read stays (waiting), saved is taken */
	assert_int_equal(store("srv/2", "http://example.org/2", "Two", 0, 1), SYNC_ITEM_CHANGED);
	assert_int_equal(flag_of(id, "read"), 1);
	assert_int_equal(flag_of(id, "saved"), 1);
	assert_int_equal(store_outbox_count(c), 1);

	/* the unread set says unread too: still read */
	assert_int_equal(store_sync_begin(c), 0);
	assert_int_equal(store_sync_set_begin(c), 0);
	assert_int_equal(store_sync_set_add(c, "srv/2"), 0);
	assert_true(store_sync_set_apply(c, "read") >= 0);
	assert_int_equal(store_sync_commit(c), 0);
	assert_int_equal(flag_of(id, "read"), 1);
	cache_exec(c, "DELETE FROM sync_outbox");
	/* with nothing waiting, the server's state is taken, and records nothing */
	assert_int_equal(store_sync_begin(c), 0);
	assert_int_equal(store_sync_set_begin(c), 0);
	assert_int_equal(store_sync_set_add(c, "srv/2"), 0);
	assert_true(store_sync_set_apply(c, "read") >= 1);
	assert_int_equal(store_sync_commit(c), 0);
	assert_int_equal(flag_of(id, "read"), 0);
	assert_int_equal(store_outbox_count(c), 0);
}

static void test_local_articles_matched_by_link_not_title(void **state)
{
	int64_t local;

	(void)state;
	cache_exec(c, "INSERT INTO items(feed_id, guid, link, title, read, first_seen)"
	              " VALUES (1, 'g-3', 'http://example.org/3', 'Tom & Jerry', 1, 0)");
	local = sqlite3_last_insert_rowid(c->db);
	/* the server rewrote the title; same feed and link: the same article */
	assert_int_equal(store("srv/3", "http://example.org/3", "Tom ＆ Jerry", 0, 0),
	                 SYNC_ITEM_MATCHED);
	assert_int_equal(item_id("srv/3"), local);
	/* read here, unread there: the local mark goes to the outbox */
	assert_int_equal(flag_of(local, "read"), 1);
	assert_int_equal(store_outbox_count(c), 1);
	/* same title, another link: another article */
	assert_int_equal(store("srv/4", "http://example.org/4", "Tom & Jerry", 0, 0),
	                 SYNC_ITEM_ADDED);
	assert_true(item_id("srv/4") != local);
	cache_exec(c, "DELETE FROM sync_outbox");
}

static void test_unsubscribe_recorded_unless_applying(void **state)
{
	struct outbox_entry *e;
	int64_t other = store_feed_ensure(c, "http://example.org/other");
	int n;

	(void)state;
	assert_int_equal(store_feed_set_sync_id(c, other, "feed/9"), 0);
	assert_int_equal(store_feed_delete(c, "http://example.org/other"), 0);
	assert_int_equal(store_outbox_list(c, &e, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].kind, "unsubscribe");
	assert_string_equal(e[0].sync_id, "feed/9");
	outbox_entries_free(e, n);
	cache_exec(c, "DELETE FROM sync_outbox");
	/* a feed the server does not know leaves nothing to send */
	store_feed_ensure(c, "http://example.org/local");
	assert_int_equal(store_feed_delete(c, "http://example.org/local"), 0);
	assert_int_equal(store_outbox_count(c), 0);
}

static void test_state_keys(void **state)
{
	char *v;

	(void)state;
	assert_null(store_sync_state_get(c, "last_sync"));
	assert_int_equal(store_sync_state_set(c, "last_sync", "123"), 0);
	v = store_sync_state_get(c, "last_sync");
	assert_string_equal(v, "123");
	free(v);
	assert_int_equal(store_sync_state_set(c, "last_sync", NULL), 0);
	assert_null(store_sync_state_get(c, "last_sync"));
	/* a committed state never holds the marker that silences the triggers */
	assert_int_equal(store_sync_begin(c), 0);
	store_sync_rollback(c);
	assert_null(store_sync_state_get(c, "applying"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_marks_fill_the_outbox),
	    cmocka_unit_test(test_server_state_spares_waiting_marks),
	    cmocka_unit_test(test_local_articles_matched_by_link_not_title),
	    cmocka_unit_test(test_unsubscribe_recorded_unless_applying),
	    cmocka_unit_test(test_state_keys),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
