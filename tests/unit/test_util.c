/* core/util: buffers, escaping, string helpers and whole-file reads and writes. */
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

static void test_buffer_grows_and_stays_a_string(void **state)
{
	struct buf b;
	char *s;

	(void)state;
	buf_init(&b);
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 2000);
	assert_int_equal(strlen(b.data), 2000);
	assert_memory_equal(b.data, "0,1,2,", 6);
	buf_putc(&b, 'x');
	buf_append(&b, "yz\0w", 4); /* bytes as given, NUL included */
	assert_int_equal(b.len, 2005);
	s = buf_steal(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_memory_equal(s + 2000, "xyz\0w", 6);
	free(s);
}

static void test_empty_buffer_steals_an_empty_string(void **state)
{
	struct buf b;
	char *s;

	(void)state;
	buf_init(&b);
	s = buf_steal(&b);
	assert_string_equal(s, "");
	free(s);
	buf_reserve(&b, 10);
	assert_string_equal(b.data, "");
	buf_free(&b);
}

static char *escaped(const char *s, int quotes)
{
	struct buf b;

	buf_init(&b);
	buf_put_xml_escaped(&b, s, quotes);
	return buf_steal(&b);
}

static void test_xml_escaping(void **state)
{
	char *s;

	(void)state;
	s = escaped("a < b && c > \"d\" 'e'", 0);
	assert_string_equal(s, "a &lt; b &amp;&amp; c &gt; \"d\" 'e'");
	free(s);
	s = escaped("a < b && c > \"d\" 'e'", 1);
	assert_string_equal(s, "a &lt; b &amp;&amp; c &gt; &quot;d&quot; 'e'");
	free(s);
	s = escaped("&amp; stays escaped once more", 1);
	assert_string_equal(s, "&amp;amp; stays escaped once more");
	free(s);
	s = escaped("", 1);
	assert_string_equal(s, "");
	free(s);
	s = escaped("плайн ✓ text", 1);
	assert_string_equal(s, "плайн ✓ text");
	free(s);
}

static void test_string_helpers(void **state)
{
	char padded[] = " \t word and word \n";
	char blank[] = " \t\n";

	(void)state;
	assert_true(str_starts_with("tidings", "tid"));
	assert_false(str_starts_with("tid", "tidings"));
	assert_true(str_ends_with("feed.xml", ".xml"));
	assert_false(str_ends_with("xml", "feed.xml"));
	assert_int_equal(str_casecmp_ascii("Content-Type", "content-TYPE"), 0);
	assert_true(str_casecmp_ascii("a", "b") < 0);
	assert_int_equal(str_ncasecmp_ascii("TEXT/html; x", "text/HTML", 9), 0);
	assert_string_equal(str_trim(padded), "word and word");
	assert_true(str_is_blank(blank));
	assert_false(str_is_blank(" x "));
	assert_true(str_is_blank(""));
}

static void test_xasprintf_and_copies(void **state)
{
	char *s = xasprintf("%s-%03d", "item", 7);
	char *n = xstrndup("abcdef", 3);

	(void)state;
	assert_string_equal(s, "item-007");
	assert_string_equal(n, "abc");
	free(s);
	free(n);
}

static void test_whole_files_round_trip_with_a_limit(void **state)
{
	char path[] = "/tmp/tidings-test-util.XXXXXX";
	int fd = mkstemp(path);
	char data[5000], *back;
	size_t len;

	(void)state;
	assert_true(fd >= 0);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)('a' + i % 26);
	assert_int_equal(write_all(fd, data, sizeof(data)), 0);
	close(fd);
	assert_int_equal(read_file(path, sizeof(data), &back, &len), 0);
	assert_int_equal(len, sizeof(data));
	assert_memory_equal(back, data, sizeof(data));
	assert_int_equal(back[len], '\0');
	free(back);
	back = NULL;
	assert_int_equal(read_file(path, sizeof(data) - 1, &back, &len), -EFBIG);
	free(back);
	unlink(path);
	assert_int_equal(read_file(path, 100, &back, &len), -ENOENT);
}

/* A file replaced whole: new text and mode, the old one gone, no temporary file left, and a
 * failure (no such directory) leaves nothing behind either. */
static void test_files_replaced_in_one_step(void **state)
{
	char dir[] = "/tmp/tidings-test-replace.XXXXXX", *path, *missing, *back;
	size_t len;
	struct stat st;
	struct dirent *e;
	DIR *d;
	int entries = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/token", dir);
	assert_int_equal(write_file_replace(path, "old\n", 4, 0644, 1), 0);
	assert_int_equal(write_file_replace(path, "new text\n", 9, 0600, 0), 0);
	assert_int_equal(read_file(path, 100, &back, &len), 0);
	assert_string_equal(back, "new text\n");
	free(back);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d)))
		entries += e->d_name[0] != '.';
	closedir(d);
	assert_int_equal(entries, 1);
	missing = xasprintf("%s/no/such/file", dir);
	assert_int_equal(write_file_replace(missing, "x", 1, 0600, 1), -ENOENT);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
	free(missing);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_buffer_grows_and_stays_a_string),
	    cmocka_unit_test(test_empty_buffer_steals_an_empty_string),
	    cmocka_unit_test(test_xml_escaping),
	    cmocka_unit_test(test_string_helpers),
	    cmocka_unit_test(test_xasprintf_and_copies),
	    cmocka_unit_test(test_whole_files_round_trip_with_a_limit),
	    cmocka_unit_test(test_files_replaced_in_one_step),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
