/*
 * import_cmd.c: `:import FILE` in the planner: the same import as `kith
 * import` (one transaction, merging duplicates), reported on the status
 * line with its progress while it runs, and undone with one `u`. The
 * first import into a network without "me" asks, once, which one is you.
 */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/db.h"
#include "kith/io.h"
#include "kith/str.h"
#include "kith/xalloc.h"

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

/* ---- which one is you? ------------------------------------------------------------- */

static int
me_candidate(void *ud, const struct contact_row *r)
{
	struct pick *pk = ud;
	struct strbuf label = { 0 };

	sb_append(&label, r->name);
	if (*r->org)
		sb_printf(&label, " — %s%s%s", r->role, *r->role ? ", " : "", r->org);
	pick_push(pk, r->id, sb_str(&label));
	sb_free(&label);
	return 0;
}

static int
me_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	return contact_candidates(engine_db(pick_engine(pk)), filter ? filter : "", 50,
				  me_candidate, pk, err);
}

static int
me_chosen(struct engine *e, int64_t id, void *ctx)
{
	struct kith_contact c = { 0 };
	struct kith_err err;

	(void)ctx;
	kith_err_clear(&err);
	if (kdb_set_me(e->db, id, &err) != KITH_OK || contact_get(e->db, id, &c, &err) != KITH_OK) {
		engine_error(e, "%s", err.msg);
		return R_BELL | R_REDRAW;
	}
	engine_msg(e, "%s is you: warm paths start here (zm or kith me changes it)",
		   c.display_name);
	contact_free(&c);
	return engine_after_write(e, "set who is me") | R_REDRAW;
}

/*
** After an import that added people to a network without "me": ask once
** which one is the user (search as you type; Esc dismisses). Asked is
** remembered in the database, not as an undo step: it is no data of yours.
*/
static int
ask_who_is_me(struct engine *e, const struct io_import_stats *st)
{
	struct kith_err err;

	if (st->added == 0 || kdb_me_asked(e->db))
		return 0;
	kith_err_clear(&err);
	if (kdb_set_me_asked(e->db, &err) != KITH_OK)
		return 0;
	kdb_change_free(kdb_change_take(e->db));
	engine_pick(e, "Which one is you? Warm paths start from you (type to find, Esc: no one)",
		    me_source, me_chosen, NULL, NULL);
	if (e->pick) {
		e->pick->filtering = e->pick->typing = true;
		e->pick->cancelled = "Not asking again: zm on your own card makes it you";
	}
	return R_REDRAW | R_RELAYOUT;
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
	{
		int r = engine_after_write(e, "import") | R_REDRAW | R_RELAYOUT;
		return r | ask_who_is_me(e, &st);
	}
}
