/*
 * check_goal.c: networking goals (kith/goal.h): what counts for each way
 * of counting, the window, pace and state, the best uncounted person,
 * and the checks a new goal passes. Today is 2026-03-10.
 */
#include "goal_fixture.h"

#include "kith/engine.h"
#include "kith/goal.h"
#include "kith/view.h"
#include "kith/review.h"
#include "kith/str.h"

static struct kdb *db;

/*
 * Touches: Ana a meeting before any goal (01-20) and coffee 02-10; Bo a
 * call 02-15 and attended an event 03-01; Gus a note 02-12; Finn
 * introduced (made) 03-02; Eve placed on the bond map 02-20.
 */
static void
setup(void)
{
	struct kith_err err;

	db = test_db_open();
	goal_fixture(db);
	ck_assert_msg(kdb_exec_script(db,
		"INSERT INTO interaction(id, at, kind, summary, created_at) VALUES "
		" (1, '2026-01-20 10:00', 'meeting', 'before', 'x'),"
		" (2, '2026-02-10 09:00', 'coffee', 'coffee', 'x'),"
		" (3, '2026-02-15 16:00', 'call', 'call', 'x'),"
		" (4, '2026-02-12 12:00', 'note', 'a note', 'x');"
		"INSERT INTO interaction_contact(interaction_id, contact_id, at) VALUES (1, 1, '2026-01-20 10:00'),"
		" (2, 1, '2026-02-10 09:00'), (3, 2, '2026-02-15 16:00'), (4, 7, '2026-02-12 12:00');"
		"INSERT INTO event(id, title, start_at, created_at, updated_at) VALUES "
		" (1, 'Board meeting', '2026-03-01 18:00', 'x', 'x');"
		"INSERT INTO attendance(event_id, contact_id, status) VALUES (1, 2, 'attended'), (1, 7, 'invited');"
		"INSERT INTO followup(title, intro_a_id, intro_b_id, intro_stage, created_at, updated_at) VALUES "
		" ('introduce Finn', 6, 3, 'made', '2026-02-25 10:00:00', '2026-03-02 11:00:00'),"
		" ('introduce Gus', 7, 3, 'requested', '2026-02-25 10:00:00', '2026-03-02 11:00:00');",
		&err) == KITH_OK, "%s", err.msg);
}

static void
teardown(void)
{
	kdb_close(db);
}

static int64_t
add_goal(const char *who, int how, int target, const char *set_on, const char *due)
{
	struct goal g = { .title = "a goal", .who = (char *)who, .how = how, .target = target };
	struct kith_err err;
	int64_t id = 0;

	snprintf(g.due, sizeof g.due, "%s", due);
	ck_assert_msg(goal_add(db, &g, set_on, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
}

static int
names(void *ud, const struct goal_person *p)
{
	sb_printf(ud, "%s%s@%.10s", ((struct strbuf *)ud)->len ? ", " : "", p->name, p->at);
	return 0;
}

/* The goal's progress today and the people it counted. */
static char *
progress(int64_t id, struct goal *out)
{
	struct strbuf sb = { 0 };
	struct kith_err err;

	ck_assert_msg(goal_get(db, id, TEST_TODAY, out, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(goal_counted(db, out, names, &sb, &err) == KITH_OK, "%s", err.msg);
	return sb_detach(&sb);
}

START_TEST(test_what_counts)
{
	static const struct { int how; const char *who; const char *want; } cases[] = {
		/* the coffee and the event, not the call, the note or the meeting before */
		{ GOAL_MET, "tag:school-board", "Ana Diaz@2026-02-10, Bo Chen@2026-02-15" },
		{ GOAL_TALKED, "tag:school-board", "Ana Diaz@2026-02-10, Bo Chen@2026-02-15" },
		{ GOAL_INTRODUCED, "", "Małgorzata Łukasiewicz@2026-03-02, Finn Moss@2026-03-02" },
		{ GOAL_PLACED, "map:\"school bond\"", "Eve Park@2026-02-20" },
		{ GOAL_PLACED, "tag:school-board", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct goal g;
		int64_t id = add_goal(cases[i].who, cases[i].how, 3, "2026-02-01", "2026-03-31");
		char *got = progress(id, &g);
		const char *want = cases[i].want;

		/* met: Bo's call does not count, his event on 03-01 does */
		if (cases[i].how == GOAL_MET)
			want = "Ana Diaz@2026-02-10, Bo Chen@2026-03-01";
		ck_assert_msg(!strcmp(got, want), "%s %s: got '%s', want '%s'",
			      goal_how_name(cases[i].how), cases[i].who, got, want);
		free(got);
		goal_free(&g);
	}
}
END_TEST

START_TEST(test_window_and_me)
{
	struct goal g;
	char *got;
	int64_t id = add_goal("tag:school-board", GOAL_TALKED, 3, "2026-02-11", "2026-03-31");
	struct kith_err err;

	got = progress(id, &g);
	ck_assert_str_eq(got, "Bo Chen@2026-02-15");      /* Ana's coffee was before the goal */
	free(got);
	goal_free(&g);
	id = add_goal("tag:school-board", GOAL_TALKED, 3, "2026-01-01", "2026-02-14");
	got = progress(id, &g);
	ck_assert_str_eq(got, "Ana Diaz@2026-01-20");     /* Bo's call came after its date */
	free(got);
	goal_free(&g);
	ck_assert_int_eq(kdb_set_me(db, 1, &err), KITH_OK);
	got = progress(id, &g);
	ck_assert_str_eq(got, "");                        /* me never counts */
	free(got);
	goal_free(&g);
}
END_TEST

START_TEST(test_state_and_pace)
{
	struct goal g;
	char *got;
	struct kith_err err;
	/* 3 by 03-31, set 02-01: 37 of 58 days gone, the pace asks for 1; 2 counted */
	int64_t on_pace = add_goal("tag:school-board", GOAL_MET, 3, "2026-02-01", "2026-03-31");
	/* 5 by 03-15: 37 of 42 days gone, the pace asks for 4 */
	int64_t behind = add_goal("tag:school-board", GOAL_MET, 5, "2026-02-01", "2026-03-15");
	int64_t reached = add_goal("tag:school-board", GOAL_TALKED, 2, "2026-02-01", "2026-03-31");
	int64_t missed = add_goal("tag:school-board", GOAL_MET, 5, "2026-02-01", "2026-03-05");
	int64_t dropped = add_goal("tag:school-board", GOAL_MET, 5, "2026-02-01", "2026-03-31");

	free(progress(on_pace, &g));
	ck_assert_int_eq(g.count, 2);
	ck_assert_int_eq(g.expected, 1);
	ck_assert_int_eq(g.state, GOAL_OPEN);
	ck_assert(!g.behind);
	ck_assert_int_eq(g.days_left, 21);
	goal_free(&g);
	free(progress(behind, &g));
	ck_assert_int_eq(g.expected, 4);
	ck_assert(g.behind);
	ck_assert_int_eq(g.days_left, 5);
	goal_free(&g);
	free(progress(reached, &g));
	ck_assert_int_eq(g.state, GOAL_REACHED);
	ck_assert_str_eq(g.reached_on, "2026-02-15");
	ck_assert(!g.behind);
	goal_free(&g);
	free(progress(missed, &g));
	ck_assert_int_eq(g.state, GOAL_MISSED);
	ck_assert_int_eq(g.days_left, -5);
	goal_free(&g);
	ck_assert_int_eq(goal_drop(db, dropped, "2026-03-09", &err), KITH_OK);
	got = progress(dropped, &g);
	ck_assert_int_eq(g.state, GOAL_DROPPED);
	ck_assert_str_eq(g.dropped_on, "2026-03-09");
	ck_assert_str_eq(got, "Ana Diaz@2026-02-10, Bo Chen@2026-03-01");   /* kept with its progress */
	free(got);
	goal_free(&g);
	ck_assert_int_eq(goal_delete(db, missed, &err), KITH_OK);
	ck_assert_int_eq(goal_get(db, missed, TEST_TODAY, &g, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "goal 4: no such goal");
	ck_assert_int_eq(goal_delete(db, missed, &err), KITH_NOTFOUND);
	ck_assert_int_eq(goal_drop(db, 99, "2026-03-09", &err), KITH_NOTFOUND);
}
END_TEST

static int
list_line(void *ud, const struct goal *g)
{
	sb_printf(ud, "%lld:%s ", (long long)g->id, goal_state_name(g->state));
	return 0;
}

START_TEST(test_list_order)
{
	struct strbuf sb = { 0 };
	struct kith_err err;

	add_goal("tag:school-board", GOAL_MET, 3, "2026-02-01", "2026-03-31");   /* 1 open */
	add_goal("tag:school-board", GOAL_MET, 5, "2026-02-01", "2026-03-15");   /* 2 open */
	add_goal("tag:school-board", GOAL_TALKED, 2, "2026-02-01", "2026-03-31"); /* 3 reached */
	add_goal("tag:school-board", GOAL_MET, 5, "2026-02-01", "2026-03-05");   /* 4 missed */
	ck_assert_int_eq(goal_list(db, TEST_TODAY, true, list_line, &sb, &err), KITH_OK);
	ck_assert_str_eq(sb_str(&sb), "2:open 1:open 3:reached 4:missed ");
	sb_reset(&sb);
	ck_assert_int_eq(goal_list(db, TEST_TODAY, false, list_line, &sb, &err), KITH_OK);
	ck_assert_str_eq(sb_str(&sb), "2:open 1:open ");
	sb_free(&sb);
}
END_TEST

START_TEST(test_best_uncounted)
{
	struct goal g;
	int64_t cid;
	char *name;
	struct kith_err err;
	int64_t id = add_goal("tag:school-board", GOAL_MET, 5, "2026-02-01", "2026-03-15");

	free(progress(id, &g));
	/* Finn (influence 4) before Gus (2); Dana (5) is archived; Ana and Bo count */
	ck_assert_int_eq(goal_best_uncounted(db, &g, &cid, &name, &err), KITH_OK);
	ck_assert_int_eq(cid, 6);
	ck_assert_str_eq(name, "Finn Moss");
	free(name);
	goal_free(&g);
	id = add_goal("tag:donor", GOAL_MET, 5, "2026-02-01", "2026-03-15");
	free(progress(id, &g));
	ck_assert_int_eq(goal_best_uncounted(db, &g, &cid, &name, &err), KITH_OK);
	ck_assert_int_eq(cid, 0);                         /* Bo counts: nobody left */
	ck_assert_ptr_null(name);
	goal_free(&g);
}
END_TEST

START_TEST(test_add_checks)
{
	static const struct { const char *title, *who, *due; int how, target; enum kith_status st;
			      const char *msg; } bad[] = {
		{ "g", "tag:x", "2026-03-09", GOAL_MET, 3, KITH_INVALID,
		  "by 2026-03-09: the date has passed (today is 2026-03-10)" },
		{ "g", "tag:x", "2026-13-01", GOAL_MET, 3, KITH_INVALID, "by 2026-13-01: not a date" },
		{ "g", "tag:x", "2026-04-01", GOAL_MET, 0, KITH_INVALID, "count 0: must be 1 to 100000" },
		{ "  ", "tag:x", "2026-04-01", GOAL_MET, 3, KITH_INVALID,
		  "title: the goal needs a few words" },
		{ "g", "tag:x", "2026-04-01", 9, 3, KITH_INVALID, "how: met, talked, introduced or placed" },
		{ "g", "colour:red", "2026-04-01", GOAL_MET, 3, KITH_INVALID,
		  "who: col 1: colour:red: unknown field (org, role, tag, map, district, tier, kind)" },
		{ "g", "map:zoning", "2026-04-01", GOAL_MET, 3, KITH_NOTFOUND,
		  "who: map:zoning: no such map" },
	};
	struct goal g;
	struct kith_err err;
	int64_t id = 0;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&g, 0, sizeof g);
		g.title = (char *)bad[i].title;
		g.who = (char *)bad[i].who;
		g.how = bad[i].how;
		g.target = bad[i].target;
		snprintf(g.due, sizeof g.due, "%s", bad[i].due);
		ck_assert_int_eq(goal_add(db, &g, TEST_TODAY, &id, &err), bad[i].st);
		ck_assert_msg(!strcmp(err.msg, bad[i].msg), "got '%s', want '%s'", err.msg,
			      bad[i].msg);
	}
	ck_assert_int_eq(goal_list(db, TEST_TODAY, true, list_line, &(struct strbuf){ 0 }, &err),
			 KITH_OK);
	/* nothing was added */
	memset(&g, 0, sizeof g);
	ck_assert_int_eq(goal_get(db, 1, TEST_TODAY, &g, &err), KITH_NOTFOUND);
	/* today is a fine date; so is a map named by a prefix of one */
	g.title = "Meet the bond people";
	g.who = "map:\"school b\"";
	g.how = GOAL_MET;
	g.target = 1;
	snprintf(g.due, sizeof g.due, "%s", TEST_TODAY);
	ck_assert_msg(goal_add(db, &g, TEST_TODAY, &id, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(id, 1);
	ck_assert_int_eq(goal_how_parse("Placed"), GOAL_PLACED);
	ck_assert_int_eq(goal_how_parse("seen"), -1);
}
END_TEST

/* The review's goal term: the best uncounted person, with a warm path's first hop. */
static const struct review_item *
item_for(const struct review_queue *q, int64_t contact_id)
{
	for (int i = 0; i < q->n; i++)
		if (q->items[i].contact_id == contact_id)
			return &q->items[i];
	return NULL;
}

static const struct review_term *
term_of(const struct review_item *it, int id)
{
	for (int i = 0; it && i < it->nterms; i++)
		if (it->terms[i].id == id)
			return &it->terms[i];
	return NULL;
}

START_TEST(test_review_term)
{
	struct review_params p;
	struct review_queue q;
	struct kith_err err;
	const struct review_item *it;
	const struct review_term *t;
	int64_t me = fixture_person(db, "Me Myself", 0, "", 0, NULL, NULL);

	review_params_default(&p);
	snprintf(p.today, sizeof p.today, "%s", TEST_TODAY);
	p.limit = 0;
	/* on pace: no term */
	add_goal("tag:school-board", GOAL_MET, 3, "2026-02-01", "2026-03-31");
	ck_assert_int_eq(review_queue_build(db, &p, &q, &err), KITH_OK);
	ck_assert_ptr_null(term_of(item_for(&q, 6), RT_GOAL));
	review_queue_free(&q);
	/* behind: Finn, the best not counted, with the goal's words */
	add_goal("tag:school-board", GOAL_MET, 5, "2026-02-01", "2026-03-15");
	ck_assert_int_eq(review_queue_build(db, &p, &q, &err), KITH_OK);
	it = item_for(&q, 6);
	ck_assert_ptr_nonnull(it);
	t = term_of(it, RT_GOAL);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(t->points, review_term_default(RT_GOAL));
	ck_assert_str_eq(t->detail, "goal \"a goal\": 2 of 5 met, 5 days left");
	ck_assert_str_eq(it->what, "meet Finn Moss");
	ck_assert_ptr_null(term_of(item_for(&q, 7), RT_GOAL));     /* one person a goal */
	review_queue_free(&q);
	/* a warm path: me -> Bo -> Finn */
	ck_assert_int_eq(kdb_set_me(db, me, &err), KITH_OK);
	ck_assert_msg(kdb_exec_script(db,
		"INSERT INTO relationship(a_id, b_id, type, strength, created_at) VALUES "
		" (8, 2, 'professional', 3, 'x'), (2, 6, 'social', 3, 'x');", &err) == KITH_OK,
		"%s", err.msg);
	ck_assert_int_eq(review_queue_build(db, &p, &q, &err), KITH_OK);
	it = item_for(&q, 6);
	ck_assert_str_eq(term_of(it, RT_GOAL)->detail,
			 "goal \"a goal\": 2 of 5 met, 5 days left, via Bo Chen");
	ck_assert_str_eq(it->what, "meet Finn Moss (Bo Chen can introduce you)");
	review_queue_free(&q);
	/* a weight of 0 turns the term off */
	p.weight[RT_GOAL] = 0;
	ck_assert_int_eq(review_queue_build(db, &p, &q, &err), KITH_OK);
	ck_assert_ptr_null(term_of(item_for(&q, 6), RT_GOAL));
	review_queue_free(&q);
}
END_TEST

/*
 * The review's picks are read in one pass that stops once a goal is on
 * pace (goal_review_picks); they must be what goal_list and
 * goal_best_uncounted say: the goals behind, nearest in date first, at
 * most GOAL_REVIEW_MAX, each with its count and the best person not
 * counted (influence, then the latest touch, then the name).
 */
struct ref_picks {
	struct strbuf *sb;
	const char *today;
	int n;
};

static int
ref_pick(void *ud, const struct goal *g)
{
	struct ref_picks *r = ud;
	struct kith_err err;
	char left[24], *name;
	int64_t id;

	if (!g->behind)
		return 0;
	if (r->n++ >= GOAL_REVIEW_MAX)
		return 1;
	ck_assert_msg(goal_best_uncounted(db, g, &id, &name, &err) == KITH_OK, "%s", err.msg);
	if (!id)
		return 0;
	goal_left_words(g->days_left, left);
	sb_printf(r->sb, "%lld %s\": %d of %d %s, %s; ", (long long)id, g->title, g->count,
		  g->target, goal_how_name(g->how), left);
	free(name);
	return 0;
}

static int
got_pick(void *ud, int64_t id, const char *detail, const char *what)
{
	(void)what;
	sb_printf(ud, "%lld %s; ", (long long)id, detail + strlen("goal \""));
	return 0;
}

START_TEST(test_review_picks_match)
{
	static const char *const days[] = { "2026-02-02", "2026-02-14", "2026-02-28",
					     "2026-03-10", "2026-03-14", "2026-03-15", "2026-04-01" };
	struct kith_err err;
	int n = 0;

	/* ties: Hana and Ivo have Finn's influence; Ivo was touched (a note), Hana never */
	fixture_person(db, "Hana Ito", 0, "", 4, "school-board", NULL);
	fixture_person(db, "Ivo Kral", 0, "", 4, "school-board", NULL);
	ck_assert_msg(kdb_exec_script(db,
		"INSERT INTO interaction(id, at, kind, summary, created_at) VALUES "
		" (9, '2026-01-05 10:00', 'note', 'a note', 'x');"
		"INSERT INTO interaction_contact(interaction_id, contact_id, at) VALUES "
		" (9, 9, '2026-01-05 10:00');", &err) == KITH_OK, "%s", err.msg);
	add_goal("tag:school-board", GOAL_MET, 3, "2026-02-01", "2026-03-31");
	add_goal("tag:school-board", GOAL_MET, 6, "2026-02-01", "2026-03-15");
	add_goal("tag:school-board tier:b", GOAL_TALKED, 2, "2026-02-01", "2026-03-20");
	add_goal("tag:school-board", GOAL_INTRODUCED, 4, "2026-02-01", "2026-03-14");
	add_goal("district:5", GOAL_PLACED, 2, "2026-02-01", "2026-03-12");
	add_goal("-tag:donor", GOAL_TALKED, 7, "2026-02-01", "2026-03-16");
	add_goal("tag:housing", GOAL_MET, 1, "2026-02-01", "2026-03-13");
	add_goal("kind:school", GOAL_MET, 2, "2026-02-01", "2026-03-11");
	/* without Ivo: Finn and Hana tie but for the name */
	add_goal("tag:school-board -ivo", GOAL_MET, 6, "2026-02-01", "2026-03-10");
	for (size_t d = 0; d < sizeof days / sizeof days[0]; d++) {
		struct strbuf want = { 0 }, got = { 0 };
		struct ref_picks r = { &want, days[d], 0 };

		ck_assert_msg(goal_list(db, days[d], false, ref_pick, &r, &err) == KITH_OK, "%s",
			      err.msg);
		ck_assert_msg(goal_review_picks(db, days[d], got_pick, &got, &err) == KITH_OK, "%s",
			      err.msg);
		ck_assert_msg(!strcmp(sb_str(&got), sb_str(&want)), "%s: got '%s', want '%s'",
			      days[d], sb_str(&got), sb_str(&want));
		n += r.n;
		sb_free(&want);
		sb_free(&got);
	}
	ck_assert_int_gt(n, GOAL_REVIEW_MAX);       /* the cap was reached on some day */
}
END_TEST

/* A person with two current roles at schools is one person of "kind:school". */
START_TEST(test_kind_once)
{
	struct kith_err err;
	struct goal g;
	char *who;
	int64_t id;

	ck_assert_msg(kdb_exec_script(db,
		"INSERT INTO organisation(id, name, name_key, kind, created_at, updated_at) VALUES "
		" (3, 'Hill School', 'hill school', 'school', 'x', 'x');"
		"INSERT INTO role(contact_id, org_id, seat, title) VALUES (1, 3, '', 'Parent'),"
		" (7, 3, '', 'Coach');",
		&err) == KITH_OK, "%s", err.msg);
	id = add_goal("kind:school", GOAL_MET, 4, "2026-02-01", "2026-03-31");
	who = progress(id, &g);
	ck_assert_str_eq(who, "Ana Diaz@2026-02-10, Bo Chen@2026-03-01");
	ck_assert_int_eq(g.count, 2);
	free(who);
	goal_free(&g);
	/* the review's pass counts them once too: 2 of 4, behind on 03-20 (3 expected), Gus next */
	{
		struct strbuf sb = { 0 };
		ck_assert_int_eq(goal_review_picks(db, "2026-03-20", got_pick, &sb, &err), KITH_OK);
		ck_assert_str_eq(sb_str(&sb), "7 a goal\": 2 of 4 met, 11 days left; ");
		sb_free(&sb);
	}
}
END_TEST

static bool
detail_has(const struct view *v, const char *text)
{
	for (int i = 0; i < v->detail.nlines; i++)
		if (strstr(v->detail.lines[i].text, text))
			return true;
	return false;
}

static bool
row_has(const struct view *v, int row, int col, const char *text)
{
	return row < v->list.nrows && strstr(v->list.rows[row].cells[col], text);
}

/* The Goals view (zg, :goals): a row a goal with its bar, the card with who counted. */
START_TEST(test_goals_view)
{
	struct engine *e;
	const struct view *v;

	add_goal("tag:school-board", GOAL_MET, 5, "2026-02-01", "2026-03-15");    /* behind */
	add_goal("tag:school-board", GOAL_TALKED, 2, "2026-02-01", "2026-03-31"); /* reached */
	e = test_engine_new(db, 20, 40);
	engine_keys(e, "zg");
	v = engine_view(e);
	ck_assert_msg(strstr(v->title, "kith — Goals") && strstr(v->title, "2 goals"), "%s", v->title);
	ck_assert_int_eq(v->list.nrows, 2);
	ck_assert(row_has(v, 0, 0, "[####......]"));
	ck_assert(row_has(v, 0, 1, "2/5 met"));
	ck_assert(row_has(v, 0, 3, "behind (4 by now), 5 days left"));
	ck_assert_int_eq(v->list.rows[0].style, VS_OVERDUE);
	ck_assert(row_has(v, 1, 3, "reached 2026-02-15"));
	ck_assert_int_eq(v->list.rows[1].style, VS_DIM);
	engine_keys(e, "<Enter>");
	v = engine_view(e);
	ck_assert(detail_has(v, "2026-02-10  Ana Diaz"));
	ck_assert(detail_has(v, "2026-03-01  Bo Chen"));
	ck_assert(detail_has(v, "Finn Moss"));               /* next: the best not counted */
	engine_keys(e, "<Esc>?");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_HELP);
	engine_keys(e, "<Esc>1:goals<Enter>");
	ck_assert_msg(strstr(engine_view(e)->title, "kith — Goals"), "%s", engine_view(e)->title);
	engine_keys(e, "<Tab>");                             /* Tab goes on to the tabs */
	ck_assert_msg(strstr(engine_view(e)->title, "kith — Contacts"), "%s", engine_view(e)->title);
	engine_free(e);
}
END_TEST

/* `:mark QUERY` in Contacts marks whom the query selects; a bad one says where. */
START_TEST(test_mark_query)
{
	struct engine *e = test_engine_new(db, 20, 40);
	const struct view *v;

	engine_keys(e, ":mark tag:school-board -tier:a<Enter>");
	v = engine_view(e);
	ck_assert_msg(strstr(v->message, "marked 3 people selected by tag:school-board -tier:a · 3 marked"),
		      "%s", v->message);
	engine_keys(e, ":mark tag:school-board<Enter>");
	ck_assert_msg(strstr(engine_view(e)->message, "marked 1 person selected by tag:school-board · 4 marked"),
		      "%s", engine_view(e)->message);
	engine_keys(e, ":mark tier:E<Enter>");
	ck_assert_msg(strstr(engine_view(e)->message, "mark: col 1: tier:E: a tier is A, B, C or D"),
		      "%s", engine_view(e)->message);
	engine_free(e);
}
END_TEST

static Suite *
goal_suite(void)
{
	Suite *s = suite_create("goal");
	TCase *tc = tcase_create("goal");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_what_counts);
	tcase_add_test(tc, test_window_and_me);
	tcase_add_test(tc, test_state_and_pace);
	tcase_add_test(tc, test_list_order);
	tcase_add_test(tc, test_best_uncounted);
	tcase_add_test(tc, test_add_checks);
	tcase_add_test(tc, test_review_term);
	tcase_add_test(tc, test_review_picks_match);
	tcase_add_test(tc, test_kind_once);
	tcase_add_test(tc, test_goals_view);
	tcase_add_test(tc, test_mark_query);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(goal_suite()) ? EXIT_FAILURE : EXIT_SUCCESS;
}
