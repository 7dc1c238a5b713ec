/*
 * cmd_goal.c: networking goals from the shell (kith/goal.h).
 *
 *   kith goal add TITLE --by WHEN --count N --who QUERY --how met|talked|introduced|placed
 *   kith goal list [--json] [--all]
 *   kith goal drop ID, kith goal delete ID [--yes]
 *
 * The JSON of goal list (documented in kith(1), stable): an array of
 *   {"id", "title", "who", "how", "target", "count", "state", "behind",
 *    "expected", "set_on", "due", "days_left", "reached_on", "dropped_on",
 *    "counted": [{"id", "name", "at"}]}
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/goal.h"
#include "kith/syncdb.h"
#include "kith/xalloc.h"
#include "cli.h"
#include "commands.h"

/* ---- add ---------------------------------------------------------------- */

int
cli_cmd_goal_add(struct cli *c, const struct cli_args *a)
{
	struct goal g = {0};
	struct kith_err err = {0};
	struct kdatetime by;
	char today[KDATE_STR];
	long long n = 1;
	int64_t id;
	enum kith_status st;
	int rc;

	if ((rc = cli_nonempty("TITLE", a->pos[0])) != CLI_OK)
		return rc;
	if (!cli_opt(a, GA_BY))
		return cli_error(CLI_USAGE, "--by", "give the goal's date (--by 2027-03-01)");
	if ((rc = cli_when(c, "--by", cli_opt(a, GA_BY), &by)) != CLI_OK)
		return rc;
	if ((rc = cli_opt_int(a, GA_COUNT, 1, 100000, &n)) != CLI_OK)
		return rc;
	g.how = cli_opt(a, GA_HOW) ? goal_how_parse(cli_opt(a, GA_HOW)) : GOAL_MET;
	if (g.how < 0)
		return cli_error(CLI_USAGE, "--how", "\"%s\": one of met, talked, introduced, placed",
				 cli_opt(a, GA_HOW));
	g.title = (char *)a->pos[0];
	g.who = (char *)(cli_opt(a, GA_WHO) ? cli_opt(a, GA_WHO) : "");
	g.target = (int)n;
	kdate_format(by.date, g.due);
	kdate_format(c->today, today);
	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	if ((st = goal_add(c->db, &g, today, &id, &err)) != KITH_OK) {
		/* the user's words are wrong: a usage error, as for a CONTACT */
		if (st == KITH_INVALID || st == KITH_NOTFOUND || st == KITH_AMBIGUOUS)
			return cli_error(CLI_USAGE, strncmp(err.msg, "who: ", 5) ? NULL : "--who",
					 "%s", strncmp(err.msg, "who: ", 5) ? err.msg : err.msg + 5);
		return cli_fail(st, &err, NULL);
	}
	return cli_print_id(c, CLI_OK, "goal", id);
}

/* ---- list --------------------------------------------------------------- */

struct list_out {
	struct cli *c;
	struct cli_list out;
	int people;                 /* counted people written for the goal */
	enum kith_status st;
	struct kith_err err;
};

static int
person_json(void *ud, const struct goal_person *p)
{
	struct list_out *o = ud;

	sb_printf(&o->out.sb, "%s{\"id\": %lld, \"name\": ", o->people++ ? ", " : "",
		  (long long)p->contact_id);
	cli_json_str(&o->out.sb, p->name);
	sb_append(&o->out.sb, ", \"at\": ");
	cli_json_str(&o->out.sb, p->at);
	sb_appendc(&o->out.sb, '}');
	return 0;
}

/* The people counted, in text: the first GOAL_NAMES, then how many more. */
#define GOAL_NAMES 10

static int
person_text(void *ud, const struct goal_person *p)
{
	struct list_out *o = ud;

	if (o->people >= GOAL_NAMES) {
		o->people++;
		return 0;
	}
	sb_append(&o->out.sb, o->people++ ? ", " : "\n      counted: ");
	cli_sanitize(&o->out.sb, p->name);
	sb_printf(&o->out.sb, " (%.10s)", p->at);
	return 0;
}

static void
goal_json(struct list_out *o, const struct goal *g)
{
	struct strbuf *sb = cli_list_row(&o->out);

	sb_printf(sb, "{\"id\": %lld", (long long)g->id);
	cli_json_field(sb, "title", g->title);
	cli_json_field(sb, "who", g->who);
	sb_printf(sb, ", \"how\": \"%s\", \"target\": %d, \"count\": %d, \"state\": \"%s\", "
		  "\"behind\": %s, \"expected\": %d, \"set_on\": \"%s\", \"due\": \"%s\", "
		  "\"days_left\": %ld, \"reached_on\": ", goal_how_name(g->how), g->target, g->count,
		  goal_state_name(g->state), g->behind ? "true" : "false", g->expected, g->set_on,
		  g->due, g->days_left);
	cli_json_str(sb, g->reached_on);
	cli_json_field(sb, "dropped_on", g->dropped_on);
	sb_append(sb, ", \"counted\": [");
	o->people = 0;
	o->st = goal_counted(o->c->db, g, person_json, o, &o->err);
	sb_append(sb, "]}");
}

static void
goal_text(struct list_out *o, const struct goal *g)
{
	struct strbuf *sb = cli_list_row(&o->out);
	char words[GOAL_WORDS], bar[GOAL_BAR_CELLS + 1];

	goal_bar(g, bar);
	sb_printf(sb, "#%-3lld [%s] %d of %d %s  ", (long long)kdb_ref(o->c->db, "goal", g->id), bar,
		  g->count, g->target,
		  goal_how_name(g->how));
	goal_state_words(g, words);
	sb_printf(sb, "%s  by %s  ", words, g->due);
	cli_sanitize(sb, g->title);
	if (*g->who) {
		sb_append(sb, "\n      who: ");
		cli_sanitize(sb, g->who);
	}
	o->people = 0;
	o->st = goal_counted(o->c->db, g, person_text, o, &o->err);
	if (o->people > GOAL_NAMES)
		sb_printf(sb, " and %d more (--json lists everyone)", o->people - GOAL_NAMES);
}

static int
list_goal(void *ud, const struct goal *g)
{
	struct list_out *o = ud;

	if (o->out.json)
		goal_json(o, g);
	else
		goal_text(o, g);
	cli_list_row_end(&o->out);
	return o->st != KITH_OK;
}

int
cli_cmd_goal_list(struct cli *c, const struct cli_args *a)
{
	struct list_out o = {.c = c, .out.json = cli_flag(a, GL_JSON)};
	char today[KDATE_STR];
	enum kith_status st;
	int rc;

	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	kdate_format(c->today, today);
	st = goal_list(c->db, today, cli_flag(a, GL_ALL) || o.out.json, list_goal, &o, &o.err);
	return cli_list_close(&o.out, st == KITH_OK ? o.st : st, &o.err, NULL,
			      cli_flag(a, GL_ALL) ? "no goals yet: kith goal add TITLE --by WHEN "
			      "--count N --who QUERY" : "no open goals (kith goal list --all shows "
			      "the others)");
}

/* ---- drop, delete ------------------------------------------------------- */

/* The goal ID names, for the messages ("goal #3 Meet 3 ..."). */
static int
goal_label(struct cli *c, const char *arg, int64_t *id, struct strbuf *label)
{
	struct kith_err err = {0};
	char today[KDATE_STR];
	struct goal g;
	enum kith_status st;
	int rc;

	if ((rc = cli_id_key(c, "goal", arg, id)) != CLI_OK)
		return rc;
	kdate_format(c->today, today);
	if ((st = goal_get(c->db, *id, today, &g, &err)) != KITH_OK)
		return cli_error(st == KITH_NOTFOUND ? CLI_USAGE : cli_exit_for(st), NULL, "%s",
				 err.msg);
	sb_printf(label, "goal #%lld ", (long long)kdb_ref(c->db, "goal", *id));
	cli_sanitize(label, g.title);
	sb_printf(label, " (%d of %d %s)", g.count, g.target, goal_how_name(g.how));
	goal_free(&g);
	return CLI_OK;
}

/*
** kith goal drop ID, kith goal delete ID [--yes]: the goal named (and, to
** delete it, asked about), then changed, and what was done said.
*/
static int
goal_end(struct cli *c, const struct cli_args *a, bool drop)
{
	struct strbuf label = {0};
	struct kith_err err = {0};
	char today[KDATE_STR];
	enum kith_status st = KITH_OK;
	int64_t id;
	int rc = goal_label(c, a->pos[0], &id, &label);

	if (rc == CLI_OK && !drop)
		rc = cli_confirm_delete(cli_flag(a, CLI_OPT_YES), sb_str(&label));
	kdate_format(c->today, today);
	if (rc == CLI_OK)
		st = drop ? goal_drop(c->db, id, today, &err) : goal_delete(c->db, id, &err);
	if (rc == CLI_OK && st == KITH_OK && drop)
		printf("dropped %s on %s: kept in kith goal list --all\n", sb_str(&label), today);
	else if (rc == CLI_OK && st == KITH_OK)
		printf("deleted %s\n", sb_str(&label));
	sb_free(&label);
	return rc != CLI_OK ? rc : cli_status(st, &err);
}

int
cli_cmd_goal_drop(struct cli *c, const struct cli_args *a)
{
	return goal_end(c, a, true);
}

int
cli_cmd_goal_delete(struct cli *c, const struct cli_args *a)
{
	return goal_end(c, a, false);
}
