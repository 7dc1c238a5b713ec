/*
 * check_map_history.c: the map pane's history views: :asof DATE (the map
 * replayed as it stood, read-only) and :moved 30d (who moved since, which
 * way), through the engine.
 */
#include "testutil.h"

#include <string.h>

#include "kith/contact.h"
#include "kith/org.h"
#include "kith/powermap.h"

static struct kdb *db;
static struct engine *e;
static int64_t map, ana, bo, cy;

static void
at(const char *day)
{
	setenv("KITH_TODAY", day, 1);
	kdate_init_clock(NULL);
}

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
place(int64_t who, int infl, int align, const char *reason)
{
	struct kith_err err;
	ck_assert_msg(placement_set(db, map, who, 0, infl, align, NULL, reason, &err) == KITH_OK,
		      "%s", err.msg);
}

static void
setup(void)
{
	struct kith_map m = { .name = "Bond 2027", .goal = "Pass it" };
	struct kith_err err;

	db = test_db_open();
	ana = person("Ana");
	bo = person("Bo");
	cy = person("Cy");
	ck_assert_int_eq(map_add(db, &m, &map, &err), KITH_OK);
	at("2026-01-10");
	place(ana, 3, 0, "first guess");
	place(bo, 2, -1, "first guess");
	at("2026-02-20");
	place(ana, 3, 1, "persuaded");
	place(bo, 1, -1, "lost the chair");
	at("2026-03-05");
	place(cy, 4, 2, "new ally");
	at(TEST_TODAY);
	e = test_engine_new(db, 10, 30);
	engine_keys(e, "3");
}

static void
teardown(void)
{
	test_engine_free(&e, &db);
}

/* The label of the only entry in cell (row, col); NULL if the cell is empty. */
static const char *
only(int row, int col)
{
	const struct view_map_cell *c = &engine_view(e)->map.cells[row][col];
	if (c->nentries == 0)
		return NULL;
	ck_assert_int_eq(c->nentries, 1);
	return c->entries[0].label;
}

static int
count_moves(void *ud, const struct placement_move_row *r)
{
	(void)r;
	++*(int *)ud;
	return 0;
}

START_TEST(test_asof)
{
	const struct view *v;
	struct kith_err err;
	int moves = 0, after = 0;

	/* now: Ana 3/+1 (row 2, column 3), Bo 1/-1, Cy 4/+2 */
	ck_assert_str_eq(only(2, 3), "Ana");
	ck_assert_str_eq(only(1, 4), "Cy");
	engine_command(e, "asof 2026-01-31");
	v = engine_view(e);
	ck_assert_str_eq(only(2, 2), "Ana");
	ck_assert_str_eq(only(3, 1), "Bo");
	ck_assert_ptr_null(only(1, 4));
	ck_assert_ptr_nonnull(strstr(v->map.goal, "as of 2026-01-31 (read-only)"));
	ck_assert_ptr_nonnull(strstr(v->map.goal, "Pass it"));
	/* read-only: moves, places and removes are refused, nothing recorded */
	ck_assert_int_eq(placement_moves(db, map, NULL, count_moves, &moves, &err), KITH_OK);
	engine_keys(e, "kjL");
	v = engine_view(e);
	ck_assert(v->message_is_error);
	ck_assert_ptr_nonnull(strstr(v->message, "read-only"));
	engine_keys(e, "R");
	engine_keys(e, "p");
	ck_assert_int_eq(engine_view(e)->mode, VM_NORMAL);
	ck_assert_int_eq(placement_moves(db, map, NULL, count_moves, &after, &err), KITH_OK);
	ck_assert_int_eq(after, moves);
	ck_assert_str_eq(only(2, 2), "Ana");
	/* a day before anything was placed: an empty grid */
	engine_command(e, "asof 2025-12-31");
	for (int r = 0; r < 5; r++)
		for (int c = 0; c < 5; c++)
			ck_assert_ptr_null(only(r, c));
	/* relative days count back: 3w is 2026-02-17, before Ana moved */
	engine_command(e, "asof 3w");
	ck_assert_str_eq(only(2, 2), "Ana");
	ck_assert_ptr_null(only(1, 4));
	/* :asof alone: now, writable again */
	engine_command(e, "asof");
	ck_assert_str_eq(only(1, 4), "Cy");
	ck_assert_str_eq(engine_view(e)->map.goal, "Pass it");
	engine_command(e, "asof someday");
	ck_assert(engine_view(e)->message_is_error);
	ck_assert_str_eq(only(1, 4), "Cy");
}
END_TEST

START_TEST(test_moved)
{
	const struct view *v;

	/* since 2026-02-08: Ana toward ally, Bo down, Cy new */
	engine_command(e, "moved 30d");
	v = engine_view(e);
	ck_assert_str_eq(only(2, 3), "\xe2\x86\x92 Ana");
	ck_assert_str_eq(only(4, 1), "\xe2\x86\x93 Bo");
	ck_assert_str_eq(only(1, 4), "+ Cy");
	ck_assert_int_eq(v->map.cells[2][3].entries[0].style, VS_HIGHLIGHT);
	ck_assert_ptr_nonnull(strstr(v->message, "moved since 2026-02-08: 3 (1 toward ally, "
					 "0 toward opposition)"));
	ck_assert_ptr_nonnull(strstr(v->map.goal, "moved since 2026-02-08: 3"));
	/* since 2026-02-25: only Cy */
	engine_command(e, "moved 2026-02-25");
	ck_assert_str_eq(only(2, 3), "Ana");
	ck_assert_str_eq(only(4, 1), "Bo");
	ck_assert_str_eq(only(1, 4), "+ Cy");
	/* a move made now shows at once */
	engine_command(e, "moved 1d");
	engine_keys(e, "jjh");          /* Bo: row 4, column 1 */
	engine_keys(e, "K");
	ck_assert_str_eq(only(3, 1), "\xe2\x86\x91 Bo");
	/* :moved alone: plain names */
	engine_command(e, "moved");
	ck_assert_str_eq(only(3, 1), "Bo");
	ck_assert_str_eq(only(1, 4), "Cy");
}
END_TEST

static int
first_map_name(void *ud, const struct map_row *r)
{
	snprintf(ud, 64, "%s", r->name);
	return 1;
}

START_TEST(test_manage)
{
	const struct view *v;
	struct kith_map km;
	struct kith_err err;
	char name[64] = "";

	/* rename and goal */
	engine_command(e, "map-rename Bond 2028");
	v = engine_view(e);
	ck_assert_str_eq(v->map.name, "Bond 2028");
	engine_command(e, "map-goal Pass it in November");
	ck_assert_str_eq(engine_view(e)->map.goal, "Pass it in November");
	engine_command(e, "map-rename");
	ck_assert(engine_view(e)->message_is_error);
	/* targets: Cy (row 1, column 4) becomes one, then the primary, then Ana */
	engine_keys(e, "kll");
	ck_assert_str_eq(only(1, 4), "Cy");
	engine_keys(e, "T");
	v = engine_view(e);
	ck_assert_int_eq(v->map.cells[1][4].entries[0].mark, '*');
	ck_assert_ptr_nonnull(strstr(v->message, "Cy is now a target"));
	engine_keys(e, "T");
	ck_assert_int_eq(engine_view(e)->map.cells[1][4].entries[0].mark, '@');
	engine_command(e, "map-primary");
	ck_assert_int_eq(map_get(db, map, &km, &err), KITH_OK);
	ck_assert_int_eq(km.primary_target_id, cy);
	map_free(&km);
	ck_assert_int_eq(engine_view(e)->map.cells[1][4].entries[0].mark, '*');
	engine_keys(e, "T");
	ck_assert(engine_view(e)->message_is_error);       /* the primary stays */
	engine_keys(e, "u");
	ck_assert_int_eq(map_get(db, map, &km, &err), KITH_OK);
	ck_assert_int_eq(km.primary_target_id, 0);
	map_free(&km);
	/* delete asks; n keeps it, y deletes it, u brings it back with its history */
	engine_command(e, "map-delete");
	ck_assert_int_eq(engine_view(e)->mode, VM_CONFIRM);
	engine_keys(e, "n");
	ck_assert_int_eq(map_get(db, map, &km, &err), KITH_OK);
	map_free(&km);
	engine_command(e, "map-delete");
	engine_keys(e, "y");
	ck_assert_int_eq(map_get(db, map, &km, &err), KITH_NOTFOUND);
	ck_assert_ptr_null(engine_view(e)->map.name);
	engine_keys(e, "u");
	ck_assert_int_eq(map_get(db, map, &km, &err), KITH_OK);
	map_free(&km);
	ck_assert_int_eq(map_list(db, first_map_name, name, &err), KITH_OK);
	ck_assert_str_eq(name, "Bond 2028");
	engine_command(e, "moved 2026-01-01");
	ck_assert_str_eq(only(1, 4), "+ Cy");
}
END_TEST

struct last_reason {
	int64_t who;
	char reason[64];
};

static int
reason_cb(void *ud, const struct placement_move_row *r)
{
	struct last_reason *l = ud;
	if (r->contact_id == l->who)
		snprintf(l->reason, sizeof l->reason, "%s", r->reason);
	return 0;
}

START_TEST(test_why_and_org_relations)
{
	struct last_reason lr = { 0 };
	struct kith_role role = { 0 };
	struct kith_err err;
	const struct view *v;
	int64_t org;

	/* Ana (row 2, column 3): why she moved */
	engine_keys(e, "l");
	ck_assert_str_eq(only(2, 3), "Ana");
	engine_command(e, "why said yes over coffee");
	lr.who = ana;
	ck_assert_int_eq(placement_moves(db, map, NULL, reason_cb, &lr, &err), KITH_OK);
	ck_assert_str_eq(lr.reason, "said yes over coffee");
	engine_command(e, "why");
	ck_assert(engine_view(e)->message_is_error);
	/* the detail shows it in the history */
	engine_keys(e, "<Enter>");
	v = engine_view(e);
	{
		bool found = false;
		for (int i = 0; i < v->detail.nlines; i++)
			found |= strstr(v->detail.lines[i].text, "said yes over coffee") != NULL;
		ck_assert(found);
	}
	engine_keys(e, "<Esc>");
	engine_keys(e, "u");
	lr.reason[0] = '\0';
	ck_assert_int_eq(placement_moves(db, map, NULL, reason_cb, &lr, &err), KITH_OK);
	ck_assert_str_eq(lr.reason, "persuaded");

	/* i on an organisation: its current role holders light up, not past ones */
	ck_assert_int_eq(org_find(db, "Riverton Chamber", true, &org, &err), KITH_OK);
	role.org_id = org;
	role.contact_id = ana;
	role.title = "Member";
	ck_assert_int_eq(role_add(db, &role, NULL, &err), KITH_OK);
	role.contact_id = bo;
	role.end_date = "2025-12-31";
	role.start_date = "2024-01-01";
	ck_assert_int_eq(role_add(db, &role, NULL, &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, map, 0, org, 2, 0, NULL, NULL, &err), KITH_OK);
	engine_command(e, "refresh");
	engine_keys(e, "jh");            /* row 3, column 2 */
	ck_assert_str_eq(only(3, 2), "Riverton Chamber");
	engine_keys(e, "i");
	v = engine_view(e);
	ck_assert_int_eq(v->map.cells[2][3].entries[0].style, VS_HIGHLIGHT);    /* Ana */
	ck_assert_int_ne(v->map.cells[4][1].entries[0].style, VS_HIGHLIGHT);    /* Bo */
}
END_TEST

static Suite *
map_history_suite(void)
{
	Suite *s = suite_create("map_history");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_asof);
	tcase_add_test(tc, test_moved);
	tcase_add_test(tc, test_manage);
	tcase_add_test(tc, test_why_and_org_relations);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(map_history_suite()) ? 1 : 0;
}
