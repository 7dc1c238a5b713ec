/*
 * concern.h: listening to constituents (issue 18).
 *
 * A concern is an issue a person raised: a tag (the issue's name, as
 * #bus-route-14 in capture), the day, and their own words. A promise is a
 * commitment made to the people who raised an issue; its progress updates
 * are logged once, and telling each person who raised the issue is kept
 * (promise_tell logs one group interaction and remembers who was told).
 */
#ifndef KITH_CONCERN_H
#define KITH_CONCERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;

struct kith_concern {
	int64_t contact_id;         /* who raised it */
	const char *issue;          /* the tag, without '#' */
	const char *raised_at;      /* "YYYY-MM-DD"; NULL: today */
	const char *words;          /* what they said; NULL: "" */
	int64_t interaction_id;     /* where they said it; 0: none */
};
/* Add one (the contact is tagged with the issue too). One write. */
enum kith_status concern_add(struct kdb *db, const struct kith_concern *c, int64_t *id_out,
			     struct kith_err *err);

/* One concern, with who raised it. */
struct concern_row {
	int64_t id, contact_id;
	const char *issue, *raised_at, *words, *name;
};
typedef int (*concern_row_fn)(void *ud, const struct concern_row *row);
/* The concerns a person raised, newest first (the card). */
enum kith_status concern_list_for_contact(struct kdb *db, int64_t contact_id, int limit,
					  concern_row_fn fn, void *ud, struct kith_err *err);
/* Everyone who raised an issue, newest first. */
enum kith_status concern_list_for_issue(struct kdb *db, const char *issue, int limit,
					concern_row_fn fn, void *ud, struct kith_err *err);

/* One line of the listening report. */
struct issue_row {
	const char *issue;
	int people;                 /* distinct people who raised it since the day asked */
	int raised;                 /* times raised */
	const char *last_at;        /* the latest day it was raised */
	const char *districts;      /* "Ward 3 (5), Ward 4 (2)": the three with most people */
	int open_promises;
};
typedef int (*issue_row_fn)(void *ud, const struct issue_row *row);
/*
** The listening report: issues raised on or after `since` ("YYYY-MM-DD"),
** by how many people raised them, then how recently, then name.
*/
enum kith_status concern_report(struct kdb *db, const char *since, int limit, issue_row_fn fn,
				void *ud, struct kith_err *err);

/* A promise made to the people who raised `issue` (a tag that exists). */
enum kith_status promise_add(struct kdb *db, const char *issue, const char *title,
			     int64_t *id_out, struct kith_err *err);
/* Log a progress update once (at: "YYYY-MM-DD", NULL today). */
enum kith_status promise_update(struct kdb *db, int64_t promise_id, const char *text,
				const char *at, int64_t *id_out, struct kith_err *err);
/* Close a promise: kept (true) or dropped. */
enum kith_status promise_close(struct kdb *db, int64_t promise_id, bool kept,
			       struct kith_err *err);

struct promise_row {
	int64_t id;
	const char *issue, *title, *status, *made_at;
	int updates;
	const char *last_update;    /* its text, "" if none */
	int64_t last_update_id;     /* 0: none */
	const char *last_update_at; /* its day, "" if none */
	int people;                 /* who raised the issue */
	int untold;                 /* of them, not yet told the last update */
};
typedef int (*promise_row_fn)(void *ud, const struct promise_row *row);
/* Promises, open first (all: the kept and dropped too), newest first. */
enum kith_status promise_list(struct kdb *db, bool all, promise_row_fn fn, void *ud,
			      struct kith_err *err);
/* One promise by id (fn called once), KITH_NOTFOUND if none. */
enum kith_status promise_get(struct kdb *db, int64_t id, promise_row_fn fn, void *ud,
			     struct kith_err *err);

/*
** The people who raised the issue of update `update_id` and have not been
** told it (archived contacts left out), by name: *ids (malloc'd), *n.
*/
enum kith_status promise_untold(struct kdb *db, int64_t update_id, int64_t **ids, size_t *n,
				struct kith_err *err);
/*
** Tell them: one group interaction (kind, summary; NULL: "Update on
** #issue: the update's text") with everyone promise_untold names, and each
** remembered as told. One write. *told receives how many (0: no one left
** to tell, nothing written).
*/
enum kith_status promise_tell(struct kdb *db, int64_t update_id, int kind, const char *summary,
			      int64_t *interaction_id, size_t *told, struct kith_err *err);

#endif
