/*
 * relationship.c: edges between two contacts or a contact and an
 * organisation (see kith/org.h).
 */
#include "ent.h"

#include <stdlib.h>
#include <string.h>

#include "kith/org.h"
#include "kith/str.h"
#include "kith/types.h"

void
relationship_free(struct kith_relationship *r)
{
	if (!r)
		return;
	free(r->start_date);
	free(r->end_date);
	free(r->note);
	free(r->source);
	memset(r, 0, sizeof *r);
}

static enum kith_status
rel_check_fields(const struct kith_relationship *r, struct kith_err *err)
{
	if (db_check_text("note", r->note, err) || db_check_text("source", r->source, err) ||
	    ent_check_date("start", r->start_date, err) || ent_check_date("end", r->end_date, err))
		return KITH_INVALID;
	if (r->type < 0 || r->type >= KITH_REL_COUNT_)
		return kith_err_set(err, KITH_INVALID, "relationship type %d: unknown", r->type);
	if (r->strength < 1 || r->strength > 3)
		return kith_err_set(err, KITH_INVALID, "strength %d: must be 1 to 3", r->strength);
	if ((r->b_id != 0) == (r->b_org_id != 0))
		return kith_err_set(err, KITH_INVALID,
				    "relationship: needs exactly one other side, a contact or an "
				    "organisation");
	if (r->b_id && r->b_id == r->a_id)
		return kith_err_set(err, KITH_INVALID,
				    "contact #%lld: cannot have a relationship with themselves",
				    (long long)r->a_id);
	if (!str_empty(r->start_date) && !str_empty(r->end_date) &&
	    strcmp(r->end_date, r->start_date) < 0)
		return kith_err_set(err, KITH_INVALID, "end %s: before the start %s", r->end_date,
				    r->start_date);
	return KITH_OK;
}

static enum kith_status
rel_check_refs(struct kdb *db, const void *row, int64_t id, struct kith_err *err)
{
	const struct kith_relationship *r = row;
	enum kith_status rc;

	(void)id;
	if ((rc = ent_contact_exists(db, r->a_id, err)))
		return rc;
	if (r->b_id && (rc = ent_contact_exists(db, r->b_id, err)))
		return rc;
	if (r->b_org_id && (rc = ent_org_exists(db, r->b_org_id, err)))
		return rc;
	return KITH_OK;
}

/* ?1..?9 the fields */
static void
rel_bind(sqlite3_stmt *st, const void *row)
{
	const struct kith_relationship *r = row;

	sqlite3_bind_int64(st, 1, r->a_id);
	db_bind_id(st, 2, r->b_id);
	db_bind_id(st, 3, r->b_org_id);
	sqlite3_bind_text(st, 4, kith_rel_type_name(r->type), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, r->strength);
	db_bind_text_null(st, 6, r->start_date);
	db_bind_text_null(st, 7, r->end_date);
	db_bind_text(st, 8, r->note);
	db_bind_text(st, 9, r->source);
}

static const struct ent_writer rel_writer = {
	.kind = ENT_RELATIONSHIP,
	.q_insert =
		"INSERT INTO relationship(a_id, b_id, b_org_id, type, strength, start_date, end_date, "
		"note, source, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, :now)",
	.q_update =
		"UPDATE relationship SET a_id = ?1, b_id = ?2, b_org_id = ?3, type = ?4, "
		"strength = ?5, start_date = ?6, end_date = ?7, note = ?8, source = ?9 "
		"WHERE id = :id",
	.check = rel_check_refs,
	.bind = rel_bind,
};

enum kith_status
relationship_add(struct kdb *db, const struct kith_relationship *r, int64_t *id_out,
		 struct kith_err *err)
{
	return rel_check_fields(r, err) ? KITH_INVALID : ent_add(db, &rel_writer, r, id_out, err);
}

enum kith_status
relationship_update(struct kdb *db, const struct kith_relationship *r, struct kith_err *err)
{
	return rel_check_fields(r, err) ? KITH_INVALID :
		ent_update(db, &rel_writer, r, r->id, err);
}

enum kith_status
relationship_end(struct kdb *db, int64_t id, const char *end_date, struct kith_err *err)
{
	static const char q_start[] =
		"SELECT coalesce(start_date, '') FROM relationship WHERE id = ?";
	static const char sql[] = "UPDATE relationship SET end_date = ?1 WHERE id = ?2";
	char today[KDATE_STR];
	sqlite3_stmt *st;
	enum kith_status rc;
	int step;

	if (str_empty(end_date)) {
		kdate_format(kdate_today(), today);
		end_date = today;
	} else if ((rc = ent_check_date("end", end_date, err))) {
		return rc;
	}
	if ((rc = db_write_begin(db, err)))
		return rc;
	if (!(st = db_stmt(db, q_start, err)))
		return db_write_fail(db, err, KITH_DB);
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step != SQLITE_ROW) {
		if (!(rc = ent_finish(db, st, step, "relationship", err)))
			rc = kith_err_set(err, KITH_NOTFOUND,
					  "relationship #%lld: no such relationship", (long long)id);
		return db_write_fail(db, err, rc);
	}
	if (*db_col_text(st, 0) && strcmp(end_date, db_col_text(st, 0)) < 0) {
		kith_err_set(err, KITH_INVALID, "end %s: before the start %s", end_date,
			     db_col_text(st, 0));
		sqlite3_reset(st);
		return db_write_fail(db, err, KITH_INVALID);
	}
	sqlite3_reset(st);
	if (!(st = db_stmt(db, sql, err)))
		return db_write_fail(db, err, KITH_DB);
	db_bind_text(st, 1, end_date);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = db_step_done(db, st, err, "relationship")))
		return db_write_fail(db, err, rc);
	return db_write_end(db, err);
}

enum kith_status
relationship_delete(struct kdb *db, int64_t id, struct kith_err *err)
{
	return ent_delete(db, ENT_RELATIONSHIP, id, err);
}

enum kith_status
relationship_get(struct kdb *db, int64_t id, struct kith_relationship *out, struct kith_err *err)
{
	static const char sql[] =
		"SELECT a_id, b_id, b_org_id, type, strength, start_date, end_date, note, source "
		"FROM relationship WHERE id = ?1";
	sqlite3_stmt *st;
	enum kith_status rc;

	memset(out, 0, sizeof *out);
	if ((rc = ent_row(db, sql, id, "relationship", &st, err)))
		return rc;
	out->id = id;
	out->a_id = sqlite3_column_int64(st, 0);
	out->b_id = sqlite3_column_int64(st, 1);
	out->b_org_id = sqlite3_column_int64(st, 2);
	out->type = kith_rel_type_parse(db_col_text(st, 3));
	if (out->type < 0)
		out->type = KITH_REL_GENERIC;
	out->strength = sqlite3_column_int(st, 4);
	out->start_date = db_col_dup(st, 5);
	out->end_date = db_col_dup(st, 6);
	out->note = db_col_dup(st, 7);
	out->source = db_col_dup(st, 8);
	sqlite3_reset(st);
	return KITH_OK;
}

/* Emit the rows of a relationship list (the columns of the two lists below). */
static enum kith_status
rel_emit(struct kdb *db, sqlite3_stmt *st, relationship_row_fn fn, void *ud,
	 struct kith_err *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct relationship_row r;
		r.id = sqlite3_column_int64(st, 0);
		r.other_id = sqlite3_column_int64(st, 1);
		r.other_org_id = sqlite3_column_int64(st, 2);
		r.other_name = db_col_text(st, 3);
		r.type = kith_rel_type_parse(db_col_text(st, 4));
		if (r.type < 0)
			r.type = KITH_REL_GENERIC;
		r.strength = sqlite3_column_int(st, 5);
		r.current = sqlite3_column_int(st, 6) != 0;
		r.start_date = db_col_text(st, 7);
		r.end_date = db_col_text(st, 8);
		r.note = db_col_text(st, 9);
		r.source = db_col_text(st, 10);
		r.other_last_at = db_col_text(st, 11);
		r.contact_id = sqlite3_column_count(st) > 12 ? sqlite3_column_int64(st, 12) : 0;
		if (fn(ud, &r))
			break;
	}
	return ent_finish(db, st, rc, "relationships", err);
}

/*
** The two lists of a contact's relationships: x is the contact's side of
** each (other_id, other_org_id: the other side); c, s and o the other's.
*/
#define REL_COLS \
	"SELECT x.id, x.other_id, x.other_org_id, " \
	"  coalesce(c.display_name, o.name, ''), x.type, x.strength, x.end_date IS NULL, " \
	"  coalesce(x.start_date, ''), coalesce(x.end_date, ''), x.note, x.source, " \
	"  coalesce(s.last_at, '') "
#define REL_OTHER \
	"LEFT JOIN contact c ON c.id = x.other_id " \
	"LEFT JOIN contact_stat s ON s.contact_id = x.other_id " \
	"LEFT JOIN organisation o ON o.id = x.other_org_id "
/* current first, strongest first, then by the other's name */
#define REL_ORDER \
	"x.end_date IS NOT NULL, x.end_date DESC, x.strength DESC, " \
	"coalesce(c.name_key, o.name_key), x.id"

enum kith_status
relationship_list_for_contact_top(struct kdb *db, int64_t contact_id, int limit,
				  relationship_row_fn fn, void *ud, struct kith_err *err)
{
	/*
	 * A hub may have a thousand relationships: pick the strongest current
	 * ones on the relationship table alone, then join names for those few.
	 */
	static const char sql[] =
		REL_COLS "FROM (SELECT * FROM (SELECT id, b_id AS other_id, b_org_id AS other_org_id, "
		"        type, strength, start_date, end_date, note, source FROM relationship "
		"        WHERE a_id = ?1 "
		"      UNION ALL "
		"      SELECT id, a_id, NULL, type, strength, start_date, end_date, note, source "
		"        FROM relationship WHERE b_id = ?1) "
		"      ORDER BY end_date IS NOT NULL, end_date DESC, strength DESC, id LIMIT ?2) x "
		REL_OTHER "ORDER BY " REL_ORDER;
	sqlite3_stmt *st = db_stmt(db, sql, err);

	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, contact_id);
	sqlite3_bind_int(st, 2, limit);
	return rel_emit(db, st, fn, ud, err);
}

enum kith_status
relationship_list_for_contact(struct kdb *db, int64_t contact_id, relationship_row_fn fn,
			      void *ud, struct kith_err *err)
{
	/* LIMIT -1 is no limit in SQLite: all of them, in the same order. */
	return relationship_list_for_contact_top(db, contact_id, -1, fn, ud, err);
}

enum kith_status
relationship_list_for_contacts(struct kdb *db, const int64_t *ids, size_t n,
			       relationship_row_fn fn, void *ud, struct kith_err *err)
{
	/* The query above for each id in turn (x.ord: its index in ids), in one statement. */
	static const char sql[] =
		REL_COLS ", x.self "
		"FROM (SELECT j.key AS ord, j.value AS self, r.id, r.b_id AS other_id, "
		"        r.b_org_id AS other_org_id, r.type, r.strength, r.start_date, r.end_date, "
		"        r.note, r.source "
		"        FROM json_each(?1) j CROSS JOIN relationship r ON r.a_id = j.value "
		"      UNION ALL "
		"      SELECT j.key, j.value, r.id, r.a_id, NULL, r.type, r.strength, r.start_date, "
		"        r.end_date, r.note, r.source "
		"        FROM json_each(?1) j CROSS JOIN relationship r ON r.b_id = j.value) x "
		REL_OTHER "ORDER BY x.ord, " REL_ORDER;
	sqlite3_stmt *st = db_stmt(db, sql, err);

	if (!st)
		return KITH_DB;
	db_bind_ids(st, 1, ids, n);
	return rel_emit(db, st, fn, ud, err);
}

enum kith_status
relationship_list_for_org(struct kdb *db, int64_t org_id, relationship_row_fn fn, void *ud,
			  struct kith_err *err)
{
	/* Same columns as above; the other side is the contact (a_id). */
	static const char sql[] =
		"SELECT x.id, x.a_id, NULL, c.display_name, x.type, x.strength, x.end_date IS NULL, "
		"  coalesce(x.start_date, ''), coalesce(x.end_date, ''), x.note, x.source, "
		"  coalesce(s.last_at, '') "
		"FROM relationship x JOIN contact c ON c.id = x.a_id "
		"LEFT JOIN contact_stat s ON s.contact_id = x.a_id "
		"WHERE x.b_org_id = ?1 "
		"ORDER BY x.end_date IS NOT NULL, x.end_date DESC, x.strength DESC, c.name_key, x.id";
	sqlite3_stmt *st = db_stmt(db, sql, err);

	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, org_id);
	return rel_emit(db, st, fn, ud, err);
}
