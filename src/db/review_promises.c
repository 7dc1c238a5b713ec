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
	int64_t *promise;           /* per item, its promise */
	int n, w;
	char since[KDATE_STR];
	const char *today;
};

/*
** A promise whose last update, logged in the window, is not told to
** everyone: an item, scored; its words (how many to tell) come only if the
** review keeps it (promise_words).
*/
static int
promise_item(void *ud, const struct promise_row *r)
{
	struct items *x = ud;
	struct review_item *it;

	if (!r->last_update_id || !r->untold || strcmp(r->last_update_at, x->since) < 0 ||
	    strcmp(r->last_update_at, x->today) > 0)
		return 0;
	x->v = xreallocarray(x->v, (size_t)x->n + 1, sizeof *x->v);
	x->promise = xreallocarray(x->promise, (size_t)x->n + 1, sizeof *x->promise);
	x->promise[x->n] = r->id;
	it = &x->v[x->n++];
	memset(it, 0, sizeof *it);
	it->update_id = r->last_update_id;
	it->name = xstrdup("");
	it->terms[0].id = RT_PROMISE;
	it->terms[0].points = x->w;
	it->nterms = 1;
	it->score = x->w;
	return x->n >= REVIEW_SOURCE_MAX;
}

/* The words of a promise's item kept (ud), from its row read again with its count. */
static int
promise_words(void *ud, const struct promise_row *r)
{
	struct review_item *it = ud;
	struct strbuf what = { 0 }, why = { 0 };

	sb_printf(&what, "tell the %d %s who raised #%s: %s", r->untold,
		  r->untold == 1 ? "person" : "people", r->issue, r->last_update);
	sb_printf(&why, "an update on your promise \"%s\" of %s, not told to %d", r->title,
		  r->last_update_at, r->untold);
	it->terms[0].detail = xstrdup(sb_str(&why));
	it->what = sb_detach(&what);
	it->why = sb_detach(&why);
	return 1;
}

/*
** The items, from the promises (open, kept and dropped: a last update is
** told either way) whose last update is in the window.
*/
static enum kith_status
promise_items(struct kdb *db, const struct review_params *p, struct items *x,
	      struct kith_err *err)
{
	struct kdate today;

	if (!kdate_parse_iso(p->today, &today))
		return kith_err_set(err, KITH_INVALID, "review: %s: not a date", p->today);
	if (x->w <= 0)
		return KITH_OK;
	kdate_format(kdate_add_days(today, -REVIEW_PROMISE_DAYS), x->since);
	return promise_list_updated(db, x->since, x->today, promise_item, x, err);
}

enum kith_status
review_promise_merge(struct kdb *db, const struct review_params *p, struct review_queue *out,
		     struct kith_err *err)
{
	struct items x = { .w = p->weight[RT_PROMISE], .today = p->today };
	struct review_item *all;
	int a = 0, b = 0, n = 0, keep;
	enum kith_status rc = promise_items(db, p, &x, err);

	if (rc || !x.n) {
		for (int i = 0; i < x.n; i++)
			review_item_free(&x.v[i]);
		free(x.v);
		free(x.promise);
		return rc;
	}
	keep = p->limit > 0 ? p->limit : out->n + x.n;
	/* both lists are best first; on a tie the people come first */
	all = xcalloc((size_t)(out->n + x.n) + 1, sizeof *all);
	while (a < out->n || b < x.n) {
		bool take_b = b < x.n && (a == out->n || x.v[b].score > out->items[a].score);
		if (take_b && n < keep && !rc)
			rc = promise_get(db, x.promise[b], promise_words, &x.v[b], err);
		all[n++] = take_b ? x.v[b++] : out->items[a++];
	}
	free(x.v);
	free(x.promise);
	free(out->items);
	out->items = all;
	out->total += x.n;
	if (n > keep) {
		for (int i = keep; i < n; i++)
			review_item_free(&all[i]);
		n = keep;
	}
	out->n = n;
	return rc;
}
