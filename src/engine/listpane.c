/*
 * listpane.c: the base of the list panes (see listpane.h): the list
 * window, marks, the card, the search text, the title and the commands
 * every list pane shares.
 */
#include "listpane.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kith/merge.h"
#include "kith/xalloc.h"

struct listpane *
listpane_of(struct pane *p)
{
	return p->priv;
}

static bool
is_list(const struct pane *p)
{
	return p->ops->fill_view == listpane_fill_view && p->opened;
}

/* ---- marks (t) ------------------------------------------------------------ */

/* The marks themselves (sorted ids) are listwin.c's: marks_*(), shared with bulk.c. */

bool
listpane_marked(struct pane *p, const int64_t **ids, int *n)
{
	struct listpane *lp;

	*ids = NULL;
	*n = 0;
	if (!is_list(p))
		return false;
	lp = listpane_of(p);
	*ids = lp->marks.ids;
	*n = lp->marks.n;
	return true;
}

void
listpane_marks_clear(struct pane *p)
{
	if (is_list(p))
		listpane_of(p)->marks.n = 0;
}

struct marks *
listpane_marks(struct pane *p, struct listwin **lw)
{
	*lw = &listpane_of(p)->lw;
	return &listpane_of(p)->marks;
}

/* ---- loading ------------------------------------------------------------------ */

void
listpane_sync(struct pane *p)
{
	struct listpane *lp = listpane_of(p);
	int64_t id;
	bool want;

	lp->lw.height = p->e->list_rows;
	id = lw_selected_id(&lp->lw);
	if (!id)
		lp->detail_open = false;
	want = id && (lp->detail_open || p->e->side_by_side);
	if (want && (lp->detail_dirty || id != lp->detail_id ||
		     (lp->def->detail_grows_open && lp->detail_built_open != lp->detail_open))) {
		bool snap = false;

		page_clear(&lp->detail);
		if (lp->def->detail_snapshot)
			(void)kdb_read_snapshot(engine_db(p->e), &snap, NULL);
		lp->def->load_detail(p, id, &lp->detail);
		kdb_read_end(engine_db(p->e), snap);
		lp->detail_id = id;
		lp->detail_built_open = lp->detail_open;
		lp->detail_dirty = false;
	} else if (!want && lp->detail_id > 0 && (id != lp->detail_id || lp->detail_dirty)) {
		/* out of sight: forget it, it loads when it shows */
		page_clear(&lp->detail);
		lp->detail_id = 0;
	}
}

int
listpane_open(struct pane *p, const struct listpane_def *def, struct kith_err *err)
{
	struct listpane *lp = listpane_of(p);

	lp->def = def;
	lw_init(&lp->lw, def->ncols, def->cols, def->fetch, def->count);
	return listpane_reload(p, err);
}

/* The rows were read again: the pane's own hook, then the detail and the cursor. */
static int
rows_loaded(struct pane *p)
{
	struct listpane *lp = listpane_of(p);

	if (lp->def->loaded)
		lp->def->loaded(p);
	lp->detail_dirty = true;    /* the data may have changed */
	listpane_sync(p);
	return KITH_OK;
}

int
listpane_reload(struct pane *p, struct kith_err *err)
{
	struct listpane *lp = listpane_of(p);
	int rc;

	lp->lw.height = p->e->list_rows;
	if (lp->def->prepare)
		lp->def->prepare(p);
	rc = lw_reload(p, &lp->lw, lw_selected_id(&lp->lw), err);
	return rc != KITH_OK ? rc : rows_loaded(p);
}

int
listpane_drop(struct pane *p, int64_t id, struct kith_err *err)
{
	struct listpane *lp = listpane_of(p);
	int rc;

	lp->lw.height = p->e->list_rows;
	if ((rc = lp->lw.count(p, &lp->lw.total, err)) == KITH_OK)
		rc = lw_drop(p, &lp->lw, id, err);
	if (rc != KITH_OK) {
		kith_err_clear(err);
		return listpane_reload(p, err);
	}
	return rows_loaded(p);
}

int
listpane_select(struct pane *p, int64_t id, struct kith_err *err)
{
	struct listpane *lp = listpane_of(p);
	int rc;

	lp->lw.height = p->e->list_rows;
	rc = lw_reload(p, &lp->lw, id, err);
	lp->detail_dirty = true;
	listpane_sync(p);
	return rc;
}

int
listpane_requery(struct pane *p, int64_t id, const char *msg, ...)
{
	struct kith_err err;
	struct strbuf sb = { 0 };
	va_list ap;

	kith_err_clear(&err);
	if (listpane_select(p, id, &err) != KITH_OK)
		engine_error(p->e, "%s", err.msg);
	va_start(ap, msg);
	sb_vprintf(&sb, msg, ap);
	va_end(ap);
	engine_msg(p->e, "%s", sb_str(&sb));
	sb_free(&sb);
	return R_REDRAW;
}

int
listpane_show(struct pane *p, int64_t id)
{
	struct listpane *lp = listpane_of(p);
	struct kith_err err;

	if (lp->match) {            /* a search could hide the row */
		free(p->e->search_text[p->ops->id]);
		p->e->search_text[p->ops->id] = NULL;
		free(lp->match);
		lp->match = NULL;
		if (lp->def->set_match)
			lp->def->set_match(p, NULL);
	}
	kith_err_clear(&err);
	if (listpane_select(p, id, &err) != KITH_OK)
		engine_error(p->e, "%s", err.msg);
	lp->detail_open = lw_selected_id(&lp->lw) == id;
	listpane_sync(p);
	return R_REDRAW | R_RELAYOUT;
}

int
listpane_filter(struct pane *p, const char *text, struct kith_err *err)
{
	struct listpane *lp = listpane_of(p);
	char *match = str_empty(text) ? NULL : xstrdup(text);
	int rc;

	free(lp->match);
	lp->match = match;
	if (lp->def->set_match)
		lp->def->set_match(p, match);
	/* other rows, the same data: the card is read again only for another row */
	lp->lw.height = p->e->list_rows;
	rc = lw_reload(p, &lp->lw, 0, err);
	listpane_sync(p);
	return rc;
}

void
listpane_close(struct pane *p)
{
	struct listpane *lp = listpane_of(p);

	if (lp->def->close)
		lp->def->close(p);
	lw_free(&lp->lw);
	marks_free(&lp->marks);
	page_free(&lp->detail);
	free(lp->match);
	sb_free(&lp->title);
}

/* ---- the note in $EDITOR (E) ------------------------------------------------------ */

/* Notes being edited in $EDITOR: what they were when it opened, and the new text. */
struct note_edit {
	const struct listpane_def *def;
	int64_t id;
	char *orig, *text;
};

static void
note_edit_free(void *p)
{
	struct note_edit *ne = p;

	free(ne->orig);
	free(ne->text);
	free(ne);
}

static struct note_edit *
note_edit_new(const struct listpane_def *def, int64_t id, const char *orig, const char *text)
{
	struct note_edit *ne = xcalloc(1, sizeof *ne);

	ne->def = def;
	ne->id = id;
	ne->orig = xstrdup(orig ? orig : "");
	ne->text = xstrdup(text ? text : "");
	return ne;
}

static int note_write(struct engine *e, const struct note_edit *ne, bool over);

static int
note_over_yes(struct engine *e, void *ctx)
{
	return note_write(e, ctx, true);
}

/* Ask q (formatted with what), keeping the edited text for the yes. */
static void
note_ask(struct engine *e, const struct note_edit *ne, const char *q, const char *what)
{
	struct strbuf sb = { 0 };

	sb_printf(&sb, q, what);
	engine_confirm(e, sb_str(&sb), note_over_yes, note_edit_new(ne->def, ne->id, ne->orig, ne->text),
		       note_edit_free);
	sb_free(&sb);
}

/*
** Save the edited notes. Notes that changed elsewhere since the editor
** opened are not overwritten without a yes (over); a failed save asks to
** try again, so the text is not lost.
*/
static int
note_write(struct engine *e, const struct note_edit *ne, bool over)
{
	struct kith_err err;
	char *now = NULL, *name = NULL;
	int r = R_REDRAW;

	kith_err_clear(&err);
	if (row_note(engine_db(e), ne->def->row, ne->id, NULL, &now, &name, &err) != KITH_OK) {
		engine_error(e, "notes not saved: %s", err.msg);
		return R_BELL | R_REDRAW;
	}
	if (!strcmp(now, ne->text)) {
		/* unchanged */
	} else if (!over && strcmp(now, ne->orig)) {
		note_ask(e, ne, "The notes of %s changed elsewhere since the editor opened. "
			 "Save yours over them? (y/n)", name);
	} else if (row_note(engine_db(e), ne->def->row, ne->id, ne->text, NULL, NULL, &err) ==
		   KITH_OK) {
		r = engine_after_write(e, "edit notes");
	} else {
		note_ask(e, ne, "Notes not saved: %s. Try again? (y/n)", err.msg);
		r = R_BELL | R_REDRAW;
	}
	free(now);
	free(name);
	return r;
}

static int
edit_note_done(struct engine *e, bool ok, const char *text, void *ctx)
{
	struct note_edit *ne = ctx;
	int r = R_REDRAW;

	if (ok && text) {
		str_set(&ne->text, text);
		r = note_write(e, ne, false);
	}
	note_edit_free(ne);
	return r;
}

/* E: open the note of row id in $EDITOR. Returns reactions. */
static int
note_edit_start(struct pane *p, int64_t id)
{
	const struct listpane_def *def = listpane_of(p)->def;
	struct kith_err err;
	char *now = NULL, *name = NULL;
	struct note_edit *ne;
	int r;

	kith_err_clear(&err);
	if (row_note(engine_db(p->e), def->row, id, NULL, &now, &name, &err) != KITH_OK)
		return engine_fail(p->e, &err);
	ne = note_edit_new(def, id, now, NULL);
	r = engine_edit_external(p->e, now, edit_note_done, ne);
	if (!(r & R_EDITOR))
		note_edit_free(ne);     /* not started: the callback never runs */
	free(now);
	free(name);
	return r;
}

/* ---- delete (D) ------------------------------------------------------------------ */

/* The yes to D (ctx: the row); the question is modal, so the pane is still the one asking. */
static int
delete_yes(struct engine *e, void *ctx)
{
	const struct idname *d = ctx;
	const struct listpane_def *def = listpane_of(engine_pane(e))->def;
	struct kith_err err;

	kith_err_clear(&err);
	if (def->del(engine_db(e), d->id, &err) != KITH_OK) {
		engine_error(e, "delete: %s", err.msg);
		return R_REDRAW;
	}
	engine_msg(e, def->del_done, d->name);
	return engine_after_write(e, def->del_label);
}

/* D on row id: asks first unless confirm.delete is off. Returns reactions. */
static int
delete_start(struct pane *p, struct listpane *lp, int64_t id)
{
	struct idname *d = idname_new(id, lp->lw.rows[lp->lw.sel].cells[lp->def->name_col]);
	struct strbuf q = { 0 };
	int r;

	if (!engine_opt_int(p->e, "confirm.delete")) {
		r = delete_yes(p->e, d);
		idname_free(d);
		return r;
	}
	sb_printf(&q, lp->def->del_question, d->name);
	engine_confirm(p->e, sb_str(&q), delete_yes, d, idname_free);
	sb_free(&q);
	return R_REDRAW;
}

/* ---- commands and the view ----------------------------------------------------------- */

/* The commands of the base; true if cmd was one. */
static bool
base_command(struct pane *p, struct listpane *lp, enum cmd cmd, int64_t id, long n, int *r)
{
	bool *past;

	if (lw_command(p, &lp->lw, cmd, n, r))
		return true;
	if (cmd == lp->def->add_cmd && cmd != CMD_NONE)
		cmd = CMD_ADD;
	switch (cmd) {
	case CMD_ADD:
	case CMD_EDIT:
		if (!lp->def->open_form || (cmd == CMD_EDIT && !id))
			return false;
		lp->def->open_form(p, cmd == CMD_EDIT ? id : 0);
		*r |= R_REDRAW;
		return true;
	case CMD_MARK:
		*r |= marks_command(p, &lp->marks, &lp->lw);
		return true;
	case CMD_TOGGLE_PAST:
		if (!lp->def->past_flag)
			return false;
		past = (bool *)((char *)lp + lp->def->past_flag);
		*past = !*past;
		if (lp->def->past_toggled)
			lp->def->past_toggled(p, &id);
		*r |= listpane_requery(p, id, "%s", *past ? lp->def->past_shown : lp->def->past_hidden);
		return true;
	case CMD_DETAIL_OPEN:
	case CMD_MOVE_RIGHT:
		if (!id)
			return false;
		lp->detail_open = true;
		*r |= R_REDRAW | R_RELAYOUT;
		return true;
	case CMD_BACK:
	case CMD_MOVE_LEFT:
		if (!lp->detail_open)
			return cmd == CMD_MOVE_LEFT;    /* h with nothing open: nothing to do */
		lp->detail_open = false;
		*r |= R_REDRAW | R_RELAYOUT;
		return true;
	case CMD_SCROLL_DOWN:
	case CMD_SCROLL_UP:
		lp->detail.scroll += (cmd == CMD_SCROLL_DOWN ? 1 : -1) * (int)n;
		if (lp->detail.scroll > lp->detail.n - 1)
			lp->detail.scroll = lp->detail.n - 1;
		if (lp->detail.scroll < 0)
			lp->detail.scroll = 0;
		*r |= R_REDRAW;
		return true;
	case CMD_DELETE:
		if (!id || !lp->def->del)
			return false;
		*r |= delete_start(p, lp, id);
		return true;
	case CMD_EDIT_NOTE:
		if (!id || lp->def->row == ROW_NONE)
			return false;
		*r |= note_edit_start(p, id);
		return true;
	default:
		return false;
	}
}

bool
listpane_command(struct pane *p, enum cmd cmd, long n, int *r)
{
	struct listpane *lp = listpane_of(p);
	int64_t id = lw_selected_id(&lp->lw);
	bool done;

	lp->lw.height = p->e->list_rows;
	done = base_command(p, lp, cmd, id, n, r) || lp->def->command(p, cmd, id, n, r) ||
	       (id && lp->def->row_command && lp->def->row_command(p, cmd, id, r));
	/* a command not the pane's (one that shows another pane) loads nothing here */
	if (done && p->opened)
		listpane_sync(p);
	return done;
}

const char *const *
listpane_selected_cells(struct pane *p)
{
	struct listpane *lp = listpane_of(p);

	if (!lw_selected_id(&lp->lw))
		return NULL;
	return (const char *const *)lp->lw.rows[lp->lw.sel].cells;
}

void
listpane_fill_view(struct pane *p, struct view *v)
{
	struct listpane *lp = listpane_of(p);
	const struct listpane_def *def = lp->def;

	lw_fill_view(&lp->lw, &v->list, def->empty_text(p));
	marks_apply(&lp->marks, &lp->lw, &v->list);
	v->detail_open = lp->detail_open;
	page_fill_view(&lp->detail, &v->detail);
	sb_reset(&lp->title);
	sb_printf(&lp->title, "kith — %s — %s — ", p->ops->title, p->e->label);
	if (def->title)
		def->title(p, v->list.total, &lp->title);
	else
		sb_printf(&lp->title, "%lld %s", v->list.total,
			  v->list.total == 1 ? p->ops->noun : p->ops->nouns);
	v->title = sb_str(&lp->title);
	if (def->fill)
		def->fill(p, v);
}
