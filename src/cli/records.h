/* Articles as the commands print them, one definition for all of them (list, search, show,
 * saved): a line of text, or a JSON record. */
#ifndef TIDINGS_CLI_RECORDS_H
#define TIDINGS_CLI_RECORDS_H

#include "config/feeds_file.h"
#include "store/items.h"

#include <json-c/json.h>

/* The feed's name as the user knows it: the feeds file's custom title (ff may be NULL), else
 * the feed's own title, else its URL. */
const char *record_feed_name(const struct item_row *r, const struct feeds_file *ff);

/* id, feed_id, feed_url, feed (display name), guid, title, link, author, published, updated
 * (RFC 3339 or null), read, saved, categories and enclosures (arrays); with the body columns
 * read (with_body), also summary, content and fulltext (HTML or null). */
json_object *record_json(const struct item_row *r, const struct feeds_file *ff, int with_body);

/* "  ID NS DATE TITLE  (FEED)", N when unread and S when saved, sanitised. */
void record_print(const struct item_row *r, const struct feeds_file *ff);

#endif
