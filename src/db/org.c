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

static const struct db_enum org_kinds = DB_ENUM(kith_org_kind, KITH_ORG_OTHER);

/* The columns org_get reads */
#define DB_ROW struct kith_org
DB_TABLE(org_f, org_fields,
	DB_C(I64, id), DB_C(DUP, name), DB_CE(kind, org_kinds), DB_C(DUP, description),
	DB_C(INT, influence), DB_C(I64, parent_id));
#undef DB_ROW

/* Longest chain of parents we follow when checking for cycles. */
#define ORG_MAX_DEPTH 1000

/* The writer's check: the fields, the parent (id: the row's own, 0 for a new one). */
static enum kith_status
org_check(struct kdb *db, const void *row, int64_t id, struct kith_err *err)
{
	static const char q_cycle[] =
		"WITH RECURSIVE up(id, n) AS (SELECT ?1, 0 UNION ALL "
		"SELECT o.parent_id, up.n + 1 FROM up JOIN organisation o ON o.id = up.id "
		"WHERE o.parent_id IS NOT NULL AND up.n < ?3) "
		"SELECT 1 FROM up WHERE id = ?2 LIMIT 1";
	const struct kith_org *o = row;
	enum kith_status rc;
	int64_t one;

	if (db_check_text("organisation name", o->name, err) ||
	    db_check_text("description", o->description, err))
		return KITH_INVALID;
	if (ent_require("organisation name", o->name, err) ||
	    ent_check_enum("organisation kind", o->kind, KITH_ORG_COUNT_, err) ||
	    ent_check_int("influence", o->influence, 0, 5, "must be 1 to 5", err))
		return KITH_INVALID;
	if (!o->parent_id)
		return KITH_OK;
	if (o->parent_id == id)
		return kith_err_set(err, KITH_INVALID,
				    "parent #%lld: an organisation cannot be its own parent",
				    (long long)o->parent_id);
	if ((rc = ent_has(db, ENT_ORG, o->parent_id, err)))
		return rc;
	if (!id)
		return KITH_OK;
	/* The new parent must not be below this organisation. */
	rc = db_int64(db, &one, q_cycle, "organisation", err, "iin", o->parent_id, id, ORG_MAX_DEPTH);
	if (rc == KITH_OK)
		return kith_err_set(err, KITH_INVALID,
				    "parent #%lld: is inside organisation #%lld (a cycle)",
				    (long long)o->parent_id, (long long)id);
	return rc == KITH_NOTFOUND ? KITH_OK : rc;
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

static const struct ent_writer org_writer = {
	.kind = ENT_ORG,
	.q_insert =
		"INSERT INTO organisation(name, name_key, kind, description, influence, parent_id, "
		"created_at, updated_at, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, :now, :now, :key)",
	.q_update =
		"UPDATE organisation SET name = ?1, name_key = ?2, kind = ?3, description = ?4, "
		"influence = ?5, parent_id = ?6, updated_at = :now WHERE id = :id",
	.check = org_check,
	.bind = org_bind,
	.q_get =
		"SELECT id, name, kind, description, influence, parent_id FROM organisation WHERE id = ?",
	.read = &org_fields,
	.pend_unread = DB_PEND_CHANNELS | DB_PEND_ROLES,
};

ENT_DEFINE(org, struct kith_org, org_writer)

/* The oldest organisation whose folded name is key; 0 if none. */
static enum kith_status
org_by_key(struct kdb *db, const char *key, int64_t *id, struct kith_err *err)
{
	static const char sql[] =
		"SELECT id FROM organisation WHERE name_key = ? ORDER BY id LIMIT 1";
	enum kith_status rc = db_int64(db, id, sql, "organisation", err, "t", key);

	return rc == KITH_NOTFOUND ? KITH_OK : rc;
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

ENT_EMITTER(org_emit, struct org_row, org_row_fn, "organisations",
	DB_C(I64, id), DB_C(TEXT, name), DB_CE(kind, org_kinds), DB_C(INT, influence),
	DB_C(LL, members))

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
	sqlite3_stmt *st;
	char *key = NULL;
	enum kith_status rc;

	if (anchor && (rc = ent_row_text(db, q_anchor, anchor, "organisation", &key, err)))
		return rc;
	/* (the first two have no ?1 and ?2: binding them is harmless) */
	st = db_query(db, sqls[(anchor ? 2 : 0) + (dir < 0 ? 1 : 0)], err, "tin", key, anchor,
		      limit);
	free(key);
	return org_emit(db, st, fn, ud, err);
}
