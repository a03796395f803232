/* Finding the feeds of a web page, for `tidings add` given a site rather than a feed. */
#ifndef TIDINGS_TASKS_DISCOVER_H
#define TIDINGS_TASKS_DISCOVER_H

#include <stddef.h>

/* A list of URLs, malloc'd, without duplicates. */
struct url_list {
	char **urls;
	int count;
};

void url_list_add(struct url_list *l, const char *url);
void url_list_free(struct url_list *l);

/* The feeds an HTML page announces with <link rel="alternate"> of an RSS, Atom, RDF or JSON
 * Feed type, resolved against base, in page order. */
void discover_links(const char *html, size_t len, const char *base, struct url_list *out);

/* Where sites commonly keep their feed when the page names none: /feed, /rss.xml, /atom.xml,
 * /index.xml, /feed.xml under the page's own path and under the site's root. */
void discover_guesses(const char *base, struct url_list *out);

#endif
