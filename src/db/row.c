/*
 * row.c: statements bound by a format, and structs read, bound and freed
 * by their field tables (see row.h).
 */
#include "row.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

static void
vbindf(sqlite3_stmt *st, const char *fmt, va_list ap)
{
	for (int i = 1; *fmt; fmt++, i++) {
		switch (*fmt) {
		case 'i':
			sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
			break;
		case 'I':
			db_bind_id(st, i, va_arg(ap, int64_t));
			break;
		case 'n':
			sqlite3_bind_int(st, i, va_arg(ap, int));
			break;
		case 't':
			db_bind_text(st, i, va_arg(ap, const char *));
			break;
		case 'T':
			db_bind_text_null(st, i, va_arg(ap, const char *));
			break;
		case 's':               /* NULL binds NULL */
			sqlite3_bind_text(st, i, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
			break;
		case 'j': {
			const int64_t *ids = va_arg(ap, const int64_t *);
			db_bind_ids(st, i, ids, va_arg(ap, size_t));
			break;
		}
		default:                /* '-': left as it is */
			break;
		}
	}
}

void
db_bindf(sqlite3_stmt *st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vbindf(st, fmt, ap);
	va_end(ap);
}

sqlite3_stmt *
db_vquery(struct kdb *db, const char *sql, struct kith_err *err, const char *fmt, va_list ap)
{
	sqlite3_stmt *st = db_stmt(db, sql, err);

	if (!st)
		return NULL;
	/* A letter for every parameter ('-' for one left out on purpose): a
	   forgotten one would bind NULL unseen. */
	assert(strlen(fmt) >= (size_t)sqlite3_bind_parameter_count(st));
	vbindf(st, fmt, ap);
	/* team mode: an INSERT's :key (its letter '-') is this replica's next key */
	if (db->replica && db_key_bind(db, st, err))
		return NULL;
	return st;
}

sqlite3_stmt *
db_query(struct kdb *db, const char *sql, struct kith_err *err, const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;

	va_start(ap, fmt);
	st = db_vquery(db, sql, err, fmt, ap);
	va_end(ap);
	return st;
}

enum kith_status
db_run(struct kdb *db, const char *sql, const char *what, struct kith_err *err,
       const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;

	va_start(ap, fmt);
	st = db_vquery(db, sql, err, fmt, ap);
	va_end(ap);
	return st ? db_step_done(db, st, err, what) : KITH_DB;
}

static enum kith_status
vfirst(struct kdb *db, sqlite3_stmt **out, const char *sql, const char *what,
       struct kith_err *err, const char *fmt, va_list ap)
{
	sqlite3_stmt *st = db_vquery(db, sql, err, fmt, ap);
	enum kith_status rc;

	*out = NULL;
	if (!st)
		return KITH_DB;
	if ((rc = db_step_row(db, st, what, err)) == KITH_OK)
		*out = st;
	return rc;
}

enum kith_status
db_first(struct kdb *db, sqlite3_stmt **out, const char *sql, const char *what,
	 struct kith_err *err, const char *fmt, ...)
{
	enum kith_status rc;
	va_list ap;

	va_start(ap, fmt);
	rc = vfirst(db, out, sql, what, err, fmt, ap);
	va_end(ap);
	return rc;
}

enum kith_status
db_int64(struct kdb *db, int64_t *out, const char *sql, const char *what, struct kith_err *err,
	 const char *fmt, ...)
{
	sqlite3_stmt *st;
	enum kith_status rc;
	va_list ap;

	va_start(ap, fmt);
	rc = vfirst(db, &st, sql, what, err, fmt, ap);
	va_end(ap);
	if (out)
		*out = rc ? 0 : sqlite3_column_int64(st, 0);
	if (!rc)
		sqlite3_reset(st);
	return rc;
}

enum kith_status
db_finish(struct kdb *db, sqlite3_stmt *st, int rc, const char *what, struct kith_err *err)
{
	enum kith_status s = KITH_OK;

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		s = db_error(db, err, what);
	sqlite3_reset(st);
	return s;
}

enum kith_status
db_final(struct kdb *db, sqlite3_stmt *st, int rc, const char *what, struct kith_err *err)
{
	enum kith_status s = db_finish(db, st, rc, what, err);

	sqlite3_finalize(st);
	return s;
}

enum kith_status
db_ids(struct kdb *db, sqlite3_stmt *st, int64_t *ids, int max, int *n_out, const char *what,
       struct kith_err *err)
{
	int step, n = 0;

	*n_out = 0;
	if (!st)
		return KITH_DB;
	while (n < max && (step = sqlite3_step(st)) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	*n_out = n;
	return db_finish(db, st, n == max ? SQLITE_DONE : step, what, err);
}

enum kith_status
db_id_list(struct kdb *db, sqlite3_stmt *st, int64_t **ids, size_t *n, const char *what,
	   struct kith_err *err)
{
	int step;

	if (!st)
		return KITH_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	return db_finish(db, st, step, what, err);
}

/* ---- field tables ----------------------------------------------------------- */

void
db_read(sqlite3_stmt *st, int col, const struct db_fields *t, void *out)
{
	int ncol = sqlite3_column_count(st);

	memset(out, 0, t->size);
	for (size_t k = 0; k < t->n && col < ncol; k++, col++) {
		const struct db_field *f = &t->f[k];
		char *p = (char *)out + f->off;
		int v;

		switch (f->kind) {
		case DBF_I64:
		case DBF_ID:
			*(int64_t *)p = sqlite3_column_int64(st, col);
			break;
		case DBF_LL:
			*(long long *)p = sqlite3_column_int64(st, col);
			break;
		case DBF_INT:
			*(int *)p = sqlite3_column_int(st, col);
			break;
		case DBF_BOOL:
			*(bool *)p = sqlite3_column_int(st, col) != 0;
			break;
		case DBF_TEXT:
			*(const char **)p = db_col_text(st, col);
			break;
		case DBF_DUP:
		case DBF_OPT:
			*(char **)p = db_col_dup(st, col);
			break;
		case DBF_CHARS:
			snprintf(p, f->size, "%s", db_col_text(st, col));
			break;
		case DBF_ENUM:
			v = f->e->parse(db_col_text(st, col));
			*(int *)p = v < 0 ? f->e->dflt : v;
			break;
		default:
			break;
		}
	}
}

int
db_next(sqlite3_stmt *st, const struct db_fields *t, void *out)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		db_read(st, 0, t, out);
	return rc;
}

void
db_bind_fields(sqlite3_stmt *st, int par, const struct db_fields *t, const void *in)
{
	for (size_t k = 0; k < t->n; k++, par++) {
		const struct db_field *f = &t->f[k];
		const char *p = (const char *)in + f->off;

		switch (f->kind) {
		case DBF_I64:
			sqlite3_bind_int64(st, par, *(const int64_t *)p);
			break;
		case DBF_ID:
			db_bind_id(st, par, *(const int64_t *)p);
			break;
		case DBF_LL:
			sqlite3_bind_int64(st, par, *(const long long *)p);
			break;
		case DBF_INT:
			sqlite3_bind_int(st, par, *(const int *)p);
			break;
		case DBF_BOOL:
			sqlite3_bind_int(st, par, *(const bool *)p ? 1 : 0);
			break;
		case DBF_TEXT:
			db_bind_text_static(st, par, *(const char *const *)p);
			break;
		case DBF_DUP:
			db_bind_text_static(st, par, *(char *const *)p);
			break;
		case DBF_OPT:
			db_bind_text_null_static(st, par, *(char *const *)p);
			break;
		case DBF_CHARS:
			db_bind_text_static(st, par, p);
			break;
		case DBF_ENUM:
			sqlite3_bind_text(st, par, f->e->name(*(const int *)p), -1, SQLITE_STATIC);
			break;
		default:
			break;
		}
	}
}

void
db_fields_free(const struct db_fields *t, void *p)
{
	if (!p)
		return;
	for (size_t k = 0; k < t->n; k++)
		if (t->f[k].kind == DBF_DUP || t->f[k].kind == DBF_OPT)
			free(*(char **)((char *)p + t->f[k].off));
	memset(p, 0, t->size);
}
