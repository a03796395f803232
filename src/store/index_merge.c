/* Merging the search index's segments. FTS5 writes each indexing transaction as a new segment
 * and a search reads every segment's list of each word it looks up; automatic merging is off
 * (schema step 6: it cost a tenth of a refresh into an empty cache), so a large cache kept
 * fifteen or more segments, and every search paid for each of them. A refresh ends with a
 * merge bounded in pages (what it costs does not grow with the cache), and `tidings check`
 * merges everything into one segment. */
#include "store/items.h"
#include "store/internal.h"

/* One bounded step: FTS5 merges the level that holds most segments (at least 'usermerge',
 * 4 by default) for about `pages` leaf pages of output, and an unfinished merge goes on at
 * the next step. Returns 0 or -1. */
static int merge_step(struct cache *c, int pages)
{
	sqlite3_stmt *st = cache_prepare(c, "INSERT INTO items_fts(items_fts, rank)"
	                                    " VALUES ('merge', ?1)");
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, pages);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

int store_index_merge(struct cache *c, int pages)
{
	int rc;

	if (cache_begin(c) != 0)
		return -1;
	rc = pages > 0 ? merge_step(c, pages)
	               : cache_exec(c, "INSERT INTO items_fts(items_fts) VALUES ('optimize')");
	if (rc != 0 || cache_commit(c) != 0) {
		cache_rollback(c);
		return -1;
	}
	return 0;
}
