/* Settings table and config file loading: defaults, values, and errors with file:line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config/config.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *write_temp(const char *text)
{
	char *path = xstrdup("/tmp/tidings-config-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static char *load_text(const char *text, int expect_rc)
{
	char *path = write_temp(text), *err = NULL;
	settings_reset();
	assert_int_equal(config_load(path, &err), expect_rc);
	unlink(path);
	if (err) {
		/* make the message independent of the temporary name */
		char *colon = strstr(err, path);
		char *msg = xstrdup(colon ? err + strlen(path) : err);
		free(err);
		err = msg;
	}
	free(path);
	return err;
}

static void test_defaults(void **state)
{
	settings_reset();
	assert_int_equal(settings.max_parallel, 256);
	assert_false(settings.refresh_on_start);
	assert_string_equal(settings.save_format, "markdown");
	assert_string_equal(settings.date_format, "%Y-%m-%d");
}

static void test_every_default_is_valid(void **state)
{
	for (int i = 0; i < setting_count; i++) {
		char *err = NULL;
		assert_int_equal(setting_set(setting_table[i].name, setting_table[i].def, &err), 0);
		assert_non_null(setting_table[i].help);
		assert_true(strlen(setting_table[i].help) > 10);
	}
}

static void test_values_top_level_and_general(void **state)
{
	char *err = load_text("# comment\nmax-parallel = 4\n\n[general]\nrefresh-on-start = yes\n"
	                      "browser = \"firefox --new-tab\"\nsave-format = text\n",
	                      0);
	assert_null(err);
	assert_int_equal(settings.max_parallel, 4);
	assert_true(settings.refresh_on_start);
	assert_string_equal(settings.browser, "firefox --new-tab");
	assert_string_equal(settings.save_format, "text");
}

static void test_missing_file_is_fine(void **state)
{
	char *err = NULL;
	settings_reset();
	assert_int_equal(config_load("/nonexistent/tidings/config", &err), 0);
	assert_null(err);
}

static void test_unknown_key_names_line(void **state)
{
	char *err = load_text("max-parallel = 4\n\nrefresh-on-strat = true\n", -1);
	assert_string_equal(err, ":3: unknown setting \"refresh-on-strat\"");
	free(err);
}

static void test_bad_value_names_line(void **state)
{
	char *err = load_text("[general]\nmax-parallel = lots\n", -1);
	assert_string_equal(err, ":2: max-parallel: expected a whole number, not \"lots\"");
	free(err);
	err = load_text("max-parallel = 0\n", -1);
	assert_string_equal(err, ":1: max-parallel: 0 is out of range (1 to 256)");
	free(err);
	err = load_text("\n\nmouse = perhaps\n", -1);
	assert_string_equal(err, ":3: mouse: expected true or false, not \"perhaps\"");
	free(err);
	err = load_text("layout = diagonal\n", -1);
	assert_string_equal(err,
	                    ":1: layout: expected one of auto|columns|stacked, not \"diagonal\"");
	free(err);
}

static void test_unknown_section(void **state)
{
	char *err = load_text("mouse = true\n[colours]\nx = y\n", -1);
	assert_string_equal(err, ":2: unknown section [colours]");
	free(err);
}

static void test_syntax_error(void **state)
{
	char *err = load_text("mouse = true\nthis line has no equals sign\n", -1);
	assert_non_null(strstr(err, ":2: syntax error"));
	free(err);
}

/* iniparser echoes nothing of binary or over-long lines; the message still says what is wrong. */
static void test_syntax_error_says_why(void **state)
{
	char *long_line = xmalloc(2001), *text, *err;

	err = load_text("mouse = true\n\x01\x02\xff\xfe junk\n", -1);
	assert_string_equal(err, ":2: syntax error: the line holds control characters or invalid "
	                         "UTF-8 (is this a text file?)");
	free(err);

	memset(long_line, 'a', 2000);
	long_line[2000] = '\0';
	text = xasprintf("[general]\nmouse = %s\n", long_line);
	err = load_text(text, -1);
	assert_string_equal(
	    err, ":2: syntax error: the line is 2008 bytes long; a line may be at most 1022");
	free(err);
	free(text);
	free(long_line);

	err = load_text("mouse = true\nthis line has no equals sign\n", -1);
	assert_string_equal(err, ":2: syntax error: \"this line has no equals sign\" is neither "
	                         "\"key = value\" nor \"[section]\"");
	free(err);
}

static int apply_keys(const char *key, const char *value, char **err)
{
	if (strcmp(key, "quit") == 0)
		return 0;
	*err = xasprintf("unknown action \"%s\"", key);
	return -1;
}

static void test_registered_section(void **state)
{
	static const struct config_section keys = {"keys", apply_keys};
	char *err;

	config_register_section(&keys);
	err = load_text("[keys]\nquit = Q\n", 0);
	assert_null(err);
	err = load_text("[keys]\nquit = Q\nfly = F\n", -1);
	assert_string_equal(err, ":3: unknown action \"fly\"");
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_every_default_is_valid),
	    cmocka_unit_test(test_values_top_level_and_general),
	    cmocka_unit_test(test_missing_file_is_fine),
	    cmocka_unit_test(test_unknown_key_names_line),
	    cmocka_unit_test(test_bad_value_names_line),
	    cmocka_unit_test(test_unknown_section),
	    cmocka_unit_test(test_syntax_error),
	    cmocka_unit_test(test_syntax_error_says_why),
	    cmocka_unit_test(test_registered_section),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	settings_free();
	return rc;
}
