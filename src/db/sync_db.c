/*
 * sync_db.c: the outbox, applying the team's log and the conflicts (see
 * kith/syncdb.h for the model and the rules).
 *
 * Changes are SQLite changesets (the session extension's format): the
 * outbox rows are recorded by record.c as each write commits; the entry a
 * sync appends is recorded by a session on the shared tables while the
 * outbox is applied again over the team's entries, so it holds what was
 * actually changed. sqlite3changeset_apply calls on_conflict for each
 * change that does not apply as it stands; the rules are there. What it
 * finds is named and recorded by sync_found.c (sync_apply.h).
 */
#include "row.h"
#include "sync_apply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/str.h"
#include "kith/syncdb.h"
#include "kith/xalloc.h"

/* Columns kith keeps itself: a difference there is no conflict. */
static bool
bookkeeping(const char *col)
{
	size_t n = strlen(col);

	return !strcmp(col, "updated_at") || !strcmp(col, "influence_rank") ||
	       (n > 4 && !strcmp(col + n - 4, "_key"));
}

static bool
same(sqlite3_value *x, sqlite3_value *y)
{
	if (!x || !y)
		return x == y;
	return db_value_same(x, y);
}

/*
** Local changes over the team's (a->mine); the undoing of local changes
** and the log's entries otherwise, which apply as they were recorded:
** there a difference can only be the schema's own work (a trigger, a
** foreign key's action) having got there first.
*/
static int
on_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
	struct apply *a = ctx;
	const char *table;
	int ncol, op, indirect;
	bool noop = true;

	sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
	switch (kind) {
	case SQLITE_CHANGESET_FOREIGN_KEY:
		a->fk = true;
		return SQLITE_CHANGESET_OMIT;   /* the rows are found and dropped after */
	case SQLITE_CHANGESET_NOTFOUND:
		if (op == SQLITE_DELETE)        /* already gone (a cascade got there first) */
			return SQLITE_CHANGESET_OMIT;
		if (a->mine && !indirect)
			sync_found_add(a, "missing", it, table, -1);
		return SQLITE_CHANGESET_OMIT;
	case SQLITE_CHANGESET_CONSTRAINT:
		if (!a->mine) {
			a->failed = true;
			return SQLITE_CHANGESET_ABORT;
		}
		sync_found_add(a, "constraint", it, table, -1);
		return SQLITE_CHANGESET_OMIT;
	case SQLITE_CHANGESET_DATA:
	case SQLITE_CHANGESET_CONFLICT:
		break;
	default:
		a->failed = true;
		return SQLITE_CHANGESET_ABORT;
	}
	if (op == SQLITE_DELETE) {
		/* the row was changed since: the deletion (the later entry) wins */
		if (a->mine && !indirect)
			sync_found_add(a, "deleted", it, table, -1);
		return SQLITE_CHANGESET_REPLACE;
	}
	/* an update or an insert over a row that is there: field by field */
	for (int i = 0; i < ncol; i++) {
		sqlite3_value *old = NULL, *now = NULL, *mine = NULL;

		if (sqlite3changeset_new(it, i, &mine) != SQLITE_OK || !mine)
			continue;       /* a column this change does not set */
		sqlite3changeset_conflict(it, i, &now);
		if (same(now, mine))
			continue;
		noop = false;
		if (op == SQLITE_UPDATE)
			sqlite3changeset_old(it, i, &old);
		/* theirs changed it from what mine started from, to something else */
		if (a->mine && !bookkeeping(sync_col_name(a, table, i)) && !indirect &&
		    (op == SQLITE_INSERT || !same(old, now))) {
			struct found *f = sync_found_add(a, "field", it, table, i);
			f->old = old ? sqlite3_value_dup(old) : NULL;
			f->theirs = now ? sqlite3_value_dup(now) : NULL;
			f->mine = sqlite3_value_dup(mine);
		}
	}
	return noop ? SQLITE_CHANGESET_OMIT : SQLITE_CHANGESET_REPLACE;
}

static int
apply(struct apply *a, const void *data, size_t len, bool invert)
{
	void *buf = (void *)data;
	int n = (int)len, rc;

	if (invert && sqlite3changeset_invert((int)len, data, &n, &buf) != SQLITE_OK)
		return SQLITE_NOMEM;
	rc = sqlite3changeset_apply(a->db->h, n, buf, NULL, on_conflict, a);
	if (invert)
		sqlite3_free(buf);
	return rc;
}

/* ---- the outbox --------------------------------------------------------------- */

enum kith_status
kdb_outbox_get(struct kdb *db, void **data, size_t *len, int64_t *upto, struct kith_err *err)
{
	static const char q[] = "SELECT id, data FROM sync_outbox ORDER BY id";
	sqlite3_changegroup *cg = NULL;
	sqlite3_stmt *st;
	int rc, n = 0;
	void *out = NULL;

	*data = NULL;
	*len = 0;
	*upto = 0;
	if (!(st = db_stmt(db, q, err)))
		return KITH_DB;
	if (sqlite3changegroup_new(&cg) != SQLITE_OK)
		return kith_err_set(err, KITH_DB, "outbox: out of memory");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*upto = sqlite3_column_int64(st, 0);
		if (sqlite3changegroup_add(cg, sqlite3_column_bytes(st, 1),
					   (void *)sqlite3_column_blob(st, 1)) != SQLITE_OK) {
			sqlite3_reset(st);
			sqlite3changegroup_delete(cg);
			return kith_err_set(err, KITH_CORRUPT, "outbox: change %lld is damaged",
					    (long long)*upto);
		}
	}
	if (db_finish(db, st, rc, "outbox", err)) {
		sqlite3changegroup_delete(cg);
		return KITH_DB;
	}
	rc = sqlite3changegroup_output(cg, &n, &out);
	sqlite3changegroup_delete(cg);
	if (rc != SQLITE_OK)
		return kith_err_set(err, KITH_DB, "outbox: out of memory");
	if (n > 0) {
		*data = xmalloc((size_t)n);
		memcpy(*data, out, (size_t)n);
		*len = (size_t)n;
	}
	sqlite3_free(out);
	return KITH_OK;
}

enum kith_status
kdb_outbox_first(struct kdb *db, void **data, size_t *len, int64_t *id, struct kith_err *err)
{
	static const char q[] = "SELECT id, data FROM sync_outbox ORDER BY id LIMIT 1";
	sqlite3_stmt *st;
	enum kith_status rc;

	*data = NULL;
	*len = 0;
	*id = 0;
	if ((rc = db_first(db, &st, q, "outbox", err, "")))
		return rc == KITH_NOTFOUND ? KITH_OK : rc;
	*id = sqlite3_column_int64(st, 0);
	*len = (size_t)sqlite3_column_bytes(st, 1);
	*data = xmalloc(*len ? *len : 1);
	if (*len)
		memcpy(*data, sqlite3_column_blob(st, 1), *len);
	sqlite3_reset(st);
	return KITH_OK;
}

enum kith_status
kdb_change_summary(const void *data, size_t len, kdb_summary_fn fn, void *ud,
		   struct kith_err *err)
{
	sqlite3_changeset_iter *it;
	char table[64] = "";
	int n[3] = { 0, 0, 0 }, rc;

	if (sqlite3changeset_start(&it, (int)len, (void *)data) != SQLITE_OK)
		return kith_err_set(err, KITH_CORRUPT, "not a changeset");
	while ((rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
		const char *t;
		int ncol, op, indirect;

		sqlite3changeset_op(it, &t, &ncol, &op, &indirect);
		if (strcmp(t, table)) {
			if (table[0])
				fn(ud, table, n[0], n[1], n[2]);
			snprintf(table, sizeof table, "%.63s", t);
			n[0] = n[1] = n[2] = 0;
		}
		if (!indirect)
			n[op == SQLITE_INSERT ? 0 : op == SQLITE_UPDATE ? 1 : 2]++;
	}
	if (table[0])
		fn(ud, table, n[0], n[1], n[2]);
	rc = sqlite3changeset_finalize(it) == SQLITE_OK && (rc == SQLITE_DONE);
	return rc ? KITH_OK : kith_err_set(err, KITH_CORRUPT, "the entry is damaged");
}

/* ---- applying ----------------------------------------------------------------- */

static int
only_shared(void *ctx, const char *table)
{
	(void)ctx;
	return db_shared_index(table) >= 0;
}

struct sync_w {
	const struct kdb_entry *remote;
	size_t n;
	struct kdb_sync_out *out;
	struct apply a;
};

static enum kith_status
apply_failed(struct kdb *db, int rc, const char *what, struct kith_err *err)
{
	if (rc == SQLITE_OK)
		return KITH_OK;
	if (sqlite3_errcode(db->h) != SQLITE_OK)
		return db_error(db, err, what);
	return kith_err_set(err, KITH_DB, "%s: %s; nothing was changed", what, sqlite3_errstr(rc));
}

/*
** Apply the local changes over the team's (a->mine), recording what they
** change as *mine. A deletion of the local changes can take with it rows
** another replica added meanwhile (an organisation deleted here, a role
** Ben added at it: the schema's ON DELETE CASCADE). The user deleted what
** they saw, not those: such rows ("cascade") are recorded, named as they
** were. Their names are read before the deletion: when there are any, the
** apply is taken back to a savepoint, they are named, and it runs again.
*/
static enum kith_status
apply_mine(struct apply *a, const void *local, size_t nlocal, void **mine, int *nmine,
	   struct kith_err *err)
{
	struct kdb *db = a->db;
	struct delset had = { 0 }, now = { 0 }, lost = { 0 };
	size_t base = a->nfound;
	enum kith_status st = KITH_OK;
	int rc = SQLITE_OK;

	*mine = NULL;
	*nmine = 0;
	if (sqlite3_exec(db->h, "SAVEPOINT sync_mine", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, err, "sync");
	for (int pass = 0; pass < 2 && !st; pass++) {
		sqlite3_session *s = NULL;

		/* a session's pre-update hook takes the place of the connection's
		   while it lives (record.c; its goal marks were taken as the same
		   rows were taken back) */
		db_row_hook_pause(db, true);
		if (sqlite3session_create(db->h, "main", &s) != SQLITE_OK) {
			db_row_hook_pause(db, false);
			st = kith_err_set(err, KITH_DB, "sync: out of memory");
			break;
		}
		sqlite3session_table_filter(s, only_shared, NULL);
		sqlite3session_attach(s, NULL);
		a->fk = false;
		rc = apply(a, local, nlocal, false);
		if (rc == SQLITE_OK && a->fk)
			st = sync_drop_orphans(a, local, nlocal, err);
		if (rc == SQLITE_OK && !st &&
		    sqlite3session_changeset(s, nmine, mine) != SQLITE_OK)
			st = kith_err_set(err, KITH_DB, "sync: cannot record the local changes");
		sqlite3session_delete(s);
		db_row_hook_pause(db, false);
		if (rc != SQLITE_OK && !st)
			st = apply_failed(db, rc, "sync: the local changes", err);
		if (st || pass == 1)
			break;
		/* the rows it deleted that the local changes did not name */
		sync_deletes_of(local, (int)nlocal, &had);
		sync_deletes_of(*mine, *nmine, &now);
		for (size_t i = 0; i < now.n; i++)
			if (!sync_delset_has(&had, now.v[i].t, now.v[i].key) &&
			    !sync_dropped(a, base, now.v[i].t, now.v[i].key)) {
				lost.v = xreallocarray(lost.v, lost.n + 1, sizeof *lost.v);
				lost.v[lost.n++] = now.v[i];
			}
		if (!lost.n)
			break;
		/* back to before the apply: name them, then apply again */
		sqlite3_free(*mine);
		*mine = NULL;
		*nmine = 0;
		if (sqlite3_exec(db->h, "ROLLBACK TO sync_mine", NULL, NULL, NULL) != SQLITE_OK) {
			st = db_error(db, err, "sync");
			break;
		}
		sync_found_drop(a, base);
		for (size_t i = 0; i < lost.n; i++) {
			struct found *f = sync_found_new(a, "cascade");
			snprintf(f->table, sizeof f->table, "%s", db_shared_name(lost.v[i].t));
			f->key = lost.v[i].key;
			snprintf(f->what, sizeof f->what, "#%lld",
				 (long long)kdb_ref(db, f->table, f->key));
			sync_name_row(a, f);
		}
	}
	free(had.v);
	free(now.v);
	free(lost.v);
	if (!st && sqlite3_exec(db->h, "RELEASE sync_mine", NULL, NULL, NULL) != SQLITE_OK)
		st = db_error(db, err, "sync");
	if (st) {
		sqlite3_free(*mine);
		*mine = NULL;
		*nmine = 0;
	}
	return st;
}

/*
** This replica's own answers (review decisions, "not the same person")
** about rows it added since its last sync are local rows that cascade from
** them: taking the outbox back deletes those rows for a moment, so the
** answers that name a key of this replica's range are kept aside in temp
** tables first and put back once the local changes are applied again
** (those whose rows are still there).
*/
static enum kith_status
answers_keep(struct kdb *db, struct kith_err *err)
{
	static const char *const q[] = {
		"CREATE TEMP TABLE IF NOT EXISTS sync_keep_review AS "
		"SELECT * FROM main.review_action WHERE 0",
		"CREATE TEMP TABLE IF NOT EXISTS sync_keep_notsame AS "
		"SELECT * FROM main.dup_not_same WHERE 0",
		"DELETE FROM temp.sync_keep_review",
		"DELETE FROM temp.sync_keep_notsame",
		"INSERT INTO temp.sync_keep_review SELECT * FROM main.review_action "
		"WHERE contact_id >> 40 = ?1 OR followup_id >> 40 = ?1",
		"INSERT INTO temp.sync_keep_notsame SELECT * FROM main.dup_not_same "
		"WHERE a_id >> 40 = ?1 OR b_id >> 40 = ?1",
	};
	enum kith_status st = KITH_OK;

	for (size_t i = 0; !st && i < sizeof q / sizeof *q; i++)
		st = i < 4 ? db_run(db, q[i], "sync", err, "") :
			     db_run(db, q[i], "sync", err, "i", (int64_t)db->replica);
	return st;
}

static enum kith_status
answers_restore(struct kdb *db, struct kith_err *err)
{
	static const char *const q[] = {
		"INSERT OR IGNORE INTO main.review_action SELECT * FROM temp.sync_keep_review k "
		"WHERE (k.contact_id IS NULL OR k.contact_id IN (SELECT id FROM main.contact)) "
		"AND (k.followup_id IS NULL OR k.followup_id IN (SELECT id FROM main.followup))",
		"INSERT OR IGNORE INTO main.dup_not_same SELECT * FROM temp.sync_keep_notsame k "
		"WHERE k.a_id IN (SELECT id FROM main.contact) "
		"AND k.b_id IN (SELECT id FROM main.contact)",
		"DELETE FROM temp.sync_keep_review",
		"DELETE FROM temp.sync_keep_notsame",
	};
	enum kith_status st = KITH_OK;

	for (size_t i = 0; !st && i < sizeof q / sizeof *q; i++)
		st = db_run(db, q[i], "sync", err, "");
	return st;
}

static enum kith_status
sync_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char q_member[] =
		"INSERT OR REPLACE INTO meta(key, value) VALUES ('team.member.' || ?1, ?2)";
	static const char q_applied[] =
		"INSERT OR REPLACE INTO meta(key, value) VALUES ('team.applied', ?1)";
	static const char q_clear[] = "DELETE FROM sync_outbox WHERE id <= ?1";
	static const char q_keep[] = "INSERT INTO sync_outbox(data) VALUES (?1)";
	struct sync_w *w = ctx;
	struct apply *a = &w->a;
	void *local = NULL, *mine = NULL;
	size_t nlocal = 0;
	int nmine = 0, rc;
	enum kith_status st;
	char what[64];

	if ((st = kdb_outbox_get(db, &local, &nlocal, &w->out->outbox_upto, err)))
		return st;
	if (local && db->replica && (st = answers_keep(db, err))) {
		free(local);
		return st;
	}
	/* back to the state at the last sync */
	if (local && (rc = apply(a, local, nlocal, true)) != SQLITE_OK) {
		free(local);
		return apply_failed(db, rc, "sync: taking back the local changes", err);
	}
	for (size_t i = 0; i < w->n; i++) {
		const struct kdb_entry *e = &w->remote[i];
		snprintf(what, sizeof what, "sync: entry %lld", (long long)e->seq);
		sync_note_lost(a, e);
		if ((rc = apply(a, e->data, e->len, false)) != SQLITE_OK || a->failed) {
			free(local);
			if (rc == SQLITE_OK || a->failed)
				return kith_err_set(err, KITH_CONFLICT, "%s does not apply here "
						    "(the schema refused it); nothing was changed",
						    what);
			return apply_failed(db, rc, what, err);
		}
		if ((st = db_alias_add(db, e->data, e->len, err))) {
			free(local);
			return st;
		}
		if (e->author && *e->author && e->replica &&
		    (st = db_run(db, q_member, "sync", err, "it", (int64_t)e->replica,
				 e->author))) {
			free(local);
			return st;
		}
		if ((st = db_run(db, q_applied, "sync", err, "i", e->seq))) {
			free(local);
			return st;
		}
	}
	if (!local) {
		w->out->reported = (int)a->nfound;
		return sync_record_found(a, err);
	}
	/* the local changes again, over the team's: what they change is the new entry */
	a->mine = true;
	st = apply_mine(a, local, nlocal, &mine, &nmine, err);
	free(local);
	if (!st && db->replica)
		st = answers_restore(db, err);
	if (st)
		return st;
	if ((st = sync_record_found(a, err)) ||
	    (st = db_run(db, q_clear, "sync", err, "i", w->out->outbox_upto))) {
		sqlite3_free(mine);
		return st;
	}
	if (nmine > 0) {
		sqlite3_stmt *k = db_stmt(db, q_keep, err);
		if (!k) {
			sqlite3_free(mine);
			return KITH_DB;
		}
		sqlite3_bind_blob(k, 1, mine, nmine, SQLITE_STATIC);
		st = db_step_done(db, k, err, "outbox");
		sqlite3_clear_bindings(k);
		if (st) {
			sqlite3_free(mine);
			return st;
		}
		w->out->outbox_upto = sqlite3_last_insert_rowid(db->h);
		w->out->mine = xmalloc((size_t)nmine);
		memcpy(w->out->mine, mine, (size_t)nmine);
		w->out->mine_len = (size_t)nmine;
	}
	sqlite3_free(mine);
	for (size_t i = 0; i < a->nfound; i++) {
		if (!strcmp(a->found[i].kind, "field"))
			w->out->conflicts++;
		else
			w->out->reported++;
	}
	return KITH_OK;
}

enum kith_status
kdb_sync_apply(struct kdb *db, const struct kdb_entry *remote, size_t n,
	       struct kdb_sync_out *out, struct kith_err *err)
{
	struct sync_w w = { remote, n, out, { .db = db } };
	bool was_recording = db->recording, was_syncing = db->syncing;
	enum kith_status rc;

	memset(out, 0, sizeof *out);
	if (db->depth > 0)
		return kith_err_set(err, KITH_INVALID, "sync: a write is in progress");
	db->recording = false;
	db->syncing = true;
	rc = db_write(db, sync_body, &w, err);
	db->recording = was_recording;
	db->syncing = was_syncing;
	sync_apply_free(&w.a);
	/* the private notes' links to people the team deleted (private.c) */
	if (!rc)
		rc = db_private_sweep(db, err);
	if (rc) {
		free(out->mine);
		memset(out, 0, sizeof *out);
	}
	return rc;
}

struct done_w {
	int64_t seq, upto;
};

static enum kith_status
done_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char q_clear[] = "DELETE FROM sync_outbox WHERE id <= ?1";
	static const char q_set[] =
		"INSERT OR REPLACE INTO meta(key, value) VALUES ('team.applied', ?1), "
		"('team.synced_at', ?2)";
	const struct done_w *d = ctx;
	enum kith_status rc;
	char now[20];

	db_now(now);
	if ((rc = db_run(db, q_clear, "sync", err, "i", d->upto)))
		return rc;
	return db_run(db, q_set, "sync", err, "it", d->seq, now);
}

enum kith_status
kdb_sync_done(struct kdb *db, int64_t seq, int64_t outbox_upto, struct kith_err *err)
{
	struct done_w d = { seq, outbox_upto };
	bool was_syncing = db->syncing;
	enum kith_status rc;

	db->syncing = true;
	rc = db_write(db, done_body, &d, err);
	db->syncing = was_syncing;
	return rc;
}
