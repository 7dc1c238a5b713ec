/*
 * cmd_today.c: `kith today` — the daily review queue, for a shell or a
 * script. The queue is the planner's (r): the same options (review.*,
 * tier cadences) from the same configuration file.
 */
#include <stdio.h>
#include <stdlib.h>

#include "kith/engine.h"
#include "kith/options.h"
#include "kith/review.h"
#include "kith/xalloc.h"
#include "cli.h"
#include "commands.h"

/* The review parameters from the options. */
static int
today_params(struct review_params *p)
{
	struct options *o = cli_options_load();

	if (!o)
		return CLI_RUNTIME;
	options_review_params(o, p);
	options_free(o);
	return CLI_OK;
}

static void
upper_first(struct strbuf *sb, const char *s)
{
	struct strbuf t = {0};

	cli_sanitize(&t, s);
	if (t.len && sb_str(&t)[0] >= 'a' && sb_str(&t)[0] <= 'z')
		sb_appendc(sb, (char)(sb_str(&t)[0] - 'a' + 'A'));
	else if (t.len)
		sb_appendc(sb, sb_str(&t)[0]);
	if (t.len > 1)
		sb_append(sb, sb_str(&t) + 1);
	sb_free(&t);
}

static void
print_json(const struct review_queue *q)
{
	struct cli_list l = { .json = true };

	for (int i = 0; i < q->n; i++) {
		const struct review_item *it = &q->items[i];
		struct strbuf *sb = cli_list_row(&l);

		sb_printf(sb, "{\"rank\": %d", i + 1);
		cli_json_field_num(sb, "contact_id", it->contact_id, true);
		cli_json_field(sb, "name", it->name);
		cli_json_field_num(sb, "followup_id", it->followup_id, true);
		cli_json_field(sb, "what", it->what);
		cli_json_field(sb, "why", it->why);
		sb_printf(sb, ", \"score\": %d, \"terms\": [", it->score);
		for (int t = 0; t < it->nterms; t++) {
			sb_printf(sb, "%s{\"term\": \"%s\", \"points\": %d", t ? ", " : "",
				  review_term_name(it->terms[t].id), it->terms[t].points);
			cli_json_field(sb, "detail", it->terms[t].detail);
			sb_append(sb, "}");
		}
		sb_append(sb, "]}");
		cli_list_row_end(&l);
	}
	cli_list_end(&l);
}

static void
print_text(const struct review_queue *q, bool explain)
{
	struct strbuf sb = {0};

	for (int i = 0; i < q->n; i++) {
		const struct review_item *it = &q->items[i];
		sb_printf(&sb, "%2d. ", i + 1);
		upper_first(&sb, it->what);
		if (explain) {
			sb_printf(&sb, "  (score %d)\n", it->score);
			for (int t = 0; t < it->nterms; t++) {
				sb_printf(&sb, "      %+4d  %-10s ", it->terms[t].points,
					  review_term_name(it->terms[t].id));
				cli_sanitize(&sb, it->terms[t].detail);
				sb_appendc(&sb, '\n');
			}
		} else {
			sb_append(&sb, " — ");
			cli_sanitize(&sb, it->why);
			sb_appendc(&sb, '\n');
		}
		cli_flush(&sb);
	}
	if (q->n == 0)
		sb_append(&sb, "Nothing is due today: everyone is up to date.\n");
	else if (q->total > q->n)
		sb_printf(&sb, "(%d more for another day: --limit N or set review.cap)\n",
			  q->total - q->n);
	cli_flush(&sb);
	sb_free(&sb);
}

int
cli_cmd_today(struct cli *c, const struct cli_args *a)
{
	struct review_params p;
	struct review_queue q;
	struct kith_err err = {0};
	enum kith_status st;
	long long limit = 0;
	int rc;

	if ((rc = cli_opt_int(a, TD_LIMIT, 1, 100000, &limit)) != CLI_OK)
		return rc;
	if (cli_flag(a, TD_JSON) && cli_flag(a, TD_EXPLAIN))
		return cli_error(CLI_USAGE, "--explain", "not with --json (the JSON has every term)");
	if ((rc = cli_db(c)) != CLI_OK || (rc = today_params(&p)) != CLI_OK)
		return rc;
	if (limit)
		p.limit = (int)limit;
	if ((st = review_queue_build(c->db, &p, &q, &err)) != KITH_OK)
		return cli_fail(st, &err, NULL);
	if (cli_flag(a, TD_JSON))
		print_json(&q);
	else
		print_text(&q, cli_flag(a, TD_EXPLAIN));
	review_queue_free(&q);
	return CLI_OK;
}

