/* Back ends over the document model (render/doc.h): terminal lines for the reading pane,
 * plain text for `tidings show`, Markdown for saved articles.
 *
 * Nothing these functions return can hold a byte below 0x20 other than '\n', nor DEL, nor a
 * C1 control, nor a bidirectional control: the doc was sanitised when it was built, and what
 * the back ends add themselves is fixed text. */
#ifndef TIDINGS_RENDER_RENDER_H
#define TIDINGS_RENDER_RENDER_H

#include "render/doc.h"

#include <stddef.h>
#include <stdint.h>

/* Attributes of a terminal segment: the doc_style bits, plus what the layout adds. The UI maps
 * each bit to an ncurses attribute. */
enum term_attr {
	TERM_BOLD = DOC_BOLD,
	TERM_ITALIC = DOC_ITALIC,
	TERM_CODE = DOC_CODE, /* inline code and preformatted blocks */
	TERM_LINK = DOC_LINK,
	TERM_STRIKE = DOC_STRIKE,
	TERM_HEADING = 1 << 5,
	TERM_QUOTE = 1 << 6,   /* the bar in front of quoted lines */
	TERM_MARKER = 1 << 7,  /* list bullets and numbers */
	TERM_LINKNUM = 1 << 8, /* the "[3]" after a link's text */
	TERM_IMAGE = 1 << 9,   /* "[image: alt]" */
	TERM_TRUNC = 1 << 10,  /* the mark at the end of a cut or continued preformatted line */
	TERM_RULE = 1 << 11,   /* horizontal rules and table borders */
	TERM_CAPTION = 1 << 12,
};

struct term_seg {
	const char *text; /* sanitised UTF-8, no control characters; valid until the next
	                     term_layout_set_width or term_layout_free */
	size_t len;       /* bytes (text is also NUL-terminated) */
	int cols;         /* display columns */
	unsigned attr;    /* enum term_attr bits */
	int link;         /* index into doc->links (the [n] shown is link + 1), or -1 */
};

struct term_line {
	struct term_seg *segs;
	int seg_count;
	int cols;  /* never more than the layout's width */
	int block; /* index of the doc block it comes from, -1 for the link list */
};

struct term_layout {
	int width;
	struct term_line *lines;
	int line_count;
	struct term_layout_priv *priv; /* words measured once, for cheap re-wrapping */
};

enum term_layout_flags {
	/* A preformatted line wider than the layout goes on over the next lines, each full
	 * line ending in "↩" (TERM_TRUNC), instead of being cut with "…": nothing is lost. */
	TERM_WRAP_CODE = 1 << 0,
};

/* Lays d out in lines of at most width columns (a width under 10 counts as 10). d must
 * outlive the layout. Links are numbered "[n]" in the text and listed at the end. Long
 * preformatted lines are cut with "…". */
struct term_layout *term_layout_new(const struct doc *d, int width);
/* The same, with enum term_layout_flags. */
struct term_layout *term_layout_new_flags(const struct doc *d, int width, unsigned flags);
/* Re-wraps to a new width, reusing the measured words: cheap enough for every resize. */
void term_layout_set_width(struct term_layout *l, int width);
void term_layout_free(struct term_layout *l);

/* The body as plain text wrapped to width columns, with the link list at the end. Long
 * preformatted lines are continued (TERM_WRAP_CODE), never cut. */
char *render_text(const struct doc *d, int width);

/* What a saved article says about itself, beside its body. NULL fields are left out. */
struct article_meta {
	const char *title;
	const char *author;
	int64_t date; /* TIME_UNKNOWN (parse/feed.h) when unknown */
	const char *link;
	const char *feed;
	const char *enclosures; /* the cache's enclosures column (JSON, core/media.h), or NULL */
};

/* The article header: one definition of the lines above an article wherever it is shown
 * (reading pane, `tidings show` in every format, saved files): the title, then "Feed:",
 * "Author:", "Date:" (the date-format setting), "Link:" and a "Media:" line per enclosure
 * (URL, type, size, duration: core/media.h), each left out when empty. */
enum header_kind {
	HEADER_TITLE,
	HEADER_FEED,
	HEADER_AUTHOR,
	HEADER_DATE,
	HEADER_LINK,
	HEADER_MEDIA
};

struct header_field {
	enum header_kind kind;
	const char *label; /* "Author: "; "" for the title */
	char *value;       /* sanitised, one line */
};

struct article_header {
	struct header_field *fields;
	int count;
};

void article_header_build(struct article_header *h, const struct article_meta *meta);
void article_header_free(struct article_header *h);
/* A field's value, or NULL when the header has none. */
const char *article_header_value(const struct article_header *h, enum header_kind kind);
/* The header as text lines, "Label: value", and a blank line. malloc'd. */
char *article_header_text(const struct article_header *h);
/* The field's prefix in the saved-document shape (title and date bare, "By " before the
 * author), or NULL for the link, which such a document gives after the body as
 * "Original url:". */
const char *article_document_prefix(const struct header_field *f);
/* A date as every view shows it (the date-format setting); "" when unknown. */
void article_date_text(int64_t date, char *out, size_t size);

/* The body as Markdown, unwrapped. */
char *render_markdown_body(const struct doc *d);
/* The saved-article shape: the article header (article_document_prefix), the body, and
 * "Original url:" <link>. */
char *render_markdown(const struct doc *d, const struct article_meta *meta);

#endif
