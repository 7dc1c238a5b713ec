/*
 * theme.c: the engine's theme table (engine_theme) as curses attributes.
 *
 * Each view style gets colour pair style + 1. Colours the terminal does
 * not have fall back to their basic eight; a monochrome screen (NO_COLOR,
 * `set color off`, or a terminal without colours) uses the attributes
 * alone, and a style that relied on a background colour (the title bar,
 * errors) is shown in reverse video so it still stands out.
 */
#include "ui_internal.h"

static attr_t style_attr[VS_COUNT_];

static attr_t
attrs_of(int bits)
{
	attr_t a = A_NORMAL;

	if (bits & VA_BOLD)
		a |= A_BOLD;
	if (bits & VA_UNDERLINE)
		a |= A_UNDERLINE;
	if (bits & VA_REVERSE)
		a |= A_REVERSE;
	if (bits & VA_DIM)
		a |= A_DIM;
#ifdef A_ITALIC
	if (bits & VA_ITALIC)
		a |= A_ITALIC;
#endif
	return a;
}

/* A colour the terminal can show: -1 (default) stays, 8..15 fold to 0..7 on 8-colour terminals. */
static short
fit_colour(int c)
{
	if (c < 0)
		return -1;
	if (c < COLORS)
		return (short)c;
	if (c < 16)
		return (short)(c % 8);
	return -1;
}

void
theme_apply(const struct view_theme_entry *theme, bool monochrome)
{
	bool colour = !monochrome && has_colors() && COLOR_PAIRS > VS_COUNT_;
	int s;

	for (s = 0; s < VS_COUNT_; s++) {
		const struct view_theme_entry *t = &theme[s];
		attr_t a = attrs_of(t->attrs);

		if (colour) {
			if (init_pair((short)(s + 1), fit_colour(t->fg), fit_colour(t->bg)) == OK)
				a |= COLOR_PAIR(s + 1);
		} else if (t->bg >= 0 && !(t->attrs & VA_REVERSE)) {
			a |= A_REVERSE;
		}
		style_attr[s] = a;
	}
}

attr_t
theme_attr(enum view_style s)
{
	return (int)s >= 0 && s < VS_COUNT_ ? style_attr[s] : A_NORMAL;
}

int
theme_style_of(attr_t a)
{
	int s;

	for (s = 0; s < VS_COUNT_; s++)
		if (style_attr[s] == a)
			return s;
	return -1;
}
