/*
 * fts_aside.h: the tables whose search documents an import may make aside
 * (fts_aside.c), and their SQL (fts_aside_tables.c).
 */
#ifndef KITH_DB_FTS_ASIDE_H
#define KITH_DB_FTS_ASIDE_H

#include "internal.h"

/*
** A table whose documents may be made aside. Its watch notes in
** kith_aside_stale which rows' documents may no longer be theirs: -1 for
** all (the thread's work is thrown away), else the row (a contact: its
** document is made again by the SQL after the copy, fix, and the counts
** leave it out).
*/
struct aside_table {
	const char *name;           /* the table; its index is name_fts */
	const char *cols;           /* the index's columns */
	int ncols;
	bool content;               /* the index keeps its own content (%_content) */
	const char *empty;          /* SQL: the tables its documents read hold no row */
	const char *count;          /* SQL: one row, what should have been handed over (sent) */
	const char *count_noted;    /* the same without the rows noted (with a fix) */
	const char *watch;          /* temporary triggers: a document's row written again */
	const char *fix;            /* SQL: the documents of the rows noted made again; NULL: none */
};

extern const struct aside_table aside_tables[DB_ASIDE_COUNT_];
/* drops the watches' temporary triggers and their table */
extern const char aside_unwatch_sql[];

#endif
