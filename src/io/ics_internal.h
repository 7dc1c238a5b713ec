/*
 * ics_internal.h: what the iCalendar files share (ics.c reads, ics_scan.c
 * is its first pass, ics_time.c the times, zones and recurrence through
 * libical). Nothing outside src/io includes it.
 */
#ifndef KITH_ICS_INTERNAL_H
#define KITH_ICS_INTERNAL_H

#include "io_internal.h"

#include "ical_lib.h"
#include <libical/ical.h>

/* libical, opened by the first import or expansion that needs it (ics_time.c) */
extern const struct ical_lib *ics_L;
bool ics_init(const char **why);

/* ---- pass 1 (ics_scan.c): lines and structure ---- */

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

/*
** Pass 1 over the text: unfold and repair the lines, pair BEGIN and END,
** keep each calendar's own text and each event's and to-do's apart.
** Errors go to the sink; returns non-zero if it said stop.
*/
int ics_scan(const char *text, size_t len, struct scan *sc, const struct io_sink *s);
void ics_scan_free(struct scan *sc);
/* The line of the first property `name` of a component (else its BEGIN's). */
int ics_prop_line(const struct scan *sc, const struct comp *c, const char *name);

/* ---- pass 2: what libical's reading and the quick one share (ics.c) ---- */

/* The times of an event or to-do as read, before kith maps them. */
struct ics_when {
	bool has_start, has_end, has_dur;   /* DTSTART; DTEND (DUE of a to-do); DURATION */
	struct icaltimetype ts, te;
	struct icaldurationtype dur;
};

/* The local start (and end) of an event or to-do; NULL or the problem. */
const char *ics_times(const struct ics_when *w, char start[17], char end[17], bool *all_day,
		      bool todo);
/* A TEXT value as libical writes it: its escapes undone, made UTF-8, trimmed. */
char *ics_text(const char *v);
/* t, or "(no title)" for NULL or "" (t is freed). */
char *ics_title(char *t);
/* The kind of event a title names. */
int ics_guess_kind(const char *title);
/* The event's zone (its tzid and tz_start set) when its start is in one libical knows. */
icaltimezone *ics_start_zone(struct icaltimetype ts, struct kith_event *e);
/* An iCalendar PRIORITY (0-9) as kith's (0, 3-1); a to-do's STATUS as kith's. */
int ics_priority(int pr);
int ics_todo_status(icalproperty_status st);

/*
** The quick reader (ics_quick.c): an event or to-do (text, BEGIN to END, as
** pass 1 left it) that has nothing libical is needed for, mapped into rec
** as libical's reading would; false (rec untouched) for anything else.
*/
bool ics_quick(const char *text, size_t len, bool todo, struct io_record *rec);

/* ---- times and zones (ics_time.c) ---- */

/* The UTC zone for the names kith may store for it, else libical's built-in zone; or NULL. */
icaltimezone *ics_zone_named(const char *name);
/* The name kith stores for a zone from ics_zone_named. */
const char *ics_zone_name(icaltimezone *z);
/* The built-in zone of a time read from a file, UTC for "Z"; NULL for a date, floating, or unknown. */
icaltimezone *ics_zone_of(struct icaltimetype t);
/* t as the wall-clock time in zone z ("YYYY-MM-DD HH:MM"); z NULL: the user's zone. */
bool ics_zone_time(struct icaltimetype t, icaltimezone *z, char out[17]);
/* A libical time as kith's local "YYYY-MM-DD HH:MM" or "YYYY-MM-DD"; false if not a real one. */
bool ics_local_time(struct icaltimetype t, char out[17]);
/* "YYYYMMDD" or "YYYYMMDDTHHMMSS" of a local time string (for EXDATE lists). */
void ics_compact(const char *local, char out[16]);

#endif
