/*
 * role.c: roles, i.e. positions in organisations and seats (see kith/org.h).
 */
#include "ent.h"

#include <stdlib.h>
#include <string.h>

#include "kith/org.h"
#include "kith/str.h"

/* ?1..?6 of the writes */
#define DB_ROW struct kith_role
DB_TABLE(role_f, role_fields,
	DB_C(I64, contact_id), DB_C(ID, org_id), DB_C(DUP, seat), DB_C(DUP, title),
	DB_C(OPT, start_date), DB_C(OPT, end_date));
#undef DB_ROW

/* Field checks that need no database. */
static enum kith_status
role_check_fields(const void *row, struct kith_err *err)
{
	const struct kith_role *r = row;

	if (db_check_text("seat", r->seat, err) || db_check_text("title", r->title, err))
		return KITH_INVALID;
	if (!r->org_id && str_empty(r->seat))
		return kith_err_set(err, KITH_INVALID,
				    "role: needs an organisation or a seat (\"District 3\")");
	return ent_check_span(r->start_date, r->end_date, err);
}

static enum kith_status
role_check_refs(struct kdb *db, const struct kith_role *r, struct kith_err *err)
{
	enum kith_status rc;

	if ((rc = ent_has(db, ENT_CONTACT, r->contact_id, err)))
		return rc;
	if (r->org_id && (rc = ent_has(db, ENT_ORG, r->org_id, err)))
		return rc;
	return KITH_OK;
}

/* an import (bulk mode) passes ids it has just found or made; the foreign
   keys still refuse a wrong one */
static enum kith_status
role_check(struct kdb *db, const void *row, int64_t id, struct kith_err *err)
{
	return db->bulk && !id ? KITH_OK : role_check_refs(db, row, err);
}

/* An import's new role: checked as above (role_check_fields), it waits (pend.c). */
static enum kith_status
role_pend(struct kdb *db, const void *row, bool *queued, struct kith_err *err)
{
	return db_pend_role(db, row, queued, err);
}

static const struct ent_writer role_writer = {
	.kind = ENT_ROLE,
	.q_insert = "INSERT INTO role(contact_id, org_id, seat, title, start_date, end_date, id) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, :key)",
	.q_update = "UPDATE role SET contact_id = ?1, org_id = ?2, seat = ?3, title = ?4, "
		"start_date = ?5, end_date = ?6 WHERE id = :id",
	.validate = role_check_fields,
	.check = role_check,
	.fields = &role_fields,
	.read = &role_fields,
	.pend = role_pend,
	/* reads no channel; the roles that wait go before it, so the ids stay in order */
	.pend_unread = DB_PEND_CHANNELS,
};

ENT_DEFINE_ROW(role, struct kith_role, role_writer)

enum kith_status
role_add(struct kdb *db, const struct kith_role *r, int64_t *id_out, struct kith_err *err)
{
	enum kith_status rc = ent_add(db, &role_writer, r, id_out, err);

	/* an import's: its contact's search document made aside (contact_aside.c) */
	if (!rc && db->aside)
		db_aside_role(db, r);
	return rc;
}

enum kith_status
role_update(struct kdb *db, const struct kith_role *r, struct kith_err *err)
{
	return ent_update(db, &role_writer, r, r->id, err);
}

#define ROLE_FIELDS \
	"SELECT r.id, r.contact_id, c.display_name, r.org_id, coalesce(o.name, ''), r.seat, " \
	"r.title, coalesce(r.start_date, ''), coalesce(r.end_date, '') "
#define ROLE_JOINS \
	"JOIN contact c ON c.id = r.contact_id LEFT JOIN organisation o ON o.id = r.org_id "
#define ROLE_COLS ROLE_FIELDS "FROM role r " ROLE_JOINS

ENT_EMITTER(role_emit, struct role_row, role_row_fn, "roles",
	DB_C(I64, id), DB_C(I64, contact_id), DB_C(TEXT, contact_name), DB_C(I64, org_id),
	DB_C(TEXT, org_name), DB_C(TEXT, seat), DB_C(TEXT, title), DB_C(TEXT, start_date),
	DB_C(TEXT, end_date))

enum kith_status
role_list_for_contact(struct kdb *db, int64_t contact_id, role_row_fn fn, void *ud,
		      struct kith_err *err)
{
	static const char sql[] = ROLE_COLS
		"WHERE r.contact_id = ? ORDER BY r.end_date IS NOT NULL, r.end_date DESC, "
		"r.start_date DESC, r.id DESC";

	return role_emit(db, db_query(db, sql, err, "i", contact_id), fn, ud, err);
}

enum kith_status
role_list_for_contacts(struct kdb *db, const int64_t *ids, size_t n, role_row_fn fn, void *ud,
		       struct kith_err *err)
{
	/* The query above for each id in turn (j.key: its index in ids), in one statement. */
	static const char sql[] = ROLE_FIELDS
		"FROM json_each(?1) j CROSS JOIN role r ON r.contact_id = j.value " ROLE_JOINS
		"ORDER BY j.key, r.end_date IS NOT NULL, r.end_date DESC, r.start_date DESC, "
		"r.id DESC";

	return role_emit(db, db_query(db, sql, err, "j", ids, n), fn, ud, err);
}

enum kith_status
role_list_for_org(struct kdb *db, int64_t org_id, bool current_only, role_row_fn fn, void *ud,
		  struct kith_err *err)
{
	static const char q_all[] = ROLE_COLS
		"WHERE r.org_id = ? ORDER BY r.end_date IS NOT NULL, r.end_date DESC, "
		"c.name_key, r.id";
	static const char q_current[] = ROLE_COLS
		"WHERE r.org_id = ? AND r.end_date IS NULL ORDER BY c.name_key, r.id";

	return role_emit(db, db_query(db, current_only ? q_current : q_all, err, "i", org_id), fn,
			 ud, err);
}
