/* The download queue: one row per enclosure asked for, kept in the cache so that it survives
 * restarts. A row moves queued -> downloading -> done, or to failed with a reason; paused
 * rows wait for the user. bytes is what the file holds so far, total what the server (or
 * else the feed) announced. The file's name is decided when the download starts (path: the
 * partial file while downloading, the finished file once done). */
#ifndef TIDINGS_STORE_DOWNLOADS_H
#define TIDINGS_STORE_DOWNLOADS_H

#include "store/cache.h"

#include <stdint.h>

enum download_state { DL_QUEUED, DL_DOWNLOADING, DL_PAUSED, DL_DONE, DL_FAILED };

/* "queued", "downloading", "paused", "done", "failed". */
const char *download_state_name(enum download_state s);

struct download_row {
	int64_t id;
	int64_t item_id;
	int64_t feed_id;
	char *url;
	char *title;  /* the episode's title when it was queued */
	char *feed;   /* the feed's name when it was queued */
	char *type;   /* MIME type from the feed, or NULL */
	char *dir;    /* the directory it goes to (the feed's folder), or NULL for the default */
	char *path;   /* the file: partial while downloading, final once done; NULL before */
	char *reason; /* why it failed, or NULL */
	int64_t announced; /* the feed's length, -1 unknown */
	int64_t bytes;     /* in the file so far */
	int64_t total;     /* expected size, -1 unknown */
	int64_t added;
	enum download_state state;
	int played;
};

void download_row_free(struct download_row *r);
void download_rows_free(struct download_row *rows, int count);

/* Queues one. When the item already has a row for this URL, *id gets it and a failed or
 * paused row is queued again (done and running ones stay as they are). Returns 1 when a row
 * was added, 0 when one was there, -1 on error. */
int store_download_add(struct cache *c, const struct download_row *spec, int64_t *id);
/* Every row, oldest first. Returns 0 or -1. */
int store_downloads_list(struct cache *c, struct download_row **rows, int *count);
/* Returns 1 with *row, 0 when there is no such row, -1 on error. */
int store_download_get(struct cache *c, int64_t id, struct download_row *row);
/* The oldest queued row not in skip (count skip_count): 1 with *id, 0 when none, -1. */
int store_download_next(struct cache *c, const int64_t *skip, int skip_count, int64_t *id);
/* Sets state, bytes, total (-1: unknown), path (NULL keeps it, "" clears it) and reason
 * (NULL clears it). */
int store_download_update(struct cache *c, int64_t id, enum download_state state, int64_t bytes,
                          int64_t total, const char *path, const char *reason);
int store_download_set_played(struct cache *c, int64_t id, int played);
int store_download_delete(struct cache *c, int64_t id);
/* Of a feed's newest `newest` items with enclosures, those never queued (auto-download):
 * *ids malloc'd, newest first. Returns the count or -1. */
int store_downloads_unqueued_newest(struct cache *c, int64_t feed_id, int newest, int64_t **ids);
/* Rows left "downloading" by a program that ended (a crash, a closed reader) go back to the
 * queue. Returns how many, or -1. */
int store_downloads_requeue_running(struct cache *c);

#endif
