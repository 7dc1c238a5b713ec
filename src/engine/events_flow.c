/*
 * events_flow.c: the Events pane's workflows.
 *
 * Prep: the card of an event lists who is coming, each with their last
 * interaction, open follow-ups and commitments, and their positions on the
 * power maps: what to know before walking in.
 *
 * Attendance: `s` picks an attendee, then one of invited, confirmed,
 * attended, no-show, met ("met" counts as a touch).
 *
 * Debrief: `b` on a past event opens a form with one line per attendee
 * ("met? a line about it; empty: did not meet") and the due date of the
 * thank-you follow-ups (two days after the event, or after today if that
 * is past). Saving logs one interaction per person met (kind event, at the
 * event), marks them met, and adds a thank-you follow-up for each, all as
 * one undo step.
 */
#include "events_flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/event.h"
#include "kith/fold.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/io.h"
#include "kith/powermap.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

#define PREP_MAX 40             /* people detailed on a card */
#define DEBRIEF_MAX 40          /* people in one debrief form */

/* ---- prep ------------------------------------------------------------------------ */

struct prep {
	struct engine *e;
	struct page *pg;
	int n, max;
	bool any;
};

static int
prep_last(void *ud, const struct interaction_row *r)
{
	struct prep *pp = ud;
	char ago[16];

	fmt_ago(r->at, ago);
	page_add(pp->pg, VS_DIM, 4, "last: %s ago, %.10s %s: %.80s", ago, r->at,
		 kith_interaction_kind_name(r->kind), r->summary);
	pp->any = true;
	return 0;
}

static int
prep_followup(void *ud, const struct followup_row *r)
{
	struct prep *pp = ud;
	const char *what = r->direction == KITH_DIR_OWE ? "you owe" :
			   r->direction == KITH_DIR_OWED ? "owes you" : "to do";

	page_add(pp->pg, VS_NORMAL, 4, "%s: %.60s%s%s", what, r->title, *r->due ? ", due " : "",
		 r->due);
	return 0;
}

static int
prep_position(void *ud, const struct map_position_row *r)
{
	struct prep *pp = ud;

	page_add(pp->pg, fmt_alignment_style(r->alignment), 4, "map %.40s: influence %d, %s",
		 r->map_name, r->influence, kith_alignment_name(r->alignment));
	return 0;
}

static int
prep_person(void *ud, const struct attendance_row *r)
{
	struct prep *pp = ud;
	struct kdb *db = engine_db(pp->e);
	struct followup_query fq = { .contact_id = r->contact_id };

	if (pp->n++ == pp->max)
		page_add(pp->pg, VS_DIM, 2, pp->max < PREP_MAX ?
			 "(more people: Enter shows everyone's prep)" :
			 "(more people: the first %d are shown)", PREP_MAX);
	if (pp->n > pp->max)
		return 0;
	page_add(pp->pg, r->status == KITH_ASTATUS_MET || r->status == KITH_ASTATUS_ATTENDED ||
		 r->status == KITH_ASTATUS_CONFIRMED ? VS_NORMAL : VS_DIM, 2, "%-24.60s %-9s%s%s",
		 r->contact_name, kith_attend_status_name(r->status),
		 r->role != KITH_AROLE_ATTENDEE ? " " : "",
		 r->role != KITH_AROLE_ATTENDEE ? kith_attend_role_name(r->role) : "");
	pp->any = false;
	interaction_list_for_contact(db, r->contact_id, 0, 1, prep_last, pp, NULL);
	if (!pp->any)
		page_add(pp->pg, VS_DIM, 4, "never talked");
	followup_list(db, &fq, 0, 1, 3, prep_followup, pp, NULL);
	placement_list_for_entity(db, r->contact_id, 0, prep_position, pp, NULL);
	return 0;
}

void
events_prep(struct engine *e, struct page *pg, int64_t event_id, int max_people)
{
	struct prep pp = { e, pg, 0, max_people > 0 && max_people < PREP_MAX ? max_people : PREP_MAX,
			   false };

	page_add(pg, VS_HEADER, 0, "People (A adds one, s sets a status, b debriefs)");
	attendance_list_for_event(engine_db(e), event_id, prep_person, &pp, NULL);
	if (pp.n == 0)
		page_add(pg, VS_DIM, 2, "nobody yet");
}

int
events_next(const char *tzid, const char *tz_start, const char *start_at, const char *rrule,
	    char (*out)[17], int max)
{
	struct kdatetime now = kdate_now();
	char from[KDATETIME_STR], to[KDATE_STR];
	int n;

	if (str_empty(rrule))
		return 0;
	now.has_time = true;
	kdatetime_format(now, from);
	kdate_format(kdate_add_days(now.date, 366), to);
	n = !str_empty(tzid) && !str_empty(tz_start) ?
	    io_recur_expand_tz(tzid, tz_start, rrule, from, to, out, max) :
	    io_recur_expand(start_at, rrule, from, to, out, max);
	return n < 0 ? 0 : n;
}

/* ---- attendance status -------------------------------------------------------------- */

struct att_ctx {
	int64_t event_id, contact_id;
	int role;
};

struct att_pick {
	struct pick *pk;
	const char *filter;
};

static int
att_item(void *ud, const struct attendance_row *r)
{
	struct att_pick *ap = ud;
	char label[200];
	char *f = fold_text(r->contact_name), *q = fold_text(ap->filter ? ap->filter : "");

	if (!*q || strstr(f, q)) {
		snprintf(label, sizeof label, "%.80s — %s", r->contact_name,
			 kith_attend_status_name(r->status));
		pick_push(ap->pk, r->contact_id, label);
	}
	free(f);
	free(q);
	return 0;
}

/* The event whose attendees the pick lists (a pick source has no context;
   one pick is open at a time). */
static int64_t pick_event;

static int
att_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	struct att_pick ap = { pk, filter };

	return attendance_list_for_event(engine_db(pick_engine(pk)), pick_event, att_item, &ap, err);
}

static int
status_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	(void)err;
	for (int s = 0; s < KITH_ASTATUS_COUNT_; s++)
		if (str_empty(filter) || str_prefix(kith_attend_status_name(s), filter))
			pick_push(pk, s + 1, kith_attend_status_name(s));
	return KITH_OK;
}

static int
status_chosen(struct engine *e, int64_t id, void *ctx)
{
	struct att_ctx *ac = ctx;
	struct kith_err err;

	if (attendance_set(engine_db(e), ac->event_id, ac->contact_id, ac->role, (int)id - 1,
			   &err) != KITH_OK) {
		engine_error(e, "attendance: %s", err.msg);
		return R_REDRAW;
	}
	engine_msg(e, "attendance: %s", kith_attend_status_name((int)id - 1));
	return engine_after_write(e, "attendance");
}

static int
attendee_chosen(struct engine *e, int64_t contact_id, void *ctx)
{
	struct att_ctx *ac = xcalloc(1, sizeof *ac);

	(void)ctx;
	/* keep the role (host, speaker) of someone already on the event */
	attendance_role(engine_db(e), pick_event, contact_id, &ac->role, NULL);
	ac->event_id = pick_event;
	ac->contact_id = contact_id;
	engine_pick(e, "Status", status_source, status_chosen, ac, free);
	return R_REDRAW | R_RELAYOUT;
}

int
events_attendance_status(struct engine *e, int64_t event_id)
{
	pick_event = event_id;
	engine_pick(e, "Whose attendance?", att_source, attendee_chosen, NULL, NULL);
	return R_REDRAW | R_RELAYOUT;
}

/* ---- debrief -------------------------------------------------------------------------- */

struct debrief {
	int64_t event_id;
	char *title, *at;
	int n;                      /* attendees; field n is the thank-you due date */
	int64_t ids[DEBRIEF_MAX];
	int roles[DEBRIEF_MAX];
	char *names[DEBRIEF_MAX];
	struct form_field_def defs[DEBRIEF_MAX + 1];
	char due[KDATE_STR];
};

static void
debrief_free(void *p)
{
	struct debrief *d = p;

	for (int i = 0; i < d->n; i++)
		free(d->names[i]);
	free(d->title);
	free(d->at);
	free(d);
}

static int
debrief_person(void *ud, const struct attendance_row *r)
{
	struct debrief *d = ud;

	if (d->n == DEBRIEF_MAX || r->status == KITH_ASTATUS_NO_SHOW)
		return 0;
	d->ids[d->n] = r->contact_id;
	d->roles[d->n] = r->role;
	d->names[d->n] = xstrdup(r->contact_name);
	d->defs[d->n] = (struct form_field_def){ .label = d->names[d->n],
		.hint = "met? a line about it; empty: did not meet" };
	d->n++;
	return 0;
}

static int
debrief_save(struct form *f, struct kith_err *err, int *bad)
{
	struct debrief *d = f->ctx;
	struct kdb *db = engine_db(f->e);
	char due[KDATETIME_STR] = "";
	int met = 0;
	enum kith_status rc;

	if (!str_empty(form_value(f, d->n)) && !fmt_parse_when(form_value(f, d->n), due, true, err)) {
		*bad = d->n;
		return KITH_INVALID;
	}
	if ((rc = kdb_batch_begin(db, err)))
		return rc;
	for (int i = 0; i < d->n && !rc; i++) {
		const char *line = form_value(f, i);
		struct kith_interaction in = { 0 };
		if (str_empty(line))
			continue;
		in.at = d->at;
		in.kind = KITH_IKIND_EVENT;
		in.summary = (char *)line;
		in.event_id = d->event_id;
		in.contact_ids = &d->ids[i];
		in.n_contacts = 1;
		if ((rc = interaction_add(db, &in, NULL, err)))
			break;
		if ((rc = attendance_set(db, d->event_id, d->ids[i], d->roles[i], KITH_ASTATUS_MET,
					 err)))
			break;
		if (due[0]) {
			struct kith_followup fu = { 0 };
			struct strbuf sb = { 0 };
			char *title;
			sb_printf(&sb, "Thank %s for %s", d->names[i], d->title);
			title = sb_detach(&sb);
			fu.contact_id = d->ids[i];
			fu.event_id = d->event_id;
			/* no interaction_id: undoing would delete the interaction first,
			   and its ON DELETE SET NULL would make the follow-up a conflict */
			fu.kind = KITH_FKIND_THANK_YOU;
			fu.title = title;
			fu.due = due;
			fu.status = KITH_FSTATUS_OPEN;
			rc = followup_add(db, &fu, NULL, err);
			free(title);
		}
		met++;
	}
	if (rc) {
		struct kith_err ignore;
		kdb_batch_end(db, false, &ignore);
		return rc;
	}
	if ((rc = kdb_batch_end(db, true, err)))
		return rc;
	if (met && due[0])
		engine_msg(f->e, "debrief: met %d, thank-you follow-ups due %s (u undoes)", met, due);
	else
		engine_msg(f->e, "debrief: met %d", met);
	engine_after_write(f->e, "debrief");
	return KITH_OK;
}

int
events_debrief(struct engine *e, int64_t event_id)
{
	struct kith_event k;
	struct debrief *d;
	struct kdatetime now = kdate_now();
	struct kdate day, base;
	char nowtxt[KDATETIME_STR];
	const char *init[DEBRIEF_MAX + 1] = { 0 };

	if (event_get(engine_db(e), event_id, &k, NULL) != KITH_OK)
		return R_BELL;
	now.has_time = true;
	kdatetime_format(now, nowtxt);
	if (strcmp(k.start_at, nowtxt) > 0) {
		engine_msg(e, "debrief: %s has not happened yet", k.title);
		event_free(&k);
		return R_REDRAW | R_BELL;
	}
	d = xcalloc(1, sizeof *d);
	d->event_id = event_id;
	d->title = xstrdup(k.title);
	d->at = xstrdup(k.start_at);
	event_free(&k);
	attendance_list_for_event(engine_db(e), event_id, debrief_person, d, NULL);
	if (d->n == 0) {
		engine_msg(e, "debrief: nobody was invited to %s (A adds people)", d->title);
		debrief_free(d);
		return R_REDRAW | R_BELL;
	}
	/* thank-you two days after the event, or after today if that has passed */
	if (!kdate_parse_iso(d->at, &day)) {
		char t[KDATE_STR];
		snprintf(t, sizeof t, "%.10s", d->at);
		kdate_parse_iso(t, &day);
	}
	base = kdate_cmp(day, now.date) < 0 ? now.date : day;
	kdate_format(kdate_add_days(base, 2), d->due);
	d->defs[d->n] = (struct form_field_def){ .label = "Thank-you due",
		.hint = "date of the thank-you follow-ups; empty: none",
		.validate = form_check_when_optional };
	init[d->n] = d->due;
	engine_form_open(e, "Debrief: who did you meet?", d->n + 1, d->defs, init, debrief_save,
			 d, debrief_free);
	return R_REDRAW | R_RELAYOUT;
}
