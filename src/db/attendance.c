/*
 * attendance.c: who is invited to, attended or met whom at an event
 * (see kith/event.h). 'attended' and 'met' count as touches: the schema's
 * triggers keep contact_stat.last_at right.
 */
#include <string.h>

#include "ent.h"

#include "kith/event.h"
#include "kith/types.h"

/*
** Attended, met and no-show say what happened: the event must have begun
** (its day has come). A future event can be invited or confirmed.
*/
static enum kith_status
attendance_check_past(struct kdb *db, int64_t event_id, int status, struct kith_err *err)
{
	static const char sql[] = "SELECT substr(start_at, 1, 10), title FROM event WHERE id = ?";
	char today[KDATE_STR];
	sqlite3_stmt *st;
	enum kith_status rc;

	if (status != KITH_ASTATUS_ATTENDED && status != KITH_ASTATUS_MET &&
	    status != KITH_ASTATUS_NO_SHOW)
		return KITH_OK;
	if ((rc = db_first(db, &st, sql, "event", err, "i", event_id)) != KITH_OK)
		return rc == KITH_NOTFOUND ? KITH_OK : rc;     /* the link check names it */
	kdate_format(kdate_today(), today);
	if (strcmp((const char *)sqlite3_column_text(st, 0), today) > 0)
		rc = kith_err_set(err, KITH_INVALID,
				  "event #%lld \"%.60s\" is on %s, in the future: it can be invited "
				  "or confirmed, not %s", (long long)event_id,
				  (const char *)sqlite3_column_text(st, 1),
				  (const char *)sqlite3_column_text(st, 0),
				  kith_attend_status_name(status));
	sqlite3_reset(st);
	return rc;
}

enum kith_status
attendance_set(struct kdb *db, int64_t event_id, int64_t contact_id, int role, int status,
	       struct kith_err *err)
{
	static const struct ent_writer w = {
		.kind = ENT_EVENT,
		.q_insert =
			"INSERT INTO attendance(event_id, contact_id, role, status) "
			"VALUES (?1, ?2, ?3, ?4) "
			"ON CONFLICT(event_id, contact_id) DO UPDATE SET role = excluded.role, "
			"status = excluded.status "
			"WHERE role IS NOT excluded.role OR status IS NOT excluded.status",
		.check = ent_link_check,
		.bind = ent_link_bind,
	};
	struct ent_link l = { ENT_EVENT, event_id, contact_id, NULL, NULL };

	enum kith_status rc;

	if (ent_check_enum("attendance role", role, KITH_AROLE_COUNT_, err) ||
	    ent_check_enum("attendance status", status, KITH_ASTATUS_COUNT_, err))
		return KITH_INVALID;
	if ((rc = attendance_check_past(db, event_id, status, err)) != KITH_OK)
		return rc;
	l.t3 = kith_attend_role_name(role);
	l.t4 = kith_attend_status_name(status);
	return ent_add(db, &w, &l, NULL, err);
}

enum kith_status
attendance_role(struct kdb *db, int64_t event_id, int64_t contact_id, int *role,
		struct kith_err *err)
{
	static const char sql[] = "SELECT role FROM attendance WHERE event_id = ? AND contact_id = ?";
	sqlite3_stmt *st;
	enum kith_status rc;
	int r;

	*role = KITH_AROLE_ATTENDEE;
	if ((rc = db_first(db, &st, sql, "attendance", err, "ii", event_id, contact_id)) != KITH_OK) {
		if (rc != KITH_NOTFOUND)
			return rc;
		kith_err_clear(err);
		return KITH_OK;
	}
	if ((r = kith_attend_role_parse((const char *)sqlite3_column_text(st, 0))) >= 0)
		*role = r;
	sqlite3_reset(st);
	return KITH_OK;
}

enum kith_status
attendance_remove(struct kdb *db, int64_t event_id, int64_t contact_id, struct kith_err *err)
{
	static const char sql[] = "DELETE FROM attendance WHERE event_id = ? AND contact_id = ?";

	return ent_unlink(db, sql, ENT_EVENT, event_id, contact_id, "not on event", err);
}

#define ATT_COLS \
	"SELECT a.event_id, a.contact_id, c.display_name, e.title, e.start_at, a.role, " \
	"a.status, coalesce(s.last_at, '') FROM attendance a " \
	"JOIN contact c ON c.id = a.contact_id JOIN event e ON e.id = a.event_id " \
	"LEFT JOIN contact_stat s ON s.contact_id = a.contact_id "

static const struct db_enum att_roles = DB_ENUM(kith_attend_role, KITH_AROLE_ATTENDEE);
static const struct db_enum att_statuses = DB_ENUM(kith_attend_status, KITH_ASTATUS_INVITED);
ENT_EMITTER(att_emit, struct attendance_row, attendance_row_fn, "attendance",
	DB_C(I64, event_id), DB_C(I64, contact_id), DB_C(TEXT, contact_name),
	DB_C(TEXT, event_title), DB_C(TEXT, event_start), DB_CE(role, att_roles),
	DB_CE(status, att_statuses), DB_C(TEXT, last_at))

enum kith_status
attendance_list_for_event(struct kdb *db, int64_t event_id, attendance_row_fn fn, void *ud,
			  struct kith_err *err)
{
	/* Hosts, then speakers, then attendees; by name within each. */
	static const char sql[] = ATT_COLS
		"WHERE a.event_id = ? ORDER BY CASE a.role WHEN 'host' THEN 0 "
		"WHEN 'speaker' THEN 1 ELSE 2 END, c.name_key, c.id";

	return att_emit(db, db_query(db, sql, err, "i", event_id), fn, ud, err);
}

enum kith_status
attendance_list_for_contact(struct kdb *db, int64_t contact_id, int limit,
			    attendance_row_fn fn, void *ud, struct kith_err *err)
{
	static const char sql[] = ATT_COLS
		"WHERE a.contact_id = ? ORDER BY e.start_at DESC, e.id DESC LIMIT ?";

	return att_emit(db, db_query(db, sql, err, "in", contact_id, limit > 0 ? limit : -1), fn,
			ud, err);
}
