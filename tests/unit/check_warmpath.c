/*
 * check_warmpath.c: warm paths on small fixture graphs: reasons, ranking,
 * ties, cycles, parallel links, weak links beating the strong first round,
 * past links, shared roles, organisation targets, the hop
 * limit and bad queries.
 */
#include "testutil.h"

#include <string.h>

#include "kith/contact.h"
#include "kith/interaction.h"
#include "kith/org.h"
#include "kith/types.h"
#include "kith/warmpath.h"

static struct kdb *db;
static struct warm_path *paths;
static int npaths;

static void
setup(void)
{
	db = test_db_open();
	paths = NULL;
	npaths = 0;
}

static void
teardown(void)
{
	warm_paths_free(paths, npaths);
	paths = NULL;
	kdb_close(db);
	db = NULL;
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
relate(int64_t a, int64_t b, int type, int strength, const char *from, const char *to)
{
	struct kith_relationship r = { .a_id = a, .b_id = b, .type = type, .strength = strength,
				       .start_date = (char *)from, .end_date = (char *)to };
	struct kith_err err;
	ck_assert_msg(relationship_add(db, &r, NULL, &err) == KITH_OK, "relate: %s", err.msg);
}

static void
role(int64_t who, int64_t org, const char *title, const char *to)
{
	struct kith_role r = { .contact_id = who, .org_id = org, .title = (char *)title,
			       .start_date = "2020-01-01", .end_date = (char *)to };
	struct kith_err err;
	ck_assert_msg(role_add(db, &r, NULL, &err) == KITH_OK, "role: %s", err.msg);
}

static void
talk(const char *at, int64_t a, int64_t b)
{
	int64_t ids[2] = { a, b };
	struct kith_interaction i = { .at = (char *)at, .summary = "coffee", .contact_ids = ids,
				      .n_contacts = b ? 2 : 1 };
	struct kith_err err;
	ck_assert_msg(interaction_add(db, &i, NULL, &err) == KITH_OK, "talk: %s", err.msg);
}

static void
set_me(int64_t id)
{
	struct kith_err err;
	ck_assert_int_eq(kdb_set_me(db, id, &err), KITH_OK);
}

/* Paths to a contact (org 0) or an organisation; frees the previous result. */
static enum kith_status
find(int64_t contact, int64_t org, int k, int hops)
{
	struct warm_query q = { 0, contact, org, k, hops };
	struct kith_err err;
	enum kith_status rc;

	warm_paths_free(paths, npaths);
	paths = NULL;
	npaths = 0;
	kith_err_clear(&err);
	rc = warm_paths(db, &q, &paths, &npaths, &err);
	if (rc == KITH_OK)
		ck_assert_msg(err.msg[0] == '\0', "%s", err.msg);
	return rc;
}

START_TEST(test_reasons_and_rank)
{
	int64_t me = person("Me"), ana = person("Ana"), diaz = person("Cllr. Diaz"),
		bo = person("Bo");

	set_me(me);
	relate(me, ana, KITH_REL_MENTOR, 3, NULL, NULL);
	relate(ana, diaz, KITH_REL_PROFESSIONAL, 2, NULL, NULL);
	relate(me, bo, KITH_REL_SOCIAL, 1, NULL, NULL);
	relate(bo, diaz, KITH_REL_SOCIAL, 1, NULL, NULL);
	talk("2026-03-01 10:00", ana, 0);              /* 9 days before TEST_TODAY */
	talk("2025-12-10 10:00", ana, diaz);           /* met both, 90 days ago */

	/* meeting Ana and Diaz together was talking to Diaz: that comes first */
	ck_assert_int_eq(find(diaz, 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 3);
	ck_assert_int_eq(paths[0].nhops, 1);
	ck_assert_int_eq(paths[0].hops[0].link, WARM_LINK_TALKED);
	ck_assert_str_eq(paths[0].hops[0].reason, "you talked to them yourself 3 months ago");
	ck_assert_int_eq(paths[1].nhops, 2);
	ck_assert_int_eq(paths[1].hops[0].contact_id, ana);
	ck_assert_str_eq(paths[1].hops[0].name, "Ana");
	ck_assert_str_eq(paths[1].hops[0].reason, "mentor; talked 9 days ago");
	ck_assert_int_eq(paths[1].hops[1].contact_id, diaz);
	ck_assert_str_eq(paths[1].hops[1].reason, "professional; seen together 3 months ago");
	ck_assert_str_eq(paths[1].hops[1].last_at, "2025-12-10 10:00");
	/* 1 * 2/3 * (1 - 0.4 * 60/335) */
	ck_assert_double_eq_tol(paths[1].score, 2.0 / 3.0 * (1 - 0.4 * 60.0 / 335.0), 1e-9);
	/* the weak chain through Bo, never touched: 1/3 * 0.6 each */
	ck_assert_int_eq(paths[2].hops[0].contact_id, bo);
	ck_assert_str_eq(paths[2].hops[0].reason, "social");
	ck_assert_double_eq_tol(paths[2].score, 0.2 * 0.2, 1e-9);
	ck_assert(paths[1].score > paths[2].score);

	/* k = 2: the talk, then only the best chain */
	ck_assert_int_eq(find(diaz, 0, 2, 0), KITH_OK);
	ck_assert_int_eq(npaths, 2);
	ck_assert_int_eq(paths[1].hops[0].contact_id, ana);

	/* a direct link is a one-hop path, ahead of me-Bo-Diaz-Ana */
	ck_assert_int_eq(find(ana, 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 2);
	ck_assert_int_eq(paths[0].nhops, 1);
	ck_assert_int_eq(paths[1].nhops, 3);
}
END_TEST

START_TEST(test_ties)
{
	int64_t me = person("Me"), a = person("A"), b = person("B"), t = person("T");

	set_me(me);
	/* added in the "wrong" order: the tie still goes to the lower id */
	relate(me, b, KITH_REL_ALLY, 2, NULL, NULL);
	relate(b, t, KITH_REL_ALLY, 2, NULL, NULL);
	relate(me, a, KITH_REL_ALLY, 2, NULL, NULL);
	relate(a, t, KITH_REL_ALLY, 2, NULL, NULL);
	for (int round = 0; round < 3; round++) {
		ck_assert_int_eq(find(t, 0, 0, 0), KITH_OK);
		ck_assert_int_eq(npaths, 2);
		ck_assert_double_eq_tol(paths[0].score, paths[1].score, 1e-12);
		ck_assert_int_eq(paths[0].hops[0].contact_id, a);
		ck_assert_int_eq(paths[1].hops[0].contact_id, b);
	}
	/* with k = 1 the same one wins */
	ck_assert_int_eq(find(t, 0, 1, 0), KITH_OK);
	ck_assert_int_eq(npaths, 1);
	ck_assert_int_eq(paths[0].hops[0].contact_id, a);
	/* equal scores: the shorter path first (strength 3, recent links weigh 1) */
	{
		int64_t c = person("C"), d = person("D");
		relate(me, c, KITH_REL_ALLY, 3, NULL, NULL);
		relate(c, d, KITH_REL_ALLY, 3, NULL, NULL);
		relate(d, t, KITH_REL_ALLY, 3, NULL, NULL);
		relate(me, t, KITH_REL_ALLY, 3, NULL, NULL);
		talk("2026-03-09 10:00", c, d);
		talk("2026-03-09 10:00", d, t);
		talk("2026-03-09 10:00", c, 0);
		talk("2026-03-09 10:00", t, 0);
		ck_assert_int_eq(find(t, 0, 0, 0), KITH_OK);
		ck_assert_int_eq(paths[0].nhops, 1);
		ck_assert_double_eq_tol(paths[0].score, 1.0, 1e-12);
		ck_assert_int_eq(paths[1].nhops, 3);
		ck_assert_double_eq_tol(paths[1].score, 1.0, 1e-12);
	}
}
END_TEST

START_TEST(test_cycles)
{
	int64_t me = person("Me"), a = person("A"), b = person("B"), c = person("C"),
		t = person("T");

	set_me(me);
	relate(me, a, KITH_REL_ALLY, 2, NULL, NULL);
	relate(a, b, KITH_REL_ALLY, 2, NULL, NULL);
	relate(b, c, KITH_REL_ALLY, 2, NULL, NULL);
	relate(c, a, KITH_REL_ALLY, 2, NULL, NULL);
	relate(b, me, KITH_REL_ALLY, 1, NULL, NULL);
	relate(c, t, KITH_REL_ALLY, 2, NULL, NULL);
	ck_assert_int_eq(find(t, 0, WARM_MAX_K, WARM_MAX_HOPS), KITH_OK);
	/* me-a-c-t, me-b-c-t, me-a-b-c-t, me-b-a-c-t: every node at most once */
	ck_assert_int_eq(npaths, 4);
	for (int i = 0; i < npaths; i++) {
		ck_assert_int_eq(paths[i].hops[paths[i].nhops - 1].contact_id, t);
		for (int j = 0; j < paths[i].nhops; j++) {
			ck_assert_int_ne(paths[i].hops[j].contact_id, me);
			for (int k = j + 1; k < paths[i].nhops; k++)
				ck_assert_int_ne(paths[i].hops[j].contact_id,
						 paths[i].hops[k].contact_id);
		}
	}
	ck_assert_int_eq(paths[0].nhops, 3);
	ck_assert_int_eq(paths[0].hops[0].contact_id, a);
	ck_assert_int_eq(paths[3].nhops, 4);
}
END_TEST

/* Two equally strong relationships between the same people: the older record counts. */
START_TEST(test_parallel_links)
{
	int64_t me = person("Me"), x = person("X"), t = person("T");

	set_me(me);
	relate(me, x, KITH_REL_MENTOR, 3, NULL, NULL);          /* older: wins */
	relate(x, me, KITH_REL_ALLY, 3, NULL, NULL);            /* read first from x's side */
	relate(t, x, KITH_REL_SOCIAL, 2, NULL, NULL);           /* older: wins */
	relate(x, t, KITH_REL_RIVAL, 2, NULL, NULL);
	relate(x, t, KITH_REL_FAMILY, 1, NULL, NULL);           /* weaker: never */
	for (int hops = 1; hops <= 4; hops++) {
		ck_assert_int_eq(find(x, 0, 0, hops), KITH_OK);
		ck_assert_int_eq(npaths, 1);
		ck_assert_str_eq(paths[0].hops[0].reason, "mentor");
	}
	ck_assert_int_eq(find(t, 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 1);
	ck_assert_str_eq(paths[0].hops[0].reason, "mentor");
	ck_assert_str_eq(paths[0].hops[1].reason, "social");
}
END_TEST

/*
 * The first round (strength 3, at most 3 hops) only sets a floor: a
 * shorter, recent path over a weaker link that beats it is still found,
 * and so is the k-th best over weak links when the strong ones are few.
 */
START_TEST(test_weak_beats_strong)
{
	int64_t me = person("Me"), a = person("A"), b = person("B"), w = person("W"),
		v = person("V"), t = person("T");

	set_me(me);
	relate(me, a, KITH_REL_ALLY, 3, NULL, NULL);
	relate(a, b, KITH_REL_ALLY, 3, NULL, NULL);
	relate(b, t, KITH_REL_ALLY, 3, NULL, NULL);             /* 1 * 0.6 * 0.6 */
	relate(me, w, KITH_REL_ALLY, 2, NULL, NULL);
	relate(w, t, KITH_REL_ALLY, 3, NULL, NULL);
	relate(me, v, KITH_REL_ALLY, 1, NULL, NULL);
	relate(v, t, KITH_REL_ALLY, 1, NULL, NULL);             /* 1/3 * 1/3 * 0.6 */
	talk("2026-03-08 10:00", a, 0);
	talk("2026-03-08 10:00", v, 0);
	talk("2026-03-09 10:00", w, t);                         /* 2/3 * 1 */
	/* (that talk was with T too: "you talked to them yourself" comes first) */
	ck_assert_int_eq(find(t, 0, 2, 0), KITH_OK);
	ck_assert_int_eq(npaths, 2);
	ck_assert_int_eq(paths[0].hops[0].link, WARM_LINK_TALKED);
	ck_assert_int_eq(paths[1].hops[0].contact_id, w);
	ck_assert_double_eq_tol(paths[1].score, 2.0 / 3.0, 1e-12);
	ck_assert_int_eq(find(t, 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 4);
	ck_assert_int_eq(paths[1].hops[0].contact_id, w);
	ck_assert_int_eq(paths[2].hops[0].contact_id, a);
	ck_assert_double_eq_tol(paths[2].score, 0.36, 1e-12);
	ck_assert_int_eq(paths[3].hops[0].contact_id, v);
	ck_assert_double_eq_tol(paths[3].score, 1.0 / 9.0 * 0.6, 1e-12);
}
END_TEST

START_TEST(test_past_excluded)
{
	int64_t me = person("Me"), a = person("A"), b = person("B"), t = person("T");
	struct kith_err err;
	int64_t org;

	set_me(me);
	relate(me, a, KITH_REL_ALLY, 3, NULL, NULL);
	relate(a, t, KITH_REL_ALLY, 3, "2020-01-01", "2025-06-30");      /* ended */
	relate(me, b, KITH_REL_ALLY, 3, NULL, "2026-01-01");             /* ended */
	relate(b, t, KITH_REL_ALLY, 3, NULL, NULL);
	ck_assert_int_eq(find(t, 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 0);
	/* a relationship ending later is still current */
	relate(a, t, KITH_REL_SOCIAL, 1, NULL, "2026-12-31");
	ck_assert_int_eq(find(t, 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 1);
	ck_assert_str_eq(paths[0].hops[1].reason, "social");

	/* roles: a past one makes no link, a current one does */
	ck_assert_int_eq(org_find(db, "Planning Commission", true, &org, &err), KITH_OK);
	role(b, org, "Commissioner", NULL);
	role(me, org, "Commissioner", "2025-01-01");
	ck_assert_int_eq(find(t, 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 1);
	role(me, org, "Chair", NULL);
	ck_assert_int_eq(find(t, 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 2);
	/* shared role (2/3 * 0.6) then b-t (0.6) beats a (0.6) then the weak a-t (0.2) */
	ck_assert_int_eq(paths[0].hops[0].contact_id, b);
	ck_assert_str_eq(paths[0].hops[0].reason, "both on Planning Commission");
	ck_assert_int_eq(paths[0].hops[0].link, WARM_LINK_SHARED_ROLE);
	ck_assert_int_eq(paths[0].hops[0].org_id, org);
	ck_assert_int_eq(paths[1].hops[0].contact_id, a);
}
END_TEST

static int64_t
opponent(const char *name, int alignment)
{
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1,
				  .alignment = alignment };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "add %s: %s", name, err.msg);
	return id;
}

/* A rivalry is no warm link, whatever its strength (issue 17). */
START_TEST(test_rival_not_warm)
{
	int64_t me = person("Me"), ana = person("Ana"), bo = person("Bo"), t = person("T");

	set_me(me);
	relate(me, ana, KITH_REL_MENTOR, 3, NULL, NULL);
	relate(ana, t, KITH_REL_RIVAL, 3, NULL, NULL);          /* Ana's rival */
	relate(me, bo, KITH_REL_SOCIAL, 1, NULL, NULL);
	relate(bo, t, KITH_REL_SOCIAL, 1, NULL, NULL);
	ck_assert_int_eq(find(t, 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 1);
	ck_assert_int_eq(paths[0].hops[0].contact_id, bo);
	/* my own rival is no way in either, in any round or join */
	relate(me, t, KITH_REL_RIVAL, 3, NULL, NULL);
	relate(ana, bo, KITH_REL_RIVAL, 3, NULL, NULL);
	ck_assert_int_eq(find(t, 0, 0, 6), KITH_OK);
	ck_assert_int_eq(npaths, 1);
	ck_assert_int_eq(paths[0].nhops, 2);
	ck_assert_int_eq(paths[0].hops[0].contact_id, bo);
	/* on a longer chain too: me - ana - (rival) c - d - t */
	{
		int64_t c = person("C"), d = person("D"), t2 = person("T2");
		relate(ana, c, KITH_REL_RIVAL, 3, NULL, NULL);
		relate(c, d, KITH_REL_ALLY, 3, NULL, NULL);
		relate(d, t2, KITH_REL_ALLY, 3, NULL, NULL);
		ck_assert_int_eq(find(t2, 0, 0, 6), KITH_OK);
		ck_assert_int_eq(npaths, 0);
	}
}
END_TEST

/* A person in opposition is nobody's way in, but may be the target. */
START_TEST(test_opponent_not_warm)
{
	int64_t me = person("Me"), otto = opponent("Otto", -2), pia = opponent("Pia", -1),
		bo = person("Bo"), t = person("T"), org;
	struct kith_err err;

	set_me(me);
	relate(me, otto, KITH_REL_PROFESSIONAL, 3, NULL, NULL);
	relate(otto, t, KITH_REL_PROFESSIONAL, 3, NULL, NULL);
	relate(me, pia, KITH_REL_PROFESSIONAL, 3, NULL, NULL);
	relate(pia, t, KITH_REL_PROFESSIONAL, 3, NULL, NULL);
	relate(me, bo, KITH_REL_SOCIAL, 1, NULL, NULL);
	relate(bo, t, KITH_REL_SOCIAL, 1, NULL, NULL);
	ck_assert_int_eq(find(t, 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 1);
	ck_assert_int_eq(paths[0].hops[0].contact_id, bo);
	/* the opponent as the target: reached */
	relate(bo, otto, KITH_REL_SOCIAL, 2, NULL, NULL);
	ck_assert_int_eq(find(otto, 0, 0, 0), KITH_OK);
	ck_assert_int_ge(npaths, 2);
	ck_assert_int_eq(paths[0].nhops, 1);
	ck_assert_int_eq(paths[0].hops[0].contact_id, otto);
	for (int i = 0; i < npaths; i++)
		for (int j = 0; j + 1 < paths[i].nhops; j++)
			ck_assert(paths[i].hops[j].contact_id != pia);
	/* an organisation target: an opponent's role there is no way in */
	ck_assert_int_eq(org_find(db, "Zoning Board", true, &org, &err), KITH_OK);
	role(otto, org, "Chair", NULL);
	ck_assert_int_eq(find(0, org, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 0);
	role(bo, org, "Member", NULL);
	ck_assert_int_eq(find(0, org, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 1);
	ck_assert_int_eq(paths[0].hops[0].contact_id, bo);
}
END_TEST

/* Talking to the target yourself is the shortest path, shown first (issue 17). */
START_TEST(test_talked_first)
{
	int64_t me = person("Me"), ana = person("Ana"), t = person("Cllr. Diaz");

	set_me(me);
	relate(me, ana, KITH_REL_MENTOR, 3, NULL, NULL);
	relate(ana, t, KITH_REL_PROFESSIONAL, 3, NULL, NULL);
	talk("2026-03-09 10:00", ana, 0);
	ck_assert_int_eq(find(t, 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 1);
	ck_assert_int_eq(paths[0].nhops, 2);
	/* a talk with Diaz: first, though no relationship links us */
	talk("2026-02-01 10:00", t, 0);
	ck_assert_int_eq(find(t, 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 2);
	ck_assert_int_eq(paths[0].nhops, 1);
	ck_assert_int_eq(paths[0].hops[0].contact_id, t);
	ck_assert_int_eq(paths[0].hops[0].link, WARM_LINK_TALKED);
	ck_assert_str_eq(paths[0].hops[0].name, "Cllr. Diaz");
	ck_assert_str_eq(paths[0].hops[0].reason, "you talked to them yourself 37 days ago");
	ck_assert_int_eq(paths[1].hops[0].contact_id, ana);
	/* k = 1: the talk alone */
	ck_assert_int_eq(find(t, 0, 1, 0), KITH_OK);
	ck_assert_int_eq(npaths, 1);
	ck_assert_int_eq(paths[0].hops[0].link, WARM_LINK_TALKED);
	/* a weak direct link scoring below the chain through Ana still comes first */
	relate(me, t, KITH_REL_SOCIAL, 1, NULL, NULL);
	ck_assert_int_eq(find(t, 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 2);
	ck_assert_int_eq(paths[0].nhops, 1);
	ck_assert_int_eq(paths[0].hops[0].link, WARM_LINK_REL);
	ck_assert(paths[0].score < paths[1].score);
}
END_TEST

START_TEST(test_hop_limit)
{
	int64_t me = person("Me"), ids[5], prev;

	set_me(me);
	prev = me;
	for (int i = 0; i < 5; i++) {
		char name[8];
		snprintf(name, sizeof name, "N%d", i);
		ids[i] = person(name);
		relate(prev, ids[i], KITH_REL_PROFESSIONAL, 3, NULL, NULL);
		prev = ids[i];
	}
	/* me - N0 - N1 - N2 - N3 - N4: N4 is five hops away */
	ck_assert_int_eq(find(ids[4], 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 0);
	ck_assert_int_eq(find(ids[3], 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 1);
	ck_assert_int_eq(paths[0].nhops, 4);
	ck_assert_int_eq(find(ids[4], 0, 0, 5), KITH_OK);
	ck_assert_int_eq(npaths, 1);
	ck_assert_int_eq(paths[0].nhops, 5);
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(paths[0].hops[i].contact_id, ids[i]);
	ck_assert_int_eq(find(ids[1], 0, 0, 1), KITH_OK);
	ck_assert_int_eq(npaths, 0);
	ck_assert_int_eq(find(ids[1], 0, 0, 2), KITH_OK);
	ck_assert_int_eq(npaths, 1);
}
END_TEST

START_TEST(test_org_target)
{
	int64_t me = person("Me"), a = person("Ana"), b = person("Bo");
	struct kith_relationship r = { 0 };
	struct kith_err err;
	int64_t org;

	set_me(me);
	ck_assert_int_eq(org_find(db, "Riverton Chamber", true, &org, &err), KITH_OK);
	relate(me, a, KITH_REL_ALLY, 3, NULL, NULL);
	relate(me, b, KITH_REL_ALLY, 3, NULL, NULL);
	role(a, org, "Board chair", NULL);
	r.a_id = b;
	r.b_org_id = org;
	r.type = KITH_REL_DONATION;
	r.strength = 1;
	ck_assert_int_eq(relationship_add(db, &r, NULL, &err), KITH_OK);
	ck_assert_int_eq(find(0, org, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 2);
	ck_assert_int_eq(paths[0].hops[0].contact_id, a);
	ck_assert_int_eq(paths[0].hops[1].contact_id, 0);
	ck_assert_int_eq(paths[0].hops[1].org_id, org);
	ck_assert_str_eq(paths[0].hops[1].name, "Riverton Chamber");
	ck_assert_str_eq(paths[0].hops[1].reason, "Board chair there");
	ck_assert_str_eq(paths[1].hops[1].reason, "donation with it");
}
END_TEST

START_TEST(test_bad_queries)
{
	int64_t me = person("Me"), a = person("A");
	struct warm_query q = { 0, a, 0, 0, 0 };
	struct kith_err err;

	/* no "me" yet */
	ck_assert_int_eq(warm_paths(db, &q, &paths, &npaths, &err), KITH_INVALID);
	ck_assert_ptr_nonnull(strstr(err.msg, "me"));
	set_me(me);
	q.to_contact_id = me;
	ck_assert_int_eq(warm_paths(db, &q, &paths, &npaths, &err), KITH_INVALID);
	q.to_contact_id = 999;
	ck_assert_int_eq(warm_paths(db, &q, &paths, &npaths, &err), KITH_NOTFOUND);
	q.to_contact_id = a;
	q.max_hops = WARM_MAX_HOPS + 1;
	ck_assert_int_eq(warm_paths(db, &q, &paths, &npaths, &err), KITH_INVALID);
	q.max_hops = 0;
	q.k = WARM_MAX_K + 1;
	ck_assert_int_eq(warm_paths(db, &q, &paths, &npaths, &err), KITH_INVALID);
	q.k = 0;
	q.to_org_id = 1;
	ck_assert_int_eq(warm_paths(db, &q, &paths, &npaths, &err), KITH_INVALID);
	/* nobody linked: no path, and that is not an error */
	ck_assert_int_eq(find(a, 0, 0, 0), KITH_OK);
	ck_assert_int_eq(npaths, 0);
	ck_assert_ptr_null(paths);
}
END_TEST

static Suite *
warmpath_suite(void)
{
	Suite *s = suite_create("warmpath");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_reasons_and_rank);
	tcase_add_test(tc, test_ties);
	tcase_add_test(tc, test_cycles);
	tcase_add_test(tc, test_parallel_links);
	tcase_add_test(tc, test_weak_beats_strong);
	tcase_add_test(tc, test_past_excluded);
	tcase_add_test(tc, test_rival_not_warm);
	tcase_add_test(tc, test_opponent_not_warm);
	tcase_add_test(tc, test_talked_first);
	tcase_add_test(tc, test_hop_limit);
	tcase_add_test(tc, test_org_target);
	tcase_add_test(tc, test_bad_queries);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(warmpath_suite()) ? 1 : 0;
}
