/* Golden files: HTML inputs in tests/data/render/ rendered as text at widths 40, 80 and 120
 * and as Markdown, compared with the expected files beside them. A nesting bomb and a 5 MB
 * article are generated here rather than committed.
 *
 * After a deliberate change of output, TIDINGS_UPDATE_GOLDEN=1 rewrites the expected files;
 * review them with git diff before committing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config/config.h"
#include "core/text.h"
#include "core/util.h"
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASE_URL "https://example.com/articles/page.html"

static const int widths[] = {40, 80, 120};

static char *data_path(const char *file)
{
	const char *dir = getenv("TESTS_SRCDIR");
	return xasprintf("%s/data/render/%s", dir ? dir : "tests", file);
}

/* The first line where two texts differ, for a readable failure. */
static void show_difference(const char *got, const char *want)
{
	int line = 1;
	const char *g = got, *w = want;

	while (*g && *g == *w) {
		if (*g == '\n')
			line++;
		g++, w++;
	}
	while (g > got && g[-1] != '\n')
		g--;
	while (w > want && w[-1] != '\n')
		w--;
	print_message("first difference at line %d:\n got:  %.*s\n want: %.*s\n", line,
	              (int)strcspn(g, "\n"), g, (int)strcspn(w, "\n"), w);
}

static void compare_golden(const char *file, const char *got)
{
	char *path = data_path(file), *want = NULL;
	size_t len;

	if (getenv("TIDINGS_UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(got, f);
		fclose(f);
		free(path);
		return;
	}
	if (read_file(path, 1 << 20, &want, &len) != 0)
		fail_msg("cannot read %s", path);
	if (strcmp(got, want) != 0) {
		print_message("%s differs\n", file);
		show_difference(got, want);
		fail();
	}
	free(want);
	free(path);
}

static void check_lines_fit(const char *text, int width)
{
	int line = 1;

	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		char *one = xstrndup(p, n);
		if (text_width(one) > width)
			fail_msg("line %d is %d columns wide, more than %d", line, text_width(one),
			         width);
		free(one);
		p += n + (p[n] == '\n');
		line++;
	}
}

static void render_all(const char *name, const char *html, size_t len)
{
	struct doc *d = doc_from_html(html, len, BASE_URL);
	char *title = xasprintf("Golden: %s", name), *link = xasprintf(BASE_URL "#%s", name);
	struct article_meta meta = {
	    .title = title, .author = "Test Author", .date = 1384387200, .link = link};
	char *out, *file;

	/* the saved-article seed's long date form ("November 14, 2013") */
	settings.date_format = (char *)"%B %-d, %Y";
	for (size_t i = 0; i < ARRAY_LEN(widths); i++) {
		out = render_text(d, widths[i]);
		check_lines_fit(out, widths[i]);
		file = xasprintf("%s.%d.txt", name, widths[i]);
		compare_golden(file, out);
		free(file);
		free(out);
	}
	out = render_markdown(d, &meta);
	file = xasprintf("%s.md", name);
	compare_golden(file, out);
	free(file);
	free(out);
	free(title);
	free(link);
	doc_free(d);
}

static void golden(void **state)
{
	const char *name = *state;
	char *file = xasprintf("%s.html", name), *path = data_path(file), *html;
	size_t len;

	if (read_file(path, 1 << 20, &html, &len) != 0)
		fail_msg("cannot read %s", path);
	render_all(name, html, len);
	free(html);
	free(path);
	free(file);
}

/* 10,000 levels of quotes, lists and inline elements. Text sits only in the outer 40 levels,
 * which every libxml2 reads; deeper than its limit, libxml2 versions differ. */
static void test_nesting_bomb(void **state)
{
	struct buf html;

	buf_init(&html);
	buf_puts(&html, "<p>Before the bomb.</p>");
	for (int i = 0; i < 10000; i++) {
		buf_puts(&html, "<blockquote><ul><li><b>");
		if (i < 40)
			buf_printf(&html, "level %d", i);
	}
	render_all("bomb", html.data, html.len);
	buf_free(&html);
}

/* About 5 MB of paragraphs, lists, links and code: every line must fit, nothing may be lost,
 * and the links are all listed. */
static void test_five_megabyte_article(void **state)
{
	struct buf html;
	int n = 0;

	buf_init(&html);
	while (html.len < 5u << 20) {
		buf_printf(
		    &html,
		    "<h2>Section %d</h2><p>Paragraph %d: Lorem ipsum dolor sit amet, "
		    "<b>consectetur</b> adipiscing elit, sed do <a href='/p/%d'>eiusmod "
		    "tempor</a> incididunt ut labore et dolore magna aliqua. 日本語のテキスト"
		    "も少し。</p><ul><li>item %d.1</li><li>item %d.2</li></ul>"
		    "<pre>code %d\tline</pre>\n",
		    n, n, n, n, n, n);
		n++;
	}
	struct doc *d = doc_from_html(html.data, html.len, BASE_URL);
	assert_int_equal(d->link_count, n);
	for (size_t i = 0; i < ARRAY_LEN(widths); i++) {
		char *out = render_text(d, widths[i]), *last;
		check_lines_fit(out, widths[i]);
		last = xasprintf("Paragraph %d:", n - 1);
		assert_non_null(strstr(out, "Paragraph 0:"));
		assert_non_null(strstr(out, last));
		free(last);
		last = xasprintf("[%d] https://example.com/p/%d\n", n, n - 1);
		assert_non_null(strstr(out, last));
		free(last);
		free(out);
	}
	char *md = render_markdown_body(d), *last = xasprintf("code %d\tline", n - 1);
	assert_non_null(strstr(md, last));
	free(last);
	free(md);
	doc_free(d);
	buf_free(&html);
}

int main(void)
{
	static const char *const names[] = {"article",  "nested_lists", "quotes_in_lists",
	                                    "pre_long", "tables",       "cjk_emoji",
	                                    "rtl",      "entities"};
	struct CMUnitTest tests[ARRAY_LEN(names) + 2];

	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		tests[i] = (struct CMUnitTest)cmocka_unit_test(golden);
		tests[i].name = names[i];
		tests[i].initial_state = (void *)names[i];
	}
	tests[ARRAY_LEN(names)] = (struct CMUnitTest)cmocka_unit_test(test_nesting_bomb);
	tests[ARRAY_LEN(names) + 1] =
	    (struct CMUnitTest)cmocka_unit_test(test_five_megabyte_article);
	text_init_locale();
	setenv("TZ", "UTC", 1);
	return _cmocka_run_group_tests("golden", tests, ARRAY_LEN(tests), NULL, NULL);
}
