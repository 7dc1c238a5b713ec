/*
 * db.c: opening and closing a kith database, checkpoints, scripts and "me".
 * Migrations are in migrate.c, the shared helpers in stmt.c, the SQL
 * functions in sqlfunc.c, transactions in tx.c, backups in backup.c.
 */
#include "row.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/xalloc.h"


/* ctx: the script's text (a const char *) */
static enum kith_status
script_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	const char *const *sql = ctx;
	char *errmsg = NULL;

	if (sqlite3_exec(db->h, *sql, NULL, NULL, &errmsg) == SQLITE_OK)
		return KITH_OK;
	kith_err_set(err, KITH_DB, "script: %s", errmsg ? errmsg : "failed");
	sqlite3_free(errmsg);
	return KITH_DB;
}

enum kith_status
kdb_exec_script(struct kdb *db, const char *sql, struct kith_err *err)
{
	return db_write(db, script_body, &sql, err);
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

	/* Marked: the header says so, and every open of a marked database is
	   spared counting the schema's rows (a fifth of a millisecond a process). */
	if ((app = db_pragma_int(db->h, "application_id")) == KITH_APPLICATION_ID)
		return KITH_OK;
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
	ver = db_pragma_int(db->h, "user_version");
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
		db_vfs_join_register();
		configured = true;
	}
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->mem = mem;
	db->mark_row = goal_mark_row;
	db->derive = goal_marks_flush;
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
	db_sql_init(db->h);
	db_row_hook_init(db);
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
	    db_pragma_int(db->h, "application_id") != KITH_APPLICATION_ID && db_mark_ours(db->h) != SQLITE_OK)
		goto fail_umask_done;
	/* the private notes' file, when there is one (private.c) */
	if (!(flags & KDB_NO_MIGRATE) && (st = db_private_attach_existing(db, err)) != KITH_OK) {
		kdb_close(db);
		return st;
	}
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
	for (int i = 0; i < db->n_goal_sql; i++)
		free(db->goal_sql[i]);
	db_rec_free(db);
	goal_marks_free(db);
	db_ev_keys_free(db);
	db_aside_discard(db);
	db_pend_mode(db, false);
	kdb_change_free(db->last_change);
	if (db->h)
		sqlite3_close(db->h);
	/* after the connection that may still read its memory (kith_aside) */
	sqlite3_close(db->aside_owner);
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
	enum kith_status rc;
	char buf[32];

	if ((rc = db_int64(db, NULL, q_exists, "contact", err, "i", contact_id)) == KITH_NOTFOUND)
		return kith_err_set(err, KITH_NOTFOUND, "contact #%lld: no such contact",
				    (long long)contact_id);
	if (rc)
		return rc;
	snprintf(buf, sizeof buf, "%lld", (long long)contact_id);
	return db_write_run(db, q_set, "me", err, "t", buf);
}


/* Has "which one is you?" been asked (or is "me" set)? */
bool
kdb_me_asked(struct kdb *db)
{
	static const char sql[] = "SELECT 1 FROM meta WHERE key = 'me_asked'";
	sqlite3_stmt *st;
	bool asked;

	if (kdb_me(db))
		return true;
	if (!(st = db_stmt(db, sql, NULL)))
		return true;        /* unreadable: do not pester */
	asked = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return asked;
}

enum kith_status
kdb_set_me_asked(struct kdb *db, struct kith_err *err)
{
	static const char sql[] = "INSERT OR REPLACE INTO meta(key, value) VALUES ('me_asked', '1')";

	return db_write_run(db, sql, "me", err, "");
}
