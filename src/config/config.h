/* Settings (one table: settings.def) and the INI config file that sets them. */
#ifndef TIDINGS_CONFIG_CONFIG_H
#define TIDINGS_CONFIG_CONFIG_H

#include <stdio.h>

enum setting_type { SETTING_BOOL, SETTING_INT, SETTING_STRING, SETTING_ENUM };

struct settings {
#define SETTING_FIELD_BOOL int
#define SETTING_FIELD_INT int
#define SETTING_FIELD_STRING char *
#define SETTING_FIELD_ENUM char *
#define SETTING(id, name, type, def, min, max, choices, help) SETTING_FIELD_##type id;
#include "config/settings.def"
#undef SETTING
};

/* The settings in force. settings_reset() gives every one its default. */
extern struct settings settings;

struct setting_info {
	const char *name;
	enum setting_type type;
	const char *def;
	int min, max;
	const char *choices; /* "a|b|c" for enums */
	const char *help;
};

extern const struct setting_info setting_table[];
extern const int setting_count;

void settings_reset(void);
void settings_free(void);
/* Sets one setting from its text form. On error returns -1 and *err (malloc'd) says why. */
int setting_set(const char *name, const char *value, char **err);
/* The current value of setting i in its text form (malloc'd). */
char *setting_value_text(int i);
const struct setting_info *setting_find(const char *name);

/* Sections other than the settings (the reader's [keys] and [colors]) register a handler that
 * takes one key=value; it returns -1 with *err set when the key or value is bad. */
struct config_section {
	const char *name;
	int (*apply)(const char *key, const char *value, char **err);
	/* Writes every key of the section with its current value and a comment, as INI lines
	 * that read back (tidings config); NULL when there is nothing to show. */
	void (*print)(FILE *f);
	/* Back to the defaults (tidings config --defaults); may be NULL. */
	void (*reset)(void);
};
void config_register_section(const struct config_section *section);
/* Prints each registered section, "[name]" and its keys, after a blank line. */
void config_print_sections(FILE *f);
/* Resets every registered section to its defaults. */
void config_reset_sections(void);

/* Loads the INI file at path on top of the current settings. A missing file is not an error.
 * Any syntax error, unknown section or key, or bad value fails with *err set to
 * "PATH:LINE: message" (malloc'd). Returns 0 or -1. */
int config_load(const char *path, char **err);

#endif
