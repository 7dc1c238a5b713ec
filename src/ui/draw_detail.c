/*
 * draw_detail.c: the selected item's detail: a title row, then the styled
 * lines from the engine's scroll position, each cut to the width. Arrows
 * at the right of the title row say there is more above or below.
 */
#include "ui_internal.h"

void
draw_detail(const struct view_detail *d, struct rect r)
{
	int i, y, avail = r.h - 1, more_below;

	if (r.h < 1 || r.w < 2)
		return;
	if (d->title)
		draw_text(r.y, r.x, r.w - 2, d->title, theme_attr(VS_HEADER));
	for (i = d->scroll < 0 ? 0 : d->scroll, y = r.y + 1; i < d->nlines && y < r.y + r.h;
	     i++, y++) {
		const struct view_line *ln = &d->lines[i];
		int ind = ln->indent > 0 ? ln->indent : 0;

		if (ind > r.w / 2)
			ind = r.w / 2;
		draw_text(y, r.x + ind, r.w - 1 - ind, ln->text ? ln->text : "", theme_attr(ln->style));
	}
	more_below = d->nlines - (d->scroll + avail);
	if (d->scroll > 0)
		draw_text(r.y, r.x + r.w - 1, 1, "\xe2\x86\x91", theme_attr(VS_DIM));   /* ↑ */
	if (more_below > 0)
		draw_text(r.y + r.h - 1, r.x + r.w - 1, 1, "\xe2\x86\x93", theme_attr(VS_DIM)); /* ↓ */
}
