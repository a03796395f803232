/* tidings mark read|unread|saved|unsaved: marks articles from scripts. The next sync sends the
 * marks to the server (the cache's outbox keeps them until it accepts them). */
#include "cli/cli.h"
#include "cli/resolve.h"
#include "core/log.h"
#include "core/util.h"
#include "store/marks.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ids read from standard input: numbers separated by white space. */
#define MAX_STDIN_IDS (1 << 20)

static int parse_state(const char *s, enum mark_flag *flag, int *value)
{
	static const struct {
		const char *name;
		enum mark_flag flag;
		int value;
	} states[] = {{"read", MARK_READ, 1},
	              {"unread", MARK_READ, 0},
	              {"saved", MARK_SAVED, 1},
	              {"unsaved", MARK_SAVED, 0}};
	for (size_t i = 0; i < ARRAY_LEN(states); i++) {
		if (strcmp(s, states[i].name) == 0) {
			*flag = states[i].flag;
			*value = states[i].value;
			return 0;
		}
	}
	return -1;
}

struct ids {
	int64_t *v;
	int n, cap;
};

static void ids_push(struct ids *ids, int64_t id)
{
	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? ids->cap * 2 : 64;
		ids->v = xrealloc(ids->v, (size_t)ids->cap * sizeof(int64_t));
	}
	ids->v[ids->n++] = id;
}

static int read_stdin_ids(struct ids *ids)
{
	char word[64];
	int rc;

	while ((rc = scanf("%63s", word)) == 1) {
		int64_t id;
		if (resolve_item_id(word, &id) != 0) {
			log_error("mark: \"%s\" on standard input is not an article id", word);
			return -1;
		}
		if (ids->n >= MAX_STDIN_IDS) {
			log_error("mark: more than %d ids on standard input", MAX_STDIN_IDS);
			return -1;
		}
		ids_push(ids, id);
	}
	return 0;
}

int cmd_mark(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {{"feed", required_argument, NULL, 'f'},
	                                        {NULL, 0, NULL, 0}};
	const struct command *self = command_find("mark");
	const char *feed = NULL;
	struct ids ids = {0};
	enum mark_flag flag;
	int opt, value, rc = EXIT_OK, missing = 0, from_stdin = 0, changed;
	struct cache *c;

	/* Options may come anywhere: getopt_long permutes (no '+'). */
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt != 'f')
			return command_bad_usage(self, "unknown option");
		feed = optarg;
	}
	if (optind >= argc || parse_state(argv[optind], &flag, &value) != 0)
		return command_bad_usage(self, "say read, unread, saved or unsaved");
	for (int i = optind + 1; i < argc; i++) {
		int64_t id;
		if (strcmp(argv[i], "-") == 0) {
			from_stdin = 1;
			continue;
		}
		if (resolve_item_id(argv[i], &id) != 0) {
			free(ids.v);
			return command_bad_usage(self, "\"%s\" is not an article id", argv[i]);
		}
		ids_push(&ids, id);
	}
	if (!feed && ids.n == 0 && !from_stdin) {
		free(ids.v);
		return command_bad_usage(self,
		                         "name articles (ids, or - for standard input) or --feed");
	}
	if (from_stdin && read_stdin_ids(&ids) != 0) {
		free(ids.v);
		return EXIT_FAIL;
	}
	app->cache_flags = CACHE_OPEN_NO_SCAN;
	if (!(c = app_cache(app))) {
		free(ids.v);
		return EXIT_FAIL;
	}
	if (feed) {
		int64_t feed_id;
		if (resolve_feed_id(c, app_feeds(app), feed, &feed_id) != 0 ||
		    store_mark_feed(c, feed_id, flag, value) < 0)
			rc = EXIT_FAIL;
	}
	if (rc == EXIT_OK && ids.n) {
		changed = store_mark_items(c, ids.v, ids.n, flag, value, &missing);
		if (changed == -2) {
			log_error("mark: no article %lld in the cache (nothing was marked)",
			          (long long)ids.v[missing]);
			rc = EXIT_FAIL;
		} else if (changed < 0) {
			log_error("mark: cannot write to the cache: %s", cache_errmsg(c));
			rc = EXIT_FAIL;
		}
	}
	free(ids.v);
	return rc;
}
