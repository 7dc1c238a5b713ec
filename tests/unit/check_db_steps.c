/*
 * check_db_steps.c: what a write costs in statement steps, SQLite's own
 * included (issue 16). This program defines sqlite3_step itself, so every
 * call, kith's and those libsqlite3 makes inside (sqlite3_exec, undo
 * recording), comes here first and is counted before the real one runs.
 */
#define _GNU_SOURCE
#include "testutil.h"

#include <dlfcn.h>
#include <sqlite3.h>

#include "kith/contact.h"
#include "kith/followup.h"
#include "kith/types.h"

static long steps;

int
sqlite3_step(sqlite3_stmt *st)
{
	static int (*real)(sqlite3_stmt *);

	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "sqlite3_step");
	steps++;
	return real(st);
}

TEST_DB_FIXTURE

/*
** x on a follow-up, recorded for undo: one statement, in its transaction.
** The shape of the table is read once per connection, not on every write
** (SQLite 3.40's session extension read it twice per write: 98 steps).
*/
START_TEST(test_toggle_budget)
{
	struct kith_contact c = { .display_name = "Ana", .cadence_days = -1 };
	struct kith_followup f = { .title = "Call Ana" };
	struct kith_err err;
	int64_t id;
	int st;

	ck_assert_int_eq(contact_add(db, &c, &f.contact_id, &err), KITH_OK);
	ck_assert_int_eq(followup_add(db, &f, &id, &err), KITH_OK);
	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	ck_assert_int_eq(followup_toggle_done(db, id, &st, &err), KITH_OK);
	kdb_change_free(kdb_change_take(db));
	for (int i = 0; i < 4; i++) {
		struct kdb_change *ch;
		steps = 0;
		ck_assert_int_eq(followup_toggle_done(db, id, &st, &err), KITH_OK);
		ck_assert_int_eq(st, i % 2 ? KITH_FSTATUS_DONE : KITH_FSTATUS_OPEN);
		/* BEGIN IMMEDIATE, the UPDATE ... RETURNING, COMMIT */
		ck_assert_msg(steps <= 3, "x cost %ld steps", steps);
		ch = kdb_change_take(db);
		ck_assert_ptr_nonnull(ch);
		kdb_change_free(ch);
	}
}
END_TEST

/* A contact edit touches several tables; recording them reads no shape again. */
START_TEST(test_contact_edit_budget)
{
	struct kith_contact c = { .display_name = "Bo Lind", .cadence_days = -1 };
	struct kith_err err;
	long first, again;
	int64_t id;

	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	ck_assert_int_eq(contact_add(db, &c, &id, &err), KITH_OK);
	kdb_change_free(kdb_change_take(db));
	c.id = id;
	c.given_name = "Bo";
	steps = 0;
	ck_assert_int_eq(contact_update(db, &c, &err), KITH_OK);
	first = steps;
	kdb_change_free(kdb_change_take(db));
	c.given_name = "Bosse";
	steps = 0;
	ck_assert_int_eq(contact_update(db, &c, &err), KITH_OK);
	again = steps;
	kdb_change_free(kdb_change_take(db));
	ck_assert_msg(again <= first && again < 40, "an edit cost %ld steps (the first %ld)",
		      again, first);
}
END_TEST

static Suite *
steps_suite(void)
{
	Suite *s = suite_create("db_steps");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_toggle_budget);
	tcase_add_test(tc, test_contact_edit_budget);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(steps_suite()) ? 1 : 0;
}
