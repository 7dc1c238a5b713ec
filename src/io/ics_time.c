/*
 * ics_time.c: times through libical: a time read from a file in kith's
 * local form, in the zone it was written in or the user's; the zones kith
 * stores; recurrence expansion (io_recur_expand_tz: a series in its own
 * zone, shown in the user's); the VTIMEZONE the writer puts before events.
 */
#define L ics_L
#include "ics_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kith/date.h"
#include "kith/xalloc.h"

const struct ical_lib *ics_L;

bool
ics_init(const char **why)
{
	return (ics_L = ical_lib(why)) != NULL;
}

static bool local_time_raw(struct icaltimetype t, char out[17]);

/* The UTC zone for the names kith may store for it, else libical's built-in zone; or NULL. */
icaltimezone *
ics_zone_named(const char *name)
{
	static const char *const utc[] = { "UTC", "Etc/UTC", "GMT", "Etc/GMT", "Zulu",
					   "Universal", "Etc/Universal", "Etc/Zulu" };

	/* the last one asked for: a listing asks for the same few zones, and
	   libical looks each name up in a list of 400 */
	static char last[64];
	static icaltimezone *last_zone;

	if (!name || !*name)
		return NULL;
	if (last_zone && !strcmp(name, last))
		return last_zone;
	for (size_t i = 0; i < sizeof utc / sizeof utc[0]; i++)
		if (!strcmp(name, utc[i]))
			return L->icaltimezone_get_utc_timezone();
	{
		icaltimezone *z = L->icaltimezone_get_builtin_timezone(name);
		if (z && strlen(name) < sizeof last) {
			memcpy(last, name, strlen(name) + 1);
			last_zone = z;
		}
		return z;
	}
}

/* The name kith stores for a zone from zone_named. */
const char *
ics_zone_name(icaltimezone *z)
{
	if (z == L->icaltimezone_get_utc_timezone())
		return "UTC";
	return L->icaltimezone_get_location(z);
}

/*
** The built-in zone of a time read from a file (its TZID, or the TZID of
** the file's VTIMEZONE, names one), UTC for a "Z" time; NULL for a date, a
** floating time, or a zone only the file defines.
*/
icaltimezone *
ics_zone_of(struct icaltimetype t)
{
	icaltimezone *z = (icaltimezone *)t.zone, *b;
	const char *n;

	if (t.is_date || !z)
		return NULL;
	if (z == L->icaltimezone_get_utc_timezone())
		return z;
	if ((n = L->icaltimezone_get_location(z)) && (b = ics_zone_named(n)))
		return b;
	if ((n = L->icaltimezone_get_tzid(z)) &&
	    ((b = ics_zone_named(n)) || (b = L->icaltimezone_get_builtin_timezone_from_tzid(n))))
		return b;
	return NULL;
}

/* t as the wall-clock time in zone z ("YYYY-MM-DD HH:MM"); z NULL: the user's zone. */
bool
ics_zone_time(struct icaltimetype t, icaltimezone *z, char out[17])
{
	if (!z || t.is_date)
		return ics_local_time(t, out);
	if (t.zone)
		t = L->icaltime_convert_to_zone(t, z);
	t.zone = NULL;              /* floating: taken as in z */
	return ics_local_time(t, out);
}

/*
 * A libical time as kith's local "YYYY-MM-DD HH:MM" or "YYYY-MM-DD"; false
 * if it is not a real time (libical takes "T077000": fuzz_ics).
 */
bool
ics_local_time(struct icaltimetype t, char out[17])
{
	struct kdatetime chk;

	return local_time_raw(t, out) && kdatetime_parse_iso(out, &chk) && kdate_valid(chk.date);
}

/* n as d digits (the last d of it: n is in range) */
static void
put_digits(char *out, unsigned n, int d)
{
	while (d-- > 0) {
		out[d] = (char)('0' + n % 10);
		n /= 10;
	}
}

/* "YYYY-MM-DD HH:MM", or "YYYY-MM-DD" when hour < 0 (snprintf cost a third of a line's time). */
static void
put_time(char out[17], int y, int mo, int d, int h, int mi)
{
	put_digits(out, (unsigned)y % 10000u, 4);
	out[4] = '-';
	put_digits(out + 5, (unsigned)mo % 100u, 2);
	out[7] = '-';
	put_digits(out + 8, (unsigned)d % 100u, 2);
	if (h < 0) {
		out[10] = '\0';
		return;
	}
	out[10] = ' ';
	put_digits(out + 11, (unsigned)h % 100u, 2);
	out[13] = ':';
	put_digits(out + 14, (unsigned)mi % 100u, 2);
	out[16] = '\0';
}

static bool
local_time_raw(struct icaltimetype t, char out[17])
{
	/* not icaltime_is_valid_time: it refuses years after 3000 (DTSTART in 9999) */
	if (L->icaltime_is_null_time(t) || t.year < 1 || t.year > 9999 || t.month < 1 ||
	    t.month > 12 || t.day < 1 || t.day > 31)
		return false;
	if (!t.is_date && (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 ||
			   t.second < 0 || t.second > 60))
		return false;
	if (t.is_date) {
		put_time(out, t.year, t.month, t.day, -1, 0);
		return true;
	}
	if (t.zone) {
		/* to UTC by libical (the zone's rules), then to local by the C
		   library with kith's own day count: icaltime_as_timet gives up
		   on years before 1902 (DTSTART in 0001) */
		struct icaltimetype u = L->icaltime_convert_to_zone(t, L->icaltimezone_get_utc_timezone());
		struct kdate d = { u.year, u.month, u.day };
		time_t tt;
		struct tm tm;
		if (!kdate_valid(d))
			return false;
		tt = (time_t)kdate_to_days(d) * 86400 + u.hour * 3600 + u.minute * 60 + u.second;
		if (!localtime_r(&tt, &tm) || tm.tm_year + 1900 < 1 || tm.tm_year + 1900 > 9999)
			return false;
		put_time(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
		return true;
	}
	put_time(out, t.year, t.month, t.day, t.hour, t.minute);
	return true;
}

/* "YYYYMMDD" or "YYYYMMDDTHHMMSS" of a local time string (for EXDATE lists). */
void
ics_compact(const char *local, char out[16])
{
	if (strlen(local) == 10)
		snprintf(out, 16, "%.4s%.2s%.2s", local, local + 5, local + 8);
	else
		snprintf(out, 16, "%.4s%.2s%.2sT%.2s%.2s00", local, local + 5, local + 8, local + 11,
			 local + 14);
}

/* ---- recurrence ------------------------------------------------------------------- */

static struct icaltimetype
from_local(const char *s)
{
	struct icaltimetype t = L->icaltime_null_time();
	int y, mo, d, h = 0, mi = 0;

	if (sscanf(s, "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &h, &mi) >= 3) {
		t.year = y;
		t.month = mo;
		t.day = d;
		t.hour = h;
		t.minute = mi;
		t.is_date = strlen(s) <= 10;
	}
	return t;
}

/* A user-local "YYYY-MM-DD[ HH:MM]" as the same instant in zone z (a date stays one). */
static struct icaltimetype
local_in_zone(const char *s, icaltimezone *z)
{
	struct icaltimetype t = from_local(s);
	struct tm tm = {0};
	time_t tt;

	if (!z || t.is_date || L->icaltime_is_null_time(t))
		return t;
	tm.tm_year = t.year - 1900;
	tm.tm_mon = t.month - 1;
	tm.tm_mday = t.day;
	tm.tm_hour = t.hour;
	tm.tm_min = t.minute;
	tm.tm_isdst = -1;
	tt = mktime(&tm);
	return L->icaltime_from_timet_with_zone(tt, 0, z);
}

/* Is the occurrence `when` ("YYYYMMDD[THHMMSS]" in the series' zone) one of the EXDATEs? */
static bool
excluded(const char *ex, const char *when, bool by_day)
{
	size_t wl = strlen(when);

	for (const char *p = ex; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
		size_t n = strcspn(p, ",");
		if ((n == wl && !strncmp(p, when, n)) || ((n == 8 || by_day) && wl >= 8 &&
							     !strncmp(p, when, 8)))
			return true;
	}
	return false;
}

int
io_recur_expand(const char *start, const char *rrule, const char *from, const char *to,
		char (*out)[17], int max)
{
	return io_recur_expand_tz(NULL, start, rrule, from, to, out, max);
}

int
io_recur_expand_tz(const char *tzid, const char *start, const char *rrule, const char *from,
		   const char *to, char (*out)[17], int max)
{
	struct icalrecurrencetype rt;
	icalrecur_iterator *it;
	struct icaltimetype dt, lo, hi, t;
	icaltimezone *z;
	char *rule, *nl, *ex = NULL;
	int n = 0, guard = 0;

	if (!ics_init(NULL))
		return -1;
	dt = from_local(start);
	if (L->icaltime_is_null_time(dt) || !rrule)
		return -1;
	z = dt.is_date ? NULL : ics_zone_named(tzid);
	{
		/* a listing expands each series over the same window */
		static char last_from[17], last_to[17];
		static icaltimezone *last_z;
		static struct icaltimetype last_lo, last_hi;
		static bool have;
		if (have && z == last_z && !strcmp(from, last_from) && !strcmp(to, last_to) &&
		    strlen(from) < sizeof last_from && strlen(to) < sizeof last_to) {
			lo = last_lo, hi = last_hi;
		} else {
			lo = local_in_zone(from, z), hi = local_in_zone(to, z);
			if (strlen(from) < sizeof last_from && strlen(to) < sizeof last_to) {
				memcpy(last_from, from, strlen(from) + 1);
				memcpy(last_to, to, strlen(to) + 1);
				last_z = z, last_lo = lo, last_hi = hi, have = true;
			}
		}
	}
	dt.zone = z;
	rule = xstrdup(rrule);
	if ((nl = strchr(rule, '\n'))) {
		*nl = '\0';
		if (!strncmp(nl + 1, "EXDATE:", 7))
			ex = nl + 8;
	}
	rt = L->icalrecurrencetype_from_string(rule);
	if (rt.freq == ICAL_NO_RECURRENCE || rt.interval < 1) {
		free(rule);
		return -1;
	}
	if (!(it = L->icalrecur_iterator_new(rt, dt))) {
		free(rule);
		return -1;
	}
	/* jump to the window instead of walking a long series from its start
	   (libical cannot for a rule with a COUNT: those are walked, boundedly) */
	if (!L->icaltime_is_null_time(lo) && L->icaltime_compare(lo, dt) > 0) {
		struct icaltimetype jump = lo;
		jump.is_date = dt.is_date;
		L->icalrecur_iterator_set_start(it, jump);
	}
	while (n < max && guard++ < 20000) {
		char local[17], wall[17], when[16];
		t = L->icalrecur_iterator_next(it);
		if (L->icaltime_is_null_time(t))
			break;
		t.is_date = dt.is_date;
		t.zone = z;
		if (!L->icaltime_is_null_time(hi) && L->icaltime_compare(t, hi) >= 0)
			break;
		if (!L->icaltime_is_null_time(lo) && L->icaltime_compare(t, lo) < 0)
			continue;
		if (!ics_local_time(t, local) || !ics_zone_time(t, z, wall))
			break;
		ics_compact(wall, when);
		/* a series without a zone (written before kith kept one) matches its
		   EXDATEs by day: they were kept in local time and may drift an hour
		   from it across a daylight-saving change in the source's zone */
		if (ex && excluded(ex, when, !z))
			continue;
		memcpy(out[n++], local, 17);
	}
	L->icalrecur_iterator_free(it);
	free(rule);
	return n;
}

/* ---- export: time zones ----------------------------------------------------------- */

char *
io_ics_vtimezone(const char *tzid)
{
	icaltimezone *z;
	icalcomponent *c;
	char *text;
	struct strbuf sb = {0};

	if (!ics_init(NULL) || !(z = ics_zone_named(tzid)) || z == L->icaltimezone_get_utc_timezone() ||
	    !(c = L->icaltimezone_get_component(z)) || !(text = L->icalcomponent_as_ical_string_r(c)))
		return NULL;
	/* libical names its zones "/freeassociation.sourceforge.net/America/Chicago":
	   the VTIMEZONE takes the name the events use */
	for (char *p = text; *p;) {
		size_t n = strcspn(p, "\r\n");
		if (n >= 5 && !strncmp(p, "TZID:", 5))
			sb_printf(&sb, "TZID:%s\r\n", tzid);
		else if (n)
			sb_printf(&sb, "%.*s\r\n", (int)n, p);
		p += n;
		while (*p == '\r' || *p == '\n')
			p++;
	}
	free(text);
	return sb_detach(&sb);
}

bool
io_ics_zone_known(const char *tzid)
{
	return ics_init(NULL) && ics_zone_named(tzid) != NULL;
}

bool
io_ics_zone_is_utc(const char *tzid)
{
	return ics_init(NULL) && ics_zone_named(tzid) == L->icaltimezone_get_utc_timezone();
}

