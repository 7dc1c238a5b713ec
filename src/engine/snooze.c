/*
 * snooze.c: the one way to ask "snooze until when?" (issue 17), shared by
 * the review, the Follow-ups pane and bulk actions, so the choices and the
 * keys are the same everywhere.
 *
 * A pick list that takes typing at once: 1d, 3d, 1w, 2w, "a date or a
 * reason…". What is typed filters the list, and a typed WHEN (3d, fri,
 * 2026-04-01) becomes the first choice, so `s Enter` snoozes a day and
 * `s 3d Enter` three days; nothing is prefilled for the typing to add to.
 * The last item opens a form (until, reason).
 */
#include "panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

#define SZ_FORM (-1)            /* the item that opens the form */
#define SZ_BAD 0                /* a typed date that is not after today */

struct snooze_req {
	snooze_apply_fn apply;
	int (*after)(struct engine *, void *);
	void *ctx;
	void (*ctx_free)(void *);
	char *title;
	char *typed;                /* the filter when the list was last filled */
	char bad[sizeof(((struct kith_err *)0)->msg)];  /* why the typed text is no snooze */
};

static void open_pick(struct engine *e, struct snooze_req *rq, const char *typed);

static const struct {
	int days;
	const char *word;
} choices[] = { { 1, "1d" }, { 3, "3d" }, { 7, "1w" }, { 14, "2w" } };

static void
req_free(void *p)
{
	struct snooze_req *rq = p;

	if (!rq)
		return;
	if (rq->ctx_free && rq->ctx)
		rq->ctx_free(rq->ctx);
	free(rq->title);
	free(rq->typed);
	free(rq);
}

/* A new request holding what rq held (rq keeps nothing to free). */
static struct snooze_req *
req_move(struct snooze_req *rq)
{
	struct snooze_req *to = xcalloc(1, sizeof *to);

	*to = *rq;
	rq->ctx = NULL;
	rq->title = rq->typed = NULL;
	return to;
}

/* Apply until (and reason); the after hook on success. Reactions. */
static int
req_apply(struct engine *e, struct snooze_req *rq, const char *until, const char *reason,
	  struct kith_err *err, enum kith_status *rc)
{
	int r = R_REDRAW | R_RELAYOUT;

	*rc = rq->apply(e, until, reason, rq->ctx, err);
	if (*rc != KITH_OK)
		return r | R_BELL;
	if (rq->after)
		r |= rq->after(e, rq->ctx);
	return r;
}

/* ---- the form: a date and a reason ------------------------------------------------ */

enum { SF_UNTIL, SF_REASON, SF_COUNT };

static const struct form_field_def form_fields[SF_COUNT] = {
	[SF_UNTIL] = { "Until", "3d, fri, 2026-04-01", form_check_when, false },
	[SF_REASON] = { "Reason", "optional: travelling, waiting for the vote", NULL, false },
};

/* Parse a snooze date: a WHEN after today, as "YYYY-MM-DD". */
static bool
parse_until(const char *text, char until[KDATETIME_STR], struct kith_err *err)
{
	char today[KDATE_STR];

	if (!fmt_parse_when(text, until, true, err))
		return false;
	kdate_format(kdate_today(), today);
	if (strcmp(until, today) <= 0) {
		kith_err_set(err, KITH_INVALID, "Until: %s is not after today", until);
		return false;
	}
	return true;
}

static int
form_save(struct form *f, struct kith_err *err, int *bad)
{
	struct snooze_req *rq = f->ctx;
	char until[KDATETIME_STR];
	enum kith_status rc;

	if (!parse_until(form_value(f, SF_UNTIL), until, err)) {
		*bad = SF_UNTIL;
		return KITH_INVALID;
	}
	if ((rc = rq->apply(f->e, until, form_value(f, SF_REASON), rq->ctx, err)) != KITH_OK) {
		*bad = SF_UNTIL;
		return rc;
	}
	f->ctx = NULL;              /* the form closes: the after hook owns rq now */
	f->after_ctx = rq;
	return KITH_OK;
}

static int
form_after(struct engine *e, void *ctx)
{
	struct snooze_req *rq = ctx;
	int r = rq->after ? rq->after(e, rq->ctx) : 0;

	req_free(rq);
	return r;
}

/* ---- the pick list ------------------------------------------------------------------ */

static int
chosen(struct engine *e, int64_t id, void *ctx)
{
	struct snooze_req *rq = ctx, *moved;
	struct kith_err err;
	enum kith_status rc;
	char until[KDATE_STR];
	int r;

	if (id == SZ_FORM) {
		moved = req_move(rq);
		engine_form_open(e, "Snooze until", SF_COUNT, form_fields, NULL, form_save, moved,
				 req_free);
		if (e->form)
			e->form->after = form_after;
		return R_REDRAW | R_RELAYOUT;
	}
	if (id == SZ_BAD) {         /* say why, and keep asking */
		moved = req_move(rq);
		open_pick(e, moved, moved->typed);
		engine_error(e, "%s", moved->bad);
		return R_BELL | R_REDRAW | R_RELAYOUT;
	}
	kith_err_clear(&err);
	kdate_format(kdate_add_days(kdate_today(), (long)id), until);
	r = req_apply(e, rq, until, NULL, &err, &rc);
	if (rc != KITH_OK)
		engine_error(e, "snooze: %s", err.msg);
	return r;
}

static int
source(struct pick *pk, const char *filter, struct kith_err *err)
{
	struct snooze_req *rq = pk->ctx;
	struct strbuf label = { 0 };
	char until[KDATETIME_STR], date[KDATE_STR];
	long typed = 0;
	const char *f = filter ? filter : "";

	(void)err;
	str_set(&rq->typed, f);
	while (*f == ' ')
		f++;
	if (*f) {
		struct kith_err perr;
		kith_err_clear(&perr);
		if (parse_until(f, until, &perr)) {
			struct kdate d;
			kdate_parse_iso(until, &d);
			typed = kdate_diff(d, kdate_today());
			sb_printf(&label, "%s: until %s", f, until);
			pick_push(pk, typed, sb_str(&label));
		} else if (fmt_parse_when(f, until, true, &perr)) {
			snprintf(rq->bad, sizeof rq->bad, "%s", perr.msg);
			pick_push(pk, SZ_BAD, perr.msg);
		}
	}
	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++) {
		if (choices[i].days == typed)
			continue;
		kdate_format(kdate_add_days(kdate_today(), choices[i].days), date);
		sb_reset(&label);
		sb_printf(&label, "%s: until %s", choices[i].word, date);
		if (!*f || strstr(sb_str(&label), f))
			pick_push(pk, choices[i].days, sb_str(&label));
	}
	if (!*f || strstr("a date or a reason…", f))
		pick_push(pk, SZ_FORM, "a date or a reason…");
	sb_free(&label);
	return KITH_OK;
}

void
engine_snooze_ask(struct engine *e, const char *title, snooze_apply_fn apply,
		  int (*after)(struct engine *, void *), void *ctx, void (*ctx_free)(void *))
{
	struct snooze_req *rq = xcalloc(1, sizeof *rq);

	rq->apply = apply;
	rq->after = after;
	rq->ctx = ctx;
	rq->ctx_free = ctx_free;
	rq->title = xstrdup(title);
	open_pick(e, rq, "");
}

static void
open_pick(struct engine *e, struct snooze_req *rq, const char *typed)
{
	char *text = xstrdup(typed ? typed : "");

	engine_pick(e, rq->title, source, chosen, rq, req_free);
	if (e->pick) {              /* typing goes to the filter at once */
		e->pick->filtering = e->pick->typing = true;
		le_set(&e->pick->filter, text);
		pick_refresh(e->pick);
	}
	free(text);
}
