/* Helpers over libxml2's HTML tree and the plain-text writer of extracted articles. */
#include "extract/dom.h"
#include "core/text.h"

#include <string.h>

int dom_is(const xmlNode *n, const char *tag)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, tag) == 0;
}

int dom_is_heading(const xmlNode *n)
{
	const char *s;

	if (!n || n->type != XML_ELEMENT_NODE)
		return 0;
	s = (const char *)n->name;
	return s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && s[2] == '\0';
}

static int name_in(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

int dom_is_block(const xmlNode *n)
{
	static const char *const blocks[] = {
	    "address",    "article", "aside",  "blockquote", "body",   "caption", "center",
	    "dd",         "details", "dialog", "div",        "dl",     "dt",      "fieldset",
	    "figcaption", "figure",  "footer", "form",       "h1",     "h2",      "h3",
	    "h4",         "h5",      "h6",     "header",     "hgroup", "hr",      "li",
	    "main",       "nav",     "ol",     "p",          "pre",    "section", "summary",
	    "table",      "tbody",   "tfoot",  "thead",      "tr",     "ul",      NULL};

	return n && n->type == XML_ELEMENT_NODE && name_in((const char *)n->name, blocks);
}

const char *dom_attr(const xmlNode *n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children && a->children->type == XML_TEXT_NODE && !a->children->next)
			return a->children->content ? (const char *)a->children->content : "";
		return "";
	}
	return NULL;
}

xmlNode *dom_first_element(xmlNode *n)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNode *dom_next_element(xmlNode *n)
{
	for (xmlNode *c = n ? n->next : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNode *dom_find(xmlNode *n, const char *tag)
{
	if (!n)
		return NULL;
	if (dom_is(n, tag))
		return n;
	for (xmlNode *c = n->children; c; c = c->next) {
		xmlNode *found;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		found = dom_find(c, tag);
		if (found)
			return found;
	}
	return NULL;
}

static int is_ascii_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Appends s with runs of white space folded to one space, never two spaces in a row. */
static void append_collapsed(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (is_ascii_space((unsigned char)*s)) {
			if (out->len > 0 && out->data[out->len - 1] != ' ')
				buf_putc(out, ' ');
		} else if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) {
			/* a no-break space folds like any other */
			if (out->len > 0 && out->data[out->len - 1] != ' ')
				buf_putc(out, ' ');
			s++;
		} else {
			buf_putc(out, *s);
		}
	}
}

void dom_text_collapsed(const xmlNode *n, struct buf *out)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				append_collapsed(out, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE) {
			if (dom_is_block(c) || dom_is(c, "br"))
				if (out->len > 0 && out->data[out->len - 1] != ' ')
					buf_putc(out, ' ');
			dom_text_collapsed(c, out);
		}
	}
}

char *dom_text(const xmlNode *n)
{
	struct buf b;
	char *s;

	buf_init(&b);
	buf_puts(&b, "");
	dom_text_collapsed(n, &b);
	s = buf_steal(&b);
	str_trim(s);
	return s;
}

void dom_remove(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* The plain-text writer: text runs collapse their white space; a block boundary asks for a
 * paragraph break, a <br> or list item for a line break; breaks are written lazily so that
 * no run of them, and no trailing one, survives. */
struct text_writer {
	struct buf *out;
	int pending; /* 0 none, 1 line break, 2 paragraph break */
	int in_pre;
};

static void writer_break(struct text_writer *w, int level)
{
	if (level > w->pending)
		w->pending = level;
}

static void writer_flush_break(struct text_writer *w)
{
	struct buf *out = w->out;

	if (w->pending == 0 || out->len == 0) {
		w->pending = 0;
		return;
	}
	while (out->len > 0 && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
	buf_puts(out, w->pending == 2 ? "\n\n" : "\n");
	w->pending = 0;
}

static void writer_text(struct text_writer *w, const char *s)
{
	struct buf *out = w->out;

	if (w->in_pre) {
		if (*s)
			writer_flush_break(w);
		buf_puts(out, s);
		return;
	}
	for (; *s; s++) {
		int space = is_ascii_space((unsigned char)*s);

		if (!space && (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) {
			space = 1;
			s++;
		}
		if (space) {
			if (out->len > 0 && w->pending == 0 && out->data[out->len - 1] != ' ' &&
			    out->data[out->len - 1] != '\n')
				buf_putc(out, ' ');
			continue;
		}
		writer_flush_break(w);
		buf_putc(out, *s);
	}
}

static void writer_node(struct text_writer *w, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		int block, pre;

		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				writer_text(w, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (dom_is(c, "br")) {
			writer_break(w, 1);
			continue;
		}
		block = dom_is_block(c);
		pre = dom_is(c, "pre");
		if (block)
			writer_break(w, dom_is(c, "li") || dom_is(c, "tr") || dom_is(c, "dd") ||
			                        dom_is(c, "dt")
			                    ? 1
			                    : 2);
		else if (dom_is(c, "td") || dom_is(c, "th"))
			writer_text(w, " ");
		w->in_pre += pre;
		writer_node(w, c);
		w->in_pre -= pre;
		if (block)
			writer_break(w, dom_is(c, "li") || dom_is(c, "tr") ? 1 : 2);
	}
}

void dom_to_text(const xmlNode *n, struct buf *out)
{
	struct text_writer w = {out, 0, 0};

	writer_node(&w, n);
	while (out->len > 0 && (out->data[out->len - 1] == ' ' || out->data[out->len - 1] == '\n'))
		out->data[--out->len] = '\0';
}

int str_contains_any_ci(const char *haystack, const char *const *needles)
{
	char small[512];
	size_t len = strlen(haystack);
	char *lower = len < sizeof(small) ? small : xmalloc(len + 1);
	int found = 0;

	for (size_t i = 0; i <= len; i++) {
		char c = haystack[i];
		lower[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	for (; *needles && !found; needles++)
		found = strstr(lower, *needles) != NULL;
	if (lower != small)
		free(lower);
	return found;
}
