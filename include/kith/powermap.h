/*
 * powermap.h: power maps, their targets, placements and move history.
 *
 * A placement puts a contact or an organisation at an influence (1..5) and
 * an alignment (-2..+2) on one map. Every placement change (placed, moved,
 * removed) is recorded in the same transaction with its time and reason, so
 * a map can be shown as it stood on any date.
 */
#ifndef KITH_POWERMAP_H
#define KITH_POWERMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;

struct kith_map {
	int64_t id;
	char *name;                 /* required, unique */
	char *goal;
	int64_t primary_target_id;  /* contact, 0: none */
};
void map_free(struct kith_map *m);

enum kith_status map_add(struct kdb *db, const struct kith_map *m, int64_t *id_out,
			 struct kith_err *err);
enum kith_status map_get(struct kdb *db, int64_t id, struct kith_map *out, struct kith_err *err);
enum kith_status map_update(struct kdb *db, const struct kith_map *m, struct kith_err *err);
enum kith_status map_delete(struct kdb *db, int64_t id, struct kith_err *err);
/* Resolve a MAP argument: id, exact name or unambiguous prefix. */
enum kith_status map_resolve(struct kdb *db, const char *arg, int64_t *id_out,
			     struct kith_err *err);
enum kith_status map_target_add(struct kdb *db, int64_t map_id, int64_t contact_id,
				struct kith_err *err);
enum kith_status map_target_remove(struct kdb *db, int64_t map_id, int64_t contact_id,
				   struct kith_err *err);

struct map_row {
	int64_t id;
	const char *name, *goal;
	int64_t primary_target_id;
	const char *primary_target_name;    /* "" */
	long long placements;
};
typedef int (*map_row_fn)(void *ud, const struct map_row *row);
/* All maps by name (a person has a handful, not thousands). */
enum kith_status map_list(struct kdb *db, map_row_fn fn, void *ud, struct kith_err *err);

/*
** Place (or re-place) a contact (contact_id) or organisation (org_id; the
** other is 0) on a map. Records a move in the history with `reason` (may be
** NULL). A re-placement at the same cell only updates the note and the
** assessment time.
*/
enum kith_status placement_set(struct kdb *db, int64_t map_id, int64_t contact_id,
			       int64_t org_id, int influence, int alignment, const char *note,
			       const char *reason, struct kith_err *err);
enum kith_status placement_remove(struct kdb *db, int64_t map_id, int64_t contact_id,
				  int64_t org_id, const char *reason, struct kith_err *err);

struct placement_row {
	int64_t id;
	int64_t contact_id, org_id;
	const char *name;
	int influence, alignment;
	const char *note;
	const char *assessed_at;
	bool is_target;             /* primary or secondary target */
	bool is_primary;
	const char *name_key;       /* the folded name (contact.name_key / organisation.name_key) */
};
typedef int (*placement_row_fn)(void *ud, const struct placement_row *row);
/*
** Placements of a map, ordered by influence (5 first), alignment, name.
** as_of NULL: now; else "YYYY-MM-DD[ HH:MM]": as the map stood then, at the
** end of that day (or minute), replayed from the history: id is 0, note is
** "" (notes have no history) and assessed_at is the time of the move.
*/
enum kith_status placement_list(struct kdb *db, int64_t map_id, const char *as_of,
				placement_row_fn fn, void *ud, struct kith_err *err);
/*
** A contact's own stance (its card's alignment, -2..+2), for the one
** placement selected: read when asked, not with every placement of a map.
** KITH_NOTFOUND if there is no such contact.
*/
enum kith_status placement_card_stance(struct kdb *db, int64_t contact_id, int *alignment,
				       struct kith_err *err);

/* Where one contact or organisation stands on a map (placement_list_for_entity). */
struct map_position_row {
	int64_t map_id;
	const char *map_name;
	int influence, alignment;
	const char *note;
	const char *assessed_at;
	bool is_target;             /* primary or secondary target of that map */
	bool is_primary;
};
typedef int (*map_position_fn)(void *ud, const struct map_position_row *row);
/*
** The current placements of a contact (contact_id) or an organisation
** (org_id; the other is 0) on every map, by map name: "map positions" on a
** contact's card. KITH_NOTFOUND if the contact or organisation does not exist.
*/
enum kith_status placement_list_for_entity(struct kdb *db, int64_t contact_id, int64_t org_id,
					   map_position_fn fn, void *ud, struct kith_err *err);

struct placement_move_row {
	int64_t contact_id, org_id;
	const char *name;
	const char *at;
	int from_influence, from_alignment;   /* 0,0 with placed=true when newly placed */
	int to_influence, to_alignment;       /* removed=true when taken off */
	bool placed, removed;
	const char *reason;
	int64_t id;                 /* the move's key: in a team, its range names who made it */
};
typedef int (*placement_move_fn)(void *ud, const struct placement_move_row *row);
/* Set the reason of the newest recorded move of an entity on a map (KITH_NOTFOUND if none). */
enum kith_status placement_move_reason(struct kdb *db, int64_t map_id, int64_t contact_id,
				       int64_t org_id, const char *reason, struct kith_err *err);

/* Moves on a map since `since` (inclusive), oldest first. */
enum kith_status placement_moves(struct kdb *db, int64_t map_id, const char *since,
				 placement_move_fn fn, void *ud, struct kith_err *err);
/* The moves of one contact (contact_id) or organisation (org_id) on a map, oldest first. */
enum kith_status placement_history(struct kdb *db, int64_t map_id, int64_t contact_id,
				   int64_t org_id, placement_move_fn fn, void *ud,
				   struct kith_err *err);

#endif
