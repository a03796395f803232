/* Fuzzes the feed parser (RSS, RDF, Atom, JSON Feed, every encoding) and the cache merge: any
 * document parses or is refused, every string of the model is valid UTF-8 (parse/feed.h
 * promises it), and the feed merges into a cache. The cache is one in-memory database for
 * the whole run, as a refresh keeps merging into one cache; a cap keeps it small. */
#include "fuzz/fuzz.h"
#include "core/text.h"
#include "parse/feed.h"
#include "store/cache.h"
#include "store/feeds.h"
#include "store/items.h"

#include <stdlib.h>
#include <string.h>

static void check_utf8(const char *s)
{
	if (s && !utf8_is_valid(s, strlen(s)))
		abort();
}

static void check_item(const struct parsed_item *it)
{
	if (!it->id || !*it->id)
		abort(); /* the id is what merging relies on: always there */
	check_utf8(it->id);
	check_utf8(it->title);
	check_utf8(it->link);
	check_utf8(it->author);
	check_utf8(it->summary);
	check_utf8(it->content);
	check_utf8(it->image);
	for (int i = 0; i < it->category_count; i++)
		check_utf8(it->categories[i]);
	for (int i = 0; i < it->enclosure_count; i++) {
		check_utf8(it->enclosures[i].url);
		check_utf8(it->enclosures[i].type);
	}
}

static struct cache *fuzz_cache(int64_t *feed_id)
{
	static struct cache *c;
	static int64_t id;
	char *err = NULL;

	if (!c) {
		if (cache_open(":memory:", &c, &err) != 0)
			abort();
		id = store_feed_ensure(c, "http://fuzz.example/feed");
	}
	*feed_id = id;
	return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int quiet;
	struct feed_parse_options opts = {.base_url = "http://fuzz.example/dir/feed.xml"};
	struct parsed_feed *feed = NULL;
	struct merge_stats stats;
	char *err = NULL;
	int64_t feed_id;
	struct cache *c;

	if (!quiet++)
		fuzz_quiet_logs();
	if (feed_parse((const char *)data, size, &opts, &feed, &err) != 0) {
		free(err);
		return 0;
	}
	check_utf8(feed->title);
	check_utf8(feed->link);
	check_utf8(feed->description);
	check_utf8(feed->language);
	check_utf8(feed->author);
	check_utf8(feed->warning);
	for (int i = 0; i < feed->item_count; i++)
		check_item(&feed->items[i]);
	c = fuzz_cache(&feed_id);
	if (store_merge_feed(c, feed_id, feed, 20, &stats) != 0)
		abort();
	parsed_feed_free(feed);
	return 0;
}
