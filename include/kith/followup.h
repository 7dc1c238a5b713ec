/*
 * followup.h: follow-ups, commitments (a follow-up with a direction) and
 * introductions (a follow-up that names who introduces whom to whom).
 */
#ifndef KITH_FOLLOWUP_H
#define KITH_FOLLOWUP_H

#include <stdbool.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;

struct kith_followup {
	int64_t id;
	int64_t contact_id;         /* 0: not about one person */
	int64_t event_id;           /* 0: none */
	int64_t interaction_id;     /* where it was promised, 0: none */
	int kind;                   /* enum kith_followup_kind */
	char *title;                /* required */
	char *due;                  /* "YYYY-MM-DD" or NULL */
	int priority;               /* 0..3 */
	int status;                 /* enum kith_followup_status */
	int direction;              /* enum kith_direction */
	int64_t intro_a_id, intro_b_id, intro_by_id;  /* introduce a to b, by */
	int intro_stage;            /* enum kith_intro_stage */
	char *notes;
	/* Filled by followup_get only: */
	char done_at[17];
	int snooze_count;
	char *snooze_reason;
	char created_at[20];
};
void followup_free(struct kith_followup *f);

enum kith_status followup_add(struct kdb *db, const struct kith_followup *f, int64_t *id_out,
			      struct kith_err *err);
enum kith_status followup_get(struct kdb *db, int64_t id, struct kith_followup *out,
			      struct kith_err *err);
enum kith_status followup_update(struct kdb *db, const struct kith_followup *f,
				 struct kith_err *err);
enum kith_status followup_delete(struct kdb *db, int64_t id, struct kith_err *err);
/*
** Mark done (done_at = now). Already done: KITH_INVALID. (followup_update
** also sets done_at when it closes a follow-up and clears it on reopening.)
*/
enum kith_status followup_done(struct kdb *db, int64_t id, struct kith_err *err);
/* Re-open a done or dropped follow-up. */
enum kith_status followup_reopen(struct kdb *db, int64_t id, struct kith_err *err);
/*
** `x` on a follow-up: an open one is marked done (done_at = now), a done or
** dropped one re-opened, in one statement that reads and writes the row.
** *status_out (may be NULL) receives the new status.
*/
enum kith_status followup_toggle_done(struct kdb *db, int64_t id, int *status_out,
				      struct kith_err *err);
/*
** Move the due date to `due` (required), counting a snooze, with an optional
** reason (replacing the previous one). Only open follow-ups: a done or
** dropped one is KITH_INVALID.
*/
enum kith_status followup_snooze(struct kdb *db, int64_t id, const char *due,
				 const char *reason, struct kith_err *err);
/* Change the due date without counting a snooze (NULL: no date). */
enum kith_status followup_set_due(struct kdb *db, int64_t id, const char *due,
				  struct kith_err *err);
enum kith_status followup_set_intro_stage(struct kdb *db, int64_t id, int stage,
					  struct kith_err *err);

struct followup_query {
	bool include_done;          /* also done and dropped ones (after the open ones) */
	int64_t contact_id;         /* only this contact's; 0: all */
	const char *match;          /* FTS text or NULL */
};

struct followup_row {
	int64_t id;
	int64_t contact_id;
	const char *contact_name;   /* "" if none */
	int kind;
	const char *title;
	const char *due;            /* "" if none */
	int priority, status, direction, intro_stage;
	int snooze_count;
	const char *done_at;
};
typedef int (*followup_row_fn)(void *ud, const struct followup_row *row);
/*
** Open follow-ups by due date (undated last), then id; with include_done
** the done/dropped ones follow, newest first. Windowed as contact_list.
** "Newest" is the most recently created (id descending), so every part of
** the list stays an index walk. A closed anchor in a list without
** include_done sorts after all the open rows.
*/
enum kith_status followup_list(struct kdb *db, const struct followup_query *q, int64_t anchor,
			       int dir, int limit, followup_row_fn fn, void *ud,
			       struct kith_err *err);
/*
** With q->match, a search matching more than 250 follow-ups is listed in
** the order they were added (one index walk, whatever the due dates), and
** followup_count stops counting at 251: every keystroke of an incremental
** search stays cheap at city scale.
*/
enum kith_status followup_count(struct kdb *db, const struct followup_query *q,
				long long *out, struct kith_err *err);

/*
** Open follow-ups due before `today` ("YYYY-MM-DD"), counted up to cap + 1
** on the open-by-due index alone (the title bar's "3 overdue").
*/
enum kith_status followup_count_overdue(struct kdb *db, const char *today, int cap,
					long long *out, struct kith_err *err);

#endif
