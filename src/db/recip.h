/*
 * recip.h: reciprocity inside src/db (recip.c), for the health report
 * (health.c) and the review (review.c): what the user gave each person
 * against what they asked (kith/health.h says what counts).
 */
#ifndef KITH_DB_RECIP_H
#define KITH_DB_RECIP_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"
#include "kith/health.h"

/* Everyone's gives and asks, by contact (recip_gather). */
struct rtable {
	struct health_recip *v;     /* one entry per contact, in contact order */
	unsigned char *live;        /* per entry: a contact the walk found (not archived) */
	int n;
};

void rtable_free(struct rtable *t);
/*
** Every give and ask of every contact but me into t, counted inside SQLite
** by kith_health_recip (recip_sql_count), which the caller registered with
** the connection as its user data.
*/
enum kith_status recip_gather(struct kdb *db, int64_t me, struct rtable *t, struct kith_err *err);
/* kith_health_recip(contact_id, what[, ...]): the SQL function recip_gather calls. */
void recip_sql_count(sqlite3_context *cx, int argc, sqlite3_value **argv);
/*
** The live entries of t (those the contact walk marked) in out->recip,
** people only asked of first, named for the first p->limit; the totals.
*/
enum kith_status recip_list(struct kdb *db, const struct health_params *p, struct rtable *t,
			    struct health_report *out, struct kith_err *err);
/*
** Put the k first of v[0..n) by cmp, sorted, in v[0..k) (the rest after
** them in no order); k <= 0: sort all.
*/
void first_k(void *v, size_t n, size_t size, long k, int (*cmp)(const void *, const void *));

/*
** One contact's counts as SQL columns, for a statement whose ?1 is the
** contact and ?2 is me, each a range of an index on the contact: what they
** were asked (asked_favours, asked_owed, asked_intros), then what they were
** given (gave_help, gave_kept, gave_intros). The review reads both
** (recip_one) only for the candidates its offer term could lift into its cap.
*/
#define RECIP_ASK_COLS \
	"(SELECT count(*) FROM interaction_contact WHERE contact_id = ?1 AND exchange <> 'none' " \
	"  AND exchange = 'ask'), " \
	"(SELECT count(*) FROM followup INDEXED BY followup_by_direction WHERE contact_id = ?1 " \
	"  AND direction <> 'none' AND direction = 'owed' AND status <> 'dropped'), " \
	"(SELECT count(*) FROM followup INDEXED BY followup_by_intro_by WHERE intro_by_id = ?1 " \
	"  AND intro_stage <> 'none')"
#define RECIP_GIVE_COLS \
	"(SELECT count(*) FROM interaction_contact WHERE contact_id = ?1 AND exchange <> 'none' " \
	"  AND exchange = 'give'), " \
	"(SELECT count(*) FROM followup INDEXED BY followup_by_direction WHERE contact_id = ?1 " \
	"  AND direction <> 'none' AND direction = 'owe' AND status = 'done'), " \
	"(SELECT count(*) FROM followup INDEXED BY followup_by_intro_a WHERE intro_a_id = ?1 " \
	"  AND intro_by_id = ?2 AND intro_stage <> 'none' AND intro_stage <> 'requested') + " \
	"(SELECT count(*) FROM followup INDEXED BY followup_by_intro_b WHERE intro_b_id = ?1 " \
	"  AND intro_by_id = ?2 AND intro_stage <> 'none' AND intro_stage <> 'requested' " \
	"  AND intro_a_id IS NOT ?1)"
/* Read the three RECIP_ASK_COLS starting at column col of st into r (and r->asked). */
void recip_read_asks(sqlite3_stmt *st, int col, struct health_recip *r);
/* One contact's counts (both sides) into out; zeros for me. */
enum kith_status recip_one(struct kdb *db, int64_t me, int64_t contact_id,
			   struct health_recip *out, struct kith_err *err);

#endif
