/*
 * services.c: what every pane and mode asks of the engine, below them
 * all: the database handle, the status line, the options, switching and
 * reloading panes, and the modes' common ground (the keymap chain, the
 * base mode, leaving to normal, opening a mode, the hint's keys).
 *
 * It reaches panes and modes only through their tables (struct pane_ops,
 * struct mode_ops), so the files above call down into it and nothing here
 * calls up by name.
 */
#include "core.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

struct kdb *
engine_db(struct engine *e)
{
	return e->db;
}

struct pane *
engine_pane(struct engine *e)
{
	return &e->panes[e->cur];
}

int
cursor_move(int *pos, long n, long last, bool bell)
{
	long to = *pos + n;

	if (last < 0)
		return R_BELL;
	if (to < 0)
		to = 0;
	if (to > last)
		to = last;
	if (bell && to == *pos)
		return R_BELL;
	*pos = (int)to;
	return R_REDRAW;
}

int
row_index(const void *rows, int n, size_t size, size_t off, int64_t id)
{
	for (int i = 0; i < n; i++) {
		int64_t v;
		memcpy(&v, (const char *)rows + (size_t)i * size + off, sizeof v);
		if (v == id)
			return i;
	}
	return -1;
}

void
text_vset(char **slot, const char *fmt, va_list ap)
{
	struct strbuf sb = { 0 };

	sb_vprintf(&sb, fmt, ap);
	free(*slot);
	*slot = sb_detach(&sb);
}

void
engine_say(struct engine *e, bool is_error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	text_vset(&e->message, fmt, ap);
	va_end(ap);
	e->message_is_error = is_error;
}

bool
cmd_move_rows(enum cmd cmd, long count, long page, long half, long end, bool scroll, long *rows)
{
	switch (cmd) {
	case CMD_SCROLL_DOWN:
	case CMD_SCROLL_UP:
		if (!scroll)
			return false;
		*rows = cmd == CMD_SCROLL_DOWN ? count : -count;
		return true;
	case CMD_MOVE_DOWN:      *rows = count; return true;
	case CMD_MOVE_UP:        *rows = -count; return true;
	case CMD_PAGE_DOWN:      *rows = page * count; return true;
	case CMD_PAGE_UP:        *rows = -page * count; return true;
	case CMD_HALF_PAGE_DOWN: *rows = half * count; return true;
	case CMD_HALF_PAGE_UP:   *rows = -half * count; return true;
	case CMD_MOVE_FIRST:     *rows = -end; return true;
	case CMD_MOVE_LAST:      *rows = end; return true;
	default:                 return false;
	}
}

int
engine_fail(struct engine *e, const struct kith_err *err)
{
	engine_error(e, "%s", err->msg);
	return R_BELL | R_REDRAW;
}

long
engine_opt_int(struct engine *e, const char *name)
{
	return options_int(e->opts, name);
}

const char *
engine_opt_str(struct engine *e, const char *name)
{
	return options_str(e->opts, name);
}

const char *
engine_cmd_arg(struct engine *e)
{
	return e->cmd_arg;
}

static bool
pane_ensure_open(struct engine *e, struct pane *p)
{
	struct kith_err err;

	if (p->opened)
		return true;
	kith_err_clear(&err);
	if (p->ops->open && p->ops->open(p, &err) != KITH_OK) {
		engine_error(e, "%s: %s", p->ops->title, err.msg[0] ? err.msg : "cannot load");
		return false;
	}
	p->opened = true;
	return true;
}

int
engine_show_entity(struct engine *e, enum view_pane pane, int64_t id)
{
	int r = engine_show_pane(e, pane);
	struct pane *p = &e->panes[pane];

	if (r != R_BELL && p->opened && p->ops->show)
		r |= p->ops->show(p, id);
	return r;
}

/* Switch to a pane, loading it the first time. */
static void pane_reload(struct engine *e, struct pane *p);

int
engine_show_pane(struct engine *e, enum view_pane pane)
{
	if ((int)pane < 0 || pane >= VP_COUNT_)
		return R_BELL;
	e->cur = pane;
	e->layout_unsynced = false;     /* the pane shown loads for the geometry now */
	pane_ensure_open(e, &e->panes[pane]);
	if (e->panes[pane].stale)
		pane_reload(e, &e->panes[pane]);
	else if (e->panes[pane].opened && e->panes[pane].ops->sync)
		e->panes[pane].ops->sync(&e->panes[pane]);
	return R_REDRAW | R_RELAYOUT;
}

static void
pane_reload(struct engine *e, struct pane *p)
{
	struct kith_err err;

	kith_err_clear(&err);
	p->stale = false;
	if (p->opened && p->ops->reload && p->ops->reload(p, &err) != KITH_OK)
		engine_error(e, "%s: %s", p->ops->title, err.msg);
}

/*
** After a write, an undo, or a change elsewhere: reload the pane on screen
** now, and the other opened panes when they are next shown, so one
** keystroke never pays for four reloads. During the review no pane is on
** screen: engine_show_pane() reloads the current one when it ends.
** shown: a pane that shows the change already (it brought itself up to
** date at less cost than a reload), or NULL.
*/
static int
reload_panes(struct engine *e, struct pane *shown)
{
	for (int i = 0; i < VP_COUNT_; i++) {
		struct pane *p = &e->panes[i];
		if (!p->opened || p == shown)
			continue;
		/* the review covers the panes: they reload when it ends */
		if ((enum view_pane)i == e->cur && engine_base_mode(e) == VM_NORMAL)
			pane_reload(e, p);
		else
			p->stale = true;
	}
	for (int i = 0; i < VM_COUNT_; i++) {
		const struct mode_ops *m = e->modes[i];
		if (m->reload)
			m->reload(e);
		else if (m->view && m->is_base(e))
			engine_base_load(e, m->view);
	}
	return R_REDRAW;
}

int
engine_reload_panes(struct engine *e)
{
	return reload_panes(e, NULL);
}

int
engine_reload_panes_but(struct engine *e, struct pane *shown)
{
	return reload_panes(e, shown);
}

/* The keymap chain that reads keys in a mode (most specific first). */
int
engine_chain(struct engine *e, enum view_mode mode, int chain[3])
{
	const struct mode_ops *m = e->modes[mode];
	int n = 0;

	chain[n++] = m->keymap == KM_CURRENT_PANE ? KM_PANE(e->cur) : m->keymap;
	if (m->generic)
		chain[n++] = KM_GENERIC;
	return n;
}

/*
** The mode a closing form, prompt or pick list returns to: the newest base
** mode that is on (the duplicates view, the review), else normal.
*/
enum view_mode
engine_base_mode(const struct engine *e)
{
	for (int i = VM_COUNT_ - 1; i > VM_NORMAL; i--)
		if (e->modes[i]->is_base && e->modes[i]->is_base(e))
			return (enum view_mode)i;
	return VM_NORMAL;
}

/* Drop every passing mode's state and return to normal mode (or the base mode on). */
void
engine_mode_normal(struct engine *e)
{
	for (int i = 0; i < VM_COUNT_; i++)
		if (!e->modes[i]->is_base && e->modes[i]->free)
			e->modes[i]->free(e);
	e->mode = engine_base_mode(e);
}

int
engine_mode_start(struct engine *e, enum view_mode mode, const char *arg)
{
	const struct mode_ops *m = e->modes[mode];

	if (m->start)
		return m->start(e, arg);
	return m->view ? engine_base_open(e, mode) : R_BELL;
}

/* ---- views over the panes ----------------------------------------------------------- */

int
engine_base_load(struct engine *e, const struct base_view *bv)
{
	struct kith_err err;

	kith_err_clear(&err);
	if (bv->load(e, &err) == KITH_OK)
		return R_REDRAW | R_RELAYOUT;
	engine_error(e, "%s: %s", bv->what, err.msg);
	return R_BELL | R_REDRAW;
}

int
engine_base_open(struct engine *e, enum view_mode mode)
{
	const struct mode_ops *m = e->modes[mode];
	int r;

	if (m->is_base(e))
		return R_REDRAW;
	engine_mode_normal(e);
	r = engine_base_load(e, m->view);
	if (r & R_BELL) {
		m->free(e);
		return r;
	}
	e->mode = mode;
	if (m->view->opened)
		m->view->opened(e);
	return r;
}

int
engine_base_end(struct engine *e, enum view_mode mode)
{
	e->modes[mode]->free(e);
	engine_mode_normal(e);
	/* the panes were left stale while the view covered them */
	return engine_show_pane(e, e->cur) | R_REDRAW | R_RELAYOUT;
}

void
engine_hint_keys(struct engine *e, enum view_mode mode, const struct hint_def *h, size_t n,
		 struct strbuf *hint)
{
	int chain[3], nc = engine_chain(e, mode, chain);

	for (size_t i = 0; i < n && h[i].what; i++) {
		struct strbuf k = { 0 };
		/* the first key bound: "\x1f" separates keys, as "/" is one */
		if (keymap_keys_for(e->km, chain, nc, h[i].cmd, "\x1f", &k) > 0) {
			const char *ks = sb_str(&k);
			if (hint->len)
				sb_append(hint, " · ");
			sb_appendn(hint, ks, strcspn(ks, "\x1f"));
			sb_printf(hint, " %s", h[i].what);
		}
		sb_free(&k);
	}
}
