#include "tasks/sync.h"
#include "config/config.h"
#include "core/log.h"
#include "core/paths.h"
#include "core/text.h"
#include "core/url.h"
#include "core/util.h"
#include "parse/clean.h"
#include "parse/feed.h"
#include "store/feeds.h"
#include "store/items.h"
#include "store/sync.h"
#include "sync/backend.h"
#include "sync/credentials.h"
#include "sync/http.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

/* Marks per edit-tag request, each batch removed from the outbox once accepted. */
#define MARK_BATCH 100
/* Articles stored per transaction while reading the stream. */
#define ARTICLE_BATCH 500
#define LOCK_POLL_MS 50

int sync_configured(void)
{
	return settings.sync_service && strcmp(settings.sync_service, "none") != 0;
}

struct sync_run {
	struct cache *c;
	struct feeds_file *ff;
	const struct sync_backend_ops *ops;
	struct sync_backend *b;
	struct sync_summary *sum;
	struct feed_sync_row *feeds; /* by sync_id after load_feeds */
	int feed_count;
	int in_batch; /* articles stored in the open transaction */
	int failed;
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int take_lock(const char *path, int wait_ms, char **err)
{
	int fd;

	if (!path)
		return -2;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	for (int waited = 0;; waited += LOCK_POLL_MS) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;
		if (waited >= wait_ms) {
			*err = xstrdup("another refresh or sync of this cache is running");
			close(fd);
			return -1;
		}
		usleep(LOCK_POLL_MS * 1000);
	}
	*err = xasprintf("%s: %s", path, strerror(errno));
	close(fd);
	return -1;
}

/* --- the outbox --- */

static int send_unsubscribes(struct sync_run *r, struct outbox_entry *e, int n, char **err)
{
	for (int i = 0; i < n; i++) {
		if (strcmp(e[i].kind, "unsubscribe") != 0)
			continue;
		if (r->ops->unsubscribe(r->b, e[i].sync_id, err) != 0)
			return -1;
		if (store_outbox_remove(r->c, &e[i].seq, &e[i].value, 1) != 0) {
			*err = xstrdup("cannot update the outbox in the cache");
			return -1;
		}
		r->sum->unsubscribed++;
	}
	return 0;
}

/* Every mark of one kind and value, in batches, each removed once the server accepted it. */
static int send_marks(struct sync_run *r, struct outbox_entry *e, int n, const char *kind,
                      int value, char **err)
{
	const char **ids = xcalloc(MARK_BATCH, sizeof(char *));
	int64_t *seqs = xcalloc(MARK_BATCH, sizeof(int64_t));
	int *values = xcalloc(MARK_BATCH, sizeof(int));
	enum sync_flag flag = strcmp(kind, "read") == 0 ? SYNC_FLAG_READ : SYNC_FLAG_STARRED;
	int rc = 0;

	for (int i = 0; i < n && rc == 0;) {
		int k = 0;
		for (; i < n && k < MARK_BATCH; i++) {
			if (strcmp(e[i].kind, kind) != 0 || e[i].value != value)
				continue;
			ids[k] = e[i].sync_id;
			values[k] = e[i].value;
			seqs[k++] = e[i].seq;
		}
		if (k == 0)
			break;
		rc = r->ops->set_flag(r->b, flag, value, ids, k, err);
		if (rc == 0 && store_outbox_remove(r->c, seqs, values, k) != 0) {
			*err = xstrdup("cannot update the outbox in the cache");
			rc = -1;
		}
		if (rc == 0)
			r->sum->marks_sent += k;
	}
	free(ids);
	free(seqs);
	free(values);
	return rc;
}

static int send_outbox(struct sync_run *r, char **err)
{
	struct outbox_entry *e;
	int n, rc;

	if (store_outbox_list(r->c, &e, &n) != 0) {
		*err = xstrdup("cannot read the outbox from the cache");
		return -1;
	}
	rc = send_unsubscribes(r, e, n, err);
	if (rc == 0)
		rc = send_marks(r, e, n, "read", 1, err);
	if (rc == 0)
		rc = send_marks(r, e, n, "read", 0, err);
	if (rc == 0)
		rc = send_marks(r, e, n, "saved", 1, err);
	if (rc == 0)
		rc = send_marks(r, e, n, "saved", 0, err);
	outbox_entries_free(e, n);
	return rc;
}

/* --- subscriptions --- */

static int load_feeds(struct sync_run *r, char **err)
{
	feed_sync_rows_free(r->feeds, r->feed_count);
	r->feeds = NULL;
	r->feed_count = 0;
	if (store_feed_sync_list(r->c, &r->feeds, &r->feed_count) != 0) {
		*err = xstrdup("cannot read the feeds from the cache");
		return -1;
	}
	return 0;
}

static struct feed_sync_row *feed_by_url(struct sync_run *r, const char *url)
{
	for (int i = 0; i < r->feed_count; i++)
		if (strcmp(r->feeds[i].url, url) == 0)
			return &r->feeds[i];
	return NULL;
}

static struct feed_sync_row *feed_by_sync_id(struct sync_run *r, const char *id)
{
	for (int i = 0; i < r->feed_count; i++)
		if (r->feeds[i].sync_id && strcmp(r->feeds[i].sync_id, id) == 0)
			return &r->feeds[i];
	return NULL;
}

/* Feeds of the feeds file the server does not know yet (added here): subscribed there, in
 * the folder of their first tag. */
static int subscribe_new(struct sync_run *r, char **err)
{
	for (int i = 0; i < r->ff->entry_count; i++) {
		const struct feed_entry *e = &r->ff->entries[i];
		struct feed_sync_row *row = feed_by_url(r, e->url);
		char *id = NULL;
		int64_t feed_id;

		if (row && row->sync_id)
			continue;
		if (r->ops->subscribe(r->b, e->url, e->tag_count ? e->tags[0] : NULL, &id, err) !=
		    0)
			return -1;
		feed_id = row ? row->id : store_feed_ensure(r->c, e->url);
		if (feed_id < 0 || store_feed_set_sync_id(r->c, feed_id, id) != 0) {
			free(id);
			*err = xstrdup("cannot store the feed's server id in the cache");
			return -1;
		}
		free(id);
		r->sum->subscribed++;
	}
	return load_feeds(r, err);
}

static int has_subscription(struct sync_subscription *subs, int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (strcmp(subs[i].id, id) == 0)
			return 1;
	return 0;
}

/* The server's subscriptions into the feeds file and the cache. */
static int take_subscriptions(struct sync_run *r, struct sync_subscription *subs, int n,
                              int *changed, char **err)
{
	for (int i = 0; i < n; i++) {
		struct feed_sync_row *row = feed_by_url(r, subs[i].url);
		struct feed_sync_row *known = feed_by_sync_id(r, subs[i].id);
		int64_t feed_id;

		/* The server knows the feed by another URL (it followed a redirect, or normalised
		 * the one we gave): ours takes the server's, keeping its line's tags and title. */
		if (!row && known && store_feed_set_url(r->c, known->url, subs[i].url) == 0) {
			if (feeds_file_replace_url(r->ff, known->url, subs[i].url) == 0)
				*changed = 1;
			free(known->url);
			known->url = xstrdup(subs[i].url);
			continue;
		}

		if (row && row->sync_id && strcmp(row->sync_id, subs[i].id) == 0 &&
		    feeds_file_find(r->ff, subs[i].url))
			continue;
		if (!feeds_file_find(r->ff, subs[i].url)) {
			feeds_file_append(r->ff, subs[i].url, (const char *const *)subs[i].folders,
			                  subs[i].folder_count, NULL);
			*changed = 1;
			r->sum->feeds_added++;
		}
		feed_id = row ? row->id : store_feed_ensure(r->c, subs[i].url);
		if (feed_id < 0 || store_feed_set_sync_id(r->c, feed_id, subs[i].id) != 0 ||
		    (subs[i].title &&
		     store_feed_set_title_if_none(r->c, feed_id, subs[i].title) != 0)) {
			*err = xstrdup("cannot store a subscription in the cache");
			return -1;
		}
	}
	return 0;
}

/* Feeds the server knew and no longer has (removed on another machine): removed here. The
 * feeds file first, so that a crash between the two leaves a row the next sync removes. */
static int drop_unsubscribed(struct sync_run *r, struct sync_subscription *subs, int n,
                             int *changed, char **err)
{
	for (int i = 0; i < r->feed_count; i++) {
		struct feed_sync_row *row = &r->feeds[i];
		if (!row->sync_id || has_subscription(subs, n, row->sync_id))
			continue;
		if (feeds_file_remove(r->ff, row->url) == 0) {
			if (feeds_file_save(r->ff, err) != 0)
				return -1;
			r->sum->feeds_removed++;
		}
		/* No server id: the deletion is not an unsubscription to send. */
		if (store_feed_set_sync_id(r->c, row->id, NULL) != 0 ||
		    store_feed_delete(r->c, row->url) != 0) {
			*err = xasprintf("cannot remove %s from the cache", row->url);
			return -1;
		}
	}
	(void)changed;
	return 0;
}

static int sync_subscriptions(struct sync_run *r, char **err)
{
	struct sync_subscription *subs;
	int n, changed = 0, rc;

	if (load_feeds(r, err) != 0 || subscribe_new(r, err) != 0)
		return -1;
	if (r->ops->subscriptions(r->b, &subs, &n, err) != 0)
		return -1;
	rc = take_subscriptions(r, subs, n, &changed, err);
	if (rc == 0 && changed)
		rc = feeds_file_save(r->ff, err);
	if (rc == 0)
		rc = load_feeds(r, err);
	if (rc == 0)
		rc = drop_unsubscribed(r, subs, n, &changed, err);
	if (rc == 0)
		rc = load_feeds(r, err);
	sync_subscriptions_free(subs, n);
	return rc;
}

/* --- articles and their state --- */

static char *clean_link(const char *link)
{
	if (!url_is_web(link))
		return NULL;
	return text_sanitize_str(link, TEXT_COLLAPSE_SPACE);
}

static int store_article(const struct sync_article *a, void *user)
{
	struct sync_run *r = user;
	struct feed_sync_row *feed = feed_by_sync_id(r, a->feed);
	struct sync_item it;
	char *title, *author, *content, *link;
	int rc;

	if (!feed)
		return 0; /* a feed of the server's we do not follow */
	if (r->in_batch >= ARTICLE_BATCH) {
		if (store_sync_commit(r->c) != 0 || store_sync_begin(r->c) != 0)
			return -1;
		r->in_batch = 0;
	}
	title = a->item.title ? clean_title(a->item.title) : NULL;
	author = a->item.author ? clean_text(a->item.author) : NULL;
	content = a->item.content ? text_sanitize_str(a->item.content, TEXT_KEEP_NEWLINES) : NULL;
	link = clean_link(a->item.link);
	it = a->item; /* the flags, dates and server id as they are; the text cleaned */
	it.link = link;
	it.title = title;
	it.author = author && *author ? author : NULL;
	it.content = content;
	rc = store_sync_item(r->c, feed->id, &it);
	free(title);
	free(author);
	free(content);
	free(link);
	if (rc < 0)
		return -1;
	r->in_batch++;
	if (rc == SYNC_ITEM_ADDED)
		r->sum->articles_added++;
	else if (rc == SYNC_ITEM_CHANGED)
		r->sum->marks_received++;
	return 0;
}

static int sync_articles(struct sync_run *r, char **err)
{
	char *since_text = store_sync_state_get(r->c, "since");
	int64_t since = since_text ? strtoll(since_text, NULL, 10) : 0;
	char buf[32];
	int rc;

	free(since_text);
	if (store_sync_begin(r->c) != 0) {
		*err = xstrdup("cannot write to the cache");
		return -1;
	}
	r->in_batch = 0;
	rc = r->ops->articles(r->b, &since, store_article, r, err);
	if (rc == 0) {
		snprintf(buf, sizeof(buf), "%" PRId64, since);
		if (store_sync_state_set(r->c, "since", buf) != 0 || store_sync_commit(r->c) != 0) {
			*err = xstrdup("cannot write the articles to the cache");
			return -1;
		}
		return 0;
	}
	/* What was stored is kept (it is the server's, and the next sync reads it again). */
	if (store_sync_commit(r->c) != 0)
		store_sync_rollback(r->c);
	if (!*err)
		*err = xstrdup("cannot write the articles to the cache");
	return -1;
}

static int add_to_set(const char *id, void *user)
{
	return store_sync_set_add(user, id);
}

static int sync_flag(struct sync_run *r, enum sync_flag flag, char **err)
{
	int changed;

	if (store_sync_begin(r->c) != 0 || store_sync_set_begin(r->c) != 0) {
		store_sync_rollback(r->c);
		*err = xstrdup("cannot write to the cache");
		return -1;
	}
	if (r->ops->flagged_ids(r->b, flag, add_to_set, r->c, err) != 0) {
		store_sync_rollback(r->c);
		return -1;
	}
	changed = store_sync_set_apply(r->c, flag == SYNC_FLAG_READ ? "read" : "saved");
	if (changed < 0 || store_sync_commit(r->c) != 0) {
		store_sync_rollback(r->c);
		*err = xstrdup("cannot write the server's marks to the cache");
		return -1;
	}
	r->sum->marks_received += changed;
	return 0;
}

/* --- the whole --- */

static int open_backend(struct sync_run *r, struct sync_account *acct, struct http_client *http,
                        char **password, char **err)
{
	r->ops = sync_backend_find(settings.sync_service);
	if (!r->ops) {
		*err = xasprintf("[sync] service \"%s\" is not one tidings speaks",
		                 settings.sync_service);
		return -1;
	}
	if (!settings.sync_url || !*settings.sync_url || !settings.sync_user ||
	    !*settings.sync_user) {
		*err = xstrdup("[sync] needs url and user");
		return -1;
	}
	if (sync_password(settings.sync_password_command, settings.sync_password_file, password,
	                  err) != 0)
		return -1;
	acct->url = settings.sync_url;
	acct->user = settings.sync_user;
	acct->password = *password;
	r->b = r->ops->open(acct, http);
	return r->b ? 0 : -1;
}

static void record_end(struct cache *c, const char *error)
{
	char when[32];

	snprintf(when, sizeof(when), "%lld", (long long)time(NULL));
	if (error) {
		store_sync_state_set(c, "last_error", error);
		store_sync_state_set(c, "last_error_time", when);
	} else {
		store_sync_state_set(c, "last_sync", when);
		store_sync_state_set(c, "last_error", NULL);
		store_sync_state_set(c, "last_error_time", NULL);
	}
}

/* A URL without its trailing slashes, so that "https://host/api/greader.php/" works too. */
static char *trimmed_url(const char *url)
{
	char *u = xstrdup(url);
	size_t n = strlen(u);
	while (n > 0 && u[n - 1] == '/')
		u[--n] = '\0';
	return u;
}

int sync_run(struct cache *c, struct feeds_file *ff, const struct sync_options *opts,
             struct sync_summary *sum, char **err)
{
	struct sync_run r = {.c = c, .ff = ff, .sum = sum};
	struct sync_account acct = {0};
	struct http_client *http = NULL;
	char *password = NULL, *url = NULL;
	double start = now_seconds();
	int lock = -2, rc = -1;

	memset(sum, 0, sizeof(*sum));
	*err = NULL;
	lock = take_lock(opts->lock_path, opts->lock_wait_ms, err);
	if (lock == -1)
		goto out;
	http = http_client_new();
	if (!http) {
		*err = xstrdup("cannot start libcurl");
		goto out;
	}
	acct.token_file = path_join(opts->data_dir, "sync-token");
	if (open_backend(&r, &acct, http, &password, err) != 0)
		goto out;
	url = trimmed_url(settings.sync_url);
	acct.url = url;
	if (send_outbox(&r, err) == 0 && sync_subscriptions(&r, err) == 0 &&
	    sync_articles(&r, err) == 0 && sync_flag(&r, SYNC_FLAG_READ, err) == 0 &&
	    sync_flag(&r, SYNC_FLAG_STARRED, err) == 0)
		rc = 0;
	if (store_index_pending(c) < 0)
		log_warn("the search index could not be brought up to date; the next refresh will");
out:
	if (r.b)
		r.ops->close(r.b);
	record_end(c, rc == 0 ? NULL : *err);
	sum->outbox_left = store_outbox_count(c);
	sum->requests = http ? http_client_requests(http) : 0;
	sum->seconds = now_seconds() - start;
	http_client_free(http);
	feed_sync_rows_free(r.feeds, r.feed_count);
	if (password) {
		memset(password, 0, strlen(password));
		free(password);
	}
	free((char *)acct.token_file);
	free(url);
	if (lock >= 0)
		close(lock);
	return rc;
}
