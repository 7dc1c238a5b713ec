/*
 * check_query.c: the query language (kith/query.h): the parser, table
 * driven, and the selection it makes in a database (src/db/query_db.c).
 *
 * A parsed query is described compactly: each term as [-]field=value,
 * a bare word as =value, separated by " | ".
 */
#include "testutil.h"
#include "goal_fixture.h"

#include <string.h>

#include "kith/query.h"
#include "kith/query_db.h"
#include "kith/str.h"

static char *
describe(const struct query *q)
{
	struct strbuf sb = { 0 };

	for (int i = 0; i < q->n; i++)
		sb_printf(&sb, "%s%s%s=%s", i ? " | " : "", q->terms[i].neg ? "-" : "",
			  query_field_name(q->terms[i].field), q->terms[i].value);
	return sb_detach(&sb);
}

struct qcase {
	const char *in;
	const char *want;           /* the description, or the error message */
	bool ok;
};

#define OK(in, want) { in, want, true }
#define BAD(in, want) { in, want, false }

static const struct qcase cases[] = {
	OK("", ""),
	OK("   ", ""),
	OK("ana", "=ana"),
	OK("ana diaz", "=ana | =diaz"),
	OK("tag:school-board", "tag=school-board"),
	OK("TAG:Housing", "tag=Housing"),
	OK("org:\"Planning Commission\" role:chair", "org=Planning Commission | role=chair"),
	OK("-tag:donor district:3", "-tag=donor | district=3"),
	OK("tier:b kind:School", "tier=B | kind=school"),
	OK("map:\"School bond 2027\"", "map=School bond 2027"),
	OK("\"Ruth A\"", "=Ruth A"),
	OK("-ana", "-=ana"),
	OK("Łukasiewicz org:Łódź", "=Łukasiewicz | org=Łódź"),
	OK("10:30 at 9:00", "=10:30 | =at | =9:00"),   /* a field is letters then a colon */
	OK("a-b tag:x-y", "=a-b | tag=x-y"),
	BAD("foo:bar", "col 1: foo:bar: unknown field (org, role, tag, map, district, tier, kind)"),
	BAD("ana -foo:x", "col 5: -foo:x: unknown field (org, role, tag, map, district, tier, kind)"),
	BAD("tag:", "col 1: tag:: needs a value"),
	BAD("Zoë tag:\"\"", "col 5: tag:\"\": needs a value"),
	BAD("org:\"City Hall", "col 1: org:\"City Hall: the quote is not closed"),
	BAD("org:\"City\"Hall", "col 1: org:\"City\"H: put a space after the closing quote"),
	BAD("tier:E", "col 1: tier:E: a tier is A, B, C or D"),
	BAD("tier:AB", "col 1: tier:AB: a tier is A, B, C or D"),
	BAD("kind:shop", "col 1: kind:shop: not a kind of organisation (government, community, "
	    "party, association, business, media, school, union, campaign, other)"),
	BAD("ana - tag:x", "col 5: -: a term must follow the '-'"),
	BAD("\"\"", "col 1: \"\": an empty word"),
};

START_TEST(test_parse_table)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct qcase *c = &cases[i];
		struct query q;
		struct kith_err err = { 0 };
		enum kith_status st = query_parse(c->in, &q, &err);

		if (c->ok) {
			char *d;
			ck_assert_msg(st == KITH_OK, "%s: %s", c->in, err.msg);
			d = describe(&q);
			ck_assert_msg(!strcmp(d, c->want), "%s: got '%s', want '%s'", c->in, d,
				      c->want);
			free(d);
			query_free(&q);
		} else {
			ck_assert_msg(st == KITH_INVALID, "%s: parsed", c->in);
			ck_assert_msg(!strcmp(err.msg, c->want), "%s: got '%s', want '%s'", c->in,
				      err.msg, c->want);
			ck_assert_int_eq(q.n, 0);
			ck_assert_ptr_null(q.terms);
		}
	}
}
END_TEST

START_TEST(test_bad_utf8)
{
	struct query q;
	struct kith_err err = { 0 };

	ck_assert_int_eq(query_parse("tag:\xff", &q, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "the query is not valid UTF-8");
}
END_TEST

START_TEST(test_has_fields)
{
	struct query q;
	struct kith_err err;

	ck_assert(query_text_has_fields("ana tag:x"));
	ck_assert(query_text_has_fields("-ORG:x"));
	ck_assert(!query_text_has_fields("ana diaz"));
	ck_assert(!query_text_has_fields("10:30 http://x"));
	ck_assert_int_eq(query_parse("ana", &q, &err), KITH_OK);
	ck_assert(!query_has_fields(&q));
	query_free(&q);
	ck_assert_int_eq(query_parse("ana district:3", &q, &err), KITH_OK);
	ck_assert(query_has_fields(&q));
	query_free(&q);
}
END_TEST


/* ---- the selection ---------------------------------------------------------------- */

static int
collect(void *ud, int64_t id)
{
	struct strbuf *sb = ud;

	sb_printf(sb, "%s%lld", sb->len ? "," : "", (long long)id);
	return 0;
}

struct scase {
	const char *in;
	const char *ids;            /* the ids selected, or the error with st */
	enum kith_status st;
};

static const struct scase selections[] = {
	{ "", "1,2,3,5,6,7", KITH_OK },                       /* never the archived one */
	{ "tag:school-board", "1,2,6,7", KITH_OK },
	{ "tag:School-Board -tag:donor", "1,6,7", KITH_OK },
	{ "org:school", "1,2", KITH_OK },                     /* a past role does not count */
	{ "org:\"city hall\"", "3", KITH_OK },
	{ "role:seat", "2", KITH_OK },
	{ "role:clerk", "3", KITH_OK },
	{ "kind:school", "1,2", KITH_OK },
	{ "-kind:school tag:school-board", "6,7", KITH_OK },
	{ "district:3", "1,2", KITH_OK },
	{ "-district:3", "3,5,6,7", KITH_OK },
	{ "tier:b", "2,3", KITH_OK },
	{ "-tier:a tag:school-board", "2,6,7", KITH_OK },
	{ "map:\"school bond\"", "5", KITH_OK },
	{ "map:\"School bond 2027\"", "5", KITH_OK },
	/* several sets: the smallest leads, whatever its kind (the same people either way) */
	{ "tag:school-board tier:a", "1", KITH_OK },
	{ "tier:a tag:school-board", "1", KITH_OK },
	{ "tag:school-board district:3 tier:b", "2", KITH_OK },
	{ "kind:school tier:b", "2", KITH_OK },
	{ "tag:school-board kind:school district:3", "1,2", KITH_OK },
	{ "org:school tag:donor", "2", KITH_OK },
	{ "tag:school-board map:\"School bond 2027\"", "", KITH_OK },
	{ "district:5 -tier:b", "5", KITH_OK },
	{ "tag:nosuch tier:a", "", KITH_OK },
	{ "lukasiewicz", "3", KITH_OK },
	{ "Łukasiewicz org:city", "3", KITH_OK },
	{ "org:city -lukasiewicz", "", KITH_OK },
	{ "ana", "1", KITH_OK },
	{ "map:school", "map:school: several maps (\"School bond 2027\", \"School closures\")",
	  KITH_AMBIGUOUS },
	{ "map:zoning", "map:zoning: no such map", KITH_NOTFOUND },
	{ "org:--", "org:--: has no letters or digits to search for", KITH_INVALID },
	{ "-- ana", "--: has no letters or digits to search for", KITH_INVALID },
	{ "tag:\"x", "col 1: tag:\"x: the quote is not closed", KITH_INVALID },
};

START_TEST(test_select_table)
{
	struct kdb *db = test_db_open();

	goal_fixture(db);
	for (size_t i = 0; i < sizeof selections / sizeof selections[0]; i++) {
		const struct scase *c = &selections[i];
		struct strbuf sb = { 0 };
		struct kith_err err = { 0 };
		enum kith_status st = query_select_text(db, c->in, 0, collect, &sb, &err);

		ck_assert_msg(st == c->st, "%s: status %d, want %d (%s)", c->in, st, c->st, err.msg);
		if (st == KITH_OK)
			ck_assert_msg(!strcmp(sb_str(&sb), c->ids), "%s: got '%s', want '%s'", c->in,
				      sb_str(&sb), c->ids);
		else
			ck_assert_msg(!strcmp(err.msg, c->ids), "%s: got '%s', want '%s'", c->in,
				      err.msg, c->ids);
		ck_assert_msg(st == KITH_OK || sb.len == 0, "%s: selected on an error", c->in);
		sb_free(&sb);
	}
	kdb_close(db);
}
END_TEST

START_TEST(test_select_limit_count)
{
	struct kdb *db = test_db_open();
	struct strbuf sb = { 0 };
	struct query q;
	struct kith_err err;
	long long n = 0;

	goal_fixture(db);
	ck_assert_int_eq(query_parse("tag:school-board", &q, &err), KITH_OK);
	ck_assert_int_eq(query_select(db, &q, 2, collect, &sb, &err), KITH_OK);
	ck_assert_str_eq(sb_str(&sb), "1,2");
	ck_assert_int_eq(query_count(db, &q, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 4);
	query_free(&q);
	sb_free(&sb);
	/* a value is bound, never SQL: quotes and FTS syntax are only text */
	ck_assert_int_eq(query_select_text(db, "tag:\"x' OR 1=1 --\" org:\"a OR b\"", 0, collect,
					   &sb, &err), KITH_OK);
	ck_assert_str_eq(sb_str(&sb), "");
	sb_free(&sb);
	kdb_close(db);
}
END_TEST

static Suite *
query_suite(void)
{
	Suite *s = suite_create("query");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_parse_table);
	tcase_add_test(tc, test_bad_utf8);
	tcase_add_test(tc, test_has_fields);
	suite_add_tcase(s, tc);
	tc = tcase_create("select");
	tcase_add_test(tc, test_select_table);
	tcase_add_test(tc, test_select_limit_count);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(query_suite()) ? EXIT_FAILURE : EXIT_SUCCESS;
}
