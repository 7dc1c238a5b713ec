/*
 * baseview.c: the keys of the views that cover the panes (the duplicates
 * view, the Health view): their movement, and the commands they answer alike. Opening, reading and closing them
 * is services.c's (engine_base_open), below the engine.
 *
 * Above services.c and engine.c, below the mode files: it reaches a mode
 * only through its table (e->modes[mode]).
 */
#include "core.h"

int
engine_base_run(struct engine *e, enum cmd cmd, long count)
{
	const struct base_view *bv = e->modes[e->mode]->view;
	long page = e->list_rows > 1 ? e->list_rows : 1, rows;
	int r;

	if (cmd_move_rows(cmd, count, page, page / 2 + 1, 1L << 30, true, &rows))
		return bv->move(e, rows);
	if (bv->run(e, cmd, count, &r))
		return r;
	switch (cmd) {
	case CMD_HELP:
		return engine_mode_start(e, VM_HELP, NULL);
	case CMD_COMMAND_LINE:
		return engine_mode_start(e, VM_COMMAND, NULL);
	case CMD_PANE_CONTACTS:
	case CMD_PANE_EVENTS:
	case CMD_PANE_MAP:
	case CMD_PANE_FOLLOWUPS:
		return engine_base_end(e, e->mode) | engine_dispatch(e, cmd, count, NULL);
	default:
		engine_msg(e, "%s: not in the %s (q closes it)", cmd_name(cmd), bv->name);
		return R_BELL | R_REDRAW;
	}
}
