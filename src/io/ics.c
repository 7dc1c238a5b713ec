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
 * UID, RRULE with its EXDATEs (stored "FREQ=...\nEXDATE:d1,d2" in local
 * time; kept in local time, a series loses its source zone, so across a
 * daylight-saving change there the occurrences may be an hour off),
 * ATTENDEE (by email, PARTSTAT to a status). An instance that
 * overrides one occurrence (RECURRENCE-ID) becomes an event of its own,
 * its UID "UID#occurrence", and the occurrence is excluded from the
 * series. VTODO: SUMMARY, DUE (or DTSTART + DURATION), PRIORITY (1-9 to
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
	int line;
	size_t first, n;            /* its properties in the plines array */
};

struct calblock {
	struct strbuf text;
	int line;
	size_t first_comp, n_comp;
	bool v1;                    /* vCalendar 1.0 */
};

struct scan {
	struct calblock *blocks;
	size_t n_blocks;
	struct comp *comps;
	size_t n_comps;
	struct pline *plines;
	size_t n_plines;
};

static void
scan_free(struct scan *sc)
{
	for (size_t i = 0; i < sc->n_blocks; i++)
		sb_free(&sc->blocks[i].text);
	free(sc->blocks);
	free(sc->comps);
	free(sc->plines);
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
				sc->blocks = xreallocarray(sc->blocks, sc->n_blocks + 1, sizeof *sc->blocks);
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
					sc->comps = xreallocarray(sc->comps, sc->n_comps + 1, sizeof *sc->comps);
					sc->comps[sc->n_comps].todo = !strcmp(val, "VTODO");
					sc->comps[sc->n_comps].line = lineno;
					sc->comps[sc->n_comps].first = sc->n_plines;
					sc->comps[sc->n_comps].n = 0;
				}
			}
			stack[depth].line = lineno;
			snprintf(stack[depth++].name, sizeof stack[0].name, "%s", val);
			if (depth >= 2)
				sb_printf(&comp, "%s\r\n", fixed.buf);
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
				sb_printf(&comp, "%s\r\n", fixed.buf);
			if (depth == 1) {
				bool ev = !strcmp(val, "VEVENT") || !strcmp(val, "VTODO");
				if (!broken) {
					sb_appendn(&cb->text, comp.buf, comp.len);
					if (ev) {
						sc->n_comps++;
						cb->n_comp++;
					}
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
			sb_printf(&cb->text, "%s\r\n", fixed.buf);
			continue;
		}
		sb_printf(&comp, "%s\r\n", fixed.buf);
		if (depth == 2 && sc->n_comps < SIZE_MAX && sc->comps &&
		    (!strcmp(stack[1].name, "VEVENT") || !strcmp(stack[1].name, "VTODO"))) {
			struct comp *c = &sc->comps[sc->n_comps];
			sc->plines = xreallocarray(sc->plines, sc->n_plines + 1, sizeof *sc->plines);
			snprintf(sc->plines[sc->n_plines].name, sizeof sc->plines[0].name, "%s", name);
			sc->plines[sc->n_plines++].line = lineno;
			c->n++;
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

static bool
local_time_raw(struct icaltimetype t, char out[17])
{
	if (L->icaltime_is_null_time(t) || !L->icaltime_is_valid_time(t) ||
	    t.year < 1 || t.year > 9999 || t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31)
		return false;
	if (t.is_date) {
		snprintf(out, 17, "%04d-%02d-%02d", t.year, t.month, t.day);
		return true;
	}
	if (t.zone) {
		time_t tt = L->icaltime_as_timet_with_zone(t, t.zone);
		struct tm tm;
		if (!localtime_r(&tt, &tm))
			return false;
		strftime(out, 17, "%Y-%m-%d %H:%M", &tm);
		return true;
	}
	snprintf(out, 17, "%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
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
		for (; *v; v++) {
			if (*v == '\\' && v[1]) {
				v++;
				sb_appendc(&sb, *v == 'n' || *v == 'N' ? '\n' : *v);
			} else {
				sb_appendc(&sb, *v);
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
	char *f = utf8_fold(title);
	int kind = KITH_EVENT_OTHER;

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strstr(f, words[i].word)) {
			kind = words[i].kind;
			break;
		}
	}
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
	char when[16];
};

static void
collect_overrides(icalcomponent *cal, struct override **v, size_t *n)
{
	for (icalcomponent *c = L->icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
	     c = L->icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		icalproperty *p =
			L->icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY);
		const char *uid = L->icalcomponent_get_uid(c);
		char local[17];
		if (!p || !uid || !local_time(prop_time(c, p), local))
			continue;
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[*n].uid = xstrdup(uid);
		compact(local, (*v)[*n].when);
		(*n)++;
	}
}

static const char *
map_event(icalcomponent *c, struct io_event_rec *ev, const struct override *ov, size_t n_ov)
{
	struct kith_event *e = &ev->e;
	char start[17], end[17];
	const char *why;
	bool all_day;
	icalproperty *p;
	struct strbuf rr = {0};
	const char *uid = L->icalcomponent_get_uid(c);

	if ((why = times(c, start, end, &all_day, false)))
		return why;
	e->start_at = xstrdup(start);
	e->end_at = end[0] ? xstrdup(end) : NULL;
	e->all_day = all_day;
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
		if (!local_time(prop_time(c, p), local))
			return "RECURRENCE-ID: not a date or date-time";
		compact(local, when);
		e->uid = io_strf("%s#%s", uid ? uid : "", when);
		io_extra_add(&ev->extras, &ev->n_extras, "RECURRENCE-ID", local);
	} else if (uid && *uid) {
		e->uid = xstrdup(uid);
	}
	if ((p = L->icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY))) {
		char *v = L->icalproperty_get_value_as_string_r(p);
		struct icalrecurrencetype rt = L->icalproperty_get_rrule(p);
		if (!v || rt.freq == ICAL_NO_RECURRENCE) {
			free(v);
			return "RRULE: not a recurrence rule";
		}
		sb_append(&rr, v);
		free(v);
		bool first = true;
		for (icalproperty *x =
			     L->icalcomponent_get_first_property(c, ICAL_EXDATE_PROPERTY);
		     x; x = L->icalcomponent_get_next_property(c, ICAL_EXDATE_PROPERTY)) {
			char local[17], when[16];
			if (!local_time(prop_time(c, x), local))
				continue;
			compact(local, when);
			sb_append(&rr, first ? "\nEXDATE:" : ",");
			sb_append(&rr, when);
			first = false;
		}
		for (size_t i = 0; i < n_ov && uid; i++) {
			if (strcmp(ov[i].uid, uid) || strstr(sb_str(&rr), ov[i].when))
				continue;
			sb_append(&rr, first ? "\nEXDATE:" : ",");
			sb_append(&rr, ov[i].when);
			first = false;
		}
		e->rrule = sb_detach(&rr);
	}
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

static int
parse_block(const struct scan *sc, const struct calblock *b, const char *base, size_t total,
	    const struct io_sink *s)
{
	icalcomponent *cal;
	struct override *ov = NULL;
	size_t n_ov = 0, k = 0;
	int rc = 0;
	char msg[200];

	(void)base;
	if (b->v1)
		return s->error(s->ud, b->line,
				"vCalendar 1.0 is not supported (export as iCalendar 2.0)");
	if (b->n_comp == 0)
		return 0;
	cal = L->icalparser_parse_string(sb_str(&b->text));
	if (!cal)
		return s->error(s->ud, b->line, "not a calendar libical can read");
	collect_overrides(cal, &ov, &n_ov);
	for (icalcomponent *c = L->icalcomponent_get_first_component(cal, ICAL_ANY_COMPONENT);
	     c && rc == 0; c = L->icalcomponent_get_next_component(cal, ICAL_ANY_COMPONENT)) {
		icalcomponent_kind kind = L->icalcomponent_isa(c);
		const struct comp *sp;
		struct io_record rec;
		const char *why, *lic = NULL;

		if (kind != ICAL_VEVENT_COMPONENT && kind != ICAL_VTODO_COMPONENT)
			continue;
		if (k >= b->n_comp)
			break;
		sp = &sc->comps[b->first_comp + k++];
		memset(&rec, 0, sizeof rec);
		rec.line = sp->line;
		rec.offset = total;
		rec.source = "ics";
		if (kind == ICAL_VEVENT_COMPONENT) {
			rec.kind = IO_REC_EVENT;
			why = map_event(c, &rec.u.event, ov, n_ov);
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
		rc = parse_block(&sc, &sc.blocks[i], text, len, s);
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

int
io_recur_expand(const char *start, const char *rrule, const char *from, const char *to,
		char (*out)[17], int max)
{
	struct icalrecurrencetype rt;
	icalrecur_iterator *it;
	struct icaltimetype dt, lo, hi, t;
	char *rule, *nl, *ex = NULL;
	int n = 0, guard = 0;

	if (!ical_init(NULL))
		return -1;
	dt = from_local(start), lo = from_local(from), hi = from_local(to);
	if (L->icaltime_is_null_time(dt) || !rrule)
		return -1;
	rule = xstrdup(rrule);
	if ((nl = strchr(rule, '\n'))) {
		*nl = '\0';
		if (!strncmp(nl + 1, "EXDATE:", 7))
			ex = nl + 8;
	}
	rt = L->icalrecurrencetype_from_string(rule);
	if (rt.freq == ICAL_NO_RECURRENCE) {
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
		char local[17], when[16];
		t = L->icalrecur_iterator_next(it);
		if (L->icaltime_is_null_time(t))
			break;
		t.is_date = dt.is_date;
		if (!L->icaltime_is_null_time(hi) && L->icaltime_compare(t, hi) >= 0)
			break;
		if (!L->icaltime_is_null_time(lo) && L->icaltime_compare(t, lo) < 0)
			continue;
		if (!local_time(t, local))
			break;
		compact(local, when);
		/* by day: a series kept in local time may drift an hour from its
		   EXDATEs across a daylight-saving change in the source's zone */
		when[8] = '\0';
		if (ex && strstr(ex, when))
			continue;
		memcpy(out[n++], local, 17);
	}
	L->icalrecur_iterator_free(it);
	free(rule);
	return n;
}
