/*
 * pend.c: the channels (emails, phones, handles) an import adds, written
 * many to a statement (issue 14).
 *
 * A contact's channels were two or three INSERT statements of their own,
 * each a run of SQLite's statement machinery (bind, begin, a cursor opened
 * on the table and its last row found, the end and the reset) for one row:
 * 5,700 instructions a channel, 2,300 of them that machinery. In bulk mode
 * (an import) outside team mode, contact_add's channels wait here instead,
 * a copy of each, and one statement writes all that wait, in the order they
 * came, reading them from an eponymous virtual table over this list
 * (kith_pend_channel): the same rows, the same ids, the same checks.
 *
 * Every other statement sees them as if written at once: a trace callback
 * that SQLite calls as each statement of the connection begins (its own
 * sqlite3_exec's too: a SAVEPOINT, a ROLLBACK TO) writes those waiting
 * first, but for the inserts of a new contact, role or organisation
 * (db_pend_quiet), which read no channel. The commit writes them first too,
 * and fails if that fails (db_pend_flush, tx.c); a failure inside the
 * callback, which cannot fail the statement that began, is kept and makes
 * the commit fail the same way, so nothing is committed without them. A
 * rollback of the whole transaction forgets them. A row is queued only when
 * its insert cannot fail a check (a value, not empty): otherwise it is
 * inserted at once and its error is its contact's, as before.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

/* Written out when this many wait. */
enum { PEND_MAX = 1024 };

struct pend_row {
	int64_t contact_id;
	const char *kind;           /* a literal: "email", "phone", "handle" */
	size_t label, value, key;   /* offsets into text */
	int position;
};

struct db_pend {
	struct pend_row *rows;
	int n, cap;
	char *text;
	size_t len, cap_text;
	bool quiet;                 /* db_pend_quiet */
	sqlite3_stmt *st;           /* the write of them all */
	bool flushing;
	int failed;                 /* an SQLite code of a write the trace made */
};

/* ---- the virtual table ---------------------------------------------------------------- */

struct pend_vtab {
	sqlite3_vtab base;
	struct kdb *db;
};

struct pend_cursor {
	sqlite3_vtab_cursor base;
	int i;
};

static int
pend_connect(sqlite3 *h, void *aux, int argc, const char *const *argv, sqlite3_vtab **out,
	     char **errmsg)
{
	struct pend_vtab *t;
	int rc;

	(void)argc;
	(void)argv;
	(void)errmsg;
	if ((rc = sqlite3_declare_vtab(h, "CREATE TABLE x(contact_id, kind, label, value, "
				       "value_key, position)")) != SQLITE_OK)
		return rc;
	if (!(t = sqlite3_malloc(sizeof *t)))
		return SQLITE_NOMEM;
	memset(t, 0, sizeof *t);
	t->db = aux;
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

static int
pend_eof(sqlite3_vtab_cursor *c)
{
	const struct db_pend *p = ((struct pend_vtab *)c->pVtab)->db->pend;

	return !p || ((struct pend_cursor *)c)->i >= p->n;
}

static int
pend_column(sqlite3_vtab_cursor *c, sqlite3_context *ctx, int col)
{
	const struct db_pend *p = ((struct pend_vtab *)c->pVtab)->db->pend;
	const struct pend_row *r = &p->rows[((struct pend_cursor *)c)->i];

	switch (col) {
	case 0: sqlite3_result_int64(ctx, r->contact_id); break;
	case 1: sqlite3_result_text(ctx, r->kind, -1, SQLITE_STATIC); break;
	case 2: sqlite3_result_text(ctx, p->text + r->label, -1, SQLITE_STATIC); break;
	case 3: sqlite3_result_text(ctx, p->text + r->value, -1, SQLITE_STATIC); break;
	case 4: sqlite3_result_text(ctx, p->text + r->key, -1, SQLITE_STATIC); break;
	default: sqlite3_result_int(ctx, r->position); break;
	}
	return SQLITE_OK;
}

static int
pend_rowid(sqlite3_vtab_cursor *c, sqlite3_int64 *out)
{
	*out = ((struct pend_cursor *)c)->i;
	return SQLITE_OK;
}

/* Eponymous only (no xCreate): "FROM kith_pend_channel", never a CREATE VIRTUAL TABLE. */
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

/* ---- the list and its writes -------------------------------------------------------- */

/* Write every row that waits, in one statement; the list is empty after, written or not. */
static int
flush(struct kdb *db)
{
	static const char q_flush[] =
		"INSERT INTO contact_channel(contact_id, kind, label, value, value_key, position) "
		"SELECT contact_id, kind, label, value, value_key, position FROM kith_pend_channel";
	struct db_pend *p = db->pend;
	int rc;

	p->flushing = true;
	if (p->st || sqlite3_prepare_v3(db->h, q_flush, -1, SQLITE_PREPARE_PERSISTENT, &p->st,
					NULL) == SQLITE_OK) {
		rc = sqlite3_step(p->st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db->h);
		sqlite3_reset(p->st);
	} else {
		rc = sqlite3_errcode(db->h);
	}
	p->flushing = false;
	p->n = 0;
	p->len = 0;
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
	if (type != SQLITE_TRACE_STMT || !p || !p->n || p->flushing || p->quiet ||
	    !strncmp(sql, "--", 2))
		return 0;
	if ((rc = flush(db)) != SQLITE_OK && !p->failed)
		p->failed = rc;
	return 0;
}

void
db_pend_register(struct kdb *db)
{
	sqlite3_create_module_v2(db->h, "kith_pend_channel", &pend_module, db, NULL);
}

void
db_pend_mode(struct kdb *db, bool on)
{
	struct db_pend *p = db->pend;

	if (on && !p) {
		db->pend = xcalloc(1, sizeof *db->pend);
		sqlite3_trace_v2(db->h, SQLITE_TRACE_STMT, pend_trace, db);
		return;
	}
	if (on || !p)
		return;
	/* every write of the import ended (a commit writes them, a rollback drops them) */
	sqlite3_trace_v2(db->h, 0, NULL, NULL);
	sqlite3_finalize(p->st);
	free(p->rows);
	free(p->text);
	free(p);
	db->pend = NULL;
}

void
db_pend_quiet(struct kdb *db, bool on)
{
	if (db->pend)
		db->pend->quiet = on;
}

void
db_pend_drop(struct kdb *db)
{
	if (db->pend) {
		db->pend->n = 0;
		db->pend->len = 0;
		db->pend->failed = 0;
	}
}

enum kith_status
db_pend_flush(struct kdb *db, struct kith_err *err)
{
	struct db_pend *p = db->pend;
	int rc;

	if (!p)
		return KITH_OK;
	if (p->n && (rc = flush(db)) != SQLITE_OK && !p->failed)
		p->failed = rc;
	if (!p->failed)
		return KITH_OK;
	rc = p->failed;
	p->failed = 0;
	return kith_err_set(err, rc == SQLITE_FULL ? KITH_IO : KITH_DB,
			    "contact channels: %s", sqlite3_errstr(rc));
}

/* Append s (and its NUL) to the list's text; its offset. */
static size_t
put_text(struct db_pend *p, const char *s)
{
	size_t n = strlen(s) + 1, at = p->len;

	if (p->cap_text - p->len < n) {
		while (p->cap_text - p->len < n)
			p->cap_text = p->cap_text ? 2 * p->cap_text : 16384;
		p->text = xrealloc(p->text, p->cap_text);
	}
	memcpy(p->text + at, s, n);
	p->len += n;
	return at;
}

enum kith_status
db_pend_channel(struct kdb *db, int64_t contact_id, const char *kind, const char *label,
		const char *value, const char *key, int position, bool *queued,
		struct kith_err *err)
{
	struct db_pend *p = db->pend;
	struct pend_row *r;

	*queued = false;
	/* in team mode a row's id is its replica's key (db_key_bind) */
	if (!p || !db->bulk || db->replica || !value || !*value)
		return KITH_OK;
	if (p->failed || p->n == PEND_MAX) {
		enum kith_status rc = db_pend_flush(db, err);
		if (rc)
			return rc;
	}
	p->rows = xgrow(p->rows, p->n, &p->cap, 256, sizeof *p->rows);
	r = &p->rows[p->n++];
	r->contact_id = contact_id;
	r->kind = kind;
	r->label = put_text(p, label ? label : "");
	r->value = put_text(p, value);
	r->key = put_text(p, key ? key : "");
	r->position = position;
	*queued = true;
	return KITH_OK;
}
