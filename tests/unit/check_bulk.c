/*
 * check_bulk.c: bulk writers (src/db/bulk.c): each applies its change to
 * every id in one transaction that is one undo step, skips rows it does
 * not apply to, and changes nothing when one row fails.
 */
#include "testutil.h"

#include <sys/stat.h>

#include "kith/bulk.h"
#include "kith/contact.h"
#include "kith/event.h"
#include "kith/followup.h"
#include "kith/powermap.h"
#include "kith/interaction.h"
#include "kith/types.h"

static struct kdb *db;
static int64_t ids[3];
static int64_t fus[3];
static int64_t ev, map;

static int64_t
add_contact(const char *name, int influence, int alignment)
{
	struct kith_contact c = { 0 };
	struct kith_err err;
	int64_t id = 0;

	c.display_name = (char *)name;
	c.cadence_days = -1;
	c.influence = influence;
	c.alignment = alignment;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
}

static void
setup(void)
{
	struct kith_err err;
	struct kith_event e = { 0 };
	struct kith_map m = { 0 };
	struct kith_followup f = { 0 };

	db = test_db_open();
	ids[0] = add_contact("Ana Lima", 4, 1);
	ids[1] = add_contact("Ben Ortiz", 0, -2);
	ids[2] = add_contact("Carla Diaz", 5, 0);
	e.title = "Town hall";
	e.start_at = "2026-03-20 18:30";
	ck_assert_int_eq(event_add(db, &e, &ev, &err), KITH_OK);
	m.name = "Bond 2027";
	ck_assert_int_eq(map_add(db, &m, &map, &err), KITH_OK);
	f.title = "send the draft";
	f.due = "2026-03-05";
	for (int i = 0; i < 3; i++) {
		f.contact_id = ids[i];
		ck_assert_int_eq(followup_add(db, &f, &fus[i], &err), KITH_OK);
	}
	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	kdb_change_free(kdb_change_take(db));
}

static void
teardown(void)
{
	kdb_close(db);
}

static bool
has_tag(int64_t id, const char *tag)
{
	struct kith_contact c;
	struct kith_err err;
	bool found = false;

	ck_assert_int_eq(contact_get(db, id, &c, &err), KITH_OK);
	for (size_t i = 0; i < c.n_tags; i++)
		found |= !strcmp(c.tags[i], tag);
	contact_free(&c);
	return found;
}

static char
tier_of(int64_t id)
{
	struct kith_contact c;
	struct kith_err err;
	char t;

	ck_assert_int_eq(contact_get(db, id, &c, &err), KITH_OK);
	t = c.tier;
	contact_free(&c);
	return t;
}

static int
fu_status(int64_t id)
{
	struct kith_followup f;
	struct kith_err err;
	int s;

	ck_assert_int_eq(followup_get(db, id, &f, &err), KITH_OK);
	s = f.status;
	followup_free(&f);
	return s;
}

/* Take the recorded change: exactly one step; undo it. */
static void
undo_one_step(void)
{
	struct kith_err err;
	struct kdb_change *ch = kdb_change_take(db);

	ck_assert_ptr_nonnull(ch);
	ck_assert_msg(kdb_change_apply(db, ch, true, &err) == KITH_OK, "%s", err.msg);
	kdb_change_free(ch);
}

START_TEST(test_tag_one_step)
{
	struct kith_err err;
	int n = -1;

	ck_assert_int_eq(bulk_tag(db, ids, 3, "housing", &n, &err), KITH_OK);
	ck_assert_int_eq(n, 3);
	for (int i = 0; i < 3; i++)
		ck_assert(has_tag(ids[i], "housing"));
	undo_one_step();
	for (int i = 0; i < 3; i++)
		ck_assert(!has_tag(ids[i], "housing"));
	ck_assert_int_eq(bulk_tag(db, ids, 3, "  ", &n, &err), KITH_INVALID);
	/* who has the tag already is not counted (the status line said "tagged 1"
	   for a contact that had it, and then there was nothing to undo) */
	ck_assert_int_eq(bulk_tag(db, ids, 1, "housing", &n, &err), KITH_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(bulk_tag(db, ids, 3, "Housing", &n, &err), KITH_OK);
	ck_assert_int_eq(n, 2);
}
END_TEST

START_TEST(test_tier_and_rollback)
{
	struct kith_err err;
	int64_t bad[3] = { ids[0], 999999, ids[2] };
	int n = -1;

	ck_assert_int_eq(bulk_tier(db, ids, 2, 'B', &n, &err), KITH_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(tier_of(ids[0]), 'B');
	ck_assert_int_eq(tier_of(ids[1]), 'B');
	ck_assert_int_eq(tier_of(ids[2]), 0);
	undo_one_step();
	ck_assert_int_eq(tier_of(ids[0]), 0);
	/* one missing row: nothing changes, and the error names it */
	ck_assert_int_eq(bulk_tier(db, bad, 3, 'A', &n, &err), KITH_NOTFOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "999999"));
	ck_assert_int_eq(tier_of(ids[0]), 0);
	ck_assert_ptr_null(kdb_change_take(db));
	ck_assert_int_eq(bulk_tier(db, ids, 3, 'Z', &n, &err), KITH_INVALID);
	/* the tier a contact has already: not counted */
	ck_assert_int_eq(bulk_tier(db, ids, 1, 'C', &n, &err), KITH_OK);
	ck_assert_int_eq(bulk_tier(db, ids, 2, 'C', &n, &err), KITH_OK);
	ck_assert_int_eq(n, 1);
}
END_TEST

static int
count_placements(void *ud, const struct placement_row *r)
{
	(void)r;
	(*(int *)ud)++;
	return 0;
}

static int
placed(void)
{
	struct kith_err err;
	int n = 0;

	ck_assert_int_eq(placement_list(db, map, NULL, count_placements, &n, &err), KITH_OK);
	return n;
}

START_TEST(test_place_skips_placed)
{
	struct kith_err err;
	int n = -1;

	ck_assert_int_eq(placement_set(db, map, ids[0], 0, 2, -1, NULL, NULL, &err), KITH_OK);
	kdb_change_free(kdb_change_take(db));
	ck_assert_int_eq(bulk_place(db, map, ids, 3, "bulk", &n, &err), KITH_OK);
	ck_assert_int_eq(n, 2);         /* Ana was on the map already: she stays where she was */
	ck_assert_int_eq(placed(), 3);
	undo_one_step();
	ck_assert_int_eq(placed(), 1);
	ck_assert_int_eq(bulk_place(db, 424242, ids, 3, NULL, &n, &err), KITH_NOTFOUND);
}
END_TEST

static int
count_att(void *ud, const struct attendance_row *r)
{
	(void)r;
	(*(int *)ud)++;
	return 0;
}

static int
attendees(void)
{
	struct kith_err err;
	int n = 0;

	ck_assert_int_eq(attendance_list_for_event(db, ev, count_att, &n, &err), KITH_OK);
	return n;
}

START_TEST(test_invite)
{
	struct kith_err err;
	int n = -1;

	ck_assert_int_eq(attendance_set(db, ev, ids[1], KITH_AROLE_SPEAKER, KITH_ASTATUS_CONFIRMED,
					&err), KITH_OK);
	kdb_change_free(kdb_change_take(db));
	ck_assert_int_eq(bulk_invite(db, ev, ids, 3, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(attendees(), 3);
	undo_one_step();
	ck_assert_int_eq(attendees(), 1);
}
END_TEST

START_TEST(test_followups_done_snooze)
{
	struct kith_err err;
	struct kith_followup f;
	int n = -1;

	ck_assert_int_eq(followup_done(db, fus[0], &err), KITH_OK);
	kdb_change_free(kdb_change_take(db));
	ck_assert_int_eq(bulk_followup_snooze(db, fus, 3, "2026-03-17", "busy week", &n, &err),
			 KITH_OK);
	ck_assert_int_eq(n, 2);         /* the done one is left alone */
	ck_assert_int_eq(followup_get(db, fus[2], &f, &err), KITH_OK);
	ck_assert_str_eq(f.due, "2026-03-17");
	ck_assert_int_eq(f.snooze_count, 1);
	followup_free(&f);
	undo_one_step();
	ck_assert_int_eq(followup_get(db, fus[2], &f, &err), KITH_OK);
	ck_assert_str_eq(f.due, "2026-03-05");
	followup_free(&f);
	ck_assert_int_eq(bulk_followup_snooze(db, fus, 3, "fri", NULL, &n, &err), KITH_INVALID);

	ck_assert_int_eq(bulk_followup_done(db, fus, 3, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 2);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(fu_status(fus[i]), KITH_FSTATUS_DONE);
	undo_one_step();
	ck_assert_int_eq(fu_status(fus[0]), KITH_FSTATUS_DONE);
	ck_assert_int_eq(fu_status(fus[1]), KITH_FSTATUS_OPEN);
	ck_assert_int_eq(fu_status(fus[2]), KITH_FSTATUS_OPEN);
}
END_TEST

START_TEST(test_delete_and_undo)
{
	struct kith_err err;
	struct kith_contact c;
	int n = -1;

	ck_assert_int_eq(bulk_delete(db, BULK_CONTACT, ids, 3, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 3);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(contact_get(db, ids[i], &c, &err), KITH_NOTFOUND);
	undo_one_step();
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(contact_get(db, ids[i], &c, &err), KITH_OK);
		contact_free(&c);
		ck_assert_int_eq(fu_status(fus[i]), KITH_FSTATUS_OPEN);  /* their follow-ups too */
	}
	ck_assert_int_eq(bulk_delete(db, BULK_FOLLOWUP, fus, 2, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(fu_status(fus[2]), KITH_FSTATUS_OPEN);
	ck_assert_int_eq(bulk_delete(db, BULK_EVENT, &ev, 1, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 1);
}
END_TEST

/* ---- the planner: t, T, :mark, ; ---------------------------------------------- */

static struct engine *e;

static void
setup_engine(void)
{
	setup();
	ck_assert_int_eq(kdb_record_changes(db, false, NULL), KITH_OK);
	e = test_engine_new(db, 10, 30);
}

static void
teardown_engine(void)
{
	test_engine_free(&e, &db);
}

static const char *
msg(void)
{
	const char *m = engine_view(e)->message;
	return m ? m : "";
}

static int
nmarked(void)
{
	const struct view *v = engine_view(e);
	int n = 0;

	for (int i = 0; i < v->list.nrows; i++)
		n += v->list.rows[i].marked;
	return n;
}

#define ck_msg_has(text) \
	ck_assert_msg(strstr(msg(), (text)) != NULL, "message [%s] lacks [%s]", msg(), (text))

/* Mark the three contacts with t. */
static void
mark_three(void)
{
	engine_keys(e, "1ggttt");
	ck_assert_int_eq(nmarked(), 3);
}

START_TEST(test_engine_tag_undo)
{
	mark_three();
	engine_keys(e, ";");
	ck_msg_has("3 marked");
	engine_keys(e, "+");
	ck_assert_int_eq(engine_view(e)->mode, VM_FORM);
	engine_keys(e, "housing<Enter>");
	ck_msg_has("tagged 3 people with housing");
	for (int i = 0; i < 3; i++)
		ck_assert(has_tag(ids[i], "housing"));
	ck_assert_int_eq(nmarked(), 0);         /* the marks went with the action */
	engine_keys(e, "u");                    /* one step undoes all three */
	ck_msg_has("Undone: tagged 3 people");
	for (int i = 0; i < 3; i++)
		ck_assert(!has_tag(ids[i], "housing"));
	engine_keys(e, "<C-r>");
	for (int i = 0; i < 3; i++)
		ck_assert(has_tag(ids[i], "housing"));
}
END_TEST

START_TEST(test_engine_tag_selected_and_line)
{
	engine_keys(e, "1gg:tag donor<Enter>");             /* no ;: the selected contact */
	ck_msg_has("tagged 1 person with donor");
	ck_assert(has_tag(ids[0], "donor"));
	ck_assert(!has_tag(ids[1], "donor"));
	engine_keys(e, "jt:bulk tag district-3<Enter>");    /* :bulk: the marked ones */
	ck_msg_has("tagged 1 person with district-3");
	ck_assert(has_tag(ids[1], "district-3"));
	ck_assert(!has_tag(ids[0], "district-3"));
	engine_keys(e, "<Esc>1gg:tag donor<Enter>");       /* she has it: nothing to say "tagged" */
	ck_msg_has("already tagged donor: nothing changed");
}
END_TEST

START_TEST(test_engine_mark_by_search)
{
	engine_keys(e, ":mark diaz<Enter>");
	ck_msg_has("marked 1 matching");
	ck_assert_int_eq(nmarked(), 1);
	engine_keys(e, "<Esc>");                /* all rows again; the mark stays */
	ck_assert_int_eq(engine_view(e)->list.total, 3);
	ck_assert_int_eq(nmarked(), 1);
	engine_keys(e, "T");                    /* T asks on the ':' line */
	ck_assert_int_eq(engine_view(e)->mode, VM_COMMAND);
	ck_assert_str_eq(engine_view(e)->input.text, "mark ");
	engine_keys(e, "ana<Enter>");           /* Ana, and Carla still */
	ck_assert_int_eq(engine_view(e)->list.total, 1);
	engine_keys(e, ":mark ana<Enter>");     /* again: no double */
	ck_msg_has("marked 0 matching");
	engine_keys(e, "<Esc>");
	ck_assert_int_eq(nmarked(), 2);
	engine_keys(e, "zu");
	ck_msg_has("unmarked 2");
	ck_assert_int_eq(nmarked(), 0);
}
END_TEST

START_TEST(test_engine_tier)
{
	mark_three();
	engine_keys(e, ";zt");
	engine_keys(e, "x<Enter>");             /* not a tier: the form says so, nothing changes */
	ck_assert_int_eq(engine_view(e)->mode, VM_FORM);
	ck_assert_int_eq(tier_of(ids[0]), 0);
	engine_keys(e, "<BS>b<Enter>");
	ck_msg_has("set tier B for 3 people");
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(tier_of(ids[i]), 'B');
	engine_keys(e, "u");
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(tier_of(ids[i]), 0);
}
END_TEST

static int
count_rows(void *ud, const struct interaction_row *r)
{
	(void)r;
	(*(int *)ud)++;
	return 0;
}

static int
interactions_of(int64_t id)
{
	struct kith_err err;
	int n = 0;

	ck_assert_int_eq(interaction_list_for_contact(db, id, 0, 50, count_rows, &n, &err), KITH_OK);
	return n;
}

START_TEST(test_engine_group_log)
{
	struct kith_err err;
	int n = 0;

	mark_three();
	engine_keys(e, ";n");
	ck_assert_int_eq(engine_view(e)->mode, VM_FORM);
	engine_keys(e, "walked the district<Enter>");
	ck_msg_has("logged a meeting with 3 people");
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(interactions_of(ids[i]), 1);
	ck_assert_int_eq(nmarked(), 0);
	/* one interaction with all three */
	ck_assert_int_eq(interaction_list_recent(db, 0, 50, count_rows, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 1);
	engine_keys(e, "u");
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(interactions_of(ids[i]), 0);
}
END_TEST

START_TEST(test_engine_place_and_invite)
{
	mark_three();
	engine_keys(e, ";p");
	ck_assert_int_eq(engine_view(e)->mode, VM_PICK);
	engine_keys(e, "<Enter>");
	ck_msg_has("placed 3 people on Bond 2027");
	ck_assert_int_eq(placed(), 3);
	engine_keys(e, "u");
	ck_assert_int_eq(placed(), 0);

	mark_three();
	engine_keys(e, ";zi");
	ck_assert_int_eq(engine_view(e)->mode, VM_PICK);
	engine_keys(e, "<Enter>");
	ck_msg_has("invited 3 people to Town hall");
	ck_assert_int_eq(attendees(), 3);
	engine_keys(e, "u");
	ck_assert_int_eq(attendees(), 0);
	engine_keys(e, "gg:invite Town hall<Enter>");       /* by name, the selected one */
	ck_msg_has("invited 1 person to Town hall");
}
END_TEST

START_TEST(test_engine_followups_done_snooze)
{
	engine_keys(e, "4ggtt");
	ck_assert_int_eq(nmarked(), 2);
	engine_keys(e, ";x");
	ck_msg_has("marked 2 follow-ups done");
	ck_assert_int_eq(fu_status(fus[0]) == KITH_FSTATUS_DONE, 1);
	engine_keys(e, "u");
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(fu_status(fus[i]), KITH_FSTATUS_OPEN);
	engine_keys(e, "ggttt;s");
	ck_assert_int_eq(engine_view(e)->mode, VM_PICK);
	engine_keys(e, "1w<Enter>");
	ck_msg_has("snoozed 3 follow-ups to 2026-03-17");
	engine_keys(e, "u");
	{
		struct kith_followup f;
		struct kith_err err;
		ck_assert_int_eq(followup_get(db, fus[1], &f, &err), KITH_OK);
		ck_assert_str_eq(f.due, "2026-03-05");
		followup_free(&f);
	}
	/* tag is no bulk action on follow-ups; + is no key there and ends the ; */
	engine_keys(e, "t:bulk tag x<Enter>");
	ck_msg_has("not a bulk action");
	engine_keys(e, ";+");
	ck_msg_has("cancelled");
	engine_keys(e, "x");                    /* x is the selected row's own again */
	ck_msg_has("done");
}
END_TEST

START_TEST(test_engine_delete_one_question)
{
	struct kith_contact c;
	struct kith_err err;

	mark_three();
	engine_keys(e, ";D");
	ck_assert_int_eq(engine_view(e)->mode, VM_CONFIRM);
	engine_keys(e, "y");
	ck_msg_has("deleted 3 people");
	ck_assert_int_eq(engine_view(e)->list.total, 0);
	engine_keys(e, "u");
	ck_assert_int_eq(engine_view(e)->list.total, 3);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(contact_get(db, ids[i], &c, &err), KITH_OK);
		contact_free(&c);
	}
	/* events too */
	engine_keys(e, "2ggt;D");
	ck_assert_int_eq(engine_view(e)->mode, VM_CONFIRM);
	engine_keys(e, "y");
	ck_msg_has("deleted 1 event");
}
END_TEST

START_TEST(test_engine_prefix_edges)
{
	engine_keys(e, "1;");                   /* nothing marked */
	ck_assert(engine_view(e)->message_is_error);
	ck_msg_has("Nothing marked");
	engine_keys(e, "t;<Esc>");
	ck_msg_has("cancelled");
	ck_assert_int_eq(nmarked(), 1);
	engine_keys(e, ";j");                   /* not a bulk action: said, nothing moves */
	ck_msg_has("not a bulk action");
	engine_keys(e, ";:");                   /* ; then : starts a :bulk line */
	ck_assert_str_eq(engine_view(e)->input.text, "bulk ");
	engine_keys(e, "tier a<Enter>");
	ck_msg_has("set tier A for 1 person");
}
END_TEST

/* How many times needle occurs in the file at path. */
static int
file_count(const char *path, const char *needle)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	int n = 0;

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof line, f))
		n += strstr(line, needle) != NULL;
	fclose(f);
	return n;
}

START_TEST(test_engine_export)
{
	char *dir = test_tmpdir(), path[4200], keys[4300];
	struct stat st;

	engine_keys(e, "1ggtjjt");              /* Ana and Carla */
	snprintf(path, sizeof path, "%s/two.vcf", dir);
	snprintf(keys, sizeof keys, ";zx%s<Enter>", path);
	engine_keys(e, keys);
	ck_msg_has("exported 2 people to");
	ck_assert_int_eq(file_count(path, "BEGIN:VCARD"), 2);
	ck_assert_int_eq(file_count(path, "FN:Ana Lima"), 1);
	ck_assert_int_eq(file_count(path, "FN:Carla Diaz"), 1);
	ck_assert_int_eq(file_count(path, "Ben Ortiz"), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(nmarked(), 0);
	/* without ;: the selected one, as CSV by the name */
	snprintf(path, sizeof path, "%s/one.csv", dir);
	snprintf(keys, sizeof keys, "gg:export %s<Enter>", path);
	engine_keys(e, keys);
	ck_msg_has("exported 1 person to");
	ck_assert_int_eq(file_count(path, "Ana Lima"), 1);
	ck_assert_int_eq(file_count(path, "Carla"), 0);
	/* a name that says no format: refused, nothing written */
	snprintf(path, sizeof path, "%s/x.ics", dir);
	snprintf(keys, sizeof keys, ":export %s<Enter>", path);
	engine_keys(e, keys);
	ck_msg_has("name it .vcf");
	ck_assert_int_ne(stat(path, &st), 0);
	snprintf(keys, sizeof keys, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(keys), 0);
	free(dir);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("bulk");
	TCase *tc = tcase_create("db");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_tag_one_step);
	tcase_add_test(tc, test_tier_and_rollback);
	tcase_add_test(tc, test_place_skips_placed);
	tcase_add_test(tc, test_invite);
	tcase_add_test(tc, test_followups_done_snooze);
	tcase_add_test(tc, test_delete_and_undo);
	suite_add_tcase(s, tc);
	tc = tcase_create("engine");
	tcase_add_checked_fixture(tc, setup_engine, teardown_engine);
	tcase_add_test(tc, test_engine_tag_undo);
	tcase_add_test(tc, test_engine_tag_selected_and_line);
	tcase_add_test(tc, test_engine_mark_by_search);
	tcase_add_test(tc, test_engine_tier);
	tcase_add_test(tc, test_engine_group_log);
	tcase_add_test(tc, test_engine_place_and_invite);
	tcase_add_test(tc, test_engine_followups_done_snooze);
	tcase_add_test(tc, test_engine_delete_one_question);
	tcase_add_test(tc, test_engine_prefix_edges);
	tcase_add_test(tc, test_engine_export);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(suite()) ? EXIT_FAILURE : EXIT_SUCCESS;
}
