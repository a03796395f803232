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

int resolve_feed_id(struct cache *c, const char *name, int64_t *feed_id)
{
	struct feed_row *rows;
	int n, matches = 0;
	int64_t id;

	if (resolve_item_id(name, &id) == 0) {
		*feed_id = id;
		return 0;
	}
	if (store_feed_list(c, &rows, &n) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (strcmp(rows[i].url, name) == 0) {
			*feed_id = rows[i].id;
			matches = 1;
			break;
		}
		if (rows[i].title && strcmp(rows[i].title, name) == 0) {
			*feed_id = rows[i].id;
			matches++;
		}
	}
	feed_rows_free(rows, n);
	if (matches == 1)
		return 0;
	if (matches > 1)
		log_error("%d feeds are titled \"%s\": name one by its URL", matches, name);
	else
		log_error("no feed in the cache matches \"%s\"", name);
	return -1;
}
