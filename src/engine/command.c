/*
 * command.c: the command table, expanded from CMD_INFO in command.h.
 */
#include "kith/command.h"

#include <string.h>

static const struct cmd_info cmd_infos[] = {
#define CMD_T_GROUP(title) { CMD_NONE, title, NULL },
#define CMD_T(e, name, help) { CMD_##e, name, help },
	CMD_INFO(CMD_T_GROUP, CMD_T)
#undef CMD_T
#undef CMD_T_GROUP
};

#define NINFOS ((int)(sizeof(cmd_infos) / sizeof(cmd_infos[0])))

/*
** The whole table in declaration order, group headers (cmd == CMD_NONE,
** name = the group title, help NULL) included. *n receives its length.
*/
const struct cmd_info *
cmd_table(int *n)
{
	if (n)
		*n = NINFOS;
	return cmd_infos;
}

/* Find a command by its kebab-case name; CMD_NONE if there is none. */
enum cmd
cmd_lookup(const char *name)
{
	int i;

	if (!name)
		return CMD_NONE;
	for (i = 0; i < NINFOS; i++)
		if (cmd_infos[i].cmd != CMD_NONE && strcmp(cmd_infos[i].name, name) == 0)
			return cmd_infos[i].cmd;
	return CMD_NONE;
}

static const struct cmd_info *
cmd_find(enum cmd c)
{
	int i;

	for (i = 0; i < NINFOS; i++)
		if (cmd_infos[i].cmd == c && c != CMD_NONE)
			return &cmd_infos[i];
	return NULL;
}

/* The name of a command ("move-down"); "none" for CMD_NONE or out of range. */
const char *
cmd_name(enum cmd c)
{
	const struct cmd_info *ci = cmd_find(c);
	return ci ? ci->name : "none";
}

/* The one-line help of a command; "" for CMD_NONE or out of range. */
const char *
cmd_help(enum cmd c)
{
	const struct cmd_info *ci = cmd_find(c);
	return ci ? ci->help : "";
}
