/*
 * check_date.c: the WHEN parser (table-driven, today fixed at Tuesday
 * 2026-03-10), calendar arithmetic and "ago" formatting.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kith/date.h"

static const struct kdate today = { 2026, 3, 10 };

START_TEST(test_when_table)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "today", "2026-03-10" },
		{ "Today", "2026-03-10" },
		{ "tomorrow", "2026-03-11" },
		{ "yesterday", "2026-03-09" },
		{ "fri", "2026-03-13" },
		{ "friday", "2026-03-13" },
		{ "FRI", "2026-03-13" },
		{ "tue", "2026-03-17" },                /* strictly after today */
		{ "mon", "2026-03-16" },
		{ "wed", "2026-03-11" },
		{ "3d", "2026-03-13" },
		{ "+3d", "2026-03-13" },
		{ "-3d", "2026-03-07" },
		{ "2w", "2026-03-24" },
		{ "1m", "2026-04-10" },
		{ "1y", "2027-03-10" },
		{ "0d", "2026-03-10" },
		{ "2026-12-31", "2026-12-31" },
		{ "2028-02-29", "2028-02-29" },
		{ "2026-04-01 14:30", "2026-04-01 14:30" },
		{ "2026-04-01T08:05", "2026-04-01 08:05" },
		{ "2026-04-01t08:05", "2026-04-01 08:05" },
		{ "  fri ", "2026-03-13" },
		{ "SUNDAY", "2026-03-15" },
		{ "sat", "2026-03-14" },
		{ "thu", "2026-03-12" },
		{ "-1w", "2026-03-03" },
		{ "+1m", "2026-04-10" },
		{ "-1m", "2026-02-10" },
		{ "12m", "2027-03-10" },
		{ "100d", "2026-06-18" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct kdatetime t;
		struct kith_err err;
		char buf[KDATETIME_STR];
		ck_assert_msg(kdate_parse_when(cases[i].in, today, &t, &err) == KITH_OK, "%s: %s",
			      cases[i].in, err.msg);
		kdatetime_format(t, buf);
		ck_assert_msg(!strcmp(buf, cases[i].out), "%s: got %s", cases[i].in, buf);
	}
}
END_TEST

START_TEST(test_when_bad)
{
	static const char *const bad[] = {
		"", "fryday", "3x", "d", "2026-02-30", "2026-13-01", "2026-1-5", "2026-04-01 25:00",
		"2026-04-01 12:60", "next week", "+", "3dd", "9999999d", "friday!",
		"2026-04-01  14:30", "2026-04-01 1430", "2026-04-01 14:30x", "1.5d", "m", "-d", "d3",
		"999999y", "sundays", "next", "  ",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct kdatetime t;
		struct kith_err err;
		ck_assert_msg(kdate_parse_when(bad[i], today, &t, &err) == KITH_INVALID, "%s", bad[i]);
		ck_assert_msg(strlen(err.msg) > 0, "%s: no message", bad[i]);
	}
	{
		struct kdatetime t;
		struct kith_err err;
		kdate_parse_when("fryday", today, &t, &err);
		ck_assert_str_eq(err.msg, "\"fryday\": not a date (try today, tomorrow, fri, 3d, 2w, 1m or YYYY-MM-DD)");
		kdate_parse_when(" FRYDAY ", today, &t, &err);
		ck_assert_str_eq(err.msg, "\"FRYDAY\": not a date (try today, tomorrow, fri, 3d, 2w, 1m or YYYY-MM-DD)");
		kdate_parse_when("2026-02-30", today, &t, &err);
		ck_assert_ptr_nonnull(strstr(err.msg, "\"2026-02-30\": not a valid date"));
		ck_assert_int_eq(kdate_parse_when(NULL, today, &t, &err), KITH_INVALID);
	}
	{
		/* on a Friday, "fri" is a week later; month ends clamp */
		struct kdatetime t;
		struct kdate fri = { 2026, 3, 13 }, jan31 = { 2026, 1, 31 };
		char buf[KDATETIME_STR];
		ck_assert_int_eq(kdate_parse_when("fri", fri, &t, NULL), KITH_OK);
		kdatetime_format(t, buf);
		ck_assert_str_eq(buf, "2026-03-20");
		ck_assert(!t.has_time);
		ck_assert_int_eq(kdate_parse_when("1m", jan31, &t, NULL), KITH_OK);
		kdatetime_format(t, buf);
		ck_assert_str_eq(buf, "2026-02-28");
		ck_assert_int_eq(kdate_parse_when("-1m", (struct kdate){ 2026, 3, 31 }, &t, NULL), KITH_OK);
		kdatetime_format(t, buf);
		ck_assert_str_eq(buf, "2026-02-28");
		ck_assert_int_eq(kdate_parse_when("1y", (struct kdate){ 2028, 2, 29 }, &t, NULL), KITH_OK);
		kdatetime_format(t, buf);
		ck_assert_str_eq(buf, "2029-02-28");
		ck_assert_int_eq(kdate_parse_when("2w", (struct kdate){ 2026, 12, 25 }, &t, NULL), KITH_OK);
		kdatetime_format(t, buf);
		ck_assert_str_eq(buf, "2027-01-08");
	}
}
END_TEST

START_TEST(test_calendar)
{
	struct kdate d = { 2026, 1, 31 };
	char buf[KDATE_STR];

	kdate_format(kdate_add_months(d, 1), buf);
	ck_assert_str_eq(buf, "2026-02-28");
	kdate_format(kdate_add_months((struct kdate){ 2028, 1, 31 }, 1), buf);
	ck_assert_str_eq(buf, "2028-02-29");
	ck_assert_int_eq(kdate_weekday(today), 1);      /* Tuesday */
	ck_assert_int_eq(kdate_to_days((struct kdate){ 1970, 1, 1 }), 0);
	ck_assert_int_eq(kdate_diff((struct kdate){ 2026, 3, 1 }, (struct kdate){ 2026, 2, 1 }), 28);
	for (long n = -700000; n < 2900000; n += 997) {
		struct kdate x = kdate_from_days(n);
		ck_assert(kdate_valid(x));
		ck_assert_int_eq(kdate_to_days(x), n);
	}
	ck_assert(!kdate_valid((struct kdate){ 2026, 2, 29 }));
}
END_TEST

START_TEST(test_ago)
{
	static const struct { struct kdate then; const char *out; } cases[] = {
		{ { 2026, 3, 10 }, "today" },
		{ { 2026, 3, 9 }, "1d" },
		{ { 2026, 2, 26 }, "12d" },
		{ { 2026, 2, 10 }, "4w" },
		{ { 2025, 12, 10 }, "3mo" },
		{ { 2023, 3, 1 }, "3y" },
		{ { 2026, 3, 13 }, "in 3d" },
		{ { 2026, 2, 25 }, "13d" },
		{ { 2026, 2, 24 }, "2w" },
		{ { 2026, 1, 10 }, "8w" },
		{ { 2026, 1, 9 }, "2mo" },
		{ { 2025, 10, 10 }, "5mo" },
		{ { 2024, 3, 11 }, "24mo" },
		{ { 2024, 3, 10 }, "2y" },
		{ { 2026, 3, 31 }, "in 3w" },
		{ { 2026, 9, 10 }, "in 6mo" },
		{ { 1900, 1, 1 }, "126y" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[16];
		kdate_ago(cases[i].then, today, buf);
		ck_assert_msg(!strcmp(buf, cases[i].out), "case %zu: %s", i, buf);
	}
}
END_TEST

/* The user's zone by name, and a local time as its UTC instant (issue 14). */
START_TEST(test_zone)
{
	static const struct { const char *tz, *name; } t[] = {
		{ "America/Chicago", "America/Chicago" },
		{ ":Asia/Tokyo", "Asia/Tokyo" },
		{ "/usr/share/zoneinfo/Pacific/Auckland", "Pacific/Auckland" },
		{ "UTC", "UTC" },
		{ "", "UTC" },
		{ "EST5EDT,M3.2.0,M11.1.0", NULL },    /* a POSIX rule names no zone */
		{ "Mars/Olympus", NULL },
		{ "../../etc/passwd", NULL },
		{ "zone.tab", NULL },                  /* a file of the database, not a zone */
	};
	char utc[KDATE_UTC_STR];
	const char *was = getenv("TZ");
	char keep[128];

	snprintf(keep, sizeof keep, "%s", was ? was : "");
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		const char *got;
		setenv("TZ", t[i].tz, 1);
		tzset();
		got = kdate_zone_name();
		if (t[i].name)
			ck_assert_msg(got && !strcmp(got, t[i].name), "TZ=%s: %s", t[i].tz,
				      got ? got : "(none)");
		else
			ck_assert_msg(!got, "TZ=%s: %s", t[i].tz, got);
	}
	setenv("TZ", "America/Chicago", 1);
	tzset();
	ck_assert(kdate_local_to_utc("2026-11-10 18:30", utc));
	ck_assert_str_eq(utc, "2026-11-11T00:30Z");     /* CST, -6 */
	ck_assert(kdate_local_to_utc("2027-04-13 18:30", utc));
	ck_assert_str_eq(utc, "2027-04-13T23:30Z");     /* CDT, -5 */
	ck_assert(kdate_local_to_utc("2026-11-10", utc));
	ck_assert_str_eq(utc, "2026-11-10");            /* a day is a day */
	ck_assert(!kdate_local_to_utc("tomorrow", utc));
	if (was)
		setenv("TZ", keep, 1);
	else
		unsetenv("TZ");
	tzset();
}
END_TEST

START_TEST(test_clock)
{
	struct kith_err err;
	struct kdatetime now;

	setenv("KITH_TODAY", "2026-05-01 14:15", 1);
	ck_assert_int_eq(kdate_init_clock(&err), KITH_OK);
	now = kdate_now();
	ck_assert_int_eq(now.date.m, 5);
	ck_assert_int_eq(now.hh, 14);
	setenv("KITH_TODAY", "soon", 1);
	ck_assert_int_eq(kdate_init_clock(&err), KITH_INVALID);
	ck_assert_ptr_nonnull(strstr(err.msg, "KITH_TODAY"));
	test_fix_clock();
	ck_assert_int_eq(kdate_today().d, 10);
	ck_assert_int_eq(kdate_now().hh, 9);
}
END_TEST

static Suite *
date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_when_table);
	tcase_add_test(tc, test_when_bad);
	tcase_add_test(tc, test_calendar);
	tcase_add_test(tc, test_ago);
	tcase_add_test(tc, test_clock);
	tcase_add_test(tc, test_zone);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(date_suite()) ? 1 : 0;
}
