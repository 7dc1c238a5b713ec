/*
 * events_flow.h: the Events pane's workflows (events_flow.c): the prep
 * view on an event's card, recurring occurrences, attendance status, and
 * the debrief of a past event.
 */
#ifndef KITH_ENGINE_EVENTS_FLOW_H
#define KITH_ENGINE_EVENTS_FLOW_H

#include "panes.h"

/*
** The people part of an event's card: each attendee with role and status,
** their last interaction, open commitments and map positions.
*/
/*
** The prep view of an event: its people, each with the last interaction,
** open commitments and map positions, at most max_people of them (three
** queries each: the card beside the list shows a few, Enter shows all).
*/
void events_prep(struct engine *e, struct page *pg, int64_t event_id, int max_people);
/*
** The next occurrences of a recurring event (from now, for a year, at most
** max) as "YYYY-MM-DD[ HH:MM]" in the user's zone into out; returns how
** many (0 if none or not recurring). The series is expanded in its own zone
** (tzid, tz_start) when it has one, else from start_at in the user's.
*/
int events_next(const char *tzid, const char *tz_start, const char *start_at, const char *rrule,
		char (*out)[17], int max);
/* s on an event: pick an attendee, then their status. */
int events_attendance_status(struct engine *e, int64_t event_id);
/* b on a past event: who did you meet, a line each, thank-you follow-ups. */
int events_debrief(struct engine *e, int64_t event_id);

#endif
