/*
 * private.c: the private file (README "Working as a team", "What stays
 * private").
 *
 * A private note (`!private` in a capture, `kith log --private`, the log
 * form's Private field) is written to a second SQLite file beside the
 * database, `<db>.private` (0600, WAL like the database), attached to the
 * connection as "priv". Nothing in it is ever recorded for the team: the
 * outbox and the snapshots read shared tables of "main" only (record.c,
 * sync_key.c), and the private file has none. The file is made the first
 * time a private note is written (db_private_open); a database that never
 * had one opens as before, with one stat() more.
 *
 * Tables (their own schema, version PRIVATE_VERSION in the file's
 * user_version; the database's migrations never touch it):
 *   private_note          a note, shaped as an interaction
 *   private_note_contact  whom it is about (contact keys of "main": SQLite
 *                         has no foreign key across files)
 *   private_note_fts      its full-text index (kith search)
 * A private note's id, as the rest of kith sees it, is the negative of its
 * row's key (kith/interaction.h): timelines, undo and `kith delete
 * interaction pN` tell the two kinds apart by the sign.
 *
 * Two files, one write. In WAL mode a transaction over two attached files
 * is atomic in each file but not in both: SQLite commits "main" first,
 * then "priv", and a crash between the two leaves the first committed and
 * the second not. So no write needs both, but one: deleting a contact
 * (or merging one into another) removes the private notes' links to them
 * (a TEMP trigger on main.contact; a merge moves them first). If the crash
 * falls between the two commits, the links to a contact that is gone
 * remain: db_private_sweep removes them whenever the file is attached and
 * after each sync (whose deletes of contacts, applied with the trigger off,
 * it completes the same way). The notes themselves are never deleted by
 * any of this: one whose people are all gone is still found by kith search.
 * A sync never writes the private file in its own transaction (the
 * trigger is off while db->syncing: taking back the outbox deletes and
 * re-adds this replica's new contacts, and their private notes must keep
 * their links).
 *
 * Undo. The recording (record.c) keeps the private file's row changes as a
 * part of their own (kdb_change.priv); sqlite3changeset_apply only writes
 * to "main", so db_private_apply applies such a part here, with the same
 * conflict rules as tx.c's on_conflict.
 */
#include "row.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/str.h"
#include "kith/xalloc.h"

#define PRIVATE_VERSION 1

static const char private_schema[] =
	"CREATE TABLE priv.private_note (\n"
	"  id         INTEGER PRIMARY KEY,\n"
	"  at         TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),\n"
	"  kind       TEXT NOT NULL DEFAULT 'note',\n"
	"  summary    TEXT NOT NULL CHECK (length(summary) > 0),\n"
	"  body       TEXT NOT NULL DEFAULT '',\n"
	"  event_id   INTEGER,\n"
	"  way        TEXT NOT NULL DEFAULT 'none',\n"
	"  exchange   TEXT NOT NULL DEFAULT 'none',\n"
	"  created_at TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE TABLE priv.private_note_contact (\n"
	"  note_id    INTEGER NOT NULL REFERENCES private_note(id) ON DELETE CASCADE,\n"
	"  contact_id INTEGER NOT NULL,\n"
	"  at         TEXT NOT NULL,\n"
	"  PRIMARY KEY (note_id, contact_id)\n"
	") STRICT;\n"
	"CREATE INDEX priv.private_note_by_contact ON private_note_contact(contact_id, at, note_id);\n"
	"CREATE VIRTUAL TABLE priv.private_note_fts USING fts5(summary, body,\n"
	"  content = 'private_note', content_rowid = 'id',\n"
	"  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');\n"
	"CREATE TRIGGER priv.private_note_fts_ins AFTER INSERT ON private_note BEGIN\n"
	"  INSERT INTO private_note_fts(rowid, summary, body) VALUES (new.id, new.summary, new.body);\n"
	"END;\n"
	"CREATE TRIGGER priv.private_note_fts_del AFTER DELETE ON private_note BEGIN\n"
	"  INSERT INTO private_note_fts(private_note_fts, rowid, summary, body)\n"
	"    VALUES ('delete', old.id, old.summary, old.body);\n"
	"END;\n"
	"CREATE TRIGGER priv.private_note_fts_upd AFTER UPDATE OF summary, body ON private_note BEGIN\n"
	"  INSERT INTO private_note_fts(private_note_fts, rowid, summary, body)\n"
	"    VALUES ('delete', old.id, old.summary, old.body);\n"
	"  INSERT INTO private_note_fts(rowid, summary, body) VALUES (new.id, new.summary, new.body);\n"
	"END;\n"
	"CREATE TRIGGER priv.private_note_at_upd AFTER UPDATE OF at ON private_note BEGIN\n"
	"  UPDATE private_note_contact SET at = new.at WHERE note_id = new.id;\n"
	"END;\n"
	"PRAGMA priv.user_version = 1;\n";

/* Deleting a contact unlinks the private notes about them (not while a sync applies). */
static const char unlink_trigger[] =
	"CREATE TEMP TRIGGER IF NOT EXISTS private_note_unlink AFTER DELETE ON main.contact "
	"WHEN NOT kith_syncing() BEGIN "
	"  DELETE FROM private_note_contact WHERE contact_id = old.id; "
	"END";

bool
kdb_private_attached(const struct kdb *db)
{
	return db->priv;
}

char *
kdb_private_path(const struct kdb *db)
{
	return db->path && !db->mem ? str_fmt("%s.private", db->path) : NULL;
}

static void
syncing_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct kdb *db = sqlite3_user_data(ctx);

	(void)argc;
	(void)argv;
	sqlite3_result_int(ctx, db->syncing);
}

/* The private file's schema is made, or is one this kith reads. */
static enum kith_status
private_schema_check(struct kdb *db, const char *path, struct kith_err *err)
{
	sqlite3_stmt *st;
	int ver = db_pragma_int(db->h, "priv.user_version"), tables = -1;

	if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM priv.sqlite_master", -1, &st,
			       NULL) != SQLITE_OK)
		return db_error(db, err, path);
	if (sqlite3_step(st) == SQLITE_ROW)
		tables = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (ver < 0 || tables < 0)
		return db_error(db, err, path);
	if (ver > PRIVATE_VERSION)
		return kith_err_set(err, KITH_IO, "%s: the private notes were written by a newer "
				    "kith (version %d); update kith", path, ver);
	if (ver == PRIVATE_VERSION)
		return KITH_OK;
	if (tables)
		return kith_err_set(err, KITH_IO, "%s: not kith's private file (it holds %d "
				    "entries of another program); kith changed nothing", path, tables);
	if (db->readonly)
		return KITH_OK;
	if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, err, path);
	if (sqlite3_exec(db->h, private_schema, NULL, NULL, NULL) != SQLITE_OK) {
		enum kith_status rc = db_error(db, err, path);
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		enum kith_status rc = db_error(db, err, path);
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return KITH_OK;
}

/* Make path (0600, from the first byte) unless it exists; false with err set on failure. */
static bool
private_create(const char *path, struct kith_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0 && errno != EEXIST) {
		kith_err_set(err, KITH_IO, "%s: cannot create the private file: %s", path,
			     strerror(errno));
		return false;
	}
	if (fd >= 0)
		close(fd);
	return true;
}

/* Make the private file and its -wal/-shm owner-only, as db.c does the database's. */
static void
private_modes(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	struct stat sb;

	for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		char *p = str_fmt("%s%s", path, sfx[i]);
		if (stat(p, &sb) == 0 && (sb.st_mode & 07777) != (sb.st_mode & 0600))
			chmod(p, sb.st_mode & 0600);
		free(p);
	}
}

static enum kith_status
private_attach(struct kdb *db, bool create, struct kith_err *err)
{
	char *path = kdb_private_path(db);
	const char *name = path ? path : ":memory:";
	enum kith_status rc = KITH_OK;
	sqlite3_stmt *st = NULL;
	struct stat sb;
	mode_t old;

	if (db->priv)
		goto out;
	if (db->depth > 0) {
		rc = kith_err_set(err, KITH_INVALID, "private notes: the private file is opened "
				  "before a write, not inside one");
		goto out;
	}
	if (path && stat(path, &sb) != 0) {
		if (!create)
			goto out;
		if (db->readonly) {
			rc = kith_err_set(err, KITH_IO, "%s: the database is open read-only", db->path);
			goto out;
		}
		if (!private_create(path, err)) {
			rc = KITH_IO;
			goto out;
		}
	} else if (path && S_ISDIR(sb.st_mode)) {
		rc = kith_err_set(err, KITH_IO, "%s: is a directory, not kith's private file", path);
		goto out;
	} else if (!path && !create) {
		goto out;
	}
	old = umask(077);
	if (sqlite3_prepare_v2(db->h, "ATTACH ?1 AS priv", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		umask(old);
		rc = db_error(db, err, name);
		sqlite3_finalize(st);
		goto out;
	}
	sqlite3_finalize(st);
	if (path && !db->readonly &&
	    sqlite3_exec(db->h, "PRAGMA priv.journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
		rc = db_error(db, err, name);
	umask(old);
	if (!rc && path && !db->readonly)
		private_modes(path);
	if (!rc)
		rc = private_schema_check(db, name, err);
	if (!rc && (sqlite3_create_function(db->h, "kith_syncing", 0, SQLITE_UTF8, db, syncing_fn,
					    NULL, NULL) != SQLITE_OK ||
		    (!db->readonly &&
		     sqlite3_exec(db->h, unlink_trigger, NULL, NULL, NULL) != SQLITE_OK)))
		rc = db_error(db, err, name);
	if (rc) {
		sqlite3_exec(db->h, "DETACH priv", NULL, NULL, NULL);
		goto out;
	}
	db->priv = true;
	if (!db->readonly)
		rc = db_private_sweep(db, err);
out:
	free(path);
	return rc;
}

enum kith_status
db_private_attach_existing(struct kdb *db, struct kith_err *err)
{
	return private_attach(db, false, err);
}

enum kith_status
kdb_private_open(struct kdb *db, struct kith_err *err)
{
	return private_attach(db, true, err);
}

enum kith_status
db_private_sweep(struct kdb *db, struct kith_err *err)
{
	static const char q_orphans[] =
		"SELECT 1 FROM priv.private_note_contact p "
		"WHERE NOT EXISTS (SELECT 1 FROM main.contact c WHERE c.id = p.contact_id) LIMIT 1";
	static const char q_sweep[] =
		"DELETE FROM priv.private_note_contact "
		"WHERE contact_id NOT IN (SELECT id FROM main.contact)";
	sqlite3_stmt *st;
	bool any, was_recording = db->recording;
	int rc;
	enum kith_status ks;

	if (!db->priv || db->readonly || db->depth > 0)
		return KITH_OK;
	if (!(st = db_stmt(db, q_orphans, err)))
		return KITH_DB;
	rc = sqlite3_step(st);
	any = rc == SQLITE_ROW;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err, "private notes");
	if (!any)
		return KITH_OK;
	/* the rest of a delete already made: no undo step of its own */
	db->recording = false;
	ks = db_write_run(db, q_sweep, "private notes", err, "");
	db->recording = was_recording;
	return ks;
}

/* ---- applying a recorded part to the private file (undo, redo) ------------------ */

/* The column names of priv.table, in order; NULL if it cannot be read. */
static char **
private_columns(struct kdb *db, const char *table, int ncol)
{
	sqlite3_stmt *st = db_table_shape(db, "priv", table);
	char **cols = NULL;

	if (st && sqlite3_column_count(st) == ncol) {
		cols = xcalloc((size_t)ncol, sizeof *cols);
		for (int i = 0; i < ncol; i++)
			cols[i] = xstrdup(sqlite3_column_name(st, i));
	}
	sqlite3_finalize(st);
	return cols;
}

static void
columns_free(char **cols, int ncol)
{
	for (int i = 0; cols && i < ncol; i++)
		free(cols[i]);
	free(cols);
}

/*
** One change as a statement. INSERT: every column. DELETE: where every
** column is as recorded. UPDATE: the changed columns set, where the key
** and the changed columns' old values are as recorded. `key_only` makes
** the WHERE of the key alone (is the row there at all?) as a SELECT.
*/
static sqlite3_stmt *
change_stmt(struct kdb *db, sqlite3_changeset_iter *it, const char *table, char **cols,
	    int ncol, int op, const unsigned char *pk, bool key_only)
{
	sqlite3_str *s = sqlite3_str_new(db->h);
	sqlite3_value *v;
	sqlite3_stmt *st = NULL;
	char *sql;
	int nb = 0, b[2 * 64][2];        /* per parameter: 0 old / 1 new, column */
	const char *sep = "";

	if (ncol > 64) {
		sqlite3_free(sqlite3_str_finish(s));
		return NULL;
	}
	if (key_only) {
		sqlite3_str_appendf(s, "SELECT 1 FROM priv.\"%w\" WHERE ", table);
		for (int i = 0; i < ncol; i++)
			if (pk[i]) {
				sqlite3_str_appendf(s, "%s\"%w\" IS ?", sep, cols[i]);
				b[nb][0] = 0, b[nb][1] = i, nb++;
				sep = " AND ";
			}
	} else if (op == SQLITE_INSERT) {
		sqlite3_str_appendf(s, "INSERT INTO priv.\"%w\" VALUES (", table);
		for (int i = 0; i < ncol; i++) {
			sqlite3_str_appendf(s, "%s?", i ? ", " : "");
			b[nb][0] = 1, b[nb][1] = i, nb++;
		}
		sqlite3_str_appendall(s, ")");
	} else if (op == SQLITE_DELETE) {
		sqlite3_str_appendf(s, "DELETE FROM priv.\"%w\" WHERE ", table);
		for (int i = 0; i < ncol; i++) {
			sqlite3_str_appendf(s, "%s\"%w\" IS ?", i ? " AND " : "", cols[i]);
			b[nb][0] = 0, b[nb][1] = i, nb++;
		}
	} else {
		sqlite3_str_appendf(s, "UPDATE priv.\"%w\" SET ", table);
		for (int i = 0; i < ncol; i++)
			if (sqlite3changeset_new(it, i, &v) == SQLITE_OK && v) {
				sqlite3_str_appendf(s, "%s\"%w\" = ?", sep, cols[i]);
				b[nb][0] = 1, b[nb][1] = i, nb++;
				sep = ", ";
			}
		sqlite3_str_appendall(s, " WHERE ");
		sep = "";
		for (int i = 0; i < ncol; i++)
			if (pk[i] || (sqlite3changeset_new(it, i, &v) == SQLITE_OK && v)) {
				sqlite3_str_appendf(s, "%s\"%w\" IS ?", sep, cols[i]);
				b[nb][0] = 0, b[nb][1] = i, nb++;
				sep = " AND ";
			}
	}
	if (!(sql = sqlite3_str_finish(s)))
		return NULL;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		st = NULL;
	sqlite3_free(sql);
	for (int p = 0; st && p < nb; p++) {
		v = NULL;
		if ((b[p][0] ? sqlite3changeset_new(it, b[p][1], &v)
			     : sqlite3changeset_old(it, b[p][1], &v)) != SQLITE_OK ||
		    sqlite3_bind_value(st, p + 1, v) != SQLITE_OK) {
			sqlite3_finalize(st);
			st = NULL;
		}
	}
	return st;
}

/*
** Apply changeset buf (n bytes) to the private file, inside the caller's
** write. A DELETE whose row is already gone is skipped (a cascade earlier
** in the same step removed it); a row that is not as recorded is a
** conflict: *conflicts counts it, `table` names it, and nothing more is
** applied. Returns an SQLite code.
*/
int
db_private_apply(struct kdb *db, int n, void *buf, int *conflicts, char *table, size_t tablen)
{
	sqlite3_changeset_iter *it;
	char **cols = NULL, *cols_of = NULL;
	int rc, ncol = 0, cols_n = 0;       /* cols: the names of cols_of's cols_n columns */

	if (!db->priv)
		return SQLITE_ERROR;
	if ((rc = sqlite3changeset_start(&it, n, buf)) != SQLITE_OK)
		return rc;
	while (!*conflicts && (rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
		const char *tab;
		unsigned char *pk;
		int op, indirect, npk, step;
		sqlite3_stmt *st;
		bool done;

		sqlite3changeset_op(it, &tab, &ncol, &op, &indirect);
		sqlite3changeset_pk(it, &pk, &npk);
		if (!cols_of || strcmp(cols_of, tab)) {
			columns_free(cols, cols_n);
			str_set(&cols_of, tab);
			cols_n = 0;
			if (!(cols = private_columns(db, tab, ncol))) {
				rc = SQLITE_SCHEMA;
				break;
			}
			cols_n = ncol;
		}
		if (!(st = change_stmt(db, it, tab, cols, ncol, op, pk, false))) {
			rc = SQLITE_ERROR;
			break;
		}
		step = sqlite3_step(st);
		done = step == SQLITE_DONE && sqlite3_changes(db->h) > 0;
		sqlite3_finalize(st);
		if (step != SQLITE_DONE && (step & 0xff) != SQLITE_CONSTRAINT) {
			rc = step;
			break;
		}
		if (done)
			continue;
		if (op == SQLITE_DELETE) {
			/* gone already (skip), or there but changed (a conflict) */
			if (!(st = change_stmt(db, it, tab, cols, ncol, op, pk, true))) {
				rc = SQLITE_ERROR;
				break;
			}
			step = sqlite3_step(st);
			sqlite3_finalize(st);
			if (step == SQLITE_DONE)
				continue;
			if (step != SQLITE_ROW) {
				rc = step;
				break;
			}
		}
		(*conflicts)++;
		snprintf(table, tablen, "%s", tab);
	}
	columns_free(cols, cols_n);
	free(cols_of);
	sqlite3changeset_finalize(it);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}
