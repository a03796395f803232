/* Links in feeds are often relative: to xml:base, to the document's URL, or to the channel's
 * link. Resolution goes through libxml2's RFC 3986 implementation, never string pasting. */
#ifndef TIDINGS_PARSE_URL_H
#define TIDINGS_PARSE_URL_H

/* ref resolved against base (either may be NULL), trimmed of surrounding white space.
 * Returns a new string, or NULL when ref is NULL or blank. A ref that cannot be resolved
 * (not a URI) is returned trimmed, as written. */
char *url_resolve(const char *base, const char *ref);

/* 1 when s starts with a URI scheme ("http:", "mailto:"). */
int url_is_absolute(const char *s);

#endif
