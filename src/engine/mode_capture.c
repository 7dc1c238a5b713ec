/*
 * mode_capture.c: quick capture on the screen (`c`, VM_CAPTURE).
 *
 * Three steps, all in the engine (headless-testable):
 *
 *   edit     a one-line editor; every edit re-parses the line and the
 *            detail area shows what it would save (or the parse error).
 *            Tab completes the @mention before the cursor with contact
 *            names, most recently contacted first (again: the next one).
 *            Enter goes on; Esc cancels.
 *   resolve  each @person in turn: one match is taken; several open a
 *            pick list ("Which dana?") ranked by recent contact, where
 *            typing a filter searches every contact; none asks whether to
 *            create the contact (y/n). Esc or n in either goes back to the
 *            line. ~organisations and the ^event must each match one.
 *   review   the resolved result in the detail area; Enter saves it in
 *            one transaction (one undo step), Esc goes back to the line.
 */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

#include "kith/capture.h"
#include "kith/contact.h"
#include "kith/db.h"
#include "kith/event.h"
#include "kith/org.h"
#include "kith/types.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"

#define COMPL_MAX 20

enum cap_state { CS_EDIT, CS_REVIEW };

struct capture_ui {
	enum cap_state state;
	struct lineedit le;
	struct capture cap;         /* the last good parse of le */
	bool parsed;
	char *error;                /* the parse error, or NULL */
	/*
	** Why the last save (or a look-up before it) failed, or NULL: the
	** input line hides the message line, so the preview shows it, and
	** the text stays until the user saves it or says to discard it.
	*/
	char *failed;
	/* resolution, per person slot (capture_person order) */
	struct capture_resolution res;
	bool *resolved;             /* res.ids[slot] 0 when resolved: a contact to create */
	char *event_title;
	char *summary;              /* with full names, once resolved */
	struct page page;
	/* Tab completion being cycled */
	char **compl;
	int ncompl, compl_pos;
	size_t compl_start;
};

/* A pick or confirm asked about one slot. */
struct cap_ask {
	struct engine *e;
	size_t slot;
	bool answered;
};

static void
slots_free(struct capture_ui *c)
{
	capture_resolution_free(&c->res);
	free(c->resolved);
	free(c->event_title);
	free(c->summary);
	c->resolved = NULL;
	c->event_title = NULL;
	c->summary = NULL;
}

static void
compl_clear(struct capture_ui *c)
{
	for (int i = 0; i < c->ncompl; i++)
		free(c->compl[i]);
	free(c->compl);
	c->compl = NULL;
	c->ncompl = c->compl_pos = 0;
}

static void
mode_capture_free(struct engine *e)
{
	struct capture_ui *c = e->cap;

	if (!c)
		return;
	e->cap = NULL;
	slots_free(c);
	compl_clear(c);
	capture_free(&c->cap);
	free(c->error);
	free(c->failed);
	le_free(&c->le);
	page_free(&c->page);
	free(c);
	if (e->mode == VM_CAPTURE)
		e->mode = engine_base_mode(e);
}

/* ---- the preview ------------------------------------------------------------------ */

static const char *
slot_label(const struct capture_ui *c, size_t slot, struct strbuf *sb)
{
	sb_reset(sb);
	if (c->state == CS_REVIEW && slot < c->res.n) {
		sb_append(sb, c->res.names[slot]);
		if (!c->res.ids[slot])
			sb_append(sb, " (new)");
	} else {
		sb_printf(sb, "@%s", capture_person(&c->cap, slot)->name);
	}
	return sb_str(sb);
}

static void
build_page(struct capture_ui *c)
{
	struct page *pg = &c->page;
	const struct capture *cap = &c->cap;
	struct strbuf sb = { 0 }, tmp = { 0 };
	size_t slot;

	page_clear(pg);
	page_title(pg, c->state == CS_REVIEW ? "Quick capture: save this?" : "Quick capture");
	if (c->failed) {
		page_add(pg, VS_ERROR, 0, "Not saved: %s", c->failed);
		page_add(pg, VS_ERROR, 0, "%s", "The text is kept: Enter tries again.");
		page_add(pg, VS_NORMAL, 0, "%s", "");
	}
	if (!c->parsed) {
		if (c->error && strspn(sb_str(&c->le.text), " \t") < c->le.text.len)
			page_add(pg, VS_ERROR, 0, "%s", c->error);
		page_add(pg, VS_NORMAL, 0, "%s", "");
		page_add(pg, VS_DIM, 0, "%s", "@person  @\"Full Name\"  ~organisation  ^event  #tag");
		page_add(pg, VS_DIM, 0, "%s", "!fri send the draft    (a follow-up: WHEN, then its title)");
		page_add(pg, VS_DIM, 0, "%s", "!owe 2w the report    !owed mon the list    !intro @a>@b");
		page_add(pg, VS_DIM, 0, "%s", "+give  help you gave    +ask  a favour you asked");
		page_add(pg, VS_DIM, 0, "%s", "Other words are the summary: \"coffee about zoning\".");
		page_add(pg, VS_DIM, 0, "%s", "Tab completes @names · Enter goes on · Esc cancels");
		sb_free(&tmp);
		return;
	}
	for (size_t i = 0; i < cap->n_people; i++) {
		bool dup = false;
		for (size_t j = 0; c->state == CS_REVIEW && j < i; j++)
			dup |= c->res.ids[j] == c->res.ids[i] &&
			       (c->res.ids[i] || !strcmp(c->res.names[j], c->res.names[i]));
		if (!dup)
			sb_printf(&sb, "%s%s", sb.len ? ", " : "", slot_label(c, i, &tmp));
	}
	page_add(pg, VS_LABEL, 0, "With");
	page_add(pg, VS_NORMAL, 2, "%s", sb_str(&sb));
	if (cap->n_orgs) {
		sb_reset(&sb);
		for (size_t i = 0; i < cap->n_orgs; i++)
			sb_printf(&sb, "%s~%s", i ? ", " : "", cap->orgs[i].name);
		page_add(pg, VS_LABEL, 0, "Organisations");
		page_add(pg, VS_NORMAL, 2, "%s", sb_str(&sb));
	}
	if (cap->event.name) {
		page_add(pg, VS_LABEL, 0, "Event");
		page_add(pg, VS_NORMAL, 2, "%s", c->event_title ? c->event_title : cap->event.name);
	}
	if (cap->n_tags) {
		sb_reset(&sb);
		for (size_t i = 0; i < cap->n_tags; i++)
			sb_printf(&sb, "%s#%s", i ? " " : "", cap->tags[i]);
		page_add(pg, VS_LABEL, 0, cap->raised ? "Concerns they raised (tags on everyone above)"
			 : "Tags (on everyone above)");
		page_add(pg, VS_NORMAL, 2, "%s", sb_str(&sb));
	}
	if (cap->n_followups)
		page_add(pg, VS_LABEL, 0, "Follow-ups");
	slot = cap->n_people;
	for (size_t i = 0; i < cap->n_followups; i++) {
		const struct capture_followup *f = &cap->followups[i];
		if (f->intro) {
			struct strbuf b = { 0 };
			sb_reset(&sb);
			sb_append(&sb, slot_label(c, slot, &tmp));
			slot_label(c, slot + 1, &b);
			page_add(pg, VS_NORMAL, 2, "Introduce %s to %s%s%s", sb_str(&sb), sb_str(&b),
				 *f->title ? ": " : "", f->title);
			sb_free(&b);
			slot += 2;
			continue;
		}
		page_add(pg, VS_NORMAL, 2, "%s %s  %s  (%s)",
			 f->direction == KITH_DIR_OWE ? "I owe, due" :
			 f->direction == KITH_DIR_OWED ? "Owed to me, due" : "Due", f->due, f->title,
			 slot_label(c, (size_t)f->person, &tmp));
	}
	page_add(pg, VS_LABEL, 0, "Summary (%s%s)", kith_interaction_kind_name(cap->kind),
		 cap->is_private ? ", a private note: kept on this machine, never shared" :
		 cap->exchange == KITH_XCHG_GIVE ? ", help you gave" :
		 cap->exchange == KITH_XCHG_ASK ? ", a favour you asked" : "");
	page_add(pg, VS_NORMAL, 2, "%s", c->summary ? c->summary : cap->summary);
	page_add(pg, VS_NORMAL, 0, "%s", "");
	page_add(pg, VS_DIM, 0, "%s", c->state == CS_REVIEW ? "Enter saves · Esc edits the line" :
		 "Tab completes @names · Enter checks the names · Esc cancels");
	sb_free(&sb);
	sb_free(&tmp);
}

/* Parse the line again (every edit) and rebuild the preview. */
static void
reparse(struct engine *e)
{
	struct capture_ui *c = e->cap;
	struct kith_err err;

	capture_free(&c->cap);
	free(c->error);
	c->error = NULL;
	kith_err_clear(&err);
	c->parsed = capture_parse(c->le.text.buf, c->le.text.len, kdate_today(), &c->cap,
				  &err) == KITH_OK;
	if (!c->parsed)
		c->error = xstrdup(err.msg);
	build_page(c);
}

static int
mode_capture_start(struct engine *e, const char *text)
{
	struct capture_ui *c;

	mode_capture_free(e);
	c = xcalloc(1, sizeof(*c));
	e->cap = c;
	le_set(&c->le, text);
	reparse(e);
	e->mode = VM_CAPTURE;
	return R_REDRAW | R_RELAYOUT;
}

/* Back to the line (from a pick, a question or the review). */
/* An error on the message line and in the preview (which the input line does not hide). */
static void KITH_PRINTF(2, 3)
cap_error(struct engine *e, const char *fmt, ...)
{
	struct capture_ui *c = e->cap;
	struct strbuf sb = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	engine_error(e, "%s", sb_str(&sb));
	if (c) {
		/* The preview is narrow: the database's path (in the title bar
		   already) would push the cause, such as "database or disk is
		   full", past its edge. */
		const char *msg = sb_str(&sb), *db = kdb_path(e->db);
		size_t n = db ? strlen(db) : 0;

		if (n && !strncmp(msg, db, n) && !strncmp(msg + n, ": ", 2))
			msg += n + 2;
		str_set(&c->failed, msg);
	}
	sb_free(&sb);
}

static int
back_to_edit(struct engine *e)
{
	struct capture_ui *c = e->cap;

	if (!c)
		return R_REDRAW;
	c->state = CS_EDIT;
	slots_free(c);
	e->mode = VM_CAPTURE;
	build_page(c);
	return R_REDRAW | R_RELAYOUT;
}

/* ---- resolving ---------------------------------------------------------------------- */

static int resolve_next(struct engine *e, size_t from);

static void
ask_free(void *p)
{
	struct cap_ask *a = p;

	if (!a->answered && a->e->cap)
		back_to_edit(a->e);
	free(a);
}

static void
slot_set(struct capture_ui *c, size_t slot, int64_t id, const char *name)
{
	free(c->res.names[slot]);
	c->res.ids[slot] = id;
	c->res.names[slot] = xstrdup(name);
	c->resolved[slot] = true;
}

static int
pick_add(void *ud, const struct contact_row *row)
{
	struct pick *pk = ud;
	struct strbuf sb = { 0 };

	sb_append(&sb, row->name);
	/* who they are, to tell two Dans apart: "Chair, School Board" */
	if (row->role && *row->role)
		sb_printf(&sb, " · %s%s%s", row->role, row->org && *row->org ? ", " : "",
			  row->org && *row->org ? row->org : "");
	else if (row->org && *row->org)
		sb_printf(&sb, " · %s", row->org);
	sb_printf(&sb, " · %s%.10s", *row->last_at ? "last contact " : "never contacted",
		  row->last_at);
	pick_push(pk, row->id, sb_str(&sb));
	sb_free(&sb);
	return 0;
}

/* The candidates of the mention, or with a filter typed, any contact matching it. */
static int
pick_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	struct engine *e = pick_engine(pk);
	struct cap_ask *a = pk->ctx;
	struct capture_match m;
	enum kith_status rc;

	if (!e->cap || !a)
		return KITH_OK;
	if (!str_empty(filter))
		return contact_candidates(e->db, filter, 50, pick_add, pk, err);
	if ((rc = capture_match_person(e->db, capture_person(&e->cap->cap, a->slot)->name, &m, err)))
		return rc;
	for (int i = 0; i < m.n_cands; i++)
		if ((rc = contact_row_get(e->db, m.cands[i].id, pick_add, pk, err)))
			break;
	capture_match_free(&m);
	return rc;
}

static int
pick_chosen(struct engine *e, int64_t id, void *ctx)
{
	struct cap_ask *a = ctx;
	struct kith_contact ct = { 0 };
	struct kith_err err;

	a->answered = true;
	if (!e->cap)
		return R_REDRAW;
	kith_err_clear(&err);
	if (contact_get(e->db, id, &ct, &err) != KITH_OK) {
		engine_error(e, "%s", err.msg);
		return back_to_edit(e) | R_BELL;
	}
	slot_set(e->cap, a->slot, id, ct.display_name);
	contact_free(&ct);
	e->mode = VM_CAPTURE;
	return resolve_next(e, a->slot + 1);
}

static int
create_yes(struct engine *e, void *ctx)
{
	struct cap_ask *a = ctx;

	a->answered = true;
	if (!e->cap)
		return R_REDRAW;
	slot_set(e->cap, a->slot, 0, capture_person(&e->cap->cap, a->slot)->name);
	e->mode = VM_CAPTURE;
	return resolve_next(e, a->slot + 1);
}

static struct cap_ask *
ask_new(struct engine *e, size_t slot)
{
	struct cap_ask *a = xcalloc(1, sizeof(*a));

	a->e = e;
	a->slot = slot;
	return a;
}

/* Resolve the organisations and the event; false (with a message) if one fails. */
static bool
resolve_others(struct engine *e)
{
	struct capture_ui *c = e->cap;
	struct kith_err err;

	kith_err_clear(&err);
	for (size_t i = 0; i < c->cap.n_orgs; i++)
		if (org_resolve(e->db, c->cap.orgs[i].name, &c->res.org_ids[i], &err) != KITH_OK) {
			cap_error(e, "col %d: ~%s: %s", c->cap.orgs[i].col, c->cap.orgs[i].name,
				     err.msg);
			return false;
		}
	if (c->cap.event.name) {
		struct kith_event ev = { 0 };
		if (event_resolve(e->db, c->cap.event.name, &c->res.event_id, &err) != KITH_OK ||
		    event_get(e->db, c->res.event_id, &ev, &err) != KITH_OK) {
			cap_error(e, "col %d: ^%s: %s", c->cap.event.col, c->cap.event.name, err.msg);
			return false;
		}
		c->event_title = xstrdup(ev.title);
		event_free(&ev);
	}
	if (capture_summary(e->db, &c->cap, c->res.ids, c->res.org_ids, &c->summary, &err) !=
	    KITH_OK) {
		cap_error(e, "%s", err.msg);
		return false;
	}
	return true;
}

/* Resolve the person slots from `from` on; ask when needed; then review. */
static int
resolve_next(struct engine *e, size_t from)
{
	struct capture_ui *c = e->cap;
	struct kith_err err;

	for (size_t i = from; i < c->res.n; i++) {
		const struct capture_mention *m = capture_person(&c->cap, i);
		struct capture_match cm;
		struct strbuf q = { 0 };
		size_t j;

		if (c->resolved[i])
			continue;
		/* the same name typed again is the same person */
		for (j = 0; j < i; j++)
			if (c->resolved[j] && !strcmp(capture_person(&c->cap, j)->name, m->name))
				break;
		if (j < i) {
			slot_set(c, i, c->res.ids[j], c->res.names[j]);
			continue;
		}
		/* a name to create earlier in the line, or a prefix of it, is that one
		   (every slot before i is resolved: ids 0 there means "to create") */
		{
			long same = capture_new_same(&c->cap, c->res.ids, i);

			if (same >= 0) {
				slot_set(c, i, 0, c->res.names[same]);
				continue;
			}
		}
		kith_err_clear(&err);
		if (capture_match_person(e->db, m->name, &cm, &err) != KITH_OK) {
			cap_error(e, "col %d: @%s: %s", m->col, m->name, err.msg);
			return back_to_edit(e) | R_BELL;
		}
		if (cm.found == CAPTURE_ONE) {
			slot_set(c, i, cm.cands[0].id, cm.cands[0].name);
			capture_match_free(&cm);
			continue;
		}
		if (cm.found == CAPTURE_AMBIGUOUS) {
			if (cm.total > CAPTURE_MATCH_MAX)
				sb_printf(&q, "Which %s? (over %d match: / narrows)", m->name,
					  CAPTURE_MATCH_MAX);
			else
				sb_printf(&q, "Which %s? (%d matches)", m->name, cm.total);
			capture_match_free(&cm);
			engine_pick(e, sb_str(&q), pick_source, pick_chosen, ask_new(e, i), ask_free);
		} else {
			int64_t sid;
			char *near = NULL;

			capture_match_free(&cm);
			kith_err_clear(&err);
			/* a typo: say whom it likely means; n goes back to fix the name */
			if (capture_suggest(e->db, m->name, &sid, &near, &err) == KITH_OK && near)
				sb_printf(&q, "No contact matches \"%s\" (did you mean %s?). Create "
					  "\"%s\"? (y/n)", m->name, near, m->name);
			else
				sb_printf(&q, "No contact matches \"%s\". Create it? (y/n)", m->name);
			free(near);
			engine_confirm(e, sb_str(&q), create_yes, ask_new(e, i), ask_free);
		}
		sb_free(&q);
		return R_REDRAW | R_RELAYOUT;
	}
	if (!resolve_others(e))
		return back_to_edit(e) | R_BELL;
	c->state = CS_REVIEW;
	e->mode = VM_CAPTURE;
	build_page(c);
	return R_REDRAW | R_RELAYOUT;
}

static int
resolve_start(struct engine *e)
{
	struct capture_ui *c = e->cap;

	reparse(e);
	if (!c->parsed) {
		engine_error(e, "%s", c->error);
		return R_BELL | R_REDRAW;
	}
	slots_free(c);
	capture_resolution_init(&c->res, &c->cap);
	c->resolved = xcalloc(c->res.n + 1, sizeof(*c->resolved));
	return resolve_next(e, 0);
}

/* ---- saving ---------------------------------------------------------------------- */

static int
save(struct engine *e)
{
	struct capture_ui *c = e->cap;
	struct capture_saved s;
	struct kith_err err;
	struct strbuf msg = { 0 };
	char at[KDATETIME_STR];
	int r;

	kith_err_clear(&err);
	kdatetime_format(kdate_now(), at);
	if (capture_commit(e->db, &c->cap, c->res.ids, c->res.org_ids, c->res.event_id, at, &s,
			   &err) != KITH_OK) {
		cap_error(e, "%s", err.msg);
		return back_to_edit(e) | R_BELL;
	}
	sb_append(&msg, c->cap.is_private ? "Private note (kept on this machine) about " :
		  s.interaction_id ? "Logged with " : "Follow-ups only, nothing logged; for ");
	for (size_t i = 0; i < c->cap.n_people; i++) {
		bool dup = false;
		for (size_t j = 0; j < i; j++)
			dup |= s.person_ids[j] == s.person_ids[i];
		if (!dup)
			sb_printf(&msg, "%s%s", i ? ", " : "", c->res.names[i]);
	}
	if (s.n_created)
		sb_printf(&msg, " (%zu new)", s.n_created);
	if (c->cap.n_followups)
		sb_printf(&msg, "; %zu follow-up%s", c->cap.n_followups,
			  c->cap.n_followups == 1 ? "" : "s");
	capture_saved_free(&s);
	mode_capture_free(e);
	r = engine_after_write(e, "capture");
	engine_msg(e, "%s", sb_str(&msg));
	sb_free(&msg);
	return r | R_REDRAW | R_RELAYOUT;
}

/* ---- Tab completion of @names ---------------------------------------------------------- */

static int
compl_add(void *ud, const struct contact_row *row)
{
	struct capture_ui *c = ud;

	if (c->ncompl < COMPL_MAX) {
		c->compl = xreallocarray(c->compl, (size_t)c->ncompl + 1, sizeof(*c->compl));
		c->compl[c->ncompl++] = xstrdup(row->name);
	}
	return 0;
}

/* Where the @mention being typed starts (before the cursor), or false. */
static bool
mention_start(const struct capture_ui *c, size_t *start)
{
	const char *s = sb_str(&c->le.text);
	size_t cur = c->le.cursor;

	for (size_t i = cur; i-- > 0;) {
		if (s[i] != '@' || (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\t'))
			continue;
		/* unquoted: no space up to the cursor; quoted: no closing quote */
		if (s[i + 1] == '"' ? memchr(s + i + 2, '"', cur > i + 2 ? cur - i - 2 : 0) == NULL
				    : strcspn(s + i, " \t") >= cur - i) {
			*start = i;
			return true;
		}
		return false;
	}
	return false;
}

static void
compl_apply(struct engine *e)
{
	struct capture_ui *c = e->cap;
	const char *name = c->compl[c->compl_pos];
	struct strbuf sb = { 0 };
	const char *s = sb_str(&c->le.text);
	size_t end = c->le.cursor, cursor;

	sb_appendn(&sb, s, c->compl_start);
	if (strpbrk(name, " \t\"") || !*name)
		sb_printf(&sb, "@\"%s\"", name);
	else
		sb_printf(&sb, "@%s", name);
	cursor = sb.len;
	sb_append(&sb, s + end);
	le_set(&c->le, sb_str(&sb));
	c->le.cursor = cursor;
	sb_free(&sb);
}

static int
complete(struct engine *e)
{
	struct capture_ui *c = e->cap;
	struct kith_err err;
	struct strbuf list = { 0 };
	size_t start;
	char *prefix;

	if (c->ncompl > 0) {            /* Tab again: the next candidate */
		c->compl_pos = (c->compl_pos + 1) % c->ncompl;
		compl_apply(e);
		reparse(e);
		return R_REDRAW;
	}
	if (!mention_start(c, &start))
		return R_BELL;
	prefix = xstrndup(sb_str(&c->le.text) + start + 1, c->le.cursor - start - 1);
	if (prefix[0] == '"')
		memmove(prefix, prefix + 1, strlen(prefix));
	kith_err_clear(&err);
	if (contact_candidates(e->db, prefix, COMPL_MAX, compl_add, c, &err) != KITH_OK) {
		free(prefix);
		engine_error(e, "%s", err.msg);
		return R_BELL | R_REDRAW;
	}
	free(prefix);
	if (c->ncompl == 0) {
		engine_msg(e, "No contact matches");
		return R_BELL | R_REDRAW;
	}
	c->compl_start = start;
	c->compl_pos = 0;
	compl_apply(e);
	reparse(e);
	for (int i = 0; i < c->ncompl && i < 6; i++)
		sb_printf(&list, "%s%s", i ? ", " : "", c->compl[i]);
	if (c->ncompl > 1)
		engine_msg(e, "Tab: %s%s", sb_str(&list), c->ncompl > 6 ? ", ..." : "");
	sb_free(&list);
	return R_REDRAW;
}

/* ---- keys and the view -------------------------------------------------------------- */

static int
discard_yes(struct engine *e, void *ctx)
{
	struct cap_ask *a = ctx;

	if (a)
		a->answered = true;
	mode_capture_free(e);
	engine_msg(e, "Capture cancelled");
	return R_REDRAW | R_RELAYOUT;
}

static int
mode_capture_key(struct engine *e, struct kkey k)
{
	struct capture_ui *c = e->cap;
	enum le_edit ed;

	if (!c) {
		e->mode = engine_base_mode(e);
		return R_REDRAW | R_RELAYOUT;
	}
	if (c->state == CS_REVIEW) {
		if (k.type == KK_ENTER)
			return save(e);
		if (k.type == KK_ESC)
			return back_to_edit(e);
		return R_BELL;
	}
	if (k.type == KK_TAB)
		return complete(e);
	compl_clear(c);
	if (k.type == KK_ENTER)
		return resolve_start(e);
	if (k.type == KK_ESC && c->failed) {
		/* n or Esc goes back to the line (ask_free) */
		engine_confirm(e, "Discard this capture? It was not saved. (y/n)", discard_yes,
			       ask_new(e, 0), ask_free);
		return R_REDRAW | R_RELAYOUT;
	}
	if (k.type == KK_ESC)
		return discard_yes(e, NULL);
	if ((ed = le_edit(&c->le, k)) == LE_CHANGED)
		reparse(e);
	return ed == LE_NOT_EDIT ? R_BELL : R_REDRAW;
}

/* The line and the preview (also under a pick list or question it opened). */
static void
mode_capture_fill_view(struct engine *e, struct view *v)
{
	struct capture_ui *c = e->cap;

	if (!c)
		return;
	page_fill_view(&c->page, &v->detail);
	v->detail_open = true;
	if (e->mode == VM_CAPTURE) {
		v->input.prompt = c->state == CS_REVIEW ? "save? " : "capture: ";
		v->input.text = sb_str(&c->le.text);
		v->input.cursor = (int)c->le.cursor;
	}
}

static void
capture_hint(struct engine *e, struct strbuf *hint)
{
	sb_append(hint, e->cap && e->cap->state == CS_REVIEW ? "Enter save · Esc edit" :
		  "Tab complete @name · Enter check · Esc cancel");
}

const struct mode_ops capture_mode_ops = {
	.name = "CAPTURE",
	.keymap = KM_CURRENT_PANE,
	.generic = true,
	.cmd = CMD_CAPTURE,
	.start = mode_capture_start,
	.key = mode_capture_key,
	.fill_view = mode_capture_fill_view,
	.hint = capture_hint,
	.free = mode_capture_free,
};
