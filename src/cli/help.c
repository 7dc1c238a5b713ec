/*
 * help.c: usage text, all of it built from the command table, so
 * `kith --help`, `kith help COMMAND` and `kith COMMAND --help` agree.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void
usage_line(FILE *f, const struct cli_cmd *cmd)
{
	fprintf(f, "kith %s%s%s%s%s", cmd->name, cmd->sub ? " " : "", cmd->sub ? cmd->sub : "",
		cmd->synopsis[0] ? " " : "", cmd->synopsis);
}

/* The whole usage: every command with its summary, then global options. */
void
cli_usage_all(FILE *f)
{
	int i;

	fputs("usage: kith [-d PATH] [COMMAND [ARG...]]\n"
	      "\n"
	      "With no command, kith opens the full-screen planner.\n"
	      "\n"
	      "Commands:\n", f);
	for (i = 0; cli_commands[i].name; i++) {
		fputs("  ", f);
		usage_line(f, &cli_commands[i]);
		fprintf(f, "\n      %s\n", cli_commands[i].summary);
	}
	fputs("  kith help COMMAND\n"
	      "      Show the usage of one command (also: kith COMMAND --help).\n"
	      "\n"
	      "Options:\n"
	      "  -d, --db PATH  the database (else $KITH_DB, else\n"
	      "                 $XDG_DATA_HOME/kith/kith.db, default ~/.local/share/kith/kith.db)\n"
	      "  -h, --help     show this help\n"
	      "  --version      print the version\n"
	      "\n"
	      "WHEN is today, tomorrow, yesterday, a weekday (fri: the next one), an offset\n"
	      "(3d, 2w, 1m, -3d) or YYYY-MM-DD[ HH:MM]. CONTACT is an id, an exact name or an\n"
	      "unambiguous prefix of a name or nickname; accents and case are ignored.\n"
	      "\n"
	      "Exit status: 0 success, 1 runtime error, 2 usage error. See kith(1).\n", f);
}

/*
** Print the usage of the commands called `name` (only `sub` if given).
** Returns false if there is no such command.
*/
bool
cli_usage_cmd(FILE *f, const char *name, const char *sub)
{
	bool found = false;
	int i;

	for (i = 0; cli_commands[i].name; i++) {
		const struct cli_cmd *cmd = &cli_commands[i];

		if (strcmp(cmd->name, name))
			continue;
		if (sub && (!cmd->sub || strcmp(cmd->sub, sub)))
			continue;
		fputs(found ? "\n" : "", f);
		fputs("usage: ", f);
		usage_line(f, cmd);
		fprintf(f, "\n\n%s\n", cmd->summary);
		if (cmd->details[0])
			fprintf(f, "\n%s", cmd->details);
		found = true;
	}
	return found;
}
