/* The reader's key names, default bindings from actions.def, and the [keys] section. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config/config.h"
#include "core/util.h"
#include "ui/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_key_names(void **state)
{
	char name[32];

	assert_int_equal(ui_key_parse("j"), 'j');
	assert_int_equal(ui_key_parse("Space"), ' ');
	assert_int_equal(ui_key_parse("enter"), '\n');
	assert_int_equal(ui_key_parse("C-r"), 18);
	assert_int_equal(ui_key_parse("C-R"), 18);
	assert_int_equal(ui_key_parse("PgDn"), KEY_FN(KEY_NPAGE));
	assert_int_equal(ui_key_parse("F5"), KEY_FN(KEY_F(5)));
	assert_int_equal(ui_key_parse("F13"), -1);
	assert_int_equal(ui_key_parse("C-1"), -1);
	assert_int_equal(ui_key_parse("jj"), -1);
	assert_int_equal(ui_key_parse(""), -1);
	ui_key_name(18, name, sizeof(name));
	assert_string_equal(name, "C-r");
	ui_key_name(KEY_FN(KEY_F(1)), name, sizeof(name));
	assert_string_equal(name, "F1");
	ui_key_name(' ', name, sizeof(name));
	assert_string_equal(name, "Space");
}

static void test_defaults(void **state)
{
	char *keys;

	keys_reset();
	assert_int_equal(key_action('j'), ACT_DOWN);
	assert_int_equal(key_action(KEY_FN(KEY_DOWN)), ACT_DOWN);
	assert_int_equal(key_action('Q'), ACT_QUIT);
	assert_int_equal(key_action(18), ACT_REFRESH_FEED);
	assert_int_equal(key_action('#'), ACT_NONE);
	assert_int_equal(action_find("toggle-read"), ACT_TOGGLE_READ);
	assert_int_equal(action_find("nope"), ACT_NONE);
	keys = keys_of_action(ACT_HELP);
	assert_string_equal(keys, "?, F1");
	free(keys);
}

/* Every default key is bound to one action only. */
static void test_defaults_do_not_clash(void **state)
{
	keys_reset();
	for (int a = 0; a < ACT_COUNT; a++) {
		char *copy = xstrdup(action_table[a].keys), *save = NULL;
		for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
			assert_int_equal(key_action(ui_key_parse(t)), a);
		free(copy);
	}
}

static int load(const char *text, char **err)
{
	char path[] = "/tmp/tidings-keys-XXXXXX";
	int fd = mkstemp(path), rc;
	FILE *f = fdopen(fd, "w");

	fputs(text, f);
	fclose(f);
	*err = NULL;
	rc = config_load(path, err);
	unlink(path);
	return rc;
}

static void test_config_section(void **state)
{
	char *err, *keys;

	keys_reset();
	ui_register_config();
	assert_int_equal(load("[keys]\ndown = x C-n\nquit = j\n", &err), 0);
	assert_int_equal(key_action('x'), ACT_DOWN);
	assert_int_equal(key_action(14), ACT_DOWN);
	/* The defaults of down are gone; j moved to quit. */
	assert_int_equal(key_action(KEY_FN(KEY_DOWN)), ACT_NONE);
	assert_int_equal(key_action('j'), ACT_QUIT);
	keys = keys_of_action(ACT_DOWN);
	assert_string_equal(keys, "x, C-n");
	free(keys);

	assert_int_equal(load("[keys]\n\nbogus = x\n", &err), -1);
	assert_non_null(strstr(err, ":3: unknown action 'bogus'"));
	free(err);
	assert_int_equal(load("[keys]\nup = k Hyper\n", &err), -1);
	assert_non_null(strstr(err, ":2: unknown key name 'Hyper'"));
	free(err);
	assert_int_equal(load("[colors]\nselected = white\n", &err), -1);
	assert_non_null(strstr(err, "needs a foreground and a background"));
	free(err);
	assert_int_equal(load("[colors]\nselected = color300 default\n", &err), -1);
	assert_non_null(strstr(err, "unknown colour 'color300'"));
	free(err);
	assert_int_equal(load("[colors]\nselected = color42 bright-red bold underline\n", &err), 0);
	keys_reset();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_key_names),
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_defaults_do_not_clash),
	    cmocka_unit_test(test_config_section),
	};
	settings_reset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
