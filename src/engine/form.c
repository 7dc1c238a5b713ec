/*
 * form.c: the generic form behind every add and edit.
 *
 * A pane describes its fields (label, hint, validator, multiline) and a
 * save callback; the form does the rest. Keys come from the "form"
 * keymap: Tab/Down next field, Shift-Tab/Up previous, Enter save, Esc
 * cancel, and E on a multiline field opens the long text in the
 * external editor. Other keys edit the focused field (lineedit.c).
 * A field is validated when the cursor leaves it and every field again
 * on save; a message stays beside its field until it validates. The
 * save callback runs only when every field is valid; if it fails, its
 * message is shown and the form stays open with the text intact.
 */
#include "core.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

/*
** Merge the form with the row as it is now (form_watch). True to go on
** saving; false if the row is gone or a field was changed both here and
** elsewhere (the message says which; the form stays open).
*/
static bool
form_merge(struct engine *e, struct form *f)
{
	char **cur = xcalloc((size_t)f->nfields + 1, sizeof(*cur));
	struct kith_err err;
	int i, first = -1, n = 0;
	enum kith_status rc;

	kith_err_clear(&err);
	rc = f->current(f, cur, &err);
	if (rc != KITH_OK) {
		if (rc == KITH_NOTFOUND)
			engine_error(e, "Not saved: this record was deleted elsewhere since the form "
				     "opened (Esc closes the form)");
		else
			engine_error(e, "Not saved: %s", err.msg[0] ? err.msg : kith_status_str(rc));
	}
	for (i = 0; rc == KITH_OK && i < f->nfields; i++) {
		const char *mine = form_value(f, i);
		if (!cur[i] || !strcmp(cur[i], f->base[i]) || !strcmp(cur[i], mine))
			continue;
		if (!strcmp(mine, f->base[i])) {
			/* not changed here: keep what was saved elsewhere */
			le_set(&f->values[i], cur[i]);
			f->values[i].cursor = f->values[i].text.len;
			continue;
		}
		/* changed here and elsewhere: say so; a second Enter saves this value */
		str_set(&f->errors[i], form_msg(f, "elsewhere: \"%s\"", cur[i]));
		str_set(&f->base[i], cur[i]);
		if (first < 0)
			first = i;
		n++;
	}
	for (i = 0; i < f->nfields; i++)
		free(cur[i]);
	free(cur);
	if (rc != KITH_OK)
		return false;
	if (n) {
		f->focus = first;
		engine_error(e, "Not saved: %s%s changed elsewhere since this form opened; Enter "
			     "saves yours over it, Esc leaves what is saved", f->defs[first].label,
			     n > 1 ? " and other fields" : "");
		return false;
	}
	return true;
}

bool
form_focus_multiline(const struct form *f)
{
	return f->focus >= 0 && f->focus < f->nfields && f->defs[f->focus].multiline;
}

/* Validate one field, storing (or clearing) its message. True if valid. */
static bool
form_validate(struct form *f, int i)
{
	const char *msg = NULL;
	long long v;

	if (f->defs[i].validate)
		msg = f->defs[i].validate(f, i, form_value(f, i));
	else if (f->defs[i].word && !str_empty(form_value(f, i)) &&
		 f->defs[i].word(form_value(f, i)) < 0)
		msg = form_msg(f, "%.20s: %s", form_value(f, i), f->defs[i].words);
	else if (f->defs[i].number && !str_empty(form_value(f, i)) &&
		 !str_to_int(form_value(f, i), f->defs[i].min, f->defs[i].max, &v))
		msg = form_msg(f, "%s %.20s: must be %lld to %lld", f->defs[i].number,
			       form_value(f, i), f->defs[i].min, f->defs[i].max);
	free(f->errors[i]);
	f->errors[i] = msg ? xstrdup(msg) : NULL;
	return msg == NULL;
}

static int
form_move(struct form *f, int dir)
{
	if (f->nfields < 1)
		return R_BELL;
	form_validate(f, f->focus);
	f->focus = (f->focus + dir + f->nfields) % f->nfields;
	return R_REDRAW;
}

struct form_ask {
	struct engine *e;
	struct form *f;
	bool answered;
};

static int
form_discard_yes(struct engine *e, void *ctx)
{
	struct form_ask *a = ctx;

	a->answered = true;
	if (e->form == a->f) {
		form_free(e->form);
		e->form = NULL;
	}
	engine_msg(e, "Cancelled; nothing saved");
	return R_REDRAW | R_RELAYOUT;
}

/* n or Esc: back to the form as it was */
static void
form_ask_free(void *ctx)
{
	struct form_ask *a = ctx;

	if (!a->answered && a->e->form == a->f)
		a->e->mode = VM_FORM;
	free(a);
}

static int
form_cancel(struct engine *e)
{
	if (e->form && e->form->failed) {
		struct form_ask *a = xcalloc(1, sizeof(*a));
		a->e = e;
		a->f = e->form;
		engine_confirm(e, "Discard this form? It was not saved. (y/n)", form_discard_yes, a,
			       form_ask_free);
		return R_REDRAW | R_RELAYOUT;
	}
	form_free(e->form);
	e->form = NULL;
	e->mode = engine_base_mode(e);
	engine_msg(e, "Cancelled; nothing saved");
	return R_REDRAW | R_RELAYOUT;
}

static int
form_save(struct engine *e)
{
	struct form *f = e->form;
	struct kith_err err;
	int i, first_bad = -1, bad_field = -1, rc;

	for (i = 0; i < f->nfields; i++)
		if (!form_validate(f, i) && first_bad < 0)
			first_bad = i;
	if (first_bad >= 0) {
		f->focus = first_bad;
		engine_error(e, "%s: %s", f->defs[first_bad].label, f->errors[first_bad]);
		return R_BELL | R_REDRAW;
	}
	if (f->current && !form_merge(e, f)) {
		f->failed = true;
		return R_BELL | R_REDRAW;
	}
	kith_err_clear(&err);
	f->saving = true;
	rc = f->save(f, &err, &bad_field);
	f->saving = false;
	if (rc != KITH_OK) {
		f->failed = true;
		if (e->form != f) {     /* the callback opened another form: ours is done */
			form_free(f);
			engine_error(e, "%s", err.msg[0] ? err.msg : kith_status_str(rc));
			return R_BELL | R_REDRAW | R_RELAYOUT;
		}
		engine_error(e, "%s", err.msg[0] ? err.msg : kith_status_str(rc));
		if (bad_field >= 0 && bad_field < f->nfields) {
			str_set(&f->errors[bad_field], err.msg[0] ? err.msg : "invalid");
			f->focus = bad_field;
		}
		return R_BELL | R_REDRAW;
	}
	{
		int (*after)(struct engine *, void *) = NULL;
		void *actx = f->after_ctx;
		int r = R_REDRAW | R_RELAYOUT;
		if (e->form == f) {
			e->form = NULL;
			if (e->mode == VM_FORM)
				e->mode = engine_base_mode(e);
			after = f->after;
		}
		form_free(f);
		if (after)
			r |= after(e, actx);
		return r;
	}
}

static int
form_editor_done(struct engine *e, bool ok, const char *text, void *ctx)
{
	struct form *f = ctx;

	if (e->form != f)
		return R_NONE;
	if (ok && text)
		le_set(&f->values[f->focus], text);
	return R_REDRAW;
}

static int
form_run(struct engine *e, enum cmd cmd)
{
	struct form *f = e->form;

	switch (cmd) {
	case CMD_NEXT_FIELD:
		return form_move(f, +1);
	case CMD_PREV_FIELD:
		return form_move(f, -1);
	case CMD_SAVE:
		return form_save(e);
	case CMD_BACK:
		return form_cancel(e);
	case CMD_EDIT_NOTE:
		if (!form_focus_multiline(f))
			return R_BELL;
		return engine_edit_external(e, form_value(f, f->focus), form_editor_done, f);
	default:
		return R_BELL;
	}
}

static int
form_key(struct engine *e, struct kkey k)
{
	struct form *f = e->form;
	int chain[3], n = engine_chain(e, VM_FORM, chain);
	struct keyseq s = { 1, { k } };
	enum cmd cmd, fb;
	enum km_result res;

	if (!f || f->nfields < 1) {
		if (f)
			return k.type == KK_ESC ? form_cancel(e) : form_save(e);
		e->mode = engine_base_mode(e);
		return R_REDRAW;
	}
	/* text typed into a one-line field is text, whatever the keymap says */
	if (key_printable(k) && !form_focus_multiline(f))
		return le_key(&f->values[f->focus], k) ? R_REDRAW : R_BELL;
	res = keymap_lookup(e->km, chain, n, &s, &cmd, &fb);
	if (res == KMR_CMD)
		return form_run(e, cmd);
	if (res == KMR_NONE) {
		switch (k.type) {
		case KK_ENTER:
			return form_save(e);
		case KK_ESC:
			return form_cancel(e);
		case KK_TAB:
			return form_move(f, +1);
		case KK_BTAB:
			return form_move(f, -1);
		default:
			break;
		}
	}
	return le_key(&f->values[f->focus], k) ? R_REDRAW : R_BELL;
}

static void
form_fill_view(struct engine *e, struct view *v)
{
	struct form *f = e->form;
	int i;

	if (!f || e->mode != VM_FORM)
		return;
	for (i = 0; i < f->nfields; i++) {
		f->vfields[i].label = f->defs[i].label;
		f->vfields[i].value = form_value(f, i);
		f->vfields[i].error = f->errors[i];
		f->vfields[i].hint = f->defs[i].hint;
		f->vfields[i].multiline = f->defs[i].multiline;
	}
	v->form.title = f->title;
	v->form.nfields = f->nfields;
	v->form.fields = f->vfields;
	v->form.focus = f->focus;
	v->form.cursor = f->nfields ? (int)f->values[f->focus].cursor : 0;
}

static void
form_hint(struct engine *e, struct strbuf *hint)
{
	sb_append(hint, "Enter save · Esc cancel · Tab next field");
	if (e->form && form_focus_multiline(e->form))
		sb_append(hint, " · E editor");
}

static void
form_mode_free(struct engine *e)
{
	if (e->form) {
		form_free(e->form);
		e->form = NULL;
	}
}

const struct mode_ops form_mode_ops = {
	.name = "FORM",
	.keymap = KM_FORM,
	.key = form_key,
	.fill_view = form_fill_view,
	.hint = form_hint,
	.free = form_mode_free,
};
