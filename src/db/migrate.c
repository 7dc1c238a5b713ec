/*
 * migrate.c: the schema's migrations (assets/schema.sql, one "-- @migration
 * N" step each, keyed on user_version) and the mark that says a database
 * is kith's.
 */
#include "internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

extern const char kith_schema_sql[];
extern const unsigned long kith_schema_sql_len;
/* A new database as the migrations leave it, made by the build
   (src/tools/mkimage.c); length 0 in the tool itself. */
extern const unsigned char kith_db_image[];
extern const unsigned long kith_db_image_len;

int
db_mark_ours(sqlite3 *h)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA application_id = %d", KITH_APPLICATION_ID);
	return sqlite3_exec(h, sql, NULL, NULL, NULL);
}

int
db_pragma_int(sqlite3 *h, const char *name)
{
	char sql[64];
	sqlite3_stmt *st;
	int v = INT_MIN;

	snprintf(sql, sizeof sql, "PRAGMA %s", name);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return INT_MIN;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* ---- migrations ------------------------------------------------------------- */

static const char *schema_text;     /* test override of kith_schema_sql */
/* kdb_schema_version's answer for the text (every open asks twice) */
static const char *known_text;
static int known;

void
kdb_test_set_schema(const char *sql)
{
	schema_text = sql;
	known_text = NULL;
}

/*
** Find migration `n` in the embedded schema; *start and *len receive its SQL.
** Returns false if there is no such step.
*/
static bool
migration_find(int n, const char **start, size_t *len)
{
	char marker[32];
	const char *text = schema_text ? schema_text : kith_schema_sql;
	const char *p, *end;
	size_t ml;

	snprintf(marker, sizeof marker, "-- @migration %d\n", n);
	ml = strlen(marker);
	for (p = text; (p = strstr(p, marker)); p++) {
		if (p == text || p[-1] == '\n')
			break;
	}
	if (!p)
		return false;
	p += ml;
	end = strstr(p, "\n-- @migration ");
	*start = p;
	*len = end ? (size_t)(end - p) + 1 : strlen(p);
	return true;
}

/*
** The highest n with steps 1..n all present, from one pass over the text
** (asked on every open: a search per step went over the text 14 times).
*/
int
kdb_schema_version(void)
{
	enum { MAX_STEPS = 1024 };
	const char *text = schema_text ? schema_text : kith_schema_sql;
	static const char marker[] = "-- @migration ";
	unsigned char seen[MAX_STEPS] = { 0 };
	int n = 0;

	if (text == known_text)
		return known;

	for (const char *p = text; (p = strstr(p, marker)); p++) {
		char *end;
		long k;
		if (p != text && p[-1] != '\n')
			continue;
		k = strtol(p + sizeof marker - 1, &end, 10);
		if (*end == '\n' && k > 0 && k < MAX_STEPS)
			seen[k] = 1;
	}
	while (n + 1 < MAX_STEPS && seen[n + 1])
		n++;
	known_text = text;
	known = n;
	return n;
}

int
kdb_user_version(struct kdb *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
** A new database (no table, user_version 0) becomes a copy of the image
** of one the build migrated (SQLite's backup, into the open connection):
** every migration in turn re-read the whole schema after each ALTER and
** parsed each step, 140 million instructions (40 ms) for every database
** kith creates, and each test. True if it is now at the newest version;
** false changes nothing (the migrations run instead).
*/
static bool
new_from_image(struct kdb *db, int target)
{
	sqlite3 *src = NULL;
	sqlite3_backup *b;
	sqlite3_stmt *st;
	bool empty = false, done = false;

	if (schema_text || !kith_db_image_len || target != kdb_schema_version())
		return false;
	if (sqlite3_prepare_v2(db->h, "SELECT NOT EXISTS (SELECT 1 FROM sqlite_master)", -1, &st,
			       NULL) != SQLITE_OK)
		return false;
	empty = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!empty || sqlite3_open_v2(":memory:", &src, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_deserialize(src, "main", (unsigned char *)kith_db_image,
				(sqlite3_int64)kith_db_image_len, (sqlite3_int64)kith_db_image_len,
				SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
		sqlite3_close(src);
		return false;
	}
	if ((b = sqlite3_backup_init(db->h, "main", src, "main"))) {
		done = sqlite3_backup_step(b, -1) == SQLITE_DONE;
		done = sqlite3_backup_finish(b) == SQLITE_OK && done;
	}
	sqlite3_close(src);
	return done && db_pragma_int(db->h, "user_version") == target;
}

enum kith_status
kdb_migrate_to(struct kdb *db, int target, struct kith_err *err)
{
	int have = db_pragma_int(db->h, "user_version");
	char *errmsg = NULL;

	if (have == INT_MIN)
		return db_error(db, err, db->path);
	if (have < 0)
		return kith_err_set(err, KITH_CORRUPT, "%s: schema version %d is not one kith "
				    "writes: the database is damaged; nothing was changed", db->path,
				    have);
	if (have > kdb_schema_version())
		return kith_err_set(err, KITH_VERSION,
				    "%s: schema version %d is newer than this kith understands (%d): "
				    "upgrade kith", db->path, have, kdb_schema_version());
	if (have >= target)
		return KITH_OK;
	if (db->readonly)
		return kith_err_set(err, KITH_IO,
				    "%s: schema version %d needs upgrading to %d, but the database is "
				    "open read-only", db->path, have, target);
	if (have == 0 && new_from_image(db, target))
		return KITH_OK;
	if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, err, db->path);
	for (int n = have + 1; n <= target; n++) {
		const char *sql;
		size_t len;
		char *step, pragma[48];

		if (!migration_find(n, &sql, &len)) {
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			return kith_err_set(err, KITH_DB, "migration %d: missing", n);
		}
		step = xstrndup(sql, len);
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", n);
		if (sqlite3_exec(db->h, step, NULL, NULL, &errmsg) != SQLITE_OK ||
		    sqlite3_exec(db->h, pragma, NULL, NULL, &errmsg) != SQLITE_OK) {
			kith_err_set(err, KITH_DB, "%s: migration %d: %s", db->path, n,
				     errmsg ? errmsg : "failed");
			sqlite3_free(errmsg);
			free(step);
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			return KITH_DB;
		}
		free(step);
	}
	/* every migration also marks the database as kith's */
	if (db_mark_ours(db->h) != SQLITE_OK ||
	    sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_error(db, err, db->path);
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return err ? err->code : KITH_DB;
	}
	return KITH_OK;
}

