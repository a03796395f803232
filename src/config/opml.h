/* OPML 2.0 subscription lists, the exchange format of feed readers.
 *
 * Reading: every <outline> with an xmlUrl is a feed; the outlines it is nested in are folders,
 * and their titles become its tags (as do the entries of its `category` attribute). The
 * document is untrusted: it is parsed from memory with no network, no DTD loading, no entity
 * substitution (a document that declares entities is refused outright), an external entity
 * loader that refuses everything, libxml2's depth limit, and errors collected rather than
 * printed. Only http and https feed URLs are kept; every other one (file:, exec:, filter:,
 * javascript:, ...) is listed as refused with the reason.
 *
 * Writing: OPML 2.0 in the feeds' own order, except that the feeds of one first tag are
 * together in one folder named after it (where the tag first appears), further tags in the
 * `category` attribute, so that reading the output back gives the same URLs, titles and tags.
 * tidings' own +full-text option goes in an attribute of its own, which other readers
 * ignore and tidings reads back. */
#ifndef TIDINGS_CONFIG_OPML_H
#define TIDINGS_CONFIG_OPML_H

#include <stddef.h>
#include <stdio.h>

/* Largest OPML document read, and the deepest folder nesting that still adds tags. */
#define OPML_MAX_SIZE (16u << 20)
#define OPML_MAX_FOLDER_DEPTH 32

struct opml_feed {
	char *url;
	char *title; /* the outline's title (else its text, when that is not the URL), or NULL */
	char **tags; /* enclosing folders, outermost first, then categories; no duplicates */
	int tag_count;
	int full_text; /* OPML_FULL_TEXT_ATTR="true": the feeds-file option +full-text */
};

/* The outline attribute that carries +full-text. */
#define OPML_FULL_TEXT_ATTR "tidingsFullText"

struct opml_doc {
	char *title; /* <head><title>, or NULL */
	struct opml_feed *feeds;
	int feed_count;
	int duplicates; /* outlines whose URL came earlier in the document (their tags merged) */
	char **refused; /* one message per refused outline */
	int refused_count;
};

/* Parses an OPML document held in memory (a fuzzer can call this directly). Returns 0 with
 * *doc filled, or -1 with *err (malloc'd) saying why the document was refused; *doc is then
 * empty. Strings in doc are valid UTF-8 but otherwise as the document had them. */
int opml_parse(const char *data, size_t len, struct opml_doc *doc, char **err);
void opml_doc_free(struct opml_doc *doc);

/* Checks that url is an http or https URL with a host and no white space or control
 * characters. Returns NULL when it is acceptable, else a static reason. */
const char *opml_url_refusal(const char *url);

/* Writes an OPML 2.0 document. Strings are sanitised and escaped; tags[i] of feed i go as
 * described above. */
struct opml_out_feed {
	const char *url;
	const char *title; /* NULL or empty writes the URL as the outline's text */
	const char *const *tags;
	int tag_count;
	int has_custom_title; /* write title= too, so the title reads back as a custom one */
	int full_text;        /* the feed has the +full-text option */
};
void opml_write(FILE *f, const char *doc_title, const struct opml_out_feed *feeds, int count);

#endif
