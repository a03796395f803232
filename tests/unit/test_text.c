/* The sanitiser and the width functions: what reaches a terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/text.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static void assert_sanitized(const char *in, size_t len, int flags, const char *want)
{
	char *out = text_sanitize(in, len, flags);
	assert_string_equal(out, want);
	free(out);
}

static void test_removes_escape_sequences(void **state)
{
	const char in[] = "a\x1b[31mred\x1b]52;c;ZXZpbA==\x07z";
	assert_sanitized(in, sizeof(in) - 1, 0, "a[31mred]52;c;ZXZpbA==z");
}

static void test_removes_cursor_movers_and_del(void **state)
{
	assert_sanitized("ab\rc\bd\x7f", 7, 0, "ab cd");
}

static void test_removes_c1_controls(void **state)
{
	/* U+009B (CSI) and U+0085 (NEL) encoded in UTF-8 */
	assert_sanitized("x\xc2\x9b"
	                 "1m\xc2\x85y",
	                 8, 0, "x1my");
}

static void test_replaces_invalid_utf8(void **state)
{
	/* overlong '/', a lone surrogate, a value past U+10FFFF, a truncated sequence */
	assert_sanitized(
	    "\xc0\xaf|\xed\xa0\x80|\xf4\x90\x80\x80|\xe2\x82", 15, 0,
	    "\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|"
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd");
}

static void test_drops_bidi_controls(void **state)
{
	assert_sanitized("evil\xe2\x80\xaegpj.exe\xe2\x81\xa6\xe2\x80\xaa\xe2\x81\xa9", 23, 0,
	                 "evilgpj.exe");
}

/* The marks (LRM, RLM, ALM) give one neutral character a direction and reach no further:
 * right-to-left text needs them, so they stay, and take no column. */
static void test_keeps_bidi_marks(void **state)
{
	assert_sanitized("a\xe2\x80\x8e(b)\xe2\x80\x8f\xd8\x9c", 12, 0,
	                 "a\xe2\x80\x8e(b)\xe2\x80\x8f\xd8\x9c");
	assert_int_equal(text_width("a\xe2\x80\x8e"
	                            "b\xe2\x80\x8f"),
	                 2);
}

static void test_drops_nul(void **state)
{
	assert_sanitized("a\0b", 3, 0, "ab");
}

static void test_keeps_newlines_when_asked(void **state)
{
	assert_sanitized("a\r\nb\tc", 6, TEXT_KEEP_NEWLINES, "a\nb\tc");
	assert_sanitized("a\r\nb\tc", 6, 0, "a  b c");
}

static void test_collapses_space(void **state)
{
	assert_sanitized("  a \n\t b  ", 10, TEXT_COLLAPSE_SPACE, "a b");
}

static void test_empty_input(void **state)
{
	assert_sanitized("", 0, 0, "");
	assert_sanitized("\x1b", 1, TEXT_COLLAPSE_SPACE, "");
}

static void test_keeps_valid_text(void **state)
{
	const char *s = "Grüße, 日本語, emoji \xf0\x9f\x98\x80";
	assert_sanitized(s, strlen(s), 0, s);
}

static void test_ascii_runs_meet_controls_and_space(void **state)
{
	/* the fast path for printable ASCII hands over to the slow one at every other byte */
	assert_sanitized("ab\x1b[1mcd\x7f\x01"
	                 "ef",
	                 12, 0, "ab[1mcdef");
	assert_sanitized("  ab  \t cd\n", 11, TEXT_COLLAPSE_SPACE, "ab cd");
	assert_sanitized("ab\xc2\x9b"
	                 "cd\xe2\x80\xae",
	                 9, 0, "abcd");
}

static void test_drops_negative_width_characters(void **state)
{
	/* noncharacters U+FFFE and U+FDD0 are never assigned and never drawn */
	assert_sanitized("a\xef\xbf\xbe"
	                 "b\xef\xb7\x90"
	                 "c",
	                 9, 0, "abc");
	/* U+2028 LINE SEPARATOR is a break between words */
	assert_sanitized("a\xe2\x80\xa8"
	                 "b",
	                 5, TEXT_COLLAPSE_SPACE, "a b");
}

/* glibc 2.36's wcwidth gives -1 for Unicode 15 (U+31350 𱍐, U+1B132 𛄲) and for code points
 * it cannot tell from unassigned ones (U+0378): they are kept, one column each. */
static void test_keeps_characters_newer_than_the_tables(void **state)
{
	const char *newer = "𱍐 𛄲 \xcd\xb8!";
	char *out = text_sanitize_str(newer, 0);
	assert_string_equal(out, newer);
	free(out);
	assert_int_equal(text_clean_span(newer, strlen(newer), 0), strlen(newer));
	/* one column where the C library has no width (glibc 2.36); its own width where a newer
	 * one has */
	int han = text_cp_width(0x31350), kana = text_cp_width(0x1B132);
	assert_true(han >= 1 && han <= 2);
	assert_true(kana >= 1 && kana <= 2);
	if (wcwidth(0x31350) < 0)
		assert_int_equal(han, 1);
	assert_int_equal(text_width(newer), han + kana + 4);
	assert_int_equal(text_fit(newer, han + 1, NULL), strlen("𱍐 "));
	assert_int_equal(text_cp_width(0x1FAE8), 2); /* an emoji newer than the tables is wide */
}

/* What curses cannot draw (it measures with the C library) is drawn as U+FFFD, one column. */
static void test_for_curses(void **state)
{
	char *shown;

	assert_null(text_for_curses("plain ASCII"));
	assert_null(text_for_curses("Grüße 日本語 \xf0\x9f\x98\x80"));
	shown = text_for_curses("a 𱍐 b");
	if (wcwidth(0x31350) < 0) {
		assert_non_null(shown);
		assert_string_equal(shown, "a \xef\xbf\xbd b");
	} else {
		assert_null(shown);
	}
	free(shown);
}

static void test_clean_span_of_clean_text_is_whole(void **state)
{
	const char *body = "<p>Grüße &amp; 日本語, emoji \xf0\x9f\x98\x80 and a long ASCII run\n"
	                   "\tthat spans words of eight bytes and more.</p>";
	assert_int_equal(text_clean_span(body, strlen(body), TEXT_KEEP_NEWLINES), strlen(body));
	assert_int_equal(text_clean_span("a b", 3, TEXT_COLLAPSE_SPACE), 3);
	assert_int_equal(text_clean_span("", 0, 0), 0);
}

static void test_clean_span_stops_where_sanitising_starts(void **state)
{
	assert_int_equal(text_clean_span("abcdefghijkl\x1bmn", 15, 0), 12);
	assert_int_equal(text_clean_span("abcdefgh\nij", 11, 0), 8);
	assert_int_equal(text_clean_span("abcdefgh\r\nij", 12, TEXT_KEEP_NEWLINES), 8);
	assert_int_equal(text_clean_span("abc\x7f", 4, 0), 3);
	assert_int_equal(text_clean_span("ab\xc2\x9b"
	                                 "cd",
	                                 6, 0),
	                 2);                                                     /* C1 */
	assert_int_equal(text_clean_span("abcdefghijk\xe2\x80\xae", 14, 0), 11); /* bidi */
	assert_int_equal(text_clean_span("abc\xe9t\xc3\xa9", 7, 0), 3);          /* invalid UTF-8 */
	assert_int_equal(text_clean_span("a\xef\xbf\xbe", 4, 0), 1); /* a noncharacter */
	assert_int_equal(text_clean_span("a\0b", 3, 0), 1);
	/* collapsing: leading, trailing and doubled spaces are changed */
	assert_int_equal(text_clean_span(" a", 2, TEXT_COLLAPSE_SPACE), 0);
	assert_int_equal(text_clean_span("a  b", 4, TEXT_COLLAPSE_SPACE), 1);
	assert_int_equal(text_clean_span("ab ", 3, TEXT_COLLAPSE_SPACE), 2);
	assert_int_equal(text_clean_span("a\tb", 3, TEXT_COLLAPSE_SPACE), 1);
}

/* The span is a promise about text_sanitize: over many mixed strings, its output starts
 * with the span unchanged, is the input itself when the span is whole, and is whole-span
 * clean again. */
static void test_clean_span_agrees_with_sanitize(void **state)
{
	static const char *const pieces[] = {"a",
	                                     "word",
	                                     "longer ASCII run",
	                                     " ",
	                                     "  ",
	                                     "\n",
	                                     "\t",
	                                     "\r",
	                                     "\x1b",
	                                     "\x7f",
	                                     "é",
	                                     "日本",
	                                     "\xc2\x9b",
	                                     "\xe2\x80\xae",
	                                     "\xff",
	                                     "\xe2\x82",
	                                     "\xcd\xb8",
	                                     "\xc2\xa0",
	                                     "\xf0\x9f\x98\x80",
	                                     "&amp;",
	                                     "<p>"};
	static const int flag_sets[] = {0, TEXT_KEEP_NEWLINES, TEXT_COLLAPSE_SPACE,
	                                TEXT_KEEP_NEWLINES | TEXT_COLLAPSE_SPACE};
	uint32_t seed = 12345;

	for (int round = 0; round < 3000; round++) {
		char in[256];
		size_t len = 0;
		int count = (int)(seed % 12);
		for (int k = 0; k < count; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *p = pieces[(seed >> 8) % ARRAY_LEN(pieces)];
			memcpy(in + len, p, strlen(p));
			len += strlen(p);
		}
		seed = seed * 1103515245u + 12345u;
		for (size_t f = 0; f < ARRAY_LEN(flag_sets); f++) {
			int flags = flag_sets[f];
			size_t span = text_clean_span(in, len, flags);
			char *out = text_sanitize(in, len, flags);
			assert_true(span <= len);
			assert_true(strlen(out) >= span);
			assert_memory_equal(out, in, span);
			if (span == len)
				assert_memory_equal(out, in, len + (len == 0));
			if (!(flags & TEXT_COLLAPSE_SPACE))
				assert_int_equal(text_clean_span(out, strlen(out), flags),
				                 strlen(out));
			free(out);
		}
	}
}

static void test_width_ignores_controls(void **state)
{
	assert_int_equal(text_width("a\x1b\x7f"
	                            "b"),
	                 2);
	assert_int_equal(text_width("\xc2\x9b"), 0);
	assert_int_equal(text_width("\xff"), 1); /* invalid byte: U+FFFD is drawn */
}

static void test_width(void **state)
{
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("日本"), 4);
	assert_int_equal(text_width("\xf0\x9f\x98\x80"), 2);
	assert_int_equal(text_width("e\xcc\x81"), 1); /* e + combining acute */
}

static void test_fit_never_splits_wide_chars(void **state)
{
	int cols;
	size_t n = text_fit("日本語", 5, &cols);
	assert_int_equal(n, 6);
	assert_int_equal(cols, 4);
}

static void test_utf8_roundtrip(void **state)
{
	uint32_t cps[] = {0x41, 0xE9, 0x65E5, 0x1F600, 0x10FFFF};
	for (size_t i = 0; i < ARRAY_LEN(cps); i++) {
		char enc[4];
		uint32_t back;
		size_t n = utf8_encode(cps[i], enc);
		assert_int_equal(utf8_decode(enc, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
	assert_true(utf8_is_valid("héllo", 6));
	assert_false(utf8_is_valid("h\xe9llo", 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_removes_escape_sequences),
	    cmocka_unit_test(test_removes_cursor_movers_and_del),
	    cmocka_unit_test(test_removes_c1_controls),
	    cmocka_unit_test(test_replaces_invalid_utf8),
	    cmocka_unit_test(test_drops_bidi_controls),
	    cmocka_unit_test(test_keeps_bidi_marks),
	    cmocka_unit_test(test_drops_nul),
	    cmocka_unit_test(test_keeps_newlines_when_asked),
	    cmocka_unit_test(test_collapses_space),
	    cmocka_unit_test(test_empty_input),
	    cmocka_unit_test(test_keeps_valid_text),
	    cmocka_unit_test(test_ascii_runs_meet_controls_and_space),
	    cmocka_unit_test(test_drops_negative_width_characters),
	    cmocka_unit_test(test_keeps_characters_newer_than_the_tables),
	    cmocka_unit_test(test_for_curses),
	    cmocka_unit_test(test_clean_span_of_clean_text_is_whole),
	    cmocka_unit_test(test_clean_span_stops_where_sanitising_starts),
	    cmocka_unit_test(test_clean_span_agrees_with_sanitize),
	    cmocka_unit_test(test_width_ignores_controls),
	    cmocka_unit_test(test_width),
	    cmocka_unit_test(test_fit_never_splits_wide_chars),
	    cmocka_unit_test(test_utf8_roundtrip),
	};
	text_init_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
