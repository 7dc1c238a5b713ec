/*
 * ics.c: the iCalendar reader (RFC 5545) through libical, and recurrence
 * expansion for display.
 *
 * Two passes. The first is kith's own: it unfolds the lines, repairs the
 * text (UTF-16, CHARSET parameters, Latin-1, quoted-printable values some
 * exporters put in iCalendar), checks that BEGIN and END pair up, keeps
 * the line where each VEVENT and VTODO begins, and wraps bare components
 * in a VCALENDAR. The second hands each calendar to libical, which reads
 * the values, time zones (VTIMEZONE in the file, else its built-in zones)
 * and durations.
 *
 * Mapping. VEVENT: SUMMARY title, DTSTART/DTEND (or DURATION) converted to
 * local time (dates for all-day events; DTEND of an all-day event is
 * exclusive, kith's end is the last day), LOCATION, DESCRIPTION (notes),
 * UID, RRULE with its EXDATEs (stored "FREQ=...\nEXDATE:d1,d2"),
 * ATTENDEE (by email, PARTSTAT to a status). An instance that
 * overrides one occurrence (RECURRENCE-ID) becomes an event of its own,
 * its UID "UID#occurrence", and the occurrence is excluded from the
 * series.
 *
 * Time zones (issue 14). A timed DTSTART in a zone of libical's built-in
 * database (TZID=America/Chicago, a VTIMEZONE of that name, or UTC) keeps
 * it: the event's tzid and tz_start (the time as written there), and its
 * EXDATEs and overriding occurrences are written in that zone, so a series
 * is expanded where its organiser lives it (io_recur_expand_tz) and only
 * then shown in the user's zone. A zone only the file's VTIMEZONE defines
 * (a Windows name) is converted with it and the event is kept in the
 * user's zone. A TZID that is neither (no VTIMEZONE, not a known zone) is
 * reported with its line and the time taken as written in the user's zone.
 * An RRULE libical rejects (INTERVAL=0) is reported with its line, kept
 * aside (import_extra "RRULE") and the event imported as a single one. VTODO: SUMMARY, DUE (or DTSTART + DURATION), PRIORITY (1-9 to
 * kith's 3-1), STATUS (COMPLETED done, CANCELLED dropped), DESCRIPTION,
 * UID.
 */
#include "io_internal.h"

#include "ical_lib.h"
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kith/date.h"
#include "kith/types.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"

/* libical, opened by the first import or expansion that needs it */
static const struct ical_lib *L;

static bool
ical_init(const char **why)
{
	return (L = ical_lib(why)) != NULL;
}

/* ---- pass 1: lines and structure ----------------------------------------------- */

struct pline {                   /* a property line of a component: its name and line */
	char name[24];
	int line;
};

struct comp {
	bool todo;
	bool overrides;             /* has a RECURRENCE-ID */
	int line;
	size_t first, n;            /* its properties in the plines array */
	size_t off, len;            /* its text (BEGIN to END) in scan.items */
};

/*
** A calendar of the file: its text without its events and to-dos (the
** calendar's properties, its VTIMEZONEs), which libical reads first, and
** its events and to-dos, each read on its own beside it.
*/
struct calblock {
	struct strbuf text;
	int line;
	size_t first_comp, n_comp;
	bool v1;                    /* vCalendar 1.0 */
};

struct scan {
	struct calblock *blocks;
	size_t n_blocks, cap_blocks;
	struct comp *comps;
	size_t n_comps, cap_comps;
	struct pline *plines;
	size_t n_plines, cap_plines;
	struct strbuf items;        /* the events' and to-dos' texts, one after another */
};

static void
scan_free(struct scan *sc)
{
	for (size_t i = 0; i < sc->n_blocks; i++)
		sb_free(&sc->blocks[i].text);
	free(sc->blocks);
	free(sc->comps);
	free(sc->plines);
	sb_free(&sc->items);
}

/* Room for one more element in a growing array. */
static void *
grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? 2 * *cap : 64;
	return xreallocarray(v, *cap, size);
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
static int
scan_text(const char *text, size_t len, struct scan *sc, const struct io_sink *s)
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
				sc->blocks = grow(sc->blocks, sc->n_blocks, &sc->cap_blocks,
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
					sc->comps = grow(sc->comps, sc->n_comps, &sc->cap_comps,
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
			sc->plines = grow(sc->plines, sc->n_plines, &sc->cap_plines,
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

/* ---- pass 2: libical -------------------------------------------------------------- */

static int
prop_line(const struct scan *sc, const struct comp *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(sc->plines[c->first + i].name, name))
			return sc->plines[c->first + i].line;
	return c->line;
}

static bool local_time_raw(struct icaltimetype t, char out[17]);
static bool local_time(struct icaltimetype t, char out[17]);

/* The UTC zone for the names kith may store for it, else libical's built-in zone; or NULL. */
static icaltimezone *
zone_named(const char *name)
{
	static const char *const utc[] = { "UTC", "Etc/UTC", "GMT", "Etc/GMT", "Zulu",
					   "Universal", "Etc/Universal", "Etc/Zulu" };

	/* the last one asked for: a listing asks for the same few zones, and
	   libical looks each name up in a list of 400 */
	static char last[64];
	static icaltimezone *last_zone;

	if (!name || !*name)
		return NULL;
	if (last_zone && !strcmp(name, last))
		return last_zone;
	for (size_t i = 0; i < sizeof utc / sizeof utc[0]; i++)
		if (!strcmp(name, utc[i]))
			return L->icaltimezone_get_utc_timezone();
	{
		icaltimezone *z = L->icaltimezone_get_builtin_timezone(name);
		if (z && strlen(name) < sizeof last) {
			memcpy(last, name, strlen(name) + 1);
			last_zone = z;
		}
		return z;
	}
}

/* The name kith stores for a zone from zone_named. */
static const char *
zone_name(icaltimezone *z)
{
	if (z == L->icaltimezone_get_utc_timezone())
		return "UTC";
	return L->icaltimezone_get_location(z);
}

/*
** The built-in zone of a time read from a file (its TZID, or the TZID of
** the file's VTIMEZONE, names one), UTC for a "Z" time; NULL for a date, a
** floating time, or a zone only the file defines.
*/
static icaltimezone *
zone_of(struct icaltimetype t)
{
	icaltimezone *z = (icaltimezone *)t.zone, *b;
	const char *n;

	if (t.is_date || !z)
		return NULL;
	if (z == L->icaltimezone_get_utc_timezone())
		return z;
	if ((n = L->icaltimezone_get_location(z)) && (b = zone_named(n)))
		return b;
	if ((n = L->icaltimezone_get_tzid(z)) &&
	    ((b = zone_named(n)) || (b = L->icaltimezone_get_builtin_timezone_from_tzid(n))))
		return b;
	return NULL;
}

/* t as the wall-clock time in zone z ("YYYY-MM-DD HH:MM"); z NULL: the user's zone. */
static bool
zone_time(struct icaltimetype t, icaltimezone *z, char out[17])
{
	if (!z || t.is_date)
		return local_time(t, out);
	if (t.zone)
		t = L->icaltime_convert_to_zone(t, z);
	t.zone = NULL;              /* floating: taken as in z */
	return local_time(t, out);
}

/*
 * A libical time as kith's local "YYYY-MM-DD HH:MM" or "YYYY-MM-DD"; false
 * if it is not a real time (libical takes "T077000": fuzz_ics).
 */
static bool
local_time(struct icaltimetype t, char out[17])
{
	struct kdatetime chk;

	return local_time_raw(t, out) && kdatetime_parse_iso(out, &chk) && kdate_valid(chk.date);
}

/* n as d digits (the last d of it: n is in range) */
static void
put_digits(char *out, unsigned n, int d)
{
	while (d-- > 0) {
		out[d] = (char)('0' + n % 10);
		n /= 10;
	}
}

/* "YYYY-MM-DD HH:MM", or "YYYY-MM-DD" when hour < 0 (snprintf cost a third of a line's time). */
static void
put_time(char out[17], int y, int mo, int d, int h, int mi)
{
	put_digits(out, (unsigned)y % 10000u, 4);
	out[4] = '-';
	put_digits(out + 5, (unsigned)mo % 100u, 2);
	out[7] = '-';
	put_digits(out + 8, (unsigned)d % 100u, 2);
	if (h < 0) {
		out[10] = '\0';
		return;
	}
	out[10] = ' ';
	put_digits(out + 11, (unsigned)h % 100u, 2);
	out[13] = ':';
	put_digits(out + 14, (unsigned)mi % 100u, 2);
	out[16] = '\0';
}

static bool
local_time_raw(struct icaltimetype t, char out[17])
{
	/* not icaltime_is_valid_time: it refuses years after 3000 (DTSTART in 9999) */
	if (L->icaltime_is_null_time(t) || t.year < 1 || t.year > 9999 || t.month < 1 ||
	    t.month > 12 || t.day < 1 || t.day > 31)
		return false;
	if (!t.is_date && (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 ||
			   t.second < 0 || t.second > 60))
		return false;
	if (t.is_date) {
		put_time(out, t.year, t.month, t.day, -1, 0);
		return true;
	}
	if (t.zone) {
		/* to UTC by libical (the zone's rules), then to local by the C
		   library with kith's own day count: icaltime_as_timet gives up
		   on years before 1902 (DTSTART in 0001) */
		struct icaltimetype u = L->icaltime_convert_to_zone(t, L->icaltimezone_get_utc_timezone());
		struct kdate d = { u.year, u.month, u.day };
		time_t tt;
		struct tm tm;
		if (!kdate_valid(d))
			return false;
		tt = (time_t)kdate_to_days(d) * 86400 + u.hour * 3600 + u.minute * 60 + u.second;
		if (!localtime_r(&tt, &tm) || tm.tm_year + 1900 < 1 || tm.tm_year + 1900 > 9999)
			return false;
		put_time(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
		return true;
	}
	put_time(out, t.year, t.month, t.day, t.hour, t.minute);
	return true;
}

/* "YYYYMMDD" or "YYYYMMDDTHHMMSS" of a local time string (for EXDATE lists). */
static void
compact(const char *local, char out[16])
{
	if (strlen(local) == 10)
		snprintf(out, 16, "%.4s%.2s%.2s", local, local + 5, local + 8);
	else
		snprintf(out, 16, "%.4s%.2s%.2sT%.2s%.2s00", local, local + 5, local + 8, local + 11,
			 local + 14);
}

static struct icaltimetype
prop_time(icalcomponent *c, icalproperty *p)
{
	return L->icalproperty_get_datetime_with_component(p, c);
}

static char *
text_prop(icalcomponent *c, icalproperty_kind k)
{
	icalproperty *p = L->icalcomponent_get_first_property(c, k);
	const char *v;

	if (!p)
		return NULL;
	v = L->icalproperty_get_value_as_string(p);
	if (!v)
		return NULL;
	/* libical returns the value as written: undo the text escapes */
	{
		struct strbuf sb = {0};
		sb_appendn(&sb, "", 0);
		while (*v) {
			size_t run = strcspn(v, "\\");   /* plain text: copied at once */
			sb_appendn(&sb, v, run);
			v += run;
			if (*v == '\\' && v[1]) {
				sb_appendc(&sb, v[1] == 'n' || v[1] == 'N' ? '\n' : v[1]);
				v += 2;
			} else if (*v) {
				sb_appendc(&sb, *v++);
			}
		}
		/* libical hands back bytes it took on trust: text in kith is UTF-8
		   (fuzz_ics found a lone continuation byte in a SUMMARY) */
		if (!utf8_valid(sb_str(&sb), sb.len)) {
			char *fixed = utf8_repair(sb_str(&sb), sb.len);
			sb_free(&sb);
			return str_trim(fixed);
		}
		return str_trim(sb_detach(&sb));
	}
}

static int
guess_kind(const char *title)
{
	static const struct { const char *word; int kind; } words[] = {
		{ "town hall", KITH_EVENT_TOWN_HALL }, { "council", KITH_EVENT_COUNCIL_MEETING },
		{ "conference", KITH_EVENT_CONFERENCE }, { "rally", KITH_EVENT_RALLY },
		{ "fundraiser", KITH_EVENT_FUNDRAISER }, { "volunteer", KITH_EVENT_VOLUNTEER_SHIFT },
		{ "meetup", KITH_EVENT_MEETUP }, { "interview", KITH_EVENT_INFO_INTERVIEW },
	};
	char ascii[256], *f = NULL;
	size_t k = 0;
	bool space = false;
	int kind = KITH_EVENT_OTHER;

	/* an ASCII title is folded here as utf8_fold would (lower case, one
	   space between words): utf8_fold cost more than the rest of the event */
	for (const char *p = title; *p && k + 2 < sizeof ascii; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch & 0x80) {
			k = sizeof ascii;
			break;
		}
		if (ch == ' ' || (ch >= '\t' && ch <= '\r')) {
			space = k > 0;
			continue;
		}
		if (space)
			ascii[k++] = ' ';
		space = false;
		ascii[k++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
	}
	if (k + 2 >= sizeof ascii) {
		f = utf8_fold(title);
	} else {
		ascii[k] = '\0';
		f = ascii;
	}
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strstr(f, words[i].word)) {
			kind = words[i].kind;
			break;
		}
	}
	if (f != ascii)
		free(f);
	return kind;
}

/* Properties kith reads, or that say nothing about the event itself. */
static bool
prop_known(icalproperty_kind k)
{
	switch (k) {
	case ICAL_SUMMARY_PROPERTY: case ICAL_DTSTART_PROPERTY: case ICAL_DTEND_PROPERTY:
	case ICAL_DURATION_PROPERTY: case ICAL_LOCATION_PROPERTY: case ICAL_DESCRIPTION_PROPERTY:
	case ICAL_UID_PROPERTY: case ICAL_RRULE_PROPERTY: case ICAL_EXDATE_PROPERTY:
	case ICAL_ATTENDEE_PROPERTY: case ICAL_DTSTAMP_PROPERTY: case ICAL_CREATED_PROPERTY:
	case ICAL_LASTMODIFIED_PROPERTY: case ICAL_SEQUENCE_PROPERTY: case ICAL_RECURRENCEID_PROPERTY:
	case ICAL_DUE_PROPERTY: case ICAL_PRIORITY_PROPERTY: case ICAL_STATUS_PROPERTY:
	case ICAL_XLICERROR_PROPERTY:
		return true;
	default:
		return false;
	}
}

static void
keep_extras(icalcomponent *c, struct io_extra **v, size_t *n)
{
	for (icalproperty *p = L->icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p;
	     p = L->icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
		const char *name, *val;
		if (prop_known(L->icalproperty_isa(p)))
			continue;
		name = L->icalproperty_get_property_name(p);
		val = L->icalproperty_get_value_as_string(p);
		if (name && val && utf8_valid(val, strlen(val)))
			io_extra_add(v, n, name, val);
	}
}

/* libical's complaint about property `name` (it drops a value it cannot read), or NULL. */
static const char *
lic_error(icalcomponent *c, const char *name)
{
	for (icalproperty *p = L->icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
	     p = L->icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
		const char *m = L->icalproperty_get_xlicerror(p);
		char word[32];
		snprintf(word, sizeof word, " %s ", name);
		if (m && strstr(m, word))
			return m;
	}
	return NULL;
}

/* The local start (and end) of an event or to-do; NULL or the problem. */
static const char *
times(icalcomponent *c, char start[17], char end[17], bool *all_day, bool todo)
{
	icalproperty *ps = L->icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
	icalproperty *pe = L->icalcomponent_get_first_property(c, todo ? ICAL_DUE_PROPERTY :
							      ICAL_DTEND_PROPERTY);
	icalproperty *pd = L->icalcomponent_get_first_property(c, ICAL_DURATION_PROPERTY);
	struct icaltimetype ts = L->icaltime_null_time(), te = L->icaltime_null_time();

	start[0] = end[0] = '\0';
	*all_day = false;
	if (ps) {
		ts = prop_time(c, ps);
		if (!local_time(ts, start))
			return "DTSTART: not a date or date-time";
		*all_day = ts.is_date;
	} else if (!todo) {
		return "no DTSTART";
	}
	if (pe) {
		te = prop_time(c, pe);
		if (!local_time(te, end))
			return todo ? "DUE: not a date or date-time" : "DTEND: not a date or date-time";
		if (ps && L->icaltime_compare(te, ts) < 0)
			return todo ? "DUE before DTSTART" : "DTEND before DTSTART";
	} else if (pd && ps) {
		struct icaldurationtype d = L->icalproperty_get_duration(pd);
		if (L->icaldurationtype_is_bad_duration(d))
			return "DURATION: not a duration";
		te = L->icaltime_add(ts, d);
		if (!local_time(te, end))
			return "DURATION: out of range";
	}
	if (!todo && *all_day && end[0]) {
		/* DTEND of an all-day event is the day after the last */
		struct icaltimetype last = te;
		L->icaltime_adjust(&last, -1, 0, 0, 0);
		if (L->icaltime_compare_date_only(last, ts) <= 0)
			end[0] = '\0';
		else
			snprintf(end, 17, "%04d-%02d-%02d", last.year, last.month, last.day);
	}
	return NULL;
}

/* RECURRENCE-IDs of this calendar's overriding instances, by UID. */
struct override {
	char *uid;
	struct icaltimetype when;
};

/* The overriding instance c's RECURRENCE-ID, by its UID. */
static void
collect_override(icalcomponent *c, struct override **v, size_t *n)
{
	icalproperty *p = L->icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY);
	const char *uid = L->icalcomponent_get_uid(c);
	char local[17];

	if (!p || !uid || L->icalcomponent_isa(c) != ICAL_VEVENT_COMPONENT)
		return;
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].when = prop_time(c, p);
	if (!zone_time((*v)[*n].when, NULL, local))
		return;
	(*v)[*n].uid = xstrdup(uid);
	(*n)++;
}

/* Where map_event reports what it imports all the same (the sink's warn). */
struct warner {
	const struct io_sink *s;
	const struct scan *sc;
	const struct comp *sp;
};

static void
ics_warn(const struct warner *w, const char *prop, const char *fmt, const char *a, const char *b)
{
	char msg[300];

	if (!w || !w->s->warn)
		return;
	snprintf(msg, sizeof msg, fmt, a, b ? b : "");
	w->s->warn(w->s->ud, prop_line(w->sc, w->sp, prop), msg);
}

/*
** The event's zone from its DTSTART: tzid and tz_start when it is a zone
** libical knows; a TZID that no VTIMEZONE and no known zone defines is
** reported (the time is then floating: taken as written, in the user's zone).
*/
static icaltimezone *
event_zone(icalcomponent *c, struct io_event_rec *ev, const struct warner *w)
{
	icalproperty *ps = L->icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
	struct icaltimetype ts = prop_time(c, ps);
	icaltimezone *z = zone_of(ts);
	char wall[17];

	if (z && zone_time(ts, z, wall)) {
		ev->e.tzid = xstrdup(zone_name(z));
		ev->e.tz_start = xstrdup(wall);
		return z;
	}
	if (!ts.is_date && !ts.zone) {
		char *tzid = L->icalproperty_get_parameter_as_string_r(ps, "TZID");
		if (tzid) {
			char *clean = utf8_repair(tzid, strlen(tzid));
			ics_warn(w, "DTSTART", "DTSTART;TZID=%.80s: unknown time zone (no VTIMEZONE "
			     "in the file, not in the time zone database): the time is taken as "
			     "written, in your zone%s", clean, NULL);
			io_extra_add(&ev->extras, &ev->n_extras, "TZID", clean);
			free(clean);
			free(tzid);
		}
	}
	return NULL;
}

/*
** The RRULE as stored, or NULL and why libical will not expand it (the
** event is then a single one, and the rule is kept aside).
*/
static const char *
event_rule(icalcomponent *c, icalproperty *p, struct icaltimetype ts, char **out)
{
	char *v = L->icalproperty_get_value_as_string_r(p);
	struct icalrecurrencetype rt = L->icalproperty_get_rrule(p);
	icalrecur_iterator *it;
	const char *why = NULL;

	(void)c;
	*out = v;
	if (!v || rt.freq == ICAL_NO_RECURRENCE)
		return "libical cannot read it";
	if (rt.interval < 1)
		return "INTERVAL must be 1 or more";
	ts.zone = NULL;
	if (!(it = L->icalrecur_iterator_new(rt, ts)))
		return "libical rejects it";
	if (L->icaltime_is_null_time(L->icalrecur_iterator_next(it)))
		why = "it has no occurrence";
	L->icalrecur_iterator_free(it);
	return why;
}

static const char *
map_event(icalcomponent *c, struct io_event_rec *ev, const struct override *ov, size_t n_ov,
	  const struct warner *w)
{
	struct kith_event *e = &ev->e;
	char start[17], end[17];
	const char *why;
	bool all_day;
	icalproperty *p;
	icaltimezone *z;
	struct strbuf rr = {0};
	const char *uid = L->icalcomponent_get_uid(c);

	if ((why = times(c, start, end, &all_day, false)))
		return why;
	e->start_at = xstrdup(start);
	e->end_at = end[0] ? xstrdup(end) : NULL;
	e->all_day = all_day;
	z = event_zone(c, ev, w);
	e->title = text_prop(c, ICAL_SUMMARY_PROPERTY);
	if (str_empty(e->title)) {
		free(e->title);
		e->title = xstrdup("(no title)");
	}
	e->kind = guess_kind(e->title);
	e->location = text_prop(c, ICAL_LOCATION_PROPERTY);
	e->notes = text_prop(c, ICAL_DESCRIPTION_PROPERTY);
	if ((p = L->icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY))) {
		char local[17], when[16];
		struct icaltimetype t = prop_time(c, p);
		if (!zone_time(t, zone_of(t), local))
			return "RECURRENCE-ID: not a date or date-time";
		compact(local, when);
		e->uid = io_strf("%s#%s", uid ? uid : "", when);
		io_extra_add(&ev->extras, &ev->n_extras, "RECURRENCE-ID", local);
	} else if (uid && *uid) {
		e->uid = xstrdup(uid);
	}
	if (!L->icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY) &&
	    (why = lic_error(c, "RRULE"))) {
		/* libical dropped the property: its message ends with the value */
		const char *v = strstr(why, "property: ");
		struct strbuf raw = {0};
		for (v = v ? v + 10 : "?"; *v; v++)
			if (!(*v == '\\' && v[1] == ';'))
				sb_appendc(&raw, *v);
		{
			char *clean = utf8_repair(sb_str(&raw), raw.len);
			ics_warn(w, "RRULE", "RRULE:%.120s: libical cannot read it; imported as a "
				 "single event, the rule kept aside%s", clean, NULL);
			io_extra_add(&ev->extras, &ev->n_extras, "RRULE", clean);
			free(clean);
		}
		sb_free(&raw);
		why = NULL;
	}
	if ((p = L->icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY))) {
		icalproperty *ps = L->icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
		char *v = NULL;
		const char *bad = event_rule(c, p, prop_time(c, ps), &v);
		if (bad) {
			char *raw = v ? utf8_repair(v, strlen(v)) : xstrdup("?");
			ics_warn(w, "RRULE", "RRULE:%.120s: %s; imported as a single event, the rule "
			     "kept aside", raw, bad);
			io_extra_add(&ev->extras, &ev->n_extras, "RRULE", raw);
			free(raw);
			free(v);
			goto attendees;
		}
		sb_append(&rr, v);
		free(v);
		bool first = true;
		for (icalproperty *x =
			     L->icalcomponent_get_first_property(c, ICAL_EXDATE_PROPERTY);
		     x; x = L->icalcomponent_get_next_property(c, ICAL_EXDATE_PROPERTY)) {
			char local[17], when[16];
			if (!zone_time(prop_time(c, x), z, local))
				continue;
			compact(local, when);
			sb_append(&rr, first ? "\nEXDATE:" : ",");
			sb_append(&rr, when);
			first = false;
		}
		/* an overridden occurrence, in the series' zone */
		for (size_t i = 0; i < n_ov && uid; i++) {
			char local[17], when[16];
			if (strcmp(ov[i].uid, uid) || !zone_time(ov[i].when, z, local))
				continue;
			compact(local, when);
			if (strstr(sb_str(&rr), when))
				continue;
			sb_append(&rr, first ? "\nEXDATE:" : ",");
			sb_append(&rr, when);
			first = false;
		}
		e->rrule = sb_detach(&rr);
	}
attendees:
	for (p = L->icalcomponent_get_first_property(c, ICAL_ATTENDEE_PROPERTY); p;
	     p = L->icalcomponent_get_next_property(c, ICAL_ATTENDEE_PROPERTY)) {
		const char *v = L->icalproperty_get_attendee(p);
		icalparameter *ps = L->icalproperty_get_first_parameter(p, ICAL_PARTSTAT_PARAMETER);
		icalparameter *pr = L->icalproperty_get_first_parameter(p, ICAL_ROLE_PARAMETER);
		icalparameter *pc = L->icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER);
		const char *cn = pc ? L->icalparameter_get_cn(pc) : NULL;
		icalparameter_partstat st =
			ps ? L->icalparameter_get_partstat(ps) : ICAL_PARTSTAT_NONE;
		struct io_attendee *a;
		if (!v || st == ICAL_PARTSTAT_DECLINED)
			continue;
		if (io_ieqn(v, "mailto:", 7))
			v += 7;
		ev->att = xreallocarray(ev->att, ev->n_att + 1, sizeof *ev->att);
		a = &ev->att[ev->n_att++];
		a->email = xstrdup(v);
		for (char *q = a->email; *q; q++)
			*q = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
		a->name = cn ? xstrdup(cn) : NULL;
		a->status = st == ICAL_PARTSTAT_ACCEPTED ? KITH_ASTATUS_CONFIRMED :
			    st == ICAL_PARTSTAT_COMPLETED ? KITH_ASTATUS_ATTENDED : KITH_ASTATUS_INVITED;
		a->role = pr && L->icalparameter_get_role(pr) == ICAL_ROLE_CHAIR ? KITH_AROLE_HOST :
			  KITH_AROLE_ATTENDEE;
	}
	keep_extras(c, &ev->extras, &ev->n_extras);
	sb_free(&rr);
	return NULL;
}

static const char *
map_todo(icalcomponent *c, struct io_todo_rec *t)
{
	struct kith_followup *f = &t->f;
	char start[17], due[17];
	const char *uid = L->icalcomponent_get_uid(c);
	icalproperty *p;
	const char *why;
	bool all_day;

	if ((why = times(c, start, due, &all_day, true)))
		return why;
	f->title = text_prop(c, ICAL_SUMMARY_PROPERTY);
	if (str_empty(f->title)) {
		free(f->title);
		f->title = xstrdup("(no title)");
	}
	f->kind = KITH_FKIND_OTHER;
	if (due[0]) {
		due[10] = '\0';
		f->due = xstrdup(due);
	}
	if ((p = L->icalcomponent_get_first_property(c, ICAL_PRIORITY_PROPERTY))) {
		int pr = L->icalproperty_get_priority(p);
		if (pr < 0 || pr > 9) {
			static char msg[48];
			snprintf(msg, sizeof msg, "PRIORITY %d: must be 0 to 9", pr);
			return msg;
		}
		f->priority = pr == 0 ? 0 : pr <= 3 ? 3 : pr <= 6 ? 2 : 1;
	}
	f->status = KITH_FSTATUS_OPEN;
	switch (L->icalcomponent_get_status(c)) {
	case ICAL_STATUS_COMPLETED: f->status = KITH_FSTATUS_DONE; break;
	case ICAL_STATUS_CANCELLED: f->status = KITH_FSTATUS_DROPPED; break;
	default: break;
	}
	f->notes = text_prop(c, ICAL_DESCRIPTION_PROPERTY);
	if (uid && *uid)
		t->uid = xstrdup(uid);
	if (start[0])
		io_extra_add(&t->extras, &t->n_extras, "DTSTART", start);
	keep_extras(c, &t->extras, &t->n_extras);
	return NULL;
}

struct line_gen {
	const char *p, *end;
};

/*
** libical's line reader: up to size - 1 bytes, to and with the next '\n'.
** (icalparser_parse_string's own looks for the '\n' from where it is to
** the end of the line for every 80-byte piece it returns: a line of n
** bytes cost n * n / 160 steps, 20 s for 10 MB.)
*/
static char *
line_gen(char *out, size_t size, void *ud)
{
	struct line_gen *g = ud;
	size_t n = (size_t)(g->end - g->p);
	const char *nl;

	if (n == 0 || size < 2)
		return NULL;
	if (n > size - 1)
		n = size - 1;
	if ((nl = memchr(g->p, '\n', n)))
		n = (size_t)(nl + 1 - g->p);
	memcpy(out, g->p, n);
	out[n] = '\0';
	g->p += n;
	return out;
}

/* Parse a whole calendar's text, in time linear in its length. */
static icalcomponent *
parse_text(const char *text, size_t len)
{
	struct line_gen g = { text, text + len };
	icalparser *p = L->icalparser_new();
	icalcomponent *cal;

	if (!p)
		return NULL;
	L->icalparser_set_gen_data(p, &g);
	cal = L->icalparser_parse(p, line_gen);
	L->icalparser_free(p);
	return cal;
}

/*
** An event or to-do of the calendar, read by libical on its own and put in
** the calendar (its TZIDs are then looked up in the calendar's VTIMEZONEs);
** NULL if libical reads nothing. Take it out with item_done.
*/
static icalcomponent *
item_read(const struct scan *sc, const struct comp *sp, icalcomponent *cal)
{
	icalcomponent *c = parse_text(sc->items.buf + sp->off, sp->len);

	if (c)
		L->icalcomponent_add_component(cal, c);
	return c;
}

static void
item_done(icalcomponent *cal, icalcomponent *c)
{
	L->icalcomponent_remove_component(cal, c);
	L->icalcomponent_free(c);
}

/*
** One calendar: libical reads its own text (properties, VTIMEZONEs), then
** each event and to-do in turn, so that only one of them is held parsed
** at a time (the whole tree of 200,000 took 325 MB). The overriding
** instances (RECURRENCE-ID) are read first: a series needs them all.
*/
static int
parse_block(const struct scan *sc, const struct calblock *b, size_t total,
	    const struct io_sink *s)
{
	icalcomponent *cal;
	struct override *ov = NULL;
	size_t n_ov = 0;
	int rc = 0;
	char msg[200];

	if (b->v1)
		return s->error(s->ud, b->line,
				"vCalendar 1.0 is not supported (export as iCalendar 2.0)");
	if (b->n_comp == 0)
		return 0;
	cal = parse_text(sb_str(&b->text), b->text.len);
	if (!cal)
		return s->error(s->ud, b->line, "not a calendar libical can read");
	for (size_t k = 0; k < b->n_comp; k++) {
		const struct comp *sp = &sc->comps[b->first_comp + k];
		icalcomponent *c;
		if (sp->overrides && (c = item_read(sc, sp, cal))) {
			collect_override(c, &ov, &n_ov);
			item_done(cal, c);
		}
	}
	for (size_t k = 0; k < b->n_comp && rc == 0; k++) {
		const struct comp *sp = &sc->comps[b->first_comp + k];
		icalcomponent *c = item_read(sc, sp, cal);
		icalcomponent_kind kind = c ? L->icalcomponent_isa(c) : ICAL_NO_COMPONENT;
		struct io_record rec;
		const char *why, *lic = NULL;

		if (kind != ICAL_VEVENT_COMPONENT && kind != ICAL_VTODO_COMPONENT) {
			if (c)
				item_done(cal, c);
			snprintf(msg, sizeof msg, "%s: libical cannot read it",
				 sp->todo ? "VTODO" : "VEVENT");
			rc = s->error(s->ud, sp->line, msg);
			continue;
		}
		memset(&rec, 0, sizeof rec);
		rec.line = sp->line;
		rec.offset = total;
		rec.source = "ics";
		if (kind == ICAL_VEVENT_COMPONENT) {
			rec.kind = IO_REC_EVENT;
			struct warner w = { s, sc, sp };
			why = map_event(c, &rec.u.event, ov, n_ov, &w);
		} else {
			rec.kind = IO_REC_TODO;
			why = map_todo(c, &rec.u.todo);
		}
		if (why) {
			char pname[24] = "";
			int line = sp->line;
			if (!strcmp(why, "no DTSTART") && (lic = lic_error(c, "DTSTART"))) {
				why = "DTSTART: cannot be read";
				snprintf(pname, sizeof pname, "DTSTART");
			} else if (sscanf(why, "%23[A-Z-]", pname) == 1 && strcmp(pname, "DTSTART") &&
				   strchr(why, ':')) {
				lic = lic_error(c, pname);
			} else {
				lic = NULL;
				if (strncmp(why, "DTSTART", 7))
					pname[0] = '\0';
			}
			if (pname[0])
				line = prop_line(sc, sp, pname);
			snprintf(msg, sizeof msg, "%s: %s%s%s%s", sp->todo ? "VTODO" : "VEVENT", why,
				 lic ? " (libical: " : "", lic ? lic : "", lic ? ")" : "");
			rc = s->error(s->ud, line, msg);
		} else {
			rc = s->record(s->ud, &rec);
		}
		io_record_clear(&rec);
		item_done(cal, c);
	}
	for (size_t i = 0; i < n_ov; i++)
		free(ov[i].uid);
	free(ov);
	L->icalcomponent_free(cal);
	return rc;
}

int
io_parse_ics(const char *buf, size_t len, const struct io_sink *s)
{
	struct scan sc = {0};
	size_t tlen;
	char *text;
	const char *why = NULL;
	int rc;

	if (!ical_init(&why))
		return s->error(s->ud, 1, why);
	text = io_text_bytes(buf, len, &tlen);
	rc = scan_text(text, tlen, &sc, s);
	for (size_t i = 0; i < sc.n_blocks && rc == 0; i++)
		rc = parse_block(&sc, &sc.blocks[i], len, s);
	if (rc == 0 && sc.n_blocks == 0)
		rc = s->error(s->ud, 1, "no BEGIN:VCALENDAR, VEVENT or VTODO: not an iCalendar file");
	scan_free(&sc);
	free(text);
	return rc;
}

/* ---- recurrence ------------------------------------------------------------------- */

static struct icaltimetype
from_local(const char *s)
{
	struct icaltimetype t = L->icaltime_null_time();
	int y, mo, d, h = 0, mi = 0;

	if (sscanf(s, "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &h, &mi) >= 3) {
		t.year = y;
		t.month = mo;
		t.day = d;
		t.hour = h;
		t.minute = mi;
		t.is_date = strlen(s) <= 10;
	}
	return t;
}

/* A user-local "YYYY-MM-DD[ HH:MM]" as the same instant in zone z (a date stays one). */
static struct icaltimetype
local_in_zone(const char *s, icaltimezone *z)
{
	struct icaltimetype t = from_local(s);
	struct tm tm = {0};
	time_t tt;

	if (!z || t.is_date || L->icaltime_is_null_time(t))
		return t;
	tm.tm_year = t.year - 1900;
	tm.tm_mon = t.month - 1;
	tm.tm_mday = t.day;
	tm.tm_hour = t.hour;
	tm.tm_min = t.minute;
	tm.tm_isdst = -1;
	tt = mktime(&tm);
	return L->icaltime_from_timet_with_zone(tt, 0, z);
}

/* Is the occurrence `when` ("YYYYMMDD[THHMMSS]" in the series' zone) one of the EXDATEs? */
static bool
excluded(const char *ex, const char *when, bool by_day)
{
	size_t wl = strlen(when);

	for (const char *p = ex; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
		size_t n = strcspn(p, ",");
		if ((n == wl && !strncmp(p, when, n)) || ((n == 8 || by_day) && wl >= 8 &&
							     !strncmp(p, when, 8)))
			return true;
	}
	return false;
}

int
io_recur_expand(const char *start, const char *rrule, const char *from, const char *to,
		char (*out)[17], int max)
{
	return io_recur_expand_tz(NULL, start, rrule, from, to, out, max);
}

int
io_recur_expand_tz(const char *tzid, const char *start, const char *rrule, const char *from,
		   const char *to, char (*out)[17], int max)
{
	struct icalrecurrencetype rt;
	icalrecur_iterator *it;
	struct icaltimetype dt, lo, hi, t;
	icaltimezone *z;
	char *rule, *nl, *ex = NULL;
	int n = 0, guard = 0;

	if (!ical_init(NULL))
		return -1;
	dt = from_local(start);
	if (L->icaltime_is_null_time(dt) || !rrule)
		return -1;
	z = dt.is_date ? NULL : zone_named(tzid);
	{
		/* a listing expands each series over the same window */
		static char last_from[17], last_to[17];
		static icaltimezone *last_z;
		static struct icaltimetype last_lo, last_hi;
		static bool have;
		if (have && z == last_z && !strcmp(from, last_from) && !strcmp(to, last_to) &&
		    strlen(from) < sizeof last_from && strlen(to) < sizeof last_to) {
			lo = last_lo, hi = last_hi;
		} else {
			lo = local_in_zone(from, z), hi = local_in_zone(to, z);
			if (strlen(from) < sizeof last_from && strlen(to) < sizeof last_to) {
				memcpy(last_from, from, strlen(from) + 1);
				memcpy(last_to, to, strlen(to) + 1);
				last_z = z, last_lo = lo, last_hi = hi, have = true;
			}
		}
	}
	dt.zone = z;
	rule = xstrdup(rrule);
	if ((nl = strchr(rule, '\n'))) {
		*nl = '\0';
		if (!strncmp(nl + 1, "EXDATE:", 7))
			ex = nl + 8;
	}
	rt = L->icalrecurrencetype_from_string(rule);
	if (rt.freq == ICAL_NO_RECURRENCE || rt.interval < 1) {
		free(rule);
		return -1;
	}
	if (!(it = L->icalrecur_iterator_new(rt, dt))) {
		free(rule);
		return -1;
	}
	/* jump to the window instead of walking a long series from its start
	   (libical cannot for a rule with a COUNT: those are walked, boundedly) */
	if (!L->icaltime_is_null_time(lo) && L->icaltime_compare(lo, dt) > 0) {
		struct icaltimetype jump = lo;
		jump.is_date = dt.is_date;
		L->icalrecur_iterator_set_start(it, jump);
	}
	while (n < max && guard++ < 20000) {
		char local[17], wall[17], when[16];
		t = L->icalrecur_iterator_next(it);
		if (L->icaltime_is_null_time(t))
			break;
		t.is_date = dt.is_date;
		t.zone = z;
		if (!L->icaltime_is_null_time(hi) && L->icaltime_compare(t, hi) >= 0)
			break;
		if (!L->icaltime_is_null_time(lo) && L->icaltime_compare(t, lo) < 0)
			continue;
		if (!local_time(t, local) || !zone_time(t, z, wall))
			break;
		compact(wall, when);
		/* a series without a zone (written before kith kept one) matches its
		   EXDATEs by day: they were kept in local time and may drift an hour
		   from it across a daylight-saving change in the source's zone */
		if (ex && excluded(ex, when, !z))
			continue;
		memcpy(out[n++], local, 17);
	}
	L->icalrecur_iterator_free(it);
	free(rule);
	return n;
}

/* ---- export: time zones ----------------------------------------------------------- */

char *
io_ics_vtimezone(const char *tzid)
{
	icaltimezone *z;
	icalcomponent *c;
	char *text;
	struct strbuf sb = {0};

	if (!ical_init(NULL) || !(z = zone_named(tzid)) || z == L->icaltimezone_get_utc_timezone() ||
	    !(c = L->icaltimezone_get_component(z)) || !(text = L->icalcomponent_as_ical_string_r(c)))
		return NULL;
	/* libical names its zones "/freeassociation.sourceforge.net/America/Chicago":
	   the VTIMEZONE takes the name the events use */
	for (char *p = text; *p;) {
		size_t n = strcspn(p, "\r\n");
		if (n >= 5 && !strncmp(p, "TZID:", 5))
			sb_printf(&sb, "TZID:%s\r\n", tzid);
		else if (n)
			sb_printf(&sb, "%.*s\r\n", (int)n, p);
		p += n;
		while (*p == '\r' || *p == '\n')
			p++;
	}
	free(text);
	return sb_detach(&sb);
}

bool
io_ics_zone_known(const char *tzid)
{
	return ical_init(NULL) && zone_named(tzid) != NULL;
}

bool
io_ics_zone_is_utc(const char *tzid)
{
	return ical_init(NULL) && zone_named(tzid) == L->icaltimezone_get_utc_timezone();
}
