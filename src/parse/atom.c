/* Atom 1.0 and 0.3 (and an Atom document without its namespace). */
#include "core/text.h"
#include "core/util.h"
#include "parse/clean.h"
#include "parse/date.h"
#include "parse/internal.h"
#include "core/url.h"

#include <string.h>

/* The namespace of this document's Atom elements (NULL when the document has none). */
struct atom {
	struct feed_builder *b;
	const char *ns;
};

static int atom_is(const struct atom *a, const xmlNode *n, const char *name)
{
	return node_is(n, a->ns, name);
}

enum atom_kind { ATOM_TEXT, ATOM_HTML, ATOM_XHTML };

/* Atom 1.0 type="text|html|xhtml"; Atom 0.3 MIME types and mode="xml|escaped|base64". */
static enum atom_kind atom_kind(const xmlNode *n, char **decoded)
{
	char *type = node_attr(n, "type"), *mode = node_attr(n, "mode");
	enum atom_kind kind = ATOM_TEXT;

	*decoded = NULL;
	if (type) {
		if (strcmp(type, "html") == 0 || strcmp(type, "text/html") == 0)
			kind = ATOM_HTML;
		else if (strcmp(type, "xhtml") == 0 || strcmp(type, "application/xhtml+xml") == 0)
			kind = ATOM_XHTML;
	}
	/* Atom 1.0: a MIME type that is neither text nor XML means base64 content */
	int binary = type && strchr(type, '/') && str_ncasecmp_ascii(type, "text/", 5) != 0 &&
	             !strstr(type, "xml");
	if ((mode && strcmp(mode, "base64") == 0) || binary) {
		char *text = node_text(n);
		*decoded = text ? base64_decode(text) : NULL;
		free(text);
		/* only what decodes to text is taken: a custom type over plain text is text */
		if (*decoded && !utf8_is_valid(*decoded, strlen(*decoded))) {
			free(*decoded);
			*decoded = NULL;
		} else if (*decoded && (kind == ATOM_XHTML || binary)) {
			kind = ATOM_HTML; /* decoded markup is a string now */
		}
	} else if (mode && strcmp(mode, "xml") == 0) {
		kind = ATOM_XHTML;
	} else if (mode && strcmp(mode, "escaped") == 0 && kind == ATOM_TEXT && type) {
		kind = ATOM_HTML;
	}
	free(type), free(mode);
	return kind;
}

/* Inline XHTML: the content of the wrapping div (or of the element when there is none). */
static char *atom_xhtml(struct atom *a, const xmlNode *n)
{
	const xmlNode *div = NULL;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			div = strcmp((const char *)c->name, "div") == 0 && !div ? c : NULL;
			if (!div)
				break;
		}
	return node_inner_xml(a->b, div ? div : n);
}

/* A text construct as HTML (summary, content); reads n once. */
static char *atom_html(struct atom *a, xmlNode *n)
{
	char *decoded, *text, *out;
	enum atom_kind kind = atom_kind(n, &decoded);

	if (kind == ATOM_XHTML)
		return atom_xhtml(a, n);
	text = decoded ? decoded : node_take_text(n);
	if (kind == ATOM_HTML || !text)
		return text;
	out = text_to_html(text);
	free(text);
	return out;
}

/* A text construct as plain text (titles). */
static char *atom_plain(struct atom *a, const xmlNode *n)
{
	char *decoded, *text, *out;
	enum atom_kind kind = atom_kind(n, &decoded);

	text = kind == ATOM_XHTML ? atom_xhtml(a, n) : decoded ? decoded : node_text(n);
	if (!text)
		return NULL;
	out = kind == ATOM_TEXT ? clean_text(text) : clean_html_to_plain(text);
	free(text);
	return out;
}

static void atom_date(int64_t *field, const xmlNode *n)
{
	char *s = node_text(n);
	if (*field == TIME_UNKNOWN)
		*field = date_parse(s);
	free(s);
}

static char *atom_person(struct atom *a, const xmlNode *n)
{
	char *name = node_text(node_child(n, a->ns, "name")), *out;
	if (!name)
		name = node_text(node_child(n, a->ns, "email"));
	if (!name && n->children && !n->children->next)
		name = node_text(n); /* <author>Name</author>, not valid Atom but seen */
	out = author_display(name);
	free(name);
	return out;
}

/* link rel="alternate" (or no rel) is the item's link; rel="enclosure" an enclosure. */
static void atom_link(struct atom *a, const xmlNode *n, char **link, struct parsed_item *it)
{
	char *rel = node_attr(n, "rel"), *href = node_attr(n, "href");
	char *abs = node_resolve(a->b, n, href);

	if (!rel || strcmp(rel, "alternate") == 0 ||
	    strcmp(rel, "http://www.iana.org/assignments/relation/alternate") == 0) {
		set_once(link, abs);
		abs = NULL;
	} else if (it && strcmp(rel, "enclosure") == 0) {
		char *type = node_attr(n, "type"), *len = node_attr(n, "length");
		item_add_enclosure(it, abs, type, len);
		free(type), free(len);
	}
	free(rel), free(href), free(abs);
}

/* An id is an IRI (RFC 4287 4.2.6); one written relative ("entry/1") is a reference that
 * xml:base resolves like any other (RFC 4287 2, XML Base): an entry's id is the same
 * wherever the feed is fetched from, because only the xml:base in the document, never the
 * document's own URL, takes part. */
static char *atom_id(const xmlNode *n)
{
	char *id = node_text(n), *abs = NULL;

	if (!id || url_is_absolute(str_trim(id)))
		return id;
	/* the nearest xml:base, and those above it while it is relative */
	for (const xmlNode *e = n; e && e->type == XML_ELEMENT_NODE; e = e->parent) {
		xmlChar *base = xmlGetNsProp(e, (const xmlChar *)"base", (const xmlChar *)NS_XML);
		char *next;
		if (!base)
			continue;
		next = url_resolve((const char *)base, abs ? abs : id);
		xmlFree(base);
		free(abs);
		abs = next;
		if (abs && url_is_absolute(abs))
			break;
	}
	if (!abs || !url_is_absolute(abs)) {
		free(abs);
		return id;
	}
	free(id);
	return abs;
}

static void atom_entry(struct atom *a, xmlNode *entry)
{
	struct parsed_item *it = builder_add_item(a->b);

	for (xmlNode *n = entry->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (atom_is(a, n, "title")) {
			set_once(&it->title, atom_plain(a, n));
		} else if (atom_is(a, n, "link")) {
			atom_link(a, n, &it->link, it);
		} else if (atom_is(a, n, "id")) {
			set_once(&it->id, atom_id(n));
		} else if (atom_is(a, n, "published") || atom_is(a, n, "issued") ||
		           atom_is(a, n, "created")) {
			atom_date(&it->published, n);
		} else if (atom_is(a, n, "updated") || atom_is(a, n, "modified")) {
			atom_date(&it->updated, n);
		} else if (atom_is(a, n, "summary")) {
			set_once(&it->summary, atom_html(a, n));
		} else if (atom_is(a, n, "content")) {
			char *src = node_attr(n, "src");
			if (src) /* out-of-line content: a link, not a body */
				set_once(&it->link, node_resolve(a->b, n, src));
			else
				set_once(&it->content, atom_html(a, n));
			free(src);
		} else if (atom_is(a, n, "author")) {
			set_once(&it->author, atom_person(a, n));
		} else if (atom_is(a, n, "category")) {
			/* the term is the category (RFC 4287 4.2.2.1): what a feed's entries
			 * share and what a filter or a tag names; the label only a way to show it,
			 * taken when there is no term */
			char *term = node_attr(n, "term");
			if (!term || !*term) {
				free(term);
				term = node_attr(n, "label");
			}
			item_add_category(it, term);
			free(term);
		} else {
			ext_item_element(a->b, it, n);
		}
	}
	ext_item_done(it);
}

static void atom_feed_field(struct atom *a, xmlNode *n)
{
	struct parsed_feed *f = a->b->feed;

	if (atom_is(a, n, "title")) {
		set_once(&f->title, atom_plain(a, n));
	} else if (atom_is(a, n, "link")) {
		atom_link(a, n, &f->link, NULL);
	} else if (atom_is(a, n, "subtitle") || atom_is(a, n, "tagline")) {
		set_once(&f->description, atom_html(a, n));
	} else if (atom_is(a, n, "updated") || atom_is(a, n, "modified")) {
		atom_date(&f->updated, n);
	} else if (atom_is(a, n, "author")) {
		set_once(&f->author, atom_person(a, n));
	} else if (!atom_is(a, n, "entry")) {
		ext_feed_element(a->b, n);
	}
}

int atom_stream(struct feed_builder *b, xmlNode *root, xmlNode *n)
{
	struct atom a = {b, root->ns ? (const char *)root->ns->href : NULL};

	if (b->streaming < 0 || n->parent != root || !atom_is(&a, n, "entry"))
		return 0;
	if (!b->streaming) {
		/* the feed's fields so far: the feed link is the base of the entries' links */
		for (xmlNode *c = root->children, *next; c; c = next) {
			next = c->next;
			if (c->type == XML_ELEMENT_NODE && !atom_is(&a, c, "entry")) {
				atom_feed_field(&a, c);
				node_drop(c);
			}
		}
		b->streaming = b->feed->link ? 1 : -1;
		if (b->streaming < 0)
			return 0;
		b->fallback = b->feed->link;
	}
	atom_entry(&a, n);
	return 1;
}

void atom_parse(struct feed_builder *b, xmlNode *root)
{
	struct atom a = {b, root->ns ? (const char *)root->ns->href : NULL};
	xmlChar *lang = xmlNodeGetLang(root);

	if (lang) {
		b->feed->language = xstrdup((const char *)lang);
		xmlFree(lang);
	}
	for (xmlNode *n = root->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			atom_feed_field(&a, n);
	b->fallback = b->feed->link;
	for (xmlNode *n = root->children; n; n = n->next)
		if (atom_is(&a, n, "entry"))
			atom_entry(&a, n);
	b->fallback = NULL;
	/* an entry without an author has the feed's (RFC 4287 4.2.1), wherever the feed's
	 * author is written */
	for (int i = 0; i < b->feed->item_count && b->feed->author; i++)
		if (!b->feed->items[i].author)
			b->feed->items[i].author = xstrdup(b->feed->author);
}
