/* tidings add URL [TAG...]: subscribe to a feed, or to the feed a web page announces. */
#include "cli/cli.h"
#include "config/config.h"
#include "core/log.h"
#include "core/text.h"
#include "core/util.h"
#include "tasks/discover.h"
#include "fetch/fetch.h"
#include "parse/feed.h"
#include "store/feeds.h"
#include "store/items.h"

#include <stdio.h>
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

static int refuse_duplicate(struct feeds_file *ff, const char *url)
{
	if (!feeds_file_find(ff, url))
		return 0;
	log_error("already subscribed to %s", url);
	return 1;
}

/* Writes the feeds file line, then stores the articles already fetched. */
static int subscribe(struct app *app, const struct fetched *f, char **tags, int tag_count)
{
	struct feeds_file *ff = app_feeds(app);
	struct cache *c = app_cache(app);
	const char *url = subscription_url(f);
	struct merge_stats stats = {0};
	char *err = NULL;
	int64_t id;

	if (!ff || !c || refuse_duplicate(ff, url))
		return EXIT_FAIL;
	if (feeds_file_add(ff, url, (const char *const *)tags, tag_count, NULL) != 0 ||
	    feeds_file_save(ff, &err) != 0) {
		log_error("%s", err ? err : "cannot add the feed to the feeds file");
		free(err);
		return EXIT_FAIL;
	}
	id = store_feed_ensure(c, url);
	if (id < 0 || store_merge_feed(c, id, f->feed, settings.max_items_per_feed, &stats) != 0 ||
	    store_feed_set_fetched(c, id, time(NULL), f->status, f->etag, f->last_modified) != 0)
		log_warn("subscribed, but its articles could not be stored yet: 'tidings refresh' "
		         "will fetch them");
	printf("subscribed to ");
	text_fputs(stdout, url, 0);
	if (f->feed->title && *f->feed->title) {
		printf(" (");
		text_fputs(stdout, f->feed->title, TEXT_COLLAPSE_SPACE);
		putchar(')');
	}
	printf(": %d article%s\n", f->feed->item_count, f->feed->item_count == 1 ? "" : "s");
	return EXIT_OK;
}

static void list_found(const struct fetched *found, int count)
{
	printf("%d feeds found; add one of them with 'tidings add URL':\n", count);
	for (int i = 0; i < count; i++) {
		printf("  ");
		text_fputs(stdout, subscription_url(&found[i]), 0);
		if (found[i].feed->title && *found[i].feed->title) {
			printf("  ");
			text_fputs(stdout, found[i].feed->title, TEXT_COLLAPSE_SPACE);
		}
		putchar('\n');
	}
}

/* The page is not a feed: try what it links to, else the usual places. */
static int discover(struct app *app, const struct fetched *page, char **tags, int tag_count)
{
	struct url_list candidates = {0};
	struct fetched *tried, *found;
	int nfound = 0, rc, guessed = 0;

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
		log_error("no feed found at %s: it is not a feed and names none", page->url);
		rc = EXIT_FAIL;
	} else if (nfound == 1) {
		rc = subscribe(app, &found[0], tags, tag_count);
	} else {
		list_found(found, nfound);
		rc = EXIT_FAIL;
	}
	free(found);
	fetched_free_all(tried, candidates.count);
	url_list_free(&candidates);
	return rc;
}

int cmd_add(struct app *app, int argc, char **argv)
{
	const struct command *self = command_find("add");
	struct feeds_file *ff;
	struct fetched *page;
	char *url;
	int rc;

	if (argc < 2)
		return command_bad_usage(self, "expected a URL");
	if (argv[1][0] == '-')
		return command_bad_usage(self, "unknown option %s", argv[1]);
	if (!(ff = app_feeds(app)))
		return EXIT_FAIL;
	/* "example.org" means the web site. */
	url = strstr(argv[1], "://") ? xstrdup(argv[1]) : xasprintf("https://%s", argv[1]);
	if (refuse_duplicate(ff, url)) {
		free(url);
		return EXIT_FAIL;
	}
	page = fetch_all(&url, 1);
	free(url);
	if (page->error) {
		log_error("%s: %s", page->url, page->error);
		rc = EXIT_FAIL;
	} else if (page->feed) {
		rc = subscribe(app, page, argv + 2, argc - 2);
	} else {
		/* Not a feed: a web page announcing one, or a site keeping it at a usual place. */
		rc = discover(app, page, argv + 2, argc - 2);
	}
	fetched_free_all(page, 1);
	return rc;
}
