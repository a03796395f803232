/* Subscribing: a URL fetched; a feed is added to the feeds file and its articles stored at
 * once; a web page is searched for the feeds it announces (tasks/discover.h), else for a feed
 * at the places sites usually keep one. Shared by `tidings add` and the reader's `a`. Nothing
 * here prints: the outcome comes back in a struct subscribe_result. */
#ifndef TIDINGS_TASKS_SUBSCRIBE_H
#define TIDINGS_TASKS_SUBSCRIBE_H

#include "config/feeds_file.h"
#include "store/cache.h"

enum subscribe_outcome {
	SUBSCRIBE_FAILED,  /* err says why */
	SUBSCRIBE_DONE,    /* subscribed to url */
	SUBSCRIBE_SEVERAL, /* the page names several feeds: candidates lists them */
};

struct subscribe_candidate {
	char *url;
	char *title;        /* the feed's own title, or NULL */
	const char *format; /* "rss", "rdf", "atom" or "json" (static) */
};

struct subscribe_result {
	enum subscribe_outcome outcome;
	char *url;      /* SUBSCRIBE_DONE: the URL the subscription is kept under */
	char *title;    /* its feed's title, or NULL */
	int item_count; /* articles the feed holds */
	char *warning;  /* subscribed, but something short of failing went wrong, or NULL */
	char *err;      /* SUBSCRIBE_FAILED: why */
	struct subscribe_candidate *candidates; /* SUBSCRIBE_SEVERAL */
	int candidate_count;
};

/* "example.org" names the web site: https://example.org. malloc'd. */
char *subscribe_normalise_url(const char *arg);

/* Subscribes to the feed at url (after subscribe_normalise_url), or to the one feed the page
 * at url leads to, with tags; adds the line to ff and saves it, then stores the articles in
 * c. Blocks for the fetches (the fetch-timeout setting bounds each). Fills *out; returns 0
 * for SUBSCRIBE_DONE, else -1. */
int subscribe_url(struct cache *c, struct feeds_file *ff, const char *url, const char *const *tags,
                  int tag_count, struct subscribe_result *out);
void subscribe_result_free(struct subscribe_result *r);

#endif
