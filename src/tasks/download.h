/* Downloads: an article's enclosures queued in the cache (store/downloads.h) and fetched to
 * files under the download directory, one folder per feed, on a fetcher that the caller
 * drives (the CLI blocks on it, the reader polls it in its event loop). An interrupted
 * download resumes with a Range request; a finished one is checked against the size
 * announced; files are named as saved articles are (tasks/save.h), written as NAME.part
 * and given their name only when complete, never over an existing file. Prints nothing. */
#ifndef TIDINGS_TASKS_DOWNLOAD_H
#define TIDINGS_TASKS_DOWNLOAD_H

#include "config/feeds_file.h"
#include "fetch/fetch.h"
#include "store/cache.h"
#include "store/downloads.h"

#include <stdint.h>

/* The directory downloads go to: the download-dir setting (~/ expanded), else
 * data_dir/downloads. malloc'd. */
char *download_directory(const char *data_dir);

/* Queues every enclosure of an item. output: a directory to put the files in, or NULL for
 * the feed's folder under base_dir. *ids (malloc'd, may be NULL) gets the rows' ids, *count
 * how many. Returns the number of rows newly added (0 when all were queued already), or -1
 * with *err (no such item, no enclosures, a cache error). */
int download_queue_item(struct cache *c, const struct feeds_file *ff, int64_t item_id,
                        const char *base_dir, const char *output, int64_t **ids, int *count,
                        char **err);

/* Auto-download: queues the newest `newest` episodes with enclosures, never queued before,
 * of every feed tagged +download in the feeds file. *ids (malloc'd, may be NULL) gets the
 * new rows. Returns how many were added, or -1. */
#define DOWNLOAD_TAG "+download"
int download_queue_tagged(struct cache *c, const struct feeds_file *ff, const char *base_dir,
                          int newest, int64_t **ids, int *count);

/* What a running download has done so far. */
struct download_progress {
	int64_t id;
	const char *title;   /* borrowed from the downloader */
	int64_t have, total; /* total -1 when unknown */
};

struct downloader;

/* changed is called (from inside fetcher_step) whenever a row changes state. */
struct downloader *downloader_new(struct cache *c, struct fetcher *f,
                                  void (*changed)(void *user, int64_t id), void *user);
/* The same on a fetcher of its own (the reader's), made from the settings; NULL when the
 * fetcher cannot start. Drive it with downloader_wait_fds and downloader_step. */
struct downloader *downloader_open(struct cache *c, void (*changed)(void *user, int64_t id),
                                   void *user);
/* As fetcher_wait_fds and fetcher_step (fetch/fetch.h) for the downloader's own fetcher;
 * both do nothing when no download runs. */
int downloader_wait_fds(struct downloader *d, struct pollfd *fds, int max, int *timeout_ms);
void downloader_step(struct downloader *d);
/* Stops every running download (they stay queued, resumable) and frees d. */
void downloader_free(struct downloader *d);
/* Only these rows are started (the CLI's own); count 0 lifts the restriction. */
void downloader_only(struct downloader *d, const int64_t *ids, int count);
/* Starts queued rows up to the download-parallel setting. Returns how many run. */
int downloader_start(struct downloader *d);
/* Running downloads into out (at most max). Returns how many run. */
int downloader_running(const struct downloader *d, struct download_progress *out, int max);
/* Pauses a row (stopping it when it runs); resume queues it again. Cancel stops it and
 * removes the row and its partial file; delete also removes a finished file. Returns 0 or
 * -1 with *err. */
int downloader_pause(struct downloader *d, int64_t id, char **err);
int downloader_resume(struct downloader *d, int64_t id, char **err);
int downloader_remove(struct downloader *d, int64_t id, int delete_file, char **err);

/* Without a downloader (the CLI): the same on the cache alone. */
int download_remove(struct cache *c, int64_t id, int delete_file, char **err);

#endif
