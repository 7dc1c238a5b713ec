/*
 * review_promises.c: the daily review's items about promises (issue 18):
 * the last progress update of a promise, logged in the last
 * REVIEW_PROMISE_DAYS, that not everyone who raised its issue was told
 * ("tell the 14 people who raised #elm-st-light: the work order is filed").
 * One item per update, about no one person (contact_id 0): telling them is
 * one group interaction (promise_tell).
 */
#include "internal.h"
#include "ent.h"
#include "row.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/date.h"
#include "kith/review.h"
#include "kith/str.h"
#include "kith/xalloc.h"

#define REVIEW_PROMISE_DAYS 30

static enum kith_status
promise_items(struct kdb *db, const struct review_params *p, struct review_item **items, int *n,
	      struct kith_err *err)
{
	static const char sql[] =
		"SELECT id, issue, title, text, at, untold FROM (SELECT u.id, t.name AS issue, "
		"  p.title, u.text, u.at, (SELECT count(DISTINCT c.contact_id) FROM concern c "
		"  JOIN contact k ON k.id = c.contact_id WHERE c.tag_id = p.tag_id AND k.archived = 0 "
		"  AND NOT EXISTS (SELECT 1 FROM promise_told pt WHERE pt.update_id = u.id "
		"  AND pt.contact_id = c.contact_id)) AS untold "
		"FROM promise p JOIN tag t ON t.id = p.tag_id JOIN promise_update u ON u.id = "
		"  (SELECT max(id) FROM promise_update WHERE promise_id = p.id) "
		"WHERE u.at >= ?1 AND u.at <= ?2) WHERE untold > 0 ORDER BY at, id LIMIT ?3";
	char since[KDATE_STR];
	struct kdate today;
	sqlite3_stmt *st;
	int step, w = p->weight[RT_PROMISE];

	if (!kdate_parse_iso(p->today, &today))
		return kith_err_set(err, KITH_INVALID, "review: %s: not a date", p->today);
	kdate_format(kdate_add_days(today, -REVIEW_PROMISE_DAYS), since);
	if (!(st = db_query(db, sql, err, "ttn", since, p->today, REVIEW_SOURCE_MAX)))
		return KITH_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW && w > 0) {
		struct review_item *it;
		struct strbuf what = { 0 }, why = { 0 };
		int untold = sqlite3_column_int(st, 5);

		*items = xreallocarray(*items, (size_t)*n + 1, sizeof **items);
		it = &(*items)[(*n)++];
		memset(it, 0, sizeof *it);
		it->update_id = sqlite3_column_int64(st, 0);
		it->name = xstrdup("");
		sb_printf(&what, "tell the %d %s who raised #%s: %s", untold,
			  untold == 1 ? "person" : "people", db_col_text(st, 1), db_col_text(st, 3));
		sb_printf(&why, "an update on your promise \"%s\" of %s, not told to %d",
			  db_col_text(st, 2), db_col_text(st, 4), untold);
		it->terms[0].id = RT_PROMISE;
		it->terms[0].points = w;
		it->terms[0].detail = xstrdup(sb_str(&why));
		it->nterms = 1;
		it->score = w;
		it->what = sb_detach(&what);
		it->why = sb_detach(&why);
	}
	return ent_finish(db, st, step, "review", err);
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
