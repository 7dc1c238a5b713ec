/*
 * followup_list.c: the windowed follow-up list and its count (see
 * kith/followup.h).
 *
 * The list is three segments in a row, each a keyset walk on an index:
 *   1. open and dated, by (due, id)      followup_open_by_due (partial)
 *   2. open and undated, by id           followup_open_by_due (due IS NULL)
 *   3. done or dropped, newest first     by id descending (with include_done)
 * "Undated last" is done by walking two key ranges rather than sorting on
 * an expression, which would defeat the index. A window starts in the
 * anchor's segment and runs on into the next (or previous) ones until it
 * has `limit` rows.
 */
#include "ent.h"

#include <stdlib.h>
#include <string.h>

#include "kith/followup.h"
#include "kith/search.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

enum { SEG_DATED, SEG_UNDATED, SEG_CLOSED, SEG_MATCH, SEG_COUNT };

/*
 * A search matching more follow-ups than this is listed in the full-text
 * index's own order (by id), as one segment, and counted no further: "m"
 * matches most of 200,000 follow-ups, and ordering those by due date took
 * 50 ms a keystroke. Fewer matches keep the due-date order.
 */
#define FL_MATCH_CAP 250

#define FL_ANCHOR  1
#define FL_BACK    2            /* against the list's order */
#define FL_CONTACT 4
#define FL_MATCH   8

/* the rows of the dated, undated and closed segments */
#define FL_FROM "FROM followup f LEFT JOIN contact c ON c.id = f.contact_id "

static char *fl_sql[SEG_COUNT][16];
static char *fl_count_sql[8];

static void
fl_filters(struct strbuf *sb, int f)
{
	if (f & FL_CONTACT)
		sb_append(sb, "AND f.contact_id = :contact ");
	if (f & FL_MATCH)
		sb_append(sb, "AND f.id IN (SELECT rowid FROM followup_fts "
			      "WHERE followup_fts MATCH :match) ");
}

/*
** A segment's statement, after its columns: the rows it walks, the anchor's
** comparison (%s: ">" walking forward, "<" back; the other way round if
** desc) and its order forward and back. The search segment reads the
** full-text index first (its :match is in `from`).
*/
static const struct fl_seg {
	const char *from, *anchor, *order[2];
	bool desc;
} fl_segs[SEG_COUNT] = {
	[SEG_DATED] = { FL_FROM "WHERE f.status = 'open' AND f.due IS NOT NULL ",
			"AND (f.due, f.id) %s (:due, :id) ",
			{ "ORDER BY f.due, f.id ", "ORDER BY f.due DESC, f.id DESC " }, false },
	[SEG_UNDATED] = { FL_FROM "WHERE f.status = 'open' AND f.due IS NULL ", "AND f.id %s :id ",
			  { "ORDER BY f.id ", "ORDER BY f.id DESC " }, false },
	/* Written as the partial index followup_closed's own condition so the
	   planner can use it. */
	[SEG_CLOSED] = { FL_FROM "WHERE f.status <> 'open' ", "AND f.id %s :id ",
			 { "ORDER BY f.id DESC ", "ORDER BY f.id " }, true },
	[SEG_MATCH] = { "FROM followup_fts x JOIN followup f ON f.id = x.rowid "
			"LEFT JOIN contact c ON c.id = f.contact_id "
			"WHERE followup_fts MATCH :match AND (:all OR f.status = 'open') ",
			"AND x.rowid %s :id ", { "ORDER BY x.rowid ", "ORDER BY x.rowid DESC " },
			false },
};

static const char *
fl_list_sql(int seg, int f)
{
	const struct fl_seg *s = &fl_segs[seg];
	struct strbuf sb = { 0 };
	bool back = (f & FL_BACK) != 0;

	if (fl_sql[seg][f])
		return fl_sql[seg][f];
	sb_append(&sb, "SELECT f.id, f.contact_id, coalesce(c.display_name, ''), f.kind, f.title, "
		       "coalesce(f.due, ''), f.priority, f.status, f.direction, f.intro_stage, "
		       "f.snooze_count, coalesce(f.done_at, '') ");
	sb_append(&sb, s->from);
	if (seg == SEG_MATCH)
		fl_filters(&sb, f & FL_CONTACT);
	if (f & FL_ANCHOR)
		sb_printf(&sb, s->anchor, back != s->desc ? "<" : ">");
	if (seg != SEG_MATCH)
		fl_filters(&sb, f);
	sb_append(&sb, s->order[back]);
	sb_append(&sb, "LIMIT :limit");
	fl_sql[seg][f] = sb_detach(&sb);
	return fl_sql[seg][f];
}

/* Bind :contact and :match; false if the search text has no words (nothing matches). */
static bool
fl_bind_filters(sqlite3_stmt *st, const struct followup_query *q, int f)
{
	if (f & FL_CONTACT)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":contact"), q->contact_id);
	if (f & FL_MATCH) {
		char *m = search_fts_query(q->match);
		if (!m)
			return false;
		sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":match"), m, -1,
				  SQLITE_TRANSIENT);
		free(m);
	}
	return true;
}

static int
fl_flags(const struct followup_query *q)
{
	int f = 0;

	if (q && q->contact_id)
		f |= FL_CONTACT;
	if (q && !str_empty(q->match))
		f |= FL_MATCH;
	return f;
}

struct fl_walk {
	followup_row_fn fn;
	void *ud;
	int left;                   /* rows still wanted; < 0: no limit */
	bool stopped;               /* fn asked to stop */
};

static int
parse_or(int v, int dflt)
{
	return v < 0 ? dflt : v;
}

/* One segment's part of the window. anchor_due is NULL when not anchored here. */
static enum kith_status
fl_segment(struct kdb *db, const struct followup_query *q, int seg, int f, const char *anchor_due,
	   int64_t anchor, struct fl_walk *w, struct kith_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (anchor)
		f |= FL_ANCHOR;
	if (!(st = db_stmt(db, fl_list_sql(seg, f), err)))
		return KITH_DB;
	if (!fl_bind_filters(st, q, f)) {
		w->left = 0;
		return KITH_OK;
	}
	if (seg == SEG_MATCH)
		sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":all"),
				 q && q->include_done);
	if (anchor) {
		if (seg == SEG_DATED)
			sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":due"), anchor_due, -1,
					  SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":id"), anchor);
	}
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":limit"), w->left);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct followup_row r;
		r.id = sqlite3_column_int64(st, 0);
		r.contact_id = sqlite3_column_int64(st, 1);
		r.contact_name = db_col_text(st, 2);
		r.kind = parse_or(kith_followup_kind_parse(db_col_text(st, 3)), KITH_FKIND_OTHER);
		r.title = db_col_text(st, 4);
		r.due = db_col_text(st, 5);
		r.priority = sqlite3_column_int(st, 6);
		r.status = parse_or(kith_followup_status_parse(db_col_text(st, 7)),
				    KITH_FSTATUS_OPEN);
		r.direction = parse_or(kith_direction_parse(db_col_text(st, 8)), KITH_DIR_NONE);
		r.intro_stage = parse_or(kith_intro_stage_parse(db_col_text(st, 9)),
					 KITH_INTRO_NONE);
		r.snooze_count = sqlite3_column_int(st, 10);
		r.done_at = db_col_text(st, 11);
		if (w->left > 0)
			w->left--;
		if (w->fn(w->ud, &r)) {
			w->stopped = true;
			break;
		}
		if (w->left == 0)
			break;
	}
	return ent_finish(db, st, rc, "follow-ups", err);
}

/* How many follow-ups the search text matches, counting no further than the cap + 1. */
static enum kith_status
fl_match_count(struct kdb *db, const struct followup_query *q, long long *out,
	       struct kith_err *err)
{
	static const char sql[] =
		"SELECT count(*) FROM (SELECT rowid FROM followup_fts WHERE followup_fts MATCH ?1 "
		"LIMIT ?2)";

	return db_fts_count_capped(db, sql, q->match, FL_MATCH_CAP, out, err);
}

enum kith_status
followup_list(struct kdb *db, const struct followup_query *q, int64_t anchor, int dir,
	      int limit, followup_row_fn fn, void *ud, struct kith_err *err)
{
	static const char q_anchor[] = "SELECT status, due FROM followup WHERE id = ?";
	struct fl_walk w = { fn, ud, limit > 0 ? limit : -1, false };
	int f = fl_flags(q), last = (q && q->include_done) ? SEG_CLOSED : SEG_UNDATED;
	int seg, step = dir < 0 ? -1 : 1;
	char *due = NULL;
	enum kith_status rc = KITH_OK;

	if (q && db_check_text("search", q->match, err))
		return KITH_INVALID;
	if (limit == 0)
		return KITH_OK;
	if (f & FL_MATCH) {
		long long n;
		if ((rc = fl_match_count(db, q, &n, err)))
			return rc;
		if (n > FL_MATCH_CAP) {
			if (dir < 0)
				f |= FL_BACK;
			return fl_segment(db, q, SEG_MATCH, f, NULL, anchor, &w, err);
		}
	}
	seg = step > 0 ? SEG_DATED : last;
	if (anchor) {
		sqlite3_stmt *ak = db_stmt(db, q_anchor, err);
		int s;
		if (!ak)
			return KITH_DB;
		sqlite3_bind_int64(ak, 1, anchor);
		if ((s = sqlite3_step(ak)) != SQLITE_ROW) {
			if (ent_finish(db, ak, s, "follow-ups", err))
				return err ? err->code : KITH_DB;
			return kith_err_set(err, KITH_NOTFOUND, "follow-up #%lld: no such follow-up",
					    (long long)anchor);
		}
		if (strcmp(db_col_text(ak, 0), "open"))
			seg = SEG_CLOSED;
		else if (sqlite3_column_type(ak, 1) == SQLITE_NULL)
			seg = SEG_UNDATED;
		else
			seg = SEG_DATED;
		due = xstrdup(db_col_text(ak, 1));
		sqlite3_reset(ak);
		if (seg > last) {
			/* A closed anchor in a list of open ones: it sorts after them all. */
			free(due);
			if (step > 0)
				return KITH_OK;
			seg = last;
			anchor = 0;
			due = NULL;
		}
	}
	if (dir < 0)
		f |= FL_BACK;
	for (; seg >= SEG_DATED && seg <= last; seg += step) {
		rc = fl_segment(db, q, seg, f, due, anchor, &w, err);
		anchor = 0;
		if (rc || w.stopped || w.left == 0)
			break;
	}
	free(due);
	return rc;
}

enum kith_status
followup_count(struct kdb *db, const struct followup_query *q, long long *out,
	       struct kith_err *err)
{
	int f = fl_flags(q), k, rc;
	bool all = q && q->include_done;
	sqlite3_stmt *st;

	*out = 0;
	if (q && db_check_text("search", q->match, err))
		return KITH_INVALID;
	if (f & FL_MATCH) {
		if ((rc = fl_match_count(db, q, out, err)) || *out > FL_MATCH_CAP)
			return rc;
		*out = 0;
	}
	k = (all ? 1 : 0) | ((f & FL_CONTACT) ? 2 : 0) | ((f & FL_MATCH) ? 4 : 0);
	if (k == 0)
		return db_list_count(db, "followups_open", out, err);
	if (!fl_count_sql[k]) {
		struct strbuf sb = { 0 };
		/* All open ones: count the small partial index, which the planner
		   does not pick by itself (it scans followup_by_contact, 20x slower
		   at 200,000 follow-ups). */
		if (all)
			sb_append(&sb, "SELECT count(*) FROM followup f WHERE 1 ");
		else if (!(f & (FL_CONTACT | FL_MATCH)))
			sb_append(&sb, "SELECT count(*) FROM followup f "
				       "INDEXED BY followup_open_by_due WHERE f.status = 'open' ");
		else
			sb_append(&sb, "SELECT count(*) FROM followup f WHERE f.status = 'open' ");
		fl_filters(&sb, f);
		fl_count_sql[k] = sb_detach(&sb);
	}
	if (!(st = db_stmt(db, fl_count_sql[k], err)))
		return KITH_DB;
	if (!fl_bind_filters(st, q, f))
		return KITH_OK;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	return ent_finish(db, st, rc, "follow-ups", err);
}

enum kith_status
followup_count_overdue(struct kdb *db, const char *today, int cap, long long *out,
		       struct kith_err *err)
{
	static const char sql[] =
		"SELECT count(*) FROM (SELECT 1 FROM followup INDEXED BY followup_open_by_due "
		"WHERE status = 'open' AND due IS NOT NULL AND due < ? LIMIT ?)";
	int64_t n;
	enum kith_status rc = db_int64(db, &n, sql, "follow-ups", err, "sn", today, cap + 1);

	*out = n;
	return rc;
}
