/*
 * ui.c: the planner's main loop and the frame.
 *
 * Loop: read a key (a one-second timeout becomes KK_TICK, so changes made
 * by another kith process show up), give it to the engine, act on the
 * reactions it returns (quit, run the editor, beep), then lay out and
 * draw the whole frame. KEY_RESIZE from curses is an ordinary key: no
 * signal handler of ours, so no curses call ever runs inside one.
 */
#include "ui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "kith/str.h"
#include "kith/ui.h"

static struct {
	int list_rows, detail_rows;
	bool side_by_side;
	const struct engine *told;      /* the engine last given the geometry */
	char *note;             /* a screen-level message (config errors), until the next key */
} ui;

void
ui_layout_forget(void)
{
	ui.told = NULL;
}

/* Lay out for the engine's view; returns the view the layout is for. */
static const struct view *
relayout(struct engine *e, struct layout *lay)
{
	const struct view *v = engine_view(e);

	display_layout(v, lay);
	if (lay->too_small)
		return v;
	if (ui.told != e || lay->list_rows != ui.list_rows || lay->detail_rows != ui.detail_rows ||
	    lay->side_by_side != ui.side_by_side) {
		engine_layout(e, lay->list_rows, lay->detail_rows, lay->side_by_side);
		ui.list_rows = lay->list_rows;
		ui.detail_rows = lay->detail_rows;
		ui.side_by_side = lay->side_by_side;
		ui.told = e;
		/* the view's detail_open/welcome decide the layout: recompute once */
		v = engine_view(e);
		display_layout(v, lay);
	}
	return v;
}

void
ui_relayout(struct engine *e, struct layout *lay)
{
	relayout(e, lay);
}

void
ui_draw(struct engine *e, struct layout *lay)
{
	ui_draw_view(engine_view(e), engine_theme(e), lay, ui.note);
}

/*
** One frame: the view is built once, laid out and drawn; only when the
** geometry changed (a resize, the detail opened) is it built again, for
** the new size.
*/
void
ui_frame(struct engine *e, struct layout *lay)
{
	ui_draw_view(relayout(e, lay), engine_theme(e), lay, ui.note);
}

/* Config errors: shown on the message line until the next key. */
static void
note_config_errors(struct engine *e, int bad)
{
	const char *errs = engine_config_errors(e);
	struct strbuf sb = { 0 };
	size_t n;

	if (bad == 0 || !errs || !*errs)
		return;
	n = strcspn(errs, "\n");
	sb_appendn(&sb, errs, n);
	if (bad > 1)
		sb_printf(&sb, "  +%d more (:messages lists them)", bad - 1);
	free(ui.note);
	ui.note = sb_detach(&sb);
}

/* A long operation's progress (`:import`), drawn on the status line at once. */
static void
ui_progress(void *ud, const char *text)
{
	(void)ud;
	move(LINES - 1, 0);
	clrtoeol();
	draw_text(LINES - 1, 0, COLS, text, theme_attr(VS_STATUS));
	refresh();
}

/* The loop; headless reads keys until input ends. */
static void
main_loop(struct engine *e, bool headless)
{
	struct layout lay;

	engine_poll(e);
	ui_frame(e, &lay);
	for (;;) {
		bool eof;
		struct kkey k = keys_read(headless ? -1 : 1000, &eof);
		int r;

		if (eof)
			break;
		if (k.type == KK_NONE)
			continue;
		if (k.type != KK_TICK && k.type != KK_RESIZE) {
			free(ui.note);
			ui.note = NULL;
		}
		r = engine_key(e, k);
		if (r & R_QUIT)
			break;
		if (r & R_EDITOR)
			r |= editor_run(e);
		if (k.type == KK_TICK && !(r & (R_REDRAW | R_RELAYOUT)))
			continue;
		if ((r & R_BELL) && !headless)
			beep();
		/* Ctrl-L also repaints the terminal from scratch (garbage from other programs) */
		if (k.type == KK_CHAR && k.cp == 12)
			clearok(curscr, TRUE);
		engine_poll(e);
		ui_frame(e, &lay);
	}
}

static int
env_int(const char *name, int def, int lo, int hi)
{
	const char *s = getenv(name);
	long n;
	char *end;

	if (!s || !*s)
		return def;
	n = strtol(s, &end, 10);
	return *end || n < lo || n > hi ? def : (int)n;
}

enum kith_status
ui_run(struct kdb *db, const char *label, const char *config_path, const char *extra_config,
       struct kith_err *err)
{
	struct engine *e = NULL;
	enum kith_status st;
	const char *nd = getenv("KITH_NO_DISPLAY");
	bool headless = nd && *nd;
	int bad = 0;

	st = engine_new(db, label, &e, err);
	if (st != KITH_OK)
		return st;
	if (config_path)
		bad = engine_config_file(e, config_path);
	if (extra_config) {
		int more = engine_config_text(e, extra_config, "(kith)");
		if (bad >= 0)
			bad += more;
	}
	if (headless) {
		if (!display_open_headless(env_int("LINES", 24, 1, 1000),
					   env_int("COLUMNS", 80, 1, 1000), stdin, err)) {
			engine_free(e);
			return KITH_IO;
		}
	} else if (!display_open(err)) {
		engine_free(e);
		return KITH_IO;
	}
	memset(&ui, 0, sizeof(ui));
	engine_set_progress(e, ui_progress, NULL);
	if (bad > 0)
		note_config_errors(e, bad);
	else if (bad < 0)
		ui.note = strdup(engine_config_errors(e)[0] ? engine_config_errors(e)
							    : "config: cannot read the configuration file");
	main_loop(e, headless);
	if (headless) {
		/* the last frame, as text, for scripts (tig's save-display) */
		char *dump = display_dump();
		display_close();
		fputs(dump, stdout);
		free(dump);
	} else {
		display_close();
	}
	free(ui.note);
	ui.note = NULL;
	engine_free(e);
	return KITH_OK;
}
