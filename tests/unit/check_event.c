/*
 * check_event.c: events, their lists, and attendance.
 */
#include "testutil.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kith/contact.h"
#include "kith/event.h"
#include "kith/interaction.h"
#include "kith/merge.h"
#include "kith/org.h"
#include "kith/types.h"
#include "kith/xalloc.h"

TEST_DB_FIXTURE

static int64_t
person(const char *name)
{
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1 };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "add %s: %s", name, err.msg);
	return id;
}

static int64_t
event(const char *title, const char *start)
{
	struct kith_event e = { .title = (char *)title, .start_at = (char *)start };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(event_add(db, &e, &id, &err) == KITH_OK, "event %s: %s", title, err.msg);
	return id;
}

static const char *
last_at(int64_t id)
{
	static char buf[17];
	struct kith_contact c;
	ck_assert_int_eq(contact_get(db, id, &c, NULL), KITH_OK);
	snprintf(buf, sizeof buf, "%s", c.last_at);
	contact_free(&c);
	return buf;
}

struct evs {
	int64_t ids[64];
	long long attendees[64];
	bool recurring[64], all_day[64];
	int n;
};

static int
ev_cb(void *ud, const struct event_row *r)
{
	struct evs *x = ud;
	x->attendees[x->n] = r->attendees;
	x->recurring[x->n] = r->recurring;
	x->all_day[x->n] = r->all_day;
	x->ids[x->n++] = r->id;
	return 0;
}

/*
 * An event's own zone (issue 14): typed in, the user's; imported, the one
 * given; an edit that keeps the start keeps the zone, one that changes the
 * start (a time in the user's zone) moves it there; all day, none.
 */
START_TEST(test_zone)
{
	struct kith_err err;
	struct kith_event got;
	int64_t typed, imported, day;
	struct kith_event t = { .title = "Coffee", .start_at = "2026-03-12 08:00" };
	struct kith_event i = { .title = "Council", .start_at = "2026-03-12 01:30",
				.tzid = "America/Chicago", .tz_start = "2026-03-11 18:30",
				.rrule = "FREQ=MONTHLY;BYDAY=2WE" };
	struct kith_event d = { .title = "Fair", .start_at = "2026-04-01" };
	struct kith_event bad = { .title = "Bad", .start_at = "2026-03-12 08:00",
				  .tzid = "America/Chicago", .tz_start = "2026-03-12" };

	setenv("TZ", "Europe/Paris", 1);
	tzset();
	ck_assert_int_eq(event_add(db, &t, &typed, &err), KITH_OK);
	ck_assert_int_eq(event_get(db, typed, &got, &err), KITH_OK);
	ck_assert_str_eq(got.tzid, "Europe/Paris");
	ck_assert_str_eq(got.tz_start, "2026-03-12 08:00");
	event_free(&got);

	ck_assert_int_eq(event_add(db, &i, &imported, &err), KITH_OK);
	ck_assert_int_eq(event_get(db, imported, &got, &err), KITH_OK);
	ck_assert_str_eq(got.tzid, "America/Chicago");
	ck_assert_str_eq(got.tz_start, "2026-03-11 18:30");
	/* a new title: the zone stays */
	free(got.title);
	got.title = xstrdup("City council");
	ck_assert_int_eq(event_update(db, &got, &err), KITH_OK);
	event_free(&got);
	ck_assert_int_eq(event_get(db, imported, &got, &err), KITH_OK);
	ck_assert_str_eq(got.tzid, "America/Chicago");
	/* a new start, typed in Paris: the event is now in Paris */
	free(got.start_at);
	got.start_at = xstrdup("2026-03-12 19:00");
	ck_assert_int_eq(event_update(db, &got, &err), KITH_OK);
	event_free(&got);
	ck_assert_int_eq(event_get(db, imported, &got, &err), KITH_OK);
	ck_assert_str_eq(got.tzid, "Europe/Paris");
	ck_assert_str_eq(got.tz_start, "2026-03-12 19:00");
	event_free(&got);

	ck_assert_int_eq(event_add(db, &d, &day, &err), KITH_OK);
	ck_assert_int_eq(event_get(db, day, &got, &err), KITH_OK);
	ck_assert_ptr_null(got.tzid);
	ck_assert_ptr_null(got.tz_start);
	event_free(&got);

	ck_assert_int_eq(event_add(db, &bad, &day, &err), KITH_INVALID);
	ck_assert_ptr_nonnull(strstr(err.msg, "no time of day"));
	setenv("TZ", "UTC", 1);
	tzset();
}
END_TEST

START_TEST(test_crud)
{
	struct kith_err err;
	int64_t host, id, found;
	struct kith_event got;
	struct kith_org o = { .name = "City Council", .kind = KITH_ORG_GOVERNMENT };
	struct kith_event e = { .title = "Council meeting", .kind = KITH_EVENT_COUNCIL_MEETING,
				.start_at = "2026-03-12 18:30", .end_at = "2026-03-12 21:00",
				.location = "City Hall", .notes = "zoning item",
				.rrule = "FREQ=MONTHLY;BYDAY=2TH", .uid = "abc@city" };

	ck_assert_int_eq(org_add(db, &o, &host, &err), KITH_OK);
	e.host_org_id = host;
	ck_assert_int_eq(event_add(db, &e, &id, &err), KITH_OK);
	ck_assert_int_eq(event_get(db, id, &got, &err), KITH_OK);
	ck_assert_str_eq(got.title, "Council meeting");
	ck_assert_int_eq(got.kind, KITH_EVENT_COUNCIL_MEETING);
	ck_assert_str_eq(got.start_at, "2026-03-12 18:30");
	ck_assert_str_eq(got.end_at, "2026-03-12 21:00");
	ck_assert(!got.all_day);
	ck_assert_str_eq(got.location, "City Hall");
	ck_assert_int_eq(got.host_org_id, host);
	ck_assert_str_eq(got.rrule, "FREQ=MONTHLY;BYDAY=2TH");
	ck_assert_str_eq(got.uid, "abc@city");
	event_free(&got);
	ck_assert_int_eq(event_find_uid(db, "abc@city", &found, &err), KITH_OK);
	ck_assert_int_eq(found, id);
	ck_assert_int_eq(event_find_uid(db, "nope", &found, &err), KITH_NOTFOUND);

	/* a date alone is an all-day event */
	{
		struct kith_event d = { .title = "Fair", .start_at = "2026-04-01" };
		int64_t fid;
		ck_assert_int_eq(event_add(db, &d, &fid, &err), KITH_OK);
		ck_assert_int_eq(event_get(db, fid, &got, &err), KITH_OK);
		ck_assert(got.all_day);
		ck_assert_ptr_null(got.end_at);
		event_free(&got);
	}
	/* all_day keeps dates only, whatever times came with it */
	{
		struct kith_event d = { .title = "Retreat", .start_at = "2026-04-02 10:00",
					.end_at = "2026-04-03T12:00", .all_day = true };
		int64_t rid;
		ck_assert_int_eq(event_add(db, &d, &rid, &err), KITH_OK);
		ck_assert_int_eq(event_get(db, rid, &got, &err), KITH_OK);
		ck_assert(got.all_day);
		ck_assert_str_eq(got.start_at, "2026-04-02");
		ck_assert_str_eq(got.end_at, "2026-04-03");
		event_free(&got);
		ck_assert_int_eq(event_delete(db, rid, &err), KITH_OK);
	}
	/* a second event cannot take the same uid */
	{
		struct kith_event d = { .title = "Dup", .start_at = "2026-04-01", .uid = "abc@city" };
		ck_assert_int_eq(event_add(db, &d, NULL, &err), KITH_EXISTS);
		ck_assert_str_eq(err.msg, "uid abc@city: already used by event #1");
	}
	/* update keeps its own uid; deleting the host org clears the link */
	e.id = id;
	e.title = "Council meeting (moved)";
	e.start_at = "2026-03-19 18:30";
	e.end_at = NULL;
	ck_assert_int_eq(event_update(db, &e, &err), KITH_OK);
	ck_assert_int_eq(org_delete(db, host, &err), KITH_OK);
	ck_assert_int_eq(event_get(db, id, &got, &err), KITH_OK);
	ck_assert_str_eq(got.title, "Council meeting (moved)");
	ck_assert_str_eq(got.start_at, "2026-03-19 18:30");
	ck_assert_int_eq(got.host_org_id, 0);
	event_free(&got);
	e.id = 404;
	ck_assert_int_eq(event_update(db, &e, &err), KITH_NOTFOUND);
	ck_assert_int_eq(event_delete(db, id, &err), KITH_OK);
	ck_assert_int_eq(event_delete(db, id, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "event #1: no such event");
	ck_assert_int_eq(event_get(db, id, &got, &err), KITH_NOTFOUND);
}
END_TEST

START_TEST(test_validation)
{
	struct kith_err err;
	struct kith_event e = { .title = "X", .start_at = "2026-02-30" };
	struct event_query q = { .from = "2000-01-01" };
	long long n;

	ck_assert_int_eq(event_add(db, &e, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "start 2026-02-30: not a date");
	e.start_at = "next week";
	ck_assert_int_eq(event_add(db, &e, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "start next week: must be YYYY-MM-DD or \"YYYY-MM-DD HH:MM\"");
	e.start_at = NULL;
	ck_assert_int_eq(event_add(db, &e, NULL, &err), KITH_INVALID);
	e.start_at = "2026-03-10 10:00";
	e.end_at = "2026-03-10 09:00";
	ck_assert_int_eq(event_add(db, &e, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "end 2026-03-10 09:00: before the start 2026-03-10 10:00");
	e.end_at = "2026-03-10";      /* a date-only end on the same day is fine */
	e.title = "";
	ck_assert_int_eq(event_add(db, &e, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "title: must not be empty");
	e.title = "X";
	e.kind = 99;
	ck_assert_int_eq(event_add(db, &e, NULL, &err), KITH_INVALID);
	e.kind = 0;
	e.host_org_id = 5;
	ck_assert_int_eq(event_add(db, &e, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "organisation #5: no such organisation");
	e.host_org_id = 0;
	e.location = "\xC0\x80";
	ck_assert_int_eq(event_add(db, &e, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "location: not valid UTF-8");
	ck_assert_int_eq(event_count(db, &q, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 0);
	e.location = NULL;
	ck_assert_int_eq(event_add(db, &e, NULL, &err), KITH_OK);
	ck_assert_int_eq(event_count(db, &q, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 1);
	q.from = "whenever";
	ck_assert_int_eq(event_count(db, &q, &n, &err), KITH_INVALID);
}
END_TEST

START_TEST(test_resolve)
{
	struct kith_err err;
	int64_t a = event("Town hall on housing", "2026-03-01 19:00");
	int64_t b = event("Town hall on transit", "2026-03-08 19:00");
	int64_t c = event("School board budget", "2026-03-09 18:00");
	int64_t id;

	ck_assert_int_eq(event_resolve(db, "school board budget", &id, &err), KITH_OK);
	ck_assert_int_eq(id, c);
	ck_assert_int_eq(event_resolve(db, "town hall on t", &id, &err), KITH_OK);
	ck_assert_int_eq(id, b);
	ck_assert_int_eq(event_resolve(db, "town", &id, &err), KITH_AMBIGUOUS);
	ck_assert_msg(strstr(err.msg, "Town hall on housing, 2026-03-01 (#1)") != NULL, "%s",
		      err.msg);
	/* a word inside a title is offered, not chosen (issue 17, bug 4) */
	ck_assert_int_eq(event_resolve(db, "housing", &id, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "\"housing\": no event title starts with it; did you mean "
			 "\"Town hall on housing, 2026-03-01\" (#1)?");
	ck_assert_int_eq(id, 0);
	ck_assert_int_eq(event_resolve(db, "town hall on housing", &id, &err), KITH_OK);
	ck_assert_int_eq(id, a);
	ck_assert_int_eq(event_resolve(db, "2", &id, &err), KITH_OK);
	ck_assert_int_eq(id, b);
	ck_assert_int_eq(event_resolve(db, "gala", &id, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "\"gala\": no such event");
}
END_TEST

START_TEST(test_lists)
{
	struct kith_err err;
	struct evs up = { .n = 0 }, past = { .n = 0 }, page;
	struct event_query qu = { .past = false, .from = "2026-03-10 09:00" };
	struct event_query qp = { .past = true, .from = "2026-03-10 09:00" };
	int64_t early, allday, later;
	char title[32], start[32];
	long long n;

	for (int k = 0; k < 10; k++) {
		snprintf(title, sizeof title, "Past %d", k);
		snprintf(start, sizeof start, "2026-02-%02d 10:00", 10 + k);
		event(title, start);
		snprintf(title, sizeof title, "Future %d", k);
		snprintf(start, sizeof start, "2026-04-%02d 10:00", 10 + k);
		event(title, start);
	}
	/* today: earlier than from is past, the all-day one and later ones upcoming */
	early = event("Breakfast", "2026-03-10 07:30");
	allday = event("Fair", "2026-03-10");
	later = event("Lunch", "2026-03-10 12:00");
	{
		struct kith_event e = { .title = "Monthly", .start_at = "2026-05-01 10:00",
					.rrule = "FREQ=MONTHLY" };
		ck_assert_int_eq(event_add(db, &e, NULL, &err), KITH_OK);
	}

	ck_assert_int_eq(event_list(db, &qu, 0, 1, 100, ev_cb, &up, &err), KITH_OK);
	ck_assert_int_eq(up.n, 13);
	ck_assert_int_eq(up.ids[0], allday);
	ck_assert(up.all_day[0]);
	ck_assert_int_eq(up.ids[1], later);
	ck_assert(up.recurring[12]);
	ck_assert(!up.recurring[0]);
	ck_assert_int_eq(event_count(db, &qu, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 13);

	ck_assert_int_eq(event_list(db, &qp, 0, 1, 100, ev_cb, &past, &err), KITH_OK);
	ck_assert_int_eq(past.n, 11);
	ck_assert_int_eq(past.ids[0], early);       /* newest first */
	ck_assert_int_eq(event_count(db, &qp, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 11);

	/* paging forward by 4 equals the full read; backward from the end too */
	for (int which = 0; which < 2; which++) {
		struct evs *all = which ? &past : &up;
		struct event_query *q = which ? &qp : &qu;
		int64_t anchor = 0;
		int got = 0;
		do {
			page.n = 0;
			ck_assert_int_eq(event_list(db, q, anchor, 1, 4, ev_cb, &page, &err), KITH_OK);
			for (int k = 0; k < page.n; k++)
				ck_assert_int_eq(page.ids[k], all->ids[got + k]);
			got += page.n;
			if (page.n)
				anchor = page.ids[page.n - 1];
		} while (page.n == 4);
		ck_assert_int_eq(got, all->n);
		anchor = 0;
		got = 0;
		do {
			page.n = 0;
			ck_assert_int_eq(event_list(db, q, anchor, -1, 4, ev_cb, &page, &err),
					 KITH_OK);
			for (int k = 0; k < page.n; k++)
				ck_assert_int_eq(page.ids[k], all->ids[all->n - 1 - got - k]);
			got += page.n;
			if (page.n)
				anchor = page.ids[page.n - 1];
		} while (page.n == 4);
		ck_assert_int_eq(got, all->n);
	}

	/* search */
	qu.match = "futu 3";
	page.n = 0;
	ck_assert_int_eq(event_list(db, &qu, 0, 1, 100, ev_cb, &page, &err), KITH_OK);
	ck_assert_int_eq(page.n, 1);
	ck_assert_int_eq(event_count(db, &qu, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 1);
	/* NULL from: now (KITH_TODAY at 09:00) */
	qu.match = NULL;
	qu.from = NULL;
	ck_assert_int_eq(event_count(db, &qu, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 13);
	ck_assert_int_eq(event_list(db, &qu, 999, 1, 5, ev_cb, &page, &err), KITH_NOTFOUND);
}
END_TEST

/* Past the match cap a search lists newest entered first, pages both ways and stays filtered. */
START_TEST(test_many_matches)
{
	struct kith_err err;
	struct event_query q = { .past = false, .from = "2026-03-10 09:00", .match = "meet" };
	struct evs all = { .n = 0 }, page;
	char start[32];
	int64_t anchor = 0;
	long long n;
	int got = 0;

	for (int k = 0; k < 300; k++) {
		/* alternately past and upcoming, so ids interleave the two */
		snprintf(start, sizeof start, "2026-%02d-%02d 10:00", k % 2 ? 5 : 1, 1 + k % 28);
		event("Meeting", start);
	}
	ck_assert_int_eq(event_count(db, &q, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 251);                  /* counted no further than the cap */
	ck_assert_int_eq(event_list(db, &q, 0, 1, 64, ev_cb, &all, &err), KITH_OK);
	ck_assert_int_eq(all.n, 64);
	for (int k = 0; k < all.n; k++) {
		ck_assert_int_eq(all.ids[k], 300 - 2 * k);   /* upcoming only, newest first */
	}
	do {
		page.n = 0;
		ck_assert_int_eq(event_list(db, &q, anchor, 1, 8, ev_cb, &page, &err), KITH_OK);
		for (int k = 0; k < page.n && got + k < all.n; k++)
			ck_assert_int_eq(page.ids[k], all.ids[got + k]);
		got += page.n;
		if (page.n)
			anchor = page.ids[page.n - 1];
	} while (page.n == 8 && got < all.n);
	page.n = 0;
	ck_assert_int_eq(event_list(db, &q, all.ids[10], -1, 4, ev_cb, &page, &err), KITH_OK);
	ck_assert_int_eq(page.n, 4);
	for (int k = 0; k < 4; k++)
		ck_assert_int_eq(page.ids[k], all.ids[9 - k]);
}
END_TEST

struct atts {
	int64_t contacts[16];
	int roles[16], statuses[16];
	char last[16][17];
	int n;
};

static int
att_cb(void *ud, const struct attendance_row *r)
{
	struct atts *x = ud;
	x->roles[x->n] = r->role;
	x->statuses[x->n] = r->status;
	snprintf(x->last[x->n], 17, "%s", r->last_at);
	x->contacts[x->n++] = r->contact_id;
	return 0;
}

/* event_find_title_start's id, or 0 if none */
static int64_t
find_ts(const char *title, const char *start)
{
	struct kith_err err;
	int64_t id = 0;
	enum kith_status rc = event_find_title_start(db, title, start, &id, &err);
	ck_assert_msg(rc == KITH_OK || rc == KITH_NOTFOUND, "find %s: %s", title, err.msg);
	return rc == KITH_OK ? id : 0;
}

/*
** An import's lookup by title and start: in bulk mode the events it adds
** are found by the keys event_add keeps, the older ones with SQL, the
** first (the lowest id) wins as before, and an event whose record was
** rolled back (skip-invalid) is never found.
*/
START_TEST(test_find_title_start_bulk)
{
	struct kith_err err;
	int64_t old = event("Council", "2026-03-10 18:00"), vigil, gone;

	ck_assert_int_eq(kdb_bulk_mode(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	ck_assert_int_eq(find_ts("Council", "2026-03-10 18:00"), old);
	ck_assert_int_eq(find_ts("Vigil", "2026-03-11 19:00"), 0);
	vigil = event("Vigil", "2026-03-11 19:00");
	event("Vigil", "2026-03-11 19:00");
	event("Council", "2026-03-10 18:00");
	ck_assert_int_eq(find_ts("Vigil", "2026-03-11 19:00"), vigil);
	ck_assert_int_eq(find_ts("Council", "2026-03-10 18:00"), old);
	ck_assert_int_eq(find_ts("Vigil", "2026-03-11 19:01"), 0);
	ck_assert_int_eq(find_ts("vigil", "2026-03-11 19:00"), 0);
	/* the start as stored: an all-day event's is its date */
	event("Fair", "2026-03-14");
	ck_assert_int_ne(find_ts("Fair", "2026-03-14"), 0);
	/* a record rolled back takes its event with it */
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	gone = event("Picnic", "2026-03-12 12:00");
	ck_assert_int_eq(find_ts("Picnic", "2026-03-12 12:00"), gone);
	ck_assert_int_eq(kdb_batch_end(db, false, &err), KITH_OK);
	ck_assert_int_eq(find_ts("Picnic", "2026-03-12 12:00"), 0);
	ck_assert_int_eq(find_ts("Vigil", "2026-03-11 19:00"), vigil);
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_bulk_mode(db, false, &err), KITH_OK);
	ck_assert_int_eq(find_ts("Vigil", "2026-03-11 19:00"), vigil);
	ck_assert_int_eq(find_ts("Council", "2026-03-10 18:00"), old);
	ck_assert_int_eq(find_ts("Picnic", "2026-03-12 12:00"), 0);
}
END_TEST

START_TEST(test_attendance)
{
	struct kith_err err;
	int64_t zoe = person("Zoë"), ana = person("Ana"), bo = person("Bo");
	int64_t ev = event("Town hall", "2026-03-01 19:00");
	int64_t ev2 = event("Rally", "2026-03-05 12:00");
	struct atts x = { .n = 0 };
	struct evs list = { .n = 0 };
	struct event_query qp = { .past = true };

	/* invited is not a touch; met and attended are */
	ck_assert_int_eq(attendance_set(db, ev, zoe, KITH_AROLE_ATTENDEE, KITH_ASTATUS_INVITED,
					&err), KITH_OK);
	ck_assert_str_eq(last_at(zoe), "");
	ck_assert_int_eq(attendance_set(db, ev, zoe, KITH_AROLE_ATTENDEE, KITH_ASTATUS_MET, &err),
			 KITH_OK);
	ck_assert_str_eq(last_at(zoe), "2026-03-01 19:00");
	ck_assert_int_eq(attendance_set(db, ev, ana, KITH_AROLE_SPEAKER, KITH_ASTATUS_ATTENDED,
					&err), KITH_OK);
	ck_assert_int_eq(attendance_set(db, ev, bo, KITH_AROLE_HOST, KITH_ASTATUS_NO_SHOW, &err),
			 KITH_OK);
	ck_assert_str_eq(last_at(ana), "2026-03-01 19:00");
	ck_assert_str_eq(last_at(bo), "");

	ck_assert_int_eq(attendance_list_for_event(db, ev, att_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 3);
	{
		/* the role someone has on an event, kept when kith attend changes the status */
		int role = -1;

		ck_assert_int_eq(attendance_role(db, ev, bo, &role, &err), KITH_OK);
		ck_assert_int_eq(role, KITH_AROLE_HOST);
		ck_assert_int_eq(attendance_role(db, ev, ana, &role, &err), KITH_OK);
		ck_assert_int_eq(role, KITH_AROLE_SPEAKER);
		ck_assert_int_eq(attendance_role(db, ev, zoe, &role, &err), KITH_OK);
		ck_assert_int_eq(role, KITH_AROLE_ATTENDEE);
		/* not on the event: an attendee, and no error */
		ck_assert_int_eq(attendance_role(db, ev2, bo, &role, &err), KITH_OK);
		ck_assert_int_eq(role, KITH_AROLE_ATTENDEE);
		ck_assert_str_eq(err.msg, "");
	}
	ck_assert_int_eq(x.contacts[0], bo);          /* host, speaker, attendee */
	ck_assert_int_eq(x.roles[0], KITH_AROLE_HOST);
	ck_assert_int_eq(x.statuses[0], KITH_ASTATUS_NO_SHOW);
	ck_assert_int_eq(x.contacts[1], ana);
	ck_assert_int_eq(x.contacts[2], zoe);
	ck_assert_int_eq(x.statuses[2], KITH_ASTATUS_MET);
	ck_assert_str_eq(x.last[2], "2026-03-01 19:00");
	ck_assert_int_eq(event_list(db, &qp, 0, 1, 10, ev_cb, &list, &err), KITH_OK);
	ck_assert_int_eq(list.n, 2);
	ck_assert_int_eq(list.ids[1], ev);
	ck_assert_int_eq(list.attendees[1], 3);
	ck_assert_int_eq(list.attendees[0], 0);

	/* moving the event moves the touch; downgrading the status removes it */
	{
		struct kith_event e;
		ck_assert_int_eq(event_get(db, ev, &e, &err), KITH_OK);
		free(e.start_at);
		e.start_at = strdup("2026-03-02 19:00");
		ck_assert_int_eq(event_update(db, &e, &err), KITH_OK);
		event_free(&e);
	}
	ck_assert_str_eq(last_at(zoe), "2026-03-02 19:00");
	ck_assert_int_eq(attendance_set(db, ev2, zoe, KITH_AROLE_ATTENDEE, KITH_ASTATUS_ATTENDED,
					&err), KITH_OK);
	ck_assert_str_eq(last_at(zoe), "2026-03-05 12:00");
	x.n = 0;
	ck_assert_int_eq(attendance_list_for_contact(db, zoe, 10, att_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 2);
	ck_assert_int_eq(x.statuses[0], KITH_ASTATUS_ATTENDED);   /* newest first */
	x.n = 0;
	ck_assert_int_eq(attendance_list_for_contact(db, zoe, 1, att_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 1);
	ck_assert_int_eq(attendance_set(db, ev2, zoe, KITH_AROLE_ATTENDEE, KITH_ASTATUS_CONFIRMED,
					&err), KITH_OK);
	ck_assert_str_eq(last_at(zoe), "2026-03-02 19:00");
	ck_assert_int_eq(attendance_remove(db, ev, zoe, &err), KITH_OK);
	ck_assert_str_eq(last_at(zoe), "");
	ck_assert_int_eq(attendance_remove(db, ev, zoe, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #1: not on event #1");
	ck_assert_int_eq(attendance_remove(db, 99, zoe, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "event #99: no such event");
	ck_assert_int_eq(attendance_remove(db, ev, 99, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #99: no such contact");

	/* errors change nothing */
	ck_assert_int_eq(attendance_set(db, 99, zoe, 0, 0, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "event #99: no such event");
	ck_assert_int_eq(attendance_set(db, ev, 99, 0, 0, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #99: no such contact");
	ck_assert_int_eq(attendance_set(db, ev, zoe, 7, 0, &err), KITH_INVALID);
	ck_assert_int_eq(attendance_set(db, ev, zoe, 0, 9, &err), KITH_INVALID);
	x.n = 0;
	ck_assert_int_eq(attendance_list_for_event(db, ev, att_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 2);
	/* deleting the event drops its attendance and the touch it gave */
	ck_assert_int_eq(event_delete(db, ev, &err), KITH_OK);
	ck_assert_str_eq(last_at(ana), "");
}
END_TEST

/*
** Last contacted is kept by triggers: inserts compare with it, deletes and
** updates that take a touch away recompute it (migration 6). After every
** step of a random mix of writes it must equal what the view computes
** from all the touches, for every contact.
*/
static int
touch_mismatches(sqlite3 *h)
{
	sqlite3_stmt *st;
	int n;

	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT count(*) FROM contact_stat s JOIN "
					    "contact_touch_calc c USING (contact_id) "
					    "WHERE s.last_at != c.last_at", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

START_TEST(test_last_contacted_random)
{
	static const char *const days[] = { "2026-01-05 09:00", "2026-02-10 18:30",
		"2026-02-10 18:31", "2026-03-01 07:00", "2026-04-20 12:00", "2026-05-02" };
	int64_t who[5], ev[4], ints[64];
	int n_ints = 0;
	unsigned seed = 7;
	struct kith_err err;
	char *dir = test_tmpdir(), path[512], cmd[600];
	sqlite3 *h;

	/* every day above is past: an interaction is never dated after today */
	setenv("KITH_TODAY", "2026-06-01", 1);
	kdate_init_clock(NULL);
	/* a file, so that a second connection reads what the first wrote */
	kdb_close(db);
	snprintf(path, sizeof path, "%s/touch.db", dir);
	ck_assert_int_eq(kdb_open(path, KDB_CREATE, &db, &err), KITH_OK);
	for (int i = 0; i < 5; i++) {
		char name[16];
		snprintf(name, sizeof name, "P%d", i);
		who[i] = person(name);
	}
	for (int i = 0; i < 4; i++)
		ev[i] = event("Meeting", days[i + 1]);
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	for (int step = 0; step < 400; step++) {
		int op, a, b;
		seed = seed * 1103515245u + 12345u;
		op = (int)(seed >> 16) % 7;
		a = (int)(seed >> 8) % 5;
		b = (int)(seed >> 20) % 4;
		if (op <= 1) {          /* set or change an attendance */
			ck_assert_int_eq(attendance_set(db, ev[b], who[a], (int)(seed >> 4) % 3,
							(int)(seed >> 24) % 5, &err), KITH_OK);
		} else if (op == 2) {
			attendance_remove(db, ev[b], who[a], &err);
		} else if (op == 3 && n_ints < 64) {
			int64_t ids[2] = { who[a], who[(a + 1 + b) % 5] };
			struct kith_interaction in = { .at = (char *)days[(seed >> 12) % 6],
				.summary = "talked", .contact_ids = ids, .n_contacts = 1 + (b & 1) };
			ck_assert_int_eq(interaction_add(db, &in, &ints[n_ints++], &err), KITH_OK);
		} else if (op == 4 && n_ints > 0) {   /* move an interaction, or delete it */
			int k = (int)(seed >> 10) % n_ints;
			struct kith_interaction in;
			ck_assert_int_eq(interaction_get(db, ints[k], &in, &err), KITH_OK);
			if (b == 0) {
				ck_assert_int_eq(interaction_delete(db, ints[k], &err), KITH_OK);
				ints[k] = ints[--n_ints];
			} else {
				free(in.at);
				in.at = strdup(days[(seed >> 14) % 6]);
				in.contact_ids[0] = who[a];
				ck_assert_int_eq(interaction_update(db, &in, &err), KITH_OK);
			}
			interaction_free(&in);
		} else if (op == 5) {   /* give an attendance to another contact (no API does yet) */
			char sql[160];
			snprintf(sql, sizeof sql, "UPDATE OR IGNORE attendance SET contact_id = %lld "
				 "WHERE event_id = %lld AND contact_id = %lld", (long long)who[(a + 1) % 5],
				 (long long)ev[b], (long long)who[a]);
			ck_assert_int_eq(kdb_exec_script(db, sql, &err), KITH_OK);
		} else {                /* move an event */
			struct kith_event e;
			ck_assert_int_eq(event_get(db, ev[b], &e, &err), KITH_OK);
			free(e.start_at);
			e.start_at = strdup(days[(seed >> 6) % 5]);
			ck_assert_int_eq(event_update(db, &e, &err), KITH_OK);
			event_free(&e);
		}
		ck_assert_msg(touch_mismatches(h) == 0, "step %d (op %d): last contacted is wrong",
			      step, op);
	}
	sqlite3_close(h);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
}
END_TEST

static Suite *
event_suite(void)
{
	Suite *s = suite_create("event");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_crud);
	tcase_add_test(tc, test_zone);
	tcase_add_test(tc, test_validation);
	tcase_add_test(tc, test_resolve);
	tcase_add_test(tc, test_lists);
	tcase_add_test(tc, test_many_matches);
	tcase_add_test(tc, test_find_title_start_bulk);
	tcase_add_test(tc, test_attendance);
	tcase_add_test(tc, test_last_contacted_random);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(event_suite()) ? 1 : 0;
}
