/*
 * help.c: the '?' screen, built from the live keymaps.
 *
 * Rows follow the command table (command.h) group by group: the keys
 * that reach each command in the current pane (its keymap, then
 * "generic", shadowed keys left out), or ":name" for a command with no
 * key. Then the keys of the modes: search, forms, pick lists, the ':'
 * line and line editing. '/' filters the rows; j/k and the page keys
 * scroll; Esc, q or ? close.
 */
#include "core.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

static void
add_row(struct help_state *h, const char *keys, const char *command, const char *help)
{
	h->all = xreallocarray(h->all, (size_t)h->nall + 1, sizeof(*h->all));
	h->all[h->nall].keys = keys;
	h->all[h->nall].command = command;
	h->all[h->nall].help = help;
	h->nall++;
}

/* One group of the rows of commands bound in a keymap chain (skipped if none). */
static void
add_mode_group(struct engine *e, const char *title, const int *chain, int n)
{
	struct help_state *h = &e->help;
	const struct cmd_info *t;
	int i, nt, header = -1;

	t = cmd_table(&nt);
	for (i = 0; i < nt; i++) {
		struct strbuf keys = { 0 };
		if (t[i].cmd == CMD_NONE)
			continue;
		if (keymap_keys_for(e->km, chain, n, t[i].cmd, ", ", &keys) > 0) {
			if (header < 0) {
				header = h->nall;
				add_row(h, "", title, "");
			}
			add_row(h, strv_keep(&h->owned, sb_detach(&keys)), t[i].name, t[i].help);
		}
		sb_free(&keys);
	}
}

/* The modes' own keymaps, a group each after the commands of the panes. */
static const struct {
	int km;
	const char *title;
} mode_groups[] = {
	{ KM_REVIEW, "In the daily review (r)" },
	{ KM_DUPLICATES, "In the duplicates view (:duplicates; and the generic keys)" },
	{ KM_HEALTH, "In the Health view (zh, :health; and the generic keys)" },
	{ KM_SEARCH, "Search mode" },
	{ KM_FORM, "Forms" },
	{ KM_PICK, "Pick lists (and the generic keys)" },
};

static void
help_build(struct engine *e)
{
	struct help_state *h = &e->help;
	const struct cmd_info *t;
	int chain[3], n = engine_chain(e, VM_NORMAL, chain), i, nt;
	static const char *const fixed[][3] = {
		{ "", "Command line", "" },
		{ "<Tab>", "complete", "Complete a command, option, contact or file name" },
		{ "<Up>, <Down>", "history", "Earlier and later command lines" },
		{ "<Enter>", "run", "Run the command line" },
		{ "<Esc>", "cancel", "Leave the command line" },
		{ "", "Line editing (search, ':' line, form fields)", "" },
		{ "<C-a>, <Home>", "start", "Go to the start of the line" },
		{ "<C-e>, <End>", "end", "Go to the end of the line" },
		{ "<C-b>, <Left>", "left", "One character left" },
		{ "<C-f>, <Right>", "right", "One character right" },
		{ "<Backspace>, <C-h>", "delete-back", "Delete the character before the cursor" },
		{ "<Delete>, <C-d>", "delete", "Delete the character under the cursor" },
		{ "<C-k>", "kill-end", "Delete to the end of the line" },
		{ "<C-u>", "kill-start", "Delete to the start of the line" },
		{ "<C-w>", "kill-word", "Delete the word before the cursor" },
		{ "", "Confirmations", "" },
		{ "y", "yes", "Answer yes (Enter too, for a proposal such as the next check-in)" },
		{ "n, <Esc>", "no", "Answer no" },
	};

	t = cmd_table(&nt);
	for (i = 0; i < nt; i++) {
		struct strbuf keys = { 0 };
		if (t[i].cmd == CMD_NONE) {
			if (strcmp(t[i].name, "Forms and prompts") != 0)
				add_row(h, "", t[i].name, "");
			continue;
		}
		if (t[i].cmd == CMD_NEXT_FIELD || t[i].cmd == CMD_PREV_FIELD || t[i].cmd == CMD_SAVE ||
		    (t[i].cmd >= CMD_REVIEW_LOG && t[i].cmd <= CMD_REVIEW_END) ||
		    (t[i].cmd >= CMD_DUP_MERGE && t[i].cmd <= CMD_DUP_END) ||
		    t[i].cmd == CMD_HEALTH_END)
			continue;   /* listed with the modes below */
		if (keymap_keys_for(e->km, chain, n, t[i].cmd, ", ", &keys) == 0)
			sb_printf(&keys, ":%s", t[i].name);
		add_row(h, strv_keep(&h->owned, sb_detach(&keys)), t[i].name, t[i].help);
		sb_free(&keys);
	}
	for (i = 0; i < (int)(sizeof mode_groups / sizeof mode_groups[0]); i++)
		add_mode_group(e, mode_groups[i].title, &mode_groups[i].km, 1);
	for (i = 0; i < (int)(sizeof(fixed) / sizeof(fixed[0])); i++)
		add_row(h, fixed[i][0], fixed[i][1], fixed[i][2]);
}

/* Case-insensitive ASCII substring test. */
static bool
contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;

	if (!hay)
		return false;
	for (; *hay; hay++) {
		for (i = 0; i < n; i++)
			if (tolower((unsigned char)hay[i]) != tolower((unsigned char)needle[i]))
				break;
		if (i == n)
			return true;
	}
	return n == 0;
}

static void
help_filter(struct engine *e)
{
	struct help_state *h = &e->help;
	const char *f = sb_str(&h->filter.text);
	int i, header = -1;

	free(h->shown);
	h->shown = xcalloc((size_t)h->nall + 1, sizeof(*h->shown));
	h->nshown = 0;
	for (i = 0; i < h->nall; i++) {
		const struct view_help_row *row = &h->all[i];
		if (row->keys[0] == '\0') {
			header = i;
			continue;
		}
		if (*f && !contains(row->keys, f) && !contains(row->command, f) &&
		    !contains(row->help, f))
			continue;
		if (header >= 0) {
			h->shown[h->nshown++] = h->all[header];
			header = -1;
		}
		h->shown[h->nshown++] = *row;
	}
	h->scroll = 0;
}

static void
help_free(struct engine *e)
{
	struct help_state *h = &e->help;

	strv_free(&h->owned);
	free(h->all);
	free(h->shown);
	le_free(&h->filter);
	memset(h, 0, sizeof(*h));
	if (e->mode == VM_HELP)
		e->mode = engine_base_mode(e);
}

static int
help_start(struct engine *e, const char *arg)
{
	(void)arg;
	help_free(e);
	help_build(e);
	le_set(&e->help.filter, "");
	help_filter(e);
	e->mode = VM_HELP;
	return R_REDRAW | R_RELAYOUT;
}

static int
help_scroll(struct engine *e, long n)
{
	struct help_state *h = &e->help;
	long max = h->nshown - e->list_rows;

	return cursor_move(&h->scroll, n, max < 0 ? 0 : max, true);
}

static int
help_run(struct engine *e, enum cmd cmd, long count)
{
	long page = e->list_rows > 2 ? e->list_rows - 1 : 1, rows;

	if (cmd_move_rows(cmd, count, page, page / 2, e->help.nshown, true, &rows))
		return help_scroll(e, rows);
	switch (cmd) {
	case CMD_SEARCH:
		e->help.filtering = true;
		return R_REDRAW;
	case CMD_BACK:
	case CMD_HELP:
	case CMD_QUIT:
		help_free(e);
		return R_REDRAW | R_RELAYOUT;
	default:
		return R_BELL;
	}
}

static int
help_key(struct engine *e, struct kkey k)
{
	struct help_state *h = &e->help;
	int chain[3], n = engine_chain(e, VM_HELP, chain);

	if (h->filtering) {
		enum le_edit ed;
		if (k.type == KK_ENTER) {
			h->filtering = false;
			return R_REDRAW;
		}
		if (k.type == KK_ESC) {
			h->filtering = false;
			le_set(&h->filter, "");
			help_filter(e);
			return R_REDRAW;
		}
		if ((ed = le_edit(&h->filter, k)) == LE_CHANGED)
			help_filter(e);
		return ed == LE_NOT_EDIT ? R_BELL : R_REDRAW;
	}
	if (engine_key_unbound(e, k, chain, n) && (k.type == KK_ESC || k.type == KK_ENTER))
		return help_run(e, CMD_BACK, 1);
	return engine_seq_key(e, k, chain, n, help_run);
}

static void
help_fill_view(struct engine *e, struct view *v)
{
	if (e->mode != VM_HELP)
		return;
	v->help.nrows = e->help.nshown;
	v->help.rows = e->help.shown;
	v->help.scroll = e->help.scroll;
	v->help.filter = e->help.filtering || e->help.filter.text.len ?
			 sb_str(&e->help.filter.text) : NULL;
}

static void
help_hint(struct engine *e, struct strbuf *hint)
{
	sb_append(hint, e->help.filtering ? "type to filter · Enter keep · Esc clear" :
		  "j/k scroll · / filter · Esc close");
}

const struct mode_ops help_mode_ops = {
	.name = "HELP",
	.keymap = KM_HELP,
	.generic = true,
	.cmd = CMD_HELP,
	.start = help_start,
	.key = help_key,
	.fill_view = help_fill_view,
	.hint = help_hint,
	.free = help_free,
};
