/*
 * undo.c: the undo and redo stacks.
 *
 * Undo. The database records each outermost transaction as a struct
 * kdb_change (SQLite's session extension, db.h). After a command writes,
 * engine_after_write() takes that change and pushes it with a label; one
 * user command is one transaction is one undo step. Undo applies the
 * change inverted and moves it to the redo stack; redo applies it again.
 * If another process changed the same rows meanwhile, the data layer
 * refuses (KITH_CONFLICT) and nothing is applied: we say so and drop the
 * step rather than guess.
 */
#include "core.h"

#include <stdlib.h>
#include <string.h>

#include "kith/db.h"
#include "kith/xalloc.h"

static void
stack_push(struct undo_stack *st, struct undo_step step, long max)
{
	if (max > 0 && st->n >= max) {
		kdb_change_free(st->steps[0].change);
		free(st->steps[0].label);
		memmove(st->steps, st->steps + 1, (size_t)(st->n - 1) * sizeof(*st->steps));
		st->n--;
	}
	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 16;
		st->steps = xreallocarray(st->steps, (size_t)st->cap, sizeof(*st->steps));
	}
	st->steps[st->n++] = step;
}

void
undo_stack_clear(struct undo_stack *st)
{
	int i;

	for (i = 0; i < st->n; i++) {
		kdb_change_free(st->steps[i].change);
		free(st->steps[i].label);
	}
	st->n = 0;
}

/*
** After a successful write: take the recorded change, push it on the
** undo stack as `label`, forget the redo stack and reload the panes.
** A write that changed nothing pushes nothing.
*/
static void
take_step(struct engine *e, const char *label)
{
	struct kdb_change *ch = kdb_change_take(e->db);

	if (ch) {
		struct undo_step step = { ch, xstrdup(label ? label : "change") };
		stack_push(&e->undo, step, engine_opt_int(e, "undo.steps"));
		undo_stack_clear(&e->redo);
	}
}

int
engine_after_write(struct engine *e, const char *label)
{
	take_step(e, label);
	engine_team_mark(e);
	return engine_reload_panes(e) | R_REDRAW;
}

int
engine_after_write_shown(struct engine *e, const char *label, struct pane *shown)
{
	take_step(e, label);
	return engine_reload_panes_but(e, shown) | R_REDRAW;
}

/* Undo (redo=false) or redo the newest step. */
int
engine_undo(struct engine *e, bool redo)
{
	struct undo_stack *from = redo ? &e->redo : &e->undo;
	struct undo_stack *to = redo ? &e->undo : &e->redo;
	struct undo_step step;
	struct kith_err err;
	struct kdb_change *junk;
	enum kith_status rc;

	if (from->n == 0) {
		engine_msg(e, redo ? "Nothing to redo" : "Nothing to undo");
		return R_BELL | R_REDRAW;
	}
	step = from->steps[--from->n];
	kith_err_clear(&err);
	rc = kdb_change_apply(e->db, step.change, !redo, &err);
	/* applying is itself a transaction: do not let it become a new step */
	junk = kdb_change_take(e->db);
	kdb_change_free(junk);
	if (rc == KITH_OK) {
		engine_msg(e, "%s: %s", redo ? "Redone" : "Undone", step.label);
		stack_push(to, step, engine_opt_int(e, "undo.steps"));
		return engine_reload_panes(e) | R_REDRAW;
	}
	if (rc == KITH_CONFLICT) {
		engine_error(e, "Cannot %s \"%s\": those records were changed elsewhere since; "
			     "nothing was changed", redo ? "redo" : "undo", step.label);
		kdb_change_free(step.change);
		free(step.label);
		return engine_reload_panes(e) | R_BELL | R_REDRAW;
	}
	engine_error(e, "%s \"%s\": %s", redo ? "redo" : "undo", step.label,
		     err.msg[0] ? err.msg : kith_status_str(rc));
	from->steps[from->n++] = step;      /* keep it: the failure may pass */
	return R_BELL | R_REDRAW;
}
