/*
 * check_replica.c: team mode's replica number and the keys a replica
 * gives new rows (src/db/sync_key.c): in its own range R * 2^40 + n,
 * tags by name, a solo database as before.
 */
#include "testutil.h"

#include <sqlite3.h>

#include "kith/contact.h"
#include "kith/org.h"
#include "kith/types.h"

#define RANGE(r) ((int64_t)(r) << KDB_KEY_BITS)

TEST_DB_FIXTURE

static void
rm_dir(char *dir)
{
	char cmd[4300];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
}

static int64_t
add_contact(struct kdb *d, const char *name)
{
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1 };
	struct kith_err err;
	int64_t id = 0;

	ck_assert_msg(contact_add(d, &c, &id, &err) == KITH_OK, "add %s: %s", name, err.msg);
	return id;
}

/* One integer from the database (a test's own read). */
static int64_t
one(struct kdb *d, const char *sql)
{
	return test_sql_int(kdb_path(d), sql);
}

START_TEST(test_solo_keys_unchanged)
{
	struct kith_err err;
	uint32_t r = 99;
	char *author = (char *)"x";

	ck_assert_int_eq(kdb_replica_get(db, &r, &author, &err), KITH_OK);
	ck_assert_uint_eq(r, 0);
	ck_assert_ptr_null(author);
	/* SQLite's own choice, as before team mode: 1, 2, 3 */
	ck_assert_int_eq(add_contact(db, "Ana"), 1);
	ck_assert_int_eq(add_contact(db, "Ben"), 2);
	ck_assert_int_eq(add_contact(db, "Cy"), 3);
}
END_TEST

START_TEST(test_keys_in_range)
{
	struct kith_err err;
	struct kith_org o = { .name = (char *)"Tenants' Union" };
	const char *tags[] = { "zoning" };
	uint32_t r;
	char *author;
	int64_t seed, a, b, org;

	seed = add_contact(db, "Seed Person");
	ck_assert_int_eq(seed, 1);
	ck_assert_int_eq(kdb_replica_set(db, 77, "Ana", &err), KITH_OK);
	ck_assert_int_eq(kdb_replica_get(db, &r, &author, &err), KITH_OK);
	ck_assert_uint_eq(r, 77);
	ck_assert_str_eq(author, "Ana");
	free(author);
	a = add_contact(db, "Ana Lima");
	b = add_contact(db, "Ben Okafor");
	ck_assert_int_eq(a, RANGE(77) + 1);
	ck_assert_int_eq(b, RANGE(77) + 2);
	ck_assert_int_eq(org_add(db, &o, &org, &err), KITH_OK);
	ck_assert_int_eq(org, RANGE(77) + 1);
	/* the seed keeps its key */
	{
		struct kith_contact c;
		ck_assert_int_eq(contact_get(db, seed, &c, &err), KITH_OK);
		ck_assert_str_eq(c.display_name, "Seed Person");
		contact_free(&c);
	}
	ck_assert_int_eq(contact_tag_add(db, a, tags, 1, &err), KITH_OK);
}
END_TEST

START_TEST(test_tag_keys_by_name)
{
	struct kith_err err;
	struct kdb *other;
	const char *tags[] = { "Zoning" }, *lower[] = { "zoning" };
	int64_t a, b;
	char path[4200], path2[4200];
	char *dir = test_tmpdir();

	/* two replicas each add the tag: the same key, from the name */
	snprintf(path, sizeof path, "%s/a.db", dir);
	snprintf(path2, sizeof path2, "%s/b.db", dir);
	kdb_close(db);
	ck_assert_int_eq(kdb_open(path, KDB_CREATE, &db, &err), KITH_OK);
	ck_assert_int_eq(kdb_open(path2, KDB_CREATE, &other, &err), KITH_OK);
	ck_assert_int_eq(kdb_replica_set(db, 1, "Ana", &err), KITH_OK);
	ck_assert_int_eq(kdb_replica_set(other, 2, "Ben", &err), KITH_OK);
	a = add_contact(db, "Ana Lima");
	b = add_contact(other, "Ben Okafor");
	ck_assert_int_eq(contact_tag_add(db, a, tags, 1, &err), KITH_OK);
	ck_assert_int_eq(contact_tag_add(other, b, lower, 1, &err), KITH_OK);
	ck_assert_int_ge(one(db, "SELECT id FROM tag"), (int64_t)1 << 62);
	ck_assert_int_eq(one(db, "SELECT id FROM tag"), one(other, "SELECT id FROM tag"));
	kdb_close(other);
	rm_dir(dir);
}
END_TEST

START_TEST(test_replica_set_refused)
{
	struct kith_err err;
	bool taken = true;
	uint32_t r;
	char *author;

	ck_assert_int_eq(kdb_replica_set(db, 0, "Ana", &err), KITH_INVALID);
	ck_assert_int_eq(kdb_replica_set(db, KDB_REPLICA_MAX + 1, "Ana", &err), KITH_INVALID);
	ck_assert_int_eq(kdb_replica_set(db, 5, "", &err), KITH_INVALID);
	ck_assert_int_eq(kdb_replica_taken(db, 5, &taken, &err), KITH_OK);
	ck_assert(!taken);
	ck_assert_int_eq(kdb_replica_set(db, 5, "Ana", &err), KITH_OK);
	ck_assert_int_eq(kdb_replica_set(db, 6, "Ana", &err), KITH_INVALID);
	ck_assert_msg(strstr(err.msg, "already replica 5"), "%s", err.msg);
	/* the same number again: a new author name */
	ck_assert_int_eq(kdb_replica_set(db, 5, "Ana Lima", &err), KITH_OK);
	ck_assert_int_eq(kdb_replica_get(db, &r, &author, &err), KITH_OK);
	ck_assert_uint_eq(r, 5);
	ck_assert_str_eq(author, "Ana Lima");
	free(author);
	ck_assert_int_eq(kdb_replica_taken(db, 5, &taken, &err), KITH_OK);
	ck_assert(taken);
	/* keys in a range make it taken, even without a member row */
	ck_assert_int_eq(kdb_replica_taken(db, 9, &taken, &err), KITH_OK);
	ck_assert(!taken);
}
END_TEST

/*
** A planner left open (its connection has written, as a solo database)
** while `kith team init` runs in a shell: its next insert is in the range.
*/
START_TEST(test_other_connection_sets_replica)
{
	struct kith_err err;
	struct kdb *shell;
	char path[4200];
	char *dir = test_tmpdir();

	snprintf(path, sizeof path, "%s/p.db", dir);
	kdb_close(db);
	ck_assert_int_eq(kdb_open(path, KDB_CREATE, &db, &err), KITH_OK);
	ck_assert_int_eq(add_contact(db, "Before"), 1);
	ck_assert_int_eq(kdb_open(path, 0, &shell, &err), KITH_OK);
	ck_assert_int_eq(kdb_replica_set(shell, 3, "Ana", &err), KITH_OK);
	kdb_close(shell);
	ck_assert_int_eq(add_contact(db, "After"), RANGE(3) + 1);
	ck_assert_int_eq(add_contact(db, "After too"), RANGE(3) + 2);
	rm_dir(dir);
}
END_TEST

static Suite *
replica_suite(void)
{
	Suite *s = suite_create("replica");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_solo_keys_unchanged);
	tcase_add_test(tc, test_keys_in_range);
	tcase_add_test(tc, test_tag_keys_by_name);
	tcase_add_test(tc, test_replica_set_refused);
	tcase_add_test(tc, test_other_connection_sets_replica);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(replica_suite()) ? EXIT_FAILURE : EXIT_SUCCESS;
}
