/*
 * sync.c: one sync of a replica with its team's log (kith/sync.h): the
 * algorithm over the transport (kith/teamlog.h) and the database's side
 * (kith/syncdb.h).
 *
 * Every state a kill can leave is one the next sync completes from: the
 * database is always "the log's entries 1 .. applied, then the outbox",
 * and kdb_sync_apply is one transaction. The one window is after an entry
 * is pushed and before kdb_sync_done clears the outbox: the next sync then
 * finds, as the first entry it has not applied, one of its own replica
 * whose bytes are the outbox's first row, and finishes that sync instead
 * of applying its own changes twice.
 */
#include "kith/sync.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kith/db.h"
#include "kith/str.h"
#include "kith/syncdb.h"
#include "kith/teamlog.h"
#include "kith/xalloc.h"

/* How many times an append may find that someone appended first. */
#define SYNC_TRIES 20

static enum kith_status
team_err(struct kith_err *err, const char *msg)
{
	return kith_err_set(err, KITH_IO, "%s", msg);
}

static void
entries_free(struct team_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		team_entry_free(&e[i]);
	free(e);
}

/* Read entries from..to; a newer kith's entry is refused before anything is applied. */
static enum kith_status
read_entries(struct team *t, int64_t from, int64_t to, struct team_entry **out, size_t *n,
	     struct kith_err *err)
{
	char msg[1024] = "";

	*out = NULL;
	*n = 0;
	if (to < from)
		return KITH_OK;
	*out = xcalloc((size_t)(to - from + 1), sizeof **out);
	for (int64_t s = from; s <= to; s++) {
		struct team_entry *e = &(*out)[*n];
		if (team_read(t, s, e, msg, sizeof msg) != TEAM_OK) {
			entries_free(*out, *n);
			*out = NULL;
			*n = 0;
			return team_err(err, msg);
		}
		(*n)++;
		if (e->schema > kdb_schema_version()) {
			int schema = e->schema;
			entries_free(*out, *n);
			*out = NULL;
			*n = 0;
			return kith_err_set(err, KITH_VERSION, "entry %lld of the team's log was "
					    "written by a newer kith (schema %d; this kith knows %d): "
					    "update kith, then sync; nothing was changed",
					    (long long)s, schema, kdb_schema_version());
		}
	}
	return KITH_OK;
}

/*
** A sync killed after its push: the first new entry is this replica's own
** outbox, already in the log. Finish that sync (the entry counts as
** applied, the outbox row goes); *skip says how many entries that took.
*/
static enum kith_status
finish_pushed(struct kdb *db, uint32_t replica, const struct team_entry *e, size_t n,
	      size_t *skip, struct kith_err *err)
{
	void *first;
	size_t len;
	int64_t id;
	enum kith_status rc;

	*skip = 0;
	if (!n || e[0].replica != replica)
		return KITH_OK;
	if ((rc = kdb_outbox_first(db, &first, &len, &id, err)))
		return rc;
	if (first && len == e[0].len && !memcmp(first, e[0].data, len)) {
		rc = kdb_sync_done(db, e[0].seq, id, err);
		*skip = 1;
	}
	free(first);
	return rc;
}

/* The team's latest snapshot as a file (see kith/sync.h). */
static enum kith_status
snapshot_fetch(struct team *t, char **file, int64_t *upto, struct kith_err *err)
{
	char msg[1024] = "";
	int schema = 0, trc;

	*file = team_file(t, "snapshot.db");
	trc = team_snapshot_get(t, upto, &schema, *file, msg, sizeof msg);
	if (trc == TEAM_OK && schema <= kdb_schema_version())
		return KITH_OK;
	unlink(*file);
	free(*file);
	*file = NULL;
	if (trc == TEAM_NONE)
		return KITH_OK;
	if (trc == TEAM_ERR)
		return team_err(err, msg);
	return kith_err_set(err, KITH_VERSION, "the team's snapshot of entry %lld was written by "
			    "a newer kith (schema %d; this kith knows %d): update kith, then "
			    "sync; nothing was changed", (long long)*upto, schema,
			    kdb_schema_version());
}

enum kith_status
sync_snapshot_fetch(const char *dbpath, char **file, int64_t *upto, struct kith_err *err)
{
	struct team *t = NULL;
	char msg[1024] = "";
	enum kith_status rc;
	int trc = team_open(dbpath, &t, msg, sizeof msg);

	*file = NULL;
	*upto = 0;
	if (trc == TEAM_NONE)
		return kith_err_set(err, KITH_NOTFOUND, "%s is in no team", dbpath);
	if (trc != TEAM_OK || team_lock(t, msg, sizeof msg) != TEAM_OK ||
	    team_fetch(t, msg, sizeof msg) != TEAM_OK)
		rc = team_err(err, msg);
	else
		rc = snapshot_fetch(t, file, upto, err);
	team_close(t);
	return rc;
}

/*
** A replica that never synced starts from the team's latest snapshot,
** copied into its database (kdb_snapshot_adopt); *applied its entry. No
** snapshot: from entry 1.
*/
static enum kith_status
start_from_snapshot(struct kdb *db, struct team *t, int64_t *applied, struct kith_err *err)
{
	char *file;
	int64_t upto = 0;
	enum kith_status rc = snapshot_fetch(t, &file, &upto, err);

	if (rc || !file)
		return rc;
	if (!(rc = kdb_snapshot_adopt(db, file, upto, err)))
		*applied = upto;
	unlink(file);
	free(file);
	return rc;
}

static enum kith_status
sync_once(struct kdb *db, struct team *t, uint32_t replica, const char *author,
	  struct sync_result *out, bool *again, struct kith_err *err)
{
	struct kdb_sync_state st;
	struct kdb_sync_out so;
	struct team_entry *e = NULL, mine;
	struct kdb_entry *remote;
	char msg[1024] = "";
	size_t n = 0, nr = 0, skip = 0;
	int64_t head, seq = 0;
	enum kith_status rc;
	int trc;

	*again = false;
	if (team_fetch(t, msg, sizeof msg) != TEAM_OK)
		return team_err(err, msg);
	team_test_pause("fetched");
	head = team_head(t);
	if ((rc = kdb_sync_state(db, &st, err)))
		return rc;
	if (st.applied > head)
		return kith_err_set(err, KITH_CONFLICT, "the team's log has %lld entries but this "
				    "replica applied %lld: is this the team's remote? nothing was "
				    "changed", (long long)head, (long long)st.applied);
	if (!st.started && (rc = start_from_snapshot(db, t, &st.applied, err)))
		return rc;
	if ((rc = read_entries(t, st.applied + 1, head, &e, &n, err)) ||
	    (rc = finish_pushed(db, replica, e, n, &skip, err))) {
		entries_free(e, n);
		return rc;
	}
	remote = xcalloc(n + 1, sizeof *remote);
	for (size_t i = skip; i < n; i++)
		remote[nr++] = (struct kdb_entry){ e[i].seq, e[i].replica, e[i].author,
						   e[i].data, e[i].len };
	rc = kdb_sync_apply(db, remote, nr, &so, err);
	free(remote);
	entries_free(e, n);
	if (rc)
		return rc;
	team_test_pause("applied");
	out->applied += (int64_t)nr;
	out->conflicts += so.conflicts;
	out->reported += so.reported;
	if (!so.mine)
		return kdb_sync_done(db, head, so.outbox_upto, err);
	memset(&mine, 0, sizeof mine);
	mine.replica = replica;
	mine.schema = kdb_schema_version();
	mine.time = (int64_t)time(NULL);
	snprintf(mine.author, sizeof mine.author, "%s", author);
	mine.data = so.mine;
	mine.len = so.mine_len;
	trc = team_append(t, &mine, &seq, msg, sizeof msg);
	free(so.mine);
	if (trc == TEAM_RACE) {
		/* the outbox is now that one entry, over the log as fetched: again */
		out->retries++;
		*again = true;
		return KITH_OK;
	}
	if (trc != TEAM_OK)
		return team_err(err, msg);
	out->pushed = seq;
	team_test_pause("pushed");
	return kdb_sync_done(db, seq, so.outbox_upto, err);
}

/* A snapshot after this many entries (KITH_TEAM_SNAPSHOT_EVERY: a test's few). */
#define SNAP_EVERY 1000
/* ... or this many bytes of entries, when the snapshot is smaller. */
#define SNAP_MIN_BYTES (8 << 20)

/*
** Is a snapshot due? After SNAP_EVERY entries, unless they are small
** beside the snapshot (each one costs every member its download), or once
** the entries since the last one weigh as much as it does.
*/
static bool
snapshot_due(struct team *t)
{
	const char *env = getenv("KITH_TEAM_SNAPSHOT_EVERY");
	int64_t n, every = env && *env ? strtoll(env, NULL, 10) : 0;
	uint64_t bytes, snap;

	team_since_snapshot(t, &n, &bytes, &snap);
	if (every > 0)
		return n >= every;
	return (n >= SNAP_EVERY && bytes * 8 >= snap) || (bytes >= snap && bytes >= SNAP_MIN_BYTES);
}

/*
** After a sync: when a snapshot is due, this replica writes one (its
** database as of the entry it just applied) and compacts the log. Skipped
** while local changes wait, and when someone appended first (the next
** sync sees to it); a failure is said but the sync stands.
*/
static void
auto_snapshot(struct kdb *db, struct team *t, struct sync_result *out)
{
	struct kith_err err = { 0 };
	char msg[1024] = "", *file;
	int64_t upto = 0;
	int trc = TEAM_OK;

	team_test_pause("synced");
	if (!snapshot_due(t))
		return;
	file = team_file(t, "snapshot-new.db");
	if (kdb_snapshot_file(db, file, &upto, &err) == KITH_OK) {
		team_test_pause("snapshot-made");
		if (upto > team_snapshot_at(t) && upto <= team_head(t))
			trc = team_snapshot_put(t, upto, kdb_schema_version(), file, msg, sizeof msg);
		else
			upto = 0;
		if (trc == TEAM_OK)
			out->snapshot = upto;
		else if (trc == TEAM_ERR)
			snprintf(out->note, sizeof out->note, "the snapshot was not written: %.400s", msg);
	} else if (err.code != KITH_BUSY) {
		snprintf(out->note, sizeof out->note, "the snapshot was not made: %.400s", err.msg);
	}
	unlink(file);
	free(file);
}

enum kith_status
sync_run(struct kdb *db, const char *dbpath, struct sync_result *out, struct kith_err *err)
{
	struct team *t = NULL;
	char msg[1024] = "", *author = NULL;
	uint32_t replica;
	enum kith_status rc;
	bool again = true;
	int trc;

	memset(out, 0, sizeof *out);
	trc = team_open(dbpath, &t, msg, sizeof msg);
	if (trc == TEAM_NONE)
		return kith_err_set(err, KITH_NOTFOUND, "%s is in no team (kith team init or "
				    "kith team join)", dbpath);
	if (trc != TEAM_OK)
		return team_err(err, msg);
	if ((rc = kdb_replica_get(db, &replica, &author, err)))
		goto out;
	if (!replica) {
		rc = kith_err_set(err, KITH_NOTFOUND, "%s has no replica number (join the team "
				  "again with kith team join)", dbpath);
		goto out;
	}
	if (team_lock(t, msg, sizeof msg) != TEAM_OK) {
		rc = team_err(err, msg);
		goto out;
	}
	for (int i = 0; i < SYNC_TRIES && again && !rc; i++)
		rc = sync_once(db, t, replica, author, out, &again, err);
	if (!rc && !again)
		auto_snapshot(db, t, out);
	if (!rc && again)
		rc = kith_err_set(err, KITH_BUSY, "others kept appending to the team's log (%d "
				  "tries); your changes are kept here: sync again", SYNC_TRIES);
out:
	free(author);
	team_close(t);
	return rc;
}

/* ---- the log ---------------------------------------------------------------------- */

struct summary {
	struct strbuf sb;
};

static void
summary_add(void *ud, const char *table, int added, int changed, int deleted)
{
	struct summary *s = ud;
	const int n[3] = { added, changed, deleted };
	static const char *const verb[3] = { "added", "changed", "deleted" };

	for (int i = 0; i < 3; i++) {
		if (!n[i])
			continue;
		sb_printf(&s->sb, "%s%s %d %s", s->sb.len ? ", " : "", verb[i], n[i],
			  kdb_shared_noun(table, n[i]));
	}
}

enum kith_status
sync_log(const char *dbpath, sync_log_fn fn, void *ud, struct kith_err *err)
{
	struct team *t = NULL;
	char msg[1024] = "";
	int trc = team_open(dbpath, &t, msg, sizeof msg);
	enum kith_status rc = KITH_OK;

	if (trc == TEAM_NONE)
		return kith_err_set(err, KITH_NOTFOUND, "%s is in no team (kith team init or "
				    "kith team join)", dbpath);
	if (trc != TEAM_OK)
		return team_err(err, msg);
	if (team_fetch(t, msg, sizeof msg) != TEAM_OK) {
		team_close(t);
		return team_err(err, msg);
	}
	for (int64_t s = 1; s <= team_head(t) && !rc; s++) {
		struct team_entry e;
		struct summary sum = { { 0 } };

		if (team_read(t, s, &e, msg, sizeof msg) != TEAM_OK) {
			/* compacted before this clone's history began: the snapshot holds it */
			if (s <= team_snapshot_at(t)) {
				s = team_snapshot_at(t);
				continue;
			}
			rc = team_err(err, msg);
			break;
		}
		rc = kdb_change_summary(e.data, e.len, summary_add, &sum, err);
		if (!rc)
			fn(ud, e.seq, e.author, e.time, sum.sb.len ? sum.sb.buf : "no change");
		sb_free(&sum.sb);
		team_entry_free(&e);
	}
	team_close(t);
	return rc;
}
