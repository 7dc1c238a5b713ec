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
 */
#include "io_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

struct vparam {
	char *name;                 /* upper case; "TYPE" for a bare 2.1 parameter */
	char *value;
};

struct vprop {
	char *group;                /* lower case, "" if none */
	char *name;                 /* upper case */
	struct vparam *params;
	size_t n_params;
	char *value;                /* UTF-8, still escaped */
	bool binary;
	int line;
};

struct vcard {
	struct vprop *props;
	size_t n, cap;
	size_t bytes;               /* of its content lines, up to IO_MAX_RECORD */
	int line;
};

static void
vprop_free(struct vprop *p)
{
	free(p->group);
	free(p->name);
	for (size_t i = 0; i < p->n_params; i++) {
		free(p->params[i].name);
		free(p->params[i].value);
	}
	free(p->params);
	free(p->value);
}

static void
vcard_clear(struct vcard *c)
{
	for (size_t i = 0; i < c->n; i++)
		vprop_free(&c->props[i]);
	free(c->props);
	memset(c, 0, sizeof *c);
}

static const char *
param_get(const struct vprop *p, const char *name)
{
	for (size_t i = 0; i < p->n_params; i++)
		if (!strcmp(p->params[i].name, name))
			return p->params[i].value;
	return NULL;
}

static char *
upper_dup(const char *s, size_t n)
{
	char *r = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		r[i] = (char)toupper((unsigned char)s[i]);
	r[n] = '\0';
	return r;
}

static char *
lower_dup(const char *s, size_t n)
{
	char *r = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		r[i] = (char)tolower((unsigned char)s[i]);
	r[n] = '\0';
	return r;
}

/* Split the parameters text (after the name, before the value) into p->params. */
static void
parse_params(struct vprop *p, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t start, eq = 0;
		bool q = false;
		struct strbuf val = {0};
		char *name;

		if (s[i] == ';') {
			i++;
			continue;
		}
		start = i;
		while (i < n && (q || s[i] != ';')) {
			if (s[i] == '"')
				q = !q;
			else if (s[i] == '=' && !eq && !q)
				eq = i;
			i++;
		}
		if (eq) {
			name = upper_dup(s + start, eq - start);
			for (size_t k = eq + 1; k < i; k++)
				if (s[k] != '"')
					sb_appendc(&val, s[k]);
		} else {
			name = xstrdup("TYPE");
			sb_appendn(&val, s + start, i - start);
		}
		if (!val.buf)
			sb_append(&val, "");
		p->params = xreallocarray(p->params, p->n_params + 1, sizeof *p->params);
		p->params[p->n_params].name = str_trim(name);
		p->params[p->n_params].value = str_trim(sb_detach(&val));
		p->n_params++;
	}
}

static bool
is_qp(const struct vprop *p)
{
	for (size_t i = 0; i < p->n_params; i++)
		if ((!strcmp(p->params[i].name, "ENCODING") || !strcmp(p->params[i].name, "TYPE")) &&
		    (io_ieq(p->params[i].value, "QUOTED-PRINTABLE") || io_ieq(p->params[i].value, "QP")))
			return true;
	return false;
}

static bool
is_b64(const struct vprop *p)
{
	for (size_t i = 0; i < p->n_params; i++)
		if ((!strcmp(p->params[i].name, "ENCODING") || !strcmp(p->params[i].name, "TYPE")) &&
		    (io_ieq(p->params[i].value, "BASE64") || io_ieq(p->params[i].value, "B")))
			return true;
	return false;
}

/*
** Parse one content line into p. Returns NULL, or what is wrong with it.
** `more` pulls the next physical line (for quoted-printable soft breaks).
*/
static const char *
parse_line(struct vprop *p, struct strbuf *line, struct io_lines *r)
{
	const char *s = line->buf, *colon = NULL, *nameend, *dot;
	bool q = false;
	size_t i;

	memset(p, 0, sizeof *p);
	for (i = 0; i < line->len; i++) {
		if (s[i] == '"')
			q = !q;
		else if (s[i] == ':' && !q) {
			colon = s + i;
			break;
		}
	}
	if (!colon) {
		/* a quote left open in the parameters: take the first colon */
		colon = memchr(s, ':', line->len);
	}
	if (!colon) {
		/* a bare name ("FN") is an empty property; anything else is not vCard */
		for (i = 0; i < line->len; i++)
			if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '.')
				return "no ':' (not a vCard property line)";
		sb_appendc(line, ':');
		s = line->buf;
		colon = s + line->len - 1;
	}
	for (nameend = s; nameend < colon && *nameend != ';'; nameend++)
		;
	dot = NULL;
	for (const char *t = s; t < nameend; t++)
		if (*t == '.')
			dot = t;
	p->group = dot ? lower_dup(s, (size_t)(dot - s)) : xstrdup("");
	p->name = upper_dup(dot ? dot + 1 : s, (size_t)(nameend - (dot ? dot + 1 : s)));
	str_trim(p->name);
	if (!*p->name)
		return "a property without a name";
	for (const char *t = p->name; *t; t++)
		if (!isalnum((unsigned char)*t) && *t != '-' && *t != '_')
			return "a property name with characters other than letters, digits and '-'";
	parse_params(p, nameend, (size_t)(colon - nameend));

	/* quoted-printable: a value ending in '=' continues on the next line */
	if (is_qp(p)) {
		struct strbuf raw = {0}, dec = {0};
		const char *cs = param_get(p, "CHARSET");
		sb_append(&raw, colon + 1);
		while (raw.len > 0 && raw.buf[raw.len - 1] == '=' && r->p < r->end) {
			const char *ls;
			size_t ln;
			int lno;
			raw.len--;
			raw.buf[raw.len] = '\0';
			io_line_next(r, &ls, &ln, &lno);
			if (raw.len + ln > IO_MAX_LINE) {
				/* read on to the value's end, keeping none of the rest */
				r->too_long = true;
				if (!ln || ls[ln - 1] != '=')
					break;
				sb_appendc(&raw, '=');
				continue;
			}
			sb_appendn(&raw, ls, ln);
		}
		io_qp_decode(&dec, sb_str(&raw), raw.len);
		p->value = io_text_utf8(sb_str(&dec), dec.len, cs);
		sb_free(&raw);
		sb_free(&dec);
		return NULL;
	}
	p->binary = is_b64(p) || ((!strcmp(p->name, "PHOTO") || !strcmp(p->name, "LOGO") ||
				    !strcmp(p->name, "SOUND") || !strcmp(p->name, "KEY")) &&
				   io_ieqn(colon + 1, "data:", 5));
	if (p->binary) {
		/* 2.1 base64 may go on over unindented lines up to a blank one */
		struct io_lines save = *r;
		const char *ls;
		size_t ln;
		int lno;
		while (io_line_next(r, &ls, &ln, &lno) && ln > 0 && !memchr(ls, ':', ln))
			save = *r;
		*r = save;
		p->value = xstrdup("");
		return NULL;
	}
	p->value = io_text_utf8(colon + 1, line->len - (size_t)(colon + 1 - s), param_get(p, "CHARSET"));
	return NULL;
}

/* ---- values --------------------------------------------------------------------- */

/* Unescape s[0..n) (\n \, \; \\) into a new string. */
static char *
unescape(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;   /* never longer than s */

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			char c = s[++i];
			*o++ = c == 'n' || c == 'N' ? '\n' : c;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return str_trim(out);
}

/*
** All the sep-separated components of an escaped value, unescaped; *n gets
** how many. The array has room for at least `min`, NULL past *n.
*/
static char **
components(const char *v, char sep, size_t min, size_t *n_out)
{
	size_t n = 0, cap = min + 1, start = 0, i;
	char **out = xreallocarray(NULL, cap, sizeof *out);

	for (i = 0;; i++) {
		if (v[i] == '\\' && v[i + 1]) {
			i++;
			continue;
		}
		if (!v[i] || v[i] == sep) {
			if (n == cap) {
				cap *= 2;
				out = xreallocarray(out, cap, sizeof *out);
			}
			out[n++] = unescape(v + start, i - start);
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

static void
components_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* "_$!<Mobile>!$_" -> "mobile"; lower case. */
static char *
clean_label(const char *s)
{
	const char *b = s, *e = s + strlen(s);

	if (!strncmp(b, "_$!<", 4) && e - b >= 8 && !strncmp(e - 4, ">!$_", 4)) {
		b += 4;
		e -= 4;
	}
	return str_trim(lower_dup(b, (size_t)(e - b)));
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
labels_make(struct labels *l, const struct vcard *c)
{
	l->v = xreallocarray(NULL, c->n ? c->n : 1, sizeof *l->v);
	l->n = 0;
	for (size_t i = 0; i < c->n; i++)
		if (*c->props[i].group && !strcmp(c->props[i].name, "X-ABLABEL"))
			l->v[l->n++] = &c->props[i];
	qsort(l->v, l->n, sizeof *l->v, label_cmp);
}

/* The first X-ABLabel of group g, or NULL. */
static const struct vprop *
labels_find(const struct labels *l, const char *g)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(l->v[mid]->group, g) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n && !strcmp(l->v[lo]->group, g) ? l->v[lo] : NULL;
}

/* The label of an EMAIL/TEL/URL: its group's X-ABLabel, else its first telling TYPE. */
static char *
channel_label(const struct labels *l, const struct vprop *p)
{
	static const char *const dull[] = { "internet", "voice", "pref", "x400", "text", NULL };
	const struct vprop *lp;

	if (*p->group && (lp = labels_find(l, p->group)))
		return clean_label(lp->value);
	for (size_t i = 0; i < p->n_params; i++) {
		char **parts;
		size_t n;
		if (strcmp(p->params[i].name, "TYPE"))
			continue;
		parts = components(p->params[i].value, ',', 0, &n);
		for (size_t k = 0; k < n; k++) {
			bool skip = !*parts[k] || io_ieq(parts[k], "QUOTED-PRINTABLE") ||
				    io_ieq(parts[k], "BASE64");
			for (size_t d = 0; dull[d] && !skip; d++)
				skip = io_ieq(parts[k], dull[d]);
			if (!skip) {
				char *l = lower_dup(parts[k], strlen(parts[k]));
				components_free(parts, n);
				if (!strcmp(l, "cell")) {
					free(l);
					return xstrdup("mobile");
				}
				return l;
			}
		}
		components_free(parts, n);
	}
	return xstrdup("");
}

static void
join_nonempty(struct strbuf *sb, char **v, size_t n, const char *sep)
{
	for (size_t i = 0; i < n; i++) {
		if (!v[i] || !*v[i])
			continue;
		if (sb->len)
			sb_append(sb, sep);
		sb_append(sb, v[i]);
	}
}

/* Properties that describe the file, not the person. */
static bool
ignored(const char *name)
{
	static const char *const names[] = { "BEGIN", "END", "VERSION", "PRODID", "REV",
		"X-ABLABEL", "SORT-STRING", "CLIENTPIDMAP", NULL };
	for (size_t i = 0; names[i]; i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

static bool
is_handle(const char *name)
{
	static const char *const names[] = { "URL", "IMPP", "X-SOCIALPROFILE", "X-AIM",
		"X-JABBER", "X-SKYPE", "X-SKYPE-USERNAME", "X-TWITTER", "X-MSN", "X-ICQ",
		"X-YAHOO", "X-GOOGLE-TALK", "X-GTALK", "X-QQ", NULL };
	for (size_t i = 0; names[i]; i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

/* The card's properties mapped into rec; false if it has nothing to name it by. */
static bool
map_card(const struct vcard *vc, struct io_contact_rec *rec)
{
	struct kith_contact *c = &rec->c;
	struct strbuf notes = {0}, name = {0};
	char *fn = NULL, *n_name = NULL, *orgname = NULL;
	bool have_adr = false, kind_org = false;
	struct labels labels;

	labels_make(&labels, vc);
	c->cadence_days = -1;
	for (size_t i = 0; i < vc->n; i++) {
		const struct vprop *p = &vc->props[i];
		char **parts, *v, *label;
		size_t n;

		if (ignored(p->name) || p->binary)
			continue;
		if (!strcmp(p->name, "FN")) {
			v = unescape(p->value, strlen(p->value));
			if (*v && !fn)
				fn = v;
			else
				free(v);
		} else if (!strcmp(p->name, "N")) {
			parts = components(p->value, ';', 5, &n);
			if (n && !c->family_name && !c->given_name) {
				char *order[5] = { parts[3], parts[1], parts[2], parts[0], parts[4] };
				c->family_name = xstrdup(parts[0] ? parts[0] : "");
				c->given_name = xstrdup(parts[1] ? parts[1] : "");
				if (parts[3] && *parts[3])
					c->prefix = xstrdup(parts[3]);
				sb_reset(&name);
				join_nonempty(&name, order, 5, " ");
				if (name.len && !n_name)
					n_name = xstrdup(name.buf);
				if (n > 5) {
					/* components past the five N has */
					sb_reset(&name);
					join_nonempty(&name, parts + 5, n - 5, "; ");
					io_extra_add(&rec->extras, &rec->n_extras, "N", sb_str(&name));
				}
			} else if (n) {
				sb_reset(&name);
				join_nonempty(&name, parts, n, "; ");
				io_extra_add(&rec->extras, &rec->n_extras, "N", sb_str(&name));
			}
			components_free(parts, n);
		} else if (!strcmp(p->name, "KIND") || !strcmp(p->name, "X-ABSHOWAS")) {
			/* an organisation's card (vCard 4 KIND, Apple's show-as) */
			v = unescape(p->value, strlen(p->value));
			if (io_ieq(v, "org") || io_ieq(v, "organization") || io_ieq(v, "COMPANY"))
				kind_org = true;
			else if (*v)
				io_extra_add(&rec->extras, &rec->n_extras, p->name, v);
			free(v);
		} else if (!strcmp(p->name, "X-KITH-ORG-KIND") || !strcmp(p->name, "X-KITH-ORG-PARENT")) {
			char **to = p->name[11] == 'K' ? &rec->org_kind : &rec->org_parent;
			v = unescape(p->value, strlen(p->value));
			if (*v && !*to)
				*to = v;
			else
				free(v);
		} else if (!strcmp(p->name, "NICKNAME")) {
			parts = components(p->value, ',', 0, &n);
			for (size_t k = 0; k < n; k++)
				io_strv_push(&c->nicknames, &c->n_nicknames, parts[k]);
			components_free(parts, n);
		} else if (!strcmp(p->name, "CATEGORIES")) {
			parts = components(p->value, ',', 0, &n);
			for (size_t k = 0; k < n; k++)
				io_strv_push(&c->tags, &c->n_tags, parts[k]);
			components_free(parts, n);
		} else if (!strcmp(p->name, "EMAIL") || !strcmp(p->name, "TEL") ||
			   is_handle(p->name)) {
			v = unescape(p->value, strlen(p->value));
			if (!strcmp(p->name, "TEL") && io_ieqn(v, "tel:", 4))
				memmove(v, v + 4, strlen(v + 4) + 1);
			if (!strcmp(p->name, "EMAIL") && io_ieqn(v, "mailto:", 7))
				memmove(v, v + 7, strlen(v + 7) + 1);
			label = channel_label(&labels, p);
			if (!strcmp(p->name, "EMAIL"))
				io_channel_push(&c->emails, &c->n_emails, label, v);
			else if (!strcmp(p->name, "TEL"))
				io_channel_push(&c->phones, &c->n_phones, label, v);
			else {
				if (!*label && strcmp(p->name, "URL")) {
					free(label);
					label = lower_dup(p->name + (p->name[0] == 'X' ? 2 : 0),
							  strlen(p->name + (p->name[0] == 'X' ? 2 : 0)));
				} else if (!*label) {
					free(label);
					label = xstrdup("web");
				}
				io_channel_push(&c->handles, &c->n_handles, label, v);
			}
			free(label);
			free(v);
		} else if (!strcmp(p->name, "ORG")) {
			parts = components(p->value, ';', 1, &n);
			if (n && parts[0] && *parts[0] && !rec->org) {
				rec->org = xstrdup(parts[0]);
				if (n > 1) {
					sb_reset(&name);
					join_nonempty(&name, parts + 1, n - 1, ", ");
					io_extra_add(&rec->extras, &rec->n_extras, "ORG-UNIT", sb_str(&name));
				}
			} else if (n) {
				sb_reset(&name);
				join_nonempty(&name, parts, n, ", ");
				io_extra_add(&rec->extras, &rec->n_extras, "ORG", sb_str(&name));
			}
			components_free(parts, n);
		} else if (!strcmp(p->name, "TITLE") && !rec->title) {
			v = unescape(p->value, strlen(p->value));
			if (*v)
				rec->title = v;
			else
				free(v);
		} else if (!strcmp(p->name, "BDAY") && !c->birthday) {
			char bd[11];
			v = unescape(p->value, strlen(p->value));
			if (io_birthday(v, bd)) {
				/* 1604 is the year Apple and CardBook write for "no year" */
				const char *omit = param_get(p, "X-APPLE-OMIT-YEAR");
				if (!strncmp(bd, "1604", 4) || (omit && !strncmp(bd, omit, 4)))
					memmove(bd + 2, bd + 5, 6), bd[0] = bd[1] = '-';
				c->birthday = xstrdup(bd);
			}
			else
				io_extra_add(&rec->extras, &rec->n_extras, "BDAY", v);
			free(v);
		} else if (!strcmp(p->name, "ADR")) {
			parts = components(p->value, ';', 0, &n);
			sb_reset(&name);
			join_nonempty(&name, parts, n, ", ");
			for (size_t k = 0; k < name.len; k++)
				if (name.buf[k] == '\n')
					name.buf[k] = ' ';
			if (!have_adr && name.len) {
				c->address = xstrdup(name.buf);
				have_adr = true;
			} else {
				io_extra_add(&rec->extras, &rec->n_extras, "ADR", sb_str(&name));
			}
			components_free(parts, n);
		} else if (!strcmp(p->name, "NOTE")) {
			v = unescape(p->value, strlen(p->value));
			if (*v) {
				if (notes.len)
					sb_appendc(&notes, '\n');
				sb_append(&notes, v);
			}
			free(v);
		} else {
			v = unescape(p->value, strlen(p->value));
			if ((!strncmp(p->name, "X-KITH-", 7) && io_kith_field(c, p->name + 7, v)) ||
			    (!strcmp(p->name, "UID") && (!strncmp(v, "kith-contact-", 13) ||
						       !strncmp(v, "kith-org-", 9)))) {
				/* kith's exports wrote UIDs of row ids: no identity */
				free(v);
				continue;
			}
			if (!strcmp(p->name, "UID") && *v && !c->uid) {
				c->uid = v;
				continue;
			}
			if (!strcmp(p->name, "X-KITH-SEAT") && *v && !rec->seat) {
				rec->seat = v;
				continue;
			}
			if (!strcmp(p->name, "X-KITH-EXTRA") && param_get(p, "NAME") &&
			    *param_get(p, "NAME")) {
				/* a field kept aside, written back by kith's exporter */
				io_extra_add(&rec->extras, &rec->n_extras, param_get(p, "NAME"), v);
				free(v);
				continue;
			}
			if (*p->group) {
				/* keep the group's label with the value it labels */
				char *lab = channel_label(&labels, p);
				if (*lab) {
					char *t = io_strf("%s (%s)", v, lab);
					free(v);
					v = t;
				}
				free(lab);
			}
			io_extra_add(&rec->extras, &rec->n_extras, p->name, v);
			free(v);
		}
	}
	free(labels.v);
	io_contact_uniq(c);
	if (notes.len)
		c->notes = sb_detach(&notes);
	if (rec->org)
		orgname = rec->org;
	/* no person's name: N empty, FN absent or the organisation's */
	if (orgname && (kind_org || (!n_name && (!fn || io_ieq(fn, orgname))))) {
		rec->is_org = true;
		free(fn);
		fn = NULL;
	} else if (kind_org && fn && !orgname && !n_name) {
		rec->is_org = true;
		rec->org = xstrdup(fn);
		orgname = rec->org;
		free(fn);
		fn = NULL;
	}
	if (fn && c->prefix && !contact_honorific_len(fn, c->prefix)) {
		/* N's honorific is shown with the name: "Dr." and FN "Jane Doe" */
		c->display_name = io_strf("%s %s", c->prefix, fn);
		free(fn);
	} else if (fn)
		c->display_name = fn;
	else if (n_name)
		c->display_name = xstrdup(n_name);
	else if (orgname)
		c->display_name = xstrdup(orgname);
	else if (c->n_emails)
		c->display_name = xstrdup(c->emails[0].value);
	else if (c->n_phones)
		c->display_name = xstrdup(c->phones[0].value);
	free(n_name);
	sb_free(&name);
	sb_free(&notes);
	return c->display_name != NULL;
}

/* ---- the file ----------------------------------------------------------------------- */

static int
emit(const struct vcard *vc, size_t offset, const struct io_sink *s)
{
	struct io_record rec;
	int rc = 0;

	memset(&rec, 0, sizeof rec);
	rec.kind = IO_REC_CONTACT;
	rec.line = vc->line;
	rec.offset = offset;
	rec.source = "vcard";
	if (map_card(vc, &rec.u.contact))
		rc = s->record(s->ud, &rec);
	else if (s->note)
		s->note(s->ud, vc->line, "card has no name, organisation, email or phone: skipped");
	io_record_clear(&rec);
	return rc;
}

int
io_parse_vcard(const char *buf, size_t len, const struct io_sink *s)
{
	struct io_lines r;
	struct strbuf line = {0};
	struct vcard vc = {0};
	size_t tlen;
	char *text = io_text_bytes(buf, len, &tlen), msg[160];
	bool in = false, skipping = false;
	int lineno = 0, rc = 0;

	io_lines_init(&r, text, tlen);
	while (rc == 0 && io_content_next(&r, &line, &lineno)) {
		struct vprop p;
		const char *why = parse_line(&p, &line, &r);

		if (!why && r.too_long)
			why = "a line longer than " IO_MAX_LINE_TEXT " (kith's limit for one property)";

		if (!why && !strcmp(p.name, "BEGIN") && io_ieq(str_trim(p.value), "VCARD")) {
			if (in && !skipping) {
				snprintf(msg, sizeof msg, "BEGIN:VCARD (line %d) has no END:VCARD",
					 vc.line);
				rc = s->error(s->ud, vc.line, msg);
			}
			vcard_clear(&vc);
			vc.line = lineno;
			in = true;
			skipping = false;
			vprop_free(&p);
			continue;
		}
		if (skipping) {
			if (!why && !strcmp(p.name, "END"))
				in = skipping = false;
			vprop_free(&p);
			continue;
		}
		if (!in) {
			if (why || strcmp(p.name, "END") || !io_ieq(p.value, "VCARD")) {
				snprintf(msg, sizeof msg, "%s outside BEGIN:VCARD ... END:VCARD",
					 why ? "text" : p.name);
				rc = s->error(s->ud, lineno, msg);
			} else {
				rc = s->error(s->ud, lineno, "END:VCARD without BEGIN:VCARD");
			}
			vprop_free(&p);
			continue;
		}
		if (why) {
			snprintf(msg, sizeof msg, "%s", why);
			vprop_free(&p);
			rc = s->error(s->ud, lineno, msg);
			skipping = true;
			continue;
		}
		if (!strcmp(p.name, "END")) {
			/* progress in the file's bytes: text may be UTF-16 made UTF-8 */
			rc = emit(&vc, io_text_progress((size_t)(r.p - text), tlen, len), s);
			vcard_clear(&vc);
			vprop_free(&p);
			in = false;
			continue;
		}
		vc.bytes += line.len;
		if (vc.bytes > IO_MAX_RECORD) {
			snprintf(msg, sizeof msg, "a card longer than " IO_MAX_RECORD_TEXT
				 " (kith's limit for one record)");
			vprop_free(&p);
			rc = s->error(s->ud, vc.line, msg);
			skipping = true;
			continue;
		}
		if (vc.n == vc.cap) {
			vc.cap = vc.cap * 2 + 16;
			vc.props = xreallocarray(vc.props, vc.cap, sizeof *vc.props);
		}
		p.line = lineno;
		vc.props[vc.n++] = p;
	}
	if (rc == 0 && in && !skipping) {
		snprintf(msg, sizeof msg, "BEGIN:VCARD (line %d) has no END:VCARD", vc.line);
		rc = s->error(s->ud, vc.line, msg);
	}
	vcard_clear(&vc);
	sb_free(&line);
	free(text);
	return rc;
}
