/* Fuzzes OPML import: any document is read or refused without touching the network or a
 * file, every feed kept has a URL that passes opml_url_refusal (no file:, exec:, ...), each
 * one added to a feeds file stays one line, and what opml_write makes of the feeds reads back
 * as the same feeds with the same tags (grouped into folders by first tag, so not
 * necessarily in the same order). */
#include "fuzz/fuzz.h"
#include "config/feeds_file.h"
#include "config/opml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_into_feeds_file(const struct opml_doc *doc)
{
	struct feeds_file ff;
	char *err = NULL, *text;
	struct feeds_file again;

	feeds_file_parse("", 0, &ff, &err);
	for (int i = 0; i < doc->feed_count; i++) {
		const struct opml_feed *f = &doc->feeds[i];
		int before = ff.line_count;
		if (feeds_file_add(&ff, f->url, (const char *const *)f->tags, f->tag_count,
		                   f->title) == 0 &&
		    ff.line_count != before + 1)
			abort();
	}
	text = feeds_file_text(&ff);
	feeds_file_parse(text, strlen(text), &again, &err);
	if (again.line_count != ff.line_count || again.entry_count != ff.entry_count)
		abort();
	for (int i = 0; i < again.entry_count; i++)
		if (!feeds_file_find(&ff, again.entries[i].url))
			abort();
	feeds_file_free(&again);
	feeds_file_free(&ff);
	free(text);
	free(err);
}

static const struct opml_feed *find_feed(const struct opml_doc *doc, const char *url)
{
	for (int i = 0; i < doc->feed_count; i++)
		if (strcmp(doc->feeds[i].url, url) == 0)
			return &doc->feeds[i];
	abort(); /* a feed that was not in the document */
}

static void check_same_feed(const struct opml_feed *back, const struct opml_feed *orig)
{
	if (back->tag_count != orig->tag_count)
		abort();
	for (int i = 0; i < back->tag_count; i++)
		if (strcmp(back->tags[i], orig->tags[i]) != 0)
			abort();
}

static void check_write_read_back(const struct opml_doc *doc)
{
	struct opml_out_feed *out = calloc((size_t)doc->feed_count + 1, sizeof(*out));
	char *xml = NULL, *err = NULL;
	size_t xml_len = 0;
	FILE *f = open_memstream(&xml, &xml_len);
	struct opml_doc back;

	for (int i = 0; i < doc->feed_count; i++) {
		out[i].url = doc->feeds[i].url;
		out[i].title = doc->feeds[i].title;
		out[i].tags = (const char *const *)doc->feeds[i].tags;
		out[i].tag_count = doc->feeds[i].tag_count;
		out[i].has_custom_title = doc->feeds[i].title != NULL;
	}
	opml_write(f, doc->title, out, doc->feed_count);
	fclose(f);
	if (opml_parse(xml, xml_len, &back, &err) != 0)
		abort();
	if (back.feed_count != doc->feed_count)
		abort();
	for (int i = 0; i < back.feed_count; i++)
		check_same_feed(&back.feeds[i], find_feed(doc, back.feeds[i].url));
	opml_doc_free(&back);
	free(xml);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct opml_doc doc;
	char *err = NULL;

	if (opml_parse((const char *)data, size, &doc, &err) != 0) {
		free(err);
		return 0;
	}
	for (int i = 0; i < doc.feed_count; i++)
		if (opml_url_refusal(doc.feeds[i].url) != NULL)
			abort();
	check_into_feeds_file(&doc);
	check_write_read_back(&doc);
	opml_doc_free(&doc);
	return 0;
}
