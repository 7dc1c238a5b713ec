/*
 * commands.c: the command table, in the order `kith --help` lists it.
 * Each command is declared beside its run function (cmd_*.c); help.c,
 * main.c's dispatch and `kith complete` read this table.
 */
#include <stddef.h>

#include "cli.h"

const struct cli_cmd *const cli_commands[] = {
	&cli_cmd_add_contact, &cli_cmd_add_event, &cli_cmd_attend,
	&cli_cmd_log,
	&cli_cmd_followup_add, &cli_cmd_followup_done, &cli_cmd_followup_snooze,
	&cli_cmd_me, &cli_cmd_today, &cli_cmd_health,
	&cli_cmd_list_contacts, &cli_cmd_list_events, &cli_cmd_list_followups,
	&cli_cmd_search, &cli_cmd_backup, &cli_cmd_demo, &cli_cmd_complete,
	&cli_cmd_capture, &cli_cmd_import,
	&cli_cmd_edit_contact, &cli_cmd_edit_event, &cli_cmd_edit_followup,
	&cli_cmd_delete_contact, &cli_cmd_delete_event, &cli_cmd_delete_followup,
	&cli_cmd_delete_interaction,
	&cli_cmd_map_list, &cli_cmd_map_new, &cli_cmd_map_show, &cli_cmd_map_place,
	&cli_cmd_relate, &cli_cmd_role_add, &cli_cmd_path, &cli_cmd_export,
	&cli_cmd_duplicates, &cli_cmd_duplicates_merge, &cli_cmd_duplicates_not_same,
	&cli_cmd_concern_add, &cli_cmd_concerns, &cli_cmd_promise_add, &cli_cmd_promise_update,
	&cli_cmd_promise_list, &cli_cmd_promise_tell, &cli_cmd_promise_kept,
	&cli_cmd_promise_dropped,
	&cli_cmd_goal_add, &cli_cmd_goal_list, &cli_cmd_goal_drop, &cli_cmd_goal_delete,
	NULL,
};
