/*
 * internal.h: what the files of src/engine share.
 *
 * Model. The engine holds four panes, each a struct pane driven by a
 * const struct pane_ops table (tig's view_ops with designated
 * initializers). A key goes through the keymaps of the current mode and
 * pane, then the generic keymap, and becomes an enum cmd (command.h). The
 * focused pane gets first refusal (ops->command returns true if it
 * handled the command); what it declines goes to the engine's own switch
 * (engine.c). Every handler returns reactions and never draws.
 *
 * Modal things (search input, ':' line, forms, confirm, pick lists, help)
 * are engine-wide: a pane asks for one with the calls below and gets a
 * callback when the user finishes.
 *
 * Lists (contacts, events, follow-ups) share struct listwin: a window of
 * formatted rows fetched by keyset around the cursor, so moving through
 * 100,000 rows never loads more than a few pages.
 *
 * Undo. Every write a command makes goes through the data layer with
 * recording on; after a command, engine_after_write() takes the change
 * and pushes it on the undo stack (one user command = one undo step; a
 * command making several writes wraps them in kdb_batch_begin/end).
 */
#ifndef KITH_ENGINE_INTERNAL_H
#define KITH_ENGINE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kith/command.h"
#include "kith/engine.h"
#include "kith/status.h"
#include "kith/str.h"
#include "kith/view.h"

struct kdb;
struct kdb_change;
struct engine;
struct pane;
struct marks;

/* ---- windowed lists --------------------------------------------------- */

struct lw_row {
	int64_t id;                 /* entity id (0 for a group header) */
	char **cells;               /* ncols owned strings */
	enum view_style style;
	bool group;
};

/*
** Fetch callback: append up to `limit` rows next to `anchor` (0: an end)
** in direction dir (>0 forward from the start; <0 backward from the end,
** nearest first) by calling lw_push(). Returns a kith_status.
*/
typedef int (*lw_fetch_fn)(struct pane *p, int64_t anchor, int dir, int limit,
			   struct kith_err *err);
/* Count callback: rows in the whole list. */
typedef int (*lw_count_fn)(struct pane *p, long long *out, struct kith_err *err);

struct listwin {
	int ncols;
	const struct view_column *cols;
	lw_fetch_fn fetch;
	lw_count_fn count;
	struct lw_row *rows;        /* the window, in display order */
	int nrows, cap;
	int sel;                    /* index into rows, -1 if empty */
	int top;                    /* first visible index into rows */
	int height;                 /* visible rows (from engine_layout) */
	long long pos;              /* global index of sel */
	long long total;
	bool at_start, at_end;      /* the window touches an end of the list */
	long long total_known;      /* >= 0: the next lw_reload uses it instead of counting */
	/* staging for lw_push during a fetch */
	struct lw_row *stage;
	int nstage, stagecap;
	/* view cache built by lw_fill_view */
	struct view_row *vrows;
	const char **vcells;
};

void lw_init(struct listwin *lw, int ncols, const struct view_column *cols,
	     lw_fetch_fn fetch, lw_count_fn count);
void lw_free(struct listwin *lw);
/* Called by fetch callbacks: one row; cells are copied. */
void lw_push(struct listwin *lw, int64_t id, const char *const *cells, enum view_style style);
/* (Re)load: count, then the first page (or around keep_id if non-zero and still present). */
int lw_reload(struct pane *p, struct listwin *lw, int64_t keep_id, struct kith_err *err);
/* Move the cursor by n rows (negative: up); fetches as needed. Returns reactions. */
int lw_move(struct pane *p, struct listwin *lw, long long n, struct kith_err *err);
int lw_first(struct pane *p, struct listwin *lw, struct kith_err *err);
int lw_last(struct pane *p, struct listwin *lw, struct kith_err *err);
/*
** The selected row, id, left the list: out of the window, the next row
** selected, only the rows the screen lacks fetched (the caller recounts
** total). KITH_NOTFOUND: reload instead.
*/
int lw_drop(struct pane *p, struct listwin *lw, int64_t id, struct kith_err *err);
int64_t lw_selected_id(const struct listwin *lw);   /* 0 if none */
/* Movement commands shared by list panes; true if cmd was one (reactions in *r). */
bool lw_command(struct pane *p, struct listwin *lw, enum cmd cmd, long count, int *r);
/* Fill v->list with the visible rows. */
void lw_fill_view(struct listwin *lw, struct view_list *out, const char *empty_text);

/* ---- detail pages ------------------------------------------------------ */

/* A growable page of styled lines (owned strings). */
struct page {
	struct view_line *lines;
	char **texts;
	int n, cap;
	int scroll;
	char *title;
};
void page_clear(struct page *pg);
void page_free(struct page *pg);
void page_title(struct page *pg, const char *fmt, ...) KITH_PRINTF(2, 3);
void page_add(struct page *pg, enum view_style style, int indent, const char *fmt, ...)
	KITH_PRINTF(4, 5);
void page_fill_view(struct page *pg, struct view_detail *out);

/* ---- panes ------------------------------------------------------------- */

struct pane_ops {
	const char *name;           /* "contacts": keymap name, `bind contacts ...` */
	const char *title;          /* "Contacts" */
	/* "contact", "contacts": the count in the title bar; NULL: no count (the map) */
	const char *noun, *nouns;
	enum view_pane id;
	size_t private_size;        /* bytes of pane->priv, zeroed */
	/* Load data for the first time (and after the database changed elsewhere). */
	int (*open)(struct pane *p, struct kith_err *err);
	void (*close)(struct pane *p);
	/* Reload after a write (keep the selection where possible). */
	int (*reload)(struct pane *p, struct kith_err *err);
	/* First refusal: return true if handled, with reactions in *r. */
	bool (*command)(struct pane *p, enum cmd cmd, long count, int *r);
	/* The search text changed (VM_SEARCH): refilter. NULL: the pane has no search. */
	int (*filter)(struct pane *p, const char *text, struct kith_err *err);
	/*
	** Non-NULL: the pane's search is a find, not a filter (the map). `/`
	** starts with an empty line, and Enter hands the text to find_done,
	** which acts on it (the map offers to place a person it did not find)
	** and keeps what it needs: the engine keeps no filter. Returns reactions.
	*/
	int (*find_done)(struct pane *p, const char *text);
	/* Fill the pane's parts of the view (list, detail, map): copies, never queries. */
	void (*fill_view)(struct pane *p, struct view *v);
	/* Its marked rows and its list, for bulk actions (bulk.c). NULL: no marks. */
	struct marks *(*marks)(struct pane *p, struct listwin **lw);
	/*
	** Optional. Load what the view will show after the geometry changed
	** (engine_layout) or the pane was shown (a card now beside the list),
	** so that fill_view only copies.
	*/
	void (*sync)(struct pane *p);
	/*
	** Optional. Select entity id with its card open, clearing a search that
	** hides it (the review's o: engine_show_entity). Returns reactions.
	*/
	int (*show)(struct pane *p, int64_t id);
};

struct pane {
	const struct pane_ops *ops;
	struct engine *e;
	void *priv;
	bool opened;
	bool stale;                 /* the data changed while hidden: reload when shown */
};

/* ---- modes -------------------------------------------------------------- */

/* enum view_mode's size (kith/view.h has no count entry: the screen switches on it). */
#define VM_COUNT_ ((int)VM_HEALTH + 1)

/*
** A mode (enum view_mode) is a const table like a pane: the engine reads
** keys, fills the view and writes the hint through the table of the mode
** it is in, and knows no mode by name. app.c hands the tables over.
*/
struct base_view;

/* A command the status line's hint names: its first key, then what (engine_hint_keys). */
struct hint_def {
	enum cmd cmd;
	const char *what;
};
#define MODE_HINT_KEYS 8

struct mode_ops {
	const char *name;           /* "REVIEW": the mode as the status bar names it */
	int keymap;                 /* the keymap read first (enum km_id), or KM_CURRENT_PANE */
	bool generic;               /* the generic keymap is read after it */
	enum cmd cmd;               /* the command that opens it; CMD_NONE: only a call does */
	/* Open it (arg: the ':' line's argument or NULL). Returns reactions. */
	int (*start)(struct engine *e, const char *arg);
	/* A key while the mode is on. Returns reactions. */
	int (*key)(struct engine *e, struct kkey k);
	/*
	** Instead of key, for a mode whose every key is a command of its
	** keymaps: the engine reads the key sequence and run does the command
	** (count: the count typed, 1 if none). Returns reactions.
	*/
	int (*run)(struct engine *e, enum cmd cmd, long count);
	/* Every frame, for every mode (base modes first): fill what it shows, if on. */
	void (*fill_view)(struct engine *e, struct view *v);
	/*
	** The status line's hint while it is on; or, when it is always the
	** same, hint_keys (the keys of these commands, up to one with no what)
	** or hint_text.
	*/
	void (*hint)(struct engine *e, struct strbuf *hint);
	struct hint_def hint_keys[MODE_HINT_KEYS];
	const char *hint_text;
	/* A mode that edits the input line (e->input): its prompt ("/"); the engine shows it. */
	const char *prompt;
	/* Drop its state (and leave it if on). */
	void (*free)(struct engine *e);
	/*
	** A base mode stays under the passing ones (a form, a question, a pick
	** list returns to it): is_base() says it is on. NULL for a passing
	** mode, which engine_mode_normal() frees.
	*/
	bool (*is_base)(const struct engine *e);
	/* The data changed (a write, an undo, another process): read it again. */
	void (*reload)(struct engine *e);
	/* First refusal of a global command it owns besides cmd: true if handled. */
	bool (*command)(struct engine *e, enum cmd cmd, long count, int *r);
	/*
	** A view over the panes that reads its data (core.h): without start,
	** opening it reads the data (engine_base_open); without reload, a
	** change reads it again.
	*/
	const struct base_view *view;
};

extern const struct pane_ops contacts_pane_ops;
extern const struct pane_ops events_pane_ops;
extern const struct pane_ops map_pane_ops;
extern const struct pane_ops followups_pane_ops;
extern const struct pane_ops goals_pane_ops;

/* ---- line editor (search, ':' line, form fields, pick filter) ---------- */

struct lineedit {
	struct strbuf text;
	size_t cursor;              /* byte offset, always on a code point boundary */
};
void le_set(struct lineedit *le, const char *text);
void le_free(struct lineedit *le);
/*
** Apply an editing key: printable text, Left/Right/Home/End, Backspace,
** Delete, Ctrl-A, Ctrl-E, Ctrl-B, Ctrl-F, Ctrl-K, Ctrl-U, Ctrl-W, Ctrl-H.
** Returns true if the key was an editing key (consumed).
*/
bool le_key(struct lineedit *le, struct kkey k);
/*
** le_key, telling what the key did: not an editing key (the caller's to
** handle), an edit that left the text as it was (a move, Backspace at the
** start), or one that changed it (a filter to run again).
*/
enum le_edit { LE_NOT_EDIT, LE_SAME_TEXT, LE_CHANGED };
enum le_edit le_edit(struct lineedit *le, struct kkey k);

/* ---- forms ------------------------------------------------------------- */

struct form;
/*
** Validate one field's text; return NULL if fine, else a message (static or
** owned by the form via form_msg()). Called on leaving a field and on save.
*/
typedef const char *(*form_validate_fn)(struct form *f, int field, const char *text);
/*
** Save: called with every field valid. Return KITH_OK to close the form, or
** an error (err->msg shown; if err names a field, set *bad_field).
*/
typedef int (*form_save_fn)(struct form *f, struct kith_err *err, int *bad_field);

struct form_field_def {
	const char *label;
	const char *hint;
	form_validate_fn validate;  /* may be NULL */
	bool multiline;             /* a long note: E opens $EDITOR */
	/*
	** Optional. A word of a fixed vocabulary (kith/types.h), or empty:
	** word(text) < 0 is refused with "text: words".
	*/
	int (*word)(const char *text);
	const char *words;
	/* Optional. A whole number min to max, or empty; the error names it number. */
	const char *number;
	long long min, max;
};

struct form;
struct row_form;
typedef enum kith_status (*form_current_fn)(struct form *f, char **out, struct kith_err *err);

struct form {
	struct engine *e;
	char *title;
	int nfields;
	const struct form_field_def *defs;
	struct lineedit *values;    /* nfields */
	char **errors;              /* nfields, owned or NULL */
	int focus;
	form_save_fn save;
	void *ctx;                  /* for the save callback */
	void (*ctx_free)(void *ctx);
	struct view_field *vfields; /* view cache */
	char *msg;                  /* the last form_msg() text (form.c) */
	bool saving;                /* inside the save callback (form.c) */
	/* Run after a successful save, once the form is closed (may open another mode). */
	int (*after)(struct engine *e, void *after_ctx);
	void *after_ctx;
	/*
	** A form on an existing row: base[] holds what each field showed when
	** the form opened, and current() reads what the row holds now (see
	** form_watch). NULL for a new row.
	*/
	char **base;
	form_current_fn current;
	const struct row_form *row; /* form_open_row (rows.h): the row watched, or NULL */
	int64_t row_id;
	bool failed;                /* the last save failed: Esc asks first */
};

/*
** A form on an existing row merges, on save, with what others saved since
** it opened (another planner, the command line): current(f, out, err)
** fills out[i] (nfields, all NULL on entry) with what field i would show
** for the row as it is now (xstrdup'd; NULL for a field not compared),
** or fails (KITH_NOT_FOUND: the row is gone). On save, a field the user
** did not change takes the row's current value; a field both changed
** differently is a conflict: nothing is saved, the field says what it is
** now, and a second Enter saves the user's value over it.
*/
void form_watch(struct form *f, form_current_fn current);
/* For a current() callback: out[i] = a copy of vals[i] (NULL shows as ""), n of them. */
void form_dup_values(char **out, const char *const *vals, int n);

/* Open a form (enter VM_FORM). initial[] may be NULL or hold nfields strings (NULL = ""). */
void engine_form_open(struct engine *e, const char *title, int nfields,
		      const struct form_field_def *defs, const char *const *initial,
		      form_save_fn save, void *ctx, void (*ctx_free)(void *));
const char *form_value(const struct form *f, int field);
/* Keep a message alive until the form closes (for validate return values). */
const char *form_msg(struct form *f, const char *fmt, ...) KITH_PRINTF(2, 3);

/* ---- confirm and pick ---------------------------------------------------- */

/* A question's or pick list's context: a row and its name (a copy); idname_free frees it. */
struct idname {
	int64_t id;
	char *name;
};
struct idname *idname_new(int64_t id, const char *name);
void idname_free(void *ctx);

/* Ask a y/n question (VM_CONFIRM); on 'y' run yes(e, ctx) and return its reactions. */
typedef int (*confirm_fn)(struct engine *e, void *ctx);
void engine_confirm(struct engine *e, const char *question, confirm_fn yes, void *ctx,
		    void (*ctx_free)(void *));

/*
** Pick list (VM_PICK). `source` is called with the filter text whenever it
** changes and fills items via pick_push(); `chosen` gets the picked id.
*/
struct pick;
typedef int (*pick_source_fn)(struct pick *pk, const char *filter, struct kith_err *err);
typedef int (*pick_chosen_fn)(struct engine *e, int64_t id, void *ctx);
void engine_pick(struct engine *e, const char *title, pick_source_fn source,
		 pick_chosen_fn chosen, void *ctx, void (*ctx_free)(void *));
void pick_push(struct pick *pk, int64_t id, const char *label);
/* A pick list of every map ("Board (3 placed) — goal"); as engine_pick otherwise. */
void engine_pick_map(struct engine *e, const char *title, pick_chosen_fn chosen, void *ctx,
		     void (*ctx_free)(void *));
/* A pick list of n fixed items (ids[i], labels[i]: copied); as engine_pick otherwise. */
void engine_pick_choices(struct engine *e, const char *title, int n, const int64_t *ids,
			 const char *const *labels, pick_chosen_fn chosen, void *ctx,
			 void (*ctx_free)(void *));
struct engine *pick_engine(struct pick *pk);

/* ---- engine services for panes ------------------------------------------ */

struct kdb *engine_db(struct engine *e);
/* The status line's message (copied): engine_msg(e, fmt, ...); engine_error draws it as an error. */
void engine_say(struct engine *e, bool is_error, const char *fmt, ...) KITH_PRINTF(3, 4);
#define engine_msg(e, ...) engine_say((e), false, __VA_ARGS__)
#define engine_error(e, ...) engine_say((e), true, __VA_ARGS__)
/*
** The rows a movement key moves a cursor: j k count rows, PgDn PgUp count
** pages, ^D ^U count halves (half), g G end rows (beyond either end); with
** scroll, the scroll keys J K count rows too. False if cmd is no movement.
*/
bool cmd_move_rows(enum cmd cmd, long count, long page, long half, long end, bool scroll,
		   long *rows);
/*
** Move the cursor *pos by n rows, kept within 0..last. R_BELL if there is
** nothing (last < 0) or, with bell, if it could not move; else R_REDRAW.
*/
int cursor_move(int *pos, long n, long last, bool bell);
/*
** The index of the row whose int64_t at byte offset off (offsetof(struct
** ROW, id)) is id, in rows[0..n) of size bytes each; -1 if none.
*/
int row_index(const void *rows, int n, size_t size, size_t off, int64_t id);
/* Free *slot and set it to the text fmt formats (owned messages and titles). */
void text_vset(char **slot, const char *fmt, va_list ap);
/* Show err as the error of the status line; returns R_BELL | R_REDRAW. */
int engine_fail(struct engine *e, const struct kith_err *err);
/*
** After a successful write through the data layer: take the recorded change,
** push it on the undo stack with `label` ("add Zoë Ngô"), clear redo, and
** reload the panes. Returns reactions.
*/
int engine_after_write(struct engine *e, const char *label);
/* The same, but pane `shown` shows the write already (listpane_drop): it is not reloaded. */
int engine_after_write_shown(struct engine *e, const char *label, struct pane *shown);
/* Current options (see src/parse/options.c). */
long engine_opt_int(struct engine *e, const char *name);
const char *engine_opt_str(struct engine *e, const char *name);
/* Switch to a pane (and optionally select an entity there). */
int engine_show_pane(struct engine *e, enum view_pane pane);
/* Switch to a pane and select entity id there with its card open (pane_ops.show). */
int engine_show_entity(struct engine *e, enum view_pane pane, int64_t id);
/*
** The argument text of the command being dispatched when it came from the
** ':' line ("Bond measure" for `:map-new Bond measure`), NULL when it came
** from a key or had no argument. Valid during ops->command only. The count
** given to ops->command is the typed count prefix, 1 if none was typed.
*/
const char *engine_cmd_arg(struct engine *e);
/* Open an external editor on text; done(e, ok, new_text, ctx) is called after. */
typedef int (*editor_done_fn)(struct engine *e, bool ok, const char *text, void *ctx);
int engine_edit_external(struct engine *e, const char *text, editor_done_fn done, void *ctx);

#endif
