/*
 * map_load.c: reading a power map, and the snapshot the view copies: the
 * grid's cells and footer, and the detail card of the selected entity
 * (see map_pane.h for when each is rebuilt).
 */
#include "map_pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/powermap.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

static void
placements_clear(struct mappane *m)
{
	for (int i = 0; i < m->npl; i++) {
		free(m->pl[i].name);        /* the key lives in the same block */
		free(m->pl[i].label);
	}
	m->npl = 0;
}

void
map_free_data(struct mappane *m)
{
	placements_clear(m);
	free(m->pl);
	free(m->name);
	free(m->goal);
	free(m->find);
	free(m->entries);
	sb_free(&m->footer);
	sb_free(&m->header);
	page_free(&m->detail);
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
	pl->id = r->id;
	pl->contact_id = r->contact_id;
	pl->org_id = r->org_id;
	{       /* the name and its folded key in one block: a map is read whole on every change */
		size_t n = strlen(r->name) + 1, k = strlen(r->name_key) + 1;
		pl->name = xmalloc(n + k);
		memcpy(pl->name, r->name, n);
		pl->key = memcpy(pl->name + n, r->name_key, k);
	}
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
** Labels: under :moved the way it went first, where a narrow cell cannot
** cut it off: "→ Ana" (toward ally), "← Bo" (toward opposition), "↑", "↓"
** (influence), "+ Cy" (newly placed); otherwise none (the cell shows the name).
*/
static void
label_all(struct mappane *m)
{
	struct strbuf sb = {0};

	m->nmoved = m->moved_ally = m->moved_opp = 0;
	for (int i = 0; i < m->npl; i++) {
		struct placed *pl = &m->pl[i];
		free(pl->label);
		pl->label = NULL;
		if (!m->moved_since[0] || !pl->moved)
			continue;
		sb_reset(&sb);
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
			continue;
		}
		sb_appendc(&sb, ' ');
		m->nmoved++;
		m->moved_ally += pl->moved_infl != 99 && pl->moved_align > 0;
		m->moved_opp += pl->moved_infl != 99 && pl->moved_align < 0;
		sb_append(&sb, pl->name);
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

/* What the pane shows before there is a map. */
static void
no_map_page(struct page *pg)
{
	page_title(pg, "No power map yet");
	page_add(pg, VS_NORMAL, 0, "A power map places people and organisations by "
		 "influence over one decision and by stance.");
	page_add(pg, VS_NORMAL, 0, "Create one: type :map-new School bond 2027 and Enter.");
	page_add(pg, VS_NORMAL, 0, "Then p places someone in the cell under the cursor.");
}

int
map_load(struct pane *p, struct kith_err *err)
{
	struct mappane *m = map_priv(p);
	struct kdb *db = engine_db(p->e);
	struct kith_map km;
	long stale = engine_opt_int(p->e, "map.stale_days");

	kdate_format(kdate_add_days(kdate_today(), -(stale > 0 ? stale : 60)), m->stale_before);
	placements_clear(m);
	free(m->name);
	free(m->goal);
	m->name = m->goal = NULL;
	map_dirty(m);
	page_clear(&m->detail);
	if (m->map_id && map_get(db, m->map_id, &km, NULL) != KITH_OK)
		m->map_id = 0;
	else if (m->map_id)
		map_free(&km);
	if (!m->map_id) {
		int rc = map_list(db, first_map, &m->map_id, err);
		if (rc)
			return rc;
		if (!m->map_id) {
			no_map_page(&m->detail);
			return KITH_OK;
		}
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
	if (m->follow_cid || m->follow_oid)
		map_select_entity(m, m->follow_cid, m->follow_oid);
	m->follow_cid = m->follow_oid = 0;
	return KITH_OK;
}

/* ---- the cursor ---------------------------------------------------------------- */

int
map_cell_entry(const struct mappane *m, int row, int col, int n, int *count)
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

struct placed *
map_selected(struct mappane *m)
{
	int n, i = map_cell_entry(m, m->row, m->col, m->pick, &n);
	if (i < 0 && n > 0) {
		m->pick = 0;
		i = map_cell_entry(m, m->row, m->col, 0, NULL);
	}
	return i >= 0 ? &m->pl[i] : NULL;
}

void
map_select(struct mappane *m, int i)
{
	m->row = 5 - m->pl[i].influence;
	m->col = m->pl[i].alignment + 2;
	m->pick = 0;
	for (int k = 0; k < i; k++)
		if (m->pl[k].influence == m->pl[i].influence &&
		    m->pl[k].alignment == m->pl[i].alignment)
			m->pick++;
	map_dirty(m);
}

bool
map_select_entity(struct mappane *m, int64_t contact_id, int64_t org_id)
{
	for (int i = 0; i < m->npl; i++)
		if (m->pl[i].contact_id == contact_id && m->pl[i].org_id == org_id) {
			map_select(m, i);
			return true;
		}
	return false;
}

void
map_dirty(struct mappane *m)
{
	m->grid_dirty = m->detail_dirty = true;
}

/* ---- the snapshot ---------------------------------------------------------------- */

static void
snapshot_grid(struct mappane *m)
{
	struct placed *sel = map_selected(m);
	int band[5] = { 0 }, hi_opp = 0, hi_ally = 0, k = 0;

	free(m->entries);
	m->entries = xcalloc((size_t)(m->npl ? m->npl : 1), sizeof *m->entries);
	for (int row = 0; row < 5; row++) {
		for (int col = 0; col < 5; col++) {
			struct view_map_cell *c = &m->cells[row][col];
			c->entries = &m->entries[k];
			c->nentries = 0;
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
	sb_reset(&m->footer);
	if (m->name)
		sb_printf(&m->footer, "opposed %d · passive opp. %d · neutral %d · passive ally %d · "
			  "ally %d — high influence, opposed: %d; allied: %d", band[0], band[1],
			  band[2], band[3], band[4], hi_opp, hi_ally);
	sb_reset(&m->header);
	if (m->as_of[0])
		sb_printf(&m->header, "as of %s (read-only)", m->as_of);
	if (m->moved_since[0])
		sb_printf(&m->header, "%smoved since %s: %d", m->as_of[0] ? " · " : "",
			  m->moved_since, m->nmoved);
	if (m->header.len && m->goal && *m->goal)
		sb_printf(&m->header, " · %s", m->goal);
}

static int
move_line(void *ud, const struct placement_move_row *r)
{
	const struct card_timeline *ct = ud;
	struct page *pg = ct->pg;
	char *by = card_logged_by(ct->db, r->id);

	if (r->placed)
		page_add(pg, VS_NORMAL, 2, "%.16s  placed at %d, %s%s%s%s", r->at, r->to_influence,
			 kith_alignment_name(r->to_alignment), *r->reason ? " — " : "", r->reason, by);
	else if (r->removed)
		page_add(pg, VS_DIM, 2, "%.16s  removed%s%s%s", r->at, *r->reason ? " — " : "",
			 r->reason, by);
	else
		page_add(pg, VS_NORMAL, 2, "%.16s  %d, %s → %d, %s%s%s%s", r->at, r->from_influence,
			 kith_alignment_name(r->from_alignment), r->to_influence,
			 kith_alignment_name(r->to_alignment), *r->reason ? " — " : "", r->reason, by);
	free(by);
	return 0;
}

/* The card of the selected entity: where it stands, its card's stance if other, its history. */
static void
load_detail(struct pane *p)
{
	struct mappane *m = map_priv(p);
	struct placed *pl = map_selected(m);
	struct card_timeline ct = { &m->detail, engine_db(p->e) };
	struct kith_err err;
	char *by;
	int own;

	page_clear(&m->detail);
	if (!pl)
		return;
	page_title(&m->detail, "%s on %s", pl->name, m->name);
	by = card_logged_by(ct.db, pl->id);
	page_add(&m->detail, pl->is_target ? VS_TARGET : VS_NORMAL, 0, "influence %d · %s%s%s",
		 pl->influence, kith_alignment_name(pl->alignment),
		 pl->is_primary ? " · primary target" : pl->is_target ? " · target" : "", by);
	free(by);
	kith_err_clear(&err);
	if (pl->contact_id && placement_card_stance(ct.db, pl->contact_id, &own, &err) == KITH_OK &&
	    own != pl->alignment) {
		static const struct hint_def align = { CMD_MAP_ALIGN, "aligns the two" };
		struct strbuf how = { 0 };
		engine_hint_keys(p->e, VM_NORMAL, &align, 1, &how);
		page_add(&m->detail, VS_HIGHLIGHT, 0, "their card says %s%s%s",
			 kith_alignment_name(own), how.len ? " · " : "", sb_str(&how));
		sb_free(&how);
	}
	if (pl->stale)
		page_add(&m->detail, VS_DIM, 0, "not re-assessed for over %ld days",
			 engine_opt_int(p->e, "map.stale_days"));
	page_add(&m->detail, VS_HEADER, 0, "History");
	kith_err_clear(&err);
	if (placement_history(engine_db(p->e), m->map_id, pl->contact_id, pl->org_id, move_line,
			      &ct, &err) != KITH_OK)
		page_add(&m->detail, VS_ERROR, 2, "%s", err.msg);
}

void
map_sync(struct pane *p)
{
	struct mappane *m = map_priv(p);

	if (m->grid_dirty) {
		snapshot_grid(m);
		m->grid_dirty = false;
	}
	if (m->detail_dirty && m->detail_open && m->name) {
		load_detail(p);
		m->detail_dirty = false;
	}
}
