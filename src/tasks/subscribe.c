/* Subscribing to a feed, or to the feed a web page announces (tasks/subscribe.h). */
#include "tasks/subscribe.h"
#include "config/config.h"
#include "core/text.h"
#include "core/util.h"
#include "fetch/fetch.h"
#include "parse/feed.h"
#include "store/feeds.h"
#include "store/items.h"
#include "tasks/discover.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One fetched document, kept after the fetcher's callback. */
struct fetched {
	char *url;
	char *final_url;
	char *permanent_url;
	char *error; /* NULL on success */
	char *body;
	size_t len;
	char *charset;
	char *etag, *last_modified;
	int status;
	struct parsed_feed *feed; /* when the body is a feed */
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void keep_result(struct fetch_result *r, void *user)
{
	struct fetched *f = user;

	f->final_url = xstrdup(r->final_url);
	f->permanent_url = dup_or_null(r->permanent_url);
	f->error = dup_or_null(r->error_text);
	f->charset = dup_or_null(r->charset);
	f->etag = dup_or_null(r->etag);
	f->last_modified = dup_or_null(r->last_modified);
	f->status = r->status;
	f->body = r->body;
	f->len = r->body_len;
	r->body = NULL;
}

static void fetched_free(struct fetched *f)
{
	free(f->url);
	free(f->final_url);
	free(f->permanent_url);
	free(f->error);
	free(f->body);
	free(f->charset);
	free(f->etag);
	free(f->last_modified);
	if (f->feed)
		parsed_feed_free(f->feed);
}

/* Fetches every URL at once; each document that parses as a feed gets its feed. */
static struct fetched *fetch_all(char *const *urls, int count)
{
	struct fetch_options o;
	struct fetcher *fetcher;
	struct fetched *out = xcalloc((size_t)count, sizeof(*out));

	fetch_options_from_settings(&o);
	fetcher = fetcher_new(&o);
	for (int i = 0; i < count; i++) {
		struct fetch_request req = {
		    .url = urls[i], .allow_file = str_ncasecmp_ascii(urls[i], "file://", 7) == 0};
		out[i].url = xstrdup(urls[i]);
		if (!fetcher || fetcher_add(fetcher, &req, keep_result, &out[i]) != 0)
			out[i].error =
			    xstrdup(fetcher ? "not a valid URL" : "cannot start libcurl");
	}
	if (fetcher)
		fetcher_run(fetcher);
	fetcher_free(fetcher);
	for (int i = 0; i < count; i++) {
		struct feed_parse_options po = {.base_url = out[i].final_url,
		                                .http_charset = out[i].charset};
		char *err = NULL;
		if (out[i].body &&
		    feed_parse(out[i].body, out[i].len, &po, &out[i].feed, &err) != 0)
			out[i].feed = NULL;
		free(err);
	}
	return out;
}

static void fetched_free_all(struct fetched *f, int count)
{
	for (int i = 0; i < count; i++)
		fetched_free(&f[i]);
	free(f);
}

/* The URL the subscription is kept under: where a permanent redirect led, else as given. */
static const char *subscription_url(const struct fetched *f)
{
	return f->permanent_url ? f->permanent_url : f->url;
}

char *subscribe_normalise_url(const char *arg)
{
	return strstr(arg, "://") ? xstrdup(arg) : xasprintf("https://%s", arg);
}

static int refuse_duplicate(struct feeds_file *ff, const char *url, struct subscribe_result *out)
{
	if (!feeds_file_find(ff, url))
		return 0;
	out->outcome = SUBSCRIBE_FAILED;
	out->err = xasprintf("already subscribed to %s", url);
	return 1;
}

/* Writes the feeds file line, then stores the articles already fetched. */
static int subscribe(struct cache *c, struct feeds_file *ff, const struct fetched *f,
                     const char *const *tags, int tag_count, struct subscribe_result *out)
{
	const char *url = subscription_url(f);
	struct merge_stats stats = {0};
	char *err = NULL;
	int64_t id;

	if (refuse_duplicate(ff, url, out))
		return -1;
	if (feeds_file_add(ff, url, tags, tag_count, NULL) != 0 || feeds_file_save(ff, &err) != 0) {
		out->outcome = SUBSCRIBE_FAILED;
		out->err = err ? err : xstrdup("cannot add the feed to the feeds file");
		return -1;
	}
	id = store_feed_ensure(c, url);
	if (id < 0 || store_merge_feed(c, id, f->feed, settings.max_items_per_feed, &stats) != 0 ||
	    store_feed_set_fetched(c, id, time(NULL), f->status, f->etag, f->last_modified, NULL) != 0)
		out->warning = xstrdup("subscribed, but its articles could not be stored yet: "
		                       "'tidings refresh' will fetch them");
	out->outcome = SUBSCRIBE_DONE;
	out->url = xstrdup(url);
	out->title = f->feed->title && *f->feed->title ? xstrdup(f->feed->title) : NULL;
	out->item_count = f->feed->item_count;
	return 0;
}

static void offer(const struct fetched *found, int count, struct subscribe_result *out)
{
	out->outcome = SUBSCRIBE_SEVERAL;
	out->candidates = xcalloc((size_t)count, sizeof(*out->candidates));
	out->candidate_count = count;
	for (int i = 0; i < count; i++) {
		const char *title = found[i].feed->title;
		out->candidates[i].url = xstrdup(subscription_url(&found[i]));
		out->candidates[i].title = title && *title ? xstrdup(title) : NULL;
		out->candidates[i].format = found[i].feed->format;
	}
}

/* The page is not a feed: try what it links to, else the usual places. */
static int discover(struct cache *c, struct feeds_file *ff, const struct fetched *page,
                    const char *const *tags, int tag_count, struct subscribe_result *out)
{
	struct url_list candidates = {0};
	struct fetched *tried, *found;
	int nfound = 0, rc = -1, guessed = 0;

	discover_links(page->body, page->len, page->final_url, &candidates);
	if (candidates.count == 0) {
		discover_guesses(page->final_url, &candidates);
		guessed = 1;
	}
	tried = fetch_all(candidates.urls, candidates.count);
	found = xcalloc((size_t)candidates.count + 1, sizeof(*found));
	/* Announced feeds are all offered; of the guesses, the first that works is the one (they
	 * are in order of likelihood, the page's own path first). */
	for (int i = 0; i < candidates.count && !(guessed && nfound); i++)
		if (tried[i].feed)
			found[nfound++] = tried[i];
	if (nfound == 0) {
		out->outcome = SUBSCRIBE_FAILED;
		out->err =
		    xasprintf("no feed found at %s: it is not a feed and names none", page->url);
	} else if (nfound == 1) {
		rc = subscribe(c, ff, &found[0], tags, tag_count, out);
	} else {
		offer(found, nfound, out);
	}
	free(found);
	fetched_free_all(tried, candidates.count);
	url_list_free(&candidates);
	return rc;
}

int subscribe_url(struct cache *c, struct feeds_file *ff, const char *url, const char *const *tags,
                  int tag_count, struct subscribe_result *out)
{
	struct fetched *page;
	char *target = (char *)url;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (refuse_duplicate(ff, url, out))
		return -1;
	page = fetch_all(&target, 1);
	if (page->error) {
		out->outcome = SUBSCRIBE_FAILED;
		out->err = xasprintf("%s: %s", page->url, page->error);
	} else if (page->feed) {
		rc = subscribe(c, ff, page, tags, tag_count, out);
	} else {
		/* Not a feed: a web page announcing one, or a site keeping it at a usual place. */
		rc = discover(c, ff, page, tags, tag_count, out);
	}
	fetched_free_all(page, 1);
	return rc;
}

void subscribe_result_free(struct subscribe_result *r)
{
	free(r->url);
	free(r->title);
	free(r->warning);
	free(r->err);
	for (int i = 0; i < r->candidate_count; i++) {
		free(r->candidates[i].url);
		free(r->candidates[i].title);
	}
	free(r->candidates);
	memset(r, 0, sizeof(*r));
}
