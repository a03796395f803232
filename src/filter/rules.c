/* The rules file: see rules.h. */
#include "filter/rules.h"
#include "core/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RULES_FILE ((size_t)4 << 20)
#define MAX_WORDS 16

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

int rules_split_line(const char *line, char **words, int *columns, int **offsets, int max,
                     char **err, int *err_column)
{
	size_t pos = 0;
	int n = 0;

	while (line[pos]) {
		struct buf w;
		int *map = NULL, quoted;
		size_t start;

		while (is_blank(line[pos]))
			pos++;
		if (!line[pos] || line[pos] == '#')
			break;
		if (n == max) {
			*err = xstrdup("too many words on the line");
			*err_column = (int)pos + 1;
			goto fail;
		}
		start = pos;
		quoted = line[pos] == '"';
		if (quoted)
			pos++;
		buf_init(&w);
		if (offsets)
			map = xmalloc((strlen(line + pos) + 1) * sizeof(*map));
		while (line[pos] && (quoted ? line[pos] != '"' : !is_blank(line[pos]))) {
			if (map) /* an escaped character is where its backslash is */
				map[w.len] = (int)pos + 1;
			if (quoted && line[pos] == '\\' &&
			    (line[pos + 1] == '"' || line[pos + 1] == '\\'))
				pos++;
			buf_putc(&w, line[pos++]);
		}
		if (quoted && line[pos] != '"') {
			buf_free(&w);
			free(map);
			*err = xstrdup("the quoted word does not end (a \" is missing)");
			*err_column = (int)start + 1;
			goto fail;
		}
		if (map)
			map[w.len] = (int)pos + 1;
		if (quoted)
			pos++;
		words[n] = buf_steal(&w);
		columns[n] = (int)start + 1;
		if (offsets)
			offsets[n] = map;
		n++;
	}
	return n;
fail:
	for (int i = 0; i < n; i++) {
		free(words[i]);
		if (offsets)
			free(offsets[i]);
	}
	return -1;
}

struct line_parse {
	const char *name;
	int line;
	char *words[MAX_WORDS];
	int columns[MAX_WORDS];
	int *offsets[MAX_WORDS];
	int count;
	char **err;
};

static int fail_at(struct line_parse *lp, int column, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_at(struct line_parse *lp, int column, const char *fmt, ...)
{
	char message[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	*lp->err = xasprintf("%s:%d:%d: %s", lp->name, lp->line, column, message);
	return -1;
}

/* The expression of word k, with a mistake's column counted in the line. */
static struct filter *expression(struct line_parse *lp, int k)
{
	struct filter_error fe;
	struct filter *f = filter_parse(lp->words[k], &fe);
	size_t len = strlen(lp->words[k]);

	if (!f) {
		size_t at = fe.column > 0 ? (size_t)fe.column - 1 : 0;
		fail_at(lp, lp->offsets[k][at > len ? len : at], "%s", fe.message);
	}
	return f;
}

static int want_words(struct line_parse *lp, int least, int most, const char *usage)
{
	if (lp->count >= least && lp->count <= most)
		return 0;
	/* too many words: the first one too many; too few: the rule's name */
	int k = lp->count > most && most < MAX_WORDS ? most : 0;
	return fail_at(lp, lp->columns[k], "usage: %s", usage);
}

static int parse_ignore(struct line_parse *lp, struct rules *r)
{
	struct rule_ignore rule = {.line = lp->line};

	if (want_words(lp, 3, 3, "ignore-article FEED-URL-or-* EXPRESSION") != 0)
		return -1;
	if (!(rule.expr = expression(lp, 2)))
		return -1;
	if (strcmp(lp->words[1], "*") != 0)
		rule.feed = xstrdup(lp->words[1]);
	r->ignores = xrealloc(r->ignores, sizeof(*r->ignores) * (size_t)(r->ignore_count + 1));
	r->ignores[r->ignore_count++] = rule;
	return 0;
}

static int parse_mode(struct line_parse *lp, struct rules *r)
{
	if (want_words(lp, 2, 2, "ignore-mode download|display") != 0)
		return -1;
	if (strcmp(lp->words[1], "display") == 0)
		r->display_mode = 1;
	else if (strcmp(lp->words[1], "download") == 0)
		r->display_mode = 0;
	else
		return fail_at(lp, lp->columns[1], "ignore-mode is download or display, not \"%s\"",
		               lp->words[1]);
	return 0;
}

static int parse_highlight(struct line_parse *lp, struct rules *r)
{
	struct rule_highlight rule = {.line = lp->line};
	struct buf colors;

	if (want_words(lp, 4, MAX_WORDS, "highlight-article EXPRESSION FG BG [ATTRIBUTE...]") != 0)
		return -1;
	if (!(rule.expr = expression(lp, 1)))
		return -1;
	buf_init(&colors);
	for (int k = 2; k < lp->count; k++) {
		if (k > 2)
			buf_putc(&colors, ' ');
		buf_puts(&colors, lp->words[k]);
	}
	rule.colors = buf_steal(&colors);
	rule.colors_column = lp->columns[2];
	r->highlights =
	    xrealloc(r->highlights, sizeof(*r->highlights) * (size_t)(r->highlight_count + 1));
	r->highlights[r->highlight_count++] = rule;
	return 0;
}

static int parse_define(struct line_parse *lp, struct rules *r)
{
	struct rule_define rule = {.line = lp->line};

	if (want_words(lp, 3, 3, "define-filter NAME EXPRESSION") != 0)
		return -1;
	if (!*lp->words[1])
		return fail_at(lp, lp->columns[1], "the filter's name is empty");
	for (int i = 0; i < r->define_count; i++)
		if (strcmp(r->defines[i].name, lp->words[1]) == 0)
			return fail_at(lp, lp->columns[1],
			               "filter \"%s\" is defined on line %d already", lp->words[1],
			               r->defines[i].line);
	if (!(rule.expr = expression(lp, 2)))
		return -1;
	rule.name = xstrdup(lp->words[1]);
	r->defines = xrealloc(r->defines, sizeof(*r->defines) * (size_t)(r->define_count + 1));
	r->defines[r->define_count++] = rule;
	return 0;
}

static int parse_line(struct line_parse *lp, const char *line, struct rules *r)
{
	char *split_err = NULL;
	int col = 0, rc;

	lp->count = rules_split_line(line, lp->words, lp->columns, lp->offsets, MAX_WORDS,
	                             &split_err, &col);
	if (lp->count < 0) {
		lp->count = 0;
		rc = fail_at(lp, col, "%s", split_err);
		free(split_err);
		return rc;
	}
	if (lp->count == 0)
		rc = 0;
	else if (strcmp(lp->words[0], "ignore-article") == 0)
		rc = parse_ignore(lp, r);
	else if (strcmp(lp->words[0], "ignore-mode") == 0)
		rc = parse_mode(lp, r);
	else if (strcmp(lp->words[0], "highlight-article") == 0)
		rc = parse_highlight(lp, r);
	else if (strcmp(lp->words[0], "define-filter") == 0)
		rc = parse_define(lp, r);
	else
		rc = fail_at(lp, lp->columns[0],
		             "unknown rule \"%s\" (ignore-article, ignore-mode, highlight-article "
		             "and define-filter are known)",
		             lp->words[0]);
	for (int k = 0; k < lp->count; k++) {
		free(lp->words[k]);
		free(lp->offsets[k]);
	}
	return rc;
}

int rules_parse(const char *text, const char *name, struct rules *out, char **err)
{
	struct line_parse lp = {.name = name, .err = err};
	const char *p = text;

	memset(out, 0, sizeof(*out));
	while (*p) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *line = xstrndup(p, len);
		int rc;

		lp.line++;
		rc = parse_line(&lp, line, out);
		free(line);
		if (rc != 0) {
			rules_free(out);
			return -1;
		}
		p += len + (end ? 1 : 0);
	}
	return 0;
}

int rules_load(const char *path, struct rules *out, char **err)
{
	char *text = NULL;
	size_t len;
	int rc = read_file(path, MAX_RULES_FILE, &text, &len);

	memset(out, 0, sizeof(*out));
	if (rc == -ENOENT)
		return 0;
	if (rc != 0) {
		*err =
		    xasprintf("%s: %s", path,
		              rc == -EFBIG ? "larger than 4 MB, not a rules file" : strerror(-rc));
		return -1;
	}
	if (memchr(text, '\0', len)) {
		free(text);
		*err = xasprintf("%s: holds a NUL byte, not a rules file", path);
		return -1;
	}
	rc = rules_parse(text, "rules", out, err);
	free(text);
	return rc;
}

void rules_free(struct rules *r)
{
	for (int i = 0; i < r->ignore_count; i++) {
		free(r->ignores[i].feed);
		filter_free(r->ignores[i].expr);
	}
	free(r->ignores);
	for (int i = 0; i < r->highlight_count; i++) {
		filter_free(r->highlights[i].expr);
		free(r->highlights[i].colors);
	}
	free(r->highlights);
	for (int i = 0; i < r->define_count; i++) {
		free(r->defines[i].name);
		filter_free(r->defines[i].expr);
	}
	free(r->defines);
	memset(r, 0, sizeof(*r));
}

int rules_ignore_applies(const struct rule_ignore *rule, const char *feed_url)
{
	return !rule->feed || (feed_url && strcmp(rule->feed, feed_url) == 0);
}

int rules_ignore_match(const struct rules *r, const char *feed_url, filter_value_fn get, void *ctx)
{
	for (int i = 0; i < r->ignore_count; i++)
		if (rules_ignore_applies(&r->ignores[i], feed_url) &&
		    filter_eval(r->ignores[i].expr, get, ctx))
			return i;
	return -1;
}
