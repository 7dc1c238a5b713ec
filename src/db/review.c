/*
 * review.c: the daily review queue (see kith/review.h).
 *
 * Two phases. First each source is one indexed walk of at most
 * REVIEW_SOURCE_MAX rows, adding candidates (keyed by contact, or by
 * follow-up for one about no one) with what that source knows. Then one
 * primary-key lookup per candidate fills in the contact, every term is
 * scored, and the queue is sorted: score, then name, then id, so the same
 * data always gives the same queue. Only the items kept (the daily cap of
 * a queue of a thousand or more candidates) are put into words.
 */
#include "internal.h"
#include "ent.h"
#include "row.h"
#include "recip.h"
#include "review_cand.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/date.h"
#include "kith/followup.h"
#include "kith/goal.h"
#include "kith/merge.h"
#include "kith/review.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

/* ---- candidates ------------------------------------------------------------------ */

static unsigned
slot_of(int64_t id, int nslots)
{
	return (unsigned)(((uint64_t)id * 0x9E3779B97F4A7C15ull) >> 33) & (unsigned)(nslots - 1);
}

/* The slot holding contact_id, or the empty one where it would go. */
static unsigned
slot_find(const struct cands *c, int64_t contact_id)
{
	unsigned s = slot_of(contact_id, c->nslots);

	while (c->slots[s] && c->v[c->slots[s] - 1].contact_id != contact_id)
		s = (s + 1) & (unsigned)(c->nslots - 1);
	return s;
}

static void
cands_rehash(struct cands *c)
{
	free(c->slots);
	c->nslots = c->nslots ? c->nslots * 2 : 256;
	c->slots = xcalloc((size_t)c->nslots, sizeof *c->slots);
	for (int i = 0; i < c->n; i++)
		if (c->v[i].contact_id)
			c->slots[slot_find(c, c->v[i].contact_id)] = i + 1;
}

/* The candidate for a contact (created if new and create is set), or NULL. */
static struct cand *
cand_for(struct cands *c, int64_t contact_id, bool create)
{
	unsigned s = 0;

	if (contact_id && c->nslots && c->slots[s = slot_find(c, contact_id)])
		return &c->v[c->slots[s] - 1];
	if (!create || (contact_id && contact_id == c->me))
		return NULL;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = xrealloc(c->v, (size_t)c->cap * sizeof *c->v);
	}
	memset(&c->v[c->n], 0, sizeof c->v[c->n]);
	c->v[c->n].contact_id = contact_id;
	c->v[c->n].cadence_days = -1;
	c->n++;
	if (contact_id && (c->n + 1) * 2 > c->nslots)
		cands_rehash(c);
	else if (contact_id)
		c->slots[s] = c->n;     /* the empty slot the lookup found */
	return &c->v[c->n - 1];
}

static void
cands_free(struct cands *c)
{
	for (int i = 0; i < c->n; i++) {
		struct cand *k = &c->v[i];
		free(k->fu_title);
		free(k->ev_title);
		free(k->target_map);
		free(k->goal_detail);
		free(k->goal_what);
		free(k->name);
		free(k->name_key);
		free(k->birthday);
	}
	free(c->v);
	free(c->slots);
}

static void
copy_day(char out[KDATE_STR], const char *s)
{
	snprintf(out, KDATE_STR, "%.10s", s ? s : "");
}

static long
days_since(const struct cands *c, const char *day)
{
	struct kdate d;
	char buf[KDATE_STR];

	copy_day(buf, day);
	if (!kdate_parse_iso(buf, &d))
		return -1;
	return kdate_diff(c->today, d);
}

/* ---- sources --------------------------------------------------------------------- */

/*
** A follow-up without a date is not forgotten: a week after it was added it
** comes to the review as if it were due then (UNDATED_DAYS).
*/
#define UNDATED_DAYS 7
#define UNDATED_SQL "'+7 days'"    /* the same week, for SQLite's date() */

/*
** Step a source's statement (NULL: KITH_DB, err set), handing each row to
** row(c, st, arg).
*/
typedef void (*src_row_fn)(struct cands *c, sqlite3_stmt *st, const void *arg);

static enum kith_status
src_walk(struct kdb *db, struct cands *c, sqlite3_stmt *st, src_row_fn row, const void *arg,
	 struct kith_err *err)
{
	int rc;

	if (!st)
		return KITH_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		row(c, st, arg);
	return ent_finish(db, st, rc, "review", err);
}

/* A row whose first column is a contact: a candidate. */
static void
row_contact(struct cands *c, sqlite3_stmt *st, const void *arg)
{
	(void)arg;
	cand_for(c, sqlite3_column_int64(st, 0), true);
}

/* (id, contact, title, due, direction); arg: the undated flag */
static void
row_followup(struct cands *c, sqlite3_stmt *st, const void *arg)
{
	struct cand *k = cand_for(c, sqlite3_column_int64(st, 1), true);

	if (!k)
		return;
	if (k->followup_id) {   /* walking oldest due first: the first one stays */
		k->fu_more++;
		return;
	}
	k->followup_id = sqlite3_column_int64(st, 0);
	k->fu_title = xstrdup(db_col_text(st, 2));
	copy_day(k->fu_due, db_col_text(st, 3));
	k->fu_undated = *(const bool *)arg;
	k->fu_dir = kith_direction_parse(db_col_text(st, 4));
}

static enum kith_status
src_followups(struct kdb *db, struct cands *c, struct kith_err *err)
{
	static const char dated[] =
		"SELECT f.id, coalesce(f.contact_id, 0), f.title, f.due, f.direction "
		"FROM followup f LEFT JOIN contact k ON k.id = f.contact_id "
		"WHERE f.status = 'open' AND f.due <= ?1 AND coalesce(k.archived, 0) = 0 "
		"ORDER BY f.due, f.id LIMIT ?2";
	/* due IS NULL walks followup_open_by_due's first rows in id order (the
	   order they were added: no sort, it stops at the limit); ?3 is a week ago */
	static const char undated[] =
		"SELECT f.id, coalesce(f.contact_id, 0), f.title, "
		"date(f.created_at, " UNDATED_SQL "), f.direction "
		"FROM followup f LEFT JOIN contact k ON k.id = f.contact_id "
		"WHERE f.status = 'open' AND f.due IS NULL AND substr(f.created_at, 1, 10) <= ?3 "
		"AND coalesce(k.archived, 0) = 0 ORDER BY f.id LIMIT ?2";
	static const bool no = false, yes = true;
	char since[KDATE_STR];
	struct kdate d;
	enum kith_status rc;

	if (!kdate_parse_iso(c->p.today, &d))
		d = kdate_today();
	/* added on or before this day: a week old today (created_at sorts as text) */
	kdate_format(kdate_add_days(d, -UNDATED_DAYS), since);
	if ((rc = src_walk(db, c, db_query(db, dated, err, "tn", c->p.today, REVIEW_SOURCE_MAX),
			   row_followup, &no, err)))
		return rc;
	return src_walk(db, c, db_query(db, undated, err, "tnt", c->p.today, REVIEW_SOURCE_MAX,
					since), row_followup, &yes, err);
}

/* fmt: "tn" (?1 today, ?2 the limit), or "tnnnnn" with the tiers' cadences as ?3..?6 */
static enum kith_status
src_contacts(struct kdb *db, struct cands *c, const char *sql, const char *fmt,
	     struct kith_err *err)
{
	return src_walk(db, c, db_query(db, sql, err, fmt, c->p.today, REVIEW_SOURCE_MAX,
					c->p.cadence[0], c->p.cadence[1], c->p.cadence[2],
					c->p.cadence[3]), row_contact, NULL, err);
}

/*
 * Past the cadence: the walk goes up the last-touch index from the longest
 * untouched; a contact never touched counts from when it was added.
 */
static const char sql_cadence[] =
	"SELECT c.id FROM contact_stat s JOIN contact c ON c.id = s.contact_id "
	"WHERE c.archived = 0 AND coalesce(c.cadence_days, CASE c.tier WHEN 'A' THEN ?3 "
	"  WHEN 'B' THEN ?4 WHEN 'C' THEN ?5 WHEN 'D' THEN ?6 ELSE 0 END) > 0 "
	"AND julianday(?1) - julianday(substr(CASE s.last_at WHEN '' THEN c.created_at "
	"  ELSE s.last_at END, 1, 10)) > coalesce(c.cadence_days, CASE c.tier WHEN 'A' THEN ?3 "
	"  WHEN 'B' THEN ?4 WHEN 'C' THEN ?5 WHEN 'D' THEN ?6 ELSE 0 END) "
	"ORDER BY s.last_at, s.contact_id LIMIT ?2";

static const char sql_never[] =
	"SELECT c.id FROM contact_stat s JOIN contact c ON c.id = s.contact_id "
	"WHERE s.last_at = '' AND c.archived = 0 AND c.influence >= 4 "
	"AND substr(c.created_at, 1, 10) <= date(?1, '-7 days') "
	"ORDER BY s.contact_id LIMIT ?2";

/* (contact, title, start): the first event each is invited to */
static void
row_event(struct cands *c, sqlite3_stmt *st, const void *arg)
{
	struct cand *k = cand_for(c, sqlite3_column_int64(st, 0), true);

	(void)arg;
	if (!k || k->ev_title)
		return;
	k->ev_title = xstrdup(db_col_text(st, 1));
	snprintf(k->ev_start, sizeof k->ev_start, "%.16s", db_col_text(st, 2));
}

static enum kith_status
src_events(struct kdb *db, struct cands *c, struct kith_err *err)
{
	static const char sql[] =
		"SELECT a.contact_id, e.title, e.start_at FROM event e "
		"JOIN attendance a ON a.event_id = e.id "
		"JOIN contact k ON k.id = a.contact_id AND k.archived = 0 "
		"WHERE e.start_at >= ?1 AND e.start_at < date(?1, '+' || (?3 + 1) || ' days') "
		"AND a.status IN ('invited', 'confirmed') "
		"ORDER BY e.start_at, e.id, a.contact_id LIMIT ?2";

	return src_walk(db, c, db_query(db, sql, err, "tnn", c->p.today, REVIEW_SOURCE_MAX,
					c->p.event_days), row_event, NULL, err);
}

/* An occurrence of a series: its title and start. */
struct occurrence {
	const char *title;
	char start[17];
};

/* (contact) invited to the occurrence arg, unless invited to something sooner */
static void
row_occurrence(struct cands *c, sqlite3_stmt *st, const void *arg)
{
	const struct occurrence *o = arg;
	struct cand *k = cand_for(c, sqlite3_column_int64(st, 0), true);

	if (!k || (k->ev_title && strcmp(k->ev_start, o->start) <= 0))
		return;
	free(k->ev_title);
	k->ev_title = xstrdup(o->title);
	snprintf(k->ev_start, sizeof k->ev_start, "%.16s", o->start);
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
		"SELECT a.contact_id FROM attendance a "
		"JOIN contact k ON k.id = a.contact_id AND k.archived = 0 "
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
			       row_occurrence, &o, err);
		free((char *)o.title);
		if (rc2) {
			sqlite3_reset(st);
			return rc2;
		}
	}
	return ent_finish(db, st, rc, "review", err);
}

static enum kith_status
src_birthdays(struct kdb *db, struct cands *c, struct kith_err *err)
{
	static const char sql[] =
		"SELECT id FROM contact WHERE birthday IS NOT NULL AND archived = 0 "
		"AND substr(birthday, -5) = ?1 ORDER BY id LIMIT ?2";
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

/* (contact, map name, primary?) */
static void
row_target(struct cands *c, sqlite3_stmt *st, const void *arg)
{
	struct cand *k = cand_for(c, sqlite3_column_int64(st, 0), true);
	bool primary = sqlite3_column_int(st, 2) != 0;

	(void)arg;
	if (!k || k->target_map)
		return;
	k->target_map = xstrdup(db_col_text(st, 1));
	k->primary = primary;
	k->secondary = !primary;
}

/* Every map target: few rows, so all of them, primary targets first. */
static enum kith_status
src_targets(struct kdb *db, struct cands *c, struct kith_err *err)
{
	static const char sql[] =
		"SELECT primary_target_id, name, 1 FROM power_map "
		"WHERE primary_target_id IS NOT NULL "
		"UNION ALL "
		"SELECT t.contact_id, m.name, 0 FROM map_target t JOIN power_map m ON m.id = t.map_id "
		"ORDER BY 3 DESC, 2 LIMIT ?2";

	return src_walk(db, c, db_query(db, sql, err, "-n", REVIEW_SOURCE_MAX), row_target, NULL,
			err);
}

/* (contact, follow-up, action, day, until) of the review's own history */
static void
row_history(struct cands *c, sqlite3_stmt *st, const void *arg)
{
	int64_t cid = sqlite3_column_int64(st, 0), fid = sqlite3_column_int64(st, 1);
	const char *action = db_col_text(st, 2), *day = db_col_text(st, 3);
	const char *until = db_col_text(st, 4);
	struct cand *k = NULL;

	(void)arg;
	if (cid)
		k = cand_for(c, cid, false);
	else
		for (int i = 0; i < c->n && !k; i++)
			if (fid && c->v[i].followup_id == fid && !c->v[i].contact_id)
				k = &c->v[i];
	if (!k)
		return;
	if (!strcmp(day, c->p.today) || strcmp(until, c->p.today) > 0)
		k->excluded = true;
	if (!strcmp(action, "skipped") || !strcmp(action, "snoozed")) {
		k->skip = !strcmp(action, "skipped") ? SKIP_SKIPPED : SKIP_SNOOZED;
		copy_day(k->skip_day, day);
	}
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

/*
 * The review's own history: handled today or snoozed to a later day keeps
 * a candidate out; skipped or snoozed in the last 7 days lowers it. Only
 * for candidates already found: this never adds one.
 */
static enum kith_status
src_history(struct kdb *db, struct cands *c, struct kith_err *err)
{
	static const char sql[] =
		"SELECT coalesce(contact_id, 0), coalesce(followup_id, 0), action, day, "
		"coalesce(until, '') FROM review_action WHERE day >= date(?1, '-7 days') "
		"UNION ALL "
		"SELECT coalesce(contact_id, 0), coalesce(followup_id, 0), action, day, until "
		"FROM review_action WHERE until > ?1 "
		"ORDER BY 4";

	return src_walk(db, c, db_query(db, sql, err, "t", c->p.today), row_history, NULL, err);
}

/* The contact and its last touch. */
static enum kith_status
fill_contact(struct kdb *db, struct cand *k, struct kith_err *err)
{
	static const char sql[] =
		"SELECT c.display_name, c.name_key, coalesce(c.influence, 0), "
		"coalesce(c.tier, ''), coalesce(c.cadence_days, -1), c.birthday, c.created_at, "
		"coalesce(s.last_at, ''), c.archived, c.rhythm_days "
		"FROM contact c LEFT JOIN contact_stat s ON s.contact_id = c.id WHERE c.id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql, err);
	int rc;

	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, k->contact_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k->found = sqlite3_column_int(st, 8) == 0;
		k->name = xstrdup(db_col_text(st, 0));
		k->name_key = xstrdup(db_col_text(st, 1));
		k->influence = sqlite3_column_int(st, 2);
		k->tier = db_col_text(st, 3)[0];
		k->cadence_days = sqlite3_column_int(st, 4);
		k->birthday = db_col_dup(st, 5);
		copy_day(k->created, db_col_text(st, 6));
		copy_day(k->last_at, db_col_text(st, 7));
		k->rhythm_days = sqlite3_column_int(st, 9);
	}
	return ent_finish(db, st, rc, "review", err);
}

/* The offer term's fact: only asked of (kith/health.h)? Then how often, in words. */
static enum kith_status
fill_recip(struct kdb *db, const struct cands *c, struct cand *k, struct kith_err *err)
{
	struct health_recip r;
	enum kith_status rc = recip_one(db, c->me, k->contact_id, &r, err);

	if (rc || !r.asked || r.gave)
		return rc;
	k->asked = r.asked;
	health_recip_words(&r, true, k->asked_words, sizeof k->asked_words);
	return KITH_OK;
}

/* ---- scoring ----------------------------------------------------------------------- */


/* Overdue points grow for two weeks, then stay. */
#define OVERDUE_DAYS_MAX 14

/* "today", "tomorrow", "on Thu 12 Mar" (kdate_soon) for a day or a time */
static void
day_words(const struct cands *c, const char *when, char out[32])
{
	char buf[KDATE_STR];
	struct kdate d;

	copy_day(buf, when);
	if (kdate_parse_iso(buf, &d))
		kdate_soon(d, c->today, out);
	else
		snprintf(out, 32, "%s", buf);
}

static int
effective_cadence(const struct cands *c, const struct cand *k)
{
	if (k->cadence_days >= 0)
		return k->cadence_days;
	if (k->tier >= 'A' && k->tier <= 'D')
		return c->p.cadence[k->tier - 'A'];
	return 0;
}

/*
** Not today: someone contacted in the last review.rest_days days, or
** sooner than their own rhythm allows ("monthly at most"), unless a
** dated follow-up of theirs is due (issue 18: not being too eager).
*/
static bool
resting(const struct cands *c, const struct cand *k)
{
	int rest = k->rhythm_days > c->p.rest_days ? k->rhythm_days : c->p.rest_days;

	if (!k->contact_id || !*k->last_at || rest <= 0)
		return false;
	if (k->followup_id && !k->fu_undated)
		return false;
	return days_since(c, k->last_at) < rest;
}

/*
** Score candidate k into it (with each term's words and its name when
** word is set); false if it has no reason to be in the queue.
*/
static bool
score(struct cands *c, struct cand *k, struct review_item *it, bool word)
{
	const struct review_params *p = &c->p;
	const int *w = p->weight;
	int reason = -1;

	memset(it, 0, sizeof *it);
	if (resting(c, k))
		return false;
	it->contact_id = k->contact_id;
	it->followup_id = k->followup_id;
	if (word)
		it->name = xstrdup(k->name ? k->name : "");
	if (k->followup_id) {
		long late = days_since(c, k->fu_due);
		if (k->fu_undated) {
			long age = late + UNDATED_DAYS;
			long capped = late > OVERDUE_DAYS_MAX ? OVERDUE_DAYS_MAX : late;
			review_term_add(it, word, RT_OVERDUE, w[RT_OVERDUE] + (int)capped * p->overdue_day,
				 "no date, added %ld day%s ago", age, plural(age));
		} else if (late > 0) {
			long capped = late > OVERDUE_DAYS_MAX ? OVERDUE_DAYS_MAX : late;
			review_term_add(it, word, RT_OVERDUE, w[RT_OVERDUE] + (int)capped * p->overdue_day,
				 "due %s, %ld day%s ago", k->fu_due, late, plural(late));
		} else {
			review_term_add(it, word, RT_DUE, w[RT_DUE], "due today");
		}
		if (k->fu_dir == KITH_DIR_OWE)
			review_term_add(it, word, RT_OWE, w[RT_OWE], "you promised it");
		else if (k->fu_dir == KITH_DIR_OWED)
			review_term_add(it, word, RT_OWED, w[RT_OWED], "they promised it to you");
	}
	if (k->contact_id) {
		int cad = effective_cadence(c, k);
		bool never = !*k->last_at;
		long since = days_since(c, never ? k->created : k->last_at);
		it->cadence = cad;
		if (cad > 0 && since > cad) {
			bool lapsed = since * 2 > cad * 3;
			if (never)
				review_term_add(it, word, lapsed ? RT_LAPSED : RT_CADENCE,
					 w[lapsed ? RT_LAPSED : RT_CADENCE],
					 "added %ld days ago and not contacted yet, cadence %d", since,
					 cad);
			else
				review_term_add(it, word, lapsed ? RT_LAPSED : RT_CADENCE,
					 w[lapsed ? RT_LAPSED : RT_CADENCE],
					 "last talked %ld days ago, cadence %d", since, cad);
		}
		if (never && k->influence >= 4 && days_since(c, k->created) >= 7)
			review_term_add(it, word, RT_NEVER, w[RT_NEVER], "influence %d, not contacted yet",
				 k->influence);
		if (k->ev_title) {
			char when[32];
			day_words(c, k->ev_start, when);
			review_term_add(it, word, RT_EVENT, w[RT_EVENT], "will be at %s %s", k->ev_title, when);
		}
		if (k->birthday) {
			for (int d = 0; d <= p->birthday_days; d++) {
				char day[KDATE_STR], when[32];
				kdate_format(kdate_add_days(c->today, d), day);
				if (strcmp(day + 5, k->birthday + strlen(k->birthday) - 5))
					continue;
				day_words(c, day, when);
				review_term_add(it, word, RT_BIRTHDAY, w[RT_BIRTHDAY], "birthday %s", when);
				break;
			}
		}
		if (k->influence > 0 && w[RT_INFLUENCE])
			review_term_add(it, word, RT_INFLUENCE, w[RT_INFLUENCE] * k->influence, "influence %d",
				 k->influence);
		if (k->primary)
			review_term_add(it, word, RT_TARGET, w[RT_TARGET], "primary target on %s", k->target_map);
		/* a primary target going cold outranks the chores (kith(1), Review) */
		if (k->primary && cad > 0 && since > cad)
			review_term_add(it, word, RT_COLD, w[RT_COLD], "the target is going cold: %ld days "
				 "without a word", since);
		else if (k->secondary)
			review_term_add(it, word, RT_SECONDARY, w[RT_SECONDARY], "target on %s", k->target_map);
	}
	if (k->goal_detail)
		review_term_add(it, word, RT_GOAL, w[RT_GOAL], "%s", k->goal_detail);
	if (k->skip) {
		long ago = days_since(c, k->skip_day);
		review_term_add(it, word, RT_SKIPPED, w[RT_SKIPPED], "%s in the review %s", k->skip ==
			 SKIP_SKIPPED ? "skipped" : "snoozed", ago <= 0 ? "today" :
			 ago == 1 ? "yesterday" : ago < 7 ? "this week" : "last week");
	}
	if (k->asked && w[RT_OFFER])    /* last: word_item looks for it there */
		review_term_add(it, word, RT_OFFER, w[RT_OFFER], "you asked %d time%s (%s) and gave nothing "
			 "yet", k->asked, plural(k->asked), k->asked_words);
	for (int i = 0; i < it->nterms; i++)
		if (review_term_is_reason(it->terms[i].id) && it->terms[i].points > 0) {
			reason = it->terms[i].id;
			break;
		}
	return reason >= 0;
}

/* A candidate with a reason, scored but not yet in words: what the queue sorts. */
struct scored {
	int score;
	const char *name;
	int64_t contact_id, followup_id;
	int cand;                   /* index into cands.v */
};

static int
scored_cmp(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;
	int r;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if ((r = strcmp(x->name, y->name)))
		return r;
	if (x->contact_id != y->contact_id)
		return x->contact_id < y->contact_id ? -1 : 1;
	return (x->followup_id > y->followup_id) - (x->followup_id < y->followup_id);
}


static int
int_desc(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x < y) - (x > y);
}

/*
 * The offer term (a person only asked of), for the candidates scored
 * without it that it could lift into the day's cap: it adds w points and
 * is no reason of its own, so one whose score with it stays below the
 * cap-th best score without it is not kept either way (and counts in the
 * total either way). Each is read (recip_one) and scored again. With no
 * cap or a weight below 0, every candidate.
 */
static enum kith_status
offer_pass(struct kdb *db, struct cands *c, struct scored *sc, int n, struct kith_err *err)
{
	int w = c->p.weight[RT_OFFER], floor = INT_MIN;
	enum kith_status rc = KITH_OK;

	if (!w)
		return KITH_OK;
	if (w > 0 && c->p.limit > 0 && n > c->p.limit) {
		int *v = xcalloc((size_t)n, sizeof *v);
		for (int i = 0; i < n; i++)
			v[i] = sc[i].score;
		qsort(v, (size_t)n, sizeof *v, int_desc);
		floor = v[c->p.limit - 1] - w;
		free(v);
	}
	for (int i = 0; i < n && !rc; i++) {
		struct cand *k = &c->v[sc[i].cand];
		struct review_item it;
		if (!k->contact_id || sc[i].score < floor ||
		    (rc = fill_recip(db, c, k, err)) || !k->asked)
			continue;
		score(c, k, &it, false);
		sc[i].score = it.score;
	}
	return rc;
}

enum kith_status
review_queue_build(struct kdb *db, const struct review_params *p, struct review_queue *out,
		   struct kith_err *err)
{
	struct cands c = { 0 };
	struct scored *sc = NULL;
	enum kith_status rc;
	bool started;
	int n = 0;

	memset(out, 0, sizeof *out);
	c.p = *p;
	if (!kdate_parse_iso(p->today, &c.today))
		return kith_err_set(err, KITH_INVALID, "review: %s: not a date", p->today);
	/* one read transaction: a snapshot, not one begun per statement */
	if ((rc = kdb_read_begin(db, &started, err)))
		return rc;
	c.me = kdb_me(db);
	if ((rc = src_followups(db, &c, err)) ||
	    (rc = src_contacts(db, &c, sql_cadence, "tnnnnn", err)) ||
	    (rc = src_contacts(db, &c, sql_never, "tn", err)) ||
	    (rc = src_events(db, &c, err)) ||
	    (rc = src_series(db, &c, err)) ||
	    (rc = src_birthdays(db, &c, err)) ||
	    (rc = src_targets(db, &c, err)) ||
	    (rc = !c.p.weight[RT_GOAL] ? KITH_OK :
		  goal_review_picks(db, c.p.today, goal_cand, &c, err)) ||
	    (rc = src_history(db, &c, err)))
		goto done;
	sc = xcalloc((size_t)c.n + 1, sizeof *sc);
	for (int i = 0; i < c.n; i++) {
		struct cand *k = &c.v[i];
		struct review_item it;
		if (k->excluded)
			continue;
		if (k->contact_id) {
			if ((rc = fill_contact(db, k, err)))
				goto done;
			if (!k->found)
				continue;
		}
		if (score(&c, k, &it, false))
			sc[n++] = (struct scored){ it.score, k->name ? k->name : "", k->contact_id,
						   k->followup_id, i };
	}
	if ((rc = offer_pass(db, &c, sc, n, err)))
		goto done;
	qsort(sc, (size_t)n, sizeof *sc, scored_cmp);
	out->total = n;
	if (p->limit > 0 && n > p->limit)
		n = p->limit;
	/* the items kept, scored again with their words */
	out->items = xcalloc((size_t)n + 1, sizeof *out->items);
	for (int i = 0; i < n; i++) {
		struct cand *k = &c.v[sc[i].cand];
		if (k->goal_detail)     /* the warm path, for the goal items kept only */
			goal_review_via(db, k->contact_id, &k->goal_detail, &k->goal_what);
		score(&c, k, &out->items[i], true);
		word_item(k, &out->items[i]);
	}
	out->n = n;
	/* a promise's updates to tell join by their score, under the same cap */
	rc = review_promise_merge(db, p, out, err);
done:
	free(sc);
	kdb_read_end(db, started);
	cands_free(&c);
	if (rc)
		review_queue_free(out);
	return rc;
}
