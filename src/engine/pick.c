/*
 * pick.c: pick lists ("Which Dana?", "Add attendee").
 *
 * A pane opens one with engine_pick(): the source callback fills the
 * items for the current filter text (it should push a bounded number,
 * best first), and chosen() gets the id picked with Enter. j/k and the
 * arrows move (the "pick" keymap, then "generic"), '/' types a filter,
 * Esc cancels. While typing a filter, Enter chooses at once and Esc
 * clears the filter.
 */
#include "core.h"

static int
pick_choose(struct engine *e)
{
	struct pick *pk = e->pick;
	pick_chosen_fn chosen = pk->chosen;
	void *ctx = pk->ctx;
	void (*ctx_free)(void *) = pk->ctx_free;
	int64_t id;
	int r = R_REDRAW | R_RELAYOUT;

	if (pk->n == 0)
		return R_BELL;
	id = pk->ids[pk->sel];
	pk->ctx = NULL;             /* chosen() owns the moment; free ctx after */
	mode_pick_free(e);
	if (chosen)
		r |= chosen(e, id, ctx);
	if (ctx_free && ctx)
		ctx_free(ctx);
	return r;
}

static int
pick_move(struct pick *pk, long n)
{
	return cursor_move(&pk->sel, n, (long)pk->n - 1, true);
}

static int
pick_run(struct engine *e, enum cmd cmd, long count)
{
	struct pick *pk = e->pick;
	long page = e->list_rows > 2 ? e->list_rows - 1 : 1, rows;

	if (cmd_move_rows(cmd, count, page, page / 2, pk->n, false, &rows))
		return pick_move(pk, rows);
	switch (cmd) {
	case CMD_SEARCH:
		pk->filtering = true;
		return R_REDRAW;
	case CMD_SAVE:
	case CMD_DETAIL_OPEN:
		return pick_choose(e);
	case CMD_BACK:
	case CMD_QUIT: {
		const char *why = pk->cancelled ? pk->cancelled : "Cancelled";
		mode_pick_free(e);
		engine_msg(e, "%s", why);
		return R_REDRAW | R_RELAYOUT;
	}
	default:
		return R_BELL;
	}
}

static int
pick_key(struct engine *e, struct kkey k)
{
	struct pick *pk = e->pick;
	int chain[3], n = engine_chain(e, VM_PICK, chain);

	if (!pk) {
		e->mode = engine_base_mode(e);
		return R_REDRAW;
	}
	if (pk->filtering) {
		size_t len = pk->filter.text.len;
		enum le_edit ed;
		switch (k.type) {
		case KK_ENTER:
			return pick_choose(e);
		case KK_ESC:
			if (pk->typing)
				return pick_run(e, CMD_BACK, 1);
			pk->filtering = false;
			le_set(&pk->filter, "");
			return pick_refresh(pk);
		case KK_DOWN:
			return pick_move(pk, 1);
		case KK_UP:
			return pick_move(pk, -1);
		case KK_PGDN:
			return pick_run(e, CMD_PAGE_DOWN, 1);
		case KK_PGUP:
			return pick_run(e, CMD_PAGE_UP, 1);
		default:
			break;
		}
		if (k.type == KK_BACKSPACE && len == 0 && !pk->typing) {
			pk->filtering = false;
			return R_REDRAW;
		}
		if ((ed = le_edit(&pk->filter, k)) == LE_NOT_EDIT)
			return R_BELL;
		return ed == LE_CHANGED ? pick_refresh(pk) : R_REDRAW;
	}
	if (engine_key_unbound(e, k, chain, n)) {
		if (k.type == KK_ENTER)
			return pick_choose(e);
		if (k.type == KK_ESC)
			return pick_run(e, CMD_BACK, 1);
	}
	return engine_seq_key(e, k, chain, n, pick_run);
}

static void
pick_fill_view(struct engine *e, struct view *v)
{
	struct pick *pk = e->pick;

	if (!pk || e->mode != VM_PICK)
		return;
	v->pick.title = pk->title;
	v->pick.filter.prompt = "/";
	v->pick.filter.text = sb_str(&pk->filter.text);
	v->pick.filter.cursor = (int)pk->filter.cursor;
	v->pick.nitems = pk->n;
	v->pick.items = (const char *const *)pk->labels.v;
	v->pick.selected = pk->n ? pk->sel : -1;
}

static void
pick_hint(struct engine *e, struct strbuf *hint)
{
	sb_append(hint, e->pick && e->pick->typing ?
		  "type to filter · ↑/↓ move · Enter choose · Esc cancel" :
		  e->pick && e->pick->filtering ?
		  "type to filter · Enter choose · Esc clear filter" :
		  "j/k move · / filter · Enter choose · Esc cancel");
}

const struct mode_ops pick_mode_ops = {
	.name = "PICK",
	.keymap = KM_PICK,
	.generic = true,
	.key = pick_key,
	.fill_view = pick_fill_view,
	.hint = pick_hint,
	.free = mode_pick_free,
};
