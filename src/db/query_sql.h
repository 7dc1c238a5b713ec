/*
 * query_sql.h: a query (kith/query.h) as an SQL condition on `contact c`,
 * for the files of src/db that select people by one (query_db.c, goal.c).
 */
#ifndef KITH_DB_QUERY_SQL_H
#define KITH_DB_QUERY_SQL_H

#include "internal.h"

#include "kith/str.h"

struct query;

/* One bound value of the condition: text, or an id when text is NULL. */
struct query_val {
	char *text;
	int64_t id;
};

struct query_sql {
	struct strbuf where;        /* "c.archived = 0 AND ...", never empty */
	/*
	 * The same people read as they are found, for a statement that may
	 * stop early: "SELECT ... FROM <from> WHERE <cond>" (from: the
	 * driving term's set joined to `contact c`, or `contact c` alone).
	 */
	struct strbuf from, cond;
	struct query_val *vals;     /* bound as ?first, ?first+1, ... */
	int n;
};

/*
** How the people are found. QPLAN_SMALLEST: the term with the smallest set
** drives (each set counted up to a cap: worth it when every person will be
** read); QPLAN_FIRST: the first in a fixed order (for a statement likely to
** stop after a few); QPLAN_CHECK: none drives, every term is a check on a
** person the caller's own FROM gives, a few: a search term looks in their
** documents alone, copied by db_query_probe_fill into probe_fts, an index
** of the same kind (in the whole index a search term reads every person who
** matches: "role:president" merges the postings of every word it prefixes).
*/
enum query_plan { QPLAN_FIRST, QPLAN_SMALLEST, QPLAN_CHECK };

/*
** Build q's condition, its values numbered from ?first (the caller's own
** parameters come before). Resolves map: terms (one query each). An error
** names the term; out is then empty.
*/
enum kith_status db_query_sql(struct kdb *db, const struct query *q, int first,
			      enum query_plan plan, struct query_sql *out, struct kith_err *err);
/*
** Fill probe_fts, the index QPLAN_CHECK's search terms read, with the
** documents (contact_fts, as they are) of the people `ids` selects:
** constant SQL whose first column is a contact id. Inside a write.
*/
enum kith_status db_query_probe_fill(struct kdb *db, const char *ids, struct kith_err *err);
/* Bind the values into st from ?first. */
void db_query_bind(sqlite3_stmt *st, const struct query_sql *qs, int first);
void db_query_sql_free(struct query_sql *qs);

#endif
