#include "cli/resolve.h"
#include "core/log.h"
#include "core/util.h"
#include "store/feeds.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int resolve_item_id(const char *name, int64_t *item_id)
{
	char *end;
	long long v;

	if (!name || !*name || *name == '-' || *name == '+')
		return -1;
	errno = 0;
	v = strtoll(name, &end, 10);
	if (errno || *end || v <= 0)
		return -1;
	*item_id = v;
	return 0;
}

static const struct feed_row *row_by_url(const struct feed_row *rows, int n, const char *url)
{
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].url, url) == 0)
			return &rows[i];
	return NULL;
}

/* What was found so far: matches counts the feeds whose display name is name. */
struct found {
	int64_t id;
	const char *url;
	int matches;
	int exact; /* by id or URL: no other match counts */
};

static void take(struct found *f, const struct feed_row *row, const char *url, int exact)
{
	if (f->exact)
		return;
	f->id = row ? row->id : 0;
	f->url = url;
	f->exact = exact;
	f->matches = exact ? 1 : f->matches + 1;
}

int resolve_feed(struct cache *c, const struct feeds_file *ff, const char *name,
                 int subscribed_only, int64_t *feed_id, const char **url)
{
	struct found f = {0};
	struct feed_row *rows;
	int64_t id = 0;
	int n, by_id = resolve_item_id(name, &id) == 0;

	if (store_feed_list(c, &rows, &n) != 0)
		return -1;
	for (int i = 0; ff && i < ff->entry_count; i++) {
		const struct feed_entry *e = &ff->entries[i];
		const struct feed_row *row = row_by_url(rows, n, e->url);
		if (strcmp(e->url, name) == 0 || (by_id && row && row->id == id))
			take(&f, row, e->url, 1);
		else if (strcmp(feed_entry_display_name(e, e->url, row ? row->title : NULL),
		                name) == 0)
			take(&f, row, e->url, 0);
	}
	for (int i = 0; !subscribed_only && i < n; i++) {
		const struct feed_row *row = &rows[i];
		if (ff && feeds_file_find(ff, row->url))
			continue;
		if (strcmp(row->url, name) == 0 || (by_id && row->id == id))
			take(&f, row, NULL, 1);
		else if (row->title && strcmp(row->title, name) == 0)
			take(&f, row, NULL, 0);
	}
	feed_rows_free(rows, n);
	if (f.matches > 1) {
		log_error("%d feeds are named \"%s\": name one by its URL", f.matches, name);
		return -1;
	}
	if (f.matches == 0) {
		log_error("no %s matches \"%s\" (see 'tidings feeds')",
		          subscribed_only ? "subscription" : "feed", name);
		return -1;
	}
	*feed_id = f.id;
	*url = f.url;
	return 0;
}

int resolve_feed_id(struct cache *c, const struct feeds_file *ff, const char *name,
                    int64_t *feed_id)
{
	const char *url;

	if (resolve_feed(c, ff, name, 0, feed_id, &url) != 0)
		return -1;
	if (*feed_id == 0) {
		log_error("\"%s\" has no articles in the cache yet (see 'tidings refresh')", name);
		return -1;
	}
	return 0;
}
