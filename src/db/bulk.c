/*
 * bulk.c: one change applied to many rows in one transaction (kith/bulk.h).
 *
 * Each writer opens one write level around a loop over the ids and calls
 * the single-row writer inside it, so the batch is one transaction and,
 * with recording on, one undo step. The rows' writers open no savepoint of
 * their own (the bulk flag, as an import does): the first row that fails
 * rolls the whole batch back, and its error names the row.
 */
#include "ent.h"

#include "kith/bulk.h"
#include "kith/contact.h"
#include "kith/event.h"
#include "kith/followup.h"
#include "kith/merge.h"
#include "kith/powermap.h"
#include "kith/str.h"
#include "kith/types.h"

/* From this many rows on, a batch runs with a large page cache. */
#define BULK_BIG 64

/* Follow-up id's status (enum kith_followup_status); KITH_NOTFOUND if there is none. */
static enum kith_status
followup_status(struct kdb *db, int64_t id, int *status, struct kith_err *err)
{
	struct kith_followup f;
	enum kith_status rc = followup_get(db, id, &f, err);

	if (rc)
		return rc;
	*status = f.status;
	followup_free(&f);
	return KITH_OK;
}

/*
** The loop every writer shares: begin, apply one(db, id, ctx, &counted)
** to each id, commit. Any failure rolls everything back.
*/
typedef enum kith_status (*bulk_one_fn)(struct kdb *db, int64_t id, const void *ctx, bool *counted,
					struct kith_err *err);

static enum kith_status
bulk_each(struct kdb *db, const int64_t *ids, size_t n, bulk_one_fn one, const void *ctx,
	  int *changed, struct kith_err *err)
{
	enum kith_status rc = KITH_OK;
	int count = 0;
	bool was_bulk = db->bulk;
	/* many rows: the import's large page cache, else the transaction's
	   pages spill to disk half-way (60 writes a row at 100,000 contacts) */
	bool big = n >= BULK_BIG && db->depth == 0 && !was_bulk;

	if (changed)
		*changed = 0;
	if (big && (rc = kdb_bulk_mode(db, true, err)))
		return rc;
	if ((rc = kdb_batch_begin(db, err))) {
		if (big)
			kdb_bulk_mode(db, false, NULL);
		return rc;
	}
	/* the rows' own writers open no savepoint each (FTS5 flushes its
	   pending terms at every one): a failure rolls back the whole batch */
	db->bulk = true;
	for (size_t i = 0; i < n; i++) {
		bool counted = false;
		if ((rc = one(db, ids[i], ctx, &counted, err)))
			break;
		count += counted;
	}
	db->bulk = was_bulk;
	rc = rc ? db_write_fail(db, err, rc) : db_write_end(db, err);
	if (big)
		kdb_bulk_mode(db, false, NULL);
	if (rc)
		return rc;
	if (changed)
		*changed = count;
	return KITH_OK;
}

/* bulk_each for rows joined to row `owner` of table kind (a map, an event): it must exist. */
static enum kith_status
bulk_each_on(struct kdb *db, enum ent_kind kind, int64_t owner, const int64_t *ids, size_t n,
	     bulk_one_fn one, const void *ctx, int *changed, struct kith_err *err)
{
	enum kith_status rc = ent_has(db, kind, owner, err);

	return rc ? rc : bulk_each(db, ids, n, one, ctx, changed, err);
}

/* ---- contacts ------------------------------------------------------------------ */

static enum kith_status
tag_one(struct kdb *db, int64_t id, const void *ctx, bool *counted, struct kith_err *err)
{
	const char *tag = ctx;
	enum kith_status rc = contact_tag_add(db, id, &tag, 1, err);

	/* its last statement links the tag: no row when the contact had it
	   already, and then the contact is not counted ("tagged 0 …") */
	*counted = rc == KITH_OK && sqlite3_changes(db->h) > 0;
	return rc;
}

enum kith_status
bulk_tag(struct kdb *db, const int64_t *ids, size_t n, const char *tag, int *changed,
	 struct kith_err *err)
{
	if (ent_require("tag", tag, err) || db_check_text("tag", tag, err))
		return KITH_INVALID;
	return bulk_each(db, ids, n, tag_one, tag, changed, err);
}

static enum kith_status
tier_one(struct kdb *db, int64_t id, const void *ctx, bool *counted, struct kith_err *err)
{
	static const char sql[] =
		"UPDATE contact SET tier = ?2, updated_at = ?3 WHERE id = ?1 AND tier IS NOT ?2";
	const char *tier = ctx;
	char now[20];
	sqlite3_stmt *st;
	enum kith_status rc;

	if ((rc = ent_has(db, ENT_CONTACT, id, err)))
		return rc;
	if (!(st = db_stmt(db, sql, err)))
		return KITH_DB;
	db_now(now);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text_null(st, 2, tier);
	db_bind_text(st, 3, now);
	if ((rc = db_step_done(db, st, err, "contact")))
		return rc;
	*counted = sqlite3_changes(db->h) > 0;     /* the tier it had already: not counted */
	return KITH_OK;
}

enum kith_status
bulk_tier(struct kdb *db, const int64_t *ids, size_t n, char tier, int *changed,
	  struct kith_err *err)
{
	char t[2] = { tier, 0 };

	if (tier && (tier < 'A' || tier > 'D'))
		return kith_err_set(err, KITH_INVALID, "tier %c: must be A, B, C or D",
				    tier > ' ' && tier < 127 ? tier : '?');
	return bulk_each(db, ids, n, tier_one, t, changed, err);
}

struct place_ctx {
	int64_t map_id;
	const char *reason;
};

static enum kith_status
place_one(struct kdb *db, int64_t id, const void *ctx, bool *counted, struct kith_err *err)
{
	static const char q_on[] = "SELECT 1 FROM placement WHERE map_id = ?1 AND contact_id = ?2";
	const struct place_ctx *pc = ctx;
	struct kith_contact c;
	enum kith_status rc;
	int64_t on;

	/* already on the map: nothing to do */
	if ((rc = db_int64(db, &on, q_on, "bulk", err, "ii", pc->map_id, id)) != KITH_NOTFOUND)
		return rc;
	if ((rc = contact_get(db, id, &c, err)))
		return rc;
	rc = placement_set(db, pc->map_id, id, 0, c.influence ? c.influence : 3, c.alignment,
			   NULL, pc->reason, err);
	contact_free(&c);
	*counted = rc == KITH_OK;
	return rc;
}

enum kith_status
bulk_place(struct kdb *db, int64_t map_id, const int64_t *ids, size_t n, const char *reason,
	   int *changed, struct kith_err *err)
{
	struct place_ctx pc = { map_id, reason };

	return bulk_each_on(db, ENT_MAP, map_id, ids, n, place_one, &pc, changed, err);
}

static enum kith_status
invite_one(struct kdb *db, int64_t id, const void *ctx, bool *counted, struct kith_err *err)
{
	static const char q_at[] = "SELECT 1 FROM attendance WHERE event_id = ?1 AND contact_id = ?2";
	const int64_t *event_id = ctx;
	enum kith_status rc;
	int64_t at;

	/* already on the event: nothing to do */
	if ((rc = db_int64(db, &at, q_at, "bulk", err, "ii", *event_id, id)) != KITH_NOTFOUND)
		return rc;
	rc = attendance_set(db, *event_id, id, KITH_AROLE_ATTENDEE, KITH_ASTATUS_INVITED, err);
	*counted = rc == KITH_OK;
	return rc;
}

enum kith_status
bulk_invite(struct kdb *db, int64_t event_id, const int64_t *ids, size_t n, int *changed,
	    struct kith_err *err)
{
	return bulk_each_on(db, ENT_EVENT, event_id, ids, n, invite_one, &event_id, changed, err);
}

/* ---- follow-ups --------------------------------------------------------------- */

static enum kith_status
done_one(struct kdb *db, int64_t id, const void *ctx, bool *counted, struct kith_err *err)
{
	enum kith_status rc;
	int status;

	(void)ctx;
	if ((rc = followup_status(db, id, &status, err)) || status != KITH_FSTATUS_OPEN)
		return rc;
	rc = followup_done(db, id, err);
	*counted = rc == KITH_OK;
	return rc;
}

enum kith_status
bulk_followup_done(struct kdb *db, const int64_t *ids, size_t n, int *changed,
		   struct kith_err *err)
{
	return bulk_each(db, ids, n, done_one, NULL, changed, err);
}

struct snooze_ctx {
	const char *due, *reason;
};

static enum kith_status
snooze_one(struct kdb *db, int64_t id, const void *ctx, bool *counted, struct kith_err *err)
{
	const struct snooze_ctx *sc = ctx;
	enum kith_status rc;
	int status;

	if ((rc = followup_status(db, id, &status, err)) || status != KITH_FSTATUS_OPEN)
		return rc;
	rc = followup_snooze(db, id, sc->due, sc->reason, err);
	*counted = rc == KITH_OK;
	return rc;
}

enum kith_status
bulk_followup_snooze(struct kdb *db, const int64_t *ids, size_t n, const char *due,
		     const char *reason, int *changed, struct kith_err *err)
{
	struct snooze_ctx sc = { due, reason };

	if (str_empty(due))
		return kith_err_set(err, KITH_INVALID, "due: a date is needed to snooze to");
	if (ent_check_date("due", due, err) || db_check_text("reason", reason, err))
		return KITH_INVALID;
	return bulk_each(db, ids, n, snooze_one, &sc, changed, err);
}

/* ---- delete ------------------------------------------------------------------- */

static enum kith_status
delete_one(struct kdb *db, int64_t id, const void *ctx, bool *counted, struct kith_err *err)
{
	const enum bulk_kind *kind = ctx;
	enum kith_status rc;

	switch (*kind) {
	case BULK_CONTACT:  rc = contact_delete(db, id, err); break;
	case BULK_EVENT:    rc = event_delete(db, id, err); break;
	case BULK_FOLLOWUP: rc = followup_delete(db, id, err); break;
	default:            rc = kith_err_set(err, KITH_INVALID, "bulk delete: unknown kind");
	}
	*counted = rc == KITH_OK;
	return rc;
}

enum kith_status
bulk_delete(struct kdb *db, enum bulk_kind kind, const int64_t *ids, size_t n, int *changed,
	    struct kith_err *err)
{
	return bulk_each(db, ids, n, delete_one, &kind, changed, err);
}
