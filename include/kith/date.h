/*
 * date.h: calendar dates and local times, and the one WHEN parser used by
 * the command line, the forms and quick capture.
 *
 * kith stores dates as "YYYY-MM-DD" and times as "YYYY-MM-DD HH:MM"
 * (local, minute precision); both sort as text. "Today" comes from
 * KITH_TODAY (YYYY-MM-DD or "YYYY-MM-DD HH:MM") when set, so tests and
 * demos have a fixed clock; otherwise from the system clock.
 */
#ifndef KITH_DATE_H
#define KITH_DATE_H

#include <stdbool.h>

#include "kith/status.h"

struct kdate {
	int y, m, d;            /* 2026, 1..12, 1..31 */
};

struct kdatetime {
	struct kdate date;
	int hh, mm;             /* 0..23, 0..59 */
	bool has_time;          /* false: the date alone was given */
};

#define KDATE_STR 11            /* "YYYY-MM-DD" + NUL */
#define KDATE_UTC_STR 18        /* "YYYY-MM-DDTHH:MMZ" + NUL */
#define KDATETIME_STR 17        /* "YYYY-MM-DD HH:MM" + NUL */

/*
** Read KITH_TODAY once (or the system clock). Returns KITH_INVALID with a
** message naming the variable if KITH_TODAY is set but malformed; then the
** system clock is used.
*/
enum kith_status kdate_init_clock(struct kith_err *err);
struct kdate kdate_today(void);
struct kdatetime kdate_now(void);       /* today with the current (or fixed) time */

bool kdate_valid(struct kdate d);
/* Days since 1970-01-01 (may be negative) and back. */
long kdate_to_days(struct kdate d);
struct kdate kdate_from_days(long days);
struct kdate kdate_add_days(struct kdate d, long n);
struct kdate kdate_add_months(struct kdate d, int n);   /* clamps the day: Jan 31 + 1m = Feb 28/29 */
int kdate_weekday(struct kdate d);                      /* 0 = Monday .. 6 = Sunday */
long kdate_diff(struct kdate a, struct kdate b);        /* a - b in days */
int kdate_cmp(struct kdate a, struct kdate b);

void kdate_format(struct kdate d, char out[KDATE_STR]);
void kdatetime_format(struct kdatetime t, char out[KDATETIME_STR]); /* date only if !has_time */
/* Strict parse of "YYYY-MM-DD" / "YYYY-MM-DD HH:MM" (also "T" separator). */
bool kdate_parse_iso(const char *s, struct kdate *out);
bool kdatetime_parse_iso(const char *s, struct kdatetime *out);

/*
** Parse a WHEN relative to today: "today", "tomorrow", "yesterday",
** weekday names and abbreviations ("fri", "friday": the next such day
** strictly after today), offsets "3d", "2w", "1m", "1y" (also "+3d"; "-3d"
** for the past), and ISO "YYYY-MM-DD[ HH:MM]". Case-insensitive.
** On failure returns KITH_INVALID and err says why, quoting the input.
*/
enum kith_status kdate_parse_when(const char *s, struct kdate today,
				  struct kdatetime *out, struct kith_err *err);

/* "today", "12d", "3w", "5mo", "2y" for how long ago a date was (never negative
   for the past; "in 3d" for the future). out needs 16 bytes. */
void kdate_ago(struct kdate then, struct kdate today, char out[16]);
/* A day in the coming week in words: "today", "tomorrow", "on Thu 12 Mar". */
void kdate_soon(struct kdate d, struct kdate today, char out[32]);

/*
** The user's time zone as an IANA name ("America/Chicago", "UTC"): TZ if
** it names a zone (a leading ':' and a ".../zoneinfo/" path are taken off),
** else /etc/timezone, else where /etc/localtime links to; NULL if none of
** them names one (a POSIX TZ rule such as "EST5EDT,M3.2.0,M11.1.0"). Looked
** up again only when TZ changes.
*/
const char *kdate_zone_name(void);

/*
** A local "YYYY-MM-DD HH:MM" (the user's zone) as the UTC instant
** "YYYY-MM-DDTHH:MMZ"; a date alone is copied. false if s is neither.
*/
bool kdate_local_to_utc(const char *s, char out[KDATE_UTC_STR]);

#endif
