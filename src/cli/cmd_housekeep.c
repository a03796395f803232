/* tidings delete and tidings vacuum: the cache's housekeeping (store/housekeep.h). */
#include "cli/cli.h"
#include "cli/resolve.h"
#include "core/log.h"
#include "core/util.h"
#include "store/housekeep.h"
#include "store/items.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_delete(struct app *app, int argc, char **argv)
{
	const struct command *self = command_find("delete");
	int64_t *ids;
	struct cache *c;
	int n = 0, deleted;

	if (argc < 2)
		return command_bad_usage(self,
		                         "name the articles to delete (ids from tidings list)");
	ids = xcalloc((size_t)argc, sizeof(*ids));
	for (int i = 1; i < argc; i++)
		if (resolve_item_id(argv[i], &ids[n++]) != 0) {
			free(ids);
			return command_bad_usage(self, "\"%s\" is not an article id", argv[i]);
		}
	if (!(c = app_cache(app))) {
		free(ids);
		return EXIT_FAIL;
	}
	for (int i = 0; i < n; i++) {
		struct item_row row;
		int found = store_item_get(c, ids[i], &row);
		if (found == 1)
			item_row_free(&row);
		if (found != 1) {
			log_error("delete: no article %lld in the cache (nothing was deleted)",
			          (long long)ids[i]);
			free(ids);
			return EXIT_FAIL;
		}
	}
	deleted = store_items_delete(c, ids, n);
	free(ids);
	if (deleted < 0) {
		log_error("delete: cannot write to the cache: %s", cache_errmsg(c));
		return EXIT_FAIL;
	}
	printf("%d article%s deleted\n", deleted, deleted == 1 ? "" : "s");
	return EXIT_OK;
}

int cmd_vacuum(struct app *app, int argc, char **argv)
{
	int64_t before, free_before, after, free_after;
	struct cache *c;

	(void)argv;
	if (argc > 1)
		return command_bad_usage(command_find("vacuum"), "vacuum takes no argument");
	if (!(c = app_cache(app)))
		return EXIT_FAIL;
	if (store_file_usage(c, &before, &free_before) != 0 || store_vacuum(c) != 0 ||
	    store_file_usage(c, &after, &free_after) != 0) {
		log_error("vacuum: %s", cache_errmsg(c));
		return EXIT_FAIL;
	}
	printf("cache: %lld KiB before (%lld KiB free), %lld KiB after\n",
	       (long long)(before / 1024), (long long)(free_before / 1024),
	       (long long)(after / 1024));
	return EXIT_OK;
}
