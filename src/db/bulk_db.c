/*
 * bulk_db.c: what a large import changes for its length and does at its
 * end (see kith/merge.h): a larger page cache, the INSERT triggers
 * suspended and their work done once for the rows the import added, the
 * search documents made in one pass.
 */
#include "row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/merge.h"
#include "kith/str.h"

/*
** Temporary storage stays as it is (a file, as SQLite is built): with it in
** memory SQLite's sorter took a malloc and a free for every key it sorts,
** where with a file it keeps them in one block that grows (still in memory
** up to the cache's size: nothing is written for an import's sorts). An
** import's seven index builds, 100,000 vCards: 330-340 ms, now 257-276 ms.
** What a file costs instead: a statement journal past 64 KB is written to
** one (a 100,000-vCard import: 190 writes more of 2,530). And the setting
** is no longer changed inside a transaction, which SQLite refuses once the
** connection has a temporary table (as the search index's aside makes).
*/
enum kith_status
kdb_bulk_mode(struct kdb *db, bool on, struct kith_err *err)
{
	const char *sql = on ? "PRAGMA cache_size = -131072" : "PRAGMA cache_size = -2000";

	if (!on) {
		db_ev_keys_free(db);
		db_aside_detach(db);
	}
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, err, "bulk mode");
	db->bulk = on;
	db_pend_mode(db, on);
	return KITH_OK;
}

/*
** In WAL a transaction's pages are written twice: into the WAL at commit,
** then into the database by the checkpoint that follows (a 100,000-card
** import's 27,000 pages: 82,000 pwrite and 27,000 pread calls, a second of
** system time under load). With a rollback journal the journal holds only
** the pages the database had before (few, for a first import) and the new
** pages go straight into the file. The change needs the database to
** itself: with another connection open (the planner), SQLite keeps WAL
** and says so, and the import runs in WAL as before. An import killed in
** the middle leaves a hot journal, rolled back by the next open (kith's
** opens then set WAL again), as a killed WAL transaction is discarded.
*/
void
kdb_bulk_journal(struct kdb *db, bool on)
{
	static const char q_delete[] = "PRAGMA main.journal_mode = DELETE";
	sqlite3_stmt *st;

	if (!on) {
		if (db->bulk_journal) {
			db_vfs_join(db, false);
			sqlite3_exec(db->h, "PRAGMA main.journal_mode = WAL; PRAGMA synchronous = NORMAL",
				     NULL, NULL, NULL);
		}
		db->bulk_journal = false;
		return;
	}
	if (db->mem || db->readonly || db->bulk_journal || !sqlite3_get_autocommit(db->h))
		return;
	/* not cached: journal_mode's statement is run once per import */
	if (sqlite3_prepare_v2(db->h, q_delete, -1, &st, NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
	    !strcmp((const char *)sqlite3_column_text(st, 0), "delete"))
		db->bulk_journal = true;
	sqlite3_finalize(st);
	if (db->bulk_journal &&
	    sqlite3_exec(db->h, "PRAGMA synchronous = FULL", NULL, NULL, NULL) != SQLITE_OK)
		kdb_bulk_journal(db, false);
	/* the commit's pages, written in order, go out 64 KB at a time */
	if (db->bulk_journal)
		db_vfs_join(db, true);
}

/*
** With foreign keys on, every INSERT into a table with a foreign key opens
** a statement journal and closes it (1,200 instructions) besides looking
** up its parents: 7,300 instructions of an imported vCard's 60,500 (a
** contact, two channels, a role). PRAGMA foreign_key_check over every
** table then costs 3,500 a card. The check is over every table, so it is
** only worth it where the tables that may be large are empty; and the
** import deletes no row another refers to, so no ON DELETE action is
** skipped. An import that another writer races sees its rows checked all
** the same.
*/
void
kdb_bulk_fk(struct kdb *db, bool on)
{
	static const char q_empty[] =
		"SELECT NOT EXISTS (SELECT 1 FROM contact) AND NOT EXISTS (SELECT 1 FROM event)"
		" AND NOT EXISTS (SELECT 1 FROM followup) AND NOT EXISTS (SELECT 1 FROM interaction)";
	sqlite3_stmt *st;
	bool empty;

	if (!on) {
		if (db->bulk_fk_off && sqlite3_get_autocommit(db->h) &&
		    sqlite3_exec(db->h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) == SQLITE_OK)
			db->bulk_fk_off = false;
		return;
	}
	if (db->bulk_fk_off || db->readonly || !sqlite3_get_autocommit(db->h) ||
	    !(st = db_stmt(db, q_empty, NULL)))
		return;
	empty = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	/* (PRAGMA foreign_keys does nothing inside a transaction: none is open) */
	if (empty && sqlite3_exec(db->h, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL) == SQLITE_OK)
		db->bulk_fk_off = true;
}

/*
** The foreign keys of the main database, one row each of their columns
** (child, column, parent, parent column, and whether a range can check
** it, which a key of two columns never can all through: a key of one
** INTEGER column of a STRICT table, where no other value fits, to a STRICT
** parent's sole INTEGER PRIMARY KEY: no NULL, no two alike), by parent.
** Only the tables whose SQL says REFERENCES are asked for their keys.
*/
static const char q_fk_list[] =
	"WITH s(name, strict, refs) AS MATERIALIZED ("
	"SELECT t.name, t.strict, m.sql LIKE '%REFERENCES%' FROM pragma_table_list t"
	" JOIN main.sqlite_schema m ON m.name = t.name WHERE t.schema = 'main' AND t.type = 'table'),"
	" f AS MATERIALIZED (SELECT s.name AS child, s.strict, f.seq, f.\"from\", f.\"table\" AS parent,"
	" f.\"to\" FROM s, pragma_foreign_key_list(s.name, 'main') f WHERE s.refs),"
	" pk(name, col) AS MATERIALIZED (SELECT p.parent, min(c.name)"
	" FROM (SELECT DISTINCT parent FROM f) p, pragma_table_info(p.parent, 'main') c"
	" WHERE c.pk > 0 GROUP BY p.parent HAVING count(*) = 1 AND max(c.type) = 'INTEGER')"
	" SELECT f.child, f.\"from\", f.parent, f.\"to\","
	" coalesce(f.strict AND p.strict AND f.seq = 0 AND pk.col = f.\"to\" AND (SELECT type"
	" FROM pragma_table_info(f.child, 'main') c WHERE c.name = f.\"from\") IN ('INT', 'INTEGER'), 0)"
	" FROM f LEFT JOIN pk ON pk.name = f.parent LEFT JOIN s p ON p.name = f.parent"
	" ORDER BY f.parent";

/* Below this many contacts the keys are checked row by row: less work than finding their ranges. */
enum { FK_RANGE_MIN = 5000 };

/* Column 0 and 1 of the one row of `sql` (made with sqlite3_mprintf, freed); false on error. */
static bool
fk_two(struct kdb *db, char *sql, sqlite3_int64 v[2], bool null[2])
{
	sqlite3_stmt *st;
	bool ok;

	ok = sql && sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) == SQLITE_OK;
	sqlite3_free(sql);
	if (!ok)
		return false;
	ok = sqlite3_step(st) == SQLITE_ROW;
	for (int i = 0; ok && i < 2; i++) {
		null[i] = sqlite3_column_type(st, i) == SQLITE_NULL;
		v[i] = sqlite3_column_int64(st, i);
	}
	sqlite3_finalize(st);
	return ok;
}

/*
** Whether the key of the listing's row (q_fk_list) holds by range: every
** value of the child's column (NULLs aside) lies between its parent's
** least and greatest id, and the parent has a row for every integer
** between them (as many rows). Each end is one step into an index, the
** count a walk of the parent's pages; par keeps the parent's least and
** greatest id and whether it has no gap, for its keys that follow (*last).
*/
static bool
fk_in_range(struct kdb *db, sqlite3_stmt *list, char **last, sqlite3_int64 par[3])
{
	const char *child = (const char *)sqlite3_column_text(list, 0);
	const char *col = (const char *)sqlite3_column_text(list, 1);
	const char *parent = (const char *)sqlite3_column_text(list, 2);
	const char *pcol = (const char *)sqlite3_column_text(list, 3);
	sqlite3_int64 v[2];
	bool null[2];

	if (!*last || strcmp(*last, parent)) {
		sqlite3_free(*last);
		*last = sqlite3_mprintf("%s", parent);
		par[2] = 0;
		if (!fk_two(db, sqlite3_mprintf("SELECT (SELECT min(\"%w\") FROM main.\"%w\"),"
						 " (SELECT max(\"%w\") FROM main.\"%w\")",
						 pcol, parent, pcol, parent), v, null))
			return false;
		par[0] = v[0];
		par[1] = v[1];
		if (!null[0] && !null[1] &&
		    fk_two(db, sqlite3_mprintf("SELECT count(*), 0 FROM main.\"%w\"", parent), v, null))
			par[2] = v[0] == par[1] - par[0] + 1;
	}
	if (!fk_two(db, sqlite3_mprintf("SELECT (SELECT min(\"%w\") FROM main.\"%w\" WHERE \"%w\""
					 " IS NOT NULL), (SELECT max(\"%w\") FROM main.\"%w\" WHERE"
					 " \"%w\" IS NOT NULL)", col, child, col, col, child, col),
		    v, null))
		return false;
	return null[0] || (par[2] && v[0] >= par[0] && v[1] <= par[1]);
}

/*
** Row by row, as PRAGMA foreign_key_check does, a check over every table
** costs a lookup in the parent for every reference: 2,700 instructions a
** card. With many contacts, a range checks each key it can (fk_in_range):
** a fresh import's contacts, organisations and tags take the ids SQLite
** gives in order, and its roles, channels and the rest refer within them.
** Only a table a range does not clear (another kind of key, a parent with
** a gap, a reference out of range) is checked row by row, which names the
** row. Callgrind, 20,000 vCards: 53M instructions, now 13M.
*/
enum kith_status
kdb_bulk_fk_check(struct kdb *db, struct kith_err *err)
{
	static const char q_many[] =
		"SELECT coalesce(max(id), 0) >= ?1 FROM main.contact";
	static const char q_rows[] =
		"SELECT \"table\", rowid, parent FROM pragma_foreign_key_check(?1, 'main') LIMIT 1";
	sqlite3_stmt *st, *list = NULL;
	enum kith_status rc = KITH_OK;
	sqlite3_int64 par[3] = { 0 };
	char *last = NULL, *table = NULL;
	int step = SQLITE_DONE, row;
	bool many;

	if (!db->bulk_fk_off)
		return KITH_OK;
	if (!(st = db_stmt(db, q_many, err)))
		return KITH_DB;
	sqlite3_bind_int(st, 1, FK_RANGE_MIN);
	many = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	/* not cached: once per import */
	if (many && sqlite3_prepare_v2(db->h, q_fk_list, -1, &list, NULL) != SQLITE_OK)
		return db_error(db, err, "foreign keys");
	/* every table a range does not clear, row by row (without ranges: every table at once) */
	do {
		if (list) {
			step = sqlite3_step(list);
			if (step != SQLITE_ROW)
				break;
			if (sqlite3_column_int(list, 4) && fk_in_range(db, list, &last, par))
				continue;
			sqlite3_free(table);
			table = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(list, 0));
		}
		if (!(st = db_stmt(db, q_rows, err))) {
			rc = KITH_DB;
			break;
		}
		if (table)
			sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
		row = sqlite3_step(st);
		if (row == SQLITE_ROW)
			rc = kith_err_set(err, KITH_INVALID, "%s #%lld: refers to no %s",
					  (const char *)sqlite3_column_text(st, 0),
					  (long long)sqlite3_column_int64(st, 1),
					  (const char *)sqlite3_column_text(st, 2));
		else if (row != SQLITE_DONE)
			rc = db_error(db, err, "foreign keys");
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	} while (list && rc == KITH_OK);
	if (rc == KITH_OK && step != SQLITE_DONE)
		rc = db_error(db, err, "foreign keys");
	sqlite3_finalize(list);
	sqlite3_free(last);
	sqlite3_free(table);
	return rc;
}

/*
** The INSERT triggers an import suspends. Each costs SQLite a trigger frame
** and a statement journal per row even when its WHEN says no, and the
** import does their work once, at its end, for the rows it added: the
** contacts' ranks, counts, contact_stat rows and search documents, the
** documents of contacts given a role, the organisations' own index, and
** a UID for a row inserted without one (contact_add always gives one: the
** trigger's frame alone cost each insert a statement journal, 30,000
** instructions of its 130,000).
** Their SQL waits in meta ('bulk_trigger.NAME') and they are created again
** before the import commits; a rollback brings them back as it found them.
*/
static const char bulk_suspend[] =
	"INSERT INTO meta(key, value) SELECT 'bulk_trigger.' || name, sql FROM sqlite_master"
	" WHERE type = 'trigger' AND name IN"
	" ('contact_rank_ins', 'contact_ins', 'role_fts_ins', 'organisation_fts_ins',"
	" 'contact_uid_default');"
	"DROP TRIGGER IF EXISTS contact_rank_ins;"
	"DROP TRIGGER IF EXISTS contact_uid_default;"
	"DROP TRIGGER IF EXISTS contact_ins;"
	"DROP TRIGGER IF EXISTS role_fts_ins;"
	"DROP TRIGGER IF EXISTS organisation_fts_ins;";

/*
** Indexes no statement of an import reads (the contacts by birthday, an
** organisation's people, the follow-ups' lists by due date, contact, event and
** interaction): into an empty table they are built once at the import's end, a
** sort, rather than row by row. Only when the table was empty: built again they
** would read every older row. Their SQL waits in meta ('bulk_index.NAME') as
** the triggers' does. (A follow-up's four list indexes cost its insert 21,000
** instructions of 42,000; the lookup by title keeps its.) And the indexes of
** the lookups a fresh import makes only for a record like an earlier one
** (LOOKUP_INDEXES): the first such lookup makes them again (db_lookup_ready).
** On 20,000 distinct vCards they cost the inserts 30,000 instructions a card,
** and 22,000 built at the end. The UIDs' too (kept, it cost 100,000 vCards 140M
** instructions of 8.3G): a record's UID an earlier one had is looked up. Not
** the contacts by influence: it holds only those with one, and its build read
** every contact (100,000: 16 ms) for an index most often empty.
*/
#define LOOKUP_INDEXES \
	"'bulk_index.contact_by_name', 'bulk_index.contact_channel_by_value'," \
	" 'bulk_index.contact_channel_by_contact', 'bulk_index.role_by_contact'," \
	" 'bulk_index.contact_by_uid'"
static const char idx_suspend[] =
	"INSERT INTO meta(key, value) SELECT 'bulk_index.' || name, sql FROM sqlite_master"
	" WHERE type = 'index' AND sql IS NOT NULL AND"
	" ((name IN ('contact_by_birthday', 'contact_by_name', 'contact_by_uid')"
	" AND NOT EXISTS (SELECT 1 FROM contact))"
	" OR (name IN ('contact_channel_by_value', 'contact_channel_by_contact')"
	" AND NOT EXISTS (SELECT 1 FROM contact_channel))"
	" OR (name = 'role_by_contact' AND NOT EXISTS (SELECT 1 FROM role))"
	" OR (name = 'role_by_org' AND NOT EXISTS (SELECT 1 FROM role))"
	" OR (name IN ('followup_open_by_due', 'followup_open_by_contact', 'followup_closed',"
	" 'followup_by_contact', 'followup_by_event', 'followup_by_interaction')"
	" AND NOT EXISTS (SELECT 1 FROM followup)))";

/*
** The same for events and follow-ups (a calendar's thousands of them): an
** insert wrote its search document at once, and FTS5 writes its pending
** terms out at every statement's savepoint, so every row made a segment
** (400,000 instructions a to-do). While 'bulk_event' and 'bulk_followup'
** hold the largest ids before the import, the insert triggers (documents,
** the open follow-ups' count) are suspended and the import does their work
** at its end for the rows above them. The update triggers stay for the
** older rows, guarded: a row this import added has no document yet to
** take back, and gets its final one at the end.
*/
static const char cal_mark[] =
	"INSERT OR REPLACE INTO meta(key, value)"
	" SELECT 'bulk_event', coalesce(max(id), 0) FROM event"
	" HAVING coalesce(max(id), 0) < 9000000000000000000"
	" AND (SELECT coalesce(max(id), 0) FROM followup) < 9000000000000000000;"
	"INSERT OR REPLACE INTO meta(key, value)"
	" SELECT 'bulk_followup', coalesce(max(id), 0) FROM followup"
	" WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_event');";
static const char cal_suspend[] =
	"INSERT INTO meta(key, value) SELECT 'bulk_trigger.' || name, sql FROM sqlite_master"
	" WHERE type = 'trigger' AND name IN ('event_fts_ins', 'event_fts_upd',"
	" 'followup_fts_ins', 'followup_fts_upd', 'list_count_followup_ins');"
	"DROP TRIGGER IF EXISTS event_fts_ins;"
	"DROP TRIGGER IF EXISTS event_fts_upd;"
	"DROP TRIGGER IF EXISTS followup_fts_ins;"
	"DROP TRIGGER IF EXISTS followup_fts_upd;"
	"DROP TRIGGER IF EXISTS list_count_followup_ins;";
/* their work, at the import's end (the documents: those not made aside, fts_aside.c) */
static const char *const cal_catch_up_fts[DB_ASIDE_COUNT_] = {
	"INSERT INTO event_fts(rowid, title, location, notes)"
	" SELECT id, title, location, notes FROM event"
	" WHERE id > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'bulk_event');",
	"INSERT INTO followup_fts(rowid, title, notes) SELECT id, title, notes FROM followup"
	" WHERE id > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'bulk_followup');",
};
static const char cal_catch_up[] =
	"UPDATE list_count SET n = n + (SELECT count(*) FROM followup WHERE status = 'open'"
	" AND id > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'bulk_followup'))"
	" WHERE name = 'followups_open';";

/*
** Append to *out the update trigger `sql` (of table `what`) with a WHEN that
** keeps it to the rows before the import; false if its text is not the
** plain "... ON what BEGIN" this expects.
*/
static bool
guard_trigger(struct strbuf *out, const char *sql, const char *what)
{
	char on[32];
	const char *at;

	snprintf(on, sizeof on, " ON %s BEGIN", what);
	if (!(at = strstr(sql, on)))
		return false;
	at += strlen(on) - strlen(" BEGIN");
	sb_appendn(out, sql, (size_t)(at - sql));
	sb_printf(out, " WHEN old.id <= (SELECT CAST(value AS INTEGER) FROM meta"
		  " WHERE key = 'bulk_%s')%s;\n", what, at);
	return true;
}

/*
** The end of a suspend or resume: if ok (what came before went well), run
** the statements gathered in *script (if any); free it. KITH_OK, or the
** database's error naming what.
*/
static enum kith_status
run_script(struct kdb *db, struct strbuf *script, bool ok, const char *what,
	   struct kith_err *err)
{
	ok = ok && (!script->len || sqlite3_exec(db->h, sb_str(script), NULL, NULL, NULL) == SQLITE_OK);
	sb_free(script);
	return ok ? KITH_OK : db_error(db, err, what);
}

/* Suspend the calendar's insert triggers when their ids allow it (*on). */
static enum kith_status
cal_defer(struct kdb *db, bool *on, struct kith_err *err)
{
	static const char q[] =
		"SELECT (SELECT sql FROM sqlite_master WHERE type = 'trigger'"
		"  AND name = 'event_fts_upd'),"
		" (SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'followup_fts_upd')"
		" WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_event')";
	sqlite3_stmt *st;
	struct strbuf guards = {0};
	enum kith_status rc;
	bool ok;

	if (sqlite3_exec(db->h, cal_mark, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, err, "search index");
	if (!(st = db_stmt(db, q, err)))
		return KITH_DB;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return KITH_OK;         /* ids near their end: row by row */
	}
	ok = sqlite3_column_text(st, 0) && sqlite3_column_text(st, 1) &&
	     guard_trigger(&guards, (const char *)sqlite3_column_text(st, 0), "event") &&
	     guard_trigger(&guards, (const char *)sqlite3_column_text(st, 1), "followup");
	sqlite3_reset(st);
	if (!ok) {
		/* a schema this does not know: leave its triggers alone */
		sb_free(&guards);
		if (sqlite3_exec(db->h, "DELETE FROM meta WHERE key IN ('bulk_event', 'bulk_followup')",
				 NULL, NULL, NULL) != SQLITE_OK)
			return db_error(db, err, "search index");
		return KITH_OK;
	}
	ok = sqlite3_exec(db->h, cal_suspend, NULL, NULL, NULL) == SQLITE_OK;
	if ((rc = run_script(db, &guards, ok, "search index", err)))
		return rc;
	*on = true;
	return KITH_OK;
}

/* Drop the indexes idx_suspend put aside (their names in meta). */
static enum kith_status
idx_defer(struct kdb *db, struct kith_err *err)
{
	static const char q[] =
		"SELECT substr(key, 12), key IN (" LOOKUP_INDEXES ") FROM meta"
		" WHERE key GLOB 'bulk_index.*'";
	sqlite3_stmt *st;
	struct strbuf sql = {0};
	int step;

	if (sqlite3_exec(db->h, idx_suspend, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, err, "indexes");
	if (!(st = db_stmt(db, q, err)))
		return KITH_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		sb_printf(&sql, "DROP INDEX \"%s\";\n", (const char *)sqlite3_column_text(st, 0));
		db->lookup_idx_aside |= sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return run_script(db, &sql, step == SQLITE_DONE, "indexes", err);
}

/*
** Recreate the suspended triggers and indexes the rows of meta that q
** (key, value) reads hold; then run del, which deletes those rows.
*/
static enum kith_status
remake(struct kdb *db, const char *q, const char *del, struct kith_err *err)
{
	sqlite3_stmt *st = db_stmt(db, q, err);
	struct strbuf sql = {0};
	int step;

	if (!st)
		return KITH_DB;
	/* a trigger suspended with a guard in its place (bulk_guard) drops it first */
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		if (!strncmp(key, "bulk_trigger.", strlen("bulk_trigger.")))
			sb_printf(&sql, "DROP TRIGGER IF EXISTS \"%s\";\n",
				  key + strlen("bulk_trigger."));
		sb_printf(&sql, "%s;\n", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (sql.len)
		sb_append(&sql, del);
	return run_script(db, &sql, step == SQLITE_DONE, "triggers", err);
}

/* Recreate the suspended triggers and indexes from meta; their rows go with them. */
static enum kith_status
bulk_resume(struct kdb *db, struct kith_err *err)
{
	static const char q[] =
		"SELECT key, value FROM meta WHERE key GLOB 'bulk_trigger.*' OR key GLOB 'bulk_index.*'";
	static const char del[] =
		"DELETE FROM meta WHERE key GLOB 'bulk_trigger.*' OR key GLOB 'bulk_index.*';";

	db->lookup_idx_aside = false;
	return remake(db, q, del, err);
}

enum kith_status
db_lookup_ready(struct kdb *db, struct kith_err *err)
{
	static const char q[] = "SELECT key, value FROM meta WHERE key IN (" LOOKUP_INDEXES ")";
	static const char del[] = "DELETE FROM meta WHERE key IN (" LOOKUP_INDEXES ");";

	if (!db->lookup_idx_aside)
		return KITH_OK;
	db->lookup_idx_aside = false;
	return remake(db, q, del, err);
}

/* FTS5 writes its pending terms out as a new segment whenever they pass
   'hashsize' (1 MB by default), and merges segments as they pile up: for
   100,000 documents that is half the work. A rebuild of many documents
   holds 16 MB of terms (tens of thousands of contacts) before it writes,
   then sets the default back. Measured with callgrind on 100,000 contact
   documents: 9.7 billion instructions with the default, 5.2 with this. */
enum { FTS_BULK_DOCS = 5000, FTS_BULK_HASH = 16 << 20, FTS_HASH_DEFAULT = 1 << 20 };

/* The search indexes whose 'hashsize' a large import raises for its length. */
enum fts_index { FTS_CONTACT, FTS_EVENT, FTS_FOLLOWUP };

/* Set an index's 'hashsize' (bytes of pending terms). */
static enum kith_status
fts_hashsize(struct kdb *db, enum fts_index which, int bytes, struct kith_err *err)
{
	static const char *const sql[] = {
		[FTS_CONTACT] = "INSERT INTO contact_fts(contact_fts, rank) VALUES ('hashsize', ?)",
		[FTS_EVENT] = "INSERT INTO event_fts(event_fts, rank) VALUES ('hashsize', ?)",
		[FTS_FOLLOWUP] = "INSERT INTO followup_fts(followup_fts, rank) VALUES ('hashsize', ?)",
	};
	sqlite3_stmt *st = db_stmt(db, sql[which], err);

	if (!st)
		return KITH_DB;
	sqlite3_bind_int(st, 1, bytes);
	return db_step_done(db, st, err, "search index");
}

/*
** The documents of the dirty contacts (ids up to `upto`) made again, and
** those of every contact above `upto` (this import's, suspended: they have
** none yet) made for the first time, straight from their rows rather than
** through a dirty mark each.
*/
static enum kith_status
fts_rebuild_dirty(struct kdb *db, int64_t upto, bool made, struct kith_err *err)
{
	static const char q_n[] =
		"SELECT (SELECT count(*) FROM contact_fts_dirty) + (SELECT count(*) FROM contact"
		" WHERE id > ?1)";
	static const char drop_old[] =
		"DELETE FROM contact_fts WHERE rowid IN"
		" (SELECT contact_id FROM contact_fts_dirty WHERE contact_id <= ?1)";
	static const char fill_old[] =
		"INSERT INTO contact_fts(rowid, name, nicknames, org, role, tags, notes)"
		" SELECT id, name, nicknames, org, role, tags, notes FROM contact_fts_doc"
		" WHERE id IN (SELECT contact_id FROM contact_fts_dirty WHERE contact_id <= ?1)";
	static const char fill_new[] =
		"INSERT INTO contact_fts(rowid, name, nicknames, org, role, tags, notes)"
		" SELECT id, name, nicknames, org, role, tags, notes FROM contact_fts_doc"
		" WHERE id > ?1";
	static const char clear[] = "DELETE FROM contact_fts_dirty";
	static const char *const steps[] = { drop_old, fill_old, fill_new, clear };
	sqlite3_stmt *st = db_stmt(db, q_n, err);
	enum kith_status rc;
	bool many;

	if (!st)
		return KITH_DB;
	/* those above upto made aside (fts_aside.c) need none */
	sqlite3_bind_int64(st, 1, made ? INT64_MAX : upto);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_error(db, err, "search index");
	}
	many = sqlite3_column_int64(st, 0) >= FTS_BULK_DOCS;
	sqlite3_reset(st);
	if (many && (rc = fts_hashsize(db, FTS_CONTACT, FTS_BULK_HASH, err)))
		return rc;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if (made && steps[i] == fill_new)
			continue;
		if (!(st = db_stmt(db, steps[i], err)))
			return KITH_DB;
		if (steps[i] != clear)
			sqlite3_bind_int64(st, 1, upto);
		if ((rc = db_step_done(db, st, err, "search index")))
			return rc;
	}
	return many ? fts_hashsize(db, FTS_CONTACT, FTS_HASH_DEFAULT, err) : KITH_OK;
}

/*
** The calendar's suspended work (cal_catch_up): the documents of many new
** events and to-dos are made with the larger hash, as the contacts' are
** (the same documents, 100,000 of each, made with SQL: 5.7 billion
** instructions with the default, 3.8 with this; no change at 20,000).
*/
/* Both calendar indexes' 'hashsize'. */
static enum kith_status
cal_hashsize(struct kdb *db, int bytes, struct kith_err *err)
{
	enum kith_status rc = fts_hashsize(db, FTS_EVENT, bytes, err);

	return rc ? rc : fts_hashsize(db, FTS_FOLLOWUP, bytes, err);
}

static enum kith_status
cal_catch_up_run(struct kdb *db, const bool made[DB_ASIDE_COUNT_], struct kith_err *err)
{
	/* how many events and to-dos are past their suspended ids */
	static const char q_n[] =
		"SELECT coalesce(sum(n), 0) FROM ("
		"SELECT coalesce((SELECT max(id) FROM event), 0) - CAST(value AS INTEGER) AS n"
		" FROM meta WHERE key = 'bulk_event'"
		" UNION ALL SELECT coalesce((SELECT max(id) FROM followup), 0) - CAST(value AS INTEGER)"
		" FROM meta WHERE key = 'bulk_followup')";
	enum kith_status rc;
	int64_t n;
	bool many;

	if ((rc = db_int64(db, &n, q_n, "search index", err, "")))
		return rc;
	many = n >= FTS_BULK_DOCS && !(made[DB_ASIDE_EVENT] && made[DB_ASIDE_FOLLOWUP]);
	if (many && (rc = cal_hashsize(db, FTS_BULK_HASH, err)))
		return rc;
	for (int t = 0; t < DB_ASIDE_COUNT_; t++)
		if (!made[t] && sqlite3_exec(db->h, cal_catch_up_fts[t], NULL, NULL, NULL) != SQLITE_OK)
			return db_error(db, err, "search index");
	if (sqlite3_exec(db->h, cal_catch_up, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, err, "search index");
	return many ? cal_hashsize(db, FTS_HASH_DEFAULT, err) : KITH_OK;
}

/*
** The first of the suspended INSERT triggers' work for the contacts above
** upto, from one read of them: the count of those not archived goes to
** list_count, and only if one lacks its rank or UID (contact_add gives
** both) are they given. A read for each (the UPDATE that changes none,
** then the count) cost 100M and 65M instructions at 100,000 contacts, the
** one read 120M. First, while the UPDATE's trigger only marks documents
** dirty.
*/
static enum kith_status
new_contacts(struct kdb *db, int64_t upto, struct kith_err *err)
{
	static const char q[] =
		"SELECT count(*) FILTER (WHERE archived = 0), count(*) FILTER (WHERE"
		" influence_rank IS NOT 5 - coalesce(influence, 0) OR uid IS NULL)"
		" FROM contact WHERE id > ?1";
	static const char fix[] =
		"UPDATE contact SET influence_rank = 5 - coalesce(influence, 0),"
		" uid = coalesce(uid, " DB_UUID_SQL ")"
		" WHERE id > ?1 AND (influence_rank IS NOT 5 - coalesce(influence, 0) OR uid IS NULL)";
	static const char count[] = "UPDATE list_count SET n = n + ?1 WHERE name = 'contacts'";
	sqlite3_stmt *st = db_stmt(db, q, err);
	int64_t live, lacking;
	enum kith_status rc;

	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, upto);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_error(db, err, "search index");
	}
	live = sqlite3_column_int64(st, 0);
	lacking = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	if (lacking && (rc = db_run(db, fix, "search index", err, "i", upto)))
		return rc;
	return live ? db_run(db, count, "search index", err, "i", live) : KITH_OK;
}

enum kith_status
contact_fts_defer(struct kdb *db, bool on, struct kith_err *err)
{
	/* 'bulk_insert', 'bulk_role', 'bulk_org': the rows with a larger id are
	   this import's, and get their derived rows at its end; not when the
	   ids are near their end, where SQLite picks them at random (the
	   triggers then stay, and do the work row by row) */
	/* every goal is built whole after the import (goal_member.c): past
	   its first people, they are not marked one by one (goal_mark.c) */
	static const char defer[] =
		"INSERT OR REPLACE INTO meta(key, value) VALUES ('fts_deferred', '1');"
		"INSERT OR IGNORE INTO goal_stale SELECT id FROM goal;"
		"INSERT OR REPLACE INTO meta(key, value)"
		" SELECT 'bulk_insert', coalesce(max(id), 0) FROM contact"
		" HAVING coalesce(max(id), 0) < 9000000000000000000"
		" AND (SELECT coalesce(max(id), 0) FROM role) < 9000000000000000000"
		" AND (SELECT coalesce(max(id), 0) FROM organisation) < 9000000000000000000;"
		"INSERT OR REPLACE INTO meta(key, value)"
		" SELECT 'bulk_role', coalesce(max(id), 0) FROM role"
		" WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_insert');"
		"INSERT OR REPLACE INTO meta(key, value)"
		" SELECT 'bulk_org', coalesce(max(id), 0) FROM organisation"
		" WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_insert');";
	static const char q_bulk[] = "SELECT 1 FROM meta WHERE key = 'bulk_insert'";
	static const char q_first_new[] =
		"SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'bulk_insert'";
	/* the rest of the suspended triggers' work (new_contacts does the first) */
	static const char catch_up[] =
		/* no touch yet, but for the few this import gave one (an attendee of
		   an event it added): contact_touch_calc for each of 100,000 new
		   contacts cost 7,400 instructions a contact, this 4,400 */
		"INSERT INTO contact_stat(contact_id, last_at) SELECT id, '' FROM contact"
		" WHERE id > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'bulk_insert');"
		"UPDATE contact_stat SET last_at = (SELECT t.last_at FROM contact_touch_calc t"
		" WHERE t.contact_id = contact_stat.contact_id)"
		" WHERE contact_id IN (SELECT contact_id FROM interaction_contact WHERE contact_id >"
		" (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'bulk_insert')"
		" UNION SELECT contact_id FROM attendance WHERE contact_id >"
		" (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'bulk_insert'));"
		"INSERT INTO organisation_fts(rowid, name, description)"
		" SELECT id, name, description FROM organisation"
		" WHERE id > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'bulk_org');";
	/* the documents of older contacts given a role: once the roles are
	   indexed by contact again (bulk_resume), a step into that index for a
	   fresh import rather than a read of every new role (4-7 ms at 100,000) */
	static const char roles_dirty[] =
		"INSERT OR IGNORE INTO contact_fts_dirty SELECT contact_id FROM role"
		" WHERE id > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'bulk_role')"
		" AND contact_id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'bulk_insert');";
	static const char undefer[] =
		"DELETE FROM meta WHERE key IN ('bulk_insert', 'bulk_role', 'bulk_org',"
		" 'bulk_event', 'bulk_followup', 'fts_deferred');";
	enum kith_status rc;
	sqlite3_stmt *st;
	bool suspended, aside[DB_ASIDE_COUNT_] = { false }, made[DB_ASIDE_COUNT_];
	int64_t upto;

	if ((rc = db_write_begin(db, err)))
		return rc;
	if (on) {
		if (sqlite3_exec(db->h, defer, NULL, NULL, NULL) != SQLITE_OK)
			goto fail;
		if (!(st = db_stmt(db, q_bulk, err)))
			return db_write_fail(db, err, KITH_DB);
		suspended = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		if (suspended && sqlite3_exec(db->h, bulk_suspend, NULL, NULL, NULL) != SQLITE_OK)
			goto fail;
		if (suspended && (rc = idx_defer(db, err)))
			return db_write_fail(db, err, rc);
		if ((rc = cal_defer(db, &aside[DB_ASIDE_EVENT], err)))
			return db_write_fail(db, err, rc);
		/* the documents of an empty table's new rows: made aside as it fills */
		aside[DB_ASIDE_FOLLOWUP] = aside[DB_ASIDE_EVENT];
		aside[DB_ASIDE_CONTACT] = suspended;
		if ((rc = db_aside_begin(db, aside, err)))
			return db_write_fail(db, err, rc);
		return db_write_end(db, err);
	}
	/* the contacts above 'bulk_insert' are this import's, not yet indexed;
	   without it, every document to make was marked dirty */
	if (!(st = db_stmt(db, q_first_new, err)))
		return db_write_fail(db, err, KITH_DB);
	upto = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : INT64_MAX;
	sqlite3_reset(st);
	/* every document is made: the thread finishes its index (a flush of its
	   terms, 60 ms for 100,000 contacts) beside the catch-up and the indexes */
	db_aside_input_end(db);
	if ((rc = new_contacts(db, upto, err)))
		return db_write_fail(db, err, rc);
	if (sqlite3_exec(db->h, catch_up, NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	/* the indexes are built while the documents may still be made aside
	   (fts_aside.c), which the catch-up then waits for */
	if ((rc = bulk_resume(db, err)))
		return db_write_fail(db, err, rc);
	if (sqlite3_exec(db->h, roles_dirty, NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	if ((rc = db_aside_finish(db, made, err)) ||
	    (rc = cal_catch_up_run(db, made, err)))
		return db_write_fail(db, err, rc);
	if (sqlite3_exec(db->h, undefer, NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	if ((rc = fts_rebuild_dirty(db, upto, made[DB_ASIDE_CONTACT], err)))
		return db_write_fail(db, err, rc);
	return db_write_end(db, err);
fail:
	db_error(db, err, "search index");
	return db_write_fail(db, err, KITH_DB);
}
