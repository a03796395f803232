/* The cache's schema as a list of forward migrations: step N turns a version N-1 database
 * into version N. Each step runs inside one transaction with the user_version bump. */
#include "store/cache.h"
#include "store/internal.h"
#include "core/util.h"
#include "store/tokenizer.h"

#include <stdlib.h>

/* Step 12: moves a tag at the head of the full text, PREFIX (LEN characters) then a value
 * and '">', into COLUMN, the value unescaped as buf_put_xml_escaped escaped it (&amp; &lt;
 * &gt; &quot; only; &amp; undone last). A full text without the whole tag is left as it is. */
/* clang-format off */
#define PREFIX_REST(len) "substr(fulltext," len "+1)"
#define PREFIX_END(len) "instr(" PREFIX_REST(len) ",'\">')"
#define PREFIX_VALUE(len) "substr(" PREFIX_REST(len) ",1," PREFIX_END(len) "-1)"
#define PREFIX_AFTER(len) "substr(" PREFIX_REST(len) "," PREFIX_END(len) "+2)"
#define ATTR_UNESCAPED(v) \
	"replace(replace(replace(replace(" v ",'&quot;','\"'),'&lt;','<'),'&gt;','>'),'&amp;','&')"
#define PREFIX_TO_COLUMN(column, prefix, len) \
	"UPDATE items SET " column "=" ATTR_UNESCAPED(PREFIX_VALUE(len)) "," \
	"fulltext=" PREFIX_AFTER(len) \
	" WHERE substr(fulltext,1," len ")='" prefix "' AND " PREFIX_END(len) ">0;"
/* clang-format on */

static const char *const migrations[] = {
    /* 1: feeds and items */
    "CREATE TABLE feeds ("
    "  id INTEGER PRIMARY KEY,"
    "  url TEXT NOT NULL UNIQUE,"
    "  title TEXT,"
    "  site_link TEXT,"
    "  description TEXT,"
    "  etag TEXT,"
    "  last_modified TEXT,"
    "  last_fetch INTEGER,"
    "  last_success INTEGER,"
    "  last_status INTEGER,"
    "  last_error TEXT,"
    "  error_time INTEGER"
    ");"
    "CREATE TABLE items ("
    "  id INTEGER PRIMARY KEY,"
    "  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
    "  guid TEXT NOT NULL,"
    "  link TEXT,"
    "  title TEXT,"
    "  author TEXT,"
    "  published INTEGER,"
    "  updated INTEGER,"
    "  summary TEXT,"
    "  content TEXT,"
    "  read INTEGER NOT NULL DEFAULT 0,"
    "  saved INTEGER NOT NULL DEFAULT 0,"
    "  first_seen INTEGER NOT NULL,"
    "  UNIQUE (feed_id, guid)"
    ");"
    "CREATE INDEX items_by_feed ON items(feed_id);",

    /* 2: full text, categories and enclosures, feed state for polite fetching, list order
     * indexes, and full-text search */
    "ALTER TABLE items ADD COLUMN fulltext TEXT;"
    "ALTER TABLE items ADD COLUMN categories TEXT;"
    "ALTER TABLE items ADD COLUMN enclosures TEXT;"
    "ALTER TABLE items ADD COLUMN sort_time INTEGER NOT NULL DEFAULT 0;"
    "UPDATE items SET sort_time = coalesce(published, updated, first_seen);"
    "ALTER TABLE feeds ADD COLUMN gone INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE feeds ADD COLUMN retry_after INTEGER;"
    "ALTER TABLE feeds ADD COLUMN parse_warning TEXT;"
    "DROP INDEX items_by_feed;"
    "CREATE INDEX items_by_time ON items(sort_time DESC, id DESC);"
    "CREATE INDEX items_by_feed_time ON items(feed_id, sort_time DESC, id DESC);"
    "CREATE INDEX items_unread ON items(sort_time DESC, id DESC) WHERE read = 0;"
    "CREATE INDEX items_saved ON items(sort_time DESC, id DESC) WHERE saved = 1;"
    "CREATE VIRTUAL TABLE items_fts USING fts5(title, author, body, tokenize = 'unicode61');"
    "INSERT INTO items_fts(rowid, title, author, body)"
    "  SELECT id, coalesce(title, ''), coalesce(author, ''),"
    "         coalesce(content, summary, '') FROM items;",

    /* 3: unread counts per feed from an index alone, never from the rows (the reader counts
     * the feeds it shows at every start) */
    "CREATE INDEX items_unread_by_feed ON items(feed_id) WHERE read = 0;",

    /* 4: article and unread counts per feed, kept by triggers on every change of items, so
     * that the reader's counts (and its start) cost the same for any number of articles */
    "CREATE TABLE feed_counts ("
    "  feed_id INTEGER PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,"
    "  total INTEGER NOT NULL DEFAULT 0,"
    "  unread INTEGER NOT NULL DEFAULT 0"
    ");"
    "INSERT INTO feed_counts(feed_id, total, unread)"
    "  SELECT feed_id, count(*), sum(read = 0) FROM items GROUP BY feed_id;"
    "CREATE TRIGGER items_counted AFTER INSERT ON items BEGIN"
    "  INSERT INTO feed_counts(feed_id, total, unread) VALUES (new.feed_id, 1, new.read = 0)"
    "    ON CONFLICT(feed_id) DO UPDATE SET total = total + 1,"
    "    unread = unread + (new.read = 0);"
    "END;"
    "CREATE TRIGGER items_uncounted AFTER DELETE ON items BEGIN"
    "  UPDATE feed_counts SET total = total - 1, unread = unread - (old.read = 0)"
    "    WHERE feed_id = old.feed_id;"
    "END;"
    "CREATE TRIGGER items_recounted AFTER UPDATE OF read, feed_id ON items"
    "  WHEN old.read IS NOT new.read OR old.feed_id IS NOT new.feed_id BEGIN"
    "  UPDATE feed_counts SET total = total - 1, unread = unread - (old.read = 0)"
    "    WHERE feed_id = old.feed_id;"
    "  INSERT INTO feed_counts(feed_id, total, unread) VALUES (new.feed_id, 1, new.read = 0)"
    "    ON CONFLICT(feed_id) DO UPDATE SET total = total + 1,"
    "    unread = unread + (new.read = 0);"
    "END;",

    /* 5: items waiting for the search index. A refresh stores every feed's items at once but
     * indexes them together at its end (one pass builds the index for a fraction of the cost
     * of one small index update per feed); the queue is written in the same transaction as
     * the items, so a refresh cut short leaves it for the next one. An item deleted before
     * it is indexed leaves the queue with it. */
    "CREATE TABLE fts_pending (id INTEGER PRIMARY KEY);"
    "CREATE TRIGGER items_unqueued AFTER DELETE ON items BEGIN"
    "  DELETE FROM fts_pending WHERE id = old.id;"
    "END;",

    /* 6: the search index is not merged as it is written: a refresh writes it in a few large
     * chunks, and merging its segments after each one cost about a tenth of a refresh into
     * an empty cache. Segments stay bounded all the same: FTS5 merges a level once it holds
     * crisismerge (16) of them, and a match over a few dozen segments stays well under a
     * millisecond. */
    "INSERT INTO items_fts(items_fts, rank) VALUES ('automerge', 0);",

    /* 7: search finds words in Chinese, Japanese and Korean (our own tokenizer, see
     * store/tokenizer.h), in the fetched full text and saved articles (body), and the feed's
     * name (feed). Every item is queued, and cache_open indexes the queue after this step. */
    "DROP TABLE items_fts;"
    "CREATE VIRTUAL TABLE items_fts USING fts5(title, author, body, feed,"
    "  tokenize = '" SEARCH_TOKENIZER "');"
    "INSERT INTO items_fts(items_fts, rank) VALUES ('automerge', 0);"
    "INSERT OR IGNORE INTO fts_pending(id) SELECT id FROM items;",

    /* 8: sync with an aggregator server. Items and feeds keep the server's id beside ours.
     * Every change of read or saved on an item the server knows, and every deletion of a
     * feed the server knows, is recorded in the outbox by a trigger: in the same transaction
     * as the change, whatever path made it (the reader, `tidings mark`, save, import), so
     * that no mark is lost to a crash or a network failure. One row per item and flag: a
     * newer mark replaces an older one, and a sync removes a row only when the server
     * accepted the value it holds. While a sync writes the server's state (sync_state holds
     * 'applying' inside its transaction, never in a committed state), nothing is recorded. */
    /* (Written tersely: the schema's text must fit the database's first page, which a
     * damaged file must still let us read to say what is wrong with it.) */
    "ALTER TABLE items ADD sync_id TEXT;"
    "CREATE UNIQUE INDEX items_sync_id ON items(sync_id) WHERE sync_id NOTNULL;"
    "ALTER TABLE feeds ADD sync_id TEXT;"
    "CREATE TABLE sync_outbox(seq INTEGER PRIMARY KEY,kind TEXT,sync_id TEXT,value INT,"
    "made INT,UNIQUE(kind,sync_id));"
    "CREATE TABLE sync_state(key TEXT PRIMARY KEY,value);"
    "CREATE TRIGGER sync_mark AFTER UPDATE OF read,saved ON items WHEN new.sync_id NOTNULL"
    " AND NOT EXISTS(SELECT 1 FROM sync_state WHERE key='applying') BEGIN"
    " INSERT OR REPLACE INTO sync_outbox(kind,sync_id,value,made)"
    " SELECT 'read',new.sync_id,new.read,unixepoch() WHERE old.read IS NOT new.read"
    " UNION ALL"
    " SELECT 'saved',new.sync_id,new.saved,unixepoch() WHERE old.saved IS NOT new.saved;"
    "END;"
    "CREATE TRIGGER sync_unsubscribe AFTER DELETE ON feeds WHEN old.sync_id NOTNULL"
    " AND NOT EXISTS(SELECT 1 FROM sync_state WHERE key='applying') BEGIN"
    " INSERT OR REPLACE INTO sync_outbox(kind,sync_id,value,made)"
    " VALUES('unsubscribe',old.sync_id,1,unixepoch());"
    "END;",

    /* 9: the fingerprint of the last body stored for each feed (core/util.h body_digest):
     * a server that sends no validators answers every fetch in full, and an answer equal to
     * the last one is neither parsed nor merged again. */
    "ALTER TABLE feeds ADD body_hash TEXT;",

    /* 10: the articles the rules file's ignore-article dropped at each feed's last refresh
     * (`tidings list --ignored`), and the articles the user deleted, by guid, so that a feed
     * that still lists them does not bring them back. */
    "CREATE TABLE ignored(feed_id INT,guid TEXT,title TEXT,link TEXT,published INT,"
    "rule INT,at INT);CREATE INDEX ignored_feed ON ignored(feed_id);"
    "CREATE TABLE deleted(feed_id INT,guid TEXT,at INT,PRIMARY KEY(feed_id,guid))"
    "WITHOUT ROWID;",

    /* 11: the download queue (store/downloads.h): one row per enclosure asked for. */
    "CREATE TABLE downloads(id INTEGER PRIMARY KEY,item_id INT,feed_id INT,url TEXT NOT NULL,"
    "title TEXT,feed TEXT,type TEXT,dir TEXT,path TEXT,reason TEXT,announced INT,"
    "bytes INT NOT NULL DEFAULT 0,total INT,added INT,state TEXT NOT NULL DEFAULT 'queued',"
    "played INT NOT NULL DEFAULT 0,UNIQUE(item_id,url));",

    /* 12: what a fetched page says of itself beside its article, in columns of its own: its
     * canonical URL on its own site (a save's "Original url") and its by-line. Until now
     * tasks/fulltext.c wrote them at the head of the full text's HTML, <link rel="canonical"
     * href="..."> then <meta name="author" content="...">, where `show --json` showed them;
     * they move out in this step's one transaction. */
    "ALTER TABLE items ADD page_url TEXT;"
    "ALTER TABLE items ADD page_byline TEXT;"
    /* the canonical URL, written first */
    PREFIX_TO_COLUMN("page_url", "<link rel=\"canonical\" href=\"", "28")
    /* then the by-line, which followed the canonical URL */
    PREFIX_TO_COLUMN("page_byline", "<meta name=\"author\" content=\"", "29"),
};

int cache_schema_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int fail_step(sqlite3 *db, int version, const char *msg, char **err)
{
	char *cause = cache_error_cause(db);
	(void)msg; /* the cause carries SQLite's message */
	*err = xasprintf("migrating the cache to version %d: %s", version, cause);
	free(cause);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* One step in one IMMEDIATE transaction. The version is read again inside it, because the
 * reader and a cron refresh may both open a new cache at the same moment. */
static int run_step(sqlite3 *db, int version, char **err)
{
	char *sql, *msg = NULL;
	int rc;

	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK) {
		rc = fail_step(db, version, msg, err);
		sqlite3_free(msg);
		return rc;
	}
	if (cache_schema_version(db) >= version)
		return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	sql = xasprintf("%s PRAGMA user_version = %d; PRAGMA application_id = %d; COMMIT;",
	                migrations[version - 1], version, CACHE_APPLICATION_ID);
	rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	free(sql);
	if (rc != SQLITE_OK) {
		rc = fail_step(db, version, msg, err);
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

int cache_migrate_to(sqlite3 *db, int version, char **err)
{
	int current = cache_schema_version(db);

	if (current < 0) {
		*err = xasprintf("cannot read the schema version: %s", sqlite3_errmsg(db));
		return -1;
	}
	for (int v = current + 1; v <= version && v <= (int)ARRAY_LEN(migrations); v++)
		if (run_step(db, v, err) != 0)
			return -1;
	return 0;
}
