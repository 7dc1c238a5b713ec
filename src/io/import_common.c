/*
 * import_common.c: what the parts of an import share: its report, its
 * cache of organisations, the fields kept aside. import.c runs an import
 * and calls import_contact.c and import_record.c, which call only down to
 * this file (so the files of the io layer call each other in no circle).
 */
#include "import_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/db.h"
#include "kith/merge.h"
#include "kith/org.h"
#include "kith/xalloc.h"

/* FNV-1a of kind and key: the slot to start from. */
static size_t
key_slot(char kind, const char *key, size_t cap)
{
	uint32_t h = (2166136261u ^ (unsigned char)kind) * 16777619u;

	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h & (cap - 1);
}

void
org_cache_clear(struct imp *im)
{
	for (size_t i = 0; i < im->orgs_cap; i++) {
		free(im->orgs[i].name);
		im->orgs[i].name = NULL;
	}
	im->orgs_n = 0;
}

/* The slot of name in orgs (cap a power of two), or the empty one it would take. */
static struct org_slot *
org_slot_find(struct org_slot *orgs, size_t cap, const char *name)
{
	size_t i = key_slot('o', name, cap);

	while (orgs[i].name && strcmp(orgs[i].name, name))
		i = (i + 1) & (cap - 1);
	return &orgs[i];
}

/* Room for one more name in a table of *cap slots holding n: kept at most half full. */
static void
slots_room(struct org_slot **tab, size_t *cap, size_t n)
{
	struct org_slot *t;
	size_t c;

	if (2 * (n + 1) <= *cap)
		return;
	c = *cap ? 2 * *cap : 1024;
	t = xcalloc(c, sizeof *t);
	for (size_t i = 0; i < *cap; i++)
		if ((*tab)[i].name)
			*org_slot_find(t, c, (*tab)[i].name) = (*tab)[i];
	free(*tab);
	*tab = t;
	*cap = c;
}

/*
** org_find(create) through the import's cache: open addressing, at most
** half full, so no organisation is pushed out by another (one slot per
** hash, as it was, lost a third of 3,000 names to their neighbours: 30,000
** of 100,000 cards looked their organisation up again).
*/
enum kith_status
org_cached(struct imp *im, const char *name, int64_t *id, struct kith_err *err)
{
	struct org_slot *slot;
	enum kith_status rc;

	slots_room(&im->orgs, &im->orgs_cap, im->orgs_n);
	slot = org_slot_find(im->orgs, im->orgs_cap, name);
	if (slot->name) {
		*id = slot->id;
		return KITH_OK;
	}
	if ((rc = org_find(im->db, name, true, id, err)))
		return rc;
	slot->name = xstrdup(name);
	slot->id = *id;
	im->orgs_n++;
	return KITH_OK;
}

bool
keys_seen(struct imp *im, char kind, const char *key)
{
	return io_keyset_seen(&im->keys, kind, key);
}

void
keys_free(struct imp *im)
{
	io_keyset_free(&im->keys);
}

void
report(struct imp *im, const char *fmt, ...)
{
	va_list ap;

	if (!im->o->report)
		return;
	sb_reset(&im->line);
	va_start(ap, fmt);
	sb_vprintf(&im->line, fmt, ap);
	va_end(ap);
	im->o->report(im->o->ud, sb_str(&im->line));
}

/* Keep the record's extra fields for entity id; *changed if any was new. */
enum kith_status
put_extras(struct imp *im, const char *entity, int64_t id, const char *source,
	   const struct io_extra *x, size_t n, bool *changed, struct kith_err *err)
{
	for (size_t i = 0; i < n; i++) {
		bool added;
		enum kith_status rc = import_extra_put(im->db, entity, id, source, x[i].name,
						       x[i].value, &added, err);
		if (rc)
			return rc;
		*changed |= added;
	}
	return KITH_OK;
}
