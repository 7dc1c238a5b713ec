/*
 * pane_followups.c: the Follow-ups pane: open follow-ups grouped Overdue,
 * Today, This week, Later and No date (and Done when toggled), with x done,
 * s snooze, d due date, a add, e edit the title, D delete.
 *
 * Groups come from due dates relative to today. The list is fetched by
 * keyset, so a header row is inserted whenever a fetched row starts a new
 * group; the fetch callback remembers the group of the row next to the
 * anchor to know whether the first row of a page starts one.
 */
#include "listpane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/followup.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

enum { C_DUE, C_WHO, C_TITLE, C_KIND, C_SNOOZE, C_COUNT };

static const struct view_column columns[C_COUNT] = {
	[C_DUE] = LISTPANE_DATE_COLUMN("Due"),
	[C_WHO] = { "With", 10, 24, VA_LEFT },
	[C_TITLE] = LISTPANE_TEXT_COLUMN("What"),
	[C_KIND] = { "Kind", 10, 14, VA_LEFT },
	[C_SNOOZE] = { "Zz", 2, 3, VA_RIGHT },
};

enum group { G_NONE = -1, G_OVERDUE, G_TODAY, G_WEEK, G_LATER, G_UNDATED, G_DONE };
static const char *const group_names[] = { "Overdue", "Today", "Next 7 days", "Later", "No date",
					   "Done" };

struct followups {
	struct listpane lp;         /* first: the list, marks, card, search, title */
	struct followup_query q;
	int last_group;             /* group of the last row pushed during a fetch */
	int dir;                    /* direction of the fetch in progress */
	char today[KDATE_STR], week_end[KDATE_STR];
	long long overdue;          /* open ones due before today (counted on reload) */
};

static struct followups *
priv(struct pane *p)
{
	return p->priv;
}

static int
group_of(struct followups *f, const struct followup_row *r)
{
	if (r->status != KITH_FSTATUS_OPEN)
		return G_DONE;
	if (!*r->due)
		return G_UNDATED;
	if (strcmp(r->due, f->today) < 0)
		return G_OVERDUE;
	if (!strcmp(r->due, f->today))
		return G_TODAY;
	if (strcmp(r->due, f->week_end) <= 0)
		return G_WEEK;
	return G_LATER;
}

static void
push_header(struct followups *f, int g)
{
	const char *cells[C_COUNT] = { group_names[g], "", "", "", "" };
	lw_push(&f->lp.lw, 0, cells, VS_HEADER);
}

static int
row_cb(void *ud, const struct followup_row *r)
{
	struct followups *f = ud;
	int g = group_of(f, r);
	char kind[64], zz[12] = "";
	const char *cells[C_COUNT];
	enum view_style style = g == G_OVERDUE ? VS_OVERDUE : g == G_TODAY ? VS_DUE :
				g == G_DONE ? VS_DIM : VS_NORMAL;
	bool done = g == G_DONE;

	/* search results are one flat list (many matches come in id order) */
	if (f->lp.match)
		g = f->last_group = G_NONE;
	/* forward: a header before the first row of each group */
	if (f->dir > 0 && g != G_NONE && g != f->last_group)
		push_header(f, g);
	if (r->direction == KITH_DIR_OWE)
		snprintf(kind, sizeof kind, "I owe");
	else if (r->direction == KITH_DIR_OWED)
		snprintf(kind, sizeof kind, "owed to me");
	else if (r->intro_stage != KITH_INTRO_NONE)
		snprintf(kind, sizeof kind, "intro: %s", kith_intro_stage_name(r->intro_stage));
	else
		snprintf(kind, sizeof kind, "%s", kith_followup_kind_name(r->kind));
	if (r->snooze_count)
		snprintf(zz, sizeof zz, "%d", r->snooze_count > 99 ? 99 : r->snooze_count);
	cells[C_DUE] = done ? "done" : *r->due ? r->due : "—";
	cells[C_WHO] = r->contact_name;
	cells[C_TITLE] = r->title;
	cells[C_KIND] = kind;
	cells[C_SNOOZE] = zz;
	/* backward: rows come nearest first; a header goes after (above) a group's first row */
	if (f->dir < 0 && f->last_group != G_NONE && g != G_NONE && g != f->last_group)
		push_header(f, f->last_group);
	lw_push(&f->lp.lw, r->id, cells, style);
	f->last_group = g;
	return 0;
}

/* The group of row id from its cells in the window; G_NONE if not held. */
static int
window_group(struct followups *f, int64_t id)
{
	const struct listwin *lw = &f->lp.lw;
	struct followup_row r = { 0 };

	for (int i = 0; i < lw->nrows; i++) {
		const char *due = lw->rows[i].cells[C_DUE];
		if (lw->rows[i].id != id || lw->rows[i].group)
			continue;
		r.status = strcmp(due, "done") ? KITH_FSTATUS_OPEN : KITH_FSTATUS_DONE;
		r.due = strcmp(due, "—") ? due : "";
		return group_of(f, &r);
	}
	return G_NONE;
}

/*
** The group of the row next to the anchor, so a page knows where it
** starts: from the row's cells when the window holds it, else read. A
** row done just now, out of the open list, keeps its place by date.
*/
static int
anchor_group(struct pane *p, int64_t anchor)
{
	struct followups *f = priv(p);
	struct kith_followup k;
	struct followup_row r = { 0 };
	int g;

	if (!anchor)
		return G_NONE;
	if ((g = window_group(f, anchor)) != G_NONE)
		return g;
	if (followup_get(engine_db(p->e), anchor, &k, NULL) != KITH_OK)
		return G_NONE;
	r.status = f->q.include_done ? k.status : KITH_FSTATUS_OPEN;
	r.due = k.due ? k.due : "";
	g = group_of(f, &r);
	followup_free(&k);
	return g;
}

static int
fetch(struct pane *p, int64_t anchor, int dir, int limit, struct kith_err *err)
{
	struct followups *f = priv(p);
	int rc;

	f->dir = dir;
	f->last_group = f->lp.match ? G_NONE : anchor_group(p, anchor);
	rc = followup_list(engine_db(p->e), &f->q, anchor, dir, limit, row_cb, f, err);
	/* backward at the very start of the list: the first group's header */
	if (!rc && dir < 0 && f->last_group != G_NONE) {
		int real = 0;
		for (int i = 0; i < f->lp.lw.nstage; i++)
			real += !f->lp.lw.stage[i].group;
		if (real < limit)
			push_header(f, f->last_group);
	}
	return rc;
}

static int
count(struct pane *p, long long *out, struct kith_err *err)
{
	struct followups *f = priv(p);
	return followup_count(engine_db(p->e), &f->q, out, err);
}

#define OVERDUE_CAP 1000        /* counted up to this, then "1000+" */

/*
** Count the overdue ones on the open-by-due index (up to OVERDUE_CAP + 1);
** done on reload, never per key.
*/
static void
count_overdue(struct pane *p)
{
	struct followups *f = priv(p);

	f->overdue = 0;
	followup_count_overdue(engine_db(p->e), f->today, OVERDUE_CAP, &f->overdue, NULL);
}

/* Before a (re)load: today's groups and the overdue count. */
static void
prepare(struct pane *p)
{
	struct followups *f = priv(p);
	struct kdate today = kdate_today();

	kdate_format(today, f->today);
	kdate_format(kdate_add_days(today, 7), f->week_end);
	count_overdue(p);
}

static void
set_match(struct pane *p, const char *match)
{
	priv(p)->q.match = match;
}

/* ---- actions ------------------------------------------------------------------ */

static int
after(struct pane *p, const char *label, const char *msg)
{
	engine_msg(p->e, "%s", msg);
	return engine_after_write(p->e, label);
}

struct fid {
	int64_t id;
};

/* A follow-up's id in a form, pick list or question. */
static struct fid *
fid_new(int64_t id)
{
	struct fid *fi = xcalloc(1, sizeof *fi);

	fi->id = id;
	return fi;
}

/* ---- introductions: requested -> made -> met -> introducer thanked ----------------- */

/* Propose a thank-you to introducer (name) for tomorrow. */
static void
offer_thanks(struct engine *e, int64_t introducer, const char *name)
{
	struct kith_followup fu = { .contact_id = introducer, .kind = KITH_FKIND_THANK_YOU,
				    .direction = KITH_DIR_OWE };
	struct strbuf q = { 0 }, title = { 0 }, done = { 0 };
	char due[KDATE_STR];

	kdate_format(kdate_add_days(kdate_today(), 1), due);
	sb_printf(&q, "You met them: thank %s for the introduction tomorrow? Enter yes · Esc no",
		  name);
	sb_printf(&title, "Thank %s for the introduction", name);
	sb_printf(&done, "added: %s, due %s", sb_str(&title), due);
	fu.title = (char *)sb_str(&title);
	fu.due = due;
	forms_followup_offer(e, sb_str(&q), &fu, "plan a thank-you", sb_str(&done));
	sb_free(&q);
	sb_free(&title);
	sb_free(&done);
}

/*
 * Move an introduction to its next stage. Reaching "met" proposes a
 * thank-you to the introducer; "introducer thanked" completes it (done).
 */
static int
intro_next(struct pane *p, int64_t id)
{
	struct kdb *db = engine_db(p->e);
	struct kith_followup k;
	struct kith_err err;
	enum kith_status rc;
	int next, r = R_REDRAW;

	kith_err_clear(&err);
	if (followup_get(db, id, &k, &err) != KITH_OK)
		return engine_fail(p->e, &err);
	if (k.intro_stage == KITH_INTRO_NONE || k.intro_stage == KITH_INTRO_THANKED) {
		engine_error(p->e, k.intro_stage == KITH_INTRO_NONE ?
			     "Not an introduction (e sets who introduces whom)" :
			     "This introduction is complete");
		followup_free(&k);
		return R_BELL | R_REDRAW;
	}
	next = k.intro_stage + 1;
	if ((rc = kdb_batch_begin(db, &err)) == KITH_OK) {
		rc = followup_set_intro_stage(db, id, next, &err);
		if (rc == KITH_OK && next == KITH_INTRO_THANKED && k.status == KITH_FSTATUS_OPEN)
			rc = followup_done(db, id, &err);
		if (kdb_batch_end(db, rc == KITH_OK, rc == KITH_OK ? &err : NULL) && rc == KITH_OK)
			rc = err.code;
	}
	if (rc != KITH_OK) {
		engine_error(p->e, "%s", err.msg);
		followup_free(&k);
		return R_BELL | R_REDRAW;
	}
	r |= after(p, "move an introduction", next == KITH_INTRO_THANKED ?
		   "introduction complete: introducer thanked (done)" :
		   next == KITH_INTRO_MET ? "introduction: met" : "introduction: made");
	if (next == KITH_INTRO_MET && k.intro_by_id) {
		struct kith_contact c;
		if (contact_get(db, k.intro_by_id, &c, NULL) == KITH_OK) {
			offer_thanks(p->e, k.intro_by_id, c.display_name);
			contact_free(&c);
		}
	}
	followup_free(&k);
	return r;
}

static enum kith_status
snooze_apply(struct engine *e, const char *until, const char *reason, void *ctx,
	     struct kith_err *err)
{
	struct fid *fi = ctx;
	enum kith_status rc;

	if ((rc = followup_snooze(engine_db(e), fi->id, until, reason, err)))
		return rc;
	engine_msg(e, "snoozed to %s", until);
	engine_after_write(e, "snooze");
	return KITH_OK;
}

enum { DF_DUE, DF_COUNT };
static const struct form_field_def due_fields[DF_COUNT] = {
	[DF_DUE] = { "Due", "fri, 3d, 2w, 2026-04-01 (empty: no date)", form_check_when_optional,
		     false },
};

static int
due_save(struct form *f, struct kith_err *err, int *bad)
{
	struct fid *fi = f->ctx;
	char due[KDATETIME_STR] = "";
	enum kith_status rc;

	if (!str_empty(form_value(f, DF_DUE)) &&
	    !fmt_parse_when(form_value(f, DF_DUE), due, true, err)) {
		*bad = DF_DUE;
		return KITH_INVALID;
	}
	if ((rc = followup_set_due(engine_db(f->e), fi->id, due[0] ? due : NULL, err)))
		return rc;
	engine_msg(f->e, due[0] ? "due %s" : "no due date%s", due);
	engine_after_write(f->e, "change due date");
	return KITH_OK;
}

enum { EF_TITLE, EF_DUE, EF_KIND, EF_DIRECTION, EF_COUNT };
static const struct form_field_def edit_fields[EF_COUNT] = {
	[EF_TITLE] = { "What", NULL, form_check_required, false },
	[EF_DUE] = { "Due", "fri, 3d, 2w, 2026-04-01 (empty: no date)", form_check_when_optional,
		     false },
	[EF_KIND] = FORM_FIELD_FKIND,
	[EF_DIRECTION] = FORM_FIELD_DIRECTION,
};

static int
edit_save(struct form *f, struct kith_err *err, int *bad)
{
	struct fid *fi = f->ctx;
	struct kith_followup k;
	char due[KDATETIME_STR] = "";
	const char *kind = form_value(f, EF_KIND), *dir = form_value(f, EF_DIRECTION);
	enum kith_status rc;

	if (!str_empty(form_value(f, EF_DUE)) &&
	    !fmt_parse_when(form_value(f, EF_DUE), due, true, err)) {
		*bad = EF_DUE;
		return KITH_INVALID;
	}
	if ((rc = followup_get(engine_db(f->e), fi->id, &k, err)))
		return rc;
	str_set(&k.title, form_value(f, EF_TITLE));
	str_set(&k.due, due[0] ? due : NULL);
	k.kind = str_empty(kind) ? KITH_FKIND_OTHER : kith_followup_kind_parse(kind);
	k.direction = str_empty(dir) ? KITH_DIR_NONE : kith_direction_parse(dir);
	rc = followup_update(engine_db(f->e), &k, err);
	followup_free(&k);
	if (!rc) {
		engine_msg(f->e, "follow-up saved");
		engine_after_write(f->e, "edit follow-up");
	}
	return rc;
}

/* What the edit form shows for follow-up r. */
static void
edit_values(const struct row *r, char **out)
{
	const struct kith_followup *k = &r->u.followup;
	const char *vals[EF_COUNT] = {
		[EF_TITLE] = k->title, [EF_DUE] = k->due, [EF_KIND] = kith_followup_kind_name(k->kind),
		[EF_DIRECTION] = kith_direction_name(k->direction),
	};

	form_dup_values(out, vals, EF_COUNT);
}

static const struct row_form edit_row_form = {
	ROW_FOLLOWUP, "Edit follow-up", EF_COUNT, edit_fields, edit_values, edit_save,
};

/* a: a new follow-up; e: edit follow-up id (listpane_def.open_form). */
static void
form_open(struct pane *p, int64_t id)
{
	struct kith_err err;
	struct fid *fi;

	if (!id) {
		forms_followup_open(p->e, 0, NULL);
		return;
	}
	fi = fid_new(id);
	if (form_open_row(p->e, &edit_row_form, id, fi, free, &err) != KITH_OK) {
		engine_error(p->e, "%s", err.msg);
		free(fi);
	}
}

static void
load_detail(struct pane *p, int64_t id, struct page *pg)
{
	struct kith_followup k;

	if (followup_get(engine_db(p->e), id, &k, NULL) != KITH_OK)
		return;
	page_title(pg, "%s", k.title);
	page_add(pg, VS_NORMAL, 0, "status   %s", kith_followup_status_name(k.status));
	page_add(pg, VS_NORMAL, 0, "due      %s", k.due ? k.due : "no date");
	page_add(pg, VS_NORMAL, 0, "kind     %s", kith_followup_kind_name(k.kind));
	if (k.direction != KITH_DIR_NONE)
		page_add(pg, VS_NORMAL, 0, "promise  %s",
			 k.direction == KITH_DIR_OWE ? "I owe this" : "owed to me");
	if (k.intro_stage != KITH_INTRO_NONE)
		page_add(pg, VS_NORMAL, 0, "introduction: %s", kith_intro_stage_name(k.intro_stage));
	if (k.snooze_count)
		page_add(pg, VS_DIM, 0, "snoozed %d time%s%s%s", k.snooze_count,
			 k.snooze_count == 1 ? "" : "s", k.snooze_reason && *k.snooze_reason ? ": " : "",
			 k.snooze_reason ? k.snooze_reason : "");
	if (k.notes && *k.notes)
		page_add(pg, VS_NORMAL, 0, "%.2000s", k.notes);
	page_add(pg, VS_DIM, 0, "created %s", k.created_at);
	followup_free(&k);
}

/* n: log an interaction with the follow-up's contact. Returns reactions. */
static int
log_open(struct pane *p, int64_t id)
{
	struct kith_followup k;
	struct kith_err err;

	kith_err_clear(&err);
	if (followup_get(engine_db(p->e), id, &k, &err) != KITH_OK) {
		engine_error(p->e, "%s", err.msg);
		return R_REDRAW;
	}
	if (k.contact_id)
		forms_log_open(p->e, k.contact_id, listpane_selected_cells(p)[C_WHO]);
	else
		engine_error(p->e, "log: this follow-up is not about a contact");
	followup_free(&k);
	return R_REDRAW;
}

static bool
command(struct pane *p, enum cmd cmd, int64_t id, long n, int *r)
{
	(void)id;
	(void)n;
	if (cmd != CMD_SORT_NEXT)
		return false;
	engine_msg(p->e, "follow-ups keep one order: by due date, in groups");
	*r |= R_REDRAW;
	return true;
}

/* The commands on the selected follow-up (id). */
static bool
row_command(struct pane *p, enum cmd cmd, int64_t id, int *r)
{
	struct followups *f = priv(p);
	struct kith_err err;

	kith_err_clear(&err);
	switch (cmd) {
	case CMD_FOLLOWUP_DONE: {
		int now_st;
		int was = window_group(f, id);
		if (followup_toggle_done(engine_db(p->e), id, &now_st, &err)) {
			engine_error(p->e, "%s", err.msg);
		} else if (now_st == KITH_FSTATUS_DONE && !f->q.include_done) {
			/* it leaves the open list: out of the window, the next row in its
			   place; the rest of the screen is as it was, so it is not read again */
			if (was == G_OVERDUE && f->overdue > 0 && f->overdue <= OVERDUE_CAP)
				f->overdue--;
			if (listpane_drop(p, id, &err) != KITH_OK)
				engine_error(p->e, "%s", err.msg);
			engine_msg(p->e, "done (u undoes)");
			*r |= engine_after_write_shown(p->e, "done", p);
		} else {
			/* done ones shown too: it moves among them; the pane reloads */
			*r |= after(p, now_st == KITH_FSTATUS_DONE ? "done" : "reopen",
				    now_st == KITH_FSTATUS_DONE ? "done (u undoes)" : "reopened");
		}
		*r |= R_REDRAW;
		return true;
	}
	case CMD_INTRO_NEXT:
		*r |= intro_next(p, id);
		return true;
	case CMD_FOLLOWUP_SNOOZE:
		engine_snooze_ask(p->e, "Snooze", snooze_apply, NULL, fid_new(id), free);
		*r |= R_REDRAW;
		return true;
	case CMD_FOLLOWUP_DUE:
		engine_form_open(p->e, "Change the due date", DF_COUNT, due_fields, NULL, due_save,
				 fid_new(id), free);
		*r |= R_REDRAW;
		return true;
	case CMD_LOG:
		*r |= log_open(p, id);
		return true;
	default:
		return false;
	}
}

static const char *
empty_text(struct pane *p)
{
	return listpane_of(p)->match ? "No follow-up matches the search." :
	       "Nothing to follow up. n on a contact logs a talk, f adds a follow-up.";
}

/* "12 open follow-ups (3 overdue)" */
static void
title(struct pane *p, long long total, struct strbuf *sb)
{
	struct followups *f = priv(p);

	sb_printf(sb, "%lld %s%s", total, f->lp.match ? "matching " : f->q.include_done ? "" : "open ",
		  total == 1 ? "follow-up" : "follow-ups");
	if (f->q.include_done && !f->lp.match)
		sb_append(sb, ", done included");
	if (f->overdue > OVERDUE_CAP)
		sb_printf(sb, " (%d+ overdue)", OVERDUE_CAP);
	else if (f->overdue)
		sb_printf(sb, " (%lld overdue)", f->overdue);
}

static const struct listpane_def followups_def = {
	.ncols = C_COUNT, .cols = columns, .fetch = fetch, .count = count, .name_col = C_TITLE,
	.load_detail = load_detail, .command = command, .open_form = form_open,
	.add_cmd = CMD_FOLLOWUP_ADD, .row_command = row_command,
	.prepare = prepare, .set_match = set_match, .empty_text = empty_text, .title = title,
	.row = ROW_FOLLOWUP,
	.del = followup_delete, .del_label = "delete follow-up",
	.del_question = "Delete this follow-up? (y/n)", .del_done = "follow-up deleted (u undoes)",
	.past_flag = offsetof(struct followups, q.include_done),
	.past_shown = "showing done follow-ups too", .past_hidden = "open follow-ups",
};

LISTPANE_DEFINE(followups_pane_ops, "followups", "Follow-ups", "follow-up", "follow-ups",
		VP_FOLLOWUPS, struct followups, followups_def);
