/*
 * text.c: the text layer shared by the importers: encodings (BOMs, UTF-16,
 * named charsets through iconv, Windows-1252 as the fallback for 8-bit
 * text), physical and folded lines, quoted-printable, and small helpers
 * for records.
 */
#include "io_internal.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/date.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"

bool
io_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
	return *a == *b;
}

bool
io_ieqn(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return false;
		if (!a[i])
			return true;
	}
	return true;
}

/* ---- encodings ---------------------------------------------------------------- */

static void
utf16_to_utf8(struct strbuf *sb, const unsigned char *s, size_t len, bool be)
{
	for (size_t i = 0; i + 1 < len; i += 2) {
		uint32_t u = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
		char enc[4];

		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
			uint32_t lo = be ? (uint32_t)(s[i + 2] << 8 | s[i + 3]) :
					   (uint32_t)(s[i + 3] << 8 | s[i + 2]);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			} else {
				u = UTF8_REPLACEMENT;
			}
		} else if (u >= 0xD800 && u <= 0xDFFF) {
			u = UTF8_REPLACEMENT;
		}
		if (u == 0)
			continue;
		sb_appendn(sb, enc, utf8_encode(u, enc));
	}
}

char *
io_text_bytes(const char *buf, size_t len, size_t *outlen)
{
	const unsigned char *s = (const unsigned char *)buf;
	struct strbuf sb = {0};
	size_t even0 = 0, odd0 = 0, probe = len < 4096 ? len : 4096;

	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		s += 3;
		len -= 3;
	} else if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		utf16_to_utf8(&sb, s + 2, len - 2, s[0] == 0xFE);
		goto done;
	} else {
		/* UTF-16 without a BOM: text whose every other byte is NUL */
		for (size_t i = 0; i < probe; i++)
			if (!s[i] && i % 2)
				odd0++;
			else if (!s[i])
				even0++;
		if (probe >= 4 && (even0 > probe / 4 || odd0 > probe / 4)) {
			utf16_to_utf8(&sb, s, len, even0 > odd0);
			goto done;
		}
	}
	sb_appendn(&sb, "", 0);
	for (size_t i = 0; i < len;) {
		const unsigned char *z = memchr(s + i, 0, len - i);
		size_t n = z ? (size_t)(z - (s + i)) : len - i;
		sb_appendn(&sb, (const char *)s + i, n);
		i += n + (z ? 1 : 0);
	}
done:
	if (!sb.buf)
		sb_append(&sb, "");
	*outlen = sb.len;
	return sb_detach(&sb);
}

const char *
io_text_view(const char *buf, size_t len, size_t *outlen, char **own)
{
	const unsigned char *s = (const unsigned char *)buf;

	/* UTF-16 has a BOM, or NUL bytes (what io_text_bytes looks for) */
	if ((len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) ||
	    memchr(buf, 0, len))
		return *own = io_text_bytes(buf, len, outlen);
	*own = NULL;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		*outlen = len - 3;
		return buf + 3;
	}
	*outlen = len;
	return buf;
}

size_t
io_text_progress(size_t pos, size_t tlen, size_t len)
{
	size_t off;

	if (tlen == len || !tlen)
		return pos < len ? pos : len;
	off = (size_t)((double)pos / (double)tlen * (double)len);
	return off < len ? off : len;
}

/* Windows-1252's 0x80..0x9F; 0 where it has no character. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static char *
from_cp1252(const char *s, size_t n)
{
	struct strbuf sb = {0};

	sb_appendn(&sb, "", 0);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		uint32_t u = c;
		char enc[4];

		if (c < 0x80) {
			if (c)
				sb_appendc(&sb, (char)c);
			continue;
		}
		if (c < 0xA0)
			u = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : UTF8_REPLACEMENT;
		sb_appendn(&sb, enc, utf8_encode(u, enc));
	}
	return sb_detach(&sb);
}

static bool
is_utf8_name(const char *cs)
{
	return io_ieq(cs, "utf-8") || io_ieq(cs, "utf8");
}

/* iconv from charset; NULL if the charset is unknown or the text is not in it. */
static char *
from_charset(const char *s, size_t n, const char *charset)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	struct strbuf sb = {0};
	char *in = (char *)s, out[1024];
	size_t inleft = n;

	if (cd == (iconv_t)-1)
		return NULL;
	sb_appendn(&sb, "", 0);
	while (inleft > 0) {
		char *o = out;
		size_t oleft = sizeof out;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		sb_appendn(&sb, out, sizeof out - oleft);
		if (r == (size_t)-1 && errno != E2BIG) {
			iconv_close(cd);
			sb_free(&sb);
			return NULL;
		}
	}
	iconv_close(cd);
	return sb_detach(&sb);
}

/* Line ends in r made "\n", in place: CRLF and a lone CR (a quoted-printable
   "=0D=0A" decodes to CRLF), so that no CR reaches stored text. */
static char *
lf_only(char *r)
{
	char *w, *p = strchr(r, '\r');

	if (!p)
		return r;
	for (w = p; *p; p++) {
		if (*p == '\r') {
			*w++ = '\n';
			if (p[1] == '\n')
				p++;
		} else {
			*w++ = *p;
		}
	}
	*w = '\0';
	return r;
}

char *
io_text_utf8(const char *s, size_t n, const char *charset)
{
	char *r;

	if (charset && *charset && !is_utf8_name(charset)) {
		bool ascii = true;
		for (size_t i = 0; i < n && ascii; i++)
			ascii = !(s[i] & 0x80);
		if (!ascii && (r = from_charset(s, n, charset))) {
			if (utf8_valid(r, strlen(r)) && strlen(r) > 0)
				return lf_only(r);
			free(r);
		}
	}
	if (utf8_valid(s, n) && !memchr(s, 0, n)) {
		r = xmalloc(n + 1);
		memcpy(r, s, n);
		r[n] = '\0';
		return lf_only(r);
	}
	return lf_only(from_cp1252(s, n));
}

char *
io_text_utf8_in(struct io_arena *a, const char *s, size_t n, const char *charset, size_t *outn)
{
	char *r;

	if ((charset && *charset && !is_utf8_name(charset)) || !utf8_valid(s, n) ||
	    memchr(s, 0, n)) {
		/* another charset, or not UTF-8: the rare way */
		char *t = io_text_utf8(s, n, charset);
		*outn = strlen(t);
		r = io_strndup_in(a, t, *outn);
		free(t);
		return r;
	}
	r = io_strndup_in(a, s, n);
	*outn = n;
	if (memchr(r, '\r', n))
		*outn = strlen(lf_only(r));
	return r;
}

char *
io_text_utf8_here(struct io_arena *a, char *s, size_t n, const char *charset, unsigned known)
{
	size_t outn;

	if ((charset && *charset && !is_utf8_name(charset)) ||
	    (!(known & IO_TEXT_UTF8) && (!utf8_valid(s, n) || memchr(s, 0, n))))
		return io_text_utf8_in(a, s, n, charset, &outn);
	if (!(known & IO_TEXT_NO_CR) && memchr(s, '\r', n))
		lf_only(s);
	return s;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

void
io_qp_decode(struct strbuf *sb, const char *s, size_t n)
{
	sb_appendn(sb, "", 0);
	for (size_t i = 0; i < n; i++) {
		int h, l;

		if (s[i] == '=' && i + 2 < n + 0 && (h = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (l = hexval((unsigned char)s[i + 2])) >= 0) {
			sb_appendc(sb, (char)(h << 4 | l));
			i += 2;
		} else if (s[i] == '=' && i + 1 == n) {
			/* a soft break at the very end */
		} else {
			sb_appendc(sb, s[i]);
		}
	}
}

/* ---- lines ----------------------------------------------------------------------- */

void
io_lines_init(struct io_lines *r, const char *buf, size_t len)
{
	r->p = buf;
	r->end = buf + len;
	r->line = 1;
	r->cr_only = !memchr(buf, '\n', len) && memchr(buf, '\r', len);
}

/* The next physical line that is not blank; false at the end. */
static inline bool
first_line(struct io_lines *r, const char **s, size_t *n, int *lineno)
{
	int ln;

	for (;;) {
		size_t k;
		if (!io_line_next(r, s, n, &ln))
			return false;
		for (k = 0; k < *n && ((*s)[k] == ' ' || (*s)[k] == '\t'); k++)
			;
		if (k < *n)
			break;
	}
	*lineno = ln;
	return true;
}

/* s[0..n), a content line's first physical line, and the lines that continue it, into sb */
static void
join_folded(struct io_lines *r, struct strbuf *sb, const char *s, size_t n)
{
	int ln;

	for (bool first = true;; first = false) {
		const char *t = first ? s : s + 1;
		size_t tn = first ? n : n - 1;
		if (sb->len + tn > IO_MAX_LINE) {
			tn = IO_MAX_LINE - sb->len;
			r->too_long = true;
		}
		sb_appendn(sb, t, tn);
		if (!(r->p < r->end && (*r->p == ' ' || *r->p == '\t')))
			break;
		io_line_next(r, &s, &n, &ln);
	}
}

bool
io_content_next(struct io_lines *r, struct strbuf *sb, int *lineno)
{
	const char *s;
	size_t n;

	sb_reset(sb);
	r->too_long = false;
	if (!first_line(r, &s, &n, lineno))
		return false;
	join_folded(r, sb, s, n);
	return true;
}

bool
io_content_next_in(struct io_lines *r, struct io_arena *a, struct strbuf *sb, char **line,
		   size_t *len, int *lineno)
{
	const char *s;
	size_t n;

	r->too_long = false;
	if (!first_line(r, &s, &n, lineno))
		return false;
	if (n > IO_MAX_LINE || (r->p < r->end && (*r->p == ' ' || *r->p == '\t'))) {
		/* folded (or too long): joined first */
		sb_reset(sb);
		join_folded(r, sb, s, n);
		s = sb->buf;
		n = sb->len;
	}
	*line = io_strndup_in(a, s, n);
	*len = n;
	return true;
}

/* ---- records ------------------------------------------------------------------------- */

void
io_extra_add(struct io_extra **v, size_t *n, const char *name, const char *value)
{
	if (str_empty(value))
		return;
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].name = xstrdup(name);
	(*v)[*n].value = xstrdup(value);
	(*n)++;
}

/* A trimmed copy of s, or NULL if nothing is left. */
static char *
trimmed(const char *s)
{
	char *t;

	if (str_empty(s))
		return NULL;
	t = str_trim(xstrdup(s));
	if (!*t) {
		free(t);
		return NULL;
	}
	return t;
}

void
io_channel_push(struct kith_channel **v, size_t *n, const char *label, const char *value)
{
	char *t = trimmed(value);

	if (!t)
		return;
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].label = xstrdup(label ? label : "");
	(*v)[*n].value = t;
	(*n)++;
}

void
io_channel_add(struct kith_channel **v, size_t *n, const char *label, const char *value)
{
	char *t = trimmed(value);
	bool dup = false;

	for (size_t i = 0; t && i < *n && !dup; i++)
		dup = io_ieq((*v)[i].value, t);
	if (t && !dup)
		io_channel_push(v, n, label, t);
	free(t);
}

void
io_strv_push(char ***v, size_t *n, const char *s)
{
	char *t = trimmed(s);

	if (!t)
		return;
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = t;
}

void
io_strv_add(char ***v, size_t *n, const char *s)
{
	char *t = trimmed(s);
	bool dup = false;

	for (size_t i = 0; t && i < *n && !dup; i++)
		dup = io_ieq((*v)[i], t);
	if (t && !dup)
		io_strv_push(v, n, t);
	free(t);
}

static void
extras_free(struct io_extra *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].value);
	}
	free(v);
}

void
io_record_clear(struct io_record *r)
{
	switch (r->kind) {
	case IO_REC_CONTACT:
		contact_keys_free(&r->u.contact.keys);
		if (r->u.contact.mem) {
			/* all of it in the record's blocks */
			io_blocks_free(r->u.contact.mem);
			break;
		}
		contact_free(&r->u.contact.c);
		free(r->u.contact.org);
		free(r->u.contact.title);
		free(r->u.contact.org_kind);
		free(r->u.contact.org_parent);
		free(r->u.contact.seat);
		extras_free(r->u.contact.extras, r->u.contact.n_extras);
		break;
	case IO_REC_EVENT:
		event_free(&r->u.event.e);
		for (size_t i = 0; i < r->u.event.n_att; i++) {
			free(r->u.event.att[i].email);
			free(r->u.event.att[i].name);
		}
		free(r->u.event.att);
		extras_free(r->u.event.extras, r->u.event.n_extras);
		break;
	case IO_REC_TODO:
		followup_free(&r->u.todo.f);
		free(r->u.todo.uid);
		extras_free(r->u.todo.extras, r->u.todo.n_extras);
		break;
	}
	memset(&r->u, 0, sizeof r->u);
}

/* ---- dates ------------------------------------------------------------------------------ */

bool
io_birthday(const char *s, char out[11])
{
	char d[16];
	size_t k = 0;
	struct kdate kd;

	if (!s)
		return false;
	while (*s == ' ')
		s++;
	/* "--MMDD", "--MM-DD" (no year) */
	if (s[0] == '-' && s[1] == '-') {
		for (s += 2; *s && k < 4; s++)
			if (isdigit((unsigned char)*s))
				d[k++] = *s;
			else if (*s != '-')
				break;
		if (k != 4 || (*s && *s != 'T' && *s != ' '))
			return false;
		/* "--MM-DD", checked as a day of 2000 (a leap year) */
		memcpy(out, (char[7]){ '-', '-', d[0], d[1], '-', d[2], d[3] }, 7);
		out[7] = '\0';
		memcpy(d, "2000", 4);
		memcpy(d + 4, out + 1, 7);
		return kdate_parse_iso(d, &kd);
	}
	/* "YYYY-MM-DD", "YYYYMMDD", optionally followed by a time */
	for (; *s && k < 8; s++)
		if (isdigit((unsigned char)*s))
			d[k++] = *s;
		else if (*s != '-')
			break;
	if (k == 8 && (!*s || *s == 'T' || *s == ' ')) {
		/* "YYYY-MM-DD" (no printf: an import reads one a card) */
		memcpy(out, d, 4);
		out[4] = '-';
		memcpy(out + 5, d + 4, 2);
		out[7] = '-';
		memcpy(out + 8, d + 6, 2);
		out[10] = '\0';
		return kdate_parse_iso(out, &kd);
	}
	/* "DD.MM.YYYY" and "M/D/YYYY" are handled by the CSV reader */
	return false;
}

/* ---- kith's own fields (X-KITH-*, CSV columns): one table for writers and readers ---- */

static bool
parse_num(int *field, const char *value, long long min, long long max)
{
	long long n;

	if (!str_to_int(value, min, max, &n))
		return false;
	*field = (int)n;
	return true;
}

/* A number, "" for zero when zero means none. */
static const char *
format_num(int v, char buf[12])
{
	char t[12];
	size_t k = 0, i = 0;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

	do
		t[k++] = (char)('0' + u % 10);
	while ((u /= 10) && k < sizeof t);
	if (v < 0)
		buf[i++] = '-';
	while (k)
		buf[i++] = t[--k];
	buf[i] = '\0';
	return buf;
}

/* a text field is taken from its first value; a later one is kept aside */
static bool
parse_text(char **field, const char *value)
{
	if (*field)
		return false;
	*field = xstrdup(value);
	return true;
}

static bool p_pronouns(struct kith_contact *c, const char *v) { return parse_text(&c->pronouns, v); }
static bool p_district(struct kith_contact *c, const char *v) { return parse_text(&c->district, v); }
static bool p_how_met(struct kith_contact *c, const char *v) { return parse_text(&c->how_met, v); }
static bool p_influence(struct kith_contact *c, const char *v) { return parse_num(&c->influence, v, 1, 5); }
static bool p_alignment(struct kith_contact *c, const char *v) { return parse_num(&c->alignment, v, -2, 2); }
static bool p_cadence(struct kith_contact *c, const char *v) { return parse_num(&c->cadence_days, v, 0, 3650); }

static bool
p_tier(struct kith_contact *c, const char *v)
{
	if (strlen(v) != 1 || v[0] < 'A' || v[0] > 'D')
		return false;
	c->tier = v[0];
	return true;
}

static bool
p_archived(struct kith_contact *c, const char *v)
{
	if (strcmp(v, "1") && !io_ieq(v, "true"))
		return false;
	c->archived = true;
	return true;
}

static const char *f_pronouns(const struct kith_contact *c, char b[12]) { (void)b; return c->pronouns; }
static const char *f_district(const struct kith_contact *c, char b[12]) { (void)b; return c->district; }
static const char *f_how_met(const struct kith_contact *c, char b[12]) { (void)b; return c->how_met; }
static const char *f_influence(const struct kith_contact *c, char b[12]) { return c->influence ? format_num(c->influence, b) : NULL; }
static const char *f_alignment(const struct kith_contact *c, char b[12]) { return c->alignment ? format_num(c->alignment, b) : NULL; }
static const char *f_cadence(const struct kith_contact *c, char b[12]) { return c->cadence_days >= 0 ? format_num(c->cadence_days, b) : NULL; }

static const char *
f_tier(const struct kith_contact *c, char b[12])
{
	if (!c->tier)
		return NULL;
	b[0] = c->tier;
	b[1] = '\0';
	return b;
}

static const char *f_archived(const struct kith_contact *c, char b[12]) { (void)b; return c->archived ? "1" : NULL; }

const struct io_field io_kith_fields[IO_N_KITH_FIELDS] = {
	{ "PRONOUNS", "pronouns", p_pronouns, f_pronouns },
	{ "DISTRICT", "district", p_district, f_district },
	{ "HOW-MET", "how met", p_how_met, f_how_met },
	{ "INFLUENCE", "influence", p_influence, f_influence },
	{ "ALIGNMENT", "alignment", p_alignment, f_alignment },
	{ "TIER", "tier", p_tier, f_tier },
	{ "CADENCE", "cadence", p_cadence, f_cadence },
	{ "ARCHIVED", "archived", p_archived, f_archived },
};

bool
io_kith_field(struct kith_contact *c, const char *name, const char *value)
{
	for (size_t i = 0; i < IO_N_KITH_FIELDS; i++)
		if (io_ieq(name, io_kith_fields[i].name) || io_ieq(name, io_kith_fields[i].column))
			return io_kith_fields[i].parse(c, value);
	if (io_ieq(name, "uid") && !c->uid && *value) {
		c->uid = xstrdup(value);
		return true;
	}
	return false;
}
