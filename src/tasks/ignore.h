/* ignore-article at refresh (ignore-mode download): the articles of a parsed feed that a rule
 * of the rules file holds for are left out before the feed is merged, and recorded as the
 * feed's last dropped articles (store/ignored.h). They are judged as newsboat judges them
 * while downloading: new articles, unread, of the feed as the feeds file names it. */
#ifndef TIDINGS_TASKS_IGNORE_H
#define TIDINGS_TASKS_IGNORE_H

#include "filter/rules.h"
#include "parse/feed.h"
#include "store/cache.h"
#include "core/util.h"

#include <stdint.h>

/* Moves the dropped items of feed to the end of its item array and returns how many items
 * are kept (the first ones); the caller merges only those and restores item_count before
 * freeing the feed. Records what was dropped when any rule applies to the feed. */
int ignore_parsed_items(struct cache *c, const struct rules *rules,
                        const struct filter_scope *scope, int64_t feed_id, const char *url,
                        struct parsed_feed *feed, int64_t now);

/* Mixes the rules that apply to the feed into the digest of its body, so that a body stored
 * before under other rules is read again (a refresh skips a body it stored already). */
void ignore_digest(const struct rules *rules, const char *url, char digest[BODY_DIGEST_SIZE]);

#endif
