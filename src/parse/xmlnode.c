/* Reading libxml2 trees the way feeds need it. */
#include "core/text.h"
#include "core/util.h"
#include "parse/internal.h"
#include "core/url.h"

#include <libxml/globals.h>
#include <stdlib.h>
#include <string.h>

/* Prefixes feeds use without declaring them, and the namespaces they mean. */
static const char *prefix_namespace(const char *prefix, size_t len)
{
	static const struct {
		const char *prefix, *ns;
	} known[] = {
	    {"content", NS_CONTENT}, {"dc", NS_DC},         {"dcterms", NS_DCTERMS},
	    {"media", NS_MEDIA},     {"itunes", NS_ITUNES}, {"atom", NS_ATOM10},
	    {"rdf", NS_RDF},
	};
	for (size_t i = 0; i < ARRAY_LEN(known); i++)
		if (strlen(known[i].prefix) == len && memcmp(known[i].prefix, prefix, len) == 0)
			return known[i].ns;
	return NULL;
}

int node_is(const xmlNode *n, const char *ns, const char *name)
{
	const char *nn;

	if (!n || n->type != XML_ELEMENT_NODE)
		return 0;
	nn = (const char *)n->name;
	if (n->ns && n->ns->href)
		/* case-insensitive: feeds write the iTunes namespace in several spellings */
		return ns && strcmp(nn, name) == 0 &&
		       str_casecmp_ascii((const char *)n->ns->href, ns) == 0;
	if (!ns)
		return strcmp(nn, name) == 0;
	const char *colon = strchr(nn, ':');
	if (!colon || strcmp(colon + 1, name) != 0)
		return 0;
	const char *pns = prefix_namespace(nn, (size_t)(colon - nn));
	return pns && strcmp(pns, ns) == 0;
}

xmlNode *node_child(const xmlNode *n, const char *ns, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (node_is(c, ns, name))
			return c;
	return NULL;
}

static int is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

char *node_text(const xmlNode *n)
{
	const xmlNode *c = n ? n->children : NULL;
	char *s;

	if (!c)
		return NULL;
	if (!c->next && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)) {
		if (!c->content || is_blank((const char *)c->content))
			return NULL;
		return xstrdup((const char *)c->content);
	}
	xmlChar *t = xmlNodeGetContent(n);
	if (!t)
		return NULL;
	s = is_blank((const char *)t) ? NULL : xstrdup((const char *)t);
	xmlFree(t);
	return s;
}

char *node_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next) {
		if (a->ns || strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children && !a->children->next && a->children->content)
			return xstrdup((const char *)a->children->content);
		xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
		char *s = xstrdup(v ? (const char *)v : "");
		xmlFree(v);
		return s;
	}
	return NULL;
}

char *node_resolve(struct feed_builder *b, const xmlNode *n, const char *ref)
{
	xmlChar *base;
	char *out;

	if (!ref)
		return NULL;
	if (url_is_absolute(ref) || !b->doc)
		return url_resolve(b->fallback, ref);
	base = xmlNodeGetBase(b->doc, n);
	if (!base)
		return url_resolve(b->fallback, ref);
	if (url_is_absolute((const char *)base)) {
		out = url_resolve((const char *)base, ref);
	} else {
		/* a relative xml:base with no document URL: relative to the channel link */
		char *abs_base = url_resolve(b->fallback, (const char *)base);
		out = url_resolve(abs_base, ref);
		free(abs_base);
	}
	xmlFree(base);
	return out;
}

/* The serialisation below writes what libxml2's xmlNodeDump writes (format 0), without its
 * output buffer machinery: escaping as it does, namespace declarations where the tree has
 * them, empty elements as <x/>. */

/* Text content: '&', '<', '>' and CR escaped. */
static void put_text(struct buf *out, const char *s)
{
	for (;;) {
		size_t run = strcspn(s, "&<>\r");
		buf_append(out, s, run);
		s += run;
		switch (*s) {
		case '\0':
			return;
		case '&':
			buf_append(out, "&amp;", 5);
			break;
		case '<':
			buf_append(out, "&lt;", 4);
			break;
		case '>':
			buf_append(out, "&gt;", 4);
			break;
		default:
			buf_append(out, "&#13;", 5);
		}
		s++;
	}
}

/* Attribute text: also quotes and white space other than the space escaped; characters
 * past ASCII as references when the document declared no encoding. */
static void put_attr_text(struct buf *out, const char *s, int ascii_only)
{
	for (;;) {
		size_t run = 0;
		while (s[run] && !strchr("&<>\"\n\r\t", s[run]) &&
		       !(ascii_only && (unsigned char)s[run] >= 0x80))
			run++;
		buf_append(out, s, run);
		s += run;
		switch (*s) {
		case '\0':
			return;
		case '&':
			buf_append(out, "&amp;", 5);
			break;
		case '<':
			buf_append(out, "&lt;", 4);
			break;
		case '>':
			buf_append(out, "&gt;", 4);
			break;
		case '"':
			buf_append(out, "&quot;", 6);
			break;
		case '\n':
			buf_append(out, "&#10;", 5);
			break;
		case '\r':
			buf_append(out, "&#13;", 5);
			break;
		case '\t':
			buf_append(out, "&#9;", 4);
			break;
		default: {
			uint32_t cp;
			size_t n = utf8_decode(s, strlen(s), &cp);
			if (cp == UNICODE_REPLACEMENT && n == 1)
				cp = (unsigned char)*s;
			buf_printf(out, "&#x%X;", (unsigned)cp);
			s += n;
			continue;
		}
		}
		s++;
	}
}

/* A namespace URI in quotes: double ones unless it holds '"' but no '\''. */
static void put_quoted(struct buf *out, const char *s)
{
	if (!strchr(s, '"')) {
		buf_putc(out, '"');
		buf_puts(out, s);
		buf_putc(out, '"');
	} else if (!strchr(s, '\'')) {
		buf_putc(out, '\'');
		buf_puts(out, s);
		buf_putc(out, '\'');
	} else {
		buf_putc(out, '"');
		for (; *s; s++)
			if (*s == '"')
				buf_puts(out, "&quot;");
			else
				buf_putc(out, *s);
		buf_putc(out, '"');
	}
}

/* Markup in the XHTML namespace is written as HTML reads it: "<xhtml:p>" is a <p>. */
static void put_name(struct buf *out, const xmlNs *ns, const xmlChar *name)
{
	if (ns && ns->prefix && !(ns->href && strcmp((const char *)ns->href, NS_XHTML) == 0)) {
		buf_puts(out, (const char *)ns->prefix);
		buf_putc(out, ':');
	}
	buf_puts(out, (const char *)name);
}

static void put_start_tag(struct buf *out, const xmlNode *n, int ascii_only)
{
	buf_putc(out, '<');
	put_name(out, n->ns, n->name);
	for (const xmlNs *ns = n->nsDef; ns; ns = ns->next) {
		if (ns->type != XML_LOCAL_NAMESPACE || !ns->href ||
		    (ns->prefix && strcmp((const char *)ns->prefix, "xml") == 0))
			continue;
		buf_puts(out, " xmlns");
		if (ns->prefix) {
			buf_putc(out, ':');
			buf_puts(out, (const char *)ns->prefix);
		}
		buf_putc(out, '=');
		put_quoted(out, (const char *)ns->href);
	}
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		buf_putc(out, ' ');
		put_name(out, a->ns, a->name);
		buf_puts(out, "=\"");
		for (const xmlNode *c = a->children; c; c = c->next) {
			if (c->type == XML_TEXT_NODE && c->content) {
				put_attr_text(out, (const char *)c->content, ascii_only);
			} else if (c->type == XML_ENTITY_REF_NODE) {
				buf_putc(out, '&');
				buf_puts(out, (const char *)c->name);
				buf_putc(out, ';');
			}
		}
		buf_putc(out, '"');
	}
}

static void put_node(struct buf *out, const xmlNode *n, int ascii_only)
{
	const char *content = (const char *)n->content;

	switch (n->type) {
	case XML_ELEMENT_NODE:
		put_start_tag(out, n, ascii_only);
		if (!n->children) {
			buf_puts(out, "/>");
			break;
		}
		buf_putc(out, '>');
		for (const xmlNode *c = n->children; c; c = c->next)
			put_node(out, c, ascii_only);
		buf_puts(out, "</");
		put_name(out, n->ns, n->name);
		buf_putc(out, '>');
		break;
	case XML_TEXT_NODE:
		if (content)
			put_text(out, content);
		break;
	case XML_CDATA_SECTION_NODE:
		buf_puts(out, "<![CDATA[");
		buf_puts(out, content ? content : "");
		buf_puts(out, "]]>");
		break;
	case XML_COMMENT_NODE:
		if (content) {
			buf_puts(out, "<!--");
			buf_puts(out, content);
			buf_puts(out, "-->");
		}
		break;
	case XML_PI_NODE:
		buf_puts(out, "<?");
		buf_puts(out, (const char *)n->name);
		if (content) {
			buf_putc(out, ' ');
			buf_puts(out, content);
		}
		buf_puts(out, "?>");
		break;
	case XML_ENTITY_REF_NODE:
		buf_putc(out, '&');
		buf_puts(out, (const char *)n->name);
		buf_putc(out, ';');
		break;
	default:
		break;
	}
}

char *node_inner_xml(struct feed_builder *b, const xmlNode *n)
{
	/* like xmlNodeDump: a document without an encoding gets ASCII attributes. While it is
	 * parsed, the encoding is still where the parser keeps it until the end. */
	xmlParserCtxtPtr p = b->parser;
	int ascii_only = !(b->doc && b->doc->encoding) &&
	                 !(p && (p->encoding || (p->inputNr > 0 && p->inputTab[0]->encoding)));
	struct buf out;

	buf_init(&out);
	for (const xmlNode *c = n->children; c; c = c->next)
		put_node(&out, c, ascii_only);
	if (out.len > 0 && !is_blank(out.data))
		return buf_steal(&out);
	buf_free(&out);
	return NULL;
}

/* The text of a lone text child moved out of the tree when libxml2 allocated it with our
 * allocator (not in its dictionary, not inside the node): bodies are most of a feed, and
 * a copy of each would cost as much as the rest of the reading. */
static char *take_content(xmlNode *c)
{
	char *s = (char *)c->content;

	if (xmlFree != (xmlFreeFunc)free || s == (char *)&c->properties ||
	    (c->doc && c->doc->dict && xmlDictOwns(c->doc->dict, c->content)))
		return xstrdup(s);
	c->content = NULL;
	return s;
}

char *node_take_text(xmlNode *n)
{
	xmlNode *c = n ? n->children : NULL;

	if (c && !c->next && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE))
		return c->content && !is_blank((const char *)c->content) ? take_content(c) : NULL;
	return node_text(n);
}

char *node_html(struct feed_builder *b, xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return node_inner_xml(b, n);
	return node_take_text(n);
}
