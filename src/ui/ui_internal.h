/*
 * ui_internal.h: shared between the files of the screen layer (src/ui).
 *
 * The screen draws a struct view (kith/view.h) and translates keys; it
 * never decides what a row says, only where and how it fits. Everything
 * is drawn into stdscr, erased (not cleared) each frame and sent with
 * wnoutrefresh/doupdate, so curses sends only the cells that changed.
 *
 * Text from the engine is UTF-8 and may hold anything a user typed or
 * imported: draw.c is the one place that turns it into cells, grouping a
 * base character with its combining marks, cutting by display width with
 * "…", and showing control characters visibly ("^[", "<U+0085>").
 */
#ifndef KITH_UI_INTERNAL_H
#define KITH_UI_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include <curses.h>

#include "kith/engine.h"
#include "kith/status.h"
#include "kith/view.h"

/* The smallest usable terminal. */
#define UI_MIN_COLS 60
#define UI_MIN_ROWS 16
/* From this width the list and its detail are side by side. */
#define UI_WIDE_COLS 140

/* A rectangle of the screen. */
struct rect {
	int y, x, h, w;
};

/* Where everything goes for the current terminal size and view. */
struct layout {
	int rows, cols;
	bool too_small;
	bool side_by_side;
	struct rect title;      /* row 0 */
	struct rect tabs;       /* row 1 */
	struct rect body;       /* between the tab bar and the status line */
	struct rect list;       /* inside body: the list (header row included) */
	struct rect detail;     /* inside body: the detail (title row included) */
	bool show_list, show_detail;
	int sep_x;              /* column of the vertical separator, -1 if none */
	struct rect status;     /* the status bar */
	struct rect msg;        /* the last line: message or the input line */
	int list_rows;          /* rows of data the list shows (engine_layout) */
	int detail_rows;        /* lines the detail shows (engine_layout) */
};

/* The terminal cursor wanted after drawing a frame (-1: hidden). */
struct ui_cursor {
	int y, x;
};

/* ---- display.c ------------------------------------------------------- */

/* Open the real terminal (stdin/stdout); false with a message in err. */
bool display_open(struct kith_err *err);
/*
** Open a headless screen of rows x cols: curses writes to /dev/null and
** reads keys from `in` (NULL: /dev/null). For golden-screen tests and
** KITH_NO_DISPLAY. False with a message in err.
*/
bool display_open_headless(int rows, int cols, FILE *in, struct kith_err *err);
/* Restore the terminal and free the screen (safe to call twice). */
void display_close(void);
/* True while a screen is open. */
bool display_is_open(void);
/* Resize a headless screen (as a terminal resize would). */
void display_resize(int rows, int cols);
/* Compute the layout of v at the current screen size. */
void display_layout(const struct view *v, struct layout *lay);
/*
** The screen as text: one line per row, trailing blanks removed, each
** wide character once. Newly allocated.
*/
char *display_dump(void);

/* ---- theme.c ----------------------------------------------------------- */

/* Set up colour pairs for the theme (monochrome: attributes only). */
void theme_apply(const struct view_theme_entry *theme, bool monochrome);
/* The curses attributes (with colour pair) of a view style. */
attr_t theme_attr(enum view_style s);
/* The style a cell attribute was drawn with, for screen dumps; -1 unknown. */
int theme_style_of(attr_t a);

/* ---- draw.c ------------------------------------------------------------ */

/*
** Draw UTF-8 text at (y, x) in at most `cols` columns; text wider than
** that ends with "…". Control characters are drawn visibly. Stops at a
** newline when `one_line`. Returns the columns drawn.
*/
int draw_text(int y, int x, int cols, const char *s, attr_t a);
/* The same, but only the first line of s (a multi-line value); "…" if more. */
int draw_first_line(int y, int x, int cols, const char *s, attr_t a);
/* Draw s right-aligned in [x, x + cols). */
int draw_text_right(int y, int x, int cols, const char *s, attr_t a);
/* Draw s centred in [x, x + cols). */
int draw_text_centre(int y, int x, int cols, const char *s, attr_t a);
/* Fill a rectangle with blanks in attribute a. */
void draw_fill(struct rect r, attr_t a);
/* Draw n cells of the one-column character cp. */
void draw_hline(int y, int x, int n, uint32_t cp, attr_t a);
void draw_vline(int y, int x, int n, uint32_t cp, attr_t a);
/* A box outline around r (inside r). */
void draw_box(struct rect r, attr_t a);
/* Display columns of s as draw_text shows it. */
int text_width(const char *s);
/* Display columns of the first `bytes` bytes of s. */
int text_width_n(const char *s, size_t bytes);
/* Byte offset in s after skipping at least `cols` columns (whole characters). */
size_t text_skip_cols(const char *s, int cols);

/* ---- the parts of the screen ------------------------------------------- */

void draw_list(const struct view_list *l, struct rect r, bool focused);
void draw_detail(const struct view_detail *d, struct rect r);
void draw_map(const struct view_map *m, struct rect r);
/* The columns the grid takes in a width of w, its closing bar included. */
int map_grid_width(const struct view_map *m, int w);
/* Overlays; each sets *cur when it wants the terminal cursor. */
void draw_form(const struct view_form *f, const struct layout *lay, struct ui_cursor *cur);
void draw_pick(const struct view_pick *p, const struct layout *lay, struct ui_cursor *cur);
void draw_confirm(const char *question, const struct layout *lay);
void draw_help(const struct view_help *h, struct rect r);
/*
** An input line ("/", ":" and text) in r, scrolled so the cursor (byte
** offset) is visible; sets *cur to it.
*/
void draw_input(const struct view_input *in, struct rect r, attr_t a, struct ui_cursor *cur);

/* ---- frame.c ----------------------------------------------------------------- */

/*
** Draw a whole frame of v laid out as lay with the theme, and send it to
** the terminal. `note` (may be NULL) is a screen-level error shown on the
** message line instead of the view's message.
*/
void ui_draw_view(const struct view *v, const struct view_theme_entry *theme,
		  const struct layout *lay, const char *note);

/* ---- ui.c ------------------------------------------------------------------ */

/* Draw a whole frame of the engine's view and send it to the terminal. */
void ui_draw(struct engine *e, struct layout *lay);
/*
** Lay out for the current size, tell the engine (engine_layout) when the
** geometry changed; *lay receives the layout.
*/
void ui_relayout(struct engine *e, struct layout *lay);
/*
** One frame: lay out and draw, building the engine's view once (twice
** when the geometry changed: it is built again for the new size).
*/
void ui_frame(struct engine *e, struct layout *lay);
/* Forget the geometry last told, so the next ui_relayout tells it again (a new engine). */
void ui_layout_forget(void);

/* ---- keys.c ------------------------------------------------------------------ */

/*
** Wait for a key (at most timeout_ms; -1 forever) and translate it.
** A timeout gives KK_TICK; *eof is set when input is gone (headless).
*/
struct kkey keys_read(int timeout_ms, bool *eof);
/* Translate one wget_wch result. */
struct kkey keys_translate(int rc, wint_t ch);

/* ---- editor.c ------------------------------------------------------------------ */

/*
** Suspend curses, run the engine's editor command on its file, resume and
** report the result to the engine. Returns the engine's reactions.
*/
int editor_run(struct engine *e);

#endif
