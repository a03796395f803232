#include "core/text.h"
#include "core/util.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

size_t utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c = s[0], min;
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2, c &= 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, c &= 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, c &= 0x07, min = 0x10000;
	} else {
		*cp = UNICODE_REPLACEMENT;
		return 1;
	}
	if (len < n)
		goto invalid;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto invalid;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto invalid;
	*cp = c;
	return n;
invalid:
	*cp = UNICODE_REPLACEMENT;
	return 1;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int utf8_is_valid(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == UNICODE_REPLACEMENT && n == 1 && (unsigned char)s[i] >= 0x80)
			return 0;
		i += n;
	}
	return 1;
}

/* The embeddings, overrides and isolates (U+202A-202E, U+2066-2069): they reorder the text
 * after them until a pop that hostile text never sends, so that "exe.txt" shows as "txt.exe"
 * and a line's direction leaks into the next. The marks (LRM U+200E, RLM U+200F, ALM U+061C)
 * only give a neutral character a direction and reach no further: right-to-left text needs
 * them, and they stay. */
static int is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static int is_bidi_mark(uint32_t cp)
{
	return cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

/* Code points Unicode promises never to assign: U+FDD0..U+FDEF and the last two of every
 * plane. */
static int is_noncharacter(uint32_t cp)
{
	return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

int text_cp_width(uint32_t cp)
{
	int w;

	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || is_bidi_control(cp))
		return -1;
	if (cp < 0x7F)
		return 1;
	if (is_bidi_mark(cp))
		return 0;
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	/* The C library has no width for characters newer than its tables (glibc 2.36 knows
	 * nothing of Unicode 15), and cannot tell them from unassigned ones. Such a character
	 * is never dropped: emoji are the common case and wide, anything else takes one
	 * column. Only what Unicode will never assign, and the separators that are really
	 * line breaks, have no width. */
	if (cp >= 0x1F000 && cp <= 0x1FAFF)
		return 2;
	if (is_noncharacter(cp) || cp == 0x2028 || cp == 0x2029 || cp > 0x10FFFF)
		return -1;
	return 1;
}

int text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int cols = 0;

	while (*p) {
		uint32_t cp;
		if (*p < 0x80) { /* ASCII: printable ones take a column, controls none */
			cols += *p >= 0x20 && *p != 0x7F;
			p++;
			continue;
		}
		/* a NUL ends the string, and utf8_decode never reads past one (it is not a
		 * continuation byte) */
		p += utf8_decode((const char *)p, 4, &cp);
		int w = text_cp_width(cp);
		if (w > 0)
			cols += w;
	}
	return cols;
}

size_t text_fit(const char *s, int max_cols, int *cols)
{
	size_t len = strlen(s), i = 0;
	int used = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		int w = text_cp_width(cp);
		if (w < 0)
			w = 0;
		if (used + w > max_cols)
			break;
		used += w;
		i += n;
	}
	if (cols)
		*cols = used;
	return i;
}

static int is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
	       cp == 0xA0 || cp == 0x2028 || cp == 0x2029;
}

/* Bytes at the start of s that are printable ASCII other than space. */
static size_t printable_ascii_run(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && (unsigned char)s[n] > 0x20 && (unsigned char)s[n] < 0x7F)
		n++;
	return n;
}

/* A block of bytes at once (16 with SSE2, else 8): how many of them, from the first, are
 * ' '..'~' (no control, DEL or non-ASCII byte). The caller has PRINTABLE_BLOCK bytes. */
#if defined(__SSE2__)
#include <emmintrin.h>
#define PRINTABLE_BLOCK 16

static size_t printable_prefix(const char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	/* signed bytes: below 0x20 are the controls and every byte >= 0x80 */
	__m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
	                           _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
	unsigned mask = (unsigned)_mm_movemask_epi8(bad);
	return mask ? (size_t)__builtin_ctz(mask) : PRINTABLE_BLOCK;
}
#else
#define PRINTABLE_BLOCK 8
#define BYTES_01 0x0101010101010101ull
#define BYTES_7F 0x7F7F7F7F7F7F7F7Full
#define BYTES_80 0x8080808080808080ull

static size_t printable_prefix(const char *s)
{
	uint64_t w, low, bad;

	memcpy(&w, s, sizeof(w));
	low = w & BYTES_7F;
	/* the top bit of each byte: set by a byte >= 0x80, by 0x7F + 1, or by a byte < 0x20
	 * failing to reach 0x80 when 0x60 is added (no carry crosses a byte) */
	bad = ((low + BYTES_01) | w | ~(low + 0x60 * BYTES_01)) & BYTES_80;
	if (!bad)
		return PRINTABLE_BLOCK;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (size_t)__builtin_ctzll(bad) / 8;
#else
	return 0; /* the caller goes on a byte at a time */
#endif
}
#endif

static int is_printable_ascii(unsigned char c)
{
	return c > 0x20 && c < 0x7F;
}

/* Code points found drawable during one scan, by their low bits: text repeats the few
 * letters of its language, and asking the locale for each one costs more than the rest. */
struct width_memo {
	uint32_t cp[64];
};

/* At s[0] >= 0x80: the length of a character text_sanitize keeps as it is (valid UTF-8
 * and drawable), or 0. */
static size_t kept_multibyte(const char *s, size_t len, struct width_memo *memo)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	size_t n;

	/* two- and three-byte sequences (most text past ASCII) decoded here, the rest by
	 * utf8_decode */
	if (len >= 2 && u[0] >= 0xC2 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80) {
		cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
		n = 2;
	} else if (len >= 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 &&
	           (u[2] & 0xC0) == 0x80) {
		cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) |
		     (u[2] & 0x3F);
		n = 3;
		if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0; /* overlong or a surrogate: invalid */
	} else {
		n = utf8_decode(s, len, &cp);
		if (cp == UNICODE_REPLACEMENT && n == 1)
			return 0; /* invalid: becomes U+FFFD */
	}
	if (memo->cp[cp & 63] == cp)
		return n;
	if (text_cp_width(cp) < 0)
		return 0;
	memo->cp[cp & 63] = cp;
	return n;
}

size_t text_clean_span(const char *s, size_t len, int flags)
{
	int collapse = flags & TEXT_COLLAPSE_SPACE;
	struct width_memo memo = {{0}}; /* 0 is never looked up: it is ASCII */
	size_t i = 0, n;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			if (!(n = kept_multibyte(s + i, len - i, &memo)))
				return i;
			i += n;
		} else if (!collapse && len - i >= PRINTABLE_BLOCK &&
		           (n = printable_prefix(s + i)) > 0) {
			i += n; /* spaces are kept as they are only without TEXT_COLLAPSE_SPACE */
		} else if (is_printable_ascii(c) || (c == ' ' && !collapse) ||
		           ((c == '\n' || c == '\t') && (flags & TEXT_KEEP_NEWLINES))) {
			i++;
		} else if (c == ' ' && i > 0 && s[i - 1] != ' ' && i + 1 < len &&
		           is_printable_ascii((unsigned char)s[i + 1])) {
			i++; /* collapsing: one space between two printable characters is kept */
		} else {
			return i;
		}
	}
	return i;
}

char *text_sanitize(const char *s, size_t len, int flags)
{
	struct buf out;
	size_t i = text_clean_span(s, len, flags);
	int pending_space = 0;

	buf_init(&out);
	buf_reserve(&out, len);
	/* what is clean (most text) is copied whole; the rest character by character */
	buf_append(&out, s, i);
	while (i < len) {
		uint32_t cp;
		char enc[4];
		size_t run = printable_ascii_run(s + i, len - i);

		if (run) { /* copied as is, a run at a time */
			if (pending_space) {
				buf_putc(&out, ' ');
				pending_space = 0;
			}
			buf_append(&out, s + i, run);
			i += run;
			continue;
		}
		i += utf8_decode(s + i, len - i, &cp);

		if ((flags & TEXT_KEEP_NEWLINES) && (cp == '\n' || cp == '\t')) {
			buf_putc(&out, (char)cp);
			continue;
		}
		if (cp == '\r' && (flags & TEXT_KEEP_NEWLINES))
			continue; /* CRLF: the LF carries the line break */
		if (is_space_cp(cp) && cp != 0xA0) {
			if (flags & TEXT_COLLAPSE_SPACE)
				pending_space = out.len > 0;
			else
				buf_putc(&out, ' ');
			continue;
		}
		if (cp == 0 || text_cp_width(cp) < 0)
			continue;
		if (pending_space) {
			buf_putc(&out, ' ');
			pending_space = 0;
		}
		buf_append(&out, enc, utf8_encode(cp, enc));
	}
	return buf_steal(&out);
}

char *text_for_curses(const char *s)
{
	struct buf out;
	size_t len = strlen(s), done = 0;

	buf_init(&out);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (wcwidth((wchar_t)cp) < 0 && text_cp_width(cp) > 0) {
			char enc[4];
			buf_append(&out, s + done, i - done);
			buf_append(&out, enc, utf8_encode(UNICODE_REPLACEMENT, enc));
			done = i + n;
		}
		i += n;
	}
	if (done == 0) {
		buf_free(&out);
		return NULL;
	}
	buf_append(&out, s + done, len - done);
	return buf_steal(&out);
}

char *text_sanitize_str(const char *s, int flags)
{
	return text_sanitize(s ? s : "", s ? strlen(s) : 0, flags);
}

void text_fputs(FILE *f, const char *s, int flags)
{
	char *clean;

	if (!s)
		return;
	clean = text_sanitize_str(s, flags);
	fputs(clean, f);
	free(clean);
}

void text_init_locale(void)
{
	const char *codeset;

	setlocale(LC_ALL, "");
	codeset = nl_langinfo(CODESET);
	if (codeset && str_casecmp_ascii(codeset, "UTF-8") == 0)
		return;
	/* Feed text is UTF-8 whatever the user's locale says; widths need a UTF-8 ctype. */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
}
