/*
 * syncdb.h: team mode's side of the database (src/db/sync_db.c): the
 * outbox of local changes, applying the team's log entries, and the
 * conflicts a sync found. io/sync.c runs a sync with these over the
 * transport (kith/teamlog.h). README "Working as a team".
 *
 * The state of a replica is always: the log's entries 1 .. applied, in
 * order, then the outbox (its local changes not yet in the log). A sync
 * is two writes:
 *
 *  kdb_sync_apply, one transaction: take back the outbox (its inverse,
 *  newest first), apply the new entries of the log in order, then apply
 *  the outbox again over them with the conflict rules below, recording
 *  what it actually changed (*mine: the entry to append, or none); the
 *  outbox becomes that one entry and applied the last entry applied. If
 *  anything fails nothing is changed.
 *
 *  kdb_sync_done, once the entry is in the log as entry seq: the outbox
 *  rows it holds go and applied becomes seq, one transaction. (A write
 *  made in between stays in the outbox, for the next sync.)
 *
 * A kill between the two leaves a state the next sync completes from: the
 * outbox is then an entry that may already be in the log; io/sync.c
 * recognises it (its replica and bytes) and calls kdb_sync_done.
 *
 * Conflict rules, applying local changes over the team's (the local entry
 * is the later one in the log, so it wins): an update carries only the
 * columns it changed, so changes to different fields of a row both stay;
 * a field both changed to different values is a conflict, recorded (old
 * value, theirs, mine, who won); a change to a row another replica
 * deleted, a row that points at a deleted one (a role at a deleted
 * organisation) and a row the schema refuses are dropped and recorded as
 * reported; so are rows another replica added that a local deletion
 * takes with it (ON DELETE CASCADE: "cascade"), and, on that replica,
 * the rows it lost so ("lost"). Bookkeeping columns (updated_at, the folded *_key columns,
 * influence_rank) never make a conflict.
 */
#ifndef KITH_SYNCDB_H
#define KITH_SYNCDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;

/* One entry of the team's log, as the transport read it. */
struct kdb_entry {
	int64_t seq;
	uint32_t replica;
	const char *author;
	const void *data;           /* a changeset of the shared tables */
	size_t len;
};

struct kdb_sync_out {
	void *mine;                 /* the entry to append (free()); NULL: nothing local */
	size_t mine_len;
	int64_t outbox_upto;        /* the outbox rows it holds: id <= this */
	int conflicts;              /* fields both sides changed, recorded */
	int reported;               /* local changes dropped (deleted rows, refused rows), recorded */
};

enum kith_status kdb_sync_apply(struct kdb *db, const struct kdb_entry *remote, size_t n,
				struct kdb_sync_out *out, struct kith_err *err);
enum kith_status kdb_sync_done(struct kdb *db, int64_t seq, int64_t outbox_upto,
			       struct kith_err *err);

/*
** The replica's sync state: the last log entry applied, how many local
** changes wait in the outbox, conflicts not yet looked at, when the last
** sync finished ("" if never).
*/
struct kdb_sync_state {
	bool started;               /* synced (or kdb_sync_done'd) at least once */
	int64_t applied;
	long long waiting, unseen;
	char synced_at[20];
};
enum kith_status kdb_sync_state(struct kdb *db, struct kdb_sync_state *out,
				struct kith_err *err);

/*
** The outbox as one entry, as kdb_sync_apply would start from it (a
** changegroup of its rows; *data NULL when empty), with its last row's id:
** io/sync.c compares it with an entry of its own replica found in the log.
*/
enum kith_status kdb_outbox_get(struct kdb *db, void **data, size_t *len, int64_t *upto,
				struct kith_err *err);

/*
** The team's snapshot as a database file (src/db/sync_snap.c).
**
** kdb_snapshot_file: a copy of the database at path (0600; replaced if
** there), its local tables emptied (see kdb_table_kind), as of the last
** entry applied here (*upto). KITH_BUSY while local changes wait in the
** outbox (the copy would hold changes the log does not have yet): make it
** after a sync that sent them. kith team init stores the seed (the data
** from before the team) so as the snapshot of entry 0.
**
** kdb_snapshot_adopt: the file at path (a snapshot of entry upto) becomes
** this database, in one step, keeping this replica's own meta rows (its
** number, author) and recording upto as applied; a snapshot of an older
** kith is migrated. Refused (KITH_CONFLICT, nothing changed) when the
** database holds rows of the shared tables or local changes, and
** (KITH_VERSION) for a snapshot of a newer kith. The caller then applies
** the log's entries after upto. The file is read, and its meta rows
** changed.
*/
enum kith_status kdb_snapshot_file(struct kdb *db, const char *path, int64_t *upto,
				   struct kith_err *err);
enum kith_status kdb_snapshot_adopt(struct kdb *db, const char *path, int64_t upto,
				    struct kith_err *err);
/*
** A join's quicker way, without copying the file: kdb_snapshot_prepare
** checks and changes the file as kdb_snapshot_adopt does; then, with db
** closed, kdb_snapshot_install renames it over the database file dbpath
** (its -wal and -shm removed first); kdb_open then migrates it if needed.
*/
enum kith_status kdb_snapshot_prepare(struct kdb *db, const char *path, int64_t upto,
				      struct kith_err *err);
enum kith_status kdb_snapshot_install(const char *path, const char *dbpath,
				      struct kith_err *err);
/*
** What a table is to team mode: shared (the team's data), derived (kept
** by triggers from the shared tables: it travels in a snapshot with
** them), local (this replica's own: never in a snapshot), or unknown (a
** table no list names: treated as local; a test requires every table of
** the schema to be named).
*/
enum { KDB_TABLE_SHARED, KDB_TABLE_DERIVED, KDB_TABLE_LOCAL, KDB_TABLE_UNKNOWN };
int kdb_table_kind(const char *table);

/* The outbox's first row (*data NULL when it is empty; free()), and its id. */
enum kith_status kdb_outbox_first(struct kdb *db, void **data, size_t *len, int64_t *id,
				  struct kith_err *err);

/*
** What an entry changes, table by table: for kith sync --log. Calls
** fn(ud, table, added, changed, deleted) once per table it touches, in
** its order. KITH_CORRUPT if data is not a changeset.
*/
typedef void (*kdb_summary_fn)(void *ud, const char *table, int added, int changed, int deleted);
enum kith_status kdb_change_summary(const void *data, size_t len, kdb_summary_fn fn, void *ud,
				    struct kith_err *err);

/*
** One recorded conflict. kind: "field", "missing", "deleted", "constraint",
** "cascade" (a row another replica added, deleted here with what it
** belongs to: a role at an organisation deleted here), "lost" (a row this
** replica added, deleted by another's entry with what it belongs to).
*/
struct kdb_conflict {
	int64_t id;
	char *at, *kind, *table, *what, *column;
	int64_t key;                /* the row's key; 0 for a row keyed by two columns */
	char *old, *theirs, *mine;  /* as text; NULL for no value */
	char *winner;               /* "mine" or "theirs" */
	bool seen;
};
/* The conflicts, newest first (at most limit). Free with kdb_conflicts_free. */
enum kith_status kdb_conflicts(struct kdb *db, int limit, struct kdb_conflict **out, size_t *n,
			       struct kith_err *err);
void kdb_conflicts_free(struct kdb_conflict *c, size_t n);
/*
** Take the other value of conflict id (a field: the value that lost is
** written back, as one write that is shared at the next sync and can be
** undone; the conflict then says "theirs" won). KITH_INVALID for a
** conflict that is not of one field of a row with a key of its own;
** KITH_NOTFOUND if the row is gone.
*/
enum kith_status kdb_conflict_take(struct kdb *db, int64_t id, struct kith_err *err);
/* Mark every conflict as seen (the status line stops counting them). */
enum kith_status kdb_conflicts_seen(struct kdb *db, struct kith_err *err);

/* What a member calls n rows of a shared table ("person", "people"); an unshared table's name. */
const char *kdb_shared_noun(const char *table, int n);
/* The author of the replica that made key (its range); NULL (no row) for the seed or unknown. */
char *kdb_key_author(struct kdb *db, int64_t key);

/*
** Short references (src/db/sync_alias.c): the number a row of table
** ("contact", "event", ...) is shown and typed as. kdb_ref gives the key
** itself for a key below 2^40 (a solo database's, the seed's), else the
** row's alias on this replica (the key if it has none, or db is NULL). kdb_unref gives
** the key a typed number n stands for as an alias in table, 0 if none (a
** number is first tried as a key: kdb_unref is for when no row has it).
*/
int64_t kdb_ref(struct kdb *db, const char *table, int64_t key);
int64_t kdb_unref(struct kdb *db, const char *table, int64_t n);
/* A number typed for a row of table: n if a row has that key, else the key of its alias, else n. */
int64_t kdb_key(struct kdb *db, const char *table, int64_t n);

#endif
