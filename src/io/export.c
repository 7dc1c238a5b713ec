/*
 * export.c: `kith export`: the database as vCard (4.0, or 3.0), CSV,
 * iCalendar (events as VEVENT, open follow-ups as VTODO) or JSON (all of
 * it). Every format is streamed: rows are read in windows of ids, one
 * window at a time, so memory stays flat at 100,000 contacts.
 *
 * What each format carries: vCard and CSV carry the contact fields they
 * have names for, plus kith's own as X-KITH-* properties / columns, which
 * kith's importer reads back (a seat without organisation, the fields
 * kept aside, in CSV the channels' labels), and the contact's UID (its
 * identity: an import merges by it). Times in
 * iCalendar are local ("floating"), as kith stores them.
 * tests/cli/roundtrip.sh checks that an export imported into an empty
 * database gives back what the format carries.
 */
#include "io_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <threads.h>

#include "kith/date.h"
#include "kith/db.h"
#include "kith/export_db.h"
#include "kith/interaction.h"
#include "kith/merge.h"
#include "kith/org.h"
#include "kith/powermap.h"
#include "kith/types.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"

#define WINDOW IO_WINDOW

/* ---- JSON pieces ------------------------------------------------------------------------ */

static void
json_kv(struct strbuf *sb, const char *k, const char *v, bool *first)
{
	sb_append(sb, *first ? "{" : ", ");
	*first = false;
	sb_json_str(sb, k);
	sb_append(sb, ": ");
	if (v)
		sb_json_str(sb, v);
	else
		sb_append(sb, "null");
}

static void
json_num(struct strbuf *sb, const char *k, long long v, bool null_if_zero, bool *first)
{
	sb_append(sb, *first ? "{" : ", ");
	*first = false;
	sb_json_str(sb, k);
	if (null_if_zero && !v)
		sb_append(sb, ": null");
	else
		sb_printf(sb, ": %lld", v);
}

static void
json_channels(struct strbuf *sb, const char *k, const struct kith_channel *ch, size_t n)
{
	sb_append(sb, ", ");
	sb_json_str(sb, k);
	sb_append(sb, ": [");
	for (size_t i = 0; i < n; i++) {
		bool f = true;
		if (i)
			sb_append(sb, ", ");
		json_kv(sb, "label", ch[i].label, &f);
		json_kv(sb, "value", ch[i].value, &f);
		sb_appendc(sb, '}');
	}
	sb_appendc(sb, ']');
}

static void
json_strv(struct strbuf *sb, const char *k, char *const *v, size_t n)
{
	sb_append(sb, ", ");
	sb_json_str(sb, k);
	sb_append(sb, ": [");
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_append(sb, ", ");
		sb_json_str(sb, v[i]);
	}
	sb_appendc(sb, ']');
}

struct extras_out {
	struct strbuf *sb;
	int n;
};

static int
extra_json(void *ud, const char *source, const char *name, const char *value)
{
	struct extras_out *x = ud;
	bool f = true;

	if (x->n++)
		sb_append(x->sb, ", ");
	json_kv(x->sb, "source", source, &f);
	json_kv(x->sb, "name", name, &f);
	json_kv(x->sb, "value", value, &f);
	sb_appendc(x->sb, '}');
	return 0;
}

static enum kith_status
json_extras(struct kdb *db, struct strbuf *sb, const char *entity, int64_t id,
	    struct kith_err *err)
{
	struct extras_out x = { sb, 0 };
	enum kith_status rc;

	sb_append(sb, ", \"extra\": [");
	rc = import_extra_list(db, entity, id, extra_json, &x, err);
	sb_appendc(sb, ']');
	return rc;
}

static void
write_contact_json(struct io_out *o, const struct kith_contact *c, const char *org,
		   const char *title)
{
	struct strbuf *sb = &o->sb;
	char tier[2] = { c->tier, 0 };
	bool f = true;

	json_num(sb, "id", c->id, false, &f);
	json_kv(sb, "name", c->display_name, &f);
	json_kv(sb, "prefix", c->prefix, &f);
	json_kv(sb, "uid", c->uid, &f);
	json_kv(sb, "given_name", c->given_name, &f);
	json_kv(sb, "family_name", c->family_name, &f);
	json_kv(sb, "pronouns", c->pronouns, &f);
	json_channels(sb, "emails", c->emails, c->n_emails);
	json_channels(sb, "phones", c->phones, c->n_phones);
	json_channels(sb, "handles", c->handles, c->n_handles);
	json_strv(sb, "nicknames", c->nicknames, c->n_nicknames);
	json_strv(sb, "tags", c->tags, c->n_tags);
	json_kv(sb, "organisation", str_empty(org) ? NULL : org, &f);
	json_kv(sb, "title", str_empty(title) ? NULL : title, &f);
	json_kv(sb, "address", c->address, &f);
	json_kv(sb, "district", c->district, &f);
	json_kv(sb, "birthday", c->birthday, &f);
	json_kv(sb, "how_met", c->how_met, &f);
	json_num(sb, "met_event_id", c->met_event_id, true, &f);
	json_num(sb, "introducer_id", c->introducer_id, true, &f);
	json_num(sb, "influence", c->influence, true, &f);
	json_num(sb, "alignment", c->alignment, false, &f);
	json_kv(sb, "tier", c->tier ? tier : NULL, &f);
	if (c->cadence_days >= 0)
		json_num(sb, "cadence_days", c->cadence_days, false, &f);
	else
		json_kv(sb, "cadence_days", NULL, &f);
	json_kv(sb, "notes", c->notes, &f);
	sb_append(sb, c->archived ? ", \"archived\": true" : ", \"archived\": false");
	json_kv(sb, "last_contacted", c->last_at[0] ? c->last_at : NULL, &f);
	json_kv(sb, "created_at", c->created_at, &f);
}

/* ---- contacts: one walk for vCard, CSV and JSON ------------------------------------------- */

static void
contact_extras_json(struct strbuf *sb, const struct export_contact *e)
{
	struct extras_out x = { sb, 0 };

	sb_append(sb, ", \"extra\": [");
	for (size_t i = 0; i < e->n_extras; i++)
		extra_json(&x, e->extras[i].source, e->extras[i].name, e->extras[i].value);
	sb_appendc(sb, ']');
}

/* ---- vCard and CSV on two threads --------------------------------------------------------- */

/*
** Reading the contacts is four fifths of a vCard export (issue 14: no
** slower than abook's). With many contacts whose ids are dense (at most
** twice as many ids as contacts), the ids, smallest to largest, are cut
** into runs of WINDOW ids, and two threads, this one on its connection and
** a second on a read-only one of its own (export_reader_open: on the
** snapshot of this one's), each take the next run not yet taken, read it
** and format it into a buffer of their own. Runs are written in order by
** whichever thread finds the next one to write done, at most PAR_AHEAD
** runs ahead of the file: neither thread waits for the other's reading,
** and each does half the work whatever the other costs (start-up, the
** writes). The file is the one a single thread writes, byte for byte
** (check_export).
*/
/* PAR_AHEAD: on a busy machine one thread may be off its core for a few
   milliseconds holding the next run to write; the other goes on with up to
   this many runs (about 150 KB each) before it waits */
enum { PAR_MIN = 4 * WINDOW, PAR_AHEAD = 16 };
/* not even tried below this (opening the second connection costs a millisecond or two) */
#define PAR_MIN_BYTES (2LL << 20)

struct par {
	mtx_t mu;
	cnd_t cv;
	int64_t base, runs;         /* run k is the ids (base + k * WINDOW, base + (k + 1) * WINDOW] */
	int64_t next, written;      /* the next run to take; runs written so far */
	struct strbuf slot[PAR_AHEAD];   /* run k, done, waits in slot[k % PAR_AHEAD] */
	bool done[PAR_AHEAD];
	bool writing, stop;         /* a thread is writing; an error: take no more */
	enum kith_status rc;        /* the first error, and why */
	struct kith_err err;
	struct io_out *out;         /* the file */
};

/* One thread's part: its connection, its window, its text. */
struct par_part {
	struct par *p;
	struct kdb *db;
};

/* Run k's contacts, written to o->sb. */
static enum kith_status
par_write_run(struct kdb *db, struct io_out *o, struct export_window *w, int64_t base, int64_t k,
	      struct kith_err *err)
{
	enum kith_status rc = export_contact_window(db, base + k * WINDOW, base + (k + 1) * WINDOW,
						    WINDOW, w, err);

	for (int i = 0; !rc && i < w->n; i++) {
		if (o->o->format == IO_FMT_VCF)
			io_vcard_write(o, &w->v[i]);
		else
			io_csv_write(o, &w->v[i]);
	}
	return rc;
}

/*
** Write out every run done from the next one to write on, unless another
** thread is at it (it writes this one too). With p->mu held.
*/
static void
par_write_done(struct par *p)
{
	if (p->writing)
		return;
	p->writing = true;
	while (!p->stop && p->done[p->written % PAR_AHEAD]) {
		struct strbuf *t = &p->slot[p->written % PAR_AHEAD];
		mtx_unlock(&p->mu);
		io_out_write(p->out, t->buf, t->len);
		sb_reset(t);
		mtx_lock(&p->mu);
		p->done[p->written % PAR_AHEAD] = false;
		p->written++;
		cnd_broadcast(&p->cv);
	}
	p->writing = false;
}

static int
par_work(void *arg)
{
	struct par_part *part = arg;
	struct par *p = part->p;
	struct export_window w = {0};
	struct io_out o = { .o = p->out->o };
	struct kith_err err = {0};

	mtx_lock(&p->mu);
	for (;;) {
		enum kith_status rc;
		int64_t k;
		while (!p->stop && p->next < p->runs && p->next - p->written >= PAR_AHEAD)
			cnd_wait(&p->cv, &p->mu);
		if (p->stop || p->next >= p->runs)
			break;
		k = p->next++;
		mtx_unlock(&p->mu);
		sb_reset(&o.sb);
		rc = par_write_run(part->db, &o, &w, p->base, k, &err);
		mtx_lock(&p->mu);
		if (rc) {
			if (!p->stop) {
				p->rc = rc;
				p->err = err;
			}
			p->stop = true;
			cnd_broadcast(&p->cv);
			break;
		}
		/* the text to its slot, the slot's (emptied) buffer to be this thread's next */
		struct strbuf t = p->slot[k % PAR_AHEAD];
		p->slot[k % PAR_AHEAD] = o.sb;
		o.sb = t;
		p->done[k % PAR_AHEAD] = true;
		par_write_done(p);
	}
	mtx_unlock(&p->mu);
	export_window_free(&w);
	sb_free(&o.sb);
	sb_free(&o.line);
	return 0;
}

/*
** The contacts with ids lo..hi on this thread and on a second one reading
** from rd. False if there was no lock to be had (nothing done).
*/
static bool
export_contacts_par(struct io_out *o, struct kdb *db, struct kdb *rd, int64_t lo, int64_t hi,
		    enum kith_status *rc, struct kith_err *err)
{
	struct par p = { .base = lo - 1, .runs = (hi - lo) / WINDOW + 1, .out = o };
	struct par_part mine = { &p, db }, other = { &p, rd };
	bool threaded;
	thrd_t t;

	if (mtx_init(&p.mu, mtx_plain) != thrd_success)
		return false;
	if (cnd_init(&p.cv) != thrd_success) {
		mtx_destroy(&p.mu);
		return false;
	}
	/* no second thread to be had: every run on this one */
	threaded = thrd_create(&t, par_work, &other) == thrd_success;
	par_work(&mine);
	if (threaded)
		thrd_join(t, NULL);
	for (int i = 0; i < PAR_AHEAD; i++)
		sb_free(&p.slot[i]);
	cnd_destroy(&p.cv);
	mtx_destroy(&p.mu);
	if ((*rc = p.rc) && err)
		*err = p.err;
	return true;
}

/* The contacts in windows of WINDOW, each window read with a few statements (export_db.c). */
static enum kith_status
export_contacts(struct io_out *o, struct kdb *db, struct kith_err *err)
{
	struct export_window w = {0};
	int64_t after = 0;
	size_t given = 0;
	enum kith_status rc = KITH_OK;
	long count = 0;

	if (o->o->format == IO_FMT_CSV)
		io_csv_header(&o->sb);
	if (!o->o->ids && (o->o->format == IO_FMT_VCF || o->o->format == IO_FMT_CSV)) {
		struct kdb *rd = export_reader_open(db, PAR_MIN_BYTES);
		int64_t n, lo, hi;
		if (rd && (rc = export_contact_span(db, &n, &lo, &hi, err))) {
			export_reader_close(db, rd);
			return rc;
		}
		io_out_flush(o);
		if (rd && n >= PAR_MIN && hi - lo < 2 * n &&
		    export_contacts_par(o, db, rd, lo, hi, &rc, err)) {
			export_reader_close(db, rd);
			return rc;
		}
		export_reader_close(db, rd);
	}
	w.all = o->o->format == IO_FMT_JSON;
	do {
		if (o->o->ids) {            /* the given contacts only: one window each */
			if (given == o->o->n_ids) {
				w.n = 0;
				break;
			}
			rc = export_contact_window(db, o->o->ids[given] - 1, INT64_MAX, 1, &w, err);
			if (rc == KITH_OK && (w.n != 1 || w.v[0].c.id != o->o->ids[given]))
				rc = kith_err_set(err, KITH_NOTFOUND, "contact #%lld: no such contact",
						  (long long)o->o->ids[given]);
			if (rc)
				break;
			given++;
		} else if ((rc = export_contact_window(db, after, INT64_MAX, WINDOW, &w, err))) {
			break;
		}
		for (int i = 0; i < w.n; i++) {
			const struct export_contact *e = &w.v[i];
			if (o->o->format == IO_FMT_VCF) {
				io_vcard_write(o, e);
			} else if (o->o->format == IO_FMT_CSV) {
				io_csv_write(o, e);
			} else {
				sb_append(&o->sb, count ? ",\n    " : "\n    ");
				write_contact_json(o, &e->c, e->org, e->title);
				contact_extras_json(&o->sb, e);
				sb_appendc(&o->sb, '}');
			}
			count++;
			if (o->sb.len > 65536)
				io_out_flush(o);
		}
		after = w.last_id;
	} while (w.n == WINDOW || (o->o->ids && w.n));
	export_window_free(&w);
	if (rc)
		return rc;
	io_out_flush(o);
	return KITH_OK;
}

/* ---- JSON ------------------------------------------------------------------------------------ */

/*
** Start the next element of a JSON array: a block's each on a line of its
** own (",\n    " between them), else ", " between them. Returns w's text.
*/
static struct strbuf *
json_next(struct io_walk *w, bool block)
{
	sb_append(&w->o->sb, block ? (w->n++ ? ",\n    " : "\n    ") : (w->n++ ? ", " : ""));
	return &w->o->sb;
}

static int
org_json(void *ud, const struct kith_org *org, const char *parent_name)
{
	struct io_walk *w = ud;
	struct strbuf *sb = json_next(w, true);
	bool f = true;

	(void)parent_name;
	json_num(sb, "id", org->id, false, &f);
	json_kv(sb, "name", org->name, &f);
	json_kv(sb, "kind", kith_org_kind_name(org->kind), &f);
	json_kv(sb, "description", org->description, &f);
	json_num(sb, "influence", org->influence, true, &f);
	json_num(sb, "parent_id", org->parent_id, true, &f);
	sb_appendc(sb, '}');
	if (w->o->sb.len > 65536)
		io_out_flush(w->o);
	return 0;
}

/* Every organisation through fn, in name order (export_db.c), then the rest written out. */
static enum kith_status
walk_orgs(struct io_walk *w, export_org_fn fn, struct kith_err *err)
{
	enum kith_status rc = export_orgs(w->db, fn, w, err);

	io_out_flush(w->o);
	return rc;
}

/* An organisation's own vCard (vcard_write.c), with its parent's name. */
static int
org_vcard(void *ud, const struct kith_org *org, const char *parent_name)
{
	struct io_walk *w = ud;

	w->n++;
	io_vcard_write_org(w->o, org, parent_name);
	if (w->o->sb.len > 65536)
		io_out_flush(w->o);
	return 0;
}

/* vCard: the contacts, then the organisations' own cards (not for chosen contacts). */
static enum kith_status
export_vcf(struct io_out *o, struct kdb *db, struct kith_err *err)
{
	struct io_walk ow = { o, db, 0 };
	enum kith_status rc;

	if ((rc = export_contacts(o, db, err)) || o->o->ids)
		return rc;
	return walk_orgs(&ow, org_vcard, err);
}

static int
attendee_json(void *ud, const struct attendance_row *r)
{
	struct strbuf *sb = json_next(ud, false);
	bool f = true;

	json_num(sb, "contact_id", r->contact_id, false, &f);
	json_kv(sb, "role", kith_attend_role_name(r->role), &f);
	json_kv(sb, "status", kith_attend_status_name(r->status), &f);
	sb_appendc(sb, '}');
	return 0;
}

struct ia_walk {
	struct io_out *o;
	struct kdb *db;
	long n;
	int64_t last;
	int rows;
};

static int
interaction_json(void *ud, const struct interaction_row *r)
{
	struct ia_walk *w = ud;
	struct kith_interaction ia;
	struct strbuf *sb = &w->o->sb;
	bool f = true;

	w->last = r->id;
	w->rows++;
	if (interaction_get(w->db, r->id, &ia, NULL) != KITH_OK)
		return 0;
	sb_append(sb, w->n++ ? ",\n    " : "\n    ");
	json_num(sb, "id", r->id, false, &f);
	json_kv(sb, "at", ia.at, &f);
	json_kv(sb, "kind", kith_interaction_kind_name(ia.kind), &f);
	json_kv(sb, "summary", ia.summary, &f);
	json_kv(sb, "body", ia.body, &f);
	json_num(sb, "event_id", ia.event_id, true, &f);
	sb_append(sb, ", \"contact_ids\": [");
	for (size_t i = 0; i < ia.n_contacts; i++)
		sb_printf(sb, "%s%lld", i ? ", " : "", (long long)ia.contact_ids[i]);
	sb_append(sb, "]}");
	interaction_free(&ia);
	if (sb->len > 65536)
		io_out_flush(w->o);
	return 0;
}

struct dump_out {
	struct io_out *o;
	long n;
};

static int
dump_row(void *ud, int ncols, const char *const *names, const char *const *values,
	 const bool *is_num)
{
	struct dump_out *d = ud;
	struct strbuf *sb = &d->o->sb;

	sb_append(sb, d->n++ ? ",\n    {" : "\n    {");
	for (int i = 0; i < ncols; i++) {
		if (i)
			sb_append(sb, ", ");
		sb_json_str(sb, names[i]);
		sb_append(sb, ": ");
		if (!values[i])
			sb_append(sb, "null");
		else if (is_num[i])
			sb_append(sb, values[i]);
		else
			sb_json_str(sb, values[i]);
	}
	sb_appendc(sb, '}');
	if (sb->len > 65536)
		io_out_flush(d->o);
	return 0;
}

/* One whole table as a JSON array member: ',\n  "name": [...]' */
static enum kith_status
json_table(struct io_out *o, struct kdb *db, const char *name, enum dump_table t,
	   struct kith_err *err)
{
	struct dump_out d = { o, 0 };
	int64_t after = 0;
	int n;
	enum kith_status rc;

	sb_printf(&o->sb, ",\n  \"%s\": [", name);
	do {
		if ((rc = db_dump_window(db, t, after, WINDOW, dump_row, &d, &after, &n, err)))
			return rc;
		io_out_flush(o);
	} while (n == WINDOW);
	sb_append(&o->sb, "\n  ]");
	return KITH_OK;
}

static int
placement_json(void *ud, const struct placement_row *r)
{
	struct strbuf *sb = json_next(ud, false);
	bool f = true;

	json_num(sb, "contact_id", r->contact_id, true, &f);
	json_num(sb, "org_id", r->org_id, true, &f);
	json_num(sb, "influence", r->influence, false, &f);
	json_num(sb, "alignment", r->alignment, false, &f);
	json_kv(sb, "note", r->note, &f);
	json_kv(sb, "assessed_at", r->assessed_at, &f);
	sb_appendc(sb, '}');
	return 0;
}

static int
map_json(void *ud, const struct map_row *r)
{
	struct io_walk *w = ud;
	struct io_walk pw = { w->o, w->db, 0 };
	struct strbuf *sb = json_next(w, true);
	bool f = true;

	json_num(sb, "id", r->id, false, &f);
	json_kv(sb, "name", r->name, &f);
	json_kv(sb, "goal", r->goal, &f);
	json_num(sb, "primary_target_id", r->primary_target_id, true, &f);
	sb_append(sb, ", \"placements\": [");
	placement_list(w->db, r->id, NULL, placement_json, &pw, NULL);
	sb_append(sb, "]}");
	io_out_flush(w->o);
	return 0;
}

static enum kith_status
event_json(struct io_out *o, struct kdb *db, struct io_row *r, struct kith_err *err)
{
	const struct kith_event *e = &r->ev;
	struct io_walk a = { o, db, 0 };
	bool f = true;
	enum kith_status rc;

	sb_append(&o->sb, r->i ? ",\n    " : "\n    ");
	json_num(&o->sb, "id", r->id, false, &f);
	json_kv(&o->sb, "title", e->title, &f);
	json_kv(&o->sb, "kind", kith_event_kind_name(e->kind), &f);
	json_kv(&o->sb, "start", e->start_at, &f);
	json_kv(&o->sb, "end", e->end_at, &f);
	sb_append(&o->sb, e->all_day ? ", \"all_day\": true" : ", \"all_day\": false");
	json_kv(&o->sb, "location", e->location, &f);
	json_num(&o->sb, "host_org_id", e->host_org_id, true, &f);
	json_kv(&o->sb, "notes", e->notes, &f);
	json_kv(&o->sb, "rrule", e->rrule, &f);
	json_kv(&o->sb, "uid", e->uid, &f);
	sb_append(&o->sb, ", \"attendance\": [");
	rc = attendance_list_for_event(db, r->id, attendee_json, &a, err);
	sb_appendc(&o->sb, ']');
	if (!rc)
		rc = json_extras(db, &o->sb, "event", r->id, err);
	sb_appendc(&o->sb, '}');
	return rc;
}

static enum kith_status
followup_json(struct io_out *o, struct kdb *db, struct io_row *r, struct kith_err *err)
{
	const struct kith_followup *fu = &r->fu;
	char *uid = followup_uid(db, r->id);
	bool f = true;

	(void)err;
	sb_append(&o->sb, r->i ? ",\n    " : "\n    ");
	json_num(&o->sb, "id", r->id, false, &f);
	json_num(&o->sb, "contact_id", fu->contact_id, true, &f);
	json_num(&o->sb, "event_id", fu->event_id, true, &f);
	json_kv(&o->sb, "kind", kith_followup_kind_name(fu->kind), &f);
	json_kv(&o->sb, "title", fu->title, &f);
	json_kv(&o->sb, "due", fu->due, &f);
	json_num(&o->sb, "priority", fu->priority, false, &f);
	json_kv(&o->sb, "status", kith_followup_status_name(fu->status), &f);
	json_kv(&o->sb, "direction", kith_direction_name(fu->direction), &f);
	json_kv(&o->sb, "notes", fu->notes, &f);
	json_kv(&o->sb, "done_at", fu->done_at[0] ? fu->done_at : NULL, &f);
	json_kv(&o->sb, "uid", uid, &f);
	sb_appendc(&o->sb, '}');
	free(uid);
	return KITH_OK;
}

static enum kith_status
export_json(struct io_out *o, struct kdb *db, struct kith_err *err)
{
	enum kith_status rc;
	struct io_walk ow = { o, db, 0 };
	struct ia_walk iw = { o, db, 0, 0, 0 };

	sb_printf(&o->sb, "{\n  \"kith\": \"%s\",\n  \"contacts\": [", KITH_VERSION_STR);
	if ((rc = export_contacts(o, db, err)))
		return rc;
	sb_append(&o->sb, "\n  ],\n  \"organisations\": [");
	if ((rc = walk_orgs(&ow, org_json, err)))
		return rc;
	sb_append(&o->sb, "\n  ],\n  \"events\": [");
	if ((rc = io_each_row(o, db, IO_EVENTS, event_json, err)))
		return rc;
	sb_append(&o->sb, "\n  ],\n  \"followups\": [");
	if ((rc = io_each_row(o, db, IO_ALL_FOLLOWUPS, followup_json, err)))
		return rc;
	sb_append(&o->sb, "\n  ],\n  \"interactions\": [");
	do {
		iw.rows = 0;
		if ((rc = interaction_list_recent(db, iw.last, WINDOW, interaction_json, &iw, err)))
			return rc;
		io_out_flush(o);
	} while (iw.rows == WINDOW);
	sb_append(&o->sb, "\n  ]");
	if ((rc = json_table(o, db, "roles", DUMP_ROLES, err)) ||
	    (rc = json_table(o, db, "relationships", DUMP_RELATIONSHIPS, err)))
		return rc;
	{
		struct io_walk mw = { o, db, 0 };
		sb_append(&o->sb, ",\n  \"maps\": [");
		if ((rc = map_list(db, map_json, &mw, err)))
			return rc;
		sb_append(&o->sb, "\n  ]");
	}
	if ((rc = json_table(o, db, "map_targets", DUMP_MAP_TARGETS, err)) ||
	    (rc = json_table(o, db, "placement_moves", DUMP_PLACEMENT_MOVES, err)))
		return rc;
	sb_append(&o->sb, "\n}\n");
	io_out_flush(o);
	return KITH_OK;
}

/* ---- dispatch ------------------------------------------------------------------------------- */

/* The exporters by format: adding a format is a line here and one in KITH_IO_FORMATS. */
static enum kith_status (*const exporters[IO_FMT_COUNT_])(struct io_out *, struct kdb *,
							 struct kith_err *) = {
	[IO_FMT_VCF] = export_vcf,
	[IO_FMT_CSV] = export_contacts,
	[IO_FMT_ICS] = io_ics_export,
	[IO_FMT_JSON] = export_json,
};

enum kith_status
io_export(struct kdb *db, FILE *f, const struct io_export_opts *opts, struct kith_err *err)
{
	struct io_out o = { .f = f, .o = opts };
	enum kith_status rc;
	bool started;

	if (opts->format < 0 || opts->format >= IO_FMT_COUNT_ || !exporters[opts->format])
		return kith_err_set(err, KITH_INVALID, "format %s: kith cannot export it",
				    io_format_name(opts->format));
	if (opts->ids && opts->format != IO_FMT_VCF && opts->format != IO_FMT_CSV)
		return kith_err_set(err, KITH_INVALID, "format %s: chosen contacts export as vcf "
				    "or csv", io_format_name(opts->format));
	if (opts->vcard_version && opts->vcard_version != 30 && opts->vcard_version != 40)
		return kith_err_set(err, KITH_INVALID, "vCard version: must be 3.0 or 4.0");
	/* one read transaction: a consistent snapshot while writers go on */
	if ((rc = kdb_read_begin(db, &started, err)))
		return rc;
	rc = exporters[opts->format](&o, db, err);
	kdb_read_end(db, started);
	io_out_flush(&o);
	sb_free(&o.sb);
	sb_free(&o.line);
	errno = 0;
	if (rc == KITH_OK && (fflush(f) != 0 || ferror(f)))
		return kith_err_set(err, KITH_IO, "write failed: %s", strerror(errno ? errno : EIO));
	return rc;
}
