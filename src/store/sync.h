/* What sync with an aggregator server keeps in the cache: the server's ids of feeds and
 * items, the outbox of local changes not yet sent (filled by triggers, see schema.c), and
 * the sync's own state (last sync, last error, where the article stream stopped). */
#ifndef TIDINGS_STORE_SYNC_H
#define TIDINGS_STORE_SYNC_H

#include "store/cache.h"

#include <stdint.h>

/* One change waiting to be sent. kind is "read", "saved" or "unsubscribe"; sync_id the
 * server's item id or, for unsubscribe, its stream id. */
struct outbox_entry {
	int64_t seq;
	char *kind;
	char *sync_id;
	int value;
};

/* Every entry, oldest first. Returns 0 or -1. */
int store_outbox_list(struct cache *c, struct outbox_entry **out, int *count);
void outbox_entries_free(struct outbox_entry *e, int count);
/* Removes the entries the server accepted, each with the value it was sent with: an entry
 * replaced since by a mark of another value (made while the sync ran) stays. Returns 0 or
 * -1. */
int store_outbox_remove(struct cache *c, const int64_t *seqs, const int *values, int count);
/* Entries waiting, or -1. */
int store_outbox_count(struct cache *c);

/* The sync's state: "last_sync" (time of the last success), "last_error", "last_error_time",
 * "since" (the server's crawl time the article stream is read from). A malloc'd string or
 * NULL. */
char *store_sync_state_get(struct cache *c, const char *key);
/* Sets (value NULL removes) one key, in its own statement. Returns 0 or -1. */
int store_sync_state_set(struct cache *c, const char *key, const char *value);

/* A transaction that writes the server's state: what it changes is not recorded in the
 * outbox. Returns 0 or -1. */
int store_sync_begin(struct cache *c);
int store_sync_commit(struct cache *c);
void store_sync_rollback(struct cache *c);

struct feed_sync_row {
	int64_t id;
	char *url;
	char *sync_id; /* NULL: not (yet) known to the server */
};
/* Every feed with its server id. Returns 0 or -1. */
int store_feed_sync_list(struct cache *c, struct feed_sync_row **out, int *count);
void feed_sync_rows_free(struct feed_sync_row *rows, int count);
/* Sets a feed's server id (NULL clears it). Returns 0 or -1. */
int store_feed_set_sync_id(struct cache *c, int64_t feed_id, const char *sync_id);
/* Sets the feed's title when it has none. */
int store_feed_set_title_if_none(struct cache *c, int64_t feed_id, const char *title);

/* An article as the server has it. Strings are cleaned by the caller. */
struct sync_item {
	const char *sync_id;
	const char *link;
	const char *title;
	const char *author;
	const char *content; /* HTML */
	int64_t published;   /* TIME_UNKNOWN when unknown */
	int64_t updated;
	int read;
	int saved;
};

enum sync_item_result { SYNC_ITEM_KNOWN, SYNC_ITEM_CHANGED, SYNC_ITEM_MATCHED, SYNC_ITEM_ADDED };

/* Inside store_sync_begin .. commit: stores a server article of feed_id. One known by its
 * server id gets the server's read and saved flags, unless a local mark of the same flag
 * waits in the outbox; a local article of the same feed with the same link and no server id
 * becomes this one (its flags are the union of both, and a local mark the server lacks goes
 * to the outbox); anything else is added and queued for the search index. Returns an
 * enum sync_item_result, or -1. */
int store_sync_item(struct cache *c, int64_t feed_id, const struct sync_item *item);

/* The server's whole set of unread (flag "read") or starred (flag "saved") items: begin,
 * add every id, then apply inside store_sync_begin .. commit, which sets the flag of every
 * item the server knows from the set, except those with a mark of that flag in the outbox.
 * Returns the number of items changed, or -1. */
int store_sync_set_begin(struct cache *c);
int store_sync_set_add(struct cache *c, const char *sync_id);
int store_sync_set_apply(struct cache *c, const char *flag);

#endif
