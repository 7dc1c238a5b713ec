/*
 * event.c: events, their windowed lists and counts (see kith/event.h).
 * Attendance is in attendance.c.
 *
 * The lists are keyset windows on event_by_start(start_at, id). "Upcoming"
 * is start_at >= from and "past" is start_at < from, except that an all-day
 * event ("YYYY-MM-DD") on from's day counts as upcoming all that day: the
 * SQL ranges over the index from the day's start and filters out the day's
 * timed events before `from`, so it stays an index walk.
 */
#include "ent.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/date.h"
#include "kith/event.h"
#include "kith/search.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

static const struct db_enum ev_kinds = DB_ENUM(kith_event_kind, KITH_EVENT_OTHER);

/* The columns event_get reads; after the id, ?1..?10 of the writes (the times as given). */
#define DB_ROW struct kith_event
DB_TABLE(ev_f, ev_fields,
	DB_C(I64, id), DB_C(DUP, title), DB_CE(kind, ev_kinds), DB_C(DUP, start_at),
	DB_C(DUP, end_at), DB_C(BOOL, all_day), DB_C(DUP, location), DB_C(ID, host_org_id),
	DB_C(DUP, notes), DB_C(OPT, rrule), DB_C(OPT, uid), DB_C(OPT, tzid), DB_C(OPT, tz_start));
#undef DB_ROW
static const struct db_fields ev_write_fields = { sizeof(struct kith_event), 10, ev_f + 1 };

/* Normalised times of an event being written. */
struct event_times {
	char start[KDATETIME_STR], end[KDATETIME_STR];
	bool all_day;
	const char *tzid;           /* NULL: none (all day, or the user's zone has no name) */
	char tz_start[KDATETIME_STR];
};

/*
** The event's zone and its start there: the ones given (an import), else
** the user's zone and start_at (typed in). An all-day event has none: a day
** is the same day in every zone.
*/
static enum kith_status
event_zone(const struct kith_event *e, struct event_times *t, struct kith_err *err)
{
	t->tzid = NULL;
	t->tz_start[0] = '\0';
	if (t->all_day)
		return KITH_OK;
	if (!str_empty(e->tzid) && !str_empty(e->tz_start)) {
		bool has_time;
		if (db_check_text("tzid", e->tzid, err))
			return KITH_INVALID;
		if (strlen(e->tzid) > 64)
			return kith_err_set(err, KITH_INVALID, "time zone %.64s...: too long", e->tzid);
		if (ent_norm_when("start in its zone", e->tz_start, t->tz_start, &has_time, err))
			return KITH_INVALID;
		if (!has_time)
			return kith_err_set(err, KITH_INVALID, "start %s in %s: no time of day",
					    e->tz_start, e->tzid);
		t->tzid = e->tzid;
		return KITH_OK;
	}
	if ((t->tzid = kdate_zone_name()) != NULL)
		memcpy(t->tz_start, t->start, sizeof t->tz_start);
	return KITH_OK;
}

static enum kith_status
event_check_fields(const struct kith_event *e, struct event_times *t, struct kith_err *err)
{
	bool has_time;

	if (db_check_text("title", e->title, err) || db_check_text("location", e->location, err) ||
	    db_check_text("notes", e->notes, err) || db_check_text("rrule", e->rrule, err) ||
	    db_check_text("uid", e->uid, err))
		return KITH_INVALID;
	if (ent_require("title", e->title, err) ||
	    ent_check_enum("event kind", e->kind, KITH_EVENT_COUNT_, err))
		return KITH_INVALID;
	if (ent_norm_when("start", e->start_at, t->start, &has_time, err))
		return KITH_INVALID;
	t->all_day = e->all_day || !has_time;
	/* An all-day event is stored as dates only: the lists tell all-day
	   events by their 10-character start. */
	if (t->all_day)
		t->start[10] = '\0';
	t->end[0] = '\0';
	if (!str_empty(e->end_at)) {
		if (ent_norm_when("end", e->end_at, t->end, NULL, err))
			return KITH_INVALID;
		if (t->all_day)
			t->end[10] = '\0';
		/* A date-only end is compared with the start's day. */
		if (strncmp(t->end, t->start, strlen(t->end)) < 0)
			return kith_err_set(err, KITH_INVALID, "end %s: before the start %s", t->end,
					    t->start);
	}
	return event_zone(e, t, err);
}

static enum kith_status
event_check_refs(struct kdb *db, const struct kith_event *e, struct kith_err *err)
{
	static const char q_uid[] = "SELECT id FROM event WHERE uid = ?1 AND id IS NOT ?2";
	enum kith_status rc;
	int64_t other;

	if (e->host_org_id && (rc = ent_has(db, ENT_ORG, e->host_org_id, err)))
		return rc;
	if (str_empty(e->uid))
		return KITH_OK;
	if ((rc = db_int64(db, &other, q_uid, "event", err, "tI", e->uid, e->id)) != KITH_OK)
		return rc == KITH_NOTFOUND ? KITH_OK : rc;
	return kith_err_set(err, KITH_EXISTS, "uid %.80s: already used by event #%lld", e->uid,
			    (long long)other);
}

/* An event as written: the fields and their normalised times. */
struct event_w {
	const struct kith_event *e;
	struct event_times t;
};

/* ?1..?10, ?13, ?14 the fields */
static void
event_bind(sqlite3_stmt *st, const void *row)
{
	const struct kith_event *e = ((const struct event_w *)row)->e;
	const struct event_times *t = &((const struct event_w *)row)->t;

	db_bind_fields(st, 1, &ev_write_fields, e);
	/* the times as normalised, over those given */
	db_bind_text(st, 3, t->start);
	db_bind_text_null(st, 4, t->end);
	sqlite3_bind_int(st, 5, t->all_day ? 1 : 0);
	db_bind_text_null(st, 13, t->tzid);
	db_bind_text_null(st, 14, t->tz_start);
}

static enum kith_status event_moved(struct kdb *db, const struct kith_event *e,
				    struct event_times *t, struct kith_err *err);

static enum kith_status
event_check(struct kdb *db, const void *row, int64_t id, struct kith_err *err)
{
	/* ours (event_add, event_update): an update's times may move zone */
	struct event_w *w = (struct event_w *)row;
	struct kith_event tmp = *w->e;
	enum kith_status rc;

	tmp.id = id;
	if ((rc = event_check_refs(db, &tmp, err)))
		return rc;
	return id ? event_moved(db, w->e, &w->t, err) : KITH_OK;
}

static const struct ent_writer event_writer = {
	.kind = ENT_EVENT,
	.q_insert =
		"INSERT INTO event(title, kind, start_at, end_at, all_day, location, host_org_id, "
		"notes, rrule, uid, created_at, updated_at, tzid, tz_start, id) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, :now, :now, ?13, ?14, :key)",
	.q_update =
		"UPDATE event SET title = ?1, kind = ?2, start_at = ?3, end_at = ?4, all_day = ?5, "
		"location = ?6, host_org_id = ?7, notes = ?8, rrule = ?9, uid = ?10, "
		"updated_at = :now, tzid = ?13, tz_start = ?14 WHERE id = :id",
	.check = event_check,
	.bind = event_bind,
	.q_get =
		"SELECT id, title, kind, start_at, end_at, all_day, location, host_org_id, notes, "
		"rrule, uid, tzid, tz_start FROM event WHERE id = ?",
	.read = &ev_fields,
};

ENT_DEFINE_ROW(event, struct kith_event, event_writer)
ENT_DEFINE_GET(event, struct kith_event, event_writer)

/* ---- the events an import adds, by title and start (internal.h) ---------------------- */

struct ev_key {
	char *key;                  /* title, NUL, start as stored, NUL; NULL: a free slot */
	uint32_t hash;
	int64_t id;                 /* the first event added with it */
};

struct ev_keys {
	struct ev_key *v;
	size_t n, cap;              /* cap: a power of two, at most half full */
	int64_t before;             /* the largest event id when they were made */
	bool off;                   /* a rollback happened: SQL alone from then on */
	unsigned long rollbacks;    /* db->rollbacks when they were made */
};

static uint32_t
ev_hash(const char *title, const char *start)
{
	uint32_t h = 2166136261u;   /* FNV-1a over title, NUL, start */

	for (const unsigned char *p = (const unsigned char *)title; *p; p++)
		h = (h ^ *p) * 16777619u;
	h *= 16777619u;
	for (const unsigned char *p = (const unsigned char *)start; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

/* The slot of (title, start): its entry, else the free slot where it would go. */
static struct ev_key *
ev_slot(struct ev_keys *k, uint32_t h, const char *title, const char *start)
{
	size_t mask = k->cap - 1, tl = strlen(title);

	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct ev_key *e = &k->v[i];
		if (!e->key || (e->hash == h && !memcmp(e->key, title, tl + 1) &&
				!strcmp(e->key + tl + 1, start)))
			return e;
	}
}

void
db_ev_keys_free(struct kdb *db)
{
	struct ev_keys *k = db->ev_keys;

	if (!k)
		return;
	for (size_t i = 0; i < k->cap; i++)
		free(k->v[i].key);
	free(k->v);
	free(k);
	db->ev_keys = NULL;
}

/* The keys in bulk mode, made at their first use; NULL when not in use (or *rc). */
static struct ev_keys *
ev_keys(struct kdb *db, enum kith_status *rc, struct kith_err *err)
{
	static const char q_max[] = "SELECT coalesce(max(id), 0) FROM event";
	sqlite3_stmt *st;
	struct ev_keys *k;

	*rc = KITH_OK;
	if (!db->bulk)
		return NULL;
	if (!db->ev_keys) {
		if (!(st = db_stmt(db, q_max, err))) {
			*rc = KITH_DB;
			return NULL;
		}
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_reset(st);
			*rc = db_error(db, err, "events");
			return NULL;
		}
		k = xcalloc(1, sizeof *k);
		k->before = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		/* ids near their end are chosen at random, below `before` too */
		k->off = k->before >= INT64_MAX / 2;
		k->rollbacks = db->rollbacks;
		k->cap = 1024;
		k->v = xcalloc(k->cap, sizeof *k->v);
		db->ev_keys = k;
	}
	/* a rollback since they were made may have undone an event they keep */
	if (db->ev_keys->rollbacks != db->rollbacks)
		db->ev_keys->off = true;
	return db->ev_keys->off ? NULL : db->ev_keys;
}

/* Keep the key of event id, just added (the first one with it stays). */
static void
ev_keys_add(struct ev_keys *k, const char *title, const char *start, int64_t id)
{
	uint32_t h = ev_hash(title, start);
	struct ev_key *e;
	size_t tl, sl;

	if (2 * (k->n + 1) > k->cap) {
		struct ev_keys grown = { xcalloc(2 * k->cap, sizeof *k->v), 0, 2 * k->cap, 0, false,
					 0 };
		for (size_t i = 0; i < k->cap; i++) {
			struct ev_key *old = &k->v[i];
			if (old->key) {
				size_t otl = strlen(old->key);
				*ev_slot(&grown, old->hash, old->key, old->key + otl + 1) = *old;
			}
		}
		free(k->v);
		k->v = grown.v;
		k->cap = grown.cap;
	}
	e = ev_slot(k, h, title, start);
	if (e->key)
		return;
	tl = strlen(title);
	sl = strlen(start);
	e->key = xmalloc(tl + sl + 2);
	memcpy(e->key, title, tl + 1);
	memcpy(e->key + tl + 1, start, sl + 1);
	e->hash = h;
	e->id = id;
	k->n++;
}

enum kith_status
db_ev_keys_find(struct kdb *db, const char *title, const char *start, int64_t *id_out,
		bool *used, struct kith_err *err)
{
	static const char sql[] =
		"SELECT id FROM event WHERE start_at = ?2 AND title = ?1 AND id <= ?3 "
		"ORDER BY id LIMIT 1";
	enum kith_status rc;
	struct ev_keys *k = ev_keys(db, &rc, err);
	struct ev_key *e;

	*used = k != NULL || rc != KITH_OK;
	if (!k)
		return rc;
	/* the events from before: their ids are all below this import's */
	if (k->before > 0 &&
	    (rc = db_int64(db, id_out, sql, "event", err, "tti", title, start, k->before)) !=
	    KITH_NOTFOUND)
		return rc;
	e = ev_slot(k, ev_hash(title, start), title, start);
	if (!e->key)
		return KITH_NOTFOUND;
	*id_out = e->id;
	return KITH_OK;
}

enum kith_status
event_add(struct kdb *db, const struct kith_event *e, int64_t *id_out, struct kith_err *err)
{
	struct event_w w = { .e = e };
	enum kith_status rc = event_check_fields(e, &w.t, err);
	struct ev_keys *k;
	int64_t id;

	if (rc)
		return rc;
	k = ev_keys(db, &rc, err);
	if (rc || (rc = ent_add(db, &event_writer, &w, &id, err)))
		return rc;
	if (k)
		ev_keys_add(k, e->title, w.t.start, id);
	if (db->aside)
		db_aside_add(db, DB_ASIDE_EVENT, id,
			     (const char *const[]){ e->title, e->location, e->notes }, NULL);
	if (id_out)
		*id_out = id;
	return KITH_OK;
}

/*
** A start changed in the user's zone (a form, the command line) while the
** event kept the zone and tz_start it was read with: the new start is a
** time in the user's zone, so the event moves there.
*/
static enum kith_status
event_moved(struct kdb *db, const struct kith_event *e, struct event_times *t,
	    struct kith_err *err)
{
	static const char sql[] = "SELECT start_at, tz_start FROM event WHERE id = ?1";
	sqlite3_stmt *st;
	int step;
	bool moved = false;

	if (!t->tzid || str_empty(e->tz_start))
		return KITH_OK;
	if (!(st = db_query(db, sql, err, "i", e->id)))
		return KITH_DB;
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *was = db_col_text(st, 0), *was_tz = db_col_text(st, 1);
		moved = strcmp(was, t->start) && !strcmp(was_tz, e->tz_start);
	}
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_error(db, err, "event");
	if (moved) {
		t->tzid = kdate_zone_name();
		memcpy(t->tz_start, t->start, sizeof t->tz_start);
		if (!t->tzid)
			t->tz_start[0] = '\0';
	}
	return KITH_OK;
}

enum kith_status
event_update(struct kdb *db, const struct kith_event *e, struct kith_err *err)
{
	struct event_w w = { .e = e };
	enum kith_status rc = event_check_fields(e, &w.t, err);

	return rc ? rc : ent_update(db, &event_writer, &w, e->id, err);
}

/* A candidate as the user tells them apart: "City Council regular meeting, 2027-05-02". */
#define EV_LABEL "title || ', ' || substr(start_at, 1, 10)"
#define EV_LABEL_E "e.title || ', ' || substr(e.start_at, 1, 10)"

enum kith_status
event_resolve(struct kdb *db, const char *arg, int64_t *id_out, struct kith_err *err)
{
	static const char q_id[] = "SELECT id, " EV_LABEL " FROM event WHERE id = ?1";
	static const char q_exact[] =
		"SELECT id, " EV_LABEL " FROM event WHERE title = ?1 COLLATE NOCASE "
		"ORDER BY start_at DESC, id DESC LIMIT 9";
	static const char q_prefix[] =
		"SELECT id, " EV_LABEL " FROM event WHERE title LIKE ?4 ESCAPE '\\' "
		"ORDER BY start_at DESC, id DESC LIMIT 9";
	static const char q_words[] =
		"SELECT e.id, " EV_LABEL_E " FROM event_fts f JOIN event e ON e.id = f.rowid "
		"WHERE event_fts MATCH '{title} : (' || ?1 || ')' "
		"ORDER BY e.start_at DESC, e.id DESC LIMIT 9";
	static const struct ent_resolver r = { "event", q_id, q_exact, q_prefix, q_words, true };

	return ent_resolve(db, &r, arg, id_out, err);
}

enum kith_status
event_find_uid(struct kdb *db, const char *uid, int64_t *id_out, struct kith_err *err)
{
	static const char sql[] = "SELECT id FROM event WHERE uid = ?";
	enum kith_status rc;

	*id_out = 0;
	if (str_empty(uid))
		return kith_err_set(err, KITH_INVALID, "uid: must not be empty");
	if (db_check_text("uid", uid, err))
		return KITH_INVALID;
	if ((rc = db_int64(db, id_out, sql, "event", err, "t", uid)) == KITH_NOTFOUND)
		return kith_err_set(err, KITH_NOTFOUND, "uid %.80s: no such event", uid);
	return rc;
}

/* ---- windowed lists ------------------------------------------------------------- */

#define EV_PAST   1
#define EV_BACK   2             /* against the query's order */
#define EV_ANCHOR 4
#define EV_MATCH  8
#define EV_BYMATCH 16           /* many matches: walk the full-text index by id */

/*
 * A search matching more events than this is listed newest entered
 * first (by id, down the full-text index) and counted no further: ordering thousands of
 * matches by date cost over 10 ms a keystroke. Fewer keep the date order.
 */
#define EV_MATCH_CAP 250

static char *ev_sql[32];
static char *ev_count_sql[4];

/* WHERE clause selecting q's rows: :from, :day (from's date), :match. */
static void
ev_where(struct strbuf *sb, int f)
{
	if (f & EV_PAST)
		sb_append(sb, "WHERE e.start_at < :from "
			      "AND (e.start_at < :day OR length(e.start_at) > 10) ");
	else
		sb_append(sb, "WHERE e.start_at >= :day "
			      "AND (e.start_at >= :from OR length(e.start_at) = 10) ");
	if (f & EV_BYMATCH)
		sb_append(sb, "AND event_fts MATCH :match ");
	else if (f & EV_MATCH)
		sb_append(sb, "AND e.id IN (SELECT rowid FROM event_fts WHERE event_fts MATCH :match) ");
}

static const char *
ev_list_sql(int f)
{
	struct strbuf sb = { 0 };
	/* Ascending along the index when upcoming-forward or past-backward. */
	bool asc = !(f & EV_PAST) == !(f & EV_BACK);

	if (ev_sql[f])
		return ev_sql[f];
	sb_append(&sb, "SELECT e.id, e.title, e.kind, e.start_at, coalesce(e.end_at, ''), "
		       "e.location, e.all_day, "
		       "(SELECT count(*) FROM attendance a WHERE a.event_id = e.id), "
		       "e.rrule IS NOT NULL AND e.rrule != '', e.rrule, e.tzid, e.tz_start ");
	if (f & EV_BYMATCH) {
		/*
		 * Newest entered first, whichever way the list looks: events are
		 * mostly entered ahead of time, so upcoming ones sit at the top of
		 * the id range and a walk from the top reaches them at once, where
		 * a walk from the bottom crossed every past match first (5.6 ms
		 * for "m" at city scale).
		 */
		bool up = (f & EV_BACK) != 0;
		sb_append(&sb, "FROM event_fts x JOIN event e ON e.id = x.rowid ");
		ev_where(&sb, f);
		if (f & EV_ANCHOR)
			sb_printf(&sb, "AND x.rowid %s :k2 ", up ? ">" : "<");
		sb_printf(&sb, "ORDER BY %s LIMIT :limit", up ? "x.rowid" : "x.rowid DESC");
		ev_sql[f] = sb_detach(&sb);
		return ev_sql[f];
	}
	sb_append(&sb, "FROM event e ");
	ev_where(&sb, f);
	if (f & EV_ANCHOR)
		sb_printf(&sb, "AND (e.start_at, e.id) %s (:k1, :k2) ", asc ? ">" : "<");
	sb_printf(&sb, "ORDER BY %s LIMIT :limit",
		  asc ? "e.start_at, e.id" : "e.start_at DESC, e.id DESC");
	ev_sql[f] = sb_detach(&sb);
	return ev_sql[f];
}

/* Bind :from, :day and :match; *empty is set when the search has no words. */
static void
ev_bind_query(sqlite3_stmt *st, const struct event_query *q, int f, bool *empty)
{
	char from[KDATETIME_STR], day[KDATE_STR];

	*empty = false;
	/* q->from was checked by ev_check_query. */
	if (!q || str_empty(q->from) || ent_norm_when("from", q->from, from, NULL, NULL))
		ent_now_minute(from);
	memcpy(day, from, KDATE_STR - 1);
	day[KDATE_STR - 1] = '\0';
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":from"), from, -1,
			  SQLITE_TRANSIENT);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":day"), day, -1, SQLITE_TRANSIENT);
	if (f & EV_MATCH) {
		char *m = search_fts_query(q->match);
		if (!m) {
			*empty = true;
			return;
		}
		sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":match"), m, -1,
				  SQLITE_TRANSIENT);
		free(m);
	}
}

static enum kith_status
ev_check_query(const struct event_query *q, struct kith_err *err)
{
	char buf[KDATETIME_STR];

	if (q && !str_empty(q->from) && ent_norm_when("from", q->from, buf, NULL, err))
		return KITH_INVALID;
	if (q && db_check_text("search", q->match, err))
		return KITH_INVALID;
	return KITH_OK;
}

/* How many events the search text matches, counting no further than the cap + 1. */
static enum kith_status
ev_match_count(struct kdb *db, const char *text, long long *out, struct kith_err *err)
{
	static const char sql[] =
		"SELECT count(*) FROM (SELECT rowid FROM event_fts WHERE event_fts MATCH ?1 LIMIT ?2)";

	return db_fts_count_capped(db, sql, text, EV_MATCH_CAP, out, err);
}

enum kith_status
event_list(struct kdb *db, const struct event_query *q, int64_t anchor, int dir, int limit,
	   event_row_fn fn, void *ud, struct kith_err *err)
{
	static const char q_anchor[] = "SELECT start_at, id FROM event WHERE id = ?";
	enum kith_status rc;
	char *k1;

	if (!anchor)
		return event_list_key(db, q, NULL, 0, dir, limit, fn, ud, err);
	if ((rc = ent_row_text(db, q_anchor, anchor, "event", &k1, err)))
		return rc;
	rc = event_list_key(db, q, k1, anchor, dir, limit, fn, ud, err);
	free(k1);
	return rc;
}

ENT_EMITTER(ev_emit, struct event_row, event_row_fn, "events",
	DB_C(I64, id), DB_C(TEXT, title), DB_CE(kind, ev_kinds), DB_C(TEXT, start_at),
	DB_C(TEXT, end_at), DB_C(TEXT, location), DB_C(BOOL, all_day), DB_C(LL, attendees),
	DB_C(BOOL, recurring), DB_C(TEXT, rrule), DB_C(TEXT, tzid), DB_C(TEXT, tz_start))

/*
** The flags of query q (EV_PAST, EV_MATCH, EV_BYMATCH) and, with a search,
** how many events it matches in *n (counted no further than the cap + 1).
*/
static enum kith_status
ev_query_flags(struct kdb *db, const struct event_query *q, int *f, long long *n,
	       struct kith_err *err)
{
	enum kith_status rc;

	*f = 0;
	*n = 0;
	if (ev_check_query(q, err))
		return KITH_INVALID;
	if (q && q->past)
		*f |= EV_PAST;
	if (q && !str_empty(q->match)) {
		*f |= EV_MATCH;
		if ((rc = ev_match_count(db, q->match, n, err)))
			return rc;
		if (*n > EV_MATCH_CAP)
			*f |= EV_BYMATCH;
	}
	return KITH_OK;
}

enum kith_status
event_list_key(struct kdb *db, const struct event_query *q, const char *k1, int64_t k2, int dir,
	       int limit, event_row_fn fn, void *ud, struct kith_err *err)
{
	int f;
	long long n;
	sqlite3_stmt *st;
	bool empty;
	enum kith_status rc;

	if ((rc = ev_query_flags(db, q, &f, &n, err)))
		return rc;
	if (dir < 0)
		f |= EV_BACK;
	if (k1)
		f |= EV_ANCHOR;
	if (!(st = db_stmt(db, ev_list_sql(f), err)))
		return KITH_DB;
	ev_bind_query(st, q, f, &empty);
	if (empty)
		return KITH_OK;
	if (k1) {
		sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":k1"), k1, -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":k2"), k2);
	}
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":limit"), limit);
	return ev_emit(db, st, fn, ud, err);
}

enum kith_status
event_series_list(struct kdb *db, const char *before, int limit, event_row_fn fn, void *ud,
		  struct kith_err *err)
{
	static const char sql[] =
		"SELECT e.id, e.title, e.kind, e.start_at, coalesce(e.end_at, ''), e.location, "
		"e.all_day, (SELECT count(*) FROM attendance a WHERE a.event_id = e.id), 1, e.rrule, "
		"e.tzid, e.tz_start FROM event e INDEXED BY event_series WHERE e.rrule IS NOT NULL "
		"AND e.rrule != '' AND e.start_at < ?1 ORDER BY e.id LIMIT ?2";

	return ev_emit(db, db_query(db, sql, err, "tn", before, limit), fn, ud, err);
}

enum kith_status
event_count(struct kdb *db, const struct event_query *q, long long *out, struct kith_err *err)
{
	int f, k, rc;
	sqlite3_stmt *st;
	bool empty;

	/* many matches are counted by the search alone, up to the cap */
	if ((rc = ev_query_flags(db, q, &f, out, err)) || (f & EV_BYMATCH))
		return rc;
	*out = 0;
	k = (f & EV_PAST) | ((f & EV_MATCH) ? 2 : 0);       /* ev_count_sql's index */
	if (!ev_count_sql[k]) {
		struct strbuf sb = { 0 };
		sb_append(&sb, "SELECT count(*) FROM event e ");
		ev_where(&sb, f & (EV_PAST | EV_MATCH));
		ev_count_sql[k] = sb_detach(&sb);
	}
	if (!(st = db_stmt(db, ev_count_sql[k], err)))
		return KITH_DB;
	ev_bind_query(st, q, f & EV_MATCH, &empty);
	if (empty)
		return KITH_OK;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	return ent_finish(db, st, rc, "events", err);
}

enum kith_status
event_zones(struct kdb *db, int (*fn)(void *ud, const char *tzid), void *ud, struct kith_err *err)
{
	static const char sql[] =
		"SELECT DISTINCT tzid FROM event WHERE tzid IS NOT NULL AND tzid != '' ORDER BY 1";
	sqlite3_stmt *st;
	int rc;

	if (!(st = db_stmt(db, sql, err)))
		return KITH_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ud, db_col_text(st, 0)))
			break;
	return ent_finish(db, st, rc, "events", err);
}
