/*
 * check_health.c: the health of the network (kith/health.h) and the
 * review's offer term, on a small network with a fixed today.
 *
 * The fixture (today 2026-03-10; the last 90 days start 2025-12-11):
 *   Ana  City Hall (government), Ward 1, tier A, introduced by Ben; talked 03-01
 *   Bo   City Hall, Ward 1, tier B, met "Door-knocking"; talked 03-02
 *   Cy   City Hall and Tenants Union, "ward 1", tier C, met "door-knocking";
 *        a favour asked (+ask) 03-03, and an owed follow-up due 03-09
 *   Di   no role, Ward 2, tier A, a favour asked 02-01 (37 days: past tier A)
 *   Ed   Tenants Union, no district, tier D; help given (+give) 03-04, a
 *        promise kept, one owed to me dropped
 *   Ben  tier A, last talked 2025-11-01: a strong tie gone dormant (129 > 42)
 *   Fi   a strength-3 relationship with me, no tier, talked 2025-09-01
 *        (190 > 2 x tier B's 60): dormant; I asked Fi for an introduction
 *   Gil  tier B, never contacted (added 01-01: 68 days, not past 120)
 *   Hu   tier A, lapsed, archived: in nothing
 * I introduced Ana to Bo (made): a give to both.
 */
#include "testutil.h"

#include "kith/contact.h"
#include "kith/followup.h"
#include "kith/health.h"
#include "kith/interaction.h"
#include "kith/org.h"
#include "kith/review.h"
#include "kith/types.h"
#include "kith/view.h"

static struct kdb *db;
static int64_t me, ana, bo, cy, di, ed, ben, fi, gil, hu, hall, tenants;

static int64_t
person(const char *name, char tier, const char *district, const char *how_met)
{
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1, .tier = tier,
				  .district = (char *)district, .how_met = (char *)how_met };
	struct kith_err err;
	int64_t id = 0;

	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "add %s: %s", name, err.msg);
	return id;
}

static void
talk2(int64_t a, int64_t b, const char *at, int exchange)
{
	int64_t ids[2] = { a, b };
	struct kith_interaction in = { .at = (char *)at, .summary = "talked", .contact_ids = ids,
				       .n_contacts = b ? 2 : 1, .exchange = exchange };
	struct kith_err err;

	ck_assert_msg(interaction_add(db, &in, NULL, &err) == KITH_OK, "%s", err.msg);
}

static void
talk(int64_t who, const char *at, int exchange)
{
	talk2(who, 0, at, exchange);
}

static void
role(int64_t who, int64_t org)
{
	struct kith_role r = { .contact_id = who, .org_id = org, .title = "Member" };
	struct kith_err err;

	ck_assert_msg(role_add(db, &r, NULL, &err) == KITH_OK, "%s", err.msg);
}

static void
fu(int64_t who, const char *due, int dir, int status)
{
	struct kith_followup f = { .contact_id = who, .title = "a promise", .due = (char *)due,
				   .direction = dir, .status = status };
	struct kith_err err;

	ck_assert_msg(followup_add(db, &f, NULL, &err) == KITH_OK, "%s", err.msg);
}

static void
intro(int64_t a, int64_t b, int64_t by, int stage)
{
	struct kith_followup f = { .contact_id = a == me ? by : a, .title = "introduction",
				   .kind = KITH_FKIND_INTRODUCE, .intro_a_id = a, .intro_b_id = b,
				   .intro_by_id = by, .intro_stage = stage };
	struct kith_err err;

	ck_assert_msg(followup_add(db, &f, NULL, &err) == KITH_OK, "%s", err.msg);
}

static void
setup(void)
{
	struct kith_err err;
	struct kith_org o = { .name = "City Hall", .kind = KITH_ORG_GOVERNMENT };
	struct kith_relationship rel = { .type = KITH_REL_SOCIAL, .strength = 3 };
	struct kith_contact c;

	db = test_db_open();
	setenv("KITH_TODAY", "2026-01-01", 1);
	kdate_init_clock(NULL);
	me = person("Me Myself", 0, "", "");
	ben = person("Ben Ode", 'A', "", "");
	ana = person("Ana Diaz", 'A', "Ward 1", "");
	bo = person("Bo Lind", 'B', "Ward 1", "Door-knocking");
	cy = person("Cy Moss", 'C', "ward 1", "door-knocking");
	di = person("Di Park", 'A', "Ward 2", "");
	ed = person("Ed Nash", 'D', "", "");
	fi = person("Fi Gale", 0, "", "");
	gil = person("Gil Roe", 'B', "", "");
	hu = person("Hu Tran", 'A', "Ward 1", "");
	test_fix_clock();
	ck_assert_int_eq(kdb_set_me(db, me, &err), KITH_OK);
	ck_assert_int_eq(org_add(db, &o, &hall, &err), KITH_OK);
	o.name = "Tenants Union";
	o.kind = KITH_ORG_UNION;
	ck_assert_int_eq(org_add(db, &o, &tenants, &err), KITH_OK);
	role(ana, hall);
	role(bo, hall);
	role(cy, hall);
	role(cy, tenants);
	role(ed, tenants);
	ck_assert_int_eq(contact_get(db, ana, &c, &err), KITH_OK);
	c.introducer_id = ben;
	ck_assert_int_eq(contact_update(db, &c, &err), KITH_OK);
	contact_free(&c);
	rel.a_id = me;
	rel.b_id = fi;
	ck_assert_int_eq(relationship_add(db, &rel, NULL, &err), KITH_OK);
	talk(ana, "2026-03-01 10:00", KITH_XCHG_NONE);
	talk(bo, "2026-03-02 10:00", KITH_XCHG_NONE);
	talk(cy, "2026-03-03 10:00", KITH_XCHG_ASK);
	talk(di, "2026-02-01 10:00", KITH_XCHG_ASK);
	talk(ed, "2026-03-04 10:00", KITH_XCHG_GIVE);
	talk(ben, "2025-11-01 10:00", KITH_XCHG_NONE);
	talk(fi, "2025-09-01 10:00", KITH_XCHG_NONE);
	talk(hu, "2025-10-01 10:00", KITH_XCHG_NONE);
	ck_assert_int_eq(contact_set_archived(db, hu, true, &err), KITH_OK);
	fu(cy, "2026-03-09", KITH_DIR_OWED, KITH_FSTATUS_OPEN);
	fu(ed, "2026-03-01", KITH_DIR_OWE, KITH_FSTATUS_DONE);
	fu(ed, "2026-03-01", KITH_DIR_OWED, KITH_FSTATUS_DROPPED);
	intro(ana, bo, me, KITH_INTRO_MADE);
	intro(me, gil, fi, KITH_INTRO_REQUESTED);
}

static void
teardown(void)
{
	kdb_close(db);
	db = NULL;
}

static void
report(struct health_report *r, int warn)
{
	struct health_params p;
	struct kith_err err;

	health_params_default(&p);
	ck_assert_str_eq(p.today, TEST_TODAY);
	p.warn_percent = warn;
	ck_assert_msg(health_report_build(db, &p, r, &err) == KITH_OK, "%s", err.msg);
}

static const struct health_group *
group(const struct health_report *r, int dim, const char *name)
{
	for (int i = 0; i < r->dims[dim].n; i++)
		if (!strcmp(r->dims[dim].groups[i].name, name))
			return &r->dims[dim].groups[i];
	ck_abort_msg("no group %s in %s", name, health_dim_name(dim));
	return NULL;
}

START_TEST(test_breakdowns)
{
	struct health_report r;

	report(&r, 60);
	ck_assert_str_eq(r.since, "2025-12-11");
	ck_assert_int_eq(r.contacts, 8);        /* not me, not the archived Hu */
	ck_assert_int_eq(r.active, 5);
	/* sector: Cy counts in both kinds; Di has no organisation */
	ck_assert_str_eq(r.dims[HD_SECTOR].groups[0].name, "government");
	ck_assert_int_eq(r.dims[HD_SECTOR].groups[0].n, 3);
	ck_assert_int_eq(r.dims[HD_SECTOR].groups[0].percent, 60);
	ck_assert_int_eq(group(&r, HD_SECTOR, "union")->n, 2);
	ck_assert_int_eq(group(&r, HD_SECTOR, "no organisation")->n, 1);
	ck_assert(!group(&r, HD_SECTOR, "no organisation")->known);
	/* district: "ward 1" and "Ward 1" are one group, named as first written */
	ck_assert_str_eq(r.dims[HD_DISTRICT].groups[0].name, "Ward 1");
	ck_assert_int_eq(r.dims[HD_DISTRICT].groups[0].n, 3);
	ck_assert_int_eq(group(&r, HD_DISTRICT, "no district")->n, 1);
	ck_assert_int_eq(group(&r, HD_TIER, "A")->n, 2);
	ck_assert_int_eq(group(&r, HD_TIER, "D")->n, 1);
	ck_assert_int_eq(group(&r, HD_MET, "Door-knocking")->n, 2);
	ck_assert_int_eq(group(&r, HD_MET, "introduced")->n, 1);
	ck_assert_int_eq(group(&r, HD_MET, "not recorded")->n, 2);
	/* the unknown group comes last */
	ck_assert_str_eq(r.dims[HD_MET].groups[r.dims[HD_MET].n - 1].name, "not recorded");
	health_report_free(&r);
}
END_TEST

/* A group at the threshold warns; below it, nothing; tier never warns. */
START_TEST(test_warning_threshold)
{
	struct health_report r;

	report(&r, 60);
	ck_assert_ptr_nonnull(r.dims[HD_SECTOR].warning);
	ck_assert_str_eq(r.dims[HD_SECTOR].warning,
			 "60 % of the people you talked to in the last 90 days are in government");
	ck_assert_str_eq(r.dims[HD_DISTRICT].warning,
			 "60 % of the people you talked to in the last 90 days are in Ward 1");
	ck_assert_ptr_null(r.dims[HD_MET].warning);     /* 40 % */
	health_report_free(&r);
	report(&r, 61);
	ck_assert_ptr_null(r.dims[HD_SECTOR].warning);
	ck_assert_ptr_null(r.dims[HD_DISTRICT].warning);
	health_report_free(&r);
	report(&r, 40);
	ck_assert_ptr_nonnull(r.dims[HD_MET].warning);
	ck_assert_str_eq(r.dims[HD_MET].warning, "40 % of the people you talked to in the last "
			 "90 days you met the same way: Door-knocking");
	ck_assert_ptr_null(r.dims[HD_TIER].warning);    /* A holds 40 %: tiers never warn */
	health_report_free(&r);
}
END_TEST

START_TEST(test_dormant_ties)
{
	struct health_report r;

	report(&r, 60);
	ck_assert_int_eq(r.total_dormant, 2);
	/* the longest silence for the cadence first: Ben 129 of 21 (6.1x), Fi 190 of 60 (3.2x) */
	ck_assert_int_eq(r.dormant[0].contact_id, ben);
	ck_assert_int_eq(r.dormant[0].silent, 129);
	ck_assert_int_eq(r.dormant[0].cadence, 21);
	ck_assert_int_eq(r.dormant[0].tier, 'A');
	ck_assert_int_eq(r.dormant[1].contact_id, fi);
	ck_assert(r.dormant[1].strong);
	ck_assert_int_eq(r.dormant[1].cadence, 60);
	ck_assert_int_eq(r.dormant[1].silent, 190);
	health_report_free(&r);
}
END_TEST

START_TEST(test_reciprocity_order)
{
	struct health_report r;
	int64_t want[] = { cy, di, fi, ana, bo, ed };

	report(&r, 60);
	ck_assert_int_eq(r.total_recip, 6);
	ck_assert_int_eq(r.only_asked, 3);
	ck_assert_int_eq(r.n_recip, 6);
	for (int i = 0; i < 6; i++)
		ck_assert_msg(r.recip[i].contact_id == want[i], "#%d is %s", i, r.recip[i].name);
	ck_assert_int_eq(r.recip[0].asked_favours, 1);
	ck_assert_int_eq(r.recip[0].asked_owed, 1);
	ck_assert_int_eq(r.recip[2].asked_intros, 1);
	ck_assert_int_eq(r.recip[3].gave_intros, 1);
	ck_assert_int_eq(r.recip[4].gave_intros, 1);
	ck_assert_int_eq(r.recip[5].gave_help, 1);
	ck_assert_int_eq(r.recip[5].gave_kept, 1);
	ck_assert_int_eq(r.recip[5].asked, 0);      /* the dropped promise is no ask */
	health_report_free(&r);
}
END_TEST

/* One person's counts are the report's; "me" has none; the words. */
START_TEST(test_recip_for)
{
	struct health_recip x;
	struct kith_err err;
	char words[128];

	ck_assert_int_eq(health_recip_for(db, cy, &x, &err), KITH_OK);
	ck_assert_int_eq(x.asked, 2);
	ck_assert_int_eq(x.gave, 0);
	health_recip_words(&x, true, words, sizeof words);
	ck_assert_str_eq(words, "1 favour, 1 owed to you");
	ck_assert_int_eq(health_recip_for(db, ed, &x, &err), KITH_OK);
	ck_assert_int_eq(x.gave, 2);
	health_recip_words(&x, false, words, sizeof words);
	ck_assert_str_eq(words, "1 help, 1 promise kept");
	ck_assert_int_eq(health_recip_for(db, bo, &x, &err), KITH_OK);
	ck_assert_int_eq(x.gave_intros, 1);
	ck_assert_int_eq(health_recip_for(db, fi, &x, &err), KITH_OK);
	ck_assert_int_eq(x.asked_intros, 1);
	ck_assert_int_eq(health_recip_for(db, me, &x, &err), KITH_OK);
	ck_assert_int_eq(x.gave + x.asked, 0);
}
END_TEST

/* --limit lists fewer and keeps the totals. */
START_TEST(test_limit)
{
	struct health_params p;
	struct health_report r;
	struct kith_err err;

	health_params_default(&p);
	p.limit = 2;
	ck_assert_int_eq(health_report_build(db, &p, &r, &err), KITH_OK);
	ck_assert_int_eq(r.n_recip, 2);
	ck_assert_int_eq(r.recip[0].contact_id, cy);    /* the first two of the full order */
	ck_assert_int_eq(r.recip[1].contact_id, di);
	ck_assert_int_eq(r.total_recip, 6);
	ck_assert_int_eq(r.only_asked, 3);
	ck_assert_int_eq(r.n_dormant, 2);
	health_report_free(&r);
	p.limit = 1;
	p.days = 8;                     /* from 03-03: only Cy (03-03) and Ed (03-04) */
	ck_assert_int_eq(health_report_build(db, &p, &r, &err), KITH_OK);
	ck_assert_int_eq(r.active, 2);
	ck_assert_int_eq(r.n_dormant, 1);
	ck_assert_int_eq(r.total_dormant, 2);
	ck_assert_ptr_null(r.dims[HD_SECTOR].warning);  /* fewer than HEALTH_WARN_MIN */
	health_report_free(&r);
}
END_TEST

static const struct review_item *
item_of(const struct review_queue *q, int64_t id)
{
	for (int i = 0; i < q->n; i++)
		if (q->items[i].contact_id == id)
			return &q->items[i];
	return NULL;
}

static bool
has_term(const struct review_item *it, int term)
{
	for (int i = 0; i < it->nterms; i++)
		if (it->terms[i].id == term)
			return true;
	return false;
}

/* The review offers something to the people only asked of, instead of another ask. */
START_TEST(test_review_offer)
{
	struct review_params p;
	struct review_queue q;
	struct kith_err err;
	const struct review_item *it;

	review_params_default(&p);
	p.limit = 0;
	ck_assert_int_eq(review_queue_build(db, &p, &q, &err), KITH_OK);
	ck_assert_ptr_nonnull(it = item_of(&q, cy));
	ck_assert(has_term(it, RT_OFFER));
	ck_assert_str_eq(it->what, "offer Cy Moss something before asking for: a promise");
	ck_assert_ptr_nonnull(strstr(it->why, "you asked 2 times (1 favour, 1 owed to you) and "
				      "gave nothing yet"));
	ck_assert_ptr_nonnull(it = item_of(&q, di));
	ck_assert(has_term(it, RT_OFFER));
	ck_assert_str_eq(it->what, "offer something to Di Park");
	ck_assert_int_eq(it->terms[it->nterms - 1].points, 3);
	ck_assert_ptr_nonnull(it = item_of(&q, ben));       /* never asked: reconnect */
	ck_assert(!has_term(it, RT_OFFER));
	ck_assert_str_eq(it->what, "reconnect with Ben Ode");
	review_queue_free(&q);
	/* weight 0: the term is off, and the words are the usual ones */
	p.weight[RT_OFFER] = 0;
	ck_assert_int_eq(review_queue_build(db, &p, &q, &err), KITH_OK);
	ck_assert_ptr_nonnull(it = item_of(&q, di));
	ck_assert(!has_term(it, RT_OFFER));
	ck_assert_str_eq(it->what, "reconnect with Di Park");
	ck_assert_str_eq(item_of(&q, cy)->what, "ask Cy Moss for what they promised: a promise");
	review_queue_free(&q);
}
END_TEST

/* A give after the asks ends "only asked". */
START_TEST(test_give_ends_only_asked)
{
	struct health_report r;

	talk(di, "2026-03-05 10:00", KITH_XCHG_GIVE);
	report(&r, 60);
	ck_assert_int_eq(r.only_asked, 2);
	for (int i = 0; i < r.only_asked; i++)
		ck_assert(r.recip[i].contact_id != di);
	health_report_free(&r);
}
END_TEST

static int
line_with(const struct view *v, const char *text)
{
	for (int i = 0; i < v->detail.nlines; i++)
		if (strstr(v->detail.lines[i].text, text))
			return i;
	return -1;
}

/* The Health view in the engine: zh, the report, j to a person, Enter opens the card. */
START_TEST(test_engine_view)
{
	struct engine *e = test_engine_new(db, 20, 20);
	const struct view *v;
	int cy_line, tries = 0;

	engine_keys(e, "zh");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_HEALTH);
	ck_assert(v->review);
	ck_assert_ptr_nonnull(strstr(v->title, "kith — Health"));
	ck_assert_int_ge(line_with(v, "! 60 % of the people you talked to in the last 90 days are "
				   "in government"), 0);
	ck_assert_int_ge(line_with(v, "Strong ties going dormant: 2"), 0);
	ck_assert_int_ge(cy_line = line_with(v, "Cy Moss · asked 2 (1 favour, 1 owed to you), gave "
					     "nothing: offer something"), 0);
	ck_assert_int_eq(v->detail.lines[0].style, VS_SELECTED);   /* the cursor starts on top */
	while (engine_view(e)->detail.lines[cy_line].style != VS_SELECTED && tries++ < 100)
		engine_keys(e, "j");
	v = engine_view(e);
	ck_assert_int_eq(v->detail.lines[cy_line].style, VS_SELECTED);
	ck_assert_int_ne(v->detail.lines[0].style, VS_SELECTED);    /* the old line has its own back */
	engine_keys(e, "<Enter>");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_NORMAL);
	ck_assert_int_eq(v->pane, VP_CONTACTS);
	ck_assert_int_ge(line_with(v, "you only asked: 1 favour, 1 owed to you; offer something "
				   "before another ask"), 0);
	/* a line naming no one: Enter does nothing there */
	engine_keys(e, "zhg<Enter>");
	ck_assert_int_eq(engine_view(e)->mode, VM_HEALTH);
	engine_keys(e, "q");
	ck_assert_int_eq(engine_view(e)->mode, VM_NORMAL);
	engine_free(e);
}
END_TEST

/*
 * The offer term is read only for the candidates it could lift into the
 * cap (review.c's offer_pass): each cap must keep the head of the whole
 * queue, in the same order, with the same scores and words, for weights
 * that move people across the cut.
 */
START_TEST(test_review_offer_cap)
{
	static const int weights[] = { 3, 8, 30, -5 };
	struct review_params p;
	struct review_queue all, q;
	struct kith_err err;

	/* Zed: tier B, asked once 70 days ago: a cadence term (5) below the others */
	talk(person("Zed Ash", 'B', "", ""), "2025-12-30 10:00", KITH_XCHG_ASK);
	review_params_default(&p);
	for (size_t w = 0; w < sizeof weights / sizeof weights[0]; w++) {
		p.weight[RT_OFFER] = weights[w];
		p.limit = 0;
		ck_assert_int_eq(review_queue_build(db, &p, &all, &err), KITH_OK);
		ck_assert_int_ge(all.n, 4);
		for (int lim = 1; lim <= all.n; lim++) {
			p.limit = lim;
			ck_assert_int_eq(review_queue_build(db, &p, &q, &err), KITH_OK);
			ck_assert_int_eq(q.n, lim);
			ck_assert_int_eq(q.total, all.total);
			for (int i = 0; i < lim; i++) {
				ck_assert_msg(q.items[i].contact_id == all.items[i].contact_id &&
					      q.items[i].followup_id == all.items[i].followup_id,
					      "weight %d, cap %d: item %d differs", weights[w], lim, i);
				ck_assert_int_eq(q.items[i].score, all.items[i].score);
				ck_assert_str_eq(q.items[i].what, all.items[i].what);
				ck_assert_str_eq(q.items[i].why, all.items[i].why);
			}
			review_queue_free(&q);
		}
		review_queue_free(&all);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("health");
	TCase *tc = tcase_create("health");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_breakdowns);
	tcase_add_test(tc, test_warning_threshold);
	tcase_add_test(tc, test_dormant_ties);
	tcase_add_test(tc, test_reciprocity_order);
	tcase_add_test(tc, test_recip_for);
	tcase_add_test(tc, test_limit);
	tcase_add_test(tc, test_review_offer);
	tcase_add_test(tc, test_review_offer_cap);
	tcase_add_test(tc, test_give_ends_only_asked);
	tcase_add_test(tc, test_engine_view);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? EXIT_FAILURE : EXIT_SUCCESS;
}
