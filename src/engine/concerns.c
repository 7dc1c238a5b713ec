/*
 * concerns.c: `:concerns`, the listening report in the planner (issue 18):
 * the issues people raised in the last 90 days, by how many people raised
 * them, then how recently, with the districts they came from; Enter on an
 * issue lists who raised it and their words; Enter on a person opens the
 * contact. Both lists filter as one types ('/'), as every pick list does.
 */
#include "core.h"
#include "panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/concern.h"
#include "kith/date.h"
#include "kith/fold.h"
#include "kith/str.h"
#include "kith/xalloc.h"

#define CONCERNS_DAYS 90
#define CONCERNS_MAX 200

struct report {
	struct pick *pk;
	char *want;                 /* the folded filter */
	char **issues;              /* the issue of each pushed line, by id */
	int n;
};

static void
report_clear(void *p)
{
	struct report *r = p;

	for (int i = 0; r && i < r->n; i++)
		free(r->issues[i]);
	if (r) {
		free(r->issues);
		r->issues = NULL;
		r->n = 0;
	}
}

static void
report_free(void *p)
{
	report_clear(p);
	free(p);
}

/* Push label as id if it passes the filter. */
static void
push_if(struct pick *pk, const char *want, int64_t id, const char *label)
{
	char *key = fold_text(label);

	if (strstr(key, want))
		pick_push(pk, id, label);
	free(key);
}

static int
issue_row(void *ud, const struct issue_row *row)
{
	struct report *r = ud;
	struct strbuf sb = { 0 };

	sb_printf(&sb, "#%s \u2014 %d %s, last %s", row->issue, row->people,
		  row->people == 1 ? "person" : "people", row->last_at);
	if (*row->districts)
		sb_printf(&sb, " \u2014 %s", row->districts);
	if (row->open_promises)
		sb_printf(&sb, " \u2014 %d open promise%s", row->open_promises,
			  row->open_promises == 1 ? "" : "s");
	r->issues = xreallocarray(r->issues, (size_t)r->n + 1, sizeof *r->issues);
	r->issues[r->n] = xstrdup(row->issue);
	push_if(r->pk, r->want, r->n++, sb_str(&sb));
	sb_free(&sb);
	return 0;
}

static int
report_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	struct report *r = pk->ctx;
	char since[KDATE_STR];
	enum kith_status rc;

	report_clear(r);
	r->pk = pk;
	r->want = fold_text(filter ? filter : "");
	kdate_format(kdate_add_days(kdate_today(), -(CONCERNS_DAYS - 1)), since);
	rc = concern_report(engine_db(pk->e), since, CONCERNS_MAX, issue_row, r, err);
	free(r->want);
	r->want = NULL;
	return rc;
}

struct raisers {
	struct pick *pk;
	char *want;
};

static int
raiser_row(void *ud, const struct concern_row *row)
{
	struct raisers *w = ud;
	struct strbuf sb = { 0 };

	sb_printf(&sb, "%s  %s", row->raised_at, row->name);
	if (*row->words)
		sb_printf(&sb, "  \u201c%.300s\u201d", row->words);
	push_if(w->pk, w->want, row->contact_id, sb_str(&sb));
	sb_free(&sb);
	return 0;
}

static int
raisers_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	struct raisers w = { pk, fold_text(filter ? filter : "") };
	enum kith_status rc = concern_list_for_issue(engine_db(pk->e), pk->ctx, CONCERNS_MAX,
						     raiser_row, &w, err);

	free(w.want);
	return rc;
}

static int
raiser_chosen(struct engine *e, int64_t contact_id, void *ctx)
{
	(void)ctx;
	return engine_show_entity(e, VP_CONTACTS, contact_id);
}

static int
issue_chosen(struct engine *e, int64_t id, void *ctx)
{
	struct report *r = ctx;
	struct strbuf title = { 0 };

	if (id < 0 || id >= r->n)
		return R_BELL;
	sb_printf(&title, "Who raised #%s (Enter opens the contact, Esc closes)", r->issues[id]);
	engine_pick(e, sb_str(&title), raisers_source, raiser_chosen, xstrdup(r->issues[id]), free);
	sb_free(&title);
	return R_REDRAW;
}

int
engine_concerns(struct engine *e)
{
	engine_pick(e, "What people raised in the last 90 days (Enter: who and their words)",
		    report_source, issue_chosen, xcalloc(1, sizeof(struct report)), report_free);
	if (e->pick && e->pick->n == 0) {
		mode_pick_free(e);
		engine_msg(e, "Nobody raised an issue in the last 90 days: '!raised' in a capture "
			   "records one (#bus-route-14 !raised)");
	}
	return R_REDRAW | R_RELAYOUT;
}
