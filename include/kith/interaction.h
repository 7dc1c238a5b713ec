/*
 * interaction.h: logged touches (notes) with one or more contacts.
 *
 * Adding, changing or deleting an interaction keeps every involved
 * contact's last-contacted time right (triggers in the schema).
 *
 * A private note (is_private) is an interaction written to the private
 * file (<db>.private, kith/db.h), never shared with a team: it shows on
 * its people's timelines and in kith search, and counts for nothing else
 * (last contacted, the review, health, exports). Its id is negative (-n
 * for the private file's note n; people see "pN"): interaction_get and
 * interaction_delete take either kind.
 */
#ifndef KITH_INTERACTION_H
#define KITH_INTERACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;

struct kith_interaction {
	int64_t id;
	char *at;                   /* "YYYY-MM-DD HH:MM" (or a date); required */
	int kind;                   /* enum kith_interaction_kind */
	int way;                    /* enum kith_interaction_way; auto: the kind's */
	char *summary;              /* one line, required */
	char *body;                 /* longer note or NULL */
	int64_t event_id;           /* 0: none */
	int exchange;               /* enum kith_exchange: help given (+give), a favour asked (+ask) */
	int64_t *contact_ids;       /* at least one */
	size_t n_contacts;
	bool is_private;            /* a private note (the id is negative) */
};
#define KITH_PRIVATE_ID(id) ((id) < 0)
void interaction_free(struct kith_interaction *i);

enum kith_status interaction_add(struct kdb *db, const struct kith_interaction *i,
				 int64_t *id_out, struct kith_err *err);
enum kith_status interaction_get(struct kdb *db, int64_t id, struct kith_interaction *out,
				 struct kith_err *err);
enum kith_status interaction_update(struct kdb *db, const struct kith_interaction *i,
				    struct kith_err *err);
enum kith_status interaction_delete(struct kdb *db, int64_t id, struct kith_err *err);

/*
** How many outreaches to the contact ('out' interactions) from the day
** `since` ("YYYY-MM-DD") on have had no answer since: the guard against
** being too eager (options guard.unanswered, guard.days).
*/
enum kith_status interaction_unanswered(struct kdb *db, int64_t contact_id, const char *since,
					int *count, struct kith_err *err);

/*
** The guard: the first of the contacts whose unanswered outreach in the
** last `days` days (today included) already numbers `limit` or more, in
** *who (0: none of them) with that number in *count. limit 0: off.
*/
enum kith_status interaction_guard(struct kdb *db, const int64_t *ids, size_t n, int days,
				   int limit, int64_t *who, int *count, struct kith_err *err);

struct interaction_row {
	int64_t id;
	const char *at;
	int kind;
	const char *summary, *body;
	int64_t event_id;
	int exchange;               /* enum kith_exchange */
	const char *with;           /* names of all involved contacts, ", "-joined */
};
typedef int (*interaction_row_fn)(void *ud, const struct interaction_row *row);
/*
** A contact's timeline, newest first: rows older than the anchor
** interaction (anchor 0: from the newest). At most `limit` rows. Private
** notes are among them (a negative id: KITH_PRIVATE_ID).
*/
enum kith_status interaction_list_for_contact(struct kdb *db, int64_t contact_id,
					      int64_t anchor, int limit,
					      interaction_row_fn fn, void *ud,
					      struct kith_err *err);
/* The most recent interactions overall, newest first (shared ones only: the export's). */
enum kith_status interaction_list_recent(struct kdb *db, int64_t anchor, int limit,
					 interaction_row_fn fn, void *ud, struct kith_err *err);

#endif
