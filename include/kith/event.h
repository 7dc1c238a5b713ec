/*
 * event.h: events and attendance.
 */
#ifndef KITH_EVENT_H
#define KITH_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;

struct kith_event {
	int64_t id;
	char *title;                /* required */
	int kind;                   /* enum kith_event_kind */
	char *start_at;             /* "YYYY-MM-DD HH:MM" or "YYYY-MM-DD" (all day); required;
				       a date alone makes all_day true */
	char *end_at;               /* or NULL */
	bool all_day;               /* true: start and end are stored as dates only */
	char *location;
	int64_t host_org_id;        /* 0: none */
	char *notes;
	char *rrule;                /* iCalendar RRULE or NULL */
	char *uid;                  /* iCalendar UID or NULL */
	/*
	** The event's own time zone and its start there (issue 14). Both NULL
	** when written: a timed event takes the user's zone (kdate_zone_name)
	** and start_at. An import sets both from DTSTART;TZID. A changed
	** start_at with the tz_start read from the event moves the event to the
	** user's zone. NULL on read for all-day events and older events.
	*/
	char *tzid;                 /* IANA zone name */
	char *tz_start;             /* "YYYY-MM-DD HH:MM" in tzid */
};
void event_free(struct kith_event *e);

enum kith_status event_add(struct kdb *db, const struct kith_event *e, int64_t *id_out,
			   struct kith_err *err);
enum kith_status event_get(struct kdb *db, int64_t id, struct kith_event *out,
			   struct kith_err *err);
enum kith_status event_update(struct kdb *db, const struct kith_event *e, struct kith_err *err);
enum kith_status event_delete(struct kdb *db, int64_t id, struct kith_err *err);
/* Each time zone events are kept in (kith_event.tzid), once, by name; fn returns non-zero to stop. */
enum kith_status event_zones(struct kdb *db, int (*fn)(void *ud, const char *tzid), void *ud,
			     struct kith_err *err);
/* Resolve an EVENT argument: id, exact title or unambiguous title prefix. */
enum kith_status event_resolve(struct kdb *db, const char *arg, int64_t *id_out,
			       struct kith_err *err);
/* The event with this iCalendar UID; KITH_NOTFOUND if none. */
enum kith_status event_find_uid(struct kdb *db, const char *uid, int64_t *id_out,
				struct kith_err *err);

struct event_query {
	bool past;                  /* false: upcoming (start >= from), soonest first;
				       true: past (start < from), newest first */
	const char *from;           /* "YYYY-MM-DD HH:MM" boundary; NULL: now. An
				       all-day event on from's day counts as
				       upcoming (not past) all that day. */
	const char *match;          /* FTS text or NULL */
};

struct event_row {
	int64_t id;
	const char *title;
	int kind;
	const char *start_at, *end_at, *location;
	bool all_day;
	long long attendees;        /* attendance rows */
	bool recurring;
	const char *rrule;          /* as stored ("" if none) */
	const char *tzid, *tz_start;/* the event's zone and start there ("" if none) */
};
typedef int (*event_row_fn)(void *ud, const struct event_row *row);
/* Window in q's order, anchored as contact_list. */
enum kith_status event_list(struct kdb *db, const struct event_query *q, int64_t anchor,
			    int dir, int limit, event_row_fn fn, void *ud, struct kith_err *err);
/*
** The same from a place in the order rather than an event: after (dir > 0)
** or before (start_at, id) = (k1, k2); k1 NULL: from the first or last. The
** Events pane places a running series by its next occurrence this way.
*/
enum kith_status event_list_key(struct kdb *db, const struct event_query *q, const char *k1,
				int64_t k2, int dir, int limit, event_row_fn fn, void *ud,
				struct kith_err *err);
/*
** With q->match, a search matching more than 250 events is listed in the
** order they were added, and event_count stops at 251 (cheap keystrokes).
*/
enum kith_status event_count(struct kdb *db, const struct event_query *q, long long *out,
			     struct kith_err *err);

/* Add or change a contact's attendance (role, status from enum kith_attend_*). */
enum kith_status attendance_set(struct kdb *db, int64_t event_id, int64_t contact_id,
				int role, int status, struct kith_err *err);
enum kith_status attendance_remove(struct kdb *db, int64_t event_id, int64_t contact_id,
				   struct kith_err *err);
/* The role a contact has on an event (host, speaker), KITH_AROLE_ATTENDEE if not on it. */
enum kith_status attendance_role(struct kdb *db, int64_t event_id, int64_t contact_id,
				 int *role, struct kith_err *err);

struct attendance_row {
	int64_t event_id, contact_id;
	const char *contact_name;
	const char *event_title, *event_start;
	int role, status;
	const char *last_at;        /* the contact's last touch */
};
typedef int (*attendance_row_fn)(void *ud, const struct attendance_row *row);
enum kith_status attendance_list_for_event(struct kdb *db, int64_t event_id,
					   attendance_row_fn fn, void *ud, struct kith_err *err);
/* Events of a contact, newest first. */
enum kith_status attendance_list_for_contact(struct kdb *db, int64_t contact_id, int limit,
					     attendance_row_fn fn, void *ud,
					     struct kith_err *err);

#endif
