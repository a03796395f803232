/* JSON values for the commands' --json output, one definition each. json-c escapes control
 * characters itself, so any string is safe to print; titles are also made one clean line. */
#ifndef TIDINGS_CLI_JSON_OUT_H
#define TIDINGS_CLI_JSON_OUT_H

#include <json-c/json.h>
#include <stdint.h>

/* The string as it is, or JSON null for NULL. */
json_object *json_str(const char *s);
/* The string sanitised to one line (titles, names, links), or null. */
json_object *json_line(const char *s);
/* RFC 3339 UTC, or null for TIME_UNKNOWN. */
json_object *json_time(int64_t t);

/* Prints o to stdout as the commands' --json output (pretty, spaced) and frees it. */
void json_print_and_free(json_object *o);

#endif
