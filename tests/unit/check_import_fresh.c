/*
 * check_import_fresh.c: what an import into empty tables leaves for its end
 * (src/db/bulk_db.c). It puts aside even the indexes its lookups read
 * (contacts by name, channels by value and by contact, roles by contact:
 * db_lookup_ready): the first lookup makes them again; a savepoint rolled
 * back after it takes them back, and the next lookup makes them once more;
 * the import's end leaves every one of them. Into a database with no
 * contact its foreign keys are checked at its end (kdb_bulk_fk): a row
 * that refers to no row fails it there, and they are on again after it.
 * The check clears a key by the range of its parent's ids only when no id
 * in that range is missing: a reference into a gap, or below the first
 * id, or from any table, is found and named all the same.
 */
#include "testutil.h"

#include <string.h>

#include "kith/contact.h"
#include "kith/io.h"
#include "kith/merge.h"
#include "kith/org.h"
#include "kith/str.h"

TEST_DB_FIXTURE
static struct kith_err err;

static const char *const lookup_idx[][2] = {
	{ "contact", "contact_by_name" },
	{ "contact_channel", "contact_channel_by_value" },
	{ "contact_channel", "contact_channel_by_contact" },
	{ "role", "role_by_contact" },
	{ "contact", "contact_by_uid" },
};

/* Whether index `name` of `table` is there, as the connection sees it (its transaction too). */
static bool
has_index(const char *table, const char *name)
{
	char sql[200];
	struct kith_err e = { 0 };

	/* INDEXED BY refuses an index that is not there (a partial one, a
	   query its WHERE does not imply: the UIDs' holds those not NULL) */
	snprintf(sql, sizeof sql, "SELECT 1 FROM %s INDEXED BY %s WHERE %s AND rowid < 0", table,
		 name, !strcmp(name, "contact_by_uid") ? "uid IS NOT NULL" :
		 !strcmp(name, "contact_by_influence") ? "influence IS NOT NULL" :
		 !strcmp(name, "contact_by_birthday") ? "birthday IS NOT NULL" : "1");
	return kdb_exec_script(db, sql, &e) == KITH_OK;
}

static int64_t
find_email(const char *email)
{
	int64_t id = 0;
	int n = 0;

	ck_assert_msg(contact_find_channel_first(db, "email", email, &id, 1, &n, &err) == KITH_OK,
		      "%s", err.msg);
	ck_assert_int_eq(n, 1);
	return id;
}

START_TEST(test_lookup_makes_them_again)
{
	struct kith_channel mail = { .label = "", .value = "ana@x.org" };
	struct kith_contact ana = { .display_name = "Ana Lima", .cadence_days = -1,
				    .emails = &mail, .n_emails = 1 };
	int64_t id, found;

	ck_assert_int_eq(kdb_bulk_mode(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	ck_assert_msg(contact_fts_defer(db, true, &err) == KITH_OK, "%s", err.msg);
	for (size_t i = 0; i < sizeof lookup_idx / sizeof lookup_idx[0]; i++)
		ck_assert_msg(!has_index(lookup_idx[i][0], lookup_idx[i][1]), "%s kept",
			      lookup_idx[i][1]);
	ck_assert_int_eq(contact_add(db, &ana, &id, &err), KITH_OK);

	/* a record's savepoint: its lookup makes them, its rollback takes them */
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	ck_assert_int_eq(find_email("ANA@x.org"), id);
	ck_assert(has_index("contact_channel", "contact_channel_by_value"));
	ck_assert(has_index("contact", "contact_by_name"));
	ck_assert_int_eq(kdb_batch_end(db, false, &err), KITH_OK);
	ck_assert(!has_index("contact_channel", "contact_channel_by_value"));

	/* the next lookup makes them once more, and finds the same */
	ck_assert_int_eq(find_email("ana@X.org"), id);
	ck_assert(has_index("contact_channel", "contact_channel_by_value"));
	ck_assert_int_eq(contact_find_name_org(db, "ANA LIMA", NULL, &found, &err), KITH_OK);
	ck_assert_int_eq(found, id);

	ck_assert_msg(contact_fts_defer(db, false, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_bulk_mode(db, false, &err), KITH_OK);
	for (size_t i = 0; i < sizeof lookup_idx / sizeof lookup_idx[0]; i++)
		ck_assert_msg(has_index(lookup_idx[i][0], lookup_idx[i][1]), "%s missing",
			      lookup_idx[i][1]);
}
END_TEST

/*
** The UIDs' index is set aside too: a UID no earlier record of the import
** had is nobody's, and is not looked up; one an earlier record had is,
** which makes the index again, and the two records are one contact. The
** vCard reader says which (on its own thread for a file this size); the
** import keeps a CSV file's.
*/
START_TEST(test_uid_in_fresh_import)
{
	struct strbuf f = {0};
	struct io_import_opts o = { .format = -1, .name = _i ? "u.csv" : "u.vcf" };
	struct io_import_stats st;
	struct kith_contact c;
	int64_t id;

	if (_i)
		sb_append(&f, "name,email,uid\nAna Lima,ana@x.org,u-1\n");
	else
		sb_append(&f, "BEGIN:VCARD\nUID:u-1\nFN:Ana Lima\nEMAIL:ana@x.org\nEND:VCARD\n");
	for (int i = 0; i < 1500; i++)
		sb_printf(&f, _i ? "Filler %04d,f%d@x.org,f-%d\n" :
			  "BEGIN:VCARD\nFN:Filler %04d\nEMAIL:f%d@x.org\nUID:f-%d\nEND:VCARD\n",
			  i, i, i);
	if (_i)
		sb_append(&f, "Ana Lima,ana.lima@y.org,u-1\n");
	else
		sb_append(&f, "BEGIN:VCARD\nUID:u-1\nFN:Ana Lima\nEMAIL:ana.lima@y.org\nEND:VCARD\n");
	ck_assert_msg(io_import_buffer(db, sb_str(&f), f.len, &o, &st, &err) == KITH_OK, "%s",
		      err.msg);
	ck_assert_int_eq(st.added, 1501);
	ck_assert_int_eq(st.merged, 1);
	ck_assert_int_eq(contact_find_uid(db, "u-1", &id, &err), KITH_OK);
	ck_assert_int_eq(contact_get(db, id, &c, &err), KITH_OK);
	ck_assert_uint_eq(c.n_emails, 2);
	contact_free(&c);
	ck_assert_int_eq(contact_find_uid(db, "f-1499", &id, &err), KITH_OK);
	ck_assert(has_index("contact", "contact_by_uid"));
	sb_free(&f);
}
END_TEST

/* An import with no lookup at all ends with every index, as does a failed one. */
START_TEST(test_import_ends_with_them)
{
	static const char cards[] =
		"BEGIN:VCARD\nFN:Ana Lima\nEMAIL:ana@x.org\nORG:City Hall\nEND:VCARD\n"
		"BEGIN:VCARD\nFN:Bruno Costa\nTEL:+1 555 000 1111\nEND:VCARD\n";
	static const char bad[] =
		"BEGIN:VCARD\nFN:Carla Dias\nEMAIL:carla@x.org\nEND:VCARD\n"
		"BEGIN:VCARD\nFN:Bad\nbroken line\nEND:VCARD\n";
	struct io_import_opts o = { .format = -1, .name = "a.vcf" };
	struct io_import_stats st;

	ck_assert_int_eq(io_import_buffer(db, bad, strlen(bad), &o, &st, &err), KITH_INVALID);
	for (size_t i = 0; i < sizeof lookup_idx / sizeof lookup_idx[0]; i++)
		ck_assert_msg(has_index(lookup_idx[i][0], lookup_idx[i][1]), "%s lost",
			      lookup_idx[i][1]);
	ck_assert_msg(io_import_buffer(db, cards, strlen(cards), &o, &st, &err) == KITH_OK, "%s",
		      err.msg);
	ck_assert_int_eq(st.added, 2);
	for (size_t i = 0; i < sizeof lookup_idx / sizeof lookup_idx[0]; i++)
		ck_assert_msg(has_index(lookup_idx[i][0], lookup_idx[i][1]), "%s missing",
			      lookup_idx[i][1]);
	ck_assert_int_eq(find_email("Ana@X.org"), 1);
}
END_TEST

/* A role that refers to no contact: refused now, or (*later) only by kdb_bulk_fk_check. */
static void
bad_role(bool *later)
{
	struct kith_role r = { .contact_id = 999, .seat = "District 3", .title = "Member" };
	enum kith_status rc;

	ck_assert_int_eq(kdb_bulk_mode(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	/* in bulk mode role_add leaves its references to the foreign keys */
	rc = role_add(db, &r, NULL, &err);
	*later = rc == KITH_OK;
	if (*later) {
		ck_assert_int_eq(kdb_bulk_fk_check(db, &err), KITH_INVALID);
		ck_assert_msg(strstr(err.msg, "role #") && strstr(err.msg, "refers to no contact"),
			      "%s", err.msg);
	}
	ck_assert_int_eq(kdb_batch_end(db, false, &err), KITH_OK);
	ck_assert_int_eq(kdb_bulk_mode(db, false, &err), KITH_OK);
}

START_TEST(test_foreign_keys_at_end)
{
	struct kith_contact ana = { .display_name = "Ana Lima", .cadence_days = -1 };
	bool later;

	kdb_bulk_fk(db, true);
	bad_role(&later);
	ck_assert_msg(later, "the foreign keys were not put off");
	kdb_bulk_fk(db, false);
	/* on again */
	bad_role(&later);
	ck_assert(!later);
	/* a database with a contact keeps them on */
	ck_assert_int_eq(contact_add(db, &ana, NULL, &err), KITH_OK);
	kdb_bulk_fk(db, true);
	bad_role(&later);
	ck_assert(!later);
	kdb_bulk_fk(db, false);
}
END_TEST

/*
** Contacts #1 to #5001 added with the foreign keys put off (enough that
** with one gone the check goes by ranges: FK_RANGE_MIN), then `gone` taken away
** behind them; `sql` (a reference to it) run: the check at the end fails
** naming `what`, and passes without it.
*/
static void
dangling(int gone, const char *sql, const char *what)
{
	static const char many[] =
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5001)"
		" INSERT INTO contact(display_name, name_key, created_at, updated_at)"
		" SELECT 'Ana ' || i, 'ana ' || i, '2026-01-01', '2026-01-01' FROM n";
	char del[128];

	kdb_bulk_fk(db, true);
	ck_assert_int_eq(kdb_bulk_mode(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	ck_assert_msg(kdb_exec_script(db, many, &err) == KITH_OK, "%s", err.msg);
	/* (nothing cascades: its own rows go by hand) */
	snprintf(del, sizeof del, "DELETE FROM contact_stat WHERE contact_id = %d;"
		 " DELETE FROM contact WHERE id = %d", gone, gone);
	ck_assert_msg(kdb_exec_script(db, del, &err) == KITH_OK, "%s", err.msg);
	/* what refers only to the contacts there passes */
	ck_assert_msg(kdb_bulk_fk_check(db, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(kdb_exec_script(db, sql, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(kdb_bulk_fk_check(db, &err), KITH_INVALID);
	ck_assert_msg(strstr(err.msg, what), "%s", err.msg);
	ck_assert_int_eq(kdb_batch_end(db, false, &err), KITH_OK);
	ck_assert_int_eq(kdb_bulk_mode(db, false, &err), KITH_OK);
	kdb_bulk_fk(db, false);
}

/* A reference between the first and the last id to one that is not there; below the first; above the last. */
START_TEST(test_foreign_keys_gap)
{
	dangling(2500, "INSERT INTO role(contact_id, seat) VALUES (2500, 'District 3')",
		 "role #1: refers to no contact");
	dangling(1, "INSERT INTO contact_nickname(contact_id, nickname, nick_key) VALUES (1, 'Bru', 'bru')",
		 "contact_nickname #1: refers to no contact");
	dangling(5001, "INSERT INTO contact_channel(contact_id, kind, value, value_key) "
		 "VALUES (5000, 'email', 'a@x.org', 'a@x.org'), (5001, 'email', 'b@x.org', 'b@x.org')",
		 "contact_channel #2: refers to no contact");
}
END_TEST

/*
** A key of two columns is checked row by row, not by the range of its
** first: a row whose contact is there but not under that name is found.
*/
START_TEST(test_foreign_keys_two_columns)
{
	static const char pair[] =
		"CREATE UNIQUE INDEX contact_by_id_name ON contact(id, display_name);"
		"CREATE TABLE pair(id INTEGER PRIMARY KEY, a INTEGER, b TEXT,"
		" FOREIGN KEY (a, b) REFERENCES contact(id, display_name)) STRICT";

	ck_assert_msg(kdb_exec_script(db, pair, &err) == KITH_OK, "%s", err.msg);
	dangling(5001, "INSERT INTO pair(a, b) VALUES (1, 'Ana 1'), (2, 'Ana 3')",
		 "pair #2: refers to no contact");
}
END_TEST

/* A fresh import's rows pass the check: people with roles at organisations, kept. */
START_TEST(test_foreign_keys_import)
{
	static const char cards[] =
		"BEGIN:VCARD\nFN:Ana Lima\nEMAIL:ana@x.org\nORG:City Hall\nTITLE:Clerk\nEND:VCARD\n"
		"BEGIN:VCARD\nFN:Bruno Costa\nNICKNAME:Bru\nCATEGORIES:ward 3\nORG:City Hall\n"
		"END:VCARD\n";
	struct io_import_opts o = { .format = -1, .name = "a.vcf" };
	struct io_import_stats st;
	bool later;

	ck_assert_msg(io_import_buffer(db, cards, strlen(cards), &o, &st, &err) == KITH_OK, "%s",
		      err.msg);
	ck_assert_int_eq(st.added, 2);
	/* and the foreign keys are on after it */
	bad_role(&later);
	ck_assert(!later);
}
END_TEST

/*
** What the suspended INSERT triggers do, done at the end for the contacts
** added: one written without its rank or UID (not by contact_add) gets
** them, and the count of contacts takes in those not archived.
*/
START_TEST(test_catch_up_new_contacts)
{
	static const char raw[] =
		"INSERT INTO contact(display_name, name_key, influence, archived, created_at, updated_at)"
		" VALUES ('Ana Lima', 'ana lima', 2, 0, '2026-01-01', '2026-01-01'),"
		" ('Bruno Costa', 'bruno costa', NULL, 1, '2026-01-01', '2026-01-01')";
	static const char check[] =
		"CREATE TEMP TABLE counted(what TEXT, n INTEGER CHECK (n = 2 AND what = 'live'"
		" OR n = 3 AND what = 'ranked'));"
		"INSERT INTO counted SELECT 'live', n FROM list_count WHERE name = 'contacts';"
		"INSERT INTO counted SELECT 'ranked', count(*) FROM contact WHERE uid IS NOT NULL"
		" AND influence_rank = 5 - coalesce(influence, 0)";
	struct kith_contact c = { .display_name = "Carla Dias", .cadence_days = -1 };

	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	ck_assert_msg(contact_fts_defer(db, true, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(kdb_exec_script(db, raw, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(contact_add(db, &c, NULL, &err), KITH_OK);
	ck_assert_msg(contact_fts_defer(db, false, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
	/* (a CHECK says what each count must be) */
	ck_assert_msg(kdb_exec_script(db, check, &err) == KITH_OK, "%s", err.msg);
}
END_TEST

/* How many contacts a search for text finds. */
static long long
matches(const char *text)
{
	long long n = 0;

	ck_assert_int_eq(contact_count(db, &(struct contact_query){ .match = text }, &n, &err),
			 KITH_OK);
	return n;
}

/*
** A contact from before an import, given a role by it (a card merged by
** email): its search document is made again, with the organisation and
** the title, as for the contacts the import added.
*/
START_TEST(test_role_of_older_contact_searched)
{
	static const char cards[] =
		"BEGIN:VCARD\nFN:Ana Lima\nEMAIL:ana@x.org\nORG:Zebra Works\nTITLE:Clerk\nEND:VCARD\n"
		"BEGIN:VCARD\nFN:Bruno Costa\nORG:Zebra Works\nEND:VCARD\n";
	struct kith_channel mail = { .label = "", .value = "ana@x.org" };
	struct kith_contact ana = { .display_name = "Ana Lima", .cadence_days = -1,
				    .emails = &mail, .n_emails = 1 };
	struct io_import_opts o = { .format = -1, .name = "a.vcf" };
	struct io_import_stats st;

	ck_assert_int_eq(contact_add(db, &ana, NULL, &err), KITH_OK);
	ck_assert_msg(io_import_buffer(db, cards, strlen(cards), &o, &st, &err) == KITH_OK, "%s",
		      err.msg);
	ck_assert_int_eq(st.merged, 1);
	ck_assert_int_eq(st.added, 1);
	ck_assert_int_eq(matches("zebra"), 2);
	ck_assert_int_eq(matches("clerk"), 1);
}
END_TEST

/*
** Bulk mode begins and ends inside a transaction on a connection with a
** temporary table (an import's search-index aside leaves temporary
** triggers): it leaves temporary storage alone, which SQLite would refuse
** to change there.
*/
static int
collect_id(void *ud, const struct contact_row *row)
{
	int64_t *ids = ud;

	while (*ids)
		ids++;
	*ids = row->id;
	return 0;
}

/*
** The contacts by influence are not put aside (the index holds only those
** with one): written as the import goes, they list the contact with one
** first after it.
*/
START_TEST(test_influence_index_kept)
{
	struct kith_contact bo = { .display_name = "Bo Rey", .cadence_days = -1 };
	struct kith_contact ana = { .display_name = "Ana Lima", .cadence_days = -1,
				    .influence = 4 };
	struct contact_query q = { .sort = CONTACT_SORT_INFLUENCE };
	int64_t bo_id, ana_id, ids[4] = { 0 };

	ck_assert_int_eq(kdb_bulk_mode(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	ck_assert_msg(contact_fts_defer(db, true, &err) == KITH_OK, "%s", err.msg);
	ck_assert(has_index("contact", "contact_by_influence"));
	ck_assert(!has_index("contact", "contact_by_birthday"));       /* this one is */
	ck_assert_int_eq(contact_add(db, &bo, &bo_id, &err), KITH_OK);
	ck_assert_int_eq(contact_add(db, &ana, &ana_id, &err), KITH_OK);
	ck_assert(has_index("contact", "contact_by_influence"));
	ck_assert_msg(contact_fts_defer(db, false, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_bulk_mode(db, false, &err), KITH_OK);
	ck_assert_int_eq(contact_list(db, &q, 0, 1, 3, collect_id, ids, &err), KITH_OK);
	ck_assert_int_eq(ids[0], ana_id);
	ck_assert_int_eq(ids[1], bo_id);
	ck_assert_int_eq(ids[2], 0);
	ck_assert(has_index("contact", "contact_by_birthday"));
}
END_TEST

/* Whether the SQL condition holds (abs() of the smallest integer fails the statement when not). */
static bool
sql_true(const char *cond)
{
	char sql[300];
	struct kith_err e = { 0 };

	snprintf(sql, sizeof sql, "SELECT CASE WHEN %s THEN 1 ELSE abs(-9223372036854775808) END",
		 cond);
	return kdb_exec_script(db, sql, &e) == KITH_OK;
}

/*
** In bulk mode a new contact's channels and a new role wait to be written
** many at once (src/db/pend.c). A statement that reads sees them, a
** savepoint's SAVEPOINT writes those before it, and its rollback forgets
** those after it; the commit writes the rest.
*/
START_TEST(test_pending_channels_savepoint)
{
	struct kith_channel a_mail = { .label = "", .value = "ana@x.org" };
	struct kith_channel b_mail = { .label = "work", .value = "bo@x.org" };
	struct kith_contact ana = { .display_name = "Ana Lima", .cadence_days = -1,
				    .emails = &a_mail, .n_emails = 1 };
	struct kith_contact bo = { .display_name = "Bo Rey", .cadence_days = -1,
				   .emails = &b_mail, .n_emails = 1 };
	struct kith_role seat = { .seat = "District 3", .title = "Member" };
	int64_t a_id, b_id;

	kdb_bulk_fk(db, true);          /* a role waits only while the keys do */
	ck_assert_int_eq(kdb_bulk_mode(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	ck_assert_int_eq(contact_add(db, &ana, &a_id, &err), KITH_OK);
	seat.contact_id = a_id;
	ck_assert_int_eq(role_add(db, &seat, NULL, &err), KITH_OK);
	ck_assert(sql_true("(SELECT count(*) FROM contact_channel) = 1"));
	ck_assert(sql_true("(SELECT count(*) FROM role) = 1"));
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	ck_assert_int_eq(contact_add(db, &bo, &b_id, &err), KITH_OK);
	seat.contact_id = b_id;
	ck_assert_int_eq(role_add(db, &seat, NULL, &err), KITH_OK);
	ck_assert_int_eq(kdb_batch_end(db, false, &err), KITH_OK);     /* Bo rolled back */
	ck_assert_int_eq(kdb_bulk_fk_check(db, &err), KITH_OK);
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_bulk_mode(db, false, &err), KITH_OK);
	kdb_bulk_fk(db, false);
	ck_assert(sql_true("(SELECT count(*) FROM contact_channel) = 1"));
	ck_assert(sql_true("(SELECT value FROM contact_channel) = 'ana@x.org'"));
	ck_assert(sql_true("(SELECT count(*) FROM contact) = 1"));
	ck_assert(sql_true("(SELECT count(*) FROM role) = 1"));
	ck_assert(sql_true("(SELECT contact_id FROM role) = 1 AND (SELECT seat FROM role) = 'District 3'"
			   " AND (SELECT org_id IS NULL AND start_date IS NULL FROM role)"));
	ck_assert_int_eq(find_email("ana@x.org"), a_id);
}
END_TEST

/*
** A role written at once (its id asked for) goes after the roles that
** wait: the ids are in the order the roles came, as without the wait.
*/
START_TEST(test_pending_roles_order)
{
	struct kith_contact ana = { .display_name = "Ana Lima", .cadence_days = -1 };
	struct kith_role first = { .seat = "District 3" }, second = { .seat = "District 4" };
	int64_t a_id, second_id = 0;

	kdb_bulk_fk(db, true);
	ck_assert_int_eq(kdb_bulk_mode(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	ck_assert_int_eq(contact_add(db, &ana, &a_id, &err), KITH_OK);
	first.contact_id = second.contact_id = a_id;
	ck_assert_int_eq(role_add(db, &first, NULL, &err), KITH_OK);        /* waits */
	ck_assert_int_eq(role_add(db, &second, &second_id, &err), KITH_OK); /* written now */
	ck_assert_int_eq(second_id, 2);
	ck_assert(sql_true("(SELECT seat FROM role WHERE id = 1) = 'District 3'"));
	ck_assert_int_eq(kdb_bulk_fk_check(db, &err), KITH_OK);
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
	ck_assert_int_eq(kdb_bulk_mode(db, false, &err), KITH_OK);
	kdb_bulk_fk(db, false);
	ck_assert(sql_true("(SELECT group_concat(seat) FROM (SELECT seat FROM role ORDER BY id))"
			   " = 'District 3,District 4'"));
}
END_TEST

/* A channel "boom@x.org" fails its insert (a temporary trigger); "ana@x.org" does not. */
static struct kith_channel mail_ok = { .label = "", .value = "ana@x.org" };
static struct kith_channel mail_boom = { .label = "", .value = "boom@x.org" };

static void
add_boom(void)
{
	static const char boom[] =
		"CREATE TEMP TRIGGER boom BEFORE INSERT ON contact_channel"
		" WHEN new.value = 'boom@x.org' BEGIN SELECT RAISE(ABORT, 'no'); END";

	ck_assert_msg(kdb_exec_script(db, boom, &err) == KITH_OK, "%s", err.msg);
}

/*
** A write of the waiting channels that fails fails the transaction's end:
** at the commit, or before a statement that reads (which cannot fail
** there), and nothing is committed without them.
*/
START_TEST(test_pending_channels_fail)
{
	struct kith_contact c = { .display_name = "Cy Boom", .cadence_days = -1,
				  .emails = &mail_boom, .n_emails = 1 };
	int64_t id, found = 0;
	int n = 0;

	add_boom();
	for (int read_first = 0; read_first < 2; read_first++) {
		ck_assert_int_eq(kdb_bulk_mode(db, true, &err), KITH_OK);
		ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
		ck_assert_int_eq(contact_add(db, &c, &id, &err), KITH_OK);  /* it waits */
		if (read_first)
			ck_assert_int_eq(contact_find_channel_first(db, "email", "x@y.org", &found, 1,
								    &n, &err), KITH_OK);
		ck_assert_int_ne(kdb_batch_end(db, true, &err), KITH_OK);
		ck_assert_msg(strstr(err.msg, "contact channels"), "%s", err.msg);
		ck_assert_int_eq(kdb_bulk_mode(db, false, &err), KITH_OK);
		ck_assert(sql_true("(SELECT count(*) FROM contact) = 0"));
		ck_assert(sql_true("(SELECT count(*) FROM contact_channel) = 0"));
	}
}
END_TEST

/*
** Bulk mode that ends inside a transaction writes what waits then; its
** failure there fails the transaction's commit.
*/
START_TEST(test_pending_bulk_off_inside)
{
	struct kith_contact c = { .display_name = "Ana Lima", .cadence_days = -1, .n_emails = 1 };
	int64_t id;

	add_boom();
	for (int fail = 0; fail < 2; fail++) {
		c.emails = fail ? &mail_boom : &mail_ok;
		ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
		ck_assert_int_eq(kdb_bulk_mode(db, true, &err), KITH_OK);
		ck_assert_int_eq(contact_add(db, &c, &id, &err), KITH_OK);  /* it waits */
		ck_assert_int_eq(kdb_bulk_mode(db, false, &err), KITH_OK);
		if (!fail) {
			ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
			ck_assert(sql_true("(SELECT count(*) FROM contact_channel) = 1"));
		} else {
			ck_assert_int_ne(kdb_batch_end(db, true, &err), KITH_OK);
			ck_assert(sql_true("(SELECT count(*) FROM contact) = 1"));
		}
	}
}
END_TEST

START_TEST(test_bulk_mode_in_transaction)
{
	ck_assert_msg(kdb_exec_script(db, "CREATE TEMP TABLE t(x)", &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	ck_assert_msg(kdb_bulk_mode(db, true, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(kdb_bulk_mode(db, false, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("import_fresh");
	TCase *tc = tcase_create("fresh");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_lookup_makes_them_again);
	tcase_add_test(tc, test_import_ends_with_them);
	tcase_add_loop_test(tc, test_uid_in_fresh_import, 0, 2);
	tcase_add_test(tc, test_foreign_keys_at_end);
	tcase_add_test(tc, test_foreign_keys_gap);
	tcase_add_test(tc, test_foreign_keys_two_columns);
	tcase_add_test(tc, test_foreign_keys_import);
	tcase_add_test(tc, test_bulk_mode_in_transaction);
	tcase_add_test(tc, test_influence_index_kept);
	tcase_add_test(tc, test_pending_channels_savepoint);
	tcase_add_test(tc, test_pending_channels_fail);
	tcase_add_test(tc, test_pending_roles_order);
	tcase_add_test(tc, test_pending_bulk_off_inside);
	tcase_add_test(tc, test_catch_up_new_contacts);
	tcase_add_test(tc, test_role_of_older_contact_searched);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
