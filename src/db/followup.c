/*
 * followup.c: follow-ups, commitments and introductions (see
 * kith/followup.h). The windowed list and the count are in followup_list.c.
 */
#include "ent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/followup.h"
#include "kith/str.h"
#include "kith/types.h"

static const struct db_enum fu_kinds = DB_ENUM(kith_followup_kind, KITH_FKIND_OTHER);
static const struct db_enum fu_statuses = DB_ENUM(kith_followup_status, KITH_FSTATUS_OPEN);
static const struct db_enum fu_directions = DB_ENUM(kith_direction, KITH_DIR_NONE);
static const struct db_enum fu_stages = DB_ENUM(kith_intro_stage, KITH_INTRO_NONE);

/* The columns followup_get reads; after the id, ?1..?14 of the writes. */
#define DB_ROW struct kith_followup
DB_TABLE(fu_f, fu_fields,
	DB_C(I64, id), DB_CR(ID, contact_id, ENT_CONTACT), DB_CR(ID, event_id, ENT_EVENT),
	DB_CR(ID, interaction_id, ENT_INTERACTION), DB_CE(kind, fu_kinds), DB_C(DUP, title),
	DB_C(OPT, due), DB_C(INT, priority), DB_CE(status, fu_statuses),
	DB_CE(direction, fu_directions), DB_CR(ID, intro_a_id, ENT_CONTACT),
	DB_CR(ID, intro_b_id, ENT_CONTACT), DB_CR(ID, intro_by_id, ENT_CONTACT),
	DB_CE(intro_stage, fu_stages),
	DB_C(DUP, notes), DB_CC(done_at), DB_C(INT, snooze_count), DB_C(DUP, snooze_reason),
	DB_CC(created_at));
#undef DB_ROW
static const struct db_fields fu_write_fields = { sizeof(struct kith_followup), 14, fu_f + 1 };

static enum kith_status
fu_check_fields(const void *row, struct kith_err *err)
{
	const struct kith_followup *f = row;

	if (db_check_text("title", f->title, err) || db_check_text("notes", f->notes, err) ||
	    ent_check_date("due", f->due, err))
		return KITH_INVALID;
	if (ent_require("title", f->title, err) ||
	    ent_check_enum("follow-up kind", f->kind, KITH_FKIND_COUNT_, err) ||
	    ent_check_int("priority", f->priority, 0, 3, "must be 0 to 3", err) ||
	    ent_check_enum("status", f->status, KITH_FSTATUS_COUNT_, err) ||
	    ent_check_enum("direction", f->direction, KITH_DIR_COUNT_, err) ||
	    ent_check_enum("introduction stage", f->intro_stage, KITH_INTRO_COUNT_, err))
		return KITH_INVALID;
	if (f->intro_a_id && f->intro_a_id == f->intro_b_id)
		return kith_err_set(err, KITH_INVALID,
				    "introduction: contact #%lld cannot be introduced to themselves",
				    (long long)f->intro_a_id);
	return KITH_OK;
}

/* ?1..?14 the fields, ?16 now in minutes (done_at) */
static void
fu_bind(sqlite3_stmt *st, const void *row)
{
	char now_min[KDATETIME_STR];

	db_bind_fields(st, 1, &fu_write_fields, row);
	/* done_at's time, read only for a closed one (most are open) */
	if (((const struct kith_followup *)row)->status != KITH_FSTATUS_OPEN) {
		ent_now_minute(now_min);
		db_bind_text(st, 16, now_min);
	} else {
		sqlite3_bind_null(st, 16);
	}
}

/* done_at: kept while closed, set on closing, cleared on reopening. */
static const struct ent_writer fu_writer = {
	.kind = ENT_FOLLOWUP,
	.q_insert =
		"INSERT INTO followup(contact_id, event_id, interaction_id, kind, title, due, "
		"priority, status, direction, intro_a_id, intro_b_id, intro_by_id, intro_stage, "
		"notes, created_at, updated_at, done_at, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		"?9, ?10, ?11, ?12, ?13, ?14, :now, :now, CASE WHEN ?8 = 'open' THEN NULL ELSE ?16 END, "
		":key)",
	.q_update =
		"UPDATE followup SET contact_id = ?1, event_id = ?2, interaction_id = ?3, kind = ?4, "
		"title = ?5, due = ?6, priority = ?7, status = ?8, direction = ?9, intro_a_id = ?10, "
		"intro_b_id = ?11, intro_by_id = ?12, intro_stage = ?13, notes = ?14, "
		"updated_at = :now, done_at = CASE WHEN ?8 = 'open' THEN NULL "
		"ELSE coalesce(done_at, ?16) END WHERE id = :id",
	.validate = fu_check_fields,
	.fields = &fu_write_fields,
	.bind = fu_bind,
	.q_get =
		"SELECT id, contact_id, event_id, interaction_id, kind, title, due, priority, status, "
		"direction, intro_a_id, intro_b_id, intro_by_id, intro_stage, notes, "
		"coalesce(done_at, ''), snooze_count, snooze_reason, created_at "
		"FROM followup WHERE id = ?",
	.read = &fu_fields,
};

ENT_DEFINE_ROW(followup, struct kith_followup, fu_writer)
ENT_DEFINE_GET(followup, struct kith_followup, fu_writer)

enum kith_status
followup_add(struct kdb *db, const struct kith_followup *f, int64_t *id_out,
	     struct kith_err *err)
{
	int64_t id;
	enum kith_status rc = ent_add(db, &fu_writer, f, &id, err);

	if (rc)
		return rc;
	/* an import's: its search document made aside (fts_aside.c) */
	if (db->aside)
		db_aside_add(db, DB_ASIDE_FOLLOWUP, id, (const char *const[]){ f->title, f->notes }, NULL);
	if (id_out)
		*id_out = id;
	return KITH_OK;
}

enum kith_status
followup_update(struct kdb *db, const struct kith_followup *f, struct kith_err *err)
{
	return ent_update(db, &fu_writer, f, f->id, err);
}

/*
** One state change of follow-up id: refused if its status is `already`
** ("already done") or, with need_open, if it is not open; then `sql`
** binding ?1 = id, ?2 = now, ?3 = now (minutes), ?4 = a, ?5 = b.
*/
struct fu_chg {
	int64_t id;
	const char *sql, *a, *b;
	int already;                /* a status, or -1 */
	bool need_open;
};

static enum kith_status
fu_change_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char q_status[] = "SELECT status FROM followup WHERE id = ?";
	const struct fu_chg *x = ctx;
	char now[20], now_min[KDATETIME_STR];
	sqlite3_stmt *st;
	enum kith_status rc;
	int status;

	if ((rc = ent_row(db, q_status, x->id, "follow-up", &st, err)))
		return rc;
	status = kith_followup_status_parse(db_col_text(st, 0));
	sqlite3_reset(st);
	if (x->already >= 0 && status == x->already)
		return kith_err_set(err, KITH_INVALID, "follow-up #%lld: already %s",
				    (long long)x->id, kith_followup_status_name(status));
	if (x->need_open && status != KITH_FSTATUS_OPEN)
		return kith_err_set(err, KITH_INVALID, "follow-up #%lld: is %s; reopen it first",
				    (long long)x->id, kith_followup_status_name(status));
	db_now(now);
	ent_now_minute(now_min);
	return db_run(db, x->sql, "follow-up", err, "ittTs", x->id, now, now_min, x->a, x->b);
}

static enum kith_status
fu_change(struct kdb *db, const struct fu_chg *x, struct kith_err *err)
{
	return db_write(db, fu_change_body, (void *)x, err);
}

/* Done (done_at now) or open again (no done_at); refused if it already is. */
static enum kith_status
fu_set_status(struct kdb *db, int64_t id, int status, struct kith_err *err)
{
	static const char sql[] =
		"UPDATE followup SET status = ?4, done_at = CASE ?4 WHEN 'done' THEN ?3 END, "
		"updated_at = ?2 WHERE id = ?1";
	const struct fu_chg x = { id, sql, kith_followup_status_name(status), NULL, status, false };

	return fu_change(db, &x, err);
}

enum kith_status
followup_done(struct kdb *db, int64_t id, struct kith_err *err)
{
	return fu_set_status(db, id, KITH_FSTATUS_DONE, err);
}

enum kith_status
followup_reopen(struct kdb *db, int64_t id, struct kith_err *err)
{
	return fu_set_status(db, id, KITH_FSTATUS_OPEN, err);
}

struct fu_toggle {
	int64_t id;
	int status;
};

static enum kith_status
fu_toggle_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char sql[] =
		"UPDATE followup SET status = CASE status WHEN 'open' THEN 'done' ELSE 'open' END, "
		"done_at = CASE status WHEN 'open' THEN ?3 END, updated_at = ?2 WHERE id = ?1 "
		"RETURNING status";
	struct fu_toggle *t = ctx;
	char now[20], now_min[KDATETIME_STR];
	sqlite3_stmt *st;
	int rc;

	db_now(now);
	ent_now_minute(now_min);
	if (!(st = db_query(db, sql, err, "itt", t->id, now, now_min)))
		return KITH_DB;
	/* RETURNING: the row is written by the first step */
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		t->status = kith_followup_status_parse(db_col_text(st, 0));
	if (ent_finish(db, st, rc, "follow-up", err))
		return err ? err->code : KITH_DB;
	if (rc != SQLITE_ROW)
		return kith_err_set(err, KITH_NOTFOUND, "follow-up #%lld: no such follow-up",
				    (long long)t->id);
	return KITH_OK;
}

enum kith_status
followup_toggle_done(struct kdb *db, int64_t id, int *status_out, struct kith_err *err)
{
	struct fu_toggle t = { id, KITH_FSTATUS_OPEN };
	enum kith_status rc = db_write(db, fu_toggle_body, &t, err);

	if (!rc && status_out)
		*status_out = t.status;
	return rc;
}

enum kith_status
followup_snooze(struct kdb *db, int64_t id, const char *due, const char *reason,
		struct kith_err *err)
{
	static const char sql[] =
		"UPDATE followup SET due = ?4, snooze_count = snooze_count + 1, snooze_reason = ?5, "
		"snoozed_at = ?2, updated_at = ?2 WHERE id = ?1";

	if (str_empty(due))
		return kith_err_set(err, KITH_INVALID, "due: a date is needed to snooze to");
	if (ent_check_date("due", due, err) || db_check_text("reason", reason, err))
		return KITH_INVALID;
	const struct fu_chg x = { id, sql, due, reason ? reason : "", -1, true };

	return fu_change(db, &x, err);
}

enum kith_status
followup_set_due(struct kdb *db, int64_t id, const char *due, struct kith_err *err)
{
	static const char sql[] = "UPDATE followup SET due = ?4, updated_at = ?2 WHERE id = ?1";

	if (ent_check_date("due", due, err))
		return KITH_INVALID;
	/* ?4 binds "" (no date) as NULL */
	const struct fu_chg x = { id, sql, due ? due : "", NULL, -1, false };

	return fu_change(db, &x, err);
}

enum kith_status
followup_set_intro_stage(struct kdb *db, int64_t id, int stage, struct kith_err *err)
{
	static const char sql[] =
		"UPDATE followup SET intro_stage = ?4, updated_at = ?2 WHERE id = ?1";

	if (ent_check_enum("introduction stage", stage, KITH_INTRO_COUNT_, err))
		return KITH_INVALID;
	const struct fu_chg x = { id, sql, kith_intro_stage_name(stage), NULL, -1, false };

	return fu_change(db, &x, err);
}
