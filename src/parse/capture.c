/*
 * capture.c: the quick-capture parser (grammar in kith/capture.h).
 *
 * One pass over the words of the line. Summary words and inline
 * mentions are collected as pieces, and tags and follow-ups leave a break
 * among them; when the line is read, a mention stays in the summary only
 * if summary words come before it with no break between, and the summary
 * is joined from the pieces with single spaces. No database, no
 * screen: a fuzzer can drive capture_parse() on any bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/capture.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"

#define DATE_HELP "today, tomorrow, fri, 3d, 2w, 1m, YYYY-MM-DD"

enum piece_type { PC_WORD, PC_PERSON, PC_ORG, PC_EVENT, PC_BREAK };

struct piece {
	enum piece_type type;
	const char *s;              /* PC_WORD: the word (not owned) */
	size_t n;
	size_t ref;                 /* a mention: index into people/orgs (event: 0) */
};

struct parser {
	const char *buf;
	size_t len, pos;
	struct kdate today;
	struct capture *c;
	struct kith_err *err;
	struct piece *pieces;
	size_t npieces, cappieces;
	size_t cap_people, cap_orgs, cap_tags, cap_fu;
	size_t exchange_at;         /* where +give or +ask was (for an error) */
	size_t private_at;          /* where !private was (for an error) */
};

static bool
is_space(char ch)
{
	return ch == ' ' || ch == '\t';
}

static bool
is_sigil(char ch)
{
	return ch == '@' || ch == '~' || ch == '^' || ch == '#' || ch == '!';
}

static bool
is_trailing_punct(char ch)
{
	return ch && strchr(",.;:!?)", ch) != NULL;
}

/* 1-based column (in code points) of byte offset off. */
static int
col_at(const struct parser *ps, size_t off)
{
	int col = 1;

	for (size_t i = 0; i < off && i < ps->len; i++)
		if (((unsigned char)ps->buf[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static size_t
word_end(const struct parser *ps, size_t i)
{
	while (i < ps->len && !is_space(ps->buf[i]))
		i++;
	return i;
}

static size_t
skip_space(const struct parser *ps, size_t i)
{
	while (i < ps->len && is_space(ps->buf[i]))
		i++;
	return i;
}

/* "col 12: !xyz: <why>": the token is the word at off, cut to 40 bytes. */
static enum kith_status
fail_at(struct parser *ps, size_t off, size_t tok_end, const char *why)
{
	size_t n = tok_end > off ? tok_end - off : 0;

	if (n > 40) {
		n = 40;
		while (n > 0 && ((unsigned char)ps->buf[off + n] & 0xC0) == 0x80)
			n--;        /* never cut a character in two */
	}
	return kith_err_set(ps->err, KITH_INVALID, "col %d: %.*s: %s", col_at(ps, off), (int)n,
			    ps->buf + off, why);
}

static void
piece_add(struct parser *ps, enum piece_type t, const char *s, size_t n, size_t ref)
{
	if (ps->npieces == ps->cappieces) {
		ps->cappieces = ps->cappieces ? ps->cappieces * 2 : 16;
		ps->pieces = xreallocarray(ps->pieces, ps->cappieces, sizeof(*ps->pieces));
	}
	ps->pieces[ps->npieces++] = (struct piece){ t, s, n, ref };
}

/*
** Read a NAME starting at byte i (just after the sigil): quoted or up to a
** space (or '>' when stop_gt). On success *name is newly allocated, *end
** is the byte after the token. tok is where the token starts (for errors).
*/
static enum kith_status
read_name(struct parser *ps, size_t tok, size_t i, bool stop_gt, char **name, size_t *end)
{
	size_t start, stop;

	*name = NULL;
	if (i < ps->len && ps->buf[i] == '"') {
		const char *q = memchr(ps->buf + i + 1, '"', ps->len - i - 1);
		if (!q)
			return fail_at(ps, tok, word_end(ps, tok), "unterminated quote");
		start = i + 1;
		stop = (size_t)(q - ps->buf);
		i = stop + 1;
		while (i < ps->len && is_trailing_punct(ps->buf[i]))
			i++;
		if (i < ps->len && !is_space(ps->buf[i]) && !(stop_gt && ps->buf[i] == '>'))
			return fail_at(ps, tok, word_end(ps, i), "text after the closing quote");
		*end = i;
	} else {
		start = i;
		while (i < ps->len && !is_space(ps->buf[i]) && !(stop_gt && ps->buf[i] == '>'))
			i++;
		*end = i;
		while (i > start && is_trailing_punct(ps->buf[i - 1]))
			i--;
		stop = i;
	}
	while (start < stop && is_space(ps->buf[start]))
		start++;
	while (stop > start && is_space(ps->buf[stop - 1]))
		stop--;
	if (stop == start)
		return fail_at(ps, tok, *end, ps->buf[tok] == '#' ? "a tag must follow #" :
			       "a name must follow the sign");
	*name = xstrndup(ps->buf + start, stop - start);
	/* a tab is a space between words, never part of a name (fuzz_capture) */
	for (char *p = *name; *p; p++)
		if (*p == '\t')
			*p = ' ';
	return KITH_OK;
}

static void
mention_add(struct capture_mention **arr, size_t *n, size_t *cap, char *name, int col)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		*arr = xreallocarray(*arr, *cap, sizeof(**arr));
	}
	(*arr)[(*n)++] = (struct capture_mention){ name, col, -1, -1 };
}

static void
tag_add(struct parser *ps, char *tag)
{
	struct capture *c = ps->c;

	for (size_t i = 0; i < c->n_tags; i++)
		if (!strcasecmp(c->tags[i], tag)) {
			free(tag);
			return;
		}
	if (c->n_tags == ps->cap_tags) {
		ps->cap_tags = ps->cap_tags ? ps->cap_tags * 2 : 4;
		c->tags = xreallocarray(c->tags, ps->cap_tags, sizeof(*c->tags));
	}
	c->tags[c->n_tags++] = tag;
}

/* The exchange word +give or +ask (any case) at [w, e), else KITH_XCHG_NONE. */
static int
exchange_word(const struct parser *ps, size_t w, size_t e)
{
	if (e - w == 5 && !strncasecmp(ps->buf + w, "+give", 5))
		return KITH_XCHG_GIVE;
	if (e - w == 4 && !strncasecmp(ps->buf + w, "+ask", 4))
		return KITH_XCHG_ASK;
	return KITH_XCHG_NONE;
}

/*
** A TITLE from byte i: words up to the next word starting with a sigil, or
** +give or +ask (a backslash word is taken without its backslash). *end:
** where it stopped.
*/
static char *
read_title(struct parser *ps, size_t i, size_t *end)
{
	struct strbuf sb = { 0 };

	for (;;) {
		size_t w = skip_space(ps, i), e;
		if (w >= ps->len || is_sigil(ps->buf[w]))
			break;
		e = word_end(ps, w);
		if (exchange_word(ps, w, e) != KITH_XCHG_NONE)
			break;
		if (ps->buf[w] == '\\' && w + 1 < e && (is_sigil(ps->buf[w + 1]) ||
		    exchange_word(ps, w + 1, e) != KITH_XCHG_NONE))
			w++;
		if (sb.len)
			sb_appendc(&sb, ' ');
		sb_appendn(&sb, ps->buf + w, e - w);
		i = e;
	}
	*end = i;
	return sb_detach(&sb);
}

static struct capture_followup *
followup_new(struct parser *ps, size_t tok)
{
	struct capture *c = ps->c;
	struct capture_followup *f;

	if (c->n_followups == ps->cap_fu) {
		ps->cap_fu = ps->cap_fu ? ps->cap_fu * 2 : 4;
		c->followups = xreallocarray(c->followups, ps->cap_fu, sizeof(*c->followups));
	}
	f = &c->followups[c->n_followups++];
	memset(f, 0, sizeof(*f));
	f->col = col_at(ps, tok);
	f->person = c->n_people ? (int)c->n_people - 1 : -1;   /* -1: fixed at the end */
	f->a.sum_off = f->a.sum_len = f->b.sum_off = f->b.sum_len = -1;
	return f;
}

/* !intro @A>@B [TITLE] */
static enum kith_status
parse_intro(struct parser *ps, size_t tok, size_t i, size_t *end)
{
	static const char usage[] = "expected !intro @A>@B (introduce A to B)";
	struct capture_followup *f;
	char *a = NULL, *b = NULL;
	size_t ta, tb;
	enum kith_status rc;

	ta = skip_space(ps, i);
	if (ta >= ps->len || ps->buf[ta] != '@')
		return fail_at(ps, tok, word_end(ps, tok), usage);
	if ((rc = read_name(ps, ta, ta + 1, true, &a, &i)))
		return rc;
	i = skip_space(ps, i);
	if (i >= ps->len || ps->buf[i] != '>') {
		free(a);
		return fail_at(ps, tok, word_end(ps, ta), usage);
	}
	tb = skip_space(ps, i + 1);
	if (tb >= ps->len || ps->buf[tb] != '@') {
		free(a);
		return fail_at(ps, tok, word_end(ps, ta), usage);
	}
	if ((rc = read_name(ps, tb, tb + 1, false, &b, &i))) {
		free(a);
		return rc;
	}
	f = followup_new(ps, tok);
	f->intro = true;
	f->person = -1;
	f->when = xstrdup("");
	f->a.name = a;
	f->a.col = col_at(ps, ta);
	f->b.name = b;
	f->b.col = col_at(ps, tb);
	f->title = read_title(ps, i, end);
	return KITH_OK;
}

static bool
is_iso_date(const char *s, size_t n)
{
	return n == 10 && s[4] == '-' && s[7] == '-' && s[0] >= '0' && s[0] <= '9';
}

static bool
is_hhmm(const char *s, size_t n)
{
	return (n == 5 && s[2] == ':') || (n == 4 && s[1] == ':');
}

/* !WHEN TITLE, !owe WHEN TITLE, !owed WHEN TITLE, !intro @A>@B, !raised, !private */
static enum kith_status
parse_bang(struct parser *ps, size_t tok, size_t *end)
{
	size_t kw = tok + 1, kw_end = word_end(ps, kw), w, w_end;
	int dir = KITH_DIR_NONE;
	struct capture_followup *f;
	struct kdatetime dt;
	struct kith_err derr;
	char *when, *title;
	size_t t_end;

	if (kw == kw_end)
		return fail_at(ps, tok, kw_end, "a follow-up needs a WHEN (!fri send the draft)");
	if (kw_end - kw == 5 && !strncasecmp(ps->buf + kw, "intro", 5))
		return parse_intro(ps, tok, kw_end, end);
	if (kw_end - kw == 6 && !strncasecmp(ps->buf + kw, "raised", 6)) {
		ps->c->raised = true;
		*end = kw_end;
		return KITH_OK;
	}
	if (kw_end - kw == 7 && !strncasecmp(ps->buf + kw, "private", 7)) {
		ps->c->is_private = true;
		ps->private_at = tok;
		*end = kw_end;
		return KITH_OK;
	}
	if (kw_end - kw == 3 && !strncasecmp(ps->buf + kw, "owe", 3))
		dir = KITH_DIR_OWE;
	else if (kw_end - kw == 4 && !strncasecmp(ps->buf + kw, "owed", 4))
		dir = KITH_DIR_OWED;
	if (dir != KITH_DIR_NONE) {
		w = skip_space(ps, kw_end);
		w_end = word_end(ps, w);
		if (w == w_end || is_sigil(ps->buf[w]))
			return fail_at(ps, tok, kw_end, "a commitment needs a WHEN (!owe fri the report)");
	} else {
		w = kw;
		w_end = kw_end;
	}
	/* "2026-04-01 10:00": a date and a time are one WHEN */
	if (is_iso_date(ps->buf + w, w_end - w)) {
		size_t t = skip_space(ps, w_end), te = word_end(ps, t);
		if (t > w_end && is_hhmm(ps->buf + t, te - t))
			w_end = te;
	}
	when = xstrndup(ps->buf + w, w_end - w);
	kith_err_clear(&derr);
	if (kdate_parse_when(when, ps->today, &dt, &derr) != KITH_OK) {
		free(when);
		return fail_at(ps, tok, w_end, "not a date (" DATE_HELP ")");
	}
	title = read_title(ps, w_end, &t_end);
	if (!*title) {
		free(when);
		free(title);
		return fail_at(ps, tok, w_end, dir == KITH_DIR_NONE ?
			       "the follow-up needs a title (!fri send the draft)" :
			       "the commitment needs a title (!owe fri the report)");
	}
	f = followup_new(ps, tok);
	f->direction = dir;
	f->when = when;
	kdate_format(dt.date, f->due);
	f->title = title;
	*end = t_end;
	return KITH_OK;
}

/* Check the bytes: UTF-8, no NUL, no control characters but tab. */
static enum kith_status
check_bytes(struct parser *ps)
{
	size_t i = 0;

	while (i < ps->len) {
		uint32_t cp;
		size_t n = utf8_decode(ps->buf + i, ps->len - i, &cp);
		if (n == 0 || cp == 0xFFFD) {
			if (n == 0 || !utf8_valid(ps->buf + i, n))
				return kith_err_set(ps->err, KITH_INVALID,
						    "col %d: not valid UTF-8", col_at(ps, i));
		}
		if (cp == 0 || (cp != '\t' && utf8_is_unsafe(cp))) {
			char repr[12];
			utf8_control_repr(cp, repr);
			return kith_err_set(ps->err, KITH_INVALID, "col %d: %s: control character",
					    col_at(ps, i), repr);
		}
		i += n;
	}
	return KITH_OK;
}

/* Join the summary from the pieces (see the top of the file). */
static void
build_summary(struct parser *ps)
{
	struct capture *c = ps->c;
	struct strbuf sb = { 0 };
	size_t first = ps->npieces;
	bool after_words = false;   /* summary words since the last #tag or !token */
	int ikind;

	for (size_t i = 0; i < ps->npieces && first == ps->npieces; i++)
		if (ps->pieces[i].type == PC_WORD)
			first = i;
	for (size_t i = 0; i < ps->npieces; i++) {
		struct piece *p = &ps->pieces[i];
		struct capture_mention *m = NULL;
		if (p->type == PC_PERSON)
			m = &c->people[p->ref];
		else if (p->type == PC_ORG)
			m = &c->orgs[p->ref];
		else if (p->type == PC_EVENT)
			m = &c->event;
		if (p->type == PC_WORD)
			after_words = true;
		if (p->type == PC_BREAK) {
			after_words = false;
			continue;
		}
		if (m && p->type != PC_ORG && !after_words)
			continue;       /* who it was with, not part of the sentence */
		if (sb.len)
			sb_appendc(&sb, ' ');
		if (m) {
			m->sum_off = (int)sb.len;
			m->sum_len = (int)strlen(m->name);
			sb_append(&sb, m->name);
		} else {
			sb_appendn(&sb, p->s, p->n);
		}
	}
	c->summary = sb_detach(&sb);
	c->kind = KITH_IKIND_NOTE;
	if (first < ps->npieces) {
		char word[16];
		size_t n = ps->pieces[first].n;
		if (n < sizeof word) {
			memcpy(word, ps->pieces[first].s, n);
			word[n] = '\0';
			/* "call, about the levy" and "Call: about the levy" are calls */
			if (n > 1 && (word[n - 1] == ',' || word[n - 1] == ':'))
				word[n - 1] = '\0';
			for (char *w = word; *w; w++)
				if (*w >= 'A' && *w <= 'Z')
					*w = (char)(*w - 'A' + 'a');
			if ((ikind = kith_interaction_kind_parse(word)) >= 0)
				c->kind = ikind;
		}
	}
}

static enum kith_status
parse_words(struct parser *ps)
{
	struct capture *c = ps->c;
	enum kith_status rc;
	size_t i = 0;

	for (;;) {
		size_t w = skip_space(ps, i), e;
		char *name;
		char ch;
		int x;

		if (w >= ps->len)
			return KITH_OK;
		ch = ps->buf[w];
		if (ch == '!') {
			if ((rc = parse_bang(ps, w, &i)))
				return rc;
			piece_add(ps, PC_BREAK, NULL, 0, 0);
			continue;
		}
		if (ch == '@' || ch == '~' || ch == '^' || ch == '#') {
			if ((rc = read_name(ps, w, w + 1, false, &name, &i)))
				return rc;
			switch (ch) {
			case '@':
				mention_add(&c->people, &c->n_people, &ps->cap_people, name, col_at(ps, w));
				piece_add(ps, PC_PERSON, NULL, 0, c->n_people - 1);
				break;
			case '~':
				mention_add(&c->orgs, &c->n_orgs, &ps->cap_orgs, name, col_at(ps, w));
				piece_add(ps, PC_ORG, NULL, 0, c->n_orgs - 1);
				break;
			case '^':
				if (c->event.name) {
					free(name);
					return fail_at(ps, w, i, "only one ^event per capture");
				}
				c->event = (struct capture_mention){ name, col_at(ps, w), -1, -1 };
				piece_add(ps, PC_EVENT, NULL, 0, 0);
				break;
			default:
				tag_add(ps, name);
				piece_add(ps, PC_BREAK, NULL, 0, 0);
				break;
			}
			continue;
		}
		e = word_end(ps, w);
		if ((x = exchange_word(ps, w, e)) != KITH_XCHG_NONE) {
			if (c->exchange != KITH_XCHG_NONE && c->exchange != x)
				return fail_at(ps, w, e, "one capture is either +give or +ask");
			c->exchange = x;
			ps->exchange_at = w;
			i = e;
			continue;
		}
		if (ch == '\\' && w + 1 < e && (is_sigil(ps->buf[w + 1]) ||
		    exchange_word(ps, w + 1, e) != KITH_XCHG_NONE))
			w++;
		piece_add(ps, PC_WORD, ps->buf + w, e - w, 0);
		i = e;
	}
}

enum kith_status
capture_parse(const char *buf, size_t len, struct kdate today, struct capture *out,
	      struct kith_err *err)
{
	struct parser ps = { .buf = buf ? buf : "", .len = buf ? len : 0, .today = today,
			     .c = out, .err = err };
	enum kith_status rc;

	memset(out, 0, sizeof(*out));
	out->event.sum_off = out->event.sum_len = -1;
	if ((rc = check_bytes(&ps)))
		goto fail;
	if (skip_space(&ps, 0) == ps.len) {
		rc = kith_err_set(err, KITH_INVALID, "empty capture: write what happened, with @people");
		goto fail;
	}
	if ((rc = parse_words(&ps)))
		goto fail;
	if (out->n_people == 0) {
		rc = kith_err_set(err, KITH_INVALID,
				  "no @person: a capture records an interaction with someone (@name)");
		goto fail;
	}
	for (size_t i = 0; i < out->n_followups; i++)
		if (!out->followups[i].intro && out->followups[i].person < 0)
			out->followups[i].person = 0;
	if (out->raised && !out->n_tags) {
		rc = kith_err_set(err, KITH_INVALID, "!raised: name the issue they raised with a "
				  "#tag (@ana the streetlight is out #elm-st-light !raised)");
		goto fail;
	}
	build_summary(&ps);
	/* a line of follow-ups only ("!fri call the clerk @dana") logs nothing */
	if (!*out->summary && !out->n_followups) {
		rc = kith_err_set(err, KITH_INVALID,
				  "no summary: add a few words about what happened");
		goto fail;
	}
	/* a private note is people and words: the rest would be shared */
	if (out->is_private && (!*out->summary || out->n_tags || out->n_followups || out->raised ||
				out->exchange != KITH_XCHG_NONE)) {
		size_t w = ps.private_at;
		rc = fail_at(&ps, w, word_end(&ps, w), !*out->summary ?
			     "a private note needs a few words about what happened" :
			     "a private note holds @people and words only (#tags, follow-ups, "
			     "!raised, +give and +ask are shared: write them on a line of their own)");
		goto fail;
	}
	if (!*out->summary && out->exchange != KITH_XCHG_NONE) {
		size_t w = ps.exchange_at;
		rc = fail_at(&ps, w, word_end(&ps, w),
			     "marks what happened: add a few words about it");
		goto fail;
	}
	free(ps.pieces);
	return KITH_OK;
fail:
	free(ps.pieces);
	capture_free(out);
	return rc;
}

static void
mention_free(struct capture_mention *m)
{
	free(m->name);
	m->name = NULL;
}

void
capture_free(struct capture *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n_people; i++)
		mention_free(&c->people[i]);
	for (size_t i = 0; i < c->n_orgs; i++)
		mention_free(&c->orgs[i]);
	for (size_t i = 0; i < c->n_tags; i++)
		free(c->tags[i]);
	for (size_t i = 0; i < c->n_followups; i++) {
		struct capture_followup *f = &c->followups[i];
		free(f->when);
		free(f->title);
		mention_free(&f->a);
		mention_free(&f->b);
	}
	mention_free(&c->event);
	free(c->people);
	free(c->orgs);
	free(c->tags);
	free(c->followups);
	free(c->summary);
	memset(c, 0, sizeof(*c));
	c->event.sum_off = c->event.sum_len = -1;
}

size_t
capture_n_persons(const struct capture *c)
{
	size_t n = c->n_people;

	for (size_t i = 0; i < c->n_followups; i++)
		if (c->followups[i].intro)
			n += 2;
	return n;
}

const struct capture_mention *
capture_person(const struct capture *c, size_t slot)
{
	if (slot < c->n_people)
		return &c->people[slot];
	slot -= c->n_people;
	for (size_t i = 0; i < c->n_followups; i++) {
		if (!c->followups[i].intro)
			continue;
		if (slot < 2)
			return slot ? &c->followups[i].b : &c->followups[i].a;
		slot -= 2;
	}
	return NULL;
}
