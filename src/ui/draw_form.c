/*
 * draw_form.c: the overlays: a form, a pick list, a confirmation, and the
 * help screen. Overlays are boxes centred over the body; the title bar and
 * the status line stay visible. A form shows one field a line: label,
 * value (the focused one scrolled so the terminal cursor shows inside it)
 * and a validation message beside the field.
 */
#include "ui_internal.h"

#include <string.h>

/* A box of w x h centred in the screen between the title and the status bar. */
static struct rect
centred_box(const struct layout *lay, int w, int h)
{
	struct rect r;
	int top = 1, bottom = lay->rows - 2;   /* rows top..bottom-1 */

	if (w > lay->cols)
		w = lay->cols;
	if (h > bottom - top)
		h = bottom - top;
	r.w = w;
	r.h = h;
	r.x = (lay->cols - w) / 2;
	r.y = top + (bottom - top - h) / 2;
	return r;
}

static void
box_with_title(struct rect r, const char *title)
{
	attr_t a = theme_attr(VS_NORMAL);
	struct rect m = r;

	/* a blank column each side, so no half-hidden text touches the frame */
	if (m.x > 0)
		m.x--, m.w++;
	if (m.x + m.w < COLS)
		m.w++;
	draw_fill(m, a);
	draw_box(r, theme_attr(VS_LABEL));
	if (title && r.w > 6) {
		int w;
		draw_text(r.y, r.x + 2, 1, " ", a);
		w = draw_text(r.y, r.x + 3, r.w - 6, title, theme_attr(VS_HEADER) & ~A_UNDERLINE);
		draw_text(r.y, r.x + 3 + w, 1, " ", a);
	}
}

void
draw_form(const struct view_form *f, const struct layout *lay, struct ui_cursor *cur)
{
	int i, lw = 0, inner, vw, first = 0, nshow, bw;
	struct rect r;
	const char *hint = NULL;

	bw = lay->cols >= 84 ? 80 : lay->cols;
	r = centred_box(lay, bw, f->nfields + 4);
	inner = r.w - 4;
	for (i = 0; i < f->nfields; i++) {
		int w = text_width(f->fields[i].label);
		if (w > lw)
			lw = w;
	}
	if (lw > inner / 3)
		lw = inner / 3;
	box_with_title(r, f->title);
	nshow = r.h - 4;
	if (nshow < 1)
		return;
	if (f->focus >= nshow)
		first = f->focus - nshow + 1;
	for (i = 0; i < nshow && first + i < f->nfields; i++) {
		const struct view_field *fd = &f->fields[first + i];
		bool focus = first + i == f->focus;
		int y = r.y + 2 + i, x = r.x + 2, ew = 0;
		attr_t in = theme_attr(VS_INPUT);

		draw_text_right(y, x, lw, fd->label, focus ? theme_attr(VS_HIGHLIGHT) :
				theme_attr(VS_LABEL));
		x += lw + 2;
		vw = inner - lw - 2;
		if (fd->error && *fd->error) {
			ew = text_width(fd->error);
			if (ew > vw / 2)
				ew = vw / 2;
			vw -= ew + 1;
			draw_text(y, x + vw + 1, ew, fd->error, theme_attr(VS_ERROR));
		}
		if (focus && !fd->multiline) {
			struct view_input vi = { NULL, fd->value ? fd->value : "", f->cursor };
			struct rect fr = { y, x, 1, vw };
			draw_input(&vi, fr, in, cur);
		} else {
			draw_hline(y, x, vw, ' ', in);
			draw_first_line(y, x, vw, fd->value ? fd->value : "", in);
			if (focus && cur) {
				cur->y = y;
				cur->x = x;
			}
		}
		if (focus)
			hint = fd->hint;
	}
	if (first > 0)
		draw_text(r.y + 1, r.x + r.w - 3, 1, "\xe2\x86\x91", theme_attr(VS_DIM));
	if (first + nshow < f->nfields)
		draw_text(r.y + r.h - 2, r.x + r.w - 3, 1, "\xe2\x86\x93", theme_attr(VS_DIM));
	if (hint && *hint)
		draw_text(r.y + r.h - 2, r.x + 2 + lw + 2, inner - lw - 3, hint, theme_attr(VS_DIM));
}

void
draw_pick(const struct view_pick *p, const struct layout *lay, struct ui_cursor *cur)
{
	int i, w = 40, first = 0, rows;
	struct rect r, fr;

	for (i = 0; i < p->nitems && i < 200; i++) {
		int iw = text_width(p->items[i]) + 6;
		if (iw > w)
			w = iw;
	}
	if (text_width(p->title) + 8 > w)
		w = text_width(p->title) + 8;
	/* 72 columns at most, or the screen's width but a margin when that is wider:
	   a long choice (a sync's conflict: old value, theirs, mine) is read whole */
	if (w > 72 && w > lay->cols - 8)
		w = lay->cols - 8 > 72 ? lay->cols - 8 : 72;
	r = centred_box(lay, w, (p->nitems > 3 ? p->nitems : 3) + 4);
	box_with_title(r, p->title);
	rows = r.h - 4;
	fr.y = r.y + 1;
	fr.x = r.x + 2;
	fr.h = 1;
	fr.w = r.w - 4;
	draw_input(&p->filter, fr, theme_attr(VS_INPUT), cur);
	draw_hline(r.y + 2, r.x + 1, r.w - 2, 0x2500, theme_attr(VS_DIM));
	draw_hline(r.y + 2, r.x, 1, 0x251C, theme_attr(VS_LABEL));              /* ├ */
	draw_hline(r.y + 2, r.x + r.w - 1, 1, 0x2524, theme_attr(VS_LABEL));    /* ┤ */
	if (rows < 1)
		return;
	if (p->selected >= rows)
		first = p->selected - rows + 1;
	for (i = 0; i < rows && first + i < p->nitems; i++) {
		int y = r.y + 3 + i;
		bool sel = first + i == p->selected;
		attr_t a = theme_attr(sel ? VS_SELECTED : VS_NORMAL);
		if (sel)
			draw_hline(y, r.x + 1, r.w - 2, ' ', a);
		draw_text(y, r.x + 2, r.w - 4, p->items[first + i], a);
	}
}

void
draw_confirm(const char *question, const struct layout *lay)
{
	int w = text_width(question) + 6;
	struct rect r;

	if (w < 30)
		w = 30;
	r = centred_box(lay, w, 5);
	box_with_title(r, NULL);
	draw_text_centre(r.y + 2, r.x + 2, r.w - 4, question, theme_attr(VS_HIGHLIGHT));
}

void
draw_help(const struct view_help *h, struct rect r)
{
	int i, kw = 4, cw = 7, y, x;

	for (i = 0; i < h->nrows; i++) {
		int w;
		if (!h->rows[i].keys || !*h->rows[i].keys)
			continue;
		if ((w = text_width(h->rows[i].keys)) > kw)
			kw = w;
		if ((w = text_width(h->rows[i].command)) > cw)
			cw = w;
	}
	if (kw > r.w / 5)
		kw = r.w / 5;
	if (cw > r.w / 5)
		cw = r.w / 5;
	x = r.x + 1;
	draw_text(r.y, x, kw, "Keys", theme_attr(VS_HEADER));
	draw_text(r.y, x + kw + 2, cw, "Command", theme_attr(VS_HEADER));
	draw_text(r.y, x + kw + cw + 4, r.w - kw - cw - 6, "What it does", theme_attr(VS_HEADER));
	for (i = h->scroll < 0 ? 0 : h->scroll, y = r.y + 1; i < h->nrows && y < r.y + r.h; i++, y++) {
		const struct view_help_row *hr = &h->rows[i];

		if (!hr->keys || !*hr->keys) {
			draw_text(y, x, r.w - 2, hr->command, theme_attr(VS_HEADER) & ~A_UNDERLINE);
			continue;
		}
		draw_text(y, x, kw, hr->keys, theme_attr(VS_HELP_KEY));
		draw_text(y, x + kw + 2, cw, hr->command, theme_attr(VS_NORMAL));
		draw_text(y, x + kw + cw + 4, r.w - kw - cw - 6, hr->help, theme_attr(VS_NORMAL));
	}
	if (h->scroll > 0)
		draw_text(r.y, r.x + r.w - 2, 1, "\xe2\x86\x91", theme_attr(VS_DIM));
	if (h->scroll + r.h - 1 < h->nrows)
		draw_text(r.y + r.h - 1, r.x + r.w - 2, 1, "\xe2\x86\x93", theme_attr(VS_DIM));
}
