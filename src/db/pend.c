/*
 * pend.c: the channels (emails, phones, handles) and the roles an import
 * adds, written many to a statement (issue 14).
 *
 * A contact's channels and its role were INSERT statements of their own,
 * each a run of SQLite's statement machinery (bind, begin, a cursor opened
 * on the table and its last row found, the end and the reset) for one row:
 * 5,700 instructions a channel, 2,300 of them that machinery. In bulk mode
 * (an import) outside team mode, a new contact's channels and a role whose
 * id its writer does not ask for wait here instead, a copy of each, and one
 * statement a table writes all that wait, in the order they came, reading
 * them from an eponymous virtual table over its list (kith_pend_channel,
 * kith_pend_role): the same rows, the same ids, the same checks.
 *
 * Every other statement sees them as if written at once: a trace callback
 * that SQLite calls as each statement of the connection begins (its own
 * sqlite3_exec's too: a SAVEPOINT, a ROLLBACK TO) writes those waiting
 * first, but for the statements that read neither list (db_pend_quiet: the
 * insert of a new contact or organisation; a role's reads no channel, and
 * writes after the roles that wait, so that the ids stay in order). The
 * commit writes them first too, and fails if that fails (db_pend_flush,
 * tx.c); a failure inside the callback, which cannot fail the statement
 * that began, is kept and makes the commit fail the same way, so nothing is
 * committed without them. A rollback of the whole transaction forgets them.
 * A row is queued only when its insert cannot fail a check (a channel's
 * value not empty; a role as role_add checks it before, and only while the
 * foreign keys wait for the import's end): otherwise it is inserted at once
 * and its error is its own, as before.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "kith/org.h"
#include "kith/xalloc.h"

/* Written out when this many wait, all lists together. */
enum { PEND_MAX = 1024, PEND_COLS = 6 };

enum pend_kind { PEND_CHANNEL, PEND_ROLE, PEND_KINDS };

/* Each list's virtual table, its columns, and the write of what it holds. */
static const struct pend_table {
	const char *name, *schema, *write;
} pend_tables[PEND_KINDS] = {
	[PEND_CHANNEL] = {
		"kith_pend_channel",
		"CREATE TABLE x(contact_id, kind, label, value, value_key, position)",
		"INSERT INTO contact_channel(contact_id, kind, label, value, value_key, position) "
		"SELECT contact_id, kind, label, value, value_key, position FROM kith_pend_channel",
	},
	[PEND_ROLE] = {
		"kith_pend_role",
		"CREATE TABLE x(contact_id, org_id, seat, title, start_date, end_date)",
		"INSERT INTO role(contact_id, org_id, seat, title, start_date, end_date) "
		"SELECT contact_id, org_id, seat, title, start_date, end_date FROM kith_pend_role",
	},
};

/* A value: SQLITE_INTEGER (i), SQLITE_TEXT (at off in the text) or SQLITE_NULL. */
struct pend_val {
	int type;
	int64_t i;
	size_t off;
};

struct pend_row {
	struct pend_val v[PEND_COLS];
};

struct pend_list {
	struct pend_row *rows;
	int n, cap;
	sqlite3_stmt *st;           /* its write */
};

struct db_pend {
	struct pend_list list[PEND_KINDS];
	int n;                      /* rows in all lists */
	char *text;                 /* every row's texts */
	size_t len, cap_text;
	unsigned quiet;             /* db_pend_quiet: the lists the running statement reads not */
	bool flushing;
	int failed;                 /* an SQLite code of a write the trace made */
};

/* ---- the virtual tables --------------------------------------------------------------- */

/* A table's module's own: the connection and the list it reads. */
struct pend_aux {
	struct kdb *db;
	enum pend_kind kind;
};

struct pend_vtab {
	sqlite3_vtab base;
	const struct pend_aux *aux;
};

struct pend_cursor {
	sqlite3_vtab_cursor base;
	int i;
};

static int
pend_connect(sqlite3 *h, void *aux, int argc, const char *const *argv, sqlite3_vtab **out,
	     char **errmsg)
{
	const struct pend_aux *a = aux;
	struct pend_vtab *t;
	int rc;

	(void)argc;
	(void)argv;
	(void)errmsg;
	if ((rc = sqlite3_declare_vtab(h, pend_tables[a->kind].schema)) != SQLITE_OK)
		return rc;
	if (!(t = sqlite3_malloc(sizeof *t)))
		return SQLITE_NOMEM;
	memset(t, 0, sizeof *t);
	t->aux = a;
	*out = &t->base;
	return SQLITE_OK;
}

static int
pend_disconnect(sqlite3_vtab *t)
{
	sqlite3_free(t);
	return SQLITE_OK;
}

static int
pend_best_index(sqlite3_vtab *t, sqlite3_index_info *info)
{
	(void)t;
	info->estimatedCost = PEND_MAX;
	info->estimatedRows = PEND_MAX;
	return SQLITE_OK;
}

static int
pend_open(sqlite3_vtab *t, sqlite3_vtab_cursor **out)
{
	struct pend_cursor *c = sqlite3_malloc(sizeof *c);

	(void)t;
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof *c);
	*out = &c->base;
	return SQLITE_OK;
}

static int
pend_close(sqlite3_vtab_cursor *c)
{
	sqlite3_free(c);
	return SQLITE_OK;
}

static int
pend_filter(sqlite3_vtab_cursor *c, int idx, const char *idx_str, int argc, sqlite3_value **argv)
{
	(void)idx;
	(void)idx_str;
	(void)argc;
	(void)argv;
	((struct pend_cursor *)c)->i = 0;
	return SQLITE_OK;
}

static int
pend_next(sqlite3_vtab_cursor *c)
{
	((struct pend_cursor *)c)->i++;
	return SQLITE_OK;
}

/* The list cursor c reads (NULL outside bulk mode: no rows). */
static const struct pend_list *
list_of(const sqlite3_vtab_cursor *c)
{
	const struct pend_aux *a = ((const struct pend_vtab *)c->pVtab)->aux;

	return a->db->pend ? &a->db->pend->list[a->kind] : NULL;
}

static int
pend_eof(sqlite3_vtab_cursor *c)
{
	const struct pend_list *l = list_of(c);

	return !l || ((struct pend_cursor *)c)->i >= l->n;
}

static int
pend_column(sqlite3_vtab_cursor *c, sqlite3_context *ctx, int col)
{
	const struct pend_aux *a = ((const struct pend_vtab *)c->pVtab)->aux;
	const struct pend_val *v = &list_of(c)->rows[((struct pend_cursor *)c)->i].v[col];

	switch (v->type) {
	case SQLITE_INTEGER: sqlite3_result_int64(ctx, v->i); break;
	case SQLITE_TEXT: sqlite3_result_text(ctx, a->db->pend->text + v->off, -1, SQLITE_STATIC); break;
	default: sqlite3_result_null(ctx); break;
	}
	return SQLITE_OK;
}

static int
pend_rowid(sqlite3_vtab_cursor *c, sqlite3_int64 *out)
{
	*out = ((struct pend_cursor *)c)->i;
	return SQLITE_OK;
}

/* Eponymous only (no xCreate): "FROM kith_pend_role", never a CREATE VIRTUAL TABLE. */
static const sqlite3_module pend_module = {
	.xConnect = pend_connect,
	.xBestIndex = pend_best_index,
	.xDisconnect = pend_disconnect,
	.xOpen = pend_open,
	.xClose = pend_close,
	.xFilter = pend_filter,
	.xNext = pend_next,
	.xEof = pend_eof,
	.xColumn = pend_column,
	.xRowid = pend_rowid,
};

/* ---- the lists and their writes ------------------------------------------------------- */

/* Empty the lists (a failure kept stays). */
static void
clear_lists(struct db_pend *p)
{
	for (int k = 0; k < PEND_KINDS; k++)
		p->list[k].n = 0;
	p->n = 0;
	p->len = 0;
}

/* Write every row that waits, a statement a list; the lists are empty after, written or not. */
static int
flush(struct kdb *db)
{
	struct db_pend *p = db->pend;
	int rc = SQLITE_OK;

	p->flushing = true;
	for (int k = 0; k < PEND_KINDS && rc == SQLITE_OK; k++) {
		struct pend_list *l = &p->list[k];
		if (!l->n)
			continue;
		if (l->st || sqlite3_prepare_v3(db->h, pend_tables[k].write, -1,
						SQLITE_PREPARE_PERSISTENT, &l->st, NULL) == SQLITE_OK) {
			rc = sqlite3_step(l->st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db->h);
			sqlite3_reset(l->st);
		} else {
			rc = sqlite3_errcode(db->h);
		}
	}
	p->flushing = false;
	clear_lists(p);
	return rc;
}

/* As each statement begins: the rows first, unless it is one that reads none. */
static int
pend_trace(unsigned type, void *ctx, void *stmt, void *sql)
{
	struct kdb *db = ctx;
	struct db_pend *p = db->pend;
	int rc;

	(void)stmt;
	/* "-- TRIGGER name": a trigger's program, inside a statement already begun */
	if (type != SQLITE_TRACE_STMT || !p || !p->n || p->flushing || !strncmp(sql, "--", 2))
		return 0;
	if ((!p->list[PEND_CHANNEL].n || (p->quiet & DB_PEND_CHANNELS)) &&
	    (!p->list[PEND_ROLE].n || (p->quiet & DB_PEND_ROLES)))
		return 0;
	if ((rc = flush(db)) != SQLITE_OK && !p->failed)
		p->failed = rc;
	return 0;
}

/* The lists' virtual tables, on the connection (once: at its first bulk mode). */
static void
register_tables(struct kdb *db)
{
	for (int k = 0; k < PEND_KINDS; k++) {
		struct pend_aux *a = xmalloc(sizeof *a);

		a->db = db;
		a->kind = k;
		/* on a failure SQLite calls free(a) itself */
		sqlite3_create_module_v2(db->h, pend_tables[k].name, &pend_module, a, free);
	}
}

void
db_pend_mode(struct kdb *db, bool on)
{
	struct db_pend *p = db->pend;
	int rc;

	if (on && !p) {
		if (!db->pend_tables) {
			register_tables(db);
			db->pend_tables = true;
		}
		db->pend = xcalloc(1, sizeof *db->pend);
		sqlite3_trace_v2(db->h, SQLITE_TRACE_STMT, pend_trace, db);
		return;
	}
	if (on || !p)
		return;
	/* bulk mode may end inside a transaction (kith import of several files
	   ends it after their commit, a bulk action after its own; a caller
	   may not): what waits is written now, and a failure is kept for the
	   transaction's commit */
	if (p->n && (rc = flush(db)) != SQLITE_OK && !p->failed)
		p->failed = rc;
	if (p->failed && db->depth > 0)
		db->pend_lost = p->failed;
	sqlite3_trace_v2(db->h, 0, NULL, NULL);
	for (int k = 0; k < PEND_KINDS; k++) {
		sqlite3_finalize(p->list[k].st);
		free(p->list[k].rows);
	}
	free(p->text);
	free(p);
	db->pend = NULL;
}

void
db_pend_quiet(struct kdb *db, unsigned lists)
{
	if (db->pend)
		db->pend->quiet = lists;
}

void
db_pend_drop(struct kdb *db)
{
	if (db->pend) {
		clear_lists(db->pend);
		db->pend->failed = 0;
	}
	db->pend_lost = 0;
}

enum kith_status
db_pend_flush(struct kdb *db, struct kith_err *err)
{
	struct db_pend *p = db->pend;
	int rc;

	if (p && p->n && (rc = flush(db)) != SQLITE_OK && !p->failed)
		p->failed = rc;
	rc = p && p->failed ? p->failed : db->pend_lost;
	if (p)
		p->failed = 0;
	db->pend_lost = 0;
	if (rc == SQLITE_OK)
		return KITH_OK;
	return kith_err_set(err, rc == SQLITE_FULL ? KITH_IO : KITH_DB,
			    "contact channels and roles: %s", sqlite3_errstr(rc));
}

/* A text value: s (NULL as empty_null says: NULL, or ""), kept in the lists' text. */
static struct pend_val
text_val(struct db_pend *p, const char *s, bool empty_null)
{
	size_t n;

	if (!s || !*s) {
		if (empty_null)
			return (struct pend_val){ .type = SQLITE_NULL };
		s = "";
	}
	n = strlen(s) + 1;
	if (p->cap_text - p->len < n) {
		while (p->cap_text - p->len < n)
			p->cap_text = p->cap_text ? 2 * p->cap_text : 16384;
		p->text = xrealloc(p->text, p->cap_text);
	}
	memcpy(p->text + p->len, s, n);
	p->len += n;
	return (struct pend_val){ .type = SQLITE_TEXT, .off = p->len - n };
}

static struct pend_val
int_val(int64_t i)
{
	return (struct pend_val){ .type = SQLITE_INTEGER, .i = i };
}

/*
** A new row of list k, or NULL if it is to be inserted at once: no list
** (not in bulk mode), team mode (a row's id is its replica's key:
** db_key_bind), or a write that failed, reported now.
*/
static struct pend_row *
new_row(struct kdb *db, enum pend_kind k, enum kith_status *rc, struct kith_err *err)
{
	struct db_pend *p = db->pend;
	struct pend_list *l;

	*rc = KITH_OK;
	if (!p || !db->bulk || db->replica)
		return NULL;
	if ((p->failed || p->n >= PEND_MAX) && (*rc = db_pend_flush(db, err)))
		return NULL;
	l = &p->list[k];
	l->rows = xgrow(l->rows, l->n, &l->cap, 256, sizeof *l->rows);
	p->n++;
	return &l->rows[l->n++];
}

enum kith_status
db_pend_channel(struct kdb *db, int64_t contact_id, const char *kind, const char *label,
		const char *value, const char *key, int position, bool *queued,
		struct kith_err *err)
{
	enum kith_status rc;
	struct pend_row *r;

	*queued = false;
	/* an empty value fails the table's check: inserted at once, its error the contact's */
	if (!value || !*value || !(r = new_row(db, PEND_CHANNEL, &rc, err)))
		return value && *value ? rc : KITH_OK;
	/* as write_channels binds them: a NULL label or key as "" */
	r->v[0] = int_val(contact_id);
	r->v[1] = text_val(db->pend, kind, false);
	r->v[2] = text_val(db->pend, label, false);
	r->v[3] = text_val(db->pend, value, false);
	r->v[4] = text_val(db->pend, key, false);
	r->v[5] = int_val(position);
	*queued = true;
	return KITH_OK;
}

enum kith_status
db_pend_role(struct kdb *db, const struct kith_role *role, bool *queued, struct kith_err *err)
{
	enum kith_status rc;
	struct pend_row *r;

	*queued = false;
	/* only while the foreign keys wait for the import's end (kdb_bulk_fk):
	   with them on, a role that refers to no row is refused at once */
	if (!db->bulk_fk_off || !(r = new_row(db, PEND_ROLE, &rc, err)))
		return db->bulk_fk_off ? rc : KITH_OK;
	/* as role_fields binds them: org 0 as NULL, seat and title NULL as "",
	   dates empty as NULL */
	r->v[0] = int_val(role->contact_id);
	r->v[1] = role->org_id ? int_val(role->org_id) : (struct pend_val){ .type = SQLITE_NULL };
	r->v[2] = text_val(db->pend, role->seat, false);
	r->v[3] = text_val(db->pend, role->title, false);
	r->v[4] = text_val(db->pend, role->start_date, true);
	r->v[5] = text_val(db->pend, role->end_date, true);
	*queued = true;
	return KITH_OK;
}
