/*
 * review.c: the daily review queue (see kith/review.h).
 *
 * Two phases. First each source is one indexed walk of at most
 * REVIEW_SOURCE_MAX rows, adding candidates (keyed by contact, or by
 * follow-up for one about no one) with what that source knows
 * (review_src.c). Then one primary-key lookup per candidate fills in the
 * contact, every term is scored, and the queue is sorted: score, then
 * name, then id, so the same data always gives the same queue. Only the
 * items kept (the daily cap of a queue of a thousand or more candidates)
 * are put into words.
 */
#include "internal.h"
#include "recip.h"
#include "review_cand.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/date.h"
#include "kith/goal.h"
#include "kith/merge.h"
#include "kith/review.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"


/* The offer term's fact: only asked of (kith/health.h)? Then how often, in words. */
static enum kith_status
fill_recip(struct kdb *db, const struct cands *c, struct cand *k, struct kith_err *err)
{
	struct health_recip r;
	enum kith_status rc = recip_one(db, c->me, k->contact_id, &r, err);

	if (rc || !r.asked || r.gave)
		return rc;
	k->asked = r.asked;
	health_recip_words(&r, true, k->asked_words, sizeof k->asked_words);
	return KITH_OK;
}

/* ---- scoring ----------------------------------------------------------------------- */


/* Overdue points grow for two weeks, then stay. */
#define OVERDUE_DAYS_MAX 14

/* "today", "tomorrow", "on Thu 12 Mar" (kdate_soon) for a day or a time */
static void
day_words(const struct cands *c, const char *when, char out[32])
{
	char buf[KDATE_STR];
	struct kdate d;

	review_copy_day(buf, when);
	if (kdate_parse_iso(buf, &d))
		kdate_soon(d, c->today, out);
	else
		snprintf(out, 32, "%s", buf);
}

static int
effective_cadence(const struct cands *c, const struct cand *k)
{
	if (k->cadence_days >= 0)
		return k->cadence_days;
	if (k->tier >= 'A' && k->tier <= 'D')
		return c->p.cadence[k->tier - 'A'];
	return 0;
}

/*
** Not today: someone contacted in the last review.rest_days days, or
** sooner than their own rhythm allows ("monthly at most"), unless a
** dated follow-up of theirs is due (issue 18: not being too eager).
*/
static bool
resting(const struct cands *c, const struct cand *k)
{
	int rest = k->rhythm_days > c->p.rest_days ? k->rhythm_days : c->p.rest_days;

	if (!k->contact_id || !*k->last_at || rest <= 0)
		return false;
	if (k->followup_id && !k->fu_undated)
		return false;
	return review_days_since(c, k->last_at) < rest;
}

/*
** Score candidate k into it (with each term's words and its name when
** word is set); false if it has no reason to be in the queue.
*/
static bool
score(struct cands *c, struct cand *k, struct review_item *it, bool word)
{
	const struct review_params *p = &c->p;
	const int *w = p->weight;
	int reason = -1;

	memset(it, 0, sizeof *it);
	if (resting(c, k))
		return false;
	it->contact_id = k->contact_id;
	it->followup_id = k->followup_id;
	if (word)
		it->name = xstrdup(k->name ? k->name : "");
	if (k->followup_id) {
		long late = review_days_since(c, k->fu_due);
		if (k->fu_undated) {
			long age = late + UNDATED_DAYS;
			long capped = late > OVERDUE_DAYS_MAX ? OVERDUE_DAYS_MAX : late;
			review_term_add(it, word, RT_OVERDUE, w[RT_OVERDUE] + (int)capped * p->overdue_day,
				 "no date, added %ld day%s ago", age, plural(age));
		} else if (late > 0) {
			long capped = late > OVERDUE_DAYS_MAX ? OVERDUE_DAYS_MAX : late;
			review_term_add(it, word, RT_OVERDUE, w[RT_OVERDUE] + (int)capped * p->overdue_day,
				 "due %s, %ld day%s ago", k->fu_due, late, plural(late));
		} else {
			review_term_add(it, word, RT_DUE, w[RT_DUE], "due today");
		}
		if (k->fu_dir == KITH_DIR_OWE)
			review_term_add(it, word, RT_OWE, w[RT_OWE], "you promised it");
		else if (k->fu_dir == KITH_DIR_OWED)
			review_term_add(it, word, RT_OWED, w[RT_OWED], "they promised it to you");
	}
	if (k->contact_id) {
		int cad = effective_cadence(c, k);
		bool never = !*k->last_at;
		long since = review_days_since(c, never ? k->created : k->last_at);
		it->cadence = cad;
		if (cad > 0 && since > cad) {
			bool lapsed = since * 2 > cad * 3;
			if (never)
				review_term_add(it, word, lapsed ? RT_LAPSED : RT_CADENCE,
					 w[lapsed ? RT_LAPSED : RT_CADENCE],
					 "added %ld days ago and not contacted yet, cadence %d", since,
					 cad);
			else
				review_term_add(it, word, lapsed ? RT_LAPSED : RT_CADENCE,
					 w[lapsed ? RT_LAPSED : RT_CADENCE],
					 "last talked %ld days ago, cadence %d", since, cad);
		}
		if (never && k->influence >= 4 && review_days_since(c, k->created) >= 7)
			review_term_add(it, word, RT_NEVER, w[RT_NEVER], "influence %d, not contacted yet",
				 k->influence);
		if (k->ev_title) {
			char when[32];
			day_words(c, k->ev_start, when);
			review_term_add(it, word, RT_EVENT, w[RT_EVENT], "will be at %s %s", k->ev_title, when);
		}
		if (k->birthday) {
			const char *md = k->birthday + strlen(k->birthday) - 5;
			for (int d = 0; d <= p->birthday_days; d++) {
				char day[KDATE_STR], when[32];
				struct kdate t = kdate_add_days(c->today, d);
				/* its "MM-DD", compared before the day is written out */
				if (md[0] - '0' != t.m / 10 || md[1] - '0' != t.m % 10 || md[2] != '-' ||
				    md[3] - '0' != t.d / 10 || md[4] - '0' != t.d % 10)
					continue;
				kdate_format(t, day);
				day_words(c, day, when);
				review_term_add(it, word, RT_BIRTHDAY, w[RT_BIRTHDAY], "birthday %s", when);
				break;
			}
		}
		if (k->influence > 0 && w[RT_INFLUENCE])
			review_term_add(it, word, RT_INFLUENCE, w[RT_INFLUENCE] * k->influence, "influence %d",
				 k->influence);
		if (k->primary)
			review_term_add(it, word, RT_TARGET, w[RT_TARGET], "primary target on %s", k->target_map);
		/* a primary target going cold outranks the chores (kith(1), Review) */
		if (k->primary && cad > 0 && since > cad)
			review_term_add(it, word, RT_COLD, w[RT_COLD], "the target is going cold: %ld days "
				 "without a word", since);
		else if (k->secondary)
			review_term_add(it, word, RT_SECONDARY, w[RT_SECONDARY], "target on %s", k->target_map);
	}
	if (k->goal_detail)
		review_term_add(it, word, RT_GOAL, w[RT_GOAL], "%s", k->goal_detail);
	if (k->skip) {
		long ago = review_days_since(c, k->skip_day);
		review_term_add(it, word, RT_SKIPPED, w[RT_SKIPPED], "%s in the review %s", k->skip ==
			 SKIP_SKIPPED ? "skipped" : "snoozed", ago <= 0 ? "today" :
			 ago == 1 ? "yesterday" : ago < 7 ? "this week" : "last week");
	}
	if (k->asked && w[RT_OFFER])    /* last: word_item looks for it there */
		review_term_add(it, word, RT_OFFER, w[RT_OFFER], "you asked %d time%s (%s) and gave nothing "
			 "yet", k->asked, plural(k->asked), k->asked_words);
	for (int i = 0; i < it->nterms; i++)
		if (review_term_is_reason(it->terms[i].id) && it->terms[i].points > 0) {
			reason = it->terms[i].id;
			break;
		}
	return reason >= 0;
}

/* A candidate with a reason, scored but not yet in words: what the queue sorts. */
struct scored {
	int score;
	const char *name;
	int64_t contact_id, followup_id;
	int cand;                   /* index into cands.v */
};

static int
scored_cmp(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;
	int r;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if ((r = strcmp(x->name, y->name)))
		return r;
	if (x->contact_id != y->contact_id)
		return x->contact_id < y->contact_id ? -1 : 1;
	return (x->followup_id > y->followup_id) - (x->followup_id < y->followup_id);
}


static int
int_desc(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x < y) - (x > y);
}

/*
 * The offer term (a person only asked of), for the candidates scored
 * without it that it could lift into the day's cap: it adds w points and
 * is no reason of its own, so one whose score with it stays below the
 * cap-th best score without it is not kept either way (and counts in the
 * total either way). Each is read (recip_one) and scored again. With no
 * cap or a weight below 0, every candidate.
 */
static enum kith_status
offer_pass(struct kdb *db, struct cands *c, struct scored *sc, int n, struct kith_err *err)
{
	int w = c->p.weight[RT_OFFER], floor = INT_MIN;
	enum kith_status rc = KITH_OK;

	if (!w)
		return KITH_OK;
	if (w > 0 && c->p.limit > 0 && n > c->p.limit) {
		int *v = xcalloc((size_t)n, sizeof *v);
		for (int i = 0; i < n; i++)
			v[i] = sc[i].score;
		qsort(v, (size_t)n, sizeof *v, int_desc);
		floor = v[c->p.limit - 1] - w;
		free(v);
	}
	for (int i = 0; i < n && !rc; i++) {
		struct cand *k = &c->v[sc[i].cand];
		struct review_item it;
		if (!k->contact_id || sc[i].score < floor ||
		    (rc = fill_recip(db, c, k, err)) || !k->asked)
			continue;
		score(c, k, &it, false);
		sc[i].score = it.score;
	}
	return rc;
}

enum kith_status
review_queue_build(struct kdb *db, const struct review_params *p, struct review_queue *out,
		   struct kith_err *err)
{
	struct cands c = { 0 };
	struct scored *sc = NULL;
	enum kith_status rc;
	bool started;
	int n = 0;

	memset(out, 0, sizeof *out);
	c.p = *p;
	if (!kdate_parse_iso(p->today, &c.today))
		return kith_err_set(err, KITH_INVALID, "review: %s: not a date", p->today);
	/* one read transaction: a snapshot, not one begun per statement */
	if ((rc = kdb_read_begin(db, &started, err)))
		return rc;
	c.me = kdb_me(db);
	if ((rc = review_gather(db, &c, err)))
		goto done;
	sc = xcalloc((size_t)c.n + 1, sizeof *sc);
	for (int i = 0; i < c.n; i++) {
		struct cand *k = &c.v[i];
		struct review_item it;
		if (k->excluded)
			continue;
		if (k->contact_id) {
			if ((rc = review_fill_contact(db, k, err)))
				goto done;
			if (!k->found)
				continue;
		}
		if (score(&c, k, &it, false))
			sc[n++] = (struct scored){ it.score, k->name ? k->name : "", k->contact_id,
						   k->followup_id, i };
	}
	if ((rc = offer_pass(db, &c, sc, n, err)))
		goto done;
	qsort(sc, (size_t)n, sizeof *sc, scored_cmp);
	out->total = n;
	if (p->limit > 0 && n > p->limit)
		n = p->limit;
	/* the items kept, scored again with their words */
	out->items = xcalloc((size_t)n + 1, sizeof *out->items);
	for (int i = 0; i < n; i++) {
		struct cand *k = &c.v[sc[i].cand];
		if (k->goal_detail)     /* the warm path, for the goal items kept only */
			goal_review_via(db, k->contact_id, &k->goal_detail, &k->goal_what);
		score(&c, k, &out->items[i], true);
		word_item(k, &out->items[i]);
	}
	out->n = n;
	/* a promise's updates to tell join by their score, under the same cap */
	rc = review_promise_merge(db, p, out, err);
done:
	free(sc);
	kdb_read_end(db, started);
	review_cands_free(&c);
	if (rc)
		review_queue_free(out);
	return rc;
}
