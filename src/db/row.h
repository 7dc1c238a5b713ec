/*
 * row.h: statements and rows without the ladder (row.c). Internal to src/db.
 *
 * Binding by format. The letters of fmt bind ?1, ?2, ... in turn:
 *	i  int64_t              n  int
 *	I  int64_t, 0 is NULL   j  const int64_t *, size_t (db_bind_ids: a JSON array)
 *	t  text, NULL is ''     T  text, NULL or "" is NULL
 *	s  text, NULL is NULL
 *	-  nothing (that parameter is left unbound: NULL, or bound by the caller)
 * Every parameter of the statement has its letter (asserted).
 *
 *	db_query   prepare (the cache) and bind: the statement, or NULL (err set)
 *	db_run     ... and step it to its end (INSERT/UPDATE/DELETE)
 *	db_write_run  db_run as a write of its own (db_write_begin ... db_write_end,
 *	           rolled back on failure): one undo step (in tx.c, with the writes)
 *	db_first   ... and step it to its first row: KITH_OK with *out on the
 *	           row (read it, then sqlite3_reset); KITH_NOTFOUND (err
 *	           untouched, the statement reset) if there is none
 *	db_int64   column 0 of the first row; KITH_NOTFOUND and 0 if none (out
 *	           NULL: only whether there is a row)
 *
 * Field tables. A struct read from a row, bound to parameters or freed,
 * described once: one struct db_field per column (or parameter), in order.
 * DB_F(KIND, type, member) checks at compile time that the member has the
 * kind's C type. DB_FIELDS(type, array) makes the table.
 */
#ifndef KITH_DB_ROW_H
#define KITH_DB_ROW_H

#include <stdarg.h>
#include <stddef.h>

#include "internal.h"

sqlite3_stmt *db_query(struct kdb *db, const char *sql, struct kith_err *err, const char *fmt,
		       ...);
enum kith_status db_run(struct kdb *db, const char *sql, const char *what, struct kith_err *err,
			const char *fmt, ...);
enum kith_status db_write_run(struct kdb *db, const char *sql, const char *what,
			      struct kith_err *err, const char *fmt, ...);
enum kith_status db_first(struct kdb *db, sqlite3_stmt **out, const char *sql, const char *what,
			  struct kith_err *err, const char *fmt, ...);
enum kith_status db_int64(struct kdb *db, int64_t *out, const char *sql, const char *what,
			  struct kith_err *err, const char *fmt, ...);
/*
** Finish a read loop: rc is the last sqlite3_step result. Resets st; KITH_OK
** if rc is SQLITE_DONE or SQLITE_ROW (stopped early), else the error.
*/
enum kith_status db_finish(struct kdb *db, sqlite3_stmt *st, int rc, const char *what,
			   struct kith_err *err);
/* db_finish for a statement of its own (prepared, not cached): finalizes st. */
enum kith_status db_final(struct kdb *db, sqlite3_stmt *st, int rc, const char *what,
			  struct kith_err *err);
/* Step st (NULL: KITH_DB) reading column 0 into ids[0..max); *n_out how many. */
enum kith_status db_ids(struct kdb *db, sqlite3_stmt *st, int64_t *ids, int max, int *n_out,
			const char *what, struct kith_err *err);
/*
** Step st (NULL: KITH_DB), appending column 0 of each row to the array
** *ids of *n (start them at NULL and 0; the caller frees *ids).
*/
enum kith_status db_id_list(struct kdb *db, sqlite3_stmt *st, int64_t **ids, size_t *n,
			    const char *what, struct kith_err *err);
/* db_query with the arguments as a va_list. */
sqlite3_stmt *db_vquery(struct kdb *db, const char *sql, struct kith_err *err, const char *fmt,
			va_list ap);
/* Bind an already prepared statement by fmt. */
void db_bindf(sqlite3_stmt *st, const char *fmt, ...);

enum db_fkind {
	DBF_SKIP,       /* a column not read, a parameter not bound */
	DBF_I64,        /* int64_t */
	DBF_LL,         /* long long (a count) */
	DBF_ID,         /* int64_t; 0 binds NULL (NULL reads 0 for every number) */
	DBF_INT,        /* int */
	DBF_BOOL,       /* bool: column != 0 */
	DBF_TEXT,       /* const char *: the row's own text ("" for NULL), valid until the next step */
	DBF_DUP,        /* char *, owned: NULL reads NULL, binds '' */
	DBF_OPT,        /* char *, owned: NULL reads NULL; NULL or "" binds NULL */
	DBF_CHARS,      /* char[N]: the text cut to fit */
	DBF_ENUM,       /* int, stored as its word (struct db_enum) */
};

/* A vocabulary of kith/types.h: its words, and the value of an unknown word. */
struct db_enum {
	const char *(*name)(int v);
	int (*parse)(const char *word);
	int dflt;
};
/* The vocabulary whose functions are prefix_name and prefix_parse. */
#define DB_ENUM(prefix, dflt) { prefix##_name, prefix##_parse, (dflt) }

struct db_field {
	unsigned char kind;
	size_t off, size;
	const struct db_enum *e;
	/* an I64 or ID naming a row that a writer checks exists (ent.h's DB_CR); 0: none */
	unsigned char ref;
};

struct db_fields {
	size_t size;                /* of the struct */
	size_t n;
	const struct db_field *f;
};

#define DBF_CT_I64 int64_t
#define DBF_CT_LL long long
#define DBF_CT_ID int64_t
#define DBF_CT_INT int
#define DBF_CT_BOOL bool
#define DBF_CT_TEXT const char *
#define DBF_CT_DUP char *
#define DBF_CT_OPT char *
#define DBF_CT_ENUM int
/* offsetof(type, m), refused by the compiler unless m is a `ct` */
#define DBF_OFF(type, m, ct) (offsetof(type, m) + 0 * sizeof(*(ct **)0 = &((type *)0)->m))
#define DB_F(kind, type, m) { DBF_##kind, DBF_OFF(type, m, DBF_CT_##kind), 0, NULL, 0 }
#define DB_FE(type, m, en) { DBF_ENUM, DBF_OFF(type, m, int), 0, &(en), 0 }
#define DB_FC(type, m) \
	{ DBF_CHARS, offsetof(type, m) + \
	  0 * sizeof(*(char (**)[sizeof ((type *)0)->m])0 = &((type *)0)->m), \
	  sizeof ((type *)0)->m, NULL, 0 }
#define DB_FSKIP { DBF_SKIP, 0, 0, NULL, 0 }
#define DB_FIELDS(type, array) { sizeof(type), sizeof(array) / sizeof((array)[0]), (array) }

/*
** A table of one struct, named once: #define DB_ROW as the struct type,
** then DB_TABLE(array, fields, entries...) defines the static field array
** and its struct db_fields, the entries naming members only: DB_C(KIND, m),
** DB_CE(m, enum), DB_CC(m) (a char array), DB_FSKIP. #undef DB_ROW after.
** (A list's rows are read by a table of its own: ent.h's ENT_EMITTER.)
*/
#define DB_C(kind, m) DB_F(kind, DB_ROW, m)
#define DB_CE(m, en) DB_FE(DB_ROW, m, en)
#define DB_CC(m) DB_FC(DB_ROW, m)
#define DB_TABLE(array, fields, ...) \
	static const struct db_field array[] = { __VA_ARGS__ }; \
	static const struct db_fields fields = DB_FIELDS(DB_ROW, array)

/*
** Read the current row from column col on into *out (cleared first; the
** fields past the row's last column stay zero).
*/
void db_read(sqlite3_stmt *st, int col, const struct db_fields *t, void *out);
/* Step st; on a row, read it into *out by t. Returns the step's result. */
int db_next(sqlite3_stmt *st, const struct db_fields *t, void *out);
/* Bind the fields of *in to ?par, ?par+1, ... without copying the texts: *in
   must stay as it is until st is stepped and reset (db_bind_text_static). */
void db_bind_fields(sqlite3_stmt *st, int par, const struct db_fields *t, const void *in);
/* Free the owned texts (DUP, OPT) of *p and clear it; p may be NULL. */
void db_fields_free(const struct db_fields *t, void *p);

#endif
