/* The document model: building blocks and runs, with sanitising and HTML white space rules
 * applied as text comes in. */
#include "render/doc.h"
#include "core/text.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

struct doc *doc_new(void)
{
	return xcalloc(1, sizeof(struct doc));
}

static void block_free(struct doc_block *b)
{
	for (int i = 0; i < b->run_count; i++)
		free(b->runs[i].text);
	free(b->runs);
	free(b->alt);
	free(b->src);
	for (int i = 0; i < b->table.rows * b->table.cols; i++)
		free(b->table.cells[i].text);
	free(b->table.cells);
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	for (int i = 0; i < d->block_count; i++)
		block_free(&d->blocks[i]);
	free(d->blocks);
	for (int i = 0; i < d->link_count; i++)
		free(d->links[i]);
	free(d->links);
	free(d->link_slots);
	free(d);
}

struct doc_block *doc_add_block(struct doc *d, enum doc_block_type type)
{
	struct doc_block *b;

	if (d->block_count == d->block_cap) {
		d->block_cap = d->block_cap ? d->block_cap * 2 : 16;
		d->blocks = xrealloc(d->blocks, d->block_cap * sizeof(*d->blocks));
	}
	b = &d->blocks[d->block_count++];
	memset(b, 0, sizeof(*b));
	b->type = type;
	return b;
}

static struct doc_run *new_run(struct doc_block *b, unsigned style, int link, size_t room)
{
	struct doc_run *r;

	if (b->run_count == b->run_cap) {
		b->run_cap = b->run_cap ? b->run_cap * 2 : 4;
		b->runs = xrealloc(b->runs, b->run_cap * sizeof(*b->runs));
	}
	r = &b->runs[b->run_count++];
	/* room for the text that opens the run: most runs get no more */
	r->cap = 16;
	while (r->cap < room + 1)
		r->cap *= 2;
	r->text = xmalloc(r->cap);
	r->text[0] = '\0';
	r->len = 0;
	r->style = style;
	r->link = (style & DOC_LINK) ? link : -1;
	r->brk = 0;
	return r;
}

/* Does the block's text so far end in a space (or is it at a line start, where HTML drops
 * leading white space)? */
static int ends_in_space(const struct doc_block *b)
{
	for (int i = b->run_count - 1; i >= 0; i--) {
		const struct doc_run *r = &b->runs[i];
		if (r->brk)
			return 1;
		if (r->len)
			return r->text[r->len - 1] == ' ';
	}
	return 1;
}

static void run_reserve(struct doc_run *r, size_t n)
{
	if (r->len + n + 1 > r->cap) {
		while (r->len + n + 1 > r->cap)
			r->cap *= 2;
		r->text = xrealloc(r->text, r->cap);
	}
}

/* The run that text of this style goes on: the last one when its style matches, else a new
 * one with room for n bytes. */
static struct doc_run *styled_run(struct doc_block *b, size_t n, unsigned style, int link)
{
	struct doc_run *r = b->run_count ? &b->runs[b->run_count - 1] : NULL;

	if (!r || r->brk || r->style != style || r->link != ((style & DOC_LINK) ? link : -1))
		return new_run(b, style, link, n);
	return r;
}

static int has_double_space(const char *s, size_t n)
{
	for (size_t k = 1; k < n; k++)
		if (s[k] == ' ' && s[k - 1] == ' ')
			return 1;
	return 0;
}

/* Appends s to r; outside DOC_PRE, runs of spaces fold into one (*space: the text so far
 * ends in a space). r has room. */
static void put_folded(struct doc_run *r, const char *s, size_t n, int pre, int *space)
{
	/* most text has nothing to fold: copied whole */
	if (pre || (n && !(*space && s[0] == ' ') && !has_double_space(s, n))) {
		memcpy(r->text + r->len, s, n);
		r->len += n;
		if (!pre && n)
			*space = s[n - 1] == ' ';
		return;
	}
	for (size_t k = 0; k < n; k++) {
		if (s[k] == ' ') {
			if (!*space)
				r->text[r->len++] = ' ';
			*space = 1;
			continue;
		}
		*space = 0;
		r->text[r->len++] = s[k];
	}
}

/* Where a stretch of characters that text_sanitize would change, starting at i, ends. */
static size_t unclean_end(const char *text, size_t i, size_t len, int flags)
{
	size_t j = i;

	while (j < len) {
		uint32_t cp;
		size_t k = utf8_decode(text + j, len - j, &cp);
		if (j > i && text_clean_span(text + j, k, flags) == k)
			break;
		j += k;
	}
	return j;
}

/* Appends text to r, sanitised; outside DOC_PRE, with white space folded. Text that
 * text_sanitize would keep as it is (most of it) is copied directly; only the stretches it
 * would change go through it (it treats each character on its own, so cutting the text
 * between characters changes nothing). */
static void append_clean(struct doc_run *r, const char *text, size_t len, int pre, int *space)
{
	int flags = pre ? TEXT_KEEP_NEWLINES : 0;
	size_t i = 0;

	run_reserve(r, len);
	while (i < len) {
		size_t n = text_clean_span(text + i, len - i, flags), end;
		char *clean;
		put_folded(r, text + i, n, pre, space);
		i += n;
		if (i == len)
			break;
		/* without TEXT_KEEP_NEWLINES every kind of white space arrives as ' ' */
		if (!pre && (text[i] == '\n' || text[i] == '\t')) {
			put_folded(r, " ", 1, pre, space);
			i++;
			continue;
		}
		end = unclean_end(text, i, len, flags);
		clean = text_sanitize(text + i, end - i, flags);
		n = strlen(clean);
		run_reserve(r, n + (len - end)); /* U+FFFD is longer than the byte it replaces */
		put_folded(r, clean, n, pre, space);
		free(clean);
		i = end;
	}
	r->text[r->len] = '\0';
}

void doc_add_text(struct doc_block *b, const char *text, size_t len, unsigned style, int link)
{
	int pre = b->type == DOC_PRE, space = pre ? 0 : ends_in_space(b);
	size_t skip = 0;
	struct doc_run *r;

	/* white space where the block's text already ends in one (or has not begun) is
	 * dropped before it opens a run */
	if (!pre) {
		while (skip < len && space &&
		       (text[skip] == ' ' || text[skip] == '\n' || text[skip] == '\t'))
			skip++;
		if (skip == len)
			return;
	}
	r = styled_run(b, len - skip, style, link);
	append_clean(r, text + skip, len - skip, pre, &space);
	/* outside DOC_PRE, text that sanitised to nothing leaves no empty run behind */
	if (!pre && r->len == 0) {
		free(r->text);
		b->run_count--;
	}
}

/* Drops spaces at the end of the text, and runs they leave empty; stops at a break. */
static void trim_trailing_spaces(struct doc_block *b)
{
	while (b->run_count) {
		struct doc_run *r = &b->runs[b->run_count - 1];
		if (r->brk)
			break;
		while (r->len && r->text[r->len - 1] == ' ')
			r->text[--r->len] = '\0';
		if (r->len)
			break;
		free(r->text);
		b->run_count--;
	}
}

static int trailing_breaks(const struct doc_block *b)
{
	int n = 0;
	while (n < b->run_count && b->runs[b->run_count - 1 - n].brk)
		n++;
	return n;
}

/* A break before any text, or a third one in a row (<br> used as spacing), shows nothing. */
void doc_add_break(struct doc_block *b)
{
	struct doc_run *r;

	trim_trailing_spaces(b);
	if (b->run_count == 0 || trailing_breaks(b) >= 2)
		return;
	r = new_run(b, 0, -1, 0);
	r->brk = 1;
}

/* Drops white space and breaks at the end of the block. */
void doc_block_finish(struct doc_block *b)
{
	if (b->type == DOC_PRE) {
		/* A newline just before </pre> is not content. */
		if (b->run_count) {
			struct doc_run *r = &b->runs[b->run_count - 1];
			while (r->len && r->text[r->len - 1] == '\n')
				r->text[--r->len] = '\0';
		}
		return;
	}
	for (;;) {
		trim_trailing_spaces(b);
		if (!b->run_count || !b->runs[b->run_count - 1].brk)
			break;
		free(b->runs[b->run_count - 1].text);
		b->run_count--;
	}
}

static unsigned hash_str(const char *s)
{
	unsigned h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot of url in the link table: where it is, or the empty one where it would go. */
static int *link_slot(struct doc *d, const char *url)
{
	unsigned mask = (unsigned)d->slot_count - 1, i = hash_str(url) & mask;

	while (d->link_slots[i] && strcmp(d->links[d->link_slots[i] - 1], url) != 0)
		i = (i + 1) & mask;
	return &d->link_slots[i];
}

/* Keeps the table at most half full, so that probing stays short. */
static void grow_link_slots(struct doc *d)
{
	if (d->slot_count && (d->link_count + 1) * 2 <= d->slot_count)
		return;
	free(d->link_slots);
	d->slot_count = d->slot_count ? d->slot_count * 2 : 64;
	d->link_slots = xcalloc(d->slot_count, sizeof(int));
	for (int i = 0; i < d->link_count; i++)
		*link_slot(d, d->links[i]) = i + 1;
}

int doc_add_link(struct doc *d, const char *url)
{
	char *clean = text_sanitize_str(url, TEXT_COLLAPSE_SPACE);
	int *slot;

	grow_link_slots(d);
	slot = link_slot(d, clean);
	if (*slot) {
		free(clean);
		return *slot - 1;
	}
	if (d->link_count == d->link_cap) {
		d->link_cap = d->link_cap ? d->link_cap * 2 : 8;
		d->links = xrealloc(d->links, d->link_cap * sizeof(*d->links));
	}
	d->links[d->link_count] = clean;
	*slot = d->link_count + 1;
	return d->link_count++;
}

void doc_drop_unused_links(struct doc *d)
{
	int *renumber = xcalloc((size_t)d->link_count + 1, sizeof(int)), kept = 0;

	for (int i = 0; i < d->block_count; i++)
		for (int r = 0; r < d->blocks[i].run_count; r++)
			if (d->blocks[i].runs[r].link >= 0)
				renumber[d->blocks[i].runs[r].link] = 1;
	for (int i = 0; i < d->link_count; i++) {
		if (!renumber[i]) {
			free(d->links[i]);
			renumber[i] = -1;
			continue;
		}
		d->links[kept] = d->links[i];
		renumber[i] = kept++;
	}
	for (int i = 0; i < d->block_count; i++)
		for (int r = 0; r < d->blocks[i].run_count; r++)
			if (d->blocks[i].runs[r].link >= 0)
				d->blocks[i].runs[r].link = renumber[d->blocks[i].runs[r].link];
	d->link_count = kept;
	/* the hash table is rebuilt when the next link comes */
	free(d->link_slots);
	d->link_slots = NULL;
	d->slot_count = 0;
	free(renumber);
}

int doc_blocks_close(const struct doc_block *prev, const struct doc_block *b)
{
	int k = 0;

	/* k: the outermost item that b starts */
	while (k < b->nest_count && !(b->nest[k].kind == DOC_NEST_ITEM && b->nest[k].first))
		k++;
	if (k == b->nest_count || prev->nest_count < k)
		return 0;
	for (int i = 0; i < k; i++)
		if (prev->nest[i].kind != b->nest[i].kind ||
		    (b->nest[i].kind == DOC_NEST_ITEM && prev->nest[i].list != b->nest[i].list))
			return 0;
	if (prev->nest_count == k) /* a list nested right under its item's text */
		return k > 0 && prev->nest[k - 1].kind == DOC_NEST_ITEM;
	return prev->nest[k].kind == DOC_NEST_ITEM && prev->nest[k].list == b->nest[k].list;
}

int doc_blank_nest(const struct doc_block *prev, const struct doc_block *b)
{
	int common = 0, keep = 0;

	while (common < b->nest_count && common < prev->nest_count &&
	       b->nest[common].kind == prev->nest[common].kind) {
		common++;
		if (b->nest[common - 1].kind == DOC_NEST_QUOTE)
			keep = common;
	}
	return keep;
}

int doc_block_is_empty(const struct doc_block *b)
{
	if (b->type == DOC_HR || b->type == DOC_IMAGE)
		return 0;
	if (b->type == DOC_TABLE)
		return b->table.rows == 0;
	for (int i = 0; i < b->run_count; i++) {
		if (b->runs[i].brk)
			continue;
		for (const char *p = b->runs[i].text; *p; p++)
			if (*p != ' ' && *p != '\n' && *p != '\t')
				return 0;
	}
	return 1;
}

struct doc *doc_from_text(const char *text, size_t len)
{
	struct doc *d = doc_new();
	size_t i = 0;

	while (i < len) {
		/* a paragraph runs to the next blank line */
		size_t start = i, end;
		const char *blank = NULL;
		for (size_t j = i; j + 1 < len; j++)
			if (text[j] == '\n' &&
			    (text[j + 1] == '\n' ||
			     (text[j + 1] == '\r' && j + 2 < len && text[j + 2] == '\n'))) {
				blank = text + j;
				break;
			}
		end = blank ? (size_t)(blank - text) : len;
		struct doc_block *b = doc_add_block(d, DOC_PARAGRAPH);
		doc_add_text(b, text + start, end - start, 0, -1);
		doc_block_finish(b);
		if (doc_block_is_empty(b)) {
			block_free(b);
			d->block_count--;
		}
		i = end;
		while (i < len && (text[i] == '\n' || text[i] == '\r'))
			i++;
	}
	return d;
}
