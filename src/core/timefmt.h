/* Times as people and programs read them. */
#ifndef TIDINGS_CORE_TIMEFMT_H
#define TIDINGS_CORE_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

/* RFC 3339 in UTC ("2024-05-01T12:00:00Z") into out (at least 32 bytes). */
void time_format_rfc3339(int64_t t, char *out, size_t size);
/* Local time with a strftime format; "never" for 0. */
void time_format_local(int64_t t, const char *fmt, char *out, size_t size);

#endif
