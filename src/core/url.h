/* URLs, one definition each: resolution of relative references (feeds' xml:base, pages'
 * links, discovered feeds) through libxml2's RFC 3986 implementation, never string pasting;
 * and the policy of which URLs tidings fetches (http and https, as libcurl's URL API parses
 * them). */
#ifndef TIDINGS_CORE_URL_H
#define TIDINGS_CORE_URL_H

/* ref resolved against base (either may be NULL), trimmed of surrounding white space.
 * Returns a new string, or NULL when ref is NULL or blank. A ref that cannot be resolved
 * (not a URI) is returned trimmed, as written. */
char *url_resolve(const char *base, const char *ref);

/* 1 when s starts with a URI scheme ("http:", "mailto:"). */
int url_is_absolute(const char *s);

/* 1 when s is an absolute http or https URL with a host, as libcurl's URL API reads it:
 * the one test of "a web address" for subscribing, saving, importing and syncing. */
int url_is_web(const char *s);
/* ref resolved against base (url_resolve), or NULL when the result is not url_is_web. */
char *url_resolve_web(const char *base, const char *ref);

#endif
