/* The terminal back end: a doc laid out in lines of styled segments.
 *
 * Laying out happens in two steps. Preparing (once per doc) cuts every block into tokens
 * (words, hard breaks, preformatted lines) and measures their display width. Wrapping (once per
 * width) only walks the tokens and copies their bytes, so a resize costs little. */
#include "core/text.h"
#include "core/util.h"
#include "render/render.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_WIDTH 10
#define TAB_STOP 8
#define TRUNC_MARK "\xe2\x80\xa6"  /* … */
#define CONT_MARK "\xe2\x86\xa9"   /* ↩ */
#define QUOTE_BAR "\xe2\x94\x82 "  /* │ */
#define RULE_CHAR "\xe2\x94\x80"   /* ─ */
#define DOUBLE_RULE "\xe2\x95\x90" /* ═ */
#define CROSS "\xe2\x94\xbc"       /* ┼ */
#define BAR "\xe2\x94\x82"         /* │ */

enum tok_kind { TOK_WORD, TOK_BREAK, TOK_LINE };

struct tok {
	/* into the doc's text (which outlives the layout) or the layout's own labels: not
	 * NUL-terminated at len */
	const char *text;
	uint32_t len;
	int cols;
	int link;
	uint16_t attr;
	unsigned char kind;
	unsigned char space; /* a breakable space comes before this word */
};

enum prep_kind { PREP_FLOW, PREP_PRE, PREP_RULE, PREP_TABLE, PREP_LINKS };

struct prep {
	enum prep_kind kind;
	int block; /* doc block, -1 for the link list */
	int first, count;
	int *col_widths; /* PREP_TABLE: widest cell of each column */
	int *cell_cols;  /* PREP_TABLE: width of each cell */
};

/* Text the layout makes itself (link numbers, image labels, preformatted lines with tabs
 * expanded), in chunks that never move. */
struct label_chunk {
	struct label_chunk *next;
	size_t used, cap;
	char data[];
};

struct term_layout_priv {
	const struct doc *d;
	struct label_chunk *labels;
	size_t text_bytes;  /* bytes of all tokens */
	struct buf scratch; /* a token's text with a NUL after it, to measure it */
	struct tok *toks;
	int ntok, tok_cap;
	struct prep *preps;
	int nprep;
	/* output of the last wrap */
	struct buf out;
	struct term_seg *segs;
	int nseg, seg_cap;
	int line_cap;
	struct term_seg *open;  /* the last segment, while it may still grow */
	struct term_line *line; /* the line being filled */
	int width;
	unsigned flags; /* enum term_layout_flags */
};

/* ---- preparing ---- */

/* Room for len bytes and a NUL that last as long as the layout, for its own text. */
static char *label_room(struct term_layout_priv *p, size_t len)
{
	struct label_chunk *c = p->labels;
	char *dst;

	if (!c || c->cap - c->used < len + 1) {
		size_t cap = len + 1 > 4096 ? len + 1 : 4096;
		c = xmalloc(sizeof(*c) + cap);
		c->next = p->labels;
		c->used = 0;
		c->cap = cap;
		p->labels = c;
	}
	dst = c->data + c->used;
	dst[len] = '\0';
	c->used += len + 1;
	return dst;
}

/* A lasting, NUL-terminated copy of s. */
static const char *keep(struct term_layout_priv *p, const char *s, size_t len)
{
	return memcpy(label_room(p, len), s, len);
}

/* s[0..len) NUL-terminated: s itself when it is, else a copy in the scratch buffer (valid
 * until the next call). */
static const char *terminated(struct term_layout_priv *p, const char *s, size_t len)
{
	if (s[len] == '\0')
		return s;
	p->scratch.len = 0;
	buf_append(&p->scratch, s, len);
	buf_putc(&p->scratch, '\0');
	return p->scratch.data;
}

/* Adds a token over s, which must last as long as the layout; cols is its width when the
 * caller knows it, else -1. */
static struct tok *add_tok_measured(struct term_layout_priv *p, enum tok_kind kind, const char *s,
                                    size_t len, int cols, unsigned attr, int link, int space)
{
	struct tok *t;

	if (p->ntok == p->tok_cap) {
		p->tok_cap = p->tok_cap ? p->tok_cap * 2 : 256;
		p->toks = xrealloc(p->toks, p->tok_cap * sizeof(*p->toks));
	}
	t = &p->toks[p->ntok++];
	t->text = s;
	t->len = (uint32_t)len;
	p->text_bytes += len + 1;
	t->cols = cols >= 0 ? cols : len ? text_width(terminated(p, s, len)) : 0;
	t->attr = (uint16_t)attr;
	t->link = link;
	t->kind = (unsigned char)kind;
	t->space = (unsigned char)space;
	return t;
}

static struct tok *add_tok(struct term_layout_priv *p, enum tok_kind kind, const char *s,
                           size_t len, unsigned attr, int link, int space)
{
	return add_tok_measured(p, kind, s, len, -1, attr, link, space);
}

static const char *tok_text(const struct term_layout_priv *p, const struct tok *t)
{
	(void)p;
	return t->text;
}

/* Cuts text into words at spaces; *space carries "a space came last" across calls. */
static void add_words(struct term_layout_priv *p, const char *s, unsigned attr, int link,
                      int *space)
{
	while (*s) {
		const char *end;
		if (*s == ' ') {
			*space = 1;
			s++;
			continue;
		}
		/* the end of the word, and whether it is all printable ASCII: then its width
		 * is its length */
		unsigned char other = 0;
		for (end = s; *end && *end != ' '; end++)
			other |= (unsigned char)*end < 0x20 || (unsigned char)*end >= 0x7F;
		add_tok_measured(p, TOK_WORD, s, (size_t)(end - s), other ? -1 : (int)(end - s),
		                 attr, link, *space);
		*space = 0;
		s = end;
	}
}

/* "[n]": the number a link is shown with. Returns the length written to out. */
static size_t link_label(char out[16], int index)
{
	char digits_rev[12];
	int n = index + 1, k = 0;
	size_t len = 0;

	do
		digits_rev[k++] = (char)('0' + n % 10);
	while ((n /= 10) > 0 && k < (int)sizeof(digits_rev));
	out[len++] = '[';
	while (k > 0)
		out[len++] = digits_rev[--k];
	out[len++] = ']';
	out[len] = '\0';
	return len;
}

static int run_link(const struct doc_run *r)
{
	return (r->style & DOC_LINK) ? r->link : -1;
}

static void add_runs(struct term_layout_priv *p, const struct doc_block *b, unsigned extra,
                     int *space)
{
	for (int i = 0; i < b->run_count; i++) {
		const struct doc_run *r = &b->runs[i];
		int link = run_link(r);
		if (r->brk) {
			add_tok(p, TOK_BREAK, "", 0, 0, -1, 0);
			*space = 0;
			continue;
		}
		add_words(p, r->text, r->style | extra, link, space);
		/* the link's number follows its last word, glued to it */
		if (link >= 0 && (i + 1 == b->run_count || run_link(&b->runs[i + 1]) != link)) {
			char num[16];
			size_t n = link_label(num, link);
			add_tok_measured(p, TOK_WORD, keep(p, num, n), n, (int)n, TERM_LINKNUM,
			                 link, 0);
		}
	}
}

/* Columns from a word to the next breakable space: words glued to it without a space (a
 * link and its number, "word" and the comma from the next run) go with it. */
static int group_cols(const struct tok *t, const struct tok *end)
{
	int cols = t->cols;

	for (const struct tok *n = t + 1; n < end && n->kind == TOK_WORD && !n->space; n++)
		cols += n->cols;
	return cols;
}

/* Preformatted text: one token per line, tabs expanded to stops counted in columns. */
static void prep_pre(struct term_layout_priv *p, const struct doc_block *b)
{
	struct buf line;
	int col = 0;

	buf_init(&line);
	buf_putc(&line, '\0');
	line.len = 0;
	for (int i = 0; i < b->run_count; i++) {
		const char *s = b->runs[i].text;
		size_t len = b->runs[i].len, k = 0;
		while (k < len) {
			uint32_t cp;
			size_t n;
			if (s[k] == '\n') {
				add_tok(p, TOK_LINE, keep(p, line.data, line.len), line.len,
				        TERM_CODE, -1, 0);
				line.len = 0;
				col = 0;
				k++;
				continue;
			}
			if (s[k] == '\t') {
				do
					buf_putc(&line, ' ');
				while (++col % TAB_STOP);
				k++;
				continue;
			}
			if ((unsigned char)s[k] < 0x80) {
				/* ASCII up to the next newline, tab or other character */
				n = 1;
				while (k + n < len && (unsigned char)s[k + n] < 0x80 &&
				       s[k + n] != '\n' && s[k + n] != '\t')
					n++;
				buf_append(&line, s + k, n);
				col += (int)n; /* the doc holds no other ASCII controls */
				k += n;
				continue;
			}
			n = utf8_decode(s + k, len - k, &cp);
			buf_append(&line, s + k, n);
			col += text_cp_width(cp) > 0 ? text_cp_width(cp) : 0;
			k += n;
		}
	}
	add_tok(p, TOK_LINE, keep(p, line.data, line.len), line.len, TERM_CODE, -1, 0);
	buf_free(&line);
}

static void prep_table(struct term_layout_priv *p, struct prep *pr, const struct doc_block *b)
{
	const struct doc_table *t = &b->table;
	int space = 0;

	pr->col_widths = xcalloc(t->cols, sizeof(int));
	pr->cell_cols = xcalloc((size_t)t->rows * t->cols, sizeof(int));
	for (int r = 0; r < t->rows; r++)
		for (int c = 0; c < t->cols; c++) {
			int w = text_width(t->cells[r * t->cols + c].text);
			pr->cell_cols[r * t->cols + c] = w;
			if (w > pr->col_widths[c])
				pr->col_widths[c] = w;
		}
	/* Tokens for tables too wide for a grid: each row as a wrapped line, cells apart. */
	for (int r = 0; r < t->rows; r++) {
		for (int c = 0; c < t->cols; c++) {
			const struct doc_cell *cell = &t->cells[r * t->cols + c];
			if (c > 0) {
				add_tok(p, TOK_WORD, BAR, strlen(BAR), TERM_RULE, -1, 1);
				space = 1;
			}
			add_words(p, cell->text, cell->header ? TERM_BOLD : 0, -1, &space);
		}
		if (r + 1 < t->rows)
			add_tok(p, TOK_BREAK, "", 0, 0, -1, 0);
		space = 0;
	}
}

/* "[image: alt]", or "[image]" without alt text. */
static const char *image_label(struct term_layout_priv *p, const char *alt)
{
	static const char open[] = "[image: ";
	size_t n = strlen(alt), k = sizeof(open) - 1;
	char *label;

	if (!n)
		return "[image]";
	label = label_room(p, k + n + 1);
	memcpy(label, open, k);
	memcpy(label + k, alt, n);
	label[k + n] = ']';
	return label;
}

static void prep_block(struct term_layout_priv *p, struct prep *pr, const struct doc_block *b)
{
	int space = 0;

	switch (b->type) {
	case DOC_PARAGRAPH:
		add_runs(p, b, 0, &space);
		break;
	case DOC_HEADING:
		add_runs(p, b, TERM_HEADING | TERM_BOLD, &space);
		break;
	case DOC_PRE:
		pr->kind = PREP_PRE;
		prep_pre(p, b);
		break;
	case DOC_HR:
		pr->kind = PREP_RULE;
		break;
	case DOC_IMAGE: {
		add_words(p, image_label(p, b->alt), TERM_IMAGE, -1, &space);
		if (b->run_count) {
			add_tok(p, TOK_BREAK, "", 0, 0, -1, 0);
			space = 0;
			add_runs(p, b, TERM_CAPTION | TERM_ITALIC, &space);
		}
		break;
	}
	case DOC_TABLE:
		pr->kind = PREP_TABLE;
		prep_table(p, pr, b);
		break;
	}
}

static void prep_links(struct term_layout_priv *p)
{
	int space = 0;

	add_words(p, "Links:", TERM_HEADING | TERM_BOLD, -1, &space);
	for (int i = 0; i < p->d->link_count; i++) {
		char num[16];
		add_tok(p, TOK_BREAK, "", 0, 0, -1, 0);
		size_t n = link_label(num, i);
		add_tok_measured(p, TOK_WORD, keep(p, num, n), n, (int)n, TERM_LINKNUM, i, 0);
		/* a URL is one word: too long for the line, it is cut at characters */
		add_tok(p, TOK_WORD, p->d->links[i], strlen(p->d->links[i]), TERM_LINK, i, 1);
	}
}

/* Room for the tokens of a doc as news articles go (a word every six bytes or so), so
 * that the arrays seldom grow and copy. */
static void reserve_for(struct term_layout_priv *p, const struct doc *d)
{
	size_t bytes = 0;

	for (int i = 0; i < d->block_count; i++)
		for (int r = 0; r < d->blocks[i].run_count; r++)
			bytes += d->blocks[i].runs[r].len;
	p->tok_cap = (int)(bytes / 6) + 2 * d->block_count + 3 * d->link_count + 64;
	p->toks = xmalloc(p->tok_cap * sizeof(*p->toks));
}

static struct term_layout_priv *prepare(const struct doc *d)
{
	struct term_layout_priv *p = xcalloc(1, sizeof(*p));

	p->d = d;
	buf_init(&p->scratch);
	buf_init(&p->out);
	reserve_for(p, d);
	p->preps = xcalloc((size_t)d->block_count + 1, sizeof(*p->preps));
	for (int i = 0; i < d->block_count; i++) {
		struct prep *pr = &p->preps[p->nprep++];
		pr->kind = PREP_FLOW;
		pr->block = i;
		pr->first = p->ntok;
		prep_block(p, pr, &d->blocks[i]);
		pr->count = p->ntok - pr->first;
	}
	if (d->link_count) {
		struct prep *pr = &p->preps[p->nprep++];
		pr->kind = PREP_LINKS;
		pr->block = -1;
		pr->first = p->ntok;
		prep_links(p);
		pr->count = p->ntok - pr->first;
	}
	return p;
}

/* ---- wrapping ---- */

struct wrap {
	struct term_layout *l;
	struct term_layout_priv *p;
};

static void close_seg(struct wrap *w)
{
	if (w->p->open) {
		buf_putc(&w->p->out, '\0');
		w->p->open = NULL;
	}
}

static void line_begin(struct wrap *w, int block)
{
	struct term_layout *l = w->l;
	struct term_layout_priv *p = w->p;

	close_seg(w);
	if (l->line_count == p->line_cap) {
		p->line_cap = p->line_cap ? p->line_cap * 2 : 256;
		l->lines = xrealloc(l->lines, p->line_cap * sizeof(*l->lines));
	}
	p->line = &l->lines[l->line_count++];
	p->line->seg_count = p->nseg; /* its first segment, until finish_lines */
	p->line->block = block;
	p->line->cols = 0;
}

/* Starts a segment on the current line. */
static struct term_seg *open_seg(struct term_layout_priv *p, unsigned attr, int link)
{
	struct term_seg *seg;

	if (p->open)
		buf_putc(&p->out, '\0');
	if (p->nseg == p->seg_cap) {
		p->seg_cap = p->seg_cap ? p->seg_cap * 2 : 1024;
		p->segs = xrealloc(p->segs, p->seg_cap * sizeof(*p->segs));
	}
	seg = &p->segs[p->nseg++];
	seg->len = 0;
	seg->cols = 0;
	seg->attr = attr;
	seg->link = link;
	p->open = seg;
	return seg;
}

/* Appends text to the current line, after a space of the same style when space is 1, to the
 * line's last segment when the style is the same (an open segment is always on the current
 * line: line_begin closes it). */
static inline void emit_after(struct wrap *w, int space, const char *s, size_t len, int cols,
                              unsigned attr, int link)
{
	struct term_layout_priv *p = w->p;
	struct term_seg *last = p->open;
	char *dst;

	if (!last || last->attr != attr || last->link != link)
		last = open_seg(p, attr, link);
	if (p->out.len + space + len + 1 > p->out.cap)
		buf_reserve(&p->out, space + len + 1);
	dst = p->out.data + p->out.len;
	if (space)
		*dst++ = ' ';
	memcpy(dst, s, len);
	p->out.len += space + len;
	last->len += space + len;
	last->cols += space + cols;
	p->line->cols += space + cols;
}

static inline void emit(struct wrap *w, const char *s, size_t len, int cols, unsigned attr,
                        int link)
{
	if (len)
		emit_after(w, 0, s, len, cols, attr, link);
}

/* A one-column character (a rule, a space) times times, in one segment. */
static void emit_repeat(struct wrap *w, const char *s, int times, unsigned attr)
{
	size_t n = strlen(s);
	char chunk[64 * 4];
	int per = (int)(sizeof(chunk) / n);

	if (per > times)
		per = times;
	for (int i = 0; i < per; i++)
		memcpy(chunk + i * n, s, n);
	while (times > 0) {
		int k = times < per ? times : per;
		emit(w, chunk, k * n, k, attr, -1);
		times -= k;
	}
}

static void emit_spaces(struct wrap *w, int n, unsigned attr)
{
	emit_repeat(w, " ", n, attr);
}

static int digits(int n)
{
	int d = 1;
	while (n >= 10)
		n /= 10, d++;
	return d;
}

/* Columns of an item's margin: its bullet or number, a dot, a space. */
static int number_width(const struct doc_nest *n)
{
	int own = digits(n->number);
	return n->number_width > own ? n->number_width : own;
}

static int item_hang(const struct doc_nest *n)
{
	return n->ordered ? number_width(n) + 2 : 2;
}

static const char *bullet_for(int item_depth)
{
	static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x97\xa6",
	                                      "\xe2\x96\xaa"}; /* • ◦ ▪ */
	return bullets[item_depth % 3];
}

/* Writes the margin of a block's line: quote bars, list indentation, and on the block's first
 * line the bullets of items it starts. Stops before the margin passes max_cols, so deep nesting
 * never leaves the text without room. Returns the columns written. */
static int emit_prefix(struct wrap *w, const struct doc_block *b, int nest_count, int first_line,
                       int max_cols)
{
	int cols = 0, items = 0;

	for (int i = 0; i < nest_count; i++) {
		const struct doc_nest *n = &b->nest[i];
		int need = n->kind == DOC_NEST_QUOTE ? 2 : item_hang(n);
		if (cols + need > max_cols)
			break;
		if (n->kind == DOC_NEST_QUOTE) {
			emit(w, QUOTE_BAR, strlen(QUOTE_BAR), 2, TERM_QUOTE, -1);
		} else if (first_line && n->first) {
			char marker[24];
			const char *m = marker;
			if (n->ordered)
				snprintf(marker, sizeof(marker), "%*d.", number_width(n),
				         n->number);
			else
				m = bullet_for(items);
			emit(w, m, strlen(m), need - 1, TERM_MARKER, -1);
			emit_spaces(w, 1, 0);
		} else {
			emit_spaces(w, need, 0);
		}
		if (n->kind == DOC_NEST_ITEM)
			items++;
		cols += need;
	}
	return cols;
}

struct flow {
	const struct doc_block *b; /* NULL for the link list */
	int block;
	int avail;
	int first_line;
};

static void flow_newline(struct wrap *w, struct flow *f)
{
	int max = w->l->width / 2;

	line_begin(w, f->block);
	f->avail =
	    w->l->width - (f->b ? emit_prefix(w, f->b, f->b->nest_count, f->first_line, max) : 0);
	f->first_line = 0;
}

/* Emits a word, cutting it at characters when it is wider than the line. */
static void emit_word(struct wrap *w, struct flow *f, const struct tok *t, int *col)
{
	const char *s = tok_text(w->p, t);
	size_t left = t->len;

	if (*col + t->cols <= f->avail) {
		emit(w, s, left, t->cols, t->attr, t->link);
		*col += t->cols;
		return;
	}
	while (left) {
		int cols;
		size_t n = text_fit(terminated(w->p, s, left), f->avail - *col, &cols);
		if (n == 0 && *col > 0) {
			flow_newline(w, f);
			*col = 0;
			continue;
		}
		if (n == 0) { /* a character wider than the whole line */
			uint32_t cp;
			n = utf8_decode(s, left, &cp);
			cols = text_cp_width(cp) > 0 ? text_cp_width(cp) : 0;
		}
		emit(w, s, n, cols, t->attr, t->link);
		*col += cols;
		s += n;
		left -= n;
		if (left) {
			flow_newline(w, f);
			*col = 0;
		}
	}
}

static void wrap_flow(struct wrap *w, const struct prep *pr, const struct doc_block *b)
{
	struct flow f = {.b = b, .block = pr->block, .first_line = 1};
	const struct tok *end = w->p->toks + pr->first + pr->count;
	int col = 0;
	unsigned prev_attr = 0;
	int prev_link = -1;

	flow_newline(w, &f);
	for (int i = pr->first; i < pr->first + pr->count; i++) {
		const struct tok *t = &w->p->toks[i];
		if (t->kind == TOK_BREAK) {
			flow_newline(w, &f);
			col = 0;
			continue;
		}
		if (t->space && col > 0) {
			int same = prev_attr == t->attr && prev_link == t->link;
			int group = group_cols(t, end);
			/* a group wider than any line (a long URL) starts where it is */
			if (col + 1 + group > f.avail && (group <= f.avail || col + 1 >= f.avail)) {
				flow_newline(w, &f);
				col = 0;
			} else if (same && col + 1 + t->cols <= f.avail) {
				/* the common case: the space and the word in one go */
				emit_after(w, 1, tok_text(w->p, t), t->len, t->cols, t->attr,
				           t->link);
				col += 1 + t->cols;
				prev_attr = t->attr;
				prev_link = t->link;
				continue;
			} else {
				emit(w, " ", 1, 1, same ? t->attr : 0, same ? t->link : -1);
				col++;
			}
		}
		emit_word(w, &f, t, &col);
		prev_attr = t->attr;
		prev_link = t->link;
	}
}

/* A preformatted line wider than the layout, continued on as many lines as it needs: each
 * full one ends in CONT_MARK, so that no character is lost and the break shows. */
static void wrap_long_pre_line(struct wrap *w, const struct tok *t, int block,
                               const struct doc_block *b, int avail)
{
	const char *s = tok_text(w->p, t);
	size_t left = t->len;
	int left_cols = t->cols;

	while (left_cols > avail) {
		int cols;
		size_t n = text_fit(terminated(w->p, s, left), avail - 1, &cols);
		if (n == 0) { /* a character wider than the room: it goes alone */
			uint32_t cp;
			n = utf8_decode(s, left, &cp);
			cols = text_cp_width(cp) > 0 ? text_cp_width(cp) : 0;
		}
		emit(w, s, n, cols, t->attr, -1);
		emit(w, CONT_MARK, strlen(CONT_MARK), 1, TERM_TRUNC, -1);
		s += n;
		left -= n;
		left_cols -= cols;
		line_begin(w, block);
		avail = w->l->width - emit_prefix(w, b, b->nest_count, 0, w->l->width / 2);
	}
	if (left)
		emit(w, s, left, left_cols, t->attr, -1);
}

static void wrap_pre_lines(struct wrap *w, const struct prep *pr, const struct doc_block *b)
{
	int first = 1, max = w->l->width / 2;

	for (int i = pr->first; i < pr->first + pr->count; i++) {
		const struct tok *t = &w->p->toks[i];
		int avail;
		line_begin(w, pr->block);
		avail = w->l->width - emit_prefix(w, b, b->nest_count, first, max);
		first = 0;
		if (t->cols <= avail) {
			emit(w, tok_text(w->p, t), t->len, t->cols, t->attr, -1);
		} else if (w->p->flags & TERM_WRAP_CODE) {
			wrap_long_pre_line(w, t, pr->block, b, avail);
		} else {
			int cols;
			size_t n = text_fit(tok_text(w->p, t), avail - 1, &cols);
			emit(w, tok_text(w->p, t), n, cols, t->attr, -1);
			emit(w, TRUNC_MARK, strlen(TRUNC_MARK), 1, TERM_TRUNC, -1);
		}
	}
}

static void wrap_hr(struct wrap *w, const struct prep *pr, const struct doc_block *b)
{
	int avail;

	line_begin(w, pr->block);
	avail = w->l->width - emit_prefix(w, b, b->nest_count, 1, w->l->width / 2);
	emit_repeat(w, RULE_CHAR, avail, TERM_RULE);
}

static int table_grid_width(const struct prep *pr, const struct doc_table *t)
{
	int total = 0;
	for (int c = 0; c < t->cols; c++)
		total += pr->col_widths[c];
	return total + 3 * (t->cols - 1);
}

static void wrap_table(struct wrap *w, const struct prep *pr, const struct doc_block *b)
{
	const struct doc_table *t = &b->table;
	int max = w->l->width / 2, first = 1;
	int margin = 0;

	/* the margin is the same on every line */
	for (int i = 0; i < b->nest_count; i++) {
		int need = b->nest[i].kind == DOC_NEST_QUOTE ? 2 : item_hang(&b->nest[i]);
		if (margin + need > max)
			break;
		margin += need;
	}
	if (table_grid_width(pr, t) > w->l->width - margin) {
		wrap_flow(w, pr, b);
		return;
	}
	for (int r = 0; r < t->rows; r++) {
		int header = 0;
		line_begin(w, pr->block);
		emit_prefix(w, b, b->nest_count, first, max);
		first = 0;
		for (int c = 0; c < t->cols; c++) {
			const struct doc_cell *cell = &t->cells[r * t->cols + c];
			int cols = pr->cell_cols[r * t->cols + c];
			if (c > 0)
				emit(w, " " BAR " ", strlen(" " BAR " "), 3, TERM_RULE, -1);
			emit(w, cell->text, strlen(cell->text), cols, cell->header ? TERM_BOLD : 0,
			     -1);
			if (c + 1 < t->cols)
				emit_spaces(w, pr->col_widths[c] - cols, 0);
			header |= cell->header;
		}
		if (r == 0 && header && t->rows > 1) {
			line_begin(w, pr->block);
			emit_prefix(w, b, b->nest_count, 0, max);
			for (int c = 0; c < t->cols; c++) {
				if (c > 0)
					emit(w, RULE_CHAR CROSS RULE_CHAR,
					     strlen(RULE_CHAR CROSS RULE_CHAR), 3, TERM_RULE, -1);
				emit_repeat(w, RULE_CHAR, pr->col_widths[c], TERM_RULE);
			}
		}
	}
}

/* Heading levels 1 and 2 are underlined, so that they stand out in plain text too. */
static void underline_heading(struct wrap *w, const struct prep *pr, const struct doc_block *b,
                              int first_line)
{
	int widest = 0, margin = 0;

	for (int i = first_line; i < w->l->line_count; i++) {
		const struct term_line *ln = &w->l->lines[i];
		if (ln->cols > widest)
			widest = ln->cols;
	}
	line_begin(w, pr->block);
	margin = emit_prefix(w, b, b->nest_count, 0, w->l->width / 2);
	emit_repeat(w, b->level == 1 ? DOUBLE_RULE : RULE_CHAR, widest - margin, TERM_RULE);
}

/* Blocks are apart by an empty line, which keeps the quote bars the two blocks share. */
static void separate(struct wrap *w, const struct doc_block *prev, const struct doc_block *b,
                     int block)
{
	int keep = 0;

	if (!prev)
		return;
	if (b && doc_blocks_close(prev, b))
		return;
	if (b)
		keep = doc_blank_nest(prev, b);
	line_begin(w, block);
	if (keep)
		emit_prefix(w, b, keep, 0, w->l->width / 2);
}

static void finish_lines(struct wrap *w)
{
	struct term_layout *l = w->l;
	struct term_layout_priv *p = w->p;

	size_t off = 0;

	close_seg(w);
	/* the segments' texts lie one after the other in out, each ended by a NUL */
	for (int i = 0; i < p->nseg; i++) {
		p->segs[i].text = p->out.data + off;
		off += p->segs[i].len + 1;
	}
	for (int i = 0; i < l->line_count; i++) {
		int first = l->lines[i].seg_count;
		int end = i + 1 < l->line_count ? l->lines[i + 1].seg_count : p->nseg;
		/* No segment at all (an empty doc) leaves segs NULL: NULL + 0 is undefined. */
		l->lines[i].segs = p->segs ? p->segs + first : NULL;
		l->lines[i].seg_count = end - first;
	}
}

static void wrap_all(struct term_layout *l)
{
	struct term_layout_priv *p = l->priv;
	struct wrap w = {.l = l, .p = p};
	const struct doc_block *prev = NULL;

	l->line_count = 0;
	p->nseg = 0;
	p->out.len = 0;
	/* the words' bytes and the margins: enough to wrap most articles without growing */
	buf_reserve(&p->out, p->text_bytes + p->text_bytes / 4);
	/* and as many lines and segments as articles take (at most a segment for every two
	 * words, a line for every four), so that the arrays seldom grow and copy */
	if (!p->line_cap) {
		p->line_cap = p->ntok / 4 + 2 * p->nprep + 64;
		l->lines = xmalloc(p->line_cap * sizeof(*l->lines));
		p->seg_cap = p->ntok / 2 + 2 * p->nprep + 64;
		p->segs = xmalloc(p->seg_cap * sizeof(*p->segs));
	}
	p->open = NULL;
	for (int i = 0; i < p->nprep; i++) {
		const struct prep *pr = &p->preps[i];
		const struct doc_block *b = pr->block >= 0 ? &p->d->blocks[pr->block] : NULL;
		int first_line;

		separate(&w, prev, b, pr->block);
		first_line = l->line_count;
		switch (pr->kind) {
		case PREP_FLOW:
			wrap_flow(&w, pr, b);
			if (b->type == DOC_HEADING && b->level <= 2)
				underline_heading(&w, pr, b, first_line);
			break;
		case PREP_PRE:
			wrap_pre_lines(&w, pr, b);
			break;
		case PREP_RULE:
			wrap_hr(&w, pr, b);
			break;
		case PREP_TABLE:
			wrap_table(&w, pr, b);
			break;
		case PREP_LINKS:
			wrap_flow(&w, pr, NULL);
			break;
		}
		prev = b ? b : prev;
	}
	finish_lines(&w);
}

struct term_layout *term_layout_new(const struct doc *d, int width)
{
	return term_layout_new_flags(d, width, 0);
}

struct term_layout *term_layout_new_flags(const struct doc *d, int width, unsigned flags)
{
	struct term_layout *l = xcalloc(1, sizeof(*l));

	l->priv = prepare(d);
	l->priv->flags = flags;
	term_layout_set_width(l, width);
	return l;
}

void term_layout_set_width(struct term_layout *l, int width)
{
	l->width = width < MIN_WIDTH ? MIN_WIDTH : width;
	wrap_all(l);
}

void term_layout_free(struct term_layout *l)
{
	struct term_layout_priv *p;

	if (!l)
		return;
	p = l->priv;
	for (int i = 0; i < p->nprep; i++) {
		free(p->preps[i].col_widths);
		free(p->preps[i].cell_cols);
	}
	free(p->preps);
	free(p->toks);
	while (p->labels) {
		struct label_chunk *next = p->labels->next;
		free(p->labels);
		p->labels = next;
	}
	buf_free(&p->scratch);
	buf_free(&p->out);
	free(p->segs);
	free(p);
	free(l->lines);
	free(l);
}
