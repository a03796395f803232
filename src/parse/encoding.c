#include "parse/encoding.h"
#include "core/util.h"

#include <ctype.h>
#include <libxml/encoding.h>
#include <string.h>

const char *encoding_from_bom(const char *data, size_t len)
{
	const unsigned char *d = (const unsigned char *)data;

	if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
		return "UTF-8";
	if (len >= 2 && d[0] == 0xFF && d[1] == 0xFE)
		return "UTF-16LE";
	if (len >= 2 && d[0] == 0xFE && d[1] == 0xFF)
		return "UTF-16BE";
	return NULL;
}

int encoding_declared(const char *data, size_t len, char *out, size_t size)
{
	size_t n = len < 256 ? len : 256, i;
	char head[257];
	const char *p, *end;

	memcpy(head, data, n);
	head[n] = '\0';
	if (strlen(head) != n) /* a NUL: UTF-16 or UCS-4 without a BOM; libxml2 detects it */
		return 0;
	p = head;
	while (isspace((unsigned char)*p))
		p++;
	if (strncmp(p, "<?xml", 5) != 0 || !(end = strstr(p, "?>")))
		return 0;
	p = strstr(p, "encoding");
	if (!p || p > end)
		return 0;
	p += 8;
	while (isspace((unsigned char)*p))
		p++;
	if (*p++ != '=')
		return 0;
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '"' && *p != '\'')
		return 0;
	char quote = *p++;
	for (i = 0; p[i] && p[i] != quote && i + 1 < size; i++) {
		if (!isalnum((unsigned char)p[i]) && !strchr("-_.:", p[i]))
			return 0;
		out[i] = p[i];
	}
	if (p[i] != quote || i == 0)
		return 0;
	out[i] = '\0';
	return 1;
}

/* An encoding libxml2 can decode (its own or through iconv). */
static int known_encoding(const char *name)
{
	xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(name);
	if (!h)
		return 0;
	xmlCharEncCloseFunc(h);
	return 1;
}

static int same_encoding(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	/* "utf8" and "UTF-8", "latin1" and "ISO-8859-1" are not told apart here; the cost is
	 * at most one wasted retry */
	return str_casecmp_ascii(a, b) == 0;
}

static void add_candidate(const char *names[], int *n, const char *name)
{
	for (int i = 0; i < *n; i++)
		if (same_encoding(names[i], name))
			return;
	if (*n < ENCODING_MAX_CANDIDATES)
		names[(*n)++] = name;
}

int encoding_candidates(const char *data, size_t len, const char *http_charset, char *decl_buf,
                        size_t decl_size, const char *names[ENCODING_MAX_CANDIDATES])
{
	int n = 0, declared;

	if (encoding_from_bom(data, len)) {
		names[n++] = NULL; /* libxml2 reads the BOM itself and lets it win */
		return n;
	}
	declared = encoding_declared(data, len, decl_buf, decl_size);
	if (http_charset && *http_charset && known_encoding(http_charset))
		add_candidate(names, &n, http_charset);
	/* NULL: the declaration, or UTF-8 when there is none */
	if (!(declared && http_charset && same_encoding(http_charset, decl_buf)))
		add_candidate(names, &n, NULL);
	if (!declared || str_casecmp_ascii(decl_buf, "utf-8") == 0 ||
	    str_casecmp_ascii(decl_buf, "utf8") == 0)
		add_candidate(names, &n, "windows-1252"); /* what mislabelled feeds mostly are */
	return n;
}
