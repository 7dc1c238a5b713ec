/*
 * internal.h: what the files of src/db share. Nothing outside src/db
 * includes this (or sqlite3.h).
 *
 * Statement cache. db_stmt(db, sql) returns a prepared statement for a
 * constant SQL text, preparing it on first use and resetting/clearing it on
 * later ones; the text's address is the cache key, so always pass a string
 * literal or a static const. Never build SQL from user text: bind it.
 *
 * Write pattern, for every public write function:
 *
 *	if (db_write_begin(db, err)) return err->code;
 *	... statements, each checked; on failure: return db_write_fail(db, err, ...);
 *	return db_write_end(db, err);
 *
 * db_write_begin starts BEGIN IMMEDIATE at depth 0 (and, when recording,
 * records its changes for undo) or a SAVEPOINT when nested inside a batch;
 * db_write_end commits/releases; db_write_fail rolls back to where this
 * write began and returns the error code.
 */
#ifndef KITH_DB_INTERNAL_H
#define KITH_DB_INTERNAL_H

/* Debian's libsqlite3 is built with the session extension; its API is
   declared only when these are defined. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "kith/db.h"
#include "kith/status.h"

#define DB_STMT_CACHE 512
/* distinct statements goal progress keeps (goal_member.c) */
#define GOAL_SQL_KEPT 64

struct db_cached_stmt {
	const char *sql;            /* key: address of a constant string */
	sqlite3_stmt *stmt;
};

struct kdb {
	sqlite3 *h;
	char *path;
	int depth;                          /* open write transactions/savepoints */
	/*
	 * Bulk mode (an import): a write inside a batch opens no savepoint of
	 * its own, as the batch (or the whole import) is rolled back on any
	 * failure. Bit d of sp_skipped: level d opened none. kdb_batch_begin
	 * always opens one (batch_opening).
	 */
	bool bulk, batch_opening;
	bool bulk_journal;                  /* a large import's rollback journal (bulk_db.c) */
	bool bulk_fk_off;                   /* an import's foreign keys checked at its end (bulk_db.c) */
	uint64_t sp_skipped;
	bool readonly;
	long long commits;                  /* outermost write transactions committed */
	bool recording;                     /* undo recording on */
	struct db_rec *rec;                 /* undo recording (record.c) */
	struct kdb_change *parts;           /* the parts recorded so far (db_change_split) */
	struct kdb_change *last_change;     /* from the last committed outermost tx */
	bool warm_sql;                      /* warmpath.c's SQL function registered */
	bool health_sql;                    /* health.c's SQL functions registered */
	void *health_walk;                  /* what they count into, while its statement runs */
	struct ev_keys *ev_keys;            /* bulk mode: the events it added, by title and start */
	struct fts_aside *aside;            /* an import: its search documents made aside */
	struct db_pend *pend;               /* an import: channels and roles still to write (pend.c) */
	int pend_lost;                      /* their write failed as bulk mode ended: the commit fails */
	bool pend_tables;                   /* pend.c's virtual tables made on this connection */
	bool aside_attached;                /* fts_aside.c's database is attached (kith_aside) */
	sqlite3 *aside_owner;               /* the connection whose memory kith_aside reads */
	unsigned long rollbacks;            /* db_write_fail calls: what was kept may be gone */
	/* an import's lookup indexes may be put aside (bulk_db.c, db_lookup_ready) */
	bool lookup_idx_aside;
	bool unwatched;                     /* the row hook paused for the transaction (goal_mark.c) */
	uint32_t replica;                   /* team mode's R (sync_key.c); 0 solo */
	bool syncing;                       /* a sync's own write: no outbox entry (sync_db.c) */
	bool team_write;                    /* this write records its outbox entry */
	bool replica_read;                  /* replica was read, at file version replica_dv */
	unsigned replica_dv;
	bool mem;                           /* an in-memory database (tests) */
	bool priv;                          /* the private file is attached as "priv" (private.c) */
	/*
	 * Goal progress's marks (goal_mark.c): mark_row sees every row this
	 * connection changes (the pre-update hook, record.c), and derive writes
	 * the marks out just before an outermost write commits, or drops them
	 * when it rolls back (tx.c). Pointers, so that tx.c and record.c,
	 * which every writer calls, call no file above them.
	 */
	void (*mark_row)(struct kdb *db, sqlite3 *h, int op, const char *zdb, const char *table);
	enum kith_status (*derive)(struct kdb *db, bool commit, struct kith_err *err);
	struct goal_marks *marks;
	/* the texts of goal progress's kept statements (goal_member.c kept_stmt) */
	char *goal_sql[GOAL_SQL_KEPT];
	int n_goal_sql;
	struct db_cached_stmt cache[DB_STMT_CACHE];
	int n_cache;
};

struct kdb_change {
	int n;
	void *data;                         /* sqlite3 changeset blob */
	bool priv;                          /* of the private file's tables (private.c applies it) */
	struct kdb_change *next;            /* the next part of the same step */
};

/*
** The private file (private.c). db_private_attach_existing attaches
** <db>.private if it exists (kdb_open); db_private_sweep removes the
** private notes' links to contacts that are gone (after a sync, and at
** attach: what a crash between the two files' commits left);
** db_private_apply applies a recorded part of the private file's tables
** (an SQLite code; *conflicts counted, table named as tx.c's apply does).
*/
enum kith_status db_private_attach_existing(struct kdb *db, struct kith_err *err);
enum kith_status db_private_sweep(struct kdb *db, struct kith_err *err);
int db_private_apply(struct kdb *db, int n, void *buf, int *conflicts, char *table,
		     size_t tablen);

/* How long a writer waits for another one's transaction before giving up. */
#define DB_BUSY_MS 5000

/* PRAGMA application_id of kith's databases: "kith" in ASCII. */
#define KITH_APPLICATION_ID 0x6b697468

/*
** The events an import adds, by title and start (event.c): while bulk mode
** lasts, event_add keeps each one's key, and event_find_title_start looks
** among the events from before the import with SQL and among its own here
** (each to-do-less calendar event looked through every event of its start
** time: 43,000 instructions an event at 100,000). Any rollback inside the
** import turns the keys off (the lookups are then SQL's alone); bulk mode's
** end frees them.
*/
void db_ev_keys_free(struct kdb *db);

/*
** The channels and roles an import adds, written many to a statement
** (pend.c). db_pend_mode turns the lists on and off with bulk mode (the
** first time, it makes the virtual tables they are read from).
** db_pend_channel queues a new contact's channel, db_pend_role a role
** checked as role_add checks it (*queued; false: insert it as before).
** db_pend_quiet(db, lists) ... (db, 0) brackets the step of a statement
** that reads none of those lists (DB_PEND_*): the rows that wait in them
** are not written first. db_pend_flush writes them (a commit, first) and
** reports a failure of that or of an earlier write; db_pend_drop forgets
** them (a rollback).
*/
enum { DB_PEND_CHANNELS = 1, DB_PEND_ROLES = 2 };
struct kith_role;
void db_pend_mode(struct kdb *db, bool on);
enum kith_status db_pend_channel(struct kdb *db, int64_t contact_id, const char *kind,
				 const char *label, const char *value, const char *key, int position,
				 bool *queued, struct kith_err *err);
enum kith_status db_pend_role(struct kdb *db, const struct kith_role *role, bool *queued,
			      struct kith_err *err);
void db_pend_quiet(struct kdb *db, unsigned lists);
enum kith_status db_pend_flush(struct kdb *db, struct kith_err *err);
void db_pend_drop(struct kdb *db);
/* The first event from before the keys with title and start; the keys' own; 0 if none. */
enum kith_status db_ev_keys_find(struct kdb *db, const char *title, const char *start,
				 int64_t *id_out, bool *used, struct kith_err *err);

/*
** The search documents of the events, to-dos and contacts an import adds,
** made on a thread of their own while it inserts (fts_aside.c):
** db_aside_begin chooses, of the tables it may (want: their insert
** triggers suspended), those whose table and index are empty; event_add
** and followup_add hand over each row's text, contact_aside.c each
** contact's document (db_aside_add: the index's columns in order, and
** counts, NULL or what the check's three counts after the rows' count of
** this row's); db_aside_finish, at the catch-up, makes the indexes it can
** from them (made[t]) and leaves the others to the catch-up's SQL;
** db_aside_input_end says no more documents will come (the thread writes
** its last and commits while the caller goes on; one handed over after it
** sends every table back to the SQL);
** db_aside_discard throws the work away; db_aside_detach, when bulk mode
** ends, also detaches what finish attached. db_aside_on: whether t's
** documents are still wanted; db_aside_spoil_row: row id's document may
** not be its own (a contact's is made again by the SQL; another table's
** work cannot stand). A table's maker may keep a state of its own beside
** (db_aside_set_ext); its end is called with use at the finish (hand over
** what it holds, then free) or without at a discard (free).
*/
enum db_aside_table { DB_ASIDE_EVENT, DB_ASIDE_FOLLOWUP, DB_ASIDE_CONTACT, DB_ASIDE_COUNT_ };
enum { DB_ASIDE_COLS = 6 };
struct aside_ext {
	void (*end)(struct kdb *db, struct aside_ext *x, bool use);
};
enum kith_status db_aside_begin(struct kdb *db, const bool want[DB_ASIDE_COUNT_],
				struct kith_err *err);
bool db_aside_on(struct kdb *db, enum db_aside_table t);
void db_aside_add(struct kdb *db, enum db_aside_table t, int64_t id, const char *const *text,
		  const int *counts);
void db_aside_spoil_row(struct kdb *db, enum db_aside_table t, int64_t id);
struct aside_ext *db_aside_ext(struct kdb *db, enum db_aside_table t);
void db_aside_set_ext(struct kdb *db, enum db_aside_table t, struct aside_ext *x);
enum kith_status db_aside_finish(struct kdb *db, bool made[DB_ASIDE_COUNT_], struct kith_err *err);
void db_aside_input_end(struct kdb *db);
/*
** vfs_join.c: the VFS every connection of kith opens files with (made the
** default by kdb_open): the system's, but for a file of a connection
** db_vfs_join turned on, whose consecutive writes go out as one.
*/
enum { DB_FCNTL_JOIN = 0x6b697468 };   /* 'kith': a file control of ours */
void db_vfs_join_register(void);
void db_vfs_join(struct kdb *db, bool on);
void db_aside_discard(struct kdb *db);
void db_aside_detach(struct kdb *db);
/*
** A new contact's search document as contact_fts_doc makes it, gathered as
** the import writes the contact (contact_aside.c): after its row
** (db_aside_contact, with its name_key), each nickname row (with its key)
** and tag link it adds, and each role (role_add). No-ops unless the
** contacts' documents are made aside.
*/
struct kith_contact;
struct kith_role;
void db_aside_contact(struct kdb *db, int64_t id, const struct kith_contact *c, const char *key);
void db_aside_nickname(struct kdb *db, int64_t id, const char *nick, const char *key);
void db_aside_tag(struct kdb *db, int64_t id, const char *tag);
void db_aside_role(struct kdb *db, const struct kith_role *r);

/*
** A fresh import puts aside even the indexes its lookups read (contacts by
** name, channels by value and by contact, roles by contact): a file of
** distinct people never looks one up. The first lookup that would read one
** makes them again (a rollback may have taken them: then once more); a
** lookup without them is right, only slow. Called by every such lookup.
*/
enum kith_status db_lookup_ready(struct kdb *db, struct kith_err *err);

/* Register kith's SQL functions on a new connection (sqlfunc.c). */
void db_sql_init(sqlite3 *h);
/* Mark the database as kith's (a header field; inside or outside a transaction). */
int db_mark_ours(sqlite3 *h);
/* The value of an integer pragma ("user_version"); INT_MIN on error. */
int db_pragma_int(sqlite3 *h, const char *name);

/* Cached prepared statement for constant `sql`, reset and with bindings cleared. NULL on error (err set). */
sqlite3_stmt *db_stmt(struct kdb *db, const char *sql, struct kith_err *err);

/* Set err from the connection's last error: "<what>: <sqlite message>". Returns KITH_DB (or KITH_BUSY). */
enum kith_status db_error(struct kdb *db, struct kith_err *err, const char *what);

/*
** Undo recording (record.c). db_rec_start begins recording the row changes
** of this connection; db_rec_take closes what was recorded so far as one
** changeset (*out NULL if nothing changed; false if it cannot be recorded)
** and goes on recording; db_rec_stop ends recording; db_rec_free also
** drops the tables' shapes it keeps (kdb_close).
*/
bool db_rec_start(struct kdb *db, bool team);
/*
** Team mode: with team true, db_rec_start also gathers the write's changes
** of shared tables, never split, and db_rec_team gives them (before
** db_rec_stop) as one changeset (sqlite3_malloc'd; NULL when none): the
** write's entry of the outbox. False if it cannot be recorded.
*/
bool db_rec_team(struct kdb *db, void **data, int *n);
bool db_rec_live(struct kdb *db);
bool db_rec_take(struct kdb *db, struct kdb_change **out);
void db_rec_stop(struct kdb *db);
void db_rec_free(struct kdb *db);

/*
** Team mode (sync_key.c). db_replica_load makes db->replica R as an
** outermost write begins (after BEGIN IMMEDIATE): read at the first write,
** then again only if another connection committed since (the file's data
** version moved); db_replica_seen, after each commit of this connection,
** notes the version it made. So a solo write costs no statement more. The shared tables are numbered in dependency
** order: db_shared_index (-1 if the table is not shared) and
** db_shared_name. An INSERT into a shared table keyed by an integer names
** its key as the parameter :key (its last), which db_key_bind binds, before
** the step, to the next key of this replica's range in the table the
** statement inserts into (solo, or no :key: nothing bound). A tag's key
** in team mode is db_tag_key(name) (0 solo: SQLite's choice).
*/
void db_replica_load(struct kdb *db);
void db_replica_seen(struct kdb *db);
int db_shared_index(const char *table);
const char *db_shared_name(int i);
enum kith_status db_key_bind(struct kdb *db, sqlite3_stmt *st, struct kith_err *err);
int64_t db_tag_key(const struct kdb *db, const char *name);
/*
** Give the long-keyed rows a changeset inserts their short references,
** in the open write (sync_alias.c): tx.c for a local write's outbox
** entry, sync_db.c for the log's entries it applies.
*/
enum kith_status db_alias_add(struct kdb *db, const void *data, size_t len,
			      struct kith_err *err);
/* Does any shared table have a key in replica's range? */
enum kith_status db_range_used(struct kdb *db, uint32_t replica, bool *used,
			       struct kith_err *err);

enum kith_status db_write_begin(struct kdb *db, struct kith_err *err);
enum kith_status db_write_end(struct kdb *db, struct kith_err *err);
/*
** Goal progress (goal_member.c): bring goal_member up to date for the
** people and goals marked in goal_dirty and goal_stale, inside a write.
*/
enum kith_status goal_cache_refresh(struct kdb *db, struct kith_err *err);
/*
** Goal progress's marks (goal_mark.c): goal_mark_row takes a changed row
** (kdb's mark_row, from the pre-update hook); goal_marks_flush writes the
** marks into goal_dirty and goal_stale (commit) or drops them (kdb's
** derive); goal_marks_free at close.
*/
void goal_mark_row(struct kdb *db, sqlite3 *h, int op, const char *zdb, const char *table);
enum kith_status goal_marks_flush(struct kdb *db, bool commit, struct kith_err *err);
void goal_marks_free(struct kdb *db);
/* Is every column the marks read where goal_mark.c says it is (KITH_CONFLICT naming it)? */
enum kith_status goal_marks_check(struct kdb *db, struct kith_err *err);
/*
** The pre-update hook of the connection (record.c): the marks, then the
** undo recording. SQLite has one hook a connection: the session
** extension (a sync's) needs it paused while a session lives.
*/
void db_row_hook_init(struct kdb *db);
void db_row_hook_pause(struct kdb *db, bool pause);
/*
** Close the part of the undo step recorded so far and start the next, in
** the outermost write only (elsewhere it does nothing). An undo applies
** the parts from the last, a redo from the first: a write that must be
** undone in another order than tables come in one changeset (re-create a
** deleted row before the rows that point at it are moved back) splits.
*/
enum kith_status db_change_split(struct kdb *db, struct kith_err *err);
/* Roll back this write level; returns code (err is expected to be set already). */
enum kith_status db_write_fail(struct kdb *db, struct kith_err *err, enum kith_status code);

/*
** The write ladder, once: body(db, ctx, err) inside db_write_begin and
** db_write_end; a body that returns an error (with err set) is rolled
** back by db_write_fail and its code returned.
*/
typedef enum kith_status (*db_write_fn)(struct kdb *db, void *ctx, struct kith_err *err);
enum kith_status db_write(struct kdb *db, db_write_fn body, void *ctx, struct kith_err *err);

/*
** SQL for a random UUID (version 4: 122 bits from SQLite's randomness, which
** is seeded from the system's), for a contact another writer inserts
** without a UID (the schema's trigger) and for the catch-up's.
*/
#define DB_UUID_SQL \
	"lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || " \
	"substr(lower(hex(randomblob(2))), 2) || '-' || " \
	"substr('89ab', 1 + (abs(random()) % 4), 1) || " \
	"substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"
/* The contact UIDs kith makes, in C: version 7 (stmt.c), 36 characters and a
   NUL. Made in SQL it cost a contact's insert as much as the rest of its row. */
void db_uuid(char out[37]);

/*
** Bind text s to ?i; NULL binds '', or with DB_EMPTY_NULL NULL and "" bind
** SQL NULL. DB_NO_COPY binds without a copy: s must stay as it is until st
** has been stepped and reset (a write stepped to its end: db_step_done).
** db_stmt clears the bindings before st's next use, so SQLite never reads s
** after that. An import binds a dozen texts per card: their copies and frees
** were 6% of it. The four uses have names of their own below.
*/
enum { DB_EMPTY_NULL = 1, DB_NO_COPY = 2 };
int db_bind_str(sqlite3_stmt *st, int i, const char *s, unsigned how);
#define db_bind_text(st, i, s) db_bind_str(st, i, s, 0)
#define db_bind_text_null(st, i, s) db_bind_str(st, i, s, DB_EMPTY_NULL)
#define db_bind_text_static(st, i, s) db_bind_str(st, i, s, DB_NO_COPY)
#define db_bind_text_null_static(st, i, s) db_bind_str(st, i, s, DB_EMPTY_NULL | DB_NO_COPY)
int db_bind_id(sqlite3_stmt *st, int i, int64_t id);            /* 0 -> NULL */
/* ids[0..n) as a JSON array ("[3,12]"), for json_each(?i): its key is the index. */
int db_bind_ids(sqlite3_stmt *st, int i, const int64_t *ids, size_t n);
/* Column helpers: NULL text -> "" ; NULL int -> 0. */
const char *db_col_text(sqlite3_stmt *st, int i);
char *db_col_dup(sqlite3_stmt *st, int i);                      /* NULL -> NULL */

/*
** Step a statement expected to finish (INSERT/UPDATE/DELETE). Returns
** KITH_OK, or a KITH_DB / KITH_INVALID (constraint) error with `what`.
*/
enum kith_status db_step_done(struct kdb *db, sqlite3_stmt *st, struct kith_err *err,
			      const char *what);

/*
** Step a lookup already bound for its first row: KITH_OK on a row (the
** caller reads it, then sqlite3_reset()s the statement); KITH_NOTFOUND
** (err untouched) if there is none; else the error, with `what`. The
** statement is reset unless a row is returned.
*/
enum kith_status db_step_row(struct kdb *db, sqlite3_stmt *st, const char *what,
			     struct kith_err *err);

/* Are two values the same: the same type and the same value (bytes for text and blobs)? */
bool db_value_same(sqlite3_value *x, sqlite3_value *y);

/* The time now as "YYYY-MM-DD HH:MM:SS" (honours KITH_TODAY). */
void db_now(char out[20]);

/* The key channels merge by (contact_channel.value_key): lower-cased email, phone digits. */
char *db_channel_key(const char *kind, const char *value);

/* Folded key for names (fold_text: as typed on a US keyboard), newly allocated. */
char *db_name_key(const char *name);

/*
** Validate that s (may be NULL) is valid UTF-8 and has no NUL; err names
** the field. Data layer entry points call this on every text field.
*/
enum kith_status db_check_text(const char *field, const char *s, struct kith_err *err);

/*
** The shape of table schema.table, running no statement: a prepared
** SELECT * (its own, not cached: sqlite3_finalize it), whose columns are
** the table's, in order (what a changeset and the pre-update hook count:
** kith's tables have no hidden or generated columns). NULL if it cannot
** be read.
*/
sqlite3_stmt *db_table_shape(struct kdb *db, const char *schema, const char *table);

/* The trigger-kept size of a big list ("contacts", "followups_open"). */
enum kith_status db_list_count(struct kdb *db, const char *name, long long *out,
			       struct kith_err *err);

/*
** How many rows a full-text search matches, counting no further than
** cap + 1 (the cost grows with the matches). `sql` is constant text of the
** form "SELECT count(*) FROM (SELECT rowid FROM t_fts WHERE t_fts MATCH ?1
** LIMIT ?2)"; text is the user's search, made safe by search_fts_query().
*/
enum kith_status db_fts_count_capped(struct kdb *db, const char *sql, const char *text,
				     int cap, long long *out, struct kith_err *err);

/*
** The review's items about promises (review_promises.c): merged by score
** into a built queue (its items sorted, best first), the cap p->limit
** applied again and out->total counting them.
*/
struct review_params;
struct review_queue;
struct review_item;
void review_item_free(struct review_item *it);   /* review.c */
/*
** The review's promises (concern.c): those whose last update is dated from
** since to until, as promise_list orders them, their people not counted (0)
** and untold only 1 if anyone is not told (promise_get counts them).
*/
struct promise_row;
enum kith_status promise_list_updated(struct kdb *db, const char *since, const char *until,
				      int (*fn)(void *ud, const struct promise_row *row), void *ud,
				      struct kith_err *err);
enum kith_status review_promise_merge(struct kdb *db, const struct review_params *p,
				      struct review_queue *out, struct kith_err *err);

#endif
