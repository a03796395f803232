/* Text from outside (feeds, web pages, file names, error strings) is hostile. Everything that
 * may reach a terminal, a file name or another program passes text_sanitize first. */
#ifndef TIDINGS_CORE_TEXT_H
#define TIDINGS_CORE_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define UNICODE_REPLACEMENT 0xFFFDu

enum text_sanitize_flags {
	/* Keep '\n' and '\t' (article bodies); otherwise both become a space (titles). */
	TEXT_KEEP_NEWLINES = 1 << 0,
	/* Fold runs of white space into one space and trim the ends. */
	TEXT_COLLAPSE_SPACE = 1 << 1,
};

/* Decodes one UTF-8 sequence from s (len > 0). Invalid, overlong, surrogate and out-of-range
 * sequences give U+FFFD and consume one byte. Returns the bytes consumed. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Writes cp as UTF-8 into out (4 bytes at most); returns the length. */
size_t utf8_encode(uint32_t cp, char out[4]);
int utf8_is_valid(const char *s, size_t len);

/* Columns a code point takes in a terminal: 0 for combining marks, 2 for wide CJK and emoji,
 * -1 for characters that must not be drawn at all (controls, bidirectional overrides,
 * noncharacters). A printable character newer than the C library's tables takes 1 (2 for
 * emoji): it is never dropped. */
int text_cp_width(uint32_t cp);
/* Display width of a (sanitised) UTF-8 string. */
int text_width(const char *s);
/* Bytes of s that fit in max_cols columns, never splitting a character. *cols gets their
 * width when cols is not NULL. */
size_t text_fit(const char *s, int max_cols, int *cols);

/* Returns a new string that is valid UTF-8 with no C0 control (but newline and tab when
 * asked), no DEL, no C1 control, no bidirectional override and no character of negative
 * width. Invalid UTF-8 becomes U+FFFD. */
char *text_sanitize(const char *s, size_t len, int flags);
/* How many bytes at the start of s text_sanitize would copy unchanged: len when s is clean
 * already, so that a caller owning s may keep it instead of taking a copy. One scan (eight
 * bytes at a time through ASCII). */
size_t text_clean_span(const char *s, size_t len, int flags);
char *text_sanitize_str(const char *s, int flags);

/* For curses, which measures with the C library and leaves a blank for a character its
 * tables lack: a copy of (sanitised) s with each such character, which text_cp_width counts
 * as one column, replaced by U+FFFD, so that something shows in its place. NULL when s has
 * none (the common case: then draw s itself). */
char *text_for_curses(const char *s);

/* Writes s to f sanitised (single line unless TEXT_KEEP_NEWLINES). NULL prints nothing. */
void text_fputs(FILE *f, const char *s, int flags);

/* Ensures an UTF-8 LC_CTYPE so that width computations are right; call once at start. */
void text_init_locale(void);

#endif
