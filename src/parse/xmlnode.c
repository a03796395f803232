/* Reading libxml2 trees the way feeds need it. */
#include "core/util.h"
#include "parse/internal.h"
#include "parse/url.h"

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

char *node_inner_xml(struct feed_builder *b, const xmlNode *n)
{
	xmlBufferPtr buf = xmlBufferCreate();
	char *s = NULL;

	if (!buf)
		return NULL;
	for (xmlNode *c = n->children; c; c = c->next)
		xmlNodeDump(buf, b->doc, c, 0, 0);
	if (xmlBufferLength(buf) > 0 && !is_blank((const char *)xmlBufferContent(buf)))
		s = xstrdup((const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
	return s;
}

char *node_html(struct feed_builder *b, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return node_inner_xml(b, n);
	return node_text(n);
}
