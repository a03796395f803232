/* The Markdown back end, for saved articles. Lines are not wrapped: editors and converters do
 * that better. Text is escaped so that article text never turns into Markdown syntax. */
#include "core/text.h"
#include "core/util.h"
#include "parse/feed.h"
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct md {
	struct buf out;
	const struct doc *d;
	const struct doc_block *b; /* the block being written, for line prefixes */
	int line_start;
};

/* The margin of a block's lines: "> " for quotes, "- " or "3. " on an item's first line and
 * as many spaces on its other lines. */
static void put_prefix(struct md *m, const struct doc_block *b, int nest_count, int first_line)
{
	for (int i = 0; i < nest_count; i++) {
		const struct doc_nest *n = &b->nest[i];
		if (n->kind == DOC_NEST_QUOTE) {
			buf_puts(&m->out, "> ");
		} else if (first_line && n->first) {
			if (n->ordered)
				buf_printf(&m->out, "%d. ", n->number);
			else
				buf_puts(&m->out, "- ");
		} else {
			int w = n->ordered ? snprintf(NULL, 0, "%d", n->number) + 2 : 2;
			buf_printf(&m->out, "%*s", w, "");
		}
	}
	m->line_start = 1;
}

static void newline(struct md *m)
{
	buf_putc(&m->out, '\n');
	put_prefix(m, m->b, m->b->nest_count, 0);
}

static int starts_like_syntax(const char *s)
{
	const char *p = s;

	if (*s == '#' || *s == '-' || *s == '+' || *s == '=' || *s == '>')
		return 1;
	while (*p >= '0' && *p <= '9')
		p++;
	return p > s && (*p == '.' || *p == ')');
}

/* "&amp;", "&#38;": text that a Markdown reader would decode as a character reference. */
static int looks_like_entity(const char *s, size_t len)
{
	size_t i = 0;

	if (i < len && s[i] == '#')
		i++;
	while (i < len && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	                   (s[i] >= '0' && s[i] <= '9')))
		i++;
	return i > 0 && i < len && s[i] == ';';
}

/* Text with every character Markdown could read as syntax escaped. */
static void put_escaped(struct md *m, const char *s, size_t len, int in_table)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (m->line_start && starts_like_syntax(s + i))
			buf_putc(&m->out, '\\');
		m->line_start = 0;
		if (strchr("\\`*_[]<>~", c) || (in_table && c == '|') ||
		    (c == '&' && looks_like_entity(s + i + 1, len - i - 1)))
			buf_putc(&m->out, '\\');
		buf_putc(&m->out, c);
	}
}

/* URLs go between parentheses or angle brackets: encode what would end them. */
static void put_url(struct md *m, const char *url)
{
	for (const char *p = url; *p; p++) {
		if (strchr(" ()<>", *p))
			buf_printf(&m->out, "%%%02X", (unsigned char)*p);
		else
			buf_putc(&m->out, *p);
	}
}

static void put_code(struct md *m, const char *s, size_t len)
{
	int longest = 0, run = 0;

	for (size_t i = 0; i < len; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	for (int i = 0; i <= longest; i++)
		buf_putc(&m->out, '`');
	if (len && (s[0] == '`' || s[len - 1] == '`'))
		buf_putc(&m->out, ' ');
	buf_append(&m->out, s, len);
	if (len && (s[0] == '`' || s[len - 1] == '`'))
		buf_putc(&m->out, ' ');
	for (int i = 0; i <= longest; i++)
		buf_putc(&m->out, '`');
	m->line_start = 0;
}

static void put_marks(struct md *m, unsigned style, int closing)
{
	/* closing marks in the reverse order of opening ones */
	static const struct {
		unsigned bit;
		const char *mark;
	} marks[] = {{DOC_STRIKE, "~~"}, {DOC_BOLD, "**"}, {DOC_ITALIC, "*"}};
	int n = (int)ARRAY_LEN(marks);

	for (int k = 0; k < n; k++) {
		int i = closing ? n - 1 - k : k;
		if (style & marks[i].bit)
			buf_puts(&m->out, marks[i].mark);
	}
	if (style)
		m->line_start = 0;
}

/* One run: emphasis marks hug the text, so spaces at its ends go outside them. */
static void put_run(struct md *m, const struct doc_run *r)
{
	size_t start = 0, end = r->len;
	unsigned marks = r->style & (DOC_BOLD | DOC_ITALIC | DOC_STRIKE);

	while (start < end && r->text[start] == ' ')
		start++;
	while (end > start && r->text[end - 1] == ' ')
		end--;
	if (start)
		buf_putc(&m->out, ' ');
	if (end > start) {
		put_marks(m, marks, 0);
		if (r->style & DOC_CODE)
			put_code(m, r->text + start, end - start);
		else
			put_escaped(m, r->text + start, end - start, 0);
		put_marks(m, marks, 1);
	}
	if (end < r->len && end > 0)
		buf_putc(&m->out, ' ');
}

static void put_runs(struct md *m, const struct doc_block *b)
{
	int open_link = -1;

	for (int i = 0; i < b->run_count; i++) {
		const struct doc_run *r = &b->runs[i];
		int link = (r->style & DOC_LINK) ? r->link : -1;
		if (open_link >= 0 && link != open_link) {
			buf_puts(&m->out, "](");
			put_url(m, m->d->links[open_link]);
			buf_putc(&m->out, ')');
			open_link = -1;
		}
		if (r->brk && b->type == DOC_HEADING) {
			buf_putc(&m->out, ' '); /* a heading is one line */
			continue;
		}
		if (r->brk) {
			buf_putc(&m->out, '\\');
			newline(m);
			continue;
		}
		if (link >= 0 && open_link < 0) {
			buf_putc(&m->out, '[');
			m->line_start = 0;
			open_link = link;
		}
		put_run(m, r);
	}
	if (open_link >= 0) {
		buf_puts(&m->out, "](");
		put_url(m, m->d->links[open_link]);
		buf_putc(&m->out, ')');
	}
}

static void put_pre(struct md *m, const struct doc_block *b)
{
	int longest = 0, run = 0;
	const char *s = b->run_count ? b->runs[0].text : "";

	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	longest = longest < 3 ? 3 : longest + 1;
	for (int i = 0; i < longest; i++)
		buf_putc(&m->out, '`');
	for (int r = 0; r < b->run_count; r++) {
		newline(m);
		for (const char *p = b->runs[r].text; *p; p++) {
			if (*p == '\n')
				newline(m);
			else
				buf_putc(&m->out, *p);
		}
	}
	newline(m);
	for (int i = 0; i < longest; i++)
		buf_putc(&m->out, '`');
}

static void put_table(struct md *m, const struct doc_block *b)
{
	const struct doc_table *t = &b->table;

	for (int r = 0; r < t->rows; r++) {
		if (r > 0)
			newline(m);
		buf_putc(&m->out, '|');
		for (int c = 0; c < t->cols; c++) {
			const char *text = t->cells[r * t->cols + c].text;
			buf_putc(&m->out, ' ');
			m->line_start = 0;
			put_escaped(m, text, strlen(text), 1);
			buf_puts(&m->out, " |");
		}
		if (r == 0) {
			/* Markdown tables need a header row: the first row serves */
			newline(m);
			buf_putc(&m->out, '|');
			for (int c = 0; c < t->cols; c++)
				buf_puts(&m->out, " --- |");
		}
	}
}

static void put_image(struct md *m, const struct doc_block *b)
{
	if (b->src) {
		buf_puts(&m->out, "![");
		put_escaped(m, b->alt, strlen(b->alt), 0);
		buf_puts(&m->out, "](");
		put_url(m, b->src);
		buf_putc(&m->out, ')');
	} else {
		buf_puts(&m->out, "\\[image: ");
		put_escaped(m, b->alt, strlen(b->alt), 0);
		buf_puts(&m->out, "\\]");
	}
	if (b->run_count) {
		buf_putc(&m->out, '\\');
		newline(m);
		put_runs(m, b);
	}
}

static void put_block(struct md *m, const struct doc_block *b)
{
	m->b = b;
	put_prefix(m, b, b->nest_count, 1);
	switch (b->type) {
	case DOC_PARAGRAPH:
		put_runs(m, b);
		break;
	case DOC_HEADING:
		buf_printf(&m->out, "%.*s ", b->level, "######");
		m->line_start = 0;
		put_runs(m, b);
		break;
	case DOC_PRE:
		put_pre(m, b);
		break;
	case DOC_HR:
		buf_puts(&m->out, "* * *");
		break;
	case DOC_IMAGE:
		put_image(m, b);
		break;
	case DOC_TABLE:
		put_table(m, b);
		break;
	}
	buf_putc(&m->out, '\n');
}

/* An empty line between blocks, except between items of one list; inside a quote it keeps
 * the quote going. */
static void separate(struct md *m, const struct doc_block *prev, const struct doc_block *b)
{
	int keep;

	if (doc_blocks_close(prev, b))
		return;
	keep = doc_blank_nest(prev, b);
	for (int i = 0; i < keep; i++)
		buf_puts(&m->out, b->nest[i].kind == DOC_NEST_QUOTE ? ">" : "  ");
	buf_putc(&m->out, '\n');
}

char *render_markdown_body(const struct doc *d)
{
	struct md m = {.d = d};

	buf_init(&m.out);
	for (int i = 0; i < d->block_count; i++) {
		if (i > 0)
			separate(&m, &d->blocks[i - 1], &d->blocks[i]);
		put_block(&m, &d->blocks[i]);
	}
	return m.out.data ? buf_steal(&m.out) : xstrdup("");
}

static void put_meta_line(struct buf *out, const char *prefix, const char *value)
{
	struct md m = {.line_start = 1};

	/* value is sanitised already (article_header_build) */
	m.out = *out;
	buf_puts(&m.out, prefix);
	put_escaped(&m, value, strlen(value), 0);
	buf_puts(&m.out, "\n\n");
	*out = m.out;
}

char *render_markdown(const struct doc *d, const struct article_meta *meta)
{
	struct article_header h;
	struct buf out;
	char *body = render_markdown_body(d);
	const char *link;

	article_header_build(&h, meta);
	buf_init(&out);
	for (int i = 0; i < h.count; i++) {
		const char *prefix = article_document_prefix(&h.fields[i]);
		if (prefix)
			put_meta_line(&out, prefix, h.fields[i].value);
	}
	buf_puts(&out, body);
	free(body);
	if ((link = article_header_value(&h, HEADER_LINK))) {
		struct md m;
		buf_puts(&out, "\nOriginal url:\n\n<");
		m.out = out;
		put_url(&m, link);
		out = m.out;
		buf_puts(&out, ">\n");
	}
	article_header_free(&h);
	return out.data ? buf_steal(&out) : xstrdup("");
}
