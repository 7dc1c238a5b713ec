/*
 * check_ics_aside.c: a calendar imported into empty event and follow-up
 * tables has its search documents made on a second thread and copied in
 * at its end (src/db/cal_aside.c). What it leaves must be what the
 * catch-up's SQL leaves: FTS5's own integrity check passes, every new row
 * is found, and the same connection (the planner's, which may have read
 * the empty index before) finds them, adds to the index and undoes the
 * import. Where a row the import added is changed again by the same file,
 * or the tables were not empty, the SQL makes the documents as before.
 */
#include "testutil.h"

#include <string.h>
#include <unistd.h>

#include "kith/event.h"
#include "kith/followup.h"
#include "kith/io.h"
#include "kith/search.h"
#include "kith/str.h"

enum { N = 3000 };              /* more than the 2,000 that start the thread */

static struct kdb *db;
static char *dir, path[4200];
static struct kith_err err;
static struct io_import_stats st;

static void
setup(void)
{
	test_fix_clock();
	dir = test_tmpdir();
	snprintf(path, sizeof path, "%s/aside.db", dir);
	ck_assert_msg(kdb_open(path, KDB_CREATE, &db, &err) == KITH_OK, "open: %s", err.msg);
}

static void
teardown(void)
{
	char f[4300];

	kdb_close(db);
	db = NULL;
	for (const char *const *s = (const char *const[]){ "", "-wal", "-shm", NULL }; *s; s++) {
		snprintf(f, sizeof f, "%s%s", path, *s);
		unlink(f);
	}
	rmdir(dir);
	free(dir);
}

/* N events and N to-dos as calcurse writes them, then `tail` (more components). */
static char *
calendar(const char *tail)
{
	struct strbuf sb = {0};

	sb_append(&sb, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calcurse//NONSGML v4.7.1//EN\r\n");
	for (int i = 0; i < N; i++)
		sb_printf(&sb, "BEGIN:VEVENT\r\nDTSTART:2026%02d%02dT%02d0000\r\n"
			  "DURATION:P0DT0H30M0S\r\nSUMMARY:Ward meeting %d\r\nEND:VEVENT\r\n"
			  "BEGIN:VTODO\r\nPRIORITY:%d\r\nSUMMARY:Chore %d\r\nEND:VTODO\r\n",
			  1 + i % 12, 1 + i % 28, 8 + i % 10, i, i % 10, i);
	sb_append(&sb, tail);
	sb_append(&sb, "END:VCALENDAR\r\n");
	return sb_detach(&sb);
}

static enum kith_status
imp(const char *text)
{
	struct io_import_opts o = { .format = -1, .name = "cal.ics" };

	return io_import_buffer(db, text, strlen(text), &o, &st, &err);
}

struct kind_hits {
	int events, followups;
	char first_event[80];
};

static int
kind_hit(void *ud, const struct search_hit *h)
{
	struct kind_hits *k = ud;

	if (h->kind == SEARCH_EVENT && !k->events++)
		snprintf(k->first_event, sizeof k->first_event, "%s", h->title);
	k->followups += h->kind == SEARCH_FOLLOWUP;
	return 0;
}

static struct kind_hits
hits(const char *q)
{
	struct kind_hits k = { 0, 0, "" };

	ck_assert_msg(search_all(db, q, 50, kind_hit, &k, &err) == KITH_OK, "%s", err.msg);
	return k;
}

/* FTS5's integrity check of table t (content checked too), read by another connection. */
static void
fts_intact(const char *t)
{
	sqlite3 *h;
	char sql[160], *msg = NULL;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	snprintf(sql, sizeof sql, "INSERT INTO %s(%s, rank) VALUES ('integrity-check', 1)", t, t);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &msg) == SQLITE_OK, "%s: %s", t,
		      msg ? msg : "?");
	sqlite3_close(h);
}

/*
** Whether the index of `table` was made aside: its table was created again,
** so it comes after the goal table (of a later migration) in sqlite_master.
*/
static bool
made_aside(const char *table)
{
	char sql[200];

	snprintf(sql, sizeof sql, "SELECT (SELECT rowid FROM sqlite_master WHERE name = '%s_fts') >"
		 " (SELECT rowid FROM sqlite_master WHERE name = 'goal')", table);
	return test_sql_int(path, sql) == 1;
}

START_TEST(test_aside_same_connection)
{
	char *cal = calendar("");
	struct kith_event e = { .title = "Zebra parade", .start_at = "2026-07-04 10:00" };
	struct kith_followup f = { .title = "Zebra costume" };
	struct kdb_change *ch;
	struct kind_hits k;
	int64_t id;

	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	/* the planner has searched the empty index before it imports */
	k = hits("ward");
	ck_assert_int_eq(k.events, 0);
	ck_assert_msg(imp(cal) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(st.ev_added, N);
	ck_assert_int_eq(st.fu_added, N);
	ck_assert_ptr_nonnull(ch = kdb_change_take(db));
	ck_assert(made_aside("event"));
	ck_assert(made_aside("followup"));
	fts_intact("event_fts");
	fts_intact("followup_fts");
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM event_fts_docsize"), N);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM followup_fts_docsize"), N);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM sqlite_temp_master"), 0);
	k = hits("ward meeting 2999");
	ck_assert_int_eq(k.events, 1);
	ck_assert_str_eq(k.first_event, "Ward meeting 2999");
	ck_assert_int_eq(hits("chore 2998").followups, 1);
	ck_assert_int_eq(hits("ward").events, 50);
	/* the same connection writes to the index it did not make */
	ck_assert_int_eq(event_add(db, &e, &id, &err), KITH_OK);
	ck_assert_int_eq(followup_add(db, &f, &id, &err), KITH_OK);
	ck_assert_int_eq(hits("zebra").events, 1);
	ck_assert_int_eq(hits("zebra").followups, 1);
	ck_assert_int_eq(hits("ward meeting 2999").events, 1);
	fts_intact("event_fts");
	fts_intact("followup_fts");
	/* undo of the import: its rows and their documents go, the later ones stay */
	ck_assert_msg(kdb_change_apply(db, ch, true, &err) == KITH_OK, "%s", err.msg);
	kdb_change_free(ch);
	ck_assert_int_eq(hits("ward").events, 0);
	ck_assert_int_eq(hits("chore").followups, 0);
	ck_assert_int_eq(hits("zebra").events, 1);
	ck_assert_int_eq(hits("zebra").followups, 1);
	fts_intact("event_fts");
	fts_intact("followup_fts");
	ck_assert_int_eq(kdb_record_changes(db, false, &err), KITH_OK);
	free(cal);
}
END_TEST

/* An event the file changes after adding it: its document is its last text. */
START_TEST(test_aside_changed_in_file)
{
	char *cal = calendar("BEGIN:VEVENT\r\nDTSTART:20260101T080000\r\nSUMMARY:Ward meeting 0\r\n"
			     "LOCATION:Quillfield Hall\r\nEND:VEVENT\r\n");

	ck_assert_msg(imp(cal) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(st.ev_added, N);
	ck_assert_int_eq(st.ev_merged, 1);
	ck_assert(!made_aside("event"));
	ck_assert_str_eq(hits("quillfield").first_event, "Ward meeting 0");
	ck_assert_int_eq(hits("chore 2999").followups, 1);
	fts_intact("event_fts");
	fts_intact("followup_fts");
	free(cal);
}
END_TEST

/* Tables not empty (an event before), or a file too small: the SQL's way. */
START_TEST(test_aside_not_empty_or_small)
{
	struct kith_event e = { .title = "Older meeting", .start_at = "2026-02-01 09:00" };
	char *cal = calendar("");
	int64_t id;

	ck_assert_msg(imp("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101T080000\r\n"
			  "SUMMARY:Lone meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n") == KITH_OK,
		      "%s", err.msg);
	ck_assert(!made_aside("event"));
	ck_assert_int_eq(hits("lone").events, 1);
	ck_assert_int_eq(event_add(db, &e, &id, &err), KITH_OK);
	ck_assert_msg(imp(cal) == KITH_OK, "%s", err.msg);
	ck_assert(!made_aside("event"));
	/* the follow-ups' table was still empty */
	ck_assert(made_aside("followup"));
	ck_assert_int_eq(hits("ward meeting 2999").events, 1);
	ck_assert_int_eq(hits("chore 2999").followups, 1);
	ck_assert_int_eq(hits("older").events, 1);
	fts_intact("event_fts");
	fts_intact("followup_fts");
	free(cal);
}
END_TEST

/* A broken item at the end: nothing imported, the index as it was, and it works after. */
START_TEST(test_aside_failed_import)
{
	char *bad = calendar("BEGIN:VEVENT\r\nSUMMARY:No start\r\nEND:VEVENT\r\n");
	char *cal = calendar("");

	ck_assert_int_eq(imp(bad), KITH_INVALID);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM event"), 0);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM event_fts_docsize"), 0);
	ck_assert(!made_aside("event"));
	ck_assert_msg(imp(cal) == KITH_OK, "%s", err.msg);
	ck_assert(made_aside("event"));
	ck_assert_int_eq(hits("ward meeting 1234").events, 1);
	fts_intact("event_fts");
	fts_intact("followup_fts");
	free(bad);
	free(cal);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("ics_aside");
	TCase *tc = tcase_create("aside");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_aside_same_connection);
	tcase_add_test(tc, test_aside_changed_in_file);
	tcase_add_test(tc, test_aside_not_empty_or_small);
	tcase_add_test(tc, test_aside_failed_import);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
