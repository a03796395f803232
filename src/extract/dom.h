/* Internal to the extractor: small helpers over libxml2's HTML tree, shared by the body
 * finder (extract.c), the metadata reader (meta.c) and the text writer (text.c). */
#ifndef TIDINGS_EXTRACT_DOM_H
#define TIDINGS_EXTRACT_DOM_H

#include "core/util.h"
#include "extract/extract.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* Element named tag (libxml2's HTML parser gives lower-case names). */
int dom_is(const xmlNode *n, const char *tag);
int dom_is_heading(const xmlNode *n);
/* Elements that start a new block of text (paragraphs, lists, tables, sections...). */
int dom_is_block(const xmlNode *n);
/* The value of attribute name, without copying; NULL when absent. Valid while n lives. */
const char *dom_attr(const xmlNode *n, const char *name);
/* First element child / next element sibling, skipping text and comments. */
xmlNode *dom_first_element(xmlNode *n);
xmlNode *dom_next_element(xmlNode *n);
/* The first descendant-or-self element named tag, in document order. */
xmlNode *dom_find(xmlNode *n, const char *tag);
/* Appends the text under n with white space collapsed to single spaces. */
void dom_text_collapsed(const xmlNode *n, struct buf *out);
/* A malloc'd collapsed, trimmed text of n (never NULL). */
char *dom_text(const xmlNode *n);
/* Removes n from the tree and frees it. */
void dom_remove(xmlNode *n);
/* Writes the text of n into out as paragraphs separated by blank lines. */
void dom_to_text(const xmlNode *n, struct buf *out);

/* Case-insensitive: does haystack contain any of the needles (lower-case ASCII)? */
int str_contains_any_ci(const char *haystack, const char *const *needles);

/* Metadata read from the whole page before it is cleaned (meta.c). */
struct page_meta {
	char *title;     /* best title: JSON-LD, <meta>, or the <title> cleaned of the site name */
	char *raw_title; /* the <title> element's text */
	char *byline;
	char *site_name;
	char *excerpt;
	char *lang;
	char *dir;
	char *published_text;
	char *base_href;   /* <base href> */
	char *canonical;   /* <link rel=canonical href>, as written */
	char *ld_body;     /* JSON-LD articleBody */
	int ld_is_article; /* JSON-LD says this is an article of some kind */
};

void page_meta_read(xmlDoc *doc, struct page_meta *m);
void page_meta_free(struct page_meta *m);
/* Decodes the HTML character references left in text taken from JSON or attributes. */
char *html_unescape(const char *s);

#endif
