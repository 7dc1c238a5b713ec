/*
 * check_interaction.c: interactions, timelines and last-contacted.
 */
#include "testutil.h"

#include <string.h>

#include "kith/contact.h"
#include "kith/event.h"
#include "kith/interaction.h"
#include "kith/types.h"

TEST_DB_FIXTURE

static int64_t
person(const char *name)
{
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1 };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "add %s: %s", name, err.msg);
	return id;
}

static int64_t
logi(const char *at, const char *summary, int64_t *ids, size_t n)
{
	struct kith_interaction i = { .at = (char *)at, .kind = KITH_IKIND_COFFEE,
				      .summary = (char *)summary, .contact_ids = ids,
				      .n_contacts = n };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(interaction_add(db, &i, &id, &err) == KITH_OK, "log: %s", err.msg);
	return id;
}

static const char *
last_at(int64_t id)
{
	static char buf[17];
	struct kith_contact c;
	ck_assert_int_eq(contact_get(db, id, &c, NULL), KITH_OK);
	snprintf(buf, sizeof buf, "%s", c.last_at);
	contact_free(&c);
	return buf;
}

struct rows {
	int64_t ids[64];
	char with[64][64], at[64][17];
	int n;
};

static int
row_cb(void *ud, const struct interaction_row *r)
{
	struct rows *x = ud;
	snprintf(x->with[x->n], 64, "%s", r->with);
	snprintf(x->at[x->n], 17, "%s", r->at);
	x->ids[x->n++] = r->id;
	return 0;
}

static int
count_recent(void)
{
	struct rows x = { .n = 0 };
	ck_assert_int_eq(interaction_list_recent(db, 0, 64, row_cb, &x, NULL), KITH_OK);
	return x.n;
}

START_TEST(test_add_get)
{
	int64_t zoe = person("Zoë Ngô"), ana = person("Ana Lima");
	int64_t ids[] = { zoe, ana, zoe };
	struct kith_interaction i = { .at = "2026-03-09T14:30", .kind = KITH_IKIND_MEETING,
				      .summary = "bond measure", .body = "long talk",
				      .contact_ids = ids, .n_contacts = 3 };
	struct kith_interaction got;
	struct kith_err err;
	struct rows x = { .n = 0 };
	int64_t id;

	ck_assert_int_eq(interaction_add(db, &i, &id, &err), KITH_OK);
	ck_assert_int_eq(interaction_get(db, id, &got, &err), KITH_OK);
	ck_assert_str_eq(got.at, "2026-03-09 14:30");     /* normalised */
	ck_assert_int_eq(got.kind, KITH_IKIND_MEETING);
	ck_assert_str_eq(got.summary, "bond measure");
	ck_assert_str_eq(got.body, "long talk");
	ck_assert_int_eq(got.n_contacts, 2);              /* the duplicate is ignored */
	ck_assert_int_eq(got.contact_ids[0], ana);        /* by name */
	ck_assert_int_eq(got.contact_ids[1], zoe);
	interaction_free(&got);
	ck_assert_str_eq(last_at(zoe), "2026-03-09 14:30");
	ck_assert_str_eq(last_at(ana), "2026-03-09 14:30");

	ck_assert_int_eq(interaction_list_for_contact(db, zoe, 0, 10, row_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 1);
	ck_assert_str_eq(x.with[0], "Ana Lima, Zoë Ngô");
	ck_assert_int_eq(interaction_get(db, 999, &got, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "interaction #999: no such interaction");
}
END_TEST

START_TEST(test_validation)
{
	int64_t zoe = person("Zoë");
	int64_t ids[] = { zoe, 404 };
	struct kith_interaction i = { .at = "2026-03-09", .summary = "x", .contact_ids = ids,
				      .n_contacts = 1 };
	struct kith_err err;

	i.at = "2026-02-30";
	ck_assert_int_eq(interaction_add(db, &i, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "at 2026-02-30: not a date");
	i.at = "fri";
	ck_assert_int_eq(interaction_add(db, &i, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "at fri: must be YYYY-MM-DD or \"YYYY-MM-DD HH:MM\"");
	i.at = NULL;
	ck_assert_int_eq(interaction_add(db, &i, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "at: must not be empty");
	i.at = "2026-03-09 25:00";
	ck_assert_int_eq(interaction_add(db, &i, NULL, &err), KITH_INVALID);
	i.at = "2026-03-09";
	i.summary = " ";
	ck_assert_int_eq(interaction_add(db, &i, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "summary: must not be empty");
	i.summary = "ok \xFF";
	ck_assert_int_eq(interaction_add(db, &i, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "summary: not valid UTF-8");
	i.summary = "ok";
	i.kind = 77;
	ck_assert_int_eq(interaction_add(db, &i, NULL, &err), KITH_INVALID);
	i.kind = 0;
	i.n_contacts = 0;
	ck_assert_int_eq(interaction_add(db, &i, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "contacts: at least one contact is needed");
	i.n_contacts = 2;
	ck_assert_int_eq(interaction_add(db, &i, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #404: no such contact");
	i.n_contacts = 1;
	i.event_id = 12;
	ck_assert_int_eq(interaction_add(db, &i, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "event #12: no such event");
	/* a date after today (KITH_TODAY 2026-03-10) is a plan, not a touch */
	i.event_id = 0;
	i.at = "2027-01-01";
	ck_assert_int_eq(interaction_add(db, &i, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "at 2027-01-01: after today (2026-03-10): log what has happened; "
			 "a planned meeting is an event (kith add event TITLE --at 2027-01-01)");
	i.at = "2026-03-11 08:00";
	ck_assert_int_eq(interaction_add(db, &i, NULL, &err), KITH_INVALID);
	/* nothing was written by any of them */
	ck_assert_int_eq(count_recent(), 0);
	ck_assert_str_eq(last_at(zoe), "");
	ck_assert_int_eq(interaction_delete(db, 1, &err), KITH_NOTFOUND);
	i.id = 5;
	i.event_id = 0;
	i.at = "2026-03-09";
	ck_assert_int_eq(interaction_update(db, &i, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "interaction #5: no such interaction");
	/* nor can an edit move one into the future */
	i.id = logi("2026-03-09", "coffee", ids, 1);
	i.at = "2026-04-01";
	ck_assert_int_eq(interaction_update(db, &i, &err), KITH_INVALID);
	ck_assert_str_eq(last_at(zoe), "2026-03-09");
}
END_TEST

START_TEST(test_last_contacted_falls_back)
{
	int64_t zoe = person("Zoë"), ana = person("Ana");
	int64_t both[] = { zoe, ana }, only_zoe[] = { zoe };
	int64_t older, newer;
	struct kith_err err;

	older = logi("2026-02-01 09:00", "older", both, 2);
	newer = logi("2026-03-05 18:00", "newer", only_zoe, 1);
	ck_assert_str_eq(last_at(zoe), "2026-03-05 18:00");
	ck_assert_str_eq(last_at(ana), "2026-02-01 09:00");
	ck_assert_int_eq(interaction_delete(db, newer, &err), KITH_OK);
	ck_assert_str_eq(last_at(zoe), "2026-02-01 09:00");
	ck_assert_int_eq(interaction_delete(db, older, &err), KITH_OK);
	ck_assert_str_eq(last_at(zoe), "");
	ck_assert_str_eq(last_at(ana), "");
	ck_assert_int_eq(interaction_delete(db, older, &err), KITH_NOTFOUND);
}
END_TEST

START_TEST(test_update_moves_date_and_people)
{
	int64_t zoe = person("Zoë"), ana = person("Ana"), bo = person("Bo");
	int64_t only_zoe[] = { zoe }, ana_bo[] = { ana, bo };
	int64_t a, b;
	struct kith_interaction i;
	struct kith_err err;
	struct rows x = { .n = 0 };

	a = logi("2026-02-01 09:00", "first", only_zoe, 1);
	b = logi("2026-02-10 09:00", "second", only_zoe, 1);
	ck_assert_str_eq(last_at(zoe), "2026-02-10 09:00");
	/* move the older one past the newer: it becomes the last touch */
	ck_assert_int_eq(interaction_get(db, a, &i, &err), KITH_OK);
	free(i.at);
	i.at = strdup("2026-03-01 08:15");
	ck_assert_int_eq(interaction_update(db, &i, &err), KITH_OK);
	interaction_free(&i);
	ck_assert_str_eq(last_at(zoe), "2026-03-01 08:15");
	ck_assert_int_eq(interaction_list_for_contact(db, zoe, 0, 10, row_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 2);
	ck_assert_int_eq(x.ids[0], a);
	ck_assert_str_eq(x.at[0], "2026-03-01 08:15");
	ck_assert_int_eq(x.ids[1], b);

	/* replace the people: Zoë falls back to b, Ana and Bo get a */
	{
		struct kith_interaction u = { .id = a, .at = "2026-03-01 08:15",
					      .summary = "first", .contact_ids = ana_bo,
					      .n_contacts = 2 };
		ck_assert_int_eq(interaction_update(db, &u, &err), KITH_OK);
	}
	ck_assert_str_eq(last_at(zoe), "2026-02-10 09:00");
	ck_assert_str_eq(last_at(ana), "2026-03-01 08:15");
	ck_assert_str_eq(last_at(bo), "2026-03-01 08:15");
	/* a rejected update changes nothing */
	{
		int64_t bad[] = { ana, 404 };
		struct kith_interaction u = { .id = a, .at = "2026-01-01", .summary = "changed",
					      .contact_ids = bad, .n_contacts = 2 };
		ck_assert_int_eq(interaction_update(db, &u, &err), KITH_NOTFOUND);
	}
	ck_assert_int_eq(interaction_get(db, a, &i, &err), KITH_OK);
	ck_assert_str_eq(i.at, "2026-03-01 08:15");
	ck_assert_str_eq(i.summary, "first");
	ck_assert_int_eq(i.n_contacts, 2);
	interaction_free(&i);
	ck_assert_str_eq(last_at(bo), "2026-03-01 08:15");
	/* deleting a contact removes only its link */
	ck_assert_int_eq(contact_delete(db, bo, &err), KITH_OK);
	ck_assert_int_eq(interaction_get(db, a, &i, &err), KITH_OK);
	ck_assert_int_eq(i.n_contacts, 1);
	interaction_free(&i);
}
END_TEST

START_TEST(test_timeline_paging)
{
	int64_t zoe = person("Zoë"), ana = person("Ana");
	int64_t only_zoe[] = { zoe }, only_ana[] = { ana };
	struct rows all = { .n = 0 }, page;
	struct kith_err err;
	char at[32];
	int got = 0;
	int64_t anchor = 0;

	for (int k = 0; k < 23; k++) {
		/* several on the same minute: the id breaks ties */
		snprintf(at, sizeof at, "2026-01-%02d 10:00", 1 + k / 3);
		logi(at, "z", only_zoe, 1);
		if (k % 4 == 0)
			logi(at, "a", only_ana, 1);
	}
	ck_assert_int_eq(interaction_list_for_contact(db, zoe, 0, 100, row_cb, &all, &err),
			 KITH_OK);
	ck_assert_int_eq(all.n, 23);
	for (int k = 1; k < all.n; k++) {
		int c = strcmp(all.at[k - 1], all.at[k]);
		ck_assert(c > 0 || (c == 0 && all.ids[k - 1] > all.ids[k]));
	}
	do {
		page.n = 0;
		ck_assert_int_eq(interaction_list_for_contact(db, zoe, anchor, 5, row_cb, &page,
							      &err), KITH_OK);
		for (int k = 0; k < page.n; k++)
			ck_assert_int_eq(page.ids[k], all.ids[got + k]);
		got += page.n;
		if (page.n)
			anchor = page.ids[page.n - 1];
	} while (page.n == 5);
	ck_assert_int_eq(got, 23);

	/* recent: everything, newest first, paged the same way */
	page.n = 0;
	ck_assert_int_eq(interaction_list_recent(db, 0, 3, row_cb, &page, &err), KITH_OK);
	ck_assert_int_eq(page.n, 3);
	ck_assert_str_eq(page.at[0], "2026-01-08 10:00");
	anchor = page.ids[2];
	page.n = 0;
	ck_assert_int_eq(interaction_list_recent(db, anchor, 100, row_cb, &page, &err), KITH_OK);
	ck_assert_int_eq(page.n, 23 + 6 - 3);
	ck_assert_int_eq(interaction_list_recent(db, 9999, 3, row_cb, &page, &err), KITH_NOTFOUND);
}
END_TEST

START_TEST(test_event_link)
{
	int64_t zoe = person("Zoë"), ids[] = { zoe }, ev, ia;
	struct kith_event e = { .title = "Town hall", .start_at = "2026-03-01 19:00" };
	struct kith_interaction i = { .at = "2026-03-01 20:00", .kind = KITH_IKIND_EVENT,
				      .summary = "met at the town hall", .contact_ids = ids,
				      .n_contacts = 1 };
	struct kith_interaction got;
	struct kith_err err;

	ck_assert_int_eq(event_add(db, &e, &ev, &err), KITH_OK);
	i.event_id = ev;
	ck_assert_int_eq(interaction_add(db, &i, &ia, &err), KITH_OK);
	ck_assert_int_eq(event_delete(db, ev, &err), KITH_OK);
	ck_assert_int_eq(interaction_get(db, ia, &got, &err), KITH_OK);
	ck_assert_int_eq(got.event_id, 0);
	interaction_free(&got);
}
END_TEST

static Suite *
interaction_suite(void)
{
	Suite *s = suite_create("interaction");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_add_get);
	tcase_add_test(tc, test_validation);
	tcase_add_test(tc, test_last_contacted_falls_back);
	tcase_add_test(tc, test_update_moves_date_and_people);
	tcase_add_test(tc, test_timeline_paging);
	tcase_add_test(tc, test_event_link);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(interaction_suite()) ? 1 : 0;
}
