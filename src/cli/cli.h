/* The command line: global state shared by subcommands, and the command table. */
#ifndef TIDINGS_CLI_CLI_H
#define TIDINGS_CLI_CLI_H

#include "config/feeds_file.h"
#include "core/paths.h"
#include "filter/rules.h"
#include "store/cache.h"

#include <stdint.h>
#include <stdio.h>

/* Exit statuses, as documented in tidings(1). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,  /* the command ran and something failed (a feed, a lookup) */
	EXIT_USAGE = 2, /* bad command line or configuration */
};

struct app {
	struct paths paths;
	struct cache *cache; /* opened on first use by app_cache() */
	int cache_flags;     /* for cache_open_flags() */
	struct feeds_file feeds;
	int feeds_loaded;
	struct rules rules;
	int rules_loaded;
};

/* Opens the cache (creating the data directory); prints the error and returns NULL on
 * failure. */
struct cache *app_cache(struct app *app);
/* Loads the feeds file once; prints the error and returns NULL on failure. */
struct feeds_file *app_feeds(struct app *app);

/* Loads the rules file once (no file: no rules); prints "rules:LINE:COLUMN: ..." and returns
 * NULL when it is wrong. */
struct rules *app_rules(struct app *app);

struct filter;
struct filter_sql;
/* Parses a filter expression; prints the error with its column (after `what`) and returns
 * NULL when it is wrong. */
struct filter *cli_filter_parse(const char *what, const char *expression);
/* Whether the rules file hides articles from lists (ignore-mode display). */
int cli_rules_hide(struct app *app);
/* The filter's condition on the cache (expr may be NULL), with the feeds file's tags and
 * order, without the articles the rules file hides (ignore-mode display); NULL on error. */
struct filter_sql *cli_filter_condition(struct app *app, const struct filter *expr);

typedef int (*command_fn)(struct app *app, int argc, char **argv);

struct command {
	const char *name;
	command_fn run;
	const char *usage;   /* "refresh [FEED...]" */
	const char *summary; /* one line for `tidings --help` */
	const char *help;    /* the rest, for `tidings help COMMAND` */
};

#define COMMAND(name, fn, usage, summary, help) int fn(struct app *app, int argc, char **argv);
#include "cli/commands.def"
#undef COMMAND

const struct command *command_find(const char *name);
/* One sync (cmd_sync.c): prints the error and returns EXIT_FAIL on failure; quiet prints no
 * summary on success. */
int cli_sync(struct app *app, int quiet);
/* After add, remove or import: with [sync] set, a sync tells the server at once (a failure
 * is only a warning: the next sync tells it then). */
void cli_sync_after_change(struct app *app);
/* Downloads the queue's rows ids (cmd_download.c), a progress bar on a terminal, and prints
 * each file's path or why it failed. Returns EXIT_OK, or EXIT_FAIL when any failed. */
int cli_run_downloads(struct cache *c, const int64_t *ids, int count);
/* Prints "usage: tidings USAGE" for cmd to f. */
void command_usage(const struct command *cmd, FILE *f);
/* For subcommands: reports a bad option or argument, prints usage, returns EXIT_USAGE. */
int command_bad_usage(const struct command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
