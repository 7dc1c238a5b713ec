/*
 * batchq.h: a queue that hands work from one thread to another in batches
 * (batchq.c): a lock and a wake-up a batch, not an item. The import's
 * parser hands its records to the merging thread through one (io/pipe.c),
 * and the merging thread the search documents it makes to the thread that
 * indexes them (db/fts_aside.c).
 *
 * Items are the caller's, linked through a struct bq_node as their first
 * member; the queue only links them. One thread gives, one takes:
 *
 *	giver                                   taker
 *	spent = bq_push(&q, &item->node);       list = bq_take(&q, &done);
 *	  (hands a full batch over; free           (every batch handed over, in
 *	   what the taker gave back)                order; waits for one or the close)
 *	spent = bq_close(&q);                   bq_give_back(&q, list);
 *	                                          (optional: the giver frees it)
 *
 * With max batches ahead (0: no bound), a giver that would pass it waits
 * until the taker takes, or says stop (bq_stop: the giver then goes on,
 * and bq_stopped tells it to give no more).
 */
#ifndef KITH_BATCHQ_H
#define KITH_BATCHQ_H

#include <stdatomic.h>
#include <stdbool.h>
#include <threads.h>

struct bq_node {
	struct bq_node *next;
};

struct batchq {
	mtx_t mu;
	cnd_t items, space;
	struct bq_node *head, *tail;    /* handed over, in order */
	int batches, max;               /* batches handed over and not taken; the bound */
	struct bq_node *spent;          /* given back, for the giver to free */
	bool done;                      /* the giver closed */
	atomic_bool stop;               /* the taker said stop */
	/* the giver's: the batch being filled, n items of at most batch */
	struct bq_node *bhead, *btail;
	int bn, batch;
};

/* An empty queue of batches of `batch` items, at most max ahead (0: any); false if it cannot be. */
bool bq_init(struct batchq *q, int batch, int max);
/* Free the queue's own (not the items: take or reclaim them first). */
void bq_destroy(struct batchq *q);

/* Append n to the batch; a full batch is handed over. Returns what was given back (or NULL). */
struct bq_node *bq_push(struct batchq *q, struct bq_node *n);
/* Hand over what is left and close (the taker's bq_take says done); what was given back. */
struct bq_node *bq_close(struct batchq *q);

/* Every item handed over, in order; waits for one or the close (*done; NULL then: no more). */
struct bq_node *bq_take(struct batchq *q, bool *done);
/* Give items taken back for the giver to free (its next push or close returns them). */
void bq_give_back(struct batchq *q, struct bq_node *list);
/* The taker wants no more: a giver waiting for room goes on. */
void bq_stop(struct batchq *q);
bool bq_stopped(struct batchq *q);
/* All that is still handed over, filling or given back, in one list (the threads done). */
struct bq_node *bq_reclaim(struct batchq *q);

/*
 * Make the calling thread a background worker: it runs only on a core no
 * other thread wants (Linux's SCHED_IDLE). For a taker whose work may lag
 * behind the giver's (an unbounded queue) and is needed only at the end:
 * on two cores it then stops taking time from the threads on the critical
 * path and uses the core they leave idle. False where the system has no
 * such class (the thread then runs as before).
 */
bool bq_background(void);

#endif
