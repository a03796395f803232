/* Feed extensions, read the same way in RSS 2.0, RSS 1.0 and Atom: Dublin Core,
 * content:encoded, Media RSS, iTunes and Atom elements inside RSS. */
#include "core/util.h"
#include "parse/clean.h"
#include "parse/date.h"
#include "parse/internal.h"

#include <ctype.h>
#include <string.h>

static void set_date(int64_t *field, const xmlNode *n)
{
	char *s;
	if (*field != TIME_UNKNOWN)
		return;
	s = node_text(n);
	*field = date_parse(s);
	free(s);
}

/* itunes:duration: "H:MM:SS", "MM:SS" or seconds; 0 when it is none of them. */
static int64_t parse_duration(const char *s)
{
	int64_t total = 0, part;
	int fields = 0;

	if (!s)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	while (isdigit((unsigned char)*s)) {
		for (part = 0; isdigit((unsigned char)*s) && part < 100000000; s++)
			part = part * 10 + (*s - '0');
		total = total * 60 + part;
		if (++fields > 3)
			return 0;
		if (*s != ':')
			break;
		s++;
	}
	if (*s == '.') /* fractions of a second */
		for (s++; isdigit((unsigned char)*s); s++)
			;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return fields && !*s ? total : 0;
}

static int is_image_type(const char *type)
{
	return type && str_ncasecmp_ascii(type, "image/", 6) == 0;
}

static void media_content(struct feed_builder *b, struct parsed_item *it, xmlNode *n)
{
	char *url = node_attr(n, "url"), *type = node_attr(n, "type");
	char *medium = node_attr(n, "medium"), *size = node_attr(n, "fileSize");
	char *duration = node_attr(n, "duration");

	if (!it->duration)
		it->duration = parse_duration(duration);
	free(duration);
	char *abs = node_resolve(b, n, url);

	if (abs) {
		int image = is_image_type(type) || (medium && strcmp(medium, "image") == 0);
		if (image && !it->image)
			it->image = xstrdup(abs);
		item_add_enclosure(it, abs, type, size);
	}
	for (xmlNode *c = n->children; c; c = c->next)
		ext_item_element(b, it, c);
	free(url), free(type), free(medium), free(size), free(abs);
}

static int media_element(struct feed_builder *b, struct parsed_item *it, xmlNode *n)
{
	if (node_is(n, NS_MEDIA, "content")) {
		media_content(b, it, n);
	} else if (node_is(n, NS_MEDIA, "group")) {
		for (xmlNode *c = n->children; c; c = c->next)
			ext_item_element(b, it, c);
	} else if (node_is(n, NS_MEDIA, "thumbnail")) {
		char *url = node_attr(n, "url");
		set_once(&it->image, node_resolve(b, n, url));
		free(url);
	} else if (node_is(n, NS_MEDIA, "description")) {
		char *text = node_text(n), *type = node_attr(n, "type");
		if (text && !(type && strcmp(type, "html") == 0))
			set_once(&it->summary, html_escape(text));
		else
			set_once(&it->summary, text ? xstrdup(text) : NULL);
		free(text), free(type);
	} else if (node_is(n, NS_MEDIA, "title")) {
		char *text = node_text(n);
		if (text)
			set_once(&it->title, clean_title(text));
		free(text);
	} else if (node_is(n, NS_MEDIA, "keywords")) {
		char *text = node_text(n), *save = NULL;
		for (char *k = text ? strtok_r(text, ",", &save) : NULL; k;
		     k = strtok_r(NULL, ",", &save))
			item_add_category(it, k);
		free(text);
	} else {
		return 0;
	}
	return 1;
}

static int itunes_element(struct feed_builder *b, struct parsed_item *it, xmlNode *n)
{
	if (node_is(n, NS_ITUNES, "image")) {
		char *href = node_attr(n, "href");
		set_once(&it->image, node_resolve(b, n, href));
		free(href);
	} else if (node_is(n, NS_ITUNES, "author")) {
		char *text = node_text(n);
		set_once(&it->author, author_display(text));
		free(text);
	} else if (node_is(n, NS_ITUNES, "duration")) {
		char *text = node_text(n);
		if (!it->duration)
			it->duration = parse_duration(text);
		free(text);
	} else if (node_is(n, NS_ITUNES, "keywords")) {
		char *text = node_text(n), *save = NULL;
		for (char *k = text ? strtok_r(text, ",", &save) : NULL; k;
		     k = strtok_r(NULL, ",", &save))
			item_add_category(it, k);
		free(text);
	} else if (node_is(n, NS_ITUNES, "summary") || node_is(n, NS_ITUNES, "subtitle")) {
		char *text = node_text(n);
		set_once(&it->summary, html_escape(text));
		free(text);
	} else {
		return 0;
	}
	return 1;
}

/* Atom elements inside an RSS item (atom:link, atom:updated, atom:author...). */
static int atom_in_rss(struct feed_builder *b, struct parsed_item *it, xmlNode *n)
{
	if (node_is(n, NS_ATOM10, "link")) {
		char *rel = node_attr(n, "rel"), *href = node_attr(n, "href");
		if (!rel || strcmp(rel, "alternate") == 0) {
			set_once(&it->link, node_resolve(b, n, href));
		} else if (strcmp(rel, "enclosure") == 0) {
			char *type = node_attr(n, "type"), *len = node_attr(n, "length");
			char *abs = node_resolve(b, n, href);
			item_add_enclosure(it, abs, type, len);
			free(type), free(len), free(abs);
		}
		free(rel), free(href);
	} else if (node_is(n, NS_ATOM10, "updated")) {
		set_date(&it->updated, n);
	} else if (node_is(n, NS_ATOM10, "published")) {
		set_date(&it->published, n);
	} else if (node_is(n, NS_ATOM10, "author")) {
		char *name = node_text(node_child(n, NS_ATOM10, "name"));
		if (!name)
			name = node_text(node_child(n, NS_ATOM10, "email"));
		set_once(&it->author, author_display(name));
		free(name);
	} else if (node_is(n, NS_ATOM10, "content")) {
		set_once(&it->content, node_html(b, n));
	} else if (node_is(n, NS_ATOM10, "summary")) {
		set_once(&it->summary, node_html(b, n));
	} else if (node_is(n, NS_ATOM10, "id")) {
		set_once(&it->id, node_text(n));
	} else if (node_is(n, NS_ATOM10, "category")) {
		char *term = node_attr(n, "term");
		item_add_category(it, term);
		free(term);
	} else {
		return 0;
	}
	return 1;
}

int ext_item_element(struct feed_builder *b, struct parsed_item *it, xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	if (node_is(n, NS_CONTENT, "encoded")) {
		set_once(&it->content, node_html(b, n));
	} else if (node_is(n, NS_XHTML, "body") || node_is(n, NS_XHTML, "div")) {
		/* the item's body as XHTML markup written inline (<body xmlns="...xhtml">,
		 * <xhtml:body>): its content is the HTML */
		set_once(&it->content, node_inner_xml(b, n));
	} else if (node_is(n, NS_DC, "creator") || node_is(n, NS_DC, "author")) {
		char *text = node_text(n);
		set_once(&it->author, author_display(text));
		free(text);
	} else if (node_is(n, NS_DC, "date")) {
		/* the one date of RSS 1.0 items: when published, and last changed */
		set_date(&it->published, n);
		set_date(&it->updated, n);
	} else if (node_is(n, NS_DCTERMS, "issued") || node_is(n, NS_DCTERMS, "created")) {
		set_date(&it->published, n);
	} else if (node_is(n, NS_DCTERMS, "modified")) {
		set_date(&it->updated, n);
	} else if (node_is(n, NS_DC, "subject")) {
		char *text = node_text(n);
		item_add_category(it, text);
		free(text);
	} else if (node_is(n, NS_DC, "title")) {
		char *text = node_text(n);
		if (text)
			set_once(&it->title, clean_title(text));
		free(text);
	} else if (node_is(n, NS_DC, "description")) {
		set_once(&it->summary, node_html(b, n));
	} else if (node_is(n, NS_DC, "identifier")) {
		set_once(&it->id, node_text(n));
	} else if (media_element(b, it, n) || itunes_element(b, it, n) || atom_in_rss(b, it, n)) {
		return 1;
	} else {
		return 0;
	}
	return 1;
}

int ext_feed_element(struct feed_builder *b, xmlNode *n)
{
	struct parsed_feed *f = b->feed;

	if (node_is(n, NS_DC, "creator") || node_is(n, NS_DC, "author") ||
	    node_is(n, NS_ITUNES, "author") || node_is(n, NS_DC, "publisher")) {
		char *text = node_text(n);
		set_once(&f->author, author_display(text));
		free(text);
	} else if (node_is(n, NS_DC, "language")) {
		set_once(&f->language, node_text(n));
	} else if (node_is(n, NS_DC, "date") || node_is(n, NS_DCTERMS, "modified") ||
	           node_is(n, NS_ATOM10, "updated")) {
		set_date(&f->updated, n);
	} else if (node_is(n, NS_DC, "title")) {
		char *text = node_text(n);
		if (text)
			set_once(&f->title, clean_title(text));
		free(text);
	} else if (node_is(n, NS_DC, "description") || node_is(n, NS_ITUNES, "summary") ||
	           node_is(n, NS_ITUNES, "subtitle")) {
		set_once(&f->description, node_html(b, n));
	} else if (node_is(n, NS_ATOM10, "link")) {
		char *rel = node_attr(n, "rel"), *href = node_attr(n, "href");
		if (!rel || strcmp(rel, "alternate") == 0)
			set_once(&f->link, node_resolve(b, n, href));
		free(rel), free(href);
	} else {
		return 0;
	}
	return 1;
}

void ext_item_done(struct parsed_item *it)
{
	for (int i = 0; i < it->enclosure_count && !it->image; i++)
		if (is_image_type(it->enclosures[i].type))
			it->image = xstrdup(it->enclosures[i].url);
}
