/*
 * record.c: recording a write for undo (see tx.c).
 *
 * Model. While the outermost write of a recording connection is open, the
 * pre-update hook hands over every row change; each becomes a one-change
 * changeset in SQLite's format (the session extension's, documented in
 * sqlite3session.h) and is added to a sqlite3_changegroup, which merges the
 * changes of one row as the session extension does (an insert then an
 * update is one insert; an update undone by another is nothing). The
 * group's output is the step's changeset: sqlite3changeset_invert and
 * sqlite3changeset_apply read it as they read a session's.
 *
 * Why not the session extension itself: SQLite 3.40's session reads a
 * table's shape (PRAGMA table_info, twice over) when a session first sees
 * the table and again when it writes its changeset, and a session lives
 * for one write: 92 of the 98 statement steps of marking a follow-up done.
 * Here the shape of each table (its column count and primary key) is read
 * once per connection, when the table is first written, and again only if
 * its column count changes; and it is read without running a statement:
 * the columns from a prepared (never stepped) SELECT *, each column's
 * place in the key from sqlite3_table_column_metadata. So the first write
 * of a new connection costs no more steps than the next one.
 *
 * What is recorded is what a session of 3.40 records: tables of "main"
 * with a primary key, less the derived ones (track_table); changes by
 * triggers and foreign-key actions too; an update that moves a rowid is
 * a delete and an insert. The private file's tables ("priv", private.c)
 * are recorded alike but in a group of their own, a part of the step
 * marked priv: never in the team's outbox, and applied by private.c.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

/*
** Derived tables are rebuilt by triggers whenever a change or its inverse
** is applied: recording them would apply them twice.
*/
static bool
track_table(const char *table)
{
	return !(!strncmp(table, "sqlite_", 7) || strstr(table, "_fts") ||
		 !strcmp(table, "contact_stat") || !strcmp(table, "list_count") ||
		 !strcmp(table, "goal_member") || !strcmp(table, "goal_dirty") ||
		 !strcmp(table, "goal_stale") ||
		 !strncmp(table, "sync_", 5));
}

/* The shape of one table, as a changeset's table header gives it. */
struct rec_table {
	char *name;
	int ncol;
	unsigned char *pk;          /* per column: its place in the primary key, 0 if none */
	bool skip;                  /* not recorded: derived, or no primary key */
	bool shared;                /* team mode: one of the shared tables (sync_key.c) */
	bool priv;                  /* a table of the private file */
};

struct db_rec {
	sqlite3_changegroup *cg;    /* live while recording a write */
	int changes;                /* changes added to cg */
	sqlite3_changegroup *pcg;   /* live while recording, when the private file is attached */
	int pchanges;
	sqlite3_changegroup *team;  /* team mode: the write's changes of shared tables (the outbox) */
	int team_changes;
	bool failed;                /* out of memory: the step cannot be recorded */
	struct rec_table *t;
	int nt;
	unsigned char *buf;         /* one change, being encoded */
	size_t len, cap;
};

static void
buf_need(struct db_rec *r, size_t n)
{
	if (r->len + n > r->cap) {
		r->cap = (r->len + n) * 2 + 256;
		r->buf = xrealloc(r->buf, r->cap);
	}
}

static void
buf_byte(struct db_rec *r, unsigned char c)
{
	buf_need(r, 1);
	r->buf[r->len++] = c;
}

/* SQLite's varint: 7 bits a byte, most significant first; a 9th byte takes 8. */
static void
buf_varint(struct db_rec *r, uint64_t v)
{
	unsigned char tmp[10];
	int n = 0;

	buf_need(r, 9);
	if (v & ((uint64_t)0xff000000 << 32)) {
		r->buf[r->len + 8] = (unsigned char)v;
		v >>= 8;
		for (int i = 7; i >= 0; i--) {
			r->buf[r->len + (size_t)i] = (unsigned char)((v & 0x7f) | 0x80);
			v >>= 7;
		}
		r->len += 9;
		return;
	}
	do {
		tmp[n++] = (unsigned char)((v & 0x7f) | 0x80);
		v >>= 7;
	} while (v);
	tmp[0] &= 0x7f;
	while (n > 0)
		r->buf[r->len++] = tmp[--n];
}

/* One value of a record: its type, then 8 bytes big-endian or a length and the bytes. */
static void
buf_value(struct db_rec *r, sqlite3_value *v)
{
	int type = v ? sqlite3_value_type(v) : 0;
	uint64_t u;
	double d;
	int n;

	buf_byte(r, (unsigned char)type);      /* 0: undefined (not in this record) */
	switch (type) {
	case SQLITE_INTEGER:
	case SQLITE_FLOAT:
		if (type == SQLITE_INTEGER) {
			u = (uint64_t)sqlite3_value_int64(v);
		} else {
			d = sqlite3_value_double(v);
			memcpy(&u, &d, sizeof u);
		}
		buf_need(r, 8);
		for (int i = 7; i >= 0; i--)
			r->buf[r->len++] = (unsigned char)(u >> (8 * i));
		break;
	case SQLITE_TEXT:
	case SQLITE_BLOB: {
		const void *p = type == SQLITE_TEXT ? (const void *)sqlite3_value_text(v)
						    : sqlite3_value_blob(v);
		n = sqlite3_value_bytes(v);
		buf_varint(r, (uint64_t)n);
		buf_need(r, (size_t)n);
		if (n)
			memcpy(r->buf + r->len, p, (size_t)n);
		r->len += (size_t)n;
		break;
	}
	default:
		break;
	}
}

/*
** Read (or read again) the shape of table t (db_table_shape): its
** columns, and whether each is in the primary key. A key of several
** columns is numbered in column order, as PRAGMA table_info numbers it
** when the key lists its columns in that order (every key of the schema
** does: check_db tests it). False if the shape cannot be read.
*/
static bool
table_read(struct kdb *db, struct rec_table *t)
{
	const char *schema = t->priv ? "priv" : "main";
	sqlite3_stmt *st;
	int n, key = 0;

	free(t->pk);
	t->pk = NULL;
	t->ncol = 0;
	if (!(st = db_table_shape(db, schema, t->name)))
		return false;
	n = sqlite3_column_count(st);
	t->pk = xcalloc((size_t)(n ? n : 1), 1);
	for (int i = 0; i < n; i++) {
		int in_key = 0;
		if (sqlite3_table_column_metadata(db->h, schema, t->name, sqlite3_column_name(st, i),
						  NULL, NULL, NULL, &in_key, NULL) != SQLITE_OK) {
			sqlite3_finalize(st);
			return false;
		}
		if (in_key && key < 255)
			key++;
		t->pk[i] = in_key ? (unsigned char)key : 0;
	}
	sqlite3_finalize(st);
	t->ncol = n;
	t->skip = t->skip || !key;
	return t->ncol > 0;
}

static struct rec_table *
table_get(struct kdb *db, bool priv, const char *name, int ncol)
{
	struct db_rec *r = db->rec;
	struct rec_table *t = NULL;

	for (int i = 0; i < r->nt && !t; i++)
		if (r->t[i].priv == priv && !strcmp(r->t[i].name, name))
			t = &r->t[i];
	if (!t) {
		r->t = xreallocarray(r->t, (size_t)r->nt + 1, sizeof *r->t);
		t = &r->t[r->nt++];
		memset(t, 0, sizeof *t);
		t->name = xstrdup(name);
		t->priv = priv;
		t->skip = !track_table(name);
		t->shared = !priv && db_shared_index(name) >= 0;
		if (t->skip)
			return t;
	}
	/* a column added since (a migration on an open connection): read it
	   again; a row still of another shape cannot be recorded (a session
	   refuses it too) */
	if (!t->skip && t->ncol != ncol && (!table_read(db, t) || t->ncol != ncol))
		return NULL;
	return t;
}

/* Encode one change (op) of table t and add it to the group. */
static void
rec_change(struct kdb *db, struct rec_table *t, int op, bool indirect)
{
	struct db_rec *r = db->rec;
	sqlite3_value *o, *n;
	bool changed = op != SQLITE_UPDATE;

	r->len = 0;
	buf_byte(r, 'T');
	buf_varint(r, (uint64_t)t->ncol);
	buf_need(r, (size_t)t->ncol);
	memcpy(r->buf + r->len, t->pk, (size_t)t->ncol);
	r->len += (size_t)t->ncol;
	buf_need(r, strlen(t->name) + 1);
	memcpy(r->buf + r->len, t->name, strlen(t->name) + 1);
	r->len += strlen(t->name) + 1;
	buf_byte(r, (unsigned char)op);
	buf_byte(r, indirect);
	if (op == SQLITE_INSERT || op == SQLITE_DELETE) {
		for (int i = 0; i < t->ncol; i++) {
			sqlite3_value *v = NULL;
			if (op == SQLITE_INSERT ? sqlite3_preupdate_new(db->h, i, &v)
						: sqlite3_preupdate_old(db->h, i, &v)) {
				r->failed = true;
				return;
			}
			buf_value(r, v);
		}
	} else {
		/* old: the key and the old values of what changed; new: the new values */
		for (int i = 0; i < t->ncol; i++) {
			if (sqlite3_preupdate_old(db->h, i, &o) || sqlite3_preupdate_new(db->h, i, &n)) {
				r->failed = true;
				return;
			}
			bool same = db_value_same(o, n);
			changed = changed || !same;
			buf_value(r, t->pk[i] || !same ? o : NULL);
		}
		if (!changed)
			return;
		for (int i = 0; i < t->ncol; i++) {
			if (sqlite3_preupdate_old(db->h, i, &o) || sqlite3_preupdate_new(db->h, i, &n)) {
				r->failed = true;
				return;
			}
			buf_value(r, db_value_same(o, n) ? NULL : n);
		}
	}
	if (t->priv) {
		if (!r->pcg || sqlite3changegroup_add(r->pcg, (int)r->len, r->buf) != SQLITE_OK)
			r->failed = true;
		else
			r->pchanges++;
		return;
	}
	if (sqlite3changegroup_add(r->cg, (int)r->len, r->buf) != SQLITE_OK)
		r->failed = true;
	else
		r->changes++;
	if (r->team && t->shared) {
		if (sqlite3changegroup_add(r->team, (int)r->len, r->buf) != SQLITE_OK)
			r->failed = true;
		else
			r->team_changes++;
	}
}

/* Does this update change the row's primary key? */
static bool
key_moved(sqlite3 *h, const struct rec_table *t)
{
	sqlite3_value *o, *n;

	for (int i = 0; i < t->ncol; i++)
		if (t->pk[i] && (sqlite3_preupdate_old(h, i, &o) || sqlite3_preupdate_new(h, i, &n) ||
				 !db_value_same(o, n)))
			return true;
	return false;
}

static void
rec_hook(void *ctx, sqlite3 *h, int op, const char *zdb, const char *table, sqlite3_int64 k1,
	 sqlite3_int64 k2)
{
	struct kdb *db = ctx;
	struct db_rec *r = db->rec;
	struct rec_table *t;
	bool indirect = sqlite3_preupdate_depth(h) > 0;

	bool priv = !strcmp(zdb, "priv");

	if (!r || !r->cg || r->failed || (!priv && strcmp(zdb, "main")))
		return;
	if (!(t = table_get(db, priv, table, sqlite3_preupdate_count(h)))) {
		r->failed = true;
		return;
	}
	if (t->skip)
		return;
	if (op == SQLITE_UPDATE && (k1 != k2 || key_moved(h, t))) {
		/* a new key: the row went and another came (as a session records it) */
		rec_change(db, t, SQLITE_DELETE, indirect);
		rec_change(db, t, SQLITE_INSERT, indirect);
	} else {
		rec_change(db, t, op, indirect);
	}
}

/* Every row change of the connection: goal progress's marks, then the recording (if live). */
static void
row_hook(void *ctx, sqlite3 *h, int op, const char *zdb, const char *table, sqlite3_int64 k1,
	 sqlite3_int64 k2)
{
	struct kdb *db = ctx;

	if (db->mark_row)
		db->mark_row(db, h, op, zdb, table);
	rec_hook(ctx, h, op, zdb, table, k1, k2);
}

void
db_row_hook_init(struct kdb *db)
{
	sqlite3_preupdate_hook(db->h, row_hook, db);
}

void
db_row_hook_pause(struct kdb *db, bool pause)
{
	sqlite3_preupdate_hook(db->h, pause ? NULL : row_hook, pause ? NULL : db);
}

bool
db_rec_start(struct kdb *db, bool team)
{
	if (!db->rec)
		db->rec = xcalloc(1, sizeof *db->rec);
	if (sqlite3changegroup_new(&db->rec->cg) != SQLITE_OK)
		return false;
	if ((team && sqlite3changegroup_new(&db->rec->team) != SQLITE_OK) ||
	    (db->priv && sqlite3changegroup_new(&db->rec->pcg) != SQLITE_OK)) {
		db_rec_stop(db);
		return false;
	}
	db->rec->changes = 0;
	db->rec->pchanges = 0;
	db->rec->team_changes = 0;
	db->rec->failed = false;
	return true;
}

bool
db_rec_live(struct kdb *db)
{
	return db->rec && db->rec->cg;
}

/* The changes of group *g as a part (*out NULL if none), and a fresh group. */
static bool
take_group(sqlite3_changegroup **g, int *changes, bool priv, struct kdb_change **out)
{
	struct kdb_change *ch;
	sqlite3_changegroup *fresh;

	*out = NULL;
	if (!*g || !*changes)
		return true;
	ch = xcalloc(1, sizeof *ch);
	ch->priv = priv;
	if (sqlite3changegroup_output(*g, &ch->n, &ch->data) != SQLITE_OK ||
	    sqlite3changegroup_new(&fresh) != SQLITE_OK) {
		sqlite3_free(ch->data);
		free(ch);
		return false;
	}
	sqlite3changegroup_delete(*g);
	*g = fresh;
	*changes = 0;
	if (!ch->n) {           /* every change undone by a later one */
		free(ch);
		return true;
	}
	*out = ch;
	return true;
}

/* The main tables' part, then the private file's (each only if something changed). */
bool
db_rec_take(struct kdb *db, struct kdb_change **out)
{
	struct db_rec *r = db->rec;
	struct kdb_change *m, *p;

	*out = NULL;
	if (!r || !r->cg)
		return true;
	if (r->failed)
		return false;
	if (!take_group(&r->cg, &r->changes, false, &m))
		return false;
	if (!take_group(&r->pcg, &r->pchanges, true, &p)) {
		kdb_change_free(m);
		return false;
	}
	if (m)
		m->next = p;
	*out = m ? m : p;
	return true;
}

bool
db_rec_team(struct kdb *db, void **data, int *n)
{
	struct db_rec *r = db->rec;

	*data = NULL;
	*n = 0;
	if (!r || !r->team || !r->team_changes)
		return true;
	if (r->failed || sqlite3changegroup_output(r->team, n, data) != SQLITE_OK)
		return false;
	if (!*n) {              /* every change undone by a later one */
		sqlite3_free(*data);
		*data = NULL;
	}
	return true;
}

void
db_rec_stop(struct kdb *db)
{
	if (!db->rec || !db->rec->cg)
		return;
	sqlite3changegroup_delete(db->rec->cg);
	db->rec->cg = NULL;
	if (db->rec->pcg)
		sqlite3changegroup_delete(db->rec->pcg);
	db->rec->pcg = NULL;
	if (db->rec->team)
		sqlite3changegroup_delete(db->rec->team);
	db->rec->team = NULL;
}

void
db_rec_free(struct kdb *db)
{
	struct db_rec *r = db->rec;

	if (!r)
		return;
	db_rec_stop(db);
	for (int i = 0; i < r->nt; i++) {
		free(r->t[i].name);
		free(r->t[i].pk);
	}
	free(r->t);
	free(r->buf);
	free(r);
	db->rec = NULL;
}

