/*
 * check_hardening.c: regression tests for what fuzzing and hostile-input
 * testing found (issue 8). Each test names the input that used to fail;
 * the raw inputs are also replayed by `make fuzz` (tests/fuzz/regress/).
 */
#include "testutil.h"

#include <string.h>
#include <sys/stat.h>

#include "../../src/engine/core.h"
#include "kith/date.h"
#include "kith/db.h"
#include "kith/engine.h"
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

/* A config "file" that is a directory was reported as "cannot read" with no
   reason; `source /dev/zero` read forever. Both are refused by name. */
START_TEST(test_config_not_a_file)
{
	struct kdb *db = test_db_open();
	struct engine *e = test_engine_new(db, 20, 10);
	char *dir = test_tmpdir();
	int bad;

	ck_assert_int_eq(engine_config_file(e, dir), -1);
	ck_assert_msg(strstr(engine_config_errors(e), "is a directory") != NULL, "%s",
		      engine_config_errors(e));
	test_engine_free(&e, &db);
	db = test_db_open();
	e = test_engine_new(db, 20, 10);
	bad = engine_config_text(e, "source /dev/zero\nsource /dev/null\nset undo.steps 7\n", "t.conf");
	ck_assert_int_eq(bad, 2);
	ck_assert_msg(strstr(engine_config_errors(e), "t.conf:1: /dev/zero: not a regular file") != NULL,
		      "%s", engine_config_errors(e));
	test_engine_free(&e, &db);
	rmdir(dir);
	free(dir);
}
END_TEST

/* A config line with invalid UTF-8 was applied with the bad bytes or
   reported quoting them; now it is refused by line (comments aside), and
   the rest applies. */
START_TEST(test_config_invalid_utf8)
{
	struct kdb *db = test_db_open();
	struct engine *e = test_engine_new(db, 20, 10);
	int bad;

	bad = engine_config_text(e, "set sort.contacts \377\376\nbind contacts \303 quit\n"
				 "# a comment \377\nset undo.steps 7\n", "u.conf");
	ck_assert_int_eq(bad, 2);       /* not the comment */
	ck_assert_msg(strstr(engine_config_errors(e), "u.conf:1: not valid UTF-8") != NULL, "%s",
		      engine_config_errors(e));
	ck_assert_msg(strstr(engine_config_errors(e), "u.conf:2: not valid UTF-8") != NULL, "%s",
		      engine_config_errors(e));
	ck_assert_ptr_null(strstr(engine_config_errors(e), "\377"));
	test_engine_free(&e, &db);
}
END_TEST

/* Opening a database chmod'ed it to 0600: an owner's read-only 0400 file
   became writable. Now only group and other bits are removed. */
START_TEST(test_open_keeps_owner_mode)
{
	char *dir = test_tmpdir(), path[4200];
	struct kdb *db = NULL;
	struct kith_err err;
	struct stat st;

	snprintf(path, sizeof path, "%s/k.db", dir);
	ck_assert(kdb_open(path, KDB_CREATE, &db, &err) == KITH_OK);
	kdb_close(db);
	chmod(path, 0644);
	ck_assert(kdb_open(path, 0, &db, &err) == KITH_OK);
	kdb_close(db);
	ck_assert(stat(path, &st) == 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	chmod(path, 0444);
	db = NULL;
	if (kdb_open(path, 0, &db, &err) == KITH_OK)
		kdb_close(db);
	ck_assert(stat(path, &st) == 0);
	ck_assert_int_eq(st.st_mode & 0777, 0400);
	chmod(path, 0600);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(path), 0);
	free(dir);
}
END_TEST

/* A writer that waited out another's transaction printed "begin: database
   is locked": now the file, the reason and that nothing changed. */
START_TEST(test_busy_message)
{
	char *dir = test_tmpdir(), path[4200];
	struct kdb *a = NULL, *b = NULL;
	struct kith_err err = { 0 };

	test_fix_clock();
	snprintf(path, sizeof path, "%s/k.db", dir);
	ck_assert(kdb_open(path, KDB_CREATE, &a, &err) == KITH_OK);
	ck_assert(kdb_open(path, 0, &b, &err) == KITH_OK);
	ck_assert(kdb_batch_begin(a, &err) == KITH_OK);
	ck_assert(kdb_batch_begin(b, &err) == KITH_BUSY);      /* after the 5 s wait */
	ck_assert_msg(strstr(err.msg, path) && strstr(err.msg, "another process is writing") &&
		      strstr(err.msg, "nothing was changed"), "%s", err.msg);
	ck_assert(kdb_batch_end(a, false, &err) == KITH_OK);
	ck_assert(kdb_batch_begin(b, &err) == KITH_OK);
	ck_assert(kdb_batch_end(b, false, &err) == KITH_OK);
	kdb_close(a);
	kdb_close(b);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(path), 0);
	free(dir);
}
END_TEST

static Suite *
hardening_suite(void)
{
	Suite *s = suite_create("hardening");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);      /* test_busy_message waits out the 5 s lock timeout */

	tcase_add_test(tc, test_when_calendar_ends);
	tcase_add_test(tc, test_add_months_before_year_one);
	tcase_add_test(tc, test_key_c1_control);
	tcase_add_test(tc, test_config_not_a_file);
	tcase_add_test(tc, test_config_invalid_utf8);
	tcase_add_test(tc, test_open_keeps_owner_mode);
	tcase_add_test(tc, test_busy_message);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(hardening_suite()) ? 1 : 0;
}
