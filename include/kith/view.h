/*
 * view.h: the view model, the contract between the engine and the screen.
 *
 * The engine (src/engine, no curses, no SQL) owns all state and builds a
 * struct view describing what should be on screen *in words*: rows of
 * already-formatted UTF-8 cells, a detail as styled lines, the power-map
 * grid, the open form, the pick list, the status line. The screen
 * (src/ui) draws a struct view and nothing else: it never decides what a
 * row says, only where and how it fits. Tests read the same struct with
 * no terminal at all.
 *
 * Keys cross the boundary as struct kkey: a Unicode code point for text,
 * or one of enum kkey_special. The screen translates curses key codes;
 * the engine never sees curses.
 *
 * Lifetime: the pointers in a struct view belong to the engine and stay
 * valid until the next engine call that takes a key or changes state.
 */
#ifndef KITH_VIEW_H
#define KITH_VIEW_H

#include <stdbool.h>
#include <stdint.h>

/* ---- keys ------------------------------------------------------------ */

enum kkey_special {
	KK_NONE = 0,
	KK_CHAR,            /* a Unicode code point in .cp (Ctrl-A is cp 1) */
	KK_UP, KK_DOWN, KK_LEFT, KK_RIGHT,
	KK_HOME, KK_END, KK_PGUP, KK_PGDN,
	KK_ENTER, KK_ESC, KK_TAB, KK_BTAB, KK_BACKSPACE, KK_DELETE, KK_INSERT,
	KK_F1, KK_F2, KK_F3, KK_F4, KK_F5, KK_F6, KK_F7, KK_F8, KK_F9, KK_F10,
	KK_F11, KK_F12,
	KK_RESIZE,          /* the terminal changed size: relayout */
	KK_TICK,            /* idle timeout: a chance to refresh from the database */
};

struct kkey {
	enum kkey_special type;
	uint32_t cp;        /* for KK_CHAR */
};

/* ---- styles (the screen maps each to a theme colour) ---------------- */

#define VIEW_STYLES(_) \
	_(NORMAL, "normal") _(TITLE, "title") _(STATUS, "status") _(ERROR, "error") \
	_(SELECTED, "cursor") _(HEADER, "header") _(DIM, "dim") _(MARKED, "marked") \
	_(OVERDUE, "overdue") _(DUE, "due") _(ALLY, "ally") _(OPPOSED, "opposed") \
	_(NEUTRAL, "neutral") _(TARGET, "target") _(TAB, "tab") _(TAB_ACTIVE, "tab-active") \
	_(LABEL, "label") _(INPUT, "input") _(HIGHLIGHT, "highlight") _(HELP_KEY, "help-key")

enum view_style {
#define VIEW_STYLE_ENUM(n, s) VS_##n,
	VIEW_STYLES(VIEW_STYLE_ENUM)
#undef VIEW_STYLE_ENUM
	VS_COUNT_
};

/* ---- panes, modes ---------------------------------------------------- */

/* The first VP_TABS_ panes have a tab (1-4); the Goals view is reached by zg, :goals. */
enum view_pane { VP_CONTACTS, VP_EVENTS, VP_MAP, VP_FOLLOWUPS, VP_GOALS, VP_COUNT_ };
#define VP_TABS_ VP_GOALS

enum view_mode {
	VM_NORMAL,          /* lists and details */
	VM_SEARCH,          /* incremental search: the list filters as you type */
	VM_COMMAND,         /* ':' command line */
	VM_FORM,            /* editing a form */
	VM_CONFIRM,         /* a y/n question */
	VM_PICK,            /* choosing from a filtered pick list */
	VM_HELP,            /* the '?' screen */
	VM_REVIEW,          /* the daily review: one person at a time */
	VM_CAPTURE,         /* quick capture: one line, then its preview (input + detail) */
	VM_DUPLICATES,      /* the duplicates review: pairs, or two cards side by side */
	VM_HEALTH,          /* the health of the network: a report (read only) */
};

/* A single-line text input as drawn: text and cursor (byte offset). */
struct view_input {
	const char *prompt;     /* "/", ":", "Name: " */
	const char *text;
	int cursor;             /* byte offset into text */
};

/* ---- list ------------------------------------------------------------ */

enum view_align { VA_LEFT, VA_RIGHT };

struct view_column {
	const char *title;
	int min_width;          /* columns; the screen never goes below unless the pane is narrower */
	int max_width;          /* 0: takes the remaining width (one column should) */
	enum view_align align;
};

struct view_row {
	const char *const *cells;   /* ncols cells */
	enum view_style style;      /* whole-row style (VS_NORMAL usually) */
	bool marked;                /* 't' marked for a bulk action */
	bool group;                 /* a group header ("Overdue"): cells[0] is its text */
};

struct view_list {
	int ncols;
	const struct view_column *cols;
	int nrows;                  /* rows held: the visible window (ask for `height` rows) */
	const struct view_row *rows;
	int selected;               /* index into rows of the cursor row, -1 if none */
	long long position;         /* 0-based index of the selected row in the whole list */
	long long total;            /* rows in the whole (filtered) list */
	const char *empty_text;     /* shown when total == 0 */
};

/* ---- detail (a scrollable page of styled lines) ---------------------- */

struct view_line {
	enum view_style style;
	int indent;                 /* columns */
	const char *text;
};

struct view_detail {
	const char *title;
	int nlines;
	const struct view_line *lines;
	int scroll;                 /* first line shown */
};

/* ---- power map grid --------------------------------------------------- */

struct view_map_entry {
	const char *label;          /* a short name */
	char mark;                  /* '@' person, '#' organisation, '*' target */
	enum view_style style;      /* VS_TARGET, VS_DIM (stale), VS_HIGHLIGHT, ... */
	bool selected;
};

struct view_map_cell {
	int nentries;
	const struct view_map_entry *entries;
};

struct view_map {
	const char *name;           /* the map's name, NULL if no map exists */
	const char *goal;
	const char *col_titles[5];  /* alignment -2..+2 */
	const char *row_titles[5];  /* influence 5..1, top to bottom */
	struct view_map_cell cells[5][5];   /* [row: influence 5..1][col: alignment -2..+2] */
	int cur_row, cur_col;       /* the cell cursor */
	const char *footer;         /* band and quadrant counts */
	bool read_only;             /* showing an :asof view */
};

/* ---- form -------------------------------------------------------------- */

struct view_field {
	const char *label;
	const char *value;
	const char *error;          /* validation message beside the field, NULL if fine */
	const char *hint;           /* "YYYY-MM-DD, fri, 3d" */
	bool multiline;             /* edited with E in $EDITOR; shown as first line */
};

struct view_form {
	const char *title;
	int nfields;
	const struct view_field *fields;
	int focus;                  /* field being edited */
	int cursor;                 /* byte offset in the focused field's value */
};

/* ---- pick list --------------------------------------------------------- */

struct view_pick {
	const char *title;          /* "Which Dana?", "Add attendee" */
	struct view_input filter;
	int nitems;
	const char *const *items;
	int selected;
};

/* ---- help -------------------------------------------------------------- */

struct view_help_row {
	const char *keys;           /* "j, Down" ("" for a group header) */
	const char *command;        /* "move-down" (group name for a header) */
	const char *help;           /* "Move the cursor down" */
};

struct view_help {
	int nrows;
	const struct view_help_row *rows;
	int scroll;
	const char *filter;         /* '/' filter text or NULL */
};

/* ---- the whole screen -------------------------------------------------- */

struct view {
	enum view_pane pane;
	enum view_mode mode;
	const char *pane_names[VP_COUNT_];  /* "Contacts", "Events", "Power map", "Follow-ups" */
	const char *title;          /* title bar: "kith — Contacts — ~/.local/share/kith/kith.db — 60 contacts" */
	bool welcome;               /* empty database: show the welcome text in detail */
	bool review;                /* the daily review or the Health view is on: detail
				       fills the body (forms and prompts draw over it) */
	bool list_full;             /* the list fills the body (the duplicates view) */

	struct view_list list;      /* the current pane's list (not used by the map pane) */
	struct view_detail detail;  /* the selected item's detail */
	bool detail_open;           /* Enter opened it (narrow: replaces the list) */
	struct view_map map;        /* VP_MAP only */

	struct view_input input;    /* VM_SEARCH, VM_COMMAND and VM_CAPTURE */
	struct view_form form;      /* VM_FORM */
	struct view_pick pick;      /* VM_PICK */
	struct view_help help;      /* VM_HELP */
	const char *confirm;        /* VM_CONFIRM: "Delete Zoë Ngô? (y/n)" */

	const char *mode_name;      /* "NORMAL", "SEARCH", ... for the status line */
	const char *pending;        /* keys typed so far of a sequence or count: "5", "g" */
	const char *message;        /* last message, or NULL */
	bool message_is_error;
	const char *hint;           /* the next useful key in this mode */
	bool monochrome;            /* NO_COLOR or `set color off` */
};

#endif
