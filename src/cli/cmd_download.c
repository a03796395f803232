/* tidings download and tidings downloads: an article's enclosures fetched to files, and the
 * download queue listed. The work is tasks/download's; this file reads options and prints. */
#include "cli/cli.h"
#include "cli/json_out.h"
#include "cli/resolve.h"
#include "core/log.h"
#include "core/text.h"
#include "core/util.h"
#include "fetch/fetch.h"
#include "store/downloads.h"
#include "core/media.h"
#include "tasks/download.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define BAR_WIDTH 20

static int terminal_width(int fd)
{
	struct winsize ws;

	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* One line on standard error, redrawn in place: the first running download's bar. */
static void draw_progress(const struct downloader *d, int finished, int total)
{
	struct download_progress p[4];
	char have[32], all[32] = "?", line[512], *title;
	int n = downloader_running(d, p, 4), width = terminal_width(STDERR_FILENO), filled = 0;
	size_t fit;
	int cols;

	if (n == 0)
		return;
	format_bytes(p[0].have, have, sizeof(have));
	if (p[0].total > 0) {
		format_bytes(p[0].total, all, sizeof(all));
		filled = (int)(p[0].have * BAR_WIDTH / p[0].total);
		if (filled > BAR_WIDTH)
			filled = BAR_WIDTH;
	}
	snprintf(line, sizeof(line), "[%.*s%*s] %d/%d %s/%s ", filled, "####################",
	         BAR_WIDTH - filled, "", finished + 1, total, have, all);
	title = text_sanitize_str(p[0].title ? p[0].title : "", TEXT_COLLAPSE_SPACE);
	fit = text_fit(title, width - 1 - (int)strlen(line), &cols);
	fprintf(stderr, "\r%s%.*s\033[K", line, (int)fit, title);
	fflush(stderr);
	free(title);
}

/* Reports how each of the command's rows ended: the file's path on standard output, or the
 * reason on standard error. Returns the number that did not end done. */
static int report(struct cache *c, const int64_t *ids, int count)
{
	int bad = 0;

	for (int i = 0; i < count; i++) {
		struct download_row r;
		if (store_download_get(c, ids[i], &r) != 1) {
			bad++;
			continue;
		}
		if (r.state == DL_DONE) {
			text_fputs(stdout, r.path ? r.path : "", 0);
			putchar('\n');
		} else {
			char *title =
			    text_sanitize_str(r.title ? r.title : r.url, TEXT_COLLAPSE_SPACE);
			const char *state = r.state == DL_DOWNLOADING
			                        ? "still downloading in another tidings"
			                        : download_state_name(r.state);
			char *why =
			    text_sanitize_str(r.reason ? r.reason : state, TEXT_COLLAPSE_SPACE);
			log_error("%s: %s", title, why);
			free(title);
			free(why);
			bad++;
		}
		download_row_free(&r);
	}
	return bad;
}

static int finished_count(struct cache *c, const int64_t *ids, int count)
{
	int n = 0;

	for (int i = 0; i < count; i++) {
		struct download_row r;
		if (store_download_get(c, ids[i], &r) == 1) {
			n += r.state == DL_DONE || r.state == DL_FAILED || r.state == DL_PAUSED;
			download_row_free(&r);
		}
	}
	return n;
}

static int run_downloads(struct cache *c, const int64_t *ids, int count)
{
	struct fetch_options o;
	struct fetcher *f;
	struct downloader *d;
	int bar = isatty(STDERR_FILENO), finished;

	fetch_options_from_settings(&o);
	f = fetcher_new(&o);
	if (!f) {
		log_error("cannot start the network library");
		return -1;
	}
	d = downloader_new(c, f, NULL, NULL);
	downloader_only(d, ids, count);
	downloader_start(d);
	while (downloader_running(d, NULL, 0) > 0) {
		fetcher_poll(f, 200);
		if (bar) {
			finished = finished_count(c, ids, count);
			draw_progress(d, finished < count ? finished : count - 1, count);
		}
	}
	if (bar)
		fputs("\r\033[K", stderr);
	downloader_free(d);
	fetcher_free(f);
	return 0;
}

int cmd_download(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {{"output", required_argument, NULL, 'o'},
	                                        {NULL, 0, NULL, 0}};
	const struct command *self = command_find("download");
	const char *output = NULL;
	int64_t *all = NULL;
	int all_count = 0, opt, bad;
	struct cache *c;
	char *base;

	while ((opt = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
		if (opt == 'o')
			output = optarg;
		else
			return command_bad_usage(self, "unknown option");
	}
	if (optind >= argc)
		return command_bad_usage(self,
		                         "name at least one ITEM (an id from 'tidings list')");
	for (int i = optind; i < argc; i++) {
		int64_t id;
		if (resolve_item_id(argv[i], &id) != 0)
			return command_bad_usage(
			    self, "ITEM is an id from 'tidings list', not \"%s\"", argv[i]);
	}
	if (!(c = app_cache(app)) || !app_feeds(app))
		return EXIT_FAIL;
	base = download_directory(app->paths.data_dir);
	for (int i = optind; i < argc; i++) {
		int64_t item, *ids = NULL;
		int n = 0;
		char *err = NULL;
		resolve_item_id(argv[i], &item);
		if (download_queue_item(c, app_feeds(app), item, base, output, &ids, &n, &err) <
		    0) {
			log_error("%s", err);
			free(err);
			free(ids);
			free(all);
			free(base);
			return EXIT_FAIL;
		}
		all = xrealloc(all, sizeof(*all) * (size_t)(all_count + n));
		memcpy(all + all_count, ids, sizeof(*ids) * (size_t)n);
		all_count += n;
		free(ids);
	}
	free(base);
	bad = cli_run_downloads(c, all, all_count);
	free(all);
	return bad;
}

int cli_run_downloads(struct cache *c, const int64_t *ids, int count)
{
	int bad;

	if (run_downloads(c, ids, count) != 0)
		return EXIT_FAIL;
	bad = report(c, ids, count);
	if (fflush(stdout) != 0)
		return EXIT_FAIL;
	return bad ? EXIT_FAIL : EXIT_OK;
}

static json_object *download_json(const struct download_row *r)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_int64(r->id));
	json_object_object_add(o, "item_id", json_object_new_int64(r->item_id));
	json_object_object_add(o, "feed", json_line(r->feed));
	json_object_object_add(o, "title", json_line(r->title));
	json_object_object_add(o, "url", json_line(r->url));
	json_object_object_add(o, "type", json_line(r->type));
	json_object_object_add(o, "state", json_object_new_string(download_state_name(r->state)));
	json_object_object_add(o, "bytes", json_object_new_int64(r->bytes));
	json_object_object_add(o, "total", r->total >= 0 ? json_object_new_int64(r->total) : NULL);
	json_object_object_add(o, "path", json_str(r->path));
	json_object_object_add(o, "reason", json_line(r->reason));
	json_object_object_add(o, "played", json_object_new_boolean(r->played));
	return o;
}

static void download_print(const struct download_row *r)
{
	char have[32], all[32] = "?";

	format_bytes(r->bytes, have, sizeof(have));
	if (r->total >= 0)
		format_bytes(r->total, all, sizeof(all));
	printf("%6lld %-11s %c %10s / %-10s ", (long long)r->id, download_state_name(r->state),
	       r->played ? 'P' : ' ', have, all);
	text_fputs(stdout, r->title && *r->title ? r->title : r->url, TEXT_COLLAPSE_SPACE);
	fputs("  (", stdout);
	text_fputs(stdout, r->feed ? r->feed : "", TEXT_COLLAPSE_SPACE);
	fputs(")\n", stdout);
	if (r->state == DL_FAILED && r->reason) {
		fputs("       ", stdout);
		text_fputs(stdout, r->reason, TEXT_COLLAPSE_SPACE);
		putchar('\n');
	}
}

int cmd_downloads(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {{"json", no_argument, NULL, 'j'},
	                                        {NULL, 0, NULL, 0}};
	const struct command *self = command_find("downloads");
	struct download_row *rows;
	int n, opt, as_json = 0;
	struct cache *c;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt == 'j')
			as_json = 1;
		else
			return command_bad_usage(self, "unknown option");
	}
	if (optind != argc)
		return command_bad_usage(self, "takes no arguments");
	if (!(c = app_cache(app)))
		return EXIT_FAIL;
	if (store_downloads_list(c, &rows, &n) != 0) {
		log_error("cannot read the download queue from the cache");
		return EXIT_FAIL;
	}
	if (as_json) {
		json_object *arr = json_object_new_array();
		for (int i = 0; i < n; i++)
			json_object_array_add(arr, download_json(&rows[i]));
		json_print_and_free(arr);
	} else {
		for (int i = 0; i < n; i++)
			download_print(&rows[i]);
	}
	download_rows_free(rows, n);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
}
