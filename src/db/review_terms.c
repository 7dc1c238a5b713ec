/*
 * review_terms.c: the terms the daily review scores by (kith/review.h's
 * REVIEW_TERMS), their default weights, the default parameters, the
 * review's history it reads them against (review_record), the words of an
 * item (its headline and its reasons), and freeing a queue.
 */
#include "internal.h"
#include "review_cand.h"
#include "row.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kith/date.h"
#include "kith/review.h"
#include "kith/str.h"
#include "kith/types.h"

struct term_def {
	const char *name;
	int weight;
	bool reason;
	const char *doc;
};

static const struct term_def term_defs[RT_COUNT_] = {
#define REVIEW_TERM_DEF(e, name, w, reason, doc) [RT_##e] = { name, w, reason, doc },
	REVIEW_TERMS(REVIEW_TERM_DEF)
#undef REVIEW_TERM_DEF
};

const char *review_term_name(int t) { return t >= 0 && t < RT_COUNT_ ? term_defs[t].name : ""; }
int review_term_default(int t) { return t >= 0 && t < RT_COUNT_ ? term_defs[t].weight : 0; }
bool review_term_is_reason(int t) { return t >= 0 && t < RT_COUNT_ && term_defs[t].reason; }
const char *review_term_doc(int t) { return t >= 0 && t < RT_COUNT_ ? term_defs[t].doc : ""; }

void
review_params_default(struct review_params *p)
{
	memset(p, 0, sizeof *p);
	kdate_format(kdate_today(), p->today);
	for (int t = 0; t < RT_COUNT_; t++)
		p->weight[t] = term_defs[t].weight;
	p->overdue_day = 1;
	p->cadence[0] = kith_tier_cadence('A');
	p->cadence[1] = kith_tier_cadence('B');
	p->cadence[2] = kith_tier_cadence('C');
	p->cadence[3] = kith_tier_cadence('D');
	p->event_days = 3;
	p->birthday_days = 3;
	p->limit = 12;
	p->rest_days = 3;
}

enum kith_status
review_record(struct kdb *db, const char *day, int64_t contact_id, int64_t followup_id,
	      const char *action, const char *until, const char *reason, struct kith_err *err)
{
	static const char sql[] =
		"INSERT INTO review_action(day, contact_id, followup_id, action, until, reason, at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	char now[20];

	if (db_check_text("reason", reason, err))
		return KITH_INVALID;
	if (!contact_id && !followup_id)    /* a promise's update: told, never recorded */
		return KITH_OK;
	db_now(now);
	return db_write_run(db, sql, "review", err, "tIItTtt", day, contact_id, followup_id, action,
			    until, reason, now);
}

void
review_item_free(struct review_item *it)
{
	for (int i = 0; i < it->nterms; i++)
		free(it->terms[i].detail);
	free(it->name);
	free(it->what);
	free(it->why);
}

void
review_queue_free(struct review_queue *q)
{
	for (int i = 0; i < q->n; i++)
		review_item_free(&q->items[i]);
	free(q->items);
	memset(q, 0, sizeof *q);
}

/* A term of it; its detail is written only when word is set (an item kept). */
void
review_term_add(struct review_item *it, bool word, int id, int points, const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;

	if (word) {
		va_start(ap, fmt);
		sb_vprintf(&sb, fmt, ap);
		va_end(ap);
	}
	it->terms[it->nterms].id = id;
	it->terms[it->nterms].points = points;
	it->terms[it->nterms].detail = word ? sb_detach(&sb) : NULL;
	it->nterms++;
	it->score += points;
}

const char *
plural(long n)
{
	return n == 1 ? "" : "s";
}

/* The item's headline and its reasons, worded positively. */
void
word_item(const struct cand *k, struct review_item *it)
{
	struct strbuf what = { 0 }, why = { 0 };
	const char *name = *it->name ? it->name : "someone";
	int lead = -1;
	bool offer = k->asked && it->nterms && it->terms[it->nterms - 1].id == RT_OFFER;

	for (int i = 0; i < it->nterms && lead < 0; i++)
		if (review_term_is_reason(it->terms[i].id))
			lead = it->terms[i].id;
	switch (lead) {
	case RT_OVERDUE:
	case RT_DUE:
		if (k->fu_dir == KITH_DIR_OWE)
			sb_printf(&what, "keep your word to %s: %s", name, k->fu_title);
		else if (k->fu_dir == KITH_DIR_OWED && offer)
			sb_printf(&what, "offer %s something before asking for: %s", name,
				  k->fu_title);
		else if (k->fu_dir == KITH_DIR_OWED)
			sb_printf(&what, "ask %s for what they promised: %s", name, k->fu_title);
		else if (k->contact_id)
			sb_printf(&what, "follow up with %s: %s", name, k->fu_title);
		else
			sb_printf(&what, "follow up: %s", k->fu_title);
		break;
	case RT_EVENT:
		sb_printf(&what, "see %s at %s", name, k->ev_title);
		break;
	case RT_BIRTHDAY:
		sb_printf(&what, "wish %s a happy birthday", name);
		break;
	case RT_NEVER:
		sb_printf(&what, "introduce yourself to %s", name);
		break;
	case RT_GOAL:
		sb_append(&what, k->goal_what);
		break;
	default:
		sb_printf(&what, offer ? "offer something to %s" : "reconnect with %s", name);
		break;
	}
	for (int i = 0; i < it->nterms; i++)
		sb_printf(&why, "%s%s", i ? "; " : "", it->terms[i].detail);
	if (k->fu_more)
		sb_printf(&why, "; %d more follow-up%s due", k->fu_more, plural(k->fu_more));
	it->what = sb_detach(&what);
	it->why = sb_detach(&why);
}
