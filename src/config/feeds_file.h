/* The subscription list: a plain text file that newsboat users can reuse unchanged.
 *
 *   # comment
 *   https://example.org/feed.xml  news tech "~Example news"  +full-text
 *
 * One URL per line, then optional tags, a "~Custom title", and options that start with '+'.
 * Edits made by tidings rewrite only the lines they are about; every other line and comment
 * stays byte for byte. */
#ifndef TIDINGS_CONFIG_FEEDS_FILE_H
#define TIDINGS_CONFIG_FEEDS_FILE_H

#include <stddef.h>

struct feed_entry {
	char *url;
	char *title; /* from "~Title", or NULL */
	char **tags;
	int tag_count;
	int full_text; /* the +full-text option */
	int line;      /* 1-based line in the file */
};

struct feeds_file {
	char *path;
	char **lines; /* the file's lines without their '\n' */
	int line_count;
	struct feed_entry *entries;
	int entry_count;
};

/* Loads path (a missing file is an empty list). Returns 0, or -1 with *err set. */
int feeds_file_load(const char *path, struct feeds_file *ff, char **err);
int feeds_file_parse(const char *text, size_t len, struct feeds_file *ff, char **err);
void feeds_file_free(struct feeds_file *ff);
const struct feed_entry *feeds_file_find(const struct feeds_file *ff, const char *url);
/* The URLs of the feeds tagged `tag` (ASCII case ignored), as a malloc'd array ending with
 * NULL whose strings stay ff's; NULL when none. ff is a struct feeds_file (the type fits
 * struct view_query's tag_urls). */
const char **feeds_file_tag_urls(const void *ff, const char *tag);
/* The name a feed is shown by, everywhere it is shown (feed column, article list, reading
 * pane, `tidings feeds`, `list`, `show`, saved files): its "~Custom title" in ff (may be
 * NULL), else cached_title (the feed's own title; may be NULL or empty), else its URL. */
const char *feed_display_name(const struct feeds_file *ff, const char *url,
                              const char *cached_title);
/* The same for a caller that holds the feed's entry already (e may be NULL). */
const char *feed_entry_display_name(const struct feed_entry *e, const char *url,
                                    const char *cached_title);
/* Appends a line; refuses (returns -1) when the URL is already listed. */
int feeds_file_add(struct feeds_file *ff, const char *url, const char *const *tags, int tag_count,
                   const char *title);
/* The same without the check, for a caller that knows the URL is not listed (an import of
 * thousands of feeds keeps its own index of them). */
void feeds_file_append(struct feeds_file *ff, const char *url, const char *const *tags,
                       int tag_count, const char *title);
/* Adds the +full-text option to the URL's line (nothing when it has it or is not listed). */
void feeds_file_set_full_text(struct feeds_file *ff, const char *url);
/* Removes the URL's line; returns -1 when it is not listed. */
int feeds_file_remove(struct feeds_file *ff, const char *url);
/* Changes a URL on its line, keeping the line's tags, title and options. */
int feeds_file_replace_url(struct feeds_file *ff, const char *old_url, const char *new_url);
/* Writes the file atomically (temporary file, fsync, rename). Returns 0, or -1 with *err. */
int feeds_file_save(struct feeds_file *ff, char **err);
/* Serialises the lines, for tests and for saving. */
char *feeds_file_text(const struct feeds_file *ff);

#endif
