/* tidings sync: one sync with the server of the [sync] section, or its state (--status). */
#include "cli/cli.h"
#include "config/config.h"
#include "core/log.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/util.h"
#include "store/sync.h"
#include "tasks/sync.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A second sync waits this long for one already running (the reader's, or cron's). */
#define SYNC_LOCK_WAIT_MS 10000

static void print_summary(const struct sync_summary *s)
{
	printf("synced: %d new article%s, %d mark%s sent, %d received", s->articles_added,
	       s->articles_added == 1 ? "" : "s", s->marks_sent, s->marks_sent == 1 ? "" : "s",
	       s->marks_received);
	if (s->subscribed || s->unsubscribed)
		printf(", %d subscribed and %d unsubscribed on the server", s->subscribed,
		       s->unsubscribed);
	if (s->feeds_added || s->feeds_removed)
		printf(", %d feed%s added and %d removed here", s->feeds_added,
		       s->feeds_added == 1 ? "" : "s", s->feeds_removed);
	printf(" (%d request%s, %.2f s)\n", s->requests, s->requests == 1 ? "" : "s", s->seconds);
}

int cli_sync(struct app *app, int quiet)
{
	struct sync_options opts = {.lock_wait_ms = SYNC_LOCK_WAIT_MS};
	struct sync_summary sum;
	struct feeds_file *ff;
	struct cache *c;
	char *err = NULL;

	if (!(ff = app_feeds(app)) || !(c = app_cache(app)))
		return EXIT_FAIL;
	opts.data_dir = app->paths.data_dir;
	opts.lock_path = app->paths.lock_file;
	if (sync_run(c, ff, &opts, &sum, &err) != 0) {
		char *clean = text_sanitize_str(err ? err : "failed", TEXT_COLLAPSE_SPACE);
		log_error("sync failed: %s%s", clean, sum.outbox_left > 0 ? "" : "");
		if (sum.outbox_left > 0)
			log_error("%d mark%s kept in the outbox for the next sync", sum.outbox_left,
			          sum.outbox_left == 1 ? " is" : "s are");
		free(clean);
		free(err);
		return EXIT_FAIL;
	}
	if (!quiet)
		print_summary(&sum);
	return EXIT_OK;
}

void cli_sync_after_change(struct app *app)
{
	if (!sync_configured())
		return;
	if (cli_sync(app, 0) != EXIT_OK)
		log_warn("the server will hear of the change at the next sync");
}

static void print_time(const char *label, const char *value)
{
	char when[64];
	int64_t t = value ? strtoll(value, NULL, 10) : 0;

	if (t <= 0) {
		printf("%s: never\n", label);
		return;
	}
	time_format_local(t, "%Y-%m-%d %H:%M:%S", when, sizeof(when));
	printf("%s: %s\n", label, when);
}

static int show_status(struct app *app)
{
	struct cache *c = app_cache(app);
	char *last, *error, *error_time;
	int waiting;

	if (!c)
		return EXIT_FAIL;
	printf("service: %s", settings.sync_service);
	if (sync_configured()) {
		printf(" at ");
		text_fputs(stdout, settings.sync_url, TEXT_COLLAPSE_SPACE);
		printf(" as ");
		text_fputs(stdout, settings.sync_user, TEXT_COLLAPSE_SPACE);
	}
	putchar('\n');
	last = store_sync_state_get(c, "last_sync");
	error = store_sync_state_get(c, "last_error");
	error_time = store_sync_state_get(c, "last_error_time");
	waiting = store_outbox_count(c);
	print_time("last sync", last);
	printf("outbox: %d waiting\n", waiting < 0 ? 0 : waiting);
	if (error) {
		print_time("last error at", error_time);
		printf("last error: ");
		text_fputs(stdout, error, TEXT_COLLAPSE_SPACE);
		putchar('\n');
	} else {
		printf("last error: none\n");
	}
	free(last);
	free(error);
	free(error_time);
	return waiting < 0 ? EXIT_FAIL : EXIT_OK;
}

int cmd_sync(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {{"status", no_argument, NULL, 's'},
	                                        {NULL, 0, NULL, 0}};
	const struct command *self = command_find("sync");
	int opt, status = 0;

	while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
		if (opt != 's')
			return command_bad_usage(self, "unknown option");
		status = 1;
	}
	if (optind < argc)
		return command_bad_usage(self, "unexpected argument %s", argv[optind]);
	app->cache_flags = CACHE_OPEN_NO_SCAN;
	if (status)
		return show_status(app);
	if (!sync_configured()) {
		log_error("sync: no [sync] section in the config file (see tidings.conf(5))");
		return EXIT_USAGE;
	}
	return cli_sync(app, 0);
}
