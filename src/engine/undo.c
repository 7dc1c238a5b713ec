/*
 * undo.c: the undo and redo stacks, and the external editor round trip.
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

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/db.h"
#include "kith/utf8.h"
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

static void
stack_clear(struct undo_stack *st)
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
int
engine_after_write(struct engine *e, const char *label)
{
	struct kdb_change *ch = kdb_change_take(e->db);

	if (ch) {
		struct undo_step step = { ch, xstrdup(label ? label : "change") };
		stack_push(&e->undo, step, engine_opt_int(e, "undo.steps"));
		stack_clear(&e->redo);
	}
	return engine_reload_panes(e) | R_REDRAW;
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

/* ---- external editor ----------------------------------------------------------- */

/*
** Write text to a new private temporary file and ask the screen to run the
** editor on it (R_EDITOR); done() gets the edited text in
** engine_editor_done().
*/
/*
** Where the note goes while it is edited: beside the database (its
** directory is kith's private data directory), so a note never lands in a
** shared /tmp, not even when kith is killed with the editor open. An
** in-memory database (tests) uses $TMPDIR or /tmp.
*/
static void
editor_path(struct engine *e, struct strbuf *path)
{
	const char *db = kdb_path(e->db), *slash = db ? strrchr(db, '/') : NULL;
	const char *tmp = getenv("TMPDIR");

	if (!db || !*db || db[0] == ':' || !strncmp(db, "file:", 5))
		sb_printf(path, "%s/kith-note-XXXXXX", str_empty(tmp) ? "/tmp" : tmp);
	else if (!slash)
		sb_append(path, ".kith-note-XXXXXX");
	else
		sb_printf(path, "%.*s/.kith-note-XXXXXX", (int)(slash - db), db);
}

int
engine_edit_external(struct engine *e, const char *text, editor_done_fn done, void *ctx)
{
	struct strbuf path = { 0 };
	size_t len = text ? strlen(text) : 0;
	int fd;

	if (e->editor_file) {
		engine_error(e, "an editor is already open");
		return R_BELL | R_REDRAW;
	}
	editor_path(e, &path);
	fd = mkstemp(path.buf);
	if (fd < 0) {
		engine_error(e, "%s: cannot create: %s", sb_str(&path), strerror(errno));
		sb_free(&path);
		return R_BELL | R_REDRAW;
	}
	while (len > 0) {
		ssize_t w = write(fd, text, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			engine_error(e, "%s: cannot write: %s", sb_str(&path), strerror(errno));
			close(fd);
			unlink(sb_str(&path));
			sb_free(&path);
			return R_BELL | R_REDRAW;
		}
		text += w;
		len -= (size_t)w;
	}
	close(fd);
	e->editor_file = sb_detach(&path);
	e->editor_done = done;
	e->editor_ctx = ctx;
	return R_EDITOR;
}

const char *
engine_editor_file(struct engine *e)
{
	return e->editor_file;
}

const char *
engine_editor_command(struct engine *e)
{
	return options_str(e->opts, "editor");
}

static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = { 0 };
	char buf[4096];
	size_t n;
	char *s;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_appendn(&sb, buf, n);
	if (ferror(f)) {
		fclose(f);
		sb_free(&sb);
		return NULL;
	}
	fclose(f);
	/* editors add a final newline; a note does not keep trailing blank lines */
	while (sb.len > 0 && (sb.buf[sb.len - 1] == '\n' || sb.buf[sb.len - 1] == '\r'))
		sb.buf[--sb.len] = '\0';
	s = utf8_repair(sb_str(&sb), sb.len);
	sb_free(&sb);
	return s;
}

/*
** The editor has exited (ok: with status 0). Read the file back, hand the
** text to the waiting callback, remove the file.
*/
int
engine_editor_done(struct engine *e, bool ok)
{
	editor_done_fn done = e->editor_done;
	void *ctx = e->editor_ctx;
	char *path = e->editor_file, *text = NULL;
	int r = R_REDRAW | R_RELAYOUT;

	if (!path)
		return R_NONE;
	e->editor_file = NULL;
	e->editor_done = NULL;
	e->editor_ctx = NULL;
	if (ok) {
		text = read_file(path);
		if (!text) {
			engine_error(e, "%s: cannot read back: %s", path, strerror(errno));
			ok = false;
		}
	} else {
		engine_msg(e, "Editor failed; nothing changed");
	}
	if (done)
		r |= done(e, ok, text, ctx);
	unlink(path);
	free(path);
	free(text);
	return r;
}
