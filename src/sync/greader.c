/* The Google Reader API, as FreshRSS, Inoreader, The Old Reader, BazQux and Miniflux speak
 * it: ClientLogin for a session token (kept in the data directory, renewed when the server
 * answers 401), a second short-lived token (T) for every write, JSON streams read page by
 * page with their continuation, and edit-tag for read and starred. */
#include "core/log.h"
#include "core/text.h"
#include "core/util.h"
#include "parse/feed.h"
#include "sync/backend.h"
#include "sync/http.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATE_READ "user/-/state/com.google/read"
#define STATE_STARRED "user/-/state/com.google/starred"
#define STREAM_ALL "user/-/state/com.google/reading-list"
#define LABEL_PREFIX "user/-/label/"
#define ITEM_PREFIX "tag:google.com,2005:reader/item/"
/* Items per page of a stream, and ids per edit-tag request (a POST body of about 6 KB). */
#define PAGE_SIZE 1000
#define IDS_PAGE_SIZE 10000
#define EDIT_BATCH 100
/* Pages of one stream read in one sync, bounding a server whose continuation never ends. */
#define MAX_PAGES 10000

struct sync_backend {
	const struct sync_account *acct;
	struct http_client *http;
	char *auth;       /* session token */
	char *write;      /* T token */
	int auth_renewed; /* a 401 already made us log in again during this sync */
};

/* A message naming the server's answer: its status and the first line of its body. */
static char *status_error(const char *what, const struct http_response *res)
{
	char line[160];
	size_t n = strcspn(res->body, "\r\n");
	char *clean;

	if (n >= sizeof(line))
		n = sizeof(line) - 1;
	memcpy(line, res->body, n);
	line[n] = '\0';
	clean = text_sanitize_str(line, TEXT_COLLAPSE_SPACE);
	char *msg = xasprintf("%s: the server answered %ld%s%s", what, res->status,
	                      clean[0] ? ": " : "", clean);
	free(clean);
	return msg;
}

static char *token_read(const char *path)
{
	char *text = NULL;
	size_t len;

	if (!path || read_file(path, 4096, &text, &len) != 0)
		return NULL;
	text[strcspn(text, "\r\n")] = '\0';
	if (!text[0]) {
		free(text);
		return NULL;
	}
	return text;
}

/* Written to a new file and renamed over the old one, mode 0600 from its creation. */
static void token_write(const char *path, const char *token)
{
	char *line;

	if (!path)
		return;
	/* Mode 0600: the token lets its holder act as the user on the server. */
	line = xasprintf("%s\n", token);
	write_file_replace(path, line, strlen(line), 0600, 1);
	free(line);
}

static int login(struct sync_backend *b, char **err)
{
	struct buf form;
	struct http_response res;
	char *url = xasprintf("%s/accounts/ClientLogin", b->acct->url);
	int rc = -1;

	buf_init(&form);
	http_form_add(b->http, &form, "Email", b->acct->user);
	http_form_add(b->http, &form, "Passwd", b->acct->password);
	if (http_request(b->http, url, NULL, form.data, &res) != 0) {
		*err = xasprintf("cannot reach the sync server %s: %s", b->acct->url, res.error);
	} else if (res.status == 401 || res.status == 403) {
		*err = xasprintf("the sync server refused the user \"%s\" and its password (%ld)",
		                 b->acct->user, res.status);
	} else if (res.status != 200) {
		*err = status_error("logging in to the sync server", &res);
	} else {
		const char *auth = strstr(res.body, "Auth=");
		if (auth && (auth == res.body || auth[-1] == '\n')) {
			free(b->auth);
			b->auth = xstrndup(auth + 5, strcspn(auth + 5, "\r\n"));
			token_write(b->acct->token_file, b->auth);
			rc = 0;
		} else {
			*err = xasprintf("the sync server's login answer has no Auth token");
		}
	}
	http_response_free(&res);
	buf_free(&form);
	free(url);
	return rc;
}

/* One API call with the session token, logging in first when there is none and once more
 * when the server answers 401 (the token expired or was revoked). A 2xx answer returns 0. */
static int call(struct sync_backend *b, const char *path, const char *form, const char *what,
                struct http_response *res, char **err)
{
	char *url = xasprintf("%s/reader/api/0/%s", b->acct->url, path);
	int rc = -1;

	for (int attempt = 0; attempt < 2; attempt++) {
		char *header;
		const char *headers[2];

		if (!b->auth && login(b, err) != 0)
			break;
		header = xasprintf("Authorization: GoogleLogin auth=%s", b->auth);
		headers[0] = header;
		headers[1] = NULL;
		rc = http_request(b->http, url, headers, form, res);
		free(header);
		if (rc != 0) {
			*err = xasprintf("%s: cannot reach the sync server: %s", what, res->error);
			http_response_free(res);
			rc = -1;
			break;
		}
		if (res->status == 401 && !b->auth_renewed) {
			/* The session (or, for a write, the T token) is no longer valid. */
			b->auth_renewed = 1;
			free(b->auth);
			b->auth = NULL;
			free(b->write);
			b->write = NULL;
			http_response_free(res);
			rc = -1;
			if (form)
				break; /* the caller rebuilds the form with a new T token */
			continue;
		}
		if (res->status < 200 || res->status > 299) {
			*err =
			    res->status == 401
			        ? xasprintf("%s: the sync server refused the session (401)", what)
			        : status_error(what, res);
			http_response_free(res);
			rc = -1;
			break;
		}
		rc = 0;
		break;
	}
	free(url);
	return rc;
}

static int write_token(struct sync_backend *b, char **err)
{
	struct http_response res;

	if (b->write)
		return 0;
	if (call(b, "token", NULL, "getting a write token", &res, err) != 0)
		return -1;
	b->write = xstrndup(res.body, strcspn(res.body, "\r\n"));
	http_response_free(&res);
	return 0;
}

/* A write: the form gets the T token; a 401 renews both tokens and tries once more. */
static int post(struct sync_backend *b, const char *path, struct buf *form_base, const char *what,
                struct http_response *res, char **err)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		struct buf form;
		int renewed = b->auth_renewed, rc;

		*err = NULL;
		if (write_token(b, err) != 0)
			return -1;
		buf_init(&form);
		if (form_base->len)
			buf_append(&form, form_base->data, form_base->len);
		http_form_add(b->http, &form, "T", b->write);
		rc = call(b, path, form.data, what, res, err);
		buf_free(&form);
		if (rc == 0)
			return 0;
		if (*err || renewed || !b->auth_renewed)
			break;
	}
	if (!*err)
		*err = xasprintf("%s: the sync server refused the session (401)", what);
	return -1;
}

static json_object *parse_json(const struct http_response *res, const char *what, char **err)
{
	json_object *j = json_tokener_parse(res->body);
	if (!j || !json_object_is_type(j, json_type_object)) {
		json_object_put(j);
		*err = xasprintf("%s: the sync server's answer is not a JSON object", what);
		return NULL;
	}
	return j;
}

static const char *jstr(json_object *o, const char *key)
{
	json_object *v;
	if (!o || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static json_object *jarr(json_object *o, const char *key)
{
	json_object *v;
	if (!o || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_array))
		return NULL;
	return v;
}

static int64_t jint(json_object *o, const char *key, int64_t def)
{
	json_object *v;
	if (!o || !json_object_object_get_ex(o, key, &v))
		return def;
	if (json_object_is_type(v, json_type_string))
		return strtoll(json_object_get_string(v), NULL, 10);
	if (json_object_is_type(v, json_type_int))
		return json_object_get_int64(v);
	return def;
}

static struct sync_backend *gr_open(const struct sync_account *acct, struct http_client *http)
{
	struct sync_backend *b = xcalloc(1, sizeof(*b));
	b->acct = acct;
	b->http = http;
	b->auth = token_read(acct->token_file);
	return b;
}

static void gr_close(struct sync_backend *b)
{
	if (!b)
		return;
	free(b->auth);
	free(b->write);
	free(b);
}

void sync_subscriptions_free(struct sync_subscription *subs, int count)
{
	for (int i = 0; i < count; i++) {
		free(subs[i].id);
		free(subs[i].url);
		free(subs[i].title);
		for (int k = 0; k < subs[i].folder_count; k++)
			free(subs[i].folders[k]);
		free(subs[i].folders);
	}
	free(subs);
}

static void read_folders(json_object *cats, struct sync_subscription *s)
{
	size_t n = cats ? json_object_array_length(cats) : 0;

	s->folders = xcalloc(n + 1, sizeof(char *));
	for (size_t k = 0; k < n; k++) {
		json_object *cat = json_object_array_get_idx(cats, k);
		const char *id = jstr(cat, "id"), *label = jstr(cat, "label");
		if (!label && id && strstr(id, "/label/"))
			label = strstr(id, "/label/") + 7;
		if (label && *label)
			s->folders[s->folder_count++] =
			    text_sanitize_str(label, TEXT_COLLAPSE_SPACE);
	}
}

static int gr_subscriptions(struct sync_backend *b, struct sync_subscription **out, int *count,
                            char **err)
{
	const char *what = "reading the subscriptions";
	struct http_response res;
	json_object *j, *subs;
	struct sync_subscription *v;
	size_t n;
	int got = 0;

	*out = NULL;
	*count = 0;
	if (call(b, "subscription/list?output=json", NULL, what, &res, err) != 0)
		return -1;
	j = parse_json(&res, what, err);
	http_response_free(&res);
	if (!j)
		return -1;
	subs = jarr(j, "subscriptions");
	n = subs ? json_object_array_length(subs) : 0;
	v = xcalloc(n + 1, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		json_object *s = json_object_array_get_idx(subs, i);
		const char *id = jstr(s, "id"), *url = jstr(s, "url"), *title = jstr(s, "title");
		if (!id || !url || !*url)
			continue;
		v[got].id = xstrdup(id);
		v[got].url = xstrdup(url);
		v[got].title = title ? text_sanitize_str(title, TEXT_COLLAPSE_SPACE) : NULL;
		read_folders(jarr(s, "categories"), &v[got]);
		got++;
	}
	json_object_put(j);
	*out = v;
	*count = got;
	return 0;
}

static int gr_subscribe(struct sync_backend *b, const char *url, const char *folder, char **id,
                        char **err)
{
	struct http_response res;
	struct buf form;
	json_object *j;
	const char *stream;
	char *what = xasprintf("subscribing to %s on the sync server", url);
	int rc = -1;

	*id = NULL;
	buf_init(&form);
	http_form_add(b->http, &form, "quickadd", url);
	if (post(b, "subscription/quickadd", &form, what, &res, err) != 0)
		goto out;
	j = parse_json(&res, what, err);
	http_response_free(&res);
	if (!j)
		goto out;
	stream = jstr(j, "streamId");
	if (!stream || jint(j, "numResults", 1) == 0) {
		const char *e = jstr(j, "error");
		*err = xasprintf("%s: the server could not subscribe%s%s", what, e ? ": " : "",
		                 e ? e : "");
		json_object_put(j);
		goto out;
	}
	*id = xstrdup(stream);
	json_object_put(j);
	rc = 0;
	if (folder && *folder) {
		char *label = xasprintf(LABEL_PREFIX "%s", folder);
		buf_free(&form);
		buf_init(&form);
		http_form_add(b->http, &form, "ac", "edit");
		http_form_add(b->http, &form, "s", *id);
		http_form_add(b->http, &form, "a", label);
		free(label);
		if (post(b, "subscription/edit", &form, what, &res, err) != 0) {
			/* Subscribed without its folder: worth a word, not a failed sync. */
			log_warn("%s", *err);
			free(*err);
			*err = NULL;
		} else {
			http_response_free(&res);
		}
	}
out:
	buf_free(&form);
	free(what);
	return rc;
}

static int gr_unsubscribe(struct sync_backend *b, const char *id, char **err)
{
	struct http_response res;
	struct buf form;
	int rc;

	buf_init(&form);
	http_form_add(b->http, &form, "ac", "unsubscribe");
	http_form_add(b->http, &form, "s", id);
	rc = post(b, "subscription/edit", &form, "unsubscribing on the sync server", &res, err);
	if (rc == 0)
		http_response_free(&res);
	buf_free(&form);
	return rc;
}

static int gr_set_flag(struct sync_backend *b, enum sync_flag flag, int value,
                       const char *const *ids, int count, char **err)
{
	const char *tag = flag == SYNC_FLAG_READ ? STATE_READ : STATE_STARRED;

	for (int i = 0; i < count; i += EDIT_BATCH) {
		struct http_response res;
		struct buf form;
		int rc;

		buf_init(&form);
		http_form_add(b->http, &form, value ? "a" : "r", tag);
		for (int k = i; k < count && k < i + EDIT_BATCH; k++)
			http_form_add(b->http, &form, "i", ids[k]);
		rc = post(b, "edit-tag", &form, "sending marks", &res, err);
		buf_free(&form);
		if (rc != 0)
			return -1;
		http_response_free(&res);
	}
	return 0;
}

/* Item ids come long ("tag:google.com,2005:reader/item/" and 16 hex digits) in streams and
 * short (decimal) in id lists; both become the long form, which every server accepts. */
static char *long_item_id(const char *id)
{
	unsigned long long v;
	char *end;

	if (str_starts_with(id, ITEM_PREFIX)) {
		errno = 0;
		v = strtoull(id + strlen(ITEM_PREFIX), &end, 16);
	} else {
		errno = 0;
		v = strtoull(id, &end, 10);
	}
	if (errno || *end || end == id)
		return xstrdup(id); /* a server of its own kind: kept as it is */
	return xasprintf(ITEM_PREFIX "%016llx", v);
}

static int has_category(json_object *cats, const char *suffix)
{
	size_t n = cats ? json_object_array_length(cats) : 0;
	for (size_t i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(cats, i);
		const char *s =
		    json_object_is_type(c, json_type_string) ? json_object_get_string(c) : NULL;
		/* "user/-/state/..." or "user/1234/state/...": compare from "/state/". */
		if (s && strstr(s, "/state/") && strcmp(strstr(s, "/state/"), suffix) == 0)
			return 1;
	}
	return 0;
}

static const char *first_href(json_object *o, const char *key)
{
	json_object *a = jarr(o, key);
	if (!a || json_object_array_length(a) == 0)
		return NULL;
	return jstr(json_object_array_get_idx(a, 0), "href");
}

static const char *body_of(json_object *item)
{
	json_object *v;
	if (json_object_object_get_ex(item, "content", &v) && jstr(v, "content"))
		return jstr(v, "content");
	if (json_object_object_get_ex(item, "summary", &v) && jstr(v, "content"))
		return jstr(v, "content");
	return NULL;
}

static int64_t page_of_articles(json_object *items, sync_article_fn fn, void *user, int *stop)
{
	size_t n = items ? json_object_array_length(items) : 0;
	int64_t newest = 0;

	for (size_t i = 0; i < n && !*stop; i++) {
		json_object *it = json_object_array_get_idx(items, i), *origin;
		json_object *cats = jarr(it, "categories");
		const char *id = jstr(it, "id");
		struct sync_article a = {0};
		int64_t crawl = jint(it, "crawlTimeMsec", 0) / 1000;
		char *long_id;

		if (!id || !json_object_object_get_ex(it, "origin", &origin))
			continue;
		long_id = long_item_id(id);
		a.item.sync_id = long_id;
		a.feed = jstr(origin, "streamId");
		a.item.link = first_href(it, "canonical");
		if (!a.item.link)
			a.item.link = first_href(it, "alternate");
		a.item.title = jstr(it, "title");
		a.item.author = jstr(it, "author");
		a.item.content = body_of(it);
		a.item.published = jint(it, "published", 0);
		a.item.updated = jint(it, "updated", 0);
		if (a.item.published <= 0)
			a.item.published = TIME_UNKNOWN;
		if (a.item.updated <= 0)
			a.item.updated = TIME_UNKNOWN;
		a.item.read = has_category(cats, "/state/com.google/read");
		a.item.saved = has_category(cats, "/state/com.google/starred");
		if (crawl > newest)
			newest = crawl;
		if (a.feed && fn(&a, user) != 0)
			*stop = 1;
		free(long_id);
	}
	return newest;
}

/* Reads a stream page by page (path and query without n and c); page_fn takes each page. */
static int read_pages(struct sync_backend *b, const char *path, const char *what,
                      int (*page_fn)(json_object *page, void *ctx), void *ctx, char **err)
{
	char *cont = NULL;
	int rc = 0;

	for (int page = 0; page < MAX_PAGES; page++) {
		struct http_response res;
		char *esc = cont ? http_escape(b->http, cont) : NULL;
		char *p =
		    xasprintf("%s&n=%d%s%s", path,
		              str_starts_with(path, "stream/items/ids") ? IDS_PAGE_SIZE : PAGE_SIZE,
		              esc ? "&c=" : "", esc ? esc : "");
		json_object *j;
		const char *next;

		free(esc);
		rc = call(b, p, NULL, what, &res, err);
		free(p);
		if (rc != 0)
			break;
		j = parse_json(&res, what, err);
		http_response_free(&res);
		if (!j) {
			rc = -1;
			break;
		}
		rc = page_fn(j, ctx);
		next = jstr(j, "continuation");
		free(cont);
		cont = next && *next && rc == 0 ? xstrdup(next) : NULL;
		json_object_put(j);
		if (rc != 0) {
			*err = xasprintf("%s: stopped", what);
			break;
		}
		if (!cont)
			break;
	}
	free(cont);
	return rc;
}

struct articles_ctx {
	sync_article_fn fn;
	void *user;
	int64_t newest;
};

static int articles_page(json_object *page, void *ctx)
{
	struct articles_ctx *a = ctx;
	int stop = 0;
	int64_t newest = page_of_articles(jarr(page, "items"), a->fn, a->user, &stop);
	if (newest > a->newest)
		a->newest = newest;
	return stop ? -1 : 0;
}

static int gr_articles(struct sync_backend *b, int64_t *since, sync_article_fn fn, void *user,
                       char **err)
{
	struct articles_ctx ctx = {fn, user, *since};
	char *path;
	int rc;

	if (*since > 0)
		path = xasprintf("stream/contents/" STREAM_ALL "?output=json&ot=%" PRId64, *since);
	else
		path = xstrdup("stream/contents/" STREAM_ALL "?output=json");
	rc = read_pages(b, path, "reading new articles", articles_page, &ctx, err);
	free(path);
	if (rc == 0)
		*since = ctx.newest;
	return rc;
}

struct ids_ctx {
	sync_id_fn fn;
	void *user;
};

static int ids_page(json_object *page, void *ctx)
{
	struct ids_ctx *c = ctx;
	json_object *refs = jarr(page, "itemRefs");
	size_t n = refs ? json_object_array_length(refs) : 0;

	for (size_t i = 0; i < n; i++) {
		const char *id = jstr(json_object_array_get_idx(refs, i), "id");
		char *long_id;
		int rc;

		if (!id)
			continue;
		long_id = long_item_id(id);
		rc = c->fn(long_id, c->user);
		free(long_id);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int gr_flagged_ids(struct sync_backend *b, enum sync_flag flag, sync_id_fn fn, void *user,
                          char **err)
{
	struct ids_ctx ctx = {fn, user};
	const char *path = flag == SYNC_FLAG_READ ? "stream/items/ids?output=json&s=" STREAM_ALL
	                                            "&xt=" STATE_READ
	                                          : "stream/items/ids?output=json&s=" STATE_STARRED;
	return read_pages(b, path,
	                  flag == SYNC_FLAG_READ ? "reading unread articles"
	                                         : "reading starred articles",
	                  ids_page, &ctx, err);
}

const struct sync_backend_ops sync_greader_ops = {
    .name = "greader",
    .open = gr_open,
    .close = gr_close,
    .subscriptions = gr_subscriptions,
    .subscribe = gr_subscribe,
    .unsubscribe = gr_unsubscribe,
    .set_flag = gr_set_flag,
    .articles = gr_articles,
    .flagged_ids = gr_flagged_ids,
};

const struct sync_backend_ops *sync_backend_find(const char *name)
{
	if (name && strcmp(name, sync_greader_ops.name) == 0)
		return &sync_greader_ops;
	return NULL;
}
