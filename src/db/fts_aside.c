/*
 * cal_aside.c: the search documents of a calendar import made on a second
 * thread (issue 14: 100,000 events and 100,000 to-dos in well under 2 s).
 *
 * An import suspends the calendar's insert triggers and makes the events'
 * and to-dos' search documents at its end (bulk_db.c): 200,000 documents
 * cost FTS5 3.6 billion instructions on the one thread that also does every
 * insert. Into an empty index the same documents can be made anywhere:
 * while the import inserts, each event and to-do it adds (event_add,
 * followup_add) is handed to a thread of its own, which writes it into the
 * same FTS5 table (the same SQL: columns, tokenizer, prefixes) in a private
 * in-memory database. At the end the index is the one that thread made:
 * the table is dropped and created again (a new table object holds no
 * cached structure of the empty index) and its shadow tables (%_data,
 * %_idx, %_docsize) are copied from the private database, attached read
 * only; its own settings (%_config) are kept.
 *
 * Only where the result is exactly what the catch-up's SQL makes: the table
 * (event or followup) was empty when the import began and so was its index;
 * every row it now has above the mark was handed over, with the text it has
 * now (temporary triggers note an update of a new row's text or a delete of
 * one; a rollback inside the import is counted); and enough rows were added
 * for the thread to have started. Otherwise the thread's work is thrown away
 * and the catch-up's SQL makes the documents as before.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "kith/str.h"
#include "kith/xalloc.h"

/*
** The thread starts when this many documents wait (fewer: the catch-up's
** SQL); they are handed over ASIDE_BATCH at a time (a lock and a wake-up
** each).
*/
enum { ASIDE_START = 2000, ASIDE_BATCH = 256, ASIDE_HASH = 16 << 20 };

static const char *const tables[DB_ASIDE_COUNT_] = { "event", "followup" };

struct aside_doc {
	struct aside_doc *next;
	enum db_aside_table t;
	int64_t id;
	char *text[3];              /* title, location (events), notes; NULL as NULL */
	char buf[];                 /* where they are */
};

struct cal_aside {
	bool on[DB_ASIDE_COUNT_];   /* this table's documents are made aside */
	char *sql[DB_ASIDE_COUNT_]; /* its CREATE VIRTUAL TABLE */
	int64_t sent[DB_ASIDE_COUNT_];
	bool stale;                 /* a document handed over is no longer the row's */
	unsigned long rollbacks;
	/* shared with the thread, under mu */
	mtx_t mu;
	cnd_t more;
	struct aside_doc *head, *tail;
	bool done, failed;
	/* the caller's: the batch being filled; before the thread starts, the
	   documents waiting (head, tail), n of them */
	struct aside_doc *bhead, *btail;
	int bn;
	size_t waiting;
	bool started;
	thrd_t thread;
	sqlite3 *w;                 /* the thread's database; the caller's again after the join */
};

static void
doc_free(struct aside_doc *d)
{
	while (d) {
		struct aside_doc *next = d->next;
		free(d);
		d = next;
	}
}

/* A document of row id of table t, in one allocation. */
static struct aside_doc *
doc_new(enum db_aside_table t, int64_t id, const char *const text[3])
{
	size_t len[3], total = 0;
	struct aside_doc *d;
	char *p;

	for (int i = 0; i < 3; i++)
		total += len[i] = text[i] ? strlen(text[i]) + 1 : 0;
	d = xmalloc(sizeof *d + total);
	d->next = NULL;
	d->t = t;
	d->id = id;
	p = d->buf;
	for (int i = 0; i < 3; i++) {
		d->text[i] = text[i] ? memcpy(p, text[i], len[i]) : NULL;
		p += len[i];
	}
	return d;
}

/* Write the documents; false on an error (the rest are only freed). */
static bool
write_docs(sqlite3 *w, sqlite3_stmt *ins[DB_ASIDE_COUNT_], struct aside_doc *d, bool ok)
{
	for (; d && ok; d = d->next) {
		sqlite3_stmt *st = ins[d->t];
		int n = d->t == DB_ASIDE_EVENT ? 3 : 2;
		sqlite3_bind_int64(st, 1, d->id);
		for (int i = 0; i < n; i++) {
			const char *v = d->text[d->t == DB_ASIDE_EVENT || i == 0 ? i : 2];
			if (v)
				sqlite3_bind_text(st, 2 + i, v, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(st, 2 + i);
		}
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	}
	(void)w;
	return ok;
}

static int
aside_main(void *arg)
{
	struct cal_aside *a = arg;
	sqlite3_stmt *ins[DB_ASIDE_COUNT_] = { NULL, NULL };
	static const char *const q_ins[DB_ASIDE_COUNT_] = {
		"INSERT INTO event_fts(rowid, title, location, notes) VALUES (?1, ?2, ?3, ?4)",
		"INSERT INTO followup_fts(rowid, title, notes) VALUES (?1, ?2, ?3)",
	};
	bool ok = true;

	for (int t = 0; t < DB_ASIDE_COUNT_ && ok; t++) {
		char *cfg;
		if (!a->on[t])
			continue;
		cfg = str_fmt("INSERT INTO %s_fts(%s_fts, rank) VALUES ('hashsize', %d)", tables[t],
			      tables[t], ASIDE_HASH);
		ok = sqlite3_exec(a->w, a->sql[t], NULL, NULL, NULL) == SQLITE_OK &&
		     sqlite3_exec(a->w, cfg, NULL, NULL, NULL) == SQLITE_OK &&
		     sqlite3_prepare_v2(a->w, q_ins[t], -1, &ins[t], NULL) == SQLITE_OK;
		free(cfg);
	}
	ok = ok && sqlite3_exec(a->w, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	for (;;) {
		struct aside_doc *got;
		bool done;

		mtx_lock(&a->mu);
		while (!a->head && !a->done)
			cnd_wait(&a->more, &a->mu);
		got = a->head;
		done = a->done;
		a->head = a->tail = NULL;
		mtx_unlock(&a->mu);
		ok = write_docs(a->w, ins, got, ok);
		doc_free(got);
		if (done && !got)
			break;
	}
	for (int t = 0; t < DB_ASIDE_COUNT_; t++)
		sqlite3_finalize(ins[t]);
	ok = ok && sqlite3_exec(a->w, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
	if (!ok) {
		mtx_lock(&a->mu);
		a->failed = true;
		mtx_unlock(&a->mu);
	}
	return 0;
}

/* The temporary triggers that tell a new row's document from the one handed over. */
static const char *const watch_sql[DB_ASIDE_COUNT_] = {
	"CREATE TEMP TRIGGER kith_aside_event_upd AFTER UPDATE OF title, location, notes"
	" ON main.event WHEN old.id > %lld AND (old.title IS NOT new.title"
	" OR old.location IS NOT new.location OR old.notes IS NOT new.notes)"
	" BEGIN INSERT INTO kith_aside_stale VALUES (1); END;"
	"CREATE TEMP TRIGGER kith_aside_event_del AFTER DELETE ON main.event"
	" WHEN old.id > %lld BEGIN INSERT INTO kith_aside_stale VALUES (1); END;",
	"CREATE TEMP TRIGGER kith_aside_followup_upd AFTER UPDATE OF title, notes"
	" ON main.followup WHEN old.id > %lld AND (old.title IS NOT new.title"
	" OR old.notes IS NOT new.notes)"
	" BEGIN INSERT INTO kith_aside_stale VALUES (1); END;"
	"CREATE TEMP TRIGGER kith_aside_followup_del AFTER DELETE ON main.followup"
	" WHEN old.id > %lld BEGIN INSERT INTO kith_aside_stale VALUES (1); END;",
};

static const char unwatch_sql[] =
	"DROP TRIGGER IF EXISTS temp.kith_aside_event_upd;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_event_del;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_followup_upd;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_followup_del;"
	"DROP TABLE IF EXISTS temp.kith_aside_stale;";

/* Whether table t (empty, and its index) may have its documents made aside; its SQL. */
static bool
aside_eligible(struct kdb *db, enum db_aside_table t, char **sql)
{
	static const char *const q[DB_ASIDE_COUNT_] = {
		"SELECT (SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'event_fts')"
		" WHERE NOT EXISTS (SELECT 1 FROM event) AND NOT EXISTS (SELECT 1 FROM event_fts_docsize)",
		"SELECT (SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'followup_fts')"
		" WHERE NOT EXISTS (SELECT 1 FROM followup)"
		" AND NOT EXISTS (SELECT 1 FROM followup_fts_docsize)",
	};
	sqlite3_stmt *st;
	bool ok;

	*sql = NULL;
	/* a schema without these tables (another FTS5 layout): not aside */
	if (sqlite3_prepare_v2(db->h, q[t], -1, &st, NULL) != SQLITE_OK)
		return false;
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0);
	if (ok)
		*sql = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return ok;
}

enum kith_status
db_aside_begin(struct kdb *db, struct kith_err *err)
{
	struct cal_aside *a;
	struct strbuf watch = {0};
	bool any = false;

	db_aside_discard(db);
	a = xcalloc(1, sizeof *a);
	for (int t = 0; t < DB_ASIDE_COUNT_; t++) {
		a->on[t] = aside_eligible(db, t, &a->sql[t]);
		if (a->on[t])
			sb_printf(&watch, watch_sql[t], 0LL, 0LL);
		any |= a->on[t];
	}
	if (!any) {
		free(a);
		return KITH_OK;
	}
	if (sqlite3_exec(db->h, "CREATE TEMP TABLE IF NOT EXISTS kith_aside_stale (x);"
			 "DELETE FROM temp.kith_aside_stale", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db->h, sb_str(&watch), NULL, NULL, NULL) != SQLITE_OK) {
		sb_free(&watch);
		for (int t = 0; t < DB_ASIDE_COUNT_; t++)
			free(a->sql[t]);
		free(a);
		return db_error(db, err, "search index");
	}
	sb_free(&watch);
	a->rollbacks = db->rollbacks;
	db->aside = a;
	return KITH_OK;
}

/* Start the thread with what waits; false if it cannot be (the import goes on without it). */
static bool
aside_start(struct cal_aside *a)
{
	if (sqlite3_open_v2(":memory:", &a->w, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sqlite3_close(a->w);
		a->w = NULL;
		return false;
	}
	if (mtx_init(&a->mu, mtx_plain) != thrd_success)
		goto no_mtx;
	if (cnd_init(&a->more) != thrd_success)
		goto no_cnd;
	if (thrd_create(&a->thread, aside_main, a) != thrd_success)
		goto no_thread;
	a->started = true;
	return true;
no_thread:
	cnd_destroy(&a->more);
no_cnd:
	mtx_destroy(&a->mu);
no_mtx:
	sqlite3_close(a->w);
	a->w = NULL;
	return false;
}

/* Hand the batch being filled to the thread (or to those waiting for it). */
static void
hand_over(struct cal_aside *a)
{
	if (!a->bhead)
		return;
	if (a->started)
		mtx_lock(&a->mu);
	if (a->tail)
		a->tail->next = a->bhead;
	else
		a->head = a->bhead;
	a->tail = a->btail;
	a->waiting += (size_t)a->bn;
	a->bhead = a->btail = NULL;
	a->bn = 0;
	if (a->started) {
		cnd_signal(&a->more);
		mtx_unlock(&a->mu);
	} else if (a->waiting >= ASIDE_START && !aside_start(a)) {
		a->stale = true;        /* no thread: the catch-up's SQL */
	}
}

void
db_aside_add(struct kdb *db, enum db_aside_table t, int64_t id, const char *title,
	     const char *location, const char *notes)
{
	struct cal_aside *a = db->aside;
	struct aside_doc *d;

	if (!a || !a->on[t] || a->stale)
		return;
	if (id <= 0) {
		a->stale = true;
		return;
	}
	d = doc_new(t, id, (const char *const[3]){ title, location, notes });
	a->sent[t]++;
	if (a->btail)
		a->btail->next = d;
	else
		a->bhead = d;
	a->btail = d;
	if (++a->bn >= ASIDE_BATCH)
		hand_over(a);
}

/* Stop the thread (if it runs) and wait for it; true if it wrote everything. */
static bool
aside_join(struct cal_aside *a)
{
	bool ok;

	if (a->started && !a->stale)
		hand_over(a);
	if (!a->started)
		return false;
	mtx_lock(&a->mu);
	a->done = true;
	cnd_signal(&a->more);
	mtx_unlock(&a->mu);
	thrd_join(a->thread, NULL);
	ok = !a->failed;
	cnd_destroy(&a->more);
	mtx_destroy(&a->mu);
	a->started = false;
	return ok;
}

void
db_aside_discard(struct kdb *db)
{
	struct cal_aside *a = db->aside;

	if (!a)
		return;
	aside_join(a);
	doc_free(a->head);
	doc_free(a->bhead);
	sqlite3_close(a->w);
	for (int t = 0; t < DB_ASIDE_COUNT_; t++)
		free(a->sql[t]);
	free(a);
	db->aside = NULL;
	/* the temporary triggers (none left if a rollback took them) */
	sqlite3_exec(db->h, unwatch_sql, NULL, NULL, NULL);
}

/* Whether the rows of t above the mark (0) are the documents handed over. */
static bool
aside_complete(struct kdb *db, struct cal_aside *a, enum db_aside_table t)
{
	static const char *const q[DB_ASIDE_COUNT_] = {
		"SELECT count(*) FROM event", "SELECT count(*) FROM followup",
	};
	sqlite3_stmt *st = db_stmt(db, q[t], NULL);
	bool ok;

	if (!st)
		return false;
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == a->sent[t];
	sqlite3_reset(st);
	return ok;
}

/* The index of t made again from the thread's (attached as kith_aside); SQLite's code. */
static int
aside_copy(struct kdb *db, struct cal_aside *a, enum db_aside_table t)
{
	const char *n = tables[t];
	char *save = str_fmt("CREATE TEMP TABLE kith_aside_config AS SELECT * FROM main.%s_fts_config;"
			     "DROP TABLE main.%s_fts;", n, n);
	char *fill = str_fmt(
		"DELETE FROM main.%s_fts_data;"
		"INSERT INTO main.%s_fts_data SELECT * FROM kith_aside.%s_fts_data;"
		"INSERT INTO main.%s_fts_idx SELECT * FROM kith_aside.%s_fts_idx;"
		"INSERT INTO main.%s_fts_docsize SELECT * FROM kith_aside.%s_fts_docsize;"
		"INSERT OR REPLACE INTO main.%s_fts_config SELECT * FROM temp.kith_aside_config;"
		"DROP TABLE temp.kith_aside_config;", n, n, n, n, n, n, n, n);
	int rc = sqlite3_exec(db->h, save, NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, a->sql[t], NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, fill, NULL, NULL, NULL);
	free(save);
	free(fill);
	return rc;
}

enum kith_status
db_aside_finish(struct kdb *db, bool made[DB_ASIDE_COUNT_], struct kith_err *err)
{
	struct cal_aside *a = db->aside;
	sqlite3_stmt *st;
	unsigned char *img;
	sqlite3_int64 size = 0;
	bool ok, stale = true;
	int rc = SQLITE_OK;

	made[DB_ASIDE_EVENT] = made[DB_ASIDE_FOLLOWUP] = false;
	if (!a)
		return KITH_OK;
	ok = aside_join(a) && !a->stale && a->rollbacks == db->rollbacks;
	if (ok && sqlite3_prepare_v2(db->h, "SELECT EXISTS (SELECT 1 FROM temp.kith_aside_stale)", -1,
				     &st, NULL) == SQLITE_OK) {
		stale = sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	ok = ok && !stale;
	for (int t = 0; t < DB_ASIDE_COUNT_; t++)
		if (!a->on[t] || !aside_complete(db, a, t))
			a->on[t] = false;
	ok = ok && (a->on[DB_ASIDE_EVENT] || a->on[DB_ASIDE_FOLLOWUP]);
	/* still attached from before (bulk mode ended inside a transaction) */
	if (ok && db->aside_attached &&
	    sqlite3_exec(db->h, "DETACH kith_aside", NULL, NULL, NULL) == SQLITE_OK)
		db->aside_attached = false;
	ok = ok && !db->aside_attached;
	img = ok ? sqlite3_serialize(a->w, "main", &size, 0) : NULL;
	if (!img) {
		/* the catch-up's SQL makes them */
		db_aside_discard(db);
		return KITH_OK;
	}
	/* read only, detached when bulk mode ends (not inside the transaction) */
	if ((rc = sqlite3_exec(db->h, "ATTACH ':memory:' AS kith_aside", NULL, NULL, NULL)) ==
	    SQLITE_OK) {
		db->aside_attached = true;
		rc = sqlite3_deserialize(db->h, "kith_aside", img, size, size,
					 SQLITE_DESERIALIZE_FREEONCLOSE |
					 SQLITE_DESERIALIZE_READONLY);
	} else {
		sqlite3_free(img);
	}
	for (int t = 0; t < DB_ASIDE_COUNT_ && rc == SQLITE_OK; t++)
		if (a->on[t] && (rc = aside_copy(db, a, t)) == SQLITE_OK)
			made[t] = true;
	if (rc != SQLITE_OK) {
		enum kith_status st_rc = db_error(db, err, "search index");
		db_aside_discard(db);
		return st_rc;
	}
	db_aside_discard(db);
	return KITH_OK;
}

void
db_aside_detach(struct kdb *db)
{
	db_aside_discard(db);
	if (db->aside_attached && sqlite3_get_autocommit(db->h)) {
		sqlite3_exec(db->h, "DETACH kith_aside", NULL, NULL, NULL);
		db->aside_attached = false;
	}
}
