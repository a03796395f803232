/* A filter tree (filter/filter.h) as a WHERE condition over `items i JOIN feeds f`.
 *
 * Article attributes become SQL expressions over the row; the comparisons whose meaning is
 * newsboat's (regular expressions, words, numbers read from text, ranges) call back into
 * filter_compare through an SQL function, so SQL and filter_eval can never disagree. Feed
 * attributes are judged once per feed in C when the condition is made (feeds are few) and
 * become `i.feed_id IN (...)`, which the list order indexes serve. `unread = "yes"` and
 * `saved = "yes"` are written as `i.read = 0` and `i.saved = 1`, for the partial indexes. */
#ifndef TIDINGS_STORE_FILTER_SQL_H
#define TIDINGS_STORE_FILTER_SQL_H

#include "filter/filter.h"
#include "filter/rules.h"
#include "store/cache.h"

#include <sqlite3.h>
#include <stdint.h>

struct filter_sql;

/* The condition for f in this cache and scope, or NULL on a database error. Parameters are
 * numbered from FILTER_SQL_FIRST_PARAM; the tree must outlive the result. */
#define FILTER_SQL_FIRST_PARAM 20
struct filter_sql *store_filter_sql(struct cache *c, const struct filter *f,
                                    const struct filter_scope *scope);
/* The condition of f (or of every article when f is NULL) without the articles the ignore
 * rules of hide hold for (ignore-mode display), or NULL on a database error. */
struct filter_sql *store_filter_sql_rules(struct cache *c, const struct filter *f,
                                          const struct rules *hide,
                                          const struct filter_scope *scope);
const char *filter_sql_text(const struct filter_sql *fs);
/* Binds the condition's parameters to a statement that contains its text. */
void filter_sql_bind(const struct filter_sql *fs, sqlite3_stmt *st);
void filter_sql_free(struct filter_sql *fs);
/* The unread and total articles the condition selects (a query view's counts). 0 or -1. */
int store_filter_counts(struct cache *c, const struct filter_sql *fs, int *unread, int *total);
/* Which of these articles the condition selects: match[k] is set to 1 for ids[k] when it
 * does, else 0 (highlight-article over the rows of a screen). 0 or -1. */
int store_filter_match_ids(struct cache *c, const struct filter_sql *fs, const int64_t *ids,
                           int count, unsigned char *match);

#endif
