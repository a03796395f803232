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
#include "tasks/article.h"
#include "tasks/fulltext.h"
#include "tasks/save.h"
#include "parse/feed.h"
#include "render/render.h"
#include "store/feeds.h"
#include "store/items.h"
#include "store/view.h"

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

char *save_slug(const char *title, size_t max)
{
	struct buf b;

	buf_init(&b);
	append_slug(&b, title, max);
	return buf_steal(&b);
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

/* The saved HTML document: the article header in the saved-document shape (title as the
 * heading, the date in <time>), the body, and the original URL. */
static char *document_html(const struct article_header *h, const char *body_html)
{
	const char *title = article_header_value(h, HEADER_TITLE), *link;
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
	html_escape_into(&b, title);
	buf_puts(&b, "</title>\n</head>\n<body>\n<article>\n");
	for (int i = 0; i < h->count; i++) {
		const struct header_field *f = &h->fields[i];
		const char *prefix = article_document_prefix(f);
		if (!prefix)
			continue;
		buf_puts(&b, f->kind == HEADER_TITLE  ? "<h1>"
		             : f->kind == HEADER_DATE ? "<p><time>"
		                                      : "<p>");
		buf_puts(&b, prefix); /* fixed text */
		html_escape_into(&b, f->value);
		buf_puts(&b, f->kind == HEADER_TITLE  ? "</h1>\n"
		             : f->kind == HEADER_DATE ? "</time></p>\n"
		                                      : "</p>\n");
	}
	buf_puts(&b, body_html);
	buf_puts(&b, "\n</article>\n");
	if ((link = article_header_value(h, HEADER_LINK))) {
		buf_puts(&b, "<p>Original url: <a href=\"");
		html_escape_into(&b, link);
		buf_puts(&b, "\">");
		html_escape_into(&b, link);
		buf_puts(&b, "</a></p>\n");
	}
	buf_puts(&b, "</body>\n</html>\n");
	return buf_steal(&b);
}

/* The saved text document: the header in the saved-document shape, a paragraph a line, the
 * body wrapped to TEXT_WIDTH, and the original URL. */
static char *document_text(const struct article_header *h, const struct doc *d)
{
	const char *link;
	struct buf b;
	char *body;

	buf_init(&b);
	for (int i = 0; i < h->count; i++) {
		const char *prefix = article_document_prefix(&h->fields[i]);
		if (prefix)
			buf_printf(&b, "%s%s\n\n", prefix, h->fields[i].value);
	}
	body = render_text(d, TEXT_WIDTH);
	buf_puts(&b, body);
	free(body);
	if ((link = article_header_value(h, HEADER_LINK)))
		buf_printf(&b, "\nOriginal url: %s\n", link);
	return buf_steal(&b);
}

static char *render_saved(const struct item_row *r, const char *body_html, enum save_format f)
{
	struct article_meta meta;
	struct article_header h;
	struct doc *d;
	char *out;

	article_meta_of_row(r, &meta);
	if (f == SAVE_MARKDOWN) {
		d = doc_from_html(body_html, strlen(body_html), r->link);
		out = render_markdown(d, &meta);
		doc_free(d);
		return out;
	}
	article_header_build(&h, &meta);
	if (f == SAVE_HTML) {
		out = document_html(&h, body_html);
	} else {
		d = doc_from_html(body_html, strlen(body_html), r->link);
		out = document_text(&h, d);
		doc_free(d);
	}
	article_header_free(&h);
	return out;
}

/* ---- saving an item ---- */

/* The article's HTML for saving: the full text, fetched now when missing; when the page
 * cannot be had, the feed's own content (cleaned) with a warning in *warning. */
static char *saved_body(struct cache *c, const struct feeds_file *ff, struct item_row *r,
                        char **warning, char **err)
{
	char *fetch_err = NULL;
	const char *fallback;

	if ((!r->fulltext || !*r->fulltext) && r->link && *r->link &&
	    fulltext_fetch_item(c, r->id, &fetch_err) == 0) {
		struct item_row fresh;
		if (store_item_get(c, r->id, &fresh) == 1) {
			item_row_free(r);
			*r = fresh;
			item_row_name_feed(r, ff);
		}
	}
	if (r->fulltext && *r->fulltext) {
		/* the saved copy's "Original url" is the address the page gives itself (on its
		 * own site), else the feed's link; its By line the feed's author, else the
		 * page's: as the page said when its text was fetched, now or at a refresh */
		if (r->page_url && *r->page_url) {
			free(r->link);
			r->link = xstrdup(r->page_url);
		}
		if ((!r->author || !*r->author) && r->page_byline && *r->page_byline) {
			free(r->author);
			r->author = xstrdup(r->page_byline);
		}
		return xstrdup(r->fulltext);
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

static int save_row(struct cache *c, const struct feeds_file *ff, struct item_row *r,
                    enum save_format format, const char *output, char **written_path,
                    char **warning_out, char **err)
{
	char *warning = NULL, *body, *doc, *dir, *name, *saved_dir;
	int rc;

	body = saved_body(c, ff, r, &warning, err);
	if (!body)
		return -1;
	/* The extracted article is in the cache already (fulltext_fetch_item stored it); a
	 * fallback to the feed's own text is not stored as full text, so that it is never taken
	 * for the page's article: the cache holds that text anyway. */
	if (view_set_saved(c, r->id, 1) != 0) {
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

int save_article(struct cache *c, const struct feeds_file *ff, int64_t item_id,
                 enum save_format format, const char *output, char **written_path, char **warning,
                 char **err)
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
	item_row_name_feed(&row, ff);
	rc = save_row(c, ff, &row, format, output, written_path, warning, err);
	item_row_free(&row);
	return rc;
}

/* ---- saving a URL ---- */

/* A new item of the "Saved pages" feed holding the extracted page: stored as a refresh stores
 * a feed's items (the excerpt as its summary), then the article as its full text, each
 * indexed for search by the store's one rule. Returns its id or -1. */
static int64_t store_page_item(struct cache *c, const char *url, const struct article *a)
{
	struct parsed_item item = {.id = (char *)url,
	                           .link = (char *)url,
	                           .title = a->title,
	                           .author = a->byline,
	                           .summary = a->excerpt,
	                           .published = a->published,
	                           .updated = TIME_UNKNOWN};
	struct parsed_feed page = {.format = "html",
	                           .title = (char *)SAVED_FEED_TITLE,
	                           .updated = TIME_UNKNOWN,
	                           .items = &item,
	                           .item_count = 1};
	struct merge_stats stats = {0};
	int64_t feed_id = store_feed_ensure(c, SAVED_FEED_URL), id;

	if (feed_id <= 0 || store_merge_feed(c, feed_id, &page, 0, &stats) != 0)
		return -1;
	id = store_item_find_link(c, url);
	if (id <= 0 || fulltext_store(c, id, a) != 0)
		return -1;
	return id;
}

int save_url(struct cache *c, const struct feeds_file *ff, const char *url, enum save_format format,
             const char *output, int64_t *item_id, char **written_path, char **warning, char **err)
{
	int64_t id = store_item_find_link(c, url);
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
		id = store_page_item(c, url, a);
		article_free(a);
		if (id < 0) {
			*err = xasprintf("the cache refused the article: %s", cache_errmsg(c));
			return -1;
		}
	}
	*item_id = id;
	return save_article(c, ff, id, format, output, written_path, warning, err);
}
