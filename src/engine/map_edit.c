/*
 * map_edit.c: the people on a power map: place (p), move (H J K L),
 * remove (R), say why they moved (:why), align a placement's stance with
 * the contact's card (=), and find a placed person (/, n, N).
 *
 * Where a person goes by default is where their card puts them: their own
 * influence and stance. Only someone whose influence was never set goes to
 * the cell under the cursor (map_place_contact, also used by bulk actions).
 */
#include "map_pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/fold.h"
#include "kith/powermap.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

enum kith_status
map_place_contact(struct kdb *db, int64_t map_id, int64_t contact_id, int fallback_influence,
		  int fallback_alignment, int *influence_out, int *alignment_out,
		  struct kith_err *err)
{
	struct kith_contact c;
	int infl, align;
	enum kith_status rc;

	if ((rc = contact_get(db, contact_id, &c, err)) != KITH_OK)
		return rc;
	infl = c.influence ? c.influence : fallback_influence;
	align = c.influence ? c.alignment : fallback_alignment;
	contact_free(&c);
	if ((rc = placement_set(db, map_id, contact_id, 0, infl, align, NULL, "placed", err)))
		return rc;
	if (influence_out)
		*influence_out = infl;
	if (alignment_out)
		*alignment_out = align;
	return KITH_OK;
}

/* ---- moving ------------------------------------------------------------------ */

static int
move_selected(struct pane *p, int drow, int dcol)
{
	struct mappane *m = map_priv(p);
	struct placed *pl = map_selected(m);
	struct kith_err err;
	int infl, align;
	char who[200];

	if (!pl) {
		engine_error(p->e, "nobody in this cell to move");
		return R_BELL | R_REDRAW;
	}
	infl = pl->influence - drow;
	align = pl->alignment + dcol;
	if (infl < 1 || infl > 5 || align < -2 || align > 2)
		return R_BELL;
	snprintf(who, sizeof who, "%s", pl->name);
	if (placement_set(engine_db(p->e), m->map_id, pl->contact_id, pl->org_id, infl, align, NULL,
			  "moved on the grid", &err) != KITH_OK) {
		engine_error(p->e, "move: %s", err.msg);
		return R_REDRAW;
	}
	/* the cursor follows the moved entity */
	m->follow_cid = pl->contact_id;
	m->follow_oid = pl->org_id;
	engine_msg(p->e, "%s: influence %d, %s", who, infl, kith_alignment_name(align));
	return engine_after_write(p->e, "move on map");
}

/* ---- placing ----------------------------------------------------------------- */

struct place_ctx {
	int64_t map_id;
	int influence, alignment;   /* the cursor cell: for someone with no influence set */
	char *text;                 /* the find text the pick list starts from, or NULL */
	int64_t contact_id;         /* whom a yes places (the find's offer) */
};

static void
place_ctx_free(void *ctx)
{
	struct place_ctx *pc = ctx;
	free(pc->text);
	free(pc);
}

static void
where(const struct contact_row *r, const struct place_ctx *pc, char *out, size_t n)
{
	snprintf(out, n, "influence %d, %s%s", r->influence ? r->influence : pc->influence,
		 kith_alignment_name(r->influence ? r->alignment : pc->alignment),
		 r->influence ? "" : " (here)");
}

static int
candidate(void *ud, const struct contact_row *r)
{
	struct pick *pk = ud;
	char label[400], at[80];

	where(r, pk->ctx, at, sizeof at);
	snprintf(label, sizeof label, "%s%s%s · %s", r->name, *r->org ? " — " : "", r->org, at);
	pick_push(pk, r->id, label);
	return 0;
}

static int
contact_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	struct place_ctx *pc = pk->ctx;

	return contact_candidates(engine_db(pick_engine(pk)),
				  str_empty(filter) && pc->text ? pc->text : filter, 50, candidate, pk,
				  err);
}

static int
place_chosen(struct engine *e, int64_t contact_id, void *ctx)
{
	struct place_ctx *pc = ctx;
	struct pane *p = &e->panes[VP_MAP];
	struct mappane *m = map_priv(p);
	struct kith_err err;
	int infl, align;

	if (map_select_entity(m, contact_id, 0)) {
		struct placed *pl = map_selected(m);
		engine_msg(e, "%s is already on the map: influence %d, %s (H J K L move)", pl->name,
			   pl->influence, kith_alignment_name(pl->alignment));
		map_sync(p);
		return R_REDRAW;
	}
	if (map_place_contact(engine_db(e), pc->map_id, contact_id, pc->influence, pc->alignment,
			      &infl, &align, &err) != KITH_OK) {
		engine_error(e, "place: %s", err.msg);
		return R_REDRAW;
	}
	m->follow_cid = contact_id;
	m->follow_oid = 0;
	engine_msg(e, "placed at influence %d, %s (H J K L move)", infl, kith_alignment_name(align));
	return engine_after_write(e, "place on map");
}

static struct place_ctx *
place_ctx_new(struct mappane *m, const char *text)
{
	struct place_ctx *pc = xcalloc(1, sizeof *pc);

	pc->map_id = m->map_id;
	pc->influence = 5 - m->row;
	pc->alignment = m->col - 2;
	pc->text = text ? xstrdup(text) : NULL;
	return pc;
}

static int
place_yes(struct engine *e, void *ctx)
{
	struct place_ctx *pc = ctx;

	return place_chosen(e, pc->contact_id, ctx);
}

/* ---- finding ------------------------------------------------------------------- */

/* Does the folded name have a word starting with the folded text? */
static bool
matches(const char *key, const char *text)
{
	size_t n = strlen(text);

	for (const char *w = key; w && *w; w = strchr(w, ' '), w = w ? w + 1 : NULL)
		if (strncmp(w, text, n) == 0)
			return true;
	return false;
}

/* The next placed match after index from (dir 1) or before it (dir -1), wrapping; -1 if none. */
static int
next_match(struct mappane *m, int from, int dir)
{
	if (!m->find || !m->npl)
		return -1;
	for (int k = 1; k <= m->npl; k++) {
		int i = ((from + dir * k) % m->npl + m->npl) % m->npl;
		if (matches(m->pl[i].key, m->find))
			return i;
	}
	return -1;
}

int
map_find(struct pane *p, const char *text, struct kith_err *err)
{
	struct mappane *m = map_priv(p);
	int i;

	(void)err;
	if (!m->finding) {
		/* where the find began: the cursor goes back there while nothing matches */
		m->finding = true;
		m->find_row = m->row;
		m->find_col = m->col;
		m->find_pick = m->pick;
	}
	free(m->find);
	m->find = str_empty(text) ? NULL : fold_text(text);
	if (m->find && (i = next_match(m, -1, 1)) >= 0) {
		map_select(m, i);
	} else {
		m->row = m->find_row;
		m->col = m->find_col;
		m->pick = m->find_pick;
		map_dirty(m);
	}
	if (!m->find)
		m->finding = false;     /* an empty line or Esc: the find is over */
	map_sync(p);
	return KITH_OK;
}

static int
count_cb(void *ud, const struct contact_row *r)
{
	int64_t *found = ud;
	found[0]++;
	found[1] = r->id;
	return 0;
}

int
map_find_done(struct pane *p, const char *text)
{
	struct mappane *m = map_priv(p);
	struct placed *pl = map_selected(m);
	struct kith_err err;
	int64_t found[2] = { 0, 0 };
	int n = 0;

	m->finding = false;
	if (!m->find || !m->name)
		return R_NONE;
	for (int i = 0; i < m->npl; i++)
		n += matches(m->pl[i].key, m->find);
	if (n && pl && matches(pl->key, m->find)) {
		engine_msg(p->e, "%s: influence %d, %s%s", pl->name, pl->influence,
			   kith_alignment_name(pl->alignment),
			   n > 1 ? " · n next, N previous match" : "");
		return R_REDRAW;
	}
	if (m->as_of[0])
		return R_NONE;
	/* nobody placed: offer to place whom the text names */
	kith_err_clear(&err);
	if (contact_candidates(engine_db(p->e), text, 2, count_cb, found, &err) != KITH_OK) {
		engine_error(p->e, "find: %s", err.msg);
		return R_REDRAW;
	}
	if (found[0] == 0) {
		engine_error(p->e, "nobody called \"%s\", on the map or off it", text);
		return R_REDRAW | R_BELL;
	}
	if (found[0] == 1) {
		struct kith_contact c;
		struct strbuf q = { 0 };
		struct place_ctx *pc = place_ctx_new(m, NULL);
		if (contact_get(engine_db(p->e), found[1], &c, &err) != KITH_OK) {
			place_ctx_free(pc);
			engine_error(p->e, "find: %s", err.msg);
			return R_REDRAW;
		}
		sb_printf(&q, "%s is not on %s: place at influence %d, %s%s?", c.display_name,
			  m->name, c.influence ? c.influence : pc->influence,
			  kith_alignment_name(c.influence ? c.alignment : pc->alignment),
			  c.influence ? " (their card)" : " (the cursor's cell)");
		contact_free(&c);
		pc->contact_id = found[1];
		engine_confirm(p->e, sb_str(&q), place_yes, pc, place_ctx_free);
		p->e->confirm.enter_yes = true;
		sb_free(&q);
		return R_REDRAW;
	}
	engine_pick(p->e, "Not on the map: place whom?", contact_source, place_chosen,
		    place_ctx_new(m, text), place_ctx_free);
	return R_REDRAW;
}

/* ---- aligning the map with the card --------------------------------------------- */

struct align_ctx {
	int64_t contact_id, map_id;
	int influence, map_alignment, own_alignment;
};

static int
align_chosen(struct engine *e, int64_t which, void *ctx)
{
	struct align_ctx *ac = ctx;
	struct kith_contact c;
	struct kith_err err;
	enum kith_status rc;

	kith_err_clear(&err);
	if (which == 1) {
		rc = placement_set(engine_db(e), ac->map_id, ac->contact_id, 0, ac->influence,
				   ac->own_alignment, NULL, "aligned with the contact's card", &err);
	} else if ((rc = contact_get(engine_db(e), ac->contact_id, &c, &err)) == KITH_OK) {
		c.alignment = ac->map_alignment;
		rc = contact_update(engine_db(e), &c, &err);
		contact_free(&c);
	}
	if (rc != KITH_OK) {
		engine_error(e, "align: %s", err.msg);
		return R_REDRAW;
	}
	engine_msg(e, "the map and the card agree: %s (u undoes)",
		   kith_alignment_name(which == 1 ? ac->own_alignment : ac->map_alignment));
	return engine_after_write(e, "align a stance");
}

static int
align(struct pane *p)
{
	struct mappane *m = map_priv(p);
	struct placed *pl = map_selected(m);
	struct align_ctx *ac;
	struct kith_err err;
	char *labels[2];
	int own;

	if (!pl || !pl->contact_id) {
		engine_error(p->e, "select a person on the grid: only people have a card");
		return R_REDRAW | R_BELL;
	}
	kith_err_clear(&err);
	if (placement_card_stance(engine_db(p->e), pl->contact_id, &own, &err) != KITH_OK) {
		engine_error(p->e, "align: %s", err.msg);
		return R_REDRAW | R_BELL;
	}
	if (own == pl->alignment) {
		engine_msg(p->e, "%s: the map and the card agree (%s)", pl->name,
			   kith_alignment_name(pl->alignment));
		return R_REDRAW;
	}
	ac = xcalloc(1, sizeof *ac);
	ac->contact_id = pl->contact_id;
	ac->map_id = m->map_id;
	ac->influence = pl->influence;
	ac->map_alignment = pl->alignment;
	ac->own_alignment = own;
	labels[0] = str_fmt("the map takes the card's stance: %s",
			    kith_alignment_name(ac->own_alignment));
	labels[1] = str_fmt("the card takes the map's stance: %s",
			    kith_alignment_name(ac->map_alignment));
	engine_pick_choices(p->e, "Align the stances", 2, (const int64_t[]){ 1, 2 },
			    (const char *const *)labels, align_chosen, ac, free);
	free(labels[0]);
	free(labels[1]);
	return R_REDRAW;
}

/* ---- the commands ----------------------------------------------------------------- */

static int
remove_selected(struct pane *p)
{
	struct mappane *m = map_priv(p);
	struct placed *pl = map_selected(m);
	struct kith_err err;
	char who[200];

	if (!pl) {
		engine_error(p->e, "nobody in this cell");
		return R_REDRAW | R_BELL;
	}
	snprintf(who, sizeof who, "%s", pl->name);
	if (placement_remove(engine_db(p->e), m->map_id, pl->contact_id, pl->org_id,
			     "removed from the grid", &err) != KITH_OK) {
		engine_error(p->e, "remove: %s", err.msg);
		return R_REDRAW;
	}
	engine_msg(p->e, "%s removed from the map (u undoes)", who);
	return engine_after_write(p->e, "remove from map") | R_REDRAW;
}

static int
reason(struct pane *p)
{
	struct mappane *m = map_priv(p);
	const char *arg = engine_cmd_arg(p->e);
	struct placed *pl = map_selected(m);
	struct kith_err err;
	char who[200];

	if (!pl || str_empty(arg)) {
		engine_error(p->e, pl ? "why: give the reason, as in :why said yes at the hearing"
				      : "nobody in this cell");
		return R_REDRAW;
	}
	snprintf(who, sizeof who, "%s", pl->name);
	if (placement_move_reason(engine_db(p->e), m->map_id, pl->contact_id, pl->org_id, arg,
				  &err) != KITH_OK) {
		engine_error(p->e, "why: %s", err.msg);
		return R_REDRAW;
	}
	engine_msg(p->e, "%s: the last move is now explained", who);
	return engine_after_write(p->e, "reason for a move");
}

static int
find_step(struct pane *p, int dir)
{
	struct mappane *m = map_priv(p);
	struct placed *pl = map_selected(m);
	int i = next_match(m, pl ? (int)(pl - m->pl) : dir > 0 ? -1 : 0, dir);

	if (i < 0) {
		engine_error(p->e, m->find ? "nobody on the map matches \"%s\"" :
			     "no find yet: / finds a person on the map", m->find ? m->find : "");
		return R_REDRAW | R_BELL;
	}
	map_select(m, i);
	return R_REDRAW;
}

bool
map_edit_command(struct pane *p, enum cmd cmd, long n, int *r)
{
	struct mappane *m = map_priv(p);

	(void)n;
	switch (cmd) {
	case CMD_MAP_MOVE_UP: case CMD_MAP_MOVE_DOWN: case CMD_MAP_MOVE_LEFT:
	case CMD_MAP_MOVE_RIGHT: case CMD_ADD: case CMD_MAP_PLACE: case CMD_DELETE:
	case CMD_MAP_REMOVE: case CMD_MAP_REASON: case CMD_MAP_ALIGN:
		if (map_read_only(p, r))
			return true;
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
	case CMD_MAP_PLACE:
		if (!m->map_id) {
			engine_error(p->e, "no map yet: create one with :map-new NAME");
			*r |= R_REDRAW;
			return true;
		}
		engine_pick(p->e, "Place whom? (where their card puts them)", contact_source,
			    place_chosen, place_ctx_new(m, NULL), place_ctx_free);
		*r |= R_REDRAW;
		return true;
	case CMD_DELETE:
	case CMD_MAP_REMOVE:
		*r |= remove_selected(p);
		return true;
	case CMD_MAP_REASON:
		*r |= reason(p);
		return true;
	case CMD_MAP_ALIGN:
		*r |= align(p);
		return true;
	case CMD_MAP_FIND_NEXT:
	case CMD_MAP_FIND_PREV:
		*r |= find_step(p, cmd == CMD_MAP_FIND_NEXT ? 1 : -1);
		return true;
	default:
		return false;
	}
}
