/* The sync task: one reading state on every machine, through an aggregator server. It sends
 * the outbox (marks and unsubscriptions made here), subscribes the server to feeds added
 * here, takes the server's subscriptions (with folders as tags) into the feeds file, new
 * articles from its stream, and its read and starred state, and records when it ran and how
 * it ended. A failure leaves the outbox as it was, except what the server already accepted. */
#ifndef TIDINGS_TASKS_SYNC_H
#define TIDINGS_TASKS_SYNC_H

#include "config/feeds_file.h"
#include "store/cache.h"

/* The [sync] section names a service. */
int sync_configured(void);

struct sync_options {
	const char *data_dir;  /* for the session token */
	const char *lock_path; /* the refresh lock: one refresh or sync per cache at a time */
	int lock_wait_ms;
};

struct sync_summary {
	int subscribed;     /* feeds added here, subscribed on the server */
	int unsubscribed;   /* feeds removed here, unsubscribed on the server */
	int feeds_added;    /* subscriptions of the server added here */
	int feeds_removed;  /* feeds the server no longer has, removed here */
	int articles_added; /* new articles stored */
	int marks_sent;
	int marks_received; /* articles whose read or saved flag the server changed */
	int outbox_left;    /* marks still waiting (after a failure) */
	int requests;       /* HTTP requests made */
	double seconds;
};

/* Runs one sync of the cache and the feeds file. Returns 0, or -1 with *err (malloc'd) that
 * names the cause; the error is also kept for `tidings sync --status`. */
int sync_run(struct cache *c, struct feeds_file *ff, const struct sync_options *opts,
             struct sync_summary *sum, char **err);

#endif
