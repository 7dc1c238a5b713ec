/*
 * sync_replica.c: team mode's replica (its number R, its author, the
 * members' names learned from the log), its sync state, and the
 * conflicts syncs recorded (kith/db.h, kith/syncdb.h). The keys and the
 * shared tables are in sync_key.c; applying the log in sync_db.c.
 */
#include "row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/syncdb.h"
#include "kith/xalloc.h"

/* ---- the replica's row ---------------------------------------------------------- */

struct replica_w {
	uint32_t replica;
	const char *author;
};

static enum kith_status
replica_set_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char q_set[] =
		"INSERT OR REPLACE INTO meta(key, value) VALUES ('team.replica', ?1), "
		"('team.author', ?2), ('team.member.' || ?1, ?2)";
	const struct replica_w *w = ctx;
	enum kith_status rc;

	if (db->replica && db->replica != w->replica)
		return kith_err_set(err, KITH_INVALID, "%s: already replica %u of a team; "
				    "nothing was changed", db->path ? db->path : "database",
				    (unsigned)db->replica);
	if ((rc = db_run(db, q_set, "replica", err, "it", (int64_t)w->replica, w->author)))
		return rc;
	db->replica = w->replica;
	return KITH_OK;
}

enum kith_status
kdb_replica_set(struct kdb *db, uint32_t replica, const char *author, struct kith_err *err)
{
	struct replica_w w = { replica, author };
	enum kith_status rc;

	if (replica < 1 || replica > KDB_REPLICA_MAX)
		return kith_err_set(err, KITH_INVALID, "replica %u: must be 1 to %u",
				    (unsigned)replica, (unsigned)KDB_REPLICA_MAX);
	if (!author || !*author)
		return kith_err_set(err, KITH_INVALID, "author: must not be empty");
	if ((rc = db_check_text("author", author, err)))
		return rc;
	return db_write(db, replica_set_body, &w, err);
}

enum kith_status
kdb_replica_get(struct kdb *db, uint32_t *replica, char **author, struct kith_err *err)
{
	static const char q[] =
		"SELECT r.value, a.value FROM meta r, meta a "
		"WHERE r.key = 'team.replica' AND a.key = 'team.author'";
	sqlite3_stmt *st = db_stmt(db, q, err);
	enum kith_status rc;

	*replica = 0;
	if (author)
		*author = NULL;
	if (!st)
		return KITH_DB;
	if ((rc = db_step_row(db, st, "replica", err)))
		return rc == KITH_NOTFOUND ? KITH_OK : rc;
	*replica = (uint32_t)sqlite3_column_int64(st, 0);
	if (author)
		*author = xstrdup(db_col_text(st, 1));
	sqlite3_reset(st);
	return KITH_OK;
}

enum kith_status
kdb_replica_taken(struct kdb *db, uint32_t replica, bool *taken, struct kith_err *err)
{
	static const char q_member[] = "SELECT 1 FROM meta WHERE key = 'team.member.' || ?1";
	enum kith_status rc;

	*taken = false;
	rc = db_int64(db, NULL, q_member, "replica", err, "i", (int64_t)replica);
	if (rc != KITH_NOTFOUND) {
		*taken = rc == KITH_OK;
		return rc;
	}
	return db_range_used(db, replica, taken, err);
}

/* ---- state and conflicts --------------------------------------------------------- */

enum kith_status
kdb_sync_state(struct kdb *db, struct kdb_sync_state *out, struct kith_err *err)
{
	static const char q[] =
		"SELECT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'team.applied'), "
		"EXISTS (SELECT 1 FROM meta WHERE key = 'team.applied'), "
		"(SELECT count(*) FROM sync_outbox), "
		"(SELECT count(*) FROM sync_conflict WHERE data ->> '$.seen' = 0), "
		"(SELECT value FROM meta WHERE key = 'team.synced_at')";
	sqlite3_stmt *st;
	enum kith_status rc;

	memset(out, 0, sizeof *out);
	if ((rc = db_first(db, &st, q, "sync", err, "")))
		return rc;
	out->applied = sqlite3_column_int64(st, 0);
	out->started = sqlite3_column_int(st, 1) != 0;
	out->waiting = sqlite3_column_int64(st, 2);
	out->unseen = sqlite3_column_int64(st, 3);
	snprintf(out->synced_at, sizeof out->synced_at, "%s", db_col_text(st, 4));
	sqlite3_reset(st);
	return KITH_OK;
}

enum kith_status
kdb_conflicts(struct kdb *db, int limit, struct kdb_conflict **out, size_t *n,
	      struct kith_err *err)
{
	static const char q[] =
		"SELECT id, data ->> '$.at', data ->> '$.kind', data ->> '$.table', "
		"data ->> '$.what', data ->> '$.column', data ->> '$.key', data ->> '$.old', "
		"data ->> '$.theirs', data ->> '$.mine', data ->> '$.winner', data ->> '$.seen' "
		"FROM sync_conflict ORDER BY id DESC LIMIT ?1";
	sqlite3_stmt *st = db_query(db, q, err, "n", limit);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return KITH_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct kdb_conflict *c;
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		c = &(*out)[(*n)++];
		c->id = sqlite3_column_int64(st, 0);
		c->at = xstrdup(db_col_text(st, 1));
		c->kind = xstrdup(db_col_text(st, 2));
		c->table = xstrdup(db_col_text(st, 3));
		c->what = xstrdup(db_col_text(st, 4));
		c->column = xstrdup(db_col_text(st, 5));
		c->key = sqlite3_column_int64(st, 6);
		c->old = db_col_dup(st, 7);
		c->theirs = db_col_dup(st, 8);
		c->mine = db_col_dup(st, 9);
		c->winner = xstrdup(db_col_text(st, 10));
		c->seen = sqlite3_column_int(st, 11) != 0;
	}
	return db_finish(db, st, rc, "conflicts", err);
}

void
kdb_conflicts_free(struct kdb_conflict *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].at);
		free(c[i].kind);
		free(c[i].table);
		free(c[i].what);
		free(c[i].column);
		free(c[i].old);
		free(c[i].theirs);
		free(c[i].mine);
		free(c[i].winner);
	}
	free(c);
}

enum kith_status
kdb_conflicts_seen(struct kdb *db, struct kith_err *err)
{
	static const char q[] =
		"UPDATE sync_conflict SET data = json_set(data, '$.seen', 1) "
		"WHERE data ->> '$.seen' = 0";
	bool was_syncing = db->syncing;
	enum kith_status rc;

	db->syncing = true;
	rc = db_write_run(db, q, "conflicts", err, "");
	db->syncing = was_syncing;
	return rc;
}

/* ctx: the conflict's id (an int64_t) */
static enum kith_status
take_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char q[] =
		"SELECT data ->> '$.kind', data ->> '$.table', data ->> '$.column', "
		"data ->> '$.key', data ->> '$.winner' FROM sync_conflict WHERE id = ?1";
	static const char q_won[] =
		"UPDATE sync_conflict SET data = json_set(data, '$.winner', ?2, '$.seen', 1) "
		"WHERE id = ?1";
	const int64_t id = *(const int64_t *)ctx;
	sqlite3_stmt *st, *up = NULL;
	char table[64], col[64], *sql = NULL;
	int64_t key;
	bool theirs;
	int in_key = 0, rc;
	enum kith_status ks;

	if ((ks = db_first(db, &st, q, "conflict", err, "i", id)))
		return ks == KITH_NOTFOUND ? kith_err_set(err, KITH_NOTFOUND,
							  "conflict %lld: no such conflict",
							  (long long)id) : ks;
	snprintf(table, sizeof table, "%s", db_col_text(st, 1));
	snprintf(col, sizeof col, "%s", db_col_text(st, 2));
	key = sqlite3_column_int64(st, 3);
	theirs = !strcmp(db_col_text(st, 4), "theirs");
	ks = strcmp(db_col_text(st, 0), "field") ? KITH_INVALID : KITH_OK;
	sqlite3_reset(st);
	/* the names are the conflict's own: a shared table and one of its columns */
	if (ks || !key || db_shared_index(table) < 0 ||
	    sqlite3_table_column_metadata(db->h, "main", table, col, NULL, NULL, NULL, &in_key,
					  NULL) != SQLITE_OK || in_key)
		return kith_err_set(err, KITH_INVALID, "conflict %lld: not a field that can be "
				    "taken back", (long long)id);
	sql = sqlite3_mprintf("UPDATE main.\"%w\" SET \"%w\" = (SELECT data ->> ?2 FROM "
			      "sync_conflict WHERE id = ?1) WHERE id = ?3", table, col);
	if (!sql || sqlite3_prepare_v2(db->h, sql, -1, &up, NULL) != SQLITE_OK) {
		sqlite3_free(sql);
		return db_error(db, err, "conflict");
	}
	sqlite3_free(sql);
	sqlite3_bind_int64(up, 1, id);
	sqlite3_bind_text(up, 2, theirs ? "$.mine" : "$.theirs", -1, SQLITE_STATIC);
	sqlite3_bind_int64(up, 3, key);
	rc = sqlite3_step(up);
	sqlite3_finalize(up);
	if (rc != SQLITE_DONE)
		return db_error(db, err, table);
	if (!sqlite3_changes(db->h))
		return kith_err_set(err, KITH_NOTFOUND, "%s #%lld: gone since the conflict", table,
				    (long long)key);
	return db_run(db, q_won, "conflict", err, "it", id, theirs ? "mine" : "theirs");
}

enum kith_status
kdb_conflict_take(struct kdb *db, int64_t id, struct kith_err *err)
{
	return db_write(db, take_body, &id, err);
}

char *
kdb_key_author(struct kdb *db, int64_t key)
{
	static const char q[] = "SELECT value FROM meta WHERE key = 'team.member.' || ?1";
	sqlite3_stmt *st;
	char *name = NULL;

	if (key >> KDB_KEY_BITS == 0)
		return NULL;
	if (db_first(db, &st, q, "author", NULL, "i", (int64_t)(key >> KDB_KEY_BITS)))
		return NULL;
	name = xstrdup(db_col_text(st, 0));
	sqlite3_reset(st);
	return name;
}
