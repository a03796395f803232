/* tidings: a terminal news reader. Global options, then a subcommand in the style of git. */
#include "cli/cli.h"
#include "config/config.h"
#include "core/log.h"
#include "core/text.h"
#include "core/util.h"
#include "ui/ui.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct command commands[] = {
#define COMMAND(name, fn, usage, summary, help) {name, fn, usage, summary, help},
#include "cli/commands.def"
#undef COMMAND
};

const struct command *command_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void command_usage(const struct command *cmd, FILE *f)
{
	fprintf(f, "usage: tidings [--config DIR] [--data DIR] %s\n", cmd->usage);
}

int command_bad_usage(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;
	struct buf b;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	log_error("%s: %s", cmd->name, b.data ? b.data : "");
	buf_free(&b);
	command_usage(cmd, stderr);
	return EXIT_USAGE;
}

static void print_main_usage(FILE *f)
{
	fputs("usage: tidings [--config DIR] [--data DIR] [COMMAND [ARGS]]\n"
	      "       tidings --help | --version\n\n"
	      "Global options:\n"
	      "  --config DIR   read config and feeds from DIR (default $XDG_CONFIG_HOME/tidings)\n"
	      "  --data DIR     keep the cache and saved articles in DIR\n"
	      "                 (default $XDG_DATA_HOME/tidings)\n"
	      "  -h, --help     show this help\n"
	      "  -V, --version  show the version\n\n"
	      "Commands:\n",
	      f);
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\nRun 'tidings help COMMAND' for one command's usage; the manual is tidings(1),\n"
	      "the settings are in tidings.conf(5).\n",
	      f);
}

static void print_command_help(const struct command *cmd)
{
	command_usage(cmd, stdout);
	printf("\n%s\n\n%s\n", cmd->summary, cmd->help);
}

/* --help anywhere among a command's arguments (before a "--") asks for its help, for every
 * command alike, so that no command reads it as a name or a file. */
static int asks_for_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

int cmd_help(struct app *app, int argc, char **argv)
{
	const struct command *cmd;

	(void)app;
	if (argc < 2) {
		print_main_usage(stdout);
		return EXIT_OK;
	}
	cmd = command_find(argv[1]);
	if (!cmd) {
		log_error("no such command: %s", argv[1]);
		return EXIT_USAGE;
	}
	print_command_help(cmd);
	return EXIT_OK;
}

struct cache *app_cache(struct app *app)
{
	char *err = NULL;
	int rc;

	if (app->cache)
		return app->cache;
	rc = mkdir_p(app->paths.data_dir, 0700);
	if (rc != 0) {
		log_error("%s: %s", app->paths.data_dir, strerror(-rc));
		return NULL;
	}
	if (cache_open_flags(app->paths.cache_file, app->cache_flags, &app->cache, &err) != 0) {
		log_error("%s", err);
		free(err);
		return NULL;
	}
	return app->cache;
}

struct feeds_file *app_feeds(struct app *app)
{
	char *err = NULL;

	if (app->feeds_loaded)
		return &app->feeds;
	if (feeds_file_load(app->paths.feeds_file, &app->feeds, &err) != 0) {
		log_error("%s", err);
		free(err);
		return NULL;
	}
	app->feeds_loaded = 1;
	return &app->feeds;
}

struct rules *app_rules(struct app *app)
{
	char *err = NULL;

	if (app->rules_loaded)
		return &app->rules;
	if (rules_load(app->paths.rules_file, &app->rules, &err) != 0) {
		log_error("%s", err);
		free(err);
		return NULL;
	}
	app->rules_loaded = 1;
	return &app->rules;
}

static void app_free(struct app *app)
{
	cache_close(app->cache);
	if (app->rules_loaded)
		rules_free(&app->rules);
	if (app->feeds_loaded)
		feeds_file_free(&app->feeds);
	paths_free(&app->paths);
	settings_free();
}

static int load_configuration(struct app *app, const char *config_dir, const char *data_dir)
{
	char *err = NULL;

	if (paths_resolve(&app->paths, config_dir, data_dir) != 0) {
		log_error("cannot find a home directory: set HOME or XDG_CONFIG_HOME and "
		          "XDG_DATA_HOME, or use --config and --data");
		return -1;
	}
	settings_reset();
	ui_register_config();
	if (config_load(app->paths.config_file, &err) != 0) {
		log_error("%s", err);
		free(err);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option global_options[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"data", required_argument, NULL, 'd'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	const char *config_dir = NULL, *data_dir = NULL;
	const struct command *cmd;
	struct app app;
	int opt, rc;

	text_init_locale();
	/* '+' stops at the first non-option: the subcommand's options are its own. */
	while ((opt = getopt_long(argc, argv, "+hV", global_options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config_dir = optarg;
			break;
		case 'd':
			data_dir = optarg;
			break;
		case 'h':
			print_main_usage(stdout);
			return EXIT_OK;
		case 'V':
			printf(
			    "tidings %s\n"
			    "Copyright (c) 2026 The tidings authors\n"
			    "License MIT: <https://opensource.org/licenses/MIT>\n"
			    "This is free software: you are free to change and redistribute it.\n"
			    "There is NO WARRANTY, to the extent permitted by law.\n",
			    PACKAGE_VERSION);
			return EXIT_OK;
		default:
			print_main_usage(stderr);
			return EXIT_USAGE;
		}
	}
	/* No command runs the reader. */
	cmd = command_find(optind < argc ? argv[optind] : "read");
	if (!cmd) {
		log_error("'%s' is not a tidings command", argv[optind]);
		print_main_usage(stderr);
		return EXIT_USAGE;
	}
	if (optind < argc && asks_for_help(argc - optind, argv + optind)) {
		print_command_help(cmd);
		return EXIT_OK;
	}
	memset(&app, 0, sizeof(app));
	if (load_configuration(&app, config_dir, data_dir) != 0) {
		app_free(&app);
		return EXIT_USAGE;
	}
	if (optind < argc) {
		argc -= optind;
		argv += optind;
	} else {
		static char *read_argv[] = {"read", NULL};
		argc = 1;
		argv = read_argv;
	}
	optind = 0; /* restart getopt for the subcommand, GNU style */
	rc = cmd->run(&app, argc, argv);
	app_free(&app);
	return rc;
}
