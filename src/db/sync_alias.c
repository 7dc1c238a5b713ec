/*
 * sync_alias.c: team mode's short references (kith/syncdb.h, README
 * "Working as a team", migration 20).
 *
 * A row with a long key (R * 2^40 + n: made after `kith team init`, here
 * or by another replica) is shown and typed as a short number, its alias
 * in the unshared table sync_alias: local to this replica, never synced.
 * The aliases of a table count on from its largest key below 2^40 (a
 * solo database's keys and the seed's, which are shown as they are), so a
 * number names one row of a table. A row gets its alias as it arrives, in
 * the transaction that brings it: a local write's inserts as the write
 * records its outbox entry (tx.c), a sync's inserts as it applies the
 * log's entries (sync_db.c). A solo database has no long key and never
 * reads the table: kdb_ref of a short key is the key, with no statement.
 *
 * The tables whose rows a user names by number; the rows of the others
 * (an email, a person's tag) are reached through them.
 */
#include "row.h"

#include <string.h>

#include "kith/syncdb.h"

#define SMALL ((int64_t)1 << KDB_KEY_BITS)
#define TAGKEYS ((int64_t)1 << 62)      /* tags' keys (sync_key.c): named, never numbered */

/* A numbered table t: its largest short key, and whether row ?1 is in it. */
#define REF(t) { t, "SELECT max(id) FROM " t " WHERE id < 1099511627776", \
		 "SELECT id FROM " t " WHERE id = ?1" }
static const struct {
	const char *table, *q_small, *q_has;
} reftab[] = {
	REF("contact"),
	REF("organisation"),
	REF("event"),
	REF("interaction"),
	REF("followup"),
	REF("power_map"),
	REF("goal"),
	REF("concern"),
	REF("promise"),
	REF("promise_update"),
	REF("role"),
	REF("relationship"),
};
#define NREF (sizeof reftab / sizeof reftab[0])

static int
ref_index(const char *table)
{
	for (size_t i = 0; i < NREF; i++)
		if (!strcmp(reftab[i].table, table))
			return (int)i;
	return -1;
}

/* The next alias of table i: past its largest short key and its largest alias. */
static enum kith_status
next_alias(struct kdb *db, int i, int64_t *n, struct kith_err *err)
{
	static const char q_alias[] = "SELECT max(n) FROM sync_alias WHERE tbl = ?1";
	int64_t small = 0, alias = 0;
	enum kith_status rc;

	if ((rc = db_int64(db, &small, reftab[i].q_small, "alias", err, "")) &&
	    rc != KITH_NOTFOUND)
		return rc;
	if ((rc = db_int64(db, &alias, q_alias, "alias", err, "t", reftab[i].table)) &&
	    rc != KITH_NOTFOUND)
		return rc;
	*n = (small > alias ? small : alias) + 1;
	return KITH_OK;
}

enum kith_status
db_alias_add(struct kdb *db, const void *data, size_t len, struct kith_err *err)
{
	static const char q_add[] =
		"INSERT INTO sync_alias(tbl, key, n) SELECT ?1, ?2, ?3 "
		"WHERE NOT EXISTS (SELECT 1 FROM sync_alias WHERE tbl = ?1 AND key = ?2)";
	sqlite3_changeset_iter *it;
	int64_t next[NREF] = { 0 };
	enum kith_status rc = KITH_OK;
	int step;

	if (sqlite3changeset_start(&it, (int)len, (void *)data) != SQLITE_OK)
		return kith_err_set(err, KITH_CORRUPT, "alias: not a changeset");
	while (!rc && (step = sqlite3changeset_next(it)) == SQLITE_ROW) {
		const char *table;
		int ncol, op, indirect, i;
		sqlite3_value *v = NULL;
		int64_t key;

		sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
		if (op != SQLITE_INSERT || (i = ref_index(table)) < 0 ||
		    sqlite3changeset_new(it, 0, &v) != SQLITE_OK || !v ||
		    sqlite3_value_type(v) != SQLITE_INTEGER)
			continue;
		key = sqlite3_value_int64(v);
		if (key < SMALL || key >= TAGKEYS)
			continue;
		if (!next[i] && (rc = next_alias(db, i, &next[i], err)))
			break;
		if ((rc = db_run(db, q_add, "alias", err, "tii", table, key, next[i])))
			break;
		if (sqlite3_changes(db->h) > 0)
			next[i]++;
	}
	sqlite3changeset_finalize(it);
	return rc;
}

int64_t
kdb_ref(struct kdb *db, const char *table, int64_t key)
{
	static const char q[] = "SELECT n FROM sync_alias WHERE tbl = ?1 AND key = ?2";
	int64_t n = 0;

	if (!db || key < SMALL || key >= TAGKEYS)
		return key;
	if (db_int64(db, &n, q, "alias", NULL, "ti", table, key) || n <= 0)
		return key;
	return n;
}

int64_t
kdb_unref(struct kdb *db, const char *table, int64_t n)
{
	static const char q[] = "SELECT key FROM sync_alias WHERE tbl = ?1 AND n = ?2";
	int64_t key = 0;

	if (n <= 0 || n >= SMALL || ref_index(table) < 0)
		return 0;
	if (db_int64(db, &key, q, "alias", NULL, "ti", table, n))
		return 0;
	return key;
}

int64_t
kdb_key(struct kdb *db, const char *table, int64_t n)
{
	int i = ref_index(table);
	int64_t key = 0;

	if (i < 0 || n <= 0 || n >= SMALL)
		return n;
	if (db_int64(db, &key, reftab[i].q_has, "alias", NULL, "i", n) != KITH_NOTFOUND)
		return n;
	key = kdb_unref(db, table, n);
	return key ? key : n;
}
