/*
 * rows.c: rows read and written whole (rows.h): the note and the watched
 * edit form that the Contacts, Events and Follow-ups panes share.
 */
#include "rows.h"
#include "core.h"

#include <stdlib.h>

#include "kith/str.h"
#include "kith/xalloc.h"

enum kith_status
row_get(struct kdb *db, enum row_kind kind, int64_t id, struct row *out, struct kith_err *err)
{
	out->kind = kind;
	switch (kind) {
	case ROW_CONTACT:
		return contact_get(db, id, &out->u.contact, err);
	case ROW_EVENT:
		return event_get(db, id, &out->u.event, err);
	case ROW_FOLLOWUP:
		return followup_get(db, id, &out->u.followup, err);
	case ROW_NONE:
		break;
	}
	return kith_err_set(err, KITH_INVALID, "no such kind of row");
}

void
row_free(struct row *r)
{
	switch (r->kind) {
	case ROW_CONTACT:
		contact_free(&r->u.contact);
		break;
	case ROW_EVENT:
		event_free(&r->u.event);
		break;
	case ROW_FOLLOWUP:
		followup_free(&r->u.followup);
		break;
	case ROW_NONE:
		break;
	}
}

static enum kith_status
row_update(struct kdb *db, const struct row *r, struct kith_err *err)
{
	switch (r->kind) {
	case ROW_CONTACT:
		return contact_update(db, &r->u.contact, err);
	case ROW_EVENT:
		return event_update(db, &r->u.event, err);
	case ROW_FOLLOWUP:
		return followup_update(db, &r->u.followup, err);
	case ROW_NONE:
		break;
	}
	return kith_err_set(err, KITH_INVALID, "no such kind of row");
}

/* Where the notes of r are. */
static char **
row_notes(struct row *r)
{
	return r->kind == ROW_CONTACT ? &r->u.contact.notes :
	       r->kind == ROW_EVENT ? &r->u.event.notes : &r->u.followup.notes;
}

/* The display name or title of r. */
static const char *
row_name(const struct row *r)
{
	return r->kind == ROW_CONTACT ? r->u.contact.display_name :
	       r->kind == ROW_EVENT ? r->u.event.title : r->u.followup.title;
}

enum kith_status
row_note(struct kdb *db, enum row_kind kind, int64_t id, const char *text, char **now,
	 char **name, struct kith_err *err)
{
	struct row r;
	enum kith_status rc = row_get(db, kind, id, &r, err);
	char **notes;

	if (rc != KITH_OK)
		return rc;
	notes = row_notes(&r);
	if (text) {
		str_set(notes, text);
		rc = row_update(db, &r, err);
	} else {
		*now = xstrdup(*notes ? *notes : "");
		*name = xstrdup(row_name(&r));
	}
	row_free(&r);
	return rc;
}

/* What the form's row holds now (form_watch). */
static enum kith_status
row_current(struct form *f, char **out, struct kith_err *err)
{
	struct row r;
	enum kith_status rc = row_get(engine_db(f->e), f->row->kind, f->row_id, &r, err);

	if (rc != KITH_OK)
		return rc;
	f->row->values(&r, out);
	row_free(&r);
	return KITH_OK;
}

enum kith_status
form_open_row(struct engine *e, const struct row_form *rf, int64_t id, void *ctx,
	      void (*ctx_free)(void *), struct kith_err *err)
{
	struct row r;
	struct strbuf title = { 0 };
	char **vals;
	enum kith_status rc = row_get(engine_db(e), rf->kind, id, &r, err);

	if (rc != KITH_OK)
		return rc;
	vals = xcalloc((size_t)rf->nfields + 1, sizeof *vals);
	rf->values(&r, vals);
	if (rf->title)
		sb_append(&title, rf->title);
	else
		sb_printf(&title, "Edit %s", row_name(&r));
	engine_form_open(e, sb_str(&title), rf->nfields, rf->defs, (const char *const *)vals,
			 rf->save, ctx, ctx_free);
	e->form->row = rf;
	e->form->row_id = id;
	form_watch(e->form, row_current);
	for (int i = 0; i < rf->nfields; i++)
		free(vals[i]);
	free(vals);
	sb_free(&title);
	row_free(&r);
	return KITH_OK;
}
