/* tidings refresh: fetch every feed (or the named ones) into the cache, with a progress line
 * on a terminal and a summary at the end. Safe from cron while the reader is open: the cache
 * is shared through SQLite, and only one refresh runs at a time (the lock file). */
#include "cli/cli.h"
#include "cli/resolve.h"
#include "tasks/sync.h"
#include "core/log.h"
#include "core/text.h"
#include "core/util.h"
#include "tasks/download.h"
#include "tasks/refresh.h"
#include "config/config.h"
#include "store/feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How long a second refresh waits for the one running before saying so. */
#define REFRESH_LOCK_WAIT_MS 2000

static void show_progress(const struct refresh_progress *p, void *user)
{
	(void)user;
	fprintf(stderr, "\r\033[Krefreshing: %d/%d feeds", p->done, p->total);
	if (p->failed)
		fprintf(stderr, ", %d failed", p->failed);
	fflush(stderr);
}

static void print_summary(const struct refresh_summary *s)
{
	printf("%d feed%s: %d new item%s", s->total, s->total == 1 ? "" : "s", s->new_items,
	       s->new_items == 1 ? "" : "s");
	if (s->not_modified)
		printf(", %d unchanged", s->not_modified);
	if (s->skipped)
		printf(", %d skipped (gone or asked to wait)", s->skipped);
	if (s->moved)
		printf(", %d moved to a new URL", s->moved);
	if (s->full_texts)
		printf(", %d full text%s", s->full_texts, s->full_texts == 1 ? "" : "s");
	if (s->full_text_failures)
		printf(", %d page%s without an article", s->full_text_failures,
		       s->full_text_failures == 1 ? "" : "s");
	if (s->expired)
		printf(", %d old article%s deleted (keep-articles-days)", s->expired,
		       s->expired == 1 ? "" : "s");
	if (s->failed)
		printf(", %d failed", s->failed);
	putchar('\n');
	/* errors on stderr: `tidings refresh >/dev/null` from cron still reports them */
	fflush(stdout);
	for (int i = 0; i < s->failure_count; i++) {
		fputs("failed: ", stderr);
		text_fputs(stderr, s->failures[i].url, 0);
		fputs(": ", stderr);
		text_fputs(stderr, s->failures[i].reason, 0);
		fputc('\n', stderr);
	}
}

/* Feeds tagged +download: their newest episodes are queued and downloaded now. */
static int auto_download(struct app *app, struct cache *c)
{
	char *base = download_directory(app->paths.data_dir);
	int64_t *ids = NULL;
	int count = 0, added, rc = EXIT_OK;

	added =
	    download_queue_tagged(c, app_feeds(app), base, settings.auto_download, &ids, &count);
	free(base);
	if (added > 0) {
		printf("%d episode%s to download\n", added, added == 1 ? "" : "s");
		rc = cli_run_downloads(c, ids, count);
	}
	free(ids);
	return rc;
}

int cmd_refresh(struct app *app, int argc, char **argv)
{
	struct refresh_options opts = {.lock_wait_ms = REFRESH_LOCK_WAIT_MS};
	struct refresh_summary sum;
	struct feeds_file *ff;
	struct refresh *r;
	struct cache *c;
	const char **urls = NULL;
	char *err = NULL;
	int busy, rc, tty = isatty(STDERR_FILENO);

	if (argc > 1 && argv[1][0] == '-' && strcmp(argv[1], "--") != 0)
		return command_bad_usage(command_find("refresh"), "unknown option %s", argv[1]);
	/* Run from cron every few minutes, a refresh must not read the whole cache to check it
	 * first (as the reader does not): a damaged page shows as an error when it is read. */
	app->cache_flags = CACHE_OPEN_NO_SCAN;
	/* With [sync], the server fetches the feeds: a refresh is a sync (and cron keeps working).
	 */
	if (sync_configured()) {
		if (argc > 1)
			return command_bad_usage(command_find("refresh"),
			                         "with [sync] set, refresh syncs every feed");
		return cli_sync(app, 0);
	}
	if (!(ff = app_feeds(app)) || !(c = app_cache(app)))
		return EXIT_FAIL;
	if (!(opts.rules = app_rules(app)))
		return EXIT_USAGE;
	if (argc > 1) {
		urls = xcalloc((size_t)argc, sizeof(*urls));
		for (int i = 1; i < argc; i++) {
			int64_t feed_id;
			if (resolve_feed(c, ff, argv[i], 1, &feed_id, &urls[opts.url_count++]) !=
			    0) {
				free(urls);
				return EXIT_FAIL;
			}
		}
		opts.urls = urls;
	}
	opts.lock_path = app->paths.lock_file;
	if (tty)
		opts.progress = show_progress;
	r = refresh_start(c, ff, &opts, &busy, &err);
	free(urls);
	if (!r) {
		log_error("%s%s", err, busy ? "; try again when it has finished" : "");
		free(err);
		return EXIT_FAIL;
	}
	refresh_run(r);
	refresh_finish(r, &sum);
	if (tty && sum.total)
		fprintf(stderr, "\r\033[K");
	print_summary(&sum);
	rc = sum.failed ? EXIT_FAIL : EXIT_OK;
	refresh_summary_free(&sum);
	if (auto_download(app, c) != EXIT_OK)
		rc = EXIT_FAIL;
	return rc;
}
