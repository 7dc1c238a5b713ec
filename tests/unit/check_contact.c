/*
 * check_contact.c: contacts, lists, resolution, search, last-contacted.
 */
#include "testutil.h"

#include <string.h>
#include <unistd.h>

#include "kith/contact.h"
#include "kith/search.h"
#include "kith/xalloc.h"

TEST_DB_FIXTURE

static int64_t
add(const char *name, int influence)
{
	struct kith_contact c = { .display_name = (char *)name, .influence = influence,
				  .cadence_days = -1 };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "add %s: %s", name, err.msg);
	return id;
}

static long long
count_all(void)
{
	struct contact_query q = { .sort = CONTACT_SORT_NAME, .include_archived = true };
	long long n;
	ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	return n;
}

START_TEST(test_add_get_full)
{
	struct kith_channel emails[] = { { "work", "Zoe@Example.org" } };
	struct kith_channel phones[] = { { "mobile", "+1 (555) 010-2030" } };
	char *nicks[] = { "Zo" };
	char *tags[] = { "housing", "zoning" };
	struct kith_contact c = {
		.display_name = "Zoë Ngô", .pronouns = "she/her", .birthday = "--04-12",
		.influence = 4, .alignment = 1, .tier = 'A', .cadence_days = -1,
		.emails = emails, .n_emails = 1, .phones = phones, .n_phones = 1,
		.nicknames = nicks, .n_nicknames = 1, .tags = tags, .n_tags = 2,
	};
	struct kith_contact got;
	struct kith_err err;
	int64_t id;

	ck_assert_int_eq(contact_add(db, &c, &id, &err), KITH_OK);
	ck_assert_int_eq(contact_get(db, id, &got, &err), KITH_OK);
	ck_assert_str_eq(got.display_name, "Zoë Ngô");
	ck_assert_str_eq(got.pronouns, "she/her");
	ck_assert_str_eq(got.birthday, "--04-12");
	ck_assert_int_eq(got.influence, 4);
	ck_assert_int_eq(got.alignment, 1);
	ck_assert_int_eq(got.tier, 'A');
	ck_assert_int_eq(got.cadence_days, -1);
	ck_assert_uint_eq(got.n_emails, 1);
	ck_assert_str_eq(got.emails[0].value, "Zoe@Example.org");
	ck_assert_str_eq(got.emails[0].label, "work");
	ck_assert_uint_eq(got.n_phones, 1);
	ck_assert_uint_eq(got.n_nicknames, 1);
	ck_assert_uint_eq(got.n_tags, 2);
	ck_assert_str_eq(got.tags[0], "housing");
	ck_assert_str_eq(got.last_at, "");
	ck_assert_str_eq(got.created_at, "2026-03-10 09:00:00");
	contact_free(&got);
}
END_TEST

/* The UIDs kith makes: UUID version 7, variant 10, each after the last as text
   (a fresh import appends them to contact_by_uid); version 4's failed this. */
START_TEST(test_uid_v7_ordered)
{
	char name[32], last[37] = "";

	for (int i = 0; i < 300; i++) {
		struct kith_contact c;
		snprintf(name, sizeof name, "Person %d", i);
		ck_assert_int_eq(contact_get(db, add(name, 0), &c, NULL), KITH_OK);
		ck_assert_uint_eq(strlen(c.uid), 36);
		ck_assert_int_eq(c.uid[14], '7');
		ck_assert_ptr_nonnull(strchr("89ab", c.uid[19]));
		ck_assert_int_eq(strspn(c.uid, "0123456789abcdef-"), 36);
		ck_assert_msg(strcmp(c.uid, last) > 0, "%s after %s", c.uid, last);
		strcpy(last, c.uid);
		contact_free(&c);
	}
}
END_TEST

/* EXPLAIN QUERY PLAN of sql on the database file at path mentions index. */
static bool
plan_uses(const char *path, const char *sql, const char *index)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st;
	char q[512];
	bool found = false;

	snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", sql);
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(h, q, -1, &st, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(h));
	while (sqlite3_step(st) == SQLITE_ROW)
		found |= strstr((const char *)sqlite3_column_text(st, 3), index) != NULL;
	sqlite3_finalize(st);
	sqlite3_close(h);
	return found;
}

/* contact_by_tier and contact_by_district hold only the contacts with one
   (migration 22: an import of contacts without adds nothing to them), and
   the query language's statements for tier: and district: (query_db.c)
   still read them. */
START_TEST(test_partial_indexes)
{
	char *dir = test_tmpdir(), path[4200];
	struct kdb *fdb = NULL;
	struct kith_err err;

	snprintf(path, sizeof path, "%s/t.db", dir);
	ck_assert_int_eq(kdb_open(path, KDB_CREATE, &fdb, &err), KITH_OK);
	kdb_close(fdb);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM sqlite_master WHERE name ="
				      " 'contact_by_tier' AND sql LIKE '%WHERE tier IS NOT NULL'"), 1);
	ck_assert(plan_uses(path, "SELECT id FROM contact WHERE tier = ?1", "contact_by_tier"));
	ck_assert(plan_uses(path, "SELECT count(*) FROM (SELECT 1 FROM contact WHERE tier = ?1"
			    " LIMIT ?2)", "contact_by_tier"));
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM sqlite_master WHERE name ="
				      " 'contact_by_district' AND sql LIKE '%WHERE district <> %'"),
			 1);
	ck_assert(plan_uses(path, "SELECT id FROM contact WHERE district = ?1 COLLATE NOCASE"
			    " AND district <> ''", "contact_by_district"));
	ck_assert(plan_uses(path, "SELECT count(*) FROM (SELECT 1 FROM contact WHERE district = ?1"
			    " COLLATE NOCASE AND district <> '' LIMIT ?2)", "contact_by_district"));
	for (const char *const *x = (const char *const[]){ "", "-wal", "-shm", NULL }; *x; x++) {
		char f[4300];
		snprintf(f, sizeof f, "%s%s", path, *x);
		unlink(f);
	}
	rmdir(dir);
	free(dir);
}
END_TEST

START_TEST(test_validation)
{
	struct { struct kith_contact c; const char *msg; } cases[] = {
		{ { .display_name = "", .cadence_days = -1 }, "display name: must not be empty" },
		{ { .display_name = "   ", .cadence_days = -1 }, "display name: must not be empty" },
		{ { .display_name = " \t\r\n", .cadence_days = -1 }, "display name: must not be empty" },
		{ { .display_name = "A", .influence = 9, .cadence_days = -1 }, "influence 9: must be 1 to 5" },
		{ { .display_name = "A", .alignment = 3, .cadence_days = -1 }, "alignment 3: must be -2 to +2" },
		{ { .display_name = "A", .tier = 'E', .cadence_days = -1 }, "tier E: must be A, B, C or D" },
		{ { .display_name = "A", .birthday = "2026-13-01", .cadence_days = -1 }, "birthday 2026-13-01: not a date (YYYY-MM-DD or --MM-DD)" },
		{ { .display_name = "bad \xff utf8", .cadence_days = -1 }, "display name: not valid UTF-8" },
		{ { .display_name = "A", .introducer_id = 999, .cadence_days = -1 }, "contact #999: no such contact" },
	};
	struct kith_err err;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_ne(contact_add(db, &cases[i].c, NULL, &err), KITH_OK);
		ck_assert_str_eq(err.msg, cases[i].msg);
	}
	ck_assert_int_eq(count_all(), 0);
}
END_TEST

/* One text the SQL (?1 = id) reads from the database file at path; NULL: none. */
static char *
sql_text(const char *path, const char *sql, int64_t id)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st;
	char *v = NULL;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(h));
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/*
** The keys a write works out, made apart (contact_keys_make, as an
** import's parser does on its thread) and given to contact_add_keyed: the
** same rows as contact_add's, and the same refusal of a bad contact.
*/
START_TEST(test_add_keyed)
{
	struct kith_channel emails[] = { { "work", "Ana.Lima@Example.ORG" }, { "", "b@x.org" } };
	struct kith_channel phones[] = { { "mobile", "+1 (555) 010-2030" } };
	struct kith_channel handles[] = { { "web", "HTTPS://x.org/Ana" } };
	char *nicks[] = { "Łucja", "Ani" };
	struct kith_contact c = {
		.display_name = "Cllr. Ana Łima", .cadence_days = -1, .emails = emails,
		.n_emails = 2, .phones = phones, .n_phones = 1, .handles = handles, .n_handles = 1,
		.nicknames = nicks, .n_nicknames = 2,
	};
	struct kith_contact bad = { .display_name = "A", .influence = 9, .cadence_days = -1 };
	const char *q =
		"SELECT group_concat(x, '|') FROM (SELECT c.name_key || ',' || c.prefix AS x "
		"FROM contact c WHERE c.id = ?1 UNION ALL SELECT kind || ':' || value_key FROM "
		"(SELECT * FROM contact_channel WHERE contact_id = ?1 ORDER BY kind, position) "
		"UNION ALL SELECT nick_key FROM (SELECT * FROM contact_nickname WHERE contact_id = ?1 "
		"ORDER BY nick_key))";
	char *dir = test_tmpdir(), path[4200], *ra, *rb;
	struct contact_keys k;
	struct kith_err err;
	struct kdb *fdb = NULL;
	int64_t a, b;

	snprintf(path, sizeof path, "%s/k.db", dir);
	ck_assert_int_eq(kdb_open(path, KDB_CREATE, &fdb, &err), KITH_OK);
	contact_keys_make(&c, &k);
	ck_assert_int_eq(k.valid, KITH_OK);
	ck_assert_uint_eq(k.honorific, 6);
	ck_assert_str_eq(k.prefix, "Cllr.");
	ck_assert_str_eq(k.name_key, "ana lima");
	ck_assert_str_eq(k.email[0], "ana.lima@example.org");
	ck_assert_str_eq(k.phone[0], "+15550102030");
	ck_assert_str_eq(k.nick[0], "lucja");
	ck_assert_uint_eq(strlen(k.uid), 36);
	ck_assert_int_eq(contact_add_keyed(fdb, &c, &k, &a, &err), KITH_OK);
	contact_keys_free(&k);
	ck_assert_int_eq(contact_add(fdb, &c, &b, &err), KITH_OK);

	contact_keys_make(&bad, &k);
	ck_assert_int_eq(k.valid, KITH_INVALID);
	ck_assert_int_eq(contact_add_keyed(fdb, &bad, &k, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "influence 9: must be 1 to 5");
	contact_keys_free(&k);
	kdb_close(fdb);

	ra = sql_text(path, q, a);
	rb = sql_text(path, q, b);
	ck_assert_str_eq(ra, rb);
	ck_assert_str_eq(ra, "ana lima,Cllr.|email:ana.lima@example.org|email:b@x.org|"
			 "handle:https://x.org/ana|phone:+15550102030|ani|lucja");
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM contact"), 2);
	free(ra);
	free(rb);
	unlink(path);
	rmdir(dir);
	free(dir);
}
END_TEST

START_TEST(test_update_delete)
{
	int64_t id = add("Ana Lima", 3);
	struct kith_contact c;
	struct kith_err err;
	char *tags[] = { "transit" };

	ck_assert_int_eq(contact_get(db, id, &c, &err), KITH_OK);
	free(c.display_name);
	c.display_name = xstrdup("Ana Lima Souza");
	c.tags = xcalloc(1, sizeof(char *));
	c.tags[0] = xstrdup(tags[0]);
	c.n_tags = 1;
	ck_assert_int_eq(contact_update(db, &c, &err), KITH_OK);
	contact_free(&c);
	ck_assert_int_eq(contact_get(db, id, &c, &err), KITH_OK);
	ck_assert_str_eq(c.display_name, "Ana Lima Souza");
	ck_assert_uint_eq(c.n_tags, 1);
	contact_free(&c);
	ck_assert_int_eq(contact_delete(db, id, &err), KITH_OK);
	ck_assert_int_eq(contact_get(db, id, &c, &err), KITH_NOTFOUND);
	ck_assert_int_eq(contact_delete(db, id, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #1: no such contact");
}
END_TEST

struct collect {
	int64_t ids[2000];
	int n;
};

static int
collect_row(void *ud, const struct contact_row *r)
{
	struct collect *c = ud;
	c->ids[c->n++] = r->id;
	return 0;
}

/* Page through the whole list in windows of `page` and compare with one read. */
static void
check_paging(enum contact_sort sort, int page)
{
	struct contact_query q = { .sort = sort };
	static struct collect all, paged, back;
	int64_t anchor = 0;

	all.n = paged.n = back.n = 0;
	ck_assert_int_eq(contact_list(db, &q, 0, 1, 2000, collect_row, &all, NULL), KITH_OK);
	for (;;) {
		int before = paged.n;
		ck_assert_int_eq(contact_list(db, &q, anchor, 1, page, collect_row, &paged, NULL),
				 KITH_OK);
		if (paged.n == before)
			break;
		anchor = paged.ids[paged.n - 1];
	}
	ck_assert_int_eq(paged.n, all.n);
	ck_assert_mem_eq(paged.ids, all.ids, sizeof(int64_t) * (size_t)all.n);
	anchor = 0;
	for (;;) {
		int before = back.n;
		ck_assert_int_eq(contact_list(db, &q, anchor, -1, page, collect_row, &back, NULL),
				 KITH_OK);
		if (back.n == before)
			break;
		anchor = back.ids[back.n - 1];
	}
	ck_assert_int_eq(back.n, all.n);
	for (int i = 0; i < all.n; i++)
		ck_assert_int_eq(back.ids[i], all.ids[all.n - 1 - i]);
}

START_TEST(test_paging)
{
	char name[64];
	struct kith_err err;

	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "Person %03d %s", (i * 37) % 1000, i % 3 ? "é" : "e");
		add(name, i % 6);
	}
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
	ck_assert_int_eq(count_all(), 1000);
	check_paging(CONTACT_SORT_NAME, 50);
	check_paging(CONTACT_SORT_INFLUENCE, 37);
	check_paging(CONTACT_SORT_LAST, 64);
	{
		/* a search matching many is listed by id, and counted up to the cap */
		struct contact_query q = { .sort = CONTACT_SORT_NAME, .match = "person" };
		static struct collect got;
		long long n;
		int64_t anchor = 0;

		got.n = 0;
		for (;;) {
			int before = got.n;
			ck_assert_int_eq(contact_list(db, &q, anchor, 1, 100, collect_row, &got, NULL),
					 KITH_OK);
			if (got.n == before)
				break;
			anchor = got.ids[got.n - 1];
		}
		ck_assert_int_eq(got.n, 1000);
		for (int i = 1; i < got.n; i++)
			ck_assert_int_lt(got.ids[i - 1], got.ids[i]);
		ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
		ck_assert_int_eq(n, CONTACT_MATCH_CAP + 1);
		q.match = "person 01";      /* 10 matches: sorted by name, counted exactly */
		got.n = 0;
		ck_assert_int_eq(contact_list(db, &q, 0, 1, 100, collect_row, &got, NULL), KITH_OK);
		ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
		ck_assert_int_eq(n, got.n);
		ck_assert_int_eq(n, 10);
	}
}
END_TEST

START_TEST(test_list_order_and_row)
{
	struct contact_query q = { .sort = CONTACT_SORT_INFLUENCE };
	struct collect got = { .n = 0 };
	int64_t low = add("Low", 1), none = add("Unknown", 0), high = add("High", 5);

	ck_assert_int_eq(contact_list(db, &q, 0, 1, 10, collect_row, &got, NULL), KITH_OK);
	ck_assert_int_eq(got.n, 3);
	ck_assert_int_eq(got.ids[0], high);
	ck_assert_int_eq(got.ids[1], low);
	ck_assert_int_eq(got.ids[2], none);
	/* a deleted anchor is reported, not silently restarted */
	ck_assert_int_eq(contact_delete(db, low, NULL), KITH_OK);
	ck_assert_int_eq(contact_list(db, &q, low, 1, 10, collect_row, &got, NULL), KITH_NOTFOUND);
}
END_TEST

START_TEST(test_resolve)
{
	int64_t zoe = add("Zoë Ngô", 4), ana = add("Ana Lima", 2), anh = add("Anh Tran", 2);
	int64_t id;
	struct kith_err err;
	char buf[32];

	add("Ana", 1);
	ck_assert_int_eq(contact_resolve(db, "zoe", &id, &err), KITH_OK);
	ck_assert_int_eq(id, zoe);
	ck_assert_int_eq(contact_resolve(db, "ZOË NGÔ", &id, &err), KITH_OK);
	ck_assert_int_eq(id, zoe);
	ck_assert_int_eq(contact_resolve(db, "ngo", &id, &err), KITH_OK);
	ck_assert_int_eq(id, zoe);
	snprintf(buf, sizeof buf, "#%lld", (long long)anh);
	ck_assert_int_eq(contact_resolve(db, buf, &id, &err), KITH_OK);
	ck_assert_int_eq(id, anh);
	/* an exact name wins over longer names it prefixes */
	ck_assert_int_eq(contact_resolve(db, "ana", &id, &err), KITH_OK);
	ck_assert_int_ne(id, ana);
	ck_assert_int_eq(contact_resolve(db, "an", &id, &err), KITH_AMBIGUOUS);
	ck_assert_ptr_nonnull(strstr(err.msg, "Ana Lima (#2)"));
	ck_assert_ptr_nonnull(strstr(err.msg, "Anh Tran (#3)"));
	ck_assert_int_eq(contact_resolve(db, "xyz", &id, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "\"xyz\": no such contact");
	ck_assert_int_eq(contact_resolve(db, "#99", &id, &err), KITH_NOTFOUND);
}
END_TEST

static int
count_hit(void *ud, const struct search_hit *h)
{
	int *n = ud;
	(void)h;
	(*n)++;
	return 0;
}

START_TEST(test_fts)
{
	struct contact_query q = { .sort = CONTACT_SORT_NAME, .match = "jose" };
	struct collect got = { .n = 0 };
	int hits = 0;
	struct kith_err err;
	char *fq;

	add("José Álvarez", 3);
	add("Nguyễn Thị Lan", 5);
	add("Joseph Quinn", 2);
	ck_assert_int_eq(contact_list(db, &q, 0, 1, 10, collect_row, &got, NULL), KITH_OK);
	ck_assert_int_eq(got.n, 2);     /* José and Joseph: a prefix */
	got.n = 0;
	q.match = "ngu";
	ck_assert_int_eq(contact_list(db, &q, 0, 1, 10, collect_row, &got, NULL), KITH_OK);
	ck_assert_int_eq(got.n, 1);
	ck_assert_int_eq(search_all(db, "álvarez", 10, count_hit, &hits, &err), KITH_OK);
	ck_assert_int_eq(hits, 1);
	/* FTS syntax in user text is taken literally */
	hits = 0;
	ck_assert_int_eq(search_all(db, "\"jos OR AND (", 10, count_hit, &hits, &err), KITH_OK);
	fq = search_fts_query("Zoë \"ng");
	ck_assert_str_eq(fq, "(\"Zoë\"* OR \"zoe\"*) \"\"\"ng\"*");
	free(fq);
	ck_assert_ptr_null(search_fts_query("  - ! "));
	ck_assert_int_eq(search_all(db, " ", 10, count_hit, &hits, &err), KITH_INVALID);
}
END_TEST

START_TEST(test_last_contacted)
{
	int64_t id = add("Dana Ortiz", 3);
	struct kith_contact c;

	ck_assert_int_eq(kdb_exec_script(db,
		"INSERT INTO interaction(id, at, summary, created_at) VALUES "
		" (1, '2026-01-05 10:00', 'coffee', 'x'), (2, '2026-02-20 16:30', 'call', 'x');"
		"INSERT INTO interaction_contact(interaction_id, contact_id, at) VALUES (1, 1, '2026-01-05 10:00'), (2, 1, '2026-02-20 16:30');",
		NULL), KITH_OK);
	ck_assert_int_eq(contact_get(db, id, &c, NULL), KITH_OK);
	ck_assert_str_eq(c.last_at, "2026-02-20 16:30");
	contact_free(&c);
	ck_assert_int_eq(kdb_exec_script(db, "DELETE FROM interaction WHERE id = 2;", NULL), KITH_OK);
	ck_assert_int_eq(contact_get(db, id, &c, NULL), KITH_OK);
	ck_assert_str_eq(c.last_at, "2026-01-05 10:00");
	contact_free(&c);
	/* being met at an event is a touch; being invited is not */
	ck_assert_int_eq(kdb_exec_script(db,
		"INSERT INTO event(id, title, start_at, created_at, updated_at) VALUES "
		" (1, 'Town hall', '2026-03-01 19:00', 'x', 'x'), (2, 'Gala', '2026-03-05 19:00', 'x', 'x');"
		"INSERT INTO attendance(event_id, contact_id, status) VALUES (2, 1, 'invited'), (1, 1, 'met');",
		NULL), KITH_OK);
	ck_assert_int_eq(contact_get(db, id, &c, NULL), KITH_OK);
	ck_assert_str_eq(c.last_at, "2026-03-01 19:00");
	contact_free(&c);
}
END_TEST

/*
 * Every window seeks (or, from the start, walks) its sort's index: no
 * table scan, no sort of the whole selection (a "TEMP B-TREE"). A tag with many members walks the
 * index too; a search with few matches may sort them (at most the cap).
 * By influence the contacts without one follow from contact_by_name
 * (`also`), walked from its start only when the window has no anchor.
 */
static void
check_plan(const struct contact_query *q, int64_t anchor, int dir, const char *index,
	   const char *also)
{
	struct kith_err err;
	char *plan = NULL;

	ck_assert_msg(contact_list_plan(db, q, anchor, dir, &plan, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(strstr(plan, index) != NULL, "sort %d tag %s anchor %lld dir %d: no %s in\n%s",
		      q->sort, q->tag ? q->tag : "-", (long long)anchor, dir, index, plan);
	ck_assert_msg(!also || strstr(plan, also), "no %s in\n%s", also, plan);
	ck_assert_msg(strstr(plan, "TEMP B-TREE") == NULL, "sorts:\n%s", plan);
	/* a SCAN is allowed only as the ordered walk of the sort's index (from its start) */
	for (const char *l = plan; *l; l = strchr(l, '\n') + 1) {
		const char *nl = strchr(l, '\n'), *at = strstr(l, index);
		if (!at && also && !anchor)
			at = strstr(l, also);
		if (!strncmp(l, "SCAN ", 5))
			ck_assert_msg(at && at < nl && strstr(l, "INDEX"), "scans:\n%s", plan);
	}
	free(plan);
}

START_TEST(test_plans)
{
	static const char *const index[] = {
		[CONTACT_SORT_NAME] = "contact_by_name",
		[CONTACT_SORT_LAST] = "contact_stat_by_last",
		[CONTACT_SORT_INFLUENCE] = "contact_by_influence",
	};
	struct kith_err err;
	char name[64];
	const char *tag = "member";
	int64_t mid = 0, unranked = 0;

	ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
	for (int i = 0; i < 2500; i++) {
		snprintf(name, sizeof name, "Plan Person %04d", i);
		int64_t id = add(name, i % 6);
		ck_assert_int_eq(contact_tag_add(db, id, &tag, 1, &err), KITH_OK);
		if (i == 1234)
			mid = id;
		if (i == 1236)
			unranked = id;
	}
	ck_assert_int_eq(kdb_batch_end(db, true, &err), KITH_OK);
	for (int analyze = 0; analyze < 2; analyze++) {
		if (analyze)
			ck_assert_int_eq(kdb_exec_script(db, "ANALYZE", &err), KITH_OK);
		for (int s = CONTACT_SORT_NAME; s <= CONTACT_SORT_INFLUENCE; s++)
			for (int t = 0; t < 2; t++)
				for (int dir = -1; dir <= 1; dir += 2) {
					struct contact_query q = { .sort = (enum contact_sort)s,
								   .tag = t ? tag : NULL };
					const char *also = s == CONTACT_SORT_INFLUENCE ?
							   "contact_by_name" : NULL;
					check_plan(&q, 0, dir, index[s], also);
					check_plan(&q, mid, dir, index[s], also);
					check_plan(&q, unranked, dir, index[s], also);
					q.include_archived = true;
					check_plan(&q, mid, dir, index[s], also);
				}
	}
	{
		/* the tag filter gives the same rows whichever way it runs */
		struct contact_query q = { .sort = CONTACT_SORT_NAME, .tag = tag };
		static struct collect got;
		long long n;
		got.n = 0;
		ck_assert_int_eq(contact_list(db, &q, mid, 1, 10, collect_row, &got, NULL), KITH_OK);
		ck_assert_int_eq(got.n, 10);
		ck_assert_int_eq(got.ids[0], mid + 1);
		ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
		ck_assert_int_eq(n, 2500);
		q.tag = "nobody-has-this";
		got.n = 0;
		ck_assert_int_eq(contact_list(db, &q, 0, 1, 10, collect_row, &got, NULL), KITH_OK);
		ck_assert_int_eq(got.n, 0);
		ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
		ck_assert_int_eq(n, 0);
	}
}
END_TEST

START_TEST(test_tag_filter_few)
{
	struct contact_query q = { .sort = CONTACT_SORT_NAME, .tag = "housing" };
	struct collect got = { .n = 0 };
	const char *tags[] = { "housing" };
	int64_t b = add("Bea", 1), a = add("Abe", 1);
	long long n;

	add("Cy", 1);
	ck_assert_int_eq(contact_tag_add(db, b, tags, 1, NULL), KITH_OK);
	ck_assert_int_eq(contact_tag_add(db, a, tags, 1, NULL), KITH_OK);
	ck_assert_int_eq(contact_list(db, &q, 0, 1, 10, collect_row, &got, NULL), KITH_OK);
	ck_assert_int_eq(got.n, 2);
	ck_assert_int_eq(got.ids[0], a);
	ck_assert_int_eq(got.ids[1], b);
	ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	ck_assert_int_eq(n, 2);
	/* tags ignore case: one tag, whoever typed it how */
	q.tag = "HOUSING";
	ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(contact_tag_remove(db, a, "Housing", NULL), KITH_OK);
	ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(contact_set_archived(db, b, true, NULL), KITH_OK);
	ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	ck_assert_int_eq(n, 0);
	q.include_archived = true;
	ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	ck_assert_int_eq(n, 1);
}
END_TEST

START_TEST(test_resolve_more)
{
	struct kith_contact c = { .display_name = "Robert Paulson", .cadence_days = -1 };
	char *nicks[] = { "Bob" };
	struct kith_err err;
	int64_t id, bob, first = 0;
	char name[32];

	c.nicknames = nicks;
	c.n_nicknames = 1;
	ck_assert_int_eq(contact_add(db, &c, &bob, &err), KITH_OK);
	add("Bobby Tables", 1);
	/* an exact nickname beats a longer name it prefixes */
	ck_assert_int_eq(contact_resolve(db, "bob", &id, &err), KITH_OK);
	ck_assert_int_eq(id, bob);
	/* a nickname prefix */
	ck_assert_int_eq(contact_resolve(db, "Rob", &id, &err), KITH_OK);
	ck_assert_int_eq(id, bob);
	/* archived contacts still resolve */
	ck_assert_int_eq(contact_set_archived(db, bob, true, &err), KITH_OK);
	ck_assert_int_eq(contact_resolve(db, "robert paulson", &id, &err), KITH_OK);
	ck_assert_int_eq(id, bob);
	/* many candidates: eight named, the rest counted */
	for (int i = 0; i < 12; i++) {
		snprintf(name, sizeof name, "Kim %02d", i);
		id = add(name, 1);
		if (!first)
			first = id;
	}
	ck_assert_int_eq(contact_resolve(db, "kim", &id, &err), KITH_AMBIGUOUS);
	snprintf(name, sizeof name, "Kim 00 (#%lld)", (long long)first);
	ck_assert_ptr_nonnull(strstr(err.msg, name));
	ck_assert_ptr_nonnull(strstr(err.msg, "Kim 07"));
	ck_assert_ptr_null(strstr(err.msg, "Kim 08"));
	ck_assert_ptr_nonnull(strstr(err.msg, " and 4 more"));
	ck_assert(strncmp(err.msg, "\"kim\": ambiguous, could be: ", 28) == 0);
	/* a number that is no id falls back to names; bad text is refused */
	ck_assert_int_eq(contact_resolve(db, "99999", &id, &err), KITH_NOTFOUND);
	ck_assert_int_eq(contact_resolve(db, "bad \xc3", &id, &err), KITH_INVALID);
	ck_assert_int_eq(contact_resolve(db, "", &id, &err), KITH_INVALID);
}
END_TEST

START_TEST(test_candidates_and_extra)
{
	struct collect got = { .n = 0 };
	int64_t old = add("Mara Old", 1), recent = add("Mara New", 1);
	struct kith_err err;

	add("Other", 1);
	ck_assert_int_eq(kdb_exec_script(db,
		"INSERT INTO interaction(id, at, summary, created_at) VALUES "
		" (1, '2026-01-05 10:00', 'a', 'x'), (2, '2026-03-01 10:00', 'b', 'x');"
		"INSERT INTO interaction_contact(interaction_id, contact_id, at) VALUES (1, 1, '2026-01-05 10:00'), (2, 2, '2026-03-01 10:00');",
		&err), KITH_OK);
	ck_assert_int_eq(contact_candidates(db, "mar", 10, collect_row, &got, &err), KITH_OK);
	ck_assert_int_eq(got.n, 2);
	ck_assert_int_eq(got.ids[0], recent);
	ck_assert_int_eq(got.ids[1], old);
	got.n = 0;
	ck_assert_int_eq(contact_candidates(db, "", 2, collect_row, &got, &err), KITH_OK);
	ck_assert_int_eq(got.n, 2);
	ck_assert_int_eq(got.ids[0], recent);
	ck_assert_int_eq(import_extra_add(db, "contact", old, "vcard", "X-FOO", "bar", &err), KITH_OK);
	ck_assert_int_eq(import_extra_add(db, "contact", old, "vcard", "X-FOO", "b\xffr", &err),
			 KITH_INVALID);
	ck_assert_str_eq(err.msg, "import value: not valid UTF-8");
	ck_assert_int_ne(import_extra_add(db, "planet", old, "vcard", "X", "y", &err), KITH_OK);
}
END_TEST

/* The title bar's count is kept by triggers: it must match a real count. */
START_TEST(test_list_count)
{
	struct contact_query q = { .sort = CONTACT_SORT_NAME };
	struct collect got = { .n = 0 };
	long long n;
	int64_t a = add("Ana", 1), b = add("Ben", 2);
	struct kdb_change *ch;

	add("Cy", 3);
	ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(contact_set_archived(db, a, true, NULL), KITH_OK);
	ck_assert_int_eq(contact_delete(db, b, NULL), KITH_OK);
	ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	ck_assert_int_eq(contact_list(db, &q, 0, 1, 10, collect_row, &got, NULL), KITH_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(got.n, 1);
	/* undo re-inserts through the triggers: the count follows */
	ck_assert_int_eq(kdb_record_changes(db, true, NULL), KITH_OK);
	ck_assert_int_eq(contact_delete(db, got.ids[0], NULL), KITH_OK);
	ch = kdb_change_take(db);
	ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(kdb_change_apply(db, ch, true, NULL), KITH_OK);
	ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	ck_assert_int_eq(n, 1);
	kdb_change_free(ch);
}
END_TEST

static Suite *
contact_suite(void)
{
	Suite *s = suite_create("contact");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_add_get_full);
	tcase_add_test(tc, test_validation);
	tcase_add_test(tc, test_partial_indexes);
	tcase_add_test(tc, test_uid_v7_ordered);
	tcase_add_test(tc, test_add_keyed);
	tcase_add_test(tc, test_update_delete);
	tcase_add_test(tc, test_paging);
	tcase_add_test(tc, test_list_order_and_row);
	tcase_add_test(tc, test_resolve);
	tcase_add_test(tc, test_fts);
	tcase_add_test(tc, test_last_contacted);
	tcase_add_test(tc, test_list_count);
	tcase_add_test(tc, test_plans);
	tcase_add_test(tc, test_tag_filter_few);
	tcase_add_test(tc, test_resolve_more);
	tcase_add_test(tc, test_candidates_and_extra);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(contact_suite()) ? 1 : 0;
}
