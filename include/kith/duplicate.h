/*
 * duplicate.h: possible duplicates and merging two contacts
 * (src/db/duplicate.c).
 *
 * The pass. Two contacts not archived are a possible duplicate when
 *   - they have the same folded name (contact.name_key) and either share a
 *     current organisation or at least one of them holds no current role
 *     at an organisation (same name at two different organisations is two
 *     people: a common name would otherwise flood the list);
 *   - or they share an email address (lower-cased), which the importer
 *     kept apart because the names contradict;
 *   - or they share a phone number (its digits, six or more).
 * A value (name, email or phone) shared by more than DUP_GROUP_MAX
 * contacts is a switchboard or a very common name, not a duplicate, and
 * makes no pairs. Pairs the user said are not the same person
 * (dup_not_same) are never proposed again. Each pair is listed once, with
 * every reason that matched, the lower id first. The pass reads groups
 * from the indexes (GROUP BY ... HAVING count(*) > 1), never all pairs.
 *
 * The merge. contact_merge(keep, drop) moves everything of drop to keep in
 * one transaction (one undo step): emails, phones and handles (a value
 * keep already has is not copied twice), nicknames, tags, roles,
 * relationships (one between the two is dropped), interactions,
 * attendance (the stronger status wins), follow-ups (and the people of an
 * introduction), map placements and targets, contacts it introduced, kept
 * extra fields, "me". A field of drop that keep has empty is copied; one
 * that differs is kept aside (import_extra, source "merge #DROP"), shown
 * on the card. Then drop is deleted.
 */
#ifndef KITH_DUPLICATE_H
#define KITH_DUPLICATE_H

#include <stdbool.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;

#define DUP_GROUP_MAX 8

enum dup_reason { DUP_NAME, DUP_EMAIL, DUP_PHONE, DUP_REASON_COUNT_ };

/* "name", "email", "phone" (the JSON words). */
const char *dup_reason_name(enum dup_reason r);

struct dup_side {
	int64_t id;
	char *name;             /* display name */
	char *org;              /* current organisation ("" if none) */
};

struct dup_pair {
	struct dup_side a, b;   /* a.id < b.id */
	unsigned reasons;       /* bit (1u << enum dup_reason) */
	char *org;              /* DUP_NAME: the shared organisation, or "" */
	char *email;            /* DUP_EMAIL: the shared address */
	char *phone;            /* DUP_PHONE: the shared number as a's card writes it */
};

struct dup_list {
	struct dup_pair *v;
	int n, cap;
};

/*
** Every possible duplicate, ordered by a's name then the ids. Replaces
** whatever out held (free it with dup_list_free).
*/
enum kith_status duplicate_pairs(struct kdb *db, struct dup_list *out, struct kith_err *err);
void dup_list_free(struct dup_list *l);
/* "same name at City Hall; share phone +1 555 0100" (newly allocated). */
char *dup_pair_reason_text(const struct dup_pair *p);

/* Remember that a and b are not the same person (either order). */
enum kith_status duplicate_not_same(struct kdb *db, int64_t a, int64_t b, struct kith_err *err);

struct merge_result {
	int moved;              /* rows moved to the kept contact */
	int aside;              /* fields kept aside */
};

/*
** Merge drop into keep (see above); one transaction. KITH_NOTFOUND if
** either is missing, KITH_INVALID if they are the same contact.
*/
enum kith_status contact_merge(struct kdb *db, int64_t keep, int64_t drop,
			       struct merge_result *res, struct kith_err *err);

/* "table.column" of every reference to a contact the merge moves, NULL-ended (for a test). */
extern const char *const merge_handled_refs[];

#endif
