/*
 * stmt.c: the helpers every src/db file shares (internal.h): the statement
 * cache, errors with their messages, binding and reading values, and the
 * trigger-kept list sizes.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <time.h>

#include "kith/date.h"
#include "kith/fold.h"
#include "kith/str.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"


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
db_bind_str(sqlite3_stmt *st, int i, const char *s, unsigned how)
{
	if ((how & DB_EMPTY_NULL) && (!s || !*s))
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s ? s : "", -1,
				 (how & DB_NO_COPY) ? SQLITE_STATIC : SQLITE_TRANSIENT);
}

int
db_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id == 0)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_int64(st, i, id);
}

int
db_bind_ids(sqlite3_stmt *st, int i, const int64_t *ids, size_t n)
{
	struct strbuf sb = {0};
	int rc;

	sb_appendc(&sb, '[');
	for (size_t k = 0; k < n; k++)
		sb_printf(&sb, "%s%lld", k ? "," : "", (long long)ids[k]);
	sb_appendc(&sb, ']');
	rc = sqlite3_bind_text(st, i, sb_str(&sb), -1, SQLITE_TRANSIENT);
	sb_free(&sb);
	return rc;
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

bool
db_value_same(sqlite3_value *x, sqlite3_value *y)
{
	int t = sqlite3_value_type(x);

	if (t != sqlite3_value_type(y))
		return false;
	if (t == SQLITE_INTEGER)
		return sqlite3_value_int64(x) == sqlite3_value_int64(y);
	if (t == SQLITE_FLOAT)
		return sqlite3_value_double(x) == sqlite3_value_double(y);
	if (t == SQLITE_NULL)
		return true;
	/* (an empty text or blob has no bytes to compare: its pointer may be NULL) */
	return sqlite3_value_bytes(x) == sqlite3_value_bytes(y) &&
	       (!sqlite3_value_bytes(x) ||
		!memcmp(sqlite3_value_blob(x), sqlite3_value_blob(y),
			(size_t)sqlite3_value_bytes(x)));
}

enum kith_status
db_step_row(struct kdb *db, sqlite3_stmt *st, const char *what, struct kith_err *err)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return KITH_OK;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? KITH_NOTFOUND : db_error(db, err, what);
}

/*
** A UUID of version 7 (RFC 9562): the time in milliseconds, then a counter
** (12 bits of rand_a and the next 18 of rand_b, method 1 of its section
** 6.2) started at a random value below half its range each millisecond,
** then random bits. The UIDs a process makes are in the order it made them,
** as text too, so a fresh import adds each at the end of contact_by_uid as
** it goes and finds a record's UID there: the index is no longer put aside
** and sorted at the import's end, with the UIDs kept in memory beside it
** (the two cost the same, within 1% of an import's instructions). Any
** thread may call it.
*/
static mtx_t uuid_lock;
static once_flag uuid_once = ONCE_FLAG_INIT;

static void
uuid_init(void)
{
	mtx_init(&uuid_lock, mtx_plain);
}

/* The next (millisecond, counter) of this process, never less than the last;
   r: random bits for a new millisecond's counter. */
static void
uuid_clock(uint32_t r, uint64_t *ms, uint32_t *count)
{
	static uint64_t last_ms;
	static uint32_t last_count;
	struct timespec ts;
	uint64_t now;

	clock_gettime(CLOCK_REALTIME, &ts);
	now = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	call_once(&uuid_once, uuid_init);
	mtx_lock(&uuid_lock);
	if (now > last_ms) {
		last_ms = now;
		last_count = r & 0x1fffffff;
	} else if (++last_count > 0x3fffffff) {
		/* a billion in one millisecond: borrow the next one */
		last_ms++;
		last_count = r & 0x1fffffff;
	}
	*ms = last_ms;
	*count = last_count;
	mtx_unlock(&uuid_lock);
}

void
db_uuid(char out[37])
{
	static const char hex[] = "0123456789abcdef";
	/* one call for all the randomness (each takes SQLite's lock), and only the
	   bits used: a new millisecond's counter (4 bytes), r[10]'s low half and
	   r[11..15] (its generator's cost goes by the byte) */
	unsigned char r[16], rnd[10];
	uint64_t ms;
	uint32_t count;
	int k = 0;

	sqlite3_randomness(sizeof rnd, rnd);
	uuid_clock((uint32_t)rnd[0] << 24 | (uint32_t)rnd[1] << 16 | (uint32_t)rnd[2] << 8 | rnd[3],
		   &ms, &count);
	r[10] = rnd[4];
	memcpy(r + 11, rnd + 5, 5);
	for (int i = 0; i < 6; i++)
		r[i] = (unsigned char)(ms >> (40 - 8 * i));
	r[6] = (unsigned char)(0x70 | (count >> 26));         /* version 7 */
	r[7] = (unsigned char)(count >> 18);
	r[8] = (unsigned char)(0x80 | ((count >> 12) & 0x3f)); /* variant 10 */
	r[9] = (unsigned char)(count >> 4);
	r[10] = (unsigned char)((count & 0x0f) << 4 | (r[10] & 0x0f));
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[k++] = '-';
		out[k++] = hex[r[i] >> 4];
		out[k++] = hex[r[i] & 15];
	}
	out[k] = 0;
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

sqlite3_stmt *
db_table_shape(struct kdb *db, const char *schema, const char *table)
{
	char *sql = sqlite3_mprintf("SELECT * FROM \"%w\".\"%w\"", schema, table);
	sqlite3_stmt *st = NULL;

	if (sql && sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		st = NULL;
	sqlite3_free(sql);
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
