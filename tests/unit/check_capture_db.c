/*
 * check_capture_db.c: resolving capture mentions (prefix, nickname,
 * initials, diacritics; ambiguous ranked by recent contact; unknown) and
 * saving a capture in one transaction and one undo step.
 */
#include "testutil.h"

#include <string.h>

#include "kith/capture.h"
#include "kith/contact.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/types.h"

static struct kdb *db;
static const struct kdate today = { 2026, 3, 10 };

static int64_t
person(const char *name, const char *nick)
{
	char *nicks[1] = { (char *)nick };
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1,
				  .nicknames = nick ? nicks : NULL, .n_nicknames = nick ? 1 : 0 };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "add %s: %s", name, err.msg);
	return id;
}

static void
touch(int64_t id, const char *at)
{
	struct kith_interaction in = { .at = (char *)at, .summary = (char *)"x",
				       .contact_ids = &id, .n_contacts = 1 };
	struct kith_err err;
	ck_assert_msg(interaction_add(db, &in, NULL, &err) == KITH_OK, "%s", err.msg);
}

static int64_t zoe, tom, ana, anh, dana;

static void
setup(void)
{
	db = test_db_open();
	zoe = person("Zoë Park", NULL);
	tom = person("Tom Ruiz", "Tommy");
	ana = person("Ana Lima", NULL);
	anh = person("Anh Tran", NULL);
	dana = person("Dana Lee", "DL");
	touch(anh, "2026-03-01 10:00");     /* Anh more recently than Ana */
	touch(ana, "2026-01-05 10:00");
}

static void
teardown(void)
{
	kdb_close(db);
	db = NULL;
}

/* Resolve text: the id if exactly one, -N for N candidates (ranked into order[]), 0 unknown. */
static int64_t
resolve(const char *text, int64_t order[CAPTURE_CANDIDATES])
{
	struct capture_match m;
	struct kith_err err;
	int64_t r;

	ck_assert_msg(capture_match_person(db, text, &m, &err) == KITH_OK, "%s: %s", text, err.msg);
	for (int i = 0; order && i < m.n_cands; i++)
		order[i] = m.cands[i].id;
	r = m.found == CAPTURE_ONE ? m.cands[0].id : m.found == CAPTURE_UNKNOWN ? 0 : -m.total;
	capture_match_free(&m);
	return r;
}

START_TEST(test_resolve)
{
	int64_t order[CAPTURE_CANDIDATES];

	ck_assert_int_eq(resolve("zoe", NULL), zoe);            /* prefix, diacritics ignored */
	ck_assert_int_eq(resolve("ZOË", NULL), zoe);
	ck_assert_int_eq(resolve("Tom Ruiz", NULL), tom);       /* exact */
	ck_assert_int_eq(resolve("tommy", NULL), tom);          /* nickname */
	ck_assert_int_eq(resolve("tomm", NULL), tom);           /* nickname prefix */
	ck_assert_int_eq(resolve("tr", NULL), tom);             /* initials */
	ck_assert_int_eq(resolve("zp", NULL), zoe);
	ck_assert_int_eq(resolve("ruiz", NULL), tom);           /* a word of the name */
	ck_assert_int_eq(resolve("dl", NULL), dana);            /* exact nickname wins over initials */
	ck_assert_int_eq(resolve("nobody", NULL), 0);
	ck_assert_int_eq(resolve("xq", NULL), 0);
	/* "an": Ana and Anh; Anh was contacted more recently, so first */
	ck_assert_int_eq(resolve("an", order), -2);
	ck_assert_int_eq(order[0], anh);
	ck_assert_int_eq(order[1], ana);
	touch(ana, "2026-03-09 10:00");
	ck_assert_int_eq(resolve("an", order), -2);
	ck_assert_int_eq(order[0], ana);
	ck_assert_int_eq(resolve("ana", NULL), ana);            /* a whole word: not Anh */
	/* "al": Ana Lima's initials, and no name starts with "al" */
	ck_assert_int_eq(resolve("al", NULL), ana);
	/* a nickname is not chosen silently when a name starts so too (issue 17):
	   "dan" is Daniel's nickname and the start of Dana Lee */
	{
		int64_t dan = person("Daniel Ortiz", "Dan");

		ck_assert_int_eq(resolve("dan", order), -2);
		ck_assert(order[0] == dan || order[1] == dan);
		ck_assert(order[0] == dana || order[1] == dana);
		ck_assert_int_eq(resolve("daniel", NULL), dan);  /* the name itself: no question */
		ck_assert_int_eq(resolve("tommy", NULL), tom);   /* no name starts with it */
	}
}
END_TEST

START_TEST(test_resolve_bad)
{
	struct capture_match m;
	struct kith_err err;

	ck_assert_int_eq(capture_match_person(db, "", &m, &err), KITH_INVALID);
	ck_assert_int_eq(capture_match_person(db, "...", &m, &err), KITH_OK);
	ck_assert_int_eq(m.found, CAPTURE_UNKNOWN);
	ck_assert_int_eq(capture_match_person(db, "\xff", &m, &err), KITH_INVALID);
	/* FTS syntax in a name is text, not a query */
	ck_assert_int_eq(capture_match_person(db, "a\" OR \"b", &m, &err), KITH_OK);
	capture_match_free(&m);
}
END_TEST

static long long
scalar(const char *what)
{
	/* counts through the public API */
	long long n = -1;
	if (!strcmp(what, "followups")) {
		struct followup_query q = { .include_done = true };
		ck_assert_int_eq(followup_count(db, &q, &n, NULL), KITH_OK);
	} else {
		struct contact_query q = { .include_archived = true };
		ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	}
	return n;
}

static void
parse(const char *line, struct capture *c)
{
	struct kith_err err;
	ck_assert_msg(capture_parse(line, strlen(line), today, c, &err) == KITH_OK, "%s", err.msg);
}

START_TEST(test_commit)
{
	static const char line[] =
		"@zoe @\"Tom Ruiz\" coffee with @zoe about zoning #housing #Zoning !fri send the draft "
		"@tom !owe 2w the budget !intro @zoe>@\"Dana Lee\"";
	struct capture c;
	struct capture_saved s;
	struct kith_interaction in;
	struct kith_followup f;
	struct kith_contact ct;
	struct kith_err err;
	int64_t ids[8] = { 0 };
	int64_t fid;

	parse(line, &c);
	ck_assert_int_eq((int)capture_n_persons(&c), 6);
	ids[0] = zoe; ids[1] = tom; ids[2] = zoe; ids[3] = tom; ids[4] = zoe; ids[5] = dana;
	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	ck_assert_msg(capture_commit(db, &c, ids, NULL, 0, "2026-03-10 09:00", &s, &err) == KITH_OK,
		      "%s", err.msg);
	ck_assert_int_eq((int)s.n_created, 0);
	ck_assert_int_eq(interaction_get(db, s.interaction_id, &in, &err), KITH_OK);
	ck_assert_str_eq(in.summary, "coffee with Zoë Park about zoning");
	ck_assert_int_eq(in.kind, KITH_IKIND_COFFEE);
	ck_assert_int_eq((int)in.n_contacts, 2);
	interaction_free(&in);
	/* tags on both */
	ck_assert_int_eq(contact_get(db, tom, &ct, &err), KITH_OK);
	ck_assert_int_eq((int)ct.n_tags, 2);
	ck_assert_str_eq(ct.last_at, "2026-03-10 09:00");
	contact_free(&ct);
	ck_assert_int_eq(contact_get(db, zoe, &ct, &err), KITH_OK);
	ck_assert_int_eq((int)ct.n_tags, 2);
	contact_free(&ct);
	/* the follow-up (about Zoë: the nearest @person before it), the commitment
	   (about Tom, mentioned just before it), the introduction */
	ck_assert_int_eq(scalar("followups"), 3);
	for (fid = 1; fid <= 3; fid++) {
		ck_assert_int_eq(followup_get(db, fid, &f, &err), KITH_OK);
		ck_assert_int_eq(f.interaction_id, s.interaction_id);
		if (fid == 1) {
			ck_assert_str_eq(f.title, "send the draft");
			ck_assert_str_eq(f.due, "2026-03-13");
			ck_assert_int_eq(f.contact_id, zoe);
			ck_assert_int_eq(f.direction, KITH_DIR_NONE);
		} else if (fid == 2) {
			ck_assert_str_eq(f.title, "the budget");
			ck_assert_int_eq(f.direction, KITH_DIR_OWE);
			ck_assert_str_eq(f.due, "2026-03-24");
			ck_assert_int_eq(f.contact_id, tom);
		} else {
			ck_assert_str_eq(f.title, "Introduce Zoë Park to Dana Lee");
			ck_assert_int_eq(f.kind, KITH_FKIND_INTRODUCE);
			ck_assert_int_eq(f.intro_a_id, zoe);
			ck_assert_int_eq(f.intro_b_id, dana);
			ck_assert_int_eq(f.intro_stage, KITH_INTRO_REQUESTED);
			ck_assert_ptr_null(f.due);
		}
		followup_free(&f);
	}
	/* one undo step takes all of it back */
	{
		struct kdb_change *ch = kdb_change_take(db);
		ck_assert_ptr_nonnull(ch);
		ck_assert_msg(kdb_change_apply(db, ch, true, &err) == KITH_OK, "%s", err.msg);
		kdb_change_free(ch);
	}
	ck_assert_int_eq(scalar("followups"), 0);
	ck_assert_int_eq(interaction_get(db, s.interaction_id, &in, &err), KITH_NOTFOUND);
	ck_assert_int_eq(contact_get(db, tom, &ct, &err), KITH_OK);
	ck_assert_int_eq((int)ct.n_tags, 0);
	ck_assert_str_eq(ct.last_at, "");
	contact_free(&ct);
	capture_saved_free(&s);
	capture_free(&c);
}
END_TEST

START_TEST(test_commit_create)
{
	struct capture c;
	struct capture_saved s;
	struct kith_contact ct;
	struct kith_err err;
	int64_t ids[4] = { 0, zoe, 0, 0 };
	long long before = scalar("contacts");

	parse("@\"Mira Sol\" @zoe lunch !intro @\"mira sol\">@\"Bea Kahn\"", &c);
	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	ck_assert_int_eq(capture_commit(db, &c, ids, NULL, 0, "2026-03-10 12:00", &s, &err), KITH_OK);
	ck_assert_int_eq((int)s.n_created, 2);                 /* Mira once, Bea */
	ck_assert_int_eq(scalar("contacts"), before + 2);
	ck_assert_int_eq(s.person_ids[0], s.person_ids[2]);
	ck_assert_int_eq(contact_get(db, s.person_ids[3], &ct, &err), KITH_OK);
	ck_assert_str_eq(ct.display_name, "Bea Kahn");
	ck_assert_str_eq(ct.last_at, "");                      /* not in the conversation */
	contact_free(&ct);
	{       /* undo removes the new contacts and the introduction between them */
		struct kdb_change *ch = kdb_change_take(db);
		ck_assert_msg(kdb_change_apply(db, ch, true, &err) == KITH_OK, "%s", err.msg);
		kdb_change_free(ch);
	}
	ck_assert_int_eq(scalar("contacts"), before);
	ck_assert_int_eq(scalar("followups"), 0);
	capture_saved_free(&s);
	capture_free(&c);
}
END_TEST

/* A failure half-way leaves nothing behind. */
START_TEST(test_commit_atomic)
{
	struct capture c;
	struct capture_saved s;
	struct kith_err err;
	int64_t ids[2] = { 0, 999 };      /* a new contact, then one that does not exist */
	long long before = scalar("contacts");

	parse("@Newbie @ghost chat #t !fri x", &c);
	ck_assert_int_ne(capture_commit(db, &c, ids, NULL, 0, "2026-03-10 12:00", &s, &err), KITH_OK);
	ck_assert_int_eq(scalar("contacts"), before);
	ck_assert_int_eq(scalar("followups"), 0);
	ck_assert_ptr_null(s.person_ids);
	capture_free(&c);
}
END_TEST

static Suite *
capture_db_suite(void)
{
	Suite *s = suite_create("capture_db");
	TCase *tc = tcase_create("db");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_resolve);
	tcase_add_test(tc, test_resolve_bad);
	tcase_add_test(tc, test_commit);
	tcase_add_test(tc, test_commit_create);
	tcase_add_test(tc, test_commit_atomic);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(capture_db_suite()) ? EXIT_FAILURE : EXIT_SUCCESS;
}
