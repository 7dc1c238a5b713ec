/*
 * check_bindings.c: every binding of assets/kithrc works in every list
 * pane. For Contacts, Events and Follow-ups, every key bound in the
 * generic keymap and in the pane's own is pressed on the demo network, on
 * the first row, by a fresh engine, the list alone and beside its card:
 * none may answer "not available" or an error, or crash (the sanitizer
 * build runs this too). A mode the key
 * opens (a form, a question, a pick list, the review, $EDITOR) is left as
 * the engine is freed.
 */
#include "testutil.h"

#include "kith/engine.h"
#include "../../src/engine/core.h"

extern const char kith_demo_sql[];

static struct kdb *db;

static void
setup(void)
{
	struct kith_err err;

	db = test_db_open();
	ck_assert_msg(kdb_batch_begin(db, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(kdb_exec_script(db, kith_demo_sql, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(kdb_batch_end(db, true, &err) == KITH_OK, "%s", err.msg);
}

static void
teardown(void)
{
	kdb_close(db);
}

/*
** Press key (a config name) in pane vp of a fresh engine, wide or not.
** Returns NULL if fine, else what went wrong (static).
*/
static const char *
press(enum view_pane vp, const char *key, enum cmd cmd, bool wide)
{
	static char why[512];
	static const char *const pane_keys[] = { "1", "2", "3", "4" };
	struct engine *e = test_engine_new(db, 20, 20);
	const struct view *v;
	int r;

	engine_layout(e, 20, 20, wide);
	engine_keys(e, pane_keys[vp]);
	engine_keys(e, "gg");
	/* undo and redo need a change to act on: a follow-up done (and undone) */
	if (cmd == CMD_UNDO || cmd == CMD_REDO)
		engine_keys(e, cmd == CMD_UNDO ? "4ggx" : "4ggxu");
	if (cmd == CMD_UNDO || cmd == CMD_REDO)
		engine_keys(e, pane_keys[vp]);
	/* ; applies the next command to the marked rows: mark one first */
	if (cmd == CMD_BULK)
		engine_keys(e, "t");
	r = engine_keys(e, key);
	v = engine_view(e);
	why[0] = '\0';
	if (cmd == CMD_QUIT) {
		if (!(r & R_QUIT))
			snprintf(why, sizeof why, "%s did not quit", key);
	} else if (v->message && strstr(v->message, "not available")) {
		snprintf(why, sizeof why, "%s (%s): %s", key, cmd_name(cmd), v->message);
	} else if (v->message && v->message_is_error && cmd != CMD_INTRO_NEXT) {
		/* (I on a follow-up that is no introduction says so: the row, not the key) */
		snprintf(why, sizeof why, "%s (%s): error: %s", key, cmd_name(cmd), v->message);
	}
	if (r & R_EDITOR)
		engine_editor_done(e, false);
	engine_free(e);
	return why[0] ? why : NULL;
}

/* Press every key bound to a command in keymap km. Returns how many failed. */
static int
walk(enum view_pane vp, int km, bool wide, struct strbuf *fails)
{
	struct engine *e = test_engine_new(db, 20, 20);
	int chain[1] = { km }, bad = 0;

	for (int c = 0; c < CMD_COUNT_; c++) {
		struct strbuf keys = { 0 };
		const char *k;
		if (keymap_keys_for(e->km, chain, 1, (enum cmd)c, "\x1f", &keys) <= 0) {
			sb_free(&keys);
			continue;
		}
		k = sb_str(&keys);
		while (*k) {
			size_t n = strcspn(k, "\x1f");
			char key[64];
			const char *why;
			snprintf(key, sizeof key, "%.*s", (int)n, k);
			if ((why = press(vp, key, (enum cmd)c, wide))) {
				sb_printf(fails, "  pane %d%s: %s\n", vp + 1, wide ? " (wide)" : "", why);
				bad++;
			}
			k += n + (k[n] != '\0');
		}
		sb_free(&keys);
	}
	engine_free(e);
	return bad;
}

START_TEST(test_every_binding_in_every_list_pane)
{
	static const enum view_pane panes[] = { VP_CONTACTS, VP_EVENTS, VP_FOLLOWUPS };
	struct strbuf fails = { 0 };
	int bad = 0;

	for (size_t i = 0; i < sizeof panes / sizeof panes[0]; i++)
		for (int wide = 0; wide < 2; wide++)
			bad += walk(panes[i], KM_GENERIC, wide, &fails) +
			       walk(panes[i], KM_PANE(panes[i]), wide, &fails);
	ck_assert_msg(bad == 0, "%d bindings failed:\n%s", bad, sb_str(&fails));
	sb_free(&fails);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("bindings");
	TCase *tc = tcase_create("bindings");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_every_binding_in_every_list_pane);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? 1 : 0;
}
