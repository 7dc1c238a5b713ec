/*
 * review.h: the daily review queue — who to contact today, and why.
 *
 * Every candidate gets one deterministic score, the sum of named terms
 * (REVIEW_TERMS below). Each term has a weight (an option in the planner,
 * `set review.weight.NAME N`) and a detail saying why it applies, so a
 * queue item can always explain itself (`kith today --explain`, `?` in the
 * review). An item enters the queue only with a *reason* term (something
 * due, a cadence passed, an event or birthday soon, never contacted);
 * influence, targets and recent skips only move it up or down.
 *
 * Candidates come from indexed walks, at most REVIEW_SOURCE_MAX from each
 * source: open follow-ups due by today (oldest due first), contacts past
 * their cadence (longest untouched first), attendees of events in the
 * next days, birthdays in the next days, high-influence contacts never
 * contacted, every power-map target, and for each open goal behind its
 * pace the best person it does not count yet (kith/goal.h), with the
 * first hop of a warm path to them when there is one. Nothing reads a
 * whole table.
 *
 * The queue leaves out "me", archived contacts, and everything handled
 * today (review_record) or snoozed to a later day.
 */
#ifndef KITH_REVIEW_H
#define KITH_REVIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;

#define REVIEW_SOURCE_MAX 300

/* X(ENUM, "option name", default weight, is a reason, "what it means") */
#define REVIEW_TERMS(X) \
	X(OVERDUE,  "overdue",  10, true,  "a follow-up is overdue (plus overdue_day per day, up to 14 days)") \
	X(DUE,      "due",       8, true,  "a follow-up is due today") \
	X(OWE,      "owe",       6, false, "the follow-up due is a commitment I owe") \
	X(OWED,     "owed",      2, false, "the follow-up due is something owed to me") \
	X(CADENCE,  "cadence",   5, true,  "days since the last touch passed the contact's cadence") \
	X(LAPSED,   "lapsed",    8, true,  "days since the last touch passed 1.5 times the cadence (instead of cadence)") \
	X(INFLUENCE, "influence", 1, false, "per point of influence (1-5)") \
	X(TARGET,   "target",    6, false, "primary target on a power map") \
	X(SECONDARY, "secondary", 3, false, "secondary target on a power map") \
	X(COLD,     "cold",     30, false, "a primary target whose cadence has passed: comes before the chores") \
	X(EVENT,    "event",     7, true,  "will be at an event in the next review.event_days days") \
	X(BIRTHDAY, "birthday",  4, true,  "birthday in the next review.birthday_days days") \
	X(NEVER,    "never",     6, true,  "influence 4 or 5, added at least 7 days ago, never contacted") \
	X(GOAL,     "goal",      6, true,  "the best person not yet counted for a goal behind its pace") \
	X(SKIPPED,  "skipped",  -4, false, "skipped or snoozed in the review in the last 7 days") \
	X(PROMISE,  "promise",  14, true,  "a promise's progress update not told yet to everyone who raised its issue (as a due follow-up you owe: due + owe)") \
	X(OFFER,    "offer",     3, false, "you have only asked of them (introductions, favours, what they owe you) and given nothing: offer something instead of another ask")

enum review_term_id {
#define REVIEW_TERM_ENUM(e, name, w, reason, doc) RT_##e,
	REVIEW_TERMS(REVIEW_TERM_ENUM)
#undef REVIEW_TERM_ENUM
	RT_COUNT_
};

/* The option name of a term ("overdue"), its default weight, whether it is a reason. */
const char *review_term_name(int term);
int review_term_default(int term);
bool review_term_is_reason(int term);
const char *review_term_doc(int term);

/*
** Occurrences of a recurring event starting in [from, to): io_recur_expand_tz
** (kith/io.h) has this shape (tzid NULL: start is in the user's zone; else
** start is the wall-clock start in tzid). The data layer knows no iCalendar,
** so whoever builds the queue passes it in.
*/
typedef int (*review_recur_fn)(const char *tzid, const char *start, const char *rrule,
			       const char *from, const char *to, char (*out)[17], int max);

struct review_params {
	char today[11];             /* "YYYY-MM-DD" */
	review_recur_fn recur;      /* NULL: recurring events count only at their first start */
	int weight[RT_COUNT_];
	int overdue_day;            /* extra points per day overdue */
	int cadence[4];             /* tiers A..D, days */
	int event_days;             /* events from today to today + event_days */
	int birthday_days;
	int limit;                  /* items kept (the daily cap); <= 0: all */
	int rest_days;              /* no one contacted this recently, unless a dated follow-up is due */
};
/* Defaults for every field, with today from KITH_TODAY or the clock. */
void review_params_default(struct review_params *p);

struct review_term {
	int id;                     /* enum review_term_id */
	int points;
	char *detail;               /* "last talked 45 days ago, cadence 30" */
};

struct review_item {
	int64_t contact_id;         /* 0: a follow-up about no one */
	int64_t followup_id;        /* the follow-up the item is about, 0: none */
	int64_t update_id;          /* a promise's update to tell (contact_id 0), 0: none */
	char *name;                 /* contact's display name ("" if none) */
	char *what;                 /* "reconnect with Ana Diaz", "follow up: send the draft" */
	char *why;                  /* the other terms' details, "; "-separated */
	int score;
	int nterms;
	struct review_term terms[RT_COUNT_];
	int cadence;                /* the contact's cadence in days, 0: none */
};

struct review_queue {
	struct review_item *items;
	int n;
	int total;                  /* items before the cap */
};

/* Add term id to it (review.c's scoring): the detail is written only when word is set. */
void review_term_add(struct review_item *it, bool word, int id, int points, const char *fmt, ...)
	KITH_PRINTF(5, 6);

enum kith_status review_queue_build(struct kdb *db, const struct review_params *p,
				    struct review_queue *out, struct kith_err *err);
void review_queue_free(struct review_queue *q);

/*
** Record what was done with an item in the review of `day`: action is
** "done", "logged", "snoozed" (until = the day it returns) or "skipped".
** The item leaves today's queue. One write (a savepoint inside a batch).
*/
enum kith_status review_record(struct kdb *db, const char *day, int64_t contact_id,
			       int64_t followup_id, const char *action, const char *until,
			       const char *reason, struct kith_err *err);

#endif
