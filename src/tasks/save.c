/* Saving articles for offline reading: the full text kept in the cache and marked saved, and
 * a file written under the save directory. The file's name comes from hostile text (the
 * title), so it is built from a safe alphabet, opened relative to the directory with
 * O_CREAT|O_EXCL|O_NOFOLLOW, and never replaces anything. */
#include "config/config.h"
#include "core/paths.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/log.h"
#include "core/util.h"
#include "tasks/fulltext.h"
#include "tasks/save.h"
#include "parse/feed.h"
#include "render/render.h"
#include "store/feeds.h"
#include "store/items.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SAVED_FEED_URL "tidings:saved"
#define SAVED_FEED_TITLE "Saved pages"
#define MAX_SUFFIX 1000
#define TEXT_WIDTH 80

int save_format_parse(const char *s, enum save_format *out)
{
	if (strcmp(s, "markdown") == 0)
		*out = SAVE_MARKDOWN;
	else if (strcmp(s, "text") == 0)
		*out = SAVE_TEXT;
	else if (strcmp(s, "html") == 0)
		*out = SAVE_HTML;
	else
		return -1;
	return 0;
}

static const char *format_extension(enum save_format f)
{
	return f == SAVE_MARKDOWN ? "md" : f == SAVE_TEXT ? "txt" : "html";
}

char *save_directory(const char *saved_dir)
{
	if (settings.save_dir && *settings.save_dir) {
		if (settings.save_dir[0] == '~' && settings.save_dir[1] == '/' && getenv("HOME"))
			return path_join(getenv("HOME"), settings.save_dir + 2);
		return xstrdup(settings.save_dir);
	}
	return xstrdup(saved_dir);
}

/* ---- file names ---- */

/* Characters kept as they are in a file name: ASCII letters and digits, and every non-ASCII
 * character the sanitiser lets through (letters of other scripts). Everything else, the
 * path separator, dots, quotes, shell specials and white space included, becomes '-'. */
static int keeps_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

static void append_slug(struct buf *out, const char *title, size_t max)
{
	char *clean = text_sanitize_str(title ? title : "", TEXT_COLLAPSE_SPACE);
	size_t start = out->len;
	const char *s = clean;

	while (*s && out->len - start < max) {
		unsigned char c = (unsigned char)*s;
		uint32_t cp;
		size_t n;

		if (c < 0x80) {
			if (keeps_byte(c))
				buf_putc(out, (char)((c >= 'A' && c <= 'Z') ? c + 32 : c));
			else if (out->len > start && out->data[out->len - 1] != '-')
				buf_putc(out, '-');
			s++;
			continue;
		}
		n = utf8_decode(s, strlen(s), &cp);
		if (out->len - start + n > max)
			break;
		buf_append(out, s, n);
		s += n;
	}
	while (out->len > start && out->data[out->len - 1] == '-')
		out->data[--out->len] = '\0';
	if (out->len == start)
		buf_puts(out, "article");
	free(clean);
}

char *save_file_name(const char *title, int64_t date, const char *ext)
{
	struct buf b;
	char day[16] = "undated";
	size_t room;

	if (date != TIME_UNKNOWN) {
		time_t t = (time_t)date;
		struct tm tm;
		if (gmtime_r(&t, &tm))
			strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	}
	buf_init(&b);
	buf_printf(&b, "%s-", day);
	/* leave room for "-NNN" and the extension */
	room = SAVE_NAME_MAX - b.len - 4 - 1 - strlen(ext);
	append_slug(&b, title, room);
	buf_printf(&b, ".%s", ext);
	return buf_steal(&b);
}

/* ---- writing without ever replacing ---- */

/* Writes data to a new file `name` inside the directory dirfd refers to; on any failure the
 * file is removed again. Returns 0, -EEXIST when the name is taken, or -errno. */
static int write_new_file(int dirfd, const char *name, const char *data, size_t len)
{
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	int e;

	if (fd < 0)
		return -errno;
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		e = errno;
		close(fd);
		unlinkat(dirfd, name, 0);
		return -e;
	}
	if (close(fd) != 0) {
		e = errno;
		unlinkat(dirfd, name, 0);
		return -e;
	}
	return 0;
}

/* "name.ext", "name-2.ext", "name-3.ext"...: the first free one. */
static int write_unique(int dirfd, const char *dir, const char *name, const char *data, size_t len,
                        char **written, char **err)
{
	const char *dot = strrchr(name, '.');
	size_t stem = dot ? (size_t)(dot - name) : strlen(name);

	for (int i = 1; i <= MAX_SUFFIX; i++) {
		char *candidate = i == 1
		                      ? xstrdup(name)
		                      : xasprintf("%.*s-%d%s", (int)stem, name, i, dot ? dot : "");
		int rc = write_new_file(dirfd, candidate, data, len);

		if (rc == 0) {
			*written = path_join(dir, candidate);
			free(candidate);
			return 0;
		}
		if (rc != -EEXIST) {
			*err = xasprintf("cannot write %s/%s: %s", dir, candidate, strerror(-rc));
			free(candidate);
			return -1;
		}
		free(candidate);
	}
	*err = xasprintf("%s: too many saved articles named like %s", dir, name);
	return -1;
}

static int write_into_dir(const char *dir, int create, const char *name, const char *data,
                          size_t len, char **written, char **err)
{
	int dirfd, rc;

	if (create && (rc = mkdir_p(dir, 0700)) != 0) {
		*err = xasprintf("cannot create %s: %s", dir, strerror(-rc));
		return -1;
	}
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		*err = xasprintf("cannot open %s: %s", dir, strerror(errno));
		return -1;
	}
	rc = write_unique(dirfd, dir, name, data, len, written, err);
	close(dirfd);
	return rc;
}

/* --output PATH: "-" is standard output, a directory gets a new file, anything else is a
 * new file that must not exist yet. */
static int write_output(const char *output, const char *dir, const char *name, const char *data,
                        size_t len, char **written, char **err)
{
	struct stat st;
	const char *base;
	char *parent;
	int dirfd, rc;

	if (!output)
		return write_into_dir(dir, 1, name, data, len, written, err);
	if (strcmp(output, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			*err = xasprintf("cannot write to standard output: %s", strerror(errno));
			return -1;
		}
		*written = xstrdup("-");
		return 0;
	}
	if (stat(output, &st) == 0 && S_ISDIR(st.st_mode))
		return write_into_dir(output, 0, name, data, len, written, err);
	base = strrchr(output, '/');
	parent = base == output ? xstrdup("/")
	         : base         ? xstrndup(output, (size_t)(base - output))
	                        : xstrdup(".");
	base = base ? base + 1 : output;
	if (!*base) {
		*err = xasprintf("%s: not a directory", output);
		free(parent);
		return -1;
	}
	dirfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		*err = xasprintf("cannot open %s: %s", parent, strerror(errno));
		free(parent);
		return -1;
	}
	rc = write_new_file(dirfd, base, data, len);
	close(dirfd);
	free(parent);
	if (rc != 0) {
		*err = rc == -EEXIST
		           ? xasprintf("%s exists: tidings never overwrites a file", output)
		           : xasprintf("cannot write %s: %s", output, strerror(-rc));
		return -1;
	}
	*written = xstrdup(output);
	return 0;
}

/* ---- the saved document ---- */

char *article_markdown_body(const struct article *a, const char *base_url)
{
	struct doc *d = doc_from_html(a->html, strlen(a->html), base_url);
	char *md = render_markdown_body(d);

	doc_free(d);
	return md;
}

char *article_markdown(const struct article *a, const char *url)
{
	struct doc *d = doc_from_html(a->html, strlen(a->html), url);
	struct article_meta meta = {.title = a->title,
	                            .author = a->byline,
	                            .date = a->published,
	                            .link = url,
	                            .feed = a->site_name};
	char *md = render_markdown(d, &meta);

	doc_free(d);
	return md;
}

/* One line of outside text in the saved HTML: sanitised, then escaped. */
static void html_escape_into(struct buf *b, const char *s)
{
	char *clean = text_sanitize_str(s ? s : "", TEXT_COLLAPSE_SPACE);

	buf_put_xml_escaped(b, clean, 1);
	free(clean);
}

static void date_text(int64_t date, char *out, size_t size)
{
	time_t t = (time_t)date;
	struct tm tm;

	out[0] = '\0';
	if (date != TIME_UNKNOWN && gmtime_r(&t, &tm))
		strftime(out, size, "%B %d, %Y", &tm);
}

static char *document_html(const struct item_row *r, const char *body_html)
{
	struct buf b;
	char when[64];

	date_text(item_row_date(r), when, sizeof(when));
	buf_init(&b);
	buf_puts(&b, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
	html_escape_into(&b, r->title);
	buf_puts(&b, "</title>\n</head>\n<body>\n<article>\n<h1>");
	html_escape_into(&b, r->title);
	buf_puts(&b, "</h1>\n");
	if (r->author && *r->author) {
		buf_puts(&b, "<p>By ");
		html_escape_into(&b, r->author);
		buf_puts(&b, "</p>\n");
	}
	if (*when)
		buf_printf(&b, "<p><time>%s</time></p>\n", when);
	buf_puts(&b, body_html);
	buf_puts(&b, "\n</article>\n");
	if (r->link && *r->link) {
		buf_puts(&b, "<p>Original url: <a href=\"");
		html_escape_into(&b, r->link);
		buf_puts(&b, "\">");
		html_escape_into(&b, r->link);
		buf_puts(&b, "</a></p>\n");
	}
	buf_puts(&b, "</body>\n</html>\n");
	return buf_steal(&b);
}

static char *document_text(const struct item_row *r, const struct doc *d)
{
	struct buf b;
	char when[64], *body;

	date_text(item_row_date(r), when, sizeof(when));
	buf_init(&b);
	buf_puts(&b, "");
	if (r->title && *r->title) {
		char *t = text_sanitize_str(r->title, TEXT_COLLAPSE_SPACE);
		buf_printf(&b, "%s\n\n", t);
		free(t);
	}
	if (r->author && *r->author) {
		char *a = text_sanitize_str(r->author, TEXT_COLLAPSE_SPACE);
		buf_printf(&b, "By %s\n\n", a);
		free(a);
	}
	if (*when)
		buf_printf(&b, "%s\n\n", when);
	body = render_text(d, TEXT_WIDTH);
	buf_puts(&b, body);
	free(body);
	if (r->link && *r->link) {
		char *l = text_sanitize_str(r->link, TEXT_COLLAPSE_SPACE);
		buf_printf(&b, "\nOriginal url: %s\n", l);
		free(l);
	}
	return buf_steal(&b);
}

static char *render_saved(const struct item_row *r, const char *body_html, enum save_format f)
{
	struct doc *d;
	char *out;

	if (f == SAVE_HTML)
		return document_html(r, body_html);
	d = doc_from_html(body_html, strlen(body_html), r->link);
	if (f == SAVE_MARKDOWN) {
		struct article_meta meta = {.title = r->title,
		                            .author = r->author,
		                            .date = item_row_date(r),
		                            .link = r->link,
		                            .feed = r->feed_title};
		out = render_markdown(d, &meta);
	} else {
		out = document_text(r, d);
	}
	doc_free(d);
	return out;
}

/* ---- saving an item ---- */

static int set_saved(struct cache *c, int64_t id)
{
	sqlite3_stmt *st = cache_prepare(c, "UPDATE items SET saved = 1 WHERE id = ?1");
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The article's HTML for saving: the full text, fetched now when missing; when the page
 * cannot be had, the feed's own content (cleaned) with a warning in *warning. */
static char *saved_body(struct cache *c, struct item_row *r, char **warning, char **err)
{
	char *fetch_err = NULL;
	const char *fallback;

	if (r->fulltext && *r->fulltext)
		return xstrdup(r->fulltext);
	if (r->link && *r->link && fulltext_fetch_item(c, r->id, &fetch_err) == 0) {
		struct item_row fresh;
		if (store_item_get(c, r->id, &fresh) == 1) {
			item_row_free(r);
			*r = fresh;
			if (r->fulltext && *r->fulltext)
				return xstrdup(r->fulltext);
		}
	}
	fallback = r->content && *r->content ? r->content : r->summary;
	if (!fallback || !*fallback) {
		*err =
		    xasprintf("no text to save: %s",
		              fetch_err ? fetch_err : "the article has neither link nor content");
		free(fetch_err);
		return NULL;
	}
	*warning = xasprintf("saved the feed's text only: %s",
	                     fetch_err ? fetch_err : "the article has no link");
	free(fetch_err);
	return extract_clean_html(fallback, strlen(fallback), r->link);
}

/* saved/ beside the cache file, in the data directory (paths.c puts both there). */
static char *default_saved_dir(const struct cache *c)
{
	const char *slash = strrchr(cache_path(c), '/');
	char *data_dir =
	    slash ? xstrndup(cache_path(c), (size_t)(slash - cache_path(c))) : xstrdup(".");
	char *dir = path_join(data_dir, "saved");

	free(data_dir);
	return dir;
}

static int save_row(struct cache *c, struct item_row *r, enum save_format format,
                    const char *output, char **written_path, char **warning_out, char **err)
{
	char *warning = NULL, *body, *doc, *dir, *name, *saved_dir;
	int rc;

	body = saved_body(c, r, &warning, err);
	if (!body)
		return -1;
	/* The extracted article is in the cache already (fulltext_fetch_item stored it); a
	 * fallback to the feed's own text is not stored as full text, so that it is never taken
	 * for the page's article: the cache holds that text anyway. */
	if (set_saved(c, r->id) != 0) {
		*err = xstrdup("cannot mark the article saved in the cache");
		free(body);
		free(warning);
		return -1;
	}
	doc = render_saved(r, body, format);
	saved_dir = default_saved_dir(c);
	dir = save_directory(saved_dir);
	name = save_file_name(r->title,
	                      item_row_date(r) != TIME_UNKNOWN ? item_row_date(r) : r->first_seen,
	                      format_extension(format));
	rc = write_output(output, dir, name, doc, strlen(doc), written_path, err);
	if (rc == 0) {
		*warning_out = warning;
		warning = NULL;
	}
	free(name);
	free(dir);
	free(saved_dir);
	free(doc);
	free(body);
	free(warning);
	return rc;
}

int save_article(struct cache *c, int64_t item_id, enum save_format format, const char *output,
                 char **written_path, char **warning, char **err)
{
	struct item_row row;
	int rc = store_item_get(c, item_id, &row);

	*written_path = NULL;
	*warning = NULL;
	if (rc <= 0) {
		*err = rc < 0 ? xstrdup("cannot read the cache")
		              : xasprintf("no item %lld in the cache (see 'tidings list')",
		                          (long long)item_id);
		return -1;
	}
	rc = save_row(c, &row, format, output, written_path, warning, err);
	item_row_free(&row);
	return rc;
}

/* ---- saving a URL ---- */

static int64_t item_with_link(struct cache *c, const char *url)
{
	sqlite3_stmt *st =
	    cache_prepare(c, "SELECT id FROM items WHERE link = ?1 ORDER BY id LIMIT 1");
	int64_t id = 0;

	if (!st)
		return -1;
	cache_bind_text(st, 1, url);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* A new item of the "Saved pages" feed holding the extracted page. Returns its id or -1. */
static int64_t insert_page_item(struct cache *c, const char *url, const struct article *a)
{
	int64_t feed_id, id = -1, now = (int64_t)time(NULL);
	sqlite3_stmt *st;

	if (cache_begin(c) != 0)
		return -1;
	feed_id = store_feed_ensure(c, SAVED_FEED_URL);
	st = cache_prepare(c, "INSERT INTO items(feed_id, guid, link, title, author, published,"
	                      " summary, fulltext, first_seen, sort_time, saved)"
	                      " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, coalesce(?5, ?8), 0)"
	                      " RETURNING id");
	if (feed_id > 0 && st) {
		sqlite3_bind_int64(st, 1, feed_id);
		cache_bind_text(st, 2, url);
		cache_bind_text(st, 3, a->title);
		cache_bind_text(st, 4, a->byline);
		if (a->published != TIME_UNKNOWN)
			sqlite3_bind_int64(st, 5, a->published);
		cache_bind_text(st, 6, a->excerpt);
		cache_bind_text(st, 7, a->html);
		sqlite3_bind_int64(st, 8, now);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (id > 0) {
		sqlite3_stmt *title =
		    cache_prepare(c, "UPDATE feeds SET title = ?1 WHERE id = ?2 AND title IS NULL");
		if (title) {
			cache_bind_text(title, 1, SAVED_FEED_TITLE);
			sqlite3_bind_int64(title, 2, feed_id);
			sqlite3_step(title);
			sqlite3_finalize(title);
		}
		if (store_index_item(c, id) != 0)
			id = -1;
	}
	if (id > 0 && cache_commit(c) == 0)
		return id;
	cache_rollback(c);
	return -1;
}

int save_url(struct cache *c, const char *url, enum save_format format, const char *output,
             int64_t *item_id, char **written_path, char **warning, char **err)
{
	int64_t id = item_with_link(c, url);
	char *body = NULL, *final_url = NULL;
	size_t len = 0;
	struct extract_options eo;
	struct article *a = NULL;

	*written_path = NULL;
	*warning = NULL;
	if (id < 0) {
		*err = xstrdup("cannot read the cache");
		return -1;
	}
	if (id == 0) {
		if (fulltext_fetch_page(url, &body, &len, &final_url, err) != 0)
			return -1;
		memset(&eo, 0, sizeof(eo));
		eo.base_url = final_url;
		if (extract_article(body, len, &eo, &a, err) != 0) {
			free(body);
			free(final_url);
			return -1;
		}
		free(body);
		free(final_url);
		id = insert_page_item(c, url, a);
		article_free(a);
		if (id < 0) {
			*err =
			    xasprintf("the cache refused the article: %s", sqlite3_errmsg(c->db));
			return -1;
		}
	}
	*item_id = id;
	return save_article(c, id, format, output, written_path, warning, err);
}
