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
	return c == ' ' || (c >= '\t' && c <= '\r');   /* \t \n \v \f \r */
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

/* An ASCII letter in upper case (a vCard's names are ASCII: no locale's case) */
static char
ascii_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
}

static char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* a property name's characters: letters, digits, '-' and '_' */
static bool
name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

/* How a value is encoded, as its parameters ENCODING or TYPE say. */
enum enc { ENC_TEXT, ENC_BASE64, ENC_QP };

/* The encoding the value of an ENCODING or TYPE parameter names, if any. */
static enum enc
enc_word(const char *w)
{
	unsigned char c = (unsigned char)w[0];

	/* most are other words ("home", "cell"): an ASCII first letter tells */
	if (c < 0x80 && (c | 0x20) != 'q' && (c | 0x20) != 'b')
		return ENC_TEXT;
	return io_ieq(w, "QUOTED-PRINTABLE") || io_ieq(w, "QP") ? ENC_QP :
	       io_ieq(w, "BASE64") || io_ieq(w, "B") ? ENC_BASE64 : ENC_TEXT;
}

/*
** Split the parameters text s[0..n) (after the name, before the value; the
** line's own copy) into p->params, each value cut out where it is. Returns
** the encoding they name.
*/
static enum enc
parse_params(struct vreader *v, struct vprop *p, char *s, size_t n)
{
	size_t i = 0, max = n > 0;
	bool qp = false, b64 = false;

	/* the first parameter, then one after each ';' */
	for (size_t k = 0; k < n; k++)
		max += s[k] == ';';
	p->params = max ? io_alloc(&v->tmp, max * sizeof *p->params) : NULL;
	while (i < n) {
		size_t start, end, eq = 0, b, e;
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
		/* past the ';' that ends it: the value's NUL may take its place */
		end = i;
		if (i < n)
			i++;
		pa = &p->params[p->n_params++];
		if (eq) {
			char *val = s + eq + 1, *w = val;
			b = start;
			e = eq;
			vc_trim_span(s, &b, &e);
			pa->id = param_id(s + b, e - b);
			for (size_t k = eq + 1; k < end; k++)
				if (s[k] != '"')
					*w++ = s[k];
			*w = '\0';
			pa->value = vc_trim_in(val);
		} else {
			b = start;
			e = end;
			vc_trim_span(s, &b, &e);
			s[e] = '\0';
			pa->id = VP_TYPE;
			pa->value = s + b;
		}
		if (pa->id == VP_ENCODING || pa->id == VP_TYPE) {
			enum enc w = enc_word(pa->value);
			qp = qp || w == ENC_QP;
			b64 = b64 || w == ENC_BASE64;
		}
	}
	return qp ? ENC_QP : b64 ? ENC_BASE64 : ENC_TEXT;
}

/*
** The name, group and parameters of the line *sp[0..*lenp) into p, cut out
** where they are (the group, the name and the parameters' values end with
** NULs written over their separators); *val gets where the value begins,
** *enc what the parameters say of its encoding. NULL, or what is wrong. A
** bare name is copied first with the ':' it lacks (*sp, *lenp then its).
*/
static const char *
parse_head(struct vreader *v, struct vprop *p, char **sp, size_t *lenp, char **val,
	   enum enc *enc)
{
	char *s = *sp, *nameend, *dot;
	const char *colon;
	size_t len = *lenp, i, nb, ne;
	bool q = false;

	/* the first ':' outside quotes: the first of all when no quote comes before it */
	colon = memchr(s, ':', len);
	if (colon && memchr(s, '"', (size_t)(colon - s)))
		colon = NULL;
	for (i = 0; !colon && i < len; i++) {
		if (s[i] == '"')
			q = !q;
		else if (s[i] == ':' && !q)
			colon = s + i;
	}
	if (!colon) {
		/* a quote left open in the parameters: take the first colon */
		colon = memchr(s, ':', len);
	}
	if (!colon) {
		/* a bare name ("FN") is an empty property; anything else is not vCard */
		char *t;
		for (i = 0; i < len; i++)
			if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '.')
				return "no ':' (not a vCard property line)";
		t = io_alloc(&v->tmp, len + 2);
		memcpy(t, s, len);
		t[len] = ':';
		t[++len] = '\0';
		*sp = s = t;
		*lenp = len;
		colon = s + len - 1;
	}
	for (nameend = s, dot = NULL; nameend < colon && *nameend != ';'; nameend++)
		if (*nameend == '.')
			dot = nameend;
	nb = dot ? (size_t)(dot + 1 - s) : 0;
	ne = (size_t)(nameend - s);
	vc_trim_span(s, &nb, &ne);
	if (nb == ne)
		return "a property without a name";
	for (i = nb; i < ne; i++) {
		if (!name_char(s[i]))
			return "a property name with characters other than letters, digits and '-'";
		s[i] = ascii_upper(s[i]);
	}
	p->id = name_id(s + nb, ne - nb);
	p->name = s + nb;
	if (dot) {
		for (char *t = s; t < dot; t++)
			*t = ascii_lower(*t);
		*dot = '\0';
		p->group = s;
	}
	/* (the parameters begin past nameend: its ';' or ':' may become the name's NUL) */
	*enc = parse_params(v, p, nameend + 1, nameend < colon ? (size_t)(colon - nameend - 1) : 0);
	s[ne] = '\0';
	*val = (char *)colon + 1;
	return NULL;
}

/*
** Parse one content line, s[0..*lenp) in the card's memory
** (io_content_next_in), into p, cutting it up where it is. Returns NULL, or
** what is wrong with it. Quoted-printable soft breaks pull the next physical
** lines from r.
*/
const char *
vc_parse_line(struct vreader *v, struct vprop *p, char *s, size_t *lenp, struct io_lines *r)
{
	const char *cs, *why;
	char *val;
	size_t i, len = *lenp, vlen;
	enum enc enc = ENC_TEXT;

	memset(p, 0, sizeof *p);
	p->group = "";
	/* most lines are NAME:value (upper case, no group, no parameters): the
	   general way would find the same name and nothing else */
	for (i = 0; i < len && ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-'); i++)
		;
	if (i > 0 && i < len && s[i] == ':') {
		s[i] = '\0';
		p->name = s;
		p->id = name_id(s, i);
		val = s + i + 1;
	} else if ((why = parse_head(v, p, &s, lenp, &val, &enc))) {
		return why;
	}
	cs = vc_param_get(p, VP_CHARSET);
	vlen = *lenp - (size_t)(val - s);

	/* quoted-printable: a value ending in '=' continues on the next line */
	if (enc == ENC_QP) {
		struct strbuf *raw = &v->raw;
		sb_reset(raw);
		sb_appendn(raw, val, vlen);
		while (raw->len > 0 && raw->buf[raw->len - 1] == '=' && r->p < r->end) {
			const char *ls = "";
			size_t ln = 0;
			int lno;
			raw->len--;
			raw->buf[raw->len] = '\0';
			io_line_next(r, &ls, &ln, &lno);   /* (there is one: r->p < r->end) */
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
	p->binary = enc == ENC_BASE64 || (p->id == VN_MEDIA && io_ieqn(val, "data:", 5));
	if (p->binary) {
		/* 2.1 base64 may go on over unindented lines up to a blank one */
		struct io_lines save = *r;
		const char *ls;
		size_t ln;
		int lno;
		while (io_line_next(r, &ls, &ln, &lno) && ln > 0 && !memchr(ls, ':', ln))
			save = *r;
		*r = save;
		p->value = val + vlen;    /* "" */
		return NULL;
	}
	/* what the file's text is (v->text), unless a line was cut short */
	p->value = io_text_utf8_here(&v->tmp, val, vlen, cs, r->too_long ? 0 : v->text);
	return NULL;
}
