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
#include "store/items.h"
#include "store/media.h"

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

	if (!ff || !c)
		return NULL;
	filter_scope_from_feeds(&scope, ff, (int64_t)time(NULL));
	where = store_filter_sql(c, expr, &scope);
	filter_scope_free(&scope);
	return where;
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
	    (bad || resolve_feed_id(c, feed, &filter->feed_id) != 0))
		return bad ? EXIT_USAGE : EXIT_FAIL;
	if (view && expr) {
		/* both hold: one tree, so that one condition carries the parameters */
		char *text = xasprintf("(%s) and (%s)", view->text, expr->text);
		struct filter_error err;
		both = filter_parse(text, &err);
		free(text);
	}
	if (view || expr) {
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

int cmd_list(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
	    {"unread", no_argument, NULL, 'u'},       {"feed", required_argument, NULL, 'f'},
	    {"limit", required_argument, NULL, 'n'},  {"json", no_argument, NULL, 'j'},
	    {"filter", required_argument, NULL, 'F'}, {NULL, 0, NULL, 0}};
	const struct command *self = command_find("list");
	const char *expression = NULL;
	struct filter *expr = NULL;
	int status;
	struct item_filter filter = {0};
	struct feeds_file *ff;
	const char *feed = NULL;
	struct item_row *rows;
	int n, opt, as_json = 0;
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
		default:
			return command_bad_usage(self, "unknown option");
		}
	}
	if (optind < argc)
		return command_bad_usage(self, "unexpected argument");
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

/* The article's HTML: extracted full text when there is some, else the feed's content. */
static const char *item_body(const struct item_row *r)
{
	if (r->fulltext && *r->fulltext)
		return r->fulltext;
	if (r->content && *r->content)
		return r->content;
	return r->summary ? r->summary : "";
}

static int output_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return DEFAULT_WIDTH;
}

static void header_line(const char *label, const char *value)
{
	if (!value || !*value)
		return;
	fputs(label, stdout);
	text_fputs(stdout, value, TEXT_COLLAPSE_SPACE);
	putchar('\n');
}

/* "Media: URL (type, size, duration)" for each enclosure. */
static void print_media(const char *enclosures)
{
	char **lines;
	int n = media_lines(enclosures, &lines);

	for (int i = 0; i < n; i++)
		header_line("Media: ", lines[i]);
	media_lines_free(lines, n);
}

static void print_header(const struct item_row *r)
{
	char when[64];

	text_fputs(stdout, r->title && *r->title ? r->title : "(untitled)", TEXT_COLLAPSE_SPACE);
	putchar('\n');
	header_line("Feed: ", r->feed_title);
	header_line("Author: ", r->author);
	if (item_row_date(r) != TIME_UNKNOWN) {
		time_format_local(item_row_date(r), "%Y-%m-%d %H:%M %z", when, sizeof(when));
		header_line("Date: ", when);
	}
	header_line("Link: ", r->link);
	print_media(r->enclosures);
	putchar('\n');
}

static void show_item(const struct item_row *r, const char *format, int width)
{
	const char *body = item_body(r);
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
		struct article_meta meta = {.title = r->title,
		                            .author = r->author,
		                            .date = item_row_date(r),
		                            .link = r->link,
		                            .feed = r->feed_title};
		char **media;
		meta.media_count = media_lines(r->enclosures, &media);
		meta.media = media;
		out = render_markdown(d, &meta);
		media_lines_free(media, meta.media_count);
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
	long id;

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
	if ((id = parse_number(argv[optind], 1, LONG_MAX)) < 0)
		return command_bad_usage(self, "ITEM is a number (an id from 'tidings list')");
	if (!(c = app_cache(app)))
		return EXIT_FAIL;
	rc = store_item_get(c, id, &row);
	if (rc < 0)
		return EXIT_FAIL;
	if (rc == 0) {
		log_error("no item %ld in the cache (see 'tidings list')", id);
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
