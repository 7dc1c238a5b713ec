/*
 * batchq.c: work handed from one thread to another in batches (see
 * kith/batchq.h).
 */
#ifdef __linux__
#define _GNU_SOURCE                 /* SCHED_IDLE */
#endif
#include "kith/batchq.h"

#include <pthread.h>
#include <sched.h>
#include <stddef.h>

bool
bq_init(struct batchq *q, int batch, int max)
{
	*q = (struct batchq){ .batch = batch > 0 ? batch : 1, .max = max };
	atomic_init(&q->stop, false);
	if (mtx_init(&q->mu, mtx_plain) != thrd_success)
		return false;
	if (cnd_init(&q->items) != thrd_success)
		goto no_items;
	if (cnd_init(&q->space) != thrd_success)
		goto no_space;
	return true;
no_space:
	cnd_destroy(&q->items);
no_items:
	mtx_destroy(&q->mu);
	return false;
}

void
bq_destroy(struct batchq *q)
{
	cnd_destroy(&q->space);
	cnd_destroy(&q->items);
	mtx_destroy(&q->mu);
}

/* Hand the batch over (waiting for room) and, if close, close; what was given back. */
static struct bq_node *
hand_over(struct batchq *q, bool close)
{
	struct bq_node *spent;

	mtx_lock(&q->mu);
	if (q->bhead) {
		while (q->max && q->batches >= q->max && !atomic_load(&q->stop))
			cnd_wait(&q->space, &q->mu);
		if (q->tail)
			q->tail->next = q->bhead;
		else
			q->head = q->bhead;
		q->tail = q->btail;
		q->batches++;
	}
	q->done |= close;
	cnd_signal(&q->items);
	spent = q->spent;
	q->spent = NULL;
	mtx_unlock(&q->mu);
	q->bhead = q->btail = NULL;
	q->bn = 0;
	return spent;
}

struct bq_node *
bq_push(struct batchq *q, struct bq_node *n)
{
	n->next = NULL;
	if (q->btail)
		q->btail->next = n;
	else
		q->bhead = n;
	q->btail = n;
	return ++q->bn >= q->batch ? hand_over(q, false) : NULL;
}

struct bq_node *
bq_close(struct batchq *q)
{
	return hand_over(q, true);
}

struct bq_node *
bq_take(struct batchq *q, bool *done)
{
	struct bq_node *got;

	mtx_lock(&q->mu);
	while (!q->head && !q->done)
		cnd_wait(&q->items, &q->mu);
	got = q->head;
	*done = q->done;
	q->head = q->tail = NULL;
	q->batches = 0;
	cnd_signal(&q->space);
	mtx_unlock(&q->mu);
	return got;
}

/* The last node of a list (not NULL). */
static struct bq_node *
last_of(struct bq_node *n)
{
	while (n->next)
		n = n->next;
	return n;
}

void
bq_give_back(struct batchq *q, struct bq_node *list)
{
	if (!list)
		return;
	mtx_lock(&q->mu);
	last_of(list)->next = q->spent;
	q->spent = list;
	mtx_unlock(&q->mu);
}

void
bq_stop(struct batchq *q)
{
	atomic_store(&q->stop, true);
	mtx_lock(&q->mu);
	cnd_signal(&q->space);
	mtx_unlock(&q->mu);
}

bool
bq_stopped(struct batchq *q)
{
	return atomic_load(&q->stop);
}

struct bq_node *
bq_reclaim(struct batchq *q)
{
	struct bq_node *parts[3], *all = NULL;

	mtx_lock(&q->mu);
	parts[0] = q->head;
	parts[1] = q->bhead;
	parts[2] = q->spent;
	q->head = q->tail = q->bhead = q->btail = q->spent = NULL;
	q->batches = q->bn = 0;
	mtx_unlock(&q->mu);
	for (int i = 2; i >= 0; i--) {
		if (!parts[i])
			continue;
		last_of(parts[i])->next = all;
		all = parts[i];
	}
	return all;
}

bool
bq_background(void)
{
#ifdef SCHED_IDLE
	struct sched_param none = { 0 };

	return pthread_setschedparam(pthread_self(), SCHED_IDLE, &none) == 0;
#else
	return false;
#endif
}
