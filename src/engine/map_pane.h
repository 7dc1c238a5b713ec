/*
 * map_pane.h: what the files of the Power map pane share.
 *
 *   pane_map.c   the pane: its cursor, its commands, the view it fills
 *   map_load.c   reading a map, and the snapshot the view copies
 *   map_edit.c   placing, moving, removing, aligning and finding people
 *   map_cmds.c   the map's own commands (new, rename, goal, delete, targets,
 *                :asof, :moved, switching maps)
 *
 * The view is a snapshot. A command, a reload or a pick-list answer
 * changes the pane's state and marks what it changed (map_dirty); then
 * map_sync() rebuilds the grid's cells and footer and, while the detail
 * is open, loads the detail card. fill_view only copies the snapshot into
 * the view: it never queries and never changes the pane.
 *
 * A map holds hundreds of placements, not thousands: they are read once
 * when the map is opened or changed, never per key.
 */
#ifndef KITH_ENGINE_MAP_PANE_H
#define KITH_ENGINE_MAP_PANE_H

#include "panes.h"

struct placed {
	int64_t id;                 /* the placement's key (0 as of a past day): who placed it */
	int64_t contact_id, org_id;
	char *name;
	char *key;                  /* the folded name, for find (in the block of name) */
	char *label;                /* under :moved, name with the way it moved; else NULL */
	int influence, alignment;
	bool is_target, is_primary, stale, highlight;
	int moved_infl, moved_align;    /* since m->moved_since: the change, 0 if none */
	bool moved;
};

struct mappane {
	int64_t map_id;
	char *name, *goal;
	struct placed *pl;          /* in reading order: influence 5 first, then by stance */
	int npl, cap;
	int row, col;               /* cursor: row 0 = influence 5, col 0 = alignment -2 */
	int pick;                   /* index of the selected entry within the cell */
	int64_t follow_cid, follow_oid; /* after the next load, select this entity */
	char *find;                 /* the folded find text (/), NULL: none */
	bool finding;               /* typing a find: find_row... hold where it began */
	int find_row, find_col, find_pick;
	char stale_before[KDATE_STR];
	char as_of[KDATE_STR];      /* "" now; else the read-only view of that day */
	char moved_since[KDATE_STR];/* "" off; else mark moves since that day */
	int nmoved, moved_ally, moved_opp;
	/* the snapshot (map_sync) */
	bool grid_dirty, detail_dirty;
	bool detail_open;
	struct page detail;
	struct view_map_entry *entries;
	struct view_map_cell cells[5][5];
	struct strbuf footer, header;
};

static inline struct mappane *
map_priv(struct pane *p)
{
	return p->priv;
}

/* map_load.c */
/* Read the map (the first one if none is chosen), its placements and moves. */
int map_load(struct pane *p, struct kith_err *err);
void map_free_data(struct mappane *m);
/* The cursor, the selection or the data changed: rebuild at the next map_sync. */
void map_dirty(struct mappane *m);
/* Bring the snapshot up to date (the grid; the detail card if open). */
void map_sync(struct pane *p);
/* Index in m->pl of the n-th placement in cell (row, col), -1 if none. */
int map_cell_entry(const struct mappane *m, int row, int col, int n, int *count);
/* The selected placement, NULL if the cursor cell is empty. */
struct placed *map_selected(struct mappane *m);
/* Put the cursor on m->pl[i]. */
void map_select(struct mappane *m, int i);
/* Put the cursor on an entity if it is placed; false if it is not. */
bool map_select_entity(struct mappane *m, int64_t contact_id, int64_t org_id);

/* map_edit.c */
/* Placing, moving, removing, aligning, finding: true if cmd was one of them. */
bool map_edit_command(struct pane *p, enum cmd cmd, long n, int *r);
/* The find (/): jump to the first placed person matching text. */
int map_find(struct pane *p, const char *text, struct kith_err *err);
/* Enter ended the find: say what was found, or offer to place the person. */
int map_find_done(struct pane *p, const char *text);

/* map_cmds.c */
/* The map's own commands: true if cmd was one of them. */
bool map_cmds_command(struct pane *p, enum cmd cmd, int *r);
/* Writes are refused while the map shows the past (message and reactions set). */
bool map_read_only(struct pane *p, int *r);

#endif
