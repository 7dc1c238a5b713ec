/*
 * io_db.c: lookups and small writes for the importer and the exporter
 * (see kith/merge.h). Every lookup is one index seek.
 */
#include "ent.h"
#include "goal_sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/merge.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

char *
contact_channel_key(const char *kind, const char *value)
{
	return db_channel_key(kind, value);
}

enum kith_status
contact_find_channel(struct kdb *db, const char *kind, const char *value, int64_t *id_out,
		     struct kith_err *err)
{
	/* min(), not ORDER BY ... LIMIT 1: the index is in rowid order, and a
	   sort opens a temporary table at every lookup (two per imported card) */
	static const char sql[] =
		"SELECT min(contact_id) FROM contact_channel WHERE kind = ?1 AND value_key = ?2";
	sqlite3_stmt *st;
	enum kith_status rc;
	char *key;
	int step;

	if ((rc = db_lookup_ready(db, err)))
		return rc;
	if (!(st = db_stmt(db, sql, err)))
		return KITH_DB;
	key = db_channel_key(kind, value);
	db_bind_text(st, 1, kind);
	db_bind_text(st, 2, key);
	step = sqlite3_step(st);
	free(key);
	if (step != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_error(db, err, "contact");
	}
	if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
		sqlite3_reset(st);
		return KITH_NOTFOUND;
	}
	*id_out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return KITH_OK;
}

enum kith_status
contact_find_name_org(struct kdb *db, const char *name, const char *org, int64_t *id_out,
		      struct kith_err *err)
{
	static const char with_org[] =
		"SELECT c.id FROM contact c WHERE c.name_key = ?1 AND EXISTS ("
		" SELECT 1 FROM role r JOIN organisation o ON o.id = r.org_id"
		" WHERE r.contact_id = c.id AND r.end_date IS NULL AND o.name_key = ?2) "
		"ORDER BY c.id LIMIT 1";
	static const char no_org[] =
		"SELECT c.id FROM contact c WHERE c.name_key = ?1 AND NOT EXISTS ("
		" SELECT 1 FROM role r WHERE r.contact_id = c.id AND r.end_date IS NULL) "
		"ORDER BY c.id LIMIT 1";
	bool has_org = !str_empty(org);
	char *nk, *ok;
	enum kith_status rc;

	if ((rc = db_lookup_ready(db, err)))
		return rc;
	nk = db_name_key(name);
	ok = has_org ? db_name_key(org) : NULL;
	rc = db_int64(db, id_out, has_org ? with_org : no_org, "contact", err, has_org ? "tt" : "t",
		      nk, ok);
	free(nk);
	free(ok);
	return rc;
}

enum kith_status
contact_current_roles(struct kdb *db, int64_t contact_id, int64_t org_id, int *n_out,
		      bool *at_org, struct kith_err *err)
{
	static const char sql[] =
		"SELECT count(*), coalesce(sum(org_id IS ?2), 0) FROM role "
		"WHERE contact_id = ?1 AND end_date IS NULL";
	sqlite3_stmt *st;
	enum kith_status rc = db_lookup_ready(db, err);

	if (!rc)
		rc = db_first(db, &st, sql, "role", err, "iI", contact_id, org_id);
	if (rc)         /* (an aggregate: always one row) */
		return rc;
	*n_out = sqlite3_column_int(st, 0);
	*at_org = sqlite3_column_int(st, 1) > 0;
	sqlite3_reset(st);
	return KITH_OK;
}

enum kith_status
import_extra_last(struct kdb *db, int64_t *id_out, struct kith_err *err)
{
	static const char sql[] = "SELECT coalesce(max(id), 0) FROM import_extra";

	return db_int64(db, id_out, sql, "import field", err, "");
}

enum kith_status
import_extra_since(struct kdb *db, int64_t after, long *n_out, struct kith_err *err)
{
	static const char sql[] = "SELECT count(*) FROM import_extra WHERE id > ?1";
	int64_t n = 0;
	enum kith_status rc = db_int64(db, &n, sql, "import field", err, "i", after);

	*n_out = (long)n;
	return rc;
}

enum kith_status
import_extra_put(struct kdb *db, const char *entity, int64_t entity_id, const char *source,
		 const char *name, const char *value, bool *added, struct kith_err *err)
{
	static const char q[] =
		"SELECT 1 FROM import_extra WHERE entity = ?1 AND entity_id = ?2 AND name = ?3 "
		"AND value_key = kith_value_key(?4) AND value = ?4";
	sqlite3_stmt *st;
	enum kith_status rc = db_first(db, &st, q, "import field", err, "titt", entity, entity_id,
				       name, value);

	*added = false;
	if (rc == KITH_OK)
		sqlite3_reset(st);
	if (rc != KITH_NOTFOUND)
		return rc;
	*added = true;
	return import_extra_add(db, entity, entity_id, source, name, value, err);
}

enum kith_status
event_find_title_start(struct kdb *db, const char *title, const char *start, int64_t *id_out,
		       struct kith_err *err)
{
	static const char sql[] =
		"SELECT id FROM event WHERE start_at = ?2 AND title = ?1 ORDER BY id LIMIT 1";
	bool used;
	enum kith_status rc = db_ev_keys_find(db, title, start, id_out, &used, err);

	if (used)
		return rc;              /* an import's: its own events by their keys (event.c) */
	return db_int64(db, id_out, sql, "event", err, "tt", title, start);
}

enum kith_status
followup_find_uid(struct kdb *db, const char *uid, int64_t *id_out, struct kith_err *err)
{
	static const char sql[] = "SELECT id FROM followup WHERE uid = ?1";

	return db_int64(db, id_out, sql, "follow-up", err, "t", uid);
}

enum kith_status
followup_find_title_due(struct kdb *db, const char *title, const char *due, int64_t *id_out,
			struct kith_err *err)
{
	/* open ones on the partial index, then the others */
	static const char sql[] =
		"SELECT id FROM followup WHERE due IS ?2 AND title = ?1 AND uid IS NULL "
		"ORDER BY id LIMIT 1";

	return db_int64(db, id_out, sql, "follow-up", err, "tT", title, due);
}

enum kith_status
followup_max_id(struct kdb *db, int64_t *id_out, struct kith_err *err)
{
	static const char sql[] = "SELECT coalesce(max(id), 0) FROM followup";

	return db_int64(db, id_out, sql, "follow-up", err, "");
}

enum kith_status
followup_set_uid(struct kdb *db, int64_t id, const char *uid, struct kith_err *err)
{
	static const char sql[] = "UPDATE followup SET uid = ?2 WHERE id = ?1";

	if (db_check_text("uid", uid, err))
		return KITH_INVALID;
	return db_write_run(db, sql, "follow-up uid", err, "iT", id, uid);
}

char *
followup_uid(struct kdb *db, int64_t id)
{
	static const char sql[] = "SELECT uid FROM followup WHERE id = ?1";
	sqlite3_stmt *st;
	char *r;

	if (db_first(db, &st, sql, "follow-up", NULL, "i", id))
		return NULL;
	r = db_col_dup(st, 0);
	sqlite3_reset(st);
	return r;
}

enum kith_status
attendance_status(struct kdb *db, int64_t event_id, int64_t contact_id, int *status_out,
		  struct kith_err *err)
{
	static const char sql[] =
		"SELECT status FROM attendance WHERE event_id = ?1 AND contact_id = ?2";
	sqlite3_stmt *st;
	enum kith_status rc = db_first(db, &st, sql, "attendance", err, "ii", event_id,
				       contact_id);

	if (rc)
		return rc;
	*status_out = kith_attend_status_parse(db_col_text(st, 0));
	sqlite3_reset(st);
	return KITH_OK;
}

static enum kith_status
ids_after(struct kdb *db, const char *sql, int64_t after, int64_t *ids, int limit, int *n_out,
	  struct kith_err *err)
{
	return db_ids(db, db_query(db, sql, err, "in", after, limit), ids, limit, n_out, "list",
		      err);
}

enum kith_status
contact_ids_after(struct kdb *db, int64_t after, int64_t *ids, int limit, int *n_out,
		  struct kith_err *err)
{
	static const char sql[] = "SELECT id FROM contact WHERE id > ?1 ORDER BY id LIMIT ?2";
	return ids_after(db, sql, after, ids, limit, n_out, err);
}

enum kith_status
event_ids_after(struct kdb *db, int64_t after, int64_t *ids, int limit, int *n_out,
		struct kith_err *err)
{
	static const char sql[] = "SELECT id FROM event WHERE id > ?1 ORDER BY id LIMIT ?2";
	return ids_after(db, sql, after, ids, limit, n_out, err);
}

enum kith_status
followup_ids_after(struct kdb *db, int64_t after, bool all, int64_t *ids, int limit, int *n_out,
		   struct kith_err *err)
{
	static const char open_sql[] =
		"SELECT id FROM followup WHERE id > ?1 AND status = 'open' ORDER BY id LIMIT ?2";
	static const char all_sql[] = "SELECT id FROM followup WHERE id > ?1 ORDER BY id LIMIT ?2";
	return ids_after(db, all ? all_sql : open_sql, after, ids, limit, n_out, err);
}

enum kith_status
contact_current_org(struct kdb *db, int64_t contact_id, char **org, char **title,
		    struct kith_err *err)
{
	static const char sql[] =
		"SELECT coalesce(o.name, ''), r.title FROM role r LEFT JOIN organisation o "
		"ON o.id = r.org_id WHERE r.contact_id = ?1 AND r.end_date IS NULL "
		"ORDER BY r.start_date DESC, r.id DESC LIMIT 1";
	sqlite3_stmt *st;
	enum kith_status rc = db_first(db, &st, sql, "role", err, "i", contact_id);

	*org = *title = NULL;
	if (rc && rc != KITH_NOTFOUND)
		return rc;
	*org = xstrdup(rc ? "" : db_col_text(st, 0));
	*title = xstrdup(rc ? "" : db_col_text(st, 1));
	if (!rc)
		sqlite3_reset(st);
	return KITH_OK;
}

enum kith_status
import_extra_list(struct kdb *db, const char *entity, int64_t entity_id, import_extra_fn fn,
		  void *ud, struct kith_err *err)
{
	static const char sql[] =
		"SELECT source, name, value FROM import_extra WHERE entity = ?1 AND entity_id = ?2 "
		"ORDER BY id";
	sqlite3_stmt *st = db_query(db, sql, err, "ti", entity, entity_id);
	int step;

	if (!st)
		return KITH_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ud, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2)))
			break;
	return ent_finish(db, st, step, "import fields", err);
}

enum kith_status
kdb_read_snapshot(struct kdb *db, bool *started, struct kith_err *err)
{
	*started = false;
	if (!sqlite3_get_autocommit(db->h))
		return KITH_OK;
	if (sqlite3_exec(db->h, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, err, "begin");
	*started = true;
	return KITH_OK;
}

enum kith_status
kdb_read_begin(struct kdb *db, bool *started, struct kith_err *err)
{
	/* no write can begin inside the snapshot: goal progress is brought up
	   from other writes' marks first (outside a transaction only), or every
	   goal read in it computes */
	goal_kept_catch_up(db);
	return kdb_read_snapshot(db, started, err);
}

void
kdb_read_end(struct kdb *db, bool started)
{
	if (started)
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}

enum kith_status
db_dump_window(struct kdb *db, enum dump_table t, int64_t after, int limit, dump_row_fn fn,
	       void *ud, int64_t *last_id, int *n_out, struct kith_err *err)
{
	static const char roles[] =
		"SELECT id, contact_id, org_id, seat, title, start_date, end_date FROM role "
		"WHERE id > ?1 ORDER BY id LIMIT ?2";
	static const char rels[] =
		"SELECT id, a_id, b_id, b_org_id, type, strength, start_date, end_date, note, source, "
		"created_at FROM relationship WHERE id > ?1 ORDER BY id LIMIT ?2";
	static const char moves[] =
		"SELECT id, map_id, contact_id, org_id, at, from_influence, from_alignment, "
		"to_influence, to_alignment, reason FROM placement_move WHERE id > ?1 ORDER BY id LIMIT ?2";
	static const char targets[] =
		"SELECT rowid AS id, map_id, contact_id FROM map_target WHERE rowid > ?1 "
		"ORDER BY rowid LIMIT ?2";
	static const char *const sqls[] = { roles, rels, moves, targets };
	sqlite3_stmt *st = db_query(db, sqls[t], err, "in", after, limit);
	const char *names[16], *vals[16];
	bool num[16];
	int step, n = 0;

	*n_out = 0;
	if (!st)
		return KITH_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int nc = sqlite3_column_count(st);
		if (nc > 16)
			nc = 16;
		for (int i = 0; i < nc; i++) {
			int type = sqlite3_column_type(st, i);
			names[i] = sqlite3_column_name(st, i);
			num[i] = type == SQLITE_INTEGER || type == SQLITE_FLOAT;
			vals[i] = type == SQLITE_NULL ? NULL : (const char *)sqlite3_column_text(st, i);
		}
		*last_id = sqlite3_column_int64(st, 0);
		n++;
		if (fn(ud, nc, names, vals, num))
			break;
	}
	*n_out = n;
	return ent_finish(db, st, step, "export", err);
}
