/* The search index's tokenizer, "tidings": words as FTS5's unicode61 makes them (folded to
 * lower case, diacritics removed), except in runs of Chinese, Japanese and Korean text, which
 * have no spaces between words: those are indexed as overlapping pairs of characters
 * (東京の朝: 東京 京の の朝), and the last character of a run alone (朝), so that any one
 * character is found by a prefix query. Debian's SQLite has no ICU tokenizer; bigrams find any
 * word of two characters or more without a dictionary. */
#ifndef TIDINGS_STORE_TOKENIZER_H
#define TIDINGS_STORE_TOKENIZER_H

#include <sqlite3.h>
#include <stdint.h>

#define SEARCH_TOKENIZER "tidings"

/* Registers the tokenizer on a connection (before anything reads or writes the index).
 * Returns 0, or -1 when SQLite has no FTS5. */
int search_tokenizer_register(sqlite3 *db);

/* True for a code point of the scripts indexed as pairs: Han, kana, Hangul. */
int search_is_cjk(uint32_t cp);

#endif
