/*
 * check_powermap.c: power maps, targets, placements, move history and
 * replay as of a date.
 */
#include "testutil.h"

#include <string.h>

#include "kith/contact.h"
#include "kith/org.h"
#include "kith/powermap.h"
#include "kith/types.h"

static struct kdb *db;

static void
setup(void)
{
	db = test_db_open();
}

static void
teardown(void)
{
	kdb_close(db);
	db = NULL;
	test_fix_clock();
}

/* Move the fixed clock. */
static void
at(const char *when)
{
	setenv("KITH_TODAY", when, 1);
	kdate_init_clock(NULL);
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

static int64_t
mkmap(const char *name, int64_t target)
{
	struct kith_map m = { .name = (char *)name, .goal = "pass it",
			      .primary_target_id = target };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(map_add(db, &m, &id, &err) == KITH_OK, "map %s: %s", name, err.msg);
	return id;
}

struct pls {
	int64_t ids[32], contacts[32], orgs[32];
	int inf[32], al[32];
	char names[32][32], notes[32][32], assessed[32][20];
	bool target[32], primary[32];
	int n;
};

static int
pl_cb(void *ud, const struct placement_row *r)
{
	struct pls *x = ud;
	x->ids[x->n] = r->id;
	x->contacts[x->n] = r->contact_id;
	x->orgs[x->n] = r->org_id;
	x->inf[x->n] = r->influence;
	x->al[x->n] = r->alignment;
	snprintf(x->names[x->n], 32, "%s", r->name);
	snprintf(x->notes[x->n], 32, "%s", r->note);
	snprintf(x->assessed[x->n], 20, "%s", r->assessed_at);
	x->target[x->n] = r->is_target;
	x->primary[x->n] = r->is_primary;
	x->n++;
	return 0;
}

struct mvs {
	int64_t contacts[32], orgs[32];
	int from_inf[32], from_al[32], to_inf[32], to_al[32];
	bool placed[32], removed[32];
	char at[32][20], reason[32][32];
	int n;
};

static int
mv_cb(void *ud, const struct placement_move_row *r)
{
	struct mvs *x = ud;
	x->contacts[x->n] = r->contact_id;
	x->orgs[x->n] = r->org_id;
	x->from_inf[x->n] = r->from_influence;
	x->from_al[x->n] = r->from_alignment;
	x->to_inf[x->n] = r->to_influence;
	x->to_al[x->n] = r->to_alignment;
	x->placed[x->n] = r->placed;
	x->removed[x->n] = r->removed;
	snprintf(x->at[x->n], 20, "%s", r->at);
	snprintf(x->reason[x->n], 32, "%s", r->reason);
	x->n++;
	return 0;
}

static int
moves_since(int64_t map, const char *since)
{
	struct mvs x = { .n = 0 };
	ck_assert_int_eq(placement_moves(db, map, since, mv_cb, &x, NULL), KITH_OK);
	return x.n;
}

struct maps {
	int64_t ids[8];
	long long placements[8];
	char target[8][32];
	int n;
};

static int
map_cb(void *ud, const struct map_row *r)
{
	struct maps *x = ud;
	x->placements[x->n] = r->placements;
	snprintf(x->target[x->n], 32, "%s", r->primary_target_name);
	x->ids[x->n++] = r->id;
	return 0;
}

struct poss {
	int64_t maps[8];
	char names[8][32];
	int inf[8], al[8];
	bool target[8], primary[8];
	int n;
};

static int
pos_cb(void *ud, const struct map_position_row *r)
{
	struct poss *x = ud;
	x->maps[x->n] = r->map_id;
	snprintf(x->names[x->n], 32, "%s", r->map_name);
	x->inf[x->n] = r->influence;
	x->al[x->n] = r->alignment;
	x->target[x->n] = r->is_target;
	x->primary[x->n] = r->is_primary;
	x->n++;
	return 0;
}

START_TEST(test_maps)
{
	struct kith_err err;
	int64_t zoe = person("Zoë"), ana = person("Ana");
	int64_t m1, m2, id;
	struct kith_map got;
	struct maps x = { .n = 0 };
	struct kith_map m = { .name = "Bond measure 2027", .goal = "pass the bond",
			      .primary_target_id = zoe };

	ck_assert_int_eq(map_add(db, &m, &m1, &err), KITH_OK);
	ck_assert_int_eq(map_get(db, m1, &got, &err), KITH_OK);
	ck_assert_str_eq(got.name, "Bond measure 2027");
	ck_assert_str_eq(got.goal, "pass the bond");
	ck_assert_int_eq(got.primary_target_id, zoe);
	map_free(&got);
	ck_assert_int_eq(map_add(db, &m, NULL, &err), KITH_EXISTS);
	ck_assert_str_eq(err.msg, "map \"Bond measure 2027\": already exists (#1)");
	m.name = "BOND MEASURE 2027";       /* names differ by more than case */
	ck_assert_int_eq(map_add(db, &m, NULL, &err), KITH_EXISTS);
	m.name = "";
	ck_assert_int_eq(map_add(db, &m, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "map name: must not be empty");
	m.name = "Other";
	m.primary_target_id = 404;
	ck_assert_int_eq(map_add(db, &m, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #404: no such contact");
	m.primary_target_id = 0;
	m.goal = "\xFF";
	ck_assert_int_eq(map_add(db, &m, NULL, &err), KITH_INVALID);
	ck_assert_int_eq(map_list(db, map_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 1);
	ck_assert_str_eq(x.target[0], "Zoë");

	m2 = mkmap("Zoning reform", 0);
	ck_assert_int_eq(map_resolve(db, "bond", &id, &err), KITH_OK);
	ck_assert_int_eq(id, m1);
	ck_assert_int_eq(map_resolve(db, "ZONING REFORM", &id, &err), KITH_OK);
	ck_assert_int_eq(id, m2);
	ck_assert_int_eq(map_resolve(db, "#1", &id, &err), KITH_OK);
	ck_assert_int_eq(id, m1);
	ck_assert_int_eq(map_resolve(db, "x", &id, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "\"x\": no such map");
	mkmap("Bond refinancing", 0);
	ck_assert_int_eq(map_resolve(db, "bond", &id, &err), KITH_AMBIGUOUS);

	/* update: a name taken by another map is refused; its own is fine */
	m = (struct kith_map){ .id = m2, .name = "Bond measure 2027" };
	ck_assert_int_eq(map_update(db, &m, &err), KITH_EXISTS);
	m = (struct kith_map){ .id = m2, .name = "Zoning reform", .goal = "new goal",
			       .primary_target_id = ana };
	ck_assert_int_eq(map_update(db, &m, &err), KITH_OK);
	ck_assert_int_eq(map_get(db, m2, &got, &err), KITH_OK);
	ck_assert_str_eq(got.goal, "new goal");
	ck_assert_int_eq(got.primary_target_id, ana);
	map_free(&got);
	m.id = 99;
	ck_assert_int_eq(map_update(db, &m, &err), KITH_NOTFOUND);

	/* targets */
	ck_assert_int_eq(map_target_add(db, m1, ana, &err), KITH_OK);
	ck_assert_int_eq(map_target_add(db, m1, ana, &err), KITH_OK);   /* idempotent */
	ck_assert_int_eq(map_target_add(db, 99, ana, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "map #99: no such map");
	ck_assert_int_eq(map_target_add(db, m1, 99, &err), KITH_NOTFOUND);
	ck_assert_int_eq(map_target_remove(db, m1, ana, &err), KITH_OK);
	ck_assert_int_eq(map_target_remove(db, m1, ana, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #2: not a target of map #1");
	ck_assert_int_eq(map_target_remove(db, 99, ana, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "map #99: no such map");
	ck_assert_int_eq(map_target_remove(db, m1, 98, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #98: no such contact");

	/* deleting the primary target's contact clears it */
	ck_assert_int_eq(contact_delete(db, zoe, &err), KITH_OK);
	ck_assert_int_eq(map_get(db, m1, &got, &err), KITH_OK);
	ck_assert_int_eq(got.primary_target_id, 0);
	map_free(&got);
	ck_assert_int_eq(map_delete(db, m1, &err), KITH_OK);
	ck_assert_int_eq(map_delete(db, m1, &err), KITH_NOTFOUND);
	ck_assert_int_eq(map_get(db, m1, &got, &err), KITH_NOTFOUND);
}
END_TEST

START_TEST(test_placements)
{
	struct kith_err err;
	int64_t zoe = person("Zoë"), ana = person("Ana"), bo = person("Bo");
	int64_t org, map;
	struct kith_org o = { .name = "Chamber of Commerce", .kind = KITH_ORG_BUSINESS };
	struct pls x = { .n = 0 };
	struct mvs mv = { .n = 0 };
	struct maps ml = { .n = 0 };

	ck_assert_int_eq(org_add(db, &o, &org, &err), KITH_OK);
	map = mkmap("Bond", zoe);
	ck_assert_int_eq(map_target_add(db, map, ana, &err), KITH_OK);

	ck_assert_int_eq(placement_set(db, map, zoe, 0, 5, 0, "swing vote", "first look", &err),
			 KITH_OK);
	ck_assert_int_eq(placement_set(db, map, ana, 0, 3, 2, "", NULL, &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, map, bo, 0, 3, -1, NULL, NULL, &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, map, 0, org, 4, -2, "opposes", NULL, &err), KITH_OK);
	ck_assert_int_eq(placement_list(db, map, NULL, pl_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 4);
	/* influence 5 first, then alignment ascending, then name */
	ck_assert_int_eq(x.contacts[0], zoe);
	ck_assert(x.target[0] && x.primary[0]);
	ck_assert_str_eq(x.notes[0], "swing vote");
	ck_assert_str_eq(x.assessed[0], "2026-03-10 09:00:00");
	ck_assert_int_eq(x.orgs[1], org);
	ck_assert_str_eq(x.names[1], "Chamber of Commerce");
	ck_assert(!x.target[1]);
	ck_assert_int_eq(x.contacts[2], bo);
	ck_assert(!x.target[2]);
	ck_assert_int_eq(x.contacts[3], ana);
	ck_assert(x.target[3] && !x.primary[3]);
	ck_assert_int_ne(x.ids[0], 0);
	ck_assert_int_eq(map_list(db, map_cb, &ml, &err), KITH_OK);
	ck_assert_int_eq(ml.placements[0], 4);

	/* one entity's positions across maps, by map name */
	{
		struct poss p = { .n = 0 };
		int64_t zoning = mkmap("Zoning", 0);
		ck_assert_int_eq(placement_set(db, zoning, zoe, 0, 2, 1, "minor", NULL, &err),
				 KITH_OK);
		ck_assert_int_eq(placement_list_for_entity(db, zoe, 0, pos_cb, &p, &err), KITH_OK);
		ck_assert_int_eq(p.n, 2);
		ck_assert_int_eq(p.maps[0], map);
		ck_assert_str_eq(p.names[0], "Bond");
		ck_assert_int_eq(p.inf[0], 5);
		ck_assert(p.target[0] && p.primary[0]);
		ck_assert_int_eq(p.maps[1], zoning);
		ck_assert_int_eq(p.inf[1], 2);
		ck_assert_int_eq(p.al[1], 1);
		ck_assert(!p.target[1]);
		p.n = 0;
		ck_assert_int_eq(placement_list_for_entity(db, ana, 0, pos_cb, &p, &err), KITH_OK);
		ck_assert_int_eq(p.n, 1);
		ck_assert(p.target[0] && !p.primary[0]);
		p.n = 0;
		ck_assert_int_eq(placement_list_for_entity(db, 0, org, pos_cb, &p, &err), KITH_OK);
		ck_assert_int_eq(p.n, 1);
		ck_assert_int_eq(p.al[0], -2);
		ck_assert_int_eq(placement_list_for_entity(db, 99, 0, pos_cb, &p, &err),
				 KITH_NOTFOUND);
		ck_assert_str_eq(err.msg, "contact #99: no such contact");
		ck_assert_int_eq(placement_list_for_entity(db, zoe, org, pos_cb, &p, &err),
				 KITH_INVALID);
		ck_assert_int_eq(map_delete(db, zoning, &err), KITH_OK);
	}

	/* same cell: note and time change, no move recorded */
	ck_assert_int_eq(moves_since(map, NULL), 4);
	at("2026-03-11 10:00");
	ck_assert_int_eq(placement_set(db, map, zoe, 0, 5, 0, "still swing", "recheck", &err),
			 KITH_OK);
	ck_assert_int_eq(moves_since(map, NULL), 4);
	x.n = 0;
	ck_assert_int_eq(placement_list(db, map, NULL, pl_cb, &x, &err), KITH_OK);
	ck_assert_str_eq(x.notes[0], "still swing");
	ck_assert_str_eq(x.assessed[0], "2026-03-11 10:00:00");

	/* a move records from and to with its reason */
	ck_assert_int_eq(placement_set(db, map, zoe, 0, 5, 1, "leaning yes", "after the meeting",
				       &err), KITH_OK);
	ck_assert_int_eq(placement_moves(db, map, "2026-03-11", mv_cb, &mv, &err), KITH_OK);
	ck_assert_int_eq(mv.n, 1);
	ck_assert_int_eq(mv.contacts[0], zoe);
	ck_assert(!mv.placed[0] && !mv.removed[0]);
	ck_assert_int_eq(mv.from_inf[0], 5);
	ck_assert_int_eq(mv.from_al[0], 0);
	ck_assert_int_eq(mv.to_inf[0], 5);
	ck_assert_int_eq(mv.to_al[0], 1);
	ck_assert_str_eq(mv.reason[0], "after the meeting");
	ck_assert_str_eq(mv.at[0], "2026-03-11 10:00:00");

	/* bad input changes nothing */
	ck_assert_int_eq(placement_set(db, map, zoe, 0, 6, 0, NULL, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "influence 6: must be 1 to 5");
	ck_assert_int_eq(placement_set(db, map, zoe, 0, 3, 3, NULL, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "alignment 3: must be -2 to +2");
	ck_assert_int_eq(placement_set(db, map, zoe, org, 3, 0, NULL, NULL, &err), KITH_INVALID);
	ck_assert_int_eq(placement_set(db, map, 0, 0, 3, 0, NULL, NULL, &err), KITH_INVALID);
	ck_assert_int_eq(placement_set(db, 77, zoe, 0, 3, 0, NULL, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "map #77: no such map");
	ck_assert_int_eq(placement_set(db, map, 88, 0, 3, 0, NULL, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #88: no such contact");
	ck_assert_int_eq(placement_set(db, map, 0, 89, 3, 0, NULL, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "organisation #89: no such organisation");
	ck_assert_int_eq(placement_set(db, map, zoe, 0, 3, 0, "\xFF", NULL, &err), KITH_INVALID);
	ck_assert_int_eq(moves_since(map, NULL), 5);
	ck_assert_int_eq(placement_moves(db, map, "yesterday", mv_cb, &mv, &err), KITH_INVALID);
	ck_assert_int_eq(placement_list(db, 77, NULL, pl_cb, &x, &err), KITH_NOTFOUND);
	ck_assert_int_eq(placement_list(db, map, "2026-13-01", pl_cb, &x, &err), KITH_INVALID);

	/* removal */
	ck_assert_int_eq(placement_remove(db, map, bo, 0, "left office", &err), KITH_OK);
	ck_assert_int_eq(placement_remove(db, map, bo, 0, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #3: not on map #1");
	ck_assert_int_eq(placement_remove(db, map, 0, 0, NULL, &err), KITH_INVALID);
	mv.n = 0;
	ck_assert_int_eq(placement_moves(db, map, "2026-03-11 10:00", mv_cb, &mv, &err), KITH_OK);
	ck_assert_int_eq(mv.n, 2);
	ck_assert(mv.removed[1]);
	ck_assert_int_eq(mv.from_inf[1], 3);
	ck_assert_int_eq(mv.from_al[1], -1);
	ck_assert_int_eq(mv.to_inf[1], 0);
	x.n = 0;
	ck_assert_int_eq(placement_list(db, map, NULL, pl_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 3);
	/* deleting the map takes placements and history with it */
	ck_assert_int_eq(map_delete(db, map, &err), KITH_OK);
	ck_assert_int_eq(placement_moves(db, map, NULL, mv_cb, &mv, &err), KITH_NOTFOUND);
}
END_TEST

START_TEST(test_history_replay)
{
	struct kith_err err;
	int64_t zoe = person("Zoë"), ana = person("Ana"), bo = person("Bo");
	int64_t map = mkmap("Bond", 0);
	struct pls x;
	struct mvs mv = { .n = 0 };

	at("2026-01-05 09:00");
	ck_assert_int_eq(placement_set(db, map, zoe, 0, 4, -1, NULL, "initial", &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, map, ana, 0, 2, 0, NULL, "initial", &err), KITH_OK);
	at("2026-02-01 14:30");
	ck_assert_int_eq(placement_set(db, map, zoe, 0, 4, 1, NULL, "persuaded", &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, map, bo, 0, 5, 2, NULL, "new ally", &err), KITH_OK);
	at("2026-02-20 10:00");
	ck_assert_int_eq(placement_remove(db, map, ana, 0, "moved away", &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, map, zoe, 0, 5, 2, NULL, "champion", &err), KITH_OK);
	at("2026-03-01 08:00");
	ck_assert_int_eq(placement_set(db, map, ana, 0, 1, -2, NULL, "back, opposed", &err),
			 KITH_OK);

	/* before anything */
	x.n = 0;
	ck_assert_int_eq(placement_list(db, map, "2026-01-04", pl_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 0);
	/* a date includes the whole day */
	x.n = 0;
	ck_assert_int_eq(placement_list(db, map, "2026-01-05", pl_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 2);
	ck_assert_int_eq(x.contacts[0], zoe);
	ck_assert_int_eq(x.inf[0], 4);
	ck_assert_int_eq(x.al[0], -1);
	ck_assert_int_eq(x.ids[0], 0);
	ck_assert_int_eq(x.contacts[1], ana);
	/* a time: just before the second round, and at it */
	x.n = 0;
	ck_assert_int_eq(placement_list(db, map, "2026-02-01 14:29", pl_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 2);
	ck_assert_int_eq(x.al[0], -1);
	x.n = 0;
	ck_assert_int_eq(placement_list(db, map, "2026-02-01 14:30", pl_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 3);
	ck_assert_int_eq(x.contacts[0], bo);
	ck_assert_int_eq(x.contacts[1], zoe);
	ck_assert_int_eq(x.al[1], 1);
	/* after the removal Ana is gone */
	x.n = 0;
	ck_assert_int_eq(placement_list(db, map, "2026-02-25", pl_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 2);
	ck_assert_int_eq(x.contacts[0], bo);        /* same cell: by name */
	ck_assert_int_eq(x.contacts[1], zoe);
	ck_assert_int_eq(x.inf[1], 5);
	ck_assert_int_eq(x.al[1], 2);
	/* and back again later; the replay at today equals the live map */
	{
		struct pls live = { .n = 0 };
		x.n = 0;
		ck_assert_int_eq(placement_list(db, map, "2026-03-10", pl_cb, &x, &err), KITH_OK);
		ck_assert_int_eq(placement_list(db, map, NULL, pl_cb, &live, &err), KITH_OK);
		ck_assert_int_eq(x.n, 3);
		ck_assert_int_eq(live.n, 3);
		for (int k = 0; k < 3; k++) {
			ck_assert_int_eq(x.contacts[k], live.contacts[k]);
			ck_assert_int_eq(x.inf[k], live.inf[k]);
			ck_assert_int_eq(x.al[k], live.al[k]);
		}
		ck_assert_int_eq(x.contacts[2], ana);
		ck_assert_int_eq(x.al[2], -2);
	}

	/* moves since a date, oldest first */
	ck_assert_int_eq(placement_moves(db, map, "2026-02-01", mv_cb, &mv, &err), KITH_OK);
	ck_assert_int_eq(mv.n, 5);
	ck_assert_int_eq(mv.contacts[0], zoe);
	ck_assert_str_eq(mv.reason[0], "persuaded");
	ck_assert_int_eq(mv.contacts[1], bo);
	ck_assert(mv.placed[1]);
	ck_assert_int_eq(mv.from_inf[1], 0);
	ck_assert(mv.removed[2]);
	ck_assert_str_eq(mv.reason[2], "moved away");
	ck_assert_int_eq(mv.contacts[4], ana);
	ck_assert(mv.placed[4]);
	ck_assert_int_eq(moves_since(map, NULL), 7);
	ck_assert_int_eq(moves_since(map, "2026-03-02"), 0);
	/* the history outlives the contact's removal from the map, not the contact */
	ck_assert_int_eq(contact_delete(db, bo, &err), KITH_OK);
	ck_assert_int_eq(moves_since(map, NULL), 6);
}
END_TEST

static Suite *
powermap_suite(void)
{
	Suite *s = suite_create("powermap");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_maps);
	tcase_add_test(tc, test_placements);
	tcase_add_test(tc, test_history_replay);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(powermap_suite()) ? 1 : 0;
}
