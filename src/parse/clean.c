#include "parse/clean.h"
#include "core/text.h"
#include "core/util.h"
#include "parse/encoding.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Numeric references to 0x80-0x9F mean windows-1252 in practice (HTML5 reads them so). */
static uint32_t windows1252_c1(uint32_t cp)
{
	return cp >= 0x80 && cp <= 0x9F ? encoding_windows1252((unsigned char)cp) : cp;
}

/* Decodes one reference at s[0] == '&'; returns the bytes used, 0 when it is not one. */
static size_t decode_reference(const char *s, size_t len, uint32_t *cp)
{
	size_t i = 1;

	if (len > 2 && s[1] == '#') {
		uint32_t v = 0;
		int hex = s[2] == 'x' || s[2] == 'X', digits = 0;
		for (i = hex ? 3 : 2; i < len; i++) {
			int c = (unsigned char)s[i], d;
			if (isdigit(c))
				d = c - '0';
			else if (hex && isxdigit(c))
				d = (c | 0x20) - 'a' + 10;
			else
				break;
			if (v < 0x110000)
				v = v * (hex ? 16 : 10) + (uint32_t)d;
			digits++;
		}
		if (!digits)
			return 0;
		if (i < len && s[i] == ';')
			i++;
		if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			v = 0xFFFD;
		*cp = windows1252_c1(v);
		return i;
	}
	{
		char name[33];
		const htmlEntityDesc *e;
		while (i < len && i < sizeof(name) && isalnum((unsigned char)s[i]))
			i++;
		if (i == 1 || i >= len || s[i] != ';' || i > sizeof(name))
			return 0;
		memcpy(name, s + 1, i - 1);
		name[i - 1] = '\0';
		if (strcmp(name, "apos") == 0) {
			*cp = '\'';
			return i + 1;
		}
		e = htmlEntityLookup((const xmlChar *)name);
		if (!e)
			return 0;
		*cp = e->value;
		return i + 1;
	}
}

void clean_decode_entities(struct buf *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		const char *amp = memchr(s + i, '&', len - i);
		size_t n;
		uint32_t cp;
		char enc[4];

		if (!amp) {
			buf_append(out, s + i, len - i);
			return;
		}
		buf_append(out, s + i, (size_t)(amp - (s + i)));
		i = (size_t)(amp - s);
		n = decode_reference(s + i, len - i, &cp);
		if (n == 0) {
			buf_putc(out, '&');
			i++;
			continue;
		}
		buf_append(out, enc, utf8_encode(cp, enc));
		i += n;
	}
}

/* At s[0] == '<': the length of a tag (to its '>'), or 0 when this '<' is just text. */
static size_t tag_length(const char *s)
{
	const char *end;
	if (!(isalpha((unsigned char)s[1]) || s[1] == '/' || s[1] == '!' || s[1] == '?'))
		return 0;
	end = strchr(s, '>');
	return end ? (size_t)(end - s) + 1 : 0;
}

/* Skips an element whose content is not text (script, style) from its start tag. */
static const char *skip_raw_element(const char *s)
{
	static const char *const raw[] = {"script", "style"};
	for (size_t i = 0; i < ARRAY_LEN(raw); i++) {
		size_t n = strlen(raw[i]);
		if (str_ncasecmp_ascii(s + 1, raw[i], n) == 0 &&
		    !isalnum((unsigned char)s[1 + n])) {
			char close[16];
			const char *p = s;
			snprintf(close, sizeof(close), "</%s", raw[i]);
			while ((p = strchr(p + 1, '<')) != NULL)
				if (str_ncasecmp_ascii(p, close, strlen(close)) == 0)
					break;
			if (!p)
				return s + strlen(s);
			return strchr(p, '>') ? strchr(p, '>') + 1 : p + strlen(p);
		}
	}
	return NULL;
}

/* Tags out, entities decoded; stripped tags leave a space so words do not join. */
static void strip_tags(struct buf *out, const char *s)
{
	while (*s) {
		const char *lt = strchr(s, '<');
		size_t n;
		if (!lt) {
			clean_decode_entities(out, s, strlen(s));
			return;
		}
		clean_decode_entities(out, s, (size_t)(lt - s));
		n = tag_length(lt);
		if (n == 0) {
			buf_putc(out, '<');
			s = lt + 1;
			continue;
		}
		const char *after = skip_raw_element(lt);
		s = after ? after : lt + n;
		buf_putc(out, ' ');
	}
}

/* Titles are one line of words: a no-break space is a space there. */
static void nbsp_to_space(struct buf *b)
{
	size_t w = 0;
	for (size_t r = 0; r < b->len; r++) {
		if ((unsigned char)b->data[r] == 0xC2 && r + 1 < b->len &&
		    (unsigned char)b->data[r + 1] == 0xA0) {
			b->data[w++] = ' ';
			r++;
		} else {
			b->data[w++] = b->data[r];
		}
	}
	b->len = w;
	if (b->data)
		b->data[w] = '\0';
}

char *clean_html_to_plain(const char *html)
{
	struct buf b;
	char *out;

	buf_init(&b);
	strip_tags(&b, html ? html : "");
	nbsp_to_space(&b);
	out = text_sanitize(b.data ? b.data : "", b.len, TEXT_COLLAPSE_SPACE);
	buf_free(&b);
	return out;
}

char *clean_html_to_words(const char *html)
{
	struct buf b;

	buf_init(&b);
	strip_tags(&b, html ? html : "");
	return buf_steal(&b);
}

/* A title's text with a reference in it was escaped twice (HTML inside the XML). "&#X41;" is
 * not taken for one: XML has no such reference, so a feed that writes it (escaped, or left
 * as text by the parser) means those characters. */
static int has_reference(const char *s)
{
	for (const char *amp = strchr(s, '&'); amp; amp = strchr(amp + 1, '&')) {
		uint32_t cp;
		if (amp[1] == '#' && amp[2] == 'X')
			continue;
		if (decode_reference(amp, strlen(amp), &cp))
			return 1;
	}
	return 0;
}

static int has_tag(const char *s)
{
	for (const char *lt = strchr(s, '<'); lt; lt = strchr(lt + 1, '<'))
		if (tag_length(lt))
			return 1;
	return 0;
}

char *clean_title(const char *s)
{
	if (!s)
		return xstrdup("");
	if (has_tag(s) || has_reference(s))
		return clean_html_to_plain(s);
	return clean_text(s);
}

char *clean_text(const char *s)
{
	struct buf b;
	char *out;

	if (s && !strstr(s, "\xC2\xA0")) /* no no-break space: no copy to change */
		return text_sanitize_str(s, TEXT_COLLAPSE_SPACE);
	buf_init(&b);
	buf_puts(&b, s ? s : "");
	nbsp_to_space(&b);
	out = text_sanitize(b.data ? b.data : "", b.len, TEXT_COLLAPSE_SPACE);
	buf_free(&b);
	return out;
}
