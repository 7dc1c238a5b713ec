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

	if ((rc = ent_has(db, ENT_MAP, map_id, err)))
		return rc;
	if (contact_id)
		return ent_has(db, ENT_CONTACT, contact_id, err);
	return ent_has(db, ENT_ORG, org_id, err);
}

struct pl_current {
	int64_t id;                 /* 0: not placed */
	int influence, alignment;
};
#define DB_ROW struct pl_current
DB_TABLE(pl_cur_f, pl_cur_fields,
	DB_C(I64, id), DB_C(INT, influence), DB_C(INT, alignment));
#undef DB_ROW

/* The entity's placement on the map, if any (uses the partial unique indexes). */
static enum kith_status
pl_lookup(struct kdb *db, int64_t map_id, int64_t contact_id, int64_t org_id,
	  struct pl_current *cur, struct kith_err *err)
{
	static const char q_contact[] =
		"SELECT id, influence, alignment FROM placement WHERE map_id = ? AND contact_id = ?";
	static const char q_org[] =
		"SELECT id, influence, alignment FROM placement WHERE map_id = ? AND org_id = ?";
	sqlite3_stmt *st = db_query(db, contact_id ? q_contact : q_org, err, "ii", map_id,
				    contact_id ? contact_id : org_id);

	memset(cur, 0, sizeof *cur);
	return st ? ent_finish(db, st, db_next(st, &pl_cur_fields, cur), "placement", err) : KITH_DB;
}

/* A placement written (influence 1..5) or removed (influence 0), with its reason. */
struct pl_w {
	int64_t map_id, contact_id, org_id;
	int influence, alignment;
	const char *note, *reason;
};

/* Record the move from cur to x; an influence 0 is NULL: placed (or removed). */
static enum kith_status
pl_move(struct kdb *db, const struct pl_w *x, const struct pl_current *cur, const char *at,
	struct kith_err *err)
{
	static const char sql[] =
		"INSERT INTO placement_move(map_id, contact_id, org_id, at, from_influence, "
		"from_alignment, to_influence, to_alignment, reason, id) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, :key)";
	sqlite3_stmt *st = db_query(db, sql, err, "iIIt----t-", x->map_id, x->contact_id,
				    x->org_id, at, x->reason);

	if (!st)
		return KITH_DB;
	if (cur->influence)
		db_bindf(st, "----nn", cur->influence, cur->alignment);
	if (x->influence)
		db_bindf(st, "------nn", x->influence, x->alignment);
	return db_step_done(db, st, err, "placement history");
}

static enum kith_status
pl_write_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char q_insert[] =
		"INSERT INTO placement(map_id, contact_id, org_id, influence, alignment, note, "
		"assessed_at, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, :key)";
	static const char q_update[] =
		"UPDATE placement SET influence = ?4, alignment = ?5, note = ?6, assessed_at = ?7 "
		"WHERE id = ?8";
	static const char q_delete[] = "DELETE FROM placement WHERE id = ?";
	const struct pl_w *x = ctx;
	struct pl_current cur;
	enum kith_status rc;
	char now[20], w[48];

	if ((rc = pl_check_refs(db, x->map_id, x->contact_id, x->org_id, err)) ||
	    (rc = pl_lookup(db, x->map_id, x->contact_id, x->org_id, &cur, err)))
		return rc;
	db_now(now);
	if (!x->influence && !cur.id) {
		who(w, x->contact_id, x->org_id);
		return kith_err_set(err, KITH_NOTFOUND, "%s: not on map #%lld", w,
				    (long long)x->map_id);
	}
	if (!x->influence)
		rc = db_run(db, q_delete, "placement", err, "i", cur.id);
	else
		rc = db_run(db, cur.id ? q_update : q_insert, "placement", err,
			    cur.id ? "iIInntti" : "iIInntt-", x->map_id, x->contact_id, x->org_id,
			    x->influence, x->alignment, x->note, now, cur.id);
	if (rc)
		return rc;
	/* Same cell: only the note and the assessment time change; no move. */
	if (cur.id && cur.influence == x->influence && cur.alignment == x->alignment)
		return KITH_OK;
	return pl_move(db, x, &cur, now, err);
}

enum kith_status
placement_set(struct kdb *db, int64_t map_id, int64_t contact_id, int64_t org_id,
	      int influence, int alignment, const char *note, const char *reason,
	      struct kith_err *err)
{
	struct pl_w x = { map_id, contact_id, org_id, influence, alignment, note, reason };

	if (db_check_text("note", note, err) || db_check_text("reason", reason, err) ||
	    pl_check_entity(contact_id, org_id, err))
		return KITH_INVALID;
	if (ent_check_int("influence", influence, 1, 5, "must be 1 to 5", err) ||
	    ent_check_int("alignment", alignment, -2, 2, "must be -2 to +2", err))
		return KITH_INVALID;
	return db_write(db, pl_write_body, &x, err);
}

enum kith_status
placement_remove(struct kdb *db, int64_t map_id, int64_t contact_id, int64_t org_id,
		 const char *reason, struct kith_err *err)
{
	struct pl_w x = { map_id, contact_id, org_id, 0, 0, NULL, reason };

	if (db_check_text("reason", reason, err) || pl_check_entity(contact_id, org_id, err))
		return KITH_INVALID;
	return db_write(db, pl_write_body, &x, err);
}

/* ---- reading ------------------------------------------------------------------- */

/* Target flags and names for a row whose entity columns are x.contact_id, x.org_id. */
#define PL_TAIL \
	"coalesce(c.display_name, o.name, ''), " \
	"x.contact_id IS NOT NULL AND (x.contact_id IS m.primary_target_id OR EXISTS " \
	"  (SELECT 1 FROM map_target t WHERE t.map_id = m.id AND t.contact_id = x.contact_id)), " \
	"x.contact_id IS NOT NULL AND x.contact_id IS m.primary_target_id "
/* The folded name: the very term the rows are ordered by, so the sort carries it once. */
#define PL_KEY "coalesce(c.name_key, o.name_key)"
#define PL_JOINS \
	"JOIN power_map m ON m.id = x.map_id " \
	"LEFT JOIN contact c ON c.id = x.contact_id " \
	"LEFT JOIN organisation o ON o.id = x.org_id "

ENT_EMITTER(pl_emit, struct placement_row, placement_row_fn, "placements",
	DB_C(I64, id), DB_C(I64, contact_id), DB_C(I64, org_id), DB_C(TEXT, name),
	DB_C(BOOL, is_target), DB_C(BOOL, is_primary), DB_C(INT, influence), DB_C(INT, alignment),
	DB_C(TEXT, note), DB_C(TEXT, assessed_at), DB_C(TEXT, name_key))

enum kith_status
placement_list(struct kdb *db, int64_t map_id, const char *as_of, placement_row_fn fn, void *ud,
	       struct kith_err *err)
{
	static const char q_now[] =
		"SELECT x.id, x.contact_id, x.org_id, " PL_TAIL ", x.influence, x.alignment, x.note, "
		"x.assessed_at, " PL_KEY " FROM placement x " PL_JOINS "WHERE x.map_id = ?1 "
		"ORDER BY x.influence DESC, x.alignment, " PL_KEY ", x.id";
	static const char q_as_of[] =
		"WITH last AS (SELECT mv.*, row_number() OVER (PARTITION BY mv.contact_id, mv.org_id "
		"  ORDER BY mv.at DESC, mv.id DESC) AS rn "
		"  FROM placement_move mv WHERE mv.map_id = ?1 AND mv.at <= ?2) "
		"SELECT 0, x.contact_id, x.org_id, " PL_TAIL ", x.to_influence, x.to_alignment, '', "
		"x.at, " PL_KEY " FROM last x " PL_JOINS "WHERE x.rn = 1 AND x.to_influence IS NOT NULL "
		"ORDER BY x.to_influence DESC, x.to_alignment, " PL_KEY ", "
		"x.contact_id, x.org_id";
	char when[KDATETIME_STR], bound[32];
	bool has_time = false;
	enum kith_status s;

	if (!str_empty(as_of)) {
		if (ent_norm_when("as of", as_of, when, &has_time, err))
			return KITH_INVALID;
		/* Up to the end of the given minute or day. */
		snprintf(bound, sizeof bound, "%s%s", when, has_time ? ":59" : " 23:59:59");
	}
	if ((s = ent_has(db, ENT_MAP, map_id, err)))
		return s;
	if (str_empty(as_of))
		return pl_emit(db, db_query(db, q_now, err, "i", map_id), fn, ud, err);
	return pl_emit(db, db_query(db, q_as_of, err, "it", map_id, bound), fn, ud, err);
}

enum kith_status
placement_card_stance(struct kdb *db, int64_t contact_id, int *alignment, struct kith_err *err)
{
	int64_t v = 0;
	enum kith_status rc = db_int64(db, &v, "SELECT alignment FROM contact WHERE id = ?1",
				       "contact", err, "i", contact_id);

	*alignment = (int)v;
	if (rc == KITH_NOTFOUND)
		return kith_err_set(err, rc, "no contact #%lld", (long long)contact_id);
	return rc;
}

#define PM_COLS \
	"SELECT x.contact_id, x.org_id, coalesce(c.display_name, o.name, ''), x.at, " \
	"x.from_influence, x.from_alignment, x.to_influence, x.to_alignment, " \
	"x.from_influence IS NULL, x.to_influence IS NULL, x.reason, x.id " \
	"FROM placement_move x LEFT JOIN contact c ON c.id = x.contact_id " \
	"LEFT JOIN organisation o ON o.id = x.org_id "

ENT_EMITTER(pm_rows, struct placement_move_row, placement_move_fn, "placement history",
	DB_C(I64, contact_id), DB_C(I64, org_id), DB_C(TEXT, name), DB_C(TEXT, at),
	DB_C(INT, from_influence), DB_C(INT, from_alignment), DB_C(INT, to_influence),
	DB_C(INT, to_alignment), DB_C(BOOL, placed), DB_C(BOOL, removed), DB_C(TEXT, reason),
	DB_C(I64, id))

enum kith_status
placement_moves(struct kdb *db, int64_t map_id, const char *since, placement_move_fn fn,
		void *ud, struct kith_err *err)
{
	static const char sql[] = PM_COLS "WHERE x.map_id = ?1 AND x.at >= ?2 ORDER BY x.at, x.id";
	char when[KDATETIME_STR];
	enum kith_status s;

	when[0] = '\0';
	if (!str_empty(since) && ent_norm_when("since", since, when, NULL, err))
		return KITH_INVALID;
	if ((s = ent_has(db, ENT_MAP, map_id, err)))
		return s;
	return pm_rows(db, db_query(db, sql, err, "it", map_id, when), fn, ud, err);
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
	enum kith_status s;

	if ((s = pl_check_entity(contact_id, org_id, err)))
		return s;
	return pm_rows(db, db_query(db, contact_id ? by_contact : by_org, err, "ii", map_id,
				    contact_id ? contact_id : org_id), fn, ud, err);
}

struct pl_reason {
	int64_t map_id, contact_id, org_id;
	const char *reason;
};

static enum kith_status
pl_reason_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	/* the newest move of that entity on that map: placement_move_by_contact / _by_org */
	static const char sql[] =
		"UPDATE placement_move SET reason = ?4 WHERE id = (SELECT max(id) FROM placement_move "
		" WHERE map_id = ?1 AND contact_id IS ?2 AND org_id IS ?3)";
	const struct pl_reason *x = ctx;
	enum kith_status rc = db_run(db, sql, "placement history", err, "iIIt", x->map_id,
				     x->contact_id, x->org_id, x->reason);

	if (rc || sqlite3_changes(db->h))
		return rc;
	return kith_err_set(err, KITH_NOTFOUND, "no move of that entity on map #%lld",
			    (long long)x->map_id);
}

enum kith_status
placement_move_reason(struct kdb *db, int64_t map_id, int64_t contact_id, int64_t org_id,
		      const char *reason, struct kith_err *err)
{
	struct pl_reason x = { map_id, contact_id, org_id, reason };
	enum kith_status rc;

	if ((rc = pl_check_entity(contact_id, org_id, err)) ||
	    (rc = db_check_text("reason", reason, err)))
		return rc;
	return db_write(db, pl_reason_body, &x, err);
}

ENT_EMITTER(pos_emit, struct map_position_row, map_position_fn, "map positions",
	DB_C(I64, map_id), DB_C(TEXT, map_name), DB_C(INT, influence), DB_C(INT, alignment),
	DB_C(TEXT, note), DB_C(TEXT, assessed_at), DB_C(BOOL, is_target), DB_C(BOOL, is_primary))

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
	enum kith_status s;

	if ((s = pl_check_entity(contact_id, org_id, err)))
		return s;
	if ((s = contact_id ? ent_has(db, ENT_CONTACT, contact_id, err)
			    : ent_has(db, ENT_ORG, org_id, err)))
		return s;
	return pos_emit(db, db_query(db, contact_id ? q_contact : q_org, err, "i",
				     contact_id ? contact_id : org_id), fn, ud, err);
}
