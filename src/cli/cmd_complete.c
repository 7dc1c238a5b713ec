/*
 * cmd_complete.c: `kith complete` — candidates for the shell completion
 * scripts (assets/completion/kith.bash and _kith), one per line, so the
 * scripts stay in step with the command table and the user's data.
 *
 * It never creates a database: with none yet, there is nothing to offer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/contact.h"
#include "kith/db.h"
#include "kith/path.h"
#include "kith/powermap.h"
#include "cli.h"
#include "commands.h"

#define COMPLETE_MAX 50

/* Open the database only if it exists (read-only); false if there is none. */
static bool
open_existing(struct cli *c)
{
	struct kith_err err = {0};
	char *path = NULL;

	if (c->db)
		return true;
	if (path_db(c->db_opt, &path, &err) != KITH_OK || access(path, F_OK) != 0 ||
	    kdb_open(path, KDB_READONLY, &c->db, &err) != KITH_OK) {
		free(path);
		c->db = NULL;
		return false;
	}
	c->db_path = path;
	return true;
}

static bool
has_prefix(const char *s, const char *prefix)
{
	return !prefix || !strncmp(s, prefix, strlen(prefix));
}

static void
print_line(const char *s, const char *desc)
{
	struct strbuf sb = {0};

	cli_sanitize(&sb, s);
	if (desc) {
		sb_appendc(&sb, ':');
		cli_sanitize(&sb, desc);
	}
	sb_appendc(&sb, '\n');
	cli_flush(&sb);
	sb_free(&sb);
}

static void
list_commands(const char *name)
{
	for (int i = 0; cli_commands[i].name; i++) {
		const struct cli_cmd *cmd = &cli_commands[i];
		bool seen = false;
		if (name) {
			if (!strcmp(cmd->name, name) && cmd->sub)
				print_line(cmd->sub, cmd->summary);
			continue;
		}
		for (int j = 0; j < i; j++)
			seen |= !strcmp(cli_commands[j].name, cmd->name);
		if (!seen)
			print_line(cmd->name, cmd->sub ? NULL : cmd->summary);
	}
	if (!name)
		print_line("help", "Show the usage of one command");
}

static int
list_options(const char *name, const char *sub)
{
	for (int i = 0; cli_commands[i].name; i++) {
		const struct cli_cmd *cmd = &cli_commands[i];
		if (strcmp(cmd->name, name) || (cmd->sub && (!sub || strcmp(cmd->sub, sub))) ||
		    (!cmd->sub && sub))     /* `duplicates` beside `duplicates merge` */
			continue;
		for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
			printf("--%s\n", o->name);
		printf("--help\n");
		return CLI_OK;
	}
	return CLI_OK;
}

static int
contact_cb(void *ud, const struct contact_row *r)
{
	(void)ud;
	print_line(r->name, NULL);
	return 0;
}

static int
map_cb(void *ud, const struct map_row *r)
{
	const char *prefix = ud;
	if (has_prefix(r->name, prefix))
		print_line(r->name, NULL);
	return 0;
}

int
cli_cmd_complete(struct cli *c, const struct cli_args *a)
{
	const char *what = a->pos[0], *arg = a->npos > 1 ? a->pos[1] : NULL;

	if (!strcmp(what, "commands")) {
		list_commands(arg);
		return CLI_OK;
	}
	if (!strcmp(what, "options")) {
		if (!arg)
			return cli_error(CLI_USAGE, "complete options", "needs a COMMAND");
		return list_options(arg, a->npos > 2 ? a->pos[2] : NULL);
	}
	if (!strcmp(what, "contacts")) {
		if (open_existing(c))
			contact_candidates(c->db, arg ? arg : "", COMPLETE_MAX, contact_cb, NULL, NULL);
		return CLI_OK;
	}
	if (!strcmp(what, "maps")) {
		if (open_existing(c))
			map_list(c->db, map_cb, (void *)arg, NULL);
		return CLI_OK;
	}
	return cli_error(CLI_USAGE, what, "not one of commands, options, contacts, maps");
}

