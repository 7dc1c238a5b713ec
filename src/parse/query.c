/*
 * query.c: the query language that selects people (see kith/query.h).
 * One pass over the text, term by term; no database.
 */
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "kith/query.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"

static const char *const field_names[QF_COUNT_] = {
	[QF_WORD] = "",
#define QUERY_FIELD_NAME(e, name) [QF_##e] = name,
	QUERY_FIELDS(QUERY_FIELD_NAME)
#undef QUERY_FIELD_NAME
};

#define FIELD_LIST "org, role, tag, map, district, tier, kind"

const char *
query_field_name(enum query_field f)
{
	return (unsigned)f < QF_COUNT_ ? field_names[f] : "";
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The column (1-based, in characters) of byte offset off of text. */
static int
column(const char *text, size_t off)
{
	int col = 1;

	for (size_t i = 0; i < off; i++)
		col += ((unsigned char)text[i] & 0xC0) != 0x80;
	return col;
}

/* The field named by the n letters at s, or -1. */
static int
field_of(const char *s, size_t n)
{
	for (int f = QF_WORD + 1; f < QF_COUNT_; f++)
		if (strlen(field_names[f]) == n && !strncasecmp(s, field_names[f], n))
			return f;
	return -1;
}

/* Letters then ':' at s: the length of the letters (0 if not so). */
static size_t
field_prefix(const char *s)
{
	size_t n = 0;

	while (isalpha((unsigned char)s[n]))
		n++;
	return n && s[n] == ':' ? n : 0;
}

bool
query_text_has_fields(const char *text)
{
	const char *p = text;

	while (p && *p) {
		size_t n;

		while (is_space(*p))
			p++;
		if (*p == '-')
			p++;
		if ((n = field_prefix(p)) && field_of(p, n) >= 0)
			return true;
		while (*p && !is_space(*p))
			p++;
	}
	return false;
}

struct qparse {
	const char *text;
	struct query *q;
	struct kith_err *err;
	int cap;
};

static enum kith_status
bad(struct qparse *ps, const char *at, int len, const char *why)
{
	return kith_err_set(ps->err, KITH_INVALID, "col %d: %.*s: %s", column(ps->text,
			    (size_t)(at - ps->text)), len, at, why);
}

static void
push(struct qparse *ps, enum query_field f, bool neg, char *value)
{
	struct query *q = ps->q;

	q->terms = xgrow(q->terms, q->n, &ps->cap, 4, sizeof *q->terms);
	q->terms[q->n++] = (struct query_term){ f, neg, value };
}

/* A value's checks: the tier and kind vocabularies. */
static enum kith_status
check_value(struct qparse *ps, enum query_field f, char *v, const char *start, int len)
{
	if (f == QF_TIER) {
		if (strlen(v) != 1 || toupper((unsigned char)v[0]) < 'A' ||
		    toupper((unsigned char)v[0]) > 'D')
			return bad(ps, start, len, "a tier is A, B, C or D");
		v[0] = (char)toupper((unsigned char)v[0]);
	} else if (f == QF_KIND) {
		if (kith_org_kind_parse(v) < 0)
			return bad(ps, start, len, "not a kind of organisation (government, "
				   "community, party, association, business, media, school, "
				   "union, campaign, other)");
		for (char *c = v; *c; c++)
			*c = (char)tolower((unsigned char)*c);
	}
	return KITH_OK;
}

/* One term at *pp (not a space); advances past it. */
static enum kith_status
term(struct qparse *ps, const char **pp)
{
	const char *start = *pp, *p = *pp, *vs;
	enum query_field f = QF_WORD;
	bool neg = false;
	size_t n;
	char *value;
	enum kith_status rc;

	if (*p == '-') {
		neg = true;
		p++;
		if (!*p || is_space(*p))
			return bad(ps, start, 1, "a term must follow the '-'");
	}
	if ((n = field_prefix(p))) {
		int fi = field_of(p, n);
		if (fi < 0) {
			const char *e = p + n + 1;
			while (*e && !is_space(*e))
				e++;
			return bad(ps, start, (int)(e - start),
				   "unknown field (" FIELD_LIST ")");
		}
		f = (enum query_field)fi;
		p += n + 1;
	}
	if (*p == '"') {
		const char *close = strchr(p + 1, '"');
		if (!close)
			return bad(ps, start, (int)strlen(start), "the quote is not closed");
		if (close[1] && !is_space(close[1]))
			return bad(ps, start, (int)(close + 1 - start) + 1,
				   "put a space after the closing quote");
		vs = p + 1;
		n = (size_t)(close - vs);
		*pp = close + 1;
	} else {
		vs = p;
		while (*p && !is_space(*p))
			p++;
		n = (size_t)(p - vs);
		*pp = p;
	}
	value = xstrndup(vs, n);
	{
		char *t = str_trim(xstrdup(value));
		bool empty = !*t;
		free(t);
		if (empty) {
			free(value);
			return bad(ps, start, (int)(*pp - start), f == QF_WORD ? "an empty word" :
				   "needs a value");
		}
	}
	if ((rc = check_value(ps, f, value, start, (int)(*pp - start)))) {
		free(value);
		return rc;
	}
	push(ps, f, neg, value);
	return KITH_OK;
}

enum kith_status
query_parse(const char *text, struct query *q, struct kith_err *err)
{
	struct qparse ps = { text, q, err, 0 };
	const char *p = text ? text : "";

	memset(q, 0, sizeof *q);
	if (!utf8_valid(p, strlen(p)))
		return kith_err_set(err, KITH_INVALID, "the query is not valid UTF-8");
	while (*p) {
		enum kith_status rc;

		while (is_space(*p))
			p++;
		if (!*p)
			break;
		if ((rc = term(&ps, &p))) {
			query_free(q);
			return rc;
		}
	}
	return KITH_OK;
}

void
query_free(struct query *q)
{
	for (int i = 0; i < q->n; i++)
		free(q->terms[i].value);
	free(q->terms);
	memset(q, 0, sizeof *q);
}

bool
query_has_fields(const struct query *q)
{
	for (int i = 0; i < q->n; i++)
		if (q->terms[i].field != QF_WORD)
			return true;
	return false;
}
