/*
 * contact.c: contacts with their channels, nicknames and tags
 * (see kith/contact.h). Lists and name resolution are in contact_list.c.
 */
#include "ent.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/contact.h"
#include "kith/date.h"
#include "kith/str.h"
#include "kith/xalloc.h"

/* ---- validation -------------------------------------------------------------- */

static bool
birthday_valid(const char *s)
{
	struct kdate d;
	char buf[11];

	if (kdate_parse_iso(s, &d))
		return true;
	/* "--MM-DD": a birthday without a year; check it against a leap year */
	if (strlen(s) != 7 || s[0] != '-' || s[1] != '-')
		return false;
	snprintf(buf, sizeof buf, "2000%s", s + 1);
	return kdate_parse_iso(buf, &d);
}

static enum kith_status
check_channels(const char *what, const struct kith_channel *ch, size_t n, struct kith_err *err)
{
	for (size_t i = 0; i < n; i++) {
		if (db_check_text(what, ch[i].label, err) || db_check_text(what, ch[i].value, err))
			return KITH_INVALID;
		if (str_empty(ch[i].value))
			return kith_err_set(err, KITH_INVALID, "%s: must not be empty", what);
	}
	return KITH_OK;
}

/*
** Check every field of c; on the first problem set err naming the field and
** value and return KITH_INVALID.
*/
static enum kith_status
contact_validate(const struct kith_contact *c, struct kith_err *err)
{
	const struct { const char *name; const char *v; } texts[] = {
		{ "display name", c->display_name }, { "prefix", c->prefix },
		{ "given name", c->given_name },
		{ "family name", c->family_name }, { "pronouns", c->pronouns },
		{ "address", c->address }, { "district", c->district },
		{ "birthday", c->birthday }, { "how met", c->how_met }, { "notes", c->notes },
		{ "uid", c->uid },
	};

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (db_check_text(texts[i].name, texts[i].v, err))
			return KITH_INVALID;
	/* blank: nothing but what str_trim takes away */
	if (!c->display_name || !c->display_name[strspn(c->display_name, " \t\n\r\v\f")])
		return kith_err_set(err, KITH_INVALID, "display name: must not be empty");
	if (c->influence < 0 || c->influence > 5)
		return kith_err_set(err, KITH_INVALID, "influence %d: must be 1 to 5", c->influence);
	if (c->alignment < -2 || c->alignment > 2)
		return kith_err_set(err, KITH_INVALID, "alignment %d: must be -2 to +2",
				    c->alignment);
	if (c->tier && (c->tier < 'A' || c->tier > 'D'))
		return kith_err_set(err, KITH_INVALID, "tier %c: must be A, B, C or D",
				    isprint((unsigned char)c->tier) ? c->tier : '?');
	if (c->cadence_days < -1 || c->cadence_days > 3650)
		return kith_err_set(err, KITH_INVALID, "cadence %d: must be 0 to 3650 days",
				    c->cadence_days);
	if (!str_empty(c->birthday) && !birthday_valid(c->birthday))
		return kith_err_set(err, KITH_INVALID,
				    "birthday %.40s: not a date (YYYY-MM-DD or --MM-DD)", c->birthday);
	if (check_channels("email", c->emails, c->n_emails, err) ||
	    check_channels("phone", c->phones, c->n_phones, err) ||
	    check_channels("handle", c->handles, c->n_handles, err))
		return KITH_INVALID;
	for (size_t i = 0; i < c->n_nicknames; i++)
		if (db_check_text("nickname", c->nicknames[i], err))
			return KITH_INVALID;
	for (size_t i = 0; i < c->n_tags; i++) {
		if (db_check_text("tag", c->tags[i], err))
			return KITH_INVALID;
		if (str_empty(c->tags[i]))
			return kith_err_set(err, KITH_INVALID, "tag: must not be empty");
	}
	return KITH_OK;
}

/* The key two channels are "the same" by (lower-cased email, phone digits),
   into out (room for value's length and a NUL); returns its length. */
static size_t
channel_key_into(bool phone, const char *value, char *out)
{
	size_t len = 0;

	if (phone) {
		for (const char *p = value; *p; p++)
			if (isdigit((unsigned char)*p) || (*p == '+' && len == 0))
				out[len++] = *p;
	} else {
		/* ASCII by hand (tolower is a call a character); the rest as before */
		for (const unsigned char *p = (const unsigned char *)value; *p; p++)
			out[len++] = *p < 0x80 ? (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p) :
						 (char)tolower(*p);
	}
	if (len == 0) {
		len = strlen(value);
		memcpy(out, value, len);
	}
	out[len] = '\0';
	return len;
}

char *
db_channel_key(const char *kind, const char *value)
{
	/* at most as long as the value: one buffer */
	char *key = xmalloc(strlen(value) + 1);

	channel_key_into(!strcmp(kind, "phone"), value, key);
	return key;
}

/* ---- writing the lists ------------------------------------------------------- */

/*
** Team mode: an edit keeps each channel's row (and key), the i-th of its
** kind taking the i-th value, so that the change another replica sees is
** the field that changed, and Ana's new email and Ben's new phone for the
** same person both survive a sync; the rows beyond the new list go. keep
** gets the rows' keys, in order (*n_keep of them). A solo edit writes the
** lists again (contact_write_body).
*/
static enum kith_status
kept_channels(struct kdb *db, int64_t id, const char *kind, int64_t **keep, size_t *n_keep,
	      struct kith_err *err)
{
	static const char q[] =
		"SELECT id FROM contact_channel WHERE contact_id = ?1 AND kind = ?2 "
		"ORDER BY position, id";

	*keep = NULL;
	*n_keep = 0;
	return db_id_list(db, db_query(db, q, err, "it", id, kind), keep, n_keep, "contact", err);
}

static enum kith_status
write_channels(struct kdb *db, int64_t id, const char *kind, const struct kith_channel *ch,
	       char *const *keys, size_t n, bool update, struct kith_err *err)
{
	static const char sql[] =
		"INSERT INTO contact_channel(contact_id, kind, label, value, value_key, position, id) "
		"VALUES (?, ?, ?, ?, ?, ?, :key)";
	static const char q_update[] =
		"UPDATE contact_channel SET contact_id = ?1, kind = ?2, label = ?3, value = ?4, "
		"value_key = ?5, position = ?6 WHERE id = ?7";
	static const char q_delete[] = "DELETE FROM contact_channel WHERE id = ?1";
	int64_t *keep = NULL;
	size_t n_keep = 0;
	enum kith_status rc = KITH_OK;

	if (update && (rc = kept_channels(db, id, kind, &keep, &n_keep, err)))
		return rc;
	for (size_t i = n; i < n_keep && !rc; i++)
		rc = db_run(db, q_delete, kind, err, "i", keep[i]);
	for (size_t i = 0; i < n && !rc; i++) {
		sqlite3_stmt *st;
		bool queued = false;

		/* an import's new contact: written with others later (pend.c) */
		if (i >= n_keep && (rc = db_pend_channel(db, id, kind, ch[i].label, ch[i].value,
							 keys[i], (int)i, &queued, err)))
			break;
		if (queued)
			continue;
		if (!(st = db_stmt(db, i < n_keep ? q_update : sql, err))) {
			rc = KITH_DB;
			break;
		}
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
		db_bind_text_static(st, 3, ch[i].label);
		db_bind_text_static(st, 4, ch[i].value);
		db_bind_text_static(st, 5, keys[i]);
		sqlite3_bind_int(st, 6, (int)i);
		if (i < n_keep)
			sqlite3_bind_int64(st, 7, keep[i]);
		if (!(rc = i < n_keep ? KITH_OK : db_key_bind(db, st, err)))
			rc = db_step_done(db, st, err, kind);
	}
	free(keep);
	return rc;
}

static enum kith_status
tag_link(struct kdb *db, int64_t id, const char *tag, struct kith_err *err)
{
	static const char ins_tag[] = "INSERT OR IGNORE INTO tag(name, id) VALUES (?, ?)";
	static const char link[] =
		"INSERT OR IGNORE INTO contact_tag(contact_id, tag_id) "
		"SELECT ?, id FROM tag WHERE name = ?";
	enum kith_status rc;
	char *t = xstrdup(tag);

	str_trim(t);
	if (!*t) {
		free(t);
		return KITH_OK;
	}
	if (!(rc = db_run(db, ins_tag, "tag", err, "tI", t, db_tag_key(db, t))))
		rc = db_run(db, link, "tag", err, "it", id, t);
	if (!rc && db->aside)
		db_aside_tag(db, id, t);
	free(t);
	return rc;
}

/* keep: team mode's edit, which keeps the channels' rows (write_channels). */
static enum kith_status
write_lists(struct kdb *db, int64_t id, const struct kith_contact *c,
	    const struct contact_keys *k, bool keep, struct kith_err *err)
{
	static const char nick[] =
		"INSERT OR IGNORE INTO contact_nickname(contact_id, nickname, nick_key) VALUES (?, ?, ?)";
	enum kith_status rc;

	if ((rc = write_channels(db, id, "email", c->emails, k->email, c->n_emails, keep, err)) ||
	    (rc = write_channels(db, id, "phone", c->phones, k->phone, c->n_phones, keep, err)) ||
	    (rc = write_channels(db, id, "handle", c->handles, k->handle, c->n_handles, keep,
				 err)))
		return rc;
	for (size_t i = 0; i < c->n_nicknames; i++) {
		sqlite3_stmt *st;
		if (str_empty(c->nicknames[i]))
			continue;
		if (!(st = db_stmt(db, nick, err)))
			return KITH_DB;
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, c->nicknames[i]);
		db_bind_text(st, 3, k->nick[i]);
		rc = db_step_done(db, st, err, "nickname");
		if (!rc && db->aside)
			db_aside_nickname(db, id, c->nicknames[i], k->nick[i]);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < c->n_tags; i++)
		if ((rc = tag_link(db, id, c->tags[i], err)))
			return rc;
	return KITH_OK;
}

static size_t
honorific_word(const char *s)
{
	static const char *const words[] = {
		"dr", "cllr", "councillor", "hon", "rep", "sen", "senator", "mayor", "rev", "revd",
		"prof", "mr", "mrs", "ms", "mx",
	};

	/* most names begin with no honorific's first letter */
	if (!*s || !strchr("dchrsmp", tolower((unsigned char)*s)))
		return 0;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t n;
		if (tolower((unsigned char)*s) != words[i][0])
			continue;       /* (an import asks for every name it adds) */
		n = strlen(words[i]);
		if (!strncasecmp(s, words[i], n)) {
			if (s[n] == '.')
				n++;
			if (s[n] == ' ')
				return n;
		}
	}
	return 0;
}

size_t
contact_honorific_len(const char *name, const char *hint)
{
	size_t len = 0, n;

	if (!name)
		return 0;
	if (!str_empty(hint) && !strncasecmp(name, hint, strlen(hint)) &&
	    name[strlen(hint)] == ' ')
		len = strlen(hint);
	else
		while ((n = honorific_word(name + len)))
			for (len += n; name[len] == ' '; len++)
				;
	while (name[len] == ' ')
		len++;
	/* a name that is only honorifics ("Dr. ") keeps them as its name */
	return name[len] ? len : 0;
}

/* s[0..n) and a NUL at *at, which moves past them */
static char *
put(char **at, const char *s, size_t n)
{
	char *r = *at;

	memcpy(r, s, n);
	r[n] = '\0';
	*at += n + 1;
	return r;
}

void
contact_keys_make(const struct kith_contact *c, struct contact_keys *k)
{
	const struct kith_channel *ch[3] = { c->emails, c->phones, c->handles };
	const size_t nch[3] = { c->n_emails, c->n_phones, c->n_handles };
	char **keys[3], **nick_tmp = NULL, *name_key, *at;
	struct kith_err err;        /* (its message is written only when the check fails) */
	size_t size, nptr = c->n_nicknames, n;
	const char *name = c->display_name ? c->display_name : "";

	memset(k, 0, sizeof *k);
	err.code = KITH_OK;
	err.msg[0] = '\0';
	if ((k->valid = contact_validate(c, &err)))
		k->why = xstrdup(err.msg);
	k->honorific = contact_honorific_len(name, c->prefix);
	name_key = db_name_key(name + k->honorific);
	/* one block: the lists of keys, then the texts */
	size = k->honorific + 1 + strlen(name_key) + 1;
	for (int j = 0; j < 3; j++) {
		nptr += nch[j];
		for (size_t i = 0; i < nch[j]; i++)
			size += strlen(ch[j][i].value ? ch[j][i].value : "") + 1;
	}
	if (c->n_nicknames) {
		nick_tmp = xcalloc(c->n_nicknames, sizeof *nick_tmp);
		for (size_t i = 0; i < c->n_nicknames; i++) {
			nick_tmp[i] = db_name_key(c->nicknames[i]);
			size += strlen(nick_tmp[i]) + 1;
		}
	}
	k->mem = xmalloc(nptr * sizeof(char *) + size);
	at = (char *)k->mem + nptr * sizeof(char *);
	for (int j = 0; j < 3; j++) {
		keys[j] = (char **)k->mem + (j ? nch[0] : 0) + (j == 2 ? nch[1] : 0);
		for (size_t i = 0; i < nch[j]; i++) {
			keys[j][i] = at;
			at += channel_key_into(j == 1, ch[j][i].value ? ch[j][i].value : "", at) + 1;
		}
	}
	k->email = keys[0];
	k->phone = keys[1];
	k->handle = keys[2];
	k->nick = (char **)k->mem + nch[0] + nch[1] + nch[2];
	for (size_t i = 0; i < c->n_nicknames; i++) {
		k->nick[i] = put(&at, nick_tmp[i], strlen(nick_tmp[i]));
		free(nick_tmp[i]);
	}
	free(nick_tmp);
	n = k->honorific;
	k->prefix = str_trim(put(&at, name, n));
	k->name_key = put(&at, name_key, strlen(name_key));
	free(name_key);
	if (str_empty(c->uid))
		db_uuid(k->uid);
}

void
contact_keys_free(struct contact_keys *k)
{
	free(k->mem);
	free(k->why);
	memset(k, 0, sizeof *k);
}

/*
** The columns contact_get reads (the tier and the cadence by hand); from
** given_name on, ?3..?17 of the writes (bind_contact).
*/
static const struct db_field contact_f[] = {
	DB_F(I64, struct kith_contact, id), DB_F(DUP, struct kith_contact, display_name),
	DB_F(DUP, struct kith_contact, given_name), DB_F(DUP, struct kith_contact, family_name),
	DB_F(DUP, struct kith_contact, pronouns), DB_F(DUP, struct kith_contact, address),
	DB_F(DUP, struct kith_contact, district), DB_F(OPT, struct kith_contact, birthday),
	DB_F(DUP, struct kith_contact, how_met), DB_F(ID, struct kith_contact, met_event_id),
	DB_F(ID, struct kith_contact, introducer_id), DB_F(INT, struct kith_contact, influence),
	DB_F(INT, struct kith_contact, alignment), DB_FSKIP, DB_FSKIP,
	DB_F(DUP, struct kith_contact, notes), DB_F(BOOL, struct kith_contact, archived),
	DB_FC(struct kith_contact, created_at), DB_FC(struct kith_contact, updated_at),
	DB_FC(struct kith_contact, last_at), DB_F(DUP, struct kith_contact, prefix),
	DB_F(DUP, struct kith_contact, uid), DB_F(INT, struct kith_contact, rhythm_days),
};
static const struct db_fields contact_fields = DB_FIELDS(struct kith_contact, contact_f);
static const struct db_fields contact_write_fields = { sizeof(struct kith_contact), 15,
						       contact_f + 2 };

/* Bind the contact's own columns as parameters 1..18 and 20..22 (see the SQL below);
   the texts without copies: c, key, prefix and now outlive the step. */
static void
bind_contact(sqlite3_stmt *st, const struct kith_contact *c, const char *key,
	     const char *prefix, const char *now)
{
	char tier[2] = { c->tier, 0 };

	db_bind_fields(st, 3, &contact_write_fields, c);
	db_bind_text_static(st, 1, c->display_name);
	db_bind_text_static(st, 2, key);
	db_bind_text_static(st, 21, prefix);
	if (!c->influence)
		sqlite3_bind_null(st, 12);
	db_bind_text_null(st, 14, c->tier ? tier : NULL);
	if (c->cadence_days >= 0)
		sqlite3_bind_int(st, 15, c->cadence_days);
	db_bind_text_static(st, 18, now);
	sqlite3_bind_int(st, 20, 5 - c->influence);
	db_bind_text_null_static(st, 22, c->uid);
}

static enum kith_status
check_refs(struct kdb *db, const struct kith_contact *c, struct kith_err *err)
{
	enum kith_status rc;

	if (c->met_event_id && (rc = ent_has(db, ENT_EVENT, c->met_event_id, err)))
		return rc;
	if (c->introducer_id && c->introducer_id == c->id)
		return kith_err_set(err, KITH_INVALID,
				    "introducer: a contact cannot introduce themselves");
	return c->introducer_id ? ent_has(db, ENT_CONTACT, c->introducer_id, err) : KITH_OK;
}

/* A contact written: added (update false; id out) or updated (row id), with its keys. */
struct contact_w {
	const struct kith_contact *c;
	bool update;
	int64_t id;
	const struct contact_keys *k;
};

static enum kith_status
contact_write_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char q_insert[] =
		"INSERT INTO contact(display_name, name_key, given_name, family_name, pronouns, "
		"address, district, birthday, how_met, met_event_id, introducer_id, influence, "
		"alignment, tier, cadence_days, notes, archived, created_at, updated_at, "
		"influence_rank, prefix, uid, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		"?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18, ?20, ?21, ?22, :key)";
	static const char q_update[] =
		"UPDATE contact SET display_name = ?1, name_key = ?2, given_name = ?3, "
		"family_name = ?4, pronouns = ?5, address = ?6, district = ?7, birthday = ?8, "
		"how_met = ?9, met_event_id = ?10, introducer_id = ?11, influence = ?12, "
		"alignment = ?13, tier = ?14, cadence_days = ?15, notes = ?16, archived = ?17, "
		"updated_at = ?18, influence_rank = ?20, prefix = ?21, uid = coalesce(?22, uid) "
		"WHERE id = ?19";
	/* an update writes the lists again */
	static const char clear_ch[] = "DELETE FROM contact_channel WHERE contact_id = ?";
	static const char clear_nick[] = "DELETE FROM contact_nickname WHERE contact_id = ?";
	static const char clear_tag[] = "DELETE FROM contact_tag WHERE contact_id = ?";
	static const char *const clears[] = { clear_ch, clear_nick, clear_tag };
	struct contact_w *w = ctx;
	const struct kith_contact *c = w->c;
	sqlite3_stmt *st;
	enum kith_status rc;
	const struct contact_keys *k = w->k;
	char now[20];

	/* an update reads the contact's channels (by the index on them) */
	if ((rc = check_refs(db, c, err)) || (w->update && (rc = db_lookup_ready(db, err))))
		return rc;
	if (!(st = db_stmt(db, w->update ? q_update : q_insert, err)))
		return KITH_DB;
	db_now(now);
	bind_contact(st, c, k->name_key, k->prefix, now);
	if (w->update)
		sqlite3_bind_int64(st, 19, w->id);
	else if (str_empty(c->uid))
		sqlite3_bind_text(st, 22, k->uid, -1, SQLITE_STATIC);
	if (w->update || !(rc = db_key_bind(db, st, err))) {
		/* an insert reads no channel and no role: those an import has
		   still to write wait (pend.c) */
		db_pend_quiet(db, w->update ? 0 : DB_PEND_CHANNELS | DB_PEND_ROLES);
		rc = db_step_done(db, st, err, "contact");
		db_pend_quiet(db, 0);
	}
	if (rc)
		return rc;
	if (!w->update) {
		w->id = sqlite3_last_insert_rowid(db->h);
		/* an import's: its search document made aside (contact_aside.c) */
		if (db->aside)
			db_aside_contact(db, w->id, c, k->name_key);
	} else if (sqlite3_changes(db->h) == 0) {
		return kith_err_set(err, KITH_NOTFOUND, "contact #%lld: no such contact",
				    (long long)w->id);
	}
	/* team mode: the channels' rows are kept (write_channels), not cleared */
	for (size_t i = db->replica ? 1 : 0; w->update && i < 3; i++)
		if ((rc = db_run(db, clears[i], "contact", err, "i", w->id)))
			return rc;
	return write_lists(db, w->id, c, k, w->update && db->replica, err);
}

/* The contact written (w), its keys made here when not given. */
static enum kith_status
contact_write(struct kdb *db, struct contact_w *w, struct kith_err *err)
{
	struct contact_keys own;
	enum kith_status rc;

	if (!w->k) {
		contact_keys_make(w->c, &own);
		w->k = &own;
	}
	rc = w->k->valid ? kith_err_set(err, w->k->valid, "%s", w->k->why) :
			   db_write(db, contact_write_body, w, err);
	if (w->k == &own)
		contact_keys_free(&own);
	return rc;
}

enum kith_status
contact_add_keyed(struct kdb *db, const struct kith_contact *c, const struct contact_keys *k,
		  int64_t *id_out, struct kith_err *err)
{
	struct contact_w w = { c, false, 0, k };
	enum kith_status rc;

	if ((rc = contact_write(db, &w, err)))
		return rc;
	if (id_out)
		*id_out = w.id;
	return KITH_OK;
}

enum kith_status
contact_add(struct kdb *db, const struct kith_contact *c, int64_t *id_out,
	    struct kith_err *err)
{
	return contact_add_keyed(db, c, NULL, id_out, err);
}

enum kith_status
contact_update(struct kdb *db, const struct kith_contact *c, struct kith_err *err)
{
	struct contact_w w = { c, true, c->id, NULL };

	return contact_write(db, &w, err);
}

/* One integer column of one contact: { sql with ?1 id, ?2 value, ?3 now; id; value }. */
struct contact_set_int {
	const char *sql;
	int64_t id, value;
};

static enum kith_status
contact_set_int_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	const struct contact_set_int *a = ctx;
	enum kith_status rc;
	char now[20];

	db_now(now);
	if ((rc = db_run(db, a->sql, "contact", err, "iit", a->id, a->value, now)))
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return kith_err_set(err, KITH_NOTFOUND, "contact #%lld: no such contact",
				    (long long)a->id);
	return KITH_OK;
}

enum kith_status
contact_delete(struct kdb *db, int64_t id, struct kith_err *err)
{
	return ent_delete(db, ENT_CONTACT, id, err);
}

enum kith_status
contact_set_archived(struct kdb *db, int64_t id, bool archived, struct kith_err *err)
{
	struct contact_set_int a = {
		"UPDATE contact SET archived = ?2, updated_at = ?3 WHERE id = ?1", id, archived
	};

	return db_write(db, contact_set_int_body, &a, err);
}

enum kith_status
contact_set_rhythm(struct kdb *db, int64_t id, int days, struct kith_err *err)
{
	struct contact_set_int a = {
		"UPDATE contact SET rhythm_days = ?2, updated_at = ?3 WHERE id = ?1", id, days
	};

	if (days < 0 || days > 3650)
		return kith_err_set(err, KITH_INVALID, "rhythm %d days: from 0 (none) to 3650", days);
	return db_write(db, contact_set_int_body, &a, err);
}

struct contact_tags {
	int64_t id;
	const char *const *tags;
	size_t n;
};

static enum kith_status
contact_tag_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	const struct contact_tags *x = ctx;
	enum kith_status rc;

	for (size_t i = 0; i < x->n; i++)
		if ((rc = tag_link(db, x->id, x->tags[i], err)))
			return rc;
	return KITH_OK;
}

enum kith_status
contact_tag_add(struct kdb *db, int64_t id, const char *const *tags, size_t n,
		struct kith_err *err)
{
	struct contact_tags x = { id, tags, n };
	enum kith_status rc;

	for (size_t i = 0; i < n; i++)
		if (db_check_text("tag", tags[i], err))
			return KITH_INVALID;
	if ((rc = ent_has(db, ENT_CONTACT, id, err)))
		return rc;
	return db_write(db, contact_tag_body, &x, err);
}

enum kith_status
contact_tag_remove(struct kdb *db, int64_t id, const char *tag, struct kith_err *err)
{
	static const char sql[] =
		"DELETE FROM contact_tag WHERE contact_id = ? AND tag_id = (SELECT id FROM tag WHERE name = ?)";

	return db_write_run(db, sql, "tag", err, "it", id, tag);
}

/* ---- reading -------------------------------------------------------------------- */

/* Append column 0 of each row of sql (?1 = id) to the n texts of *v. */
static enum kith_status
read_texts(struct kdb *db, const char *sql, int64_t id, char ***v, size_t *n,
	   struct kith_err *err)
{
	sqlite3_stmt *st = db_query(db, sql, err, "i", id);

	if (!st)
		return KITH_DB;
	while (sqlite3_step(st) == SQLITE_ROW) {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[(*n)++] = db_col_dup(st, 0);
	}
	sqlite3_reset(st);
	return KITH_OK;
}

static enum kith_status
read_lists(struct kdb *db, struct kith_contact *c, struct kith_err *err)
{
	static const char q_ch[] =
		"SELECT kind, label, value FROM contact_channel WHERE contact_id = ? "
		"ORDER BY kind, position, id";
	static const char q_nick[] =
		"SELECT nickname FROM contact_nickname WHERE contact_id = ? ORDER BY rowid";
	static const char q_tag[] =
		"SELECT t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
		"WHERE ct.contact_id = ? ORDER BY t.name";
	sqlite3_stmt *st;

	if (!(st = db_query(db, q_ch, err, "i", c->id)))
		return KITH_DB;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *kind = db_col_text(st, 0);
		struct kith_channel **arr;
		size_t *n;
		if (!strcmp(kind, "email"))
			arr = &c->emails, n = &c->n_emails;
		else if (!strcmp(kind, "phone"))
			arr = &c->phones, n = &c->n_phones;
		else
			arr = &c->handles, n = &c->n_handles;
		*arr = xreallocarray(*arr, *n + 1, sizeof **arr);
		(*arr)[*n].label = db_col_dup(st, 1);
		(*arr)[*n].value = db_col_dup(st, 2);
		(*n)++;
	}
	sqlite3_reset(st);
	if (read_texts(db, q_nick, c->id, &c->nicknames, &c->n_nicknames, err) ||
	    read_texts(db, q_tag, c->id, &c->tags, &c->n_tags, err))
		return KITH_DB;
	return KITH_OK;
}


enum kith_status
contact_get(struct kdb *db, int64_t id, struct kith_contact *out, struct kith_err *err)
{
	static const char sql[] =
		"SELECT c.id, display_name, given_name, family_name, pronouns, address, district, "
		"birthday, how_met, met_event_id, introducer_id, influence, alignment, tier, "
		"cadence_days, notes, archived, created_at, updated_at, s.last_at, c.prefix, c.uid, "
		"c.rhythm_days FROM contact c LEFT JOIN contact_stat s ON s.contact_id = c.id "
		"WHERE c.id = ?";
	sqlite3_stmt *st;
	enum kith_status rc;

	memset(out, 0, sizeof *out);
	if ((rc = db_lookup_ready(db, err)) || (rc = ent_row(db, sql, id, "contact", &st, err)))
		return rc;
	db_read(st, 0, &contact_fields, out);
	out->tier = db_col_text(st, 13)[0];
	out->cadence_days = sqlite3_column_type(st, 14) == SQLITE_NULL ? -1 :
			    sqlite3_column_int(st, 14);
	sqlite3_reset(st);
	if ((rc = read_lists(db, out, err))) {
		contact_free(out);
		return rc;
	}
	return KITH_OK;
}

enum kith_status
import_extra_add(struct kdb *db, const char *entity, int64_t entity_id, const char *source,
		 const char *name, const char *value, struct kith_err *err)
{
	static const char sql[] =
		"INSERT INTO import_extra(entity, entity_id, source, name, value, value_key, id) "
		"VALUES (?1, ?2, ?3, ?4, ?5, kith_value_key(?5), :key)";

	if (db_check_text("import field", name, err) || db_check_text("import value", value, err) ||
	    db_check_text("import source", source, err))
		return KITH_INVALID;
	return db_write_run(db, sql, "import field", err, "tittt-", entity, entity_id, source, name,
			    value);
}
