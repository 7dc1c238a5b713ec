/*
 * draw_list.c: a pane's list: column titles, then the rows the engine
 * holds (its visible window), the cursor row highlighted.
 *
 * Column widths: every shown column gets its min_width; columns that do
 * not fit are dropped from the right (the first always stays); the room
 * left is shared a column at a time among the columns that can grow (up
 * to max_width; max_width 0 grows without limit). Widths do not depend
 * on the rows in view, so holding `j` never makes the columns jump.
 */
#include "ui_internal.h"

#include <string.h>

#define MAX_COLS 32

struct colgeom {
	int n;                  /* columns shown */
	int x[MAX_COLS], w[MAX_COLS];
};

static int
min_of(const struct view_column *c)
{
	return c->min_width > 0 ? c->min_width : 1;
}

static void
list_geometry(const struct view_list *l, int width, struct colgeom *g)
{
	int n = l->ncols < MAX_COLS ? l->ncols : MAX_COLS;
	int i, sep, used, extra, x;
	bool grew;

	memset(g, 0, sizeof(*g));
	if (n <= 0)
		return;
	/* drop columns from the right until the minimums fit */
	for (;;) {
		for (used = 0, i = 0; i < n; i++)
			used += min_of(&l->cols[i]);
		if (used + (n - 1) <= width || n == 1)
			break;
		n--;
	}
	/* two blanks between columns when there is room to spare, else one */
	sep = width - used - 2 * (n - 1) >= 20 ? 2 : 1;
	g->n = n;
	for (i = 0; i < n; i++)
		g->w[i] = min_of(&l->cols[i]);
	extra = width - used - sep * (n - 1);
	/* share the rest a column at a time among the ones that can grow */
	do {
		grew = false;
		for (i = 0; i < n && extra > 0; i++) {
			if (l->cols[i].max_width > 0 && g->w[i] >= l->cols[i].max_width)
				continue;
			g->w[i]++;
			extra--;
			grew = true;
		}
	} while (grew && extra > 0);
	if (n == 1 && g->w[0] > width)
		g->w[0] = width;
	for (x = 0, i = 0; i < n; i++) {
		g->x[i] = x;
		x += g->w[i] + sep;
	}
}

static void
draw_cell(int y, int x, int w, const char *s, enum view_align al, attr_t a)
{
	if (al == VA_RIGHT)
		draw_text_right(y, x, w, s, a);
	else
		draw_text(y, x, w, s, a);
}

/* Multi-line text (the empty-list text), one line per row from y. */
static void
draw_lines(int y, int x, int w, int maxh, const char *s, attr_t a)
{
	char buf[512];

	while (s && *s && maxh-- > 0) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		if (n >= sizeof(buf))
			n = sizeof(buf) - 1;
		memcpy(buf, s, n);
		buf[n] = '\0';
		draw_text(y++, x, w, buf, a);
		s = nl ? nl + 1 : s + n;
	}
}

void
draw_list(const struct view_list *l, struct rect r, bool focused)
{
	struct colgeom g;
	int i, c, x0 = r.x + 1, width = r.w - 2;
	attr_t hdr = theme_attr(VS_HEADER);

	if (r.h < 1 || width < 1)
		return;
	list_geometry(l, width, &g);
	for (c = 0; c < g.n; c++)
		draw_cell(r.y, x0 + g.x[c], g.w[c], l->cols[c].title, l->cols[c].align, hdr);
	if (l->nrows == 0 || !l->rows) {
		if (l->empty_text)
			draw_lines(r.y + 2, x0 + 1, width - 1, r.h - 2, l->empty_text,
				   theme_attr(VS_DIM));
		return;
	}
	for (i = 0; i < l->nrows && i < r.h - 1; i++) {
		const struct view_row *row = &l->rows[i];
		int y = r.y + 1 + i;
		bool cursor = focused && i == l->selected;
		attr_t a = theme_attr(cursor ? VS_SELECTED : row->style);

		if (cursor)
			draw_hline(y, r.x, r.w, ' ', a);
		if (row->group) {
			draw_text(y, x0, width, row->cells ? row->cells[0] : "",
				  cursor ? a : theme_attr(VS_HEADER));
			continue;
		}
		if (row->marked)
			draw_text(y, r.x, 1, "*", cursor ? a : theme_attr(VS_MARKED));
		for (c = 0; c < g.n && row->cells; c++)
			draw_cell(y, x0 + g.x[c], g.w[c], row->cells[c], l->cols[c].align,
				  row->marked && !cursor ? theme_attr(VS_MARKED) : a);
	}
}
