/*
 * placement.c: placements of contacts and organisations on power maps and
 * their move history (see kith/powermap.h).
 *
 * Every change of a placement writes a placement_move row in the same
 * transaction: placed (from_* NULL), moved, removed (to_* NULL). A map as
 * of a date is the latest move per entity at or before that time, leaving
 * out the entities whose latest move removed them.
 */
#include "ent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/powermap.h"
#include "kith/str.h"

/* The entity a placement is about, for messages: "contact #3" or "organisation #2". */
static void
who(char out[48], int64_t contact_id, int64_t org_id)
{
	if (contact_id)
		snprintf(out, 48, "contact #%lld", (long long)contact_id);
	else
		snprintf(out, 48, "organisation #%lld", (long long)org_id);
}

static enum kith_status
pl_check_entity(int64_t contact_id, int64_t org_id, struct kith_err *err)
{
	if ((contact_id != 0) == (org_id != 0))
		return kith_err_set(err, KITH_INVALID,
				    "placement: needs a contact or an organisation (exactly one)");
	return KITH_OK;
}

static enum kith_status
pl_check_refs(struct kdb *db, int64_t map_id, int64_t contact_id, int64_t org_id,
	      struct kith_err *err)
{
	enum kith_status rc;

	if ((rc = ent_map_exists(db, map_id, err)))
		return rc;
	if (contact_id)
		return ent_contact_exists(db, contact_id, err);
	return ent_org_exists(db, org_id, err);
}

struct pl_current {
	int64_t id;                 /* 0: not placed */
	int influence, alignment;
};

/* The entity's placement on the map, if any (uses the partial unique indexes). */
static enum kith_status
pl_lookup(struct kdb *db, int64_t map_id, int64_t contact_id, int64_t org_id,
	  struct pl_current *cur, struct kith_err *err)
{
	static const char q_contact[] =
		"SELECT id, influence, alignment FROM placement WHERE map_id = ? AND contact_id = ?";
	static const char q_org[] =
		"SELECT id, influence, alignment FROM placement WHERE map_id = ? AND org_id = ?";
	sqlite3_stmt *st = db_stmt(db, contact_id ? q_contact : q_org, err);
	int rc;

	memset(cur, 0, sizeof *cur);
	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, map_id);
	sqlite3_bind_int64(st, 2, contact_id ? contact_id : org_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cur->id = sqlite3_column_int64(st, 0);
		cur->influence = sqlite3_column_int(st, 1);
		cur->alignment = sqlite3_column_int(st, 2);
	}
	return ent_finish(db, st, rc, "placement", err);
}

/* Record a move; from (or to) influence 0 means NULL: placed (or removed). */
static enum kith_status
pl_move(struct kdb *db, int64_t map_id, int64_t contact_id, int64_t org_id, const char *at,
	int from_inf, int from_al, int to_inf, int to_al, const char *reason,
	struct kith_err *err)
{
	static const char sql[] =
		"INSERT INTO placement_move(map_id, contact_id, org_id, at, from_influence, "
		"from_alignment, to_influence, to_alignment, reason) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = db_stmt(db, sql, err);

	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, map_id);
	db_bind_id(st, 2, contact_id);
	db_bind_id(st, 3, org_id);
	db_bind_text(st, 4, at);
	if (from_inf) {
		sqlite3_bind_int(st, 5, from_inf);
		sqlite3_bind_int(st, 6, from_al);
	}
	if (to_inf) {
		sqlite3_bind_int(st, 7, to_inf);
		sqlite3_bind_int(st, 8, to_al);
	}
	db_bind_text(st, 9, reason);
	return db_step_done(db, st, err, "placement history");
}

enum kith_status
placement_set(struct kdb *db, int64_t map_id, int64_t contact_id, int64_t org_id,
	      int influence, int alignment, const char *note, const char *reason,
	      struct kith_err *err)
{
	static const char q_insert[] =
		"INSERT INTO placement(map_id, contact_id, org_id, influence, alignment, note, "
		"assessed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	static const char q_update[] =
		"UPDATE placement SET influence = ?4, alignment = ?5, note = ?6, assessed_at = ?7 "
		"WHERE id = ?8";
	struct pl_current cur;
	sqlite3_stmt *st;
	enum kith_status rc;
	char now[20];

	if (db_check_text("note", note, err) || db_check_text("reason", reason, err) ||
	    pl_check_entity(contact_id, org_id, err))
		return KITH_INVALID;
	if (influence < 1 || influence > 5)
		return kith_err_set(err, KITH_INVALID, "influence %d: must be 1 to 5", influence);
	if (alignment < -2 || alignment > 2)
		return kith_err_set(err, KITH_INVALID, "alignment %d: must be -2 to +2", alignment);
	if ((rc = db_write_begin(db, err)))
		return rc;
	if ((rc = pl_check_refs(db, map_id, contact_id, org_id, err)) ||
	    (rc = pl_lookup(db, map_id, contact_id, org_id, &cur, err)))
		return db_write_fail(db, err, rc);
	if (!(st = db_stmt(db, cur.id ? q_update : q_insert, err)))
		return db_write_fail(db, err, KITH_DB);
	db_now(now);
	sqlite3_bind_int64(st, 1, map_id);
	db_bind_id(st, 2, contact_id);
	db_bind_id(st, 3, org_id);
	sqlite3_bind_int(st, 4, influence);
	sqlite3_bind_int(st, 5, alignment);
	db_bind_text(st, 6, note);
	db_bind_text(st, 7, now);
	if (cur.id)
		sqlite3_bind_int64(st, 8, cur.id);
	if ((rc = db_step_done(db, st, err, "placement")))
		return db_write_fail(db, err, rc);
	/* Same cell: only the note and the assessment time change; no move. */
	if (!cur.id || cur.influence != influence || cur.alignment != alignment) {
		rc = pl_move(db, map_id, contact_id, org_id, now, cur.influence, cur.alignment,
			     influence, alignment, reason, err);
		if (rc)
			return db_write_fail(db, err, rc);
	}
	return db_write_end(db, err);
}

enum kith_status
placement_remove(struct kdb *db, int64_t map_id, int64_t contact_id, int64_t org_id,
		 const char *reason, struct kith_err *err)
{
	static const char sql[] = "DELETE FROM placement WHERE id = ?";
	struct pl_current cur;
	sqlite3_stmt *st;
	enum kith_status rc;
	char now[20], w[48];

	if (db_check_text("reason", reason, err) || pl_check_entity(contact_id, org_id, err))
		return KITH_INVALID;
	if ((rc = db_write_begin(db, err)))
		return rc;
	if ((rc = pl_check_refs(db, map_id, contact_id, org_id, err)) ||
	    (rc = pl_lookup(db, map_id, contact_id, org_id, &cur, err)))
		return db_write_fail(db, err, rc);
	if (!cur.id) {
		who(w, contact_id, org_id);
		kith_err_set(err, KITH_NOTFOUND, "%s: not on map #%lld", w, (long long)map_id);
		return db_write_fail(db, err, KITH_NOTFOUND);
	}
	if (!(st = db_stmt(db, sql, err)))
		return db_write_fail(db, err, KITH_DB);
	sqlite3_bind_int64(st, 1, cur.id);
	if ((rc = db_step_done(db, st, err, "placement")))
		return db_write_fail(db, err, rc);
	db_now(now);
	if ((rc = pl_move(db, map_id, contact_id, org_id, now, cur.influence, cur.alignment, 0, 0,
			  reason, err)))
		return db_write_fail(db, err, rc);
	return db_write_end(db, err);
}

/* ---- reading ------------------------------------------------------------------- */

/* Target flags and names for a row whose entity columns are x.contact_id, x.org_id. */
#define PL_TAIL \
	"coalesce(c.display_name, o.name, ''), " \
	"x.contact_id IS NOT NULL AND (x.contact_id IS m.primary_target_id OR EXISTS " \
	"  (SELECT 1 FROM map_target t WHERE t.map_id = m.id AND t.contact_id = x.contact_id)), " \
	"x.contact_id IS NOT NULL AND x.contact_id IS m.primary_target_id "
/* The folded name and the contact's own influence and stance (0 for an organisation). */
#define PL_OWN "coalesce(c.name_key, o.name_key, ''), coalesce(c.influence, 0), " \
	"coalesce(c.alignment, 0)"
#define PL_JOINS \
	"JOIN power_map m ON m.id = x.map_id " \
	"LEFT JOIN contact c ON c.id = x.contact_id " \
	"LEFT JOIN organisation o ON o.id = x.org_id "

enum kith_status
placement_list(struct kdb *db, int64_t map_id, const char *as_of, placement_row_fn fn, void *ud,
	       struct kith_err *err)
{
	static const char q_now[] =
		"SELECT x.id, x.contact_id, x.org_id, " PL_TAIL ", x.influence, x.alignment, x.note, "
		"x.assessed_at, " PL_OWN " FROM placement x " PL_JOINS "WHERE x.map_id = ?1 "
		"ORDER BY x.influence DESC, x.alignment, coalesce(c.name_key, o.name_key), x.id";
	static const char q_as_of[] =
		"WITH last AS (SELECT mv.*, row_number() OVER (PARTITION BY mv.contact_id, mv.org_id "
		"  ORDER BY mv.at DESC, mv.id DESC) AS rn "
		"  FROM placement_move mv WHERE mv.map_id = ?1 AND mv.at <= ?2) "
		"SELECT 0, x.contact_id, x.org_id, " PL_TAIL ", x.to_influence, x.to_alignment, '', "
		"x.at, " PL_OWN " FROM last x " PL_JOINS "WHERE x.rn = 1 AND x.to_influence IS NOT NULL "
		"ORDER BY x.to_influence DESC, x.to_alignment, coalesce(c.name_key, o.name_key), "
		"x.contact_id, x.org_id";
	char when[KDATETIME_STR], bound[32];
	bool has_time = false;
	sqlite3_stmt *st;
	enum kith_status s;
	int rc;

	if (!str_empty(as_of)) {
		if (ent_norm_when("as of", as_of, when, &has_time, err))
			return KITH_INVALID;
		/* Up to the end of the given minute or day. */
		snprintf(bound, sizeof bound, "%s%s", when, has_time ? ":59" : " 23:59:59");
	}
	if ((s = ent_map_exists(db, map_id, err)))
		return s;
	if (!(st = db_stmt(db, str_empty(as_of) ? q_now : q_as_of, err)))
		return KITH_DB;
	sqlite3_bind_int64(st, 1, map_id);
	if (!str_empty(as_of))
		db_bind_text(st, 2, bound);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct placement_row r;
		r.id = sqlite3_column_int64(st, 0);
		r.contact_id = sqlite3_column_int64(st, 1);
		r.org_id = sqlite3_column_int64(st, 2);
		r.name = db_col_text(st, 3);
		r.is_target = sqlite3_column_int(st, 4) != 0;
		r.is_primary = sqlite3_column_int(st, 5) != 0;
		r.influence = sqlite3_column_int(st, 6);
		r.alignment = sqlite3_column_int(st, 7);
		r.note = db_col_text(st, 8);
		r.assessed_at = db_col_text(st, 9);
		r.name_key = db_col_text(st, 10);
		r.own_influence = sqlite3_column_int(st, 11);
		r.own_alignment = sqlite3_column_int(st, 12);
		if (fn(ud, &r))
			break;
	}
	return ent_finish(db, st, rc, "placements", err);
}

#define PM_COLS \
	"SELECT x.contact_id, x.org_id, coalesce(c.display_name, o.name, ''), x.at, " \
	"x.from_influence, x.from_alignment, x.to_influence, x.to_alignment, " \
	"x.from_influence IS NULL, x.to_influence IS NULL, x.reason " \
	"FROM placement_move x LEFT JOIN contact c ON c.id = x.contact_id " \
	"LEFT JOIN organisation o ON o.id = x.org_id "

static enum kith_status pm_rows(struct kdb *db, sqlite3_stmt *st, placement_move_fn fn, void *ud,
				struct kith_err *err);

enum kith_status
placement_moves(struct kdb *db, int64_t map_id, const char *since, placement_move_fn fn,
		void *ud, struct kith_err *err)
{
	static const char sql[] = PM_COLS "WHERE x.map_id = ?1 AND x.at >= ?2 ORDER BY x.at, x.id";
	char when[KDATETIME_STR];
	sqlite3_stmt *st;
	enum kith_status s;

	when[0] = '\0';
	if (!str_empty(since) && ent_norm_when("since", since, when, NULL, err))
		return KITH_INVALID;
	if ((s = ent_map_exists(db, map_id, err)))
		return s;
	if (!(st = db_stmt(db, sql, err)))
		return KITH_DB;
	sqlite3_bind_int64(st, 1, map_id);
	db_bind_text(st, 2, when);
	return pm_rows(db, st, fn, ud, err);
}

enum kith_status
placement_history(struct kdb *db, int64_t map_id, int64_t contact_id, int64_t org_id,
		  placement_move_fn fn, void *ud, struct kith_err *err)
{
	/* placement_move_by_contact / _by_org: an entity's moves, not the map's */
	static const char by_contact[] = PM_COLS
		"WHERE x.contact_id = ?2 AND x.map_id = ?1 ORDER BY x.at, x.id";
	static const char by_org[] = PM_COLS
		"WHERE x.org_id = ?2 AND x.map_id = ?1 ORDER BY x.at, x.id";
	sqlite3_stmt *st;
	enum kith_status s;

	if ((s = pl_check_entity(contact_id, org_id, err)))
		return s;
	if (!(st = db_stmt(db, contact_id ? by_contact : by_org, err)))
		return KITH_DB;
	sqlite3_bind_int64(st, 1, map_id);
	sqlite3_bind_int64(st, 2, contact_id ? contact_id : org_id);
	return pm_rows(db, st, fn, ud, err);
}

static enum kith_status
pm_rows(struct kdb *db, sqlite3_stmt *st, placement_move_fn fn, void *ud, struct kith_err *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct placement_move_row r;
		r.contact_id = sqlite3_column_int64(st, 0);
		r.org_id = sqlite3_column_int64(st, 1);
		r.name = db_col_text(st, 2);
		r.at = db_col_text(st, 3);
		r.from_influence = sqlite3_column_int(st, 4);
		r.from_alignment = sqlite3_column_int(st, 5);
		r.to_influence = sqlite3_column_int(st, 6);
		r.to_alignment = sqlite3_column_int(st, 7);
		r.placed = sqlite3_column_int(st, 8) != 0;
		r.removed = sqlite3_column_int(st, 9) != 0;
		r.reason = db_col_text(st, 10);
		if (fn(ud, &r))
			break;
	}
	return ent_finish(db, st, rc, "placement history", err);
}

enum kith_status
placement_move_reason(struct kdb *db, int64_t map_id, int64_t contact_id, int64_t org_id,
		      const char *reason, struct kith_err *err)
{
	/* the newest move of that entity on that map: placement_move_by_contact / _by_org */
	static const char sql[] =
		"UPDATE placement_move SET reason = ?4 WHERE id = (SELECT max(id) FROM placement_move "
		" WHERE map_id = ?1 AND contact_id IS ?2 AND org_id IS ?3)";
	sqlite3_stmt *st;
	enum kith_status rc;

	if ((rc = pl_check_entity(contact_id, org_id, err)) ||
	    (rc = db_check_text("reason", reason, err)))
		return rc;
	if ((rc = db_write_begin(db, err)))
		return rc;
	if (!(st = db_stmt(db, sql, err)))
		return db_write_fail(db, err, KITH_DB);
	sqlite3_bind_int64(st, 1, map_id);
	db_bind_id(st, 2, contact_id);
	db_bind_id(st, 3, org_id);
	db_bind_text(st, 4, reason);
	if ((rc = db_step_done(db, st, err, "placement history")))
		return db_write_fail(db, err, rc);
	if (sqlite3_changes(db->h) == 0) {
		kith_err_set(err, KITH_NOTFOUND, "no move of that entity on map #%lld",
			     (long long)map_id);
		return db_write_fail(db, err, KITH_NOTFOUND);
	}
	return db_write_end(db, err);
}

enum kith_status
placement_list_for_entity(struct kdb *db, int64_t contact_id, int64_t org_id,
			  map_position_fn fn, void *ud, struct kith_err *err)
{
	/* Each through its partial index (placement_by_contact, placement_by_org). */
	static const char q_contact[] =
		"SELECT x.map_id, m.name, x.influence, x.alignment, x.note, x.assessed_at, "
		"x.contact_id IS m.primary_target_id OR EXISTS (SELECT 1 FROM map_target t "
		"  WHERE t.map_id = m.id AND t.contact_id = x.contact_id), "
		"x.contact_id IS m.primary_target_id "
		"FROM placement x JOIN power_map m ON m.id = x.map_id "
		"WHERE x.contact_id = ?1 ORDER BY m.name COLLATE NOCASE, m.id";
	static const char q_org[] =
		"SELECT x.map_id, m.name, x.influence, x.alignment, x.note, x.assessed_at, 0, 0 "
		"FROM placement x JOIN power_map m ON m.id = x.map_id "
		"WHERE x.org_id = ?1 ORDER BY m.name COLLATE NOCASE, m.id";
	sqlite3_stmt *st;
	enum kith_status s;
	int rc;

	if ((s = pl_check_entity(contact_id, org_id, err)))
		return s;
	if ((s = contact_id ? ent_contact_exists(db, contact_id, err)
			    : ent_org_exists(db, org_id, err)))
		return s;
	if (!(st = db_stmt(db, contact_id ? q_contact : q_org, err)))
		return KITH_DB;
	sqlite3_bind_int64(st, 1, contact_id ? contact_id : org_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct map_position_row r;
		r.map_id = sqlite3_column_int64(st, 0);
		r.map_name = db_col_text(st, 1);
		r.influence = sqlite3_column_int(st, 2);
		r.alignment = sqlite3_column_int(st, 3);
		r.note = db_col_text(st, 4);
		r.assessed_at = db_col_text(st, 5);
		r.is_target = sqlite3_column_int(st, 6) != 0;
		r.is_primary = sqlite3_column_int(st, 7) != 0;
		if (fn(ud, &r))
			break;
	}
	return ent_finish(db, st, rc, "map positions", err);
}
