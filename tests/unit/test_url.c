/* URL resolution against xml:base, the document URL and the channel link. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/url.h"

#include <stdlib.h>

static void assert_resolves(const char *base, const char *ref, const char *want)
{
	char *got = url_resolve(base, ref);
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_relative_forms(void **state)
{
	const char *base = "http://example.com/blog/feed.xml";
	assert_resolves(base, "post.html", "http://example.com/blog/post.html");
	assert_resolves(base, "/post.html", "http://example.com/post.html");
	assert_resolves(base, "../post.html", "http://example.com/post.html");
	assert_resolves(base, "//cdn.example.net/a.png", "http://cdn.example.net/a.png");
	assert_resolves(base, "?page=2", "http://example.com/blog/feed.xml?page=2");
	assert_resolves(base, "#top", "http://example.com/blog/feed.xml#top");
	assert_resolves("https://example.com/a/b/", "c/d", "https://example.com/a/b/c/d");
}

static void test_absolute_refs_stay(void **state)
{
	assert_resolves("http://example.com/", "https://other.org/x?y=1#z",
	                "https://other.org/x?y=1#z");
	assert_resolves("http://example.com/", "mailto:someone@example.com",
	                "mailto:someone@example.com");
	assert_resolves(NULL, "http://example.com/x", "http://example.com/x");
}

static void test_white_space_and_blank(void **state)
{
	assert_resolves("http://example.com/", "\n   post.html  \n",
	                "http://example.com/post.html");
	assert_resolves("http://example.com/", "   ", NULL);
	assert_resolves("http://example.com/", NULL, NULL);
}

static void test_without_base(void **state)
{
	assert_resolves(NULL, "post.html", "post.html");
}

static void test_unescaped_characters(void **state)
{
	char *got = url_resolve("http://example.com/a/", "my post.html");
	assert_non_null(got);
	assert_string_equal(got, "http://example.com/a/my%20post.html");
	free(got);
}

static void test_is_absolute(void **state)
{
	assert_true(url_is_absolute("http://x"));
	assert_true(url_is_absolute("tag:example.com,2004:1"));
	assert_false(url_is_absolute("/x:y"));
	assert_false(url_is_absolute("post.html"));
	assert_false(url_is_absolute(NULL));
}

/* The one policy of "a web address": http and https with a host, as libcurl reads them. */
static void test_is_web(void **state)
{
	assert_true(url_is_web("http://example.org/feed"));
	assert_true(url_is_web("HTTPS://example.org:8443/a?b#c"));
	assert_true(url_is_web("http://127.0.0.1:9/x"));
	assert_false(url_is_web("example.org/feed"));
	assert_false(url_is_web("127.0.0.1:8080/x"));
	assert_false(url_is_web("ftp://example.org/f"));
	assert_false(url_is_web("file:///etc/passwd"));
	assert_false(url_is_web("javascript:alert(1)"));
	assert_false(url_is_web("http://"));
	assert_false(url_is_web(""));
	assert_false(url_is_web(NULL));
}

static void test_resolve_web(void **state)
{
	char *u = url_resolve_web("https://example.org/blog/post", "../feed.xml");

	assert_string_equal(u, "https://example.org/feed.xml");
	free(u);
	assert_null(url_resolve_web("https://example.org/", "javascript:alert(1)"));
	assert_null(url_resolve_web("https://example.org/", "mailto:a@example.org"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_relative_forms),
	    cmocka_unit_test(test_absolute_refs_stay),
	    cmocka_unit_test(test_white_space_and_blank),
	    cmocka_unit_test(test_without_base),
	    cmocka_unit_test(test_unescaped_characters),
	    cmocka_unit_test(test_is_absolute),
	    cmocka_unit_test(test_is_web),
	    cmocka_unit_test(test_resolve_web),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
