/*
 * db.h: the database handle, transactions, undo changesets, backup.
 *
 * src/db is the only code that knows SQL; everything above it sees these
 * typed calls. A struct kdb is one SQLite connection with foreign keys on,
 * WAL, a busy timeout and a cache of prepared statements.
 *
 * Writes. Every public write function (contact_add, followup_done, ...) is
 * one transaction: it commits completely or changes nothing. Callers that
 * need several writes to be one step (a bulk action, a capture) wrap them
 * in kdb_batch_begin()/kdb_batch_end(); inner writes then become
 * savepoints of the outer transaction.
 *
 * Undo. When recording is on (kdb_record_changes), each outermost
 * transaction's row changes are recorded as a changeset in the format of
 * SQLite's session extension (src/db/record.c) and can be taken as an
 * opaque struct kdb_change. Applying its inverse undoes
 * the step; applying it again redoes it. Derived tables (full-text
 * indexes, last-contacted) are never recorded: triggers rebuild them.
 */
#ifndef KITH_DB_H
#define KITH_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;                     /* one open database */
struct kdb_change;              /* one recorded write step */

enum kdb_open_flags {
	KDB_CREATE   = 1 << 0,  /* create the file (mode 0600) if missing */
	KDB_READONLY = 1 << 1,  /* open read-only; no migration */
	KDB_NO_MIGRATE = 1 << 2, /* open at whatever version it is (tests: old fixtures) */
};

/*
** Open (and create, with KDB_CREATE) the database at path. ":memory:" is
** accepted for tests. A new or older database is brought to the current
** schema in one transaction; a database from a newer kith is refused with
** KITH_VERSION. The file and its -wal/-shm are created mode 0600 whatever
** the umask. On failure *out is NULL and err says what and where.
*/
enum kith_status kdb_open(const char *path, int flags, struct kdb **out,
			  struct kith_err *err);
void kdb_close(struct kdb *db);

/* The schema version this build writes (the number of migrations). */
int kdb_schema_version(void);
/* The database's user_version. */
int kdb_user_version(struct kdb *db);
/*
** Run migrations up to `target` only (tests use it to build old fixtures).
** Normal opens migrate to kdb_schema_version().
*/
enum kith_status kdb_migrate_to(struct kdb *db, int target, struct kith_err *err);
/*
** Tests only: use `sql` (same "-- @migration N" format) instead of the
** embedded schema for every later open and migration; NULL restores it.
*/
void kdb_test_set_schema(const char *sql);
/* Execute trusted SQL text from kith itself (fixtures, the demo network). */
enum kith_status kdb_exec_script(struct kdb *db, const char *sql, struct kith_err *err);

/*
** PRAGMA data_version: changes when another connection commits. The screen
** polls it to refresh after `kith log` from a shell.
*/
long long kdb_data_version(struct kdb *db);

/* Group writes into one transaction (and one undo step). Nestable. */
enum kith_status kdb_batch_begin(struct kdb *db, struct kith_err *err);
/* commit=false rolls the whole batch back. */
enum kith_status kdb_batch_end(struct kdb *db, bool commit, struct kith_err *err);

/* Turn undo recording on or off for this connection (off by default). */
enum kith_status kdb_record_changes(struct kdb *db, bool on, struct kith_err *err);
/*
** Take the change recorded by the last committed outermost transaction,
** or NULL if it changed nothing or recording is off. The caller owns it.
*/
struct kdb_change *kdb_change_take(struct kdb *db);
/*
** Apply a change (invert=false: redo) or its inverse (invert=true: undo) in
** one transaction. If the rows it touches were changed since (by another
** process), nothing is applied and KITH_CONFLICT is returned.
*/
enum kith_status kdb_change_apply(struct kdb *db, const struct kdb_change *ch,
				  bool invert, struct kith_err *err);
void kdb_change_free(struct kdb_change *ch);

/*
** The write-ahead log is kept in check: every connection sets
** journal_size_limit (KDB_WAL_LIMIT bytes are kept after a checkpoint),
** and the planner calls kdb_checkpoint() when idle. It copies the log
** into the database and truncates the log, without waiting for other
** processes (a busy log is checkpointed as far as it can be; KITH_BUSY).
*/
#define KDB_WAL_LIMIT (4 * 1024 * 1024)
enum kith_status kdb_checkpoint(struct kdb *db, struct kith_err *err);

/* Consistent online copy of the database to dest (mode 0600). */
enum kith_status kdb_backup(struct kdb *db, const char *dest, struct kith_err *err);

/*
** The private file (README "What stays private"): private notes live in
** <db>.private beside the database (0600), never recorded for a team.
** kdb_open attaches it when it exists; kdb_private_open makes and
** attaches it (call it before the write that adds the first private note,
** never inside a write). kdb_private_path: NULL for an in-memory database
** (whose private notes live in memory); free() it.
*/
enum kith_status kdb_private_open(struct kdb *db, struct kith_err *err);
bool kdb_private_attached(const struct kdb *db);
char *kdb_private_path(const struct kdb *db);

/* "me": the contact who is the user; 0 if unset. */
int64_t kdb_me(struct kdb *db);
enum kith_status kdb_set_me(struct kdb *db, int64_t contact_id, struct kith_err *err);
/*
** "Which one is you?" is asked once, after the first import into a network
** without "me": kdb_me_asked is true once it was (kdb_set_me_asked), or
** while "me" is set.
*/
bool kdb_me_asked(struct kdb *db);
enum kith_status kdb_set_me_asked(struct kdb *db, struct kith_err *err);

/*
** How many write transactions this connection has committed (migrations
** not counted): non-zero means something the user asked for is saved.
*/
long long kdb_commits(struct kdb *db);

/*
** Team mode (README "Working as a team"). A database that is a replica of
** a team has a replica number R (1 .. KDB_REPLICA_MAX, drawn at random by
** `kith team init` or `join`) and an author name its log entries carry;
** the rows it adds to shared tables get keys R * 2^KDB_KEY_BITS + n, so
** no two replicas make the same key (rows from before the team keep
** theirs). A solo database has none (R = 0) and works as it always did.
**
** kdb_replica_set makes the database replica R written by author (one
** write); setting it again with the same R changes the author, another R
** is refused (KITH_INVALID). kdb_replica_get gives R (0: solo) and, if
** author is not NULL, the author's name (newly allocated; NULL when solo).
** kdb_replica_taken says whether R is already in use: a member of the
** team as far as this database has seen its log, or keys in R's range
** (`team join` draws again).
*/
#define KDB_KEY_BITS 40
#define KDB_REPLICA_MAX ((1u << 22) - 1)
enum kith_status kdb_replica_set(struct kdb *db, uint32_t replica, const char *author,
				 struct kith_err *err);
enum kith_status kdb_replica_get(struct kdb *db, uint32_t *replica, char **author,
				 struct kith_err *err);
enum kith_status kdb_replica_taken(struct kdb *db, uint32_t replica, bool *taken,
				   struct kith_err *err);

/* The path given to kdb_open. */
const char *kdb_path(struct kdb *db);

#endif
