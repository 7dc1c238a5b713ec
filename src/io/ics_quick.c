/*
 * ics_quick.c: the iCalendar reader's quick way for the plainest events and
 * to-dos (issue 14: 100,000 events and 100,000 to-dos in 2 s; libical took
 * 27,000 instructions to read one).
 *
 * An event or to-do whose every property is one kith maps, with a plain
 * value -- SUMMARY, LOCATION, DESCRIPTION and UID as text without
 * parameters; DTSTART, DTEND and DUE as a floating or UTC date-time, or a
 * date with VALUE=DATE; DURATION; PRIORITY; STATUS -- or one kith ignores
 * (DTSTAMP, CREATED, LAST-MODIFIED, SEQUENCE), is read here and mapped by
 * the same code as libical's reading (ics.c: ics_times, ics_text,
 * ics_start_zone). Everything else is left to libical: a TZID (a zone is
 * libical's), an RRULE, EXDATE or RECURRENCE-ID, an ATTENDEE, any other
 * property (kept aside under libical's name for it), any parameter but
 * VALUE=DATE, a nested component, a property twice, a value this does not
 * read exactly as libical does, and anything that makes an error (libical's
 * words explain it). check_ioparse holds the two readers to the same
 * records on the test corpus and on every shape of value read here.
 */
#define L ics_L
#include "ics_internal.h"

#include <stdlib.h>
#include <string.h>

#include "kith/types.h"
#include "kith/xalloc.h"

enum qslot {
	Q_SUMMARY, Q_LOCATION, Q_DESCRIPTION, Q_UID, Q_DTSTART, Q_DTEND, Q_DUE, Q_DURATION,
	Q_PRIORITY, Q_STATUS, Q_COUNT,
	Q_IGNORED = -1,             /* read and dropped by libical's reading too */
	Q_NOT = -2                  /* libical's */
};

static const struct {
	const char *name;
	enum qslot slot;
} qprops[] = {
	{ "SUMMARY", Q_SUMMARY }, { "LOCATION", Q_LOCATION }, { "DESCRIPTION", Q_DESCRIPTION },
	{ "UID", Q_UID }, { "DTSTART", Q_DTSTART }, { "DTEND", Q_DTEND }, { "DUE", Q_DUE },
	{ "DURATION", Q_DURATION }, { "PRIORITY", Q_PRIORITY }, { "STATUS", Q_STATUS },
	{ "DTSTAMP", Q_IGNORED }, { "CREATED", Q_IGNORED }, { "LAST-MODIFIED", Q_IGNORED },
	{ "SEQUENCE", Q_IGNORED },
};

/* libical's words for a STATUS (icalproperty_status) */
static const struct {
	const char *word;
	icalproperty_status st;
} qstatus[] = {
	{ "TENTATIVE", ICAL_STATUS_TENTATIVE }, { "CONFIRMED", ICAL_STATUS_CONFIRMED },
	{ "CANCELLED", ICAL_STATUS_CANCELLED }, { "NEEDS-ACTION", ICAL_STATUS_NEEDSACTION },
	{ "COMPLETED", ICAL_STATUS_COMPLETED }, { "IN-PROCESS", ICAL_STATUS_INPROCESS },
	{ "DRAFT", ICAL_STATUS_DRAFT }, { "FINAL", ICAL_STATUS_FINAL },
};

struct qval {
	const char *v;              /* the value as written; NULL: no such property */
	size_t n;
	bool date;                  /* ;VALUE=DATE */
};

static enum qslot
slot_of(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof qprops / sizeof qprops[0]; i++)
		if (strlen(qprops[i].name) == n && io_ieqn(name, qprops[i].name, n))
			return qprops[i].slot;
	return Q_NOT;
}

/*
** Text libical gives back as written: no control characters (libical
** writes a tab back as "\t"), and only the escapes ics_text undoes as
** libical does (\n \N \\ \, \;); none at all when `plain` (a UID, which
** libical hands over unescaped).
*/
static bool
text_ok(const char *v, size_t n, bool plain)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)v[i];
		if (ch < 0x20 || ch == 0x7f)
			return false;
		if (ch == '\\') {
			if (plain || i + 1 >= n || !strchr("nN\\,;", v[i + 1]))
				return false;
			i++;
		}
	}
	return !plain || (v[0] != ' ' && v[n - 1] != ' ');
}

static int
digits(const char *s, int n)
{
	int x = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	return x;
}

/* A date (VALUE=DATE: YYYYMMDD) or a floating or UTC date-time (YYYYMMDDTHHMMSS[Z]). */
static bool
read_time(const struct qval *q, struct icaltimetype *t)
{
	struct icaltimetype r = L->icaltime_null_time();

	if (q->date ? q->n != 8 : (q->n != 15 && !(q->n == 16 && q->v[15] == 'Z')))
		return false;
	if ((r.year = digits(q->v, 4)) < 0 || (r.month = digits(q->v + 4, 2)) < 0 ||
	    (r.day = digits(q->v + 6, 2)) < 0)
		return false;
	if (q->date) {
		r.is_date = 1;
	} else {
		if (q->v[8] != 'T' || (r.hour = digits(q->v + 9, 2)) < 0 ||
		    (r.minute = digits(q->v + 11, 2)) < 0 || (r.second = digits(q->v + 13, 2)) < 0)
			return false;
		if (q->n == 16)
			r.zone = L->icaltimezone_get_utc_timezone();
	}
	*t = r;
	return true;
}

/* The component's properties into v; false if one of them is libical's. */
static bool
lex(const char *text, size_t len, bool todo, struct qval v[Q_COUNT])
{
	const char *p = text, *end = text + len;
	const char *first = todo ? "BEGIN:VTODO" : "BEGIN:VEVENT";
	const char *last = todo ? "END:VTODO" : "END:VEVENT";
	bool ended = false;

	memset(v, 0, Q_COUNT * sizeof *v);
	for (int k = 0; p < end; k++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((eol ? eol : end) - p), name_n, par_n = 0;
		const char *colon, *par;
		enum qslot slot;
		bool date = false;

		if (n && p[n - 1] == '\r')
			n--;
		if (ended)
			return false;
		if (k == 0 || (n == strlen(last) && !memcmp(p, last, n))) {
			if (k == 0 && !(n == strlen(first) && !memcmp(p, first, n)))
				return false;
			ended = k > 0;
			p = eol ? eol + 1 : end;
			continue;
		}
		if (!(colon = memchr(p, ':', n)))
			return false;
		par = memchr(p, ';', (size_t)(colon - p));
		name_n = (size_t)((par ? par : colon) - p);
		if (par)
			par_n = (size_t)(colon - par);
		if ((slot = slot_of(p, name_n)) == Q_NOT || colon + 1 == p + n)
			return false;
		if (par) {
			/* ";VALUE=DATE", and only on a time */
			if (par_n != 11 || memcmp(par, ";VALUE=DATE", 11) ||
			    (slot != Q_DTSTART && slot != Q_DTEND && slot != Q_DUE))
				return false;
			date = true;
		}
		if (slot != Q_IGNORED) {
			if (v[slot].v)
				return false;
			v[slot].v = colon + 1;
			v[slot].n = (size_t)(p + n - (colon + 1));
			v[slot].date = date;
		}
		p = eol ? eol + 1 : end;
	}
	return ended;
}

/* A text value as libical's reading gives it (NULL: none). */
static char *
text_of(const struct qval *q)
{
	char *raw, *t;

	if (!q->v)
		return NULL;
	raw = xstrndup(q->v, q->n);
	t = ics_text(raw);
	free(raw);
	return t;
}

bool
ics_quick(const char *text, size_t len, bool todo, struct io_record *rec)
{
	struct qval v[Q_COUNT];
	struct ics_when w = { false, false, false, L->icaltime_null_time(), L->icaltime_null_time(),
			      {0} };
	const struct qval *qe = &v[todo ? Q_DUE : Q_DTEND];
	icalproperty_status st = ICAL_STATUS_NONE;
	char start[17], end[17];
	int pr = -1;
	bool all_day;

	if (!lex(text, len, todo, v))
		return false;
	for (int s = Q_SUMMARY; s <= Q_UID; s++)
		if (v[s].v && !text_ok(v[s].v, v[s].n, s == Q_UID))
			return false;
	if ((w.has_start = v[Q_DTSTART].v != NULL) && !read_time(&v[Q_DTSTART], &w.ts))
		return false;
	if ((w.has_end = qe->v != NULL) &&
	    (!read_time(qe, &w.te) || (w.has_start && (w.te.is_date != w.ts.is_date ||
						       w.te.zone != w.ts.zone))))
		return false;
	if ((w.has_dur = v[Q_DURATION].v != NULL)) {
		/* libical reads the value with this; a date and a duration are its */
		char buf[32];
		if (v[Q_DURATION].n >= sizeof buf || w.ts.is_date)
			return false;
		memcpy(buf, v[Q_DURATION].v, v[Q_DURATION].n);
		buf[v[Q_DURATION].n] = '\0';
		w.dur = L->icaldurationtype_from_string(buf);
		if (L->icaldurationtype_is_bad_duration(w.dur))
			return false;
	}
	if (v[Q_PRIORITY].v && (v[Q_PRIORITY].n > 2 || (pr = digits(v[Q_PRIORITY].v,
								      (int)v[Q_PRIORITY].n)) < 0 ||
				pr > 9))
		return false;
	if (v[Q_STATUS].v) {
		size_t i = 0;
		while (i < sizeof qstatus / sizeof qstatus[0] &&
		       !(strlen(qstatus[i].word) == v[Q_STATUS].n &&
			 !memcmp(qstatus[i].word, v[Q_STATUS].v, v[Q_STATUS].n)))
			i++;
		if (i == sizeof qstatus / sizeof qstatus[0])
			return false;
		st = qstatus[i].st;
	}
	if (ics_times(&w, start, end, &all_day, todo))
		return false;
	/* from here on it is read: as map_event and map_todo map it */
	if (!todo) {
		struct kith_event *e = &rec->u.event.e;
		rec->kind = IO_REC_EVENT;
		e->start_at = xstrdup(start);
		e->end_at = end[0] ? xstrdup(end) : NULL;
		e->all_day = all_day;
		ics_start_zone(w.ts, e);
		e->title = ics_title(text_of(&v[Q_SUMMARY]));
		e->kind = ics_guess_kind(e->title);
		e->location = text_of(&v[Q_LOCATION]);
		e->notes = text_of(&v[Q_DESCRIPTION]);
		if (v[Q_UID].v)
			e->uid = xstrndup(v[Q_UID].v, v[Q_UID].n);
		return true;
	}
	{
		struct io_todo_rec *t = &rec->u.todo;
		struct kith_followup *f = &t->f;
		rec->kind = IO_REC_TODO;
		f->title = ics_title(text_of(&v[Q_SUMMARY]));
		f->kind = KITH_FKIND_OTHER;
		if (end[0]) {
			end[10] = '\0';
			f->due = xstrdup(end);
		}
		if (pr >= 0)
			f->priority = ics_priority(pr);
		f->status = ics_todo_status(st);
		f->notes = text_of(&v[Q_DESCRIPTION]);
		if (v[Q_UID].v)
			t->uid = xstrndup(v[Q_UID].v, v[Q_UID].n);
		if (start[0])
			io_extra_add(&t->extras, &t->n_extras, "DTSTART", start);
	}
	return true;
}
