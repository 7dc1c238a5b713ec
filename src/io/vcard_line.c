/*
 * vcard_line.c: a vCard's content lines read into properties: the name
 * (known by a switch, once), the group, the parameters, the value decoded
 * to UTF-8 (quoted-printable with its soft breaks, CHARSET through iconv).
 */
#include "vcard_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

#define IS(lit) (n == sizeof lit - 1 && !memcmp(s, lit, sizeof lit - 1))

/* The property named s[0..n) (upper case). */
static enum vn
name_id(const char *s, size_t n)
{
	switch (s[0]) {
	case 'A': return IS("ADR") ? VN_ADR : VN_OTHER;
	case 'B': return IS("BDAY") ? VN_BDAY : IS("BEGIN") ? VN_BEGIN : VN_OTHER;
	case 'C': return IS("CATEGORIES") ? VN_CATEGORIES : IS("CLIENTPIDMAP") ? VN_IGNORED : VN_OTHER;
	case 'E': return IS("EMAIL") ? VN_EMAIL : IS("END") ? VN_END : VN_OTHER;
	case 'F': return IS("FN") ? VN_FN : VN_OTHER;
	case 'I': return IS("IMPP") ? VN_HANDLE : VN_OTHER;
	case 'K': return IS("KIND") ? VN_KIND : IS("KEY") ? VN_MEDIA : VN_OTHER;
	case 'L': return IS("LOGO") ? VN_MEDIA : VN_OTHER;
	case 'N': return IS("N") ? VN_N : IS("NOTE") ? VN_NOTE : IS("NICKNAME") ? VN_NICKNAME :
			 VN_OTHER;
	case 'O': return IS("ORG") ? VN_ORG : VN_OTHER;
	case 'P': return IS("PHOTO") ? VN_MEDIA : IS("PRODID") ? VN_IGNORED : VN_OTHER;
	case 'R': return IS("REV") ? VN_IGNORED : VN_OTHER;
	case 'S': return IS("SOUND") ? VN_MEDIA : IS("SORT-STRING") ? VN_IGNORED : VN_OTHER;
	case 'T': return IS("TEL") ? VN_TEL : IS("TITLE") ? VN_TITLE : VN_OTHER;
	case 'U': return IS("UID") ? VN_UID : IS("URL") ? VN_URL : VN_OTHER;
	case 'V': return IS("VERSION") ? VN_IGNORED : VN_OTHER;
	case 'X': break;
	default: return VN_OTHER;
	}
	if (n > 7 && !memcmp(s, "X-KITH-", 7))
		return IS("X-KITH-ORG-KIND") ? VN_ORG_KIND : IS("X-KITH-ORG-PARENT") ? VN_ORG_PARENT :
		       IS("X-KITH-SEAT") ? VN_XKITH_SEAT : IS("X-KITH-EXTRA") ? VN_XKITH_EXTRA :
		       VN_XKITH;
	if (IS("X-ABLABEL"))
		return VN_XABLABEL;
	if (IS("X-ABSHOWAS"))
		return VN_KIND;
	return IS("X-SOCIALPROFILE") || IS("X-AIM") || IS("X-JABBER") || IS("X-SKYPE") ||
	       IS("X-SKYPE-USERNAME") || IS("X-TWITTER") || IS("X-MSN") || IS("X-ICQ") ||
	       IS("X-YAHOO") || IS("X-GOOGLE-TALK") || IS("X-GTALK") || IS("X-QQ") ? VN_HANDLE :
	       VN_OTHER;
}

#undef IS

/* s[0..n) is word, ASCII case aside */
static bool
is_word(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && io_ieqn(s, word, n);
}

static enum vp
param_id(const char *s, size_t n)
{
	return is_word(s, n, "TYPE") ? VP_TYPE : is_word(s, n, "ENCODING") ? VP_ENCODING :
	       is_word(s, n, "CHARSET") ? VP_CHARSET : is_word(s, n, "NAME") ? VP_NAME :
	       is_word(s, n, "X-APPLE-OMIT-YEAR") ? VP_OMIT_YEAR : VP_OTHER;
}

const char *
vc_param_get(const struct vprop *p, enum vp id)
{
	for (size_t i = 0; i < p->n_params; i++)
		if (p->params[i].id == id)
			return p->params[i].value;
	return NULL;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* s[*b..*e) without the ASCII whitespace at its ends (as str_trim) */
void
vc_trim_span(const char *s, size_t *b, size_t *e)
{
	while (*b < *e && is_space(s[*b]))
		(*b)++;
	while (*e > *b && is_space(s[*e - 1]))
		(*e)--;
}

/* s, a string of an arena, trimmed where it is */
char *
vc_trim_in(char *s)
{
	size_t b = 0, e = strlen(s);

	vc_trim_span(s, &b, &e);
	s[e] = '\0';
	return s + b;
}

/* Split the parameters text (after the name, before the value) into p->params. */
static void
parse_params(struct vreader *v, struct vprop *p, const char *s, size_t n)
{
	size_t i = 0, max = 0;

	/* each parameter follows a ';' */
	for (size_t k = 0; k < n; k++)
		max += s[k] == ';';
	p->params = max ? io_alloc(&v->tmp, max * sizeof *p->params) : NULL;
	while (i < n) {
		size_t start, eq = 0, b, e;
		bool q = false;
		struct vparam *pa;

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
		pa = &p->params[p->n_params++];
		if (eq) {
			char *val = io_alloc(&v->tmp, i - eq), *w = val;
			b = start;
			e = eq;
			vc_trim_span(s, &b, &e);
			pa->id = param_id(s + b, e - b);
			for (size_t k = eq + 1; k < i; k++)
				if (s[k] != '"')
					*w++ = s[k];
			*w = '\0';
			pa->value = vc_trim_in(val);
		} else {
			b = start;
			e = i;
			vc_trim_span(s, &b, &e);
			pa->id = VP_TYPE;
			pa->value = io_strndup_in(&v->tmp, s + b, e - b);
		}
	}
}

/* a parameter ENCODING or TYPE says one of the two words */
static bool
encoded(const struct vprop *p, const char *word, const char *word2)
{
	for (size_t i = 0; i < p->n_params; i++)
		if ((p->params[i].id == VP_ENCODING || p->params[i].id == VP_TYPE) &&
		    (io_ieq(p->params[i].value, word) || io_ieq(p->params[i].value, word2)))
			return true;
	return false;
}

/*
** Parse one content line into p. Returns NULL, or what is wrong with it.
** Quoted-printable soft breaks pull the next physical lines from r.
*/
const char *
vc_parse_line(struct vreader *v, struct vprop *p, struct strbuf *line, struct io_lines *r)
{
	const char *s = line->buf, *colon = NULL, *nameend, *dot, *cs;
	bool q = false;
	size_t i, nb, ne, vlen;
	char *name;

	memset(p, 0, sizeof *p);
	/* the first ':' outside quotes: the first of all when no quote comes before it */
	colon = memchr(s, ':', line->len);
	if (colon && memchr(s, '"', (size_t)(colon - s)))
		colon = NULL;
	for (i = 0; !colon && i < line->len; i++) {
		if (s[i] == '"')
			q = !q;
		else if (s[i] == ':' && !q)
			colon = s + i;
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
	if (dot) {
		char *g = io_strndup_in(&v->tmp, s, (size_t)(dot - s));
		for (char *t = g; *t; t++)
			*t = (char)tolower((unsigned char)*t);
		p->group = g;
	} else {
		p->group = "";
	}
	nb = (size_t)((dot ? dot + 1 : s) - s);
	ne = (size_t)(nameend - s);
	vc_trim_span(s, &nb, &ne);
	if (nb == ne)
		return "a property without a name";
	name = io_strndup_in(&v->tmp, s + nb, ne - nb);
	for (char *t = name; *t; t++) {
		*t = (char)toupper((unsigned char)*t);
		if (!isalnum((unsigned char)*t) && *t != '-' && *t != '_')
			return "a property name with characters other than letters, digits and '-'";
	}
	p->name = name;
	p->id = name_id(name, ne - nb);
	parse_params(v, p, nameend, (size_t)(colon - nameend));
	cs = vc_param_get(p, VP_CHARSET);

	/* quoted-printable: a value ending in '=' continues on the next line */
	if (encoded(p, "QUOTED-PRINTABLE", "QP")) {
		struct strbuf *raw = &v->raw;
		sb_reset(raw);
		sb_appendn(raw, colon + 1, line->len - (size_t)(colon + 1 - s));
		while (raw->len > 0 && raw->buf[raw->len - 1] == '=' && r->p < r->end) {
			const char *ls;
			size_t ln;
			int lno;
			raw->len--;
			raw->buf[raw->len] = '\0';
			io_line_next(r, &ls, &ln, &lno);
			if (raw->len + ln > IO_MAX_LINE) {
				/* read on to the value's end, keeping none of the rest */
				r->too_long = true;
				if (!ln || ls[ln - 1] != '=')
					break;
				sb_appendc(raw, '=');
				continue;
			}
			sb_appendn(raw, ls, ln);
		}
		sb_reset(&v->dec);
		io_qp_decode(&v->dec, sb_str(raw), raw->len);
		p->value = io_text_utf8_in(&v->tmp, sb_str(&v->dec), v->dec.len, cs, &vlen);
		return NULL;
	}
	p->binary = encoded(p, "BASE64", "B") ||
		    (p->id == VN_MEDIA && io_ieqn(colon + 1, "data:", 5));
	if (p->binary) {
		/* 2.1 base64 may go on over unindented lines up to a blank one */
		struct io_lines save = *r;
		const char *ls;
		size_t ln;
		int lno;
		while (io_line_next(r, &ls, &ln, &lno) && ln > 0 && !memchr(ls, ':', ln))
			save = *r;
		*r = save;
		p->value = io_strndup_in(&v->tmp, "", 0);
		return NULL;
	}
	p->value = io_text_utf8_in(&v->tmp, colon + 1, line->len - (size_t)(colon + 1 - s), cs,
				   &vlen);
	return NULL;
}
