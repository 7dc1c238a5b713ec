/*
 * sync_found.c: what applying the team's log finds (kith/syncdb.h's
 * rules; the apply is sync_db.c): the conflicts and the rows reported,
 * named in a person's words and recorded in sync_conflict; the rows
 * another replica's deletion took with it.
 */
#include "row.h"
#include "sync_apply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/str.h"
#include "kith/xalloc.h"

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

const char *
sync_col_name(struct apply *a, const char *table, int i)
{
	const struct tcols *t = cols_of(a, table);

	return i < t->n ? t->name[i] : "?";
}

struct found *
sync_found_new(struct apply *a, const char *kind)
{
	struct found *f;

	a->found = xreallocarray(a->found, a->nfound + 1, sizeof *a->found);
	f = &a->found[a->nfound++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	return f;
}

struct found *
sync_found_add(struct apply *a, const char *kind, sqlite3_changeset_iter *it, const char *table,
	  int col)
{
	struct found *f;
	sqlite3_value *v = NULL;
	unsigned char *pk;
	int npk, op, ncol, indirect;
	const char *t;

	f = sync_found_new(a, kind);
	snprintf(f->table, sizeof f->table, "%s", table);
	if (col >= 0)
		snprintf(f->column, sizeof f->column, "%s", sync_col_name(a, table, col));
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
				sb_printf(&sb, "%s #%lld", sync_col_name(a, table, i),
					  (long long)sqlite3_value_int64(v));
				if (!strcmp(sync_col_name(a, table, i), "id"))
					f->key = sqlite3_value_int64(v);
			}
		}
		snprintf(f->what, sizeof f->what, "%s", sb.len ? sb.buf : "");
		free(sb.buf);
	}
	return f;
}

/*
** After the local changes: rows of the tables they wrote that point at a
** row another replica deleted (a role at a deleted organisation) are
** dropped, each recorded as reported. The table names are the changeset's.
*/
enum kith_status
sync_drop_orphans(struct apply *a, const void *mine, size_t len, struct kith_err *err)
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
				f = sync_found_new(a, "missing");
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
bool
sync_name_row(struct apply *a, struct found *f)
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
	bool found = false;

	if (!strcmp(f->kind, "missing") || f->named)
		return true;
	snprintf(buf, sizeof buf, "%.63s %.31s", f->table, f->what);
	for (size_t i = 0; f->key && i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(names[i].table, f->table))
			continue;
		if (db_first(a->db, &st, names[i].sql, "sync", &ignored, "I", f->key) == KITH_OK) {
			const unsigned char *t = sqlite3_column_text(st, 0);
			if (t && *t)
				snprintf(buf, sizeof buf, "%s", (const char *)t);
			sqlite3_reset(st);
			found = true;
		}
		break;
	}
	memcpy(f->what, buf, sizeof buf);
	f->named = true;
	return found;
}

enum kith_status
sync_record_found(struct apply *a, struct kith_err *err)
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

		sync_name_row(a, f);
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

void
sync_found_drop(struct apply *a, size_t from)
{
	for (size_t i = from; i < a->nfound; i++) {
		sqlite3_value_free(a->found[i].old);
		sqlite3_value_free(a->found[i].theirs);
		sqlite3_value_free(a->found[i].mine);
	}
	a->nfound = from;
}

void
sync_apply_free(struct apply *a)
{
	sync_found_drop(a, 0);
	free(a->found);
	for (size_t i = 0; i < a->ncols; i++) {
		for (int j = 0; j < a->cols[i].n; j++)
			free(a->cols[i].name[j]);
		free(a->cols[i].name);
		free(a->cols[i].table);
	}
	free(a->cols);
}

void
sync_deletes_of(const void *data, int len, struct delset *d)
{
	sqlite3_changeset_iter *it;

	if (sqlite3changeset_start(&it, len, (void *)data) != SQLITE_OK)
		return;
	while (sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int ncol, op, indirect, t;
		sqlite3_value *v = NULL;

		sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
		if (op != SQLITE_DELETE || (t = db_shared_index(table)) < 0 ||
		    sqlite3changeset_old(it, 0, &v) != SQLITE_OK || !v ||
		    sqlite3_value_type(v) != SQLITE_INTEGER)
			continue;
		d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
		d->v[d->n].t = t;
		d->v[d->n++].key = sqlite3_value_int64(v);
	}
	sqlite3changeset_finalize(it);
}

bool
sync_delset_has(const struct delset *d, int t, int64_t key)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].t == t && d->v[i].key == key)
			return true;
	return false;
}

/* Was row key of shared table t dropped as needing a deleted row (drop_orphans)? */
bool
sync_dropped(const struct apply *a, size_t from, int t, int64_t key)
{
	for (size_t i = from; i < a->nfound; i++)
		if (!strcmp(a->found[i].kind, "missing") && a->found[i].key == key &&
		    !strcmp(a->found[i].table, db_shared_name(t)))
			return true;
	return false;
}

/*
** Before another replica's entry e is applied: the rows this replica
** added that e deletes with what they belong to (Ana deleted the
** organisation Ben had added a role at: her entry takes the role with it,
** a change of the schema's ON DELETE CASCADE, indirect) are recorded
** ("lost"), named while they are still there.
*/
void
sync_note_lost(struct apply *a, const struct kdb_entry *e)
{
	sqlite3_changeset_iter *it;
	uint32_t r = a->db->replica;

	if (!r || e->replica == r ||
	    sqlite3changeset_start(&it, (int)e->len, (void *)e->data) != SQLITE_OK)
		return;
	while (sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int ncol, op, indirect;
		sqlite3_value *v = NULL;
		struct found *f;
		int64_t key;

		sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
		if (op != SQLITE_DELETE || !indirect || db_shared_index(table) < 0 ||
		    sqlite3changeset_old(it, 0, &v) != SQLITE_OK || !v ||
		    sqlite3_value_type(v) != SQLITE_INTEGER)
			continue;
		key = sqlite3_value_int64(v);
		if ((uint64_t)key >> KDB_KEY_BITS != r)
			continue;
		f = sync_found_new(a, "lost");
		snprintf(f->table, sizeof f->table, "%.63s", table);
		f->key = key;
		snprintf(f->what, sizeof f->what, "#%lld", (long long)kdb_ref(a->db, table, key));
		if (!sync_name_row(a, f))
			a->nfound--;    /* not here (gone already), or no words for it */
	}
	sqlite3changeset_finalize(it);
}
