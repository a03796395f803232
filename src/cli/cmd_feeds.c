/* tidings feeds and tidings remove: the subscription list, joined with what the cache knows. */
#include "cli/cli.h"
#include "cli/json_out.h"
#include "core/log.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/util.h"
#include "cli/resolve.h"
#include "filter/filter.h"
#include "parse/feed.h"
#include "store/feeds.h"
#include "store/filter_sql.h"

#include <getopt.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct feed_row *row_for(const struct feed_row *rows, int n, const char *url)
{
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].url, url) == 0)
			return &rows[i];
	return NULL;
}

static const char *display_title(const struct feed_entry *e, const struct feed_row *r)
{
	return feed_entry_display_name(e, e->url, r ? r->title : NULL);
}

static json_object *feed_json(const struct feed_entry *e, const struct feed_row *r)
{
	json_object *o = json_object_new_object(), *tags = json_object_new_array();

	json_object_object_add(o, "url", json_str(e->url));
	json_object_object_add(o, "title", json_str(display_title(e, r)));
	for (int i = 0; i < e->tag_count; i++)
		json_object_array_add(tags, json_str(e->tags[i]));
	json_object_object_add(o, "tags", tags);
	json_object_object_add(o, "unread", json_object_new_int(r ? r->unread : 0));
	json_object_object_add(o, "total", json_object_new_int(r ? r->total : 0));
	json_object_object_add(o, "last_fetch",
	                       json_time(r && r->last_fetch ? r->last_fetch : TIME_UNKNOWN));
	json_object_object_add(o, "last_error", json_str(r ? r->last_error : NULL));
	/* the last answer was read only in part (malformed, or past max-items-per-fetch) */
	json_object_object_add(o, "partly_read", json_str(r ? r->parse_warning : NULL));
	json_object_object_add(o, "gone", json_object_new_boolean(r && r->gone));
	return o;
}

/* is_view: r is a query view's row (query_row), counted from the cache, never fetched. */
static void feed_print(const struct feed_entry *e, const struct feed_row *r, int is_view)
{
	char when[64];

	time_format_local(r ? r->last_fetch : 0, "%Y-%m-%d %H:%M", when, sizeof(when));
	printf("%5d/%-5d ", r ? r->unread : 0, r ? r->total : 0);
	text_fputs(stdout, display_title(e, r), TEXT_COLLAPSE_SPACE);
	printf("\n            ");
	text_fputs(stdout, e->url, 0);
	for (int i = 0; i < e->tag_count; i++) {
		printf(i == 0 ? "  [" : " ");
		text_fputs(stdout, e->tags[i], 0);
	}
	if (is_view)
		printf("%s\n            a view: counted from the cache, never fetched",
		       e->tag_count ? "]" : "");
	else
		printf("%s\n            last fetch: %s", e->tag_count ? "]" : "", when);
	if (r && r->gone)
		printf("  gone (410): no longer fetched");
	else if (r && r->last_error) {
		printf("  error: ");
		text_fputs(stdout, r->last_error, TEXT_COLLAPSE_SPACE);
	}
	if (r && r->parse_warning && *r->parse_warning) {
		printf("\n            partly read: ");
		text_fputs(stdout, r->parse_warning, TEXT_COLLAPSE_SPACE);
	}
	putchar('\n');
}

/* A query view's line: its name and live counts in a row of their own (row_for finds none). */
static const struct feed_row *query_row(struct app *app, const struct feed_entry *e,
                                        struct feed_row *out)
{
	char *name, *expr;
	struct filter *f;
	struct filter_sql *where;

	if (!filter_query_line(e->url, &name, &expr))
		return NULL;
	memset(out, 0, sizeof(*out));
	out->title = name;
	if ((f = filter_parse(expr, &(struct filter_error){0})) &&
	    (where = cli_filter_condition(app, f))) {
		store_filter_counts(app_cache(app), where, &out->unread, &out->total);
		filter_sql_free(where);
	} else {
		out->last_error = xstrdup("the expression is wrong: see tidings list --feed");
	}
	filter_free(f);
	free(expr);
	return out;
}

/* The row to show for an entry: the cache's, or a query view's (freed by row_done). */
static const struct feed_row *entry_row(struct app *app, const struct feed_row *rows, int n,
                                        const struct feed_entry *e, struct feed_row *view)
{
	const struct feed_row *q = query_row(app, e, view);
	return q ? q : row_for(rows, n, e->url);
}

static void row_done(const struct feed_row *r, struct feed_row *view)
{
	if (r == view)
		feed_row_free(view);
}

int cmd_feeds(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {{"json", no_argument, NULL, 'j'},
	                                        {"names", no_argument, NULL, 'n'},
	                                        {NULL, 0, NULL, 0}};
	struct feeds_file *ff;
	struct cache *c;
	struct feed_row *rows, view;
	int n, opt, as_json = 0, names = 0;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt == 'j')
			as_json = 1;
		else if (opt == 'n')
			names = 1;
		else
			return command_bad_usage(command_find("feeds"), "unknown option");
	}
	if (optind < argc)
		return command_bad_usage(command_find("feeds"), "unexpected argument");
	if (!(ff = app_feeds(app)) || !(c = app_cache(app)))
		return EXIT_FAIL;
	if (store_feed_list(c, &rows, &n) != 0)
		return EXIT_FAIL;
	if (names) {
		for (int i = 0; i < ff->entry_count; i++) {
			const struct feed_row *r = entry_row(app, rows, n, &ff->entries[i], &view);
			text_fputs(stdout, display_title(&ff->entries[i], r), TEXT_COLLAPSE_SPACE);
			putchar('\n');
			row_done(r, &view);
		}
	} else if (as_json) {
		json_object *arr = json_object_new_array();
		for (int i = 0; i < ff->entry_count; i++) {
			const struct feed_row *r = entry_row(app, rows, n, &ff->entries[i], &view);
			json_object_array_add(arr, feed_json(&ff->entries[i], r));
			row_done(r, &view);
		}
		json_print_and_free(arr);
	} else if (ff->entry_count == 0) {
		/* on stderr: nothing on stdout is still the list, for scripts */
		fprintf(
		    stderr,
		    "No subscriptions yet. Add one with 'tidings add URL' (a feed or a web page),\n"
		    "bring a list with 'tidings import FILE.opml' or 'tidings import "
		    "--from-newsboat',\nor write feed URLs into %s, one a line.\n",
		    ff->path ? ff->path : "the feeds file");
	} else {
		for (int i = 0; i < ff->entry_count; i++) {
			const struct feed_row *r = entry_row(app, rows, n, &ff->entries[i], &view);
			feed_print(&ff->entries[i], r, r == &view);
			row_done(r, &view);
		}
	}
	feed_rows_free(rows, n);
	return EXIT_OK;
}

int cmd_remove(struct app *app, int argc, char **argv)
{
	const struct command *self = command_find("remove");
	struct feeds_file *ff;
	struct cache *c;
	const char *url;
	char *err = NULL, *url_copy;
	int64_t feed_id;

	if (argc != 2)
		return command_bad_usage(self, "expected one URL or title");
	if (!(ff = app_feeds(app)) || !(c = app_cache(app)))
		return EXIT_FAIL;
	if (resolve_feed(c, ff, argv[1], 1, &feed_id, &url) != 0)
		return EXIT_FAIL;
	url_copy = xstrdup(url);
	feeds_file_remove(ff, url_copy);
	if (feeds_file_save(ff, &err) != 0) {
		log_error("%s", err);
		free(err);
		free(url_copy);
		return EXIT_FAIL;
	}
	if (store_feed_delete(c, url_copy) != 0) {
		log_error("removed from the feeds file, but its articles stay in the cache");
		free(url_copy);
		return EXIT_FAIL;
	}
	printf("removed ");
	text_fputs(stdout, url_copy, 0);
	putchar('\n');
	free(url_copy);
	cli_sync_after_change(app);
	return EXIT_OK;
}
