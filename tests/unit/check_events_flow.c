/*
 * check_events_flow.c: the Events pane's workflows under a real engine,
 * headless (clock fixed at 2026-03-10 09:00): the prep view of an event's
 * card, attendance status through pick lists, the debrief of a past event
 * (interactions, "met", thank-you follow-ups, one undo step), recurring
 * events expanded for display, and `:import FILE` with its progress.
 */
#include <stdio.h>
#include <time.h>

#include "testutil.h"

#include "kith/contact.h"
#include "kith/engine.h"
#include "kith/event.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/merge.h"
#include "kith/org.h"
#include "kith/powermap.h"
#include "kith/types.h"

static struct kdb *db;
static struct engine *e;
static int64_t ana, ben, carla, meeting, council, series;

static int64_t
person(const char *name, const char *email)
{
	struct kith_contact c = { 0 };
	struct kith_channel ch = { "", (char *)email };
	struct kith_err err;
	int64_t id = 0;

	c.display_name = (char *)name;
	c.cadence_days = -1;
	if (email) {
		c.emails = &ch;
		c.n_emails = 1;
	}
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
}

static int64_t
event(const char *title, const char *start, const char *rrule)
{
	struct kith_event ev = { 0 };
	struct kith_err err;
	int64_t id = 0;

	ev.title = (char *)title;
	ev.start_at = (char *)start;
	ev.rrule = (char *)rrule;
	ck_assert_msg(event_add(db, &ev, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
}

static void
setup(void)
{
	struct kith_err err;
	struct kith_interaction in = { 0 };
	struct kith_followup f = { 0 };
	struct kith_map map = { 0 };
	int64_t bond;

	setenv("TZ", "UTC", 1);
	tzset();
	db = test_db_open();
	ana = person("Ana Lima", "ana@city.gov");
	ben = person("Ben Ortiz", NULL);
	carla = person("Carla Diaz", NULL);
	in.at = "2026-02-26 10:00";
	in.kind = KITH_IKIND_COFFEE;
	in.summary = "coffee about zoning";
	in.contact_ids = &ana;
	in.n_contacts = 1;
	ck_assert_int_eq(interaction_add(db, &in, NULL, &err), KITH_OK);
	f.contact_id = ana;
	f.title = "send the draft ordinance";
	f.due = "2026-03-13";
	f.direction = KITH_DIR_OWE;
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_OK);
	map.name = "Bond 2027";
	ck_assert_int_eq(map_add(db, &map, &bond, &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, bond, ana, 0, 4, 1, NULL, NULL, &err), KITH_OK);
	/* upcoming: Thursday's council meeting; past: last week's meetup */
	council = event("Council meeting", "2026-03-12 19:00", NULL);
	meeting = event("Neighbourhood meetup", "2026-03-03 18:00", NULL);
	series = event("Planning commission", "2026-01-13 18:00",
		       "FREQ=MONTHLY;BYDAY=2TU\nEXDATE:20260414T180000");
	ck_assert_int_eq(attendance_set(db, council, ana, KITH_AROLE_SPEAKER, KITH_ASTATUS_CONFIRMED,
					&err), KITH_OK);
	ck_assert_int_eq(attendance_set(db, council, ben, KITH_AROLE_ATTENDEE, KITH_ASTATUS_INVITED,
					&err), KITH_OK);
	ck_assert_int_eq(attendance_set(db, meeting, ana, KITH_AROLE_ATTENDEE, KITH_ASTATUS_CONFIRMED,
					&err), KITH_OK);
	ck_assert_int_eq(attendance_set(db, meeting, ben, KITH_AROLE_ATTENDEE, KITH_ASTATUS_INVITED,
					&err), KITH_OK);
	ck_assert_int_eq(attendance_set(db, meeting, carla, KITH_AROLE_ATTENDEE, KITH_ASTATUS_INVITED,
					&err), KITH_OK);
	e = test_engine_new(db, 10, 30);
}

static void
teardown(void)
{
	test_engine_free(&e, &db);
}

static const struct view *
view(void)
{
	return engine_view(e);
}

static const char *
sel_cell(int col)
{
	const struct view *v = view();
	ck_assert_int_ge(v->list.selected, 0);
	return v->list.rows[v->list.selected].cells[col];
}

static bool
detail_has(const char *text)
{
	const struct view *v = view();
	for (int i = 0; i < v->detail.nlines; i++)
		if (strstr(v->detail.lines[i].text, text))
			return true;
	return false;
}

/* Select the event row titled `title` in the current list. */
static void
select_event(const char *title)
{
	engine_keys(e, "gg");
	for (int i = 0; i < 20 && strcmp(sel_cell(1), title); i++)
		engine_keys(e, "j");
	ck_assert_str_eq(sel_cell(1), title);
}

static int
status_of(int64_t ev, int64_t who)
{
	int st = -1;
	ck_assert_int_eq(attendance_status(db, ev, who, &st, NULL), KITH_OK);
	return st;
}

START_TEST(test_prep_view)
{
	engine_keys(e, "2");
	select_event("Council meeting");
	engine_keys(e, "<Enter>");
	ck_assert(detail_has("People (A adds one, s sets a status, b debriefs)"));
	ck_assert(detail_has("Ana Lima                 confirmed speaker"));
	ck_assert(detail_has("last: 12d ago, 2026-02-26 coffee: coffee about zoning"));
	ck_assert(detail_has("you owe: send the draft ordinance, due 2026-03-13"));
	ck_assert(detail_has("map Bond 2027: influence 4, passive ally"));
	ck_assert(detail_has("Ben Ortiz                invited"));
	ck_assert(detail_has("never talked"));
}
END_TEST

START_TEST(test_attendance_status)
{
	engine_keys(e, "2");
	select_event("Council meeting");
	engine_keys(e, "s");
	ck_assert_int_eq(view()->mode, VM_PICK);
	engine_keys(e, "/ben<Enter>");
	ck_assert_int_eq(view()->mode, VM_PICK);         /* now the status */
	engine_keys(e, "/conf<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(status_of(council, ben), KITH_ASTATUS_CONFIRMED);
	engine_keys(e, "u");
	ck_assert_int_eq(status_of(council, ben), KITH_ASTATUS_INVITED);
}
END_TEST

static long long
open_thank_yous(int64_t who)
{
	struct followup_query q = { .contact_id = who };
	long long n = 0;
	ck_assert_int_eq(followup_count(db, &q, &n, NULL), KITH_OK);
	return n;
}

static int
first_interaction(void *ud, const struct interaction_row *r)
{
	char *out = ud;
	snprintf(out, 200, "%s|%s|%lld", r->at, r->summary, (long long)r->event_id);
	return 1;
}

START_TEST(test_debrief)
{
	char line[200] = "";
	struct kith_contact c;

	/* an upcoming event cannot be debriefed yet */
	engine_keys(e, "2");
	select_event("Council meeting");
	engine_keys(e, "b");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_ptr_nonnull(strstr(view()->message, "has not happened yet"));

	/* the past meetup: met Ana and Carla, not Ben */
	engine_keys(e, "zp");
	select_event("Neighbourhood meetup");
	engine_keys(e, "b");
	ck_assert_int_eq(view()->mode, VM_FORM);
	engine_keys(e, "talked parking minimums<Tab><Tab>wants a crosswalk on 5th<Tab>");
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_ptr_nonnull(strstr(view()->message, "met 2, thank-you follow-ups due 2026-03-12"));
	ck_assert_int_eq(status_of(meeting, ana), KITH_ASTATUS_MET);
	ck_assert_int_eq(status_of(meeting, ben), KITH_ASTATUS_INVITED);
	ck_assert_int_eq(status_of(meeting, carla), KITH_ASTATUS_MET);
	interaction_list_for_contact(db, carla, 0, 1, first_interaction, line, NULL);
	ck_assert_str_eq(line, "2026-03-03 18:00|wants a crosswalk on 5th|2");
	ck_assert_int_eq(open_thank_yous(carla), 1);
	ck_assert_int_eq(open_thank_yous(ana), 2);       /* the promise, and the thank-you */
	ck_assert_int_eq(open_thank_yous(ben), 0);
	/* meeting Carla counts as a touch */
	ck_assert_int_eq(contact_get(db, carla, &c, NULL), KITH_OK);
	ck_assert_str_eq(c.last_at, "2026-03-03 18:00");
	contact_free(&c);
	/* one step undoes the whole debrief */
	engine_keys(e, "u");
	ck_assert_msg(!view()->message_is_error, "%s", view()->message);
	ck_assert_int_eq(status_of(meeting, carla), KITH_ASTATUS_INVITED);
	ck_assert_int_eq(open_thank_yous(carla), 0);
	ck_assert_int_eq(open_thank_yous(ana), 1);
}
END_TEST

START_TEST(test_debrief_without_thanks)
{
	engine_keys(e, "2zp");
	select_event("Neighbourhood meetup");
	engine_keys(e, "b");
	/* clear the proposed date: no follow-ups */
	engine_keys(e, "hello<Tab><Tab><Tab><C-u><Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(status_of(meeting, ana), KITH_ASTATUS_MET);
	ck_assert_int_eq(open_thank_yous(ana), 1);
}
END_TEST

START_TEST(test_recurring)
{
	/* the series began in January: it heads the upcoming list at its next occurrence */
	engine_keys(e, "2gg");
	ck_assert_int_eq(view()->list.total, 2);
	ck_assert_str_eq(sel_cell(1), "Planning commission");
	ck_assert_str_eq(sel_cell(0), "2026-03-10 18:00 ↻");
	engine_keys(e, "j");
	ck_assert_str_eq(sel_cell(1), "Council meeting");
	engine_keys(e, "k");
	ck_assert_str_eq(sel_cell(1), "Planning commission");
	engine_keys(e, "G");
	ck_assert_str_eq(sel_cell(1), "Council meeting");
	engine_keys(e, "zp");
	select_event("Planning commission");       /* and is a past row by its start */
	/* the list shows the next occurrence, the card the next ones (April 14 is excluded) */
	ck_assert_str_eq(sel_cell(0), "2026-03-10 18:00 ↻");    /* today is its 2nd Tuesday */
	engine_keys(e, "<Enter>");
	ck_assert(detail_has("repeats  every 2nd Tuesday, not 14 Apr"));
	ck_assert(detail_has("next     2026-03-10 18:00"));
	ck_assert(detail_has("2026-05-12 18:00"));
	ck_assert(detail_has("2026-06-09 18:00"));
	ck_assert(!detail_has("2026-04-14"));
}
END_TEST

/* A running series sits among the one-off events at its next occurrence (issue 14). */
START_TEST(test_series_in_order)
{
	event("Board of appeals", "2026-01-20 19:00", "FREQ=MONTHLY");
	engine_keys(e, "2gg");
	ck_assert_int_eq(view()->list.total, 3);
	ck_assert_str_eq(sel_cell(1), "Planning commission");
	engine_keys(e, "j");
	ck_assert_str_eq(sel_cell(1), "Council meeting");
	ck_assert_str_eq(sel_cell(0), "2026-03-12 19:00");
	engine_keys(e, "j");
	ck_assert_str_eq(sel_cell(1), "Board of appeals");
	ck_assert_str_eq(sel_cell(0), "2026-03-20 19:00 ↻");
	engine_keys(e, "k");
	ck_assert_str_eq(sel_cell(1), "Council meeting");
	engine_keys(e, "gg");
	ck_assert_str_eq(sel_cell(1), "Planning commission");
	engine_keys(e, "G");
	ck_assert_str_eq(sel_cell(1), "Board of appeals");
	engine_keys(e, "<Enter>");
	ck_assert(detail_has("repeats  every month"));
}
END_TEST

START_TEST(test_series_windows)
{
	char title[64], seen[40][64];
	int total;

	/* more series and events than a window (10 rows): paging stays consistent */
	for (int i = 0; i < 15; i++) {
		char start[32];
		snprintf(title, sizeof title, "Series %02d", i);
		snprintf(start, sizeof start, "2026-01-%02d 08:00", 1 + i);
		event(title, start, "FREQ=WEEKLY");
		snprintf(title, sizeof title, "Event %02d", i);
		snprintf(start, sizeof start, "2026-04-%02d 08:00", 1 + i);
		event(title, start, NULL);
	}
	engine_keys(e, "2gg");
	total = (int)view()->list.total;
	ck_assert_int_eq(total, 32);
	for (int i = 0; i < total; i++) {
		snprintf(seen[i], sizeof seen[i], "%s|%s", sel_cell(0), sel_cell(1));
		engine_keys(e, "j");
	}
	/* 16 series by next occurrence among the 16 events by start, all in order */
	{
		int n_series = 0;
		for (int i = 0; i < total; i++)
			n_series += strstr(seen[i], "↻") != NULL;
		ck_assert_int_eq(n_series, 16);
	}
	for (int i = 1; i < total; i++)
		ck_assert_msg(strcmp(seen[i - 1], seen[i]) < 0, "%s before %s", seen[i - 1], seen[i]);
	/* and back up, and from the end */
	for (int i = total - 1; i >= 0; i--) {
		snprintf(title, sizeof title, "%s|%s", sel_cell(0), sel_cell(1));
		ck_assert_str_eq(title, seen[i]);
		engine_keys(e, "k");
	}
	engine_keys(e, "G");
	snprintf(title, sizeof title, "%s|%s", sel_cell(0), sel_cell(1));
	ck_assert_str_eq(title, seen[total - 1]);
	engine_keys(e, "<PgUp><PgUp><PgUp><PgUp>");
	snprintf(title, sizeof title, "%s|%s", sel_cell(0), sel_cell(1));
	ck_assert_str_eq(title, seen[0]);
}
END_TEST

/* The "when" cell without the series mark: the place of a row in the list. */
static void
row_key(char *out, size_t n)
{
	const char *mark = strstr(sel_cell(0), " ↻");

	snprintf(out, n, "%.*s", mark ? (int)(mark - sel_cell(0)) : (int)strlen(sel_cell(0)),
		 sel_cell(0));
}

/*
 * All-day and timed series on one day, more than a window of them: the list
 * sorts the series and merges pages by one order (an all-day "2026-03-12"
 * before "2026-03-12 08:00", as one-off events are), so paging across that
 * day (a page ends on it) neither skips nor repeats a row, down or up, in
 * every zone.
 */
START_TEST(test_series_allday_paging)
{
	static const char *zones[] = { "UTC", "America/New_York", "Asia/Kolkata" };
	char title[64], start[32], key[32], prev[32], seen[40][64];
	int total;

	for (int i = 0; i < 6; i++) {   /* weekly on Thursdays: next 2026-03-12 */
		snprintf(title, sizeof title, "Day series %d", i);
		snprintf(start, sizeof start, "2026-01-%02d", 1 + 7 * (i % 3));
		event(title, start, "FREQ=WEEKLY");
		snprintf(title, sizeof title, "Timed series %d", i);
		snprintf(start, sizeof start, "2026-01-%02d %02d:00", 1 + 7 * (i % 3), 8 + i);
		event(title, start, "FREQ=WEEKLY");
	}
	event("Day event", "2026-03-12", NULL);
	event("Later event", "2026-03-13 09:00", NULL);
	for (size_t z = 0; z < sizeof zones / sizeof *zones; z++) {
		setenv("TZ", zones[z], 1);
		tzset();
		engine_free(e);
		e = test_engine_new(db, 4, 30);   /* loads 8 rows, then 8 at a time */
		engine_keys(e, "2gg");
		total = (int)view()->list.total;
		ck_assert_int_eq(total, 16);
		prev[0] = 0;
		for (int i = 0; i < total; i++) {
			row_key(key, sizeof key);
			ck_assert_msg(strcmp(prev, key) <= 0, "%s: %s after %s", zones[z], key, prev);
			snprintf(prev, sizeof prev, "%s", key);
			snprintf(seen[i], sizeof seen[i], "%s", sel_cell(1));
			for (int j = 0; j < i; j++)
				ck_assert_msg(strcmp(seen[j], seen[i]), "%s: %s again at row %d (first %d): a row skipped or repeated",
					      zones[z], seen[i], i, j);
			engine_keys(e, "j");
		}
		/* every row once: none skipped */
		ck_assert_str_eq(sel_cell(1), seen[total - 1]);
		ck_assert_str_eq(seen[total - 1], "Later event");
		for (int i = total - 1; i >= 0; i--) {
			ck_assert_msg(!strcmp(sel_cell(1), seen[i]), "%s: up, row %d is %s, down it was %s",
				      zones[z], i, sel_cell(1), seen[i]);
			engine_keys(e, "k");
		}
	}
}
END_TEST

static int progress_calls;
static char last_progress[200];

static void
on_progress(void *ud, const char *text)
{
	(void)ud;
	progress_calls++;
	snprintf(last_progress, sizeof last_progress, "%s", text);
}

START_TEST(test_import_command)
{
	char dir[] = "/tmp/kith-evflow.XXXXXX", path[64];
	FILE *f;
	int64_t id;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/c.vcf", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	for (int i = 0; i < 600; i++)
		fprintf(f, "BEGIN:VCARD\nFN:Resident %d\nEMAIL:r%d@x.org\nEND:VCARD\n", i, i);
	fprintf(f, "BEGIN:VCARD\nFN:Ana Lima\nEMAIL:ana@city.gov\nTEL:+1 555 010 0001\nEND:VCARD\n");
	fclose(f);
	engine_set_progress(e, on_progress, NULL);
	engine_keys(e, ":import ");
	engine_keys(e, path);
	engine_keys(e, "<Enter>");
	ck_assert_ptr_nonnull(strstr(view()->message, "600 contacts added, 1 merged (u undoes)"));
	ck_assert_int_eq(view()->mode, VM_PICK);        /* which one is you? (once) */
	engine_keys(e, "<Esc>");
	ck_assert_int_ge(progress_calls, 2);
	ck_assert_ptr_nonnull(strstr(last_progress, "importing"));
	ck_assert_int_eq(contact_find_channel(db, "email", "r599@x.org", &id, NULL), KITH_OK);
	engine_keys(e, "u");                     /* one step */
	ck_assert_int_eq(contact_find_channel(db, "email", "r599@x.org", &id, NULL), KITH_NOTFOUND);
	engine_keys(e, ":import /nonexistent/file.vcf<Enter>");
	ck_assert(view()->message_is_error);
	/* a malformed record: nothing imported, unless --skip-invalid */
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fprintf(f, "BEGIN:VCARD\nFN:Ana Lima\nEMAIL:ana@city.gov\nTEL:+1 555 010 0002\nEND:VCARD\n"
		"BEGIN:VCARD\nFN:Good\nEND:VCARD\nBEGIN:VCARD\nFN:Bad\nbroken line\nEND:VCARD\n");
	fclose(f);
	engine_keys(e, ":import ");
	engine_keys(e, path);
	engine_keys(e, "<Enter>");
	ck_assert_msg(view()->message_is_error, "%s", view()->message);
	ck_assert_ptr_nonnull(strstr(view()->message, "c.vcf:11: no ':' (not a vCard property line) "
				       "(nothing imported)"));
	ck_assert_int_eq(contact_resolve(db, "Good", &id, NULL), KITH_NOTFOUND);
	engine_keys(e, ":import --skip-invalid ");
	engine_keys(e, path);
	engine_keys(e, "<Enter>");
	/* the merge is in the summary; the first skipped is the skipped record */
	ck_assert_msg(strstr(view()->message, "1 contact added, 1 merged, 1 skipped; first skipped: "
			     "/tmp/kith-evflow."), "%s", view()->message);
	ck_assert_msg(strstr(view()->message, "c.vcf:11: "), "%s", view()->message);
	ck_assert_int_eq(contact_resolve(db, "Good", &id, NULL), KITH_OK);
	unlink(path);
	rmdir(dir);
}
END_TEST

/* The first import into a network without "me" asks, once, which one is you (issue 17). */
START_TEST(test_import_asks_who_is_me)
{
	char dir[] = "/tmp/kith-evflow.XXXXXX", path[64];
	const struct view *v;
	int64_t sam;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/c.csv", dir);
	test_write_file(path, "name,email,organization,title\n"
			"Sam Okafor,sam@x.org,Tenants Union,Organiser\nTom Ruiz,tom@x.org,,\n");
	ck_assert_int_eq(kdb_me(db), 0);
	engine_keys(e, ":import ");
	engine_keys(e, path);
	engine_keys(e, "<Enter>");
	v = view();
	ck_assert_int_eq(v->mode, VM_PICK);
	ck_assert_msg(strstr(v->pick.title, "Which one is you?"), "%s", v->pick.title);
	ck_assert_int_eq(v->pick.nitems, 5);
	engine_keys(e, "sa");                   /* search as you type */
	v = view();
	ck_assert_int_eq(v->pick.nitems, 1);
	ck_assert_str_eq(v->pick.items[0], "Sam Okafor — Organiser, Tenants Union");
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(contact_resolve(db, "Sam Okafor", &sam, NULL), KITH_OK);
	ck_assert_int_eq(kdb_me(db), sam);
	ck_assert_msg(strstr(view()->message, "Sam Okafor is you"), "%s", view()->message);
	/* u takes back the answer, then the import: one step each */
	engine_keys(e, "u");
	ck_assert_int_eq(kdb_me(db), 0);
	ck_assert_int_eq(contact_resolve(db, "Sam Okafor", &sam, NULL), KITH_OK);
	engine_keys(e, "u");
	ck_assert_int_eq(contact_resolve(db, "Sam Okafor", &sam, NULL), KITH_NOTFOUND);
	/* asked once: importing again does not ask again */
	engine_keys(e, ":import ");
	engine_keys(e, path);
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_ptr_nonnull(strstr(view()->message, "2 contacts added"));
	unlink(path);
	rmdir(dir);
}
END_TEST

/* Esc dismisses the question for good; a network with "me" is never asked. */
START_TEST(test_import_who_is_me_dismissed)
{
	char dir[] = "/tmp/kith-evflow.XXXXXX", path[64], keys[128];
	struct kith_err err;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/a.csv", dir);
	test_write_file(path, "name,email\nSam Okafor,sam@x.org\n");
	snprintf(keys, sizeof keys, ":import %s<Enter>", path);
	engine_keys(e, keys);
	ck_assert_int_eq(view()->mode, VM_PICK);
	engine_keys(e, "<Esc>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_msg(strstr(view()->message, "Not asking again"), "%s", view()->message);
	test_write_file(path, "name,email\nTom Ruiz,tom@x.org\n");
	engine_keys(e, keys);
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert(kdb_me_asked(db));
	/* a network with "me" set: never asked */
	test_engine_free(&e, &db);
	db = test_db_open();
	ck_assert_int_eq(kdb_set_me(db, person("Me Myself", NULL), &err), KITH_OK);
	e = test_engine_new(db, 10, 30);
	engine_keys(e, keys);
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	unlink(path);
	rmdir(dir);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("events_flow");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_prep_view);
	tcase_add_test(tc, test_attendance_status);
	tcase_add_test(tc, test_debrief);
	tcase_add_test(tc, test_debrief_without_thanks);
	tcase_add_test(tc, test_recurring);
	tcase_add_test(tc, test_series_in_order);
	tcase_add_test(tc, test_series_windows);
	tcase_add_test(tc, test_series_allday_paging);
	tcase_add_test(tc, test_import_command);
	tcase_add_test(tc, test_import_asks_who_is_me);
	tcase_add_test(tc, test_import_who_is_me_dismissed);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? 1 : 0;
}
