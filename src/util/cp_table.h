/*
 * cp_table.h: the binary search over util's generated tables, each an
 * array sorted by the code point it starts with (uni_wide, uni_zero,
 * uni_fold, fold_ascii). Internal to src/util.
 */
#ifndef KITH_CP_TABLE_H
#define KITH_CP_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
** The index of the last of the n entries of `size` bytes at base whose
** leading uint32_t code point is <= cp; -1 if none is.
*/
static inline long
cp_floor(const void *base, size_t n, size_t size, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t key;
		memcpy(&key, (const char *)base + mid * size, sizeof key);
		if (cp < key)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (long)lo - 1;
}

#endif
