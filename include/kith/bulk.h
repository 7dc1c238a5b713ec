/*
 * bulk.h: one change applied to many rows at once (the planner's `;` on
 * marked rows).
 *
 * Every function takes an array of ids and applies its change to each in
 * ONE transaction, so with undo recording on the whole batch is one undo
 * step. If any row fails (gone, invalid), nothing is changed and err names
 * the row. Rows the change does not apply to (a follow-up already done, a
 * person already on the map or at the event) are left alone and not
 * counted. *changed (may be NULL) receives how many rows changed.
 */
#ifndef KITH_BULK_H
#define KITH_BULK_H

#include <stddef.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;

/* What the ids of a bulk delete are. */
enum bulk_kind { BULK_CONTACT, BULK_EVENT, BULK_FOLLOWUP };

/* Add tag to each contact (one who has it already keeps it, and counts). */
enum kith_status bulk_tag(struct kdb *db, const int64_t *ids, size_t n, const char *tag,
			  int *changed, struct kith_err *err);
/* Set each contact's tier ('A'..'D', or 0 for none). */
enum kith_status bulk_tier(struct kdb *db, const int64_t *ids, size_t n, char tier,
			   int *changed, struct kith_err *err);
/*
** Place each contact not yet on map_id at its own influence (3 when unknown)
** and alignment, with `reason` in the map's history.
*/
enum kith_status bulk_place(struct kdb *db, int64_t map_id, const int64_t *ids, size_t n,
			    const char *reason, int *changed, struct kith_err *err);
/* Invite each contact not yet at event_id (an attendee, status invited). */
enum kith_status bulk_invite(struct kdb *db, int64_t event_id, const int64_t *ids, size_t n,
			     int *changed, struct kith_err *err);
/* Mark each open follow-up done. */
enum kith_status bulk_followup_done(struct kdb *db, const int64_t *ids, size_t n, int *changed,
				    struct kith_err *err);
/* Snooze each open follow-up to due ("YYYY-MM-DD"), with an optional reason. */
enum kith_status bulk_followup_snooze(struct kdb *db, const int64_t *ids, size_t n,
				      const char *due, const char *reason, int *changed,
				      struct kith_err *err);
/* Delete each row (contacts with their history, as their own delete does). */
enum kith_status bulk_delete(struct kdb *db, enum bulk_kind kind, const int64_t *ids, size_t n,
			     int *changed, struct kith_err *err);

#endif
