/* newsboat's config file moved over by `tidings import --from-newsboat`: bind-key and
 * unbind-key become the [keys] section, color the [colors] section, browser, reload-threads,
 * max-items, show-read-articles, datetime-format, auto-reload/reload-time and a few more the
 * settings of the same meaning, and ignore-article, ignore-mode, define-filter and
 * highlight-article lines go to the rules file as they are. Each line that does not map is
 * printed with its line number and why. newsboat's file is only read. (In src/cli because it
 * needs the reader's tables of actions, keys and colours as well as the settings.) */
#ifndef TIDINGS_CLI_NEWSBOAT_CONFIG_H
#define TIDINGS_CLI_NEWSBOAT_CONFIG_H

#include "core/paths.h"

struct newsboat_config_report {
	int found;    /* the file exists */
	int moved;    /* lines carried over */
	int unmapped; /* lines printed as not moved */
};

/* Converts the config at nb_config into paths' config and rules files (what they held is
 * kept). Returns 0 (unmapped lines included), or -1 when a file could not be read or
 * written. */
int newsboat_config_import(const char *nb_config, const struct paths *paths,
                           struct newsboat_config_report *report);

#endif
