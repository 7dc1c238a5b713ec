/*
 * ask.c: asking the user, for any pane or mode: open a form
 * (engine_form_open and what a form's callbacks read of it), a y/n
 * question (engine_confirm) or a pick list (engine_pick). The modes that
 * then read the keys are above (form.c, modes.c, pick.c); this file
 * holds the state they share and calls nothing above it.
 */
#include "core.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/powermap.h"
#include "kith/xalloc.h"

/* ---- forms ------------------------------------------------------------------------- */

void
form_free(struct form *f)
{
	int i;

	if (!f)
		return;
	if (f->ctx_free && f->ctx)
		f->ctx_free(f->ctx);
	for (i = 0; i < f->nfields; i++) {
		le_free(&f->values[i]);
		free(f->errors[i]);
	}
	free(f->values);
	free(f->errors);
	for (i = 0; f->base && i < f->nfields; i++)
		free(f->base[i]);
	free(f->base);
	free(f->vfields);
	free(f->title);
	free(f->msg);
	free(f);
}

/* Open a form; initial[] may be NULL or hold nfields strings (NULL = ""). */
void
engine_form_open(struct engine *e, const char *title, int nfields,
		 const struct form_field_def *defs, const char *const *initial,
		 form_save_fn save, void *ctx, void (*ctx_free)(void *))
{
	struct form *f;
	int i;

	if (e->form && !e->form->saving)
		form_free(e->form);
	e->form = NULL;
	f = xcalloc(1, sizeof(*f));
	f->e = e;
	f->title = xstrdup(title);
	f->nfields = nfields;
	f->defs = defs;
	f->values = xcalloc((size_t)nfields + 1, sizeof(*f->values));
	f->errors = xcalloc((size_t)nfields + 1, sizeof(*f->errors));
	f->vfields = xcalloc((size_t)nfields + 1, sizeof(*f->vfields));
	for (i = 0; i < nfields; i++) {
		le_set(&f->values[i], initial ? initial[i] : NULL);
		f->values[i].cursor = f->values[i].text.len;
	}
	f->save = save;
	f->ctx = ctx;
	f->ctx_free = ctx_free;
	e->form = f;
	e->mode = VM_FORM;
}

void
form_watch(struct form *f, form_current_fn current)
{
	f->current = current;
	f->base = xcalloc((size_t)f->nfields + 1, sizeof(*f->base));
	for (int i = 0; i < f->nfields; i++)
		f->base[i] = xstrdup(form_value(f, i));
}

void
form_dup_values(char **out, const char *const *vals, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = xstrdup(vals[i] ? vals[i] : "");
}

const char *
form_value(const struct form *f, int field)
{
	if (field < 0 || field >= f->nfields)
		return "";
	return sb_str(&f->values[field].text);
}

/* A formatted message kept until the next form_msg (validators return it). */
const char *
form_msg(struct form *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	text_vset(&f->msg, fmt, ap);
	va_end(ap);
	return f->msg;
}

/* ---- confirm ---------------------------------------------------------------------- */

void
mode_confirm_free(struct engine *e)
{
	struct confirm_state *c = &e->confirm;

	if (c->ctx_free && c->ctx)
		c->ctx_free(c->ctx);
	free(c->question);
	memset(c, 0, sizeof(*c));
	if (e->mode == VM_CONFIRM)
		e->mode = engine_base_mode(e);
}

struct idname *
idname_new(int64_t id, const char *name)
{
	struct idname *in = xcalloc(1, sizeof *in);

	in->id = id;
	in->name = xstrdup(name);
	return in;
}

void
idname_free(void *ctx)
{
	struct idname *in = ctx;

	free(in->name);
	free(in);
}

/* Ask a y/n question; yes(e, ctx) runs on 'y'. ctx is freed either way. */
void
engine_confirm(struct engine *e, const char *question, confirm_fn yes, void *ctx,
	       void (*ctx_free)(void *))
{
	mode_confirm_free(e);
	e->confirm.question = xstrdup(question);
	e->confirm.yes = yes;
	e->confirm.ctx = ctx;
	e->confirm.ctx_free = ctx_free;
	e->mode = VM_CONFIRM;
}

/* ---- pick lists ------------------------------------------------------------------- */

/* Free the open pick list (its ctx too) and leave pick mode. */
void
mode_pick_free(struct engine *e)
{
	struct pick *pk = e->pick;

	if (!pk)
		return;
	if (pk->ctx_free && pk->ctx)
		pk->ctx_free(pk->ctx);
	strv_free(&pk->labels);
	free(pk->ids);
	free(pk->choice_ids);
	strv_free(&pk->choices);
	free(pk->title);
	le_free(&pk->filter);
	free(pk);
	e->pick = NULL;
	if (e->mode == VM_PICK)
		e->mode = engine_base_mode(e);
}

/* Add one item (label copied) while the source callback runs. */
void
pick_push(struct pick *pk, int64_t id, const char *label)
{
	if (pk->n == pk->cap) {
		pk->cap = pk->cap ? pk->cap * 2 : 32;
		pk->ids = xreallocarray(pk->ids, (size_t)pk->cap, sizeof(*pk->ids));
	}
	pk->ids[pk->n++] = id;
	strv_dup(&pk->labels, label ? label : "");
}

struct engine *
pick_engine(struct pick *pk)
{
	return pk->e;
}

int
pick_refresh(struct pick *pk)
{
	struct kith_err err;

	strv_free(&pk->labels);
	pk->n = 0;
	kith_err_clear(&err);
	if (pk->source(pk, sb_str(&pk->filter.text), &err) != KITH_OK)
		return engine_fail(pk->e, &err);
	if (pk->sel >= pk->n)
		pk->sel = pk->n - 1;
	if (pk->sel < 0)
		pk->sel = 0;
	return R_REDRAW;
}

/* Open a pick list (VM_PICK) filled by source, not filled yet. */
static struct pick *
pick_open(struct engine *e, const char *title, pick_source_fn source, pick_chosen_fn chosen,
	  void *ctx, void (*ctx_free)(void *))
{
	struct pick *pk;

	mode_pick_free(e);
	pk = xcalloc(1, sizeof(*pk));
	pk->e = e;
	pk->title = xstrdup(title);
	pk->source = source;
	pk->chosen = chosen;
	pk->ctx = ctx;
	pk->ctx_free = ctx_free;
	le_set(&pk->filter, "");
	e->pick = pk;
	e->mode = VM_PICK;
	return pk;
}

void
engine_pick(struct engine *e, const char *title, pick_source_fn source, pick_chosen_fn chosen,
	    void *ctx, void (*ctx_free)(void *))
{
	pick_refresh(pick_open(e, title, source, chosen, ctx, ctx_free));
}

static int
map_item(void *ud, const struct map_row *r)
{
	char label[300];

	snprintf(label, sizeof label, "%s (%lld placed)%s%s", r->name, r->placements,
		 *r->goal ? " — " : "", r->goal);
	pick_push(ud, r->id, label);
	return 0;
}

static int
maps_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	(void)filter;
	return map_list(engine_db(pick_engine(pk)), map_item, pk, err);
}

void
engine_pick_map(struct engine *e, const char *title, pick_chosen_fn chosen, void *ctx,
		void (*ctx_free)(void *))
{
	engine_pick(e, title, maps_source, chosen, ctx, ctx_free);
}

static int
choices_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	(void)filter;
	(void)err;
	for (size_t i = 0; i < pk->choices.n; i++)
		pick_push(pk, pk->choice_ids[i], pk->choices.v[i]);
	return KITH_OK;
}

void
engine_pick_choices(struct engine *e, const char *title, int n, const int64_t *ids,
		    const char *const *labels, pick_chosen_fn chosen, void *ctx,
		    void (*ctx_free)(void *))
{
	struct pick *pk = pick_open(e, title, choices_source, chosen, ctx, ctx_free);

	pk->choice_ids = xreallocarray(NULL, (size_t)(n > 0 ? n : 1), sizeof *pk->choice_ids);
	for (int i = 0; i < n; i++) {
		pk->choice_ids[i] = ids[i];
		strv_dup(&pk->choices, labels[i] ? labels[i] : "");
	}
	pick_refresh(pk);
}
