/*
 * goal_member.c: a goal's people and the first touch of each that counts
 * (one statement: goal_stmt), and those rows kept in goal_member (schema
 * migration 19; see goal_sql.h). What progress, state and the review make
 * of them is goal.c's.
 *
 * Kith's writes mark the people a write may move in or out of a goal or
 * give or take a touch (goal_dirty) and the goals to build whole
 * (goal_stale) as they commit (goal_mark.c). The first read of progress
 * after them runs the statement again for those people and goals only
 * (goal_cache_refresh, from goal_kept_ready), in a write of its own. Its
 * search terms then read the marked people's documents alone
 * (QPLAN_CHECK). This file calls nothing that writes through tx.c.
 */
#include "goal_sql.h"
#include "query_sql.h"
#include "row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/date.h"
#include "kith/goal.h"
#include "kith/query.h"
#include "kith/types.h"
#include "kith/xalloc.h"

static const char *const how_names[GOAL_HOW_COUNT_] = {
#define GOAL_HOW_NAME(n, w) [GOAL_##n] = w,
	KITH_GOAL_HOWS(GOAL_HOW_NAME)
#undef GOAL_HOW_NAME
};

KITH_WORDS_DEFINE(goal_how_name, goal_how_parse, how_names, GOAL_HOW_COUNT_, "")

/* Who "me" is (kdb_me's statement: db.c writes, and this file must not call it). */
static int64_t
me(struct kdb *db)
{
	static const char sql[] =
		"SELECT c.id FROM meta m JOIN contact c ON c.id = CAST(m.value AS INTEGER) "
		"WHERE m.key = 'me'";
	int64_t id = 0;

	return db_int64(db, &id, sql, "me", NULL, "") == KITH_OK ? id : 0;
}

/*
 * The first touch of contact c that counts, from ?1 (the day set) to
 * before ?2 (the day after the date); '~' (after every date) if none.
 */
#define EVENT_TOUCH \
	"coalesce((SELECT min(substr(e.start_at, 1, 16)) FROM attendance a " \
	"JOIN event e ON e.id = a.event_id WHERE a.contact_id = c.id " \
	"AND a.status IN ('attended', 'met') " \
	"AND e.start_at >= ?1 AND e.start_at < ?2), " NO_TOUCH ")"
/* walks the person's index entries of the window in time order, and stops at the first that counts */
#define TALK_TOUCH(kinds) \
	"coalesce((SELECT ic.at FROM interaction_contact ic " \
	"JOIN interaction i ON i.id = ic.interaction_id WHERE ic.contact_id = c.id " \
	"AND ic.at >= ?1 AND ic.at < ?2 AND " kinds " ORDER BY ic.at LIMIT 1), " NO_TOUCH ")"
#define INTRO_TOUCH(col) \
	"SELECT updated_at AS at FROM followup WHERE " col " = c.id " \
	"AND (intro_stage = 'made' OR intro_stage = 'met' OR intro_stage = 'thanked') " \
	"AND updated_at >= ?1 AND updated_at < ?2"

static const char *const touch_sql[GOAL_HOW_COUNT_] = {
	[GOAL_MET] = "min(" TALK_TOUCH("i.kind IN ('meeting', 'coffee', 'event', 'social')")
		", " EVENT_TOUCH ")",
	[GOAL_TALKED] = "min(" TALK_TOUCH("i.kind <> 'note'") ", " EVENT_TOUCH ")",
	[GOAL_INTRODUCED] = "coalesce((SELECT min(at) FROM (" INTRO_TOUCH("intro_a_id")
		" UNION ALL " INTRO_TOUCH("intro_b_id") ")), " NO_TOUCH ")",
	[GOAL_PLACED] = "coalesce((SELECT min(at) FROM placement_move WHERE contact_id = c.id "
		"AND to_influence IS NOT NULL AND at >= ?1 AND at < ?2), " NO_TOUCH ")",
};

/* The first day after the goal's date: the end of its window. */
static void
day_after(const char *due, char out[KDATE_STR])
{
	struct kdate d;

	if (kdate_parse_iso(due, &d))
		kdate_format(kdate_add_days(d, 1), out);
	else
		snprintf(out, KDATE_STR, "%s", "9999-12-31");
}


/* (not a join: SQLite built a Bloom filter of every contact for it, 40 ms a goal) */
static const char dirty_only[] = "c.id IN (SELECT contact_id FROM goal_dirty) AND ";

/* The goal's statement text and its query's values (qs, freed by the caller). */
static enum kith_status
goal_sql(struct kdb *db, const struct goal *g, const char *head, const char *tail,
	 enum goal_src src, struct strbuf *sql, struct query_sql *qs, struct kith_err *err)
{
	static const enum query_plan plans[] = {
		[SRC_WHOLE] = QPLAN_SMALLEST, [SRC_FIRST] = QPLAN_FIRST, [SRC_DIRTY] = QPLAN_CHECK,
	};
	struct query q;
	enum kith_status rc;

	if (g->how < 0 || g->how >= GOAL_HOW_COUNT_)
		return kith_err_set(err, KITH_INVALID, "goal %lld: no such way to count",
				    (long long)g->id);
	if ((rc = query_parse(g->who, &q, err)))
		return rc;
	rc = db_query_sql(db, &q, 4, plans[src], qs, err);
	query_free(&q);
	if (rc)
		return rc;
	sb_printf(sql, "WITH p AS %sMATERIALIZED (SELECT c.id AS id, c.display_name AS name, "
		  "c.name_key AS name_key, c.influence AS influence, %s AS at FROM %s "
		  "WHERE %s%s AND c.id IS NOT ?3) %s p %s", src == SRC_WHOLE ? "" : "NOT ",
		  touch_sql[g->how], sb_str(&qs->from), src == SRC_DIRTY ? dirty_only : "",
		  sb_str(&qs->cond), head, tail);
	return KITH_OK;
}

static void
goal_bind(sqlite3_stmt *st, const struct goal *g, const struct query_sql *qs, int64_t me_id)
{
	char end[KDATE_STR];

	day_after(g->due, end);
	sqlite3_bind_text(st, 1, g->set_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, end, -1, SQLITE_TRANSIENT);
	db_bind_id(st, 3, me_id);
	db_query_bind(st, qs, 4);
}

enum kith_status
goal_stmt(struct kdb *db, const struct goal *g, const char *head, const char *tail,
	  enum goal_src src, sqlite3_stmt **st, struct kith_err *err)
{
	struct query_sql qs;
	struct strbuf sql = { 0 };
	enum kith_status rc;

	*st = NULL;
	if (!(rc = goal_sql(db, g, head, tail, src, &sql, &qs, err))) {
		if (sqlite3_prepare_v2(db->h, sb_str(&sql), -1, st, NULL) != SQLITE_OK)
			rc = db_error(db, err, "goal");
		else
			goal_bind(*st, g, &qs, me(db));
		db_query_sql_free(&qs);
	}
	sb_free(&sql);
	return rc;
}

/*
 * A statement of the refresh, kept by the connection's statement cache
 * (db_stmt keys it by the text's address: the text is kept here, one copy
 * per distinct text, until the connection closes). Past GOAL_SQL_KEPT
 * distinct texts (goals rewritten many times in one session) NULL: the
 * caller prepares its own.
 */
static sqlite3_stmt *
kept_stmt(struct kdb *db, const char *sql, struct kith_err *err)
{
	int i;

	for (i = 0; i < db->n_goal_sql && strcmp(db->goal_sql[i], sql); i++)
		;
	if (i == db->n_goal_sql) {
		if (i == GOAL_SQL_KEPT)
			return NULL;
		db->goal_sql[db->n_goal_sql++] = xstrdup(sql);
	}
	return db_stmt(db, db->goal_sql[i], err);
}

const char goal_counted_head[] = "SELECT id, name, at FROM";
const char goal_counted_tail[] = "WHERE at <> " NO_TOUCH " ORDER BY at, id";

void
goal_read(sqlite3_stmt *st, struct goal *g)
{
	memset(g, 0, sizeof *g);
	g->id = sqlite3_column_int64(st, 0);
	g->title = xstrdup(db_col_text(st, 1));
	g->who = xstrdup(db_col_text(st, 2));
	g->how = goal_how_parse(db_col_text(st, 3));
	g->target = sqlite3_column_int(st, 4);
	snprintf(g->set_on, sizeof g->set_on, "%s", db_col_text(st, 5));
	snprintf(g->due, sizeof g->due, "%s", db_col_text(st, 6));
	snprintf(g->dropped_on, sizeof g->dropped_on, "%s", db_col_text(st, 7));
}

void
goal_free(struct goal *g)
{
	free(g->title);
	free(g->who);
	memset(g, 0, sizeof *g);
}

enum kith_status
goals_read(struct kdb *db, const char *today, bool all, struct goal **out, int *nout,
	   struct kith_err *err)
{
	static const char sql[] = "SELECT " GOAL_COLS " FROM goal ORDER BY id";
	sqlite3_stmt *st = db_stmt(db, sql, err);
	struct goal *v = NULL;
	int n = 0, cap = 0, r;
	enum kith_status rc;

	*out = NULL;
	*nout = 0;
	if (!st)
		return KITH_DB;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		/* open goals only: a dropped one or one past its date is not read */
		if (!all && *db_col_text(st, 7))
			continue;
		if (!all && strcmp(db_col_text(st, 6), today) < 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xrealloc(v, (size_t)cap * sizeof *v);
		}
		goal_read(st, &v[n++]);
	}
	rc = db_finish(db, st, r, "goal", err);
	*out = v;
	*nout = n;
	return rc;
}

void
goals_free(struct goal *v, int n)
{
	for (int i = 0; i < n; i++)
		goal_free(&v[i]);
	free(v);
}

const char goal_kept_uncounted[] =
	"SELECT c.id, c.display_name FROM goal_member m JOIN contact c ON c.id = m.contact_id "
	"LEFT JOIN contact_stat s ON s.contact_id = c.id WHERE m.goal_id = ?1 AND m.at IS NULL "
	"ORDER BY coalesce(c.influence, 0) DESC, coalesce(s.last_at, '') DESC, c.name_key, c.id "
	"LIMIT 1";


/* Is nothing marked, for anyone or for goal id? */
static bool
kept_ready(struct kdb *db, int64_t id)
{
	static const char sql[] = "SELECT NOT EXISTS (SELECT 1 FROM goal_dirty) "
		"AND NOT EXISTS (SELECT 1 FROM goal_stale WHERE goal_id = ?1)";
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	bool ready;

	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	ready = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return ready;
}

/*
 * Bring goal_member up to date from the marks the writes left, in a write
 * of its own (derived rows only: nothing for undo or the team). False if
 * it cannot (a database open read-only, another writer past the wait, an
 * import's documents not made yet): the reader then computes.
 */
static bool
catch_up(struct kdb *db)
{
	bool ok;

	if (db->readonly || sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return false;
	ok = goal_cache_refresh(db, NULL) == KITH_OK;
	if (!ok || sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return false;
	}
	return true;
}

/*
 * Before a reader opens its snapshot (a read transaction, in which no write
 * can begin): bring the kept progress up from the marks another write left,
 * so that the reads inside use it instead of computing every goal from the
 * touches (kdb_read_begin calls it: the review, `kith today`). Nothing to
 * do costs one query.
 */
void
goal_kept_catch_up(struct kdb *db)
{
	static const char sql[] = "SELECT EXISTS (SELECT 1 FROM goal_dirty) "
		"OR EXISTS (SELECT 1 FROM goal_stale)";
	sqlite3_stmt *st;
	bool marked;

	if (db->depth > 0 || !sqlite3_get_autocommit(db->h) || !(st = db_stmt(db, sql, NULL)))
		return;
	marked = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (marked)
		catch_up(db);
}

bool
goal_kept_ready(struct kdb *db, int64_t id)
{
	/* inside a write, its own marks are still in memory (goal_mark.c):
	   what it changed is computed, and brought up after it commits */
	if (db->depth > 0)
		return !goal_marks_pending(db) && kept_ready(db, id);
	return kept_ready(db, id) || (catch_up(db) && kept_ready(db, id));
}

/* Run the goal's statement over src's people into goal_member: one statement. */
static enum kith_status
cache_fill(struct kdb *db, const struct goal *g, enum goal_src src, int64_t me_id,
	   struct kith_err *err)
{
	static const char head[] = "INSERT INTO goal_member(goal_id, contact_id, at) "
		"SELECT :goal, id, nullif(at, " NO_TOUCH ") FROM";
	struct query_sql qs;
	struct strbuf sql = { 0 };
	sqlite3_stmt *st = NULL;
	bool kept = false;
	enum kith_status rc = goal_sql(db, g, head, "", src, &sql, &qs, err);

	if (rc) {
		sb_free(&sql);
		return rc;
	}
	/* the marked people's refresh runs at every write: its statements are kept */
	if (src == SRC_DIRTY && (st = kept_stmt(db, sb_str(&sql), err)))
		kept = true;
	else if (sqlite3_prepare_v2(db->h, sb_str(&sql), -1, &st, NULL) != SQLITE_OK)
		rc = db_error(db, err, "goal");
	if (!rc) {
		goal_bind(st, g, &qs, me_id);
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":goal"), g->id);
		rc = kept ? db_finish(db, st, sqlite3_step(st), "goal", err) :
			    db_final(db, st, sqlite3_step(st), "goal", err);
	}
	db_query_sql_free(&qs);
	sb_free(&sql);
	return rc;
}

/* Does g's query have a search term (read from the marked people's documents)? */
static bool
searches(const struct goal *g)
{
	struct query q;
	bool any = false;

	if (query_parse(g->who, &q, NULL))
		return true;        /* the statement will say what is wrong */
	for (int i = 0; i < q.n; i++)
		any |= q.terms[i].field == QF_WORD || q.terms[i].field == QF_ORG ||
		       q.terms[i].field == QF_ROLE;
	query_free(&q);
	return any;
}

/*
 * One goal brought up to date: whole if stale, else the marked people's
 * rows (goal_cache_refresh took them away). A goal whose query no longer
 * reads (its map gone) is left stale: its progress is computed, and fails,
 * as before.
 */
static enum kith_status
cache_goal(struct kdb *db, const struct goal *g, bool stale, int64_t me_id, struct kith_err *err)
{
	static const char del_all[] = "DELETE FROM goal_member WHERE goal_id = ?1";
	static const char unstale[] = "DELETE FROM goal_stale WHERE goal_id = ?1";
	static const char restale[] = "INSERT OR IGNORE INTO goal_stale VALUES (?1)";
	struct kith_err why;
	enum kith_status rc;

	if (stale && (rc = db_run(db, del_all, "goal", err, "i", g->id)))
		return rc;
	rc = cache_fill(db, g, stale ? SRC_WHOLE : SRC_DIRTY, me_id, &why);
	if (rc == KITH_DB || rc == KITH_BUSY || rc == KITH_IO) {
		if (err)
			*err = why;
		return rc;
	}
	if (rc)
		return db_run(db, restale, "goal", err, "i", g->id);
	return stale ? db_run(db, unstale, "goal", err, "i", g->id) : KITH_OK;
}


/* The goals, each with whether it is stale (all of them if every goal is). */
static enum kith_status
goals_marked(struct kdb *db, bool all_stale, struct goal **out, bool **stale, int *nout,
	     struct kith_err *err)
{
	static const char sql[] = "SELECT " GOAL_COLS ", EXISTS (SELECT 1 FROM goal_stale s "
		"WHERE s.goal_id = goal.id) FROM goal ORDER BY id";
	sqlite3_stmt *st = db_stmt(db, sql, err);
	int n = 0, cap = 0, r;

	*out = NULL;
	*stale = NULL;
	*nout = 0;
	if (!st)
		return KITH_DB;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
			*stale = xrealloc(*stale, (size_t)cap * sizeof **stale);
		}
		goal_read(st, &(*out)[n]);
		(*stale)[n++] = all_stale || sqlite3_column_int(st, 8);
	}
	*nout = n;
	return db_finish(db, st, r, "goal", err);
}

/*
 * The marked people's rows of every goal that is not stale go; each goal
 * then gets them again (those its query still selects, with their touch),
 * or is built whole.
 */
static enum kith_status
cache_all(struct kdb *db, long long dirty, struct kith_err *err)
{
	static const char del_dirty[] = "DELETE FROM goal_member WHERE goal_id IN "
		"(SELECT id FROM goal) AND contact_id IN (SELECT contact_id FROM goal_dirty)";
	bool all_stale = dirty > DIRTY_MAX, probe = false, *is_stale;
	struct goal *v;
	int n;
	int64_t me_id = me(db);     /* read once: every goal's statement leaves "me" out */
	enum kith_status rc = goals_marked(db, all_stale, &v, &is_stale, &n, err);

	for (int i = 0; i < n && !rc && dirty && !all_stale; i++)
		if (!is_stale[i] && !probe && searches(&v[i])) {
			probe = true;
			rc = db_query_probe_fill(db, "SELECT contact_id FROM goal_dirty", err);
		}
	if (!rc && dirty && !all_stale)
		rc = db_run(db, del_dirty, "goal", err, "");
	for (int i = 0; i < n && !rc; i++)
		if (is_stale[i] || dirty)
			rc = cache_goal(db, &v[i], is_stale[i], me_id, err);
	goals_free(v, n);
	free(is_stale);
	return rc;
}

enum kith_status
goal_cache_refresh(struct kdb *db, struct kith_err *err)
{
	static const char q_marks[] =
		"SELECT (SELECT count(*) FROM goal_dirty), EXISTS (SELECT 1 FROM goal_stale), "
		"EXISTS (SELECT 1 FROM meta WHERE key = 'fts_deferred') "
		"OR EXISTS (SELECT 1 FROM contact_fts_dirty)";
	static const char clean[] = "DELETE FROM goal_dirty";
	sqlite3_stmt *st;
	long long dirty;
	bool stale, deferred;
	enum kith_status rc;

	if (!(st = db_stmt(db, q_marks, err)))
		return KITH_DB;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_error(db, err, "goal");
	}
	dirty = sqlite3_column_int64(st, 0);
	stale = sqlite3_column_int(st, 1);
	deferred = sqlite3_column_int(st, 2);
	sqlite3_reset(st);
	/* the search documents the queries read are not made yet: a later commit */
	if (deferred)
		return KITH_OK;
	if ((dirty || stale) && ((rc = cache_all(db, dirty, err)) ||
				 (dirty && (rc = db_run(db, clean, "goal", err, "")))))
		return rc;
	return KITH_OK;
}

enum kith_status
goal_cache_verify(struct kdb *db, struct kith_err *err)
{
	static const char q_kept[] = "SELECT contact_id, coalesce(at, " NO_TOUCH ") FROM goal_member "
		"WHERE goal_id = ?1 ORDER BY contact_id";
	struct goal *v;
	int n;
	enum kith_status rc = goal_marks_check(db, err);

	if (rc)
		return rc;
	rc = goals_read(db, "", true, &v, &n, err);
	for (int i = 0; i < n && !rc; i++) {
		sqlite3_stmt *live, *kept;
		int a = SQLITE_ROW, b = SQLITE_ROW;

		if (!goal_kept_ready(db, v[i].id)) {
			rc = kith_err_set(err, KITH_CONFLICT, "goal %lld: progress not kept",
					  (long long)v[i].id);
			break;
		}
		if ((rc = goal_stmt(db, &v[i], "SELECT id, at FROM", "ORDER BY id", SRC_WHOLE, &live,
				    err)))
			break;
		if (!(kept = db_stmt(db, q_kept, err))) {
			sqlite3_finalize(live);
			rc = KITH_DB;
			break;
		}
		sqlite3_bind_int64(kept, 1, v[i].id);
		while (!rc) {
			a = sqlite3_step(live);
			b = sqlite3_step(kept);
			if (a != b || (a == SQLITE_ROW && (sqlite3_column_int64(live, 0) !=
							   sqlite3_column_int64(kept, 0) ||
							   strcmp(db_col_text(live, 1),
								  db_col_text(kept, 1)))))
				rc = kith_err_set(err, KITH_CONFLICT, "goal %lld: kept #%lld at %s, "
						  "computed #%lld at %s", (long long)v[i].id,
						  b == SQLITE_ROW ? (long long)sqlite3_column_int64(kept, 0) : 0,
						  b == SQLITE_ROW ? db_col_text(kept, 1) : "-",
						  a == SQLITE_ROW ? (long long)sqlite3_column_int64(live, 0) : 0,
						  a == SQLITE_ROW ? db_col_text(live, 1) : "-");
			else if (a != SQLITE_ROW)
				break;
		}
		if (!rc && a != SQLITE_DONE)
			rc = db_error(db, err, "goal");
		sqlite3_finalize(live);
		sqlite3_reset(kept);
	}
	goals_free(v, n);
	return rc;
}

enum kith_status
goal_kept_tally(struct kdb *db, struct goal *g, struct kith_err *err)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM goal_member WHERE goal_id = ?1 AND at IS NOT NULL), "
		"(SELECT substr(at, 1, 10) FROM goal_member WHERE goal_id = ?1 AND at IS NOT NULL "
		"ORDER BY at, contact_id LIMIT 1 OFFSET ?2 - 1)";
	sqlite3_stmt *st = db_stmt(db, sql, err);

	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, g->id);
	sqlite3_bind_int(st, 2, g->target);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_error(db, err, "goal");
	}
	g->count = sqlite3_column_int(st, 0);
	snprintf(g->reached_on, sizeof g->reached_on, "%s", db_col_text(st, 1));
	sqlite3_reset(st);
	return KITH_OK;
}
