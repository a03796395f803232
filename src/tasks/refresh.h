/* A refresh: every feed of the feeds file (or some of them) fetched, parsed and merged into the
 * cache, shared by `tidings refresh` and the reader. One refresh runs against a cache at a time
 * (a lock file); it is driven like the fetcher under it:
 *
 *     struct refresh *r = refresh_start(cache, feeds, &opts, &busy, &err);
 *     while (refresh_step(r)) {            // or refresh_run(r) to block until done
 *             n = refresh_wait_fds(r, fds, max, &timeout);
 *             poll(fds, n, timeout);
 *     }
 *     refresh_finish(r, &summary);
 *
 * Every feed's outcome is written to its cache row as it arrives (fetch time, validators,
 * errors), so a refresh cut short keeps what it did. Nothing here prints. */
#ifndef TIDINGS_TASKS_REFRESH_H
#define TIDINGS_TASKS_REFRESH_H

#include "config/feeds_file.h"
#include "fetch/fetch.h"
#include "filter/rules.h"
#include "store/cache.h"

#include <poll.h>
#include <stdint.h>

struct refresh_progress {
	int done, total, failed;
	const char *url; /* the feed that just finished */
};

typedef void (*refresh_progress_fn)(const struct refresh_progress *p, void *user);

struct refresh_options {
	const char *lock_path; /* paths.lock_file; NULL takes no lock (tests) */
	int lock_wait_ms;      /* how long to wait for another refresh to end; 0 does not wait */
	/* The feeds to refresh (URLs of the feeds file); NULL refreshes them all. Feeds named
	 * here are fetched even when gone or asked to wait. */
	const char *const *urls;
	int url_count;
	refresh_progress_fn progress; /* called after each feed; may be NULL */
	void *user;
	const struct fetch_options *fetch; /* NULL: from the settings */
	/* The rules file: its ignore-article rules drop articles before they are stored (in
	 * ignore-mode download); NULL for none. Must outlive the refresh. */
	const struct rules *rules;
};

struct refresh_failure {
	char *url;
	char *reason; /* sanitised, one line */
};

struct refresh_summary {
	int total;        /* feeds considered */
	int updated;      /* fetched, parsed and merged */
	int not_modified; /* 304 */
	int failed;
	int skipped; /* gone, or waiting for their Retry-After */
	int new_items;
	int changed_items;
	int moved;              /* feeds whose URL changed after a permanent redirect */
	int full_texts;         /* articles extracted from new items' pages (+full-text) */
	int full_text_failures; /* pages that could not be fetched or held no article */
	int expired;            /* old articles deleted (keep-articles-days) */
	struct refresh_failure *failures;
	int failure_count;
};

/* Takes the lock and queues every feed. Returns NULL with *err (malloc'd) when another
 * refresh holds the lock (*busy set) or something else went wrong (*busy clear). */
struct refresh *refresh_start(struct cache *c, struct feeds_file *ff,
                              const struct refresh_options *opts, int *busy, char **err);
/* The fds to poll and the longest wait before refresh_step() must run. */
int refresh_wait_fds(struct refresh *r, struct pollfd *fds, int max, int *timeout_ms);
/* Moves the refresh along without blocking (fetch completions are parsed and stored here).
 * Returns 1 while feeds are pending, 0 when all are done. */
int refresh_step(struct refresh *r);
/* Blocks until every feed is done. */
void refresh_run(struct refresh *r);
/* Ends the refresh (abandoning feeds still pending), releases the lock and fills *out. */
void refresh_finish(struct refresh *r, struct refresh_summary *out);
void refresh_summary_free(struct refresh_summary *s);

#endif
