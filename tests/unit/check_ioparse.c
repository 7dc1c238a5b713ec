/*
 * check_ioparse.c: the vCard, CSV and iCalendar readers on buffers (no
 * database): encodings, folding, quoting, the header mappings, time zones,
 * and line-numbered errors.
 */
#include "testutil.h"

#include <dirent.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kith/date.h"
#include "kith/io.h"
#include "kith/utf8.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

/* What a parse produced: one summary line per record, and the errors. */
struct got {
	struct strbuf recs, errs;
	int n, nerr, nnote;
	size_t max_offset;          /* the furthest progress a record reported */
	bool offset_back;           /* a record's offset went backwards */
};

static void
chans(struct strbuf *sb, const char *what, const struct kith_channel *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sb_printf(sb, " %s=%s%s%s", what, c[i].value, *c[i].label ? "/" : "", c[i].label);
}

static int
on_rec(void *ud, const struct io_record *r)
{
	struct got *g = ud;
	struct strbuf *sb = &g->recs;

	g->offset_back |= r->offset < g->max_offset;
	if (r->offset > g->max_offset)
		g->max_offset = r->offset;
	g->n++;
	sb_printf(sb, "%d:", r->line);
	if (r->kind == IO_REC_CONTACT) {
		const struct io_contact_rec *c = &r->u.contact;
		sb_printf(sb, " [%s] given=[%s] family=[%s]", c->c.display_name,
			  c->c.given_name ? c->c.given_name : "",
			  c->c.family_name ? c->c.family_name : "");
		chans(sb, "email", c->c.emails, c->c.n_emails);
		chans(sb, "phone", c->c.phones, c->c.n_phones);
		chans(sb, "handle", c->c.handles, c->c.n_handles);
		if (c->org)
			sb_printf(sb, " org=[%s]", c->org);
		if (c->title)
			sb_printf(sb, " title=[%s]", c->title);
		if (c->c.birthday)
			sb_printf(sb, " bday=%s", c->c.birthday);
		if (c->c.address)
			sb_printf(sb, " adr=[%s]", c->c.address);
		if (c->c.notes)
			sb_printf(sb, " notes=[%s]", c->c.notes);
		for (size_t i = 0; i < c->c.n_tags; i++)
			sb_printf(sb, " tag=[%s]", c->c.tags[i]);
		for (size_t i = 0; i < c->c.n_nicknames; i++)
			sb_printf(sb, " nick=[%s]", c->c.nicknames[i]);
		for (size_t i = 0; i < c->n_extras; i++)
			sb_printf(sb, " x:%s=[%s]", c->extras[i].name, c->extras[i].value);
	} else if (r->kind == IO_REC_EVENT) {
		const struct io_event_rec *e = &r->u.event;
		sb_printf(sb, " event [%s] %s..%s%s uid=%s", e->e.title, e->e.start_at,
			  e->e.end_at ? e->e.end_at : "", e->e.all_day ? " all-day" : "",
			  e->e.uid ? e->e.uid : "-");
		if (e->e.tzid)
			sb_printf(sb, " tz=%s@%s", e->e.tzid, e->e.tz_start);
		if (e->e.rrule)
			sb_printf(sb, " rrule=[%s]", e->e.rrule);
		if (e->e.location)
			sb_printf(sb, " at=[%s]", e->e.location);
		for (size_t i = 0; i < e->n_att; i++)
			sb_printf(sb, " att=%s/%s", e->att[i].email,
				  kith_attend_status_name(e->att[i].status));
		for (size_t i = 0; i < e->n_extras; i++)
			sb_printf(sb, " x:%s=[%s]", e->extras[i].name, e->extras[i].value);
	} else {
		const struct io_todo_rec *t = &r->u.todo;
		sb_printf(sb, " todo [%s] due=%s status=%s prio=%d uid=%s", t->f.title,
			  t->f.due ? t->f.due : "-", kith_followup_status_name(t->f.status),
			  t->f.priority, t->uid ? t->uid : "-");
	}
	sb_appendc(sb, '\n');
	return 0;
}

static int
on_err(void *ud, int line, const char *msg)
{
	struct got *g = ud;

	g->nerr++;
	sb_printf(&g->errs, "%d: %s\n", line, msg);
	return 0;
}

static void
on_note(void *ud, int line, const char *msg)
{
	struct got *g = ud;

	(void)line, (void)msg;
	g->nnote++;
}

static void
on_warn(void *ud, int line, const char *msg)
{
	struct got *g = ud;

	sb_printf(&g->errs, "%d: warn %s\n", line, msg);
}

static struct got G;

static void
parse(int fmt, const char *buf, size_t len)
{
	struct io_sink s = { on_rec, on_err, on_note, &G, on_warn };

	sb_free(&G.recs);
	sb_free(&G.errs);
	memset(&G, 0, sizeof G);
	if (fmt == IO_FMT_VCF)
		io_parse_vcard(buf, len, &s);
	else if (fmt == IO_FMT_CSV)
		io_parse_csv(buf, len, &s);
	else
		io_parse_ics(buf, len, &s);
}

#define PARSE(fmt, lit) parse(fmt, lit, sizeof lit - 1)
#define HAS(needle) ck_assert_msg(strstr(sb_str(&G.recs), needle), "missing %s in:\n%s", \
				  needle, sb_str(&G.recs))
#define ERR(needle) ck_assert_msg(strstr(sb_str(&G.errs), needle), "no error %s in:\n%s", \
				  needle, sb_str(&G.errs))

static void
teardown(void)
{
	sb_free(&G.recs);
	sb_free(&G.errs);
}

START_TEST(test_vcard_folding_and_encodings)
{
	/* a fold in the middle of "é" (C3 A9), CRLF, and a tab fold */
	PARSE(IO_FMT_VCF, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ren\xC3\r\n \xA9 Dupont\r\n"
	      "EMAIL;TYPE=work:rene@\r\n\texample.org\r\nEND:VCARD\r\n");
	HAS("[René Dupont]");
	HAS("email=rene@example.org/work");
	/* quoted-printable: a soft break splitting a UTF-8 sequence, a CHARSET */
	PARSE(IO_FMT_VCF, "BEGIN:VCARD\nVERSION:2.1\n"
	      "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Jos=C3=\n=A9 =E2=80=\n=93 Lima\n"
	      "N;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:M=FCller;Hans\n"
	      "TEL;CELL;VOICE:+49 30 1234567\nEND:VCARD\n");
	HAS("[José – Lima]");
	HAS("family=[Müller]");
	HAS("phone=+49 30 1234567/mobile");
	/* raw Latin-1 bytes without a CHARSET */
	PARSE(IO_FMT_VCF, "BEGIN:VCARD\nFN:Jo\xEBl Caf\xE9\nEND:VCARD\n");
	HAS("[Joël Café]");
	/* UTF-16LE with a BOM */
	{
		const char *a = "BEGIN:VCARD\nFN:Zo\xC3\xAB\nEND:VCARD\n";
		char buf[128];
		size_t n = 2;
		buf[0] = (char)0xFF, buf[1] = (char)0xFE;
		for (const char *p = a; *p; p++) {
			if ((unsigned char)*p == 0xC3) {       /* ë = U+00EB */
				buf[n++] = (char)0xEB, buf[n++] = 0;
				p++;
				continue;
			}
			buf[n++] = *p, buf[n++] = 0;
		}
		parse(IO_FMT_VCF, buf, n);
		HAS("[Zoë]");
	}
	/* read where it is (io_text_view): a UTF-8 BOM dropped; the text ends at
	   its length, whatever follows it in memory; a NUL byte dropped */
	PARSE(IO_FMT_VCF, "\xEF\xBB\xBF" "BEGIN:VCARD\nFN:Bom Start\nEND:VCARD\n");
	HAS("[Bom Start]");
	{
		static const char more[] = "BEGIN:VCARD\nFN:Ana Cut\nEND:VCARDS AND MORE\nFN:X";
		parse(IO_FMT_VCF, more, strlen("BEGIN:VCARD\nFN:Ana Cut\nEND:VCARD"));
		HAS("[Ana Cut]");
		ck_assert_str_eq(sb_str(&G.errs), "");
	}
	PARSE(IO_FMT_VCF, "BEGIN:VCARD\nFN:Nu\0ll Byte\nEND:VCARD\n");
	HAS("[Null Byte]");
}
END_TEST

START_TEST(test_vcard_fields)
{
	PARSE(IO_FMT_VCF,
	      "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Diaz;Ana;;Dr.;\r\n"
	      "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD/4QBARXhpZgAATU0AKgAAAAgAAYdpAAQ\r\n"
	      " AAAABAAAAGgAAAAAAAqACAAQAAAABAAAAMqADAAQAAAABAAAAMgAAAAD/2wBDAAIBAQEBAQI\r\n"
	      "item1.EMAIL;type=INTERNET:ana@city.gov\r\nitem1.X-ABLabel:_$!<Work>!$_\r\n"
	      "NOTE:Line one\\nLine two\\, with comma\\; and semicolon\r\n"
	      "ORG:City Council;Planning\r\nTITLE:Chair\r\nBDAY:--0415\r\n"
	      "CATEGORIES:housing,zoning\r\nNICKNAME:Annie\r\nX-FOO:bar\r\nEND:VCARD\r\n"
	      "BEGIN:VCARD\r\nVERSION:4.0\r\nORG:Acme Plumbing\r\nEND:VCARD\r\n"
	      "BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:solo@example.net\r\nEND:VCARD\r\n"
	      "BEGIN:VCARD\r\nVERSION:4.0\r\nBDAY:19800322\r\nFN:Year\r\nEND:VCARD\r\n");
	ck_assert_int_eq(G.n, 4);
	ck_assert_int_eq(G.nerr, 0);
	HAS("1: [Dr. Ana Diaz] given=[Ana] family=[Diaz] email=ana@city.gov/work");
	HAS("org=[City Council] title=[Chair] bday=--04-15");
	HAS("notes=[Line one\nLine two, with comma; and semicolon]");
	HAS("tag=[housing] tag=[zoning] nick=[Annie]");
	HAS("x:ORG-UNIT=[Planning] x:X-FOO=[bar]");
	HAS("[Acme Plumbing]");
	HAS("[solo@example.net]");
	HAS("[Year] given=[] family=[] bday=1980-03-22");
}
END_TEST

/*
** The reader's short ways (a NAME:value line, a value or TYPE list without
** a backslash, a file whose CRs all end lines) give what its general ways
** give the same card written otherwise.
*/
START_TEST(test_vcard_line_shapes)
{
	static const char plain[] =
		"BEGIN:VCARD\nFN:Ana Diaz\nN:Diaz;Ana;;;\nTITLE:Chair\nORG:City;Planning\n"
		"NOTE:one\\ntwo\nEMAIL;TYPE=pref,Work:ana@city.gov\nTEL;TYPE=cell:+1 555\n"
		"CATEGORIES:a,b\nX-KITH-TIER:B\nEND:VCARD\n";
	static const char general[] =
		"begin:vcard\nfn;language=en:Ana Diaz\ng1.N:Diaz;Ana;;;\nTitle: Chair \n"
		"ORG:City;Plann\\ing\nNOTE:one\rtwo\nEMAIL;TYPE=pref,Wor\\k:ana@city.gov\n"
		"TEL;TYPE=\"cell\":+1 555\nCATEGORIES:a,\\b\nx-kith-tier:B\nend:VCARD\n";
	char *want;

	PARSE(IO_FMT_VCF, plain);
	ck_assert_int_eq(G.n, 1);
	ck_assert_int_eq(G.nerr, 0);
	HAS("[Ana Diaz] given=[Ana] family=[Diaz] email=ana@city.gov/work phone=+1 555/mobile");
	HAS("notes=[one\ntwo] tag=[a] tag=[b]");
	want = xstrdup(sb_str(&G.recs));
	PARSE(IO_FMT_VCF, general);
	ck_assert_int_eq(G.nerr, 0);
	ck_assert_str_eq(sb_str(&G.recs), want);
	free(want);
}
END_TEST

START_TEST(test_vcard_errors)
{
	PARSE(IO_FMT_VCF, "BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\n");
	ck_assert_int_eq(G.n, 1);
	ERR("4: BEGIN:VCARD (line 4) has no END:VCARD");
	PARSE(IO_FMT_VCF, "BEGIN:VCARD\nFN:A\nthis is; not a property\nEND:VCARD\n"
	      "BEGIN:VCARD\nFN:B\nEND:VCARD\n");
	ERR("3: no ':'");
	ck_assert_int_eq(G.n, 1);     /* the bad card is skipped, the next one read */
	HAS("5: [B]");
	PARSE(IO_FMT_VCF, "BEGIN:VCARD\nPHOTO;ENCODING=b:AAAA\nEND:VCARD\n");
	ck_assert_int_eq(G.n, 0);
	ck_assert_int_eq(G.nnote, 1);
}
END_TEST

START_TEST(test_csv)
{
	/* LinkedIn: preamble, quoted commas, doubled quotes, hidden member */
	PARSE(IO_FMT_CSV, "Notes:\n\"When exporting, some emails are missing.\"\n\n"
	      "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
	      "Ada,Quill,https://www.linkedin.com/in/ada,,\"Northwind, Inc.\",Engineer,15 Jan 2024\n"
	      "\"Robert \"\"Bob\"\"\",Nguyen,,bob@example.org,Fabrikam,Recruiter,03 Mar 2023\n"
	      ",,,,,,02 Jun 2022\n");
	ck_assert_int_eq(G.n, 2);
	ck_assert_int_eq(G.nnote, 1);
	HAS("5: [Ada Quill] given=[Ada] family=[Quill] handle=https://www.linkedin.com/in/ada/linkedin "
	    "org=[Northwind, Inc.] title=[Engineer] x:Connected On=[15 Jan 2024]");
	HAS("6: [Robert \"Bob\" Nguyen]");
	/* semicolons, a BOM, CRLF, an embedded CRLF and a European date */
	PARSE(IO_FMT_CSV, "\xEF\xBB\xBFName;E-Mail;Telefon;Firma;Geburtstag;Notizen\r\n"
	      "Hans M\xC3\xBCller;hans@example.de;+49 30 1;\"Beispiel; GmbH\";24.12.1980;\"a\r\nb\"\r\n");
	HAS("2: [Hans Müller] given=[] family=[] email=hans@example.de phone=+49 30 1 "
	    "org=[Beispiel; GmbH] bday=1980-12-24 notes=[a\nb]");
	/* tabs, and Google's numbered groups with labels and " ::: " */
	PARSE(IO_FMT_CSV, "First Name\tLast Name\tE-mail 1 - Label\tE-mail 1 - Value\tLabels\n"
	      "Zo\xC3\xAB\tNg\tWork ::: Home\ta@x.org ::: b@y.org\t* myContacts ::: Friends\n");
	HAS("[Zoë Ng] given=[Zoë] family=[Ng] email=a@x.org/work email=b@y.org/work tag=[Friends]");
	/* Outlook: Title is the honorific, address parts composed */
	PARSE(IO_FMT_CSV, "Title,First Name,Last Name,Job Title,Company,Business Street,"
	      "Business City,Business Phone,E-mail Address\n"
	      "Ms.,Dana,Ray,Clerk,City Hall,1 Main St,Springfield,555-0100,dana@city.gov\n");
	HAS("[Ms. Dana Ray] given=[Dana] family=[Ray] email=dana@city.gov phone=555-0100/work "
	    "org=[City Hall] title=[Clerk] adr=[1 Main St, Springfield]");
	/* the generic header, and a whole record wrapped in quotes */
	PARSE(IO_FMT_CSV, "name,email,phone,organisation\n\"Jan Kowalski,jan@x.pl,,\"\"Acme, Sp\"\"\"\n");
	HAS("[Jan Kowalski] given=[] family=[] email=jan@x.pl org=[Acme, Sp]");
	/* errors */
	PARSE(IO_FMT_CSV, "John,Doe,john@x\n");
	ERR("1: no header line");
	PARSE(IO_FMT_CSV, "name,email\nA,a@x\n\"B,b@x\n");
	ERR("3: a quoted field opened on line 3 is never closed");
	PARSE(IO_FMT_CSV, "name,email\nA,a@x,extra\n");
	ERR("2: 3 fields, but the header has 2");
}
END_TEST

static void
set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

START_TEST(test_ics)
{
	set_tz("America/New_York");
	PARSE(IO_FMT_ICS,
	      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n"
	      "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
	      "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
	      "END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\n"
	      "TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
	      "END:VTIMEZONE\r\n"
	      "BEGIN:VEVENT\r\nUID:council-1\r\nSUMMARY:City council meeting\r\n"
	      "DTSTART;TZID=Europe/Paris:20260312T190000\r\nDURATION:PT2H\r\n"
	      "RRULE:FREQ=MONTHLY;BYDAY=2TH\r\nEXDATE;TZID=Europe/Paris:20260409T190000\r\n"
	      "ATTENDEE;CN=Ana;PARTSTAT=ACCEPTED:mailto:Ana@City.gov\r\n"
	      "LOCATION:Town hall\\, room 2\r\nEND:VEVENT\r\n"
	      "BEGIN:VEVENT\r\nUID:day\r\nSUMMARY:Fair\r\nDTSTART;VALUE=DATE:20260320\r\n"
	      "DTEND;VALUE=DATE:20260322\r\nEND:VEVENT\r\n"
	      "BEGIN:VEVENT\r\nUID:utc\r\nSUMMARY:Call\r\nDTSTART:20260310T150000Z\r\nEND:VEVENT\r\n"
	      "BEGIN:VTODO\r\nUID:t1\r\nSUMMARY:Send the draft\r\nDUE;VALUE=DATE:20260313\r\n"
	      "PRIORITY:1\r\nSTATUS:NEEDS-ACTION\r\nEND:VTODO\r\nEND:VCALENDAR\r\n");
	ck_assert_int_eq(G.nerr, 0);
	/* 19:00 in Paris (UTC+1 before its DST) is 14:00 in New York (UTC-4 after its DST) */
	/* the series keeps its zone: its start and EXDATE as written there */
	HAS("19: event [City council meeting] 2026-03-12 14:00..2026-03-12 16:00 uid=council-1 "
	    "tz=Europe/Paris@2026-03-12 19:00 "
	    "rrule=[FREQ=MONTHLY;BYDAY=2TH\nEXDATE:20260409T190000] at=[Town hall, room 2] "
	    "att=ana@city.gov/confirmed");
	HAS("event [Fair] 2026-03-20..2026-03-21 all-day uid=day");
	HAS("event [Call] 2026-03-10 11:00.. uid=utc tz=UTC@2026-03-10 15:00");
	HAS("todo [Send the draft] due=2026-03-13 status=open prio=3 uid=t1");
	/* a bare VEVENT, errors with lines */
	PARSE(IO_FMT_ICS, "BEGIN:VEVENT\nSUMMARY:x\nDTSTART:20260101T100000\nEND:VEVENT\n");
	HAS("1: event [x] 2026-01-01 10:00..");
	PARSE(IO_FMT_ICS, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:no start\nEND:VEVENT\n"
	      "BEGIN:VEVENT\nSUMMARY:y\nDTSTART:2026010\nEND:VEVENT\nEND:VCALENDAR\n");
	ERR("2: VEVENT: no DTSTART");
	ERR("7: VEVENT: DTSTART");
	PARSE(IO_FMT_ICS, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101\n");
	ERR("2: BEGIN:VEVENT (line 2) has no END:VEVENT");
	set_tz("UTC");
}
END_TEST

START_TEST(test_recurrence)
{
	char out[8][17];
	int n = io_recur_expand("2026-03-12 19:00", "FREQ=MONTHLY;BYDAY=2TH\nEXDATE:20260409T190000",
				"2026-03-01", "2026-07-01", out, 8);

	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(out[0], "2026-03-12 19:00");
	ck_assert_str_eq(out[1], "2026-05-14 19:00");
	ck_assert_str_eq(out[2], "2026-06-11 19:00");
	/* a window far into a long series */
	n = io_recur_expand("2000-01-04", "FREQ=WEEKLY", "2026-03-10", "2026-03-24", out, 8);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(out[0], "2026-03-10");
	ck_assert_str_eq(out[1], "2026-03-17");
	ck_assert_int_eq(io_recur_expand("2026-01-01", "NOT A RULE", "2026-01-01", "2027-01-01",
					 out, 8), -1);
	/* a fine-grained rule from long ago jumps to the window instead of walking to it */
	n = io_recur_expand("1970-01-01 00:00", "FREQ=MINUTELY", "2026-03-10 09:00",
			    "2026-03-10 09:03", out, 8);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(out[0], "2026-03-10 09:00");
	ck_assert_str_eq(out[2], "2026-03-10 09:02");
}
END_TEST

/* What fuzz_csv and fuzz_ics found (tests/fuzz/regress): the cases, kept here too. */
/* The rule in words: each kind of rule, INTERVAL, COUNT, UNTIL, EXDATEs, and the raw fallback. */
START_TEST(test_recur_describe)
{
	static const struct { const char *rule, *words; } t[] = {
		{ "FREQ=DAILY", "every day" },
		{ "FREQ=DAILY;INTERVAL=3", "every 3 days" },
		{ "FREQ=WEEKLY", "every week" },
		{ "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks" },
		{ "FREQ=WEEKLY;BYDAY=MO", "every Monday" },
		{ "FREQ=WEEKLY;BYDAY=MO,WE,FR;WKST=MO", "every Monday, Wednesday and Friday" },
		{ "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "every 2 weeks on Tuesday and Thursday" },
		{ "FREQ=MONTHLY", "every month" },
		{ "FREQ=MONTHLY;BYDAY=2TU", "every 2nd Tuesday" },
		{ "FREQ=MONTHLY;COUNT=6;BYDAY=2TU\nEXDATE:20270112T183000",
		  "every 2nd Tuesday, 6 times, not 12 Jan" },
		{ "FREQ=MONTHLY;BYDAY=-1FR", "every last Friday" },
		{ "FREQ=MONTHLY;BYDAY=-2MO", "every 2nd-to-last Monday" },
		{ "FREQ=MONTHLY;BYDAY=1MO,3MO", "every 1st Monday and 3rd Monday" },
		{ "FREQ=MONTHLY;BYDAY=3WE;INTERVAL=3", "every 3 months on the 3rd Wednesday" },
		{ "FREQ=MONTHLY;BYMONTHDAY=15", "every month on the 15th" },
		{ "FREQ=MONTHLY;BYMONTHDAY=1,-1", "every month on the 1st and last day" },
		{ "FREQ=MONTHLY;BYMONTHDAY=22;INTERVAL=2", "every 2 months on the 22nd" },
		{ "FREQ=YEARLY", "every year" },
		{ "FREQ=YEARLY;INTERVAL=4", "every 4 years" },
		{ "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "every year on the last Sunday of March" },
		{ "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "every year on the 4th Thursday of November" },
		{ "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4", "every year on the 4th of July" },
		{ "FREQ=YEARLY;BYMONTH=6,12", "every year in June and December" },
		{ "FREQ=WEEKLY;UNTIL=20140806T060000Z", "every week, until 6 Aug 2014" },
		{ "FREQ=DAILY;COUNT=1", "every day, once" },
		{ "FREQ=DAILY;COUNT=10;UNTIL=20270101", "every day, 10 times, until 1 Jan 2027" },
		{ "FREQ=WEEKLY;BYDAY=TU\nEXDATE:20261110,20261124T090000",
		  "every Tuesday, not 10 Nov and 24 Nov" },
		{ "FREQ=WEEKLY\nEXDATE:20260101,20260108,20260115,20260122,20260129",
		  "every week, not 1 Jan, 8 Jan, 15 Jan and 2 more" },
		/* no words for these: the rule as written (without its EXDATEs) */
		{ "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1\nEXDATE:20260101",
		  "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1" },
		{ "FREQ=HOURLY;INTERVAL=2", "FREQ=HOURLY;INTERVAL=2" },
		{ "FREQ=YEARLY;BYMONTH=3;BYDAY=SU", "FREQ=YEARLY;BYMONTH=3;BYDAY=SU" },
		{ "FREQ=WEEKLY;BYDAY=XX", "FREQ=WEEKLY;BYDAY=XX" },
		{ "FREQ=DAILY;INTERVAL=0", "FREQ=DAILY;INTERVAL=0" },
		{ "NOT A RULE", "NOT A RULE" },
		{ "", "" },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *w = io_recur_describe(t[i].rule);
		ck_assert_msg(!strcmp(w, t[i].words), "%s: got \"%s\", want \"%s\"", t[i].rule, w,
			      t[i].words);
		free(w);
	}
}
END_TEST

/*
 * A council series in Chicago (6 meetings on the 2nd Tuesday at 18:30, 12
 * January excluded, across the March 2027 daylight-saving change there) is
 * the same five instants whichever zone kith runs in.
 */
START_TEST(test_recur_zones)
{
	static const char *const zones[] = { "UTC", "America/Chicago", "Asia/Tokyo",
					     "Pacific/Auckland", "Europe/London" };
	static const char *const want[] = { "2026-11-11T00:30Z", "2026-12-09T00:30Z",
					    "2027-02-10T00:30Z", "2027-03-10T00:30Z",
					    "2027-04-13T23:30Z" };

	for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
		char out[8][17], utc[KDATE_UTC_STR];
		int n;
		set_tz(zones[z]);
		n = io_recur_expand_tz("America/Chicago", "2026-11-10 18:30",
				       "FREQ=MONTHLY;COUNT=6;BYDAY=2TU\nEXDATE:20270112T183000",
				       "2026-01-01", "2028-01-01", out, 8);
		ck_assert_msg(n == 5, "%s: %d occurrences", zones[z], n);
		for (int i = 0; i < n; i++) {
			ck_assert(kdate_local_to_utc(out[i], utc));
			ck_assert_msg(!strcmp(utc, want[i]), "%s: occurrence %d at %s (%s), want %s",
				      zones[z], i, out[i], utc, want[i]);
		}
		/* a window in the middle: from local now on, in the user's zone */
		ck_assert(kdate_local_to_utc(out[1], utc));
		n = io_recur_expand_tz("America/Chicago", "2026-11-10 18:30",
				       "FREQ=MONTHLY;COUNT=6;BYDAY=2TU\nEXDATE:20270112T183000",
				       out[1], "2028-01-01", out, 1);
		ck_assert_int_eq(n, 1);
		ck_assert(kdate_local_to_utc(out[0], utc));
		ck_assert_str_eq(utc, want[1]);
	}
	/* a zone libical does not know: expanded in the user's zone, as before */
	set_tz("Asia/Tokyo");
	{
		char out[2][17];
		ck_assert_int_eq(io_recur_expand_tz("Mars/Olympus", "2026-11-10 18:30",
						    "FREQ=DAILY", "2026-11-11", "2026-11-12", out,
						    2), 1);
		ck_assert_str_eq(out[0], "2026-11-11 18:30");
	}
	set_tz("UTC");
}
END_TEST

/* What libical cannot use is reported with its line and kept aside; far years import. */
START_TEST(test_ics_kept_aside)
{
	set_tz("America/Chicago");
	PARSE(IO_FMT_ICS,
	      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n"
	      "BEGIN:VEVENT\r\nUID:zero\r\nSUMMARY:Zero\r\nDTSTART:20260310T100000Z\r\n"
	      "RRULE:FREQ=WEEKLY;INTERVAL=0\r\nEND:VEVENT\r\n"
	      "BEGIN:VEVENT\r\nUID:mars\r\nSUMMARY:Mars\r\n"
	      "DTSTART;TZID=Mars/Olympus:20260310T100000\r\nEND:VEVENT\r\n"
	      "BEGIN:VEVENT\r\nUID:far\r\nSUMMARY:Far\r\nDTSTART:99991231T100000Z\r\nEND:VEVENT\r\n"
	      "BEGIN:VEVENT\r\nUID:old\r\nSUMMARY:Old\r\n"
	      "DTSTART;TZID=America/Chicago:00010101T100000\r\nEND:VEVENT\r\n"
	      "BEGIN:VEVENT\r\nUID:farday\r\nSUMMARY:Far day\r\nDTSTART;VALUE=DATE:99991231\r\n"
	      "END:VEVENT\r\nEND:VCALENDAR\r\n");
	ck_assert_int_eq(G.nerr, 0);
	ck_assert_int_eq(G.n, 5);
	/* the rule libical refuses: a single event, reported at the RRULE's line, kept aside */
	ERR("8: warn RRULE:FREQ=WEEKLY;INTERVAL=0: libical cannot read it; imported as a single "
	    "event, the rule kept aside");
	HAS("4: event [Zero] 2026-03-10 05:00.. uid=zero tz=UTC@2026-03-10 10:00 "
	    "x:RRULE=[FREQ=WEEKLY;INTERVAL=0]");
	/* an unknown zone: reported at DTSTART's line, the time as written, in the user's zone */
	ERR("13: warn DTSTART;TZID=Mars/Olympus: unknown time zone");
	HAS("event [Mars] 2026-03-10 10:00.. uid=mars x:TZID=[Mars/Olympus]");
	HAS("event [Far] 9999-12-31 04:00.. uid=far tz=UTC@9999-12-31 10:00");
	HAS("event [Old] 0001-01-01 10:00.. uid=old tz=America/Chicago@0001-01-01 10:00");
	HAS("event [Far day] 9999-12-31.. all-day uid=farday");
	set_tz("UTC");
}
END_TEST

START_TEST(test_fuzz_findings)
{
	/* Latin-1 grows when read as UTF-8: progress stays within the file, forward */
	static const char latin1[] = "Name,Email\n\xe9\xe9\xe9\xe9 \xe8\xe8,a@b.c\n"
				     "\xc9mile \xc0lvarez,e@f.g\n";
	PARSE(IO_FMT_CSV, latin1);
	ck_assert_int_eq(G.n, 2);
	ck_assert_uint_le(G.max_offset, sizeof latin1 - 1);
	ck_assert(!G.offset_back);
	/* UTF-16 CJK grows by half when made UTF-8: the same for vCard (fuzz_vcard) */
	{
		char buf[1024];
		size_t n = 0;
		const char *head = "BEGIN:VCARD\r\nFN:", *tail = "\r\nEND:VCARD\r\n";

		buf[n++] = (char)0xFF, buf[n++] = (char)0xFE;
		for (const char *p = head; *p; p++)
			buf[n++] = *p, buf[n++] = 0;
		for (int i = 0; i < 200; i++)          /* U+4E2D, three bytes in UTF-8 */
			buf[n++] = 0x2D, buf[n++] = 0x4E;
		for (int k = 0; k < 2; k++)            /* two cards: progress goes forward */
			for (const char *p = k ? head : tail; *p; p++)
				buf[n++] = *p, buf[n++] = 0;
		buf[n++] = 'A', buf[n++] = 0;
		for (const char *p = tail; *p; p++)
			buf[n++] = *p, buf[n++] = 0;
		parse(IO_FMT_VCF, buf, n);
		ck_assert_int_eq(G.n, 2);
		ck_assert_uint_le(G.max_offset, n);
		ck_assert(!G.offset_back);
	}
	/* libical takes minute 70; kith does not */
	PARSE(IO_FMT_ICS, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nDTSTART:20070309T077000\n"
	      "END:VEVENT\nEND:VCALENDAR\n");
	ck_assert_int_eq(G.n, 0);
	ERR("DTSTART");
	/* an escape before a multibyte character, control bytes: the title is UTF-8 */
	PARSE(IO_FMT_ICS, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:E\0\0V\x12\x14\\\xd4\x98vent One\n"
	      "DTSTART:20190101T150000\nEND:VEVENT\nEND:VCALENDAR\n");
	ck_assert_int_eq(G.n, 1);
	ck_assert(utf8_valid(sb_str(&G.recs), G.recs.len));
}
END_TEST

/* Issue 15, item 8: no fixed limit on repeated values; what kith cannot use is kept aside. */
START_TEST(test_no_fixed_limits)
{
	struct strbuf in = {0};

	sb_append(&in, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nCATEGORIES:");
	for (int i = 1; i <= 40; i++)
		sb_printf(&in, "%stag%d", i > 1 ? "," : "", i);
	sb_append(&in, ",TAG40,tag1\r\nNICKNAME:");
	for (int i = 1; i <= 20; i++)
		sb_printf(&in, "%snick%d", i > 1 ? "," : "", i);
	sb_append(&in, "\r\nN:Lovelace;Ada;King;Lady;Countess;of Lovelace\r\n"
		  "N:Byron;Augusta Ada\r\nORG:Council;Unit 1;Unit 2;Unit 3;Unit 4\r\n"
		  "ADR:;;1 Main St;Town;Region;12345;Country;Extra line\r\nEND:VCARD\r\n");
	parse(IO_FMT_VCF, in.buf, in.len);
	ck_assert_int_eq(G.n, 1);
	HAS(" tag=[tag32] tag=[tag33]");
	HAS(" tag=[tag40] nick=[nick1]");           /* TAG40 and tag1 again: once */
	HAS(" nick=[nick17]");
	HAS(" nick=[nick20] x:");
	HAS(" x:N=[of Lovelace]");
	HAS(" x:N=[Byron; Augusta Ada]");
	HAS(" x:ORG-UNIT=[Unit 1, Unit 2, Unit 3, Unit 4]");
	HAS(" adr=[1 Main St, Town, Region, 12345, Country, Extra line]");

	/* CSV: more than 16 values in a cell; a second column for a one-value field */
	sb_reset(&in);
	sb_append(&in, "Name,Nickname,Labels,E-mail Address,Name,Company,Company\nAda,\"");
	for (int i = 1; i <= 20; i++)
		sb_printf(&in, "%sn%d", i > 1 ? " ::: " : "", i);
	sb_append(&in, "\",\"");
	for (int i = 1; i <= 20; i++)
		sb_printf(&in, "%st%d", i > 1 ? "," : "", i);
	sb_append(&in, "\",\"");
	for (int i = 1; i <= 20; i++)
		sb_printf(&in, "%sa%d@x.org", i > 1 ? " ::: " : "", i);
	sb_append(&in, "\",Ada Lovelace,Council,Mill\n");
	parse(IO_FMT_CSV, in.buf, in.len);
	ck_assert_int_eq(G.n, 1);
	HAS(" email=a20@x.org");
	HAS(" tag=[t20]");
	HAS(" nick=[n20]");
	HAS(" x:Name=[Ada Lovelace]");
	HAS(" x:Company=[Mill]");
	sb_free(&in);
}
END_TEST

START_TEST(test_sniff)
{
	ck_assert_int_eq(io_format_sniff("BEGIN:VCARD\n", 12, "x.ics"), IO_FMT_VCF);
	ck_assert_int_eq(io_format_sniff("BEGIN:VCALENDAR\n", 16, "x.vcf"), IO_FMT_ICS);
	ck_assert_int_eq(io_format_sniff("name,email\n", 11, "x.csv"), IO_FMT_CSV);
	ck_assert_int_eq(io_format_sniff("name,email\n", 11, "x.dat"), -1);
}
END_TEST

/* ---- the keys a person's record carries (io_contact_rec.keys, .seen) ---------- */

static int
on_keys(void *ud, const struct io_record *r)
{
	struct strbuf *sb = ud;
	const struct io_contact_rec *c = &r->u.contact;
	size_t n = c->c.n_emails + c->c.n_phones + 1;

	sb_printf(sb, "%d:", r->line);
	if (!c->seen || !c->keys.mem) {
		sb_printf(sb, " none%s\n", c->is_org ? " (org)" : "");
		return 0;
	}
	sb_printf(sb, " [%s] +%zu", c->keys.name_key, c->keys.honorific);
	for (size_t i = 0; i < c->c.n_emails; i++)
		sb_printf(sb, " e:%s", c->keys.email[i]);
	for (size_t i = 0; i < c->c.n_phones; i++)
		sb_printf(sb, " p:%s", c->keys.phone[i]);
	sb_append(sb, " seen=");
	for (size_t i = 0; i < n; i++)
		sb_appendc(sb, c->seen[i] ? '1' : '0');
	if (!str_empty(c->c.uid))
		sb_printf(sb, " uid %s seen=%d", c->c.uid, c->seen[n]);
	sb_appendc(sb, '\n');
	return 0;
}

static int
keys_err(void *ud, int line, const char *msg)
{
	(void)ud;
	ck_abort_msg("line %d: %s", line, msg);
	return 1;
}

/*
** A person's record comes with the keys its merge needs, worked out by the
** parser (on its own thread when piped), and for each whether an earlier
** person's record of the file had it (a UID as it is: another case is
** another UID): an organisation's card has none and counts for none. The
** same piped as direct.
*/
START_TEST(test_vcard_keys)
{
	static const char in[] =
		"BEGIN:VCARD\r\nFN:Dr. Ana Lima\r\nEMAIL:Ana@X.org\r\nEMAIL:b@x.org\r\n"
		"TEL:+1 555 1234\r\nTEL:+1 (555) 12-34\r\nUID:ana-1\r\nEND:VCARD\r\n"
		"BEGIN:VCARD\r\nFN:City Hall\r\nORG:City Hall\r\nEMAIL:c@x.org\r\nEND:VCARD\r\n"
		"BEGIN:VCARD\r\nFN:ANA LIMA\r\nN:Lima;Ana;;;\r\nEMAIL:ana@x.ORG\r\nEMAIL:c@x.org\r\n"
		"UID:ana-1\r\nEND:VCARD\r\n"
		"BEGIN:VCARD\r\nN:Osei;Harriet;;Cllr.;\r\nTEL:5551234\r\nUID:Ana-1\r\nEND:VCARD\r\n";
	const char *want =
		"1: [ana lima] +4 e:ana@x.org e:b@x.org p:+15551234 p:+15551234 seen=00010"
		" uid ana-1 seen=0\n"
		"9: none (org)\n"
		"14: [ana lima] +0 e:ana@x.org e:c@x.org seen=101 uid ana-1 seen=1\n"
		"21: [harriet osei] +6 p:5551234 seen=00 uid Ana-1 seen=0\n";
	struct strbuf d = {0}, p = {0};
	struct io_sink sd = { on_keys, keys_err, NULL, &d, NULL };
	struct io_sink sp = { on_keys, keys_err, NULL, &p, NULL };

	ck_assert_int_eq(io_parse_vcard(in, sizeof in - 1, &sd), 0);
	ck_assert_str_eq(sb_str(&d), want);
	ck_assert_int_eq(io_parse_piped(io_parse_vcard, in, sizeof in - 1, &sp, false), 0);
	ck_assert_str_eq(sb_str(&p), want);
	sb_free(&d);
	sb_free(&p);
}
END_TEST

/* Counts the records and the keys an earlier record had. */
static int
on_seen_count(void *ud, const struct io_record *r)
{
	size_t *n = ud;
	const struct io_contact_rec *c = &r->u.contact;

	n[0]++;
	for (size_t i = 0; i < c->c.n_emails + c->c.n_phones + 1; i++)
		n[1] += c->seen[i];
	return 0;
}

/*
** The set of keys seen is sized from the file and grows past that: 6,000
** people, the last 2,000 with the email of one 3,000 earlier and a name of
** their own, are 18,000 keys, more than the room made for them: each of
** those 2,000 emails is seen, nothing else.
*/
START_TEST(test_vcard_keys_many)
{
	struct strbuf in = {0};
	size_t n[2] = {0, 0};
	struct io_sink s = { on_seen_count, keys_err, NULL, n, NULL };

	for (int i = 0; i < 6000; i++)
		sb_printf(&in, "BEGIN:VCARD\nFN:P%d\nEMAIL:p%d@x\nTEL:%d\nEND:VCARD\n", i,
			  i >= 4000 ? i - 3000 : i, 1000000 + i);
	ck_assert_int_eq(io_parse_vcard(sb_str(&in), in.len, &s), 0);
	ck_assert_uint_eq(n[0], 6000);
	ck_assert_uint_eq(n[1], 2000);
	sb_free(&in);
}
END_TEST

/* ---- the parser on a second thread ------------------------------------------------- */

/* Everything a sink is given, in order; stops where told. */
struct seq {
	struct got g;
	struct strbuf all;
	int stop_at_record;         /* the record (1-based) whose callback says stop, or 0 */
	bool stop_on_error;
};

static int
seq_rec(void *ud, const struct io_record *r)
{
	struct seq *q = ud;
	size_t before = q->g.recs.len;

	on_rec(&q->g, r);
	sb_printf(&q->all, "R %s", q->g.recs.buf + before);
	return q->stop_at_record && q->g.n == q->stop_at_record;
}

static int
seq_err(void *ud, int line, const char *msg)
{
	struct seq *q = ud;

	sb_printf(&q->all, "E %d %s\n", line, msg);
	return q->stop_on_error;
}

static void
seq_note(void *ud, int line, const char *msg)
{
	sb_printf(&((struct seq *)ud)->all, "N %d %s\n", line, msg);
}

static void
seq_warn(void *ud, int line, const char *msg)
{
	sb_printf(&((struct seq *)ud)->all, "W %d %s\n", line, msg);
}

/* The sink's sequence from a direct parse and from a piped one; they must be equal. */
static void
same_both_ways_with(int (*parse)(const char *, size_t, const struct io_sink *), const char *buf,
		    size_t len, int stop_at_record, bool stop_on_error)
{
	struct seq d = { .stop_at_record = stop_at_record, .stop_on_error = stop_on_error };
	struct seq p = d;
	struct io_sink sd = { seq_rec, seq_err, seq_note, &d, seq_warn };
	struct io_sink sp = { seq_rec, seq_err, seq_note, &p, seq_warn };
	int rd = parse(buf, len, &sd);
	int rp = io_parse_piped(parse, buf, len, &sp, stop_on_error);

	ck_assert_int_eq(rp != 0, rd != 0);
	ck_assert_int_eq(p.g.n, d.g.n);
	ck_assert_str_eq(sb_str(&p.all), sb_str(&d.all));
	sb_free(&d.all);
	sb_free(&p.all);
	sb_free(&d.g.recs);
	sb_free(&p.g.recs);
}

static void
same_both_ways(const char *buf, size_t len, int stop_at_record, bool stop_on_error)
{
	same_both_ways_with(io_parse_vcard, buf, len, stop_at_record, stop_on_error);
}

START_TEST(test_vcard_piped)
{
	struct strbuf in = {0};
	enum { N = 3000 };

	/* many batches of records, a malformed line, a card with no name, a card
	   without its END, folded and encoded values */
	for (int i = 0; i < N; i++) {
		sb_printf(&in, "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Person %d\r\nN:Person;%d;;;\r\n"
			  "EMAIL;TYPE=work:p%d@example.org\r\nNOTE;ENCODING=QUOTED-PRINTABLE:line=0D=0A=\r\n"
			  " two %d\r\nORG:Org %d;Unit\r\n", i, i, i, i, i % 40);
		if (i == 700)
			sb_append(&in, "this line is not vCard\r\n");
		if (i == 1400)
			sb_append(&in, "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nX-THING:nothing\r\n");
		if (i != 2100)
			sb_append(&in, "END:VCARD\r\n");
	}
	same_both_ways(in.buf, in.len, 0, false);
	same_both_ways(in.buf, in.len, 0, true);           /* stops at line of card 700 */
	same_both_ways(in.buf, in.len, 1, false);
	same_both_ways(in.buf, in.len, 650, false);
	same_both_ways(in.buf, in.len, 2500, false);
	same_both_ways(in.buf, in.len, N + 5, false);
	same_both_ways("", 0, 0, false);
	same_both_ways("BEGIN:VCARD\r\nFN:A\r\n", 19, 0, true);
	/* started and then not wanted (an import that fails before its first
	   record): stopped at once, or once the parser waits for room */
	for (int wait = 0; wait < 2; wait++) {
		struct io_pipe *p = io_pipe_start(io_parse_vcard, in.buf, in.len, false);
		ck_assert_ptr_nonnull(p);
		if (wait)
			usleep(50000);
		ck_assert_int_eq(io_pipe_finish(p, NULL), 1);
	}
	sb_free(&in);
}
END_TEST

/*
** The iCalendar reader on a second thread (issue 14: 100,000 events and
** 100,000 to-dos in 2 s): what the sink sees is what a direct parse shows
** it, with libical's zones, recurrences, overriding instances, warnings and
** errors read on that thread.
*/
START_TEST(test_ics_piped)
{
	struct strbuf in = {0};
	enum { N = 1500 };

	sb_append(&in, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
		  "BEGIN:VTIMEZONE\r\nTZID:Custom Zone\r\nBEGIN:STANDARD\r\n"
		  "DTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\n"
		  "END:STANDARD\r\nEND:VTIMEZONE\r\n");
	for (int i = 0; i < N; i++) {
		static const char *const zones[] = { "America/Chicago", "Asia/Tokyo",
			"Pacific/Auckland", "Custom Zone", "Nowhere/Unknown" };
		sb_printf(&in, "BEGIN:VEVENT\r\nUID:s%d@t\r\nSUMMARY:Council ward %d\r\n"
			  "DTSTART;TZID=%s:2026%02d%02dT183000\r\nDURATION:PT1H\r\n", i, i,
			  zones[i % 5], 1 + i % 12, 1 + i % 28);
		if (i % 3 == 0)
			sb_printf(&in, "RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=%d\r\n"
				  "EXDATE;TZID=%s:2026%02d%02dT183000\r\n", 2 + i % 9, zones[i % 5],
				  1 + i % 12, 1 + i % 28);
		if (i % 250 == 7)
			sb_append(&in, "RRULE:FREQ=WEEKLY;INTERVAL=0\r\n");
		if (i % 400 == 11)
			sb_append(&in, "this line is not iCalendar\r\n");
		sb_append(&in, "ATTENDEE;PARTSTAT=ACCEPTED;CN=Ana:mailto:Ana@x.org\r\n"
			  "X-KEPT:aside\r\nEND:VEVENT\r\n");
		if (i % 300 == 3)
			sb_printf(&in, "BEGIN:VEVENT\r\nUID:s%d@t\r\nSUMMARY:Moved\r\n"
				  "RECURRENCE-ID;TZID=%s:2026%02d%02dT183000\r\n"
				  "DTSTART;TZID=%s:2026%02d%02dT190000\r\nEND:VEVENT\r\n", i,
				  zones[i % 5], 1 + i % 12, 1 + i % 28, zones[i % 5], 1 + i % 12,
				  2 + i % 27);
		sb_printf(&in, "BEGIN:VTODO\r\nSUMMARY:Follow up %d\r\nPRIORITY:%d\r\n"
			  "DUE;VALUE=DATE:2027%02d%02d\r\n%sEND:VTODO\r\n", i, i % 10 + (i == 900) * 20,
			  1 + i % 12, 1 + i % 28, i % 7 == 0 ? "STATUS:COMPLETED\r\n" : "");
	}
	sb_append(&in, "END:VCALENDAR\r\n");
	{
		/* what the comparisons below compare has all of these */
		struct seq d = {0};
		struct io_sink sd = { seq_rec, seq_err, seq_note, &d, seq_warn };
		const char *all;
		ck_assert_int_eq(io_parse_ics(in.buf, in.len, &sd), 0);
		all = sb_str(&d.all);
		ck_assert_int_eq(d.g.n, 2 * N + 5 - 4 - 1);   /* 4 broken lines, a PRIORITY 29 */
		ck_assert_ptr_nonnull(strstr(all, " tz=America/Chicago@2026-01-01 18:30 rrule=[FREQ="));
		ck_assert_ptr_nonnull(strstr(all, " tz=Pacific/Auckland@"));
		ck_assert_ptr_nonnull(strstr(all, "EXDATE:2026"));
		ck_assert_ptr_nonnull(strstr(all, "uid=s3@t#2026"));
		ck_assert_ptr_nonnull(strstr(all, "\nW "));
		ck_assert_ptr_nonnull(strstr(all, "\nE "));
		ck_assert_ptr_nonnull(strstr(all, " status=done"));
		sb_free(&d.all);
		sb_free(&d.g.recs);
	}
	same_both_ways_with(io_parse_ics, in.buf, in.len, 0, false);
	same_both_ways_with(io_parse_ics, in.buf, in.len, 0, true);   /* the first bad line */
	same_both_ways_with(io_parse_ics, in.buf, in.len, 1, false);
	same_both_ways_with(io_parse_ics, in.buf, in.len, 1700, false);
	same_both_ways_with(io_parse_ics, in.buf, in.len, 2 * N + 50, false);
	same_both_ways_with(io_parse_ics, "", 0, 0, false);
	same_both_ways_with(io_parse_ics, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", 32, 0, true);
	sb_free(&in);
}
END_TEST

/* ---- the quick reader of plain events and to-dos (ics_quick.c) ------------------------ */

/* internal to src/io: one component's text (BEGIN to END) read quickly; a record freed */
bool ics_quick(const char *text, size_t len, bool todo, struct io_record *rec);
void io_record_clear(struct io_record *r);

/* The sink's sequence from io_parse_ics and from libical alone; they must be equal. */
static void
same_as_libical(const char *what, const char *buf, size_t len)
{
	struct seq q = {0}, l = {0};
	struct io_sink sq = { seq_rec, seq_err, seq_note, &q, seq_warn };
	struct io_sink sl = { seq_rec, seq_err, seq_note, &l, seq_warn };
	int rq = io_parse_ics(buf, len, &sq), rl = io_parse_ics_libical(buf, len, &sl);

	const char *a = sb_str(&q.all), *b = sb_str(&l.all);
	size_t at = 0;

	ck_assert_int_eq(rq, rl);
	/* the first line that differs */
	while (a[at] && a[at] == b[at])
		at++;
	while (at > 0 && a[at - 1] != '\n')
		at--;
	ck_assert_msg(!strcmp(a, b), "%s (TZ=%s): quick: %.300s\nlibical: %.300s", what,
		      getenv("TZ"), a + at, b + at);
	sb_free(&q.all);
	sb_free(&l.all);
	sb_free(&q.g.recs);
	sb_free(&l.g.recs);
}

/*
** Every shape of value the quick reader reads, and its neighbours that it
** leaves to libical (a parameter, an escape libical writes back otherwise,
** a time that is not one, an error), mixed in thousands of events and
** to-dos: the records, errors and warnings are libical's, in every zone.
*/
START_TEST(test_ics_quick_as_libical)
{
	static const char *const text[] = { "Council meeting", "  spaced  out  ",
		"a\\,b\\;c\\\\d\\nline\\Nend", "\xc3\x9c" "n\xc3\xaf" "c\xc3\xb6" "de town hall", "tab\there",
		"x\\ty", "trailing\\", "ctl\x7f", "", NULL };
	static const char *const starts[] = { ":20260310T183000", ":20260310T183000Z",
		";VALUE=DATE:20260310", ":20260310", ":20261310T183000", ":20260230T100000",
		":20260310T246000", ";TZID=America/Chicago:20260310T183000", ":20260310T183000z",
		";VALUE=DATE:2026031", ":00010101T000000", ":99991231T233000Z", NULL };
	static const char *const ends[] = { ":20260310T193000", ":20260310T193000Z",
		";VALUE=DATE:20260312", ";VALUE=DATE:20260311", ";VALUE=DATE:20260310",
		":20260310T173000", ":20260310T173000Z", ":junk", NULL };
	static const char *const durs[] = { "PT1H", "P0DT0H30M0S", "P1D", "P1W", "-PT1H", "+PT15M",
		"PT0S", "P", "garbage", "P1DT", "PT90M", NULL };
	static const char *const prios[] = { "0", "1", "5", "9", "10", "05", "x", "", NULL };
	static const char *const statuses[] = { "COMPLETED", "CANCELLED", "NEEDS-ACTION",
		"IN-PROCESS", "completed", "BOGUS", NULL };
	static const char *const uids[] = { "u@x", " spaced", "a\\,b", "", NULL };
	static const char *const extras[] = { "DTSTAMP:20260101T000000Z", "SEQUENCE:2",
		"X-KEPT:aside", "CATEGORIES:a,b", "summary:lower case name", "LOCATION;LANGUAGE=en:Hall",
		"RRULE:FREQ=WEEKLY;COUNT=3", "ATTENDEE:mailto:a@x.org", "BEGIN:VALARM\r\nACTION:DISPLAY\r\n"
		"TRIGGER:-PT15M\r\nEND:VALARM", "DTSTART:20270101T000000", NULL };
	static const char *const zones[] = { "UTC", "America/Chicago", "Pacific/Auckland" };
#define PICK(v, k) ((v)[(k) % (sizeof(v) / sizeof((v)[0]))])
	struct strbuf in = {0};
	unsigned r = 12345;
	int quick = 0;
	char *tz = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;

	sb_append(&in, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n");
	for (int i = 0; i < 4000; i++) {
		bool todo = i % 2;
		struct strbuf c = {0};
		const char *v;
		struct io_record rec;
#define NEXT (r = r * 1103515245u + 12345u, (r >> 8) & 0xffff)
		sb_append(&c, todo ? "BEGIN:VTODO\r\n" : "BEGIN:VEVENT\r\n");
		if ((v = PICK(text, NEXT % 4 ? NEXT % 4 : NEXT)))
			sb_printf(&c, "SUMMARY:%s\r\n", v);
		if (NEXT % 3 == 0 && (v = PICK(text, NEXT % 4 ? NEXT % 4 : NEXT)))
			sb_printf(&c, "LOCATION:%s\r\n", v);
		if (NEXT % 3 == 0 && (v = PICK(text, NEXT % 4 ? NEXT % 4 : NEXT)))
			sb_printf(&c, "DESCRIPTION:%s\r\n", v);
		if ((v = PICK(uids, NEXT % 4 ? 0 : NEXT)))
			sb_printf(&c, "UID:%s\r\n", v);
		if ((!todo || NEXT % 2) && (v = PICK(starts, NEXT % 8 ? NEXT % 3 : NEXT)))
			sb_printf(&c, "DTSTART%s\r\n", v);
		if (NEXT % 2 && (v = PICK(ends, NEXT % 4 ? NEXT % 5 : NEXT)))
			sb_printf(&c, "%s%s\r\n", todo ? "DUE" : "DTEND", v);
		else if (NEXT % 2 && (v = PICK(durs, NEXT % 4 ? NEXT % 7 : NEXT)))
			sb_printf(&c, "DURATION:%s\r\n", v);
		if (todo && NEXT % 2 && (v = PICK(prios, NEXT % 4 ? NEXT % 4 : NEXT)))
			sb_printf(&c, "PRIORITY:%s\r\n", v);
		if (todo && NEXT % 3 == 0 && (v = PICK(statuses, NEXT % 4 ? NEXT % 4 : NEXT)))
			sb_printf(&c, "STATUS:%s\r\n", v);
		if (NEXT % 4 == 0 && (v = PICK(extras, NEXT)))
			sb_printf(&c, "%s\r\n", v);
		sb_append(&c, todo ? "END:VTODO\r\n" : "END:VEVENT\r\n");
		/* how many the quick reader reads (it must read many to be tested) */
		memset(&rec, 0, sizeof rec);
		if (i == 0)
			same_as_libical("init", "", 0);     /* libical opened */
		if (ics_quick(c.buf, c.len, todo, &rec)) {
			quick++;
			io_record_clear(&rec);
		}
		sb_appendn(&in, c.buf, c.len);
		sb_free(&c);
	}
	sb_append(&in, "END:VCALENDAR\r\n");
	ck_assert_msg(quick > 1000 && quick < 3500, "%d of 4000 read quickly", quick);
	for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
		setenv("TZ", zones[z], 1);
		tzset();
		same_as_libical("generated", in.buf, in.len);
	}
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	tzset();
	free(tz);
	sb_free(&in);
}
END_TEST

/* The same over the test corpus (KITH_CORPUS, else /work/shared/corpus) when it is there. */
START_TEST(test_ics_quick_corpus)
{
	const char *dir = getenv("KITH_CORPUS") ? getenv("KITH_CORPUS") : "/work/shared/corpus";
	char path[600];
	DIR *d;
	struct dirent *de;

	snprintf(path, sizeof path, "%s/ics", dir);
	if (!(d = opendir(path)))
		return;
	while ((de = readdir(d))) {
		char name[900];
		struct strbuf f = {0};
		char chunk[4096];
		size_t n;
		FILE *fp;
		if (de->d_name[0] == '.')
			continue;
		snprintf(name, sizeof name, "%s/%s", path, de->d_name);
		ck_assert_ptr_nonnull(fp = fopen(name, "rb"));
		while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
			sb_appendn(&f, chunk, n);
		fclose(fp);
		same_as_libical(de->d_name, sb_str(&f), f.len);
		sb_free(&f);
	}
	closedir(d);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("ioparse");
	TCase *tc = tcase_create("core");

	setenv("TZ", "UTC", 1);
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_vcard_folding_and_encodings);
	tcase_add_test(tc, test_vcard_fields);
	tcase_add_test(tc, test_vcard_line_shapes);
	tcase_add_test(tc, test_vcard_errors);
	tcase_add_test(tc, test_vcard_keys);
	tcase_add_test(tc, test_vcard_keys_many);
	tcase_add_test(tc, test_csv);
	tcase_add_test(tc, test_ics);
	tcase_add_test(tc, test_recurrence);
	tcase_add_test(tc, test_recur_describe);
	tcase_add_test(tc, test_recur_zones);
	tcase_add_test(tc, test_ics_kept_aside);
	tcase_add_test(tc, test_fuzz_findings);
	tcase_add_test(tc, test_sniff);
	tcase_add_test(tc, test_no_fixed_limits);
	tcase_add_test(tc, test_vcard_piped);
	tcase_add_test(tc, test_ics_piped);
	tcase_add_test(tc, test_ics_quick_as_libical);
	tcase_add_test(tc, test_ics_quick_corpus);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? 1 : 0;
}
