/*
 * xalloc.c: allocation that aborts with a message on out-of-memory.
 */
#include "kith/xalloc.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void
oom(size_t n)
{
	fprintf(stderr, "kith: out of memory (allocating %zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		oom(nmemb * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		oom(SIZE_MAX);
	return xrealloc(p, nmemb * size);
}

/* xgrow's growing (kith/xalloc.h) */
void *
xgrow_(void *v, int *cap, int first, size_t size)
{
	size_t c = (size_t)*cap;

	if (*cap > INT_MAX / 2)
		oom(SIZE_MAX);
	v = xgrowz_(v, &c, (size_t)first, size);
	*cap = (int)c;
	return v;
}

void *
xgrowz_(void *v, size_t *cap, size_t first, size_t size)
{
	if (*cap > SIZE_MAX / 2)
		oom(SIZE_MAX);
	*cap = *cap ? *cap * 2 : first;
	return xreallocarray(v, *cap, size);       /* (it checks *cap * size) */
}

char *
xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;
	size_t len = 0;

	if (!s)
		return NULL;
	while (len < n && s[len])
		len++;
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

bool
xprefault(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t from = (uintptr_t)p, to = from + n;

	if (!p || page <= 0 || n < ((size_t)1 << 20))
		return false;
	from = (from + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
	to &= ~((uintptr_t)page - 1);
	return madvise((void *)from, to - from, MADV_POPULATE_WRITE) == 0;
#else
	(void)p;
	(void)n;
	return false;
#endif
}
