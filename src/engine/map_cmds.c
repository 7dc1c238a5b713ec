/*
 * map_cmds.c: the power map's own commands: :map-new, :map-rename,
 * :map-goal, :map-delete, the targets (T, :map-primary), switching maps
 * (m), and looking back (:asof DATE, :moved 30d).
 */
#include "map_pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/powermap.h"
#include "kith/str.h"
#include "kith/xalloc.h"

bool
map_read_only(struct pane *p, int *r)
{
	struct mappane *m = map_priv(p);

	if (!m->as_of[0])
		return false;
	engine_error(p->e, "the map as of %s is read-only: :asof alone returns to now", m->as_of);
	*r |= R_REDRAW | R_BELL;
	return true;
}

/*
** A day for :asof and :moved: "30d", "2w", "3m" count back from today;
** anything else is a WHEN ("2026-02-01", "yesterday", "mon").
*/
static bool
past_day(const char *arg, char out[KDATE_STR], struct kith_err *err)
{
	char when[KDATETIME_STR], back[32];
	size_t n = strlen(arg);

	if (n > 1 && n < sizeof back - 1 && arg[0] >= '0' && arg[0] <= '9' &&
	    strchr("dwmy", arg[n - 1])) {
		snprintf(back, sizeof back, "-%s", arg);
		arg = back;
	}
	if (!fmt_parse_when(arg, when, true, err))
		return false;
	snprintf(out, KDATE_STR, "%.10s", when);
	return true;
}

static int
map_chosen(struct engine *e, int64_t id, void *ctx)
{
	struct pane *p = &e->panes[VP_MAP];
	struct mappane *m = map_priv(p);
	struct kith_err err;

	(void)ctx;
	m->map_id = id;
	m->pick = 0;
	if (map_load(p, &err) != KITH_OK)
		engine_error(e, "%s", err.msg);
	map_sync(p);
	return R_REDRAW | R_RELAYOUT;
}

static int
map_delete_yes(struct engine *e, void *ctx)
{
	struct pane *p = &e->panes[VP_MAP];
	struct mappane *m = map_priv(p);
	int64_t *id = ctx;
	struct kith_err err;

	kith_err_clear(&err);
	if (map_delete(engine_db(e), *id, &err) != KITH_OK) {
		engine_error(e, "map-delete: %s", err.msg);
		return R_REDRAW;
	}
	if (m->map_id == *id)
		m->map_id = 0;
	engine_msg(e, "map deleted (u undoes)");
	return engine_after_write(e, "delete a map") | R_RELAYOUT;
}

/* Rename, set the goal or the primary target: one map_update. */
static int
map_change(struct pane *p, enum cmd cmd, const char *arg, int64_t primary)
{
	struct mappane *m = map_priv(p);
	struct kith_map km;
	struct kith_err err;
	char *keep;
	int r;

	kith_err_clear(&err);
	if (map_get(engine_db(p->e), m->map_id, &km, &err) != KITH_OK) {
		engine_error(p->e, "%s", err.msg);
		return R_REDRAW;
	}
	keep = cmd == CMD_MAP_RENAME ? km.name : km.goal;
	if (cmd == CMD_MAP_RENAME)
		km.name = (char *)arg;
	else if (cmd == CMD_MAP_GOAL)
		km.goal = (char *)arg;
	else
		km.primary_target_id = primary;
	if (map_update(engine_db(p->e), &km, &err) != KITH_OK) {
		engine_error(p->e, "%s: %s", cmd_name(cmd), err.msg);
		r = R_REDRAW;
	} else {
		engine_msg(p->e, cmd == CMD_MAP_RENAME ? "map renamed: %s" :
			   cmd == CMD_MAP_GOAL ? "goal: %s" : "primary target: %s", arg);
		r = engine_after_write(p->e, cmd_name(cmd));
	}
	if (cmd == CMD_MAP_RENAME)
		km.name = keep;
	else if (cmd == CMD_MAP_GOAL)
		km.goal = keep;
	map_free(&km);
	return r;
}

static int
target(struct pane *p, enum cmd cmd)
{
	struct mappane *m = map_priv(p);
	struct placed *pl = map_selected(m);
	struct kith_err err;
	char who[200];

	if (!pl || !pl->contact_id) {
		engine_error(p->e, "select a person on the grid: targets are people");
		return R_REDRAW | R_BELL;
	}
	snprintf(who, sizeof who, "%s", pl->name);
	if (cmd == CMD_MAP_PRIMARY)
		return map_change(p, cmd, who, pl->contact_id);
	if (pl->is_primary) {
		engine_error(p->e, "%s is the primary target: :map-primary on someone else first", who);
		return R_REDRAW;
	}
	kith_err_clear(&err);
	if ((pl->is_target ? map_target_remove : map_target_add)(engine_db(p->e), m->map_id,
								 pl->contact_id, &err)) {
		engine_error(p->e, "map-target: %s", err.msg);
		return R_REDRAW;
	}
	engine_msg(p->e, pl->is_target ? "%s is no longer a target" : "%s is now a target", who);
	return engine_after_write(p->e, "map target");
}

static int
look_back(struct pane *p, enum cmd cmd)
{
	struct mappane *m = map_priv(p);
	const char *arg = engine_cmd_arg(p->e);
	char *day = cmd == CMD_MAP_ASOF ? m->as_of : m->moved_since;
	char was[KDATE_STR];
	struct kith_err err;

	kith_err_clear(&err);
	snprintf(was, sizeof was, "%s", day);
	if (str_empty(arg)) {
		day[0] = '\0';
	} else if (!past_day(arg, day, &err)) {
		engine_error(p->e, "%s: %s", cmd == CMD_MAP_ASOF ? "asof" : "moved", err.msg);
		return R_REDRAW;
	}
	if (map_load(p, &err) != KITH_OK) {
		engine_error(p->e, "%s", err.msg);
		snprintf(day, KDATE_STR, "%s", was);
	} else if (cmd == CMD_MAP_ASOF) {
		if (m->as_of[0])
			engine_msg(p->e, "%s as it stood on %s (read-only; :asof alone returns to now)",
				   m->name ? m->name : "the map", m->as_of);
		else
			engine_msg(p->e, "the map as it stands now");
	} else if (m->moved_since[0]) {
		engine_msg(p->e, "moved since %s: %d (%d toward ally, %d toward opposition)",
			   m->moved_since, m->nmoved, m->moved_ally, m->moved_opp);
	} else {
		engine_msg(p->e, "moves no longer marked");
	}
	return R_REDRAW | R_RELAYOUT;
}

static int
map_new(struct pane *p)
{
	struct mappane *m = map_priv(p);
	const char *name = engine_cmd_arg(p->e);
	struct kith_map km = { 0 };
	struct kith_err err;
	int64_t id;

	if (str_empty(name)) {
		engine_error(p->e, "map-new: give a name, as in :map-new School bond 2027");
		return R_REDRAW;
	}
	km.name = (char *)name;
	if (map_add(engine_db(p->e), &km, &id, &err) != KITH_OK) {
		engine_error(p->e, "map-new: %s", err.msg);
		return R_REDRAW;
	}
	m->map_id = id;
	engine_msg(p->e, "map \"%s\" created: p places someone in the cell under the cursor", name);
	return engine_after_write(p->e, "new map") | R_RELAYOUT;
}

bool
map_cmds_command(struct pane *p, enum cmd cmd, int *r)
{
	struct mappane *m = map_priv(p);

	switch (cmd) {
	case CMD_MAP_TARGET: case CMD_MAP_PRIMARY:
		if (map_read_only(p, r))
			return true;
		*r |= target(p, cmd);
		return true;
	case CMD_MAP_RENAME: case CMD_MAP_GOAL: case CMD_MAP_DELETE:
		if (!m->map_id) {
			engine_error(p->e, "no map yet: create one with :map-new NAME");
			*r |= R_REDRAW;
			return true;
		}
		break;
	case CMD_MAP_SWITCH:
		engine_pick_map(p->e, "Switch to map", map_chosen, NULL, NULL);
		*r |= R_REDRAW;
		return true;
	case CMD_MAP_ASOF:
	case CMD_MAP_MOVED:
		*r |= look_back(p, cmd);
		return true;
	case CMD_MAP_NEW:
		*r |= map_new(p);
		return true;
	default:
		return false;
	}
	if (cmd == CMD_MAP_DELETE) {
		int64_t *id = xmalloc(sizeof *id);
		struct strbuf q = { 0 };
		*id = m->map_id;
		sb_printf(&q, "Delete the map \"%s\", its placements and history? (y/n)", m->name);
		engine_confirm(p->e, sb_str(&q), map_delete_yes, id, free);
		sb_free(&q);
		*r |= R_REDRAW;
	} else {
		const char *arg = engine_cmd_arg(p->e);
		if (cmd == CMD_MAP_RENAME && str_empty(arg)) {
			engine_error(p->e, "map-rename: give the new name, as in :map-rename Bond 2028");
			*r |= R_REDRAW;
			return true;
		}
		*r |= map_change(p, cmd, arg ? arg : "", 0) | R_RELAYOUT;
	}
	return true;
}
