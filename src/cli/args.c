/*
 * args.c: parsing a command's options and converting arguments.
 *
 * Options are long (`--org VALUE`, `--org=VALUE`, `--owe`) and may come
 * before, between or after the positional arguments; `--` ends them.
 * `-d PATH`/`--db PATH` and `-h`/`--help` are accepted by every command.
 * An argument starting with "-" and a digit ("-2", "-3d") is a value, not
 * an option, so past offsets and negative numbers need no quoting.
 */
#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/db.h"
#include "kith/event.h"
#include "kith/syncdb.h"
#include "kith/xalloc.h"
#include "cli.h"

static void
cmd_label(struct strbuf *sb, const struct cli_cmd *cmd)
{
	sb_append(sb, cmd->name);
	if (cmd->sub) {
		sb_appendc(sb, ' ');
		sb_append(sb, cmd->sub);
	}
}

static int
usage_error(const struct cli_cmd *cmd, const char *fmt, const char *arg)
{
	struct strbuf name = {0};
	int rc;

	cmd_label(&name, cmd);
	rc = cli_error(CLI_USAGE, NULL, fmt, arg, sb_str(&name));
	sb_free(&name);
	return rc;
}

static int
find_opt(const struct cli_cmd *cmd, const char *name, size_t len)
{
	int i;

	for (i = 0; cmd->opts && cmd->opts[i].name; i++)
		if (strlen(cmd->opts[i].name) == len && !strncmp(cmd->opts[i].name, name, len))
			return i;
	return -1;
}

static void
add_val(struct cli_args *a, int i, const char *v)
{
	a->vals[i] = xreallocarray(a->vals[i], (size_t)a->count[i] + 1, sizeof(*a->vals[i]));
	a->vals[i][a->count[i]++] = v;
}

static bool
is_value(const char *s)
{
	return s[0] != '-' || s[1] == '\0' || isdigit((unsigned char)s[1]);
}

/* One long option at argv[*i]; advances *i past its value. */
static int
parse_long(struct cli *c, const struct cli_cmd *cmd, int argc, char **argv, int *i,
	   struct cli_args *a)
{
	const char *arg = argv[*i] + 2, *eq = strchr(arg, '='), *val = NULL;
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	int o;

	if (len == 2 && !strncmp(arg, "db", 2)) {
		if (eq)
			val = eq + 1;
		else if (*i + 1 < argc)
			val = argv[++*i];
		else
			return cli_error(CLI_USAGE, "--db", "needs a PATH");
		c->db_opt = val;
		return CLI_OK;
	}
	o = find_opt(cmd, arg, len);
	if (o < 0) {
		struct strbuf opt = {0};
		int rc;

		sb_appendn(&opt, argv[*i], len + 2);
		rc = usage_error(cmd, "%s: unknown option for %s", sb_str(&opt));
		sb_free(&opt);
		return rc;
	}
	if (!cmd->opts[o].has_arg && eq)
		return cli_error(CLI_USAGE, NULL, "--%s: takes no value", cmd->opts[o].name);
	if (cmd->opts[o].has_arg) {
		if (eq)
			val = eq + 1;
		else if (*i + 1 < argc)
			val = argv[++*i];
		else
			return cli_error(CLI_USAGE, NULL, "--%s: needs a value", cmd->opts[o].name);
	}
	if (a->count[o] > 0 && !cmd->opts[o].multi)
		return cli_error(CLI_USAGE, NULL, "--%s: given more than once", cmd->opts[o].name);
	add_val(a, o, val ? val : "");
	return CLI_OK;
}

/*
** Parse argv[0..argc) (what follows the command name) against cmd's
** options into *a (zeroed here; free with cli_args_free). *help is set
** for -h/--help, and then missing arguments are not an error.
*/
int
cli_parse(struct cli *c, const struct cli_cmd *cmd, int argc, char **argv,
	  struct cli_args *a, bool *help)
{
	bool opts_done = false;
	int i, rc;

	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	*help = false;
	if (!(a->pos = calloc((size_t)argc + 1, sizeof *a->pos)))
		return cli_error(CLI_RUNTIME, NULL, "out of memory");
	for (i = 0; i < argc; i++) {
		const char *s = argv[i];

		if (!opts_done && !strcmp(s, "--")) {
			opts_done = true;
		} else if (!opts_done && (!strcmp(s, "-h") || !strcmp(s, "--help"))) {
			*help = true;
		} else if (!opts_done && s[0] == '-' && s[1] == 'd') {
			if (s[2])
				c->db_opt = s + 2;
			else if (i + 1 < argc)
				c->db_opt = argv[++i];
			else
				return cli_error(CLI_USAGE, "-d", "needs a PATH");
		} else if (!opts_done && !strcmp(s, "-o") && find_opt(cmd, "output", 6) >= 0) {
			/* -o FILE is short for --output FILE */
			int o = find_opt(cmd, "output", 6);
			if (i + 1 >= argc)
				return cli_error(CLI_USAGE, "-o", "needs a FILE");
			if (a->count[o] > 0)
				return cli_error(CLI_USAGE, NULL, "-o: given more than once");
			add_val(a, o, argv[++i]);
		} else if (!opts_done && s[0] == '-' && s[1] == '-') {
			if ((rc = parse_long(c, cmd, argc, argv, &i, a)) != CLI_OK)
				return rc;
		} else if (!opts_done && s[0] == '-' && isalpha((unsigned char)s[1]) && !s[2] &&
			   find_opt(cmd, s + 1, 1) >= 0) {
			/* a one-letter option ("-o FILE"): declared with a one-letter name */
			int o = find_opt(cmd, s + 1, 1);
			if (cmd->opts[o].has_arg && i + 1 >= argc)
				return cli_error(CLI_USAGE, NULL, "%s: needs a value", s);
			if (a->count[o] > 0 && !cmd->opts[o].multi)
				return cli_error(CLI_USAGE, NULL, "%s: given more than once", s);
			add_val(a, o, cmd->opts[o].has_arg ? argv[++i] : "");
		} else if (!opts_done && !is_value(s)) {
			return usage_error(cmd, "%s: unknown option for %s", s);
		} else if (cmd->max_pos != CLI_ANY_POS && a->npos >= cmd->max_pos) {
			return usage_error(cmd, "%s: unexpected argument to %s (quote text with spaces)", s);
		} else {
			a->pos[a->npos++] = s;
		}
	}
	if (!*help && a->npos < cmd->min_pos) {
		struct strbuf u = {0};

		sb_append(&u, "kith ");
		cmd_label(&u, cmd);
		sb_printf(&u, " %s", cmd->synopsis);
		rc = cli_error(CLI_USAGE, NULL, "missing argument; usage: %s", sb_str(&u));
		sb_free(&u);
		return rc;
	}
	return CLI_OK;
}

void
cli_args_free(struct cli_args *a)
{
	int i;

	for (i = 0; i < CLI_MAX_OPTS; i++)
		free(a->vals[i]);
	free(a->pos);
	memset(a, 0, sizeof(*a));
}

const char *
cli_opt(const struct cli_args *a, int i)
{
	return a->count[i] ? a->vals[i][a->count[i] - 1] : NULL;
}

bool
cli_flag(const struct cli_args *a, int i)
{
	return a->count[i] > 0;
}

/* A whole number in [min, max]; what names the option ("--influence"). */
int
cli_int(const char *what, const char *s, long long min, long long max, long long *out)
{
	long long v;

	if (!str_to_int(s, -9223372036854775807LL, 9223372036854775807LL, &v))
		return cli_error(CLI_USAGE, what, "\"%s\" is not a whole number", s);
	if (v < min || v > max)
		return cli_error(CLI_USAGE, NULL, "%s %s: must be %lld to %lld", what, s, min, max);
	*out = v;
	return CLI_OK;
}

int
cli_opt_int(const struct cli_args *a, int i, long long min, long long max, long long *out)
{
	struct strbuf what = {0};
	int rc;

	if (!cli_opt(a, i))
		return CLI_OK;
	sb_printf(&what, "--%s", a->cmd->opts[i].name);
	rc = cli_int(sb_str(&what), cli_opt(a, i), min, max, out);
	sb_free(&what);
	return rc;
}

/* A WHEN relative to the (possibly fixed) today. */
int
cli_when(const struct cli *c, const char *what, const char *s, struct kdatetime *out)
{
	struct kith_err err = {0};

	if (kdate_parse_when(s, c->today, out, &err) != KITH_OK) {
		if (err.msg[0])
			return cli_error(CLI_USAGE, what, "%s", err.msg);
		return cli_error(CLI_USAGE, what, "\"%s\": not a date", s);
	}
	return CLI_OK;
}

int
cli_date_opt(const struct cli *c, const char *what, const char *s, char out[KDATE_STR])
{
	struct kdatetime t;
	int rc;

	if ((rc = cli_when(c, what, s, &t)) != CLI_OK)
		return rc;
	kdate_format(t.date, out);
	return CLI_OK;
}

int
cli_date_range(const struct cli *c, const struct cli_args *a, int from_opt, int to_opt,
	       char from[KDATE_STR], char to[KDATE_STR])
{
	int rc = CLI_OK;

	from[0] = to[0] = '\0';
	if (cli_opt(a, from_opt))
		rc = cli_date_opt(c, "--from", cli_opt(a, from_opt), from);
	if (rc == CLI_OK && cli_opt(a, to_opt))
		rc = cli_date_opt(c, "--to", cli_opt(a, to_opt), to);
	return rc;
}

/* Resolve an argument naming a kind ("contact") with its resolver, opening the database. */
static int
resolve(struct cli *c, const char *kind, const char *arg, int64_t *id,
	enum kith_status (*fn)(struct kdb *, const char *, int64_t *, struct kith_err *))
{
	struct kith_err err = {0};
	enum kith_status st;
	int rc;

	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	if ((st = fn(c->db, arg, id, &err)) == KITH_OK)
		return CLI_OK;
	if (err.msg[0])
		return cli_fail(st, &err, NULL);
	if (st == KITH_NOTFOUND)
		return cli_error(CLI_USAGE, kind, "\"%s\": no match", arg);
	return cli_error(cli_exit_for(st), kind, "\"%s\": %s", arg, kith_status_str(st));
}

/* Resolve a CONTACT argument (id, exact name, unambiguous prefix). */
int
cli_contact(struct cli *c, const char *arg, int64_t *id)
{
	return resolve(c, "contact", arg, id, contact_resolve);
}

/* Resolve an EVENT argument (id, exact title, unambiguous prefix). */
int
cli_event(struct cli *c, const char *arg, int64_t *id)
{
	return resolve(c, "event", arg, id, event_resolve);
}

int
cli_id(const char *what, const char *s, int64_t *id)
{
	long long v;

	if (!str_to_int(s[0] == '#' ? s + 1 : s, 1, 9223372036854775807LL, &v))
		return cli_error(CLI_USAGE, what, "\"%s\" is not an id (a number such as 12)", s);
	*id = v;
	return CLI_OK;
}

int
cli_key(struct cli *c, const char *table, int64_t *id)
{
	int rc = cli_db(c);

	if (rc == CLI_OK)
		*id = kdb_key(c->db, table, *id);
	return rc;
}

int
cli_id_key(struct cli *c, const char *table, const char *arg, int64_t *id)
{
	int rc = cli_id("ID", arg, id);

	return rc != CLI_OK ? rc : cli_key(c, table, id);
}

int
cli_list_open(struct cli *c, struct cli_list *l)
{
	int rc = cli_db(c);

	l->db = c->db;
	return rc;
}

int
cli_word(const char *what, const char *s, int (*parse)(const char *),
	 const char *(*name)(int), int count, int *out)
{
	struct strbuf choices = {0};
	int v = parse(s), i, rc;

	if (v >= 0) {
		*out = v;
		return CLI_OK;
	}
	for (i = 0; i < count; i++)
		sb_printf(&choices, "%s%s", i ? ", " : "", name(i));
	rc = cli_error(CLI_USAGE, what, "\"%s\" is not one of %s", s, sb_str(&choices));
	sb_free(&choices);
	return rc;
}

int
cli_nonempty(const char *what, const char *s)
{
	char *t = xstrdup(s);
	bool empty = str_empty(str_trim(t));

	free(t);
	return empty ? cli_error(CLI_USAGE, what, "must not be empty") : CLI_OK;
}

/* Read the numeric and tier options into c (no database needed). */
int
cli_contact_values(const struct cli_args *a, struct kith_contact *ct)
{
	const char *s;
	long long v;
	int rc;

	v = ct->influence;
	if ((rc = cli_opt_int(a, CO_INFLUENCE, 1, 5, &v)) != CLI_OK)
		return rc;
	ct->influence = (int)v;
	v = ct->alignment;
	if ((rc = cli_opt_int(a, CO_ALIGNMENT, -2, 2, &v)) != CLI_OK)
		return rc;
	ct->alignment = (int)v;
	if ((s = cli_opt(a, CO_TIER))) {
		char t = s[0] >= 'a' && s[0] <= 'd' ? (char)(s[0] - 'a' + 'A') : s[0];

		if (t < 'A' || t > 'D' || s[1])
			return cli_error(CLI_USAGE, NULL, "--tier %s: must be A, B, C or D", s);
		ct->tier = t;
	}
	v = ct->cadence_days;
	if ((rc = cli_opt_int(a, CO_CADENCE, 0, 36500, &v)) != CLI_OK)
		return rc;
	ct->cadence_days = (int)v;
	if ((s = cli_opt(a, CO_ORG)) && (rc = cli_nonempty("--org", s)) != CLI_OK)
		return rc;
	if ((s = cli_opt(a, CO_ROLE)) && (rc = cli_nonempty("--role", s)) != CLI_OK)
		return rc;
	return CLI_OK;
}

int
cli_batch_begin(struct cli *c)
{
	struct kith_err err = {0};
	int rc = cli_db(c);

	return rc != CLI_OK ? rc : cli_status(kdb_batch_begin(c->db, &err), &err);
}

int
cli_batch_abort(struct cli *c, enum kith_status st, const struct kith_err *err)
{
	kdb_batch_end(c->db, false, NULL);
	return cli_fail(st, err, NULL);
}

int
cli_batch_commit(struct cli *c)
{
	struct kith_err err = {0};
	enum kith_status st = kdb_batch_end(c->db, true, &err);

	return cli_status(st, &err);
}

int
cli_batch_end(struct cli *c, enum kith_status st, const struct kith_err *err)
{
	return st == KITH_OK ? cli_batch_commit(c) : cli_batch_abort(c, st, err);
}

int
cli_status(enum kith_status st, const struct kith_err *err)
{
	return st == KITH_OK ? CLI_OK : cli_fail(st, err, NULL);
}

int
cli_print_id(struct cli *c, int rc, const char *table, int64_t id)
{
	if (rc == CLI_OK)
		printf("%lld\n", (long long)kdb_ref(c->db, table, id));
	return rc;
}

const struct cli_opt cli_no_opts[] = {
	{NULL, false, false},
};

const struct cli_opt cli_json_opts[] = {
	[CLI_OPT_JSON] = {"json", false, false},
	{NULL, false, false},
};

const struct cli_opt cli_yes_opts[] = {
	[CLI_OPT_YES] = {"yes", false, false},
	{NULL, false, false},
};
