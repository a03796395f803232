/* Turning feed text into what the model promises: titles as plain text (entities decoded,
 * markup stripped, white space collapsed), HTML bodies as valid UTF-8 with their markup. */
#ifndef TIDINGS_PARSE_CLEAN_H
#define TIDINGS_PARSE_CLEAN_H

#include <stddef.h>

/* Plain text from HTML: tags dropped (block tags leave a space), entities decoded, white
 * space collapsed, sanitised. Never NULL. */
char *clean_html_to_plain(const char *html);
/* The words of HTML for the search index: tags dropped (leaving a space), entities decoded,
 * nothing more. This text is only matched, never shown: the index's tokenizer takes spaces
 * and control characters as separators, so the sanitiser's pass is not needed. Never NULL. */
char *clean_html_to_words(const char *html);
/* Plain text that may carry (double-)escaped entities or stray markup, as RSS titles do:
 * decoded and stripped only where it really looks like markup. Never NULL. */
char *clean_title(const char *s);
/* Plain text as written (Atom type="text"): only sanitised and collapsed. Never NULL. */
char *clean_text(const char *s);
/* Appends s[0..len) to out with HTML character references decoded. */
struct buf;
void clean_decode_entities(struct buf *out, const char *s, size_t len);

#endif
