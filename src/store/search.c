#include "store/search.h"
#include "core/text.h"
#include "core/util.h"
#include "store/tokenizer.h"

#include <stdlib.h>
#include <string.h>

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The next term of the text: a word, or a quoted phrase (quoted tells which). A quote may
 * also open after a "name:" (feed:"Two words"). Returns a malloc'd copy without quotes, and
 * moves *p past it; NULL at the end. */
static char *next_term(const char **p, int *quoted, int *prefix)
{
	const char *s = *p;
	struct buf b;

	while (is_space(*s))
		s++;
	if (!*s) {
		*p = s;
		return NULL;
	}
	buf_init(&b);
	*quoted = 0;
	*prefix = 0;
	while (*s && !is_space(*s)) {
		/* a quote opens a phrase at the start of a term or after "name:"; inside a word it
		 * is a character of the word */
		if (*s == '"' && (b.len == 0 || b.data[b.len - 1] == ':')) {
			const char *end = strchr(s + 1, '"');
			size_t n = end ? (size_t)(end - s - 1) : strlen(s + 1);
			*quoted = 1;
			buf_append(&b, s + 1, n);
			s += n + 1 + (end ? 1 : 0);
			continue;
		}
		buf_putc(&b, *s++);
	}
	if (!*quoted && b.len > 1 && b.data[b.len - 1] == '*') {
		b.data[--b.len] = '\0';
		*prefix = 1;
	}
	*p = s;
	if (!b.data)
		return xstrdup("");
	return buf_steal(&b);
}

/* One CJK character alone is found by prefix: the index holds it as the start of a pair or
 * as the last character of a run. */
static int single_cjk(const char *w)
{
	size_t len = strlen(w);
	uint32_t cp;
	size_t n;

	if (len == 0)
		return 0;
	n = utf8_decode(w, len, &cp);
	return n == len && search_is_cjk(cp);
}

static void add_string(char ***list, int *count, const char *s)
{
	*list = xrealloc(*list, sizeof(**list) * (size_t)(*count + 1));
	(*list)[(*count)++] = xstrdup(s);
}

/* A term as an FTS5 string: in double quotes (doubled inside), so that nothing in it is FTS5
 * syntax; a prefix is the one operator added. */
static void put_fts_string(struct buf *b, const char *term, int prefix)
{
	if (b->len)
		buf_putc(b, ' ');
	buf_putc(b, '"');
	for (const char *q = term; *q; q++) {
		if (*q == '"')
			buf_putc(b, '"');
		buf_putc(b, *q);
	}
	buf_putc(b, '"');
	if (prefix || single_cjk(term))
		buf_putc(b, '*');
}

/* A prefix of ASCII letters and digits, which the index folds by lowering case alone: its
 * words can be listed from the index's terms. Anything else stays FTS5's prefix query. */
static int listable_prefix(const char *term)
{
	if (!*term)
		return 0;
	for (const char *q = term; *q; q++)
		if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		      (*q >= '0' && *q <= '9')))
			return 0;
	return 1;
}

/* A prefix as the OR of its words, or as FTS5's prefix query when expand cannot list them. */
static void put_prefix(struct buf *b, const char *term, search_expand_fn expand, void *ctx)
{
	struct buf words, folded;
	int n = -1;

	buf_init(&words);
	buf_init(&folded);
	if (expand && listable_prefix(term)) {
		for (const char *q = term; *q; q++)
			buf_putc(&folded, (char)(*q >= 'A' && *q <= 'Z' ? *q - 'A' + 'a' : *q));
		n = expand(ctx, folded.data, &words);
	}
	if (n <= 0) { /* none: the prefix query finds none either, at no cost */
		put_fts_string(b, term, 1);
	} else {
		const char *w = words.data;
		struct buf or ;
		buf_init(& or);
		for (int i = 0; i < n; i++, w += strlen(w) + 1) {
			if (i)
				buf_puts(& or, " OR");
			put_fts_string(& or, w, 0);
		}
		if (b->len)
			buf_putc(b, ' ');
		buf_printf(b, "(%s)", or.data);
		buf_free(& or);
	}
	buf_free(&words);
	buf_free(&folded);
}

/* "name:value" with a known name: the value, else NULL. */
static const char *filter_value(const char *term, const char *name)
{
	size_t n = strlen(name);
	return strncmp(term, name, n) == 0 && term[n] == ':' ? term + n + 1 : NULL;
}

void search_parse(const char *text, struct search_terms *t)
{
	search_parse_expanded(text, t, NULL, NULL);
}

void search_parse_expanded(const char *text, struct search_terms *t, search_expand_fn expand,
                           void *ctx)
{
	const char *p = text ? text : "";
	struct buf match;
	char *term;
	int quoted, prefix;

	memset(t, 0, sizeof(*t));
	buf_init(&match);
	while ((term = next_term(&p, &quoted, &prefix)) != NULL) {
		const char *v;
		if (!quoted && (strcmp(term, "unread") == 0 || strcmp(term, "is:unread") == 0))
			t->unread = 1;
		else if (!quoted && (strcmp(term, "saved") == 0 || strcmp(term, "is:saved") == 0))
			t->saved = 1;
		else if ((v = filter_value(term, "feed")) && *v)
			add_string(&t->feeds, &t->feed_count, v);
		else if ((v = filter_value(term, "tag")) && *v)
			add_string(&t->tags, &t->tag_count, v);
		else if (*term && prefix)
			put_prefix(&match, term, expand, ctx);
		else if (*term)
			put_fts_string(&match, term, prefix);
		free(term);
	}
	t->match = match.len ? buf_steal(&match) : NULL;
	if (!t->match)
		buf_free(&match);
}

void search_terms_free(struct search_terms *t)
{
	for (int i = 0; i < t->feed_count; i++)
		free(t->feeds[i]);
	for (int i = 0; i < t->tag_count; i++)
		free(t->tags[i]);
	free(t->feeds);
	free(t->tags);
	free(t->match);
	memset(t, 0, sizeof(*t));
}

int search_terms_empty(const struct search_terms *t)
{
	return !t->match && !t->feed_count && !t->tag_count && !t->unread && !t->saved;
}
