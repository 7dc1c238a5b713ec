/*
 * cmd_health.c: `kith health` — the health of the network (kith/health.h):
 * where the active network is narrow, strong ties going dormant, and what
 * you gave each person against what you asked of them. The planner's
 * Health view (zh) shows the same report.
 */
#include <stdio.h>
#include <stdlib.h>

#include "kith/engine.h"
#include "kith/health.h"
#include "kith/options.h"
#include "cli.h"
#include "commands.h"

static const char *const dim_titles[HD_COUNT_] = {
	"By sector (the kind of organisation of their roles)", "By district", "By tier",
	"By how you met",
};

static void
text_dims(struct strbuf *sb, const struct health_report *r)
{
	for (int d = 0; d < HD_COUNT_; d++) {
		const struct health_breakdown *b = &r->dims[d];
		sb_printf(sb, "\n%s\n", dim_titles[d]);
		for (int i = 0; i < b->n; i++) {
			sb_append(sb, "  ");
			cli_cell(sb, b->groups[i].name, 24, true);
			sb_printf(sb, " %6d  %3d %%\n", b->groups[i].n, b->groups[i].percent);
		}
		if (!b->n)
			sb_append(sb, "  (no one)\n");
		if (b->warning) {
			sb_append(sb, "  ! ");
			cli_sanitize(sb, b->warning);
			sb_appendc(sb, '\n');
		}
		cli_flush(sb);
	}
}

static void
text_recip(struct strbuf *sb, const struct health_recip *x)
{
	char gave[160], asked[160];

	health_recip_words(x, false, gave, sizeof gave);
	health_recip_words(x, true, asked, sizeof asked);
	sb_append(sb, "  ");
	cli_cell(sb, x->name, 24, true);
	if (x->gave == 0)
		sb_printf(sb, " asked %d (%s), gave nothing: offer something\n", x->asked, asked);
	else
		sb_printf(sb, " gave %d (%s) · asked %d (%s)\n", x->gave, gave, x->asked, asked);
}

static void
print_text(const struct health_report *r)
{
	struct strbuf sb = { 0 };

	sb_printf(&sb, "The active network: %d of %d %s touched in the last %d days (since %s)\n",
		  r->active, r->contacts, r->contacts == 1 ? "person" : "people", r->days, r->since);
	cli_flush(&sb);
	text_dims(&sb, r);
	sb_printf(&sb, "\nStrong ties going dormant (silent past twice their cadence): %d\n",
		  r->total_dormant);
	for (int i = 0; i < r->n_dormant; i++) {
		const struct health_tie *t = &r->dormant[i];
		sb_append(&sb, "  ");
		cli_cell(&sb, t->name, 24, true);
		if (t->tier)
			sb_printf(&sb, " tier %c%s", t->tier, t->strong ? ", close" : "");
		else
			sb_append(&sb, " close");
		sb_printf(&sb, " · %s %ld days ago, cadence %d\n", t->never ? "added" : "last talked",
			  t->silent, t->cadence);
		cli_flush(&sb);
	}
	if (r->total_dormant > r->n_dormant)
		sb_printf(&sb, "  (%d more: --limit N)\n", r->total_dormant - r->n_dormant);
	sb_printf(&sb, "\nGave and asked: %d %s, %d you only asked of (first)\n", r->total_recip,
		  r->total_recip == 1 ? "person" : "people", r->only_asked);
	for (int i = 0; i < r->n_recip; i++) {
		text_recip(&sb, &r->recip[i]);
		cli_flush(&sb);
	}
	if (r->total_recip > r->n_recip)
		sb_printf(&sb, "  (%d more: --limit N)\n", r->total_recip - r->n_recip);
	if (r->total_recip == 0)
		sb_append(&sb, "  Nothing marked yet: +give and +ask in a capture, "
			  "kith log --give or --ask\n");
	cli_flush(&sb);
	sb_free(&sb);
}

static void
print_json(const struct health_report *r)
{
	struct strbuf sb = { 0 };

	sb_printf(&sb, "{\"since\": \"%s\", \"days\": %d, \"contacts\": %d, \"active\": %d",
		  r->since, r->days, r->contacts, r->active);
	for (int d = 0; d < HD_COUNT_; d++) {
		const struct health_breakdown *b = &r->dims[d];
		sb_printf(&sb, ",\n \"%s\": {\"warning\": ", health_dim_name(d));
		cli_json_str(&sb, b->warning);
		sb_append(&sb, ", \"groups\": [");
		for (int i = 0; i < b->n; i++) {
			sb_append(&sb, i ? ", {\"name\": " : "{\"name\": ");
			cli_json_str(&sb, b->groups[i].name);
			sb_printf(&sb, ", \"known\": %s, \"people\": %d, \"percent\": %d}",
				  b->groups[i].known ? "true" : "false", b->groups[i].n,
				  b->groups[i].percent);
		}
		sb_append(&sb, "]}");
		cli_flush(&sb);
	}
	sb_printf(&sb, ",\n \"dormant_total\": %d, \"dormant\": [", r->total_dormant);
	for (int i = 0; i < r->n_dormant; i++) {
		const struct health_tie *t = &r->dormant[i];
		sb_printf(&sb, "%s\n  {\"contact_id\": %lld, \"name\": ", i ? "," : "",
			  (long long)t->contact_id);
		cli_json_str(&sb, t->name);
		sb_printf(&sb, ", \"tier\": ");
		if (t->tier)
			sb_printf(&sb, "\"%c\"", t->tier);
		else
			sb_append(&sb, "null");
		sb_printf(&sb, ", \"close\": %s, \"never\": %s, \"silent_days\": %ld, \"cadence\": %d}",
			  t->strong ? "true" : "false", t->never ? "true" : "false", t->silent,
			  t->cadence);
		cli_flush(&sb);
	}
	sb_printf(&sb, "],\n \"reciprocity_total\": %d, \"only_asked\": %d, \"reciprocity\": [",
		  r->total_recip, r->only_asked);
	for (int i = 0; i < r->n_recip; i++) {
		const struct health_recip *x = &r->recip[i];
		sb_printf(&sb, "%s\n  {\"contact_id\": %lld, \"name\": ", i ? "," : "",
			  (long long)x->contact_id);
		cli_json_str(&sb, x->name);
		sb_printf(&sb, ", \"gave\": %d, \"asked\": %d, \"only_asked\": %s, "
			  "\"gave_introductions\": %d, \"gave_help\": %d, \"promises_kept\": %d, "
			  "\"asked_introductions\": %d, \"favours\": %d, \"owed_to_you\": %d}",
			  x->gave, x->asked, x->gave == 0 ? "true" : "false", x->gave_intros,
			  x->gave_help, x->gave_kept, x->asked_intros, x->asked_favours, x->asked_owed);
		cli_flush(&sb);
	}
	sb_append(&sb, "]}\n");
	cli_flush(&sb);
	sb_free(&sb);
}

int
cli_cmd_health(struct cli *c, const struct cli_args *a)
{
	struct health_params p;
	struct health_report r;
	struct kith_err err = { 0 };
	struct options *o;
	enum kith_status st;
	long long limit = 0;
	int rc;

	if ((rc = cli_opt_int(a, HE_LIMIT, 1, 100000, &limit)) != CLI_OK)
		return rc;
	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	if (!(o = cli_options_load()))
		return CLI_RUNTIME;
	options_health_params(o, &p);
	options_free(o);
	if (limit)
		p.limit = (int)limit;
	if ((st = health_report_build(c->db, &p, &r, &err)) != KITH_OK)
		return cli_fail(st, &err, NULL);
	if (cli_flag(a, HE_JSON))
		print_json(&r);
	else
		print_text(&r);
	health_report_free(&r);
	return CLI_OK;
}

