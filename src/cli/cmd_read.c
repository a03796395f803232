/* tidings read: the reader, also what `tidings` alone runs. */
#include "cli/cli.h"
#include "core/log.h"
#include "ui/ui.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

int cmd_read(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
	    {"quit-after-first-draw", no_argument, NULL, 'q'},
	    {NULL, 0, NULL, 0},
	};
	struct ui_options o;
	int opt, rc;
	char *err = NULL;

	memset(&o, 0, sizeof(o));
	opterr = 0; /* the one message is command_bad_usage's */
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt != 'q')
			return command_bad_usage(command_find("read"), "unknown option %s",
			                         argv[optind - 1]);
		o.quit_after_first_draw = 1;
	}
	if (optind < argc)
		return command_bad_usage(command_find("read"), "unexpected argument '%s'",
		                         argv[optind]);
	app->cache_flags = CACHE_OPEN_NO_SCAN;
	o.cache = app_cache(app);
	if (!o.cache)
		return EXIT_FAIL;
	o.feeds = app_feeds(app);
	o.paths = &app->paths;
	if (!(o.rules = app_rules(app)))
		return EXIT_USAGE;
	if (ui_check_rules(o.rules, &err) != 0) {
		log_error("%s", err);
		free(err);
		return EXIT_USAGE;
	}
	rc = ui_run(&o);
	return rc < 0 ? EXIT_FAIL : rc;
}
