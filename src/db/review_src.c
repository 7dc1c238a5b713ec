/*
 * review_src.c: the daily review's candidates (review_cand.h), gathered
 * for review.c. Each source is one indexed walk of at most
 * REVIEW_SOURCE_MAX rows, adding candidates (keyed by contact, or by
 * follow-up for one about no one) with what that source knows; the
 * review's own history then marks those it keeps out or lowers.
 */
#include "internal.h"
#include "ent.h"
#include "row.h"
#include "review_cand.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/date.h"
#include "kith/followup.h"
#include "kith/goal.h"
#include "kith/review.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

/* ---- candidates ------------------------------------------------------------------ */

/* The candidate for a contact (created if new and create is set), or NULL. */
static struct cand *
cand_for(struct cands *c, int64_t contact_id, bool create)
{
	int i = contact_id ? idmap_get(&c->ix, contact_id) : -1;

	if (i >= 0)
		return &c->v[i];
	if (!create || (contact_id && contact_id == c->me))
		return NULL;
	c->v = xgrow(c->v, c->n, &c->cap, 64, sizeof *c->v);
	memset(&c->v[c->n], 0, sizeof c->v[c->n]);
	c->v[c->n].contact_id = contact_id;
	c->v[c->n].cadence_days = -1;
	if (contact_id)
		idmap_set(&c->ix, contact_id, c->n);
	return &c->v[c->n++];
}

void
review_cands_free(struct cands *c)
{
	for (int i = 0; i < c->n; i++) {
		struct cand *k = &c->v[i];
		free(k->fu_title);
		free(k->ev_title);
		free(k->target_map);
		free(k->goal_detail);
		free(k->goal_what);
		free(k->name);
		free(k->birthday);
	}
	free(c->v);
	idmap_free(&c->ix);
}

void
review_copy_day(char out[KDATE_STR], const char *s)
{
	size_t n = 0;

	while (s && n < KDATE_STR - 1 && s[n])
		n++;
	if (n)
		memcpy(out, s, n);
	out[n] = '\0';
}

long
review_days_since(const struct cands *c, const char *day)
{
	struct kdate d;
	char buf[KDATE_STR];

	review_copy_day(buf, day);
	if (!kdate_parse_iso(buf, &d))
		return -1;
	return kdate_diff(c->today, d);
}

/* ---- the contact ------------------------------------------------------------------ */

/*
** A candidate's contact and its last touch, as columns of a statement that
** has the contact as C and its contact_stat row as S: the sources that join
** the contact anyway select them too, so that most candidates need no
** lookup of their own (review_fill_contact) after the walks.
*/
#define CONTACT_COLS(C, S) \
	C ".display_name, coalesce(" C ".influence, 0), coalesce(" C ".tier, ''), " \
	"coalesce(" C ".cadence_days, -1), " C ".birthday, " C ".created_at, " \
	"coalesce(" S ".last_at, ''), " C ".archived, " C ".rhythm_days"

/* The contact from CONTACT_COLS at column col of st. */
static void
fill_from(struct cand *k, sqlite3_stmt *st, int col)
{
	k->filled = true;
	k->name = xstrdup(db_col_text(st, col));
	k->influence = sqlite3_column_int(st, col + 1);
	k->tier = db_col_text(st, col + 2)[0];
	k->cadence_days = sqlite3_column_int(st, col + 3);
	k->birthday = db_col_dup(st, col + 4);
	review_copy_day(k->created, db_col_text(st, col + 5));
	review_copy_day(k->last_at, db_col_text(st, col + 6));
	k->found = sqlite3_column_int(st, col + 7) == 0;
	k->rhythm_days = sqlite3_column_int(st, col + 8);
}

/* A source row's contact for k, if it has one (a LEFT JOIN may not) and k has none yet. */
static void
fill_row(struct cand *k, sqlite3_stmt *st, int col)
{
	if (k && k->contact_id && !k->filled && sqlite3_column_type(st, col) != SQLITE_NULL)
		fill_from(k, st, col);
}

/* ---- sources --------------------------------------------------------------------- */

#define UNDATED_SQL "'+7 days'"    /* UNDATED_DAYS, for SQLite's date() */

/* An occurrence of a series: its title and start. */
struct occurrence {
	const char *title;
	char start[17];
};

/* What a source's row function knows of its walk. */
struct walk {
	bool undated;                   /* row_followup: the follow-ups with no due date */
	int left;                       /* row_cadence: how many more it may take */
	const struct occurrence *occ;   /* row_occurrence: the occurrence */
};

/*
** Step a source's statement (NULL: KITH_DB, err set), handing each row to
** row(c, st, w) until it returns false (it has enough) or the rows end.
*/
typedef bool (*src_row_fn)(struct cands *c, sqlite3_stmt *st, struct walk *w);

static enum kith_status
src_walk(struct kdb *db, struct cands *c, sqlite3_stmt *st, src_row_fn row, struct walk *w,
	 struct kith_err *err)
{
	int rc;

	if (!st)
		return KITH_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && row(c, st, w))
		;
	return ent_finish(db, st, rc, "review", err);
}

/* A row whose first column is a contact, then its CONTACT_COLS: a candidate. */
static bool
row_contact(struct cands *c, sqlite3_stmt *st, struct walk *w)
{
	(void)w;
	fill_row(cand_for(c, sqlite3_column_int64(st, 0), true), st, 1);
	return true;
}

/* (id, contact, title, due, direction, CONTACT_COLS) */
static bool
row_followup(struct cands *c, sqlite3_stmt *st, struct walk *w)
{
	struct cand *k = cand_for(c, sqlite3_column_int64(st, 1), true);

	if (!k)
		return true;
	fill_row(k, st, 5);
	if (k->followup_id) {   /* walking oldest due first: the first one stays */
		k->fu_more++;
		return true;
	}
	k->followup_id = sqlite3_column_int64(st, 0);
	k->fu_title = xstrdup(db_col_text(st, 2));
	review_copy_day(k->fu_due, db_col_text(st, 3));
	k->fu_undated = w->undated;
	k->fu_dir = kith_direction_parse(db_col_text(st, 4));
	return true;
}

/* (contact, CONTACT_COLS, cadence) past its cadence: a candidate */
static bool
row_cadence(struct cands *c, sqlite3_stmt *st, struct walk *w)
{
	const char *last = db_col_text(st, 7);     /* CONTACT_COLS' last touch */
	/* never touched: since it was added (CONTACT_COLS' created_at) */
	long since = review_days_since(c, *last ? last : db_col_text(st, 6));

	if (since <= sqlite3_column_int(st, 10))
		return true;
	fill_row(cand_for(c, sqlite3_column_int64(st, 0), true), st, 1);
	return --w->left > 0;
}

/* (contact, title, start, CONTACT_COLS): the first event each is invited to */
static bool
row_event(struct cands *c, sqlite3_stmt *st, struct walk *w)
{
	struct cand *k = cand_for(c, sqlite3_column_int64(st, 0), true);

	(void)w;
	fill_row(k, st, 3);
	if (!k || k->ev_title)
		return true;
	k->ev_title = xstrdup(db_col_text(st, 1));
	snprintf(k->ev_start, sizeof k->ev_start, "%.16s", db_col_text(st, 2));
	return true;
}

/* (contact, CONTACT_COLS) invited to the occurrence, unless invited to something sooner */
static bool
row_occurrence(struct cands *c, sqlite3_stmt *st, struct walk *w)
{
	const struct occurrence *o = w->occ;
	struct cand *k = cand_for(c, sqlite3_column_int64(st, 0), true);

	fill_row(k, st, 1);
	if (!k || (k->ev_title && strcmp(k->ev_start, o->start) <= 0))
		return true;
	str_set(&k->ev_title, o->title);
	snprintf(k->ev_start, sizeof k->ev_start, "%.16s", o->start);
	return true;
}

/* (contact, map name, primary?) */
static bool
row_target(struct cands *c, sqlite3_stmt *st, struct walk *w)
{
	struct cand *k = cand_for(c, sqlite3_column_int64(st, 0), true);
	bool primary = sqlite3_column_int(st, 2) != 0;

	(void)w;
	if (!k || k->target_map)
		return true;
	k->target_map = xstrdup(db_col_text(st, 1));
	k->primary = primary;
	k->secondary = !primary;
	return true;
}

/* (contact, follow-up, action, day, until) of the review's own history */
static bool
row_history(struct cands *c, sqlite3_stmt *st, struct walk *w)
{
	int64_t cid = sqlite3_column_int64(st, 0), fid = sqlite3_column_int64(st, 1);
	const char *action = db_col_text(st, 2), *day = db_col_text(st, 3);
	const char *until = db_col_text(st, 4);
	struct cand *k = NULL;

	(void)w;
	if (cid)
		k = cand_for(c, cid, false);
	else
		for (int i = 0; i < c->n && !k; i++)
			if (fid && c->v[i].followup_id == fid && !c->v[i].contact_id)
				k = &c->v[i];
	if (!k)
		return true;
	if (!strcmp(day, c->p.today) || strcmp(until, c->p.today) > 0)
		k->excluded = true;
	if (!strcmp(action, "skipped") || !strcmp(action, "snoozed")) {
		k->skip = !strcmp(action, "skipped") ? SKIP_SKIPPED : SKIP_SNOOZED;
		review_copy_day(k->skip_day, day);
	}
	return true;
}

/*
 * Recurring series that began before today: their next occurrence in the
 * window, through params.recur. Series are few (an index of their own).
 */
static enum kith_status
src_series(struct kdb *db, struct cands *c, struct kith_err *err)
{
	static const char sql_series[] =
		"SELECT id, title, start_at, rrule, tzid, tz_start FROM event "
		"WHERE rrule IS NOT NULL AND rrule <> '' AND start_at < ?1 ORDER BY id";
	static const char sql_att[] =
		"SELECT a.contact_id, " CONTACT_COLS("k", "s") " FROM attendance a "
		"JOIN contact k ON k.id = a.contact_id AND k.archived = 0 "
		"LEFT JOIN contact_stat s ON s.contact_id = k.id "
		"WHERE a.event_id = ?1 AND a.status IN ('invited', 'confirmed') "
		"ORDER BY a.contact_id LIMIT ?2";
	char to[KDATE_STR], occ[1][17];
	sqlite3_stmt *st;
	int rc;

	if (!c->p.recur)
		return KITH_OK;
	kdate_format(kdate_add_days(c->today, c->p.event_days + 1), to);
	if (!(st = db_query(db, sql_series, err, "t", c->p.today)))
		return KITH_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct occurrence o;
		struct walk w = { .occ = &o };
		enum kith_status rc2;
		/* a series kept in a zone is expanded there (issue 14) */
		bool zoned = *db_col_text(st, 4) && *db_col_text(st, 5);
		if (c->p.recur(zoned ? db_col_text(st, 4) : NULL,
			       db_col_text(st, zoned ? 5 : 2), db_col_text(st, 3), c->p.today, to, occ,
			       1) < 1)
			continue;
		o.title = xstrdup(db_col_text(st, 1));
		memcpy(o.start, occ[0], sizeof o.start);
		rc2 = src_walk(db, c, db_query(db, sql_att, err, "in", id, REVIEW_SOURCE_MAX),
			       row_occurrence, &w, err);
		free((char *)o.title);
		if (rc2) {
			sqlite3_reset(st);
			return rc2;
		}
	}
	return ent_finish(db, st, rc, "review", err);
}

/* Birthdays in the days ahead, one day's walk of the birthday index after another. */
static enum kith_status
src_birthdays(struct kdb *db, struct cands *c, struct kith_err *err)
{
	static const char sql[] =
		"SELECT c.id, " CONTACT_COLS("c", "s") " FROM contact c "
		"LEFT JOIN contact_stat s ON s.contact_id = c.id "
		"WHERE c.birthday IS NOT NULL AND c.archived = 0 "
		"AND substr(c.birthday, -5) = ?1 ORDER BY c.id LIMIT ?2";
	enum kith_status rc;

	for (int d = 0; d <= c->p.birthday_days && d < 366; d++) {
		char day[KDATE_STR];
		kdate_format(kdate_add_days(c->today, d), day);
		if ((rc = src_walk(db, c, db_query(db, sql, err, "tn", day + 5, REVIEW_SOURCE_MAX),
				   row_contact, NULL, err)))
			return rc;
	}
	return KITH_OK;
}

/* Goals behind their pace: the best person each does not count yet (goal.c). */
static int
goal_cand(void *ud, int64_t contact_id, const char *detail, const char *what)
{
	struct cand *k = cand_for(ud, contact_id, true);

	if (k && !k->goal_detail) {
		k->goal_detail = xstrdup(detail);
		k->goal_what = xstrdup(what);
	}
	return 0;
}

static enum kith_status
src_goals(struct kdb *db, struct cands *c, struct kith_err *err)
{
	if (!c->p.weight[RT_GOAL])
		return KITH_OK;
	return goal_review_picks(db, c->p.today, goal_cand, c, err);
}

/*
** The sources, in the order they are gathered (the first to give a
** candidate its follow-up or event keeps it). Most are one walk of one
** statement, each row handed to row; the others, a function of their own
** (run). A walk's statement names its parameters, bound where it has
** them (src_query): :today, :max (REVIEW_SOURCE_MAX), :days (the days of
** events ahead), :week (the day an undated follow-up turns a week old)
** and :tier_a to :tier_d (the cadences of tiers A to D).
*/
static const struct source {
	const char *sql;
	src_row_fn row;
	bool undated;               /* the walk's struct walk */
	enum kith_status (*run)(struct kdb *db, struct cands *c, struct kith_err *err);
} sources[] = {
	/* the open follow-ups due by today, oldest due first */
	{ "SELECT f.id, coalesce(f.contact_id, 0), f.title, f.due, f.direction, "
	  CONTACT_COLS("k", "s") " FROM followup f LEFT JOIN contact k ON k.id = f.contact_id "
	  "LEFT JOIN contact_stat s ON s.contact_id = k.id "
	  "WHERE f.status = 'open' AND f.due <= :today AND coalesce(k.archived, 0) = 0 "
	  "ORDER BY f.due, f.id LIMIT :max", row_followup, false, NULL },
	/* due IS NULL walks followup_open_by_due's first rows in id order (the
	   order they were added: no sort, it stops at the limit); a week old
	   today (created_at sorts as text) */
	{ "SELECT f.id, coalesce(f.contact_id, 0), f.title, "
	  "date(f.created_at, " UNDATED_SQL "), f.direction, " CONTACT_COLS("k", "s")
	  " FROM followup f LEFT JOIN contact k ON k.id = f.contact_id "
	  "LEFT JOIN contact_stat s ON s.contact_id = k.id "
	  "WHERE f.status = 'open' AND f.due IS NULL AND substr(f.created_at, 1, 10) <= :week "
	  "AND coalesce(k.archived, 0) = 0 ORDER BY f.id LIMIT :max", row_followup, true, NULL },
	/*
	 * Past the cadence: the walk goes up the last-touch index from the
	 * longest untouched; a contact never touched counts from when it was
	 * added. The days are counted by row_cadence, not by julianday() twice
	 * a row in SQLite, and it stops the walk at the REVIEW_SOURCE_MAX-th
	 * contact past its cadence.
	 */
	{ "SELECT c.id, " CONTACT_COLS("c", "s") ", coalesce(c.cadence_days, "
	  "CASE c.tier WHEN 'A' THEN :tier_a WHEN 'B' THEN :tier_b WHEN 'C' THEN :tier_c "
	  "WHEN 'D' THEN :tier_d ELSE 0 END) AS cadence FROM contact_stat s JOIN contact c ON c.id = s.contact_id "
	  "WHERE c.archived = 0 AND cadence > 0 ORDER BY s.last_at, s.contact_id",
	  row_cadence, false, NULL },
	/* influential and not contacted yet, a week after they were added */
	{ "SELECT c.id, " CONTACT_COLS("c", "s") " FROM contact_stat s "
	  "JOIN contact c ON c.id = s.contact_id "
	  "WHERE s.last_at = '' AND c.archived = 0 AND c.influence >= 4 "
	  "AND substr(c.created_at, 1, 10) <= date(:today, '-7 days') "
	  "ORDER BY s.contact_id LIMIT :max", row_contact, false, NULL },
	/* invited to the events of the days ahead */
	{ "SELECT a.contact_id, e.title, e.start_at, " CONTACT_COLS("k", "s") " FROM event e "
	  "JOIN attendance a ON a.event_id = e.id "
	  "JOIN contact k ON k.id = a.contact_id AND k.archived = 0 "
	  "LEFT JOIN contact_stat s ON s.contact_id = k.id "
	  "WHERE e.start_at >= :today "
	  "AND e.start_at < date(:today, '+' || (:days + 1) || ' days') "
	  "AND a.status IN ('invited', 'confirmed') "
	  "ORDER BY e.start_at, e.id, a.contact_id LIMIT :max", row_event, false, NULL },
	{ NULL, NULL, false, src_series },
	{ NULL, NULL, false, src_birthdays },
	/* every map target: few rows, so all of them, primary targets first */
	{ "SELECT primary_target_id, name, 1 FROM power_map "
	  "WHERE primary_target_id IS NOT NULL "
	  "UNION ALL "
	  "SELECT t.contact_id, m.name, 0 FROM map_target t JOIN power_map m ON m.id = t.map_id "
	  "ORDER BY 3 DESC, 2 LIMIT :max", row_target, false, NULL },
	{ NULL, NULL, false, src_goals },
	/*
	 * The review's own history: handled today or snoozed to a later day
	 * keeps a candidate out; skipped or snoozed in the last 7 days lowers
	 * it. Only for candidates already found: this never adds one.
	 */
	{ "SELECT coalesce(contact_id, 0), coalesce(followup_id, 0), action, day, "
	  "coalesce(until, '') FROM review_action WHERE day >= date(:today, '-7 days') "
	  "UNION ALL "
	  "SELECT coalesce(contact_id, 0), coalesce(followup_id, 0), action, day, until "
	  "FROM review_action WHERE until > :today "
	  "ORDER BY 4", row_history, false, NULL },
};

/* Bind the named parameters sql has (see sources): its statement, or NULL (err set). */
static sqlite3_stmt *
src_query(struct kdb *db, const struct cands *c, const char *sql, struct kith_err *err)
{
	static const char *const tiers[] = { ":tier_a", ":tier_b", ":tier_c", ":tier_d" };
	sqlite3_stmt *st = db_stmt(db, sql, err);
	char week[KDATE_STR];
	struct kdate d;
	int i;

	if (!st)
		return NULL;
	if ((i = sqlite3_bind_parameter_index(st, ":today")))
		sqlite3_bind_text(st, i, c->p.today, -1, SQLITE_TRANSIENT);
	if ((i = sqlite3_bind_parameter_index(st, ":max")))
		sqlite3_bind_int(st, i, REVIEW_SOURCE_MAX);
	if ((i = sqlite3_bind_parameter_index(st, ":days")))
		sqlite3_bind_int(st, i, c->p.event_days);
	if ((i = sqlite3_bind_parameter_index(st, ":week"))) {
		if (!kdate_parse_iso(c->p.today, &d))
			d = kdate_today();
		kdate_format(kdate_add_days(d, -UNDATED_DAYS), week);
		sqlite3_bind_text(st, i, week, -1, SQLITE_TRANSIENT);
	}
	for (int t = 0; t < 4; t++)
		if ((i = sqlite3_bind_parameter_index(st, tiers[t])))
			sqlite3_bind_int(st, i, c->p.cadence[t]);
	return st;
}

/* The contact and its last touch, for a candidate no source's row filled in. */
enum kith_status
review_fill_contact(struct kdb *db, struct cand *k, struct kith_err *err)
{
	static const char sql[] =
		"SELECT " CONTACT_COLS("c", "s") " FROM contact c "
		"LEFT JOIN contact_stat s ON s.contact_id = c.id WHERE c.id = ?1";
	sqlite3_stmt *st;
	int rc;

	if (k->filled)
		return KITH_OK;
	if (!(st = db_stmt(db, sql, err)))
		return KITH_DB;
	sqlite3_bind_int64(st, 1, k->contact_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fill_from(k, st, 0);
	return ent_finish(db, st, rc, "review", err);
}

enum kith_status
review_gather(struct kdb *db, struct cands *c, struct kith_err *err)
{
	enum kith_status rc = KITH_OK;

	for (size_t i = 0; !rc && i < sizeof sources / sizeof sources[0]; i++) {
		const struct source *s = &sources[i];
		struct walk w = { s->undated, REVIEW_SOURCE_MAX, NULL };
		rc = s->run ? s->run(db, c, err)
			    : src_walk(db, c, src_query(db, c, s->sql, err), s->row, &w, err);
	}
	return rc;
}
