/* Feed dates to UTC seconds: RFC 822 and the variants feeds really use, and RFC 3339 /
 * ISO 8601. Anything not understood is TIME_UNKNOWN, never 1970 or "now". */
#ifndef TIDINGS_PARSE_DATE_H
#define TIDINGS_PARSE_DATE_H

#include <stdint.h>

/* Seconds since the epoch (UTC) for s, or TIME_UNKNOWN (parse/feed.h). A date without a
 * zone is taken as UTC; one without a time as midnight. */
int64_t date_parse(const char *s);

/* The same for ISO 8601 / RFC 3339 only (HTML's <time datetime> and meta tags): the one
 * reader of such dates. */
int64_t date_parse_iso8601(const char *s);

/* Seconds since the epoch for a UTC calendar date and time; no range checks. */
int64_t date_from_civil(int year, int month, int day, int hour, int min, int sec);

#endif
