/*
 * csv.c: the contacts CSV reader.
 *
 * Records are RFC 4180 (quotes, doubled quotes, embedded newlines) with
 * the delimiter guessed from the header (comma, semicolon or tab). The
 * header is the first of the file's first dozen records that names at
 * least two known columns, so preambles (LinkedIn's "Notes:") are passed
 * over. Known columns are those of LinkedIn, Google (old and new),
 * Outlook and Thunderbird exports and a generic
 * name,email,phone,organisation,title,tags,notes,birthday,address header;
 * every other non-empty cell goes to the record's extras under its header.
 */
#include "csv_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/utf8.h"
#include "kith/xalloc.h"

/* ---- records ------------------------------------------------------------------ */


static void
row_clear(struct row *r)
{
	for (size_t i = 0; i < r->n; i++)
		sb_reset(&r->f[i]);
	r->n = 0;
}

static void
row_free(struct row *r)
{
	for (size_t i = 0; i < r->cap; i++)
		sb_free(&r->f[i]);
	free(r->f);
	memset(r, 0, sizeof *r);
}

static struct strbuf *
row_add(struct row *r)
{
	if (r->n == r->cap) {
		r->f = xreallocarray(r->f, r->cap * 2 + 8, sizeof *r->f);
		memset(r->f + r->cap, 0, (r->cap + 8) * sizeof *r->f);
		r->cap = r->cap * 2 + 8;
	}
	sb_appendn(&r->f[r->n], "", 0);
	return &r->f[r->n++];
}

struct reader {
	const char *p, *end;
	int line;
	char delim;
};

/*
** Read one record into row. Returns 1 with a record, 0 at the end, -1 on an
** unterminated quote (row->line is where the record began, *qline where the
** quote opened).
*/
static int
read_record(struct reader *r, struct row *row, int *qline)
{
	struct strbuf *f;

	row_clear(row);
	if (r->p >= r->end)
		return 0;
	row->line = r->line;
	f = row_add(row);
	for (;;) {
		if (r->p >= r->end)
			return 1;
		char c = *r->p;
		if (c == '"' && f->len > 0 && strspn(f->buf, " ") == f->len)
			sb_reset(f);    /* spaces before an opening quote */
		if (c == '"' && f->len == 0) {
			*qline = r->line;
			r->p++;
			for (;;) {
				if (r->p >= r->end)
					return -1;
				c = *r->p++;
				if (c == '"') {
					if (r->p < r->end && *r->p == '"') {
						sb_appendc(f, '"');
						r->p++;
						continue;
					}
					break;
				}
				if (c == '\r') {
					if (r->p < r->end && *r->p == '\n') {
						r->p++;
						r->line++;
					}
					sb_appendc(f, '\n');
					continue;
				}
				if (c == '\n')
					r->line++;
				sb_appendc(f, c);
			}
			/* text after the closing quote belongs to the field */
			continue;
		}
		r->p++;
		if (c == r->delim) {
			f = row_add(row);
		} else if (c == '\n') {
			r->line++;
			return 1;
		} else if (c == '\r') {
			while (r->p < r->end && *r->p == '\r')
				r->p++;
			if (r->p < r->end && *r->p == '\n')
				r->p++;
			r->line++;
			return 1;
		} else {
			sb_appendc(f, c);
		}
	}
}

bool
io_csv_needs_guard(const char *s)
{
	const char *p = s, *d;

	while (*p == '\'')
		p++;
	if (!*p || !strchr("=+-@\t\r", *p))
		return false;
	if (p != s)
		return true;
	/* a plain number is safe: a sign, digits, at most one point */
	d = p + 1;
	if (!isdigit((unsigned char)*d))
		return true;
	while (isdigit((unsigned char)*d))
		d++;
	if (*d == '.' && isdigit((unsigned char)d[1]))
		for (d++; isdigit((unsigned char)*d); d++)
			;
	return *d != '\0';
}

/* Remove the quote io_csv_needs_guard() made the exporter put in front. */
static void
row_unguard(struct row *row)
{
	for (size_t i = 0; i < row->n; i++) {
		struct strbuf *f = &row->f[i];

		if (f->len > 1 && f->buf[0] == '\'' && io_csv_needs_guard(f->buf + 1)) {
			memmove(f->buf, f->buf + 1, f->len);
			f->len--;
		}
	}
}

static bool
row_blank(const struct row *row)
{
	for (size_t i = 0; i < row->n; i++)
		for (size_t k = 0; k < row->f[i].len; k++)
			if (!isspace((unsigned char)row->f[i].buf[k]))
				return false;
	return true;
}

/* ---- values ------------------------------------------------------------------------ */

/*
** Split a Google cell "a ::: b" (and, for tags, commas and semicolons):
** all of its parts, *n_out of them, in a new array.
*/
static char **
split_multi(const char *s, bool tags, size_t *n_out)
{
	size_t n = 0, cap = 4;
	const char *p = s;
	char **out = xreallocarray(NULL, cap, sizeof *out);

	/* a Google " ::: " list is never also split at commas */
	if (tags && strstr(s, " ::: "))
		tags = false;
	while (*p) {
		const char *e = strstr(p, " ::: ");
		const char *c = tags ? strpbrk(p, ",;") : NULL;
		size_t len;
		if (c && (!e || c < e))
			e = c;
		len = e ? (size_t)(e - p) : strlen(p);
		if (n == cap) {
			cap *= 2;
			out = xreallocarray(out, cap, sizeof *out);
		}
		out[n] = xmalloc(len + 1);
		memcpy(out[n], p, len);
		out[n][len] = '\0';
		str_trim(out[n]);
		if (!strncmp(out[n], "* ", 2))
			memmove(out[n], out[n] + 2, strlen(out[n] + 2) + 1);
		n++;
		if (!e)
			break;
		p = e + (*e == ' ' ? 5 : 1);
	}
	*n_out = n;
	return out;
}

static void
parts_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The first value of a one-value field; another is kept aside under its column. */
static void
take(char **slot, char **v, struct io_contact_rec *rec, const char *header)
{
	if (!*slot) {
		*slot = *v;
		*v = NULL;
	} else {
		io_extra_add(&rec->extras, &rec->n_extras, *header ? header : "column", *v);
	}
}

static bool
system_group(const char *t)
{
	return !*t || io_ieq(t, "myContacts") || io_ieq(t, "My Contacts") || io_ieq(t, "starred");
}

/* "24.12.1980", "12/24/1980" and the ISO forms; false if not a date. */
static bool
csv_birthday(const char *s, char out[11])
{
	int a, b, y;
	char buf[16], rest;

	if (io_birthday(s, out))
		return true;
	if (sscanf(s, "%d.%d.%d%c", &a, &b, &y, &rest) == 3 && y > 1000)
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, b % 100, a % 100);
	else if (sscanf(s, "%d/%d/%d%c", &a, &b, &y, &rest) == 3 && y > 1000)
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, a % 100, b % 100);
	else
		return false;
	return io_birthday(buf, out);
}

/* kith's own columns read after the rest: the channels' labels, the fields kept aside. */
static const char *const kith_cols[] = { "email labels", "phone labels", "website labels",
	"kept aside", NULL };

static bool
kith_column(const char *header)
{
	for (size_t i = 0; kith_cols[i]; i++)
		if (io_ieq(header, kith_cols[i]))
			return true;
	return false;
}

/*
** "work ::: home" gives the record's emails (phones, websites) their labels,
** in order; "name: value ::: name: value" its kept-aside fields: what kith's
** exporter writes, so that a CSV export round trips.
*/
static void
kith_columns(const struct header *h, const struct row *row, struct io_contact_rec *rec)
{
	struct kith_contact *c = &rec->c;

	for (size_t i = 0; i < row->n && i < h->n; i++) {
		struct kith_channel *ch = NULL;
		size_t nch = 0, n;
		char *v, **parts;

		if (h->cols[i].f != F_EXTRA || !kith_column(h->cols[i].header))
			continue;
		if (io_ieq(h->cols[i].header, "email labels"))
			ch = c->emails, nch = c->n_emails;
		else if (io_ieq(h->cols[i].header, "phone labels"))
			ch = c->phones, nch = c->n_phones;
		else if (io_ieq(h->cols[i].header, "website labels"))
			ch = c->handles, nch = c->n_handles;
		v = io_text_utf8(sb_str(&row->f[i]), row->f[i].len, NULL);
		parts = split_multi(str_trim(v), false, &n);
		for (size_t k = 0; k < n; k++) {
			char *colon = strstr(parts[k], ": ");
			if (ch && k < nch) {
				/* "-" holds the place of an empty label */
				free(ch[k].label);
				ch[k].label = parts[k];
				if (!strcmp(parts[k], "-"))
					*parts[k] = '\0';
				continue;
			}
			if (!ch && colon && colon > parts[k]) {
				*colon = '\0';
				io_extra_add(&rec->extras, &rec->n_extras, parts[k], colon + 2);
			}
			free(parts[k]);
		}
		free(parts);
		free(v);
	}
}

struct addr_acc {
	int group;
	char *part[5];              /* street, city, region, postal, country */
};

static void
map_row(const struct header *h, const struct row *row, struct io_contact_rec *rec)
{
	struct kith_contact *c = &rec->c;
	struct strbuf notes = {0}, sb = {0};
	char *given = NULL, *middle = NULL, *family = NULL, *prefix = NULL, *suffix = NULL;
	char *byear = NULL, *bmonth = NULL, *bday = NULL;
	struct addr_acc acc[8];
	size_t nacc = 0;

	memset(acc, 0, sizeof acc);
	c->cadence_days = -1;
	for (size_t i = 0; i < row->n && i < h->n; i++) {
		const struct col *col = &h->cols[i];
		char *v = io_text_utf8(sb_str(&row->f[i]), row->f[i].len, NULL), **parts;
		size_t n;
		char bd[11];

		str_trim(v);
		if (!*v) {
			free(v);
			continue;
		}
		switch (col->f) {
		case F_NAME: take(&c->display_name, &v, rec, col->header); break;
		case F_GIVEN: take(&given, &v, rec, col->header); break;
		case F_MIDDLE: take(&middle, &v, rec, col->header); break;
		case F_FAMILY: take(&family, &v, rec, col->header); break;
		case F_PREFIX: take(&prefix, &v, rec, col->header); break;
		case F_SUFFIX: take(&suffix, &v, rec, col->header); break;
		case F_BYEAR: take(&byear, &v, rec, col->header); break;
		case F_BMONTH: take(&bmonth, &v, rec, col->header); break;
		case F_BDAYD: take(&bday, &v, rec, col->header); break;
		case F_NICK:
			parts = split_multi(v, false, &n);
			for (size_t k = 0; k < n; k++)
				io_strv_push(&c->nicknames, &c->n_nicknames, parts[k]);
			parts_free(parts, n);
			break;
		case F_EMAIL: case F_PHONE: case F_URL: {
			const char *label = col->label;
			char *paired = NULL;
			enum field lf = col->f == F_EMAIL ? F_EMAIL_LABEL : col->f == F_PHONE ?
					F_PHONE_LABEL : F_URL_LABEL;
			for (size_t k = 0; k < h->n && col->group; k++) {
				if (h->cols[k].f == lf && h->cols[k].group == col->group && k < row->n) {
					char *l = io_text_utf8(sb_str(&row->f[k]), row->f[k].len, NULL);
					size_t ln;
					char **lp = split_multi(str_trim(l), false, &ln);
					if (ln) {
						for (char *q = lp[0]; *q; q++)
							*q = (char)tolower((unsigned char)*q);
						paired = lp[0];
						lp[0] = NULL;
					}
					parts_free(lp, ln);
					free(l);
					break;
				}
			}
			if (paired)
				label = paired;
			parts = split_multi(v, false, &n);
			for (size_t k = 0; k < n; k++) {
				if (col->f == F_EMAIL)
					io_channel_push(&c->emails, &c->n_emails, label, parts[k]);
				else if (col->f == F_PHONE)
					io_channel_push(&c->phones, &c->n_phones, label, parts[k]);
				else
					io_channel_push(&c->handles, &c->n_handles,
							*label ? label : "web", parts[k]);
			}
			parts_free(parts, n);
			free(paired);
			break;
		}
		case F_ORG: take(&rec->org, &v, rec, col->header); break;
		case F_TITLE: take(&rec->title, &v, rec, col->header); break;
		case F_BDAY:
			if (!c->birthday && csv_birthday(v, bd))
				c->birthday = xstrdup(bd);
			else if (strcmp(v, "0/0/00") && strcmp(v, "0.0.00"))
				io_extra_add(&rec->extras, &rec->n_extras, col->header, v);
			break;
		case F_NOTES:
			if (notes.len)
				sb_appendc(&notes, '\n');
			sb_append(&notes, v);
			break;
		case F_TAGS:
			parts = split_multi(v, true, &n);
			for (size_t k = 0; k < n; k++)
				if (!system_group(parts[k]))
					io_strv_push(&c->tags, &c->n_tags, parts[k]);
			parts_free(parts, n);
			break;
		case F_ADDR:
			for (char *q = v; *q; q++)
				if (*q == '\n')
					*q = ',';
			if (!c->address) {
				c->address = v;
				v = NULL;
			} else {
				io_extra_add(&rec->extras, &rec->n_extras, col->header, v);
			}
			break;
		case F_STREET: case F_CITY: case F_REGION: case F_POSTAL: case F_COUNTRY: {
			size_t a;
			for (a = 0; a < nacc && acc[a].group != col->group; a++)
				;
			if (a == nacc && nacc < 8)
				acc[nacc++].group = col->group;
			if (a < 8)
				take(&acc[a].part[col->f - F_STREET], &v, rec, col->header);
			else
				io_extra_add(&rec->extras, &rec->n_extras, col->header, v);
			break;
		}
		case F_EMAIL_LABEL: case F_PHONE_LABEL: case F_URL_LABEL:
			break;
		case F_EXTRA:
			if (io_kith_field(c, col->header, v) || kith_column(col->header))
				break;
			if (io_ieq(col->header, "seat") && !rec->seat && *v) {
				rec->seat = v;
				v = NULL;
				break;
			}
			io_extra_add(&rec->extras, &rec->n_extras, *col->header ? col->header : "column",
				     v);
			break;
		}
		free(v);
	}
	kith_columns(h, row, rec);
	io_contact_uniq(c);
	/* names */
	c->given_name = given ? given : xstrdup("");
	c->family_name = family ? family : xstrdup("");
	if (!str_empty(prefix))
		c->prefix = xstrdup(prefix);        /* the honorific (a "Title"/"Prefix" column) */
	if (!c->display_name) {
		const char *order[5] = { prefix, c->given_name, middle, c->family_name, suffix };
		sb_reset(&sb);
		for (size_t k = 0; k < 5; k++) {
			if (str_empty(order[k]))
				continue;
			if (sb.len)
				sb_appendc(&sb, ' ');
			sb_append(&sb, order[k]);
		}
		if (sb.len)
			c->display_name = sb_detach(&sb);
	}
	if (!c->birthday && bmonth && bday) {
		char t[24], bd[11];
		snprintf(t, sizeof t, "%s-%02d-%02d", byear ? byear : "-", atoi(bmonth) % 100,
			 atoi(bday) % 100);
		if (io_birthday(t, bd))
			c->birthday = xstrdup(bd);
	}
	/* an address from parts, the first group that has any */
	for (size_t a = 0; a < nacc; a++) {
		sb_reset(&sb);
		for (size_t k = 0; k < 5; k++) {
			if (!acc[a].part[k])
				continue;
			if (sb.len)
				sb_append(&sb, ", ");
			sb_append(&sb, acc[a].part[k]);
		}
		for (size_t k = 0; k < sb.len; k++)
			if (sb.buf[k] == '\n')
				sb.buf[k] = ',';
		if (sb.len && !c->address)
			c->address = sb_detach(&sb);
		else if (sb.len)
			io_extra_add(&rec->extras, &rec->n_extras, "address", sb.buf);
		for (size_t k = 0; k < 5; k++)
			free(acc[a].part[k]);
	}
	if (notes.len)
		c->notes = sb_detach(&notes);
	if (!c->display_name) {
		if (rec->org)
			c->display_name = xstrdup(rec->org);
		else if (c->n_emails)
			c->display_name = xstrdup(c->emails[0].value);
		else if (c->n_phones)
			c->display_name = xstrdup(c->phones[0].value);
	}
	free(middle);
	free(prefix);
	free(suffix);
	free(byear);
	free(bmonth);
	free(bday);
	sb_free(&sb);
	sb_free(&notes);
}

/* ---- the file -------------------------------------------------------------------- */

/* Text of a non-UTF-8 file: Shift_JIS when it reads as such, else left to per-cell cp1252. */
static char *
file_text(const char *buf, size_t len, size_t *outlen)
{
	char *t = io_text_bytes(buf, len, outlen);
	bool lead = false;

	if (utf8_valid(t, *outlen))
		return t;
	for (size_t i = 0; i < *outlen && !lead; i++)
		lead = (unsigned char)t[i] >= 0x81 && (unsigned char)t[i] <= 0x9F;
	if (lead) {
		char *s = io_text_utf8(t, *outlen, "SHIFT_JIS");
		if (s && utf8_valid(s, strlen(s))) {
			/* io_text_utf8 falls back to cp1252; accept only a real conversion */
			bool cjk = false;
			for (const unsigned char *p = (const unsigned char *)s; *p && !cjk; p++)
				cjk = *p == 0xE3 || (*p >= 0xE4 && *p <= 0xE9);
			if (cjk) {
				free(t);
				*outlen = strlen(s);
				return s;
			}
		}
		free(s);
	}
	return t;
}

/*
** Find the header: for each delimiter, the first of the first dozen
** records naming two known columns; the delimiter whose header names the
** most wins. A single known column is a header only for one-column files.
*/
static bool
find_header(const char *text, size_t len, struct header *h, struct reader *out)
{
	static const char delims[] = { ',', ';', '\t' };
	struct row row = {0};
	int best = 0;

	for (size_t d = 0; d < sizeof delims; d++) {
		struct reader r = { text, text + len, 1, delims[d] };
		int q;
		for (int k = 0; k < 12; k++) {
			struct header cand;
			int rc = read_record(&r, &row, &q), known;
			if (rc <= 0)
				break;
			if (row_blank(&row))
				continue;
			csv_header_make(&cand, &row);
			known = cand.known;
			if ((known >= 2 || (known == 1 && row.n == 1)) && known > best) {
				csv_header_free(h);
				*h = cand;
				*out = r;
				best = known;
			} else {
				csv_header_free(&cand);
			}
			if (known >= 2)
				break;
		}
	}
	row_free(&row);
	return best > 0;
}

int
io_parse_csv(const char *buf, size_t len, const struct io_sink *s)
{
	struct header h = {0};
	struct reader r;
	struct row row = {0}, inner = {0};
	struct row *use;
	size_t tlen;
	char *text = file_text(buf, len, &tlen), msg[200];
	int rc = 0, q;

	if (!find_header(text, tlen, &h, &r)) {
		rc = s->error(s->ud, 1, "no header line naming the columns "
			      "(for example: name,email,phone,organisation)");
		free(text);
		return rc ? rc : 1;
	}
	while (rc == 0) {
		struct io_record rec;
		const char *from = r.p;
		int got = read_record(&r, &row, &q);

		use = &row;
		if (got == 0)
			break;
		if ((size_t)(r.p - from) > IO_MAX_RECORD) {
			rc = s->error(s->ud, row.line, "a record longer than " IO_MAX_RECORD_TEXT
				      " (kith's limit for one record)");
			continue;
		}
		if (got < 0) {
			snprintf(msg, sizeof msg, "a quoted field opened on line %d is never closed", q);
			rc = s->error(s->ud, row.line, msg);
			break;
		}
		if (row_blank(&row))
			continue;
		/* a whole record wrapped in one pair of quotes (a spreadsheet round trip) */
		if (row.n == 1 && h.n > 1 && memchr(sb_str(&row.f[0]), r.delim, row.f[0].len)) {
			struct reader ir = { row.f[0].buf, row.f[0].buf + row.f[0].len, row.line, r.delim };
			if (read_record(&ir, &inner, &q) > 0 && inner.n <= h.n) {
				inner.line = row.line;
				use = &inner;
			}
		}
		if (use->n > h.n) {
			bool extra = false;
			for (size_t i = h.n; i < use->n; i++)
				extra |= use->f[i].len > 0;
			if (extra) {
				snprintf(msg, sizeof msg, "%zu fields, but the header has %zu", use->n,
					 h.n);
				rc = s->error(s->ud, use->line, msg);
				continue;
			}
		}
		row_unguard(use);
		memset(&rec, 0, sizeof rec);
		rec.kind = IO_REC_CONTACT;
		rec.line = use->line;
		/* progress in the file's bytes: text may be the file converted to UTF-8 */
		rec.offset = io_text_progress((size_t)(r.p - text), tlen, len);
		rec.source = h.source;
		map_row(&h, use, &rec.u.contact);
		if (rec.u.contact.c.display_name)
			rc = s->record(s->ud, &rec);
		else if (s->note)
			s->note(s->ud, use->line, "no name, organisation, email or phone: skipped");
		io_record_clear(&rec);
	}
	row_free(&row);
	row_free(&inner);
	csv_header_free(&h);
	free(text);
	return rc;
}
