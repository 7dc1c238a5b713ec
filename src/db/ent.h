/*
 * ent.h: helpers shared by the entity files of src/db (organisations,
 * roles, relationships, events, interactions, follow-ups, power maps):
 * existence checks, date validation with precise messages, blank-text
 * checks and argument resolution. Internal to src/db.
 */
#ifndef KITH_DB_ENT_H
#define KITH_DB_ENT_H

#include "internal.h"
#include "row.h"

#include <stdbool.h>
#include <stdint.h>

#include "kith/date.h"

/*
** Does the row `id` exist? sql is a constant "SELECT 1 FROM t WHERE id = ?".
** KITH_OK if it does; KITH_NOTFOUND with "<what> #<id>: no such <what>" if
** not; KITH_DB on a database error.
*/
enum kith_status ent_exists(struct kdb *db, const char *sql, int64_t id, const char *what,
			    struct kith_err *err);

/*
** The tables whose rows share one life (exist, get, delete by id): one
** entry each in ent.c's table {what, exists, delete}, indexed by this enum.
*/
enum ent_kind {
	ENT_CONTACT, ENT_ORG, ENT_EVENT, ENT_MAP, ENT_ROLE, ENT_RELATIONSHIP,
	ENT_INTERACTION, ENT_FOLLOWUP, ENT_KIND_COUNT_
};

/* ent_exists for a row of one of the tables above. */
enum kith_status ent_has(struct kdb *db, enum ent_kind kind, int64_t id, struct kith_err *err);


/*
** Delete row `id` of one of the tables above, as one write (cascades and
** triggers included). KITH_NOTFOUND "<what> #<id>: no such <what>" if
** there is no such row.
*/
enum kith_status ent_delete(struct kdb *db, enum ent_kind kind, int64_t id,
			    struct kith_err *err);

/*
** Step the one-row statement `sql` for row `id` (bound as ?1). KITH_OK with
** *out on the row (the caller reads it, then sqlite3_reset()s it);
** KITH_NOTFOUND "<what> #<id>: no such <what>" if there is none; KITH_DB.
*/
enum kith_status ent_row(struct kdb *db, const char *sql, int64_t id, const char *what,
			 sqlite3_stmt **out, struct kith_err *err);
/*
** Read row `id` of table `kind` into *out by the field table t (the
** columns of the one-row `sql`, bound ?1 = id); *out is cleared first.
** KITH_NOTFOUND "<what> #<id>: no such <what>" if there is none.
*/
enum kith_status ent_get(struct kdb *db, enum ent_kind kind, const char *sql, int64_t id,
			 const struct db_fields *t, void *out, struct kith_err *err);

/* Column 0 of ent_row's row as a new string in *out (NULL unless KITH_OK): a list's anchor key. */
enum kith_status ent_row_text(struct kdb *db, const char *sql, int64_t id, const char *what,
			      char **out, struct kith_err *err);

/*
** In a DB_TABLE: column m (an I64 or an ID) names a row of table `kind`.
** A writer whose `fields` hold it checks that row exists before it writes:
** an I64 always, an ID unless it is 0 (none).
*/
#define DB_CR(kind, m, ref) \
	{ DBF_##kind, DBF_OFF(DB_ROW, m, DBF_CT_##kind), 0, NULL, 1 + (ref) }

/*
** How the rows of one table are written, described once; ent_add and
** ent_update run the write ladder for it. In one write level: an update
** first checks row `id` exists (KITH_NOTFOUND naming it); then the rows
** its fields' references (DB_CR) name, in their order; then check(db,
** row, id, err) (may be NULL; it may read; id is 0 for an insert), then
** the constant statement bound by bind(st, row), or by the field table
** `fields` from ?1 on (see also ent_bind_meta), and
** stepped to its end, then after(). Any failure rolls this write back.
*/
struct ent_writer {
	enum ent_kind kind;                 /* its table: messages, existence */
	const char *q_insert, *q_update;    /* constant texts: the cache keys */
	enum kith_status (*check)(struct kdb *db, const void *row, int64_t id,
				  struct kith_err *err);
	/* may be NULL: the checks that need no database, before the write begins */
	enum kith_status (*validate)(const void *row, struct kith_err *err);
	void (*bind)(sqlite3_stmt *st, const void *row);
	const struct db_fields *fields;     /* its references; bound when bind is NULL */
	/* the struct as read: its columns in q_get (row ?1), its owned texts freed */
	const char *q_get;
	const struct db_fields *read;
	/* may be NULL: the writes that follow the row's (its links), given its id */
	enum kith_status (*after)(struct kdb *db, const void *row, int64_t id,
				  struct kith_err *err);
	/* may be NULL: an insert whose id is not asked for may wait to be
	   written with others (pend.c); *queued if it does */
	enum kith_status (*pend)(struct kdb *db, const void *row, bool *queued,
				 struct kith_err *err);
	/* the lists of rows still to write (pend.c, DB_PEND_*) its insert reads
	   not: they are not written before it */
	unsigned pend_unread;
};
/* *id_out (may be NULL) receives the new row's id. */
enum kith_status ent_add(struct kdb *db, const struct ent_writer *w, const void *row,
			 int64_t *id_out, struct kith_err *err);
/* The update's statement has :id, bound to id by ent_bind_meta. */
enum kith_status ent_update(struct kdb *db, const struct ent_writer *w, const void *row,
			    int64_t id, struct kith_err *err);

/*
** For the bind of an ent_writer: bind the named parameters :id (the row's
** id, in an update's WHERE) and :now (db_now()) where the statement has them;
** sql is the constant text st was prepared from (db_stmt's key), by which
** their places are kept.
*/
void ent_bind_meta(sqlite3_stmt *st, const char *sql, int64_t id);

/*
** A link between row `id` of table `kind` and a contact (a map's target,
** an attendance): ent_link_check checks both exist (the row first);
** ent_link_bind binds ?1 = id, ?2 = contact_id and, when given, ?3 and ?4.
*/
struct ent_link {
	enum ent_kind kind;
	int64_t id, contact_id;
	const char *t3, *t4;
};
enum kith_status ent_link_check(struct kdb *db, const void *row, int64_t id,
				struct kith_err *err);
void ent_link_bind(sqlite3_stmt *st, const void *row);
/*
** Remove the link of row id of table kind to contact_id with the constant
** DELETE `sql` (?1 = id, ?2 = contact_id), as one write. No such link:
** KITH_NOTFOUND naming what is missing: the row, the contact, or the link
** ("contact #4: <not_linked> #2").
*/
enum kith_status ent_unlink(struct kdb *db, const char *sql, enum ent_kind kind, int64_t id,
			    int64_t contact_id, const char *not_linked, struct kith_err *err);

/*
** Validate a date field "YYYY-MM-DD" (s may be NULL or "": accepted).
** Messages: "due fri: must be YYYY-MM-DD", "start 2026-02-30: not a date".
*/
enum kith_status ent_check_date(const char *field, const char *s, struct kith_err *err);
/* Both dates of a span (start, end: either may be NULL or ""), and the end not before the start. */
enum kith_status ent_check_span(const char *start, const char *end, struct kith_err *err);

/*
** Validate and normalise a date or time "YYYY-MM-DD[ HH:MM]" ("T" accepted
** as the separator) into out (KDATETIME_STR bytes). *has_time (may be NULL)
** says whether a time was given. s must not be empty.
*/
enum kith_status ent_norm_when(const char *field, const char *s, char out[KDATETIME_STR],
			       bool *has_time, struct kith_err *err);

/* KITH_INVALID "<field> <v>: <says>" ("must be 1 to 5") unless lo <= v <= hi. */
enum kith_status ent_check_int(const char *field, int v, int lo, int hi, const char *says,
			       struct kith_err *err);
/* A value of an enum of count values: KITH_INVALID "<field> <v>: unknown" unless 0 <= v < count. */
#define ent_check_enum(field, v, count, err) \
	ent_check_int((field), (v), 0, (count) - 1, "unknown", (err))

/* KITH_INVALID "<field>: must not be empty" if s is NULL, empty or only spaces. */
enum kith_status ent_require(const char *field, const char *s, struct kith_err *err);

/* The time now as "YYYY-MM-DD HH:MM" (honours KITH_TODAY). */
void ent_now_minute(char out[KDATETIME_STR]);

/*
** Resolve a user's argument naming a row of one table. The queries each
** select (id, name): q_id binds ?1 = the id; q_exact binds ?1 = the argument
** and ?2 = its folded key; q_prefix binds ?1 = the argument, ?2 = the folded
** key, ?3 = the key's upper bound (for name_key ranges) and ?4 = a LIKE
** pattern "arg%" (escape '\'); q_words (may be NULL) binds ?1 = an FTS5
** query of the argument's words as prefixes. Each returns at most 9 rows.
** Tried in order; the first step that finds something decides. One match:
** KITH_OK; none: KITH_NOTFOUND ("\"x\": no such <what>"); several:
** KITH_AMBIGUOUS listing the candidates.
*/
struct ent_resolver {
	const char *what;           /* "organisation", "event", "map" */
	const char *q_id, *q_exact, *q_prefix, *q_words;
	/*
	** Word matches are only offered ("did you mean ...?"), never chosen:
	** an event is named by its title or a prefix of it, so "Council" does
	** not pick "City Council Regular Meeting".
	*/
	bool words_suggest;
};
enum kith_status ent_resolve(struct kdb *db, const struct ent_resolver *r, const char *arg,
			     int64_t *id_out, struct kith_err *err);
/*
** The end of a resolution among n candidates (ids, and names of the first
** `named`): one is KITH_OK with *id_out; several are KITH_AMBIGUOUS
** "\"arg\": ambiguous, could be: A (#1), B (#2)" followed by `more`, each
** number the short reference of the row of table (kith/syncdb.h).
*/
enum kith_status ent_pick(struct kdb *db, const char *table, const char *arg, const int64_t *ids,
			  char *const *names, int n, int named, const char *more, int64_t *id_out,
			  struct kith_err *err);

/*
** Finish a read loop: rc is the last sqlite3_step result. Resets st; KITH_OK
** if rc is SQLITE_DONE or SQLITE_ROW (stopped early), else the error.
*/
enum kith_status ent_finish(struct kdb *db, sqlite3_stmt *st, int rc, const char *what,
			    struct kith_err *err);

/*
** The public functions an entity table shares, defined from its writer w
** (a static const struct ent_writer): NAME_free and NAME_delete; NAME_get
** (by w.q_get and w.read); NAME_add and NAME_update (the row's own id).
*/
#define ENT_DEFINE_ROW(name, type, w) \
	void name##_free(type *r) { db_fields_free((w).read, r); } \
	enum kith_status name##_delete(struct kdb *db, int64_t id, struct kith_err *err) \
	{ \
		return ent_delete(db, (w).kind, id, err); \
	}
#define ENT_DEFINE_GET(name, type, w) \
	enum kith_status name##_get(struct kdb *db, int64_t id, type *out, struct kith_err *err) \
	{ \
		return ent_get(db, (w).kind, (w).q_get, id, (w).read, out, err); \
	}
#define ENT_DEFINE_WRITES(name, type, w) \
	enum kith_status name##_add(struct kdb *db, const type *r, int64_t *id_out, \
				    struct kith_err *err) \
	{ \
		return ent_add(db, &(w), r, id_out, err); \
	} \
	enum kith_status name##_update(struct kdb *db, const type *r, struct kith_err *err) \
	{ \
		return ent_update(db, &(w), r, r->id, err); \
	}
/* The three above: a table with every life */
#define ENT_DEFINE(name, type, w) \
	ENT_DEFINE_ROW(name, type, w) \
	ENT_DEFINE_GET(name, type, w) \
	ENT_DEFINE_WRITES(name, type, w)

/*
** Define the list loop of one row type: `static enum kith_status name(db, st,
** fn, ud, err)` steps st, reads each row into a row_type by the columns
** that follow (row.h's field table entries: DB_C(KIND, m), DB_CE(m, enum),
** DB_CC(m), DB_FSKIP; DB_ROW is here the loop's own name of row_type, so
** no #define DB_ROW stands around it) and calls fn(ud, &row) until it
** returns nonzero; then ent_finish with what. st may be NULL (a failed
** db_query: KITH_DB, err set), so a list is `return emit(db, db_query(db,
** sql, err, fmt, ...), fn, ud, err)`.
*/
#define ENT_EMITTER(name, row_type, fn_type, what, ...) \
	static enum kith_status \
	name(struct kdb *db, sqlite3_stmt *st, fn_type fn, void *ud, struct kith_err *err) \
	{ \
		typedef row_type DB_ROW; \
		static const struct db_field cols[] = { __VA_ARGS__ }; \
		static const struct db_fields t = DB_FIELDS(DB_ROW, cols); \
		DB_ROW r; \
		int rc; \
		if (!st) \
			return KITH_DB; \
		while ((rc = db_next(st, &t, &r)) == SQLITE_ROW && !fn(ud, &r)) \
			; \
		return ent_finish(db, st, rc, what, err); \
	}

#endif
