/*
 * draw.c: UTF-8 text into screen cells.
 *
 * Text is walked one grapheme at a time: a base character and the
 * zero-width marks after it become one cchar_t (setcchar), so "e" + U+0301
 * stays on one cell and a wide character takes two. Control characters,
 * DEL, C1 and bidi controls never reach the terminal: they are drawn as
 * their visible form from utf8_control_repr ("^[", "<U+0085>"). Widths
 * come from utf8_cp_width (our tables), and text that does not fit is cut
 * on a character boundary and ends with "…".
 */
#include "ui_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "kith/utf8.h"

#define ELLIPSIS 0x2026

/* One drawable unit: a grapheme, or the visible form of a control. */
struct unit {
	size_t bytes;           /* bytes of s it covers */
	int cols;               /* display columns */
	bool control;           /* drawn as repr */
	char repr[12];
	wchar_t wc[CCHARW_MAX + 1];
};

/* The unit at s[0..n), n > 0. */
static void
next_unit(const char *s, size_t n, struct unit *u)
{
	uint32_t cp;
	size_t k = utf8_decode(s, n, &cp);
	int nwc = 0, w;

	memset(u, 0, sizeof(*u));
	if (utf8_is_unsafe(cp) || utf8_cp_width(cp) < 0) {
		utf8_control_repr(cp, u->repr);
		u->control = true;
		u->bytes = k;
		u->cols = (int)strlen(u->repr);
		return;
	}
	w = utf8_cp_width(cp);
	if (w == 0) {
		/* a mark with no base: give it a blank to sit on */
		u->wc[nwc++] = L' ';
		w = 1;
	}
	u->wc[nwc++] = (wchar_t)cp;
	u->cols = w;
	u->bytes = k;
	/* the marks that follow stay with their base */
	while (u->bytes < n) {
		size_t k2 = utf8_decode(s + u->bytes, n - u->bytes, &cp);
		if (utf8_is_unsafe(cp) || utf8_cp_width(cp) != 0)
			break;
		if (nwc < CCHARW_MAX)
			u->wc[nwc++] = (wchar_t)cp;
		u->bytes += k2;
	}
	u->wc[nwc] = L'\0';
}

/* What a character the locale cannot encode (LANG=C) is drawn as: lines
   and dots as their ASCII look-alikes, anything else as '?' per column,
   so text never silently loses letters ("Zo?" rather than "Zo"). */
static int
ascii_fallback(wchar_t wc)
{
	switch (wc) {
	case 0x2500: case 0x2501: case 0x2550: case 0x2014: case 0x2013: return '-';
	case 0x2502: case 0x2503: case 0x2551: return '|';
	case 0x2026: case 0x00B7: case 0x2022: return '.';
	default: return wc >= 0x2500 && wc <= 0x257F ? '+' : '?';
	}
}

static void
put_wc(int y, int x, const wchar_t *wc, attr_t a)
{
	cchar_t cc;
	char mb[MB_LEN_MAX];

	if (wc[0] >= 0x80 && wctomb(mb, wc[0]) < 0) {
		int cols = utf8_cp_width((uint32_t)wc[0]);
		for (int i = 0; i < (cols > 1 ? cols : 1); i++)
			mvaddch(y, x + i, (chtype)ascii_fallback(wc[0]) | a);
		return;
	}
	if (setcchar(&cc, wc, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL) == OK)
		mvadd_wch(y, x, &cc);
}

static void
put_cp(int y, int x, uint32_t cp, attr_t a)
{
	wchar_t wc[2] = { (wchar_t)cp, L'\0' };

	put_wc(y, x, wc, a);
}

int
text_width_n(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;
	struct unit u;

	while (s && i < n && s[i]) {
		next_unit(s + i, n - i, &u);
		w += u.cols;
		i += u.bytes;
	}
	return w;
}

int
text_width(const char *s)
{
	return s ? text_width_n(s, strlen(s)) : 0;
}

size_t
text_skip_cols(const char *s, int cols)
{
	size_t n = s ? strlen(s) : 0, i = 0;
	int w = 0;
	struct unit u;

	while (i < n && w < cols) {
		next_unit(s + i, n - i, &u);
		w += u.cols;
		i += u.bytes;
	}
	return i;
}

/*
** Draw s[0..n) in at most cols columns; when it does not fit, or when
** `more` says there is text after it, end with "…".
*/
static int
draw_n(int y, int x, int cols, const char *s, size_t n, bool more, attr_t a)
{
	int limit, w = 0;
	size_t i = 0;
	struct unit u;
	bool cut;

	if (cols <= 0 || !s)
		return 0;
	cut = more || text_width_n(s, n) > cols;
	limit = cut ? cols - 1 : cols;
	while (i < n && s[i]) {
		next_unit(s + i, n - i, &u);
		if (w + u.cols > limit)
			break;
		if (u.control) {
			int j;
			for (j = 0; u.repr[j]; j++)
				put_cp(y, x + w + j, (unsigned char)u.repr[j], a);
		} else {
			put_wc(y, x + w, u.wc, a);
		}
		w += u.cols;
		i += u.bytes;
	}
	if (cut) {
		put_cp(y, x + w, ELLIPSIS, a);
		w++;
	}
	return w;
}

int
draw_text(int y, int x, int cols, const char *s, attr_t a)
{
	return s ? draw_n(y, x, cols, s, strlen(s), false, a) : 0;
}

int
draw_first_line(int y, int x, int cols, const char *s, attr_t a)
{
	const char *nl;

	if (!s)
		return 0;
	nl = strchr(s, '\n');
	if (!nl)
		return draw_text(y, x, cols, s, a);
	return draw_n(y, x, cols, s, (size_t)(nl - s), nl[1] != '\0', a);
}

int
draw_text_right(int y, int x, int cols, const char *s, attr_t a)
{
	int w = text_width(s);

	if (w >= cols)
		return draw_text(y, x, cols, s, a);
	return draw_text(y, x + cols - w, w, s, a);
}

int
draw_text_centre(int y, int x, int cols, const char *s, attr_t a)
{
	int w = text_width(s);

	if (w >= cols)
		return draw_text(y, x, cols, s, a);
	return draw_text(y, x + (cols - w) / 2, w, s, a);
}

void
draw_hline(int y, int x, int n, uint32_t cp, attr_t a)
{
	int i;

	for (i = 0; i < n; i++)
		put_cp(y, x + i, cp, a);
}

void
draw_vline(int y, int x, int n, uint32_t cp, attr_t a)
{
	int i;

	for (i = 0; i < n; i++)
		put_cp(y + i, x, cp, a);
}

void
draw_fill(struct rect r, attr_t a)
{
	int i;

	for (i = 0; i < r.h; i++)
		draw_hline(r.y + i, r.x, r.w, ' ', a);
}

void
draw_box(struct rect r, attr_t a)
{
	if (r.w < 2 || r.h < 2)
		return;
	draw_hline(r.y, r.x + 1, r.w - 2, 0x2500, a);
	draw_hline(r.y + r.h - 1, r.x + 1, r.w - 2, 0x2500, a);
	draw_vline(r.y + 1, r.x, r.h - 2, 0x2502, a);
	draw_vline(r.y + 1, r.x + r.w - 1, r.h - 2, 0x2502, a);
	put_cp(r.y, r.x, 0x250C, a);
	put_cp(r.y, r.x + r.w - 1, 0x2510, a);
	put_cp(r.y + r.h - 1, r.x, 0x2514, a);
	put_cp(r.y + r.h - 1, r.x + r.w - 1, 0x2518, a);
}

void
draw_input(const struct view_input *in, struct rect r, attr_t a, struct ui_cursor *cur)
{
	const char *text = in->text ? in->text : "";
	size_t len = strlen(text), at = in->cursor < 0 ? 0 : (size_t)in->cursor;
	int pw = 0, room, ccol, skip = 0;
	size_t from;

	if (at > len)
		at = len;
	draw_hline(r.y, r.x, r.w, ' ', a);
	if (in->prompt)
		pw = draw_text(r.y, r.x, r.w / 2, in->prompt, a);
	room = r.w - pw - 1;    /* one column for the cursor at the end */
	if (room < 1)
		return;
	ccol = text_width_n(text, at);
	/* scroll so the cursor shows, keeping a few columns of context */
	if (ccol > room)
		skip = ccol - room + (room > 8 ? room / 4 : 0);
	from = text_skip_cols(text, skip);
	skip = text_width_n(text, from);
	draw_text(r.y, r.x + pw, room + 1, text + from, a);
	if (cur) {
		cur->y = r.y;
		cur->x = r.x + pw + ccol - skip;
		if (cur->x > r.x + r.w - 1)
			cur->x = r.x + r.w - 1;
	}
}
