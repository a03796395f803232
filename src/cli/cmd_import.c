/* tidings import and tidings export: subscriptions in and out as OPML, and moving over from
 * newsboat (its urls file, and its cache.db with read and flagged state). */
#include "cli/cli.h"
#include "config/opml.h"
#include "core/log.h"
#include "core/paths.h"
#include "core/text.h"
#include "core/util.h"
#include "store/feeds.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Largest newsboat urls file read. */
#define NEWSBOAT_URLS_MAX (16u << 20)

struct import_counts {
	int added;
	int already; /* subscribed before */
	int refused;
};

/* Adds one subscription unless it is refused or already there. Strings are cleaned first:
 * they come from another program's files. */
static void subscribe(struct feeds_file *ff, const char *url, const char *title, char *const *tags,
                      int tag_count, struct import_counts *n)
{
	const char *why = opml_url_refusal(url);
	char **clean_tags;
	char *clean_title;

	if (why) {
		log_error("refused %s: %s", url, why);
		n->refused++;
		return;
	}
	if (feeds_file_find(ff, url)) {
		n->already++;
		return;
	}
	clean_tags = xcalloc((size_t)tag_count + 1, sizeof(*clean_tags));
	for (int i = 0; i < tag_count; i++)
		clean_tags[i] = text_sanitize_str(tags[i], TEXT_COLLAPSE_SPACE);
	clean_title = title ? text_sanitize_str(title, TEXT_COLLAPSE_SPACE) : NULL;
	feeds_file_add(ff, url, (const char *const *)clean_tags, tag_count, clean_title);
	n->added++;
	for (int i = 0; i < tag_count; i++)
		free(clean_tags[i]);
	free(clean_tags);
	free(clean_title);
}

static int save_feeds(struct feeds_file *ff)
{
	char *err = NULL;

	if (feeds_file_save(ff, &err) == 0)
		return 0;
	log_error("%s", err);
	free(err);
	return -1;
}

static void report(const char *what, const struct import_counts *n)
{
	printf("%s: %d feed%s added, %d already subscribed, %d refused\n", what, n->added,
	       n->added == 1 ? "" : "s", n->already, n->refused);
}

static int import_opml(struct app *app, const char *path)
{
	struct feeds_file *ff;
	struct import_counts n = {0};
	struct opml_doc doc;
	char *data = NULL, *err = NULL;
	size_t len = 0;
	int rc;

	if (strcmp(path, "-") == 0)
		rc = read_fd(STDIN_FILENO, OPML_MAX_SIZE, &data, &len);
	else
		rc = read_file(path, OPML_MAX_SIZE, &data, &len);
	if (rc != 0) {
		log_error("%s: %s", path, rc == -EFBIG ? "larger than 16 MiB" : strerror(-rc));
		return EXIT_FAIL;
	}
	rc = opml_parse(data, len, &doc, &err);
	free(data);
	if (rc != 0) {
		log_error("%s: %s", path, err);
		free(err);
		return EXIT_FAIL;
	}
	if (!(ff = app_feeds(app))) {
		opml_doc_free(&doc);
		return EXIT_FAIL;
	}
	for (int i = 0; i < doc.refused_count; i++)
		log_error("refused %s", doc.refused[i]);
	n.refused = doc.refused_count;
	for (int i = 0; i < doc.feed_count; i++) {
		const struct opml_feed *f = &doc.feeds[i];
		subscribe(ff, f->url, f->title, f->tags, f->tag_count, &n);
	}
	opml_doc_free(&doc);
	if (n.added > 0 && save_feeds(ff) != 0)
		return EXIT_FAIL;
	report(path, &n);
	return n.refused ? EXIT_FAIL : EXIT_OK;
}

/* ---------- newsboat ---------- */

struct newsboat_paths {
	char *urls;
	char *cache; /* may not exist: then only subscriptions move over */
};

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where newsboat keeps its files: DIR when given (urls and cache.db inside), else
 * ~/.newsboat when it exists (newsboat prefers it), else the XDG directories. */
static int newsboat_locate(const char *dir, struct newsboat_paths *p)
{
	const char *home = getenv("HOME"), *xdg_config = getenv("XDG_CONFIG_HOME"),
	           *xdg_data = getenv("XDG_DATA_HOME");
	char *dot = NULL;

	memset(p, 0, sizeof(*p));
	if (dir) {
		p->urls = path_join(dir, "urls");
		p->cache = path_join(dir, "cache.db");
		return 0;
	}
	if (home && *home) {
		dot = path_join(home, ".newsboat");
		if (is_dir(dot)) {
			p->urls = path_join(dot, "urls");
			p->cache = path_join(dot, "cache.db");
			free(dot);
			return 0;
		}
		free(dot);
	}
	if (xdg_config && *xdg_config == '/')
		p->urls = xasprintf("%s/newsboat/urls", xdg_config);
	else if (home && *home)
		p->urls = xasprintf("%s/.config/newsboat/urls", home);
	if (xdg_data && *xdg_data == '/')
		p->cache = xasprintf("%s/newsboat/cache.db", xdg_data);
	else if (home && *home)
		p->cache = xasprintf("%s/.local/share/newsboat/cache.db", home);
	if (!p->urls || !p->cache) {
		free(p->urls);
		free(p->cache);
		log_error("cannot find newsboat's files: set HOME or name the directory");
		return -1;
	}
	return 0;
}

static sqlite3 *newsboat_open_cache(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int tables = 0;

	if (access(path, F_OK) != 0)
		return NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_prepare_v2(db,
	                       "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
	                       " AND name IN ('rss_feed', 'rss_item')",
	                       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		tables = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (tables == 2)
		return db;
fail:
	log_error("%s: not a newsboat cache (%s); importing subscriptions only", path,
	          db ? sqlite3_errmsg(db) : "cannot open");
	sqlite3_close(db);
	return NULL;
}

struct item_copy {
	sqlite3_stmt *find, *insert, *mark, *fts;
	int items, read, saved;
};

static int item_copy_prepare(struct cache *c, struct item_copy *ic)
{
	memset(ic, 0, sizeof(*ic));
	ic->find = cache_prepare(c, "SELECT id FROM items WHERE feed_id = ?1 AND guid = ?2");
	ic->insert = cache_prepare(
	    c, "INSERT INTO items(feed_id, guid, link, title, author, published, content, read,"
	       " saved, first_seen, sort_time)"
	       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, coalesce(?6, ?10))");
	/* An item already in our cache keeps what the reader did there, and gains newsboat's
	 * read and flagged state. */
	ic->mark = cache_prepare(c, "UPDATE items SET read = max(read, ?2), saved = max(saved, ?3)"
	                            " WHERE id = ?1");
	ic->fts =
	    cache_prepare(c, "INSERT INTO items_fts(rowid, title, author, body)"
	                     " VALUES (?1, coalesce(?2, ''), coalesce(?3, ''), coalesce(?4, ''))");
	return ic->find && ic->insert && ic->mark && ic->fts ? 0 : -1;
}

static void item_copy_finish(struct item_copy *ic)
{
	sqlite3_finalize(ic->find);
	sqlite3_finalize(ic->insert);
	sqlite3_finalize(ic->mark);
	sqlite3_finalize(ic->fts);
}

static char *column_clean(sqlite3_stmt *st, int col, int flags)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s && *s ? text_sanitize(s, (size_t)sqlite3_column_bytes(st, col), flags) : NULL;
}

/* One newsboat item (columns of the query in copy_feed_items) into feed feed_id. */
static int copy_item(sqlite3 *ours, struct item_copy *ic, int64_t feed_id, sqlite3_stmt *nb)
{
	char *guid = column_clean(nb, 0, 0), *link = column_clean(nb, 1, 0),
	     *title = column_clean(nb, 2, TEXT_COLLAPSE_SPACE),
	     *author = column_clean(nb, 3, TEXT_COLLAPSE_SPACE),
	     *content = column_clean(nb, 5, TEXT_KEEP_NEWLINES);
	int64_t published = sqlite3_column_int64(nb, 4), id = 0;
	int read = sqlite3_column_int(nb, 6) == 0, saved = sqlite3_column_int(nb, 7), rc = -1;

	if (!guid)
		guid = link ? xstrdup(link) : NULL;
	if (!guid) {
		rc = 0; /* nothing to know it by on the next refresh: not worth keeping */
		goto out;
	}
	sqlite3_reset(ic->find);
	sqlite3_bind_int64(ic->find, 1, feed_id);
	cache_bind_text(ic->find, 2, guid);
	if (sqlite3_step(ic->find) == SQLITE_ROW)
		id = sqlite3_column_int64(ic->find, 0);
	if (id) {
		sqlite3_reset(ic->mark);
		sqlite3_bind_int64(ic->mark, 1, id);
		sqlite3_bind_int(ic->mark, 2, read);
		sqlite3_bind_int(ic->mark, 3, saved);
		rc = sqlite3_step(ic->mark) == SQLITE_DONE ? 0 : -1;
		goto out;
	}
	sqlite3_reset(ic->insert);
	sqlite3_bind_int64(ic->insert, 1, feed_id);
	cache_bind_text(ic->insert, 2, guid);
	cache_bind_text(ic->insert, 3, link);
	cache_bind_text(ic->insert, 4, title);
	cache_bind_text(ic->insert, 5, author);
	if (published > 0)
		sqlite3_bind_int64(ic->insert, 6, published);
	else
		sqlite3_bind_null(ic->insert, 6);
	cache_bind_text(ic->insert, 7, content);
	sqlite3_bind_int(ic->insert, 8, read);
	sqlite3_bind_int(ic->insert, 9, saved);
	sqlite3_bind_int64(ic->insert, 10, (int64_t)time(NULL));
	if (sqlite3_step(ic->insert) != SQLITE_DONE)
		goto out;
	id = sqlite3_last_insert_rowid(ours);
	sqlite3_reset(ic->fts);
	sqlite3_bind_int64(ic->fts, 1, id);
	cache_bind_text(ic->fts, 2, title);
	cache_bind_text(ic->fts, 3, author);
	cache_bind_text(ic->fts, 4, content);
	rc = sqlite3_step(ic->fts) == SQLITE_DONE ? 0 : -1;
	ic->items++;
	ic->read += read;
	ic->saved += saved;
out:
	free(guid);
	free(link);
	free(title);
	free(author);
	free(content);
	return rc;
}

/* The feed's title and site link, when our cache has none yet. */
static int copy_feed_row(struct cache *c, sqlite3 *nb, const char *url, int64_t feed_id)
{
	sqlite3_stmt *q = NULL, *up;
	int rc = 0;

	if (sqlite3_prepare_v2(nb, "SELECT title, url FROM rss_feed WHERE rssurl = ?1", -1, &q,
	                       NULL) != SQLITE_OK)
		return -1;
	cache_bind_text(q, 1, url);
	if (sqlite3_step(q) == SQLITE_ROW) {
		char *title = column_clean(q, 0, TEXT_COLLAPSE_SPACE),
		     *link = column_clean(q, 1, 0);
		up = cache_prepare(c, "UPDATE feeds SET title = coalesce(title, ?2),"
		                      " site_link = coalesce(site_link, ?3) WHERE id = ?1");
		if (up) {
			sqlite3_bind_int64(up, 1, feed_id);
			cache_bind_text(up, 2, title);
			cache_bind_text(up, 3, link);
			rc = sqlite3_step(up) == SQLITE_DONE ? 0 : -1;
		} else {
			rc = -1;
		}
		sqlite3_finalize(up);
		free(title);
		free(link);
	}
	sqlite3_finalize(q);
	return rc;
}

/* Copies one feed's items in one transaction, so an interrupted import leaves each feed whole.
 * Flagged items (newsboat's flags column holds letters) become saved ones. */
static int copy_feed_items(struct cache *c, sqlite3 *nb, const char *url, struct item_copy *ic)
{
	sqlite3_stmt *q = NULL;
	int64_t feed_id;
	int rc = 0, step;

	if (sqlite3_prepare_v2(nb,
	                       "SELECT guid, url, title, author, pubDate, content, unread,"
	                       " coalesce(flags, '') <> '' FROM rss_item"
	                       " WHERE feedurl = ?1 AND deleted = 0 ORDER BY id",
	                       -1, &q, NULL) != SQLITE_OK) {
		log_error("reading newsboat's cache: %s", sqlite3_errmsg(nb));
		return -1;
	}
	cache_bind_text(q, 1, url);
	if (cache_begin(c) != 0) {
		sqlite3_finalize(q);
		return -1;
	}
	feed_id = store_feed_ensure(c, url);
	if (feed_id < 0 || copy_feed_row(c, nb, url, feed_id) != 0)
		rc = -1;
	while (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW)
		rc = copy_item(c->db, ic, feed_id, q);
	if (rc == 0 && step != SQLITE_DONE)
		rc = -1;
	sqlite3_finalize(q);
	if (rc != 0 || cache_commit(c) != 0) {
		log_error("copying the articles of %s: %s", url, sqlite3_errmsg(c->db));
		cache_rollback(c);
		return -1;
	}
	return 0;
}

static int import_newsboat(struct app *app, const char *dir)
{
	struct newsboat_paths p;
	struct feeds_file nb_urls, *ff;
	struct import_counts n = {0};
	struct item_copy ic;
	struct cache *c;
	sqlite3 *nb;
	char *err = NULL;
	int failed = 0;

	if (newsboat_locate(dir, &p) != 0)
		return EXIT_FAIL;
	if (access(p.urls, F_OK) != 0) {
		log_error("%s: %s (is newsboat set up there?)", p.urls, strerror(errno));
		free(p.urls);
		free(p.cache);
		return EXIT_FAIL;
	}
	if (feeds_file_load(p.urls, &nb_urls, &err) != 0) {
		log_error("%s", err);
		free(err);
		free(p.urls);
		free(p.cache);
		return EXIT_FAIL;
	}
	if (!(ff = app_feeds(app)) || !(c = app_cache(app))) {
		feeds_file_free(&nb_urls);
		free(p.urls);
		free(p.cache);
		return EXIT_FAIL;
	}
	for (int i = 0; i < nb_urls.entry_count; i++) {
		const struct feed_entry *e = &nb_urls.entries[i];
		subscribe(ff, e->url, e->title, e->tags, e->tag_count, &n);
	}
	if (n.added > 0 && save_feeds(ff) != 0)
		failed = 1;
	report(p.urls, &n);

	nb = newsboat_open_cache(p.cache);
	if (nb && item_copy_prepare(c, &ic) == 0) {
		for (int i = 0; i < nb_urls.entry_count; i++)
			if (!opml_url_refusal(nb_urls.entries[i].url) &&
			    copy_feed_items(c, nb, nb_urls.entries[i].url, &ic) != 0)
				failed = 1;
		printf("%s: %d article%s copied, %d of them read, %d saved\n", p.cache, ic.items,
		       ic.items == 1 ? "" : "s", ic.read, ic.saved);
	} else if (nb) {
		failed = 1;
	}
	if (nb)
		item_copy_finish(&ic);
	sqlite3_close(nb);
	feeds_file_free(&nb_urls);
	free(p.urls);
	free(p.cache);
	return failed || n.refused ? EXIT_FAIL : EXIT_OK;
}

int cmd_import(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {{"from-newsboat", no_argument, NULL, 'n'},
	                                        {NULL, 0, NULL, 0}};
	const struct command *self = command_find("import");
	int opt, from_newsboat = 0;

	while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
		if (opt != 'n')
			return command_bad_usage(self, "unknown option");
		from_newsboat = 1;
	}
	if (from_newsboat) {
		if (argc - optind > 1)
			return command_bad_usage(self, "expected at most one directory");
		return import_newsboat(app, optind < argc ? argv[optind] : NULL);
	}
	if (argc - optind != 1)
		return command_bad_usage(self, "expected one OPML file (or - for standard input)");
	return import_opml(app, argv[optind]);
}

static const char *cached_title(const struct feed_row *rows, int n, const char *url)
{
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].url, url) == 0)
			return rows[i].title;
	return NULL;
}

int cmd_export(struct app *app, int argc, char **argv)
{
	struct opml_out_feed *out;
	struct feeds_file *ff;
	struct feed_row *rows = NULL;
	struct cache *c;
	int n = 0;

	if (argc > 1)
		return command_bad_usage(command_find("export"), "unexpected argument");
	if (!(ff = app_feeds(app)) || !(c = app_cache(app)))
		return EXIT_FAIL;
	if (store_feed_list(c, &rows, &n) != 0)
		return EXIT_FAIL;
	out = xcalloc((size_t)ff->entry_count + 1, sizeof(*out));
	for (int i = 0; i < ff->entry_count; i++) {
		const struct feed_entry *e = &ff->entries[i];
		out[i].url = e->url;
		out[i].has_custom_title = e->title != NULL;
		out[i].title = e->title ? e->title : cached_title(rows, n, e->url);
		out[i].tags = (const char *const *)e->tags;
		out[i].tag_count = e->tag_count;
	}
	opml_write(stdout, "tidings subscriptions", out, ff->entry_count);
	free(out);
	feed_rows_free(rows, n);
	return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_FAIL;
}
