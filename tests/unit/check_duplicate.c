/*
 * check_duplicate.c: the possible-duplicates pass (pairs found, each once,
 * "not the same person" remembered, archived and crowded values left out)
 * and the merge of two contacts (everything kept, conflicting fields kept
 * aside, one undo step that restores both contacts exactly, and a redo).
 */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/duplicate.h"
#include "kith/str.h"
#include "kith/xalloc.h"

static char *dir;
static char path[4200];
static struct kdb *db;

static void
setup(void)
{
	struct kith_err err;

	test_fix_clock();
	dir = test_tmpdir();
	snprintf(path, sizeof path, "%s/d.db", dir);
	ck_assert_int_eq(kdb_open(path, KDB_CREATE, &db, &err), KITH_OK);
}

static void
teardown(void)
{
	char cmd[4300];
	kdb_close(db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
}

static int64_t
add(const char *name, const char *email, const char *phone)
{
	struct kith_channel em[] = { { "work", (char *)email } };
	struct kith_channel ph[] = { { "work", (char *)phone } };
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1,
				  .emails = em, .n_emails = email ? 1 : 0,
				  .phones = ph, .n_phones = phone ? 1 : 0 };
	struct kith_err err;
	int64_t id;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
}

static void
sql(const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	struct kith_err err;
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	ck_assert_msg(kdb_exec_script(db, sb_str(&sb), &err) == KITH_OK, "%s: %s", sb_str(&sb),
		      err.msg);
	sb_free(&sb);
}

/* A current role at a new or existing organisation. */
static void
role(int64_t contact, const char *org, const char *title)
{
	sql("INSERT INTO organisation(name, name_key, created_at, updated_at) "
	    "SELECT '%s', lower('%s'), 'x', 'x' WHERE NOT EXISTS "
	    "(SELECT 1 FROM organisation WHERE name = '%s');"
	    "INSERT INTO role(contact_id, org_id, title) "
	    "SELECT %lld, id, '%s' FROM organisation WHERE name = '%s'",
	    org, org, org, (long long)contact, title, org);
}

static const struct dup_pair *
find(const struct dup_list *l, int64_t a, int64_t b)
{
	const struct dup_pair *hit = NULL;
	for (int i = 0; i < l->n; i++) {
		ck_assert_msg(l->v[i].a.id < l->v[i].b.id, "pair %d not in order", i);
		if (l->v[i].a.id == (a < b ? a : b) && l->v[i].b.id == (a < b ? b : a)) {
			ck_assert_msg(!hit, "pair #%lld #%lld listed twice", (long long)a,
				      (long long)b);
			hit = &l->v[i];
		}
	}
	return hit;
}

static void
pairs(struct dup_list *l)
{
	struct kith_err err;
	ck_assert_msg(duplicate_pairs(db, l, &err) == KITH_OK, "%s", err.msg);
}

START_TEST(test_pairs_found)
{
	struct dup_list l = { 0 };
	const struct dup_pair *p;
	int64_t m1 = add("Maria Garcia", "maria@cityhall.gov", NULL);
	int64_t m2 = add("Maria Garcia", "mgarcia@cityhall.gov", NULL);
	int64_t m3 = add("María García", NULL, NULL);          /* folded: the same name */
	int64_t j1 = add("Jo Park", NULL, NULL), j2 = add("Jo Park", NULL, NULL);
	int64_t o1 = add("Ana Ruiz", NULL, "555 010 0100");
	int64_t o2 = add("Ben Okafor", NULL, "(555) 010-0100");  /* the same digits */
	int64_t s1 = add("Cy Short", NULL, "12345"), s2 = add("Di Short", NULL, "12345");
	int64_t e1 = add("Eve Stone", "eve@x.org", NULL), e2 = add("Evan Stone", "EVE@x.org", NULL);
	int64_t a1 = add("Al Archived", NULL, NULL), a2 = add("Al Archived", NULL, NULL);
	char *why;

	role(m1, "City Hall", "Clerk");
	role(m2, "City Hall", "Deputy clerk");
	role(m3, "School Board", "Member");
	role(j1, "City Hall", "Clerk");
	role(j2, "Library", "Clerk");        /* same name, two places: two people */
	sql("UPDATE contact SET archived = 1 WHERE id = %lld", (long long)a2);
	pairs(&l);
	p = find(&l, m1, m2);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->reasons, 1u << DUP_NAME);
	ck_assert_str_eq(p->org, "City Hall");
	ck_assert_str_eq(p->a.name, "Maria Garcia");
	ck_assert_str_eq(p->a.org, "City Hall");
	why = dup_pair_reason_text(p);
	ck_assert_str_eq(why, "same name at City Hall");
	free(why);
	ck_assert_ptr_null(find(&l, m1, m3));   /* City Hall and School Board */
	ck_assert_ptr_null(find(&l, j1, j2));
	p = find(&l, o1, o2);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->reasons, 1u << DUP_PHONE);
	ck_assert_str_eq(p->phone, "555 010 0100");
	ck_assert_ptr_null(find(&l, s1, s2));   /* five digits: too short to tell */
	p = find(&l, e1, e2);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->reasons, 1u << DUP_EMAIL);
	why = dup_pair_reason_text(p);
	ck_assert_str_eq(why, "share email eve@x.org");
	free(why);
	ck_assert_ptr_null(find(&l, a1, a2));   /* archived */
	ck_assert_int_eq(l.n, 3);
	dup_list_free(&l);
}
END_TEST

START_TEST(test_one_pair_many_reasons)
{
	struct dup_list l = { 0 };
	const struct dup_pair *p;
	int64_t a = add("Tom Ruiz", "tom@x.org", "555 123 4567");
	int64_t b = add("Tom Ruiz", "tom@x.org", "5551234567");
	char *why;

	pairs(&l);
	ck_assert_int_eq(l.n, 1);
	p = find(&l, a, b);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->reasons, (1u << DUP_NAME) | (1u << DUP_EMAIL) | (1u << DUP_PHONE));
	why = dup_pair_reason_text(p);
	ck_assert_str_eq(why, "same name; share email tom@x.org; share phone 555 123 4567");
	free(why);
	dup_list_free(&l);
}
END_TEST

START_TEST(test_not_same_remembered)
{
	struct dup_list l = { 0 };
	struct kith_err err;
	int64_t a = add("Dana Lee", NULL, NULL), b = add("Dana Lee", NULL, NULL);
	int64_t c = add("Dana Lee", NULL, NULL);

	pairs(&l);
	ck_assert_int_eq(l.n, 3);
	ck_assert_int_eq(duplicate_not_same(db, c, a, &err), KITH_OK);   /* either order */
	ck_assert_int_eq(duplicate_not_same(db, a, c, &err), KITH_OK);   /* twice is once */
	pairs(&l);
	ck_assert_int_eq(l.n, 2);
	ck_assert_ptr_null(find(&l, a, c));
	ck_assert_ptr_nonnull(find(&l, a, b));
	ck_assert_ptr_nonnull(find(&l, b, c));
	/* merged into b, a's "not c" becomes b's */
	ck_assert_int_eq(contact_merge(db, b, a, NULL, &err), KITH_OK);
	pairs(&l);
	ck_assert_int_eq(l.n, 0);
	a = add("Dana Lee", NULL, NULL);
	ck_assert_int_eq(duplicate_not_same(db, a, a, &err), KITH_INVALID);
	ck_assert_int_eq(duplicate_not_same(db, a, 999, &err), KITH_NOTFOUND);
	/* remembered in the database: a new connection sees it */
	kdb_close(db);
	ck_assert_int_eq(kdb_open(path, 0, &db, &err), KITH_OK);
	pairs(&l);
	ck_assert_int_eq(l.n, 2);
	ck_assert_ptr_nonnull(find(&l, a, b));
	dup_list_free(&l);
}
END_TEST

START_TEST(test_crowded_values)
{
	struct dup_list l = { 0 };
	char name[32];

	/* an office switchboard shared by more than DUP_GROUP_MAX people */
	for (int i = 0; i <= DUP_GROUP_MAX; i++) {
		snprintf(name, sizeof name, "Staff %c", 'A' + i);
		add(name, NULL, "555 000 1111");
	}
	pairs(&l);
	ck_assert_int_eq(l.n, 0);
	dup_list_free(&l);
}
END_TEST

/* ---- the merge ------------------------------------------------------------------- */

/* Every row of every table the user's data lives in, as text. */
static char *
dump(void)
{
	static const char *const tables[] = {
		"meta", "organisation", "event", "contact", "contact_channel",
		"contact_nickname", "tag", "contact_tag", "role", "relationship", "attendance",
		"interaction", "interaction_contact", "followup", "power_map", "map_target",
		"placement", "placement_move", "import_extra", "contact_stat", "list_count",
		"review_action", "dup_not_same", NULL,
	};
	struct strbuf sb = { 0 };
	sqlite3 *h;

	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	for (int t = 0; tables[t]; t++) {
		char q[128];
		sqlite3_stmt *st;
		snprintf(q, sizeof q, "SELECT * FROM %s ORDER BY 1, 2", tables[t]);
		ck_assert_int_eq(sqlite3_prepare_v2(h, q, -1, &st, NULL), SQLITE_OK);
		sb_printf(&sb, "[%s]\n", tables[t]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(st); i++) {
				const char *v = (const char *)sqlite3_column_text(st, i);
				sb_printf(&sb, "%s|", v ? v : "NULL");
			}
			sb_appendc(&sb, '\n');
		}
		sqlite3_finalize(st);
	}
	/* and the search index finds each by name */
	{
		sqlite3_stmt *st;
		ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT rowid, name, nicknames, tags, org "
						    "FROM contact_fts ORDER BY rowid",
						    -1, &st, NULL), SQLITE_OK);
		sb_append(&sb, "[fts]\n");
		while (sqlite3_step(st) == SQLITE_ROW)
			sb_printf(&sb, "%lld %s|%s|%s|%s\n", sqlite3_column_int64(st, 0),
				  sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
				  sqlite3_column_text(st, 3), sqlite3_column_text(st, 4));
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return sb_detach(&sb);
}

/* The first column of the first row of a query with one %lld, as text ("" for NULL). */
static char *
text(const char *fmt, long long id)
{
	char q[512];
	sqlite3 *h;
	sqlite3_stmt *st;
	char *s;

	snprintf(q, sizeof q, fmt, id);
	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(h, q, -1, &st, NULL) == SQLITE_OK, "%s", q);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	s = xstrdup(sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	sqlite3_close(h);
	return s;
}

static long long
count(const char *fmt, long long id)
{
	char *s = text(fmt, id);
	long long n = atoll(s);

	free(s);
	return n;
}

/*
** Two records of one person with something in every table: keep (#k)
** and drop (#d), and a third contact (#o) tied to both.
*/
static void
rich_pair(int64_t *k, int64_t *d, int64_t *o)
{
	struct kith_err err;

	*k = add("Maria Garcia", "maria@cityhall.gov", "555 010 0100");
	*d = add("Maria Garcia", "MARIA@cityhall.gov", "555 010 0199");
	*o = add("Otto Bell", NULL, NULL);
	role(*k, "City Hall", "Clerk");
	role(*d, "City Hall", "Deputy clerk");
	sql("UPDATE contact SET birthday = '1980-01-02', notes = 'keeps the minutes', "
	    "pronouns = 'she/her' WHERE id = %lld", (long long)*k);
	sql("UPDATE contact SET birthday = '1980-02-01', notes = 'runs the archive', "
	    "district = 'Ward 3', address = '1 Main St', influence = 4, tier = 'B', "
	    "introducer_id = %lld WHERE id = %lld", (long long)*o, (long long)*d);
	sql("INSERT INTO contact_channel(contact_id, kind, label, value, value_key) "
	    "VALUES (%lld, 'handle', 'mastodon', '@maria@town.social', '@maria@town.social')",
	    (long long)*d);
	sql("INSERT INTO contact_nickname VALUES (%lld, 'Mari', 'mari'), (%lld, 'Mia', 'mia'),"
	    "(%lld, 'Mari', 'mari')", (long long)*k, (long long)*d, (long long)*d);
	sql("INSERT INTO tag(name) VALUES ('housing'), ('parks');"
	    "INSERT INTO contact_tag SELECT %lld, id FROM tag WHERE name = 'housing';"
	    "INSERT INTO contact_tag SELECT %lld, id FROM tag",
	    (long long)*k, (long long)*d);
	sql("INSERT INTO relationship(a_id, b_id, type, created_at) VALUES "
	    "(%lld, %lld, 'professional', 'x'), (%lld, %lld, 'social', 'x'), "
	    "(%lld, %lld, 'generic', 'x')",
	    (long long)*o, (long long)*d, (long long)*k, (long long)*d, (long long)*d,
	    (long long)*o);
	sql("INSERT INTO event(id, title, start_at, created_at, updated_at) VALUES "
	    "(1, 'Council', '2026-02-01 18:00', 'x', 'x'), (2, 'Town hall', '2026-03-01 18:00', 'x', 'x');"
	    "INSERT INTO attendance VALUES (1, %lld, 'attendee', 'invited'), "
	    "(1, %lld, 'speaker', 'met'), (2, %lld, 'attendee', 'attended')",
	    (long long)*k, (long long)*d, (long long)*d);
	sql("INSERT INTO interaction(id, at, summary, created_at) VALUES "
	    "(1, '2026-01-05 10:00', 'coffee', 'x'), (2, '2026-03-05 10:00', 'call', 'x');"
	    "INSERT INTO interaction_contact(interaction_id, contact_id, at) VALUES (1, %lld, '2026-01-05 10:00'), "
	    "(1, %lld, '2026-01-05 10:00'), (2, %lld, '2026-03-05 10:00')",
	    (long long)*k, (long long)*d, (long long)*d);
	sql("INSERT INTO followup(contact_id, title, intro_a_id, created_at, updated_at) VALUES "
	    "(%lld, 'send the minutes', NULL, 'x', 'x'), (%lld, 'introduce', %lld, 'x', 'x')",
	    (long long)*d, (long long)*o, (long long)*d);
	sql("INSERT INTO power_map(id, name, primary_target_id, created_at, updated_at) VALUES "
	    "(1, 'Bond', %lld, 'x', 'x'), (2, 'Parks', NULL, 'x', 'x');"
	    "INSERT INTO map_target VALUES (1, %lld), (1, %lld);"
	    "INSERT INTO placement(map_id, contact_id, influence, alignment, assessed_at) VALUES "
	    "(1, %lld, 3, 1, 'x'), (1, %lld, 4, 2, 'x'), (2, %lld, 2, -1, 'x');"
	    "INSERT INTO placement_move(map_id, contact_id, at, to_influence, to_alignment) VALUES "
	    "(2, %lld, 'x', 2, -1)",
	    (long long)*d, (long long)*k, (long long)*d, (long long)*k, (long long)*d,
	    (long long)*d, (long long)*d);
	sql("UPDATE contact SET introducer_id = %lld WHERE id = %lld", (long long)*d,
	    (long long)*o);
	ck_assert_int_eq(import_extra_add(db, "contact", *d, "vcard", "X-FAVOURITE", "tea", &err),
			 KITH_OK);
	ck_assert_int_eq(kdb_set_me(db, *d, &err), KITH_OK);
}

START_TEST(test_merge_keeps_everything)
{
	struct kith_err err;
	struct merge_result res;
	int64_t k, d, o;
	char *s, *duid;

	rich_pair(&k, &d, &o);
	/* the dropped contact's UID is kept aside: an import still finds the kept one by it */
	duid = text("SELECT uid FROM contact WHERE id = %lld", d);
	ck_assert_msg(contact_merge(db, k, d, &res, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(count("SELECT count(*) FROM contact WHERE id = %lld", d), 0);
	/* channels: the same address once, the other phone and the handle moved */
	ck_assert_int_eq(count("SELECT count(*) FROM contact_channel WHERE contact_id = %lld "
			       "AND kind = 'email'", k), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM contact_channel WHERE contact_id = %lld "
			       "AND kind = 'phone'", k), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM contact_channel WHERE contact_id = %lld "
			       "AND kind = 'handle'", k), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM contact_nickname WHERE contact_id = %lld", k), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM contact_tag WHERE contact_id = %lld", k), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM role WHERE contact_id = %lld "
			       "AND title IN ('Clerk', 'Deputy clerk')", k), 2);
	/* the tie between the two went; Otto's ties now name the kept one */
	ck_assert_int_eq(count("SELECT count(*) FROM relationship WHERE %lld IN (a_id, b_id)", k), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM relationship WHERE a_id = b_id OR %lld IN (a_id, b_id)", d), 0);
	/* the stronger attendance: met, as speaker */
	s = text("SELECT status || ' ' || role FROM attendance WHERE event_id = 1 "
		 "AND contact_id = %lld", k);
	ck_assert_str_eq(s, "met speaker");
	free(s);
	ck_assert_int_eq(count("SELECT count(*) FROM attendance WHERE contact_id = %lld", k), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM interaction_contact WHERE contact_id = %lld", k), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM followup WHERE contact_id = %lld", k), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM followup WHERE intro_a_id = %lld", k), 1);
	ck_assert_int_eq(count("SELECT primary_target_id FROM power_map WHERE id = 1 AND %lld", 1), k);
	ck_assert_int_eq(count("SELECT count(*) FROM map_target WHERE contact_id = %lld", k), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM placement WHERE contact_id = %lld", k), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM placement_move WHERE contact_id = %lld", k), 1);
	ck_assert_int_eq(count("SELECT introducer_id FROM contact WHERE id = %lld", o), k);
	ck_assert_int_eq(kdb_me(db), k);
	/* fields: the empty ones filled, the conflicting ones kept aside */
	s = text("SELECT district || '|' || address || '|' || influence || '|' || tier || '|' || "
		 "birthday || '|' || notes || '|' || introducer_id FROM contact WHERE id = %lld", k);
	{
		char want[128];
		snprintf(want, sizeof want, "Ward 3|1 Main St|4|B|1980-01-02|keeps the minutes|%lld",
			 (long long)o);
		ck_assert_str_eq(s, want);
	}
	free(s);
	s = text("SELECT group_concat(source || ':' || name || '=' || value, ';') FROM "
		 "(SELECT * FROM import_extra WHERE entity = 'contact' AND entity_id = %lld "
		 "ORDER BY id)", k);
	{
		char want[320];
		snprintf(want, sizeof want, "vcard:X-FAVOURITE=tea;merge #%lld:birthday=1980-02-01;"
			 "merge #%lld:notes=runs the archive;merge #%lld:uid=%s", (long long)d,
			 (long long)d, (long long)d, duid);
		ck_assert_str_eq(s, want);
	}
	free(s);
	free(duid);
	ck_assert_int_eq(res.aside, 3);
	/* last contacted is the newer of the two; the list count lost one */
	s = text("SELECT last_at FROM contact_stat WHERE contact_id = %lld", k);
	ck_assert_str_eq(s, "2026-03-05 10:00");
	free(s);
	ck_assert_int_eq(count("SELECT n FROM list_count WHERE name = 'contacts' AND %lld", 1), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM contact_fts WHERE contact_fts MATCH 'mia' "
			       "AND rowid = %lld", k), 1);
}
END_TEST

/*
** Every field of the dropped contact reaches an empty kept one (merge.c has
** one fixed statement per field), and the fields this test knows are all
** the contact table has: a new column must be taught to the merge.
*/
START_TEST(test_merge_fills_every_field)
{
	static const char *const known =
		"id,display_name,name_key,given_name,family_name,pronouns,address,district,"
		"birthday,how_met,met_event_id,introducer_id,influence,alignment,tier,"
		"cadence_days,notes,archived,created_at,updated_at,influence_rank,uid,prefix,"
		"rhythm_days";
	struct kith_err err;
	struct merge_result res;
	int64_t k = add("Kim Blank", NULL, NULL), o = add("Otto Intro", NULL, NULL);
	int64_t d = add("Dr. Kim Full", NULL, NULL);
	char *s;

	s = text("SELECT group_concat(name, ',') FROM pragma_table_info('contact') WHERE %lld",
		 1);
	ck_assert_str_eq(s, known);
	free(s);
	sql("INSERT INTO event(id, title, kind, start_at, created_at, updated_at) VALUES "
	    "(7, 'Gala', 'other', '2026-01-01', '2026-01-01 00:00:00', '2026-01-01 00:00:00')");
	sql("UPDATE contact SET given_name = 'Kim', family_name = 'Full', pronouns = 'she', "
	    "address = '2 Elm', district = 'Ward 9', birthday = '--05-06', how_met = 'gala', "
	    "met_event_id = 7, introducer_id = %lld, influence = 5, alignment = 2, tier = 'A', "
	    "cadence_days = 9, notes = 'n', prefix = 'Dr.', rhythm_days = 30 WHERE id = %lld",
	    (long long)o,
	    (long long)d);
	sql("UPDATE contact SET uid = NULL WHERE id = %lld", (long long)k);
	s = text("SELECT uid FROM contact WHERE id = %lld", d);
	ck_assert_msg(contact_merge(db, k, d, &res, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(count("SELECT count(*) FROM contact WHERE id = %lld AND given_name = 'Kim' "
			       "AND family_name = 'Full' AND pronouns = 'she' AND address = '2 Elm' "
			       "AND district = 'Ward 9' AND birthday = '--05-06' AND how_met = 'gala' "
			       "AND met_event_id = 7 AND influence = 5 AND alignment = 2 "
			       "AND tier = 'A' AND cadence_days = 9 AND notes = 'n' "
			       "AND prefix = 'Dr.' AND rhythm_days = 30", k), 1);
	ck_assert_int_eq(count("SELECT introducer_id FROM contact WHERE id = %lld", k), o);
	{
		char *u = text("SELECT uid FROM contact WHERE id = %lld", k);
		ck_assert_str_eq(u, s);
		free(u);
	}
	free(s);
	/* the name differs: kept aside */
	ck_assert_int_eq(res.aside, 1);
}
END_TEST

START_TEST(test_merge_undo_restores_both)
{
	struct kith_err err;
	struct kdb_change *ch;
	int64_t k, d, o;
	char *before, *after, *undone, *redone;

	rich_pair(&k, &d, &o);
	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	before = dump();
	ck_assert_msg(contact_merge(db, k, d, NULL, &err) == KITH_OK, "%s", err.msg);
	ch = kdb_change_take(db);
	ck_assert_ptr_nonnull(ch);
	ck_assert_ptr_null(kdb_change_take(db));    /* one step */
	after = dump();
	ck_assert_str_ne(before, after);
	ck_assert_msg(kdb_change_apply(db, ch, true, &err) == KITH_OK, "%s", err.msg);
	undone = dump();
	ck_assert_str_eq(undone, before);
	ck_assert_msg(kdb_change_apply(db, ch, false, &err) == KITH_OK, "%s", err.msg);
	redone = dump();
	ck_assert_str_eq(redone, after);
	kdb_change_free(ch);
	free(before);
	free(after);
	free(undone);
	free(redone);
}
END_TEST

START_TEST(test_merge_refused)
{
	struct kith_err err;
	int64_t a = add("A One", NULL, NULL);
	char *before = dump(), *after;

	ck_assert_int_eq(contact_merge(db, a, a, NULL, &err), KITH_INVALID);
	ck_assert_int_eq(contact_merge(db, a, 4242, NULL, &err), KITH_NOTFOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "#4242"));
	after = dump();
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

/* Every foreign key to contact in the schema is one the merge moves. */
START_TEST(test_merge_knows_every_reference)
{
	sqlite3 *h;
	sqlite3_stmt *st;

	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h,
		"SELECT m.name || '.' || f.\"from\" FROM sqlite_master m, "
		"pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f.\"table\" = 'contact'",
		-1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *ref = (const char *)sqlite3_column_text(st, 0);
		bool known = false;
		for (int i = 0; merge_handled_refs[i]; i++)
			known |= !strcmp(merge_handled_refs[i], ref);
		ck_assert_msg(known, "contact_merge does not move %s", ref);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
}
END_TEST


/* ---- the planner's view ------------------------------------------------------------- */

static const char *
cell(const struct view *v, int row, int col)
{
	ck_assert_int_lt(row, v->list.nrows);
	ck_assert_int_lt(col, v->list.ncols);
	return v->list.rows[row].cells[col];
}

/* u in the view: the pair is back and every table is as it was before. */
static void
undo_restores(struct engine *e, const char *before)
{
	const struct view *v;
	char *now;

	engine_keys(e, "u");
	v = engine_view(e);
	ck_assert_int_eq(v->list.total, 1);
	now = dump();
	ck_assert_str_eq(now, before);
	free(now);
}

START_TEST(test_view_compare_not_same_merge_undo)
{
	struct kith_err err;
	struct engine *e;
	const struct view *v;
	int64_t k, d, o;
	char *before;
	bool differs = false;

	rich_pair(&k, &d, &o);
	ck_assert_int_eq(engine_new(db, "test.db", &e, &err), KITH_OK);
	engine_layout(e, 20, 20, false);
	engine_keys(e, "zd");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_DUPLICATES);
	ck_assert(v->list_full);
	ck_assert_int_eq(v->list.total, 1);
	ck_assert_str_eq(cell(v, 0, 0), "#1 Maria Garcia · City Hall");
	ck_assert_str_eq(cell(v, 0, 2), "same name at City Hall; share email maria@cityhall.gov");
	/* Enter: side by side, the differing fields highlighted */
	engine_keys(e, "<Enter>");
	v = engine_view(e);
	ck_assert_int_eq(v->list.ncols, 3);
	ck_assert_str_eq(v->list.cols[1].title, "#1 Maria Garcia");
	ck_assert_str_eq(v->list.cols[2].title, "#2 Maria Garcia");
	for (int i = 0; i < v->list.nrows; i++)
		if (!strcmp(cell(v, i, 0), "birthday")) {
			ck_assert_str_eq(cell(v, i, 1), "1980-01-02");
			ck_assert_str_eq(cell(v, i, 2), "1980-02-01");
			ck_assert_int_eq(v->list.rows[i].style, VS_HIGHLIGHT);
			differs = true;
		}
	ck_assert(differs);
	engine_keys(e, "<Esc>");
	v = engine_view(e);
	ck_assert_int_eq(v->list.ncols, 3);
	ck_assert_str_eq(v->list.cols[0].title, "First");
	/* n: not the same, remembered; u brings the pair back */
	before = dump();
	engine_keys(e, "n");
	v = engine_view(e);
	ck_assert_int_eq(v->list.total, 0);
	ck_assert_ptr_nonnull(strstr(v->message, "not the same person"));
	undo_restores(e, before);
	/* m, Enter: merge into the first; u restores both exactly */
	engine_keys(e, "m");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_PICK);
	engine_keys(e, "<Enter>");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_DUPLICATES);
	ck_assert_ptr_nonnull(v->message);
	ck_assert_msg(!strncmp(v->message, "merged #2 into #1", 17), "%s", v->message);
	ck_assert_int_eq(v->list.total, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM contact WHERE id = %lld", d), 0);
	undo_restores(e, before);
	/* <C-r> merges again; q closes the view */
	engine_keys(e, "<C-r>");
	ck_assert_int_eq(count("SELECT count(*) FROM contact WHERE id = %lld", d), 0);
	engine_keys(e, "q");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_NORMAL);
	ck_assert(!v->list_full);
	free(before);
	engine_free(e);
}
END_TEST

START_TEST(test_view_merge_keeps_the_second)
{
	struct kith_err err;
	struct engine *e;
	const struct view *v;
	int64_t a = add("Jo Park", NULL, NULL), b = add("Jo Park", NULL, NULL);

	ck_assert_int_eq(engine_new(db, "test.db", &e, &err), KITH_OK);
	engine_layout(e, 20, 20, false);
	engine_command(e, "duplicates");
	engine_keys(e, "mj<Enter>");
	v = engine_view(e);
	ck_assert_msg(v->message && strstr(v->message, "merged #1 into #2"), "%s", v->message);
	ck_assert_int_eq(count("SELECT count(*) FROM contact WHERE id = %lld", a), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM contact WHERE id = %lld", b), 1);
	engine_free(e);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("duplicate");
	TCase *tc = tcase_create("pass");
	TCase *tm = tcase_create("merge");
	TCase *tv = tcase_create("view");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_pairs_found);
	tcase_add_test(tc, test_one_pair_many_reasons);
	tcase_add_test(tc, test_not_same_remembered);
	tcase_add_test(tc, test_crowded_values);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(tm, setup, teardown);
	tcase_add_test(tm, test_merge_keeps_everything);
	tcase_add_test(tm, test_merge_undo_restores_both);
	tcase_add_test(tm, test_merge_refused);
	tcase_add_test(tm, test_merge_fills_every_field);
	tcase_add_test(tm, test_merge_knows_every_reference);
	suite_add_tcase(s, tm);
	tcase_add_checked_fixture(tv, setup, teardown);
	tcase_add_test(tv, test_view_compare_not_same_merge_undo);
	tcase_add_test(tv, test_view_merge_keeps_the_second);
	suite_add_tcase(s, tv);
	return test_run_suite(s) ? EXIT_FAILURE : EXIT_SUCCESS;
}
