/* tidings check: reads the whole cache through, which no other command does (cache.c runs the
 * same check by itself only after a process died with the cache open). */
#include "cli/cli.h"
#include "core/log.h"
#include "store/items.h"

#include <stdio.h>
#include <stdlib.h>

int cmd_check(struct app *app, int argc, char **argv)
{
	struct cache *c;
	char *err = NULL;
	int queued;

	(void)argv;
	if (argc > 1)
		return command_bad_usage(command_find("check"), "unexpected argument");
	app->cache_flags = CACHE_OPEN_NO_SCAN; /* the check is ours, below */
	if (!(c = app_cache(app)))
		return EXIT_FAIL;
	if (cache_check(c, &err) != 0) {
		log_error("%s", err);
		free(err);
		return EXIT_FAIL;
	}
	/* what a refresh cut short left for the search index */
	queued = store_index_pending(c);
	if (queued < 0) {
		log_error("indexing for search failed: %s", cache_errmsg(c));
		return EXIT_FAIL;
	}
	/* every search reads each segment of the index: a check leaves one */
	if (store_index_merge(c, 0) != 0) {
		log_error("merging the search index failed: %s", cache_errmsg(c));
		return EXIT_FAIL;
	}
	printf("%s: ok", app->paths.cache_file);
	if (queued > 0)
		printf(" (%d articles indexed for search)", queued);
	putchar('\n');
	return EXIT_OK;
}
