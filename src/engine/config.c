/*
 * config.c: the planner's side of the configuration language. Reading
 * words, `set` and `source` is kithrc.c's (src/parse, below the database);
 * here `bind` goes into the engine's keymaps and `color` into its theme,
 * and the errors of every reading join the engine's list.
 */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/health.h"
#include "kith/io.h"
#include "kith/kithrc.h"
#include "kith/review.h"

/* Statements read with e NULL are only checked (kith today). */
static bool
stmt_bind(struct engine *e, char *const *w, int n, struct strbuf *why)
{
	struct keyseq seq;
	const char *kwhy;
	enum cmd cmd = CMD_NONE;
	int map;

	if (n != 4) {
		sb_append(why, "usage: bind KEYMAP KEYS COMMAND");
		return false;
	}
	map = keymap_by_name(w[1]);
	if (map < 0) {
		sb_printf(why, "unknown keymap '%s' (generic, contacts, events, map, followups, "
			  "search, form, pick, help)", w[1]);
		return false;
	}
	if (!key_parse(w[2], &seq, &kwhy)) {
		sb_printf(why, "'%s': %s", w[2], kwhy);
		return false;
	}
	if (strcmp(w[3], "none") != 0) {
		cmd = cmd_lookup(w[3]);
		if (cmd == CMD_NONE) {
			sb_printf(why, "unknown command '%s'", w[3]);
			return false;
		}
	}
	if (e)
		keymap_bind(e->km, map, &seq, cmd);
	return true;
}

static bool
stmt_color(struct engine *e, char *const *w, int n, struct strbuf *why)
{
	struct view_theme_entry t;
	int style;

	if (n < 4) {
		sb_append(why, "usage: color ELEMENT FG BG [ATTR...]");
		return false;
	}
	style = theme_style_by_name(w[1]);
	if (style < 0) {
		sb_printf(why, "unknown element '%s'", w[1]);
		return false;
	}
	if (!theme_color_parse(w[2], &t.fg)) {
		sb_printf(why, "unknown colour '%s'", w[2]);
		return false;
	}
	if (!theme_color_parse(w[3], &t.bg)) {
		sb_printf(why, "unknown colour '%s'", w[3]);
		return false;
	}
	t.attrs = 0;
	for (int i = 4; i < n; i++) {
		int a = theme_attr_parse(w[i]);
		if (a < 0) {
			sb_printf(why, "unknown attribute '%s' (bold, underline, reverse, dim, "
				  "italic, normal)", w[i]);
			return false;
		}
		t.attrs |= a;
	}
	if (e)
		e->theme[style] = t;
	return true;
}

/* The hook for bind and color lines: applied to the engine ctx, or only checked if it is NULL. */
bool
engine_config_check(void *ctx, char *const *w, int n, struct strbuf *why)
{
	if (strcmp(w[0], "bind") == 0)
		return stmt_bind(ctx, w, n, why);
	return stmt_color(ctx, w, n, why);
}

static void
rc_begin(struct engine *e, struct kithrc *rc)
{
	kithrc_init(rc, e->opts, engine_config_check, e);
}

/* The reading's errors join the engine's list; returns its bad lines. */
static int
rc_end(struct engine *e, struct kithrc *rc)
{
	int bad = rc->bad;

	if (rc->errors.len) {
		if (e->config_errors.len)
			sb_appendc(&e->config_errors, '\n');
		sb_append(&e->config_errors, sb_str(&rc->errors));
	}
	e->config_bad += bad;
	kithrc_done(rc);
	return bad;
}

bool
config_statement(struct engine *e, const char *line, const char *from, int depth,
		 struct strbuf *why)
{
	struct kithrc rc;
	bool ok;

	rc_begin(e, &rc);
	ok = kithrc_statement(&rc, line, from, depth, why);
	rc_end(e, &rc);
	return ok;
}

int
config_apply(struct engine *e, const char *text, const char *path, int depth)
{
	struct kithrc rc;

	rc_begin(e, &rc);
	kithrc_apply(&rc, text, path, depth);
	return rc_end(e, &rc);
}

int
config_file(struct engine *e, const char *path, int depth, struct strbuf *why)
{
	struct kithrc rc;
	int bad;

	rc_begin(e, &rc);
	bad = kithrc_file(&rc, path, depth, why);
	rc_end(e, &rc);
	return bad;
}

int
engine_config_text(struct engine *e, const char *text, const char *path)
{
	int bad = config_apply(e, text ? text : "", path ? path : "(config)", 0);
	engine_reload_panes(e);
	return bad;
}

int
engine_config_file(struct engine *e, const char *path)
{
	struct kithrc rc;
	int bad;

	rc_begin(e, &rc);
	bad = kithrc_user_file(&rc, path);
	rc_end(e, &rc);
	engine_reload_panes(e);
	return bad;
}

const char *
engine_config_errors(struct engine *e)
{
	return sb_str(&e->config_errors);
}

static const char *const tier_options[4] = { "tier.A.cadence", "tier.B.cadence",
					     "tier.C.cadence", "tier.D.cadence" };

void
options_health_params(const struct options *o, struct health_params *p)
{
	health_params_default(p);
	p->days = (int)options_int(o, "health.days");
	p->warn_percent = (int)options_int(o, "health.warn_percent");
	for (int i = 0; i < 4; i++)
		p->cadence[i] = (int)options_int(o, tier_options[i]);
}

void
engine_health_params(struct engine *e, struct health_params *p)
{
	options_health_params(e->opts, p);
}

void
options_review_params(const struct options *o, struct review_params *p)
{
	char name[64];

	review_params_default(p);
	for (int t = 0; t < RT_COUNT_; t++) {
		snprintf(name, sizeof name, "review.weight.%s", review_term_name(t));
		p->weight[t] = (int)options_int(o, name);
	}
	p->overdue_day = (int)options_int(o, "review.weight.overdue_day");
	for (int i = 0; i < 4; i++)
		p->cadence[i] = (int)options_int(o, tier_options[i]);
	p->event_days = (int)options_int(o, "review.event_days");
	p->birthday_days = (int)options_int(o, "review.birthday_days");
	p->limit = (int)options_int(o, "review.cap");
	p->rest_days = (int)options_int(o, "review.rest_days");
	p->recur = io_recur_expand_tz;
}
