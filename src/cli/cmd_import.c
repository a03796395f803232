/* tidings import and tidings export: subscriptions in and out as OPML, and moving over from
 * newsboat (its urls file, and its cache.db with read and flagged state). */
#include "cli/cli.h"
#include "config/opml.h"
#include "core/log.h"
#include "core/paths.h"
#include "core/text.h"
#include "core/util.h"
#include "config/config.h"
#include "parse/date.h"
#include "store/feeds.h"
#include "store/items.h"

#include <errno.h>
#include <libxml/hash.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct import_counts {
	int added;
	int already; /* subscribed before */
	int refused;
	xmlHashTablePtr listed; /* URLs in the feeds file, so that a big import stays linear */
};

static void counts_init(struct import_counts *n, const struct feeds_file *ff)
{
	memset(n, 0, sizeof(*n));
	n->listed = xmlHashCreate(ff->entry_count + 64);
	for (int i = 0; i < ff->entry_count; i++)
		xmlHashAddEntry(n->listed, (const xmlChar *)ff->entries[i].url, (void *)1);
}

static void counts_free(struct import_counts *n)
{
	xmlHashFree(n->listed, NULL);
}

/* Adds one subscription unless it is refused or already there. Strings are cleaned first:
 * they come from another program's files. */
static void subscribe(struct feeds_file *ff, const char *url, const char *title, char *const *tags,
                      int tag_count, int full_text, struct import_counts *n)
{
	const char *why = opml_url_refusal(url);
	char **clean_tags;
	char *clean_title;

	if (why) {
		log_error("refused %s: %s", url, why);
		n->refused++;
		return;
	}
	clean_tags = xcalloc((size_t)tag_count + 1, sizeof(*clean_tags));
	for (int i = 0; i < tag_count; i++)
		clean_tags[i] = text_sanitize_str(tags[i], TEXT_COLLAPSE_SPACE);
	clean_title = title ? text_sanitize_str(title, TEXT_COLLAPSE_SPACE) : NULL;
	if (xmlHashAddEntry(n->listed, (const xmlChar *)url, (void *)1) == 0) {
		feeds_file_append(ff, url, (const char *const *)clean_tags, tag_count, clean_title);
		if (full_text)
			feeds_file_set_full_text(ff, url);
		n->added++;
	} else {
		n->already++; /* listed before, or earlier in this import */
	}
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
	text_fputs(stdout, what, 0);
	printf(": %d feed%s added, %d already subscribed, %d refused\n", n->added,
	       n->added == 1 ? "" : "s", n->already, n->refused);
}

static int import_opml(struct app *app, const char *path)
{
	struct feeds_file *ff;
	struct import_counts n;
	struct opml_doc doc;
	char *data = NULL, *err = NULL;
	size_t len = 0;
	int rc;

	if (strcmp(path, "-") == 0)
		rc = read_fd(STDIN_FILENO, OPML_MAX_SIZE, &data, &len);
	else
		rc = read_file(path, OPML_MAX_SIZE, &data, &len);
	if (rc != 0) {
		if (rc == -EFBIG)
			log_error("%s: larger than %u MiB", path, OPML_MAX_SIZE >> 20);
		else
			log_error("%s: %s", path, strerror(-rc));
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
	counts_init(&n, ff);
	n.refused = doc.refused_count;
	for (int i = 0; i < doc.feed_count; i++) {
		const struct opml_feed *f = &doc.feeds[i];
		subscribe(ff, f->url, f->title, f->tags, f->tag_count, f->full_text, &n);
	}
	counts_free(&n);
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

static char *column_clean(sqlite3_stmt *st, int col, int flags)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s && *s ? text_sanitize(s, (size_t)sqlite3_column_bytes(st, col), flags) : NULL;
}

/* What newsboat knew of one feed: its items as the parser would have made them, and what the
 * reader did with each. */
struct nb_feed {
	struct parsed_feed *feed;
	unsigned char *read, *flagged; /* per item */
};

struct nb_totals {
	int items, added, read, saved;
};

static void nb_feed_free(struct nb_feed *nf)
{
	parsed_feed_free(nf->feed);
	free(nf->read);
	free(nf->flagged);
}

/* The key tidings' parser gives the item newsboat knew by guid. For an item without a <guid>
 * (or Atom <id>) newsboat makes one of the link and the date as the feed wrote it
 * ("http://x/1Mon, 02 Jan 2023 10:00:00 GMT"), or takes the link alone; tidings keys such
 * an item by its link, so that is the key here, or the first refresh after the move would
 * add every such article again and leave the read and saved state on the copies. */
static char *nb_item_key(char *guid, const char *link)
{
	size_t n = link ? strlen(link) : 0;

	if (!guid)
		return xstrdup(link);
	if (n > 0 && strncmp(guid, link, n) == 0 && guid[n] != '\0' &&
	    date_parse(guid + n) != TIME_UNKNOWN) {
		free(guid);
		return xstrdup(link);
	}
	return guid;
}

/* One row of the query in nb_feed_read into the next item. Items with neither guid nor link
 * could not be matched on the next refresh, so they are left out. */
static void nb_item_add(struct nb_feed *nf, sqlite3_stmt *q)
{
	struct parsed_feed *f = nf->feed;
	struct parsed_item *it;
	char *guid = column_clean(q, 0, 0), *link = column_clean(q, 1, 0), *enclosure;
	int64_t published = sqlite3_column_int64(q, 4);

	if (!guid && !link)
		return;
	f->items = xrealloc(f->items, sizeof(*f->items) * (size_t)(f->item_count + 1));
	nf->read = xrealloc(nf->read, (size_t)f->item_count + 1);
	nf->flagged = xrealloc(nf->flagged, (size_t)f->item_count + 1);
	it = &f->items[f->item_count];
	memset(it, 0, sizeof(*it));
	it->id = nb_item_key(guid, link);
	it->link = link;
	it->title = column_clean(q, 2, TEXT_COLLAPSE_SPACE);
	it->author = column_clean(q, 3, TEXT_COLLAPSE_SPACE);
	it->content = column_clean(q, 5, TEXT_KEEP_NEWLINES);
	it->published = published > 0 ? published : TIME_UNKNOWN;
	it->updated = TIME_UNKNOWN;
	enclosure = column_clean(q, 8, 0);
	if (enclosure) {
		it->enclosures = xcalloc(1, sizeof(*it->enclosures));
		it->enclosures[0].url = enclosure;
		it->enclosures[0].type = column_clean(q, 9, 0);
		it->enclosures[0].length = -1;
		it->enclosure_count = 1;
	}
	nf->read[f->item_count] = sqlite3_column_int(q, 6) == 0;
	nf->flagged[f->item_count] = sqlite3_column_int(q, 7) != 0;
	f->item_count++;
}

/* Reads one feed of newsboat's cache. Flagged articles (newsboat's flags column holds
 * letters) will be saved; deleted ones come over as read, so that the next refresh does not
 * bring them back as new. */
static int nb_feed_read(sqlite3 *nb, const char *url, struct nb_feed *nf)
{
	sqlite3_stmt *q = NULL;
	int step;

	memset(nf, 0, sizeof(*nf));
	nf->feed = xcalloc(1, sizeof(*nf->feed));
	nf->feed->format = "rss";
	nf->feed->updated = TIME_UNKNOWN;
	if (sqlite3_prepare_v2(nb, "SELECT title, url FROM rss_feed WHERE rssurl = ?1", -1, &q,
	                       NULL) != SQLITE_OK)
		goto fail;
	cache_bind_text(q, 1, url);
	if (sqlite3_step(q) == SQLITE_ROW) {
		nf->feed->title = column_clean(q, 0, TEXT_COLLAPSE_SPACE);
		nf->feed->link = column_clean(q, 1, 0);
	}
	sqlite3_finalize(q);
	if (sqlite3_prepare_v2(nb,
	                       "SELECT guid, url, title, author, pubDate, content,"
	                       " unread AND NOT deleted,"
	                       " coalesce(flags, '') <> '', enclosure_url, enclosure_type"
	                       " FROM rss_item WHERE feedurl = ?1 ORDER BY id",
	                       -1, &q, NULL) != SQLITE_OK)
		goto fail;
	cache_bind_text(q, 1, url);
	while ((step = sqlite3_step(q)) == SQLITE_ROW)
		nb_item_add(nf, q);
	sqlite3_finalize(q);
	if (step == SQLITE_DONE)
		return 0;
fail:
	log_error("reading newsboat's cache: %s", sqlite3_errmsg(nb));
	nb_feed_free(nf);
	return -1;
}

/* newsboat's read and flagged state onto the stored items, in one transaction. An item that
 * was already in our cache keeps what the reader did there and gains newsboat's. */
static int nb_apply_state(struct cache *c, int64_t feed_id, const struct nb_feed *nf,
                          struct nb_totals *t)
{
	sqlite3_stmt *up;
	int rc = 0;

	if (cache_begin(c) != 0)
		return -1;
	up = cache_prepare(c, "UPDATE items SET read = max(read, ?3), saved = max(saved, ?4)"
	                      " WHERE feed_id = ?1 AND guid = ?2");
	for (int i = 0; up && rc == 0 && i < nf->feed->item_count; i++) {
		sqlite3_reset(up);
		sqlite3_bind_int64(up, 1, feed_id);
		cache_bind_text(up, 2, nf->feed->items[i].id);
		sqlite3_bind_int(up, 3, nf->read[i]);
		sqlite3_bind_int(up, 4, nf->flagged[i]);
		rc = sqlite3_step(up) == SQLITE_DONE ? 0 : -1;
		t->read += nf->read[i];
		t->saved += nf->flagged[i];
	}
	sqlite3_finalize(up);
	if (!up || rc != 0 || cache_commit(c) != 0) {
		cache_rollback(c);
		return -1;
	}
	return 0;
}

/* Copies one feed's articles into the cache the way a refresh stores them (store_merge_feed),
 * then their state. */
static int nb_copy_feed(struct cache *c, sqlite3 *nb, const char *url, struct nb_totals *t)
{
	struct merge_stats stats = {0};
	struct nb_feed nf;
	int64_t feed_id;
	int rc = -1;

	if (nb_feed_read(nb, url, &nf) != 0)
		return -1;
	feed_id = store_feed_ensure(c, url);
	if (feed_id >= 0 &&
	    store_merge_feed(c, feed_id, nf.feed, settings.max_items_per_feed, &stats) == 0 &&
	    nb_apply_state(c, feed_id, &nf, t) == 0)
		rc = 0;
	else
		log_error("copying the articles of %s: %s", url, sqlite3_errmsg(c->db));
	t->items += nf.feed->item_count;
	t->added += stats.added;
	nb_feed_free(&nf);
	return rc;
}

static int import_newsboat(struct app *app, const char *dir)
{
	struct newsboat_paths p;
	struct feeds_file nb_urls, *ff;
	struct import_counts n;
	struct nb_totals t = {0};
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
	counts_init(&n, ff);
	for (int i = 0; i < nb_urls.entry_count; i++) {
		const struct feed_entry *e = &nb_urls.entries[i];
		subscribe(ff, e->url, e->title, e->tags, e->tag_count, e->full_text, &n);
	}
	counts_free(&n);
	if (n.added > 0 && save_feeds(ff) != 0)
		failed = 1;
	report(p.urls, &n);

	nb = newsboat_open_cache(p.cache);
	if (nb) {
		for (int i = 0; i < nb_urls.entry_count; i++)
			if (!opml_url_refusal(nb_urls.entries[i].url) &&
			    nb_copy_feed(c, nb, nb_urls.entries[i].url, &t) != 0)
				failed = 1;
		text_fputs(stdout, p.cache, 0);
		printf(": %d article%s, %d new to the cache; %d read, %d saved\n", t.items,
		       t.items == 1 ? "" : "s", t.added, t.read, t.saved);
		sqlite3_close(nb);
	}
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

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
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
	int n = 0, count = 0;

	if (argc > 1)
		return command_bad_usage(command_find("export"), "unexpected argument");
	if (!(ff = app_feeds(app)) || !(c = app_cache(app)))
		return EXIT_FAIL;
	if (store_feed_list(c, &rows, &n) != 0)
		return EXIT_FAIL;
	out = xcalloc((size_t)ff->entry_count + 1, sizeof(*out));
	for (int i = 0; i < ff->entry_count; i++) {
		const struct feed_entry *e = &ff->entries[i];
		/* exec:, filter:, query: and file: lines are this machine's own: another reader
		 * would take them for feeds (newsboat runs exec: ones), so they stay out */
		if (opml_url_refusal(e->url)) {
			log_error("left out %s: not an http or https feed", e->url);
			continue;
		}
		out[count].url = e->url;
		out[count].has_custom_title = e->title != NULL;
		out[count].title = e->title ? e->title : cached_title(rows, n, e->url);
		out[count].tags = (const char *const *)e->tags;
		out[count].tag_count = e->tag_count;
		out[count].full_text = e->full_text;
		count++;
	}
	opml_write(stdout, "tidings subscriptions", out, count);
	free(out);
	feed_rows_free(rows, n);
	return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_FAIL;
}
