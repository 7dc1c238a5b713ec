/*
 * import_cmd.c: `:import FILE` in the planner: the same import as `kith
 * import` (one transaction, merging duplicates), reported on the status
 * line with its progress while it runs, and undone with one `u`.
 */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/io.h"
#include "kith/str.h"

void
engine_set_progress(struct engine *e, engine_progress_fn fn, void *ud)
{
	e->progress = fn;
	e->progress_ud = ud;
}

struct imp_ui {
	struct engine *e;
	const char *name;
	int last_pct;
	long skipped;
	char first_skip[200];
};

static void
progress(void *ud, size_t done, size_t total)
{
	struct imp_ui *u = ud;
	char text[300];
	int pct = total ? (int)(done * 100 / total) : 100;

	if (!u->e->progress || pct == u->last_pct)
		return;
	u->last_pct = pct;
	snprintf(text, sizeof text, "importing %.200s %3d%%", u->name, pct);
	u->e->progress(u->e->progress_ud, text);
}

static void
report(void *ud, const char *line)
{
	struct imp_ui *u = ud;
	size_t n = strlen(u->name);

	/* skipped records are "FILE:LINE: ..."; merges and possible duplicates,
	   named by the contact, are counted in the summary */
	if (strncmp(line, u->name, n) || line[n] != ':')
		return;
	if (u->skipped++ == 0)
		snprintf(u->first_skip, sizeof u->first_skip, "%s", line);
}

int
engine_import(struct engine *e, const char *arg)
{
	struct io_import_opts o = { .format = -1, .report = report, .progress = progress };
	struct io_import_stats st;
	struct imp_ui u = { e, NULL, -1, 0, "" };
	struct kith_err err;
	char summary[400], *path;
	const char *home = getenv("HOME");
	enum kith_status rc;

	/* as `kith import`: a malformed record stops it, unless --skip-invalid */
	if (arg && !strncmp(arg, "--skip-invalid", 14) && (!arg[14] || arg[14] == ' ')) {
		o.skip_invalid = true;
		for (arg += 14; *arg == ' '; arg++)
			;
	}
	if (str_empty(arg)) {
		engine_error(e, "import: which file? (:import [--skip-invalid] FILE)");
		return R_REDRAW | R_BELL;
	}
	{
		/* ~/ as a shell would */
		struct strbuf sb = { 0 };
		if (arg[0] == '~' && arg[1] == '/' && home) {
			sb_append(&sb, home);
			sb_append(&sb, arg + 1);
		} else {
			sb_append(&sb, arg);
		}
		path = sb_detach(&sb);
	}
	u.name = path;
	o.name = path;
	o.ud = &u;
	kith_err_clear(&err);
	rc = io_import_file(e->db, path, &o, &st, &err);
	if (rc != KITH_OK) {
		engine_error(e, "import: %s%s", err.msg,
			     rc == KITH_INVALID ? " (nothing imported)" : "");
		free(path);
		return R_REDRAW | R_BELL;
	}
	io_import_summary(&st, false, summary, sizeof summary);
	if (st.errors || st.skipped)
		engine_msg(e, "%s: %s; first skipped: %s", path, summary, u.first_skip);
	else
		engine_msg(e, "%s: %s (u undoes)", path, summary);
	free(path);
	return engine_after_write(e, "import") | R_REDRAW | R_RELAYOUT;
}
