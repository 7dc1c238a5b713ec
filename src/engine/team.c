/*
 * team.c: the planner's side of team mode (README "Working as a team"):
 * :sync, :conflicts (each conflict a line: the field, the old value,
 * theirs, mine and which was kept; Enter takes the other value) and the
 * title bar's mark (last sync, local changes waiting, conflicts not yet
 * looked at). A database beside no team folder (DB.team) is solo: the
 * planner reads nothing more for it.
 */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kith/db.h"
#include "kith/str.h"
#include "kith/sync.h"
#include "kith/syncdb.h"
#include "kith/xalloc.h"

bool
engine_team_probe(struct kdb *db)
{
	struct stat st;
	char *path;
	bool team;

	if (!kdb_path(db) || !strcmp(kdb_path(db), ":memory:"))
		return false;
	path = xmalloc(strlen(kdb_path(db)) + 6);
	sprintf(path, "%s.team", kdb_path(db));
	team = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	free(path);
	return team;
}

void
engine_team_mark(struct engine *e)
{
	struct kdb_sync_state s;

	sb_reset(&e->team_mark);
	if (!e->team || kdb_sync_state(e->db, &s, NULL) != KITH_OK)
		return;
	sb_printf(&e->team_mark, "synced %s", s.synced_at[0] ? s.synced_at + 11 : "never");
	if (s.synced_at[0])
		e->team_mark.len -= 3, e->team_mark.buf[e->team_mark.len] = '\0';   /* no seconds */
	if (s.waiting)
		sb_printf(&e->team_mark, ", %lld to send", s.waiting);
	if (s.unseen)
		sb_printf(&e->team_mark, ", %lld conflict%s (:conflicts)", s.unseen,
			  s.unseen == 1 ? "" : "s");
}

int
engine_sync(struct engine *e)
{
	struct sync_result r;
	struct kith_err err;
	enum kith_status rc;

	kith_err_clear(&err);
	rc = sync_run(e->db, kdb_path(e->db), &r, &err);
	e->team = e->team || rc != KITH_NOTFOUND;
	engine_team_mark(e);
	if (rc) {
		engine_error(e, "sync: %s", err.msg);
		return R_BELL | R_REDRAW;
	}
	if (r.conflicts + r.reported)
		engine_msg(e, "Synced: %lld from the team, %d conflict%s (:conflicts)",
			   (long long)r.applied, r.conflicts + r.reported,
			   r.conflicts + r.reported == 1 ? "" : "s");
	else
		engine_msg(e, "Synced: %lld from the team%s", (long long)r.applied,
			   r.pushed ? ", your changes sent" : "");
	e->data_version = kdb_data_version(e->db);
	return engine_reload_panes(e) | R_REDRAW | R_RELAYOUT;
}

static void
conflict_value(struct strbuf *sb, const char *v)
{
	sb_printf(sb, "\"%s\"", v ? v : "");
}

static int
conflict_chosen(struct engine *e, int64_t id, void *ctx)
{
	struct kith_err err;

	(void)ctx;
	kith_err_clear(&err);
	if (kdb_conflict_take(e->db, id, &err) != KITH_OK) {
		engine_error(e, "%s", err.msg);
		return R_BELL | R_REDRAW;
	}
	engine_msg(e, "The other value is back (u undoes; it is sent at the next sync)");
	return engine_after_write(e, "take the other value");
}

int
engine_conflicts(struct engine *e)
{
	struct kdb_conflict *c;
	struct kith_err err;
	size_t n;
	int64_t *ids;
	char **labels;

	kith_err_clear(&err);
	if (kdb_conflicts(e->db, 200, &c, &n, &err) != KITH_OK) {
		engine_error(e, "%s", err.msg);
		return R_BELL | R_REDRAW;
	}
	if (!n) {
		kdb_conflicts_free(c, n);
		engine_msg(e, "No conflicts");
		return R_REDRAW;
	}
	ids = xcalloc(n, sizeof *ids);
	labels = xcalloc(n, sizeof *labels);
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = { 0 };
		sb_printf(&sb, "%.16s  %s", c[i].at, c[i].what);
		if (!strcmp(c[i].kind, "field")) {
			sb_printf(&sb, ": %s was ", c[i].column);
			conflict_value(&sb, c[i].old);
			sb_append(&sb, ", theirs ");
			conflict_value(&sb, c[i].theirs);
			sb_append(&sb, ", mine ");
			conflict_value(&sb, c[i].mine);
			sb_printf(&sb, "; %s kept", c[i].winner);
		} else {
			sb_printf(&sb, ": %s", !strcmp(c[i].kind, "missing")
				  ? "another replica deleted what it needs; dropped"
				  : !strcmp(c[i].kind, "deleted") ? "deleted after their change"
				  : !strcmp(c[i].kind, "cascade")
				  ? "added by another replica to what you deleted; deleted with it"
				  : !strcmp(c[i].kind, "lost")
				  ? "another replica deleted what it belongs to; deleted with it"
				  : "refused by the schema; dropped");
		}
		ids[i] = c[i].id;
		labels[i] = sb_detach(&sb);
	}
	kdb_conflicts_free(c, n);
	kdb_conflicts_seen(e->db, NULL);
	engine_team_mark(e);
	engine_pick_choices(e, "Conflicts (Enter takes the other value; Esc closes)", (int)n,
			    ids, (const char *const *)labels, conflict_chosen, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(ids);
	return R_REDRAW;
}
