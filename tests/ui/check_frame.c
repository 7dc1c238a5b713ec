/*
 * check_frame.c: a frame of the screen builds the engine's view once and
 * asks nothing of the database.
 *
 * This binary alone is linked with -Wl,--wrap=engine_view and
 * -Wl,--wrap=sqlite3_step (Makefile): the screen's calls to engine_view
 * and every step kith takes are counted, while ui_frame() lays out and
 * draws the demo network in a headless curses screen.
 */
#include <locale.h>
#include <sqlite3.h>

#include "testutil.h"

#include "kith/engine.h"
#include "../../src/ui/ui_internal.h"

extern const char kith_demo_sql[];

const struct view *__real_engine_view(struct engine *e);
const struct view *__wrap_engine_view(struct engine *e);
int __real_sqlite3_step(sqlite3_stmt *st);
int __wrap_sqlite3_step(sqlite3_stmt *st);

static long views, steps;

const struct view *
__wrap_engine_view(struct engine *e)
{
	views++;
	return __real_engine_view(e);
}

int
__wrap_sqlite3_step(sqlite3_stmt *st)
{
	steps++;
	return __real_sqlite3_step(st);
}

static struct kdb *db;
static struct engine *e;

static void
setup(void)
{
	struct kith_err err;

	setlocale(LC_ALL, "C.UTF-8");
	db = test_db_open();
	ck_assert_msg(kdb_batch_begin(db, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(kdb_exec_script(db, kith_demo_sql, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(kdb_batch_end(db, true, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(engine_new(db, "demo.db", &e, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(display_open_headless(24, 80, NULL, &err), "%s", err.msg);
	ui_layout_forget();
}

static void
teardown(void)
{
	display_close();
	engine_free(e);
	kdb_close(db);
}

/* One frame after keys (as the main loop draws); the builds and steps of the frame alone. */
static void
frame(const char *keys, long *nviews, long *nsteps)
{
	struct layout lay;
	long v0, s0;

	engine_keys(e, keys);
	v0 = views;
	s0 = steps;
	ui_frame(e, &lay);
	*nviews = views - v0;
	*nsteps = steps - s0;
}

START_TEST(test_one_view_a_frame)
{
	static const char *const keys[] = { "", "j", "jj", "2", "j", "4", "j", "G", "1", "k", "/an",
					    "<Esc>", "<Esc>" };
	long nv, ns;

	frame("", &nv, &ns);            /* the first frame tells the engine the geometry */
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		frame(keys[i], &nv, &ns);
		ck_assert_msg(nv == 1, "keys '%s': the frame built the view %ld times", keys[i], nv);
		ck_assert_msg(ns == 0, "keys '%s': the frame took %ld steps", keys[i], ns);
	}
	/* the detail opens at 80 columns: a new geometry, built again for it */
	frame("<Enter>", &nv, &ns);
	ck_assert_int_le(nv, 2);
	ck_assert_int_eq(ns, 0);
	frame("j", &nv, &ns);
	ck_assert_int_eq(nv, 1);
	/* wide: the card beside the list loads with the new geometry, not in the frame */
	display_resize(40, 160);
	frame("", &nv, &ns);
	ck_assert_int_le(nv, 2);
	frame("j", &nv, &ns);
	ck_assert_int_eq(nv, 1);
	ck_assert_int_eq(ns, 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("frame");
	TCase *tc = tcase_create("frame");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_one_view_a_frame);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? 1 : 0;
}
