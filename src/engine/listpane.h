/*
 * listpane.h: the base of the list panes (Contacts, Events, Follow-ups).
 *
 * A list pane is a struct listpane (first member of the pane's private
 * struct) plus a const struct listpane_def naming what is the pane's own:
 * its columns and fetch, its commands, how to load the card of a row.
 * The base owns the rest: the list window (struct listwin), the marks (t),
 * the detail card, the incremental search text, the title, and the
 * generic commands (moving, open/back, scrolling the card, marking,
 * editing the note in $EDITOR), so every generic key works in every pane.
 *
 * The view is a snapshot. The database is read only when something
 * happens: a key (listpane_command), a reload after a write or a change
 * elsewhere, a new search text, a new geometry (the pane_ops sync hook,
 * run when the pane is next shown or, if no key came first, before the
 * next view is built: the screen gives a geometry within its frame).
 * Each of these ends in listpane_sync(), which loads the card of the
 * selected row when it became visible, the cursor moved or the data
 * changed (detail_dirty). listpane_fill_view() only copies what is held
 * into the view and never queries, so the screen may build the view as
 * often as it likes for free. Another pane (the map) follows the same
 * model: load in command/reload/sync, copy in fill_view.
 */
#ifndef KITH_ENGINE_LISTPANE_H
#define KITH_ENGINE_LISTPANE_H

#include "kith/date.h"
#include "panes.h"
#include "rows.h"

/*
** The kinds of column the list panes share (struct view_column): a date,
** as wide as "YYYY-MM-DD" and never wider; the row's text, which takes the
** width the other columns leave (at least 16).
*/
#define LISTPANE_DATE_COLUMN(title) { (title), KDATE_STR - 1, KDATE_STR - 1, VA_LEFT }
#define LISTPANE_TEXT_COLUMN(title) { (title), 16, 0, VA_LEFT }

struct listpane_def {
	int ncols;
	const struct view_column *cols;
	lw_fetch_fn fetch;
	lw_count_fn count;
	/* The card of row id into pg (cleared). The only place a card queries. */
	void (*load_detail)(struct pane *p, int64_t id, struct page *pg);
	/* The card holds more once opened (Enter): built again on open and back. */
	bool detail_grows_open;
	/* The card reads many tables: its queries share one read snapshot (each alone
	   would begin and end its own, ~5,000 instructions a statement). */
	bool detail_snapshot;
	/* The pane's own commands (id: the selected row, 0 if none); true if handled. */
	bool (*command)(struct pane *p, enum cmd cmd, int64_t id, long n, int *r);
	/*
	** Optional. The pane's form: a (CMD_ADD, or add_cmd, the pane's own
	** add command) opens it on a new row (id 0), e on the selected row id.
	*/
	void (*open_form)(struct pane *p, int64_t id);
	enum cmd add_cmd;
	/*
	** Optional (past_flag 0: none). zp shows or hides the rows kept out of
	** the list (archived, done, past): past_flag is the offsetof that bool
	** in the pane's private struct, past_shown and past_hidden what the
	** status line says then. past_toggled (optional) runs after the flip;
	** it may change *id, the row selected when the list loads again.
	*/
	size_t past_flag;
	const char *past_shown, *past_hidden;
	void (*past_toggled)(struct pane *p, int64_t *id);
	/* Optional. Its commands on a row, asked only when one (id) is selected. */
	bool (*row_command)(struct pane *p, enum cmd cmd, int64_t id, int *r);
	/* Optional. Before a (re)load (dates, counts the pane keeps), and after it. */
	void (*prepare)(struct pane *p);
	void (*loaded)(struct pane *p);
	/* Optional. The search text became match (lp->match; NULL: none): set it on the query. */
	void (*set_match)(struct pane *p, const char *match);
	/* What an empty list says. */
	const char *(*empty_text)(struct pane *p);
	/* Optional. The title after "kith — Title — db — " (default: "12 contacts"). */
	void (*title)(struct pane *p, long long total, struct strbuf *sb);
	/* Optional. More of the view, copied from what the pane holds. */
	void (*fill)(struct pane *p, struct view *v);
	/* Optional. Free what the pane holds besides the base. */
	void (*close)(struct pane *p);
	/* The column naming a row (in questions and form titles). */
	int name_col;
	/*
	** D: delete row id, after a yes to del_question when confirm.delete is
	** on (%s: the row's name); del_done is the message (%s the name),
	** del_label the undo step. NULL: the pane deletes nothing.
	*/
	enum kith_status (*del)(struct kdb *db, int64_t id, struct kith_err *err);
	const char *del_question, *del_done, *del_label;
	/* What a row is, for its long note (E; rows.h). ROW_NONE: no note. */
	enum row_kind row;
};

struct listpane {
	const struct listpane_def *def;
	struct listwin lw;
	struct marks marks;         /* t */
	char *match;                /* the search text, NULL if none */
	struct page detail;
	int64_t detail_id;          /* whose card the page holds (0 none, -1 a page of its own) */
	bool detail_open;
	bool detail_built_open;     /* the page was built with the detail open */
	bool detail_dirty;          /* the data changed: load the card again */
	struct strbuf title;
};

/* The pane's listpane (pane->priv starts with one). */
struct listpane *listpane_of(struct pane *p);
/* The pane's ops->open: the base set up with def, then loaded. */
int listpane_open(struct pane *p, const struct listpane_def *def, struct kith_err *err);
/* (Re)load keeping the selection; or (listpane_select) selecting row id. */
int listpane_reload(struct pane *p, struct kith_err *err);
int listpane_select(struct pane *p, int64_t id, struct kith_err *err);
/*
** After a write: the selected row, id, left the list (a follow-up done).
** The window keeps its place without it, the total is counted again and
** the card of the row taking its place loads; the rest of the screen is
** not read again (listpane_reload would read a screen of rows). Reloads
** if that cannot be done. A status.
*/
int listpane_drop(struct pane *p, int64_t id, struct kith_err *err);
/*
** The pane's query changed (a toggle, another order): load again with row
** id selected and say msg (printf), or what failed. Returns reactions.
*/
int listpane_requery(struct pane *p, int64_t id, const char *msg, ...) KITH_PRINTF(3, 4);
void listpane_close(struct pane *p);
bool listpane_command(struct pane *p, enum cmd cmd, long n, int *r);
int listpane_filter(struct pane *p, const char *text, struct kith_err *err);
/* Load what became visible or changed (the card); see the model above. */
void listpane_sync(struct pane *p);
/* Copy what is held into the view. Never queries. */
void listpane_fill_view(struct pane *p, struct view *v);
/* The cells of the selected row, NULL if none. */
const char *const *listpane_selected_cells(struct pane *p);
/*
** The rows marked with t in pane p (ids, sorted; valid until the marks
** change). False if p is not a list pane.
*/
bool listpane_marked(struct pane *p, const int64_t **ids, int *n);
/* Drop every mark of pane p (after a bulk action). */
void listpane_marks_clear(struct pane *p);
/* pane_ops->show of every list pane: row id selected, its card open, no search hiding it. */
int listpane_show(struct pane *p, int64_t id);
/* pane_ops->marks of every list pane: its marks and its list (bulk.c). */
struct marks *listpane_marks(struct pane *p, struct listwin **lw);

/*
** Define `const struct pane_ops var` for a list pane: name, title, noun and
** nouns as in struct pane_ops, private struct type, and its listpane_def.
*/
#define LISTPANE_DEFINE(var, name_, title_, noun_, nouns_, vp, type, def) \
	static int var##_open(struct pane *p, struct kith_err *err) \
	{ \
		return listpane_open(p, &(def), err); \
	} \
	const struct pane_ops var = { \
		.name = name_, .title = title_, .noun = noun_, .nouns = nouns_, .id = vp, \
		.private_size = sizeof(type), \
		.open = var##_open, .close = listpane_close, .reload = listpane_reload, \
		.command = listpane_command, .filter = listpane_filter, \
		.fill_view = listpane_fill_view, .sync = listpane_sync, \
		.marks = listpane_marks, .show = listpane_show, \
	}

#endif
