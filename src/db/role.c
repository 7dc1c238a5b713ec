/*
 * role.c: roles, i.e. positions in organisations and seats (see kith/org.h).
 */
#include "ent.h"

#include <stdlib.h>
#include <string.h>

#include "kith/org.h"
#include "kith/str.h"

void
role_free(struct kith_role *r)
{
	if (!r)
		return;
	free(r->seat);
	free(r->title);
	free(r->start_date);
	free(r->end_date);
	memset(r, 0, sizeof *r);
}

/* Field checks that need no database. */
static enum kith_status
role_check_fields(const struct kith_role *r, struct kith_err *err)
{
	if (db_check_text("seat", r->seat, err) || db_check_text("title", r->title, err) ||
	    ent_check_date("start", r->start_date, err) || ent_check_date("end", r->end_date, err))
		return KITH_INVALID;
	if (!r->org_id && str_empty(r->seat))
		return kith_err_set(err, KITH_INVALID,
				    "role: needs an organisation or a seat (\"District 3\")");
	if (!str_empty(r->start_date) && !str_empty(r->end_date) &&
	    strcmp(r->end_date, r->start_date) < 0)
		return kith_err_set(err, KITH_INVALID, "end %s: before the start %s", r->end_date,
				    r->start_date);
	return KITH_OK;
}

static enum kith_status
role_check_refs(struct kdb *db, const struct kith_role *r, struct kith_err *err)
{
	enum kith_status rc;

	if ((rc = ent_contact_exists(db, r->contact_id, err)))
		return rc;
	if (r->org_id && (rc = ent_org_exists(db, r->org_id, err)))
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

/* ?1..?6 the fields */
static void
role_bind(sqlite3_stmt *st, const void *row)
{
	const struct kith_role *r = row;

	sqlite3_bind_int64(st, 1, r->contact_id);
	db_bind_id(st, 2, r->org_id);
	db_bind_text(st, 3, r->seat);
	db_bind_text(st, 4, r->title);
	db_bind_text_null(st, 5, r->start_date);
	db_bind_text_null(st, 6, r->end_date);
}

static const struct ent_writer role_writer = {
	.kind = ENT_ROLE,
	.q_insert = "INSERT INTO role(contact_id, org_id, seat, title, start_date, end_date) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	.q_update = "UPDATE role SET contact_id = ?1, org_id = ?2, seat = ?3, title = ?4, "
		"start_date = ?5, end_date = ?6 WHERE id = :id",
	.check = role_check,
	.bind = role_bind,
};

enum kith_status
role_add(struct kdb *db, const struct kith_role *r, int64_t *id_out, struct kith_err *err)
{
	return role_check_fields(r, err) ? KITH_INVALID : ent_add(db, &role_writer, r, id_out, err);
}

enum kith_status
role_update(struct kdb *db, const struct kith_role *r, struct kith_err *err)
{
	return role_check_fields(r, err) ? KITH_INVALID : ent_update(db, &role_writer, r, r->id, err);
}

enum kith_status
role_delete(struct kdb *db, int64_t id, struct kith_err *err)
{
	return ent_delete(db, ENT_ROLE, id, err);
}

#define ROLE_FIELDS \
	"SELECT r.id, r.contact_id, c.display_name, r.org_id, coalesce(o.name, ''), r.seat, " \
	"r.title, coalesce(r.start_date, ''), coalesce(r.end_date, '') "
#define ROLE_JOINS \
	"JOIN contact c ON c.id = r.contact_id LEFT JOIN organisation o ON o.id = r.org_id "
#define ROLE_COLS ROLE_FIELDS "FROM role r " ROLE_JOINS

static enum kith_status
role_emit(struct kdb *db, sqlite3_stmt *st, role_row_fn fn, void *ud, struct kith_err *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct role_row r;
		r.id = sqlite3_column_int64(st, 0);
		r.contact_id = sqlite3_column_int64(st, 1);
		r.contact_name = db_col_text(st, 2);
		r.org_id = sqlite3_column_int64(st, 3);
		r.org_name = db_col_text(st, 4);
		r.seat = db_col_text(st, 5);
		r.title = db_col_text(st, 6);
		r.start_date = db_col_text(st, 7);
		r.end_date = db_col_text(st, 8);
		if (fn(ud, &r))
			break;
	}
	return ent_finish(db, st, rc, "roles", err);
}

enum kith_status
role_list_for_contact(struct kdb *db, int64_t contact_id, role_row_fn fn, void *ud,
		      struct kith_err *err)
{
	static const char sql[] = ROLE_COLS
		"WHERE r.contact_id = ? ORDER BY r.end_date IS NOT NULL, r.end_date DESC, "
		"r.start_date DESC, r.id DESC";
	sqlite3_stmt *st = db_stmt(db, sql, err);

	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, contact_id);
	return role_emit(db, st, fn, ud, err);
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
	sqlite3_stmt *st = db_stmt(db, sql, err);

	if (!st)
		return KITH_DB;
	db_bind_ids(st, 1, ids, n);
	return role_emit(db, st, fn, ud, err);
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
	sqlite3_stmt *st = db_stmt(db, current_only ? q_current : q_all, err);

	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, org_id);
	return role_emit(db, st, fn, ud, err);
}
