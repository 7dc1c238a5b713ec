/*
 * check_listwin.c: the windowed keyset list under a real engine, headless,
 * on an in-memory database of 1,000 generated contacts (and 300
 * follow-ups for the grouped list). Every move is checked against a full
 * ordered read of the same query: the selected row must be the N-th row,
 * and position/total must say so, across page edges in both directions,
 * after jumps to either end, after a reload and after a delete.
 */
#include <stdio.h>

#include "testutil.h"

#include "kith/contact.h"
#include "kith/engine.h"
#include "kith/followup.h"
#include "../../src/engine/core.h"

#define NCONTACTS 1000
#define NFOLLOWUPS 300
#define HEIGHT 10

static struct kdb *db;
static struct engine *e;

/* The full list in display order, read once with a limit covering it all. */
struct full {
	int64_t ids[NCONTACTS + 10];
	char names[NCONTACTS + 10][32];
	int n;
};
static struct full full;

static int
full_cb(void *ud, const struct contact_row *r)
{
	struct full *f = ud;
	ck_assert_int_lt(f->n, NCONTACTS + 10);
	f->ids[f->n] = r->id;
	snprintf(f->names[f->n], sizeof f->names[0], "%s", r->name);
	f->n++;
	return 0;
}

static void
read_full(enum contact_sort sort, const char *match)
{
	struct contact_query q = { .sort = sort, .match = match };
	struct kith_err err;

	full.n = 0;
	ck_assert_int_eq(contact_list(db, &q, 0, 1, 100000, full_cb, &full, &err), KITH_OK);
}

static void
setup(void)
{
	struct kith_err err;

	db = test_db_open();
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	for (int i = 0; i < NCONTACTS; i++) {
		struct kith_contact c = { 0 };
		char name[32];
		/* names in an order unrelated to ids, so the keyset is really by name */
		snprintf(name, sizeof name, "Person %04d", (i * 7919) % NCONTACTS);
		c.display_name = name;
		c.cadence_days = -1;
		c.influence = 1 + i % 5;
		ck_assert_msg(contact_add(db, &c, NULL, &err) == KITH_OK, "%s", err.msg);
	}
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
	ck_assert_msg(engine_new(db, "test.db", &e, &err) == KITH_OK, "%s", err.msg);
	engine_layout(e, HEIGHT, 10, false);
	read_full(CONTACT_SORT_NAME, NULL);
	ck_assert_int_eq(full.n, NCONTACTS);
}

static void
teardown(void)
{
	test_engine_free(&e, &db);
}

/* The name shown on the selected row. */
static const char *
sel_name(void)
{
	const struct view *v = engine_view(e);
	ck_assert_int_ge(v->list.selected, 0);
	return v->list.rows[v->list.selected].cells[0];
}

/* The view agrees with the full read at position pos. */
static void
expect_at(long long pos)
{
	const struct view *v = engine_view(e);

	ck_assert_int_eq(v->list.position, pos);
	ck_assert_int_le(v->list.nrows, HEIGHT);
	ck_assert_int_ge(v->list.selected, 0);
	ck_assert_int_lt(v->list.selected, v->list.nrows);
	ck_assert_msg(strcmp(v->list.rows[v->list.selected].cells[0], full.names[pos]) == 0,
		      "at %lld: shows %s, expected %s", pos, v->list.rows[v->list.selected].cells[0],
		      full.names[pos]);
}

START_TEST(test_step_down_and_up)
{
	const struct view *v = engine_view(e);

	ck_assert_int_eq(v->list.total, NCONTACTS);
	expect_at(0);
	ck_assert_str_eq(full.names[0], "Person 0000");
	/* far past several window edges, one key at a time */
	for (int i = 1; i <= 300; i++) {
		ck_assert_int_eq(engine_keys(e, "j") & R_BELL, 0);
		expect_at(i);
	}
	for (int i = 299; i >= 120; i--) {
		ck_assert_int_eq(engine_keys(e, "k") & R_BELL, 0);
		expect_at(i);
	}
	/* the rows shown are consecutive rows of the list */
	v = engine_view(e);
	for (int i = 0; i < v->list.nrows; i++) {
		long long at = v->list.position - v->list.selected + i;
		ck_assert_str_eq(v->list.rows[i].cells[0], full.names[at]);
	}
	ck_assert_int_eq(engine_view(e)->list.total, NCONTACTS);
}
END_TEST

START_TEST(test_pages_and_ends)
{
	engine_keys(e, "<PgDn>");
	expect_at(HEIGHT);
	engine_keys(e, "<PgDn><PgDn><PgDn>");
	expect_at(4 * HEIGHT);
	engine_keys(e, "<PgUp>");
	expect_at(3 * HEIGHT);
	engine_keys(e, "99j");
	expect_at(3 * HEIGHT + 99);
	engine_keys(e, "G");
	expect_at(NCONTACTS - 1);
	ck_assert_str_eq(full.names[NCONTACTS - 1], "Person 0999");
	ck_assert(engine_keys(e, "j") & R_BELL);
	expect_at(NCONTACTS - 1);
	/* up from the end, across the edge of the window fetched backward */
	for (int i = NCONTACTS - 2; i >= NCONTACTS - 150; i--) {
		engine_keys(e, "k");
		expect_at(i);
	}
	engine_keys(e, "<PgUp>");
	expect_at(NCONTACTS - 150 - HEIGHT);
	engine_keys(e, "gg");
	expect_at(0);
	ck_assert(engine_keys(e, "k") & R_BELL);
	expect_at(0);
	/* a count larger than the list stops at the end */
	engine_keys(e, "9999j");
	expect_at(NCONTACTS - 1);
	engine_keys(e, "<C-u>");
	expect_at(NCONTACTS - 1 - HEIGHT / 2);
	engine_keys(e, "gg<C-d><C-d>");
	expect_at(HEIGHT);
}
END_TEST

START_TEST(test_reload_keeps_selection)
{
	struct kith_contact c = { 0 };
	struct kith_err err;
	int64_t kept, id;
	long long pos;

	engine_keys(e, "99j99j99j99j99j");
	expect_at(495);
	kept = full.ids[495];
	/* a contact sorting before the cursor appears: the cursor stays on its row */
	c.display_name = "Aaron Abbott";
	c.cadence_days = -1;
	ck_assert_int_eq(contact_add(db, &c, &id, &err), KITH_OK);
	engine_after_write(e, "add Aaron");
	read_full(CONTACT_SORT_NAME, NULL);
	ck_assert_int_eq(engine_view(e)->list.total, NCONTACTS + 1);
	pos = engine_view(e)->list.position;
	ck_assert(pos == 495 || pos == 496);
	ck_assert_str_eq(sel_name(),
			 full.names[496]);
	ck_assert_int_eq(full.ids[496], kept);
	/* moving still agrees with the database */
	engine_keys(e, "5j");
	ck_assert_str_eq(sel_name(),
			 full.names[501]);
	/* the selected contact is deleted (elsewhere): the cursor keeps its place */
	engine_keys(e, "gg");
	engine_keys(e, "99j");
	ck_assert_int_eq(engine_view(e)->list.position, 99);
	kept = full.ids[99];
	ck_assert_int_eq(contact_delete(db, kept, &err), KITH_OK);
	engine_after_write(e, "delete");
	read_full(CONTACT_SORT_NAME, NULL);
	ck_assert_int_eq(engine_view(e)->list.total, NCONTACTS);
	expect_at(99);
}
END_TEST

START_TEST(test_sort_and_search)
{
	int64_t sel;

	engine_keys(e, "77j");
	sel = full.ids[77];
	/* influence order: the same contact stays selected */
	engine_keys(e, "zs");       /* last contacted */
	engine_keys(e, "zs");       /* influence */
	ck_assert_ptr_nonnull(strstr(engine_view(e)->message, "influence"));
	read_full(CONTACT_SORT_INFLUENCE, NULL);
	{
		const struct view *v = engine_view(e);
		int at = -1;
		for (int i = 0; i < full.n; i++)
			if (full.ids[i] == sel)
				at = i;
		ck_assert_int_ge(at, 0);
		ck_assert_str_eq(v->list.rows[v->list.selected].cells[0], full.names[at]);
		ck_assert_int_eq(v->list.total, NCONTACTS);
	}
	engine_keys(e, "gg");
	expect_at(0);
	for (int i = 1; i <= 120; i++)
		engine_keys(e, "j");
	expect_at(120);
	engine_keys(e, "G");
	expect_at(NCONTACTS - 1);
	engine_keys(e, "zs");       /* back to name */
	read_full(CONTACT_SORT_NAME, NULL);

	/* search: "Person 01" matches the hundred Person 01xx */
	engine_keys(e, "/01");
	ck_assert_int_eq(engine_view(e)->list.total, 100);
	engine_keys(e, "<Enter>");
	read_full(CONTACT_SORT_NAME, "01");
	ck_assert_int_eq(full.n, 100);
	expect_at(0);
	for (int i = 1; i < 100; i++)
		engine_keys(e, "j");
	expect_at(99);
	ck_assert(engine_keys(e, "j") & R_BELL);
	ck_assert_str_eq(full.names[99], "Person 0199");
	engine_keys(e, "<Esc>");
	ck_assert_int_eq(engine_view(e)->list.total, NCONTACTS);
}
END_TEST

/* ---- the grouped list: follow-ups with headers the cursor skips ------------ */

struct fl {
	int64_t ids[NFOLLOWUPS];
	char titles[NFOLLOWUPS][32];
	int n;
};
static struct fl fl;

static int
fl_cb(void *ud, const struct followup_row *r)
{
	struct fl *f = ud;
	f->ids[f->n] = r->id;
	snprintf(f->titles[f->n], sizeof f->titles[0], "%s", r->title);
	f->n++;
	return 0;
}

static void
expect_followup(long long pos)
{
	const struct view *v = engine_view(e);
	const struct view_row *row;

	ck_assert_int_eq(v->list.position, pos);
	ck_assert_int_ge(v->list.selected, 0);
	row = &v->list.rows[v->list.selected];
	ck_assert(!row->group);
	ck_assert_msg(strcmp(row->cells[2], fl.titles[pos]) == 0, "at %lld: %s, expected %s", pos,
		      row->cells[2], fl.titles[pos]);
}

START_TEST(test_groups_skipped_while_paging)
{
	struct followup_query q = { 0 };
	struct kith_err err;
	const struct view *v;
	int headers_seen = 0;
	bool undated = false;

	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	for (int i = 0; i < NFOLLOWUPS; i++) {
		struct kith_followup f = { 0 };
		char title[32], due[KDATE_STR];
		snprintf(title, sizeof title, "Task %03d", i);
		/* spread from 40 days ago to 60 days ahead; every 10th undated */
		kdate_format(kdate_add_days(kdate_today(), (i * 37) % 100 - 40), due);
		f.title = title;
		f.due = i % 10 == 3 ? NULL : due;
		f.contact_id = full.ids[i];
		ck_assert_msg(followup_add(db, &f, NULL, &err) == KITH_OK, "%s", err.msg);
	}
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
	ck_assert_int_eq(followup_list(db, &q, 0, 1, 100000, fl_cb, &fl, &err), KITH_OK);
	ck_assert_int_eq(fl.n, NFOLLOWUPS);

	engine_keys(e, "4");
	v = engine_view(e);
	ck_assert_int_eq(v->pane, VP_FOLLOWUPS);
	ck_assert_int_eq(v->list.total, NFOLLOWUPS);
	ck_assert(v->list.rows[0].group);
	ck_assert_str_eq(v->list.rows[0].cells[0], "Overdue");
	expect_followup(0);
	for (int i = 1; i < NFOLLOWUPS; i++) {
		ck_assert_int_eq(engine_keys(e, "j") & R_BELL, 0);
		expect_followup(i);
		v = engine_view(e);
		for (int k = 0; k < v->list.nrows; k++) {
			headers_seen += v->list.rows[k].group && k == v->list.selected - 1;
			undated |= v->list.rows[k].group && !strcmp(v->list.rows[k].cells[0], "No date");
		}
	}
	ck_assert_int_gt(headers_seen, 0);
	ck_assert(engine_keys(e, "j") & R_BELL);
	/* "No date" headed the last group on the way */
	ck_assert(undated);
	for (int i = NFOLLOWUPS - 2; i >= 0; i--) {
		ck_assert_int_eq(engine_keys(e, "k") & R_BELL, 0);
		expect_followup(i);
	}
	engine_keys(e, "G");
	expect_followup(NFOLLOWUPS - 1);
	for (int i = NFOLLOWUPS - 2; i >= NFOLLOWUPS - 120; i--) {
		engine_keys(e, "k");
		expect_followup(i);
	}
	/* every group header appears exactly once in a window, never twice in a row */
	engine_keys(e, "gg");
	for (int step = 0; step < 40; step++) {
		v = engine_view(e);
		for (int k = 1; k < v->list.nrows; k++)
			ck_assert(!(v->list.rows[k].group && v->list.rows[k - 1].group));
		engine_keys(e, "<PgDn>");
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("listwin");
	TCase *tc = tcase_create("paging");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_step_down_and_up);
	tcase_add_test(tc, test_pages_and_ends);
	tcase_add_test(tc, test_reload_keeps_selection);
	tcase_add_test(tc, test_sort_and_search);
	tcase_add_test(tc, test_groups_skipped_while_paging);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? EXIT_FAILURE : EXIT_SUCCESS;
}
