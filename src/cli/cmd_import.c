/* tidings import and tidings export: subscriptions in and out as OPML, and moving over from
 * newsboat (its urls file, and its cache.db with read and flagged state): the import task,
 * tasks/import.h. */
#include "cli/cli.h"
#include "cli/newsboat_config.h"
#include "config/opml.h"
#include "core/log.h"
#include "core/text.h"
#include "core/util.h"
#include "store/feeds.h"
#include "tasks/import.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void report(const char *what, const struct import_report *r)
{
	text_fputs(stdout, what, 0);
	printf(": %d feed%s added, %d already subscribed, %d refused\n", r->added,
	       r->added == 1 ? "" : "s", r->already, r->refused);
}

static int import_opml(struct app *app, const char *path)
{
	struct import_report r;
	struct feeds_file *ff = app_feeds(app);
	int rc;

	if (!ff)
		return EXIT_FAIL;
	rc = import_opml_file(ff, path, &r);
	if (rc != 0 && r.added == 0 && r.already == 0 && r.refused == 0)
		return EXIT_FAIL; /* nothing read: the error said why */
	report(path, &r);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

/* newsboat's config, beside its urls file. */
static int import_config(struct app *app, const char *urls)
{
	const char *slash = strrchr(urls, '/');
	char *dir = slash ? xstrndup(urls, (size_t)(slash - urls)) : xstrdup(".");
	char *config = path_join(dir, "config");
	struct newsboat_config_report cr;
	int rc = newsboat_config_import(config, &app->paths, &cr);

	if (cr.found) {
		text_fputs(stdout, config, 0);
		printf(": %d line%s moved to tidings' config and rules", cr.moved,
		       cr.moved == 1 ? "" : "s");
		if (cr.unmapped)
			printf(", %d not (listed above)", cr.unmapped);
		putchar('\n');
	}
	free(config);
	free(dir);
	return rc;
}

static int import_from_newsboat(struct app *app, const char *dir)
{
	struct import_report r;
	struct feeds_file *ff;
	struct cache *c;
	char *urls, *cache_file;
	int rc;

	if (import_newsboat_locate(dir, &urls, &cache_file) != 0)
		return EXIT_FAIL;
	if (!(ff = app_feeds(app)) || !(c = app_cache(app))) {
		free(urls);
		free(cache_file);
		return EXIT_FAIL;
	}
	rc = import_newsboat(c, ff, urls, cache_file, &r);
	report(urls, &r);
	if (r.has_cache) {
		text_fputs(stdout, cache_file, 0);
		printf(": %d article%s, %d new to the cache; %d read, %d saved\n", r.items,
		       r.items == 1 ? "" : "s", r.new_items, r.read, r.saved);
	}
	if (import_config(app, urls) != 0)
		rc = -1;
	free(urls);
	free(cache_file);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

int cmd_import(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {{"from-newsboat", no_argument, NULL, 'n'},
	                                        {NULL, 0, NULL, 0}};
	const struct command *self = command_find("import");
	int opt, from_newsboat = 0, rc;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt != 'n')
			return command_bad_usage(self, "unknown option");
		from_newsboat = 1;
	}
	if (from_newsboat) {
		if (argc - optind > 1)
			return command_bad_usage(self, "expected at most one directory");
		rc = import_from_newsboat(app, optind < argc ? argv[optind] : NULL);
		if (rc == EXIT_OK)
			cli_sync_after_change(app);
		return rc;
	}
	if (argc - optind != 1)
		return command_bad_usage(self, "expected one OPML file (or - for standard input)");
	rc = import_opml(app, argv[optind]);
	if (rc == EXIT_OK)
		cli_sync_after_change(app);
	return rc;
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
