/*
 * pane_events.c: the Events pane: upcoming events soonest first, or past
 * ones newest first (toggle), the event card with its attendees, and the
 * add, edit, delete and add-attendee actions.
 */
#include "listpane.h"
#include "events_flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/date.h"
#include "kith/event.h"
#include "kith/io.h"
#include "kith/merge.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

enum { C_WHEN, C_TITLE, C_KIND, C_WHERE, C_PEOPLE, C_COUNT };

static const struct view_column columns[C_COUNT] = {
	[C_WHEN] = { "When", 18, 18, VA_LEFT },   /* "YYYY-MM-DD HH:MM ↻" */
	[C_TITLE] = LISTPANE_TEXT_COLUMN("Event"),
	[C_KIND] = { "Kind", 8, 16, VA_LEFT },
	[C_WHERE] = { "Where", 8, 22, VA_LEFT },
	[C_PEOPLE] = { "People", 6, 6, VA_RIGHT },
};

/*
 * Recurring series that began before now but go on: the upcoming list shows
 * each at its next occurrence, in order with the one-off events (expanded
 * by libical in the series' zone when the list is loaded, not on each key;
 * a person follows a handful, SERIES_MAX at most). A page is a merge of the
 * sorted series with a keyset window of events from the same place
 * (event_list_key).
 */
#define SERIES_MAX 200
#define PREP_BESIDE 6       /* people prepped on the card beside the list */

struct series {
	int64_t id;
	char next[17];              /* next occurrence, the place in the list */
	char when[24];              /* next occurrence + " ↻" */
	char *title, *location;
	int kind;
	long long attendees;
};

struct events {
	struct listpane lp;         /* first: the list, marks, card, search, title */
	struct {
		struct series *v;
		int n;
		struct strv texts;  /* their titles and places */
	} series;                   /* the running series */
	struct event_query q;
	char from[KDATETIME_STR];
};

static struct events *
priv(struct pane *p)
{
	return p->priv;
}

/* A row of the list: its cells from the event's parts. */
static void
push_event(struct listwin *lw, int64_t id, const char *when, const char *title, int kind,
	   const char *where, long long attendees)
{
	char people[16];
	const char *cells[C_COUNT] = { [C_WHEN] = when, [C_TITLE] = title,
				       [C_KIND] = kith_event_kind_name(kind), [C_WHERE] = where,
				       [C_PEOPLE] = people };

	snprintf(people, sizeof people, "%lld", attendees);
	lw_push(lw, id, cells, VS_NORMAL);
}

struct row_ctx {
	struct listwin *lw;
	int pushed;
};

static int
row_cb(void *ud, const struct event_row *r)
{
	struct row_ctx *rc = ud;
	const char *at = r->start_at;
	char next[1][17], when[24];

	/* a series shows its next occurrence (expanded by libical) */
	if (r->recurring && events_next(r->tzid, r->tz_start, r->start_at, r->rrule, next, 1) == 1) {
		snprintf(when, sizeof when, "%s ↻", next[0]);
		at = when;
	}
	push_event(rc->lw, r->id, at, r->title, r->kind, r->location, r->attendees);
	rc->pushed++;
	return 0;
}

static void
series_clear(struct events *ev)
{
	strv_free(&ev->series.texts);
	free(ev->series.v);
	memset(&ev->series, 0, sizeof ev->series);
}

static int
series_cb(void *ud, const struct event_row *r)
{
	struct events *ev = ud;
	char next[1][17];
	struct series *s;

	if (events_next(r->tzid, r->tz_start, r->start_at, r->rrule, next, 1) == 1) {
		ev->series.v = xreallocarray(ev->series.v, (size_t)ev->series.n + 1, sizeof *ev->series.v);
		s = &ev->series.v[ev->series.n++];
		s->id = r->id;
		memcpy(s->next, next[0], sizeof s->next);
		snprintf(s->when, sizeof s->when, "%s ↻", next[0]);
		s->title = strv_dup(&ev->series.texts, r->title);
		s->location = strv_dup(&ev->series.texts, r->location);
		s->kind = r->kind;
		s->attendees = r->attendees;
	}
	return 0;
}

/*
 * (key, id) order of the merged list: the series are sorted by it and the
 * pages merged by it. The key is the next occurrence or the start, never the
 * shown "when" (an all-day "2026-03-12 ↻" would sort after "2026-03-12 08:00 ↻"
 * there, and paging across that day would skip or repeat rows).
 */
static int
key_cmp(const char *k1, int64_t i1, const char *k2, int64_t i2)
{
	int c = strcmp(k1, k2);
	return c ? c : (i1 > i2) - (i1 < i2);
}

static int
series_cmp(const void *a, const void *b)
{
	const struct series *x = a, *y = b;
	return key_cmp(x->next, x->id, y->next, y->id);
}

/* The running series, for the upcoming list without a search. */
static void
series_load(struct pane *p)
{
	struct events *ev = priv(p);

	series_clear(ev);
	if (ev->q.past || ev->lp.match)
		return;
	event_series_list(engine_db(p->e), ev->from, SERIES_MAX, series_cb, ev, NULL);
	if (ev->series.n > 1)
		qsort(ev->series.v, (size_t)ev->series.n, sizeof *ev->series.v, series_cmp);
}

static void
series_push(struct events *ev, int i)
{
	const struct series *s = &ev->series.v[i];

	push_event(&ev->lp.lw, s->id, s->when, s->title, s->kind, s->location, s->attendees);
}

/* One-off rows of a page, kept to merge with the series. */
struct oneoffs {
	struct event_row *v;
	int n;
	struct strv texts;          /* the rows' texts */
};

static int
oneoff_cb(void *ud, const struct event_row *r)
{
	struct oneoffs *o = ud;
	struct event_row *x;

	o->v = xreallocarray(o->v, (size_t)o->n + 1, sizeof *o->v);
	x = &o->v[o->n++];
	*x = *r;
	x->title = strv_dup(&o->texts, r->title);
	x->start_at = strv_dup(&o->texts, r->start_at);
	x->end_at = strv_dup(&o->texts, r->end_at);
	x->location = strv_dup(&o->texts, r->location);
	x->rrule = strv_dup(&o->texts, r->rrule);
	x->tzid = strv_dup(&o->texts, r->tzid);
	x->tz_start = strv_dup(&o->texts, r->tz_start);
	return 0;
}

static int
fetch(struct pane *p, int64_t anchor, int dir, int limit, struct kith_err *err)
{
	struct events *ev = priv(p);
	struct row_ctx rc = { &ev->lp.lw, 0 };
	struct oneoffs o = { 0 };
	char *key = NULL;
	int k, si, oi = 0, rv;

	if (ev->series.n == 0)
		return event_list(engine_db(p->e), &ev->q, anchor, dir, limit, row_cb, &rc, err);
	/* the place of the anchor: a series' next occurrence, or an event's start */
	k = row_index(ev->series.v, ev->series.n, sizeof *ev->series.v, offsetof(struct series, id),
		      anchor);
	if (k >= 0) {
		key = xstrdup(ev->series.v[k].next);
	} else if (anchor) {
		struct kith_event e;
		if ((rv = event_get(engine_db(p->e), anchor, &e, err)) != KITH_OK)
			return rv;
		key = e.start_at;
		e.start_at = NULL;
		event_free(&e);
	}
	rv = event_list_key(engine_db(p->e), &ev->q, key, anchor, dir, limit, oneoff_cb, &o, err);
	if (rv != KITH_OK)
		goto done;
	/* the series on the anchor's side, nearest first */
	if (dir > 0) {
		for (si = 0; si < ev->series.n && key &&
			     key_cmp(ev->series.v[si].next, ev->series.v[si].id, key, anchor) <= 0; si++)
			;
	} else {
		for (si = ev->series.n - 1; si >= 0 && key &&
			     key_cmp(ev->series.v[si].next, ev->series.v[si].id, key, anchor) >= 0; si--)
			;
	}
	while (rc.pushed < limit) {
		bool have_s = dir > 0 ? si < ev->series.n : si >= 0, have_o = oi < o.n;
		bool take_s;
		if (!have_s && !have_o)
			break;
		take_s = have_s && (!have_o || (key_cmp(ev->series.v[si].next, ev->series.v[si].id,
							 o.v[oi].start_at, o.v[oi].id) < 0) ==
						       (dir > 0));
		if (take_s) {
			series_push(ev, si);
			rc.pushed++;
			si += dir > 0 ? 1 : -1;
		} else {
			row_cb(&rc, &o.v[oi++]);
		}
	}
done:
	strv_free(&o.texts);
	free(o.v);
	free(key);
	return rv;
}

static int
count(struct pane *p, long long *out, struct kith_err *err)
{
	struct events *ev = priv(p);
	int rc = event_count(engine_db(p->e), &ev->q, out, err);

	if (rc == KITH_OK)
		*out += ev->series.n;
	return rc;
}

/* Before a (re)load: now, and the running series. */
static void
prepare(struct pane *p)
{
	struct events *ev = priv(p);
	struct kdatetime now = kdate_now();

	now.has_time = true;
	kdatetime_format(now, ev->from);
	ev->q.from = ev->from;
	series_load(p);
}

static void
close_pane(struct pane *p)
{
	series_clear(priv(p));
}

static void
set_match(struct pane *p, const char *match)
{
	struct events *ev = priv(p);

	ev->q.match = match;
	series_load(p);
}

static void
load_detail(struct pane *p, int64_t id, struct page *pg)
{
	struct events *ev = priv(p);
	struct kith_event k;

	if (event_get(engine_db(p->e), id, &k, NULL) != KITH_OK)
		return;
	page_title(pg, "%s", k.title);
	page_add(pg, VS_NORMAL, 0, "when     %s%s%s", k.start_at, k.end_at ? " – " : "",
		 k.end_at ? k.end_at : "");
	page_add(pg, VS_NORMAL, 0, "kind     %s", kith_event_kind_name(k.kind));
	if (k.location && *k.location)
		page_add(pg, VS_NORMAL, 0, "where    %s", k.location);
	if (k.rrule && *k.rrule) {
		char next[4][17];
		int n = events_next(k.tzid, k.tz_start, k.start_at, k.rrule, next, 4);
		char *words = io_recur_describe(k.rrule);
		page_add(pg, VS_NORMAL, 0, "repeats  %s", words);
		free(words);
		/* a series kept in another zone says so: it is expanded there */
		if (k.tzid && (!kdate_zone_name() || strcmp(k.tzid, kdate_zone_name())))
			page_add(pg, VS_DIM, 0, "zone     %s (shown in yours)", k.tzid);
		for (int i = 0; i < n; i++)
			page_add(pg, VS_NORMAL, 0, "%s %s", i ? "        " : "next    ", next[i]);
		if (n == 0)
			page_add(pg, VS_DIM, 0, "next     none in the coming year");
	}
	if (k.notes && *k.notes) {
		page_add(pg, VS_HEADER, 0, "Notes");
		page_add(pg, VS_NORMAL, 2, "%.2000s", k.notes);
	}
	/* beside the list a few people, so moving the cursor stays cheap; Enter: all */
	events_prep(p->e, pg, id, ev->lp.detail_open ? 0 : PREP_BESIDE);
	event_free(&k);
}

/* ---- forms and actions ------------------------------------------------------------ */

enum { F_TITLE, F_START, F_END, F_WHERE, F_KIND, F_COUNT };

static const struct form_field_def event_fields[F_COUNT] = {
	[F_TITLE] = { "Title", NULL, form_check_required, false },
	[F_START] = { "Starts", "2026-04-02 18:30, fri, tomorrow", form_check_when, false },
	[F_END] = { "Ends", "optional", form_check_when_optional, false },
	[F_WHERE] = { "Where", NULL, NULL, false },
	[F_KIND] = { "Kind", "town-hall, council-meeting, meetup, ...", NULL, false,
		     kith_event_kind_parse, "town-hall, council-meeting, conference, rally, "
		     "fundraiser, volunteer-shift, meetup, informational-interview, one-to-one, other" },
};

struct eid {
	int64_t id;
};

static int
event_save(struct form *f, struct kith_err *err, int *bad)
{
	struct eid *ei = f->ctx;
	struct kith_event k = { 0 };
	char start[KDATETIME_STR], end[KDATETIME_STR];
	const char *kind = form_value(f, F_KIND);
	enum kith_status rc;

	if (ei->id && (rc = event_get(engine_db(f->e), ei->id, &k, err)))
		return rc;
	if (!fmt_parse_when(form_value(f, F_START), start, false, err)) {
		*bad = F_START;
		event_free(&k);
		return KITH_INVALID;
	}
	str_set(&k.title, form_value(f, F_TITLE));
	str_set(&k.start_at, start);
	k.all_day = !strchr(start, ' ');
	free(k.end_at);
	k.end_at = NULL;
	if (!str_empty(form_value(f, F_END))) {
		if (!fmt_parse_when(form_value(f, F_END), end, false, err)) {
			*bad = F_END;
			event_free(&k);
			return KITH_INVALID;
		}
		k.end_at = xstrdup(end);
	}
	str_set(&k.location, form_value(f, F_WHERE));
	k.kind = str_empty(kind) ? KITH_EVENT_OTHER : kith_event_kind_parse(kind);
	rc = ei->id ? event_update(engine_db(f->e), &k, err) : event_add(engine_db(f->e), &k, NULL, err);
	event_free(&k);
	if (rc)
		return rc;
	engine_after_write(f->e, ei->id ? "edit event" : "add event");
	return KITH_OK;
}

/* What the edit form shows for event r. */
static void
event_values(const struct row *r, char **out)
{
	const struct kith_event *k = &r->u.event;
	const char *vals[F_COUNT] = {
		[F_TITLE] = k->title, [F_START] = k->start_at, [F_END] = k->end_at,
		[F_WHERE] = k->location, [F_KIND] = kith_event_kind_name(k->kind),
	};

	form_dup_values(out, vals, F_COUNT);
}

static const struct row_form event_row_form = {
	ROW_EVENT, "Edit event", F_COUNT, event_fields, event_values, event_save,
};

static void
event_form_open(struct pane *p, int64_t id)
{
	struct eid *ei = xcalloc(1, sizeof *ei);
	const char *init[F_COUNT] = { [F_KIND] = "other" };

	ei->id = id;
	if (id && form_open_row(p->e, &event_row_form, id, ei, free, NULL) == KITH_OK)
		return;
	ei->id = 0;
	engine_form_open(p->e, "New event", F_COUNT, event_fields, init, event_save, ei, free);
}

static int
candidate(void *ud, const struct contact_row *r)
{
	struct pick *pk = ud;
	char label[300];

	snprintf(label, sizeof label, "%s%s%s", r->name, *r->org ? " — " : "", r->org);
	pick_push(pk, r->id, label);
	return 0;
}

static int
contact_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	return contact_candidates(engine_db(pick_engine(pk)), filter, 50, candidate, pk, err);
}

static int
attendee_chosen(struct engine *e, int64_t contact_id, void *ctx)
{
	struct eid *ei = ctx;
	struct kith_err err;

	if (attendance_set(engine_db(e), ei->id, contact_id, KITH_AROLE_ATTENDEE,
			   KITH_ASTATUS_INVITED, &err) != KITH_OK) {
		engine_error(e, "attendee: %s", err.msg);
		return R_REDRAW;
	}
	engine_msg(e, "invited");
	return engine_after_write(e, "add attendee");
}

/* zp flipped past and upcoming (listpane_def.past_toggled): the other list, from its top. */
static void
past_toggled(struct pane *p, int64_t *id)
{
	series_load(p);
	*id = 0;
}

static bool
command(struct pane *p, enum cmd cmd, int64_t id, long n, int *r)
{
	struct events *ev = priv(p);

	(void)id;
	(void)n;
	switch (cmd) {
	case CMD_SORT_NEXT:
		engine_msg(p->e, "events keep one order: by date (zp: %s ones)",
			   ev->q.past ? "upcoming" : "past");
		*r |= R_REDRAW;
		return true;
	case CMD_FOLLOWUP_ADD:
		forms_followup_open(p->e, 0, NULL);
		*r |= R_REDRAW;
		return true;
	default:
		return false;
	}
}

/* The commands on the selected event (id). */
static bool
row_command(struct pane *p, enum cmd cmd, int64_t id, int *r)
{
	struct eid *ei;

	switch (cmd) {
	case CMD_ATTENDANCE_STATUS:
		*r |= events_attendance_status(p->e, id);
		return true;
	case CMD_LOG:
	case CMD_DEBRIEF:
		*r |= events_debrief(p->e, id);
		return true;
	case CMD_ATTENDEE_ADD:
		ei = xcalloc(1, sizeof *ei);
		ei->id = id;
		engine_pick(p->e, "Add an attendee", contact_source, attendee_chosen, ei, free);
		*r |= R_REDRAW;
		return true;
	default:
		return false;
	}
}

static const char *
empty_text(struct pane *p)
{
	struct events *ev = priv(p);

	return ev->lp.match ? "No event matches the search." :
	       ev->q.past ? "No past events." : "No upcoming events: a adds one.";
}

static const struct listpane_def events_def = {
	.ncols = C_COUNT, .cols = columns, .fetch = fetch, .count = count,
	.name_col = C_TITLE,
	.load_detail = load_detail, .detail_grows_open = true, .detail_snapshot = true,
	.command = command, .open_form = event_form_open, .add_cmd = CMD_EVENT_ADD,
	.row_command = row_command, .prepare = prepare,
	.set_match = set_match, .close = close_pane, .empty_text = empty_text, .row = ROW_EVENT,
	.del = event_delete, .del_label = "delete event", .del_done = "event deleted (u undoes)",
	.del_question = "Delete this event and its attendance? (y/n)",
	.past_flag = offsetof(struct events, q.past), .past_toggled = past_toggled,
	.past_shown = "past events, newest first", .past_hidden = "upcoming events",
};

LISTPANE_DEFINE(events_pane_ops, "events", "Events", "event", "events", VP_EVENTS, struct events,
		events_def);
