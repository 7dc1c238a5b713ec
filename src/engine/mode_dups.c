/*
 * mode_dups.c: the duplicates view (:duplicates, zd). The possible
 * duplicates of the data layer (kith/duplicate.h), one pair a row, with
 * why; Enter compares the two cards side by side (a field a row, the
 * differing ones highlighted); m merges the pair (a pick list asks which
 * to keep, the first being the one on the left); n says they are not the
 * same person, remembered. Each is one undo step; u undoes here too.
 *
 * Self-contained: the view is a mode (VM_DUPLICATES, keymap
 * "duplicates", then "generic") that covers the panes while it is on,
 * as the daily review does; it fills v->list with list_full set, so the
 * screen draws it over the whole body and the columns share the width.
 */
#include "panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/duplicate.h"
#include "kith/interaction.h"
#include "kith/merge.h"
#include "kith/org.h"
#include "kith/syncdb.h"
#include "kith/types.h"
#include "kith/xalloc.h"

enum { PAIR_COLS = 3, CMP_COLS = 3 };

/* A table of rows of owned cells. */
struct table {
	char **cells;               /* nrows * ncols */
	enum view_style *style;
	int nrows, cap, ncols;
};

struct dups_state {
	struct dup_list l;
	struct table pairs;         /* one row per pair */
	int sel, top;
	bool compare;               /* Enter: the selected pair side by side */
	struct table cmp;
	int csel, ctop;
	char *cmp_title[2];
	struct view_column cols[3];
	/* view cache */
	struct view_row *vrows;
	const char **vcells;
};

static const struct view_column pair_cols[PAIR_COLS] = {
	{ "First", 16, 36, VA_LEFT }, { "Second", 16, 36, VA_LEFT }, { "Why", 12, 0, VA_LEFT },
};

static void
table_clear(struct table *t)
{
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	t->nrows = 0;
}

static void
table_free(struct table *t)
{
	table_clear(t);
	free(t->cells);
	free(t->style);
	memset(t, 0, sizeof *t);
}

/* Append a row; cells are copied. */
static void
table_add(struct table *t, enum view_style style, const char *const *cells)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->cells = xreallocarray(t->cells, (size_t)t->cap * (size_t)t->ncols,
					 sizeof *t->cells);
		t->style = xreallocarray(t->style, (size_t)t->cap, sizeof *t->style);
	}
	for (int c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = xstrdup(cells[c] ? cells[c] : "");
	t->style[t->nrows++] = style;
}

/* ---- the pairs ------------------------------------------------------------------- */

/* A contact's number as shown: its short reference (kith/syncdb.h). */
#define REF(e, id) ((long long)kdb_ref(engine_db(e), "contact", (id)))

static char *
side_text(struct engine *e, const struct dup_side *s)
{
	struct strbuf sb = { 0 };

	sb_printf(&sb, "#%lld %s", REF(e, s->id), s->name);
	if (s->org && *s->org)
		sb_printf(&sb, " · %s", s->org);
	return sb_detach(&sb);
}

static enum kith_status
load_pairs(struct engine *e, struct kith_err *err)
{
	struct dups_state *ds = e->dups ? e->dups : (e->dups = xcalloc(1, sizeof *e->dups));
	enum kith_status rc = duplicate_pairs(engine_db(e), &ds->l, err);

	table_clear(&ds->pairs);
	ds->pairs.ncols = PAIR_COLS;
	for (int i = 0; rc == KITH_OK && i < ds->l.n; i++) {
		char *cells[PAIR_COLS] = { side_text(e, &ds->l.v[i].a),
					   side_text(e, &ds->l.v[i].b),
					   dup_pair_reason_text(&ds->l.v[i]) };
		table_add(&ds->pairs, VS_NORMAL, (const char *const *)cells);
		for (int c = 0; c < PAIR_COLS; c++)
			free(cells[c]);
	}
	if (ds->sel >= ds->l.n)
		ds->sel = ds->l.n > 0 ? ds->l.n - 1 : 0;
	return rc;
}

static const struct dup_pair *
current(struct engine *e)
{
	struct dups_state *ds = e->dups;
	return ds && ds->sel < ds->l.n ? &ds->l.v[ds->sel] : NULL;
}

/* ---- side by side ------------------------------------------------------------------ */

struct card {
	struct kith_contact k;
	struct strbuf roles;
	int interactions;
	bool ok;
};

static int
role_text(void *ud, const struct role_row *r)
{
	struct strbuf *sb = ud;

	if (sb->len)
		sb_append(sb, "; ");
	sb_printf(sb, "%s%s%s%s%s", r->title, *r->title && (*r->org_name || *r->seat) ? ", " : "",
		  *r->org_name ? r->org_name : r->seat, *r->end_date ? " until " : "", r->end_date);
	return 0;
}

static int
count_one(void *ud, const struct interaction_row *r)
{
	(void)r;
	(*(int *)ud)++;
	return 0;
}

static void
card_load(struct engine *e, int64_t id, struct card *c)
{
	struct kdb *db = engine_db(e);

	memset(c, 0, sizeof *c);
	c->ok = contact_get(db, id, &c->k, NULL) == KITH_OK;
	if (!c->ok)
		return;
	role_list_for_contact(db, id, role_text, &c->roles, NULL);
	interaction_list_for_contact(db, id, 0, 1000, count_one, &c->interactions, NULL);
}

static void
card_free(struct card *c)
{
	if (c->ok)
		contact_free(&c->k);
	sb_free(&c->roles);
}

static char *
channels(const struct kith_channel *ch, size_t n)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < n; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", ch[i].value);
	return sb_detach(&sb);
}

static char *
words(char *const *w, size_t n, const char *prefix)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < n; i++)
		sb_printf(&sb, "%s%s%s", i ? " " : "", prefix, w[i]);
	return sb_detach(&sb);
}

/* One field a row; rows where both are empty are left out. */
static void
cmp_row(struct table *t, const char *field, char *a, char *b)
{
	const char *cells[CMP_COLS] = { field, a ? a : "", b ? b : "" };

	if (*cells[1] || *cells[2])
		table_add(t, strcmp(cells[1], cells[2]) ? VS_HIGHLIGHT : VS_NORMAL, cells);
	free(a);
	free(b);
}

/* The first line of a note, for a cell. */
static char *
first_line(const char *s)
{
	size_t n = strcspn(s, "\n");
	return str_fmt("%.*s%s", (int)n, s, s[n] ? " …" : "");
}

static char *
cadence_text(const struct kith_contact *k)
{
	int d = k->cadence_days >= 0 ? k->cadence_days : kith_tier_cadence(k->tier);
	return d ? str_fmt("%d days%s", d, k->cadence_days >= 0 ? "" : " (tier)") : xstrdup("none");
}

static void
build_compare(struct engine *e)
{
	struct dups_state *ds = e->dups;
	const struct dup_pair *p = current(e);
	struct card a, b;
	char la[16], lb[16];

	table_clear(&ds->cmp);
	ds->cmp.ncols = CMP_COLS;
	ds->csel = ds->ctop = 0;
	free(ds->cmp_title[0]);
	free(ds->cmp_title[1]);
	ds->cmp_title[0] = ds->cmp_title[1] = NULL;
	if (!p)
		return;
	ds->cmp_title[0] = str_fmt("#%lld", REF(e, p->a.id));
	ds->cmp_title[1] = str_fmt("#%lld", REF(e, p->b.id));
	card_load(e, p->a.id, &a);
	card_load(e, p->b.id, &b);
	if (a.ok && b.ok) {
		const struct kith_contact *x = &a.k, *y = &b.k;
		fmt_ago(x->last_at, la);
		fmt_ago(y->last_at, lb);
		cmp_row(&ds->cmp, "name", xstrdup(x->display_name), xstrdup(y->display_name));
		cmp_row(&ds->cmp, "given", xstrdup(x->given_name), xstrdup(y->given_name));
		cmp_row(&ds->cmp, "family", xstrdup(x->family_name), xstrdup(y->family_name));
		cmp_row(&ds->cmp, "also", words(x->nicknames, x->n_nicknames, ""),
			words(y->nicknames, y->n_nicknames, ""));
		cmp_row(&ds->cmp, "pronouns", xstrdup(x->pronouns), xstrdup(y->pronouns));
		cmp_row(&ds->cmp, "roles", xstrdup(sb_str(&a.roles)), xstrdup(sb_str(&b.roles)));
		cmp_row(&ds->cmp, "email", channels(x->emails, x->n_emails),
			channels(y->emails, y->n_emails));
		cmp_row(&ds->cmp, "phone", channels(x->phones, x->n_phones),
			channels(y->phones, y->n_phones));
		cmp_row(&ds->cmp, "handle", channels(x->handles, x->n_handles),
			channels(y->handles, y->n_handles));
		cmp_row(&ds->cmp, "address", xstrdup(x->address), xstrdup(y->address));
		cmp_row(&ds->cmp, "district", xstrdup(x->district), xstrdup(y->district));
		cmp_row(&ds->cmp, "birthday", xstrdup(x->birthday ? x->birthday : ""),
			xstrdup(y->birthday ? y->birthday : ""));
		cmp_row(&ds->cmp, "tags", words(x->tags, x->n_tags, "#"),
			words(y->tags, y->n_tags, "#"));
		cmp_row(&ds->cmp, "met", xstrdup(x->how_met), xstrdup(y->how_met));
		cmp_row(&ds->cmp, "influence",
			x->influence ? str_fmt("%d", x->influence) : xstrdup("?"),
			y->influence ? str_fmt("%d", y->influence) : xstrdup("?"));
		cmp_row(&ds->cmp, "alignment", xstrdup(kith_alignment_name(x->alignment)),
			xstrdup(kith_alignment_name(y->alignment)));
		cmp_row(&ds->cmp, "tier", str_fmt("%c", x->tier ? x->tier : '-'),
			str_fmt("%c", y->tier ? y->tier : '-'));
		cmp_row(&ds->cmp, "cadence", cadence_text(x), cadence_text(y));
		cmp_row(&ds->cmp, "notes", first_line(x->notes), first_line(y->notes));
		cmp_row(&ds->cmp, "contacted", xstrdup(la), xstrdup(lb));
		cmp_row(&ds->cmp, "logged", str_fmt("%d%s", a.interactions,
						a.interactions >= 1000 ? "+" : ""),
			str_fmt("%d%s", b.interactions, b.interactions >= 1000 ? "+" : ""));
		cmp_row(&ds->cmp, "added", xstrdup(x->created_at), xstrdup(y->created_at));
		free(ds->cmp_title[0]);
		free(ds->cmp_title[1]);
		ds->cmp_title[0] = str_fmt("#%lld %s", REF(e, p->a.id), x->display_name);
		ds->cmp_title[1] = str_fmt("#%lld %s", REF(e, p->b.id), y->display_name);
	}
	card_free(&a);
	card_free(&b);
}

/* ---- life cycle ------------------------------------------------------------------- */

static void
dups_free(struct engine *e)
{
	struct dups_state *ds = e->dups;

	if (!ds)
		return;
	dup_list_free(&ds->l);
	table_free(&ds->pairs);
	table_free(&ds->cmp);
	free(ds->cmp_title[0]);
	free(ds->cmp_title[1]);
	free(ds->vrows);
	free(ds->vcells);
	free(ds);
	e->dups = NULL;
}

static void
dups_opened(struct engine *e)
{
	int n = e->dups->l.n;

	if (n == 0)
		engine_msg(e, "No possible duplicates");
	else
		engine_msg(e, "%d possible %s: Enter compares, m merges, n not the same person", n,
			   n == 1 ? "duplicate" : "duplicates");
}

static void
dups_reload(struct engine *e)
{
	struct dups_state *ds = e->dups;
	int64_t a = 0, b = 0;

	if (!ds)
		return;
	if (current(e)) {
		a = current(e)->a.id;
		b = current(e)->b.id;
	}
	engine_base_load(e, e->modes[VM_DUPLICATES]->view);
	/* stay on the same pair if it is still there */
	for (int i = 0; i < ds->l.n; i++)
		if (ds->l.v[i].a.id == a && ds->l.v[i].b.id == b)
			ds->sel = i;
	if (ds->compare) {
		if (current(e) && current(e)->a.id == a && current(e)->b.id == b)
			build_compare(e);
		else
			ds->compare = false;
	}
}

/* ---- acting on a pair ----------------------------------------------------------------- */

struct merge_ctx {
	int64_t a, b;
};

static int
merge_chosen(struct engine *e, int64_t keep, void *ctx)
{
	struct merge_ctx *m = ctx;
	int64_t drop = keep == m->a ? m->b : m->a;
	struct merge_result res;
	struct kith_err err;
	char label[64];
	int r;

	kith_err_clear(&err);
	if (contact_merge(engine_db(e), keep, drop, &res, &err) != KITH_OK) {
		engine_error(e, "merge: %s", err.msg);
		dups_reload(e);
		return R_BELL | R_REDRAW;
	}
	snprintf(label, sizeof label, "merge #%lld into #%lld", REF(e, drop), REF(e, keep));
	if (e->dups)
		e->dups->compare = false;
	r = engine_after_write(e, label);
	engine_msg(e, "merged #%lld into #%lld: %d %s moved, %d %s kept aside (u undoes)",
		   REF(e, drop), REF(e, keep), res.moved, res.moved == 1 ? "record" : "records",
		   res.aside, res.aside == 1 ? "field" : "fields");
	return r | R_RELAYOUT;
}

static int
do_merge(struct engine *e)
{
	const struct dup_pair *p = current(e);
	struct merge_ctx *m;
	char *a, *b, *labels[2];

	if (!p)
		return R_BELL;
	m = xcalloc(1, sizeof *m);
	m->a = p->a.id;
	m->b = p->b.id;
	a = side_text(e, &p->a);
	b = side_text(e, &p->b);
	labels[0] = str_fmt("Keep %s, merge #%lld into it", a, REF(e, m->b));
	labels[1] = str_fmt("Keep %s, merge #%lld into it", b, REF(e, m->a));
	engine_pick_choices(e, "Merge: keep which? (Enter keeps the first)", 2,
			    (const int64_t[]){ m->a, m->b }, (const char *const *)labels, merge_chosen,
			    m, free);
	free(labels[0]);
	free(labels[1]);
	free(a);
	free(b);
	return R_REDRAW | R_RELAYOUT;
}

static int
do_not_same(struct engine *e)
{
	const struct dup_pair *p = current(e);
	struct kith_err err;
	int64_t a, b;
	char label[64];
	int r;

	if (!p)
		return R_BELL;
	a = p->a.id;
	b = p->b.id;
	kith_err_clear(&err);
	if (duplicate_not_same(engine_db(e), a, b, &err) != KITH_OK) {
		engine_error(e, "not the same: %s", err.msg);
		return R_BELL | R_REDRAW;
	}
	snprintf(label, sizeof label, "not the same: #%lld and #%lld", REF(e, a), REF(e, b));
	e->dups->compare = false;
	r = engine_after_write(e, label);
	engine_msg(e, "#%lld and #%lld: not the same person, never asked again (u undoes)",
		   REF(e, a), REF(e, b));
	return r;
}

/* ---- keys --------------------------------------------------------------------------- */

static int
move(struct engine *e, long n)
{
	struct dups_state *ds = e->dups;
	int *sel = ds->compare ? &ds->csel : &ds->sel;
	int total = ds->compare ? ds->cmp.nrows : ds->l.n;

	return cursor_move(sel, n, (long)total - 1, false);
}

static bool
dups_cmd(struct engine *e, enum cmd cmd, long count, int *r)
{
	struct dups_state *ds = e->dups;

	switch (cmd) {
	case CMD_DETAIL_OPEN:
		if (ds->compare || !current(e)) {
			*r = R_BELL;
			return true;
		}
		ds->compare = true;
		build_compare(e);
		*r = R_REDRAW | R_RELAYOUT;
		return true;
	case CMD_BACK:
		if (ds->compare) {
			ds->compare = false;
			*r = R_REDRAW | R_RELAYOUT;
			return true;
		}
		/* out of the comparison, Esc closes the view */
		/* fall through */
	case CMD_DUP_END:
	case CMD_QUIT:
		*r = engine_base_end(e, VM_DUPLICATES);
		return true;
	case CMD_DUP_MERGE:
		*r = do_merge(e);
		return true;
	case CMD_DUP_NOT_SAME:
		*r = do_not_same(e);
		return true;
	case CMD_UNDO:
	case CMD_REDO:
		*r = R_REDRAW;
		while (count-- > 0 && !(*r & R_BELL))
			*r |= engine_undo(e, cmd == CMD_REDO);
		return true;
	case CMD_REFRESH:
		dups_reload(e);
		*r = R_REDRAW | R_RELAYOUT;
		return true;
	default:
		return false;
	}
}

/* ---- the view ---------------------------------------------------------------------- */

/* Fill out with the rows of t around *sel that fit in height, keeping *top in view. */
static void
fill_rows(struct dups_state *ds, const struct table *t, int *sel, int *top, int height,
	  struct view_list *out)
{
	int n;

	if (*sel < *top)
		*top = *sel;
	if (*sel >= *top + height)
		*top = *sel - height + 1;
	if (*top > t->nrows - height)
		*top = t->nrows - height > 0 ? t->nrows - height : 0;
	n = t->nrows - *top < height ? t->nrows - *top : height;
	if (n < 0)
		n = 0;
	free(ds->vrows);
	free(ds->vcells);
	ds->vrows = xcalloc((size_t)(n > 0 ? n : 1), sizeof *ds->vrows);
	ds->vcells = xcalloc((size_t)(n > 0 ? n : 1) * (size_t)t->ncols, sizeof *ds->vcells);
	for (int i = 0; i < n; i++) {
		for (int c = 0; c < t->ncols; c++)
			ds->vcells[i * t->ncols + c] = t->cells[(*top + i) * t->ncols + c];
		ds->vrows[i].cells = &ds->vcells[i * t->ncols];
		ds->vrows[i].style = t->style[*top + i];
	}
	out->nrows = n;
	out->rows = ds->vrows;
	out->selected = t->nrows ? *sel - *top : -1;
	out->position = *sel;
	out->total = t->nrows;
}

static void
dups_fill_view(struct engine *e, struct view *v)
{
	struct dups_state *ds = e->dups;
	int height = e->list_rows > 0 ? e->list_rows : 1;

	if (!ds)
		return;
	v->list_full = true;
	v->detail_open = false;
	memset(&v->list, 0, sizeof v->list);
	if (ds->compare) {
		ds->cols[0] = (struct view_column){ "Field", 9, 10, VA_LEFT };
		ds->cols[1] = (struct view_column){ ds->cmp_title[0] ? ds->cmp_title[0] : "",
						    16, 0, VA_LEFT };
		ds->cols[2] = (struct view_column){ ds->cmp_title[1] ? ds->cmp_title[1] : "",
						    16, 0, VA_LEFT };
		v->list.ncols = CMP_COLS;
		v->list.cols = ds->cols;
		fill_rows(ds, &ds->cmp, &ds->csel, &ds->ctop, height, &v->list);
		v->list.empty_text = "One of the two is gone.";
	} else {
		v->list.ncols = PAIR_COLS;
		v->list.cols = pair_cols;
		fill_rows(ds, &ds->pairs, &ds->sel, &ds->top, height, &v->list);
		v->list.empty_text = "No possible duplicates.\n\n"
			"Pairs with the same name (at the same organisation, or one without),\n"
			"a shared phone or a shared email show here. Esc or q closes this view.";
	}
	sb_reset(&e->title);
	if (ds->compare && current(e))
		sb_printf(&e->title, "kith — Duplicates — %s", ds->pairs.cells[ds->sel * PAIR_COLS + 2]);
	else
		sb_printf(&e->title, "kith — Duplicates — %s — %d %s", e->label, ds->l.n,
			  ds->l.n == 1 ? "pair" : "pairs");
	v->title = sb_str(&e->title);
}

static bool
dups_is_base(const struct engine *e)
{
	return e->dups != NULL;
}

/* The view's commands from the ':' line elsewhere: open it first. */
static bool
dups_command(struct engine *e, enum cmd cmd, long count, int *r)
{
	switch (cmd) {
	case CMD_DUP_MERGE:
	case CMD_DUP_NOT_SAME:
	case CMD_DUP_END:
		if (e->dups) {
			return dups_cmd(e, cmd, count, r);
		}
		engine_msg(e, "%s: open the duplicates view first (:duplicates)", cmd_name(cmd));
		*r = R_BELL | R_REDRAW;
		return true;
	default:
		return false;
	}
}

static const struct base_view dups_view = {
	"duplicates", "duplicates view", load_pairs, dups_opened, move, dups_cmd,
};

const struct mode_ops dups_mode_ops = {
	.name = "DUPLICATES",
	.keymap = KM_DUPLICATES,
	.generic = true,
	.cmd = CMD_DUPLICATES,
	.run = engine_base_run,
	.fill_view = dups_fill_view,
	.hint_keys = { { CMD_DETAIL_OPEN, "compare" }, { CMD_DUP_MERGE, "merge" },
		       { CMD_DUP_NOT_SAME, "not same" }, { CMD_UNDO, "undo" }, { CMD_BACK, "back" } },
	.free = dups_free,
	.is_base = dups_is_base,
	.reload = dups_reload,
	.command = dups_command,
	.view = &dups_view,
};
