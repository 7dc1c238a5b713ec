/*
 * commands.h: the options of every command (src/cli only), one X-macro
 * list each, O(INDEX, "name", KIND) as cli.h describes. Each list expands
 * here into the enum of the indexes its run function reads (cli_opt,
 * cli_flag, a->vals) and, in commands.c, into the command's option table
 * (CLI_OPTS). Beside them, the run function of every command.
 */
#ifndef KITH_CLI_COMMANDS_H
#define KITH_CLI_COMMANDS_H

#include "cli.h"

/* cmd_add.c */
#define ADD_EVENT_OPTS(O) \
	O(AE_AT, "at", CLI_ARG) O(AE_UNTIL, "until", CLI_ARG) O(AE_WHERE, "where", CLI_ARG) \
	O(AE_KIND, "kind", CLI_ARG) O(AE_WITH, "with", CLI_MULTI)

#define ATTEND_OPTS(O) O(AT_STATUS, "status", CLI_ARG)

/* cmd_capture.c */
#define CAPTURE_OPTS(O) O(CP_CREATE, "create", CLI_FLAG) O(CP_JSON, "json", CLI_FLAG)

/* cmd_concern.c */
#define CONCERN_ADD_OPTS(O) O(CA_WORDS, "words", CLI_ARG) O(CA_AT, "at", CLI_ARG)

#define CONCERNS_OPTS(O) \
	O(CN_JSON, "json", CLI_FLAG) O(CN_SINCE, "since", CLI_ARG) O(CN_ALL, "all", CLI_FLAG) \
	O(CN_LIMIT, "limit", CLI_ARG)

#define PROMISE_UPDATE_OPTS(O) O(PU_AT, "at", CLI_ARG)

#define PROMISE_LIST_OPTS(O) O(PL_JSON, "json", CLI_FLAG) O(PL_ALL, "all", CLI_FLAG)

#define PROMISE_TELL_OPTS(O) O(PT_KIND, "kind", CLI_ARG)

/* cmd_edit.c */
/* The first options are add contact's, in its order (cli_contact_values). */
#define EDIT_CONTACT_OWN_OPTS(O) \
	O(EC_NAME, "name", CLI_ARG) O(EC_ADD_EMAIL, "add-email", CLI_MULTI) \
	O(EC_ADD_PHONE, "add-phone", CLI_MULTI) O(EC_UNTAG, "untag", CLI_MULTI) \
	O(EC_AT_MOST, "at-most", CLI_ARG)
enum { EC_BEFORE_ = CO_COUNT_ - 1, EDIT_CONTACT_OWN_OPTS(CLI_OPT_INDEX_) };
#define EDIT_CONTACT_OPTS(O) CLI_CONTACT_OPTS(O) EDIT_CONTACT_OWN_OPTS(O)

#define EDIT_EVENT_OPTS(O) \
	O(EE_TITLE, "title", CLI_ARG) O(EE_AT, "at", CLI_ARG) O(EE_UNTIL, "until", CLI_ARG) \
	O(EE_WHERE, "where", CLI_ARG) O(EE_KIND, "kind", CLI_ARG)

#define EDIT_FOLLOWUP_OPTS(O) \
	O(EF_TITLE, "title", CLI_ARG) O(EF_DUE, "due", CLI_ARG) O(EF_CONTACT, "contact", CLI_ARG)

/* cmd_goal.c */
#define GOAL_ADD_OPTS(O) \
	O(GA_BY, "by", CLI_ARG) O(GA_COUNT, "count", CLI_ARG) O(GA_WHO, "who", CLI_ARG) \
	O(GA_HOW, "how", CLI_ARG)

#define GOAL_LIST_OPTS(O) O(GL_JSON, "json", CLI_FLAG) O(GL_ALL, "all", CLI_FLAG)

/* cmd_health.c */
#define HEALTH_OPTS(O) O(HE_JSON, "json", CLI_FLAG) O(HE_LIMIT, "limit", CLI_ARG)

/* cmd_io.c */
#define IMPORT_OPTS(O) \
	O(IM_FORMAT, "format", CLI_ARG) O(IM_DRY_RUN, "dry-run", CLI_FLAG) \
	O(IM_SKIP_INVALID, "skip-invalid", CLI_FLAG)

#define EXPORT_OPTS(O) \
	O(EX_FORMAT, "format", CLI_ARG) O(EX_OUT, "output", CLI_ARG) \
	O(EX_VCARD_VERSION, "vcard-version", CLI_ARG) O(EX_MAP, "map", CLI_ARG) \
	O(EX_AS_OF, "as-of", CLI_ARG)

/* cmd_list.c */
#define LIST_OPTS(O) \
	O(LS_JSON, "json", CLI_FLAG) O(LS_LIMIT, "limit", CLI_ARG) O(LS_SORT, "sort", CLI_ARG) \
	O(LS_PAST, "past", CLI_FLAG) O(LS_ALL, "all", CLI_FLAG)

/* cmd_log.c */
#define LOG_OPTS(O) \
	O(LG_KIND, "kind", CLI_ARG) O(LG_AT, "at", CLI_ARG) O(LG_FOLLOW_UP, "follow-up", CLI_ARG) \
	O(LG_TITLE, "title", CLI_ARG) O(LG_OUT, "out", CLI_FLAG) O(LG_REPLY, "reply", CLI_FLAG) \
	O(LG_GIVE, "give", CLI_FLAG) O(LG_ASK, "ask", CLI_FLAG) O(LG_PRIVATE, "private", CLI_FLAG)

#define FOLLOWUP_ADD_OPTS(O) \
	O(FA_DUE, "due", CLI_ARG) O(FA_OWE, "owe", CLI_FLAG) O(FA_OWED, "owed", CLI_FLAG)

#define FOLLOWUP_SNOOZE_OPTS(O) O(FS_REASON, "reason", CLI_ARG)

/* cmd_map.c */
#define PATH_OPTS(O) \
	O(PA_JSON, "json", CLI_FLAG) O(PA_MAX_HOPS, "max-hops", CLI_ARG) \
	O(PA_LIMIT, "limit", CLI_ARG)

#define MAP_NEW_OPTS(O) O(MN_GOAL, "goal", CLI_ARG) O(MN_TARGET, "target", CLI_MULTI)

#define MAP_SHOW_OPTS(O) O(MS_JSON, "json", CLI_FLAG) O(MS_AS_OF, "as-of", CLI_ARG)

#define MAP_PLACE_OPTS(O) \
	O(MP_INFLUENCE, "influence", CLI_ARG) O(MP_ALIGNMENT, "alignment", CLI_ARG) \
	O(MP_NOTE, "note", CLI_ARG) O(MP_REASON, "reason", CLI_ARG)

#define RELATE_OPTS(O) \
	O(RE_TYPE, "type", CLI_ARG) O(RE_STRENGTH, "strength", CLI_ARG) \
	O(RE_SOURCE, "source", CLI_ARG) O(RE_NOTE, "note", CLI_ARG) O(RE_FROM, "from", CLI_ARG) \
	O(RE_TO, "to", CLI_ARG)

#define ROLE_OPTS(O) \
	O(RO_TITLE, "title", CLI_ARG) O(RO_SEAT, "seat", CLI_ARG) O(RO_FROM, "from", CLI_ARG) \
	O(RO_TO, "to", CLI_ARG)

/* cmd_misc.c */
#define SEARCH_OPTS(O) O(SR_JSON, "json", CLI_FLAG) O(SR_LIMIT, "limit", CLI_ARG)

#define DEMO_OPTS(O) O(DM_NO_UI, "no-ui", CLI_FLAG)

/* cmd_team.c */
#define TEAM_AS_OPTS(O) O(TM_AS, "as", CLI_ARG)

/* cmd_sync.c */
#define SYNC_OPTS(O) O(SY_LOG, "log", CLI_FLAG)

/* cmd_today.c */
#define TODAY_OPTS(O) \
	O(TD_JSON, "json", CLI_FLAG) O(TD_EXPLAIN, "explain", CLI_FLAG) \
	O(TD_LIMIT, "limit", CLI_ARG)

/*
** Each list above expands into the enum of its indexes, as
** enum { ADD_EVENT_OPTS(CLI_OPT_INDEX_) }; (the contact options have theirs
** in cli.h and beside EDIT_CONTACT_OWN_OPTS).
*/
#define CLI_OPT_ENUM_(LIST) enum { LIST(CLI_OPT_INDEX_) };
#define CLI_OPT_LISTS(X) \
	X(ADD_EVENT_OPTS) X(ATTEND_OPTS) X(CAPTURE_OPTS) X(CONCERN_ADD_OPTS) X(CONCERNS_OPTS) \
	X(PROMISE_UPDATE_OPTS) X(PROMISE_LIST_OPTS) X(PROMISE_TELL_OPTS) X(EDIT_EVENT_OPTS) \
	X(EDIT_FOLLOWUP_OPTS) X(GOAL_ADD_OPTS) X(GOAL_LIST_OPTS) X(HEALTH_OPTS) \
	X(IMPORT_OPTS) X(EXPORT_OPTS) X(LIST_OPTS) X(LOG_OPTS) X(FOLLOWUP_ADD_OPTS) \
	X(FOLLOWUP_SNOOZE_OPTS) X(PATH_OPTS) X(MAP_NEW_OPTS) X(MAP_SHOW_OPTS) \
	X(MAP_PLACE_OPTS) X(RELATE_OPTS) X(ROLE_OPTS) X(SEARCH_OPTS) X(DEMO_OPTS) \
	X(TEAM_AS_OPTS) X(SYNC_OPTS) X(TODAY_OPTS)
CLI_OPT_LISTS(CLI_OPT_ENUM_)

/* The run functions, one a command (cmd_*.c). */
cli_run_fn cli_cmd_add_contact, cli_cmd_add_event, cli_cmd_attend;
cli_run_fn cli_cmd_log, cli_cmd_followup_add, cli_cmd_followup_done,
	cli_cmd_followup_snooze, cli_cmd_me;
cli_run_fn cli_cmd_list_contacts, cli_cmd_list_events, cli_cmd_list_followups;
cli_run_fn cli_cmd_search, cli_cmd_backup, cli_cmd_demo;
cli_run_fn cli_cmd_today, cli_cmd_complete, cli_cmd_health;
cli_run_fn cli_cmd_capture;
cli_run_fn cli_cmd_edit_contact, cli_cmd_edit_event, cli_cmd_edit_followup,
	cli_cmd_delete_contact, cli_cmd_delete_event, cli_cmd_delete_followup,
	cli_cmd_delete_interaction;
cli_run_fn cli_cmd_map_list, cli_cmd_map_new, cli_cmd_map_show,
	cli_cmd_map_place, cli_cmd_relate, cli_cmd_role_add, cli_cmd_path;
cli_run_fn cli_cmd_goal_add, cli_cmd_goal_list, cli_cmd_goal_drop,
	cli_cmd_goal_delete;
cli_run_fn cli_cmd_import, cli_cmd_export;
cli_run_fn cli_cmd_concern_add, cli_cmd_concerns, cli_cmd_promise_add,
	cli_cmd_promise_update, cli_cmd_promise_list, cli_cmd_promise_tell, cli_cmd_promise_kept,
	cli_cmd_promise_dropped;
cli_run_fn cli_cmd_duplicates, cli_cmd_duplicates_merge,
	cli_cmd_duplicates_not_same;
cli_run_fn cli_cmd_team_init, cli_cmd_team_join, cli_cmd_team_invite, cli_cmd_team_status;
cli_run_fn cli_cmd_sync;

#endif
