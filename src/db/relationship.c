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

static const struct db_enum rel_types = DB_ENUM(kith_rel_type, KITH_REL_GENERIC);

/* The columns relationship_get reads; after the id, ?1..?9 of the writes. */
#define DB_ROW struct kith_relationship
DB_TABLE(rel_f, rel_fields,
	DB_C(I64, id), DB_CR(I64, a_id, ENT_CONTACT), DB_CR(ID, b_id, ENT_CONTACT),
	DB_CR(ID, b_org_id, ENT_ORG), DB_CE(type, rel_types),
	DB_C(INT, strength), DB_C(OPT, start_date), DB_C(OPT, end_date), DB_C(DUP, note),
	DB_C(DUP, source));
#undef DB_ROW
static const struct db_fields rel_write_fields = { sizeof(struct kith_relationship), 9,
						   rel_f + 1 };

static enum kith_status
rel_check_fields(const void *row, struct kith_err *err)
{
	const struct kith_relationship *r = row;

	if (db_check_text("note", r->note, err) || db_check_text("source", r->source, err) ||
	    ent_check_span(r->start_date, r->end_date, err))
		return KITH_INVALID;
	if (ent_check_enum("relationship type", r->type, KITH_REL_COUNT_, err) ||
	    ent_check_int("strength", r->strength, 1, 3, "must be 1 to 3", err))
		return KITH_INVALID;
	if ((r->b_id != 0) == (r->b_org_id != 0))
		return kith_err_set(err, KITH_INVALID,
				    "relationship: needs exactly one other side, a contact or an "
				    "organisation");
	if (r->b_id && r->b_id == r->a_id)
		return kith_err_set(err, KITH_INVALID,
				    "contact #%lld: cannot have a relationship with themselves",
				    (long long)r->a_id);
	return KITH_OK;
}

static const struct ent_writer rel_writer = {
	.kind = ENT_RELATIONSHIP,
	.q_insert =
		"INSERT INTO relationship(a_id, b_id, b_org_id, type, strength, start_date, end_date, "
		"note, source, created_at, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, :now, :key)",
	.q_update =
		"UPDATE relationship SET a_id = ?1, b_id = ?2, b_org_id = ?3, type = ?4, "
		"strength = ?5, start_date = ?6, end_date = ?7, note = ?8, source = ?9 "
		"WHERE id = :id",
	.validate = rel_check_fields,
	.fields = &rel_write_fields,
	.q_get =
		"SELECT id, a_id, b_id, b_org_id, type, strength, start_date, end_date, note, source "
		"FROM relationship WHERE id = ?1",
	.read = &rel_fields,
};

ENT_DEFINE(relationship, struct kith_relationship, rel_writer)

struct rel_end {
	int64_t id;
	const char *end_date;
};

static enum kith_status
rel_end_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char q_start[] =
		"SELECT coalesce(start_date, '') FROM relationship WHERE id = ?";
	static const char sql[] = "UPDATE relationship SET end_date = ?1 WHERE id = ?2";
	const struct rel_end *x = ctx;
	sqlite3_stmt *st;
	enum kith_status rc;

	if ((rc = ent_row(db, q_start, x->id, "relationship", &st, err)))
		return rc;
	if (*db_col_text(st, 0) && strcmp(x->end_date, db_col_text(st, 0)) < 0)
		rc = kith_err_set(err, KITH_INVALID, "end %s: before the start %s", x->end_date,
				  db_col_text(st, 0));
	sqlite3_reset(st);
	return rc ? rc : db_run(db, sql, "relationship", err, "ti", x->end_date, x->id);
}

enum kith_status
relationship_end(struct kdb *db, int64_t id, const char *end_date, struct kith_err *err)
{
	char today[KDATE_STR];
	struct rel_end x = { id, end_date };

	if (str_empty(end_date)) {
		kdate_format(kdate_today(), today);
		x.end_date = today;
	} else if (ent_check_date("end", end_date, err)) {
		return KITH_INVALID;
	}
	return db_write(db, rel_end_body, &x, err);
}

/* The rows of a relationship list (the columns of the lists below). */
/* contact_id: only some lists have it */
ENT_EMITTER(rel_emit, struct relationship_row, relationship_row_fn, "relationships",
	DB_C(I64, id), DB_C(I64, other_id), DB_C(I64, other_org_id), DB_C(TEXT, other_name),
	DB_CE(type, rel_types), DB_C(INT, strength), DB_C(BOOL, current), DB_C(TEXT, start_date),
	DB_C(TEXT, end_date), DB_C(TEXT, note), DB_C(TEXT, source), DB_C(TEXT, other_last_at),
	DB_C(I64, contact_id))

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
/* A relationship's own columns after its two sides (r: "" or "r."). */
#define REL_OWN(r) \
	r "type, " r "strength, " r "start_date, " r "end_date, " r "note, " r "source "
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
		REL_OWN("") "FROM relationship WHERE a_id = ?1 "
		"      UNION ALL "
		"      SELECT id, a_id, NULL, " REL_OWN("") "FROM relationship WHERE b_id = ?1) "
		"      ORDER BY end_date IS NOT NULL, end_date DESC, strength DESC, id LIMIT ?2) x "
		REL_OTHER "ORDER BY " REL_ORDER;

	return rel_emit(db, db_query(db, sql, err, "in", contact_id, limit), fn, ud, err);
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
		"        r.b_org_id AS other_org_id, " REL_OWN("r.")
		"        FROM json_each(?1) j CROSS JOIN relationship r ON r.a_id = j.value "
		"      UNION ALL "
		"      SELECT j.key, j.value, r.id, r.a_id, NULL, " REL_OWN("r.")
		"        FROM json_each(?1) j CROSS JOIN relationship r ON r.b_id = j.value) x "
		REL_OTHER "ORDER BY x.ord, " REL_ORDER;

	return rel_emit(db, db_query(db, sql, err, "j", ids, n), fn, ud, err);
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

	return rel_emit(db, db_query(db, sql, err, "i", org_id), fn, ud, err);
}
