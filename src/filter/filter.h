/* newsboat's filter language, parsed once into a tree.
 *
 *   unread = "yes" and (title =~ "release" or tags # "news") and age between 0:7
 *
 * A comparison is ATTRIBUTE OPERATOR VALUE, where the value is a "double-quoted string" (no
 * escapes, as in newsboat), a whole number or a range N:M (for between). Comparisons are joined
 * by `and` and `or`, which have the same precedence and group from the left, as in newsboat
 * 2.21: `a or b and c` is `(a or b) and c`. Parentheses group.
 *
 * Operators: = (also ==) and != compare strings exactly; =~ and !~ match a POSIX extended
 * regular expression, ignoring case; < > <= >= compare whole numbers (text that does not start
 * with one counts as 0); # and !# test whether the value is one of the attribute's words
 * (split at spaces, as tags are); between N:M holds when N <= number <= M (either order).
 *
 * This module knows the language and how one comparison judges one value; the store turns a
 * tree into SQL (store/filter_sql.c), and filter_eval judges values given by a caller. */
#ifndef TIDINGS_FILTER_FILTER_H
#define TIDINGS_FILTER_FILTER_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

/* clang-format off */
#define FILTER_ATTRIBUTES(X) \
	/* article attributes */ \
	X(TITLE, "title", 0) \
	X(LINK, "link", 0) \
	X(AUTHOR, "author", 0) \
	X(CONTENT, "content", 0) \
	X(DATE, "date", 0) \
	X(GUID, "guid", 0) \
	X(UNREAD, "unread", 0) \
	X(FLAGS, "flags", 0) \
	X(AGE, "age", 0) \
	X(ENCLOSURE_URL, "enclosure_url", 0) \
	X(ENCLOSURE_TYPE, "enclosure_type", 0) \
	X(ARTICLEINDEX, "articleindex", 0) \
	X(SAVED, "saved", 0) \
	X(FULLTEXT, "fulltext", 0) \
	/* feed attributes */ \
	X(FEEDTITLE, "feedtitle", 1) \
	X(FEEDLINK, "feedlink", 1) \
	X(RSSURL, "rssurl", 1) \
	X(DESCRIPTION, "description", 1) \
	X(UNREAD_COUNT, "unread_count", 1) \
	X(TOTAL_COUNT, "total_count", 1) \
	X(TAGS, "tags", 1) \
	X(FEEDINDEX, "feedindex", 1)
/* clang-format on */

enum filter_attr {
#define X(id, name, feed) FILTER_##id,
	FILTER_ATTRIBUTES(X)
#undef X
	    FILTER_ATTR_COUNT
};

enum filter_op {
	FILTER_EQ,      /* = */
	FILTER_NE,      /* != */
	FILTER_MATCH,   /* =~ */
	FILTER_NMATCH,  /* !~ */
	FILTER_LT,      /* < */
	FILTER_GT,      /* > */
	FILTER_LE,      /* <= */
	FILTER_GE,      /* >= */
	FILTER_HAS,     /* # */
	FILTER_HASNOT,  /* !# */
	FILTER_BETWEEN, /* between N:M */
};

enum filter_node_kind { FILTER_AND, FILTER_OR, FILTER_CMP };

struct filter_node {
	enum filter_node_kind kind;
	struct filter_node *left, *right; /* FILTER_AND, FILTER_OR */
	/* FILTER_CMP */
	enum filter_attr attr;
	enum filter_op op;
	char *value;         /* the literal, unquoted */
	long long number;    /* the value as a number (< > <= >=) */
	long long low, high; /* between; valid only when has_range */
	int has_range;       /* between's value was a range N:M (otherwise nothing is between) */
	regex_t regex;       /* =~ !~ */
	int column;          /* 1-based column of the attribute in the expression */
};

struct filter {
	char *text;
	struct filter_node *root;
};

struct filter_error {
	int column; /* 1-based column of the mistake in the expression */
	char message[160];
};

/* Parses text; returns the filter, or NULL with *err filled in. */
struct filter *filter_parse(const char *text, struct filter_error *err);
void filter_free(struct filter *f);

const char *filter_attr_name(enum filter_attr a);
/* Whether the attribute belongs to the article's feed rather than to the article. */
int filter_attr_is_feed(enum filter_attr a);
/* Whether any comparison of the tree is about the given attribute. */
int filter_uses_attr(const struct filter *f, enum filter_attr a);

/* How newsboat reads a number out of an attribute's text: an optional sign and the digits at
 * its start (after blanks), else 0. */
long long filter_number(const char *s);
/* Whether one comparison holds for the attribute's value (NULL counts as ""). */
int filter_compare(const struct filter_node *cmp, const char *value);

/* The value of an attribute for whatever is being judged, as text (newsboat's form: "yes" or
 * "no" for unread and saved, numbers in decimal); NULL when it is empty. The returned string
 * must stay valid until the next call. */
typedef const char *(*filter_value_fn)(enum filter_attr attr, void *ctx);
/* Judges the whole tree with values given by get. */
int filter_eval(const struct filter *f, filter_value_fn get, void *ctx);
int filter_node_eval(const struct filter_node *n, filter_value_fn get, void *ctx);

/* What the cache does not know about a feed: what the feeds file says of it. */
struct filter_feed_info {
	const char *url;
	const char *title; /* the file's "~Title", or NULL */
	const char *tags;  /* its tags, separated by spaces, or NULL */
};

/* The feeds of the feeds file in its order (feedindex counts from 1 in it; feeds only in the
 * cache have feedindex 0 and no tags), and the time `age` counts from. */
struct filter_scope {
	const struct filter_feed_info *feeds;
	int feed_count;
	int64_t now;
	/* owned by filter_scope_from_feeds */
	char **owned;
	int owned_count;
};

struct feeds_file;
/* The scope of the user's feeds file at time now; free with filter_scope_free. */
void filter_scope_from_feeds(struct filter_scope *scope, const struct feeds_file *ff, int64_t now);
void filter_scope_free(struct filter_scope *scope);

/* A query view's line of the feeds file, "query:NAME:EXPRESSION" (as in newsboat): returns 1
 * and sets *name and *expression (malloc'd) when url is one, else 0. */
int filter_query_line(const char *url, char **name, char **expression);

/* newsboat's form of an article's date: "Tue, 02 Jan 2024 10:00:00 +0000" in local time. */
void filter_format_date(int64_t when, char *out, size_t size);

#endif
