/*
 * sync_apply.h: what applying the team's log finds (sync_found.c), shared
 * by the apply (sync_db.c). Internal to src/db; kith/syncdb.h has the
 * model and the rules.
 */
#ifndef KITH_DB_SYNC_APPLY_H
#define KITH_DB_SYNC_APPLY_H

#include "internal.h"

#include "kith/syncdb.h"

/* One conflict found while applying, kept until the apply ends. */
struct found {
	const char *kind;
	char table[64], column[64], what[160];
	int64_t key;
	sqlite3_value *old, *theirs, *mine;
	bool theirs_won;
	bool named;                 /* what was named already (a row since deleted) */
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

/* A column's name by its index in a shared table ("?" if unknown). */
const char *sync_col_name(struct apply *a, const char *table, int i);
/* A new found of kind, zeroed but for its kind; sync_found_add fills it from a change. */
struct found *sync_found_new(struct apply *a, const char *kind);
struct found *sync_found_add(struct apply *a, const char *kind, sqlite3_changeset_iter *it,
			     const char *table, int col);
/*
** After the local changes: rows of the tables they wrote that point at a
** row another replica deleted are dropped, each found as "missing".
*/
enum kith_status sync_drop_orphans(struct apply *a, const void *mine, size_t len,
				   struct kith_err *err);
/* Name f's row in a person's words; false if no words for it or it is not there. */
bool sync_name_row(struct apply *a, struct found *f);
/* Record what was found (sync_conflict), naming the rows not named yet. */
enum kith_status sync_record_found(struct apply *a, struct kith_err *err);
/* Forget the founds from index `from` on (their values freed). */
void sync_found_drop(struct apply *a, size_t from);
void sync_apply_free(struct apply *a);

/* The rows a changeset deletes from tables keyed by an integer: (table index, key) pairs. */
struct delset {
	struct { int t; int64_t key; } *v;
	size_t n;
};
void sync_deletes_of(const void *data, int len, struct delset *d);
bool sync_delset_has(const struct delset *d, int t, int64_t key);
/* Was row key of shared table t found "missing" (dropped), among found[from..]? */
bool sync_dropped(const struct apply *a, size_t from, int t, int64_t key);
/* Before another replica's entry e is applied: this replica's rows it deletes with their parent, found as "lost". */
void sync_note_lost(struct apply *a, const struct kdb_entry *e);

#endif
