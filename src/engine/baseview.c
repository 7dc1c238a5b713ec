/*
 * baseview.c: the commands the views that cover the panes (the duplicates
 * view, the Health view) answer alike. Opening, reading and closing them
 * is services.c's (engine_base_open), below the engine.
 *
 * Above services.c and engine.c, below the mode files: it reaches a mode
 * only through its table (e->modes[mode]).
 */
#include "core.h"

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
