/* An article's media (its enclosures: podcast audio, video, files) as every view shows them:
 * read from the cache's items.enclosures column (JSON, see store/items.h) and described in
 * one way for the article header (render/header.c: reading pane, `show`, saved files), the
 * links menu and the Downloads view. */
#ifndef TIDINGS_CORE_MEDIA_H
#define TIDINGS_CORE_MEDIA_H

#include <stddef.h>
#include <stdint.h>

struct media {
	char *url;
	char *type;       /* MIME type, or NULL */
	int64_t length;   /* announced bytes, -1 when unknown */
	int64_t duration; /* seconds, 0 when unknown */
};

/* Reads the enclosures column (NULL or unreadable: none). Returns the count, *out malloc'd
 * (NULL for none); entries without a URL are left out. At most MEDIA_MAX are read. */
#define MEDIA_MAX 64
int media_list(const char *enclosures_json, struct media **out);
void media_list_free(struct media *list, int count);

/* "audio/mpeg, 12.3 MiB, 42:10": what is known of it, "" when nothing is. malloc'd. */
char *media_details(const struct media *m);
/* "URL (details)", or the URL alone: the one line that names an enclosure. malloc'd,
 * not sanitised (callers print through core/text). */
char *media_line(const struct media *m);

/* media_line for each enclosure of the column: *lines malloc'd. Returns the count. */
int media_lines(const char *enclosures_json, char ***lines);
void media_lines_free(char **lines, int count);

/* "1.5 KiB", "12.3 MiB", "2.0 GiB", "512 B" into out. */
void format_bytes(int64_t bytes, char *out, size_t size);
/* "42:10" or "1:02:03". */
void format_duration(int64_t seconds, char *out, size_t size);

#endif
