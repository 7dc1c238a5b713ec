/*
 * query_db.h: the people a query (kith/query.h) selects, read from the
 * database (src/db/query_db.c). The query becomes one SQL statement made
 * of fixed pieces, every value bound; archived contacts are never
 * selected.
 *
 * How each field reads (current roles are those without an end date):
 *   words       the contact's search document (contact_fts), as `kith search`
 *   org:, role: the organisation names, the role titles and seats of the
 *               same document (every word as a prefix)
 *   tag:        contact_tag through the tag's name (case ignored)
 *   map:        placed on the one map named (exactly, else by a prefix
 *               naming one map): NOTFOUND / AMBIGUOUS otherwise
 *   district:, tier:  the contact's own columns (district: case ignored)
 *   kind:       a current role at an organisation of that kind
 */
#ifndef KITH_QUERY_DB_H
#define KITH_QUERY_DB_H

#include <stdint.h>

#include "kith/status.h"

struct kdb;
struct query;

typedef int (*query_id_fn)(void *ud, int64_t contact_id);

/*
** fn(ud, id) for each contact q selects, in id order, at most limit of
** them (limit <= 0: all); fn returning nonzero stops the walk. A value
** with nothing to search for (org:"--"), or a map that is not one, is an
** error naming the term; nothing is called then.
*/
enum kith_status query_select(struct kdb *db, const struct query *q, int limit,
			      query_id_fn fn, void *ud, struct kith_err *err);
/* How many contacts q selects. */
enum kith_status query_count(struct kdb *db, const struct query *q, long long *out,
			     struct kith_err *err);

/*
** The people q selects as search hits (kind SEARCH_CONTACT: the name, and
** the organisations and roles as the detail), at most limit, by name:
** `kith search` with field terms.
*/
struct search_hit;
enum kith_status query_people(struct kdb *db, const struct query *q, int limit,
			      int (*fn)(void *ud, const struct search_hit *hit), void *ud,
			      struct kith_err *err);

/* Parse text and select (query_parse then query_select): the usual way in. */
enum kith_status query_select_text(struct kdb *db, const char *text, int limit,
				   query_id_fn fn, void *ud, struct kith_err *err);

#endif
