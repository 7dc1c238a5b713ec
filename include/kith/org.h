/*
 * org.h: organisations, roles (positions and seats) and relationships.
 */
#ifndef KITH_ORG_H
#define KITH_ORG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;

struct kith_org {
	int64_t id;
	char *name;                 /* required */
	int kind;                   /* enum kith_org_kind */
	char *description;
	int influence;              /* 1..5; 0 unknown */
	int64_t parent_id;          /* 0: none */
};
void org_free(struct kith_org *o);

enum kith_status org_add(struct kdb *db, const struct kith_org *o, int64_t *id_out,
			 struct kith_err *err);
enum kith_status org_get(struct kdb *db, int64_t id, struct kith_org *out, struct kith_err *err);
enum kith_status org_update(struct kdb *db, const struct kith_org *o, struct kith_err *err);
enum kith_status org_delete(struct kdb *db, int64_t id, struct kith_err *err);
/*
** The organisation named `name` (folded comparison), created with kind
** "other" if absent when create is true. KITH_NOTFOUND if absent and !create.
*/
enum kith_status org_find(struct kdb *db, const char *name, bool create, int64_t *id_out,
			  struct kith_err *err);
/* Resolve an ORG argument: id, exact or unambiguous prefix (as contact_resolve). */
enum kith_status org_resolve(struct kdb *db, const char *arg, int64_t *id_out,
			     struct kith_err *err);

struct org_row {
	int64_t id;
	const char *name;
	int kind;
	int influence;
	long long members;          /* contacts with a current role here */
};
typedef int (*org_row_fn)(void *ud, const struct org_row *row);
/* Window by folded name, as contact_list. */
enum kith_status org_list(struct kdb *db, int64_t anchor, int dir, int limit, org_row_fn fn,
			  void *ud, struct kith_err *err);

struct kith_role {
	int64_t id;
	int64_t contact_id;
	int64_t org_id;             /* 0: a seat without organisation */
	char *seat;                 /* "District 3" or NULL */
	char *title;                /* "Chair" */
	char *start_date, *end_date;/* "YYYY-MM-DD" or NULL; end NULL = current */
};
void role_free(struct kith_role *r);
enum kith_status role_add(struct kdb *db, const struct kith_role *r, int64_t *id_out,
			  struct kith_err *err);
enum kith_status role_update(struct kdb *db, const struct kith_role *r, struct kith_err *err);
enum kith_status role_delete(struct kdb *db, int64_t id, struct kith_err *err);

struct role_row {
	int64_t id;
	int64_t contact_id;
	const char *contact_name;
	int64_t org_id;
	const char *org_name;       /* "" for a seat without organisation */
	const char *seat, *title;
	const char *start_date, *end_date;  /* "" when unset */
};
typedef int (*role_row_fn)(void *ud, const struct role_row *row);
/* Roles of a contact, current first, newest first. */
enum kith_status role_list_for_contact(struct kdb *db, int64_t contact_id, role_row_fn fn,
				       void *ud, struct kith_err *err);
/* The same for each of ids[0..n) in turn, in one query (a map's people). */
enum kith_status role_list_for_contacts(struct kdb *db, const int64_t *ids, size_t n,
					role_row_fn fn, void *ud, struct kith_err *err);
/* Holders of roles in an organisation (current only if current_only). */
enum kith_status role_list_for_org(struct kdb *db, int64_t org_id, bool current_only,
				   role_row_fn fn, void *ud, struct kith_err *err);

struct kith_relationship {
	int64_t id;
	int64_t a_id;               /* a contact */
	int64_t b_id;               /* another contact, or 0 ... */
	int64_t b_org_id;           /* ... an organisation */
	int type;                   /* enum kith_rel_type */
	int strength;               /* 1..3 */
	char *start_date, *end_date;/* end NULL: current */
	char *note, *source;
};
void relationship_free(struct kith_relationship *r);
enum kith_status relationship_add(struct kdb *db, const struct kith_relationship *r,
				  int64_t *id_out, struct kith_err *err);
enum kith_status relationship_update(struct kdb *db, const struct kith_relationship *r,
				     struct kith_err *err);
/* Mark a relationship past as of `end_date` (NULL: today). */
enum kith_status relationship_end(struct kdb *db, int64_t id, const char *end_date,
				  struct kith_err *err);
enum kith_status relationship_delete(struct kdb *db, int64_t id, struct kith_err *err);
/* One relationship (free with relationship_free); KITH_NOTFOUND if none. */
enum kith_status relationship_get(struct kdb *db, int64_t id, struct kith_relationship *out,
				  struct kith_err *err);

struct relationship_row {
	int64_t id;
	int64_t other_id;           /* the other contact (0 if an organisation) */
	int64_t other_org_id;
	const char *other_name;
	int type, strength;
	bool current;
	const char *start_date, *end_date, *note, *source;
	const char *other_last_at;  /* the other contact's last touch, "" */
	int64_t contact_id;         /* whose relationship: relationship_list_for_contacts; else 0 */
};
typedef int (*relationship_row_fn)(void *ud, const struct relationship_row *row);
/* Relationships of a contact (either side), current first. */
enum kith_status relationship_list_for_contact(struct kdb *db, int64_t contact_id,
					       relationship_row_fn fn, void *ud,
					       struct kith_err *err);
/* The same for each of ids[0..n) in turn (row.contact_id says whose), in one query. */
enum kith_status relationship_list_for_contacts(struct kdb *db, const int64_t *ids, size_t n,
						relationship_row_fn fn, void *ud,
						struct kith_err *err);
/*
** At most `limit` of them: current first, strongest first (for a contact
** card, where a hub with a thousand relationships must still be instant).
*/
enum kith_status relationship_list_for_contact_top(struct kdb *db, int64_t contact_id,
						   int limit, relationship_row_fn fn, void *ud,
						   struct kith_err *err);
/*
** Relationships of contacts with an organisation (b_org_id = org_id), current
** first: other_id is the contact, other_name its name, other_last_at its
** last touch; other_org_id is 0.
*/
enum kith_status relationship_list_for_org(struct kdb *db, int64_t org_id,
					   relationship_row_fn fn, void *ud, struct kith_err *err);

#endif
