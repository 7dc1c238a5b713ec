/*
 * modes.c: incremental search, the ':' command line, and confirm.
 *
 * Search: every edit of the search line calls the focused pane's
 * ops->filter with the text, so the list narrows as you type. Enter
 * keeps the filter (Esc in the list clears it later); Esc clears it at
 * once. Keys bound in the "search" keymap (by default Up/Down and
 * Ctrl-N/Ctrl-P move the list) run their command instead of editing.
 *
 * Command line: a line of the config language (set, bind, color,
 * source) or a command name with an optional argument given to the pane
 * (engine_cmd_arg). Tab completes (complete.c); Up/Down walk the
 * history.
 */
#include "core.h"

#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

#define HISTORY_MAX 100

/* ---- search --------------------------------------------------------------------- */

static int
search_start(struct engine *e, const char *arg)
{
	struct pane *p = engine_pane(e);

	(void)arg;
	if (!p->opened || !p->ops->filter) {
		engine_error(e, "The %s pane has no search", p->ops->title);
		return R_BELL | R_REDRAW;
	}
	e->mode = VM_SEARCH;
	/* a filter is edited again; a find (find_done) starts afresh */
	le_set(&e->input, p->ops->find_done ? "" : e->search_text[e->cur]);
	return R_REDRAW | R_RELAYOUT;
}

static int
search_apply(struct engine *e, const char *text)
{
	struct pane *p = engine_pane(e);
	struct kith_err err;

	kith_err_clear(&err);
	if (p->ops->filter(p, text, &err) != KITH_OK) {
		engine_error(e, "search: %s", err.msg);
		return R_BELL | R_REDRAW;
	}
	free(e->search_text[e->cur]);
	e->search_text[e->cur] = str_empty(text) ? NULL : xstrdup(text);
	return R_REDRAW;
}

static int
search_end(struct engine *e, bool keep)
{
	int r = R_REDRAW | R_RELAYOUT;

	if (!keep)
		r |= search_apply(e, "");
	e->mode = engine_base_mode(e);
	return r;
}

/* Enter: keep the filter, and let the pane act on the text (find_done). */
static int
search_enter(struct engine *e)
{
	struct pane *p = engine_pane(e);
	int r = search_end(e, true);

	if (p->ops->find_done && !str_empty(e->search_text[e->cur])) {
		/* the pane keeps what it found (n, N); nothing stays to filter by */
		char *text = e->search_text[e->cur];
		e->search_text[e->cur] = NULL;
		r |= p->ops->find_done(p, text);
		free(text);
	}
	return r;
}

static int
search_key(struct engine *e, struct kkey k)
{
	int chain[3], n = engine_chain(e, VM_SEARCH, chain);
	struct keyseq s = { 1, { k } };
	enum cmd cmd, fb;
	size_t before;
	enum le_edit ed;

	if (keymap_lookup(e->km, chain, n, &s, &cmd, &fb) == KMR_CMD) {
		switch (cmd) {
		case CMD_SAVE:
			return search_enter(e);
		case CMD_BACK:
			return search_end(e, false);
		case CMD_MOVE_DOWN: case CMD_MOVE_UP: case CMD_PAGE_DOWN: case CMD_PAGE_UP:
		case CMD_HALF_PAGE_DOWN: case CMD_HALF_PAGE_UP: case CMD_MOVE_FIRST:
		case CMD_MOVE_LAST: case CMD_SCROLL_DOWN: case CMD_SCROLL_UP:
			return engine_dispatch(e, cmd, 1, NULL) | R_REDRAW;
		default:
			/* anything else ends the search, keeping the filter, and runs */
			search_end(e, true);
			return engine_dispatch(e, cmd, 1, NULL) | R_REDRAW | R_RELAYOUT;
		}
	}
	if (k.type == KK_ENTER)
		return search_enter(e);
	if (k.type == KK_ESC)
		return search_end(e, false);
	before = e->input.cursor;
	if ((ed = le_edit(&e->input, k)) == LE_NOT_EDIT)
		return R_BELL;
	if (ed == LE_CHANGED)
		return R_REDRAW | search_apply(e, sb_str(&e->input.text));
	if (before == e->input.cursor && k.type == KK_BACKSPACE && e->input.text.len == 0)
		return R_REDRAW | search_end(e, false);      /* Backspace on an empty line leaves */
	return R_REDRAW;
}

/* ---- command line ------------------------------------------------------------------ */

static int
command_start(struct engine *e, const char *arg)
{
	(void)arg;
	e->mode = VM_COMMAND;
	le_set(&e->input, "");
	e->hist_pos = e->nhist;
	free(e->hist_draft);
	e->hist_draft = NULL;
	compl_reset(e);
	return R_REDRAW | R_RELAYOUT;
}

static void
history_add(struct engine *e, const char *line)
{
	if (str_empty(line) || (e->nhist && strcmp(e->hist[e->nhist - 1], line) == 0))
		return;
	if (e->nhist == HISTORY_MAX) {
		free(e->hist[0]);
		memmove(e->hist, e->hist + 1, (size_t)(e->nhist - 1) * sizeof(*e->hist));
		e->nhist--;
	}
	e->hist = xreallocarray(e->hist, (size_t)e->nhist + 1, sizeof(*e->hist));
	e->hist[e->nhist++] = xstrdup(line);
}

static int
history_move(struct engine *e, int dir)
{
	int to = e->hist_pos + dir;

	if (to < 0 || to > e->nhist)
		return R_BELL;
	if (e->hist_pos == e->nhist)
		str_set(&e->hist_draft, sb_str(&e->input.text));
	e->hist_pos = to;
	le_set(&e->input, to == e->nhist ? e->hist_draft : e->hist[to]);
	return R_REDRAW;
}

static int
command_key(struct engine *e, struct kkey k)
{
	char *line;
	int r;

	if (k.type == KK_TAB)
		return cmdline_complete(e);
	compl_reset(e);
	switch (k.type) {
	case KK_ESC:
		e->mode = engine_base_mode(e);
		return R_REDRAW | R_RELAYOUT;
	case KK_ENTER:
		line = xstrdup(sb_str(&e->input.text));
		history_add(e, str_trim(line));
		e->mode = engine_base_mode(e);
		r = engine_command(e, line) | R_REDRAW | R_RELAYOUT;
		free(line);
		return r;
	case KK_UP:
		return history_move(e, -1);
	case KK_DOWN:
		return history_move(e, +1);
	case KK_BACKSPACE:
		if (e->input.text.len == 0) {
			e->mode = engine_base_mode(e);
			return R_REDRAW | R_RELAYOUT;
		}
		break;
	default:
		break;
	}
	if (k.type == KK_CHAR && (k.cp == 16 || k.cp == 14))    /* C-p, C-n */
		return history_move(e, k.cp == 16 ? -1 : +1);
	return le_key(&e->input, k) ? R_REDRAW : R_BELL;
}

static bool
is_config_word(const char *w)
{
	return strcmp(w, "set") == 0 || strcmp(w, "bind") == 0 || strcmp(w, "color") == 0 ||
	       strcmp(w, "source") == 0;
}

/*
** Run a command line: a config statement, or a command name and its
** argument. Errors go to the status line.
*/
int
engine_command(struct engine *e, const char *line)
{
	struct strbuf buf = { 0 }, why = { 0 };
	char *s, *word, *arg, *full;
	enum cmd cmd;
	int r = R_REDRAW;

	sb_append(&buf, line ? line : "");
	s = str_trim(buf.buf ? buf.buf : (char *)"");
	if (*s == ':')
		s = str_trim(s + 1);
	if (!*s) {
		sb_free(&buf);
		return R_NONE;
	}
	full = xstrdup(s);
	word = s;
	arg = s + strcspn(s, " \t");
	if (*arg) {
		*arg++ = '\0';
		arg = str_trim(arg);
	}
	if (is_config_word(word)) {
		int bad = e->config_bad;
		size_t errs = e->config_errors.len;
		if (!config_statement(e, full, NULL, 0, &why)) {
			engine_error(e, "%s", sb_str(&why));
			r |= R_BELL;
		} else if (e->config_bad > bad) {
			engine_error(e, "%d bad line%s: %s", e->config_bad - bad,
				     e->config_bad - bad == 1 ? "" : "s", e->config_errors.buf + errs +
				     (errs ? 1 : 0));
			r |= R_BELL;
		} else if (strcmp(word, "set") == 0) {
			char *name = arg, *end = name + strcspn(name, " \t=");
			*end = '\0';
			engine_msg(e, "%s = %s", name, options_str(e->opts, name));
		}
		r |= engine_reload_panes(e) | R_RELAYOUT;
		sb_free(&why);
		sb_free(&buf);
		free(full);
		return r;
	}
	if (strcmp(word, "q") == 0 || strcmp(word, "q!") == 0)
		word = (char *)"quit";
	cmd = cmd_lookup(word);
	if (cmd == CMD_NONE) {
		engine_error(e, "Unknown command '%s' (Tab completes, ? lists them)", word);
		sb_free(&buf);
		free(full);
		return R_BELL | R_REDRAW;
	}
	r |= engine_dispatch(e, cmd, 1, arg);
	sb_free(&buf);
	free(full);
	return r;
}

/* ---- confirm ---------------------------------------------------------------------- */

static int
confirm_key(struct engine *e, struct kkey k)
{
	struct confirm_state c = e->confirm;
	int r = R_REDRAW | R_RELAYOUT;

	if ((k.type == KK_CHAR && (k.cp == 'y' || k.cp == 'Y')) ||
	    (k.type == KK_ENTER && c.enter_yes)) {
		memset(&e->confirm, 0, sizeof(e->confirm));
		e->mode = engine_base_mode(e);
		if (c.yes)
			r |= c.yes(e, c.ctx);
		if (c.ctx_free && c.ctx)
			c.ctx_free(c.ctx);
		free(c.question);
		return r;
	}
	if (k.type == KK_ESC || (k.type == KK_CHAR && (k.cp == 'n' || k.cp == 'N'))) {
		mode_confirm_free(e);
		engine_msg(e, "Cancelled");
		return r;
	}
	return R_BELL;
}

/* ---- the tables --------------------------------------------------------------------- */

const struct mode_ops search_mode_ops = {
	.name = "SEARCH",
	.keymap = KM_SEARCH,
	.cmd = CMD_SEARCH,
	.start = search_start,
	.key = search_key,
	.prompt = "/",
	.hint_text = "Enter keep filter · Esc clear · Up/Down move",
};

const struct mode_ops command_mode_ops = {
	.name = "COMMAND",
	.keymap = KM_CURRENT_PANE,
	.generic = true,
	.cmd = CMD_COMMAND_LINE,
	.start = command_start,
	.key = command_key,
	.prompt = ":",
	.hint_text = "Tab complete · Up/Down history · Enter run · Esc cancel",
};

static void
confirm_fill_view(struct engine *e, struct view *v)
{
	if (e->mode == VM_CONFIRM)
		v->confirm = e->confirm.question;
}

static void
confirm_hint(struct engine *e, struct strbuf *hint)
{
	sb_append(hint, e->confirm.enter_yes ? "Enter or y yes · Esc or n no" : "y yes · n no");
}

const struct mode_ops confirm_mode_ops = {
	.name = "CONFIRM",
	.keymap = KM_CURRENT_PANE,
	.generic = true,
	.key = confirm_key,
	.fill_view = confirm_fill_view,
	.hint = confirm_hint,
	.free = mode_confirm_free,
};
