/*
 * vcard.c: the vCard 2.1 / 3.0 / 4.0 reader (RFC 2425/2426/6350 and what
 * phones and address books really write).
 *
 * A card is read whole (its properties, unfolded, decoded to UTF-8), then
 * mapped: FN (or a name made from N, ORG, EMAIL or TEL), N, NICKNAME,
 * EMAIL, TEL, URL/IMPP/X-SOCIALPROFILE (handles), ORG + TITLE (the current
 * role), BDAY (with or without a year), ADR (the first one), NOTE,
 * CATEGORIES (tags). Grouped properties take their label from the group's
 * X-ABLabel. Binary values (base64 photos, logos, sounds, keys, data: URIs)
 * are skipped; every other property goes to the record's extras.
 *
 * Decoding, per value: quoted-printable (2.1, soft breaks joined first),
 * CHARSET (through iconv), else UTF-8 when valid, else Windows-1252; then
 * backslash escapes.
 *
 * Memory: a card's properties are made in blocks reset for each card, and
 * the record in blocks of its own that it keeps (io_contact_rec.mem), so a
 * card costs a malloc or two, not one for each string; properties are
 * known by a switch on their name, once (issue 14: 100,000 cards read in
 * far less than the 48,000 instructions each they took).
 *
 * A person's record carries the keys its merge needs (contact_keys_make:
 * the check, the honorific, the folded name, the channels' keys) and, for
 * each key, whether an earlier person's card of the file had it: worked out
 * here, on the parser's thread when the import is piped, so that the
 * merging thread does only SQL.
 */
#include "vcard_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kith/utf8.h"
#include "kith/xalloc.h"

/* ---- values --------------------------------------------------------------------- */

/* Unescape s[0..n) (\n \, \; \\) into a trimmed string of a. */
static char *
unescape(struct io_arena *a, const char *s, size_t n)
{
	size_t b = 0, e = n, i;
	const char *bs;
	char *out, *o;

	vc_trim_span(s, &b, &e);
	/* most values have no backslash: one copy (of what trimming keeps) */
	if (!(bs = memchr(s + b, '\\', e - b)))
		return io_strndup_in(a, s + b, e - b);
	out = o = io_alloc(a, n + 1);   /* never longer than s */
	memcpy(o, s, (size_t)(bs - s));
	o += bs - s;
	for (i = (size_t)(bs - s); i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			char c = s[++i];
			*o++ = c == 'n' || c == 'N' ? '\n' : c;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return vc_trim_in(out);
}

static char *
unescape_value(struct io_arena *a, const struct vprop *p)
{
	return unescape(a, p->value, strlen(p->value));
}

/*
** All the sep-separated components of an escaped value, unescaped, in a; *n
** gets how many. The array has room for at least `min`, NULL past *n.
*/
static char **
components(struct io_arena *a, const char *v, char sep, size_t min, size_t *n_out)
{
	size_t n = 1, start = 0, i;
	char **out;

	if (!strchr(v, '\\')) {
		/* no escapes (most values): each component is its text, trimmed */
		const char *c, *e;
		for (c = v; (c = strchr(c, sep)); c++)
			n++;
		out = io_alloc(a, (n > min ? n : min) * sizeof *out);
		for (n = 0, c = v;; c = e + 1) {
			size_t b = 0, len;
			if (!(e = strchr(c, sep)))
				e = c + strlen(c);
			len = (size_t)(e - c);
			vc_trim_span(c, &b, &len);
			out[n++] = io_strndup_in(a, c + b, len - b);
			if (!*e)
				break;
		}
		for (size_t k = n; k < min; k++)
			out[k] = NULL;
		*n_out = n;
		return out;
	}
	for (i = 0; v[i]; i++) {
		if (v[i] == '\\' && v[i + 1])
			i++;
		else if (v[i] == sep)
			n++;
	}
	out = io_alloc(a, (n > min ? n : min) * sizeof *out);
	n = 0;
	for (i = 0;; i++) {
		if (v[i] == '\\' && v[i + 1]) {
			i++;
			continue;
		}
		if (!v[i] || v[i] == sep) {
			out[n++] = unescape(a, v + start, i - start);
			if (!v[i])
				break;
			start = i + 1;
		}
	}
	for (size_t k = n; k < min; k++)
		out[k] = NULL;
	*n_out = n;
	return out;
}

static char *
lower_in(char *s)
{
	for (char *t = s; *t; t++)
		*t = (char)tolower((unsigned char)*t);
	return s;
}

/* "_$!<Mobile>!$_" -> "mobile"; lower case, in a. */
static const char *
clean_label(struct io_arena *a, const char *s)
{
	const char *b = s, *e = s + strlen(s);

	if (!strncmp(b, "_$!<", 4) && e - b >= 8 && !strncmp(e - 4, ">!$_", 4)) {
		b += 4;
		e -= 4;
	}
	return vc_trim_in(lower_in(io_strndup_in(a, b, (size_t)(e - b))));
}

/* A card's grouped X-ABLabel properties, by group, each group's first first. */
struct labels {
	const struct vprop **v;
	size_t n;
};

static int
label_cmp(const void *a, const void *b)
{
	const struct vprop *x = *(const struct vprop *const *)a, *y = *(const struct vprop *const *)b;
	int c = strcmp(x->group, y->group);

	return c ? c : (x > y) - (x < y);
}

static void
labels_make(struct labels *l, struct vreader *v)
{
	l->n = 0;
	l->v = NULL;
	for (size_t i = 0; i < v->n; i++)
		if (*v->props[i].group && v->props[i].id == VN_XABLABEL) {
			if (!l->v)
				l->v = io_alloc(&v->tmp, v->n * sizeof *l->v);
			l->v[l->n++] = &v->props[i];
		}
	/* (in the card's order already: a few are looked through, many sorted) */
	if (l->n > 8)
		qsort(l->v, l->n, sizeof *l->v, label_cmp);
}

/* The first X-ABLabel of group g, or NULL. */
static const struct vprop *
labels_find(const struct labels *l, const char *g)
{
	size_t lo = 0, hi = l->n;

	if (l->n <= 8) {
		for (size_t i = 0; i < l->n; i++)
			if (!strcmp(l->v[i]->group, g))
				return l->v[i];
		return NULL;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(l->v[mid]->group, g) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n && !strcmp(l->v[lo]->group, g) ? l->v[lo] : NULL;
}

/*
** The first word of the TYPE list t (no backslash in it) that is not dull
** (words in lower case), trimmed and in lower case, in a; NULL if none.
*/
static const char *
type_word(struct io_arena *a, const char *t, const char *const *dull)
{
	for (const char *e;; t = e + 1) {
		size_t b = 0, n;
		unsigned char c;
		bool skip;
		if (!(e = strchr(t, ',')))
			e = t + strlen(t);
		n = (size_t)(e - t);
		vc_trim_span(t, &b, &n);
		skip = b == n;
		/* an ASCII first letter that is none of the word's (either case) is not it */
		c = (unsigned char)t[b];
		for (size_t d = 0; dull[d] && !skip; d++)
			skip = (c >= 0x80 || (c | 0x20) == dull[d][0]) &&
			       io_ieqn(t + b, dull[d], n - b) && !dull[d][n - b];
		if (!skip)
			return n - b == 4 && io_ieqn(t + b, "cell", 4) ? "mobile" :
			       lower_in(io_strndup_in(a, t + b, n - b));
		if (!*e)
			return NULL;
	}
}

/* The label of an EMAIL/TEL/URL, in a: its group's X-ABLabel, else its first telling TYPE. */
static const char *
channel_label(struct io_arena *a, const struct labels *l, const struct vprop *p)
{
	/* (lower case: type_word compares first letters so) */
	static const char *const dull[] = { "internet", "voice", "pref", "x400", "text",
		"quoted-printable", "base64", NULL };
	const struct vprop *lp;

	if (*p->group && (lp = labels_find(l, p->group)))
		return clean_label(a, lp->value);
	for (size_t i = 0; i < p->n_params; i++) {
		const char *t = p->params[i].value;
		char **parts;
		size_t n;
		if (p->params[i].id != VP_TYPE)
			continue;
		if (!strchr(t, '\\')) {
			/* no escapes (most lists): only the word taken is copied */
			const char *w = type_word(a, t, dull);
			if (w)
				return w;
			continue;
		}
		parts = components(a, t, ',', 0, &n);
		for (size_t k = 0; k < n; k++) {
			bool skip = !*parts[k];
			for (size_t d = 0; dull[d] && !skip; d++)
				skip = io_ieq(parts[k], dull[d]);
			if (!skip) {
				lower_in(parts[k]);
				return strcmp(parts[k], "cell") ? parts[k] : "mobile";
			}
		}
	}
	return "";
}

static void
join_nonempty(struct strbuf *sb, char **v, size_t n, const char *sep)
{
	sb_reset(sb);
	for (size_t i = 0; i < n; i++) {
		if (!v[i] || !*v[i])
			continue;
		if (sb->len)
			sb_append(sb, sep);
		sb_append(sb, v[i]);
	}
}

/* ---- the record, in its own blocks (m) ---------------------------------------------- */

/* an extra field (none for an empty value); name and value kept as they are */
static void
extra(struct vreader *v, const char *name, const char *value)
{
	if (str_empty(value))
		return;
	v->x = xgrowz(v->x, v->nx, &v->cap_x, 8, sizeof *v->x);
	v->x[v->nx].name = (char *)name;
	v->x[v->nx++].value = (char *)value;
}

/* the same, both copied into m first */
static void
extra_copy(struct vreader *v, struct io_arena *m, const char *name, const char *value)
{
	if (!str_empty(value))
		extra(v, io_strdup_in(m, name), io_strdup_in(m, value));
}

/* value (of m) trimmed, to channel list k; none if empty */
static void
channel(struct vreader *v, int k, const char *label, char *value)
{
	value = vc_trim_in(value);
	if (!*value)
		return;
	v->ch[k] = xgrowz(v->ch[k], v->n_ch[k], &v->cap_ch[k], 8, sizeof *v->ch[k]);
	v->ch[k][v->n_ch[k]].label = (char *)label;
	v->ch[k][v->n_ch[k]++].value = value;
}

static void
string(struct vreader *v, int k, char *s)
{
	if (!*s)
		return;
	v->sv[k] = xgrowz(v->sv[k], v->n_sv[k], &v->cap_sv[k], 8, sizeof *v->sv[k]);
	v->sv[k][v->n_sv[k]++] = s;
}

/* channel list k without repeats, in m */
static struct kith_channel *
channels_out(struct vreader *v, struct io_arena *m, int k, size_t *n_out)
{
	size_t n = v->n_ch[k], o = 0;
	bool *drop;
	struct kith_channel *r;

	*n_out = 0;
	if (!n)
		return NULL;
	drop = io_alloc(&v->tmp, n);
	memset(drop, 0, n);
	io_channel_repeats(v->ch[k], n, drop);
	r = io_alloc(m, n * sizeof *r);
	for (size_t i = 0; i < n; i++)
		if (!drop[i])
			r[o++] = v->ch[k][i];
	*n_out = o;
	return r;
}

static char **
strings_out(struct vreader *v, struct io_arena *m, int k, size_t *n_out)
{
	size_t n = v->n_sv[k], o = 0;
	bool *drop;
	char **r;

	*n_out = 0;
	if (!n)
		return NULL;
	drop = io_alloc(&v->tmp, n);
	memset(drop, 0, n);
	io_strv_repeats(v->sv[k], n, drop);
	r = io_alloc(m, n * sizeof *r);
	for (size_t i = 0; i < n; i++)
		if (!drop[i])
			r[o++] = v->sv[k][i];
	*n_out = o;
	return r;
}

/*
** One of kith's own fields (io_kith_field), its text kept in m: the field
** table makes its own copies, moved here.
*/
static bool
kith_field(struct io_arena *m, struct kith_contact *c, const char *name, const char *value)
{
	char **texts[] = { &c->pronouns, &c->district, &c->how_met, &c->uid };
	char *before[sizeof texts / sizeof texts[0]];
	bool ok;

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		before[i] = *texts[i];
	ok = io_kith_field(c, name, value);
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (*texts[i] != before[i]) {
			char *t = *texts[i];
			*texts[i] = io_strdup_in(m, t);
			free(t);
		}
	return ok;
}

/* The card's properties mapped into rec (in m); false if it has nothing to name it by. */
static bool
map_card(struct vreader *v, struct io_arena *m, struct io_contact_rec *rec)
{
	struct kith_contact *c = &rec->c;
	struct strbuf *sb = &v->sb, *notes = &v->notes;
	char *fn = NULL, *n_name = NULL, *orgname = NULL;
	bool have_adr = false, kind_org = false;
	struct labels labels;

	labels_make(&labels, v);
	sb_reset(notes);
	v->n_ch[0] = v->n_ch[1] = v->n_ch[2] = v->n_sv[0] = v->n_sv[1] = v->nx = 0;
	c->cadence_days = -1;
	for (size_t i = 0; i < v->n; i++) {
		const struct vprop *p = &v->props[i];
		char **parts, *val;
		const char *label;
		size_t n;

		if (p->binary)
			continue;
		switch (p->id) {
		case VN_IGNORED: case VN_BEGIN: case VN_END: case VN_XABLABEL:
			continue;
		case VN_FN:
			val = unescape_value(m, p);
			if (*val && !fn)
				fn = val;
			continue;
		case VN_N:
			parts = components(m, p->value, ';', 5, &n);
			if (!c->family_name && !c->given_name) {
				char *order[5] = { parts[3], parts[1], parts[2], parts[0], parts[4] };
				c->family_name = parts[0] ? parts[0] : (char *)"";
				c->given_name = parts[1] ? parts[1] : (char *)"";
				if (parts[3] && *parts[3])
					c->prefix = parts[3];
				join_nonempty(sb, order, 5, " ");
				if (sb->len)
					n_name = io_strndup_in(m, sb->buf, sb->len);
				if (n > 5) {
					/* components past the five N has */
					join_nonempty(sb, parts + 5, n - 5, "; ");
					extra_copy(v, m, "N", sb_str(sb));
				}
			} else {
				join_nonempty(sb, parts, n, "; ");
				extra_copy(v, m, "N", sb_str(sb));
			}
			continue;
		case VN_KIND:
			/* an organisation's card (vCard 4 KIND, Apple's show-as) */
			val = unescape_value(m, p);
			if (io_ieq(val, "org") || io_ieq(val, "organization") || io_ieq(val, "COMPANY"))
				kind_org = true;
			else
				extra(v, io_strdup_in(m, p->name), val);
			continue;
		case VN_ORG_KIND: case VN_ORG_PARENT: {
			char **to = p->id == VN_ORG_KIND ? &rec->org_kind : &rec->org_parent;
			val = unescape_value(m, p);
			if (*val && !*to)
				*to = val;
			continue;
		}
		case VN_NICKNAME: case VN_CATEGORIES:
			parts = components(m, p->value, ',', 0, &n);
			for (size_t k = 0; k < n; k++)
				string(v, p->id == VN_NICKNAME ? 0 : 1, parts[k]);
			continue;
		case VN_EMAIL: case VN_TEL: case VN_URL: case VN_HANDLE:
			val = unescape_value(m, p);
			if (p->id == VN_TEL && io_ieqn(val, "tel:", 4))
				val += 4;
			if (p->id == VN_EMAIL && io_ieqn(val, "mailto:", 7))
				val += 7;
			label = channel_label(m, &labels, p);
			if (!*label && p->id == VN_HANDLE)
				label = lower_in(io_strdup_in(m, p->name + (p->name[0] == 'X' ? 2 : 0)));
			else if (!*label && p->id == VN_URL)
				label = "web";
			channel(v, p->id == VN_EMAIL ? 0 : p->id == VN_TEL ? 1 : 2, label, val);
			continue;
		case VN_ORG:
			parts = components(m, p->value, ';', 1, &n);
			if (parts[0] && *parts[0] && !rec->org) {
				rec->org = parts[0];
				if (n > 1) {
					join_nonempty(sb, parts + 1, n - 1, ", ");
					extra_copy(v, m, "ORG-UNIT", sb_str(sb));
				}
			} else {
				join_nonempty(sb, parts, n, ", ");
				extra_copy(v, m, "ORG", sb_str(sb));
			}
			continue;
		case VN_TITLE:
			if (rec->title)
				break;          /* a second one is kept aside */
			val = unescape_value(m, p);
			if (*val)
				rec->title = val;
			continue;
		case VN_BDAY: {
			char bd[11];
			const char *omit;
			if (c->birthday)
				break;          /* a second one is kept aside */
			val = unescape_value(m, p);
			if (!io_birthday(val, bd)) {
				extra(v, "BDAY", val);
				continue;
			}
			/* 1604 is the year Apple and CardBook write for "no year" */
			omit = vc_param_get(p, VP_OMIT_YEAR);
			if (!strncmp(bd, "1604", 4) || (omit && !strncmp(bd, omit, 4)))
				memmove(bd + 2, bd + 5, 6), bd[0] = bd[1] = '-';
			c->birthday = io_strdup_in(m, bd);
			continue;
		}
		case VN_ADR:
			parts = components(&v->tmp, p->value, ';', 0, &n);
			join_nonempty(sb, parts, n, ", ");
			for (size_t k = 0; k < sb->len; k++)
				if (sb->buf[k] == '\n')
					sb->buf[k] = ' ';
			if (!have_adr && sb->len) {
				c->address = io_strndup_in(m, sb->buf, sb->len);
				have_adr = true;
			} else {
				extra_copy(v, m, "ADR", sb_str(sb));
			}
			continue;
		case VN_NOTE:
			val = unescape_value(&v->tmp, p);
			if (*val) {
				if (notes->len)
					sb_appendc(notes, '\n');
				sb_append(notes, val);
			}
			continue;
		default:
			break;
		}
		/* the rest, and a second TITLE or BDAY */
		val = unescape_value(m, p);
		if ((p->id == VN_XKITH && kith_field(m, c, p->name + 7, val)) ||
		    (p->id == VN_UID && (!strncmp(val, "kith-contact-", 13) ||
					 !strncmp(val, "kith-org-", 9)))) {
			/* kith's exports wrote UIDs of row ids: no identity */
			continue;
		}
		if (p->id == VN_UID && *val && !c->uid) {
			c->uid = val;
			continue;
		}
		if (p->id == VN_XKITH_SEAT && *val && !rec->seat) {
			rec->seat = val;
			continue;
		}
		if (p->id == VN_XKITH_EXTRA && vc_param_get(p, VP_NAME) && *vc_param_get(p, VP_NAME)) {
			/* a field kept aside, written back by kith's exporter */
			extra(v, io_strdup_in(m, vc_param_get(p, VP_NAME)), val);
			continue;
		}
		if (*p->group) {
			/* keep the group's label with the value it labels */
			label = channel_label(&v->tmp, &labels, p);
			if (*label) {
				sb_reset(sb);
				sb_printf(sb, "%s (%s)", val, label);
				val = io_strndup_in(m, sb->buf, sb->len);
			}
		}
		extra(v, io_strdup_in(m, p->name), val);
	}
	c->emails = channels_out(v, m, 0, &c->n_emails);
	c->phones = channels_out(v, m, 1, &c->n_phones);
	c->handles = channels_out(v, m, 2, &c->n_handles);
	c->nicknames = strings_out(v, m, 0, &c->n_nicknames);
	c->tags = strings_out(v, m, 1, &c->n_tags);
	if (v->nx) {
		rec->extras = io_alloc(m, v->nx * sizeof *rec->extras);
		memcpy(rec->extras, v->x, v->nx * sizeof *rec->extras);
		rec->n_extras = v->nx;
	}
	if (notes->len)
		c->notes = io_strndup_in(m, notes->buf, notes->len);
	if (rec->org)
		orgname = rec->org;
	/* no person's name: N empty, FN absent or the organisation's */
	if (orgname && (kind_org || (!n_name && (!fn || io_ieq(fn, orgname))))) {
		rec->is_org = true;
		fn = NULL;
	} else if (kind_org && fn && !orgname && !n_name) {
		rec->is_org = true;
		rec->org = orgname = fn;
		fn = NULL;
	}
	if (fn && c->prefix && !contact_honorific_len(fn, c->prefix)) {
		/* N's honorific is shown with the name: "Dr." and FN "Jane Doe" */
		sb_reset(sb);
		sb_printf(sb, "%s %s", c->prefix, fn);
		c->display_name = io_strndup_in(m, sb->buf, sb->len);
	} else if (fn)
		c->display_name = fn;
	else if (n_name)
		c->display_name = n_name;
	else if (orgname)
		c->display_name = orgname;
	else if (c->n_emails)
		c->display_name = c->emails[0].value;
	else if (c->n_phones)
		c->display_name = c->phones[0].value;
	return c->display_name != NULL;
}

/* ---- the file ----------------------------------------------------------------------- */

/*
** A person's record gets its keys here, so that merging it does only SQL
** (the parser may have a thread of its own), and for each of them whether
** an earlier record had it: a fresh import looks up only those.
*/
static void
keys_make(struct vreader *v, struct io_arena *m, struct io_contact_rec *r)
{
	const struct contact_keys *k = &r->keys;
	size_t ne = r->c.n_emails, np = r->c.n_phones;
	bool *seen = io_alloc(m, ne + np + 2);

	contact_keys_make(&r->c, &r->keys);
	for (size_t i = 0; i < ne; i++)
		seen[i] = io_keyset_seen(&v->keys, 'e', k->email[i]);
	for (size_t i = 0; i < np; i++)
		seen[ne + i] = io_keyset_seen(&v->keys, 'p', k->phone[i]);
	seen[ne + np] = io_keyset_seen(&v->keys, 'n', k->name_key);
	seen[ne + np + 1] = !str_empty(r->c.uid) && io_keyset_seen(&v->keys, 'u', r->c.uid);
	r->seen = seen;
}

static int
emit(struct vreader *v, size_t offset, const struct io_sink *s)
{
	struct io_record rec;
	struct io_arena m = {0};
	bool named;
	int rc = 0;

	memset(&rec, 0, sizeof rec);
	rec.kind = IO_REC_CONTACT;
	rec.line = v->line;
	rec.offset = offset;
	rec.source = "vcard";
	named = map_card(v, &m, &rec.u.contact);
	if (named && !rec.u.contact.is_org)
		keys_make(v, &m, &rec.u.contact);
	rec.u.contact.mem = io_arena_take(&m);
	if (named)
		rc = s->record(s->ud, &rec);
	else if (s->note)
		s->note(s->ud, v->line, "card has no name, organisation, email or phone: skipped");
	/* (a sink that keeps the record, as pipe.c's does, leaves it empty) */
	if (rec.u.contact.mem || rec.u.contact.keys.mem)
		io_record_clear(&rec);
	return rc;
}

/* The card read so far forgotten: its properties' memory is used again. */
static void
card_clear(struct vreader *v)
{
	io_arena_reset(&v->tmp);
	v->n = 0;
	v->bytes = 0;
}

static void
reader_free(struct vreader *v)
{
	io_arena_free(&v->tmp);
	free(v->props);
	sb_free(&v->folded);
	sb_free(&v->raw);
	sb_free(&v->dec);
	sb_free(&v->sb);
	sb_free(&v->notes);
	io_keyset_free(&v->keys);
	for (int k = 0; k < 3; k++)
		free(v->ch[k]);
	free(v->sv[0]);
	free(v->sv[1]);
	free(v->x);
}

/* A CR in text that is not part of a line's end (CRs, then LF or the end). */
static bool
cr_in_lines(const char *text, size_t n)
{
	const char *p = text, *end = text + n;

	while ((p = memchr(p, '\r', (size_t)(end - p)))) {
		while (p < end && *p == '\r')
			p++;
		if (p < end && *p != '\n')
			return true;
	}
	return false;
}

int
io_parse_vcard(const char *buf, size_t len, const struct io_sink *s)
{
	struct io_lines r;
	struct vreader v = {0};
	size_t tlen, n;
	char *own, msg[160];
	const char *text = io_text_view(buf, len, &tlen, &own);
	bool in = false, skipping = false;
	int lineno = 0, rc = 0;

	io_lines_init(&r, text, tlen);
	/* a card has three keys (email, phone, name) in about 250 bytes: room for
	   a key every 64 bytes, up to a million slots (16 MB), grows no more */
	io_keyset_reserve(&v.keys, (tlen < ((size_t)1 << 25) ? tlen : (size_t)1 << 25) / 64);
	/* checked once here, not value by value (its lines are what it is; it has no NUL) */
	v.text = (utf8_valid(text, tlen) ? IO_TEXT_UTF8 : 0) |
		 (r.cr_only || !cr_in_lines(text, tlen) ? IO_TEXT_NO_CR : 0);
	for (;;) {
		struct vprop p;
		const char *why;
		char *line;

		/* outside a card, or skipping one, no property is kept */
		if (!in || skipping)
			card_clear(&v);
		if (rc || !io_content_next_in(&r, &v.tmp, &v.folded, &line, &n, &lineno))
			break;
		why = vc_parse_line(&v, &p, line, &n, &r);
		if (!why && r.too_long)
			why = "a line longer than " IO_MAX_LINE_TEXT " (kith's limit for one property)";

		if (!why && p.id == VN_BEGIN && io_ieq(vc_trim_in(p.value), "VCARD")) {
			if (in && !skipping) {
				snprintf(msg, sizeof msg, "BEGIN:VCARD (line %d) has no END:VCARD",
					 v.line);
				rc = s->error(s->ud, v.line, msg);
			}
			card_clear(&v);
			v.line = lineno;
			in = true;
			skipping = false;
			continue;
		}
		if (skipping) {
			if (!why && p.id == VN_END)
				in = skipping = false;
			continue;
		}
		if (!in) {
			if (why || p.id != VN_END || !io_ieq(p.value, "VCARD")) {
				snprintf(msg, sizeof msg, "%s outside BEGIN:VCARD ... END:VCARD",
					 why ? "text" : p.name);
				rc = s->error(s->ud, lineno, msg);
			} else {
				rc = s->error(s->ud, lineno, "END:VCARD without BEGIN:VCARD");
			}
			continue;
		}
		if (why) {
			snprintf(msg, sizeof msg, "%s", why);
			rc = s->error(s->ud, lineno, msg);
			skipping = true;
			continue;
		}
		if (p.id == VN_END) {
			/* progress in the file's bytes: text may be UTF-16 made UTF-8 */
			rc = emit(&v, io_text_progress((size_t)(r.p - text), tlen, len), s);
			card_clear(&v);
			in = false;
			continue;
		}
		v.bytes += n;
		if (v.bytes > IO_MAX_RECORD) {
			snprintf(msg, sizeof msg, "a card longer than " IO_MAX_RECORD_TEXT
				 " (kith's limit for one record)");
			rc = s->error(s->ud, v.line, msg);
			skipping = true;
			continue;
		}
		v.props = xgrowz(v.props, v.n, &v.cap, 8, sizeof *v.props);
		v.props[v.n++] = p;
	}
	if (rc == 0 && in && !skipping) {
		snprintf(msg, sizeof msg, "BEGIN:VCARD (line %d) has no END:VCARD", v.line);
		rc = s->error(s->ud, v.line, msg);
	}
	reader_free(&v);
	free(own);
	return rc;
}
