/*
 * check_row.c: src/db's statement helpers (row.h): binding by format,
 * the first row, a scalar, and structs read, bound and freed by their
 * field tables (and DB_TABLE, naming the struct once), ids into a growing
 * array and the end of a statement of its own.
 */
#include "testutil.h"

#include "kith/types.h"
#include "../../src/db/row.h"

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
}

/* Each letter binds its parameter; the row shows what SQL received. */
START_TEST(test_bindf_letters)
{
	static const char sql[] =
		"SELECT typeof(?1), ?1, typeof(?2), ?2, typeof(?3), ?3, typeof(?4), ?4, "
		"typeof(?5), ?5, typeof(?6), ?6, typeof(?7), ?7, ?8, typeof(?9), ?10, "
		"typeof(?11), typeof(?12), ?12";
	static const int64_t ids[] = { 3, 12 };
	struct kith_err err;
	sqlite3_stmt *st;

	ck_assert_int_eq(db_first(db, &st, sql, "test", &err, "iIInttTT-jss", (int64_t)1 << 40,
				  (int64_t)0, (int64_t)7, 5, (const char *)NULL, "x",
				  (const char *)"", "y", ids, (size_t)2, (const char *)NULL, ""),
			 KITH_OK);
	ck_assert_str_eq(db_col_text(st, 0), "integer");
	ck_assert_int_eq(sqlite3_column_int64(st, 1), (int64_t)1 << 40);
	ck_assert_str_eq(db_col_text(st, 2), "null");         /* I: 0 is NULL */
	ck_assert_int_eq(sqlite3_column_int64(st, 5), 7);
	ck_assert_int_eq(sqlite3_column_int(st, 7), 5);
	ck_assert_str_eq(db_col_text(st, 8), "text");         /* t: NULL is '' */
	ck_assert_str_eq(db_col_text(st, 9), "");
	ck_assert_str_eq(db_col_text(st, 11), "x");
	ck_assert_str_eq(db_col_text(st, 12), "null");        /* T: "" is NULL */
	ck_assert_str_eq(db_col_text(st, 14), "y");
	ck_assert_str_eq(db_col_text(st, 15), "null");        /* -: unbound */
	ck_assert_str_eq(db_col_text(st, 16), "[3,12]");
	ck_assert_str_eq(db_col_text(st, 17), "null");        /* s: NULL is NULL */
	ck_assert_str_eq(db_col_text(st, 18), "text");        /* s: "" is '' */
	ck_assert_str_eq(db_col_text(st, 19), "");
	sqlite3_reset(st);
}
END_TEST

START_TEST(test_first_run_int64)
{
	static const char q_make[] = "CREATE TEMP TABLE t(k INTEGER PRIMARY KEY, v TEXT)";
	static const char q_add[] = "INSERT INTO t(k, v) VALUES (?1, ?2)";
	static const char q_get[] = "SELECT k FROM t WHERE v = ?1";
	struct kith_err err = { 0 };
	sqlite3_stmt *st;
	int64_t k = 99;

	ck_assert_int_eq(db_run(db, q_make, "t", &err, ""), KITH_OK);
	ck_assert_int_eq(db_run(db, q_add, "t", &err, "it", (int64_t)4, "four"), KITH_OK);
	ck_assert_int_eq(db_int64(db, &k, q_get, "t", &err, "t", "four"), KITH_OK);
	ck_assert_int_eq(k, 4);
	/* none: KITH_NOTFOUND, 0, the message untouched */
	err.msg[0] = '\0';
	ck_assert_int_eq(db_int64(db, &k, q_get, "t", &err, "t", "five"), KITH_NOTFOUND);
	ck_assert_int_eq(k, 0);
	ck_assert_str_eq(err.msg, "");
	ck_assert_int_eq(db_first(db, &st, q_get, "t", &err, "t", "five"), KITH_NOTFOUND);
	ck_assert_ptr_null(st);
	/* a failing write names what it was */
	ck_assert_int_eq(db_run(db, q_add, "the t row", &err, "it", (int64_t)4, "again"),
			 KITH_INVALID);
	ck_assert_ptr_nonnull(strstr(err.msg, "the t row"));
}
END_TEST

struct thing {
	int64_t id, other;
	int n;
	bool on;
	char *name, *opt;
	int type;
	char stamp[5];
	const char *view;
};

static const struct db_enum rel_type = { kith_rel_type_name, kith_rel_type_parse,
					 KITH_REL_GENERIC };
static const struct db_field thing_f[] = {
	DB_F(I64, struct thing, id), DB_F(ID, struct thing, other), DB_F(INT, struct thing, n),
	DB_F(BOOL, struct thing, on), DB_F(DUP, struct thing, name),
	DB_F(OPT, struct thing, opt), DB_FE(struct thing, type, rel_type),
	DB_FC(struct thing, stamp), DB_F(TEXT, struct thing, view),
};
static const struct db_fields thing_t = DB_FIELDS(struct thing, thing_f);

/* A struct bound by its table and read back by it is the same struct. */
START_TEST(test_fields_round_trip)
{
	static const char sql[] =
		"SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, typeof(?2), typeof(?5), typeof(?6), ?7";
	struct thing in = { 1, 0, -3, true, NULL, (char *)"", KITH_REL_MENTOR, "2026", "v" };
	struct thing out;
	struct kith_err err;
	sqlite3_stmt *st = db_stmt(db, sql, &err);

	ck_assert_ptr_nonnull(st);
	db_bind_fields(st, 1, &thing_t, &in);
	ck_assert_int_eq(db_next(st, &thing_t, &out), SQLITE_ROW);
	ck_assert_int_eq(out.id, 1);
	ck_assert_int_eq(out.other, 0);
	ck_assert_int_eq(out.n, -3);
	ck_assert(out.on);
	ck_assert_str_eq(out.name, "");           /* DUP: NULL binds '' */
	ck_assert_ptr_null(out.opt);              /* OPT: "" binds NULL, reads NULL */
	ck_assert_int_eq(out.type, KITH_REL_MENTOR);
	ck_assert_str_eq(out.stamp, "2026");
	ck_assert_str_eq(out.view, "v");
	ck_assert_str_eq(db_col_text(st, 9), "null");
	ck_assert_str_eq(db_col_text(st, 10), "text");
	ck_assert_str_eq(db_col_text(st, 11), "null");
	ck_assert_str_eq(db_col_text(st, 12), "mentor");
	db_fields_free(&thing_t, &out);
	ck_assert_ptr_null(out.name);
	db_fields_free(&thing_t, NULL);
	sqlite3_reset(st);
}
END_TEST

/* Unknown words read as the default; CHARS cut to fit; columns past the row's end stay zero. */
START_TEST(test_fields_short_row)
{
	static const char sql[] = "SELECT 5, 6, 7, 1, 'n', NULL, 'nonsense', '2026-03-10'";
	struct thing out;
	struct kith_err err;
	sqlite3_stmt *st = db_query(db, sql, &err, "");

	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(db_next(st, &thing_t, &out), SQLITE_ROW);
	ck_assert_int_eq(out.type, KITH_REL_GENERIC);
	ck_assert_str_eq(out.stamp, "2026");
	ck_assert_ptr_null(out.view);
	ck_assert_ptr_null(out.opt);
	ck_assert_str_eq(out.name, "n");
	db_fields_free(&thing_t, &out);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_reset(st);
}
END_TEST

/* The same table written with DB_TABLE, naming its struct once: the same entries. */
#define DB_ROW struct thing
DB_TABLE(thing_short_f, thing_short_t,
	DB_C(I64, id), DB_C(ID, other), DB_C(INT, n), DB_C(BOOL, on), DB_C(DUP, name),
	DB_C(OPT, opt), DB_CE(type, rel_type), DB_CC(stamp), DB_C(TEXT, view));
#undef DB_ROW

START_TEST(test_table_macro)
{
	ck_assert_uint_eq(thing_short_t.size, thing_t.size);
	ck_assert_uint_eq(thing_short_t.n, thing_t.n);
	for (size_t k = 0; k < thing_t.n; k++) {
		ck_assert_int_eq(thing_short_t.f[k].kind, thing_t.f[k].kind);
		ck_assert_uint_eq(thing_short_t.f[k].off, thing_t.f[k].off);
		ck_assert_uint_eq(thing_short_t.f[k].size, thing_t.f[k].size);
		ck_assert_ptr_eq(thing_short_t.f[k].e, thing_t.f[k].e);
	}
}
END_TEST

/* db_id_list appends column 0 of every row; db_final ends a statement of its own. */
START_TEST(test_id_list_final)
{
	static const char q_ids[] = "SELECT value FROM json_each(?1)";
	static const int64_t some[] = { 7, 3, 9 };
	struct kith_err err = { 0 };
	int64_t *ids = NULL;
	size_t n = 0;
	sqlite3_stmt *st;

	ck_assert_int_eq(db_id_list(db, db_query(db, q_ids, &err, "j", some, (size_t)3), &ids, &n,
				    "ids", &err), KITH_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(ids[0], 7);
	ck_assert_int_eq(ids[2], 9);
	/* a second list goes on after the first */
	ck_assert_int_eq(db_id_list(db, db_query(db, q_ids, &err, "j", some, (size_t)1), &ids, &n,
				    "ids", &err), KITH_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(ids[3], 7);
	free(ids);
	/* a statement that failed to prepare */
	ck_assert_int_eq(db_id_list(db, NULL, &ids, &n, "ids", &err), KITH_DB);
	/* db_final: a loop that ended well, then one whose step failed, naming it */
	ck_assert_int_eq(sqlite3_prepare_v2(db->h, "SELECT 1", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(db_final(db, st, sqlite3_step(st), "one", &err), KITH_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db->h, "SELECT abs(-9223372036854775807 - 1)",
					    -1, &st, NULL), SQLITE_OK);
	ck_assert_int_ne(db_final(db, st, sqlite3_step(st), "the overflow", &err), KITH_OK);
	ck_assert_ptr_nonnull(strstr(err.msg, "the overflow"));
}
END_TEST

static Suite *
row_suite(void)
{
	Suite *s = suite_create("row");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_bindf_letters);
	tcase_add_test(tc, test_first_run_int64);
	tcase_add_test(tc, test_fields_round_trip);
	tcase_add_test(tc, test_fields_short_row);
	tcase_add_test(tc, test_table_macro);
	tcase_add_test(tc, test_id_list_final);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(row_suite()) ? 1 : 0;
}
