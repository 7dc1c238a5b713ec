/*
 * export_db.c: the exporter's reads. A window of contacts is read with one
 * statement per table (the contacts, their last touch, channels,
 * nicknames, tags, current role, fields kept aside), each ordered by
 * contact id and merged into the window as it goes. Reading a contact
 * with contact_get and its neighbours cost about seven statements, each
 * run per contact; here each runs once per few hundred (issue 14).
 *
 * The text is copied into blocks the window keeps from one window to the
 * next: no allocation per field.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kith/export_db.h"
#include "kith/org.h"
#include "kith/types.h"
#include "kith/xalloc.h"

/* ---- the window's text ------------------------------------------------------------------ */

enum { BLOCK = 64 * 1024 };

struct block {
	struct block *next;
	size_t used, size;
	char text[];
};

struct export_arena {
	struct block *first, *cur;
};

static void
arena_reset(struct export_arena *a)
{
	for (struct block *b = a->first; b; b = b->next)
		b->used = 0;
	a->cur = a->first;
}

static void
arena_free(struct export_arena *a)
{
	struct block *b = a->first, *next;

	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

/* A copy of n bytes and a NUL, in the window's blocks. */
static char *
arena_copy(struct export_arena *a, const char *s, size_t n)
{
	struct block *b = a->cur;
	char *out;

	while (b && b->size - b->used < n + 1)
		b = b->next;        /* a later block (kept from an earlier window) may have room */
	if (!b) {
		size_t size = n + 1 > BLOCK ? n + 1 : BLOCK;
		b = xmalloc(sizeof *b + size);
		b->used = 0;
		b->size = size;
		b->next = NULL;
		if (a->cur) {
			b->next = a->cur->next;
			a->cur->next = b;
		} else {
			b->next = a->first;
			a->first = b;
		}
	}
	a->cur = b;
	out = b->text + b->used;
	memcpy(out, s, n);
	out[n] = '\0';
	b->used += n + 1;
	return out;
}

/*
** Column i as text in the window, "" for NULL: one call into SQLite (each
** costs), its length by strlen (the writers read C strings), no copy of
** an empty one (most of a contact's columns are).
*/
static const char *
col_text(struct export_window *w, sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);

	if (!t || !*t)
		return "";
	return arena_copy(w->arena, t, strlen(t));
}

/* The same with NULL for SQL NULL (as db_col_dup), for the columns that may be. */
static const char *
col(struct export_window *w, sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);

	if (!t)
		return NULL;
	return *t ? arena_copy(w->arena, t, strlen(t)) : "";
}

/* ---- lists ------------------------------------------------------------------------------ */

/* Where each contact's lists start while the window is read (pointers are set at the end). */
enum { OFF_EMAIL, OFF_PHONE, OFF_HANDLE, OFF_NICK, OFF_TAG, OFF_EXTRA, OFF_N };

struct export_pending {
	size_t off[OFF_N];
	const char *role_start;     /* the role chosen so far: its start (NULL: none) and id */
	int64_t role_id;
};

#define OFF(w, i, k) ((w)->pend[i].off[k])

/*
** Step st (bound to the window's ids, its first column a contact id in
** ascending order) and hand each row with the index of its contact.
*/
static enum kith_status
merge_rows(struct kdb *db, struct export_window *w, sqlite3_stmt *st,
	   void (*row)(struct export_window *, int, sqlite3_stmt *), const char *what,
	   struct kith_err *err)
{
	int i = 0, step;

	sqlite3_bind_int64(st, 1, w->v[0].c.id - 1);
	sqlite3_bind_int64(st, 2, w->last_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		while (i < w->n && w->v[i].c.id < id)
			i++;
		if (i < w->n && w->v[i].c.id == id)
			row(w, i, st);
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return db_error(db, err, what);
	return KITH_OK;
}

/* Column i into out[size], cut to fit ("" for NULL). */
static void
copy_text(char *out, size_t size, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	size_t n = t ? (size_t)sqlite3_column_bytes(st, i) : 0;

	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(out, t, n);
	out[n] = '\0';
}

static void
stat_row(struct export_window *w, int i, sqlite3_stmt *st)
{
	copy_text(w->v[i].c.last_at, sizeof w->v[i].c.last_at, st, 1);
}

static void
channel_row(struct export_window *w, int i, sqlite3_stmt *st)
{
	const char *kind = (const char *)sqlite3_column_text(st, 1);
	struct kith_contact *c = &w->v[i].c;
	size_t *n;
	int k;

	if (kind && !strcmp(kind, "email"))
		k = OFF_EMAIL, n = &c->n_emails;
	else if (kind && !strcmp(kind, "phone"))
		k = OFF_PHONE, n = &c->n_phones;
	else
		k = OFF_HANDLE, n = &c->n_handles;
	if (!*n)
		OFF(w, i, k) = w->n_ch;
	else if (OFF(w, i, k) + *n != w->n_ch)
		return;                 /* not next to its kind: cannot be (ordered by kind) */
	if (w->n_ch == w->cap_ch) {
		w->cap_ch = w->cap_ch ? 2 * w->cap_ch : 1024;
		w->ch = xreallocarray(w->ch, w->cap_ch, sizeof *w->ch);
	}
	w->ch[w->n_ch].label = (char *)col_text(w, st, 2);
	w->ch[w->n_ch].value = (char *)col_text(w, st, 3);
	w->n_ch++;
	(*n)++;
}

static void
push_str(struct export_window *w, int i, int k, size_t *n, const char *s)
{
	if (!*n)
		OFF(w, i, k) = w->n_strs;
	if (w->n_strs == w->cap_strs) {
		w->cap_strs = w->cap_strs ? 2 * w->cap_strs : 1024;
		w->strs = xreallocarray(w->strs, w->cap_strs, sizeof *w->strs);
	}
	w->strs[w->n_strs++] = (char *)s;
	(*n)++;
}

static void
nick_row(struct export_window *w, int i, sqlite3_stmt *st)
{
	/* a contact's nicknames come together (ordered by contact, then rowid) */
	push_str(w, i, OFF_NICK, &w->v[i].c.n_nicknames, col_text(w, st, 1));
}

static void
tag_row(struct export_window *w, int i, sqlite3_stmt *st)
{
	push_str(w, i, OFF_TAG, &w->v[i].c.n_tags, col_text(w, st, 1));
}

/*
** The newest current role (the latest start, no start counting as the
** earliest; then the highest id), as contact_current_org and _seat choose
** it: compared here, so that the rows come in the index's order, unsorted.
*/
static void
role_row(struct export_window *w, int i, sqlite3_stmt *st)
{
	struct export_contact *e = &w->v[i];
	const char *start = (const char *)sqlite3_column_text(st, 4);
	int64_t id = sqlite3_column_int64(st, 5);

	struct export_pending *p = &w->pend[i];

	if (e->org) {
		int cmp = !start ? (p->role_start ? -1 : 0) : !p->role_start ? 1 :
			  strcmp(start, p->role_start);
		if (cmp < 0 || (cmp == 0 && id < p->role_id))
			return;
	}
	e->org = col_text(w, st, 1);
	e->title = col_text(w, st, 2);
	e->seat = col(w, st, 3);
	p->role_start = col(w, st, 4);
	p->role_id = id;
}

static void
extra_row(struct export_window *w, int i, sqlite3_stmt *st)
{
	struct export_contact *e = &w->v[i];

	if (!e->n_extras)
		OFF(w, i, OFF_EXTRA) = w->n_ex;
	if (w->n_ex == w->cap_ex) {
		w->cap_ex = w->cap_ex ? 2 * w->cap_ex : 256;
		w->ex = xreallocarray(w->ex, w->cap_ex, sizeof *w->ex);
	}
	w->ex[w->n_ex].source = col_text(w, st, 1);
	w->ex[w->n_ex].name = col_text(w, st, 2);
	w->ex[w->n_ex].value = col_text(w, st, 3);
	w->n_ex++;
	e->n_extras++;
}

/* ---- the window ------------------------------------------------------------------------- */

static void
contact_row(struct export_window *w, sqlite3_stmt *st)
{
	struct export_contact *e = &w->v[w->n++];
	struct kith_contact *c = &e->c;
	const char *t;

	memset(e, 0, sizeof *e);
	memset(&w->pend[w->n - 1], 0, sizeof w->pend[0]);
	c->id = sqlite3_column_int64(st, 0);
	c->display_name = (char *)col_text(w, st, 1);
	c->given_name = (char *)col_text(w, st, 2);
	c->family_name = (char *)col_text(w, st, 3);
	c->pronouns = (char *)col_text(w, st, 4);
	c->address = (char *)col_text(w, st, 5);
	c->district = (char *)col_text(w, st, 6);
	c->birthday = (char *)col(w, st, 7);
	c->how_met = (char *)col_text(w, st, 8);
	c->influence = sqlite3_column_int(st, 9);
	c->alignment = sqlite3_column_int(st, 10);
	t = (const char *)sqlite3_column_text(st, 11);
	c->tier = t ? t[0] : 0;
	c->cadence_days = sqlite3_column_int(st, 12);      /* -1 for NULL (the query's) */
	c->notes = (char *)col_text(w, st, 13);
	c->archived = sqlite3_column_int(st, 14) != 0;
	c->prefix = (char *)col_text(w, st, 15);
	c->uid = (char *)col(w, st, 16);
	e->title = "";
	if (!w->all)
		return;
	c->met_event_id = sqlite3_column_int64(st, 17);
	c->introducer_id = sqlite3_column_int64(st, 18);
	copy_text(c->created_at, sizeof c->created_at, st, 19);
	copy_text(c->updated_at, sizeof c->updated_at, st, 20);
}

/* Point each contact's lists into the window's arrays (which no longer move). */
static void
link_lists(struct export_window *w)
{
	for (int i = 0; i < w->n; i++) {
		struct export_contact *e = &w->v[i];
		struct kith_contact *c = &e->c;
		const size_t *off = w->pend[i].off;
		c->emails = c->n_emails ? w->ch + off[OFF_EMAIL] : NULL;
		c->phones = c->n_phones ? w->ch + off[OFF_PHONE] : NULL;
		c->handles = c->n_handles ? w->ch + off[OFF_HANDLE] : NULL;
		c->nicknames = c->n_nicknames ? w->strs + off[OFF_NICK] : NULL;
		c->tags = c->n_tags ? w->strs + off[OFF_TAG] : NULL;
		e->extras = e->n_extras ? w->ex + off[OFF_EXTRA] : NULL;
		if (!e->org)
			e->org = "";
	}
}

enum kith_status
export_contact_window(struct kdb *db, int64_t after, int64_t upto, int limit,
		      struct export_window *w, struct kith_err *err)
{
	/* the vCard's and CSV's columns, then (w->all) what only the JSON export writes:
	   each column read costs, and so does each call to read one */
#define CONTACT_COLUMNS "SELECT id, display_name, given_name, family_name, pronouns, address, " \
		"district, birthday, how_met, influence, alignment, tier, " \
		"coalesce(cadence_days, -1), notes, archived, prefix, uid"
#define CONTACT_WINDOW "FROM contact WHERE id > ?1 AND id <= ?3 ORDER BY id LIMIT ?2"
	static const char q_contact[] =
		CONTACT_COLUMNS ", met_event_id, introducer_id, created_at, updated_at " CONTACT_WINDOW;
	static const char q_contact_card[] = CONTACT_COLUMNS " " CONTACT_WINDOW;
#undef CONTACT_COLUMNS
#undef CONTACT_WINDOW
	/* each: the window's ids are (?1, ?2], the first column the contact's id */
	static const char q_stat[] =
		"SELECT contact_id, last_at FROM contact_stat "
		"WHERE contact_id > ?1 AND contact_id <= ?2 ORDER BY contact_id";
	static const char q_channel[] =
		"SELECT contact_id, kind, label, value FROM contact_channel "
		"WHERE contact_id > ?1 AND contact_id <= ?2 ORDER BY contact_id, kind, position, id";
	static const char q_nick[] =
		"SELECT contact_id, nickname FROM contact_nickname "
		"WHERE contact_id > ?1 AND contact_id <= ?2 ORDER BY contact_id, rowid";
	static const char q_tag[] =
		"SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
		"WHERE ct.contact_id > ?1 AND ct.contact_id <= ?2 ORDER BY ct.contact_id, t.name";
	/* the current roles (role_row keeps the newest) */
	static const char q_role[] =
		"SELECT r.contact_id, coalesce(o.name, ''), r.title, "
		"CASE WHEN r.org_id IS NULL THEN r.seat END, r.start_date, r.id "
		"FROM role r LEFT JOIN organisation o ON o.id = r.org_id "
		"WHERE r.contact_id > ?1 AND r.contact_id <= ?2 AND r.end_date IS NULL "
		"ORDER BY r.contact_id";
	/* 'contact' written out: a bound value would re-prepare the statement on every
	   run (the planner weighs it against import_extra's partial index) */
	static const char q_extra[] =
		"SELECT entity_id, source, name, value FROM import_extra "
		"WHERE entity = 'contact' AND entity_id > ?1 AND entity_id <= ?2 "
		"ORDER BY entity_id, id";
	static const struct {
		const char *sql;
		void (*row)(struct export_window *, int, sqlite3_stmt *);
		const char *what;
	} lists[] = {
		{ q_stat, stat_row, "last contact" }, { q_channel, channel_row, "channels" },
		{ q_nick, nick_row, "nicknames" }, { q_tag, tag_row, "tags" },
		{ q_role, role_row, "roles" }, { q_extra, extra_row, "fields kept aside" },
	};
	sqlite3_stmt *st;
	enum kith_status rc;
	int step;

	if (!w->arena)
		w->arena = xcalloc(1, sizeof *w->arena);
	arena_reset(w->arena);
	w->n = 0;
	w->n_ch = w->n_strs = w->n_ex = 0;
	if (limit > w->cap) {
		w->v = xreallocarray(w->v, (size_t)limit, sizeof *w->v);
		w->pend = xreallocarray(w->pend, (size_t)limit, sizeof *w->pend);
		w->cap = limit;
	}
	if (!(st = db_stmt(db, w->all ? q_contact : q_contact_card, err)))
		return KITH_DB;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int64(st, 3, upto);
	while (w->n < limit && (step = sqlite3_step(st)) == SQLITE_ROW)
		contact_row(w, st);
	if (w->n < limit && step != SQLITE_DONE) {
		sqlite3_reset(st);
		w->n = 0;
		return db_error(db, err, "contacts");
	}
	sqlite3_reset(st);
	if (!w->n)
		return KITH_OK;
	w->last_id = w->v[w->n - 1].c.id;
	for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
		if (lists[k].row == stat_row && !w->all)
			continue;
		if (!(st = db_stmt(db, lists[k].sql, err)) ||
		    (rc = merge_rows(db, w, st, lists[k].row, lists[k].what, err))) {
			w->n = 0;
			return st ? rc : KITH_DB;
		}
	}
	link_lists(w);
	return KITH_OK;
}

enum kith_status
export_contact_span(struct kdb *db, int64_t *n, int64_t *lo, int64_t *hi, struct kith_err *err)
{
	/* each its own subquery: count(*) alone counts the pages of the smallest
	   index, min and max each descend the table once; asked together they
	   read every row (92 million instructions at 100,000 contacts, on the
	   export's critical path) */
	static const char sql[] = "SELECT (SELECT count(*) FROM contact), "
				  "coalesce((SELECT min(id) FROM contact), 0), "
				  "coalesce((SELECT max(id) FROM contact), 0)";
	sqlite3_stmt *st = db_stmt(db, sql, err);

	*n = *lo = *hi = 0;
	if (!st)
		return KITH_DB;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_error(db, err, "contacts");
	}
	*n = sqlite3_column_int64(st, 0);
	*lo = sqlite3_column_int64(st, 1);
	*hi = sqlite3_column_int64(st, 2);
	sqlite3_reset(st);
	return KITH_OK;
}

/* Bytes in the database's file and its WAL. */
static long long
file_bytes(const char *path)
{
	char wal[4200];
	struct stat sb;
	long long n = 0;

	if (stat(path, &sb) == 0)
		n += sb.st_size;
	snprintf(wal, sizeof wal, "%s-wal", path);
	if (stat(wal, &sb) == 0)
		n += sb.st_size;
	return n;
}

/* PRAGMA data_version of h (-1: unread). */
static long long
data_version(sqlite3 *h)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(h, "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
** The export's two connections read the file through a memory map (up to
** 1 GiB of it), not a pread and a copy of each page: at 100,000 contacts
** that is 12,000 system calls, a seventh of the export's CPU time. Only
** for the export (which only reads), and only on a file large enough to
** take the second connection.
*/
#define MMAP_ON "PRAGMA mmap_size = 1073741824"

struct kdb *
export_reader_open(struct kdb *db, long long min_bytes)
{
	const char *file = sqlite3_db_filename(db->h, "main");
	struct kdb *r = NULL;
	struct kith_err ignore;
	sqlite3_stmt *st;
	long long v0, v1;
	bool read;

	/* only in a read transaction begun and not yet read from (io_export's): its
	   snapshot is taken below, and the second connection's made equal to it */
	if (!file || !*file || db->depth > 0 || sqlite3_get_autocommit(db->h) ||
	    sqlite3_txn_state(db->h, NULL) != SQLITE_TXN_NONE || file_bytes(db->path) < min_bytes)
		return NULL;
	if (kdb_open(db->path, KDB_READONLY, &r, &ignore) != KITH_OK)
		return NULL;
	sqlite3_exec(r->h, MMAP_ON, NULL, NULL, NULL);
	/* data_version of the second connection changes if anyone commits between
	   its two reads; db's snapshot is taken between them */
	v0 = data_version(r->h);
	if (!(st = db_stmt(db, "SELECT 1 FROM contact LIMIT 1", &ignore))) {
		kdb_close(r);
		return NULL;
	}
	read = sqlite3_step(st) != SQLITE_ERROR;
	sqlite3_reset(st);
	if (!read || sqlite3_exec(r->h, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK ||
	    (v1 = data_version(r->h)) < 0 || v1 != v0) {
		kdb_close(r);
		return NULL;
	}
	/* db's snapshot is taken: its reads mapped too, until export_reader_close */
	sqlite3_exec(db->h, MMAP_ON, NULL, NULL, NULL);
	return r;
}

void
export_reader_close(struct kdb *db, struct kdb *r)
{
	if (!r)
		return;
	kdb_close(r);
	sqlite3_exec(db->h, "PRAGMA mmap_size = 0", NULL, NULL, NULL);
}

void
export_window_free(struct export_window *w)
{
	if (w->arena)
		arena_free(w->arena);
	free(w->v);
	free(w->pend);
	free(w->ch);
	free(w->strs);
	free(w->ex);
	memset(w, 0, sizeof *w);
}

/* ---- organisations ---------------------------------------------------------------------- */

enum kith_status
export_orgs(struct kdb *db, export_org_fn fn, void *ud, struct kith_err *err)
{
	static const char sql[] =
		"SELECT o.id, o.name, o.kind, o.description, o.influence, o.parent_id, p.name "
		"FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id "
		"ORDER BY o.name_key, o.id";
	sqlite3_stmt *st = db_stmt(db, sql, err);
	int step;

	if (!st)
		return KITH_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct kith_org o;
		o.id = sqlite3_column_int64(st, 0);
		o.name = (char *)db_col_text(st, 1);
		o.kind = kith_org_kind_parse(db_col_text(st, 2));
		if (o.kind < 0)
			o.kind = KITH_ORG_OTHER;
		o.description = (char *)db_col_text(st, 3);
		o.influence = sqlite3_column_int(st, 4);
		o.parent_id = sqlite3_column_int64(st, 5);
		if (fn(ud, &o, (const char *)sqlite3_column_text(st, 6))) {
			step = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return db_error(db, err, "organisations");
	return KITH_OK;
}
