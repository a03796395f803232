/* The filter language: a hand-written recursive descent parser over the expression's bytes,
 * keeping each token's column for the error messages, and the judgement of one value by one
 * comparison, which the store's SQL functions and filter_eval share. */
#include "filter/filter.h"
#include "config/feeds_file.h"
#include "core/util.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_EXPRESSION 8192 /* bytes: far beyond any expression a person writes */
#define MAX_DEPTH 64        /* nested parentheses */

static const struct {
	const char *name;
	int feed;
} attributes[] = {
#define X(id, name, feed) {name, feed},
    FILTER_ATTRIBUTES(X)
#undef X
};

const char *filter_attr_name(enum filter_attr a)
{
	return (unsigned)a < FILTER_ATTR_COUNT ? attributes[a].name : "?";
}

int filter_attr_is_feed(enum filter_attr a)
{
	return (unsigned)a < FILTER_ATTR_COUNT && attributes[a].feed;
}

struct parser {
	const char *text;
	size_t pos;
	int depth;
	struct filter_error *err;
	int failed;
};

static void fail_at(struct parser *p, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail_at(struct parser *p, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return;
	p->failed = 1;
	p->err->column = (int)pos + 1;
	va_start(ap, fmt);
	vsnprintf(p->err->message, sizeof(p->err->message), fmt, ap);
	va_end(ap);
}

static void skip_blanks(struct parser *p)
{
	while (p->text[p->pos] == ' ' || p->text[p->pos] == '\t' || p->text[p->pos] == '\n' ||
	       p->text[p->pos] == '\r')
		p->pos++;
}

static int is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The length of the word at the parser's position (0 when none starts there). */
static size_t word_length(const struct parser *p)
{
	size_t n = 0;

	if (!isalpha((unsigned char)p->text[p->pos]) && p->text[p->pos] != '_')
		return 0;
	while (is_word_char(p->text[p->pos + n]))
		n++;
	return n;
}

static int word_is(const struct parser *p, const char *w)
{
	size_t n = word_length(p);

	return n == strlen(w) && memcmp(p->text + p->pos, w, n) == 0;
}

static struct filter_node *node_new(enum filter_node_kind kind)
{
	struct filter_node *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	return n;
}

static void node_free(struct filter_node *n)
{
	if (!n)
		return;
	node_free(n->left);
	node_free(n->right);
	if (n->kind == FILTER_CMP && (n->op == FILTER_MATCH || n->op == FILTER_NMATCH) && n->value)
		regfree(&n->regex);
	free(n->value);
	free(n);
}

static const struct {
	const char *text;
	enum filter_op op;
} operators[] = {
    /* longest first, so that "=~" is not read as "=" */
    {"==", FILTER_EQ},     {"=~", FILTER_MATCH}, {"!=", FILTER_NE}, {"!~", FILTER_NMATCH},
    {"!#", FILTER_HASNOT}, {"<=", FILTER_LE},    {">=", FILTER_GE}, {"=", FILTER_EQ},
    {"<", FILTER_LT},      {">", FILTER_GT},     {"#", FILTER_HAS},
};

static int parse_operator(struct parser *p, enum filter_op *op)
{
	for (size_t i = 0; i < ARRAY_LEN(operators); i++) {
		size_t n = strlen(operators[i].text);
		if (strncmp(p->text + p->pos, operators[i].text, n) == 0) {
			*op = operators[i].op;
			p->pos += n;
			return 0;
		}
	}
	if (word_is(p, "between")) {
		*op = FILTER_BETWEEN;
		p->pos += strlen("between");
		return 0;
	}
	return -1;
}

/* A whole number at s: optional '-', digits. Returns the bytes read (0 when none). */
static size_t read_integer(const char *s, long long *out)
{
	size_t n = s[0] == '-' ? 1 : 0;
	size_t digits = 0;

	while (isdigit((unsigned char)s[n + digits]))
		digits++;
	if (!digits)
		return 0;
	errno = 0;
	*out = strtoll(s, NULL, 10);
	if (errno == ERANGE)
		*out = s[0] == '-' ? LLONG_MIN : LLONG_MAX;
	return n + digits;
}

/* "N:M" exactly (the whole of s). */
static int read_range(const char *s, long long *low, long long *high)
{
	size_t a = read_integer(s, low), b;

	if (!a || s[a] != ':')
		return -1;
	b = read_integer(s + a + 1, high);
	if (!b || s[a + 1 + b])
		return -1;
	if (*low > *high) {
		long long t = *low;
		*low = *high;
		*high = t;
	}
	return 0;
}

/* The value after an operator: a quoted string, a number, or a range N:M. */
static int parse_value(struct parser *p, struct filter_node *n)
{
	const char *s = p->text + p->pos;
	size_t start = p->pos;

	if (*s == '"') {
		const char *end = strchr(s + 1, '"');
		if (!end) {
			fail_at(p, start, "this string has no closing \"");
			return -1;
		}
		n->value = xstrndup(s + 1, (size_t)(end - s - 1));
		p->pos += (size_t)(end - s) + 1;
	} else if (*s == '-' || isdigit((unsigned char)*s)) {
		long long v;
		size_t len = read_integer(s, &v);
		if (len && s[len] == ':') {
			size_t more = read_integer(s + len + 1, &v);
			len = more ? len + 1 + more : 0;
		}
		if (!len || is_word_char(s[len]) || s[len] == '.' || s[len] == ':') {
			fail_at(p, start, "a number is whole digits, or a range N:M");
			return -1;
		}
		n->value = xstrndup(s, len);
		p->pos += len;
	} else {
		fail_at(p, start,
		        "expected a value after the operator: a \"quoted string\" or a number");
		return -1;
	}
	n->number = filter_number(n->value);
	if (n->op == FILTER_BETWEEN) {
		if (read_range(n->value, &n->low, &n->high) != 0) {
			fail_at(p, start, "between wants a range of whole numbers, such as 0:7");
			return -1;
		}
		n->has_range = 1;
	}
	if (n->op == FILTER_MATCH || n->op == FILTER_NMATCH) {
		int rc = regcomp(&n->regex, n->value, REG_EXTENDED | REG_ICASE | REG_NOSUB);
		if (rc != 0) {
			char why[100];
			regerror(rc, &n->regex, why, sizeof(why));
			free(n->value);
			n->value = NULL; /* nothing to regfree */
			fail_at(p, start, "invalid regular expression: %s", why);
			return -1;
		}
	}
	return 0;
}

static struct filter_node *parse_comparison(struct parser *p)
{
	size_t start, len;
	struct filter_node *n;
	int attr = -1;

	skip_blanks(p);
	start = p->pos;
	len = word_length(p);
	if (!len) {
		if (!p->text[p->pos])
			fail_at(p, start, "expected a comparison such as title =~ \"word\"");
		else
			fail_at(p, start,
			        "expected an attribute name such as title, unread or tags");
		return NULL;
	}
	for (int i = 0; i < FILTER_ATTR_COUNT; i++)
		if (strlen(attributes[i].name) == len &&
		    !memcmp(attributes[i].name, p->text + start, len))
			attr = i;
	if (attr < 0) {
		fail_at(p, start, "unknown attribute \"%.*s\"", (int)(len > 40 ? 40 : len),
		        p->text + start);
		return NULL;
	}
	p->pos += len;
	n = node_new(FILTER_CMP);
	n->attr = (enum filter_attr)attr;
	n->column = (int)start + 1;
	skip_blanks(p);
	if (parse_operator(p, &n->op) != 0) {
		fail_at(p, p->pos,
		        "expected an operator after %s: = != =~ !~ < > <= >= # !# or between",
		        attributes[attr].name);
		node_free(n);
		return NULL;
	}
	skip_blanks(p);
	if (parse_value(p, n) != 0) {
		node_free(n);
		return NULL;
	}
	return n;
}

static struct filter_node *parse_expression(struct parser *p);

static struct filter_node *parse_operand(struct parser *p)
{
	skip_blanks(p);
	if (p->text[p->pos] == '(') {
		size_t open = p->pos;
		struct filter_node *n;
		if (++p->depth > MAX_DEPTH) {
			fail_at(p, open, "more than %d parentheses inside each other", MAX_DEPTH);
			return NULL;
		}
		p->pos++;
		if (!(n = parse_expression(p)))
			return NULL;
		skip_blanks(p);
		if (p->text[p->pos] != ')') {
			fail_at(p, p->pos, "expected ) to close the ( at column %zu", open + 1);
			node_free(n);
			return NULL;
		}
		p->pos++;
		p->depth--;
		return n;
	}
	return parse_comparison(p);
}

/* operand { (and|or) operand }, grouping from the left. */
static struct filter_node *parse_expression(struct parser *p)
{
	struct filter_node *left = parse_operand(p);

	while (left) {
		enum filter_node_kind kind;
		struct filter_node *n, *right;
		skip_blanks(p);
		if (word_is(p, "and"))
			kind = FILTER_AND;
		else if (word_is(p, "or"))
			kind = FILTER_OR;
		else
			break;
		p->pos += kind == FILTER_AND ? 3 : 2;
		if (!(right = parse_operand(p))) {
			node_free(left);
			return NULL;
		}
		n = node_new(kind);
		n->left = left;
		n->right = right;
		left = n;
	}
	return left;
}

struct filter *filter_parse(const char *text, struct filter_error *err)
{
	struct parser p = {.text = text, .err = err};
	struct filter_node *root;
	struct filter *f;

	memset(err, 0, sizeof(*err));
	if (strlen(text) > MAX_EXPRESSION) {
		fail_at(&p, 0, "longer than %d bytes", MAX_EXPRESSION);
		return NULL;
	}
	if (!(root = parse_expression(&p)))
		return NULL;
	skip_blanks(&p);
	if (text[p.pos]) {
		if (text[p.pos] == ')')
			fail_at(&p, p.pos, "this ) closes nothing");
		else
			fail_at(&p, p.pos, "expected and, or, or the end of the expression");
		node_free(root);
		return NULL;
	}
	f = xcalloc(1, sizeof(*f));
	f->text = xstrdup(text);
	f->root = root;
	return f;
}

void filter_free(struct filter *f)
{
	if (!f)
		return;
	node_free(f->root);
	free(f->text);
	free(f);
}

static int node_uses(const struct filter_node *n, enum filter_attr a)
{
	if (!n)
		return 0;
	if (n->kind == FILTER_CMP)
		return n->attr == a;
	return node_uses(n->left, a) || node_uses(n->right, a);
}

int filter_uses_attr(const struct filter *f, enum filter_attr a)
{
	return f && node_uses(f->root, a);
}

long long filter_number(const char *s)
{
	long long v = 0;

	if (!s)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s == '+')
		s++;
	return read_integer(s, &v) ? v : 0;
}

/* Whether word is one of the blank-separated words of s. */
static int has_word(const char *s, const char *word)
{
	size_t len = strlen(word);

	while (*s) {
		size_t n;
		s += strspn(s, " \t\r\n");
		n = strcspn(s, " \t\r\n");
		if (n && n == len && memcmp(s, word, n) == 0)
			return 1;
		s += n;
	}
	return 0;
}

int filter_compare(const struct filter_node *cmp, const char *value)
{
	long long v;

	if (!value)
		value = "";
	switch (cmp->op) {
	case FILTER_EQ:
		return strcmp(value, cmp->value) == 0;
	case FILTER_NE:
		return strcmp(value, cmp->value) != 0;
	case FILTER_MATCH:
		return regexec(&cmp->regex, value, 0, NULL, 0) == 0;
	case FILTER_NMATCH:
		return regexec(&cmp->regex, value, 0, NULL, 0) != 0;
	case FILTER_HAS:
		return has_word(value, cmp->value);
	case FILTER_HASNOT:
		return !has_word(value, cmp->value);
	default:
		break;
	}
	v = filter_number(value);
	switch (cmp->op) {
	case FILTER_LT:
		return v < cmp->number;
	case FILTER_GT:
		return v > cmp->number;
	case FILTER_LE:
		return v <= cmp->number;
	case FILTER_GE:
		return v >= cmp->number;
	case FILTER_BETWEEN:
		return cmp->has_range && v >= cmp->low && v <= cmp->high;
	default:
		return 0;
	}
}

int filter_node_eval(const struct filter_node *n, filter_value_fn get, void *ctx)
{
	switch (n->kind) {
	case FILTER_AND:
		return filter_node_eval(n->left, get, ctx) && filter_node_eval(n->right, get, ctx);
	case FILTER_OR:
		return filter_node_eval(n->left, get, ctx) || filter_node_eval(n->right, get, ctx);
	case FILTER_CMP:
	default:
		return filter_compare(n, get(n->attr, ctx));
	}
}

int filter_eval(const struct filter *f, filter_value_fn get, void *ctx)
{
	return filter_node_eval(f->root, get, ctx);
}

void filter_format_date(int64_t when, char *out, size_t size)
{
	time_t t = (time_t)when;
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(out, size, "%a, %d %b %Y %H:%M:%S %z", &tm))
		snprintf(out, size, "%s", "");
}

void filter_scope_from_feeds(struct filter_scope *scope, const struct feeds_file *ff, int64_t now)
{
	struct filter_feed_info *feeds =
	    xcalloc((size_t)(ff ? ff->entry_count : 0) + 1, sizeof(*feeds));

	memset(scope, 0, sizeof(*scope));
	scope->now = now;
	scope->owned = xcalloc((size_t)(ff ? ff->entry_count : 0) + 1, sizeof(char *));
	for (int i = 0; ff && i < ff->entry_count; i++) {
		const struct feed_entry *e = &ff->entries[i];
		struct buf tags;
		buf_init(&tags);
		for (int t = 0; t < e->tag_count; t++) {
			if (t)
				buf_putc(&tags, ' ');
			buf_puts(&tags, e->tags[t]);
		}
		feeds[i].url = e->url;
		feeds[i].title = e->title;
		feeds[i].tags = scope->owned[scope->owned_count++] = buf_steal(&tags);
	}
	scope->feeds = feeds;
	scope->feed_count = ff ? ff->entry_count : 0;
}

void filter_scope_free(struct filter_scope *scope)
{
	for (int i = 0; i < scope->owned_count; i++)
		free(scope->owned[i]);
	free(scope->owned);
	free((void *)scope->feeds);
	memset(scope, 0, sizeof(*scope));
}

int filter_query_line(const char *url, char **name, char **expression)
{
	const char *colon;

	*name = *expression = NULL;
	if (!str_starts_with(url, "query:") || !(colon = strchr(url + 6, ':')))
		return 0;
	*name = xstrndup(url + 6, (size_t)(colon - url - 6));
	*expression = xstrdup(colon + 1);
	return 1;
}
