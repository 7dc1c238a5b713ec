/*
 * panes.h: what the pane files of src/engine share besides internal.h.
 */
#ifndef KITH_ENGINE_PANES_H
#define KITH_ENGINE_PANES_H

#include "core.h"

#include "kith/date.h"
#include "kith/db.h"

/* "12d", "3w", "never" for a stored time ("" = never). */
void fmt_ago(const char *when, char out[16]);
/* "+1 ally", "−2 opp" ... */
const char *fmt_alignment(int a);
void fmt_influence(int influence, char out[4]);
enum view_style fmt_alignment_style(int a);
/*
** Parse a WHEN typed in a form into "YYYY-MM-DD[ HH:MM]" (date only if
** date_only). False with err set if it is not a date.
*/
bool fmt_parse_when(const char *text, char out[KDATETIME_STR], bool date_only,
		    struct kith_err *err);

/*
** Ask how long to snooze, the same way everywhere (snooze.c): a pick list of
** 1d, 3d, 1w, 2w and "a date or a reason…" that takes a typed WHEN at once.
** apply() writes until ("YYYY-MM-DD", after today) and reason (NULL or text)
** and returns KITH_OK or an error it explains in err; after() (may be NULL)
** runs once it succeeded. ctx is freed with ctx_free when the question ends.
*/
typedef enum kith_status (*snooze_apply_fn)(struct engine *e, const char *until,
					    const char *reason, void *ctx,
					    struct kith_err *err);
void engine_snooze_ask(struct engine *e, const char *title, snooze_apply_fn apply,
		       int (*after)(struct engine *, void *), void *ctx,
		       void (*ctx_free)(void *));

/* Form validators shared by the panes (NULL when fine). */
const char *form_check_required(struct form *f, int field, const char *text);
const char *form_check_when(struct form *f, int field, const char *text);
const char *form_check_when_optional(struct form *f, int field, const char *text);
const char *form_check_tier(struct form *f, int field, const char *text);
/* The kind and promise fields of the follow-up forms (new and edit). */
#define FORM_FIELD_FKIND \
	{ "Kind", "thank-you, send-info, introduce, check-in, ask, other", NULL, false, \
	  kith_followup_kind_parse, "one of thank-you, send-info, introduce, check-in, ask, other" }
#define FORM_FIELD_DIRECTION \
	{ "Promise", "none, owe (I owe them), owed (they owe me)", NULL, false, \
	  kith_direction_parse, "none, owe (I owe them) or owed (they owe me)" }

/*
** Rows marked with t for a bulk action: a small set of ids kept by a pane
** across paging and reloads (ids, not window indexes).
*/
struct marks {
	int64_t *ids;
	int n, cap;
};
/* Toggle id; returns true if it is now marked. (The ids are kept sorted.) */
bool marks_toggle(struct marks *m, int64_t id);
/* Mark (on) or unmark id; returns true if that changed anything. */
bool marks_set(struct marks *m, int64_t id, bool on);
bool marks_has(const struct marks *m, int64_t id);
/* Mark every id of ids[0..n) at once (n log n); returns how many were new. */
int marks_merge(struct marks *m, const int64_t *ids, int n);
void marks_free(struct marks *m);
/* Set view_row.marked on the rows lw_fill_view just put in out. */
void marks_apply(const struct marks *m, struct listwin *lw, struct view_list *out);
/*
** The mark command of the list panes: toggle the selected row and move down.
** Returns reactions.
*/
int marks_command(struct pane *p, struct marks *m, struct listwin *lw);
/* fn(ud, id) for every row of the whole list, in order (T, :mark TEXT). */
int lw_each_id(struct pane *p, struct listwin *lw, void (*fn)(void *ud, int64_t id), void *ud,
	       struct kith_err *err);

/* The log-interaction and follow-up forms, for a contact (used by several panes). */
void forms_log_open(struct engine *e, int64_t contact_id, const char *name);
void forms_followup_open(struct engine *e, int64_t contact_id, const char *name);
/*
** The log form for one interaction with every contact of ids (a group, `;n`);
** after(e, after_ctx) runs once it saved (may be NULL).
*/
void forms_log_open_many(struct engine *e, const int64_t *ids, size_t n,
			 int (*after)(struct engine *e, void *ctx), void *after_ctx);
struct kith_followup;
/*
** Ask question (Enter says yes); a yes adds the follow-up fu (its contact,
** kind, direction, title and due are copied) as one undo step, label, and
** the status line says done.
*/
void forms_followup_offer(struct engine *e, const char *question, const struct kith_followup *fu,
			  const char *label, const char *done);
/*
** forms_rel.c: the relationship and role forms for a contact: cmd is
** CMD_REL_ADD, CMD_REL_EDIT (a pick list of them, then the form),
** CMD_ROLE_ADD or CMD_ROLE_EDIT; false for any other command.
*/
bool forms_rel_open(struct engine *e, enum cmd cmd, int64_t contact_id, const char *name);
/* warm.c: the warm paths from me to a contact or (contact_id 0) an organisation. */
int warm_paths_open(struct engine *e, int64_t contact_id, int64_t org_id, const char *name);
/*
** person.c: the commands on one person every pane showing people has: n
** (log), w (warm paths, also to an organisation: contact_id 0), and the
** relationship and role forms (a contact only). True if cmd was one.
*/
bool person_command(struct engine *e, enum cmd cmd, int64_t contact_id, int64_t org_id,
		    const char *name, int *r);

/*
** Contact card lines (card.c): row callbacks appending to the struct page
** given as ud, and card_none() saying a section just headed is empty.
*/
struct role_row;
struct interaction_row;
struct relationship_row;
struct map_position_row;
struct followup_row;
int card_role_line(void *ud, const struct role_row *r);
/*
** A timeline line: ud is a struct card_timeline. In a team, an interaction
** another member logged says so ("logged by Ana"): its key's range names
** the replica (a key below 2^40, the seed's or a solo database's, costs
** no lookup).
*/
struct card_timeline {
	struct page *pg;
	struct kdb *db;
};
/*
** "  (logged by Ana)" for a row a member made in a team (its key's range
** names the replica, this one's too), "" for the seed's rows and a solo
** database's (no lookup); free() it. The timeline's
** interactions and notes, and a power map's placements and moves, say so.
*/
char *card_logged_by(struct kdb *db, int64_t key);
int card_timeline_line(void *ud, const struct interaction_row *r);
int card_followup_line(void *ud, const struct followup_row *r);
int card_relationship_line(void *ud, const struct relationship_row *r);
int card_map_line(void *ud, const struct map_position_row *r);
void card_none(struct page *pg, const char *what, const char *hint);
/* A section headed by its first row (title), or not at all. */
struct card_section {
	struct page *pg;
	const char *title;
	int n;
};
struct concern_row;
int card_concern_line(void *ud, const struct concern_row *r);  /* ud: struct card_section */
/*
** What you gave the contact against what you asked (kith/health.h): one
** line, highlighted with "offer something" when you only asked; none when
** neither.
*/
void card_reciprocity(struct page *pg, struct kdb *db, int64_t id);
/* import_extra_fn: a kept-aside field of the card ("birthday: 1980-02-01  (merge #14)"). */
int card_extra_line(void *ud, const char *source, const char *name, const char *value);

/*
** map_edit.c: place a contact on a map where their card puts them (their
** own influence and stance); one whose influence was never set goes to
** (fallback_influence, fallback_alignment). One write, no undo step taken:
** the caller ends it (engine_after_write, or a batch for several people).
** The place used is returned in *influence_out, *alignment_out (may be NULL).
*/
enum kith_status map_place_contact(struct kdb *db, int64_t map_id, int64_t contact_id,
				   int fallback_influence, int fallback_alignment,
				   int *influence_out, int *alignment_out, struct kith_err *err);

#endif
