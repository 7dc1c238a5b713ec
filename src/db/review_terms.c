/*
 * review_terms.c: the terms the daily review scores by (kith/review.h's
 * REVIEW_TERMS), their default weights, and the default parameters.
 */
#include "internal.h"

#include <string.h>

#include "kith/date.h"
#include "kith/review.h"
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
