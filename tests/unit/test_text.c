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
	assert_sanitized("evil\xe2\x80\xaegpj.exe\xe2\x81\xa6\xe2\x80\x8f", 20, 0, "evilgpj.exe");
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
	/* U+2028 LINE SEPARATOR and unassigned U+0378 have no width a terminal agrees on */
	assert_sanitized("a\xe2\x80\xa8"
	                 "b\xcd\xb8"
	                 "c",
	                 8, 0, "abc");
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
	    cmocka_unit_test(test_drops_nul),
	    cmocka_unit_test(test_keeps_newlines_when_asked),
	    cmocka_unit_test(test_collapses_space),
	    cmocka_unit_test(test_keeps_valid_text),
	    cmocka_unit_test(test_ascii_runs_meet_controls_and_space),
	    cmocka_unit_test(test_drops_negative_width_characters),
	    cmocka_unit_test(test_width_ignores_controls),
	    cmocka_unit_test(test_width),
	    cmocka_unit_test(test_fit_never_splits_wide_chars),
	    cmocka_unit_test(test_utf8_roundtrip),
	};
	text_init_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
