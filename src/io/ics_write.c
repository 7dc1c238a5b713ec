/*
 * ics_write.c: the iCalendar writer, beside its reader (ics.c): events as
 * VEVENT (in their own zone with its VTIMEZONE when libical knows it, else
 * floating, as stored; the recurrence rule and its EXDATEs; attendees with
 * an email), then open follow-ups as VTODO.
 */
#include "io_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/date.h"
#include "kith/merge.h"
#include "kith/types.h"
#include "kith/xalloc.h"


/* "YYYY-MM-DD HH:MM" -> "YYYYMMDDTHHMM00"; "YYYY-MM-DD" -> "YYYYMMDD". */
static void
ics_time(const char *t, char out[20])
{
	if (strlen(t) <= 10)
		snprintf(out, 20, "%.4s%.2s%.2s", t, t + 5, t + 8);
	else
		snprintf(out, 20, "%.4s%.2s%.2sT%.2s%.2s00", t, t + 5, t + 8, t + 11, t + 14);
}

static int
attendee_ics(void *ud, const struct attendance_row *r)
{
	struct io_walk *a = ud;
	struct kith_contact c;
	struct strbuf l = {0};
	static const char *const partstat[] = {
		[KITH_ASTATUS_INVITED] = "NEEDS-ACTION", [KITH_ASTATUS_CONFIRMED] = "ACCEPTED",
		[KITH_ASTATUS_ATTENDED] = "ACCEPTED", [KITH_ASTATUS_NO_SHOW] = "DECLINED",
		[KITH_ASTATUS_MET] = "ACCEPTED",
	};

	if (contact_get(a->db, r->contact_id, &c, NULL) != KITH_OK)
		return 0;
	if (c.n_emails) {
		sb_append(&l, "ATTENDEE;CN=\"");
		for (const char *p = c.display_name; *p; p++)
			if (*p != '"' && (unsigned char)*p >= 0x20)
				sb_appendc(&l, *p);
		sb_printf(&l, "\";PARTSTAT=%s%s:mailto:%s",
			  r->status >= 0 && r->status < KITH_ASTATUS_COUNT_ ? partstat[r->status] :
			  "NEEDS-ACTION", r->role == KITH_AROLE_HOST ? ";ROLE=CHAIR" : "",
			  c.emails[0].value);
		io_content_line(a->o, l.buf);
	}
	sb_free(&l);
	contact_free(&c);
	return 0;
}

static void
dtstamp(char out[20])
{
	struct kdatetime now = kdate_now();
	char t[KDATETIME_STR], u[KDATE_UTC_STR];

	now.has_time = true;
	kdatetime_format(now, t);
	/* RFC 5545: DTSTAMP is in UTC, "Z" */
	if (kdate_local_to_utc(t, u))
		snprintf(out, 20, "%.4s%.2s%.2sT%.2s%.2s00Z", u, u + 5, u + 8, u + 11, u + 14);
	else
		ics_time(t, out);
}

/*
 * An event kept in a zone libical knows is written in it, as its organiser
 * lives it: DTSTART;TZID=America/Chicago:20261110T183000 with the zone's
 * VTIMEZONE before the events, and its length as DURATION (the end is kept
 * in the user's zone); UTC is written with "Z". Otherwise (all day, no
 * zone) the times are floating, as stored.
 */
static bool
ics_zoned(const struct kith_event *e)
{
	return !e->all_day && !str_empty(e->tzid) && !str_empty(e->tz_start) &&
	       io_ics_zone_known(e->tzid);
}

static int
vtimezone_out(void *ud, const char *tzid)
{
	struct io_out *o = ud;
	char *vt = io_ics_vtimezone(tzid);

	if (vt)
		sb_append(&o->sb, vt);
	free(vt);
	return 0;
}

/* DTSTART (and DURATION) of a zoned event; EXDATE values get the zone too. */
static void
ics_zoned_times(struct io_out *o, const struct kith_event *e)
{
	char t[20], a[KDATE_UTC_STR], b[KDATE_UTC_STR];
	bool utc = io_ics_zone_is_utc(e->tzid);
	struct strbuf name = {0};

	ics_time(e->tz_start, t);
	if (utc) {
		strcat(t, "Z");
		io_prop_raw(o, "DTSTART", t);
	} else {
		sb_printf(&name, "DTSTART;TZID=%s", e->tzid);
		io_prop_raw(o, name.buf, t);
	}
	if (!str_empty(e->end_at) && kdate_local_to_utc(e->start_at, a) &&
	    kdate_local_to_utc(e->end_at, b)) {
		struct kdate x, y;
		int xh, xm, yh, ym;
		char d[32];
		if (sscanf(a, "%4d-%2d-%2dT%2d:%2dZ", &x.y, &x.m, &x.d, &xh, &xm) == 5 &&
		    sscanf(b, "%4d-%2d-%2dT%2d:%2dZ", &y.y, &y.m, &y.d, &yh, &ym) == 5) {
			long mins = (kdate_diff(y, x) * 24 + (yh - xh)) * 60 + (ym - xm);
			if (mins > 0) {
				snprintf(d, sizeof d, "PT%ldM", mins);
				io_prop_raw(o, "DURATION", d);
			}
		}
	}
	sb_free(&name);
}

static enum kith_status
write_vevent(struct io_out *o, struct kdb *db, struct io_row *r, struct kith_err *err)
{
	const struct kith_event *e = &r->ev;
	char t[20], stamp[20];
	struct io_walk a = { o, db, 0 };
	struct strbuf l = {0};

	dtstamp(stamp);
	sb_append(&o->sb, "BEGIN:VEVENT\r\n");
	if (!str_empty(e->uid))
		io_prop(o, "UID", e->uid);
	else {
		sb_printf(&l, "kith-event-%lld@kith", (long long)e->id);
		io_prop(o, "UID", l.buf);
		sb_reset(&l);
	}
	io_prop_raw(o, "DTSTAMP", stamp);
	ics_time(e->start_at, t);
	if (ics_zoned(e))
		ics_zoned_times(o, e);
	else
		io_prop_raw(o, e->all_day ? "DTSTART;VALUE=DATE" : "DTSTART", t);
	if (!str_empty(e->end_at) && !ics_zoned(e)) {
		if (e->all_day) {
			struct kdate d;
			char day[KDATE_STR];
			if (kdate_parse_iso(e->end_at, &d)) {
				kdate_format(kdate_add_days(d, 1), day);
				ics_time(day, t);
				io_prop_raw(o, "DTEND;VALUE=DATE", t);
			}
		} else {
			ics_time(e->end_at, t);
			io_prop_raw(o, "DTEND", t);
		}
	}
	io_prop(o, "SUMMARY", e->title);
	io_prop(o, "LOCATION", e->location);
	io_prop(o, "DESCRIPTION", e->notes);
	io_prop_raw(o, "X-KITH-KIND", kith_event_kind_name(e->kind));
	if (!str_empty(e->rrule)) {
		/* stored as "RULE[\nEXDATE:list]" */
		char *rr = xstrdup(e->rrule), *nl = strchr(rr, '\n');
		if (nl)
			*nl = '\0';
		io_prop_raw(o, "RRULE", rr);
		if (nl && !strncmp(nl + 1, "EXDATE:", 7) && ics_zoned(e)) {
			/* in the event's zone; a date alone (from a VALUE=DATE EXDATE) stays one */
			bool utc = io_ics_zone_is_utc(e->tzid);
			sb_reset(&l);
			for (char *p = nl + 8; *p;) {
				size_t n = strcspn(p, ",");
				if (n == 15)
					sb_printf(&l, "%s%.*s%s", l.len ? "," : "", (int)n, p,
						  utc ? "Z" : "");
				p += n + (p[n] == ',');
			}
			if (l.len) {
				char *v = sb_detach(&l);
				if (utc) {
					io_prop_raw(o, "EXDATE", v);
				} else {
					sb_printf(&l, "EXDATE;TZID=%s", e->tzid);
					io_prop_raw(o, l.buf, v);
					sb_reset(&l);
				}
				free(v);
			}
		} else if (nl && !strncmp(nl + 1, "EXDATE:", 7)) {
			io_prop_raw(o, strlen(e->start_at) <= 10 ? "EXDATE;VALUE=DATE" : "EXDATE", nl + 8);
		}
		free(rr);
	}
	sb_free(&l);
	if (attendance_list_for_event(db, e->id, attendee_ics, &a, err))
		return err ? err->code : KITH_DB;
	sb_append(&o->sb, "END:VEVENT\r\n");
	return KITH_OK;
}

static enum kith_status
write_vtodo(struct io_out *o, struct kdb *db, struct io_row *r, struct kith_err *err)
{
	const struct kith_followup *f = &r->fu;
	char *uid = followup_uid(db, f->id), t[20], stamp[20];
	static const int prio[] = { 0, 9, 5, 1 };
	char p[8];

	(void)err;
	dtstamp(stamp);
	sb_append(&o->sb, "BEGIN:VTODO\r\n");
	if (uid) {
		io_prop(o, "UID", uid);
	} else {
		char u[48];
		snprintf(u, sizeof u, "kith-followup-%lld@kith", (long long)f->id);
		io_prop(o, "UID", u);
	}
	io_prop_raw(o, "DTSTAMP", stamp);
	io_prop(o, "SUMMARY", f->title);
	if (!str_empty(f->due)) {
		ics_time(f->due, t);
		io_prop_raw(o, "DUE;VALUE=DATE", t);
	}
	if (f->priority > 0 && f->priority <= 3) {
		snprintf(p, sizeof p, "%d", prio[f->priority]);
		io_prop_raw(o, "PRIORITY", p);
	}
	io_prop_raw(o, "STATUS", f->status == KITH_FSTATUS_DONE ? "COMPLETED" :
		 f->status == KITH_FSTATUS_DROPPED ? "CANCELLED" : "NEEDS-ACTION");
	io_prop(o, "DESCRIPTION", f->notes);
	sb_append(&o->sb, "END:VTODO\r\n");
	free(uid);
	return KITH_OK;
}

enum kith_status
io_ics_export(struct io_out *o, struct kdb *db, struct kith_err *err)
{
	enum kith_status rc;

	sb_append(&o->sb, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kith//kith " KITH_VERSION_STR
		  "//EN\r\nCALSCALE:GREGORIAN\r\n");
	if ((rc = event_zones(db, vtimezone_out, o, err)) ||
	    (rc = io_each_row(o, db, IO_EVENTS, write_vevent, err)) ||
	    (rc = io_each_row(o, db, IO_OPEN_FOLLOWUPS, write_vtodo, err)))
		return rc;
	sb_append(&o->sb, "END:VCALENDAR\r\n");
	io_out_flush(o);
	return KITH_OK;
}
