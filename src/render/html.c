/* HTML to the document model, with libxml2's HTML parser (quiet, recovering, no network).
 * The model is built straight from the parser's SAX events: no tree is built, walked and
 * freed. Nesting is bounded, so a document nested 10,000 deep costs no stack and no quadratic
 * work. */
#include "render/doc.h"
#include "core/text.h"
#include "core/url.h"
#include "core/util.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Larger inputs are cut: no article is this long, and the parser's size is an int. */
#define HTML_MAX_INPUT (64u << 20)
#define MAX_LISTS 64
#define TABLE_MAX_COLS 64
/* Elements open at once. libxml2 stops building a tree this deep (xmlParserMaxDepth, 256):
 * the SAX parser has no such limit, so the builder stops the parse at the same point. */
#define MAX_DEPTH 256

struct list_ctx {
	int id;
	int first_block; /* the doc's block count when the list began */
	int ordered;
	int next_number;
};

struct table_cell {
	int row, col, header;
	struct buf text;
};

/* What an element means to the document model. */
enum tag {
	TAG_OTHER, /* inline and unknown elements: their text flows through */
	TAG_DROP,  /* scripts, styles, forms, embedded content: dropped with their children */
	TAG_BLOCK, /* ends the paragraph before it and starts a new one after it */
	TAG_H1,
	TAG_H2,
	TAG_H3,
	TAG_H4,
	TAG_H5,
	TAG_H6,
	TAG_BR,
	TAG_HR,
	TAG_IMG,
	TAG_PRE,
	TAG_BLOCKQUOTE,
	TAG_UL,
	TAG_OL,
	TAG_LI,
	TAG_FIGURE,
	TAG_FIGCAPTION,
	TAG_TABLE,
	TAG_TR,
	TAG_TD,
	TAG_TH,
	TAG_CAPTION,
	TAG_A,
	TAG_BOLD,
	TAG_ITALIC,
	TAG_CODE,
	TAG_STRIKE,
};

/* Sorted by name, for bsearch. */
static const struct tag_name {
	const char *name;
	enum tag tag;
} tag_names[] = {
    {"a", TAG_A},           {"address", TAG_BLOCK},   {"applet", TAG_DROP},
    {"article", TAG_BLOCK}, {"aside", TAG_BLOCK},     {"audio", TAG_DROP},
    {"b", TAG_BOLD},        {"base", TAG_DROP},       {"blockquote", TAG_BLOCKQUOTE},
    {"body", TAG_BLOCK},    {"br", TAG_BR},           {"button", TAG_DROP},
    {"canvas", TAG_DROP},   {"caption", TAG_CAPTION}, {"center", TAG_BLOCK},
    {"cite", TAG_ITALIC},   {"code", TAG_CODE},       {"datalist", TAG_DROP},
    {"dd", TAG_BLOCK},      {"del", TAG_STRIKE},      {"details", TAG_BLOCK},
    {"dfn", TAG_ITALIC},    {"dialog", TAG_DROP},     {"div", TAG_BLOCK},
    {"dl", TAG_BLOCK},      {"dt", TAG_BLOCK},        {"em", TAG_ITALIC},
    {"embed", TAG_DROP},    {"fieldset", TAG_BLOCK},  {"figcaption", TAG_FIGCAPTION},
    {"figure", TAG_FIGURE}, {"footer", TAG_BLOCK},    {"form", TAG_DROP},
    {"frame", TAG_DROP},    {"frameset", TAG_DROP},   {"h1", TAG_H1},
    {"h2", TAG_H2},         {"h3", TAG_H3},           {"h4", TAG_H4},
    {"h5", TAG_H5},         {"h6", TAG_H6},           {"head", TAG_DROP},
    {"header", TAG_BLOCK},  {"hgroup", TAG_BLOCK},    {"hr", TAG_HR},
    {"html", TAG_BLOCK},    {"i", TAG_ITALIC},        {"iframe", TAG_DROP},
    {"img", TAG_IMG},       {"input", TAG_DROP},      {"kbd", TAG_CODE},
    {"legend", TAG_BLOCK},  {"li", TAG_LI},           {"link", TAG_DROP},
    {"main", TAG_BLOCK},    {"map", TAG_DROP},        {"math", TAG_DROP},
    {"menu", TAG_UL},       {"meta", TAG_DROP},       {"nav", TAG_BLOCK},
    {"noscript", TAG_DROP}, {"object", TAG_DROP},     {"ol", TAG_OL},
    {"option", TAG_DROP},   {"p", TAG_BLOCK},         {"param", TAG_DROP},
    {"pre", TAG_PRE},       {"s", TAG_STRIKE},        {"samp", TAG_CODE},
    {"script", TAG_DROP},   {"section", TAG_BLOCK},   {"select", TAG_DROP},
    {"source", TAG_DROP},   {"strike", TAG_STRIKE},   {"strong", TAG_BOLD},
    {"style", TAG_DROP},    {"summary", TAG_BLOCK},   {"svg", TAG_DROP},
    {"table", TAG_TABLE},   {"td", TAG_TD},           {"template", TAG_DROP},
    {"textarea", TAG_DROP}, {"th", TAG_TH},           {"title", TAG_DROP},
    {"tr", TAG_TR},         {"track", TAG_DROP},      {"tt", TAG_CODE},
    {"ul", TAG_UL},         {"var", TAG_ITALIC},      {"video", TAG_DROP},
};

/* What entering an element changed, so that leaving it undoes exactly that. */
struct frame {
	enum tag tag;
	int saved_link;
	int entered; /* enter_element said yes: its content is read, and leave_element undoes it */
};

struct builder {
	struct doc *d;
	const char *base;
	char *origin;    /* base's "scheme://authority", once asked for; NULL if it has none */
	int origin_done; /* origin was worked out */
	int cur;         /* the open block, or -1 */
	enum doc_block_type pending_type;
	int pending_level;
	int bold, italic, code, strike;
	int link;
	int pre;
	struct doc_nest nest[DOC_MAX_NEST];
	int nest_count, nest_overflow;
	struct list_ctx lists[MAX_LISTS];
	int list_count, list_overflow;
	int list_serial;
	int caption_target; /* image block that a <figcaption> describes, or -1 */
	/* the table being read: one level only; inner tables flow into its cells */
	int table_depth;
	struct table_cell *cells;
	int cell_count, cell_cap;
	int row, col; /* row -1 before the first <tr> */
	int in_cell;
	/* the open elements, outermost first */
	htmlParserCtxtPtr parser;
	struct frame open[MAX_DEPTH + 1];
	int depth;
	int skip_depth; /* > 0: inside a dropped element, open[skip_depth - 1] */
	int stopped;    /* too deep: the parse was stopped, later events are ignored */
	/* Text read since the last tag. The parser hands text over in pieces (a chunk, an
	 * entity), and cuts invalid UTF-8 anywhere: it is read as a whole, like a tree's
	 * text node. */
	struct buf text;
};

static int compare_tag_name(const void *key, const void *entry)
{
	const char *a = key, *b = ((const struct tag_name *)entry)->name;

	/* most steps of the search are decided by the first letter */
	if (*a != *b)
		return (unsigned char)*a - (unsigned char)*b;
	return strcmp(a, b);
}

/* What libxml2's tree builder kept of a prefixed name, and so what counts: "dc:title" is a
 * title, "o:p" a paragraph. */
static const char *local_name(const char *name)
{
	const char *colon = name[0] != ':' ? strchr(name, ':') : NULL;
	return colon ? colon + 1 : name;
}

static enum tag tag_of(const char *name)
{
	const struct tag_name *t =
	    bsearch(name, tag_names, ARRAY_LEN(tag_names), sizeof(*tag_names), compare_tag_name);
	return t ? t->tag : TAG_OTHER;
}

/* An element's attributes, as the parser gives them: name, value, name, value, ..., NULL. */
typedef const xmlChar *const *attrs_t;

/* The value of an attribute, "" when it has none (<p hidden>), NULL when it is absent. */
static const char *attr(attrs_t atts, const char *name)
{
	if (!atts)
		return NULL;
	for (; atts[0]; atts += 2)
		if (str_casecmp_ascii((const char *)atts[0], name) == 0)
			return atts[1] ? (const char *)atts[1] : "";
	return NULL;
}

/* hidden, aria-hidden="true", or an inline style that hides it. */
static int is_hidden(attrs_t n)
{
	const char *v;
	char squeezed[256];
	size_t k = 0;

	if (!n)
		return 0;
	if (attr(n, "hidden"))
		return 1;
	if ((v = attr(n, "aria-hidden")) && str_casecmp_ascii(v, "true") == 0)
		return 1;
	if (!(v = attr(n, "style")))
		return 0;
	for (; *v && k + 1 < sizeof(squeezed); v++)
		if (*v != ' ' && *v != '\t' && *v != '\n' && *v != '\r')
			squeezed[k++] = (char)((*v >= 'A' && *v <= 'Z') ? *v + 32 : *v);
	squeezed[k] = '\0';
	return strstr(squeezed, "display:none") || strstr(squeezed, "visibility:hidden");
}

/* A 0 or 1 pixel image is a tracking beacon, not a picture. */
static int is_tracking_pixel(attrs_t n)
{
	const char *w = attr(n, "width"), *h = attr(n, "height");

	return (w && *w && atoi(w) <= 1) || (h && *h && atoi(h) <= 1);
}

static int scheme_is(const char *url, const char *scheme)
{
	size_t n = strlen(scheme);
	return str_ncasecmp_ascii(url, scheme, n) == 0 && url[n] == ':';
}

/* Does url begin with "scheme:" (RFC 3986: a letter, then letters, digits, "+", "-", ".")? */
static int starts_with_scheme(const char *url)
{
	const char *p = url;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	for (p++; *p && *p != ':'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.'))
			return 0;
	return *p == ':';
}

/* A path from the root made only of letters, digits and "/_.~-" (no "//", no dot
 * segments), like "/img/5.jpg": resolved, it is the base's scheme and authority followed by
 * the path as it is, with nothing to escape or remove. */
static int is_plain_absolute_path(const char *ref)
{
	if (ref[0] != '/')
		return 0;
	for (const char *p = ref; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '/' || *p == '_' || *p == '.' ||
		      *p == '~' || *p == '-'))
			return 0;
		if (*p == '/' && (p[1] == '/' || p[1] == '.'))
			return 0;
	}
	return 1;
}

/* The base's "scheme://authority", as xmlBuildURI writes it before a path from the root:
 * worked out once per document, from what it makes of "/". */
static const char *base_origin(struct builder *b)
{
	if (!b->origin_done) {
		char *root = url_resolve(b->base, "/");
		size_t n = root ? strlen(root) : 0;
		const char *sep = root ? strstr(root, "://") : NULL;
		/* only "scheme://authority/": anything else goes the long way */
		if (n > 1 && sep && strchr(sep + 3, '/') == root + n - 1 && !strpbrk(root, "?#"))
			b->origin = xstrndup(root, n - 1);
		free(root);
		b->origin_done = 1;
	}
	return b->origin;
}

/* The absolute form of a link or image source, or NULL for schemes we would never follow
 * (javascript:, data:, ...). Relative references stay relative when there is no base. */
static char *resolve_url(struct builder *b, const char *ref)
{
	const char *base = b->base, *origin;
	char *clean = text_sanitize_str(ref, TEXT_COLLAPSE_SPACE), *abs = NULL;

	if (!*clean) {
		free(clean);
		return NULL;
	}
	/* A reference with a scheme is absolute: xmlBuildURI gives it back unchanged (or NULL
	 * when it does not parse, which keeps it unchanged too), so it is not asked. A plain
	 * path from the root is what xmlBuildURI would make of it, without parsing the base
	 * again. */
	if (base && is_plain_absolute_path(clean) && (origin = base_origin(b))) {
		size_t no = strlen(origin), nc = strlen(clean);
		abs = xmalloc(no + nc + 1);
		memcpy(abs, origin, no);
		memcpy(abs + no, clean, nc + 1);
		free(clean);
	} else if (base && !starts_with_scheme(clean) && (abs = url_resolve(base, clean))) {
		free(clean);
	} else {
		abs = clean;
	}
	if (scheme_is(abs, "http") || scheme_is(abs, "https") || scheme_is(abs, "mailto") ||
	    scheme_is(abs, "ftp") || scheme_is(abs, "gemini"))
		return abs;
	/* no scheme at all: a relative reference left as is */
	if (!strchr(abs, ':') || strcspn(abs, ":") > strcspn(abs, "/?#"))
		return abs;
	free(abs);
	return NULL;
}

static unsigned current_style(const struct builder *b)
{
	return (b->bold ? DOC_BOLD : 0) | (b->italic ? DOC_ITALIC : 0) | (b->code ? DOC_CODE : 0) |
	       (b->strike ? DOC_STRIKE : 0) | (b->link >= 0 ? DOC_LINK : 0);
}

static struct doc_block *cur_block(struct builder *b)
{
	return b->cur >= 0 ? &b->d->blocks[b->cur] : NULL;
}

/* The first block inside a list item shows its marker; later ones do not. */
static void consume_item_markers(struct builder *b)
{
	for (int i = 0; i < b->nest_count; i++)
		b->nest[i].first = 0;
}

static struct doc_block *add_nested_block(struct builder *b, enum doc_block_type type)
{
	struct doc_block *blk = doc_add_block(b->d, type);

	/* the block comes zeroed: only the levels in use are copied */
	memcpy(blk->nest, b->nest, b->nest_count * sizeof(*b->nest));
	blk->nest_count = b->nest_count;
	return blk;
}

static void close_block(struct builder *b)
{
	struct doc_block *blk = cur_block(b);

	if (!blk)
		return;
	doc_block_finish(blk);
	if (blk->type != DOC_IMAGE) {
		if (doc_block_is_empty(blk)) {
			/* nothing visible: forget it (its markers stay pending) */
			for (int i = 0; i < blk->run_count; i++)
				free(blk->runs[i].text);
			free(blk->runs);
			b->d->block_count--;
		} else {
			consume_item_markers(b);
		}
	}
	b->cur = -1;
}

static struct doc_block *open_block(struct builder *b)
{
	struct doc_block *blk;

	if (b->cur >= 0)
		return cur_block(b);
	blk = add_nested_block(b, b->pre ? DOC_PRE : b->pending_type);
	blk->level = b->pending_level;
	b->cur = b->d->block_count - 1;
	return blk;
}

static int is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '\f')
			return 0;
	return 1;
}

static void cell_text_n(struct builder *b, const char *s, size_t len)
{
	if (b->in_cell && b->cell_count > 0)
		buf_append(&b->cells[b->cell_count - 1].text, s, len);
}

static void cell_text(struct builder *b, const char *s)
{
	cell_text_n(b, s, strlen(s));
}

static void on_text(struct builder *b, const char *s, size_t len)
{
	if (b->table_depth) {
		cell_text_n(b, s, len);
		return;
	}
	/* white space between blocks opens no paragraph */
	if (b->cur < 0 && !b->pre && is_blank(s, len))
		return;
	/* HTML drops the newline that follows <pre> */
	if (b->pre && b->cur < 0 && len && *s == '\n')
		s++, len--;
	doc_add_text(open_block(b), s, len, current_style(b), b->link);
}

static void on_break(struct builder *b)
{
	if (b->table_depth)
		cell_text(b, " ");
	else if (b->pre)
		doc_add_text(open_block(b), "\n", 1, current_style(b), b->link);
	else if (b->cur >= 0)
		doc_add_break(cur_block(b));
}

static void push_nest(struct builder *b, struct doc_nest n)
{
	if (b->nest_count < DOC_MAX_NEST)
		b->nest[b->nest_count++] = n;
	else
		b->nest_overflow++;
}

static void pop_nest(struct builder *b)
{
	if (b->nest_overflow)
		b->nest_overflow--;
	else if (b->nest_count)
		b->nest_count--;
}

static void enter_list(struct builder *b, attrs_t n, int ordered)
{
	const char *start = attr(n, "start");

	if (b->list_count >= MAX_LISTS) {
		b->list_overflow++;
		return;
	}
	b->lists[b->list_count].id = ++b->list_serial;
	b->lists[b->list_count].first_block = b->d->block_count;
	b->lists[b->list_count].ordered = ordered;
	b->lists[b->list_count].next_number = ordered && start ? atoi(start) : 1;
	b->list_count++;
}

static int digits(int n)
{
	int d = 1;
	while (n >= 10)
		n /= 10, d++;
	return d;
}

/* Numbers of an ordered list line up on their right: every item learns the widest. */
static void align_numbers(struct builder *b, const struct list_ctx *l)
{
	int widest = 1;

	for (int pass = 0; pass < 2; pass++)
		for (int i = l->first_block; i < b->d->block_count; i++) {
			struct doc_block *blk = &b->d->blocks[i];
			for (int k = 0; k < blk->nest_count; k++) {
				struct doc_nest *n = &blk->nest[k];
				if (n->kind != DOC_NEST_ITEM || n->list != l->id)
					continue;
				if (pass == 0 && digits(n->number) > widest)
					widest = digits(n->number);
				if (pass == 1)
					n->number_width = (unsigned char)widest;
			}
		}
}

static void leave_list(struct builder *b)
{
	if (b->list_overflow) {
		b->list_overflow--;
	} else if (b->list_count) {
		b->list_count--;
		if (b->lists[b->list_count].ordered)
			align_numbers(b, &b->lists[b->list_count]);
	}
}

static void enter_item(struct builder *b, attrs_t n)
{
	struct doc_nest nest = {.kind = DOC_NEST_ITEM, .first = 1};
	const char *value = attr(n, "value");

	if (b->list_count && !b->list_overflow) {
		struct list_ctx *l = &b->lists[b->list_count - 1];
		if (value)
			l->next_number = atoi(value);
		nest.ordered = (unsigned char)l->ordered;
		nest.list = l->id;
		nest.number = l->next_number++;
	}
	/* Keep numbers printable: a hostile start="-2147483648" must not widen the margin. */
	if (nest.number < 0 || nest.number > 99999)
		nest.number = 0;
	push_nest(b, nest);
}

/* A small picture inside a line of text (emoji, icons): at most 32 pixels either way. */
static int is_inline_icon(attrs_t n)
{
	const char *w = attr(n, "width"), *h = attr(n, "height");

	return (w && *w && atoi(w) <= 32) || (h && *h && atoi(h) <= 32);
}

static void add_image(struct builder *b, attrs_t n)
{
	const char *alt = attr(n, "alt"), *src = attr(n, "src");
	struct doc_block *blk;
	char *clean;

	if (b->table_depth) {
		if (alt && *alt) {
			cell_text(b, " ");
			cell_text(b, alt);
		}
		return;
	}
	if (is_inline_icon(n) && alt && *alt) {
		/* an emoji or icon drawn as a picture: its alt text reads on in the line */
		on_text(b, alt, strlen(alt));
		return;
	}
	close_block(b);
	blk = add_nested_block(b, DOC_IMAGE);
	clean = text_sanitize_str(alt, TEXT_COLLAPSE_SPACE);
	blk->alt = clean;
	blk->src = src ? resolve_url(b, src) : NULL;
	consume_item_markers(b);
	b->caption_target = b->d->block_count - 1;
}

static void add_rule(struct builder *b)
{
	if (b->table_depth)
		return;
	close_block(b);
	add_nested_block(b, DOC_HR);
	consume_item_markers(b);
}

static void table_start(struct builder *b)
{
	close_block(b);
	b->table_depth = 1;
	b->cell_count = 0;
	b->row = -1;
	b->col = 0;
	b->in_cell = 0;
}

static void table_row(struct builder *b)
{
	b->row++;
	b->col = 0;
	b->in_cell = 0;
}

static void table_cell(struct builder *b, int header)
{
	struct table_cell *c;

	if (b->row < 0)
		table_row(b);
	if (b->col >= TABLE_MAX_COLS) {
		b->in_cell = 0;
		return;
	}
	if (b->cell_count == b->cell_cap) {
		b->cell_cap = b->cell_cap ? b->cell_cap * 2 : 16;
		b->cells = xrealloc(b->cells, b->cell_cap * sizeof(*b->cells));
	}
	c = &b->cells[b->cell_count++];
	c->row = b->row;
	c->col = b->col++;
	c->header = header;
	buf_init(&c->text);
	b->in_cell = 1;
}

/* Turns the cells read into a DOC_TABLE block (rows without cells are dropped). */
static void table_end(struct builder *b)
{
	struct doc_block *blk;
	int rows = 0, cols = 0, last_row = -1;

	b->table_depth = 0;
	for (int i = 0; i < b->cell_count; i++) {
		if (b->cells[i].row != last_row)
			rows++, last_row = b->cells[i].row;
		if (b->cells[i].col + 1 > cols)
			cols = b->cells[i].col + 1;
	}
	if (rows) {
		blk = add_nested_block(b, DOC_TABLE);
		blk->table.rows = rows;
		blk->table.cols = cols;
		blk->table.cells = xcalloc((size_t)rows * cols, sizeof(struct doc_cell));
		rows = -1, last_row = -1;
		for (int i = 0; i < b->cell_count; i++) {
			struct table_cell *c = &b->cells[i];
			if (c->row != last_row)
				rows++, last_row = c->row;
			struct doc_cell *dc = &blk->table.cells[rows * cols + c->col];
			dc->text = text_sanitize(c->text.data ? c->text.data : "", c->text.len,
			                         TEXT_COLLAPSE_SPACE);
			dc->header = c->header;
		}
		for (int i = 0; i < blk->table.rows * cols; i++)
			if (!blk->table.cells[i].text)
				blk->table.cells[i].text = xstrdup("");
		consume_item_markers(b);
	}
	for (int i = 0; i < b->cell_count; i++)
		buf_free(&b->cells[i].text);
	b->cell_count = 0;
}

/* Elements inside a table: only rows and cells have structure, the rest is cell text. */
static void enter_in_table(struct builder *b, enum tag tag)
{
	if (tag == TAG_TABLE)
		b->table_depth++;
	else if (b->table_depth == 1 && tag == TAG_TR)
		table_row(b);
	else if (b->table_depth == 1 && (tag == TAG_TD || tag == TAG_TH))
		table_cell(b, tag == TAG_TH);
	else if (b->table_depth == 1 && tag == TAG_CAPTION) {
		table_row(b);
		table_cell(b, 0);
	} else
		cell_text(b, " ");
}

static void leave_in_table(struct builder *b, enum tag tag)
{
	if (tag == TAG_TABLE && --b->table_depth == 0)
		table_end(b);
	else if (b->table_depth == 1 && (tag == TAG_TD || tag == TAG_TH || tag == TAG_CAPTION))
		b->in_cell = 0;
	else
		cell_text(b, " ");
}

static void enter_link(struct builder *b, attrs_t n)
{
	const char *href = attr(n, "href");
	char *url = href ? resolve_url(b, href) : NULL;

	if (url) {
		b->link = doc_add_link(b->d, url);
		free(url);
	}
}

/* Returns 1 when the element's content is to be read (and leave_element called after). */
static int enter_element(struct builder *b, const char *name, attrs_t n, struct frame *f)
{
	enum tag tag = tag_of(local_name(name));

	f->tag = tag;
	f->saved_link = b->link;
	if (tag == TAG_DROP || is_hidden(n))
		return 0;
	switch (tag) {
	case TAG_BR:
		on_break(b);
		return 0;
	case TAG_HR:
		add_rule(b);
		return 0;
	case TAG_IMG:
		if (!is_tracking_pixel(n))
			add_image(b, n);
		return 0;
	default:
		break;
	}
	if (b->table_depth) {
		enter_in_table(b, tag);
		return 1;
	}
	switch (tag) {
	case TAG_H1:
	case TAG_H2:
	case TAG_H3:
	case TAG_H4:
	case TAG_H5:
	case TAG_H6:
		close_block(b);
		b->pending_type = DOC_HEADING;
		b->pending_level = (int)(tag - TAG_H1) + 1;
		break;
	case TAG_PRE:
		close_block(b);
		b->pre++;
		break;
	case TAG_BLOCKQUOTE:
		close_block(b);
		push_nest(b, (struct doc_nest){.kind = DOC_NEST_QUOTE});
		break;
	case TAG_UL:
	case TAG_OL:
		close_block(b);
		enter_list(b, n, tag == TAG_OL);
		break;
	case TAG_LI:
		close_block(b);
		enter_item(b, n);
		break;
	case TAG_FIGURE:
		close_block(b);
		b->caption_target = -1;
		break;
	case TAG_FIGCAPTION:
		close_block(b);
		if (b->caption_target >= 0)
			b->cur = b->caption_target;
		break;
	case TAG_TABLE:
		table_start(b);
		break;
	case TAG_A:
		enter_link(b, n);
		break;
	case TAG_BOLD:
		b->bold++;
		break;
	case TAG_ITALIC:
		b->italic++;
		break;
	case TAG_CODE:
		b->code++;
		break;
	case TAG_STRIKE:
		b->strike++;
		break;
	case TAG_BLOCK:
	case TAG_TR:
	case TAG_TD:
	case TAG_TH:
	case TAG_CAPTION:
		/* table parts outside a table still separate their text */
		close_block(b);
		break;
	default:
		break;
	}
	return 1;
}

static void leave_element(struct builder *b, const struct frame *f)
{
	b->link = f->saved_link;
	if (b->table_depth) {
		leave_in_table(b, f->tag);
		return;
	}
	switch (f->tag) {
	case TAG_H1:
	case TAG_H2:
	case TAG_H3:
	case TAG_H4:
	case TAG_H5:
	case TAG_H6:
		close_block(b);
		b->pending_type = DOC_PARAGRAPH;
		b->pending_level = 0;
		break;
	case TAG_PRE:
		close_block(b);
		b->pre--;
		break;
	case TAG_BLOCKQUOTE:
	case TAG_LI:
		close_block(b);
		pop_nest(b);
		break;
	case TAG_UL:
	case TAG_OL:
		close_block(b);
		leave_list(b);
		break;
	case TAG_FIGURE:
		close_block(b);
		b->caption_target = -1;
		break;
	case TAG_BOLD:
		b->bold--;
		break;
	case TAG_ITALIC:
		b->italic--;
		break;
	case TAG_CODE:
		b->code--;
		break;
	case TAG_STRIKE:
		b->strike--;
		break;
	case TAG_FIGCAPTION:
	case TAG_BLOCK:
	case TAG_TR:
	case TAG_TD:
	case TAG_TH:
	case TAG_CAPTION:
		close_block(b);
		break;
	default:
		break;
	}
}

/* ---- the parser's events ---- */

static void flush_text(struct builder *b)
{
	if (b->text.len) {
		on_text(b, b->text.data, b->text.len);
		b->text.len = 0;
	}
}

static void on_start_element(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct builder *b = ctx;
	struct frame *f;

	if (b->stopped)
		return;
	flush_text(b);
	if (b->depth > MAX_DEPTH) {
		b->stopped = 1;
		xmlStopParser(b->parser);
		return;
	}
	f = &b->open[b->depth++];
	f->tag = TAG_OTHER;
	f->saved_link = b->link;
	f->entered = 0;
	if (b->skip_depth || !name)
		return;
	f->entered = enter_element(b, (const char *)name, atts, f);
	if (!f->entered)
		b->skip_depth = b->depth; /* a dropped or empty element: nothing inside counts */
}

static void on_end_element(void *ctx, const xmlChar *name)
{
	struct builder *b = ctx;
	const struct frame *f;

	(void)name;
	if (b->stopped || b->depth == 0)
		return;
	flush_text(b);
	f = &b->open[--b->depth];
	if (b->skip_depth > b->depth) {
		if (b->skip_depth == b->depth + 1)
			b->skip_depth = 0;
		return;
	}
	if (f->entered)
		leave_element(b, f);
}

static void on_characters(void *ctx, const xmlChar *text, int len)
{
	struct builder *b = ctx;

	/* Text outside every element (a stray "<" before the first tag) is dropped, as libxml2's
	 * tree builder drops it. */
	if (!b->stopped && !b->skip_depth && b->depth > 0 && len > 0)
		buf_append(&b->text, (const char *)text, (size_t)len);
}

/* A comment or processing instruction ends a piece of text, as it would in a tree. */
static void on_comment(void *ctx, const xmlChar *text)
{
	(void)text;
	flush_text(ctx);
}

static void on_instruction(void *ctx, const xmlChar *target, const xmlChar *data)
{
	(void)target, (void)data;
	flush_text(ctx);
}

/* After a stopped parse, the elements still open are left as if they had ended. */
static void leave_open_elements(struct builder *b)
{
	while (b->depth > 0) {
		const struct frame *f = &b->open[--b->depth];
		if (b->skip_depth > b->depth) {
			if (b->skip_depth == b->depth + 1)
				b->skip_depth = 0;
			continue;
		}
		if (f->entered)
			leave_element(b, f);
	}
}

/* What htmlCtxtReadMemory(ctxt, html, len, NULL, "UTF-8", options) does, but with the
 * parser reading html where it is instead of from a copy of its own. */
static void read_in_place(htmlParserCtxtPtr ctxt, const char *html, int len)
{
	xmlParserInputBufferPtr in;
	xmlParserInputPtr stream;
	xmlCharEncodingHandlerPtr utf8;

	xmlInitParser();
	htmlCtxtReset(ctxt);
	in = xmlParserInputBufferCreateStatic(html, len, XML_CHAR_ENCODING_NONE);
	if (!in)
		return;
	stream = xmlNewIOInputStream(ctxt, in, XML_CHAR_ENCODING_NONE);
	if (!stream) {
		xmlFreeParserInputBuffer(in);
		return;
	}
	inputPush(ctxt, stream);
	htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                             HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
	ctxt->html = 1;
	/* UTF-8 through an encoder, as a named encoding does: then invalid bytes are read as
	 * they are, rather than switching the rest of the page to Latin-1 */
	utf8 = xmlFindCharEncodingHandler("UTF-8");
	if (utf8) {
		xmlSwitchToEncoding(ctxt, utf8);
		xmlFree((xmlChar *)ctxt->input->encoding);
		ctxt->input->encoding = xmlStrdup((const xmlChar *)"UTF-8");
	}
	htmlParseDocument(ctxt);
	/* without the tree-building handlers the parser builds no document */
	if (ctxt->myDoc) {
		xmlFreeDoc(ctxt->myDoc);
		ctxt->myDoc = NULL;
	}
}

static void parse_html(struct builder *b, const char *html, size_t len)
{
	htmlSAXHandler sax;

	b->parser = htmlNewParserCtxt();
	if (!b->parser)
		return;
	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_start_element;
	sax.endElement = on_end_element;
	sax.characters = on_characters;
	sax.cdataBlock = on_characters;
	sax.comment = on_comment;
	sax.processingInstruction = on_instruction;
	/* the context owns a handler of its own; ours replaces its contents */
	memcpy(b->parser->sax, &sax, sizeof(sax));
	b->parser->userData = b;
	read_in_place(b->parser, html, (int)len);
	flush_text(b);
	leave_open_elements(b);
	htmlFreeParserCtxt(b->parser);
	b->parser = NULL;
}

struct doc *doc_from_html(const char *html, size_t len, const char *base_url)
{
	struct builder *b = xcalloc(1, sizeof(*b));
	struct doc *d;

	buf_init(&b->text);
	b->cur = -1;
	b->pending_type = DOC_PARAGRAPH;
	b->link = -1;
	b->caption_target = -1;
	b->d = doc_new();
	b->base = base_url && *base_url ? base_url : NULL;
	if (len > HTML_MAX_INPUT)
		len = HTML_MAX_INPUT;
	if (html && len > 0) {
		parse_html(b, html, len);
		close_block(b);
		if (b->table_depth)
			table_end(b);
		doc_drop_unused_links(b->d);
	}
	d = b->d;
	free(b->origin);
	buf_free(&b->text);
	free(b->cells);
	free(b);
	return d;
}
