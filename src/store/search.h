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
void search_terms_free(struct search_terms *t);
/* True when t narrows nothing at all (no words, no filters). */
int search_terms_empty(const struct search_terms *t);

#endif
