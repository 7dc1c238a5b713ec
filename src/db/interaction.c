/*
 * interaction.c: logged touches with one or more contacts
 * (see kith/interaction.h).
 *
 * Each interaction has one interaction_contact row per contact carrying a
 * copy of `at`: the contact timeline is a walk of
 * interaction_contact_by_contact(contact_id, at, interaction_id), and the
 * schema's triggers keep contact_stat.last_at right on every change.
 * A private note is the same row in the private file (private.c):
 * private_note and private_note_contact, its id negated.
 */
#include "ent.h"

#include <stdlib.h>
#include <string.h>

#include "kith/date.h"
#include "kith/interaction.h"
#include "kith/types.h"
#include "kith/xalloc.h"

static const struct db_enum ia_kinds = DB_ENUM(kith_interaction_kind, KITH_IKIND_NOTE);
static const struct db_enum ia_ways = DB_ENUM(kith_interaction_way, KITH_IWAY_AUTO);
static const struct db_enum ia_exchanges = DB_ENUM(kith_exchange, KITH_XCHG_NONE);

/* The columns interaction_get reads */
#define DB_ROW struct kith_interaction
DB_TABLE(ia_f, ia_fields,
	DB_C(I64, id), DB_C(DUP, at), DB_CE(kind, ia_kinds), DB_C(DUP, summary), DB_C(DUP, body),
	DB_C(I64, event_id), DB_CE(way, ia_ways), DB_CE(exchange, ia_exchanges));
#undef DB_ROW

void
interaction_free(struct kith_interaction *i)
{
	if (i)
		free(i->contact_ids);
	db_fields_free(&ia_fields, i);
}

static enum kith_status
ia_check_fields(const struct kith_interaction *i, char at[KDATETIME_STR], struct kith_err *err)
{
	char today[KDATE_STR];

	if (db_check_text("summary", i->summary, err) || db_check_text("body", i->body, err))
		return KITH_INVALID;
	if (ent_norm_when("at", i->at, at, NULL, err))
		return KITH_INVALID;
	/* an interaction is what happened: "last contacted" is never ahead */
	kdate_format(kdate_today(), today);
	if (strncmp(at, today, 10) > 0)
		return kith_err_set(err, KITH_INVALID,
				    "at %.10s: after today (%s): log what has happened; a planned "
				    "meeting is an event (kith add event TITLE --at %.10s)",
				    at, today, at);
	if (ent_check_enum("interaction kind", i->kind, KITH_IKIND_COUNT_, err) ||
	    ent_check_enum("interaction way", i->way, KITH_IWAY_COUNT_, err) ||
	    ent_check_enum("interaction exchange", i->exchange, KITH_XCHG_COUNT_, err) ||
	    ent_require("summary", i->summary, err))
		return KITH_INVALID;
	if (i->n_contacts == 0 || !i->contact_ids)
		return kith_err_set(err, KITH_INVALID, "contacts: at least one contact is needed");
	return KITH_OK;
}

/* An interaction as written: the fields and its normalised time. */
struct ia_w {
	const struct kith_interaction *i;
	char at[KDATETIME_STR];
};

/*
** In the write, before the row's statement: the rows it names exist; an
** update unlinks its contacts first, so moving `at` does not rewrite
** links that go anyway.
*/
static enum kith_status
ia_before(struct kdb *db, const void *row, int64_t id, struct kith_err *err)
{
	static const char q_unlink[] = "DELETE FROM interaction_contact WHERE interaction_id = ?";
	const struct kith_interaction *i = ((const struct ia_w *)row)->i;

	/* (a private note is never updated here: interaction_update refuses it) */
	enum kith_status rc;

	if (i->event_id && (rc = ent_has(db, ENT_EVENT, i->event_id, err)))
		return rc;
	for (size_t k = 0; k < i->n_contacts; k++)
		if ((rc = ent_has(db, ENT_CONTACT, i->contact_ids[k], err)))
			return rc;
	return id ? db_run(db, q_unlink, "interaction", err, "i", id) : KITH_OK;
}

/*
** Link every contact of the row to interaction id (duplicates in the list
** are ignored), each link with a copy of `at` and of the give/ask mark.
*/
static enum kith_status
ia_link(struct kdb *db, const void *row, int64_t id, struct kith_err *err)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO interaction_contact(interaction_id, contact_id, at, exchange) "
		"VALUES (?, ?, ?, ?)";
	static const char q_private[] =
		"INSERT OR IGNORE INTO priv.private_note_contact(note_id, contact_id, at) "
		"VALUES (?, ?, ?)";
	const struct ia_w *w = row;
	enum kith_status rc;

	for (size_t k = 0; k < w->i->n_contacts; k++)
		if ((rc = w->i->is_private ?
		     db_run(db, q_private, "private note", err, "iit", id, w->i->contact_ids[k],
			    w->at) :
		     db_run(db, sql, "interaction", err, "iitt", id, w->i->contact_ids[k], w->at,
			    kith_exchange_name(w->i->exchange))))
			return rc;
	return KITH_OK;
}

/* ?1..?6 the fields */
static void
ia_bind(sqlite3_stmt *st, const void *row)
{
	const struct ia_w *w = row;

	db_bind_text(st, 1, w->at);
	sqlite3_bind_text(st, 2, kith_interaction_kind_name(w->i->kind), -1, SQLITE_STATIC);
	db_bind_text(st, 3, w->i->summary);
	db_bind_text(st, 4, w->i->body);
	db_bind_id(st, 5, w->i->event_id);
	sqlite3_bind_text(st, 6, kith_interaction_way_name(kith_interaction_way_of(w->i->way,
										      w->i->kind)),
			  -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, kith_exchange_name(w->i->exchange), -1, SQLITE_STATIC);
}

static const struct ent_writer ia_writer = {
	.kind = ENT_INTERACTION,
	.q_insert = "INSERT INTO interaction(at, kind, summary, body, event_id, way, exchange, "
		"created_at, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, :now, :key)",
	.q_update =
		"UPDATE interaction SET at = ?1, kind = ?2, summary = ?3, body = ?4, event_id = ?5, "
		"way = ?6, exchange = ?7 WHERE id = :id",
	.check = ia_before,
	.bind = ia_bind,
	.after = ia_link,
};

/* A private note: the same row in the private file (no :key: never shared). */
static const struct ent_writer ia_private_writer = {
	.kind = ENT_INTERACTION,
	.q_insert = "INSERT INTO priv.private_note(at, kind, summary, body, event_id, way, exchange, "
		"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, :now)",
	.check = ia_before,
	.bind = ia_bind,
	.after = ia_link,
};

enum kith_status
interaction_add(struct kdb *db, const struct kith_interaction *i, int64_t *id_out,
		struct kith_err *err)
{
	struct ia_w w = { .i = i };
	enum kith_status rc = ia_check_fields(i, w.at, err);
	int64_t id = 0;

	if (rc || !i->is_private)
		return rc ? rc : ent_add(db, &ia_writer, &w, id_out, err);
	/* the private file is made on the first private note (outside any write) */
	if (!kdb_private_attached(db) && (rc = kdb_private_open(db, err)))
		return rc;
	if ((rc = ent_add(db, &ia_private_writer, &w, &id, err)))
		return rc;
	if (id_out)
		*id_out = -id;
	return KITH_OK;
}

enum kith_status
interaction_get(struct kdb *db, int64_t id, struct kith_interaction *out, struct kith_err *err)
{
	static const char sql[] =
		"SELECT id, at, kind, summary, body, event_id, way, exchange FROM interaction "
		"WHERE id = ?";
	static const char q_contacts[] =
		"SELECT ic.contact_id FROM interaction_contact ic JOIN contact c ON c.id = ic.contact_id "
		"WHERE ic.interaction_id = ? ORDER BY c.name_key, c.id";
	static const char q_private[] =
		"SELECT -id, at, kind, summary, body, event_id, way, exchange FROM priv.private_note "
		"WHERE id = -?1";
	static const char q_private_contacts[] =
		"SELECT pc.contact_id FROM priv.private_note_contact pc "
		"JOIN contact c ON c.id = pc.contact_id "
		"WHERE pc.note_id = -?1 ORDER BY c.name_key, c.id";
	bool priv = KITH_PRIVATE_ID(id);
	enum kith_status rc;

	if (priv && !kdb_private_attached(db)) {
		memset(out, 0, sizeof *out);
		return kith_err_set(err, KITH_NOTFOUND, "private note p%lld: no such note",
				    -(long long)id);
	}
	if ((rc = ent_get(db, ENT_INTERACTION, priv ? q_private : sql, id, &ia_fields, out, err))) {
		if (priv && rc == KITH_NOTFOUND)
			kith_err_set(err, rc, "private note p%lld: no such note", -(long long)id);
		return rc;
	}
	out->is_private = priv;
	rc = db_id_list(db, db_query(db, priv ? q_private_contacts : q_contacts, err, "i", id),
			&out->contact_ids, &out->n_contacts, "interaction", err);
	if (rc)
		interaction_free(out);
	return rc;
}

enum kith_status
interaction_update(struct kdb *db, const struct kith_interaction *i, struct kith_err *err)
{
	struct ia_w w = { .i = i };
	enum kith_status rc = ia_check_fields(i, w.at, err);

	if (!rc && (i->is_private || KITH_PRIVATE_ID(i->id)))
		return kith_err_set(err, KITH_INVALID, "private note p%lld: a private note is not "
				    "changed; delete it and write it again", -(long long)i->id);
	return rc ? rc : ent_update(db, &ia_writer, &w, i->id, err);
}

static enum kith_status
private_delete_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char sql[] = "DELETE FROM priv.private_note WHERE id = -?1";
	const int64_t *id = ctx;
	enum kith_status rc;

	if ((rc = db_run(db, sql, "private note", err, "i", *id)))
		return rc;
	return sqlite3_changes(db->h) ? KITH_OK :
		kith_err_set(err, KITH_NOTFOUND, "private note p%lld: no such note",
			     -(long long)*id);
}

enum kith_status
interaction_delete(struct kdb *db, int64_t id, struct kith_err *err)
{
	if (!KITH_PRIVATE_ID(id))
		return ent_delete(db, ENT_INTERACTION, id, err);
	if (!kdb_private_attached(db))
		return kith_err_set(err, KITH_NOTFOUND, "private note p%lld: no such note",
				    -(long long)id);
	return db_write(db, private_delete_body, &id, err);
}

/* ---- timelines -------------------------------------------------------------------- */

/* Row columns; `with` lists every involved contact by name. */
#define IA_COLS \
	"SELECT i.id, i.at, i.kind, i.summary, i.body, i.event_id, i.exchange, " \
	"(SELECT group_concat(n, ', ') FROM (SELECT c.display_name AS n " \
	"  FROM interaction_contact w JOIN contact c ON c.id = w.contact_id " \
	"  WHERE w.interaction_id = i.id ORDER BY c.name_key, c.id)) "
/* The same for a private note n (private.c), its id negated. */
#define PN_COLS \
	"SELECT -n.id, n.at, n.kind, n.summary, n.body, n.event_id, n.exchange, " \
	"(SELECT group_concat(x, ', ') FROM (SELECT c.display_name AS x " \
	"  FROM priv.private_note_contact w JOIN contact c ON c.id = w.contact_id " \
	"  WHERE w.note_id = n.id ORDER BY c.name_key, c.id)) "

ENT_EMITTER(ia_emit, struct interaction_row, interaction_row_fn, "interactions",
	DB_C(I64, id), DB_C(TEXT, at), DB_CE(kind, ia_kinds), DB_C(TEXT, summary), DB_C(TEXT, body),
	DB_C(I64, event_id), DB_CE(exchange, ia_exchanges), DB_C(TEXT, with))

/*
** A window of a timeline, newest first: q_first the first rows, q_next those
** after interaction `anchor`; both bind ?1 = the contact, ?2, ?3 = the
** anchor's (at, id), ?4 = the limit (each uses those it needs).
*/
static enum kith_status
ia_window(struct kdb *db, const char *q_first, const char *q_next, int64_t contact_id,
	  int64_t anchor, int limit, interaction_row_fn fn, void *ud, struct kith_err *err)
{
	static const char q_anchor[] = "SELECT at FROM interaction WHERE id = ?";
	static const char q_private_anchor[] = "SELECT at FROM priv.private_note WHERE id = -?1";
	sqlite3_stmt *st;
	enum kith_status rc;
	char *at = NULL;

	if (anchor && (rc = ent_row_text(db, KITH_PRIVATE_ID(anchor) ? q_private_anchor : q_anchor,
					 anchor, "interaction", &at, err)))
		return rc;
	st = db_query(db, anchor ? q_next : q_first, err, "itin", contact_id, at, anchor, limit);
	free(at);
	return ia_emit(db, st, fn, ud, err);
}

enum kith_status
interaction_list_for_contact(struct kdb *db, int64_t contact_id, int64_t anchor, int limit,
			     interaction_row_fn fn, void *ud, struct kith_err *err)
{
	static const char q_first[] = IA_COLS
		"FROM interaction_contact ic JOIN interaction i ON i.id = ic.interaction_id "
		"WHERE ic.contact_id = ?1 "
		"ORDER BY ic.at DESC, ic.interaction_id DESC LIMIT ?4";
	static const char q_next[] = IA_COLS
		"FROM interaction_contact ic JOIN interaction i ON i.id = ic.interaction_id "
		"WHERE ic.contact_id = ?1 AND (ic.at, ic.interaction_id) < (?2, ?3) "
		"ORDER BY ic.at DESC, ic.interaction_id DESC LIMIT ?4";
	/* with the private file: its notes too, in the same order (ids negated) */
	static const char p_first[] = "SELECT * FROM (" IA_COLS
		"FROM interaction_contact ic JOIN interaction i ON i.id = ic.interaction_id "
		"WHERE ic.contact_id = ?1 "
		"ORDER BY ic.at DESC, ic.interaction_id DESC LIMIT ?4) "
		"UNION ALL SELECT * FROM (" PN_COLS
		"FROM priv.private_note_contact pc JOIN priv.private_note n ON n.id = pc.note_id "
		"WHERE pc.contact_id = ?1 ORDER BY pc.at DESC, pc.note_id LIMIT ?4) "
		"ORDER BY 2 DESC, 1 DESC LIMIT ?4";
	static const char p_next[] = "SELECT * FROM (" IA_COLS
		"FROM interaction_contact ic JOIN interaction i ON i.id = ic.interaction_id "
		"WHERE ic.contact_id = ?1 AND (ic.at, ic.interaction_id) < (?2, ?3) "
		"ORDER BY ic.at DESC, ic.interaction_id DESC LIMIT ?4) "
		"UNION ALL SELECT * FROM (" PN_COLS
		"FROM priv.private_note_contact pc JOIN priv.private_note n ON n.id = pc.note_id "
		"WHERE pc.contact_id = ?1 AND (pc.at, -pc.note_id) < (?2, ?3) "
		"ORDER BY pc.at DESC, pc.note_id LIMIT ?4) "
		"ORDER BY 2 DESC, 1 DESC LIMIT ?4";

	if (kdb_private_attached(db))
		return ia_window(db, p_first, p_next, contact_id, anchor, limit, fn, ud, err);
	return ia_window(db, q_first, q_next, contact_id, anchor, limit, fn, ud, err);
}

enum kith_status
interaction_list_recent(struct kdb *db, int64_t anchor, int limit, interaction_row_fn fn,
			void *ud, struct kith_err *err)
{
	static const char q_first[] = IA_COLS
		"FROM interaction i ORDER BY i.at DESC, i.id DESC LIMIT ?4";
	static const char q_next[] = IA_COLS
		"FROM interaction i WHERE (i.at, i.id) < (?2, ?3) ORDER BY i.at DESC, i.id DESC LIMIT ?4";

	return ia_window(db, q_first, q_next, 0, anchor, limit, fn, ud, err);
}

/*
** Unanswered outreach: the contact's 'out' interactions from `since` on
** that came after their last answer or conversation ('in' or 'both').
** One walk of interaction_contact_by_contact from the newest back to the
** last answer (or `since`).
*/
enum kith_status
interaction_unanswered(struct kdb *db, int64_t contact_id, const char *since, int *count,
		       struct kith_err *err)
{
	static const char sql[] =
		"SELECT i.way FROM interaction_contact ic JOIN interaction i ON i.id = ic.interaction_id "
		"WHERE ic.contact_id = ?1 AND ic.at >= ?2 AND i.way <> 'none' "
		"ORDER BY ic.at DESC, ic.interaction_id DESC";
	sqlite3_stmt *st = db_query(db, sql, err, "it", contact_id, since);
	int step;

	*count = 0;
	if (!st)
		return KITH_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW && !strcmp(db_col_text(st, 0), "out"))
		(*count)++;
	return ent_finish(db, st, step, "interaction", err);
}

enum kith_status
interaction_guard(struct kdb *db, const int64_t *ids, size_t n, int days, int limit,
		  int64_t *who, int *count, struct kith_err *err)
{
	char since[KDATE_STR];
	enum kith_status rc;

	*who = 0;
	*count = 0;
	if (limit <= 0 || days <= 0)
		return KITH_OK;
	kdate_format(kdate_add_days(kdate_today(), -(days - 1)), since);
	for (size_t k = 0; k < n; k++) {
		int c;
		if ((rc = interaction_unanswered(db, ids[k], since, &c, err)))
			return rc;
		if (c >= limit) {
			*who = ids[k];
			*count = c;
			return KITH_OK;
		}
	}
	return KITH_OK;
}
