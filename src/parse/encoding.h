/* Which character encoding a feed document is in. A byte order mark wins, then the charset
 * of the HTTP Content-Type, then the XML declaration; when decoding with the first choice
 * fails, the parser tries the next one once. */
#ifndef TIDINGS_PARSE_ENCODING_H
#define TIDINGS_PARSE_ENCODING_H

#include <stddef.h>
#include <stdint.h>

#define ENCODING_MAX_CANDIDATES 3

/* "UTF-8", "UTF-16LE", "UTF-16BE" for a byte order mark at data, else NULL. */
const char *encoding_from_bom(const char *data, size_t len);
/* The encoding="..." of an XML declaration at the start of data (ASCII-compatible
 * documents), copied into out (size bytes); 0 when there is none. */
int encoding_declared(const char *data, size_t len, char *out, size_t size);
/* Fills names with the encodings to try, in order. NULL in the list means "let libxml2
 * decide from the BOM or declaration". Returns how many (at least 1). http_charset may be
 * NULL. The strings live in decl_buf or are static. */
int encoding_candidates(const char *data, size_t len, const char *http_charset, char *decl_buf,
                        size_t decl_size, const char *names[ENCODING_MAX_CANDIDATES]);

/* The character a byte stands for in windows-1252 (U+FFFD for its five unassigned bytes). */
uint32_t encoding_windows1252(unsigned char byte);
/* Does the document say (or leave to XML's default) that it is UTF-8: a UTF-8 BOM, or no
 * other BOM, HTTP charset or declaration? */
int encoding_is_utf8_document(const char *data, size_t len, const char *http_charset);
/* A UTF-8 document with a few bytes that are not UTF-8 (a Latin-1 "é" pasted into it): each
 * such byte becomes the character it is in windows-1252, and all the valid text stays as it
 * is. Returns NULL when data is valid UTF-8, else a new document of *out_len bytes. */
char *encoding_repair_utf8(const char *data, size_t len, size_t *out_len);

#endif
