#include "config/config.h"
#include "core/text.h"
#include "core/util.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#if defined(HAVE_INIPARSER_INIPARSER_H)
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

struct settings settings;

const struct setting_info setting_table[] = {
#define SETTING(id, name, type, def, min, max, choices, help)                                      \
	{name, SETTING_##type, def, min, max, choices, help},
#include "config/settings.def"
#undef SETTING
};
const int setting_count = (int)ARRAY_LEN(setting_table);

/* Where each setting lives inside struct settings, in table order. */
static void *setting_slot(int i)
{
	void *slots[] = {
#define SETTING(id, name, type, def, min, max, choices, help) &settings.id,
#include "config/settings.def"
#undef SETTING
	};
	return slots[i];
}

static int is_string_type(enum setting_type t)
{
	return t == SETTING_STRING || t == SETTING_ENUM;
}

const struct setting_info *setting_find(const char *name)
{
	for (int i = 0; i < setting_count; i++)
		if (strcmp(setting_table[i].name, name) == 0)
			return &setting_table[i];
	return NULL;
}

static int parse_bool(const char *v, int *out)
{
	static const char *yes[] = {"true", "yes", "on", "1"}, *no[] = {"false", "no", "off", "0"};
	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		if (str_casecmp_ascii(v, yes[i]) == 0)
			return *out = 1, 0;
		if (str_casecmp_ascii(v, no[i]) == 0)
			return *out = 0, 0;
	}
	return -1;
}

static int enum_has_choice(const char *choices, const char *v)
{
	size_t len = strlen(v);
	for (const char *p = choices; *p;) {
		const char *end = strchr(p, '|');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == len && strncmp(p, v, n) == 0)
			return 1;
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

static int setting_set_index(int i, const char *value, char **err)
{
	const struct setting_info *s = &setting_table[i];
	void *slot = setting_slot(i);

	switch (s->type) {
	case SETTING_BOOL:
		if (parse_bool(value, (int *)slot) != 0) {
			*err = xasprintf("%s: expected true or false, not \"%s\"", s->name, value);
			return -1;
		}
		return 0;
	case SETTING_INT: {
		char *end;
		errno = 0;
		long v = strtol(value, &end, 10);
		if (errno || end == value || *end != '\0') {
			*err = xasprintf("%s: expected a whole number, not \"%s\"", s->name, value);
			return -1;
		}
		if (v < s->min || v > s->max) {
			*err = xasprintf("%s: %ld is out of range (%d to %d)", s->name, v, s->min,
			                 s->max);
			return -1;
		}
		*(int *)slot = (int)v;
		return 0;
	}
	case SETTING_ENUM:
		if (!enum_has_choice(s->choices, value)) {
			*err = xasprintf("%s: expected one of %s, not \"%s\"", s->name, s->choices,
			                 value);
			return -1;
		}
		/* fall through */
	case SETTING_STRING:
		free(*(char **)slot);
		*(char **)slot = xstrdup(value);
		return 0;
	}
	return -1;
}

int setting_set(const char *name, const char *value, char **err)
{
	const struct setting_info *s = setting_find(name);
	if (!s) {
		*err = xasprintf("unknown setting \"%s\"", name);
		return -1;
	}
	return setting_set_index((int)(s - setting_table), value, err);
}

char *setting_value_text(int i)
{
	void *slot = setting_slot(i);
	switch (setting_table[i].type) {
	case SETTING_BOOL:
		return xstrdup(*(int *)slot ? "true" : "false");
	case SETTING_INT:
		return xasprintf("%d", *(int *)slot);
	default:
		return xstrdup(*(char **)slot ? *(char **)slot : "");
	}
}

void settings_free(void)
{
	for (int i = 0; i < setting_count; i++) {
		if (is_string_type(setting_table[i].type)) {
			char **slot = setting_slot(i);
			free(*slot);
			*slot = NULL;
		}
	}
}

void settings_reset(void)
{
	settings_free();
	for (int i = 0; i < setting_count; i++) {
		char *err = NULL;
		if (setting_set_index(i, setting_table[i].def, &err) != 0)
			abort(); /* a default that fails its own validation is a bug in the table */
	}
}

#define MAX_SECTIONS 8
static const struct config_section *sections[MAX_SECTIONS];
static int section_count;

void config_register_section(const struct config_section *section)
{
	for (int i = 0; i < section_count; i++)
		if (sections[i] == section)
			return;
	if (section_count < MAX_SECTIONS)
		sections[section_count++] = section;
}

void config_print_sections(FILE *f)
{
	for (int i = 0; i < section_count; i++) {
		if (!sections[i]->print)
			continue;
		fprintf(f, "[%s]\n", sections[i]->name);
		sections[i]->print(f);
	}
}

void config_reset_sections(void)
{
	for (int i = 0; i < section_count; i++)
		if (sections[i]->reset)
			sections[i]->reset();
}

static const struct config_section *section_find(const char *name)
{
	for (int i = 0; i < section_count; i++)
		if (str_casecmp_ascii(sections[i]->name, name) == 0)
			return sections[i];
	return NULL;
}

/* A section whose settings are in the table as "section.key" ([sync]). */
static int section_has_settings(const char *section)
{
	size_t len = strlen(section);
	for (int i = 0; i < setting_count; i++)
		if (strncmp(setting_table[i].name, section, len) == 0 &&
		    setting_table[i].name[len] == '.')
			return 1;
	return 0;
}

/* iniparser reports syntax errors through a printf-style callback, and only one file is
 * loaded at a time, so the first report is kept here. */
static char *ini_syntax_error;

static int capture_ini_error(const char *fmt, ...)
{
	va_list ap;
	struct buf b;

	if (ini_syntax_error)
		return 0;
	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	ini_syntax_error = buf_steal(&b);
	return 0;
}

/* iniparser keeps no line numbers, so they are found by reading the file again: the line of
 * `key` inside `section` ("" for keys before any section). */
static int find_line(const char *text, const char *section, const char *key)
{
	int line = 0, in_section = section[0] == '\0';
	const char *p = text;

	while (*p) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *l = xstrndup(p, len), *t = str_trim(l);
		line++;
		if (t[0] == '[') {
			char *close = strchr(t, ']');
			if (close)
				*close = '\0';
			in_section = str_casecmp_ascii(str_trim(t + 1), section) == 0;
		} else if (in_section && t[0] != '#' && t[0] != ';') {
			char *eq = strchr(t, '=');
			if (eq) {
				*eq = '\0';
				char *k = str_trim(t);
				size_t kl = strlen(k);
				if (kl >= 2 && (k[0] == '"' || k[0] == '\'') && k[kl - 1] == k[0]) {
					k[kl - 1] = '\0';
					k++;
				}
				if (str_casecmp_ascii(k, key) == 0) {
					free(l);
					return line;
				}
			}
		}
		free(l);
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

/* The value of `key` in `section` as the file writes it, when iniparser would have cut it:
 * iniparser takes ';' and '#' anywhere in a value for the start of a comment, so that
 * "user-agent = Mozilla/5.0 (X11; Linux)" would become "Mozilla/5.0 (X11". tidings.conf(5)
 * has comments only on lines of their own; an unquoted value is kept whole, and a bad one
 * is reported with its line. NULL when the value is quoted, continued on the next line, or
 * has neither character (iniparser's is right then). The last line of the key counts, as
 * it does for iniparser. */
static char *uncut_value(const char *text, const char *section, const char *key)
{
	int in_section = section[0] == '\0';
	char *found = NULL;

	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *l = xstrndup(p, len), *t = str_trim(l);
		if (t[0] == '[') {
			char *close = strchr(t, ']');
			if (close)
				*close = '\0';
			in_section = str_casecmp_ascii(str_trim(t + 1), section) == 0;
		} else if (in_section && t[0] != '#' && t[0] != ';' && strchr(t, '=')) {
			char *eq = strchr(t, '=');
			*eq = '\0';
			char *k = str_trim(t), *v = str_trim(eq + 1);
			if (str_casecmp_ascii(k, key) == 0) {
				free(found);
				size_t vl = strlen(v);
				found = v[0] == '"' || v[0] == '\'' || (vl && v[vl - 1] == '\\') ||
				                !strpbrk(v, ";#")
				            ? NULL
				            : xstrdup(v);
			}
		}
		free(l);
		if (!end)
			break;
		p = end + 1;
	}
	return found;
}

static int find_section_line(const char *text, const char *section)
{
	int line = 0;
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *l = xstrndup(p, len), *t = str_trim(l);
		line++;
		if (t[0] == '[') {
			char *close = strchr(t, ']');
			if (close)
				*close = '\0';
			if (str_casecmp_ascii(str_trim(t + 1), section) == 0) {
				free(l);
				return line;
			}
		}
		free(l);
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

static char *located(const char *path, int line, const char *msg)
{
	if (line > 0)
		return xasprintf("%s:%d: %s", path, line, msg);
	return xasprintf("%s: %s", path, msg);
}

/* iniparser reads at most this many bytes of a line (its ASCIILINESZ); the rest is lost. */
#define INI_LINE_MAX 1024

/* Line `line` (from 1) of text, without its newline; NULL when the text is shorter. */
static char *nth_line(const char *text, int line)
{
	const char *p = text;
	for (int i = 1; i < line; i++) {
		p = strchr(p, '\n');
		if (!p)
			return NULL;
		p++;
	}
	return xstrndup(p, strcspn(p, "\n"));
}

/* What is wrong with a line iniparser refused, said so that a person can fix it: iniparser's
 * own echo of the line is empty for over-long and binary lines. */
static char *describe_bad_line(const char *line_text)
{
	size_t len = strlen(line_text);
	char *clean, *msg;

	if (len >= INI_LINE_MAX - 1)
		return xasprintf(
		    "syntax error: the line is %zu bytes long; a line may be at most %d", len,
		    INI_LINE_MAX - 2);
	if (!utf8_is_valid(line_text, len) || text_clean_span(line_text, len, 0) < len)
		return xstrdup("syntax error: the line holds control characters or invalid UTF-8 "
		               "(is this a text file?)");
	clean = text_sanitize_str(line_text, TEXT_COLLAPSE_SPACE);
	if (text_width(clean) > 60)
		clean[text_fit(clean, 59, NULL)] = '\0';
	msg = xasprintf("syntax error: \"%s\" is neither \"key = value\" nor \"[section]\"", clean);
	free(clean);
	return msg;
}

/* "iniparser: syntax error in FILE (LINE):\n-> text" becomes "FILE:LINE: why", where why
 * describes the line as the file has it. */
static char *syntax_error_message(const char *path, const char *text, const char *raw)
{
	const char *open = strrchr(raw, '(');
	int line = open ? atoi(open + 1) : 0;
	char *line_text = line > 0 ? nth_line(text, line) : NULL;
	char *why = describe_bad_line(line_text ? line_text : "");
	char *out = located(path, line, why);
	free(line_text);
	free(why);
	return out;
}

/* Splits iniparser's "section:key"; keys before any section have an empty section. */
static void split_key(const char *full, char **section, const char **key)
{
	const char *colon = strchr(full, ':');
	*section = xstrndup(full, colon ? (size_t)(colon - full) : 0);
	*key = colon ? colon + 1 : full;
}

static int apply_entry(const char *path, const char *text, const char *full, const char *value,
                       char **err)
{
	char *section, *why = NULL;
	const char *key;
	int rc;

	split_key(full, &section, &key);
	char *whole = uncut_value(text, section, key);
	if (whole)
		value = whole;
	if (section[0] == '\0' || str_casecmp_ascii(section, "general") == 0) {
		rc = setting_set(key, value, &why);
	} else if (section_has_settings(section)) {
		char *name = xasprintf("%s.%s", section, key);
		rc = setting_set(name, value, &why);
		free(name);
	} else {
		const struct config_section *s = section_find(section);
		rc = s ? s->apply(key, value, &why) : -1;
		if (!s)
			why = xasprintf("unknown section [%s]", section);
	}
	if (rc != 0) {
		int line = find_line(text, section, key);
		if (line == 0)
			line = find_section_line(text, section);
		*err = located(path, line, why);
	}
	free(whole);
	free(why);
	free(section);
	return rc;
}

static int apply_dictionary(const char *path, const char *text, dictionary *d, char **err)
{
	/* Entries are applied in file order, so that the first bad line is the one reported. */
	for (int i = 0; i < d->size; i++) {
		if (!d->key[i])
			continue;
		if (!d->val[i]) {
			/* A section header; unknown ones are reported even when empty. */
			if (!section_find(d->key[i]) && !section_has_settings(d->key[i]) &&
			    str_casecmp_ascii(d->key[i], "general") != 0) {
				char *why = xasprintf("unknown section [%s]", d->key[i]);
				*err = located(path, find_section_line(text, d->key[i]), why);
				free(why);
				return -1;
			}
			continue;
		}
		if (apply_entry(path, text, d->key[i], d->val[i], err) != 0)
			return -1;
	}
	return 0;
}

int config_load(const char *path, char **err)
{
	char *text;
	size_t len;
	dictionary *d;
	int rc = read_file(path, 1 << 20, &text, &len);

	*err = NULL;
	if (rc == -ENOENT)
		return 0;
	if (rc != 0) {
		*err = xasprintf("%s: %s", path, strerror(-rc));
		return -1;
	}
	free(ini_syntax_error);
	ini_syntax_error = NULL;
	iniparser_set_error_callback(capture_ini_error);
	d = iniparser_load(path);
	if (!d || ini_syntax_error) {
		*err = ini_syntax_error ? syntax_error_message(path, text, ini_syntax_error)
		                        : xasprintf("%s: cannot be read", path);
		free(ini_syntax_error);
		ini_syntax_error = NULL;
		if (d)
			iniparser_freedict(d);
		free(text);
		return -1;
	}
	rc = apply_dictionary(path, text, d, err);
	iniparser_freedict(d);
	free(text);
	return rc;
}
