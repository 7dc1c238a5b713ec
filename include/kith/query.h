/*
 * query.h: the query language that selects people (src/parse/query.c),
 * shared by `kith goal --who`, `kith search` and the planner's marks
 * (`:mark`). Parsed without the database; src/db/query_db.c turns a
 * struct query into SQL with every value bound.
 *
 *   org:"school board" -tag:donor district:3 ana
 *
 * Terms are separated by spaces; every term must hold (AND). A term is
 *
 *   WORD          a word of the person's name, nicknames, organisation,
 *                 role, tags or notes, as a prefix (what `kith search`
 *                 matches; folded: "lukasiewicz" finds "Łukasiewicz")
 *   org:NAME      a current role at an organisation whose name has these
 *                 words (as prefixes, accents ignored)
 *   role:TITLE    a current role whose title or seat has these words
 *   tag:TAG       tagged TAG (the whole tag, case ignored)
 *   map:NAME      placed on the power map NAME (case ignored; a prefix
 *                 naming one map is enough)
 *   district:D    in district D (the whole district, case ignored)
 *   tier:T        tier A, B, C or D
 *   kind:K        a current role at an organisation of kind K
 *                 (government, community, party, association, business,
 *                 media, school, union, campaign, other)
 *
 * A term starting with '-' is negated: -tag:donor is everyone not tagged
 * donor. Quotes allow spaces in a value ("org:\"City Hall\"" or
 * org:"City Hall"); a word of its own in quotes is one WORD. Field names
 * are case-insensitive. Archived contacts are never selected.
 *
 * Errors name the column (1-based, in characters) and the term:
 * "col 5: foo:x: unknown field (org, role, tag, map, district, tier, kind)".
 */
#ifndef KITH_QUERY_H
#define KITH_QUERY_H

#include <stdbool.h>

#include "kith/status.h"

/* X(ENUM, "field name") */
#define QUERY_FIELDS(X) \
	X(ORG, "org") X(ROLE, "role") X(TAG, "tag") X(MAP, "map") \
	X(DISTRICT, "district") X(TIER, "tier") X(KIND, "kind")

enum query_field {
	QF_WORD,                    /* a bare word */
#define QUERY_FIELD_ENUM(e, name) QF_##e,
	QUERY_FIELDS(QUERY_FIELD_ENUM)
#undef QUERY_FIELD_ENUM
	QF_COUNT_
};

struct query_term {
	enum query_field field;
	bool neg;
	char *value;                /* as typed, quotes removed; a tier upper-cased, a kind lower */
};

struct query {
	struct query_term *terms;
	int n;
};

/* "org", ... ("" for QF_WORD). */
const char *query_field_name(enum query_field f);

/*
** Parse text into q (zeroed first). An empty text (only spaces) is an
** empty query, which selects everyone. On error q is left empty and err
** names the column and the term; KITH_INVALID.
*/
enum kith_status query_parse(const char *text, struct query *q, struct kith_err *err);
void query_free(struct query *q);
/* True if some term is a field (not a bare word): text that is a query, not a search. */
bool query_has_fields(const struct query *q);
/* True if text has a term that looks like FIELD:VALUE for a known field (before parsing). */
bool query_text_has_fields(const char *text);

#endif
