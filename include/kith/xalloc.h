/*
 * xalloc.h: allocation that cannot fail silently. On out-of-memory these
 * print one line to stderr and abort: there is no sane recovery for a
 * terminal planner, and every write is already committed or rolled back.
 */
#ifndef KITH_XALLOC_H
#define KITH_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of nmemb elements of size bytes; overflow-checked. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);              /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);

#endif
