/*
 * ics_scan.c: the iCalendar reader's first pass (kith's own, before
 * libical): it unfolds the lines, repairs the text (UTF-16, CHARSET
 * parameters, Latin-1, quoted-printable values some exporters put in
 * iCalendar), checks that BEGIN and END pair up, keeps the line of each
 * property of each VEVENT and VTODO, and wraps bare components in a
 * VCALENDAR. Each calendar's own text (its properties, VTIMEZONEs) and
 * each event's and to-do's are kept apart, for libical to read one at a
 * time (ics.c).
 */
#define L ics_L
#include "ics_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

void
ics_scan_free(struct scan *sc)
{
	for (size_t i = 0; i < sc->n_blocks; i++)
		sb_free(&sc->blocks[i].text);
	free(sc->blocks);
	free(sc->comps);
	free(sc->plines);
	sb_free(&sc->items);
}

/* A content line and its end. */
static void
append_line(struct strbuf *sb, const struct strbuf *line)
{
	sb_appendn(sb, line->buf, line->len);
	sb_appendn(sb, "\r\n", 2);
}

/* Name (upper case, no group) of a content line, and where its value starts. */
static void
line_name(const char *s, char *name, size_t n, const char **params, const char **value)
{
	size_t k = 0;
	const char *p = s;
	bool q = false;

	while (*p && *p != ';' && *p != ':') {
		if (k + 1 < n)
			name[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
		p++;
	}
	name[k] = '\0';
	*params = p;
	for (; *p; p++) {
		if (*p == '"')
			q = !q;
		else if (*p == ':' && !q)
			break;
	}
	*value = *p ? p + 1 : NULL;
}

/* The value of a parameter (e.g. CHARSET) in the params text, into out. */
static bool
param_value(const char *params, const char *value_start, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);

	for (const char *p = params; p && p < value_start; p++) {
		if (*p == ';' && io_ieqn(p + 1, name, nl) && p[1 + nl] == '=') {
			const char *v = p + 2 + nl;
			size_t k = 0;
			while (v < value_start - 1 && *v != ';' && *v != ':' && k + 1 < n)
				if (*v++ != '"')
					out[k++] = v[-1];
			out[k] = '\0';
			return true;
		}
	}
	return false;
}

/*
** Repair one content line into out: UTF-8 (CHARSET, else as is if valid,
** else Windows-1252), quoted-printable values decoded (escaping newlines).
*/
static void
repair_line(struct strbuf *out, const char *s, size_t len)
{
	char name[24], cs[40], enc[40];
	const char *params, *value;
	char *fixed;

	line_name(s, name, sizeof name, &params, &value);
	if (value && !memchr(s, ';', (size_t)(value - s))) {
		/* no parameters (no CHARSET, no ENCODING), as most lines: printable
		   ASCII is kept as it is */
		size_t i = 0;
		while (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f)
			i++;
		if (i == len) {
			sb_appendn(out, s, len);
			return;
		}
	}
	if (!value) {
		fixed = io_text_utf8(s, len, NULL);
		sb_append(out, fixed);
		free(fixed);
		return;
	}
	if (!param_value(params, value, "CHARSET", cs, sizeof cs))
		cs[0] = '\0';
	if (param_value(params, value, "ENCODING", enc, sizeof enc) &&
	    io_ieq(enc, "QUOTED-PRINTABLE")) {
		struct strbuf dec = {0};
		/* the name and the parameters other than ENCODING and CHARSET */
		for (const char *p = s; p < value - 1;) {
			const char *e = p + 1;
			while (e < value - 1 && *e != ';')
				e++;
			if (p == s || !(io_ieqn(p + 1, "ENCODING=", 9) || io_ieqn(p + 1, "CHARSET=", 8)))
				sb_appendn(out, p, (size_t)(e - p));
			p = e;
		}
		sb_appendc(out, ':');
		io_qp_decode(&dec, value, len - (size_t)(value - s));
		fixed = io_text_utf8(sb_str(&dec), dec.len, cs[0] ? cs : NULL);
		for (const char *p = fixed; *p; p++) {
			if (*p == '\r')
				continue;
			if (*p == '\n')
				sb_append(out, "\\n");
			else
				sb_appendc(out, *p);
		}
		free(fixed);
		sb_free(&dec);
		return;
	}
	fixed = io_text_utf8(s, len, cs[0] ? cs : NULL);
	sb_append(out, fixed);
	free(fixed);
}

struct open_comp {
	char name[24];
	int line;
};

/*
** Pass 1. Errors go to the sink; returns non-zero if it said stop. Broken
** components are left out of the blocks.
*/
int
ics_scan(const char *text, size_t len, struct scan *sc, const struct io_sink *s)
{
	struct io_lines r;
	struct strbuf line = {0}, fixed = {0}, comp = {0};
	struct open_comp stack[16];
	int depth = 0, lineno, rc = 0;
	bool wrapped = false, broken = false;
	struct calblock *cb = NULL;
	char msg[160];

	io_lines_init(&r, text, len);
	while (rc == 0 && io_content_next(&r, &line, &lineno)) {
		char name[24], val[24];
		const char *params, *value;
		size_t k = 0;

		if (r.too_long) {
			if (!broken)
				rc = s->error(s->ud, lineno, "a line longer than " IO_MAX_LINE_TEXT
					      " (kith's limit for one property)");
			broken = depth >= 2 || (depth == 1 && wrapped);
			continue;
		}
		if (depth >= 2 && comp.len + line.len > IO_MAX_RECORD) {
			/* left out at its END; what it kept so far is dropped now */
			if (!broken)
				rc = s->error(s->ud, stack[1].line, "an event or to-do longer than "
					      IO_MAX_RECORD_TEXT " (kith's limit for one record)");
			broken = true;
			sb_reset(&comp);
		}
		sb_reset(&fixed);
		repair_line(&fixed, line.buf, line.len);
		line_name(fixed.buf, name, sizeof name, &params, &value);
		if (!value) {
			snprintf(msg, sizeof msg, "no ':' (not an iCalendar property line)");
			rc = s->error(s->ud, lineno, msg);
			broken = depth >= 2 || (depth == 1 && wrapped);
			continue;
		}
		for (const char *v = value; *v && k + 1 < sizeof val; v++)
			if (*v != ' ')
				val[k++] = (char)(*v >= 'a' && *v <= 'z' ? *v - 32 : *v);
		val[k] = '\0';
		if (!strcmp(name, "BEGIN")) {
			if (depth == 0 && strcmp(val, "VCALENDAR") && strcmp(val, "VEVENT") &&
			    strcmp(val, "VTODO")) {
				snprintf(msg, sizeof msg, "BEGIN:%s: not an iCalendar object", val);
				rc = s->error(s->ud, lineno, msg);
				continue;
			}
			if (depth == 16) {
				rc = s->error(s->ud, lineno, "components nested too deep");
				continue;
			}
			if (depth == 0) {
				sc->blocks = xgrowz(sc->blocks, sc->n_blocks, &sc->cap_blocks, 64,
						  sizeof *sc->blocks);
				cb = &sc->blocks[sc->n_blocks++];
				memset(cb, 0, sizeof *cb);
				cb->line = lineno;
				cb->first_comp = sc->n_comps;
				wrapped = strcmp(val, "VCALENDAR") != 0;
				sb_append(&cb->text, "BEGIN:VCALENDAR\r\n");
				if (wrapped) {
					sb_append(&cb->text, "VERSION:2.0\r\nPRODID:-//kith//import//EN\r\n");
					stack[depth].line = lineno;
					snprintf(stack[depth++].name, sizeof stack[0].name, "VCALENDAR");
				}
			}
			if (depth == 1) {
				sb_reset(&comp);
				broken = false;
				if (!strcmp(val, "VEVENT") || !strcmp(val, "VTODO")) {
					struct comp *c;
					sc->comps = xgrowz(sc->comps, sc->n_comps, &sc->cap_comps, 64,
							 sizeof *sc->comps);
					c = &sc->comps[sc->n_comps];
					memset(c, 0, sizeof *c);
					c->todo = !strcmp(val, "VTODO");
					c->line = lineno;
					c->first = sc->n_plines;
				}
			}
			stack[depth].line = lineno;
			snprintf(stack[depth++].name, sizeof stack[0].name, "%s", val);
			if (depth >= 2)
				append_line(&comp, &fixed);
			continue;
		}
		if (!strcmp(name, "END")) {
			if (depth == 0 || strcmp(stack[depth - 1].name, val)) {
				if (depth == 0)
					snprintf(msg, sizeof msg, "END:%s without BEGIN:%s", val, val);
				else
					snprintf(msg, sizeof msg, "END:%s, but BEGIN:%s (line %d) is open",
						 val, stack[depth - 1].name, stack[depth - 1].line);
				rc = s->error(s->ud, lineno, msg);
				broken = true;
				continue;
			}
			depth--;
			if (depth >= 1)
				append_line(&comp, &fixed);
			if (depth == 1) {
				bool ev = !strcmp(val, "VEVENT") || !strcmp(val, "VTODO");
				if (!broken && ev) {
					/* read on its own, beside the calendar (parse_block) */
					sc->comps[sc->n_comps].off = sc->items.len;
					sc->comps[sc->n_comps].len = comp.len;
					sb_appendn(&sc->items, comp.buf, comp.len);
					sc->n_comps++;
					cb->n_comp++;
				} else if (!broken) {
					sb_appendn(&cb->text, comp.buf, comp.len);
				} else if (ev) {
					sc->n_plines = sc->comps[sc->n_comps].first;
				}
				broken = false;
				if (wrapped) {
					depth = 0;
					sb_append(&cb->text, "END:VCALENDAR\r\n");
				}
			} else if (depth == 0) {
				sb_append(&cb->text, "END:VCALENDAR\r\n");
			}
			continue;
		}
		if (depth == 0) {
			snprintf(msg, sizeof msg, "%s outside BEGIN:VCALENDAR ... END:VCALENDAR", name);
			rc = s->error(s->ud, lineno, msg);
			continue;
		}
		if (depth == 1) {
			if (!strcmp(name, "VERSION") && !strcmp(val, "1.0"))
				cb->v1 = true;
			append_line(&cb->text, &fixed);
			continue;
		}
		append_line(&comp, &fixed);
		if (depth == 2 && sc->n_comps < SIZE_MAX && sc->comps &&
		    (!strcmp(stack[1].name, "VEVENT") || !strcmp(stack[1].name, "VTODO"))) {
			struct comp *c = &sc->comps[sc->n_comps];
			sc->plines = xgrowz(sc->plines, sc->n_plines, &sc->cap_plines, 64,
					  sizeof *sc->plines);
			memcpy(sc->plines[sc->n_plines].name, name, sizeof name);
			sc->plines[sc->n_plines++].line = lineno;
			c->n++;
			if (!strcmp(name, "RECURRENCE-ID"))
				c->overrides = true;
		}
	}
	if (rc == 0 && depth > 0) {
		int at = depth >= 2 ? stack[1].line : stack[0].line;
		snprintf(msg, sizeof msg, "BEGIN:%s (line %d) has no END:%s",
			 depth >= 2 ? stack[1].name : stack[0].name, at,
			 depth >= 2 ? stack[1].name : stack[0].name);
		rc = s->error(s->ud, at, msg);
		if (cb)
			sb_append(&cb->text, "END:VCALENDAR\r\n");
	}
	sb_free(&line);
	sb_free(&fixed);
	sb_free(&comp);
	return rc;
}

int
ics_prop_line(const struct scan *sc, const struct comp *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(sc->plines[c->first + i].name, name))
			return sc->plines[c->first + i].line;
	return c->line;
}

