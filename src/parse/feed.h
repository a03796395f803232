/* The parse stage: a feed document (RSS 0.9x/2.0, RSS 1.0, Atom 0.3/1.0, JSON Feed) in,
 * one normalised model out. Every string in the model is valid UTF-8; titles are plain text,
 * summaries and contents keep their HTML; links are absolute. */
#ifndef TIDINGS_PARSE_FEED_H
#define TIDINGS_PARSE_FEED_H

#include <stddef.h>
#include <stdint.h>

/* A date that was missing or could not be parsed: never 1970, never the fetch time. */
#define TIME_UNKNOWN INT64_MIN

struct enclosure {
	char *url;
	char *type;     /* MIME type, or NULL */
	int64_t length; /* bytes, or -1 when unknown */
};

struct parsed_item {
	char *id; /* stable: guid/id, else link, else a hash of title and content */
	char *title;
	char *link;
	char *author;
	char *summary; /* HTML */
	char *content; /* HTML */
	char *image;   /* absolute URL of a thumbnail, or NULL */
	int64_t published;
	int64_t updated;
	char **categories;
	int category_count;
	struct enclosure *enclosures;
	int enclosure_count;
	int64_t duration; /* seconds of the item's audio or video (itunes:duration), 0 if unknown */
};

struct parsed_feed {
	const char *format; /* "rss", "rdf", "atom", "json" (static string) */
	char *title;
	char *link;
	char *description;
	char *language;
	char *author;
	int64_t updated;
	struct parsed_item *items;
	int item_count;
	/* Set when the document was malformed and parsed only as far as it went. */
	char *warning;
};

struct feed_parse_options {
	const char *base_url;     /* the document's URL (final URL after redirects), or NULL */
	const char *http_charset; /* charset from the HTTP Content-Type, or NULL */
	size_t max_size;          /* refuse larger documents; 0 uses the max-feed-size setting */
	int max_items; /* items kept, the rest skipped; 0 uses the max-items-per-fetch setting */
};

/* Parses a feed. Returns 0 and sets *out, or -1 with *err (malloc'd) saying why nothing
 * usable was found. A partly broken feed returns 0 with (*out)->warning set. */
int feed_parse(const char *data, size_t len, const struct feed_parse_options *opts,
               struct parsed_feed **out, char **err);
void parsed_feed_free(struct parsed_feed *feed);

#endif
