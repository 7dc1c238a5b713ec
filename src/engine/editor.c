/*
 * editor.c: the external editor round trip. A pane or a form hands text
 * to engine_edit_external(); the screen runs the editor on the file and
 * calls engine_editor_done(), which gives the text back to the callback.
 */
#include "core.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/db.h"
#include "kith/utf8.h"

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
		/* say which editor, so a missing one can be fixed */
		const char *cmd = engine_editor_command(e);

		engine_error(e, "The editor \"%s\" failed or was not found; nothing changed "
			     "(set editor in kithrc, or $VISUAL)", cmd && *cmd ? cmd : "vi");
	}
	if (done)
		r |= done(e, ok, text, ctx);
	unlink(path);
	free(path);
	free(text);
	return r;
}
