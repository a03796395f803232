/* Shared by the format parsers of the parse stage (not part of its interface). */
#ifndef TIDINGS_PARSE_INTERNAL_H
#define TIDINGS_PARSE_INTERNAL_H

#include "parse/feed.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#define NS_ATOM10 "http://www.w3.org/2005/Atom"
#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS10 "http://purl.org/rss/1.0/"
#define NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_MEDIA "http://search.yahoo.com/mrss/"
#define NS_ITUNES "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_XML "http://www.w3.org/XML/1998/namespace"
#define NS_XHTML "http://www.w3.org/1999/xhtml"

/* A feed being built: the model plus what the parsers need along the way. */
struct feed_builder {
	struct parsed_feed *feed;
	int item_cap;
	/* Items past max_items are read into `spill`, which is emptied each time, and counted:
	 * memory stays that of the items kept, however many the document has. */
	int max_items;
	long skipped;
	struct parsed_item spill;
	xmlDocPtr doc;        /* NULL for JSON Feed */
	const char *doc_url;  /* the document's URL, or NULL */
	const char *fallback; /* the channel's link: the base of last resort, or NULL */
	/* Streaming: items are read as soon as they end, and their subtree freed, so that the
	 * tree holds one item at a time (its text is still in the cache when it is cleaned, the
	 * heap stays small). 0 until the first item ends, then 1, or -1 when the items need
	 * fields of the channel that come after them and wait for the whole tree. */
	int streaming;
	int kind; /* while parsing: what the root element makes of the document (feed_kind) */
	xmlParserCtxtPtr parser; /* while the document is being parsed, else NULL */
};

/* Starts a builder with an empty feed. */
void builder_init(struct feed_builder *b, const char *doc_url);
/* Frees n and its subtree, taking it out of the tree. */
void node_drop(xmlNode *n);

/* A new item at the end of the feed, or, past max_items, the spill item (not kept). */
struct parsed_item *builder_add_item(struct feed_builder *b);
/* Frees what the last skipped item held. */
void builder_drop_spill(struct feed_builder *b);
/* Adds a category unless blank or already there (takes a plain-text string). */
void item_add_category(struct parsed_item *it, const char *name);
/* Adds an enclosure unless its URL is blank or already there; url is absolute already. */
void item_add_enclosure(struct parsed_item *it, const char *url, const char *type,
                        const char *length);
/* Stores value in *field when it is still empty; frees value otherwise. */
void set_once(char **field, char *value);
/* Replaces *field with value (freeing the old one) when value is not NULL. */
void set_replace(char **field, char *value);

/* Element test: local name and namespace (NULL for none). Elements written with a prefix
 * that was never declared ("content:encoded" without xmlns:content) match by the usual
 * prefix, because feeds do that and libxml2 keeps them under their full name. */
int node_is(const xmlNode *n, const char *ns, const char *name);
/* The text content of n, or NULL when it is empty or blank. */
char *node_text(const xmlNode *n);
/* Attribute without a namespace, or NULL. */
char *node_attr(const xmlNode *n, const char *name);
/* ref resolved against n's xml:base, the document URL and the channel link in that order. */
char *node_resolve(struct feed_builder *b, const xmlNode *n, const char *ref);
/* The inner markup of n serialised (xhtml content), or NULL when empty. */
char *node_inner_xml(struct feed_builder *b, const xmlNode *n);
/* The same, for a node read once: its text may be moved out of the tree, not copied. */
char *node_take_text(xmlNode *n);
/* HTML carried by n: escaped or CDATA text, or markup written inline (serialised). Reads n
 * once (node_take_text). */
char *node_html(struct feed_builder *b, xmlNode *n);
/* First child element matching node_is, or NULL. */
xmlNode *node_child(const xmlNode *n, const char *ns, const char *name);

/* Cleans every string of the model, derives item ids and keeps them unique. */
void feed_finish(struct parsed_feed *feed);

/* Extensions shared by RSS and Atom items (Dublin Core, content:encoded, Media RSS,
 * iTunes, Atom elements inside RSS). Returns 1 when n was one of them. */
int ext_item_element(struct feed_builder *b, struct parsed_item *it, xmlNode *n);
/* The same for the channel or feed element. */
int ext_feed_element(struct feed_builder *b, xmlNode *n);
/* After all of an item's elements: fallbacks between fields (image from enclosures). */
void ext_item_done(struct parsed_item *it);

/* The format parsers: fill b->feed from the document's root element (what streaming left of
 * it). */
void rss_parse(struct feed_builder *b, xmlNode *root);
void atom_parse(struct feed_builder *b, xmlNode *root);
/* Streaming, while the document is parsed: n has just ended. Returns 1 when n was an item
 * (entry) read into b->feed; the caller frees it. Fields of the channel (feed) that came
 * before the first item are read (and freed) then too. */
int rss_stream(struct feed_builder *b, xmlNode *root, xmlNode *n);
int atom_stream(struct feed_builder *b, xmlNode *root, xmlNode *n);
/* JSON Feed from raw bytes; returns 0, or -1 with *err. */
int jsonfeed_parse(struct feed_builder *b, const char *data, size_t len, char **err);

/* "Name (email)", "email (Name)", "Name <email>": the name, else the email; NULL if blank. */
char *author_display(const char *s);

/* Escapes text so that it reads as the same text when taken as HTML. */
char *html_escape(const char *s);

/* Plain text (JSON Feed content_text, Atom type="text") as HTML that keeps its line breaks:
 * a blank line ends a paragraph, a single line break stays one (<br>). Text of one line is
 * only escaped. */
char *text_to_html(const char *s);

/* Base64 (Atom 0.3 mode="base64"); returns NULL when s is not valid base64. */
char *base64_decode(const char *s);

#endif
