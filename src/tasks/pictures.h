/* Pictures for the reading pane: each one read from the disk cache or fetched (on a fetcher
 * of its own, driven by the caller's event loop), kept on disk within a size limit (the
 * oldest go first), and decoded on a thread of its own, so that neither the network nor a
 * large picture ever holds up the loop. Results come back through picture_loader_step().
 *
 * The disk cache holds the bytes as fetched, one file per URL named by a hash of it (never by
 * anything the server says). */
#ifndef TIDINGS_TASKS_PICTURES_H
#define TIDINGS_TASKS_PICTURES_H

#include "image/image.h"

#include <poll.h>
#include <stddef.h>

struct picture_loader;

/* Tells of each picture asked for: img (the callee takes it, and frees it with image_free)
 * on success, else err (valid during the call). url is the one asked for. */
typedef void (*picture_done_fn)(const char *url, struct image *img, const char *err, void *user);

/* A loader keeping its files in cache_dir (made when first needed) within cache_limit bytes
 * (0: nothing is kept on disk). NULL when libcurl or a thread cannot start. */
struct picture_loader *picture_loader_open(const char *cache_dir, size_t cache_limit,
                                           picture_done_fn done, void *user);
/* Asks for a picture decoded within lim (its fit box decides the size of what comes back).
 * Only http and https URLs are fetched, and none that failed before in this loader's life;
 * 0, or -1 when the URL is refused. */
int picture_loader_want(struct picture_loader *l, const char *url, const struct image_limits *lim);
/* Forgets every picture asked for (another article is shown): none of them is told of. */
void picture_loader_forget(struct picture_loader *l);
/* Pictures asked for and not yet told of. */
int picture_loader_pending(const struct picture_loader *l);
/* The fds to poll and the longest wait (-1: none). */
int picture_loader_wait_fds(struct picture_loader *l, struct pollfd *fds, int max, int *timeout_ms);
/* Moves fetches along and tells of the pictures done, without blocking. */
void picture_loader_step(struct picture_loader *l);
/* Stops the thread (after the picture it is decoding) and frees everything. */
void picture_loader_free(struct picture_loader *l);

/* The cache file's name for url: 16 hex digits of a hash, then ".img". buf holds 32 bytes. */
void picture_cache_name(const char *url, char buf[32]);

#endif
