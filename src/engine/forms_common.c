/*
 * forms_common.c: field validators, and the forms more than one pane opens
 * (log an interaction, add a follow-up).
 */
#include "panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/contact.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

const char *
form_check_required(struct form *f, int field, const char *text)
{
	char *t = xstrdup(text ? text : "");
	bool blank = !*str_trim(t);

	(void)f;
	(void)field;
	free(t);
	return blank ? "required" : NULL;
}

const char *
form_check_when(struct form *f, int field, const char *text)
{
	char out[KDATETIME_STR];
	struct kith_err err;

	(void)field;
	if (str_empty(text))
		return "required (today, fri, 3d, YYYY-MM-DD)";
	if (!fmt_parse_when(text, out, false, &err))
		return form_msg(f, "%s", err.msg);
	return NULL;
}

const char *
form_check_when_optional(struct form *f, int field, const char *text)
{
	return str_empty(text) ? NULL : form_check_when(f, field, text);
}

const char *
form_check_tier(struct form *f, int field, const char *text)
{
	(void)field;
	if (str_empty(text))
		return NULL;
	if (strlen(text) != 1 || !strchr("ABCDabcd", text[0]))
		return form_msg(f, "tier %.10s: must be A, B, C or D", text);
	return NULL;
}

/* The way field: empty (by kind), out, reply (= in), in, both, none; -1 if none of them. */
static int
way_parse(const char *text)
{
	if (str_empty(text))
		return KITH_IWAY_AUTO;
	if (!strcmp(text, "reply"))
		return KITH_IWAY_IN;
	return kith_interaction_way_parse(text);
}

/* A field of a few words: NULL if parse takes text, else "TEXT: the words". */
static const char *
check_words(struct form *f, const char *text, int (*parse)(const char *), const char *words)
{
	return parse(text) >= 0 ? NULL : form_msg(f, "%.20s: %s", text, words);
}

static const char *
check_way(struct form *f, int field, const char *text)
{
	(void)field;
	return check_words(f, text, way_parse, "out (no answer yet), reply (they answered), both, "
			   "none, or empty (by the kind)");
}

struct contact_ctx {
	int64_t contact_id;
	bool guard_asked;           /* the guard's question was shown: Enter again logs */
	size_t n;
	int64_t ids[];              /* a group log (bulk): every contact, n of them */
};

/* Open a form about one person (contact_id) or several (ids[0..n)); returns it. */
static struct form *
contact_form(struct engine *e, const char *title, int nfields, const struct form_field_def *defs,
	     const char *const *init, form_save_fn save, int64_t contact_id, const int64_t *ids,
	     size_t n)
{
	struct contact_ctx *ctx = xcalloc(1, sizeof *ctx + n * sizeof *ids);

	ctx->contact_id = contact_id;
	ctx->n = n;
	if (n)
		memcpy(ctx->ids, ids, n * sizeof *ids);
	engine_form_open(e, title, nfields, defs, init, save, ctx, free);
	return e->form;
}

/* ---- log an interaction ------------------------------------------------------- */

enum { LF_WHEN, LF_KIND, LF_SUMMARY, LF_BODY, LF_FOLLOWUP, LF_WAY, LF_EXCHANGE, LF_PRIVATE,
       LF_COUNT };

/* The Private field: "yes" (or "y", "private"), "no" or empty; -1 anything else. */
static int
private_parse(const char *text)
{
	if (str_empty(text) || !strcasecmp(text, "no") || !strcasecmp(text, "n"))
		return 0;
	if (!strcasecmp(text, "yes") || !strcasecmp(text, "y") || !strcasecmp(text, "private"))
		return 1;
	return -1;
}

static const char *
check_private(struct form *f, int field, const char *text)
{
	(void)field;
	return check_words(f, text, private_parse,
			   "yes (a private note, kept on this machine), or empty");
}

/* "give", "ask" (with or without the + of capture), or empty: neither. */
static int
exchange_parse(const char *text)
{
	if (str_empty(text))
		return KITH_XCHG_NONE;
	return kith_exchange_parse(text + (*text == '+'));
}

static const char *
check_exchange(struct form *f, int field, const char *text)
{
	(void)field;
	return check_words(f, text, exchange_parse,
			   "give (help you gave), ask (a favour you asked), or empty");
}

static const struct form_field_def log_fields[LF_COUNT] = {
	[LF_WHEN] = { "When", "today, yesterday, 2026-03-01 14:00", form_check_when, false },
	[LF_KIND] = { "Kind", "call, email, meeting, coffee, event, message, social, note", NULL,
		      false, kith_interaction_kind_parse,
		      "one of call, email, meeting, coffee, event, message, social, note" },
	[LF_SUMMARY] = { "Summary", "one line", form_check_required, false },
	[LF_BODY] = { "Notes", "E opens $EDITOR", NULL, true },
	[LF_FOLLOWUP] = { "Follow up", "optional: fri, 3d, 2026-04-01", form_check_when_optional,
			  false },
	[LF_WAY] = { "Way", "empty: by kind; out: no answer yet; reply: they answered", check_way,
		     false },
	[LF_EXCHANGE] = { "Gave/asked", "optional: give (help you gave), ask (a favour)",
			  check_exchange, false },
	[LF_PRIVATE] = { "Private", "optional: yes = a private note, never shared with a team",
			 check_private, false },
};

/*
** The guard against being too eager (issue 18): outreach to someone who
** has not answered guard.unanswered earlier ones in guard.days is not
** logged at the first Enter; the form says why and a second Enter logs it.
*/
static enum kith_status
log_guard(struct form *f, const struct kith_interaction *in, struct kith_err *err)
{
	struct contact_ctx *ctx = f->ctx;
	struct kdb *db = engine_db(f->e);
	int limit = (int)engine_opt_int(f->e, "guard.unanswered");
	int days = (int)engine_opt_int(f->e, "guard.days"), count = 0;
	struct kith_contact who = { 0 };
	int64_t id = 0;
	enum kith_status rc;

	if (ctx->guard_asked || kith_interaction_way_of(in->way, in->kind) != KITH_IWAY_OUT)
		return KITH_OK;
	if ((rc = interaction_guard(db, in->contact_ids, in->n_contacts, days, limit, &id, &count,
				    err)) || !id)
		return rc;
	if ((rc = contact_get(db, id, &who, err)))
		return rc;
	ctx->guard_asked = true;
	kith_err_set(err, KITH_INVALID, "%s has not answered your last %d message%s in %d day%s: "
		     "Enter logs this one anyway, Esc cancels", who.display_name, count,
		     count == 1 ? "" : "s", days, days == 1 ? "" : "s");
	contact_free(&who);
	return KITH_INVALID;
}

static int
log_save(struct form *f, struct kith_err *err, int *bad)
{
	struct contact_ctx *ctx = f->ctx;
	struct kdb *db = engine_db(f->e);
	char at[KDATETIME_STR], due[KDATETIME_STR];
	struct kith_interaction in = { 0 };
	int64_t iid = 0, *fids = NULL;
	const char *kind = form_value(f, LF_KIND);
	enum kith_status rc;

	if (!fmt_parse_when(form_value(f, LF_WHEN), at, false, err)) {
		*bad = LF_WHEN;
		return KITH_INVALID;
	}
	if (!strchr(at, ' ')) {
		/* a day without a time: now if it is today, else noon */
		struct kdatetime now = kdate_now();
		char today[KDATE_STR];
		kdate_format(now.date, today);
		if (!strcmp(at, today))
			kdatetime_format(now, at);
		else
			strcat(at, " 12:00");
	}
	in.at = at;
	in.kind = str_empty(kind) ? KITH_IKIND_NOTE : kith_interaction_kind_parse(kind);
	in.way = way_parse(form_value(f, LF_WAY));
	in.summary = (char *)form_value(f, LF_SUMMARY);
	in.body = (char *)form_value(f, LF_BODY);
	in.exchange = exchange_parse(form_value(f, LF_EXCHANGE));
	if (in.exchange < 0)
		in.exchange = KITH_XCHG_NONE;
	in.contact_ids = ctx->n ? ctx->ids : &ctx->contact_id;
	in.n_contacts = ctx->n ? ctx->n : 1;
	in.is_private = private_parse(form_value(f, LF_PRIVATE)) == 1;
	if (in.is_private && (!str_empty(form_value(f, LF_FOLLOWUP)) ||
			      in.exchange != KITH_XCHG_NONE)) {
		*bad = str_empty(form_value(f, LF_FOLLOWUP)) ? LF_EXCHANGE : LF_FOLLOWUP;
		kith_err_set(err, KITH_INVALID, "a private note is words only: a follow-up, help "
			     "given or a favour asked is shared (log it without Private)");
		return KITH_INVALID;
	}
	/* the private file is opened (made, the first time) before the write */
	if (in.is_private && !kdb_private_attached(db) && (rc = kdb_private_open(db, err)))
		return rc;
	if (!in.is_private && (rc = log_guard(f, &in, err)))
		return rc;
	/*
	 * The follow-up is written first, then linked to the interaction: an
	 * undo applies the inverted change table by table in the order they
	 * were first touched, so the follow-up goes before the interaction
	 * (whose delete would otherwise SET NULL its link and look like a
	 * conflict).
	 */
	if ((rc = kdb_batch_begin(db, err)))
		return rc;
	if (!str_empty(form_value(f, LF_FOLLOWUP))) {
		struct kith_followup fu = { 0 };
		struct strbuf title = { 0 };
		if (!fmt_parse_when(form_value(f, LF_FOLLOWUP), due, true, err)) {
			*bad = LF_FOLLOWUP;
			rc = KITH_INVALID;
			goto fail;
		}
		sb_printf(&title, "Follow up: %s", in.summary);
		fu.kind = KITH_FKIND_CHECK_IN;
		fu.title = (char *)sb_str(&title);
		fu.due = due;
		fids = xcalloc(in.n_contacts, sizeof *fids);
		for (size_t i = 0; i < in.n_contacts && !rc; i++) {
			fu.contact_id = in.contact_ids[i];
			rc = followup_add(db, &fu, &fids[i], err);
		}
		sb_free(&title);
		if (rc)
			goto fail;
	}
	if ((rc = interaction_add(db, &in, &iid, err)))
		goto fail;
	for (size_t i = 0; fids && i < in.n_contacts; i++) {
		struct kith_followup fu;
		if ((rc = followup_get(db, fids[i], &fu, err)))
			goto fail;
		fu.interaction_id = iid;
		rc = followup_update(db, &fu, err);
		followup_free(&fu);
		if (rc)
			goto fail;
	}
	free(fids);
	if ((rc = kdb_batch_end(db, true, err)))
		return rc;
	if (ctx->n) {
		struct strbuf what = { 0 };
		sb_printf(&what, "logged a %s with %zu %s", kith_interaction_kind_name(in.kind),
			  in.n_contacts, in.n_contacts == 1 ? "person" : "people");
		engine_after_write(f->e, sb_str(&what));
		engine_msg(f->e, "%s: %s", sb_str(&what), in.summary);
		sb_free(&what);
		return KITH_OK;
	}
	engine_after_write(f->e, in.is_private ? "write a private note" : "log an interaction");
	engine_msg(f->e, "%s%s", in.is_private ? "private note, kept on this machine: " : "logged: ",
		   in.summary);
	return KITH_OK;
fail:
	free(fids);
	kdb_batch_end(db, false, NULL);
	return rc;
}

void
forms_log_open(struct engine *e, int64_t contact_id, const char *name)
{
	const char *init[LF_COUNT] = { [LF_WHEN] = "today", [LF_KIND] = "note" };
	char *title = str_fmt("Log an interaction with %s", name);
	struct form *f = contact_form(e, title, LF_COUNT, log_fields, init, log_save, contact_id,
				      NULL, 0);

	free(title);
	if (f)
		f->focus = LF_SUMMARY;
}

void
forms_log_open_many(struct engine *e, const int64_t *ids, size_t n,
		    int (*after)(struct engine *e, void *ctx), void *after_ctx)
{
	const char *init[LF_COUNT] = { [LF_WHEN] = "today", [LF_KIND] = "meeting" };
	char *title = str_fmt("Log one interaction with %zu people", n);
	struct form *f = contact_form(e, title, LF_COUNT, log_fields, init, log_save, 0, ids, n);

	free(title);
	if (f) {
		f->focus = LF_SUMMARY;
		f->after = after;
		f->after_ctx = after_ctx;
	}
}

/* ---- add a follow-up ----------------------------------------------------------- */

enum { FF_TITLE, FF_DUE, FF_KIND, FF_DIRECTION, FF_COUNT };

static const struct form_field_def followup_fields[FF_COUNT] = {
	[FF_TITLE] = { "What", "send the draft, thank them, ...", form_check_required, false },
	[FF_DUE] = { "Due", "fri, 3d, 2w, 2026-04-01", form_check_when_optional, false },
	[FF_KIND] = FORM_FIELD_FKIND,
	[FF_DIRECTION] = FORM_FIELD_DIRECTION,
};

static int
followup_save(struct form *f, struct kith_err *err, int *bad)
{
	struct contact_ctx *ctx = f->ctx;
	struct kith_followup fu = { 0 };
	char due[KDATETIME_STR];
	const char *kind = form_value(f, FF_KIND), *dir = form_value(f, FF_DIRECTION);
	enum kith_status rc;

	fu.contact_id = ctx->contact_id;
	fu.title = (char *)form_value(f, FF_TITLE);
	if (!str_empty(form_value(f, FF_DUE))) {
		if (!fmt_parse_when(form_value(f, FF_DUE), due, true, err)) {
			*bad = FF_DUE;
			return KITH_INVALID;
		}
		fu.due = due;
	}
	fu.kind = str_empty(kind) ? KITH_FKIND_OTHER : kith_followup_kind_parse(kind);
	fu.direction = str_empty(dir) ? KITH_DIR_NONE : kith_direction_parse(dir);
	if ((rc = followup_add(engine_db(f->e), &fu, NULL, err)))
		return rc;
	engine_after_write(f->e, "add a follow-up");
	engine_msg(f->e, "follow-up added: %s", fu.title);
	return KITH_OK;
}

void
forms_followup_open(struct engine *e, int64_t contact_id, const char *name)
{
	const char *init[FF_COUNT] = { [FF_KIND] = "other", [FF_DIRECTION] = "none" };
	char *title = name ? str_fmt("Follow-up with %s", name) : xstrdup("New follow-up");

	contact_form(e, title, FF_COUNT, followup_fields, init, followup_save, contact_id, NULL, 0);
	free(title);
}

/* ---- a follow-up offered by a question (forms_followup_offer) ---------------- */

struct offer {
	struct kith_followup fu;    /* title and due point into the offer */
	char *title, *label, *done;
	char due[KDATE_STR];
};

static void
offer_free(void *p)
{
	struct offer *o = p;

	free(o->title);
	free(o->label);
	free(o->done);
	free(o);
}

static int
offer_yes(struct engine *e, void *ctx)
{
	struct offer *o = ctx;
	struct kith_err err;

	kith_err_clear(&err);
	if (followup_add(engine_db(e), &o->fu, NULL, &err) != KITH_OK)
		return engine_fail(e, &err);
	engine_msg(e, "%s", o->done);
	return engine_after_write(e, o->label) | R_REDRAW;
}

void
forms_followup_offer(struct engine *e, const char *question, const struct kith_followup *fu,
		     const char *label, const char *done)
{
	struct offer *o = xcalloc(1, sizeof *o);

	o->fu.contact_id = fu->contact_id;
	o->fu.kind = fu->kind;
	o->fu.direction = fu->direction;
	o->fu.title = o->title = xstrdup(fu->title);
	snprintf(o->due, sizeof o->due, "%s", fu->due ? fu->due : "");
	o->fu.due = fu->due ? o->due : NULL;
	o->label = xstrdup(label);
	o->done = xstrdup(done);
	engine_confirm(e, question, offer_yes, o, offer_free);
	e->confirm.enter_yes = true;
}
