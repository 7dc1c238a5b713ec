/*
 * open.c: what commands open below them: the database (cli_db), the
 * options of the configuration (cli_options_load) and the planner
 * (cli_planner). Commands call these and never each other.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/db.h"
#include "kith/engine.h"
#include "kith/kithrc.h"
#include "kith/options.h"
#include "kith/path.h"
#include "kith/ui.h"
#include "kith/xalloc.h"
#include "cli.h"

/*
** Open the database named by -d/--db, $KITH_DB or the XDG default,
** creating its directories (0700) and the file (0600) on first use.
** Returns an exit status; on success c->db is open.
*/
int
cli_db(struct cli *c)
{
	struct kith_err err = {0};
	enum kith_status st;

	if (c->db)
		return CLI_OK;
	if (c->db_opt && !c->db_opt[0])
		return cli_error(CLI_USAGE, "--db", "the path is empty");
	if (!c->db_path) {
		st = path_db(c->db_opt, &c->db_path, &err);
		if (st != KITH_OK)
			return cli_error(CLI_RUNTIME, err.msg[0] ? NULL : "database", "%s",
					 err.msg[0] ? err.msg : kith_status_str(st));
	}
	/* ":memory:" would accept writes and keep nothing */
	if (!strcmp(c->db_path, ":memory:") || !strncmp(c->db_path, "file::memory:", 13))
		return cli_error(CLI_USAGE, "--db", "\"%s\" is not a file: kith would keep "
				 "nothing; give a file path", c->db_path);
	st = path_mkparents(c->db_path, &err);
	if (st == KITH_OK)
		st = kdb_open(c->db_path, KDB_CREATE, &c->db, &err);
	if (st != KITH_OK) {
		const char *why = err.msg[0] ? err.msg : kith_status_str(st);

		/* an overlong path is the user's to fix; damage has its own status */
		int ex = st == KITH_INVALID ? CLI_USAGE : st == KITH_CORRUPT ? CLI_DAMAGED
									 : CLI_RUNTIME;

		if (strstr(why, c->db_path) || st == KITH_INVALID)
			return cli_error(ex, NULL, "%s", why);
		return cli_error(ex, c->db_path, "%s", why);
	}
	return CLI_OK;
}

/* The path as shown in the title bar: $HOME abbreviated to "~". */
static char *
db_label(const char *path)
{
	const char *home = getenv("HOME");
	size_t n = home ? strlen(home) : 0;
	struct strbuf sb = {0};

	if (n > 1 && !strncmp(path, home, n) && path[n] == '/') {
		sb_append(&sb, "~");
		sb_append(&sb, path + n);
	} else {
		sb_append(&sb, path);
	}
	return sb_detach(&sb);
}

/*
** Open the planner on c's database (opened here if need be); label is the
** title-bar name, NULL for the database path.
*/
int
cli_planner(struct cli *c, const char *title, const char *extra_config)
{
	struct kith_err err = {0};
	char *config = NULL, *label;
	enum kith_status st;
	int rc;

	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	if (path_config(&config, NULL) != KITH_OK)
		config = NULL;
	label = title ? xstrdup(title) : db_label(c->db_path);
	setlocale(LC_ALL, "");
	st = ui_run(c->db, label, config, extra_config, &err);
	free(label);
	free(config);
	if (st != KITH_OK)
		return cli_error(CLI_RUNTIME, NULL, "%s", err.msg[0] ? err.msg : kith_status_str(st));
	return CLI_OK;
}

/*
** The options from the built-in and the user's configuration, read
** without an engine (bind and color lines only checked). NULL after
** printing why (a bug in the built-in configuration).
*/
struct options *
cli_options_load(void)
{
	struct options *o = options_new();
	struct kithrc rc;
	char *config = NULL;

	kithrc_init(&rc, o, NULL, NULL);
	if (kithrc_builtin(&rc) != 0) {      /* a bug, as engine_new says */
		cli_error(CLI_RUNTIME, "built-in config", "%s", sb_str(&rc.errors));
		kithrc_done(&rc);
		options_free(o);
		return NULL;
	}
	rc.stmt = engine_config_check;
	if (path_config(&config, NULL) == KITH_OK && config) {
		if (kithrc_user_file(&rc, config) != 0 && rc.errors.len)
			fprintf(stderr, "kith: %s\n", sb_str(&rc.errors));
	}
	free(config);
	kithrc_done(&rc);
	return o;
}
