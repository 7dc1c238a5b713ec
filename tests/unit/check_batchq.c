/*
 * check_batchq.c: the queue that hands work to another thread in batches
 * (src/util/batchq.c): every item arrives once and in order, the giver
 * waits at the bound and goes on once the taker says stop, what the taker
 * gives back comes back to the giver, and nothing is lost at the end.
 */
#ifdef __linux__
#define _GNU_SOURCE                 /* SCHED_IDLE */
#endif
#include "testutil.h"

#include <sched.h>
#include <stdlib.h>

#include "kith/batchq.h"
#include "kith/xalloc.h"

enum { ITEMS = 20000 };

struct item {
	struct bq_node node;
	int n;
};

struct giver {
	struct batchq *q;
	int count;                  /* items to give */
	int freed;                  /* given back, freed by the giver */
	int given;                  /* pushed before it saw stop */
};

static int
free_list(struct bq_node *n)
{
	int k = 0;

	while (n) {
		struct bq_node *next = n->next;
		free(n);
		n = next;
		k++;
	}
	return k;
}

static int
giver_main(void *arg)
{
	struct giver *g = arg;

	for (int i = 0; i < g->count && !bq_stopped(g->q); i++) {
		struct item *it = xmalloc(sizeof *it);
		it->n = i;
		g->freed += free_list(bq_push(g->q, &it->node));
		g->given++;
	}
	g->freed += free_list(bq_close(g->q));
	return 0;
}

START_TEST(test_order_and_give_back)
{
	struct batchq q;
	struct giver g = { &q, ITEMS, 0, 0 };
	int next = 0, kept = 0, takes = 0;
	thrd_t t;

	ck_assert(bq_init(&q, 7, 3));
	ck_assert_int_eq(thrd_create(&t, giver_main, &g), thrd_success);
	for (;;) {
		bool done;
		struct bq_node *got = bq_take(&q, &done);

		for (struct bq_node *n = got; n; n = n->next)
			ck_assert_int_eq(((struct item *)n)->n, next++);
		takes++;
		/* every other list back to the giver, the others freed here */
		if (takes % 2)
			bq_give_back(&q, got);
		else
			kept += free_list(got);
		if (done && !got)
			break;
	}
	thrd_join(t, NULL);
	ck_assert_int_eq(next, ITEMS);
	ck_assert_int_eq(g.freed + kept + free_list(bq_reclaim(&q)), ITEMS);
	bq_destroy(&q);
}
END_TEST

/* The taker stops after its first batch: a giver at the bound goes on, and gives no more. */
START_TEST(test_stop_at_the_bound)
{
	struct batchq q;
	struct giver g = { &q, ITEMS, 0, 0 };
	struct bq_node *got;
	bool done;
	thrd_t t;

	ck_assert(bq_init(&q, 4, 1));
	ck_assert_int_eq(thrd_create(&t, giver_main, &g), thrd_success);
	got = bq_take(&q, &done);
	ck_assert_ptr_nonnull(got);
	ck_assert_int_eq(((struct item *)got)->n, 0);
	bq_stop(&q);
	thrd_join(t, NULL);
	ck_assert(bq_stopped(&q));
	ck_assert_int_lt(g.given, ITEMS);
	ck_assert_int_eq(free_list(got) + free_list(bq_reclaim(&q)), g.given);
	bq_destroy(&q);
}
END_TEST

/* Without a bound, everything waits until it is taken; then done. */
START_TEST(test_unbounded_close)
{
	struct batchq q;
	struct giver g = { &q, 1000, 0, 0 };
	struct bq_node *got;
	bool done;
	int n = 0;

	ck_assert(bq_init(&q, 256, 0));
	giver_main(&g);
	got = bq_take(&q, &done);
	ck_assert(done);
	for (struct bq_node *e = got; e; e = e->next)
		ck_assert_int_eq(((struct item *)e)->n, n++);
	ck_assert_int_eq(n, 1000);
	ck_assert_int_eq(free_list(got), 1000);
	ck_assert_ptr_null(bq_take(&q, &done));
	ck_assert(done);
	bq_destroy(&q);
}
END_TEST

static int
background_main(void *arg)
{
	int *policy = arg;

	policy[0] = bq_background();
	policy[1] = sched_getscheduler(0);
	return 0;
}

/* A background worker runs in the idle class; the thread that made it does not. */
START_TEST(test_background)
{
	int policy[2] = { -1, -1 };
	thrd_t t;

	ck_assert_int_eq(thrd_create(&t, background_main, policy), thrd_success);
	thrd_join(t, NULL);
#ifdef SCHED_IDLE
	ck_assert_int_eq(policy[0], 1);
	ck_assert_int_eq(policy[1], SCHED_IDLE);
#else
	ck_assert_int_eq(policy[0], 0);
#endif
	ck_assert_int_eq(sched_getscheduler(0), SCHED_OTHER);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("batchq");
	TCase *tc = tcase_create("queue");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_order_and_give_back);
	tcase_add_test(tc, test_stop_at_the_bound);
	tcase_add_test(tc, test_unbounded_close);
	tcase_add_test(tc, test_background);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
