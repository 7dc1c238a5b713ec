/*
 * person.c: the commands on one person that every pane showing people
 * has (Contacts, the map): log, warm paths, the relationship and role
 * forms. Below the panes, above the forms.
 */
#include "panes.h"

bool
person_command(struct engine *e, enum cmd cmd, int64_t contact_id, int64_t org_id,
	       const char *name, int *r)
{
	switch (cmd) {
	case CMD_WARM_PATHS:
		*r |= warm_paths_open(e, contact_id, org_id, name);
		return true;
	case CMD_LOG:
	case CMD_REL_ADD:
	case CMD_REL_EDIT:
	case CMD_ROLE_ADD:
	case CMD_ROLE_EDIT:
		break;
	default:
		return false;
	}
	if (!contact_id)
		return false;
	if (cmd == CMD_LOG)
		forms_log_open(e, contact_id, name);
	else
		forms_rel_open(e, cmd, contact_id, name);
	*r |= R_REDRAW;
	return true;
}
