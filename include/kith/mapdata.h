/*
 * mapdata.h: a map's placements gathered in memory, for the exporters
 * (svg, dot) and kith map show. A map holds hundreds of placements, not
 * millions.
 */
#ifndef KITH_IO_MAPDATA_H
#define KITH_IO_MAPDATA_H

#include <stdbool.h>
#include <stdint.h>

#include "kith/powermap.h"
#include "kith/status.h"

struct kdb;

struct map_item {
	int64_t id;                 /* the placement's key (0 as of a past day) */
	int64_t contact_id, org_id;
	char *name;
	int influence, alignment;
	bool target, primary;
	char *note, *assessed_at;   /* why it stands there; since when ("" if not said) */
};

struct map_key {
	int64_t key;                /* contact id, or -organisation id */
	int item;
};

struct map_data {
	struct kith_map map;
	struct map_item *items;     /* by influence (5 first), alignment, name */
	int n, cap;
	struct map_key *index;      /* items by key, for map_data_find */
};

enum kith_status map_data_load(struct kdb *db, int64_t map_id, const char *as_of,
			       struct map_data *md, struct kith_err *err);
void map_data_free(struct map_data *md);

/* The item for a contact or (contact_id 0) an organisation, NULL if not placed. */
const struct map_item *map_data_find(const struct map_data *md, int64_t contact_id,
				     int64_t org_id);

#endif
