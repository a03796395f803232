#include "parse/url.h"
#include "core/util.h"

#include <ctype.h>
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
