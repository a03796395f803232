#include "config/feeds_file.h"
#include "core/paths.h"
#include "core/text.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define FEEDS_FILE_MAX (16u << 20)

/* One token of a line: a bare word or a double-quoted string (with \" inside). */
struct token {
	char *text;
	size_t start, end; /* byte span within the line, quotes included */
};

static int next_token(const char *line, size_t *pos, struct token *tok)
{
	size_t i = *pos;
	struct buf b;

	while (line[i] == ' ' || line[i] == '\t')
		i++;
	if (line[i] == '\0' || line[i] == '#')
		return 0;
	buf_init(&b);
	tok->start = i;
	if (line[i] == '"') {
		for (i++; line[i] && line[i] != '"'; i++) {
			if (line[i] == '\\' && line[i + 1])
				i++;
			buf_putc(&b, line[i]);
		}
		if (line[i] == '"')
			i++;
	} else {
		for (; line[i] && line[i] != ' ' && line[i] != '\t'; i++)
			buf_putc(&b, line[i]);
	}
	tok->end = i;
	tok->text = buf_steal(&b);
	*pos = i;
	return 1;
}

static void entry_free(struct feed_entry *e)
{
	free(e->url);
	free(e->title);
	for (int i = 0; i < e->tag_count; i++)
		free(e->tags[i]);
	free(e->tags);
	memset(e, 0, sizeof(*e));
}

static int parse_line(const char *line, int lineno, struct feed_entry *e)
{
	struct token tok;
	size_t pos = 0;

	memset(e, 0, sizeof(*e));
	if (!next_token(line, &pos, &tok))
		return 0;
	e->url = tok.text;
	e->line = lineno;
	while (next_token(line, &pos, &tok)) {
		if (tok.text[0] == '~' && !e->title) {
			e->title = xstrdup(tok.text + 1);
		} else if (strcmp(tok.text, "+full-text") == 0) {
			e->full_text = 1;
		} else if (tok.text[0] != '\0') {
			e->tags = xrealloc(e->tags, sizeof(*e->tags) * (size_t)(e->tag_count + 1));
			e->tags[e->tag_count++] = xstrdup(tok.text);
		}
		free(tok.text);
	}
	return 1;
}

static void index_entries(struct feeds_file *ff)
{
	for (int i = 0; i < ff->entry_count; i++)
		entry_free(&ff->entries[i]);
	free(ff->entries);
	ff->entries = xcalloc((size_t)ff->line_count + 1, sizeof(*ff->entries));
	ff->entry_count = 0;
	for (int i = 0; i < ff->line_count; i++) {
		if (parse_line(ff->lines[i], i + 1, &ff->entries[ff->entry_count]))
			ff->entry_count++;
	}
}

/* Whether a quote opened on the line is closed (next_token's reading of it). */
static int quotes_closed(const char *line)
{
	int open = 0;

	for (const char *p = line; *p && (open || *p != '#'); p++) {
		if (open && *p == '\\' && p[1])
			p++;
		else if (*p == '"' && (open || p == line || p[-1] == ' ' || p[-1] == '\t'))
			open = !open;
	}
	return !open;
}

/* What is wrong with a line of a damaged file, or NULL: a file that is not text (a NUL
 * byte, bytes that are not UTF-8, control characters) or a quote left open. (A line whose
 * address is wrong is one feed's error, which refresh reports; it does not stop the rest.) */
static const char *line_damage(const char *raw, size_t len)
{
	const char *why = NULL;
	char *line;

	if (memchr(raw, '\0', len))
		return "holds a NUL byte: this is not a text file";
	if (!utf8_is_valid(raw, len))
		return "is not UTF-8 text";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)raw[i];
		if ((c < 0x20 && c != '\t' && !(c == '\r' && i + 1 == len)) || c == 0x7f)
			return "holds control characters";
	}
	line = xstrndup(raw, len);
	if (!quotes_closed(line))
		why = "has a quote (\") that is not closed";
	free(line);
	return why;
}

/* The first damaged line of a file's text, as an error message; NULL when there is none. */
static char *text_damage(const char *text, size_t len)
{
	size_t start = 0;

	for (int line = 1; start < len; line++) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) : len;
		const char *why = line_damage(text + start, end - start);
		if (why)
			return xasprintf(
			    "line %d %s: fix that line (until then tidings neither reads nor "
			    "rewrites the file)",
			    line, why);
		start = end + 1;
	}
	return NULL;
}

int feeds_file_parse(const char *text, size_t len, struct feeds_file *ff, char **err)
{
	size_t start = 0;

	(void)err;
	memset(ff, 0, sizeof(*ff));
	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) : len;
		ff->lines = xrealloc(ff->lines, sizeof(char *) * (size_t)(ff->line_count + 1));
		ff->lines[ff->line_count++] = xstrndup(text + start, end - start);
		start = end + 1;
	}
	index_entries(ff);
	return 0;
}

int feeds_file_load(const char *path, struct feeds_file *ff, char **err)
{
	char *text = NULL, *damage;
	size_t len = 0;
	int rc = read_file(path, FEEDS_FILE_MAX, &text, &len);

	*err = NULL;
	if (rc == -ENOENT) {
		text = xstrdup("");
		len = 0;
	} else if (rc != 0) {
		*err = xasprintf("%s: %s", path, strerror(-rc));
		memset(ff, 0, sizeof(*ff));
		return -1;
	}
	if ((damage = text_damage(text, len))) {
		*err = xasprintf("%s: %s", path, damage);
		free(damage);
		free(text);
		memset(ff, 0, sizeof(*ff));
		return -1;
	}
	rc = feeds_file_parse(text, len, ff, err);
	ff->path = xstrdup(path);
	free(text);
	return rc;
}

void feeds_file_free(struct feeds_file *ff)
{
	for (int i = 0; i < ff->entry_count; i++)
		entry_free(&ff->entries[i]);
	free(ff->entries);
	for (int i = 0; i < ff->line_count; i++)
		free(ff->lines[i]);
	free(ff->lines);
	free(ff->path);
	memset(ff, 0, sizeof(*ff));
}

const struct feed_entry *feeds_file_find(const struct feeds_file *ff, const char *url)
{
	for (int i = 0; i < ff->entry_count; i++)
		if (strcmp(ff->entries[i].url, url) == 0)
			return &ff->entries[i];
	return NULL;
}

/* Quotes a token when it holds white space, quotes or '#', so it reads back the same. A line
 * break (a title from an OPML file can hold one) is quoted too, and becomes a space inside the
 * quotes: written bare, it would start a second subscription line. */
static void put_token(struct buf *b, const char *s)
{
	if (strpbrk(s, " \t\r\n\"#") == NULL && s[0] != '\0') {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
	buf_putc(b, '"');
}

int feeds_file_add(struct feeds_file *ff, const char *url, const char *const *tags, int tag_count,
                   const char *title)
{
	if (feeds_file_find(ff, url))
		return -1;
	feeds_file_append(ff, url, tags, tag_count, title);
	return 0;
}

void feeds_file_append(struct feeds_file *ff, const char *url, const char *const *tags,
                       int tag_count, const char *title)
{
	struct buf line;

	buf_init(&line);
	put_token(&line, url);
	for (int i = 0; i < tag_count; i++) {
		buf_putc(&line, ' ');
		put_token(&line, tags[i]);
	}
	if (title && *title) {
		char *t = xasprintf("~%s", title);
		buf_putc(&line, ' ');
		put_token(&line, t);
		free(t);
	}
	ff->lines = xrealloc(ff->lines, sizeof(char *) * (size_t)(ff->line_count + 1));
	ff->lines[ff->line_count++] = buf_steal(&line);
	/* Only the new line needs parsing, so that importing thousands of feeds stays linear. */
	ff->entries = xrealloc(ff->entries, sizeof(*ff->entries) * (size_t)(ff->entry_count + 1));
	if (parse_line(ff->lines[ff->line_count - 1], ff->line_count,
	               &ff->entries[ff->entry_count]))
		ff->entry_count++;
}

void feeds_file_set_full_text(struct feeds_file *ff, const char *url)
{
	struct feed_entry *e = (struct feed_entry *)feeds_file_find(ff, url);
	char *line;

	if (!e || e->full_text)
		return;
	line = xasprintf("%s +full-text", ff->lines[e->line - 1]);
	free(ff->lines[e->line - 1]);
	ff->lines[e->line - 1] = line;
	e->full_text = 1;
}

int feeds_file_remove(struct feeds_file *ff, const char *url)
{
	const struct feed_entry *e = feeds_file_find(ff, url);
	int idx;

	if (!e)
		return -1;
	idx = e->line - 1;
	free(ff->lines[idx]);
	memmove(&ff->lines[idx], &ff->lines[idx + 1],
	        sizeof(char *) * (size_t)(ff->line_count - idx - 1));
	ff->line_count--;
	index_entries(ff);
	return 0;
}

int feeds_file_replace_url(struct feeds_file *ff, const char *old_url, const char *new_url)
{
	const struct feed_entry *e = feeds_file_find(ff, old_url);
	struct token tok;
	size_t pos = 0;
	struct buf line;
	char *old_line;

	if (!e)
		return -1;
	old_line = ff->lines[e->line - 1];
	if (!next_token(old_line, &pos, &tok))
		return -1;
	buf_init(&line);
	buf_append(&line, old_line, tok.start);
	put_token(&line, new_url);
	buf_puts(&line, old_line + tok.end);
	free(tok.text);
	ff->lines[e->line - 1] = buf_steal(&line);
	free(old_line);
	index_entries(ff);
	return 0;
}

char *feeds_file_text(const struct feeds_file *ff)
{
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < ff->line_count; i++) {
		buf_puts(&b, ff->lines[i]);
		buf_putc(&b, '\n');
	}
	return buf_steal(&b);
}

int feeds_file_save(struct feeds_file *ff, char **err)
{
	char *text = feeds_file_text(ff), *dir, *slash;
	int rc;

	*err = NULL;
	dir = xstrdup(ff->path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		mkdir_p(dir, 0700);
	}
	free(dir);
	rc = write_file_replace(ff->path, text, strlen(text), 0644, 1);
	if (rc != 0)
		*err = xasprintf("%s: %s", ff->path, strerror(-rc));
	free(text);
	return rc ? -1 : 0;
}

const char **feeds_file_tag_urls(const void *file, const char *tag)
{
	const struct feeds_file *ff = file;
	const char **urls = NULL;
	int n = 0;

	for (int i = 0; ff && i < ff->entry_count; i++)
		for (int k = 0; k < ff->entries[i].tag_count; k++)
			if (strcasecmp(ff->entries[i].tags[k], tag) == 0) {
				urls = xrealloc(urls, sizeof(*urls) * (size_t)(n + 2));
				urls[n++] = ff->entries[i].url;
				urls[n] = NULL;
				break;
			}
	return urls;
}

const char *feed_display_name(const struct feeds_file *ff, const char *url,
                              const char *cached_title)
{
	return feed_entry_display_name(ff && url ? feeds_file_find(ff, url) : NULL, url,
	                               cached_title);
}

const char *feed_entry_display_name(const struct feed_entry *e, const char *url,
                                    const char *cached_title)
{
	if (e && e->title && *e->title)
		return e->title;
	if (cached_title && *cached_title)
		return cached_title;
	return url ? url : "";
}
