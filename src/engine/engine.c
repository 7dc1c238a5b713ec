/*
 * engine.c: the engine object, the key dispatch chain and the global
 * command switch.
 *
 * Dispatch chain (see core.h): engine_key() hands the key to the active
 * mode through its table (struct mode_ops); in normal mode it gathers a
 * count and a key sequence, looks it up through the pane's keymap and
 * "generic", and calls engine_dispatch(). The focused pane's ops->command
 * gets first refusal; whatever it declines lands in engine_global() below,
 * which opens a mode through its table too. Every step returns reactions
 * (engine.h) and nothing here draws.
 *
 * This file calls no pane and no mode by name: app.c hands it their
 * tables, and the panes and modes call down into it and the services
 * (services.c, ask.c, undo.c, editor.c).
 */
#include "core.h"
#include "bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/db.h"
#include "kith/xalloc.h"

extern const char kith_builtin_config[];
extern const unsigned long kith_builtin_config_len;

/* ---- life cycle ----------------------------------------------------------- */

/*
** Create an engine on an open database with the tables of its panes and
** modes: keymaps, options and theme from the built-in configuration, undo
** recording on, the Contacts pane open. A failure to load the first pane
** is shown as a message, not returned: the user can still switch panes
** or quit.
*/
enum kith_status
engine_create(struct kdb *db, const char *label, const struct pane_ops *const *panes,
	      const struct mode_ops *const *modes, struct engine **out, struct kith_err *err)
{
	struct engine *e;
	enum kith_status rc;
	int i;

	*out = NULL;
	if (!db)
		return kith_err_set(err, KITH_INVALID, "engine: no database");
	rc = kdb_record_changes(db, true, err);
	if (rc != KITH_OK)
		return rc;
	e = xcalloc(1, sizeof(*e));
	e->db = db;
	e->modes = modes;
	e->label = xstrdup(label ? label : kdb_path(db));
	e->km = keymaps_new();
	e->opts = options_new();
	theme_default(e->theme);
	for (i = 0; i < VP_COUNT_; i++) {
		e->panes[i].ops = panes[i];
		e->panes[i].e = e;
		e->panes[i].priv = xcalloc(1, panes[i]->private_size ? panes[i]->private_size : 1);
	}
	e->list_rows = 20;
	e->detail_rows = 20;
	if (config_apply(e, kith_builtin_config, "(built-in)", 0) > 0) {
		/* a broken built-in config is a bug: refuse so tests catch it */
		kith_err_set(err, KITH_INVALID, "built-in config: %s", sb_str(&e->config_errors));
		engine_free(e);
		return KITH_INVALID;
	}
	e->cur = VP_CONTACTS;
	e->data_version = kdb_data_version(db);
	e->team = engine_team_probe(db);
	engine_team_mark(e);
	engine_show_pane(e, VP_CONTACTS);
	*out = e;
	return KITH_OK;
}

void
engine_free(struct engine *e)
{
	int i;

	if (!e)
		return;
	for (i = 0; i < VM_COUNT_; i++)     /* the base modes; engine_mode_normal the rest */
		if (e->modes[i]->is_base && e->modes[i]->free)
			e->modes[i]->free(e);
	engine_mode_normal(e);
	compl_reset(e);
	if (e->editor_file) {
		remove(e->editor_file);
		free(e->editor_file);
	}
	for (i = 0; i < VP_COUNT_; i++) {
		struct pane *p = &e->panes[i];
		if (p->opened && p->ops->close)
			p->ops->close(p);
		free(p->priv);
		free(e->search_text[i]);
	}
	undo_stack_clear(&e->undo);
	undo_stack_clear(&e->redo);
	free(e->undo.steps);
	free(e->redo.steps);
	for (i = 0; i < e->nhist; i++)
		free(e->hist[i]);
	free(e->hist);
	free(e->hist_draft);
	le_free(&e->input);
	keymaps_free(e->km);
	options_free(e->opts);
	sb_free(&e->config_errors);
	sb_free(&e->pending_text);
	sb_free(&e->title);
	sb_free(&e->hint);
	sb_free(&e->team_mark);
	sb_free(&e->team_title);
	sb_free(&e->tour_msg);
	free(e->message);
	free(e->label);
	free(e);
}

/* ---- configuration ----------------------------------------------------------- */

void
engine_layout(struct engine *e, int list_rows, int detail_rows, bool side_by_side)
{
	e->list_rows = list_rows > 0 ? list_rows : 1;
	e->detail_rows = detail_rows > 0 ? detail_rows : 1;
	e->side_by_side = side_by_side;
	/*
	** The pane on screen loads what the new geometry shows (a card beside
	** the list) when it is next shown or the view next built: the screen
	** gives the geometry within a frame, and a key that shows another pane
	** first (the bench's first frame of a pane) loads nothing for this one.
	*/
	e->layout_unsynced = true;
}

/* ---- the global command switch --------------------------------------------------- */

/* The global commands that are one call, given only the engine (each returns reactions). */
static const struct {
	enum cmd cmd;
	int (*run)(struct engine *e);
} calls[] = {
	{ CMD_MESSAGES, engine_messages }, { CMD_CONCERNS, engine_concerns },
	{ CMD_SYNC, engine_sync }, { CMD_CONFLICTS, engine_conflicts },
};

static int
engine_global(struct engine *e, enum cmd cmd, long count, const char *arg)
{
	struct pane *p = engine_pane(e);
	int r = R_NONE;

	/* the commands that open a mode, and those a mode owns */
	for (int i = 0; i < VM_COUNT_; i++) {
		const struct mode_ops *m = e->modes[i];
		if (cmd != CMD_NONE && m->cmd == cmd && (m->start || m->view))
			return engine_mode_start(e, (enum view_mode)i, arg);
		if (m->command && m->command(e, cmd, count, &r))
			return r;
	}
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
		if (calls[i].cmd == cmd)
			return calls[i].run(e);
	switch (cmd) {
	case CMD_PANE_CONTACTS:
		return engine_show_pane(e, VP_CONTACTS);
	case CMD_PANE_EVENTS:
		return engine_show_pane(e, VP_EVENTS);
	case CMD_PANE_MAP:
		return engine_show_pane(e, VP_MAP);
	case CMD_PANE_FOLLOWUPS:
		return engine_show_pane(e, VP_FOLLOWUPS);
	case CMD_GOALS:
		return engine_show_pane(e, VP_GOALS);
	case CMD_PANE_NEXT:     /* the tabs; from the Goals view, the first (the last) */
		return engine_show_pane(e, (enum view_pane)(((e->cur < VP_TABS_ ? e->cur : VP_TABS_ - 1) +
							     count % VP_TABS_) % VP_TABS_));
	case CMD_PANE_PREV:
		return engine_show_pane(e, (enum view_pane)(((e->cur < VP_TABS_ ? e->cur : 0) +
							     VP_TABS_ - count % VP_TABS_) % VP_TABS_));
	case CMD_REFRESH:
		e->data_version = kdb_data_version(e->db);
		return engine_reload_panes(e) | R_RELAYOUT;
	case CMD_UNDO:
	case CMD_REDO:
		while (count-- > 0) {
			r |= engine_undo(e, cmd == CMD_REDO);
			if (r & R_BELL)
				break;
		}
		return r | R_REDRAW;
	case CMD_QUIT:
		return R_QUIT;
	case CMD_IMPORT:
		return engine_import(e, arg);
	case CMD_BACK:
		/* Esc in a list with a filter: clear the filter */
		if (!str_empty(e->search_text[e->cur]) && p->ops->filter) {
			struct kith_err err;
			kith_err_clear(&err);
			free(e->search_text[e->cur]);
			e->search_text[e->cur] = NULL;
			if (p->ops->filter(p, "", &err) != KITH_OK)
				engine_error(e, "search: %s", err.msg);
			return R_REDRAW;
		}
		return R_NONE;
	case CMD_CONTACT_ADD:
	case CMD_EVENT_ADD:
	case CMD_MAP_NEW: {
		/* creating things of another pane: go there and ask it */
		enum view_pane to = cmd == CMD_CONTACT_ADD ? VP_CONTACTS :
				    cmd == CMD_EVENT_ADD ? VP_EVENTS : VP_MAP;
		struct pane *tp = &e->panes[to];
		if (e->cur != to) {
			r = engine_show_pane(e, to);
			if (tp->opened && tp->ops->command && tp->ops->command(tp, cmd, count, &r))
				return r | R_REDRAW | R_RELAYOUT;
		}
		break;
	}
	default:
		break;
	}
	engine_msg(e, "%s: not available in the %s pane", cmd_name(cmd), p->ops->title);
	return r | R_BELL | R_REDRAW;
}

/*
** Run a command: the focused pane first, then the global switch. arg is
** the ':' line argument (NULL from a key); count is at least 1.
*/
int
engine_dispatch(struct engine *e, enum cmd cmd, long count, const char *arg)
{
	struct pane *p = engine_pane(e);
	int r = R_NONE;
	bool handled = false;

	if (count < 1)
		count = 1;
	e->cmd_arg = str_empty(arg) ? NULL : arg;
	handled = bulk_command(e, cmd, count, arg, &r);
	if (!handled && p->opened && p->ops->command)
		handled = p->ops->command(p, cmd, count, &r);
	if (!handled)
		r = engine_global(e, cmd, count, arg);
	e->cmd_arg = NULL;
	return r;
}

/* ---- keys ------------------------------------------------------------------------ */

static void
pending_clear(struct engine *e)
{
	e->pending.n = 0;
	e->count = 0;
	e->pending_fallback = CMD_NONE;
	sb_reset(&e->pending_text);
}

static void
pending_show(struct engine *e)
{
	sb_reset(&e->pending_text);
	if (e->count > 0)
		sb_printf(&e->pending_text, "%ld", e->count);
	keyseq_name(&e->pending, &e->pending_text);
}

static bool
key_bound(struct engine *e, struct kkey k, const int *chain, int n)
{
	struct keyseq s = { 1, { k } };
	enum cmd c, fb;
	enum km_result res = keymap_lookup(e->km, chain, n, &s, &c, &fb);

	return res == KMR_CMD || res == KMR_PENDING;
}

/* True if a lone key k reaches nothing through chain (for built-in Enter/Esc). */
bool
engine_key_unbound(struct engine *e, struct kkey k, const int *chain, int n)
{
	struct keyseq s = { 1, { k } };
	enum cmd c, fb;

	return e->pending.n == 0 && e->count == 0 &&
	       keymap_lookup(e->km, chain, n, &s, &c, &fb) == KMR_NONE;
}

static int
dispatch_normal(struct engine *e, enum cmd cmd, long count)
{
	return engine_dispatch(e, cmd, count, NULL);
}

/*
** Read one key of a count and key sequence through a keymap chain and
** call run() when a command is complete. Used by normal mode, pick lists
** and help.
*/
int
engine_seq_key(struct engine *e, struct kkey k, const int *chain, int n, cmd_run_fn run)
{
	struct keyseq seq;
	enum cmd cmd, fb;
	long count;
	int r;

	/* A count: digits before a sequence. A digit bound to a command
	 * (1-4 switch panes) runs it unless a count is already started;
	 * "0" alone is never a count. */
	if (e->pending.n == 0 && k.type == KK_CHAR && k.cp >= '0' && k.cp <= '9') {
		if (e->count > 0) {
			if (e->count < 100000000L)
				e->count = e->count * 10 + (long)(k.cp - '0');
			pending_show(e);
			return R_REDRAW;
		}
		if (k.cp != '0' && !key_bound(e, k, chain, n)) {
			e->count = (long)(k.cp - '0');
			pending_show(e);
			return R_REDRAW;
		}
	}
	if (k.type == KK_ESC && (e->pending.n > 0 || e->count > 0)) {
		pending_clear(e);
		return R_REDRAW;
	}
	seq = e->pending;
	if (seq.n == KEYSEQ_MAX) {
		pending_clear(e);
		return R_BELL | R_REDRAW;
	}
	seq.k[seq.n++] = k;
	switch (keymap_lookup(e->km, chain, n, &seq, &cmd, &fb)) {
	case KMR_PENDING:
		e->pending = seq;
		e->pending_fallback = fb;
		pending_show(e);
		return R_REDRAW;
	case KMR_CMD:
		count = e->count ? e->count : 1;
		pending_clear(e);
		r = run(e, cmd, count) | R_REDRAW;
		tour_note(e, cmd);
		return r;
	case KMR_UNBOUND:
	case KMR_NONE:
		break;
	}
	if (e->pending.n > 0) {
		/* the sequence went nowhere: run its shorter binding, then read k afresh */
		enum cmd f = e->pending_fallback;
		count = e->count ? e->count : 1;
		pending_clear(e);
		r = R_REDRAW;
		if (f != CMD_NONE)
			r |= run(e, f, count);
		if (r & R_QUIT)
			return r;
		return r | engine_key(e, k);
	}
	pending_clear(e);
	return R_BELL | R_REDRAW;
}

static int
normal_key(struct engine *e, struct kkey k)
{
	int chain[3], n = engine_chain(e, VM_NORMAL, chain);
	int r = engine_seq_key(e, k, chain, n, dispatch_normal);

	if (e->bulk_next && (r & R_BELL)) {     /* `;` then a key bound to nothing */
		e->bulk_next = false;
		engine_error(e, "bulk action cancelled: that key is no command here");
	}
	return r;
}

/* Normal mode: the panes (their fill_view is the view's base, not the mode's). */
const struct mode_ops normal_mode_ops = {
	.name = "NORMAL",
	.keymap = KM_CURRENT_PANE,
	.generic = true,
	.key = normal_key,
	.hint_keys = { { CMD_HELP, "help" }, { CMD_SEARCH, "search" }, { CMD_ADD, "add" },
		       { CMD_COMMAND_LINE, "command" }, { CMD_QUIT, "quit" } },
};

int
engine_key(struct engine *e, struct kkey k)
{
	switch (k.type) {
	case KK_NONE:
		return R_NONE;
	case KK_RESIZE:
		return R_RELAYOUT | R_REDRAW;
	case KK_TICK:
		/* idle a while: fold the write-ahead log back into the database so
		   it cannot grow for as long as the planner stays open */
		if (++e->idle_ticks == ENGINE_IDLE_CHECKPOINT)
			kdb_checkpoint(e->db, NULL);
		return engine_poll(e);
	default:
		break;
	}
	e->idle_ticks = 0;
	if (e->editor_file)
		return R_NONE;  /* the screen must call engine_editor_done first */
	if (e->pending.n == 0 && e->count == 0) {
		free(e->message);
		e->message = NULL;
		e->message_is_error = false;
	}
	if (!e->modes[e->mode]->key) {
		int chain[3], n = engine_chain(e, e->mode, chain);
		return engine_seq_key(e, k, chain, n, e->modes[e->mode]->run);
	}
	return e->modes[e->mode]->key(e, k);
}

int
engine_keys(struct engine *e, const char *keys)
{
	struct keyseq seq;
	const char *why;
	int i, r = R_NONE;

	/* parse in chunks: key_parse limits one sequence to KEYSEQ_MAX keys */
	while (keys && *keys) {
		char chunk[64];
		size_t n = 0;
		int nkeys = 0;
		while (keys[n] && nkeys < KEYSEQ_MAX && n < sizeof(chunk) - 1) {
			size_t step = 1;
			if (keys[n] == '<') {
				const char *end = strchr(keys + n, '>');
				if (end && (size_t)(end - keys) - n < 16)
					step = (size_t)(end - keys) - n + 1;
			} else {
				while (((unsigned char)keys[n + step] & 0xc0) == 0x80)
					step++;
			}
			if (n + step >= sizeof(chunk))
				break;
			n += step;
			nkeys++;
		}
		memcpy(chunk, keys, n);
		chunk[n] = '\0';
		keys += n;
		if (!key_parse(chunk, &seq, &why)) {
			engine_error(e, "keys '%s': %s", chunk, why);
			return r | R_BELL | R_REDRAW;
		}
		for (i = 0; i < seq.n; i++) {
			r |= engine_key(e, seq.k[i]);
			if (r & R_QUIT)
				return r;
		}
	}
	return r;
}

/* ---- the view --------------------------------------------------------------------- */

const struct view *
engine_view(struct engine *e)
{
	struct view *v = &e->v;
	struct pane *p = engine_pane(e);
	const char *nc = getenv("NO_COLOR");
	int i;

	/* a geometry given since the last key (engine_layout): the pane loads for it */
	if (e->layout_unsynced) {
		e->layout_unsynced = false;
		if (p->opened && p->ops->sync)
			p->ops->sync(p);
	}
	memset(v, 0, sizeof(*v));
	v->pane = e->cur;
	v->mode = e->mode;
	for (i = 0; i < VP_COUNT_; i++)
		v->pane_names[i] = e->panes[i].ops->title;
	v->list.selected = -1;
	if (p->opened && p->ops->fill_view)
		p->ops->fill_view(p, v);
	if (!v->title) {
		sb_reset(&e->title);
		sb_printf(&e->title, "kith — %s — %s", p->ops->title, e->label);
		if (p->opened && p->ops->noun)
			sb_printf(&e->title, " — %lld %s", v->list.total,
				  v->list.total == 1 ? p->ops->noun : p->ops->nouns);
		else if (p->opened && v->map.name)
			sb_printf(&e->title, " — %s", v->map.name);
		v->title = sb_str(&e->title);
	}
	/* the base modes first: a passing mode shows over them */
	for (int pass = 0; pass < 2; pass++) {
		for (i = 0; i < VM_COUNT_; i++) {
			const struct mode_ops *m = e->modes[i];
			if (m->fill_view && (m->is_base != NULL) == (pass == 0))
				m->fill_view(e, v);
		}
	}
	if (e->team_mark.len && v->title) {
		sb_reset(&e->team_title);
		sb_printf(&e->team_title, "%s — %s", v->title, sb_str(&e->team_mark));
		v->title = sb_str(&e->team_title);
	}
	v->mode_name = e->modes[e->mode]->name;
	v->pending = e->pending_text.len ? sb_str(&e->pending_text) : NULL;
	v->message = e->message;
	v->message_is_error = e->message_is_error;
	if (e->mode == engine_base_mode(e) && !e->message_is_error)
		v->message = v->message ? tour_with_message(e, v->message) : tour_text_now(e);
	if (e->modes[e->mode]->prompt) {
		v->input.prompt = e->modes[e->mode]->prompt;
		v->input.text = sb_str(&e->input.text);
		v->input.cursor = (int)e->input.cursor;
	}
	sb_reset(&e->hint);
	if (e->modes[e->mode]->hint)
		e->modes[e->mode]->hint(e, &e->hint);
	else if (e->modes[e->mode]->hint_keys[0].what)
		engine_hint_keys(e, e->mode, e->modes[e->mode]->hint_keys, MODE_HINT_KEYS, &e->hint);
	else if (e->modes[e->mode]->hint_text)
		sb_append(&e->hint, e->modes[e->mode]->hint_text);
	v->hint = sb_str(&e->hint);
	v->monochrome = !options_int(e->opts, "color") || (nc && *nc);
	return v;
}

const struct view_theme_entry *
engine_theme(struct engine *e)
{
	return e->theme;
}

/*
** Reload when another process committed to the database since we last
** looked (PRAGMA data_version does not move for our own writes).
*/
int
engine_poll(struct engine *e)
{
	long long dv = kdb_data_version(e->db);

	if (dv == e->data_version)
		return R_NONE;
	e->data_version = dv;
	engine_team_mark(e);    /* a kith sync from a shell */
	return engine_reload_panes(e);
}
