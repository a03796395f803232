/* The fetcher against tests/servers/faultserver.py: every fault ends in bounded time with its
 * own error while the good requests of the same batch succeed. All requests run in one
 * fetcher at once (the group setup), and each test checks one of them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/util.h"
#include "fetch/fetch.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct outcome {
	const char *path;
	const char *etag_sent;
	int done;
	enum fetch_error error;
	int status, not_modified, redirects;
	char *error_text, *final_url, *permanent_url, *etag, *last_modified, *charset;
	char *body;
	size_t body_len;
	int64_t retry_after;
	double seconds;
};

static struct outcome cases[] = {
    {.path = "/feed/one"},   {.path = "/feed/one", .etag_sent = "\"wrong\""},
    {.path = "/lastmod/lm"}, {.path = "/never"},
    {.path = "/drip"},       {.path = "/reset"},
    {.path = "/loop/a"},     {.path = "/tofile"},
    {.path = "/huge"},       {.path = "/hugechunked"},
    {.path = "/bomb"},       {.path = "/500"},
    {.path = "/304"},        {.path = "/perm/p"},
    {.path = "/temp/t"},     {.path = "/gone"},
    {.path = "/429"},        {.path = "/503"},
    {.path = "/badchunk"},   {.path = "/badlength"},
    {.path = "/earlyclose"}, {.path = "/latin1/l"},
    {.path = "/wrongtype"},  {.path = "/feed/two"},
};

static int port;
static pid_t server_pid;
static struct timespec started;

static double elapsed(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - started.tv_sec) + (now.tv_nsec - started.tv_nsec) / 1e9;
}

static struct outcome *find(const char *path)
{
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		if (strcmp(cases[i].path, path) == 0 && !cases[i].etag_sent)
			return &cases[i];
	return NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void on_done(struct fetch_result *r, void *user)
{
	struct outcome *o = user;

	o->done++;
	if (getenv("FETCH_TEST_VERBOSE"))
		fprintf(stderr, "# %.3f %s: %d %s\n", elapsed(), o->path, r->status,
		        r->error_text ? r->error_text : "ok");
	o->seconds = elapsed();
	o->error = r->error;
	o->status = r->status;
	o->not_modified = r->not_modified;
	o->redirects = r->redirects;
	o->error_text = dup_or_null(r->error_text);
	o->final_url = dup_or_null(r->final_url);
	o->permanent_url = dup_or_null(r->permanent_url);
	o->etag = dup_or_null(r->etag);
	o->last_modified = dup_or_null(r->last_modified);
	o->charset = dup_or_null(r->charset);
	o->retry_after = r->retry_after;
	o->body = r->body; /* taken */
	o->body_len = r->body_len;
	r->body = NULL;
}

static int start_server(void)
{
	char *cmd = xasprintf("exec python3 '%s/servers/faultserver.py'",
	                      getenv("TESTS_SRCDIR") ? getenv("TESTS_SRCDIR") : "tests");
	FILE *p = popen(cmd, "r");
	int pid = 0;

	free(cmd);
	if (!p || fscanf(p, "%d %d", &port, &pid) != 2)
		return -1;
	server_pid = pid;
	/* The pipe stays open in the server; we never read it again. */
	return 0;
}

static char *url_for(const char *path)
{
	return xasprintf("http://127.0.0.1:%d%s", port, path);
}

static int run_all(void **state)
{
	struct fetch_options o = {
	    .max_parallel = 64,
	    .max_per_host = 64,
	    .connect_timeout = 2,
	    .total_timeout = 4,
	    .low_speed_limit = 100,
	    .low_speed_time = 1,
	    .max_size = 1 << 20,
	};
	struct fetcher *f;

	(void)state;
	if (start_server() != 0)
		return -1;
	f = fetcher_new(&o);
	clock_gettime(CLOCK_MONOTONIC, &started);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *url = url_for(cases[i].path);
		struct fetch_request req = {.url = url, .etag = cases[i].etag_sent};
		if (fetcher_add(f, &req, on_done, &cases[i]) != 0)
			return -1;
		free(url);
	}
	/* Driven the way the reader drives it: its own poll() over the fetcher's fds. */
	while (fetcher_pending(f) > 0) {
		struct pollfd fds[128];
		int timeout, n = fetcher_wait_fds(f, fds, 128, &timeout);
		poll(fds, (nfds_t)n, timeout);
		fetcher_step(f);
	}
	fetcher_free(f);
	return 0;
}

static int stop_server(void **state)
{
	(void)state;
	if (server_pid > 0)
		kill(server_pid, SIGTERM);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		free(cases[i].error_text);
		free(cases[i].final_url);
		free(cases[i].permanent_url);
		free(cases[i].etag);
		free(cases[i].last_modified);
		free(cases[i].charset);
		free(cases[i].body);
	}
	return 0;
}

static void assert_failed_with(const char *path, enum fetch_error error, const char *text)
{
	struct outcome *o = find(path);

	assert_non_null(o);
	assert_int_equal(o->done, 1);
	assert_int_equal(o->error, error);
	assert_non_null(o->error_text);
	if (!strstr(o->error_text, text))
		fail_msg("%s: \"%s\" does not contain \"%s\"", path, o->error_text, text);
	assert_null(o->body);
	/* Each fault ends by the 4 s total timeout (with slack for a loaded machine). */
	assert_true(o->seconds < 6.0);
}

static void test_good_feed(void **state)
{
	struct outcome *o = find("/feed/one");

	(void)state;
	assert_int_equal(o->error, FETCH_OK);
	assert_int_equal(o->status, 200);
	assert_non_null(o->body);
	assert_non_null(strstr(o->body, "<rss"));
	assert_int_equal(strlen(o->body), o->body_len);
	assert_non_null(o->etag);
	assert_non_null(o->last_modified);
	assert_string_equal(o->charset, "utf-8");
	assert_null(o->permanent_url);
	assert_null(o->error_text);
}

static void test_not_modified_with_etag(void **state)
{
	struct outcome *good = find("/feed/one"), *wrong = &cases[1];
	struct fetch_options o = {.max_parallel = 1,
	                          .max_per_host = 1,
	                          .connect_timeout = 2,
	                          .total_timeout = 4,
	                          .max_size = 1 << 20};
	struct fetcher *f = fetcher_new(&o);
	char *url = url_for("/feed/one");
	struct fetch_request req = {.url = url, .etag = good->etag};
	struct outcome again = {.path = "/feed/one", .etag_sent = good->etag};

	(void)state;
	/* A validator the server does not recognise gets the whole feed. */
	assert_int_equal(wrong->status, 200);
	assert_int_equal(wrong->not_modified, 0);
	fetcher_add(f, &req, on_done, &again);
	fetcher_run(f);
	fetcher_free(f);
	free(url);
	assert_int_equal(again.done, 1);
	assert_int_equal(again.error, FETCH_OK);
	assert_int_equal(again.status, 304);
	assert_int_equal(again.not_modified, 1);
	assert_null(again.body);
	free(again.final_url);
	free(again.etag);
}

static void test_not_modified_with_last_modified(void **state)
{
	struct outcome *lm = find("/lastmod/lm");
	struct fetch_options o = {.max_parallel = 1,
	                          .max_per_host = 1,
	                          .connect_timeout = 2,
	                          .total_timeout = 4,
	                          .max_size = 1 << 20};
	struct fetcher *f = fetcher_new(&o);
	char *url = url_for("/lastmod/lm");
	struct fetch_request req = {.url = url, .last_modified = lm->last_modified};
	struct outcome again = {.path = "/lastmod/lm"};

	(void)state;
	assert_null(lm->etag);
	assert_non_null(lm->last_modified);
	fetcher_add(f, &req, on_done, &again);
	fetcher_run(f);
	fetcher_free(f);
	free(url);
	assert_int_equal(again.not_modified, 1);
	free(again.final_url);
	free(again.last_modified);
}

static void test_never_answers(void **state)
{
	(void)state;
	assert_failed_with("/never", FETCH_ERR_TIMEOUT, "timed out");
}

static void test_drip(void **state)
{
	(void)state;
	assert_failed_with("/drip", FETCH_ERR_TIMEOUT, "timed out");
}

static void test_reset(void **state)
{
	(void)state;
	assert_failed_with("/reset", FETCH_ERR_TRANSPORT, "");
}

static void test_redirect_loop(void **state)
{
	(void)state;
	assert_failed_with("/loop/a", FETCH_ERR_REDIRECTS, "too many redirects");
}

static void test_redirect_to_file(void **state)
{
	(void)state;
	assert_failed_with("/tofile", FETCH_ERR_REDIRECTS, "redirect refused");
}

static void test_huge(void **state)
{
	(void)state;
	assert_failed_with("/huge", FETCH_ERR_TOO_LARGE, "larger than the limit of 1 MiB");
	assert_failed_with("/hugechunked", FETCH_ERR_TOO_LARGE, "larger than the limit of 1 MiB");
}

static void test_gzip_bomb(void **state)
{
	(void)state;
	assert_failed_with("/bomb", FETCH_ERR_TOO_LARGE, "larger than the limit");
}

static void test_http_errors(void **state)
{
	(void)state;
	assert_failed_with("/500", FETCH_ERR_HTTP, "HTTP 500 Internal Server Error");
	assert_int_equal(find("/500")->status, 500);
	assert_failed_with("/304", FETCH_ERR_HTTP, "no validator was sent");
	assert_failed_with("/gone", FETCH_ERR_HTTP, "HTTP 410");
	assert_int_equal(find("/gone")->status, 410);
}

static void test_retry_after(void **state)
{
	struct outcome *a = find("/429"), *b = find("/503");
	int64_t now = time(NULL);

	(void)state;
	assert_failed_with("/429", FETCH_ERR_HTTP, "HTTP 429");
	assert_failed_with("/503", FETCH_ERR_HTTP, "HTTP 503");
	assert_in_range(a->retry_after, now + 100, now + 125);
	assert_in_range(b->retry_after, now + 3500, now + 3605);
}

static void test_permanent_redirects(void **state)
{
	struct outcome *p = find("/perm/p"), *t = find("/temp/t");

	(void)state;
	assert_int_equal(p->error, FETCH_OK);
	assert_int_equal(p->redirects, 2);
	assert_non_null(p->permanent_url);
	assert_true(str_ends_with(p->permanent_url, "/feed/p-moved"));
	assert_int_equal(t->error, FETCH_OK);
	assert_null(t->permanent_url);
	assert_true(str_ends_with(t->final_url, "/feed/t-temp"));
}

static void test_broken_transfers(void **state)
{
	(void)state;
	assert_failed_with("/badchunk", FETCH_ERR_TRANSPORT, "");
	assert_failed_with("/badlength", FETCH_ERR_TRANSPORT, "");
	assert_failed_with("/earlyclose", FETCH_ERR_TRANSPORT, "");
}

static void test_charset_and_type(void **state)
{
	struct outcome *l = find("/latin1/l"), *w = find("/wrongtype");

	(void)state;
	assert_int_equal(l->error, FETCH_OK);
	assert_string_equal(l->charset, "ISO-8859-1");
	/* The Content-Type is no reason to refuse: the parser looks at the body. */
	assert_int_equal(w->error, FETCH_OK);
	assert_non_null(strstr(w->body, "<rss"));
}

static void test_good_beside_faults(void **state)
{
	struct outcome *o = find("/feed/two");

	(void)state;
	assert_int_equal(o->error, FETCH_OK);
	/* It did not wait for the slow ones. */
	assert_true(o->seconds < find("/never")->seconds);
	assert_true(o->seconds < find("/drip")->seconds);
}

static void on_count(struct fetch_result *r, void *user)
{
	(void)r;
	(*(int *)user)++;
}

static void test_file_urls(void **state)
{
	struct fetch_options o = {.max_parallel = 2,
	                          .max_per_host = 1,
	                          .connect_timeout = 2,
	                          .total_timeout = 4,
	                          .max_size = 1 << 20};
	struct fetcher *f = fetcher_new(&o);
	struct outcome refused = {.path = "file"}, allowed = {.path = "file"};
	char *path = xasprintf("file://%s/servers/faultserver.py", getenv("TESTS_SRCDIR"));
	struct fetch_request req = {.url = path};
	int count = 0;

	(void)state;
	fetcher_add(f, &req, on_done, &refused);
	req.allow_file = 1;
	fetcher_add(f, &req, on_done, &allowed);
	req.url = "not a url";
	assert_int_equal(fetcher_add(f, &req, on_count, &count), -1);
	fetcher_run(f);
	fetcher_free(f);
	assert_int_equal(refused.error, FETCH_ERR_TRANSPORT);
	assert_null(refused.body);
	assert_int_equal(allowed.error, FETCH_OK);
	assert_non_null(strstr(allowed.body, "faultserver"));
	assert_int_equal(count, 0);
	free(path);
	free(refused.error_text);
	free(refused.final_url);
	free(allowed.final_url);
	free(allowed.body);
}

static void test_many_with_small_limits(void **state)
{
	struct fetch_options o = {.max_parallel = 3,
	                          .max_per_host = 2,
	                          .connect_timeout = 2,
	                          .total_timeout = 4,
	                          .max_size = 1 << 20};
	struct fetcher *f = fetcher_new(&o);
	int count = 0;

	(void)state;
	for (int i = 0; i < 40; i++) {
		char *path = xasprintf("/feed/n%d", i), *url = url_for(path);
		struct fetch_request req = {.url = url};
		assert_int_equal(fetcher_add(f, &req, on_count, &count), 0);
		free(path);
		free(url);
	}
	assert_int_equal(fetcher_pending(f), 40);
	fetcher_run(f);
	assert_int_equal(count, 40);
	assert_int_equal(fetcher_pending(f), 0);
	fetcher_free(f);
}

struct order {
	int finished;
	int other_host_at;
};

static void on_ordered(struct fetch_result *r, void *user)
{
	struct order *o = user;

	o->finished++;
	if (strstr(r->url, "//localhost:"))
		o->other_host_at = o->finished;
}

static void test_hosts_take_turns(void **state)
{
	struct fetch_options o = {.max_parallel = 2,
	                          .max_per_host = 1,
	                          .connect_timeout = 2,
	                          .total_timeout = 4,
	                          .max_size = 1 << 20};
	struct fetcher *f = fetcher_new(&o);
	struct order ord = {0};
	char *url;

	(void)state;
	for (int i = 0; i < 30; i++) {
		char *path = xasprintf("/feed/q%d", i);
		struct fetch_request req = {.url = (url = url_for(path))};
		fetcher_add(f, &req, on_ordered, &ord);
		free(path);
		free(url);
	}
	url = xasprintf("http://localhost:%d/feed/other", port);
	fetcher_add(f, &(struct fetch_request){.url = url}, on_ordered, &ord);
	free(url);
	fetcher_run(f);
	fetcher_free(f);
	assert_int_equal(ord.finished, 31);
	/* Queued last, it did not wait for the thirty requests to the other host. */
	assert_in_range(ord.other_host_at, 1, 3);
}

static void test_charset_parameter(void **state)
{
	char *c;

	(void)state;
	c = fetch_content_type_charset("text/xml; charset=\"windows-1252\"");
	assert_string_equal(c, "windows-1252");
	free(c);
	c = fetch_content_type_charset("text/xml;CHARSET=utf-8;q=1");
	assert_string_equal(c, "utf-8");
	free(c);
	assert_null(fetch_content_type_charset("text/xml"));
	assert_null(fetch_content_type_charset(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good_feed),
	    cmocka_unit_test(test_not_modified_with_etag),
	    cmocka_unit_test(test_not_modified_with_last_modified),
	    cmocka_unit_test(test_never_answers),
	    cmocka_unit_test(test_drip),
	    cmocka_unit_test(test_reset),
	    cmocka_unit_test(test_redirect_loop),
	    cmocka_unit_test(test_redirect_to_file),
	    cmocka_unit_test(test_huge),
	    cmocka_unit_test(test_gzip_bomb),
	    cmocka_unit_test(test_http_errors),
	    cmocka_unit_test(test_retry_after),
	    cmocka_unit_test(test_permanent_redirects),
	    cmocka_unit_test(test_broken_transfers),
	    cmocka_unit_test(test_charset_and_type),
	    cmocka_unit_test(test_good_beside_faults),
	    cmocka_unit_test(test_file_urls),
	    cmocka_unit_test(test_many_with_small_limits),
	    cmocka_unit_test(test_hosts_take_turns),
	    cmocka_unit_test(test_charset_parameter),
	};

	signal(SIGPIPE, SIG_IGN);
	setenv("no_proxy", "*", 1); /* the test server is local, whatever proxy is configured */
	return cmocka_run_group_tests(tests, run_all, stop_server);
}
