/*
 * import.c: `kith import` and `:import`: a parsed file merged into the
 * database in one transaction.
 *
 * Merge rules. A contact record is the same person as an existing contact
 * when they share an email, or a phone (six digits or more) and their names
 * agree (an office line shared by two people does not make them one), or
 * the same folded name and the same current organisation (no organisation
 * matches a contact without a current role). A merge fills in what the contact
 * lacks (names, birthday, address, notes, emails, phones, handles,
 * nicknames, tags, a role when it has none) and never overwrites: a value
 * that differs from the contact's is kept in the side table under its
 * field name, and the report says so. An event is the same as one with its
 * iCalendar UID (without a UID: the same title and start); a to-do the
 * same as a follow-up with its UID (without: the same title and due date).
 * Fields kith has no column for go to the side table (import_extra), once.
 * So importing the same file twice changes nothing the second time.
 *
 * Errors. The whole import is one transaction and each record a savepoint
 * in it. A malformed record (from the parser, or refused by the data
 * layer) stops the import and rolls everything back, unless skip_invalid:
 * then it is reported with its line and the rest goes on. A dry run does
 * all the work, reports it, and rolls back.
 */
#include "io_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/db.h"
#include "kith/merge.h"
#include "kith/org.h"
#include "kith/types.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"

struct imp {
	struct kdb *db;
	const struct io_import_opts *o;
	struct io_import_stats *st;
	struct kith_err *err;       /* the error that stops the import */
	enum kith_status failed;
	size_t total;
	long n;
	struct strbuf line;
	/* Organisations found or made by this import, by their exact name (a
	   file names the same few hundred again and again), in slots by hash.
	   Emptied when a record's writes are rolled back: its new ones go. */
	struct org_slot {
		char *name;
		int64_t id;
	} *orgs;                    /* ORG_SLOTS, allocated on first use */
};

enum { ORG_SLOTS = 4096 };

static void
org_cache_clear(struct imp *im)
{
	if (!im->orgs)
		return;
	for (size_t i = 0; i < ORG_SLOTS; i++) {
		free(im->orgs[i].name);
		im->orgs[i].name = NULL;
	}
}

/* org_find(create) through the import's cache. */
static enum kith_status
org_cached(struct imp *im, const char *name, int64_t *id, struct kith_err *err)
{
	uint32_t h = 2166136261u;           /* FNV-1a */
	struct org_slot *slot;
	enum kith_status rc;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 16777619u;
	if (!im->orgs)
		im->orgs = xcalloc(ORG_SLOTS, sizeof *im->orgs);
	slot = &im->orgs[h % ORG_SLOTS];
	if (slot->name && !strcmp(slot->name, name)) {
		*id = slot->id;
		return KITH_OK;
	}
	if ((rc = org_find(im->db, name, true, id, err)))
		return rc;
	free(slot->name);
	slot->name = xstrdup(name);
	slot->id = *id;
	return KITH_OK;
}

static void
report(struct imp *im, const char *fmt, ...) KITH_PRINTF(2, 3);

static void
report(struct imp *im, const char *fmt, ...)
{
	va_list ap;

	if (!im->o->report)
		return;
	sb_reset(&im->line);
	va_start(ap, fmt);
	sb_vprintf(&im->line, fmt, ap);
	va_end(ap);
	im->o->report(im->o->ud, sb_str(&im->line));
}

/* ---- contacts --------------------------------------------------------------------- */

static bool
phone_usable(const char *v)
{
	int digits = 0;

	for (; *v; v++)
		digits += *v >= '0' && *v <= '9';
	return digits >= 6;
}

/* The record has no name of its own: it was named after its email, phone or organisation. */
static bool
derived_name(const struct io_contact_rec *r)
{
	return (r->c.n_phones && str_eq(r->c.display_name, r->c.phones[0].value)) ||
	       (r->c.n_emails && str_eq(r->c.display_name, r->c.emails[0].value)) ||
	       (r->org && str_eq(r->c.display_name, r->org) && str_empty(r->c.given_name) &&
		str_empty(r->c.family_name));
}

static int
row_name(void *ud, const struct contact_row *row)
{
	char **out = ud;

	*out = xstrdup(row->name);
	return 1;
}

/*
** A shared phone (an office line, a family landline) is not enough when the
** names say otherwise: the names must be the same folded, or one contain
** the other, or the record have no name of its own.
*/
static bool
names_compatible(struct imp *im, int64_t id, const struct io_contact_rec *r)
{
	char *have = NULL, *a, *b;
	bool ok;

	if (derived_name(r))
		return true;
	if (contact_row_get(im->db, id, row_name, &have, NULL) != KITH_OK || !have)
		return true;
	a = utf8_fold(have);
	b = utf8_fold(r->c.display_name);
	ok = !strcmp(a, b) || strstr(a, b) || strstr(b, a);
	free(a);
	free(b);
	free(have);
	return ok;
}

/* The existing contact this record is, or 0. */
static enum kith_status
find_contact(struct imp *im, const struct io_contact_rec *r, int64_t *id, struct kith_err *err)
{
	enum kith_status rc;

	*id = 0;
	for (size_t i = 0; i < r->c.n_emails; i++) {
		rc = contact_find_channel(im->db, "email", r->c.emails[i].value, id, err);
		if (rc != KITH_NOTFOUND)
			return rc;
	}
	for (size_t i = 0; i < r->c.n_phones; i++) {
		if (!phone_usable(r->c.phones[i].value))
			continue;
		rc = contact_find_channel(im->db, "phone", r->c.phones[i].value, id, err);
		if (rc == KITH_OK && !names_compatible(im, *id, r))
			continue;
		if (rc != KITH_NOTFOUND)
			return rc;
	}
	rc = contact_find_name_org(im->db, r->c.display_name, r->org, id, err);
	if (rc == KITH_NOTFOUND) {
		*id = 0;
		return KITH_OK;
	}
	return rc;
}

/* Keep the record's extra fields for entity id; *changed if any was new. */
static enum kith_status
put_extras(struct imp *im, const char *entity, int64_t id, const char *source,
	   const struct io_extra *x, size_t n, bool *changed, struct kith_err *err)
{
	for (size_t i = 0; i < n; i++) {
		bool added;
		enum kith_status rc = import_extra_put(im->db, entity, id, source, x[i].name,
						       x[i].value, &added, err);
		if (rc)
			return rc;
		*changed |= added;
	}
	return KITH_OK;
}

/*
** Fill *have from `file` if empty; if both are set and differ, keep the
** file's value in the side table and note it. Returns whether *have changed.
*/
static bool
fill(struct imp *im, char **have, const char *file, const char *field, int64_t id,
     const char *source, struct strbuf *what, bool *extra_added, struct kith_err *err)
{
	if (str_empty(file))
		return false;
	if (str_empty(*have)) {
		free(*have);
		*have = xstrdup(file);
		sb_printf(what, "%s+%s", what->len ? ", " : "", field);
		return true;
	}
	if (!io_ieq(*have, file) && !strstr(*have, file)) {
		bool added = false;
		if (import_extra_put(im->db, "contact", id, source, field, file, &added, err) == KITH_OK &&
		    added) {
			*extra_added = true;
			sb_printf(what, "%skept %s (file has another)", what->len ? ", " : "", field);
		}
	}
	return false;
}

static bool
channels_merge(struct kith_channel **have, size_t *nh, const struct kith_channel *file, size_t nf,
	       const char *kind, struct strbuf *what)
{
	bool changed = false;

	for (size_t i = 0; i < nf; i++) {
		char *k = contact_channel_key(kind, file[i].value);
		bool found = false;
		for (size_t j = 0; j < *nh && !found; j++) {
			char *hk = contact_channel_key(kind, (*have)[j].value);
			found = !strcmp(k, hk);
			free(hk);
		}
		free(k);
		if (found)
			continue;
		io_channel_add(have, nh, file[i].label, file[i].value);
		sb_printf(what, "%s+%s %s", what->len ? ", " : "", kind, file[i].value);
		changed = true;
	}
	return changed;
}

static bool
strv_merge(char ***have, size_t *nh, char *const *file, size_t nf, const char *what_name,
	   struct strbuf *what)
{
	bool changed = false;

	for (size_t i = 0; i < nf; i++) {
		size_t before = *nh;
		io_strv_add(have, nh, file[i]);
		if (*nh != before) {
			sb_printf(what, "%s+%s %s", what->len ? ", " : "", what_name, file[i]);
			changed = true;
		}
	}
	return changed;
}

/* The role of the record: added when the contact has no current role. */
static enum kith_status
merge_role(struct imp *im, int64_t cid, const struct io_contact_rec *r, const char *source,
	   bool *changed, struct strbuf *what, struct kith_err *err)
{
	struct kith_role role = {0};
	int64_t org_id = 0;
	int n = 0;
	bool at = false;
	enum kith_status rc;

	if (str_empty(r->org))
		return KITH_OK;
	if ((rc = org_cached(im, r->org, &org_id, err)))
		return rc;
	if (what && (rc = contact_current_roles(im->db, cid, org_id, &n, &at, err)))
		return rc;
	if (at)
		return KITH_OK;
	if (n > 0) {
		char *v = io_strf("%s%s%s", r->org, r->title ? ", " : "", r->title ? r->title : "");
		bool added = false;
		rc = import_extra_put(im->db, "contact", cid, source, "organisation", v, &added, err);
		free(v);
		if (added) {
			*changed = true;
			sb_printf(what, "%skept organisation (file has %s)", what->len ? ", " : "", r->org);
		}
		return rc;
	}
	role.contact_id = cid;
	role.org_id = org_id;
	role.title = r->title;
	if ((rc = role_add(im->db, &role, NULL, err)))
		return rc;
	*changed = true;
	if (what)
		sb_printf(what, "%s+role %s", what->len ? ", " : "", r->org);
	return KITH_OK;
}

static enum kith_status
merge_contact(struct imp *im, const struct io_record *rec, struct kith_err *err)
{
	const struct io_contact_rec *r = &rec->u.contact;
	struct kith_contact cur;
	struct strbuf what = {0};
	enum kith_status rc;
	int64_t id;
	bool changed = false, extra = false;

	if ((rc = find_contact(im, r, &id, err)))
		return rc;
	if (!id) {
		if ((rc = contact_add(im->db, &r->c, &id, err)))
			return rc;
		if ((rc = merge_role(im, id, r, rec->source, &changed, NULL, err)) ||
		    (rc = put_extras(im, "contact", id, rec->source, r->extras, r->n_extras, &changed,
				     err)))
			return rc;
		im->st->added++;
		if (im->o->dry_run)
			report(im, "add contact %s", r->c.display_name);
		return KITH_OK;
	}
	if ((rc = contact_get(im->db, id, &cur, err)))
		return rc;
	changed |= fill(im, &cur.given_name, r->c.given_name, "given name", id, rec->source, &what,
			&extra, err);
	changed |= fill(im, &cur.family_name, r->c.family_name, "family name", id, rec->source,
			&what, &extra, err);
	changed |= fill(im, &cur.birthday, r->c.birthday, "birthday", id, rec->source, &what, &extra,
			err);
	changed |= fill(im, &cur.address, r->c.address, "address", id, rec->source, &what, &extra,
			err);
	changed |= fill(im, &cur.notes, r->c.notes, "notes", id, rec->source, &what, &extra, err);
	changed |= fill(im, &cur.pronouns, r->c.pronouns, "pronouns", id, rec->source, &what, &extra,
			err);
	changed |= fill(im, &cur.district, r->c.district, "district", id, rec->source, &what, &extra,
			err);
	changed |= fill(im, &cur.how_met, r->c.how_met, "how met", id, rec->source, &what, &extra,
			err);
	if (!cur.influence && r->c.influence)
		cur.influence = r->c.influence, changed = true;
	if (!cur.tier && r->c.tier)
		cur.tier = r->c.tier, changed = true;
	if (cur.cadence_days < 0 && r->c.cadence_days >= 0)
		cur.cadence_days = r->c.cadence_days, changed = true;
	if (!cur.alignment && r->c.alignment)
		cur.alignment = r->c.alignment, changed = true;
	if (!io_ieq(cur.display_name, r->c.display_name) && !derived_name(r)) {
		char *dn = cur.display_name;
		cur.display_name = NULL;
		fill(im, &dn, r->c.display_name, "name", id, rec->source, &what, &extra, err);
		cur.display_name = dn;
	}
	changed |= channels_merge(&cur.emails, &cur.n_emails, r->c.emails, r->c.n_emails, "email",
				  &what);
	changed |= channels_merge(&cur.phones, &cur.n_phones, r->c.phones, r->c.n_phones, "phone",
				  &what);
	changed |= channels_merge(&cur.handles, &cur.n_handles, r->c.handles, r->c.n_handles,
				  "handle", &what);
	changed |= strv_merge(&cur.nicknames, &cur.n_nicknames, r->c.nicknames, r->c.n_nicknames,
			      "nickname", &what);
	changed |= strv_merge(&cur.tags, &cur.n_tags, r->c.tags, r->c.n_tags, "tag", &what);
	rc = KITH_OK;
	if (changed)
		rc = contact_update(im->db, &cur, err);
	if (!rc)
		rc = merge_role(im, id, r, rec->source, &extra, &what, err);
	if (!rc) {
		size_t before = what.len;
		bool more = false;
		rc = put_extras(im, "contact", id, rec->source, r->extras, r->n_extras, &more, err);
		if (more && before == what.len)
			sb_printf(&what, "%s+fields kith keeps aside", what.len ? ", " : "");
		extra |= more;
	}
	if (!rc) {
		if (changed || extra) {
			im->st->merged++;
			if (im->o->dry_run)
				report(im, "merge contact %s (#%lld): %s", cur.display_name, (long long)id,
				       sb_str(&what));
		} else {
			im->st->unchanged++;
		}
	}
	contact_free(&cur);
	sb_free(&what);
	return rc;
}

/* ---- events and to-dos -------------------------------------------------------------- */

static enum kith_status
merge_attendees(struct imp *im, int64_t eid, const struct io_event_rec *r, bool *changed,
		struct kith_err *err)
{
	for (size_t i = 0; i < r->n_att; i++) {
		int64_t cid;
		int status;
		enum kith_status rc;
		if (!r->att[i].email)
			continue;
		rc = contact_find_channel(im->db, "email", r->att[i].email, &cid, err);
		if (rc == KITH_NOTFOUND) {
			bool added = false;
			char *v = io_strf("%s%s%s%s", r->att[i].name ? r->att[i].name : "",
					  r->att[i].name ? " <" : "", r->att[i].email,
					  r->att[i].name ? ">" : "");
			rc = import_extra_put(im->db, "event", eid, "ics", "ATTENDEE", v, &added, err);
			free(v);
			*changed |= added;
			if (rc)
				return rc;
			continue;
		}
		if (rc)
			return rc;
		rc = attendance_status(im->db, eid, cid, &status, err);
		if (rc == KITH_OK)
			continue;
		if (rc != KITH_NOTFOUND)
			return rc;
		if ((rc = attendance_set(im->db, eid, cid, r->att[i].role, r->att[i].status, err)))
			return rc;
		*changed = true;
	}
	return KITH_OK;
}

static bool
ev_fill(struct imp *im, int64_t id, char **have, const char *file, const char *field,
	bool *extra, struct kith_err *err)
{
	if (str_empty(file))
		return false;
	if (str_empty(*have)) {
		free(*have);
		*have = xstrdup(file);
		return true;
	}
	if (strcmp(*have, file)) {
		bool added = false;
		import_extra_put(im->db, "event", id, "ics", field, file, &added, err);
		*extra |= added;
	}
	return false;
}

static enum kith_status
merge_event(struct imp *im, const struct io_record *rec, struct kith_err *err)
{
	const struct io_event_rec *r = &rec->u.event;
	struct kith_event cur;
	enum kith_status rc;
	int64_t id = 0;
	bool changed = false, extra = false;

	rc = !str_empty(r->e.uid) ? event_find_uid(im->db, r->e.uid, &id, err) :
	     event_find_title_start(im->db, r->e.title, r->e.start_at, &id, err);
	if (rc == KITH_NOTFOUND) {
		if ((rc = event_add(im->db, &r->e, &id, err)) ||
		    (rc = merge_attendees(im, id, r, &changed, err)) ||
		    (rc = put_extras(im, "event", id, rec->source, r->extras, r->n_extras, &changed,
				     err)))
			return rc;
		im->st->ev_added++;
		if (im->o->dry_run)
			report(im, "add event %s (%s)", r->e.title, r->e.start_at);
		return KITH_OK;
	}
	if (rc)
		return rc;
	if ((rc = event_get(im->db, id, &cur, err)))
		return rc;
	changed |= ev_fill(im, id, &cur.end_at, r->e.end_at, "end", &extra, err);
	changed |= ev_fill(im, id, &cur.location, r->e.location, "location", &extra, err);
	changed |= ev_fill(im, id, &cur.notes, r->e.notes, "notes", &extra, err);
	changed |= ev_fill(im, id, &cur.rrule, r->e.rrule, "rrule", &extra, err);
	ev_fill(im, id, &cur.title, r->e.title, "title", &extra, err);
	ev_fill(im, id, &cur.start_at, r->e.start_at, "start", &extra, err);
	rc = changed ? event_update(im->db, &cur, err) : KITH_OK;
	if (!rc)
		rc = merge_attendees(im, id, r, &extra, err);
	if (!rc)
		rc = put_extras(im, "event", id, rec->source, r->extras, r->n_extras, &extra, err);
	if (!rc) {
		if (changed || extra) {
			im->st->ev_merged++;
			if (im->o->dry_run)
				report(im, "merge event %s (#%lld)", cur.title, (long long)id);
		} else {
			im->st->ev_unchanged++;
		}
	}
	event_free(&cur);
	return rc;
}

static enum kith_status
merge_todo(struct imp *im, const struct io_record *rec, struct kith_err *err)
{
	const struct io_todo_rec *r = &rec->u.todo;
	struct kith_followup cur;
	enum kith_status rc;
	int64_t id = 0;
	bool changed = false, extra = false;

	rc = r->uid ? followup_find_uid(im->db, r->uid, &id, err) :
	     followup_find_title_due(im->db, r->f.title, r->f.due, &id, err);
	if (rc == KITH_NOTFOUND) {
		if ((rc = followup_add(im->db, &r->f, &id, err)) ||
		    (r->uid && (rc = followup_set_uid(im->db, id, r->uid, err))) ||
		    (rc = put_extras(im, "followup", id, rec->source, r->extras, r->n_extras, &changed,
				     err)))
			return rc;
		im->st->fu_added++;
		if (im->o->dry_run)
			report(im, "add follow-up %s", r->f.title);
		return KITH_OK;
	}
	if (rc)
		return rc;
	if ((rc = followup_get(im->db, id, &cur, err)))
		return rc;
	if (str_empty(cur.due) && !str_empty(r->f.due)) {
		free(cur.due);
		cur.due = xstrdup(r->f.due);
		changed = true;
	}
	if (str_empty(cur.notes) && !str_empty(r->f.notes)) {
		free(cur.notes);
		cur.notes = xstrdup(r->f.notes);
		changed = true;
	}
	rc = changed ? followup_update(im->db, &cur, err) : KITH_OK;
	if (!rc)
		rc = put_extras(im, "followup", id, rec->source, r->extras, r->n_extras, &extra, err);
	if (!rc) {
		if (changed || extra) {
			im->st->fu_merged++;
			if (im->o->dry_run)
				report(im, "merge follow-up %s (#%lld)", cur.title, (long long)id);
		} else {
			im->st->fu_unchanged++;
		}
	}
	followup_free(&cur);
	return rc;
}

/* ---- the sink ---------------------------------------------------------------------- */

static int
on_error(void *ud, int line, const char *msg)
{
	struct imp *im = ud;

	im->st->errors++;
	if (!im->o->skip_invalid) {
		kith_err_set(im->err, KITH_INVALID, "%s:%d: %s", im->o->name, line, msg);
		im->failed = KITH_INVALID;
		return 1;
	}
	report(im, "%s:%d: %s (skipped)", im->o->name, line, msg);
	return 0;
}

static void
on_note(void *ud, int line, const char *msg)
{
	struct imp *im = ud;

	im->st->skipped++;
	report(im, "%s:%d: %s", im->o->name, line, msg);
}

/* something imported all the same (an RRULE kept aside, an unknown TZID) */
static void
on_warn(void *ud, int line, const char *msg)
{
	struct imp *im = ud;

	report(im, "%s:%d: %s", im->o->name, line, msg);
}

static int
on_record(void *ud, const struct io_record *rec)
{
	struct imp *im = ud;
	struct kith_err err = {0};
	enum kith_status rc;

	/* a record's writes are one savepoint when a bad one may be skipped;
	   otherwise a failure rolls the whole import back anyway */
	if (!im->o->skip_invalid || (rc = kdb_batch_begin(im->db, &err)) == KITH_OK) {
		switch (rec->kind) {
		case IO_REC_CONTACT: rc = merge_contact(im, rec, &err); break;
		case IO_REC_EVENT: rc = merge_event(im, rec, &err); break;
		case IO_REC_TODO: rc = merge_todo(im, rec, &err); break;
		}
		if (im->o->skip_invalid)
			kdb_batch_end(im->db, rc == KITH_OK, rc == KITH_OK ? &err : NULL);
		if (rc != KITH_OK)
			org_cache_clear(im);
	}
	if (++im->n % 256 == 0 && im->o->progress)
		im->o->progress(im->o->ud, rec->offset, im->total);
	if (rc == KITH_OK)
		return 0;
	if (rc == KITH_DB || rc == KITH_BUSY || rc == KITH_NOMEM || rc == KITH_IO ||
	    !im->o->skip_invalid) {
		kith_err_set(im->err, rc == KITH_DB || rc == KITH_BUSY ? rc : KITH_INVALID,
			     "%s:%d: %s", im->o->name, rec->line, err.msg[0] ? err.msg :
			     kith_status_str(rc));
		im->failed = rc == KITH_DB || rc == KITH_BUSY ? rc : KITH_INVALID;
		return 1;
	}
	im->st->errors++;
	report(im, "%s:%d: %s (skipped)", im->o->name, rec->line, err.msg);
	return 0;
}

/* The parsers by format (JSON is export only). */
static int (*const parsers[IO_FMT_COUNT_])(const char *, size_t, const struct io_sink *) = {
	[IO_FMT_VCF] = io_parse_vcard,
	[IO_FMT_CSV] = io_parse_csv,
	[IO_FMT_ICS] = io_parse_ics,
};

enum kith_status
io_import_buffer(struct kdb *db, const char *buf, size_t len, const struct io_import_opts *o,
		 struct io_import_stats *st, struct kith_err *err)
{
	struct imp im = { db, o, st, err, KITH_OK, len, 0, {0}, NULL };
	struct io_sink sink = { on_record, on_error, on_note, &im, on_warn };
	struct io_import_opts local = *o;
	enum kith_status rc;
	int fmt = o->format;
	int64_t kept_after = 0;
	bool bulk;

	memset(st, 0, sizeof *st);
	if (!local.name)
		local.name = "input";
	im.o = &local;
	if (fmt < 0)
		fmt = io_format_sniff(buf, len, local.name);
	if (fmt < 0)
		return kith_err_set(err, KITH_INVALID,
				    "%s: cannot tell the format (use --format vcf, csv or ics)",
				    local.name);
	if (fmt >= IO_FMT_COUNT_ || !parsers[fmt])
		return kith_err_set(err, KITH_INVALID, "%s: kith cannot import %s", local.name,
				    io_format_name(fmt));
	/* only an optimisation: inside a caller's transaction it may be refused */
	bulk = kdb_bulk_mode(db, true, NULL) == KITH_OK;
	if ((rc = kdb_batch_begin(db, err))) {
		if (bulk)
			kdb_bulk_mode(db, false, NULL);
		return rc;
	}
	if ((rc = contact_fts_defer(db, true, err))) {
		kdb_batch_end(db, false, NULL);
		if (bulk)
			kdb_bulk_mode(db, false, NULL);
		return rc;
	}
	if ((rc = import_extra_last(db, &kept_after, err))) {
		kdb_batch_end(db, false, NULL);
		if (bulk)
			kdb_bulk_mode(db, false, NULL);
		return rc;
	}
	parsers[fmt](buf, len, &sink);
	/* the values kith has no column for, kept aside: the report counts them */
	if (!im.failed && (rc = import_extra_since(db, kept_after, &st->kept, err)))
		im.failed = rc;
	sb_free(&im.line);
	org_cache_clear(&im);
	free(im.orgs);
	if (!im.failed && (!o->dry_run || o->dry_run_in_batch) &&
	    (rc = contact_fts_defer(db, false, err)))
		im.failed = rc;
	if (im.failed || (o->dry_run && !o->dry_run_in_batch)) {
		struct kith_err ignore;
		kdb_batch_end(db, false, &ignore);
		if (bulk)
			kdb_bulk_mode(db, false, NULL);
		return im.failed;
	}
	if (o->progress)
		o->progress(o->ud, len, len);
	rc = kdb_batch_end(db, true, err);
	if (bulk)
		kdb_bulk_mode(db, false, NULL);
	return rc;
}

enum kith_status
io_import_file(struct kdb *db, const char *path, const struct io_import_opts *o,
	       struct io_import_stats *st, struct kith_err *err)
{
	struct io_import_opts local = *o;
	struct strbuf sb = {0};
	char chunk[65536];
	size_t n;
	FILE *f;
	enum kith_status rc;

	memset(st, 0, sizeof *st);
	if (!(f = fopen(path, "rb")))
		return kith_err_set(err, KITH_IO, "%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_appendn(&sb, chunk, n);
	if (ferror(f)) {
		fclose(f);
		sb_free(&sb);
		return kith_err_set(err, KITH_IO, "%s: read failed", path);
	}
	fclose(f);
	if (!local.name)
		local.name = path;
	rc = io_import_buffer(db, sb.buf ? sb.buf : "", sb.len, &local, st, err);
	sb_free(&sb);
	return rc;
}

static void
part(struct strbuf *sb, long n, const char *one, const char *many)
{
	if (n)
		sb_printf(sb, "%s%ld %s", sb->len ? ", " : "", n, n == 1 ? one : many);
}

void
io_import_summary(const struct io_import_stats *st, bool dry_run, char *out, size_t n)
{
	struct strbuf sb = {0};

	if (dry_run) {
		part(&sb, st->added, "contact to add", "contacts to add");
		part(&sb, st->merged, "to merge", "to merge");
	} else {
		part(&sb, st->added, "contact added", "contacts added");
		part(&sb, st->merged, "merged", "merged");
	}
	part(&sb, st->unchanged, "unchanged", "unchanged");
	if (dry_run) {
		part(&sb, st->ev_added, "event to add", "events to add");
		part(&sb, st->ev_merged, "event to merge", "events to merge");
	} else {
		part(&sb, st->ev_added, "event added", "events added");
		part(&sb, st->ev_merged, "event merged", "events merged");
	}
	part(&sb, st->ev_unchanged, "event unchanged", "events unchanged");
	if (dry_run) {
		part(&sb, st->fu_added, "follow-up to add", "follow-ups to add");
		part(&sb, st->fu_merged, "follow-up to merge", "follow-ups to merge");
	} else {
		part(&sb, st->fu_added, "follow-up added", "follow-ups added");
		part(&sb, st->fu_merged, "follow-up merged", "follow-ups merged");
	}
	part(&sb, st->fu_unchanged, "follow-up unchanged", "follow-ups unchanged");
	part(&sb, st->skipped + st->errors, "skipped", "skipped");
	part(&sb, st->kept, dry_run ? "field to keep aside" : "field kept aside",
	     dry_run ? "fields to keep aside" : "fields kept aside");
	if (!sb.len)
		sb_append(&sb, "nothing to import");
	snprintf(out, n, "%s", sb_str(&sb));
	sb_free(&sb);
}
