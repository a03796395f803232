/* A sync back end: one aggregator API (the Google Reader API today; Fever, Miniflux, TT-RSS or
 * NewsBlur later, one file each) behind the operations the sync task needs. The task owns the
 * cache and the order of things; a back end only speaks to its server. Every operation
 * returns 0, or -1 with a one-line message (malloc'd, naming the real cause) in *err. */
#ifndef TIDINGS_SYNC_BACKEND_H
#define TIDINGS_SYNC_BACKEND_H

#include "store/sync.h"

#include <stdint.h>

struct http_client;

/* What the config's [sync] section says (the password already read). */
struct sync_account {
	const char *url; /* the API's base, e.g. https://host/api/greader.php */
	const char *user;
	const char *password;
	const char *token_file; /* where a session token is kept between syncs (mode 0600) */
};

struct sync_subscription {
	char *id;  /* the server's stream id of the feed */
	char *url; /* the feed's URL */
	char *title;
	char **folders;
	int folder_count;
};

/* An article as the back end read it: the store's one definition of a server article
 * (item.sync_id is the server's item id, item.saved its starred state), with strings still
 * untrusted server text, and the server's stream id of its feed. */
struct sync_article {
	const char *feed;
	struct sync_item item;
};

typedef int (*sync_article_fn)(const struct sync_article *a, void *user);
typedef int (*sync_id_fn)(const char *id, void *user);

enum sync_flag { SYNC_FLAG_READ, SYNC_FLAG_STARRED };

struct sync_backend;

struct sync_backend_ops {
	const char *name; /* as written after service = */
	struct sync_backend *(*open)(const struct sync_account *acct, struct http_client *http);
	void (*close)(struct sync_backend *b);
	int (*subscriptions)(struct sync_backend *b, struct sync_subscription **subs, int *count,
	                     char **err);
	/* Subscribes to url in folder (NULL for none); *id gets the new stream id. */
	int (*subscribe)(struct sync_backend *b, const char *url, const char *folder, char **id,
	                 char **err);
	int (*unsubscribe)(struct sync_backend *b, const char *id, char **err);
	/* Sets (value 1) or clears a flag on count items, in as few requests as the API allows. */
	int (*set_flag)(struct sync_backend *b, enum sync_flag flag, int value,
	                const char *const *ids, int count, char **err);
	/* Every article newer than *since (0: all the server has), oldest page first or any
	 * order; *since is advanced to where the next sync should start. fn returning -1 stops. */
	int (*articles)(struct sync_backend *b, int64_t *since, sync_article_fn fn, void *user,
	                char **err);
	/* The ids of every unread (flag read) or starred item. */
	int (*flagged_ids)(struct sync_backend *b, enum sync_flag flag, sync_id_fn fn, void *user,
	                   char **err);
};

const struct sync_backend_ops *sync_backend_find(const char *name);
extern const struct sync_backend_ops sync_greader_ops;

void sync_subscriptions_free(struct sync_subscription *subs, int count);

#endif
