/*
 * pane_goals.c: the Goals view (zg, :goals): every goal with a progress
 * bar, the open ones first, the nearest date first, then the reached,
 * missed and dropped ones; the card shows who counted and the best
 * person not counted yet. Goals are few: the list is read whole when it
 * loads (kith/goal.h computes each goal's progress) and paged from memory.
 */
#include "listpane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/date.h"
#include "kith/goal.h"
#include "kith/xalloc.h"

enum { C_BAR, C_COUNT_OF, C_TITLE, C_STATE, C_BY, C_COUNT };

static const struct view_column columns[C_COUNT] = {
	[C_BAR] = { "Progress", 12, 12, VA_LEFT },
	[C_COUNT_OF] = { "Count", 5, 12, VA_RIGHT },
	[C_TITLE] = LISTPANE_TEXT_COLUMN("Goal"),
	[C_STATE] = { "Pace", 12, 34, VA_LEFT },
	[C_BY] = LISTPANE_DATE_COLUMN("By"),
};

struct goal_row {
	int64_t id;
	char *cells[C_COUNT];
	enum view_style style;
};

struct goals {
	struct listpane lp;         /* first: the list, marks, card, search, title */
	struct goal_row *v;
	int n;
	char today[KDATE_STR];
};

static struct goals *
priv(struct pane *p)
{
	return p->priv;
}

static void
rows_clear(struct goals *g)
{
	for (int i = 0; i < g->n; i++)
		for (int c = 0; c < C_COUNT; c++)
			free(g->v[i].cells[c]);
	free(g->v);
	g->v = NULL;
	g->n = 0;
}

static int
row_add(void *ud, const struct goal *x)
{
	struct goals *g = ud;
	struct goal_row *r;
	char bar[GOAL_BAR_CELLS + 3], words[GOAL_WORDS], n[32];

	g->v = xreallocarray(g->v, (size_t)g->n + 1, sizeof *g->v);
	r = &g->v[g->n++];
	r->id = x->id;
	bar[0] = '[';
	goal_bar(x, bar + 1);
	snprintf(bar + 1 + GOAL_BAR_CELLS, 2, "]");
	snprintf(n, sizeof n, "%d/%d %s", x->count, x->target, goal_how_name(x->how));
	goal_state_words(x, words);
	r->cells[C_BAR] = xstrdup(bar);
	r->cells[C_COUNT_OF] = xstrdup(n);
	r->cells[C_TITLE] = xstrdup(x->title);
	r->cells[C_STATE] = xstrdup(words);
	r->cells[C_BY] = xstrdup(x->due);
	r->style = x->behind ? VS_OVERDUE : x->state == GOAL_OPEN ? VS_NORMAL : VS_DIM;
	return 0;
}

/* Before a (re)load: every goal with its progress today. */
static void
prepare(struct pane *p)
{
	struct goals *g = priv(p);
	struct kith_err err;

	rows_clear(g);
	kdate_format(kdate_today(), g->today);
	kith_err_clear(&err);
	if (goal_list(engine_db(p->e), g->today, true, row_add, g, &err) != KITH_OK)
		engine_error(p->e, "goals: %s", err.msg);
}

static int
fetch(struct pane *p, int64_t anchor, int dir, int limit, struct kith_err *err)
{
	struct goals *g = priv(p);
	int at = anchor ? row_index(g->v, g->n, sizeof *g->v, offsetof(struct goal_row, id),
				   anchor) : -1;
	int i = dir > 0 ? (at >= 0 ? at + 1 : 0) : (at >= 0 ? at - 1 : g->n - 1);

	(void)err;
	for (int k = 0; k < limit && i >= 0 && i < g->n; k++, i += dir > 0 ? 1 : -1)
		lw_push(&priv(p)->lp.lw, g->v[i].id, (const char *const *)g->v[i].cells,
			g->v[i].style);
	return KITH_OK;
}

static int
count(struct pane *p, long long *out, struct kith_err *err)
{
	(void)err;
	*out = priv(p)->n;
	return KITH_OK;
}

static int
counted_line(void *ud, const struct goal_person *who)
{
	page_add(ud, VS_NORMAL, 2, "%.10s  %s", who->at, who->name);
	return 0;
}

static void
load_detail(struct pane *p, int64_t id, struct page *pg)
{
	struct goals *g = priv(p);
	struct kdb *db = engine_db(p->e);
	struct goal x;
	char words[GOAL_WORDS], bar[GOAL_BAR_CELLS + 1];
	int64_t best = 0;
	char *name = NULL;

	if (goal_get(db, id, g->today, &x, NULL) != KITH_OK)
		return;
	goal_bar(&x, bar);
	goal_state_words(&x, words);
	page_title(pg, "%s", x.title);
	page_add(pg, VS_NORMAL, 0, "progress [%s] %d of %d %s", bar, x.count, x.target,
		 goal_how_name(x.how));
	page_add(pg, x.behind ? VS_OVERDUE : VS_NORMAL, 0, "pace     %s", words);
	page_add(pg, VS_NORMAL, 0, "who      %s", *x.who ? x.who : "everyone");
	page_add(pg, VS_NORMAL, 0, "set      %s, by %s", x.set_on, x.due);
	page_add(pg, VS_HEADER, 0, "Counted");
	if (goal_counted(db, &x, counted_line, pg, NULL) != KITH_OK || !x.count)
		card_none(pg, "nobody yet", NULL);
	if (x.state == GOAL_OPEN && goal_best_uncounted(db, &x, &best, &name, NULL) == KITH_OK &&
	    best) {
		page_add(pg, VS_HEADER, 0, "Next");
		page_add(pg, VS_NORMAL, 2, "%s", name);
	}
	free(name);
	goal_free(&x);
}

/* The view's own commands: none besides the list's (D deletes through the base). */
static bool
command(struct pane *p, enum cmd cmd, int64_t id, long n, int *r)
{
	(void)p, (void)cmd, (void)id, (void)n, (void)r;
	return false;
}

static const char *
empty_text(struct pane *p)
{
	(void)p;
	return "No goals yet: kith goal add \"Meet 3 school-board members\" --by DATE --count 3 "
	       "--who tag:school-board";
}

static void
close_pane(struct pane *p)
{
	rows_clear(priv(p));
}

static const struct listpane_def goals_def = {
	.ncols = C_COUNT, .cols = columns, .fetch = fetch, .count = count,
	.name_col = C_TITLE,
	.load_detail = load_detail, .prepare = prepare, .close = close_pane, .command = command,
	.empty_text = empty_text,
	.del = goal_delete, .del_label = "delete goal", .del_done = "goal deleted (u undoes)",
	.del_question = "Delete this goal? The touches it counted stay. (y/n)",
};

LISTPANE_DEFINE(goals_pane_ops, "goals", "Goals", "goal", "goals", VP_GOALS, struct goals, goals_def);
