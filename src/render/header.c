/* The article header: which lines stand above an article, in which order, with which labels
 * and which date format. Every view of an article takes its header from here: the reading
 * pane, `tidings show` in each format, and saved files (text, Markdown, HTML). */
#include "config/config.h"
#include "core/media.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/util.h"
#include "parse/feed.h"
#include "render/render.h"

#include <stdlib.h>
#include <string.h>

#define UNTITLED "(no title)"

static void add_field(struct article_header *h, enum header_kind kind, const char *label,
                      const char *value)
{
	struct header_field *f;

	if (!value || !*value)
		return;
	h->fields = xrealloc(h->fields, sizeof(*h->fields) * (size_t)(h->count + 1));
	f = &h->fields[h->count++];
	f->kind = kind;
	f->label = label;
	f->value = text_sanitize_str(value, TEXT_COLLAPSE_SPACE);
}

void article_date_text(int64_t date, char *out, size_t size)
{
	out[0] = '\0';
	/* a program that never loaded settings (a benchmark, a fuzzer) gets ISO dates */
	if (date != TIME_UNKNOWN && date != 0)
		time_format_local(date, settings.date_format ? settings.date_format : "%F", out,
		                  size);
}

/* One "Media:" field per enclosure. */
static void add_media(struct article_header *h, const char *enclosures)
{
	char **lines;
	int n = media_lines(enclosures, &lines);

	for (int i = 0; i < n; i++)
		add_field(h, HEADER_MEDIA, "Media: ", lines[i]);
	media_lines_free(lines, n);
}

void article_header_build(struct article_header *h, const struct article_meta *meta)
{
	char when[128];

	memset(h, 0, sizeof(*h));
	add_field(h, HEADER_TITLE, "", meta->title && *meta->title ? meta->title : UNTITLED);
	add_field(h, HEADER_FEED, "Feed: ", meta->feed);
	add_field(h, HEADER_AUTHOR, "Author: ", meta->author);
	article_date_text(meta->date, when, sizeof(when));
	add_field(h, HEADER_DATE, "Date: ", when);
	add_field(h, HEADER_LINK, "Link: ", meta->link);
	add_media(h, meta->enclosures);
}

void article_header_free(struct article_header *h)
{
	for (int i = 0; i < h->count; i++)
		free(h->fields[i].value);
	free(h->fields);
	memset(h, 0, sizeof(*h));
}

const char *article_header_value(const struct article_header *h, enum header_kind kind)
{
	for (int i = 0; i < h->count; i++)
		if (h->fields[i].kind == kind)
			return h->fields[i].value;
	return NULL;
}

char *article_header_text(const struct article_header *h)
{
	struct buf b;

	buf_init(&b);
	for (int i = 0; i < h->count; i++)
		buf_printf(&b, "%s%s\n", h->fields[i].label, h->fields[i].value);
	buf_putc(&b, '\n');
	return buf_steal(&b);
}

const char *article_document_prefix(const struct header_field *f)
{
	switch (f->kind) {
	case HEADER_TITLE:
	case HEADER_DATE:
		return "";
	case HEADER_AUTHOR:
		return "By ";
	case HEADER_LINK:
		return NULL; /* "Original url:" after the body */
	default:
		return f->label;
	}
}
