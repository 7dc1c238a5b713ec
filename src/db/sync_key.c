/*
 * sync_key.c: team mode's replica number, the list of shared tables, and
 * the keys a replica gives the rows it adds (README "Working as a team").
 *
 * Keys. Stored keys stay 63-bit integers. A replica R (1 .. 2^22-1, drawn
 * at random by `kith team init` or `join`) gives the rows it adds to a
 * shared table the keys R * 2^40 + n, n counting up from 1 in that table:
 * the next is one more than the largest key of the table in R's range
 * (one lookup of the table's key b-tree). Rows from before the team (the
 * seed) keep their keys, R = 0. A solo database (no sync_replica row) lets
 * SQLite choose as it always did: its INSERT statements name the key as
 * the parameter :key, left NULL, which makes SQLite allocate the rowid
 * exactly as when the column is not named.
 *
 * Tags are named, not counted: two replicas that each add the tag
 * "zoning" must make the same row, or the second one's would break the
 * name's uniqueness where both meet. A replica's tag key is a hash of the
 * name (folded as the column's NOCASE compares it) above 2^62, beyond
 * every replica's range; the same name makes the same key everywhere.
 *
 * R (meta 'team.replica') is read as an outermost write begins, with the
 * write lock held, at the first write of a connection and again after
 * another connection committed: a planner left open while `kith team
 * init` ran in a shell writes with the right R, and a solo write costs
 * no statement more.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

/*
** The shared tables, in the order their rows may depend on each other
** (a parent before its children), each with the lookup of the largest key
** in a range for the tables keyed by an integer (NULL for those keyed by
** two columns, whose keys are the keys of the rows they join), and what a
** member calls one row and several (kith sync --log).
*/
#define MAXKEY(t) "SELECT max(id) FROM " t " WHERE id >= ?1 AND id < ?2"
static const struct db_shared {
	const char *name, *q_max, *one, *many;
} shared[] = {
	{ "organisation", MAXKEY("organisation"), "organisation", "organisations" },
	{ "event", MAXKEY("event"), "event", "events" },
	{ "contact", MAXKEY("contact"), "person", "people" },
	{ "contact_channel", MAXKEY("contact_channel"), "email or phone", "emails and phones" },
	{ "contact_nickname", NULL, "nickname", "nicknames" },
	{ "tag", NULL, "tag", "tags" },
	{ "contact_tag", NULL, "person's tag", "people's tags" },
	{ "role", MAXKEY("role"), "role", "roles" },
	{ "relationship", MAXKEY("relationship"), "relationship", "relationships" },
	{ "attendance", NULL, "guest", "guests" },
	{ "interaction", MAXKEY("interaction"), "interaction", "interactions" },
	{ "interaction_contact", NULL, "person in an interaction", "people in interactions" },
	{ "followup", MAXKEY("followup"), "follow-up", "follow-ups" },
	{ "power_map", MAXKEY("power_map"), "power map", "power maps" },
	{ "map_target", NULL, "map target", "map targets" },
	{ "placement", MAXKEY("placement"), "placement on a map", "placements on maps" },
	{ "placement_move", MAXKEY("placement_move"), "move on a map", "moves on maps" },
	{ "import_extra", MAXKEY("import_extra"), "kept-aside field", "kept-aside fields" },
	{ "concern", MAXKEY("concern"), "concern", "concerns" },
	{ "promise", MAXKEY("promise"), "promise", "promises" },
	{ "promise_update", MAXKEY("promise_update"), "promise update", "promise updates" },
	{ "promise_told", NULL, "person told of a promise", "people told of promises" },
	{ "goal", MAXKEY("goal"), "goal", "goals" },
};
#define NSHARED (sizeof shared / sizeof shared[0])

int
db_shared_index(const char *table)
{
	for (size_t i = 0; i < NSHARED; i++)
		if (!strcmp(shared[i].name, table))
			return (int)i;
	return -1;
}

const char *
db_shared_name(int i)
{
	return i >= 0 && (size_t)i < NSHARED ? shared[i].name : NULL;
}

const char *
kdb_shared_noun(const char *table, int n)
{
	int i = db_shared_index(table);

	return i < 0 ? table : n == 1 ? shared[i].one : shared[i].many;
}

/* The file's data version: it moves with every commit, this connection's or another's. */
static bool
data_version(struct kdb *db, unsigned *v)
{
	*v = 0;
	return sqlite3_file_control(db->h, "main", SQLITE_FCNTL_DATA_VERSION, v) == SQLITE_OK;
}

void
db_replica_load(struct kdb *db)
{
	static const char q[] = "SELECT value FROM meta WHERE key = 'team.replica'";
	sqlite3_stmt *st;
	unsigned v;
	bool known = data_version(db, &v);

	if (db->replica_read && known && v == db->replica_dv)
		return;
	db->replica = 0;
	db->replica_read = known;
	db->replica_dv = v;
	if (!(st = db_stmt(db, q, NULL)))
		return;
	if (sqlite3_step(st) == SQLITE_ROW)
		db->replica = (uint32_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
}

void
db_replica_seen(struct kdb *db)
{
	unsigned v;

	if (db->replica_read && data_version(db, &v))
		db->replica_dv = v;
}

/* The next key of shared table i in this replica's range; 0 on error. */
static int64_t
next_key(struct kdb *db, int i, struct kith_err *err)
{
	int64_t lo = (int64_t)db->replica << KDB_KEY_BITS, hi = lo + ((int64_t)1 << KDB_KEY_BITS);
	sqlite3_stmt *st = db_stmt(db, shared[i].q_max, err);
	int64_t key = lo + 1;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_error(db, err, shared[i].name);
		sqlite3_reset(st);
		return 0;
	}
	if (sqlite3_column_type(st, 0) != SQLITE_NULL)
		key = sqlite3_column_int64(st, 0) + 1;
	sqlite3_reset(st);
	if (key >= hi) {
		kith_err_set(err, KITH_INVALID, "%s: this replica has used every key of its range",
			     shared[i].name);
		return 0;
	}
	return key;
}

enum kith_status
db_key_bind(struct kdb *db, sqlite3_stmt *st, struct kith_err *err)
{
	const char *sql, *into;
	char table[64];
	size_t n;
	int p, i;
	int64_t key;

	if (!db->replica || !(p = sqlite3_bind_parameter_index(st, ":key")))
		return KITH_OK;
	/* the table: "INSERT [OR ...] INTO name(" */
	sql = sqlite3_sql(st);
	into = sql ? strstr(sql, " INTO ") : NULL;
	n = into ? strspn(into + 6, "abcdefghijklmnopqrstuvwxyz_") : 0;
	snprintf(table, sizeof table, "%.*s", (int)(n < sizeof table ? n : 0), into ? into + 6 : "");
	if ((i = db_shared_index(table)) < 0 || !shared[i].q_max)
		return kith_err_set(err, KITH_DB, "%s: no key to allocate", table);
	if (!(key = next_key(db, i, err)))
		return err ? err->code : KITH_DB;
	sqlite3_bind_int64(st, p, key);
	return KITH_OK;
}

int64_t
db_tag_key(const struct kdb *db, const char *name)
{
	uint64_t h = 0xcbf29ce484222325u;       /* FNV-1a, 64 bits */

	if (!db->replica)
		return 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		unsigned char c = *p >= 'A' && *p <= 'Z' ? (unsigned char)(*p + 32) : *p;
		h = (h ^ c) * 0x100000001b3u;
	}
	return (int64_t)(((uint64_t)1 << 62) | (h & (((uint64_t)1 << 62) - 1)));
}

enum kith_status
db_range_used(struct kdb *db, uint32_t replica, bool *used, struct kith_err *err)
{
	int64_t lo = (int64_t)replica << KDB_KEY_BITS, hi = lo + ((int64_t)1 << KDB_KEY_BITS);
	sqlite3_stmt *st;
	enum kith_status rc;

	*used = false;
	for (size_t i = 0; i < NSHARED && !*used; i++) {
		if (!shared[i].q_max)
			continue;
		if (!(st = db_stmt(db, shared[i].q_max, err)))
			return KITH_DB;
		sqlite3_bind_int64(st, 1, lo);
		sqlite3_bind_int64(st, 2, hi);
		if (sqlite3_step(st) != SQLITE_ROW) {
			rc = db_error(db, err, shared[i].name);
			sqlite3_reset(st);
			return rc;
		}
		*used = sqlite3_column_type(st, 0) != SQLITE_NULL;
		sqlite3_reset(st);
	}
	return KITH_OK;
}
