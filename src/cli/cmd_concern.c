/*
 * cmd_concern.c: listening to constituents (issue 18): kith concern add,
 * kith concerns [ISSUE] (the listening report, or who raised one issue),
 * kith promise add|update|list|tell|kept|dropped.
 *
 * JSON (documented in kith(1)): kith concerns prints an array of
 *   {"issue", "people", "raised", "last", "districts", "open_promises"};
 * kith concerns ISSUE an array of {"id", "contact_id", "name", "raised", "words"};
 * kith promise list an array of
 *   {"id", "issue", "title", "status", "made", "updates", "last_update", "people", "untold"}.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/concern.h"
#include "kith/date.h"
#include "kith/syncdb.h"
#include "kith/types.h"
#include "cli.h"
#include "commands.h"

/* "#bus-route-14" or "bus-route-14": the issue's name. */
static const char *
issue_arg(const char *s)
{
	return s[0] == '#' ? s + 1 : s;
}

/* ---- concern add -------------------------------------------------------------------- */

int
cli_cmd_concern_add(struct cli *c, const struct cli_args *a)
{
	struct kith_concern k = {0};
	struct kith_err err = {0};
	char day[KDATE_STR];
	int64_t id = 0;
	int rc;

	if ((rc = cli_nonempty("ISSUE", issue_arg(a->pos[1]))) != CLI_OK)
		return rc;
	if (cli_opt(a, CA_AT) && (rc = cli_date_opt(c, "--at", cli_opt(a, CA_AT), day)) != CLI_OK)
		return rc;
	if (cli_opt(a, CA_AT)) {
		char today[KDATE_STR];
		kdate_format(c->today, today);
		if (strcmp(day, today) > 0)
			return cli_error(CLI_USAGE, "--at", "%s is after today: a concern is what "
					 "someone has raised", day);
	}
	if ((rc = cli_contact(c, a->pos[0], &k.contact_id)) != CLI_OK)
		return rc;
	k.issue = issue_arg(a->pos[1]);
	k.raised_at = cli_opt(a, CA_AT) ? day : NULL;
	k.words = cli_opt(a, CA_WORDS);
	rc = cli_status(concern_add(c->db, &k, &id, &err), &err);
	return cli_print_id(c, rc, "concern", id);
}

/* ---- concerns ----------------------------------------------------------------------- */

static int
issue_line(void *ud, const struct issue_row *r)
{
	struct cli_list *o = ud;
	struct strbuf *sb = cli_list_row(o);

	if (o->json) {
		sb_append(sb, "{\"issue\": ");
		cli_json_str(sb, r->issue);
		sb_printf(sb, ", \"people\": %d, \"raised\": %d, \"last\": ", r->people,
			  r->raised);
		cli_json_str(sb, r->last_at);
		cli_json_field(sb, "districts", r->districts);
		sb_printf(sb, ", \"open_promises\": %d}", r->open_promises);
	} else {
		sb_appendc(sb, '#');
		cli_cell(sb, r->issue, 24, true);
		sb_printf(sb, " %3d %s  last %s", r->people, r->people == 1 ? "person" :
			  "people", r->last_at);
		if (*r->districts) {
			sb_append(sb, "  ");
			cli_sanitize(sb, r->districts);
		}
		if (r->open_promises)
			sb_printf(sb, "  (%d open promise%s)", r->open_promises,
				  r->open_promises == 1 ? "" : "s");
	}
	return cli_list_row_end(o);
}

static int
raiser_line(void *ud, const struct concern_row *r)
{
	struct cli_list *o = ud;
	struct strbuf *sb = cli_list_row(o);

	if (o->json) {
		sb_printf(sb, "{\"id\": %lld, \"contact_id\": %lld, \"name\": ", (long long)r->id,
			  (long long)r->contact_id);
		cli_json_str(sb, r->name);
		cli_json_field(sb, "raised", r->raised_at);
		cli_json_field(sb, "words", r->words);
		sb_appendc(sb, '}');
	} else {
		sb_printf(sb, "%s  ", r->raised_at);
		cli_cell(sb, r->name, 24, *r->words);
		if (*r->words) {
			sb_append(sb, "  \u201c");
			cli_sanitize(sb, r->words);
			sb_append(sb, "\u201d");
		}
	}
	return cli_list_row_end(o);
}

int
cli_cmd_concerns(struct cli *c, const struct cli_args *a)
{
	struct cli_list o = { .json = cli_flag(a, CN_JSON) };
	struct kith_err err = {0};
	char since[KDATE_STR] = "";
	long long limit = 50;
	enum kith_status st;
	int rc;

	if ((rc = cli_opt_int(a, CN_LIMIT, 1, 100000, &limit)) != CLI_OK)
		return rc;
	if (cli_opt(a, CN_SINCE) && cli_flag(a, CN_ALL))
		return cli_error(CLI_USAGE, "--since", "not with --all");
	if (cli_opt(a, CN_SINCE)) {
		if ((rc = cli_date_opt(c, "--since", cli_opt(a, CN_SINCE), since)) != CLI_OK)
			return rc;
	} else if (!cli_flag(a, CN_ALL)) {
		kdate_format(kdate_add_days(c->today, -89), since);      /* 90 days, today in */
	}
	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	if (a->npos)
		st = concern_list_for_issue(c->db, issue_arg(a->pos[0]), (int)limit, raiser_line, &o,
					    &err);
	else
		st = concern_report(c->db, since, (int)limit, issue_line, &o, &err);
	if (st == KITH_OK && !o.json && !o.n && a->npos)
		printf("Nobody raised #%s.\n", issue_arg(a->pos[0]));
	else if (st == KITH_OK && !o.json && !o.n)
		printf("No concerns raised%s%s.\n", *since ? " since " : "", since);
	return cli_list_close(&o, st, &err, "concerns", NULL);
}

/* ---- promises ----------------------------------------------------------------------- */

int
cli_cmd_promise_add(struct cli *c, const struct cli_args *a)
{
	struct kith_err err = {0};
	int64_t id = 0;
	int rc;

	if ((rc = cli_nonempty("TITLE", a->pos[1])) != CLI_OK || (rc = cli_db(c)) != CLI_OK)
		return rc;
	rc = cli_status(promise_add(c->db, issue_arg(a->pos[0]), a->pos[1], &id, &err), &err);
	return cli_print_id(c, rc, "promise", id);
}

int
cli_cmd_promise_update(struct cli *c, const struct cli_args *a)
{
	struct kith_err err = {0};
	char day[KDATE_STR];
	int64_t pid, id = 0;
	int rc;

	if ((rc = cli_id("ID", a->pos[0], &pid)) != CLI_OK ||
	    (rc = cli_nonempty("TEXT", a->pos[1])) != CLI_OK)
		return rc;
	if (cli_opt(a, PU_AT) && (rc = cli_date_opt(c, "--at", cli_opt(a, PU_AT), day)) != CLI_OK)
		return rc;
	if ((rc = cli_key(c, "promise", &pid)) != CLI_OK)
		return rc;
	rc = cli_status(promise_update(c->db, pid, a->pos[1], cli_opt(a, PU_AT) ? day : NULL, &id,
					&err), &err);
	return cli_print_id(c, rc, "promise_update", id);
}

static int
promise_line(void *ud, const struct promise_row *r)
{
	struct cli_list *o = ud;
	struct strbuf *sb = cli_list_row(o);

	if (o->json) {
		sb_printf(sb, "{\"id\": %lld, \"issue\": ", (long long)r->id);
		cli_json_str(sb, r->issue);
		cli_json_field(sb, "title", r->title);
		cli_json_field(sb, "status", r->status);
		cli_json_field(sb, "made", r->made_at);
		sb_printf(sb, ", \"updates\": %d, \"last_update\": ", r->updates);
		cli_json_str(sb, r->last_update);
		sb_printf(sb, ", \"people\": %d, \"untold\": %d}", r->people, r->untold);
	} else {
		sb_printf(sb, "#%-4lld %-7s ", (long long)kdb_ref(o->db, "promise", r->id), r->status);
		cli_sanitize(sb, r->title);
		sb_append(sb, " (#");
		cli_sanitize(sb, r->issue);
		sb_printf(sb, ", raised by %d)", r->people);
		if (*r->last_update) {
			sb_append(sb, "\n      last update: ");
			cli_sanitize(sb, r->last_update);
			if (r->untold)
				sb_printf(sb, " \u2014 %d not told yet (kith promise tell %lld)",
					  r->untold, (long long)kdb_ref(o->db, "promise", r->id));
		}
	}
	return cli_list_row_end(o);
}

int
cli_cmd_promise_list(struct cli *c, const struct cli_args *a)
{
	struct cli_list o = { .json = cli_flag(a, PL_JSON) };
	struct kith_err err = {0};
	int rc = cli_list_open(c, &o);

	if (rc != CLI_OK)
		return rc;
	return cli_list_close(&o, promise_list(c->db, cli_flag(a, PL_ALL), promise_line, &o, &err),
			      &err, "promises", "No open promises.");
}

/* The promise's last update (0: none). */
struct last_update {
	int64_t id;
};

static int
last_update_of(void *ud, const struct promise_row *r)
{
	((struct last_update *)ud)->id = r->last_update_id;
	return 0;
}

int
cli_cmd_promise_tell(struct cli *c, const struct cli_args *a)
{
	struct kith_err err = {0};
	struct last_update u = {0};
	enum kith_status st;
	int64_t pid;
	size_t told = 0;
	int kind = KITH_IKIND_MESSAGE, rc;

	if ((rc = cli_id("ID", a->pos[0], &pid)) != CLI_OK)
		return rc;
	if (cli_opt(a, PT_KIND) &&
	    (rc = cli_word("--kind", cli_opt(a, PT_KIND), kith_interaction_kind_parse,
			   kith_interaction_kind_name, KITH_IKIND_COUNT_, &kind)) != CLI_OK)
		return rc;
	if ((rc = cli_key(c, "promise", &pid)) != CLI_OK)
		return rc;
	if ((st = promise_get(c->db, pid, last_update_of, &u, &err)) != KITH_OK)
		return cli_fail(st, &err, NULL);
	if (!u.id)
		return cli_error(CLI_USAGE, "promise", "#%lld has no update to tell yet (kith promise "
				 "update %lld TEXT)", (long long)pid, (long long)pid);
	st = promise_tell(c->db, u.id, kind, NULL, NULL, &told, &err);
	if (st != KITH_OK)
		return cli_fail(st, &err, NULL);
	if (told)
		printf("told %zu %s: logged one %s with them\n", told, told == 1 ? "person" : "people",
		       kith_interaction_kind_name(kind));
	else
		puts("Everyone who raised it was told already.");
	return CLI_OK;
}

static int
close_promise(struct cli *c, const struct cli_args *a, bool kept)
{
	struct kith_err err = {0};
	int64_t pid;
	int rc;

	if ((rc = cli_id_key(c, "promise", a->pos[0], &pid)) != CLI_OK)
		return rc;
	return cli_status(promise_close(c->db, pid, kept, &err), &err);
}

int
cli_cmd_promise_kept(struct cli *c, const struct cli_args *a)
{
	return close_promise(c, a, true);
}

int
cli_cmd_promise_dropped(struct cli *c, const struct cli_args *a)
{
	return close_promise(c, a, false);
}

