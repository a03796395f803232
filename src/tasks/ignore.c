/* ignore-article in download mode: see ignore.h. */
#include "tasks/ignore.h"
#include "core/util.h"
#include "store/ignored.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One article of a parsed feed, as filter_eval asks about it. */
struct judged {
	const struct parsed_feed *feed;
	const struct parsed_item *item;
	const struct filter_feed_info *info; /* the feeds file's line, or NULL */
	const char *url;
	int index;     /* of the item in the feed, from 1 */
	int feedindex; /* of the feed in the feeds file, from 1 (0: not in it) */
	int64_t now;
	char text[64];
};

static int64_t item_date(const struct parsed_item *it)
{
	return it->published != TIME_UNKNOWN ? it->published : it->updated;
}

static const char *number(struct judged *j, long long n)
{
	snprintf(j->text, sizeof(j->text), "%lld", n);
	return j->text;
}

static const char *article_value(enum filter_attr a, struct judged *j)
{
	const struct parsed_item *it = j->item;
	int64_t when = item_date(it);

	switch (a) {
	case FILTER_TITLE:
		return it->title;
	case FILTER_LINK:
		return it->link;
	case FILTER_AUTHOR:
		return it->author;
	case FILTER_CONTENT:
		return it->content && *it->content ? it->content : it->summary;
	case FILTER_DATE:
		filter_format_date(when == TIME_UNKNOWN ? j->now : when, j->text, sizeof(j->text));
		return j->text;
	case FILTER_GUID:
		return it->id;
	case FILTER_UNREAD:
		return "yes";
	case FILTER_SAVED:
		return "no";
	case FILTER_AGE:
		return number(j, when == TIME_UNKNOWN ? 0 : (j->now - when) / 86400);
	case FILTER_ENCLOSURE_URL:
		return it->enclosure_count > 0 ? it->enclosures[0].url : NULL;
	case FILTER_ENCLOSURE_TYPE:
		return it->enclosure_count > 0 ? it->enclosures[0].type : NULL;
	case FILTER_ARTICLEINDEX:
		return number(j, j->index);
	default: /* flags, fulltext: none yet */
		return NULL;
	}
}

static const char *value(enum filter_attr a, void *ctx)
{
	struct judged *j = ctx;

	switch (a) {
	case FILTER_FEEDTITLE:
		return j->info && j->info->title && *j->info->title ? j->info->title
		                                                    : j->feed->title;
	case FILTER_FEEDLINK:
		return j->feed->link;
	case FILTER_RSSURL:
		return j->url;
	case FILTER_DESCRIPTION:
		return j->feed->description;
	case FILTER_TAGS:
		return j->info ? j->info->tags : NULL;
	case FILTER_FEEDINDEX:
		return number(j, j->feedindex);
	case FILTER_UNREAD_COUNT:
	case FILTER_TOTAL_COUNT:
		/* newsboat judges before the feed is stored, when both are 0 */
		return "0";
	default:
		return article_value(a, j);
	}
}

static int applies(const struct rules *rules, const char *url)
{
	for (int i = 0; i < rules->ignore_count; i++)
		if (rules_ignore_applies(&rules->ignores[i], url))
			return 1;
	return 0;
}

int ignore_parsed_items(struct cache *c, const struct rules *rules,
                        const struct filter_scope *scope, int64_t feed_id, const char *url,
                        struct parsed_feed *feed, int64_t now)
{
	struct judged j = {.feed = feed, .url = url, .now = now};
	struct ignored_item *dropped;
	int kept = 0, count = 0, *rule_of;

	if (!rules || rules->display_mode || !applies(rules, url))
		return feed->item_count;
	for (int k = 0; scope && k < scope->feed_count; k++)
		if (scope->feeds[k].url && strcmp(scope->feeds[k].url, url) == 0) {
			j.info = &scope->feeds[k];
			j.feedindex = k + 1;
			break;
		}
	dropped = xcalloc((size_t)feed->item_count + 1, sizeof(*dropped));
	rule_of = xcalloc((size_t)feed->item_count + 1, sizeof(*rule_of));
	/* Items are judged in the feed's order; the kept ones move to the front, keeping their
	 * order, and the dropped ones (with the rule that dropped each) to the end. */
	for (int i = 0; i < feed->item_count; i++) {
		j.item = &feed->items[i];
		j.index = i + 1;
		rule_of[i] = rules_ignore_match(rules, url, value, &j);
		if (rule_of[i] < 0) {
			struct parsed_item t = feed->items[kept];
			int r = rule_of[kept];
			feed->items[kept] = feed->items[i];
			rule_of[kept] = rule_of[i];
			feed->items[i] = t;
			rule_of[i] = r;
			kept++;
		}
	}
	for (int i = kept; i < feed->item_count; i++) {
		const struct parsed_item *it = &feed->items[i];
		dropped[count].guid = it->id;
		dropped[count].title = it->title;
		dropped[count].link = it->link;
		dropped[count].published = item_date(it);
		dropped[count].rule = rules->ignores[rule_of[i]].line;
		count++;
	}
	free(rule_of);
	store_ignored_set(c, feed_id, dropped, count, now);
	free(dropped);
	return kept;
}

void ignore_digest(const struct rules *rules, const char *url, char digest[BODY_DIGEST_SIZE])
{
	struct buf b;

	if (!rules || rules->display_mode || !applies(rules, url))
		return;
	buf_init(&b);
	buf_puts(&b, digest);
	for (int i = 0; i < rules->ignore_count; i++)
		if (rules_ignore_applies(&rules->ignores[i], url))
			buf_printf(&b, "\n%s %s",
			           rules->ignores[i].feed ? rules->ignores[i].feed : "*",
			           rules->ignores[i].expr->text);
	body_digest(b.data, b.len, digest);
	buf_free(&b);
}
