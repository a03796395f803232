/* Full text in the cache: an item's web page fetched with the project's fetcher, its article
 * extracted and stored in items.fulltext, one at a time on demand or many during a refresh. */
#include "config/config.h"
#include "core/util.h"
#include "extract/extract.h"
#include "tasks/fulltext.h"
#include "store/items.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Pages are HTML (or XHTML); a PDF or an image has no article to extract. */
static int is_page_type(const char *content_type)
{
	if (!content_type || !*content_type)
		return 1;
	return str_ncasecmp_ascii(content_type, "text/html", 9) == 0 ||
	       str_ncasecmp_ascii(content_type, "application/xhtml", 17) == 0 ||
	       str_ncasecmp_ascii(content_type, "text/plain", 10) == 0;
}

struct page_wait {
	int done;
	char *body;
	size_t len;
	char *final_url;
	char *charset;
	char *err;
};

/* Takes the page out of a fetch result, or says why there is none. */
static void take_page(struct fetch_result *res, struct page_wait *w)
{
	w->done = 1;
	if (res->error != FETCH_OK) {
		w->err = xstrdup(res->error_text ? res->error_text : "the fetch failed");
	} else if (!res->body || res->not_modified) {
		w->err = xstrdup("the server sent no page");
	} else if (!is_page_type(res->content_type)) {
		w->err = xasprintf("not a web page (%s)", res->content_type);
	} else {
		w->body = res->body;
		res->body = NULL;
		w->len = res->body_len;
		w->final_url = xstrdup(res->final_url ? res->final_url : res->url);
		w->charset = res->charset ? xstrdup(res->charset) : NULL;
	}
}

static void on_page(struct fetch_result *res, void *user)
{
	take_page(res, user);
}

static int fetch_page_wait(const char *url, struct page_wait *w, char **err)
{
	struct fetch_options opts;
	struct fetch_request req = {.url = url};
	struct fetcher *f;

	memset(w, 0, sizeof(*w));
	fetch_options_from_settings(&opts);
	f = fetcher_new(&opts);
	if (!f) {
		*err = xstrdup("cannot start libcurl");
		return -1;
	}
	if (fetcher_add(f, &req, on_page, w) != 0) {
		fetcher_free(f);
		*err = xstrdup("not a valid URL");
		return -1;
	}
	fetcher_run(f);
	fetcher_free(f);
	if (!w->done || w->err) {
		*err = w->err ? w->err : xstrdup("the fetch did not finish");
		free(w->charset);
		return -1;
	}
	return 0;
}

int fulltext_fetch_page(const char *url, char **body, size_t *len, char **final_url, char **err)
{
	struct page_wait w;

	if (fetch_page_wait(url, &w, err) != 0)
		return -1;
	free(w.charset);
	*body = w.body;
	*len = w.len;
	*final_url = w.final_url;
	return 0;
}

/* An empty value is no value: the cache holds NULL for what the page did not give. */
static const char *given(const char *s)
{
	return s && *s ? s : NULL;
}

int fulltext_store(struct cache *c, int64_t item_id, const struct article *a)
{
	struct item_page page = {.html = a->html ? a->html : "",
	                         .canonical = given(a->canonical),
	                         .byline = given(a->byline)};

	return store_item_set_fulltext(c, item_id, &page);
}

/* Extracts the page and stores the article; 0, or -1 with *err. */
static int extract_and_store(struct cache *c, int64_t item_id, const struct page_wait *w,
                             char **err)
{
	struct extract_options eo = {.base_url = w->final_url, .http_charset = w->charset};
	struct article *a = NULL;
	int rc;

	if (extract_article(w->body, w->len, &eo, &a, err) != 0)
		return -1;
	rc = fulltext_store(c, item_id, a);
	if (rc != 0)
		*err = xasprintf("the cache refused the article: %s", cache_errmsg(c));
	article_free(a);
	return rc;
}

static void page_wait_free(struct page_wait *w)
{
	free(w->body);
	free(w->final_url);
	free(w->charset);
	free(w->err);
}

int fulltext_fetch_item(struct cache *c, int64_t item_id, char **err)
{
	struct item_row row;
	struct page_wait w;
	int rc = store_item_get(c, item_id, &row);

	if (rc <= 0) {
		*err = rc < 0 ? xstrdup("cannot read the cache")
		              : xasprintf("no item %lld", (long long)item_id);
		return -1;
	}
	if (!row.link || !*row.link) {
		item_row_free(&row);
		*err = xstrdup("the article has no link to fetch");
		return -1;
	}
	if (fetch_page_wait(row.link, &w, err) != 0) {
		item_row_free(&row);
		return -1;
	}
	rc = extract_and_store(c, item_id, &w, err);
	page_wait_free(&w);
	item_row_free(&row);
	return rc;
}

/* ---- during a refresh ---- */

struct page_req {
	struct fulltext_queue *q;
	int64_t item_id;
};

struct fulltext_queue {
	struct cache *cache;
	struct fetcher *fetcher;
	int owns_fetcher;
	struct page_req **reqs;
	int count;
	int stored, failed;
	fulltext_done_fn done; /* told of each page, or NULL */
	void *done_user;
};

struct fulltext_queue *fulltext_queue_new(struct cache *c, struct fetcher *f)
{
	struct fulltext_queue *q = xcalloc(1, sizeof(*q));

	q->cache = c;
	q->fetcher = f;
	return q;
}

static void on_queued_page(struct fetch_result *res, void *user)
{
	struct page_req *pr = user;
	struct page_wait w;
	char *err = NULL;

	memset(&w, 0, sizeof(w));
	take_page(res, &w);
	if (!w.err && extract_and_store(pr->q->cache, pr->item_id, &w, &err) == 0)
		pr->q->stored++;
	else
		pr->q->failed++;
	if (pr->q->done)
		pr->q->done(pr->item_id, w.err ? w.err : err, pr->q->done_user);
	free(err);
	page_wait_free(&w);
}

/* Hands one page to the fetcher; the queue keeps the request's state until it is freed. */
static int queue_page(struct fulltext_queue *q, int64_t item_id, const char *url)
{
	struct fetch_request req = {.url = url};
	struct page_req *pr = xcalloc(1, sizeof(*pr));

	pr->q = q;
	pr->item_id = item_id;
	if (fetcher_add(q->fetcher, &req, on_queued_page, pr) != 0) {
		free(pr);
		return -1;
	}
	q->reqs = xrealloc(q->reqs, sizeof(*q->reqs) * (size_t)(q->count + 1));
	q->reqs[q->count++] = pr;
	return 0;
}

void fulltext_queue_notify(struct fulltext_queue *q, fulltext_done_fn done, void *user)
{
	q->done = done;
	q->done_user = user;
}

int fulltext_queue_item(struct fulltext_queue *q, int64_t item_id, char **err)
{
	struct item_row row;
	int rc = store_item_get(q->cache, item_id, &row);

	if (rc <= 0) {
		*err = rc < 0 ? xstrdup("cannot read the cache")
		              : xasprintf("no item %lld", (long long)item_id);
		return -1;
	}
	rc = 0;
	if (!row.link || !*row.link) {
		*err = xstrdup("the article has no link to fetch");
		rc = -1;
	} else if (queue_page(q, item_id, row.link) != 0) {
		*err = xasprintf("cannot fetch %s", row.link);
		rc = -1;
	}
	item_row_free(&row);
	return rc;
}

struct feed_pages {
	struct fulltext_queue *q;
	int queued;
};

static int queue_feed_page(int64_t id, const char *link, void *user)
{
	struct feed_pages *fp = user;

	if (queue_page(fp->q, id, link) != 0)
		fp->q->failed++;
	else
		fp->queued++;
	return 0;
}

int fulltext_queue_feed(struct fulltext_queue *q, int64_t feed_id, int64_t since)
{
	struct feed_pages fp = {.q = q};

	if (store_items_without_fulltext(q->cache, feed_id, since, FULLTEXT_MAX_PER_FEED,
	                                 queue_feed_page, &fp) < 0 &&
	    fp.queued == 0)
		return -1;
	return fp.queued;
}

void fulltext_queue_counts(const struct fulltext_queue *q, int *stored, int *failed)
{
	*stored = q ? q->stored : 0;
	*failed = q ? q->failed : 0;
}

struct fulltext_queue *fulltext_queue_open(struct cache *c)
{
	struct fetch_options opts;
	struct fetcher *f;
	struct fulltext_queue *q;

	fetch_options_from_settings(&opts);
	if (!(f = fetcher_new(&opts)))
		return NULL;
	q = fulltext_queue_new(c, f);
	q->owns_fetcher = 1;
	return q;
}

int fulltext_queue_wait_fds(struct fulltext_queue *q, struct pollfd *fds, int max, int *timeout_ms)
{
	return fetcher_wait_fds(q->fetcher, fds, max, timeout_ms);
}

void fulltext_queue_step(struct fulltext_queue *q)
{
	fetcher_step(q->fetcher);
}

void fulltext_queue_free(struct fulltext_queue *q)
{
	if (!q)
		return;
	if (q->owns_fetcher)
		fetcher_free(q->fetcher);
	for (int i = 0; i < q->count; i++)
		free(q->reqs[i]);
	free(q->reqs);
	free(q);
}
