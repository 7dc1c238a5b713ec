/*
 * options.h: the options set with `set NAME VALUE` (src/parse/options.c).
 *
 * One table row per option: name, type, default, allowed values and the
 * line of documentation that man/kithrc.5 carries. Values are kept as
 * text plus a parsed number. No database and no screen: the planner's
 * engine and `kith today` read the same options the same way (kithrc.h).
 */
#ifndef KITH_OPTIONS_H
#define KITH_OPTIONS_H

#include <stdbool.h>

#include "kith/str.h"

enum opt_type { OPT_BOOL, OPT_INT, OPT_ENUM, OPT_STR };

struct opt_def {
	const char *name;
	enum opt_type type;
	const char *def;            /* default as text (NULL: computed, see options.c) */
	const char *choices;        /* OPT_ENUM: "name|last|influence" */
	long min, max;              /* OPT_INT range */
	const char *doc;
};

struct options;

/* The option table; *n receives its length. */
const struct opt_def *opt_table(int *n);
/* The default shown in the manual ("$VISUAL, $EDITOR or vi" for editor). */
const char *opt_default_doc(const struct opt_def *d);

/* Options at their defaults. */
struct options *options_new(void);
void options_free(struct options *o);
/*
** Set an option from its text form. On an unknown name or a value out of
** range returns false, appends the reason to why and changes nothing.
*/
bool options_set(struct options *o, const char *name, const char *value, struct strbuf *why);
/* Bool 0/1, int value, enum index; 0 for an unknown name. */
long options_int(const struct options *o, const char *name);
/* The value as text ("on", "name", "vim"); "" for an unknown name. */
const char *options_str(const struct options *o, const char *name);

#endif
