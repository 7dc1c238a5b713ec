/*
 * idmap.h: a map from 64-bit ids to the positions of their entries in an
 * array its owner keeps (idmap.c). Open addressing with linear probing,
 * kept at most half full; the keys are in the slots, so a lookup reads no
 * entry. For the tables of contacts and nodes that src/db builds while it
 * walks (the review's candidates, the warm-path graph).
 *
 *	struct idmap m = {0};
 *	idmap_set(&m, id, n);          entry n of the owner's array is id's
 *	i = idmap_get(&m, id);         its position, or -1
 *	idmap_free(&m);
 */
#ifndef KITH_IDMAP_H
#define KITH_IDMAP_H

#include <stdint.h>

struct idmap_slot {
	int64_t key;
	int pos1;                   /* the position + 1; 0: an empty slot */
};

struct idmap {
	struct idmap_slot *slot;    /* NULL until the first idmap_set */
	unsigned mask;              /* the number of slots - 1 (a power of two) */
	int n;                      /* keys held */
};

/* The slot holding key, or the empty one where it would go (m has slots). */
static inline struct idmap_slot *
idmap_probe(const struct idmap *m, int64_t key)
{
	/* Fibonacci hashing: the high bits of the product spread ids that count up */
	unsigned s = (unsigned)(((uint64_t)key * 0x9E3779B97F4A7C15ull) >> 33) & m->mask;

	while (m->slot[s].pos1 && m->slot[s].key != key)
		s = (s + 1) & m->mask;
	return &m->slot[s];
}

/* The position set for key, or -1 if it has none (inline: the lookups of a search). */
static inline int
idmap_get(const struct idmap *m, int64_t key)
{
	return m->slot ? idmap_probe(m, key)->pos1 - 1 : -1;
}
/* Set key's position to pos (>= 0), replacing the one it had; grows as needed. */
void idmap_set(struct idmap *m, int64_t key, int pos);
/* Free the slots and clear m (an empty map again). */
void idmap_free(struct idmap *m);

#endif
