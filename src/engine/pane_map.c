/*
 * pane_map.c: the Power map pane: the grid of five alignment bands by five
 * influence rows for the current map, with a cell cursor; H/J/K/L move
 * the selected placement one cell (saved at once, in the map's history,
 * undoable), p places a contact, R removes, m switches map, i highlights
 * the selected person's relationships, Enter shows its card and history,
 * / finds a person (n, N: the next and previous match).
 *
 * Every entry point ends with map_sync(): the snapshot the view copies is
 * rebuilt there, never in fill_view (map_pane.h).
 */
#include "map_pane.h"

#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/org.h"

static int
open_pane(struct pane *p, struct kith_err *err)
{
	struct mappane *m = map_priv(p);
	int rc;

	m->row = 2;
	m->col = 2;
	rc = map_load(p, err);
	map_sync(p);
	return rc;
}

static int
reload(struct pane *p, struct kith_err *err)
{
	struct mappane *m = map_priv(p);
	struct placed *pl = map_selected(m);
	int rc;

	/* keep the selected entity selected, wherever it went (an undo, a move) */
	if (pl && !m->follow_cid && !m->follow_oid) {
		m->follow_cid = pl->contact_id;
		m->follow_oid = pl->org_id;
	}
	rc = map_load(p, err);
	map_sync(p);
	return rc;
}

static void
close_pane(struct pane *p)
{
	map_free_data(map_priv(p));
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
highlight_relations(struct pane *p)
{
	struct mappane *m = map_priv(p);
	struct placed *pl = map_selected(m);
	struct kith_err err;

	if (!pl) {
		engine_error(p->e, "nobody in this cell");
		return R_REDRAW;
	}
	for (int i = 0; i < m->npl; i++)
		m->pl[i].highlight = false;
	kith_err_clear(&err);
	if (pl->org_id) {
		/* an organisation: who holds a role there, who has ties with it */
		relationship_list_for_org(engine_db(p->e), pl->org_id, relation_cb, m, &err);
		role_list_for_org(engine_db(p->e), pl->org_id, true, holder_cb, m, &err);
	} else {
		relationship_list_for_contact(engine_db(p->e), pl->contact_id, relation_cb, m, &err);
	}
	m->grid_dirty = true;
	engine_msg(p->e, "highlighted: current relationships of %s", pl->name);
	return R_REDRAW;
}

/* The commands on the selected person that other panes have too (person.c). */
static bool
map_person_command(struct pane *p, enum cmd cmd, int *r)
{
	struct placed *pl = map_selected(map_priv(p));
	const char *none = NULL;

	if (cmd == CMD_REL_ADD || cmd == CMD_REL_EDIT || cmd == CMD_ROLE_ADD ||
	    cmd == CMD_ROLE_EDIT) {
		if (!pl || !pl->contact_id)
			none = "select a person on the grid first";
	} else if (cmd == CMD_WARM_PATHS && !pl) {
		none = "nobody in this cell: select someone to find a way to";
	} else if (cmd == CMD_MAP_RELATIONS) {
		*r |= highlight_relations(p);
		return true;
	}
	if (none) {
		engine_error(p->e, "%s", none);
		*r |= R_REDRAW | R_BELL;
		return true;
	}
	return pl && person_command(p->e, cmd, pl->contact_id, pl->org_id, pl->name, r);
}

/* h j k l g G, Space, Enter and Esc: the cursor and the detail. */
static bool
cursor_command(struct pane *p, enum cmd cmd, long n, int *r)
{
	struct mappane *m = map_priv(p);
	int row = m->row, col = m->col, cnt;

	switch (cmd) {
	case CMD_MOVE_LEFT: case CMD_MOVE_RIGHT: case CMD_MOVE_UP: case CMD_MOVE_DOWN:
	case CMD_MOVE_FIRST: case CMD_MOVE_LAST:
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
		map_dirty(m);
		return true;
	case CMD_MAP_CYCLE:
		map_cell_entry(m, m->row, m->col, 0, &cnt);
		m->pick = cnt ? (m->pick + 1) % cnt : 0;
		map_dirty(m);
		*r |= R_REDRAW;
		return true;
	case CMD_DETAIL_OPEN:
		if (!map_selected(m))
			return false;
		m->detail_open = true;
		m->detail_dirty = true;
		*r |= R_REDRAW | R_RELAYOUT;
		return true;
	case CMD_BACK:
		if (m->detail_open) {
			m->detail_open = false;
			*r |= R_REDRAW | R_RELAYOUT;
			return true;
		}
		if (!m->find)
			return false;
		/* Esc forgets the find: n logs again */
		free(m->find);
		m->find = NULL;
		engine_msg(p->e, "find cleared");
		*r |= R_REDRAW;
		return true;
	default:
		return false;
	}
}

static bool
command(struct pane *p, enum cmd cmd, long n, int *r)
{
	struct mappane *m = map_priv(p);
	bool done;

	/* n with no find logs, as it does everywhere */
	if (cmd == CMD_MAP_FIND_NEXT && !m->find)
		cmd = CMD_LOG;
	done = cursor_command(p, cmd, n, r) || map_edit_command(p, cmd, n, r) ||
	       map_cmds_command(p, cmd, r) || map_person_command(p, cmd, r);
	map_sync(p);
	return done;
}

static int
find(struct pane *p, const char *text, struct kith_err *err)
{
	return map_find(p, text, err);
}

static int
find_done(struct pane *p, const char *text)
{
	int r = map_find_done(p, text);
	map_sync(p);
	return r;
}

static void
fill_view(struct pane *p, struct view *v)
{
	static const char *const cols[5] = { "Active opposition", "Passive opposition",
					     "Neutral / unknown", "Passive ally", "Active ally" };
	static const char *const rows[5] = { "Influence 5", "Influence 4", "Influence 3",
					     "Influence 2", "Influence 1" };
	struct mappane *m = map_priv(p);
	struct view_map *vm = &v->map;

	memset(vm, 0, sizeof *vm);
	for (int i = 0; i < 5; i++) {
		vm->col_titles[i] = cols[i];
		vm->row_titles[i] = rows[i];
	}
	vm->name = m->name;
	vm->goal = m->header.len ? sb_str(&m->header) : m->goal;
	vm->cur_row = m->row;
	vm->cur_col = m->col;
	memcpy(vm->cells, m->cells, sizeof vm->cells);
	vm->footer = sb_str(&m->footer);
	v->detail_open = m->detail_open || !m->name;
	if (v->detail_open)
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
	.filter = find,
	.find_done = find_done,
	.fill_view = fill_view,
};
