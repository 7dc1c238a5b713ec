/*
 * check_option_effects.c: every option documented in man/kithrc.5 takes
 * effect (issue 17: `set sort.contacts last` was read and then ignored).
 *
 * main() reads the option names from the manual's generated OPTIONS list
 * and runs one test per name: it looks the name up in effects[] (or, for
 * review.weight.NAME, in the review's terms) and fails when there is no
 * test for it, so a new option cannot be documented without a test that it
 * changes what kith does. Each effect sets the option as a configuration
 * file would (engine_config_text) on a fresh engine and shows behaviour
 * that differs from the default: a list order, the review queue, a map
 * cell's style, a question asked or not.
 */
#include "testutil.h"

#include <string.h>

#include "kith/concern.h"
#include "kith/goal.h"
#include "kith/contact.h"
#include "kith/engine.h"
#include "kith/event.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/options.h"
#include "kith/powermap.h"
#include "kith/org.h"
#include "kith/review.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/view.h"
#include "kith/xalloc.h"

static struct kdb *db;
static struct engine *e;

/* The option names of man/kithrc.5, read once by main(). */
static char **names;
static int nnames;

static void
setup(void)
{
	unsetenv("NO_COLOR");
	db = test_db_open();
	e = test_engine_new(db, 20, 40);
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

/* Apply configuration text; every line must be accepted. */
static void
cfg(const char *fmt, const char *value)
{
	char text[200];

	snprintf(text, sizeof text, fmt, value);
	ck_assert_msg(engine_config_text(e, text, "t.conf") == 0, "%s: %s", text,
		      engine_config_errors(e));
}

/* A contact added on `added` (the clock is moved there and back). */
static int64_t
person(const char *name, char tier, int influence, const char *birthday, const char *added)
{
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1, .tier = tier,
				  .influence = influence, .birthday = (char *)birthday };
	struct kith_err err;
	int64_t id = 0;

	setenv("KITH_TODAY", added ? added : TEST_TODAY, 1);
	kdate_init_clock(NULL);
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "add %s: %s", name, err.msg);
	test_fix_clock();
	return id;
}

static void
talk(int64_t who, const char *at)
{
	struct kith_interaction in = { .at = (char *)at, .summary = "talked",
				       .contact_ids = &who, .n_contacts = 1 };
	struct kith_err err;
	ck_assert_msg(interaction_add(db, &in, NULL, &err) == KITH_OK, "%s", err.msg);
}

static int64_t
followup(int64_t who, const char *title, const char *due, int dir)
{
	struct kith_followup f = { .contact_id = who, .title = (char *)title, .due = (char *)due,
				   .direction = dir };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(followup_add(db, &f, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
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

/* Start the review afresh: true if it holds anyone (the title says "1 of N"). */
static bool
review_starts(void)
{
	if (view()->mode == VM_REVIEW)
		engine_keys(e, "q");
	engine_keys(e, "r");
	const struct view *v = view();

	return v->mode == VM_REVIEW && !strstr(v->title, "nothing due");
}

/* ---- the effects ------------------------------------------------------------------ */

static void
effect_color(const char *name)
{
	(void)name;
	ck_assert(!view()->monochrome);
	cfg("set color %s\n", "off");
	ck_assert(view()->monochrome);
}

static void
effect_sort_contacts(const char *name)
{
	(void)name;
	person("Ana Lima", 0, 1, NULL, NULL);
	person("Bea Cruz", 0, 5, NULL, NULL);
	engine_keys(e, "1g");
	ck_assert_str_eq(view()->list.rows[0].cells[0], "Ana Lima");
	cfg("set sort.contacts %s\n", "influence");
	ck_assert_str_eq(view()->list.rows[0].cells[0], "Bea Cruz");
}

/* tier.X.cadence: talked 20 days ago is not due at any tier's default, due at 10. */
static void
effect_tier_cadence(const char *name)
{
	char tier = name[5];

	talk(person("Tess Aldo", tier, 0, NULL, "2025-06-01"), "2026-02-18 10:00");
	ck_assert(!review_starts());
	cfg("set %s 10\n", name);
	ck_assert(review_starts());
	ck_assert(detail_has("Reconnect with Tess Aldo"));
}

/* A placement assessed 30 days ago: stale (dim) at 20 days, not at the default 60. */
static void
effect_map_stale(const char *name)
{
	struct kith_map m = { .name = "Bond 2027" };
	struct kith_err err;
	int64_t map, ana = person("Ana Lima", 0, 4, NULL, NULL);
	const struct view_map_cell *cell;

	(void)name;
	ck_assert_int_eq(map_add(db, &m, &map, &err), KITH_OK);
	setenv("KITH_TODAY", "2026-02-08", 1);
	kdate_init_clock(NULL);
	ck_assert_int_eq(placement_set(db, map, ana, 0, 4, 1, NULL, NULL, &err), KITH_OK);
	test_fix_clock();
	engine_keys(e, "3");
	cell = &view()->map.cells[1][3];        /* influence 4, passive ally */
	ck_assert_int_eq(cell->nentries, 1);
	ck_assert_int_ne(cell->entries[0].style, VS_DIM);
	cfg("set map.stale_days %s\n", "20");
	cell = &view()->map.cells[1][3];
	ck_assert_int_eq(cell->nentries, 1);
	ck_assert_int_eq(cell->entries[0].style, VS_DIM);
}

/* Me - Ana - Bo - Diaz: three hops; within 4 by default, out of reach at 2. */
static void
effect_path_hops(const char *name)
{
	struct kith_err err;
	int64_t me = person("Me Myself", 0, 0, NULL, NULL), ana = person("Ana Lima", 0, 0, NULL, NULL),
		bo = person("Bo Strand", 0, 0, NULL, NULL), diaz = person("Zoe Diaz", 0, 0, NULL, NULL);
	int64_t pairs[3][2] = { { me, ana }, { ana, bo }, { bo, diaz } };
	const struct view *v;

	(void)name;
	ck_assert_int_eq(kdb_set_me(db, me, &err), KITH_OK);
	for (int i = 0; i < 3; i++) {
		struct kith_relationship r = { .a_id = pairs[i][0], .b_id = pairs[i][1],
					       .type = KITH_REL_ALLY, .strength = 3 };
		ck_assert_int_eq(relationship_add(db, &r, NULL, &err), KITH_OK);
	}
	engine_command(e, "refresh");
	engine_keys(e, "1G");                   /* Zoe Diaz, last by name */
	v = view();                             /* one view: a second build frees the first's rows */
	ck_assert_str_eq(v->list.rows[v->list.selected].cells[0], "Zoe Diaz");
	engine_keys(e, "w");
	v = view();
	ck_assert_msg(!strstr(v->message ? v->message : "", "no warm path"), "%s",
		      v->message ? v->message : "");
	engine_keys(e, "<Esc>");
	cfg("set path.max_hops %s\n", "2");
	engine_keys(e, "1G");
	engine_keys(e, "w");
	v = view();
	ck_assert_ptr_nonnull(v->message);
	ck_assert_msg(strstr(v->message, "no warm path to Zoe Diaz within 2 hops"), "%s",
		      v->message);
}

/* The editor the planner runs is the option's. */
static void
effect_editor(const char *name)
{
	(void)name;
	person("Ana Lima", 0, 0, NULL, NULL);
	cfg("set editor %s\n", "\"kith-test-editor --wait\"");
	engine_keys(e, "1g");
	ck_assert(engine_keys(e, "E") & R_EDITOR);
	ck_assert_str_eq(engine_editor_command(e), "kith-test-editor --wait");
	engine_editor_done(e, false);
	ck_assert_str_eq(view()->message, "The editor \"kith-test-editor --wait\" failed or was not "
			 "found; nothing changed (set editor in kithrc, or $VISUAL)");
}

/* D asks by default; off deletes at once (and u still brings them back). */
static void
effect_confirm_delete(const char *name)
{
	int64_t id;

	(void)name;
	person("Ana Lima", 0, 0, NULL, NULL);
	person("Bea Cruz", 0, 0, NULL, NULL);
	engine_keys(e, "1gD");
	ck_assert_int_eq(view()->mode, VM_CONFIRM);
	engine_keys(e, "n");
	ck_assert_int_eq(contact_resolve(db, "Ana Lima", &id, NULL), KITH_OK);
	cfg("set confirm.delete %s\n", "off");
	engine_keys(e, "1gD");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(contact_resolve(db, "Ana Lima", &id, NULL), KITH_NOTFOUND);
}

/* Two changes: both undone by default, only the last with undo.steps 1. */
static void
effect_undo_steps(const char *name)
{
	int64_t id;

	(void)name;
	cfg("set confirm.delete %s\n", "off");
	person("Ana Lima", 0, 0, NULL, NULL);
	person("Bea Cruz", 0, 0, NULL, NULL);
	engine_keys(e, "1gDgD");
	engine_keys(e, "uu");
	ck_assert_int_eq(contact_resolve(db, "Ana Lima", &id, NULL), KITH_OK);
	ck_assert_int_eq(contact_resolve(db, "Bea Cruz", &id, NULL), KITH_OK);
	cfg("set undo.steps %s\n", "1");
	engine_keys(e, "1gDgD");
	engine_keys(e, "u");
	engine_keys(e, "u");
	ck_assert_str_eq(view()->message, "Nothing to undo");
	/* one of the two is back, the other stays deleted */
	ck_assert_int_eq((contact_resolve(db, "Ana Lima", &id, NULL) == KITH_OK) +
			 (contact_resolve(db, "Bea Cruz", &id, NULL) == KITH_OK), 1);
}

static void
effect_tour(const char *name)
{
	const struct view *v = view();

	(void)name;
	ck_assert(!v->message || !strstr(v->message, "Tour 1/"));
	cfg("set tour %s\n", "on");
	v = view();
	ck_assert_ptr_nonnull(v->message);
	ck_assert_msg(strstr(v->message, "Tour 1/"), "%s", v->message);
}

/* Three follow-ups due: the review holds three, or the cap. */
static void
effect_review_cap(const char *name)
{
	const struct view *v;

	(void)name;
	followup(person("Ana Lima", 0, 0, NULL, NULL), "a", "2026-03-10", KITH_DIR_NONE);
	followup(person("Bea Cruz", 0, 0, NULL, NULL), "b", "2026-03-10", KITH_DIR_NONE);
	followup(person("Cy Dorn", 0, 0, NULL, NULL), "c", "2026-03-10", KITH_DIR_NONE);
	ck_assert(review_starts());
	v = view();
	ck_assert_msg(strstr(v->title, "1 of 3"), "%s", v->title);
	engine_keys(e, "q");
	cfg("set review.cap %s\n", "2");
	ck_assert(review_starts());
	v = view();
	ck_assert_msg(strstr(v->title, "1 of 2"), "%s", v->title);
}

/* An event five days ahead: beyond the default three days, within seven. */
static void
effect_review_event_days(const char *name)
{
	struct kith_event ev = { .title = "Budget hearing", .start_at = "2026-03-15 18:00" };
	struct kith_err err;
	int64_t id, gus = person("Gus Berg", 0, 0, NULL, NULL);

	ck_assert_int_eq(event_add(db, &ev, &id, &err), KITH_OK);
	ck_assert_int_eq(attendance_set(db, id, gus, KITH_AROLE_ATTENDEE, KITH_ASTATUS_INVITED, &err),
			 KITH_OK);
	ck_assert(!review_starts());
	cfg("set %s 7\n", name);
	ck_assert(review_starts());
	ck_assert(detail_has("Gus Berg"));
}

static void
effect_review_birthday_days(const char *name)
{
	person("Hal Pike", 0, 0, "--03-15", NULL);
	ck_assert(!review_starts());
	cfg("set %s 7\n", name);
	ck_assert(review_starts());
	ck_assert(detail_has("Hal Pike"));
}

/* Gus, at an event in two days, talked to yesterday: resting at the default 3 days. */
static void
effect_review_rest_days(const char *name)
{
	struct kith_event ev = { .title = "Budget hearing", .start_at = "2026-03-12 18:00" };
	struct kith_err err;
	int64_t id, gus = person("Gus Berg", 0, 0, NULL, NULL);

	ck_assert_int_eq(event_add(db, &ev, &id, &err), KITH_OK);
	ck_assert_int_eq(attendance_set(db, id, gus, KITH_AROLE_ATTENDEE, KITH_ASTATUS_INVITED, &err),
			 KITH_OK);
	talk(gus, "2026-03-09 10:00");
	ck_assert(!review_starts());
	cfg("set %s 0\n", name);
	ck_assert(review_starts());
	ck_assert(detail_has("Gus Berg"));
}

/* Log an email to Ana through the form: true if the guard held it back. */
static bool
guard_holds(void)
{
	bool held;

	engine_keys(e, "1gn");
	ck_assert_int_eq(view()->mode, VM_FORM);
	engine_keys(e, "one more<Up><C-u>email<Enter>");
	held = view()->mode == VM_FORM;
	if (held)
		engine_keys(e, "<Esc>y");
	return held;
}

/* Two unanswered emails to Ana five days ago: a third is held back by default. */
static void
effect_guard(const char *name)
{
	struct kith_interaction in = { .at = "2026-03-05 10:00", .kind = KITH_IKIND_EMAIL,
				       .summary = "the survey", .n_contacts = 1 };
	struct kith_err err;
	int64_t ana = person("Ana Lima", 0, 0, NULL, NULL);

	in.contact_ids = &ana;
	ck_assert_int_eq(interaction_add(db, &in, NULL, &err), KITH_OK);
	ck_assert_int_eq(interaction_add(db, &in, NULL, &err), KITH_OK);
	ck_assert(guard_holds());
	/* guard.unanswered 3: two are not too many; guard.days 3: five days ago is out */
	cfg(!strcmp(name, "guard.days") ? "set guard.days %s\n" : "set guard.unanswered %s\n",
	    "3");
	ck_assert(!guard_holds());
}

/*
** review.weight.NAME: a network where every term of the score applies to
** someone; the term's points move when its weight does.
*/
static void
review_world(void)
{
	struct kith_err err;
	struct kith_map m = { .name = "Bond measure" };
	int64_t me = person("Me Myself", 'A', 0, NULL, "2026-01-01"), map, jo, sec, ana, gus, id;
	struct kith_event ev = { .title = "Council meeting", .start_at = "2026-03-12 18:00" };

	ck_assert_int_eq(kdb_set_me(db, me, &err), KITH_OK);
	followup(person("Eve Ortiz", 0, 1, NULL, "2026-01-01"), "send the draft", "2026-03-07",
		 KITH_DIR_OWE);                                    /* overdue, owe */
	followup(person("Oz Ferrer", 0, 2, NULL, "2026-01-01"), "their numbers", "2026-03-10",
		 KITH_DIR_OWED);                                   /* due, owed, influence */
	jo = person("Jo Kline", 'A', 4, NULL, "2026-01-01");       /* primary target going cold */
	talk(jo, "2026-01-20 10:00");
	sec = person("Sy Moss", 0, 3, NULL, "2026-01-01");         /* secondary target, due */
	followup(sec, "ask about the vote", "2026-03-10", KITH_DIR_NONE);
	talk(person("Ben Ode", 'B', 2, NULL, "2026-01-01"), "2026-01-05 10:00");   /* cadence */
	ana = person("Ana Diaz", 'A', 3, NULL, "2026-01-01");      /* lapsed, skipped yesterday */
	talk(ana, "2026-02-01 10:00");
	person("Dan Ruiz", 0, 5, NULL, "2026-01-01");              /* never */
	gus = person("Gus Berg", 0, 0, NULL, "2026-01-01");        /* event */
	ck_assert_int_eq(event_add(db, &ev, &id, &err), KITH_OK);
	ck_assert_int_eq(attendance_set(db, id, gus, KITH_AROLE_ATTENDEE, KITH_ASTATUS_INVITED, &err),
			 KITH_OK);
	{                                                          /* birthday; a promise */
		int64_t hal = person("Hal Pike", 0, 0, "--03-11", "2026-01-01"), pid;
		struct kith_concern c = { .contact_id = hal, .issue = "elm-st-light",
					  .raised_at = "2026-02-01" };
		ck_assert_int_eq(concern_add(db, &c, NULL, &err), KITH_OK);
		ck_assert_int_eq(promise_add(db, "elm-st-light", "Fix the light", &pid, &err), KITH_OK);
		ck_assert_int_eq(promise_update(db, pid, "Work order filed", "2026-03-08", NULL, &err),
				 KITH_OK);
	}
	m.primary_target_id = jo;
	ck_assert_int_eq(map_add(db, &m, &map, &err), KITH_OK);
	ck_assert_int_eq(map_target_add(db, map, sec, &err), KITH_OK);
	ck_assert_int_eq(review_record(db, "2026-03-09", ana, 0, "skipped", NULL, NULL, &err),
			 KITH_OK);
	{       /* a goal behind its pace: 5 met by 03-20, set 02-01 */
		struct goal g = { .title = "Meet five", .who = "", .how = GOAL_MET, .target = 5,
				  .due = "2026-03-20" };
		ck_assert_int_eq(goal_add(db, &g, "2026-02-01", NULL, &err), KITH_OK);
	}
}

/* The points of term id for the item it applies to first (the queue as `r` builds it). */
static bool
term_points(int id, int64_t *contact, int64_t *fu, int *points)
{
	struct review_params p;
	struct review_queue q;
	struct kith_err err;
	bool found = false;

	engine_review_params(e, &p);
	p.limit = 0;
	ck_assert_msg(review_queue_build(db, &p, &q, &err) == KITH_OK, "%s", err.msg);
	for (int i = 0; i < q.n && !found; i++) {
		const struct review_item *it = &q.items[i];
		if (*contact || *fu) {
			if (it->contact_id != *contact || it->followup_id != *fu)
				continue;
		}
		for (int j = 0; j < it->nterms; j++)
			if (it->terms[j].id == id) {
				*contact = it->contact_id;
				*fu = it->followup_id;
				*points = it->terms[j].points;
				found = true;
			}
	}
	review_queue_free(&q);
	return found;
}

static void
effect_review_weight(const char *name)
{
	const char *term = name + strlen("review.weight.");
	int id = -1, before = 0, after = 0;
	int64_t contact = 0, fu = 0;
	char value[16];

	if (!strcmp(term, "overdue_day")) {
		id = RT_OVERDUE;
		snprintf(value, sizeof value, "5");
	}
	for (int t = 0; t < RT_COUNT_ && id < 0; t++)
		if (!strcmp(review_term_name(t), term)) {
			id = t;
			snprintf(value, sizeof value, "%d", review_term_default(t) + 7);
		}
	ck_assert_msg(id >= 0, "%s: the review has no term %s", name, term);
	review_world();
	ck_assert_msg(term_points(id, &contact, &fu, &before), "%s: no one in the fixture has it",
		      name);
	{
		char line[100];
		snprintf(line, sizeof line, "set %s %s\n", name, value);
		ck_assert_msg(engine_config_text(e, line, "t.conf") == 0, "%s",
			      engine_config_errors(e));
	}
	ck_assert(term_points(id, &contact, &fu, &after));
	ck_assert_msg(after != before, "%s: %d points before and after", name, before);
}

/* health.days: the Health view counts who was touched in that many days. */
static void
effect_health_days(const char *name)
{
	talk(person("Ana Diaz", 'A', 0, NULL, "2026-01-01"), "2026-01-09 10:00");  /* 60 days */
	engine_keys(e, "zh");
	ck_assert(detail_has("The active network: 1 of 1 person touched in the last 90 days"));
	engine_keys(e, "q");
	cfg("set %s 30\n", name);
	engine_keys(e, "zh");
	ck_assert(detail_has("The active network: 0 of 1 person touched in the last 30 days"));
}

/* health.warn_percent: four of five people in one district warn at 60 %, not at 90. */
static void
effect_health_warn_percent(const char *name)
{
	static const char *const names5[] = { "Ana", "Bo", "Cy", "Di", "Ed" };
	struct kith_err err;

	for (int i = 0; i < 5; i++) {
		int64_t id = person(names5[i], 0, 0, NULL, "2026-01-01");
		struct kith_contact c;
		talk(id, "2026-03-01 10:00");
		ck_assert_int_eq(contact_get(db, id, &c, &err), KITH_OK);
		free(c.district);
		c.district = xstrdup(i < 4 ? "Ward 1" : "Ward 2");
		ck_assert_int_eq(contact_update(db, &c, &err), KITH_OK);
		contact_free(&c);
	}
	engine_keys(e, "zh");
	ck_assert(detail_has("80 % of the people you talked to in the last 90 days are in Ward 1"));
	engine_keys(e, "q");
	cfg("set %s 90\n", name);
	engine_keys(e, "zh");
	ck_assert(detail_has("By district"));
	ck_assert(!detail_has("are in Ward 1"));
}

/* ---- the walk ----------------------------------------------------------------------- */

typedef void (*effect_fn)(const char *name);

static const struct {
	const char *name;
	effect_fn fn;
} effects[] = {
	{ "color", effect_color },
	{ "sort.contacts", effect_sort_contacts },
	{ "tier.A.cadence", effect_tier_cadence },
	{ "tier.B.cadence", effect_tier_cadence },
	{ "tier.C.cadence", effect_tier_cadence },
	{ "tier.D.cadence", effect_tier_cadence },
	{ "map.stale_days", effect_map_stale },
	{ "path.max_hops", effect_path_hops },
	{ "editor", effect_editor },
	{ "confirm.delete", effect_confirm_delete },
	{ "undo.steps", effect_undo_steps },
	{ "tour", effect_tour },
	{ "review.cap", effect_review_cap },
	{ "review.event_days", effect_review_event_days },
	{ "review.birthday_days", effect_review_birthday_days },
	{ "review.rest_days", effect_review_rest_days },
	{ "guard.unanswered", effect_guard },
	{ "guard.days", effect_guard },
	{ "health.days", effect_health_days },
	{ "health.warn_percent", effect_health_warn_percent },
};

static effect_fn
effect_of(const char *name)
{
	for (size_t i = 0; i < sizeof effects / sizeof effects[0]; i++)
		if (!strcmp(effects[i].name, name))
			return effects[i].fn;
	if (!strncmp(name, "review.weight.", 14))
		return effect_review_weight;
	return NULL;
}

START_TEST(test_option_takes_effect)
{
	const char *name = names[_i];
	effect_fn fn = effect_of(name);

	ck_assert_msg(fn != NULL, "option %s (man/kithrc.5) has no test that it takes effect: "
		      "add one to effects[] in %s", name, __FILE__);
	fn(name);
}
END_TEST

/* The manual and the option table name the same options. */
START_TEST(test_manual_lists_the_options)
{
	int n;
	const struct opt_def *d = opt_table(&n);

	ck_assert_int_eq(nnames, n);
	for (int i = 0; i < n; i++) {
		bool found = false;
		for (int j = 0; j < nnames; j++)
			found |= !strcmp(names[j], d[i].name);
		ck_assert_msg(found, "option %s is not in man/kithrc.5", d[i].name);
	}
}
END_TEST

/* The names of `.BI "NAME " ...` between the generated markers of OPTIONS. */
static void
read_manual(void)
{
	const char *src = getenv("KITH_SRC");
	char path[4096], line[1024];
	bool in = false;
	FILE *f;

	snprintf(path, sizeof path, "%s/man/kithrc.5", src ? src : ".");
	if (!(f = fopen(path, "r"))) {
		fprintf(stderr, "%s: cannot open\n", path);
		exit(1);
	}
	while (fgets(line, sizeof line, f)) {
		if (strstr(line, "BEGIN GENERATED options"))
			in = true;
		else if (strstr(line, "END GENERATED"))
			in = false;
		else if (in && !strncmp(line, ".BI \"", 5)) {
			struct strbuf sb = { 0 };
			for (const char *p = line + 5; *p && *p != ' ' && *p != '"'; p++) {
				if (p[0] == '\\' && p[1] == '-')
					p++;            /* roff's \- is a plain - */
				sb_appendc(&sb, *p);
			}
			names = xreallocarray(names, (size_t)nnames + 1, sizeof *names);
			names[nnames++] = sb_detach(&sb);
		}
	}
	fclose(f);
}

int
main(void)
{
	Suite *s = suite_create("option_effects");
	TCase *tc = tcase_create("core");
	int nf;

	read_manual();
	if (nnames == 0) {
		fprintf(stderr, "man/kithrc.5: no options found between the generated markers\n");
		return 1;
	}
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_manual_lists_the_options);
	tcase_add_loop_test(tc, test_option_takes_effect, 0, nnames);
	suite_add_tcase(s, tc);
	nf = test_run_suite(s);
	for (int i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	return nf ? 1 : 0;
}
