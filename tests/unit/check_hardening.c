/*
 * check_hardening.c: regression tests for what fuzzing and hostile-input
 * testing found (issue 8). Each test names the input that used to fail;
 * the raw inputs are also replayed by `make fuzz` (tests/fuzz/regress/).
 */
#include "testutil.h"

#include <string.h>

#include "../../src/engine/core.h"
#include "kith/date.h"
#include "kith/str.h"

/* fuzz_date: "fri" with today 9999-12-31 gave 10000-01-07, a date no other
   function accepts; "yesterday" from 0001-01-01 gave year 0. */
START_TEST(test_when_calendar_ends)
{
	static const struct { struct kdate today; const char *in; } cases[] = {
		{ { 9999, 12, 31 }, "fri" }, { { 9999, 12, 31 }, "tomorrow" },
		{ { 9999, 12, 31 }, "1d" }, { { 9999, 12, 31 }, "1w" },
		{ { 1, 1, 1 }, "yesterday" }, { { 1, 1, 1 }, "-1d" }, { { 1, 1, 1 }, "-1m" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct kdatetime t = { { 0, 0, 0 }, 0, 0, false };
		struct kith_err err = { 0 };
		ck_assert_msg(kdate_parse_when(cases[i].in, cases[i].today, &t, &err) == KITH_INVALID,
			      "%s accepted", cases[i].in);
		ck_assert_msg(strstr(err.msg, "outside the years") || strstr(err.msg, "not a date"),
			      "%s: %s", cases[i].in, err.msg);
	}
	/* the last valid days still work */
	{
		struct kdatetime t;
		struct kith_err err = { 0 };
		struct kdate eve = { 9999, 12, 30 };
		ck_assert(kdate_parse_when("tomorrow", eve, &t, &err) == KITH_OK);
		ck_assert_int_eq(t.date.y, 9999);
		ck_assert_int_eq(t.date.d, 31);
	}
}
END_TEST

/* fuzz_date: "-221m" from 0001-01-01 (or "-30000m" from today) made
   kdate_add_months compute month -4 and read before its days-per-month
   table (UBSan: index -5 out of bounds). */
START_TEST(test_add_months_before_year_one)
{
	struct kdate today = { 2026, 3, 10 }, r;
	struct kdatetime t;
	struct kith_err err = { 0 };

	r = kdate_add_months(today, -30000);
	ck_assert_int_ge(r.m, 1);
	ck_assert_int_le(r.m, 12);
	ck_assert(!kdate_valid(r));
	r = kdate_add_months((struct kdate){ 1, 1, 31 }, -1);
	ck_assert_int_eq(r.m, 12);
	ck_assert_int_eq(r.y, 0);
	ck_assert_int_eq(r.d, 31);
	ck_assert(kdate_parse_when("-30000m", today, &t, &err) == KITH_INVALID);
	ck_assert(kdate_parse_when("-221m", (struct kdate){ 1, 1, 1 }, &t, &err) == KITH_INVALID);
	ck_assert(kdate_parse_when("-2026y", today, &t, &err) == KITH_INVALID);
	ck_assert(kdate_parse_when("-2025y", today, &t, &err) == KITH_OK);
	ck_assert_int_eq(t.date.y, 1);
}
END_TEST

/* fuzz_keys: a C1 control (U+008D) was accepted as a key but printed as
   "<U+008D>", which does not parse back: refuse it like a C0 control. */
START_TEST(test_key_c1_control)
{
	struct keyseq seq;
	const char *why = NULL;
	struct strbuf sb = { 0 };

	ck_assert(!key_parse("\302\215gB", &seq, &why));
	ck_assert_ptr_nonnull(why);
	ck_assert(strstr(why, "control character") != NULL);
	ck_assert(!key_parse("\302\233", &seq, &why));
	/* a printable non-ASCII key still round-trips */
	ck_assert(key_parse("\303\251<C-r>", &seq, &why));
	keyseq_name(&seq, &sb);
	ck_assert_str_eq(sb_str(&sb), "\303\251<C-r>");
	sb_free(&sb);
}
END_TEST

static Suite *
hardening_suite(void)
{
	Suite *s = suite_create("hardening");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_when_calendar_ends);
	tcase_add_test(tc, test_add_months_before_year_one);
	tcase_add_test(tc, test_key_c1_control);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(hardening_suite()) ? 1 : 0;
}
