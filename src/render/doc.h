/* The one document model of an article: a flat list of blocks, each holding styled inline
 * runs. Nesting (quotes, list items) is recorded per block as a short path from the outside
 * in, so that no back end needs recursion and a 10,000-deep document stays cheap.
 *
 * Every string in a doc has passed text_sanitize when it was added: back ends may print it as
 * is. Text outside DOC_PRE blocks holds no newline and no tab. */
#ifndef TIDINGS_RENDER_DOC_H
#define TIDINGS_RENDER_DOC_H

#include <stddef.h>

/* Inline styles, as bits. */
enum doc_style {
	DOC_BOLD = 1 << 0,
	DOC_ITALIC = 1 << 1,
	DOC_CODE = 1 << 2,
	DOC_LINK = 1 << 3,
	DOC_STRIKE = 1 << 4,
};

struct doc_run {
	char *text;
	size_t len; /* bytes of text */
	size_t cap; /* allocated for text (builder's business) */
	unsigned style;
	int link; /* index into doc->links when style has DOC_LINK, else -1 */
	int brk;  /* 1 for a hard line break (<br>); text is "" */
};

enum doc_block_type {
	DOC_PARAGRAPH,
	DOC_HEADING, /* level 1..6 */
	DOC_PRE,     /* one run whose text keeps its newlines and tabs */
	DOC_HR,
	DOC_IMAGE, /* alt and src; runs hold the caption */
	DOC_TABLE,
};

/* Beyond this many levels, deeper quotes and lists add no more indentation. */
#define DOC_MAX_NEST 12

enum doc_nest_kind { DOC_NEST_QUOTE, DOC_NEST_ITEM };

struct doc_nest {
	int number;                 /* DOC_NEST_ITEM: the item's number in an ordered list */
	int list;                   /* DOC_NEST_ITEM: which list (a serial number within the doc) */
	unsigned char kind;         /* enum doc_nest_kind */
	unsigned char ordered;      /* DOC_NEST_ITEM: numbered list */
	unsigned char number_width; /* DOC_NEST_ITEM: digits of the list's widest number */
	/* DOC_NEST_ITEM: 1 on the first block of the item, which shows the bullet or number;
	 * the item's later blocks line up under its text. */
	unsigned char first;
}; /* 12 bytes: every block holds DOC_MAX_NEST of them */

struct doc_cell {
	char *text; /* one line */
	int header; /* <th> */
};

struct doc_table {
	int rows, cols;
	struct doc_cell *cells; /* rows * cols, row-major; missing cells have text "" */
};

struct doc_block {
	enum doc_block_type type;
	int level; /* DOC_HEADING */
	struct doc_nest nest[DOC_MAX_NEST];
	int nest_count; /* outermost first */
	struct doc_run *runs;
	int run_count, run_cap;
	char *alt;              /* DOC_IMAGE, may be "" */
	char *src;              /* DOC_IMAGE, absolute URL or NULL */
	struct doc_table table; /* DOC_TABLE */
};

struct doc {
	struct doc_block *blocks;
	int block_count, block_cap;
	char **links; /* absolute link targets, numbered from 1 in order of appearance */
	int link_count, link_cap;
	int *link_slots; /* builder's business: a hash table of link indexes + 1 */
	int slot_count;
};

/* Parses HTML (UTF-8; from a feed or a web page) with libxml2's HTML parser, never touching
 * the network, into a new doc. Relative links and image sources resolve against base_url
 * (may be NULL). Never fails: hostile or broken input gives whatever text could be found. */
struct doc *doc_from_html(const char *html, size_t len, const char *base_url);
/* A doc of plain text: blank lines separate paragraphs. */
struct doc *doc_from_text(const char *text, size_t len);
void doc_free(struct doc *d);

/* Building a doc (html.c and tests). Every string is sanitised on the way in, so a doc built
 * from hostile input is safe to print. */
struct doc *doc_new(void);
struct doc_block *doc_add_block(struct doc *d, enum doc_block_type type);
/* Adds inline text to block b. Outside DOC_PRE, white space follows HTML rules: runs of it
 * fold into one space, none at the start of a block; call doc_block_finish to trim the end. */
void doc_add_text(struct doc_block *b, const char *text, size_t len, unsigned style, int link);
void doc_add_break(struct doc_block *b);
void doc_block_finish(struct doc_block *b);
/* Registers a link target (already absolute); returns its index, reusing equal targets. */
int doc_add_link(struct doc *d, const char *url);
/* Forgets links that no run points to (an <a> around no text), numbering the rest again. */
void doc_drop_unused_links(struct doc *d);
/* Layout shared by the back ends: 1 when b follows prev with no empty line between them
 * (items of one list, and a nested list right under its item's text). */
int doc_blocks_close(const struct doc_block *prev, const struct doc_block *b);
/* How many of b's outer nest levels the empty line before it keeps (for quote bars). */
int doc_blank_nest(const struct doc_block *prev, const struct doc_block *b);
/* True when the block holds no visible text (a paragraph of only spaces). */
int doc_block_is_empty(const struct doc_block *b);

#endif
