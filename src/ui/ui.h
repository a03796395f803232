/* The reader: the ncurses interface over the cache. */
#ifndef TIDINGS_UI_UI_H
#define TIDINGS_UI_UI_H

#include "config/feeds_file.h"
#include "core/paths.h"
#include "filter/rules.h"

#include <stddef.h>
#include "store/cache.h"

struct ui_options {
	struct cache *cache;
	const struct paths *paths;
	struct feeds_file *feeds; /* the subscriptions: tags and custom titles */
	/* The rules file (ignore-article, highlight-article, define-filter), or NULL. */
	const struct rules *rules;
	/* Quit right after the first complete screen has been drawn (for benchmarks). */
	int quit_after_first_draw;
};

/* Registers the [keys] and [colors] config sections; call before config_load. */
void ui_register_config(void);

/* Whether the colours of the rules' highlight-article lines are known ones; -1 with *err
 * ("rules:LINE:COLUMN: ...") when one is not. */
int ui_check_rules(const struct rules *r, char **err);

/* The reader's tables, for import --from-newsboat: key names (a character, C-x, F1..F12,
 * Space Enter Tab Esc Up Down ...) as numbers (-1 when unknown) and back, the actions of
 * actions.def with the keys bound to them now (defaults and [keys]), and the colours. */
int ui_key_parse(const char *name);
void ui_key_name(int key, char *out, size_t size);
int ui_action_count(void);
const char *ui_action_name(int a);
int ui_action_keys(int a, int *keys, int max);
int ui_color_check(const char *spec, char **err);
int ui_color_role_known(const char *role);

/* Runs the reader until the user quits. Returns 0, 128 + the signal when one ended it (a
 * terminal gone counts as SIGHUP), or -1 when the terminal cannot be used. */
int ui_run(const struct ui_options *opts);

#endif
