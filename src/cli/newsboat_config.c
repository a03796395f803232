/* newsboat's config file moved over (import --from-newsboat): see newsboat_config.h. */
#include "cli/newsboat_config.h"
#include "config/config.h"
#include "core/log.h"
#include "core/text.h"
#include "core/util.h"
#include "filter/rules.h"
#include "ui/ui.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_CONFIG ((size_t)4 << 20)
#define MAX_WORDS 16
#define MAX_KEYS 16

/* newsboat settings with a tidings setting of the same meaning. */
static const struct {
	const char *newsboat, *tidings;
} setting_map[] = {
    {"browser", "browser"},
    {"reload-threads", "max-parallel"},
    {"max-items", "max-items-per-feed"},
    {"show-read-articles", "show-read"},
    {"datetime-format", "date-format"},
    {"refresh-on-startup", "refresh-on-start"},
    {"download-timeout", "fetch-timeout"},
    {"user-agent", "user-agent"},
    {"confirm-exit", "confirm-quit"},
};

/* newsboat's operations (bind-key) that a tidings action does. */
static const struct {
	const char *newsboat, *tidings;
} action_map[] = {
    {"open", "open"},
    {"quit", "back"},
    {"hard-quit", "quit"},
    {"reload", "refresh-feed"},
    {"reload-all", "refresh-all"},
    {"mark-feed-read", "mark-all-read"},
    {"toggle-article-read", "toggle-read"},
    {"next-unread", "next-unread"},
    {"prev-unread", "prev-unread"},
    {"open-in-browser", "open-browser"},
    {"open-in-browser-and-mark-read", "open-browser"},
    {"help", "help"},
    {"save", "save"},
    {"show-urls", "links"},
    {"search", "search"},
    {"cmdline", "command"},
    {"redraw", "redraw"},
    {"set-filter", "set-filter"},
    {"select-filter", "set-filter"},
    {"toggle-show-read-feeds", "filter-unread"},
    {"edit-flags", "toggle-saved"},
    {"up", "up"},
    {"down", "down"},
    {"pageup", "page-up"},
    {"pagedown", "page-down"},
    {"home", "top"},
    {"end", "bottom"},
};

/* newsboat's colour elements with a tidings colour role. */
static const struct {
	const char *newsboat, *tidings;
} color_map[] = {
    {"listnormal", "normal"}, {"listfocus", "selected"}, {"listnormal_unread", "unread"},
    {"info", "status"},       {"title", "title-bar"},
};

/* newsboat's names of keys that are not one character. */
static const struct {
	const char *newsboat, *tidings;
} key_map[] = {
    {"ENTER", "Enter"}, {"SPACE", "Space"}, {"TAB", "Tab"},
    {"ESC", "Esc"},     {"UP", "Up"},       {"DOWN", "Down"},
    {"LEFT", "Left"},   {"RIGHT", "Right"}, {"PPAGE", "PgUp"},
    {"NPAGE", "PgDn"},  {"HOME", "Home"},   {"END", "End"},
    {"DC", "Delete"},   {"IC", "Insert"},   {"BACKSPACE", "Backspace"},
};

struct conversion {
	const char *path; /* newsboat's config, for the messages */
	int line;
	struct buf settings, colors, rules;
	/* the keys of every action, from the reader's bindings now, as bind-key changes them */
	int (*keys)[MAX_KEYS];
	int *key_count;
	unsigned char *keys_changed;
	int auto_reload;
	char *reload_time;
	int reload_time_line;
	struct newsboat_config_report *report;
};

static void unmapped(struct conversion *cv, const char *text, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void unmapped(struct conversion *cv, const char *text, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s:%d: not moved: ", cv->path, cv->line);
	text_fputs(stderr, text, TEXT_COLLAPSE_SPACE);
	/* The reason quotes words of the line too (a key, a setting's name). */
	fputs(" (", stderr);
	text_fputs(stderr, why, TEXT_COLLAPSE_SPACE);
	fputs(")\n", stderr);
	cv->report->unmapped++;
}

static const char *lookup(const char *name, const void *table, size_t count)
{
	const struct {
		const char *newsboat, *tidings;
	} *t = table;
	for (size_t i = 0; i < count; i++)
		if (strcmp(t[i].newsboat, name) == 0)
			return t[i].tidings;
	return NULL;
}
#define LOOKUP(name, table) lookup(name, table, ARRAY_LEN(table))

/* A key as newsboat names it ("j", "^R", "ENTER", "F5"), as tidings numbers it, or -1. */
static int newsboat_key(const char *name)
{
	const char *named = LOOKUP(name, key_map);
	char ctrl[4];

	if (named)
		return ui_key_parse(named);
	if (name[0] == '^' && name[1] && !name[2]) {
		snprintf(ctrl, sizeof(ctrl), "C-%c", name[1]);
		return ui_key_parse(ctrl);
	}
	return ui_key_parse(name);
}

static int action_index(const char *name)
{
	for (int a = 0; a < ui_action_count(); a++)
		if (strcmp(ui_action_name(a), name) == 0)
			return a;
	return -1;
}

static void unbind(struct conversion *cv, int key)
{
	for (int a = 0; a < ui_action_count(); a++) {
		int kept = 0;
		for (int k = 0; k < cv->key_count[a]; k++)
			if (cv->keys[a][k] != key)
				cv->keys[a][kept++] = cv->keys[a][k];
		if (kept != cv->key_count[a])
			cv->keys_changed[a] = 1;
		cv->key_count[a] = kept;
	}
}

static void bind_key(struct conversion *cv, char **w, int n, const char *text)
{
	const char *action;
	int key, a;

	if (n < 3) {
		unmapped(cv, text, "bind-key wants a key and an operation");
		return;
	}
	if ((key = newsboat_key(w[1])) < 0) {
		unmapped(cv, text, "tidings has no key named %s", w[1]);
		return;
	}
	if (!(action = LOOKUP(w[2], action_map)) || (a = action_index(action)) < 0) {
		unmapped(cv, text, "no action of tidings does %s", w[2]);
		return;
	}
	unbind(cv, key);
	if (cv->key_count[a] < MAX_KEYS)
		cv->keys[a][cv->key_count[a]++] = key;
	cv->keys_changed[a] = 1;
	cv->report->moved++;
}

static void unbind_key(struct conversion *cv, char **w, int n, const char *text)
{
	int key;

	if (n < 2 || (key = newsboat_key(w[1])) < 0) {
		unmapped(cv, text, "tidings has no key named %s", n < 2 ? "" : w[1]);
		return;
	}
	unbind(cv, key);
	cv->report->moved++;
}

static void color(struct conversion *cv, char **w, int n, const char *text)
{
	const char *role;
	struct buf value;
	char *err = NULL;

	if (n < 4) {
		unmapped(cv, text, "color wants an element, a foreground and a background");
		return;
	}
	if (!(role = LOOKUP(w[1], color_map)) || !ui_color_role_known(role)) {
		unmapped(cv, text, "tidings has no colour for %s", w[1]);
		return;
	}
	buf_init(&value);
	for (int i = 2; i < n; i++)
		buf_printf(&value, "%s%s", i > 2 ? " " : "", w[i]);
	if (ui_color_check(value.data, &err) != 0) {
		unmapped(cv, text, "%s", err);
		free(err);
	} else {
		buf_printf(&cv->colors, "%s = %s\n", role, value.data);
		cv->report->moved++;
	}
	buf_free(&value);
}

static void setting(struct conversion *cv, const char *name, char **w, int n, const char *text)
{
	char *err = NULL;

	if (n != 2) {
		unmapped(cv, text, "%s wants one value", w[0]);
		return;
	}
	if (setting_set(name, w[1], &err) != 0) {
		unmapped(cv, text, "%s", err);
		free(err);
		return;
	}
	buf_printf(&cv->settings, "%s = %s\n", name, w[1]);
	cv->report->moved++;
}

/* ignore-article, ignore-mode, define-filter, highlight-article: the line goes to the rules
 * file as it is, once the rules file's parser (and, for colours, the reader) accepts it. */
static void rule(struct conversion *cv, const char *line, char **w, int n, const char *text)
{
	struct rules r;
	char *err = NULL;

	(void)w;
	(void)n;
	if (rules_parse(line, "rule", &r, &err) != 0) {
		unmapped(cv, text, "%s", err + strlen("rule:1:"));
		free(err);
		return;
	}
	if (ui_check_rules(&r, &err) != 0) {
		unmapped(cv, text, "%s", err + strlen("rules:1:"));
		free(err);
		rules_free(&r);
		return;
	}
	rules_free(&r);
	buf_printf(&cv->rules, "%s\n", str_trim((char *)line));
	cv->report->moved++;
}

static int is_rule(const char *word)
{
	return strcmp(word, "ignore-article") == 0 || strcmp(word, "ignore-mode") == 0 ||
	       strcmp(word, "define-filter") == 0 || strcmp(word, "highlight-article") == 0;
}

static void convert_line(struct conversion *cv, char *line)
{
	char *w[MAX_WORDS], *err = NULL;
	int cols[MAX_WORDS], n, errcol;
	const char *name;
	char *text = str_trim(xstrdup(line)), *copy = text;

	n = rules_split_line(line, w, cols, NULL, MAX_WORDS, &err, &errcol);
	if (n < 0) {
		unmapped(cv, text, "%s", err);
		free(err);
		free(copy);
		return;
	}
	if (n == 0) {
		free(copy);
		return;
	}
	if (strcmp(w[0], "bind-key") == 0)
		bind_key(cv, w, n, text);
	else if (strcmp(w[0], "unbind-key") == 0)
		unbind_key(cv, w, n, text);
	else if (strcmp(w[0], "color") == 0)
		color(cv, w, n, text);
	else if (is_rule(w[0]))
		rule(cv, line, w, n, text);
	else if (strcmp(w[0], "auto-reload") == 0 && n == 2) {
		cv->auto_reload = strcmp(w[1], "yes") == 0 || strcmp(w[1], "true") == 0;
		cv->report->moved++;
	} else if (strcmp(w[0], "reload-time") == 0 && n == 2) {
		free(cv->reload_time);
		cv->reload_time = xstrdup(w[1]);
		cv->reload_time_line = cv->line;
	} else if ((name = LOOKUP(w[0], setting_map)))
		setting(cv, name, w, n, text);
	else if (strcmp(w[0], "macro") == 0)
		unmapped(cv, text, "tidings has no macros; bind the action to a key in [keys]");
	else if (strcmp(w[0], "show-read-feeds") == 0)
		unmapped(cv, text, "tidings always lists every feed; l shows unread articles only");
	else if (strcmp(w[0], "articlelist-format") == 0)
		unmapped(cv, text, "tidings's list has a fixed layout; date-format sets its dates");
	else
		unmapped(cv, text, "tidings has no setting %s", w[0]);
	for (int i = 0; i < n; i++)
		free(w[i]);
	free(copy);
}

/* reload-time (minutes) counts only with auto-reload yes, as in newsboat. */
static void finish_reload(struct conversion *cv)
{
	char *words[2] = {"reload-time", cv->reload_time};
	char *text;

	if (!cv->reload_time)
		return;
	cv->line = cv->reload_time_line;
	text = xasprintf("reload-time %s", cv->reload_time);
	if (cv->auto_reload)
		setting(cv, "refresh-interval", words, 2, text);
	else
		cv->report->moved++; /* newsboat does not reload on a timer either */
	free(text);
	free(cv->reload_time);
}

static void keys_section(struct conversion *cv, struct buf *out)
{
	char name[32];

	for (int a = 0; a < ui_action_count(); a++) {
		if (!cv->keys_changed[a])
			continue;
		buf_printf(out, "%s = \"", ui_action_name(a));
		for (int k = 0; k < cv->key_count[a]; k++) {
			ui_key_name(cv->keys[a][k], name, sizeof(name));
			buf_printf(out, "%s%s", k ? " " : "", name);
		}
		buf_puts(out, "\"\n");
	}
}

static int write_text(const char *path, const char *text, char **err)
{
	int rc = write_file_replace(path, text, strlen(text), 0600, 1);

	if (rc != 0)
		*err = xasprintf("%s: %s", path, strerror(-rc));
	return rc ? -1 : 0;
}

/* The file's text, "" when it does not exist; NULL (logged) when it cannot be read. */
static char *existing(const char *path)
{
	char *text = NULL;
	size_t len;
	int rc = read_file(path, MAX_CONFIG, &text, &len);

	if (rc == -ENOENT)
		return xstrdup("");
	if (rc != 0) {
		log_error("%s: %s", path, strerror(-rc));
		return NULL;
	}
	return text;
}

/* tidings' config: newsboat's settings first (before any section, where settings go; what
 * the file set already comes after and so stays in force), then the file as it was, then
 * [keys] and [colors]. */
static int write_config(struct conversion *cv, const char *path, char **err)
{
	char *old = existing(path);
	struct buf out, keys;
	int rc;

	if (!old) {
		*err = xasprintf("%s: cannot be read", path);
		return -1;
	}
	buf_init(&keys);
	keys_section(cv, &keys);
	if (!cv->settings.len && !keys.len && !cv->colors.len) {
		free(old);
		buf_free(&keys);
		return 0;
	}
	buf_init(&out);
	buf_printf(&out, "# from newsboat's %s (tidings import --from-newsboat)\n", cv->path);
	buf_append(&out, cv->settings.data ? cv->settings.data : "", cv->settings.len);
	buf_puts(&out, "\n");
	buf_puts(&out, old);
	if (keys.len)
		buf_printf(&out, "\n[keys]\n%s", keys.data);
	if (cv->colors.len)
		buf_printf(&out, "\n[colors]\n%s", cv->colors.data);
	rc = write_text(path, out.data, err);
	buf_free(&out);
	buf_free(&keys);
	free(old);
	return rc;
}

static int write_rules(struct conversion *cv, const char *path, char **err)
{
	char *old;
	struct buf out;
	int rc;

	if (!cv->rules.len)
		return 0;
	if (!(old = existing(path))) {
		*err = xasprintf("%s: cannot be read", path);
		return -1;
	}
	buf_init(&out);
	buf_puts(&out, old);
	if (out.len && out.data[out.len - 1] != '\n')
		buf_putc(&out, '\n');
	buf_printf(&out, "# from newsboat's %s\n%s", cv->path, cv->rules.data);
	rc = write_text(path, out.data, err);
	buf_free(&out);
	free(old);
	return rc;
}

int newsboat_config_import(const char *nb_config, const struct paths *paths,
                           struct newsboat_config_report *report)
{
	struct conversion cv = {.path = nb_config, .report = report};
	char *text = NULL, *err = NULL;
	size_t len;
	int rc = read_file(nb_config, MAX_CONFIG, &text, &len), actions = ui_action_count();

	memset(report, 0, sizeof(*report));
	if (rc == -ENOENT)
		return 0;
	if (rc != 0) {
		log_error("%s: %s", nb_config, strerror(-rc));
		return -1;
	}
	report->found = 1;
	buf_init(&cv.settings);
	buf_init(&cv.colors);
	buf_init(&cv.rules);
	cv.keys = xcalloc((size_t)actions, sizeof(*cv.keys));
	cv.key_count = xcalloc((size_t)actions, sizeof(*cv.key_count));
	cv.keys_changed = xcalloc((size_t)actions, 1);
	for (int a = 0; a < actions; a++)
		cv.key_count[a] = ui_action_keys(a, cv.keys[a], MAX_KEYS);
	for (char *p = text; *p;) {
		char *end = strchr(p, '\n');
		if (end)
			*end = '\0';
		cv.line++;
		convert_line(&cv, p);
		if (!end)
			break;
		p = end + 1;
	}
	finish_reload(&cv);
	mkdir_p(paths->config_dir, 0700);
	rc = 0;
	if (write_config(&cv, paths->config_file, &err) != 0 ||
	    write_rules(&cv, paths->rules_file, &err) != 0) {
		log_error("%s", err);
		free(err);
		rc = -1;
	}
	buf_free(&cv.settings);
	buf_free(&cv.colors);
	buf_free(&cv.rules);
	free(cv.keys);
	free(cv.key_count);
	free(cv.keys_changed);
	free(text);
	return rc;
}
