/*
 * warm.c: the warm-paths pick list (`w` on the map and in Contacts).
 *
 * It lists the best chains from me to the selected contact or
 * organisation, each hop with its reason; Enter on a chain records the
 * first step as an introduction follow-up: "Ask Ana to introduce me to
 * Cllr. Diaz", due in three days, Ana as the introducer. One undo step
 * takes it back.
 */
#include "panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/fold.h"
#include "kith/followup.h"
#include "kith/types.h"
#include "kith/warmpath.h"
#include "kith/xalloc.h"

#define WARM_ASK_DAYS 3

struct warm_ctx {
	struct warm_path *paths;
	int n;
	int64_t me;
	char *target;
};

static void open_list(struct engine *e, struct warm_ctx *w, int sel);

static void
warm_ctx_free(void *p)
{
	struct warm_ctx *w = p;

	warm_paths_free(w->paths, w->n);
	free(w->target);
	free(w);
}

/*
** The names first, as they matter most in a narrow list, then why each
** hop exists: "Ruth Abernathy → Nguyễn Thị Lan — mentor; talked 2 days
** ago · mentor".
*/
static void
path_label(struct strbuf *sb, const struct warm_path *p)
{
	for (int j = 0; j < p->nhops; j++)
		sb_printf(sb, "%s%s", j ? " \xe2\x86\x92 " : "", p->hops[j].name);
	for (int j = 0; j < p->nhops; j++)
		sb_printf(sb, "%s%s", j ? " \xc2\xb7 " : " \xe2\x80\x94 ", p->hops[j].reason);
}

static int
warm_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	struct warm_ctx *w = pk->ctx;
	struct strbuf sb = {0};
	char *want = fold_text(filter ? filter : "");

	(void)err;
	for (int i = 0; i < w->n; i++) {
		char *label;
		sb_reset(&sb);
		path_label(&sb, &w->paths[i]);
		/* a filter keeps the chains that name it ("ruth", "planning") */
		label = fold_text(sb_str(&sb));
		if (strstr(label, want))
			pick_push(pk, i, sb_str(&sb));
		free(label);
	}
	free(want);
	sb_free(&sb);
	return KITH_OK;
}

static int
warm_chosen(struct engine *e, int64_t i, void *ctx)
{
	struct warm_ctx *w = ctx;
	const struct warm_path *p;
	struct kith_followup f = {0};
	struct kith_err err;
	struct strbuf title = {0};
	char due[KDATE_STR];
	const struct warm_hop *by, *to;

	if (i < 0 || i >= w->n)
		return R_BELL;
	p = &w->paths[i];
	by = &p->hops[0];
	to = p->nhops > 1 ? &p->hops[1] : NULL;
	if (by->link == WARM_LINK_TALKED) {
		/* the list stays, on the next chain: the paths move to a new context
		   (pick_choose frees this one) */
		struct warm_ctx *w2 = xcalloc(1, sizeof *w2);
		*w2 = *w;
		w->paths = NULL;
		w->n = 0;
		w->target = NULL;
		engine_msg(e, "no one to ask: %s", w2->paths[i].hops[0].reason);
		open_list(e, w2, i + 1 < w2->n ? i + 1 : i);
		return R_REDRAW;
	}
	if (!to || !by->contact_id || !to->contact_id) {
		engine_msg(e, "no one to ask: you are linked to %s directly", by->name);
		return R_REDRAW;
	}
	sb_printf(&title, "Ask %s to introduce me to %s", by->name, to->name);
	if (p->nhops > 2)
		sb_printf(&title, " (towards %s)", w->target);
	kdate_format(kdate_add_days(kdate_today(), WARM_ASK_DAYS), due);
	f.contact_id = by->contact_id;
	f.kind = KITH_FKIND_INTRODUCE;
	f.title = (char *)sb_str(&title);
	f.due = due;
	f.intro_a_id = w->me;
	f.intro_b_id = to->contact_id;
	f.intro_by_id = by->contact_id;
	f.intro_stage = KITH_INTRO_REQUESTED;
	kith_err_clear(&err);
	if (followup_add(engine_db(e), &f, NULL, &err) != KITH_OK) {
		engine_error(e, "introduction: %s", err.msg);
		sb_free(&title);
		return R_REDRAW;
	}
	engine_msg(e, "follow-up due %s: %s (u undoes)", due, sb_str(&title));
	sb_free(&title);
	return engine_after_write(e, "ask for an introduction");
}

int
warm_paths_open(struct engine *e, int64_t contact_id, int64_t org_id, const char *name)
{
	struct warm_query q = {0};
	struct warm_ctx *w;
	struct kith_err err;

	/* paths start at "me": in the planner that is zm on your own card */
	if (!kdb_me(engine_db(e))) {
		engine_error(e, "warm paths start from you: select your own card in Contacts "
			     "and press zm");
		return R_REDRAW | R_BELL;
	}
	q.to_contact_id = contact_id;
	q.to_org_id = org_id;
	q.max_hops = (int)engine_opt_int(e, "path.max_hops");
	kith_err_clear(&err);
	w = xcalloc(1, sizeof *w);
	if (warm_paths(engine_db(e), &q, &w->paths, &w->n, &err) != KITH_OK) {
		engine_error(e, "warm paths: %s", err.msg);
		warm_ctx_free(w);
		return R_REDRAW | R_BELL;
	}
	if (w->n == 0) {
		engine_msg(e, "no warm path to %s within %d hops", name,
			   q.max_hops ? q.max_hops : WARM_DEFAULT_HOPS);
		warm_ctx_free(w);
		return R_REDRAW;
	}
	w->me = kdb_me(engine_db(e));
	w->target = xstrdup(name);
	open_list(e, w, 0);
	return R_REDRAW;
}

static void
open_list(struct engine *e, struct warm_ctx *w, int sel)
{
	struct strbuf title = {0};

	sb_printf(&title, "Warm paths to %s (Enter: ask for the first introduction)", w->target);
	engine_pick(e, sb_str(&title), warm_source, warm_chosen, w, warm_ctx_free);
	if (e->pick && sel < e->pick->n)
		e->pick->sel = sel;
	sb_free(&title);
}
