/*
 * check_map_pane.c: the Power map pane under a real engine, headless
 * (clock fixed at 2026-03-10): find a person with / (n, N, and the offer
 * to place someone not on the map), placing where the contact's card
 * puts them, the card's stance beside the map's and aligning the two,
 * the detail kept up to date after a write, and the status bar of every
 * pane advertising only keys that do something there.
 */
#include <stdio.h>

#include "testutil.h"

#include "kith/contact.h"
#include "kith/engine.h"
#include "kith/event.h"
#include "kith/followup.h"
#include "kith/powermap.h"
#include "../../src/engine/core.h"

static struct kdb *db;
static struct engine *e;
static int64_t ana, ben, carla, alma, dan, bond;

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
	struct kith_map map = { 0 };
	struct kith_followup f = { 0 };
	struct kith_event ev = { 0 };

	db = test_db_open();
	ana = add_contact("Ana Lima", 4, 1);
	ben = add_contact("Ben Ortiz", 2, -2);
	carla = add_contact("Carla Diaz", 5, 0);
	alma = add_contact("Alma Reyes", 3, 2);
	dan = add_contact("Dan Moss", 0, 0);
	map.name = "Bond 2027";
	ck_assert_int_eq(map_add(db, &map, &bond, &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, bond, ana, 0, 4, 1, NULL, NULL, &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, bond, carla, 0, 5, 0, NULL, NULL, &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, bond, alma, 0, 3, 2, NULL, NULL, &err), KITH_OK);
	f.contact_id = ana;
	f.title = "send the draft";
	f.due = "2026-03-12";
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_OK);
	ev.title = "Town hall";
	ev.start_at = "2026-03-20 18:30";
	ck_assert_int_eq(event_add(db, &ev, NULL, &err), KITH_OK);
	e = test_engine_new(db, 10, 30);
}

static void
teardown(void)
{
	test_engine_free(&e, &db);
}

static const struct view *
view(void)
{
	return engine_view(e);
}

static bool
detail_has(const char *text)
{
	const struct view *v = view();
	for (int i = 0; i < v->detail.nlines; i++)
		if (strstr(v->detail.lines[i].text, text))
			return true;
	return false;
}

/* The selected entry's label, or "" if the cursor cell is empty. */
static const char *
selected_name(void)
{
	const struct view *v = view();
	const struct view_map_cell *c = &v->map.cells[v->map.cur_row][v->map.cur_col];

	for (int i = 0; i < c->nentries; i++)
		if (c->entries[i].selected)
			return c->entries[i].label;
	return "";
}

static int
placed_at(int64_t who, int *infl, int *align)
{
	struct kith_err err;
	struct kith_contact c;
	int n = 0;
	const struct view *v = view();

	ck_assert_int_eq(contact_get(db, who, &c, &err), KITH_OK);
	for (int row = 0; row < 5; row++)
		for (int col = 0; col < 5; col++)
			for (int i = 0; i < v->map.cells[row][col].nentries; i++)
				if (!strcmp(v->map.cells[row][col].entries[i].label, c.display_name)) {
					*infl = 5 - row;
					*align = col - 2;
					n++;
				}
	contact_free(&c);
	return n;
}

/* ---- find ------------------------------------------------------------------------ */

START_TEST(test_find_jumps_n_and_N)
{
	const struct view *v;

	engine_keys(e, "3");
	ck_assert_str_eq(selected_name(), "");      /* influence 3, neutral: nobody */
	/* as you type: the first placed name with a word starting so, in reading order */
	engine_keys(e, "/a");
	v = view();
	ck_assert_int_eq(v->mode, VM_SEARCH);
	ck_assert_str_eq(selected_name(), "Ana Lima");
	engine_keys(e, "lm");
	ck_assert_str_eq(selected_name(), "Alma Reyes");
	engine_keys(e, "<Enter>");
	v = view();
	ck_assert_int_eq(v->mode, VM_NORMAL);
	ck_assert_int_eq(v->map.cur_row, 2);
	ck_assert_int_eq(v->map.cur_col, 4);
	ck_assert_ptr_nonnull(strstr(v->message, "Alma Reyes: influence 3, active ally"));
	/* a word inside the name, any case and accent */
	engine_keys(e, "/DÍAZ<Enter>");
	ck_assert_str_eq(selected_name(), "Carla Diaz");
	/* n and N walk the matches, wrapping */
	engine_keys(e, "/a<Enter>");
	ck_assert_str_eq(selected_name(), "Ana Lima");
	engine_keys(e, "n");
	ck_assert_str_eq(selected_name(), "Alma Reyes");
	engine_keys(e, "n");
	ck_assert_str_eq(selected_name(), "Ana Lima");
	engine_keys(e, "N");
	ck_assert_str_eq(selected_name(), "Alma Reyes");
	/* a find, not a filter: / starts afresh, Esc there goes back to where it began */
	engine_keys(e, "/");
	ck_assert_str_eq(view()->input.text, "");
	engine_keys(e, "c");
	ck_assert_str_eq(selected_name(), "Carla Diaz");
	engine_keys(e, "<Esc>");
	ck_assert_str_eq(selected_name(), "Alma Reyes");
	engine_keys(e, "/<C-u>a<Enter>nn");
	ck_assert_str_eq(selected_name(), "Ana Lima");
	/* nothing was written, nothing was read as keys */
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert(engine_keys(e, "u") & R_BELL);
	/* Esc clears the find: n logs again, as everywhere */
	engine_keys(e, "<Esc>n");
	ck_assert_int_eq(view()->mode, VM_FORM);
}
END_TEST

/* Issue 17: `/gary` Enter on the map read "gary" as keys and placed Gary. */
START_TEST(test_find_offers_to_place)
{
	const struct view *v;
	int infl = 0, align = 0;

	engine_keys(e, "3");
	engine_keys(e, "/ben");
	ck_assert_int_eq(view()->mode, VM_SEARCH);
	engine_keys(e, "<Enter>");
	v = view();
	ck_assert_int_eq(v->mode, VM_CONFIRM);
	ck_assert_ptr_nonnull(strstr(v->confirm, "Ben Ortiz is not on Bond 2027"));
	ck_assert_ptr_nonnull(strstr(v->confirm, "influence 2, active opposition (their card)"));
	ck_assert_int_eq(placed_at(ben, &infl, &align), 0);
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(placed_at(ben, &infl, &align), 1);
	ck_assert_int_eq(infl, 2);
	ck_assert_int_eq(align, -2);
	ck_assert_str_eq(selected_name(), "Ben Ortiz");     /* the cursor followed */
	engine_keys(e, "u");
	ck_assert_int_eq(placed_at(ben, &infl, &align), 0);
	/* Esc declines: nothing placed */
	engine_keys(e, "/ben<Enter><Esc>");
	ck_assert_int_eq(placed_at(ben, &infl, &align), 0);
	/* a name nobody has */
	engine_keys(e, "/zzz<Enter>");
	v = view();
	ck_assert_int_eq(v->mode, VM_NORMAL);
	ck_assert(v->message_is_error);
	ck_assert_ptr_nonnull(strstr(v->message, "nobody called \"zzz\""));
	/* someone with no influence on their card goes to the cursor's cell */
	engine_keys(e, "<Esc>gg");
	engine_keys(e, "llllh");
	ck_assert_int_eq(view()->map.cur_row, 0);
	ck_assert_int_eq(view()->map.cur_col, 3);
	engine_keys(e, "/dan<Enter>");
	ck_assert_msg(view()->confirm && strstr(view()->confirm, "influence 5, passive ally (the cursor's cell)"), "%s / %s", view()->confirm, view()->message);
	engine_keys(e, "y");
	ck_assert_int_eq(placed_at(dan, &infl, &align), 1);
	ck_assert_int_eq(infl, 5);
	ck_assert_int_eq(align, 1);
}
END_TEST

/* ---- placing and the card's stance ------------------------------------------------- */

START_TEST(test_place_defaults_to_the_card)
{
	int infl = 0, align = 0;

	/* the cursor is on influence 3, neutral; Ben's card says 2, active opposition */
	engine_keys(e, "3p");
	ck_assert_int_eq(view()->mode, VM_PICK);
	ck_assert_ptr_nonnull(strstr(view()->pick.items[0], "influence"));
	engine_keys(e, "/ben<Enter>");
	ck_assert_int_eq(placed_at(ben, &infl, &align), 1);
	ck_assert_int_eq(infl, 2);
	ck_assert_int_eq(align, -2);
	ck_assert_str_eq(selected_name(), "Ben Ortiz");
	/* p on someone already placed selects them and writes nothing */
	engine_keys(e, "gp/carla<Enter>");
	ck_assert_str_eq(selected_name(), "Carla Diaz");
	ck_assert_ptr_nonnull(strstr(view()->message, "already on the map"));
	engine_keys(e, "u");
	ck_assert_int_eq(placed_at(ben, &infl, &align), 0);
}
END_TEST

START_TEST(test_stance_drift_and_align)
{
	struct kith_contact c;
	struct kith_err err;
	int infl = 0, align = 0;

	engine_keys(e, "3/ana<Enter><Enter>");
	ck_assert(view()->detail_open);
	ck_assert(!detail_has("their card says"));
	/* moved on the map: the card still says passive ally; the detail follows the write */
	engine_keys(e, "L");
	ck_assert(view()->detail_open);
	ck_assert(detail_has("influence 4 · active ally"));
	ck_assert(detail_has("their card says passive ally"));
	ck_assert(detail_has("= aligns the two"));
	ck_assert(detail_has("moved on the grid"));
	/* = then the first choice: the map takes the card's stance */
	engine_keys(e, "=");
	ck_assert_int_eq(view()->mode, VM_PICK);
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(placed_at(ana, &infl, &align), 1);
	ck_assert_int_eq(align, 1);
	ck_assert(!detail_has("their card says"));
	/* the other way: the card takes the map's stance */
	engine_keys(e, "L=j<Enter>");
	ck_assert_int_eq(contact_get(db, ana, &c, &err), KITH_OK);
	ck_assert_int_eq(c.alignment, 2);
	contact_free(&c);
	ck_assert(!detail_has("their card says"));
	/* one undo step */
	engine_keys(e, "u");
	ck_assert_int_eq(contact_get(db, ana, &c, &err), KITH_OK);
	ck_assert_int_eq(c.alignment, 1);
	contact_free(&c);
	ck_assert(detail_has("their card says passive ally"));
}
END_TEST

/* ---- the status bar advertises only what works -------------------------------------- */

START_TEST(test_hints_work_in_every_pane)
{
	static const char *const panes[] = { "1", "2", "3", "4" };

	for (size_t i = 0; i < sizeof panes / sizeof *panes; i++) {
		char hint[512], *tok, *save = NULL;
		engine_keys(e, panes[i]);
		snprintf(hint, sizeof hint, "%s", view()->hint);
		ck_assert_msg(hint[0], "pane %s has no hint", panes[i]);
		for (tok = strtok_r(hint, "\xc2\xb7", &save); tok; tok = strtok_r(NULL, "\xc2\xb7", &save)) {
			char key[32];
			const struct view *v;
			int r;
			if (sscanf(tok, " %31s", key) != 1)
				continue;
			r = engine_keys(e, key);
			v = view();
			ck_assert_msg(!(v->message && v->message_is_error),
				      "pane %s: the hint offers %s, which says: %s", panes[i], key,
				      v->message);
			ck_assert_msg(v->mode != VM_NORMAL || (r & R_QUIT),
				      "pane %s: the hint offers %s, which does nothing", panes[i], key);
			engine_keys(e, "<Esc>");
			engine_keys(e, "<Esc>");
			ck_assert_int_eq(view()->mode, VM_NORMAL);
		}
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("map_pane");
	TCase *tc = tcase_create("fixture");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_find_jumps_n_and_N);
	tcase_add_test(tc, test_find_offers_to_place);
	tcase_add_test(tc, test_place_defaults_to_the_card);
	tcase_add_test(tc, test_stance_drift_and_align);
	tcase_add_test(tc, test_hints_work_in_every_pane);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? 1 : 0;
}
