/*
 * import_contact.c: a contact record of an import matched to a contact
 * (by UID, or email and names that agree) and merged into it, or added;
 * the rules are at the top of import.c.
 */
#include "import_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/db.h"
#include "kith/fold.h"
#include "kith/merge.h"
#include "kith/org.h"
#include "kith/types.h"
#include "kith/xalloc.h"

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

/*
** A fresh import (it began with no contact) keeps the keys of every record
** it looks up (every email, phone and name, as the lookups make them): every
** contact is then one of those records, and its emails, phones and name
** are theirs (a merge adds only the record's own). A key it had not kept
** cannot be in the database, and its lookup is skipped; one it had is
** looked up as always. The key is kept as it is asked for; or the parser
** kept them all, and says for each whether an earlier record had it
** (r->seen: the 'e' key i, the 'p' key i, the 'n' key, or the 'u' key: the
** record's UID, as it is).
*/
static bool
may_have(struct imp *im, const struct io_contact_rec *r, char kind, size_t i)
{
	const struct kith_contact *c = &r->c;
	const char *name = c->display_name;
	char *key;
	bool seen;

	if (!im->fresh)
		return true;
	if (r->seen)
		return r->seen[kind == 'e' ? i : kind == 'p' ? c->n_emails + i :
			       c->n_emails + c->n_phones + (kind == 'u')];
	key = kind == 'u' ? xstrdup(c->uid) :
	      kind == 'n' ? fold_text(name + contact_honorific_len(name, c->prefix)) :
	      contact_channel_key(kind == 'e' ? "email" : "phone",
				  kind == 'e' ? c->emails[i].value : c->phones[i].value);
	seen = keys_seen(im, kind, key);
	free(key);
	return seen;
}

/* The keys of a record find_contact left before its end (matched by UID). */
static void
note_keys(struct imp *im, const struct io_contact_rec *r)
{
	if (r->seen)
		return;         /* the parser kept them */
	for (size_t i = 0; i < r->c.n_emails; i++)
		may_have(im, r, 'e', i);
	for (size_t i = 0; i < r->c.n_phones; i++)
		may_have(im, r, 'p', i);
	may_have(im, r, 'n', 0);
}

/* Bytes of the record's name that are its honorific. */
static size_t
honorific(const struct io_contact_rec *r)
{
	return r->keys.mem ? r->keys.honorific :
	       contact_honorific_len(r->c.display_name, r->c.prefix);
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
	const char *name;
	int64_t id;

	memset(f, 0, sizeof *f);
	/* (a UID no earlier record of a fresh import had is nobody's yet) */
	if (!str_empty(r->c.uid) && may_have(im, r, 'u', 0)) {
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
		if (!may_have(im, r, 'e', i))
			continue;
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
		if (!may_have(im, r, 'p', i) || !phone_usable(r->c.phones[i].value))
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
	name = r->c.display_name + honorific(r);
	if (!may_have(im, r, 'n', 0))
		return KITH_OK;
	rc = contact_find_name_org(im->db, name, r->org, &id, err);
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

	/* the keys the parser made, if it did */
	if ((rc = contact_add_keyed(im->db, &r->c, r->keys.mem ? &r->keys : NULL, &id, err)))
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

enum kith_status
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
	/* without a match, find_contact kept every key of the record */
	if (im->fresh && f.how != MATCH_NONE)
		note_keys(im, r);
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
