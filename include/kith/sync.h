/*
 * sync.h: one sync of a replica with its team's log (src/io/sync.c), as
 * `kith sync` and the planner's :sync run it. README "Working as a team".
 *
 * Lock the replica (one sync at a time; another waits), fetch the log,
 * read the entries this replica has not applied (an entry from a newer
 * kith is refused before anything is applied), apply them and the local
 * changes over them (kith/syncdb.h, one transaction), append what the
 * local changes changed as the next entry; if someone appended first,
 * fetch and do it again. The outbox is cleared only once the entry is in
 * the log. A replica that never synced starts from the team's snapshot.
 * After a sync, when the log has grown enough since the last snapshot
 * (1,000 entries, or as many bytes as the snapshot), this replica writes
 * a new one and compacts the log.
 */
#ifndef KITH_SYNC_H
#define KITH_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;

struct sync_result {
	int64_t applied;        /* the team's entries applied here */
	int64_t pushed;         /* the entry this replica appended; 0 if none */
	int conflicts;          /* fields both sides changed (recorded) */
	int reported;           /* local changes dropped (recorded) */
	int retries;            /* appends refused because someone appended first */
	int64_t snapshot;       /* the snapshot this sync wrote (its entry); 0 if none */
	char note[512];         /* a snapshot due but not written: why ("" if none) */
};

/*
** Sync the database at dbpath (open as db). KITH_NOTFOUND when it is in no
** team; otherwise err says what failed (no network, rejected key, a newer
** kith's entry) and nothing was changed.
*/
enum kith_status sync_run(struct kdb *db, const char *dbpath, struct sync_result *out,
			  struct kith_err *err);

/*
** For kith team join: fetch the team's latest snapshot into a file of the
** team's folder (*file, free() it; NULL when the team has none) and its
** entry (*upto), for kdb_snapshot_prepare and kdb_snapshot_install. A
** snapshot of a newer kith is refused.
*/
enum kith_status sync_snapshot_fetch(const char *dbpath, char **file, int64_t *upto,
				     struct kith_err *err);

/*
** The log, entry by entry, for `kith sync --log`: fn(ud, seq, author,
** time, summary) with a one-line summary of what the entry changed
** ("added 2 people, changed 1 email or phone"). Fetches first.
*/
typedef void (*sync_log_fn)(void *ud, int64_t seq, const char *author, int64_t time,
			    const char *summary);
enum kith_status sync_log(const char *dbpath, sync_log_fn fn, void *ud, struct kith_err *err);

#endif
