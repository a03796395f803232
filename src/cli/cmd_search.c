/* tidings search: the reader's search (store/search.h) on the command line, best matches
 * first. */
#include "cli/cli.h"
#include "cli/json_out.h"
#include "cli/records.h"
#include "core/log.h"
#include "core/util.h"
#include "store/view.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEARCH_DEFAULT_LIMIT 20
#define SEARCH_MAX_LIMIT 10000

static long parse_limit(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > SEARCH_MAX_LIMIT)
		return -1;
	return v;
}

/* The words of the command line, one string as the reader's prompt would hold them. A word
 * with a space was quoted in the shell: it stays one phrase. */
static char *joined_words(int argc, char **argv)
{
	struct buf b;

	buf_init(&b);
	for (int i = 0; i < argc; i++) {
		if (b.len)
			buf_putc(&b, ' ');
		if (strpbrk(argv[i], " \t") && !strchr(argv[i], '"'))
			buf_printf(&b, "\"%s\"", argv[i]);
		else
			buf_puts(&b, argv[i]);
	}
	return b.data ? buf_steal(&b) : xstrdup("");
}

static int print_results(struct cache *c, const struct feeds_file *ff, const int64_t *ids, int n,
                         int as_json)
{
	json_object *arr = as_json ? json_object_new_array() : NULL;
	int rc = EXIT_OK;

	for (int i = 0; i < n; i++) {
		struct item_row row;
		int found = store_item_get(c, ids[i], &row);
		if (found < 0) {
			rc = EXIT_FAIL;
			break;
		}
		if (found == 0)
			continue;
		if (as_json)
			json_object_array_add(arr, record_json(&row, ff, 0));
		else
			record_print(&row, ff);
		item_row_free(&row);
	}
	if (arr)
		json_print_and_free(arr);
	return rc;
}

int cmd_search(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {{"limit", required_argument, NULL, 'n'},
	                                        {"json", no_argument, NULL, 'j'},
	                                        {NULL, 0, NULL, 0}};
	const struct command *self = command_find("search");
	struct view_query q = {.kind = VIEW_SEARCH};
	struct feeds_file *ff;
	struct cache *c;
	int64_t *ids;
	int opt, n, as_json = 0, rc;
	long limit = SEARCH_DEFAULT_LIMIT;
	char *words;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt == 'n') {
			if ((limit = parse_limit(optarg)) < 0)
				return command_bad_usage(
				    self, "--limit wants a number from 1 to %d", SEARCH_MAX_LIMIT);
		} else if (opt == 'j') {
			as_json = 1;
		} else {
			return command_bad_usage(self, "unknown option");
		}
	}
	if (optind >= argc)
		return command_bad_usage(self, "what to search for is missing");
	if (!(c = app_cache(app)) || !(ff = app_feeds(app)))
		return EXIT_FAIL;
	words = joined_words(argc - optind, argv + optind);
	q.search = words;
	q.tag_urls = feeds_file_tag_urls;
	q.tag_ctx = ff;
	n = view_search_ranked(c, &q, (int)limit, &ids);
	free(words);
	if (n < 0)
		return EXIT_FAIL;
	rc = print_results(c, ff, ids, n, as_json);
	free(ids);
	/* like grep: 1 when nothing was found */
	return rc != EXIT_OK ? rc : n > 0 ? EXIT_OK : EXIT_FAIL;
}
