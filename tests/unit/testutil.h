/*
 * testutil.h: shared helpers for the Check suites.
 *
 * Every suite runs on a fresh database: an in-memory one (test_db_open)
 * or a file in a new temporary directory (test_tmpdir), with the clock
 * fixed by KITH_TODAY so dates are reproducible.
 */
#ifndef KITH_TESTUTIL_H
#define KITH_TESTUTIL_H

#include <check.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/date.h"
#include "kith/db.h"
#include "kith/engine.h"

#define TEST_TODAY "2026-03-10"

/* Fix the clock at TEST_TODAY 09:00 (call before anything reads the date). */
static inline void
test_fix_clock(void)
{
	setenv("KITH_TODAY", TEST_TODAY, 1);
	kdate_init_clock(NULL);
}

/* A fresh in-memory database at the current schema. */
static inline struct kdb *
test_db_open(void)
{
	struct kdb *db = NULL;
	struct kith_err err;
	test_fix_clock();
	ck_assert_msg(kdb_open(":memory:", KDB_CREATE, &db, &err) == KITH_OK, "open: %s", err.msg);
	return db;
}

/* A new empty temporary directory (mkdtemp); the caller may rm -rf it. */
/*
** The suite's database, a new one for each test: TEST_DB_FIXTURE declares
** `db` and the setup and teardown to give tcase_add_checked_fixture.
*/
#define TEST_DB_FIXTURE \
	static struct kdb *db; \
	static void setup(void) { db = test_db_open(); } \
	static void teardown(void) { kdb_close(db); db = NULL; }

static inline char *
test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *p = malloc(4096);
	snprintf(p, 4096, "%s/kith-test-XXXXXX", base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(p));
	return p;
}

/* Write text to path (a test's own file). */
static inline void
test_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* One integer the SQL reads from the database file at path (a test's own read); -1: no row. */
static inline int64_t
test_sql_int(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st;
	int64_t v = -1;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* Run one suite; returns the number of failures (for main's exit status). */
static inline int
test_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int nf;
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf;
}

/* An engine on db with the given list and detail heights (one pane at a time). */
static inline struct engine *
test_engine_new(struct kdb *db, int list_rows, int detail_rows)
{
	struct engine *e = NULL;
	struct kith_err err;
	ck_assert_msg(engine_new(db, "test.db", &e, &err) == KITH_OK, "%s", err.msg);
	engine_layout(e, list_rows, detail_rows, false);
	return e;
}

/* Free an engine and its database, and clear both pointers. */
static inline void
test_engine_free(struct engine **e, struct kdb **db)
{
	engine_free(*e);
	kdb_close(*db);
	*e = NULL;
	*db = NULL;
}

#endif
