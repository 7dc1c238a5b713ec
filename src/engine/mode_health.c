/*
 * mode_health.c: the Health view (zh, :health). The report of kith health
 * (kith/health.h) as a page over the whole body: the active network by
 * sector, district, tier and how you met, with the warnings; strong ties
 * going dormant; what you gave each person against what you asked, the
 * people you only asked of first. Read only: j and k move a cursor over
 * the lines, Enter on a person opens their card (the view closes), r reads
 * the report again, q or Esc close it.
 *
 * A base mode (VM_HEALTH, keymap "health", then "generic") like the
 * duplicates view; the report is read once when the view opens or the data
 * change, and filling the view only copies.
 */
#include "panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/engine.h"
#include "kith/health.h"
#include "kith/xalloc.h"

struct health_state {
	struct page page;
	int64_t *ids;               /* per line: the person it names, 0 none */
	int nids;
	int sel;                    /* the cursor's line */
	int sel_style;              /* its own style, while the cursor is on it */
	int active;
};

static const char *const dim_titles[HD_COUNT_] = {
	"By sector (the kind of organisation of their roles)", "By district", "By tier",
	"By how you met",
};

/* A line naming person id (0: none). */
static void
line_id(struct health_state *hs, int64_t id)
{
	hs->ids = xreallocarray(hs->ids, (size_t)hs->page.n, sizeof *hs->ids);
	while (hs->nids < hs->page.n)
		hs->ids[hs->nids++] = 0;
	hs->ids[hs->page.n - 1] = id;
}

static void
add_dims(struct page *pg, const struct health_report *r)
{
	for (int d = 0; d < HD_COUNT_; d++) {
		const struct health_breakdown *b = &r->dims[d];
		page_add(pg, VS_HEADER, 0, "%s", dim_titles[d]);
		if (b->warning)
			page_add(pg, VS_OVERDUE, 2, "! %s", b->warning);
		for (int i = 0; i < b->n; i++) {
			const struct health_group *g = &b->groups[i];
			char bar[21];
			int w = g->percent / 5;
			memset(bar, '#', (size_t)w);
			bar[w] = '\0';
			page_add(pg, g->known ? VS_NORMAL : VS_DIM, 2, "%-24.24s %5d %4d %%  %s",
				 g->name, g->n, g->percent, bar);
		}
		if (!b->n)
			page_add(pg, VS_DIM, 2, "no one");
	}
}

static void
build(struct engine *e, const struct health_report *r)
{
	struct health_state *hs = e->health;
	struct page *pg = &hs->page;
	int scroll = pg->scroll;

	page_clear(pg);
	hs->nids = 0;
	pg->scroll = scroll;
	page_title(pg, "Health of the network");
	page_add(pg, VS_LABEL, 0, "The active network: %d of %d %s touched in the last %d days",
		 r->active, r->contacts, r->contacts == 1 ? "person" : "people", r->days);
	add_dims(pg, r);
	page_add(pg, VS_HEADER, 0, "Strong ties going dormant: %d (silent past twice their cadence)",
		 r->total_dormant);
	for (int i = 0; i < r->n_dormant; i++) {
		const struct health_tie *t = &r->dormant[i];
		page_add(pg, VS_NORMAL, 2, "%s · %s%s · %s %ld days ago, cadence %d", t->name,
			 t->tier ? "tier " : "close", t->tier ? (char[2]){ t->tier, 0 } : "",
			 t->never ? "added" : "last talked", t->silent, t->cadence);
		line_id(hs, t->contact_id);
	}
	if (!r->total_dormant)
		page_add(pg, VS_DIM, 2, "none: your close ties are in touch");
	page_add(pg, VS_HEADER, 0, "Gave and asked: %d %s, %d you only asked of", r->total_recip,
		 r->total_recip == 1 ? "person" : "people", r->only_asked);
	for (int i = 0; i < r->n_recip; i++) {
		const struct health_recip *x = &r->recip[i];
		char gave[160], asked[160];
		health_recip_words(x, false, gave, sizeof gave);
		health_recip_words(x, true, asked, sizeof asked);
		if (!x->gave)
			page_add(pg, VS_HIGHLIGHT, 2, "%s · asked %d (%s), gave nothing: offer something",
				 x->name, x->asked, asked);
		else
			page_add(pg, VS_NORMAL, 2, "%s · gave %d (%s) · asked %d (%s)", x->name, x->gave,
				 gave, x->asked, asked);
		line_id(hs, x->contact_id);
	}
	if (!r->total_recip)
		page_add(pg, VS_DIM, 2, "nothing marked yet: +give or +ask in a capture (c)");
	line_id(hs, 0);
	hs->active = r->active;
	if (hs->sel >= pg->n)
		hs->sel = pg->n - 1;
}

static enum kith_status
load(struct engine *e, struct kith_err *err)
{
	struct health_params p;
	struct health_report r;
	enum kith_status rc;

	if (!e->health)
		e->health = xcalloc(1, sizeof *e->health);
	engine_health_params(e, &p);
	if ((rc = health_report_build(engine_db(e), &p, &r, err)) == KITH_OK) {
		build(e, &r);
		health_report_free(&r);
	}
	return rc;
}

static void
health_free(struct engine *e)
{
	struct health_state *hs = e->health;

	if (!hs)
		return;
	page_free(&hs->page);
	free(hs->ids);
	free(hs);
	e->health = NULL;
}

static void
health_opened(struct engine *e)
{
	engine_msg(e, "%d people active in %d days: j/k move, Enter opens a person, q closes",
		   e->health->active, (int)options_int(e->opts, "health.days"));
}

/* Move the cursor n lines, keeping it on screen. */
static int
move(struct engine *e, long n)
{
	struct health_state *hs = e->health;
	int rows = e->list_rows > 2 ? e->list_rows - 2 : 1;
	int r = cursor_move(&hs->sel, n, (long)hs->page.n - 1, false);

	if (hs->sel < hs->page.scroll)
		hs->page.scroll = hs->sel;
	if (hs->sel >= hs->page.scroll + rows)
		hs->page.scroll = hs->sel - rows + 1;
	return r;
}

static bool
health_cmd(struct engine *e, enum cmd cmd, long count, int *r)
{
	struct health_state *hs = e->health;

	(void)count;
	switch (cmd) {
	case CMD_DETAIL_OPEN: {
		int64_t id = hs->sel < hs->nids ? hs->ids[hs->sel] : 0;
		*r = id ? engine_base_end(e, VM_HEALTH) | engine_show_entity(e, VP_CONTACTS, id) :
			  R_BELL;
		return true;
	}
	case CMD_REFRESH:
	case CMD_REVIEW:        /* r: read it again (the review starts from the panes) */
		engine_base_load(e, e->modes[VM_HEALTH]->view);
		engine_msg(e, "health: read again");
		*r = R_REDRAW;
		return true;
	case CMD_BACK:
	case CMD_HEALTH_END:
	case CMD_QUIT:
		*r = engine_base_end(e, VM_HEALTH);
		return true;
	default:
		return false;
	}
}

static void
health_fill_view(struct engine *e, struct view *v)
{
	struct health_state *hs = e->health;
	struct view_line *l;

	if (!hs || hs->page.n == 0)
		return;
	/* the cursor's line drawn as selected: its own style comes back when it moves */
	for (int i = 0; i < hs->page.n; i++)
		if (hs->page.lines[i].style == VS_SELECTED && i != hs->sel)
			hs->page.lines[i].style = (enum view_style)hs->sel_style;
	l = &hs->page.lines[hs->sel];
	if (l->style != VS_SELECTED) {
		hs->sel_style = l->style;
		l->style = VS_SELECTED;
	}
	v->review = true;
	page_fill_view(&hs->page, &v->detail);
	sb_reset(&e->title);
	sb_printf(&e->title, "kith — Health — %s — %d active", e->label, hs->active);
	v->title = sb_str(&e->title);
}

static bool
health_is_base(const struct engine *e)
{
	return e->health != NULL;
}

static const struct base_view health_view = {
	"health", "Health view", load, health_opened, move, health_cmd,
};

const struct mode_ops health_mode_ops = {
	.name = "HEALTH",
	.keymap = KM_HEALTH,
	.generic = true,
	.cmd = CMD_HEALTH,
	.run = engine_base_run,
	.fill_view = health_fill_view,
	.hint_keys = { { CMD_DETAIL_OPEN, "open" }, { CMD_REFRESH, "again" },
		       { CMD_HEALTH_END, "close" } },
	.free = health_free,
	.is_base = health_is_base,
	.view = &health_view,
};
