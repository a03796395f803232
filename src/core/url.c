#include "core/url.h"
#include "core/util.h"

#include <ctype.h>
#include <curl/curl.h>
#include <libxml/uri.h>
#include <string.h>

int url_is_absolute(const char *s)
{
	if (!s || !isalpha((unsigned char)*s))
		return 0;
	for (s++; *s; s++) {
		if (*s == ':')
			return 1;
		if (!isalnum((unsigned char)*s) && *s != '+' && *s != '-' && *s != '.')
			return 0;
	}
	return 0;
}

/* Copies s without surrounding white space. */
static char *trimmed_copy(const char *s)
{
	size_t len;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
	                   s[len - 1] == '\r'))
		len--;
	return xstrndup(s, len);
}

char *url_resolve(const char *base, const char *ref)
{
	char *r, *b;
	xmlChar *built;

	if (!ref)
		return NULL;
	r = trimmed_copy(ref);
	if (!*r) {
		free(r);
		return NULL;
	}
	if (!base || url_is_absolute(r))
		return r;
	b = trimmed_copy(base);
	built = xmlBuildURI((const xmlChar *)r, (const xmlChar *)b);
	free(b);
	if (!built) {
		/* xmlBuildURI refuses refs with spaces and other unescaped bytes; escape and
		 * try once more before keeping the ref as written. */
		xmlChar *escaped =
		    xmlURIEscapeStr((const xmlChar *)r, (const xmlChar *)":/?#[]@!$&'()*+,;=%");
		if (escaped) {
			b = trimmed_copy(base);
			built = xmlBuildURI(escaped, (const xmlChar *)b);
			free(b);
			xmlFree(escaped);
		}
	}
	if (!built)
		return r;
	free(r);
	r = xstrdup((const char *)built);
	xmlFree(built);
	return r;
}

int url_is_web(const char *s)
{
	CURLU *u;
	char *scheme = NULL, *host = NULL;
	int web = 0;

	/* a scheme first: libcurl would guess one for "example.org/feed" */
	if (!s || !url_is_absolute(s) || !(u = curl_url()))
		return 0;
	if (curl_url_set(u, CURLUPART_URL, s, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && *host)
		web = strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0;
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return web;
}

char *url_resolve_web(const char *base, const char *ref)
{
	char *url = url_resolve(base, ref);

	if (url && !url_is_web(url)) {
		free(url);
		return NULL;
	}
	return url;
}
