/*
 * sync_snap.c: team mode's snapshot as a database file (kith/syncdb.h):
 * made from a replica's database, taken as the database of a replica that
 * joins.
 *
 * Every table of the schema is one of three kinds. Shared (sync_key.c's
 * list): the team's data. Derived: kept by triggers from the shared
 * tables alone (contact_stat, list_count, the full-text indexes), so they
 * travel with them, and a newcomer's planner has them at once instead of
 * rebuilding a city's search index. Local: this replica's own (meta with
 * "me" and the team's bookkeeping, review decisions, "not the same
 * person", the outbox, the conflicts), and any table not named below:
 * emptied in the snapshot, with secure_delete on so their bytes are
 * overwritten, not just freed. Private notes live in another file (never
 * in this one), so no copy of the main file can hold them.
 */
#include "row.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/syncdb.h"
#include "kith/xalloc.h"

/* Kept by triggers from the shared tables only (an FTS5 table's own tables go with it). */
static const char *const derived[] = {
	"contact_stat", "list_count", "contact_fts_dirty", "contact_fts", "organisation_fts",
	"interaction_fts", "followup_fts", "event_fts",
	/* goal progress's cache and its marks (issue 18) */
	"goal_member", "goal_dirty", "goal_stale", "probe_fts",
};
/* This replica's own: never in a snapshot. */
static const char *const local[] = {
	"meta", "review_action", "dup_not_same", "sync_outbox", "sync_conflict",
	"sync_alias",           /* short numbers of other replicas' rows, this replica's own */
};
static const char *const fts_parts[] = { "_config", "_content", "_data", "_docsize", "_idx" };

#define N(a) (sizeof(a) / sizeof(a)[0])

static bool
named(const char *const *list, size_t n, const char *table)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], table))
			return true;
	return false;
}

/* A derived table, or one of an FTS5 table's own tables. */
static bool
is_derived(const char *table)
{
	if (named(derived, N(derived), table))
		return true;
	for (size_t i = 0; i < N(derived); i++) {
		size_t n = strlen(derived[i]);
		if (!strncmp(table, derived[i], n) && named(fts_parts, N(fts_parts), table + n))
			return true;
	}
	return false;
}

int
kdb_table_kind(const char *table)
{
	if (db_shared_index(table) >= 0)
		return KDB_TABLE_SHARED;
	if (is_derived(table))
		return KDB_TABLE_DERIVED;
	if (named(local, N(local), table))
		return KDB_TABLE_LOCAL;
	return KDB_TABLE_UNKNOWN;
}

static enum kith_status
copy_error(sqlite3 *h, const char *path, struct kith_err *err)
{
	return kith_err_set(err, KITH_IO, "snapshot %s: %s", path,
			    h ? sqlite3_errmsg(h) : "cannot open");
}

/* In the copy h: the last entry applied, and whether local changes wait (or an import). */
static enum kith_status
copy_state(sqlite3 *h, const char *path, int64_t *upto, bool *waiting, struct kith_err *err)
{
	sqlite3_stmt *st;
	int rc;

	/* an import in bulk mode keeps the triggers it set aside in meta (bulk_db.c) */
	if (sqlite3_prepare_v2(h, "SELECT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = "
			       "'team.applied'), EXISTS (SELECT 1 FROM sync_outbox) OR EXISTS "
			       "(SELECT 1 FROM meta WHERE key GLOB 'bulk_*')", -1, &st,
			       NULL) != SQLITE_OK)
		return copy_error(h, path, err);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*upto = sqlite3_column_int64(st, 0);
		*waiting = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? KITH_OK : copy_error(h, path, err);
}

/* Empty every table of h that is not shared or derived (its triggers keep the rest right). */
static enum kith_status
copy_strip(sqlite3 *h, const char *path, struct kith_err *err)
{
	sqlite3_stmt *st;
	char **names = NULL;
	size_t n = 0;
	enum kith_status rc = KITH_OK;

	if (sqlite3_prepare_v2(h, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name "
			       "NOT LIKE 'sqlite\\_%' ESCAPE '\\'", -1, &st, NULL) != SQLITE_OK)
		return copy_error(h, path, err);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		int kind = kdb_table_kind(t);

		if (kind == KDB_TABLE_SHARED || kind == KDB_TABLE_DERIVED)
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup(t);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < n; i++) {
		char *sql = sqlite3_mprintf("DELETE FROM main.\"%w\"", names[i]);

		if (!rc && (!sql || sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK))
			rc = copy_error(h, path, err);
		sqlite3_free(sql);
		free(names[i]);
	}
	free(names);
	return rc;
}

enum kith_status
kdb_snapshot_file(struct kdb *db, const char *path, int64_t *upto, struct kith_err *err)
{
	sqlite3_stmt *st;
	sqlite3 *h = NULL;
	enum kith_status rc;
	bool waiting = false;
	mode_t old;
	int src;

	*upto = 0;
	if (db->depth > 0)
		return kith_err_set(err, KITH_INVALID, "snapshot: a write is in progress");
	unlink(path);
	/* one read transaction: a consistent copy, while writers go on */
	if (sqlite3_prepare_v2(db->h, "VACUUM INTO ?1", -1, &st, NULL) != SQLITE_OK)
		return db_error(db, err, "snapshot");
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	old = umask(077);
	src = sqlite3_step(st);
	umask(old);
	sqlite3_finalize(st);
	if (src != SQLITE_DONE) {
		rc = db_error(db, err, "snapshot");
		unlink(path);
		return rc;
	}
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = copy_error(h, path, err);
		goto out;
	}
	db_sql_init(h);
	if (sqlite3_exec(h, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; "
			 "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF", NULL, NULL,
			 NULL) != SQLITE_OK) {
		rc = copy_error(h, path, err);
		goto out;
	}
	if ((rc = copy_state(h, path, upto, &waiting, err)))
		goto out;
	if (waiting) {
		/* the copy would hold changes the log has not: after the next sync */
		rc = kith_err_set(err, KITH_BUSY, "local changes are waiting to be sent (or an "
				  "import is under way): the snapshot is made after a sync that "
				  "sends them");
		goto out;
	}
	if (sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		rc = copy_error(h, path, err);
		goto out;
	}
	rc = copy_strip(h, path, err);
	if (sqlite3_exec(h, rc ? "ROLLBACK" : "COMMIT", NULL, NULL, NULL) != SQLITE_OK && !rc)
		rc = copy_error(h, path, err);
out:
	sqlite3_close(h);
	if (rc)
		unlink(path);
	return rc;
}

/* ---- adopting a snapshot ------------------------------------------------------- */

/* Nothing of the team's tables here, and no local change waiting. */
static enum kith_status
empty_replica(struct kdb *db, struct kith_err *err)
{
	int64_t any = 0;
	enum kith_status rc;

	for (int i = 0; db_shared_name(i); i++) {
		char *sql = sqlite3_mprintf("SELECT EXISTS (SELECT 1 FROM main.\"%w\")",
					    db_shared_name(i));

		rc = db_int64(db, &any, sql, "snapshot", err, "");
		sqlite3_free(sql);
		if (rc)
			return rc;
		if (any)
			return kith_err_set(err, KITH_CONFLICT, "%s holds data of its own (%s) and "
					    "has never synced: join the team with a new database "
					    "(kith -d NEW.db team join ...); nothing was changed",
					    db->path, kdb_shared_noun(db_shared_name(i), 2));
	}
	if ((rc = db_int64(db, &any, "SELECT EXISTS (SELECT 1 FROM sync_outbox)", "snapshot",
			   err, "")))
		return rc;
	return any ? kith_err_set(err, KITH_CONFLICT, "%s has changes waiting and has never "
				  "synced; nothing was changed", db->path) : KITH_OK;
}

/* The schema version of the database file at path; -1 if it cannot be read. */
static int
file_version(sqlite3 *h)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
** In the snapshot file h, this replica's meta rows (the snapshot has none)
** and the entry it is at, so that the copy into the database is the one step.
*/
static enum kith_status
meta_carry(struct kdb *db, sqlite3 *h, const char *path, int64_t upto, struct kith_err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT key, value FROM meta", err), *put = NULL;
	char now[20];
	int rc = SQLITE_ROW;

	if (!st)
		return KITH_DB;
	if (sqlite3_exec(h, "BEGIN; DELETE FROM meta", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", -1,
			       &put, NULL) != SQLITE_OK) {
		sqlite3_reset(st);
		return copy_error(h, path, err);
	}
	while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_bind_value(put, 1, sqlite3_column_value(st, 0));
		sqlite3_bind_value(put, 2, sqlite3_column_value(st, 1));
		if (sqlite3_step(put) != SQLITE_DONE)
			rc = SQLITE_ERROR;
		sqlite3_reset(put);
	}
	sqlite3_reset(st);
	db_now(now);
	if (rc == SQLITE_DONE) {
		sqlite3_bind_text(put, 1, "team.applied", -1, SQLITE_STATIC);
		sqlite3_bind_int64(put, 2, upto);
		rc = sqlite3_step(put) == SQLITE_DONE ? SQLITE_DONE : SQLITE_ERROR;
		sqlite3_reset(put);
		sqlite3_bind_text(put, 1, "team.synced_at", -1, SQLITE_STATIC);
		sqlite3_bind_text(put, 2, now, -1, SQLITE_STATIC);
		if (rc == SQLITE_DONE && sqlite3_step(put) != SQLITE_DONE)
			rc = SQLITE_ERROR;
	}
	sqlite3_finalize(put);
	if (rc != SQLITE_DONE || sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		enum kith_status ks = copy_error(h, path, err);
		sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
		return ks;
	}
	return KITH_OK;
}

enum kith_status
kdb_snapshot_prepare(struct kdb *db, const char *path, int64_t upto, struct kith_err *err)
{
	sqlite3 *from = NULL;
	enum kith_status rc;
	int v;

	if (db->depth > 0)
		return kith_err_set(err, KITH_INVALID, "snapshot: a write is in progress");
	if ((rc = empty_replica(db, err)))
		return rc;
	if (sqlite3_open_v2(path, &from, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = copy_error(from, path, err);
	} else if ((v = file_version(from)) < 1 || v > kdb_schema_version()) {
		rc = v < 1 ? kith_err_set(err, KITH_CORRUPT, "the team's snapshot is not a kith "
					  "database; nothing was changed")
			   : kith_err_set(err, KITH_VERSION, "the team's snapshot was written by "
					  "a newer kith (schema %d; this kith knows %d): update "
					  "kith, then sync; nothing was changed", v,
					  kdb_schema_version());
	} else {
		sqlite3_exec(from, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF", NULL,
			     NULL, NULL);
		rc = meta_carry(db, from, path, upto, err);
	}
	sqlite3_close(from);
	return rc;
}

enum kith_status
kdb_snapshot_adopt(struct kdb *db, const char *path, int64_t upto, struct kith_err *err)
{
	sqlite3_backup *b;
	sqlite3 *from = NULL;
	enum kith_status rc;
	int brc;

	if ((rc = kdb_snapshot_prepare(db, path, upto, err)))
		return rc;
	if (sqlite3_open_v2(path, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		rc = copy_error(from, path, err);
		sqlite3_close(from);
		return rc;
	}
	/* one step, page by page, without a WAL to copy it through twice */
	sqlite3_exec(db->h, "PRAGMA main.journal_mode = DELETE", NULL, NULL, NULL);
	b = sqlite3_backup_init(db->h, "main", from, "main");
	brc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
	if (b && sqlite3_backup_finish(b) != SQLITE_OK && brc == SQLITE_DONE)
		brc = SQLITE_ERROR;
	sqlite3_exec(db->h, "PRAGMA main.journal_mode = WAL", NULL, NULL, NULL);
	sqlite3_close(from);
	if (brc != SQLITE_DONE)
		return db_error(db, err, "snapshot");
	/* a snapshot of an older kith is brought up to this one's schema */
	return kdb_migrate_to(db, kdb_schema_version(), err);
}

enum kith_status
kdb_snapshot_install(const char *path, const char *dbpath, struct kith_err *err)
{
	char side[PATH_MAX];
	int fd;

	/* no WAL of the old file may be read over the new one */
	for (int i = 0; i < 2; i++) {
		snprintf(side, sizeof side, "%s%s", dbpath, i ? "-shm" : "-wal");
		if (unlink(side) != 0 && errno != ENOENT)
			return kith_err_set(err, KITH_IO, "%s: %s", side, strerror(errno));
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) != 0 || rename(path, dbpath) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return kith_err_set(err, KITH_IO, "%s: %s", dbpath, strerror(e));
	}
	close(fd);
	return KITH_OK;
}
