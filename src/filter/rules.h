/* The rules file, $XDG_CONFIG_HOME/tidings/rules, in newsboat's syntax so that its lines can
 * be pasted from newsboat's config:
 *
 *   ignore-article "*" "title =~ \"Sponsored\""
 *   ignore-article https://example.org/feed.xml "author = \"Bot\""
 *   ignore-mode display
 *   highlight-article "title =~ \"release\"" yellow default bold
 *   define-filter "Unread news" "unread = \"yes\" and tags # \"news\""
 *
 * A line is words separated by blanks; a word in double quotes may hold blanks, and \" and \\
 * in it stand for " and \. A line starting with # is a comment. Every expression is parsed
 * here, once, by filter/filter.h; a mistake is reported as rules:LINE:COLUMN: message, the
 * column counted in the line as written. Colours of highlight-article are checked by the
 * reader, which knows them (their line and column are kept for its message). */
#ifndef TIDINGS_FILTER_RULES_H
#define TIDINGS_FILTER_RULES_H

#include "filter/filter.h"

struct rule_ignore {
	char *feed; /* the feed's URL, or NULL for "*" (every feed) */
	struct filter *expr;
	int line;
};

struct rule_highlight {
	struct filter *expr;
	char *colors; /* "FG BG [ATTR...]", as the reader's [colors] values are written */
	int line, colors_column;
};

struct rule_define {
	char *name;
	struct filter *expr;
	int line;
};

struct rules {
	struct rule_ignore *ignores;
	int ignore_count;
	int display_mode; /* ignore-mode display: hidden in lists, not dropped at refresh */
	struct rule_highlight *highlights;
	int highlight_count;
	struct rule_define *defines;
	int define_count;
};

/* Parses the text of a rules file; `name` starts the error messages ("rules"). Returns 0, or
 * -1 with *err (malloc'd, "NAME:LINE:COLUMN: message") at the first mistake. */
int rules_parse(const char *text, const char *name, struct rules *out, char **err);
/* Reads and parses the file at path; a missing file is no rules. 0 or -1 with *err. */
int rules_load(const char *path, struct rules *out, char **err);
void rules_free(struct rules *r);

/* The ignore rules that apply to the feed at url (its own and the "*" ones). */
int rules_ignore_applies(const struct rule_ignore *rule, const char *feed_url);
/* The first ignore rule that drops an article of the feed at url, judged with values from
 * get; -1 when none does. */
int rules_ignore_match(const struct rules *r, const char *feed_url, filter_value_fn get, void *ctx);

/* Splits one line into words as the rules file does (used by newsboat's config import too):
 * up to max words into words[] (malloc'd) with their 1-based columns; returns how many, or -1
 * with *err and *err_column on an unterminated quote. `offsets`, when not NULL, receives for
 * each word a malloc'd map from a byte of the word to its column in the line. */
int rules_split_line(const char *line, char **words, int *columns, int **offsets, int max,
                     char **err, int *err_column);

#endif
