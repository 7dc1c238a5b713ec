/*
 * db.c: opening a kith database, migrations, the statement cache, write
 * transactions and the helpers every src/db file shares (internal.h).
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/contact.h"
#include "kith/date.h"
#include "kith/fold.h"
#include "kith/safefile.h"
#include "kith/str.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"

extern const char kith_schema_sql[];
extern const unsigned long kith_schema_sql_len;

/* How long a writer waits for another one's transaction before giving up. */
#define DB_BUSY_MS 5000

/* ---- shared helpers ------------------------------------------------------ */

/*
** After a uniqueness failure: is it the index that is damaged? msg is
** SQLite's "UNIQUE constraint failed: TABLE.column, ...": check that
** table and its indexes (integrity_check compares index entries with the
** rows, which quick_check does not), or the whole file if no table is named.
*/
static bool
db_damaged(struct kdb *db, const char *msg)
{
	const char *t = strstr(msg, "failed: ");
	char sql[128];
	sqlite3_stmt *st;
	bool bad = false;
	size_t n = 0;

	if (t) {
		t += 8;
		n = strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
	}
	if (n > 0 && n < 64 && t[n] == '.')
		snprintf(sql, sizeof sql, "PRAGMA integrity_check(\"%.*s\")", (int)n, t);
	else
		snprintf(sql, sizeof sql, "PRAGMA quick_check(1)");
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW)
		bad = strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0;
	sqlite3_finalize(st);
	return bad;
}

enum kith_status
db_error(struct kdb *db, struct kith_err *err, const char *what)
{
	int rc = sqlite3_extended_errcode(db->h);
	int sys = sqlite3_system_errno(db->h);
	enum kith_status code = KITH_DB;
	char msg[256];

	/* the check below runs a statement, which resets the error */
	snprintf(msg, sizeof msg, "%s", sqlite3_errmsg(db->h));
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		code = KITH_BUSY;
	else if ((rc & 0xff) == SQLITE_CONSTRAINT)
		code = KITH_INVALID;
	else if ((rc & 0xff) == SQLITE_READONLY)
		code = KITH_IO;
	else if ((rc & 0xff) == SQLITE_CORRUPT)
		code = KITH_CORRUPT;
	/* A uniqueness failure can come from a damaged index rather than from
	   the input: tell them apart before blaming the user. */
	if ((rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) &&
	    db_damaged(db, msg))
		code = KITH_CORRUPT;
	if (code == KITH_CORRUPT)
		return kith_err_set(err, code, "%s: the database is damaged (%s%s%s); nothing was "
				    "changed: restore a backup", db->path ? db->path : "database",
				    what ? what : "", what ? ": " : "", msg);
	/* Another writer held the lock past the busy timeout: say so plainly. */
	if (code == KITH_BUSY && db->path)
		return kith_err_set(err, code, "%s: busy: another process is writing to it and did "
				    "not finish within %d s; nothing was changed, try again", db->path,
				    DB_BUSY_MS / 1000);
	/* A full disk, a file-size limit, a read-only file: name the file and the
	   system's reason. */
	if (db->path && ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR ||
			 (rc & 0xff) == SQLITE_READONLY)) {
		bool same = what && !strcmp(what, db->path);
		return kith_err_set(err, KITH_IO, "%s%s%s: %s%s%s%s; nothing was changed", db->path,
				    same ? "" : ": ", same ? "" : what, msg, sys ? " (" : "",
				    sys ? strerror(sys) : "", sys ? ")" : "");
	}
	return kith_err_set(err, code, "%s: %s", what, msg);
}

sqlite3_stmt *
db_stmt(struct kdb *db, const char *sql, struct kith_err *err)
{
	sqlite3_stmt *st;
	int i;

	for (i = 0; i < db->n_cache; i++) {
		if (db->cache[i].sql == sql) {
			st = db->cache[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		db_error(db, err, "prepare");
		return NULL;
	}
	if (db->n_cache == DB_STMT_CACHE) {
		/*
		 * Full (kith has a few hundred fixed statements, so this is rare):
		 * drop the oldest one that is not running. A statement still being
		 * stepped by a caller up the stack must survive.
		 */
		for (i = 0; i < db->n_cache && sqlite3_stmt_busy(db->cache[i].stmt); i++)
			;
		if (i == db->n_cache) {
			sqlite3_finalize(st);
			kith_err_set(err, KITH_DB, "prepare: too many statements in use");
			return NULL;
		}
		sqlite3_finalize(db->cache[i].stmt);
		memmove(db->cache + i, db->cache + i + 1,
			(size_t)(DB_STMT_CACHE - 1 - i) * sizeof db->cache[0]);
		db->n_cache--;
	}
	db->cache[db->n_cache].sql = sql;
	db->cache[db->n_cache].stmt = st;
	db->n_cache++;
	return st;
}

int
db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

int
db_bind_text_null(sqlite3_stmt *st, int i, const char *s)
{
	if (!s || !*s)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

int
db_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id == 0)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_int64(st, i, id);
}

const char *
db_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

char *
db_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

enum kith_status
db_step_done(struct kdb *db, sqlite3_stmt *st, struct kith_err *err, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		sqlite3_reset(st);
		return KITH_OK;
	}
	db_error(db, err, what);
	sqlite3_reset(st);
	return err ? err->code : KITH_DB;
}

void
db_now(char out[20])
{
	/* formatted once a minute: an import stamps every row it adds */
	static struct kdatetime last;
	static char last_out[20];
	struct kdatetime t = kdate_now();
	char buf[KDATETIME_STR];

	t.has_time = true;
	if (!last_out[0] || t.date.y != last.date.y || t.date.m != last.date.m ||
	    t.date.d != last.date.d || t.hh != last.hh || t.mm != last.mm) {
		kdatetime_format(t, buf);
		snprintf(last_out, sizeof last_out, "%s:00", buf);
		last = t;
	}
	memcpy(out, last_out, sizeof last_out);
}

char *
db_name_key(const char *name)
{
	return fold_text(name);
}

enum kith_status
db_check_text(const char *field, const char *s, struct kith_err *err)
{
	if (s && !utf8_valid(s, strlen(s)))
		return kith_err_set(err, KITH_INVALID, "%s: not valid UTF-8", field);
	return KITH_OK;
}

/* ---- SQL functions --------------------------------------------------------- */

static void
sql_kith_today(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[KDATE_STR];

	(void)argc;
	(void)argv;
	kdate_format(kdate_today(), buf);
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/* FNV-1a, 64 bits, of a text's bytes: import_extra.value_key (migration 9). */
static void
sql_kith_value_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);
	int n = sqlite3_value_bytes(argv[0]);
	uint64_t h = 14695981039346656037u;

	(void)argc;
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	for (int i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211u;
	sqlite3_result_int64(ctx, (sqlite3_int64)h);
}

static void
sql_kith_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[KDATETIME_STR];
	struct kdatetime t = kdate_now();

	(void)argc;
	(void)argv;
	t.has_time = true;
	kdatetime_format(t, buf);
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/* kith_fold(text): the folded form of a name (src/util/fold.c), for migrations
   that re-fold stored keys. */
static void
sql_kith_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *t = sqlite3_value_text(argv[0]);

	(void)argc;
	if (!t) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, fold_text((const char *)t), -1, free);
}

/* kith_honorific(name): the honorifics a display name starts with ("Cllr."),
   or '' (contact_honorific_len). */
static void
sql_kith_honorific(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	size_t n = contact_honorific_len(t, NULL);

	(void)argc;
	while (n > 0 && t[n - 1] == ' ')
		n--;
	sqlite3_result_text(ctx, t ? t : "", (int)n, SQLITE_TRANSIENT);
}

/* PRAGMA application_id of kith's databases: "kith" in ASCII. */
#define KITH_APPLICATION_ID 0x6b697468

/* Mark the database as kith's (a header field; inside or outside a transaction). */
static int
mark_ours(sqlite3 *h)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA application_id = %d", KITH_APPLICATION_ID);
	return sqlite3_exec(h, sql, NULL, NULL, NULL);
}

/* The value of an integer pragma ("user_version"); INT_MIN on error. */
static int
pragma_int(sqlite3 *h, const char *name)
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

void
kdb_test_set_schema(const char *sql)
{
	schema_text = sql;
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

int
kdb_schema_version(void)
{
	int n = 0;
	const char *s;
	size_t len;

	while (migration_find(n + 1, &s, &len))
		n++;
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

enum kith_status
kdb_migrate_to(struct kdb *db, int target, struct kith_err *err)
{
	int have = pragma_int(db->h, "user_version");
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
	if (mark_ours(db->h) != SQLITE_OK ||
	    sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_error(db, err, db->path);
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return err ? err->code : KITH_DB;
	}
	return KITH_OK;
}

enum kith_status
kdb_exec_script(struct kdb *db, const char *sql, struct kith_err *err)
{
	char *errmsg = NULL;
	enum kith_status rc;

	if ((rc = db_write_begin(db, err)))
		return rc;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &errmsg) != SQLITE_OK) {
		kith_err_set(err, KITH_DB, "script: %s", errmsg ? errmsg : "failed");
		sqlite3_free(errmsg);
		return db_write_fail(db, err, KITH_DB);
	}
	return db_write_end(db, err);
}

/* ---- open and close ----------------------------------------------------------- */

/* Make sure path and its -wal/-shm companions are private (no group or
   other bits) if they exist; an owner's read-only choice (0400) is kept. */
static void
tighten_modes(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	char buf[4096];
	struct stat st;

	for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		snprintf(buf, sizeof buf, "%s%s", path, sfx[i]);
		if (stat(buf, &st) == 0 && (st.st_mode & 07777) != (st.st_mode & 0600))
			chmod(buf, st.st_mode & 0600);
	}
}

/*
** Is this database kith's? Empty (new), marked with kith's application_id,
** or, from before the mark, at a kith schema version with kith's meta and
** contact tables. Anything else belongs to another program: refused before
** anything (WAL, modes, tables) is changed.
*/
static enum kith_status
check_ours(struct kdb *db, struct kith_err *err)
{
	static const char q_tables[] =
		"SELECT count(*), "
		"count(*) FILTER (WHERE type = 'table' AND name IN ('meta', 'contact')), "
		"count(*) FILTER (WHERE type = 'table') FROM sqlite_master";
	sqlite3_stmt *st;
	int n = 0, ours = 0, tables, app, ver;

	if (sqlite3_prepare_v2(db->h, q_tables, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, err, db->path);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_error(db, err, db->path);
		sqlite3_finalize(st);
		return err && err->code != KITH_DB ? err->code : KITH_IO;
	}
	n = sqlite3_column_int(st, 0);
	ours = sqlite3_column_int(st, 1);
	tables = sqlite3_column_int(st, 2);
	sqlite3_finalize(st);
	if (n == 0)
		return KITH_OK;
	app = pragma_int(db->h, "application_id");
	ver = pragma_int(db->h, "user_version");
	if (app == KITH_APPLICATION_ID)
		return KITH_OK;
	if (app == 0 && ours == 2 && ver >= 1)
		return KITH_OK;
	if (app != 0)
		return kith_err_set(err, KITH_IO, "%s: not a kith database (it belongs to another "
				    "program: application id %d); kith changed nothing", db->path, app);
	return kith_err_set(err, KITH_IO, "%s: not a kith database (it holds %d table%s of "
			    "another program); kith changed nothing", db->path, tables,
			    tables == 1 ? "" : "s");
}

/*
** SQLite's temporary files (a big undo's statement journal, sorts) go to
** /var/tmp or $TMPDIR by default, where other users' files live and where
** space may be short. Keep them in the database's own directory, which is
** private (0700) and has room for the database: the directory of the
** first database this process opens (kith opens one). SQLite reads this
** variable when it makes a temporary file; it must be sqlite3_mprintf'd.
*/
static void
keep_temp_beside(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX];

	if (sqlite3_temp_directory)
		return;
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	{
		char real[PATH_MAX];
		if (realpath(dir, real))
			sqlite3_temp_directory = sqlite3_mprintf("%s", real);
	}
}

static bool
is_memory(const char *path)
{
	return !strcmp(path, ":memory:") || !strncmp(path, "file::memory:", 13);
}

enum kith_status
kdb_open(const char *path, int flags, struct kdb **out, struct kith_err *err)
{
	struct kdb *db;
	int oflags, rc;
	enum kith_status st;
	mode_t old;
	bool mem = is_memory(path);
	static bool configured;
	char limit[64];

	*out = NULL;
	if (!mem) {
		struct stat sb;
		if (stat(path, &sb) == 0) {
			if (S_ISDIR(sb.st_mode))
				return kith_err_set(err, KITH_IO, "%s: is a directory", path);
		} else if (!(flags & KDB_CREATE)) {
			return kith_err_set(err, KITH_NOTFOUND, "%s: no such database", path);
		} else {
			/* Create the file ourselves so it is 0600 from the first byte. */
			int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
			if (fd < 0 && errno != EEXIST)
				return kith_err_set(err, KITH_IO, "%s: cannot create: %s", path,
						    strerror(errno));
			if (fd >= 0)
				close(fd);
		}
	}
	/* SQLite counts its memory under a global mutex unless told not to:
	   3% of an import's instructions, and kith never asks for the count.
	   Refused (harmlessly) once SQLite is initialised. */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = true;
	}
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->readonly = (flags & KDB_READONLY) != 0;
	oflags = db->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (flags & KDB_CREATE && !db->readonly)
		oflags |= SQLITE_OPEN_CREATE;
	oflags |= SQLITE_OPEN_NOMUTEX;
	/* -wal and -shm are created by SQLite itself: keep them private too. */
	old = umask(077);
	/* URIs only for the in-memory test names: a user's path is a path */
	rc = sqlite3_open_v2(path, &db->h, oflags | (mem ? SQLITE_OPEN_URI : 0), NULL);
	if (rc != SQLITE_OK) {
		umask(old);
		kith_err_set(err, KITH_IO, "%s: cannot open: %s", path,
			     db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		kdb_close(db);
		return KITH_IO;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, DB_BUSY_MS);
	sqlite3_create_function(db->h, "kith_today", 0, SQLITE_UTF8, NULL, sql_kith_today,
				NULL, NULL);
	sqlite3_create_function(db->h, "kith_now", 0, SQLITE_UTF8, NULL, sql_kith_now, NULL,
				NULL);
	sqlite3_create_function(db->h, "kith_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_kith_fold, NULL, NULL);
	sqlite3_create_function(db->h, "kith_honorific", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				NULL, sql_kith_honorific, NULL, NULL);
	sqlite3_create_function(db->h, "kith_value_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				NULL, sql_kith_value_key, NULL, NULL);
	warm_sql_init(db->h);
	snprintf(limit, sizeof limit, "PRAGMA journal_size_limit = %d", KDB_WAL_LIMIT);
	if (sqlite3_exec(db->h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db->h, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db->h, limit, NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	/* Reading the schema here turns "not a database" into a clear error now,
	   and decides, before anything is changed, whether it is kith's. */
	if ((st = check_ours(db, err)) != KITH_OK) {
		umask(old);
		kdb_close(db);
		return st;
	}
	if (!mem && !db->readonly &&
	    sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	umask(old);
	if (!mem && !db->readonly)
		tighten_modes(path);
	if (!mem)
		keep_temp_beside(path);
	if (!(flags & KDB_NO_MIGRATE) &&
	    (st = kdb_migrate_to(db, kdb_schema_version(), err)) != KITH_OK) {
		kdb_close(db);
		return st;
	}
	/* Mark the database as kith's (new ones, and those of kith before the
	   mark): a header field, set once. */
	if (!db->readonly && !(flags & KDB_NO_MIGRATE) &&
	    pragma_int(db->h, "application_id") != KITH_APPLICATION_ID && mark_ours(db->h) != SQLITE_OK)
		goto fail_umask_done;
	*out = db;
	return KITH_OK;
fail:
	umask(old);
fail_umask_done:
	st = db_error(db, err, path);
	if (st == KITH_DB)
		st = KITH_IO;
	if (err)
		err->code = st;
	kdb_close(db);
	return st;
}

void
kdb_close(struct kdb *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->n_cache; i++)
		sqlite3_finalize(db->cache[i].stmt);
	if (db->session)
		sqlite3session_delete(db->session);
	kdb_change_free(db->last_change);
	if (db->h)
		sqlite3_close(db->h);
	free(db->path);
	free(db);
}

enum kith_status
kdb_checkpoint(struct kdb *db, struct kith_err *err)
{
	int rc;

	if (db->readonly || db->depth > 0)
		return KITH_OK;
	/* never wait: the planner calls this between keys */
	sqlite3_busy_timeout(db->h, 0);
	rc = sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_busy_timeout(db->h, DB_BUSY_MS);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return kith_err_set(err, KITH_BUSY, "checkpoint: another process is using the "
				    "database; done as far as possible");
	if (rc != SQLITE_OK)
		return db_error(db, err, "checkpoint");
	return KITH_OK;
}

long long
kdb_commits(struct kdb *db)
{
	return db->commits;
}

const char *
kdb_path(struct kdb *db)
{
	return db->path;
}

long long
kdb_data_version(struct kdb *db)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	long long v = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return v;
}

/* ---- me ----------------------------------------------------------------------- */

int64_t
kdb_me(struct kdb *db)
{
	static const char sql[] =
		"SELECT c.id FROM meta m JOIN contact c ON c.id = CAST(m.value AS INTEGER) "
		"WHERE m.key = 'me'";
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	int64_t id = 0;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return id;
}

enum kith_status
kdb_set_me(struct kdb *db, int64_t contact_id, struct kith_err *err)
{
	static const char q_exists[] = "SELECT 1 FROM contact WHERE id = ?";
	static const char q_set[] =
		"INSERT INTO meta(key, value) VALUES ('me', ?) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *st;
	enum kith_status rc;
	char buf[32];
	bool found;

	if (!(st = db_stmt(db, q_exists, err)))
		return KITH_DB;
	sqlite3_bind_int64(st, 1, contact_id);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!found)
		return kith_err_set(err, KITH_NOTFOUND, "contact #%lld: no such contact",
				    (long long)contact_id);
	if ((rc = db_write_begin(db, err)))
		return rc;
	if (!(st = db_stmt(db, q_set, err)))
		return db_write_fail(db, err, KITH_DB);
	snprintf(buf, sizeof buf, "%lld", (long long)contact_id);
	sqlite3_bind_text(st, 1, buf, -1, SQLITE_TRANSIENT);
	if ((rc = db_step_done(db, st, err, "me")))
		return db_write_fail(db, err, rc);
	return db_write_end(db, err);
}

/* ---- backup -------------------------------------------------------------------- */

/* The first line of PRAGMA integrity_check on h: "ok" when sound. */
static void
integrity(sqlite3 *h, char *out, size_t n)
{
	sqlite3_stmt *st;
	int rc;

	snprintf(out, n, "cannot be checked");
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check(1)", -1, &st, NULL) != SQLITE_OK) {
		snprintf(out, n, "%s", sqlite3_errmsg(h));
		return;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		/* "*** in database main ***\nOn tree page 10 ...": the second line */
		snprintf(out, n, "%s", strchr(t, '\n') ? strchr(t, '\n') + 1 : t);
		for (char *p = out; *p; p++)
			if (*p == '\n')
				*p = ' ';
	} else
		snprintf(out, n, "%s", sqlite3_errmsg(h));
	sqlite3_finalize(st);
}

/*
** The copy is made in one step, so in one read transaction of the source:
** writers go on (WAL) and cannot make it start over. It goes to a 0600
** temporary file beside dest, is turned into a plain rollback-journal
** database, checked with integrity_check, synced and linked into place;
** on any failure or signal the temporary file goes away.
*/
enum kith_status
kdb_backup(struct kdb *db, const char *dest, struct kith_err *err)
{
	struct safefile sf;
	sqlite3 *to = NULL;
	sqlite3_backup *b;
	enum kith_status st;
	char check[256];
	int rc, sys;

	if ((st = safefile_open(&sf, dest, err)) != KITH_OK)
		return st;
	sf.no_replace = 1;
	if (sqlite3_open_v2(sf.tmp, &to, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		kith_err_set(err, KITH_IO, "%s: %s", dest, to ? sqlite3_errmsg(to) : "cannot open");
		goto fail;
	}
	sqlite3_extended_result_codes(to, 1);
	if (!(b = sqlite3_backup_init(to, "main", db->h, "main"))) {
		kith_err_set(err, KITH_IO, "%s: %s", dest, sqlite3_errmsg(to));
		goto fail;
	}
	for (int waits = 0;;) {
		rc = sqlite3_backup_step(b, -1);
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++waits < 250)
			sqlite3_sleep(20);      /* up to 5 s, like the busy timeout */
		else
			break;
	}
	sys = sqlite3_system_errno(to);
	if (!sys && (rc & 0xff) == SQLITE_FULL)
		sys = ENOSPC;
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
			kith_err_set(err, KITH_CORRUPT, "%s: the database is damaged (%s); no backup "
				     "was written", db->path, sqlite3_errstr(rc));
		else
			kith_err_set(err, KITH_IO, "%s: backup failed: %s%s%s%s; no backup was "
				     "written", dest, sqlite3_errstr(rc), sys ? " (" : "",
				     sys ? strerror(sys) : "", sys ? ")" : "");
		goto fail;
	}
	/* a backup is one self-contained file: no -wal beside it */
	if (sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		sys = sqlite3_system_errno(to);
		kith_err_set(err, KITH_IO, "%s: backup failed: %s%s%s%s; no backup was written",
			     dest, sqlite3_errmsg(to), sys ? " (" : "", sys ? strerror(sys) : "",
			     sys ? ")" : "");
		goto fail;
	}
	integrity(to, check, sizeof check);
	if (strcmp(check, "ok")) {
		kith_err_set(err, KITH_CORRUPT, "%s: the database is damaged (integrity check: %s); "
			     "no backup was written", db->path, check);
		goto fail;
	}
	sqlite3_close(to);
	return safefile_commit(&sf, err);
fail:
	sqlite3_close(to);
	st = err ? err->code : KITH_IO;
	{
		struct strbuf j = {0};
		sb_printf(&j, "%s-journal", sf.tmp);
		unlink(sb_str(&j));
		sb_free(&j);
	}
	safefile_abort(&sf);
	return st;
}

enum kith_status
db_list_count(struct kdb *db, const char *name, long long *out, struct kith_err *err)
{
	static const char sql[] = "SELECT n FROM list_count WHERE name = ?";
	sqlite3_stmt *st = db_stmt(db, sql, err);

	*out = 0;
	if (!st)
		return KITH_DB;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return KITH_OK;
}
