/*
 * check_capture_mode.c: quick capture under a real engine, headless
 * (clock fixed at 2026-03-10): `c` opens the line, the preview follows
 * the typing, Tab completes @names, an ambiguous name opens a pick list
 * ranked by recent contact, an unknown one asks to create it, Enter shows
 * the result and Enter again saves it as one undo step.
 */
#include <stdio.h>

#include "testutil.h"

#include "kith/contact.h"
#include "kith/engine.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/org.h"
#include "kith/types.h"

static struct kdb *db;
static struct engine *e;
static int64_t zoe, tom, ana, anh;

static int64_t
add_contact(const char *name)
{
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1 };
	struct kith_err err;
	int64_t id = 0;

	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "%s", err.msg);
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

static void
setup(void)
{
	db = test_db_open();
	zoe = add_contact("Zoe Park");
	tom = add_contact("Tom Ruiz");
	ana = add_contact("Ana Lima");
	anh = add_contact("Anh Tran");
	touch(anh, "2026-03-01 10:00");
	touch(ana, "2026-01-05 10:00");
	e = test_engine_new(db, 20, 20);
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

/* True if some line of the detail contains s. */
static bool
detail_has(const char *s)
{
	const struct view *v = view();

	for (int i = 0; i < v->detail.nlines; i++)
		if (strstr(v->detail.lines[i].text, s))
			return true;
	return false;
}

static long long
followups(void)
{
	struct followup_query q = { .include_done = true };
	long long n = -1;

	ck_assert_int_eq(followup_count(db, &q, &n, NULL), KITH_OK);
	return n;
}

static long long
contacts(void)
{
	struct contact_query q = { 0 };
	long long n = -1;

	ck_assert_int_eq(contact_count(db, &q, &n, NULL), KITH_OK);
	return n;
}

static const char *
last_at(int64_t id)
{
	static char buf[17];
	struct kith_contact c;
	struct kith_err err;

	ck_assert_int_eq(contact_get(db, id, &c, &err), KITH_OK);
	snprintf(buf, sizeof buf, "%s", c.last_at);
	contact_free(&c);
	return buf;
}

/* The example, typed on the screen. */
START_TEST(test_capture_save_undo)
{
	engine_keys(e, "c");
	ck_assert_int_eq(view()->mode, VM_CAPTURE);
	ck_assert_str_eq(view()->input.prompt, "capture: ");
	ck_assert(view()->detail_open);
	engine_keys(e, "@zoe @\"Tom Ruiz\" coffee about zoning #housing !fri send the draft");
	/* the preview follows the typing, before anything is resolved */
	ck_assert(detail_has("@zoe, @Tom Ruiz"));
	ck_assert(detail_has("#housing"));
	ck_assert(detail_has("Due 2026-03-13  send the draft  (@Tom Ruiz)"));
	ck_assert(detail_has("coffee about zoning"));
	ck_assert(detail_has("Summary (coffee)"));
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(view()->mode, VM_CAPTURE);
	ck_assert_str_eq(view()->input.prompt, "save? ");
	ck_assert(detail_has("Zoe Park, Tom Ruiz"));
	ck_assert(detail_has("(Tom Ruiz)"));
	ck_assert(detail_has("coffee about zoning"));
	ck_assert_int_eq(followups(), 0);               /* nothing saved yet */
	/* Esc goes back to the line, Enter twice saves */
	engine_keys(e, "<Esc>");
	ck_assert_str_eq(view()->input.prompt, "capture: ");
	engine_keys(e, "<Enter><Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_msg(strstr(view()->message, "Logged with Zoe Park, Tom Ruiz; 1 follow-up"), "%s",
		      view()->message);
	ck_assert_int_eq(followups(), 1);
	ck_assert_str_eq(last_at(zoe), "2026-03-10 09:00");
	ck_assert_str_eq(last_at(tom), "2026-03-10 09:00");
	/* one undo step takes it all back */
	engine_keys(e, "u");
	ck_assert_int_eq(followups(), 0);
	ck_assert_str_eq(last_at(tom), "");
	engine_keys(e, "<C-r>");
	ck_assert_int_eq(followups(), 1);
}
END_TEST

/* "@an": a pick list ranked by recent contact; never a silent choice. */
START_TEST(test_capture_ambiguous)
{
	struct kith_role r = { .contact_id = ana, .title = (char *)"Chair",
			       .start_date = (char *)"2026-01-01" };
	struct kith_err err;

	ck_assert_int_eq(org_find(db, "School Board", true, &r.org_id, &err), KITH_OK);
	ck_assert_int_eq(role_add(db, &r, NULL, &err), KITH_OK);
	engine_keys(e, "c@an lunch<Enter>");
	ck_assert_int_eq(view()->mode, VM_PICK);
	ck_assert_str_eq(view()->pick.title, "Which an? (2 matches)");
	ck_assert_int_eq(view()->pick.nitems, 2);
	ck_assert_msg(strstr(view()->pick.items[0], "Anh Tran"), "%s", view()->pick.items[0]);
	ck_assert_msg(strstr(view()->pick.items[0], "last contact 2026-03-01"), "%s",
		      view()->pick.items[0]);
	ck_assert_msg(strstr(view()->pick.items[1], "Ana Lima"), "%s", view()->pick.items[1]);
	/* each candidate with their title and organisation (issue 17) */
	ck_assert_msg(strstr(view()->pick.items[1], "Ana Lima · Chair, School Board · "), "%s",
		      view()->pick.items[1]);
	/* Esc goes back to the line, unchanged */
	engine_keys(e, "<Esc>");
	ck_assert_int_eq(view()->mode, VM_CAPTURE);
	ck_assert_str_eq(view()->input.text, "@an lunch");
	/* again, and choose the second: Ana */
	engine_keys(e, "<Enter>j<Enter>");
	ck_assert_int_eq(view()->mode, VM_CAPTURE);
	ck_assert(detail_has("Ana Lima"));
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_str_eq(last_at(ana), "2026-03-10 09:00");
	ck_assert_str_eq(last_at(anh), "2026-03-01 10:00");
}
END_TEST

/* An unknown name asks to create the contact; n goes back, y creates it. */
START_TEST(test_capture_unknown)
{
	long long before = contacts();

	engine_keys(e, "ccall with @\"Dana Lee\" and @tr<Enter>");
	ck_assert_int_eq(view()->mode, VM_CONFIRM);
	ck_assert_str_eq(view()->confirm, "No contact matches \"Dana Lee\". Create it? (y/n)");
	engine_keys(e, "n");
	ck_assert_int_eq(view()->mode, VM_CAPTURE);
	ck_assert_str_eq(view()->input.prompt, "capture: ");
	engine_keys(e, "<Enter>y");
	ck_assert_int_eq(view()->mode, VM_CAPTURE);      /* tr = Tom Ruiz: no question */
	ck_assert(detail_has("Dana Lee (new), Tom Ruiz"));
	ck_assert(detail_has("call with Dana Lee and Tom Ruiz"));
	ck_assert_int_eq(contacts(), before);            /* not created before saving */
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(contacts(), before + 1);
	engine_keys(e, "u");
	ck_assert_int_eq(contacts(), before);
}
END_TEST

/*
 * A name confirmed for creation, then typed again shorter in the same line,
 * is that new contact: no second question, one contact (issue 17, bug 3).
 */
START_TEST(test_capture_new_then_prefix)
{
	long long before = contacts();

	engine_keys(e, "ccoffee with @\"Jordan Lee\" !intro @jordan>@zoe<Enter>");
	ck_assert_int_eq(view()->mode, VM_CONFIRM);
	ck_assert_str_eq(view()->confirm, "No contact matches \"Jordan Lee\". Create it? (y/n)");
	engine_keys(e, "y");
	ck_assert_int_eq(view()->mode, VM_CAPTURE);      /* @jordan: no question */
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(contacts(), before + 1);
	/* and later, in another line: @jordan is the contact now in the database */
	engine_keys(e, "ccall with @jordan<Enter>");
	ck_assert_int_eq(view()->mode, VM_CAPTURE);
	ck_assert(detail_has("Jordan Lee"));
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(contacts(), before + 1);
}
END_TEST

/* A typo is offered its closest contact before create; n goes back to fix it. */
START_TEST(test_capture_did_you_mean)
{
	long long before = contacts();

	engine_keys(e, "ccall with @\"Ana Lma\"<Enter>");
	ck_assert_int_eq(view()->mode, VM_CONFIRM);
	ck_assert_str_eq(view()->confirm, "No contact matches \"Ana Lma\" (did you mean Ana Lima?). "
			 "Create \"Ana Lma\"? (y/n)");
	engine_keys(e, "n");
	ck_assert_int_eq(view()->mode, VM_CAPTURE);
	ck_assert_int_eq(contacts(), before);
}
END_TEST

/* Parse errors keep the line and say where; Esc cancels; `:capture TEXT` prefills. */
START_TEST(test_capture_errors)
{
	engine_keys(e, "c@zoe chat !xyz send<Enter>");
	ck_assert_int_eq(view()->mode, VM_CAPTURE);
	ck_assert(view()->message_is_error);
	ck_assert_str_eq(view()->message,
			 "col 11: !xyz: not a date (today, tomorrow, fri, 3d, 2w, 1m, YYYY-MM-DD)");
	ck_assert(detail_has("col 11: !xyz: not a date"));
	engine_keys(e, "<Esc>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(followups(), 0);
	engine_command(e, ":capture @zoe hello");
	ck_assert_int_eq(view()->mode, VM_CAPTURE);
	ck_assert_str_eq(view()->input.text, "@zoe hello");
	/* a lone @ is an error, not a guess */
	engine_keys(e, "<C-u>@ hi<Enter>");
	ck_assert_int_eq(view()->mode, VM_CAPTURE);
	ck_assert_str_eq(view()->message, "col 1: @: a name must follow the sign");
}
END_TEST

/* Tab completes the @mention under the cursor, most recently contacted first. */
START_TEST(test_capture_tab)
{
	engine_keys(e, "c@an<Tab>");
	ck_assert_str_eq(view()->input.text, "@\"Anh Tran\"");
	engine_keys(e, "<Tab>");
	ck_assert_str_eq(view()->input.text, "@\"Ana Lima\"");
	engine_keys(e, " met <Tab>");                     /* not after an @: nothing */
	ck_assert_str_eq(view()->input.text, "@\"Ana Lima\" met ");
	engine_keys(e, "@\"Tom R<Tab>");
	ck_assert_str_eq(view()->input.text, "@\"Ana Lima\" met @\"Tom Ruiz\"");
	engine_keys(e, " hi<Enter><Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_str_eq(last_at(tom), "2026-03-10 09:00");
}
END_TEST

/* A mention matching hundreds: the pick list says so, and its filter finds any contact. */
START_TEST(test_capture_many)
{
	char name[32];
	int64_t id = 0;

	for (int i = 0; i < 305; i++) {
		snprintf(name, sizeof name, "Mara %03d Vale", i);
		id = add_contact(name);
	}
	touch(id, "2026-03-09 10:00");                  /* the last one, most recently */
	engine_keys(e, "c@mara hi<Enter>");
	ck_assert_int_eq(view()->mode, VM_PICK);
	ck_assert_str_eq(view()->pick.title, "Which mara? (over 300 match: / narrows)");
	ck_assert_int_eq(view()->pick.nitems, 8);
	engine_keys(e, "/mara 123<Enter>");
	ck_assert_int_eq(view()->mode, VM_CAPTURE);
	ck_assert(detail_has("Mara 123 Vale"));
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_msg(strstr(view()->message, "Logged with Mara 123 Vale"), "%s", view()->message);
}
END_TEST

static Suite *
capture_mode_suite(void)
{
	Suite *s = suite_create("capture_mode");
	TCase *tc = tcase_create("engine");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_capture_save_undo);
	tcase_add_test(tc, test_capture_ambiguous);
	tcase_add_test(tc, test_capture_unknown);
	tcase_add_test(tc, test_capture_new_then_prefix);
	tcase_add_test(tc, test_capture_did_you_mean);
	tcase_add_test(tc, test_capture_errors);
	tcase_add_test(tc, test_capture_tab);
	tcase_add_test(tc, test_capture_many);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(capture_mode_suite()) ? EXIT_FAILURE : EXIT_SUCCESS;
}
