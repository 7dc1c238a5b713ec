/*
 * check_steps.c: what a key costs the database, counted in sqlite3_step
 * calls on the demo network (clock fixed at 2026-03-10).
 *
 * This binary alone is linked with -Wl,--wrap=sqlite3_step and
 * -Wl,--wrap=sqlite3_open_v2 (Makefile): every step kith takes goes
 * through the counter below. Statements SQLite runs inside itself (the
 * session extension reading PRAGMA table_info while it records a write)
 * never reach the wrapper, so every connection kith opens also gets a
 * trace callback that counts the steps of statements other than the one
 * kith is stepping: one per row, and one for the step that ends the run.
 * The budgets are issue 16's: building the view (a redraw with no key)
 * costs nothing; `j` at most 10 steps; `x` on a follow-up 20, on a new
 * connection that no earlier write warmed (what each test asserts, and
 * why, is said above it). Each pane is measured with
 * its card beside the list (side by side: the card loads as the cursor
 * moves) and without.
 */
#include <sqlite3.h>

#include "testutil.h"

#include "kith/engine.h"
#include "kith/str.h"
#include "kith/xalloc.h"

extern const char kith_demo_sql[];

int __real_sqlite3_step(sqlite3_stmt *st);
int __wrap_sqlite3_step(sqlite3_stmt *st);
int __real_sqlite3_open_v2(const char *path, sqlite3 **h, int flags, const char *vfs);
int __wrap_sqlite3_open_v2(const char *path, sqlite3 **h, int flags, const char *vfs);

static long steps;              /* every step */
static long inner_steps;        /* of them, steps SQLite took inside itself */
static long tinfo_steps;        /* of them, steps reading a table's columns (table_info) */
static sqlite3_stmt *stepping[16];  /* the statements kith is stepping, innermost last */
static int nstepping;
static bool tracing;             /* STEPS_TRACE=1: print each step of a measured key */

int
__wrap_sqlite3_step(sqlite3_stmt *st)
{
	int rc;

	steps++;
	if (tracing)
		fprintf(stderr, "STEP %.90s\n", sqlite3_sql(st));
	if (sqlite3_sql(st) && strstr(sqlite3_sql(st), "table_info"))
		tinfo_steps++;
	if (nstepping < 16)
		stepping[nstepping] = st;
	nstepping++;
	rc = __real_sqlite3_step(st);
	nstepping--;
	return rc;
}

static bool
kith_stepping(void *st)
{
	for (int i = 0; i < nstepping && i < 16; i++)
		if (stepping[i] == st)
			return true;
	return false;
}

/* A statement's run starting (its first step) or a row: one step of SQLite's own. */
static int
trace_cb(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx;
	if (kith_stepping(p))
		return 0;
	/* trigger programs report as "-- name": they run inside kith's step */
	if (type == SQLITE_TRACE_STMT && x && !strncmp(x, "--", 2))
		return 0;
	steps++;
	inner_steps++;
	if (sqlite3_sql(p) && strstr(sqlite3_sql(p), "table_info"))
		tinfo_steps++;
	if (tracing)
		fprintf(stderr, "INNER %.90s\n", sqlite3_sql(p));
	return 0;
}

int
__wrap_sqlite3_open_v2(const char *path, sqlite3 **h, int flags, const char *vfs)
{
	int rc = __real_sqlite3_open_v2(path, h, flags, vfs);

	if (rc == SQLITE_OK)
		sqlite3_trace_v2(*h, SQLITE_TRACE_STMT | SQLITE_TRACE_ROW, trace_cb, NULL);
	return rc;
}

#define LIST_ROWS 20            /* rows the list shows (80x24 shows 19) */

static struct kdb *db;
static struct engine *e;

static void
setup(void)
{
	struct kith_err err;

	db = test_db_open();
	ck_assert_msg(kdb_batch_begin(db, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(kdb_exec_script(db, kith_demo_sql, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(kdb_batch_end(db, true, &err) == KITH_OK, "%s", err.msg);
	e = test_engine_new(db, 20, 20);
}

static void
teardown(void)
{
	test_engine_free(&e, &db);
}

/*
** Steps taken by keys and the frame drawn after them (the view built
** before, as the screen would have; *inner: SQLite's own among them).
*/
static long
steps_of(const char *keys, long *inner)
{
	long before, ibefore;

	engine_view(e);
	before = steps;
	ibefore = inner_steps;
	tracing = getenv("STEPS_TRACE") != NULL;
	if (tracing)
		fprintf(stderr, "MEASURE %s\n", keys);
	engine_keys(e, keys);
	engine_view(e);
	tracing = false;
	if (inner)
		*inner = inner_steps - ibefore;
	return steps - before;
}

/* Steps taken by building the view n times. */
static long
view_steps(int n)
{
	long before = steps;

	for (int i = 0; i < n; i++)
		engine_view(e);
	return steps - before;
}

static const char *const pane_keys[] = { "1", "2", "3", "4" };

START_TEST(test_redraw_costs_nothing)
{
	for (int wide = 0; wide < 2; wide++) {
		engine_layout(e, LIST_ROWS, 20, wide);
		for (int p = 0; p < 4; p++) {
			engine_keys(e, pane_keys[p]);
			long n = view_steps(3);
			ck_assert_msg(n == 0, "pane %d (wide %d): the view ran %ld steps", p + 1, wide, n);
			/* with the detail open too */
			engine_keys(e, "<Enter>");
			n = view_steps(3);
			ck_assert_msg(n == 0, "pane %d open (wide %d): %ld steps", p + 1, wide, n);
			engine_keys(e, "<Esc>");
		}
	}
}
END_TEST

/*
** j: at most 10 steps in every pane with the list alone (80x24), also at
** the window's edge where it loads more rows, and beside the map's and the
** follow-ups' cards. The contact card (seven sections: seven queries, a
** step a line: up to 42 here) and the event's prep card (three queries a
** person: up to 55) load as the cursor moves when they are beside the
** list; they get 60 until the data layer reads a card in fewer queries.
*/
START_TEST(test_j_budget)
{
	for (int wide = 0; wide < 2; wide++) {
		engine_layout(e, LIST_ROWS, 20, wide);
		for (int p = 0; p < 4; p++) {
			long budget = wide && p < 2 ? 60 : 10;
			engine_keys(e, pane_keys[p]);
			engine_keys(e, "gg");
			for (int i = 0; i < 70; i++) {   /* past the window: it loads more */
				long n = steps_of("j", NULL);
				ck_assert_msg(n <= budget, "pane %d (wide %d): j #%d took %ld steps",
					      p + 1, wide, i + 1, n);
			}
		}
	}
}
END_TEST

/*
** x on a follow-up, as a user pays it in a running planner: the write
** (BEGIN, the update, COMMIT), the total counted again, the card of the
** row taking its place. Recording the write for undo reads the table's
** shape once per connection without running a statement, so the first
** write of this new connection (nothing warmed it) costs what the next
** one does: shown (table_info: 0). The done row leaves the window and the
** rest of the screen is not read again; a press that leaves the screen
** short of rows fetches those. At most 20 steps, every press of a run.
*/
START_TEST(test_x_budget)
{
	const struct view *v;
	long n, inner, tinfo;

	engine_layout(e, LIST_ROWS, 20, true);
	engine_keys(e, "4ggj");
	for (int press = 0; press < 8; press++) {
		tinfo = tinfo_steps;
		n = steps_of("x", &inner);
		tinfo = tinfo_steps - tinfo;
		fprintf(stderr, "x #%d: %ld steps (%ld of them inside SQLite, %ld reading "
			"table_info)\n", press + 1, n, inner, tinfo);
		ck_assert_msg(n <= 20, "x #%d took %ld steps (%ld reading table_info)", press + 1, n,
			      tinfo);
		/* the done row left the open list: no group header for it */
		v = engine_view(e);
		for (int i = 0; i < v->list.nrows; i++)
			ck_assert_msg(!v->list.rows[i].group ||
				      strcmp(v->list.rows[i].cells[0], "Done"),
				      "a Done header in the open follow-ups");
	}
}
END_TEST

/* The list as the screen shows it: a line a row, the cursor's marked '>'. */
static char *
list_text(const struct view *v, int *sel)
{
	struct strbuf sb = { 0 };

	*sel = v->list.selected;
	sb_printf(&sb, "%s | at %lld of %lld\n", v->title, v->list.position, v->list.total);
	for (int i = 0; i < v->list.nrows; i++) {
		sb_append(&sb, i == v->list.selected ? ">" : v->list.rows[i].group ? "#" : " ");
		for (int c = 0; c < v->list.ncols; c++)
			sb_printf(&sb, " %s", v->list.rows[i].cells[c]);
		sb_append(&sb, "\n");
	}
	return sb_detach(&sb);
}

/* Line k (0-based) of text, or NULL. */
static char *
line_of(const char *text, int k)
{
	const char *p = text, *nl;

	for (int i = 0; i < k && p; i++)
		p = (nl = strchr(p, '\n')) ? nl + 1 : NULL;
	if (!p || !*p)
		return NULL;
	nl = strchr(p, '\n');
	return xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
}

/*
** The window x leaves (the row out, the next selected, only missing rows
** fetched) is the list as a reload reads it: the title (count, overdue),
** the position, the selected row and every row shown beside it on both
** screens. A short screen (6 rows) so the presses run past the window's
** edge and into the group headers. Undone and redone, the pane is read
** again (a reload: one screen around the cursor, so x pressed again runs
** the window short).
*/
START_TEST(test_x_in_place_as_reloaded)
{
	engine_layout(e, 6, 20, false);
	engine_keys(e, "4ggjjj");
	for (int press = 0; press < 8; press++) {
		int sa, sb;
		char *after, *reloaded;

		/* one, two or three in a row: the window runs short and fetches */
		int k = press % 3 + 1;
		engine_keys(e, k == 1 ? "x" : k == 2 ? "xx" : "xxx");
		after = list_text(engine_view(e), &sa);
		/* undone and redone: each a reload of the whole pane, around the cursor */
		engine_keys(e, k == 1 ? "u<C-r>" : k == 2 ? "uu<C-r><C-r>" : "uuu<C-r><C-r><C-r>");
		reloaded = list_text(engine_view(e), &sb);
		ck_assert_msg(sa >= 0 && sb >= 0, "x #%d: no row selected", press + 1);
		for (int d = -6; d <= 6; d++) {
			char *a = sa + d >= 0 ? line_of(after, sa + d + 1) : NULL;
			char *b = sb + d >= 0 ? line_of(reloaded, sb + d + 1) : NULL;
			if (a && b)
				ck_assert_msg(!strcmp(a, b), "x #%d, row %+d: shown\n%s\nread again\n%s",
					      press + 1, d, after, reloaded);
			free(a);
			free(b);
		}
		{
			/* a screen not full: the list ends there */
			int shown = 0;
			char *beyond;
			for (char *l; (l = line_of(after, shown + 1)); shown++)
				free(l);
			beyond = shown < 6 ? line_of(reloaded, sb + (shown - sa) + 1) : NULL;
			ck_assert_msg(!beyond, "x #%d: %d rows shown of a screen of 6, and %s after "
				      "them\n%s", press + 1, shown, beyond, after);
		}
		{
			char *ta = line_of(after, 0), *tb = line_of(reloaded, 0);
			ck_assert_msg(!strcmp(ta, tb), "x #%d: %s, read again %s", press + 1, ta, tb);
			free(ta);
			free(tb);
		}
		free(after);
		free(reloaded);
	}
}
END_TEST

/*
** A search keystroke that leaves the cursor on the row it was on reads the
** list again, not the card beside it (nothing the card shows changed): it
** costs the steps it costs with the list alone. Typed one letter at a time
** in each list pane, beside the card and without; every keystroke after
** which both screens keep their row is compared, and there must be some.
*/
START_TEST(test_search_keeps_card)
{
	static const char *const text[] = { "okafor", "council", "", "bond cost" };

	for (int p = 0; p < 4; p++) {
		long n[2][16];
		char *row[2][16];
		int same = 0;

		if (!*text[p])
			continue;
		for (int wide = 0; wide < 2; wide++) {
			engine_layout(e, LIST_ROWS, 20, wide);
			engine_keys(e, pane_keys[p]);
			engine_keys(e, "gg/");
			for (int k = 0; text[p][k] && k < 16; k++) {
				char key[2] = { text[p][k], 0 };
				const struct view *v;
				n[wide][k] = steps_of(key[0] == ' ' ? "<Space>" : key, NULL);
				v = engine_view(e);
				row[wide][k] = v->list.selected >= 0 && v->list.selected < v->list.nrows ?
					       str_fmt("%s", v->list.rows[v->list.selected].cells[0]) :
					       str_fmt("(none)");
			}
			engine_keys(e, "<Esc>");
		}
		for (int k = 1; text[p][k] && k < 16; k++) {
			if (strcmp(row[0][k], row[0][k - 1]) || strcmp(row[1][k], row[1][k - 1]))
				continue;
			same++;
			ck_assert_msg(n[1][k] == n[0][k], "pane %d: '%c' of \"%s\" kept the row \"%s\" "
				      "and took %ld steps beside the card, %ld without", p + 1,
				      text[p][k], text[p], row[1][k], n[1][k], n[0][k]);
		}
		ck_assert_msg(same > 0, "pane %d: no keystroke of \"%s\" kept the row", p + 1,
			      text[p]);
		for (int w = 0; w < 2; w++)
			for (int k = 0; text[p][k] && k < 16; k++)
				free(row[w][k]);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("steps");
	TCase *tc = tcase_create("budgets");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_redraw_costs_nothing);
	tcase_add_test(tc, test_j_budget);
	tcase_add_test(tc, test_search_keeps_card);
	tcase_add_test(tc, test_x_budget);
	tcase_add_test(tc, test_x_in_place_as_reloaded);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? 1 : 0;
}
