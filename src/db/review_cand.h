/*
 * review_cand.h: the daily review's candidates, inside src/db: review_src.c
 * gathers them, review.c scores them, review_terms.c words them.
 */
#ifndef KITH_DB_REVIEW_CAND_H
#define KITH_DB_REVIEW_CAND_H

#include <stdbool.h>
#include <stdint.h>

#include "kith/date.h"
#include "kith/idmap.h"
#include "kith/review.h"

struct kdb;

enum { SKIP_NONE, SKIP_SKIPPED, SKIP_SNOOZED };

/*
** A follow-up without a date is not forgotten: a week after it was added it
** comes to the review as if it were due then (UNDATED_DAYS).
*/
#define UNDATED_DAYS 7

struct cand {
	int64_t contact_id, followup_id;
	/* the most pressing due follow-up */
	char *fu_title;
	char fu_due[KDATE_STR];     /* an undated one: a week after it was added */
	bool fu_undated;
	int fu_dir;
	int fu_more;                /* other due follow-ups of the same contact */
	/* the first event in the window */
	char *ev_title;
	char ev_start[KDATETIME_STR];
	/* targets */
	char *target_map;
	bool primary, secondary;
	char *goal_detail, *goal_what;      /* proposed for a goal behind its pace */
	/* review history */
	int skip;
	char skip_day[KDATE_STR];
	bool excluded;
	/* the contact: from a source's row, or looked up in phase 2 */
	bool filled;
	char *name, *birthday;
	int influence, cadence_days;    /* cadence_days -1: the tier's */
	int rhythm_days;                /* "monthly at most": 30; 0 none */
	char tier;
	char created[KDATE_STR], last_at[KDATE_STR];
	bool found;
	int asked;                  /* only asked of them: how many times (phase 2) */
	char asked_words[96];
};

struct cands {
	struct cand *v;
	int n, cap;
	struct idmap ix;            /* contact_id to candidate (those about a contact) */
	struct review_params p;
	struct kdate today;
	int64_t me;
};

/*
** The candidates from every source, in c (its p, today and me set), then
** the review's history applied to them (review_src.c).
*/
enum kith_status review_gather(struct kdb *db, struct cands *c, struct kith_err *err);
/*
** k's contact and its last touch, unless a source's row gave them: k->found
** if it is there and not archived.
*/
enum kith_status review_fill_contact(struct kdb *db, struct cand *k, struct kith_err *err);
void review_cands_free(struct cands *c);
/* The first ten characters of s (a day, or the day of a time); "" for NULL. */
void review_copy_day(char out[KDATE_STR], const char *s);
/* Days from the day that begins day to c's today; -1 if it does not begin with a day. */
long review_days_since(const struct cands *c, const char *day);

/* "" or "s" for n. */
const char *plural(long n);
/* The item's headline and its reasons, worded positively (review_terms.c). */
void word_item(const struct cand *k, struct review_item *it);

#endif
