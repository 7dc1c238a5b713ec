/*
 * check_fts_aside.c: a calendar imported into empty event and follow-up
 * tables, or vCards into an empty contact table, have their search
 * documents made on a second thread and copied in at the import's end
 * (src/db/fts_aside.c, contact_aside.c). What it leaves must be what the
 * catch-up's SQL leaves: FTS5's own integrity check passes, every new row
 * is found, and the same connection (the planner's, which may have read
 * the empty index before) finds them, adds to the index and undoes the
 * import. A contact's stored document is the view contact_fts_doc's, to
 * the byte, and every query (words, prefixes, folded names, columns)
 * finds what it finds in an index the SQL made. Where a row the import
 * added is changed again by the same file (a second card with its UID, a
 * role or tag added to it), the SQL makes that one's document again; where
 * a batch is rolled back, an organisation renamed, the tables were not
 * empty or the file is small, it makes them all as before.
 */
#include "testutil.h"

#include <string.h>
#include <unistd.h>

#include "kith/contact.h"
#include "kith/db.h"
#include "kith/event.h"
#include "kith/followup.h"
#include "kith/io.h"
#include "kith/merge.h"
#include "kith/org.h"
#include "kith/search.h"
#include "kith/str.h"

enum { N = 3000 };              /* more than the 2,000 that start the thread */

static struct kdb *db;
static char *dir, path[4200], ref[4200];
static struct kith_err err;
static struct io_import_stats st;
static int schema_end;          /* the last rowid of a new database's sqlite_master */

static void
setup(void)
{
	test_fix_clock();
	dir = test_tmpdir();
	snprintf(path, sizeof path, "%s/aside.db", dir);
	snprintf(ref, sizeof ref, "%s/ref.db", dir);
	ck_assert_msg(kdb_open(path, KDB_CREATE, &db, &err) == KITH_OK, "open: %s", err.msg);
	schema_end = test_sql_int(path, "SELECT max(rowid) FROM sqlite_master");
}

static void
teardown(void)
{
	char f[4300];

	kdb_close(db);
	db = NULL;
	for (const char *const *s = (const char *const[]){ "", "-wal", "-shm", NULL }; *s; s++) {
		snprintf(f, sizeof f, "%s%s", path, *s);
		unlink(f);
		snprintf(f, sizeof f, "%s%s", ref, *s);
		unlink(f);
	}
	rmdir(dir);
	free(dir);
}

/* N events and N to-dos as calcurse writes them, then `tail` (more components). */
static char *
calendar(const char *tail)
{
	struct strbuf sb = {0};

	sb_append(&sb, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calcurse//NONSGML v4.7.1//EN\r\n");
	for (int i = 0; i < N; i++)
		sb_printf(&sb, "BEGIN:VEVENT\r\nDTSTART:2026%02d%02dT%02d0000\r\n"
			  "DURATION:P0DT0H30M0S\r\nSUMMARY:Ward meeting %d\r\nEND:VEVENT\r\n"
			  "BEGIN:VTODO\r\nPRIORITY:%d\r\nSUMMARY:Chore %d\r\nEND:VTODO\r\n",
			  1 + i % 12, 1 + i % 28, 8 + i % 10, i, i % 10, i);
	sb_append(&sb, tail);
	sb_append(&sb, "END:VCALENDAR\r\n");
	return sb_detach(&sb);
}

static enum kith_status
imp(const char *text)
{
	struct io_import_opts o = { .format = -1, .name = "cal.ics" };

	return io_import_buffer(db, text, strlen(text), &o, &st, &err);
}

struct kind_hits {
	int events, followups;
	char first_event[80];
};

static int
kind_hit(void *ud, const struct search_hit *h)
{
	struct kind_hits *k = ud;

	if (h->kind == SEARCH_EVENT && !k->events++)
		snprintf(k->first_event, sizeof k->first_event, "%s", h->title);
	k->followups += h->kind == SEARCH_FOLLOWUP;
	return 0;
}

static struct kind_hits
hits(const char *q)
{
	struct kind_hits k = { 0, 0, "" };

	ck_assert_msg(search_all(db, q, 50, kind_hit, &k, &err) == KITH_OK, "%s", err.msg);
	return k;
}

/* FTS5's integrity check of table t (content checked too), read by another connection. */
static void
fts_intact(const char *t)
{
	sqlite3 *h;
	char sql[160], *msg = NULL;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	snprintf(sql, sizeof sql, "INSERT INTO %s(%s, rank) VALUES ('integrity-check', 1)", t, t);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &msg) == SQLITE_OK, "%s: %s", t,
		      msg ? msg : "?");
	sqlite3_close(h);
}

/*
** Whether the index of `table` was made aside: its table was created again,
** so it comes after all a new database had in sqlite_master.
*/
static bool
made_aside(const char *table)
{
	char sql[200];

	snprintf(sql, sizeof sql, "SELECT (SELECT rowid FROM sqlite_master WHERE name = '%s_fts') > %d",
		 table, schema_end);
	return test_sql_int(path, sql) == 1;
}

START_TEST(test_aside_same_connection)
{
	char *cal = calendar("");
	struct kith_event e = { .title = "Zebra parade", .start_at = "2026-07-04 10:00" };
	struct kith_followup f = { .title = "Zebra costume" };
	struct kdb_change *ch;
	struct kind_hits k;
	int64_t id;

	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	/* the planner has searched the empty index before it imports */
	k = hits("ward");
	ck_assert_int_eq(k.events, 0);
	ck_assert_msg(imp(cal) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(st.ev_added, N);
	ck_assert_int_eq(st.fu_added, N);
	ck_assert_ptr_nonnull(ch = kdb_change_take(db));
	ck_assert(made_aside("event"));
	ck_assert(made_aside("followup"));
	fts_intact("event_fts");
	fts_intact("followup_fts");
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM event_fts_docsize"), N);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM followup_fts_docsize"), N);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM sqlite_temp_master"), 0);
	k = hits("ward meeting 2999");
	ck_assert_int_eq(k.events, 1);
	ck_assert_str_eq(k.first_event, "Ward meeting 2999");
	ck_assert_int_eq(hits("chore 2998").followups, 1);
	ck_assert_int_eq(hits("ward").events, 50);
	/* the same connection writes to the index it did not make */
	ck_assert_int_eq(event_add(db, &e, &id, &err), KITH_OK);
	ck_assert_int_eq(followup_add(db, &f, &id, &err), KITH_OK);
	ck_assert_int_eq(hits("zebra").events, 1);
	ck_assert_int_eq(hits("zebra").followups, 1);
	ck_assert_int_eq(hits("ward meeting 2999").events, 1);
	fts_intact("event_fts");
	fts_intact("followup_fts");
	/* undo of the import: its rows and their documents go, the later ones stay */
	ck_assert_msg(kdb_change_apply(db, ch, true, &err) == KITH_OK, "%s", err.msg);
	kdb_change_free(ch);
	ck_assert_int_eq(hits("ward").events, 0);
	ck_assert_int_eq(hits("chore").followups, 0);
	ck_assert_int_eq(hits("zebra").events, 1);
	ck_assert_int_eq(hits("zebra").followups, 1);
	fts_intact("event_fts");
	fts_intact("followup_fts");
	ck_assert_int_eq(kdb_record_changes(db, false, &err), KITH_OK);
	free(cal);
}
END_TEST

/* An event the file changes after adding it: its document is its last text. */
START_TEST(test_aside_changed_in_file)
{
	char *cal = calendar("BEGIN:VEVENT\r\nDTSTART:20260101T080000\r\nSUMMARY:Ward meeting 0\r\n"
			     "LOCATION:Quillfield Hall\r\nEND:VEVENT\r\n");

	ck_assert_msg(imp(cal) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(st.ev_added, N);
	ck_assert_int_eq(st.ev_merged, 1);
	ck_assert(!made_aside("event"));
	ck_assert_str_eq(hits("quillfield").first_event, "Ward meeting 0");
	ck_assert_int_eq(hits("chore 2999").followups, 1);
	fts_intact("event_fts");
	fts_intact("followup_fts");
	free(cal);
}
END_TEST

/* Tables not empty (an event before), or a file too small: the SQL's way. */
START_TEST(test_aside_not_empty_or_small)
{
	struct kith_event e = { .title = "Older meeting", .start_at = "2026-02-01 09:00" };
	char *cal = calendar("");
	int64_t id;

	ck_assert_msg(imp("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101T080000\r\n"
			  "SUMMARY:Lone meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n") == KITH_OK,
		      "%s", err.msg);
	ck_assert(!made_aside("event"));
	ck_assert_int_eq(hits("lone").events, 1);
	ck_assert_int_eq(event_add(db, &e, &id, &err), KITH_OK);
	ck_assert_msg(imp(cal) == KITH_OK, "%s", err.msg);
	ck_assert(!made_aside("event"));
	/* the follow-ups' table was still empty */
	ck_assert(made_aside("followup"));
	ck_assert_int_eq(hits("ward meeting 2999").events, 1);
	ck_assert_int_eq(hits("chore 2999").followups, 1);
	ck_assert_int_eq(hits("older").events, 1);
	fts_intact("event_fts");
	fts_intact("followup_fts");
	free(cal);
}
END_TEST

/* A broken item at the end: nothing imported, the index as it was, and it works after. */
START_TEST(test_aside_failed_import)
{
	char *bad = calendar("BEGIN:VEVENT\r\nSUMMARY:No start\r\nEND:VEVENT\r\n");
	char *cal = calendar("");

	ck_assert_int_eq(imp(bad), KITH_INVALID);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM event"), 0);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM event_fts_docsize"), 0);
	ck_assert(!made_aside("event"));
	ck_assert_msg(imp(cal) == KITH_OK, "%s", err.msg);
	ck_assert(made_aside("event"));
	ck_assert_int_eq(hits("ward meeting 1234").events, 1);
	fts_intact("event_fts");
	fts_intact("followup_fts");
	free(bad);
	free(cal);
}
END_TEST

/* ---- contacts ------------------------------------------------------------ */

/* Names search must find by their ASCII spelling, an honorific, and plain ones. */
static const char *const names[] = {
	"Małgorzata Łukasiewicz", "Søren Østergaard", "Hans Strauß", "Ægir Þórsson",
	"Đorđe Işık", "Œdipe Roi", "José Nguyễn", "Cllr. Harriet Osei", "ZOË MÜLLER",
	"anne-marie o'neil", "Resident Example",
};
static const char *const nicks[] = {
	"", "Zed,alpha,Zed", "Łukas", "Bo,Ábel,bo", "Strauß,Ann",
};
static const char *const cats[] = {
	"", "Housing,transit,HOUSING", "housing", "Ward 3,Øresund", "transit,Parks",
};
static const char *const orgs[] = {
	"", "City Hall", "Ørsted Works", "city hall", "Harbor Union 7",
};

/* n vCards (each its own person: its own UID and email), then `tail`. */
static char *
vcards(int n, const char *tail)
{
	struct strbuf sb = {0};

	for (int i = 0; i < n; i++) {
		const char *name = names[i % 11], *nick = nicks[i % 5], *cat = cats[i % 5 ? i % 5 : 0];
		const char *org = orgs[(i / 3) % 5];
		sb_printf(&sb, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s %d\r\nUID:u%d\r\n"
			  "EMAIL:p%d@example.org\r\n", name, i, i, i);
		if (i % 4)
			sb_printf(&sb, "N:%s;Given %d;;;\r\n", name, i % 100);
		if (*nick)
			sb_printf(&sb, "NICKNAME:%s\r\n", nick);
		if (*cat && i % 7)
			sb_printf(&sb, "CATEGORIES:%s\r\n", cat);
		if (*org)
			sb_printf(&sb, "ORG:%s\r\nTITLE:%s\r\n", org, i % 2 ? "Clerk" : "");
		if (i % 3)
			sb_printf(&sb, "NOTE:met at the fair\\, ward %d; Łódź\r\n", i % 9);
		sb_append(&sb, "END:VCARD\r\n");
	}
	sb_append(&sb, tail);
	return sb_detach(&sb);
}

static enum kith_status
imp_vcf(const char *text, bool skip_invalid)
{
	struct io_import_opts o = { .format = -1, .name = "cards.vcf",
				    .skip_invalid = skip_invalid };

	return io_import_buffer(db, text, strlen(text), &o, &st, &err);
}

/* A row of one text column of `sql` (one ? bound to q) in h: the rows' values joined. */
static char *
rows_of(sqlite3 *h, const char *sql, const char *q)
{
	sqlite3_stmt *st;
	struct strbuf sb = {0};
	int rc;

	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(h));
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sb_printf(&sb, "%s|", (const char *)sqlite3_column_text(st, 0));
	ck_assert_msg(rc == SQLITE_DONE, "%s (%s): %s", sql, q, sqlite3_errmsg(h));
	sqlite3_finalize(st);
	return sb_detach(&sb);
}

/*
** The contacts' index is what the SQL makes: the view's documents stored to
** the byte, FTS5's check passes, and each query finds the same contacts in
** the same order as in a copy whose index the view made again.
*/
static void
contacts_as_sql(void)
{
	static const char *const queries[] = {
		"lukasiewicz", "łukasiewicz", "Łukasiewicz", "luk*", "l*", "ostergaard", "østergaard",
		"strauss", "strauß", "aegir", "thorsson", "dorde", "isik", "oedipe", "nguyen", "osei",
		"cllr", "zoe", "muller", "\"o'neil\"", "anne*", "resid*", "r*", "re*", "res*",
		"zed", "alpha", "lukas", "bo", "abel", "ann", "housing", "transit", "ward", "oresund",
		"parks", "city", "hall", "orsted", "harbor", "clerk", "fair", "lodz", "given",
		"name:osei", "nicknames:zed", "tags:housing", "org:city", "role:clerk",
		"notes:ward", "\"ward 3\"", "\"city hall\"", "harbor NOT union", "ha* OR tr*",
		"NEAR(met fair)", "12", "1*",
	};
	static const char q_docs[] =
		"SELECT count(*) FROM (SELECT id, name, nicknames, org, role, tags, notes"
		" FROM contact_fts_doc EXCEPT SELECT id, c0, c1, c2, c3, c4, c5 FROM contact_fts_content)";
	static const char q_stored[] =
		"SELECT count(*) FROM (SELECT id, c0, c1, c2, c3, c4, c5 FROM contact_fts_content"
		" EXCEPT SELECT id, name, nicknames, org, role, tags, notes FROM contact_fts_doc)";
	static const char q_match[] =
		"SELECT rowid || ':' || round(rank, 6) FROM contact_fts WHERE contact_fts MATCH ?1"
		" ORDER BY rank, rowid";
	sqlite3 *h, *r;
	char *sql;

	ck_assert_int_eq(test_sql_int(path, q_docs), 0);
	ck_assert_int_eq(test_sql_int(path, q_stored), 0);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM contact_fts_content"),
			 test_sql_int(path, "SELECT count(*) FROM contact"));
	fts_intact("contact_fts");
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	unlink(ref);
	sql = str_fmt("VACUUM INTO '%s'", ref);
	ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	ck_assert_int_eq(sqlite3_open(ref, &r), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(r, "DELETE FROM contact_fts;"
				      "INSERT INTO contact_fts(rowid, name, nicknames, org, role, tags, notes)"
				      " SELECT id, name, nicknames, org, role, tags, notes FROM contact_fts_doc",
				      NULL, NULL, NULL), SQLITE_OK);
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		char *got = rows_of(h, q_match, queries[i]), *want = rows_of(r, q_match, queries[i]);
		ck_assert_msg(!strcmp(got, want), "%s: %.200s, the SQL's %.200s", queries[i], got,
			      want);
		free(got);
		free(want);
	}
	sqlite3_close(r);
	sqlite3_close(h);
}

static int
count_contacts(void *ud, const struct search_hit *h)
{
	*(int *)ud += h->kind == SEARCH_CONTACT;
	return 0;
}

/* How many contacts kith's search finds for q (at most 50). */
static int
contact_hits(const char *q)
{
	int n = 0;

	ck_assert_msg(search_all(db, q, 50, count_contacts, &n, &err) == KITH_OK, "%s", err.msg);
	return n;
}

/* A tag and an organisation spelt otherwise before: the documents hold their spelling. */
static void
older_tag_and_org(void)
{
	struct kith_contact c = { .display_name = "Gone Soon", .cadence_days = -1 };
	struct kith_org o = { .name = "CITY HALL" };
	const char *tags[] = { "TRANSIT" };
	int64_t id;

	c.tags = (char **)tags;
	c.n_tags = 1;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(contact_delete(db, id, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(org_add(db, &o, &id, &err) == KITH_OK, "%s", err.msg);
}

START_TEST(test_contacts_same_as_sql)
{
	char *cards = vcards(N, "");
	struct kith_contact c = { .display_name = "Zebra Quillfeather", .cadence_days = -1 };
	struct kdb_change *ch, *add;
	int64_t id;

	older_tag_and_org();
	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	/* the planner has searched the empty index before it imports */
	ck_assert_int_eq(contact_hits("lukasiewicz"), 0);
	ck_assert_msg(imp_vcf(cards, false) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(st.added, N);
	ck_assert_ptr_nonnull(ch = kdb_change_take(db));
	ck_assert(made_aside("contact"));
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM sqlite_temp_master"), 0);
	contacts_as_sql();
	ck_assert_int_gt(test_sql_int(path, "SELECT count(*) FROM contact_fts_content"
				      " WHERE c4 GLOB '*TRANSIT*' AND c2 GLOB '*CITY HALL*'"), 0);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM contact_fts_content"
				      " WHERE c4 GLOB '*transit*' OR c2 GLOB '*ity Hall*'"), 0);
	ck_assert_int_eq(contact_hits("lukasiewicz"), 50);
	ck_assert_int_eq(contact_hits("\"lukasiewicz 2970\""), 1);
	/* the same connection writes to the index it did not make, and undoes the import */
	ck_assert_int_eq(contact_add(db, &c, &id, &err), KITH_OK);
	ck_assert_int_eq(contact_hits("quillfeather"), 1);
	/* and records it: the row hook, off while the index was copied in, is on again */
	ck_assert_ptr_nonnull(add = kdb_change_take(db));
	kdb_change_free(add);
	fts_intact("contact_fts");
	ck_assert_msg(kdb_change_apply(db, ch, true, &err) == KITH_OK, "%s", err.msg);
	kdb_change_free(ch);
	ck_assert_int_eq(contact_hits("lukasiewicz"), 0);
	ck_assert_int_eq(contact_hits("quillfeather"), 1);
	fts_intact("contact_fts");
	ck_assert_int_eq(kdb_record_changes(db, false, &err), KITH_OK);
	free(cards);
}
END_TEST

/*
** A card the same file merges into one before it (its UID): the others'
** documents made aside, that one's made again by the SQL (the first's
** other note is kept aside: its document stays).
*/
static const char *const later[] = {
	/* the same UID, another note: kept aside, the document unchanged */
	"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hans Strauß 2\r\nUID:u2\r\nNOTE:second thoughts\r\n"
	"END:VCARD\r\n",
	/* a note for a card that had none (card 0) */
	"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Małgorzata Łukasiewicz 0\r\nUID:u0\r\n"
	"NOTE:second thoughts\r\nEND:VCARD\r\n",
	/* a role for a card that had none (card 0: no ORG) */
	"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Małgorzata Łukasiewicz 0\r\nUID:u0\r\n"
	"ORG:Late Hall\r\nEND:VCARD\r\n",
	/* a tag for a card that had none (card 0: no CATEGORIES) */
	"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Małgorzata Łukasiewicz 0\r\nUID:u0\r\n"
	"CATEGORIES:latecomer\r\nEND:VCARD\r\n",
	/* a nickname for a card that had none */
	"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Małgorzata Łukasiewicz 0\r\nUID:u0\r\n"
	"NICKNAME:Gosia\r\nEND:VCARD\r\n",
};

START_TEST(test_contacts_changed_in_file)
{
	char *cards = vcards(N, later[_i]);

	ck_assert_msg(imp_vcf(cards, false) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(st.added, N);
	ck_assert_int_eq(st.merged, 1);
	ck_assert(made_aside("contact"));
	contacts_as_sql();
	free(cards);
}
END_TEST

/* Contacts before, or a file too small: the SQL's way; then a fresh one is aside again. */
START_TEST(test_contacts_not_empty_or_small)
{
	char *small = vcards(50, ""), *cards = vcards(N, "");

	ck_assert_msg(imp_vcf(small, false) == KITH_OK, "%s", err.msg);
	ck_assert(!made_aside("contact"));
	contacts_as_sql();
	ck_assert_msg(imp_vcf(cards, false) == KITH_OK, "%s", err.msg);
	ck_assert(!made_aside("contact"));
	contacts_as_sql();
	ck_assert_int_eq(contact_hits("\"ostergaard 2993\""), 1);
	free(small);
	free(cards);
}
END_TEST

/*
** Writes as an import makes them, each contact with a role at one
** organisation, and in the middle (by _i): 0 nothing else, made aside;
** 1 the batch of one contact rolled back (what --skip-invalid does with a
** bad record), 2 the organisation renamed: the SQL's way for all; 3 a
** second role for the first contact: made aside, and its document the
** SQL's. The index must be the SQL's in each.
*/
START_TEST(test_contacts_written_so)
{
	struct kith_org o = { .name = "Quill Works" };
	struct kith_role late = { .title = "Treasurer", .seat = "Ward 9" };
	int64_t org_id, first = 0, id;
	enum kith_status rc;

	ck_assert_int_eq(org_add(db, &o, &org_id, &err), KITH_OK);
	ck_assert_int_eq(kdb_bulk_mode(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	ck_assert_int_eq(contact_fts_defer(db, true, &err), KITH_OK);
	for (int i = 0; i < N; i++) {
		char name[64];
		const char *tags[] = { i % 2 ? "odd" : "even" };
		struct kith_contact c = { .display_name = name, .cadence_days = -1,
					  .tags = (char **)tags, .n_tags = 1 };
		struct kith_role r = { .org_id = org_id, .title = i % 3 ? "Clerk" : "" };
		snprintf(name, sizeof name, "%s %d", names[i % 11], i);
		ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
		ck_assert_msg((rc = contact_add(db, &c, &id, &err)) == KITH_OK, "%s", err.msg);
		r.contact_id = id;
		ck_assert_msg((rc = role_add(db, &r, NULL, &err)) == KITH_OK, "%s", err.msg);
		ck_assert_int_eq(kdb_batch_end(db, !(_i == 1 && i == N / 2), &err), KITH_OK);
		first = first ? first : id;
		if (i == N / 2 && _i == 2) {
			o.id = org_id;
			o.name = "Quill Mills";
			ck_assert_msg(org_update(db, &o, &err) == KITH_OK, "%s", err.msg);
		}
		late.contact_id = first;
		if (i == N / 2 && _i == 3)
			ck_assert_msg(role_add(db, &late, NULL, &err) == KITH_OK, "%s", err.msg);
	}
	ck_assert_msg(contact_fts_defer(db, false, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_bulk_mode(db, false, &err), KITH_OK);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM contact"), N - (_i == 1));
	ck_assert(made_aside("contact") == (_i == 0 || _i == 3));
	contacts_as_sql();
	ck_assert_int_eq(contact_hits("odd"), 50);
	ck_assert_int_eq(contact_hits("treasurer"), _i == 3);
	ck_assert_int_eq(contact_hits("mills"), _i == 2 ? 50 : 0);
}
END_TEST


/* Whether the file at path holds the bytes of s. */
static bool
file_holds(const char *p, const char *s)
{
	FILE *f = fopen(p, "rb");
	struct strbuf sb = {0};
	char buf[65536];
	size_t n;
	bool found;

	ck_assert_ptr_nonnull(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_appendn(&sb, buf, n);
	fclose(f);
	found = false;
	for (size_t i = 0; !found && i + strlen(s) <= sb.len; i++)
		found = !memcmp(sb_str(&sb) + i, s, strlen(s));
	sb_free(&sb);
	return found;
}

/*
** The index is copied in with secure_delete off, and it is on again after
** (where SQLite has it on): what a contact deleted later held is gone from
** the file, not left in its freed space.
*/
START_TEST(test_contacts_secure_delete_again)
{
	char *cards = vcards(N, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Odile Quartermain\r\n"
			     "NOTE:Quixotic ZEBRA FLAMINGO\r\nEND:VCARD\r\n");
	int64_t id;

	if (test_sql_int(path, "PRAGMA secure_delete") == 0) {
		free(cards);
		return;         /* this SQLite leaves freed bytes as they were: nothing to keep */
	}
	ck_assert_msg(imp_vcf(cards, false) == KITH_OK, "%s", err.msg);
	ck_assert(made_aside("contact"));
	id = test_sql_int(path, "SELECT id FROM contact WHERE display_name = 'Odile Quartermain'");
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(contact_delete(db, id, &err), KITH_OK);
	kdb_close(db);
	ck_assert(!file_holds(path, "ZEBRA FLAMINGO"));
	ck_assert_msg(kdb_open(path, 0, &db, &err) == KITH_OK, "open: %s", err.msg);
	free(cards);
}
END_TEST

/* A broken card at the end: nothing imported, the index as it was, and it works after. */
START_TEST(test_contacts_failed_import)
{
	char *bad = vcards(N, "BEGIN:VCARD\r\nFN:Never ended\r\n"), *cards = vcards(N, "");

	ck_assert_int_eq(imp_vcf(bad, false), KITH_INVALID);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM contact"), 0);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM contact_fts_content"), 0);
	ck_assert_msg(imp_vcf(cards, false) == KITH_OK, "%s", err.msg);
	ck_assert(made_aside("contact"));
	contacts_as_sql();
	free(bad);
	free(cards);
}
END_TEST

/*
** The thread in the idle class writes nothing before the merge ends (held,
** as a machine with no idle core would hold it): the one that goes on after
** the hand-over writes every document, and a failed import stops them both.
*/
START_TEST(test_contacts_handed_over)
{
	char *bad = vcards(N, "BEGIN:VCARD\r\nFN:Never ended\r\n"), *cards = vcards(N, "");

	setenv("KITH_TEST_ASIDE", "hold", 1);
	ck_assert_int_eq(imp_vcf(bad, false), KITH_INVALID);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM contact_fts_content"), 0);
	ck_assert_msg(imp_vcf(cards, false) == KITH_OK, "%s", err.msg);
	unsetenv("KITH_TEST_ASIDE");
	ck_assert(made_aside("contact"));
	contacts_as_sql();
	free(bad);
	free(cards);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("fts_aside");
	TCase *tc = tcase_create("aside");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_aside_same_connection);
	tcase_add_test(tc, test_aside_changed_in_file);
	tcase_add_test(tc, test_aside_not_empty_or_small);
	tcase_add_test(tc, test_aside_failed_import);
	tcase_add_test(tc, test_contacts_same_as_sql);
	tcase_add_loop_test(tc, test_contacts_changed_in_file, 0,
			    (int)(sizeof later / sizeof later[0]));
	tcase_add_test(tc, test_contacts_not_empty_or_small);
	tcase_add_loop_test(tc, test_contacts_written_so, 0, 4);
	tcase_add_test(tc, test_contacts_failed_import);
	tcase_add_test(tc, test_contacts_handed_over);
	tcase_add_test(tc, test_contacts_secure_delete_again);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
