/* Fuzzes the feeds file: any text parses, serialises back to itself, and a line added with
 * any URL, title and tags (they come from OPML files and the command line) stays one line
 * that reads back as the same subscription. */
#include "fuzz/fuzz.h"
#include "config/feeds_file.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TAGS 4

static void check_round_trip(const uint8_t *data, size_t size, const struct feeds_file *ff)
{
	char *text = feeds_file_text(ff);
	size_t len = strlen(text);
	struct feeds_file again;
	char *err = NULL;

	/* Without NUL bytes the lines come back byte for byte, plus a final newline. */
	if (!memchr(data, '\0', size)) {
		size_t expect = size + (size && data[size - 1] != '\n' ? 1 : 0);
		if (len != expect || memcmp(text, data, size) != 0)
			abort();
	}
	feeds_file_parse(text, len, &again, &err);
	if (again.line_count != ff->line_count || again.entry_count != ff->entry_count)
		abort();
	feeds_file_free(&again);
	free(err);
	free(text);
}

static int has_line_break(const char *s)
{
	return strpbrk(s, "\r\n") != NULL;
}

/* title is NULL when a tag could also read back as the title ("~tag"). */
static void check_added_line(const struct feeds_file *ff, const char *url, const char *title)
{
	char *text = feeds_file_text(ff);
	struct feeds_file again;
	char *err = NULL;
	const struct feed_entry *e;

	feeds_file_parse(text, strlen(text), &again, &err);
	/* A hostile title or URL must never split into a second subscription line. */
	if (again.line_count != ff->line_count)
		abort();
	e = feeds_file_find(&again, url);
	if (!has_line_break(url) && *url && !e)
		abort();
	if (e && title && *title && !has_line_break(title) &&
	    (!e->title || strcmp(e->title, title) != 0))
		abort();
	feeds_file_free(&again);
	free(err);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *rest = data;
	size_t rest_size = size;
	char *file = fuzz_take_field(&rest, &rest_size);
	char *url = fuzz_take_field(&rest, &rest_size);
	char *title = fuzz_take_field(&rest, &rest_size);
	char *tags[MAX_TAGS];
	int tag_count = 0;
	struct feeds_file ff;
	char *err = NULL;

	while (rest_size > 0 && tag_count < MAX_TAGS)
		tags[tag_count++] = fuzz_take_field(&rest, &rest_size);

	feeds_file_parse((const char *)data, size, &ff, &err);
	check_round_trip(data, size, &ff);
	free(err);

	int lines_before = ff.line_count;
	if (feeds_file_add(&ff, url, (const char *const *)tags, tag_count, title) == 0) {
		if (ff.line_count != lines_before + 1)
			abort();
		check_added_line(&ff, url, tag_count ? NULL : title);
		if (feeds_file_replace_url(&ff, url, title) == 0)
			feeds_file_remove(&ff, title);
		else
			feeds_file_remove(&ff, url);
	}
	feeds_file_free(&ff);

	for (int i = 0; i < tag_count; i++)
		free(tags[i]);
	free(file);
	free(url);
	free(title);
	return 0;
}
