/*
 * idmap.c: ids to positions (see kith/idmap.h).
 */
#include "kith/idmap.h"

#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

enum { IDMAP_FIRST = 16 };      /* slots at first */

/* n slots (a power of two, at least twice the keys), every key put in again. */
static void
resize(struct idmap *m, unsigned n)
{
	struct idmap_slot *old = m->slot;
	unsigned nold = old ? m->mask + 1 : 0;

	m->slot = xcalloc(n, sizeof *m->slot);
	m->mask = n - 1;
	for (unsigned s = 0; s < nold; s++)
		if (old[s].pos1)
			*idmap_probe(m, old[s].key) = old[s];
	free(old);
}

void
idmap_set(struct idmap *m, int64_t key, int pos)
{
	struct idmap_slot *s;

	if (!m->slot || (unsigned)(m->n + 1) * 2 > m->mask + 1)
		resize(m, m->slot ? (m->mask + 1) * 2 : IDMAP_FIRST);
	s = idmap_probe(m, key);
	if (!s->pos1)
		m->n++;
	s->key = key;
	s->pos1 = pos + 1;
}

void
idmap_free(struct idmap *m)
{
	free(m->slot);
	memset(m, 0, sizeof *m);
}
