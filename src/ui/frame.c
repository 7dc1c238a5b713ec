/*
 * frame.c: one whole frame: the title bar, the tab bar, the body (list,
 * detail, map or help), an overlay (form, pick list, confirmation), the
 * status bar and the message or input line; then the terminal cursor.
 * Below the smallest usable size only a centred message is drawn.
 */
#include "ui_internal.h"

#include <stdio.h>
#include <string.h>

static void
draw_tabs(const struct view *v, struct rect r)
{
	int i, x = r.x + 1;

	draw_hline(r.y, r.x, r.w, ' ', theme_attr(VS_TAB));
	for (i = 0; i < VP_TABS_ && x < r.x + r.w; i++) {
		char label[64];
		attr_t a = theme_attr(i == (int)v->pane ? VS_TAB_ACTIVE : VS_TAB);
		int w;

		snprintf(label, sizeof(label), " %d %s ", i + 1, v->pane_names[i] ? v->pane_names[i] : "");
		w = draw_text(r.y, x, r.x + r.w - x, label, a);
		x += w + 1;
	}
}

static void
draw_status(const struct view *v, const struct layout *lay, const char *note,
	    struct ui_cursor *cur)
{
	struct rect s = lay->status, m = lay->msg;
	attr_t sa = theme_attr(VS_STATUS);
	int x = s.x + 1, w, right;
	char pos[64] = "";

	draw_hline(s.y, s.x, s.w, ' ', sa);
	if (v->mode_name)
		x += draw_text(s.y, x, s.w / 3, v->mode_name, sa | A_BOLD) + 2;
	if (v->pending && *v->pending)
		x += draw_text(s.y, x, 12, v->pending, sa | A_BOLD) + 2;
	if (v->pane != VP_MAP && v->list.total > 0 && v->mode != VM_HELP && !v->review)
		snprintf(pos, sizeof(pos), "%lld/%lld", v->list.position + 1, v->list.total);
	if (*pos)
		x += draw_text(s.y, x, 24, pos, sa) + 2;
	right = s.x + s.w - 1;
	if (v->hint && right - x > 8) {
		w = text_width(v->hint);
		if (w > right - x)
			w = right - x;
		draw_text(s.y, right - w, w, v->hint, sa);
	}

	draw_hline(m.y, m.x, m.w, ' ', theme_attr(VS_NORMAL));
	if (v->mode == VM_SEARCH || v->mode == VM_COMMAND || v->mode == VM_CAPTURE) {
		draw_input(&v->input, m, theme_attr(VS_NORMAL), cur);
	} else if (v->mode == VM_HELP && v->help.filter) {
		struct view_input in = { "/", v->help.filter, (int)strlen(v->help.filter) };
		draw_input(&in, m, theme_attr(VS_NORMAL), cur);
	} else if (note) {
		draw_text(m.y, m.x, m.w, note, theme_attr(VS_ERROR));
	} else if (v->message && *v->message) {
		attr_t a = theme_attr(v->message_is_error ? VS_ERROR : VS_NORMAL);
		draw_first_line(m.y, m.x, m.w, v->message, a);
	}
}

static void
draw_too_small(const struct layout *lay)
{
	char msg[64];
	int y = lay->rows / 2;

	snprintf(msg, sizeof(msg), "terminal too small (need %d\xc3\x97%d)", UI_MIN_COLS, UI_MIN_ROWS);
	if (lay->rows > 0 && lay->cols > 0)
		draw_text_centre(y, 0, lay->cols, msg, theme_attr(VS_NORMAL));
}

void
ui_draw_view(const struct view *v, const struct view_theme_entry *theme, const struct layout *lay,
	     const char *note)
{
	struct ui_cursor cur = { -1, -1 };

	/* the theme may change with a `color` command: cheap to apply every frame */
	theme_apply(theme, v->monochrome);
	erase();
	if (lay->too_small) {
		draw_too_small(lay);
	} else {
		draw_hline(0, 0, lay->cols, ' ', theme_attr(VS_TITLE));
		draw_text(0, 1, lay->cols - 2, v->title, theme_attr(VS_TITLE));
		draw_tabs(v, lay->tabs);
		if (v->mode == VM_HELP) {
			draw_help(&v->help, lay->body);
		} else if (v->review) {
			draw_detail(&v->detail, lay->body);
		} else if (v->list_full) {
			draw_list(&v->list, lay->body, true);
		} else {
			/* the separator first: the map's grid draws its junctions on it */
			if (lay->sep_x >= 0)
				draw_vline(lay->body.y, lay->sep_x, lay->body.h, 0x2502,
					   theme_attr(VS_DIM));
			if (lay->show_list) {
				if (v->pane == VP_MAP && v->map.name)
					draw_map(&v->map, lay->list);
				else
					draw_list(&v->list, lay->list, true);
			}
			if (lay->show_detail)
				draw_detail(&v->detail, lay->detail);
		}
		if (v->mode == VM_FORM)
			draw_form(&v->form, lay, &cur);
		else if (v->mode == VM_PICK)
			draw_pick(&v->pick, lay, &cur);
		else if (v->mode == VM_CONFIRM && v->confirm)
			draw_confirm(v->confirm, lay);
		draw_status(v, lay, note, &cur);
	}
	if (cur.y >= 0) {
		curs_set(1);
		move(cur.y, cur.x);
	} else {
		curs_set(0);
		move(lay->rows > 0 ? lay->rows - 1 : 0, 0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

