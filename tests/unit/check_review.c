/*
 * check_review.c: the daily review queue (ranking, terms, history) and the
 * review flow in the engine, on a small fixture network with a fixed today.
 *
 * The fixture (today 2026-03-10, contacts added 2026-01-01):
 *   Eve   follow-up I owe, due 03-07             overdue 10+3, owe 6, infl 1   = 20
 *   Jo    follow-up due today, primary target     due 8, infl 4, target 6       = 18
 *   -     follow-up about no one, due 03-09       overdue 10+1                  = 11
 *   Ana   tier A, last talked 02-01 (37 d)        lapsed 8, infl 3              = 11
 *   Dan   influence 5, never contacted            never 6, infl 5               = 11
 *   Fay   follow-up due today                     due 8, infl 2                 = 10
 *   Ben   tier B, last talked 01-05 (64 d)        cadence 5, infl 2             = 7
 *   Gus   invited to an event on 03-12            event 7                       = 7
 *   Hal   birthday --03-11                        birthday 4                    = 4
 *   Cleo  tier A, last talked 01-20 but met at an event on 03-05: not due
 *   Ivy   tier A, lapsed, archived: not in the queue; Me: never in the queue
 */
#include "testutil.h"

#include <string.h>
#include <time.h>

#include "kith/concern.h"
#include "kith/contact.h"
#include "kith/event.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/io.h"
#include "kith/powermap.h"
#include "kith/review.h"
#include "kith/xalloc.h"
#include "kith/types.h"
#include "kith/view.h"

static struct kdb *db;
static int64_t eve, jo, ana, dan, fay, ben, gus, hal, cleo, ivy, me, noone_fu;

static int64_t
person(const char *name, char tier, int influence, const char *birthday)
{
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1, .tier = tier,
				  .influence = influence, .birthday = (char *)birthday };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "add %s: %s", name, err.msg);
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

static int64_t
event_at(const char *title, const char *start, int64_t who, int status)
{
	struct kith_event e = { .title = (char *)title, .start_at = (char *)start };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_int_eq(event_add(db, &e, &id, &err), KITH_OK);
	ck_assert_int_eq(attendance_set(db, id, who, KITH_AROLE_ATTENDEE, status, &err), KITH_OK);
	return id;
}

static void
setup(void)
{
	struct kith_err err;
	struct kith_map m = { .name = "Bond measure" };

	db = test_db_open();
	setenv("KITH_TODAY", "2026-01-01", 1);      /* everyone was added on New Year's Day */
	kdate_init_clock(NULL);
	me = person("Me Myself", 'A', 0, NULL);
	eve = person("Eve Ortiz", 0, 1, NULL);
	jo = person("Jo Kline", 0, 4, NULL);
	ana = person("Ana Diaz", 'A', 3, NULL);
	dan = person("Dan Ruiz", 0, 5, NULL);
	fay = person("Fay Chen", 0, 2, NULL);
	ben = person("Ben Ode", 'B', 2, NULL);
	gus = person("Gus Berg", 0, 0, NULL);
	hal = person("Hal Pike", 0, 0, "--03-11");
	cleo = person("Cleo Tam", 'A', 0, NULL);
	ivy = person("Ivy Lund", 'A', 2, NULL);
	test_fix_clock();
	ck_assert_int_eq(kdb_set_me(db, me, &err), KITH_OK);
	followup(eve, "send the draft", "2026-03-07", KITH_DIR_OWE);
	followup(jo, "ask for a meeting", "2026-03-10", KITH_DIR_NONE);
	talk(jo, "2026-03-01 10:00");
	noone_fu = followup(0, "book the hall", "2026-03-09", KITH_DIR_NONE);
	talk(ana, "2026-02-01 10:00");
	followup(fay, "send the flyer", "2026-03-10", KITH_DIR_NONE);
	followup(fay, "later thing", "2026-04-10", KITH_DIR_NONE);  /* not due: not counted */
	talk(ben, "2026-01-05 10:00");
	event_at("Council meeting", "2026-03-12 18:00", gus, KITH_ASTATUS_INVITED);
	talk(cleo, "2026-01-20 10:00");
	event_at("Town hall", "2026-03-05 18:00", cleo, KITH_ASTATUS_MET);
	talk(ivy, "2026-01-02 10:00");
	ck_assert_int_eq(contact_set_archived(db, ivy, true, &err), KITH_OK);
	m.primary_target_id = jo;
	ck_assert_int_eq(map_add(db, &m, NULL, &err), KITH_OK);
}

static void
teardown(void)
{
	kdb_close(db);
	db = NULL;
}

static void
build(struct review_queue *q, const char *today, int limit)
{
	struct review_params p;
	struct kith_err err;

	review_params_default(&p);
	snprintf(p.today, sizeof p.today, "%s", today);
	p.limit = limit;
	ck_assert_msg(review_queue_build(db, &p, q, &err) == KITH_OK, "%s", err.msg);
}

static const struct review_term *
term(const struct review_item *it, int id)
{
	for (int i = 0; i < it->nterms; i++)
		if (it->terms[i].id == id)
			return &it->terms[i];
	return NULL;
}

START_TEST(test_order_and_scores)
{
	struct review_queue q;
	static const struct { int64_t *who; int score; } want[] = {
		{ &eve, 20 }, { &jo, 18 }, { NULL, 11 }, { &ana, 11 }, { &dan, 11 },
		{ &fay, 10 }, { &ben, 7 }, { &gus, 7 }, { &hal, 4 },
	};

	build(&q, TEST_TODAY, 0);
	ck_assert_int_eq(q.n, 9);
	ck_assert_int_eq(q.total, 9);
	for (int i = 0; i < q.n; i++) {
		ck_assert_msg(q.items[i].contact_id == (want[i].who ? *want[i].who : 0),
			      "item %d is %s (%s)", i, q.items[i].name, q.items[i].what);
		ck_assert_msg(q.items[i].score == want[i].score, "item %d (%s) scores %d", i,
			      q.items[i].name, q.items[i].score);
	}
	ck_assert_int_eq(q.items[2].followup_id, noone_fu);
	review_queue_free(&q);
}
END_TEST

static bool
in_queue(const struct review_params *p, int64_t who)
{
	struct review_queue q;
	struct kith_err err;
	bool in = false;

	ck_assert_msg(review_queue_build(db, p, &q, &err) == KITH_OK, "%s", err.msg);
	for (int i = 0; i < q.n; i++)
		in |= q.items[i].contact_id == who;
	review_queue_free(&q);
	return in;
}

/*
** Not too eager (issue 18): Gus (at an event in two days) talked to
** yesterday is left out for review.rest_days; Fay, talked to yesterday
** too, stays: a dated follow-up of hers is due. Ana's own rhythm (monthly
** at most) keeps her out for 30 days although her tier's 21 have passed.
*/
START_TEST(test_rest_and_rhythm)
{
	struct review_params p;
	struct kith_err err;
	int days = -1;

	review_params_default(&p);
	snprintf(p.today, sizeof p.today, "%s", TEST_TODAY);
	p.limit = 0;
	ck_assert(in_queue(&p, gus) && in_queue(&p, fay));
	talk(gus, "2026-03-09 10:00");
	talk(fay, "2026-03-09 10:00");
	ck_assert_msg(!in_queue(&p, gus), "Gus proposed a day after a talk");
	ck_assert_msg(in_queue(&p, fay), "Fay's due follow-up left out");
	p.rest_days = 0;
	ck_assert_msg(in_queue(&p, gus), "review.rest_days 0 still leaves Gus out");
	p.rest_days = 1;                    /* only today rests */
	ck_assert(in_queue(&p, gus));

	/* Ana: tier A (21 days); monthly at most, talked 02-20, 23 days before 03-15 */
	p.rest_days = 3;
	snprintf(p.today, sizeof p.today, "2026-03-15");
	talk(ana, "2026-02-20 10:00");
	ck_assert_msg(in_queue(&p, ana), "Ana (cadence 21, 23 days) missing without a rhythm");
	ck_assert_int_eq(contact_set_rhythm(db, ana, 30, &err), KITH_OK);
	{
		struct kith_contact k;
		ck_assert_int_eq(contact_get(db, ana, &k, &err), KITH_OK);
		days = k.rhythm_days;
		contact_free(&k);
	}
	ck_assert_int_eq(days, 30);
	ck_assert_msg(!in_queue(&p, ana), "Ana proposed within her rhythm");
	snprintf(p.today, sizeof p.today, "2026-03-22");    /* 30 days */
	ck_assert(in_queue(&p, ana));
	ck_assert_int_eq(contact_set_rhythm(db, ana, 3651, &err), KITH_INVALID);
}
END_TEST

START_TEST(test_terms_and_words)
{
	struct review_queue q;
	const struct review_term *t;

	build(&q, TEST_TODAY, 0);
	/* Eve: a promise, three days late */
	ck_assert_str_eq(q.items[0].what, "keep your word to Eve Ortiz: send the draft");
	ck_assert_ptr_nonnull(t = term(&q.items[0], RT_OVERDUE));
	ck_assert_int_eq(t->points, 13);
	ck_assert_str_eq(t->detail, "due 2026-03-07, 3 days ago");
	ck_assert_ptr_nonnull(t = term(&q.items[0], RT_OWE));
	ck_assert_int_eq(t->points, 6);
	ck_assert_str_eq(q.items[0].why, "due 2026-03-07, 3 days ago; you promised it; influence 1");
	/* Jo: due today and the map's primary target */
	ck_assert_ptr_nonnull(t = term(&q.items[1], RT_TARGET));
	ck_assert_str_eq(t->detail, "primary target on Bond measure");
	ck_assert_ptr_null(term(&q.items[1], RT_NEVER));
	/* the follow-up about no one */
	ck_assert_str_eq(q.items[2].what, "follow up: book the hall");
	/* Ana: past 1.5 times her cadence */
	ck_assert_str_eq(q.items[3].what, "reconnect with Ana Diaz");
	ck_assert_ptr_nonnull(t = term(&q.items[3], RT_LAPSED));
	ck_assert_str_eq(t->detail, "last talked 37 days ago, cadence 21");
	ck_assert_ptr_null(term(&q.items[3], RT_CADENCE));
	/* Dan: influential, never contacted */
	ck_assert_str_eq(q.items[4].what, "introduce yourself to Dan Ruiz");
	ck_assert_ptr_nonnull(term(&q.items[4], RT_NEVER));
	/* Ben: past the cadence, not yet 1.5 times */
	ck_assert_ptr_nonnull(t = term(&q.items[6], RT_CADENCE));
	ck_assert_str_eq(t->detail, "last talked 64 days ago, cadence 60");
	/* Gus: the event, in words */
	ck_assert_str_eq(q.items[7].what, "see Gus Berg at Council meeting");
	ck_assert_str_eq(term(&q.items[7], RT_EVENT)->detail,
			 "will be at Council meeting on Thu 12 Mar");
	/* Hal: tomorrow's birthday */
	ck_assert_str_eq(q.items[8].what, "wish Hal Pike a happy birthday");
	ck_assert_str_eq(term(&q.items[8], RT_BIRTHDAY)->detail, "birthday tomorrow");
	/* the sum of the terms is the score */
	for (int i = 0; i < q.n; i++) {
		int sum = 0;
		for (int k = 0; k < q.items[i].nterms; k++)
			sum += q.items[i].terms[k].points;
		ck_assert_int_eq(sum, q.items[i].score);
	}
	review_queue_free(&q);
}
END_TEST

/* Any touch resets the cadence: Cleo was met at an event five days ago. */
START_TEST(test_event_touch_resets_cadence)
{
	struct review_queue q;
	struct kith_err err;

	build(&q, TEST_TODAY, 0);
	for (int i = 0; i < q.n; i++)
		ck_assert_int_ne(q.items[i].contact_id, cleo);
	review_queue_free(&q);
	/* without the meeting she would be due */
	ck_assert_int_eq(attendance_set(db, 2, cleo, KITH_AROLE_ATTENDEE, KITH_ASTATUS_INVITED,
					&err), KITH_OK);
	build(&q, TEST_TODAY, 0);
	ck_assert_int_eq(q.n, 10);
	review_queue_free(&q);
}
END_TEST

/*
 * A follow-up with no date (f accepts none) is not forgotten: a week after
 * it was added it reaches the review (issue 17), as if due then.
 */
START_TEST(test_undated_followup)
{
	struct review_queue q;
	const struct review_item *it = NULL;
	int64_t old, fresh;

	setenv("KITH_TODAY", "2026-03-01", 1);
	kdate_init_clock(NULL);
	old = followup(gus, "ask about the venue", NULL, KITH_DIR_NONE);
	setenv("KITH_TODAY", "2026-03-08", 1);
	kdate_init_clock(NULL);
	fresh = followup(dan, "thank for the intro", NULL, KITH_DIR_NONE);
	test_fix_clock();
	build(&q, "2026-03-10", 50);
	for (int i = 0; i < q.n; i++) {
		ck_assert_int_ne(q.items[i].followup_id, fresh);   /* two days old: not yet */
		if (q.items[i].followup_id == old)
			it = &q.items[i];
	}
	ck_assert_msg(it != NULL, "the week-old undated follow-up is in the review");
	ck_assert_int_eq(it->contact_id, gus);
	ck_assert_ptr_nonnull(term(it, RT_OVERDUE));
	ck_assert_str_eq(term(it, RT_OVERDUE)->detail, "no date, added 9 days ago");
	review_queue_free(&q);
	/* a week after the younger one was added, it comes too */
	build(&q, "2026-03-15", 50);
	it = NULL;
	for (int i = 0; i < q.n; i++)
		if (q.items[i].followup_id == fresh)
			it = &q.items[i];
	ck_assert_msg(it != NULL, "a week later the other one is in the review");
	review_queue_free(&q);
}
END_TEST

/*
 * A primary target going cold outranks the chores (issue 17): at influence
 * 5 and silent 125 days she ranked under a to-do with no person and an
 * overdue promise to an opponent.
 */
START_TEST(test_cold_target_first)
{
	struct review_queue q;
	struct kith_err err;
	struct kith_map m = { .name = "Transit levy" };
	struct kith_contact opp = { .display_name = "Otto Crane", .cadence_days = -1,
				    .influence = 4, .alignment = -2 };
	int64_t tara, otto;

	setenv("KITH_TODAY", "2025-10-01", 1);
	kdate_init_clock(NULL);
	tara = person("Tara Vance", 'A', 5, NULL);
	ck_assert_int_eq(contact_add(db, &opp, &otto, &err), KITH_OK);
	test_fix_clock();
	talk(tara, "2025-11-05 10:00");         /* 125 days before 2026-03-10 */
	talk(otto, "2026-03-01 10:00");
	m.primary_target_id = tara;
	ck_assert_int_eq(map_add(db, &m, NULL, &err), KITH_OK);
	followup(0, "renew the hall booking", "2026-02-08", KITH_DIR_NONE);
	followup(otto, "send Otto the ridership numbers", "2026-02-18", KITH_DIR_OWE);
	build(&q, "2026-03-10", 50);
	ck_assert_int_ge(q.n, 3);
	ck_assert_int_eq(q.items[0].contact_id, tara);
	ck_assert_ptr_nonnull(term(&q.items[0], RT_COLD));
	ck_assert_str_eq(term(&q.items[0], RT_COLD)->detail,
			 "the target is going cold: 125 days without a word");
	review_queue_free(&q);
}
END_TEST

START_TEST(test_cap_and_weights)
{
	struct review_queue q;
	struct review_params p;
	struct kith_err err;

	build(&q, TEST_TODAY, 3);
	ck_assert_int_eq(q.n, 3);
	ck_assert_int_eq(q.total, 9);
	ck_assert_int_eq(q.items[2].followup_id, noone_fu);
	review_queue_free(&q);
	/* birthdays weigh most: Hal comes first */
	review_params_default(&p);
	p.weight[RT_BIRTHDAY] = 50;
	ck_assert_int_eq(review_queue_build(db, &p, &q, &err), KITH_OK);
	ck_assert_int_eq(q.items[0].contact_id, hal);
	review_queue_free(&q);
	/* a date that is not one */
	snprintf(p.today, sizeof p.today, "2026-13-01");
	ck_assert_int_eq(review_queue_build(db, &p, &q, &err), KITH_INVALID);
}
END_TEST

/*
 * A promise's update to tell (14 points) joins the queue by its score; its
 * words (how many to tell) are written for it when it is kept, and it
 * counts in the total when it is not.
 */
START_TEST(test_promise_item)
{
	struct kith_concern c = { .issue = "elm", .raised_at = "2026-03-01" };
	struct review_queue q;
	struct kith_err err;
	int64_t pid;

	c.contact_id = ana;
	ck_assert_msg(concern_add(db, &c, NULL, &err) == KITH_OK, "%s", err.msg);
	c.contact_id = ben;
	ck_assert_msg(concern_add(db, &c, NULL, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(promise_add(db, "elm", "Fix the light", &pid, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(promise_update(db, pid, "Filed", "2026-03-09", NULL, &err) == KITH_OK, "%s",
		      err.msg);
	build(&q, TEST_TODAY, 2);               /* Eve (20) and Jo (18) before it */
	ck_assert_int_eq(q.n, 2);
	ck_assert_int_eq(q.total, 10);
	ck_assert(!q.items[0].update_id && !q.items[1].update_id);
	review_queue_free(&q);
	build(&q, TEST_TODAY, 3);
	ck_assert_int_eq(q.n, 3);
	ck_assert(q.items[2].update_id != 0);
	ck_assert_str_eq(q.items[2].what, "tell the 2 people who raised #elm: Filed");
	ck_assert_str_eq(q.items[2].why,
			 "an update on your promise \"Fix the light\" of 2026-03-09, not told to 2");
	ck_assert_str_eq(q.items[2].terms[0].detail, q.items[2].why);
	ck_assert_int_eq(q.items[2].score, 14);
	review_queue_free(&q);
	/* 31 days after the update: not proposed */
	build(&q, "2026-04-09", 0);
	for (int i = 0; i < q.n; i++)
		ck_assert(!q.items[i].update_id);
	review_queue_free(&q);
}
END_TEST

START_TEST(test_history)
{
	struct review_queue q;
	struct kith_err err;
	const struct review_term *t;

	ck_assert_int_eq(review_record(db, TEST_TODAY, eve, 1, "skipped", NULL, NULL, &err), KITH_OK);
	ck_assert_int_eq(review_record(db, TEST_TODAY, ben, 0, "snoozed", "2026-03-13", "away",
				       &err), KITH_OK);
	ck_assert_int_eq(review_record(db, TEST_TODAY, gus, 0, "bogus", NULL, NULL, &err),
			 KITH_INVALID);
	/* today: both handled */
	build(&q, TEST_TODAY, 0);
	ck_assert_int_eq(q.n, 7);
	ck_assert_int_eq(q.items[0].contact_id, jo);
	review_queue_free(&q);
	/* tomorrow: Eve is back, lower for the skip; Ben still snoozed */
	build(&q, "2026-03-11", 0);
	for (int i = 0; i < q.n; i++)
		ck_assert_int_ne(q.items[i].contact_id, ben);
	/* Jo's follow-up is a day late now: 11 + 4 + 6 */
	ck_assert_int_eq(q.items[0].contact_id, jo);
	ck_assert_int_eq(q.items[0].score, 21);
	ck_assert_int_eq(q.items[1].contact_id, eve);
	ck_assert_ptr_nonnull(t = term(&q.items[1], RT_SKIPPED));
	ck_assert_int_eq(t->points, -4);
	ck_assert_str_eq(t->detail, "skipped in the review yesterday");
	ck_assert_int_eq(q.items[1].score, 14 + 6 + 1 - 4);
	review_queue_free(&q);
	/* the day the snooze ends Ben is back */
	build(&q, "2026-03-13", 0);
	{
		bool found = false;
		for (int i = 0; i < q.n; i++)
			found |= q.items[i].contact_id == ben;
		ck_assert(found);
	}
	review_queue_free(&q);
}
END_TEST

/* A recurring series counts at its next occurrence: "council meets every 2nd Tuesday". */
START_TEST(test_recurring_event)
{
	struct kith_event ev = { .title = "Council", .start_at = "2026-01-13 18:00",
				 .rrule = "FREQ=MONTHLY;BYDAY=2TU" };
	struct review_queue q;
	struct review_params p;
	struct kith_err err;
	int64_t kim = person("Kim Sato", 0, 0, NULL), id;
	bool found = false;

	ck_assert_int_eq(event_add(db, &ev, &id, &err), KITH_OK);
	ck_assert_int_eq(attendance_set(db, id, kim, KITH_AROLE_ATTENDEE, KITH_ASTATUS_CONFIRMED,
					&err), KITH_OK);
	/* without the expansion the series began in January: not in the window */
	build(&q, TEST_TODAY, 0);
	for (int i = 0; i < q.n; i++)
		ck_assert_int_ne(q.items[i].contact_id, kim);
	review_queue_free(&q);
	review_params_default(&p);
	p.limit = 0;
	p.recur = io_recur_expand_tz;
	ck_assert_int_eq(review_queue_build(db, &p, &q, &err), KITH_OK);
	for (int i = 0; i < q.n; i++)
		if (q.items[i].contact_id == kim) {
			found = true;
			ck_assert_str_eq(q.items[i].what, "see Kim Sato at Council");
			ck_assert_str_eq(term(&q.items[i], RT_EVENT)->detail, "will be at Council today");
		}
	ck_assert(found);
	review_queue_free(&q);
}
END_TEST

/*
 * A series kept in its zone is expanded there: Tokyo's 2nd-Tuesday breakfast
 * at 08:00 was 23:00 UTC on Monday 9 March, so in UTC it is not today (in
 * the user's zone the old expansion put it on Tuesday 23:00, today).
 */
START_TEST(test_recurring_event_zone)
{
	struct kith_event ev = { .title = "Breakfast", .start_at = "2026-01-12 23:00",
				 .rrule = "FREQ=MONTHLY;BYDAY=2TU", .tzid = "Asia/Tokyo",
				 .tz_start = "2026-01-13 08:00" };
	struct review_queue q;
	struct review_params p;
	struct kith_err err;
	int64_t kim = person("Kim Sato", 0, 0, NULL), id;
	const char *tz = getenv("TZ");
	char *was = tz ? xstrdup(tz) : NULL;

	setenv("TZ", "UTC", 1);
	tzset();
	ck_assert_int_eq(event_add(db, &ev, &id, &err), KITH_OK);
	ck_assert_int_eq(attendance_set(db, id, kim, KITH_AROLE_ATTENDEE, KITH_ASTATUS_CONFIRMED,
					&err), KITH_OK);
	review_params_default(&p);
	p.limit = 0;
	p.recur = io_recur_expand_tz;
	ck_assert_int_eq(review_queue_build(db, &p, &q, &err), KITH_OK);
	for (int i = 0; i < q.n; i++)
		if (q.items[i].contact_id == kim && term(&q.items[i], RT_EVENT))
			ck_assert_str_ne(term(&q.items[i], RT_EVENT)->detail,
					 "will be at Breakfast today");
	review_queue_free(&q);
	/* the same rule in the user's zone (no tzid) is today at 23:00 */
	{
		char occ[1][17];
		ck_assert_int_eq(io_recur_expand_tz(NULL, "2026-01-12 23:00",
						    "FREQ=MONTHLY;BYDAY=2TU", "2026-03-10",
						    "2026-03-11", occ, 1), 1);
		ck_assert_str_eq(occ[0], "2026-03-10 23:00");
	}
	if (was) {
		setenv("TZ", was, 1);
		free(was);
	} else {
		unsetenv("TZ");
	}
	tzset();
}
END_TEST

/* ---- the review in the engine ----------------------------------------------------- */

static bool
detail_has(const struct view *v, const char *text)
{
	for (int i = 0; i < v->detail.nlines; i++)
		if (strstr(v->detail.lines[i].text, text))
			return true;
	return false;
}

static long long
open_followups(int64_t who)
{
	struct followup_query fq = { .contact_id = who };
	long long n = 0;
	ck_assert_int_eq(followup_count(db, &fq, &n, NULL), KITH_OK);
	return n;
}

START_TEST(test_engine_review_flow)
{
	struct engine *e = test_engine_new(db, 20, 20);
	const struct view *v;
	struct kith_followup f;

	engine_keys(e, "r");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_REVIEW);
	ck_assert(v->review);
	ck_assert_msg(strstr(v->title, "1 of 9"), "%s", v->title);
	ck_assert(detail_has(v, "Keep your word to Eve Ortiz: send the draft"));
	ck_assert(detail_has(v, "Open follow-ups and commitments"));
	/* ? shows the score's terms, and hides them again */
	engine_keys(e, "?");
	ck_assert(detail_has(engine_view(e), "score 20, the sum of:"));
	engine_keys(e, "?");
	ck_assert(!detail_has(engine_view(e), "score 20"));
	/* x: Eve's promise is done */
	engine_keys(e, "x");
	ck_assert_int_eq(followup_get(db, 1, &f, NULL), KITH_OK);
	ck_assert_int_eq(f.status, KITH_FSTATUS_DONE);
	followup_free(&f);
	v = engine_view(e);
	ck_assert_msg(strstr(v->title, "2 of 9"), "%s", v->title);
	/* n: skip Jo */
	engine_keys(e, "n");
	ck_assert(strstr(engine_view(e)->title, "3 of 9"));
	/* s: snooze the hall booking by the first choice, a day */
	engine_keys(e, "s");
	ck_assert_int_eq(engine_view(e)->mode, VM_PICK);
	engine_keys(e, "<Enter>");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_REVIEW);
	ck_assert(strstr(v->title, "4 of 9"));
	ck_assert_int_eq(followup_get(db, noone_fu, &f, NULL), KITH_OK);
	ck_assert_str_eq(f.due, "2026-03-11");
	ck_assert_int_eq(f.snooze_count, 1);
	followup_free(&f);
	/* l: log with Ana, then accept the proposed check-in with Enter */
	ck_assert(detail_has(v, "Reconnect with Ana Diaz"));
	engine_keys(e, "l");
	ck_assert_int_eq(engine_view(e)->mode, VM_FORM);
	engine_keys(e, "coffee<Enter>");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_CONFIRM);
	ck_assert_msg(strstr(v->confirm, "Next check-in with Ana Diaz on 2026-03-31"), "%s",
		      v->confirm);
	ck_assert_int_eq(open_followups(ana), 0);
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(open_followups(ana), 1);
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_REVIEW);
	ck_assert(strstr(v->title, "5 of 9"));
	/* q: the summary */
	engine_keys(e, "q");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_NORMAL);
	ck_assert(!v->review);
	ck_assert_msg(strstr(v->message, "1 done, 1 logged, 1 snoozed, 1 skipped"), "%s",
		      v->message);
	/* a search in Contacts that hides Dan */
	engine_keys(e, "1/zzzz<Enter>");
	ck_assert_int_eq(engine_view(e)->list.total, 0);
	/* r again the same day: only what is left */
	engine_keys(e, "r");
	v = engine_view(e);
	ck_assert_msg(strstr(v->title, "1 of 5"), "%s", v->title);
	ck_assert(detail_has(v, "Introduce yourself to Dan Ruiz"));
	/* o opens Dan in Contacts (the search that hid him gone); r comes back to him */
	engine_keys(e, "o");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_NORMAL);
	ck_assert_int_eq(v->pane, VP_CONTACTS);
	ck_assert(v->detail_open);
	ck_assert_str_eq(v->detail.title, "Dan Ruiz");
	ck_assert_int_gt(v->list.total, 1);
	engine_keys(e, "r");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_REVIEW);
	ck_assert(detail_has(v, "Introduce yourself to Dan Ruiz"));
	/* x with nothing due says what to do instead and stays */
	engine_keys(e, "x");
	v = engine_view(e);
	ck_assert(v->message_is_error);
	ck_assert(strstr(v->title, "1 of 5"));
	/* Esc leaves too */
	engine_keys(e, "<Esc>");
	ck_assert_int_eq(engine_view(e)->mode, VM_NORMAL);
	engine_free(e);
}
END_TEST

/* The labels of the pick list on screen, joined by '|'. */
static void
pick_labels(const struct view *v, char *out, size_t size)
{
	size_t len = 0;

	out[0] = 0;
	for (int i = 0; i < v->pick.nitems && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s|", v->pick.items[i]);
}

/*
** One snooze everywhere (issue 17): the review, the Follow-ups pane and a
** bulk snooze ask with the same pick list; a typed duration replaces the
** first choice (the review's form used to prefill 1d, so 3d gave "1d3d").
*/
START_TEST(test_engine_snooze_everywhere)
{
	struct engine *e = test_engine_new(db, 20, 20);
	const struct view *v;
	struct kith_followup f;
	char review[512], pane[512], bulk[512];

	engine_keys(e, "r");
	engine_keys(e, "s");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_PICK);
	pick_labels(v, review, sizeof review);
	ck_assert_str_eq(review, "1d: until 2026-03-11|3d: until 2026-03-13|1w: until 2026-03-17|"
			 "2w: until 2026-03-24|a date or a reason…|");
	engine_keys(e, "<Esc>");
	ck_assert_int_eq(engine_view(e)->mode, VM_REVIEW);
	ck_assert(strstr(engine_view(e)->title, "1 of 9"));
	/* typed: 3d is three days, not 1d3d */
	engine_keys(e, "s3d");
	v = engine_view(e);
	ck_assert_int_eq(v->pick.nitems, 1);
	ck_assert_str_eq(v->pick.items[0], "3d: until 2026-03-13");
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(followup_get(db, 1, &f, NULL), KITH_OK);
	ck_assert_str_eq(f.due, "2026-03-13");
	followup_free(&f);
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_REVIEW);
	ck_assert_msg(strstr(v->title, "2 of 9"), "%s", v->title);
	/* a day that is not after today is said, and nothing changes */
	engine_keys(e, "s-3d<Enter>");
	v = engine_view(e);
	ck_assert(v->message_is_error);
	ck_assert_msg(strstr(v->message, "is not after today"), "%s", v->message);
	ck_assert(strstr(v->title, "2 of 9"));
	engine_keys(e, "<Esc>");
	/* a date and a reason: the last choice opens the form, empty */
	engine_keys(e, "sreason<Enter>");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_FORM);
	ck_assert_str_eq(v->form.fields[0].value, "");
	engine_keys(e, "fri<Tab>waiting for the vote<Enter>");
	ck_assert_int_eq(followup_get(db, 2, &f, NULL), KITH_OK);
	ck_assert_str_eq(f.due, "2026-03-13");
	ck_assert_str_eq(f.snooze_reason, "waiting for the vote");
	followup_free(&f);
	ck_assert_msg(strstr(engine_view(e)->title, "3 of 9"), "%s", engine_view(e)->title);
	engine_keys(e, "q");
	/* the Follow-ups pane and a bulk snooze: the same list */
	engine_keys(e, "4gs");
	pick_labels(engine_view(e), pane, sizeof pane);
	ck_assert_str_eq(pane, review);
	engine_keys(e, "2w<Enter>");
	ck_assert_msg(strstr(engine_view(e)->message, "snoozed to 2026-03-24"), "%s",
		      engine_view(e)->message);
	engine_keys(e, "gt;s");
	pick_labels(engine_view(e), bulk, sizeof bulk);
	ck_assert_str_eq(bulk, review);
	engine_keys(e, "<Enter>");
	ck_assert_msg(strstr(engine_view(e)->message, "snoozed 1 follow-up to 2026-03-11"), "%s",
		      engine_view(e)->message);
	engine_free(e);
}
END_TEST

/* An introduction moves requested -> made -> met (a thank-you proposed) -> thanked (done). */
START_TEST(test_engine_intro_stages)
{
	struct engine *e = test_engine_new(db, 30, 20);
	struct kith_followup f = { .contact_id = ana, .title = "Ana introduces me to Dan",
				   .kind = KITH_FKIND_INTRODUCE, .intro_by_id = ana,
				   .intro_a_id = me, .intro_b_id = dan,
				   .intro_stage = KITH_INTRO_REQUESTED };
	struct kith_err err;
	const struct view *v;
	int64_t id;

	ck_assert_int_eq(followup_add(db, &f, &id, &err), KITH_OK);
	engine_keys(e, "4G");
	v = engine_view(e);
	ck_assert_str_eq(v->list.rows[v->list.selected].cells[2], "Ana introduces me to Dan");
	engine_keys(e, "I");
	ck_assert_int_eq(followup_get(db, id, &f, NULL), KITH_OK);
	ck_assert_int_eq(f.intro_stage, KITH_INTRO_MADE);
	followup_free(&f);
	ck_assert_int_eq(open_followups(ana), 1);
	engine_keys(e, "I");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_CONFIRM);
	ck_assert_msg(strstr(v->confirm, "thank Ana Diaz for the introduction"), "%s", v->confirm);
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(open_followups(ana), 2);
	engine_keys(e, "4G");
	engine_keys(e, "I");
	ck_assert_int_eq(followup_get(db, id, &f, NULL), KITH_OK);
	ck_assert_int_eq(f.intro_stage, KITH_INTRO_THANKED);
	ck_assert_int_eq(f.status, KITH_FSTATUS_DONE);
	followup_free(&f);
	/* one undo step takes the last move back whole */
	engine_keys(e, "u");
	ck_assert_int_eq(followup_get(db, id, &f, NULL), KITH_OK);
	ck_assert_int_eq(f.intro_stage, KITH_INTRO_MET);
	ck_assert_int_eq(f.status, KITH_FSTATUS_OPEN);
	followup_free(&f);
	engine_free(e);
}
END_TEST

/* The demo's guided tour: each step waits for its command. */
START_TEST(test_engine_tour)
{
	struct engine *e = test_engine_new(db, 20, 20);
	const struct view *v;

	ck_assert_ptr_null(engine_view(e)->message);        /* off by default */
	ck_assert_int_eq(engine_config_text(e, "set tour on\n", "t"), 0);
	ck_assert_str_eq(engine_view(e)->message,
			 "Tour 1/14: Welcome to the demo campaign. Press r for this morning's review.");
	engine_keys(e, "j");                                 /* not the step's key */
	ck_assert(strstr(engine_view(e)->message, "Tour 1/14"));
	engine_keys(e, "r");
	/* the step's own message stays, and the next step shows beside it (issue 17) */
	ck_assert(strstr(engine_view(e)->message, "people today"));
	ck_assert_msg(strstr(engine_view(e)->message, "Tour 2/14"), "%s", engine_view(e)->message);
	engine_keys(e, "?");
	v = engine_view(e);
	ck_assert_msg(strstr(v->message, "Tour 3/14: l logs a talk"), "%s", v->message);
	engine_keys(e, "nq");
	ck_assert_msg(strstr(engine_view(e)->message, "Tour 5/14: Press 3"), "%s",
		      engine_view(e)->message);
	/* J moves down: the move step is done (no one to move here: then k, a plain key) */
	engine_keys(e, "3Jk");
	ck_assert_msg(strstr(engine_view(e)->message, "Tour 7/14: Press w"), "%s",
		      engine_view(e)->message);
	engine_free(e);
}
END_TEST

/* The event card beside the list preps a few people; Enter opens everyone's prep. */
START_TEST(test_event_prep_beside)
{
	struct engine *e = test_engine_new(db, 20, 60);
	int64_t who[] = { eve, jo, ana, dan, fay, ben, gus, hal };
	struct kith_event ev = { .title = "Budget town hall", .start_at = "2026-03-11 18:00" };
	struct kith_err err;
	int64_t id;

	ck_assert_int_eq(event_add(db, &ev, &id, &err), KITH_OK);
	for (size_t i = 0; i < sizeof who / sizeof who[0]; i++)
		ck_assert_int_eq(attendance_set(db, id, who[i], KITH_AROLE_ATTENDEE,
						KITH_ASTATUS_CONFIRMED, &err), KITH_OK);
	engine_layout(e, 20, 60, true);
	engine_keys(e, "2");
	engine_keys(e, "g");
	ck_assert_str_eq(engine_view(e)->detail.title, "Budget town hall");
	ck_assert(detail_has(engine_view(e), "(more people: Enter shows everyone's prep)"));
	ck_assert(!detail_has(engine_view(e), "Hal Pike"));
	engine_keys(e, "<Enter>");
	ck_assert(detail_has(engine_view(e), "Hal Pike"));
	ck_assert(!detail_has(engine_view(e), "(more people"));
	engine_free(e);
}
END_TEST

/*
** Nothing due: the review still opens, says so, and q ends that review, not
** kith (issue 17: the message showed over the panes and q quit the planner).
*/
START_TEST(test_engine_review_empty)
{
	struct engine *e;
	struct kdb *empty = test_db_open();
	const struct view *v;
	int r;

	e = test_engine_new(empty, 20, 20);
	engine_keys(e, "r");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_REVIEW);
	ck_assert(v->review);
	ck_assert_msg(strstr(v->title, "nothing due"), "%s", v->title);
	ck_assert(detail_has(v, "Nothing is due today: everyone is up to date."));
	ck_assert_msg(strstr(v->hint, "q end"), "%s", v->hint);
	ck_assert(!strstr(v->hint, "log"));
	engine_keys(e, "x");                    /* nothing to act on */
	ck_assert_int_eq(engine_view(e)->mode, VM_REVIEW);
	r = engine_keys(e, "q");
	ck_assert(!(r & R_QUIT));
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_NORMAL);
	ck_assert(!v->review);
	ck_assert_str_eq(v->message, "Review ended: nothing was due today");
	/* and q again, outside the review, quits */
	ck_assert(engine_keys(e, "q") & R_QUIT);
	test_engine_free(&e, &empty);
}
END_TEST

/* The options reach the queue. */
START_TEST(test_engine_options)
{
	struct engine *e = test_engine_new(db, 20, 20);
	struct review_params p;

	ck_assert_int_eq(engine_config_text(e, "set review.cap 2\nset review.weight.birthday 60\n"
					    "set tier.A.cadence 40\n", "t"), 0);
	engine_review_params(e, &p);
	ck_assert_int_eq(p.limit, 2);
	ck_assert_int_eq(p.weight[RT_BIRTHDAY], 60);
	ck_assert_int_eq(p.cadence[0], 40);
	ck_assert_int_eq(engine_config_text(e, "set review.weight.owe 1000\n", "t"), 1);
	engine_keys(e, "r");
	ck_assert(strstr(engine_view(e)->title, "1 of 2"));
	ck_assert(detail_has(engine_view(e), "Wish Hal Pike a happy birthday"));
	engine_free(e);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("review");
	TCase *tc = tcase_create("review");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_order_and_scores);
	tcase_add_test(tc, test_terms_and_words);
	tcase_add_test(tc, test_rest_and_rhythm);
	tcase_add_test(tc, test_event_touch_resets_cadence);
	tcase_add_test(tc, test_undated_followup);
	tcase_add_test(tc, test_cold_target_first);
	tcase_add_test(tc, test_cap_and_weights);
	tcase_add_test(tc, test_promise_item);
	tcase_add_test(tc, test_history);
	tcase_add_test(tc, test_recurring_event);
	tcase_add_test(tc, test_recurring_event_zone);
	tcase_add_test(tc, test_engine_review_flow);
	tcase_add_test(tc, test_engine_snooze_everywhere);
	tcase_add_test(tc, test_engine_intro_stages);
	tcase_add_test(tc, test_engine_tour);
	tcase_add_test(tc, test_event_prep_beside);
	tcase_add_test(tc, test_engine_review_empty);
	tcase_add_test(tc, test_engine_options);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? 1 : 0;
}
