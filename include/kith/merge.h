/*
 * merge.h: the lookups and small writes the importer (src/io/import.c)
 * merges records with, and the plain walks the exporter reads with.
 */
#ifndef KITH_MERGE_H
#define KITH_MERGE_H

#include <stdbool.h>
#include <stdint.h>

#include "kith/event.h"
#include "kith/status.h"

struct kdb;

/* The key two channels are the same person by: lower-cased email, phone digits. */
char *contact_channel_key(const char *kind, const char *value);

/* The (lowest-id) contact with this email or phone ("email", "phone"); KITH_NOTFOUND if none. */
enum kith_status contact_find_channel(struct kdb *db, const char *kind, const char *value,
				      int64_t *id_out, struct kith_err *err);
/*
** The contact with this UID, its own or one kept aside when a card was
** merged into it (by email, or by a duplicates merge); KITH_NOTFOUND if none.
*/
enum kith_status contact_find_uid(struct kdb *db, const char *uid, int64_t *id_out,
				  struct kith_err *err);
/*
** The contacts holding this email or phone, at most max of them, the
** channels written first first (one index seek, however many share it).
*/
enum kith_status contact_find_channel_first(struct kdb *db, const char *kind, const char *value,
					    int64_t *ids, int max, int *n_out,
					    struct kith_err *err);
/* The highest contact id (0 if none): the contacts an import makes are above it. */
enum kith_status contact_max_id(struct kdb *db, int64_t *id_out, struct kith_err *err);
/*
** A contact's (lowest-id) current role at org_id (0: in the seat `seat`,
** without organisation): its id and title ("" if none, newly allocated);
** KITH_NOTFOUND if it has none there.
*/
enum kith_status contact_role_at(struct kdb *db, int64_t contact_id, int64_t org_id,
				 const char *seat, int64_t *role_id, char **title,
				 struct kith_err *err);
enum kith_status role_set_title(struct kdb *db, int64_t role_id, const char *title,
				struct kith_err *err);
/*
** The seat ("District 3") of the role contact_current_org reads, when that
** role has no organisation; NULL if none.
*/
enum kith_status contact_current_seat(struct kdb *db, int64_t contact_id, char **seat,
				      struct kith_err *err);
/* A contact's display name, newly allocated ("" if none). */
char *contact_display_name(struct kdb *db, int64_t id);
/* Whether this (entity, id, name, value) is kept aside already. */
bool import_extra_has(struct kdb *db, const char *entity, int64_t entity_id, const char *name,
		      const char *value);
/*
** The contact whose folded name is name's and who holds a current role at
** the organisation `org` (folded); with org NULL or "", one with no current
** role. KITH_NOTFOUND if none.
*/
enum kith_status contact_find_name_org(struct kdb *db, const char *name, const char *org,
				       int64_t *id_out, struct kith_err *err);
/* Current roles of a contact: how many, and whether one is at org_id. */
enum kith_status contact_current_roles(struct kdb *db, int64_t contact_id, int64_t org_id,
				       int *n_out, bool *at_org, struct kith_err *err);

/*
** Keep an extra field unless the same (entity, id, name, value) is kept
** already; *added says whether a row was written.
*/
/* The largest id in import_extra (0 if none): what an import added came after it. */
enum kith_status import_extra_last(struct kdb *db, int64_t *id_out, struct kith_err *err);
/* How many import_extra rows have an id above `after`. */
enum kith_status import_extra_since(struct kdb *db, int64_t after, long *n_out,
				    struct kith_err *err);
enum kith_status import_extra_put(struct kdb *db, const char *entity, int64_t entity_id,
				  const char *source, const char *name, const char *value,
				  bool *added, struct kith_err *err);

/* Events and follow-ups by what identifies them in a calendar. */
enum kith_status event_find_title_start(struct kdb *db, const char *title, const char *start,
					int64_t *id_out, struct kith_err *err);
enum kith_status followup_find_uid(struct kdb *db, const char *uid, int64_t *id_out,
				   struct kith_err *err);
enum kith_status followup_find_title_due(struct kdb *db, const char *title, const char *due,
					 int64_t *id_out, struct kith_err *err);
/* The highest follow-up id (0 if none): the follow-ups an import makes are above it. */
enum kith_status followup_max_id(struct kdb *db, int64_t *id_out, struct kith_err *err);
enum kith_status followup_set_uid(struct kdb *db, int64_t id, const char *uid,
				  struct kith_err *err);
/* The follow-up's UID, newly allocated, or NULL. */
char *followup_uid(struct kdb *db, int64_t id);

/* A contact's attendance status at an event; KITH_NOTFOUND if not recorded. */
enum kith_status attendance_status(struct kdb *db, int64_t event_id, int64_t contact_id,
				   int *status_out, struct kith_err *err);

/*
** Walk ids in id order, `limit` at a time after `after` (0: from the
** first): the exporter's windows. *n_out ids are written to ids.
*/
enum kith_status contact_ids_after(struct kdb *db, int64_t after, int64_t *ids, int limit,
				   int *n_out, struct kith_err *err);
enum kith_status event_ids_after(struct kdb *db, int64_t after, int64_t *ids, int limit,
				 int *n_out, struct kith_err *err);
/* Open follow-ups only unless all. */
enum kith_status followup_ids_after(struct kdb *db, int64_t after, bool all, int64_t *ids,
				    int limit, int *n_out, struct kith_err *err);
/* The current role's organisation name and title of a contact (newest), "" if none. */
enum kith_status contact_current_org(struct kdb *db, int64_t contact_id, char **org,
				     char **title, struct kith_err *err);

/*
** A read transaction (a consistent snapshot for a long read such as an
** export); *started says whether one was begun (not inside another).
*/
enum kith_status kdb_read_begin(struct kdb *db, bool *started, struct kith_err *err);
void kdb_read_end(struct kdb *db, bool started);
/*
** The same for a short read of many statements that reads no goal (a
** card): goal progress is not brought up first. End it with kdb_read_end.
*/
enum kith_status kdb_read_snapshot(struct kdb *db, bool *started, struct kith_err *err);

/*
** Bulk writes (an import): a larger page cache, so a 100,000-record
** transaction does not spill to disk, and the writes inside a batch open
** no savepoints of their own
** (a failure must then roll back the enclosing batch, as an import does;
** kdb_batch_begin still opens one); off restores the defaults.
*/
enum kith_status kdb_bulk_mode(struct kdb *db, bool on, struct kith_err *err);

/*
** A large import's pages written once (on): the database leaves WAL for a
** rollback journal (synchronous FULL) for the import's length, when no
** other connection has it open and no transaction is open; off goes back
** to WAL. Only an optimisation: when the switch is refused nothing changes.
*/
void kdb_bulk_journal(struct kdb *db, bool on);

/*
** An import of contacts into a database with no contact, event, follow-up
** or interaction (on): its rows refer only to rows it made itself, so the
** foreign keys are checked once, by kdb_bulk_fk_check before it commits,
** rather than at every statement (each of which then needs a statement
** journal). Only outside a transaction; off turns them back on. Only an
** optimisation: when it does not apply nothing changes.
*/
void kdb_bulk_fk(struct kdb *db, bool on);
/* Inside the import's transaction: KITH_INVALID naming the first row that refers to no row. */
enum kith_status kdb_bulk_fk_check(struct kdb *db, struct kith_err *err);

/*
** Defer the contacts' full-text documents (on), or rebuild the deferred
** ones in one statement and stop deferring (off). Call inside a batch; a
** rollback undoes both.
*/
enum kith_status contact_fts_defer(struct kdb *db, bool on, struct kith_err *err);
/*
** Rows of a whole table for the JSON export, `limit` at a time after id
** `after`, in id order: each row as column names and values (NULL for SQL
** NULL) with is_num[i] telling numbers from text. *last_id is the last id
** seen, *n_out how many rows.
*/
enum dump_table { DUMP_ROLES, DUMP_RELATIONSHIPS, DUMP_PLACEMENT_MOVES, DUMP_MAP_TARGETS };
typedef int (*dump_row_fn)(void *ud, int ncols, const char *const *names,
			   const char *const *values, const bool *is_num);
enum kith_status db_dump_window(struct kdb *db, enum dump_table t, int64_t after, int limit,
				dump_row_fn fn, void *ud, int64_t *last_id, int *n_out,
				struct kith_err *err);

/*
** Recurring events (with an rrule) that start before `before` ("YYYY-MM-DD
** HH:MM"), in id order, at most limit: the series still running are shown
** at their next occurrence in the upcoming list.
*/
enum kith_status event_series_list(struct kdb *db, const char *before, int limit,
				   event_row_fn fn, void *ud, struct kith_err *err);

/* The extra fields kept for an entity, in the order they were kept. */
typedef int (*import_extra_fn)(void *ud, const char *source, const char *name,
			       const char *value);
enum kith_status import_extra_list(struct kdb *db, const char *entity, int64_t entity_id,
				   import_extra_fn fn, void *ud, struct kith_err *err);

#endif
