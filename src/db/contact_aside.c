/*
 * contact_aside.c: a new contact's search document, made as the import
 * writes it, for the thread that builds the index aside (fts_aside.c).
 *
 * The document is what the view contact_fts_doc (assets/schema.sql,
 * migration 12) gives, to the byte: FTS5 stores it (contact_fts keeps its
 * content) and tokenizes it. Its columns:
 *   name       display_name, then ' ' || name_key unless name_key is the
 *              name lower-cased (SQLite's lower(): ASCII only, which
 *              fts_aside.c checks before it begins);
 *   nicknames  each nickname (with ' ' || nick_key the same way), in the
 *              order of the table's key (contact_id, nickname): bytes;
 *   org, role  of each current role (no end date): its organisation's
 *              name, and title || ' ' || seat, in the order of the index
 *              role_by_contact, which for the one role a card gives is no
 *              order (a second one spoils the work: the SQL makes them);
 *   tags       the tags' names as the tag table holds them (the first
 *              spelling: names are unique without case), by tag id;
 *   notes      notes || ' ' || given || ' ' || family || ' ' || district.
 * contact_write_body calls db_aside_contact after inserting a contact, then
 * db_aside_nickname and db_aside_tag for each row it links; role_add calls
 * db_aside_role. The document of the contact being written is handed over
 * when the next one begins, or at the finish. Anything else (a nickname,
 * tag or role of another contact, a second role) notes the contact, whose
 * document the SQL then makes again; what goes around these calls is
 * caught by fts_aside.c's triggers and counts.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/idmap.h"
#include "kith/org.h"
#include "kith/str.h"
#include "kith/xalloc.h"

struct nick {
	char *nick, *key;
};

struct tag_ref {
	int64_t id;
	int name;                   /* its name: an index into names */
};

struct contact_docs {
	struct aside_ext ext;       /* first: fts_aside.c's handle */
	/* the contact being written (id 0: none); its texts, kept from one to the next */
	int64_t id;
	struct strbuf name, notes, role, nicks_text, tags_text;
	const char *org;            /* in names */
	struct nick *nicks;
	int n_nicks, cap_nicks;
	struct tag_ref *tags;
	int n_tags, cap_tags;
	bool has_role;
	/* tags by name (ASCII lower-cased, hashed) and organisations by id: names[] */
	struct idmap tag_pos, org_pos;
	int64_t *tag_ids;           /* the tag of names[i] (tag_pos), 0 for an organisation's */
	char **names;
	int n_names, cap_names;
};

/* SQLite's lower() on a UTF-8 text: ASCII letters only. */
static char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 'a' - 'A') : c;
}

/* Whether key is lower(s). */
static bool
is_lower_of(const char *key, const char *s)
{
	for (; *s; s++, key++)
		if (*key != ascii_lower(*s))
			return false;
	return !*key;
}

/* Append s, and ' ' key unless key is lower(s) (contact_fts_doc's name and nicknames). */
static void
with_key(struct strbuf *sb, const char *s, const char *key)
{
	sb_append(sb, s);
	if (!is_lower_of(key, s)) {
		sb_appendc(sb, ' ');
		sb_append(sb, key);
	}
}

/* Append the n texts joined by ' ' (NULL as '': the columns' default). */
static void
join(struct strbuf *sb, const char *const *texts, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			sb_appendc(sb, ' ');
		if (texts[i])
			sb_append(sb, texts[i]);
	}
}

static void
pending_clear(struct contact_docs *d)
{
	sb_reset(&d->name);
	sb_reset(&d->notes);
	sb_reset(&d->role);
	d->org = NULL;
	for (int i = 0; i < d->n_nicks; i++) {
		free(d->nicks[i].nick);
		free(d->nicks[i].key);
	}
	d->n_nicks = d->n_tags = 0;
	d->has_role = false;
	d->id = 0;
}

static int
nick_cmp(const void *a, const void *b)
{
	return strcmp(((const struct nick *)a)->nick, ((const struct nick *)b)->nick);
}

static int
tag_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct tag_ref *)a)->id, y = ((const struct tag_ref *)b)->id;

	return (x > y) - (x < y);
}

/* Hand the pending contact's document over, with what the checks count. */
static void
hand_over(struct kdb *db, struct contact_docs *d)
{
	const char *text[DB_ASIDE_COLS];

	if (!d->id)
		return;
	sb_reset(&d->nicks_text);
	if (d->n_nicks > 1)
		qsort(d->nicks, (size_t)d->n_nicks, sizeof *d->nicks, nick_cmp);
	for (int i = 0; i < d->n_nicks; i++) {
		if (i)
			sb_appendc(&d->nicks_text, ' ');
		with_key(&d->nicks_text, d->nicks[i].nick, d->nicks[i].key);
	}
	sb_reset(&d->tags_text);
	if (d->n_tags > 1)
		qsort(d->tags, (size_t)d->n_tags, sizeof *d->tags, tag_cmp);
	for (int i = 0; i < d->n_tags; i++) {
		if (i)
			sb_appendc(&d->tags_text, ' ');
		sb_append(&d->tags_text, d->names[d->tags[i].name]);
	}
	text[0] = sb_str(&d->name);
	text[1] = sb_str(&d->nicks_text);
	text[2] = d->org ? d->org : "";
	text[3] = sb_str(&d->role);
	text[4] = sb_str(&d->tags_text);
	text[5] = sb_str(&d->notes);
	db_aside_add(db, DB_ASIDE_CONTACT, d->id, text,
		     (const int[]){ d->n_nicks, d->n_tags, d->has_role });
	pending_clear(d);
}

static void
docs_end(struct kdb *db, struct aside_ext *x, bool use)
{
	struct contact_docs *d = (struct contact_docs *)x;

	if (use)
		hand_over(db, d);
	pending_clear(d);
	for (struct strbuf **sb = (struct strbuf *[]){ &d->name, &d->notes, &d->role,
						      &d->nicks_text, &d->tags_text, NULL };
	     *sb; sb++)
		sb_free(*sb);
	free(d->nicks);
	free(d->tags);
	idmap_free(&d->tag_pos);
	idmap_free(&d->org_pos);
	for (int i = 0; i < d->n_names; i++)
		free(d->names[i]);
	free(d->names);
	free(d->tag_ids);
	free(d);
}

/* The pending document of contact id, or NULL (none wanted; or another's: noted). */
static struct contact_docs *
pending(struct kdb *db, int64_t id)
{
	struct contact_docs *d;

	if (!db->aside || !(d = (struct contact_docs *)db_aside_ext(db, DB_ASIDE_CONTACT)))
		return NULL;
	if (d->id == id)
		return d;
	db_aside_spoil_row(db, DB_ASIDE_CONTACT, id);
	return NULL;
}

void
db_aside_contact(struct kdb *db, int64_t id, const struct kith_contact *c, const char *key)
{
	struct contact_docs *d;

	if (!db->aside || !db_aside_on(db, DB_ASIDE_CONTACT))
		return;
	if (!(d = (struct contact_docs *)db_aside_ext(db, DB_ASIDE_CONTACT))) {
		d = xcalloc(1, sizeof *d);
		d->ext.end = docs_end;
		db_aside_set_ext(db, DB_ASIDE_CONTACT, &d->ext);
	}
	hand_over(db, d);
	d->id = id;
	with_key(&d->name, c->display_name, key);
	join(&d->notes, (const char *const[]){ c->notes, c->given_name, c->family_name, c->district },
	     4);
}

void
db_aside_nickname(struct kdb *db, int64_t id, const char *nick, const char *key)
{
	struct contact_docs *d = pending(db, id);

	if (!d)
		return;
	/* the table keeps one of each (INSERT OR IGNORE) */
	for (int i = 0; i < d->n_nicks; i++)
		if (!strcmp(d->nicks[i].nick, nick))
			return;
	d->nicks = xgrow(d->nicks, d->n_nicks, &d->cap_nicks, 4, sizeof *d->nicks);
	d->nicks[d->n_nicks++] = (struct nick){ xstrdup(nick), xstrdup(key) };
}

/* A hash of name lower-cased as the tag table's NOCASE compares it. */
static int64_t
nocase_hash(const char *name)
{
	uint64_t h = 0xcbf29ce484222325u;       /* FNV-1a */

	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)ascii_lower(*p)) * 0x100000001b3u;
	return (int64_t)(h >> 1);
}

/* Keep name (a tag's, with its id; or an organisation's, id 0); its index. */
static int
keep_name(struct contact_docs *d, int64_t tag_id, const char *name)
{
	int cap = d->cap_names;

	d->names = xgrow(d->names, d->n_names, &d->cap_names, 16, sizeof *d->names);
	if (cap != d->cap_names)
		d->tag_ids = xreallocarray(d->tag_ids, (size_t)d->cap_names, sizeof *d->tag_ids);
	d->names[d->n_names] = xstrdup(name);
	d->tag_ids[d->n_names] = tag_id;
	return d->n_names++;
}

/* The tag named tag (without case) as the table holds it: its id and name; false if none. */
static bool
tag_find(struct kdb *db, struct contact_docs *d, const char *tag, struct tag_ref *out)
{
	static const char q[] = "SELECT id, name FROM tag WHERE name = ?1";
	int64_t h = nocase_hash(tag);
	int i = idmap_get(&d->tag_pos, h);
	sqlite3_stmt *st;
	bool found;

	/* (sqlite3_stricmp: NOCASE's own compare) */
	if (i >= 0 && !sqlite3_stricmp(d->names[i], tag)) {
		*out = (struct tag_ref){ d->tag_ids[i], i };
		return true;
	}
	if (!(st = db_stmt(db, q, NULL)))
		return false;
	sqlite3_bind_text(st, 1, tag, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		out->id = sqlite3_column_int64(st, 0);
		out->name = keep_name(d, out->id, (const char *)sqlite3_column_text(st, 1));
		/* a name whose hash another holds is looked up each time */
		if (i < 0)
			idmap_set(&d->tag_pos, h, out->name);
	}
	sqlite3_reset(st);
	return found;
}

void
db_aside_tag(struct kdb *db, int64_t id, const char *tag)
{
	struct contact_docs *d = pending(db, id);
	struct tag_ref t;

	if (!d)
		return;
	if (!tag_find(db, d, tag, &t)) {
		db_aside_spoil_row(db, DB_ASIDE_CONTACT, id);
		return;
	}
	/* the table keeps one link of each (INSERT OR IGNORE) */
	for (int i = 0; i < d->n_tags; i++)
		if (d->tags[i].id == t.id)
			return;
	d->tags = xgrow(d->tags, d->n_tags, &d->cap_tags, 4, sizeof *d->tags);
	d->tags[d->n_tags++] = t;
}

/* The name of organisation id, kept; NULL if there is none. */
static const char *
org_name(struct kdb *db, struct contact_docs *d, int64_t id)
{
	static const char q[] = "SELECT name FROM organisation WHERE id = ?1";
	int i = idmap_get(&d->org_pos, id);
	sqlite3_stmt *st;

	if (i >= 0)
		return d->names[i];
	if (!(st = db_stmt(db, q, NULL)))
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		i = keep_name(d, 0, (const char *)sqlite3_column_text(st, 0));
		idmap_set(&d->org_pos, id, i);
	}
	sqlite3_reset(st);
	return i >= 0 ? d->names[i] : NULL;
}

void
db_aside_role(struct kdb *db, const struct kith_role *r)
{
	struct contact_docs *d;

	if (!str_empty(r->end_date) || !(d = pending(db, r->contact_id)))
		return;
	if (d->has_role) {
		/* their order is the index's: the SQL's */
		db_aside_spoil_row(db, DB_ASIDE_CONTACT, r->contact_id);
		return;
	}
	if (r->org_id) {
		const char *org = org_name(db, d, r->org_id);
		if (!org) {
			db_aside_spoil_row(db, DB_ASIDE_CONTACT, r->contact_id);
			return;
		}
		d->org = org;
	}
	join(&d->role, (const char *const[]){ r->title, r->seat }, 2);
	d->has_role = true;
}
