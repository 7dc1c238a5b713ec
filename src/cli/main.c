/*
 * main.c: kith's entry point. Global options, command dispatch, and the
 * planner when no command is given.
 *
 *   kith [-d PATH | --db PATH] [COMMAND [ARG...]]
 */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/db.h"
#include "kith/utf8.h"
#include "cli.h"

static bool
has_subs(const char *name)
{
	int i;

	for (i = 0; cli_commands[i].name; i++)
		if (!strcmp(cli_commands[i].name, name) && cli_commands[i].sub)
			return true;
	return false;
}

/* The command `name` with no subcommand beside those with one, or NULL. */
static const struct cli_cmd *
find_bare(const char *name)
{
	for (int i = 0; cli_commands[i].name; i++)
		if (!strcmp(cli_commands[i].name, name) && !cli_commands[i].sub)
			return &cli_commands[i];
	return NULL;
}

static const struct cli_cmd *
find_cmd(const char *name, const char *sub)
{
	int i;

	for (i = 0; cli_commands[i].name; i++) {
		const struct cli_cmd *cmd = &cli_commands[i];

		if (strcmp(cmd->name, name))
			continue;
		if (sub ? cmd->sub && !strcmp(cmd->sub, sub) : !cmd->sub)
			return cmd;
	}
	return NULL;
}

static int
run_help(int argc, char **argv)
{
	if (argc == 0) {
		cli_usage_all(stdout);
		return CLI_OK;
	}
	if (argc == 1 && (!strcmp(argv[0], "help") || !strcmp(argv[0], "--help") ||
			  !strcmp(argv[0], "-h"))) {
		printf("usage: kith help [COMMAND [SUBCOMMAND]]\n\n"
		       "Show the usage of one command (also: kith COMMAND --help),\n"
		       "or with no COMMAND the list of every command.\n");
		return CLI_OK;
	}
	if (argc > 2 || !cli_usage_cmd(stdout, argv[0], argc > 1 ? argv[1] : NULL))
		return cli_error(CLI_USAGE, "help", "no command \"%s%s%s\" (see kith --help)",
				 argv[0], argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
	return CLI_OK;
}

/* Find and run the command in argv[0..argc). */
static int
dispatch(struct cli *c, int argc, char **argv)
{
	const struct cli_cmd *cmd, *bare;
	struct cli_args a;
	struct kith_err err = {0};
	bool help;
	int skip = 1, rc;

	if (!strcmp(argv[0], "help"))
		return run_help(argc - 1, argv + 1);
	if (has_subs(argv[0]) && (bare = find_bare(argv[0])) &&
	    (argc < 2 || (argv[1][0] == '-' && strcmp(argv[1], "--help") && strcmp(argv[1], "-h")))) {
		cmd = bare;     /* `kith duplicates [--json]` beside its subcommands */
	} else if (has_subs(argv[0])) {
		if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
			cli_usage_cmd(argc < 2 ? stderr : stdout, argv[0], NULL);
			return argc < 2 ? cli_error(CLI_USAGE, argv[0], "needs a subcommand")
					: CLI_OK;
		}
		cmd = find_cmd(argv[0], argv[1]);
		if (!cmd)
			return cli_error(CLI_USAGE, NULL, "%s %s: unknown command (see kith help %s)",
					 argv[0], argv[1], argv[0]);
		skip = 2;
	} else if (!(cmd = find_cmd(argv[0], NULL))) {
		return cli_error(CLI_USAGE, argv[0], "unknown command (see kith --help)");
	}
	rc = cli_parse(c, cmd, argc - skip, argv + skip, &a, &help);
	if (rc == CLI_OK && help) {
		cli_usage_cmd(stdout, cmd->name, cmd->sub);
	} else if (rc == CLI_OK) {
		if (kdate_init_clock(&err) != KITH_OK)
			rc = cli_error(CLI_USAGE, NULL, "%s", err.msg[0] ? err.msg :
				       "KITH_TODAY: must be YYYY-MM-DD");
		else {
			c->today = kdate_today();
			rc = cmd->run(c, &a);
		}
	}
	cli_args_free(&a);
	return rc;
}

/* Every argument must be valid UTF-8; name the bad one. */
static int
check_utf8(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (utf8_valid(argv[i], strlen(argv[i])))
			continue;
		if (i > 1 && argv[i - 1][0] == '-' && argv[i - 1][1] == '-' &&
		    utf8_valid(argv[i - 1], strlen(argv[i - 1])))
			return cli_error(CLI_USAGE, argv[i - 1], "value is not valid UTF-8");
		return cli_error(CLI_USAGE, NULL, "argument %d: not valid UTF-8", i);
	}
	return CLI_OK;
}

static int
global_options(struct cli *c, int argc, char **argv, int *i, bool *done)
{
	const char *s = argv[*i];

	if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
		cli_usage_all(stdout);
		*done = true;
	} else if (!strcmp(s, "--version")) {
		printf("kith %s\n", KITH_VERSION_STR);
		*done = true;
	} else if (!strcmp(s, "-d") || !strcmp(s, "--db")) {
		if (*i + 1 >= argc)
			return cli_error(CLI_USAGE, s, "needs a PATH");
		c->db_opt = argv[++*i];
	} else if (!strncmp(s, "--db=", 5)) {
		c->db_opt = s + 5;
	} else if (s[1] == 'd' && s[0] == '-') {
		c->db_opt = s + 2;
	} else {
		return cli_error(CLI_USAGE, s, "unknown option (see kith --help)");
	}
	return CLI_OK;
}

int
main(int argc, char **argv)
{
	struct cli c = {0};
	struct kith_err err = {0};
	bool done = false, saved;
	int i = 1, rc;

	/* Past a file-size limit (ulimit -f) a write should fail with EFBIG, which
	   SQLite reports and rolls back, not kill kith mid-commit with SIGXFSZ. */
	signal(SIGXFSZ, SIG_IGN);
	if ((rc = check_utf8(argc, argv)) != CLI_OK)
		return rc;
	while (i < argc && argv[i][0] == '-' && argv[i][1] && !done) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if ((rc = global_options(&c, argc, argv, &i, &done)) != CLI_OK)
			return rc;
		i++;
	}
	if (done) {
		rc = CLI_OK;
	} else if (i >= argc) {
		if (kdate_init_clock(&err) != KITH_OK)
			rc = cli_error(CLI_USAGE, NULL, "%s", err.msg);
		else
			rc = cli_planner(&c, NULL, NULL);
	} else {
		rc = dispatch(&c, argc - i, argv + i);
	}
	saved = c.db && kdb_commits(c.db) > 0;
	if (c.db)
		kdb_close(c.db);
	free(c.db_path);
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		const char *why = strerror(errno ? errno : EIO);

		/* A saved change is never reported as a failure: a script that
		   retried would save it twice. */
		if (rc == CLI_OK && saved)
			rc = cli_error(CLI_SAVED_NOOUT, "standard output", "write failed (%s); the "
				       "change WAS saved, do not repeat it", why);
		else if (rc == CLI_OK)
			rc = cli_error(CLI_RUNTIME, "standard output", "write failed: %s", why);
	}
	return rc;
}
