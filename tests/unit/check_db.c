/*
 * check_db.c: opening, migrations, file modes, batches, undo changesets,
 * backup and "me".
 */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kith/contact.h"
#include "kith/merge.h"
#include "kith/search.h"

static char *dir;

static void
setup(void)
{
	test_fix_clock();
	dir = test_tmpdir();
}

static void
teardown(void)
{
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
}

static char *
path_in(const char *name)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

static int
mode_of(const char *p)
{
	struct stat st;
	if (stat(p, &st) != 0)
		return -1;
	return (int)(st.st_mode & 0777);
}

static int64_t
add(struct kdb *db, const char *name)
{
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1 };
	struct kith_err err;
	int64_t id;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
}

static long long
n_contacts(struct kdb *db)
{
	struct contact_query q = { .include_archived = true };
	long long n;
	ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	return n;
}

START_TEST(test_create_modes)
{
	static const mode_t masks[] = { 022, 0, 077 };
	char p[4200];

	for (size_t i = 0; i < 3; i++) {
		struct kdb *db;
		struct kith_err err;
		mode_t old = umask(masks[i]);
		snprintf(p, sizeof p, "%s", path_in(i == 0 ? "a.db" : i == 1 ? "b.db" : "c.db"));
		ck_assert_int_eq(kdb_open(p, KDB_CREATE, &db, &err), KITH_OK);
		add(db, "Someone");
		umask(old);
		ck_assert_int_eq(mode_of(p), 0600);
		{
			char w[4300];
			snprintf(w, sizeof w, "%s-wal", p);
			ck_assert_int_eq(mode_of(w), 0600);
			snprintf(w, sizeof w, "%s-shm", p);
			ck_assert_int_eq(mode_of(w), 0600);
		}
		ck_assert_int_eq(kdb_user_version(db), kdb_schema_version());
		kdb_close(db);
	}
}
END_TEST

START_TEST(test_open_errors)
{
	struct kdb *db;
	struct kith_err err;
	FILE *f;

	ck_assert_int_eq(kdb_open(path_in("missing.db"), 0, &db, &err), KITH_NOTFOUND);
	ck_assert_ptr_null(db);
	ck_assert_int_eq(kdb_open(path_in("no/such/dir/x.db"), KDB_CREATE, &db, &err), KITH_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot create"));
	ck_assert_int_eq(kdb_open(dir, KDB_CREATE, &db, &err), KITH_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, "is a directory"));
	f = fopen(path_in("junk.db"), "w");
	fputs("this is not a database, just text that is long enough to have a header....", f);
	fclose(f);
	ck_assert_int_ne(kdb_open(path_in("junk.db"), 0, &db, &err), KITH_OK);
	ck_assert_ptr_nonnull(strstr(err.msg, "junk.db"));
}
END_TEST

START_TEST(test_newer_refused_older_upgraded)
{
	struct kdb *db;
	struct kith_err err;
	char p[4200];

	snprintf(p, sizeof p, "%s", path_in("v.db"));
	ck_assert_int_eq(kdb_open(p, KDB_CREATE, &db, &err), KITH_OK);
	add(db, "Kept");
	ck_assert_int_eq(kdb_exec_script(db, "PRAGMA user_version = 999", &err), KITH_OK);
	kdb_close(db);
	ck_assert_int_eq(kdb_open(p, 0, &db, &err), KITH_VERSION);
	ck_assert_ptr_nonnull(strstr(err.msg, "999"));
	ck_assert_ptr_nonnull(strstr(err.msg, "upgrade kith"));
	/* an empty file at version 0 is brought to the current schema */
	snprintf(p, sizeof p, "%s", path_in("old.db"));
	ck_assert_int_eq(kdb_open(p, KDB_CREATE, &db, &err), KITH_OK);
	ck_assert_int_eq(kdb_user_version(db), kdb_schema_version());
	ck_assert_int_ge(kdb_schema_version(), 1);
	kdb_close(db);
}
END_TEST

START_TEST(test_batch_rollback)
{
	struct kdb *db = test_db_open();
	struct kith_err err;
	struct kith_contact bad = { .display_name = "Bad", .influence = 9, .cadence_days = -1 };

	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	add(db, "One");
	add(db, "Two");
	ck_assert_int_eq(contact_add(db, &bad, NULL, &err), KITH_INVALID);
	ck_assert_int_eq(kdb_batch_end(db, false, &err), KITH_OK);
	ck_assert_int_eq(n_contacts(db), 0);
	kdb_close(db);
}
END_TEST

static bool
fts_finds(struct kdb *db, const char *text)
{
	struct contact_query q = { .match = text };
	long long n;
	ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	return n > 0;
}

START_TEST(test_undo_redo)
{
	struct kdb *db = test_db_open();
	struct kith_err err;
	struct kdb_change *ch;
	char *tags[] = { "housing" };
	struct kith_channel em[] = { { "", "zoe@example.org" } };
	struct kith_contact c = { .display_name = "Zoë Ngô", .cadence_days = -1,
				  .tags = tags, .n_tags = 1, .emails = em, .n_emails = 1 };
	struct kith_contact got;
	int64_t id;

	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	ck_assert_int_eq(contact_add(db, &c, &id, &err), KITH_OK);
	ch = kdb_change_take(db);
	ck_assert_ptr_nonnull(ch);
	ck_assert(fts_finds(db, "zoe"));
	ck_assert_int_eq(kdb_change_apply(db, ch, true, &err), KITH_OK);
	ck_assert_int_eq(n_contacts(db), 0);
	ck_assert(!fts_finds(db, "zoe"));
	ck_assert_int_eq(kdb_change_apply(db, ch, false, &err), KITH_OK);
	ck_assert_int_eq(contact_get(db, id, &got, &err), KITH_OK);
	ck_assert_uint_eq(got.n_tags, 1);
	ck_assert_uint_eq(got.n_emails, 1);
	contact_free(&got);
	ck_assert(fts_finds(db, "housing"));
	kdb_change_free(ch);

	/* delete with interactions: undo restores links and last-contacted */
	ck_assert_int_eq(kdb_record_changes(db, false, &err), KITH_OK);
	ck_assert_int_eq(kdb_exec_script(db,
		"INSERT INTO interaction(id, at, summary, created_at) VALUES (1, '2026-02-01 10:00', 'coffee', 'x');"
		"INSERT INTO interaction_contact(interaction_id, contact_id, at) VALUES (1, 1, '2026-02-01 10:00');", &err), KITH_OK);
	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	ck_assert_int_eq(contact_delete(db, id, &err), KITH_OK);
	ch = kdb_change_take(db);
	ck_assert_ptr_nonnull(ch);
	ck_assert_int_eq(kdb_change_apply(db, ch, true, &err), KITH_OK);
	ck_assert_int_eq(contact_get(db, id, &got, &err), KITH_OK);
	ck_assert_str_eq(got.last_at, "2026-02-01 10:00");
	ck_assert_uint_eq(got.n_tags, 1);
	contact_free(&got);
	ck_assert(fts_finds(db, "zoe"));
	kdb_change_free(ch);

	/*
	 * Undo works column by column: a rename made since does not block
	 * undoing an archive, but a later change to the same column does,
	 * and then nothing is changed.
	 */
	ck_assert_int_eq(contact_set_archived(db, id, true, &err), KITH_OK);
	ch = kdb_change_take(db);
	ck_assert_int_eq(contact_get(db, id, &got, &err), KITH_OK);
	free(got.display_name);
	got.display_name = strdup("Zoe Renamed");
	got.archived = false;
	ck_assert_int_eq(contact_update(db, &got, &err), KITH_OK);
	contact_free(&got);
	kdb_change_free(kdb_change_take(db));
	ck_assert_int_eq(kdb_change_apply(db, ch, true, &err), KITH_CONFLICT);
	ck_assert_ptr_nonnull(strstr(err.msg, "changed since"));
	ck_assert_int_eq(contact_get(db, id, &got, &err), KITH_OK);
	ck_assert_str_eq(got.display_name, "Zoe Renamed");
	ck_assert(!got.archived);
	contact_free(&got);
	kdb_change_free(ch);
	kdb_close(db);
}
END_TEST

START_TEST(test_backup_and_me)
{
	struct kdb *db, *copy;
	struct kith_err err;
	char p[4200], b[4200];
	int64_t id;

	snprintf(p, sizeof p, "%s", path_in("main.db"));
	snprintf(b, sizeof b, "%s", path_in("backup.db"));
	ck_assert_int_eq(kdb_open(p, KDB_CREATE, &db, &err), KITH_OK);
	id = add(db, "Sam Okafor");
	ck_assert_int_eq(kdb_me(db), 0);
	ck_assert_int_eq(kdb_set_me(db, 77, &err), KITH_NOTFOUND);
	ck_assert_int_eq(kdb_set_me(db, id, &err), KITH_OK);
	ck_assert_int_eq(kdb_me(db), id);
	ck_assert_int_eq(kdb_backup(db, b, &err), KITH_OK);
	ck_assert_int_eq(mode_of(b), 0600);
	ck_assert_int_eq(kdb_backup(db, b, &err), KITH_IO);      /* never overwrites */
	kdb_close(db);
	ck_assert_int_eq(kdb_open(b, KDB_READONLY, &copy, &err), KITH_OK);
	ck_assert_int_eq(n_contacts(copy), 1);
	ck_assert_int_eq(kdb_me(copy), id);
	ck_assert_int_eq(contact_delete(copy, id, &err), KITH_IO);
	kdb_close(copy);
}
END_TEST

START_TEST(test_data_version)
{
	struct kdb *a, *b;
	struct kith_err err;
	char p[4200];
	long long v;

	snprintf(p, sizeof p, "%s", path_in("dv.db"));
	ck_assert_int_eq(kdb_open(p, KDB_CREATE, &a, &err), KITH_OK);
	ck_assert_int_eq(kdb_open(p, 0, &b, &err), KITH_OK);
	v = kdb_data_version(a);
	add(b, "From elsewhere");
	ck_assert_int_ne(kdb_data_version(a), v);
	kdb_close(a);
	kdb_close(b);
}
END_TEST

/* Issue 15 item 12: the write-ahead log cannot grow without bound. */
static long long
size_of(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 ? (long long)st.st_size : -1;
}

/* One transaction of about 12 MB: the log grows past KDB_WAL_LIMIT. */
static void
big_write(struct kdb *db)
{
	static char notes[4001];
	struct kith_err err;

	memset(notes, 'n', sizeof notes - 1);
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	for (int i = 0; i < 3000; i++) {
		struct kith_contact c = { .display_name = "Padding Person", .notes = notes,
					  .cadence_days = -1 };
		ck_assert_msg(contact_add(db, &c, NULL, &err) == KITH_OK, "%s", err.msg);
	}
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
}

START_TEST(test_wal_bounded)
{
	struct kdb *db;
	struct kith_err err;
	char wal[4200];
	long long big;

	ck_assert_int_eq(kdb_open(path_in("w.db"), KDB_CREATE, &db, &err), KITH_OK);
	snprintf(wal, sizeof wal, "%s-wal", path_in("w.db"));
	big_write(db);
	big = size_of(wal);
	ck_assert_int_gt(big, 2LL * KDB_WAL_LIMIT);
	/* journal_size_limit: the next write starts the log over and cuts it down */
	add(db, "Small Write");
	ck_assert_int_le(size_of(wal), KDB_WAL_LIMIT);
	/* an explicit checkpoint empties it */
	big_write(db);
	ck_assert_int_eq(kdb_checkpoint(db, &err), KITH_OK);
	ck_assert_int_eq(size_of(wal), 0);
	ck_assert_int_eq(n_contacts(db), 6001);
	kdb_close(db);
}
END_TEST

/*
** A large import's rollback journal (kdb_bulk_journal): while it is on, a
** big transaction writes no WAL, and the database is back in WAL after.
** With another connection open the switch is refused and WAL carries the
** write, as before.
*/
START_TEST(test_bulk_journal)
{
	struct kdb *db;
	struct kith_err err;
	char wal[4200], journal[4200];
	sqlite3 *other;

	ck_assert_int_eq(kdb_open(path_in("j.db"), KDB_CREATE, &db, &err), KITH_OK);
	snprintf(wal, sizeof wal, "%s-wal", path_in("j.db"));
	snprintf(journal, sizeof journal, "%s-journal", path_in("j.db"));
	ck_assert_int_eq(kdb_checkpoint(db, &err), KITH_OK);
	kdb_bulk_journal(db, true);
	big_write(db);
	ck_assert_int_le(size_of(wal), 0);              /* none, or left empty */
	ck_assert_int_eq(size_of(journal), -1);         /* gone with the commit */
	kdb_bulk_journal(db, false);
	add(db, "After The Import");
	ck_assert_int_gt(size_of(wal), 0);              /* WAL again */
	ck_assert_int_eq(n_contacts(db), 3001);

	/* another connection: the switch is refused, the write goes to WAL */
	ck_assert_int_eq(kdb_checkpoint(db, &err), KITH_OK);
	ck_assert_int_eq(sqlite3_open(path_in("j.db"), &other), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(other, "SELECT count(*) FROM contact", NULL, NULL, NULL),
			 SQLITE_OK);
	kdb_bulk_journal(db, true);
	big_write(db);
	ck_assert_int_gt(size_of(wal), 2LL * KDB_WAL_LIMIT);
	kdb_bulk_journal(db, false);
	sqlite3_close(other);
	ck_assert_int_eq(n_contacts(db), 6001);
	kdb_close(db);
}
END_TEST

/*
** In the import's journal mode the file's consecutive writes are joined
** (src/db/vfs_join.c), 64 KB at a time, written by a thread of their own.
** With a cache of ten pages (spills of less than a buffer: written by the
** call that needs them) or of 200 (spills of several buffers: the thread
** writes them, and the read that follows waits for it) the transaction's
** pages are written out in the middle of it and read back (SQLite's cache
** spill), over and over: every read must find what was written before
** it, and the file must be whole after the commit, and after a rollback.
*/
START_TEST(test_joined_writes_read_back)
{
	struct kdb *db;
	struct kith_err err;
	static char notes[3001];
	char file[32], cache[64];

	memset(notes, 'j', sizeof notes - 1);
	snprintf(file, sizeof file, "join%d.db", _i);
	snprintf(cache, sizeof cache, "PRAGMA cache_size = %d", _i ? 200 : 10);
	ck_assert_int_eq(kdb_open(path_in(file), KDB_CREATE, &db, &err), KITH_OK);
	kdb_bulk_journal(db, true);
	ck_assert_int_eq(kdb_exec_script(db, cache, &err), KITH_OK);
	for (int round = 0; round < 2; round++) {
		ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
		for (int i = 0; i < 2000; i++) {
			char name[40];
			struct kith_contact c = { .display_name = name, .notes = notes,
						  .cadence_days = -1 };
			snprintf(name, sizeof name, "Joined %d %04d", round, i);
			ck_assert_msg(contact_add(db, &c, NULL, &err) == KITH_OK, "%s", err.msg);
		}
		/* the first round is kept, the second rolled back */
		kdb_batch_end(db, round == 0, &err);
	}
	kdb_bulk_journal(db, false);
	kdb_close(db);
	ck_assert_int_eq(test_sql_int(path_in(file), "SELECT count(*) FROM contact"), 2000);
	ck_assert_int_eq(test_sql_int(path_in(file), "SELECT count(*) FROM contact WHERE"
				      " display_name GLOB 'Joined 0 *' AND length(notes) = 3000"),
			 2000);
	ck_assert_int_eq(test_sql_int(path_in(file), "SELECT count(*) FROM"
				      " pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
}
END_TEST

/*
** The undo recorder (src/db/record.c) reads a table's shape without a
** statement: which columns are in the primary key, numbered in column
** order. That is PRAGMA table_info's numbering (what a session of SQLite
** writes in a changeset) only while every key of several columns lists
** them in the table's order: this holds the schema to it.
*/
START_TEST(test_keys_in_column_order)
{
	static const char q[] =
		"SELECT m.name, p.pk FROM sqlite_schema m, pragma_table_info(m.name) p "
		"WHERE m.type = 'table' ORDER BY m.name, p.cid";
	struct kdb *db;
	struct kith_err err;
	sqlite3 *h;
	sqlite3_stmt *st;
	char table[128] = "";
	int key = 0, tables = 0, composite = 0, rc;

	ck_assert_int_eq(kdb_open(path_in("k.db"), KDB_CREATE, &db, &err), KITH_OK);
	kdb_close(db);
	ck_assert_int_eq(sqlite3_open_v2(path_in("k.db"), &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, q, -1, &st, NULL), SQLITE_OK);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		int pk = sqlite3_column_int(st, 1);
		if (strcmp(name, table)) {
			composite += key > 1;
			snprintf(table, sizeof table, "%s", name);
			key = 0;
			tables++;
		}
		if (pk)
			ck_assert_msg(pk == ++key, "%s: the primary key does not list its columns in "
				      "the table's order (record.c numbers them so)", name);
	}
	composite += key > 1;
	ck_assert_int_eq(rc, SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(h);
	ck_assert_int_gt(tables, 10);
	ck_assert_int_gt(composite, 3);
}
END_TEST

static Suite *
db_suite(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_create_modes);
	tcase_add_test(tc, test_open_errors);
	tcase_add_test(tc, test_newer_refused_older_upgraded);
	tcase_add_test(tc, test_batch_rollback);
	tcase_add_test(tc, test_undo_redo);
	tcase_add_test(tc, test_backup_and_me);
	tcase_add_test(tc, test_data_version);
	tcase_add_test(tc, test_wal_bounded);
	tcase_add_test(tc, test_bulk_journal);
	tcase_add_loop_test(tc, test_joined_writes_read_back, 0, 2);
	tcase_add_test(tc, test_keys_in_column_order);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(db_suite()) ? 1 : 0;
}
