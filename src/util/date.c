/*
 * date.c: calendar arithmetic, the fixed clock and the WHEN parser
 * (see kith/date.h).
 */
#include "kith/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

static struct kdatetime clock_now;
static bool clock_fixed;
static bool clock_ready;

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's algorithm). */
long
kdate_to_days(struct kdate d)
{
	long y = d.y - (d.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct kdate
kdate_from_days(long z)
{
	struct kdate d;
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.y = (int)(yoe + era * 400 + (d.m <= 2));
	return d;
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

bool
kdate_valid(struct kdate d)
{
	return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
	       d.d <= days_in_month(d.y, d.m);
}

struct kdate
kdate_add_days(struct kdate d, long n)
{
	return kdate_from_days(kdate_to_days(d) + n);
}

struct kdate
kdate_add_months(struct kdate d, int n)
{
	long m = (long)d.y * 12 + (d.m - 1) + n;
	struct kdate r;
	int dim;

	long q = m / 12, rem = m % 12;

	if (rem < 0) {          /* before year 0: floor, so the month stays 1..12 */
		rem += 12;
		q--;
	}
	r.y = (int)q;
	r.m = (int)rem + 1;
	dim = days_in_month(r.y, r.m);
	r.d = d.d > dim ? dim : d.d;
	return r;
}

int
kdate_weekday(struct kdate d)
{
	long days = kdate_to_days(d);      /* 1970-01-01 was a Thursday (3) */
	long w = (days + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

long
kdate_diff(struct kdate a, struct kdate b)
{
	return kdate_to_days(a) - kdate_to_days(b);
}

int
kdate_cmp(struct kdate a, struct kdate b)
{
	long x = kdate_to_days(a), y = kdate_to_days(b);
	return (x > y) - (x < y);
}

/* v's last n decimal digits at p (snprintf's "%0Nu" of v % 10^n, without its cost:
   an import formats two times a row, and snprintf was 2,500 instructions each) */
static void
put_digits(char *p, unsigned v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10u);
		v /= 10u;
	}
}

void
kdate_format(struct kdate d, char out[KDATE_STR])
{
	put_digits(out, (unsigned)d.y % 10000u, 4);
	out[4] = '-';
	put_digits(out + 5, (unsigned)d.m % 100u, 2);
	out[7] = '-';
	put_digits(out + 8, (unsigned)d.d % 100u, 2);
	out[10] = '\0';
}

void
kdatetime_format(struct kdatetime t, char out[KDATETIME_STR])
{
	kdate_format(t.date, out);
	if (!t.has_time)
		return;
	out[10] = ' ';
	put_digits(out + 11, (unsigned)t.hh % 100u, 2);
	out[13] = ':';
	put_digits(out + 14, (unsigned)t.mm % 100u, 2);
	out[16] = '\0';
}

/* Read exactly n digits at s into *v. */
static bool
digits(const char *s, int n, int *v)
{
	int x = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return true;
}

bool
kdate_parse_iso(const char *s, struct kdate *out)
{
	struct kdate d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!digits(s, 4, &d.y) || !digits(s + 5, 2, &d.m) || !digits(s + 8, 2, &d.d))
		return false;
	if (!kdate_valid(d))
		return false;
	*out = d;
	return true;
}

bool
kdatetime_parse_iso(const char *s, struct kdatetime *out)
{
	char date[11];
	struct kdatetime t = { 0 };
	size_t n;

	if (!s)
		return false;
	n = strlen(s);
	if (n == 10)
		return kdate_parse_iso(s, &out->date) && ((out->has_time = false), (out->hh = 0),
							  (out->mm = 0), true);
	if (n != 16 || (s[10] != ' ' && s[10] != 'T') || s[13] != ':')
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!kdate_parse_iso(date, &t.date))
		return false;
	if (!digits(s + 11, 2, &t.hh) || !digits(s + 14, 2, &t.mm) || t.hh > 23 || t.mm > 59)
		return false;
	t.has_time = true;
	*out = t;
	return true;
}

/* A local time as kith's date and time (minutes). */
static struct kdatetime
from_tm(const struct tm *tm)
{
	struct kdatetime t;

	t.date.y = tm->tm_year + 1900;
	t.date.m = tm->tm_mon + 1;
	t.date.d = tm->tm_mday;
	t.hh = tm->tm_hour;
	t.mm = tm->tm_min;
	t.has_time = true;
	return t;
}

enum kith_status
kdate_init_clock(struct kith_err *err)
{
	const char *env = getenv("KITH_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	clock_ready = true;
	clock_fixed = false;
	localtime_r(&now, &tm);
	clock_now = from_tm(&tm);
	if (!env || !*env)
		return KITH_OK;
	{
		struct kdatetime t;
		if (!kdatetime_parse_iso(env, &t))
			return kith_err_set(err, KITH_INVALID,
					    "KITH_TODAY \"%.40s\": must be YYYY-MM-DD or \"YYYY-MM-DD HH:MM\"",
					    env);
		if (!t.has_time) {
			t.hh = 9;
			t.mm = 0;
			t.has_time = true;
		}
		clock_now = t;
		clock_fixed = true;
	}
	return KITH_OK;
}

static void
clock_ensure(void)
{
	if (!clock_ready)
		kdate_init_clock(NULL);
}

struct kdate
kdate_today(void)
{
	clock_ensure();
	return clock_now.date;
}

struct kdatetime
kdate_now(void)
{
	/* localtime_r reads the time zone on every call: an import stamps
	   100,000 rows, so the last second's answer is kept */
	static time_t last = (time_t)-1;
	static struct tm last_tm;
	time_t now;

	clock_ensure();
	if (clock_fixed)
		return clock_now;
	now = time(NULL);
	if (now != last) {
		localtime_r(&now, &last_tm);
		last = now;
	}
	return from_tm(&last_tm);
}

static const char *const weekdays[7][2] = {
	{ "monday", "mon" }, { "tuesday", "tue" }, { "wednesday", "wed" },
	{ "thursday", "thu" }, { "friday", "fri" }, { "saturday", "sat" },
	{ "sunday", "sun" },
};

static enum kith_status
when_error(const char *s, size_t n, struct kith_err *err)
{
	return kith_err_set(err, KITH_INVALID,
			    "\"%.*s\": not a date (try today, tomorrow, fri, 3d, 2w, 1m or YYYY-MM-DD)",
			    (int)(n > 60 ? 60 : n), s);
}

/* [+-]N followed by d, w, m or y: an offset from today. */
static bool
parse_offset(const char *w, struct kdate today, struct kdate *out)
{
	const char *p = w;
	int sign = 1, nd = 0;
	long v = 0;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	while (isdigit((unsigned char)*p) && nd < 6) {
		v = v * 10 + (*p++ - '0');
		nd++;
	}
	if (nd == 0 || !p[0] || p[1])
		return false;
	v *= sign;
	switch (*p) {
	case 'd': *out = kdate_add_days(today, v); break;
	case 'w': *out = kdate_add_days(today, v * 7); break;
	case 'm': *out = kdate_add_months(today, (int)v); break;
	case 'y': *out = kdate_add_months(today, (int)v * 12); break;
	default: return false;
	}
	return kdate_valid(*out);
}

static enum kith_status
parse_when(const char *s, struct kdate today, struct kdatetime *out,
	   struct kith_err *err)
{
	char w[32];
	size_t n = 0;
	struct kdatetime t = { 0 };
	const char *p = s ? s : "";

	/* w: the input trimmed and lower-cased ("2026-04-01t10:00" is fine too) */
	while (isspace((unsigned char)*p))
		p++;
	n = strlen(p);
	while (n && isspace((unsigned char)p[n - 1]))
		n--;
	if (n == 0 || n >= sizeof w)
		return when_error(p, n, err);
	for (size_t i = 0; i < n; i++)
		w[i] = (char)tolower((unsigned char)p[i]);
	w[n] = '\0';

	if (n >= 10 && isdigit((unsigned char)w[0]) && w[4] == '-' && w[7] == '-') {
		if (n == 16 && w[10] == 't')
			w[10] = 'T';
		if (kdatetime_parse_iso(w, &t)) {
			*out = t;
			return KITH_OK;
		}
		return kith_err_set(err, KITH_INVALID,
				    "\"%.*s\": not a valid date (YYYY-MM-DD or \"YYYY-MM-DD HH:MM\")",
				    (int)n, p);
	}
	t.date = today;
	if (!strcmp(w, "today") || !strcmp(w, "now")) {
		*out = t;
		return KITH_OK;
	}
	if (!strcmp(w, "tomorrow") || !strcmp(w, "tmr")) {
		t.date = kdate_add_days(today, 1);
		*out = t;
		return KITH_OK;
	}
	if (!strcmp(w, "yesterday")) {
		t.date = kdate_add_days(today, -1);
		*out = t;
		return KITH_OK;
	}
	for (int d = 0; d < 7; d++) {
		if (!strcmp(w, weekdays[d][0]) || !strcmp(w, weekdays[d][1])) {
			/* strictly after today: on a Friday, "fri" is a week away */
			int delta = (d - kdate_weekday(today) + 7) % 7;
			t.date = kdate_add_days(today, delta ? delta : 7);
			*out = t;
			return KITH_OK;
		}
	}
	if (parse_offset(w, today, &t.date)) {
		*out = t;
		return KITH_OK;
	}
	return when_error(p, n, err);
}

/* A relative WHEN near the ends of the calendar (today 9999-12-31 and
   "tomorrow") lands outside years 1..9999: refuse it rather than return
   a date that no other function accepts. */
enum kith_status
kdate_parse_when(const char *s, struct kdate today, struct kdatetime *out,
		 struct kith_err *err)
{
	struct kdatetime t;
	enum kith_status st = parse_when(s, today, &t, err);

	if (st != KITH_OK)
		return st;
	if (!kdate_valid(t.date))
		return kith_err_set(err, KITH_INVALID, "\"%.60s\": outside the years 1 to 9999", s);
	*out = t;
	return KITH_OK;
}

void
kdate_ago(struct kdate then, struct kdate today, char out[16])
{
	long diff = kdate_diff(today, then);
	const char *pre = "";
	unsigned long d;

	if (diff < 0) {
		pre = "in ";
		diff = -diff;
	}
	d = diff > 3650000 ? 3650000u : (unsigned long)diff;
	if (d == 0)
		snprintf(out, 16, "today");
	else if (d < 14)
		snprintf(out, 16, "%s%lud", pre, d);
	else if (d < 60)
		snprintf(out, 16, "%s%luw", pre, d / 7);
	else if (d < 730)
		snprintf(out, 16, "%s%lumo", pre, d / 30);
	else
		snprintf(out, 16, "%s%uy", pre, (unsigned)(d / 365) % 100000u);
}

void
kdate_soon(struct kdate d, struct kdate today, char out[32])
{
	static const char *const wd[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
					   "Aug", "Sep", "Oct", "Nov", "Dec" };
	long n = kdate_diff(d, today);

	if (n == 0)
		snprintf(out, 32, "today");
	else if (n == 1)
		snprintf(out, 32, "tomorrow");
	else
		snprintf(out, 32, "on %s %d %s", wd[kdate_weekday(d)], d.d, mon[d.m - 1]);
}

/* ---- time zones ------------------------------------------------------------------- */

/* name, if it is a zone in the system's database (and nothing odd), into out */
static bool
zone_known(const char *name, char *out, size_t n)
{
	const char *dir = getenv("TZDIR");
	char path[512];
	FILE *f;

	if (!name || !*name || strlen(name) >= n || strstr(name, "..") || name[0] == '/' ||
	    strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-") !=
		    strlen(name))
		return false;
	if (!dir || !*dir)
		dir = "/usr/share/zoneinfo";
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "rb")))
		return false;
	{
		char magic[4];
		bool tzif = fread(magic, 1, 4, f) == 4 && !memcmp(magic, "TZif", 4);
		fclose(f);
		if (!tzif)
			return false;
	}
	snprintf(out, n, "%s", name);
	return true;
}

/* the part of a path after ".../zoneinfo/", or the path */
static const char *
after_zoneinfo(const char *p)
{
	const char *z = strstr(p, "zoneinfo/");

	return z ? z + 9 : p;
}

const char *
kdate_zone_name(void)
{
	static char name[128], for_tz[256];
	static bool looked, had_tz;
	const char *tz = getenv("TZ");

	/* looked up again only when TZ changes (tests set it; kith never does) */
	if (looked && had_tz == (tz != NULL) && (!tz || !strcmp(tz, for_tz)))
		return name[0] ? name : NULL;
	looked = true;
	had_tz = tz != NULL;
	snprintf(for_tz, sizeof for_tz, "%s", tz ? tz : "");
	if (tz) {
		if (*tz == ':')
			tz++;
		if (!*tz)
			tz = "UTC";
		if (!zone_known(after_zoneinfo(tz), name, sizeof name))
			name[0] = '\0';
		return name[0] ? name : NULL;
	}
	{
		char buf[128] = "";
		FILE *f = fopen("/etc/timezone", "r");
		if (f) {
			if (fgets(buf, sizeof buf, f))
				buf[strcspn(buf, " \t\r\n")] = '\0';
			fclose(f);
		}
		if (zone_known(buf, name, sizeof name))
			return name;
	}
	{
		char link[512];
		ssize_t n = readlink("/etc/localtime", link, sizeof link - 1);
		if (n > 0) {
			link[n] = '\0';
			if (zone_known(after_zoneinfo(link), name, sizeof name))
				return name;
		}
	}
	name[0] = '\0';
	return NULL;
}

bool
kdate_local_to_utc(const char *s, char out[KDATE_UTC_STR])
{
	struct kdatetime t;
	struct tm tm = {0}, u;
	time_t tt;

	if (!kdatetime_parse_iso(s, &t))
		return false;
	if (!t.has_time) {
		kdatetime_format(t, out);
		return true;
	}
	tm.tm_year = t.date.y - 1900;
	tm.tm_mon = t.date.m - 1;
	tm.tm_mday = t.date.d;
	tm.tm_hour = t.hh;
	tm.tm_min = t.mm;
	tm.tm_isdst = -1;
	tt = mktime(&tm);
	if (!gmtime_r(&tt, &u))
		return false;
	if (u.tm_year + 1900 < 1 || u.tm_year + 1900 > 9999)
		return false;
	snprintf(out, KDATE_UTC_STR, "%04u-%02u-%02uT%02u:%02uZ", (unsigned)(u.tm_year + 1900) % 10000u,
		 (unsigned)(u.tm_mon + 1) % 100u, (unsigned)u.tm_mday % 100u,
		 (unsigned)u.tm_hour % 100u, (unsigned)u.tm_min % 100u);
	return true;
}
