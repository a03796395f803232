/* Fuzzes the config reader (INI through iniparser, then the settings table's validation and
 * the reader's [keys] and [colors] sections). config_load() only takes a path, so the input
 * goes through an in-memory file. */
#include "fuzz/fuzz.h"
#include "config/config.h"
#include "ui/ui.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int registered;
	char *err = NULL;

	if (!registered++)
		ui_register_config();
	settings_reset();
	config_load(fuzz_path_with(data, size), &err);
	free(err);
	for (int i = 0; i < setting_count; i++)
		free(setting_value_text(i));
	fuzz_path_close();
	settings_free();
	return 0;
}
