/* Key names, the bindings of actions.def, and the config's [keys] section:
 *
 *   [keys]
 *   down = j Down C-n
 *   quit = Q C-c
 *
 * A line gives an action all its keys, replacing the defaults; a key bound elsewhere moves. */
#include "config/config.h"
#include "core/util.h"
#include "ui/internal.h"

#include <stdlib.h>
#include <string.h>

const struct action_info action_table[ACT_COUNT] = {
#define ACTION(id, name, keys, help) {name, keys, help},
#include "ui/actions.def"
#undef ACTION
};

static const struct {
	const char *name;
	int key;
} named_keys[] = {
    {"Space", ' '},
    {"Enter", '\n'},
    {"Tab", '\t'},
    {"Esc", 27},
    {"Backspace", KEY_FN(KEY_BACKSPACE)},
    {"Up", KEY_FN(KEY_UP)},
    {"Down", KEY_FN(KEY_DOWN)},
    {"Left", KEY_FN(KEY_LEFT)},
    {"Right", KEY_FN(KEY_RIGHT)},
    {"PgUp", KEY_FN(KEY_PPAGE)},
    {"PgDn", KEY_FN(KEY_NPAGE)},
    {"Home", KEY_FN(KEY_HOME)},
    {"End", KEY_FN(KEY_END)},
    {"Insert", KEY_FN(KEY_IC)},
    {"Delete", KEY_FN(KEY_DC)},
    {"BackTab", KEY_FN(KEY_BTAB)},
};

#define MAX_BINDINGS 256
static struct binding {
	int key;
	enum action action;
} bindings[MAX_BINDINGS];
static int binding_count;
static int keys_ready;

int ui_key_parse(const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < ARRAY_LEN(named_keys); i++)
		if (str_casecmp_ascii(named_keys[i].name, name) == 0)
			return named_keys[i].key;
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
		char c = name[2];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
		return -1;
	}
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3 && name[1] >= '1' &&
	    name[1] <= '9') {
		int n = atoi(name + 1);
		if (n >= 1 && n <= 12)
			return KEY_FN(KEY_F(n));
	}
	/* One printable ASCII character stands for itself. */
	if (len == 1 && name[0] > ' ' && name[0] < 127)
		return (unsigned char)name[0];
	return -1;
}

void ui_key_name(int key, char *out, size_t size)
{
	for (size_t i = 0; i < ARRAY_LEN(named_keys); i++)
		if (named_keys[i].key == key) {
			snprintf(out, size, "%s", named_keys[i].name);
			return;
		}
	if (key >= 1 && key <= 26)
		snprintf(out, size, "C-%c", 'a' + key - 1);
	else if (key > ' ' && key < 127)
		snprintf(out, size, "%c", key);
	else if (key >= KEY_FN(KEY_F(1)) && key <= KEY_FN(KEY_F(12)))
		snprintf(out, size, "F%d", key - KEY_FN(KEY_F(0)));
	else
		snprintf(out, size, "#%d", key);
}

/* Removes the bindings that match, keeping the others in order (the help lists keys in the
 * order they were given). */
static void unbind_where(int key, int action)
{
	int kept = 0;

	for (int i = 0; i < binding_count; i++)
		if (bindings[i].key != key && (int)bindings[i].action != action)
			bindings[kept++] = bindings[i];
	binding_count = kept;
}

static void unbind_key(int key)
{
	unbind_where(key, ACT_NONE - 1);
}

static void unbind_action(enum action a)
{
	unbind_where(-1, (int)a);
}

static int bind(int key, enum action a)
{
	unbind_key(key);
	if (binding_count == MAX_BINDINGS)
		return -1;
	bindings[binding_count].key = key;
	bindings[binding_count].action = a;
	binding_count++;
	return 0;
}

/* Splits a space-separated list of key names into keys; returns the count or -1 with the
 * offending name in *bad (malloc'd). */
static int parse_key_list(const char *list, int *keys, int max, char **bad)
{
	char *copy = xstrdup(list), *save = NULL;
	int n = 0;

	for (char *tok = strtok_r(copy, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save)) {
		int k = ui_key_parse(tok);
		if (k < 0 || n == max) {
			*bad = xstrdup(tok);
			free(copy);
			return -1;
		}
		keys[n++] = k;
	}
	free(copy);
	return n;
}

void keys_reset(void)
{
	int keys[16];
	char *bad = NULL;

	binding_count = 0;
	for (int a = 0; a < ACT_COUNT; a++) {
		int n = parse_key_list(action_table[a].keys, keys, (int)ARRAY_LEN(keys), &bad);
		for (int i = 0; i < n; i++)
			bind(keys[i], (enum action)a);
		free(bad); /* the defaults are all valid names */
		bad = NULL;
	}
	keys_ready = 1;
}

enum action action_find(const char *name)
{
	for (int a = 0; a < ACT_COUNT; a++)
		if (str_casecmp_ascii(action_table[a].name, name) == 0)
			return (enum action)a;
	return ACT_NONE;
}

enum action key_action(int key)
{
	if (!keys_ready)
		keys_reset();
	for (int i = 0; i < binding_count; i++)
		if (bindings[i].key == key)
			return bindings[i].action;
	return ACT_NONE;
}

char *keys_of_action(enum action a)
{
	struct buf b;
	char name[32];

	if (!keys_ready)
		keys_reset();
	buf_init(&b);
	/* In the order the keys were given: the table's, or the config's. */
	for (int i = 0; i < binding_count; i++)
		if (bindings[i].action == a) {
			ui_key_name(bindings[i].key, name, sizeof(name));
			buf_printf(&b, "%s%s", b.len ? ", " : "", name);
		}
	if (!b.data)
		buf_puts(&b, "");
	return buf_steal(&b);
}

static int apply_key_setting(const char *key, const char *value, char **err)
{
	enum action a = action_find(key);
	int keys[16], n;
	char *bad = NULL;

	if (!keys_ready)
		keys_reset();
	if (a == ACT_NONE) {
		*err = xasprintf("unknown action '%s' in [keys]", key);
		return -1;
	}
	n = parse_key_list(value, keys, (int)ARRAY_LEN(keys), &bad);
	if (n < 0) {
		*err = xasprintf("unknown key name '%s' for %s (use a character, C-x, F1..F12, or "
		                 "Space Enter Tab Esc Up Down Left Right PgUp PgDn Home End ...)",
		                 bad, key);
		free(bad);
		return -1;
	}
	unbind_action(a);
	for (int i = 0; i < n; i++)
		bind(keys[i], a);
	return 0;
}

/* Each action with its keys, quoted so that '#' and ';' read back as keys. */
static void print_key_settings(FILE *f)
{
	for (int a = 0; a < ACT_COUNT; a++) {
		char *keys = keys_of_action((enum action)a);
		fprintf(f, "# %s\n%s = \"%s\"\n\n", action_table[a].help, action_table[a].name,
		        keys);
		free(keys);
	}
}

static const struct config_section keys_section = {"keys", apply_key_setting, print_key_settings,
                                                   keys_reset};

void keys_register_config(void)
{
	config_register_section(&keys_section);
}

int ui_action_count(void)
{
	return ACT_COUNT;
}

const char *ui_action_name(int a)
{
	return a >= 0 && a < ACT_COUNT ? action_table[a].name : NULL;
}

int ui_action_keys(int a, int *keys, int max)
{
	int n = 0;

	if (!keys_ready)
		keys_reset();
	for (int i = 0; i < binding_count && n < max; i++)
		if ((int)bindings[i].action == a)
			keys[n++] = bindings[i].key;
	return n;
}
