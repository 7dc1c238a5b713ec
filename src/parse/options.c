/*
 * options.c: the table of options set with `set NAME VALUE`.
 *
 * One row per option: name, type, default, allowed values and the line
 * of documentation that man/kithrc.5 carries (a test checks that the
 * manual names every row). Values are kept as text plus a parsed number,
 * so engine_opt_int() and engine_opt_str() are both cheap. The review's
 * weights are named by REVIEW_TERMS, a macro of kith/review.h (no call).
 */
#include "kith/options.h"

#include <stdlib.h>
#include <string.h>

#include "kith/review.h"
#include "kith/xalloc.h"

static const struct opt_def opt_defs[] = {
	{ "color", OPT_BOOL, "on", NULL, 0, 0,
	  "Use colours (off: monochrome, as when NO_COLOR is set)" },
	{ "sort.contacts", OPT_ENUM, "name", "name|last|influence", 0, 0,
	  "Order of the contacts list: by name, least recently contacted first, or influence" },
	{ "tier.A.cadence", OPT_INT, "21", NULL, 1, 3650,
	  "Days between contacts for tier A" },
	{ "tier.B.cadence", OPT_INT, "60", NULL, 1, 3650,
	  "Days between contacts for tier B" },
	{ "tier.C.cadence", OPT_INT, "180", NULL, 1, 3650,
	  "Days between contacts for tier C" },
	{ "tier.D.cadence", OPT_INT, "365", NULL, 1, 3650,
	  "Days between contacts for tier D" },
	{ "map.stale_days", OPT_INT, "60", NULL, 1, 3650,
	  "A power-map placement not re-assessed for this many days is shown as stale" },
	{ "path.max_hops", OPT_INT, "4", NULL, 1, 6,
	  "Warm paths (w): at most this many links from you to the target" },
	{ "editor", OPT_STR, NULL, NULL, 0, 0,
	  "Command that edits long notes (default: $VISUAL, else $EDITOR, else vi)" },
	{ "confirm.delete", OPT_BOOL, "on", NULL, 0, 0,
	  "Ask before deleting (deletes can be undone either way)" },
	{ "undo.steps", OPT_INT, "100", NULL, 1, 10000,
	  "How many changes undo remembers" },
	{ "tour", OPT_BOOL, "off", NULL, 0, 0,
	  "Show the guided tour's next step on the status line (kith demo turns it on)" },
	{ "review.cap", OPT_INT, "12", NULL, 1, 1000,
	  "How many people the daily review (r, kith today) holds at most" },
	{ "review.event_days", OPT_INT, "3", NULL, 0, 60,
	  "The review counts events from today to this many days ahead" },
	{ "review.birthday_days", OPT_INT, "3", NULL, 0, 60,
	  "The review counts birthdays from today to this many days ahead" },
	{ "review.rest_days", OPT_INT, "3", NULL, 0, 60,
	  "The review leaves out anyone contacted in the last this many days, unless a dated "
	  "follow-up of theirs is due (0: off)" },
	{ "guard.unanswered", OPT_INT, "2", NULL, 0, 100,
	  "Logging outreach to someone who has not answered this many earlier ones in guard.days "
	  "asks first in the planner and warns on the command line (0: off)" },
	{ "guard.days", OPT_INT, "7", NULL, 1, 365,
	  "The days (today included) in which guard.unanswered counts unanswered outreach" },
	{ "health.days", OPT_INT, "90", NULL, 1, 3650,
	  "kith health and the Health view: the active network is everyone touched in this many days" },
	{ "health.warn_percent", OPT_INT, "60", NULL, 1, 100,
	  "kith health warns when one sector, district or way of meeting holds this share (percent) of the active network or more" },
	{ "review.weight.overdue_day", OPT_INT, "1", NULL, 0, 100,
	  "Review points added per day a follow-up is overdue (up to 14 days)" },
#define REVIEW_TERM_OPT(e, name, w, reason, doc) \
	{ "review.weight." name, OPT_INT, #w, NULL, -100, 100, "Review points: " doc },
	REVIEW_TERMS(REVIEW_TERM_OPT)
#undef REVIEW_TERM_OPT
};
#define NOPTS ((int)(sizeof(opt_defs) / sizeof(opt_defs[0])))

struct opt_val {
	char *text;
	long num;
};

struct options {
	struct opt_val v[NOPTS];
};

/* The option table; *n receives its length. */
const struct opt_def *
opt_table(int *n)
{
	if (n)
		*n = NOPTS;
	return opt_defs;
}

/* The default as documented (the editor's depends on the environment). */
const char *
opt_default_doc(const struct opt_def *d)
{
	return d->def ? d->def : "$VISUAL, $EDITOR or vi";
}

static int
opt_find(const char *name)
{
	int i;

	for (i = 0; i < NOPTS; i++)
		if (name && strcmp(opt_defs[i].name, name) == 0)
			return i;
	return -1;
}

/* Parse value for option d; false with *why if it is not allowed. */
static bool
opt_parse(const struct opt_def *d, const char *value, long *num, struct strbuf *why)
{
	long long n;
	const char *c;
	long idx;

	switch (d->type) {
	case OPT_BOOL:
		if (str_eq(value, "on") || str_eq(value, "yes") || str_eq(value, "true") ||
		    str_eq(value, "1")) {
			*num = 1;
			return true;
		}
		if (str_eq(value, "off") || str_eq(value, "no") || str_eq(value, "false") ||
		    str_eq(value, "0")) {
			*num = 0;
			return true;
		}
		sb_printf(why, "%s: '%s' is not on or off", d->name, value);
		return false;
	case OPT_INT:
		if (!str_to_int(value, d->min, d->max, &n)) {
			sb_printf(why, "%s: '%s' is not a number from %ld to %ld", d->name, value,
				  d->min, d->max);
			return false;
		}
		*num = (long)n;
		return true;
	case OPT_ENUM:
		for (c = d->choices, idx = 0; *c; idx++) {
			size_t len = strcspn(c, "|");
			if (strlen(value) == len && strncmp(c, value, len) == 0) {
				*num = idx;
				return true;
			}
			c += len;
			if (*c == '|')
				c++;
		}
		sb_printf(why, "%s: '%s' is not one of %s", d->name, value, d->choices);
		return false;
	case OPT_STR:
		if (str_empty(value)) {
			sb_printf(why, "%s: empty value", d->name);
			return false;
		}
		*num = 0;
		return true;
	}
	return false;
}

static const char *
editor_default(void)
{
	const char *s = getenv("VISUAL");

	if (str_empty(s))
		s = getenv("EDITOR");
	return str_empty(s) ? "vi" : s;
}

/* Options at their defaults. */
struct options *
options_new(void)
{
	struct options *o = xcalloc(1, sizeof(*o));
	struct strbuf why = { 0 };
	int i;

	for (i = 0; i < NOPTS; i++) {
		const char *def = opt_defs[i].def ? opt_defs[i].def : editor_default();
		long num = 0;
		opt_parse(&opt_defs[i], def, &num, &why);
		o->v[i].text = xstrdup(def);
		o->v[i].num = num;
	}
	sb_free(&why);
	return o;
}

void
options_free(struct options *o)
{
	int i;

	if (!o)
		return;
	for (i = 0; i < NOPTS; i++)
		free(o->v[i].text);
	free(o);
}

/*
** Set an option from its text form. On an unknown name or a value out of
** range returns false, appends the reason to why and changes nothing.
*/
bool
options_set(struct options *o, const char *name, const char *value, struct strbuf *why)
{
	int i = opt_find(name);
	long num;
	char *copy;

	if (i < 0) {
		sb_printf(why, "unknown option '%s'", name);
		return false;
	}
	if (!opt_parse(&opt_defs[i], value, &num, why))
		return false;
	copy = xstrdup(value);       /* value may be the stored text itself */
	free(o->v[i].text);
	o->v[i].text = copy;
	o->v[i].num = num;
	return true;
}

/* A bool (0/1), a number, or an enum's index; 0 for an unknown name. */
long
options_int(const struct options *o, const char *name)
{
	int i = opt_find(name);
	return i < 0 ? 0 : o->v[i].num;
}

/* The value as text ("on", "name", "vim"); "" for an unknown name. */
const char *
options_str(const struct options *o, const char *name)
{
	int i = opt_find(name);
	return i < 0 ? "" : o->v[i].text;
}
