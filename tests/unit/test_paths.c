/* core/paths: XDG directories and their overrides, path joins, mkdir -p. */
#include "core/paths.h"
#include "core/util.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

static void test_xdg_directories(void **state)
{
	struct paths p;

	(void)state;
	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	setenv("XDG_DATA_HOME", "/x/data", 1);
	assert_int_equal(paths_resolve(&p, NULL, NULL), 0);
	assert_string_equal(p.config_dir, "/x/conf/tidings");
	assert_string_equal(p.data_dir, "/x/data/tidings");
	assert_string_equal(p.feeds_file, "/x/conf/tidings/feeds");
	assert_string_equal(p.config_file, "/x/conf/tidings/config");
	assert_string_equal(p.cache_file, "/x/data/tidings/cache.db");
	assert_string_equal(p.saved_dir, "/x/data/tidings/saved");
	assert_string_equal(p.lock_file, "/x/data/tidings/refresh.lock");
	paths_free(&p);
}

/* The XDG spec says a relative value is to be ignored: HOME's defaults are used instead. */
static void test_relative_xdg_values_are_ignored(void **state)
{
	struct paths p;

	(void)state;
	setenv("HOME", "/home/reader", 1);
	setenv("XDG_CONFIG_HOME", "relative/conf", 1);
	unsetenv("XDG_DATA_HOME");
	assert_int_equal(paths_resolve(&p, NULL, NULL), 0);
	assert_string_equal(p.config_dir, "/home/reader/.config/tidings");
	assert_string_equal(p.data_dir, "/home/reader/.local/share/tidings");
	paths_free(&p);
}

static void test_overrides_and_no_home(void **state)
{
	struct paths p;

	(void)state;
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	assert_int_equal(paths_resolve(&p, NULL, NULL), -1);
	assert_null(p.config_dir);
	assert_int_equal(paths_resolve(&p, "/c/", "d"), 0);
	assert_string_equal(p.feeds_file, "/c/feeds"); /* no doubled slash */
	assert_string_equal(p.cache_file, "d/cache.db");
	paths_free(&p);
}

static void test_join(void **state)
{
	char *a = path_join("/a/b", "c"), *b = path_join("/a/b/", "c"), *c = path_join("", "c");

	(void)state;
	assert_string_equal(a, "/a/b/c");
	assert_string_equal(b, "/a/b/c");
	assert_string_equal(c, "c");
	free(a);
	free(b);
	free(c);
}

static void test_mkdir_p(void **state)
{
	char root[] = "/tmp/tidings-test-paths.XXXXXX";
	char *deep, *file;
	struct stat st;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(root));
	deep = xasprintf("%s/one/two/three", root);
	assert_int_equal(mkdir_p(deep, 0700), 0);
	assert_int_equal(stat(deep, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(mkdir_p(deep, 0700), 0); /* again: nothing to do */
	file = xasprintf("%s/file", root);
	f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(mkdir_p(file, 0700), -ENOTDIR);
	unlink(file);
	free(file);
	for (int i = 0; i < 3; i++) { /* three, two, one */
		assert_int_equal(rmdir(deep), 0);
		*strrchr(deep, '/') = '\0';
	}
	assert_int_equal(rmdir(root), 0);
	free(deep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_xdg_directories),
	    cmocka_unit_test(test_relative_xdg_values_are_ignored),
	    cmocka_unit_test(test_overrides_and_no_home),
	    cmocka_unit_test(test_join),
	    cmocka_unit_test(test_mkdir_p),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
