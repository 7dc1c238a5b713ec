/*
 * goal.h: networking goals (src/db/goal.c): "Meet 3 school-board members
 * by March" is a target count, a date, a query of who counts (kith/query.h)
 * and how they count.
 *
 * A person counts once, from their first qualifying touch between the day
 * the goal was set and its date (both included):
 *   met         an interaction of kind meeting, coffee, event or social
 *               with them, or an event they attended or met me at
 *   talked      any interaction but a note (call, email, message too), or
 *               an event as for met
 *   introduced  an introduction of them (either side of `!intro @a>@b`)
 *               that was made, met or thanked: the day it last moved
 *   placed      placed on, or moved on, a power map
 * "me" and archived contacts never count.
 *
 * State, read from the touches (nothing is stored but the goal):
 *   reached  the target-th person counted, on reached_on (kept so)
 *   missed   the date passed first
 *   dropped  given up by the user on dropped_on (kept, with its progress)
 *   open     else; behind when fewer are counted than the pace asks:
 *            target × days gone / days in all, rounded down
 */
#ifndef KITH_GOAL_H
#define KITH_GOAL_H

#include <stdbool.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;

#define KITH_GOAL_HOWS(_) \
	_(MET, "met") _(TALKED, "talked") _(INTRODUCED, "introduced") _(PLACED, "placed")

enum goal_how {
#define GOAL_HOW_ENUM(n, w) GOAL_##n,
	KITH_GOAL_HOWS(GOAL_HOW_ENUM)
#undef GOAL_HOW_ENUM
	GOAL_HOW_COUNT_
};
const char *goal_how_name(int how);
int goal_how_parse(const char *word);       /* -1 if unknown */

enum goal_state { GOAL_OPEN, GOAL_REACHED, GOAL_MISSED, GOAL_DROPPED };
const char *goal_state_name(enum goal_state s);   /* "open", "reached", ... */

struct goal {
	int64_t id;
	char *title;
	char *who;                  /* the query as typed */
	int how;                    /* enum goal_how */
	int target;
	char set_on[11], due[11];
	char dropped_on[11];        /* "" unless dropped */
	/* progress on the day asked for */
	int count;                  /* people counted */
	enum goal_state state;
	char reached_on[11];        /* "" unless reached */
	int expected;               /* what the pace asks for by now (open goals) */
	bool behind;                /* open and count < expected */
	long days_left;             /* to the date (0 on it; negative after) */
};

struct goal_person {
	int64_t contact_id;
	const char *name;
	const char *at;             /* the touch that counted ("YYYY-MM-DD[ HH:MM]") */
};

/*
** Add a goal set on `today` ("YYYY-MM-DD"): g's title, who, how, target
** and due are read. The query must parse and name real maps; due is
** today or later; target 1..100000. *id receives its id. One write.
*/
enum kith_status goal_add(struct kdb *db, const struct goal *g, const char *today,
			  int64_t *id, struct kith_err *err);
/*
** Every goal with its progress on `today`: open ones first (by date),
** then the closed ones (newest first). fn returning nonzero stops.
** all false: open goals only.
*/
typedef int (*goal_fn)(void *ud, const struct goal *g);
enum kith_status goal_list(struct kdb *db, const char *today, bool all, goal_fn fn, void *ud,
			   struct kith_err *err);
/* One goal with its progress (free with goal_free); KITH_NOTFOUND if none. */
enum kith_status goal_get(struct kdb *db, int64_t id, const char *today, struct goal *out,
			  struct kith_err *err);
void goal_free(struct goal *g);
/* The people counted for g (read by goal_get/goal_list), in the order they counted. */
typedef int (*goal_person_fn)(void *ud, const struct goal_person *p);
enum kith_status goal_counted(struct kdb *db, const struct goal *g, goal_person_fn fn,
			      void *ud, struct kith_err *err);
/*
** The best person g does not count yet: selected by its query, not me,
** the highest influence first, then the most recently touched, then by
** name. *contact_id 0 if nobody is left; *name newly allocated.
*/
enum kith_status goal_best_uncounted(struct kdb *db, const struct goal *g, int64_t *contact_id,
				     char **name, struct kith_err *err);
/*
** Compare every goal's kept rows (the people its query selects, each with
** the first touch that counts: src/db/goal.c) with the rows computed from
** the touches now: KITH_OK if the same, KITH_CONFLICT naming the goal and
** the first person that differs, or a goal whose rows are not kept (a mark
** left that cannot be brought up to date), or a column the marks read
** (src/db/goal_mark.c) that is not where they read it. For the tests, and
** to check a database by hand.
*/
enum kith_status goal_cache_verify(struct kdb *db, struct kith_err *err);
/* Words for the goal's state: "on pace, 5 weeks left", "behind (2 by now), 3 days
   left", "reached 2026-02-15", "missed 2026-03-05", "dropped 2026-03-09". */
#define GOAL_WORDS 64
void goal_state_words(const struct goal *g, char out[GOAL_WORDS]);
/* "5 weeks left", "3 days left", "1 day left", "the last day" (days to the date, >= 0). */
void goal_left_words(long days, char out[24]);
/* A progress bar of GOAL_BAR_CELLS cells: '#' done, '.' to do ("####......"). */
#define GOAL_BAR_CELLS 10
void goal_bar(const struct goal *g, char out[GOAL_BAR_CELLS + 1]);

/*
** The daily review's goal term (kith/review.h): for each open goal behind
** its pace on today (the GOAL_REVIEW_MAX nearest in date: a review is a
** day's work), the best person it does not count yet. fn(ud, contact_id,
** detail, what) with the term's words ("goal \"Meet 3 ...\": 1 of 3 met,
** 5 weeks left") and the item's headline ("meet Bo Chen").
*/
#define GOAL_REVIEW_MAX 5
typedef int (*goal_pick_fn)(void *ud, int64_t contact_id, const char *detail, const char *what);
enum kith_status goal_review_picks(struct kdb *db, const char *today, goal_pick_fn fn, void *ud,
				   struct kith_err *err);
/*
** For a pick the review keeps (only those: a warm path is a search): the
** first person of the best warm path to contact_id (at most 3 hops; none
** without a "me") added to the pick's words, which are reallocated:
** "..., via Ruth Abernathy" and "meet Bo Chen (Ruth Abernathy can
** introduce you)". Nothing changes without a path.
*/
void goal_review_via(struct kdb *db, int64_t contact_id, char **detail, char **what);

/* Give a goal up on `day` (kept as dropped); or delete it. One write each. */
enum kith_status goal_drop(struct kdb *db, int64_t id, const char *day, struct kith_err *err);
enum kith_status goal_delete(struct kdb *db, int64_t id, struct kith_err *err);

#endif
