/* Full text and offline reading: an article's page fetched and extracted into the cache
 * (items.fulltext), and saved articles written to files under saved/ (or save-dir).
 *
 * fulltext_fetch_item() fetches one page and waits for it (at most the fetch-timeout setting),
 * for the commands. Without waiting: fulltext_queue_new() puts pages on a fetcher that an
 * event loop drives, the pages of a feed's new items during a refresh or one item's page for
 * the reader's `f` key. */
#ifndef TIDINGS_EXTRACT_SAVE_H
#define TIDINGS_EXTRACT_SAVE_H

#include "extract/extract.h"
#include "fetch/fetch.h"
#include "store/cache.h"

#include <stddef.h>
#include <stdint.h>

enum save_format { SAVE_MARKDOWN, SAVE_TEXT, SAVE_HTML };

/* "markdown", "text" or "html"; returns -1 for anything else. */
int save_format_parse(const char *s, enum save_format *out);

/* Fetches one page with the project's fetcher (settings' timeouts and size limit) and waits
 * for it. Returns 0 with *body (NUL-terminated) and *final_url (after redirects), or -1
 * with *err. Every string is malloc'd. */
int fulltext_fetch_page(const char *url, char **body, size_t *len, char **final_url, char **err);

/* Fetches the item's link, extracts the article and stores its HTML in items.fulltext.
 * Returns 0, or -1 with *err (no link, the fetch failed, no article on the page). */
int fulltext_fetch_item(struct cache *c, int64_t item_id, char **err);

/* Stores extracted article HTML as the item's full text. Returns 0 or -1. */
int fulltext_store(struct cache *c, int64_t item_id, const char *html);

/* Saves an item for offline reading: makes sure the cache holds its full text (fetching and
 * extracting the page when it has only the feed's summary; when that fails the feed's own
 * content is kept), marks it saved so that no clean-up removes it, and writes it in format
 * to output: NULL for a new file under the save directory, "-" for standard output, a
 * directory for a new file in it, or a file name that must not exist yet. File names come
 * from the date and the title, made safe; an existing file is never overwritten (a "-2",
 * "-3"... suffix is added). Returns 0 with *written_path (malloc'd; "-" for stdout), or -1
 * with *err, leaving no partial file behind. */
int save_article(struct cache *c, int64_t item_id, enum save_format format, const char *output,
                 char **written_path, char **err);

/* The same for a URL: the item with this link when the cache has one, else a new item of the
 * cache's "Saved pages" feed (tidings:saved) made from the extracted page. *item_id gets the
 * item's id. */
int save_url(struct cache *c, const char *url, enum save_format format, const char *output,
             int64_t *item_id, char **written_path, char **err);

/* The directory saved articles go to: the save-dir setting, else saved_dir. malloc'd. */
char *save_directory(const char *saved_dir);
/* The safe file name for an article: "YYYY-MM-DD-title.ext" with no '/', no leading dot, no
 * control or shell-special character, at most SAVE_NAME_MAX bytes. malloc'd. */
#define SAVE_NAME_MAX 120
char *save_file_name(const char *title, int64_t date, const char *ext);

/* The article's body as Markdown (through render's document model). malloc'd. */
char *article_markdown_body(const struct article *a, const char *base_url);
/* The whole article as Markdown in the saved-article shape: title, "By" line, date, body,
 * "Original url:" (url may be NULL). malloc'd. */
char *article_markdown(const struct article *a, const char *url);

/* Full text during refresh: queues the pages of the feed's items that have a link, no full
 * text yet and were first seen at or after `since`, at most FULLTEXT_MAX_PER_FEED of them,
 * on fetcher f; each completion extracts the page and stores the article. The queue owns
 * what the requests need; free it (after the fetcher) with fulltext_queue_free. */
#define FULLTEXT_MAX_PER_FEED 50
struct fulltext_queue;
struct fulltext_queue *fulltext_queue_new(struct cache *c, struct fetcher *f);
int fulltext_queue_feed(struct fulltext_queue *q, int64_t feed_id, int64_t since);
/* The reader's `f`: queues the page of one item (0, or -1 with *err when it has no link). */
int fulltext_queue_item(struct fulltext_queue *q, int64_t item_id, char **err);
/* Has done called as each queued page ends: err is NULL when the article was stored, else
 * the reason (valid during the call only). */
typedef void (*fulltext_done_fn)(int64_t item_id, const char *err, void *user);
void fulltext_queue_notify(struct fulltext_queue *q, fulltext_done_fn done, void *user);
/* Pages stored and pages that failed so far. */
void fulltext_queue_counts(const struct fulltext_queue *q, int *stored, int *failed);
void fulltext_queue_free(struct fulltext_queue *q);

#endif
