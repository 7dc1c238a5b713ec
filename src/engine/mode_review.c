/*
 * mode_review.c: the daily review (r). One person at a time from the
 * ranked queue of the data layer (kith/review.h), with their card and the
 * reason they are here, and one key per decision: log, done, snooze,
 * skip, open, explain, end. Each decision is recorded for the day, so
 * quitting midway and starting again resumes without the items handled.
 *
 * Forms and prompts opened from the review (the log form, the snooze pick list,
 * the proposal of a next follow-up) return to it when they close: while a
 * review is on, engine_base_mode() is VM_REVIEW.
 */
#include "panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/concern.h"
#include "kith/contact.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/io.h"
#include "kith/org.h"
#include "kith/powermap.h"
#include "kith/review.h"
#include "kith/types.h"
#include "kith/xalloc.h"

struct review_state {
	struct review_queue q;
	int pos;                    /* the item shown */
	int done, logged, snoozed, skipped;
	bool explain;               /* ? shows the score's terms */
	bool aside;                 /* o opened a contact: the review waits for r */
	struct page page;
	int page_for;               /* the item the page was built for, -1: none */
	char today[KDATE_STR];
};

/* ---- parameters from the options ---------------------------------------------- */

void
engine_review_params(struct engine *e, struct review_params *p)
{
	options_review_params(e->opts, p);
}

/* ---- life cycle ---------------------------------------------------------------- */

/* A base mode (mode_ops.is_base): forms and questions return to the review. */
static bool
review_is_base(const struct engine *e)
{
	return e->review && !e->review->aside;
}

static void
review_free(struct engine *e)
{
	struct review_state *rs = e->review;

	if (!rs)
		return;
	review_queue_free(&rs->q);
	page_free(&rs->page);
	free(rs);
	e->review = NULL;
}

static const struct review_item *
current(struct engine *e)
{
	struct review_state *rs = e->review;
	return rs && rs->pos < rs->q.n ? &rs->q.items[rs->pos] : NULL;
}

static void
summary_msg(struct engine *e, const struct review_state *rs)
{
	engine_msg(e, "Review done: %d done, %d logged, %d snoozed, %d skipped%s", rs->done,
		   rs->logged, rs->snoozed, rs->skipped,
		   rs->pos < rs->q.n ? " (r resumes)" : "");
}

static int
review_end(struct engine *e)
{
	if (e->review->q.n == 0)
		engine_msg(e, "Review ended: nothing was due today");
	else
		summary_msg(e, e->review);
	return engine_base_end(e, VM_REVIEW);
}

/* Move on to the next item; at the end, close with the summary. */
static int
advance(struct engine *e)
{
	struct review_state *rs = e->review;

	if (!rs)
		return R_REDRAW;
	rs->pos++;
	rs->explain = false;
	rs->page.scroll = 0;
	if (rs->pos >= rs->q.n)
		return review_end(e);
	return R_REDRAW | R_RELAYOUT;
}

static int
review_start(struct engine *e, const char *arg)
{
	struct review_state *rs;
	struct review_params p;
	struct kith_err err;

	(void)arg;
	if (e->review) {            /* resume after o */
		engine_mode_normal(e);
		e->review->aside = false;
		e->review->page_for = -1;
		e->mode = VM_REVIEW;
		return R_REDRAW | R_RELAYOUT;
	}
	engine_review_params(e, &p);
	rs = xcalloc(1, sizeof *rs);
	kith_err_clear(&err);
	if (review_queue_build(engine_db(e), &p, &rs->q, &err) != KITH_OK) {
		engine_error(e, "review: %s", err.msg);
		free(rs);
		return R_BELL | R_REDRAW;
	}
	/* nothing due: the review opens all the same and says so, so that q
	   ends it rather than kith (issue 17) */
	memcpy(rs->today, p.today, sizeof rs->today);
	rs->page_for = -1;
	engine_mode_normal(e);
	e->review = rs;
	e->mode = VM_REVIEW;
	if (rs->q.n == 0)
		engine_msg(e, "Nothing is due today: everyone is up to date.");
	else if (rs->q.total > rs->q.n)
		engine_msg(e, "%d people today (%d more wait for another day: set review.cap)",
			   rs->q.n, rs->q.total - rs->q.n);
	else
		engine_msg(e, "%d %s today", rs->q.n, rs->q.n == 1 ? "person" : "people");
	return R_REDRAW | R_RELAYOUT;
}

/* ---- recording decisions --------------------------------------------------------- */

static enum kith_status
record(struct engine *e, const struct review_item *it, const char *action, const char *until,
       const char *reason, struct kith_err *err)
{
	return review_record(engine_db(e), e->review->today, it->contact_id, it->followup_id,
			     action, until, reason, err);
}

/*
** A promise's update (issue 18): tell everyone who raised the issue and was
** not told it yet, as one group message, remembered as told. x and l.
*/
static int
do_tell(struct engine *e, const struct review_item *it)
{
	struct kith_err err;
	enum kith_status rc;
	size_t told = 0;

	kith_err_clear(&err);
	rc = promise_tell(engine_db(e), it->update_id, KITH_IKIND_MESSAGE, NULL, NULL, &told, &err);
	if (rc != KITH_OK)
		return engine_fail(e, &err);
	engine_after_write(e, "tell the people who raised it");
	engine_msg(e, "told %zu %s: one message logged with them", told,
		   told == 1 ? "person" : "people");
	e->review->logged++;
	return advance(e);
}

static int
do_done(struct engine *e)
{
	const struct review_item *it = current(e);
	struct kdb *db = engine_db(e);
	struct kith_err err;
	enum kith_status rc;

	if (!it)
		return R_BELL;
	if (it->update_id)
		return do_tell(e, it);
	if (!it->followup_id) {
		engine_error(e, "No follow-up is due for %s: l logs a touch, n skips, s snoozes",
			     it->name);
		return R_BELL | R_REDRAW;
	}
	kith_err_clear(&err);
	if ((rc = kdb_batch_begin(db, &err)) == KITH_OK) {
		rc = followup_done(db, it->followup_id, &err);
		if (rc == KITH_OK)
			rc = record(e, it, "done", NULL, NULL, &err);
		if (kdb_batch_end(db, rc == KITH_OK, rc == KITH_OK ? &err : NULL) && rc == KITH_OK)
			rc = err.code;
	}
	if (rc != KITH_OK)
		return engine_fail(e, &err);
	engine_after_write(e, "mark a follow-up done");
	engine_msg(e, "done: %s", it->what);
	e->review->done++;
	return advance(e);
}

static int
do_skip(struct engine *e)
{
	const struct review_item *it = current(e);
	struct kith_err err;

	if (!it)
		return R_BELL;
	kith_err_clear(&err);
	if (record(e, it, "skipped", NULL, NULL, &err) != KITH_OK)
		return engine_fail(e, &err);
	engine_after_write(e, "skip in the review");
	engine_msg(e, "skipped %s for today", *it->name ? it->name : it->what);
	e->review->skipped++;
	return advance(e);
}

/* ---- log, then propose the next follow-up ---------------------------------------- */

static int
after_log(struct engine *e, void *ctx)
{
	struct review_state *rs = e->review;
	const struct review_item *it = current(e);
	struct kith_err err;
	int r;

	(void)ctx;
	if (!rs || !it)
		return R_NONE;
	kith_err_clear(&err);
	if (record(e, it, "logged", NULL, NULL, &err) != KITH_OK)
		engine_error(e, "%s", err.msg);
	rs->logged++;
	if (it->contact_id && it->cadence > 0) {
		struct kith_followup fu = { .contact_id = it->contact_id, .kind = KITH_FKIND_CHECK_IN };
		struct strbuf q = { 0 }, title = { 0 }, done = { 0 };
		char due[KDATE_STR];
		kdate_format(kdate_add_days(kdate_today(), it->cadence), due);
		sb_printf(&q, "Next check-in with %s on %s (every %d days)? Enter yes · Esc no",
			  it->name, due, it->cadence);
		sb_printf(&title, "Check in with %s", it->name);
		sb_printf(&done, "next check-in with %s on %s", it->name, due);
		fu.title = (char *)sb_str(&title);
		fu.due = due;
		r = advance(e);     /* the last item ends the review; the question stays */
		forms_followup_offer(e, sb_str(&q), &fu, "plan the next check-in", sb_str(&done));
		sb_free(&q);
		sb_free(&title);
		sb_free(&done);
		return r | R_REDRAW;
	}
	return advance(e);
}

static int
do_log(struct engine *e)
{
	const struct review_item *it = current(e);

	if (!it)
		return R_BELL;
	if (it->update_id)
		return do_tell(e, it);
	if (!it->contact_id) {
		engine_error(e, "This follow-up is about no one: x marks it done");
		return R_BELL | R_REDRAW;
	}
	forms_log_open(e, it->contact_id, it->name);
	if (e->form) {
		e->form->after = after_log;
		e->form->after_ctx = NULL;
	}
	return R_REDRAW | R_RELAYOUT;
}

/* ---- snooze ------------------------------------------------------------------------ */

static enum kith_status
snooze_apply(struct engine *e, const char *until, const char *reason, void *ctx,
	     struct kith_err *err)
{
	const struct review_item *it = current(e);
	struct kdb *db = engine_db(e);
	enum kith_status rc;

	(void)ctx;
	if (!it)
		return KITH_OK;
	if ((rc = kdb_batch_begin(db, err)))
		return rc;
	rc = KITH_OK;
	if (it->followup_id)
		rc = followup_snooze(db, it->followup_id, until, reason, err);
	if (rc == KITH_OK)
		rc = record(e, it, "snoozed", until, reason, err);
	if (rc != KITH_OK) {
		kdb_batch_end(db, false, NULL);
		return rc;
	}
	if ((rc = kdb_batch_end(db, true, err)))
		return rc;
	engine_after_write(e, "snooze in the review");
	engine_msg(e, "snoozed %s until %s", *it->name ? it->name : it->what, until);
	e->review->snoozed++;
	return KITH_OK;
}

static int
after_snooze(struct engine *e, void *ctx)
{
	(void)ctx;
	return advance(e);
}

/* s: the snooze pick list every pane uses (1d, 3d, 1w, 2w, a date or a reason). */
static int
do_snooze(struct engine *e)
{
	const struct review_item *it = current(e);
	struct strbuf title = { 0 };

	if (!it)
		return R_BELL;
	if (it->update_id) {
		engine_error(e, "An update is told, not snoozed: x tells them now, n skips it today");
		return R_BELL | R_REDRAW;
	}
	sb_printf(&title, "Snooze %s", *it->name ? it->name : it->what);
	engine_snooze_ask(e, sb_str(&title), snooze_apply, after_snooze, NULL, NULL);
	sb_free(&title);
	return R_REDRAW | R_RELAYOUT;
}

/* ---- keys ---------------------------------------------------------------------------- */

static int
review_run(struct engine *e, enum cmd cmd, long count)
{
	struct review_state *rs = e->review;
	const struct review_item *it = current(e);

	switch (cmd) {
	case CMD_REVIEW_LOG:
		return do_log(e);
	case CMD_REVIEW_DONE:
		return do_done(e);
	case CMD_REVIEW_SNOOZE:
		return do_snooze(e);
	case CMD_REVIEW_SKIP:
		return do_skip(e);
	case CMD_REVIEW_OPEN: {
		int r;
		if (!it || !it->contact_id)
			return R_BELL;
		rs->aside = true;       /* the review waits: r resumes it */
		e->mode = VM_NORMAL;
		r = engine_show_entity(e, VP_CONTACTS, it->contact_id);
		engine_msg(e, "r resumes the review at %s", it->name);
		return r;
	}
	case CMD_REVIEW_EXPLAIN:
		rs->explain = !rs->explain;
		rs->page_for = -1;
		return R_REDRAW;
	case CMD_REVIEW_END:
	case CMD_BACK:
	case CMD_QUIT:
		return review_end(e);
	case CMD_SCROLL_DOWN:
	case CMD_MOVE_DOWN:
	case CMD_PAGE_DOWN:
	case CMD_HALF_PAGE_DOWN:
		rs->page.scroll += (int)count * (cmd == CMD_PAGE_DOWN ? e->list_rows : 1);
		return R_REDRAW;
	case CMD_SCROLL_UP:
	case CMD_MOVE_UP:
	case CMD_PAGE_UP:
	case CMD_HALF_PAGE_UP:
		rs->page.scroll -= (int)count * (cmd == CMD_PAGE_UP ? e->list_rows : 1);
		if (rs->page.scroll < 0)
			rs->page.scroll = 0;
		return R_REDRAW;
	case CMD_HELP:
		return engine_mode_start(e, VM_HELP, NULL);
	default:
		return R_BELL;
	}
}

/* ---- the page ---------------------------------------------------------------------- */

static void
build_page(struct engine *e)
{
	struct review_state *rs = e->review;
	const struct review_item *it = current(e);
	struct page *pg = &rs->page;
	struct kdb *db = engine_db(e);
	int scroll = pg->scroll;

	page_clear(pg);
	pg->scroll = scroll;
	rs->page_for = rs->pos;
	if (!it) {
		page_title(pg, "Review");
		page_add(pg, VS_NORMAL, 0, rs->q.n ? "That was everyone for today." :
			 "Nothing is due today: everyone is up to date.");
		return;
	}
	page_title(pg, "Review — %d of %d", rs->pos + 1, rs->q.n);
	page_add(pg, VS_HEADER, 0, "%c%s", it->what[0] >= 'a' && it->what[0] <= 'z' ?
		 it->what[0] - 'a' + 'A' : it->what[0], it->what + 1);
	if (rs->explain) {
		page_add(pg, VS_LABEL, 2, "score %d, the sum of:", it->score);
		for (int i = 0; i < it->nterms; i++)
			page_add(pg, it->terms[i].points < 0 ? VS_DIM : VS_NORMAL, 4, "%+4d  %-10s %s",
				 it->terms[i].points, review_term_name(it->terms[i].id),
				 it->terms[i].detail);
		page_add(pg, VS_DIM, 2, "weights: set review.weight.NAME N (kithrc(5))");
	} else {
		for (int i = 0; i < it->nterms; i++)
			page_add(pg, VS_NORMAL, 2, "· %s", it->terms[i].detail);
	}
	if (it->update_id) {
		int64_t *ids = NULL;
		size_t n = 0;
		page_add(pg, VS_HEADER, 0, "Not told yet (x or l tells them: one message)");
		if (promise_untold(db, it->update_id, &ids, &n, NULL) == KITH_OK)
			for (size_t i = 0; i < n && i < 40; i++) {
				struct kith_contact k;
				if (contact_get(db, ids[i], &k, NULL) != KITH_OK)
					continue;
				page_add(pg, VS_NORMAL, 2, "%s%s%s", k.display_name,
					 *k.district ? "  " : "", k.district);
				contact_free(&k);
			}
		free(ids);
	}
	if (!it->contact_id)
		return;
	{
		struct kith_contact k;
		if (contact_get(db, it->contact_id, &k, NULL) == KITH_OK) {
			char last[16];
			fmt_ago(k.last_at, last);
			page_add(pg, VS_NORMAL, 0, " ");
			page_add(pg, VS_NORMAL, 0, "%s · tier %c · influence %c · %s · last contacted %s",
				 k.display_name, k.tier ? k.tier : '-',
				 k.influence ? (char)('0' + k.influence) : '?',
				 kith_alignment_name(k.alignment), last);
			if (k.n_phones)
				page_add(pg, VS_NORMAL, 0, "phone   %s", k.phones[0].value);
			if (k.n_emails)
				page_add(pg, VS_NORMAL, 0, "email   %s", k.emails[0].value);
			contact_free(&k);
		}
		card_reciprocity(pg, db, it->contact_id);
	}
	{
		struct followup_query fq = { .contact_id = it->contact_id };
		page_add(pg, VS_HEADER, 0, "Roles");
		role_list_for_contact(db, it->contact_id, card_role_line, pg, NULL);
		card_none(pg, "none", NULL);
		page_add(pg, VS_HEADER, 0, "Last interactions");
		{
			struct card_timeline ct = { pg, db };
			interaction_list_for_contact(db, it->contact_id, 0, 3, card_timeline_line,
						     &ct, NULL);
		}
		card_none(pg, "nothing logged yet", "l logs one");
		{
			struct card_section cs = { pg, "Concerns they raised (refer to them)", 0 };
			concern_list_for_contact(db, it->contact_id, 3, card_concern_line, &cs, NULL);
		}
		page_add(pg, VS_HEADER, 0, "Open follow-ups and commitments");
		followup_list(db, &fq, 0, 1, 10, card_followup_line, pg, NULL);
		card_none(pg, "none", NULL);
		page_add(pg, VS_HEADER, 0, "Power maps");
		placement_list_for_entity(db, it->contact_id, 0, card_map_line, pg, NULL);
		card_none(pg, "on no map", NULL);
	}
}

static void
review_fill_view(struct engine *e, struct view *v)
{
	struct review_state *rs = e->review;

	if (!rs || rs->aside)
		return;
	if (rs->page_for != rs->pos)
		build_page(e);
	v->review = true;
	page_fill_view(&rs->page, &v->detail);
	sb_reset(&e->title);
	if (rs->q.n == 0)
		sb_printf(&e->title, "kith — Daily review — %s — nothing due", rs->today);
	else
		sb_printf(&e->title, "kith — Daily review — %s — %d of %d", rs->today,
			  rs->pos < rs->q.n ? rs->pos + 1 : rs->q.n, rs->q.n);
	v->title = sb_str(&e->title);
}

static void
review_hint(struct engine *e, struct strbuf *hint)
{
	static const struct hint_def hints[] = {
		{ CMD_REVIEW_LOG, "log" }, { CMD_REVIEW_DONE, "done" },
		{ CMD_REVIEW_SNOOZE, "snooze" }, { CMD_REVIEW_SKIP, "skip" },
		{ CMD_REVIEW_OPEN, "open" }, { CMD_REVIEW_EXPLAIN, "why" },
		{ CMD_REVIEW_END, "end" },
	};
	bool empty = e->review && e->review->q.n == 0;

	/* with nothing due, only the way out */
	engine_hint_keys(e, VM_REVIEW, empty ? hints + 6 : hints,
			 empty ? 1 : sizeof hints / sizeof hints[0], hint);
}

const struct mode_ops review_mode_ops = {
	.name = "REVIEW",
	.keymap = KM_REVIEW,
	.cmd = CMD_REVIEW,
	.start = review_start,
	.run = review_run,
	.fill_view = review_fill_view,
	.hint = review_hint,
	.free = review_free,
	.is_base = review_is_base,
};
