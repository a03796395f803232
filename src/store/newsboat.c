/* newsboat's cache.db read for moving over (store/newsboat.h). */
#include "store/newsboat.h"
#include "core/text.h"
#include "core/util.h"
#include "parse/date.h"
#include "store/internal.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct newsboat_cache {
	sqlite3 *db;
};

struct newsboat_cache *newsboat_cache_open(const char *path, char **err)
{
	struct newsboat_cache *nb;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int tables = 0;

	*err = NULL;
	if (access(path, F_OK) != 0)
		return NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_prepare_v2(db,
	                       "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
	                       " AND name IN ('rss_feed', 'rss_item')",
	                       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		tables = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (tables == 2) {
		nb = xcalloc(1, sizeof(*nb));
		nb->db = db;
		return nb;
	}
fail:
	*err = xasprintf("%s: not a newsboat cache (%s)", path,
	                 db ? sqlite3_errmsg(db) : "cannot open");
	sqlite3_close(db);
	return NULL;
}

void newsboat_cache_close(struct newsboat_cache *nb)
{
	if (!nb)
		return;
	sqlite3_close(nb->db);
	free(nb);
}

static char *column_clean(sqlite3_stmt *st, int col, int flags)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s && *s ? text_sanitize(s, (size_t)sqlite3_column_bytes(st, col), flags) : NULL;
}

void newsboat_feed_free(struct newsboat_feed *nf)
{
	parsed_feed_free(nf->feed);
	free(nf->read);
	free(nf->flagged);
}

/* The key tidings' parser gives the item newsboat knew by guid. For an item without a <guid>
 * (or Atom <id>) newsboat makes one of the link and the date as the feed wrote it
 * ("http://x/1Mon, 02 Jan 2023 10:00:00 GMT"), or takes the link alone; tidings keys such
 * an item by its link, so that is the key here, or the first refresh after the move would
 * add every such article again and leave the read and saved state on the copies. */
static char *item_key(char *guid, const char *link)
{
	size_t n = link ? strlen(link) : 0;

	if (!guid)
		return xstrdup(link);
	if (n > 0 && strncmp(guid, link, n) == 0 && guid[n] != '\0' &&
	    date_parse(guid + n) != TIME_UNKNOWN) {
		free(guid);
		return xstrdup(link);
	}
	return guid;
}

/* One row of the query in newsboat_feed_read into the next item. Items with neither guid nor link
 * could not be matched on the next refresh, so they are left out. */
static void nb_item_add(struct newsboat_feed *nf, sqlite3_stmt *q)
{
	struct parsed_feed *f = nf->feed;
	struct parsed_item *it;
	char *guid = column_clean(q, 0, 0), *link = column_clean(q, 1, 0), *enclosure;
	int64_t published = sqlite3_column_int64(q, 4);

	if (!guid && !link)
		return;
	f->items = xrealloc(f->items, sizeof(*f->items) * (size_t)(f->item_count + 1));
	nf->read = xrealloc(nf->read, (size_t)f->item_count + 1);
	nf->flagged = xrealloc(nf->flagged, (size_t)f->item_count + 1);
	it = &f->items[f->item_count];
	memset(it, 0, sizeof(*it));
	it->id = item_key(guid, link);
	it->link = link;
	it->title = column_clean(q, 2, TEXT_COLLAPSE_SPACE);
	it->author = column_clean(q, 3, TEXT_COLLAPSE_SPACE);
	it->content = column_clean(q, 5, TEXT_KEEP_NEWLINES);
	it->published = published > 0 ? published : TIME_UNKNOWN;
	it->updated = TIME_UNKNOWN;
	enclosure = column_clean(q, 8, 0);
	if (enclosure) {
		it->enclosures = xcalloc(1, sizeof(*it->enclosures));
		it->enclosures[0].url = enclosure;
		it->enclosures[0].type = column_clean(q, 9, 0);
		it->enclosures[0].length = -1;
		it->enclosure_count = 1;
	}
	nf->read[f->item_count] = sqlite3_column_int(q, 6) == 0;
	nf->flagged[f->item_count] = sqlite3_column_int(q, 7) != 0;
	f->item_count++;
}

/* Flagged articles (newsboat's flags column holds letters) will be saved; deleted ones come
 * over as read, so that the next refresh does not bring them back as new. */
int newsboat_feed_read(struct newsboat_cache *nbc, const char *url, struct newsboat_feed *nf,
                       char **err)
{
	sqlite3 *nb = nbc->db;
	sqlite3_stmt *q = NULL;
	int step;

	memset(nf, 0, sizeof(*nf));
	nf->feed = xcalloc(1, sizeof(*nf->feed));
	nf->feed->format = "rss";
	nf->feed->updated = TIME_UNKNOWN;
	if (sqlite3_prepare_v2(nb, "SELECT title, url FROM rss_feed WHERE rssurl = ?1", -1, &q,
	                       NULL) != SQLITE_OK)
		goto fail;
	cache_bind_text(q, 1, url);
	if (sqlite3_step(q) == SQLITE_ROW) {
		nf->feed->title = column_clean(q, 0, TEXT_COLLAPSE_SPACE);
		nf->feed->link = column_clean(q, 1, 0);
	}
	sqlite3_finalize(q);
	if (sqlite3_prepare_v2(nb,
	                       "SELECT guid, url, title, author, pubDate, content,"
	                       " unread AND NOT deleted,"
	                       " coalesce(flags, '') <> '', enclosure_url, enclosure_type"
	                       " FROM rss_item WHERE feedurl = ?1 ORDER BY id",
	                       -1, &q, NULL) != SQLITE_OK)
		goto fail;
	cache_bind_text(q, 1, url);
	while ((step = sqlite3_step(q)) == SQLITE_ROW)
		nb_item_add(nf, q);
	sqlite3_finalize(q);
	if (step == SQLITE_DONE)
		return 0;
fail:
	*err = xasprintf("reading newsboat's cache: %s", sqlite3_errmsg(nb));
	newsboat_feed_free(nf);
	return -1;
}
