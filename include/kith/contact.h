/*
 * contact.h: people, their channels, nicknames, tags, and name resolution.
 *
 * Ownership: a struct kith_contact filled by contact_get() owns its strings
 * and arrays; release with contact_free(). Structs passed to contact_add()
 * or contact_update() are only read. String fields may be NULL (= empty).
 *
 * Lists are windows: contact_list() returns at most `limit` rows after (or
 * before) an anchor row in the chosen order, using the order's index, so a
 * page costs the same at row 10 as at row 99,990. Nothing here loads a
 * whole table.
 */
#ifndef KITH_CONTACT_H
#define KITH_CONTACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;

/* One email, phone or handle with its label ("work", "mobile", "mastodon"). */
struct kith_channel {
	char *label;
	char *value;
};

struct kith_contact {
	int64_t id;                 /* 0 for a new contact */
	char *display_name;         /* required, non-empty */
	/* The honorific the display name starts with ("Cllr.", "Rev. Dr."),
	   shown with the name and left out of its sort key. On a write, one
	   given here is kept if the name starts with it; else a known one
	   (contact_honorific_len) is found in the name; else "". */
	char *prefix;
	char *given_name, *family_name, *pronouns;
	char *address, *district;
	char *birthday;             /* "YYYY-MM-DD", "--MM-DD" (no year) or NULL */
	char *how_met;
	int64_t met_event_id;       /* 0: none */
	int64_t introducer_id;      /* 0: none */
	int influence;              /* 1..5; 0: unknown */
	int alignment;              /* -2..+2 */
	char tier;                  /* 'A'..'D'; 0: none */
	int cadence_days;           /* -1: the tier's; 0: none; >0: own cadence */
	char *notes;
	bool archived;
	struct kith_channel *emails;  size_t n_emails;
	struct kith_channel *phones;  size_t n_phones;
	struct kith_channel *handles; size_t n_handles;
	char **nicknames;           size_t n_nicknames;
	char **tags;                size_t n_tags;
	/*
	** The contact's stable identity (a vCard UID): kept for ever, the same
	** in every export. contact_add with NULL makes a UUID (version 7:
	** the time, then a counter and random bits, so in the order made);
	** contact_update with NULL keeps the one it has.
	*/
	char *uid;
	/* Filled by contact_get only: */
	int rhythm_days;            /* at most one contact every so many days; 0: none
				       (contact_set_rhythm writes it) */
	char created_at[20], updated_at[20];
	char last_at[17];           /* newest touch, "" if never */
};

/*
** Bytes of the honorifics display name `name` starts with, spaces after them
** included: "Cllr. Harriet Osei" -> 6. `hint` (may be NULL), e.g. a vCard's
** N prefix, counts when the name starts with it. Known ones, with or
** without a dot, in any case: Dr, Cllr, Councillor, Hon, Rep, Sen,
** Senator, Mayor, Rev, Revd, Prof, Mr, Mrs, Ms, Mx. 0 when there is none
** or nothing follows it.
*/
size_t contact_honorific_len(const char *name, const char *hint);

/*
** What a contact's write works out before its SQL: the check of every
** field, the honorific and the name's key, each channel's and nickname's
** key, a new UUID. contact_add makes it itself; contact_keys_make makes it
** apart (no database: any thread, as an import's parser does on its own),
** for contact_add_keyed, so that the writing thread does only SQL.
*/
struct contact_keys {
	enum kith_status valid;     /* the check: KITH_OK, or KITH_INVALID and why */
	char *why;
	size_t honorific;           /* bytes of the display name's honorific (contact_honorific_len) */
	char *prefix;               /* the honorific, trimmed ("" if none) */
	char *name_key;             /* the rest of the name, folded (fold_text) */
	char **email, **phone, **handle;    /* each channel's key, in the contact's order */
	char **nick;                /* each nickname's key */
	char uid[37];               /* a new UUID, for a contact without a UID */
	void *mem;                  /* one block: the above but why */
};
void contact_keys_make(const struct kith_contact *c, struct contact_keys *k);
void contact_keys_free(struct contact_keys *k);     /* (safe on a zeroed struct) */
/* contact_add with the keys made from c (k NULL: made here). */
enum kith_status contact_add_keyed(struct kdb *db, const struct kith_contact *c,
				   const struct contact_keys *k, int64_t *id_out,
				   struct kith_err *err);

/* Release everything a contact owns and zero it (safe on a zeroed struct). */
void contact_free(struct kith_contact *c);
/* Deep copy. */
void contact_copy(struct kith_contact *dst, const struct kith_contact *src);

/*
** Validate and insert a contact with all its lists. On success *id_out (if
** non-NULL) is the new id. KITH_INVALID names the bad field ("influence 9:
** must be 1 to 5"); nothing is written then.
*/
enum kith_status contact_add(struct kdb *db, const struct kith_contact *c,
			     int64_t *id_out, struct kith_err *err);
/* Fill *out (zeroed first) with contact `id`; KITH_NOTFOUND if none. */
enum kith_status contact_get(struct kdb *db, int64_t id, struct kith_contact *out,
			     struct kith_err *err);
/* Replace contact c->id entirely (lists too). */
enum kith_status contact_update(struct kdb *db, const struct kith_contact *c,
				struct kith_err *err);
/* Delete a contact; its interactions links, follow-ups, roles, placements go with it. */
enum kith_status contact_delete(struct kdb *db, int64_t id, struct kith_err *err);
enum kith_status contact_set_archived(struct kdb *db, int64_t id, bool archived,
				      struct kith_err *err);
/*
** A contact's rhythm: at most one contact every `days` days ("monthly at
** most": 30), which the review respects; 0: none. One write.
*/
enum kith_status contact_set_rhythm(struct kdb *db, int64_t id, int days, struct kith_err *err);
/* Add tags to a contact (existing ones are kept). */
enum kith_status contact_tag_add(struct kdb *db, int64_t id, const char *const *tags,
				 size_t n, struct kith_err *err);
enum kith_status contact_tag_remove(struct kdb *db, int64_t id, const char *tag,
				    struct kith_err *err);

enum contact_sort {
	CONTACT_SORT_NAME,          /* by folded name */
	CONTACT_SORT_LAST,          /* least recently contacted first, never first */
	CONTACT_SORT_INFLUENCE,     /* influence 5 first, unknown last; then name */
};

struct contact_query {
	enum contact_sort sort;
	const char *match;          /* incremental search text (words, prefixes); NULL: all */
	const char *tag;            /* only contacts with this tag; NULL: any */
	bool include_archived;
};

/* One row of the contacts list: what the list pane shows. */
struct contact_row {
	int64_t id;
	const char *name;
	const char *org;            /* current organisation of the newest role, "" if none */
	const char *role;           /* its title (or seat), "" if none */
	char tier;                  /* 0 if none */
	int influence;              /* 0 unknown */
	int alignment;
	const char *last_at;        /* "" never */
	const char *next_due;       /* earliest open follow-up due date, "" none */
	bool archived;
};

/*
** Called once per row; strings are valid only during the call. Return 0 to
** go on, non-zero to stop early.
*/
typedef int (*contact_row_fn)(void *ud, const struct contact_row *row);

/*
** The window of rows next to `anchor` in q's order: dir > 0 gives rows
** after anchor (anchor 0: from the first row) in order; dir < 0 gives rows
** before anchor (anchor 0: from the last row), nearest first, i.e. in
** reverse order. The anchor itself is not included. If anchor no longer
** exists (deleted meanwhile), returns KITH_NOTFOUND.
*/
enum kith_status contact_list(struct kdb *db, const struct contact_query *q,
			      int64_t anchor, int dir, int limit, contact_row_fn fn,
			      void *ud, struct kith_err *err);
/*
** A search (q->match) matching more than this many contacts is listed in
** the order contacts were added, whatever q->sort says, and contact_count
** stops counting at CONTACT_MATCH_CAP + 1: both keep every keystroke of an
** incremental search cheap at city scale.
*/
#define CONTACT_MATCH_CAP 250

/* How many rows q selects (for "row N of M"; call on open and after writes). */
enum kith_status contact_count(struct kdb *db, const struct contact_query *q,
			       long long *out, struct kith_err *err);
/*
** Diagnostics: SQLite's query plan for the window contact_list(db, q,
** anchor, dir, ...) would run, one line per plan step, newly allocated in
** *plan_out. Tests use it to prove every window seeks its index.
*/
enum kith_status contact_list_plan(struct kdb *db, const struct contact_query *q,
				   int64_t anchor, int dir, char **plan_out,
				   struct kith_err *err);
/* Fill a single row for contact id (for redraw after an edit). */
enum kith_status contact_row_get(struct kdb *db, int64_t id, contact_row_fn fn,
				 void *ud, struct kith_err *err);

/*
** Resolve a user's CONTACT argument: an id ("12" or "#12"), an exact name,
** or an unambiguous prefix of a name or nickname; diacritics and case are
** ignored ("zoe" finds "Zoë Ngô"). KITH_NOTFOUND if nothing matches;
** KITH_AMBIGUOUS if several do, with err listing up to eight candidates
** ("\"an\": ambiguous, could be: Ana Lima (#3), Anh Tran (#9) and 4 more").
** An exact name or nickname wins over longer names it prefixes; archived
** contacts resolve too.
*/
enum kith_status contact_resolve(struct kdb *db, const char *arg, int64_t *id_out,
				 struct kith_err *err);

/* Candidates for a name prefix (completion, pick lists), most recently contacted first. */
enum kith_status contact_candidates(struct kdb *db, const char *prefix, int limit,
				    contact_row_fn fn, void *ud, struct kith_err *err);

/* Keep an imported field kith does not understand (entity: "contact", ...). */
enum kith_status import_extra_add(struct kdb *db, const char *entity, int64_t entity_id,
				  const char *source, const char *name, const char *value,
				  struct kith_err *err);

#endif
