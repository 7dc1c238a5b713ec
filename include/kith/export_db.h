/*
 * export_db.h: the exporter's reads (src/db/export_db.c). Whole windows of
 * contacts, each table read once per window in contact-id order and merged
 * as it goes, so an export costs a few statements per few hundred contacts
 * instead of several per contact.
 */
#ifndef KITH_EXPORT_DB_H
#define KITH_EXPORT_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kith/contact.h"
#include "kith/status.h"

struct kdb;

/* A field kept aside for a contact (import_extra), in the order kept. */
struct export_extra {
	const char *source, *name, *value;
};

/*
** One contact as the exporters write it. Every pointer (the contact's
** strings and lists included) points into the window that holds it and is
** valid until the window is read again or freed: never contact_free it.
** c.last_at, created_at, updated_at, met_event_id and introducer_id are
** filled when w->all.
*/
struct export_contact {
	struct kith_contact c;
	/* the newest current role: its organisation's name and title ("" if none),
	   and its seat when it has no organisation (else NULL) */
	const char *org, *title, *seat;
	const struct export_extra *extras;
	size_t n_extras;
};

struct export_arena;             /* the window's text, in blocks */
struct export_pending;

struct export_window {
	struct export_contact *v;
	int n;                       /* contacts in this window */
	int64_t last_id;             /* id of the last one (the next window starts after it) */
	/* storage, reused from window to window */
	int cap;
	struct kith_channel *ch;
	size_t n_ch, cap_ch;
	char **strs;
	size_t n_strs, cap_strs;
	struct export_extra *ex;
	size_t n_ex, cap_ex;
	struct export_arena *arena;
	struct export_pending *pend; /* where each contact's lists start, while reading */
	/* set by the caller: fill c.last_at, created_at, updated_at, met_event_id and
	   introducer_id too (else "" and 0) */
	bool all;
};

/*
** The next up to `limit` contacts with ids after `after` (0: from the
** first) and up to `upto` (INT64_MAX: all), in id order, into w (zeroed
** before the first call). w->n is 0 at the end.
*/
enum kith_status export_contact_window(struct kdb *db, int64_t after, int64_t upto, int limit,
				       struct export_window *w, struct kith_err *err);
void export_window_free(struct export_window *w);
/* How many contacts there are, and their smallest and largest ids (0 and 0: none). */
enum kith_status export_contact_span(struct kdb *db, int64_t *n, int64_t *lo, int64_t *hi,
				     struct kith_err *err);
/*
** A second connection to db's file, read-only, for reading windows on
** another thread beside db (export_reader_close it), its read transaction on the
** snapshot db's read transaction now takes; both then read the file
** through a memory map until export_reader_close. Only where db is in a read
** transaction begun and not yet read from (io_export's) and its file and
** WAL hold at least min_bytes; NULL otherwise, and for an in-memory
** database, or when another connection committed meanwhile.
*/
struct kdb *export_reader_open(struct kdb *db, long long min_bytes);
/* Close r (NULL: nothing) and end what export_reader_open set on db (its memory map). */
void export_reader_close(struct kdb *db, struct kdb *r);

struct kith_org;

/*
** Every organisation in name order (as org_list walks them), each with its
** parent's name (NULL: none), through fn; a non-zero return stops the walk.
** The strings are valid during the call only. One statement for them all:
** org_list and org_get for each (and its parent) cost 100,000 instructions
** an organisation, counting its members the export never writes.
*/
typedef int (*export_org_fn)(void *ud, const struct kith_org *o, const char *parent_name);
enum kith_status export_orgs(struct kdb *db, export_org_fn fn, void *ud, struct kith_err *err);

#endif
