/* The article extractor ("reader mode"): a web page in, its article out. The page is parsed
 * with libxml2's HTML parser; the body is found by scoring blocks of prose (length, commas,
 * link density, class and id hints) and the page's furniture (navigation, share bars,
 * newsletter boxes, comments, related lists, ads) is dropped. Metadata comes from JSON-LD,
 * <meta> tags and the document itself. */
#ifndef TIDINGS_EXTRACT_EXTRACT_H
#define TIDINGS_EXTRACT_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

struct article {
	char *title;       /* plain text, or NULL */
	char *byline;      /* plain text, or NULL */
	char *site_name;   /* plain text, or NULL */
	char *lang;        /* the page's language tag, or NULL */
	char *dir;         /* "ltr", "rtl" or NULL */
	char *excerpt;     /* a short plain-text summary, or NULL */
	int64_t published; /* seconds since the epoch, or TIME_UNKNOWN (parse/feed.h) */
	char *html;        /* the cleaned article: an HTML fragment with absolute links */
	char *text;        /* the body as plain text, paragraphs separated by blank lines */
	/* The page's canonical URL (<link rel=canonical>), absolute, when it is on the same site
	 * as the page's URL (the base_url option); NULL otherwise: a page may name any URL, and
	 * one on another site is not taken for the article's address. */
	char *canonical;
};

struct extract_options {
	const char *base_url;     /* the page's URL, to resolve relative links; may be NULL */
	size_t max_size;          /* refuse larger pages; 0 for the max-feed-size setting */
	const char *http_charset; /* from the HTTP Content-Type, or NULL */
};

/* Extracts the article of the page in data. Returns 0 and sets *out, or -1 with *err
 * (malloc'd) saying why: no article on the page (a home page, a login wall), or a page that
 * cannot be parsed. Every string in *out is valid UTF-8. */
int extract_article(const char *data, size_t len, const struct extract_options *opts,
                    struct article **out, char **err);
void article_free(struct article *a);

/* Plain text of an HTML fragment the way extract_article() fills article.text: block
 * elements become paragraphs separated by blank lines, white space inside them collapses. */
char *extract_html_to_text(const char *html, size_t len);

/* An HTML fragment (a feed's content) cleaned the way extracted articles are: no scripts,
 * styles, forms, frames, comments or hidden elements, only harmless attributes, links made
 * absolute against base_url (may be NULL). malloc'd. */
char *extract_clean_html(const char *html, size_t len, const char *base_url);

#endif
