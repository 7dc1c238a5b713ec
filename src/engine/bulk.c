/*
 * bulk.c: marks by search and bulk actions on the marked rows.
 *
 * Model. A list pane keeps its marked ids (struct marks, `t`); its
 * pane_ops->marks hook hands them here with its list. `T` and `:mark TEXT`
 * filter the list by TEXT and mark every row of it (the whole list, paged
 * through its fetch callback); in Contacts a TEXT with field terms is a
 * query (kith/query.h, `:mark tag:school-board -tier:A`) and marks whom
 * it selects, without filtering the list. `zu` unmarks all. `;` arms a prefix: the
 * next command (a key, or `:` then a command line) is applied to every
 * marked row, and `:bulk COMMAND [ARG]` does the same in one line. Each
 * bulk action is one call of a src/db bulk writer (kith/bulk.h) over a
 * copy of the marked ids: one transaction, one undo step, labelled with
 * what the status line says ("tagged 3 people with housing"). The marks
 * are cleared after a bulk action succeeds, so the next `;` never applies
 * to a set the user no longer sees as chosen.
 *
 * The contact commands tag, tier, invite, export and map-place (in
 * Contacts) live here too: without `;` they apply to the selected contact
 * alone. Export reads only: it writes a file (vCard or CSV by its name,
 * 0600, through safefile) and no undo step.
 */
#include "panes.h"
#include "bulk.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/bulk.h"
#include "kith/event.h"
#include "kith/io.h"
#include "kith/powermap.h"
#include "kith/query.h"
#include "kith/query_db.h"
#include "kith/safefile.h"
#include "kith/xalloc.h"

/* One bulk action waiting for its argument (a form, a pick list, a question). */
struct bulk_job {
	enum cmd cmd;
	enum view_pane pane;
	bool marked;                /* the ids are the pane's marks: clear them after */
	size_t n;
	int64_t ids[];              /* n of them, allocated with the job: free() frees it all */
};

static struct bulk_job *
job_new(enum cmd cmd, enum view_pane pane, const int64_t *ids, size_t n, bool marked)
{
	struct bulk_job *j = xcalloc(1, sizeof *j + n * sizeof *ids);

	j->cmd = cmd;
	j->pane = pane;
	j->n = n;
	memcpy(j->ids, ids, n * sizeof *ids);
	j->marked = marked;
	return j;
}

/* "person"/"people", "event"/"events", "follow-up"/"follow-ups". */
static const char *
noun(enum view_pane vp, long n)
{
	switch (vp) {
	case VP_CONTACTS:  return n == 1 ? "person" : "people";
	case VP_EVENTS:    return n == 1 ? "event" : "events";
	case VP_GOALS:     return n == 1 ? "goal" : "goals";
	default:           return n == 1 ? "follow-up" : "follow-ups";
	}
}

static struct marks *
pane_marks(struct engine *e, enum view_pane vp, struct listwin **lw)
{
	struct pane *p = &e->panes[vp];

	if (!p->ops->marks || !p->opened)
		return NULL;
	return p->ops->marks(p, lw);
}

/*
** A bulk write succeeded: its change becomes one undo step labelled as the
** status line says it, and the marks it applied to are cleared.
*/
static int
job_done(struct engine *e, const struct bulk_job *j, const char *fmt, ...) KITH_PRINTF(3, 4);

static int
job_done(struct engine *e, const struct bulk_job *j, const char *fmt, ...)
{
	struct listwin *lw;
	struct marks *m;
	char what[300];
	va_list ap;
	int r;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (j->marked && (m = pane_marks(e, j->pane, &lw)))
		marks_free(m);
	r = engine_after_write(e, what);
	engine_msg(e, "%s", what);
	return r | R_REDRAW;
}

static int
job_error(struct engine *e, const char *what, const struct kith_err *err)
{
	engine_error(e, "%s: %s; nothing was changed", what, err->msg[0] ? err->msg : "failed");
	return R_BELL | R_REDRAW;
}

/* ---- actions that take a word (tag, tier, snooze) ------------------------------ */

/* Parse a tier word: "A".."D" (any case), "none" or "-" (0). */
static bool
tier_parse(const char *s, char *tier)
{
	if (!strcmp(s, "none") || !strcmp(s, "-")) {
		*tier = 0;
		return true;
	}
	if (strlen(s) == 1 && strchr("ABCDabcd", s[0])) {
		*tier = (char)(s[0] & ~0x20);
		return true;
	}
	return false;
}

/* Write contacts ids (ascending) to path, as vCard or CSV by its name, 0600. */
static enum kith_status
export_ids(struct kdb *db, const int64_t *ids, size_t n, const char *path, struct kith_err *err)
{
	struct io_export_opts o = { .format = io_format_sniff("", 0, path), .vcard_version = 40,
				    .ids = ids, .n_ids = n };
	struct safefile sf = { 0 };
	enum kith_status rc;

	if (str_empty(path))
		return kith_err_set(err, KITH_INVALID, "file: a name is needed");
	if (o.format != IO_FMT_VCF && o.format != IO_FMT_CSV)
		return kith_err_set(err, KITH_INVALID, "%s: name it .vcf (vCard) or .csv", path);
	if ((rc = safefile_open(&sf, path, err)))
		return rc;
	if ((rc = io_export(db, sf.f, &o, err))) {
		safefile_abort(&sf);
		return rc;
	}
	return safefile_commit(&sf, err);
}

/*
** Apply a job that takes a word. KITH_OK after a write (message set);
** otherwise err says what is wrong and nothing changed.
*/
static enum kith_status
apply_word(struct engine *e, const struct bulk_job *j, const char *word, int *r,
	   struct kith_err *err)
{
	struct kdb *db = engine_db(e);
	char buf[64], due[KDATETIME_STR];
	char *w = xstrdup(word ? word : "");
	enum kith_status rc = KITH_OK;
	const char *t = str_trim(w);
	int n = 0;

	switch (j->cmd) {
	case CMD_TAG:
		if ((rc = bulk_tag(db, j->ids, j->n, t, &n, err)) == KITH_OK && n == 0)
			*r |= job_done(e, j, "already tagged %s: nothing changed", t);
		else if (rc == KITH_OK)
			*r |= job_done(e, j, "tagged %d %s with %s", n, noun(j->pane, n), t);
		break;
	case CMD_TIER: {
		char tier;
		if (!tier_parse(t, &tier)) {
			rc = kith_err_set(err, KITH_INVALID, "tier %.20s: A, B, C, D or none", t);
			break;
		}
		if ((rc = bulk_tier(db, j->ids, j->n, tier, &n, err)) != KITH_OK)
			break;
		if (tier)
			snprintf(buf, sizeof buf, "set tier %c for", tier);
		else
			snprintf(buf, sizeof buf, "cleared the tier of");
		*r |= job_done(e, j, "%s %d %s", buf, n, noun(j->pane, n));
		break;
	}
	case CMD_FOLLOWUP_SNOOZE:
		if (!fmt_parse_when(t, due, true, err)) {
			rc = KITH_INVALID;
			break;
		}
		if ((rc = bulk_followup_snooze(db, j->ids, j->n, due, NULL, &n, err)) == KITH_OK)
			*r |= job_done(e, j, "snoozed %d %s to %s", n, noun(j->pane, n), due);
		break;
	case CMD_EXPORT:
		if ((rc = export_ids(db, j->ids, j->n, t, err)) == KITH_OK)
			*r |= job_done(e, j, "exported %zu %s to %s", j->n, noun(j->pane, (long)j->n), t);
		break;
	default:
		rc = kith_err_set(err, KITH_INVALID, "%s: takes no word", cmd_name(j->cmd));
	}
	free(w);
	return rc;
}

enum { WF_WORD, WF_COUNT };

static const char *
check_tier_word(struct form *f, int field, const char *text)
{
	char tier;

	(void)field;
	if (!str_empty(text) && tier_parse(text, &tier))
		return NULL;
	return form_msg(f, "tier %.10s: A, B, C, D or none", text ? text : "");
}

static const struct form_field_def tag_field[WF_COUNT] = {
	[WF_WORD] = { "Tag", "housing, district-3, donor", form_check_required, false },
};
static const struct form_field_def tier_field[WF_COUNT] = {
	[WF_WORD] = { "Tier", "A, B, C, D or none", check_tier_word, false },
};
static const struct form_field_def export_field[WF_COUNT] = {
	[WF_WORD] = { "File", "contacts.vcf or contacts.csv", form_check_required, false },
};

static int
word_save(struct form *f, struct kith_err *err, int *bad)
{
	int r = 0;
	enum kith_status rc = apply_word(f->e, f->ctx, form_value(f, WF_WORD), &r, err);

	if (rc)
		*bad = WF_WORD;
	return rc;
}

static enum kith_status
snooze_apply(struct engine *e, const char *until, const char *reason, void *ctx,
	     struct kith_err *err)
{
	const struct bulk_job *j = ctx;
	enum kith_status rc;
	int n = 0;

	if ((rc = bulk_followup_snooze(engine_db(e), j->ids, j->n, until, reason, &n, err)) ==
	    KITH_OK)
		job_done(e, j, "snoozed %d %s to %s", n, noun(j->pane, n), until);
	return rc;
}

static int
ask_word(struct engine *e, struct bulk_job *j)
{
	const struct form_field_def *def = j->cmd == CMD_TAG ? tag_field :
					   j->cmd == CMD_TIER ? tier_field : export_field;
	const char *verb = j->cmd == CMD_TAG ? "Tag" : j->cmd == CMD_TIER ? "Set the tier of" :
			   j->cmd == CMD_EXPORT ? "Export" : "Snooze";
	struct strbuf title = { 0 };

	sb_printf(&title, "%s %zu %s", verb, j->n, noun(j->pane, (long)j->n));
	if (j->cmd == CMD_FOLLOWUP_SNOOZE)    /* the pick list every snooze uses */
		engine_snooze_ask(e, sb_str(&title), snooze_apply, NULL, j, free);
	else
		engine_form_open(e, sb_str(&title), WF_COUNT, def, NULL, word_save, j, free);
	sb_free(&title);
	return R_REDRAW | R_RELAYOUT;
}

/* ---- actions that pick a map or an event ------------------------------------------- */

static enum kith_status
apply_target(struct engine *e, const struct bulk_job *j, int64_t target, int *r,
	     struct kith_err *err)
{
	struct kdb *db = engine_db(e);
	enum kith_status rc;
	int n = 0;

	if (j->cmd == CMD_MAP_PLACE) {
		struct kith_map m;
		if ((rc = map_get(db, target, &m, err)))
			return rc;
		rc = bulk_place(db, target, j->ids, j->n, NULL, &n, err);
		if (rc == KITH_OK && (size_t)n < j->n)
			*r |= job_done(e, j, "placed %d %s on %s (%zu there already)", n,
				       noun(j->pane, n), m.name, j->n - (size_t)n);
		else if (rc == KITH_OK)
			*r |= job_done(e, j, "placed %d %s on %s", n, noun(j->pane, n), m.name);
		map_free(&m);
		return rc;
	}
	{
		struct kith_event ev;
		if ((rc = event_get(db, target, &ev, err)))
			return rc;
		rc = bulk_invite(db, target, j->ids, j->n, &n, err);
		if (rc == KITH_OK)
			*r |= job_done(e, j, "invited %d %s to %s", n, noun(j->pane, n), ev.title);
		event_free(&ev);
		return rc;
	}
}

static int
target_chosen(struct engine *e, int64_t id, void *ctx)
{
	struct kith_err err;
	int r = R_REDRAW | R_RELAYOUT;

	kith_err_clear(&err);
	if (apply_target(e, ctx, id, &r, &err))
		r |= job_error(e, cmd_name(((struct bulk_job *)ctx)->cmd), &err);
	return r;
}

static int
event_item(void *ud, const struct event_row *ev)
{
	char label[300];

	snprintf(label, sizeof label, "%s  %s", ev->start_at, ev->title);
	pick_push(ud, ev->id, label);
	return 0;
}

static int
event_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	struct event_query q = { .match = str_empty(filter) ? NULL : filter };

	return event_list(engine_db(pick_engine(pk)), &q, 0, 1, 200, event_item, pk, err);
}

static int
ask_target(struct engine *e, struct bulk_job *j, const char *arg)
{
	struct kith_err err;
	struct strbuf title = { 0 };
	int64_t id = 0;
	int r = R_REDRAW | R_RELAYOUT;
	enum kith_status rc;

	kith_err_clear(&err);
	if (!str_empty(arg)) {      /* :map-place NAME, :invite EVENT */
		rc = j->cmd == CMD_MAP_PLACE ? map_resolve(engine_db(e), arg, &id, &err) :
					       event_resolve(engine_db(e), arg, &id, &err);
		if (rc == KITH_OK)
			rc = apply_target(e, j, id, &r, &err);
		if (rc)
			r |= job_error(e, cmd_name(j->cmd), &err);
		free(j);
		return r;
	}
	if (j->cmd == CMD_MAP_PLACE) {
		sb_printf(&title, "Place %zu %s on which map?", j->n, noun(j->pane, (long)j->n));
		engine_pick_map(e, sb_str(&title), target_chosen, j, free);
	} else {
		sb_printf(&title, "Invite %zu %s to which event?", j->n, noun(j->pane, (long)j->n));
		engine_pick(e, sb_str(&title), event_source, target_chosen, j, free);
	}
	sb_free(&title);
	return r;
}

/* ---- done, delete, log ------------------------------------------------------------ */

static int
delete_yes(struct engine *e, void *ctx)
{
	const struct bulk_job *j = ctx;
	static const enum bulk_kind kinds[VP_COUNT_] = {
		[VP_CONTACTS] = BULK_CONTACT, [VP_EVENTS] = BULK_EVENT,
		[VP_FOLLOWUPS] = BULK_FOLLOWUP,
	};
	struct kith_err err;
	int n = 0;

	kith_err_clear(&err);
	if (bulk_delete(engine_db(e), kinds[j->pane], j->ids, j->n, &n, &err))
		return job_error(e, "delete", &err);
	return job_done(e, j, "deleted %d %s", n, noun(j->pane, n));
}

static int
ask_delete(struct engine *e, struct bulk_job *j)
{
	struct strbuf q = { 0 };
	int r;

	if (!engine_opt_int(e, "confirm.delete")) {
		r = delete_yes(e, j);
		free(j);
		return r;
	}
	sb_printf(&q, "Delete %zu %s%s? (y/n)", j->n, noun(j->pane, (long)j->n),
		  j->pane == VP_CONTACTS ? " and their history" : "");
	engine_confirm(e, sb_str(&q), delete_yes, j, free);
	sb_free(&q);
	return R_REDRAW | R_RELAYOUT;
}

static int
apply_done(struct engine *e, struct bulk_job *j)
{
	struct kith_err err;
	int n = 0, r;

	kith_err_clear(&err);
	if (bulk_followup_done(engine_db(e), j->ids, j->n, &n, &err))
		r = job_error(e, "done", &err);
	else
		r = job_done(e, j, "marked %d %s done", n, noun(j->pane, n));
	free(j);
	return r;
}

/* After the group log form saved: the marks it applied to go. */
static int
log_after(struct engine *e, void *ctx)
{
	struct listwin *lw;
	struct marks *m = pane_marks(e, *(const enum view_pane *)ctx, &lw);

	if (m)
		marks_free(m);
	return R_REDRAW;
}

/* ---- running a command on ids ----------------------------------------------------- */

/* Does cmd apply to the rows of pane vp in bulk? */
static bool
applies(enum cmd cmd, enum view_pane vp)
{
	switch (cmd) {
	case CMD_TAG: case CMD_TIER: case CMD_LOG: case CMD_MAP_PLACE: case CMD_INVITE:
	case CMD_EXPORT:
		return vp == VP_CONTACTS;
	case CMD_FOLLOWUP_DONE: case CMD_FOLLOWUP_SNOOZE:
		return vp == VP_FOLLOWUPS;
	case CMD_DELETE:
		return vp != VP_GOALS;      /* a goal is deleted alone (D) */
	default:
		return false;
	}
}

/* Run cmd on ids (a copy is taken); arg from the ':' line or NULL. */
static int
run_on(struct engine *e, enum cmd cmd, enum view_pane vp, const int64_t *ids, size_t n,
       bool marked, const char *arg)
{
	static const enum view_pane panes[] = { VP_CONTACTS, VP_EVENTS, VP_MAP, VP_FOLLOWUPS };
	struct bulk_job *j;
	struct kith_err err;
	int r = R_REDRAW;

	if (!applies(cmd, vp)) {
		engine_error(e, "%s: not a bulk action on %s (; applies tag, tier, log, map-place, "
			     "invite, export, followup-done, followup-snooze or delete)", cmd_name(cmd),
			     noun(vp, 2));
		return R_BELL | R_REDRAW;
	}
	j = job_new(cmd, vp, ids, n, marked);
	switch (cmd) {
	case CMD_TAG: case CMD_TIER: case CMD_FOLLOWUP_SNOOZE: case CMD_EXPORT:
		if (str_empty(arg))
			return ask_word(e, j);
		kith_err_clear(&err);
		if (apply_word(e, j, arg, &r, &err))
			r |= job_error(e, cmd_name(cmd), &err);
		free(j);
		return r;
	case CMD_MAP_PLACE: case CMD_INVITE:
		return ask_target(e, j, arg);
	case CMD_FOLLOWUP_DONE:
		return apply_done(e, j);
	case CMD_DELETE:
		return ask_delete(e, j);
	case CMD_LOG:
		forms_log_open_many(e, j->ids, j->n, marked ? log_after : NULL,
				    (void *)&panes[vp]);
		free(j);
		return R_REDRAW | R_RELAYOUT;
	default:
		free(j);
		return R_BELL;
	}
}

/* Apply cmd to the marks of the current pane. */
static int
run_marked(struct engine *e, enum cmd cmd, const char *arg)
{
	struct listwin *lw;
	struct marks *m = pane_marks(e, e->cur, &lw);

	if (!m || m->n == 0) {
		engine_error(e, "Nothing marked: t marks a row, T every row matching a search");
		return R_BELL | R_REDRAW;
	}
	return run_on(e, cmd, e->cur, m->ids, (size_t)m->n, true, arg);
}

/* `:bulk COMMAND [ARG]`: the command by name, then its argument. */
static int
run_line(struct engine *e, const char *line)
{
	char *copy = xstrdup(line), *name = str_trim(copy), *rest = name;
	enum cmd cmd;
	int r;

	while (*rest && *rest != ' ' && *rest != '\t')
		rest++;
	if (*rest)
		*rest++ = '\0';
	cmd = cmd_lookup(name);
	if (cmd == CMD_NONE) {
		engine_error(e, "bulk %s: no such command", name);
		free(copy);
		return R_BELL | R_REDRAW;
	}
	r = run_marked(e, cmd, str_trim(rest));
	free(copy);
	return r;
}

/* ---- marks by search ---------------------------------------------------------------- */

/* The ids of a whole list, gathered before they are merged into the marks. */
struct idvec {
	int64_t *v;
	int n, cap;
};

static void
gather_id(void *ud, int64_t id)
{
	struct idvec *iv = ud;

	if (iv->n == iv->cap) {
		iv->cap = iv->cap ? iv->cap * 2 : 256;
		iv->v = xreallocarray(iv->v, (size_t)iv->cap, sizeof *iv->v);
	}
	iv->v[iv->n++] = id;
}

static int
gather_query_id(void *ud, int64_t id)
{
	gather_id(ud, id);
	return 0;
}

/* `:mark QUERY` in Contacts, a query with fields (kith/query.h): mark whom it selects. */
static int
mark_query(struct engine *e, struct marks *m, const char *text)
{
	struct kith_err err;
	struct idvec all = { 0 };
	int added;

	kith_err_clear(&err);
	if (query_select_text(engine_db(e), text, 0, gather_query_id, &all, &err) != KITH_OK) {
		engine_error(e, "mark: %s", err.msg);
		free(all.v);
		return R_BELL | R_REDRAW;
	}
	added = marks_merge(m, all.v, all.n);
	free(all.v);
	engine_msg(e, "marked %d %s selected by %s · %d marked", added, noun(VP_CONTACTS, added),
		   text, m->n);
	return R_REDRAW;
}

/*
** `:mark TEXT`: filter the list by TEXT (as / does) and mark every match;
** in Contacts a query with fields marks whom it selects.
*/
static int
mark_matching(struct engine *e, struct pane *p, struct marks *m, struct listwin *lw,
	      const char *text)
{
	struct kith_err err;
	struct idvec all = { 0 };
	int added;

	if (e->cur == VP_CONTACTS && query_text_has_fields(text))
		return mark_query(e, m, text);
	kith_err_clear(&err);
	if (!p->ops->filter) {
		engine_error(e, "mark: the %s pane has no search", p->ops->title);
		return R_BELL | R_REDRAW;
	}
	str_set(&e->search_text[e->cur], text);
	if (p->ops->filter(p, text, &err) != KITH_OK ||
	    lw_each_id(p, lw, gather_id, &all, &err) != KITH_OK) {
		engine_error(e, "mark %s: %s", text, err.msg);
		free(all.v);
		return R_BELL | R_REDRAW;
	}
	added = marks_merge(m, all.v, all.n);
	free(all.v);
	engine_msg(e, "marked %d matching \"%s\" · %d marked (Esc shows every row)", added,
		   text, m->n);
	return R_REDRAW | R_RELAYOUT;
}

/* The selected row alone, for a contact command given without `;`. */
static int
run_selected(struct engine *e, enum cmd cmd, struct listwin *lw, const char *arg)
{
	int64_t id = lw_selected_id(lw);

	if (!id) {
		engine_error(e, "%s: no contact selected", cmd_name(cmd));
		return R_BELL | R_REDRAW;
	}
	return run_on(e, cmd, e->cur, &id, 1, false, arg);
}

bool
bulk_command(struct engine *e, enum cmd cmd, long count, const char *arg, int *r)
{
	struct pane *p = engine_pane(e);
	struct listwin *lw = NULL;
	struct marks *m = pane_marks(e, e->cur, &lw);

	(void)count;
	if (e->bulk_next) {         /* the command after `;` */
		e->bulk_next = false;
		if (cmd == CMD_BACK) {
			engine_msg(e, "bulk action cancelled");
			*r = R_REDRAW;
		} else if (cmd == CMD_COMMAND_LINE) {
			*r = engine_mode_start(e, VM_COMMAND, NULL);
			le_set(&e->input, "bulk ");
		} else {
			*r = run_marked(e, cmd, arg);
		}
		return true;
	}
	if (cmd == CMD_BULK) {
		if (!m) {
			engine_error(e, "bulk: the %s pane has no marks", p->ops->title);
			*r = R_BELL | R_REDRAW;
		} else if (!str_empty(arg)) {
			*r = run_line(e, arg);
		} else if (m->n == 0) {
			*r = run_marked(e, cmd, NULL);
		} else {
			e->bulk_next = true;
			engine_msg(e, "; %d marked: the next command applies to all of them (Esc cancels)",
				   m->n);
			*r = R_REDRAW;
		}
		return true;
	}
	if (!m)
		return false;
	switch (cmd) {
	case CMD_MARK:
		if (str_empty(arg))
			return false;       /* the pane toggles the selected row */
		*r = mark_matching(e, p, m, lw, arg);
		return true;
	case CMD_MARK_MATCHES: {
		struct strbuf line = { 0 };
		const char *now = e->search_text[e->cur];
		sb_printf(&line, "mark %s", now ? now : "");
		*r = engine_mode_start(e, VM_COMMAND, NULL);
		le_set(&e->input, sb_str(&line));
		sb_free(&line);
		return true;
	}
	case CMD_MARK_CLEAR:
		engine_msg(e, "unmarked %d %s", m->n, noun(e->cur, m->n));
		marks_free(m);
		*r = R_REDRAW;
		return true;
	case CMD_TAG: case CMD_TIER: case CMD_INVITE: case CMD_MAP_PLACE: case CMD_EXPORT:
		if (e->cur != VP_CONTACTS)
			return false;
		*r = run_selected(e, cmd, lw, arg);
		return true;
	default:
		return false;
	}
}
