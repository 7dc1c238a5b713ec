/*
 * check_import.c: importing into a database: every file of the shared
 * corpus (imports, or is refused with "file:line: what" and changes
 * nothing), exact fields of a dozen of them, the merge rules, idempotent
 * re-import, dry runs, --skip-invalid, and export round trips.
 */
#include "testutil.h"

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "kith/contact.h"
#include "kith/duplicate.h"
#include "kith/event.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/io.h"
#include "kith/merge.h"
#include "kith/org.h"
#include "kith/powermap.h"
#include "kith/search.h"
#include "kith/types.h"
#include "kith/str.h"

TEST_DB_FIXTURE
static const char *corpus;

static struct io_import_stats st;
static struct kith_err err;
static struct strbuf rep;

static void
on_report(void *ud, const char *line)
{
	(void)ud;
	sb_append(&rep, line);
	sb_appendc(&rep, '\n');
}

static enum kith_status
imp(const char *name, const char *text, bool dry, bool skip)
{
	struct io_import_opts o = { .format = -1, .dry_run = dry, .skip_invalid = skip, .name = name,
				     .report = on_report };

	sb_reset(&rep);
	return io_import_buffer(db, text, strlen(text), &o, &st, &err);
}

static enum kith_status
imp_file(const char *rel)
{
	struct io_import_opts o = { .format = -1, .report = on_report };
	char path[512];

	snprintf(path, sizeof path, "%s/%s", corpus, rel);
	sb_reset(&rep);
	return io_import_file(db, path, &o, &st, &err);
}

static long long
count(const char *what)
{
	long long n = 0;
	struct kith_err e;
	if (!strcmp(what, "contacts"))
		ck_assert_int_eq(contact_count(db, &(struct contact_query){ 0 }, &n, &e), KITH_OK);
	return n;
}

/* The id of the newest contact. */
static int64_t
count_last_id(void)
{
	int64_t ids[1], after = 0, last = 0;
	int n;
	do {
		ck_assert_int_eq(contact_ids_after(db, after, ids, 1, &n, NULL), KITH_OK);
		if (n)
			last = after = ids[0];
	} while (n);
	return last;
}

/* How many contacts an incremental search finds. */
static long long
matches(const char *text)
{
	long long n = 0;
	struct kith_err e;
	ck_assert_int_eq(contact_count(db, &(struct contact_query){ .match = text }, &n, &e), KITH_OK);
	return n;
}

/* The contact with this email (must exist), fetched. */
static void
by_email(const char *email, struct kith_contact *c)
{
	int64_t id;
	ck_assert_msg(contact_find_channel(db, "email", email, &id, &err) == KITH_OK, "no %s", email);
	ck_assert_int_eq(contact_get(db, id, c, &err), KITH_OK);
}

static void
by_name(const char *name, struct kith_contact *c)
{
	int64_t id;
	ck_assert_msg(contact_resolve(db, name, &id, &err) == KITH_OK, "no %s: %s", name, err.msg);
	ck_assert_int_eq(contact_get(db, id, c, &err), KITH_OK);
}

static void
event_uid(const char *uid, struct kith_event *e)
{
	int64_t id;
	ck_assert_msg(event_find_uid(db, uid, &id, &err) == KITH_OK, "no event %s", uid);
	ck_assert_int_eq(event_get(db, id, e, &err), KITH_OK);
}

/* ---- the corpus ------------------------------------------------------------------------ */

static bool
have_corpus(void)
{
	struct stat sb;
	if (corpus && stat(corpus, &sb) == 0)
		return true;
	fprintf(stderr, "check_import: corpus not found (set KITH_CORPUS): corpus tests skipped\n");
	return false;
}

/* "name:LINE: what" with LINE > 0 */
static bool
line_numbered(const char *msg, const char *name)
{
	size_t n = strlen(name);
	const char *p = msg + n;
	int line = 0;
	return !strncmp(msg, name, n) && *p == ':' && sscanf(p + 1, "%d", &line) == 1 && line > 0 &&
	       strchr(p + 1, ':') && strlen(strchr(p + 1, ':')) > 3;
}

START_TEST(test_corpus_all)
{
	const char *dirs[] = { "vcard", "csv", "ics" };
	int files = 0, ok = 0;

	if (!have_corpus())
		return;
	for (size_t d = 0; d < 3; d++) {
		char path[512];
		DIR *dir;
		struct dirent *de;
		snprintf(path, sizeof path, "%s/%s", corpus, dirs[d]);
		ck_assert_ptr_nonnull(dir = opendir(path));
		while ((de = readdir(dir))) {
			char rel[300], name[600];
			struct io_import_stats first;
			long long before;
			enum kith_status rc;
			if (de->d_name[0] == '.')
				continue;
			snprintf(rel, sizeof rel, "%s/%s", dirs[d], de->d_name);
			snprintf(name, sizeof name, "%s/%s", corpus, rel);
			files++;
			before = count("contacts");
			rc = imp_file(rel);
			if (rc != KITH_OK) {
				/* refused: a line-numbered message, and nothing changed */
				ck_assert_msg(rc == KITH_INVALID, "%s: %s", rel, err.msg);
				ck_assert_msg(line_numbered(err.msg, name), "%s: %s", rel, err.msg);
				ck_assert_int_eq(count("contacts"), before);
				continue;
			}
			ok++;
			first = st;
			/* the same file again changes nothing */
			ck_assert_int_eq(imp_file(rel), KITH_OK);
			ck_assert_msg(st.added + st.merged + st.ev_added + st.ev_merged + st.fu_added +
				      st.fu_merged == 0, "%s: re-import changed something:\n%s", rel,
				      sb_str(&rep));
			ck_assert_int_eq(st.unchanged + st.ev_unchanged + st.fu_unchanged,
					 first.added + first.merged + first.unchanged + first.ev_added +
					 first.ev_merged + first.ev_unchanged + first.fu_added +
					 first.fu_merged + first.fu_unchanged);
		}
		closedir(dir);
	}
	ck_assert_int_ge(files, 70);
	ck_assert_int_ge(ok, 55);
}
END_TEST

START_TEST(test_corpus_vcard_fields)
{
	struct kith_contact c;

	if (!have_corpus())
		return;
	ck_assert_int_eq(imp_file("vcard/ezvcard__John_Doe_IPHONE_v30.vcf"), KITH_OK);
	by_email("john.doe@ibm.com", &c);
	ck_assert_str_eq(c.display_name, "Mr. John Richter James Doe Sr.");
	ck_assert_str_eq(c.given_name, "John");
	ck_assert_str_eq(c.family_name, "Doe");
	ck_assert_int_eq(c.n_phones, 7);
	ck_assert_str_eq(c.birthday, "2012-06-06");
	contact_free(&c);

	ck_assert_int_eq(imp_file("vcard/kcontacts__vcard9_fold_mid_utf8.vcf"), KITH_OK);
	by_name("βγδεαβγδ1", &c);
	ck_assert_str_eq(c.family_name, "123ㄓㄕㄖbcdeαβγδαβγδαβγδαβγδαβγδαβγδαβㄤㄓㄕㄖ");
	contact_free(&c);

	ck_assert_int_eq(imp_file("vcard/roundcube__utf-16be_no_bom.vcf"), KITH_OK);
	by_name("Ǽgean ĽdaMonté", &c);
	ck_assert_str_eq(c.address, "169 Mária Canal, LaPaz, Conceptión, 245-876, Perú");
	contact_free(&c);

	ck_assert_int_eq(imp_file("vcard/roundcube__johndoe_v21_windows1252.vcf"), KITH_OK);
	by_email("inbox@roundcube.net", &c);
	ck_assert_str_eq(c.display_name, "John Doë");
	ck_assert_int_eq(c.n_emails, 2);
	contact_free(&c);

	ck_assert_int_eq(imp_file("vcard/ezvcard__John_Doe_ANDROID_v21_multi.vcf"), KITH_OK);
	/* 6 cards, two share bob@company.com: one file's cards never merge but by UID */
	ck_assert_int_eq(st.added, 6);
	ck_assert_int_eq(st.possible_dups, 1);
	by_email("jane.doe@company.com", &c);   /* no FN, no N: named by its email */
	ck_assert_str_eq(c.display_name, "jane.doe@company.com");
	contact_free(&c);

	ck_assert_int_eq(imp_file("vcard/radicale__contact4-bday-no-year.vcf"), KITH_OK);
	by_name("Test bday without year", &c);
	ck_assert_str_eq(c.birthday, "--01-01");
	contact_free(&c);

	ck_assert_int_eq(imp_file("vcard/sabre__issue64_v21_photo_no_FN.vcf"), KITH_OK);
	ck_assert_int_eq(st.skipped, 1);
	ck_assert_ptr_nonnull(strstr(sb_str(&rep), "issue64_v21_photo_no_FN.vcf:1: card has no name"));
}
END_TEST

START_TEST(test_corpus_csv_fields)
{
	struct kith_contact c;
	char *org, *title;

	if (!have_corpus())
		return;
	ck_assert_int_eq(imp_file("csv/synthetic__linkedin_Connections_current.csv"), KITH_OK);
	ck_assert_int_eq(st.added, 8);
	ck_assert_int_eq(st.skipped, 1);
	by_email("tomas.reyes@example.org", &c);
	ck_assert_str_eq(c.display_name, "Tomás Reyes-Ørsted");
	ck_assert_int_eq(contact_current_org(db, c.id, &org, &title, &err), KITH_OK);
	ck_assert_str_eq(org, "Contoso");
	ck_assert_str_eq(title, "Engineer, Platform");
	free(org);
	free(title);
	contact_free(&c);

	ck_assert_int_eq(imp_file("csv/synthetic__linkedin_Connections_2020_no_preamble.csv"), KITH_OK);
	by_name("Jan Kowalski", &c);   /* the record wrapped in one pair of quotes */
	ck_assert_int_eq(contact_current_org(db, c.id, &org, &title, &err), KITH_OK);
	ck_assert_str_eq(title, "Engineer, QA");
	free(org);
	free(title);
	contact_free(&c);

	ck_assert_int_eq(imp_file("csv/thunderbird__utf16le_bom_addressbook.csv"), KITH_OK);
	by_email("johndoe@host.invalid", &c);
	ck_assert_str_eq(c.display_name, "John Doe");
	contact_free(&c);

	ck_assert_int_eq(imp_file("csv/roundcube__gmail_old_google_format.csv"), KITH_OK);
	by_email("work@email.pl", &c);
	ck_assert_str_eq(c.display_name, "Prefix Firstname Middle Lastname Suffix");
	ck_assert_str_eq(c.birthday, "1975-12-12");
	ck_assert_int_eq(c.n_emails, 4);
	contact_free(&c);

	ck_assert_int_eq(imp_file("csv/synthetic__generic_semicolon_bom_crlf.csv"), KITH_OK);
	by_email("hans.mueller@example.de", &c);
	ck_assert_str_eq(c.display_name, "Müller, Hans");
	ck_assert_str_eq(c.birthday, "1980-12-24");
	contact_free(&c);

	ck_assert_int_eq(imp_file("csv/thunderbird__csv_no_header.csv"), KITH_INVALID);
	ck_assert_ptr_nonnull(strstr(err.msg, "thunderbird__csv_no_header.csv:1: no header line"));
}
END_TEST

START_TEST(test_corpus_ics_fields)
{
	struct kith_event e;

	if (!have_corpus())
		return;
	/* TZ is UTC in this test: times are converted from their zones to UTC */
	ck_assert_int_eq(imp_file("ics/khal__event_dt_duration_bare_vevent.ics"), KITH_OK);
	event_uid("V042MJ8B3SJNFXQOJL6P53OFMHJE8Z3VZWOU", &e);
	ck_assert_str_eq(e.title, "An Event");
	ck_assert_str_eq(e.start_at, "2014-04-09 07:30");    /* 09:30 Europe/Berlin */
	ck_assert_str_eq(e.end_at, "2014-04-09 08:30");      /* DURATION:PT1H */
	event_free(&e);

	ck_assert_int_eq(imp_file("ics/vobject__ms_tzid.ics"), KITH_OK);
	event_uid("CommaTest", &e);
	ck_assert_str_eq(e.start_at, "2008-05-30 05:00");    /* 15:00 in Sydney, +10 */
	event_free(&e);

	ck_assert_int_eq(imp_file("ics/vobject__tzid_8bit.ics"), KITH_OK);
	event_uid("CyrillicTest", &e);
	ck_assert_str_eq(e.start_at, "2008-05-30 09:00");    /* 15:00 in Yekaterinburg, +6 */
	event_free(&e);

	ck_assert_int_eq(imp_file("ics/ical4j__google_aus_holidays.ics"), KITH_OK);
	ck_assert_int_eq(st.ev_added, 96);
	event_uid("mrlhppia4sm5ishfocsm9ser2o@google.com", &e);
	ck_assert_str_eq(e.title, "Christmas");
	ck_assert_str_eq(e.start_at, "2004-12-25");
	ck_assert(e.all_day);
	ck_assert_str_eq(e.rrule, "FREQ=YEARLY");
	event_free(&e);

	ck_assert_int_eq(imp_file("ics/khal__event_rrule_recuid.ics"), KITH_OK);
	event_uid("event_rrule_recurrence_id", &e);
	/* the series keeps Europe/Berlin: the overridden 05:00 UTC is excluded at 07:00 there */
	ck_assert_str_eq(e.rrule, "FREQ=WEEKLY;UNTIL=20140806T060000Z\nEXDATE:20140707T070000");
	ck_assert_str_eq(e.tzid, "Europe/Berlin");
	ck_assert_str_eq(e.tz_start, "2014-06-30 07:00");
	event_free(&e);
	event_uid("event_rrule_recurrence_id#20140707T050000", &e);
	ck_assert_str_eq(e.start_at, "2014-07-07 07:00");
	event_free(&e);

	ck_assert_int_eq(imp_file("ics/kcalendarcore__AppleICal_1.5.ics"), KITH_OK);
	ck_assert_int_eq(st.ev_added, 14);
	ck_assert_int_eq(st.fu_added, 13);

	ck_assert_int_eq(imp_file("ics/thunderbird__importLatin1.ics"), KITH_OK);
	ck_assert_int_eq(event_resolve(db, "Event Två", &(int64_t){0}, &err), KITH_OK);

	ck_assert_int_eq(imp_file("ics/calcurse__ical-009_malformed.ical"), KITH_INVALID);
	ck_assert_ptr_nonnull(strstr(err.msg, "calcurse__ical-009_malformed.ical:30: "));
}
END_TEST

/* ---- merge rules -------------------------------------------------------------------------- */

START_TEST(test_merge_rules)
{
	struct kith_contact c;

	ck_assert_int_eq(imp("a.vcf", "BEGIN:VCARD\nFN:Ana Lima\nEMAIL:ana@x.org\nORG:City\n"
			     "TITLE:Clerk\nEND:VCARD\n", false, false), KITH_OK);
	ck_assert_int_eq(st.added, 1);
	/* the same email, a name that does not contradict: merged, the name kept, new
	   fields filled in, and the report says why */
	ck_assert_int_eq(imp("b.vcf", "BEGIN:VCARD\nFN:ANA LIMA-SOUZA\nEMAIL:ANA@X.ORG\n"
			     "TEL:+1 555 123 4567\nBDAY:1980-01-02\nNOTE:likes parks\nEND:VCARD\n",
			     false, false), KITH_OK);
	ck_assert_int_eq(st.merged, 1);
	ck_assert_msg(strstr(sb_str(&rep), "ANA LIMA-SOUZA: merged by email ANA@X.ORG with #1 "
			     "Ana Lima: "), "%s", sb_str(&rep));
	by_email("ana@x.org", &c);
	ck_assert_str_eq(c.display_name, "Ana Lima");
	ck_assert_str_eq(c.birthday, "1980-01-02");
	ck_assert_str_eq(c.notes, "likes parks");
	ck_assert_int_eq(c.n_phones, 1);
	contact_free(&c);
	/* a different birthday with the email: not overwritten, kept aside, reported */
	ck_assert_int_eq(imp("c.vcf", "BEGIN:VCARD\nFN:Ana Lima\nEMAIL:ana@x.org\n"
			     "BDAY:1981-05-05\nEND:VCARD\n", false, false), KITH_OK);
	ck_assert_int_eq(st.merged, 1);
	ck_assert_msg(strstr(sb_str(&rep), "kept birthday \"1981-05-05\" aside"), "%s", sb_str(&rep));
	by_email("ana@x.org", &c);
	ck_assert_str_eq(c.birthday, "1980-01-02");
	contact_free(&c);
	/* a phone and the same name, but something new: not merged (a phone never
	   merges), kept apart and reported as a possible duplicate */
	ck_assert_int_eq(imp("p.vcf", "BEGIN:VCARD\nFN:Ana Lima\nTEL:+1 (555) 123-4567\n"
			     "NOTE:other notes\nEND:VCARD\n", false, false), KITH_OK);
	ck_assert_int_eq(st.added, 1);
	ck_assert_int_eq(st.possible_dups, 1);
	ck_assert_msg(strstr(sb_str(&rep), "#2 Ana Lima: possible duplicate of #1 Ana Lima "
			     "(shares phone +1 (555) 123-4567), kept apart"), "%s", sb_str(&rep));
	ck_assert_int_eq(contact_delete(db, 2, &err), KITH_OK);
	/* a nameless card with her number and nothing more is already hers: no-op */
	ck_assert_int_eq(imp("e.vcf", "BEGIN:VCARD\nFN:Daniel Ireland\nTEL:+1 555 123 4567\n"
			     "END:VCARD\nBEGIN:VCARD\nFN:+1 555 123 4567\nTEL:+1 555 123 4567\n"
			     "END:VCARD\n", false, false), KITH_OK);
	ck_assert_int_eq(st.added, 1);
	ck_assert_int_eq(st.unchanged, 1);
	ck_assert_int_eq(contact_delete(db, count_last_id(), &err), KITH_OK);
	/* the same email, a name that contradicts: not merged, reported */
	ck_assert_int_eq(imp("f.vcf", "BEGIN:VCARD\nFN:Bruno Costa\nEMAIL:ana@x.org\nEND:VCARD\n",
			     false, false), KITH_OK);
	ck_assert_int_eq(st.added, 1);
	ck_assert_int_eq(st.merged, 0);
	ck_assert_msg(strstr(sb_str(&rep), "Bruno Costa: possible duplicate of #1 Ana Lima "
			     "(same email ana@x.org, another name), kept apart"), "%s", sb_str(&rep));
	ck_assert_int_eq(contact_delete(db, count_last_id(), &err), KITH_OK);
	/* the same name and organisation: kept apart, reported; another organisation
	   too; a record with nothing the contact lacks is already there */
	ck_assert_int_eq(imp("d.csv", "name,organisation,email\nana lima,CITY,\n"
			     "Ana Lima,City,ana2@x.org\nAna Lima,Acme,ana@acme.com\n", false, false),
			 KITH_OK);
	ck_assert_int_eq(st.added, 2);
	ck_assert_int_eq(st.unchanged, 1);
	ck_assert_int_eq(st.possible_dups, 1);
	ck_assert_msg(strstr(sb_str(&rep), "Ana Lima: possible duplicate of #1 Ana Lima (same name "
			     "at City), kept apart"), "%s", sb_str(&rep));
	ck_assert_int_eq(count("contacts"), 3);
	/* the search index was rebuilt for what the imports wrote */
	ck_assert_int_eq(matches("lima"), 3);
	ck_assert_int_eq(matches("acme"), 1);
	ck_assert_int_eq(matches("clerk"), 1);
}
END_TEST

static char *export_to_string(int fmt, int version);

/* Issue 14: two people who share a name, an organisation or a phone stay two. */
START_TEST(test_merge_never_guesses)
{
	struct kith_contact c;
	char *text;
	int64_t id;

	/* two Maria Garcia at City Hall, each with her own UID and email */
	ck_assert_int_eq(imp("m.vcf", "BEGIN:VCARD\nUID:m-1\nFN:Maria Garcia\nORG:City Hall\n"
			     "EMAIL:maria.garcia@city.gov\nEND:VCARD\n"
			     "BEGIN:VCARD\nUID:m-2\nFN:Maria Garcia\nORG:City Hall\n"
			     "EMAIL:mgarcia@city.gov\nEND:VCARD\n", false, false), KITH_OK);
	ck_assert_int_eq(st.added, 2);
	ck_assert_int_eq(st.merged, 0);
	ck_assert_int_eq(count("contacts"), 2);
	ck_assert_msg(strstr(sb_str(&rep), "#2 Maria Garcia: possible duplicate of #1 Maria Garcia "
			     "(same name at City Hall), kept apart"), "%s", sb_str(&rep));
	/* the same file again: each found by her UID, nothing new */
	ck_assert_int_eq(imp("m.vcf", "BEGIN:VCARD\nUID:m-1\nFN:Maria Garcia\nORG:City Hall\n"
			     "EMAIL:maria.garcia@city.gov\nEND:VCARD\n"
			     "BEGIN:VCARD\nUID:m-2\nFN:Maria Garcia\nORG:City Hall\n"
			     "EMAIL:mgarcia@city.gov\nEND:VCARD\n", false, false), KITH_OK);
	ck_assert_int_eq(st.unchanged, 2);
	ck_assert_int_eq(count("contacts"), 2);
	/* by UID: another email and a second job title are kept, and said */
	ck_assert_int_eq(imp("m2.vcf", "BEGIN:VCARD\nUID:m-2\nFN:Maria Garcia\nORG:City Hall\n"
			     "TITLE:Clerk\nEMAIL:maria@home.org\nEND:VCARD\n"
			     "BEGIN:VCARD\nUID:m-2\nFN:Maria Garcia\nORG:City Hall\n"
			     "TITLE:Deputy Mayor\nEND:VCARD\n", false, false), KITH_OK);
	ck_assert_int_eq(st.merged, 2);
	ck_assert_msg(strstr(sb_str(&rep), "Maria Garcia: merged by UID with #2 Maria Garcia: "
			     "+email maria@home.org, +title Clerk\n"), "%s", sb_str(&rep));
	ck_assert_msg(strstr(sb_str(&rep), "merged by UID with #2 Maria Garcia: kept title "
			     "\"Deputy Mayor\" aside"), "%s", sb_str(&rep));
	ck_assert_int_eq(contact_get(db, 2, &c, &err), KITH_OK);
	ck_assert_str_eq(c.uid, "m-2");
	ck_assert_int_eq(c.n_emails, 2);
	contact_free(&c);
	ck_assert(import_extra_has(db, "contact", 2, "title", "Deputy Mayor"));

	/* an export of two contacts sharing an office phone, into an empty database */
	teardown();
	setup();
	{
		struct kith_channel office = { .label = "work", .value = "+1 312 555 0100" };
		struct kith_contact a = { .display_name = "Front Office", .notes = "the office line",
					  .phones = &office, .n_phones = 1, .cadence_days = -1 };
		struct kith_contact b = { .display_name = "Daniel Ireland", .phones = &office,
					  .n_phones = 1, .cadence_days = -1 };
		ck_assert_int_eq(contact_add(db, &a, &id, &err), KITH_OK);
		ck_assert_int_eq(contact_add(db, &b, &id, &err), KITH_OK);
	}
	text = export_to_string(IO_FMT_VCF, 0);
	teardown();
	setup();
	ck_assert_int_eq(imp("office.vcf", text, false, false), KITH_OK);
	free(text);
	ck_assert_int_eq(st.added, 2);
	ck_assert_int_eq(count("contacts"), 2);
	ck_assert_msg(strstr(sb_str(&rep), "(shares phone +1 312 555 0100), kept apart"), "%s",
		      sb_str(&rep));
	by_name("Daniel Ireland", &c);
	ck_assert_ptr_null(c.notes && *c.notes ? c.notes : NULL);
	contact_free(&c);
}
END_TEST

/* A UID kept aside (a merge by email, a duplicates merge) still finds its contact. */
START_TEST(test_merge_uid_kept_aside)
{
	int64_t a, b;

	ck_assert_int_eq(imp("a.vcf", "BEGIN:VCARD\nUID:a-1\nFN:Ana Lima\nEMAIL:ana@x.org\nEND:VCARD\n"
			     "BEGIN:VCARD\nUID:b-1\nFN:Bo Strand\nEND:VCARD\n", false, false), KITH_OK);
	ck_assert_int_eq(st.added, 2);
	/* another address book's card for Ana: merged by email, its UID kept aside */
	ck_assert_int_eq(imp("g.vcf", "BEGIN:VCARD\nUID:g-77\nFN:Ana Lima\nEMAIL:ana@x.org\n"
			     "END:VCARD\n", false, false), KITH_OK);
	ck_assert_int_eq(st.merged, 1);
	ck_assert_msg(strstr(sb_str(&rep), "kept UID \"g-77\" aside"), "%s", sb_str(&rep));
	/* the same card again, even without the email: found by the UID kept aside */
	ck_assert_int_eq(imp("g.vcf", "BEGIN:VCARD\nUID:g-77\nFN:Ana Lima\nEND:VCARD\n", false,
			     false), KITH_OK);
	ck_assert_int_eq(st.unchanged, 1);
	ck_assert_int_eq(count("contacts"), 2);
	/* Bo merged into Ana by the duplicates review: Bo's card finds Ana */
	ck_assert_int_eq(contact_find_uid(db, "a-1", &a, &err), KITH_OK);
	ck_assert_int_eq(contact_find_uid(db, "b-1", &b, &err), KITH_OK);
	ck_assert_int_eq(contact_merge(db, a, b, NULL, &err), KITH_OK);
	ck_assert_int_eq(imp("a.vcf", "BEGIN:VCARD\nUID:b-1\nFN:Bo Strand\nEND:VCARD\n", false,
			     false), KITH_OK);
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(count("contacts"), 1);
}
END_TEST

/* Many cards with their own UID and email, sharing names and organisations: all kept. */
START_TEST(test_merge_generated_all_kept)
{
	static const char *const given[] = { "Maria", "José", "Ana", "Li", "Sam" };
	static const char *const family[] = { "Garcia", "Smith", "Nguyen" };
	static const char *const orgs[] = { "City Hall", "Acme", "" };
	struct strbuf sb = {0};
	enum { N = 3000 };

	for (int i = 0; i < N; i++) {
		sb_printf(&sb, "BEGIN:VCARD\nVERSION:3.0\nUID:gen-%d\nFN:%s %s\nN:%s;%s;;;\n"
			  "EMAIL:p%d@example.org\nTEL;TYPE=work:+1 312 555 %04d\n", i, given[i % 5],
			  family[i % 3], family[i % 3], given[i % 5], i, i % 7);
		if (*orgs[i % 3])
			sb_printf(&sb, "ORG:%s\n", orgs[i % 3]);
		sb_append(&sb, "END:VCARD\n");
	}
	ck_assert_int_eq(imp("gen.vcf", sb_str(&sb), false, false), KITH_OK);
	ck_assert_int_eq(st.added, N);
	ck_assert_int_eq(count("contacts"), N);
	/* and again: every card found by its UID */
	ck_assert_int_eq(imp("gen.vcf", sb_str(&sb), false, false), KITH_OK);
	ck_assert_int_eq(st.unchanged, N);
	ck_assert_int_eq(count("contacts"), N);
	sb_free(&sb);
}
END_TEST

START_TEST(test_dry_run_and_errors)
{
	const char *good = "name,email\nA One,a@x.org\nB Two,b@x.org\n";
	const char *bad = "BEGIN:VCARD\nFN:C\nEND:VCARD\nBEGIN:VCARD\nFN:D\nbroken line\nEND:VCARD\n"
			  "BEGIN:VCARD\nFN:E\nEND:VCARD\n";

	ck_assert_int_eq(imp("g.csv", good, true, false), KITH_OK);
	ck_assert_int_eq(st.added, 2);
	ck_assert_str_eq(sb_str(&rep), "add contact A One\nadd contact B Two\n");
	ck_assert_int_eq(count("contacts"), 0);
	/* a malformed record: nothing imported, the line named */
	ck_assert_int_eq(imp("bad.vcf", bad, false, false), KITH_INVALID);
	ck_assert_str_eq(err.msg, "bad.vcf:6: no ':' (not a vCard property line)");
	ck_assert_int_eq(count("contacts"), 0);
	/* and after the rolled-back import and dry run, writes are indexed at once again */
	{
		struct kith_contact c = { .display_name = "Zed Later", .cadence_days = -1 };
		int64_t id;
		ck_assert_int_eq(contact_add(db, &c, &id, &err), KITH_OK);
		ck_assert_int_eq(matches("zed"), 1);
		ck_assert_int_eq(contact_delete(db, id, &err), KITH_OK);
	}
	/* with skip_invalid the rest goes in and the bad one is reported */
	ck_assert_int_eq(imp("bad.vcf", bad, false, true), KITH_OK);
	ck_assert_int_eq(st.added, 2);
	ck_assert_int_eq(st.errors, 1);
	ck_assert_str_eq(sb_str(&rep), "bad.vcf:6: no ':' (not a vCard property line) (skipped)\n");
	/* a record the data layer refuses is reported with its line too */
	ck_assert_int_eq(imp("inf.vcf", "BEGIN:VCARD\nFN:F\nX-KITH-INFLUENCE:9\nEND:VCARD\n"
			     "BEGIN:VCARD\nFN:G\nEMAIL:\nEND:VCARD\n", false, false), KITH_OK);
	ck_assert_int_eq(st.added, 2);
}
END_TEST

/* ---- derived rows of an import (migration 5: made at its end) ------------------------ */

struct seen {
	int n;
	char last[8][17];
};

static int
seen_row(void *ud, const struct contact_row *row)
{
	struct seen *s = ud;
	if (s->n < 8)
		snprintf(s->last[s->n], sizeof s->last[0], "%s", row->last_at);
	s->n++;
	return 0;
}

START_TEST(test_bulk_derived_rows)
{
	const char *cards = "BEGIN:VCARD\nFN:Alpha Quill\nEMAIL:alpha@x.org\nEND:VCARD\n"
			    "BEGIN:VCARD\nFN:Old Friend\nEMAIL:old@x.org\nNOTE:from the file\n"
			    "END:VCARD\n"
			    "BEGIN:VCARD\nFN:Bad\nbroken line\nEND:VCARD\n"
			    "BEGIN:VCARD\nFN:Beta Quill\nORG:Quill Works\nEND:VCARD\n";
	struct kith_contact old = { .display_name = "Old Friend", .cadence_days = -1 };
	struct kith_channel mail = { .label = "", .value = "old@x.org" };
	struct kith_interaction in = { .at = "2026-03-01 10:00", .summary = "coffee" };
	struct seen s = { 0 };
	int64_t oid, iid;

	old.emails = &mail;
	old.n_emails = 1;
	ck_assert_int_eq(contact_add(db, &old, &oid, &err), KITH_OK);
	in.contact_ids = &oid;
	in.n_contacts = 1;
	ck_assert_int_eq(interaction_add(db, &in, &iid, &err), KITH_OK);
	/* a dry run and a failed import leave no new contact behind, nor a count */
	ck_assert_int_eq(imp("q.vcf", cards, true, true), KITH_OK);
	ck_assert_int_eq(imp("q.vcf", cards, false, false), KITH_INVALID);
	ck_assert_int_eq(count("contacts"), 1);
	/* the bad card skipped: two new, one merged */
	ck_assert_int_eq(imp("q.vcf", cards, false, true), KITH_OK);
	ck_assert_int_eq(st.added, 2);
	ck_assert_int_eq(st.merged, 1);
	ck_assert_int_eq(count("contacts"), 3);
	ck_assert_int_eq(matches("quill"), 2);
	ck_assert_int_eq(matches("works"), 1);
	/* every contact has its contact_stat row (the list joins it): the new
	   ones never contacted, the old one keeps its coffee */
	ck_assert_int_eq(contact_list(db, &(struct contact_query){ .sort = CONTACT_SORT_LAST }, 0, 1,
				      10, seen_row, &s, &err), KITH_OK);
	ck_assert_int_eq(s.n, 3);
	ck_assert_str_eq(s.last[0], "");
	ck_assert_str_eq(s.last[1], "");
	ck_assert_str_eq(s.last[2], "2026-03-01 10:00");
	/* and a contact added afterwards is counted, listed and indexed at once */
	{
		struct kith_contact c = { .display_name = "Gamma Quill", .cadence_days = -1 };
		int64_t id;
		ck_assert_int_eq(contact_add(db, &c, &id, &err), KITH_OK);
		ck_assert_int_eq(count("contacts"), 4);
		ck_assert_int_eq(matches("quill"), 3);
		s.n = 0;
		ck_assert_int_eq(contact_list(db, &(struct contact_query){ .sort = CONTACT_SORT_LAST },
					      0, 1, 10, seen_row, &s, &err), KITH_OK);
		ck_assert_int_eq(s.n, 4);
	}
	/* importing it all again changes nothing */
	ck_assert_int_eq(imp("q.vcf", cards, false, true), KITH_OK);
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(count("contacts"), 4);
}
END_TEST

/* A contact made while an import defers its rows, and touched before its
   end (an interaction logged with it), gets its last contact from the touch
   when the import catches up, not the empty one of a contact never met. */
START_TEST(test_bulk_new_contact_touched)
{
	struct kith_contact c = { .display_name = "Delta Quill", .cadence_days = -1 };
	struct kith_contact d = { .display_name = "Epsilon Quill", .cadence_days = -1 };
	struct kith_interaction in = { .at = "2026-03-05 09:00", .summary = "call" };
	struct seen s = { 0 };
	int64_t id, id2, iid;

	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	ck_assert_int_eq(contact_fts_defer(db, true, &err), KITH_OK);
	ck_assert_int_eq(contact_add(db, &c, &id, &err), KITH_OK);
	ck_assert_int_eq(contact_add(db, &d, &id2, &err), KITH_OK);
	in.contact_ids = &id;
	in.n_contacts = 1;
	ck_assert_int_eq(interaction_add(db, &in, &iid, &err), KITH_OK);
	ck_assert_msg(contact_fts_defer(db, false, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
	ck_assert_int_eq(contact_list(db, &(struct contact_query){ .sort = CONTACT_SORT_LAST }, 0, 1,
				      10, seen_row, &s, &err), KITH_OK);
	ck_assert_int_eq(s.n, 2);
	ck_assert_str_eq(s.last[0], "");
	ck_assert_str_eq(s.last[1], "2026-03-05 09:00");
	ck_assert_int_eq(matches("quill"), 2);
}
END_TEST

START_TEST(test_events_merge)
{
	const char *ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:m1\nSUMMARY:Council meeting\n"
			  "DTSTART:20260312T190000\nATTENDEE;PARTSTAT=ACCEPTED:mailto:ana@x.org\n"
			  "ATTENDEE:mailto:nobody@x.org\nEND:VEVENT\n"
			  "BEGIN:VTODO\nUID:t1\nSUMMARY:Send agenda\nDUE;VALUE=DATE:20260311\nEND:VTODO\n"
			  "END:VCALENDAR\n";
	struct kith_event e;
	int status;
	int64_t cid, fid;

	ck_assert_int_eq(imp("p.vcf", "BEGIN:VCARD\nFN:Ana\nEMAIL:ana@x.org\nEND:VCARD\n", false,
			     false), KITH_OK);
	ck_assert_int_eq(imp("m.ics", ics, false, false), KITH_OK);
	ck_assert_int_eq(st.ev_added, 1);
	ck_assert_int_eq(st.fu_added, 1);
	event_uid("m1", &e);
	ck_assert_int_eq(e.kind, KITH_EVENT_COUNCIL_MEETING);
	ck_assert_int_eq(contact_find_channel(db, "email", "ana@x.org", &cid, &err), KITH_OK);
	ck_assert_int_eq(attendance_status(db, e.id, cid, &status, &err), KITH_OK);
	ck_assert_int_eq(status, KITH_ASTATUS_CONFIRMED);
	ck_assert_int_eq(followup_find_uid(db, "t1", &fid, &err), KITH_OK);
	/* the same calendar again: nothing new */
	ck_assert_int_eq(imp("m.ics", ics, false, false), KITH_OK);
	ck_assert_int_eq(st.ev_unchanged, 1);
	ck_assert_int_eq(st.fu_unchanged, 1);
	/* a moved meeting is not moved silently */
	ck_assert_int_eq(imp("m2.ics", "BEGIN:VEVENT\nUID:m1\nSUMMARY:Council meeting\n"
			     "DTSTART:20260313T190000\nLOCATION:Hall\nEND:VEVENT\n", false, false),
			 KITH_OK);
	ck_assert_int_eq(st.ev_merged, 1);
	event_free(&e);
	event_uid("m1", &e);
	ck_assert_str_eq(e.start_at, "2026-03-12 19:00");
	ck_assert_str_eq(e.location, "Hall");
	event_free(&e);
}
END_TEST

struct kind_hits {
	int events, followups;
};

static int
kind_hit(void *ud, const struct search_hit *h)
{
	struct kind_hits *k = ud;
	k->events += h->kind == SEARCH_EVENT;
	k->followups += h->kind == SEARCH_FOLLOWUP;
	return 0;
}

static struct kind_hits
hits(const char *q)
{
	struct kind_hits k = { 0, 0 };
	ck_assert_int_eq(search_all(db, q, 50, kind_hit, &k, &err), KITH_OK);
	return k;
}

static long long
open_followups(void)
{
	long long n = -1;
	ck_assert_int_eq(followup_count(db, &(struct followup_query){ 0 }, &n, &err), KITH_OK);
	return n;
}

/*
** A calendar import makes its events' and to-dos' search documents and the
** open count at its end (the insert triggers suspended): it is still one
** undo step, and undo and redo keep the search indexes and the count right
** (the triggers, back in place, take the documents out and put them back).
*/
START_TEST(test_calendar_undo)
{
	const char *ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Ward meeting\n"
			  "DTSTART:20260312T190000\nEND:VEVENT\n"
			  "BEGIN:VEVENT\nSUMMARY:Ward meeting\nDTSTART:20260312T190000\n"
			  "LOCATION:Quillfield Hall\nEND:VEVENT\n"
			  "BEGIN:VEVENT\nSUMMARY:Older meeting\nDTSTART:20260201T090000\n"
			  "LOCATION:Inkwell Library\nEND:VEVENT\n"
			  "BEGIN:VTODO\nSUMMARY:Chore one\nEND:VTODO\n"
			  "BEGIN:VTODO\nSUMMARY:Chore two\nEND:VTODO\nEND:VCALENDAR\n";
	struct kith_event old = { .title = "Older meeting", .start_at = "2026-02-01 09:00" };
	struct kdb_change *ch;
	int64_t id;

	ck_assert_int_eq(event_add(db, &old, &id, &err), KITH_OK);
	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	ck_assert_msg(imp("c.ics", ics, false, false) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(st.ev_added, 1);
	ck_assert_int_eq(st.ev_merged, 2);
	ck_assert_int_eq(st.fu_added, 2);
	ck_assert_ptr_nonnull(ch = kdb_change_take(db));
	ck_assert_int_eq(hits("quillfield").events, 1);     /* merged in its own import */
	ck_assert_int_eq(hits("inkwell").events, 1);        /* an older event given a location */
	ck_assert_int_eq(hits("chore").followups, 2);
	ck_assert_int_eq(open_followups(), 2);
	/* undo: the new rows and their documents go, the older event loses its location */
	ck_assert_msg(kdb_change_apply(db, ch, true, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(hits("ward").events, 0);
	ck_assert_int_eq(hits("inkwell").events, 0);
	ck_assert_int_eq(hits("older").events, 1);
	ck_assert_int_eq(hits("chore").followups, 0);
	ck_assert_int_eq(open_followups(), 0);
	/* redo: all of it again, found again */
	ck_assert_msg(kdb_change_apply(db, ch, false, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(hits("quillfield").events, 1);
	ck_assert_int_eq(hits("inkwell").events, 1);
	ck_assert_int_eq(hits("chore").followups, 2);
	ck_assert_int_eq(open_followups(), 2);
	kdb_change_free(ch);
	ck_assert_int_eq(kdb_record_changes(db, false, &err), KITH_OK);
}
END_TEST

/* ---- round trips ------------------------------------------------------------------------------- */

static char *
export_to_string(int fmt, int version)
{
	struct io_export_opts o = { .format = fmt, .vcard_version = version };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_msg(io_export(db, f, &o, &err) == KITH_OK, "export: %s", err.msg);
	fclose(f);
	return buf;
}

static void
seed(void)
{
	struct kith_contact c = { .display_name = "Zoë Ngô", .given_name = "Zoë",
		.family_name = "Ngô", .birthday = "--04-15", .notes = "met at the fair;\nlikes, parks",
		.address = "1 Main St, Springfield", .influence = 4, .alignment = 1, .tier = 'B',
		.cadence_days = 30, .pronouns = "she/her" };
	struct kith_channel em[] = { { "work", "zoe@city.gov" }, { "", "z@home.net" } };
	struct kith_channel ph[] = { { "mobile", "+1 555 0100" } };
	char *tags[] = { "housing", "zoning, land use" };
	struct kith_role r = {0};
	struct kith_event e = { .title = "Council meeting", .start_at = "2026-03-12 19:00",
		.end_at = "2026-03-12 21:00", .location = "Town hall", .rrule =
		"FREQ=MONTHLY;BYDAY=2TH\nEXDATE:20260409T190000", .uid = "council@town" };
	struct kith_event d = { .title = "Fair", .start_at = "2026-03-20", .end_at = "2026-03-21" };
	struct kith_followup f = { .title = "Send the draft", .due = "2026-03-13", .priority = 3 };
	int64_t id, org, eid;

	c.emails = em, c.n_emails = 2, c.phones = ph, c.n_phones = 1, c.tags = tags, c.n_tags = 2;
	c.cadence_days = 30;
	ck_assert_int_eq(contact_add(db, &c, &id, &err), KITH_OK);
	ck_assert_int_eq(org_find(db, "City Council", true, &org, &err), KITH_OK);
	r.contact_id = id, r.org_id = org, r.title = "Clerk";
	ck_assert_int_eq(role_add(db, &r, NULL, &err), KITH_OK);
	ck_assert_int_eq(event_add(db, &e, &eid, &err), KITH_OK);
	ck_assert_int_eq(attendance_set(db, eid, id, KITH_AROLE_ATTENDEE, KITH_ASTATUS_CONFIRMED,
					&err), KITH_OK);
	ck_assert_int_eq(event_add(db, &d, NULL, &err), KITH_OK);
	f.contact_id = id;
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_OK);
}

static void
check_seeded_contact(void)
{
	struct kith_contact c;
	char *org, *title;

	by_email("zoe@city.gov", &c);
	ck_assert_str_eq(c.display_name, "Zoë Ngô");
	ck_assert_str_eq(c.given_name, "Zoë");
	ck_assert_str_eq(c.family_name, "Ngô");
	ck_assert_str_eq(c.birthday, "--04-15");
	ck_assert_str_eq(c.notes, "met at the fair;\nlikes, parks");
	ck_assert_str_eq(c.address, "1 Main St, Springfield");
	ck_assert_int_eq(c.influence, 4);
	ck_assert_int_eq(c.alignment, 1);
	ck_assert_int_eq(c.tier, 'B');
	ck_assert_int_eq(c.cadence_days, 30);
	ck_assert_str_eq(c.pronouns, "she/her");
	ck_assert_int_eq(c.n_emails, 2);
	ck_assert_str_eq(c.emails[1].value, "z@home.net");
	ck_assert_int_eq(c.n_phones, 1);
	ck_assert_str_eq(c.phones[0].value, "+1 555 0100");
	ck_assert_int_eq(c.n_tags, 2);
	ck_assert_str_eq(c.tags[1], "zoning, land use");
	ck_assert_int_eq(contact_current_org(db, c.id, &org, &title, &err), KITH_OK);
	ck_assert_str_eq(org, "City Council");
	ck_assert_str_eq(title, "Clerk");
	free(org);
	free(title);
	contact_free(&c);
}

START_TEST(test_round_trip)
{
	static const int fmts[][2] = { { IO_FMT_VCF, 40 }, { IO_FMT_VCF, 30 }, { IO_FMT_CSV, 0 } };

	for (size_t i = 0; i < 3; i++) {
		char *text;
		seed();
		text = export_to_string(fmts[i][0], fmts[i][1]);
		kdb_close(db);
		db = test_db_open();
		ck_assert_msg(imp(fmts[i][0] == IO_FMT_CSV ? "x.csv" : "x.vcf", text, false, false) ==
			      KITH_OK, "%s", err.msg);
		ck_assert_int_eq(st.added, 1);
		check_seeded_contact();
		/* and exporting again gives the same text */
		{
			char *again = export_to_string(fmts[i][0], fmts[i][1]);
			ck_assert_str_eq(again, text);
			free(again);
		}
		free(text);
		kdb_close(db);
		db = test_db_open();
	}
}
END_TEST

START_TEST(test_round_trip_ics)
{
	struct kith_event e;
	char *text, *p;
	int64_t id;

	seed();
	text = export_to_string(IO_FMT_ICS, 0);
	ck_assert_ptr_nonnull(strstr(text, "BEGIN:VTODO\r\nUID:kith-followup-1@kith\r\n"));
	kdb_close(db);
	db = test_db_open();
	ck_assert_int_eq(imp("x.vcf", "BEGIN:VCARD\nFN:Zoë Ngô\nEMAIL:zoe@city.gov\nEND:VCARD\n",
			     false, false), KITH_OK);
	ck_assert_msg(imp("x.ics", text, false, false) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(st.ev_added, 2);
	ck_assert_int_eq(st.fu_added, 1);
	event_uid("council@town", &e);
	ck_assert_str_eq(e.start_at, "2026-03-12 19:00");
	ck_assert_str_eq(e.end_at, "2026-03-12 21:00");
	ck_assert_str_eq(e.location, "Town hall");
	ck_assert_str_eq(e.rrule, "FREQ=MONTHLY;BYDAY=2TH\nEXDATE:20260409T190000");
	event_free(&e);
	ck_assert_int_eq(event_resolve(db, "Fair", &id, &err), KITH_OK);
	ck_assert_int_eq(event_get(db, id, &e, &err), KITH_OK);
	ck_assert(e.all_day);
	ck_assert_str_eq(e.start_at, "2026-03-20");
	ck_assert_str_eq(e.end_at, "2026-03-21");
	event_free(&e);
	/* the same export imported again: nothing new (the DTSTAMP differs, and is ignored) */
	ck_assert_int_eq(imp("x.ics", text, false, false), KITH_OK);
	ck_assert_int_eq(st.ev_added + st.ev_merged + st.fu_added + st.fu_merged, 0);
	/* lines are folded at 75 octets, never inside a character */
	for (p = text; *p; ) {
		char *nl = strstr(p, "\r\n");
		ck_assert_ptr_nonnull(nl);
		ck_assert_int_le(nl - p, 75);
		p = nl + 2;
	}
	free(text);
}
END_TEST

START_TEST(test_export_json)
{
	char *text;

	struct kith_map m = { .name = "Bond 2027" };
	struct kith_relationship rel = { .a_id = 1, .b_org_id = 1, .type = KITH_REL_MEMBERSHIP,
		.strength = 2 };
	int64_t map_id;

	seed();
	ck_assert_int_eq(map_add(db, &m, &map_id, &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, map_id, 1, 0, 4, 1, "met twice", "first guess", &err),
			 KITH_OK);
	ck_assert_int_eq(relationship_add(db, &rel, NULL, &err), KITH_OK);
	text = export_to_string(IO_FMT_JSON, 0);
	ck_assert_ptr_nonnull(strstr(text, "\"roles\": [\n    {\"id\": 1, \"contact_id\": 1, "
				       "\"org_id\": 1, \"seat\": \"\", \"title\": \"Clerk\""));
	ck_assert_ptr_nonnull(strstr(text, "\"relationships\": [\n    {\"id\": 1, \"a_id\": 1, "
				       "\"b_id\": null, \"b_org_id\": 1, \"type\": \"membership\""));
	ck_assert_ptr_nonnull(strstr(text, "\"maps\": [\n    {\"id\": 1, \"name\": \"Bond 2027\""));
	ck_assert_ptr_nonnull(strstr(text, "\"placements\": [{\"contact_id\": 1, \"org_id\": null, "
				       "\"influence\": 4, \"alignment\": 1, \"note\": \"met twice\""));
	ck_assert_ptr_nonnull(strstr(text, "\"reason\": \"first guess\""));
	ck_assert_ptr_nonnull(strstr(text, "\"contacts\": [\n    {\"id\": 1, \"name\": \"Zoë Ngô\""));
	ck_assert_ptr_nonnull(strstr(text, "\"organisation\": \"City Council\""));
	ck_assert_ptr_nonnull(strstr(text, "\"attendance\": [{\"contact_id\": 1, \"role\": "
				       "\"attendee\", \"status\": \"confirmed\"}]"));
	ck_assert_ptr_nonnull(strstr(text, "\"followups\": [\n    {\"id\": 1"));
	free(text);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("core");

	setenv("TZ", "UTC", 1);
	tzset();
	corpus = getenv("KITH_CORPUS");
	if (!corpus) {
		struct stat sb;
		corpus = stat("../shared/corpus", &sb) == 0 ? "../shared/corpus" : "/work/shared/corpus";
	}
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_corpus_all);
	tcase_add_test(tc, test_corpus_vcard_fields);
	tcase_add_test(tc, test_corpus_csv_fields);
	tcase_add_test(tc, test_corpus_ics_fields);
	tcase_add_test(tc, test_merge_rules);
	tcase_add_test(tc, test_merge_never_guesses);
	tcase_add_test(tc, test_merge_generated_all_kept);
	tcase_add_test(tc, test_merge_uid_kept_aside);
	tcase_add_test(tc, test_dry_run_and_errors);
	tcase_add_test(tc, test_events_merge);
	tcase_add_test(tc, test_bulk_derived_rows);
	tcase_add_test(tc, test_bulk_new_contact_touched);
	tcase_add_test(tc, test_calendar_undo);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_round_trip_ics);
	tcase_add_test(tc, test_export_json);
	suite_add_tcase(s, tc);
	{
		int nf = test_run_suite(s);
		sb_free(&rep);
		return nf ? 1 : 0;
	}
}
