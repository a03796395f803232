/* The date parser on dates as feeds really write them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/timefmt.h"
#include "parse/date.h"
#include "parse/feed.h"

#include <stdio.h>
#include <string.h>

struct date_case {
	const char *in;
	const char *want; /* RFC 3339 UTC, or NULL for "unknown" */
};

static const struct date_case cases[] = {
    /* RFC 822 / 2822 as specified */
    {"Mon, 06 Sep 2021 16:45:00 +0000", "2021-09-06T16:45:00Z"},
    {"Mon, 06 Sep 2021 16:45:00 GMT", "2021-09-06T16:45:00Z"},
    {"Mon, 06 Sep 2021 16:45:00 UT", "2021-09-06T16:45:00Z"},
    {"Mon, 06 Sep 2021 16:45:00 UTC", "2021-09-06T16:45:00Z"},
    {"Mon, 06 Sep 2021 16:45:00 Z", "2021-09-06T16:45:00Z"},
    {"Mon, 06 Sep 2021 16:45:00 +0200", "2021-09-06T14:45:00Z"},
    {"Mon, 06 Sep 2021 16:45:00 -0700", "2021-09-06T23:45:00Z"},
    {"Mon, 06 Sep 2021 16:45:00 +0530", "2021-09-06T11:15:00Z"},
    {"Tue, 10 Jun 2003 04:00:00 EST", "2003-06-10T09:00:00Z"},
    {"Tue, 10 Jun 2003 04:00:00 EDT", "2003-06-10T08:00:00Z"},
    {"Tue, 10 Jun 2003 04:00:00 PST", "2003-06-10T12:00:00Z"},
    {"Tue, 10 Jun 2003 04:00:00 PDT", "2003-06-10T11:00:00Z"},
    {"Tue, 10 Jun 2003 04:00:00 CST", "2003-06-10T10:00:00Z"},
    {"Tue, 10 Jun 2003 04:00:00 MDT", "2003-06-10T10:00:00Z"},
    /* real-world variants */
    {"06 Sep 2021 16:45:00 +0000", "2021-09-06T16:45:00Z"},     /* no weekday */
    {"Mon, 06 Sep 2021 16:45 +0000", "2021-09-06T16:45:00Z"},   /* no seconds */
    {"Mon, 6 Sep 2021 16:45:00 +0000", "2021-09-06T16:45:00Z"}, /* one-digit day */
    {"Mon, 06 Sep 21 16:45:00 +0000", "2021-09-06T16:45:00Z"},  /* two-digit year */
    {"Thu, 01 Jan 70 00:00:01 GMT", "1970-01-01T00:00:01Z"},    /* two-digit, 1900s */
    {"Sun, 31 Dec 99 23:59:59 GMT", "1999-12-31T23:59:59Z"},
    {"Mon, 06 Sep 2021 16:45:00", "2021-09-06T16:45:00Z"},              /* no zone: UTC */
    {"Mon, 06 Sep 2021", "2021-09-06T00:00:00Z"},                       /* no time */
    {"Monday, 06 September 2021 16:45:00 GMT", "2021-09-06T16:45:00Z"}, /* full names */
    {"Mon, 06 Sept 2021 16:45:00 GMT", "2021-09-06T16:45:00Z"},
    {"Mon,06 Sep 2021 16:45:00 GMT", "2021-09-06T16:45:00Z"},     /* no space after comma */
    {"Mon, 06 Sep 2021 16:45:00 +00:00", "2021-09-06T16:45:00Z"}, /* colon in zone */
    {"Mon, 06 Sep 2021 16:45:00 GMT+0200", "2021-09-06T14:45:00Z"},
    {"Mon, 06 Sep 2021 16:45:00 -0800 (PST)", "2021-09-07T00:45:00Z"},
    {"Thu, 09 (nested (comment) Mar)Feb(escaped comment\\) 2005) 2006()23:59:45 +0000",
     "2006-02-09T23:59:45Z"},
    {"Mon, 06 sep 2021 16:45:00 gmt", "2021-09-06T16:45:00Z"},       /* lower case */
    {"  Mon, 06 Sep 2021 16:45:00 GMT  \n", "2021-09-06T16:45:00Z"}, /* white space */
    {"Mon Sep  6 16:45:00 2021", "2021-09-06T16:45:00Z"},            /* asctime */
    {"Sep 06 2021 16:45:00 GMT", "2021-09-06T16:45:00Z"},
    {"Mon, 06 Sep 2021 4:45:00 PM GMT", "2021-09-06T16:45:00Z"}, /* 12-hour clock */
    {"Mon, 06 Sep 2021 12:05:00 AM GMT", "2021-09-06T00:05:00Z"},
    {"Mon, 06-Sep-2021 16:45:00 GMT", "2021-09-06T16:45:00Z"}, /* cookie style */
    {"Wed, 31 Dec 2008 23:59:60 GMT", "2008-12-31T23:59:59Z"}, /* leap second */
    {"Mon, 06 Sep 2021 16:45:00 CEST", "2021-09-06T14:45:00Z"},
    {"Mon, 06 Sep 2021 16:45:00 XYZ", "2021-09-06T16:45:00Z"},  /* unknown zone: UTC */
    {"Di, 07 Sep 2021 16:45:00 +0200", "2021-09-07T14:45:00Z"}, /* German weekday */
    {"7 Okt 2021 10:00:00 +0200", "2021-10-07T08:00:00Z"},      /* German month */
    {"Thu, 29 Feb 2024 10:00:00 GMT", "2024-02-29T10:00:00Z"},  /* leap day */
    /* RFC 3339 / ISO 8601 */
    {"2021-09-06T16:45:00Z", "2021-09-06T16:45:00Z"},
    {"2021-09-06T16:45:00+02:00", "2021-09-06T14:45:00Z"},
    {"2021-09-06T16:45:00-05:00", "2021-09-06T21:45:00Z"},
    {"2021-09-06T16:45:00.123456Z", "2021-09-06T16:45:00Z"},
    {"2021-09-06T16:45:00.5+01:00", "2021-09-06T15:45:00Z"},
    {"2021-09-06t16:45:00z", "2021-09-06T16:45:00Z"},
    {"2021-09-06T16:45Z", "2021-09-06T16:45:00Z"},
    {"2021-09-06T16:45:00", "2021-09-06T16:45:00Z"}, /* no zone */
    {"2021-09-06 16:45:00", "2021-09-06T16:45:00Z"}, /* space separator */
    {"2021-09-06 16:45:00 +0200", "2021-09-06T14:45:00Z"},
    {"2021-09-06T16:45:00+0200", "2021-09-06T14:45:00Z"},
    {"2021-09-06T16:45:00+02", "2021-09-06T14:45:00Z"},
    {"2021-09-06", "2021-09-06T00:00:00Z"},
    {"2021-09", "2021-09-01T00:00:00Z"}, /* Atom 0.3 reduced */
    {"2021", "2021-01-01T00:00:00Z"},
    {"20210906T164500Z", "2021-09-06T16:45:00Z"}, /* basic format */
    {"2021/09/06 16:45:00", "2021-09-06T16:45:00Z"},
    {"2021-09-06T24:00:00Z", "2021-09-07T00:00:00Z"}, /* end of day */
    {"1969-07-20T20:17:40Z", "1969-07-20T20:17:40Z"}, /* before 1970 */
    {"2099-12-31T23:59:59Z", "2099-12-31T23:59:59Z"},
    /* the edges of the years a date is written with, after its zone */
    {"9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"},
    {"9999-12-31T23:59:59+01:00", "9999-12-31T22:59:59Z"},
    {"9999-12-31T23:59:59-12:00", NULL}, /* the year 10000 in UTC */
    {"Fri, 31 Dec 9999 23:00:00 -0100", NULL},
    {"1000-01-01T00:00:00Z", "1000-01-01T00:00:00Z"},
    {"1000-01-01T00:00:00+01:00", NULL}, /* the year 999 in UTC */
    /* RFC 822 military zones carry no information (RFC 1123): -0000, read as UTC */
    {"Mon, 06 Sep 2021 16:45:00 A", "2021-09-06T16:45:00Z"},
    {"Mon, 06 Sep 2021 16:45:00 M", "2021-09-06T16:45:00Z"},
    {"Mon, 06 Sep 2021 16:45:00 N", "2021-09-06T16:45:00Z"},
    {"Mon, 06 Sep 2021 16:45:00 Y", "2021-09-06T16:45:00Z"},
    {"Mon, 06 Sep 2021 16:45:00 z", "2021-09-06T16:45:00Z"},
    {"Mon, 06 Sep 2021 16:45:00 a", "2021-09-06T16:45:00Z"}, /* lower case too */
    {"Mon, 06 Sep 2021 16:45:00 -0000", "2021-09-06T16:45:00Z"},
    /* not dates: unknown, never 1970 and never now */
    {"", NULL},
    {"   ", NULL},
    {"not a date", NULL},
    {"Mon, 32 Sep 2021 16:45:00 GMT", NULL},
    {"Mon, 29 Feb 2021 16:45:00 GMT", NULL},
    {"2021-13-01T00:00:00Z", NULL},
    {"2021-02-30", NULL},
    {"2021-09-06T25:00:00Z", NULL},
    {"2021-09-06T16:61:00Z", NULL},
    {"Mon, 06 Foo 2021 16:45:00 GMT", NULL},
    {"yesterday", NULL},
    {"0", NULL},
    {"12:00", NULL},
    {"Sep 2021", NULL},
};

static void test_cases(void **state)
{
	int failed = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t t = date_parse(cases[i].in);
		char got[40] = "unknown";
		if (t != TIME_UNKNOWN)
			time_format_rfc3339(t, got, sizeof(got));
		const char *want = cases[i].want ? cases[i].want : "unknown";
		if (strcmp(got, want) != 0) {
			printf("# \"%s\": got %s, want %s\n", cases[i].in, got, want);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

static void test_enough_cases(void **state)
{
	assert_true(sizeof(cases) / sizeof(cases[0]) >= 50);
}

static void test_null_is_unknown(void **state)
{
	assert_true(date_parse(NULL) == TIME_UNKNOWN);
}

static void test_civil(void **state)
{
	assert_true(date_from_civil(1970, 1, 1, 0, 0, 0) == 0);
	assert_true(date_from_civil(2000, 3, 1, 0, 0, 0) == 951868800);
	assert_true(date_from_civil(1969, 12, 31, 23, 59, 59) == -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cases),
	    cmocka_unit_test(test_enough_cases),
	    cmocka_unit_test(test_null_is_unknown),
	    cmocka_unit_test(test_civil),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
