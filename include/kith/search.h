/*
 * search.h: full-text search across contacts, organisations, interactions,
 * follow-ups and events (FTS5, diacritics ignored, prefix matching).
 */
#ifndef KITH_SEARCH_H
#define KITH_SEARCH_H

#include <stdint.h>

#include "kith/status.h"

struct kdb;

enum search_kind {
	SEARCH_CONTACT, SEARCH_ORG, SEARCH_INTERACTION, SEARCH_FOLLOWUP, SEARCH_EVENT,
};

struct search_hit {
	enum search_kind kind;
	int64_t id;
	const char *title;          /* a name, a summary, a title */
	const char *detail;         /* context: org and role, date and people, due date */
};
typedef int (*search_hit_fn)(void *ud, const struct search_hit *hit);

/* "contact", "organisation", ... */
const char *search_kind_name(enum search_kind k);

/*
** Search everything for `query`: each word matches as a prefix, all words
** must match; FTS syntax characters in the query are taken literally.
** At most `limit` hits per kind, contacts first. An empty query is
** KITH_INVALID.
*/
enum kith_status search_all(struct kdb *db, const char *query, int limit, search_hit_fn fn,
			    void *ud, struct kith_err *err);

/*
** Turn user text into a safe FTS5 query: each word quoted, with a prefix
** star: `Zoë ng` -> `"Zoë"* "ng"*`. Newly allocated; NULL if no words.
*/
char *search_fts_query(const char *text);

#endif
