/*
 * check_goal_cache.c: goal progress as it is kept (goal_member, schema
 * migration 19, src/db/goal.c) stays what the touches give, after every
 * kind of write: people and what selects them (names, tags, roles,
 * organisations, maps, districts, tiers, archiving, "me"), the touches
 * (interactions, attendance, events, introductions, map moves), the goals
 * themselves, undo and redo, an import, and a write by another kith
 * process (src/db/goal_mark.c marks them all); and the day it is read
 * moving. goal_cache_verify compares the kept rows
 * of every goal with the rows computed from the touches; the suite also
 * reads progress both ways (a mark left makes kith compute it) and
 * compares what kith shows. Today is 2026-03-10.
 */
#include "goal_fixture.h"

#include <sqlite3.h>

#include "kith/goal.h"
#include "kith/interaction.h"
#include "kith/merge.h"
#include "kith/review.h"
#include "kith/str.h"
#include "kith/types.h"

static struct kdb *db;
static char *dir;

/* The same touches as check_goal.c, and one goal of each way and kind of query. */
static const char touches[] =
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
	"INSERT INTO followup(id, title, intro_a_id, intro_b_id, intro_stage, created_at, updated_at) VALUES "
	" (1, 'introduce Finn', 6, 3, 'made', '2026-02-25 10:00:00', '2026-03-02 11:00:00'),"
	" (2, 'introduce Gus', 7, 3, 'requested', '2026-02-25 10:00:00', '2026-03-02 11:00:00');";

static const struct { const char *who; int how; } goals[] = {
	{ "tag:school-board", GOAL_MET }, { "tag:school-board", GOAL_TALKED },
	{ "", GOAL_INTRODUCED }, { "map:\"school bond\"", GOAL_PLACED },
	{ "org:riverton", GOAL_TALKED }, { "role:trustee", GOAL_MET },
	{ "kind:school -tier:A", GOAL_TALKED }, { "district:3 tier:B", GOAL_MET },
	{ "ana", GOAL_TALKED }, { "kind:government", GOAL_INTRODUCED },
	{ "-tag:donor", GOAL_PLACED }, { "tag:school-board district:3", GOAL_TALKED },
};
#define NGOALS ((int)(sizeof goals / sizeof goals[0]))

static void
verify_at(int line)
{
	struct kith_err err;

	ck_assert_msg(goal_cache_verify(db, &err) == KITH_OK, "line %d: %s", line, err.msg);
}
#define VERIFY() verify_at(__LINE__)

/* A write through kith (one transaction, as every command's), then the check. */
static void
write_at(int line, const char *sql)
{
	struct kith_err err;

	ck_assert_msg(kdb_exec_script(db, sql, &err) == KITH_OK, "line %d: %s: %s", line, sql,
		      err.msg);
	verify_at(line);
}
#define WRITE(sql) write_at(__LINE__, sql)

static void
setup(void)
{
	struct kith_err err;

	dir = test_tmpdir();
	test_fix_clock();
	{
		char path[4096];
		snprintf(path, sizeof path, "%s/k.db", dir);
		ck_assert_msg(kdb_open(path, KDB_CREATE, &db, &err) == KITH_OK, "%s", err.msg);
	}
	goal_fixture(db);
	ck_assert_msg(kdb_exec_script(db, touches, &err) == KITH_OK, "%s", err.msg);
	for (int i = 0; i < NGOALS; i++) {
		struct goal g = { .title = "a goal", .who = (char *)goals[i].who, .how = goals[i].how,
				  .target = 2, .due = "2026-03-31" };
		ck_assert_msg(goal_add(db, &g, "2026-02-01", NULL, &err) == KITH_OK, "%s: %s",
			      goals[i].who, err.msg);
	}
}

static void
teardown(void)
{
	char cmd[4200];

	kdb_close(db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
}

/* Every goal as kith shows it on `today` (list --all, its people, the best uncounted). */
static int
show_person(void *ud, const struct goal_person *p)
{
	sb_printf(ud, " %lld:%s@%s", (long long)p->contact_id, p->name, p->at);
	return 0;
}

static int
show_goal(void *ud, const struct goal *g)
{
	struct strbuf *sb = ud;
	struct kith_err err;
	char words[GOAL_WORDS];
	int64_t best;
	char *name;

	goal_state_words(g, words);
	sb_printf(sb, "#%lld %d/%d exp %d left %ld %s reached '%s' [%s]:", (long long)g->id,
		  g->count, g->target, g->expected, g->days_left, words, g->reached_on,
		  goal_state_name(g->state));
	ck_assert_msg(goal_counted(db, g, show_person, sb, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(goal_best_uncounted(db, g, &best, &name, &err) == KITH_OK, "%s", err.msg);
	sb_printf(sb, " best %lld:%s\n", (long long)best, name ? name : "-");
	free(name);
	return 0;
}

static int
show_pick(void *ud, int64_t contact_id, const char *detail, const char *what)
{
	sb_printf(ud, "pick %lld: %s / %s\n", (long long)contact_id, detail, what);
	return 0;
}

static char *
shown(const char *today)
{
	struct strbuf sb = { 0 };
	struct kith_err err;

	ck_assert_msg(goal_list(db, today, true, show_goal, &sb, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(goal_review_picks(db, today, show_pick, &sb, &err) == KITH_OK, "%s", err.msg);
	return sb_detach(&sb);
}

/* Run sql on a connection of another program (no kith marks). */
static void
other_program(const char *sql)
{
	char path[4096], *msg = NULL;
	sqlite3 *h;

	snprintf(path, sizeof path, "%s/k.db", dir);
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &msg) == SQLITE_OK, "%s: %s", sql,
		      msg ? msg : "");
	sqlite3_close(h);
}

/*
 * A mark left that a reader cannot bring up to date (an import under way
 * in another program: its search documents are not made yet): kith then
 * computes progress from the touches.
 */
static void
mark_left(bool on)
{
	other_program(on ? "INSERT INTO goal_dirty VALUES (424242);"
			   "INSERT INTO meta(key, value) VALUES ('fts_deferred', '1')" :
			   "DELETE FROM goal_dirty WHERE contact_id = 424242;"
			   "DELETE FROM meta WHERE key = 'fts_deferred'");
}

/* What kith shows on `today` is the same read from goal_member and computed from the touches. */
static void
same_both_ways(const char *today)
{
	char *kept = shown(today), *live;
	struct kith_err err;

	mark_left(true);
	ck_assert_int_eq(goal_cache_verify(db, &err), KITH_CONFLICT);   /* not kept now */
	live = shown(today);
	mark_left(false);
	ck_assert_msg(!strcmp(kept, live), "%s: kept:\n%s\ncomputed:\n%s", today, kept, live);
	free(kept);
	free(live);
}

START_TEST(test_kept_after_add)
{
	struct kith_err err;

	VERIFY();
	same_both_ways(TEST_TODAY);
	/* the rows are there: the goals did not fall back to computing */
	ck_assert_msg(kdb_exec_script(db, "SELECT 1", &err) == KITH_OK, "%s", err.msg);
	VERIFY();
}
END_TEST

START_TEST(test_who_writes)
{
	int64_t id = fixture_person(db, "Hal Ames", 'B', "3", 1, "school-board", NULL);

	ck_assert_int_gt(id, 7);
	VERIFY();
	WRITE("INSERT INTO interaction_contact(interaction_id, contact_id, at) "
	      "VALUES (2, (SELECT max(id) FROM contact), '2026-02-10 09:00')");
	WRITE("UPDATE contact SET archived = 1 WHERE id = 1");
	WRITE("UPDATE contact SET archived = 0 WHERE id = 1");
	WRITE("UPDATE contact SET tier = 'A' WHERE id = 2");
	WRITE("UPDATE contact SET district = '5' WHERE id = 2");
	WRITE("UPDATE contact SET display_name = 'Anabel Diaz', name_key = 'anabel diaz' WHERE id = 1");
	WRITE("UPDATE contact SET display_name = 'Zed', name_key = 'zed' WHERE id = 1");
	WRITE("INSERT INTO contact_nickname(contact_id, nickname, nick_key) VALUES (1, 'Ana', 'ana')");
	WRITE("DELETE FROM contact_nickname WHERE contact_id = 1");
	WRITE("UPDATE contact SET notes = 'ana from the board' WHERE id = 2");
	WRITE("DELETE FROM contact_tag WHERE contact_id = 1");
	WRITE("INSERT INTO contact_tag(contact_id, tag_id) SELECT 3, id FROM tag WHERE name = 'school-board'");
	WRITE("UPDATE tag SET name = 'donors' WHERE name = 'donor'");
	WRITE("UPDATE tag SET name = 'school-board2' WHERE name = 'school-board'");
	WRITE("UPDATE tag SET name = 'school-board' WHERE name = 'school-board2'");
	WRITE("INSERT INTO role(contact_id, org_id, title) VALUES (7, 1, 'Trustee')");
	WRITE("UPDATE role SET end_date = '2026-03-01' WHERE contact_id = 2");
	WRITE("UPDATE role SET title = 'Member' WHERE contact_id = 7");
	WRITE("DELETE FROM role WHERE contact_id = 7");
	WRITE("UPDATE organisation SET kind = 'government' WHERE id = 1");
	WRITE("UPDATE organisation SET name = 'Hilltop Board', name_key = 'hilltop board' WHERE id = 1");
	WRITE("DELETE FROM organisation WHERE id = 2");
	WRITE("INSERT INTO placement(map_id, contact_id, influence, alignment, assessed_at) "
	      "VALUES (1, 1, 2, 0, '2026-03-01')");
	WRITE("UPDATE placement SET contact_id = 2 WHERE contact_id = 1");
	WRITE("DELETE FROM placement WHERE map_id = 1 AND contact_id = 5");
	WRITE("UPDATE power_map SET name = 'School bond 2026' WHERE id = 1");
	WRITE("UPDATE power_map SET name = 'Closures' WHERE id = 2");
	WRITE("INSERT INTO power_map(id, name, created_at, updated_at) VALUES (3, 'Schools', 'x', 'x')");
	WRITE("INSERT INTO meta(key, value) VALUES ('me', '2')");
	WRITE("UPDATE meta SET value = '1' WHERE key = 'me'");
	WRITE("DELETE FROM meta WHERE key = 'me'");
	WRITE("DELETE FROM contact WHERE id = 2");
	same_both_ways(TEST_TODAY);
}
END_TEST

START_TEST(test_touch_writes)
{
	WRITE("INSERT INTO interaction(id, at, kind, summary, created_at) VALUES "
	      "(10, '2026-03-05 10:00', 'call', 'new', 'x')");
	WRITE("INSERT INTO interaction_contact(interaction_id, contact_id, at) VALUES "
	      "(10, 6, '2026-03-05 10:00'), (10, 5, '2026-03-05 10:00')");
	WRITE("UPDATE interaction SET kind = 'meeting' WHERE id = 10");
	WRITE("UPDATE interaction SET at = '2026-01-05 10:00' WHERE id = 10");   /* before the goals */
	WRITE("UPDATE interaction SET at = '2026-02-02 10:00' WHERE id = 10");
	WRITE("UPDATE interaction SET kind = 'note' WHERE id = 2");
	WRITE("UPDATE interaction_contact SET contact_id = 3 WHERE interaction_id = 10 AND contact_id = 5");
	WRITE("DELETE FROM interaction WHERE id = 3");
	WRITE("UPDATE attendance SET status = 'met' WHERE contact_id = 7");
	WRITE("UPDATE attendance SET status = 'no-show' WHERE contact_id = 2");
	WRITE("UPDATE attendance SET status = 'attended' WHERE contact_id = 2");
	WRITE("UPDATE event SET start_at = '2026-04-02 18:00' WHERE id = 1");       /* after the goals */
	WRITE("UPDATE event SET start_at = '2026-02-20 18:00' WHERE id = 1");
	WRITE("INSERT INTO event(id, title, start_at, created_at, updated_at) VALUES "
	      "(2, 'Picnic', '2026-02-21 12:00', 'x', 'x')");
	WRITE("INSERT INTO attendance(event_id, contact_id, status) VALUES (2, 1, 'met'), (2, 3, 'attended')");
	WRITE("DELETE FROM attendance WHERE event_id = 2 AND contact_id = 1");
	WRITE("DELETE FROM event WHERE id = 1");
	WRITE("UPDATE followup SET intro_stage = 'met' WHERE id = 2");
	WRITE("UPDATE followup SET updated_at = '2026-04-01 09:00:00' WHERE id = 1");
	WRITE("UPDATE followup SET intro_b_id = 1 WHERE id = 1");
	WRITE("UPDATE followup SET intro_a_id = NULL WHERE id = 1");
	WRITE("INSERT INTO followup(id, title, intro_a_id, intro_stage, created_at, updated_at) VALUES "
	      "(3, 'introduce Eve', 5, 'thanked', 'x', '2026-02-05 10:00:00')");
	WRITE("DELETE FROM followup WHERE id = 2");
	WRITE("INSERT INTO placement_move(map_id, contact_id, at, to_influence, to_alignment) VALUES "
	      "(1, 1, '2026-02-22 10:00', 2, 0), (2, 6, '2026-02-23 10:00', 4, 1)");
	WRITE("UPDATE placement_move SET to_influence = NULL WHERE contact_id = 6");
	WRITE("UPDATE placement_move SET at = '2025-12-01 10:00' WHERE contact_id = 5");
	WRITE("DELETE FROM placement_move WHERE contact_id = 1");
	WRITE("DELETE FROM power_map WHERE id = 2");
	same_both_ways(TEST_TODAY);
}
END_TEST

START_TEST(test_goal_writes)
{
	struct kith_err err;

	WRITE("UPDATE goal SET who = 'tag:housing' WHERE id = 1");
	WRITE("UPDATE goal SET how = 'talked' WHERE id = 4");
	WRITE("UPDATE goal SET set_on = '2026-02-12', due = '2026-02-20' WHERE id = 2");
	WRITE("UPDATE goal SET title = 'renamed', dropped_on = '2026-03-09' WHERE id = 3");
	WRITE("DELETE FROM goal WHERE id = 5");
	ck_assert_int_eq(goal_drop(db, 6, "2026-03-09", &err), KITH_OK);
	VERIFY();
	ck_assert_int_eq(goal_delete(db, 7, &err), KITH_OK);
	VERIFY();
	same_both_ways(TEST_TODAY);
	/* a goal whose map is gone is computed, and fails, as before; the others are kept */
	WRITE("DELETE FROM goal WHERE who LIKE '%map:%'");
	WRITE("INSERT INTO goal(title, who, how, target, set_on, due, created_at, updated_at) VALUES "
	      "('m', 'map:\"school closures\"', 'placed', 1, '2026-02-01', '2026-03-31', 'x', 'x')");
	ck_assert_msg(kdb_exec_script(db, "DELETE FROM power_map WHERE id = 2", &err) == KITH_OK,
		      "%s", err.msg);
	ck_assert_int_eq(goal_cache_verify(db, &err), KITH_CONFLICT);
	ck_assert_msg(strstr(err.msg, "progress not kept"), "%s", err.msg);
	{
		struct goal g;
		ck_assert_int_eq(goal_get(db, 13, TEST_TODAY, &g, &err), KITH_NOTFOUND);
		ck_assert_msg(strstr(err.msg, "map:school closures: no such map"), "%s", err.msg);
	}
}
END_TEST

/* Undo and redo apply a change's rows: the triggers mark, the commit brings the rows up. */
START_TEST(test_undo_redo)
{
	int64_t who[1] = { 6 }, id;
	struct kith_interaction in = { .at = "2026-03-03 12:00", .kind = KITH_IKIND_MEETING,
				       .summary = "lunch", .contact_ids = who, .n_contacts = 1 };
	struct kdb_change *ch;
	struct kith_err err;
	char *before, *after;

	before = shown(TEST_TODAY);
	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	ck_assert_msg(interaction_add(db, &in, &id, &err) == KITH_OK, "%s", err.msg);
	ck_assert_ptr_nonnull(ch = kdb_change_take(db));
	VERIFY();
	after = shown(TEST_TODAY);
	ck_assert_str_ne(before, after);                  /* Finn met: it counts */
	ck_assert_msg(kdb_change_apply(db, ch, true, &err) == KITH_OK, "%s", err.msg);
	VERIFY();
	{
		char *undone = shown(TEST_TODAY);
		ck_assert_str_eq(undone, before);
		free(undone);
	}
	ck_assert_msg(kdb_change_apply(db, ch, false, &err) == KITH_OK, "%s", err.msg);
	VERIFY();
	{
		char *redone = shown(TEST_TODAY);
		ck_assert_str_eq(redone, after);
		free(redone);
	}
	kdb_change_free(ch);
	ck_assert_int_eq(contact_set_archived(db, 6, true, &err), KITH_OK);
	ck_assert_ptr_nonnull(ch = kdb_change_take(db));
	VERIFY();
	ck_assert_msg(kdb_change_apply(db, ch, true, &err) == KITH_OK, "%s", err.msg);
	VERIFY();
	kdb_change_free(ch);
	same_both_ways(TEST_TODAY);
	free(before);
	free(after);
}
END_TEST

/* The rows do not depend on the day: read on other days, kith shows what it computes. */
START_TEST(test_date_moves)
{
	static const char *const days[] = { "2026-02-01", "2026-02-14", "2026-03-10", "2026-03-31",
					     "2026-04-01", "2027-01-01" };

	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
		same_both_ways(days[i]);
	/* a touch dated after today (logged ahead) counts as it is computed */
	WRITE("INSERT INTO interaction(id, at, kind, summary, created_at) VALUES "
	      "(20, '2026-03-25 10:00', 'coffee', 'ahead', 'x');"
	      "INSERT INTO interaction_contact(interaction_id, contact_id, at) VALUES "
	      "(20, 6, '2026-03-25 10:00')");
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
		same_both_ways(days[i]);
}
END_TEST

/* An import's writes as kith's import makes them: bulk mode, one batch, sql inside it. */
static void
import_sql(const char *sql, bool people)
{
	struct kith_err err;

	ck_assert_int_eq(kdb_bulk_mode(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	ck_assert_msg(contact_fts_defer(db, true, &err) == KITH_OK, "%s", err.msg);
	if (people) {
		fixture_person(db, "Ida Ray", 'B', "3", 0, "school-board", NULL);
		fixture_person(db, "Jo Ray", 'A', "5", 0, "housing", NULL);
	}
	ck_assert_msg(kdb_exec_script(db, sql, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(contact_fts_defer(db, false, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_bulk_mode(db, false, &err), KITH_OK);
	VERIFY();
	same_both_ways(TEST_TODAY);
}

/* An import suspends the people's marks and builds every goal whole at its commit. */
START_TEST(test_import)
{
	import_sql("INSERT INTO role(contact_id, org_id, title) "
		   "SELECT max(id), 1, 'Trustee' FROM contact;"
		   "INSERT INTO interaction_contact(interaction_id, contact_id, at) "
		   "SELECT 2, max(id), '2026-02-10 09:00' FROM contact", true);
}
END_TEST

/*
 * An import of more people than the marks tell apart: past that, its rows pass
 * no hook until its commit builds every goal whole; the next write is watched
 * again (a touch of Eve's after it counts at once).
 */
START_TEST(test_import_many)
{
	import_sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500) "
		   "INSERT INTO contact(display_name, name_key, tier, created_at, updated_at) "
		   "SELECT 'Person ' || i, 'person ' || i, 'B', 'x', 'x' FROM n", false);
	WRITE("INSERT INTO interaction_contact(interaction_id, contact_id, at) VALUES "
	      "(2, 6, '2026-02-10 09:00')");
	VERIFY();
	same_both_ways(TEST_TODAY);
}
END_TEST

/* Another kith's write (another process) leaves its marks: this one's next read catches up. */
START_TEST(test_other_kith)
{
	char path[4096], *kept, *live;
	struct kith_err err;
	struct kdb *other;

	kept = shown(TEST_TODAY);
	snprintf(path, sizeof path, "%s/k.db", dir);
	ck_assert_msg(kdb_open(path, 0, &other, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(kdb_exec_script(other, "INSERT INTO interaction_contact(interaction_id, "
				      "contact_id, at) VALUES (2, 6, '2026-02-10 09:00'), "
				      "(2, 5, '2026-02-10 09:00')", &err) == KITH_OK, "%s", err.msg);
	kdb_close(other);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM goal_dirty"), 2);
	mark_left(true);
	live = shown(TEST_TODAY);                         /* computed */
	mark_left(false);
	ck_assert_str_ne(kept, live);                     /* Finn and Eve count now */
	free(kept);
	kept = shown(TEST_TODAY);                         /* caught up, and kept */
	ck_assert_str_eq(kept, live);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM goal_dirty"), 0);
	VERIFY();
	free(kept);
	free(live);
}
END_TEST

/*
 * The review reads inside one snapshot, where no write can begin: it brings
 * goal progress up from another kith's marks before it opens it, or every
 * `kith today` after a `kith log` computed each goal from the touches.
 */
START_TEST(test_review_catches_up)
{
	char path[4096];
	struct kith_err err;
	struct kdb *other;
	struct review_params p;
	struct review_queue q;

	free(shown(TEST_TODAY));
	snprintf(path, sizeof path, "%s/k.db", dir);
	ck_assert_msg(kdb_open(path, 0, &other, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(kdb_exec_script(other, "INSERT INTO interaction_contact(interaction_id, "
				      "contact_id, at) VALUES (2, 6, '2026-02-10 09:00')", &err) == KITH_OK,
		      "%s", err.msg);
	kdb_close(other);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM goal_dirty"), 1);
	review_params_default(&p);
	snprintf(p.today, sizeof p.today, "%s", TEST_TODAY);
	ck_assert_msg(review_queue_build(db, &p, &q, &err) == KITH_OK, "%s", err.msg);
	review_queue_free(&q);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM goal_dirty"), 0);
	VERIFY();
}
END_TEST

/*
 * The check can fail: a write that marks nothing (another program's, the
 * sqlite3 shell's) leaves the kept rows behind, and it says so; every goal
 * marked stale (as schema migration 21 tells such a program) builds them again.
 */
START_TEST(test_stale_is_seen)
{
	struct kith_err err;
	char *kept, *live;

	kept = shown(TEST_TODAY);
	other_program("INSERT INTO interaction_contact(interaction_id, contact_id, at) "
		      "VALUES (2, 6, '2026-02-10 09:00')");
	ck_assert_int_eq(goal_cache_verify(db, &err), KITH_CONFLICT);
	ck_assert_msg(strstr(err.msg, "#6"), "%s", err.msg);
	live = shown(TEST_TODAY);                         /* as kept */
	ck_assert_str_eq(live, kept);
	free(live);
	other_program("INSERT INTO goal_stale SELECT id FROM goal");
	VERIFY();
	live = shown(TEST_TODAY);
	ck_assert_str_ne(kept, live);                     /* Finn counts now */
	free(kept);
	free(live);
}
END_TEST

static Suite *
goal_cache_suite(void)
{
	Suite *s = suite_create("goal_cache");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_kept_after_add);
	tcase_add_test(tc, test_who_writes);
	tcase_add_test(tc, test_touch_writes);
	tcase_add_test(tc, test_goal_writes);
	tcase_add_test(tc, test_undo_redo);
	tcase_add_test(tc, test_date_moves);
	tcase_add_test(tc, test_import);
	tcase_add_test(tc, test_import_many);
	tcase_add_test(tc, test_other_kith);
	tcase_add_test(tc, test_review_catches_up);
	tcase_add_test(tc, test_stale_is_seen);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(goal_cache_suite()) ? EXIT_FAILURE : EXIT_SUCCESS;
}
