/*
 * forms_rel.c: the relationship and role forms, opened from Contacts and
 * from the power map for the selected person.
 *
 *	relationship-add   a form: with whom (a contact, or ~organisation),
 *	                   type, strength, since, until, note, source
 *	relationship-edit  pick one of the person's relationships, then the
 *	                   same form filled in; a date in "Until" ends it
 *	role-add           a form: organisation (created if new) or seat,
 *	                   title, from, to
 *	role-edit          pick one of the person's roles, then the form
 *
 * Every save is one write, one undo step.
 */
#include "panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/org.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

struct rel_kind;

struct rel_ctx {
	const struct rel_kind *kind;    /* set by the edit forms (form_watch) */
	int64_t contact_id;
	char *name;
	/* editing: the relationship as it was */
	int64_t id, a_id, b_id, b_org_id;
	/* edit pick lists: the rows (push_row), relationships or roles */
	union {
		void *rows;
		struct relationship_row *rels;
		struct role_row *roles;
	};
	struct strv texts;          /* strings the copied rows point to */
	int n;
};

static void
rel_ctx_free(void *p)
{
	struct rel_ctx *c = p;

	strv_free(&c->texts);
	free(c->rows);
	free(c->name);
	free(c);
}

/*
** What relationships and roles differ in (kind_load reads either): what
** an edit form shows for a row, the pick list, the form, and what is said.
*/
struct rel_kind {
	/* The form's values for row id of c (xstrdup'd); false if it is not there. */
	bool (*values)(const struct rel_ctx *c, int64_t id, char **out);
	/* The pick list's line for row i of c. */
	void (*label)(const struct rel_ctx *c, int i, struct strbuf *sb);
	/*
	** Open the form on row i of c, in n (new, for the form; c->contact_id and
	** c->name): false if it could not (said so; the caller frees n).
	*/
	bool (*edit_row)(struct engine *e, const struct rel_ctx *c, int i, struct rel_ctx *n);
	const char *what, *none, *question, *gone;
	/* The form: its fields, its save, its title (%s: the contact) on a row and on a new one. */
	int nfields;
	const struct form_field_def *fields;
	form_save_fn save;
	const char *title_edit, *title_new;
	/* The command that opens the form on a new row (with init_new), and the edit pick list. */
	enum cmd add_cmd, edit_cmd;
	const char *const *init_new;
};

static struct rel_ctx *ctx_new(int64_t contact_id, const char *name);
static enum kith_status kind_load(struct kdb *db, struct rel_ctx *c, struct kith_err *err);

static const char *
keep(struct rel_ctx *c, const char *s)
{
	return strv_dup(&c->texts, s ? s : "");
}

/* Append a copy of row (size bytes) to c's rows; returns the copy (its texts: keep()). */
static void *
push_row(struct rel_ctx *c, const void *row, size_t size)
{
	c->rows = xreallocarray(c->rows, (size_t)c->n + 1, size);
	return memcpy((char *)c->rows + (size_t)c->n++ * size, row, size);
}

/* ---- validators --------------------------------------------------------------- */

static const char *
check_date_optional(struct form *f, int field, const char *text)
{
	char out[KDATETIME_STR];
	struct kith_err err;

	(void)field;
	if (str_empty(text) || fmt_parse_when(text, out, true, &err))
		return NULL;
	return form_msg(f, "%s", err.msg);
}

/*
** The dates of fields from and to (since and until) in *start and *end,
** written into buf[0] and buf[1] ("YYYY-MM-DD"), NULL when empty; false,
** with *bad that field, if one is not a date.
*/
static bool
date_range(struct form *f, int from, int to, char buf[2][KDATETIME_STR], char **start,
	   char **end, struct kith_err *err, int *bad)
{
	const int field[2] = { from, to };
	char **date[2] = { start, end };

	for (int i = 0; i < 2; i++) {
		*date[i] = NULL;
		if (str_empty(form_value(f, field[i])))
			continue;
		if (!fmt_parse_when(form_value(f, field[i]), buf[i], true, err)) {
			*bad = field[i];
			return false;
		}
		*date[i] = buf[i];
	}
	return true;
}

/* ---- relationships ------------------------------------------------------------- */

enum { RF_WITH, RF_TYPE, RF_STRENGTH, RF_FROM, RF_TO, RF_NOTE, RF_SOURCE, RF_COUNT };

static const struct form_field_def rel_fields[RF_COUNT] = {
	[RF_WITH] = { "With", "a contact, or ~organisation", form_check_required, false },
	[RF_TYPE] = { "Type", "professional, social, family, mentor, ally, rival, ...", NULL, false,
		      kith_rel_type_parse, "professional, social, family, membership, position, "
		      "education, donation, lobbying, hierarchy, mentor, ally, rival or generic" },
	[RF_STRENGTH] = { .label = "Strength", .hint = "1 weak, 2, 3 strong", .number = "strength",
			  .min = 1, .max = 3 },
	[RF_FROM] = { "Since", "optional: 2019-05-01, 3y", check_date_optional, false },
	[RF_TO] = { "Until", "empty: current; a date ends it (today)", check_date_optional, false },
	[RF_NOTE] = { "Note", "how they know each other", NULL, false },
	[RF_SOURCE] = { "Source", "told me by Ana, a URL, a filing", NULL, false },
};

/* The other side: "~Name" an organisation; else a contact, or an organisation no contact matches. */
static enum kith_status
resolve_other(struct kdb *db, const char *text, int64_t *cid, int64_t *oid, struct kith_err *err)
{
	enum kith_status rc;

	*cid = *oid = 0;
	if (text[0] == '~')
		return org_resolve(db, text + 1, oid, err);
	rc = contact_resolve(db, text, cid, err);
	if (rc != KITH_NOTFOUND)
		return rc;
	kith_err_clear(err);
	rc = org_resolve(db, text, oid, err);
	if (rc == KITH_NOTFOUND)
		kith_err_set(err, KITH_NOTFOUND, "\"%.60s\": no contact or organisation of that name",
			     text);
	return rc;
}

static int
rel_save(struct form *f, struct kith_err *err, int *bad)
{
	struct rel_ctx *c = f->ctx;
	struct kith_relationship r = { 0 };
	char dates[2][KDATETIME_STR];
	const char *type = form_value(f, RF_TYPE), *strength = form_value(f, RF_STRENGTH);
	int64_t cid, oid;
	long long s = 2;
	enum kith_status rc;

	if ((rc = resolve_other(engine_db(f->e), form_value(f, RF_WITH), &cid, &oid, err))) {
		*bad = RF_WITH;
		return rc;
	}
	if (!date_range(f, RF_FROM, RF_TO, dates, &r.start_date, &r.end_date, err, bad))
		return KITH_INVALID;
	if (!str_empty(strength))
		str_to_int(strength, 1, 3, &s);
	r.type = str_empty(type) ? KITH_REL_GENERIC : kith_rel_type_parse(type);
	r.strength = (int)s;
	r.note = (char *)form_value(f, RF_NOTE);
	r.source = (char *)form_value(f, RF_SOURCE);
	r.a_id = c->contact_id;
	r.b_id = cid;
	r.b_org_id = oid;
	if (c->id && ((cid && (cid == c->b_id || cid == c->a_id)) || (oid && oid == c->b_org_id))) {
		/* the same two: keep which side is which (who mentors whom) */
		r.a_id = c->a_id;
		r.b_id = c->b_id;
		r.b_org_id = c->b_org_id;
	}
	if (c->id) {
		r.id = c->id;
		rc = relationship_update(engine_db(f->e), &r, err);
	} else {
		rc = relationship_add(engine_db(f->e), &r, NULL, err);
	}
	if (rc) {
		if (strstr(err->msg, "themselves") || strstr(err->msg, "other side"))
			*bad = RF_WITH;
		return rc;
	}
	engine_after_write(f->e, c->id ? "edit a relationship" : "add a relationship");
	engine_msg(f->e, "%s: %s with %s%s", c->id ? "relationship saved" : "relationship added",
		   kith_rel_type_name(r.type), form_value(f, RF_WITH), r.end_date ? " (past)" : "");
	return KITH_OK;
}

/* What the form shows for a relationship row (init points into with and strength). */
static void
rel_init(const struct relationship_row *row, const char **init, struct strbuf *with,
	 char strength[4])
{
	if (row->other_org_id)
		sb_append(with, "~");
	sb_append(with, row->other_name);
	snprintf(strength, 4, "%d", row->strength);
	init[RF_WITH] = sb_str(with);
	init[RF_TYPE] = kith_rel_type_name(row->type);
	init[RF_STRENGTH] = strength;
	init[RF_FROM] = row->start_date;
	init[RF_TO] = row->end_date;
	init[RF_NOTE] = row->note;
	init[RF_SOURCE] = row->source;
}

/* The row an edit form is on, as it is now (form_watch). */
static enum kith_status
row_now(struct form *f, char **out, struct kith_err *err)
{
	struct rel_ctx *c = f->ctx, *now = ctx_new(c->contact_id, c->name);
	enum kith_status rc;

	now->kind = c->kind;
	rc = kind_load(engine_db(f->e), now, err);
	if (rc == KITH_OK && !c->kind->values(now, c->id, out))
		rc = kith_err_set(err, KITH_NOTFOUND, "%s", c->kind->gone);
	rel_ctx_free(now);
	return rc;
}

/* Open the form of kind on c: on row c->id (watched), or a new one (c->id 0). */
static void
kind_form(struct engine *e, struct rel_ctx *c, const struct rel_kind *kind,
	  const char *const *init)
{
	struct strbuf title = { 0 };

	sb_printf(&title, c->id ? kind->title_edit : kind->title_new, c->name);
	c->kind = kind;
	engine_form_open(e, sb_str(&title), kind->nfields, kind->fields, init, kind->save, c,
			 rel_ctx_free);
	if (c->id)
		form_watch(e->form, row_now);
	sb_free(&title);
}

static const struct rel_kind rel_kind;

static const char *const rel_new[RF_COUNT] = { [RF_TYPE] = "professional", [RF_STRENGTH] = "2" };

/* The form on relationship row (c->id). */
static void
rel_form(struct engine *e, struct rel_ctx *c, const struct relationship_row *row)
{
	const char *init[RF_COUNT] = { 0 };
	char strength[4];
	struct strbuf with = { 0 };

	rel_init(row, init, &with, strength);
	kind_form(e, c, &rel_kind, init);
	sb_free(&with);
}

static struct rel_ctx *
ctx_new(int64_t contact_id, const char *name)
{
	struct rel_ctx *c = xcalloc(1, sizeof *c);

	c->contact_id = contact_id;
	c->name = xstrdup(name);
	return c;
}

static int
rel_row_cb(void *ud, const struct relationship_row *r)
{
	struct rel_ctx *c = ud;
	struct relationship_row *k = push_row(c, r, sizeof *r);

	k->other_name = keep(c, r->other_name);
	k->start_date = keep(c, r->start_date);
	k->end_date = keep(c, r->end_date);
	k->note = keep(c, r->note);
	k->source = keep(c, r->source);
	k->other_last_at = "";
	return 0;
}

/* The pick list's line for relationship i (rel_kind.label). */
static void
rel_label(const struct rel_ctx *c, int i, struct strbuf *sb)
{
	const struct relationship_row *r = &c->rels[i];

	sb_printf(sb, "%s%s \xc2\xb7 %s \xc2\xb7 strength %d", r->other_org_id ? "~" : "",
		  r->other_name, kith_rel_type_name(r->type), r->strength);
	if (!r->current)
		sb_printf(sb, " \xc2\xb7 ended %s", r->end_date);
	else if (*r->start_date)
		sb_printf(sb, " \xc2\xb7 since %s", r->start_date);
}

static bool
rel_edit_row(struct engine *e, const struct rel_ctx *c, int i, struct rel_ctx *n)
{
	const struct relationship_row *r = &c->rels[i];
	struct kith_relationship full;
	struct kith_err err;

	/* the list names "the other"; the row keeps which side is which */
	kith_err_clear(&err);
	if (relationship_get(engine_db(e), r->id, &full, &err)) {
		engine_error(e, "relationship: %s", err.msg);
		return false;
	}
	n->id = r->id;
	n->a_id = full.a_id;
	n->b_id = full.b_id;
	n->b_org_id = full.b_org_id;
	relationship_free(&full);
	rel_form(e, n, r);
	return true;
}

/* The pick list of the rows of c, a line each (kind.label). */
static int
rows_pick_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	struct rel_ctx *c = pk->ctx;
	struct strbuf sb = { 0 };

	(void)filter;
	(void)err;
	for (int i = 0; i < c->n; i++) {
		sb_reset(&sb);
		c->kind->label(c, i, &sb);
		pick_push(pk, i, sb_str(&sb));
	}
	sb_free(&sb);
	return KITH_OK;
}

/* A row chosen in the edit pick list of c: its form. */
static int
row_picked(struct engine *e, int64_t i, void *ctx)
{
	struct rel_ctx *c = ctx, *n;

	if (i < 0 || i >= c->n)
		return R_BELL;
	n = ctx_new(c->contact_id, c->name);
	if (!c->kind->edit_row(e, c, (int)i, n))
		rel_ctx_free(n);
	return R_REDRAW;
}

/* The edit pick list of the relationships or roles (kind) of a contact. */
static void
edit_pick(struct engine *e, const struct rel_kind *kind, int64_t contact_id, const char *name)
{
	struct rel_ctx *c = ctx_new(contact_id, name);
	struct kith_err err;
	struct strbuf title = { 0 };

	kith_err_clear(&err);
	c->kind = kind;
	if (kind_load(engine_db(e), c, &err)) {
		engine_error(e, "%s: %s", kind->what, err.msg);
		rel_ctx_free(c);
		return;
	}
	if (!c->n) {
		engine_msg(e, kind->none, name);
		rel_ctx_free(c);
		return;
	}
	sb_printf(&title, kind->question, name);
	engine_pick(e, sb_str(&title), rows_pick_source, row_picked, c, rel_ctx_free);
	sb_free(&title);
}

static bool
rel_values(const struct rel_ctx *c, int64_t id, char **out)
{
	const char *init[RF_COUNT] = { 0 };
	struct strbuf with = { 0 };
	char strength[4];
	int i = row_index(c->rels, c->n, sizeof *c->rels, offsetof(struct relationship_row, id),
			  id);

	if (i < 0)
		return false;
	rel_init(&c->rels[i], init, &with, strength);
	form_dup_values(out, init, RF_COUNT);
	sb_free(&with);
	return true;
}

static const struct rel_kind rel_kind = {
	rel_values, rel_label, rel_edit_row, "relationships",
	"%s has no relationships yet: add one first", "Edit or end which relationship of %s?",
	"no such relationship", RF_COUNT, rel_fields, rel_save, "Relationship of %s",
	"New relationship of %s", CMD_REL_ADD, CMD_REL_EDIT, rel_new,
};

/* ---- roles --------------------------------------------------------------------- */

enum { OF_ORG, OF_TITLE, OF_SEAT, OF_FROM, OF_TO, OF_COUNT };

static const struct form_field_def role_fields[OF_COUNT] = {
	[OF_ORG] = { "Organisation", "Planning Commission (created if new)", NULL, false },
	[OF_TITLE] = { "Title", "Chair, Council member, Organiser", NULL, false },
	[OF_SEAT] = { "Seat", "optional: District 3 (outlives its holder)", NULL, false },
	[OF_FROM] = { "From", "optional: 2024-01-08", check_date_optional, false },
	[OF_TO] = { "To", "empty: current; a date ends it", check_date_optional, false },
};

static int
role_save(struct form *f, struct kith_err *err, int *bad)
{
	struct rel_ctx *c = f->ctx;
	struct kith_role r = { 0 };
	struct kdb *db = engine_db(f->e);
	char dates[2][KDATETIME_STR];
	const char *org = form_value(f, OF_ORG);
	enum kith_status rc;

	if (org[0] == '~')
		org++;
	if (str_empty(org) && str_empty(form_value(f, OF_SEAT))) {
		*bad = OF_ORG;
		return kith_err_set(err, KITH_INVALID, "an organisation or a seat is needed");
	}
	if (!date_range(f, OF_FROM, OF_TO, dates, &r.start_date, &r.end_date, err, bad))
		return KITH_INVALID;
	if ((rc = kdb_batch_begin(db, err)))
		return rc;
	if (!str_empty(org)) {
		rc = org_resolve(db, org, &r.org_id, err);
		if (rc == KITH_NOTFOUND) {
			kith_err_clear(err);
			rc = org_find(db, org, true, &r.org_id, err);
		}
		if (rc) {
			*bad = OF_ORG;
			goto fail;
		}
	}
	r.id = c->id;
	r.contact_id = c->contact_id;
	r.title = (char *)form_value(f, OF_TITLE);
	r.seat = (char *)form_value(f, OF_SEAT);
	rc = c->id ? role_update(db, &r, err) : role_add(db, &r, NULL, err);
	if (rc)
		goto fail;
	if ((rc = kdb_batch_end(db, true, err)))
		return rc;
	engine_after_write(f->e, c->id ? "edit a role" : "add a role");
	engine_msg(f->e, "%s: %s%s%s%s", c->id ? "role saved" : "role added", r.title,
		   *r.title && *org ? ", " : "", org, r.end_date ? " (past)" : "");
	return KITH_OK;
fail:
	kdb_batch_end(db, false, NULL);
	return rc;
}

static void
role_init(const struct role_row *row, const char **init)
{
	init[OF_ORG] = row->org_name;
	init[OF_TITLE] = row->title;
	init[OF_SEAT] = row->seat;
	init[OF_FROM] = row->start_date;
	init[OF_TO] = row->end_date;
}

static const struct rel_kind role_kind;

/* The form on role row (c->id). */
static void
role_form(struct engine *e, struct rel_ctx *c, const struct role_row *row)
{
	const char *init[OF_COUNT] = { 0 };

	role_init(row, init);
	kind_form(e, c, &role_kind, init);
}

static int
role_row_cb(void *ud, const struct role_row *r)
{
	struct rel_ctx *c = ud;
	struct role_row *k = push_row(c, r, sizeof *r);

	k->contact_name = "";
	k->org_name = keep(c, r->org_name);
	k->seat = keep(c, r->seat);
	k->title = keep(c, r->title);
	k->start_date = keep(c, r->start_date);
	k->end_date = keep(c, r->end_date);
	return 0;
}

/* The pick list's line for role i (role_kind.label). */
static void
role_label(const struct rel_ctx *c, int i, struct strbuf *sb)
{
	const struct role_row *r = &c->roles[i];

	sb_printf(sb, "%s%s%s%s%s", r->title, *r->title && *r->org_name ? ", " : "",
		  r->org_name, *r->seat ? " \xc2\xb7 " : "", r->seat);
	if (*r->end_date)
		sb_printf(sb, " \xc2\xb7 until %s", r->end_date);
	else if (*r->start_date)
		sb_printf(sb, " \xc2\xb7 since %s", r->start_date);
}

static bool
role_edit_row(struct engine *e, const struct rel_ctx *c, int i, struct rel_ctx *n)
{
	n->id = c->roles[i].id;
	role_form(e, n, &c->roles[i]);
	return true;
}

static bool
role_values(const struct rel_ctx *c, int64_t id, char **out)
{
	const char *init[OF_COUNT] = { 0 };
	int i = row_index(c->roles, c->n, sizeof *c->roles, offsetof(struct role_row, id), id);

	if (i < 0)
		return false;
	role_init(&c->roles[i], init);
	form_dup_values(out, init, OF_COUNT);
	return true;
}

static const struct rel_kind role_kind = {
	role_values, role_label, role_edit_row, "roles",
	"%s holds no roles yet: add one first", "Edit or end which role of %s?", "no such role",
	OF_COUNT, role_fields, role_save, "Role of %s", "New role of %s", CMD_ROLE_ADD,
	CMD_ROLE_EDIT, NULL,
};

bool
forms_rel_open(struct engine *e, enum cmd cmd, int64_t contact_id, const char *name)
{
	static const struct rel_kind *const kinds[] = { &rel_kind, &role_kind };

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (cmd == kinds[i]->add_cmd)
			kind_form(e, ctx_new(contact_id, name), kinds[i], kinds[i]->init_new);
		else if (cmd == kinds[i]->edit_cmd)
			edit_pick(e, kinds[i], contact_id, name);
		else
			continue;
		return true;
	}
	return false;
}

/* Load the relationships or roles (c->kind) of c's contact into c. */
static enum kith_status
kind_load(struct kdb *db, struct rel_ctx *c, struct kith_err *err)
{
	if (c->kind == &rel_kind)
		return relationship_list_for_contact(db, c->contact_id, rel_row_cb, c, err);
	return role_list_for_contact(db, c->contact_id, role_row_cb, c, err);
}
