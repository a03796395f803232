/* What the user types to search, read once for the reader's `/` and `tidings search`:
 *
 *     words        every word must be found (title, author, text, full text, feed name)
 *     tok*         a word starting with tok
 *     "a phrase"   the words next to one another
 *     feed:NAME    in a feed whose name or URL holds NAME (feed:"two words" too)
 *     tag:NAME     in a feed of the tag NAME
 *     unread       only unread articles (also is:unread); "unread" in quotes is a word
 *     saved        only saved articles (also is:saved)
 *
 * Words are matched after folding case and diacritics; Chinese, Japanese and Korean are
 * matched inside runs of text (see tokenizer.h), and one such character alone is a prefix. */
#ifndef TIDINGS_STORE_SEARCH_H
#define TIDINGS_STORE_SEARCH_H

struct search_terms {
	char *match; /* the FTS5 expression of the words and phrases, NULL when none */
	char **feeds;
	int feed_count;
	char **tags;
	int tag_count;
	int unread;
	int saved;
};

/* Reads text into *t (free with search_terms_free). Never fails: FTS5 syntax in the text is
 * quoted away, so any input makes a valid expression. */
void search_parse(const char *text, struct search_terms *t);
/* A prefix's words, for search_parse_expanded: appends to *out the words of the index that
 * start with prefix (folded as the index folds them), each as a NUL-terminated string one
 * after the other, and returns how many; or -1 to keep the prefix as FTS5's own prefix query
 * (too many words, or a prefix it cannot list). */
struct buf;
typedef int (*search_expand_fn)(void *ctx, const char *prefix, struct buf *out);
/* search_parse, with each prefix (tok*) replaced by the OR of the words expand lists: FTS5
 * answers a prefix without a prefix index by merging the lists of all its words in memory
 * before giving the first row, and does so again for every row asked on its own; an OR of
 * words is read a row at a time. The same articles match either way. */
void search_parse_expanded(const char *text, struct search_terms *t, search_expand_fn expand,
                           void *ctx);
void search_terms_free(struct search_terms *t);
/* True when t narrows nothing at all (no words, no filters). */
int search_terms_empty(const struct search_terms *t);

#endif
