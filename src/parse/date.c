/* Date parsing by tokens rather than by fixed formats, because feeds write RFC 822 dates in
 * every order and spelling: missing weekday or seconds, two-digit years, named, numeric or
 * missing zones, asctime order, ISO dates in RSS and RFC 822 dates in Atom. */
#include "parse/date.h"
#include "core/util.h"
#include "parse/feed.h"

#include <ctype.h>
#include <string.h>

int64_t date_from_civil(int year, int month, int day, int hour, int min, int sec)
{
	/* Days from 1970-01-01 by the proleptic Gregorian calendar, for any year. */
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * 146097 + doe - 719468;
	return days * 86400 + hour * 3600 + min * 60 + sec;
}

static int days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

struct date_parts {
	int year, month, day, hour, min, sec;
	int year_digits; /* "0001" is the year 1, not a two-digit year */
	int have_year, have_month, have_day, have_time;
	int offset; /* seconds east of UTC */
	int have_zone;
	int pm, am;
};

static int64_t date_finish(struct date_parts *d)
{
	if (!d->have_year || !d->have_month || !d->have_day)
		return TIME_UNKNOWN;
	if (d->year < 100 && d->year_digits <= 2) /* two-digit years as RFC 2822 reads them */
		d->year += d->year < 50 ? 2000 : 1900;
	if (d->year < 1000 || d->year > 9999 || d->month < 1 || d->month > 12 || d->day < 1 ||
	    d->day > days_in_month(d->year, d->month))
		return TIME_UNKNOWN;
	if (d->pm && d->hour >= 1 && d->hour < 12)
		d->hour += 12;
	if (d->am && d->hour == 12)
		d->hour = 0;
	if (d->sec == 60) /* a leap second */
		d->sec = 59;
	if (d->hour > 24 || (d->hour == 24 && (d->min || d->sec)) || d->min > 59 || d->sec > 59)
		return TIME_UNKNOWN;
	int64_t t = date_from_civil(d->year, d->month, d->day, d->hour, d->min, d->sec) - d->offset;
	/* the instant, in UTC, stays within the years a date may be written with:
	 * "9999-12-31T23:59:59-12:00" (a "never" placeholder) would be in the year 10000,
	 * which no RFC 3339 date can say */
	if (t < date_from_civil(1000, 1, 1, 0, 0, 0) ||
	    t > date_from_civil(9999, 12, 31, 23, 59, 59))
		return TIME_UNKNOWN;
	return t;
}

/* Reads up to max digits; returns how many were read. */
static int read_digits(const char **p, int max, int *out)
{
	int n = 0, v = 0;
	while (n < max && isdigit((unsigned char)**p)) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*out = v;
	return n;
}

/* "+hh:mm", "+hhmm", "+hh" or "Z" at *p; returns 0 when none is there. */
static int read_numeric_zone(const char **p, int *offset)
{
	const char *s = *p;
	int sign, hh, mm = 0, n;

	if (*s == 'Z' || *s == 'z') {
		*offset = 0;
		*p = s + 1;
		return 1;
	}
	if (*s != '+' && *s != '-')
		return 0;
	sign = *s == '-' ? -1 : 1;
	s++;
	n = read_digits(&s, 4, &hh);
	if (n == 4) {
		mm = hh % 100;
		hh /= 100;
	} else if (n == 3) {
		mm = hh % 100;
		hh /= 100;
	} else if (n >= 1) {
		if (*s == ':' && isdigit((unsigned char)s[1])) {
			s++;
			if (read_digits(&s, 2, &mm) != 2)
				return 0;
		}
	} else {
		return 0;
	}
	if (hh > 14 || mm > 59)
		return 0;
	*offset = sign * (hh * 3600 + mm * 60);
	*p = s;
	return 1;
}

/* hh:mm[:ss[.frac]] at *p; d is only changed when it is one. */
static int read_clock(const char **p, struct date_parts *d)
{
	const char *s = *p;
	int hour, min, sec = 0;

	if (read_digits(&s, 2, &hour) == 0 || (*s != ':' && *s != '.'))
		return 0;
	s++;
	if (read_digits(&s, 2, &min) != 2)
		return 0;
	if ((*s == ':' || *s == '.') && isdigit((unsigned char)s[1])) {
		s++;
		if (read_digits(&s, 2, &sec) != 2)
			return 0;
		if ((*s == '.' || *s == ',') && isdigit((unsigned char)s[1])) {
			int frac;
			s++;
			while (read_digits(&s, 9, &frac) == 9)
				;
		}
	}
	d->hour = hour, d->min = min, d->sec = sec;
	d->have_time = 1;
	*p = s;
	return 1;
}

static void skip_space(const char **p)
{
	while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
		(*p)++;
}

/* A zone written as a word: the RFC 822 names, and the common ones feeds add. */
static int named_zone(const char *w, int *offset)
{
	static const struct {
		const char *name;
		int hours;
	} zones[] = {
	    {"UT", 0},    {"UTC", 0},   {"GMT", 0},  {"Z", 0},    {"WET", 0},   {"BST", 1},
	    {"CET", 1},   {"MET", 1},   {"CEST", 2}, {"MEST", 2}, {"EET", 2},   {"EEST", 3},
	    {"MSK", 3},   {"IST", 5},   {"JST", 9},  {"KST", 9},  {"AEST", 10}, {"AEDT", 11},
	    {"NZST", 12}, {"NZDT", 13}, {"EST", -5}, {"EDT", -4}, {"CST", -6},  {"CDT", -5},
	    {"MST", -7},  {"MDT", -6},  {"PST", -8}, {"PDT", -7}, {"AKST", -9}, {"AKDT", -8},
	    {"HST", -10}, {"AST", -4},  {"ADT", -3}, {"NST", -3},
	};
	for (size_t i = 0; i < ARRAY_LEN(zones); i++)
		if (str_casecmp_ascii(w, zones[i].name) == 0) {
			*offset = zones[i].hours * 3600;
			if (strcmp(zones[i].name, "NST") == 0)
				*offset -= 1800;
			return 1;
		}
	return 0;
}

/* English month names, and the abbreviations of a few other languages feeds use. */
static int month_number(const char *w)
{
	static const char *const names[][4] = {
	    {"jan", "janv", "ene", "gen"}, {"feb", "fév", "fev", "fév"},
	    {"mar", "mär", "märz", "mrz"}, {"apr", "avr", "abr", "apr"},
	    {"may", "mai", "mayo", "mag"}, {"jun", "juin", "giu", "jun"},
	    {"jul", "juil", "lug", "jul"}, {"aug", "août", "ago", "aou"},
	    {"sep", "sept", "set", "sep"}, {"oct", "okt", "ott", "oct"},
	    {"nov", "nov", "nov", "nov"},  {"dec", "dez", "déc", "dic"},
	};
	size_t len = strlen(w);

	if (len < 3)
		return 0;
	for (int m = 0; m < 12; m++)
		for (int k = 0; k < 4; k++) {
			size_t nl = strlen(names[m][k]);
			/* "Jan", "January", "Sept.", "janv." */
			if (str_ncasecmp_ascii(w, names[m][k], nl) == 0 &&
			    (len == nl || k == 0 || nl >= 4))
				return m + 1;
		}
	return 0;
}

static int is_weekday(const char *w)
{
	static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun",
	                                   "lun", "mar", "mer", "jeu", "ven", "sam", "dim",
	                                   "mo",  "di",  "mi",  "do",  "fr",  "sa",  "so"};
	size_t len = strlen(w);
	for (size_t i = 0; i < ARRAY_LEN(days); i++)
		if (len >= strlen(days[i]) && str_ncasecmp_ascii(w, days[i], strlen(days[i])) == 0)
			return 1;
	return 0;
}

/* ISO 8601 / RFC 3339: YYYY[-MM[-DD]][(T| )hh:mm[:ss[.f]]][ ][zone], the basic form
 * YYYYMMDDThhmmss, and Y/M/D with slashes. Returns 0 when s is not of this shape. */
static int parse_iso(const char *s, struct date_parts *d)
{
	const char *p = s;
	int n = read_digits(&p, 8, &d->year);
	char sep;

	d->year_digits = 4;
	if (n == 8) { /* basic format */
		d->day = d->year % 100;
		d->month = d->year / 100 % 100;
		d->year /= 10000;
		d->have_year = d->have_month = d->have_day = 1;
		if (*p == 'T' || *p == 't') {
			int hms;
			p++;
			n = read_digits(&p, 6, &hms);
			if (n == 6) {
				d->hour = hms / 10000, d->min = hms / 100 % 100, d->sec = hms % 100;
			} else if (n == 4) {
				d->hour = hms / 100, d->min = hms % 100;
			} else {
				return 0;
			}
			d->have_time = 1;
		}
		goto zone;
	}
	if (n != 4)
		return 0;
	d->have_year = 1;
	sep = *p;
	if (sep != '-' && sep != '/')
		return *p == '\0' ? (d->month = d->day = 1, d->have_month = d->have_day = 1) : 0;
	p++;
	if (read_digits(&p, 2, &d->month) == 0)
		return 0;
	d->have_month = 1;
	if (*p == sep) {
		p++;
		if (read_digits(&p, 2, &d->day) == 0)
			return 0;
	} else {
		d->day = 1; /* "2003-12": Atom 0.3 allows reduced precision */
	}
	d->have_day = 1;
	if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
		p++;
		if (!read_clock(&p, d))
			return 0;
	}
zone:
	skip_space(&p);
	if (*p == '\0')
		return 1;
	if (read_numeric_zone(&p, &d->offset)) {
		d->have_zone = 1;
	} else {
		char word[8];
		size_t i = 0;
		while (isalpha((unsigned char)*p) && i < sizeof(word) - 1)
			word[i++] = *p++;
		word[i] = '\0';
		if (!named_zone(word, &d->offset))
			return 0;
		d->have_zone = 1;
	}
	skip_space(&p);
	return *p == '\0';
}

/* A number token of an RFC 822 style date: day, year, or a time when a colon follows. */
static int rfc822_number(const char **p, struct date_parts *d)
{
	const char *s = *p;
	int v, n;

	if (!d->have_time && read_clock(&s, d)) {
		*p = s;
		return 1;
	}
	s = *p;
	n = read_digits(&s, 4, &v);
	if (isdigit((unsigned char)*s))
		return 0;
	if (n == 4 || (d->have_day && d->have_month && !d->have_year)) {
		if (d->have_year)
			return 0;
		d->year = v, d->have_year = 1, d->year_digits = n;
		if (n == 3)
			return 0;
	} else if (!d->have_day) {
		d->day = v, d->have_day = 1;
	} else if (!d->have_year) {
		d->year = v, d->have_year = 1, d->year_digits = n;
	} else {
		return 0;
	}
	*p = s;
	return 1;
}

/* A word token: weekday, month, zone, AM/PM, or noise feeds put in dates ("at", "of"). */
static int rfc822_word(const char **p, struct date_parts *d)
{
	char word[16];
	size_t i = 0;
	const char *s = *p;

	while ((isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80) && i < sizeof(word) - 1)
		word[i++] = *s++;
	word[i] = '\0';
	if (isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80)
		return 0;
	*p = s;
	if (!d->have_month && month_number(word)) {
		d->month = month_number(word);
		d->have_month = 1;
		return 1;
	}
	if (!d->have_month && !d->have_day && is_weekday(word))
		return 1;
	if (str_casecmp_ascii(word, "pm") == 0 || str_casecmp_ascii(word, "am") == 0) {
		if (!d->have_time)
			return 0;
		*(word[0] == 'p' || word[0] == 'P' ? &d->pm : &d->am) = 1;
		return 1;
	}
	/* RFC 822's military zones, one letter but J (Z is UTC, a named zone): RFC 822 gave
	 * them the wrong signs, so RFC 1123 says they carry no information and RFC 2822 that
	 * they mean -0000, a time in UTC whose local zone is unknown. Read so, as UTC. */
	if (d->have_time && !d->have_zone && i == 1 && isalpha((unsigned char)word[0]) &&
	    word[0] != 'j' && word[0] != 'J' && word[0] != 'z' && word[0] != 'Z') {
		d->offset = 0;
		d->have_zone = 1;
		return 1;
	}
	if (d->have_time && !d->have_zone && named_zone(word, &d->offset)) {
		d->have_zone = 1;
		/* "GMT+0100": the offset after a named zone adds to it */
		if (*s == '+' || *s == '-') {
			int extra;
			if (read_numeric_zone(&s, &extra)) {
				d->offset += extra;
				*p = s;
			}
		}
		return 1;
	}
	if (str_casecmp_ascii(word, "at") == 0 || str_casecmp_ascii(word, "of") == 0 ||
	    str_casecmp_ascii(word, "the") == 0)
		return 1;
	/* An unknown zone abbreviation after the time: read as UTC rather than lose the date. */
	if (d->have_time && !d->have_zone && i >= 1 && i <= 5 && isupper((unsigned char)word[0])) {
		d->have_zone = 1;
		return 1;
	}
	return 0;
}

static int64_t parse_rfc822(const char *s)
{
	struct date_parts d;
	const char *p = s;

	memset(&d, 0, sizeof(d));
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',' || *p == '\n' || *p == '\r' ||
		       *p == '.' || *p == '/' || (*p == '-' && !d.have_time))
			p++;
		if (*p == '\0')
			break;
		if (isdigit((unsigned char)*p)) {
			if (!rfc822_number(&p, &d))
				return TIME_UNKNOWN;
		} else if ((*p == '+' || *p == '-') && d.have_time && !d.have_zone) {
			if (!read_numeric_zone(&p, &d.offset))
				return TIME_UNKNOWN;
			d.have_zone = 1;
		} else if (*p == '(') { /* RFC 822 comments, "(PST)", nested, with \) escapes */
			int depth = 0;
			do {
				if (*p == '\\' && p[1])
					p++;
				else if (*p == '(')
					depth++;
				else if (*p == ')')
					depth--;
				p++;
			} while (*p && depth > 0);
		} else if (isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80) {
			if (!rfc822_word(&p, &d))
				return TIME_UNKNOWN;
		} else {
			return TIME_UNKNOWN;
		}
	}
	return date_finish(&d);
}

/* s without the white space around it into buf; 0 when it is empty or too long. */
static int date_text(const char *s, char *buf, size_t size)
{
	size_t len;

	if (!s)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	len = strlen(s);
	if (len == 0 || len >= size)
		return 0;
	memcpy(buf, s, len + 1);
	str_trim(buf);
	return 1;
}

int64_t date_parse_iso8601(const char *s)
{
	struct date_parts d;
	char buf[128];

	memset(&d, 0, sizeof(d));
	if (!date_text(s, buf, sizeof(buf)) || !isdigit((unsigned char)buf[0]) ||
	    !parse_iso(buf, &d))
		return TIME_UNKNOWN;
	return date_finish(&d);
}

int64_t date_parse(const char *s)
{
	char buf[128];

	if (!date_text(s, buf, sizeof(buf)))
		return TIME_UNKNOWN;
	if (isdigit((unsigned char)buf[0])) {
		int64_t t = date_parse_iso8601(buf);
		if (t != TIME_UNKNOWN)
			return t;
	}
	return parse_rfc822(buf);
}
