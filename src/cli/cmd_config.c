/* tidings config: the settings in force, then the reader's key bindings and colours, as INI
 * text with each one's help. */
#include "cli/cli.h"
#include "config/config.h"
#include "core/text.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_config(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {{"defaults", no_argument, NULL, 'd'},
	                                        {NULL, 0, NULL, 0}};
	int opt, defaults = 0;

	(void)app;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt != 'd')
			return command_bad_usage(command_find("config"), "unknown option");
		defaults = 1;
	}
	if (optind < argc)
		return command_bad_usage(command_find("config"), "unexpected argument");
	if (defaults) {
		settings_reset();
		config_reset_sections();
	}
	printf("[general]\n");
	for (int i = 0, in_general = 1; i < setting_count; i++) {
		const struct setting_info *s = &setting_table[i];
		const char *dot = strchr(s->name, '.');
		char *value;

		/* "section.key" settings are written as key in their [section], after [general]. */
		if (in_general && dot) {
			printf("[%.*s]\n", (int)(dot - s->name), s->name);
			in_general = 0;
		}
		value = setting_value_text(i);
		printf("# %s\n", s->help);
		if (s->type == SETTING_ENUM)
			printf("# one of: %s\n", s->choices);
		printf("%s = ", dot ? dot + 1 : s->name);
		/* Strings are quoted so that ';' and '#' in them read back as text. */
		if (s->type == SETTING_STRING)
			putchar('"');
		text_fputs(stdout, value, 0);
		printf("%s\n\n", s->type == SETTING_STRING ? "\"" : "");
		free(value);
	}
	config_print_sections(stdout); /* the reader's [keys] and [colors] */
	return EXIT_OK;
}
