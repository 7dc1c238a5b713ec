/*
 * merge_db.c: the lookups the importer decides a merge by (see
 * kith/merge.h): a contact by its UID, the contacts sharing a channel one
 * after another, the ids an import made, a contact's role at an
 * organisation, and whether a kept-aside field is already kept. Each is one
 * index seek.
 */
#include "ent.h"

#include <stdlib.h>
#include <string.h>

#include "kith/merge.h"
#include "kith/str.h"
#include "kith/xalloc.h"

enum kith_status
contact_find_uid(struct kdb *db, const char *uid, int64_t *id_out, struct kith_err *err)
{
	/* its own UID, else one kept aside (name 'UID' by an import, 'uid' by a merge) */
	static const char sql[] =
		"SELECT id FROM contact WHERE uid = ?1 UNION ALL "
		"SELECT entity_id FROM import_extra WHERE value = ?1 AND entity = 'contact' "
		"AND name IN ('UID', 'uid') LIMIT 1";
	enum kith_status rc = db_lookup_ready(db, err);

	return rc ? rc : db_int64(db, id_out, sql, "contact", err, "t", uid);
}

enum kith_status
contact_max_id(struct kdb *db, int64_t *id_out, struct kith_err *err)
{
	static const char sql[] = "SELECT coalesce(max(id), 0) FROM contact";

	/* (an aggregate: always one row) */
	return db_int64(db, id_out, sql, "contact", err, "");
}

enum kith_status
contact_find_channel_first(struct kdb *db, const char *kind, const char *value, int64_t *ids,
			   int max, int *n_out, struct kith_err *err)
{
	/* the index on (value_key, kind) holds its rows in rowid order: the
	   first few are read without a sort, however many share the value */
	static const char sql[] =
		"SELECT contact_id FROM contact_channel WHERE kind = ?1 AND value_key = ?2 "
		"ORDER BY rowid LIMIT ?3";
	enum kith_status rc;
	char *key;
	sqlite3_stmt *st;

	if ((rc = db_lookup_ready(db, err)))
		return rc;
	key = db_channel_key(kind, value);
	st = db_query(db, sql, err, "ttn", kind, key, max);
	free(key);
	return db_ids(db, st, ids, max, n_out, "contact", err);
}

enum kith_status
contact_role_at(struct kdb *db, int64_t contact_id, int64_t org_id, const char *seat,
		int64_t *role_id, char **title, struct kith_err *err)
{
	static const char sql[] =
		"SELECT id, title FROM role WHERE contact_id = ?1 AND (org_id = ?2 OR "
		"(?2 IS NULL AND org_id IS NULL AND seat = ?3)) AND end_date IS NULL "
		"ORDER BY id LIMIT 1";
	sqlite3_stmt *st;
	enum kith_status rc = db_lookup_ready(db, err);

	*title = NULL;
	if (!rc)
		rc = db_first(db, &st, sql, "role", err, "iIt", contact_id, org_id, seat);
	if (rc)
		return rc;
	*role_id = sqlite3_column_int64(st, 0);
	*title = xstrdup(db_col_text(st, 1));
	sqlite3_reset(st);
	return KITH_OK;
}

static enum kith_status
role_title_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char sql[] = "UPDATE role SET title = ?2 WHERE id = ?1";
	const struct { int64_t id; const char *title; } *x = ctx;

	return db_run(db, sql, "role", err, "iT", x->id, x->title);
}

enum kith_status
role_set_title(struct kdb *db, int64_t role_id, const char *title, struct kith_err *err)
{
	struct { int64_t id; const char *title; } x = { role_id, title };

	if (db_check_text("title", title, err))
		return KITH_INVALID;
	return db_write(db, role_title_body, &x, err);
}

bool
import_extra_has(struct kdb *db, const char *entity, int64_t entity_id, const char *name,
		 const char *value)
{
	static const char q[] =
		"SELECT 1 FROM import_extra WHERE entity = ?1 AND entity_id = ?2 AND name = ?3 "
		"AND value_key = kith_value_key(?4) AND value = ?4";

	return db_int64(db, NULL, q, "import", NULL, "titt", entity, entity_id, name, value) ==
	       KITH_OK;
}

char *
contact_display_name(struct kdb *db, int64_t id)
{
	static const char sql[] = "SELECT display_name FROM contact WHERE id = ?1";
	char *r;

	return ent_row_text(db, sql, id, "contact", &r, NULL) ? xstrdup("") : r;
}

enum kith_status
contact_current_seat(struct kdb *db, int64_t contact_id, char **seat, struct kith_err *err)
{
	/* the same role as contact_current_org: the newest current one */
	static const char sql[] =
		"SELECT CASE WHEN org_id IS NULL THEN seat END FROM role WHERE contact_id = ?1 "
		"AND end_date IS NULL ORDER BY start_date DESC, id DESC LIMIT 1";
	sqlite3_stmt *st;
	enum kith_status rc = db_first(db, &st, sql, "role", err, "i", contact_id);

	*seat = NULL;
	if (rc)
		return rc == KITH_NOTFOUND ? KITH_OK : rc;
	*seat = db_col_dup(st, 0);      /* NULL: the newest role is at an organisation */
	sqlite3_reset(st);
	return KITH_OK;
}
