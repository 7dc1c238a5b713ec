/*
 * check_migrate.c: schema versions and migrations: a fresh database, an
 * older one upgraded in one transaction, a failed step changing nothing,
 * a newer one refused, read-only opens, and the SQL functions every
 * connection has.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kith/contact.h"

extern const char kith_schema_sql[];
extern const unsigned char kith_db_image[];
extern const unsigned long kith_db_image_len;

static char *dir;
static char path[4200];

static void
setup(void)
{
	test_fix_clock();
	dir = test_tmpdir();
	snprintf(path, sizeof path, "%s/m.db", dir);
}

static void
teardown(void)
{
	char cmd[4300];
	kdb_test_set_schema(NULL);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
}

/* How many contacts there are (through the API, archived included). */
static long long
n_contacts(struct kdb *db)
{
	struct contact_query q = { .include_archived = true };
	long long n = -1;
	ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	return n;
}

/* Does a table exist? A script selecting from it fails if not. */
static bool
has_table(struct kdb *db, const char *name)
{
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", name);
	return kdb_exec_script(db, sql, NULL) == KITH_OK;
}

START_TEST(test_fresh_at_current_version)
{
	struct kdb *db;
	struct kith_err err;
	int markers = 0;

	for (const char *p = kith_schema_sql; (p = strstr(p, "\n-- @migration ")); p++)
		markers++;
	ck_assert_int_ge(markers, 1);
	ck_assert_int_eq(kdb_schema_version(), markers);
	ck_assert_int_eq(kdb_open(path, KDB_CREATE, &db, &err), KITH_OK);
	ck_assert_int_eq(kdb_user_version(db), markers);
	ck_assert(has_table(db, "contact"));
	ck_assert(has_table(db, "placement_move"));
	ck_assert(has_table(db, "contact_fts"));
	kdb_close(db);
	/* reopening changes nothing */
	ck_assert_int_eq(kdb_open(path, 0, &db, &err), KITH_OK);
	ck_assert_int_eq(kdb_user_version(db), markers);
	kdb_close(db);
}
END_TEST

/* How many rows of `what` (schema rows or a table's rows) one file has and the other lacks. */
static int64_t
n_differ(sqlite3 *h, const char *what)
{
	char sql[600];
	sqlite3_stmt *st;
	int64_t n = -1;

	snprintf(sql, sizeof sql, "SELECT (SELECT count(*) FROM (SELECT %s FROM main.%s EXCEPT"
		 " SELECT %s FROM b.%s)) + (SELECT count(*) FROM (SELECT %s FROM b.%s EXCEPT"
		 " SELECT %s FROM main.%s))", "*", what, "*", what, "*", what, "*", what);
	if (!strcmp(what, "sqlite_master"))
		snprintf(sql, sizeof sql, "SELECT (SELECT count(*) FROM (SELECT type, name, tbl_name,"
			 " sql FROM main.sqlite_master EXCEPT SELECT type, name, tbl_name, sql FROM"
			 " b.sqlite_master)) + (SELECT count(*) FROM (SELECT type, name, tbl_name,"
			 " sql FROM b.sqlite_master EXCEPT SELECT type, name, tbl_name, sql FROM"
			 " main.sqlite_master))");
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", what,
		      sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/*
** A new database is a copy of the build's image (src/tools/mkimage.c), not
** the migrations run again: the same schema, the same rows in every table
** (the search indexes' own, the planner's statistics), the same version and
** mark as a database the migrations make now. Its schema cookie is the
** backup's one change to an empty file, where the migrations leave hundreds.
*/
START_TEST(test_new_from_image)
{
	struct kdb *db;
	struct kith_err err;
	char mig[4300], attach[4400];
	sqlite3 *h;
	sqlite3_stmt *st;

	ck_assert_uint_gt(kith_db_image_len, 4096);
	ck_assert_int_eq(kdb_open(path, KDB_CREATE, &db, &err), KITH_OK);
	kdb_close(db);
	/* the same text given as a test's own: the migrations run */
	snprintf(mig, sizeof mig, "%s/migrated.db", dir);
	kdb_test_set_schema(kith_schema_sql);
	ck_assert_int_eq(kdb_open(mig, KDB_CREATE, &db, &err), KITH_OK);
	kdb_close(db);
	kdb_test_set_schema(NULL);
	ck_assert_int_eq(test_sql_int(path, "PRAGMA schema_version"), 1);
	ck_assert_int_gt(test_sql_int(mig, "PRAGMA schema_version"), 100);
	for (const char *const *p = (const char *const[]){ "user_version", "application_id",
							   "page_size", "freelist_count", NULL };
	     *p; p++) {
		char q[64];
		snprintf(q, sizeof q, "PRAGMA %s", *p);
		ck_assert_int_eq(test_sql_int(path, q), test_sql_int(mig, q));
	}
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	snprintf(attach, sizeof attach, "ATTACH '%s' AS b", mig);
	ck_assert_int_eq(sqlite3_exec(h, attach, NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(n_differ(h, "sqlite_master"), 0);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT name FROM main.sqlite_master WHERE"
					    " type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'",
					    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *t = sqlite3_mprintf("\"%w\"", (const char *)sqlite3_column_text(st, 0));
		ck_assert_msg(n_differ(h, t) == 0, "rows of %s", t);
		sqlite3_free(t);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
}
END_TEST

START_TEST(test_old_upgraded)
{
	struct kdb *db;
	struct kith_err err;

	/* an empty database at version 0, opened as it is */
	ck_assert_int_eq(kdb_open(path, KDB_CREATE | KDB_NO_MIGRATE, &db, &err), KITH_OK);
	ck_assert_int_eq(kdb_user_version(db), 0);
	ck_assert(!has_table(db, "contact"));
	ck_assert_int_eq(kdb_migrate_to(db, 1, &err), KITH_OK);
	ck_assert_int_eq(kdb_user_version(db), 1);
	ck_assert(has_table(db, "contact"));
	ck_assert_int_eq(kdb_exec_script(db,
		"INSERT INTO contact(display_name, name_key, created_at, updated_at) "
		"VALUES ('Old Timer', 'old timer', 'x', 'x')", &err), KITH_OK);
	kdb_close(db);
	/* a normal open brings it to the current version and keeps the data */
	ck_assert_int_eq(kdb_open(path, 0, &db, &err), KITH_OK);
	ck_assert_int_eq(kdb_user_version(db), kdb_schema_version());
	ck_assert_int_eq(n_contacts(db), 1);
	kdb_close(db);
}
END_TEST

static const char three_steps[] =
	"-- a test schema\n"
	"-- @migration 1\n"
	"CREATE TABLE a (x INTEGER) STRICT;\n"
	"-- @migration 2\n"
	"CREATE TABLE b (y INTEGER) STRICT;\n"
	"-- @migration 3\n"
	"INSERT INTO a VALUES (3);\n";

static const char five_bad[] =
	"-- @migration 1\n"
	"CREATE TABLE a (x INTEGER) STRICT;\n"
	"-- @migration 2\n"
	"CREATE TABLE b (y INTEGER) STRICT;\n"
	"-- @migration 3\n"
	"INSERT INTO a VALUES (3);\n"
	"-- @migration 4\n"
	"CREATE TABLE c (z INTEGER) STRICT;\n"
	"-- @migration 5\n"
	"INSERT INTO no_such_table VALUES (1);\n";

START_TEST(test_steps_one_transaction)
{
	struct kdb *db;
	struct kith_err err;

	kdb_test_set_schema(three_steps);
	ck_assert_int_eq(kdb_schema_version(), 3);
	ck_assert_int_eq(kdb_open(path, KDB_CREATE | KDB_NO_MIGRATE, &db, &err), KITH_OK);
	ck_assert_int_eq(kdb_migrate_to(db, 1, &err), KITH_OK);
	ck_assert(has_table(db, "a"));
	ck_assert(!has_table(db, "b"));
	kdb_close(db);
	/* version 1 -> 3: the steps it lacks, in order */
	ck_assert_int_eq(kdb_open(path, 0, &db, &err), KITH_OK);
	ck_assert_int_eq(kdb_user_version(db), 3);
	ck_assert(has_table(db, "b"));
	kdb_close(db);
	/* 3 -> 5 where step 5 fails: step 4 is rolled back too, version stays 3 */
	kdb_test_set_schema(five_bad);
	ck_assert_int_eq(kdb_open(path, 0, &db, &err), KITH_DB);
	ck_assert_ptr_null(db);
	ck_assert_ptr_nonnull(strstr(err.msg, "migration 5"));
	ck_assert_ptr_nonnull(strstr(err.msg, "no_such_table"));
	kdb_test_set_schema(three_steps);
	ck_assert_int_eq(kdb_open(path, 0, &db, &err), KITH_OK);
	ck_assert_int_eq(kdb_user_version(db), 3);
	ck_assert(!has_table(db, "c"));
	kdb_close(db);
}
END_TEST

START_TEST(test_newer_refused)
{
	struct kdb *db;
	struct kith_err err;
	char want[64];

	ck_assert_int_eq(kdb_open(path, KDB_CREATE, &db, &err), KITH_OK);
	ck_assert_int_eq(kdb_exec_script(db, "PRAGMA user_version = 42", &err), KITH_OK);
	kdb_close(db);
	ck_assert_int_eq(kdb_open(path, 0, &db, &err), KITH_VERSION);
	ck_assert_ptr_null(db);
	/* the message names the file and both versions */
	ck_assert_ptr_nonnull(strstr(err.msg, path));
	ck_assert_ptr_nonnull(strstr(err.msg, "42"));
	snprintf(want, sizeof want, "(%d)", kdb_schema_version());
	ck_assert_ptr_nonnull(strstr(err.msg, want));
	ck_assert_int_eq(kdb_open(path, KDB_READONLY, &db, &err), KITH_VERSION);
}
END_TEST

START_TEST(test_readonly)
{
	struct kdb *db;
	struct kith_err err;

	/* an old database opened read-only is not migrated: say so */
	ck_assert_int_eq(kdb_open(path, KDB_CREATE | KDB_NO_MIGRATE, &db, &err), KITH_OK);
	kdb_close(db);
	ck_assert_int_eq(kdb_open(path, KDB_READONLY, &db, &err), KITH_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, "read-only"));
	ck_assert_ptr_nonnull(strstr(err.msg, "upgrading"));
	/* a current one opens, reads, and refuses writes */
	ck_assert_int_eq(kdb_open(path, 0, &db, &err), KITH_OK);
	kdb_close(db);
	ck_assert_int_eq(kdb_open(path, KDB_READONLY, &db, &err), KITH_OK);
	ck_assert_int_eq(n_contacts(db), 0);
	{
		struct kith_contact c = { .display_name = "No", .cadence_days = -1 };
		ck_assert_int_eq(contact_add(db, &c, NULL, &err), KITH_IO);
		ck_assert_ptr_nonnull(strstr(err.msg, "read-only"));
	}
	kdb_close(db);
	/* a missing file is not created by a read-only open */
	ck_assert_int_eq(kdb_open("/nonexistent-dir/x.db", KDB_READONLY, &db, &err), KITH_NOTFOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent-dir/x.db"));
}
END_TEST

START_TEST(test_sql_functions)
{
	struct kdb *db = test_db_open();
	struct kith_contact c;
	struct kith_err err;

	ck_assert_int_eq(kdb_exec_script(db,
		"INSERT INTO contact(id, display_name, name_key, notes, created_at, updated_at) "
		"VALUES (1, kith_today(), 'x', kith_now(), kith_now(), kith_now())", &err), KITH_OK);
	ck_assert_int_eq(contact_get(db, 1, &c, &err), KITH_OK);
	ck_assert_str_eq(c.display_name, TEST_TODAY);
	ck_assert_str_eq(c.notes, TEST_TODAY " 09:00");
	contact_free(&c);
	kdb_close(db);
}
END_TEST

START_TEST(test_unwritable_dir)
{
	struct kdb *db;
	struct kith_err err;
	char sub[4300], p[4400];

	FILE *f;

	/* a "directory" that is a file: even root cannot create there */
	snprintf(sub, sizeof sub, "%s/plain", dir);
	ck_assert_ptr_nonnull(f = fopen(sub, "w"));
	fclose(f);
	snprintf(p, sizeof p, "%s/x.db", sub);
	ck_assert_int_eq(kdb_open(p, KDB_CREATE, &db, &err), KITH_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, p));
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot create"));
	if (geteuid() == 0)
		return;         /* root writes anywhere */
	snprintf(sub, sizeof sub, "%s/ro", dir);
	ck_assert_int_eq(mkdir(sub, 0500), 0);
	snprintf(p, sizeof p, "%s/x.db", sub);
	ck_assert_int_eq(kdb_open(p, KDB_CREATE, &db, &err), KITH_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, p));
	chmod(sub, 0700);
}
END_TEST

static Suite *
migrate_suite(void)
{
	Suite *s = suite_create("migrate");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_fresh_at_current_version);
	tcase_add_test(tc, test_new_from_image);
	tcase_add_test(tc, test_old_upgraded);
	tcase_add_test(tc, test_steps_one_transaction);
	tcase_add_test(tc, test_newer_refused);
	tcase_add_test(tc, test_readonly);
	tcase_add_test(tc, test_sql_functions);
	tcase_add_test(tc, test_unwritable_dir);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(migrate_suite()) ? 1 : 0;
}
