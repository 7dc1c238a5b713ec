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

static enum kith_status
sync_once(struct kdb *db, struct team *t, uint32_t replica, const char *author,
	  struct sync_result *out, bool *again, struct kith_err *err)
{
	struct kdb_sync_state st;
	struct kdb_sync_out so;
	struct team_entry *e = NULL, mine;
	struct kdb_entry *remote;
	char msg[1024] = "";
	unsigned char *snap = NULL;
	size_t n = 0, nr = 0, skip = 0, snap_len = 0;
	int64_t head, seq = 0, snap_upto = 0;
	bool from_snap;
	enum kith_status rc;
	int trc;

	*again = false;
	if (team_fetch(t, msg, sizeof msg) != TEAM_OK)
		return team_err(err, msg);
	head = team_head(t);
	if ((rc = kdb_sync_state(db, &st, err)))
		return rc;
	if (st.applied > head)
		return kith_err_set(err, KITH_CONFLICT, "the team's log has %lld entries but this "
				    "replica applied %lld: is this the team's remote? nothing was "
				    "changed", (long long)head, (long long)st.applied);
	/* a replica that never synced starts from the latest snapshot */
	if (!st.started) {
		trc = team_snapshot_get(t, &snap_upto, &snap, &snap_len, msg, sizeof msg);
		if (trc == TEAM_ERR)
			return team_err(err, msg);
		if (trc == TEAM_OK)
			st.applied = snap_upto;
	}
	if ((rc = read_entries(t, st.applied + 1, head, &e, &n, err)) ||
	    (rc = finish_pushed(db, replica, e, n, &skip, err))) {
		entries_free(e, n);
		free(snap);
		return rc;
	}
	remote = xcalloc(n + 1, sizeof *remote);
	if (snap)
		remote[nr++] = (struct kdb_entry){ snap_upto, 0, "", snap, snap_len };
	from_snap = snap != NULL;
	for (size_t i = skip; i < n; i++)
		remote[nr++] = (struct kdb_entry){ e[i].seq, e[i].replica, e[i].author,
						   e[i].data, e[i].len };
	rc = kdb_sync_apply(db, remote, nr, &so, err);
	free(remote);
	free(snap);
	entries_free(e, n);
	if (rc)
		return rc;
	out->applied += (int64_t)(nr - (from_snap ? 1 : 0));
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
	return kdb_sync_done(db, seq, so.outbox_upto, err);
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
