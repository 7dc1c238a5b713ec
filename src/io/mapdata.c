/*
 * mapdata.c: a map's placements in memory, for the exporters.
 */
#include "kith/mapdata.h"

#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

static int
item_cb(void *ud, const struct placement_row *r)
{
	struct map_data *md = ud;
	struct map_item *it;

	md->items = xgrow(md->items, md->n, &md->cap, 64, sizeof *md->items);
	it = &md->items[md->n++];
	it->id = r->id;
	it->contact_id = r->contact_id;
	it->org_id = r->org_id;
	it->name = xstrdup(r->name);
	it->influence = r->influence;
	it->alignment = r->alignment;
	it->target = r->is_target;
	it->primary = r->is_primary;
	it->note = xstrdup(r->note);
	it->assessed_at = xstrdup(r->assessed_at);
	return 0;
}

static int64_t
item_key(const struct map_item *it)
{
	return it->contact_id ? it->contact_id : -it->org_id;
}

static int
cmp_key(const void *a, const void *b)
{
	const struct map_key *x = a, *y = b;
	return (x->key > y->key) - (x->key < y->key);
}

enum kith_status
map_data_load(struct kdb *db, int64_t map_id, const char *as_of, struct map_data *md,
	      struct kith_err *err)
{
	enum kith_status rc;

	memset(md, 0, sizeof *md);
	if ((rc = map_get(db, map_id, &md->map, err)) != KITH_OK)
		return rc;
	if ((rc = placement_list(db, map_id, as_of, item_cb, md, err)) != KITH_OK) {
		map_data_free(md);
		return rc;
	}
	md->index = xcalloc((size_t)(md->n ? md->n : 1), sizeof *md->index);
	for (int i = 0; i < md->n; i++) {
		md->index[i].key = item_key(&md->items[i]);
		md->index[i].item = i;
	}
	qsort(md->index, (size_t)md->n, sizeof *md->index, cmp_key);
	return KITH_OK;
}

void
map_data_free(struct map_data *md)
{
	for (int i = 0; i < md->n; i++) {
		free(md->items[i].name);
		free(md->items[i].note);
		free(md->items[i].assessed_at);
	}
	free(md->items);
	free(md->index);
	map_free(&md->map);
	memset(md, 0, sizeof *md);
}

const struct map_item *
map_data_find(const struct map_data *md, int64_t contact_id, int64_t org_id)
{
	struct map_key k = { contact_id ? contact_id : -org_id, 0 }, *hit;

	if (!md->n)
		return NULL;
	hit = bsearch(&k, md->index, (size_t)md->n, sizeof *md->index, cmp_key);
	return hit ? &md->items[hit->item] : NULL;
}
