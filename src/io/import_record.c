/*
 * import_record.c: an import's events, to-dos and organisations' own
 * cards merged into the database (the rules are at the top of import.c).
 */
#include "import_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/db.h"
#include "kith/merge.h"
#include "kith/org.h"
#include "kith/types.h"
#include "kith/xalloc.h"

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

enum kith_status
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

/*
** Whether a to-do without a UID may be a follow-up already there: in a
** fresh import (no follow-up before it) only if a record of it had the
** same due date and title (kept as asked for, so that 100,000 new to-dos
** are not looked up one by one). A key kept is only looked up as always.
*/
static bool
todo_may_have(struct imp *im, const char *title, const char *due)
{
	char *key;
	bool seen;

	if (!im->fu_fresh)
		return true;
	key = io_strf("%s|%s", due ? due : "", title ? title : "");
	seen = keys_seen(im, 't', key);
	free(key);
	return seen;
}

enum kith_status
merge_todo(struct imp *im, const struct io_record *rec, struct kith_err *err)
{
	const struct io_todo_rec *r = &rec->u.todo;
	struct kith_followup cur;
	enum kith_status rc;
	int64_t id = 0;
	bool changed = false, extra = false;

	rc = r->uid ? followup_find_uid(im->db, r->uid, &id, err) :
	     !todo_may_have(im, r->f.title, r->f.due) ? KITH_NOTFOUND :
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
	if (changed)
		todo_may_have(im, cur.title, cur.due);      /* its key now */
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

/* ---- organisations' own cards ---------------------------------------------------- */

/* What an organisation has no column for: its card's channels and address. */
static void
org_card_extras(const struct io_contact_rec *r, struct io_extra **x, size_t *n)
{
	const struct { const char *name; const struct kith_channel *ch; size_t n; } lists[] = {
		{ "EMAIL", r->c.emails, r->c.n_emails }, { "TEL", r->c.phones, r->c.n_phones },
		{ "URL", r->c.handles, r->c.n_handles },
	};

	for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
		for (size_t i = 0; i < lists[k].n; i++) {
			char *v = str_empty(lists[k].ch[i].label) ? xstrdup(lists[k].ch[i].value) :
				  io_strf("%s (%s)", lists[k].ch[i].value, lists[k].ch[i].label);
			io_extra_add(x, n, lists[k].name, v);
			free(v);
		}
	if (!str_empty(r->c.address))
		io_extra_add(x, n, "ADR", r->c.address);
	for (size_t i = 0; i < r->n_extras; i++)
		io_extra_add(x, n, r->extras[i].name, r->extras[i].value);
}

/*
** An organisation's card: the organisation of that name is found or made
** now (so the people of the file join it), and the rest waits for
** apply_org_cards.
*/
enum kith_status
merge_org(struct imp *im, const struct io_record *rec, struct kith_err *err)
{
	const struct io_contact_rec *r = &rec->u.contact;
	struct org_card *k;
	int64_t id = 0;
	bool isnew;
	enum kith_status rc = org_find(im->db, r->org, false, &id, err);

	if (rc && rc != KITH_NOTFOUND)
		return rc;
	isnew = id == 0;
	if ((rc = org_cached(im, r->org, &id, err)))
		return rc;
	im->cards = xreallocarray(im->cards, im->n_cards + 1, sizeof *im->cards);
	k = &im->cards[im->n_cards++];
	memset(k, 0, sizeof *k);
	k->id = id;
	k->isnew = isnew;
	k->line = rec->line;
	k->source = rec->source;
	k->r.org = xstrdup(r->org);
	k->r.org_kind = xstrdup(r->org_kind);
	k->r.org_parent = xstrdup(r->org_parent);
	k->r.c.notes = xstrdup(r->c.notes);
	k->r.c.influence = r->c.influence;
	org_card_extras(r, &k->x, &k->nx);
	return KITH_OK;
}

void
org_cards_free(struct imp *im)
{
	for (size_t i = 0; i < im->n_cards; i++) {
		struct org_card *k = &im->cards[i];
		free(k->r.org);
		free(k->r.org_kind);
		free(k->r.org_parent);
		free(k->r.c.notes);
		for (size_t j = 0; j < k->nx; j++) {
			free(k->x[j].name);
			free(k->x[j].value);
		}
		free(k->x);
	}
	free(im->cards);
	im->cards = NULL;
	im->n_cards = 0;
}

/*
** One card: the organisation gets what it lacks (kind, description,
** influence, parent); a value that differs is kept in the side table, as
** are the card's channels and address. `write`: false in a dry run, whose
** changes are only counted.
*/
static enum kith_status
apply_org_card(struct imp *im, struct org_card *k, bool write, struct kith_err *err)
{
	const struct io_contact_rec *r = &k->r;
	struct kith_org cur;
	int kind = r->org_kind ? kith_org_kind_parse(r->org_kind) : -1;
	bool changed = false, extra = false;
	int64_t parent = 0;
	enum kith_status rc;

	if ((rc = org_get(im->db, k->id, &cur, err)))
		return rc;
	if (kind >= 0 && kind != cur.kind) {
		if (cur.kind == KITH_ORG_OTHER) {
			cur.kind = kind;
			changed = true;
		} else {
			io_extra_add(&k->x, &k->nx, "X-KITH-ORG-KIND", r->org_kind);
		}
	}
	if (!str_empty(r->c.notes) && !str_eq(cur.description, r->c.notes)) {
		if (str_empty(cur.description)) {
			free(cur.description);
			cur.description = xstrdup(r->c.notes);
			changed = true;
		} else {
			io_extra_add(&k->x, &k->nx, "NOTE", r->c.notes);
		}
	}
	if (r->c.influence && !cur.influence) {
		cur.influence = r->c.influence;
		changed = true;
	}
	if (r->org_parent && !cur.parent_id && !io_ieq(r->org_parent, r->org)) {
		if ((rc = org_find(im->db, r->org_parent, true, &parent, err)))
			goto out;
		cur.parent_id = parent;
		changed = true;
	}
	if (write && changed && (rc = org_update(im->db, &cur, err)))
		goto out;
	if ((rc = put_extras(im, "organisation", k->id, k->source, k->x, k->nx, &extra, err)))
		goto out;
	if (k->isnew)
		im->st->org_added++;
	else if (changed || extra)
		im->st->org_merged++;
	else
		im->st->org_unchanged++;
	/* as for people, an unchanged card goes without a line: a file imported
	   again says only its summary */
	if (k->isnew || changed || extra)
		report(im, "%s:%d: organisation %s (#%lld): a card with no person, %s",
		       im->o->name, k->line, r->org, (long long)k->id,
		       k->isnew ? "imported as an organisation" : "merged into the organisation");
out:
	org_free(&cur);
	return rc;
}

enum kith_status
apply_org_cards(struct imp *im, bool write, struct kith_err *err)
{
	enum kith_status rc = KITH_OK;

	for (size_t i = 0; i < im->n_cards && !rc; i++)
		rc = apply_org_card(im, &im->cards[i], write, err);
	org_cards_free(im);
	return rc;
}

