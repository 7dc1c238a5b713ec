/*
 * xalloc.h: allocation that cannot fail silently. On out-of-memory these
 * print one line to stderr and abort: there is no sane recovery for a
 * terminal planner, and every write is already committed or rolled back.
 */
#ifndef KITH_XALLOC_H
#define KITH_XALLOC_H

#include <stdbool.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of nmemb elements of size bytes; overflow-checked. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
/*
** Room for element n of v, an array of *cap elements of size bytes: when n
** has reached *cap, *cap doubles (to first the first time) and v grows.
** Returns v, moved or not:  v = xgrow(v, n, &cap, 64, sizeof *v);
*/
void *xgrow_(void *v, int *cap, int first, size_t size);
static inline void *
xgrow(void *v, int n, int *cap, int first, size_t size)
{
	return n < *cap ? v : xgrow_(v, cap, first, size);      /* inline: most appends fit */
}
/* The same for counts kept in size_t. */
void *xgrowz_(void *v, size_t *cap, size_t first, size_t size);
static inline void *
xgrowz(void *v, size_t n, size_t *cap, size_t first, size_t size)
{
	return n < *cap ? v : xgrowz_(v, cap, first, size);
}
/*
** Make the pages of a block of n bytes at p present and writable now, in
** one call, for a large block about to be written all over (a block of
** 1 MB or more, and where the system can: Linux 5.14's MADV_POPULATE_WRITE;
** otherwise, and on a refusal, its pages fault in as they are first
** touched). The bytes are left as they are. Each page that faults in alone
** costs a trap, and a page first read and then written two, the second
** making every core that runs the process flush its TLB. True if the
** whole pages inside the block were made present.
*/
bool xprefault(void *p, size_t n);
char *xstrdup(const char *s);              /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);

#endif
