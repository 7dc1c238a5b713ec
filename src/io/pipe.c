/*
 * pipe.c: a parser on a second thread, its records merged on this one.
 *
 * An import spends a sixth of its time reading the file (a vCard is
 * unfolded, decoded and mapped: 47,000 instructions a card) and the rest
 * writing it. io_parse_piped runs the parser on a thread of its own and
 * hands what it finds (records, errors, notes, warnings) to the caller's
 * sink on the caller's thread, in the parser's order: the sink, the
 * database and the reports see exactly what a direct call shows them.
 *
 * Hand-over. The parser's thread moves each record into an event (its
 * values become the event's; the parser's copy is left empty, so that its
 * io_record_clear frees nothing) and queues events in batches of
 * PIPE_BATCH, at most PIPE_BATCHES batches ahead of the sink (a batchq,
 * kith/batchq.h). When the sink
 * says stop (a callback returns non-zero), the parser's next callback says
 * stop too, and what it had queued beyond is freed unseen, as a direct call
 * would never have read it.
 *
 * The parser must share no state with what the sink does on the calling
 * thread. The vCard reader (text, iconv, and each person's keys: fold_text
 * may be called on any thread, db_uuid's SQLite randomness too) shares none. The iCalendar reader
 * calls libical (built thread-aware: its error state and temporary buffers
 * are per thread, its built-in zones loaded under a lock) and keeps a
 * one-zone cache of its own (ics_zone_named): while it reads, the sink,
 * which only writes the database, calls neither, so each is used by one
 * thread at a time, and thrd_join orders the parser's last use before
 * the caller's next. It folds with utf8_fold (tables, no state).
 */
#include "io_internal.h"

#include <stdlib.h>
#include <string.h>

#include "kith/batchq.h"
#include "kith/xalloc.h"

enum { PIPE_BATCH = 64, PIPE_BATCHES = 16 };

enum pev_kind { PEV_RECORD, PEV_ERROR, PEV_NOTE, PEV_WARN };

struct pev {
	struct bq_node node;        /* first: the queue's link */
	enum pev_kind kind;
	int line;
	char *msg;
	struct io_record rec;
};

struct io_pipe {
	struct batchq q;            /* the parser gives, the sink takes (kith/batchq.h) */
	thrd_t thread;
	bool stop_on_error;
	int (*parse)(const char *, size_t, const struct io_sink *);
	const char *buf;
	size_t len;
	int rc;
	struct bq_node *spare;      /* spent events, emptied, for the next pushes (parser's thread) */
};

/* An event's record and message freed; the event itself kept. */
static void
pev_empty(struct pev *e)
{
	if (e->kind == PEV_RECORD)
		io_record_clear(&e->rec);
	free(e->msg);
	e->kind = PEV_NOTE;
	e->msg = NULL;
}

static void
pev_free(struct bq_node *n)
{
	while (n) {
		struct pev *e = (struct pev *)n;
		n = n->next;
		pev_empty(e);
		free(e);
	}
}

/* The spent events n emptied and kept for the next pushes. */
static void
pev_keep(struct io_pipe *p, struct bq_node *n)
{
	while (n) {
		struct pev *e = (struct pev *)n;
		n = n->next;
		pev_empty(e);
		e->node.next = p->spare;
		p->spare = &e->node;
	}
}

/* Queue an event; a record's (rec) is moved into it first. */
static void
push(struct io_pipe *p, enum pev_kind kind, int line, const char *msg, const struct io_record *rec)
{
	struct pev *e;

	/* a spent event again (a record's event is half a kilobyte: calloc and free cost) */
	if (p->spare) {
		e = (struct pev *)p->spare;
		p->spare = p->spare->next;
		memset(e, 0, sizeof *e);
	} else {
		e = xcalloc(1, sizeof *e);
	}

	e->kind = kind;
	e->line = line;
	e->msg = msg ? xstrdup(msg) : NULL;
	if (rec) {
		/* the record is the parser's, not const: it clears what is left of it */
		struct io_record *theirs = (struct io_record *)rec;
		e->rec = *rec;
		memset(&theirs->u, 0, sizeof theirs->u);
	}
	/* the sink's spent batches are emptied here, as the parser fills the next */
	pev_keep(p, bq_push(&p->q, &e->node));
}

static int
on_record(void *ud, const struct io_record *r)
{
	struct io_pipe *p = ud;

	if (bq_stopped(&p->q))
		return 1;
	push(p, PEV_RECORD, r->line, NULL, r);
	return 0;
}

static int
on_error(void *ud, int line, const char *msg)
{
	struct io_pipe *p = ud;

	push(p, PEV_ERROR, line, msg, NULL);
	return p->stop_on_error || bq_stopped(&p->q);
}

static void
on_note(void *ud, int line, const char *msg)
{
	push(ud, PEV_NOTE, line, msg, NULL);
}

static void
on_warn(void *ud, int line, const char *msg)
{
	push(ud, PEV_WARN, line, msg, NULL);
}

static int
parser_main(void *arg)
{
	struct io_pipe *p = arg;
	struct io_sink sink = { on_record, on_error, on_note, p, on_warn };

	p->rc = p->parse(p->buf, p->len, &sink);
	pev_free(bq_close(&p->q));
	pev_free(p->spare);
	p->spare = NULL;
	return 0;
}

/* Give e to the sink; non-zero if it says stop. */
static int
deliver(const struct io_sink *s, struct pev *e)
{
	switch (e->kind) {
	case PEV_RECORD:
		return s->record(s->ud, &e->rec);
	case PEV_ERROR:
		return s->error(s->ud, e->line, e->msg);
	case PEV_NOTE:
		if (s->note)
			s->note(s->ud, e->line, e->msg);
		return 0;
	case PEV_WARN:
		if (s->warn)
			s->warn(s->ud, e->line, e->msg);
		return 0;
	}
	return 0;
}

struct io_pipe *
io_pipe_start(int (*parse)(const char *, size_t, const struct io_sink *), const char *buf,
	      size_t len, bool stop_on_error)
{
	struct io_pipe *p = xcalloc(1, sizeof *p);

	p->stop_on_error = stop_on_error;
	p->parse = parse;
	p->buf = buf;
	p->len = len;
	if (!bq_init(&p->q, PIPE_BATCH, PIPE_BATCHES)) {
		free(p);
		return NULL;
	}
	if (thrd_create(&p->thread, parser_main, p) != thrd_success) {
		bq_destroy(&p->q);
		free(p);
		return NULL;
	}
	return p;
}

int
io_pipe_finish(struct io_pipe *p, const struct io_sink *sink)
{
	bool stopped = !sink;
	int rc;

	/* no sink: nothing is wanted (the parser may wait for room: it goes on, and stops) */
	if (stopped)
		bq_stop(&p->q);
	for (;;) {
		bool done;
		struct bq_node *got = bq_take(&p->q, &done);

		for (struct bq_node *n = got; n && !stopped; n = n->next)
			if (deliver(sink, (struct pev *)n)) {
				/* the parser may wait for room: there is no more to wait for */
				stopped = true;
				bq_stop(&p->q);
			}
		/* the records' memory is freed on the parser's thread, as it
		   fills the next batch (a card's dozens of strings: 2,000
		   instructions this thread does not spend) */
		if (got && !done)
			bq_give_back(&p->q, got);
		else
			pev_free(got);
		if (done && !got)
			break;
	}
	thrd_join(p->thread, NULL);
	pev_free(bq_reclaim(&p->q));
	bq_destroy(&p->q);
	rc = stopped && !p->rc ? 1 : p->rc;
	free(p);
	return rc;
}

int
io_parse_piped(int (*parse)(const char *, size_t, const struct io_sink *), const char *buf,
	       size_t len, const struct io_sink *sink, bool stop_on_error)
{
	struct io_pipe *p = io_pipe_start(parse, buf, len, stop_on_error);

	return p ? io_pipe_finish(p, sink) : parse(buf, len, sink);
}
