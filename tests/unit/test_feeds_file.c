/* The feeds file: newsboat's format read as is, and edits that leave other lines alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config/feeds_file.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char sample[] = "# my feeds\n"
                             "\n"
                             "https://a.example/feed.xml news tech \"~A's news\"\n"
                             "  # indented comment\n"
                             "https://b.example/rss \"tag with space\" +full-text\n"
                             "https://c.example/atom\n";

static void parse(struct feeds_file *ff, const char *text)
{
	char *err = NULL;
	assert_int_equal(feeds_file_parse(text, strlen(text), ff, &err), 0);
}

static void test_parses_entries(void **state)
{
	struct feeds_file ff;
	parse(&ff, sample);
	assert_int_equal(ff.entry_count, 3);
	assert_string_equal(ff.entries[0].url, "https://a.example/feed.xml");
	assert_string_equal(ff.entries[0].title, "A's news");
	assert_int_equal(ff.entries[0].tag_count, 2);
	assert_string_equal(ff.entries[0].tags[1], "tech");
	assert_int_equal(ff.entries[0].line, 3);
	assert_string_equal(ff.entries[1].tags[0], "tag with space");
	assert_true(ff.entries[1].full_text);
	assert_null(ff.entries[2].title);
	feeds_file_free(&ff);
}

static void test_roundtrip_is_identical(void **state)
{
	struct feeds_file ff;
	char *text;
	parse(&ff, sample);
	text = feeds_file_text(&ff);
	assert_string_equal(text, sample);
	free(text);
	feeds_file_free(&ff);
}

static void test_add_keeps_other_lines(void **state)
{
	struct feeds_file ff;
	const char *tags[] = {"x", "two words"};
	char *text, *want;

	parse(&ff, sample);
	assert_int_equal(feeds_file_add(&ff, "https://d.example/", tags, 2, "D \"quoted\""), 0);
	assert_int_equal(feeds_file_add(&ff, "https://a.example/feed.xml", NULL, 0, NULL), -1);
	text = feeds_file_text(&ff);
	want = xasprintf("%shttps://d.example/ x \"two words\" \"~D \\\"quoted\\\"\"\n", sample);
	assert_string_equal(text, want);
	assert_string_equal(ff.entries[3].title, "D \"quoted\"");
	free(text);
	free(want);
	feeds_file_free(&ff);
}

static void test_remove_keeps_other_lines(void **state)
{
	struct feeds_file ff;
	char *text;
	parse(&ff, sample);
	assert_int_equal(feeds_file_remove(&ff, "https://b.example/rss"), 0);
	assert_int_equal(feeds_file_remove(&ff, "https://nope.example/"), -1);
	text = feeds_file_text(&ff);
	assert_string_equal(text,
	                    "# my feeds\n\nhttps://a.example/feed.xml news tech \"~A's news\"\n"
	                    "  # indented comment\nhttps://c.example/atom\n");
	free(text);
	feeds_file_free(&ff);
}

static void test_replace_url_keeps_tags_and_title(void **state)
{
	struct feeds_file ff;
	char *text;
	parse(&ff, sample);
	assert_int_equal(
	    feeds_file_replace_url(&ff, "https://a.example/feed.xml", "https://a.example/new"), 0);
	text = feeds_file_text(&ff);
	assert_non_null(strstr(text, "\nhttps://a.example/new news tech \"~A's news\"\n"));
	free(text);
	feeds_file_free(&ff);
}

static void test_save_and_load(void **state)
{
	char dir[] = "/tmp/tidings-ff-XXXXXX", *path, *err = NULL;
	struct feeds_file ff, back;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/sub/feeds", dir);
	assert_int_equal(feeds_file_load(path, &ff, &err), 0); /* missing: empty */
	assert_int_equal(ff.entry_count, 0);
	assert_int_equal(feeds_file_add(&ff, "https://e.example/", NULL, 0, NULL), 0);
	assert_int_equal(feeds_file_save(&ff, &err), 0);
	assert_int_equal(feeds_file_load(path, &back, &err), 0);
	assert_int_equal(back.entry_count, 1);
	assert_string_equal(back.entries[0].url, "https://e.example/");
	feeds_file_free(&ff);
	feeds_file_free(&back);
	unlink(path);
	free(path);
	path = xasprintf("%s/sub", dir);
	rmdir(path);
	free(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parses_entries),
	    cmocka_unit_test(test_roundtrip_is_identical),
	    cmocka_unit_test(test_add_keeps_other_lines),
	    cmocka_unit_test(test_remove_keeps_other_lines),
	    cmocka_unit_test(test_replace_url_keeps_tags_and_title),
	    cmocka_unit_test(test_save_and_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
