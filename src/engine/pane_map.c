/*
 * pane_map.c: the Power map pane: the grid of five alignment bands by five
 * influence rows for the current map, with a cell cursor; H/J/K/L move
 * the selected placement one cell (saved at once, in the map's history,
 * undoable), p places a contact, R removes, m switches map, i highlights
 * the selected person's relationships, Enter shows its history.
 *
 * A map holds hundreds of placements, not thousands: they are read once
 * when the map is opened or changed, never per key.
 */
#include "panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/org.h"
#include "kith/powermap.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

struct placed {
	int64_t contact_id, org_id;
	char *name;
	char *label;                /* name, with the way it moved under :moved */
	int influence, alignment;
	bool is_target, is_primary, stale, highlight;
	int moved_infl, moved_align;    /* since m->moved_since: the change, 0 if none */
	bool moved;
};

struct mappane {
	int64_t map_id;
	char *name, *goal;
	struct placed *pl;
	int npl, cap;
	int row, col;               /* cursor: row 0 = influence 5, col 0 = alignment -2 */
	int pick;                   /* index of the selected entry within the cell */
	struct page detail;
	bool detail_open;
	struct view_map_entry *entries;   /* view cache */
	int nentries;
	struct strbuf footer, header;
	char stale_before[KDATE_STR];
	char as_of[KDATE_STR];      /* "" now; else the read-only view of that day */
	char moved_since[KDATE_STR];/* "" off; else mark moves since that day */
	int nmoved, moved_ally, moved_opp;
};

static struct mappane *
priv(struct pane *p)
{
	return p->priv;
}

static void
placements_clear(struct mappane *m)
{
	for (int i = 0; i < m->npl; i++) {
		free(m->pl[i].name);
		free(m->pl[i].label);
	}
	m->npl = 0;
}

static int
placement_cb(void *ud, const struct placement_row *r)
{
	struct mappane *m = ud;
	struct placed *pl;

	if (m->npl == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->pl = xreallocarray(m->pl, (size_t)m->cap, sizeof *m->pl);
	}
	pl = &m->pl[m->npl++];
	memset(pl, 0, sizeof *pl);
	pl->contact_id = r->contact_id;
	pl->org_id = r->org_id;
	pl->name = xstrdup(r->name);
	pl->influence = r->influence;
	pl->alignment = r->alignment;
	pl->is_target = r->is_target;
	pl->is_primary = r->is_primary;
	pl->stale = strncmp(r->assessed_at, m->stale_before, 10) < 0;
	return 0;
}

/* The net move of one entity since moved_since: first "from", last "to". */
static int
moved_cb(void *ud, const struct placement_move_row *r)
{
	struct mappane *m = ud;

	for (int i = 0; i < m->npl; i++) {
		struct placed *pl = &m->pl[i];
		if (pl->contact_id != r->contact_id || pl->org_id != r->org_id || r->removed)
			continue;
		if (!pl->moved) {
			pl->moved = true;
			/* newly placed since then: moved from nowhere */
			pl->moved_infl = r->placed ? 0 : pl->influence - r->from_influence;
			pl->moved_align = r->placed ? 0 : pl->alignment - r->from_alignment;
			if (r->placed)
				pl->moved_infl = 99;
		}
		break;
	}
	return 0;
}

/*
** Labels: the name, and under :moved the way it went first, where a
** narrow cell cannot cut it off: "→ Ana" (toward ally), "← Bo" (toward
** opposition), "↑", "↓" (influence), "+ Cy" (newly placed).
*/
static void
label_all(struct mappane *m)
{
	struct strbuf sb = {0};

	m->nmoved = m->moved_ally = m->moved_opp = 0;
	for (int i = 0; i < m->npl; i++) {
		struct placed *pl = &m->pl[i];
		sb_reset(&sb);
		if (m->moved_since[0] && pl->moved) {
			if (pl->moved_infl == 99) {
				sb_append(&sb, "+");
			} else if (pl->moved_infl || pl->moved_align) {
				if (pl->moved_align > 0)
					sb_append(&sb, "\xe2\x86\x92");          /* → */
				else if (pl->moved_align < 0)
					sb_append(&sb, "\xe2\x86\x90");          /* ← */
				if (pl->moved_infl > 0)
					sb_append(&sb, "\xe2\x86\x91");          /* ↑ */
				else if (pl->moved_infl < 0)
					sb_append(&sb, "\xe2\x86\x93");          /* ↓ */
			} else {
				pl->moved = false;      /* moved and came back */
			}
			if (pl->moved) {
				sb_appendc(&sb, ' ');
				m->nmoved++;
				m->moved_ally += pl->moved_infl != 99 && pl->moved_align > 0;
				m->moved_opp += pl->moved_infl != 99 && pl->moved_align < 0;
			}
		}
		sb_append(&sb, pl->name);
		free(pl->label);
		pl->label = sb_detach(&sb);
	}
	sb_free(&sb);
}

static int
first_map(void *ud, const struct map_row *r)
{
	int64_t *id = ud;
	*id = r->id;
	return 1;
}

static int
load(struct pane *p, struct kith_err *err)
{
	struct mappane *m = priv(p);
	struct kdb *db = engine_db(p->e);
	struct kith_map km;
	long stale = engine_opt_int(p->e, "map.stale_days");

	kdate_format(kdate_add_days(kdate_today(), -(stale > 0 ? stale : 60)), m->stale_before);
	placements_clear(m);
	free(m->name);
	free(m->goal);
	m->name = m->goal = NULL;
	if (m->map_id && map_get(db, m->map_id, &km, NULL) != KITH_OK)
		m->map_id = 0;
	else if (m->map_id)
		map_free(&km);
	if (!m->map_id) {
		int rc = map_list(db, first_map, &m->map_id, err);
		if (rc)
			return rc;
		if (!m->map_id)
			return KITH_OK;
	}
	if (map_get(db, m->map_id, &km, err) != KITH_OK)
		return err->code;
	m->name = xstrdup(km.name);
	m->goal = xstrdup(km.goal ? km.goal : "");
	map_free(&km);
	if (placement_list(db, m->map_id, m->as_of[0] ? m->as_of : NULL, placement_cb, m, err))
		return err->code;
	if (m->moved_since[0] &&
	    placement_moves(db, m->map_id, m->moved_since, moved_cb, m, err) != KITH_OK)
		return err->code;
	label_all(m);
	return KITH_OK;
}

/* Writes are refused while the map shows the past. */
static bool
read_only(struct pane *p, int *r)
{
	struct mappane *m = priv(p);

	if (!m->as_of[0])
		return false;
	engine_error(p->e, "the map as of %s is read-only: :asof alone returns to now", m->as_of);
	*r |= R_REDRAW | R_BELL;
	return true;
}

/*
** A day for :asof and :moved: "30d", "2w", "3m" count back from today;
** anything else is a WHEN ("2026-02-01", "yesterday", "mon").
*/
static bool
past_day(const char *arg, char out[KDATE_STR], struct kith_err *err)
{
	char when[KDATETIME_STR], back[32];
	size_t n = strlen(arg);

	if (n > 1 && n < sizeof back - 1 && arg[0] >= '0' && arg[0] <= '9' &&
	    strchr("dwmy", arg[n - 1])) {
		snprintf(back, sizeof back, "-%s", arg);
		arg = back;
	}
	if (!fmt_parse_when(arg, when, true, err))
		return false;
	snprintf(out, KDATE_STR, "%.10s", when);
	return true;
}

static int
open_pane(struct pane *p, struct kith_err *err)
{
	struct mappane *m = priv(p);

	m->row = 2;
	m->col = 2;
	return load(p, err);
}

static int
reload(struct pane *p, struct kith_err *err)
{
	struct mappane *m = priv(p);
	int rc = load(p, err);
	page_clear(&m->detail);
	return rc;
}

static void
close_pane(struct pane *p)
{
	struct mappane *m = priv(p);

	placements_clear(m);
	free(m->pl);
	free(m->name);
	free(m->goal);
	free(m->entries);
	sb_free(&m->footer);
	sb_free(&m->header);
	page_free(&m->detail);
}

/* Index in m->pl of the n-th placement in cell (row, col), -1 if none. */
static int
cell_entry(struct mappane *m, int row, int col, int n, int *count)
{
	int k = 0, found = -1;

	for (int i = 0; i < m->npl; i++) {
		if (5 - m->pl[i].influence != row || m->pl[i].alignment + 2 != col)
			continue;
		if (k == n)
			found = i;
		k++;
	}
	if (count)
		*count = k;
	return found;
}

static struct placed *
selected(struct mappane *m)
{
	int n, i = cell_entry(m, m->row, m->col, m->pick, &n);
	if (i < 0 && n > 0) {
		m->pick = 0;
		i = cell_entry(m, m->row, m->col, 0, NULL);
	}
	return i >= 0 ? &m->pl[i] : NULL;
}

/* ---- actions --------------------------------------------------------------------- */

static int
move_selected(struct pane *p, int drow, int dcol)
{
	struct mappane *m = priv(p);
	struct placed *pl = selected(m);
	struct kith_err err;
	int infl, align;
	int64_t cid, oid;
	char who[200];

	if (!pl) {
		engine_error(p->e, "nobody in this cell to move");
		return R_BELL | R_REDRAW;
	}
	infl = pl->influence - drow;
	align = pl->alignment + dcol;
	if (infl < 1 || infl > 5 || align < -2 || align > 2)
		return R_BELL;
	cid = pl->contact_id;
	oid = pl->org_id;
	snprintf(who, sizeof who, "%s", pl->name);
	if (placement_set(engine_db(p->e), m->map_id, cid, oid, infl, align, NULL, "moved on the grid",
			  &err) != KITH_OK) {
		engine_error(p->e, "move: %s", err.msg);
		return R_REDRAW;
	}
	m->row = 5 - infl;
	m->col = align + 2;
	engine_msg(p->e, "%s: influence %d, %s", who, infl, kith_alignment_name(align));
	{
		int r = engine_after_write(p->e, "move on map");
		/* keep the moved entity selected */
		int n;
		for (int k = 0; cell_entry(m, m->row, m->col, k, &n) >= 0; k++) {
			struct placed *q = &m->pl[cell_entry(m, m->row, m->col, k, NULL)];
			if (q->contact_id == cid && q->org_id == oid) {
				m->pick = k;
				break;
			}
		}
		return r;
	}
}

struct place_ctx {
	int64_t map_id;
	int influence, alignment;
};

static int
candidate(void *ud, const struct contact_row *r)
{
	struct pick *pk = ud;
	char label[300];

	snprintf(label, sizeof label, "%s%s%s", r->name, *r->org ? " — " : "", r->org);
	pick_push(pk, r->id, label);
	return 0;
}

static int
contact_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	return contact_candidates(engine_db(pick_engine(pk)), filter, 50, candidate, pk, err);
}

static int
place_chosen(struct engine *e, int64_t contact_id, void *ctx)
{
	struct place_ctx *pc = ctx;
	struct kith_err err;

	if (placement_set(engine_db(e), pc->map_id, contact_id, 0, pc->influence, pc->alignment, NULL,
			  "placed", &err) != KITH_OK) {
		engine_error(e, "place: %s", err.msg);
		return R_REDRAW;
	}
	engine_msg(e, "placed at influence %d, %s", pc->influence, kith_alignment_name(pc->alignment));
	return engine_after_write(e, "place on map");
}

static int
map_source_cb(void *ud, const struct map_row *r)
{
	struct pick *pk = ud;
	char label[300];

	snprintf(label, sizeof label, "%s (%lld placed)%s%s", r->name, r->placements,
		 *r->goal ? " — " : "", r->goal);
	pick_push(pk, r->id, label);
	return 0;
}

static int
map_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	(void)filter;
	return map_list(engine_db(pick_engine(pk)), map_source_cb, pk, err);
}

static int
map_chosen(struct engine *e, int64_t id, void *ctx)
{
	struct pane *p = &e->panes[VP_MAP];
	struct mappane *m = priv(p);
	struct kith_err err;

	(void)ctx;
	m->map_id = id;
	m->pick = 0;
	if (load(p, &err) != KITH_OK)
		engine_error(e, "%s", err.msg);
	page_clear(&m->detail);
	return R_REDRAW | R_RELAYOUT;
}

static int
relation_cb(void *ud, const struct relationship_row *r)
{
	struct mappane *m = ud;

	if (!r->current)
		return 0;
	for (int i = 0; i < m->npl; i++)
		if ((r->other_id && m->pl[i].contact_id == r->other_id) ||
		    (r->other_org_id && m->pl[i].org_id == r->other_org_id))
			m->pl[i].highlight = true;
	return 0;
}

static int
holder_cb(void *ud, const struct role_row *r)
{
	struct mappane *m = ud;

	for (int i = 0; i < m->npl; i++)
		if (m->pl[i].contact_id == r->contact_id)
			m->pl[i].highlight = true;
	return 0;
}

static int
move_cb(void *ud, const struct placement_move_row *r)
{
	struct page *pg = ud;

	if (r->placed)
		page_add(pg, VS_NORMAL, 2, "%.16s  placed at %d, %s%s%s", r->at, r->to_influence,
			 kith_alignment_name(r->to_alignment), *r->reason ? " — " : "", r->reason);
	else if (r->removed)
		page_add(pg, VS_DIM, 2, "%.16s  removed%s%s", r->at, *r->reason ? " — " : "", r->reason);
	else
		page_add(pg, VS_NORMAL, 2, "%.16s  %d, %s → %d, %s%s%s", r->at, r->from_influence,
			 kith_alignment_name(r->from_alignment), r->to_influence,
			 kith_alignment_name(r->to_alignment), *r->reason ? " — " : "", r->reason);
	return 0;
}

struct history_ctx {
	struct page *pg;
	int64_t contact_id, org_id;
};

static int
history_filter(void *ud, const struct placement_move_row *r)
{
	struct history_ctx *h = ud;
	if (r->contact_id == h->contact_id && r->org_id == h->org_id)
		move_cb(h->pg, r);
	return 0;
}

static void
build_detail(struct pane *p)
{
	struct mappane *m = priv(p);
	struct placed *pl = selected(m);
	struct history_ctx h = { &m->detail, 0, 0 };

	page_clear(&m->detail);
	if (!pl)
		return;
	page_title(&m->detail, "%s on %s", pl->name, m->name);
	page_add(&m->detail, pl->is_target ? VS_TARGET : VS_NORMAL, 0, "influence %d · %s%s",
		 pl->influence, kith_alignment_name(pl->alignment),
		 pl->is_primary ? " · primary target" : pl->is_target ? " · target" : "");
	if (pl->stale)
		page_add(&m->detail, VS_DIM, 0, "not re-assessed for over %ld days",
			 engine_opt_int(p->e, "map.stale_days"));
	page_add(&m->detail, VS_HEADER, 0, "History");
	h.contact_id = pl->contact_id;
	h.org_id = pl->org_id;
	placement_moves(engine_db(p->e), m->map_id, NULL, history_filter, &h, NULL);
}

static int
map_delete_yes(struct engine *e, void *ctx)
{
	struct pane *p = &e->panes[VP_MAP];
	struct mappane *m = priv(p);
	int64_t *id = ctx;
	struct kith_err err;

	kith_err_clear(&err);
	if (map_delete(engine_db(e), *id, &err) != KITH_OK) {
		engine_error(e, "map-delete: %s", err.msg);
		return R_REDRAW;
	}
	if (m->map_id == *id)
		m->map_id = 0;
	engine_msg(e, "map deleted (u undoes)");
	return engine_after_write(e, "delete a map") | R_RELAYOUT;
}

/* Rename, set the goal or the primary target: one map_update. */
static int
map_change(struct pane *p, enum cmd cmd, const char *arg, int64_t primary)
{
	struct mappane *m = priv(p);
	struct kith_map km;
	struct kith_err err;
	char *keep;
	int r;

	kith_err_clear(&err);
	if (map_get(engine_db(p->e), m->map_id, &km, &err) != KITH_OK) {
		engine_error(p->e, "%s", err.msg);
		return R_REDRAW;
	}
	keep = cmd == CMD_MAP_RENAME ? km.name : km.goal;
	if (cmd == CMD_MAP_RENAME)
		km.name = (char *)arg;
	else if (cmd == CMD_MAP_GOAL)
		km.goal = (char *)arg;
	else
		km.primary_target_id = primary;
	if (map_update(engine_db(p->e), &km, &err) != KITH_OK) {
		engine_error(p->e, "%s: %s", cmd_name(cmd), err.msg);
		r = R_REDRAW;
	} else {
		engine_msg(p->e, cmd == CMD_MAP_RENAME ? "map renamed: %s" :
			   cmd == CMD_MAP_GOAL ? "goal: %s" : "primary target: %s", arg);
		r = engine_after_write(p->e, cmd_name(cmd));
	}
	if (cmd == CMD_MAP_RENAME)
		km.name = keep;
	else if (cmd == CMD_MAP_GOAL)
		km.goal = keep;
	map_free(&km);
	return r;
}

static bool
command(struct pane *p, enum cmd cmd, long n, int *r)
{
	struct mappane *m = priv(p);
	struct kith_err err;
	int cnt;

	kith_err_clear(&err);
	switch (cmd) {
	case CMD_MOVE_LEFT: case CMD_MOVE_RIGHT: case CMD_MOVE_UP: case CMD_MOVE_DOWN:
	case CMD_MOVE_FIRST: case CMD_MOVE_LAST: {
		int row = m->row, col = m->col;
		if (cmd == CMD_MOVE_LEFT) col -= (int)n;
		if (cmd == CMD_MOVE_RIGHT) col += (int)n;
		if (cmd == CMD_MOVE_UP) row -= (int)n;
		if (cmd == CMD_MOVE_DOWN) row += (int)n;
		if (cmd == CMD_MOVE_FIRST) row = 0;
		if (cmd == CMD_MOVE_LAST) row = 4;
		row = row < 0 ? 0 : row > 4 ? 4 : row;
		col = col < 0 ? 0 : col > 4 ? 4 : col;
		*r |= (row == m->row && col == m->col) ? R_BELL : R_REDRAW;
		m->row = row;
		m->col = col;
		m->pick = 0;
		for (int i = 0; i < m->npl; i++)
			m->pl[i].highlight = false;
		if (m->detail_open)
			build_detail(p);
		return true;
	}
	case CMD_MAP_CYCLE:
		cell_entry(m, m->row, m->col, 0, &cnt);
		m->pick = cnt ? (m->pick + 1) % cnt : 0;
		if (m->detail_open)
			build_detail(p);
		*r |= R_REDRAW;
		return true;
	case CMD_MAP_MOVE_UP: case CMD_MAP_MOVE_DOWN: case CMD_MAP_MOVE_LEFT:
	case CMD_MAP_MOVE_RIGHT: case CMD_ADD: case CMD_MAP_PLACE: case CMD_DELETE:
	case CMD_MAP_REMOVE: case CMD_MAP_TARGET: case CMD_MAP_PRIMARY: case CMD_MAP_REASON:
		if (read_only(p, r))
			return true;
		break;
	case CMD_MAP_RENAME: case CMD_MAP_GOAL: case CMD_MAP_DELETE:
		if (!m->map_id) {
			engine_error(p->e, "no map yet: create one with :map-new NAME");
			*r |= R_REDRAW;
			return true;
		}
		break;
	default:
		break;
	}
	switch (cmd) {
	case CMD_MAP_MOVE_UP:    *r |= move_selected(p, -1, 0); return true;
	case CMD_MAP_MOVE_DOWN:  *r |= move_selected(p, 1, 0); return true;
	case CMD_MAP_MOVE_LEFT:  *r |= move_selected(p, 0, -1); return true;
	case CMD_MAP_MOVE_RIGHT: *r |= move_selected(p, 0, 1); return true;
	case CMD_ADD:
	case CMD_MAP_PLACE: {
		struct place_ctx *pc;
		if (!m->map_id) {
			engine_error(p->e, "no map yet: create one with :map-new NAME");
			*r |= R_REDRAW;
			return true;
		}
		pc = xcalloc(1, sizeof *pc);
		pc->map_id = m->map_id;
		pc->influence = 5 - m->row;
		pc->alignment = m->col - 2;
		engine_pick(p->e, "Place whom here?", contact_source, place_chosen, pc, free);
		*r |= R_REDRAW;
		return true;
	}
	case CMD_DELETE:
	case CMD_MAP_REMOVE: {
		struct placed *pl = selected(m);
		char who[200];
		if (!pl) {
			engine_error(p->e, "nobody in this cell");
			*r |= R_REDRAW | R_BELL;
			return true;
		}
		snprintf(who, sizeof who, "%s", pl->name);
		if (placement_remove(engine_db(p->e), m->map_id, pl->contact_id, pl->org_id,
				     "removed from the grid", &err) != KITH_OK) {
			engine_error(p->e, "remove: %s", err.msg);
		} else {
			engine_msg(p->e, "%s removed from the map (u undoes)", who);
			*r |= engine_after_write(p->e, "remove from map");
		}
		*r |= R_REDRAW;
		return true;
	}
	case CMD_MAP_SWITCH:
		engine_pick(p->e, "Switch to map", map_source, map_chosen, NULL, NULL);
		*r |= R_REDRAW;
		return true;
	case CMD_MAP_REASON: {
		const char *arg = engine_cmd_arg(p->e);
		struct placed *pl = selected(m);
		char who[200];
		if (!pl || str_empty(arg)) {
			engine_error(p->e, pl ? "why: give the reason, as in :why said yes at the hearing"
					      : "nobody in this cell");
			*r |= R_REDRAW;
			return true;
		}
		snprintf(who, sizeof who, "%s", pl->name);
		if (placement_move_reason(engine_db(p->e), m->map_id, pl->contact_id, pl->org_id, arg,
					  &err) != KITH_OK) {
			engine_error(p->e, "why: %s", err.msg);
			*r |= R_REDRAW;
			return true;
		}
		engine_msg(p->e, "%s: the last move is now explained", who);
		*r |= engine_after_write(p->e, "reason for a move");
		if (m->detail_open)
			build_detail(p);
		return true;
	}
	case CMD_MAP_RENAME:
	case CMD_MAP_GOAL: {
		const char *arg = engine_cmd_arg(p->e);
		if (cmd == CMD_MAP_RENAME && str_empty(arg)) {
			engine_error(p->e, "map-rename: give the new name, as in :map-rename Bond 2028");
			*r |= R_REDRAW;
			return true;
		}
		*r |= map_change(p, cmd, arg ? arg : "", 0) | R_RELAYOUT;
		return true;
	}
	case CMD_MAP_DELETE: {
		int64_t *id = xmalloc(sizeof *id);
		struct strbuf q = { 0 };
		*id = m->map_id;
		sb_printf(&q, "Delete the map \"%s\", its placements and history? (y/n)", m->name);
		engine_confirm(p->e, sb_str(&q), map_delete_yes, id, free);
		sb_free(&q);
		*r |= R_REDRAW;
		return true;
	}
	case CMD_MAP_TARGET:
	case CMD_MAP_PRIMARY: {
		struct placed *pl = selected(m);
		struct kith_err e2;
		char who[200];
		if (!pl || !pl->contact_id) {
			engine_error(p->e, "select a person on the grid: targets are people");
			*r |= R_REDRAW | R_BELL;
			return true;
		}
		snprintf(who, sizeof who, "%s", pl->name);
		if (cmd == CMD_MAP_PRIMARY) {
			*r |= map_change(p, cmd, who, pl->contact_id);
			return true;
		}
		if (pl->is_primary) {
			engine_error(p->e, "%s is the primary target: :map-primary on someone else first",
				     who);
			*r |= R_REDRAW;
			return true;
		}
		kith_err_clear(&e2);
		if ((pl->is_target ? map_target_remove : map_target_add)(engine_db(p->e), m->map_id,
									 pl->contact_id, &e2)) {
			engine_error(p->e, "map-target: %s", e2.msg);
			*r |= R_REDRAW;
			return true;
		}
		engine_msg(p->e, pl->is_target ? "%s is no longer a target" : "%s is now a target", who);
		*r |= engine_after_write(p->e, "map target");
		return true;
	}
	case CMD_MAP_ASOF:
	case CMD_MAP_MOVED: {
		const char *arg = engine_cmd_arg(p->e);
		char *day = cmd == CMD_MAP_ASOF ? m->as_of : m->moved_since;
		char was[KDATE_STR];
		snprintf(was, sizeof was, "%s", day);
		if (str_empty(arg)) {
			day[0] = '\0';
		} else if (!past_day(arg, day, &err)) {
			engine_error(p->e, "%s: %s", cmd == CMD_MAP_ASOF ? "asof" : "moved", err.msg);
			*r |= R_REDRAW;
			return true;
		}
		if (load(p, &err) != KITH_OK) {
			engine_error(p->e, "%s", err.msg);
			snprintf(day, KDATE_STR, "%s", was);
		} else if (cmd == CMD_MAP_ASOF) {
			if (m->as_of[0])
				engine_msg(p->e, "%s as it stood on %s (read-only; :asof alone returns to now)",
					   m->name ? m->name : "the map", m->as_of);
			else
				engine_msg(p->e, "the map as it stands now");
		} else if (m->moved_since[0]) {
			engine_msg(p->e, "moved since %s: %d (%d toward ally, %d toward opposition)",
				   m->moved_since, m->nmoved, m->moved_ally, m->moved_opp);
		} else {
			engine_msg(p->e, "moves no longer marked");
		}
		page_clear(&m->detail);
		*r |= R_REDRAW | R_RELAYOUT;
		return true;
	}
	case CMD_MAP_NEW: {
		const char *name = engine_cmd_arg(p->e);
		struct kith_map km = { 0 };
		int64_t id;
		if (str_empty(name)) {
			engine_error(p->e, "map-new: give a name, as in :map-new School bond 2027");
			*r |= R_REDRAW;
			return true;
		}
		km.name = (char *)name;
		if (map_add(engine_db(p->e), &km, &id, &err) != KITH_OK) {
			engine_error(p->e, "map-new: %s", err.msg);
			*r |= R_REDRAW;
			return true;
		}
		m->map_id = id;
		engine_msg(p->e, "map \"%s\" created: p places someone in the cell under the cursor", name);
		*r |= engine_after_write(p->e, "new map") | R_RELAYOUT;
		return true;
	}
	case CMD_MAP_RELATIONS: {
		struct placed *pl = selected(m);
		if (!pl) {
			engine_error(p->e, "nobody in this cell");
			*r |= R_REDRAW;
			return true;
		}
		for (int i = 0; i < m->npl; i++)
			m->pl[i].highlight = false;
		if (pl->org_id) {
			/* an organisation: who holds a role there, who has ties with it */
			relationship_list_for_org(engine_db(p->e), pl->org_id, relation_cb, m, &err);
			role_list_for_org(engine_db(p->e), pl->org_id, true, holder_cb, m, &err);
		} else {
			relationship_list_for_contact(engine_db(p->e), pl->contact_id, relation_cb, m,
						      &err);
		}
		engine_msg(p->e, "highlighted: current relationships of %s", pl->name);
		*r |= R_REDRAW;
		return true;
	}
	case CMD_REL_ADD: case CMD_REL_EDIT: case CMD_ROLE_ADD: case CMD_ROLE_EDIT: {
		struct placed *pl = selected(m);
		if (!pl || !pl->contact_id) {
			engine_error(p->e, "select a person on the grid first");
			*r |= R_REDRAW | R_BELL;
			return true;
		}
		if (cmd == CMD_REL_ADD)
			forms_relationship_add(p->e, pl->contact_id, pl->name);
		else if (cmd == CMD_REL_EDIT)
			forms_relationship_edit(p->e, pl->contact_id, pl->name);
		else if (cmd == CMD_ROLE_ADD)
			forms_role_add(p->e, pl->contact_id, pl->name);
		else
			forms_role_edit(p->e, pl->contact_id, pl->name);
		*r |= R_REDRAW;
		return true;
	}
	case CMD_WARM_PATHS: {
		struct placed *pl = selected(m);
		if (!pl) {
			engine_error(p->e, "nobody in this cell: select someone to find a way to");
			*r |= R_REDRAW | R_BELL;
			return true;
		}
		*r |= warm_paths_open(p->e, pl->contact_id, pl->org_id, pl->name);
		return true;
	}
	case CMD_DETAIL_OPEN:
		if (!selected(m))
			return false;
		m->detail_open = true;
		build_detail(p);
		*r |= R_REDRAW | R_RELAYOUT;
		return true;
	case CMD_BACK:
		if (!m->detail_open)
			return false;
		m->detail_open = false;
		*r |= R_REDRAW | R_RELAYOUT;
		return true;
	case CMD_LOG: {
		struct placed *pl = selected(m);
		if (!pl || !pl->contact_id)
			return false;
		forms_log_open(p->e, pl->contact_id, pl->name);
		*r |= R_REDRAW;
		return true;
	}
	default:
		return false;
	}
}

static void
fill_view(struct pane *p, struct view *v)
{
	static const char *const cols[5] = { "Active opposition", "Passive opposition",
					     "Neutral / unknown", "Passive ally", "Active ally" };
	static const char *const rows[5] = { "Influence 5", "Influence 4", "Influence 3",
					     "Influence 2", "Influence 1" };
	struct mappane *m = priv(p);
	struct view_map *vm = &v->map;
	int band[5] = { 0 }, hi_opp = 0, hi_ally = 0, k = 0;

	memset(vm, 0, sizeof *vm);
	for (int i = 0; i < 5; i++) {
		vm->col_titles[i] = cols[i];
		vm->row_titles[i] = rows[i];
	}
	vm->name = m->name;
	vm->goal = m->goal;
	if (m->as_of[0] || m->moved_since[0]) {
		sb_reset(&m->header);
		if (m->as_of[0])
			sb_printf(&m->header, "as of %s (read-only)", m->as_of);
		if (m->moved_since[0])
			sb_printf(&m->header, "%smoved since %s: %d", m->as_of[0] ? " · " : "",
				  m->moved_since, m->nmoved);
		if (m->goal && *m->goal)
			sb_printf(&m->header, " · %s", m->goal);
		vm->goal = sb_str(&m->header);
	}
	vm->cur_row = m->row;
	vm->cur_col = m->col;
	free(m->entries);
	m->entries = xcalloc((size_t)(m->npl ? m->npl : 1), sizeof *m->entries);
	{
		struct placed *sel = selected(m);
		for (int row = 0; row < 5; row++) {
			for (int col = 0; col < 5; col++) {
				struct view_map_cell *c = &vm->cells[row][col];
				c->entries = &m->entries[k];
				for (int i = 0; i < m->npl; i++) {
					struct placed *pl = &m->pl[i];
					struct view_map_entry *en;
					if (5 - pl->influence != row || pl->alignment + 2 != col)
						continue;
					en = &m->entries[k++];
					c->nentries++;
					en->label = pl->label ? pl->label : pl->name;
					en->mark = pl->is_target ? '*' : pl->org_id ? '#' : '@';
					en->style = pl->highlight || (m->moved_since[0] && pl->moved) ?
						    VS_HIGHLIGHT : pl->is_target ? VS_TARGET :
						    pl->stale ? VS_DIM : fmt_alignment_style(pl->alignment);
					en->selected = pl == sel;
					band[col]++;
					if (pl->influence >= 4 && pl->alignment < 0)
						hi_opp++;
					if (pl->influence >= 4 && pl->alignment > 0)
						hi_ally++;
				}
			}
		}
	}
	sb_reset(&m->footer);
	if (m->name)
		sb_printf(&m->footer, "opposed %d · passive opp. %d · neutral %d · passive ally %d · "
			  "ally %d — high influence, opposed: %d; allied: %d", band[0], band[1],
			  band[2], band[3], band[4], hi_opp, hi_ally);
	vm->footer = sb_str(&m->footer);
	v->detail_open = m->detail_open;
	if (!m->name) {
		page_clear(&m->detail);
		page_title(&m->detail, "No power map yet");
		page_add(&m->detail, VS_NORMAL, 0, "A power map places people and organisations by "
			 "influence over one decision and by stance.");
		page_add(&m->detail, VS_NORMAL, 0, "Create one: type :map-new School bond 2027 and Enter.");
		page_add(&m->detail, VS_NORMAL, 0, "Then p places someone in the cell under the cursor.");
		v->detail_open = true;
	}
	page_fill_view(&m->detail, &v->detail);
	v->list.total = m->npl;
}

const struct pane_ops map_pane_ops = {
	.name = "map",
	.title = "Power map",
	.id = VP_MAP,
	.private_size = sizeof(struct mappane),
	.open = open_pane,
	.close = close_pane,
	.reload = reload,
	.command = command,
	.filter = NULL,
	.fill_view = fill_view,
};
