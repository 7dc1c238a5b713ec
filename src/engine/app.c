/*
 * app.c: the one file that knows every pane and every mode. It hands
 * their tables to engine_create(), so the engine (engine.c) and the
 * services below it reach a pane or a mode only through its table, and
 * the panes and modes call only down.
 */
#include "core.h"

static const struct pane_ops *const panes[VP_COUNT_] = {
	[VP_CONTACTS] = &contacts_pane_ops,
	[VP_EVENTS] = &events_pane_ops,
	[VP_MAP] = &map_pane_ops,
	[VP_FOLLOWUPS] = &followups_pane_ops,
	[VP_GOALS] = &goals_pane_ops,
};

static const struct mode_ops *const modes[VM_COUNT_] = {
	[VM_NORMAL] = &normal_mode_ops,
	[VM_SEARCH] = &search_mode_ops,
	[VM_COMMAND] = &command_mode_ops,
	[VM_FORM] = &form_mode_ops,
	[VM_CONFIRM] = &confirm_mode_ops,
	[VM_PICK] = &pick_mode_ops,
	[VM_HELP] = &help_mode_ops,
	[VM_REVIEW] = &review_mode_ops,
	[VM_CAPTURE] = &capture_mode_ops,
	[VM_DUPLICATES] = &dups_mode_ops,
	[VM_HEALTH] = &health_mode_ops,
};

enum kith_status
engine_new(struct kdb *db, const char *label, struct engine **out, struct kith_err *err)
{
	return engine_create(db, label, panes, modes, out, err);
}
