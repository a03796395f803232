#include "parse/encoding.h"
#include "core/text.h"
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

/* Labels of ISO-8859-1 and ASCII, which the Encoding Standard (WHATWG) reads as
 * windows-1252, as every browser does: the writers of such feeds mean it (their curly
 * quotes and dashes are in 0x80-0x9F, control codes in ISO-8859-1). */
static int is_latin1_label(const char *name)
{
	static const char *const labels[] = {
	    "iso-8859-1", "iso8859-1", "iso_8859-1",      "iso88591",       "latin1",
	    "l1",         "cp819",     "ibm819",          "iso-ir-100",     "csisolatin1",
	    "us-ascii",   "ascii",     "iso_8859-1:1987", "ansi_x3.4-1968", NULL};

	for (int i = 0; name && labels[i]; i++)
		if (str_casecmp_ascii(name, labels[i]) == 0)
			return 1;
	return 0;
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
	if (http_charset && is_latin1_label(http_charset))
		add_candidate(names, &n, "windows-1252");
	else if (http_charset && *http_charset && known_encoding(http_charset))
		add_candidate(names, &n, http_charset);
	/* NULL: the declaration, or UTF-8 when there is none */
	if (declared && is_latin1_label(decl_buf))
		add_candidate(names, &n, "windows-1252");
	else if (!(declared && http_charset && same_encoding(http_charset, decl_buf)))
		add_candidate(names, &n, NULL);
	if (!declared || str_casecmp_ascii(decl_buf, "utf-8") == 0 ||
	    str_casecmp_ascii(decl_buf, "utf8") == 0)
		add_candidate(names, &n, "windows-1252"); /* what mislabelled feeds mostly are */
	return n;
}

uint32_t encoding_windows1252(unsigned char byte)
{
	static const uint16_t c1[32] = {
	    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
	return byte >= 0x80 && byte <= 0x9F ? c1[byte - 0x80] : byte;
}

/* The first byte at or after p that starts no valid UTF-8 sequence, or end. */
static const char *next_invalid_utf8(const char *p, const char *end)
{
	while (p < end) {
		uint32_t cp;
		size_t n;
		if ((unsigned char)*p < 0x80) {
			p++;
			continue;
		}
		n = utf8_decode(p, (size_t)(end - p), &cp);
		if (cp == UNICODE_REPLACEMENT && n == 1)
			return p;
		p += n;
	}
	return end;
}

char *encoding_repair_utf8(const char *data, size_t len, size_t *out_len)
{
	const char *p = data, *end = data + len, *bad = next_invalid_utf8(p, end);
	struct buf out;

	if (bad == end)
		return NULL;
	buf_init(&out);
	buf_reserve(&out, len + 16);
	do {
		char enc[4];
		buf_append(&out, p, (size_t)(bad - p));
		buf_append(&out, enc, utf8_encode(encoding_windows1252((unsigned char)*bad), enc));
		p = bad + 1;
	} while ((bad = next_invalid_utf8(p, end)) != end);
	buf_append(&out, p, (size_t)(end - p));
	*out_len = out.len;
	return buf_steal(&out);
}

int encoding_is_utf8_document(const char *data, size_t len, const char *http_charset)
{
	char declared[64];
	const char *bom = encoding_from_bom(data, len);

	if (bom)
		return strcmp(bom, "UTF-8") == 0;
	if (http_charset && *http_charset && str_casecmp_ascii(http_charset, "utf-8") != 0 &&
	    str_casecmp_ascii(http_charset, "utf8") != 0)
		return 0;
	if (!encoding_declared(data, len, declared, sizeof(declared)))
		return 1; /* XML's default */
	return str_casecmp_ascii(declared, "utf-8") == 0 ||
	       str_casecmp_ascii(declared, "utf8") == 0;
}
