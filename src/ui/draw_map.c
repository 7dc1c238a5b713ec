/*
 * draw_map.c: the power map grid: five alignment columns (opposed to
 * ally, left to right) by five influence rows (5 at the top).
 *
 * The grid is sized to the room it gets: at 80x24 each cell shows two
 * entries, on a tall terminal more, and a cell wide enough holds two
 * columns of entries. A cell with more entries than room ends with "+N"
 * (N entries not shown), keeping the selected entry in view. The cursor
 * cell is shown in reverse video, its selected entry with "▸".
 */
#include "ui_internal.h"

#include <stdio.h>
#include <string.h>

#define BAR   0x2502    /* │ */
#define DASH  0x2500    /* ─ */
#define CROSS 0x253C    /* ┼ */

static enum view_style
band_style(int col)
{
	return col < 2 ? VS_OPPOSED : col > 2 ? VS_ALLY : VS_NEUTRAL;
}

static void
draw_entry(int y, int x, int w, const struct view_map_entry *en, bool cursor)
{
	attr_t a = cursor ? theme_attr(VS_SELECTED) : theme_attr(en->style);
	char mark[2] = { en->mark ? en->mark : ' ', '\0' };

	if (w < 3)
		return;
	if (cursor && en->selected)
		draw_text(y, x, 1, "\xe2\x96\xb8", a | A_BOLD);      /* ▸ */
	draw_text(y, x + 1, 1, mark, a);
	draw_text(y, x + 3, w - 3, en->label ? en->label : "", en->selected ? a | A_BOLD : a);
}

/* One cell's entries in [x, x + w) x [y, y + h). */
static void
draw_cell(const struct view_map_cell *c, int y, int x, int w, int h, bool cursor)
{
	/* a second column of entries only when one is not enough */
	int sub = w >= 34 && c->nentries > h ? 2 : 1, sw = sub == 2 ? (w - 1) / 2 : w;
	int cap = h * sub, slots, first = 0, sel = -1, i, n = c->nentries;

	if (cursor) {
		struct rect r = { y, x, h, w };
		draw_fill(r, theme_attr(VS_SELECTED));
	}
	if (n <= 0 || !c->entries || cap <= 0)
		return;
	for (i = 0; i < n; i++)
		if (c->entries[i].selected)
			sel = i;
	slots = n > cap ? cap - 1 : n;
	if (sel >= slots && slots > 0)
		first = sel - slots + 1;
	for (i = 0; i < slots; i++) {
		int yy = y + i % h, xx = x + (i / h) * (sw + 1);
		draw_entry(yy, xx, sw, &c->entries[first + i], cursor);
	}
	if (n > slots) {
		char more[16];
		int yy = y + slots % h, xx = x + (slots / h) * (sw + 1);
		snprintf(more, sizeof(more), "+%d", n - slots);
		if (slots == 0) {
			/* a one-line cell: the first entry and the count on one line */
			int mw = text_width(more) + 1;
			draw_entry(y, x, sw - mw, &c->entries[sel > 0 ? sel : 0], cursor);
			snprintf(more, sizeof(more), "+%d", n - 1);
			draw_text_right(y, x, sw, more, cursor ? theme_attr(VS_SELECTED) :
					theme_attr(VS_DIM));
		} else {
			draw_text(yy, xx + 1, sw - 1, more, cursor ? theme_attr(VS_SELECTED) :
				  theme_attr(VS_DIM));
		}
	}
}

/*
** A column title in one or two rows of w columns, centred. When it does
** not fit on one row it breaks at the last space that fits ("Active" /
** "opposition"); what still does not fit is cut with "…".
*/
static void
draw_col_title(int y, int x, int w, int nrows, const char *t, attr_t a)
{
	char first[128];
	size_t i, brk = 0;

	if (!t)
		return;
	if (nrows < 2 || text_width(t) <= w) {
		draw_text_centre(y + nrows - 1, x, w, t, a);
		return;
	}
	for (i = 0; t[i] && i < sizeof(first) - 1; i++)
		if (t[i] == ' ' && text_width_n(t, i) <= w)
			brk = i;
	if (brk == 0) {
		draw_text_centre(y + 1, x, w, t, a);
		return;
	}
	memcpy(first, t, brk);
	first[brk] = '\0';
	draw_text_centre(y, x, w, first, a);
	draw_text_centre(y + 1, x, w, t + brk + 1, a);
}

/*
** The grid's columns in w: the row titles' width *rw and each cell's *cw.
** Five cells, a bar left of each and one closing the grid on the right;
** the row titles get at least an eighth, and what the cells leave over.
*/
static void
grid_cols(const struct view_map *m, int w, int *rw_out, int *cw_out)
{
	int rw = 1, cw;

	for (int i = 0; i < 5; i++) {
		int tw = text_width(m->row_titles[i]);
		if (tw > rw)
			rw = tw;
	}
	cw = (w - (rw < w / 8 ? rw : w / 8) - 1 - 6) / 5;
	if (rw > w - 1 - 6 - 5 * cw)
		rw = w - 1 - 6 - 5 * cw;
	*rw_out = rw;
	*cw_out = cw;
}

int
map_grid_width(const struct view_map *m, int w)
{
	int rw, cw;

	grid_cols(m, w, &rw, &cw);
	return rw + 1 + 5 * (cw + 1) + 1;
}

void
draw_map(const struct view_map *m, struct rect r)
{
	int i, c, rw, cw, hb, extra, avail, x0, xr, gy, y, rh[5], top[5], trows = 1;
	attr_t line = theme_attr(VS_DIM);

	if (r.h < 8 || r.w < 20)
		return;
	/* header: the map's name and goal */
	if (m->name) {
		int w = draw_text(r.y, r.x + 1, r.w - 2, m->name, theme_attr(VS_HEADER));
		if (m->goal && *m->goal && w + 4 < r.w - 2) {
			draw_text(r.y, r.x + 1 + w, 3, " \xe2\x80\x94 ", theme_attr(VS_NORMAL));
			draw_text(r.y, r.x + 4 + w, r.w - 5 - w, m->goal, theme_attr(VS_NORMAL));
		}
	}
	grid_cols(m, r.w, &rw, &cw);
	x0 = r.x + rw + 1;
	xr = x0 + 5 * (cw + 1);
	/* titles too wide for a cell take two rows when the bands keep two each */
	for (c = 0; c < 5; c++)
		if (text_width(m->col_titles[c]) > cw && r.h - 4 - 4 - 1 >= 10)
			trows = 2;
	/* header, column titles and footer, then the 4 rules between bands */
	avail = r.h - 2 - trows - 4;
	hb = avail / 5;
	extra = avail % 5;
	if (hb < 1)
		hb = 1, extra = 0;
	gy = r.y + 1 + trows;
	for (i = 0, y = gy; i < 5; i++) {
		/* the rows left over go to the influential bands at the top */
		rh[i] = hb + (i < extra ? 1 : 0);
		top[i] = y;
		y += rh[i] + 1;
	}
	/* column titles, in their band's colour */
	for (c = 0; c < 5; c++)
		draw_col_title(r.y + 1, x0 + c * (cw + 1) + 1, cw, trows, m->col_titles[c],
			       theme_attr(band_style(c)) |
			       (c == m->cur_col ? A_BOLD | A_UNDERLINE : 0));
	for (i = 0; i < 5; i++) {
		y = top[i];
		if (i > 0) {
			draw_hline(y - 1, x0, 5 * (cw + 1), DASH, line);
			draw_hline(y - 1, x0, 1, 0x251C, line);          /* ├ */
			for (c = 1; c < 5; c++)
				draw_hline(y - 1, x0 + c * (cw + 1), 1, CROSS, line);
			draw_hline(y - 1, xr, 1, 0x2524, line);          /* ┤ */
		}
		draw_text_right(y, r.x, rw, m->row_titles[i],
				theme_attr(VS_LABEL) | (i == m->cur_row ? A_BOLD | A_UNDERLINE : 0));
		for (c = 0; c <= 5; c++)
			draw_vline(y, x0 + c * (cw + 1), rh[i], BAR, line);
		for (c = 0; c < 5; c++)
			draw_cell(&m->cells[i][c], y, x0 + c * (cw + 1) + 1, cw, rh[i],
				  i == m->cur_row && c == m->cur_col);
	}
	if (m->footer)
		draw_text(top[4] + rh[4], r.x + 1, r.w - 2, m->footer, theme_attr(VS_DIM));
}
