/*
 * import_internal.h: what the files of `kith import` share (import.c runs
 * it, import_contact.c merges contacts, import_record.c events, to-dos and
 * organisations' cards, import_common.c has what those two share: they call
 * down to it, never back into import.c). Nothing outside them includes it.
 */
#ifndef KITH_IMPORT_INTERNAL_H
#define KITH_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io_internal.h"
#include "kith/status.h"


/* One import: its database, options, counts and state. */
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
	   file names the same few hundred again and again), in a hash table.
	   Emptied when a record's writes are rolled back: its new ones go. */
	struct org_slot {
		char *name;
		int64_t id;
	} *orgs;                    /* orgs_cap slots (a power of two), orgs_n used */
	size_t orgs_cap, orgs_n;
	/* The import began with no contact (made_above is 0): every contact is
	   then one of its records, and a lookup by an email, a phone or a name
	   none of them had finds nothing. Their keys, to skip those lookups. */
	bool fresh;
	/* The import began with no follow-up: a to-do's lookup by title and
	   due date can only find one this import made, under a key kept in
	   keys (kind 't'). */
	bool fu_fresh;
	struct io_keyset keys;      /* 'e' email key, 'p' phone key, 'n' folded name,
				       't' a to-do's due date and title */
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

/* Add a line to the import's report ("FILE:LINE: ..."). */
void report(struct imp *im, const char *fmt, ...) KITH_PRINTF(2, 3);

/* The id of the organisation `name`, found or made, cached for the import. */
enum kith_status org_cached(struct imp *im, const char *name, int64_t *id, struct kith_err *err);
/* Forget the cached organisations (a record's writes were rolled back). */
void org_cache_clear(struct imp *im);

/* The keyset of a fresh import: whether key was in it under kind (it is now). */
bool keys_seen(struct imp *im, char kind, const char *key);
void keys_free(struct imp *im);


/* Keep the record's extra fields for entity id; *changed if any was new. */
enum kith_status put_extras(struct imp *im, const char *entity, int64_t id, const char *source,
			    const struct io_extra *x, size_t n, bool *changed,
			    struct kith_err *err);

/* A record merged into the database (import_contact.c, import_record.c). */
enum kith_status merge_contact(struct imp *im, const struct io_record *rec, struct kith_err *err);
enum kith_status merge_event(struct imp *im, const struct io_record *rec, struct kith_err *err);
enum kith_status merge_todo(struct imp *im, const struct io_record *rec, struct kith_err *err);
enum kith_status merge_org(struct imp *im, const struct io_record *rec, struct kith_err *err);

/* Organisations' cards, applied once the records are all in; then freed. */
enum kith_status apply_org_cards(struct imp *im, bool write, struct kith_err *err);
void org_cards_free(struct imp *im);

#endif
