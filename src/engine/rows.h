/*
 * rows.h: a contact, an event or a follow-up read and written as a whole
 * record, for what the list panes do alike with their rows: the note in
 * $EDITOR (E) and the edit form that watches its row (form_watch).
 */
#ifndef KITH_ENGINE_ROWS_H
#define KITH_ENGINE_ROWS_H

#include "internal.h"

#include "kith/contact.h"
#include "kith/event.h"
#include "kith/followup.h"

enum row_kind { ROW_NONE, ROW_CONTACT, ROW_EVENT, ROW_FOLLOWUP };

struct row {
	enum row_kind kind;
	union {
		struct kith_contact contact;
		struct kith_event event;
		struct kith_followup followup;
	} u;
};

/* Read row id of kind into out (row_free it after a KITH_OK). */
enum kith_status row_get(struct kdb *db, enum row_kind kind, int64_t id, struct row *out,
			 struct kith_err *err);
void row_free(struct row *r);

/*
** The long note of row id (E): read it (text NULL: *now and *name, its
** display name or title, receive copies) or save text over it.
*/
enum kith_status row_note(struct kdb *db, enum row_kind kind, int64_t id, const char *text,
			  char **now, char **name, struct kith_err *err);

/* The edit form on an existing row. */
struct row_form {
	enum row_kind kind;
	const char *title;          /* NULL: "Edit " and the row's name */
	int nfields;
	const struct form_field_def *defs;
	/* What field i shows for row r: out[i] xstrdup'd (NULL: "", and not compared). */
	void (*values)(const struct row *r, char **out);
	form_save_fn save;
};

/*
** Open the form rf on row id, its fields showing the row, and watch the
** row (form_watch) so a save merges with what others saved since. ctx is
** the save callback's, freed by ctx_free with the form; when the row
** cannot be read no form opens, the status says why and ctx stays the
** caller's.
*/
enum kith_status form_open_row(struct engine *e, const struct row_form *rf, int64_t id,
			       void *ctx, void (*ctx_free)(void *), struct kith_err *err);

#endif
