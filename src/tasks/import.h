/* Importing subscriptions: an OPML file from any feed reader (folders become tags), or
 * newsboat's urls file and cache.db (articles with their read and flagged state). Every URL
 * passes opml_url_refusal(); strings from the other program are sanitised. Problems are
 * reported through core/log as they are met; the counts come back in a struct
 * import_report. */
#ifndef TIDINGS_TASKS_IMPORT_H
#define TIDINGS_TASKS_IMPORT_H

#include "config/feeds_file.h"
#include "store/cache.h"

struct import_report {
	int added;   /* subscriptions added to the feeds file */
	int already; /* subscribed before */
	int refused; /* URLs refused (exec:, filter:, file:, ...) */
	/* newsboat's cache, when there was one */
	int has_cache;
	int items, new_items, read, saved;
};

/* Adds the subscriptions of the OPML file at path ("-" for standard input) to ff and saves
 * it. Returns 0, or -1 when the file could not be read or a URL was refused. */
int import_opml_file(struct feeds_file *ff, const char *path, struct import_report *r);

/* Where newsboat keeps its files: DIR when given (urls and cache.db inside), else ~/.newsboat
 * when it exists, else the XDG directories. Returns 0 with both paths (malloc'd; the cache
 * may not exist), or -1 when there is no urls file (logged). */
int import_newsboat_locate(const char *dir, char **urls_path, char **cache_path);
/* Adds newsboat's subscriptions to ff (saved) and copies its cached articles into c, marks
 * included. Returns 0, or -1 when something was refused or failed. */
int import_newsboat(struct cache *c, struct feeds_file *ff, const char *urls_path,
                    const char *cache_file, struct import_report *r);

#endif
