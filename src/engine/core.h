/*
 * core.h: the engine's own insides (engine.c, keymap.c, config.c,
 * theme.c, modes.c, form.c, command.c). The panes see only
 * internal.h; nothing outside src/engine sees either.
 *
 * Key handling model. A key first goes to the active mode (search, ':'
 * line, form, confirm, pick, help). Normal mode collects a count prefix
 * ("5") and a key sequence ("g" of "gg") in e->pending, looks the
 * sequence up through a chain of keymaps (the pane's, then "generic"),
 * and dispatches the command: the focused pane's ops->command first,
 * then engine_global() in engine.c. Modes are keymaps too ("search",
 * "form", "pick", "help"), so every key a user can press is rebindable.
 */
#ifndef KITH_ENGINE_CORE_H
#define KITH_ENGINE_CORE_H

#include <stdbool.h>
#include <stdint.h>

#include "internal.h"
#include "kith/options.h"

/* ---- keys and keymaps (keymap.c) ---------------------------------------- */

#define KEYSEQ_MAX 8

struct keyseq {
	int n;
	struct kkey k[KEYSEQ_MAX];
};

/* Keymaps. The four pane maps are in enum view_pane order after KM_GENERIC. */
enum km_id {
	KM_GENERIC, KM_CONTACTS, KM_EVENTS, KM_MAP, KM_FOLLOWUPS, KM_GOALS,
	KM_SEARCH, KM_FORM, KM_PICK, KM_HELP, KM_REVIEW, KM_DUPLICATES, KM_HEALTH,
	KM_COUNT_
};
#define KM_PANE(vp) ((int)(vp) + KM_CONTACTS)
/* struct mode_ops.keymap: the keymap of the pane on screen. */
#define KM_CURRENT_PANE (-1)

enum km_result {
	KMR_NONE,           /* no keymap in the chain knows the sequence */
	KMR_PENDING,        /* a prefix of a longer binding: wait for more keys */
	KMR_CMD,            /* bound to *cmd */
	KMR_UNBOUND,        /* explicitly unbound with `none` */
};

struct keymaps;

/*
** Parse a key sequence written as in the config ("gg", "<C-r>", "z<Tab>").
** Returns true on success; on failure *why says what is wrong.
*/
bool key_parse(const char *s, struct keyseq *out, const char **why);
/* Append the config name of one key ("j", "<Enter>", "<C-r>"). */
void key_name(struct kkey k, struct strbuf *sb);
void keyseq_name(const struct keyseq *seq, struct strbuf *sb);
bool key_eq(struct kkey a, struct kkey b);
/* A key that types text: a code point >= 32 other than DEL. */
bool key_printable(struct kkey k);

struct keymaps *keymaps_new(void);
void keymaps_free(struct keymaps *km);
/* "contacts" -> KM_CONTACTS; -1 if unknown. */
int keymap_by_name(const char *name);
const char *keymap_name(int km);
/* Bind (cmd CMD_NONE: unbind, shadowing the maps after it in a chain). */
void keymap_bind(struct keymaps *km, int map, const struct keyseq *seq, enum cmd cmd);
/*
** Look seq up through chain[0..nchain). *cmd receives the command for
** KMR_CMD; for KMR_PENDING, *fallback receives the command bound to seq
** itself if any (run if the next key completes nothing), else CMD_NONE.
*/
enum km_result keymap_lookup(const struct keymaps *km, const int *chain, int nchain,
			     const struct keyseq *seq, enum cmd *cmd, enum cmd *fallback);
/*
** Append the names of the keys reaching cmd through the chain (shadowed
** bindings left out), separated by sep. Returns how many.
*/
int keymap_keys_for(const struct keymaps *km, const int *chain, int nchain, enum cmd cmd,
		    const char *sep, struct strbuf *out);

/* ---- theme (theme.c) ------------------------------------------------------ */

void theme_default(struct view_theme_entry *t);  /* VS_COUNT_ entries */
int theme_style_by_name(const char *name);      /* -1 if unknown */
const char *theme_style_name(int style);
/* "red" -> 1, "default" -> -1, "color200" -> 200; false if unknown. */
bool theme_color_parse(const char *s, int *out);
/* "bold" -> VA_BOLD; "normal" -> 0; -1 if unknown. */
int theme_attr_parse(const char *s);

/* ---- modes (modes.c) ------------------------------------------------------ */

struct pick {
	struct engine *e;
	char *title;
	pick_source_fn source;
	pick_chosen_fn chosen;
	void *ctx;
	void (*ctx_free)(void *);
	int64_t *ids;               /* n of them, beside labels.v */
	struct strv labels;
	int n, cap;
	int sel, scroll;
	struct lineedit filter;
	bool filtering;             /* typing goes to the filter line */
	bool typing;                /* typing goes to the filter from the start: Esc cancels */
	const char *cancelled;      /* the message when cancelled (static), NULL: "Cancelled" */
	/* engine_pick_choices: the fixed items */
	int64_t *choice_ids;
	struct strv choices;
};

struct help_state {
	struct view_help_row *all;  /* every row */
	int nall;
	struct view_help_row *shown;    /* rows passing the filter */
	int nshown;
	struct strv owned;          /* the keys' texts the rows point to */
	int scroll;
	struct lineedit filter;
	bool filtering;
};

/* The tables of the modes (indexed by enum view_mode in app.c). */
extern const struct mode_ops normal_mode_ops;       /* engine.c */
extern const struct mode_ops search_mode_ops;       /* modes.c */
extern const struct mode_ops command_mode_ops;      /* modes.c */
extern const struct mode_ops confirm_mode_ops;      /* modes.c */
extern const struct mode_ops form_mode_ops;         /* form.c */
extern const struct mode_ops pick_mode_ops;         /* pick.c */
extern const struct mode_ops help_mode_ops;         /* help.c */
extern const struct mode_ops review_mode_ops;       /* mode_review.c */
extern const struct mode_ops capture_mode_ops;      /* mode_capture.c */
extern const struct mode_ops dups_mode_ops;         /* mode_dups.c */
extern const struct mode_ops health_mode_ops;       /* mode_health.c */

/* ask.c: the state of a pick list and a question (their keys: pick.c, modes.c). */
void mode_pick_free(struct engine *e);
void mode_confirm_free(struct engine *e);
/* Fill the pick list again for its filter text. Returns reactions. */
int pick_refresh(struct pick *pk);
/* Forget the Tab completion candidates being cycled (complete.c). */
void compl_reset(struct engine *e);
/* Complete the ':' line at its cursor (Tab). Returns reactions. */
int cmdline_complete(struct engine *e);

/* ---- quick capture (mode_capture.c) ------------------------------------------ */

struct capture_ui;

/* ---- forms (ask.c; their keys: form.c) ------------------------------------ */

void form_free(struct form *f);
bool form_focus_multiline(const struct form *f);

/* ---- config (config.c) ----------------------------------------------------- */

/*
** The configuration language read into the engine (kithrc.c reads it; here
** bind and color apply to the keymaps and theme, and errors join
** e->config_errors and e->config_bad).
** Apply one statement (set, bind, color, source). On a bad statement
** returns false with the reason in why (no "path:line:" prefix).
** `path` is the file it came from (NULL for the ':' line), for source.
*/
bool config_statement(struct engine *e, const char *line, const char *path, int depth,
		      struct strbuf *why);
/* Apply a whole text; errors are appended to e->config_errors. Returns bad lines. */
int config_apply(struct engine *e, const char *text, const char *path, int depth);
/*
** Load a file: returns its bad lines (errors appended to e->config_errors),
** -2 if it does not exist, -1 if it cannot be read or is already being
** read (a `source` loop); why says which.
*/
int config_file(struct engine *e, const char *path, int depth, struct strbuf *why);
/* Idle seconds (ticks) after which the planner checkpoints the database. */
#define ENGINE_IDLE_CHECKPOINT 30

/* ---- the engine ---------------------------------------------------------------- */

struct undo_step {
	struct kdb_change *change;
	char *label;
};

struct undo_stack {
	struct undo_step *steps;
	int n, cap;
};
/* Drop every step (undo.c). */
void undo_stack_clear(struct undo_stack *st);

struct confirm_state {
	char *question;
	bool enter_yes;             /* Enter answers yes (a proposal), Esc no */
	confirm_fn yes;
	void *ctx;
	void (*ctx_free)(void *);
};

struct engine {
	struct kdb *db;
	const struct mode_ops *const *modes;    /* VM_COUNT_ tables (app.c) */
	char *label;
	struct pane panes[VP_COUNT_];
	enum view_pane cur;
	enum view_mode mode;

	struct keymaps *km;
	struct options *opts;
	struct view_theme_entry theme[VS_COUNT_];
	struct strbuf config_errors;
	int config_bad;

	/* normal-mode key state */
	struct keyseq pending;
	long count;                 /* 0: none typed */
	enum cmd pending_fallback;
	struct strbuf pending_text;
	const char *cmd_arg;        /* engine_cmd_arg() during a dispatch */
	bool bulk_next;             /* `;` was pressed: the next command is a bulk action */

	/* status line */
	char *message;
	bool message_is_error;

	/* undo */
	struct undo_stack undo, redo;

	/* modes */
	struct lineedit input;      /* search text or ':' line */
	char *search_text[VP_COUNT_];
	struct form *form;
	struct confirm_state confirm;
	struct pick *pick;
	struct help_state help;
	struct capture_ui *cap;     /* quick capture, while it lasts */
	struct review_state *review;    /* the daily review, while on (mode_review.c) */
	struct dups_state *dups;    /* the duplicates view, while on (mode_dups.c) */
	struct health_state *health;    /* the Health view, while on (mode_health.c) */
	int tour_step;              /* the guided tour's step (tour.c) */
	bool tour_fresh;            /* the last command moved the tour on */
	struct strbuf tour_msg;     /* a message and the tour's next step, together */
	char **hist;                /* ':' history, oldest first */
	int nhist, hist_pos;
	char *hist_draft;
	char **compl;               /* Tab completion candidates being cycled */
	int ncompl, compl_pos;
	size_t compl_start;         /* byte offset of the word being completed */

	/* external editor */
	char *editor_file;
	editor_done_fn editor_done;
	void *editor_ctx;

	/* geometry */
	int list_rows, detail_rows;
	bool side_by_side;
	/* a geometry given that the pane on screen has not loaded for yet (engine_layout) */
	bool layout_unsynced;

	long long data_version;
	int idle_ticks;                 /* one-second ticks since the last key */

	/* progress of a long operation (engine_set_progress) */
	engine_progress_fn progress;
	void *progress_ud;

	/* the view and strings it points to */
	struct view v;
	struct strbuf title, hint;
	const char *pane_title_override;

	/* team mode (team.c): a team folder beside the database; the title's mark */
	bool team;
	struct strbuf team_mark, team_title;
};

/* ---- the engine (engine.c; built by app.c) ---------------------------------------- */

/*
** Create an engine with the tables of its panes (VP_COUNT_) and modes
** (VM_COUNT_): engine_new() in app.c, which knows them all.
*/
enum kith_status engine_create(struct kdb *db, const char *label,
			       const struct pane_ops *const *panes,
			       const struct mode_ops *const *modes, struct engine **out,
			       struct kith_err *err);
/* Dispatch a command (pane first, then the engine's switch). */
int engine_dispatch(struct engine *e, enum cmd cmd, long count, const char *arg);
/* Run a command read by engine_seq_key (count >= 1). */
typedef int (*cmd_run_fn)(struct engine *e, enum cmd cmd, long count);
/* Feed k to a count + key-sequence reader over chain. */
int engine_seq_key(struct engine *e, struct kkey k, const int *chain, int n, cmd_run_fn run);
/* True if the lone key k is bound to nothing in chain and nothing is pending. */
bool engine_key_unbound(struct engine *e, struct kkey k, const int *chain, int n);

/* :messages (messages.c): every configuration error in a list. Returns reactions. */
int engine_messages(struct engine *e);
/*
** Team mode (team.c): engine_team_probe says whether the database has a
** team folder (a solo database reads nothing more); engine_team_mark
** makes the title's mark again ("synced 09:40, 3 to send, 1 conflict");
** :sync and :conflicts. Each returns reactions.
*/
bool engine_team_probe(struct kdb *db);
void engine_team_mark(struct engine *e);
int engine_sync(struct engine *e);
int engine_conflicts(struct engine *e);
/* :concerns (concerns.c): the listening report, then who raised an issue. Reactions. */
int engine_concerns(struct engine *e);
/* :import FILE (import_cmd.c). Returns reactions. */
int engine_import(struct engine *e, const char *arg);
/* Undo (redo=false) or redo one step (undo.c). Returns reactions. */
int engine_undo(struct engine *e, bool redo);

/* ---- services for panes and modes (services.c) ------------------------------------ */

struct pane *engine_pane(struct engine *e);
/* Reload every opened pane after a change (and tell the modes: mode_ops.reload). */
int engine_reload_panes(struct engine *e);
/* The same but for pane `shown`, which shows the change already. */
int engine_reload_panes_but(struct engine *e, struct pane *shown);
/* The keymap chain for a mode in the current pane; returns its length. */
int engine_chain(struct engine *e, enum view_mode mode, int chain[3]);
/*
** The mode a closing form, prompt or pick list returns to: the newest base
** mode that is on (the duplicates view, the review), else normal.
*/
enum view_mode engine_base_mode(const struct engine *e);
/* Leave any passing mode (frees its state) for the base mode or normal. */
void engine_mode_normal(struct engine *e);
/* Open a mode through its table (arg as for mode_ops.start). Returns reactions. */
int engine_mode_start(struct engine *e, enum view_mode mode, const char *arg);
/*
** The status line's hint: "KEY what" for each command bound in the mode's
** keymaps (its first key), " · " between them, appended to hint; h[0..n),
** or up to the first with no what (struct hint_def: internal.h).
*/
void engine_hint_keys(struct engine *e, enum view_mode mode, const struct hint_def *h, size_t n,
		      struct strbuf *hint);

/* ---- views over the panes (services.c, baseview.c) ---------------------------------- */

/*
** A base mode that covers the panes (the duplicates view, the Health view)
** and reads its data with load, which makes its state if there is none yet
** (mode_ops.view).
*/
typedef enum kith_status (*base_load_fn)(struct engine *e, struct kith_err *err);
struct base_view {
	const char *what;           /* "duplicates": what its errors start with */
	const char *name;           /* "duplicates view": "not in the duplicates view" */
	base_load_fn load;
	void (*opened)(struct engine *e);   /* says what it shows, once open (may be NULL) */
	/* A movement key (cmd_move_rows: J K too): move its cursor rows. Returns reactions. */
	int (*move)(struct engine *e, long rows);
	/* Its own commands: true if cmd is one, *r its reactions. */
	bool (*run)(struct engine *e, enum cmd cmd, long count, int *r);
};
/* Read the view's data (again); on failure says "what: why". Returns reactions. */
int engine_base_load(struct engine *e, const struct base_view *bv);
/*
** Open mode's view (mode_ops.view) unless it is on: leave any passing mode
** and read its data, or free it and say why. Returns reactions.
*/
int engine_base_open(struct engine *e, enum view_mode mode);
/* Close a base mode (free its state) and show the pane under it again. Returns reactions. */
int engine_base_end(struct engine *e, enum view_mode mode);
/*
** mode_ops.run of a view over the panes (baseview.c): a movement key moves
** its cursor, its own commands run, and the rest are answered as in every
** such view: ? help, ':' the command line, a pane's key (closing the view
** first), anything else "not in the NAME (q closes it)".
*/
int engine_base_run(struct engine *e, enum cmd cmd, long count);

/* ---- the guided tour (tour.c) ------------------------------------------------------ */
/* A command ran: move the tour on if it was what the step waits for. */
void tour_note(struct engine *e, enum cmd cmd);
/* The current step's text, or NULL (tour off or over). */
const char *tour_text_now(struct engine *e);
/* message, with the tour's next step after it when the last command moved the tour on. */
const char *tour_with_message(struct engine *e, const char *message);

struct review_state;    /* mode_review.c */
struct dups_state;      /* mode_dups.c */
struct health_state;    /* mode_health.c */

#endif
