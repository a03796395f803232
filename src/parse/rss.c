/* RSS 0.90-0.94, 2.0 and 1.0 (RDF). One reader for all: their core elements share names,
 * and RSS 1.0 only moves the items beside the channel instead of inside it. */
#include "core/util.h"
#include "parse/clean.h"
#include "parse/date.h"
#include "parse/internal.h"

#include <string.h>

/* Namespaces whose elements are never RSS core elements. */
static int is_extension(const xmlNode *n)
{
	static const char *const ext[] = {NS_CONTENT, NS_DC,     NS_DCTERMS, NS_MEDIA,
	                                  NS_ITUNES,  NS_ATOM10, NS_RDF};
	if (!n->ns || !n->ns->href)
		return strchr((const char *)n->name, ':') != NULL;
	for (size_t i = 0; i < ARRAY_LEN(ext); i++)
		if (strcmp((const char *)n->ns->href, ext[i]) == 0)
			return 1;
	return 0;
}

/* A core RSS element: no namespace, or the RSS 1.0/0.90 one (or any other default). */
static int rss_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
	       !is_extension(n);
}

static void rss_date(int64_t *field, const xmlNode *n)
{
	char *s = node_text(n);
	if (*field == TIME_UNKNOWN)
		*field = date_parse(s);
	free(s);
}

static void rss_enclosure(struct feed_builder *b, struct parsed_item *it, xmlNode *n)
{
	char *url = node_attr(n, "url"), *type = node_attr(n, "type");
	char *len = node_attr(n, "length"), *abs = node_resolve(b, n, url);

	item_add_enclosure(it, abs, type, len);
	free(url), free(type), free(len), free(abs);
}

static void rss_guid(struct feed_builder *b, struct parsed_item *it, xmlNode *n, char **permalink)
{
	char *guid = node_text(n), *is_permalink = node_attr(n, "isPermaLink");

	if (guid && !it->id) {
		it->id = xstrdup(str_trim(guid));
		/* a guid is a link unless it says otherwise (RSS 2.0) */
		if (!(is_permalink && str_casecmp_ascii(str_trim(is_permalink), "false") == 0) &&
		    (str_starts_with(it->id, "http://") || str_starts_with(it->id, "https://")))
			set_once(permalink, node_resolve(b, n, it->id));
	}
	free(guid), free(is_permalink);
}

static void rss_item(struct feed_builder *b, xmlNode *node)
{
	struct parsed_item *it = builder_add_item(b);
	char *permalink = NULL, *about = NULL;

	for (xmlNode *n = node->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (rss_is(n, "title")) {
			char *text = node_text(n);
			if (text)
				set_once(&it->title, clean_title(text));
			free(text);
		} else if (rss_is(n, "link")) {
			char *text = node_text(n);
			set_once(&it->link, node_resolve(b, n, text));
			free(text);
		} else if (rss_is(n, "description")) {
			set_once(&it->summary, node_html(b, n));
		} else if (rss_is(n, "fullitem")) {
			/* the whole article as escaped HTML, beside a short description */
			set_once(&it->content, node_html(b, n));
		} else if (rss_is(n, "author")) {
			char *text = node_text(n);
			set_once(&it->author, author_display(text));
			free(text);
		} else if (rss_is(n, "category")) {
			char *text = node_text(n);
			item_add_category(it, text);
			free(text);
		} else if (rss_is(n, "pubDate")) {
			rss_date(&it->published, n);
		} else if (rss_is(n, "guid")) {
			rss_guid(b, it, n, &permalink);
		} else if (rss_is(n, "enclosure")) {
			rss_enclosure(b, it, n);
		} else {
			ext_item_element(b, it, n);
		}
	}
	set_once(&it->link, permalink);
	/* RSS 1.0: rdf:about names the item, usually by its link */
	if (!it->id && (about = (char *)xmlGetNsProp(node, (const xmlChar *)"about",
	                                             (const xmlChar *)NS_RDF))) {
		it->id = xstrdup(about);
		xmlFree(about);
	}
	ext_item_done(it);
}

static void rss_channel_field(struct feed_builder *b, xmlNode *n)
{
	struct parsed_feed *f = b->feed;

	if (rss_is(n, "title")) {
		char *text = node_text(n);
		if (text)
			set_once(&f->title, clean_title(text));
		free(text);
	} else if (rss_is(n, "link")) {
		char *text = node_text(n);
		set_once(&f->link, node_resolve(b, n, text));
		free(text);
	} else if (rss_is(n, "description")) {
		set_once(&f->description, node_html(b, n));
	} else if (rss_is(n, "language")) {
		set_once(&f->language, node_text(n));
	} else if (rss_is(n, "managingEditor") || rss_is(n, "webMaster")) {
		char *text = node_text(n);
		set_once(&f->author, author_display(text));
		free(text);
	} else if (rss_is(n, "lastBuildDate")) {
		int64_t t = TIME_UNKNOWN;
		rss_date(&t, n);
		if (t != TIME_UNKNOWN)
			f->updated = t; /* the better "updated" than pubDate */
	} else if (rss_is(n, "pubDate")) {
		rss_date(&f->updated, n);
	} else if (!rss_is(n, "item")) {
		ext_feed_element(b, n);
	}
}

static xmlNode *rss_channel(xmlNode *root)
{
	if (rss_is(root, "channel"))
		return root;
	for (xmlNode *n = root->children; n; n = n->next)
		if (rss_is(n, "channel"))
			return n;
	return NULL;
}

int rss_stream(struct feed_builder *b, xmlNode *root, xmlNode *n)
{
	xmlNode *channel;

	if (b->streaming < 0 || !rss_is(n, "item"))
		return 0;
	channel = rss_channel(root);
	/* items in the channel, or beside it after it (RSS 0.90, 1.0) */
	if (!channel || (n->parent != channel && n->parent != root))
		return 0;
	if (!b->streaming) {
		/* the channel's fields so far: the channel link is the base of the items' links */
		for (xmlNode *c = channel->children, *next; c; c = next) {
			next = c->next;
			if (c->type == XML_ELEMENT_NODE && !rss_is(c, "item")) {
				rss_channel_field(b, c);
				node_drop(c);
			}
		}
		b->streaming = b->feed->link ? 1 : -1;
		if (b->streaming < 0)
			return 0;
		b->fallback = b->feed->link;
	}
	rss_item(b, n);
	return 1;
}

/* No <language>: the xml:lang of the channel or of the root says it (XML 1.0, 2.12). */
static void rss_xml_lang(struct feed_builder *b, xmlNode *channel, xmlNode *root)
{
	xmlChar *lang;

	if (b->feed->language || !(lang = xmlNodeGetLang(channel ? channel : root)))
		return;
	if (*lang)
		b->feed->language = xstrdup((const char *)lang);
	xmlFree(lang);
}

void rss_parse(struct feed_builder *b, xmlNode *root)
{
	xmlNode *channel = rss_channel(root);

	if (channel) {
		for (xmlNode *n = channel->children; n; n = n->next)
			if (n->type == XML_ELEMENT_NODE)
				rss_channel_field(b, n);
		/* relative links of items resolve against the channel link last */
		b->fallback = b->feed->link;
		for (xmlNode *n = channel->children; n; n = n->next)
			if (rss_is(n, "item"))
				rss_item(b, n);
	}
	/* RSS 0.90 and 1.0 put the items beside the channel */
	if (root != channel)
		for (xmlNode *n = root->children; n; n = n->next)
			if (rss_is(n, "item"))
				rss_item(b, n);
	b->fallback = NULL;
	rss_xml_lang(b, channel, root);
}
