#include "cli/json_out.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "parse/feed.h"

#include <stdio.h>
#include <stdlib.h>

json_object *json_str(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

json_object *json_line(const char *s)
{
	char *clean;
	json_object *o;

	if (!s)
		return NULL;
	clean = text_sanitize_str(s, TEXT_COLLAPSE_SPACE);
	o = json_object_new_string(clean);
	free(clean);
	return o;
}

json_object *json_time(int64_t t)
{
	char when[40];

	if (t == TIME_UNKNOWN)
		return NULL;
	time_format_rfc3339(t, when, sizeof(when));
	return json_object_new_string(when);
}

void json_print_and_free(json_object *o)
{
	puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	                                           JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}
