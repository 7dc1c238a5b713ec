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
#define L ics_L
#include "ics_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kith/date.h"
#include "kith/types.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"

/* ---- pass 2: libical -------------------------------------------------------------- */

static struct icaltimetype
prop_time(icalcomponent *c, icalproperty *p)
{
	return L->icalproperty_get_datetime_with_component(p, c);
}

char *
ics_text(const char *v)
{
	struct strbuf sb = {0};

	/* libical returns the value as written: undo the text escapes */
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

static char *
text_prop(icalcomponent *c, icalproperty_kind k)
{
	icalproperty *p = L->icalcomponent_get_first_property(c, k);
	const char *v;

	if (!p || !(v = L->icalproperty_get_value_as_string(p)))
		return NULL;
	return ics_text(v);
}

char *
ics_title(char *t)
{
	if (!str_empty(t))
		return t;
	free(t);
	return xstrdup("(no title)");
}

int
ics_guess_kind(const char *title)
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

const char *
ics_times(const struct ics_when *w, char start[17], char end[17], bool *all_day, bool todo)
{
	struct icaltimetype ts = w->ts, te = w->te;

	start[0] = end[0] = '\0';
	*all_day = false;
	if (w->has_start) {
		if (!ics_local_time(ts, start))
			return "DTSTART: not a date or date-time";
		*all_day = ts.is_date;
	} else if (!todo) {
		return "no DTSTART";
	}
	if (w->has_end) {
		if (!ics_local_time(te, end))
			return todo ? "DUE: not a date or date-time" : "DTEND: not a date or date-time";
		if (w->has_start && L->icaltime_compare(te, ts) < 0)
			return todo ? "DUE before DTSTART" : "DTEND before DTSTART";
	} else if (w->has_dur && w->has_start) {
		if (L->icaldurationtype_is_bad_duration(w->dur))
			return "DURATION: not a duration";
		te = L->icaltime_add(ts, w->dur);
		if (!ics_local_time(te, end))
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

/* The local start (and end) of an event or to-do; NULL or the problem. */
static const char *
times(icalcomponent *c, char start[17], char end[17], bool *all_day, bool todo)
{
	icalproperty *ps = L->icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
	icalproperty *pe = L->icalcomponent_get_first_property(c, todo ? ICAL_DUE_PROPERTY :
							      ICAL_DTEND_PROPERTY);
	icalproperty *pd = L->icalcomponent_get_first_property(c, ICAL_DURATION_PROPERTY);
	struct ics_when w = { ps != NULL, pe != NULL, pd != NULL, L->icaltime_null_time(),
			      L->icaltime_null_time(), {0} };

	if (ps)
		w.ts = prop_time(c, ps);
	if (pe)
		w.te = prop_time(c, pe);
	if (pd)
		w.dur = L->icalproperty_get_duration(pd);
	return ics_times(&w, start, end, all_day, todo);
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
	if (!ics_zone_time((*v)[*n].when, NULL, local))
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
	w->s->warn(w->s->ud, ics_prop_line(w->sc, w->sp, prop), msg);
}

icaltimezone *
ics_start_zone(struct icaltimetype ts, struct kith_event *e)
{
	icaltimezone *z = ics_zone_of(ts);
	char wall[17];

	if (!z || !ics_zone_time(ts, z, wall))
		return NULL;
	e->tzid = xstrdup(ics_zone_name(z));
	e->tz_start = xstrdup(wall);
	return z;
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
	icaltimezone *z = ics_start_zone(ts, &ev->e);

	if (z)
		return z;
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
	e->title = ics_title(text_prop(c, ICAL_SUMMARY_PROPERTY));
	e->kind = ics_guess_kind(e->title);
	e->location = text_prop(c, ICAL_LOCATION_PROPERTY);
	e->notes = text_prop(c, ICAL_DESCRIPTION_PROPERTY);
	if ((p = L->icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY))) {
		char local[17], when[16];
		struct icaltimetype t = prop_time(c, p);
		if (!ics_zone_time(t, ics_zone_of(t), local))
			return "RECURRENCE-ID: not a date or date-time";
		ics_compact(local, when);
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
			if (!ics_zone_time(prop_time(c, x), z, local))
				continue;
			ics_compact(local, when);
			sb_append(&rr, first ? "\nEXDATE:" : ",");
			sb_append(&rr, when);
			first = false;
		}
		/* an overridden occurrence, in the series' zone */
		for (size_t i = 0; i < n_ov && uid; i++) {
			char local[17], when[16];
			if (strcmp(ov[i].uid, uid) || !ics_zone_time(ov[i].when, z, local))
				continue;
			ics_compact(local, when);
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

int
ics_priority(int pr)
{
	return pr == 0 ? 0 : pr <= 3 ? 3 : pr <= 6 ? 2 : 1;
}

int
ics_todo_status(icalproperty_status st)
{
	return st == ICAL_STATUS_COMPLETED ? KITH_FSTATUS_DONE :
	       st == ICAL_STATUS_CANCELLED ? KITH_FSTATUS_DROPPED : KITH_FSTATUS_OPEN;
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
	f->title = ics_title(text_prop(c, ICAL_SUMMARY_PROPERTY));
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
		f->priority = ics_priority(pr);
	}
	f->status = ics_todo_status(L->icalcomponent_get_status(c));
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
	    const struct io_sink *s, bool quick)
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
		icalcomponent *c;
		icalcomponent_kind kind;
		struct io_record rec;
		const char *why, *lic = NULL;

		memset(&rec, 0, sizeof rec);
		rec.line = sp->line;
		rec.offset = total;
		rec.source = "ics";
		if (quick && ics_quick(sc->items.buf + sp->off, sp->len, sp->todo, &rec)) {
			rc = s->record(s->ud, &rec);
			io_record_clear(&rec);
			continue;
		}
		c = item_read(sc, sp, cal);
		kind = c ? L->icalcomponent_isa(c) : ICAL_NO_COMPONENT;
		if (kind != ICAL_VEVENT_COMPONENT && kind != ICAL_VTODO_COMPONENT) {
			if (c)
				item_done(cal, c);
			snprintf(msg, sizeof msg, "%s: libical cannot read it",
				 sp->todo ? "VTODO" : "VEVENT");
			rc = s->error(s->ud, sp->line, msg);
			continue;
		}
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
				line = ics_prop_line(sc, sp, pname);
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

/* quick: the plainest events and to-dos read without libical (ics_quick.c) */
static int
parse_ics(const char *buf, size_t len, const struct io_sink *s, bool quick)
{
	struct scan sc = {0};
	size_t tlen;
	char *text;
	const char *why = NULL;
	int rc;

	if (!ics_init(&why))
		return s->error(s->ud, 1, why);
	text = io_text_bytes(buf, len, &tlen);
	rc = ics_scan(text, tlen, &sc, s);
	for (size_t i = 0; i < sc.n_blocks && rc == 0; i++)
		rc = parse_block(&sc, &sc.blocks[i], len, s, quick);
	if (rc == 0 && sc.n_blocks == 0)
		rc = s->error(s->ud, 1, "no BEGIN:VCALENDAR, VEVENT or VTODO: not an iCalendar file");
	ics_scan_free(&sc);
	free(text);
	return rc;
}

int
io_parse_ics(const char *buf, size_t len, const struct io_sink *s)
{
	return parse_ics(buf, len, s, true);
}

int
io_parse_ics_libical(const char *buf, size_t len, const struct io_sink *s)
{
	return parse_ics(buf, len, s, false);
}
