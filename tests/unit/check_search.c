/*
 * check_search.c: full-text search: safe query text, diacritics and
 * prefixes, every kind with its title and detail, limits, and the contact
 * index following roles, organisations, nicknames and tags.
 */
#include "testutil.h"

#include <string.h>

#include "kith/contact.h"
#include "kith/search.h"
#include "kith/xalloc.h"

static struct kdb *db;

#define MAX_HITS 64

struct hits {
	int n;
	enum search_kind kind[MAX_HITS];
	int64_t id[MAX_HITS];
	char title[MAX_HITS][128];
	char detail[MAX_HITS][128];
	int stop_after;             /* 0: never */
};

static int
collect(void *ud, const struct search_hit *h)
{
	struct hits *x = ud;
	if (x->n < MAX_HITS) {
		x->kind[x->n] = h->kind;
		x->id[x->n] = h->id;
		snprintf(x->title[x->n], sizeof x->title[0], "%s", h->title);
		snprintf(x->detail[x->n], sizeof x->detail[0], "%s", h->detail);
	}
	x->n++;
	return x->stop_after && x->n >= x->stop_after;
}

static void
search(const char *q, int limit, struct hits *x)
{
	struct kith_err err;
	memset(x, 0, sizeof *x);
	ck_assert_msg(search_all(db, q, limit, collect, x, &err) == KITH_OK, "%s: %s", q, err.msg);
}

/* Index of the first hit of `kind`, or -1. */
static int
find(const struct hits *x, enum search_kind kind)
{
	for (int i = 0; i < x->n && i < MAX_HITS; i++)
		if (x->kind[i] == kind)
			return i;
	return -1;
}

static int
count_kind(const struct hits *x, enum search_kind kind)
{
	int n = 0;
	for (int i = 0; i < x->n && i < MAX_HITS; i++)
		n += x->kind[i] == kind;
	return n;
}

static void
setup(void)
{
	struct kith_err err;

	db = test_db_open();
	ck_assert_msg(kdb_exec_script(db,
		"INSERT INTO organisation(id, name, name_key, kind, description, created_at, updated_at) VALUES"
		" (1, 'Planning Commission', 'planning commission', 'government', 'zoning and land use', 'x', 'x'),"
		" (2, 'Riverside Tenants Union', 'riverside tenants union', 'union', '', 'x', 'x');"
		"INSERT INTO contact(id, display_name, name_key, notes, created_at, updated_at) VALUES"
		" (1, 'Zoë Ngô', 'zoe ngo', 'likes the bond measure', 'x', 'x'),"
		" (2, 'Nguyễn Thị Lan', 'nguyen thi lan', '', 'x', 'x'),"
		" (3, 'José Álvarez', 'jose alvarez', '', 'x', 'x');"
		"INSERT INTO role(contact_id, org_id, title, start_date) VALUES"
		" (1, 1, 'Commissioner', '2024-01-01');"
		"INSERT INTO event(id, title, start_at, location, notes, created_at, updated_at) VALUES"
		" (1, 'Budget town hall', '2026-03-20 18:30', 'Central Library', '', 'x', 'x');"
		"INSERT INTO interaction(id, at, kind, summary, body, created_at) VALUES"
		" (1, '2026-03-02 10:00', 'coffee', 'coffee about the bond', 'she will ask the commission', 'x');"
		"INSERT INTO interaction_contact(interaction_id, contact_id, at) VALUES"
		" (1, 1, '2026-03-02 10:00'), (1, 3, '2026-03-02 10:00');"
		"INSERT INTO followup(id, contact_id, title, due, created_at, updated_at) VALUES"
		" (1, 1, 'send the bond memo', '2026-03-13', 'x', 'x');",
		&err) == KITH_OK, "%s", err.msg);
}

static void
teardown(void)
{
	kdb_close(db);
	db = NULL;
}

START_TEST(test_fts_query)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "zoe", "\"zoe\"*" },
		{ "Zoë ng", "(\"Zoë\"* OR \"zoe\"*) \"ng\"*" },
		{ "Łuk \"Ø", "(\"Łuk\"* OR \"luk\"*) (\"\"\"Ø\"* OR \"\"\"o\"*)" },
		{ "  two\tspaced\n words ", "\"two\"* \"spaced\"* \"words\"*" },
		{ "say \"hi\"", "\"say\"* \"\"\"hi\"\"\"*" },
		{ "a OR b", "\"a\"* \"OR\"* \"b\"*" },
		{ "name:x", "\"name:x\"*" },
		{ "- ! ( )", NULL },
		{ "", NULL },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *q = search_fts_query(cases[i].in);
		if (cases[i].out)
			ck_assert_msg(q && !strcmp(q, cases[i].out), "%s -> %s", cases[i].in,
				      q ? q : "(null)");
		else
			ck_assert_msg(q == NULL, "%s -> %s", cases[i].in, q);
		free(q);
	}
	ck_assert_ptr_null(search_fts_query(NULL));
}
END_TEST

START_TEST(test_kinds_titles_details)
{
	struct hits x;
	int i;

	/* "bond": a contact's notes, an interaction, a follow-up; contacts come first */
	search("bond", 10, &x);
	ck_assert_int_eq(x.kind[0], SEARCH_CONTACT);
	ck_assert_str_eq(x.title[0], "Zoë Ngô");
	ck_assert_str_eq(x.detail[0], "Planning Commission · Commissioner");
	ck_assert_int_ge(i = find(&x, SEARCH_INTERACTION), 0);
	ck_assert_str_eq(x.title[i], "coffee about the bond");
	ck_assert_str_eq(x.detail[i], "2026-03-02 10:00 · with Zoë Ngô, José Álvarez");
	ck_assert_int_ge(i = find(&x, SEARCH_FOLLOWUP), 0);
	ck_assert_str_eq(x.title[i], "send the bond memo");
	ck_assert_str_eq(x.detail[i], "due 2026-03-13 · Zoë Ngô");
	ck_assert_int_eq(x.n, 3);

	search("libr", 10, &x);
	ck_assert_int_eq(x.n, 1);
	ck_assert_int_eq(x.kind[0], SEARCH_EVENT);
	ck_assert_int_eq(x.id[0], 1);
	ck_assert_str_eq(x.title[0], "Budget town hall");
	ck_assert_str_eq(x.detail[0], "2026-03-20 18:30 · Central Library");

	/* an organisation by its description, and its member by the organisation's name */
	search("zoning", 10, &x);
	ck_assert_int_eq(x.n, 1);
	ck_assert_int_eq(x.kind[0], SEARCH_ORG);
	ck_assert_str_eq(x.title[0], "Planning Commission");
	search("planning comm", 10, &x);
	ck_assert_int_eq(count_kind(&x, SEARCH_CONTACT), 1);
	ck_assert_int_eq(count_kind(&x, SEARCH_ORG), 1);

	ck_assert_str_eq(search_kind_name(SEARCH_CONTACT), "contact");
	ck_assert_str_eq(search_kind_name(SEARCH_ORG), "organisation");
	ck_assert_str_eq(search_kind_name(SEARCH_INTERACTION), "interaction");
	ck_assert_str_eq(search_kind_name(SEARCH_FOLLOWUP), "follow-up");
	ck_assert_str_eq(search_kind_name(SEARCH_EVENT), "event");
}
END_TEST

START_TEST(test_diacritics_and_prefixes)
{
	struct hits x;

	search("jose", 10, &x);
	ck_assert_int_eq(count_kind(&x, SEARCH_CONTACT), 1);
	ck_assert_str_eq(x.title[find(&x, SEARCH_CONTACT)], "José Álvarez");
	search("ÁLVAR", 10, &x);
	ck_assert_int_eq(count_kind(&x, SEARCH_CONTACT), 1);
	search("ngu", 10, &x);
	ck_assert_int_eq(count_kind(&x, SEARCH_CONTACT), 1);
	ck_assert_str_eq(x.title[0], "Nguyễn Thị Lan");
	search("nguyen thi", 10, &x);
	ck_assert_int_eq(count_kind(&x, SEARCH_CONTACT), 1);
	/* every word must match */
	search("zoe lan", 10, &x);
	ck_assert_int_eq(x.n, 0);
	search("zo", 10, &x);
	ck_assert_int_eq(count_kind(&x, SEARCH_CONTACT), 1);
}
END_TEST

START_TEST(test_literal_syntax_and_errors)
{
	static const char *const nasty[] = {
		"bond\"", "AND", "NOT bond", "NEAR(bond memo)", "name:zoe", "-bond", "^bond",
		"bond*", "(bond", "{name}: x", "o'brien",
	};
	struct kith_err err;
	struct hits x;

	for (size_t i = 0; i < sizeof nasty / sizeof nasty[0]; i++) {
		memset(&x, 0, sizeof x);
		ck_assert_msg(search_all(db, nasty[i], 5, collect, &x, &err) == KITH_OK, "%s: %s",
			      nasty[i], err.msg);
	}
	search("bond\"", 10, &x);     /* the quote is not a token: still finds "bond" */
	ck_assert_int_eq(x.n, 3);
	ck_assert_int_eq(search_all(db, "", 5, collect, &x, &err), KITH_INVALID);
	ck_assert_int_eq(search_all(db, " \t", 5, collect, &x, &err), KITH_INVALID);
	ck_assert_int_eq(search_all(db, "\"", 5, collect, &x, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "search: give at least one word");
	ck_assert_int_eq(search_all(db, "bad \xff", 5, collect, &x, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "search: not valid UTF-8");
}
END_TEST

START_TEST(test_limits_and_stop)
{
	struct kith_err err;
	struct hits x;
	char sql[256];

	for (int i = 0; i < 30; i++) {
		snprintf(sql, sizeof sql,
			 "INSERT INTO contact(display_name, name_key, created_at, updated_at) "
			 "VALUES ('Marlow %d', 'marlow %d', 'x', 'x')", i, i);
		ck_assert_int_eq(kdb_exec_script(db, sql, &err), KITH_OK);
		snprintf(sql, sizeof sql,
			 "INSERT INTO interaction(at, summary, created_at) "
			 "VALUES ('2026-01-01', 'marlow call %d', 'x')", i);
		ck_assert_int_eq(kdb_exec_script(db, sql, &err), KITH_OK);
	}
	search("marlow", 7, &x);
	ck_assert_int_eq(count_kind(&x, SEARCH_CONTACT), 7);
	ck_assert_int_eq(count_kind(&x, SEARCH_INTERACTION), 7);
	ck_assert_int_eq(x.n, 14);
	memset(&x, 0, sizeof x);
	x.stop_after = 3;
	ck_assert_int_eq(search_all(db, "marlow", 7, collect, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 3);
}
END_TEST

START_TEST(test_contact_index_follows)
{
	struct kith_err err;
	struct hits x;
	struct kith_contact c;

	/* renaming the organisation re-indexes its current members */
	ck_assert_int_eq(kdb_exec_script(db,
		"UPDATE organisation SET name = 'Zoning Board' WHERE id = 1", &err), KITH_OK);
	search("board", 10, &x);
	ck_assert_int_eq(count_kind(&x, SEARCH_CONTACT), 1);
	ck_assert_str_eq(x.detail[find(&x, SEARCH_CONTACT)], "Zoning Board · Commissioner");
	/* a past role no longer counts */
	ck_assert_int_eq(kdb_exec_script(db,
		"UPDATE role SET end_date = '2026-01-01' WHERE contact_id = 1", &err), KITH_OK);
	search("board", 10, &x);
	ck_assert_int_eq(count_kind(&x, SEARCH_CONTACT), 0);
	/* nicknames and tags written through the API are found */
	ck_assert_int_eq(contact_get(db, 2, &c, &err), KITH_OK);
	c.nicknames = xcalloc(1, sizeof(char *));
	c.nicknames[0] = xstrdup("Lanie");
	c.n_nicknames = 1;
	c.tags = xcalloc(1, sizeof(char *));
	c.tags[0] = xstrdup("waterfront");
	c.n_tags = 1;
	ck_assert_int_eq(contact_update(db, &c, &err), KITH_OK);
	contact_free(&c);
	search("lanie", 10, &x);
	ck_assert_int_eq(count_kind(&x, SEARCH_CONTACT), 1);
	search("waterf", 10, &x);
	ck_assert_int_eq(count_kind(&x, SEARCH_CONTACT), 1);
	ck_assert_int_eq(contact_tag_remove(db, 2, "waterfront", &err), KITH_OK);
	search("waterf", 10, &x);
	ck_assert_int_eq(count_kind(&x, SEARCH_CONTACT), 0);
	/* deleted things leave the index */
	ck_assert_int_eq(contact_delete(db, 2, &err), KITH_OK);
	search("lanie", 10, &x);
	ck_assert_int_eq(x.n, 0);
	ck_assert_int_eq(kdb_exec_script(db, "DELETE FROM event", &err), KITH_OK);
	search("libr", 10, &x);
	ck_assert_int_eq(x.n, 0);
}
END_TEST

static Suite *
search_suite(void)
{
	Suite *s = suite_create("search");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_fts_query);
	tcase_add_test(tc, test_kinds_titles_details);
	tcase_add_test(tc, test_diacritics_and_prefixes);
	tcase_add_test(tc, test_literal_syntax_and_errors);
	tcase_add_test(tc, test_limits_and_stop);
	tcase_add_test(tc, test_contact_index_follows);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(search_suite()) ? 1 : 0;
}
