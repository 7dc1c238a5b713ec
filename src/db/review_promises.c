/*
 * review_promises.c: the daily review's items about promises (issue 18):
 * the last progress update of a promise, logged in the last
 * REVIEW_PROMISE_DAYS, that not everyone who raised its issue was told
 * ("tell the 14 people who raised #elm-st-light: the work order is filed").
 * One item per update, about no one person (contact_id 0): telling them is
 * one group interaction (promise_tell).
 */
#include "internal.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/concern.h"
#include "kith/date.h"
#include "kith/review.h"
#include "kith/str.h"
#include "kith/xalloc.h"

#define REVIEW_PROMISE_DAYS 30

struct items {
	struct review_item *v;
	int n, w;
	char since[KDATE_STR];
	const char *today;
};

/* A promise whose last update, logged in the window, is not told to everyone: an item. */
static int
promise_item(void *ud, const struct promise_row *r)
{
	struct items *x = ud;
	struct review_item *it;
	struct strbuf what = { 0 }, why = { 0 };

	if (!r->last_update_id || !r->untold || strcmp(r->last_update_at, x->since) < 0 ||
	    strcmp(r->last_update_at, x->today) > 0)
		return 0;
	x->v = xreallocarray(x->v, (size_t)x->n + 1, sizeof *x->v);
	it = &x->v[x->n++];
	memset(it, 0, sizeof *it);
	it->update_id = r->last_update_id;
	it->name = xstrdup("");
	sb_printf(&what, "tell the %d %s who raised #%s: %s", r->untold,
		  r->untold == 1 ? "person" : "people", r->issue, r->last_update);
	sb_printf(&why, "an update on your promise \"%s\" of %s, not told to %d", r->title,
		  r->last_update_at, r->untold);
	it->terms[0].id = RT_PROMISE;
	it->terms[0].points = x->w;
	it->terms[0].detail = xstrdup(sb_str(&why));
	it->nterms = 1;
	it->score = x->w;
	it->what = sb_detach(&what);
	it->why = sb_detach(&why);
	return x->n >= REVIEW_SOURCE_MAX;
}

/*
** The items, from the promises (open, kept and dropped: a last update is
** told either way) whose last update is in the window.
*/
static enum kith_status
promise_items(struct kdb *db, const struct review_params *p, struct review_item **items, int *n,
	      struct kith_err *err)
{
	struct items x = { .w = p->weight[RT_PROMISE], .today = p->today };
	struct kdate today;
	enum kith_status rc;

	if (!kdate_parse_iso(p->today, &today))
		return kith_err_set(err, KITH_INVALID, "review: %s: not a date", p->today);
	if (x.w <= 0)
		return KITH_OK;
	kdate_format(kdate_add_days(today, -REVIEW_PROMISE_DAYS), x.since);
	rc = promise_list_updated(db, x.since, x.today, promise_item, &x, err);
	*items = x.v;
	*n = x.n;
	return rc;
}

enum kith_status
review_promise_merge(struct kdb *db, const struct review_params *p, struct review_queue *out,
		     struct kith_err *err)
{
	struct review_item *pi = NULL, *all;
	int np = 0, a = 0, b = 0, n = 0;
	enum kith_status rc = promise_items(db, p, &pi, &np, err);

	if (rc || !np) {
		for (int i = 0; i < np; i++)
			review_item_free(&pi[i]);
		free(pi);
		return rc;
	}
	/* both lists are best first; on a tie the people come first */
	all = xcalloc((size_t)(out->n + np) + 1, sizeof *all);
	while (a < out->n || b < np) {
		bool take_b = b < np && (a == out->n || pi[b].score > out->items[a].score);
		all[n++] = take_b ? pi[b++] : out->items[a++];
	}
	free(pi);
	free(out->items);
	out->items = all;
	out->total += np;
	if (p->limit > 0 && n > p->limit) {
		for (int i = p->limit; i < n; i++)
			review_item_free(&all[i]);
		n = p->limit;
	}
	out->n = n;
	return KITH_OK;
}
