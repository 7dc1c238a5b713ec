/*
 * goal.c: networking goals and their progress (see kith/goal.h).
 *
 * A goal's progress is one statement over the people its query selects:
 * for each, the first qualifying touch in the goal's days (one indexed
 * probe per kind of touch: interaction_contact by contact and time,
 * attendance by contact, the introductions' partial indexes, the map
 * moves by contact). The people counted are the rows with a touch, in
 * the order they counted.
 *
 * The statement's rows are kept in goal_member (schema migration 19): the
 * schema's triggers mark the people a write may move in or out of a goal
 * or give or take a touch (goal_dirty) and the goals to build whole
 * (goal_stale), and every write's commit runs the statement again for
 * those people and goals only (goal_cache_refresh). Progress is then a few
 * reads of goal_member's index; a goal with a mark left (a write by another
 * program, an import still under way) is computed from the touches.
 */
#include "goal_sql.h"
#include "ent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/date.h"
#include "kith/goal.h"
#include "kith/str.h"
#include "kith/warmpath.h"
#include "kith/xalloc.h"

const char *
goal_state_name(enum goal_state s)
{
	static const char *const names[] = { "open", "reached", "missed", "dropped" };
	return (unsigned)s < 4 ? names[s] : "";
}

/* ---- progress ---------------------------------------------------------------------- */

/* Walk a goal's people, FN called on each row until it returns true: from
   its kept progress (the statement KEPT, bound to the goal's id, kept by
   the connection) when goal_member is up to date, else from the touches
   (HEAD and TAIL around the goal's whole selection, a statement of its
   own). */
typedef bool (*goal_row_fn)(void *ud, sqlite3_stmt *st);

static enum kith_status
goal_walk(struct kdb *db, const struct goal *g, const char *kept, const char *head,
	  const char *tail, goal_row_fn fn, void *ud, struct kith_err *err)
{
	bool cached = goal_kept_ready(db, g->id);
	enum kith_status rc = KITH_OK;
	sqlite3_stmt *st;
	int r;

	if (cached && !(st = db_stmt(db, kept, err)))
		return KITH_DB;
	if (cached)
		sqlite3_bind_int64(st, 1, g->id);
	else if ((rc = goal_stmt(db, g, head, tail, SRC_WHOLE, &st, err)))
		return rc;
	while ((r = sqlite3_step(st)) == SQLITE_ROW && !fn(ud, st))
		;
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = db_error(db, err, "goal");
	if (cached)
		sqlite3_reset(st);
	else
		sqlite3_finalize(st);
	return rc;
}

struct counted_walk {
	goal_person_fn fn;
	void *ud;
};

static bool
counted_row(void *ud, sqlite3_stmt *st)
{
	struct counted_walk *w = ud;
	struct goal_person p = { sqlite3_column_int64(st, 0), db_col_text(st, 1),
				 db_col_text(st, 2) };

	return w->fn(w->ud, &p) != 0;
}

enum kith_status
goal_counted(struct kdb *db, const struct goal *g, goal_person_fn fn, void *ud,
	     struct kith_err *err)
{
	static const char kept[] =
		"SELECT m.contact_id, c.display_name, m.at FROM goal_member m "
		"JOIN contact c ON c.id = m.contact_id WHERE m.goal_id = ?1 AND m.at IS NOT NULL "
		"ORDER BY m.at, m.contact_id";
	struct counted_walk w = { fn, ud };

	return goal_walk(db, g, kept, goal_counted_head, goal_counted_tail, counted_row, &w, err);
}

/* Count the people and find the day the target-th counted. */
struct tally {
	int n, target;
	char reached[KDATE_STR];
};

static int
tally_one(void *ud, const struct goal_person *p)
{
	struct tally *t = ud;

	if (++t->n == t->target)
		snprintf(t->reached, sizeof t->reached, "%.10s", p->at);
	return 0;
}

/* g's days left and what its pace expects by today (from its dates alone). */
static enum kith_status
pace(struct goal *g, const char *today, struct kith_err *err)
{
	struct kdate td, set, due;
	long total, gone;

	if (!kdate_parse_iso(today, &td) || !kdate_parse_iso(g->set_on, &set) ||
	    !kdate_parse_iso(g->due, &due))
		return kith_err_set(err, KITH_INVALID, "goal %lld: a date is not a date",
				    (long long)g->id);
	g->days_left = kdate_diff(due, td);
	total = kdate_diff(due, set);
	gone = kdate_diff(td, set);
	if (gone < 0)
		gone = 0;
	g->expected = total <= 0 || gone >= total ? g->target
						  : (int)((long long)g->target * gone / total);
	return KITH_OK;
}

/* g's state from its count, its reached day and its dates (pace done). */
static void
set_state(struct goal *g)
{
	if (*g->reached_on)
		g->state = GOAL_REACHED;
	else if (*g->dropped_on)
		g->state = GOAL_DROPPED;
	else if (g->days_left < 0)
		g->state = GOAL_MISSED;
	else
		g->state = GOAL_OPEN;
	g->behind = g->state == GOAL_OPEN && g->count < g->expected;
}

/* g's progress on today, from its touches. */
static enum kith_status
progress(struct kdb *db, struct goal *g, const char *today, struct kith_err *err)
{
	struct tally t = { 0, g->target, "" };
	enum kith_status rc;

	if (goal_kept_ready(db, g->id)) {
		if ((rc = goal_kept_tally(db, g, err)))
			return rc;
	} else {
		if ((rc = goal_counted(db, g, tally_one, &t, err)))
			return rc;
		g->count = t.n;
		snprintf(g->reached_on, sizeof g->reached_on, "%s", t.reached);
	}
	if ((rc = pace(g, today, err)))
		return rc;
	set_state(g);
	return KITH_OK;
}

enum kith_status
goal_get(struct kdb *db, int64_t id, const char *today, struct goal *out, struct kith_err *err)
{
	static const char sql[] = "SELECT " GOAL_COLS " FROM goal WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql, err);
	enum kith_status rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = db_step_row(db, st, "goal", err)) == KITH_NOTFOUND)
		return kith_err_set(err, KITH_NOTFOUND, "goal %lld: no such goal", (long long)id);
	if (rc)
		return rc;
	goal_read(st, out);
	sqlite3_reset(st);
	if ((rc = progress(db, out, today, err)))
		goal_free(out);
	return rc;
}

static int
goal_order(const void *a, const void *b)
{
	const struct goal *x = a, *y = b;
	bool xo = x->state == GOAL_OPEN, yo = y->state == GOAL_OPEN;
	int r;

	if (xo != yo)
		return xo ? -1 : 1;
	if (xo && (r = strcmp(x->due, y->due)))
		return r;
	if (!xo && (r = strcmp(y->due, x->due)))
		return r;
	return (x->id > y->id) - (x->id < y->id);
}

enum kith_status
goal_list(struct kdb *db, const char *today, bool all, goal_fn fn, void *ud,
	  struct kith_err *err)
{
	struct goal *v;
	int n;
	enum kith_status rc = goals_read(db, today, all, &v, &n, err);

	for (int i = 0; i < n && !rc; i++)
		rc = progress(db, &v[i], today, err);
	if (!rc && n)   /* qsort with no array is undefined, even for none */
		qsort(v, (size_t)n, sizeof *v, goal_order);
	for (int i = 0; i < n && !rc; i++)
		if ((all || v[i].state == GOAL_OPEN) && fn(ud, &v[i]))
			break;
	goals_free(v, n);
	return rc;
}

struct best_walk {
	int64_t *id;
	char **name;
};

static bool
best_row(void *ud, sqlite3_stmt *st)
{
	struct best_walk *w = ud;

	*w->id = sqlite3_column_int64(st, 0);
	*w->name = xstrdup(db_col_text(st, 1));
	return true;
}

enum kith_status
goal_best_uncounted(struct kdb *db, const struct goal *g, int64_t *contact_id, char **name,
		    struct kith_err *err)
{
	static const char head[] = "SELECT p.id, p.name FROM";
	static const char tail[] =
		"LEFT JOIN contact_stat s ON s.contact_id = p.id WHERE p.at = " NO_TOUCH
		" ORDER BY coalesce(p.influence, 0) DESC, coalesce(s.last_at, '') DESC, "
		"p.name_key, p.id LIMIT 1";
	struct best_walk w = { contact_id, name };

	*contact_id = 0;
	*name = NULL;
	return goal_walk(db, g, goal_kept_uncounted, head, tail, best_row, &w, err);
}

void
goal_left_words(long days, char out[24])
{
	if (days >= 14)
		snprintf(out, 24, "%d weeks left", (int)(days / 7 % 100000));
	else if (days > 1)
		snprintf(out, 24, "%d days left", (int)days);
	else if (days == 1)
		snprintf(out, 24, "1 day left");
	else
		snprintf(out, 24, "the last day");
}

void
goal_state_words(const struct goal *g, char out[GOAL_WORDS])
{
	char left[24];

	switch (g->state) {
	case GOAL_REACHED:
		snprintf(out, GOAL_WORDS, "reached %s", g->reached_on);
		return;
	case GOAL_MISSED:
		snprintf(out, GOAL_WORDS, "missed %s", g->due);
		return;
	case GOAL_DROPPED:
		snprintf(out, GOAL_WORDS, "dropped %s", g->dropped_on);
		return;
	case GOAL_OPEN:
		break;
	}
	goal_left_words(g->days_left, left);
	if (g->behind)
		snprintf(out, GOAL_WORDS, "behind (%d by now), %s", g->expected, left);
	else
		snprintf(out, GOAL_WORDS, "on pace, %s", left);
}

void
goal_bar(const struct goal *g, char out[GOAL_BAR_CELLS + 1])
{
	int done = g->target > 0 ? (int)((long long)(g->count < g->target ? g->count : g->target) *
					 GOAL_BAR_CELLS / g->target) : 0;

	for (int i = 0; i < GOAL_BAR_CELLS; i++)
		out[i] = i < done ? '#' : '.';
	out[GOAL_BAR_CELLS] = '\0';
}

/* ---- the review's term ------------------------------------------------------------- */

/* The first person of the best warm path to contact_id, newly allocated; NULL if none. */
static char *
warm_via(struct kdb *db, int64_t contact_id)
{
	struct warm_query q = { .to_contact_id = contact_id, .k = 1, .max_hops = 3 };
	struct warm_path *paths = NULL;
	char *via = NULL;
	int n = 0;

	if (!kdb_me(db) || warm_paths(db, &q, &paths, &n, NULL) != KITH_OK)
		return NULL;
	if (n > 0 && paths[0].nhops > 1 && paths[0].hops[0].name)
		via = xstrdup(paths[0].hops[0].name);
	warm_paths_free(paths, n);
	return via;
}

/* The best person a goal does not count yet, as goal_best_uncounted orders them. */
struct best {
	int64_t id;
	int influence;
	char *name, *name_key, *last_at;
};

static void
best_free(struct best *b)
{
	free(b->name);
	free(b->name_key);
	free(b->last_at);
	memset(b, 0, sizeof *b);
}

/* The day contact_id was last touched ('' never), newly allocated. */
static char *
last_touch(struct kdb *db, int64_t contact_id, struct kith_err *err)
{
	static const char sql[] = "SELECT last_at FROM contact_stat WHERE contact_id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql, err);
	char *at;

	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, contact_id);
	at = xstrdup(sqlite3_step(st) == SQLITE_ROW ? db_col_text(st, 0) : "");
	sqlite3_reset(st);
	return at;
}

/*
 * Row (id, name, influence, name_key) of st, not counted: the best so far?
 * The highest influence, then the latest touch (read only to break a tie
 * of influence), then name_key, then id.
 */
static enum kith_status
best_take(struct kdb *db, sqlite3_stmt *st, struct best *b, struct kith_err *err)
{
	int64_t id = sqlite3_column_int64(st, 0);
	int influence = sqlite3_column_int(st, 2), r = 0;
	const char *key = db_col_text(st, 3);
	char *at = NULL;

	if (b->id && influence < b->influence)
		return KITH_OK;
	if (!(at = last_touch(db, id, err)))
		return KITH_DB;
	if (b->id && influence == b->influence &&
	    ((r = strcmp(at, b->last_at)) < 0 ||
	     (!r && ((r = strcmp(key, b->name_key)) > 0 || (!r && id > b->id))))) {
		free(at);
		return KITH_OK;
	}
	best_free(b);
	*b = (struct best){ id, influence, xstrdup(db_col_text(st, 1)), xstrdup(key), at };
	return KITH_OK;
}

/* behind_pace from goal_member (pace done): the count, and if behind, the best in *b. */
static enum kith_status
behind_kept(struct kdb *db, struct goal *g, struct best *b, struct kith_err *err)
{
	int expected = g->expected;
	enum kith_status rc = goal_kept_tally(db, g, err);
	sqlite3_stmt *st;
	int r;

	if (rc || g->count >= expected)
		return rc;
	g->state = GOAL_OPEN;
	g->behind = true;
	if (!(st = db_stmt(db, goal_kept_uncounted, err)))
		return KITH_DB;
	sqlite3_bind_int64(st, 1, g->id);
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		b->id = sqlite3_column_int64(st, 0);
		b->name = xstrdup(db_col_text(st, 1));
	}
	return db_finish(db, st, r, "goal", err);
}

/*
 * Is open goal g behind its pace on today? Its people are read until as
 * many count as the pace expects by now: a goal on pace (most are) stops
 * there, without looking for the rest's touches. One behind is read whole,
 * so its count is exact (and below its target: it is open), and the best
 * person it does not count comes from the same pass (in *b). Sets count,
 * expected, days_left, behind (and state, when behind).
 */
static enum kith_status
behind_pace(struct kdb *db, struct goal *g, const char *today, struct best *b,
	    struct kith_err *err)
{
	static const char head[] = "SELECT id, name, coalesce(influence, 0), name_key, at FROM";
	sqlite3_stmt *st;
	enum kith_status rc;
	int r = SQLITE_DONE, n = 0;

	g->behind = false;
	if ((rc = pace(g, today, err)) || g->expected <= 0)
		return rc;
	if (goal_kept_ready(db, g->id))
		return behind_kept(db, g, b, err);
	if ((rc = goal_stmt(db, g, head, "", SRC_FIRST, &st, err)))
		return rc;
	while (!rc && n < g->expected && (r = sqlite3_step(st)) == SQLITE_ROW) {
		if (strcmp(db_col_text(st, 4), NO_TOUCH_TEXT))
			n++;
		else
			rc = best_take(db, st, b, err);
	}
	if (!rc && n < g->expected && r != SQLITE_DONE)
		rc = db_error(db, err, "goal");
	sqlite3_finalize(st);
	if (!rc && n < g->expected) {
		g->count = n;
		g->state = GOAL_OPEN;
		g->behind = true;
	}
	return rc;
}

/* The review's item for g (behind its pace): b, its best uncounted person. */
static void
pick(const struct goal *g, const struct best *b, goal_pick_fn fn, void *ud)
{
	static const char *const verbs[GOAL_HOW_COUNT_] = {
		[GOAL_MET] = "meet", [GOAL_TALKED] = "talk to",
		[GOAL_INTRODUCED] = "get introduced to", [GOAL_PLACED] = "place",
	};
	struct strbuf detail = { 0 }, what = { 0 };
	char left[24];

	goal_left_words(g->days_left, left);
	sb_printf(&detail, "goal \"%s\": %d of %d %s, %s", g->title, g->count, g->target,
		  goal_how_name(g->how), left);
	sb_printf(&what, "%s %s%s", verbs[g->how], b->name,
		  g->how == GOAL_PLACED ? " on a map" : "");
	fn(ud, b->id, sb_str(&detail), sb_str(&what));
	sb_free(&detail);
	sb_free(&what);
}

void
goal_review_via(struct kdb *db, int64_t contact_id, char **detail, char **what)
{
	char *via = warm_via(db, contact_id);
	struct strbuf sb = { 0 };

	if (!via)
		return;
	sb_printf(&sb, "%s, via %s", *detail, via);
	free(*detail);
	*detail = sb_detach(&sb);
	sb_printf(&sb, "%s (%s can introduce you)", *what, via);
	free(*what);
	*what = sb_detach(&sb);
	free(via);
}

/* Open goals nearest in date first, as goal_list orders them. */
static int
due_order(const void *a, const void *b)
{
	const struct goal *x = a, *y = b;
	int r = strcmp(x->due, y->due);

	return r ? r : (x->id > y->id) - (x->id < y->id);
}

enum kith_status
goal_review_picks(struct kdb *db, const char *today, goal_pick_fn fn, void *ud,
		  struct kith_err *err)
{
	struct goal *v;
	int n, picked = 0;
	enum kith_status rc = goals_read(db, today, false, &v, &n, err);

	if (!rc && n)
		qsort(v, (size_t)n, sizeof *v, due_order);
	for (int i = 0; i < n && !rc && picked < GOAL_REVIEW_MAX; i++) {
		struct best b = { 0 };
		if (!(rc = behind_pace(db, &v[i], today, &b, err)) && v[i].behind) {
			picked++;
			if (b.id)
				pick(&v[i], &b, fn, ud);
		}
		best_free(&b);
	}
	goals_free(v, n);
	return rc;
}

/* ---- writes ------------------------------------------------------------------------ */

struct goal_write {
	const struct goal *g;
	const char *today;
	int64_t id;
};

static enum kith_status
add_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char sql[] =
		"INSERT INTO goal(title, who, how, target, set_on, due, created_at, updated_at, id) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, :key)";
	struct goal_write *w = ctx;
	sqlite3_stmt *st = db_stmt(db, sql, err);
	char now[20];
	enum kith_status rc;

	if (!st)
		return KITH_DB;
	db_now(now);
	db_bind_text(st, 1, w->g->title);
	db_bind_text(st, 2, w->g->who);
	sqlite3_bind_text(st, 3, goal_how_name(w->g->how), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, w->g->target);
	sqlite3_bind_text(st, 5, w->today, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, w->g->due, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, now, -1, SQLITE_STATIC);
	if ((rc = db_key_bind(db, st, err)) || (rc = db_step_done(db, st, err, "goal")))
		return rc;
	w->id = sqlite3_last_insert_rowid(db->h);
	return KITH_OK;
}

enum kith_status
goal_add(struct kdb *db, const struct goal *g, const char *today, int64_t *id,
	 struct kith_err *err)
{
	struct goal_write w = { g, today, 0 };
	struct goal check = *g;
	struct kdate d;
	sqlite3_stmt *st;
	enum kith_status rc;
	char *title;
	bool blank;

	if (db_check_text("title", g->title, err) || db_check_text("who", g->who, err))
		return KITH_INVALID;
	title = str_trim(xstrdup(g->title ? g->title : ""));
	blank = !*title;
	free(title);
	if (blank)
		return kith_err_set(err, KITH_INVALID, "title: the goal needs a few words");
	if (g->how < 0 || g->how >= GOAL_HOW_COUNT_)
		return kith_err_set(err, KITH_INVALID, "how: met, talked, introduced or placed");
	if (g->target < 1 || g->target > 100000)
		return kith_err_set(err, KITH_INVALID, "count %d: must be 1 to 100000", g->target);
	if (!kdate_parse_iso(g->due, &d) || !kdate_parse_iso(today, &d))
		return kith_err_set(err, KITH_INVALID, "by %s: not a date", g->due);
	if (strcmp(g->due, today) < 0)
		return kith_err_set(err, KITH_INVALID, "by %s: the date has passed (today is %s)",
				    g->due, today);
	/* the query must select: parse it and resolve its maps, as progress will */
	snprintf(check.set_on, sizeof check.set_on, "%s", today);
	if ((rc = goal_stmt(db, &check, goal_counted_head, goal_counted_tail, SRC_WHOLE, &st, err))) {
		char why[sizeof err->msg];
		if (!err || rc == KITH_DB || rc == KITH_BUSY)
			return rc;
		snprintf(why, sizeof why, "%s", err->msg);
		return kith_err_set(err, rc, "who: %s", why);
	}
	sqlite3_finalize(st);
	if ((rc = db_write(db, add_body, &w, err)))
		return rc;
	if (id)
		*id = w.id;
	return KITH_OK;
}

struct goal_change {
	int64_t id;
	const char *day;            /* drop: the day; NULL: delete */
};

static enum kith_status
change_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char drop[] =
		"UPDATE goal SET dropped_on = ?2, updated_at = ?3 WHERE id = ?1";
	static const char del[] = "DELETE FROM goal WHERE id = ?1";
	struct goal_change *c = ctx;
	sqlite3_stmt *st = db_stmt(db, c->day ? drop : del, err);
	char now[20];
	enum kith_status rc;

	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, c->id);
	if (c->day) {
		db_now(now);
		sqlite3_bind_text(st, 2, c->day, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	}
	if ((rc = db_step_done(db, st, err, "goal")))
		return rc;
	if (!sqlite3_changes(db->h))
		return kith_err_set(err, KITH_NOTFOUND, "goal %lld: no such goal", (long long)c->id);
	return KITH_OK;
}

enum kith_status
goal_drop(struct kdb *db, int64_t id, const char *day, struct kith_err *err)
{
	struct goal_change c = { id, day };
	struct kdate d;

	if (!day || !kdate_parse_iso(day, &d))
		return kith_err_set(err, KITH_INVALID, "%s: not a date", day ? day : "");
	return db_write(db, change_body, &c, err);
}

enum kith_status
goal_delete(struct kdb *db, int64_t id, struct kith_err *err)
{
	struct goal_change c = { id, NULL };

	return db_write(db, change_body, &c, err);
}
