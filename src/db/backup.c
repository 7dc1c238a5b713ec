/*
 * backup.c: a consistent online copy of the database (kdb_backup).
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/safefile.h"
#include "kith/str.h"


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
** on any failure or signal the temporary file goes away. `schema` is
** "main", or "priv" for the private notes (private.c).
*/
static enum kith_status
backup_one(struct kdb *db, const char *schema, const char *dest, struct kith_err *err)
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
	if (!(b = sqlite3_backup_init(to, "main", db->h, schema))) {
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

/* The database, then its private notes (if any) to dest.private. */
enum kith_status
kdb_backup(struct kdb *db, const char *dest, struct kith_err *err)
{
	enum kith_status st = backup_one(db, "main", dest, err);
	char *priv;

	if (st || !kdb_private_attached(db))
		return st;
	priv = str_fmt("%s.private", dest);
	st = backup_one(db, "priv", priv, err);
	free(priv);
	return st;
}
