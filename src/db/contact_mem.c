/*
 * contact_mem.c: releasing and copying a struct kith_contact (see
 * kith/contact.h). No database here.
 */
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/xalloc.h"

static void
channels_free(struct kith_channel *ch, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(ch[i].label);
		free(ch[i].value);
	}
	free(ch);
}

static void
strings_free(char **s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

void
contact_free(struct kith_contact *c)
{
	if (!c)
		return;
	free(c->display_name);
	free(c->prefix);
	free(c->given_name);
	free(c->family_name);
	free(c->pronouns);
	free(c->address);
	free(c->district);
	free(c->birthday);
	free(c->how_met);
	free(c->notes);
	free(c->uid);
	channels_free(c->emails, c->n_emails);
	channels_free(c->phones, c->n_phones);
	channels_free(c->handles, c->n_handles);
	strings_free(c->nicknames, c->n_nicknames);
	strings_free(c->tags, c->n_tags);
	memset(c, 0, sizeof *c);
}

static struct kith_channel *
channels_copy(const struct kith_channel *src, size_t n)
{
	struct kith_channel *d;

	if (!n)
		return NULL;
	d = xcalloc(n, sizeof *d);
	for (size_t i = 0; i < n; i++) {
		d[i].label = xstrdup(src[i].label);
		d[i].value = xstrdup(src[i].value);
	}
	return d;
}

static char **
strings_copy(char *const *src, size_t n)
{
	char **d;

	if (!n)
		return NULL;
	d = xcalloc(n, sizeof *d);
	for (size_t i = 0; i < n; i++)
		d[i] = xstrdup(src[i]);
	return d;
}

void
contact_copy(struct kith_contact *dst, const struct kith_contact *src)
{
	*dst = *src;
	dst->display_name = xstrdup(src->display_name);
	dst->prefix = xstrdup(src->prefix);
	dst->given_name = xstrdup(src->given_name);
	dst->family_name = xstrdup(src->family_name);
	dst->pronouns = xstrdup(src->pronouns);
	dst->address = xstrdup(src->address);
	dst->district = xstrdup(src->district);
	dst->birthday = xstrdup(src->birthday);
	dst->how_met = xstrdup(src->how_met);
	dst->notes = xstrdup(src->notes);
	dst->uid = xstrdup(src->uid);
	dst->emails = channels_copy(src->emails, src->n_emails);
	dst->phones = channels_copy(src->phones, src->n_phones);
	dst->handles = channels_copy(src->handles, src->n_handles);
	dst->nicknames = strings_copy(src->nicknames, src->n_nicknames);
	dst->tags = strings_copy(src->tags, src->n_tags);
}
