/* tidings add URL [TAG...]: subscribe to a feed, or to the feed a web page announces (the
 * subscribe task, tasks/subscribe.h). */
#include "cli/cli.h"
#include "core/log.h"
#include "core/text.h"
#include "core/util.h"
#include "tasks/subscribe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_subscribed(const struct subscribe_result *r)
{
	printf("subscribed to ");
	text_fputs(stdout, r->url, 0);
	if (r->title) {
		printf(" (");
		text_fputs(stdout, r->title, TEXT_COLLAPSE_SPACE);
		putchar(')');
	}
	printf(": %d article%s\n", r->item_count, r->item_count == 1 ? "" : "s");
}

static void print_candidates(const struct subscribe_result *r)
{
	printf("%d feeds found; add one of them with 'tidings add URL':\n", r->candidate_count);
	for (int i = 0; i < r->candidate_count; i++) {
		printf("  ");
		text_fputs(stdout, r->candidates[i].url, 0);
		if (r->candidates[i].title) {
			printf("  ");
			text_fputs(stdout, r->candidates[i].title, TEXT_COLLAPSE_SPACE);
		}
		putchar('\n');
	}
}

int cmd_add(struct app *app, int argc, char **argv)
{
	const struct command *self = command_find("add");
	struct subscribe_result res;
	struct feeds_file *ff;
	struct cache *c;
	char *url;
	int rc, subscribed;

	if (argc < 2)
		return command_bad_usage(self, "expected a URL");
	if (argv[1][0] == '-')
		return command_bad_usage(self, "unknown option %s", argv[1]);
	if (!(ff = app_feeds(app)))
		return EXIT_FAIL;
	url = subscribe_normalise_url(argv[1]);
	/* Refused before the cache is opened: the feeds file alone says so. */
	if (feeds_file_find(ff, url)) {
		log_error("already subscribed to %s", url);
		free(url);
		return EXIT_FAIL;
	}
	if (!(c = app_cache(app))) {
		free(url);
		return EXIT_FAIL;
	}
	rc = subscribe_url(c, ff, url, (const char *const *)argv + 2, argc - 2, &res);
	free(url);
	if (res.warning)
		log_warn("%s", res.warning);
	if (res.outcome == SUBSCRIBE_DONE)
		print_subscribed(&res);
	else if (res.outcome == SUBSCRIBE_SEVERAL)
		print_candidates(&res);
	else
		log_error("%s", res.err);
	subscribed = res.outcome == SUBSCRIBE_DONE;
	subscribe_result_free(&res);
	if (rc == 0 && subscribed)
		cli_sync_after_change(app);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}
