/*
 * io_mem.c: the readers' memory: blocks a record's strings and arrays are
 * carved from and freed with at once (io_arena), and sets of keys seen in
 * a file (io_keyset), kept in such blocks.
 */
#include "io_internal.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

/* ---- blocks of memory ---------------------------------------------------------------- */

struct io_block {
	struct io_block *next;
	size_t size;                /* bytes of data after the header */
	max_align_t data[];
};

enum { IO_BLOCK_MIN = 4096 };
#define IO_ALIGN (sizeof(max_align_t))

/* A new head block with room for n bytes at least. */
static void
block_add(struct io_arena *a, size_t n)
{
	size_t size = n > IO_BLOCK_MIN ? n : IO_BLOCK_MIN;
	struct io_block *b;

	/* each block twice the last, so that a long record takes few */
	if (a->head && a->head->size * 2 > size && a->head->size <= ((size_t)1 << 24))
		size = a->head->size * 2;
	b = xmalloc(sizeof *b + size);
	b->size = size;
	b->next = a->head;
	a->head = b;
	a->p = (char *)b->data;
	a->end = a->p + size;
}

void *
io_alloc(struct io_arena *a, size_t n)
{
	char *r;
	size_t pad = a->p ? (IO_ALIGN - (size_t)((uintptr_t)a->p % IO_ALIGN)) % IO_ALIGN : 0;

	if (!a->p || (size_t)(a->end - a->p) < n + pad) {
		block_add(a, n);
		pad = 0;
	}
	r = a->p + pad;
	a->p = r + n;
	return r;
}

char *
io_strndup_in(struct io_arena *a, const char *s, size_t n)
{
	char *r;

	if (!a->p || (size_t)(a->end - a->p) < n + 1)
		block_add(a, n + 1);
	r = a->p;
	memcpy(r, s, n);
	r[n] = '\0';
	a->p += n + 1;
	return r;
}

void
io_blocks_free(struct io_block *b)
{
	while (b) {
		struct io_block *next = b->next;
		free(b);
		b = next;
	}
}

struct io_block *
io_arena_take(struct io_arena *a)
{
	struct io_block *b = a->head;

	a->head = NULL;
	a->p = a->end = NULL;
	return b;
}

void
io_arena_reset(struct io_arena *a)
{
	struct io_block *keep = a->head;

	if (!keep)
		return;
	/* the newest block is the largest */
	io_blocks_free(keep->next);
	keep->next = NULL;
	a->p = (char *)keep->data;
	a->end = a->p + keep->size;
}

void
io_arena_free(struct io_arena *a)
{
	io_blocks_free(io_arena_take(a));
}

/* ---- sets of keys -------------------------------------------------------------------- */

/* FNV-1a, 64 bits, of the kind and the key; *n gets the key's length */
static uint64_t
key_hash(char kind, const char *key, size_t *n)
{
	uint64_t h = (14695981039346656037u ^ (unsigned char)kind) * 1099511628211u;
	size_t i;

	for (i = 0; key[i]; i++)
		h = (h ^ (unsigned char)key[i]) * 1099511628211u;
	*n = i;
	return h;
}

/* The slot of (hash, kind, key) in slot (cap a power of two), or the empty one it would take. */
static struct io_keyslot *
key_slot(struct io_keyslot *slot, size_t cap, uint64_t hash, char kind, const char *key)
{
	size_t i = (size_t)hash & (cap - 1);

	while (slot[i].key && (slot[i].hash != hash || slot[i].key[0] != kind ||
			       strcmp(slot[i].key + 1, key)))
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

/*
** cap empty slots. The keys land on a large table's pages at random: each
** page, fresh from the system, would be read first (the system maps a
** shared page of zeros) and then written, a second fault that makes every
** core running the process flush its TLB (100,000 vCards: the parser's 16 MB
** table, 75 ms of faults, most of them those flushes). Its pages are made
** present at once.
*/
static struct io_keyslot *
slots_new(size_t cap)
{
	struct io_keyslot *slot = xcalloc(cap, sizeof *slot);

	xprefault(slot, cap * sizeof *slot);
	return slot;
}

/* Move k's keys to a table of cap slots (a power of two, more than twice k->n). */
static void
keyset_resize(struct io_keyset *k, size_t cap)
{
	struct io_keyslot *slot = slots_new(cap);

	/* the keys are distinct: each takes the first empty slot from its hash,
	   compared with none (a comparison reads the key, far off in k->mem) */
	for (size_t i = 0; i < k->cap; i++) {
		size_t j;

		if (!k->slot[i].key)
			continue;
		for (j = (size_t)k->slot[i].hash & (cap - 1); slot[j].key; j = (j + 1) & (cap - 1))
			;
		slot[j] = k->slot[i];
	}
	free(k->slot);
	k->slot = slot;
	k->cap = cap;
}

void
io_keyset_reserve(struct io_keyset *k, size_t n)
{
	size_t cap = k->cap ? k->cap : 1024;

	while (cap / 2 < n)
		cap *= 2;
	if (cap != k->cap)
		keyset_resize(k, cap);
}

bool
io_keyset_seen(struct io_keyset *k, char kind, const char *key)
{
	size_t n;
	uint64_t h = key_hash(kind, key, &n);
	struct io_keyslot *at;
	char *e;

	/* at most half full */
	if (2 * (k->n + 1) > k->cap)
		keyset_resize(k, k->cap ? 2 * k->cap : 1024);
	at = key_slot(k->slot, k->cap, h, kind, key);
	if (at->key)
		return true;
	/* kept as the kind, then the key */
	e = io_alloc(&k->mem, n + 2);
	e[0] = kind;
	memcpy(e + 1, key, n + 1);
	at->hash = h;
	at->key = e;
	k->n++;
	return false;
}

void
io_keyset_free(struct io_keyset *k)
{
	free(k->slot);
	io_arena_free(&k->mem);
	memset(k, 0, sizeof *k);
}
