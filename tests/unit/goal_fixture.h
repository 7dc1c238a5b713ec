/*
 * goal_fixture.h: a small network for the query and goal suites.
 *
 *   1 Ana Diaz          tier A, district 3, #school-board, Member at Riverton School Board
 *   2 Bo Chen           tier B, district 3, #school-board #donor, Trustee (Seat 4) there
 *   3 Małgorzata Łukasiewicz  tier B, district 5, #housing, Clerk at City Hall
 *   4 Dana Ortiz        archived, #school-board
 *   5 Eve Park          district 5, on the map "School bond 2027"
 *   6 Finn Moss         influence 4, #school-board
 *   7 Gus Lee           influence 2, #school-board
 * Maps "School bond 2027" and "School closures".
 */
#ifndef KITH_GOAL_FIXTURE_H
#define KITH_GOAL_FIXTURE_H

#include "testutil.h"

#include "kith/contact.h"

static inline int64_t
fixture_person(struct kdb *db, const char *name, char tier, const char *district, int influence,
	       const char *tag1, const char *tag2)
{
	char *tags[2] = { (char *)tag1, (char *)tag2 };
	struct kith_contact c = { .display_name = (char *)name, .tier = tier,
				  .district = (char *)district, .influence = influence,
				  .cadence_days = -1, .tags = tags,
				  .n_tags = tag2 ? 2 : tag1 ? 1 : 0 };
	struct kith_err err;
	int64_t id = 0;

	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "%s: %s", name, err.msg);
	return id;
}

static inline void
goal_fixture(struct kdb *db)
{
	struct kith_err err;

	ck_assert_int_eq(fixture_person(db, "Ana Diaz", 'A', "3", 3, "school-board", NULL), 1);
	ck_assert_int_eq(fixture_person(db, "Bo Chen", 'B', "3", 0, "school-board", "donor"), 2);
	ck_assert_int_eq(fixture_person(db, "Małgorzata Łukasiewicz", 'B', "5", 0, "housing", NULL), 3);
	ck_assert_int_eq(fixture_person(db, "Dana Ortiz", 0, "", 5, "school-board", NULL), 4);
	ck_assert_int_eq(fixture_person(db, "Eve Park", 0, "5", 0, NULL, NULL), 5);
	ck_assert_int_eq(fixture_person(db, "Finn Moss", 0, "", 4, "school-board", NULL), 6);
	ck_assert_int_eq(fixture_person(db, "Gus Lee", 0, "", 2, "school-board", NULL), 7);
	ck_assert_msg(kdb_exec_script(db,
		"UPDATE contact SET archived = 1 WHERE id = 4;"
		"INSERT INTO organisation(id, name, name_key, kind, created_at, updated_at) VALUES "
		" (1, 'Riverton School Board', 'riverton school board', 'school', 'x', 'x'),"
		" (2, 'City Hall', 'city hall', 'government', 'x', 'x');"
		"INSERT INTO role(contact_id, org_id, seat, title) VALUES "
		" (1, 1, '', 'Member'), (2, 1, 'Seat 4', 'Trustee'), (3, 2, '', 'Clerk');"
		"INSERT INTO role(contact_id, org_id, seat, title, start_date, end_date) VALUES "
		" (5, 1, '', 'Member', '2020-01-01', '2021-01-01');"
		"INSERT INTO power_map(id, name, created_at, updated_at) VALUES "
		" (1, 'School bond 2027', 'x', 'x'), (2, 'School closures', 'x', 'x');"
		"INSERT INTO placement(map_id, contact_id, influence, alignment, assessed_at) VALUES "
		" (1, 5, 3, 1, '2026-02-20');"
		"INSERT INTO placement_move(map_id, contact_id, at, to_influence, to_alignment) VALUES "
		" (1, 5, '2026-02-20 10:00', 3, 1);", &err) == KITH_OK, "%s", err.msg);
}

#endif
