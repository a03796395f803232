#include "core/timefmt.h"

#include <stdio.h>
#include <time.h>

void time_format_rfc3339(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, size, "%lld", (long long)t);
}

void time_format_local(int64_t t, const char *fmt, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0) {
		snprintf(out, size, "never");
		return;
	}
	if (!localtime_r(&tt, &tm) || strftime(out, size, fmt, &tm) == 0)
		snprintf(out, size, "?");
}
