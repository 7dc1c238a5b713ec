/*
 * check_warm_engine.c: `w` (warm-paths) in the map and Contacts panes:
 * the pick list of chains, Enter recording "ask Ana to introduce me to
 * X" as an introduction follow-up, undo, and the messages when there is
 * no path or no "me".
 */
#include "testutil.h"

#include <string.h>

#include "kith/contact.h"
#include "kith/followup.h"
#include "kith/org.h"
#include "kith/powermap.h"
#include "kith/types.h"

static struct kdb *db;
static struct engine *e;
static int64_t me, ana, diaz, bo, map;

static int64_t
person(const char *name)
{
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1 };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "add %s: %s", name, err.msg);
	return id;
}

static void
relate(int64_t a, int64_t b, int type, int strength)
{
	struct kith_relationship r = { .a_id = a, .b_id = b, .type = type, .strength = strength };
	struct kith_err err;
	ck_assert_msg(relationship_add(db, &r, NULL, &err) == KITH_OK, "relate: %s", err.msg);
}

static void
fixture(bool with_me)
{
	struct kith_map m = { .name = "Bond 2027" };
	struct kith_err err;

	me = person("Me Myself");
	ana = person("Ana Lima");
	diaz = person("Cllr. Diaz");
	bo = person("Bo Strand");
	relate(me, ana, KITH_REL_MENTOR, 3);
	relate(ana, diaz, KITH_REL_PROFESSIONAL, 2);
	if (with_me)
		ck_assert_int_eq(kdb_set_me(db, me, &err), KITH_OK);
	ck_assert_int_eq(map_add(db, &m, &map, &err), KITH_OK);
	/* Diaz at influence 4, passive ally: row 1, column 3; Bo at 3, neutral */
	ck_assert_int_eq(placement_set(db, map, diaz, 0, 4, 1, NULL, NULL, &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, map, bo, 0, 3, 0, NULL, NULL, &err), KITH_OK);
}

static void
setup(void)
{
	db = test_db_open();
	fixture(true);
	e = test_engine_new(db, 10, 30);
}

static void
setup_no_me(void)
{
	db = test_db_open();
	fixture(false);
	e = test_engine_new(db, 10, 30);
}

static void
teardown(void)
{
	test_engine_free(&e, &db);
}

struct fus {
	int n;
	int64_t id;
	char title[200];
};

static int
fu_cb(void *ud, const struct followup_row *r)
{
	struct fus *f = ud;
	f->n++;
	f->id = r->id;
	snprintf(f->title, sizeof f->title, "%s", r->title);
	return 0;
}

static struct fus
followups_of(int64_t who)
{
	struct followup_query q = { .contact_id = who };
	struct fus f = { 0 };
	struct kith_err err;
	ck_assert_int_eq(followup_list(db, &q, 0, 1, 50, fu_cb, &f, &err), KITH_OK);
	return f;
}

START_TEST(test_map_w_and_introduction)
{
	const struct view *v;
	struct kith_followup f;
	struct kith_err err;
	struct fus fu;

	engine_keys(e, "3kl");
	v = engine_view(e);
	ck_assert_int_eq(v->map.cur_row, 1);
	ck_assert_int_eq(v->map.cur_col, 3);
	engine_keys(e, "w");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_PICK);
	ck_assert_ptr_nonnull(strstr(v->pick.title, "Cllr. Diaz"));
	ck_assert_int_eq(v->pick.nitems, 1);
	ck_assert_str_eq(v->pick.items[0],
			 "Ana Lima \xe2\x86\x92 Cllr. Diaz \xe2\x80\x94 mentor \xc2\xb7 professional");
	/* a filter matching nothing empties the list; Esc leaves it */
	engine_keys(e, "/zzz");
	ck_assert_int_eq(engine_view(e)->pick.nitems, 0);
	engine_keys(e, "<Esc><Esc>");
	ck_assert_int_eq(engine_view(e)->mode, VM_NORMAL);
	ck_assert_int_eq(followups_of(ana).n, 0);

	/* Enter on the chain: ask Ana, due in three days, an introduction */
	engine_keys(e, "w<Enter>");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_NORMAL);
	ck_assert_ptr_nonnull(strstr(v->message, "Ask Ana Lima to introduce me to Cllr. Diaz"));
	fu = followups_of(ana);
	ck_assert_int_eq(fu.n, 1);
	ck_assert_str_eq(fu.title, "Ask Ana Lima to introduce me to Cllr. Diaz");
	ck_assert_int_eq(followup_get(db, fu.id, &f, &err), KITH_OK);
	ck_assert_str_eq(f.due, "2026-03-13");
	ck_assert_int_eq(f.kind, KITH_FKIND_INTRODUCE);
	ck_assert_int_eq(f.intro_a_id, me);
	ck_assert_int_eq(f.intro_b_id, diaz);
	ck_assert_int_eq(f.intro_by_id, ana);
	ck_assert_int_eq(f.intro_stage, KITH_INTRO_REQUESTED);
	followup_free(&f);
	/* one undo step takes it back */
	engine_keys(e, "u");
	ck_assert_int_eq(followups_of(ana).n, 0);
}
END_TEST

START_TEST(test_no_path_and_contacts_pane)
{
	const struct view *v;

	/* Bo (row 2, column 2, where the cursor starts) is linked to nobody */
	engine_keys(e, "3w");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_NORMAL);
	ck_assert_ptr_nonnull(strstr(v->message, "no warm path to Bo Strand within 4 hops"));
	/* path.max_hops bounds it: Diaz is two hops away */
	engine_command(e, "set path.max_hops 1");
	engine_keys(e, "klw");
	ck_assert_ptr_nonnull(strstr(engine_view(e)->message, "within 1 hops"));
	engine_command(e, "set path.max_hops 4");

	/* Contacts: w on Cllr. Diaz (sorted by name: Ana, Bo, Cllr., Me) */
	engine_keys(e, "1ggjj");
	v = engine_view(e);
	ck_assert_str_eq(v->list.rows[v->list.selected].cells[0], "Cllr. Diaz");
	engine_keys(e, "w");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_PICK);
	ck_assert_int_eq(v->pick.nitems, 1);
	/* a direct link: nobody to ask */
	engine_keys(e, "<Esc>ggw");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_PICK);
	engine_keys(e, "<Enter>");
	ck_assert_ptr_nonnull(strstr(engine_view(e)->message, "directly"));
	ck_assert_int_eq(followups_of(ana).n, 0);
}
END_TEST

START_TEST(test_no_me)
{
	const struct view *v;

	engine_keys(e, "3klw");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_NORMAL);
	ck_assert(v->message_is_error);
	/* in the planner, the planner's key (issue 17), not the command line's */
	ck_assert_ptr_nonnull(strstr(v->message, "press zm"));
	ck_assert_ptr_null(strstr(v->message, "kith me"));
}
END_TEST

static Suite *
warm_engine_suite(void)
{
	Suite *s = suite_create("warm_engine");
	TCase *tc = tcase_create("core");
	TCase *tn = tcase_create("no_me");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_map_w_and_introduction);
	tcase_add_test(tc, test_no_path_and_contacts_pane);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(tn, setup_no_me, teardown);
	tcase_add_test(tn, test_no_me);
	suite_add_tcase(s, tn);
	return s;
}

int
main(void)
{
	return test_run_suite(warm_engine_suite()) ? 1 : 0;
}
