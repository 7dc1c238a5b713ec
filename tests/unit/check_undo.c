/*
 * check_undo.c: undo and redo through recorded changesets: derived data
 * (full-text index, last contacted) follows, cascades come back, and a
 * change made elsewhere in the meantime is a conflict that changes nothing.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/xalloc.h"

static char *dir;
static char path[4200];
static struct kdb *db;

static void
setup(void)
{
	struct kith_err err;

	test_fix_clock();
	dir = test_tmpdir();
	snprintf(path, sizeof path, "%s/u.db", dir);
	ck_assert_int_eq(kdb_open(path, KDB_CREATE, &db, &err), KITH_OK);
	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
}

static void
teardown(void)
{
	char cmd[4300];
	kdb_close(db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
}

static long long
count_q(struct kdb *d, const char *match)
{
	struct contact_query q = { .match = match, .include_archived = true };
	long long n = -1;
	ck_assert_int_eq(contact_count(d, &q, &n, NULL), KITH_OK);
	return n;
}

static int64_t
add_full(const char *name)
{
	struct kith_channel em[] = { { "work", "someone@example.org" } };
	char *tags[] = { "housing", "transit" };
	char *nicks[] = { "Nick" };
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1,
				  .influence = 3, .emails = em, .n_emails = 1,
				  .tags = tags, .n_tags = 2, .nicknames = nicks, .n_nicknames = 1 };
	struct kith_err err;
	int64_t id;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
}

START_TEST(test_add_undo_redo)
{
	struct kith_err err;
	struct kith_contact got;
	struct kdb_change *ch;
	int64_t id = add_full("Zoë Ngô");

	ch = kdb_change_take(db);
	ck_assert_ptr_nonnull(ch);
	ck_assert_ptr_null(kdb_change_take(db));        /* taken once */
	ck_assert_int_eq(count_q(db, "zoe"), 1);
	ck_assert_int_eq(kdb_change_apply(db, ch, true, &err), KITH_OK);
	ck_assert_int_eq(contact_get(db, id, &got, &err), KITH_NOTFOUND);
	ck_assert_int_eq(count_q(db, NULL), 0);
	ck_assert_int_eq(count_q(db, "zoe"), 0);        /* the index followed */
	ck_assert_int_eq(count_q(db, "housing"), 0);
	/* applying records no new step */
	ck_assert_ptr_null(kdb_change_take(db));
	ck_assert_int_eq(kdb_change_apply(db, ch, false, &err), KITH_OK);
	ck_assert_int_eq(contact_get(db, id, &got, &err), KITH_OK);
	ck_assert_str_eq(got.display_name, "Zoë Ngô");
	ck_assert_uint_eq(got.n_emails, 1);
	ck_assert_uint_eq(got.n_tags, 2);
	ck_assert_uint_eq(got.n_nicknames, 1);
	ck_assert_int_eq(got.influence, 3);
	contact_free(&got);
	ck_assert_int_eq(count_q(db, "zoe"), 1);
	ck_assert_int_eq(count_q(db, "transit"), 1);
	kdb_change_free(ch);
}
END_TEST

START_TEST(test_delete_undo_restores_everything)
{
	struct kith_err err;
	struct kith_contact got;
	struct kdb_change *ch;
	int64_t id = add_full("Dana Ortiz");

	ck_assert_int_eq(kdb_record_changes(db, false, &err), KITH_OK);
	ck_assert_int_eq(kdb_exec_script(db,
		"INSERT INTO interaction(id, at, summary, created_at) VALUES "
		" (1, '2026-01-05 10:00', 'coffee', 'x'), (2, '2026-02-20 16:30', 'call', 'x');"
		"INSERT INTO interaction_contact(interaction_id, contact_id, at) VALUES (1, 1, '2026-01-05 10:00'), (2, 1, '2026-02-20 16:30');"
		"INSERT INTO event(id, title, start_at, created_at, updated_at) "
		" VALUES (1, 'Town hall', '2026-03-01 19:00', 'x', 'x');"
		"INSERT INTO attendance(event_id, contact_id, status) VALUES (1, 1, 'met');"
		"INSERT INTO followup(contact_id, title, due, created_at, updated_at) "
		" VALUES (1, 'send the report', '2026-03-12', 'x', 'x');",
		&err), KITH_OK);
	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	ck_assert_int_eq(contact_get(db, id, &got, &err), KITH_OK);
	ck_assert_str_eq(got.last_at, "2026-03-01 19:00");
	contact_free(&got);

	ck_assert_int_eq(contact_delete(db, id, &err), KITH_OK);
	ch = kdb_change_take(db);
	ck_assert_ptr_nonnull(ch);
	ck_assert_int_eq(count_q(db, NULL), 0);
	ck_assert_int_eq(kdb_change_apply(db, ch, true, &err), KITH_OK);
	ck_assert_int_eq(contact_get(db, id, &got, &err), KITH_OK);
	ck_assert_str_eq(got.last_at, "2026-03-01 19:00");
	ck_assert_uint_eq(got.n_tags, 2);
	ck_assert_uint_eq(got.n_emails, 1);
	contact_free(&got);
	ck_assert_int_eq(count_q(db, "dana"), 1);
	ck_assert_int_eq(count_q(db, "nick"), 1);
	{
		/* the follow-up and the interaction links came back: the row shows them */
		struct contact_query q = { .sort = CONTACT_SORT_LAST };
		long long n;
		ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
		ck_assert_int_eq(n, 1);
	}
	/* undo the meeting: last contacted falls back to the newest interaction */
	ck_assert_int_eq(kdb_record_changes(db, false, &err), KITH_OK);
	ck_assert_int_eq(kdb_exec_script(db, "DELETE FROM attendance", &err), KITH_OK);
	ck_assert_int_eq(contact_get(db, id, &got, &err), KITH_OK);
	ck_assert_str_eq(got.last_at, "2026-02-20 16:30");
	contact_free(&got);
	/* redo the delete: gone again, cascades included */
	ck_assert_int_eq(kdb_exec_script(db,
		"INSERT INTO attendance(event_id, contact_id, status) VALUES (1, 1, 'met')", &err),
		KITH_OK);
	ck_assert_int_eq(kdb_change_apply(db, ch, false, &err), KITH_OK);
	ck_assert_int_eq(contact_get(db, id, &got, &err), KITH_NOTFOUND);
	ck_assert_int_eq(count_q(db, "dana"), 0);
	kdb_change_free(ch);
}
END_TEST

static int
first_due(void *ud, const struct contact_row *r)
{
	snprintf(ud, 16, "%s", r->next_due);
	return 0;
}

START_TEST(test_row_after_undo)
{
	struct kith_err err;
	struct kdb_change *ch;
	char due[16] = "";
	int64_t id = add_full("Row Person");

	ck_assert_int_eq(kdb_record_changes(db, false, &err), KITH_OK);
	ck_assert_int_eq(kdb_exec_script(db,
		"INSERT INTO followup(contact_id, title, due, created_at, updated_at) "
		" VALUES (1, 'later', '2026-04-01', 'x', 'x'), (1, 'sooner', '2026-03-12', 'x', 'x');",
		&err), KITH_OK);
	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	ck_assert_int_eq(contact_delete(db, id, &err), KITH_OK);
	ch = kdb_change_take(db);
	ck_assert_int_eq(kdb_change_apply(db, ch, true, &err), KITH_OK);
	ck_assert_int_eq(contact_row_get(db, id, first_due, due, &err), KITH_OK);
	ck_assert_str_eq(due, "2026-03-12");
	kdb_change_free(ch);
}
END_TEST

START_TEST(test_conflict_from_other_connection)
{
	struct kith_err err;
	struct kith_contact got;
	struct kdb_change *ch;
	struct kdb *other;
	int64_t id = add_full("Sam Okafor");
	long long before;

	ch = kdb_change_take(db);
	ck_assert_ptr_nonnull(ch);
	/* another process (kith log from a shell) edits the same contact */
	ck_assert_int_eq(kdb_open(path, 0, &other, &err), KITH_OK);
	ck_assert_int_eq(contact_get(other, id, &got, &err), KITH_OK);
	free(got.display_name);
	got.display_name = xstrdup("Samuel Okafor");
	ck_assert_int_eq(contact_update(other, &got, &err), KITH_OK);
	contact_free(&got);
	kdb_close(other);

	before = kdb_data_version(db);
	ck_assert_int_eq(kdb_change_apply(db, ch, true, &err), KITH_CONFLICT);
	ck_assert_ptr_nonnull(strstr(err.msg, "undo"));
	ck_assert_ptr_nonnull(strstr(err.msg, "nothing was changed"));
	/* nothing changed: the contact and all its lists are as the other left them */
	ck_assert_int_eq(contact_get(db, id, &got, &err), KITH_OK);
	ck_assert_str_eq(got.display_name, "Samuel Okafor");
	ck_assert_uint_eq(got.n_tags, 2);
	ck_assert_uint_eq(got.n_emails, 1);
	contact_free(&got);
	ck_assert_int_eq(count_q(db, "samuel"), 1);
	ck_assert_int_eq(kdb_data_version(db), before);
	kdb_change_free(ch);
}
END_TEST

START_TEST(test_batch_is_one_step)
{
	struct kith_err err;
	struct kdb_change *ch;

	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	add_full("One");
	add_full("Two");
	/* a failing write inside the batch rolls back alone */
	{
		struct kith_contact bad = { .display_name = "Bad", .introducer_id = 999,
					    .cadence_days = -1 };
		ck_assert_int_eq(contact_add(db, &bad, NULL, &err), KITH_NOTFOUND);
	}
	ck_assert_ptr_null(kdb_change_take(db));        /* not committed yet */
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
	ch = kdb_change_take(db);
	ck_assert_ptr_nonnull(ch);
	ck_assert_int_eq(count_q(db, NULL), 2);
	ck_assert_int_eq(kdb_change_apply(db, ch, true, &err), KITH_OK);
	ck_assert_int_eq(count_q(db, NULL), 0);
	ck_assert_int_eq(kdb_change_apply(db, ch, false, &err), KITH_OK);
	ck_assert_int_eq(count_q(db, NULL), 2);
	kdb_change_free(ch);
	/* recording cannot be switched inside a write */
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	ck_assert_int_eq(kdb_record_changes(db, false, &err), KITH_INVALID);
	ck_assert_int_eq(kdb_batch_end(db, false, &err), KITH_OK);
	/* a write that changes nothing records nothing */
	ck_assert_int_eq(kdb_set_me(db, 999, &err), KITH_NOTFOUND);
	ck_assert_ptr_null(kdb_change_take(db));
}
END_TEST

static Suite *
undo_suite(void)
{
	Suite *s = suite_create("undo");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_add_undo_redo);
	tcase_add_test(tc, test_delete_undo_restores_everything);
	tcase_add_test(tc, test_row_after_undo);
	tcase_add_test(tc, test_conflict_from_other_connection);
	tcase_add_test(tc, test_batch_is_one_step);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(undo_suite()) ? 1 : 0;
}
