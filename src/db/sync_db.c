/*
 * sync_db.c: the outbox, applying the team's log and the conflicts (see
 * kith/syncdb.h for the model and the rules).
 *
 * Changes are SQLite changesets (the session extension's format): the
 * outbox rows are recorded by record.c as each write commits; the entry a
 * sync appends is recorded by a session on the shared tables while the
 * outbox is applied again over the team's entries, so it holds what was
 * actually changed. sqlite3changeset_apply calls on_conflict for each
 * change that does not apply as it stands; the rules are there.
 */
#include "row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/str.h"
#include "kith/syncdb.h"
#include "kith/xalloc.h"

/* One conflict found while applying, kept until the apply ends. */
struct found {
	const char *kind;
	char table[64], column[64], what[160];
	int64_t key;
	sqlite3_value *old, *theirs, *mine;
	bool theirs_won;
};

/* A table's column names (for the rules and the records). */
struct tcols {
	char *table;
	int n;
	char **name;
};

struct apply {
	struct kdb *db;
	bool mine;                  /* applying the local changes (else: undoing them, or the log's) */
	bool fk;                    /* a change left a row pointing at a missing one */
	bool failed;
	struct found *found;
	size_t nfound;
	struct tcols *cols;
	size_t ncols;
};

static const struct tcols *
cols_of(struct apply *a, const char *table)
{
	char *sql;
	sqlite3_stmt *st = NULL;
	struct tcols *t;

	for (size_t i = 0; i < a->ncols; i++)
		if (!strcmp(a->cols[i].table, table))
			return &a->cols[i];
	a->cols = xreallocarray(a->cols, a->ncols + 1, sizeof *a->cols);
	t = &a->cols[a->ncols++];
	memset(t, 0, sizeof *t);
	t->table = xstrdup(table);
	/* the table's name is the changeset's (one of the shared tables), quoted */
	sql = sqlite3_mprintf("SELECT * FROM main.\"%w\"", table);
	if (sql && sqlite3_prepare_v2(a->db->h, sql, -1, &st, NULL) == SQLITE_OK) {
		t->n = sqlite3_column_count(st);
		t->name = xcalloc((size_t)(t->n ? t->n : 1), sizeof *t->name);
		for (int i = 0; i < t->n; i++)
			t->name[i] = xstrdup(sqlite3_column_name(st, i));
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return t;
}

static const char *
col_name(struct apply *a, const char *table, int i)
{
	const struct tcols *t = cols_of(a, table);

	return i < t->n ? t->name[i] : "?";
}

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

static struct found *
found_add(struct apply *a, const char *kind, sqlite3_changeset_iter *it, const char *table,
	  int col)
{
	struct found *f;
	sqlite3_value *v = NULL;
	unsigned char *pk;
	int npk, op, ncol, indirect;
	const char *t;

	a->found = xreallocarray(a->found, a->nfound + 1, sizeof *a->found);
	f = &a->found[a->nfound++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	snprintf(f->table, sizeof f->table, "%s", table);
	if (col >= 0)
		snprintf(f->column, sizeof f->column, "%s", col_name(a, table, col));
	sqlite3changeset_op(it, &t, &ncol, &op, &indirect);
	/* the row's key: its integer key, or the columns of a key of two */
	if (sqlite3changeset_pk(it, &pk, &npk) == SQLITE_OK) {
		struct strbuf sb = { 0 };
		for (int i = 0; i < npk && i < ncol; i++) {
			if (!pk[i])
				continue;
			v = NULL;
			if (op == SQLITE_INSERT)
				sqlite3changeset_new(it, i, &v);
			else
				sqlite3changeset_old(it, i, &v);
			if (v && sqlite3_value_type(v) == SQLITE_INTEGER) {
				if (sb.len)
					sb_append(&sb, ", ");
				sb_printf(&sb, "%s #%lld", col_name(a, table, i),
					  (long long)sqlite3_value_int64(v));
				if (!strcmp(col_name(a, table, i), "id"))
					f->key = sqlite3_value_int64(v);
			}
		}
		snprintf(f->what, sizeof f->what, "%s", sb.len ? sb.buf : "");
		free(sb.buf);
	}
	return f;
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
			found_add(a, "missing", it, table, -1);
		return SQLITE_CHANGESET_OMIT;
	case SQLITE_CHANGESET_CONSTRAINT:
		if (!a->mine) {
			a->failed = true;
			return SQLITE_CHANGESET_ABORT;
		}
		found_add(a, "constraint", it, table, -1);
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
			found_add(a, "deleted", it, table, -1);
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
		if (a->mine && !bookkeeping(col_name(a, table, i)) && !indirect &&
		    (op == SQLITE_INSERT || !same(old, now))) {
			struct found *f = found_add(a, "field", it, table, i);
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

/*
** After the local changes: rows of the tables they wrote that point at a
** row another replica deleted (a role at a deleted organisation) are
** dropped, each recorded as reported. The table names are the changeset's.
*/
static enum kith_status
drop_orphans(struct apply *a, const void *mine, size_t len, struct kith_err *err)
{
	sqlite3_changeset_iter *it;
	char seen[32][64];
	int nseen = 0;

	if (sqlite3changeset_start(&it, (int)len, (void *)mine) != SQLITE_OK)
		return kith_err_set(err, KITH_DB, "sync: cannot read the local changes");
	while (sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int ncol, op, indirect;
		bool dup = false;

		sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
		for (int i = 0; i < nseen && !dup; i++)
			dup = !strcmp(seen[i], table);
		if (dup || op == SQLITE_DELETE || nseen == 32)
			continue;
		snprintf(seen[nseen++], sizeof seen[0], "%s", table);
	}
	sqlite3changeset_finalize(it);
	for (int t = 0; t < nseen; t++) {
		char *sql = sqlite3_mprintf("PRAGMA main.foreign_key_check(\"%w\")", seen[t]);
		char *del = sqlite3_mprintf("DELETE FROM main.\"%w\" WHERE rowid = ?1", seen[t]);
		sqlite3_stmt *st = NULL, *d = NULL;
		int rc = SQLITE_ERROR;

		if (sql && del && sqlite3_prepare_v2(a->db->h, sql, -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_prepare_v2(a->db->h, del, -1, &d, NULL) == SQLITE_OK) {
			int64_t rows[256];
			char parent[256][64];
			int nrows = 0;
			while ((rc = sqlite3_step(st)) == SQLITE_ROW && nrows < 256) {
				rows[nrows] = sqlite3_column_int64(st, 1);
				snprintf(parent[nrows++], sizeof parent[0], "%s",
					 (const char *)sqlite3_column_text(st, 2));
			}
			sqlite3_reset(st);
			rc = SQLITE_DONE;
			for (int i = 0; i < nrows && rc == SQLITE_DONE; i++) {
				struct found *f;
				a->found = xreallocarray(a->found, a->nfound + 1, sizeof *a->found);
				f = &a->found[a->nfound++];
				memset(f, 0, sizeof *f);
				f->kind = "missing";
				snprintf(f->table, sizeof f->table, "%.63s", seen[t]);
				f->key = rows[i];
				snprintf(f->what, sizeof f->what, "%.24s #%lld needs a %.24s another "
					 "replica deleted", seen[t],
					 (long long)kdb_ref(a->db, seen[t], rows[i]), parent[i]);
				sqlite3_bind_int64(d, 1, rows[i]);
				rc = sqlite3_step(d);
				sqlite3_reset(d);
			}
		}
		sqlite3_finalize(st);
		sqlite3_finalize(d);
		sqlite3_free(sql);
		sqlite3_free(del);
		if (rc != SQLITE_DONE)
			return db_error(a->db, err, "sync");
	}
	return KITH_OK;
}

/*
** Say which row a found conflict is about in a person's words ("Dana
** Reyes's phone"), read after the apply so it names the row as it now is;
** a row of no table below, or one gone, keeps its table and key ("tag id
** #7"). A dropped row's sentence ("role #12 needs a organisation ...") stays.
*/
static void
name_row(struct apply *a, struct found *f)
{
	static const struct {
		const char *table, *sql;
	} names[] = {
		{ "contact", "SELECT display_name FROM contact WHERE id = ?1" },
		{ "contact_channel", "SELECT c.display_name || '''s ' || ch.kind FROM contact_channel ch "
		  "JOIN contact c ON c.id = ch.contact_id WHERE ch.id = ?1" },
		{ "role", "SELECT c.display_name || '''s role' || coalesce(' at ' || o.name, '') "
		  "FROM role r JOIN contact c ON c.id = r.contact_id "
		  "LEFT JOIN organisation o ON o.id = r.org_id WHERE r.id = ?1" },
		{ "organisation", "SELECT name FROM organisation WHERE id = ?1" },
		{ "event", "SELECT title FROM event WHERE id = ?1" },
		{ "followup", "SELECT 'follow-up ' || title FROM followup WHERE id = ?1" },
	};
	char buf[sizeof f->what];
	struct kith_err ignored = { 0 };
	sqlite3_stmt *st;

	if (!strcmp(f->kind, "missing"))
		return;
	snprintf(buf, sizeof buf, "%.63s %.31s", f->table, f->what);
	for (size_t i = 0; f->key && i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(names[i].table, f->table))
			continue;
		if (db_first(a->db, &st, names[i].sql, "sync", &ignored, "I", f->key) == KITH_OK) {
			const unsigned char *t = sqlite3_column_text(st, 0);
			if (t && *t)
				snprintf(buf, sizeof buf, "%s", (const char *)t);
			sqlite3_reset(st);
		}
		break;
	}
	memcpy(f->what, buf, sizeof buf);
}

static enum kith_status
record_found(struct apply *a, struct kith_err *err)
{
	static const char q[] =
		"INSERT INTO sync_conflict(data) VALUES (json_object('at', ?1, 'kind', ?2, "
		"'table', ?3, 'key', ?4, 'what', ?5, 'column', ?6, 'old', ?7, 'theirs', ?8, "
		"'mine', ?9, 'winner', ?10, 'seen', 0))";
	char now[20];

	db_now(now);
	for (size_t i = 0; i < a->nfound; i++) {
		struct found *f = &a->found[i];
		sqlite3_stmt *st;

		name_row(a, f);
		st = db_query(a->db, q, err, "tttIts---t", now, f->kind, f->table,
					    f->key, f->what, f->column[0] ? f->column : NULL,
					    f->theirs_won ? "theirs" : "mine");
		enum kith_status rc;

		if (!st)
			return KITH_DB;
		if (f->old)
			sqlite3_bind_value(st, 7, f->old);
		if (f->theirs)
			sqlite3_bind_value(st, 8, f->theirs);
		if (f->mine)
			sqlite3_bind_value(st, 9, f->mine);
		if ((rc = db_step_done(a->db, st, err, "conflict")))
			return rc;
	}
	return KITH_OK;
}

static void
apply_free(struct apply *a)
{
	for (size_t i = 0; i < a->nfound; i++) {
		sqlite3_value_free(a->found[i].old);
		sqlite3_value_free(a->found[i].theirs);
		sqlite3_value_free(a->found[i].mine);
	}
	free(a->found);
	for (size_t i = 0; i < a->ncols; i++) {
		for (int j = 0; j < a->cols[i].n; j++)
			free(a->cols[i].name[j]);
		free(a->cols[i].name);
		free(a->cols[i].table);
	}
	free(a->cols);
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
	sqlite3_session *s = NULL;
	void *local = NULL, *mine = NULL;
	size_t nlocal = 0;
	int nmine = 0, rc;
	enum kith_status st;
	char what[64];

	if ((st = kdb_outbox_get(db, &local, &nlocal, &w->out->outbox_upto, err)))
		return st;
	/* back to the state at the last sync */
	if (local && (rc = apply(a, local, nlocal, true)) != SQLITE_OK) {
		free(local);
		return apply_failed(db, rc, "sync: taking back the local changes", err);
	}
	for (size_t i = 0; i < w->n; i++) {
		const struct kdb_entry *e = &w->remote[i];
		snprintf(what, sizeof what, "sync: entry %lld", (long long)e->seq);
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
	if (!local)
		return KITH_OK;
	/* the local changes again, over the team's: what they change is the new entry */
	if (sqlite3session_create(db->h, "main", &s) != SQLITE_OK) {
		free(local);
		return kith_err_set(err, KITH_DB, "sync: out of memory");
	}
	sqlite3session_table_filter(s, only_shared, NULL);
	sqlite3session_attach(s, NULL);
	a->mine = true;
	rc = apply(a, local, nlocal, false);
	if (rc == SQLITE_OK && a->fk && (st = drop_orphans(a, local, nlocal, err))) {
		sqlite3session_delete(s);
		free(local);
		return st;
	}
	free(local);
	if (rc != SQLITE_OK) {
		sqlite3session_delete(s);
		return apply_failed(db, rc, "sync: the local changes", err);
	}
	rc = sqlite3session_changeset(s, &nmine, &mine);
	sqlite3session_delete(s);
	if (rc != SQLITE_OK)
		return kith_err_set(err, KITH_DB, "sync: cannot record the local changes");
	if ((st = record_found(a, err)) ||
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
	apply_free(&w.a);
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

/* ---- snapshots ---------------------------------------------------------------- */

struct snap_w {
	void **data;
	size_t *len;
	int64_t *upto;
};

/* Inside a write that is rolled back: the outbox taken back, the tables read. */
static enum kith_status
snap_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	struct snap_w *w = ctx;
	struct apply a = { .db = db };
	struct kdb_sync_state st;
	void *local;
	size_t nlocal;
	int64_t upto;
	enum kith_status rc;
	int src = SQLITE_OK;

	if ((rc = kdb_sync_state(db, &st, err)) ||
	    (rc = kdb_outbox_get(db, &local, &nlocal, &upto, err)))
		return rc;
	*w->upto = st.applied;
	if (local)
		src = apply(&a, local, nlocal, true);
	free(local);
	apply_free(&a);
	if (src != SQLITE_OK || a.failed)
		return apply_failed(db, src ? src : SQLITE_ERROR, "snapshot", err);
	if (!db_rec_snapshot(db, w->data, w->len))
		return db_error(db, err, "snapshot");
	return KITH_OK;
}

enum kith_status
kdb_snapshot(struct kdb *db, void **data, size_t *len, int64_t *upto, struct kith_err *err)
{
	struct snap_w w = { data, len, upto };
	bool was_recording = db->recording, was_syncing = db->syncing;
	enum kith_status rc;

	*data = NULL;
	*len = 0;
	*upto = 0;
	if (db->depth > 0)
		return kith_err_set(err, KITH_INVALID, "snapshot: a write is in progress");
	db->recording = false;
	db->syncing = true;
	/* a write's lock, so no one writes while the tables are read; rolled back */
	if (!(rc = db_write_begin(db, err))) {
		rc = snap_body(db, &w, err);
		db_write_fail(db, err, rc);
	}
	db->recording = was_recording;
	db->syncing = was_syncing;
	if (rc) {
		free(*data);
		*data = NULL;
		*len = 0;
		return rc;
	}
	if (!*len) {
		free(*data);
		*data = NULL;
	}
	return KITH_OK;
}

