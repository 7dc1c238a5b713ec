/*
 * check_followup.c: follow-ups, commitments, introductions; list order and
 * paging; snoozes.
 */
#include "testutil.h"

#include <string.h>

#include "kith/contact.h"
#include "kith/followup.h"
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
fu(int64_t contact, const char *title, const char *due)
{
	struct kith_followup f = { .contact_id = contact, .title = (char *)title,
				   .due = (char *)due, .kind = KITH_FKIND_CHECK_IN };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(followup_add(db, &f, &id, &err) == KITH_OK, "fu %s: %s", title, err.msg);
	return id;
}

static long long
count(bool all)
{
	struct followup_query q = { .include_done = all };
	long long n = -1;
	ck_assert_int_eq(followup_count(db, &q, &n, NULL), KITH_OK);
	return n;
}

struct rows {
	int64_t ids[128];
	char names[128][32], due[128][11];
	int status[128], snoozes[128];
	int n, stop_after;
};

static int
row_cb(void *ud, const struct followup_row *r)
{
	struct rows *x = ud;
	snprintf(x->names[x->n], 32, "%s", r->contact_name);
	snprintf(x->due[x->n], 11, "%s", r->due);
	x->status[x->n] = r->status;
	x->snoozes[x->n] = r->snooze_count;
	x->ids[x->n++] = r->id;
	return x->stop_after && x->n >= x->stop_after;
}

START_TEST(test_crud)
{
	struct kith_err err;
	int64_t zoe = person("Zoë"), ana = person("Ana"), bo = person("Bo"), id;
	struct kith_followup got;
	struct kith_followup f = { .contact_id = zoe, .kind = KITH_FKIND_INTRODUCE,
				   .title = "Introduce Ana to Bo", .due = "2026-03-13",
				   .priority = 2, .direction = KITH_DIR_OWE, .intro_a_id = ana,
				   .intro_b_id = bo, .intro_by_id = zoe,
				   .intro_stage = KITH_INTRO_REQUESTED, .notes = "both on housing" };
	struct rows x = { .n = 0 };

	ck_assert_int_eq(followup_add(db, &f, &id, &err), KITH_OK);
	ck_assert_int_eq(followup_get(db, id, &got, &err), KITH_OK);
	ck_assert_int_eq(got.contact_id, zoe);
	ck_assert_int_eq(got.kind, KITH_FKIND_INTRODUCE);
	ck_assert_str_eq(got.title, "Introduce Ana to Bo");
	ck_assert_str_eq(got.due, "2026-03-13");
	ck_assert_int_eq(got.priority, 2);
	ck_assert_int_eq(got.status, KITH_FSTATUS_OPEN);
	ck_assert_int_eq(got.direction, KITH_DIR_OWE);
	ck_assert_int_eq(got.intro_a_id, ana);
	ck_assert_int_eq(got.intro_b_id, bo);
	ck_assert_int_eq(got.intro_by_id, zoe);
	ck_assert_int_eq(got.intro_stage, KITH_INTRO_REQUESTED);
	ck_assert_str_eq(got.notes, "both on housing");
	ck_assert_str_eq(got.done_at, "");
	ck_assert_int_eq(got.snooze_count, 0);
	ck_assert_str_eq(got.created_at, "2026-03-10 09:00:00");
	followup_free(&got);

	ck_assert_int_eq(followup_set_intro_stage(db, id, KITH_INTRO_MADE, &err), KITH_OK);
	ck_assert_int_eq(followup_set_intro_stage(db, id, 9, &err), KITH_INVALID);
	ck_assert_int_eq(followup_set_due(db, id, "2026-03-20", &err), KITH_OK);
	ck_assert_int_eq(followup_get(db, id, &got, &err), KITH_OK);
	ck_assert_int_eq(got.intro_stage, KITH_INTRO_MADE);
	ck_assert_str_eq(got.due, "2026-03-20");
	ck_assert_int_eq(got.snooze_count, 0);     /* set_due is not a snooze */
	followup_free(&got);
	ck_assert_int_eq(followup_set_due(db, id, NULL, &err), KITH_OK);
	ck_assert_int_eq(followup_get(db, id, &got, &err), KITH_OK);
	ck_assert_ptr_null(got.due);
	followup_free(&got);

	/* update: drop it; done_at is set; reopen clears it */
	f.id = id;
	f.status = KITH_FSTATUS_DROPPED;
	f.title = "Intro (dropped)";
	ck_assert_int_eq(followup_update(db, &f, &err), KITH_OK);
	ck_assert_int_eq(followup_get(db, id, &got, &err), KITH_OK);
	ck_assert_int_eq(got.status, KITH_FSTATUS_DROPPED);
	ck_assert_str_eq(got.done_at, "2026-03-10 09:00");
	followup_free(&got);
	ck_assert_int_eq(count(false), 0);
	ck_assert_int_eq(count(true), 1);
	ck_assert_int_eq(followup_reopen(db, id, &err), KITH_OK);
	ck_assert_int_eq(followup_reopen(db, id, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "follow-up #1: already open");
	ck_assert_int_eq(followup_get(db, id, &got, &err), KITH_OK);
	ck_assert_str_eq(got.done_at, "");
	followup_free(&got);

	/* done; done again is an error */
	ck_assert_int_eq(followup_done(db, id, &err), KITH_OK);
	ck_assert_int_eq(followup_done(db, id, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "follow-up #1: already done");
	ck_assert_int_eq(followup_done(db, 99, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "follow-up #99: no such follow-up");
	ck_assert_int_eq(followup_get(db, id, &got, &err), KITH_OK);
	ck_assert_int_eq(got.status, KITH_FSTATUS_DONE);
	followup_free(&got);

	/* contact_name through the join; deleting the contact deletes its follow-ups */
	fu(ana, "Thank Ana", "2026-03-11");
	ck_assert_int_eq(followup_list(db, NULL, 0, 1, 10, row_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 1);
	ck_assert_str_eq(x.names[0], "Ana");
	ck_assert_int_eq(contact_delete(db, ana, &err), KITH_OK);
	ck_assert_int_eq(count(false), 0);
	ck_assert_int_eq(followup_get(db, id, &got, &err), KITH_OK);
	ck_assert_int_eq(got.intro_a_id, 0);        /* SET NULL */
	followup_free(&got);
	ck_assert_int_eq(followup_delete(db, id, &err), KITH_OK);
	ck_assert_int_eq(followup_delete(db, id, &err), KITH_NOTFOUND);
	ck_assert_int_eq(followup_get(db, id, &got, &err), KITH_NOTFOUND);
	ck_assert_int_eq(count(true), 0);
}
END_TEST

START_TEST(test_validation)
{
	struct kith_err err;
	int64_t zoe = person("Zoë");
	struct kith_followup f = { .contact_id = zoe, .title = "x", .due = "fri" };

	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "due fri: must be YYYY-MM-DD");
	f.due = "2026-02-30";
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "due 2026-02-30: not a date");
	f.due = "2026-03-11 10:00";
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_INVALID);
	f.due = NULL;
	f.title = "";
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "title: must not be empty");
	f.title = "x";
	f.priority = 4;
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "priority 4: must be 0 to 3");
	f.priority = 0;
	f.direction = 3;
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_INVALID);
	f.direction = 0;
	f.kind = -1;
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_INVALID);
	f.kind = 0;
	f.status = 5;
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_INVALID);
	f.status = 0;
	f.contact_id = 404;
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #404: no such contact");
	f.contact_id = zoe;
	f.intro_b_id = 405;
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #405: no such contact");
	f.intro_b_id = 0;
	f.event_id = 3;
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "event #3: no such event");
	f.event_id = 0;
	f.interaction_id = 4;
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "interaction #4: no such interaction");
	f.interaction_id = 0;
	f.notes = "\xE2\x82";
	ck_assert_int_eq(followup_add(db, &f, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "notes: not valid UTF-8");
	ck_assert_int_eq(count(true), 0);

	/* rejected updates and snoozes change nothing */
	f.notes = NULL;
	ck_assert_int_eq(followup_add(db, &f, &f.id, &err), KITH_OK);
	f.title = "changed";
	f.due = "someday";
	ck_assert_int_eq(followup_update(db, &f, &err), KITH_INVALID);
	ck_assert_int_eq(followup_snooze(db, f.id, "fri", "busy", &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "due fri: must be YYYY-MM-DD");
	ck_assert_int_eq(followup_snooze(db, f.id, NULL, "busy", &err), KITH_INVALID);
	ck_assert_int_eq(followup_snooze(db, 77, "2026-04-01", NULL, &err), KITH_NOTFOUND);
	ck_assert_int_eq(followup_set_due(db, f.id, "tomorrow", &err), KITH_INVALID);
	{
		struct kith_followup got;
		ck_assert_int_eq(followup_get(db, f.id, &got, &err), KITH_OK);
		ck_assert_str_eq(got.title, "x");
		ck_assert_ptr_null(got.due);
		ck_assert_int_eq(got.snooze_count, 0);
		followup_free(&got);
	}
	f.id = 500;
	f.due = NULL;
	ck_assert_int_eq(followup_update(db, &f, &err), KITH_NOTFOUND);
}
END_TEST

START_TEST(test_snooze)
{
	struct kith_err err;
	int64_t zoe = person("Zoë");
	int64_t id = fu(zoe, "Call back", "2026-03-10");
	struct kith_followup got;
	struct rows x = { .n = 0 };

	ck_assert_int_eq(followup_snooze(db, id, "2026-03-13", "travelling", &err), KITH_OK);
	ck_assert_int_eq(followup_snooze(db, id, "2026-03-20", NULL, &err), KITH_OK);
	ck_assert_int_eq(followup_snooze(db, id, "2026-03-27", "still busy", &err), KITH_OK);
	ck_assert_int_eq(followup_get(db, id, &got, &err), KITH_OK);
	ck_assert_int_eq(got.snooze_count, 3);
	ck_assert_str_eq(got.snooze_reason, "still busy");
	ck_assert_str_eq(got.due, "2026-03-27");
	followup_free(&got);
	ck_assert_int_eq(followup_list(db, NULL, 0, 1, 10, row_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.snoozes[0], 3);
	/* a done follow-up cannot be snoozed */
	ck_assert_int_eq(followup_done(db, id, &err), KITH_OK);
	ck_assert_int_eq(followup_snooze(db, id, "2026-04-01", NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "follow-up #1: is done; reopen it first");
	ck_assert_int_eq(followup_get(db, id, &got, &err), KITH_OK);
	ck_assert_int_eq(got.snooze_count, 3);
	followup_free(&got);
}
END_TEST

/* Read the whole list by pages of n, forward (dir 1) or backward (dir -1). */
static void
read_paged(const struct followup_query *q, int dir, int n, struct rows *out)
{
	struct rows page;
	struct kith_err err;
	int64_t anchor = 0;

	out->n = 0;
	do {
		memset(&page, 0, sizeof page);
		ck_assert_msg(followup_list(db, q, anchor, dir, n, row_cb, &page, &err) == KITH_OK,
			      "%s", err.msg);
		ck_assert_int_le(page.n, n);
		for (int k = 0; k < page.n; k++)
			out->ids[out->n++] = page.ids[k];
		if (page.n)
			anchor = page.ids[page.n - 1];
	} while (page.n == n);
}

START_TEST(test_order_and_paging)
{
	struct kith_err err;
	int64_t zoe = person("Zoë"), ana = person("Ana");
	struct rows all = { .n = 0 }, open = { .n = 0 }, paged;
	struct followup_query q = { .include_done = true };
	int64_t closed[6];
	int nclosed = 0;
	char title[32], due[11];
	long long n;

	/* 30 follow-ups: dated (with ties), undated, some done or dropped */
	for (int k = 0; k < 30; k++) {
		int64_t id;
		snprintf(title, sizeof title, "item %d", k);
		snprintf(due, sizeof due, "2026-03-%02d", 20 - (k % 7));
		id = fu(k % 2 ? zoe : ana, title, k % 5 == 4 ? NULL : due);
		if (k % 6 == 5) {
			if (k % 4 == 1) {
				ck_assert_int_eq(followup_done(db, id, &err), KITH_OK);
			} else {
				struct kith_followup f;
				ck_assert_int_eq(followup_get(db, id, &f, &err), KITH_OK);
				f.status = KITH_FSTATUS_DROPPED;
				ck_assert_int_eq(followup_update(db, &f, &err), KITH_OK);
				followup_free(&f);
			}
			closed[nclosed++] = id;
		}
	}
	ck_assert_int_eq(nclosed, 5);
	ck_assert_int_eq(count(false), 25);
	ck_assert_int_eq(count(true), 30);

	ck_assert_int_eq(followup_list(db, &q, 0, 1, 1000, row_cb, &all, &err), KITH_OK);
	ck_assert_int_eq(all.n, 30);
	/* open dated by (due, id), then open undated by id, then closed newest first */
	{
		int k = 0;
		for (; k < all.n && all.status[k] == KITH_FSTATUS_OPEN && all.due[k][0]; k++)
			if (k > 0 && all.due[k - 1][0]) {
				int c = strcmp(all.due[k - 1], all.due[k]);
				ck_assert(c < 0 || (c == 0 && all.ids[k - 1] < all.ids[k]));
			}
		ck_assert_int_eq(k, 20);
		for (; k < all.n && all.status[k] == KITH_FSTATUS_OPEN; k++) {
			ck_assert_str_eq(all.due[k], "");
			if (k > 20)
				ck_assert(all.ids[k - 1] < all.ids[k]);
		}
		ck_assert_int_eq(k, 25);
		for (int j = 0; j < 5; j++)
			ck_assert_int_eq(all.ids[25 + j], closed[4 - j]);
	}
	ck_assert_str_eq(all.due[0], "2026-03-14");

	/* without include_done: the first 25 */
	ck_assert_int_eq(followup_list(db, NULL, 0, 1, 1000, row_cb, &open, &err), KITH_OK);
	ck_assert_int_eq(open.n, 25);
	for (int k = 0; k < 25; k++)
		ck_assert_int_eq(open.ids[k], all.ids[k]);

	/* windows forward and backward, of several sizes, equal the full read */
	for (int size = 1; size <= 8; size += 3) {
		read_paged(&q, 1, size, &paged);
		ck_assert_int_eq(paged.n, 30);
		for (int k = 0; k < 30; k++)
			ck_assert_int_eq(paged.ids[k], all.ids[k]);
		read_paged(&q, -1, size, &paged);
		ck_assert_int_eq(paged.n, 30);
		for (int k = 0; k < 30; k++)
			ck_assert_int_eq(paged.ids[k], all.ids[29 - k]);
		read_paged(NULL, -1, size, &paged);
		ck_assert_int_eq(paged.n, 25);
		for (int k = 0; k < 25; k++)
			ck_assert_int_eq(paged.ids[k], open.ids[24 - k]);
	}
	/* a window in the middle crosses segment borders both ways */
	{
		struct rows w = { .n = 0 };
		ck_assert_int_eq(followup_list(db, &q, all.ids[18], 1, 4, row_cb, &w, &err), KITH_OK);
		ck_assert_int_eq(w.n, 4);
		for (int k = 0; k < 4; k++)
			ck_assert_int_eq(w.ids[k], all.ids[19 + k]);
		w.n = 0;
		ck_assert_int_eq(followup_list(db, &q, all.ids[26], -1, 4, row_cb, &w, &err),
				 KITH_OK);
		for (int k = 0; k < 4; k++)
			ck_assert_int_eq(w.ids[k], all.ids[25 - k]);
		/* the callback can stop early */
		w.n = 0;
		w.stop_after = 2;
		ck_assert_int_eq(followup_list(db, &q, 0, 1, 10, row_cb, &w, &err), KITH_OK);
		ck_assert_int_eq(w.n, 2);
		/* a closed anchor in an open-only list: nothing after, the open ones before */
		w = (struct rows){ .n = 0 };
		ck_assert_int_eq(followup_list(db, NULL, closed[0], 1, 4, row_cb, &w, &err), KITH_OK);
		ck_assert_int_eq(w.n, 0);
		ck_assert_int_eq(followup_list(db, NULL, closed[0], -1, 3, row_cb, &w, &err),
				 KITH_OK);
		ck_assert_int_eq(w.n, 3);
		ck_assert_int_eq(w.ids[0], open.ids[24]);
		ck_assert_int_eq(followup_list(db, NULL, 999, 1, 4, row_cb, &w, &err), KITH_NOTFOUND);
	}

	/* one contact's; a search */
	{
		struct followup_query qc = { .contact_id = zoe };
		struct rows w = { .n = 0 };
		ck_assert_int_eq(followup_list(db, &qc, 0, 1, 100, row_cb, &w, &err), KITH_OK);
		ck_assert_int_eq(followup_count(db, &qc, &n, &err), KITH_OK);
		ck_assert_int_eq(n, w.n);
		ck_assert_int_gt(w.n, 5);
		for (int k = 0; k < w.n; k++)
			ck_assert_str_eq(w.names[k], "Zoë");
		read_paged(&qc, 1, 3, &paged);
		ck_assert_int_eq(paged.n, w.n);
		for (int k = 0; k < w.n; k++)
			ck_assert_int_eq(paged.ids[k], w.ids[k]);
		qc.contact_id = 0;
		qc.match = "item 12";
		w.n = 0;
		ck_assert_int_eq(followup_list(db, &qc, 0, 1, 100, row_cb, &w, &err), KITH_OK);
		ck_assert_int_eq(w.n, 1);
		ck_assert_int_eq(followup_count(db, &qc, &n, &err), KITH_OK);
		ck_assert_int_eq(n, 1);
	}
}
END_TEST

/* A search matching many is one walk in id order, counted up to the cap. */
static int64_t big_ids[400];
static int big_n;

static int
big_cb(void *ud, const struct followup_row *r)
{
	(void)ud;
	big_ids[big_n++] = r->id;
	return 0;
}

START_TEST(test_many_matches)
{
	struct followup_query q = { .match = "meeting" };
	int64_t who = person("Ana"), anchor = 0, first = 0;
	long long n;
	char title[64];

	ck_assert_int_eq(kdb_batch_begin(db, NULL), KITH_OK);
	for (int i = 0; i < 300; i++) {
		snprintf(title, sizeof title, "meeting %d", i);
		int64_t id = fu(who, title, i % 2 ? "2026-03-20" : "2026-03-01");
		if (!first)
			first = id;
	}
	fu(who, "unrelated call", "2026-03-02");
	ck_assert_int_eq(kdb_batch_end(db, true, NULL), KITH_OK);
	big_n = 0;
	for (;;) {
		int before = big_n;
		ck_assert_int_eq(followup_list(db, &q, anchor, 1, 64, big_cb, NULL, NULL), KITH_OK);
		if (big_n == before)
			break;
		anchor = big_ids[big_n - 1];
	}
	ck_assert_int_eq(big_n, 300);
	for (int i = 0; i < big_n; i++)
		ck_assert_int_eq(big_ids[i], first + i);
	ck_assert_int_eq(followup_count(db, &q, &n, NULL), KITH_OK);
	ck_assert_int_eq(n, 251);
	/* backward from the end is the same walk reversed */
	big_n = 0;
	ck_assert_int_eq(followup_list(db, &q, 0, -1, 10, big_cb, NULL, NULL), KITH_OK);
	ck_assert_int_eq(big_n, 10);
	ck_assert_int_eq(big_ids[0], first + 299);
	/* few matches keep the due-date order and an exact count */
	q.match = "meeting 29";
	big_n = 0;
	ck_assert_int_eq(followup_list(db, &q, 0, 1, 64, big_cb, NULL, NULL), KITH_OK);
	ck_assert_int_eq(followup_count(db, &q, &n, NULL), KITH_OK);
	ck_assert_int_eq(n, big_n);
	ck_assert_int_eq(n, 11);      /* 29 and 290..299 */
	/* 150 are due 2026-03-01, before today (2026-03-10); one more on 03-02 */
	ck_assert_int_eq(followup_count_overdue(db, "2026-03-10", 1000, &n, NULL), KITH_OK);
	ck_assert_int_eq(n, 151);
	ck_assert_int_eq(followup_count_overdue(db, "2026-03-10", 100, &n, NULL), KITH_OK);
	ck_assert_int_eq(n, 101);
	ck_assert_int_eq(followup_count_overdue(db, "2026-03-01", 1000, &n, NULL), KITH_OK);
	ck_assert_int_eq(n, 0);
}
END_TEST

/* x: done, reopened, done again; a dropped one reopens; each toggle is one undo step */
START_TEST(test_toggle_done)
{
	int64_t ana = person("Ana"), id = fu(ana, "Call Ana", "2026-03-11");
	struct kith_followup got, f;
	struct kdb_change *ch;
	struct kith_err err;
	int st = -1;

	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	ck_assert_int_eq(followup_toggle_done(db, id, &st, &err), KITH_OK);
	ck_assert_int_eq(st, KITH_FSTATUS_DONE);
	ck_assert_int_eq(followup_get(db, id, &got, &err), KITH_OK);
	ck_assert_int_eq(got.status, KITH_FSTATUS_DONE);
	ck_assert_str_eq(got.done_at, "2026-03-10 09:00");
	followup_free(&got);
	ck_assert_int_eq(count(false), 0);

	/* undo brings it back open */
	ch = kdb_change_take(db);
	ck_assert_ptr_nonnull(ch);
	ck_assert_int_eq(kdb_change_apply(db, ch, true, &err), KITH_OK);
	kdb_change_free(ch);
	ck_assert_int_eq(followup_get(db, id, &got, &err), KITH_OK);
	ck_assert_int_eq(got.status, KITH_FSTATUS_OPEN);
	ck_assert_str_eq(got.done_at, "");
	followup_free(&got);

	ck_assert_int_eq(followup_toggle_done(db, id, NULL, &err), KITH_OK);
	ck_assert_int_eq(followup_toggle_done(db, id, &st, &err), KITH_OK);
	ck_assert_int_eq(st, KITH_FSTATUS_OPEN);
	ck_assert_int_eq(followup_get(db, id, &got, &err), KITH_OK);
	ck_assert_int_eq(got.status, KITH_FSTATUS_OPEN);
	ck_assert_str_eq(got.done_at, "");
	followup_free(&got);
	ck_assert_int_eq(count(false), 1);

	/* dropped reopens, like followup_reopen */
	ck_assert_int_eq(followup_get(db, id, &f, &err), KITH_OK);
	f.status = KITH_FSTATUS_DROPPED;
	ck_assert_int_eq(followup_update(db, &f, &err), KITH_OK);
	followup_free(&f);
	ck_assert_int_eq(followup_toggle_done(db, id, &st, &err), KITH_OK);
	ck_assert_int_eq(st, KITH_FSTATUS_OPEN);

	ck_assert_int_eq(followup_toggle_done(db, 99, &st, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "follow-up #99: no such follow-up");
}
END_TEST

static Suite *
followup_suite(void)
{
	Suite *s = suite_create("followup");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_crud);
	tcase_add_test(tc, test_validation);
	tcase_add_test(tc, test_snooze);
	tcase_add_test(tc, test_order_and_paging);
	tcase_add_test(tc, test_many_matches);
	tcase_add_test(tc, test_toggle_done);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(followup_suite()) ? 1 : 0;
}
