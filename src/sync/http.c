#include "sync/http.h"
#include "config/config.h"
#include "core/util.h"
#include "fetch/fetch.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

struct http_client {
	CURL *curl;
	struct fetch_options opts;
	char *user_agent;
	int requests;
};

struct http_client *http_client_new(void)
{
	struct http_client *h = xcalloc(1, sizeof(*h));

	curl_global_init(CURL_GLOBAL_DEFAULT);
	h->curl = curl_easy_init();
	if (!h->curl) {
		free(h);
		return NULL;
	}
	fetch_options_from_settings(&h->opts);
	h->user_agent = h->opts.user_agent && *h->opts.user_agent
	                    ? xstrdup(h->opts.user_agent)
	                    : xstrdup("tidings/" PACKAGE_VERSION);
	return h;
}

void http_client_free(struct http_client *h)
{
	if (!h)
		return;
	curl_easy_cleanup(h->curl);
	free(h->user_agent);
	free(h);
}

int http_client_requests(const struct http_client *h)
{
	return h->requests;
}

struct body {
	struct buf b;
	size_t max;
	int too_large;
};

static size_t take_body(char *data, size_t size, size_t n, void *user)
{
	struct body *body = user;
	size_t len = size * n;

	if (body->b.len + len > body->max) {
		body->too_large = 1;
		return 0;
	}
	buf_append(&body->b, data, len);
	return len;
}

static void set_options(struct http_client *h, const char *url, struct curl_slist *headers,
                        const char *form, struct body *body, char *errbuf)
{
	CURL *e = h->curl;

	curl_easy_reset(e);
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, h->user_agent);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, h->opts.connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, h->opts.total_timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, h->opts.low_speed_limit);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, h->opts.low_speed_time);
	/* Credentials go to the server named in the config, never to where it redirects. */
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	if (h->opts.ca_file && *h->opts.ca_file)
		curl_easy_setopt(e, CURLOPT_CAINFO, h->opts.ca_file);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, take_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, body);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
	if (form) {
		curl_easy_setopt(e, CURLOPT_POST, 1L);
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, form);
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, (long)strlen(form));
	}
}

int http_request(struct http_client *h, const char *url, const char *const *headers,
                 const char *form, struct http_response *res)
{
	struct curl_slist *list = NULL;
	struct body body = {.max = h->opts.max_size};
	char errbuf[CURL_ERROR_SIZE] = "";
	CURLcode rc;

	memset(res, 0, sizeof(*res));
	buf_init(&body.b);
	for (int i = 0; headers && headers[i]; i++)
		list = curl_slist_append(list, headers[i]);
	set_options(h, url, list, form, &body, errbuf);
	h->requests++;
	rc = curl_easy_perform(h->curl);
	curl_slist_free_all(list);
	buf_putc(&body.b, '\0');
	res->len = body.b.len - 1;
	res->body = buf_steal(&body.b);
	if (rc != CURLE_OK) {
		if (body.too_large)
			res->error = xasprintf("the answer is larger than %zu MiB", body.max >> 20);
		else if (rc == CURLE_OPERATION_TIMEDOUT)
			res->error =
			    xasprintf("no answer in time (%s)", errbuf[0] ? errbuf : "timeout");
		else
			res->error = xstrdup(errbuf[0] ? errbuf : curl_easy_strerror(rc));
		return -1;
	}
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &res->status);
	return 0;
}

void http_response_free(struct http_response *res)
{
	free(res->body);
	free(res->error);
	memset(res, 0, sizeof(*res));
}

char *http_escape(struct http_client *h, const char *value)
{
	char *e = curl_easy_escape(h->curl, value, 0);
	char *out = xstrdup(e ? e : "");
	curl_free(e);
	return out;
}

void http_form_add(struct http_client *h, struct buf *form, const char *name, const char *value)
{
	char *e = http_escape(h, value);
	if (form->len)
		buf_putc(form, '&');
	buf_puts(form, name);
	buf_putc(form, '=');
	buf_puts(form, e);
	free(e);
}
