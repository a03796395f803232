/* Saving for offline reading: an article (its full text fetched first when the cache has only
 * the feed's summary) written as Markdown, text or HTML to a file under saved/ (or save-dir),
 * and marked saved in the cache. */
#ifndef TIDINGS_TASKS_SAVE_H
#define TIDINGS_TASKS_SAVE_H

#include "config/feeds_file.h"
#include "extract/extract.h"
#include "fetch/fetch.h"
#include "store/cache.h"

#include <stddef.h>
#include <stdint.h>

enum save_format { SAVE_MARKDOWN, SAVE_TEXT, SAVE_HTML };

/* "markdown", "text" or "html"; returns -1 for anything else. */
int save_format_parse(const char *s, enum save_format *out);

/* Saves an item for offline reading: makes sure the cache holds its full text (fetching and
 * extracting the page when it has only the feed's summary; when that fails the feed's own
 * content is kept), marks it saved so that no clean-up removes it, and writes it in format
 * to output: NULL for a new file under the save directory, "-" for standard output, a
 * directory for a new file in it, or a file name that must not exist yet. File names come
 * from the date and the title, made safe; an existing file is never overwritten (a "-2",
 * "-3"... suffix is added). Returns 0 with *written_path (malloc'd; "-" for stdout) and
 * *warning (malloc'd, or NULL: what fell short, such as a page that could not be fetched),
 * or -1 with *err, leaving no partial file behind. The feed is named as feed_display_name
 * says (ff may be NULL). Prints nothing. */
int save_article(struct cache *c, const struct feeds_file *ff, int64_t item_id,
                 enum save_format format, const char *output, char **written_path, char **warning,
                 char **err);

/* The same for a URL: the item with this link when the cache has one, else a new item of the
 * cache's "Saved pages" feed (tidings:saved) made from the extracted page. *item_id gets the
 * item's id. */
int save_url(struct cache *c, const struct feeds_file *ff, const char *url, enum save_format format,
             const char *output, int64_t *item_id, char **written_path, char **warning, char **err);

/* The directory saved articles go to: the save-dir setting, else saved_dir. malloc'd. */
char *save_directory(const char *saved_dir);
/* The safe file name for an article: "YYYY-MM-DD-title.ext" with no '/', no leading dot, no
 * control or shell-special character, at most SAVE_NAME_MAX bytes. malloc'd. */
#define SAVE_NAME_MAX 120
char *save_file_name(const char *title, int64_t date, const char *ext);
/* The same alphabet alone: title made into a lower-case name part of at most max bytes, with
 * no '/', no dot and no special character ("article" when nothing is left). malloc'd. */
char *save_slug(const char *title, size_t max);

/* The article's body as Markdown (through render's document model). malloc'd. */
char *article_markdown_body(const struct article *a, const char *base_url);
/* The whole article as Markdown in the saved-article shape: title, "By" line, date, body,
 * "Original url:" (url may be NULL). malloc'd. */
char *article_markdown(const struct article *a, const char *url);

#endif
