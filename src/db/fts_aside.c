/*
 * fts_aside.c: the search documents of an import made on a second thread
 * (issue 14: 100,000 events and 100,000 to-dos in well under 2 s, 100,000
 * vCards in a second).
 *
 * An import suspends the insert triggers of contacts, events and to-dos
 * and makes their search documents at its end (bulk_db.c): 200,000
 * calendar documents cost FTS5 3.6 billion instructions, and 100,000
 * contacts' 6.7 billion, on the one thread that also does every insert.
 * Into an empty index the same documents can be made anywhere: while the
 * import inserts, each event, to-do and contact it adds is handed to a
 * thread of its own (event_add, followup_add; contact_aside.c for a
 * contact, whose document is the view contact_fts_doc's, made in C), which
 * writes it into the same FTS5 table (the same SQL: columns, tokenizer,
 * prefixes; where the index keeps its own content, made without, its
 * %_content a table of that shape written beside) in a private in-memory
 * database. At the end the index is the
 * one that thread made: the table is dropped and created again (a new
 * table object holds no cached structure of the empty index) and its
 * shadow tables (%_data, %_idx, %_docsize where it keeps its documents'
 * lengths, and %_content where it keeps its own) are copied from the
 * private database, attached read only; its own settings (%_config) are
 * kept.
 *
 * Only where the result is exactly what the catch-up's SQL makes: the table
 * (and those its documents read) was empty when the import began and so
 * was its index; every row it now has was handed over, with the text it
 * has now (temporary triggers note an update or a delete of a row a
 * document was made of; the rows are counted, as are a contact's
 * nicknames, tags and current roles; a rollback inside the import is
 * counted); and enough rows were added for the thread to have started.
 * Otherwise the thread's work is thrown away and the catch-up's SQL makes
 * the documents as before. A contact the import writes again after its
 * document was made (a second card with its UID, a role added) is noted
 * alone: the counts leave it out, and after the copy the SQL makes its
 * document again.
 */
#include "fts_aside.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "kith/batchq.h"
#include "kith/str.h"
#include "kith/xalloc.h"

/*
** The thread starts when this many documents wait (fewer: the catch-up's
** SQL); they are handed over ASIDE_BATCH at a time (a lock and a wake-up
** each).
*/
enum { ASIDE_START = 2000, ASIDE_BATCH = 256, ASIDE_HASH = 16 << 20, ASIDE_COUNTS = 4 };

struct aside_doc {
	struct bq_node node;        /* first: the queue's link */
	enum db_aside_table t;
	int64_t id;
	char *text[DB_ASIDE_COLS];  /* the index's columns in order; NULL as NULL */
	char buf[];                 /* where they are */
};

/* A row handed over, of a table with a fix: its id and what the counts after the first count. */
struct aside_row {
	int64_t id;
	int n[ASIDE_COUNTS - 1];
};

struct fts_aside {
	bool on[DB_ASIDE_COUNT_];   /* this table's documents are made aside */
	char *sql[DB_ASIDE_COUNT_]; /* its CREATE VIRTUAL TABLE */
	int64_t sent[DB_ASIDE_COUNT_][ASIDE_COUNTS];
	struct aside_row *rows;     /* the contacts', by id */
	int n_rows, cap_rows;
	int64_t *noted;             /* rows the makers found written again (db_aside_spoil_row) */
	int n_noted, cap_noted;
	struct aside_ext *ext[DB_ASIDE_COUNT_];
	bool stale;                 /* a document handed over is no longer the row's */
	unsigned long rollbacks;
	struct batchq q;            /* the caller gives, the thread takes (kith/batchq.h) */
	bool failed;                /* the thread's, read after the join */
	size_t waiting;             /* handed over before the thread started */
	bool started;
	bool closed;                /* no more documents (db_aside_input_end) */
	thrd_t thread;              /* the thread the caller joins */
	sqlite3 *w;                 /* the thread's database; the caller's again after the join */
	/*
	 * The work's state, for the thread that goes on with it (aside_tail):
	 * the inserts (the index's, its content's), whether all went well, the
	 * documents taken and not yet written; handed: the background thread
	 * stopped for it (else it finished).
	 */
	sqlite3_stmt *ins[DB_ASIDE_COUNT_], *content[DB_ASIDE_COUNT_];
	bool ok;
	struct bq_node *left;
	atomic_bool hand_over;      /* the background thread stops for aside_tail */
	atomic_bool abandon;        /* every thread stops: the work is thrown away */
	bool handed;
	thrd_t first;
};

static void
doc_free(struct bq_node *n)
{
	while (n) {
		struct bq_node *next = n->next;
		free(n);
		n = next;
	}
}

/* A document of row id of table t, in one allocation. */
static struct aside_doc *
doc_new(enum db_aside_table t, int64_t id, const char *const *text)
{
	size_t len[DB_ASIDE_COLS], total = 0;
	int n = aside_tables[t].ncols;
	struct aside_doc *d;
	char *p;

	for (int i = 0; i < n; i++)
		total += len[i] = text[i] ? strlen(text[i]) + 1 : 0;
	d = xmalloc(sizeof *d + total);
	d->t = t;
	d->id = id;
	p = d->buf;
	for (int i = 0; i < n; i++) {
		d->text[i] = text[i] ? memcpy(p, text[i], len[i]) : NULL;
		p += len[i];
	}
	return d;
}

/* Insert document d with st (its id, then its texts bound in place); whether it was. */
static bool
insert_doc(sqlite3_stmt *st, const struct aside_doc *d)
{
	bool ok;

	sqlite3_bind_int64(st, 1, d->id);
	for (int i = 0; i < aside_tables[d->t].ncols; i++)
		sqlite3_bind_text(st, 2 + i, d->text[i], -1, SQLITE_STATIC);    /* NULL: NULL */
	ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_reset(st);
	return ok;
}

/*
** Write document d: the index's, and where it keeps its own content, the
** content's (beside it: fts5 would copy each text into its own statement);
** nothing once one failed (ok).
*/
static bool
write_doc(struct fts_aside *a, const struct aside_doc *d, bool ok)
{
	return ok && insert_doc(a->ins[d->t], d) &&
	       (!a->content[d->t] || insert_doc(a->content[d->t], d));
}

/*
** Make table t's index in the thread's database, with its INSERT (and its
** content's); false on an error. An index that keeps its own content is
** made here without (content = ''), and its %_content a table of the same
** shape written beside it: the same rows, copied in alike, while fts5
** tokenizes and indexes as it does with one.
*/
static bool
aside_create(struct fts_aside *a, enum db_aside_table t, sqlite3_stmt **ins,
	     sqlite3_stmt **content)
{
	const char *n = aside_tables[t].name, *sql = a->sql[t], *end = strrchr(sql, ')');
	struct strbuf q = {0}, make = {0}, cq = {0};
	char *cfg = str_fmt("INSERT INTO %s_fts(%s_fts, rank) VALUES ('hashsize', %d)", n, n,
			    ASIDE_HASH);
	bool ok = end != NULL;

	sb_printf(&q, "INSERT INTO %s_fts(rowid, %s) VALUES (?1", n, aside_tables[t].cols);
	for (int i = 0; i < aside_tables[t].ncols; i++)
		sb_printf(&q, ", ?%d", i + 2);
	sb_append(&q, ")");
	if (ok && aside_tables[t].content) {
		sb_printf(&make, "%.*s, content = '');CREATE TABLE %s_fts_content(id INTEGER PRIMARY KEY",
			  (int)(end - sql), sql, n);
		sb_printf(&cq, "INSERT INTO %s_fts_content VALUES (?1", n);
		for (int i = 0; i < aside_tables[t].ncols; i++) {
			sb_printf(&make, ", c%d", i);
			sb_printf(&cq, ", ?%d", i + 2);
		}
		sb_append(&make, ")");
		sb_append(&cq, ")");
	} else {
		sb_append(&make, sql);
	}
	ok = ok && sqlite3_exec(a->w, sb_str(&make), NULL, NULL, NULL) == SQLITE_OK &&
	     sqlite3_exec(a->w, cfg, NULL, NULL, NULL) == SQLITE_OK &&
	     sqlite3_prepare_v2(a->w, sb_str(&q), -1, ins, NULL) == SQLITE_OK &&
	     (!aside_tables[t].content ||
	      sqlite3_prepare_v2(a->w, sb_str(&cq), -1, content, NULL) == SQLITE_OK);
	free(cfg);
	sb_free(&q);
	sb_free(&make);
	sb_free(&cq);
	return ok;
}

/*
** Write what is left and what the queue hands over until it is closed and
** empty; false if told to stop first (*stop if given, or a->abandon;
** a->left: what it took and did not write).
*/
static bool
aside_run(struct fts_aside *a, atomic_bool *stop)
{
	for (;;) {
		bool done = false;
		struct bq_node *got = a->left ? a->left : bq_take(&a->q, &done), *last = NULL;

		a->left = NULL;
		for (struct bq_node *n = got; n; last = n, n = n->next) {
			if ((stop && atomic_load_explicit(stop, memory_order_relaxed)) ||
			    atomic_load_explicit(&a->abandon, memory_order_relaxed)) {
				a->left = n;
				if (last)
					last->next = NULL;
				break;
			}
			a->ok = write_doc(a, (struct aside_doc *)n, a->ok);
		}
		/* the documents written go back to the thread that made them, to
		   be freed there: a free here takes the lock of the merge's own
		   malloc arena, which the merge holds at every allocation (100,000
		   vCards: 80 ms of CPU in that lock's futex calls, 40 the merge's) */
		if (got != a->left)
			bq_give_back(&a->q, got);
		if (a->left)
			return false;
		if (done && !got)
			return true;
	}
}

/* The work written: the inserts ended, the transaction committed (a->failed if not all went in). */
static void
aside_end(struct fts_aside *a)
{
	for (int t = 0; t < DB_ASIDE_COUNT_; t++) {
		sqlite3_finalize(a->ins[t]);
		sqlite3_finalize(a->content[t]);
		a->ins[t] = a->content[t] = NULL;
	}
	a->ok = a->ok && sqlite3_exec(a->w, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
	/* read after thrd_join */
	a->failed = !a->ok;
}

static int
aside_main(void *arg)
{
	struct fts_aside *a = arg;

	/* the merge and the parser first: this thread's work is needed only at
	   the end, and the queue holds what it has not taken yet. On two cores
	   it then runs where they leave a core idle (100,000 vCards: the
	   import's median 1.55 -> 1.38 s); from the merge's end on, a thread of
	   the usual class goes on with it (aside_tail), so that a busy machine,
	   which leaves this one no idle core, does not hold the import up */
	bq_background();
	/* for check_fts_aside: nothing written here, all of it after the hand-over */
	if (getenv("KITH_TEST_ASIDE") && !strcmp(getenv("KITH_TEST_ASIDE"), "hold"))
		while (!atomic_load(&a->hand_over))
			thrd_sleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
	a->ok = true;
	for (int t = 0; t < DB_ASIDE_COUNT_ && a->ok; t++)
		if (a->on[t])
			a->ok = aside_create(a, t, &a->ins[t], &a->content[t]);
	a->ok = a->ok && sqlite3_exec(a->w, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	if (aside_run(a, &a->hand_over))
		aside_end(a);
	else
		a->handed = true;
	return 0;
}

/* The rest of the work, from the background thread (joined first), in the usual class. */
static int
aside_tail(void *arg)
{
	struct fts_aside *a = arg;

	thrd_join(a->first, NULL);
	if (a->handed && aside_run(a, NULL))
		aside_end(a);
	return 0;
}

/* Whether table t (empty, and its index) may have its documents made aside; its SQL. */
static bool
aside_eligible(struct kdb *db, enum db_aside_table t, char **sql)
{
	const char *n = aside_tables[t].name;
	char *q = str_fmt("SELECT (SELECT sql FROM sqlite_master WHERE type = 'table'"
			  " AND name = '%s_fts') WHERE %s AND NOT EXISTS (SELECT 1 FROM %s_fts_%s)",
			  n, aside_tables[t].empty, n,
			  /* a row each document: %_content where it keeps its own (with
			     columnsize = 0, as contact_fts, there is no %_docsize) */
			  aside_tables[t].content ? "content" : "docsize");
	sqlite3_stmt *st;
	bool ok;

	*sql = NULL;
	/* a schema without these tables (another FTS5 layout): not aside */
	ok = sqlite3_prepare_v2(db->h, q, -1, &st, NULL) == SQLITE_OK;
	free(q);
	if (!ok)
		return false;
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0);
	if (ok)
		*sql = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return ok;
}

static void
aside_free(struct fts_aside *a)
{
	for (int t = 0; t < DB_ASIDE_COUNT_; t++)
		free(a->sql[t]);
	free(a->rows);
	free(a->noted);
	free(a);
}

enum kith_status
db_aside_begin(struct kdb *db, const bool want[DB_ASIDE_COUNT_], struct kith_err *err)
{
	struct fts_aside *a;
	struct strbuf watch = {0};
	bool any = false;

	db_aside_discard(db);
	a = xcalloc(1, sizeof *a);
	atomic_init(&a->hand_over, false);
	atomic_init(&a->abandon, false);
	for (int t = 0; t < DB_ASIDE_COUNT_; t++) {
		a->on[t] = want[t] && aside_eligible(db, t, &a->sql[t]);
		if (a->on[t])
			sb_append(&watch, aside_tables[t].watch);
		any |= a->on[t];
	}
	if (!any || !bq_init(&a->q, ASIDE_BATCH, 0)) {
		sb_free(&watch);
		aside_free(a);
		return KITH_OK;
	}
	if (sqlite3_exec(db->h, "CREATE TEMP TABLE IF NOT EXISTS kith_aside_stale (x);"
			 "DELETE FROM temp.kith_aside_stale", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db->h, sb_str(&watch), NULL, NULL, NULL) != SQLITE_OK) {
		sb_free(&watch);
		bq_destroy(&a->q);
		aside_free(a);
		return db_error(db, err, "search index");
	}
	sb_free(&watch);
	a->rollbacks = db->rollbacks;
	db->aside = a;
	return KITH_OK;
}

/* Start the thread; false if it cannot be (the import goes on without it). */
static bool
aside_start(struct fts_aside *a)
{
	/* one block of memory (memdb) the import's connection reads in place
	   when it copies the index in (db_aside_finish): a ':memory:' database
	   is pages, and handing them over cost a copy of all of them (40 MB
	   for 100,000 contacts), as its page cache had cost this thread 10,000
	   calls growing its heap a page at a time; nothing to undo, so no journal;
	   and nothing to hide (memory, freed after: the import's connection copies
	   rows, not pages), so no zeroing of what a page no longer holds; pages
	   of 8 KB hold two of fts5's leaves of 4,050 bytes (4 KB: one; 16 KB and
	   more cost this thread as much and the copy more) */
	if (sqlite3_open_v2("file:kith_aside?vfs=memdb", &a->w, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
			    NULL) == SQLITE_OK &&
	    sqlite3_exec(a->w, "PRAGMA journal_mode = OFF; PRAGMA secure_delete = OFF;"
			 " PRAGMA page_size = 8192", NULL, NULL, NULL) == SQLITE_OK &&
	    thrd_create(&a->thread, aside_main, a) == thrd_success) {
		a->started = true;
		return true;
	}
	sqlite3_close(a->w);
	a->w = NULL;
	return false;
}

bool
db_aside_on(struct kdb *db, enum db_aside_table t)
{
	struct fts_aside *a = db->aside;

	return a && a->on[t] && !a->stale;
}

void
db_aside_spoil_row(struct kdb *db, enum db_aside_table t, int64_t id)
{
	struct fts_aside *a = db->aside;

	if (!db_aside_on(db, t))
		return;
	if (!aside_tables[t].fix || id <= 0) {
		a->stale = true;
		return;
	}
	a->noted = xgrow(a->noted, a->n_noted, &a->cap_noted, 16, sizeof *a->noted);
	a->noted[a->n_noted++] = id;
}

void
db_aside_add(struct kdb *db, enum db_aside_table t, int64_t id, const char *const *text,
	     const int *counts)
{
	struct fts_aside *a = db->aside;

	if (!db_aside_on(db, t))
		return;
	/* the rows are kept by id, as they come (a fresh table's count up); one
	   after the thread was told there are no more: the SQL makes them all */
	if (id <= 0 || (aside_tables[t].fix && a->n_rows && a->rows[a->n_rows - 1].id >= id) ||
	    a->closed) {
		a->stale = true;
		return;
	}
	a->sent[t][0]++;
	for (int i = 1; counts && i < ASIDE_COUNTS; i++)
		a->sent[t][i] += counts[i - 1];
	if (aside_tables[t].fix) {
		struct aside_row *r;
		a->rows = xgrow(a->rows, a->n_rows, &a->cap_rows, 1024, sizeof *a->rows);
		r = &a->rows[a->n_rows++];
		r->id = id;
		for (int i = 1; i < ASIDE_COUNTS; i++)
			r->n[i - 1] = counts ? counts[i - 1] : 0;
	}
	/* handed over a batch at a time; the thread starts once enough wait */
	doc_free(bq_push(&a->q, &doc_new(t, id, text)->node));
	if (!a->started && ++a->waiting >= ASIDE_START && !aside_start(a))
		a->stale = true;        /* no thread: the catch-up's SQL */
}

struct aside_ext *
db_aside_ext(struct kdb *db, enum db_aside_table t)
{
	return db_aside_on(db, t) ? db->aside->ext[t] : NULL;
}

void
db_aside_set_ext(struct kdb *db, enum db_aside_table t, struct aside_ext *x)
{
	if (db_aside_on(db, t))
		db->aside->ext[t] = x;
	else if (x)
		x->end(db, x, false);
}

/* Let each table's own state end (use: hand over what it holds). */
static void
aside_ext_end(struct kdb *db, struct fts_aside *a, bool use)
{
	for (int t = 0; t < DB_ASIDE_COUNT_; t++) {
		struct aside_ext *x = a->ext[t];
		if (x) {
			x->end(db, x, use);
			a->ext[t] = NULL;
		}
	}
}

/* Stop the thread (if it runs) and wait for it; true if it wrote everything. */
static bool
aside_join(struct fts_aside *a)
{
	if (!a->started)
		return false;
	doc_free(bq_close(&a->q));
	thrd_join(a->thread, NULL);
	a->started = false;
	return !a->failed;
}

void
db_aside_input_end(struct kdb *db)
{
	struct fts_aside *a = db->aside;

	if (!a || a->closed)
		return;
	aside_ext_end(db, a, true);
	a->closed = true;
	if (!a->started)
		return;
	doc_free(bq_close(&a->q));
	/* the rest in the usual class; without that thread, the first finishes */
	a->first = a->thread;
	if (thrd_create(&a->thread, aside_tail, a) == thrd_success)
		atomic_store(&a->hand_over, true);
	else
		a->thread = a->first;
}

void
db_aside_discard(struct kdb *db)
{
	struct fts_aside *a = db->aside;

	if (!a)
		return;
	aside_ext_end(db, a, false);
	/* thrown away: the threads stop at their next document */
	atomic_store(&a->hand_over, true);
	atomic_store(&a->abandon, true);
	aside_join(a);
	/* what a stopped thread left (its transaction goes with the connection) */
	for (int t = 0; t < DB_ASIDE_COUNT_; t++) {
		sqlite3_finalize(a->ins[t]);
		sqlite3_finalize(a->content[t]);
	}
	doc_free(a->left);
	doc_free(bq_reclaim(&a->q));
	bq_destroy(&a->q);
	sqlite3_close(a->w);
	aside_free(a);
	db->aside = NULL;
	/* the temporary triggers (none left if a rollback took them) */
	sqlite3_exec(db->h, aside_unwatch_sql, NULL, NULL, NULL);
}

static int
row_cmp(const void *key, const void *row)
{
	int64_t x = *(const int64_t *)key, y = ((const struct aside_row *)row)->id;

	return (x > y) - (x < y);
}

/* The row with id handed over (of the contacts, kept by id), or NULL. */
static const struct aside_row *
row_of(const struct fts_aside *a, int64_t id)
{
	return a->n_rows ? bsearch(&id, a->rows, (size_t)a->n_rows, sizeof *a->rows, row_cmp) :
			   NULL;
}

/*
** What t's count should find: what was handed over, less what the rows
** noted (in kith_aside_stale, left out of the count) were handed with.
*/
static bool
aside_expected(struct kdb *db, struct fts_aside *a, enum db_aside_table t,
	       int64_t want[ASIDE_COUNTS], bool *noted)
{
	sqlite3_stmt *st;
	int rc;

	memcpy(want, a->sent[t], sizeof a->sent[t]);
	*noted = false;
	if (!aside_tables[t].fix)
		return true;
	if (sqlite3_prepare_v2(db->h, "SELECT DISTINCT x FROM temp.kith_aside_stale", -1, &st,
			       NULL) != SQLITE_OK)
		return false;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const struct aside_row *r = row_of(a, sqlite3_column_int64(st, 0));
		*noted = true;
		if (!r)
			continue;
		want[0]--;
		for (int i = 1; i < ASIDE_COUNTS; i++)
			want[i] -= r->n[i - 1];
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

/* Whether the rows of t are the documents handed over (and those they read, counted). */
static bool
aside_complete(struct kdb *db, struct fts_aside *a, enum db_aside_table t)
{
	sqlite3_stmt *st;
	int64_t want[ASIDE_COUNTS];
	bool ok, noted;

	/* without rows noted, the counts SQLite keeps no row of */
	if (!aside_expected(db, a, t, want, &noted) ||
	    !(st = db_stmt(db, noted ? aside_tables[t].count_noted : aside_tables[t].count, NULL)))
		return false;
	ok = sqlite3_step(st) == SQLITE_ROW;
	for (int i = 0; ok && i < sqlite3_column_count(st); i++)
		ok = i < ASIDE_COUNTS && sqlite3_column_int64(st, i) == want[i];
	sqlite3_reset(st);
	return ok;
}

/* Set PRAGMA main.secure_delete to v; its value before (0, 1, 2: fast), -1 if unread. */
static int
secure_delete(sqlite3 *h, int v)
{
	sqlite3_stmt *st;
	char q[40];
	int was = -1;

	if (sqlite3_prepare_v2(h, "PRAGMA main.secure_delete", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		was = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	snprintf(q, sizeof q, "PRAGMA main.secure_delete = %d", v);
	return was < 0 || was == v || sqlite3_exec(h, q, NULL, NULL, NULL) == SQLITE_OK ? was : -1;
}

/* Whether kith_aside has the table NAME_fts_SHADOW (%_docsize is not there with
   columnsize = 0, nor %_content where the index reads its rows' own). */
static bool
has_table(sqlite3 *h, const char *name, const char *shadow)
{
	char t[64];

	snprintf(t, sizeof t, "%s_fts_%s", name, shadow);
	return sqlite3_table_column_metadata(h, "kith_aside", t, NULL, NULL, NULL, NULL, NULL,
					     NULL) == SQLITE_OK;
}

/* The index of t made again from the thread's (attached as kith_aside); SQLite's code. */
static int
aside_copy(struct kdb *db, struct fts_aside *a, enum db_aside_table t)
{
	static const char *const shadows[] = { "data", "idx", "docsize", "content" };
	const char *n = aside_tables[t].name;
	char *save = str_fmt("CREATE TEMP TABLE kith_aside_config AS SELECT * FROM main.%s_fts_config;"
			     "DROP TABLE main.%s_fts;", n, n);
	struct strbuf fill = {0}, rest = {0};
	int rc = sqlite3_exec(db->h, save, NULL, NULL, NULL), wipe;

	sb_printf(&fill, "DELETE FROM main.%s_fts_data;", n);
	for (size_t i = 0; i < sizeof shadows / sizeof *shadows; i++)
		if (has_table(db->h, n, shadows[i]))
			sb_printf(&fill, "INSERT INTO main.%s_fts_%s SELECT * FROM kith_aside.%s_fts_%s;",
				  n, shadows[i], n, shadows[i]);
	sb_printf(&rest, "INSERT OR REPLACE INTO main.%s_fts_config SELECT * FROM temp.kith_aside_config;"
		  "DROP TABLE temp.kith_aside_config;", n);
	/* the rows noted: their documents the SQL's */
	if (aside_tables[t].fix)
		sb_append(&rest, aside_tables[t].fix);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, a->sql[t], NULL, NULL, NULL);
	/* the copy with secure_delete off (Debian's SQLite has it on): it fills
	   tables made a moment ago, and what it frees is the empty index's two
	   records and what balancing moves, copies of rows still in the file;
	   zeroing them hid nothing and cost 7% of the copy. On again before
	   anything else (the documents of the rows noted are deleted after) */
	wipe = rc == SQLITE_OK ? secure_delete(db->h, 0) : -1;
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, sb_str(&fill), NULL, NULL, NULL);
	if (wipe > 0 && secure_delete(db->h, wipe) < 0 && rc == SQLITE_OK)
		rc = SQLITE_ERROR;
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, sb_str(&rest), NULL, NULL, NULL);
	free(save);
	sb_free(&fill);
	sb_free(&rest);
	return rc;
}

/* The rows the makers noted, in kith_aside_stale with the triggers'; false on an error. */
static bool
note_rows(struct kdb *db, struct fts_aside *a)
{
	sqlite3_stmt *st;
	bool ok = true;

	if (!a->n_noted)
		return true;
	if (sqlite3_prepare_v2(db->h, "INSERT INTO temp.kith_aside_stale VALUES (?1)", -1, &st,
			       NULL) != SQLITE_OK)
		return false;
	for (int i = 0; i < a->n_noted && ok; i++) {
		sqlite3_bind_int64(st, 1, a->noted[i]);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return ok;
}

/* DETACH kith_aside, then close the connection whose memory it read; false if refused. */
static bool
aside_detach(struct kdb *db)
{
	if (sqlite3_exec(db->h, "DETACH kith_aside", NULL, NULL, NULL) != SQLITE_OK)
		return false;
	db->aside_attached = false;
	sqlite3_close(db->aside_owner);
	db->aside_owner = NULL;
	return true;
}

/* Whether what the thread made may stand for the SQL's: nothing noted stale for all. */
static bool
aside_usable(struct kdb *db, struct fts_aside *a)
{
	sqlite3_stmt *st;
	bool stale = true, any = false;

	if (!aside_join(a) || a->stale || a->rollbacks != db->rollbacks || !note_rows(db, a))
		return false;
	if (sqlite3_prepare_v2(db->h, "SELECT EXISTS (SELECT 1 FROM temp.kith_aside_stale"
			       " WHERE x < 0)", -1, &st, NULL) == SQLITE_OK) {
		stale = sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (stale)
		return false;
	for (int t = 0; t < DB_ASIDE_COUNT_; t++) {
		if (!a->on[t] || !aside_complete(db, a, t))
			a->on[t] = false;
		any |= a->on[t];
	}
	/* still attached from before (bulk mode ended inside a transaction) */
	if (any && db->aside_attached)
		aside_detach(db);
	return any && !db->aside_attached;
}

enum kith_status
db_aside_finish(struct kdb *db, bool made[DB_ASIDE_COUNT_], struct kith_err *err)
{
	struct fts_aside *a = db->aside;
	unsigned char *img;
	sqlite3_int64 size = 0;
	int rc = SQLITE_OK;
	bool hooked;

	for (int t = 0; t < DB_ASIDE_COUNT_; t++)
		made[t] = false;
	if (!a)
		return KITH_OK;
	aside_ext_end(db, a, true);
	img = aside_usable(db, a) ? sqlite3_serialize(a->w, "main", &size,
						      SQLITE_SERIALIZE_NOCOPY) : NULL;
	if (!img) {
		/* the catch-up's SQL makes them */
		db_aside_discard(db);
		return KITH_OK;
	}
	/* read only and in place: a->w, which owns the memory, is closed after
	   the DETACH, when bulk mode ends (not inside the transaction) */
	if ((rc = sqlite3_exec(db->h, "ATTACH ':memory:' AS kith_aside", NULL, NULL, NULL)) ==
	    SQLITE_OK) {
		db->aside_attached = true;
		db->aside_owner = a->w;
		a->w = NULL;
		rc = sqlite3_deserialize(db->h, "kith_aside", img, size, size,
					 SQLITE_DESERIALIZE_READONLY);
	}
	/* no row hook over the copy: what it watches and records leaves the
	   search index out (record.c track_table, goal_mark.c), and with one
	   each row copied is also decoded for it */
	hooked = sqlite3_preupdate_hook(db->h, NULL, NULL) != NULL;
	for (int t = 0; t < DB_ASIDE_COUNT_ && rc == SQLITE_OK; t++)
		if (a->on[t] && (rc = aside_copy(db, a, t)) == SQLITE_OK)
			made[t] = true;
	if (hooked)
		db_row_hook_pause(db, false);
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
	if (db->aside_attached && sqlite3_get_autocommit(db->h))
		aside_detach(db);
}
