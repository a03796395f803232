/* tidings save and tidings saved: articles kept for offline reading. */
#include "cli/cli.h"
#include "cli/resolve.h"
#include "cli/json_out.h"
#include "config/config.h"
#include "core/log.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/url.h"
#include "core/util.h"
#include "tasks/save.h"
#include "parse/feed.h"
#include "render/render.h"
#include "store/items.h"

#include <errno.h>
#include <getopt.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_save(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {{"format", required_argument, NULL, 'f'},
	                                        {"output", required_argument, NULL, 'o'},
	                                        {NULL, 0, NULL, 0}};
	const struct command *self = command_find("save");
	enum save_format format = SAVE_MARKDOWN;
	const char *output = NULL, *target;
	char *written = NULL, *warning = NULL, *err = NULL;
	struct cache *c;
	int64_t id = 0;
	int opt, rc;

	save_format_parse(settings.save_format, &format);
	/* options may follow ITEM: "tidings save 12 --format text" */
	while ((opt = getopt_long(argc, argv, "f:o:", options, NULL)) != -1) {
		if (opt == 'f') {
			if (save_format_parse(optarg, &format) != 0)
				return command_bad_usage(self,
				                         "--format is markdown, text or html");
		} else if (opt == 'o') {
			output = optarg;
		} else {
			return command_bad_usage(self, "unknown option");
		}
	}
	if (optind + 1 != argc)
		return command_bad_usage(self, "name one ITEM (an id from 'tidings list') or URL");
	target = argv[optind];
	if (!url_is_web(target) && resolve_item_id(target, &id) != 0)
		return command_bad_usage(self,
		                         "ITEM is an id from 'tidings list', or an http(s) URL");
	if (!(c = app_cache(app)))
		return EXIT_FAIL;
	if (url_is_web(target))
		rc = save_url(c, app_feeds(app), target, format, output, &id, &written, &warning,
		              &err);
	else
		rc = save_article(c, app_feeds(app), id, format, output, &written, &warning, &err);
	if (rc != 0) {
		log_error("%s: %s", target, err);
		free(err);
		return EXIT_FAIL;
	}
	if (warning)
		log_warn("%s", warning);
	free(warning);
	if (strcmp(written, "-") != 0) {
		text_fputs(stdout, written, 0);
		putchar('\n');
	}
	free(written);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
}

static json_object *saved_json(const struct item_row *r)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_int64(r->id));
	json_object_object_add(o, "title", json_line(r->title));
	json_object_object_add(o, "feed", json_line(r->feed_title));
	json_object_object_add(o, "link", json_line(r->link));
	json_object_object_add(o, "published", json_time(r->published));
	json_object_object_add(o, "updated", json_time(r->updated));
	json_object_object_add(o, "full_text",
	                       json_object_new_boolean(r->fulltext && *r->fulltext));
	return o;
}

static void saved_print(const struct item_row *r)
{
	char when[64] = "";

	article_date_text(item_row_date(r), when, sizeof(when));
	printf("%6lld %-10s %c ", (long long)r->id, when, r->fulltext && *r->fulltext ? 'F' : ' ');
	text_fputs(stdout, r->title && *r->title ? r->title : "(no title)", TEXT_COLLAPSE_SPACE);
	fputs("  (", stdout);
	text_fputs(stdout, r->feed_title, TEXT_COLLAPSE_SPACE);
	fputs(")\n", stdout);
}

int cmd_saved(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {{"json", no_argument, NULL, 'j'},
	                                        {NULL, 0, NULL, 0}};
	const struct command *self = command_find("saved");
	struct item_filter filter = {.saved_only = 1, .with_body = 1};
	struct item_row *rows;
	struct cache *c;
	int n, opt, as_json = 0;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt == 'j')
			as_json = 1;
		else
			return command_bad_usage(self, "unknown option");
	}
	if (optind < argc)
		return command_bad_usage(self, "unexpected argument");
	if (!(c = app_cache(app)))
		return EXIT_FAIL;
	if (store_items_list(c, &filter, &rows, &n) != 0)
		return EXIT_FAIL;
	for (int i = 0; i < n; i++)
		item_row_name_feed(&rows[i], app_feeds(app));
	if (as_json) {
		json_object *arr = json_object_new_array();
		for (int i = 0; i < n; i++)
			json_object_array_add(arr, saved_json(&rows[i]));
		json_print_and_free(arr);
	} else {
		for (int i = 0; i < n; i++)
			saved_print(&rows[i]);
	}
	item_rows_free(rows, n);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
}
