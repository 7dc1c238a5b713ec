/*
 * repeats.c: a record's lists without repeats (nicknames, tags, emails,
 * phones, handles: equal ASCII case aside), the first of each kept, in
 * O(n log n) (moved from text.c).
 */
#include "io_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

/* ---- dropping repeats in O(n log n) ------------------------------------------------- */

struct keyed {
	const char *s;
	size_t i;
};

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	const unsigned char *p = (const unsigned char *)x->s, *q = (const unsigned char *)y->s;

	for (; *p && tolower(*p) == tolower(*q); p++, q++)
		;
	if (tolower(*p) != tolower(*q))
		return tolower(*p) < tolower(*q) ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
** drop[i] is set for each string equal (ASCII case aside) to an earlier one
** (drop zeroed by the caller): a few are compared each with each; more are
** sorted, equal strings next to each other, the first one first.
*/
static void
mark_repeats(const char *(*get)(const void *, size_t), const void *v, size_t n, bool *drop)
{
	struct keyed *k;

	if (n <= 8) {
		for (size_t i = 1; i < n; i++)
			for (size_t j = 0; j < i && !drop[i]; j++)
				drop[i] = !drop[j] && io_ieq(get(v, j), get(v, i));
		return;
	}
	k = xreallocarray(NULL, n, sizeof *k);
	for (size_t i = 0; i < n; i++)
		k[i] = (struct keyed){ get(v, i), i };
	qsort(k, n, sizeof *k, keyed_cmp);
	for (size_t i = 1; i < n; i++)
		if (io_ieq(k[i - 1].s, k[i].s))
			drop[k[i].i] = true;
	free(k);
}

static bool *
repeats(const char *(*get)(const void *, size_t), const void *v, size_t n)
{
	bool *drop = xcalloc(n ? n : 1, sizeof *drop);

	mark_repeats(get, v, n, drop);
	return drop;
}

static const char *
strv_get(const void *v, size_t i)
{
	return ((char *const *)v)[i];
}

static const char *
channel_get(const void *v, size_t i)
{
	return ((const struct kith_channel *)v)[i].value;
}

void
io_strv_repeats(char *const *v, size_t n, bool *drop)
{
	mark_repeats(strv_get, v, n, drop);
}

void
io_channel_repeats(const struct kith_channel *v, size_t n, bool *drop)
{
	mark_repeats(channel_get, v, n, drop);
}

void
io_strv_uniq(char **v, size_t *n)
{
	bool *drop = repeats(strv_get, v, *n);
	size_t o = 0;

	for (size_t i = 0; i < *n; i++) {
		if (drop[i])
			free(v[i]);
		else
			v[o++] = v[i];
	}
	*n = o;
	free(drop);
}

void
io_channel_uniq(struct kith_channel *v, size_t *n)
{
	bool *drop = repeats(channel_get, v, *n);
	size_t o = 0;

	for (size_t i = 0; i < *n; i++) {
		if (drop[i]) {
			free(v[i].label);
			free(v[i].value);
		} else {
			v[o++] = v[i];
		}
	}
	*n = o;
	free(drop);
}

void
io_contact_uniq(struct kith_contact *c)
{
	io_strv_uniq(c->nicknames, &c->n_nicknames);
	io_strv_uniq(c->tags, &c->n_tags);
	io_channel_uniq(c->emails, &c->n_emails);
	io_channel_uniq(c->phones, &c->n_phones);
	io_channel_uniq(c->handles, &c->n_handles);
}
