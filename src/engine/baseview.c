/*
 * baseview.c: what the views that cover the panes share (the duplicates
 * view, the Health view, the daily review): opening one over the panes with
 * its data read, reading it again, closing it to show the pane again, and
 * the commands they all answer alike.
 *
 * Above services.c and engine.c, below the mode files: it reaches a mode
 * only through its table (e->modes[mode]).
 */
#include "core.h"

int
engine_base_load(struct engine *e, const char *what, base_load_fn load)
{
	struct kith_err err;

	kith_err_clear(&err);
	if (load(e, &err) == KITH_OK)
		return R_REDRAW | R_RELAYOUT;
	engine_error(e, "%s: %s", what, err.msg);
	return R_BELL | R_REDRAW;
}

int
engine_base_open(struct engine *e, enum view_mode mode, const char *what, base_load_fn load)
{
	int r;

	engine_mode_normal(e);
	r = engine_base_load(e, what, load);
	if (r & R_BELL)
		e->modes[mode]->free(e);
	else
		e->mode = mode;
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

int
engine_base_other(struct engine *e, enum view_mode mode, enum cmd cmd, long count,
		  const char *what)
{
	switch (cmd) {
	case CMD_HELP:
		return engine_mode_start(e, VM_HELP, NULL);
	case CMD_COMMAND_LINE:
		return engine_mode_start(e, VM_COMMAND, NULL);
	case CMD_PANE_CONTACTS:
	case CMD_PANE_EVENTS:
	case CMD_PANE_MAP:
	case CMD_PANE_FOLLOWUPS:
		return engine_base_end(e, mode) | engine_dispatch(e, cmd, count, NULL);
	default:
		engine_msg(e, "%s: not in the %s (q closes it)", cmd_name(cmd), what);
		return R_BELL | R_REDRAW;
	}
}
