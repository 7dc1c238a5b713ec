/*
 * powermap.c: power maps and their targets (see kith/powermap.h).
 * Placements and their move history are in placement.c.
 */
#include "ent.h"

#include <stdlib.h>
#include <string.h>

#include "kith/powermap.h"
#include "kith/str.h"

/* The columns map_get reads; after the id, ?1..?3 of the writes. */
#define DB_ROW struct kith_map
DB_TABLE(map_f, map_fields,
	DB_C(I64, id), DB_C(DUP, name), DB_C(DUP, goal),
	DB_CR(ID, primary_target_id, ENT_CONTACT));
#undef DB_ROW
static const struct db_fields map_write_fields = { sizeof(struct kith_map), 3, map_f + 1 };

static enum kith_status
map_check_fields(const void *row, struct kith_err *err)
{
	const struct kith_map *m = row;

	if (db_check_text("map name", m->name, err) || db_check_text("goal", m->goal, err))
		return KITH_INVALID;
	if (ent_require("map name", m->name, err))
		return KITH_INVALID;
	return KITH_OK;
}

/* The writer's check: name taken by another map (id: the row's own)? */
static enum kith_status
map_check(struct kdb *db, const void *row, int64_t id, struct kith_err *err)
{
	/* Case-insensitively: "Bond" and "bond" would only make map_resolve ambiguous. */
	static const char q_name[] =
		"SELECT id FROM power_map WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2";
	const struct kith_map *m = row;
	enum kith_status rc;
	int64_t other;

	if ((rc = db_int64(db, &other, q_name, "map", err, "tI", m->name, id)) != KITH_OK)
		return rc == KITH_NOTFOUND ? KITH_OK : rc;
	return kith_err_set(err, KITH_EXISTS, "map \"%.60s\": already exists (#%lld)", m->name,
			    (long long)other);
}

static const struct ent_writer map_writer = {
	.kind = ENT_MAP,
	.q_insert = "INSERT INTO power_map(name, goal, primary_target_id, created_at, updated_at, "
		"id) VALUES (?1, ?2, ?3, :now, :now, :key)",
	.q_update =
		"UPDATE power_map SET name = ?1, goal = ?2, primary_target_id = ?3, updated_at = :now "
		"WHERE id = :id",
	.validate = map_check_fields,
	.check = map_check,
	.fields = &map_write_fields,
	.q_get =
		"SELECT id, name, goal, primary_target_id FROM power_map WHERE id = ?",
	.read = &map_fields,
};

ENT_DEFINE(map, struct kith_map, map_writer)

enum kith_status
map_resolve(struct kdb *db, const char *arg, int64_t *id_out, struct kith_err *err)
{
	static const char q_id[] = "SELECT id, name FROM power_map WHERE id = ?1";
	static const char q_exact[] =
		"SELECT id, name FROM power_map WHERE name = ?1 COLLATE NOCASE ORDER BY id LIMIT 9";
	static const char q_prefix[] =
		"SELECT id, name FROM power_map WHERE name LIKE ?4 ESCAPE '\\' "
		"ORDER BY name, id LIMIT 9";
	static const struct ent_resolver r = { "map", q_id, q_exact, q_prefix, NULL, false };

	return ent_resolve(db, &r, arg, id_out, err);
}

enum kith_status
map_target_add(struct kdb *db, int64_t map_id, int64_t contact_id, struct kith_err *err)
{
	static const struct ent_writer w = {
		.kind = ENT_MAP,
		.q_insert = "INSERT OR IGNORE INTO map_target(map_id, contact_id) VALUES (?, ?)",
		.check = ent_link_check,
		.bind = ent_link_bind,
	};
	const struct ent_link l = { ENT_MAP, map_id, contact_id, NULL, NULL };

	return ent_add(db, &w, &l, NULL, err);
}

enum kith_status
map_target_remove(struct kdb *db, int64_t map_id, int64_t contact_id, struct kith_err *err)
{
	static const char sql[] = "DELETE FROM map_target WHERE map_id = ? AND contact_id = ?";

	return ent_unlink(db, sql, ENT_MAP, map_id, contact_id, "not a target of map", err);
}

ENT_EMITTER(map_emit, struct map_row, map_row_fn, "maps",
	DB_C(I64, id), DB_C(TEXT, name), DB_C(TEXT, goal), DB_C(I64, primary_target_id),
	DB_C(TEXT, primary_target_name), DB_C(LL, placements))

enum kith_status
map_list(struct kdb *db, map_row_fn fn, void *ud, struct kith_err *err)
{
	static const char sql[] =
		"SELECT m.id, m.name, m.goal, m.primary_target_id, coalesce(c.display_name, ''), "
		"(SELECT count(*) FROM placement p WHERE p.map_id = m.id) "
		"FROM power_map m LEFT JOIN contact c ON c.id = m.primary_target_id "
		"ORDER BY m.name COLLATE NOCASE, m.id";

	return map_emit(db, db_query(db, sql, err, ""), fn, ud, err);
}
