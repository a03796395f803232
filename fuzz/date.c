/* Fuzzes the date parser: any text gives TIME_UNKNOWN or a time between the years 1000 and
 * 9999 (what date_parse accepts, give or take a zone offset), and that time written as
 * RFC 3339 parses back to itself. */
#include "fuzz/fuzz.h"
#include "core/timefmt.h"
#include "parse/date.h"
#include "parse/feed.h"

#include <stdlib.h>

/* Two days: more than any zone offset a date may carry. */
#define OFFSET_SLACK (2 * 86400)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstring(data, size);
	int64_t t = date_parse(s);
	char back[64];

	if (t != TIME_UNKNOWN) {
		if (t < date_from_civil(1000, 1, 1, 0, 0, 0) - OFFSET_SLACK ||
		    t > date_from_civil(9999, 12, 31, 23, 59, 59) + OFFSET_SLACK)
			abort();
		time_format_rfc3339(t, back, sizeof(back));
		if (t >= date_from_civil(1000, 1, 1, 0, 0, 0) &&
		    t <= date_from_civil(9999, 12, 31, 23, 59, 59) && date_parse(back) != t)
			abort();
	}
	free(s);
	return 0;
}
