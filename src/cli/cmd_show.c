/* tidings list and tidings show: cached articles on standard output. Every string from the
 * cache is sanitised before it is printed, JSON included. */
#include "cli/cli.h"
#include "cli/resolve.h"
#include "cli/json_out.h"
#include "cli/records.h"
#include "config/config.h"
#include "core/log.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/util.h"
#include "filter/filter.h"
#include "render/render.h"
#include "store/feeds.h"
#include "store/filter_sql.h"
#include "store/ignored.h"
#include "store/items.h"
#include "tasks/article.h"

#include <errno.h>
#include <getopt.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_WIDTH 80
#define MAX_WIDTH 1000

/* A whole positive number within [min, max], or -1. */
static long parse_number(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	return v;
}

struct filter_sql *cli_filter_condition(struct app *app, const struct filter *expr)
{
	struct filter_scope scope;
	struct filter_sql *where;
	struct feeds_file *ff = app_feeds(app);
	struct cache *c = app_cache(app);
	struct rules *rules = app_rules(app);

	if (!ff || !c || !rules)
		return NULL;
	filter_scope_from_feeds(&scope, ff, (int64_t)time(NULL));
	where = store_filter_sql_rules(c, expr, rules->display_mode ? rules : NULL, &scope);
	filter_scope_free(&scope);
	return where;
}

int cli_rules_hide(struct app *app)
{
	struct rules *rules = app_rules(app);
	return rules && rules->display_mode && rules->ignore_count > 0;
}

struct filter *cli_filter_parse(const char *what, const char *expression)
{
	struct filter_error err;
	struct filter *f = filter_parse(expression, &err);

	if (!f) {
		log_error("%s, column %d: %s", what, err.column, err.message);
		fprintf(stderr, "  %s\n  %*s^\n", expression, err.column - 1, "");
	}
	return f;
}

/* A query view of the feeds file named name ("query:NAME:EXPRESSION"), parsed; NULL when
 * there is none (*bad set when its expression is wrong). */
static struct filter *query_view(struct app *app, const char *name, int *bad)
{
	struct feeds_file *ff = app_feeds(app);
	struct filter *f = NULL;

	*bad = 0;
	for (int i = 0; ff && !f && !*bad && i < ff->entry_count; i++) {
		char *qname, *expr;
		if (!filter_query_line(ff->entries[i].url, &qname, &expr))
			continue;
		if (strcmp(qname, name) == 0 ||
		    (ff->entries[i].title && strcmp(ff->entries[i].title, name) == 0)) {
			char *what = xasprintf("%s:%d: query view", ff->path, ff->entries[i].line);
			if (!(f = cli_filter_parse(what, expr)))
				*bad = 1;
			free(what);
		}
		free(qname);
		free(expr);
	}
	return f;
}

/* The articles of the list's options, the filter's condition (with a query view's, when
 * --feed names one) made against the feeds file. */
static int list_items(struct app *app, struct item_filter *filter, const char *feed,
                      const struct filter *expr, struct item_row **rows, int *n)
{
	struct filter_sql *where = NULL;
	struct filter *view = NULL, *both = NULL;
	struct cache *c;
	int rc, bad = 0;

	if (!(c = app_cache(app)))
		return EXIT_FAIL;
	if (feed && !(view = query_view(app, feed, &bad)) &&
	    (bad || resolve_feed_id(c, app_feeds(app), feed, &filter->feed_id) != 0))
		return bad ? EXIT_USAGE : EXIT_FAIL;
	if (view && expr) {
		/* both hold: one tree, so that one condition carries the parameters */
		char *text = xasprintf("(%s) and (%s)", view->text, expr->text);
		struct filter_error err;
		both = filter_parse(text, &err);
		free(text);
	}
	if (!app_rules(app)) {
		filter_free(view);
		filter_free(both);
		return EXIT_USAGE;
	}
	if (view || expr || cli_rules_hide(app)) {
		where = cli_filter_condition(app, both ? both : view ? view : expr);
		if (!where) {
			filter_free(view);
			filter_free(both);
			return EXIT_FAIL;
		}
		filter->where = where;
	}
	rc = store_items_list(c, filter, rows, n);
	filter_sql_free(where);
	filter_free(view);
	filter_free(both);
	filter->where = NULL;
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

/* list --ignored: what ignore-article left out at each feed's last refresh. */
static int list_ignored(struct app *app, int as_json)
{
	struct feeds_file *ff = app_feeds(app);
	struct cache *c = app_cache(app);
	struct ignored_row *rows;
	json_object *arr = as_json ? json_object_new_array() : NULL;
	int n;

	if (!ff || !c || store_ignored_list(c, &rows, &n) != 0) {
		json_object_put(arr);
		return EXIT_FAIL;
	}
	for (int i = 0; i < n; i++) {
		const struct ignored_row *r = &rows[i];
		const char *feed = feed_display_name(ff, r->feed_url, r->feed_title);
		char when[64] = "";
		if (as_json) {
			json_object *o = json_object_new_object();
			json_object_object_add(o, "feed_url", json_line(r->feed_url));
			json_object_object_add(o, "feed", json_line(feed));
			json_object_object_add(o, "guid", json_line(r->guid));
			json_object_object_add(o, "title", json_line(r->title));
			json_object_object_add(o, "link", json_line(r->link));
			json_object_object_add(o, "published", json_time(r->published));
			json_object_object_add(o, "dropped", json_time(r->at));
			json_object_object_add(o, "rule", json_object_new_int(r->rule));
			json_object_array_add(arr, o);
			continue;
		}
		article_date_text(r->published, when, sizeof(when));
		printf("rules:%-4d ", r->rule);
		text_fputs(stdout, when, TEXT_COLLAPSE_SPACE);
		fputs(*when ? " " : "", stdout);
		text_fputs(stdout, r->title && *r->title ? r->title : "(no title)",
		           TEXT_COLLAPSE_SPACE);
		fputs("  (", stdout);
		text_fputs(stdout, feed, TEXT_COLLAPSE_SPACE);
		fputs(")\n", stdout);
	}
	if (as_json)
		json_print_and_free(arr);
	ignored_rows_free(rows, n);
	return EXIT_OK;
}

int cmd_list(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {{"unread", no_argument, NULL, 'u'},
	                                        {"feed", required_argument, NULL, 'f'},
	                                        {"limit", required_argument, NULL, 'n'},
	                                        {"json", no_argument, NULL, 'j'},
	                                        {"filter", required_argument, NULL, 'F'},
	                                        {"ignored", no_argument, NULL, 'I'},
	                                        {NULL, 0, NULL, 0}};
	const struct command *self = command_find("list");
	const char *expression = NULL;
	struct filter *expr = NULL;
	int status;
	struct item_filter filter = {0};
	struct feeds_file *ff;
	const char *feed = NULL;
	struct item_row *rows;
	int n, opt, as_json = 0, ignored = 0;
	long limit;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'u':
			filter.unread_only = 1;
			break;
		case 'f':
			feed = optarg;
			break;
		case 'n':
			if ((limit = parse_number(optarg, 1, INT_MAX)) < 0)
				return command_bad_usage(self, "--limit wants a positive number");
			filter.limit = (int)limit;
			break;
		case 'j':
			as_json = 1;
			break;
		case 'F':
			expression = optarg;
			break;
		case 'I':
			ignored = 1;
			break;
		default:
			return command_bad_usage(self, "unknown option");
		}
	}
	if (optind < argc)
		return command_bad_usage(self, "unexpected argument");
	if (ignored && (feed || expression || filter.unread_only || filter.limit))
		return command_bad_usage(self, "--ignored takes no other option but --json");
	if (ignored)
		return list_ignored(app, as_json);
	if (expression && !(expr = cli_filter_parse("--filter", expression)))
		return EXIT_USAGE;
	status = list_items(app, &filter, feed, expr, &rows, &n);
	filter_free(expr);
	if (status != EXIT_OK)
		return status;
	if (!(ff = app_feeds(app))) {
		item_rows_free(rows, n);
		return EXIT_FAIL;
	}
	if (as_json) {
		json_object *arr = json_object_new_array();
		for (int i = 0; i < n; i++)
			json_object_array_add(arr, record_json(&rows[i], ff, 0));
		json_print_and_free(arr);
	} else {
		for (int i = 0; i < n; i++)
			record_print(&rows[i], ff);
	}
	item_rows_free(rows, n);
	return EXIT_OK;
}

static int output_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return DEFAULT_WIDTH;
}

static void print_header(const struct item_row *r)
{
	struct article_meta meta;
	struct article_header h;
	char *text;

	article_meta_of_row(r, &meta);
	article_header_build(&h, &meta);
	text = article_header_text(&h);
	fputs(text, stdout);
	free(text);
	article_header_free(&h);
}

static void show_item(const struct item_row *r, const char *format, int width)
{
	const char *body = article_body_html(r, 0);
	struct doc *d;
	char *out;

	if (strcmp(format, "html") == 0) {
		print_header(r);
		text_fputs(stdout, body, TEXT_KEEP_NEWLINES);
		putchar('\n');
		return;
	}
	d = doc_from_html(body, strlen(body), r->link);
	if (strcmp(format, "markdown") == 0) {
		struct article_meta meta;
		article_meta_of_row(r, &meta);
		out = render_markdown(d, &meta);
	} else {
		print_header(r);
		out = render_text(d, width);
	}
	fputs(out, stdout);
	free(out);
	doc_free(d);
}

int cmd_show(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {{"format", required_argument, NULL, 'f'},
	                                        {"width", required_argument, NULL, 'w'},
	                                        {"json", no_argument, NULL, 'j'},
	                                        {NULL, 0, NULL, 0}};
	const struct command *self = command_find("show");
	const char *format = "text";
	struct item_row row;
	struct cache *c;
	int opt, width = 0, rc;
	int64_t id;

	/* options may follow ITEM: "tidings show 12 --format markdown" */
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt == 'f') {
			format = optarg;
			if (strcmp(format, "text") != 0 && strcmp(format, "markdown") != 0 &&
			    strcmp(format, "html") != 0 && strcmp(format, "json") != 0)
				return command_bad_usage(
				    self, "--format is text, markdown, html or json");
		} else if (opt == 'j') {
			format = "json";
		} else if (opt == 'w') {
			long w = parse_number(optarg, 10, MAX_WIDTH);
			if (w < 0)
				return command_bad_usage(
				    self, "--width wants a number from 10 to %d", MAX_WIDTH);
			width = (int)w;
		} else {
			return command_bad_usage(self, "unknown option");
		}
	}
	if (optind + 1 != argc)
		return command_bad_usage(self, "name one ITEM (an id from 'tidings list')");
	if (resolve_item_id(argv[optind], &id) != 0)
		return command_bad_usage(self, "ITEM is a number (an id from 'tidings list')");
	if (!(c = app_cache(app)))
		return EXIT_FAIL;
	rc = store_item_get(c, id, &row);
	if (rc < 0)
		return EXIT_FAIL;
	if (rc == 0) {
		log_error("no item %lld in the cache (see 'tidings list')", (long long)id);
		return EXIT_FAIL;
	}
	if (strcmp(format, "json") == 0) {
		json_print_and_free(record_json(&row, app_feeds(app), 1));
	} else {
		item_row_name_feed(&row, app_feeds(app));
		show_item(&row, format, width ? width : output_width());
	}
	item_row_free(&row);
	return EXIT_OK;
}
