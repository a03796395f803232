/* Importing subscriptions (tasks/import.h). */
#include "tasks/import.h"
#include "config/config.h"
#include "config/opml.h"
#include "core/log.h"
#include "core/paths.h"
#include "core/text.h"
#include "core/util.h"
#include "fetch/command.h"
#include "store/feeds.h"
#include "store/items.h"
#include "store/newsboat.h"

#include <errno.h>
#include <libxml/hash.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct import_state {
	struct import_report *r;
	xmlHashTablePtr listed; /* URLs in the feeds file, so that a big import stays linear */
};

static void counts_init(struct import_state *n, const struct feeds_file *ff,
                        struct import_report *r)
{
	memset(n, 0, sizeof(*n));
	n->r = r;
	n->listed = xmlHashCreate(ff->entry_count + 64);
	for (int i = 0; i < ff->entry_count; i++)
		xmlHashAddEntry(n->listed, (const xmlChar *)ff->entries[i].url, (void *)1);
}

static void counts_free(struct import_state *n)
{
	xmlHashFree(n->listed, NULL);
}

/* Adds one subscription unless it is refused or already there. Strings are cleaned first:
 * they come from another program's files. */
static void subscribe(struct feeds_file *ff, const char *url, const char *title, char *const *tags,
                      int tag_count, int full_text, struct import_state *n, int users_own)
{
	const char *why = users_own ? NULL : opml_url_refusal(url);
	char **clean_tags;
	char *clean_title;

	if (why) {
		log_error("refused %s: %s", url, why);
		n->r->refused++;
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
		n->r->added++;
	} else {
		n->r->already++; /* listed before, or earlier in this import */
	}
	for (int i = 0; i < tag_count; i++)
		free(clean_tags[i]);
	free(clean_tags);
	free(clean_title);
}

/* Lines of newsboat's urls file that only its user can have written, which tidings takes as
 * they are: exec: and filter: feeds (with a warning naming the command, which tidings will
 * run at every refresh) and query: views. */
static int users_own_line(const char *urls, const struct feed_entry *e)
{
	char *command, *url;
	enum feed_kind kind = feed_kind_of(e->url, &command, &url);

	if (kind != FEED_URL) {
		char *clean = text_sanitize_str(command, TEXT_COLLAPSE_SPACE);
		log_warn("%s:%d: %s feed carried over: tidings runs `%s` with /bin/sh at every "
		         "refresh",
		         urls, e->line, kind == FEED_EXEC ? "exec:" : "filter:", clean);
		free(clean);
	}
	free(command);
	free(url);
	return kind != FEED_URL || str_starts_with(e->url, "query:");
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

int import_opml_file(struct feeds_file *ff, const char *path, struct import_report *r)
{
	struct import_state n;
	struct opml_doc doc;
	char *data = NULL, *err = NULL;
	size_t len = 0;
	int rc;

	memset(r, 0, sizeof(*r));
	if (strcmp(path, "-") == 0)
		rc = read_fd(STDIN_FILENO, OPML_MAX_SIZE, &data, &len);
	else
		rc = read_file(path, OPML_MAX_SIZE, &data, &len);
	if (rc != 0) {
		if (rc == -EFBIG)
			log_error("%s: larger than %u MiB", path, OPML_MAX_SIZE >> 20);
		else
			log_error("%s: %s", path, strerror(-rc));
		return -1;
	}
	rc = opml_parse(data, len, &doc, &err);
	free(data);
	if (rc != 0) {
		log_error("%s: %s", path, err);
		free(err);
		return -1;
	}
	for (int i = 0; i < doc.refused_count; i++)
		log_error("refused %s", doc.refused[i]);
	counts_init(&n, ff, r);
	r->refused = doc.refused_count;
	for (int i = 0; i < doc.feed_count; i++) {
		const struct opml_feed *f = &doc.feeds[i];
		subscribe(ff, f->url, f->title, f->tags, f->tag_count, f->full_text, &n, 0);
	}
	counts_free(&n);
	opml_doc_free(&doc);
	if (r->added > 0 && save_feeds(ff) != 0)
		return -1;
	return r->refused ? -1 : 0;
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

/* Copies one feed's articles into the cache the way a refresh stores them (store_merge_feed),
 * then their marks. */
static int copy_feed(struct cache *c, struct newsboat_cache *nb, const char *url,
                     struct import_report *r)
{
	struct merge_stats stats = {0};
	struct newsboat_feed nf;
	char *err = NULL;
	int64_t feed_id;
	int rc = -1;

	if (newsboat_feed_read(nb, url, &nf, &err) != 0) {
		log_error("%s", err);
		free(err);
		return -1;
	}
	feed_id = store_feed_ensure(c, url);
	if (feed_id >= 0 &&
	    store_merge_feed(c, feed_id, nf.feed, settings.max_items_per_feed, &stats) == 0 &&
	    store_items_add_marks(c, feed_id, nf.feed, nf.read, nf.flagged) == 0)
		rc = 0;
	else
		log_error("copying the articles of %s: %s", url, cache_errmsg(c));
	r->items += nf.feed->item_count;
	r->new_items += stats.added;
	for (int i = 0; rc == 0 && i < nf.feed->item_count; i++) {
		r->read += nf.read[i];
		r->saved += nf.flagged[i];
	}
	newsboat_feed_free(&nf);
	return rc;
}

int import_newsboat_locate(const char *dir, char **urls_path, char **cache_path)
{
	struct newsboat_paths p;

	if (newsboat_locate(dir, &p) != 0)
		return -1;
	if (access(p.urls, F_OK) != 0) {
		log_error("%s: %s (is newsboat set up there?)", p.urls, strerror(errno));
		free(p.urls);
		free(p.cache);
		return -1;
	}
	*urls_path = p.urls;
	*cache_path = p.cache;
	return 0;
}

int import_newsboat(struct cache *c, struct feeds_file *ff, const char *urls_path,
                    const char *cache_file, struct import_report *r)
{
	struct feeds_file nb_urls;
	struct import_state n;
	struct newsboat_cache *nb;
	char *err = NULL;
	int failed = 0;

	memset(r, 0, sizeof(*r));
	if (feeds_file_load(urls_path, &nb_urls, &err) != 0) {
		log_error("%s", err);
		free(err);
		return -1;
	}
	counts_init(&n, ff, r);
	for (int i = 0; i < nb_urls.entry_count; i++) {
		const struct feed_entry *e = &nb_urls.entries[i];
		subscribe(ff, e->url, e->title, e->tags, e->tag_count, e->full_text, &n,
		          users_own_line(urls_path, e));
	}
	counts_free(&n);
	if (r->added > 0 && save_feeds(ff) != 0)
		failed = 1;
	nb = newsboat_cache_open(cache_file, &err);
	if (err) {
		log_error("%s; importing subscriptions only", err);
		free(err);
	}
	if (nb) {
		r->has_cache = 1;
		for (int i = 0; i < nb_urls.entry_count; i++)
			if ((!opml_url_refusal(nb_urls.entries[i].url) ||
			     feed_is_command(nb_urls.entries[i].url)) &&
			    copy_feed(c, nb, nb_urls.entries[i].url, r) != 0)
				failed = 1;
		newsboat_cache_close(nb);
	}
	feeds_file_free(&nb_urls);
	return failed || r->refused ? -1 : 0;
}
