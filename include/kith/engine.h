/*
 * engine.h: the keyboard-driven workflow engine.
 *
 * The engine turns keys into named commands (see command.h), runs them
 * against the data layer, keeps all state (pane, mode, lists, forms, undo)
 * and describes the screen as a struct view (view.h). It knows no curses
 * and no SQL, so a test can create an engine on a temporary database, feed
 * keys and read the view with no terminal.
 *
 * Call order (the screen's main loop, or a test):
 *
 *	engine_new(db, label, &e, &err);
 *	engine_config_text(e, text, "path");    zero or more times
 *	engine_layout(e, list_rows, detail_rows, side_by_side);
 *	loop: r = engine_key(e, key); if (r & R_QUIT) break;
 *	      if (r & R_EDITOR) { run $EDITOR on engine_editor_file(e); engine_editor_done(e, ok); }
 *	      draw(engine_view(e));
 *	engine_free(e);
 *
 * engine_key never draws; it returns reactions telling the caller what
 * changed (htop's Htop_Reaction).
 */
#ifndef KITH_ENGINE_H
#define KITH_ENGINE_H

#include <stdbool.h>

#include "kith/status.h"
#include "kith/view.h"

struct kdb;
struct engine;

enum reaction {
	R_NONE     = 0,
	R_REDRAW   = 1 << 0,    /* something on screen changed */
	R_RELAYOUT = 1 << 1,    /* geometry must be recomputed (pane or mode switch) */
	R_QUIT     = 1 << 2,    /* leave the planner */
	R_EDITOR   = 1 << 3,    /* run $VISUAL/$EDITOR on engine_editor_file(), then engine_editor_done() */
	R_BELL     = 1 << 4,    /* an unbound key or an impossible move */
};

/* One theme entry: colours are 0..255 or -1 for the terminal default. */
enum view_attr { VA_BOLD = 1, VA_UNDERLINE = 2, VA_REVERSE = 4, VA_DIM = 8, VA_ITALIC = 16 };
struct view_theme_entry {
	int fg, bg;
	int attrs;                  /* enum view_attr bits */
};

/*
** Create an engine on an open database (which it does not own). `label` is
** the database as shown in the title bar. Loads the built-in configuration
** (assets/kithrc compiled in). Turns on undo recording on db.
*/
enum kith_status engine_new(struct kdb *db, const char *label, struct engine **out,
			    struct kith_err *err);
void engine_free(struct engine *e);

/*
** Apply configuration text (set, bind, color, source lines). Every bad line
** is collected as "path:line: message" and the rest still applies. Returns
** the number of bad lines; engine_config_errors() lists them.
*/
int engine_config_text(struct engine *e, const char *text, const char *path);
/* Load a config file (missing file: not an error). Returns bad lines, or -1 if unreadable. */
int engine_config_file(struct engine *e, const char *path);
/* The collected config errors, "\n"-separated, or "" if none. */
const char *engine_config_errors(struct engine *e);

/*
** Tell the engine the geometry the screen gave the current pane: how many
** list rows are visible, how many detail lines, and whether list and detail
** are side by side (wide terminals) or one replaces the other.
*/
void engine_layout(struct engine *e, int list_rows, int detail_rows, bool side_by_side);

/* Feed one key. */
int engine_key(struct engine *e, struct kkey key);
/* Feed a key sequence written as in the config ("gg", "5j", "<Enter>", "<C-r>", "<Esc>"). */
int engine_keys(struct engine *e, const char *keys);
/* Run a named command line as if typed after ':' ("contact-add", "set color off"). */
int engine_command(struct engine *e, const char *line);

/* The current screen description (valid until the next engine call). */
const struct view *engine_view(struct engine *e);
const struct view_theme_entry *engine_theme(struct engine *e);   /* VS_COUNT_ entries */

/*
** Check whether another process changed the database (PRAGMA data_version)
** and, if so, reload the visible lists. Returns reactions (R_REDRAW if it
** reloaded). The screen calls it on KK_TICK and before each redraw.
*/
int engine_poll(struct engine *e);

/*
** The temporary file the engine wants edited (R_EDITOR), and the result:
** the screen runs engine_editor_command() (a shell command line, from
** `set editor`, default $VISUAL, $EDITOR, vi) with the file as its last
** argument, then calls engine_editor_done(e, exit status was 0).
*/
/*
** A long operation (`:import FILE`) reports its progress ("importing
** cards.vcf 42%") through fn while it runs, so the screen can show it
** before control returns; without a hook progress is only the final message.
*/
typedef void (*engine_progress_fn)(void *ud, const char *text);
void engine_set_progress(struct engine *e, engine_progress_fn fn, void *ud);

const char *engine_editor_file(struct engine *e);
const char *engine_editor_command(struct engine *e);
int engine_editor_done(struct engine *e, bool ok);

/*
** The daily review's parameters from the current options (review.*,
** tier.*.cadence): what `kith today` and the r key both use.
*/
struct review_params;
void engine_review_params(struct engine *e, struct review_params *p);

/*
** The same without an engine, from options read with kithrc.h (kith
** today): the engine's hook for bind and color lines, with ctx NULL, only
** checks them; options_review_params() fills p from the options.
*/
struct options;
struct strbuf;
bool engine_config_check(void *ctx, char *const *w, int n, struct strbuf *why);
void options_review_params(const struct options *o, struct review_params *p);
/* The health report's parameters (health.*, tier.*.cadence): kith health and zh. */
struct health_params;
void options_health_params(const struct options *o, struct health_params *p);
void engine_health_params(struct engine *e, struct health_params *p);

#endif
