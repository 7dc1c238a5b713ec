/*
 * tx.c: write transactions, batches and undo changesets.
 *
 * Model. db->depth counts open write levels. The outermost level is a
 * BEGIN IMMEDIATE transaction (so a writer waits for the lock up front
 * instead of failing half-way); inner levels are SAVEPOINTs, so a write
 * function called inside a batch can fail and roll back alone while the
 * batch decides what to do.
 *
 * Undo. With recording on, the outermost level also records its row
 * changes (record.c) in every table except the derived ones
 * (full-text indexes, contact_stat, contact_fts_dirty, goal progress): the
 * schema's triggers rebuild those, and the pre-update hook marks goal
 * progress (goal_mark.c), whenever a change or its inverse is applied. On
 * commit the recorded changeset becomes db->last_change. The private file's changes
 * (private.c) are a part of their own, applied by db_private_apply.
 *
 * Team mode (kith/syncdb.h). In a replica (db->replica, read as the
 * outermost level begins) every write, undo and redo included, is
 * recorded whether or not undo is on, and its changes of the shared
 * tables become a row of the outbox in the same transaction. A sync's own
 * writes (db->syncing) add none. A solo database records as before.
 */
#include "row.h"

#include <errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

/* SAVEPOINT and RELEASE for the first nesting depths, as cached statements. */
#define SP_CACHED 6
static const char *const savepoint_sql[SP_CACHED] = {
	"SAVEPOINT w0", "SAVEPOINT w1", "SAVEPOINT w2", "SAVEPOINT w3", "SAVEPOINT w4",
	"SAVEPOINT w5",
};
static const char *const release_sql[SP_CACHED] = {
	"RELEASE w0", "RELEASE w1", "RELEASE w2", "RELEASE w3", "RELEASE w4", "RELEASE w5",
};

static void
session_end(struct kdb *db)
{
	db_rec_stop(db);
	kdb_change_free(db->parts);
	db->parts = NULL;
}

/* The changes recorded so far as a new part at the end of db->parts (none if empty). */
static bool
session_part(struct kdb *db)
{
	struct kdb_change *ch, **tail;

	if (!db_rec_take(db, &ch))
		return false;
	if (!ch)
		return true;
	for (tail = &db->parts; *tail; tail = &(*tail)->next)
		;
	*tail = ch;
	return true;
}

enum kith_status
db_change_split(struct kdb *db, struct kith_err *err)
{
	if (!db_rec_live(db) || db->depth != 1)
		return KITH_OK;
	if (!session_part(db))
		return kith_err_set(err, KITH_DB, "undo: cannot record the change");
	return KITH_OK;
}

/*
** Team mode: the write's changes of shared tables as the next row of the
** outbox, in the same transaction (the recording's hook is still set but
** the outbox is not recorded).
*/
static bool
outbox_add(struct kdb *db, struct kith_err *err)
{
	static const char q[] = "INSERT INTO sync_outbox(data) VALUES (?1)";
	sqlite3_stmt *st;
	void *data;
	int n;
	bool ok;

	if (!db_rec_team(db, &data, &n))
		return false;
	if (!data)
		return true;
	/* the rows it adds get their short references (sync_alias.c) */
	if (db_alias_add(db, data, (size_t)n, err) || !(st = db_stmt(db, q, err))) {
		sqlite3_free(data);
		return false;
	}
	sqlite3_bind_blob(st, 1, data, n, sqlite3_free);
	ok = db_step_done(db, st, err, "outbox") == KITH_OK;
	sqlite3_clear_bindings(st);
	return ok;
}

enum kith_status
db_write_begin(struct kdb *db, struct kith_err *err)
{
	char sql[32];

	if (db->readonly)
		return kith_err_set(err, KITH_IO, "%s: the database is open read-only", db->path);
	if (db->depth == 0) {
		if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			return db_error(db, err, "begin");
		db_replica_load(db);
		/* team mode: every write's changes of shared tables go to the outbox */
		db->team_write = db->replica && !db->syncing;
		if ((db->recording || db->team_write) && !db_rec_start(db, db->team_write)) {
			session_end(db);
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			return db_error(db, err, "undo session");
		}
	} else if (db->bulk && !db->batch_opening && db->depth < 64) {
		/* an import: the enclosing batch rolls back whatever fails */
		db->sp_skipped |= (uint64_t)1 << db->depth;
	} else if (db->depth < SP_CACHED) {
		/* prepared once: an import opens several savepoints per record */
		enum kith_status rc = db_run(db, savepoint_sql[db->depth], "savepoint", err, "");
		if (rc)
			return rc;
	} else {
		snprintf(sql, sizeof sql, "SAVEPOINT w%d", db->depth);
		if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
			return db_error(db, err, "savepoint");
	}
	db->depth++;
	return KITH_OK;
}

enum kith_status
db_write_end(struct kdb *db, struct kith_err *err)
{
	char sql[32];
	enum kith_status rc;

	if (db->depth <= 0)
		return kith_err_set(err, KITH_DB, "commit: no transaction open");
	db->depth--;
	if (db->depth > 0 && db->depth < 64 && (db->sp_skipped >> db->depth & 1)) {
		db->sp_skipped &= ~((uint64_t)1 << db->depth);
		return KITH_OK;
	}
	if (db->depth > 0 && db->depth < SP_CACHED) {
		return db_run(db, release_sql[db->depth], "release", err, "");
	}
	if (db->depth > 0) {
		snprintf(sql, sizeof sql, "RELEASE w%d", db->depth);
		if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
			return db_error(db, err, "release");
		return KITH_OK;
	}
	/* the channels and roles an import has still to write (pend.c), and
	   goal progress's marks, taken as the write went (db->derive) */
	if ((rc = db_pend_flush(db, err)) || (db->derive && (rc = db->derive(db, true, err)))) {
		session_end(db);
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	kdb_change_free(db->last_change);
	db->last_change = NULL;
	if (!session_part(db) || (db->team_write && !outbox_add(db, err))) {
		session_end(db);
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return kith_err_set(err, KITH_DB, "undo: cannot record the change");
	}
	db->last_change = db->recording ? db->parts : NULL;
	if (!db->recording)
		kdb_change_free(db->parts);
	db->parts = NULL;
	session_end(db);
	if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		rc = db_error(db, err, "commit");
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		kdb_change_free(db->last_change);
		db->last_change = NULL;
		return rc;
	}
	db->commits++;
	db_replica_seen(db);
	return KITH_OK;
}

enum kith_status
db_write_fail(struct kdb *db, struct kith_err *err, enum kith_status code)
{
	char sql[64];

	(void)err;
	if (db->depth <= 0)
		return code;
	db->rollbacks++;                /* what an import keeps in memory may be undone */
	db->lookup_idx_aside |= db->bulk;       /* and the indexes it made again (bulk_db.c) */
	db->depth--;
	if (db->depth > 0 && db->depth < 64 && (db->sp_skipped >> db->depth & 1)) {
		/* no savepoint here: the failure goes up to the batch that rolls back */
		db->sp_skipped &= ~((uint64_t)1 << db->depth);
		return code;
	}
	if (db->depth > 0) {
		/* the channels and roles an import has still to write go first
		   (pend.c's trace, at its start); those after the savepoint go with it */
		snprintf(sql, sizeof sql, "ROLLBACK TO w%d; RELEASE w%d", db->depth, db->depth);
		sqlite3_exec(db->h, sql, NULL, NULL, NULL);
		return code;
	}
	db_pend_drop(db);               /* the whole transaction goes */
	session_end(db);
	sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	if (db->derive)
		db->derive(db, false, NULL);
	return code;
}

enum kith_status
db_write(struct kdb *db, db_write_fn body, void *ctx, struct kith_err *err)
{
	enum kith_status rc;

	if ((rc = db_write_begin(db, err)))
		return rc;
	if ((rc = body(db, ctx, err)))
		return db_write_fail(db, err, rc);
	return db_write_end(db, err);
}

enum kith_status
db_write_run(struct kdb *db, const char *sql, const char *what, struct kith_err *err,
	     const char *fmt, ...)
{
	sqlite3_stmt *st;
	enum kith_status rc;
	va_list ap;

	if ((rc = db_write_begin(db, err)))
		return rc;
	va_start(ap, fmt);
	st = db_vquery(db, sql, err, fmt, ap);
	va_end(ap);
	if (!st)
		return db_write_fail(db, err, KITH_DB);
	if ((rc = db_step_done(db, st, err, what)))
		return db_write_fail(db, err, rc);
	return db_write_end(db, err);
}

enum kith_status
kdb_batch_begin(struct kdb *db, struct kith_err *err)
{
	enum kith_status rc;

	db->batch_opening = true;       /* a batch keeps its savepoint even in bulk mode */
	rc = db_write_begin(db, err);
	db->batch_opening = false;
	return rc;
}

enum kith_status
kdb_batch_end(struct kdb *db, bool commit, struct kith_err *err)
{
	if (commit)
		return db_write_end(db, err);
	return db_write_fail(db, err, KITH_OK);
}

enum kith_status
kdb_record_changes(struct kdb *db, bool on, struct kith_err *err)
{
	if (db->depth > 0)
		return kith_err_set(err, KITH_INVALID, "undo: cannot change recording inside a write");
	db->recording = on;
	return KITH_OK;
}

struct kdb_change *
kdb_change_take(struct kdb *db)
{
	struct kdb_change *ch = db->last_change;

	db->last_change = NULL;
	return ch;
}

void
kdb_change_free(struct kdb_change *ch)
{
	while (ch) {
		struct kdb_change *next = ch->next;
		sqlite3_free(ch->data);
		free(ch);
		ch = next;
	}
}

struct apply_ctx {
	int conflicts;
	char table[64];
};

/*
** A DELETE whose row is already gone was removed by a cascade earlier in
** the same changeset: skip it. Anything else means the data changed since
** the step was recorded (another process, or a later edit): give up.
*/
static int
on_conflict(void *p, int kind, sqlite3_changeset_iter *it)
{
	struct apply_ctx *ctx = p;
	const char *table;
	int ncol, op, indirect;

	sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
	if (kind == SQLITE_CHANGESET_NOTFOUND && op == SQLITE_DELETE)
		return SQLITE_CHANGESET_OMIT;
	ctx->conflicts++;
	if (!ctx->table[0])
		snprintf(ctx->table, sizeof ctx->table, "%s", table);
	return SQLITE_CHANGESET_ABORT;
}

/* Apply one part of a change, inverted for an undo. Returns an SQLite code. */
static int
apply_part(struct kdb *db, const struct kdb_change *part, bool invert, struct apply_ctx *ctx)
{
	void *buf = part->data;
	int n = part->n, rc;

	if (invert && sqlite3changeset_invert(part->n, part->data, &n, &buf) != SQLITE_OK)
		return SQLITE_NOMEM;
	/* the private file's part: sqlite3changeset_apply writes to "main" only */
	if (part->priv)
		rc = db_private_apply(db, n, buf, &ctx->conflicts, ctx->table, sizeof ctx->table);
	else
		rc = sqlite3changeset_apply(db->h, n, buf, NULL, on_conflict, ctx);
	if (invert)
		sqlite3_free(buf);
	return rc;
}

/*
** A step of several parts (db_change_split) is applied part by part in
** one transaction: in order for a redo, from the last for an undo.
*/
enum kith_status
kdb_change_apply(struct kdb *db, const struct kdb_change *ch, bool invert,
		 struct kith_err *err)
{
	struct apply_ctx ctx = { 0 };
	const struct kdb_change *parts[64], *p;
	int nparts = 0, rc = SQLITE_OK, sys;
	bool was_recording = db->recording;
	enum kith_status st;

	if (db->depth > 0)
		return kith_err_set(err, KITH_INVALID, "undo: a write is in progress");
	for (p = ch; p; p = p->next) {
		if (nparts == (int)(sizeof parts / sizeof parts[0]))
			return kith_err_set(err, KITH_INVALID, "undo: the change has too many parts");
		parts[nparts++] = p;
	}
	db->recording = false;
	st = db_write_begin(db, err);
	db->recording = was_recording;
	if (st)
		return st;
	for (int i = 0; i < nparts && rc == SQLITE_OK && !ctx.conflicts; i++)
		rc = apply_part(db, parts[invert ? nparts - 1 - i : i], invert, &ctx);
	sys = sqlite3_system_errno(db->h);
	if (rc != SQLITE_OK || ctx.conflicts) {
		const char *what = invert ? "undo" : "redo";

		if (ctx.conflicts)
			kith_err_set(err, KITH_CONFLICT,
				     "%s: the data changed since (%s); nothing was changed",
				     what, ctx.table);
		/* a full disk (the log, or a temporary file beside the database):
		   the apply's own savepoint is gone by now, and its message with it */
		else if ((rc & 0xff) == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT ||
			 sys == EFBIG)
			kith_err_set(err, KITH_IO, "%s: not enough space for %s beside %s (%s); "
				     "nothing was changed", what, what, db->path ? db->path : "the "
				     "database", strerror(sys ? sys : ENOSPC));
		else if (rc != SQLITE_OK && sqlite3_errcode(db->h) == SQLITE_OK)
			kith_err_set(err, KITH_DB, "%s: %s; nothing was changed", what,
				     sqlite3_errstr(rc));
		else
			db_error(db, err, what);
		return db_write_fail(db, err, ctx.conflicts ? KITH_CONFLICT :
				     err ? err->code : KITH_DB);
	}
	st = db_write_end(db, err);
	kdb_change_free(kdb_change_take(db));
	return st;
}
