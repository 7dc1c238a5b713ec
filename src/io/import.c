/*
 * import.c: `kith import` and `:import`: a parsed file merged into the
 * database in one transaction.
 *
 * Merge rules: merging never guesses. A contact record is merged into an
 * existing contact only when identity is certain:
 *   (a) the same UID (a vCard UID, the CSV uid column; kith gives every
 *       contact one and every export writes it); or
 *   (b) the same email address (case-insensitive), and names that do not
 *       contradict. Two names contradict when both are names of their own
 *       (the record's not made from its email, phone or organisation, the
 *       contact's not an address or a number) and, folded (case and
 *       accents aside), they differ and neither contains the other: "Ana
 *       Lima" and "ANA LIMA-SOUZA" agree, "Ana Lima" and "Bruno Costa" do
 *       not. The contacts of one email are tried in id order.
 * Two records of one import file are never merged with each other except
 * by UID: rule (b) skips the contacts this import made (ids above
 * made_above). A shared phone never merges, nor does the same folded name
 * (and current organisation): the record is added beside the contact and
 * the report says "#13 Maria Garcia: possible duplicate of #12 Maria Garcia
 * (same name at City Hall), kept apart" ("shares phone ...", "same email
 * ..., another name"), for the duplicates review to settle.
 * One case is not a merge: a record (without a UID of its own) found by a
 * phone or by name and organisation whose every value a contact from
 * before this import already holds, under the same name, or kept aside, is
 * that contact, unchanged; so importing the same file twice changes
 * nothing the second time, and a record that brings nothing is not a
 * second person made of nothing.
 *
 * A merge keeps everything: it fills in what the contact lacks (names,
 * birthday, address, notes, kith's own fields), adds every email, phone,
 * handle, nickname and tag, adds the role when the contact has no current
 * one, or the title to its role at the same organisation when that has
 * none; a value that differs from the contact's (a birthday, a name, a
 * second job title, another organisation or seat, a number, another UID) is
 * kept in the side table (import_extra) under its field name, shown on the
 * card, and named in the report. Every merge is reported with why: "Ana
 * Lima: merged by email ana@x.org with #12 Ana Lima: +phone ..., kept
 * birthday "1981-05-05" aside".
 *
 * An event is the same as one with its iCalendar UID (without a UID: the
 * same title and start); a to-do the same as a follow-up with its UID
 * (without: the same title and due date). Fields kith has no column for go
 * to the side table, once.
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
#include "kith/fold.h"
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
	int64_t made_above;         /* contacts above this id were made by this import */
	/* Organisations found or made by this import, by their exact name (a
	   file names the same few hundred again and again), in slots by hash.
	   Emptied when a record's writes are rolled back: its new ones go. */
	struct org_slot {
		char *name;
		int64_t id;
	} *orgs;                    /* ORG_SLOTS, allocated on first use */
	/* Organisations' own cards, applied when the records are all in
	   (merge_org): an organisation the import made is in the search
	   index only then. */
	struct org_card {
		int64_t id;
		bool isnew;
		int line;
		const char *source;
		struct io_contact_rec r;    /* org, org_kind, org_parent, c.notes, c.influence */
		struct io_extra *x;
		size_t nx;
	} *cards;
	size_t n_cards;
};

enum { ORG_SLOTS = 4096, PIPE_MIN_BYTES = 64 << 10 };

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

/* A name that is an address or a number, not a person's. */
static bool
name_is_address(const char *name)
{
	if (strchr(name, '@'))
		return true;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p >= 0x80 || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
			return false;
	return true;
}

/* Contact id's name, newly allocated ("" if it cannot be read). */
static char *
contact_name(struct imp *im, int64_t id)
{
	return contact_display_name(im->db, id);
}

/*
** Names contradict when both are real names of their own (neither derived
** from an email, a phone or an organisation), and folded (case and accents
** aside) they differ and neither contains the other: "Ana Lima" and "ANA
** LIMA-SOUZA" agree, "Ana Lima" and "Bruno Costa" contradict.
*/
static bool
names_contradict(struct imp *im, int64_t id, const struct io_contact_rec *r)
{
	char *have, *a, *b;
	bool no;

	if (derived_name(r))
		return false;
	have = contact_name(im, id);
	if (!*have || name_is_address(have)) {
		free(have);
		return false;
	}
	a = fold_text(have);
	b = fold_text(r->c.display_name);
	no = strcmp(a, b) && !strstr(a, b) && !strstr(b, a);
	free(a);
	free(b);
	free(have);
	return no;
}

/* Text of the record the contact holds: as its field, inside it, or kept aside. */
static bool
holds_text(struct imp *im, int64_t id, const char *have, const char *file, const char *field)
{
	return str_empty(file) || io_ieq(have ? have : "", file) || (have && strstr(have, file)) ||
	       import_extra_has(im->db, "contact", id, field, file);
}

static bool
holds_channels(const struct kith_channel *have, size_t nh, const struct kith_channel *file,
	       size_t nf, const char *kind)
{
	for (size_t i = 0; i < nf; i++) {
		char *k = contact_channel_key(kind, file[i].value);
		bool found = false;
		for (size_t j = 0; j < nh && !found; j++) {
			char *hk = contact_channel_key(kind, have[j].value);
			found = !strcmp(k, hk);
			free(hk);
		}
		free(k);
		if (!found)
			return false;
	}
	return true;
}

static bool
holds_strv(char *const *have, size_t nh, char *const *file, size_t nf)
{
	for (size_t i = 0; i < nf; i++) {
		bool found = false;
		for (size_t j = 0; j < nh && !found; j++)
			found = io_ieq(have[j], file[i]);
		if (!found)
			return false;
	}
	return true;
}

static bool
holds_number(struct imp *im, int64_t id, int have, int file, int unset, const char *field)
{
	char v[16];

	if (file == unset || file == have)
		return true;
	snprintf(v, sizeof v, "%d", file);
	return import_extra_has(im->db, "contact", id, field, v);
}

/* The record's organisation and title: the contact's role, or kept aside. */
static bool
holds_role(struct imp *im, int64_t id, const struct io_contact_rec *r)
{
	int64_t org_id = 0, role_id;
	char *title = NULL;
	bool ok;

	if (str_empty(r->org) && str_empty(r->seat))
		return true;
	if ((!str_empty(r->org) && org_find(im->db, r->org, false, &org_id, NULL) != KITH_OK) ||
	    contact_role_at(im->db, id, str_empty(r->org) ? 0 : org_id, r->seat, &role_id, &title,
			    NULL) != KITH_OK) {
		bool org = !str_empty(r->org);
		char *v = io_strf("%s%s%s", org ? r->org : r->seat, r->title ? ", " : "",
				  r->title ? r->title : "");
		ok = import_extra_has(im->db, "contact", id, org ? "organisation" : "seat", v);
		free(title);
		free(v);
		return ok;
	}
	ok = holds_text(im, id, title, r->title, "title");
	free(title);
	return ok;
}

/*
** "Already there": contact id (from before this import) has the record's
** name (or the record has none of its own) and every value of the record,
** as its fields or kept aside. Importing the same file again is then a no-op.
*/
static bool
already_there(struct imp *im, int64_t id, const struct io_contact_rec *r)
{
	const struct kith_contact *f = &r->c;
	struct kith_contact c;
	bool ok;

	if (id > im->made_above || contact_get(im->db, id, &c, NULL) != KITH_OK)
		return false;
	ok = derived_name(r) || holds_text(im, id, c.display_name, f->display_name, "name");
	if (ok && !str_empty(f->uid))
		ok = import_extra_has(im->db, "contact", id, "UID", f->uid);
	ok = ok && holds_text(im, id, c.given_name, f->given_name, "given name") &&
	     holds_text(im, id, c.family_name, f->family_name, "family name") &&
	     holds_text(im, id, c.birthday, f->birthday, "birthday") &&
	     holds_text(im, id, c.address, f->address, "address") &&
	     holds_text(im, id, c.notes, f->notes, "notes") &&
	     holds_text(im, id, c.pronouns, f->pronouns, "pronouns") &&
	     holds_text(im, id, c.district, f->district, "district") &&
	     holds_text(im, id, c.how_met, f->how_met, "how met") &&
	     holds_number(im, id, c.influence, f->influence, 0, "influence") &&
	     (!f->tier || f->tier == c.tier ||
	      import_extra_has(im->db, "contact", id, "tier", (char[2]){ f->tier, 0 })) &&
	     holds_number(im, id, c.alignment, f->alignment, 0, "alignment") &&
	     holds_number(im, id, c.cadence_days, f->cadence_days, -1, "cadence") &&
	     (!f->archived || c.archived) &&
	     holds_channels(c.emails, c.n_emails, f->emails, f->n_emails, "email") &&
	     holds_channels(c.phones, c.n_phones, f->phones, f->n_phones, "phone") &&
	     holds_channels(c.handles, c.n_handles, f->handles, f->n_handles, "handle") &&
	     holds_strv(c.nicknames, c.n_nicknames, f->nicknames, f->n_nicknames) &&
	     holds_strv(c.tags, c.n_tags, f->tags, f->n_tags) && holds_role(im, id, r);
	for (size_t i = 0; ok && i < r->n_extras; i++)
		ok = import_extra_has(im->db, "contact", id, r->extras[i].name, r->extras[i].value);
	contact_free(&c);
	return ok;
}

/* How a record was matched. */
enum match { MATCH_NONE, MATCH_UID, MATCH_EMAIL, MATCH_THERE };

struct found {
	enum match how;
	int64_t id;                 /* the contact merged into (or already there) */
	const char *email;          /* MATCH_EMAIL: the address shared */
	int64_t dup;                /* MATCH_NONE: a possible duplicate kept apart, or 0 */
	char why[200];              /* and why: "same name at City Hall" */
};

static void
possible_dup(struct found *f, int64_t id, const char *fmt, const char *what)
{
	if (f->dup)
		return;
	f->dup = id;
	snprintf(f->why, sizeof f->why, fmt, what);
}

/*
** The contact this record is (see the rules at the top), or a possible
** duplicate to report. Contacts above im->made_above were made by this
** import: a record merges into one of them only by UID.
*/
static enum kith_status
find_contact(struct imp *im, const struct io_contact_rec *r, struct found *f,
	     struct kith_err *err)
{
	enum kith_status rc;
	int64_t id;

	memset(f, 0, sizeof *f);
	if (!str_empty(r->c.uid)) {
		rc = contact_find_uid(im->db, r->c.uid, &id, err);
		if (rc == KITH_OK) {
			f->how = MATCH_UID;
			f->id = id;
		}
		if (rc != KITH_NOTFOUND)
			return rc;
	}
	for (size_t i = 0; i < r->c.n_emails; i++) {
		int64_t ids[8];
		int n;
		/* a few are enough: an address shared by thousands would make every
		   record walk them all */
		if ((rc = contact_find_channel_first(im->db, "email", r->c.emails[i].value, ids, 8, &n,
						     err)))
			return rc;
		for (int k = 0; k < n; k++) {
			id = ids[k];
			if (id > im->made_above) {
				possible_dup(f, id, "same email %s", r->c.emails[i].value);
			} else if (names_contradict(im, id, r)) {
				possible_dup(f, id, "same email %s, another name", r->c.emails[i].value);
			} else {
				f->how = MATCH_EMAIL;
				f->id = id;
				f->email = r->c.emails[i].value;
				return KITH_OK;
			}
		}
	}
	for (size_t i = 0; i < r->c.n_phones; i++) {
		int n;
		if (!phone_usable(r->c.phones[i].value))
			continue;
		if ((rc = contact_find_channel_first(im->db, "phone", r->c.phones[i].value, &id, 1, &n,
						     err)))
			return rc;
		if (!n)
			continue;
		if (already_there(im, id, r)) {
			f->how = MATCH_THERE;
			f->id = id;
			return KITH_OK;
		}
		possible_dup(f, id, "shares phone %s", r->c.phones[i].value);
	}
	/* by the name without its honorific, as contacts' name keys are */
	rc = contact_find_name_org(im->db, r->c.display_name +
				   contact_honorific_len(r->c.display_name, r->c.prefix), r->org, &id, err);
	if (rc == KITH_NOTFOUND)
		return KITH_OK;
	if (rc)
		return rc;
	if (already_there(im, id, r)) {
		f->how = MATCH_THERE;
		f->id = id;
		return KITH_OK;
	}
	if (!derived_name(r)) {
		if (str_empty(r->org))
			possible_dup(f, id, "same name%s", "");
		else
			possible_dup(f, id, "same name at %s", r->org);
	}
	return KITH_OK;
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
			sb_printf(what, "%skept %s \"%s\" aside", what->len ? ", " : "", field, file);
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

/* Keep a value of the file aside for contact id and say so in what. */
static enum kith_status
keep_aside(struct imp *im, int64_t id, const char *source, const char *field, const char *value,
	   bool *extra, struct strbuf *what, struct kith_err *err)
{
	bool added = false;
	enum kith_status rc = import_extra_put(im->db, "contact", id, source, field, value, &added,
					       err);

	if (!rc && added) {
		*extra = true;
		if (what)
			sb_printf(what, "%skept %s \"%s\" aside", what->len ? ", " : "", field, value);
	}
	return rc;
}

/*
** The role of the record: added when the contact has no current role; its
** title given to the contact's role at the same organisation when that has
** none. An organisation or title that differs from the contact's is kept
** aside and reported: nothing of the file is dropped.
*/
static enum kith_status
merge_role(struct imp *im, int64_t cid, const struct io_contact_rec *r, const char *source,
	   bool *changed, struct strbuf *what, struct kith_err *err)
{
	struct kith_role role = {0};
	int64_t org_id = 0, role_id = 0;
	char *title = NULL;
	int n = 0;
	bool at = false;
	enum kith_status rc;

	if (str_empty(r->org) && str_empty(r->seat))
		return KITH_OK;
	/* a seat without organisation ("District 3"): org_id 0 */
	if (!str_empty(r->org) && (rc = org_cached(im, r->org, &org_id, err)))
		return rc;
	if (what && (rc = contact_current_roles(im->db, cid, org_id, &n, &at, err)))
		return rc;
	if (at && !org_id) {
		/* a current seat: the same one, or another kept aside below */
		rc = contact_role_at(im->db, cid, 0, r->seat, &role_id, &title, err);
		if (rc && rc != KITH_NOTFOUND)
			return rc;
		at = rc == KITH_OK;
		free(title);
		title = NULL;
	}
	if (at) {
		if (str_empty(r->title))
			return KITH_OK;
		if ((rc = contact_role_at(im->db, cid, org_id, r->seat, &role_id, &title, err)))
			return rc;
		if (str_empty(title)) {
			rc = role_set_title(im->db, role_id, r->title, err);
			*changed = true;
			sb_printf(what, "%s+title %s", what->len ? ", " : "", r->title);
		} else if (!io_ieq(title, r->title)) {
			rc = keep_aside(im, cid, source, "title", r->title, changed, what, err);
		}
		free(title);
		return rc;
	}
	if (n > 0) {
		const char *where = org_id ? r->org : r->seat;
		char *v = io_strf("%s%s%s", where, r->title ? ", " : "", r->title ? r->title : "");
		rc = keep_aside(im, cid, source, org_id ? "organisation" : "seat", v, changed, what,
				err);
		free(v);
		return rc;
	}
	role.contact_id = cid;
	role.org_id = org_id;
	role.seat = org_id ? NULL : r->seat;
	role.title = r->title;
	if ((rc = role_add(im->db, &role, NULL, err)))
		return rc;
	*changed = true;
	if (what)
		sb_printf(what, "%s+role %s", what->len ? ", " : "", org_id ? r->org : r->seat);
	return KITH_OK;
}

/* A number of the file that differs from the contact's: kept aside. */
static enum kith_status
merge_number(struct imp *im, int64_t id, const char *source, int *have, int file, int unset,
	     const char *field, bool *changed, bool *extra, struct strbuf *what,
	     struct kith_err *err)
{
	char v[16];

	if (file == unset || file == *have)
		return KITH_OK;
	if (*have == unset) {
		*have = file;
		*changed = true;
		sb_printf(what, "%s+%s", what->len ? ", " : "", field);
		return KITH_OK;
	}
	snprintf(v, sizeof v, "%d", file);
	return keep_aside(im, id, source, field, v, extra, what, err);
}

static enum kith_status
add_contact(struct imp *im, const struct io_record *rec, const struct found *f,
	    struct kith_err *err)
{
	const struct io_contact_rec *r = &rec->u.contact;
	enum kith_status rc;
	bool changed = false;
	int64_t id;

	if ((rc = contact_add(im->db, &r->c, &id, err)))
		return rc;
	if ((rc = merge_role(im, id, r, rec->source, &changed, NULL, err)) ||
	    (rc = put_extras(im, "contact", id, rec->source, r->extras, r->n_extras, &changed,
			     err)))
		return rc;
	im->st->added++;
	if (im->o->dry_run)
		report(im, "add contact %s", r->c.display_name);
	if (f->dup) {
		char *other = contact_name(im, f->dup);
		im->st->possible_dups++;
		report(im, "#%lld %s: possible duplicate of #%lld %s (%s), kept apart",
		       (long long)id, r->c.display_name, (long long)f->dup, other, f->why);
		free(other);
	}
	return KITH_OK;
}

static enum kith_status
merge_contact(struct imp *im, const struct io_record *rec, struct kith_err *err)
{
	const struct io_contact_rec *r = &rec->u.contact;
	struct kith_contact cur;
	struct found f;
	struct strbuf what = {0};
	enum kith_status rc;
	int64_t id;
	bool changed = false, extra = false;
	int tier, archived;

	if ((rc = find_contact(im, r, &f, err)))
		return rc;
	if (f.how == MATCH_NONE)
		return add_contact(im, rec, &f, err);
	if (f.how == MATCH_THERE) {
		im->st->unchanged++;
		return KITH_OK;
	}
	id = f.id;
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
	tier = cur.tier;
	archived = cur.archived;
	rc = merge_number(im, id, rec->source, &cur.influence, r->c.influence, 0, "influence",
			  &changed, &extra, &what, err);
	if (!rc)
		rc = merge_number(im, id, rec->source, &cur.alignment, r->c.alignment, 0,
				  "alignment", &changed, &extra, &what, err);
	if (!rc)
		rc = merge_number(im, id, rec->source, &cur.cadence_days, r->c.cadence_days, -1,
				  "cadence", &changed, &extra, &what, err);
	if (!rc && r->c.tier && r->c.tier != tier) {
		if (!tier) {
			cur.tier = r->c.tier;
			changed = true;
		} else {
			rc = keep_aside(im, id, rec->source, "tier", (char[2]){ r->c.tier, 0 }, &extra,
					&what, err);
		}
	}
	if (!rc && r->c.archived && !archived)
		rc = keep_aside(im, id, rec->source, "archived", "1", &extra, &what, err);
	if (!rc && f.how != MATCH_UID && !str_empty(r->c.uid) && !str_eq(cur.uid, r->c.uid))
		rc = keep_aside(im, id, rec->source, "UID", r->c.uid, &extra, &what, err);
	if (!rc && !io_ieq(cur.display_name, r->c.display_name) && !derived_name(r)) {
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
	if (!rc && changed)
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
			if (f.how == MATCH_UID)
				report(im, "%s: merged by UID with #%lld %s: %s", r->c.display_name,
				       (long long)id, cur.display_name, sb_str(&what));
			else
				report(im, "%s: merged by email %s with #%lld %s: %s",
				       r->c.display_name, f.email, (long long)id, cur.display_name,
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
static enum kith_status
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

static void
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

static enum kith_status
apply_org_cards(struct imp *im, bool write, struct kith_err *err)
{
	enum kith_status rc = KITH_OK;

	for (size_t i = 0; i < im->n_cards && !rc; i++)
		rc = apply_org_card(im, &im->cards[i], write, err);
	org_cards_free(im);
	return rc;
}

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
		case IO_REC_CONTACT:
			rc = rec->u.contact.is_org ? merge_org(im, rec, &err) :
						     merge_contact(im, rec, &err);
			break;
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
	struct imp im = { db, o, st, err, KITH_OK, len, 0, {0}, 0, NULL, NULL, 0 };
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
	if ((rc = import_extra_last(db, &kept_after, err)) ||
	    (rc = contact_max_id(db, &im.made_above, err))) {
		kdb_batch_end(db, false, NULL);
		if (bulk)
			kdb_bulk_mode(db, false, NULL);
		return rc;
	}
	/* a vCard file of some size is read on a second thread as it is merged
	   (its reader shares nothing with this one; libical does) */
	if (fmt == IO_FMT_VCF && len >= PIPE_MIN_BYTES)
		io_parse_piped(parsers[fmt], buf, len, &sink, !local.skip_invalid);
	else
		parsers[fmt](buf, len, &sink);
	org_cache_clear(&im);
	free(im.orgs);
	if (!im.failed && (!o->dry_run || o->dry_run_in_batch) &&
	    (rc = contact_fts_defer(db, false, err)))
		im.failed = rc;
	if (!im.failed &&
	    (rc = apply_org_cards(&im, !o->dry_run || o->dry_run_in_batch, err)))
		im.failed = rc;
	/* the values kith has no column for, kept aside: the report counts them */
	if (!im.failed && (rc = import_extra_since(db, kept_after, &st->kept, err)))
		im.failed = rc;
	org_cards_free(&im);
	sb_free(&im.line);
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
		part(&sb, st->org_added, "organisation to add", "organisations to add");
		part(&sb, st->org_merged, "organisation to merge", "organisations to merge");
	} else {
		part(&sb, st->org_added, "organisation added", "organisations added");
		part(&sb, st->org_merged, "organisation merged", "organisations merged");
	}
	part(&sb, st->org_unchanged, "organisation unchanged", "organisations unchanged");
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
	part(&sb, st->possible_dups, "possible duplicate kept apart",
	     "possible duplicates kept apart");
	part(&sb, st->skipped + st->errors, "skipped", "skipped");
	part(&sb, st->kept, dry_run ? "field to keep aside" : "field kept aside",
	     dry_run ? "fields to keep aside" : "fields kept aside");
	if (!sb.len)
		sb_append(&sb, "nothing to import");
	snprintf(out, n, "%s", sb_str(&sb));
	sb_free(&sb);
}
