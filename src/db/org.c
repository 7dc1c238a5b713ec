/*
 * org.c: organisations (see kith/org.h). Roles are in role.c,
 * relationships in relationship.c.
 */
#include "ent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/org.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

void
org_free(struct kith_org *o)
{
	if (!o)
		return;
	free(o->name);
	free(o->description);
	memset(o, 0, sizeof *o);
}

/* Longest chain of parents we follow when checking for cycles. */
#define ORG_MAX_DEPTH 1000

static enum kith_status
org_validate(struct kdb *db, const struct kith_org *o, struct kith_err *err)
{
	static const char q_cycle[] =
		"WITH RECURSIVE up(id, n) AS (SELECT ?1, 0 UNION ALL "
		"SELECT o.parent_id, up.n + 1 FROM up JOIN organisation o ON o.id = up.id "
		"WHERE o.parent_id IS NOT NULL AND up.n < ?3) "
		"SELECT 1 FROM up WHERE id = ?2 LIMIT 1";
	enum kith_status rc;
	sqlite3_stmt *st;
	int step;

	if (db_check_text("organisation name", o->name, err) ||
	    db_check_text("description", o->description, err))
		return KITH_INVALID;
	if (ent_require("organisation name", o->name, err))
		return KITH_INVALID;
	if (o->kind < 0 || o->kind >= KITH_ORG_COUNT_)
		return kith_err_set(err, KITH_INVALID, "organisation kind %d: unknown", o->kind);
	if (o->influence < 0 || o->influence > 5)
		return kith_err_set(err, KITH_INVALID, "influence %d: must be 1 to 5", o->influence);
	if (!o->parent_id)
		return KITH_OK;
	if (o->parent_id == o->id)
		return kith_err_set(err, KITH_INVALID,
				    "parent #%lld: an organisation cannot be its own parent",
				    (long long)o->parent_id);
	if ((rc = ent_org_exists(db, o->parent_id, err)))
		return rc;
	if (!o->id)
		return KITH_OK;
	/* The new parent must not be below this organisation. */
	if (!(st = db_stmt(db, q_cycle, err)))
		return KITH_DB;
	sqlite3_bind_int64(st, 1, o->parent_id);
	sqlite3_bind_int64(st, 2, o->id);
	sqlite3_bind_int(st, 3, ORG_MAX_DEPTH);
	step = sqlite3_step(st);
	if ((rc = ent_finish(db, st, step, "organisation", err)))
		return rc;
	if (step == SQLITE_ROW)
		return kith_err_set(err, KITH_INVALID,
				    "parent #%lld: is inside organisation #%lld (a cycle)",
				    (long long)o->parent_id, (long long)o->id);
	return KITH_OK;
}

/* ?1..?6 the fields */
static void
org_bind(sqlite3_stmt *st, const void *row)
{
	const struct kith_org *o = row;
	char *key = db_name_key(o->name);

	db_bind_text(st, 1, o->name);
	db_bind_text(st, 2, key);
	sqlite3_bind_text(st, 3, kith_org_kind_name(o->kind), -1, SQLITE_STATIC);
	db_bind_text(st, 4, o->description);
	if (o->influence)
		sqlite3_bind_int(st, 5, o->influence);
	else
		sqlite3_bind_null(st, 5);
	db_bind_id(st, 6, o->parent_id);
	free(key);
}

static enum kith_status
org_check(struct kdb *db, const void *row, int64_t id, struct kith_err *err)
{
	struct kith_org tmp = *(const struct kith_org *)row;

	tmp.id = id;
	return org_validate(db, &tmp, err);
}

static const struct ent_writer org_writer = {
	.kind = ENT_ORG,
	.q_insert =
		"INSERT INTO organisation(name, name_key, kind, description, influence, parent_id, "
		"created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, :now, :now)",
	.q_update =
		"UPDATE organisation SET name = ?1, name_key = ?2, kind = ?3, description = ?4, "
		"influence = ?5, parent_id = ?6, updated_at = :now WHERE id = :id",
	.check = org_check,
	.bind = org_bind,
};

enum kith_status
org_add(struct kdb *db, const struct kith_org *o, int64_t *id_out, struct kith_err *err)
{
	return ent_add(db, &org_writer, o, id_out, err);
}

enum kith_status
org_get(struct kdb *db, int64_t id, struct kith_org *out, struct kith_err *err)
{
	static const char sql[] =
		"SELECT id, name, kind, description, influence, parent_id FROM organisation WHERE id = ?";
	sqlite3_stmt *st;
	enum kith_status rc;

	memset(out, 0, sizeof *out);
	if ((rc = ent_row(db, sql, id, "organisation", &st, err)))
		return rc;
	out->id = sqlite3_column_int64(st, 0);
	out->name = db_col_dup(st, 1);
	out->kind = kith_org_kind_parse(db_col_text(st, 2));
	if (out->kind < 0)
		out->kind = KITH_ORG_OTHER;
	out->description = db_col_dup(st, 3);
	out->influence = sqlite3_column_int(st, 4);
	out->parent_id = sqlite3_column_int64(st, 5);
	sqlite3_reset(st);
	return KITH_OK;
}

enum kith_status
org_update(struct kdb *db, const struct kith_org *o, struct kith_err *err)
{
	return ent_update(db, &org_writer, o, o->id, err);
}

enum kith_status
org_delete(struct kdb *db, int64_t id, struct kith_err *err)
{
	return ent_delete(db, ENT_ORG, id, err);
}

/* The oldest organisation whose folded name is key; 0 if none. */
static enum kith_status
org_by_key(struct kdb *db, const char *key, int64_t *id, struct kith_err *err)
{
	static const char sql[] =
		"SELECT id FROM organisation WHERE name_key = ? ORDER BY id LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql, err);
	int rc;

	*id = 0;
	if (!st)
		return KITH_DB;
	db_bind_text(st, 1, key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	return ent_finish(db, st, rc, "organisation", err);
}

enum kith_status
org_find(struct kdb *db, const char *name, bool create, int64_t *id_out, struct kith_err *err)
{
	struct kith_org o = { 0 };
	enum kith_status rc;
	char *key;
	int64_t id;

	*id_out = 0;
	if (db_check_text("organisation name", name, err) ||
	    ent_require("organisation name", name, err))
		return KITH_INVALID;
	key = db_name_key(name);
	rc = org_by_key(db, key, &id, err);
	free(key);
	if (rc)
		return rc;
	if (id) {
		*id_out = id;
		return KITH_OK;
	}
	if (!create)
		return kith_err_set(err, KITH_NOTFOUND, "\"%.60s\": no such organisation", name);
	o.name = (char *)name;
	o.kind = KITH_ORG_OTHER;
	return org_add(db, &o, id_out, err);
}

enum kith_status
org_resolve(struct kdb *db, const char *arg, int64_t *id_out, struct kith_err *err)
{
	static const char q_id[] = "SELECT id, name FROM organisation WHERE id = ?1";
	static const char q_exact[] =
		"SELECT id, name FROM organisation WHERE name_key = ?2 ORDER BY id LIMIT 9";
	static const char q_prefix[] =
		"SELECT id, name FROM organisation WHERE name_key >= ?2 AND name_key < ?3 "
		"ORDER BY name_key, id LIMIT 9";
	static const char q_words[] =
		"SELECT o.id, o.name FROM organisation_fts f JOIN organisation o ON o.id = f.rowid "
		"WHERE organisation_fts MATCH '{name} : (' || ?1 || ')' ORDER BY o.name_key LIMIT 9";
	static const struct ent_resolver r = {
		"organisation", q_id, q_exact, q_prefix, q_words, false,
	};

	return ent_resolve(db, &r, arg, id_out, err);
}

/* ---- the windowed list -------------------------------------------------------- */

#define ORG_ROW_COLS \
	"SELECT o.id, o.name, o.kind, o.influence, " \
	"(SELECT count(DISTINCT r.contact_id) FROM role r " \
	"  WHERE r.org_id = o.id AND r.end_date IS NULL) FROM organisation o "

enum kith_status
org_list(struct kdb *db, int64_t anchor, int dir, int limit, org_row_fn fn, void *ud,
	 struct kith_err *err)
{
	static const char q_anchor[] = "SELECT name_key, id FROM organisation WHERE id = ?";
	static const char *const sqls[4] = {
		ORG_ROW_COLS "ORDER BY o.name_key, o.id LIMIT ?3",
		ORG_ROW_COLS "ORDER BY o.name_key DESC, o.id DESC LIMIT ?3",
		ORG_ROW_COLS "WHERE (o.name_key, o.id) > (?1, ?2) ORDER BY o.name_key, o.id LIMIT ?3",
		ORG_ROW_COLS "WHERE (o.name_key, o.id) < (?1, ?2) "
			"ORDER BY o.name_key DESC, o.id DESC LIMIT ?3",
	};
	sqlite3_stmt *st, *ak;
	char *key = NULL;
	int rc;

	if (anchor) {
		if (!(ak = db_stmt(db, q_anchor, err)))
			return KITH_DB;
		sqlite3_bind_int64(ak, 1, anchor);
		if ((rc = sqlite3_step(ak)) != SQLITE_ROW) {
			if (ent_finish(db, ak, rc, "organisations", err))
				return err ? err->code : KITH_DB;
			return kith_err_set(err, KITH_NOTFOUND,
					    "organisation #%lld: no such organisation",
					    (long long)anchor);
		}
		key = xstrdup(db_col_text(ak, 0));
		sqlite3_reset(ak);
	}
	if (!(st = db_stmt(db, sqls[(anchor ? 2 : 0) + (dir < 0 ? 1 : 0)], err))) {
		free(key);
		return KITH_DB;
	}
	if (anchor) {
		db_bind_text(st, 1, key);
		sqlite3_bind_int64(st, 2, anchor);
	}
	sqlite3_bind_int(st, 3, limit);
	free(key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct org_row r;
		r.id = sqlite3_column_int64(st, 0);
		r.name = db_col_text(st, 1);
		r.kind = kith_org_kind_parse(db_col_text(st, 2));
		if (r.kind < 0)
			r.kind = KITH_ORG_OTHER;
		r.influence = sqlite3_column_int(st, 3);
		r.members = sqlite3_column_int64(st, 4);
		if (fn(ud, &r))
			break;
	}
	return ent_finish(db, st, rc, "organisations", err);
}
